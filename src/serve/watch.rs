//! Watching the site's sources and rebuilding on each change.
//!
//! The first build, and every build after a change to `templates/`, `static/` or `site.toml`, is
//! a full build (the same one `nianbao build` runs) into a fresh folder of its own. A change to
//! a body's files below `content/` rebuilds only that body and the pages made from all bodies,
//! in the folder being served (see `build::Preview`); the dependencies are few and stated there,
//! and a test holds the result to a full build's after random edits. Only a good build is
//! served; a failed one leaves the last good pages in place with the error over them.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::live::Live;
use super::Notice;
use crate::build::Preview;
use crate::diag::{error_text, Error, Result};
use crate::{fsx, BuildOptions};

/// The folders whose changes rebuild the site; `site.toml` is watched through the root.
const SOURCES: &[&str] = &["content", "templates", "static"];
const CONFIG: &str = "site.toml";

/// Editors save in bursts (write, rename, touch) within a few milliseconds: a rebuild waits until
/// the sources have been quiet this long.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// How often the rebuild loop looks whether the server is stopping.
const POLL: Duration = Duration::from_millis(200);

/// File-system events for the site's sources.
pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// The canonical root: event paths are absolute.
    root: PathBuf,
    watched: Vec<&'static str>,
}

impl Watch {
    /// Starts watching `root` (canonical) and those of its source folders that exist.
    pub(crate) fn start(root: &Path) -> Result<Watch> {
        let (tx, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
        let mut w = Watch {
            watcher,
            events,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        // The root itself, not recursively: it sees `site.toml` (even when an editor replaces
        // it) and source folders created later, without watching `public/` or `target/`.
        w.watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        w.watch_new_folders()?;
        Ok(w)
    }

    fn watch_new_folders(&mut self) -> Result<()> {
        for name in SOURCES {
            let dir = self.root.join(name);
            if !self.watched.contains(name) && dir.is_dir() {
                self.watcher
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(watch_error)?;
                self.watched.push(name);
            }
        }
        Ok(())
    }

    /// Whether an event changed one of the site's sources. Reads are not changes: the build
    /// itself reads every source, and counting that would rebuild forever.
    fn changes_sources(&self, event: &Event) -> bool {
        !matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|p| self.is_source(p))
    }

    /// Whether a path is one of the site's sources.
    fn is_source(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let first = rel.components().next().map(|c| c.as_os_str());
        rel == Path::new(CONFIG) || first.is_some_and(|f| SOURCES.iter().any(|s| f == *s))
    }

    /// Waits for a change to the sources and then for them to be quiet for [`DEBOUNCE`];
    /// returns the changed paths (none when nothing changed within [`POLL`]), `Err` when
    /// watching ended.
    fn next_change(&self, notice: &dyn Fn(Notice<'_>)) -> std::result::Result<Vec<PathBuf>, ()> {
        let mut quiet_at: Option<Instant> = None;
        let mut changed: Vec<PathBuf> = Vec::new();
        loop {
            let wait = match quiet_at {
                None => POLL,
                Some(t) => t.saturating_duration_since(Instant::now()),
            };
            match self.events.recv_timeout(wait) {
                Ok(Ok(event)) if self.changes_sources(&event) => {
                    quiet_at = Some(Instant::now() + DEBOUNCE);
                    for p in event.paths.into_iter().filter(|p| self.is_source(p)) {
                        if !changed.contains(&p) {
                            changed.push(p);
                        }
                    }
                }
                // Let the caller look whether the server is stopping, even when reads keep coming.
                Ok(Ok(_)) if quiet_at.is_none() => return Ok(changed),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => notice(Notice::WatchProblem(e.to_string())),
                Err(RecvTimeoutError::Timeout) => return Ok(changed),
                Err(RecvTimeoutError::Disconnected) => return Err(()),
            }
        }
    }
}

fn watch_error(e: notify::Error) -> Error {
    Error::Other(format!("无法监视网站文件的变化: {e}"))
}

/// Builds the site into numbered folders below a private work folder and publishes each result.
pub(crate) struct Rebuilder<'a> {
    pub root: &'a Path,
    pub work: &'a Path,
    pub live: &'a Live,
    pub notice: &'a (dyn Fn(Notice<'_>) + Sync),
    count: u64,
    /// The folder served before the current one; removed after the next good build, so that a
    /// request still reading it is not cut short.
    retired: Option<PathBuf>,
    /// What the last full build kept for partial rebuilds.
    preview: Option<Preview>,
}

impl<'a> Rebuilder<'a> {
    pub(crate) fn new(
        root: &'a Path,
        work: &'a Path,
        live: &'a Live,
        notice: &'a (dyn Fn(Notice<'_>) + Sync),
    ) -> Rebuilder<'a> {
        Rebuilder {
            root,
            work,
            live,
            notice,
            count: 0,
            retired: None,
            preview: None,
        }
    }

    /// Rebuilds after `changed`: only what the change touches when it can, else everything.
    pub(crate) fn rebuild(&mut self, changed: &[PathBuf]) {
        let Some(preview) = self.preview.as_mut() else {
            return self.build();
        };
        match preview.update(changed) {
            Ok(Some(summary)) => {
                // The same folder, changed where it stands: nothing to retire.
                self.live.publish_build(preview.output().to_path_buf());
                (self.notice)(Notice::Built(&summary));
            }
            Ok(None) => self.build(),
            Err(e @ Error::Content(_)) => self.failed(&e),
            // Anything else (a file that cannot be read or written): start afresh.
            Err(_) => self.build(),
        }
    }

    /// A failed build: the last good pages stay, with the error over them.
    fn failed(&self, e: &Error) {
        let text = error_text(e);
        let before = self.live.publish_error(text.clone());
        (self.notice)(if before.as_deref() == Some(text.as_str()) {
            Notice::StillFailing
        } else {
            Notice::Failed(&text)
        });
    }

    /// One full build; the result is served and announced.
    pub(crate) fn build(&mut self) {
        self.count += 1;
        let out = self.work.join(format!("site-{}", self.count));
        // The build before last is no longer served: it becomes this build's staging folder,
        // so that files that did not change are not written again (see `write`).
        let staging = crate::write::staging_dir(&out);
        if let (Some(old), Ok(staging)) = (self.retired.take(), &staging) {
            if std::fs::rename(&old, staging).is_err() {
                // A leftover stays in the work folder, which goes when the server stops.
                let _ = fsx::remove_dir_all(&old);
            }
        }
        let opts = BuildOptions {
            root: self.root.to_path_buf(),
            output: Some(out.clone()),
            strict: false,
            keep_going: false,
        };
        match Preview::build(&opts) {
            Ok((preview, summary)) => {
                self.preview = Some(preview);
                self.retired = self.live.publish_build(out);
                (self.notice)(Notice::Built(&summary));
            }
            Err(e) => {
                // Keep the scratch tree for the next attempt; the next change builds in full.
                self.preview = None;
                self.retired = staging.ok().filter(|s| s.is_dir());
                self.failed(&e);
            }
        }
    }

    /// Rebuilds after each burst of changes until the server stops.
    pub(crate) fn run(mut self, mut watch: Watch) {
        while !self.live.stopping() {
            match watch.next_change(self.notice) {
                Ok(changed) if !changed.is_empty() => {
                    if let Err(e) = watch.watch_new_folders() {
                        (self.notice)(Notice::WatchProblem(e.to_string()));
                    }
                    self.rebuild(&changed);
                }
                Ok(_) => {}
                Err(()) => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let w = Watch::start(&root).unwrap();
        for (rel, source) in [
            ("site.toml", true),
            ("content/a/2021/report.yaml", true),
            ("templates/base.html", true),
            ("static/style.css", true),
            ("content", true),
            ("public/index.html", false),
            ("site.toml.swp", false),
            ("contents/x", false),
            ("target/debug/x", false),
        ] {
            assert_eq!(w.is_source(&root.join(rel)), source, "{rel}");
        }
        assert!(!w.is_source(Path::new("/elsewhere/site.toml")));
    }
}
