//! The loaded site: government bodies, their reports, and each report's tables, indicators and
//! narrative, as typed values that remember which file (and line) they came from.
//!
//! Everything after loading (checks, pages, charts, open data) reads these values; nothing
//! goes back to the YAML.

use std::path::PathBuf;

use crate::format::{BlockSpec, ColKey, ColKind, Format, RowKey, RowSpec, TableSpec};

/// The largest count the checks accept: 2^53 − 1, the largest whole number that every reader
/// of the open data (JavaScript among them) holds exactly. No report comes near it.
pub const MAX_COUNT: i64 = 9_007_199_254_740_991;

/// A number as the report prints it: the exact text, and its value for arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// The digits as written (151022.81 stays 151022.81).
    pub text: String,
    /// The value, for charts and shares.
    pub value: f64,
    /// The exact value of a whole number, which is what the checks add up.
    pub count: Option<i64>,
    /// A unit written with this figure (e.g. 元 in 251000元); none when the column names it.
    pub unit: Option<String>,
}

impl Num {
    /// A whole number.
    pub fn int(value: i64) -> Num {
        Num {
            text: value.to_string(),
            value: value as f64,
            count: Some(value),
            unit: None,
        }
    }

    /// The figure with its own unit, as shown on the page.
    pub fn display(&self) -> String {
        match &self.unit {
            Some(u) => format!("{}{}", self.text, u),
            None => self.text.clone(),
        }
    }
}

/// A table cell: `None` is a blank cell ("not stated"), which is never shown as 0.
pub type Cell = Option<Num>;

/// One row of numbers, with where it was written.
#[derive(Debug, Clone)]
pub struct RowData {
    /// The row's description in the format.
    pub spec: &'static RowSpec,
    /// Dotted YAML path below the table (`results.withheld.state_secret`).
    pub path: String,
    /// 1-based line of the row in the report's YAML (0 when unknown).
    pub line: usize,
    /// One cell per column of the block, as published.
    pub cells: Vec<Cell>,
    /// For a blank 总计 that follows from the row's other cells, the value derived from them
    /// (formats.md, "Blank is not zero"); `None` elsewhere.
    pub derived: Vec<Option<i64>>,
}

impl RowData {
    /// A row with these published cells and nothing derived yet.
    pub fn new(spec: &'static RowSpec, path: String, line: usize, cells: Vec<Cell>) -> RowData {
        let derived = vec![None; cells.len()];
        RowData {
            spec,
            path,
            line,
            cells,
            derived,
        }
    }

    /// The whole number in column `c`: as published, or derived from the row's other cells.
    pub fn count(&self, c: usize) -> Option<i64> {
        match &self.cells[c] {
            Some(n) => n.count,
            None => self.derived[c],
        }
    }

    /// Whether column `c` holds a derived value (blank as published).
    pub fn is_derived(&self, c: usize) -> bool {
        self.cells[c].is_none() && self.derived[c].is_some()
    }

    /// Whether the row's path is `prefix` or lies below it.
    pub fn is_under(&self, prefix: RowKey) -> bool {
        self.path == prefix.0
            || (self.path.starts_with(prefix.0) && self.path[prefix.0.len()..].starts_with('.'))
    }
}

/// One block of a table: its leaf rows in the order the form prints them.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block's description in the format.
    pub spec: &'static BlockSpec,
    /// Leaf rows, in printed order.
    pub rows: Vec<RowData>,
}

impl Block {
    /// The row at a dotted path, if the block has it.
    pub fn row(&self, path: &str) -> Option<&RowData> {
        self.rows.iter().find(|r| r.path == path)
    }

    /// The index of the column with this key.
    pub fn col(&self, key: &str) -> Option<usize> {
        self.spec.columns.iter().position(|c| c.key == key)
    }

    /// The index of the block's 总计 column, if it has one.
    pub fn total_col(&self) -> Option<usize> {
        self.spec
            .columns
            .iter()
            .position(|c| c.kind == ColKind::Total)
    }

    /// Derives every blank 总计 that follows from its row: the sum of the row's other cells,
    /// when at least one of them is stated (formats.md, "Blank is not zero", rules 1 and 2).
    pub fn derive_totals(&mut self) {
        let Some(t) = self.total_col() else { return };
        for row in &mut self.rows {
            if row.cells[t].is_some() {
                continue;
            }
            let parts = row
                .cells
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != t)
                .filter_map(|(_, c)| c.as_ref()?.count);
            row.derived[t] = parts.fold(None, |sum: Option<i64>, v| {
                Some(sum.unwrap_or(0).saturating_add(v))
            });
        }
    }
}

/// A statutory table with its data.
#[derive(Debug, Clone)]
pub struct Table {
    /// The table's description in the format.
    pub spec: &'static TableSpec,
    /// The table's blocks (one for T3 and T4).
    pub blocks: Vec<Block>,
    /// 1-based line of the table's key in the report's YAML (0 when unknown).
    pub line: usize,
}

impl Table {
    /// The published cell at `row` and `col` of the first block that has both.
    pub fn cell(&self, row: RowKey, col: ColKey) -> Option<&Cell> {
        self.blocks.iter().find_map(|b| {
            let r = b.row(row.0)?;
            Some(&r.cells[b.col(col.0)?])
        })
    }

    /// The whole number at `row` and `col`, as published or derived; `None` when blank.
    pub fn count(&self, row: RowKey, col: ColKey) -> Option<i64> {
        self.blocks
            .iter()
            .find_map(|b| b.row(row.0)?.count(b.col(col.0)?))
    }

    /// The sum of column `col` over the leaf rows at or below `prefix`, published or derived;
    /// `None` when every one of them is blank.
    pub fn sum_rows(&self, prefix: RowKey, col: ColKey) -> Option<i64> {
        let mut sum = None;
        for block in &self.blocks {
            let Some(c) = block.col(col.0) else { continue };
            for row in block.rows.iter().filter(|r| r.is_under(prefix)) {
                if let Some(v) = row.count(c) {
                    sum = Some(sum.unwrap_or(0i64).saturating_add(v));
                }
            }
        }
        sum
    }

    /// The row at a dotted path and the index of a column, by the keys of the format's
    /// description (for code that walks the description rather than naming a row).
    pub fn at(&self, row: &str, col: &str) -> Option<(&RowData, usize)> {
        self.blocks
            .iter()
            .find_map(|b| Some((b.row(row)?, b.col(col)?)))
    }

    /// Whether no cell of the table is stated.
    pub fn is_blank(&self) -> bool {
        self.blocks
            .iter()
            .all(|b| b.rows.iter().all(|r| r.cells.iter().all(Option::is_none)))
    }

    /// The cells derived from their rows, as (block, row, column index).
    pub fn derived_cells(&self) -> impl Iterator<Item = (&Block, &RowData, usize)> + '_ {
        self.blocks.iter().flat_map(|b| {
            b.rows.iter().flat_map(move |r| {
                (0..r.cells.len())
                    .filter(|c| r.is_derived(*c))
                    .map(move |c| (b, r, c))
            })
        })
    }
}

/// A key figure outside the tables (主动公开条数, 12345 热线满意率 …), kept so later years can
/// chart it.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// ASCII id, stable across years (`hotline_satisfaction`).
    pub id: String,
    /// Chinese label.
    pub label: String,
    /// The figure as published; `None` while not yet filled in.
    pub value: Option<Num>,
    /// Unit as published (万条, %, 件 …).
    pub unit: String,
    /// A remark shown with the figure (e.g. a slip in the published text, kept as published).
    pub note: Option<String>,
    /// 1-based line in the report's YAML.
    pub line: usize,
}

impl Indicator {
    /// The figure and unit as a reader sees them ("97.17%").
    pub fn display(&self) -> Option<String> {
        self.value
            .as_ref()
            .map(|v| format!("{}{}", v.display(), self.unit))
    }
}

/// One of the six sections of a report's narrative.
#[derive(Debug, Clone)]
pub struct Section {
    /// 一 … 六.
    pub numeral: &'static str,
    /// The heading as the report writes it.
    pub heading: String,
    /// The section's Markdown, references already resolved.
    pub markdown: String,
    /// 1-based line of the heading in the Markdown file.
    pub line: usize,
}

/// A report's narrative: the opening paragraph and the six sections.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    /// The paragraph(s) before section 一 (legal basis, period, where to download).
    pub opening: String,
    /// The six sections in official order.
    pub sections: Vec<Section>,
    /// The statements of table quantities the text makes, to be held to the tables.
    pub claims: Vec<Claim>,
}

/// A statement in the narrative of a quantity that the tables hold (「收到申请748件」).
#[derive(Debug, Clone)]
pub struct Claim {
    /// 1-based line in the Markdown file.
    pub line: usize,
    /// The words as written, up to the figure (and its share).
    pub quote: String,
    /// Which quantity it states.
    pub phrase: &'static crate::phrases::Phrase,
    /// The figure stated.
    pub stated: i64,
    /// A share stated with it (「占33.9%」).
    pub share: Option<StatedShare>,
    /// For 维持 and 纠正: whether the sentence speaks of 行政诉讼 (else 行政复议).
    pub suits: bool,
}

/// A percentage as a narrative states it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatedShare {
    /// As written (`33.9%`).
    pub text: String,
    /// The value (33.9).
    pub value: f64,
    /// Decimals written, the precision to compare at.
    pub decimals: usize,
}

/// A check that a report fails as published, acknowledged in its `acknowledged` list.
#[derive(Debug, Clone)]
pub struct Acknowledgment {
    /// The check (`t3.outcomes.total`).
    pub id: String,
    /// What the original says (原文如此 …).
    pub note: String,
    /// 1-based line in the report's YAML.
    pub line: usize,
}

/// One annual report of one government body.
#[derive(Debug, Clone)]
pub struct Report {
    /// The body's id (the folder name).
    pub body: String,
    /// The year reported on.
    pub year: u16,
    /// The national format the report follows.
    pub format: Format,
    /// The report's title as published.
    pub title: String,
    /// The issuing office (版记).
    pub issuer: String,
    /// The issue date, `YYYY-MM-DD`.
    pub date: String,
    /// The date the portal published it (发布日期), `YYYY-MM-DD`, when known.
    pub published: Option<String>,
    /// The address of the original on the portal, when known.
    pub source: Option<String>,
    /// Checks the report fails as published, each with a note.
    pub acknowledged: Vec<Acknowledgment>,
    /// T2, T3 and T4.
    pub t2: Table,
    /// T3 收到和处理政府信息公开申请情况.
    pub t3: Table,
    /// T4 政府信息公开行政复议、行政诉讼情况.
    pub t4: Table,
    /// Key figures outside the tables.
    pub indicators: Vec<Indicator>,
    /// Opening paragraph and the six sections.
    pub narrative: Narrative,
    /// The report's YAML file, relative to the site root.
    pub yaml_path: PathBuf,
    /// The report's Markdown file, relative to the site root.
    pub md_path: PathBuf,
}

impl Report {
    /// The three tables in order.
    pub fn tables(&self) -> [&Table; 3] {
        [&self.t2, &self.t3, &self.t4]
    }

    /// The table with key `t2`, `t3` or `t4`.
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables().into_iter().find(|t| t.spec.key == key)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The date the report reached the public: its 发布日期 when known, else its issue date.
    pub fn release_date(&self) -> &str {
        self.published.as_deref().unwrap_or(&self.date)
    }

    /// The issue date as Chinese text (2022年3月9日), or the raw text if it is not a date.
    pub fn date_cn(&self) -> String {
        date_cn(&self.date)
    }
}

/// A calendar date written `YYYY-MM-DD`, as (year, month, day); `None` unless it is a real
/// date (no 2022-02-30).
pub fn parse_date(text: &str) -> Option<(u16, u8, u8)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u16> {
        let part = text.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1900 && (1..=days).contains(&d)).then_some((y, m as u8, d as u8))
}

/// A date as Chinese text (2022年3月9日), or the text as it is if it is not a date.
pub fn date_cn(text: &str) -> String {
    match parse_date(text) {
        Some((y, m, d)) => format!("{y}年{m}月{d}日"),
        None => text.to_string(),
    }
}

/// A government body that publishes reports.
#[derive(Debug, Clone)]
pub struct Body {
    /// ASCII id: the folder name, used in URLs.
    pub id: String,
    /// Full name (赣州市人民政府).
    pub name: String,
    /// Administrative level (设区的市 …).
    pub level: String,
    /// Region (江西省赣州市).
    pub region: String,
    /// The body's website, if any.
    pub website: Option<String>,
    /// The office that compiles and issues the reports.
    pub office: String,
    /// Whether the body is invented sample data, never to be published as real.
    pub sample: bool,
    /// The body's metadata file, relative to the site root.
    pub path: PathBuf,
}

/// Everything loaded from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Bodies, sorted by id.
    pub bodies: Vec<Body>,
    /// Reports, sorted by body id then year.
    pub reports: Vec<Report>,
}

impl Site {
    /// The body with this id.
    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The reports of one body, oldest first.
    pub fn reports_of<'a>(
        &'a self,
        body: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a Report> + 'a {
        self.reports.iter().filter(move |r| r.body == body)
    }

    /// Every year that has a report, newest first.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.reports.iter().map(|r| r.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }
}

/// Whether a column's cells may be negative.
pub fn allows_negative(kind: ColKind) -> bool {
    kind == ColKind::Change
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_calendar_dates_parse() {
        assert_eq!(parse_date("2022-03-09"), Some((2022, 3, 9)));
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        for bad in [
            "2022-13-45",
            "2022-02-30",
            "2023-02-29",
            "1900-02-29",
            "2022-3-9",
            "2022/03/09",
            "２０２２-03-09",
            "2022-00-10",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(date_cn("2022-03-09"), "2022年3月9日");
    }
}
