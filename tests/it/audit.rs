//! Across years and bodies: 表二's 现行有效件数 chained from one year to the next, and the
//! 核对情况 page and CSV (who published what and when, what is missing, what failed).

use crate::support::{text, TempSite};

const SAMPLE_2023: &str = "content/sample-county/2023/report.yaml";

#[test]
fn a_break_in_the_in_force_chain_is_a_warning_naming_both_files() {
    let site = TempSite::example();
    let (_, clean) = text(&site.run(&["check"]));
    assert!(
        !clean.contains("不衔接"),
        "the sample keeps the chain: {clean}"
    );
    site.edit(
        SAMPLE_2023,
        "normative: [15, 4, 200]",
        "normative: [15, 4, 470]",
    );
    let out = site.run(&["check"]);
    let (_, said) = text(&out);
    assert!(out.status.success(), "a warning, not an error: {said}");
    assert!(
        said.contains("content/sample-county/2023/report.yaml:25: 表二「行政规范性文件」现行有效件数与上年不衔接：上年现行有效 189（content/sample-county/2022/report.yaml:25）+ 本年制发 15 − 本年废止 4 = 200，但本年现行有效件数 = 470"),
        "{said}"
    );
    // The next year breaks too (470 + 16 − 5 ≠ 211): each year is held to the one before.
    assert!(said.contains("2024/report.yaml:25"), "{said}");
    // It can be acknowledged like any other finding.
    site.write(
        SAMPLE_2023,
        format!(
            "{}acknowledged:\n  - id: t2.chain.normative\n    note: 原文如此：本年清理后重新统计。\n",
            site.read(SAMPLE_2023)
        ),
    );
    let (_, said) = text(&site.run(&["check"]));
    assert!(
        said.contains("（已确认：原文如此：本年清理后重新统计。）"),
        "{said}"
    );
}

/// The example site with a late report, a year missing between two others, and a report that
/// fails its checks, built with --keep-going.
fn audited() -> (TempSite, std::process::Output) {
    let site = TempSite::example();
    site.edit(
        "content/ganzhou/2021/report.yaml",
        "date: 2022-03-09",
        "date: 2022-01-20\npublished: 2022-02-08",
    );
    std::fs::remove_dir_all(site.path().join("content/sample-county/2022")).unwrap();
    site.edit(
        "content/sample-county/2020/report.yaml",
        "new:",
        "new:              [1, 1, 1, 1, 1, 1, 1]\n  old_new:",
    );
    let out = site.run(&["build", "--keep-going"]);
    (site, out)
}

#[test]
fn without_keep_going_a_failed_report_stops_the_build() {
    let site = TempSite::example();
    site.edit(
        "content/sample-county/2020/report.yaml",
        "new:",
        "new:              [1, 1, 1, 1, 1, 1, 1]\n  old_new:",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.path().join("public").exists());
}

#[test]
fn the_audit_shows_late_missing_and_failed_reports() {
    let (site, out) = audited();
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("有 1 份报告未通过核对，没有发布"),
        "{stderr}"
    );
    assert!(!site
        .path()
        .join("public/sample-county/2020/index.html")
        .exists());
    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"audit/index.html\">核对情况</a>"),
        "linked from home"
    );
    let overview = site.read("public/audit/index.html");
    assert!(
        overview.contains("href=\"../audit/2021/index.html\">2021 年</a>"),
        "years linked"
    );
    // Late: published 2022-02-08, after 2022-01-31.
    let y2021 = site.read("public/audit/2021/index.html");
    let ganzhou = y2021
        .split("<tr")
        .find(|r| r.contains("赣州市人民政府"))
        .unwrap();
    assert!(
        ganzhou.contains("2022-02-08") && ganzhou.contains(">逾期<"),
        "{ganzhou}"
    );
    // Missing: 2022, between the sample body's 2021 and 2023.
    let y2022 = site.read("public/audit/2022/index.html");
    let sample = y2022
        .split("<tr")
        .find(|r| r.contains("示例县人民政府"))
        .unwrap();
    assert!(
        sample.contains("缺少") && sample.contains("前后年度都有报告"),
        "{sample}"
    );
    // Failed: the 2020 report, with its error.
    let y2020 = site.read("public/audit/2020/index.html");
    let failed = y2020
        .split("<tr")
        .find(|r| r.contains("示例县人民政府"))
        .unwrap();
    assert!(
        failed.contains("未通过核对") && failed.contains("old_new"),
        "{failed}"
    );
    // The CSV says the same.
    let csv = site.read("public/data/audit.csv");
    assert!(
        csv.contains("sample-county,示例县人民政府,2022,缺少"),
        "{csv}"
    );
    assert!(
        csv.contains("sample-county,示例县人民政府,2020,未通过核对"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "ganzhou,赣州市人民政府,2021,已发布,2022-02-08,2022-01-20,是（晚于 2022-01-31）"
        ),
        "{csv}"
    );
    // Other bodies' years: 赣州 has only 2021, so it lacks the sample body's other years.
    assert!(csv.contains("ganzhou,赣州市人民政府,2024,缺少"), "{csv}");
}
