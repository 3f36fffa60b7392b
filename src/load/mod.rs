//! Load: reads `content/` into typed values, keeping where each came from (one report at a
//! time in `report`, its tables in `table`, its narrative in `narrative`).
//!
//! ```text
//! content/<body>/body.yaml            the government body (name, level, region, …)
//! content/<body>/<year>/report.yaml   tables, indicators, title, issuer, date
//! content/<body>/<year>/report.md     opening paragraph and the six sections
//! ```
//!
//! Problems in the files become findings (with file and line); loading goes on so that every
//! problem is reported at once. Reports load in parallel.

mod claims;
mod narrative;
mod report;
mod table;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::diag::{Error, Finding, Findings, Result};
use crate::fsx;
use crate::model::{Body, Report, Site};
use crate::yamlpos::KeyLines;

/// The findings of one file, with what is needed to place them.
pub(crate) struct FileCtx {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Key lines, for YAML files.
    pub lines: KeyLines,
    /// The text of a YAML file, for figures read as written.
    pub source: String,
    /// What was found.
    pub findings: Vec<Finding>,
}

impl FileCtx {
    fn new(file: PathBuf) -> FileCtx {
        FileCtx {
            file,
            lines: KeyLines::default(),
            source: String::new(),
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

/// A body's folder: the body (when its `body.yaml` reads) and its report folders, oldest first.
#[derive(Debug, Clone)]
pub struct BodyPlan {
    /// The folder name.
    pub id: String,
    /// The body, when `body.yaml` could be read.
    pub body: Option<Body>,
    /// (year, folder) of each report.
    pub reports: Vec<(u16, PathBuf)>,
}

/// What `content/` holds, found without reading any report: the build then loads, checks and
/// renders one report at a time.
#[derive(Debug, Default)]
pub struct Plan {
    /// Bodies, sorted by id.
    pub bodies: Vec<BodyPlan>,
}

impl Plan {
    /// How many report folders there are.
    pub fn reports(&self) -> usize {
        self.bodies.iter().map(|b| b.reports.len()).sum()
    }
}

/// Finds the bodies and report folders below `root/content`, reading each `body.yaml`. The
/// error is only for a site that cannot be read at all; problems in its files are findings.
pub fn discover(root: &Path) -> Result<(Plan, Findings)> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::Other(format!(
            "找不到内容文件夹 {}：请在网站根目录（有 site.toml 的文件夹）运行，或用 --root 指定",
            content.display()
        )));
    }
    let dirs: Vec<PathBuf> = sorted_entries(&content)?
        .into_iter()
        .filter(|e| e.is_dir())
        .collect();
    let found: Vec<Result<(Option<BodyPlan>, Vec<Finding>)>> =
        dirs.par_iter().map(|d| discover_body(root, d)).collect();
    let mut findings = Findings::default();
    let mut bodies = Vec::new();
    for f in found {
        let (plan, fs) = f?;
        bodies.extend(plan);
        findings.0.extend(fs);
    }
    duplicate_bodies(root, &bodies, &mut findings);
    Ok((Plan { bodies }, findings))
}

pub(crate) fn discover_body(root: &Path, entry: &Path) -> Result<(Option<BodyPlan>, Vec<Finding>)> {
    let rel_dir = rel(root, entry);
    let id = file_name(entry);
    if !is_ascii_id(&id) {
        let why =
            format!("文件夹名「{id}」应为小写英文字母、数字和连字符（如 ganzhou），它会用在网址里");
        return Ok((None, vec![Finding::error(&rel_dir, None, why)]));
    }
    if crate::paths::RESERVED_IDS.contains(&id.as_str()) {
        let why = format!("文件夹名「{id}」是网站保留的名字，请换一个机关 id");
        return Ok((None, vec![Finding::error(&rel_dir, None, why)]));
    }
    let mut ctx = FileCtx::new(rel_dir.join("body.yaml"));
    let body = load_body(root, &id, &mut ctx);
    let mut findings = ctx.findings;
    let mut reports = Vec::new();
    for sub in sorted_entries(entry)? {
        match sub.is_dir().then(|| year_of(&sub)).flatten() {
            Some(year) => reports.push((year, sub)),
            None if sub.is_dir() => findings.push(Finding::error(
                &rel(root, &sub),
                None,
                "年度文件夹应以四位年份命名（如 2021）".to_string(),
            )),
            None => {}
        }
    }
    Ok((Some(BodyPlan { id, body, reports }), findings))
}

/// Loads one report, as the build does one at a time.
pub fn load_report(
    root: &Path,
    body: &str,
    year: u16,
    dir: &Path,
) -> (Option<Report>, Vec<Finding>) {
    report::load_report(root, body, year, dir)
}

/// Loads the whole site below `root` at once (for commands that look at one body's history,
/// such as `new`; `build` and `check` stream instead).
pub fn load(root: &Path) -> Result<(Site, Findings)> {
    let (plan, mut findings) = discover(root)?;
    let mut bodies = Vec::new();
    let mut reports = Vec::new();
    for b in plan.bodies {
        let Some(body) = b.body else { continue };
        let loaded: Vec<(Option<Report>, Vec<Finding>)> = b
            .reports
            .par_iter()
            .map(|(year, dir)| report::load_report(root, &b.id, *year, dir))
            .collect();
        for (report, fs) in loaded {
            reports.extend(report);
            findings.0.extend(fs);
        }
        bodies.push(body);
    }
    Ok((Site { bodies, reports }, findings))
}

/// Two folders for the same body would publish its report twice.
pub(crate) fn duplicate_bodies(root: &Path, bodies: &[BodyPlan], findings: &mut Findings) {
    for (i, a) in bodies.iter().enumerate() {
        let Some(name) = a.body.as_ref().map(|b| &b.name) else {
            continue;
        };
        for b in bodies
            .iter()
            .skip(i + 1)
            .filter(|b| b.body.as_ref().is_some_and(|b| &b.name == name))
        {
            for (year, dir) in &b.reports {
                if a.reports.iter().any(|(y, _)| y == year) {
                    findings.push(Finding::error(
                        &rel(root, dir).join("report.yaml"),
                        None,
                        format!(
                            "{name} {year} 年的报告出现两次：content/{}/{year} 与 content/{}/{year}；每个机关每年只能有一份报告",
                            a.id, b.id
                        ),
                    ));
                }
            }
        }
    }
}

fn load_body(root: &Path, id: &str, ctx: &mut FileCtx) -> Option<Body> {
    let src = read_text(root, ctx)?;
    index_yaml(&src, ctx)?;
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

/// The largest content file read (a report's YAML or Markdown is a few dozen KB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a file as UTF-8 text, or records why it cannot be read: missing, larger than
/// [`MAX_FILE_BYTES`], not UTF-8, or holding control characters.
pub(super) fn read_text(root: &Path, ctx: &mut FileCtx) -> Option<String> {
    let path = root.join(&ctx.file);
    let bytes = match fsx::read_at_most(&path, MAX_FILE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => {
            let len = std::fs::metadata(&path).map_or(MAX_FILE_BYTES + 1, |m| m.len());
            ctx.error_at(0, too_large(len));
            return None;
        }
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
        Ok(s) => {
            let s = s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s);
            if let Some((line, why)) = control_character(&s) {
                ctx.error_at(line, why);
                return None;
            }
            Some(s)
        }
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

/// The message for a file over the size limit.
pub(crate) fn too_large(len: u64) -> String {
    format!(
        "文件太大（{} KB），超过上限 {} KB；年度报告的 YAML 和 Markdown 一般只有几十 KB，请检查是否放错了文件",
        len.div_ceil(1024),
        MAX_FILE_BYTES / 1024
    )
}

/// The first control character of a text (other than tab and line ends), with its line: such
/// a character is invisible in an editor and would be written raw into pages and data files.
pub(crate) fn control_character(text: &str) -> Option<(usize, String)> {
    let (i, c) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    let line = text[..i].matches('\n').count() + 1;
    let column = text[..i]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    let name = if c == '\0' { "（NUL）" } else { "" };
    Some((
        line,
        format!(
            "第 {column} 个字符是看不见的控制字符 U+{:04X}{name}，请删除它（常见于从其他软件复制来的文字）",
            c as u32
        ),
    ))
}

/// Reads a YAML file's key lines and refuses, before parsing, a text with a duplicate key,
/// anchors or aliases, or nesting deeper than any report needs.
pub(super) fn index_yaml(src: &str, ctx: &mut FileCtx) -> Option<()> {
    ctx.lines = KeyLines::index(src);
    ctx.source = src.to_string();
    if let Some((line, why)) = ctx.lines.problem().cloned() {
        ctx.error_at(line, format!("YAML 有误: {why}"));
        return None;
    }
    Some(())
}

/// Parses YAML into `T`, turning serde's message into a finding at its line.
pub(super) fn from_yaml<T: serde::de::DeserializeOwned>(src: &str, ctx: &mut FileCtx) -> Option<T> {
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
pub(super) fn yaml_words(msg: &str) -> String {
    if let Some(n) = msg
        .split("invalid type: integer `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        return format!("数字 {n} 太大，超出可核对的范围");
    }
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

pub(super) fn rel(root: &Path, p: &Path) -> PathBuf {
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

pub(super) fn is_ascii_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
