//! The words and table cells shared by every chart: counts with their unit, shares, blank
//! cells, table rows. One place, so the charts, their descriptions and their tables agree.

use super::{fmt_value, percent};

/// A count as shown on a chart: `748 件`, or 空白 for a blank cell.
pub(crate) fn count(v: Option<f64>) -> String {
    v.map_or_else(|| "空白".to_string(), |v| format!("{} 件", fmt_value(v)))
}

/// A count with its share of `whole`: `500 件（67.2%）`.
pub(crate) fn count_share(v: Option<f64>, whole: Option<f64>) -> String {
    match (v, whole.and_then(|w| percent(v?, w))) {
        (Some(_), Some(p)) => format!("{}（{p}）", count(v)),
        _ => count(v),
    }
}

/// A table cell: the figure, or empty for a blank cell.
pub(crate) fn cell_text(v: Option<f64>) -> String {
    v.map(fmt_value).unwrap_or_default()
}

/// A table row: its heading, then its cells.
pub(crate) fn row(head: String, cells: impl IntoIterator<Item = String>) -> Vec<String> {
    std::iter::once(head).chain(cells).collect()
}

/// A header row.
pub(crate) fn head(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}
