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

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::Mutex;
use std::time::Instant;

use super::{body, site_pages, BodyDone, Kept, Output, Streamed};
use crate::check::CheckOptions;
use crate::diag::{Error, Findings, Result};
use crate::load::{self, BodyPlan};
use crate::render::{Renderer, Theme};
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
        };
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
        findings.0.extend(streamed.findings.0);
        findings.sort();
        if findings.has_errors() {
            return Err(Error::Content(findings));
        }
        let site_before = std::mem::take(&mut self.site_files);
        let exported = site_pages(&streamed.digest, &streamed.failed, &self.config, &out)?;
        findings.0.extend(exported.0);
        findings.sort();
        let pages = out.pages.into_inner();
        let written = written
            .into_inner()
            .map_err(|_| Error::Other("预览状态异常".into()))?;
        let mut folder = InPlace::open(&self.out)?;
        let mut now = BTreeSet::new();
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
