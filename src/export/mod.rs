//! Open data and portal files: every report as JSON and as CSV (one file per table), all
//! reports in one CSV and one JSON, the JSON Schema of a report, the sitemap, the Atom feed and
//! `robots.txt`.
//!
//! Everything here is generated from the typed model, walking the format's description of each
//! table (`format.rs`), so the 2019 trial format and the 2021 format both come out right and a
//! row label is written in one place. Numbers keep the exact text the report publishes
//! (151022.81 stays 151022.81) and a blank cell stays blank (JSON `null`, an empty CSV field),
//! never 0. Output is deterministic: sorted orders, and no time other than the reports' own
//! issue dates.

mod csv;
mod feed;
mod json;

use std::path::Path;

use crate::config::Config;
use crate::diag::{Finding, Findings, Result};
use crate::figures::Digest;
use crate::format::{BlockSpec, ColSpec, RowSpec, TableSpec, T4_LITIGATION};
use crate::model::{Body, Report};
use crate::paths;

/// The JSON Schema that every report's JSON file follows; shipped as `data/report.schema.json`.
pub const REPORT_SCHEMA: &str = include_str!("report.schema.json");

/// Where the output files go; may be called from several threads.
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<()> + Sync);

/// What the export step did.
#[derive(Debug, Default)]
pub struct Exported {
    /// Files written.
    pub files: usize,
    /// Warnings (e.g. no `base_url`, so no sitemap or feed).
    pub findings: Findings,
}

/// An audit table as CSV: `lead` columns (such as the file of each row) before the audit's own.
pub(crate) fn audit_csv(
    rows: &[crate::audit::Row],
    lead: &[&str],
    leads: &[Vec<String>],
) -> Vec<u8> {
    csv::audit(rows, lead, leads)
}

/// Writes the open-data files of one report: its JSON (with the warnings about it, for the
/// acknowledged slips) and one CSV per table and for its indicators. Returns their paths.
pub(crate) fn report_files(
    report: &Report,
    body: &Body,
    findings: &[&Finding],
    sink: Sink,
) -> Result<Vec<String>> {
    let json_path = paths::report_json(&report.body, report.year);
    sink(
        &json_path,
        json::report(report, Some(body), findings).as_bytes(),
    )?;
    let mut written = vec![json_path];
    for (key, bytes) in csv::report_tables(report) {
        let path = paths::report_csv(&report.body, report.year, key);
        sink(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes the site-wide files, made from the site's digest: the combined CSV and JSON, the
/// schema, `robots.txt`, and with a `base_url` the sitemap and the feed.
pub(crate) fn site_files(digest: &Digest, config: &Config, sink: Sink) -> Result<Exported> {
    let mut files = 0;
    let mut findings = Findings::default();
    let mut put = |path: &str, bytes: &[u8]| -> Result<()> {
        files += 1;
        sink(path, bytes)
    };
    put(paths::ALL_JSON, json::all_reports(digest).as_bytes())?;
    put(paths::ALL_CSV, &csv::all_reports(digest))?;
    put(paths::SCHEMA, REPORT_SCHEMA.as_bytes())?;
    put(paths::ROBOTS, feed::robots(config).as_bytes())?;
    match &config.base_url {
        Some(base) => {
            for (path, xml) in feed::sitemaps(digest, base, feed::SITEMAP_URLS) {
                put(&path, xml.as_bytes())?;
            }
            if digest.reports() > 0 {
                put(paths::FEED, feed::atom(digest, config, base).as_bytes())?;
            }
        }
        None => findings.push(Finding::warning(
            Path::new("site.toml"),
            None,
            "未设置 base_url，因此没有生成网站地图 sitemap.xml 和订阅 atom.xml（二者需要完整网址）；正式发布前请在 site.toml 中填写 base_url",
        )),
    }
    Ok(Exported { files, findings })
}

/// A column heading as the form prints it, with its upper heading (法人或其他组织·商业企业).
fn col_label(col: &ColSpec) -> String {
    match col.group {
        Some(g) => format!("{g}·{}", col.label),
        None => col.label.to_string(),
    }
}

/// The labels of the groups a leaf row is printed under (三、本年度办理结果 → （三）不予公开).
fn row_groups(table: &TableSpec, block: &BlockSpec, path: &str) -> Vec<&'static str> {
    // T4 prints its two lawsuit rows under one 行政诉讼 heading that the row tree does not hold.
    if table.key == "t4" && path != "review" {
        return vec![T4_LITIGATION];
    }
    let mut groups = Vec::new();
    let mut rows: &'static [RowSpec] = block.rows;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        match rows.iter().find(|r| r.key == *part) {
            Some(r) => {
                groups.push(r.label);
                rows = r.children;
            }
            None => break,
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Format;

    #[test]
    fn row_groups_follow_the_printed_form() {
        let [_, t3, t4] = Format::F2021.tables();
        assert_eq!(
            row_groups(t3, &t3.blocks[0], "results.withheld.state_secret"),
            ["三、本年度办理结果", "（三）不予公开"]
        );
        assert!(row_groups(t3, &t3.blocks[0], "new").is_empty());
        assert_eq!(row_groups(t4, &t4.blocks[0], "direct_suit"), ["行政诉讼"]);
        assert!(row_groups(t4, &t4.blocks[0], "review").is_empty());
    }

    #[test]
    fn column_labels_carry_their_upper_heading() {
        let t3 = Format::F2021.tables()[1];
        let labels: Vec<String> = t3.blocks[0].columns.iter().map(col_label).collect();
        assert_eq!(labels[0], "自然人");
        assert_eq!(labels[1], "法人或其他组织·商业企业");
        assert_eq!(labels[6], "总计");
    }
}
