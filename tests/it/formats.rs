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
