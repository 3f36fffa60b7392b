//! The loaded site: government bodies, their reports, and each report's tables, indicators and
//! narrative, as typed values that remember which file (and line) they came from.
//!
//! Everything after loading (checks, pages, charts, open data) reads these values; nothing
//! goes back to the YAML.

use std::path::PathBuf;

use crate::format::{BlockSpec, ColKind, Format, RowSpec, TableSpec};

/// A number as the report prints it: the exact text, and its value for arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// The digits as written (151022.81 stays 151022.81).
    pub text: String,
    /// The value, for sums and charts.
    pub value: f64,
    /// A unit written with this figure (e.g. 元 in 251000元); none when the column names it.
    pub unit: Option<String>,
}

impl Num {
    /// A whole number.
    pub fn int(value: i64) -> Num {
        Num {
            text: value.to_string(),
            value: value as f64,
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
    /// One cell per column of the block.
    pub cells: Vec<Cell>,
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
}

/// A statutory table with its data.
#[derive(Debug, Clone)]
pub struct Table {
    /// The table's description in the format.
    pub spec: &'static TableSpec,
    /// The table's blocks (one for T3 and T4).
    pub blocks: Vec<Block>,
}

impl Table {
    /// The value of the cell at `row` (dotted path) and `col` (column key) of the first block
    /// that has both.
    pub fn cell(&self, row: &str, col: &str) -> Option<&Cell> {
        self.blocks.iter().find_map(|b| {
            let r = b.row(row)?;
            Some(&r.cells[b.col(col)?])
        })
    }

    /// The value at `row`/`col`, with a blank (or missing) cell read as 0.
    pub fn value(&self, row: &str, col: &str) -> f64 {
        self.cell(row, col)
            .and_then(|c| c.as_ref())
            .map_or(0.0, |n| n.value)
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

    /// The issue date as Chinese text (2022年3月9日), or the raw text if it is not a date.
    pub fn date_cn(&self) -> String {
        let parts: Vec<&str> = self.date.split('-').collect();
        match parts.as_slice() {
            [y, m, d] => match (m.parse::<u8>(), d.parse::<u8>()) {
                (Ok(m), Ok(d)) => format!("{y}年{m}月{d}日"),
                _ => self.date.clone(),
            },
            _ => self.date.clone(),
        }
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
