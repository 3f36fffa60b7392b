//! The figures the charts and the year-over-year text show, read from the typed tables, and
//! what counts as the same series across the 2019 trial format and the 2021 format.
//!
//! T3 and T4 mean the same in both formats (2019 folds （六）其他处理 into one row, so the six
//! outcome groups are summed over their rows). In T2 only the 处理决定数量 of 行政许可, 行政处罚
//! and 行政强制 mean the same in both; docs/charts.md says why the other T2 rows are left out.
//! A blank cell stays `None`: a sum whose every addend is blank is blank, never 0.

use crate::model::{Report, Site, Table};

/// The six outcome groups of 三、本年度办理结果, with the row-path prefix each one sums.
pub(crate) const OUTCOMES: [(&str, &str); 6] = [
    ("予以公开", "results.granted"),
    ("部分公开", "results.partial"),
    ("不予公开", "results.withheld"),
    ("无法提供", "results.unavailable"),
    ("不予处理", "results.not_processed"),
    ("其他处理", "results.other"),
];

/// The applicant columns of T3 (all but 总计), with chart labels.
pub(crate) const APPLICANTS: [(&str, &str); 6] = [
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他组织"),
];

/// T4's result columns (all but 总计).
pub(crate) const T4_RESULTS: [(&str, &str); 4] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
];

/// T4's three groups.
pub(crate) const T4_GROUPS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("direct_suit", "行政诉讼·未经复议直接起诉"),
    ("suit_after_review", "行政诉讼·复议后起诉"),
];

/// The T2 rows whose 处理决定数量 mean the same in both formats (key `decisions` in both).
pub(crate) const T2_COMPARABLE: [(&str, &str); 3] = [
    ("licensing", "行政许可"),
    ("punishment", "行政处罚"),
    ("enforcement", "行政强制"),
];

/// The value of one cell; `None` when blank or absent.
pub(crate) fn cell(table: &Table, row: &str, col: &str) -> Option<f64> {
    table.cell(row, col)?.as_ref().map(|n| n.value)
}

/// The sum of column `col` over the rows `prefix` or below it; `None` when all are blank.
pub(crate) fn sum_rows(table: &Table, prefix: &str, col: &str) -> Option<f64> {
    let below = format!("{prefix}.");
    let mut sum = None;
    for block in &table.blocks {
        let Some(c) = block.col(col) else { continue };
        for row in block
            .rows
            .iter()
            .filter(|r| r.path == prefix || r.path.starts_with(&below))
        {
            if let Some(n) = &row.cells[c] {
                *sum.get_or_insert(0.0) += n.value;
            }
        }
    }
    sum
}

/// The six outcome groups of a report (总计 column).
pub(crate) fn outcomes(report: &Report) -> Vec<Option<f64>> {
    OUTCOMES
        .iter()
        .map(|(_, p)| sum_rows(&report.t3, p, "total"))
        .collect()
}

/// 行政诉讼 by result: the two lawsuit rows added, per result column (and 总计).
pub(crate) fn suits(report: &Report, col: &str) -> Option<f64> {
    let a = cell(&report.t4, "direct_suit", col);
    let b = cell(&report.t4, "suit_after_review", col);
    match (a, b) {
        (None, None) => None,
        _ => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
    }
}

/// An indicator over the years of one body.
pub(crate) struct IndicatorSeries {
    pub id: String,
    /// The label of the latest report.
    pub label: String,
    pub unit: String,
    /// (year, value, value as written), oldest first, one per report.
    pub points: Vec<(u16, Option<f64>, String)>,
}

/// Every indicator of `body` with a figure in two or more years, in the latest report's order.
pub(crate) fn indicators(site: &Site, body: &str) -> Vec<IndicatorSeries> {
    let reports: Vec<&Report> = site.reports_of(body).collect();
    let Some(latest) = reports.last() else {
        return Vec::new();
    };
    latest
        .indicators
        .iter()
        .map(|ind| IndicatorSeries {
            id: ind.id.clone(),
            label: ind.label.clone(),
            unit: ind.unit.clone(),
            points: reports
                .iter()
                .map(|r| {
                    let found = r.indicator(&ind.id).and_then(|i| i.value.as_ref());
                    (
                        r.year,
                        found.map(|n| n.value),
                        found.map(|n| n.display()).unwrap_or_default(),
                    )
                })
                .collect(),
        })
        .filter(|s| s.points.iter().filter(|p| p.1.is_some()).count() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Format;

    #[test]
    fn both_formats_have_every_comparable_t2_row_under_the_same_column_key() {
        for format in [Format::Trial2019, Format::F2021] {
            let t2 = format.tables()[0];
            for (row, _) in T2_COMPARABLE {
                let block = t2
                    .blocks
                    .iter()
                    .find(|b| b.rows.iter().any(|r| r.key == row))
                    .unwrap_or_else(|| panic!("{format:?} has no T2 row {row}"));
                assert!(
                    block.columns.iter().any(|c| c.key == "decisions"),
                    "{format:?} {row}"
                );
            }
        }
    }

    #[test]
    fn both_formats_have_every_outcome_group() {
        for format in [Format::Trial2019, Format::F2021] {
            let results = format.tables()[1].blocks[0]
                .rows
                .iter()
                .find(|r| r.key == "results")
                .unwrap();
            for (_, path) in OUTCOMES {
                let key = path.trim_start_matches("results.");
                assert!(
                    results.children.iter().any(|r| r.key == key),
                    "{format:?} {key}"
                );
            }
        }
    }
}
