//! Shared helpers: temporary copies of sites, running the binary, reviewed snapshots, and
//! tools that a test needs (a missing tool fails the test, never skips it silently).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `nianbao` binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_nianbao"))
}

/// A site in a temporary folder, removed when dropped.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    /// A copy of the repository's example site (`site.toml`, `content/`, `templates/`, `static/`).
    pub fn example() -> TempSite {
        let site = TempSite::empty();
        for part in ["site.toml", "content", "templates", "static"] {
            let from = repo().join(part);
            if from.exists() {
                copy_tree(&from, &site.path().join(part));
            }
        }
        site
    }

    /// The example site with its real report only (without the invented sample body), so that
    /// messages about the real report are not mixed with the sample's warning.
    pub fn real() -> TempSite {
        let site = TempSite::example();
        std::fs::remove_dir_all(site.path().join("content/sample-county")).unwrap();
        site
    }

    /// A copy of the fixture site `tests/fixtures/sites/<name>`.
    pub fn fixture(name: &str) -> TempSite {
        let site = TempSite::empty();
        let from = repo().join("tests/fixtures/sites").join(name);
        assert!(from.is_dir(), "no fixture site {}", from.display());
        copy_tree(&from, site.path());
        site
    }

    /// An empty folder.
    pub fn empty() -> TempSite {
        TempSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `nianbao <args>` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(bin())
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("run nianbao")
    }

    /// Runs `nianbao build` and asserts it succeeded.
    pub fn build_ok(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(
            out.status.success(),
            "build failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs `nianbao build`, asserts it fails on content (exit 1) without a panic and leaves
    /// `public/` exactly as `before`, and returns what it printed on stderr.
    pub fn build_fails_keeping(&self, before: &BTreeMap<String, Vec<u8>>) -> String {
        let out = self.run(&["build"]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            tree(&self.path().join("public")) == *before,
            "failed build changed public/"
        );
        stderr
    }

    /// Reads a file of the site as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Writes a file of the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replaces `from` by `to` in a file of the site, asserting `from` is there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }
}

/// Copies a folder recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file below `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Text of a command's stdout and stderr.
pub fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Compares `actual` with the reviewed snapshot `tests/snapshots/<name>`. With
/// `UPDATE_SNAPSHOTS=1` the snapshot is (re)written instead, for review in the diff.
pub fn assert_snapshot(name: &str, actual: &str) {
    if let Some(why) = snapshot_differs(name, actual) {
        panic!("{why}");
    }
}

/// What [`assert_snapshot`] checks, as a message instead of a panic (`None`: it matches).
pub fn snapshot_differs(name: &str, actual: &str) -> Option<String> {
    let path = repo().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    match std::fs::read_to_string(&path) {
        Err(_) => Some(format!(
            "no snapshot {}; run with UPDATE_SNAPSHOTS=1 and review it",
            path.display()
        )),
        Ok(expected) if expected != actual => Some(format!(
            "snapshot {name} differs (UPDATE_SNAPSHOTS=1 rewrites it for review):\n--- expected\n{expected}--- actual\n{actual}"
        )),
        Ok(_) => None,
    }
}

/// How to get what the browser tests need, said whenever one of them is missing.
pub const BROWSER_SETUP: &str = "apt-get install -y chromium fonts-wqy-microhei default-jre-headless poppler-utils && npm ci --prefix tests/browser (or skip these tests, visibly, with `cargo test -- --skip browser_`)";

/// Fails the calling test when `program` cannot be run: a test that needs a tool never passes
/// without running. The message says how to install it.
pub fn require(program: &str, why: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{program} is required ({why}) but is not installed: {BROWSER_SETUP}"
    );
}

/// Fails the calling test unless Node.js, Debian's chromium and the browser-test packages
/// (`npm ci` in `tests/browser`) are there.
pub fn require_browser() {
    require("node", "browser tests run under Node.js");
    require("chromium", "browser tests drive Debian's chromium");
    let modules = repo().join("tests/browser/node_modules/playwright-core");
    assert!(
        modules.is_dir(),
        "tests/browser/node_modules is missing: {BROWSER_SETUP}"
    );
}

/// An empty folder `tests/artifacts/<name>/` for a test's screenshots and PDFs, cleared first so
/// that a file found there afterwards was made by this run.
pub fn artifacts(name: &str) -> PathBuf {
    let dir = repo().join("tests/artifacts").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `node tests/browser/<script> <args>` and returns its output.
pub fn node(script: &str, args: &[&str]) -> Output {
    Command::new("node")
        .arg(repo().join("tests/browser").join(script))
        .args(args)
        .output()
        .expect("run node")
}
