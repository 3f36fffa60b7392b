//! The identities inside one report (formats.md, "Identities"), on the tables as published with
//! blank 总计 derived from their rows ("Blank is not zero"):
//!
//! - every row with a 总计 column (表三, 表四): 总计 = the sum of the row's other cells;
//! - 表三, every column: 三（七）总计 = the sum of every outcome row of 三;
//! - 表三, every column: 一 + 二 = 三（七） + 四, the note the form prints:
//!   "第一项加第二项之和，等于第三项加第四项之和";
//! - a table left wholly blank is an error: a body with no applications states 0s.
//!
//! A blank addend that could not be derived counts as 0; a stated total is always compared; a
//! total that is blank and not derivable is not compared, and said so in a warning. Sums are
//! exact (whole numbers), so a total off by one is caught at any size.

use std::path::Path;

use crate::diag::{Finding, Findings};
use crate::format::key;
use crate::model::{Block, Report, RowData, Table};

/// Checks the identities of one report.
pub(crate) fn check_report(report: &Report, out: &mut Findings) {
    let file = report.yaml_path.as_path();
    for table in report.tables() {
        if is_unfilled(table) {
            let except = if table.spec.key == "t3" {
                "除「二、上年结转」外"
            } else {
                ""
            };
            out.push(
                Finding::error(
                    file,
                    Some(table.line).filter(|l| *l > 0),
                    format!(
                        "{}（{}）{except}全部为空白：请按报告原文填写；没有发生的事项应填 0（空白表示原文未填写）",
                        table.spec.name, table.spec.caption
                    ),
                )
                .with_id(format!("{}.blank", table.spec.key)),
            );
            continue;
        }
        for block in &table.blocks {
            row_totals(table, block, file, out);
        }
        if table.spec.key == "t3" {
            t3_columns(table, file, out);
        }
    }
}

/// Whether a table states nothing of its own year: every cell blank, in 表三 apart from
/// 二、上年结转 (which `nianbao new` fills in from last year).
fn is_unfilled(table: &Table) -> bool {
    table.blocks.iter().all(|b| {
        b.rows
            .iter()
            .filter(|r| r.path != key::CARRIED_OVER.0)
            .all(|r| r.cells.iter().all(Option::is_none))
    })
}

/// A sum of whole numbers as it is shown: `470 + 9 + … = 500`.
fn sum<'a>(parts: impl Iterator<Item = Option<i64>> + 'a) -> (i128, usize) {
    let mut total = 0i128;
    let mut blank = 0;
    for p in parts {
        match p {
            Some(v) => total += i128::from(v),
            None => blank += 1,
        }
    }
    (total, blank)
}

/// 总计 = the sum of the other columns, in every row of a block that has a 总计 column.
fn row_totals(table: &Table, block: &Block, file: &Path, out: &mut Findings) {
    let Some(t) = block.total_col() else {
        return;
    };
    let parts: Vec<&str> = block
        .spec
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != t)
        .map(|(_, c)| c.label)
        .collect();
    let mut blank = Vec::new();
    for row in &block.rows {
        let Some(total) = &row.cells[t] else {
            if row.derived[t].is_none() {
                blank.push(row);
            }
            continue;
        };
        let (parts_sum, _) = sum((0..row.cells.len())
            .filter(|i| *i != t)
            .map(|i| row.cells[i].as_ref().and_then(|n| n.count)));
        if total.count.map(i128::from) != Some(parts_sum) {
            out.push(
                Finding::error(
                    file,
                    Some(row.line),
                    format!(
                        "{}「{}」行: {} = {}，但「总计」= {}",
                        table.spec.name,
                        row.spec.short,
                        parts.join(" + "),
                        parts_sum,
                        total.text
                    ),
                )
                .with_id(format!("{}.row.{}", table.spec.key, row.path)),
            );
        }
    }
    if let Some(first) = blank.first() {
        let mut rows: Vec<&str> = blank.iter().take(6).map(|r| r.spec.short).collect();
        if blank.len() > rows.len() {
            rows.push("等");
        }
        out.push(
            Finding::warning(
                file,
                Some(first.line),
                format!(
                    "{}有 {} 行整行空白，其「总计」无从推算，未核对（空白不等于 0）: {}",
                    table.spec.name,
                    blank.len(),
                    rows.join("、")
                ),
            )
            .with_id(format!("{}.unchecked", table.spec.key)),
        );
    }
}

/// How many of `rows` hold a derived value in column `c`, said after a sum.
fn derived_words(rows: &[&RowData], c: usize) -> String {
    let n = rows.iter().filter(|r| r.is_derived(c)).count();
    if n == 0 {
        String::new()
    } else {
        format!("（其中 {n} 项原文空白，按同行各列之和推算）")
    }
}

/// The two column identities of 表三.
fn t3_columns(t3: &Table, file: &Path, out: &mut Findings) {
    let block = &t3.blocks[0];
    let (Some(total_row), Some(new_row)) = (block.row(key::RESULTS_TOTAL.0), block.row(key::NEW.0))
    else {
        return;
    };
    let outcome_rows: Vec<&RowData> = block
        .rows
        .iter()
        .filter(|r| r.is_under(key::RESULTS) && r.path != key::RESULTS_TOTAL.0)
        .collect();
    let count = |path: &str, c: usize| block.row(path).and_then(|r| r.count(c));
    let mut blank_cols = Vec::new();
    for (c, col) in block.spec.columns.iter().enumerate() {
        let Some(total) = total_row.count(c) else {
            blank_cols.push(col.label);
            continue;
        };
        let shown_total = if total_row.is_derived(c) {
            format!("{total}（原文空白，按同行各列之和推算）")
        } else {
            total.to_string()
        };
        let (leaves, _) = sum(outcome_rows.iter().map(|r| r.count(c)));
        if leaves != i128::from(total) {
            out.push(
                Finding::error(
                    file,
                    Some(total_row.line),
                    format!(
                        "{}「{}」列: 三、本年度办理结果（一）至（六）各项之和 = {leaves}{}，但「（七）总计」= {shown_total}",
                        t3.spec.name,
                        col.label,
                        derived_words(&outcome_rows, c),
                    ),
                )
                .with_id(format!("t3.outcomes.{}", col.key)),
            );
        }
        let (new, over, fwd) = (
            count(key::NEW.0, c),
            count(key::CARRIED_OVER.0, c),
            count(key::CARRIED_FORWARD.0, c),
        );
        let left = i128::from(new.unwrap_or(0)) + i128::from(over.unwrap_or(0));
        let right = i128::from(total) + i128::from(fwd.unwrap_or(0));
        if left != right {
            let shown = |v: Option<i64>| v.map_or("空白".to_string(), |v| v.to_string());
            out.push(
                Finding::error(
                    file,
                    Some(new_row.line),
                    format!(
                        "{}「{}」列: 一 + 二 = {} + {} = {left}，但 三（七） + 四 = {shown_total} + {} = {right}（勾稽关系：第一项加第二项之和，等于第三项加第四项之和）",
                        t3.spec.name,
                        col.label,
                        shown(new),
                        shown(over),
                        shown(fwd),
                    ),
                )
                .with_id(format!("t3.balance.{}", col.key)),
            );
        }
    }
    if !blank_cols.is_empty() {
        out.push(
            Finding::warning(
                file,
                Some(total_row.line),
                format!(
                    "{}「（七）总计」行在 {} 列为空白且无从推算，这些列的勾稽关系未核对（空白不等于 0）",
                    t3.spec.name,
                    blank_cols.join("、")
                ),
            )
            .with_id("t3.unchecked_columns"),
        );
    }
}
