//! The integration tests: one binary, one module per concern. Each runs the real `nianbao`
//! binary on a real site folder (the repository's example site or a fixture under
//! `tests/fixtures/sites/`), and checks what a user would check.
//!
//! Modules:
//! - `html`        — reading page text and tables back out of the output
//! - `support`     — temporary sites, running the binary, snapshots, required tools
//! - `cli`         — `--help`, exit codes, the build summary
//! - `fidelity`    — every sentence and figure of the seed report appears in its page
//! - `identities`  — each accounting identity: a passing and a failing fixture (snapshots)
//! - `formats`     — the 2019 trial format renders and passes; blank cells stay blank
//! - `hostile`     — 60+ hostile inputs (output folders, links, content, kills, two builds at
//!   once): a clear message, never a panic, `public/` and the user's files untouched
//! - `determinism` — two builds give byte-identical trees
//! - `templates`   — a site's own template overrides the built-in one
//! - `charts`      — golden SVG per chart type, accessible figures, year-over-year text, Chromium
//! - `cross_year`  — 上年结转 = last year's 结转下年度, units kept across years (snapshots)
//! - `serve`       — the live preview over HTTP and in Chromium: reload, overlay, path safety, caps
//! - `real_reports` — derived totals, acknowledged slips, the narrative held to its tables,
//!   complete tables, exact numbers and real dates
//! - `open_data`   — CSV and JSON round-trip every number; JSON follows its schema; downloads
//! - `feeds`       — sitemap.xml, atom.xml, robots.txt, and the 404 page's links
//! - `scaffold`    — `nianbao new` drafts next year's report; `nianbao init` makes a site
//! - `audit`       — 表二's chain across years; the 核对情况 page and CSV: late, missing, failed
//! - `accessibility` — axe-core and the Nu HTML checker on every page type; phone, zoom, print
//! - `import`      — published reports (text, web page, Word, Excel) become YAML and Markdown
//!   that build; round trip; bad input; the auditor's dry run over a folder
//! - `fuzzed`      — every input a fuzz target (`fuzz/`) once failed on ends in a message
//! - `reading`     — phones, zoom, desktop and A4 paper in Chromium: chart text, reflow, tables,
//!   fonts, print layout, the 404 page's links, page weights
//! - `search`      — Chinese full-text search in Chromium: words found, filters, excerpts, links
//!   to sections, no JavaScript, a sub-path, `serve` and rebuilds, `search = false`

mod html;
mod support;

mod accessibility;
mod audit;
mod charts;
mod cli;
mod cross_year;
mod determinism;
mod feeds;
mod fidelity;
mod formats;
mod fuzzed;
mod hostile;
mod identities;
mod import;
mod open_data;
mod reading;
mod real_reports;
mod scaffold;
mod search;
mod serve;
mod templates;
