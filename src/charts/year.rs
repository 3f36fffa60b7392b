//! The charts of a year page: the bodies side by side (applications received, share 予以公开).

use crate::diag::Result;
use crate::figures::Summary;

use super::bars::{self, Bar, BarChart, Group};
use super::series::f;
use super::text::{cell_text, count, head, row};
use super::{percent, Chart, DataTable, Spec};

/// The charts of a year page: the bodies side by side, each report with the name it is listed
/// under.
pub fn year_charts(year: u16, reports: &[(&Summary, String)]) -> Result<Vec<Chart>> {
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let figures = |r: &Summary| {
        let h = &r.headline();
        (
            f(h.received),
            f(h.granted()),
            f(h.processed),
            h.granted_share(),
        )
    };
    let received = BarChart {
        groups: vec![Group {
            heading: None,
            bars: reports
                .iter()
                .map(|(r, n)| Bar {
                    label: n.clone(),
                    value: figures(r).0,
                    text: count(figures(r).0),
                    series: 0,
                })
                .collect(),
        }],
        unit: "单位：件".into(),
        max: None,
    };
    let shares = BarChart {
        groups: vec![Group {
            heading: None,
            bars: reports
                .iter()
                .map(|(r, n)| {
                    let (_, g, t, share) = figures(r);
                    let text = t
                        .and_then(|t| percent(g?, t))
                        .unwrap_or_else(|| "空白".into());
                    Bar {
                        label: n.clone(),
                        value: share,
                        text,
                        series: 1,
                    }
                })
                .collect(),
        }],
        unit: "予以公开占办结的比例（满格为 100%）".into(),
        max: Some(100.0),
    };
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|(r, n)| {
            let (new, g, t, _) = figures(r);
            row(
                n.clone(),
                [
                    cell_text(new),
                    cell_text(g),
                    cell_text(t),
                    t.and_then(|t| percent(g?, t)).unwrap_or_default(),
                ],
            )
        })
        .collect();
    let table = DataTable {
        head: head(&["机关", "本年新收", "予以公开", "办结总计", "予以公开占办结"]),
        rows,
    };
    let desc = |say: &dyn Fn(&Summary) -> String| -> String {
        reports
            .iter()
            .map(|(r, n)| format!("{n} {}", say(r)))
            .collect::<Vec<_>>()
            .join("，")
    };
    Ok(super::share_patterns(vec![
        Spec {
            id: "chart-bodies-received".into(),
            title: format!("{year} 年各机关收到的政府信息公开申请"),
            desc: format!("横向条形图。{}。", desc(&|r| count(figures(r).0))),
            table: table.clone(),
            note: None,
        }
        .finish(bars::svg(&received))?,
        Spec {
            id: "chart-bodies-granted".into(),
            title: format!("{year} 年各机关予以公开占办结的比例"),
            desc: format!(
                "横向条形图。{}。",
                desc(&|r| {
                    let (_, g, t, _) = figures(r);
                    t.and_then(|t| percent(g?, t))
                        .unwrap_or_else(|| "空白".into())
                })
            ),
            table,
            note: None,
        }
        .finish(bars::svg(&shares))?,
    ]))
}
