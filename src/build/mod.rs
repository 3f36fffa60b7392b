//! The build as a stream: each body's reports, oldest first, go through load → check → render →
//! write one at a time and are dropped, leaving only their [`Summary`] (numbers and short
//! strings). Bodies stream in parallel. The pages that show many reports (home, years), the
//! combined open data and the feeds are then made from the summaries alone, so memory grows with
//! the number of reports only by their summaries, never by their text or pages.
//!
//! A report is checked against the summary of the year before it as it goes (上年结转, the units
//! of indicators), and its page compares with that year. Every finding of every report is
//! collected before anything is swapped in: a build with an error writes only into the staging
//! folder, which never becomes the output.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::audit;
use crate::check::{self, CheckOptions};
use crate::diag::{Finding, Findings, Result, Severity};
use crate::export::{self, Sink};
use crate::figures::{CheckCounts, Digest, Summary};
use crate::load::{self, BodyPlan, Plan};
use crate::model::Body;
use crate::paths;
use crate::render::{Renderer, Theme};
use crate::{write, BuildOptions, BuildSummary, Config, Error};

/// Where a build's pages and files go, with what it counts.
pub(crate) struct Output<'a> {
    pub renderer: &'a Renderer<'a>,
    pub sink: Sink<'a>,
    pub pages: AtomicUsize,
    pub files: AtomicUsize,
    /// Whether each body's written files are listed (for the preview's partial rebuilds).
    pub track: bool,
}

impl Output<'_> {
    fn page(&self, path: &str, html: String) -> Result<()> {
        self.pages.fetch_add(1, Ordering::Relaxed);
        self.file(path, html.as_bytes())
    }

    pub(crate) fn file(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        (self.sink)(path, bytes)
    }
}

mod preview;

pub(crate) use preview::Preview;

/// What one body leaves after streaming.
#[derive(Clone)]
pub(crate) struct BodyDone {
    /// The body with the summaries of its reports that passed (none when its `body.yaml` could
    /// not be read).
    body: Option<(Body, Vec<Summary>)>,
    /// Its reports that failed their checks, for the audit.
    failed: Vec<audit::Row>,
    /// Every finding about it.
    findings: Findings,
    /// The files it wrote (its reports' pages and data, its page), when the output tracks them.
    files: Vec<String>,
}

/// What streaming the whole site leaves.
pub(crate) struct Streamed {
    /// The site in summary: the reports that passed their checks.
    pub digest: Digest,
    /// The reports that did not, for the audit.
    pub failed: Vec<audit::Row>,
    /// Every finding, unsorted.
    pub findings: Findings,
}

/// Streams every body of `plan`: loads, checks and (with an output) renders each report that
/// passes, then each body's page.
pub(crate) fn stream(
    root: &Path,
    plan: &Plan,
    opts: CheckOptions,
    out: Option<&Output>,
) -> Result<Vec<BodyDone>> {
    plan.bodies
        .par_iter()
        .map(|b| body(root, b, opts, out))
        .collect::<Result<_>>()
}

impl Streamed {
    /// The site from its bodies' results, in the order given (sorted by id).
    pub(crate) fn from<I: IntoIterator<Item = BodyDone>>(done: I) -> Streamed {
        let mut all = Streamed {
            digest: Digest::default(),
            failed: Vec::new(),
            findings: Findings::default(),
        };
        for d in done {
            all.digest.bodies.extend(d.body);
            all.failed.extend(d.failed);
            all.findings.0.extend(d.findings.0);
        }
        all
    }
}

/// The audit row of a report that failed its checks (or could not be read).
fn failed_row(plan: &BodyPlan, year: u16, report: Option<&Summary>, own: &Findings) -> audit::Row {
    let errors: Vec<&str> = own
        .0
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message.as_str())
        .collect();
    audit::Row {
        body: plan.id.clone(),
        name: plan
            .body
            .as_ref()
            .map_or_else(|| plan.id.clone(), |b| b.name.clone()),
        body_on_site: plan.body.is_some(),
        year,
        status: audit::Status::Failed,
        published: report.and_then(|s| s.published.clone()),
        date: report.map(|s| s.date.clone()).filter(|d| !d.is_empty()),
        checks: report.map(|s| s.checks).unwrap_or_default(),
        notes: errors.join("；"),
    }
}

/// One body: its reports oldest first, then its page.
pub(crate) fn body(
    root: &Path,
    plan: &BodyPlan,
    opts: CheckOptions,
    out: Option<&Output>,
) -> Result<BodyDone> {
    let mut files = Vec::new();
    let track = |files: &mut Vec<String>, path: String| {
        if out.is_some_and(|o| o.track) {
            files.push(path);
        }
    };
    let mut findings = Findings::default();
    let mut summaries: Vec<Summary> = Vec::new();
    let mut failed = Vec::new();
    // The report of the year before, passed or not, for the checks that link two years.
    let mut prev: Option<Summary> = None;
    for (year, dir) in &plan.reports {
        let (report, loaded) = load::load_report(root, &plan.id, *year, dir);
        let mut own = Findings(loaded);
        let Some(report) = report else {
            failed.push(failed_row(plan, *year, None, &own));
            findings.0.extend(own.0);
            prev = None;
            continue;
        };
        check::check_report(&report, &mut own);
        if let Some(p) = &prev {
            check::check_against_previous(p, &report, &mut own);
        }
        check::acknowledge(&report, &mut own, opts);
        let passed = !own.has_errors() && plan.body.is_some();
        if let (Some(out), Some(body)) = (out.filter(|_| passed), &plan.body) {
            let about: Vec<&Finding> = own.0.iter().collect();
            let html = out.renderer.report(&report, body, prev.as_ref(), &about)?;
            let page = paths::report(&report.body, report.year);
            out.page(&page, html)?;
            track(&mut files, page);
            let data = export::report_files(&report, body, &about, out.sink)?;
            out.files.fetch_add(data.len(), Ordering::Relaxed);
            for path in data {
                track(&mut files, path);
            }
        }
        let mut summary = Summary::of(&report);
        summary.checks = CheckCounts::of(&report, &own.0);
        if passed {
            summaries.push(summary.clone());
        } else {
            failed.push(failed_row(plan, *year, Some(&summary), &own));
        }
        findings.0.extend(own.0);
        prev = Some(summary);
    }
    let Some(body) = plan.body.clone() else {
        return Ok(BodyDone {
            body: None,
            failed,
            findings,
            files,
        });
    };
    findings.0.extend(check::sample_warning(&body));
    if let Some(out) = out {
        let html = out.renderer.body(&body, &summaries)?;
        let page = paths::body(&body.id);
        out.page(&page, html)?;
        track(&mut files, page);
    }
    Ok(BodyDone {
        body: Some((body, summaries)),
        failed,
        findings,
        files,
    })
}

/// What a full build keeps for the preview's partial rebuilds (see `preview`).
pub(crate) struct Kept {
    /// The settings.
    pub config: Config,
    /// Each body's folder and what streaming it left, by id.
    pub bodies: Vec<(BodyPlan, BodyDone)>,
    /// The files made from the digest (home, years, audit, combined data, feeds, 404).
    pub site_files: Vec<String>,
}

/// A full build: discover, stream every report into the staging folder, make the pages of the
/// whole site, add the static files, and swap the staging folder in. With `keep`, also returns
/// what the preview needs to rebuild only what a change touches.
pub(crate) fn run(opts: &BuildOptions, keep: bool) -> Result<(BuildSummary, Option<Kept>)> {
    let start = Instant::now();
    let mut config = Config::load(&opts.root)?;
    if let Some(out) = &opts.output {
        config.output = out.clone();
    }
    let theme = Theme::load(&opts.root)?;
    let (plan, discovery) = load::discover(&opts.root)?;
    // The output contract is checked, and the build lock taken, before anything is written.
    let staging = write::Staging::new(&opts.root, &config.output)?;
    let renderer = Renderer::new(&config, &theme, plan.reports() > 0);
    let site_files = std::sync::Mutex::new(Vec::new());
    let sink = |path: &str, bytes: &[u8]| staging.put(path, bytes);
    let out = Output {
        renderer: &renderer,
        sink: &sink,
        pages: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
        track: keep,
    };
    let check = CheckOptions {
        strict: opts.strict,
    };
    // Errors found before any report is read (a folder's name, a body in two folders) stop even
    // a build that keeps going; a body.yaml that cannot be read fails that body's reports.
    let unowned = discovery
        .0
        .iter()
        .any(|f| f.severity == Severity::Error && !f.file.ends_with("body.yaml"));
    let done = stream(&opts.root, &plan, check, Some(&out))?;
    let kept_bodies: Option<Vec<(BodyPlan, BodyDone)>> = keep.then(|| {
        plan.bodies
            .iter()
            .cloned()
            .zip(done.iter().cloned())
            .collect()
    });
    let streamed = Streamed::from(done);
    let mut findings = discovery.clone();
    findings.0.extend(streamed.findings.0);
    findings.sort();
    if findings.has_errors() && (!opts.keep_going || unowned) {
        return Err(Error::Content(findings));
    }
    let digest = streamed.digest;
    let record = |path: &str, bytes: &[u8]| {
        if keep {
            if let Ok(mut list) = site_files.lock() {
                list.push(path.to_string());
            }
        }
        staging.put(path, bytes)
    };
    let site_out = Output {
        sink: &record,
        ..out
    };
    findings
        .0
        .extend(site_pages(&digest, &streamed.failed, &config, &site_out)?.0);
    findings.sort();
    // Static files come last, so that one that would replace a generated file is caught.
    for (name, bytes) in crate::render::static_files(&config.root)? {
        if staging.has(&name) || name == write::MARKER {
            return Err(Error::Other(format!(
                "static/{name} 与生成的文件 {name} 同名，会把它替换掉：请给 static/ 中的文件换个名字或位置"
            )));
        }
        // Not among the files made from the digest: a partial rebuild leaves them alone.
        site_out.files.fetch_add(1, Ordering::Relaxed);
        staging.put(&name, &bytes)?;
    }
    let (pages, files) = (site_out.pages.into_inner(), site_out.files.into_inner());
    staging.commit()?;
    let kept = kept_bodies.map(|bodies| Kept {
        config: config.clone(),
        bodies,
        site_files: site_files.into_inner().unwrap_or_default(),
    });
    Ok((
        BuildSummary {
            reports: digest.reports(),
            failed: streamed.failed.len(),
            pages,
            files,
            findings,
            output: config.output,
            elapsed: start.elapsed(),
        },
        kept,
    ))
}

/// The pages and files made from the digest: every year's page, the audit (核对情况) with the
/// reports that failed, the home and not-found pages, the combined open data and the feeds.
/// Returns the warnings of the export.
pub(crate) fn site_pages(
    digest: &Digest,
    failed: &[audit::Row],
    config: &crate::Config,
    out: &Output,
) -> Result<Findings> {
    digest.years().par_iter().try_for_each(|year| {
        let listed = digest.of_year(*year);
        let html = out.renderer.year(*year, &listed)?;
        out.page(&paths::year(*year), html)
    })?;
    let rows = audit::rows(digest, failed);
    out.page(paths::AUDIT, out.renderer.audit(&rows)?)?;
    let years: Vec<u16> = audit::years(&rows);
    years.par_iter().try_for_each(|year| {
        let html = out.renderer.audit_year(*year, &rows)?;
        out.page(&paths::audit_year(*year), html)
    })?;
    out.file(paths::AUDIT_CSV, &export::audit_csv(&rows, &[], &[]))?;
    out.page(paths::HOME, out.renderer.home(digest)?)?;
    out.page(paths::NOT_FOUND, out.renderer.not_found()?)?;
    let exported = export::site_files(digest, config, &|p: &str, b: &[u8]| out.file(p, b))?;
    Ok(exported.findings)
}
