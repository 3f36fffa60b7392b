//! Each accounting identity of the national format: the example site (the real 赣州市 2021
//! report) passes them all; a copy with one figure changed fails with a reviewed message that
//! names the file, the line, the table, the row or column in the form's words, and the numbers.

use crate::support::{assert_snapshot, text, tree, TempSite};

const YAML: &str = "content/ganzhou/2021/report.yaml";

/// Applies one edit to a copy of the example site and returns what `check` printed, after
/// asserting that `check` and `build` both fail and the old output stays as it was.
fn failing(edits: &[(&str, &str)]) -> String {
    let site = TempSite::real();
    site.build_ok();
    let before = tree(&site.path().join("public"));
    for (from, to) in edits {
        site.edit(YAML, from, to);
    }
    let out = site.run(&["check"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    site.build_fails_keeping(&before);
    stderr
}

#[test]
fn the_real_report_passes_every_identity() {
    let site = TempSite::real();
    let out = site.run(&["check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("核对通过：1 份报告，0 条警告"),
        "{stdout}{stderr}"
    );
}

#[test]
fn errors_when_received_plus_carried_over_differs_from_processed_plus_carried_forward() {
    // 自然人: 707 + 1 ≠ 702 + 5 (the row total moves with it, so only the column identity fails).
    let err = failing(&[(
        "new:             [706, 14, 2, 5, 4, 17, 748]",
        "new:             [707, 14, 2, 5, 4, 17, 749]",
    )]);
    assert!(
        err.contains("表三「自然人」列: 一 + 二 = 707 + 1 = 708"),
        "{err}"
    );
    assert_snapshot("identity-t3-column.txt", &err);
}

#[test]
fn errors_when_outcome_rows_do_not_add_up_to_the_total() {
    let err = failing(&[(
        "granted:       [470, 9, 2, 5, 4, 10, 500]",
        "granted:       [471, 9, 2, 5, 4, 10, 501]",
    )]);
    assert!(
        err.contains("各项之和 = 703，但「（七）总计」= 702"),
        "{err}"
    );
    assert_snapshot("identity-t3-outcomes.txt", &err);
}

#[test]
fn errors_when_a_row_total_is_not_the_sum_of_the_applicant_columns() {
    let err = failing(&[(
        "repeated:          [13, 0, 0, 0, 0, 0, 13]",
        "repeated:          [13, 0, 0, 0, 0, 0, 31]",
    )]);
    assert!(err.contains("表三「（五）2.重复申请」行"), "{err}");
    assert_snapshot("identity-t3-row.txt", &err);
}

#[test]
fn errors_when_a_review_or_lawsuit_total_is_wrong() {
    let err = failing(&[(
        "review:            [29, 5, 12, 2, 48]",
        "review:            [29, 5, 12, 2, 47]",
    )]);
    assert!(
        err.contains("表四「行政复议」行") && err.contains("= 48，但「总计」= 47"),
        "{err}"
    );
    assert_snapshot("identity-t4.txt", &err);
}

#[test]
fn all_findings_are_numbered_and_shown_together() {
    let err = failing(&[
        (
            "review:            [29, 5, 12, 2, 48]",
            "review:            [29, 5, 12, 2, 47]",
        ),
        (
            "direct_suit:       [13, 0, 2, 1, 16]",
            "direct_suit:       [13, 0, 2, 1, 61]",
        ),
    ]);
    assert!(err.contains("错误 1:") && err.contains("错误 2:"), "{err}");
    assert!(err.contains("内容有 2 处错误"), "{err}");
}

#[test]
fn a_blank_total_is_derived_and_a_wholly_blank_row_is_a_warning() {
    let site = TempSite::real();
    site.edit(
        YAML,
        "review:            [29, 5, 12, 2, 48]",
        "review:            [29, 5, 12, 2, ~]",
    );
    let out = site.run(&["build"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("表四"),
        "a derivable total is no warning: {stderr}"
    );
    let page = site.read("public/ganzhou/2021/index.html");
    assert!(
        page.contains("行政复议「总计」48"),
        "the derived total is named on the page"
    );
    site.edit(
        YAML,
        "direct_suit:       [13, 0, 2, 1, 16]",
        "direct_suit:       [~, ~, ~, ~, ~]",
    );
    let out = site.run(&["build"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("表四有 1 行整行空白，其「总计」无从推算，未核对"),
        "{stderr}"
    );
}
