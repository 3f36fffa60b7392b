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
use std::sync::atomic::AtomicUsize;
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
    let streamed = build::stream(root, &plan, opts, None)?;
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
    let start = Instant::now();
    let mut config = Config::load(&opts.root)?;
    if let Some(out) = &opts.output {
        config.output = out.clone();
    }
    let theme = render::Theme::load(&opts.root)?;
    let (plan, mut findings) = load::discover(&opts.root)?;
    // The output contract is checked, and the build lock taken, before anything is written.
    let staging = write::Staging::new(&opts.root, &config.output)?;
    let renderer = render::Renderer::new(&config, &theme, plan.reports() > 0);
    let sink = |path: &str, bytes: &[u8]| staging.put(path, bytes);
    let out = build::Output {
        renderer: &renderer,
        sink: &sink,
        pages: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
    };
    let check = check::CheckOptions {
        strict: opts.strict,
    };

    // Errors found before any report is read (a folder's name, a body in two folders) stop even
    // a build that keeps going; a body.yaml that cannot be read fails that body's reports.
    let unowned = findings
        .0
        .iter()
        .any(|f| f.severity == Severity::Error && !f.file.ends_with("body.yaml"));
    let streamed = build::stream(&opts.root, &plan, check, Some(&out))?;
    findings.0.extend(streamed.findings.0);
    findings.sort();
    if findings.has_errors() && (!opts.keep_going || unowned) {
        return Err(Error::Content(findings));
    }
    let digest = streamed.digest;
    findings
        .0
        .extend(build::site_pages(&digest, &streamed.failed, &config, &out)?.0);
    findings.sort();
    // Static files come last, so that one that would replace a generated file is caught.
    for (name, bytes) in render::static_files(&config.root)? {
        if staging.has(&name) || name == write::MARKER {
            return Err(Error::Other(format!(
                "static/{name} 与生成的文件 {name} 同名，会把它替换掉：请给 static/ 中的文件换个名字或位置"
            )));
        }
        out.file(&name, &bytes)?;
    }
    let (pages, files) = (out.pages.into_inner(), out.files.into_inner());
    staging.commit()?;
    Ok(BuildSummary {
        reports: digest.reports(),
        failed: streamed.failed.len(),
        pages,
        files,
        findings,
        output: config.output,
        elapsed: start.elapsed(),
    })
}
