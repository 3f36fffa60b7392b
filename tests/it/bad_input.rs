//! Bad input: each mistake gives a clear message naming the file (and line), never a panic,
//! and a failed build leaves the previously built `public/` exactly as it was. Unsafe content
//! (script in YAML strings, raw HTML and `javascript:` links in Markdown) builds, made harmless.

use crate::support::{assert_snapshot, tree, TempSite};

const YAML: &str = "content/ganzhou/2021/report.yaml";
const MD: &str = "content/ganzhou/2021/report.md";

/// Builds the example site, lets `spoil` break it, and returns the failed build's message after
/// checking the exit code, the absence of a panic and that `public/` is untouched.
fn rejected(spoil: impl FnOnce(&TempSite)) -> String {
    let site = TempSite::real();
    site.build_ok();
    let before = tree(&site.path().join("public"));
    spoil(&site);
    site.build_fails_keeping(&before)
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let err = rejected(|s| {
        s.edit(
            YAML,
            "  new:             [706,",
            "  new:             [706,,",
        )
    });
    assert!(
        err.contains(&format!("{YAML}:")) && err.contains("YAML 有误"),
        "{err}"
    );
    assert_snapshot("bad-malformed-yaml.txt", &err);
}

#[test]
fn a_wrong_type_names_the_cell_in_the_forms_words() {
    let err = rejected(|s| s.edit(YAML, "[5, 0, 0, 0, 0, 0, 5]", "[五, 0, 0, 0, 0, 0, 5]"));
    assert!(
        err.contains("「四、结转下年度继续办理」行「自然人」列"),
        "{err}"
    );
    assert_snapshot("bad-wrong-type.txt", &err);
}

#[test]
fn an_unknown_key_is_rejected() {
    let err = rejected(|s| {
        s.edit(YAML, "  carried_over:", "  carried_ovre:");
        s.edit(YAML, "issuer:", "isuer:");
    });
    assert!(
        err.contains("carried_ovre") && err.contains("isuer"),
        "{err}"
    );
    assert_snapshot("bad-unknown-key.txt", &err);
}

#[test]
fn a_missing_section_is_named() {
    let err = rejected(|s| s.edit(MD, "## 五、存在的主要问题及改进情况\n", ""));
    assert!(err.contains("缺少第五部分"), "{err}");
    assert_snapshot("bad-missing-section.txt", &err);
}

#[test]
fn a_negative_count_is_rejected() {
    let err = rejected(|s| s.edit(YAML, "licensing: [838105]", "licensing: [-838105]"));
    assert!(
        err.contains("不能为负数") && err.contains("行政许可"),
        "{err}"
    );
    assert_snapshot("bad-negative.txt", &err);
}

#[test]
fn the_same_body_and_year_twice_is_rejected() {
    let err = rejected(|s| {
        crate::support::copy_tree(
            &s.path().join("content/ganzhou"),
            &s.path().join("content/ganzhou-copy"),
        )
    });
    assert!(err.contains("出现两次"), "{err}");
    assert_snapshot("bad-duplicate.txt", &err);
}

#[test]
fn a_non_utf8_file_is_named_with_a_hint() {
    let err = rejected(|s| {
        // "总体情况" in GBK.
        let mut bytes = s.read(MD).into_bytes();
        bytes.extend_from_slice(&[0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6, b'\n']);
        s.write(MD, bytes);
    });
    assert!(err.contains(MD) && err.contains("UTF-8"), "{err}");
    assert_snapshot("bad-non-utf8.txt", &err);
}

#[test]
fn a_reference_to_a_missing_figure_is_an_error() {
    let err = rejected(|s| s.edit(MD, "{{ t3.new.total }}", "{{ t3.new.totl }}"));
    assert!(
        err.contains("t3.new.totl") && err.contains(&format!("{MD}:")),
        "{err}"
    );
}

#[test]
fn script_in_a_yaml_string_is_escaped() {
    let site = TempSite::real();
    site.edit(
        YAML,
        "title: 赣州市2021年政府信息公开工作年度报告",
        "title: \"赣州市2021年<script>alert(1)</script>报告\"",
    );
    site.build_ok();
    let page = site.read("public/ganzhou/2021/index.html");
    assert!(
        !page.contains("<script>alert(1)"),
        "script tag reached the page"
    );
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;"),
        "title text not shown escaped"
    );
}

#[test]
fn raw_html_and_javascript_links_in_markdown_are_neutralised() {
    let site = TempSite::real();
    site.edit(
        MD,
        "无。",
        "无。<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1)) [官网](https://www.ganzhou.gov.cn/)",
    );
    site.build_ok();
    let page = site.read("public/ganzhou/2021/index.html");
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script>alert"), "script reached the page");
    assert!(!lower.contains("<img src=x"), "raw img reached the page");
    assert!(
        !lower.contains("javascript:"),
        "javascript: link reached the page"
    );
    assert!(
        page.contains("&lt;script&gt;"),
        "raw HTML should show as text"
    );
    assert!(page.contains("点我"), "link text is kept");
    assert!(page.contains("<a href=\"https://www.ganzhou.gov.cn/\">官网</a>"));
}
