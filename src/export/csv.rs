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

use crate::figures::{self, Digest, Summary};
use crate::model::{Block, Body, Cell, Report, RowData, Table};
use crate::paths;

use super::{col_label, json::indicator_unit, row_groups};

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

    /// Writes out what is gathered so far when it is large, and starts again empty.
    fn flush_into(&mut self, out: &mut dyn std::io::Write, at_least: usize) -> std::io::Result<()> {
        if self.0.len() >= at_least {
            out.write_all(self.0.as_bytes())?;
            self.0.clear();
        }
        Ok(())
    }
}

/// How much CSV text is gathered before it is written out.
const CHUNK: usize = 1 << 16;

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
        (paths::INDICATORS, indicators(report)),
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

/// The indicators of the site as columns of the combined file: ids in order of first
/// appearance, each headed with the label and unit of its newest report.
fn indicator_columns(digest: &Digest) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String, u16)> = Vec::new();
    for s in digest.summaries() {
        for i in &s.indicators {
            let heading = format!("指标 {}（{}）", i.label, i.unit);
            match columns.iter_mut().find(|(id, ..)| *id == i.id) {
                Some(c) if s.year >= c.2 => {
                    c.1 = heading;
                    c.2 = s.year;
                }
                Some(_) => {}
                None => columns.push((i.id.clone(), heading, s.year)),
            }
        }
    }
    columns.into_iter().map(|(id, h, _)| (id, h)).collect()
}

/// An audit table (the site's `data/audit.csv`, or what `import --dry-run --findings` writes),
/// with `lead` columns in front of each row (e.g. the file a row comes from).
pub(crate) fn audit(
    rows: &[crate::audit::Row],
    lead: &[&str],
    leads: &[Vec<String>],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut csv = Csv::new();
    csv.record(lead.iter().copied().chain(crate::audit::COLUMNS));
    for (i, row) in rows.iter().enumerate() {
        let front = leads.get(i).cloned().unwrap_or_default();
        csv.record(front.into_iter().chain(row.fields()));
        csv.flush_into(out, CHUNK)?;
    }
    csv.flush_into(out, 0)
}

/// A figure as a CSV field: blank when `None`.
fn field(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Every report in one file: a row per body and year with its headline figures (derived ones
/// included, counted in their own column), its indicators, and the address of its own files,
/// which hold every cell of every table.
pub(super) fn all_reports(digest: &Digest, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let indicators = indicator_columns(digest);
    let mut csv = Csv::new();
    let mut head: Vec<String> = [
        "机关代码",
        "机关",
        "年度",
        "表格格式",
        "印发日期",
        "发布日期",
        "示例数据",
        figures::RECEIVED,
        figures::CARRIED_OVER,
        figures::PROCESSED,
        figures::CARRIED_FORWARD,
    ]
    .map(String::from)
    .to_vec();
    head.extend(figures::OUTCOME_NAMES.iter().map(|n| n.to_string()));
    head.push(format!("{}（%）", figures::GRANTED_SHARE));
    for kind in [figures::REVIEWS, figures::SUITS] {
        head.push(format!("{kind}·总计"));
        head.extend(
            figures::T4_RESULT_NAMES
                .iter()
                .map(|n| format!("{kind}·{n}")),
        );
    }
    head.extend(
        figures::DECISION_ROWS
            .iter()
            .map(|(_, n)| format!("{n}·处理决定数量")),
    );
    head.extend(indicators.iter().map(|(_, h)| h.clone()));
    head.extend(
        [
            "推算的总计（处）",
            "确认的原文差错（处）",
            "正文与表格不一致（处）",
            "报告数据（JSON）",
        ]
        .map(String::from),
    );
    csv.record(head);
    for (body, list) in &digest.bodies {
        for s in list {
            csv.record(summary_row(s, body, &indicators));
        }
        csv.flush_into(out, CHUNK)?;
    }
    csv.flush_into(out, 0)
}

fn summary_row(s: &Summary, body: &Body, indicators: &[(String, String)]) -> Vec<String> {
    let h = &s.headline();
    let mut rec = vec![
        s.body.clone(),
        body.name.clone(),
        s.year.to_string(),
        s.format.key().to_string(),
        s.date.clone(),
        s.published.clone().unwrap_or_default(),
        if body.sample { "是" } else { "否" }.to_string(),
        field(h.received),
        field(h.carried_over),
        field(h.processed),
        field(h.carried_forward),
    ];
    rec.extend(h.outcomes.iter().map(|v| field(*v)));
    rec.push(
        h.granted_share()
            .map(|v| format!("{v:.1}"))
            .unwrap_or_default(),
    );
    for kind in 0..2 {
        let cell = |c| if kind == 0 { h.reviews(c) } else { h.suits(c) };
        rec.push(field(cell(4)));
        rec.extend((0..4).map(|c| field(cell(c))));
    }
    rec.extend(h.decisions.iter().map(|v| field(*v)));
    rec.extend(indicators.iter().map(|(id, _)| {
        s.indicator(id)
            .and_then(|i| i.value.as_ref())
            .map(|n| n.text.clone())
            .unwrap_or_default()
    }));
    rec.extend([
        s.checks.derived.to_string(),
        s.checks.acknowledged.to_string(),
        s.checks.narrative.to_string(),
        paths::report_json(&s.body, s.year),
    ]);
    rec
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
}
