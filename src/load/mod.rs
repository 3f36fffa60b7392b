//! Load: reads `content/` into typed values, keeping where each came from.
//!
//! ```text
//! content/<body>/body.yaml            the government body (name, level, region, …)
//! content/<body>/<year>/report.yaml   tables, indicators, title, issuer, date
//! content/<body>/<year>/report.md     opening paragraph and the six sections
//! ```
//!
//! Problems in the files become findings (with file and line); loading goes on so that every
//! problem is reported at once. Reports load in parallel.

mod narrative;
mod table;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use crate::diag::{Error, Finding, Findings, Result, Severity};
use crate::format::{ColKind, Format};
use crate::fsx;
use crate::model::{Body, Indicator, Report, Site};
use crate::yamlpos::KeyLines;

pub(crate) use narrative::Data;

/// The findings of one file, with what is needed to place them.
pub(crate) struct FileCtx {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Key lines, for YAML files.
    pub lines: KeyLines,
    /// What was found.
    pub findings: Vec<Finding>,
}

impl FileCtx {
    fn new(file: PathBuf) -> FileCtx {
        FileCtx {
            file,
            lines: KeyLines::default(),
            findings: Vec::new(),
        }
    }

    /// An error at the line of a YAML key path.
    pub fn error(&mut self, yaml_path: &str, message: String) {
        let line = self.lines.line(yaml_path);
        self.findings
            .push(Finding::error(&self.file, line, message));
    }

    /// An error at a line (0: the whole file).
    pub fn error_at(&mut self, line: usize, message: String) {
        let line = (line > 0).then_some(line);
        self.findings
            .push(Finding::error(&self.file, line, message));
    }
}

/// The body metadata file, `content/<body>/body.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBody {
    /// 机关全称.
    name: String,
    /// 行政层级.
    level: String,
    /// 所在地区.
    region: String,
    /// 网站.
    #[serde(default)]
    website: Option<String>,
    /// 年报编制机构.
    office: String,
    /// 示例数据.
    #[serde(default)]
    sample: bool,
}

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

/// Loads the site below `root`. The error is only for a site that cannot be read at all;
/// problems in its files are in the findings.
pub fn load(root: &Path) -> Result<(Site, Findings)> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::Other(format!(
            "找不到内容文件夹 {}：请在网站根目录（有 site.toml 的文件夹）运行，或用 --root 指定",
            content.display()
        )));
    }
    let mut findings = Findings::default();
    let mut bodies = Vec::new();
    let mut report_dirs = Vec::new();
    for entry in sorted_entries(&content)? {
        let rel_dir = rel(root, &entry);
        if !entry.is_dir() {
            continue;
        }
        let id = file_name(&entry);
        if !is_ascii_id(&id) {
            findings.push(Finding::error(
                &rel_dir,
                None,
                format!(
                    "文件夹名「{id}」应为小写英文字母、数字和连字符（如 ganzhou），它会用在网址里"
                ),
            ));
            continue;
        }
        if crate::paths::RESERVED_IDS.contains(&id.as_str()) {
            findings.push(Finding::error(
                &rel_dir,
                None,
                format!("文件夹名「{id}」是网站保留的名字，请换一个机关 id"),
            ));
            continue;
        }
        let mut ctx = FileCtx::new(rel_dir.join("body.yaml"));
        if let Some(body) = load_body(root, &id, &mut ctx) {
            bodies.push(body);
        }
        findings.0.append(&mut ctx.findings);
        for sub in sorted_entries(&entry)? {
            match sub.is_dir().then(|| year_of(&sub)).flatten() {
                Some(year) => report_dirs.push((id.clone(), year, sub)),
                None if sub.is_dir() => findings.push(Finding::error(
                    &rel(root, &sub),
                    None,
                    "年度文件夹应以四位年份命名（如 2021）".to_string(),
                )),
                None => {}
            }
        }
    }
    let loaded: Vec<(Option<Report>, Vec<Finding>)> = report_dirs
        .par_iter()
        .map(|(body, year, dir)| load_report(root, body, *year, dir))
        .collect();
    let mut reports = Vec::new();
    for (report, mut fs) in loaded {
        reports.extend(report);
        findings.0.append(&mut fs);
    }
    duplicate_bodies(&bodies, &reports, &mut findings);
    reports.retain(|r| bodies.iter().any(|b| b.id == r.body));
    Ok((Site { bodies, reports }, findings))
}

/// Two folders for the same body would publish its report twice.
fn duplicate_bodies(bodies: &[Body], reports: &[Report], findings: &mut Findings) {
    for (i, a) in bodies.iter().enumerate() {
        for b in bodies.iter().skip(i + 1).filter(|b| b.name == a.name) {
            for r in reports.iter().filter(|r| r.body == b.id) {
                if reports.iter().any(|o| o.body == a.id && o.year == r.year) {
                    findings.push(Finding::error(
                        &r.yaml_path,
                        None,
                        format!(
                            "{} {} 年的报告出现两次：content/{}/{} 与 content/{}/{}；每个机关每年只能有一份报告",
                            a.name, r.year, a.id, r.year, b.id, r.year
                        ),
                    ));
                }
            }
        }
    }
}

fn load_body(root: &Path, id: &str, ctx: &mut FileCtx) -> Option<Body> {
    let src = read_text(root, ctx)?;
    ctx.lines = KeyLines::index(&src);
    let raw: RawBody = from_yaml(&src, ctx)?;
    Some(Body {
        id: id.to_string(),
        name: raw.name,
        level: raw.level,
        region: raw.region,
        website: raw.website,
        office: raw.office,
        sample: raw.sample,
        path: ctx.file.clone(),
    })
}

fn load_report(root: &Path, body: &str, year: u16, dir: &Path) -> (Option<Report>, Vec<Finding>) {
    let rel_dir = rel(root, dir);
    let mut yaml = FileCtx::new(rel_dir.join("report.yaml"));
    let mut md = FileCtx::new(rel_dir.join("report.md"));
    let report = read_report(root, body, year, &mut yaml, &mut md);
    // A report whose data could not be read as written is not checked further: identities over
    // misread cells would only repeat the same mistake in other words.
    let unreadable = yaml.findings.iter().any(|f| f.severity == Severity::Error);
    yaml.findings.append(&mut md.findings);
    (report.filter(|_| !unreadable), yaml.findings)
}

fn read_report(
    root: &Path,
    body: &str,
    year: u16,
    yaml: &mut FileCtx,
    md: &mut FileCtx,
) -> Option<Report> {
    let src = read_text(root, yaml)?;
    yaml.lines = KeyLines::index(&src);
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
    for (key, value, word) in [
        ("title", &raw.title, "报告标题"),
        ("issuer", &raw.issuer, "印发机关"),
    ] {
        if value.trim().is_empty() {
            yaml.error(key, format!("缺少 {key}（{word}）"));
        }
    }
    check_date(&raw.date, yaml);
    let [s2, s3, s4] = format.tables();
    let t2 = table::load_table(s2, &raw.t2, yaml);
    let t3 = table::load_table(s3, &raw.t3, yaml);
    let t4 = table::load_table(s4, &raw.t4, yaml);
    let indicators = load_indicators(&raw.indicators, yaml);
    let data = Data {
        tables: [&t2, &t3, &t4],
        indicators: &indicators,
    };
    let narrative = read_text(root, md)
        .map(|text| narrative::parse(&text, format, &data, md))
        .unwrap_or_default();
    Some(Report {
        body: body.to_string(),
        year,
        format,
        title: raw.title,
        issuer: raw.issuer,
        date: raw.date,
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
const REPORT_KEYS: [&str; 8] = [
    "format",
    "title",
    "issuer",
    "date",
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

fn check_date(date: &str, ctx: &mut FileCtx) {
    let ok = date.len() == 10
        && date.split('-').map(str::len).eq([4, 2, 2])
        && date.chars().all(|c| c.is_ascii_digit() || c == '-');
    if date.trim().is_empty() {
        // A report scaffolded by `nianbao new` leaves the date for the issuing office to fill.
        ctx.error(
            "date",
            "date（印发日期）尚未填写：请写成 年-月-日，如 2022-03-09".to_string(),
        );
    } else if !ok {
        ctx.error(
            "date",
            format!("date 应写成 年-月-日，如 2022-03-09，写的是 \"{date}\""),
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
        let value = match table::parse_cell(ColKind::Amount, &raw.value) {
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

/// Reads a file as UTF-8 text, or records why it cannot be read.
fn read_text(root: &Path, ctx: &mut FileCtx) -> Option<String> {
    let bytes = match fsx::read(&root.join(&ctx.file)) {
        Ok(b) => b,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            ctx.error_at(0, "缺少这个文件".to_string());
            return None;
        }
        Err(e) => {
            ctx.error_at(0, e.to_string());
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(s) => Some(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            ctx.error_at(
                line,
                "文件不是 UTF-8 编码（可能是 GBK）：请用编辑器“另存为 UTF-8”".to_string(),
            );
            None
        }
    }
}

/// Parses YAML into `T`, turning serde's message into a finding at its line.
fn from_yaml<T: serde::de::DeserializeOwned>(src: &str, ctx: &mut FileCtx) -> Option<T> {
    match serde_yaml::from_str(src) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e.location().map_or(0, |l| l.line());
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            ctx.error_at(line, format!("YAML 有误: {}", yaml_words(&msg)));
            None
        }
    }
}

/// serde's English, with the common cases said in Chinese first.
fn yaml_words(msg: &str) -> String {
    let hint = if msg.contains("unknown field") {
        "有不认识的键（是否拼写错误？）"
    } else if msg.contains("missing field") {
        "缺少必填的键"
    } else if msg.contains("invalid type") {
        "值的类型不对"
    } else if msg.contains("duplicate") {
        "同一个键写了两次"
    } else {
        "格式不对"
    };
    format!("{hint}（{msg}）")
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Other(format!("读取 {} 失败: {e}", dir.display())))?;
        out.push(entry.into_path());
    }
    Ok(out)
}

fn year_of(dir: &Path) -> Option<u16> {
    let name = file_name(dir);
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse().ok())
        .flatten()
        .filter(|y| (2008..=2100).contains(y))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// Body ids go into URLs: lower-case ASCII letters, digits and hyphens.
pub fn is_ascii_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

fn is_ascii_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
