//! Entry points for the fuzz targets in `fuzz/` (cargo-fuzz, see docs/fuzzing.md): each runs
//! the real loading, checking (and building, or importing) code on input it is given as bytes.
//! Not part of nianbao's interface.
//!
//! The loaders read a site's files from its folder, so a site is written into a fresh private
//! folder (in memory, under `/dev/shm`, where the system has it) that is removed afterwards.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};
use crate::import::{self, Options, Outcome};
use crate::{BuildOptions, BuildSummary, Checked};

/// A private folder holding `files` (each a path relative to the site root, and its bytes).
fn site(files: &[(&str, &[u8])]) -> Result<tempfile::TempDir> {
    let dir = private_dir()?;
    for (rel, bytes) in files {
        crate::fsx::write(&dir.path().join(rel), bytes)?;
    }
    Ok(dir)
}

fn private_dir() -> Result<tempfile::TempDir> {
    let mut b = tempfile::Builder::new();
    b.prefix("nianbao-fuzz-");
    let shm = Path::new("/dev/shm");
    let made = if shm.is_dir() {
        b.tempdir_in(shm).or_else(|_| b.tempdir())
    } else {
        b.tempdir()
    };
    made.map_err(|e| Error::Io {
        action: "创建临时文件夹",
        path: std::env::temp_dir(),
        source: e,
    })
}

/// Checks a site made of `files`, as `nianbao check` does.
pub fn check_files(files: &[(&str, &[u8])]) -> Result<Checked> {
    let dir = site(files)?;
    crate::check_site(dir.path(), Default::default())
}

/// Builds a site made of `files`, as `nianbao build --keep-going` does, into `public/` inside
/// its private folder, whatever its `site.toml` says about the output folder.
pub fn build_files(files: &[(&str, &[u8])]) -> Result<BuildSummary> {
    let dir = site(files)?;
    crate::build(&BuildOptions {
        root: dir.path().to_path_buf(),
        output: Some(dir.path().join("public")),
        strict: false,
        keep_going: true,
    })
}

/// Imports a file's bytes (named `name`, whose extension matters as it does to `nianbao
/// import`) as `nianbao import --dry-run --body fuzz` does into an empty site, with the texts
/// it prints made: its summary line, the audit's CSV and the problems' CSV.
pub fn import_bytes(bytes: &[u8], name: &str) -> Result<Outcome> {
    let dir = private_dir()?;
    let source = PathBuf::from(name);
    let outcome = match import::read_bytes(bytes, &source) {
        Ok((_, doc)) => {
            let opts = Options {
                root: dir.path().to_path_buf(),
                body: Some("fuzz".to_string()),
                dry_run: true,
                ..Options::default()
            };
            import::import_doc(&doc, &source, &opts)?
        }
        Err(message) => Outcome {
            source: source.clone(),
            result: Err(import::Failed {
                findings: crate::Findings(vec![crate::Finding::error(&source, None, message)]),
                year: None,
                body_name: None,
            }),
        },
    };
    let all = std::slice::from_ref(&outcome);
    let _ = (
        outcome.summary_line(),
        import::audit_csv(all, Some("fuzz")),
        import::problems_csv(all),
    );
    Ok(outcome)
}
