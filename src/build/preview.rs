//! The preview's partial rebuilds: after a full build, a change to one body's files streams that
//! body again (its reports, oldest first, and its page) and remakes the pages made from the
//! digest (years, home, audit, combined data, feeds), then rewrites only the files whose bytes
//! changed, in the folder being served. The result is the same tree a full build of the same
//! sources gives (a test holds it to that after random edits).
//!
//! What depends on what is simple enough to state: a report's page depends on its body's earlier
//! report (上年结转, the comparison with last year), so the whole body is streamed again; every
//! page made from the digest is made again (they are few). A change outside `content/` (a
//! template, a static file, `site.toml`) needs a full build.
//!
//! The search index is made from every page's extract in the order of their paths, so the
//! preview keeps the extracts: the pages of a body streamed again, and the pages made from the
//! digest, are forgotten and taken in again as they are written. When any extract changed, the
//! whole index has to be made again from all of them, which takes far longer than the pages
//! (Pagefind reads every page again): so the partial rebuild writes the pages and returns (open
//! pages reload at once, the previous index still in place), and the index is made in a thread
//! of its own ([`Preview::index_step`] writes it when it is done: its files whose bytes changed,
//! and those it no longer has removed). A rebuild that changes an extract meanwhile stops that
//! thread and starts another with the newer extracts, as they are when the rebuild has written
//! its pages (a failed rebuild starts none: the index stays that of the pages served). When the
//! index is written, the folder is again what a full build gives. When no extract changed, the
//! index files stay as they are.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{body, site_pages, BodyDone, Kept, Output, Streamed};
use crate::check::CheckOptions;
use crate::diag::{Error, Findings, Result};
use crate::load::{self, BodyPlan};
use crate::render::{Renderer, Theme};
use crate::search::Indexer;
use crate::write::InPlace;
use crate::{BuildOptions, BuildSummary, Config};

/// The state of a preview between rebuilds.
pub(crate) struct Preview {
    root: PathBuf,
    /// The root with every link resolved, as the watcher names changed files.
    real_root: PathBuf,
    /// The folder being served, which partial rebuilds change where it stands.
    out: PathBuf,
    config: Config,
    /// The templates, as the full build loaded them (a change to them builds in full).
    theme: Theme,
    /// Each folder below `content/`: what discovering it found, and the body streamed from it.
    folders: BTreeMap<String, Folder>,
    /// The files made from the digest by the last rebuild that was written.
    site_files: BTreeSet<String>,
    /// Folders changed since the last rebuild that was written (a failed one writes nothing).
    dirty: BTreeSet<String>,
    /// Files that changed folders made before they changed: removed at the next rebuild that is
    /// written, unless it makes them again.
    stale: BTreeSet<String>,
    /// What the search index holds of each page (with search on).
    search: Option<Indexer>,
    /// The search index being made again after the last partial rebuild that changed it.
    index_job: Option<IndexJob>,
    /// Threads making an index that a newer rebuild made useless, asked to stop: they end at
    /// the next page they would add (or once Pagefind has written its files), and are joined
    /// when they have.
    stopping: Vec<IndexJob>,
}

/// The index's files, `None` when stopped.
type IndexFiles = Result<Option<crate::search::Files>>;

/// The search index being made in a thread of its own. Dropping it stops the thread and waits
/// for it.
struct IndexJob {
    /// Asks the thread to stop (a newer rebuild, or the preview is going away): its files are
    /// not written.
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<IndexFiles>>,
    /// Pages indexed, and when it started.
    pages: usize,
    start: Instant,
}

impl IndexJob {
    /// Whether its thread has ended (or was joined).
    fn finished(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }
}

impl Drop for IndexJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What writing a search index made after a partial rebuild did.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexWritten {
    /// Pages indexed.
    pub pages: usize,
    /// Time it took to make and write.
    pub elapsed: Duration,
}

/// One folder below `content/`.
#[derive(Clone)]
struct Folder {
    /// The findings of discovering it (its name, its `body.yaml`).
    discovery: Findings,
    /// Its body and what streaming it left, when it is a body folder.
    body: Option<(BodyPlan, BodyDone)>,
}

impl Preview {
    /// A full build into `opts.output`, keeping what the next partial rebuilds need.
    pub(crate) fn build(opts: &BuildOptions) -> Result<(Preview, BuildSummary)> {
        let (summary, kept) = super::run(opts, true)?;
        let Kept {
            config,
            bodies,
            site_files,
            search,
        } = kept.ok_or_else(|| Error::Other("预览的构建状态缺失".into()))?;
        let mut folders = BTreeMap::new();
        for name in folder_names(&opts.root)? {
            let (plan, discovery) =
                load::discover_body(&opts.root, &opts.root.join("content").join(&name))?;
            let body = plan.and_then(|p| {
                bodies
                    .iter()
                    .find(|(b, _)| b.id == p.id)
                    .map(|(b, d)| (b.clone(), d.clone()))
            });
            folders.insert(
                name,
                Folder {
                    discovery: Findings(discovery),
                    body,
                },
            );
        }
        let out = summary.output.clone();
        Ok((
            Preview {
                theme: Theme::load(&opts.root)?,
                real_root: opts
                    .root
                    .canonicalize()
                    .unwrap_or_else(|_| opts.root.clone()),
                root: opts.root.clone(),
                out,
                config,
                folders,
                site_files: site_files.into_iter().collect(),
                dirty: BTreeSet::new(),
                stale: BTreeSet::new(),
                search,
                index_job: None,
                stopping: Vec::new(),
            },
            summary,
        ))
    }

    /// The folder being served.
    pub(crate) fn output(&self) -> &Path {
        &self.out
    }

    /// Rebuilds what `changed` (absolute paths of changed sources) touches. `Ok(None)`: the
    /// change needs a full build. A content error leaves the served folder as it was.
    pub(crate) fn update(&mut self, changed: &[PathBuf]) -> Result<Option<BuildSummary>> {
        let start = Instant::now();
        let Some(names) = content_folders(&self.real_root, changed) else {
            return Ok(None);
        };
        for name in &names {
            if let Some((_, done)) = self.folders.get(name).and_then(|f| f.body.as_ref()) {
                self.stale.extend(done.files.iter().cloned());
            }
            let dir = self.root.join("content").join(name);
            if dir.is_dir() {
                let (plan, discovery) = load::discover_body(&self.root, &dir)?;
                let folder = Folder {
                    discovery: Findings(discovery),
                    // Streamed below, with the other changed folders.
                    body: plan.map(|p| (p, placeholder())),
                };
                self.folders.insert(name.clone(), folder);
            } else {
                self.folders.remove(name);
            }
            self.dirty.insert(name.clone());
        }
        let reports: usize = self
            .folders
            .values()
            .filter_map(|f| f.body.as_ref())
            .map(|(p, _)| p.reports.len())
            .sum();
        let renderer = Renderer::new(&self.config, &self.theme, reports > 0);
        let written: Mutex<Vec<(String, Vec<u8>)>> = Mutex::new(Vec::new());
        let collect = |path: &str, bytes: &[u8]| {
            written
                .lock()
                .map_err(|_| Error::Other("预览状态异常".into()))?
                .push((path.to_string(), bytes.to_vec()));
            Ok(())
        };
        let out = Output {
            renderer: &renderer,
            sink: &collect,
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            track: true,
            search: self.search.as_ref(),
        };
        if let Some(search) = &self.search {
            // Every page that changed folders made since the last rebuild that was written, and
            // every page made from the digest: taken in again below if they are written again.
            search.forget(
                self.stale
                    .iter()
                    .chain(self.site_files.iter())
                    .map(String::as_str),
            )?;
        }
        let opts = CheckOptions::default();
        for name in &self.dirty {
            let Some(folder) = self.folders.get_mut(name) else {
                continue;
            };
            if let Some((plan, done)) = folder.body.as_mut() {
                *done = body(&self.root, plan, opts, Some(&out))?;
            }
        }
        let mut findings = self.discovery();
        let done: Vec<BodyDone> = self
            .folders
            .values()
            .filter_map(|f| f.body.as_ref().map(|(_, d)| d.clone()))
            .collect();
        let streamed = Streamed::from(done);
        findings.0.extend(streamed.findings.unpack().0);
        findings.sort();
        if findings.has_errors() {
            return Err(Error::Content(findings));
        }
        let site_before = std::mem::take(&mut self.site_files);
        let exported = site_pages(&streamed.digest, &streamed.failed, &self.config, &out)?;
        findings.0.extend(exported.0);
        findings.sort();
        // The index's files stay as they are until the index is made again (below).
        let index_kept = match &self.search {
            Some(search) => search.files()?,
            None => Vec::new(),
        };
        let pages = out.pages.into_inner();
        let written = written
            .into_inner()
            .map_err(|_| Error::Other("预览状态异常".into()))?;
        let mut folder = InPlace::open(&self.out)?;
        let mut now: BTreeSet<String> = index_kept.into_iter().collect();
        for (path, bytes) in &written {
            folder.put(path, bytes)?;
            now.insert(path.clone());
        }
        let body_files: BTreeSet<String> = self
            .folders
            .values()
            .filter_map(|f| f.body.as_ref())
            .flat_map(|(_, d)| d.files.iter().cloned())
            .collect();
        self.site_files = now.difference(&body_files).cloned().collect();
        let stale = std::mem::take(&mut self.stale);
        for gone in stale
            .iter()
            .chain(site_before.iter())
            .filter(|p| !now.contains(*p) && !body_files.contains(*p))
        {
            folder.remove(gone)?;
        }
        folder.finish()?;
        self.dirty.clear();
        // Only now that the pages are written: the index is made from their extracts.
        if self.search.as_ref().map(Indexer::changed).transpose()? == Some(true) {
            self.start_index()?;
        }
        Ok(Some(BuildSummary {
            reports: streamed.digest.reports(),
            failed: streamed.failed.len(),
            pages,
            files: written.len(),
            findings,
            output: self.out.clone(),
            elapsed: start.elapsed(),
        }))
    }

    /// Starts making the search index from the extracts as they are now, in a thread of its own,
    /// and stops the one making it from older extracts.
    fn start_index(&mut self) -> Result<()> {
        if let Some(old) = self.index_job.take() {
            old.stop.store(true, Ordering::Relaxed);
            self.stopping.push(old);
        }
        let Some(search) = &self.search else {
            return Ok(());
        };
        let pages = search.snapshot()?;
        let stop = Arc::new(AtomicBool::new(false));
        let count = pages.len();
        let thread = {
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("search-index".into())
                .spawn(move || crate::search::index_files(pages, Some(&stop)))
                .map_err(|e| Error::Other(format!("无法启动生成搜索索引的线程: {e}")))?
        };
        self.index_job = Some(IndexJob {
            stop,
            thread: Some(thread),
            pages: count,
            start: Instant::now(),
        });
        Ok(())
    }

    /// Whether a search index is being made after a partial rebuild (to be written by
    /// [`Preview::index_step`]).
    pub(crate) fn indexing(&self) -> bool {
        self.index_job.is_some()
    }

    /// Writes the search index that a partial rebuild started making once it is done.
    /// `Ok(None)` while it is being made (or there is none). Joins the threads stopped since
    /// that have ended.
    pub(crate) fn index_step(&mut self) -> Result<Option<IndexWritten>> {
        // Dropping a job joins its thread: at once, for one that has ended.
        self.stopping.retain(|job| !job.finished());
        if !self.index_job.as_ref().is_some_and(IndexJob::finished) {
            return Ok(None);
        }
        let Some(mut job) = self.index_job.take() else {
            return Ok(None);
        };
        let made = job
            .thread
            .take()
            .map(|t| t.join())
            .transpose()
            .map_err(|_| Error::Other("生成搜索索引的线程异常结束".into()))
            .and_then(|made| made.unwrap_or(Ok(None)));
        let Some(search) = &self.search else {
            return Ok(None);
        };
        let files = match made {
            Ok(Some(files)) => files,
            // Only a job that was replaced is stopped, and that one is not here.
            Ok(None) => return Ok(None),
            Err(e) => {
                // Made again after the next change.
                search.mark_changed()?;
                return Err(e);
            }
        };
        let old = search.files()?;
        let new: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
        let mut folder = InPlace::open(&self.out)?;
        for (path, bytes) in &files {
            folder.put(path, bytes)?;
        }
        for gone in old.iter().filter(|p| !new.contains(*p)) {
            folder.remove(gone)?;
            self.site_files.remove(gone);
        }
        folder.finish()?;
        self.site_files.extend(new.iter().cloned());
        search.set_files(new.into_iter().collect())?;
        Ok(Some(IndexWritten {
            pages: job.pages,
            elapsed: job.start.elapsed(),
        }))
    }

    /// What discovering the content found: each folder's findings, and a body in two folders.
    fn discovery(&self) -> Findings {
        let mut findings = Findings::default();
        for f in self.folders.values() {
            findings.0.extend(f.discovery.0.iter().cloned());
        }
        let plans: Vec<BodyPlan> = self
            .folders
            .values()
            .filter_map(|f| f.body.as_ref().map(|(p, _)| p.clone()))
            .collect();
        load::duplicate_bodies(&self.root, &plans, &mut findings);
        findings
    }
}

/// A body not streamed yet.
fn placeholder() -> BodyDone {
    BodyDone {
        body: None,
        failed: Vec::new(),
        findings: Findings::default(),
        files: Vec::new(),
    }
}

/// The folders below `content/`, sorted.
fn folder_names(root: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let dir = root.join("content");
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::Io {
        action: "读取",
        path: dir.clone(),
        source: e,
    })?;
    for e in entries.flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            names.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// The folders of `content/` that the changed paths lie in; `None` when one lies elsewhere (a
/// template, a static file, `site.toml`), or is `content/` itself.
fn content_folders(root: &Path, changed: &[PathBuf]) -> Option<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for path in changed {
        let rel = path.strip_prefix(root).ok()?;
        let mut parts = rel.components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(c)), Some(Component::Normal(name))) if c == "content" => {
                names.insert(name.to_string_lossy().into_owned());
            }
            _ => return None,
        }
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the repository's example site in a temporary folder.
    fn example() -> tempfile::TempDir {
        fn copy(from: &Path, to: &Path) {
            if from.is_dir() {
                std::fs::create_dir_all(to).unwrap();
                for e in std::fs::read_dir(from).unwrap() {
                    let e = e.unwrap();
                    copy(&e.path(), &to.join(e.file_name()));
                }
            } else {
                std::fs::copy(from, to).unwrap();
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in ["site.toml", "content", "templates", "static"] {
            copy(&repo.join(part), &dir.path().join(part));
        }
        dir
    }

    fn preview(dir: &Path) -> Preview {
        let opts = BuildOptions {
            root: dir.to_path_buf(),
            output: Some(dir.join("out")),
            strict: false,
            keep_going: false,
        };
        Preview::build(&opts).unwrap().0
    }

    /// Adds `word` to the ganzhou 2021 report and rebuilds what that touches.
    fn add(preview: &mut Preview, dir: &Path, word: &str) {
        let md = dir.join("content/ganzhou/2021/report.md");
        let text = std::fs::read_to_string(&md).unwrap();
        std::fs::write(
            &md,
            text.replacen("编制本报告。", &format!("编制本报告。{word}"), 1),
        )
        .unwrap();
        let real = md.canonicalize().unwrap();
        assert!(preview.update(&[real]).unwrap().is_some());
    }

    /// Steps until the index is written; fails after a minute.
    fn written(preview: &mut Preview) -> IndexWritten {
        let start = Instant::now();
        loop {
            if let Some(done) = preview.index_step().unwrap() {
                return done;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "no index");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The bytes of the index's files in the folder.
    fn index_bytes(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut dirs = vec![out.join(crate::paths::SEARCH_BUNDLE)];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else {
                    files.push((p.clone(), std::fs::read(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn the_index_is_made_in_a_thread_and_a_newer_change_makes_it_again() {
        let dir = example();
        let mut p = preview(dir.path());
        assert!(!p.indexing());
        let before = index_bytes(p.output());
        add(&mut p, dir.path(), "甲乙丙");
        assert!(p.indexing());
        let first = p.index_job.as_ref().unwrap().stop.clone();
        // A newer change before the first index is written: that one is stopped, and another
        // is made with both.
        add(&mut p, dir.path(), "丁戊己");
        assert!(first.load(Ordering::Relaxed));
        assert_eq!(p.stopping.len(), 1);
        assert!(!p.index_job.as_ref().unwrap().stop.load(Ordering::Relaxed));
        let done = written(&mut p);
        assert!(done.pages > 0);
        assert!(!p.indexing());
        let after = index_bytes(p.output());
        assert_ne!(before, after);
        // The same as a full build of the same sources.
        let full = dir.path().join("full");
        let opts = BuildOptions {
            root: dir.path().to_path_buf(),
            output: Some(full.clone()),
            strict: false,
            keep_going: false,
        };
        crate::build(&opts).unwrap();
        let strip = |files: Vec<(PathBuf, Vec<u8>)>, base: &Path| -> Vec<(PathBuf, Vec<u8>)> {
            files
                .into_iter()
                .map(|(p, b)| (p.strip_prefix(base).unwrap().to_path_buf(), b))
                .collect()
        };
        assert_eq!(strip(after, p.output()), strip(index_bytes(&full), &full));
        // Nothing more to write, and the stopped thread is joined once it has ended.
        let start = Instant::now();
        while !p.stopping.is_empty() {
            assert!(p.index_step().unwrap().is_none());
            assert!(start.elapsed() < Duration::from_secs(60), "still stopping");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(Arc::strong_count(&first), 1);
    }

    #[test]
    fn dropping_the_preview_stops_the_thread() {
        let dir = example();
        let mut p = preview(dir.path());
        add(&mut p, dir.path(), "甲乙丙");
        let first = p.index_job.as_ref().unwrap().stop.clone();
        add(&mut p, dir.path(), "丁戊己");
        let second = p.index_job.as_ref().unwrap().stop.clone();
        drop(p);
        for stop in [first, second] {
            assert!(stop.load(Ordering::Relaxed));
            // The thread held the other reference: it has ended.
            assert_eq!(Arc::strong_count(&stop), 1);
        }
    }
}
