//! The narrative held to its tables: every statement of a table quantity that the text makes
//! (found by `load::claims`, as `phrases.rs` describes them) is compared with the tables, and a
//! share stated with it at the precision it is written. A mismatch is a warning at the line of
//! the text, with the table's figure, how it was computed, and, when the stated figure is only a
//! part of it (one column, one sub-row), which part.

use std::path::Path;

use crate::diag::{Finding, Findings};
use crate::format::{key, ColKey, RowKey};
use crate::model::{Claim, Report, Table};
use crate::phrases::Quantity;

/// A quantity as the tables give it.
struct Expected {
    value: i64,
    /// How it was computed, in the form's words.
    how: String,
    /// Parts of it that a narrative may have stated by mistake: (figure, what it is).
    parts: Vec<(i64, String)>,
}

/// Compares every statement of `report`'s narrative with its tables.
pub(crate) fn check_narrative(report: &Report, out: &mut Findings) {
    for claim in &report.narrative.claims {
        if let Some(expected) = expected(report, claim) {
            compare(claim, &expected, report, &report.md_path, out);
        }
    }
}

fn compare(claim: &Claim, e: &Expected, report: &Report, file: &Path, out: &mut Findings) {
    let id = format!("text.{}", claim.phrase.key);
    if claim.stated != e.value {
        let mut message = format!("正文「{}」与表格不符：{}", claim.quote, e.how);
        let same: Vec<&str> = e
            .parts
            .iter()
            .filter(|(v, _)| *v == claim.stated)
            .map(|(_, what)| what.as_str())
            .take(3)
            .collect();
        if !same.is_empty() {
            message.push_str(&format!(
                "；{} 是{}的数字",
                claim.stated,
                same.join("，也是")
            ));
        }
        if let Some(share) = &claim.share {
            if let Some(right) = share_words(e.value, share.decimals, report) {
                message.push_str(&format!("；按表格，「占{}」应为 {right}", share.text));
            }
        }
        out.push(Finding::warning(file, Some(claim.line), message).with_id(id));
        return;
    }
    let Some(share) = &claim.share else { return };
    if !bases(report)
        .iter()
        .any(|(_, base)| matches_share(e.value, *base, share.value, share.decimals))
    {
        let right = share_words(e.value, share.decimals, report).unwrap_or_default();
        out.push(
            Finding::warning(
                file,
                Some(claim.line),
                format!("正文「{}」中的比例与表格不符：{right}", claim.quote),
            )
            .with_id(format!("{id}.share")),
        );
    }
}

/// What a share can be of: 本年办结, 本年新收, and 新收 with 上年结转.
fn bases(report: &Report) -> Vec<(&'static str, i64)> {
    let t3 = &report.t3;
    let total = |row| t3.count(row, key::TOTAL);
    let mut out = Vec::new();
    if let Some(p) = total(key::RESULTS_TOTAL) {
        out.push(("本年办结", p));
    }
    if let Some(n) = total(key::NEW) {
        out.push(("本年新收", n));
        if let Some(o) = total(key::CARRIED_OVER) {
            out.push(("本年新收与上年结转之和", n + o));
        }
    }
    out
}

/// Whether `part / whole` is `stated` percent at `decimals` decimals, rounded or cut off.
fn matches_share(part: i64, whole: i64, stated: f64, decimals: usize) -> bool {
    if whole <= 0 {
        return false;
    }
    let exact = part as f64 * 100.0 / whole as f64;
    let scale = 10f64.powi(decimals as i32);
    let stated = (stated * scale).round();
    (exact * scale).round() == stated || (exact * scale + 1e-9).floor() == stated
}

/// The table's shares of `value`, said: `275 ÷ 本年办结 761 = 36.1%`.
fn share_words(value: i64, decimals: usize, report: &Report) -> Option<String> {
    let said: Vec<String> = bases(report)
        .into_iter()
        .filter(|(_, b)| *b > 0)
        .map(|(name, b)| {
            format!(
                "{value} ÷ {name} {b} = {:.decimals$}%",
                value as f64 * 100.0 / b as f64
            )
        })
        .collect();
    (!said.is_empty()).then(|| said.join("，或 "))
}

fn expected(report: &Report, claim: &Claim) -> Option<Expected> {
    match claim.phrase.quantity {
        Quantity::T3(rows) => t3(&report.t3, rows),
        Quantity::T4(row, col) => t4_cell(&report.t4, row, col),
        Quantity::Suits(col) => suits(&report.t4, col),
        Quantity::Appeal(col) if claim.suits => suits(&report.t4, col),
        Quantity::Appeal(col) => t4_cell(&report.t4, key::REVIEW, col),
        Quantity::T2(row, col) => {
            let value = report.t2.count(row, col)?;
            let (r, c) = report.t2.at(row.0, col.0)?;
            let col_label = report
                .t2
                .blocks
                .iter()
                .find_map(|b| b.row(row.0).map(|_| b.spec.columns[c].label))
                .unwrap_or("");
            Some(Expected {
                value,
                how: format!("表二「{}」「{col_label}」为 {value}", r.spec.label),
                parts: Vec::new(),
            })
        }
    }
}

/// 表三's 总计 column over `rows` (each a row or a group), with how it adds up.
fn t3(t3: &Table, rows: &[RowKey]) -> Option<Expected> {
    let block = &t3.blocks[0];
    let total_col = block.total_col()?;
    let mut value = 0i64;
    let mut terms = Vec::new();
    let mut parts = Vec::new();
    for row in rows {
        let v = t3.sum_rows(*row, key::TOTAL)?;
        value += v;
        let leaves: Vec<_> = block.rows.iter().filter(|r| r.is_under(*row)).collect();
        let name = group_label(t3, *row);
        if leaves.len() > 1 {
            let inner: Vec<String> = leaves
                .iter()
                .map(|r| format!("{} {}", r.spec.label, shown(r.count(total_col))))
                .collect();
            terms.push(format!("{name} {v}（{}）", inner.join(" + ")));
            for r in &leaves {
                if let Some(c) = r.count(total_col) {
                    parts.push((c, format!("「{}」一行", r.spec.short)));
                }
            }
        } else {
            terms.push(format!("{name} {v}"));
        }
        if rows.len() > 1 {
            parts.push((v, format!("「{name}」一项")));
        }
    }
    for (i, col) in key::APPLICANTS.iter().enumerate() {
        let in_col: Option<i64> = rows
            .iter()
            .map(|r| t3.sum_rows(*r, *col))
            .try_fold(0i64, |acc, v| Some(acc + v?));
        if let Some(v) = in_col {
            parts.insert(0, (v, format!("「{}」一列", block.spec.columns[i].label)));
        }
    }
    // Last, single cells: 「1.本机关不掌握相关政府信息」行「自然人」 (for one row, a cell is its
    // column, said above).
    let leaves: Vec<_> = block
        .rows
        .iter()
        .filter(|r| rows.iter().any(|k| r.is_under(*k)))
        .collect();
    for r in leaves.iter().filter(|_| leaves.len() > 1) {
        for (i, _) in key::APPLICANTS.iter().enumerate() {
            // A cell that is its whole row was said as the row.
            if let Some(v) = r.count(i).filter(|v| Some(*v) != r.count(total_col)) {
                let col = block.spec.columns[i].label;
                parts.push((v, format!("「{}」行「{col}」一格", r.spec.short)));
            }
        }
    }
    let how = if terms.len() > 1 {
        format!("表三 {} = {value}", terms.join(" + "))
    } else {
        format!("表三 {}", terms.join(""))
    };
    Some(Expected { value, how, parts })
}

fn shown(v: Option<i64>) -> String {
    v.map_or("空白".to_string(), |v| v.to_string())
}

/// The short label of a row or group of 表三 (（四）无法提供).
fn group_label(t3: &Table, row: RowKey) -> String {
    t3.blocks[0]
        .spec
        .row_spec(row.0)
        .map_or(row.0, |r| r.short)
        .to_string()
}

fn t4_cell(t4: &Table, row: RowKey, col: ColKey) -> Option<Expected> {
    let value = t4.count(row, col)?;
    let (r, c) = t4.at(row.0, col.0)?;
    let col_label = t4.blocks[0].spec.columns[c].label;
    Some(Expected {
        value,
        how: format!("表四「{}」「{col_label}」为 {value}", r.spec.short),
        parts: Vec::new(),
    })
}

fn suits(t4: &Table, col: ColKey) -> Option<Expected> {
    let direct = t4.count(key::DIRECT_SUIT, col);
    let after = t4.count(key::SUIT_AFTER_REVIEW, col);
    if direct.is_none() && after.is_none() {
        return None;
    }
    let value = direct.unwrap_or(0) + after.unwrap_or(0);
    let c = t4.blocks[0].col(col.0)?;
    let col_label = t4.blocks[0].spec.columns[c].label;
    Some(Expected {
        value,
        how: format!(
            "表四 行政诉讼「{col_label}」= 未经复议直接起诉 {} + 复议后起诉 {} = {value}",
            shown(direct),
            shown(after)
        ),
        parts: [direct, after]
            .iter()
            .zip(["未经复议直接起诉", "复议后起诉"])
            .filter_map(|(v, n)| Some(((*v)?, format!("「{n}」一行"))))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_match_at_the_precision_stated_rounded_or_cut_off() {
        assert!(matches_share(275, 761, 36.1, 1));
        assert!(matches_share(275, 761, 36.14, 2));
        assert!(matches_share(2, 3, 66.7, 1));
        assert!(matches_share(2, 3, 66.6, 1), "cut off");
        assert!(matches_share(2, 3, 67.0, 0));
        assert!(!matches_share(258, 761, 36.1, 1));
        assert!(!matches_share(1, 0, 0.0, 1));
    }
}
