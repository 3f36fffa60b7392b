//! `nianbao new` and `nianbao init`: a draft of next year's report has last year's structure
//! with every figure blank except 二、上年结转 (carried from last year's 四), a Chinese comment
//! on each field and last year's headings; `check` then reports only what is still missing
//! (the issue date as an error, blank T3/T4 totals as warnings); filled in, it builds. A new
//! empty site builds; nothing is ever overwritten.

use serde_yaml::Value;

use crate::support::{text, TempSite};

const DRAFT: &str = "content/ganzhou/2022/report.yaml";

fn drafted() -> TempSite {
    let site = TempSite::real();
    let out = site.run(&["new", "ganzhou", "2022"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("根据 2021 年的报告"), "{stdout}");
    site
}

/// The same keys, recursively (lists are compared by length).
fn same_shape(a: &Value, b: &Value, at: &str) {
    match (a, b) {
        (Value::Mapping(x), Value::Mapping(y)) => {
            let kx: Vec<_> = x.keys().collect();
            let ky: Vec<_> = y.keys().collect();
            assert_eq!(kx, ky, "keys differ at {at}");
            for (k, v) in x {
                same_shape(v, &y[k], &format!("{at}.{}", k.as_str().unwrap_or("?")));
            }
        }
        (Value::Sequence(x), Value::Sequence(y)) => assert_eq!(x.len(), y.len(), "length at {at}"),
        _ => {}
    }
}

/// Every row list below `v` with its path.
fn lists<'a>(v: &'a Value, at: &str, out: &mut Vec<(String, &'a Vec<Value>)>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                lists(v, &format!("{at}.{}", k.as_str().unwrap()), out);
            }
        }
        Value::Sequence(s) => out.push((at.to_string(), s)),
        _ => {}
    }
}

#[test]
fn new_keeps_the_structure_leaves_figures_blank_and_carries_last_years_pending() {
    let site = drafted();
    let draft_text = site.read(DRAFT);
    let draft: Value = serde_yaml::from_str(&draft_text).expect("the draft is valid YAML");
    let mut last: Value =
        serde_yaml::from_str(&site.read("content/ganzhou/2021/report.yaml")).unwrap();
    // A note remarks on last year's figure, so it is not carried into the draft.
    for (_, ind) in last["indicators"].as_mapping_mut().unwrap() {
        ind.as_mapping_mut().unwrap().remove("note");
    }
    for key in ["t2", "t3", "t4", "indicators"] {
        same_shape(&draft[key], &last[key], key);
    }
    assert_eq!(draft["t3"]["carried_over"], last["t3"]["carried_forward"]);
    let mut rows = Vec::new();
    for key in ["t2", "t3", "t4"] {
        lists(&draft[key], key, &mut rows);
    }
    for (path, cells) in rows.iter().filter(|(p, _)| p != "t3.carried_over") {
        assert!(
            cells.iter().all(Value::is_null),
            "{path} should be blank: {cells:?}"
        );
    }
    for (id, ind) in draft["indicators"].as_mapping().unwrap() {
        assert!(ind["value"].is_null(), "indicator {id:?} should be blank");
        assert_eq!(ind["unit"], last["indicators"][id]["unit"]);
    }
    assert_eq!(
        draft["title"].as_str(),
        Some("赣州市2022年政府信息公开工作年度报告")
    );
    // A Chinese comment on every field.
    for line in draft_text
        .lines()
        .filter(|l| l.contains(':') && !l.trim_start().starts_with('#'))
    {
        let comment = line.split_once("# ").map(|(_, c)| c).unwrap_or("");
        assert!(
            comment.chars().any(|c| c as u32 >= 0x4e00),
            "no Chinese comment on {line:?}"
        );
    }
    // The narrative keeps last year's headings and nothing else.
    let md = site.read("content/ganzhou/2022/report.md");
    let last_md = site.read("content/ganzhou/2021/report.md");
    let heads = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with('#'))
            .map(String::from)
            .collect()
    };
    assert_eq!(heads(&md), heads(&last_md));
    assert!(
        md.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "{md}"
    );
}

#[test]
fn check_of_a_fresh_draft_reports_only_missing_values() {
    let site = drafted();
    let out = site.run(&["check"]);
    let (_, stderr) = text(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a missing issue date and empty tables are errors:\n{stderr}"
    );
    let findings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("错误") || l.starts_with("警告"))
        .collect();
    assert!(!findings.is_empty());
    for f in &findings {
        assert!(f.contains("content/ganzhou/2022/report.yaml"), "{f}");
        assert!(
            f.contains("尚未填写") || f.contains("空白"),
            "not about a missing value: {f}"
        );
    }
    // The date, and each of the three tables, which a fresh draft leaves blank.
    assert_eq!(
        findings.iter().filter(|f| f.starts_with("错误")).count(),
        4,
        "{stderr}"
    );
}

#[test]
fn a_filled_in_draft_checks_clean_and_builds() {
    let site = drafted();
    let mut draft: Value = serde_yaml::from_str(&site.read(DRAFT)).unwrap();
    let last: Value = serde_yaml::from_str(&site.read("content/ganzhou/2021/report.yaml")).unwrap();
    // Last year's figures, except what the identities move: 5 carried in instead of 1, so
    // 706 + 5 = 702 + 9 for 自然人 and 748 + 5 = 744 + 9 in 总计.
    let carried_over = draft["t3"]["carried_over"].clone();
    draft["t2"] = last["t2"].clone();
    draft["t3"] = last["t3"].clone();
    draft["t3"]["carried_over"] = carried_over;
    draft["t3"]["carried_forward"] = serde_yaml::from_str("[9, 0, 0, 0, 0, 0, 9]").unwrap();
    draft["t4"] = last["t4"].clone();
    // 表二's 现行有效件数 follows from last year's: 2706 + 443 − 128.
    draft["t2"]["item1"]["normative"][2] = Value::from(3021);
    for (id, ind) in last["indicators"].as_mapping().unwrap() {
        draft["indicators"][id]["value"] = ind["value"].clone();
    }
    draft["date"] = Value::from("2023-03-01");
    site.write(DRAFT, serde_yaml::to_string(&draft).unwrap());
    let out = site.run(&["check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        !stderr.contains("错误") && !stderr.contains("警告"),
        "{stderr}"
    );
    site.build_ok();
    let page = site.read("public/ganzhou/2022/index.html");
    assert!(page.contains("赣州市2022年政府信息公开工作年度报告"));
}

#[test]
fn new_never_overwrites_and_names_what_is_wrong() {
    let site = TempSite::example();
    let before = site.read("content/ganzhou/2021/report.yaml");
    let out = site.run(&["new", "ganzhou", "2021"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("content/ganzhou/2021 已存在，不会覆盖"),
        "{stderr}"
    );
    assert_eq!(site.read("content/ganzhou/2021/report.yaml"), before);

    let (_, stderr) = text(&site.run(&["new", "nanchang", "2022"]));
    assert!(
        stderr.contains("没有机关「nanchang」") && stderr.contains("ganzhou"),
        "{stderr}"
    );

    site.edit(
        "content/ganzhou/2021/report.yaml",
        "[706, 14, 2, 5, 4, 17, 748]",
        "[707, 14, 2, 5, 4, 17, 748]",
    );
    let out = site.run(&["new", "ganzhou", "2022"]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(
        stderr.contains("上一年的报告") && stderr.contains("report.yaml:"),
        "{stderr}"
    );
    assert!(!site.path().join("content/ganzhou/2022").exists());
}

#[test]
fn init_creates_an_empty_site_that_builds() {
    let dir = TempSite::empty();
    let out = dir.run(&["init", "new-site"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    let out = dir.run(&["build", "--root", "new-site"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("0 份报告"), "{stdout}");
    for f in [
        "index.html",
        "404.html",
        "style.css",
        "favicon.ico",
        "robots.txt",
        "data/reports.csv",
        "data/report.schema.json",
    ] {
        assert!(
            dir.path().join("new-site/public").join(f).is_file(),
            "no {f}"
        );
    }
    let toml = dir.read("new-site/site.toml");
    for key in [
        "title",
        "base_url",
        "language",
        "output",
        "organizer",
        "contact",
        "site_code",
        "icp",
        "police",
    ] {
        assert!(toml.contains(key), "site.toml does not explain {key}");
    }
    let again = dir.run(&["init", "new-site"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again).1.contains("不是空的"));
}
