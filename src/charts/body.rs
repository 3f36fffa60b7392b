//! The charts of a body page: its years side by side — applications received and carried
//! over, the outcome split per year (100%), 行政复议 and 行政诉讼 by result, the T2 rows that
//! mean the same in both formats, and every indicator with two or more years.

use crate::diag::Result;
use crate::model::{Report, Site};

use super::bars::{self, Bar, BarChart, Group};
use super::series::{self, OUTCOMES, T2_COMPARABLE, T4_RESULTS};
use super::stack::{self, StackChart, StackRow};
use super::text::{cell_text, count, head, row};
use super::{fmt_value, line, percent, Chart, DataTable, Spec};

/// The year-over-year charts of a body's page; none for a body with fewer than two reports.
pub fn body_charts(site: &Site, body: &str) -> Result<Vec<Chart>> {
    let reports: Vec<&Report> = site.reports_of(body).collect();
    if reports.len() < 2 {
        return Ok(Vec::new());
    }
    let mut charts = vec![
        received(&reports)?,
        outcome_shares(&reports)?,
        results_by_year(&reports, "chart-reviews", "行政复议", &|r, c| {
            series::cell(&r.t4, "review", c)
        })?,
        results_by_year(&reports, "chart-suits", "行政诉讼", &|r, c| {
            series::suits(r, c)
        })?,
    ];
    if reports
        .iter()
        .filter(|r| {
            T2_COMPARABLE
                .iter()
                .any(|(k, _)| series::cell(&r.t2, k, "decisions").is_some())
        })
        .count()
        >= 2
    {
        charts.push(t2_decisions(&reports)?);
    }
    for s in series::indicators(site, body) {
        charts.push(indicator(&s)?);
    }
    Ok(charts)
}

fn span(reports: &[&Report]) -> String {
    let (first, last) = (reports[0].year, reports[reports.len() - 1].year);
    format!("{first}–{last} 年")
}

fn received(reports: &[&Report]) -> Result<Chart> {
    let figures = |r: &Report| {
        ["new", "carried_over", "carried_forward"].map(|k| series::cell(&r.t3, k, "total"))
    };
    let groups = reports
        .iter()
        .map(|r| {
            let [new, over, _] = figures(r);
            Group {
                heading: Some(format!("{} 年", r.year)),
                bars: vec![
                    Bar {
                        label: "本年新收".into(),
                        value: new,
                        text: count(new),
                        series: 0,
                    },
                    Bar {
                        label: "上年结转".into(),
                        value: over,
                        text: count(over),
                        series: 1,
                    },
                ],
            }
        })
        .collect();
    let chart = BarChart::counts(groups);
    let rows = reports
        .iter()
        .map(|r| row(format!("{} 年", r.year), figures(r).map(cell_text)))
        .collect();
    let desc: Vec<String> = reports
        .iter()
        .map(|r| {
            let [new, over, _] = figures(r);
            format!("{} 年新收 {}、上年结转 {}", r.year, count(new), count(over))
        })
        .collect();
    Spec {
        id: "chart-received".into(),
        title: format!("历年收到的政府信息公开申请（{}）", span(reports)),
        desc: format!("分组横向条形图。{}。", desc.join("；")),
        table: DataTable {
            head: head(&["年度", "本年新收", "上年结转", "结转下年度"]),
            rows,
        },
        note: None,
    }
    .finish(bars::svg(&chart))
}

fn outcome_shares(reports: &[&Report]) -> Result<Chart> {
    let rows: Vec<StackRow> = reports
        .iter()
        .map(|r| StackRow {
            label: format!("{} 年", r.year),
            values: series::outcomes(r),
            note: format!(
                "办结 {}",
                count(series::cell(&r.t3, "results.total", "total"))
            ),
        })
        .collect();
    let table_rows = reports
        .iter()
        .zip(&rows)
        .map(|(r, s)| {
            let total = series::cell(&r.t3, "results.total", "total");
            let cells = s
                .values
                .iter()
                .map(|v| match (v, total.and_then(|t| percent((*v)?, t))) {
                    (Some(v), Some(p)) => format!("{}（{p}）", fmt_value(*v)),
                    (v, _) => cell_text(*v),
                });
            row(s.label.clone(), cells.chain([cell_text(total)]))
        })
        .collect();
    let desc: Vec<String> = reports
        .iter()
        .map(|r| {
            let total = series::cell(&r.t3, "results.total", "total");
            let granted = series::outcomes(r)[0];
            format!(
                "{} 年予以公开占 {}",
                r.year,
                total
                    .and_then(|t| percent(granted?, t))
                    .unwrap_or_else(|| "空白".into())
            )
        })
        .collect();
    let parts: Vec<String> = OUTCOMES.iter().map(|(l, _)| l.to_string()).collect();
    let mut head_cells = vec!["年度".to_string()];
    head_cells.extend(parts.iter().cloned());
    head_cells.push("办结总计".into());
    let chart = StackChart {
        parts,
        rows,
        percent: true,
        unit: "各项占当年办结总数的比例".into(),
    };
    Spec {
        id: "chart-outcome-shares".into(),
        title: format!("历年申请办理结果构成（{}）", span(reports)),
        desc: format!("百分比堆积条形图，每年一条。{}；各项件数与比例见图下表格。", desc.join("，")),
        table: DataTable { head: head_cells, rows: table_rows },
        note: Some("2019、2020 年为试行格式，其「（六）其他处理」不分小项；两种格式的六类结果含义相同，可直接比较。".into()),
    }
    .finish(stack::svg(&chart))
}

type Cell<'a> = &'a dyn Fn(&Report, &str) -> Option<f64>;

fn results_by_year(reports: &[&Report], id: &str, name: &str, cell: Cell) -> Result<Chart> {
    let rows: Vec<StackRow> = reports
        .iter()
        .map(|r| StackRow {
            label: format!("{} 年", r.year),
            values: T4_RESULTS.iter().map(|(c, _)| cell(r, c)).collect(),
            note: format!("总计 {}", count(cell(r, "total"))),
        })
        .collect();
    let table_rows = reports
        .iter()
        .map(|r| {
            let cols = T4_RESULTS.iter().map(|(c, _)| *c).chain(["total"]);
            row(
                format!("{} 年", r.year),
                cols.map(|c| cell_text(cell(r, c))),
            )
        })
        .collect();
    let desc: Vec<String> = reports
        .iter()
        .map(|r| format!("{} 年 {}", r.year, count(cell(r, "total"))))
        .collect();
    let parts: Vec<String> = T4_RESULTS.iter().map(|(_, l)| l.to_string()).collect();
    let chart = StackChart {
        parts,
        rows,
        percent: false,
        unit: "单位：件".into(),
    };
    Spec {
        id: id.into(),
        title: format!("历年{name}结果（{}）", span(reports)),
        desc: format!(
            "堆积条形图，每年一条，按结果分段。{name}总计：{}。",
            desc.join("，")
        ),
        table: DataTable {
            head: head(&[
                "年度",
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
            ]),
            rows: table_rows,
        },
        note: (name == "行政诉讼")
            .then(|| "行政诉讼为表四「未经复议直接起诉」与「复议后起诉」两项之和。".into()),
    }
    .finish(stack::svg(&chart))
}

fn t2_decisions(reports: &[&Report]) -> Result<Chart> {
    let value = |r: &Report, k: &str| series::cell(&r.t2, k, "decisions");
    let groups = reports
        .iter()
        .map(|r| Group {
            heading: Some(format!("{} 年", r.year)),
            bars: T2_COMPARABLE
                .iter()
                .enumerate()
                .map(|(i, (k, l))| Bar {
                    label: l.to_string(),
                    value: value(r, k),
                    text: count(value(r, k)),
                    series: i,
                })
                .collect(),
        })
        .collect();
    let chart = BarChart::counts(groups);
    let rows = reports
        .iter()
        .map(|r| {
            row(
                format!("{} 年", r.year),
                T2_COMPARABLE.iter().map(|(k, _)| cell_text(value(r, k))),
            )
        })
        .collect();
    let mut head_cells = vec!["年度".to_string()];
    head_cells.extend(T2_COMPARABLE.iter().map(|(_, l)| l.to_string()));
    Spec {
        id: "chart-t2".into(),
        title: format!("历年行政许可、行政处罚、行政强制处理决定数量（{}）", span(reports)),
        desc: "分组横向条形图，每年三项处理决定数量，数字见图中及图下表格。".into(),
        table: DataTable { head: head_cells, rows },
        note: Some("表二中只有这三行的「处理决定数量」在 2019 试行格式和 2021 格式中含义相同，其余各行不跨格式比较（见 docs/charts.md）。".into()),
    }
    .finish(bars::svg(&chart))
}

fn indicator(s: &series::IndicatorSeries) -> Result<Chart> {
    let unit = if s.unit == "%" {
        String::new()
    } else {
        s.unit.clone()
    };
    let points = s
        .points
        .iter()
        .map(|(y, v, t)| {
            (
                y.to_string(),
                *v,
                format!("{t}{}", if v.is_some() { s.unit.as_str() } else { "" }),
            )
        })
        .collect();
    let chart = line::LineChart {
        points,
        unit: s.unit.clone(),
    };
    let rows = s
        .points
        .iter()
        .map(|(y, _, t)| row(format!("{y} 年"), [t.clone()]))
        .collect();
    let desc: Vec<String> = s
        .points
        .iter()
        .map(|(y, v, t)| {
            format!(
                "{y} 年 {}",
                if v.is_some() {
                    format!("{t}{}", s.unit)
                } else {
                    "无数据".into()
                }
            )
        })
        .collect();
    let (first, last) = (s.points[0].0, s.points[s.points.len() - 1].0);
    Spec {
        id: format!("chart-ind-{}", s.id.replace('_', "-")),
        title: format!("历年{}（{first}–{last} 年）", s.label),
        desc: format!("折线图。{}。", desc.join("，")),
        table: DataTable {
            head: vec![
                "年度".into(),
                format!(
                    "{}（{}）",
                    s.label,
                    if unit.is_empty() { "%" } else { &unit }
                ),
            ],
            rows,
        },
        note: None,
    }
    .finish(line::svg(&chart))
}
