//! Stacked horizontal bars, one per year: either each part's share of the whole (100%) or the
//! counts themselves.
//!
//! A legend names each part with its colour and pattern; a part wide enough carries its share
//! or count as text, and the row ends with its total, so the chart reads without colour and the
//! table below it has every number.

use super::canvas::{self, series_style, text_width, Anchor, INK, MUTED, SMALL};

/// One stacked bar.
pub(crate) struct StackRow {
    /// Row name (`2021 年`).
    pub label: String,
    /// One value per part; `None` for a blank cell.
    pub values: Vec<Option<f64>>,
    /// Text after the bar (`办结 744 件`).
    pub note: String,
}

/// A stacked bar chart.
pub(crate) struct StackChart {
    /// The parts' names, in stacking order.
    pub parts: Vec<String>,
    pub rows: Vec<StackRow>,
    /// Each bar is 100% (shares) rather than scaled to the largest total.
    pub percent: bool,
    /// Shown top right.
    pub unit: String,
}

const WIDTH: i32 = 720;
const PAD: i32 = 8;
const LEGEND_ROW: i32 = 24;
const SWATCH: (i32, i32) = (18, 12);
const PITCH: i32 = 34;
const BAR: i32 = 22;

/// The SVG of `chart`.
pub(crate) fn svg(chart: &StackChart) -> Result<String, String> {
    let legend = legend_layout(&chart.parts);
    let legend_h = legend.last().map_or(0, |(_, (_, y))| *y) + LEGEND_ROW;
    let label_w = chart
        .rows
        .iter()
        .map(|r| text_width(&r.label, SMALL))
        .max()
        .unwrap_or(0);
    let note_w = chart
        .rows
        .iter()
        .map(|r| text_width(&r.note, SMALL))
        .max()
        .unwrap_or(0);
    let left = PAD + label_w + 10;
    let span = WIDTH - left - 8 - note_w - PAD;
    let total = |r: &StackRow| r.values.iter().flatten().sum::<f64>();
    let largest = chart.rows.iter().map(total).fold(0.0, f64::max);
    let top = PAD + LEGEND_ROW + legend_h + 4;
    let height = top + chart.rows.len() as i32 * PITCH + PAD;
    canvas::draw(WIDTH, height, |c| {
        c.text(
            &chart.unit,
            (WIDTH - PAD, PAD + LEGEND_ROW / 2),
            Anchor::Right,
            SMALL,
            MUTED,
        );
        for (i, (name, (x, y))) in legend.iter().enumerate() {
            let (x, y) = (PAD + x, PAD + LEGEND_ROW + y);
            c.swatch((x, y + 6), (x + SWATCH.0, y + 6 + SWATCH.1), i);
            c.text(name, (x + SWATCH.0 + 4, y + 12), Anchor::Left, SMALL, INK);
        }
        for (k, row) in chart.rows.iter().enumerate() {
            let cy = top + k as i32 * PITCH + PITCH / 2;
            c.text(&row.label, (left - 10, cy), Anchor::Right, SMALL, INK);
            let sum = total(row);
            let scale = if chart.percent { sum } else { largest };
            let mut end = left;
            if scale > 0.0 {
                end = parts(c, chart, row, (left, cy), f64::from(span) / scale);
            }
            c.text(&row.note, (end + 8, cy), Anchor::Left, SMALL, INK);
        }
        c.line(
            &[(left, top), (left, top + chart.rows.len() as i32 * PITCH)],
            INK,
            1,
        );
    })
}

/// Draws one row's parts from `left`; returns where the bar ends.
fn parts(
    c: &mut canvas::Canvas,
    chart: &StackChart,
    row: &StackRow,
    (left, cy): (i32, i32),
    px: f64,
) -> i32 {
    let sum: f64 = row.values.iter().flatten().sum();
    let mut acc = 0.0;
    let mut x0 = left;
    for (i, v) in row.values.iter().enumerate() {
        let Some(v) = *v else { continue };
        acc += v;
        // Rounding the running total, not each part, keeps the parts edge to edge.
        let x1 = left + (acc * px).round() as i32;
        if x1 > x0 {
            c.swatch((x0, cy - BAR / 2), (x1, cy + BAR / 2), i);
            let text = if chart.percent {
                super::percent(v, sum).unwrap_or_default()
            } else {
                super::fmt_value(v)
            };
            let w = text_width(&text, SMALL);
            if x1 - x0 >= w + 8 {
                let mid = (x0 + x1) / 2;
                c.rect(
                    (mid - w / 2 - 2, cy - 8),
                    (mid + w / 2 + 2, cy + 8),
                    series_style(i).0,
                );
                c.text(
                    &text,
                    (mid, cy),
                    Anchor::Center,
                    SMALL,
                    plotters::style::WHITE,
                );
            }
        }
        x0 = x1;
    }
    x0
}

/// Where each legend item goes, relative to the legend's top left, wrapping into rows.
fn legend_layout(parts: &[String]) -> Vec<(String, (i32, i32))> {
    let mut out = Vec::new();
    let (mut x, mut y) = (0, 0);
    for name in parts {
        let w = SWATCH.0 + 4 + text_width(name, SMALL) + 18;
        if x > 0 && x + w > WIDTH - 2 * PAD {
            x = 0;
            y += LEGEND_ROW;
        }
        out.push((name.clone(), (x, y)));
        x += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_wraps_when_the_names_do_not_fit_one_row() {
        let short: Vec<String> = ["予以公开", "部分公开"].map(String::from).to_vec();
        assert_eq!(legend_layout(&short).last().unwrap().1 .1, 0);
        let long: Vec<String> = (0..12).map(|i| format!("很长的类别名称{i}")).collect();
        assert!(legend_layout(&long).last().unwrap().1 .1 > 0);
    }

    #[test]
    fn labels_parts_that_fit_and_leaves_thin_ones_to_the_table() {
        let chart = StackChart {
            parts: vec!["甲".into(), "乙".into()],
            rows: vec![StackRow {
                label: "2021 年".into(),
                values: vec![Some(199.0), Some(1.0)],
                note: "共 200 件".into(),
            }],
            percent: true,
            unit: "占比".into(),
        };
        let svg = svg(&chart).unwrap();
        assert!(svg.contains(">\n99.5%\n</text>"), "{svg}");
        assert!(!svg.contains(">\n0.5%\n</text>"));
        assert!(svg.contains(">\n共 200 件\n</text>"));
    }
}
