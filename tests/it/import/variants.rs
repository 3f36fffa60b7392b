//! Reports as published, not as the form would have them: a 2021-format report whose 表三
//! prints 「（六）其他处理」 as one row imports as that variant, builds, and its page shows the
//! single row; a label with a known typo is recognised and reported, naming the original's
//! wording, and nothing is corrected.

use crate::support::text;

use super::{fixture, import_ok, imported, new_site, yaml};

const FILE: &str = "district-2023-single-other.txt";

#[test]
fn a_2021_report_with_one_other_handling_row_imports_as_published_and_builds() {
    let site = new_site();
    let stdout = import_ok(&site, &fixture(FILE), &["--body", "sample-district"]);
    let got = imported(&site, "sample-district", 2023);
    assert_eq!(got["format"], "2021", "{stdout}");
    assert_eq!(
        got["t3"]["results"]["other"],
        yaml("[3, 1, 0, 0, 0, 0, 4]"),
        "（六） as one row, no sub-items invented"
    );
    assert_eq!(
        got["t2"]["item1"]["normative"],
        yaml("[3, 1, 27]"),
        "the 2021 表二"
    );
    assert!(
        stdout.contains("「（六）其他处理」原文印成一行"),
        "{stdout}"
    );
    assert!(stdout.contains("勾稽关系 40 项通过，0 项不符"), "{stdout}");
    let raw = site.read("content/sample-district/2023/report.yaml");
    assert!(!raw.contains("no_correction"), "{raw}");

    let out = site.build_ok();
    let (_, stderr) = text(&out);
    assert!(!stderr.contains("错误"), "{stderr}");
    let page = site.read("public/sample-district/2023/index.html");
    assert!(
        page.contains("「（六）其他处理」按试行格式为一行"),
        "the variant is said"
    );
    assert!(
        !page.contains("申请人无正当理由逾期不补正"),
        "no sub-rows invented"
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
    assert_eq!(figures, ["3", "1", "0", "0", "0", "0", "4"]);
}

#[test]
fn a_known_typo_in_a_label_is_recognised_and_reported_in_the_original_wording() {
    let site = new_site();
    let stdout = import_ok(&site, &fixture(FILE), &["--body", "sample-district"]);
    assert!(
        stdout.contains("原文写作「其他法律行政止公开」")
            && stdout.contains("应为「其他法律行政法规禁止公开」"),
        "{stdout}"
    );
    let got = imported(&site, "sample-district", 2023);
    assert_eq!(
        got["t3"]["results"]["withheld"]["prohibited"],
        yaml("[1, 0, 0, 0, 0, 0, 1]")
    );
    // The auditor's table carries the warning too.
    let out = site.run(&[
        "import",
        fixture(FILE).to_str().unwrap(),
        "--dry-run",
        "--findings",
        "audit.csv",
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    let csv = site.read("audit.csv");
    let line = csv.lines().nth(1).unwrap();
    assert!(line.contains(",通过核对,"), "{csv}");
    assert!(line.contains("原文写作「其他法律行政止公开」"), "{csv}");
    // Without the typo the same file imports without the warning.
    let fixed = std::fs::read_to_string(fixture(FILE))
        .unwrap()
        .replace("2.其他法律行政止公开", "2.其他法律行政法规禁止公开");
    site.write("fixed.txt", fixed);
    let out = site.run(&["import", "fixed.txt", "--dry-run"]);
    let (stdout, _) = text(&out);
    assert!(out.status.success() && !stdout.contains("错字"), "{stdout}");
}
