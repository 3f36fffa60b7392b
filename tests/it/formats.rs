//! The 2019 trial format: a report in it renders and passes, and blank cells stay blank.

use crate::support::{text, TempSite};

fn report_page() -> (TempSite, String) {
    let site = TempSite::fixture("trial-2019");
    site.build_ok();
    let page = site.read("public/trial-county/2019/index.html");
    (site, page)
}

#[test]
fn a_trial_format_report_builds_with_its_own_rows_and_heading() {
    let (site, page) = report_page();
    let (_, stderr) = text(&site.run(&["check"]));
    assert!(!stderr.contains("错误"), "{stderr}");
    assert!(page.contains("国办公开办函〔2019〕60号"), "format named");
    for label in [
        "本年新制作数量",
        "其他对外管理服务事项",
        "第二十条第（九）项",
        "采购总金额",
        "五、政府信息公开工作存在的主要问题及改进情况",
    ] {
        assert!(page.contains(label), "missing {label}");
    }
    // （六）其他处理 is one row in the trial format, with no numbered sub-rows.
    assert!(!page.contains("申请人无正当理由逾期不补正"));
    // Negative changes and amounts with their own unit are kept as written.
    assert!(page.contains(">-12<") && page.contains(">251000元<"));
}

#[test]
fn blank_cells_render_blank_never_zero() {
    let (_, page) = report_page();
    let row = page
        .split("<tr>")
        .find(|r| r.contains("（一）予以公开"))
        .expect("row （一）");
    let cells: Vec<&str> = row
        .split("<td")
        .skip(1)
        .map(|c| &c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()])
        .collect();
    assert_eq!(cells, ["12", "2", "", "", "1", "", ""]);
}

#[test]
fn blank_totals_are_warnings_not_errors() {
    let site = TempSite::fixture("trial-2019");
    let out = site.run(&["check"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("警告 1:") && stderr.contains("空白不等于 0"),
        "{stderr}"
    );
}

/// 赣州's 2021 report with 表三's 「（六）其他处理」 printed as one row, as some 2021-format
/// reports publish it.
fn single_other_site() -> TempSite {
    let site = TempSite::real();
    let yaml = "content/ganzhou/2021/report.yaml";
    let text = site.read(yaml);
    let start = text
        .find("    other:                                       # （六）其他处理")
        .unwrap();
    let end = text.find("    total:         [702").unwrap();
    site.write(
        yaml,
        format!(
            "{}    other:         [8, 1, 0, 0, 0, 0, 9]         # （六）其他处理（原文为一行）\n{}",
            &text[..start],
            &text[end..]
        ),
    );
    site
}

#[test]
fn a_2021_report_with_one_other_handling_row_builds_as_published() {
    let site = single_other_site();
    let out = site.build_ok();
    let (_, stderr) = text(&out);
    assert!(!stderr.contains("错误"), "{stderr}");
    let page = site.read("public/ganzhou/2021/index.html");
    // The 2021 表二, the single （六） row with its figures, no sub-rows, the variant named.
    assert!(page.contains("本年制发件数") && page.contains("本年废止件数"));
    assert!(page.contains("（六）其他处理"));
    assert!(
        !page.contains("申请人无正当理由逾期不补正"),
        "no sub-rows invented"
    );
    assert!(
        page.contains("「（六）其他处理」按试行格式为一行"),
        "the variant is said"
    );
    let t3 = crate::html::table(&page, "t3");
    let row = t3
        .body
        .iter()
        .find(|r| r.iter().any(|c| c.th && c.text == "（六）其他处理"))
        .expect("the （六） row");
    let figures: Vec<&str> = row
        .iter()
        .filter(|c| !c.th)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(figures, ["8", "1", "0", "0", "0", "0", "9"]);
    // Checked as published: a wrong figure in the single row breaks the identities.
    site.edit(
        "content/ganzhou/2021/report.yaml",
        "[8, 1, 0, 0, 0, 0, 9]",
        "[8, 1, 0, 0, 0, 0, 10]",
    );
    let (_, err) = text(&site.run(&["check"]));
    assert!(err.contains("表三「（六）其他处理」行"), "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/ganzhou/2021.json")).unwrap();
    assert_eq!(json["format"], "2021");
}
