//! Horizontal bar lists: one labelled bar per figure, optionally under group headings.
//!
//! Horizontal bars leave room for any Chinese category name on the left and for the value at
//! the end of each bar, so no text ever needs rotating and every bar carries its number and its
//! name as text (colour and pattern only help the eye across groups).

use super::canvas::{self, text_width, wrap, Anchor, INK, LARGE, MUTED, SMALL};

/// One bar.
pub(crate) struct Bar {
    /// Name, left of the bar (wrapped when long).
    pub label: String,
    /// Length; `None` for a blank cell (no bar, the text says so).
    pub value: Option<f64>,
    /// Text after the bar (the figure, perhaps with a share).
    pub text: String,
    /// Series index: colour and pattern.
    pub series: usize,
}

/// Bars under an optional heading.
pub(crate) struct Group {
    pub heading: Option<String>,
    pub bars: Vec<Bar>,
}

/// A bar list.
pub(crate) struct BarChart {
    pub groups: Vec<Group>,
    /// Shown top right (`单位：件`).
    pub unit: String,
    /// The value of a full-length bar; by default the largest value.
    pub max: Option<f64>,
}

impl BarChart {
    /// A chart of counts (件), each bar scaled to the largest.
    pub(crate) fn counts(groups: Vec<Group>) -> BarChart {
        BarChart {
            groups,
            unit: "单位：件".into(),
            max: None,
        }
    }
}

const WIDTH: i32 = 720;
const PAD: i32 = 8;
const LABEL_MAX: i32 = 168;
const LINE: i32 = 16;
const BAR: i32 = 14;
const ROW: i32 = 24;
const HEADING: i32 = 28;

/// The SVG of `chart`.
pub(crate) fn svg(chart: &BarChart) -> Result<String, String> {
    let bars = || chart.groups.iter().flat_map(|g| &g.bars);
    let label_w = bars()
        .flat_map(|b| wrap(&b.label, LABEL_MAX, SMALL))
        .map(|l| text_width(&l, SMALL))
        .max()
        .unwrap_or(0);
    let value_w = bars()
        .map(|b| text_width(&b.text, SMALL))
        .max()
        .unwrap_or(0);
    let heading_w = chart
        .groups
        .iter()
        .filter_map(|g| g.heading.as_deref())
        .map(|h| text_width(h, LARGE))
        .max()
        .unwrap_or(0);
    let left = PAD + label_w + 10;
    let width = WIDTH
        .max(left + 200 + 6 + value_w + PAD)
        .max(heading_w + 2 * PAD);
    let span = width - left - 6 - value_w - PAD;
    let max = chart
        .max
        .unwrap_or_else(|| bars().filter_map(|b| b.value).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let height = PAD + ROW + chart.groups.iter().map(group_height).sum::<i32>() + PAD;
    canvas::draw(width, height, |c| {
        c.text(
            &chart.unit,
            (width - PAD, PAD + ROW / 2),
            Anchor::Right,
            SMALL,
            MUTED,
        );
        let mut y = PAD + ROW;
        for group in &chart.groups {
            if let Some(h) = &group.heading {
                c.bold(h, (PAD, y + HEADING / 2 + 2), Anchor::Left, LARGE);
                y += HEADING;
            }
            let top = y;
            for bar in &group.bars {
                let lines = wrap(&bar.label, LABEL_MAX, SMALL);
                let h = row_height(lines.len());
                let cy = y + h / 2;
                for (i, line) in lines.iter().enumerate() {
                    let ly = cy - (lines.len() as i32 - 1) * LINE / 2 + i as i32 * LINE;
                    c.text(line, (left - 10, ly), Anchor::Right, SMALL, INK);
                }
                let len = bar
                    .value
                    .map_or(0, |v| (v / max * f64::from(span)).round() as i32);
                if len > 0 {
                    c.swatch((left, cy - BAR / 2), (left + len, cy + BAR / 2), bar.series);
                }
                c.text(&bar.text, (left + len + 6, cy), Anchor::Left, SMALL, INK);
                y += h;
            }
            c.line(&[(left, top), (left, y)], INK, 1);
        }
    })
}

fn row_height(lines: usize) -> i32 {
    ROW.max(lines as i32 * LINE + 8)
}

fn group_height(g: &Group) -> i32 {
    let heading = if g.heading.is_some() { HEADING } else { 0 };
    heading
        + g.bars
            .iter()
            .map(|b| row_height(wrap(&b.label, LABEL_MAX, SMALL).len()))
            .sum::<i32>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: Option<f64>) -> Bar {
        Bar {
            label: label.into(),
            value,
            text: value.map_or("空白".into(), |v| format!("{v} 件")),
            series: 0,
        }
    }

    #[test]
    fn renders_a_labelled_bar_per_value_and_none_for_blank() {
        let chart = BarChart {
            groups: vec![Group {
                heading: Some("行政复议".into()),
                bars: vec![bar("结果维持", Some(29.0)), bar("结果纠正", None)],
            }],
            unit: "单位：件".into(),
            max: None,
        };
        let svg = svg(&chart).unwrap();
        for text in [
            "行政复议",
            "结果维持",
            "29 件",
            "结果纠正",
            "空白",
            "单位：件",
        ] {
            assert!(
                svg.contains(&format!(">\n{text}\n</text>")),
                "{text} missing"
            );
        }
        // White background, the axis, and one bar (the blank gets none).
        assert_eq!(svg.matches("<rect").count(), 2, "{svg}");
    }

    /// The width of every `<rect>` after the background, in order.
    fn bar_widths(svg: &str) -> Vec<f64> {
        svg.split("<rect")
            .skip(2)
            .map(|r| {
                let w = r.split("width=\"").nth(1).expect("width");
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bar_lengths_are_proportional_to_their_values() {
        let chart = BarChart::counts(vec![Group {
            heading: None,
            bars: vec![
                bar("予以公开", Some(58.0)),
                bar("部分公开", Some(29.0)),
                bar("不予公开", Some(0.0)),
            ],
        }]);
        let widths = bar_widths(&svg(&chart).unwrap());
        // A zero gets no bar; 29 is half of the full-length 58 (to the pixel).
        assert_eq!(widths.len(), 2, "{widths:?}");
        assert!((widths[0] / 2.0 - widths[1]).abs() <= 1.0, "{widths:?}");
        assert!(
            widths[0] >= 200.0,
            "the longest bar spans the plot: {widths:?}"
        );
        // With a fixed full length, a bar is its share of it.
        let mut fixed = chart;
        fixed.max = Some(116.0);
        let widths = bar_widths(&svg(&fixed).unwrap());
        assert!(
            (widths[0] * 2.0 - widths[1] * 4.0).abs() <= 2.0,
            "{widths:?}"
        );
    }
}
