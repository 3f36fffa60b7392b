//! nianbao (年报): a static site generator for Chinese government information-disclosure annual
//! reports (政府信息公开工作年度报告).
//!
//! A build is a short pipeline, one module per step:
//! discover (`config`: `site.toml`) → load (`load`: YAML + Markdown into typed values that
//! remember their file and line) → check (`check`: every accounting identity, all findings
//! collected) → render (`render`: Tera, Markdown, tables, `charts`) → write (`write`: one function
//! touches the output folder). `build`, `check` and `serve` share it.

#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs)]

pub mod audit;
mod build;
pub mod charts;
pub mod check;
pub mod config;
pub mod diag;
pub mod export;
pub mod figures;
pub mod format;
mod fsx;
/// Entry points for the fuzz targets in `fuzz/`; not part of the interface.
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub mod load;
pub mod markup;
pub mod model;
pub mod paths;
pub mod phrases;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod write;
mod yamlpos;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use config::Config;
pub use diag::{format_findings, Error, Finding, Findings, Result, Severity};
pub use model::Site;

/// What `build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (the folder with `site.toml` and `content/`).
    pub root: PathBuf,
    /// The output folder; `None`: as `site.toml` says, else `public/`.
    pub output: Option<PathBuf>,
    /// Acknowledged discrepancies stay errors.
    pub strict: bool,
    /// Publish the reports that pass and leave out those that fail, listing them on the audit
    /// page (核对情况), instead of refusing the whole build.
    pub keep_going: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    /// Reports built.
    pub reports: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// Warnings; with `keep_going`, also the errors of the reports left out.
    pub findings: Findings,
    /// Reports left out because they failed their checks (only with `keep_going`).
    pub failed: usize,
    /// Where the site was written.
    pub output: PathBuf,
    /// How long the build took.
    pub elapsed: Duration,
}

/// What a successful check found.
pub struct Checked {
    /// Reports checked.
    pub reports: usize,
    /// Warnings.
    pub findings: Findings,
}

/// Loads and checks every report of a site, streaming, without writing anything. Content
/// errors come back as [`Error::Content`], with every finding.
pub fn check_site(root: &Path, opts: check::CheckOptions) -> Result<Checked> {
    Config::load(root)?;
    let (plan, mut findings) = load::discover(root)?;
    let streamed = build::Streamed::from(build::stream(root, &plan, opts, None)?);
    findings.0.extend(streamed.findings.0);
    findings.sort();
    if findings.has_errors() {
        return Err(Error::Content(findings));
    }
    Ok(Checked {
        reports: streamed.digest.reports(),
        findings,
    })
}

/// Builds the site: streams every report through check and render into a staging folder, then
/// the pages made from the summaries, and replaces the output folder only if all went well.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary> {
    build::run(opts, false).map(|(summary, _)| summary)
}
