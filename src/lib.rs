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

pub mod charts;
pub mod check;
pub mod config;
pub mod diag;
pub mod export;
pub mod format;
mod fsx;
pub mod import;
pub mod load;
pub mod markup;
pub mod model;
pub mod paths;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod write;
mod yamlpos;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

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
    /// Warnings (the build had no errors).
    pub findings: Findings,
    /// Where the site was written.
    pub output: PathBuf,
    /// How long the build took.
    pub elapsed: Duration,
}

/// The checked site, with its settings and findings (warnings only).
pub struct Checked {
    /// Settings.
    pub config: Config,
    /// The loaded content.
    pub site: Site,
    /// Warnings.
    pub findings: Findings,
}

/// Discovers, loads and checks a site. Content errors come back as [`Error::Content`], with
/// every finding.
pub fn check_site(root: &Path) -> Result<Checked> {
    let config = Config::load(root)?;
    let (site, mut findings) = load::load(root)?;
    findings.0.extend(check::check(&site).0);
    findings.sort();
    if findings.has_errors() {
        return Err(Error::Content(findings));
    }
    Ok(Checked {
        config,
        site,
        findings,
    })
}

/// Builds the site: check, render, and replace the output folder only if all went well.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary> {
    let start = Instant::now();
    let Checked {
        mut config,
        site,
        mut findings,
    } = check_site(&opts.root)?;
    if let Some(out) = &opts.output {
        config.output = out.clone();
    }
    write::guard_output(&opts.root, &config.output)?;
    let theme = render::Theme::load(&opts.root)?;
    let staging = write::Staging::new(&config.output)?;
    let files = AtomicUsize::new(0);
    let sink = |path: &str, bytes: &[u8]| {
        files.fetch_add(1, Ordering::Relaxed);
        staging.put(path, bytes)
    };
    let pages = render::render_site(&site, &config, &theme, &sink)?;
    findings
        .0
        .extend(export::export_site(&site, &config, &sink)?.findings.0);
    findings.sort();
    staging.commit()?;
    Ok(BuildSummary {
        reports: site.reports.len(),
        pages,
        files: files.into_inner(),
        findings,
        output: config.output,
        elapsed: start.elapsed(),
    })
}
