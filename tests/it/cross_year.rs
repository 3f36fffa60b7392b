//! The checks that link one year's report to the next: this year's 二、上年结转 must equal last
//! year's 四、结转下年度继续办理 in every column, and an indicator keeps its unit across years.
//! A passing and a failing fixture; the failing one's error text is a reviewed snapshot.

use crate::support::{assert_snapshot, text, TempSite};

#[test]
fn passes_when_carry_overs_chain_and_units_stay() {
    let site = TempSite::fixture("cross-year-ok");
    let out = site.run(&["check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("核对通过：2 份报告，0 条警告"), "{stdout}");
}

#[test]
fn errors_name_both_files_and_both_numbers_when_carry_over_differs() {
    let site = TempSite::fixture("cross-year-bad");
    let out = site.run(&["check"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    for part in [
        "content/testcounty/2021/report.yaml:36",
        "content/testcounty/2020/report.yaml:64",
        "本年「二、上年结转」= 3",
        "上年「四、结转下年度继续办理」= 1",
        "单位是「分」，但 2020 年报告中是「%」",
    ] {
        assert!(stderr.contains(part), "missing {part:?} in:\n{stderr}");
    }
    assert_snapshot("cross_year_bad.txt", &stderr);
    // Nothing is written when the content has errors.
    assert!(!site.path().join("public").exists());
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.path().join("public").exists());
}
