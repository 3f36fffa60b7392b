//! Charts: the SVG figures of report, body and year pages, drawn at build time from the typed
//! model, each with the same numbers as an accessible table.
//!
//! Every chart is readable without JavaScript and without colour: bars and points carry their
//! values as text, series differ by pattern as well as colour, and the `<svg>` has
//! `role="img"`, a `<title>` and a `<desc>`. Charts fit the width they are shown at, from a
//! 320-px phone to a desktop and A4 paper, with text that is never scaled down (see `canvas`).
//! The numbers come from `series` (which also decides what is comparable across the 2019 and
//! 2021 formats); which charts each page gets is in `report`, `body` and `year`; the drawing is
//! in `bars`, `stack` and `line` on `canvas`; the year-over-year text is in `yoy`. See
//! docs/charts.md.

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

use std::collections::BTreeSet;

use serde::Serialize;

use crate::diag::Result;

use canvas::{Drawing, FONT, INK};

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
    #[serde(skip)]
    pub table: DataTable,
    /// That table's header and body rows as HTML, for `partials/chart.html`.
    pub table_html: String,
    /// How the figures were read (e.g. which rows a series sums), shown under the chart.
    pub note: Option<String>,
    /// The fill patterns it uses (defined by the page's first chart).
    #[serde(skip)]
    patterns: BTreeSet<usize>,
}

impl DataTable {
    /// The header and body rows as HTML: every cell escaped, each figure with its column's
    /// name (`data-l`) for the narrow layout.
    pub fn html(&self) -> String {
        use crate::markup::escape;
        let mut out = String::from("<thead><tr>");
        for h in &self.head {
            out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            out.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                if i == 0 {
                    out.push_str(&format!("<th scope=\"row\">{}</th>", escape(c)));
                } else {
                    let label = self.head.get(i).map_or(String::new(), |h| escape(h));
                    out.push_str(&format!("<td data-l=\"{label}\">{}</td>", escape(c)));
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>");
        out
    }
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
    /// Wraps a drawing as an accessible image (`role="img"`, `<title>`, `<desc>`) and assembles
    /// the chart.
    pub(crate) fn finish(self, drawing: Drawing) -> Result<Chart> {
        let id = &self.id;
        let open = |height: i32| {
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" width=\"100%\" height=\"{height}\" font-size=\"{FONT}\" fill=\"{INK}\"")
        };
        let mut svg = String::new();
        for (k, (height, body)) in drawing.pieces.iter().enumerate() {
            if k == 0 {
                svg.push_str(&format!(
                    "{} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n{body}</svg>",
                    open(*height),
                    crate::markup::escape(&self.title),
                    crate::markup::escape(&self.desc),
                ));
            } else {
                // The rest of a tall chart: the first piece names the whole image.
                svg.push_str(&format!(
                    "\n{} aria-hidden=\"true\">\n{body}</svg>",
                    open(*height)
                ));
            }
        }
        Ok(Chart {
            table_html: self.table.html(),
            id: self.id,
            title: self.title,
            desc: self.desc,
            svg,
            table: self.table,
            note: self.note,
            patterns: drawing.patterns,
        })
    }
}

/// The charts of one page, with the fill patterns they use defined once, in the first.
pub(crate) fn share_patterns(mut charts: Vec<Chart>) -> Vec<Chart> {
    let used: BTreeSet<usize> = charts
        .iter()
        .flat_map(|c| c.patterns.iter().copied())
        .collect();
    if let Some(first) = charts.first_mut() {
        let at = first
            .svg
            .find("</desc>\n")
            .map_or(0, |i| i + "</desc>\n".len());
        first.svg.insert_str(at, &canvas::defs(&used));
    }
    charts
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
    fn a_chart_is_a_named_image_as_wide_as_its_figure() {
        let spec = Spec {
            id: "chart-a".into(),
            title: "申请 & 结果".into(),
            desc: "共 <3> 件".into(),
            table: DataTable {
                head: Vec::new(),
                rows: Vec::new(),
            },
            note: None,
        };
        let drawing = Drawing {
            pieces: vec![(20, "<rect/>\n".into()), (10, "<line/>\n".into())],
            patterns: BTreeSet::new(),
        };
        let svg = spec.finish(drawing).unwrap().svg;
        assert!(svg.ends_with("</svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" width=\"100%\" height=\"10\" font-size=\"14\" fill=\"#1f1f1f\" aria-hidden=\"true\">\n<line/>\n</svg>"), "{svg}");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" width=\"100%\" height=\"20\" font-size=\"14\" fill=\"#1f1f1f\" role=\"img\" aria-labelledby=\"chart-a-title chart-a-desc\">"), "{svg}");
        assert!(svg.contains("<title id=\"chart-a-title\">申请 &amp; 结果</title>"));
        assert!(svg.contains("<desc id=\"chart-a-desc\">共 &lt;3&gt; 件</desc>\n<rect/>\n</svg>"));
        assert_eq!(
            svg.matches("role=\"img\"").count(),
            1,
            "one image, in pieces"
        );
        assert!(!svg.contains("viewBox"), "text is never scaled");
    }

    #[test]
    fn formats_values_and_percentages() {
        assert_eq!(fmt_value(748.0), "748");
        assert_eq!(fmt_value(97.17), "97.17");
        assert_eq!(percent(500.0, 744.0).as_deref(), Some("67.2%"));
        assert_eq!(percent(1.0, 0.0), None);
    }
}
