//! Year over year in the text: each headline figure of a report next to the same figure of the
//! same body's previous year, with the change in words (比上年增加 12.3% / 减少 / 持平).
//!
//! Counts change by a percentage; rates (shares, `%` indicators) change by percentage points,
//! which is how the two are told apart in Chinese statistics. Nothing is invented: without the
//! previous year's report the page says 无上年数据, and a blank figure is not compared.

use serde::Serialize;

use crate::figures::{self, Summary};

use super::{fmt_value, series::f};

/// One figure compared with the previous year.
#[derive(Debug, Clone, Serialize)]
pub struct YoyRow {
    /// What the figure is.
    pub label: String,
    /// This year's figure as shown.
    pub this: String,
    /// Last year's figure as shown; empty without one.
    pub prev: String,
    /// The change in words.
    pub change: String,
}

/// The comparison table of a report page.
#[derive(Debug, Clone, Serialize)]
pub struct YoyView {
    /// The previous year, when its report is on the site.
    pub prev_year: Option<u16>,
    /// Said when there is nothing to compare with.
    pub note: Option<String>,
    /// One row per headline figure.
    pub rows: Vec<YoyRow>,
}

/// How a figure changes: counts by percent, rates by percentage points (with `decimals`).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A count or amount.
    Count,
    /// A rate in percent.
    Rate(usize),
}

/// A headline figure of a report: its value and its text.
type Figure = (Option<f64>, String);

fn counted(v: Option<i64>) -> Figure {
    (
        f(v),
        v.map(|v| format!("{} 件", fmt_value(v as f64)))
            .unwrap_or_default(),
    )
}

/// The headline figures, with how each changes.
fn headline(report: &Summary) -> Vec<(String, Kind, Figure)> {
    let h = &report.headline();
    let share = h.granted_share();
    let mut rows = vec![
        (figures::RECEIVED.into(), Kind::Count, counted(h.received)),
        (
            figures::CARRIED_OVER.into(),
            Kind::Count,
            counted(h.carried_over),
        ),
        (figures::PROCESSED.into(), Kind::Count, counted(h.processed)),
        (
            figures::CARRIED_FORWARD.into(),
            Kind::Count,
            counted(h.carried_forward),
        ),
        (figures::GRANTED.into(), Kind::Count, counted(h.granted())),
        (
            figures::GRANTED_SHARE.into(),
            Kind::Rate(1),
            (share, figures::share_text(share).unwrap_or_default()),
        ),
        (figures::REVIEWS.into(), Kind::Count, counted(h.reviews(4))),
        (figures::SUITS.into(), Kind::Count, counted(h.suits(4))),
    ];
    for ind in &report.indicators {
        let kind = if ind.unit == "%" {
            Kind::Rate(2)
        } else {
            Kind::Count
        };
        let value = ind.value.as_ref().map(|n| n.value);
        let text = ind
            .value
            .as_ref()
            .map(|v| format!("{}{}", v.display(), ind.unit))
            .unwrap_or_default();
        rows.push((ind.label.clone(), kind, (value, text)));
    }
    rows
}

/// The comparison of a report with the same body's report of the year before, if the site has
/// it.
pub fn compare(report: &Summary, prev: Option<&Summary>) -> YoyView {
    let prev_year = report.year - 1;
    let before: Vec<(String, Kind, Figure)> = prev.map(headline).unwrap_or_default();
    let rows = headline(report)
        .into_iter()
        .map(|(label, kind, (value, text))| {
            let old = before.iter().find(|(l, ..)| *l == label).map(|(_, _, f)| f);
            let change = match (prev, old) {
                (None, _) => "无上年数据".to_string(),
                (Some(_), None) => "上年无此指标".to_string(),
                (Some(_), Some((was, _))) => change(value, *was, kind),
            };
            YoyRow {
                label,
                this: text,
                prev: old.map(|f| f.1.clone()).unwrap_or_default(),
                change,
            }
        })
        .collect();
    YoyView {
        prev_year: prev.map(|_| prev_year),
        note: prev
            .is_none()
            .then(|| format!("无上年数据：本站没有该机关 {prev_year} 年的报告，因此不作同比。")),
        rows,
    }
}

/// The change from `prev` to `this` in words.
pub fn change(this: Option<f64>, prev: Option<f64>, kind: Kind) -> String {
    let (Some(a), Some(b)) = (this, prev) else {
        return "无法比较（有空白）".to_string();
    };
    match kind {
        Kind::Rate(decimals) => {
            let d = format!("{:.decimals$}", (a - b).abs());
            if d.trim_start_matches(['0', '.']).is_empty() {
                "与上年持平".to_string()
            } else if a > b {
                format!("比上年提高 {d} 个百分点")
            } else {
                format!("比上年下降 {d} 个百分点")
            }
        }
        Kind::Count if a == b => "与上年持平".to_string(),
        Kind::Count if b == 0.0 => {
            format!("比上年增加 {}（上年为 0，不计算增幅）", fmt_value(a - b))
        }
        Kind::Count => {
            let p = format!("{:.1}", ((a - b) / b * 100.0).abs());
            let p = if p == "0.0" {
                "不足 0.1".to_string()
            } else {
                p
            };
            let word = if a > b { "增加" } else { "减少" };
            format!("比上年{word} {p}%")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_the_change_in_words() {
        let cases = [
            (Some(843.0), Some(750.0), Kind::Count, "比上年增加 12.4%"),
            (Some(700.0), Some(750.0), Kind::Count, "比上年减少 6.7%"),
            (Some(750.0), Some(750.0), Kind::Count, "与上年持平"),
            (
                Some(100001.0),
                Some(100000.0),
                Kind::Count,
                "比上年增加 不足 0.1%",
            ),
            (
                Some(5.0),
                Some(0.0),
                Kind::Count,
                "比上年增加 5（上年为 0，不计算增幅）",
            ),
            (
                Some(97.48),
                Some(97.03),
                Kind::Rate(2),
                "比上年提高 0.45 个百分点",
            ),
            (
                Some(96.15),
                Some(96.41),
                Kind::Rate(2),
                "比上年下降 0.26 个百分点",
            ),
            (Some(67.21), Some(67.24), Kind::Rate(1), "与上年持平"),
            (None, Some(1.0), Kind::Count, "无法比较（有空白）"),
        ];
        for (a, b, kind, want) in cases {
            assert_eq!(change(a, b, kind), want, "{a:?} vs {b:?}");
        }
    }
}
