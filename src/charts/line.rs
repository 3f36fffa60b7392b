//! Line charts of one indicator over the years, on an axis with labelled ticks (a `%` axis for
//! rates). Each point carries its value as text; a year with no figure breaks the line.
//!
//! A count axis starts at 0, so a line never exaggerates a change. A percentage axis starts at 0
//! too unless every value is well above it (a satisfaction rate of 95%–97%); then it starts at a
//! round ten below the lowest value, and the axis shows a break mark and the unit line says where
//! it starts.

use super::canvas::{
    text_width, Anchor, Canvas, Drawing, Label, Len, Look, BASELINE, DOTS, FULL, GRID, HALO, INK,
    LINE, MIN_WIDTH, PALETTE,
};

/// One indicator over the years.
pub(crate) struct LineChart {
    /// (year label, value, value as text), oldest first.
    pub points: Vec<(String, Option<f64>, String)>,
    /// The indicator's unit; `%` gives a percent axis.
    pub unit: String,
}

/// The unit line at the top.
const UNIT: i32 = 24;
/// The plot's height.
const PLOT_H: i32 = 150;
/// Space between a tick label and the axis.
const TICK_GAP: i32 = 8;
/// How far a value's baseline sits above its point.
const ABOVE: i32 = 11;
/// A value label's box around its baseline: ascent and descent.
const ASCENT: i32 = 12;
const DESCENT: i32 = 3;

/// The value axis: ticks (value, label), lowest first, and whether it starts above 0.
#[derive(Debug, PartialEq)]
pub(crate) struct Axis {
    pub ticks: Vec<(f64, String)>,
    pub broken: bool,
}

/// The axis for `values`: counts from 0 in 1-2-5 steps, at most six ticks; percentages from 0,
/// or from a round ten below the lowest value when all are at 30% or more. Tick labels are bare
/// numbers: the unit line names the unit.
pub(crate) fn axis(values: &[f64], percent: bool) -> Axis {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (min, max) = if min.is_finite() {
        (min, max)
    } else {
        (0.0, 1.0)
    };
    let (lo, hi, steps): (f64, f64, &[f64]) = if percent {
        let lo = ((min - 2.0) / 10.0).floor() * 10.0;
        let lo = if lo < 30.0 { 0.0 } else { lo };
        let top = if max > 100.0 { max } else { 100.0 };
        let hi = ((max / 10.0).ceil() * 10.0).max(lo + 10.0).min(top.ceil());
        (lo, hi, &[1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0])
    } else {
        (min.min(0.0), max.max(f64::MIN_POSITIVE), &[1.0, 2.0, 5.0])
    };
    let span = hi - lo;
    let mag = 10f64.powf((span / 5.0).log10().floor());
    let step = steps
        .iter()
        .flat_map(|s| [s * mag, s * mag * 10.0])
        .filter(|s| (span / s).ceil() <= 5.0 + 1e-9)
        .fold(f64::INFINITY, f64::min);
    let lo = (lo / step).floor() * step;
    let count = ((hi - lo) / step - 1e-9).ceil().max(1.0) as usize;
    let ticks = (0..=count)
        .map(|k| {
            let v = lo + k as f64 * step;
            (v, super::fmt_value(v))
        })
        .collect();
    Axis {
        ticks,
        broken: lo > 0.0,
    }
}

/// A text's box, in pixels at [`MIN_WIDTH`], plot-relative.
#[derive(Debug, Clone, Copy)]
struct Box {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Box {
    fn hits(&self, o: &Box) -> bool {
        const M: f64 = 2.0;
        self.x0 < o.x1 + M && o.x0 < self.x1 + M && self.y0 < o.y1 + M && o.y0 < self.y1 + M
    }
}

/// How a text centred on `x` (pixels at [`MIN_WIDTH`]) stays inside the chart: its anchor and
/// a pixel nudge.
fn fit(x: f64, w: i32) -> (Anchor, i32) {
    let half = f64::from(w) / 2.0;
    if x + half > f64::from(MIN_WIDTH) {
        (Anchor::End, (f64::from(MIN_WIDTH) - x).floor() as i32)
    } else {
        (Anchor::Middle, 0)
    }
}

fn span_of(x: f64, w: i32, (anchor, dx): (Anchor, i32)) -> (f64, f64) {
    let x = x + f64::from(dx);
    match anchor {
        Anchor::Start => (x, x + f64::from(w)),
        Anchor::Middle => (x - f64::from(w) / 2.0, x + f64::from(w) / 2.0),
        Anchor::End => (x - f64::from(w), x),
    }
}

/// The drawing of `chart`.
pub(crate) fn svg(chart: &LineChart) -> Drawing {
    let values: Vec<f64> = chart.points.iter().filter_map(|p| p.1).collect();
    let percent = chart.unit == "%";
    let axis = axis(&values, percent);
    let (lo, hi) = (axis.ticks[0].0, axis.ticks[axis.ticks.len() - 1].0);
    let tick_w = axis
        .ticks
        .iter()
        .map(|t| text_width(&t.1))
        .max()
        .unwrap_or(0);
    // The gutter left of the axis holds the tick labels, on the narrowest screen too.
    let gutter = ((tick_w + 2 * TICK_GAP) * FULL + MIN_WIDTH - 1) / MIN_WIDTH;
    let n = chart.points.len().max(1) as i32;
    let x_of = |i: usize| gutter + (FULL - gutter) * (2 * i as i32 + 1) / (2 * n);
    let px = |h: i32| Len::Pct(h).at(MIN_WIDTH);
    let y_of = |v: f64| PLOT_H - ((v - lo) / (hi - lo) * f64::from(PLOT_H)).round() as i32;

    // Value labels go above their points, raised a line at a time until they touch nothing.
    let mut taken: Vec<Box> = Vec::new();
    for (v, label) in &axis.ticks {
        let base = y_of(*v) + 5;
        let right = px(gutter) - f64::from(TICK_GAP);
        taken.push(Box {
            x0: right - f64::from(text_width(label)),
            x1: right,
            y0: f64::from(base - ASCENT),
            y1: f64::from(base + DESCENT),
        });
    }
    for (i, (_, v, _)) in chart.points.iter().enumerate() {
        if let Some(v) = v {
            let (x, y) = (px(x_of(i)), f64::from(y_of(*v)));
            taken.push(Box {
                x0: x - 6.0,
                x1: x + 6.0,
                y0: y - 6.0,
                y1: y + 6.0,
            });
        }
    }
    let mut placed: Vec<(usize, i32, (Anchor, i32))> = Vec::new();
    for (i, (_, v, text)) in chart.points.iter().enumerate() {
        let Some(v) = v else { continue };
        let x = px(x_of(i));
        let w = text_width(text);
        let fitted = fit(x, w);
        let (x0, x1) = span_of(x, w, fitted);
        let at = |tier: i32| {
            let base = y_of(*v) - ABOVE - tier * (ASCENT + DESCENT + 2);
            (
                base,
                Box {
                    x0,
                    x1,
                    y0: f64::from(base - ASCENT),
                    y1: f64::from(base + DESCENT),
                },
            )
        };
        let (base, b) = (0..8)
            .map(at)
            .find(|(_, b)| !taken.iter().any(|t| t.hits(b)))
            .unwrap_or_else(|| at(0));
        taken.push(b);
        placed.push((i, base, fitted));
    }
    let highest = placed.iter().map(|p| p.1 - ASCENT).min().unwrap_or(0);
    let top = UNIT + (-highest).max(10);
    let bottom = top + PLOT_H;

    let mut c = Canvas::new();
    let mut unit = format!("单位：{}", chart.unit);
    if axis.broken {
        unit.push_str(&format!("（纵轴从 {}% 起）", axis.ticks[0].1));
    }
    c.label(&Label {
        look: Look::Muted,
        ..Label::new(Len::Px(0), BASELINE, &unit)
    });
    c.group(&format!(r#"stroke="{GRID}""#), |c| {
        for (v, _) in &axis.ticks {
            let y = top + y_of(*v);
            c.segment((Len::Pct(gutter), y), (Len::Pct(FULL), y));
        }
    });
    c.group(r#"text-anchor="end""#, |c| {
        for (v, label) in &axis.ticks {
            c.label(&Label {
                dx: -TICK_GAP,
                ..Label::new(Len::Pct(gutter), top + y_of(*v) + 5, label)
            });
        }
    });
    c.line(
        (Len::Pct(gutter), top - 6),
        (Len::Pct(gutter), bottom),
        INK,
        1,
    );
    c.line((Len::Pct(gutter), bottom), (Len::Pct(FULL), bottom), INK, 1);
    if axis.broken {
        c.axis_break((Len::Pct(gutter), bottom - 10));
    }
    c.group(
        &format!(r#"stroke="{}" stroke-width="2""#, PALETTE[0]),
        |c| {
            let mut prev: Option<(i32, i32)> = None;
            for (i, (_, v, _)) in chart.points.iter().enumerate() {
                let here = v.map(|v| (x_of(i), top + y_of(v)));
                if let (Some(a), Some(b)) = (prev, here) {
                    c.segment((Len::Pct(a.0), a.1), (Len::Pct(b.0), b.1));
                }
                prev = here;
            }
        },
    );
    c.group(DOTS, |c| {
        for (i, (_, v, _)) in chart.points.iter().enumerate() {
            if let Some(v) = v {
                c.dot((Len::Pct(x_of(i)), top + y_of(*v)));
            }
        }
    });
    c.group(HALO, |c| {
        for (i, base, (anchor, dx)) in &placed {
            c.label(&Label {
                dx: *dx,
                anchor: *anchor,
                ..Label::new(Len::Pct(x_of(*i)), top + base, &chart.points[*i].2)
            });
        }
    });
    // Years under the axis; on two lines when a year is wider than its slot.
    let slot = px(FULL - gutter) / f64::from(n);
    let year_w = chart
        .points
        .iter()
        .map(|p| text_width(&p.0))
        .max()
        .unwrap_or(0);
    let stagger = slot < f64::from(year_w + 4);
    for (i, (year, ..)) in chart.points.iter().enumerate() {
        let (anchor, dx) = fit(px(x_of(i)), text_width(year));
        let line = if stagger && i % 2 == 1 { LINE } else { 0 };
        c.label(&Label {
            dx,
            anchor,
            ..Label::new(Len::Pct(x_of(i)), bottom + 6 + BASELINE + line, year)
        });
    }
    let lines = if stagger { 2 } else { 1 };
    c.finish(bottom + 6 + lines * LINE + 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(a: &Axis) -> Vec<&str> {
        a.ticks.iter().map(|t| t.1.as_str()).collect()
    }

    #[test]
    fn count_axes_start_at_zero_in_round_steps() {
        let a = axis(&[8.21, 12.41], false);
        assert_eq!(labels(&a), ["0", "5", "10", "15"]);
        assert!(!a.broken);
        let a = axis(&[1.62, 2.06], false);
        assert_eq!(labels(&a), ["0", "0.5", "1", "1.5", "2", "2.5"]);
        let a = axis(&[12000.0, 13500.0], false);
        assert_eq!(labels(&a), ["0", "5000", "10000", "15000"]);
    }

    #[test]
    fn a_percent_axis_starts_at_zero_or_is_marked_broken() {
        let a = axis(&[95.12, 97.48], true);
        assert_eq!(labels(&a), ["90", "92", "94", "96", "98", "100"]);
        assert!(a.broken);
        let a = axis(&[100.0, 100.0], true);
        assert_eq!(labels(&a).last(), Some(&"100"));
        let a = axis(&[12.0, 25.0], true);
        assert_eq!(labels(&a), ["0", "10", "20", "30"]);
        assert!(!a.broken);
    }

    fn chart(points: &[(&str, Option<f64>, &str)], unit: &str) -> LineChart {
        LineChart {
            points: points
                .iter()
                .map(|(y, v, t)| (y.to_string(), *v, t.to_string()))
                .collect(),
            unit: unit.into(),
        }
    }

    #[test]
    fn a_blank_year_breaks_the_line_but_keeps_its_label() {
        let svg = svg(&chart(
            &[
                ("2019", Some(95.0), "95%"),
                ("2020", None, ""),
                ("2021", Some(96.0), "96%"),
            ],
            "%",
        ))
        .markup();
        assert!(svg.contains(">2020</text>"));
        assert!(
            svg.contains("<g stroke=\"#0b4f9c\" stroke-width=\"2\">\n</g>"),
            "no two consecutive points: no line\n{svg}"
        );
        assert!(svg.contains("（纵轴从 90% 起）"), "{svg}");
        assert!(svg.contains(">//</text>"), "the axis shows its break");
    }

    #[test]
    fn value_labels_of_seven_years_do_not_touch_on_a_phone() {
        let years = ["2019", "2020", "2021", "2022", "2023", "2024", "2025"];
        let values = [95.12, 95.87, 96.41, 96.15, 97.03, 97.48, 97.5];
        let texts: Vec<String> = values.iter().map(|v| format!("{v}%")).collect();
        let points: Vec<(&str, Option<f64>, &str)> = years
            .iter()
            .zip(&values)
            .zip(&texts)
            .map(|((y, v), t)| (*y, Some(*v), t.as_str()))
            .collect();
        let svg = svg(&chart(&points, "%")).markup();
        // Every value is written; the chart is taller than one line of labels would need.
        for t in &texts {
            assert!(svg.contains(&format!(">{t}</text>")), "{t}");
        }
    }
}
