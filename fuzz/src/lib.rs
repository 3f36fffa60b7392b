//! What the fuzz targets share: the real site's files, and what every outcome must satisfy
//! beyond not panicking (an error is a message a person can read).

mod pack;

pub use pack::{docx_with, xlsx_with};

use nianbao::import::Outcome;
use nianbao::{BuildSummary, Checked, Error, Result};

/// A file of the repository's example site, `content/<rel>`.
#[macro_export]
macro_rules! content {
    ($rel:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../content/", $rel)).as_slice()
    };
}

/// An error says what is wrong, in words, and a content error names a file for each finding.
fn error(e: &Error) {
    let text = nianbao::diag::error_text(e);
    assert!(text.trim().len() > "错误:".len(), "an empty message: {e:?}");
    if let Error::Content(findings) = e {
        assert!(findings.has_errors(), "a content error without errors");
        for f in &findings.0 {
            assert!(
                !f.message.trim().is_empty(),
                "a finding without words: {f:?}"
            );
            assert!(
                !f.file.as_os_str().is_empty(),
                "a finding without a file: {f:?}"
            );
        }
    }
}

/// The outcome of a check.
pub fn checked(r: Result<Checked>) {
    if let Err(e) = &r {
        error(e);
    }
}

/// The outcome of a build.
pub fn built(r: Result<BuildSummary>) {
    if let Err(e) = &r {
        error(e);
    }
}

/// The outcome of an import: a file that cannot be imported says why.
pub fn imported(r: Result<Outcome>) {
    match &r {
        Err(e) => error(e),
        Ok(o) => {
            if let Err(failed) = &o.result {
                assert!(
                    !failed.findings.0.is_empty(),
                    "a failed import without a reason"
                );
                for f in &failed.findings.0 {
                    assert!(
                        !f.message.trim().is_empty(),
                        "a reason without words: {f:?}"
                    );
                }
            }
        }
    }
}

/// Names on stderr, once each, the places where a panic happened. The panics of other crates'
/// parsers that nianbao catches (`src/import/guard.rs`: a damaged file, reported as such) do
/// not stop the fuzzer, so this is how they are seen; any other panic aborts, as ever.
pub fn name_panics() {
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    // A first PDF read installs nianbao's hook (over libFuzzer's); this one goes over both.
    let _ = nianbao::fuzz::import_bytes(b"%PDF-1.4", "first.pdf");
    let next = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if SEEN.lock().is_ok_and(|mut s| s.insert(place.clone())) {
            eprintln!("panic at {place}: {}", info.payload_as_str().unwrap_or(""));
        }
        next(info);
    }));
}
