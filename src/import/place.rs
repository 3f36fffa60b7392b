//! Placing a named row's figures in its columns: by the headings that stand over them in a
//! grid, else in order when their number is the number of columns; checking each against its
//! column (counts whole and not negative); and T4's fifteen figures on one line. What cannot
//! be placed is a [`Problem`] naming the row, its figures and the columns it should have.

use crate::format::{ColKind, ColSpec};

use super::doc::{Loc, Problem};
use super::figures::{Cell, Figure};
use super::labels::{core, Labels, Leaf};
use super::tables::{columns, leaf_index, Found, Heads, Row};

/// What placing a row needs to know.
pub(super) struct Ctx<'a> {
    pub(super) labels: &'a Labels,
    pub(super) heads: &'a Heads,
    /// The table of the section the line is in.
    pub(super) table: usize,
}

impl Ctx<'_> {
    fn table_name(&self, t: usize) -> &'static str {
        self.labels.format.tables()[t].name
    }

    /// Places a named row's figures.
    pub(super) fn place(
        &self,
        row: &Row,
        leaf: &Leaf,
        found: &mut Found,
        first_at: &mut [Option<String>],
    ) {
        let loc = &row.line.loc;
        let idx = leaf_index(self.labels, leaf);
        let name = format!("{}「{}」", self.table_name(leaf.table), leaf.spec.short);
        self.stray(row, &name, found);
        if let Some(before) = &first_at[idx] {
            found.problems.push(Problem::at(
                loc,
                format!("{name}这一行出现了两次（前一次在{before}），没有导入这一次的数字"),
            ));
            return;
        }
        first_at[idx] = Some(where_(loc));
        let cols = columns(self.labels, leaf);
        match self
            .by_heading(row, cols)
            .or_else(|| by_order(&row.tail, cols.len()))
            .or_else(|| self.by_position(row, cols))
        {
            Some(cells) => found.rows[idx] = Some(kinds(cells, cols, &name, row, found)),
            None => found.problems.push(Problem::at(
                loc,
                format!(
                    "{name}这一行的 {} 无法按列放入：该行应有 {} 列（{}），列名也对不上",
                    figures_text(&row.tail),
                    cols.len(),
                    col_words(cols)
                ),
            )),
        }
    }

    /// Figures printed before the label.
    fn stray(&self, row: &Row, name: &str, found: &mut Found) {
        if !row.stray.is_empty() {
            let list: Vec<String> = row.stray.iter().map(Figure::text).collect();
            found.problems.push(Problem::at(
                &row.line.loc,
                format!(
                    "{name}这一行的 {} 写在行名称之前，无法确定属于哪一列",
                    list.join("、")
                ),
            ));
        }
    }

    /// Columns by the headings over a grid row's figures, when every figure has one.
    fn by_heading(&self, row: &Row, cols: &[ColSpec]) -> Option<Vec<Option<Figure>>> {
        if row.line.grid.is_none() || row.line.grid != self.heads.grid {
            return None;
        }
        let mut out = vec![None; cols.len()];
        for (col, cell) in &row.tail {
            let Cell::Figure(f) = cell else { continue };
            let heads = self.heads.cols.get(*col)?;
            let k = heads
                .iter()
                .rev()
                .find_map(|h| cols.iter().position(|c| core(c.label) == *h))?;
            if out[k].is_some() {
                return None;
            }
            out[k] = Some(f.clone());
        }
        Some(out)
    }

    /// Columns by where the figures of a printed line stand (a PDF's): each under the nearest
    /// of the column headings of the head above, when every column's heading is found there
    /// (a heading broken over lines counts joined: 「自然」 over 「人」) and no two figures share
    /// one. The places left are blank cells.
    fn by_position(&self, row: &Row, cols: &[ColSpec]) -> Option<Vec<Option<Figure>>> {
        let x = row.line.x.as_ref()?;
        let centres: Vec<f32> = cols
            .iter()
            .map(|c| heading_centre(&self.heads.at, &core(c.label)))
            .collect::<Option<_>>()?;
        let mut out = vec![None; cols.len()];
        let mut last = None;
        for (col, cell) in &row.tail {
            let Cell::Figure(f) = cell else { continue };
            let (x0, x1) = x.get(*col)?;
            let mid = (x0 + x1) / 2.0;
            let k = (0..centres.len()).min_by(|a, b| {
                (centres[*a] - mid)
                    .abs()
                    .total_cmp(&(centres[*b] - mid).abs())
            })?;
            if last.is_some_and(|l| k <= l) {
                return None;
            }
            last = Some(k);
            out[k] = Some(f.clone());
        }
        Some(out)
    }

    /// A row that names none of the form's rows: T4's fifteen figures, or an unknown row.
    pub(super) fn unnamed(&self, row: &Row, found: &mut Found, first_at: &mut [Option<String>]) {
        if row.words.is_empty() {
            if let Some(cells) = by_order(&row.tail, 15) {
                return self.t4_wide(row, cells, found, first_at);
            }
        }
        let label = row.words.join(" ");
        let what = if label.is_empty() {
            "一行没有行名称的数字".to_string()
        } else {
            let table = self.table_name(self.table);
            format!("「{label}」这一行不是国家格式{table}中的行，其中的数字")
        };
        found.problems.push(Problem::at(
            &row.line.loc,
            format!("{what} {} 没有导入", figures_text(&row.tail)),
        ));
    }

    /// T4 as the form prints it: 行政复议, then 行政诉讼 未经复议直接起诉 and 复议后起诉, five
    /// figures each, in the order their headings stand.
    fn t4_wide(
        &self,
        row: &Row,
        cells: Vec<Option<Figure>>,
        found: &mut Found,
        first_at: &mut [Option<String>],
    ) {
        let mut groups: Vec<(&str, Option<usize>)> = [
            ("review", "行政复议"),
            ("direct_suit", "未经复议直接起诉"),
            ("suit_after_review", "复议后起诉"),
        ]
        .into_iter()
        .map(|(path, word)| (path, self.heads.text.find(word)))
        .collect();
        if groups.iter().all(|(_, at)| at.is_some()) {
            groups.sort_by_key(|(_, at)| *at);
        }
        for (g, (path, _)) in groups.iter().enumerate() {
            let Some(leaf) = self
                .labels
                .leaves
                .iter()
                .find(|l| l.table == 2 && l.path == *path)
            else {
                continue;
            };
            let part = Row {
                line: row.line,
                words: Vec::new(),
                tail: cells[g * 5..g * 5 + 5]
                    .iter()
                    .map(|c| (0, c.clone().map_or(Cell::Blank, Cell::Figure)))
                    .collect(),
                stray: Vec::new(),
            };
            self.place(&part, leaf, found, first_at);
        }
    }
}

/// Where a column heading stands: the middle of the last of the head's words that is the heading,
/// or that begins it and is continued by the words below it (overlapping it across the page).
fn heading_centre(at: &[(String, f32, f32)], heading: &str) -> Option<f32> {
    let mut found = None;
    for (i, (w, x0, x1)) in at.iter().enumerate() {
        if w.is_empty() || !heading.starts_with(w.as_str()) {
            continue;
        }
        let (mut acc, mut lo, mut hi) = (w.clone(), *x0, *x1);
        for (v, y0, y1) in &at[i + 1..] {
            if acc == heading {
                break;
            }
            let below = *y0 < *x1 && *y1 > *x0;
            if below && heading.starts_with(&format!("{acc}{v}")) {
                acc.push_str(v);
                lo = lo.min(*y0);
                hi = hi.max(*y1);
            }
        }
        if acc == heading {
            found = Some((lo + hi) / 2.0);
        }
    }
    found
}

/// The figures and blank places after the label, as the row's columns in order: only when
/// their number is the number of columns, after dropping empty places at either end that a
/// copied table leaves around its cells.
fn by_order(tail: &[(usize, Cell)], n: usize) -> Option<Vec<Option<Figure>>> {
    let mut v: Vec<&Cell> = tail
        .iter()
        .map(|(_, c)| c)
        .filter(|c| **c != Cell::Span)
        .collect();
    while v.len() > n && *v[0] == Cell::Blank {
        v.remove(0);
    }
    while v.len() > n && v.last() == Some(&&Cell::Blank) {
        v.pop();
    }
    (v.len() == n).then(|| {
        v.into_iter()
            .map(|c| match c {
                Cell::Figure(f) => Some(f.clone()),
                _ => None,
            })
            .collect()
    })
}

/// Each figure checked against its column: counts are whole and not negative (a count's unit
/// such as 件 is the column's own and is dropped); amounts keep their unit.
fn kinds(
    cells: Vec<Option<Figure>>,
    cols: &[ColSpec],
    name: &str,
    row: &Row,
    found: &mut Found,
) -> Vec<Option<Figure>> {
    cells
        .into_iter()
        .zip(cols)
        .map(|(cell, col)| {
            let mut f = cell?;
            let why = match col.kind {
                ColKind::Amount if f.is_negative() => Some("金额不能为负数"),
                ColKind::Amount => None,
                _ if !f.is_integer() => Some("件数应为整数"),
                ColKind::Count | ColKind::Total if f.is_negative() => Some("件数不能为负数"),
                _ if matches!(f.unit.as_deref(), Some("元" | "万元")) => Some("这一列是件数"),
                _ => {
                    f.unit = None;
                    None
                }
            };
            match why {
                Some(why) => {
                    found.problems.push(Problem::at(
                        &row.line.loc,
                        format!(
                            "{name}行「{}」列的「{}」无法导入：{why}",
                            col.label,
                            f.text()
                        ),
                    ));
                    None
                }
                None => Some(f),
            }
        })
        .collect()
}

fn figures_text(tail: &[(usize, Cell)]) -> String {
    let list: Vec<String> = tail
        .iter()
        .filter_map(|(_, c)| match c {
            Cell::Figure(f) => Some(f.text()),
            _ => None,
        })
        .collect();
    if list.is_empty() {
        return "空白单元格".to_string();
    }
    format!("{}（{} 个数字）", list.join("、"), list.len())
}

fn col_words(cols: &[ColSpec]) -> String {
    cols.iter().map(|c| c.label).collect::<Vec<_>>().join("、")
}

fn where_(loc: &Loc) -> String {
    match (loc.line(), loc.words()) {
        (Some(n), _) => format!("第 {n} 行"),
        (None, Some(w)) => w,
        _ => "前面".to_string(),
    }
}
