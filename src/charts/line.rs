//! Line charts of one indicator over the years, on an axis with labelled ticks (a `%` axis for
//! rates). Each point carries its value as text; a year with no figure breaks the line.

use super::canvas::{self, text_width, Anchor, GRID, INK, MUTED, PALETTE, SMALL};

/// One indicator over the years.
pub(crate) struct LineChart {
    /// (year label, value, value as text), oldest first.
    pub points: Vec<(String, Option<f64>, String)>,
    /// The indicator's unit; `%` gives a percent axis.
    pub unit: String,
}

const MIN_WIDTH: i32 = 560;
const PAD: i32 = 8;
const TOP: i32 = 52;
const PLOT_H: i32 = 180;
const BOTTOM: i32 = 34;

/// The SVG of `chart`.
pub(crate) fn svg(chart: &LineChart) -> Result<String, String> {
    let values: Vec<f64> = chart.points.iter().filter_map(|p| p.1).collect();
    let percent = chart.unit == "%";
    let ticks = ticks(&values, percent);
    let (lo, hi) = (ticks[0].0, ticks[ticks.len() - 1].0);
    let tick_w = ticks
        .iter()
        .map(|t| text_width(&t.1, SMALL))
        .max()
        .unwrap_or(0);
    let left = PAD + tick_w + 10;
    // Each year gets room for the widest of its labels, so neighbours never touch.
    let slot = chart
        .points
        .iter()
        .map(|p| text_width(&p.0, SMALL).max(text_width(&p.2, SMALL)) + 16)
        .max()
        .unwrap_or(0)
        .max(72);
    let n = chart.points.len().max(1) as i32;
    let width = MIN_WIDTH.max(left + n * slot + PAD);
    let plot_w = width - left - PAD;
    let bottom = TOP + PLOT_H;
    let y_of = |v: f64| bottom - ((v - lo) / (hi - lo) * f64::from(PLOT_H)).round() as i32;
    let x_of = |i: usize| left + plot_w * (2 * i as i32 + 1) / (2 * n);
    let unit = if percent {
        "单位：%".to_string()
    } else {
        format!("单位：{}", chart.unit)
    };
    canvas::draw(width, bottom + BOTTOM, |c| {
        c.text(&unit, (PAD, PAD + 10), Anchor::Left, SMALL, MUTED);
        for (v, label) in &ticks {
            let y = y_of(*v);
            c.line(&[(left, y), (width - PAD, y)], GRID, 1);
            c.text(label, (left - 8, y), Anchor::Right, SMALL, INK);
        }
        c.line(
            &[(left, TOP - 8), (left, bottom), (width - PAD, bottom)],
            INK,
            1,
        );
        let mut run: Vec<(i32, i32)> = Vec::new();
        for (i, (_, v, _)) in chart.points.iter().enumerate() {
            match v {
                Some(v) => run.push((x_of(i), y_of(*v))),
                None => draw_run(c, &mut run),
            }
        }
        draw_run(c, &mut run);
        for (i, (year, v, text)) in chart.points.iter().enumerate() {
            let x = x_of(i);
            c.text(year, (x, bottom + 8), Anchor::Below, SMALL, INK);
            if let Some(v) = v {
                c.dot((x, y_of(*v)), PALETTE[0]);
                c.text(text, (x, y_of(*v) - 9), Anchor::Above, SMALL, INK);
            }
        }
    })
}

fn draw_run(c: &mut canvas::Canvas, run: &mut Vec<(i32, i32)>) {
    if run.len() > 1 {
        c.line(run, PALETTE[0], 2);
    }
    run.clear();
}

/// Axis ticks (value, label) covering `values` in 1-2-5 steps, at most six; a percent axis
/// stays within 0–100 and labels its ticks with `%`.
pub(crate) fn ticks(values: &[f64], percent: bool) -> Vec<(f64, String)> {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (min, max) = if min.is_finite() {
        (min, max)
    } else {
        (0.0, 1.0)
    };
    let span = if max > min {
        max - min
    } else {
        max.abs().max(1.0) * 0.1
    };
    let raw = span / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= 5.0)
        .unwrap_or(10.0 * mag);
    let mut lo = (min / step).floor() * step;
    let mut hi = (max / step).ceil() * step;
    if hi <= lo {
        lo -= step;
        hi += step;
    }
    if percent {
        lo = lo.max(0.0);
        hi = hi.min(100.0).max(lo + step);
    }
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    let count = ((hi - lo) / step).round() as usize;
    (0..=count)
        .map(|k| {
            let v = lo + k as f64 * step;
            let text = format!("{v:.decimals$}");
            (v, if percent { format!("{text}%") } else { text })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_values_in_round_steps() {
        let t: Vec<String> = ticks(&[95.12, 97.48], true)
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(t, ["95.0%", "95.5%", "96.0%", "96.5%", "97.0%", "97.5%"]);
        let t: Vec<String> = ticks(&[8.21, 12.41], false)
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(t, ["8", "9", "10", "11", "12", "13"]);
        let t: Vec<String> = ticks(&[100.0, 100.0], true)
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(t.last().map(String::as_str), Some("100%"));
    }

    #[test]
    fn a_blank_year_breaks_the_line_but_keeps_its_label() {
        let chart = LineChart {
            points: vec![
                ("2019".into(), Some(95.0), "95%".into()),
                ("2020".into(), None, String::new()),
                ("2021".into(), Some(96.0), "96%".into()),
            ],
            unit: "%".into(),
        };
        let svg = svg(&chart).unwrap();
        assert!(svg.contains(">\n2020\n</text>"));
        assert!(
            !svg.contains("stroke-width=\"2\""),
            "no two consecutive points: no line"
        );
    }
}
