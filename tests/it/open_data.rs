//! Open data: every number of every report's YAML comes back unchanged from its CSV files and
//! its JSON file, the JSON validates against the schema the site ships, the combined files have
//! a row per body and year, and each report page links downloads that exist.
//!
//! The site has both formats: the `open-data` fixture (a 2019 trial-format report with blank
//! cells, negative changes and an amount written "251000元") plus the example's 赣州市 2021.

use std::collections::BTreeMap;

use serde_yaml::Value;

use crate::support::{self, TempSite};

/// The reports of [`two_formats_site`], as (body, year).
pub const REPORTS: [(&str, u16); 2] = [("demo-county", 2020), ("ganzhou", 2021)];

/// The `open-data` fixture with the example's 赣州市 report copied in, built.
pub fn two_formats_site() -> TempSite {
    let site = TempSite::fixture("open-data");
    support::copy_tree(
        &support::repo().join("content/ganzhou"),
        &site.path().join("content/ganzhou"),
    );
    site.build_ok();
    site
}

fn yaml(site: &TempSite, body: &str, year: u16) -> Value {
    serde_yaml::from_str(&site.read(&format!("content/{body}/{year}/report.yaml"))).unwrap()
}

/// A YAML cell as published: blank, the digits, or the digits with their unit.
fn yaml_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// Every row list below `v`, by dotted path (`results.withheld.state_secret`).
fn yaml_rows(v: &Value, prefix: &str, out: &mut Vec<(String, Vec<String>)>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                let k = k.as_str().unwrap();
                let path = if prefix.is_empty() {
                    k.to_string()
                } else {
                    format!("{prefix}.{k}")
                };
                yaml_rows(v, &path, out);
            }
        }
        Value::Sequence(items) => {
            out.push((prefix.to_string(), items.iter().map(yaml_text).collect()))
        }
        other => panic!("unexpected {other:?} at {prefix}"),
    }
}

fn rows_of(v: &Value) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    yaml_rows(v, "", &mut out);
    assert!(!out.is_empty());
    out
}

/// Parses a CSV file of the output, checking the byte-order mark Excel and WPS need.
fn read_csv(site: &TempSite, rel: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(site.path().join("public").join(rel)).unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or_else(|| panic!("{rel} does not start with a UTF-8 byte-order mark"));
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let head = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (head, rows)
}

fn col(head: &[String], name: &str) -> usize {
    head.iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {head:?}"))
}

#[test]
fn csv_files_round_trip_every_number_of_the_yaml() {
    let site = two_formats_site();
    for (body, year) in REPORTS {
        let y = yaml(&site, body, year);
        for table in ["t3", "t4"] {
            let (head, rows) = read_csv(&site, &format!("data/{body}/{year}-{table}.csv"));
            let by_key: BTreeMap<&str, &Vec<String>> =
                rows.iter().map(|r| (r[0].as_str(), r)).collect();
            let yrows = rows_of(&y[table]);
            assert_eq!(
                rows.len(),
                yrows.len(),
                "{body} {year} {table}: one CSV row per form row"
            );
            let marker = head.len() - 1;
            for (path, cells) in yrows {
                let row = by_key
                    .get(path.as_str())
                    .unwrap_or_else(|| panic!("{table} has no row {path}"));
                for (i, want) in cells.iter().enumerate() {
                    let got = &row[3 + i];
                    if !want.is_empty() {
                        assert_eq!(got, want, "{body} {year} {table} {path} column {i}");
                    } else if !got.is_empty() {
                        // A blank 总计 given as derived: named so, and the sum of its row.
                        assert_eq!(head[3 + i], "总计", "{body} {year} {table} {path}");
                        assert!(row[marker].contains("总计"), "{body} {year} {table} {path}");
                        let sum: i64 = cells.iter().filter_map(|c| c.parse::<i64>().ok()).sum();
                        assert_eq!(got, &sum.to_string(), "{body} {year} {table} {path}");
                    }
                }
            }
            assert_eq!(head[..3], ["代码", "分组", "项目"]);
            assert_eq!(head[marker], "推算值（原文空白，由同行数字相加）");
        }
        let (head, rows) = read_csv(&site, &format!("data/{body}/{year}-t2.csv"));
        let (code, value, unit) = (col(&head, "代码"), col(&head, "数值"), col(&head, "单位"));
        for (path, cells) in rows_of(&y["t2"]) {
            let got: Vec<String> = rows
                .iter()
                .filter(|r| r[code] == path)
                .map(|r| format!("{}{}", r[value], r[unit]))
                .collect();
            assert_eq!(got, cells, "{body} {year} t2 {path}");
        }
        let (head, rows) = read_csv(&site, &format!("data/{body}/{year}-indicators.csv"));
        let ind = y["indicators"].as_mapping().unwrap();
        assert_eq!(rows.len(), ind.len());
        for (id, v) in ind {
            let row = rows.iter().find(|r| r[0] == id.as_str().unwrap()).unwrap();
            assert_eq!(
                row[col(&head, "数值")],
                yaml_text(&v["value"]),
                "{body} {year} {id:?}"
            );
            assert_eq!(row[col(&head, "单位")], yaml_text(&v["unit"]));
        }
    }
    // Spot checks a reader would make: exact decimals, blank is not 0, the form's labels.
    let t2 = site.read("public/data/ganzhou/2021-t2.csv");
    assert!(t2.contains(",151022.81,"), "{t2}");
    let t3 = site.read("public/data/demo-county/2020-t3.csv");
    assert!(
        t3.contains("results.granted,三、本年度办理结果,（一）予以公开,20,2,,,,1,23,总计\r\n"),
        "blank applicant cells stay blank; the blank 总计 is given as derived and named: {t3}"
    );
    assert!(t3.contains("法人或其他组织·商业企业"));
}

/// The JSON cell of a row: blank, or its digits with any unit of its own.
fn json_cell(row: &serde_json::Value, col: &str) -> String {
    let unit = row["units"][col].as_str().unwrap_or("");
    match &row["cells"][col] {
        serde_json::Value::Null => String::new(),
        serde_json::Value::Number(n) => format!("{n}{unit}"),
        other => panic!("cell {col} is {other}, not a number or null"),
    }
}

#[test]
fn report_json_validates_against_the_shipped_schema_and_keeps_every_number() {
    let site = two_formats_site();
    let schema: serde_json::Value =
        serde_json::from_str(&site.read("public/data/report.schema.json")).unwrap();
    let validator =
        jsonschema::validator_for(&schema).expect("the shipped schema is a valid JSON Schema");
    for (body, year) in REPORTS {
        let text = site.read(&format!("public/data/{body}/{year}.json"));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{body} {year}.json does not follow the schema:\n{}",
            errors.join("\n")
        );
        let y = yaml(&site, body, year);
        for table in ["t2", "t3", "t4"] {
            let blocks = json["tables"][table]["blocks"].as_array().unwrap();
            for (path, cells) in rows_of(&y[table]) {
                // T2 rows sit below a block key (item1.regulations); T3 and T4 have one block.
                let (block, row_path) = match path.split_once('.') {
                    Some((b, rest)) if table == "t2" => (b, rest),
                    _ => ("", path.as_str()),
                };
                let b = blocks.iter().find(|b| b["key"] == block).unwrap();
                let row = b["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["path"] == row_path)
                    .unwrap();
                let got: Vec<String> = b["columns"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| json_cell(row, c["key"].as_str().unwrap()))
                    .collect();
                assert_eq!(got, cells, "{body} {year} {table} {path}");
            }
        }
        assert_eq!(json["date"], y["date"].as_str().unwrap());
    }
    let ganzhou = site.read("public/data/ganzhou/2021.json");
    assert!(
        ganzhou.contains("\"amount\":151022.81"),
        "published digits kept"
    );
    // A document that breaks the shape is rejected: the validation above can fail.
    let mut broken: serde_json::Value = serde_json::from_str(&ganzhou).unwrap();
    broken["tables"]["t3"]["blocks"][0]["rows"][0]["cells"]["total"] = "748".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn combined_files_have_a_row_per_body_and_year() {
    let site = two_formats_site();
    let (head, rows) = read_csv(&site, "data/reports.csv");
    assert_eq!(rows.len(), REPORTS.len());
    let get = |body: &str, name: &str| -> String {
        let row = rows.iter().find(|r| r[0] == body).unwrap();
        row[col(&head, name)].clone()
    };
    assert_eq!(get("ganzhou", "年度"), "2021");
    // The headline figures, each the sum its table gives.
    assert_eq!(get("ganzhou", "本年新收申请"), "748");
    assert_eq!(get("ganzhou", "本年办结"), "744");
    assert_eq!(get("ganzhou", "结转下年度继续办理"), "5");
    assert_eq!(get("ganzhou", "无法提供"), "125", "121 + 4 + 0");
    assert_eq!(get("ganzhou", "予以公开占办结（%）"), "67.2");
    assert_eq!(get("ganzhou", "行政复议·总计"), "48");
    assert_eq!(get("ganzhou", "行政诉讼·总计"), "36", "16 + 20");
    assert_eq!(get("ganzhou", "行政许可·处理决定数量"), "838105");
    assert_eq!(get("ganzhou", "指标 主动公开政府信息（万条）"), "52.17");
    // The 2019 trial report leaves its outcome totals blank: they are derived, and counted.
    assert_eq!(get("demo-county", "本年办结"), "41");
    assert_ne!(get("demo-county", "推算的总计（处）"), "0");
    assert_eq!(get("ganzhou", "推算的总计（处）"), "0");
    assert_eq!(get("demo-county", "示例数据"), "是");
    // Every cell of every table is in the report's own file, named in its row.
    let data = get("ganzhou", "报告数据（JSON）");
    assert!(site.path().join("public").join(&data).is_file(), "{data}");

    let all: serde_json::Value =
        serde_json::from_str(&site.read("public/data/reports.json")).unwrap();
    let reports = all["reports"].as_array().unwrap();
    assert_eq!(reports.len(), REPORTS.len());
    for (body, year) in REPORTS {
        let r = reports
            .iter()
            .find(|r| r["body"] == body && r["year"] == year)
            .unwrap();
        let row = rows.iter().find(|x| x[0] == body).unwrap();
        let h = &r["headline"];
        // The JSON says what the CSV says.
        for (name, value) in [
            ("本年新收申请", &h["received"]),
            ("本年办结", &h["processed"]),
            ("予以公开", &h["outcomes"]["granted"]),
            ("行政复议·总计", &h["reviews"]["total"]),
            ("行政诉讼·结果维持", &h["suits"]["upheld"]),
        ] {
            let want = match value {
                serde_json::Value::Null => String::new(),
                v => v.to_string(),
            };
            assert_eq!(row[col(&head, name)], want, "{body} {year} {name}");
        }
        assert!(site
            .path()
            .join("public/data")
            .join(r["data"].as_str().unwrap())
            .is_file());
    }
}

#[test]
fn each_report_page_links_its_downloads() {
    let site = two_formats_site();
    for (body, year) in REPORTS {
        let page = format!("public/{body}/{year}/index.html");
        let html = site.read(&page);
        assert!(
            html.contains(">下载数据</h2>"),
            "{page} has no 下载数据 section"
        );
        let hrefs: Vec<&str> = html
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|h| h.contains("/data/"))
            .collect();
        assert_eq!(hrefs.len(), 5, "{page}: JSON, T2, T3, T4, indicators");
        let dir = site.path().join(format!("public/{body}/{year}"));
        for h in hrefs {
            assert!(
                dir.join(h).is_file(),
                "{page} links {h}, which does not exist"
            );
        }
    }
    let home = site.read("public/index.html");
    for f in [
        "data/reports.csv",
        "data/reports.json",
        "data/report.schema.json",
        "atom.xml",
    ] {
        assert!(
            home.contains(&format!("href=\"{f}\"")),
            "home page does not link {f}"
        );
    }
}
