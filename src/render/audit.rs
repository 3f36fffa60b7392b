//! The audit pages (核对情况): an overview of every year (how many reports, missing, late,
//! failed, and what the checks found), and one page per year listing every body.

use serde::Serialize;

use crate::audit::{self, Row, Status};
use crate::paths::{self, Link};

/// One year in the overview.
#[derive(Debug, Serialize)]
pub struct YearLine {
    /// The year's audit page.
    pub link: Link,
    /// Reports published.
    pub published: usize,
    /// Bodies that lack this year.
    pub missing: usize,
    /// Reports that failed their checks (left out).
    pub failed: usize,
    /// Reports published after 1月31日 of the next year.
    pub late: usize,
    /// Reports without a known date.
    pub undated: usize,
    /// Slips acknowledged as published.
    pub acknowledged: u32,
    /// Totals derived for blank cells.
    pub derived: u32,
    /// Statements of the narrative that the tables contradict.
    pub narrative: u32,
    /// Breaks in 表二's chain from last year.
    pub chain: u32,
}

/// The overview page.
#[derive(Debug, Serialize)]
pub struct AuditView {
    /// The years, newest first.
    pub years: Vec<YearLine>,
    /// The CSV of every row.
    pub csv: String,
}

/// One row of a year's page.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// The body's name.
    pub body: String,
    /// Its page, when it is on the site.
    pub body_href: Option<String>,
    /// The report's page, when published.
    pub report: Option<String>,
    /// 已发布, 缺少 or 未通过核对.
    pub status: &'static str,
    /// CSS class of the status.
    pub class: &'static str,
    /// 发布日期, or 印发日期 marked so when the portal's date is unknown.
    pub date: String,
    /// Whether it was late, in words.
    pub late: String,
    /// What the checks found, in words.
    pub checks: String,
    /// Why it is missing, or the errors of a failed report.
    pub notes: String,
}

/// What the checks found about a row, in a few words.
fn checks_words(r: &Row) -> String {
    if r.status == Status::Missing {
        return String::new();
    }
    let c = &r.checks;
    let parts: Vec<String> = [
        (c.errors, "错误"),
        (c.acknowledged, "确认的原文差错"),
        (c.derived, "推算的总计"),
        (c.unchecked, "未能核对"),
        (c.narrative, "正文与表格不一致"),
        (c.chain, "表二不衔接"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{w} {n} 处"))
    .collect();
    if parts.is_empty() {
        "全部通过".to_string()
    } else {
        parts.join("；")
    }
}

/// A year's page.
#[derive(Debug, Serialize)]
pub struct AuditYearView {
    /// The year.
    pub year: u16,
    /// The deadline of 第五十条 for that year's reports.
    pub deadline: String,
    /// The overview.
    pub overview: String,
    /// Every body's row.
    pub rows: Vec<RowView>,
}

impl AuditView {
    /// The overview of `rows`.
    pub fn new(rows: &[Row]) -> AuditView {
        let years = audit::years(rows)
            .into_iter()
            .map(|year| {
                let of: Vec<&Row> = rows.iter().filter(|r| r.year == year).collect();
                let count = |s: Status| of.iter().filter(|r| r.status == s).count();
                let published: Vec<&&Row> = of
                    .iter()
                    .filter(|r| r.status == Status::Published)
                    .collect();
                let sum = |f: fn(&Row) -> u32| published.iter().map(|r| f(r)).sum();
                YearLine {
                    link: Link {
                        href: paths::link(paths::AUDIT, &paths::audit_year(year)),
                        text: format!("{year} 年"),
                    },
                    published: published.len(),
                    missing: count(Status::Missing),
                    failed: count(Status::Failed),
                    late: published.iter().filter(|r| r.late() == Some(true)).count(),
                    undated: published.iter().filter(|r| r.late().is_none()).count(),
                    acknowledged: sum(|r| r.checks.acknowledged),
                    derived: sum(|r| r.checks.derived),
                    narrative: sum(|r| r.checks.narrative),
                    chain: sum(|r| r.checks.chain),
                }
            })
            .collect();
        AuditView {
            years,
            csv: paths::link(paths::AUDIT, paths::AUDIT_CSV),
        }
    }
}

impl AuditYearView {
    /// The page of `year`.
    pub fn new(year: u16, rows: &[Row]) -> AuditYearView {
        let page = paths::audit_year(year);
        let of: Vec<&Row> = rows.iter().filter(|r| r.year == year).collect();
        let count = |s: Status| of.iter().filter(|r| r.status == s).count();
        let late = of.iter().filter(|r| r.late() == Some(true)).count();
        let overview = format!(
            "{} 个机关：已发布 {} 份，其中 {late} 份晚于 {}；缺少 {} 份；未通过核对 {} 份。",
            of.len(),
            count(Status::Published),
            audit::deadline(year),
            count(Status::Missing),
            count(Status::Failed)
        );
        let rows = of
            .iter()
            .map(|r| RowView {
                body: r.name.clone(),
                body_href: r
                    .body_on_site
                    .then(|| paths::link(&page, &paths::body(&r.body))),
                report: (r.status == Status::Published)
                    .then(|| paths::link(&page, &paths::report(&r.body, r.year))),
                status: r.status.words(),
                class: match r.status {
                    Status::Published | Status::Checked => "ok",
                    Status::Missing => "missing",
                    Status::Failed => "failed",
                },
                date: match (&r.published, &r.date) {
                    (Some(p), _) => p.clone(),
                    (None, Some(d)) => format!("{d}（印发日期）"),
                    (None, None) => String::new(),
                },
                late: match r.late() {
                    Some(true) => "逾期".to_string(),
                    Some(false) => "按期".to_string(),
                    None if r.status == Status::Missing => String::new(),
                    None => "日期不详".to_string(),
                },
                checks: checks_words(r),
                notes: r.notes.clone(),
            })
            .collect();
        AuditYearView {
            year,
            deadline: audit::deadline(year),
            overview,
            rows,
        }
    }
}
