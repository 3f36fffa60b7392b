//! The audit: who published what and when, and what the checks found, every body × year.
//!
//! 《政府信息公开条例》第五十条 sets 1月31日 as the day by which a body publishes its report on
//! the year before; whether it did is read from the report's 发布日期 (`published`), or, where
//! the portal's date is not known, its issue date (印发日期). A year is missing for a body when
//! it falls between the body's first and last report, or when another body of the site has it.
//! The same rows are the site's 核对情况 page and `data/audit.csv`, and what `import --dry-run
//! --findings` writes for reports that are not on the site.

use std::collections::BTreeSet;

use crate::figures::{CheckCounts, Digest, Summary};
use crate::model::{parse_date, Body};

/// The columns of an audit table, in order.
pub const COLUMNS: [&str; 14] = [
    "机关代码",
    "机关",
    "年度",
    "状态",
    "发布日期",
    "印发日期",
    "逾期发布",
    "错误",
    "确认的原文差错",
    "推算的总计",
    "未能核对",
    "正文与表格不一致",
    "表二衔接",
    "说明",
];

/// What became of one body's report of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// On the site, checked.
    Published,
    /// Not on the site although the body reports other years (or other bodies report it).
    Missing,
    /// Its checks failed: not published.
    Failed,
    /// Not on the site, checked and passed (a report `import --dry-run` read).
    Checked,
}

impl Status {
    /// The status in words.
    pub fn words(self) -> &'static str {
        match self {
            Status::Published => "已发布",
            Status::Missing => "缺少",
            Status::Failed => "未通过核对",
            Status::Checked => "通过核对",
        }
    }
}

/// One body × year of the audit.
#[derive(Debug, Clone)]
pub struct Row {
    /// The body's id (folder).
    pub body: String,
    /// The body's name.
    pub name: String,
    /// Whether the body has a page on the site.
    pub body_on_site: bool,
    /// The year reported on; 0 when not known (a file `import` could not read), written blank.
    pub year: u16,
    /// What became of it.
    pub status: Status,
    /// 发布日期, when known.
    pub published: Option<String>,
    /// 印发日期, when known.
    pub date: Option<String>,
    /// What the checks found.
    pub checks: CheckCounts,
    /// The problems, in words (for a failed report, its errors).
    pub notes: String,
}

/// The last day to publish the report on `year`: 1月31日 of the next year (第五十条).
pub fn deadline(year: u16) -> String {
    format!("{}-01-31", year + 1)
}

impl Row {
    /// A report that the site publishes.
    pub fn published(s: &Summary, body: &Body) -> Row {
        Row {
            body: s.body.clone(),
            name: body.name.clone(),
            body_on_site: true,
            year: s.year,
            status: Status::Published,
            published: s.published.clone(),
            date: Some(s.date.clone()),
            checks: s.checks,
            notes: String::new(),
        }
    }

    /// Whether it was published after the deadline: `Some(true)` late, `Some(false)` on time,
    /// `None` when its dates are unknown. The portal's 发布日期 decides; without it, the issue
    /// date (which the publication cannot precede).
    pub fn late(&self) -> Option<bool> {
        let day = self.published.as_deref().or(self.date.as_deref())?;
        parse_date(day)?;
        Some(day > deadline(self.year).as_str())
    }

    /// The row's fields, as [`COLUMNS`] names them.
    pub fn fields(&self) -> Vec<String> {
        let n = |v: u32| v.to_string();
        let c = &self.checks;
        let blank_unless_checked = |v: String| {
            if self.status == Status::Missing {
                String::new()
            } else {
                v
            }
        };
        vec![
            self.body.clone(),
            self.name.clone(),
            if self.year == 0 {
                String::new()
            } else {
                self.year.to_string()
            },
            self.status.words().to_string(),
            self.published.clone().unwrap_or_default(),
            self.date.clone().unwrap_or_default(),
            match self.late() {
                Some(true) => format!("是（晚于 {}）", deadline(self.year)),
                Some(false) => "否".to_string(),
                None => String::new(),
            },
            blank_unless_checked(n(c.errors)),
            blank_unless_checked(n(c.acknowledged)),
            blank_unless_checked(n(c.derived)),
            blank_unless_checked(n(c.unchecked)),
            blank_unless_checked(n(c.narrative)),
            blank_unless_checked(n(c.chain)),
            self.notes.clone(),
        ]
    }
}

/// The audit of a site: every body × year from the first year any body reports to the last,
/// with its published reports, its failed ones (`failed`, with their notes) and the years it
/// lacks.
pub fn rows(digest: &Digest, failed: &[Row]) -> Vec<Row> {
    // The years some body reports (published or failed).
    let mut reported: BTreeSet<u16> = digest.summaries().map(|s| s.year).collect();
    reported.extend(failed.iter().map(|r| r.year));
    // The failed reports by body, found without scanning the list once per body.
    let mut failed_of: std::collections::HashMap<&str, Vec<&Row>> =
        std::collections::HashMap::new();
    for r in failed {
        failed_of.entry(r.body.as_str()).or_default().push(r);
    }
    let mut out = Vec::new();
    for (body, list) in &digest.bodies {
        let mut own: Vec<Row> = list.iter().map(|s| Row::published(s, body)).collect();
        if let Some(rows) = failed_of.remove(body.id.as_str()) {
            own.extend(rows.into_iter().cloned());
        }
        let first = own.iter().map(|r| r.year).min();
        let last = own.iter().map(|r| r.year).max();
        let span: BTreeSet<u16> = match (first, last) {
            (Some(f), Some(l)) => (f..=l).collect(),
            _ => BTreeSet::new(),
        };
        for year in reported.union(&span) {
            if !own.iter().any(|r| r.year == *year) {
                own.push(missing(body, *year, list));
            }
        }
        own.sort_by_key(|r| r.year);
        out.extend(own);
    }
    // Reports of bodies that are not on the site at all (their body.yaml failed): what is left.
    let mut orphans: Vec<Row> = failed_of.into_values().flatten().cloned().collect();
    orphans.sort_by(|a, b| (&a.body, a.year).cmp(&(&b.body, b.year)));
    out.extend(orphans);
    out
}

/// The years of an audit, newest first.
pub fn years(rows: &[Row]) -> Vec<u16> {
    let set: BTreeSet<u16> = rows.iter().map(|r| r.year).collect();
    set.into_iter().rev().collect()
}

/// A year a body lacks, with why it counts as missing.
fn missing(body: &Body, year: u16, list: &[Summary]) -> Row {
    let (first, last) = (
        list.iter().map(|s| s.year).min(),
        list.iter().map(|s| s.year).max(),
    );
    let between = first.is_some_and(|f| f < year) && last.is_some_and(|l| l > year);
    Row {
        body: body.id.clone(),
        name: body.name.clone(),
        body_on_site: true,
        year,
        status: Status::Missing,
        published: None,
        date: None,
        checks: CheckCounts::default(),
        notes: if between {
            "该机关前后年度都有报告，缺这一年".to_string()
        } else {
            "本站其他机关有这一年的报告".to_string()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(published: Option<&str>, date: Option<&str>) -> Row {
        Row {
            body: "a".into(),
            name: "甲".into(),
            body_on_site: true,
            year: 2021,
            status: Status::Published,
            published: published.map(str::to_string),
            date: date.map(str::to_string),
            checks: CheckCounts::default(),
            notes: String::new(),
        }
    }

    #[test]
    fn late_means_after_january_31_of_the_next_year() {
        assert_eq!(row(Some("2022-01-31"), None).late(), Some(false));
        assert_eq!(
            row(Some("2022-02-01"), Some("2022-01-20")).late(),
            Some(true)
        );
        assert_eq!(row(None, Some("2022-03-09")).late(), Some(true));
        assert_eq!(row(None, Some("2022-01-09")).late(), Some(false));
        assert_eq!(row(None, None).late(), None);
        assert_eq!(row(Some("2022-13-45"), None).late(), None);
    }
}
