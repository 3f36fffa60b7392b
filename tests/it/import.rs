//! `nianbao import`: published reports in every shape (page text, a portal page in UTF-8 and
//! GBK, Word, Excel on one sheet and on several, .xls, .ods, PDF, the 2019 trial format) become
//! the same checked YAML and Markdown, every figure where the original printed it; the seed's
//! import builds a page that passes the fidelity checks, and reading that page back gives the
//! same files byte for byte. PDF files are in `import/pdf.rs`, format variants and label typos
//! in `import/variants.rs`. Bad input (in `import/bad.rs`) and the auditor's dry run over a
//! folder (in `import/audit.rs`) end with a clear Chinese message, never a panic.
//!
//! The fixtures are in `tests/fixtures/import/`; `tests/fixtures/README.md` says how each was
//! made.

mod audit;
mod bad;
mod pdf;
mod variants;

use std::path::PathBuf;

use serde_yaml::Value;

use crate::support::{repo, text, TempSite};

/// A fixture of `tests/fixtures/import/` (or `seed/` for the seed text).
pub fn fixture(name: &str) -> PathBuf {
    let seed = repo().join("tests/fixtures/seed").join(name);
    if seed.is_file() {
        return seed;
    }
    repo().join("tests/fixtures/import").join(name)
}

/// An empty site, as `nianbao init` makes it.
pub fn new_site() -> TempSite {
    let site = TempSite::empty();
    let out = site.run(&["init", "."]);
    assert!(out.status.success(), "{:?}", text(&out));
    site
}

/// Runs `nianbao import <file> <args…>` in `site`, asserting it succeeded; returns stdout.
pub fn import_ok(site: &TempSite, file: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["import", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = site.run(&all);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stdout
}

pub fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("valid YAML")
}

/// Every number leaf (table cell) below `t2`, `t3` and `t4`, by path; blank cells as `~`.
pub fn leaves(v: &Value) -> Vec<(String, String)> {
    fn walk(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
        match v {
            Value::Mapping(m) => {
                for (k, v) in m {
                    walk(v, &format!("{at}.{}", k.as_str().unwrap()), out);
                }
            }
            Value::Sequence(s) => {
                for (i, c) in s.iter().enumerate() {
                    let cell = match c {
                        Value::Null => "~".to_string(),
                        Value::Number(n) => n.to_string(),
                        Value::String(s) => s.clone(),
                        other => panic!("cell {other:?} at {at}"),
                    };
                    out.push((format!("{at}[{i}]"), cell));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for t in ["t2", "t3", "t4"] {
        walk(&v[t], t, &mut out);
    }
    out
}

/// The published figures of 赣州市 2021, as typed by hand into the example site.
pub fn published() -> Value {
    yaml(&std::fs::read_to_string(repo().join("content/ganzhou/2021/report.yaml")).unwrap())
}

pub fn imported(site: &TempSite, body: &str, year: u16) -> Value {
    yaml(&site.read(&format!("content/{body}/{year}/report.yaml")))
}

#[test]
fn the_seed_text_imports_to_the_published_figures_and_builds_a_faithful_page() {
    let site = new_site();
    let stdout = import_ok(&site, &fixture("ganzhou-2021.txt"), &["--body", "ganzhou"]);
    let got = imported(&site, "ganzhou", 2021);
    let want = published();
    assert_eq!(leaves(&got), leaves(&want));
    assert_eq!(leaves(&got).len(), 200, "T2 8 + T3 25×7 + T4 15 cells");
    for key in ["format", "title", "issuer", "date"] {
        assert_eq!(got[key], want[key], "{key}");
    }
    // Proposed indicators are figures the narrative states, each the published one.
    let proposed = got["indicators"].as_mapping().unwrap();
    assert_eq!(proposed.len(), 4, "{stdout}");
    for (id, ind) in proposed {
        assert_eq!(ind["value"], want["indicators"][id]["value"], "{id:?}");
        assert_eq!(ind["unit"], want["indicators"][id]["unit"], "{id:?}");
    }
    let raw = site.read("content/ganzhou/2021/report.yaml");
    assert!(
        raw.contains("# 原文：2021年，我市主动公开政府信息52.17万条"),
        "{raw}"
    );
    assert!(stdout.contains("放入数字 200 个，空白 0 格"), "{stdout}");
    assert!(stdout.contains("勾稽关系 42 项通过，0 项不符"), "{stdout}");
    assert_eq!(
        yaml(&site.read("content/ganzhou/body.yaml"))["name"],
        "赣州市"
    );
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{:?}", text(&check));
    site.build_ok();
    crate::fidelity::check_page(&site.read("public/ganzhou/2021/index.html"));
}

#[test]
fn importing_the_page_that_was_built_gives_the_same_files_byte_for_byte() {
    let site = new_site();
    import_ok(&site, &fixture("ganzhou-2021.txt"), &["--body", "ganzhou"]);
    let first_yaml = site.read("content/ganzhou/2021/report.yaml");
    let first_md = site.read("content/ganzhou/2021/report.md");
    site.build_ok();
    let page = site.path().join("public/ganzhou/2021/index.html");
    import_ok(&site, &page, &["--body", "ganzhou", "--force"]);
    assert_eq!(site.read("content/ganzhou/2021/report.yaml"), first_yaml);
    assert_eq!(site.read("content/ganzhou/2021/report.md"), first_md);
}

#[test]
fn a_portal_page_word_and_excel_files_import_to_the_same_numbers() {
    let want = leaves(&published());
    for file in [
        "ganzhou-2021.html",
        "ganzhou-2021-gbk.html",
        "ganzhou-2021.docx",
        "ganzhou-2021.xlsx",
        "ganzhou-2021-sheets.xlsx",
        "ganzhou-2021-sheets.xls",
        "ganzhou-2021-sheets.ods",
    ] {
        let site = new_site();
        let stdout = import_ok(&site, &fixture(file), &["--body", "ganzhou"]);
        assert_eq!(leaves(&imported(&site, "ganzhou", 2021)), want, "{file}");
        assert!(
            stdout.contains("勾稽关系 42 项通过，0 项不符"),
            "{file}: {stdout}"
        );
    }
}

/// The text layer of a PDF, as `pdftotext -layout` prints it: rows of a label and figures
/// between runs of spaces, long labels broken over lines, group labels one character per line.
#[test]
fn a_pdfs_text_layer_imports_to_the_same_report() {
    let seed = new_site();
    import_ok(&seed, &fixture("ganzhou-2021.txt"), &["--body", "ganzhou"]);
    let site = new_site();
    import_ok(
        &site,
        &fixture("ganzhou-2021-layout.txt"),
        &["--body", "ganzhou"],
    );
    let yaml = "content/ganzhou/2021/report.yaml";
    assert_eq!(site.read(yaml), seed.read(yaml));
    site.build_ok();
    crate::fidelity::check_page(&site.read("public/ganzhou/2021/index.html"));
}

#[test]
fn the_portal_pages_text_is_the_seeds_without_menus_footer_or_information_line() {
    let seed = new_site();
    import_ok(&seed, &fixture("ganzhou-2021.txt"), &["--body", "ganzhou"]);
    for file in [
        "ganzhou-2021.html",
        "ganzhou-2021-gbk.html",
        "ganzhou-2021.docx",
    ] {
        let site = new_site();
        import_ok(&site, &fixture(file), &["--body", "ganzhou"]);
        for f in [
            "content/ganzhou/2021/report.yaml",
            "content/ganzhou/2021/report.md",
        ] {
            assert_eq!(site.read(f), seed.read(f), "{file}: {f}");
        }
    }
}

#[test]
fn the_2019_trial_format_keeps_blank_cells_blank_and_zeros_zero() {
    let site = new_site();
    let stdout = import_ok(
        &site,
        &fixture("trial-2019.txt"),
        &["--body", "trial-county"],
    );
    let got = imported(&site, "trial-county", 2019);
    assert_eq!(
        got["format"], "2019",
        "the format comes from the tables' labels"
    );
    let want = yaml(
        &std::fs::read_to_string(
            repo().join("tests/fixtures/sites/trial-2019/content/trial-county/2019/report.yaml"),
        )
        .unwrap(),
    );
    assert_eq!(leaves(&got), leaves(&want));
    assert!(
        got["t3"]["results"]["granted"][6].is_null(),
        "blank total stays blank"
    );
    assert_eq!(got["t3"]["results"]["partial"][1], 0, "0 stays 0");
    assert_eq!(got["t2"]["item9"]["procurement"][1], "251000元");
    assert!(stdout.contains("2019 格式"), "{stdout}");
    assert!(stdout.contains("20 个空白的总计按同行数字推算"), "{stdout}");
    assert!(stdout.contains("项因合计空白且无从推算未核对"), "{stdout}");
    let md = site.read("content/trial-county/2019/report.md");
    assert!(
        md.contains("## 五、政府信息公开工作存在的主要问题及改进情况"),
        "{md}"
    );
    assert!(
        md.contains("提升答复质量。"),
        "lines broken mid-sentence are rejoined: {md}"
    );
    site.build_ok();
}

/// A county portal's page as many are built: the page laid out in nested tables, the title
/// only in the breadcrumb trail, full-width labels numbered 「1、」, the 2019 form's word
/// 「规范性文件」, a thousands separator, a column of 「—」, 表四 printed as three rows, and the
/// office and date side by side in a table.
#[test]
fn a_portal_page_laid_out_in_tables_imports_every_figure_where_it_stands() {
    let site = new_site();
    let file = fixture("county-2022-layout-table.html");
    let stdout = import_ok(&site, &file, &["--body", "sample-county-x"]);
    let got = imported(&site, "sample-county-x", 2022);
    assert_eq!(got["title"], "示例县2022年政府信息公开工作年度报告");
    assert_eq!(got["issuer"], "示例县人民政府办公室");
    assert_eq!(got["date"], "2023-01-20");
    assert_eq!(got["t2"]["item1"]["normative"], yaml("[5, 2, 48]"));
    assert_eq!(got["t2"]["item5"]["licensing"], yaml("[1200]"));
    assert_eq!(
        got["t2"]["item8"]["fees"],
        yaml("['12.50']"),
        "the printed digits, 0 kept"
    );
    let t3 = &got["t3"];
    assert_eq!(t3["new"], yaml("[20, 2, ~, 0, 1, 0, 23]"), "「—」 is blank");
    assert_eq!(
        t3["results"]["unavailable"]["not_held"],
        yaml("[5, 1, ~, 0, 0, 0, 6]")
    );
    assert_eq!(
        t3["results"]["other"]["other"],
        yaml("[0, 0, ~, 0, 0, 0, 0]")
    );
    assert_eq!(t3["carried_forward"], yaml("[1, 0, ~, 0, 0, 0, 1]"));
    assert_eq!(got["t4"]["review"], yaml("[1, 0, 0, 0, 1]"));
    assert_eq!(got["t4"]["suit_after_review"], yaml("[0, 0, 0, 0, 0]"));
    assert_eq!(got["indicators"]["hotline_satisfaction"]["value"], "96.80");
    assert!(stdout.contains("0 项不符"), "{stdout}");
    let md = site.read("content/sample-county-x/2022/report.md");
    assert!(!md.contains("版权所有") && !md.contains("网站首页"), "{md}");
    site.build_ok();
}

#[test]
fn never_overwrites_without_force() {
    let site = new_site();
    import_ok(&site, &fixture("ganzhou-2021.txt"), &["--body", "ganzhou"]);
    site.edit(
        "content/ganzhou/2021/report.md",
        "无。",
        "无。（本机关补充说明）",
    );
    let again = site.run(&[
        "import",
        fixture("ganzhou-2021.html").to_str().unwrap(),
        "--body",
        "ganzhou",
    ]);
    let (_, stderr) = text(&again);
    assert_eq!(again.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("已存在，不会覆盖") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(site
        .read("content/ganzhou/2021/report.md")
        .contains("本机关补充说明"));
    import_ok(
        &site,
        &fixture("ganzhou-2021.html"),
        &["--body", "ganzhou", "--force"],
    );
    assert!(!site
        .read("content/ganzhou/2021/report.md")
        .contains("本机关补充说明"));
}

#[test]
fn an_existing_body_keeps_its_file_and_names_the_report() {
    let site = TempSite::real();
    std::fs::remove_dir_all(site.path().join("content/ganzhou/2021")).unwrap();
    let before = site.read("content/ganzhou/body.yaml");
    let stdout = import_ok(&site, &fixture("ganzhou-2021.docx"), &["--body", "ganzhou"]);
    assert_eq!(site.read("content/ganzhou/body.yaml"), before);
    assert!(!stdout.contains("body.yaml"), "{stdout}");
    let raw = site.read("content/ganzhou/2021/report.yaml");
    assert!(raw.starts_with("# 赣州市人民政府 2021 年"), "{raw}");
    site.build_ok();
}
