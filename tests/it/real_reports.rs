//! Real reports as published: blank totals derived from their rows, slips acknowledged with a
//! note, the narrative held to its tables, complete tables, exact numbers and real dates.
//!
//! The fixtures are the 2019 trial-format fixture (`tests/fixtures/sites/trial-2019`), whose
//! outcome rows leave their 总计 blank as a real 2019 report did, and the real 赣州 2021 report,
//! each changed by one thing per test.

use std::collections::BTreeMap;

use crate::html;
use crate::support::{text, tree, TempSite};

const TRIAL: &str = "content/trial-county/2019/report.yaml";
const TRIAL_MD: &str = "content/trial-county/2019/report.md";
const YAML: &str = "content/ganzhou/2021/report.yaml";
const MD: &str = "content/ganzhou/2021/report.md";

/// The trial fixture with 三（七）总计 stated, as the real report stated 805: every outcome
/// row's 总计 is blank and derived.
fn stated_grand_total(total: &str) -> TempSite {
    let site = TempSite::fixture("trial-2019");
    site.edit(
        TRIAL,
        "    total:      [30, 4, ~, ~, 1, ~, ~]",
        &format!("    total:      [30, 4, ~, ~, 1, ~, {total}]"),
    );
    site
}

/// The figures of the 表三 row whose labels include `label`, as the page prints them.
fn t3_row(page: &str, label: &str) -> Vec<String> {
    html::table(page, "t3")
        .body
        .iter()
        .find(|r| r.iter().any(|c| c.th && c.text.contains(label)))
        .unwrap_or_else(|| panic!("no 表三 row {label}"))
        .iter()
        .filter(|c| !c.th)
        .map(|c| c.text.clone())
        .collect()
}

/// Builds, then makes one change and expects a failed build that keeps `public/`.
fn fails_after(site: &TempSite, change: impl FnOnce(&TempSite)) -> String {
    site.build_ok();
    let before: BTreeMap<String, Vec<u8>> = tree(&site.path().join("public"));
    change(site);
    site.build_fails_keeping(&before)
}

#[test]
fn blank_row_totals_with_a_stated_grand_total_build_and_are_derived() {
    let site = stated_grand_total("35");
    let out = site.build_ok();
    let (_, stderr) = text(&out);
    assert!(!stderr.contains("错误"), "{stderr}");
    let page = site.read("public/trial-county/2019/index.html");
    // The table still shows every 总计 of an outcome row blank, as published …
    assert_eq!(t3_row(&page, "予以公开"), ["12", "2", "", "", "1", "", ""]);
    // … and says which figures were derived, with the values.
    assert!(page.contains("原文中 19 处「总计」为空白"), "derived note");
    assert!(
        page.contains("（一）予以公开「总计」15"),
        "derived value named"
    );
    // The outcome chart and the headline use the derived figures: 15 of 35 予以公开.
    assert!(
        page.contains("予以公开 15 件（42.9%）"),
        "chart shows derived figure"
    );
    let year = site.read("public/year/2019/index.html");
    assert!(
        year.contains("42.9%"),
        "year page share uses derived figures"
    );
    let csv = site.read("public/data/trial-county/2019-t3.csv");
    assert!(
        csv.contains("results.granted,三、本年度办理结果,（一）予以公开,12,2,,,1,,15,总计"),
        "{csv}"
    );
}

#[test]
fn a_whole_blank_column_builds_and_stays_blank() {
    let site = stated_grand_total("35");
    site.build_ok();
    let page = site.read("public/trial-county/2019/index.html");
    // 科研机构, 社会公益组织 and 其他 are blank in every row: never shown as 0.
    assert_eq!(
        t3_row(&page, "本年新收"),
        ["30", "4", "", "", "1", "", "35"]
    );
    assert_eq!(
        t3_row(&page, "（七）总计"),
        ["30", "4", "", "", "1", "", "35"]
    );
}

#[test]
fn a_stated_total_that_disagrees_with_derived_addends_fails_with_the_numbers() {
    let site = stated_grand_total("35");
    let err = fails_after(&site, |s| {
        s.edit(
            TRIAL,
            "[30, 4, ~, ~, 1, ~, 35]\n  carried_forward",
            "[30, 4, ~, ~, 1, ~, 36]\n  carried_forward",
        );
    });
    assert!(
        err.contains("表三「总计」列: 三、本年度办理结果（一）至（六）各项之和 = 35（其中 19 项原文空白，按同行各列之和推算），但「（七）总计」= 36"),
        "{err}"
    );
    assert!(err.contains("report.yaml:48:"), "{err}");
}

#[test]
fn an_acknowledged_slip_is_a_warning_with_its_note_on_the_page() {
    let site = TempSite::real();
    site.edit(
        YAML,
        "    granted:       [470, 9, 2, 5, 4, 10, 500]",
        "    granted:       [470, 9, 2, 5, 4, 10, 501]",
    );
    let before_ack = site.run(&["check"]);
    let (_, err) = text(&before_ack);
    assert_eq!(before_ack.status.code(), Some(1), "{err}");
    assert!(err.contains("（核对项 t3.row.results.granted）"), "{err}");
    site.write(
        YAML,
        format!(
            "{}\nacknowledged:\n  - id: t3.row.results.granted\n    note: 原文「予以公开」总计印为 501，各列之和为 500。\n  - id: t3.outcomes.total\n    note: 原文（七）总计与各项之和相差 1。\n",
            site.read(YAML)
        ),
    );
    let out = site.build_ok();
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains("（已确认：原文「予以公开」总计印为 501"),
        "{stderr}"
    );
    let page = site.read("public/ganzhou/2021/index.html");
    assert!(
        page.contains("原文如此，按原文照录：表三「（一）予以公开」行")
            && page.contains("原文「予以公开」总计印为 501"),
        "the note is shown"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/ganzhou/2021.json")).unwrap();
    assert_eq!(json["acknowledged"][0]["id"], "t3.row.results.granted");
    assert!(json["acknowledged"][0]["findings"][0]
        .as_str()
        .unwrap()
        .contains("501"));
    // --strict, for a report being written this year: acknowledgments are errors.
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict).1.contains("错误 1:"));
}

#[test]
fn a_stale_acknowledgment_is_an_error() {
    let site = TempSite::real();
    let err = fails_after(&site, |s| {
        s.write(
            YAML,
            format!(
                "{}\nacknowledged:\n  - id: t3.outcomes.total\n    note: 原文如此。\n",
                s.read(YAML)
            ),
        )
    });
    assert!(
        err.contains("acknowledged 中的「t3.outcomes.total」没有对应的核对问题"),
        "{err}"
    );
    assert!(err.contains("report.yaml:98:"), "{err}");
}

/// Appends a paragraph to the 赣州 narrative and returns what `check` says.
fn check_with_text(paragraph: &str) -> String {
    let site = TempSite::real();
    site.edit(MD, "无。", &format!("无。\n\n{paragraph}"));
    let out = site.run(&["check"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    stderr
}

#[test]
fn the_real_report_says_nothing_its_tables_contradict() {
    let site = TempSite::real();
    let (_, stderr) = text(&site.run(&["check"]));
    assert!(!stderr.contains("正文「"), "{stderr}");
    // The seed as published, with its figures written out in the text rather than referenced.
    let fresh = TempSite::empty();
    let init = fresh.run(&["init", "site"]);
    assert!(init.status.success(), "{:?}", text(&init));
    let seed = crate::support::repo().join("tests/fixtures/seed/ganzhou-2021.txt");
    let root = fresh.path().join("site");
    let import = std::process::Command::new(crate::support::bin())
        .args(["import", seed.to_str().unwrap(), "--body", "ganzhou"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(import.status.success(), "{:?}", text(&import));
    let md = std::fs::read_to_string(root.join("content/ganzhou/2021/report.md")).unwrap();
    assert!(
        md.contains("收到政府信息公开申请748件，上年结转1件，当年办结744件"),
        "literal figures"
    );
    let check = std::process::Command::new(crate::support::bin())
        .arg("check")
        .current_dir(&root)
        .output()
        .unwrap();
    let (_, stderr) = text(&check);
    assert!(check.status.success(), "{stderr}");
    assert!(!stderr.contains("正文「"), "{stderr}");
}

#[test]
fn each_phrase_family_is_held_to_its_table() {
    // Right figures: no warning. Wrong ones: a warning with line, quote and arithmetic.
    let right = "2021年，收到申请748件，上年结转1件，办结744件，结转下年度5件。其中予以公开500件，部分公开32件，予以公开及部分公开532件，占71.5%，不予公开54件，无法提供125件，不予处理24件，其他处理9件。全年发生行政复议48件，其中维持29件、纠正5件；行政诉讼36件。本年制发行政规范性文件443件，行政许可838105件，行政处罚306325件，行政强制13642件。";
    let said = check_with_text(right);
    assert!(!said.contains("正文「"), "{said}");
    let cases = [
        ("收到申请749件。", "「收到申请749件」与表格不符：表三 一、本年新收政府信息公开申请数量 748"),
        ("收到申请748件，上年结转2件。", "表三 二、上年结转政府信息公开申请数量 1"),
        ("本年收到的申请已办结743件。", "表三 三（七）总计 744"),
        ("收到的申请中结转下年度6件。", "表三 四、结转下年度继续办理 5"),
        ("予以公开470件。", "470 是「自然人」一列的数字"),
        ("部分公开31件。", "表三 （二）部分公开 32"),
        ("予以公开及部分公开500件，占67.2%。", "表三 （一）予以公开 500 + （二）部分公开 32 = 532；500 是「自然人」一列，也是「（一）予以公开」一项的数字"),
        ("不予公开13件。", "13 是「（三）1.属于国家秘密」一行的数字"),
        ("无法提供121件。", "121 是「（四）1.本机关不掌握相关政府信息」一行的数字"),
        ("不予处理23件。", "表三 （五）不予处理 24"),
        ("其他处理8件。", "表三 （六）其他处理 9"),
        ("行政复议47件。", "表四「行政复议」「总计」为 48"),
        ("行政复议案件中维持30件。", "表四「行政复议」「结果维持」为 29"),
        ("行政诉讼35件。", "表四 行政诉讼「总计」= 未经复议直接起诉 16 + 复议后起诉 20 = 36"),
        ("行政诉讼中纠正1件。", "表四 行政诉讼「结果纠正」= 未经复议直接起诉 0 + 复议后起诉 0 = 0"),
        ("制发规章1件。", "表二「规章」「本年制发件数」为 0"),
        ("本年制发行政规范性文件444件。", "表二「行政规范性文件」「本年制发件数」为 443"),
        ("作出行政许可决定838104件。", "表二「行政许可」「本年处理决定数量」为 838105"),
        ("行政处罚306324件。", "表二「行政处罚」「本年处理决定数量」为 306325"),
        ("行政强制13641件。", "表二「行政强制」「本年处理决定数量」为 13642"),
    ];
    for (paragraph, want) in cases {
        let said = check_with_text(paragraph);
        assert!(said.contains("report.md:43:"), "{paragraph}: {said}");
        assert!(said.contains(want), "{paragraph}: {said}");
    }
    // A share stated at its precision: 500 of 744 is 67.2%, not 67.0%.
    let share = check_with_text("收到申请748件。予以公开500件，占67.0%。");
    assert!(
        share.contains("中的比例与表格不符：500 ÷ 本年办结 744 = 67.2%"),
        "{share}"
    );
    assert!(!check_with_text("收到申请748件。予以公开500件，占67.2%。").contains("比例"));
}

#[test]
fn a_fresh_draft_with_empty_tables_is_an_error_that_names_them() {
    let site = TempSite::real();
    let out = site.run(&["new", "ganzhou", "2022"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let check = site.run(&["check"]);
    let (_, err) = text(&check);
    assert_eq!(check.status.code(), Some(1), "{err}");
    for table in [
        "表二（主动公开政府信息情况）全部为空白",
        "表四（政府信息公开行政复议、行政诉讼情况）全部为空白",
    ] {
        assert!(err.contains(table), "{err}");
    }
}

#[test]
fn bad_numbers_and_dates_are_errors_at_their_line() {
    let cases = [
        ("value: 52.17", "value: .nan", "report.yaml:", "不是数字"),
        ("value: 52.17", "value: .inf", "report.yaml:", "不是数字"),
        (
            "licensing: [838105]",
            "licensing: [838105.5]",
            "report.yaml:",
            "应为整数",
        ),
        (
            "licensing: [838105]",
            "licensing: [9007199254740992]",
            "report.yaml:",
            "太大",
        ),
        (
            "licensing: [838105]",
            "licensing: [-1]",
            "report.yaml:",
            "不能为负数",
        ),
        (
            "date: 2022-03-09",
            "date: 2022-13-45",
            "report.yaml:6:",
            "真实的日期",
        ),
        (
            "date: 2022-03-09",
            "date: 2022-02-30",
            "report.yaml:6:",
            "真实的日期",
        ),
        (
            "date: 2022-03-09",
            "date: 2022-03-09\npublished: 2022-02-30",
            "report.yaml:7:",
            "published（发布日期）应是真实的日期",
        ),
        (
            "date: 2022-03-09",
            "date: 2022-03-09\nsource: www.ganzhou.gov.cn",
            "report.yaml:7:",
            "source（原文网址）",
        ),
    ];
    for (from, to, at, words) in cases {
        let site = TempSite::real();
        let err = fails_after(&site, |s| s.edit(YAML, from, to));
        assert!(err.contains(at) && err.contains(words), "{to}: {err}");
    }
}

#[test]
fn published_and_source_reach_the_page_json_and_feed() {
    let site = TempSite::real();
    site.write(
        "site.toml",
        "base_url = \"https://www.example.gov.cn/nb/\"\n",
    );
    site.edit(
        YAML,
        "date: 2022-03-09",
        "date: 2022-03-09\npublished: 2022-03-10\nsource: https://www.ganzhou.gov.cn/nb/2021.html",
    );
    site.build_ok();
    let page = site.read("public/ganzhou/2021/index.html");
    assert!(
        page.contains("发布日期：2022年3月10日"),
        "page shows 发布日期"
    );
    assert!(
        page.contains("href=\"https://www.ganzhou.gov.cn/nb/2021.html\""),
        "page links the original"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/ganzhou/2021.json")).unwrap();
    assert_eq!(json["published"], "2022-03-10");
    assert_eq!(json["source"], "https://www.ganzhou.gov.cn/nb/2021.html");
    let feed = site.read("public/atom.xml");
    assert!(
        feed.contains("<published>2022-03-10T00:00:00+08:00</published>"),
        "{feed}"
    );
}

#[test]
fn the_home_page_says_what_was_checked_and_what_was_derived() {
    let site = stated_grand_total("35");
    site.build_ok();
    let home = site.read("public/index.html");
    assert!(
        home.contains("本站 1 份报告在发布前逐份核对"),
        "states what was checked"
    );
    assert!(
        home.contains("19 处原文空白的总计按同行数字推算后参与核对"),
        "states what was derived"
    );
    assert!(!home.contains("每份报告的表格均已核对"), "no blanket claim");
}

#[test]
fn references_give_sums_shares_groups_and_derived_figures() {
    let site = TempSite::real();
    site.edit(
        MD,
        "无。",
        "无。\n\n予以公开及部分公开{{ t3.results.granted.total + t3.results.partial.total }}件，占{{ (t3.results.granted.total + t3.results.partial.total) / t3.results.total.total }}（{{ t3.results.granted.total / t3.results.total.total | 2 }}）；无法提供{{ t3.results.unavailable.total }}件。",
    );
    let out = site.build_ok();
    let (_, stderr) = text(&out);
    assert!(
        !stderr.contains("正文「"),
        "references agree with the tables: {stderr}"
    );
    let page = site.read("public/ganzhou/2021/index.html");
    assert!(
        page.contains("予以公开及部分公开532件，占71.5%（67.20%）；无法提供125件。"),
        "rendered figures"
    );
    // A derived 总计 is what a reference gives (the trial fixture leaves it blank).
    let trial = stated_grand_total("35");
    trial.edit(
        TRIAL_MD,
        "本年共收到",
        "予以公开{{ t3.results.granted.total }}件。本年共收到",
    );
    trial.build_ok();
    assert!(trial
        .read("public/trial-county/2019/index.html")
        .contains("予以公开15件。"));
    // Mistakes in a reference are errors at its line.
    for (bad, words) in [
        ("{{ t3.new.total / t3.results.withheld.process }}", "没有列"),
        ("{{ ind.proactive_items + t3.new.total }}", "指标不能相加"),
        ("{{ t3.new.total | 2 }}", "只用于比例"),
        (
            "{{ t3.results.withheld.process.total / t3.carried_over.natural | 9 }}",
            "小数位数",
        ),
    ] {
        let site = TempSite::real();
        site.edit(MD, "无。", &format!("无。{bad}"));
        let out = site.run(&["check"]);
        let (_, err) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{bad}: {err}");
        assert!(
            err.contains("report.md:41:") && err.contains(words),
            "{bad}: {err}"
        );
    }
}
