//! The charts of a body page: its years side by side — applications received and carried
//! over, the outcome split per year (100%), 行政复议 and 行政诉讼 by result, the T2 rows that
//! mean the same in both formats, and every indicator with two or more years.

use crate::diag::Result;
use crate::figures::{Summary, DECISION_ROWS, OUTCOME_NAMES, T4_RESULT_NAMES};

use super::bars::{self, Bar, BarChart, Group};
use super::series::{self, f};
use super::stack::{self, StackChart, StackRow};
use super::text::{cell_text, count, head, row};
use super::{fmt_value, line, percent, Chart, DataTable, Spec};

/// The year-over-year charts of a body's page, from its reports oldest first; none for a body
/// with fewer than two reports.
pub fn body_charts(reports: &[&Summary]) -> Result<Vec<Chart>> {
    if reports.len() < 2 {
        return Ok(Vec::new());
    }
    let mut charts = vec![
        received(reports)?,
        outcome_shares(reports)?,
        results_by_year(reports, "chart-reviews", "行政复议", &|r, c| {
            r.headline().reviews(c)
        })?,
        results_by_year(reports, "chart-suits", "行政诉讼", &|r, c| {
            r.headline().suits(c)
        })?,
    ];
    if reports
        .iter()
        .filter(|r| r.headline().decisions.iter().any(Option::is_some))
        .count()
        >= 2
    {
        charts.push(t2_decisions(reports)?);
    }
    for s in series::indicators(reports) {
        charts.push(indicator(&s)?);
    }
    Ok(super::share_patterns(charts))
}

fn span(reports: &[&Summary]) -> String {
    let (first, last) = (reports[0].year, reports[reports.len() - 1].year);
    format!("{first}–{last} 年")
}

fn received(reports: &[&Summary]) -> Result<Chart> {
    let figures = |r: &Summary| {
        let h = &r.headline();
        [h.received, h.carried_over, h.carried_forward].map(f)
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

fn outcome_shares(reports: &[&Summary]) -> Result<Chart> {
    let rows: Vec<StackRow> = reports
        .iter()
        .map(|r| StackRow {
            label: format!("{} 年", r.year),
            values: r.headline().outcomes.map(f).to_vec(),
            note: format!("办结 {}", count(f(r.headline().processed))),
        })
        .collect();
    let table_rows = reports
        .iter()
        .zip(&rows)
        .map(|(r, s)| {
            let total = f(r.headline().processed);
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
            let total = f(r.headline().processed);
            let granted = f(r.headline().granted());
            format!(
                "{} 年予以公开占 {}",
                r.year,
                total
                    .and_then(|t| percent(granted?, t))
                    .unwrap_or_else(|| "空白".into())
            )
        })
        .collect();
    let parts: Vec<String> = OUTCOME_NAMES.iter().map(|l| l.to_string()).collect();
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

/// A figure of 表四 for a report: the result column (0–3) or 总计 (4).
type Cell<'a> = &'a dyn Fn(&Summary, usize) -> Option<i64>;

fn results_by_year(reports: &[&Summary], id: &str, name: &str, cell: Cell) -> Result<Chart> {
    let rows: Vec<StackRow> = reports
        .iter()
        .map(|r| StackRow {
            label: format!("{} 年", r.year),
            values: (0..4).map(|c| f(cell(r, c))).collect(),
            note: format!("总计 {}", count(f(cell(r, 4)))),
        })
        .collect();
    let table_rows = reports
        .iter()
        .map(|r| {
            row(
                format!("{} 年", r.year),
                (0..5).map(|c| cell_text(f(cell(r, c)))),
            )
        })
        .collect();
    let desc: Vec<String> = reports
        .iter()
        .map(|r| format!("{} 年 {}", r.year, count(f(cell(r, 4)))))
        .collect();
    let parts: Vec<String> = T4_RESULT_NAMES.iter().map(|l| l.to_string()).collect();
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

fn t2_decisions(reports: &[&Summary]) -> Result<Chart> {
    let value = |r: &Summary, i: usize| f(r.headline().decisions[i]);
    let groups = reports
        .iter()
        .map(|r| Group {
            heading: Some(format!("{} 年", r.year)),
            bars: DECISION_ROWS
                .iter()
                .enumerate()
                .map(|(i, (_, l))| Bar {
                    label: l.to_string(),
                    value: value(r, i),
                    text: count(value(r, i)),
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
                (0..DECISION_ROWS.len()).map(|i| cell_text(value(r, i))),
            )
        })
        .collect();
    let mut head_cells = vec!["年度".to_string()];
    head_cells.extend(DECISION_ROWS.iter().map(|(_, l)| l.to_string()));
    Spec {
        id: "chart-t2".into(),
        title: format!("历年行政许可、行政处罚、行政强制处理决定数量（{}）", span(reports)),
        desc: "分组横向条形图，每年三项处理决定数量，数字见图中及图下表格。".into(),
        table: DataTable { head: head_cells, rows },
        note: Some("表二中只有这三行的「处理决定数量」在 2019 试行格式和 2021 格式中含义相同，其余各行的统计口径不同，不跨格式比较。".into()),
    }
    .finish(bars::svg(&chart))
}

fn indicator(s: &series::IndicatorSeries) -> Result<Chart> {
    let unit = if s.unit == "%" {
        String::new()
    } else {
        s.unit.clone()
    };
    // The unit line names the unit; the points carry bare figures.
    let points = s
        .points
        .iter()
        .map(|(y, v, t)| (y.to_string(), *v, t.clone()))
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
