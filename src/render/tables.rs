//! The statutory tables as HTML table layouts, in the printed form's shape.
//!
//! The layout (which cell spans which rows and columns, which cells are headers and what they
//! head) is computed here from the format description, so a template only loops over cells.
//! T3 has three levels of row labels (三 → （三） → 1.…) and two levels of column headings
//! (法人或其他组织 spans five); T4 prints its fifteen numbers as one row under a three-level
//! heading; T2 prints one block per 第二十条 item.
//!
//! So that the tables read on a phone without scrolling sideways, every figure carries its
//! column's name (`data-l`), which the stylesheet shows beside the figure when a table is laid
//! out as one block per row; and column headings may break only between words (`<wbr>`), never
//! one character per line.

use serde::Serialize;

use crate::format::{RowSpec, T3_IDENTITY_NOTE, T4_LITIGATION};
use crate::markup::escape;
use crate::model::{Block, RowData, Table};

/// One cell of an HTML table.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// `th` rather than `td`.
    pub th: bool,
    /// The text (escaped by the template).
    pub text: String,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// `col`, `colgroup`, `row` or empty.
    pub scope: &'static str,
    /// CSS class.
    pub class: &'static str,
    /// A figure's column name, shown beside it when the table is laid out in blocks; empty for
    /// headers.
    pub label: String,
    /// A column heading split where it may break (between words); empty when it may not.
    pub words: Vec<String>,
}

impl CellView {
    fn head(text: &str, colspan: usize, rowspan: usize, scope: &'static str) -> CellView {
        CellView {
            th: true,
            text: text.to_string(),
            colspan,
            rowspan,
            scope,
            class: "",
            label: String::new(),
            words: Vec::new(),
        }
    }

    /// A column heading, which may break between words only.
    fn column(text: &str, colspan: usize, rowspan: usize, scope: &'static str) -> CellView {
        CellView {
            words: words(text),
            ..CellView::head(text, colspan, rowspan, scope)
        }
    }

    fn data(text: String, colspan: usize, blank: bool, label: String) -> CellView {
        CellView {
            th: false,
            text,
            colspan,
            rowspan: 1,
            scope: "",
            class: if blank { "blank" } else { "" },
            label,
            words: Vec::new(),
        }
    }
}

/// Where a heading may break: between the two-character words of an even run of four or more
/// Chinese characters (商业|企业, 社会|公益|组织, 本年|制发|件数), which is how the forms' column
/// names are made; other characters stay with the word they touch. One word gives no split.
fn words(text: &str) -> Vec<String> {
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = vec![String::new()];
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| is_han(**c)).count();
        if run >= 4 && run % 2 == 0 {
            for (k, pair) in chars[i..i + run].chunks(2).enumerate() {
                if k > 0 {
                    out.push(String::new());
                }
                out.last_mut().unwrap().extend(pair);
            }
            i += run;
        } else {
            let n = run.max(1);
            out.last_mut().unwrap().extend(&chars[i..i + n]);
            i += n;
        }
    }
    if out.len() > 1 {
        out
    } else {
        Vec::new()
    }
}

/// A table ready for the `partials/table.html` template: its header and body rows are written
/// here as HTML (`html`, a few hundred cells for 表三), which is much cheaper than a template
/// loop over every cell; the template lays out the table around them.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// Anchor id (`t3`).
    pub id: &'static str,
    /// Caption.
    pub caption: String,
    /// Header rows.
    #[serde(skip)]
    pub head: Vec<Vec<CellView>>,
    /// Row groups, each a list of rows.
    #[serde(skip)]
    pub bodies: Vec<Vec<Vec<CellView>>>,
    /// `<thead>` (when there are header rows) and one `<tbody>` per row group.
    pub html: String,
    /// CSS class.
    pub class: &'static str,
}

/// One row as HTML.
fn row_html(out: &mut String, row: &[CellView]) {
    use std::fmt::Write;
    out.push_str("<tr>");
    for c in row {
        let tag = if c.th { "th" } else { "td" };
        let _ = write!(out, "<{tag}");
        if c.colspan > 1 {
            let _ = write!(out, " colspan=\"{}\"", c.colspan);
        }
        if c.rowspan > 1 {
            let _ = write!(out, " rowspan=\"{}\"", c.rowspan);
        }
        if !c.scope.is_empty() {
            let _ = write!(out, " scope=\"{}\"", c.scope);
        }
        if !c.class.is_empty() {
            let _ = write!(out, " class=\"{}\"", c.class);
        }
        if !c.label.is_empty() {
            let _ = write!(out, " data-l=\"{}\"", escape(&c.label));
        }
        out.push('>');
        if c.words.is_empty() {
            out.push_str(&escape(&c.text));
        } else {
            let words: Vec<String> = c.words.iter().map(|w| escape(w)).collect();
            out.push_str(&words.join("<wbr>"));
        }
        let _ = write!(out, "</{tag}>");
    }
    out.push_str("</tr>\n");
}

/// The header and body rows as HTML.
fn html(head: &[Vec<CellView>], bodies: &[Vec<Vec<CellView>>]) -> String {
    let mut out = String::with_capacity(16 * 1024);
    if !head.is_empty() {
        out.push_str("<thead>\n");
        for r in head {
            row_html(&mut out, r);
        }
        out.push_str("</thead>\n");
    }
    for rows in bodies {
        out.push_str("<tbody>\n");
        for r in rows {
            row_html(&mut out, r);
        }
        out.push_str("</tbody>\n");
    }
    out
}

/// Lays out any of the three tables.
pub fn view(table: &Table) -> TableView {
    let caption = format!("{}　{}", table.spec.name, table.spec.caption);
    let (head, bodies, class) = match table.spec.key {
        "t2" => (Vec::new(), t2_bodies(table), "t2"),
        "t3" => (
            t3_head(&table.blocks[0]),
            vec![rows(&table.blocks[0])],
            "t3",
        ),
        _ => (
            t4_head(&table.blocks[0]),
            vec![vec![t4_row(&table.blocks[0])]],
            "t4",
        ),
    };
    TableView {
        html: html(&head, &bodies),
        id: table.spec.key,
        caption,
        head,
        bodies,
        class,
    }
}

fn cell_text(row: &RowData, c: usize) -> (String, bool) {
    match &row.cells[c] {
        Some(n) => (n.display(), false),
        None => (String::new(), true),
    }
}

fn depth(rows: &[RowSpec]) -> usize {
    rows.iter()
        .map(|r| 1 + depth(r.children))
        .max()
        .unwrap_or(0)
}

fn leaf_count(row: &RowSpec) -> usize {
    if row.is_leaf() {
        1
    } else {
        row.children.iter().map(leaf_count).sum()
    }
}

/// Body rows of a block whose rows form a tree: group labels span the rows below them.
fn rows(block: &Block) -> Vec<Vec<CellView>> {
    let mut out = Vec::new();
    let mut data = block.rows.iter();
    let mut lead = Vec::new();
    let tree = Tree {
        label_cols: depth(block.spec.rows),
    };
    tree.rows(block.spec.rows, 0, &mut data, &mut lead, &mut out);
    out
}

/// The shape of a block whose rows form a tree (表三). Its figures carry no `data-l`: the
/// stylesheet names the seven columns by their place (they are the same in both formats), which
/// keeps 182 column names out of every report page.
struct Tree {
    /// Columns of row labels (the tree's depth).
    label_cols: usize,
}

impl Tree {
    fn rows<'a>(
        &self,
        specs: &'static [RowSpec],
        level: usize,
        data: &mut impl Iterator<Item = &'a RowData>,
        lead: &mut Vec<CellView>,
        out: &mut Vec<Vec<CellView>>,
    ) {
        for spec in specs {
            if spec.is_leaf() {
                let Some(row) = data.next() else { return };
                let mut cells = std::mem::take(lead);
                cells.push(CellView::head(
                    spec.label,
                    self.label_cols - level,
                    1,
                    "row",
                ));
                for c in 0..row.cells.len() {
                    let (text, blank) = cell_text(row, c);
                    cells.push(CellView::data(text, 1, blank, String::new()));
                }
                out.push(cells);
            } else {
                lead.push(CellView::head(spec.label, 1, leaf_count(spec), "row"));
                self.rows(spec.children, level + 1, data, lead, out);
            }
        }
    }
}

fn t3_head(block: &Block) -> Vec<Vec<CellView>> {
    let cols = block.spec.columns;
    let label_cols = depth(block.spec.rows);
    let mut note = CellView::head(T3_IDENTITY_NOTE, label_cols, 3, "");
    note.th = false;
    note.class = "note";
    let mut top = vec![
        note,
        CellView::column("申请人情况", cols.len(), 1, "colgroup"),
    ];
    let mut mid = Vec::new();
    let mut low = Vec::new();
    let mut i = 0;
    while i < cols.len() {
        match cols[i].group {
            None => mid.push(CellView::column(cols[i].label, 1, 2, "col")),
            Some(g) => {
                let n = cols[i..].iter().take_while(|c| c.group == Some(g)).count();
                mid.push(CellView::column(g, n, 1, "colgroup"));
                low.extend(
                    cols[i..i + n]
                        .iter()
                        .map(|c| CellView::column(c.label, 1, 1, "col")),
                );
                i += n;
                continue;
            }
        }
        i += 1;
    }
    top.shrink_to_fit();
    vec![top, mid, low]
}

fn t2_bodies(table: &Table) -> Vec<Vec<Vec<CellView>>> {
    let width = table
        .blocks
        .iter()
        .map(|b| b.spec.columns.len())
        .max()
        .unwrap_or(1);
    table
        .blocks
        .iter()
        .map(|block| {
            let cols = block.spec.columns;
            let last_span = width + 1 - cols.len();
            let span = |i: usize| if i + 1 == cols.len() { last_span } else { 1 };
            let mut out = vec![vec![CellView {
                class: "block",
                ..CellView::head(block.spec.label, width + 1, 1, "colgroup")
            }]];
            let mut heads = vec![CellView::column("信息内容", 1, 1, "col")];
            heads.extend(
                cols.iter()
                    .enumerate()
                    .map(|(i, c)| CellView::column(c.label, span(i), 1, "col")),
            );
            out.push(heads);
            for row in &block.rows {
                let mut cells = vec![CellView::head(row.spec.label, 1, 1, "row")];
                for (i, col) in cols.iter().enumerate() {
                    let (text, blank) = cell_text(row, i);
                    cells.push(CellView::data(text, span(i), blank, col.label.to_string()));
                }
                out.push(cells);
            }
            out
        })
        .collect()
}

fn t4_head(block: &Block) -> Vec<Vec<CellView>> {
    let cols = block.spec.columns;
    let n = cols.len();
    let [review, direct, after] = [
        &block.spec.rows[0],
        &block.spec.rows[1],
        &block.spec.rows[2],
    ];
    let top = vec![
        CellView::column(review.label, n, 1, "colgroup"),
        CellView::column(T4_LITIGATION, 2 * n, 1, "colgroup"),
    ];
    let mut mid: Vec<CellView> = cols
        .iter()
        .map(|c| CellView::column(c.label, 1, 2, "col"))
        .collect();
    mid.push(CellView::column(direct.label, n, 1, "colgroup"));
    mid.push(CellView::column(after.label, n, 1, "colgroup"));
    let low = (0..2)
        .flat_map(|_| cols.iter().map(|c| CellView::column(c.label, 1, 1, "col")))
        .collect();
    vec![top, mid, low]
}

/// The fifteen figures of T4 in one row; each is named by its row and column
/// (行政诉讼·复议后起诉·结果维持), since the row has no label of its own.
fn t4_row(block: &Block) -> Vec<CellView> {
    let cols = block.spec.columns;
    block
        .rows
        .iter()
        .flat_map(|row| {
            (0..row.cells.len()).map(move |c| {
                let (text, blank) = cell_text(row, c);
                let col = cols.get(c).map_or("", |col| col.label);
                CellView::data(text, 1, blank, format!("{}·{col}", row.spec.short))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::words;
    use crate::format::T3_COLUMNS;

    #[test]
    fn the_stylesheet_names_the_t3_columns_of_the_format_in_order() {
        let css = include_str!("../../static/style.css");
        for (k, col) in T3_COLUMNS.iter().rev().enumerate() {
            let rule = format!(
                "table.t3.stack td:nth-last-child({})::before {{ content: \"{}\\a0\"; content: \"{}\\a0\" / \"\"; }}",
                k + 1,
                col.label,
                col.label
            );
            assert!(css.contains(&rule), "style.css lacks: {rule}");
        }
    }

    #[test]
    fn headings_break_between_two_character_words_only() {
        let split = |s: &str| words(s).join("|");
        assert_eq!(split("社会公益组织"), "社会|公益|组织");
        assert_eq!(split("结果维持"), "结果|维持");
        assert_eq!(
            split("本年收费金额（单位：万元）"),
            "本年|收费|金额（单位：万元）"
        );
        assert_eq!(split("自然人"), "", "an odd word stays whole");
        assert_eq!(split("上一年项目数量"), "");
        assert_eq!(split("总计"), "");
        assert_eq!(split("本年增/减"), "");
    }
}
