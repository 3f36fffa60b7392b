//! The hostile-input suite: what a careless user or an attacker can throw at `nianbao build`.
//!
//! Every case states its input in words and the message a user must see, and the runner checks,
//! for each one, that the build fails with the expected exit code and words (or succeeds, for a
//! case whose input must be made harmless), that nothing panicked, and that the `public/` built
//! before is byte-identical afterwards, as is every folder the case names as a victim.
//!
//! - `output` — the output contract: folders a build must never replace or write through
//! - `input`  — content files: malformed, oversized, invisible characters, unsafe text
//! - `kill`   — builds killed at random moments, and two builds at once

mod input;
mod kill;
mod output;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{bin, snapshot_differs, text, tree, TempSite};

/// One hostile input and what it must give.
pub struct Case {
    /// Short name, shown when the case fails.
    pub name: &'static str,
    /// What is done to the site, in words.
    pub input: &'static str,
    /// Does it; returns folders (outside `public/`) that must come through unchanged.
    pub spoil: fn(&TempSite) -> Vec<PathBuf>,
    /// The command's arguments after `nianbao`; `{site}` is replaced by the site's folder.
    pub args: &'static [&'static str],
    /// The exit code (0: the input builds, made harmless).
    pub code: i32,
    /// Words that the output must contain (stderr for failures, the site for successes).
    pub expect: &'static [&'static str],
    /// The reviewed snapshot of the whole message, if any.
    pub snapshot: Option<&'static str>,
}

/// A build of the site as it is.
pub const BUILD: &[&str] = &["build"];

/// A folder's files, and where its symbolic links point, so that a change to either shows.
fn state(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if std::fs::symlink_metadata(dir).is_err() {
        return out;
    }
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let t = e.file_type();
        let value = if t.is_symlink() {
            format!("-> {}", std::fs::read_link(e.path()).unwrap().display()).into_bytes()
        } else if t.is_file() {
            std::fs::read(e.path()).unwrap()
        } else {
            b"<dir>".to_vec()
        };
        out.insert(rel, value);
    }
    out
}

/// Runs one case on a freshly built copy of the real example site; returns what went wrong.
fn run(case: &Case) -> Option<String> {
    let site = TempSite::real();
    site.build_ok();
    let public = site.path().join("public");
    let victims: Vec<(PathBuf, BTreeMap<String, Vec<u8>>)> = (case.spoil)(&site)
        .into_iter()
        .map(|v| {
            let s = state(&v);
            (v, s)
        })
        .collect();
    // What the hostile build must leave as it found it (the case may have changed public/).
    let before = tree(&public);
    let root = site.path().to_string_lossy().into_owned();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{site}", &root))
        .collect();
    let out = Command::new(bin())
        .args(&args)
        .current_dir(site.path())
        .env("HOME", site.path().join("home"))
        .output()
        .expect("run nianbao");
    let (stdout, stderr) = text(&out);
    let said = format!("{stdout}{stderr}");
    let mut wrong = Vec::new();
    if out.status.code() != Some(case.code) {
        wrong.push(format!("exit {:?}, want {}", out.status.code(), case.code));
    }
    if said.contains("panicked") {
        wrong.push("panicked".into());
    }
    let haystack = if case.code == 0 {
        site_text(&public)
    } else {
        stderr.clone()
    };
    for word in case.expect {
        if !haystack.contains(word) {
            wrong.push(format!("no 「{word}」"));
        }
    }
    if case.code != 0 && tree(&public) != before {
        wrong.push("public/ changed".into());
    }
    for (v, s) in &victims {
        if state(v) != *s {
            wrong.push(format!("{} changed", v.display()));
        }
    }
    if let Some(why) = case
        .snapshot
        .and_then(|name| snapshot_differs(name, &stderr))
    {
        wrong.push(why);
    }
    (!wrong.is_empty()).then(|| {
        format!(
            "{} ({}): {}\n    output: {}",
            case.name,
            case.input,
            wrong.join("; "),
            said.trim()
        )
    })
}

/// Every HTML, CSV and JSON file of a built site, joined.
fn site_text(public: &Path) -> String {
    tree(public)
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html") || k.ends_with(".csv") || k.ends_with(".json"))
        .map(|(k, v)| format!("== {k}\n{}", String::from_utf8_lossy(&v)))
        .collect()
}

/// Runs every case (in parallel, each on its own site) and reports all that failed at once.
fn run_all(cases: &[Case]) {
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(4))
            .map(|chunk| s.spawn(move || chunk.iter().filter_map(run).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("case runner"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_suite_has_at_least_sixty_cases_with_distinct_names() {
    let all: Vec<&Case> = output::CASES.iter().chain(input::CASES).collect();
    assert!(all.len() >= 60, "{} cases", all.len());
    let mut names: Vec<&str> = all.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "duplicate case names");
}
