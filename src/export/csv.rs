//! The CSV files: each table of a report (`data/<body>/<year>-t3.csv` …) and every report in
//! one file (`data/reports.csv`, a row per body and year).
//!
//! UTF-8 with a byte-order mark, because Excel and WPS otherwise read Chinese as GBK and show
//! garbage; RFC 4180 quoting and CRLF line ends. Labels are the form's own words; a `代码`
//! column carries the ASCII key of each row, so programs need not match Chinese text. Figures
//! are the published digits; a blank cell is an empty field, never 0.
//!
//! T3 and T4 keep the printed grid (a row per form row, a column per form column). T2's blocks
//! have different columns, so T2 is written one figure per line.

use crate::format::{Format, RowSpec, TableSpec};
use crate::model::{Block, Cell, Report, RowData, Site, Table};

use super::{col_label, json::indicator_unit, row_groups};

/// The key of a report's indicator file, next to `t2`, `t3`, `t4`.
pub(crate) const INDICATORS: &str = "indicators";

/// Builds a CSV text: BOM, then one line per record.
struct Csv(String);

impl Csv {
    fn new() -> Csv {
        Csv("\u{feff}".to_string())
    }

    fn record<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        let fields: Vec<String> = fields.into_iter().map(|f| quote(f.as_ref())).collect();
        self.0.push_str(&fields.join(","));
        self.0.push_str("\r\n");
    }

    fn into_bytes(self) -> Vec<u8> {
        self.0.into_bytes()
    }
}

/// A field, quoted when RFC 4180 requires it (comma, quote, line break) or when spaces at
/// either end would otherwise be trimmed by spreadsheet programs.
///
/// Text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
/// formula by Excel and WPS; as OWASP recommends ("CSV Injection"), it gets a leading `'`,
/// which those programs hide. A number (`-3` for 本年增/减) stays a number.
fn quote(field: &str) -> String {
    let neutral;
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(field) {
        neutral = format!("'{field}");
        neutral.as_str()
    } else {
        field
    };
    let needs =
        field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ');
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Whether a field is a plain decimal number, as the tables publish them.
fn is_number(field: &str) -> bool {
    let digits = field.strip_prefix(['-', '+']).unwrap_or(field);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The heading of the column that names the figures derived for blank 总计 cells.
const DERIVED: &str = "推算值（原文空白，由同行数字相加）";

/// The derived cells of a report, in the words of the combined file's headings.
fn derived_cells(r: &Report) -> String {
    [&r.t3, &r.t4]
        .iter()
        .flat_map(|t| {
            t.derived_cells().map(move |(b, row, c)| {
                format!(
                    "{} {} {}",
                    t.spec.name,
                    row.spec.short,
                    col_label(&b.spec.columns[c])
                )
            })
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// A cell as the open data gives it: the published digits, or the value derived for a blank
/// 总计 (marked as derived in the file's 推算 column).
fn figure(row: &RowData, c: usize) -> String {
    match (&row.cells[c], row.derived[c]) {
        (Some(n), _) => n.text.clone(),
        (None, Some(d)) => d.to_string(),
        (None, None) => String::new(),
    }
}

fn text(cell: &Cell) -> String {
    cell.as_ref().map(|n| n.text.clone()).unwrap_or_default()
}

/// The CSV files of one report: `(key, bytes)` for t2, t3, t4 and the indicators.
pub(super) fn report_tables(report: &Report) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("t2", long_table(&report.t2)),
        ("t3", grid_table(&report.t3)),
        ("t4", grid_table(&report.t4)),
        (INDICATORS, indicators(report)),
    ]
}

/// A single-block table as printed: 代码, 分组, 项目, then one column per form column.
fn grid_table(table: &Table) -> Vec<u8> {
    let mut csv = Csv::new();
    let block = &table.blocks[0];
    let mut head = vec!["代码".to_string(), "分组".to_string(), "项目".to_string()];
    head.extend(block.spec.columns.iter().map(col_label));
    head.push(DERIVED.to_string());
    csv.record(head);
    for row in &block.rows {
        let mut rec = vec![
            row.path.clone(),
            row_groups(table.spec, block.spec, &row.path).join(" "),
            row.spec.label.to_string(),
        ];
        rec.extend((0..row.cells.len()).map(|c| figure(row, c)));
        let derived: Vec<String> = (0..row.cells.len())
            .filter(|c| row.is_derived(*c))
            .map(|c| col_label(&block.spec.columns[c]))
            .collect();
        rec.push(derived.join("；"));
        csv.record(rec);
    }
    csv.into_bytes()
}

/// A table whose blocks differ in columns (T2), one figure per line.
fn long_table(table: &Table) -> Vec<u8> {
    let mut csv = Csv::new();
    csv.record([
        "代码",
        "项目",
        "信息内容",
        "列代码",
        "统计项",
        "数值",
        "单位",
    ]);
    for block in &table.blocks {
        long_block(block, &mut csv);
    }
    csv.into_bytes()
}

fn long_block(block: &Block, csv: &mut Csv) {
    for row in &block.rows {
        for (col, cell) in block.spec.columns.iter().zip(&row.cells) {
            let unit = cell
                .as_ref()
                .and_then(|n| n.unit.clone())
                .unwrap_or_default();
            csv.record([
                format!("{}.{}", block.spec.key, row.path),
                block.spec.label.to_string(),
                row.spec.label.to_string(),
                col.key.to_string(),
                col.label.to_string(),
                text(cell),
                unit,
            ]);
        }
    }
}

fn indicators(report: &Report) -> Vec<u8> {
    let mut csv = Csv::new();
    csv.record(["代码", "指标", "数值", "单位", "说明"]);
    for i in &report.indicators {
        csv.record([
            i.id.clone(),
            i.label.clone(),
            text(&i.value),
            indicator_unit(i.value.as_ref(), &i.unit),
            i.note.clone().unwrap_or_default(),
        ]);
    }
    csv.into_bytes()
}

/// One column of the combined file: a T3/T4 cell or an indicator.
struct Column {
    heading: String,
    get: Getter,
}

enum Getter {
    Cell {
        table: &'static str,
        row: String,
        col: &'static str,
    },
    Indicator(String),
}

/// The leaf rows of a single-block table in both formats, in printed order: a row only one
/// format has goes right after the row it follows there (the 2019 （六） after （五）5.).
fn leaf_rows(pick: impl Fn(Format) -> &'static TableSpec) -> Vec<(String, &'static RowSpec)> {
    let mut merged: Vec<(String, &'static RowSpec)> = Vec::new();
    for format in [Format::F2021, Format::Trial2019] {
        let mut previous: Option<String> = None;
        for (path, spec) in RowSpec::leaves(pick(format).blocks[0].rows, "") {
            if !merged.iter().any(|(p, _)| *p == path) {
                let at = previous
                    .as_ref()
                    .and_then(|p| merged.iter().position(|(q, _)| q == p))
                    .map_or(0, |i| i + 1);
                merged.insert(at, (path.clone(), spec));
            }
            previous = Some(path);
        }
    }
    merged
}

fn columns(site: &Site) -> Vec<Column> {
    let mut out = Vec::new();
    for (index, name) in [(1, "表三"), (2, "表四")] {
        let pick = move |f: Format| f.tables()[index];
        let spec = pick(Format::F2021);
        for (row, rspec) in leaf_rows(pick) {
            for col in spec.blocks[0].columns {
                out.push(Column {
                    heading: format!("{name} {} {}", rspec.short, col_label(col)),
                    get: Getter::Cell {
                        table: spec.key,
                        row: row.clone(),
                        col: col.key,
                    },
                });
            }
        }
    }
    // Indicators in order of first appearance; the label and unit of the newest report.
    let mut ids: Vec<String> = Vec::new();
    for r in &site.reports {
        for i in &r.indicators {
            if !ids.contains(&i.id) {
                ids.push(i.id.clone());
            }
        }
    }
    for id in ids {
        let newest = site
            .reports
            .iter()
            .filter_map(|r| Some((r.year, r.indicator(&id)?)))
            .max_by_key(|(y, _)| *y)
            .map(|(_, i)| i);
        let heading = newest.map_or(id.clone(), |i| format!("指标 {}（{}）", i.label, i.unit));
        out.push(Column {
            heading,
            get: Getter::Indicator(id),
        });
    }
    out
}

/// Every report in one file: a row per body and year with its T3 and T4 figures and its
/// indicators. A column that a report's format does not have is empty in its row.
pub(super) fn all_reports(site: &Site) -> Vec<u8> {
    let cols = columns(site);
    let mut csv = Csv::new();
    let mut head: Vec<String> = [
        "机关代码",
        "机关",
        "年度",
        "表格格式",
        "印发日期",
        "示例数据",
    ]
    .map(String::from)
    .to_vec();
    head.extend(cols.iter().map(|c| c.heading.clone()));
    head.push(DERIVED.to_string());
    csv.record(head);
    for r in &site.reports {
        let body = site.body(&r.body);
        let mut rec = vec![
            r.body.clone(),
            body.map(|b| b.name.clone()).unwrap_or_default(),
            r.year.to_string(),
            r.format.key().to_string(),
            r.date.clone(),
            if body.is_some_and(|b| b.sample) {
                "是"
            } else {
                "否"
            }
            .to_string(),
        ];
        rec.extend(cols.iter().map(|c| {
            match &c.get {
                Getter::Cell { table, row, col } => r
                    .table(table)
                    .and_then(|t| t.at(row, col))
                    .map(|(row, c)| figure(row, c))
                    .unwrap_or_default(),
                Getter::Indicator(id) => {
                    r.indicator(id).map(|i| text(&i.value)).unwrap_or_default()
                }
            }
        }));
        rec.push(derived_cells(r));
        csv.record(rec);
    }
    csv.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_rfc_4180_requires() {
        let cases = [
            ("自然人", "自然人"),
            ("a,b", "\"a,b\""),
            ("说\"是\"", "\"说\"\"是\"\"\""),
            ("两\n行", "\"两\n行\""),
            (" 空格", "\" 空格\""),
            ("", ""),
            // Formula injection is neutralised; numbers stay numbers.
            ("=1+2", "'=1+2"),
            ("+86 0797", "'+86 0797"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("=HYPERLINK(\"x\",1)", "\"'=HYPERLINK(\"\"x\"\",1)\""),
            ("-3", "-3"),
            ("+5", "+5"),
            ("151022.81", "151022.81"),
            ("-0.5", "-0.5"),
        ];
        for (field, want) in cases {
            assert_eq!(quote(field), want, "{field:?}");
        }
    }

    #[test]
    fn merges_the_rows_of_both_formats_in_printed_order() {
        let rows: Vec<String> = leaf_rows(|f| f.tables()[1])
            .into_iter()
            .map(|r| r.0)
            .collect();
        let at = |p: &str| rows.iter().position(|r| r == p).unwrap();
        assert_eq!(rows.len(), 26);
        assert_eq!(
            at("results.other"),
            at("results.not_processed.confirmation") + 1
        );
        assert_eq!(at("results.other.no_correction"), at("results.other") + 1);
        assert_eq!(rows.last().map(String::as_str), Some("carried_forward"));
    }
}
