//! Check: every accounting identity (勾稽关系) of the national format, for every report, and
//! the identities that link one year's report to the next.
//!
//! Identities, from the format (see docs/format.md):
//! - T3, every column: 一 + 二 = 三（七） + 四 — the note the form prints:
//!   "第一项加第二项之和，等于第三项加第四项之和".
//! - T3, every column: 三（七）总计 = the sum of every outcome row of 三.
//! - T3, every row: 总计 = the sum of the six applicant columns.
//! - T4, every group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
//! - Across years: this year's 二、上年结转 = last year's 四、结转下年度继续办理, every column.
//!
//! Blank is not zero: a blank addend counts as 0 (that is how such reports are read), a blank
//! total is not compared and is reported as a warning.

use std::path::Path;

use crate::diag::{Finding, Findings};
use crate::format::ColKind;
use crate::model::{Block, Report, Site, Table};

/// Checks every report of the site and the links between consecutive years.
pub fn check(site: &Site) -> Findings {
    let mut findings = Findings::default();
    for report in &site.reports {
        check_report(report, &mut findings);
    }
    for body in &site.bodies {
        let reports: Vec<&Report> = site.reports_of(&body.id).collect();
        for pair in reports.windows(2) {
            if pair[1].year == pair[0].year + 1 {
                check_carry_over(pair[0], pair[1], &mut findings);
                check_indicator_units(pair[0], pair[1], &mut findings);
            }
        }
        if body.sample {
            findings.push(Finding::warning(
                &body.path,
                None,
                format!(
                    "「{}」标有 sample: true，是示例数据，非真实统计；发布前请删除该文件夹",
                    body.name
                ),
            ));
        }
    }
    findings
}

/// The identities inside one report.
pub fn check_report(report: &Report, out: &mut Findings) {
    let file = report.yaml_path.as_path();
    for table in report.tables() {
        for block in &table.blocks {
            row_totals(table, block, file, out);
        }
    }
    t3_columns(&report.t3, file, out);
}

/// 总计 = the sum of the other columns, in every row of a table that has a 总计 column.
fn row_totals(table: &Table, block: &Block, file: &Path, out: &mut Findings) {
    let Some(total_col) = block
        .spec
        .columns
        .iter()
        .position(|c| c.kind == ColKind::Total)
    else {
        return;
    };
    let parts: Vec<&str> = block
        .spec
        .columns
        .iter()
        .filter(|c| c.kind != ColKind::Total)
        .map(|c| c.label)
        .collect();
    let mut blank = Vec::new();
    for row in &block.rows {
        let sum: f64 = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != total_col)
            .filter_map(|(_, c)| c.as_ref().map(|n| n.value))
            .sum();
        match &row.cells[total_col] {
            None => blank.push(row),
            Some(total) if total.value != sum => out.push(Finding::error(
                file,
                Some(row.line),
                format!(
                    "{}「{}」行: {} = {}，但「总计」= {}",
                    table.spec.name,
                    row.spec.short,
                    parts.join(" + "),
                    num(sum),
                    total.text
                ),
            )),
            Some(_) => {}
        }
    }
    if let Some(first) = blank.first() {
        let rows: Vec<&str> = blank.iter().map(|r| r.spec.short).collect();
        out.push(Finding::warning(
            file,
            Some(first.line),
            format!(
                "{}有 {} 行的「总计」为空白，未核对（空白不等于 0）: {}",
                table.spec.name,
                rows.len(),
                rows.join("、")
            ),
        ));
    }
}

/// The two column identities of T3.
fn t3_columns(t3: &Table, file: &Path, out: &mut Findings) {
    let block = &t3.blocks[0];
    let (Some(total_row), Some(new_row)) = (block.row("results.total"), block.row("new")) else {
        return;
    };
    let outcome_rows: Vec<_> = block
        .rows
        .iter()
        .filter(|r| r.path.starts_with("results.") && r.path != "results.total")
        .collect();
    let value = |path: &str, c: usize| -> f64 {
        block
            .row(path)
            .and_then(|r| r.cells[c].as_ref())
            .map_or(0.0, |n| n.value)
    };
    let mut blank_cols = Vec::new();
    for (c, col) in block.spec.columns.iter().enumerate() {
        let Some(total) = &total_row.cells[c] else {
            blank_cols.push(col.label);
            continue;
        };
        let leaves: f64 = outcome_rows
            .iter()
            .filter_map(|r| r.cells[c].as_ref().map(|n| n.value))
            .sum();
        if leaves != total.value {
            out.push(Finding::error(
                file,
                Some(total_row.line),
                format!(
                    "{}「{}」列: 三、本年度办理结果（一）至（六）各项之和 = {}，但「（七）总计」= {}",
                    t3.spec.name,
                    col.label,
                    num(leaves),
                    total.text
                ),
            ));
        }
        let left = value("new", c) + value("carried_over", c);
        let right = total.value + value("carried_forward", c);
        if left != right {
            out.push(Finding::error(
                file,
                Some(new_row.line),
                format!(
                    "{}「{}」列: 一 + 二 = {} + {} = {}，但 三（七） + 四 = {} + {} = {}（勾稽关系：第一项加第二项之和，等于第三项加第四项之和）",
                    t3.spec.name,
                    col.label,
                    num(value("new", c)),
                    num(value("carried_over", c)),
                    num(left),
                    total.text,
                    num(value("carried_forward", c)),
                    num(right)
                ),
            ));
        }
    }
    if !blank_cols.is_empty() {
        out.push(Finding::warning(
            file,
            Some(total_row.line),
            format!(
                "{}「（七）总计」行在 {} 列为空白，这些列的勾稽关系未核对（空白不等于 0）",
                t3.spec.name,
                blank_cols.join("、")
            ),
        ));
    }
}

/// This year's 二、上年结转 must equal last year's 四、结转下年度继续办理, column by column.
fn check_carry_over(prev: &Report, this: &Report, out: &mut Findings) {
    let (pb, tb) = (&prev.t3.blocks[0], &this.t3.blocks[0]);
    let (Some(fwd), Some(over)) = (pb.row("carried_forward"), tb.row("carried_over")) else {
        return;
    };
    for (c, col) in tb.spec.columns.iter().enumerate() {
        if let (Some(a), Some(b)) = (&fwd.cells[c], &over.cells[c]) {
            if a.value != b.value {
                out.push(Finding::error(
                    &this.yaml_path,
                    Some(over.line),
                    format!(
                        "表三「{}」列: 本年「二、上年结转」= {}，但 {}:{} 上年「四、结转下年度继续办理」= {}",
                        col.label,
                        b.text,
                        prev.yaml_path.to_string_lossy().replace('\\', "/"),
                        fwd.line,
                        a.text
                    ),
                ));
            }
        }
    }
}

/// An indicator must keep its unit from one year to the next, or its series means nothing.
fn check_indicator_units(prev: &Report, this: &Report, out: &mut Findings) {
    for ind in &this.indicators {
        if let Some(old) = prev.indicator(&ind.id) {
            if old.unit != ind.unit {
                out.push(Finding::error(
                    &this.yaml_path,
                    Some(ind.line),
                    format!(
                        "指标「{}」({}) 的单位是「{}」，但 {} 年报告中是「{}」；同一指标各年的单位应一致，否则无法比较（可换用新的指标键）",
                        ind.label, ind.id, ind.unit, prev.year, old.unit
                    ),
                ));
            }
        }
    }
}

/// A sum as text: whole numbers without a decimal point.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
