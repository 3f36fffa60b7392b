//! Search (搜索): a full-text index of the report pages, built with Pagefind in the build's own
//! process, and the search page that queries it in the reader's browser, with no server.
//!
//! Pagefind (the `pagefind` crate, feature `extended`) segments Chinese text into words with a
//! dictionary (ICU4X), so 政府信息公开 is found by 信息公开 and by 政府信息; the browser segments
//! the query the same way (`Intl.Segmenter`). Its index is a folder of small files (`pagefind/`)
//! that the search page fetches as needed.
//!
//! The build streams: every page goes through [`Indexer::page`] as it is written. A page whose
//! template marks an element `data-pagefind-body` (the report pages) leaves a compact extract
//! of what the index needs ([`extract`]); the page itself is dropped as before. When every page
//! is written, [`Indexer::write`] hands the extracts to Pagefind in the order of their paths —
//! Pagefind numbers pages in the order it receives them, so a fixed order gives byte-identical
//! index files however the pages were rendered — and writes Pagefind's files through the same
//! sink as every other file, into the staging folder, so that the build stays atomic.
//!
//! Memory: the extracts (about a third of a report page's size) are held until the end, and
//! Pagefind holds the whole index while it builds it; see docs/portal.md for the figures.

pub mod extract;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde::Serialize;

use crate::diag::{Error, Result};
use crate::export::Sink;
use crate::figures::Digest;
use crate::paths::{self, Link};

/// The browser script of the search page, written at [`paths::SEARCH_SCRIPT`].
pub const SCRIPT: &str = include_str!("search.js");

/// Pagefind's files that the search page does not use (its ready-made interfaces and the
/// script that highlights words on the target page): not written.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Collects what the index needs of each page while the pages are written, in any order and
/// from any thread, by page path.
///
/// A full build hands every extract to Pagefind once ([`Indexer::write`] with `keep` false). The
/// preview keeps them ([`Indexer::write`] with `keep` true), so that after a partial rebuild the
/// index is made again from the same extracts a full build would collect: the pages of a body
/// that changed are [forgotten](Indexer::forget) and taken in again, and the index is written
/// again only when an extract changed.
#[derive(Default)]
pub struct Indexer {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Page path → compact extract; a `BTreeMap`, so in the order of the paths.
    pages: BTreeMap<String, String>,
    /// Extracts [forgotten](Indexer::forget) since the index was last written: a page taken in
    /// again with the same extract changes nothing.
    forgotten: BTreeMap<String, String>,
    /// Whether an extract was added or changed since the index was last written.
    changed: bool,
    /// The files the index was last written as, below the output folder.
    files: Vec<String>,
}

impl Indexer {
    /// An empty index.
    pub fn new() -> Indexer {
        Indexer::default()
    }

    fn state(&self) -> Result<std::sync::MutexGuard<'_, State>> {
        self.state
            .lock()
            .map_err(|_| Error::Other("搜索索引状态异常".into()))
    }

    /// Takes in one page as it is written (`path` relative to the output folder), in place of
    /// what the same path gave before. Pages without an element marked `data-pagefind-body`
    /// are left out.
    pub fn page(&self, path: &str, html: &str) -> Result<()> {
        let Some(extract) = extract::extract(html) else {
            return self.forget([path]);
        };
        let mut state = self.state()?;
        let before = match state.pages.remove(path) {
            Some(e) => Some(e),
            None => state.forgotten.remove(path),
        };
        if before.as_ref() != Some(&extract) {
            state.changed = true;
        }
        state.pages.insert(path.to_string(), extract);
        Ok(())
    }

    /// Leaves out the pages at `paths` (pages that are no longer written, or are about to be
    /// written again).
    pub fn forget<'p>(&self, paths: impl IntoIterator<Item = &'p str>) -> Result<()> {
        let mut state = self.state()?;
        for path in paths {
            if let Some(extract) = state.pages.remove(path) {
                state.forgotten.insert(path.to_string(), extract);
            }
        }
        Ok(())
    }

    /// Whether the index would differ from the one last written or being made (always, before
    /// the first).
    pub fn changed(&self) -> Result<bool> {
        let state = self.state()?;
        Ok(state.changed || !state.forgotten.is_empty() || state.files.is_empty())
    }

    /// The files the index was last written as, below the output folder.
    pub fn files(&self) -> Result<Vec<String>> {
        Ok(self.state()?.files.clone())
    }

    /// Records the files the index was written as (after [`Indexer::snapshot`] and
    /// [`index_files`]).
    pub fn set_files(&self, files: Vec<String>) -> Result<()> {
        self.state()?.files = files;
        Ok(())
    }

    /// Every page taken in, in the order of their paths, to make the index from; they are kept,
    /// and [`Indexer::changed`] is false until one changes.
    pub fn snapshot(&self) -> Result<Vec<(String, String)>> {
        let mut state = self.state()?;
        state.changed = false;
        state.forgotten.clear();
        Ok(state
            .pages
            .iter()
            .map(|(p, e)| (p.clone(), e.clone()))
            .collect())
    }

    /// Marks the index as to be made again (an index made from a snapshot was not written).
    pub fn mark_changed(&self) -> Result<()> {
        self.state()?.changed = true;
        Ok(())
    }

    /// Builds the index from every page taken in, in the order of their paths, and writes
    /// Pagefind's files below [`paths::SEARCH_BUNDLE`] and the search page's script through
    /// `sink`. Without `keep`, the pages taken in are given up (and memory with them).
    pub fn write(&self, sink: Sink, keep: bool) -> Result<()> {
        let pages: Vec<(String, String)> = if keep {
            self.snapshot()?
        } else {
            let mut state = self.state()?;
            state.forgotten.clear();
            std::mem::take(&mut state.pages).into_iter().collect()
        };
        let written = index_files(pages, None).and_then(|files| {
            let files = files.ok_or_else(|| failed("中途停止"))?;
            let mut names = Vec::with_capacity(files.len());
            for (path, bytes) in files {
                sink.put(&path, &bytes)?;
                names.push(path);
            }
            Ok(names)
        });
        match written {
            Ok(names) => {
                let mut state = self.state()?;
                state.files = names;
                state.changed = false;
                Ok(())
            }
            Err(e) => {
                // Made again the next time.
                self.mark_changed()?;
                Err(e)
            }
        }
    }
}

/// Files to write: (path below the output folder, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

fn failed(e: impl std::fmt::Display) -> Error {
    Error::Other(format!("生成搜索索引失败: {e}"))
}

/// The index's files for `pages` (path, extract; Pagefind numbers pages in the order it receives
/// them, so give them in the order of their paths): Pagefind's files below
/// [`paths::SEARCH_BUNDLE`] (without the [`UNUSED`] ones) and the search page's script, as
/// (path below the output folder, bytes), sorted by path. `None` when `stop` was set before the
/// pages were all taken in.
pub fn index_files(
    pages: Vec<(String, String)>,
    stop: Option<&AtomicBool>,
) -> Result<Option<Files>> {
    // Pagefind reads the working directory when it starts, and cannot do without one.
    std::env::current_dir().map_err(|e| failed(format!("无法读取当前工作目录（{e}）")))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(failed)?;
    let files = runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(failed)?;
        for (path, html) in pages {
            if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                return Ok(None);
            }
            index
                .add_html_file(None, Some(format!("/{path}")), html)
                .await
                .map_err(|e| failed(format!("{path}: {e}")))?;
        }
        index.get_files().await.map(Some).map_err(failed)
    })?;
    let Some(files) = files else {
        return Ok(None);
    };
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
        .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
        .map(|(name, bytes)| (format!("{}/{name}", paths::SEARCH_BUNDLE), bytes))
        .collect();
    out.push((paths::SEARCH_SCRIPT.to_string(), SCRIPT.as_bytes().to_vec()));
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(Some(out))
}

/// What the search page shows besides the search itself: for readers without JavaScript (or
/// when the index cannot be loaded), links to every body's and every year's page.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// Every body, by name.
    pub bodies: Vec<Link>,
    /// Every year, newest first.
    pub years: Vec<Link>,
}

impl SearchView {
    /// The view of a site's digest.
    pub fn new(digest: &Digest) -> SearchView {
        let mut bodies: Vec<Link> = digest
            .bodies
            .iter()
            .filter(|(_, reports)| !reports.is_empty())
            .map(|(b, _)| Link {
                href: paths::link(paths::SEARCH, &paths::body(&b.id)),
                text: b.name.clone(),
            })
            .collect();
        bodies.sort_by(|a, b| a.text.cmp(&b.text));
        let mut years = digest.years();
        years.sort_unstable_by(|a, b| b.cmp(a));
        SearchView {
            bodies,
            years: years
                .into_iter()
                .map(|y| Link {
                    href: paths::link(paths::SEARCH, &paths::year(y)),
                    text: format!("{y} 年"),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(title: &str, text: &str) -> String {
        format!(
            r#"<!DOCTYPE html><html lang="zh-CN"><body><article data-pagefind-body>
<h1>{title}</h1><section id="s1"><h2 id="s1-h">一、总体情况</h2><p>{text}</p></section>
</article></body></html>"#
        )
    }

    /// Runs a query against the files the way the browser does is out of reach here (the
    /// browser tests do it); this checks what the index holds: the words it was given.
    fn words_of(files: &[(String, Vec<u8>)]) -> Vec<String> {
        use std::io::Read;
        let mut words = Vec::new();
        for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".pf_index")) {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut raw)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            // CBOR text strings of the words are readable as UTF-8 runs.
            let text = String::from_utf8_lossy(&raw);
            words.extend(
                text.split(|c: char| !('\u{4e00}'..='\u{9fff}').contains(&c))
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
        words
    }

    #[test]
    fn chinese_is_segmented_into_words() {
        let indexer = Indexer::new();
        indexer
            .page(
                "a/2021/index.html",
                &report("报告", "推进政府信息公开工作。"),
            )
            .unwrap();
        let pages = indexer.state.into_inner().unwrap().pages;
        let files = index_files(pages.into_iter().collect(), None)
            .unwrap()
            .unwrap();
        let words = words_of(&files);
        // 政府信息公开 is indexed as its words, so that 信息公开 (信息 + 公开) and 政府信息
        // (政府 + 信息) find it.
        for w in ["政府", "信息", "公开", "推进"] {
            assert!(words.iter().any(|x| x == w), "{w} not in {words:?}");
        }
        assert!(!words.iter().any(|x| x == "政府信息公开工作"), "{words:?}");
    }

    /// The files `indexer.write` gives, by path.
    fn written(indexer: &Indexer, keep: bool) -> Vec<(String, Vec<u8>)> {
        let files = Mutex::new(Vec::new());
        indexer
            .write(
                &|p: &str, b: &[u8]| {
                    files.lock().unwrap().push((p.to_string(), b.to_vec()));
                    Ok(())
                },
                keep,
            )
            .unwrap();
        files.into_inner().unwrap()
    }

    #[test]
    fn the_index_does_not_depend_on_the_order_pages_arrive_in() {
        let pages = [
            ("a/2020/index.html", report("甲", "依申请公开")),
            ("a/2021/index.html", report("乙", "予以公开")),
            ("b/2021/index.html", report("丙", "热线满意率")),
        ];
        let build = |order: &[usize]| {
            let indexer = Indexer::new();
            for &i in order {
                indexer.page(pages[i].0, &pages[i].1).unwrap();
            }
            let files = written(&indexer, false);
            assert_eq!(indexer.state.lock().unwrap().pages.len(), 0, "given up");
            files
        };
        let first = build(&[0, 1, 2]);
        assert!(first.iter().any(|(p, _)| p == "pagefind/pagefind.js"));
        assert!(first.iter().any(|(p, _)| p == paths::SEARCH_SCRIPT));
        assert!(!first.iter().any(|(p, _)| p.contains("pagefind-ui")));
        assert_eq!(first, build(&[2, 0, 1]));
        assert_eq!(first, build(&[1, 2, 0]));
    }

    #[test]
    fn making_the_index_stops_when_asked() {
        let pages = vec![("a/2021/index.html".to_string(), report("甲", "依申请公开"))];
        let stop = AtomicBool::new(true);
        assert!(index_files(pages.clone(), Some(&stop)).unwrap().is_none());
        stop.store(false, Ordering::Relaxed);
        let files = index_files(pages, Some(&stop)).unwrap().unwrap();
        assert!(files
            .iter()
            .any(|(p, _)| p == "pagefind/pagefind-entry.json"));
    }

    #[test]
    fn a_kept_index_changed_page_by_page_equals_one_built_afresh() {
        // What the preview does: keep the extracts, forget a body's pages, take them in again.
        let kept = Indexer::new();
        kept.page("a/2020/index.html", &report("甲", "依申请公开"))
            .unwrap();
        kept.page("a/2021/index.html", &report("乙", "予以公开"))
            .unwrap();
        kept.page("index.html", "<html><body>首页</body></html>")
            .unwrap();
        assert!(kept.changed().unwrap(), "never written");
        let before = written(&kept, true);
        assert!(!kept.changed().unwrap());
        let names: Vec<String> = before.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(kept.files().unwrap(), names);

        // The same pages again: nothing to write.
        kept.forget(["a/2021/index.html"]).unwrap();
        kept.page("a/2021/index.html", &report("乙", "予以公开"))
            .unwrap();
        assert!(!kept.changed().unwrap());
        assert_eq!(written(&kept, true), before);

        // One page changed, one gone, one added.
        kept.forget(["a/2020/index.html", "a/2021/index.html"])
            .unwrap();
        kept.page("a/2021/index.html", &report("乙", "热线满意率"))
            .unwrap();
        kept.page("b/2021/index.html", &report("丙", "部分公开"))
            .unwrap();
        assert!(kept.changed().unwrap());
        let after = written(&kept, true);
        assert_ne!(after, before);

        let fresh = Indexer::new();
        fresh
            .page("b/2021/index.html", &report("丙", "部分公开"))
            .unwrap();
        fresh
            .page("a/2021/index.html", &report("乙", "热线满意率"))
            .unwrap();
        assert_eq!(written(&fresh, false), after);
    }
}
