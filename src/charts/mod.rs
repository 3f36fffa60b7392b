//! Charts: the SVG figures of report, body and year pages, made at build time with plotters
//! from the typed model, each with the same numbers as an accessible table.
//!
//! Every chart is readable without JavaScript and without colour: bars and points carry their
//! values as text, series differ by pattern as well as colour, and the `<svg>` has
//! `role="img"`, a `<title>` and a `<desc>`. The numbers come from `series` (which also decides
//! what is comparable across the 2019 and 2021 formats); which charts each page gets is in
//! `report`, `body` and `year`; the drawing is in `bars`, `stack` and `line` on `canvas`; the
//! year-over-year text is in `yoy`. See docs/charts.md.

mod bars;
mod body;
mod canvas;
mod line;
mod report;
mod series;
mod stack;
mod text;
mod year;
pub mod yoy;

use serde::Serialize;

use crate::diag::{Error, Result};

pub use body::body_charts;
pub use report::{report_charts, ReportCharts};
pub use year::year_charts;

/// One chart, ready for `partials/chart.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Unique on its page (`chart-outcomes`); the title and desc ids derive from it.
    pub id: String,
    /// Chinese title, shown as the figure caption and as the SVG `<title>`.
    pub title: String,
    /// One-sentence summary of every value, the SVG `<desc>`.
    pub desc: String,
    /// The inline SVG.
    pub svg: String,
    /// The same numbers as a table.
    pub table: DataTable,
    /// How the figures were read (e.g. which rows a series sums), shown under the chart.
    pub note: Option<String>,
}

/// A chart's numbers as a table: a header row, then rows whose first cell heads the row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DataTable {
    /// Column headings.
    pub head: Vec<String>,
    /// Rows of cells; the first cell of each is its row heading.
    pub rows: Vec<Vec<String>>,
}

/// What a chart shows, before it is drawn.
pub(crate) struct Spec {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub table: DataTable,
    pub note: Option<String>,
}

impl Spec {
    /// Wraps plotters' SVG output as an accessible image and assembles the chart.
    pub(crate) fn finish(self, svg: std::result::Result<String, String>) -> Result<Chart> {
        let svg = svg.map_err(|e| Error::Other(format!("生成图表「{}」失败: {e}", self.title)))?;
        let svg = accessible(&self.id, &self.title, &self.desc, &svg)
            .ok_or_else(|| Error::Other(format!("生成图表「{}」失败: 输出不是 SVG", self.title)))?;
        Ok(Chart {
            id: self.id,
            title: self.title,
            desc: self.desc,
            svg,
            table: self.table,
            note: self.note,
        })
    }
}

/// Replaces plotters' opening `<svg …>` with one that names the chart for assistive
/// technology, and adds `<title>` and `<desc>`.
fn accessible(id: &str, title: &str, desc: &str, svg: &str) -> Option<String> {
    let open_end = svg.find('>')?;
    let open = svg.get(..open_end)?.strip_prefix("<svg ")?;
    let attr = |name: &str| -> Option<&str> {
        let start = open.find(&format!("{name}=\""))? + name.len() + 2;
        let len = open[start..].find('"')?;
        Some(&open[start..start + len])
    };
    let (w, h) = (attr("width")?, attr("height")?);
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>{}",
        crate::markup::escape(title),
        crate::markup::escape(desc),
        &svg[open_end + 1..]
    ))
}

/// A whole number or a decimal as written, without a trailing `.0`.
pub(crate) fn fmt_value(v: f64) -> String {
    crate::check::num((v * 100.0).round() / 100.0)
}

/// `part / whole` as a percentage with one decimal (`67.2%`); `None` without a whole.
pub(crate) fn percent(part: f64, whole: f64) -> Option<String> {
    (whole > 0.0).then(|| format!("{:.1}%", part * 100.0 / whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_title_desc_and_role_to_plotters_svg() {
        let plotters = "<svg width=\"10\" height=\"20\" viewBox=\"0 0 10 20\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let svg = accessible("chart-a", "申请 & 结果", "共 <3> 件", plotters).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" width=\"10\" height=\"20\" viewBox=\"0 0 10 20\" role=\"img\" aria-labelledby=\"chart-a-title chart-a-desc\">"));
        assert!(svg.contains("<title id=\"chart-a-title\">申请 &amp; 结果</title>"));
        assert!(svg.contains("<desc id=\"chart-a-desc\">共 &lt;3&gt; 件</desc>\n<rect/>"));
        assert_eq!(accessible("x", "t", "d", "<g>"), None);
    }

    #[test]
    fn formats_values_and_percentages() {
        assert_eq!(fmt_value(748.0), "748");
        assert_eq!(fmt_value(97.17), "97.17");
        assert_eq!(percent(500.0, 744.0).as_deref(), Some("67.2%"));
        assert_eq!(percent(1.0, 0.0), None);
    }
}
