//! The statutory tables as HTML table layouts, in the printed form's shape.
//!
//! The layout (which cell spans which rows and columns, which cells are headers and what they
//! head) is computed here from the format description, so a template only loops over cells.
//! T3 has three levels of row labels (三 → （三） → 1.…) and two levels of column headings
//! (法人或其他组织 spans five); T4 prints its fifteen numbers as one row under a three-level
//! heading; T2 prints one block per 第二十条 item.

use serde::Serialize;

use crate::format::{RowSpec, T3_IDENTITY_NOTE, T4_LITIGATION};
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
        }
    }

    fn data(text: String, colspan: usize, blank: bool) -> CellView {
        CellView {
            th: false,
            text,
            colspan,
            rowspan: 1,
            scope: "",
            class: if blank { "num blank" } else { "num" },
        }
    }
}

/// A table ready for the `partials/table.html` template.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// Anchor id (`t3`).
    pub id: &'static str,
    /// Caption.
    pub caption: String,
    /// Header rows.
    pub head: Vec<Vec<CellView>>,
    /// Row groups, each a list of rows.
    pub bodies: Vec<Vec<Vec<CellView>>>,
    /// CSS class.
    pub class: &'static str,
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
    let label_cols = depth(block.spec.rows);
    let mut out = Vec::new();
    let mut data = block.rows.iter();
    let mut lead = Vec::new();
    tree_rows(
        block.spec.rows,
        0,
        label_cols,
        &mut data,
        &mut lead,
        &mut out,
    );
    out
}

fn tree_rows<'a>(
    specs: &'static [RowSpec],
    level: usize,
    label_cols: usize,
    data: &mut impl Iterator<Item = &'a RowData>,
    lead: &mut Vec<CellView>,
    out: &mut Vec<Vec<CellView>>,
) {
    for spec in specs {
        if spec.is_leaf() {
            let Some(row) = data.next() else { return };
            let mut cells = std::mem::take(lead);
            cells.push(CellView::head(spec.label, label_cols - level, 1, "row"));
            for c in 0..row.cells.len() {
                let (text, blank) = cell_text(row, c);
                cells.push(CellView::data(text, 1, blank));
            }
            out.push(cells);
        } else {
            lead.push(CellView::head(spec.label, 1, leaf_count(spec), "row"));
            tree_rows(spec.children, level + 1, label_cols, data, lead, out);
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
        CellView::head("申请人情况", cols.len(), 1, "colgroup"),
    ];
    let mut mid = Vec::new();
    let mut low = Vec::new();
    let mut i = 0;
    while i < cols.len() {
        match cols[i].group {
            None => mid.push(CellView::head(cols[i].label, 1, 2, "col")),
            Some(g) => {
                let n = cols[i..].iter().take_while(|c| c.group == Some(g)).count();
                mid.push(CellView::head(g, n, 1, "colgroup"));
                low.extend(
                    cols[i..i + n]
                        .iter()
                        .map(|c| CellView::head(c.label, 1, 1, "col")),
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
            let mut heads = vec![CellView::head("信息内容", 1, 1, "col")];
            heads.extend(
                cols.iter()
                    .enumerate()
                    .map(|(i, c)| CellView::head(c.label, span(i), 1, "col")),
            );
            out.push(heads);
            for row in &block.rows {
                let mut cells = vec![CellView::head(row.spec.label, 1, 1, "row")];
                for i in 0..cols.len() {
                    let (text, blank) = cell_text(row, i);
                    cells.push(CellView::data(text, span(i), blank));
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
        CellView::head(review.label, n, 1, "colgroup"),
        CellView::head(T4_LITIGATION, 2 * n, 1, "colgroup"),
    ];
    let mut mid: Vec<CellView> = cols
        .iter()
        .map(|c| CellView::head(c.label, 1, 2, "col"))
        .collect();
    mid.push(CellView::head(direct.label, n, 1, "colgroup"));
    mid.push(CellView::head(after.label, n, 1, "colgroup"));
    let low = (0..2)
        .flat_map(|_| cols.iter().map(|c| CellView::head(c.label, 1, 1, "col")))
        .collect();
    vec![top, mid, low]
}

fn t4_row(block: &Block) -> Vec<CellView> {
    block
        .rows
        .iter()
        .flat_map(|row| {
            (0..row.cells.len()).map(move |c| {
                let (text, blank) = cell_text(row, c);
                CellView::data(text, 1, blank)
            })
        })
        .collect()
}
