//! One import, from a document to checked files: the options, the outcome of each file, and
//! the texts that tell a person what happened (the CLI prints them; the library never does).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::audit::{self, Status};
use crate::diag::{Finding, Findings, Result, Severity};
use crate::figures::CheckCounts;
use crate::format::Format;
use crate::fsx;

use super::doc::{Doc, Problem};
use super::indicators::Proposal;
use super::output::{self, Names};
use super::recognize::{recognize, Hints, Recognized};
use super::verify::{self, Files, Tally};

/// What `import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site root.
    pub root: PathBuf,
    /// The body's id (its folder under `content/`); on a dry run it may be left out.
    pub body: Option<String>,
    /// Year and format given on the command line.
    pub hints: Hints,
    /// Write nothing; only report.
    pub dry_run: bool,
    /// Replace an existing report.
    pub force: bool,
    /// Keep what was placed when some figures cannot be, leaving the rest blank.
    pub partial: bool,
    /// The address of the original on the portal (`source` in report.yaml).
    pub source: Option<String>,
}

/// A report imported (or, on a dry run, that would be).
#[derive(Debug)]
pub struct Imported {
    /// The body's id.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The year.
    pub year: u16,
    /// The format.
    pub format: Format,
    /// The title.
    pub title: String,
    /// The files written (on a dry run: that would be written), relative to the site root.
    pub files: Vec<PathBuf>,
    /// Whether the files were written.
    pub written: bool,
    /// Figures placed in the tables.
    pub placed: usize,
    /// Table cells left blank.
    pub blank: usize,
    /// The identities, as the check saw them.
    pub tally: Tally,
    /// Key figures proposed from the narrative.
    pub indicators: Vec<Proposal>,
    /// Remarks on the import (a heading supplied, figures left out with `partial` …).
    pub notes: Vec<String>,
    /// The check's findings on the new files.
    pub findings: Findings,
    /// What the check found, counted as the site's audit counts it.
    pub checks: CheckCounts,
    /// The issue date (印发日期), `YYYY-MM-DD`, when the closing lines give it.
    pub date: Option<String>,
    /// The portal's publication date (发布日期), when the page gives it.
    pub published: Option<String>,
}

/// A document that could not be imported: why, each with where.
#[derive(Debug)]
pub struct Failed {
    /// The reasons, as findings on the imported file.
    pub findings: Findings,
    /// The year, when the report was recognised as far as that.
    pub year: Option<u16>,
    /// The body's name as the title gives it, when it does.
    pub body_name: Option<String>,
}

/// What became of one file.
#[derive(Debug)]
pub struct Outcome {
    /// The file.
    pub source: PathBuf,
    /// Imported, or why not.
    pub result: std::result::Result<Imported, Failed>,
}

fn failed(source: &Path, problems: Vec<Problem>) -> Outcome {
    failed_report(source, problems, None)
}

/// A recognised report that cannot be imported: its year and body's name are known.
fn failed_report(source: &Path, problems: Vec<Problem>, r: Option<&Recognized>) -> Outcome {
    let findings = problems.into_iter().map(|p| finding(source, &p)).collect();
    Outcome {
        source: source.to_path_buf(),
        result: Err(Failed {
            findings: Findings(findings),
            year: r.map(|r| r.year),
            body_name: r.and_then(|r| r.body_name.clone()),
        }),
    }
}

fn finding(source: &Path, p: &Problem) -> Finding {
    let line = p.loc.as_ref().and_then(|l| l.line());
    let message = match p.loc.as_ref().and_then(|l| l.words()) {
        Some(w) => format!("{w}: {}", p.message),
        None => p.message.clone(),
    };
    Finding::error(source, line, message)
}

/// Imports one file. The error is a failure of the site's files (a folder that cannot be
/// written); a file that cannot be imported is an [`Outcome`] that says why.
pub fn import_file(path: &Path, opts: &Options) -> Result<Outcome> {
    match super::read_file(path) {
        Ok((_, doc)) => import_doc(&doc, path, opts),
        Err(crate::Error::Input(m)) => {
            let m = m
                .strip_prefix(&format!("{}: ", path.display()))
                .unwrap_or(&m)
                .to_string();
            Ok(failed(path, vec![Problem::whole(m)]))
        }
        Err(e) => Err(e),
    }
}

/// Imports a document read by any reader (`source` names it in messages).
pub fn import_doc(doc: &Doc, source: &Path, opts: &Options) -> Result<Outcome> {
    let r = match recognize(doc, &opts.hints) {
        Ok(r) => r,
        Err(p) => return Ok(failed(source, vec![p])),
    };
    if !r.problems.is_empty() && !opts.partial {
        let mut problems = r.problems.clone();
        problems.push(Problem::whole(
            "因以上问题，表格无法按行列名称完整导入，未写入任何文件；请核对原文，或加 --partial 只导入能确定位置的数字（其余留空）".to_string(),
        ));
        return Ok(failed_report(source, problems, Some(&r)));
    }
    let body = opts.body.clone().unwrap_or_else(|| body_id_from(source));
    let rel_dir = PathBuf::from("content")
        .join(&body)
        .join(r.year.to_string());
    let yaml_rel = rel_dir.join("report.yaml");
    let md_rel = rel_dir.join("report.md");
    if !opts.dry_run && !opts.force {
        if let Some(f) = [&yaml_rel, &md_rel]
            .into_iter()
            .find(|f| opts.root.join(f).exists())
        {
            return Ok(failed_report(
                source,
                vec![Problem::whole(format!(
                    "{} 已存在，不会覆盖；确要用导入的内容替换，请加 --force",
                    f.display()
                ))],
                Some(&r),
            ));
        }
    }
    let body_rel = PathBuf::from("content").join(&body).join("body.yaml");
    let existing = existing_body(&opts.root.join(&body_rel))?;
    let mut notes: Vec<String> = r.notes.iter().map(problem_text).collect();
    notes.extend(r.problems.iter().map(problem_text));
    let body_name = match (&existing, &r.body_name) {
        (Some((name, _)), _) | (None, Some(name)) => name.clone(),
        (None, None) => {
            return Ok(failed_report(
                source,
                vec![Problem::whole(format!(
                    "标题中没有机关名称，无法新建 {}：请先按 docs/format.md 写好该文件，再导入",
                    body_rel.display()
                ))],
                Some(&r),
            ))
        }
    };
    let title = r.title.clone().unwrap_or_else(|| {
        notes.push("原文中没有找到标题，已按机关名称和年度写出，请核对".to_string());
        format!("{body_name}{}年政府信息公开工作年度报告", r.year)
    });
    let names = Names {
        body_name: &body_name,
        title: &title,
        source: opts.source.as_deref(),
    };
    let files = Files {
        body_yaml: match &existing {
            Some((_, text)) => (body_rel.clone(), text.clone()),
            None => (
                body_rel.clone(),
                output::body_yaml(&body_name, r.issuer.as_deref().unwrap_or("")),
            ),
        },
        report_yaml: (yaml_rel, output::report_yaml(&r, &names)),
        report_md: (md_rel, output::report_md(&r)),
    };
    let (findings, tally, checks) = verify::check(&opts.root, &body, r.year, &files)?;
    let mut to_write = vec![&files.report_yaml, &files.report_md];
    if existing.is_none() {
        to_write.insert(0, &files.body_yaml);
    }
    if !opts.dry_run {
        for (rel, text) in &to_write {
            fsx::write(&opts.root.join(rel), text.as_bytes())?;
        }
    }
    let (placed, blank) = counts(&r);
    Ok(Outcome {
        source: source.to_path_buf(),
        result: Ok(Imported {
            body,
            body_name,
            year: r.year,
            format: r.format,
            title,
            files: to_write.iter().map(|(rel, _)| rel.clone()).collect(),
            written: !opts.dry_run,
            placed,
            blank,
            tally,
            indicators: r.indicators,
            notes,
            findings,
            checks,
            date: r.date.clone(),
            published: r.published.clone(),
        }),
    })
}

fn problem_text(p: &Problem) -> String {
    let at = p.loc.as_ref().map(|l| match (l.line(), l.words()) {
        (Some(n), _) => format!("第 {n} 行: "),
        (None, Some(w)) => format!("{w}: "),
        _ => String::new(),
    });
    format!("{}{}", at.unwrap_or_default(), p.message)
}

/// The body's name and `body.yaml` text, when the site has the body.
fn existing_body(path: &Path) -> Result<Option<(String, String)>> {
    if !path.is_file() {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&fsx::read(path)?).into_owned();
    let name = serde_yaml::from_str::<serde_yaml::Value>(&text)
        .ok()
        .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_string))
        .unwrap_or_default();
    Ok(Some((name, text)))
}

/// On a dry run without `--body`: an id from the file's name, for the messages.
fn body_id_from(source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let id: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let id = id.trim_matches('-').to_string();
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) && id.len() == 4 {
        "report".to_string()
    } else {
        id
    }
}

/// Figures placed, and cells left blank, over the whole of the three tables.
fn counts(r: &Recognized) -> (usize, usize) {
    let mut placed = 0;
    let mut cells = 0;
    for (leaf, row) in r.labels.leaves.iter().zip(&r.rows) {
        cells += r.format.tables()[leaf.table].blocks[leaf.block]
            .columns
            .len();
        placed += row.iter().flatten().filter(|c| c.is_some()).count();
    }
    (placed, cells - placed)
}

impl Imported {
    /// 「勾稽关系 41 项通过，0 项不符，0 项已确认」.
    pub fn identities(&self) -> String {
        let t = &self.tally;
        let mut s = format!(
            "勾稽关系 {} 项通过，{} 项不符，{} 项已确认",
            t.passed(),
            t.failed,
            t.acknowledged
        );
        if t.derived > 0 {
            let _ = write!(s, "（{} 个空白的总计按同行数字推算）", t.derived);
        }
        if t.unchecked > 0 {
            let _ = write!(s, "（{} 项因合计空白且无从推算未核对）", t.unchecked);
        }
        s
    }
}

impl Outcome {
    /// One line for this file.
    pub fn summary_line(&self) -> String {
        let file = self.source.display();
        match &self.result {
            Ok(i) => format!(
                "{file}: {} {} 年（{} 格式）：放入数字 {} 个，空白 {} 格；{}；错误 {} 条，警告 {} 条",
                i.body_name,
                i.year,
                i.format.key(),
                i.placed,
                i.blank,
                i.identities(),
                i.findings.errors(),
                i.findings.warnings() + i.notes.len()
            ),
            Err(f) => {
                let first = f.findings.0.first().map_or("", |f| f.message.as_str());
                format!(
                    "{file}: 导入失败（{} 处问题）：{first}",
                    f.findings.0.len().saturating_sub(1).max(1)
                )
            }
        }
    }
}

/// One row per file in the audit's columns (`crate::audit::COLUMNS`, the site's 核对情况 and
/// `data/audit.csv`) after a 文件 column: the status (通过核对, or 未通过核对 when the check found
/// errors or the file could not be imported), the dates, the counts, and in 说明 every problem
/// and remark joined by 「；」. `body` is the body's id given on the command line, if any.
pub fn audit_csv(outcomes: &[Outcome], body: Option<&str>) -> Vec<u8> {
    let rows: Vec<audit::Row> = outcomes.iter().map(|o| audit_row(o, body)).collect();
    let leads: Vec<Vec<String>> = outcomes
        .iter()
        .map(|o| vec![o.source.display().to_string()])
        .collect();
    crate::export::audit_csv(&rows, &["文件"], &leads)
}

fn audit_row(o: &Outcome, body: Option<&str>) -> audit::Row {
    let body = body.unwrap_or("").to_string();
    match &o.result {
        Ok(i) => {
            let mut notes: Vec<String> = i
                .findings
                .0
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .chain(
                    i.findings
                        .0
                        .iter()
                        .filter(|f| f.severity != Severity::Error),
                )
                .map(|f| f.message.clone())
                .collect();
            notes.extend(i.notes.iter().cloned());
            audit::Row {
                body,
                body_on_site: false,
                name: i.body_name.clone(),
                year: i.year,
                status: if i.findings.has_errors() {
                    Status::Failed
                } else {
                    Status::Checked
                },
                published: i.published.clone(),
                date: i.date.clone(),
                checks: i.checks,
                notes: notes.join("；"),
            }
        }
        Err(f) => {
            let problems: Vec<String> = f
                .findings
                .0
                .iter()
                .map(|x| match x.line {
                    Some(n) => format!("第 {n} 行: {}", x.message),
                    None => x.message.clone(),
                })
                .collect();
            audit::Row {
                body,
                body_on_site: false,
                name: f.body_name.clone().unwrap_or_default(),
                year: f.year.unwrap_or(0),
                status: Status::Failed,
                published: None,
                date: None,
                checks: CheckCounts {
                    errors: f.findings.0.len() as u32,
                    ..CheckCounts::default()
                },
                notes: format!("导入失败：{}", problems.join("；")),
            }
        }
    }
}

/// Every finding of every file as a table (CSV, UTF-8 with a byte-order mark so that Excel
/// and WPS read the Chinese): 文件, 机关, 年度, 类别, 位置, 内容.
pub fn problems_csv(outcomes: &[Outcome]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    record(&mut out, &["文件", "机关", "年度", "类别", "位置", "内容"]);
    for o in outcomes {
        let file = o.source.display().to_string();
        match &o.result {
            Err(f) => {
                for x in &f.findings.0 {
                    record(
                        &mut out,
                        &[&file, "", "", "导入失败", &x.location(), &x.message],
                    );
                }
            }
            Ok(i) => {
                let year = i.year.to_string();
                let row = |kind: &str, at: &str, what: &str| {
                    [file.as_str(), &i.body_name, &year, kind, at, what].map(str::to_string)
                };
                let mut rows = vec![row("核对", "", &i.identities())];
                rows.extend(i.notes.iter().map(|n| row("导入说明", "", n)));
                for x in &i.findings.0 {
                    let kind = if x.severity == Severity::Error {
                        "错误"
                    } else {
                        "警告"
                    };
                    rows.push(row(kind, &x.location(), &x.message));
                }
                for r in rows {
                    record(&mut out, &r.each_ref().map(String::as_str));
                }
            }
        }
    }
    out.into_bytes()
}

fn record(out: &mut String, fields: &[&str]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\r', '\n']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        })
        .collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}
