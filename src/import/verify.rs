//! The check of an imported report: the same loading and checking as `nianbao check`, run on a
//! private copy (the body, the new report, and the body's reports of the years before and
//! after, for the identities that link two years), so that a dry run writes nothing and a
//! failed import leaves the site as it was.
//!
//! The summary's count of identities comes from the check's findings: an identity failed when
//! the check reported an error against the report's tables; the identities are counted as the
//! check evaluates them (a blank total is not compared).

use std::path::{Path, PathBuf};

use crate::diag::{Findings, Result, Severity};
use crate::figures::CheckCounts;
use crate::format::key;
use crate::fsx;
use crate::model::Report;

/// The files of the report being imported, relative to the site root, with their text.
pub struct Files {
    /// `content/<body>/body.yaml`: the site's own, or the one the import would write.
    pub body_yaml: (PathBuf, String),
    /// `report.yaml`.
    pub report_yaml: (PathBuf, String),
    /// `report.md`.
    pub report_md: (PathBuf, String),
}

/// The identities of one report, as the check saw them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Compared.
    pub checked: usize,
    /// Compared and failed (errors of the check against the report's tables).
    pub failed: usize,
    /// Failed as published and acknowledged in the report's `acknowledged` list.
    pub acknowledged: usize,
    /// Not compared because the total is blank and cannot be derived.
    pub unchecked: usize,
    /// Blank totals derived from their rows (formats.md, "Blank is not zero").
    pub derived: usize,
}

impl Tally {
    /// Compared and held.
    pub fn passed(&self) -> usize {
        self.checked - self.failed - self.acknowledged
    }
}

/// The check's findings about the report (and its body file), the identity count, and what
/// the check found counted as the site's audit counts it.
pub fn check(
    root: &Path,
    body: &str,
    year: u16,
    files: &Files,
) -> Result<(Findings, Tally, CheckCounts)> {
    let temp = private_dir().map_err(|e| crate::Error::Io {
        action: "创建临时文件夹",
        path: std::env::temp_dir(),
        source: e,
    })?;
    let site = temp.path();
    for (rel, text) in [&files.body_yaml, &files.report_yaml, &files.report_md] {
        fsx::write(&site.join(rel), text.as_bytes())?;
    }
    for y in [year.wrapping_sub(1), year + 1] {
        for name in ["report.yaml", "report.md"] {
            let rel = PathBuf::from("content")
                .join(body)
                .join(y.to_string())
                .join(name);
            if root.join(&rel).is_file() {
                fsx::write(&site.join(&rel), &fsx::read(&root.join(&rel))?)?;
            }
        }
    }
    let (loaded, mut findings) = crate::load::load(site)?;
    crate::check::check(&loaded, &mut findings, Default::default());
    let yaml = &files.report_yaml.0;
    let about_tables = |f: &&crate::diag::Finding| {
        &f.file == yaml && f.id.as_deref().is_some_and(|id| !id.starts_with("text."))
    };
    let failed = findings
        .0
        .iter()
        .filter(about_tables)
        .filter(|f| f.severity == Severity::Error)
        .count();
    let acknowledged = findings
        .0
        .iter()
        .filter(about_tables)
        .filter(|f| f.is_acknowledged())
        .count();
    let ours = [&files.body_yaml.0, yaml, &files.report_md.0];
    findings.0.retain(|f| ours.contains(&&f.file));
    findings.sort();
    let report = loaded
        .reports
        .iter()
        .find(|r| r.body == body && r.year == year);
    let prev = loaded
        .reports
        .iter()
        .find(|r| r.body == body && r.year + 1 == year);
    let mut tally = report.map_or_else(Tally::default, |r| count(r, prev));
    tally.failed = failed.min(tally.checked);
    tally.acknowledged = acknowledged.min(tally.checked - tally.failed);
    let checks = match report {
        Some(r) => CheckCounts::of(r, &findings.0),
        None => CheckCounts {
            errors: findings.errors() as u32,
            warnings: findings.warnings() as u32,
            ..CheckCounts::default()
        },
    };
    Ok((findings, tally, checks))
}

/// A folder for the private copy: in memory (`/dev/shm`) where the system has it, since on
/// some disks removing even small files costs milliseconds each, which an auditor's run over a
/// thousand reports would feel; else the system's temporary folder.
fn private_dir() -> std::io::Result<tempfile::TempDir> {
    let builder = || {
        let mut b = tempfile::Builder::new();
        b.prefix("nianbao-import-");
        b
    };
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = builder().tempdir_in(shm) {
            return Ok(dir);
        }
    }
    builder().tempdir()
}

/// The identities the check evaluates on `report`, those it cannot for a blank total that
/// cannot be derived, and the totals derived for blank cells.
fn count(report: &Report, prev: Option<&Report>) -> Tally {
    let mut t = Tally::default();
    for table in report.tables() {
        for block in &table.blocks {
            let Some(total) = block.total_col() else {
                continue;
            };
            for row in &block.rows {
                match (&row.cells[total], row.derived[total]) {
                    (Some(_), _) => t.checked += 1,
                    (None, Some(_)) => t.derived += 1,
                    (None, None) => t.unchecked += 1,
                }
            }
        }
    }
    let t3 = &report.t3.blocks[0];
    if let Some(total) = t3.row(key::RESULTS_TOTAL.0) {
        for c in 0..total.cells.len() {
            match total.count(c) {
                Some(_) => t.checked += 2,
                None => t.unchecked += 2,
            }
        }
    }
    let pair = prev
        .and_then(|p| p.t3.blocks[0].row(key::CARRIED_FORWARD.0))
        .zip(t3.row(key::CARRIED_OVER.0));
    if let Some((fwd, over)) = pair {
        t.checked += (0..over.cells.len())
            .filter(|c| fwd.count(*c).is_some() && over.count(*c).is_some())
            .count();
    }
    t
}
