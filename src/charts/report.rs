//! The charts of a report page: one year of one body — the outcome split (with 结转下年度
//! shown apart), applicants by type, and 行政复议 / 行政诉讼 by result.

use crate::diag::Result;
use crate::figures::{Headline, APPLICANT_NAMES, OUTCOME_NAMES, T4_RESULT_NAMES, T4_ROW_NAMES};
use crate::model::Report;

use super::bars::{self, Bar, BarChart, Group};
use super::series::f;
use super::text::{cell_text, count, count_share, head, row};
use super::{percent, Chart, DataTable, Spec};

/// The charts of a report page, by the section they illustrate.
#[derive(Debug, Clone, Default)]
pub struct ReportCharts {
    /// Section 三: outcomes and applicants.
    pub t3: Vec<Chart>,
    /// Section 四: 行政复议 and 行政诉讼 by result.
    pub t4: Vec<Chart>,
}

/// The charts of one report.
pub fn report_charts(report: &Report, h: &Headline) -> Result<ReportCharts> {
    let mut t3 = super::share_patterns(vec![
        outcomes(report.year, h)?,
        applicants(report.year, h)?,
        t4_results(report.year, h)?,
    ]);
    let t4 = t3.split_off(2);
    Ok(ReportCharts { t3, t4 })
}

fn outcomes(year: u16, h: &Headline) -> Result<Chart> {
    let values = h.outcomes.map(f);
    let total = f(h.processed);
    let forward = f(h.carried_forward);
    let bars = OUTCOME_NAMES
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (label, v))| Bar {
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
                    series: 6,
                }],
            },
        ],
        unit: "单位：件".into(),
        max: None,
    };
    let parts: Vec<String> = OUTCOME_NAMES
        .iter()
        .zip(&values)
        .map(|(l, v)| format!("{l} {}", count_share(*v, total)))
        .collect();
    let mut rows: Vec<Vec<String>> = OUTCOME_NAMES
        .iter()
        .zip(&values)
        .map(|(l, v)| {
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
        title: format!("{year} 年政府信息公开申请办理结果"),
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

fn applicants(year: u16, h: &Headline) -> Result<Chart> {
    let total = f(h.received);
    let values = h.applicants.map(f);
    let bars = APPLICANT_NAMES
        .iter()
        .zip(&values)
        .map(|(l, v)| Bar {
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
    let parts: Vec<String> = APPLICANT_NAMES
        .iter()
        .zip(&values)
        .map(|(l, v)| format!("{l} {}", count(*v)))
        .collect();
    let mut rows: Vec<Vec<String>> = APPLICANT_NAMES
        .iter()
        .zip(&values)
        .map(|(l, v)| row(l.to_string(), [cell_text(*v)]))
        .collect();
    rows.push(row("总计".into(), [cell_text(total)]));
    Spec {
        id: "chart-applicants".into(),
        title: format!("{year} 年新收申请的申请人类型"),
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

fn t4_results(year: u16, h: &Headline) -> Result<Chart> {
    let cell = |g: usize, c: usize| f(h.t4[g][c]);
    let groups = T4_ROW_NAMES
        .iter()
        .enumerate()
        .map(|(g, name)| Group {
            heading: Some(format!("{name}（总计 {}）", count(cell(g, 4)))),
            bars: T4_RESULT_NAMES
                .iter()
                .enumerate()
                .map(|(i, l)| Bar {
                    label: l.to_string(),
                    value: cell(g, i),
                    text: count(cell(g, i)),
                    series: i,
                })
                .collect(),
        })
        .collect();
    let chart = BarChart::counts(groups);
    let rows: Vec<Vec<String>> = T4_ROW_NAMES
        .iter()
        .enumerate()
        .map(|(g, name)| row(name.to_string(), (0..5).map(|c| cell_text(cell(g, c)))))
        .collect();
    let desc: Vec<String> = T4_ROW_NAMES
        .iter()
        .enumerate()
        .map(|(g, name)| {
            let parts: Vec<String> = T4_RESULT_NAMES
                .iter()
                .enumerate()
                .map(|(c, l)| format!("{l} {}", count(cell(g, c))))
                .collect();
            format!("{name}：{}", parts.join("、"))
        })
        .collect();
    Spec {
        id: "chart-t4".into(),
        title: format!("{year} 年政府信息公开行政复议、行政诉讼结果"),
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
