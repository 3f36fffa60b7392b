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

use rayon::prelude::*;

use crate::check::{self, CheckOptions};
use crate::diag::{Finding, Findings, Result};
use crate::export::{self, Sink};
use crate::figures::{CheckCounts, Digest, Summary};
use crate::load::{self, BodyPlan, Plan};
use crate::model::Body;
use crate::paths;
use crate::render::Renderer;

/// Where a build's pages and files go, with what it counts.
pub(crate) struct Output<'a> {
    pub renderer: &'a Renderer<'a>,
    pub sink: Sink<'a>,
    pub pages: AtomicUsize,
    pub files: AtomicUsize,
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

/// What one body leaves after streaming: the body with its reports' summaries (none when its
/// `body.yaml` could not be read), and every finding about it.
type BodyDone = (Option<(Body, Vec<Summary>)>, Findings);

/// Streams every body of `plan`: loads, checks and (with an output) renders each report, then
/// each body's page. Returns the site's digest and every finding (unsorted).
pub(crate) fn stream(
    root: &Path,
    plan: &Plan,
    opts: CheckOptions,
    out: Option<&Output>,
) -> Result<(Digest, Findings)> {
    let done: Vec<BodyDone> = plan
        .bodies
        .par_iter()
        .map(|b| body(root, b, opts, out))
        .collect::<Result<_>>()?;
    let mut digest = Digest::default();
    let mut findings = Findings::default();
    for (body, fs) in done {
        digest.bodies.extend(body);
        findings.0.extend(fs.0);
    }
    Ok((digest, findings))
}

/// One body: its reports oldest first, then its page.
fn body(
    root: &Path,
    plan: &BodyPlan,
    opts: CheckOptions,
    out: Option<&Output>,
) -> Result<BodyDone> {
    let mut findings = Findings::default();
    let mut summaries: Vec<Summary> = Vec::new();
    let mut prev: Option<usize> = None;
    for (year, dir) in &plan.reports {
        let (report, loaded) = load::load_report(root, &plan.id, *year, dir);
        let mut own = Findings(loaded);
        let Some(report) = report else {
            findings.0.extend(own.0);
            prev = None;
            continue;
        };
        let before = prev.map(|i| &summaries[i]);
        check::check_report(&report, &mut own);
        if let Some(p) = before {
            check::check_against_previous(p, &report, &mut own);
        }
        check::acknowledge(&report, &mut own, opts);
        if let (Some(out), Some(body)) = (out, &plan.body) {
            if !own.has_errors() {
                let about: Vec<&Finding> = own.0.iter().collect();
                let html = out.renderer.report(&report, body, before, &about)?;
                out.page(&paths::report(&report.body, report.year), html)?;
                let n = export::report_files(&report, body, &about, out.sink)?;
                out.files.fetch_add(n, Ordering::Relaxed);
            }
        }
        let mut summary = Summary::of(&report);
        summary.checks = CheckCounts::of(&report, &own.0);
        findings.0.extend(own.0);
        prev = Some(summaries.len());
        summaries.push(summary);
    }
    let Some(body) = plan.body.clone() else {
        return Ok((None, findings));
    };
    findings.0.extend(check::sample_warning(&body));
    if let Some(out) = out.filter(|_| !findings.has_errors()) {
        let html = out.renderer.body(&body, &summaries)?;
        out.page(&paths::body(&body.id), html)?;
    }
    Ok((Some((body, summaries)), findings))
}

/// The pages and files made from the digest: every year's page, the home and not-found pages,
/// the combined open data and the feeds. Returns the warnings of the export.
pub(crate) fn site_pages(
    digest: &Digest,
    config: &crate::Config,
    out: &Output,
) -> Result<Findings> {
    digest.years().par_iter().try_for_each(|year| {
        let listed = digest.of_year(*year);
        let html = out.renderer.year(*year, &listed)?;
        out.page(&paths::year(*year), html)
    })?;
    out.page(paths::HOME, out.renderer.home(digest)?)?;
    out.page(paths::NOT_FOUND, out.renderer.not_found()?)?;
    let exported = export::site_files(digest, config, &|p: &str, b: &[u8]| out.file(p, b))?;
    Ok(exported.findings)
}
