//! The integration tests: one binary, one module per concern. Each runs the real `nianbao`
//! binary on a real site folder (the repository's example site or a fixture under
//! `tests/fixtures/sites/`), and checks what a user would check.
//!
//! Modules:
//! - `support`     — temporary sites, running the binary, snapshots, required tools
//! - `cli`         — `--help`, exit codes, the build summary
//! - `fidelity`    — every sentence and figure of the seed report appears in its page
//! - `identities`  — each accounting identity: a passing and a failing fixture (snapshots)
//! - `formats`     — the 2019 trial format renders and passes; blank cells stay blank
//! - `bad_input`   — malformed files give clear findings, never a panic, output untouched
//! - `determinism` — two builds give byte-identical trees
//! - `templates`   — a site's own template overrides the built-in one
//! - `open_data`   — CSV and JSON round-trip every number; JSON follows its schema; downloads
//! - `feeds`       — sitemap.xml, atom.xml, robots.txt, and the 404 page's links
//! - `scaffold`    — `nianbao new` drafts next year's report; `nianbao init` makes a site
//! - `accessibility` — axe-core and the Nu HTML checker on every page type; phone, zoom, print

mod accessibility;
mod feeds;
mod open_data;
mod scaffold;
mod support;
