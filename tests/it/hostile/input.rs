//! Content that is malformed, oversized, invisible or unsafe: a clear message naming the file
//! and line (exit 1), never a panic, `public/` untouched; or, for text that is merely unsafe,
//! a build that shows it harmlessly.

use std::path::PathBuf;

use super::{run_all, Case, BUILD};
use crate::support::TempSite;

const YAML: &str = "content/ganzhou/2021/report.yaml";
const MD: &str = "content/ganzhou/2021/report.md";
const BODY: &str = "content/ganzhou/body.yaml";
const CONTENT: i32 = 1;
const SETTINGS: i32 = 2;

fn edit(s: &TempSite, rel: &str, from: &str, to: &str) -> Vec<PathBuf> {
    s.edit(rel, from, to);
    vec![s.path().join("content")]
}

fn append(s: &TempSite, rel: &str, bytes: &[u8]) -> Vec<PathBuf> {
    let mut all = std::fs::read(s.path().join(rel)).unwrap();
    all.extend_from_slice(bytes);
    s.write(rel, all);
    vec![s.path().join("content")]
}

fn remove(s: &TempSite, rel: &str) -> Vec<PathBuf> {
    let p = s.path().join(rel);
    if p.is_dir() {
        std::fs::remove_dir_all(p).unwrap();
    } else {
        std::fs::remove_file(p).unwrap();
    }
    Vec::new()
}

/// A file of `size` bytes of plausible text.
fn big(size: usize) -> String {
    "根据《条例》编制本报告。\n".repeat(size / 37 + 1)
}

pub const CASES: &[Case] = &[
    // ------------------------------------------------------------ YAML as written
    Case {
        name: "yaml-malformed",
        input: "表三一行多写了一个逗号: [706,, …]",
        spoil: |s| {
            edit(
                s,
                YAML,
                "  new:             [706,",
                "  new:             [706,,",
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml:", "YAML 有误"],
        snapshot: Some("bad-malformed-yaml.txt"),
    },
    Case {
        name: "yaml-wrong-type",
        input: "数字写成汉字「五」",
        spoil: |s| edit(s, YAML, "[5, 0, 0, 0, 0, 0, 5]", "[五, 0, 0, 0, 0, 0, 5]"),
        args: BUILD,
        code: CONTENT,
        expect: &["「四、结转下年度继续办理」行「自然人」列"],
        snapshot: Some("bad-wrong-type.txt"),
    },
    Case {
        name: "yaml-unknown-keys",
        input: "carried_ovre 与 isuer 两个拼错的键",
        spoil: |s| {
            s.edit(YAML, "  carried_over:", "  carried_ovre:");
            edit(s, YAML, "issuer:", "isuer:")
        },
        args: BUILD,
        code: CONTENT,
        expect: &["carried_ovre", "isuer"],
        snapshot: Some("bad-unknown-key.txt"),
    },
    Case {
        name: "yaml-negative-count",
        input: "行政许可写成 -838105",
        spoil: |s| edit(s, YAML, "licensing: [838105]", "licensing: [-838105]"),
        args: BUILD,
        code: CONTENT,
        expect: &["不能为负数", "行政许可"],
        snapshot: Some("bad-negative.txt"),
    },
    Case {
        name: "yaml-fraction-count",
        input: "申请数写成 1.5",
        spoil: |s| edit(s, YAML, "[1, 0, 0, 0, 0, 0, 1]", "[1.5, 0, 0, 0, 0, 0, 1]"),
        args: BUILD,
        code: CONTENT,
        expect: &["应为整数", "自然人"],
        snapshot: None,
    },
    Case {
        name: "yaml-quoted-count",
        input: "申请数写成带引号的 \"12\"",
        spoil: |s| {
            edit(
                s,
                YAML,
                "[1, 0, 0, 0, 0, 0, 1]",
                "[\"12\", 0, 0, 0, 0, 0, 1]",
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["应为数字", "\"12\""],
        snapshot: None,
    },
    Case {
        name: "yaml-huge-count",
        input: "申请数写成 99999999999999999999",
        spoil: |s| {
            edit(
                s,
                YAML,
                "[1, 0, 0, 0, 0, 0, 1]",
                "[99999999999999999999, 0, 0, 0, 0, 0, 1]",
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml:60:", "数字 99999999999999999999 太大"],
        snapshot: None,
    },
    Case {
        name: "yaml-boolean-cell",
        input: "单元格写成 yes",
        spoil: |s| edit(s, YAML, "[1, 0, 0, 0, 0, 0, 1]", "[yes, 0, 0, 0, 0, 0, 1]"),
        args: BUILD,
        code: CONTENT,
        expect: &["应为数字"],
        snapshot: None,
    },
    Case {
        name: "yaml-short-row",
        input: "表三一行只写了 6 个数",
        spoil: |s| edit(s, YAML, "[1, 0, 0, 0, 0, 0, 1]", "[1, 0, 0, 0, 0, 1]"),
        args: BUILD,
        code: CONTENT,
        expect: &["应有 7 个数字", "实际写了 6 个"],
        snapshot: None,
    },
    Case {
        name: "yaml-row-not-a-list",
        input: "表四一行写成一个数",
        spoil: |s| {
            edit(
                s,
                YAML,
                "review:            [29, 5, 12, 2, 48]",
                "review: 48",
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["行政复议", "列表"],
        snapshot: None,
    },
    Case {
        name: "yaml-table-missing",
        input: "删掉整个 t4",
        spoil: |s| {
            let text = s.read(YAML);
            let cut = text.find("# 四、政府信息公开行政复议").unwrap();
            s.write(YAML, &text[..cut]);
            Vec::new()
        },
        args: BUILD,
        code: CONTENT,
        expect: &["t4"],
        snapshot: None,
    },
    Case {
        name: "yaml-block-missing",
        input: "表二缺少 item8",
        spoil: |s| {
            s.edit(YAML, "  item8:", "  #item8:");
            edit(s, YAML, "    fees: [151022.81]", "    #fees: [151022.81]")
        },
        args: BUILD,
        code: CONTENT,
        expect: &["表二缺少「第二十条第（八）项」"],
        snapshot: None,
    },
    Case {
        name: "yaml-not-a-mapping",
        input: "report.yaml 整个是一个列表",
        spoil: |s| {
            s.write(YAML, "- 1\n- 2\n");
            Vec::new()
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml", "YAML 有误"],
        snapshot: None,
    },
    Case {
        name: "yaml-empty",
        input: "report.yaml 是空文件",
        spoil: |s| {
            s.write(YAML, "");
            Vec::new()
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml", "YAML 有误"],
        snapshot: None,
    },
    Case {
        name: "yaml-format-unknown",
        input: "format: \"2020\"",
        spoil: |s| edit(s, YAML, "format: \"2021\"", "format: \"2020\""),
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml:3", "format 应为"],
        snapshot: None,
    },
    Case {
        name: "yaml-duplicate-key",
        input: "表三的 granted 写了两次，第二次在后面",
        spoil: |s| {
            edit(
                s,
                YAML,
                "    partial:       [30, 1, 0, 0, 0, 1, 32]",
                "    partial:       [30, 1, 0, 0, 0, 1, 32]\n    granted:       [1, 1, 1, 1, 1, 1, 6]",
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml:64:", "「granted」写了两次（第一次在第 62 行）"],
        snapshot: Some("bad-duplicate-key.txt"),
    },
    Case {
        name: "yaml-duplicate-top-key",
        input: "title 写了两次",
        spoil: |s| append(s, YAML, "title: 另一个标题\n".as_bytes()),
        args: BUILD,
        code: CONTENT,
        expect: &["「title」写了两次（第一次在第 4 行）"],
        snapshot: None,
    },
    Case {
        name: "yaml-deep-nesting",
        input: "report.yaml 末尾 100000 层 [（205 KB）",
        spoil: |s| append(s, YAML, format!("x: {}\n", "[".repeat(100_000)).as_bytes()),
        args: BUILD,
        code: CONTENT,
        expect: &["嵌套超过 16 层"],
        snapshot: None,
    },
    Case {
        name: "yaml-deep-block-nesting",
        input: "report.yaml 末尾 40 层缩进的键",
        spoil: |s| {
            let mut text = String::from("x:\n");
            for depth in 1..40 {
                text.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
            }
            append(s, YAML, text.as_bytes())
        },
        args: BUILD,
        code: CONTENT,
        expect: &["嵌套超过 16 层"],
        snapshot: None,
    },
    Case {
        name: "yaml-alias-bomb",
        input: "用锚点与别名层层展开（billion laughs）",
        spoil: |s| {
            let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            for (x, y) in ["ab", "bc", "cd", "de", "ef", "fg", "gh"].iter().map(|p| {
                let b = p.as_bytes();
                (b[1] as char, b[0] as char)
            }) {
                bomb.push_str(&format!(
                    "{x}: &{x} [*{y},*{y},*{y},*{y},*{y},*{y},*{y},*{y},*{y}]\n"
                ));
            }
            append(s, BODY, bomb.as_bytes())
        },
        args: BUILD,
        code: CONTENT,
        expect: &["body.yaml:", "锚点或别名"],
        snapshot: None,
    },
    Case {
        name: "yaml-too-large",
        input: "report.yaml 有 2 MB",
        spoil: |s| {
            append(
                s,
                YAML,
                format!("# {}\n", big(2 << 20).replace('\n', " ")).as_bytes(),
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml", "文件太大"],
        snapshot: None,
    },
    Case {
        name: "yaml-nul",
        input: "report.yaml 第 4 行里有一个 NUL 字节",
        spoil: |s| edit(s, YAML, "title: 赣州市2021年", "title: 赣州市\u{0}2021年"),
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml:4:", "U+0000（NUL）"],
        snapshot: Some("bad-nul-yaml.txt"),
    },
    Case {
        name: "yaml-escape-character",
        input: "body.yaml 里有 ESC 控制字符",
        spoil: |s| edit(s, BODY, "赣州市人民政府 ", "赣州市人民政府\u{1b}[31m "),
        args: BUILD,
        code: CONTENT,
        expect: &["body.yaml:2:", "U+001B"],
        snapshot: None,
    },
    Case {
        name: "yaml-non-utf8",
        input: "report.yaml 末尾是 GBK 编码的注释",
        spoil: |s| append(s, YAML, &[b'#', 0xd7, 0xdc, 0xcc, 0xe5, b'\n']),
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml", "UTF-8"],
        snapshot: None,
    },
    Case {
        name: "yaml-bom-and-crlf",
        input: "report.yaml 带 BOM、用 CRLF 换行（可以）",
        spoil: |s| {
            let text = s.read(YAML).replace('\n', "\r\n");
            s.write(YAML, format!("\u{feff}{text}"));
            Vec::new()
        },
        args: BUILD,
        code: 0,
        expect: &["151022.81"],
        snapshot: None,
    },
    Case {
        name: "yaml-script-in-title",
        input: "标题里有 <script>（转义后显示）",
        spoil: |s| {
            edit(
                s,
                YAML,
                "title: 赣州市2021年政府信息公开工作年度报告",
                "title: \"赣州市2021年<script>alert(1)</script>报告\"",
            )
        },
        args: BUILD,
        code: 0,
        expect: &["&lt;script&gt;alert(1)&lt;"],
        snapshot: None,
    },
    Case {
        name: "csv-formula-in-indicator",
        input: "指标名称以 = 开头（CSV 中加 ' 中和）",
        spoil: |s| {
            edit(
                s,
                YAML,
                "    label: 编发市政府公报",
                "    label: \"=HYPERLINK(\\\"http://x\\\",\\\"点我\\\")\"",
            )
        },
        args: BUILD,
        code: 0,
        expect: &["\"'=HYPERLINK("],
        snapshot: None,
    },
    Case {
        name: "indicator-key-not-ascii",
        input: "指标的键写成中文",
        spoil: |s| edit(s, YAML, "  gazette_issues:", "  公报期数:"),
        args: BUILD,
        code: CONTENT,
        expect: &["指标的键", "英文小写字母"],
        snapshot: None,
    },
    Case {
        name: "indicator-unknown-field",
        input: "指标多了一个 valu 字段",
        spoil: |s| edit(s, YAML, "    value: 6\n", "    valu: 6\n"),
        args: BUILD,
        code: CONTENT,
        expect: &["gazette_issues", "valu"],
        snapshot: None,
    },
    // ------------------------------------------------------------ Markdown
    Case {
        name: "md-missing-section",
        input: "删掉第五部分的标题",
        spoil: |s| edit(s, MD, "## 五、存在的主要问题及改进情况\n", ""),
        args: BUILD,
        code: CONTENT,
        expect: &["缺少第五部分"],
        snapshot: Some("bad-missing-section.txt"),
    },
    Case {
        name: "md-sections-out-of-order",
        input: "第三、四部分对调",
        spoil: |s| {
            s.edit(MD, "## 三、收到和处理", "## 四、收到和处理");
            edit(
                s,
                MD,
                "## 四、政府信息公开行政复议",
                "## 三、政府信息公开行政复议",
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.md:29:", "顺序不对"],
        snapshot: None,
    },
    Case {
        name: "md-seventh-section",
        input: "多了一个 ## 七、",
        spoil: |s| append(s, MD, "\n## 七、附件\n\n无。\n".as_bytes()),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md:", "七、附件"],
        snapshot: None,
    },
    Case {
        name: "md-reference-missing",
        input: "{{ t3.new.totl }}（列名拼错）",
        spoil: |s| edit(s, MD, "{{ t3.new.total }}", "{{ t3.new.totl }}"),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md:13:", "t3.new.totl"],
        snapshot: None,
    },
    Case {
        name: "md-reference-unclosed",
        input: "{{ t3.new.total 没有结尾",
        spoil: |s| edit(s, MD, "{{ t3.new.total }}", "{{ t3.new.total"),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md:13:", "缺少结尾的 }}"],
        snapshot: None,
    },
    Case {
        name: "md-reference-unknown-table",
        input: "{{ t9.new.total }}",
        spoil: |s| edit(s, MD, "{{ t3.new.total }}", "{{ t9.new.total }}"),
        args: BUILD,
        code: CONTENT,
        expect: &["应以 t2、t3、t4 或 ind 开头"],
        snapshot: None,
    },
    Case {
        name: "md-reference-unknown-indicator",
        input: "{{ ind.nothing }}",
        spoil: |s| edit(s, MD, "{{ ind.gazette_issues }}", "{{ ind.nothing }}"),
        args: BUILD,
        code: CONTENT,
        expect: &["没有名为 nothing 的指标"],
        snapshot: None,
    },
    Case {
        name: "md-nul",
        input: "report.md 第 41 行里有 NUL 字节",
        spoil: |s| edit(s, MD, "无。", "无\u{0}。"),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md:41:", "U+0000"],
        snapshot: None,
    },
    Case {
        name: "md-bell",
        input: "report.md 里有 BEL 控制字符",
        spoil: |s| edit(s, MD, "无。", "无\u{7}。"),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md:41:", "U+0007"],
        snapshot: None,
    },
    Case {
        name: "md-c1-control",
        input: "report.md 里有 U+0085（C1 控制字符）",
        spoil: |s| edit(s, MD, "无。", "无\u{85}。"),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md:41:", "U+0085"],
        snapshot: None,
    },
    Case {
        name: "md-too-large",
        input: "report.md 有 1.5 MB",
        spoil: |s| append(s, MD, big(3 << 19).as_bytes()),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md", "文件太大"],
        snapshot: None,
    },
    Case {
        name: "md-non-utf8",
        input: "report.md 末尾是 GBK 编码的「总体情况」",
        spoil: |s| {
            append(
                s,
                MD,
                &[0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6, b'\n'],
            )
        },
        args: BUILD,
        code: CONTENT,
        expect: &["report.md", "UTF-8"],
        snapshot: Some("bad-non-utf8.txt"),
    },
    Case {
        name: "md-raw-html",
        input: "正文里有 <script>、<img onerror> 和 javascript: 链接（显示为文字）",
        spoil: |s| {
            edit(
                s,
                MD,
                "无。",
                "无。<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1))",
            )
        },
        args: BUILD,
        code: 0,
        expect: &[
            "&lt;script&gt;alert(1)",
            "&lt;img src=x onerror=alert(1)&gt;",
            "点我",
        ],
        snapshot: None,
    },
    Case {
        name: "md-template-syntax",
        input: "正文里写 {% for %} 与 {# #}（按文字显示）",
        spoil: |s| edit(s, MD, "无。", "无。{% for x in y %}{# 注释 #}"),
        args: BUILD,
        code: 0,
        expect: &["{% for x in y %}{# 注释 #}"],
        snapshot: None,
    },
    Case {
        name: "md-heading-with-tags",
        input: "小标题里有 <条例>（目录里也显示）",
        spoil: |s| {
            edit(
                s,
                MD,
                "### （一）紧扣优化营商环境，深入推进主动公开",
                "### （一）落实<条例>，深入推进主动公开",
            )
        },
        args: BUILD,
        code: 0,
        expect: &["href=\"#s1-1\">（一）落实&lt;条例&gt;，深入推进主动公开"],
        snapshot: None,
    },
    // ------------------------------------------------------------ folders and files
    Case {
        name: "duplicate-body-year",
        input: "同一机关同一年份放在两个文件夹",
        spoil: |s| {
            crate::support::copy_tree(
                &s.path().join("content/ganzhou"),
                &s.path().join("content/ganzhou-copy"),
            );
            Vec::new()
        },
        args: BUILD,
        code: CONTENT,
        expect: &["出现两次"],
        snapshot: Some("bad-duplicate.txt"),
    },
    Case {
        name: "body-folder-chinese",
        input: "机关文件夹名用中文「赣州」",
        spoil: |s| {
            crate::support::copy_tree(
                &s.path().join("content/ganzhou"),
                &s.path().join("content/赣州"),
            );
            remove(s, "content/ganzhou")
        },
        args: BUILD,
        code: CONTENT,
        expect: &["文件夹名「赣州」"],
        snapshot: None,
    },
    Case {
        name: "body-folder-reserved",
        input: "机关文件夹名是保留的 data",
        spoil: |s| {
            crate::support::copy_tree(
                &s.path().join("content/ganzhou"),
                &s.path().join("content/data"),
            );
            remove(s, "content/ganzhou")
        },
        args: BUILD,
        code: CONTENT,
        expect: &["保留的名字"],
        snapshot: None,
    },
    Case {
        name: "year-folder-bad",
        input: "年度文件夹名写成「2021年」",
        spoil: |s| {
            std::fs::rename(
                s.path().join("content/ganzhou/2021"),
                s.path().join("content/ganzhou/2021年"),
            )
            .unwrap();
            Vec::new()
        },
        args: BUILD,
        code: CONTENT,
        expect: &["四位年份"],
        snapshot: None,
    },
    Case {
        name: "report-yaml-missing",
        input: "删掉 report.yaml",
        spoil: |s| remove(s, YAML),
        args: BUILD,
        code: CONTENT,
        expect: &["report.yaml", "缺少这个文件"],
        snapshot: None,
    },
    Case {
        name: "report-md-missing",
        input: "删掉 report.md",
        spoil: |s| remove(s, MD),
        args: BUILD,
        code: CONTENT,
        expect: &["report.md", "缺少这个文件"],
        snapshot: None,
    },
    Case {
        name: "body-yaml-missing",
        input: "删掉 body.yaml",
        spoil: |s| remove(s, BODY),
        args: BUILD,
        code: CONTENT,
        expect: &["body.yaml", "缺少这个文件"],
        snapshot: None,
    },
    Case {
        name: "body-yaml-unknown-key",
        input: "body.yaml 多了一个 nmae 键",
        spoil: |s| append(s, BODY, "nmae: 赣州\n".as_bytes()),
        args: BUILD,
        code: CONTENT,
        expect: &["body.yaml", "nmae"],
        snapshot: None,
    },
    Case {
        name: "body-yaml-duplicate-key",
        input: "body.yaml 的 name 写了两次",
        spoil: |s| append(s, BODY, "name: 赣州市\n".as_bytes()),
        args: BUILD,
        code: CONTENT,
        expect: &["body.yaml:7:", "「name」写了两次（第一次在第 2 行）"],
        snapshot: None,
    },
    Case {
        name: "report-folder-is-a-file",
        input: "content/ganzhou/2022 是个文件而不是文件夹（忽略）",
        spoil: |s| {
            s.write("content/ganzhou/2022", "x");
            Vec::new()
        },
        args: BUILD,
        code: 0,
        expect: &["赣州市2021年政府信息公开工作年度报告"],
        snapshot: None,
    },
    // ------------------------------------------------------------ site.toml and templates
    Case {
        name: "site-toml-nul",
        input: "site.toml 第 2 行里有 NUL",
        spoil: |s| {
            s.write("site.toml", "title = \"年报\"\nlanguage = \"zh\u{0}CN\"\n");
            Vec::new()
        },
        args: BUILD,
        code: SETTINGS,
        expect: &["site.toml", "第 2 行", "U+0000"],
        snapshot: None,
    },
    Case {
        name: "site-toml-too-large",
        input: "site.toml 有 2 MB",
        spoil: |s| {
            s.write(
                "site.toml",
                format!("# {}\n", big(2 << 20).replace('\n', " ")),
            );
            Vec::new()
        },
        args: BUILD,
        code: SETTINGS,
        expect: &["site.toml", "文件太大"],
        snapshot: None,
    },
    Case {
        name: "site-toml-unknown-key",
        input: "site.toml 写了 titel",
        spoil: |s| {
            s.write("site.toml", "titel = \"年报\"\n");
            Vec::new()
        },
        args: BUILD,
        code: SETTINGS,
        expect: &["site.toml", "titel"],
        snapshot: None,
    },
    Case {
        name: "site-toml-bad-base-url",
        input: "base_url = \"javascript:alert(1)\"",
        spoil: |s| {
            s.write("site.toml", "base_url = \"javascript:alert(1)\"\n");
            Vec::new()
        },
        args: BUILD,
        code: SETTINGS,
        expect: &["base_url 应以 https:// 或 http:// 开头"],
        snapshot: None,
    },
    Case {
        name: "site-toml-malformed",
        input: "site.toml 少了引号",
        spoil: |s| {
            s.write("site.toml", "title = 年报\n");
            Vec::new()
        },
        args: BUILD,
        code: SETTINGS,
        expect: &["site.toml", "配置有误"],
        snapshot: None,
    },
    Case {
        name: "template-broken",
        input: "templates/report.html 有未闭合的 {% if %}",
        spoil: |s| {
            s.write("templates/report.html", "{% if report %}没有结尾");
            Vec::new()
        },
        args: BUILD,
        code: SETTINGS,
        expect: &["模板错误", "report.html"],
        snapshot: None,
    },
    Case {
        name: "template-symlink",
        input: "templates/base.html 是符号链接",
        spoil: |s| {
            let base = s.path().join("templates/base.html");
            std::fs::create_dir_all(s.path().join("templates")).unwrap();
            std::fs::remove_file(&base).ok();
            std::os::unix::fs::symlink("/etc/hostname", base).unwrap();
            Vec::new()
        },
        args: BUILD,
        code: SETTINGS,
        expect: &["templates/base.html", "符号链接"],
        snapshot: None,
    },
];

#[test]
fn every_input_case_gives_its_message_and_leaves_public_as_it_was() {
    run_all(CASES);
}
