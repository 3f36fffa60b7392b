//! Stacked horizontal bars, one per year: either each part's share of the whole (100%) or the
//! counts themselves.
//!
//! A legend names each part with its colour and pattern; each row's name and total sit on a
//! line above its bar; a part wide enough (on the narrowest screen) carries its share or count
//! as text, so the chart reads without colour and the table below it has every number.

use super::canvas::{
    series_style, text_width, Anchor, Canvas, Drawing, Label, Len, Look, BASELINE, FULL, LINE,
    MIN_WIDTH, ON_SERIES,
};

/// One stacked bar.
pub(crate) struct StackRow {
    /// Row name (`2021 年`).
    pub label: String,
    /// One value per part; `None` for a blank cell.
    pub values: Vec<Option<f64>>,
    /// Text after the name (`办结 744 件`).
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

/// The unit line at the top.
const UNIT: i32 = 24;
/// A legend row.
const LEGEND_ROW: i32 = 22;
/// A legend swatch.
const SWATCH: (i32, i32) = (16, 12);
/// A bar.
const BAR: i32 = 22;
/// Space below a bar.
const GAP: i32 = 12;

/// A part's figure written on it: where, and which part.
struct PartLabel {
    x: i32,
    y: i32,
    part: usize,
    text: String,
}

/// The drawing of `chart`.
pub(crate) fn svg(chart: &StackChart) -> Drawing {
    let mut c = Canvas::new();
    c.label(&Label {
        anchor: Anchor::End,
        look: Look::Muted,
        ..Label::new(Len::Pct(FULL), BASELINE, &chart.unit)
    });
    let legend = legend_layout(&chart.parts);
    for (i, (name, (x, row))) in legend.iter().enumerate() {
        let top = UNIT + row * LEGEND_ROW;
        c.bar((Len::Pct(*x), top + 4), (Len::Px(SWATCH.0), SWATCH.1), i);
        c.label(&Label {
            dx: SWATCH.0 + 6,
            ..Label::new(Len::Pct(*x), top + BASELINE - 1, name)
        });
    }
    let rows = legend.last().map_or(0, |(_, (_, r))| r + 1);
    let mut y = UNIT + rows * LEGEND_ROW + 8;
    let total = |r: &StackRow| r.values.iter().flatten().sum::<f64>();
    let largest = chart.rows.iter().map(total).fold(0.0, f64::max);
    for row in &chart.rows {
        c.may_cut(y);
        c.label(&Label {
            value: Some(&row.note),
            ..Label::new(Len::Px(0), y + BASELINE, &row.label)
        });
        y += LINE;
        let scale = if chart.percent { total(row) } else { largest };
        if scale > 0.0 {
            for l in parts(&mut c, chart, row, y, f64::from(FULL) / scale) {
                c.defer(
                    &format!(r#"{ON_SERIES} text-anchor="middle""#),
                    &Label {
                        look: Look::Border(series_style(l.part).0),
                        ..Label::new(Len::Pct(l.x), l.y, &l.text)
                    },
                );
            }
        }
        y += BAR + GAP;
    }
    c.finish(y)
}

/// Draws one row's parts at `top`, `per` hundredths of a percent per unit of value; returns
/// the figures of the parts wide enough to hold them.
fn parts(c: &mut Canvas, chart: &StackChart, row: &StackRow, top: i32, per: f64) -> Vec<PartLabel> {
    let mut labels = Vec::new();
    let sum: f64 = row.values.iter().flatten().sum();
    let mut acc = 0.0;
    let mut x0 = 0;
    for (i, v) in row.values.iter().enumerate() {
        let Some(v) = *v else { continue };
        acc += v;
        // Rounding the running total, not each part, keeps the parts edge to edge.
        let x1 = (acc * per).round() as i32;
        if x1 > x0 {
            c.bar((Len::Pct(x0), top), (Len::Pct(x1 - x0), BAR), i);
            let text = if chart.percent {
                super::percent(v, sum).unwrap_or_default()
            } else {
                super::fmt_value(v)
            };
            if Len::Pct(x1 - x0).at(MIN_WIDTH) >= f64::from(text_width(&text) + 8) {
                labels.push(PartLabel {
                    x: (x0 + x1) / 2,
                    y: top + BAR / 2 + 5,
                    part: i,
                    text,
                });
            }
        }
        x0 = x1;
    }
    labels
}

/// Where each legend item goes: a column (its left edge, in hundredths of a percent) and a row.
/// Columns are as wide as the widest item on the narrowest screen.
fn legend_layout(parts: &[String]) -> Vec<(String, (i32, i32))> {
    let item = parts
        .iter()
        .map(|p| SWATCH.0 + 6 + text_width(p) + 14)
        .max()
        .unwrap_or(1);
    let cols = (MIN_WIDTH / item).clamp(1, parts.len().max(1) as i32);
    parts
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let k = k as i32;
            (name.clone(), ((k % cols) * FULL / cols, k / cols))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_columns_fit_the_narrowest_screen() {
        let short: Vec<String> = ["予以公开", "部分公开"].map(String::from).to_vec();
        assert_eq!(
            legend_layout(&short)
                .iter()
                .map(|l| l.1)
                .collect::<Vec<_>>(),
            [(0, 0), (5000, 0)]
        );
        let six: Vec<String> = [
            "予以公开",
            "部分公开",
            "不予公开",
            "无法提供",
            "不予处理",
            "其他处理",
        ]
        .map(String::from)
        .to_vec();
        let rows: Vec<i32> = legend_layout(&six).iter().map(|l| l.1 .1).collect();
        assert_eq!(rows, [0, 0, 0, 1, 1, 1]);
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
        let svg = svg(&chart).markup();
        assert!(svg.contains(">99.5%</text>"), "{svg}");
        assert!(!svg.contains(">0.5%</text>"));
        assert!(svg.contains(">2021 年<tspan dx=\"8\" font-weight=\"bold\">共 200 件</tspan>"));
        // The parts meet edge to edge and fill the width.
        assert!(
            svg.contains(r#"width="99.5%""#) && svg.contains(r#"x="99.5%" y="74" width="0.5%""#),
            "{svg}"
        );
    }
}
