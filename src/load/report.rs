//! Reads one report: its YAML (title, issuer, date, indicators, the three tables) and its
//! narrative Markdown, into a [`Report`] with findings placed at file and line.

use std::path::Path;

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use crate::diag::{Finding, Severity};
use crate::format::{ColKind, Format};
use crate::model::{Acknowledgment, Indicator, Report};

use super::narrative::{self, Data};
use super::{from_yaml, index_yaml, is_ascii_key, read_text, rel, table, yaml_words, FileCtx};

/// A report's data file, `content/<body>/<year>/report.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    /// 格式: "2021" or "2019"; by default from the year.
    #[serde(default)]
    format: Option<String>,
    /// 报告标题.
    #[serde(default)]
    title: String,
    /// 印发机关.
    #[serde(default)]
    issuer: String,
    /// 印发日期, YYYY-MM-DD.
    #[serde(default)]
    date: String,
    /// 发布日期, YYYY-MM-DD.
    #[serde(default)]
    published: Option<String>,
    /// 原文网址.
    #[serde(default)]
    source: Option<String>,
    /// 原文如此: checks the report fails as published.
    #[serde(default)]
    acknowledged: Vec<RawAck>,
    /// 主要指标.
    #[serde(default)]
    indicators: Mapping,
    /// 表二.
    t2: Value,
    /// 表三.
    t3: Value,
    /// 表四.
    t4: Value,
}

/// One acknowledged discrepancy.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAck {
    id: String,
    note: String,
}

/// One indicator entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    label: String,
    #[serde(default)]
    value: Value,
    unit: String,
    #[serde(default)]
    note: Option<String>,
}

pub(super) fn load_report(
    root: &Path,
    body: &str,
    year: u16,
    dir: &Path,
) -> (Option<Report>, Vec<Finding>) {
    let rel_dir = rel(root, dir);
    let mut yaml = FileCtx::new(rel_dir.join("report.yaml"));
    let mut md = FileCtx::new(rel_dir.join("report.md"));
    let mut meta = Vec::new();
    let report = read_report(root, body, year, &mut yaml, &mut md, &mut meta);
    // A report whose data could not be read as written is not checked further: identities over
    // misread cells would only repeat the same mistake in other words. A missing date or title
    // (as in a fresh draft) does not stop its tables from being checked.
    let unreadable = yaml.findings.iter().any(|f| f.severity == Severity::Error);
    yaml.findings.append(&mut meta);
    yaml.findings.append(&mut md.findings);
    (report.filter(|_| !unreadable), yaml.findings)
}

/// An error about a report's title, issuer or dates, at the line of `key`.
fn meta_error(yaml: &FileCtx, meta: &mut Vec<Finding>, key: &str, message: String) {
    meta.push(Finding::error(&yaml.file, yaml.lines.line(key), message));
}

fn read_report(
    root: &Path,
    body: &str,
    year: u16,
    yaml: &mut FileCtx,
    md: &mut FileCtx,
    meta: &mut Vec<Finding>,
) -> Option<Report> {
    let src = read_text(root, yaml)?;
    index_yaml(&src, yaml)?;
    let raw = report_yaml(&src, yaml)?;
    let format = match raw.format.as_deref() {
        None => Format::default_for_year(year),
        Some(k) => Format::from_key(k).unwrap_or_else(|| {
            yaml.error(
                "format",
                format!("format 应为 \"2021\"（国办公开办函〔2021〕30号）或 \"2019\"（试行格式），写的是 \"{k}\""),
            );
            Format::default_for_year(year)
        }),
    };
    // 「（六）其他处理」 written as one row in a 2021 report: the variant, kept as published.
    let single_other = raw
        .t3
        .get("results")
        .and_then(|r| r.get("other"))
        .is_some_and(|o| o.is_sequence());
    let format = if single_other {
        format.with_single_other()
    } else {
        format
    };
    for (key, value, word) in [
        ("title", &raw.title, "报告标题"),
        ("issuer", &raw.issuer, "印发机关"),
    ] {
        if value.trim().is_empty() {
            meta_error(yaml, meta, key, format!("缺少 {key}（{word}）"));
        }
    }
    check_date(&raw.date, yaml, meta);
    let published = raw.published.filter(|d| !d.trim().is_empty());
    if let Some(d) = &published {
        if crate::model::parse_date(d).is_none() {
            meta_error(
                yaml,
                meta,
                "published",
                format!("published（发布日期）应是真实的日期，写成 年-月-日，如 2022-03-10，写的是 \"{d}\""),
            );
        }
    }
    let source = raw.source.filter(|u| !u.trim().is_empty());
    if let Some(u) = &source {
        if !(u.starts_with("https://") || u.starts_with("http://"))
            || u.contains(char::is_whitespace)
        {
            meta_error(
                yaml,
                meta,
                "source",
                format!(
                    "source（原文网址）应是以 http:// 或 https:// 开头的完整网址，写的是 \"{u}\""
                ),
            );
        }
    }
    let acknowledged = raw
        .acknowledged
        .into_iter()
        .enumerate()
        .map(|(i, a)| Acknowledgment {
            line: yaml
                .lines
                .line(&format!("acknowledged.#{i}.id"))
                .unwrap_or(0),
            id: a.id.trim().to_string(),
            note: a.note.trim().to_string(),
        })
        .collect();
    let [s2, s3, s4] = format.tables();
    let t2 = table::load_table(s2, &raw.t2, yaml);
    let mut t3 = table::load_table(s3, &raw.t3, yaml);
    let mut t4 = table::load_table(s4, &raw.t4, yaml);
    // A blank 总计 that follows from its row is derived before anything reads the tables.
    for block in t3.blocks.iter_mut().chain(t4.blocks.iter_mut()) {
        block.derive_totals();
    }
    let indicators = load_indicators(&raw.indicators, yaml);
    let data = Data {
        tables: [&t2, &t3, &t4],
        indicators: &indicators,
    };
    let narrative = read_text(root, md)
        .map(|text| narrative::parse(&text, format, year, &data, md))
        .unwrap_or_default();
    Some(Report {
        body: body.to_string(),
        year,
        format,
        title: raw.title,
        issuer: raw.issuer,
        date: raw.date,
        published,
        source,
        acknowledged,
        t2,
        t3,
        t4,
        indicators,
        narrative,
        yaml_path: yaml.file.clone(),
        md_path: md.file.clone(),
    })
}

/// The keys a report's YAML may have at its top level.
const REPORT_KEYS: [&str; 11] = [
    "format",
    "title",
    "issuer",
    "date",
    "published",
    "source",
    "acknowledged",
    "indicators",
    "t2",
    "t3",
    "t4",
];

/// Parses a report's YAML. serde stops at the first unknown key; to show every misspelt key at
/// once, an unknown-key error is followed by a pass that names them all, then parsing goes on
/// without them.
fn report_yaml(src: &str, ctx: &mut FileCtx) -> Option<RawReport> {
    match serde_yaml::from_str::<RawReport>(src) {
        Ok(raw) => Some(raw),
        Err(e) if e.to_string().contains("unknown field") => {
            let Ok(Value::Mapping(mut map)) = serde_yaml::from_str::<Value>(src) else {
                return from_yaml(src, ctx);
            };
            map.retain(|k, _| {
                let key = k.as_str().unwrap_or_default();
                let known = REPORT_KEYS.contains(&key);
                if !known {
                    ctx.error(
                        key,
                        format!(
                            "不认识的键「{key}」（是否拼写错误？）；可用的键: {}",
                            REPORT_KEYS.join(", ")
                        ),
                    );
                }
                known
            });
            match serde_yaml::from_value(Value::Mapping(map)) {
                Ok(raw) => Some(raw),
                Err(e) => {
                    ctx.error_at(0, format!("YAML 有误: {}", yaml_words(&e.to_string())));
                    None
                }
            }
        }
        Err(_) => from_yaml(src, ctx),
    }
}

fn check_date(date: &str, ctx: &FileCtx, meta: &mut Vec<Finding>) {
    let ok = crate::model::parse_date(date).is_some();
    if date.trim().is_empty() {
        // A report scaffolded by `nianbao new` leaves the date for the issuing office to fill.
        meta_error(
            ctx,
            meta,
            "date",
            "date（印发日期）尚未填写：请写成 年-月-日，如 2022-03-09".to_string(),
        );
    } else if !ok {
        meta_error(
            ctx,
            meta,
            "date",
            format!(
                "date（印发日期）应是真实的日期，写成 年-月-日，如 2022-03-09，写的是 \"{date}\""
            ),
        );
    }
}

fn load_indicators(map: &Mapping, ctx: &mut FileCtx) -> Vec<Indicator> {
    let mut out = Vec::new();
    for (key, value) in map {
        let Some(id) = key.as_str().filter(|k| is_ascii_key(k)) else {
            ctx.error(
                "indicators",
                format!("指标的键「{key:?}」应为英文小写字母、数字和下划线"),
            );
            continue;
        };
        let path = format!("indicators.{id}");
        let line = ctx.lines.line(&path).unwrap_or(0);
        let raw: RawIndicator = match serde_yaml::from_value(value.clone()) {
            Ok(r) => r,
            Err(e) => {
                ctx.error(&path, format!("指标 {id}: {}", yaml_words(&e.to_string())));
                continue;
            }
        };
        let written = ctx
            .lines
            .line(&format!("{path}.value"))
            .filter(|l| ctx.lines.line(&path) != Some(*l))
            .and_then(|l| ctx.lines.text(&ctx.source, l))
            .and_then(crate::yamlpos::raw_scalar);
        let value = match table::parse_cell(ColKind::Amount, &raw.value, written.as_deref()) {
            Ok(v) => v,
            Err(why) => {
                ctx.error(&path, format!("指标「{}」的 value: {why}", raw.label));
                None
            }
        };
        out.push(Indicator {
            id: id.to_string(),
            label: raw.label,
            value,
            unit: raw.unit,
            note: raw.note,
            line,
        });
    }
    out
}
