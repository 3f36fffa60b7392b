//! nianbao (年报): a static site generator for Chinese government information-disclosure annual
//! reports (政府信息公开工作年度报告).
//!
//! A build is a streaming pipeline (`build`), one module per step:
//!
//! 1. settings (`config`: `site.toml`), then discovery (`load::discover`: the bodies and their
//!    reports, nothing read yet);
//! 2. for each body in parallel, each report oldest first: load (`load`: YAML + Markdown into
//!    typed values that remember their file and line) → check (`check`: every identity, the
//!    narrative against its tables, the link with the year before; all findings collected) →
//!    render (`render`, `charts`) → open data (`export`) → write (`write`: into the staging
//!    folder); the report is then dropped, leaving its [`figures::Summary`];
//! 3. from the summaries alone ([`figures::Digest`]): the year, home and audit pages (the ones
//!    that list every body rendered straight into their files), the combined open data (streamed
//!    to disk), the sitemap and the feed, with freed memory given back at once (`memory`);
//! 4. the staging folder replaces the output in one step, only if everything went well; the
//!    findings, held packed per body until then, are unpacked and sorted to be shown.
//!
//! The headline figures (本年办结, 予以公开占办结 …) are computed once, in `figures`. `check`
//! runs steps 1–2 without rendering; `serve` keeps what a full build streamed and re-streams only
//! the bodies a change touches (`build::preview`).

#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs)]

pub(crate) mod audit;
mod build;
pub(crate) mod charts;
pub mod check;
pub(crate) mod config;
pub mod diag;
pub(crate) mod export;
pub(crate) mod figures;
pub mod format;
mod fsx;
/// Entry points for the fuzz targets in `fuzz/`; not part of the interface.
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub mod load;
pub(crate) mod markup;
pub(crate) mod memory;
pub(crate) mod model;
pub mod paths;
pub(crate) mod phrases;
pub(crate) mod render;
pub mod scaffold;
pub(crate) mod search;
pub mod serve;
pub(crate) mod write;
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
    findings.0.extend(streamed.findings.unpack().0);
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
