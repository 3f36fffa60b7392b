//! Horizontal bar lists: one labelled bar per figure, optionally under group headings.
//!
//! Every bar carries its name and its number as text (colour and pattern only help the eye
//! across groups), and no text is ever rotated. Short names and numbers sit on the bar's line:
//! the name in a column on the left, the number after the bar. When they would leave a phone's
//! bar too short, each name and number sit on a line of their own above a full-width bar.

use super::canvas::{
    text_width, wrap, Anchor, Canvas, Drawing, Label, Len, Look, BASELINE, FULL, LINE, MIN_WIDTH,
};

/// One bar.
pub(crate) struct Bar {
    /// Name (wrapped when long).
    pub label: String,
    /// Length; `None` for a blank cell (no bar, the text says so).
    pub value: Option<f64>,
    /// The figure as written (perhaps with a share).
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

/// The unit line at the top.
const UNIT: i32 = 24;
/// A group heading's line, with a little space above it.
const HEADING: i32 = LINE + 6;
/// A bar beside its text.
const ROW: i32 = 26;
/// A bar under its text.
const BAR: i32 = 12;
/// Space between a bar under its text and the next name.
const GAP: i32 = 10;
/// Space between a name and its bar, and between a bar and its number.
const PAD: i32 = 8;
/// A long group of bars may be cut (for printing) every this many bars.
const GROUP_PIECE: usize = 4;
/// The shortest full-length bar, as a share of the width, that keeps names beside their bars.
const MIN_SPAN: i32 = FULL / 2;

/// Where names, bars and numbers go across the width.
enum Layout {
    /// Names right-aligned before `start`; bars from `start`, at most `span` long.
    Beside { start: i32, span: i32 },
    /// Names and numbers on their own line; bars as long as the width.
    Above,
}

/// The width of `px` pixels at [`MIN_WIDTH`], in hundredths of a percent, rounded up.
fn share_of_min(px: i32) -> i32 {
    (px * FULL + MIN_WIDTH - 1) / MIN_WIDTH
}

fn layout(chart: &BarChart) -> Layout {
    let bars = || chart.groups.iter().flat_map(|g| &g.bars);
    let name = bars().map(|b| text_width(&b.label)).max().unwrap_or(0);
    let value = bars().map(|b| text_width(&b.text)).max().unwrap_or(0);
    let start = share_of_min(name + PAD);
    let span = FULL - start - share_of_min(PAD + value + 2);
    if span >= MIN_SPAN {
        Layout::Beside { start, span }
    } else {
        Layout::Above
    }
}

/// The drawing of `chart`.
pub(crate) fn svg(chart: &BarChart) -> Drawing {
    let bars = || chart.groups.iter().flat_map(|g| &g.bars);
    let max = chart
        .max
        .unwrap_or_else(|| bars().filter_map(|b| b.value).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let layout = layout(chart);
    let mut c = Canvas::new();
    c.label(&Label {
        anchor: Anchor::End,
        look: Look::Muted,
        ..Label::new(Len::Pct(FULL), BASELINE, &chart.unit)
    });
    let mut y = UNIT;
    for group in &chart.groups {
        let headed = group.heading.is_some();
        if let Some(h) = &group.heading {
            c.may_cut(y);
            for line in wrap(h, MIN_WIDTH) {
                c.label(&Label {
                    look: Look::Bold,
                    ..Label::new(Len::Px(0), y + HEADING - LINE + BASELINE, &line)
                });
                y += HEADING;
            }
        }
        for (i, bar) in group.bars.iter().enumerate() {
            // A group goes on one printed page, unless it is long; its heading stays with its
            // first bar.
            if i > 0 && i % GROUP_PIECE == 0 || i == 0 && !headed {
                c.may_cut(y);
            }
            let share = |span: i32| {
                bar.value
                    .map_or(0, |v| (v / max * f64::from(span)).round() as i32)
            };
            y = match layout {
                Layout::Beside { start, span } => beside(&mut c, bar, y, start, share(span)),
                Layout::Above => above(&mut c, bar, y, share(FULL)),
            };
        }
    }
    c.finish(y)
}

/// A bar from `start`, `len` long, at `y`, with its name left of it and its number after it;
/// returns the next bar's top. Names and numbers go in groups of their own (right-aligned
/// names, bold numbers), so that each text carries only its position.
fn beside(c: &mut Canvas, bar: &Bar, y: i32, start: i32, len: i32) -> i32 {
    let base = y + (ROW - LINE) / 2 + BASELINE;
    if len > 0 {
        c.bar(
            (Len::Pct(start), y + 5),
            (Len::Pct(len), ROW - 10),
            bar.series,
        );
    }
    c.defer(
        r#"text-anchor="end""#,
        &Label {
            dx: -PAD,
            ..Label::new(Len::Pct(start), base, &bar.label)
        },
    );
    c.defer(
        r#"font-weight="bold""#,
        &Label {
            dx: PAD,
            ..Label::new(Len::Pct(start + len), base, &bar.text)
        },
    );
    y + ROW
}

/// A bar under a line with its name and number; returns the next name's top.
fn above(c: &mut Canvas, bar: &Bar, mut y: i32, len: i32) -> i32 {
    let mut lines = wrap(&bar.label, MIN_WIDTH);
    let last = lines.pop().unwrap_or_default();
    for line in lines {
        c.label(&Label::new(Len::Px(0), y + BASELINE, &line));
        y += LINE;
    }
    if text_width(&last) + PAD + text_width(&bar.text) <= MIN_WIDTH {
        c.label(&Label {
            value: Some(&bar.text),
            ..Label::new(Len::Px(0), y + BASELINE, &last)
        });
    } else {
        c.label(&Label::new(Len::Px(0), y + BASELINE, &last));
        y += LINE;
        c.label(&Label {
            look: Look::Bold,
            ..Label::new(Len::Px(0), y + BASELINE, &bar.text)
        });
    }
    y += LINE;
    if len > 0 {
        c.bar((Len::Px(0), y), (Len::Pct(len), BAR), bar.series);
    }
    y + BAR + GAP
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

    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let t = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                t.replace("<tspan dx=\"8\" font-weight=\"bold\">", "|")
                    .replace("</tspan>", "")
            })
            .collect()
    }

    /// The width of every `<rect>`, in percent, in order.
    fn bar_widths(svg: &str) -> Vec<f64> {
        svg.split("<rect")
            .skip(1)
            .map(|r| {
                let w = r.split("width=\"").nth(1).expect("width");
                w[..w.find('%').unwrap()].parse().unwrap()
            })
            .collect()
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
        let svg = svg(&chart).markup();
        // Names, then numbers, each in a group of their own.
        assert_eq!(
            texts(&svg),
            [
                "单位：件",
                "行政复议",
                "结果维持",
                "结果纠正",
                "29 件",
                "空白"
            ]
        );
        assert_eq!(svg.matches("<rect").count(), 1, "the blank gets no bar");
    }

    #[test]
    fn long_names_or_numbers_go_above_full_width_bars() {
        let chart = BarChart::counts(vec![Group {
            heading: None,
            bars: vec![
                bar("结转下年度继续办理", Some(10.0)),
                Bar {
                    text: "199 件（56.2%）".into(),
                    ..bar("予以公开", Some(20.0))
                },
            ],
        }]);
        let svg = svg(&chart).markup();
        assert_eq!(
            texts(&svg),
            [
                "单位：件",
                "结转下年度继续办理|10 件",
                "予以公开|199 件（56.2%）"
            ]
        );
        assert_eq!(bar_widths(&svg), [50.0, 100.0]);
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
        let widths = bar_widths(&svg(&chart).markup());
        // A zero gets no bar; 29 is half of the full-length 58.
        assert_eq!(widths.len(), 2, "{widths:?}");
        assert!((widths[0] / 2.0 - widths[1]).abs() <= 0.01, "{widths:?}");
        assert!(
            widths[0] >= 50.0,
            "the longest bar spans the plot: {widths:?}"
        );
        // With a fixed full length, a bar is its share of it.
        let mut fixed = chart;
        fixed.max = Some(116.0);
        let w = bar_widths(&svg(&fixed).markup());
        assert!((w[0] * 2.0 - widths[0]).abs() <= 0.02, "{w:?}");
    }

    #[test]
    fn names_beside_their_bars_fit_a_phone() {
        let chart = BarChart::counts(vec![Group {
            heading: None,
            bars: vec![bar("结果维持", Some(6.0)), bar("尚未审结", Some(1.0))],
        }]);
        let Layout::Beside { start, span } = layout(&chart) else {
            panic!("short names go beside their bars");
        };
        // At the narrowest width: the name fits left of the bar, the number right of it.
        let px = |h: i32| Len::Pct(h).at(MIN_WIDTH);
        assert!(px(start) >= f64::from(text_width("结果维持") + PAD));
        assert!(px(start + span) + f64::from(PAD + text_width("6 件")) <= f64::from(MIN_WIDTH));
    }
}
