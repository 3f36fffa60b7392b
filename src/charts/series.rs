//! The series the body pages chart across years, read from the reports' summaries, and what
//! counts as the same series across the 2019 trial format and the 2021 format.
//!
//! T3 and T4 mean the same in both formats (2019 folds （六）其他处理 into one row, so the six
//! outcome groups are summed over their rows; see `figures`). In T2 only the 处理决定数量 of
//! 行政许可, 行政处罚 and 行政强制 mean the same in both; docs/charts.md says why the other T2
//! rows are left out. A blank figure stays `None`: never 0.

use crate::figures::Summary;

/// A whole number for drawing.
pub(crate) fn f(v: Option<i64>) -> Option<f64> {
    v.map(|v| v as f64)
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

/// Every indicator of a body (its reports oldest first) with a figure in two or more years, in
/// the latest report's order.
pub(crate) fn indicators(reports: &[&Summary]) -> Vec<IndicatorSeries> {
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
    use crate::figures::DECISION_ROWS;
    use crate::format::{key, Format};

    #[test]
    fn both_formats_have_every_comparable_t2_row_under_the_same_column_key() {
        for format in [Format::Trial2019, Format::F2021] {
            let t2 = format.tables()[0];
            for (row, _) in DECISION_ROWS {
                let block = t2
                    .blocks
                    .iter()
                    .find(|b| b.rows.iter().any(|r| r.key == row.0))
                    .unwrap_or_else(|| panic!("{format:?} has no T2 row {}", row.0));
                assert!(
                    block.columns.iter().any(|c| c.key == key::DECISIONS.0),
                    "{format:?} {}",
                    row.0
                );
            }
        }
    }
}
