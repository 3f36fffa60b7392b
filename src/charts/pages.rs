//! Which charts each page gets, and their titles, descriptions and data tables: the report
//! page (one year of one body), the body page (its years side by side) and the year page (the
//! bodies side by side).

use crate::diag::Result;
use crate::model::{Report, Site};

use super::bars::{self, Bar, BarChart, Group};
use super::series::{self, APPLICANTS, OUTCOMES, T2_COMPARABLE, T4_GROUPS, T4_RESULTS};
use super::stack::{self, StackChart, StackRow};
use super::{fmt_value, line, percent, Chart, DataTable, Spec};

/// The charts of a report page, by the section they illustrate.
#[derive(Debug, Clone, Default)]
pub struct ReportCharts {
    /// Section 三: outcomes and applicants.
    pub t3: Vec<Chart>,
    /// Section 四: 行政复议 and 行政诉讼 by result.
    pub t4: Vec<Chart>,
}

/// A count as shown on a chart: `748 件`, or 空白 for a blank cell.
fn count(v: Option<f64>) -> String {
    v.map_or_else(|| "空白".to_string(), |v| format!("{} 件", fmt_value(v)))
}

/// A count with its share of `whole`: `500 件（67.2%）`.
fn count_share(v: Option<f64>, whole: Option<f64>) -> String {
    match (v, whole.and_then(|w| percent(v?, w))) {
        (Some(_), Some(p)) => format!("{}（{p}）", count(v)),
        _ => count(v),
    }
}

fn cell_text(v: Option<f64>) -> String {
    v.map(fmt_value).unwrap_or_default()
}

fn row(head: String, cells: impl IntoIterator<Item = String>) -> Vec<String> {
    std::iter::once(head).chain(cells).collect()
}

fn head(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

/// The charts of one report.
pub fn report_charts(report: &Report) -> Result<ReportCharts> {
    Ok(ReportCharts {
        t3: vec![outcomes(report)?, applicants(report)?],
        t4: vec![t4_results(report)?],
    })
}

fn outcomes(report: &Report) -> Result<Chart> {
    let values = series::outcomes(report);
    let total = series::cell(&report.t3, "results.total", "total");
    let forward = series::cell(&report.t3, "carried_forward", "total");
    let bars = OUTCOMES
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, ((label, _), v))| Bar {
            label: label.to_string(),
            value: *v,
            text: count_share(*v, total),
            series: i,
        })
        .collect();
    let chart = BarChart {
        groups: vec![
            Group {
                heading: Some(format!("三、本年度办理结果（总计 {}）", count(total))),
                bars,
            },
            Group {
                heading: Some("不计入办理结果".into()),
                bars: vec![Bar {
                    label: "结转下年度继续办理".into(),
                    value: forward,
                    text: count(forward),
                    series: 5,
                }],
            },
        ],
        unit: "单位：件".into(),
        max: None,
    };
    let parts: Vec<String> = OUTCOMES
        .iter()
        .zip(&values)
        .map(|((l, _), v)| format!("{l} {}", count_share(*v, total)))
        .collect();
    let mut rows: Vec<Vec<String>> = OUTCOMES
        .iter()
        .zip(&values)
        .map(|((l, _), v)| {
            row(
                l.to_string(),
                [
                    cell_text(*v),
                    total.and_then(|t| percent((*v)?, t)).unwrap_or_default(),
                ],
            )
        })
        .collect();
    rows.push(row("（七）总计".into(), [cell_text(total), String::new()]));
    rows.push(row(
        "四、结转下年度继续办理（不计入办理结果）".into(),
        [cell_text(forward), String::new()],
    ));
    Spec {
        id: "chart-outcomes".into(),
        title: format!("{} 年政府信息公开申请办理结果", report.year),
        desc: format!(
            "横向条形图。{}。另有结转下年度继续办理 {}。",
            parts.join("，"),
            count(forward)
        ),
        table: DataTable {
            head: head(&["办理结果", "件数", "占办结总数"]),
            rows,
        },
        note: Some("（三）至（六）各为其下各小项之和；比例以三（七）总计为分母。".into()),
    }
    .finish(bars::svg(&chart))
}

fn applicants(report: &Report) -> Result<Chart> {
    let total = series::cell(&report.t3, "new", "total");
    let values: Vec<Option<f64>> = APPLICANTS
        .iter()
        .map(|(c, _)| series::cell(&report.t3, "new", c))
        .collect();
    let bars = APPLICANTS
        .iter()
        .zip(&values)
        .map(|((_, l), v)| Bar {
            label: l.to_string(),
            value: *v,
            text: count_share(*v, total),
            series: 0,
        })
        .collect();
    let chart = BarChart {
        groups: vec![Group {
            heading: None,
            bars,
        }],
        unit: "单位：件".into(),
        max: None,
    };
    let parts: Vec<String> = APPLICANTS
        .iter()
        .zip(&values)
        .map(|((_, l), v)| format!("{l} {}", count(*v)))
        .collect();
    let mut rows: Vec<Vec<String>> = APPLICANTS
        .iter()
        .zip(&values)
        .map(|((_, l), v)| row(l.to_string(), [cell_text(*v)]))
        .collect();
    rows.push(row("总计".into(), [cell_text(total)]));
    Spec {
        id: "chart-applicants".into(),
        title: format!("{} 年新收申请的申请人类型", report.year),
        desc: format!(
            "横向条形图，本年新收申请 {}：{}。",
            count(total),
            parts.join("，")
        ),
        table: DataTable {
            head: head(&["申请人", "本年新收申请（件）"]),
            rows,
        },
        note: Some("「其他组织」即表三「法人或其他组织」下的「其他」。".into()),
    }
    .finish(bars::svg(&chart))
}

fn t4_results(report: &Report) -> Result<Chart> {
    let t4 = &report.t4;
    let groups = T4_GROUPS
        .iter()
        .map(|(g, name)| Group {
            heading: Some(format!(
                "{name}（总计 {}）",
                count(series::cell(t4, g, "total"))
            )),
            bars: T4_RESULTS
                .iter()
                .enumerate()
                .map(|(i, (c, l))| {
                    let v = series::cell(t4, g, c);
                    Bar {
                        label: l.to_string(),
                        value: v,
                        text: count(v),
                        series: i,
                    }
                })
                .collect(),
        })
        .collect();
    let chart = BarChart {
        groups,
        unit: "单位：件".into(),
        max: None,
    };
    let rows: Vec<Vec<String>> = T4_GROUPS
        .iter()
        .map(|(g, name)| {
            let cols = T4_RESULTS.iter().map(|(c, _)| *c).chain(["total"]);
            row(
                name.to_string(),
                cols.map(|c| cell_text(series::cell(t4, g, c))),
            )
        })
        .collect();
    let desc: Vec<String> = T4_GROUPS
        .iter()
        .map(|(g, name)| {
            let parts: Vec<String> = T4_RESULTS
                .iter()
                .map(|(c, l)| format!("{l} {}", count(series::cell(t4, g, c))))
                .collect();
            format!("{name}：{}", parts.join("、"))
        })
        .collect();
    Spec {
        id: "chart-t4".into(),
        title: format!("{} 年政府信息公开行政复议、行政诉讼结果", report.year),
        desc: format!("分组横向条形图。{}。", desc.join("；")),
        table: DataTable {
            head: head(&[
                "类别",
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
            ]),
            rows,
        },
        note: None,
    }
    .finish(bars::svg(&chart))
}

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
    let chart = BarChart {
        groups,
        unit: "单位：件".into(),
        max: None,
    };
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
    let chart = BarChart {
        groups,
        unit: "单位：件".into(),
        max: None,
    };
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

/// The charts of a year page: the bodies side by side.
pub fn year_charts(site: &Site, year: u16) -> Result<Vec<Chart>> {
    let reports: Vec<(&Report, String)> = site
        .reports
        .iter()
        .filter(|r| r.year == year)
        .filter_map(|r| {
            let b = site.body(&r.body)?;
            Some((
                r,
                if b.sample {
                    format!("{}（示例）", b.name)
                } else {
                    b.name.clone()
                },
            ))
        })
        .collect();
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let figures = |r: &Report| {
        let t3 = &r.t3;
        let total = series::cell(t3, "results.total", "total");
        let granted = series::outcomes(r)[0];
        (
            series::cell(t3, "new", "total"),
            granted,
            total,
            total.and_then(|t| Some(granted? * 100.0 / t).filter(|_| t > 0.0)),
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
    let desc = |f: &dyn Fn(&Report) -> String| -> String {
        reports
            .iter()
            .map(|(r, n)| format!("{n} {}", f(r)))
            .collect::<Vec<_>>()
            .join("，")
    };
    Ok(vec![
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
    ])
}
