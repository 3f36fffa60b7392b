//! Finds the three statutory tables in the lines of sections 二, 三 and 四, by their labels.
//!
//! A line with figures is a row: its label is its words (the last one first: 「(三) 不予公开 |
//! 1.属于国家秘密」 names row 1. of group （三）), or, when those name no row, its words joined
//! with the label pieces printed on the lines just before and after it (a label broken over
//! lines, as a PDF's text layer prints a long one). A figure goes to the column whose heading
//! stands over it when the line is a grid row under a recognised heading; otherwise the
//! figures and blank places after the label are the row's columns in order, and only when
//! their number fits. Nothing else is tried: a figure that cannot be placed by its row and
//! column labels is a [`Problem`], as is a row the form does not have and a row that is
//! missing. T4's fifteen figures on one line (the form prints it so) are its three groups.

use crate::format::{ColKind, ColSpec};

use super::doc::{Line, Problem};
use super::figures::{self, Cell, Figure};
use super::labels::{core, norm, Labels, Leaf};

/// What was found: one entry per row of numbers of the format, in [`Labels::leaves`] order.
#[derive(Debug)]
pub struct Found {
    /// Each row's cells (`None`: a blank cell), or `None` when the row was not found.
    pub rows: Vec<Option<Vec<Option<Figure>>>>,
    /// What could not be placed.
    pub problems: Vec<Problem>,
    /// Indices (into the lines given) of lines that are prose, not table.
    pub prose: Vec<usize>,
}

/// One line, classified.
enum Item<'a> {
    /// A row: words, then figures and blank places.
    Row(Row<'a>),
    /// Column headings and other words of a table's head.
    Heading(&'a Line, String),
    /// Words that are a label or a piece of one, on a line of their own.
    Piece(String),
    /// Prose, or nothing.
    Other,
}

struct Row<'a> {
    line: &'a Line,
    words: Vec<String>,
    tail: Vec<(usize, Cell)>,
    /// Figures printed before the row's label: no column can be told for them.
    stray: Vec<Figure>,
}

/// The table heads seen last: for a grid, each column's heading words.
#[derive(Default)]
struct Heads {
    grid: Option<usize>,
    cols: Vec<Vec<String>>,
    /// Every heading word since the last row, in order.
    text: String,
    open: bool,
}

/// Recognises the tables in `lines`; each line comes with the table its section holds
/// (0, 1, 2 for 表二, 表三, 表四), for messages.
pub fn recognize(lines: &[(usize, &Line)], labels: &Labels) -> Found {
    let items: Vec<Item> = lines.iter().map(|(_, l)| classify(l, labels)).collect();
    let mut found = Found {
        rows: vec![None; labels.leaves.len()],
        problems: Vec::new(),
        prose: Vec::new(),
    };
    let mut used = vec![false; items.len()];
    let mut first_at = vec![None; labels.leaves.len()];
    let mut heads = Heads::default();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Heading(line, text) => heads.add(line, text),
            Item::Row(row) => {
                heads.open = false;
                let hit = resolve(i, row, &items, &mut used, labels);
                let ctx = Ctx {
                    labels,
                    heads: &heads,
                    table: lines[i].0,
                };
                match hit {
                    Some(leaf) => ctx.place(row, leaf, &mut found, &mut first_at),
                    None => ctx.unnamed(row, &mut found, &mut first_at),
                }
                heads.text.clear();
            }
            Item::Other if !lines[i].1.is_blank() => found.prose.push(i),
            _ => {}
        }
    }
    blank_rows(&items, &used, labels, &mut found);
    missing(labels, &mut found);
    found
}

fn classify<'a>(line: &'a Line, labels: &Labels) -> Item<'a> {
    let cells = figures::cells(line);
    let last_word = cells.iter().rposition(|(_, c)| matches!(c, Cell::Words(_)));
    let split = last_word.map_or(0, |k| k + 1);
    let words: Vec<String> = cells[..split]
        .iter()
        .filter_map(|(_, c)| match c {
            Cell::Words(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    let stray: Vec<Figure> = cells[..split]
        .iter()
        .filter_map(|(_, c)| match c {
            Cell::Figure(f) => Some(f.clone()),
            _ => None,
        })
        .collect();
    let tail: Vec<(usize, Cell)> = cells[split..].to_vec();
    let has_figure = tail.iter().any(|(_, c)| matches!(c, Cell::Figure(_)));
    let row = |tail| {
        Item::Row(Row {
            line,
            words: words.clone(),
            tail,
            stray: stray.clone(),
        })
    };
    if has_figure {
        return row(tail);
    }
    if words.is_empty() {
        return Item::Other;
    }
    // A printed line holding only a row's label is that label, even where a column has the
    // same word (「其他」 is a column of 表三 and its row （六）3.).
    let names_row = line.grid.is_none()
        && words.len() == 1
        && labels.leaf(&words[0]).is_some_and(|l| l.table != 2);
    if !names_row && words.iter().any(|w| labels.is_heading(w)) {
        return Item::Heading(line, words.iter().map(|w| norm(w)).collect());
    }
    let blank_place = tail.iter().any(|(_, c)| *c == Cell::Blank);
    let named = words.last().and_then(|w| labels.leaf(w)).is_some();
    if blank_place && named {
        return row(tail);
    }
    let text = words.join("");
    let sentence = text.contains(['。', '；', '！', '？']);
    let pieces = words.iter().all(|w| labels.is_label_piece(w));
    if !sentence && (pieces || labels.is_label_piece(&text) || is_caption(&text)) {
        Item::Piece(norm(&text))
    } else {
        Item::Other
    }
}

/// A table's caption on a line of its own (「表三：收到和处理政府信息公开申请情况」).
fn is_caption(text: &str) -> bool {
    let n = norm(text);
    n.chars().count() < 40
        && [
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
        ]
        .iter()
        .any(|c| n.contains(c))
}

impl Heads {
    fn add(&mut self, line: &Line, text: &str) {
        if !self.open || self.grid != line.grid {
            self.cols.clear();
            self.grid = line.grid;
        }
        self.open = true;
        self.text.push_str(text);
        if line.grid.is_none() {
            return;
        }
        for (col, cell) in figures::cells(line) {
            if let Cell::Words(w) = cell {
                if self.cols.len() <= col {
                    self.cols.resize(col + 1, Vec::new());
                }
                self.cols[col].push(core(&w));
            }
        }
    }
}

/// The row a line's label names, trying the label pieces next to it when its own words
/// name none. Pieces used are marked so that no other row takes them.
fn resolve<'l>(
    i: usize,
    row: &Row,
    items: &[Item],
    used: &mut [bool],
    labels: &'l Labels,
) -> Option<&'l Leaf> {
    if let Some(leaf) = row.words.last().and_then(|w| labels.leaf(w)) {
        return Some(leaf);
    }
    let own = row.words.join("");
    if let Some(leaf) = labels.leaf(&own) {
        return Some(leaf);
    }
    let prev = pieces(items, used, (0..i).rev());
    let next = pieces(items, used, i + 1..items.len());
    let text = |ks: &[usize]| -> String {
        ks.iter()
            .map(|k| match &items[*k] {
                Item::Piece(t) => t.as_str(),
                _ => "",
            })
            .collect()
    };
    // The fewest pieces first: the label's own line and the lines after it, then before it.
    let mut tries: Vec<(String, Vec<usize>)> = Vec::new();
    for total in 1..=6 {
        for p in 0..=total.min(3).min(prev.len()) {
            let n = total - p;
            if n > 3 || n > next.len() {
                continue;
            }
            let mut ks: Vec<usize> = prev[..p].iter().rev().copied().collect();
            ks.extend_from_slice(&next[..n]);
            let before = text(&ks[..p]);
            tries.push((format!("{before}{own}{}", text(&ks[p..])), ks));
        }
    }
    for (label, ks) in tries {
        if let Some(leaf) = labels.leaf(&label) {
            for k in ks {
                used[k] = true;
            }
            return Some(leaf);
        }
    }
    None
}

/// The unused label pieces next to a row, nearest first, up to the next row or heading. A
/// piece of one character is a group label printed one character per line: passed over.
fn pieces(items: &[Item], used: &[bool], order: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for k in order {
        match &items[k] {
            Item::Piece(t) if !used[k] && t.chars().count() > 1 => out.push(k),
            Item::Piece(_) | Item::Other => {}
            Item::Row(_) | Item::Heading(..) => break,
        }
    }
    out
}

/// Label pieces that name a row on their own and were not taken by a row of figures: rows
/// printed with every cell blank.
fn blank_rows(items: &[Item], used: &[bool], labels: &Labels, found: &mut Found) {
    for (k, item) in items.iter().enumerate() {
        let Item::Piece(text) = item else { continue };
        if used[k] {
            continue;
        }
        let Some(leaf) = labels.leaf(text) else {
            continue;
        };
        let idx = leaf_index(labels, leaf);
        if found.rows[idx].is_none() && leaf.table != 2 {
            let n = columns(labels, leaf).len();
            found.rows[idx] = Some(vec![None; n]);
        }
    }
}

fn missing(labels: &Labels, found: &mut Found) {
    for (t, table) in labels.format.tables().iter().enumerate() {
        let of_table: Vec<usize> = (0..labels.leaves.len())
            .filter(|i| labels.leaves[*i].table == t)
            .collect();
        let absent: Vec<usize> = of_table
            .iter()
            .copied()
            .filter(|i| found.rows[*i].is_none())
            .collect();
        if absent.len() == of_table.len() {
            found.problems.push(Problem::whole(format!(
                "找不到{}（{}）：没有一行能按国家格式的行名称认出",
                table.name, table.caption
            )));
        } else {
            for i in absent {
                found.problems.push(Problem::whole(format!(
                    "{}缺少「{}」这一行",
                    table.name, labels.leaves[i].spec.short
                )));
            }
        }
    }
}

fn leaf_index(labels: &Labels, leaf: &Leaf) -> usize {
    labels
        .leaves
        .iter()
        .position(|l| std::ptr::eq(l, leaf))
        .expect("a leaf of these labels")
}

fn columns(labels: &Labels, leaf: &Leaf) -> &'static [ColSpec] {
    labels.format.tables()[leaf.table].blocks[leaf.block].columns
}

/// What placing a row needs to know.
struct Ctx<'a> {
    labels: &'a Labels,
    heads: &'a Heads,
    /// The table of the section the line is in.
    table: usize,
}

impl Ctx<'_> {
    fn table_name(&self, t: usize) -> &'static str {
        self.labels.format.tables()[t].name
    }

    /// Places a named row's figures.
    fn place(&self, row: &Row, leaf: &Leaf, found: &mut Found, first_at: &mut [Option<String>]) {
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

    /// A row that names none of the form's rows: T4's fifteen figures, or an unknown row.
    fn unnamed(&self, row: &Row, found: &mut Found, first_at: &mut [Option<String>]) {
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

fn where_(loc: &super::doc::Loc) -> String {
    match (loc.line(), loc.words()) {
        (Some(n), _) => format!("第 {n} 行"),
        (None, Some(w)) => w,
        _ => "前面".to_string(),
    }
}
