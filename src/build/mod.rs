//! The build as a stream: each body's reports, oldest first, go through load → check → render →
//! write one at a time and are dropped, leaving only their [`Summary`] (numbers and short
//! strings). Bodies stream in parallel. The pages that show many reports (home, years), the
//! combined open data and the feeds are then made from the summaries alone, so memory grows with
//! the number of reports only by their summaries, never by their text or pages. With search on
//! (`search` in site.toml), each report page also leaves the compact extract the search index
//! needs (its text without markup, see `search::extract`), and the index is made from all of them
//! at the end: that part grows with the number of reports.
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
use crate::diag::{Finding, Findings, Packed, Result, Severity};
use crate::export::{self, Fill, Put, Sink};
use crate::figures::{CheckCounts, Digest, Summary};
use crate::load::{self, BodyPlan, Plan};
use crate::model::Body;
use crate::paths;
use crate::render::{Renderer, Theme};
use crate::search::Indexer;
use crate::{write, BuildOptions, BuildSummary, Config, Error};

/// Where a build's pages and files go, with what it counts.
pub(crate) struct Output<'a> {
    pub renderer: &'a Renderer<'a>,
    pub sink: Sink<'a>,
    pub pages: AtomicUsize,
    pub files: AtomicUsize,
    /// Whether each body's written files are listed (for the preview's partial rebuilds).
    pub track: bool,
    /// The search index, which takes in every page as it is written (with search on).
    pub search: Option<&'a Indexer>,
}

impl Output<'_> {
    fn page(&self, path: &str, html: Vec<u8>) -> Result<()> {
        self.pages.fetch_add(1, Ordering::Relaxed);
        if let Some(search) = self.search {
            let text = std::str::from_utf8(&html)
                .map_err(|_| Error::Other(format!("页面 {path} 不是 UTF-8 文本")))?;
            search.page(path, text)?;
        }
        self.file(path, &html)
    }

    /// A page that `render` writes as it is made, never held whole: the pages that grow with the
    /// site. They are not indexed for search.
    fn page_with(
        &self,
        path: &str,
        render: impl Fn(&mut dyn std::io::Write) -> Result<()>,
    ) -> Result<()> {
        self.pages.fetch_add(1, Ordering::Relaxed);
        if let Some(search) = self.search {
            search.forget([path])?;
        }
        // The writer wants an I/O error: a template's error is kept aside and given back as is.
        let mut failed = None;
        let written = self.put_with(path, &mut |w| {
            render(w).map_err(|e| {
                let io = std::io::Error::other(e.to_string());
                failed = Some(e);
                io
            })
        });
        match failed {
            Some(e) => Err(e),
            None => written,
        }
    }

    pub(crate) fn file(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.put(path, bytes)
    }
}

impl Put for Output<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.file(path, bytes)
    }

    fn put_with(&self, path: &str, fill: Fill) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.put_with(path, fill)
    }
}

/// The staging folder as the destination of a build's files, listing the paths it is given
/// when the preview needs them.
struct Staged<'a> {
    staging: &'a write::Staging,
    list: Option<&'a std::sync::Mutex<Vec<String>>>,
}

impl Staged<'_> {
    fn note(&self, path: &str) {
        if let Some(Ok(mut list)) = self.list.map(|l| l.lock()) {
            list.push(path.to_string());
        }
    }
}

impl Put for Staged<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.note(path);
        self.staging.put(path, bytes)
    }

    fn put_with(&self, path: &str, fill: Fill) -> Result<()> {
        self.note(path);
        self.staging.put_with(path, fill)
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
    /// Every finding, unsorted, packed (see `diag::Packed`).
    pub findings: Packed,
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
            findings: Packed::default(),
        };
        for d in done {
            all.digest.bodies.extend(d.body);
            all.failed.extend(d.failed);
            all.findings.add(d.findings);
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
    /// The files made from the digest (home, years, audit, combined data, feeds, 404, and the
    /// search index).
    pub site_files: Vec<String>,
    /// What the search index holds of each page (with search on).
    pub search: Option<Indexer>,
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
    let sink = Staged {
        staging: &staging,
        list: None,
    };
    let search = config.search.then(Indexer::new);
    let out = Output {
        renderer: &renderer,
        sink: &sink,
        pages: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
        track: keep,
        search: search.as_ref(),
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
    // What discovery found is not needed past this point: only the summaries are.
    drop(plan);
    let Streamed {
        digest,
        failed,
        findings: streamed_findings,
    } = streamed;
    // Every finding, sorted (the streamed ones unpacked: only now, or when the build stops).
    let all_findings = |streamed: Packed, more: Findings| {
        let mut findings = discovery.clone();
        findings.0.extend(streamed.unpack().0);
        findings.0.extend(more.0);
        findings.sort();
        findings
    };
    if (discovery.has_errors() || streamed_findings.has_errors()) && (!opts.keep_going || unowned) {
        return Err(Error::Content(all_findings(
            streamed_findings,
            Findings::default(),
        )));
    }
    let record = Staged {
        staging: &staging,
        list: keep.then_some(&site_files),
    };
    let site_out = Output {
        sink: &record,
        ..out
    };
    // These pages grow with the site (a year page lists every body): the memory freed while
    // they are made is given back at once, and what the streaming left kept before them, so
    // that it does not add to the peak (`memory`).
    let purge = crate::memory::Purge::at_once();
    crate::memory::give_back();
    let exported = site_pages(&digest, &failed, &config, &site_out)?;
    drop(purge);
    // The index is made from every page's extract once all are written, in the order of their
    // paths, and goes through the same staging folder; the preview keeps the extracts.
    if let Some(search) = &search {
        search.write(&site_out, keep)?;
    }
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
    // The findings are unpacked last, once what the pages were made from is given up.
    let reports = digest.reports();
    drop(digest);
    let kept = kept_bodies.map(|bodies| Kept {
        config: config.clone(),
        bodies,
        site_files: site_files.into_inner().unwrap_or_default(),
        search,
    });
    Ok((
        BuildSummary {
            reports,
            failed: failed.len(),
            pages,
            files,
            findings: all_findings(streamed_findings, exported),
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
    // One at a time: a year's page lists every body, so on a national site each page and what
    // it is made from take tens of megabytes; side by side they would set the build's peak.
    // They are written as they are rendered, never held whole.
    for year in digest.years() {
        let listed = digest.of_year(year);
        out.page_with(&paths::year(year), |w| out.renderer.year(year, &listed, w))?;
    }
    let rows = audit::rows(digest, failed);
    out.page(paths::AUDIT, out.renderer.audit(&rows)?)?;
    for year in audit::years(&rows) {
        out.page_with(&paths::audit_year(year), |w| {
            out.renderer.audit_year(year, &rows, w)
        })?;
    }
    out.put_with(paths::AUDIT_CSV, &mut |w| export::write_audit_csv(&rows, w))?;
    drop(rows);
    out.page_with(paths::HOME, |w| out.renderer.home(digest, w))?;
    out.page(paths::NOT_FOUND, out.renderer.not_found()?)?;
    if config.search {
        out.page(paths::SEARCH, out.renderer.search(digest)?)?;
    }
    let exported = export::site_files(digest, config, out)?;
    Ok(exported.findings)
}
