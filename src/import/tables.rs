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

use crate::format::ColSpec;

use super::doc::{Line, Loc, Problem};
use super::figures::{self, Cell, Figure};
use super::labels::{core, norm, Labels, Leaf};
use super::place::Ctx;

/// What was found: one entry per row of numbers of the format, in [`Labels::leaves`] order.
#[derive(Debug)]
pub struct Found {
    /// Each row's cells (`None`: a blank cell), or `None` when the row was not found.
    pub rows: Vec<Option<Vec<Option<Figure>>>>,
    /// What could not be placed.
    pub problems: Vec<Problem>,
    /// Remarks that do not stop the import: a row found under a label with a known typo.
    pub notes: Vec<Problem>,
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
    /// Prose.
    Other,
    /// A line with nothing on it.
    Blank,
}

pub(super) struct Row<'a> {
    pub(super) line: &'a Line,
    pub(super) words: Vec<String>,
    pub(super) tail: Vec<(usize, Cell)>,
    /// Figures printed before the row's label: no column can be told for them.
    pub(super) stray: Vec<Figure>,
}

/// The table heads seen last: for a grid, each column's heading words.
#[derive(Default)]
pub(super) struct Heads {
    pub(super) grid: Option<usize>,
    pub(super) cols: Vec<Vec<String>>,
    /// Every heading word since the last row, in order.
    pub(super) text: String,
    /// For printed lines that say where their words stand (a PDF's): the head's words in
    /// reading order, reduced, each with its left and right edge.
    pub(super) at: Vec<(String, f32, f32)>,
    open: bool,
}

/// Recognises the tables in `lines`; each line comes with the table its section holds
/// (0, 1, 2 for 表二, 表三, 表四), for messages.
pub fn recognize(lines: &[(usize, &Line)], labels: &Labels) -> Found {
    let items: Vec<Item> = lines.iter().map(|(_, l)| classify(l, labels)).collect();
    let mut found = Found {
        rows: vec![None; labels.leaves.len()],
        problems: Vec::new(),
        notes: Vec::new(),
        prose: Vec::new(),
    };
    let mut used = vec![false; items.len()];
    let mut first_at = vec![None; labels.leaves.len()];
    let mut heads = Heads::default();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Heading(line, text) => heads.add(line, text),
            // Pieces of the head: column headings broken over lines (「自然」 over 「人」).
            Item::Piece(_) if heads.open => heads.place_words(lines[i].1),
            Item::Row(row) => {
                heads.open = false;
                let hit = resolve(i, row, &items, &mut used, labels);
                if let Some((leaf, label)) = &hit {
                    typo(labels, leaf, label, &row.line.loc, &mut found.notes);
                }
                let hit = hit.map(|(leaf, _)| leaf);
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
    blank_rows(lines, &items, &used, labels, &mut found);
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
    if line.is_blank() {
        return Item::Blank;
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
    /// Keeps where a printed line's words stand.
    fn place_words(&mut self, line: &Line) {
        let Some(x) = &line.x else { return };
        for (f, (x0, x1)) in line.fields.iter().zip(x) {
            if let Some(w) = f.text() {
                self.at.push((norm(w), *x0, *x1));
            }
        }
    }

    fn add(&mut self, line: &Line, text: &str) {
        if !self.open || self.grid != line.grid {
            self.cols.clear();
            self.at.clear();
            self.grid = line.grid;
        }
        self.open = true;
        self.text.push_str(text);
        self.place_words(line);
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
) -> Option<(&'l Leaf, String)> {
    if let Some(last) = row.words.last() {
        if let Some(leaf) = labels.leaf(last) {
            return Some((leaf, last.clone()));
        }
    }
    let own = row.words.join("");
    if let Some(leaf) = labels.leaf(&own) {
        return Some((leaf, own));
    }
    let prev = pieces(items, used, (0..i).rev(), false).0;
    let (next, beyond) = pieces(items, used, i + 1..items.len(), true);
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
    // A row broken by a page break: the rest of its label follows the table's head, printed
    // again at the top of the next page, among the head's own pieces.
    if let Some(b) = beyond {
        for len in 1..=3 {
            for s in b..next.len().saturating_sub(len - 1) {
                let mut ks = next[..b].to_vec();
                ks.extend_from_slice(&next[s..s + len]);
                tries.push((format!("{own}{}", text(&ks)), ks));
            }
        }
    }
    for (label, ks) in tries {
        if let Some(leaf) = labels.leaf(&label) {
            for k in ks {
                used[k] = true;
            }
            return Some((leaf, label));
        }
    }
    None
}

/// A note when a row was found under a label with a known typo: the original's wording, the
/// form's, and that the text is kept as printed.
fn typo(labels: &Labels, leaf: &Leaf, label: &str, loc: &Loc, notes: &mut Vec<Problem>) {
    if let Some((printed, meant)) = labels.typo_in(label) {
        let table = labels.format.tables()[leaf.table].name;
        notes.push(Problem::at(
            loc,
            format!(
                "警告：{table}「{}」这一行的名称原文写作「{printed}」，是已知的错字（应为「{meant}」）；按这一行导入，原文照录，未作改动",
                leaf.spec.short
            ),
        ));
    }
}

/// The unused label pieces next to a row, nearest first, up to the next row or (unless
/// `across_head`) the next table head. Across a head, the result says where it stood (the
/// pieces from there on follow it), and pieces between two lines of the head are the head's.
/// A piece of one character is a group label printed one character per line, passed over,
/// unless it stands right next to the row: the last character of a label that wrapped.
fn pieces(
    items: &[Item],
    used: &[bool],
    order: impl Iterator<Item = usize>,
    across_head: bool,
) -> (Vec<usize>, Option<usize>) {
    let mut out = Vec::new();
    let mut beyond = None;
    let mut adjacent = true;
    for k in order {
        match &items[k] {
            Item::Blank => continue,
            Item::Piece(t) if !used[k] && (adjacent || t.chars().count() > 1) => out.push(k),
            Item::Piece(_) | Item::Other => {}
            Item::Heading(..) if !across_head => break,
            Item::Heading(..) => match beyond {
                None => beyond = Some(out.len()),
                Some(b) => out.truncate(b),
            },
            Item::Row(_) => break,
        }
        adjacent = false;
    }
    if beyond == Some(out.len()) {
        beyond = None;
    }
    (out, beyond)
}

/// Label pieces that name a row on their own and were not taken by a row of figures: rows
/// printed with every cell blank.
fn blank_rows(
    lines: &[(usize, &Line)],
    items: &[Item],
    used: &[bool],
    labels: &Labels,
    found: &mut Found,
) {
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
            typo(labels, leaf, text, &lines[k].1.loc, &mut found.notes);
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

pub(super) fn leaf_index(labels: &Labels, leaf: &Leaf) -> usize {
    labels
        .leaves
        .iter()
        .position(|l| std::ptr::eq(l, leaf))
        .expect("a leaf of these labels")
}

pub(super) fn columns(labels: &Labels, leaf: &Leaf) -> &'static [ColSpec] {
    labels.format.tables()[leaf.table].blocks[leaf.block].columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Format;
    use crate::import::text;

    fn row(found: &Found, labels: &Labels, path: &str) -> Option<Vec<String>> {
        let i = labels.leaves.iter().position(|l| l.path == path)?;
        found.rows[i].as_ref().map(|cells| {
            cells
                .iter()
                .map(|c| c.as_ref().map_or("~".to_string(), |f| f.text()))
                .collect()
        })
    }

    /// As a PDF's text layer lays them out: a label's last character wrapped onto a line of its
    /// own, and a row broken by a page break, the rest of its label after the repeated head.
    #[test]
    fn takes_a_wrapped_last_character_and_a_label_continued_after_a_repeated_head() {
        let page = "\
          2.没有现成信息需要另行制作   1   0   0   0   0   0   1
          3.补正后申请内容仍不明
                                   3   0   0   0   0   0   3
          确
 （六）    1.申请人无正当理由逾期不补  6   0   0   0   0   0   6
                      申请人情况
                  自然人    法人或其他组织    总计
                    商业企业   科研机构   社会公益组织   法律服务机构   其他
                  机构   益组织   机构
          正、行政机关不再处理其政府
          信息公开申请
";
        let labels = Labels::new(Format::F2021);
        let doc = text::read(page);
        let lines: Vec<(usize, &Line)> = doc.lines.iter().map(|l| (1, l)).collect();
        let found = recognize(&lines, &labels);
        let seven =
            |a: &str, t: &str| Some([a, "0", "0", "0", "0", "0", t].map(String::from).to_vec());
        assert_eq!(
            row(&found, &labels, "results.unavailable.unclear"),
            seven("3", "3")
        );
        assert_eq!(
            row(&found, &labels, "results.other.no_correction"),
            seven("6", "6")
        );
    }
}
