//! Small, page-specific views: exactly what each template shows, computed in Rust.
//!
//! Shares, sums and year-over-year changes are worked out here so that the checks and the
//! pages agree by construction and templates only lay out text.

use serde::Serialize;

use crate::charts::{self, yoy, Chart};
use crate::diag::{Finding, Result};
use crate::figures::{self, Digest, Summary};
use crate::model::{Body, Report};
use crate::paths::{self, Link};

use super::markdown::{self, Heading};
use super::notes::{self, Note};
use super::tables::{self, TableView};

/// The headline figures of a report as shown in lists and on year pages; empty where blank.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    /// 一、本年新收 (总计).
    pub received: String,
    /// 二、上年结转 (总计).
    pub carried_over: String,
    /// 三（七）总计.
    pub processed: String,
    /// 四、结转下年度 (总计).
    pub carried_forward: String,
    /// Share of 予以公开 in 三（七）总计, e.g. "67.2%".
    pub granted_share: String,
    /// 行政复议 总计.
    pub reviews: String,
    /// 行政诉讼 总计 (both kinds).
    pub suits: String,
}

fn figure(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

impl Headline {
    /// The headline figures as text.
    pub fn of(h: &figures::Headline) -> Headline {
        Headline {
            received: figure(h.received),
            carried_over: figure(h.carried_over),
            processed: figure(h.processed),
            carried_forward: figure(h.carried_forward),
            granted_share: figures::share_text(h.granted_share()).unwrap_or_default(),
            reviews: figure(h.reviews(4)),
            suits: figure(h.suits(4)),
        }
    }
}

/// One report in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ReportItem {
    /// The year.
    pub year: u16,
    /// The body's name.
    pub body: String,
    /// Link to the report page.
    pub href: String,
    /// The report's title.
    pub title: String,
    /// Whether it is sample data.
    pub sample: bool,
    /// Headline figures.
    pub headline: Headline,
}

impl ReportItem {
    /// A report as listed from `page`.
    pub fn new(page: &str, report: &Summary, body: &Body) -> ReportItem {
        ReportItem {
            year: report.year,
            body: body.name.clone(),
            href: paths::link(page, &paths::report(&report.body, report.year)),
            title: report.title.clone(),
            sample: body.sample,
            headline: Headline::of(&report.headline()),
        }
    }
}

/// The home page.
#[derive(Debug, Serialize)]
pub struct HomeView {
    /// Bodies with their years, newest first.
    pub bodies: Vec<BodyItem>,
    /// Years, newest first.
    pub years: Vec<Link>,
    /// What the build checked, in plain words, with what it derived or could not check.
    pub checked: String,
}

/// What was checked, exactly: the identities, and how many totals were derived, left
/// unchecked, or kept as published with a note.
fn checked_words(digest: &Digest) -> String {
    let reports = digest.reports();
    if reports == 0 {
        return String::new();
    }
    let counts = digest.checks();
    let (derived, unchecked, acknowledged, text) = (
        counts.derived,
        counts.unchecked,
        counts.acknowledged,
        counts.narrative,
    );
    let mut words = format!(
        "本站 {reports} 份报告在发布前逐份核对：表三每一列「第一项加第二项之和，等于第三项加第四项之和」，（一）至（六）各项之和等于（七）总计，表三、表四每行的总计等于各项之和，相邻年度的「上年结转」等于上年的「结转下年度继续办理」，表二规章和行政规范性文件的现行有效件数与上年衔接，正文中提到的表格数字与表格一致。"
    );
    let mut extra = Vec::new();
    if derived > 0 {
        extra.push(format!(
            "{derived} 处原文空白的总计按同行数字推算后参与核对（表中仍照原文留空）"
        ));
    }
    if unchecked > 0 {
        extra.push(format!("{unchecked} 处整行或整列空白、无从推算，未能核对"));
    }
    if acknowledged > 0 {
        extra.push(format!(
            "{acknowledged} 处原文差错按原文照录，并在报告中说明"
        ));
    }
    if counts.chain > 0 {
        extra.push(format!("{} 处表二现行有效件数与上年不衔接", counts.chain));
    }
    if text > 0 {
        extra.push(format!("{text} 处正文所述数字与表格不一致"));
    }
    if !extra.is_empty() {
        words.push_str(&format!("其中 {}。", extra.join("；")));
    }
    words
}

/// A body on the home page.
#[derive(Debug, Serialize)]
pub struct BodyItem {
    /// Link to the body page.
    pub href: String,
    /// Name.
    pub name: String,
    /// Region and level.
    pub region: String,
    /// Level.
    pub level: String,
    /// Whether it is sample data.
    pub sample: bool,
    /// Its reports, newest first.
    pub reports: Vec<Link>,
}

impl HomeView {
    /// The home page of the site in `digest`.
    pub fn new(digest: &Digest) -> HomeView {
        let page = paths::HOME;
        let bodies = digest
            .bodies
            .iter()
            .map(|(b, list)| BodyItem {
                href: paths::link(page, &paths::body(&b.id)),
                name: b.name.clone(),
                region: b.region.clone(),
                level: b.level.clone(),
                sample: b.sample,
                reports: list
                    .iter()
                    .rev()
                    .map(|r| Link {
                        href: paths::link(page, &paths::report(&b.id, r.year)),
                        text: format!("{} 年", r.year),
                    })
                    .collect(),
            })
            .collect();
        let years = digest
            .years()
            .into_iter()
            .map(|y| Link {
                href: paths::link(page, &paths::year(y)),
                text: format!("{y} 年"),
            })
            .collect();
        HomeView {
            bodies,
            years,
            checked: checked_words(digest),
        }
    }
}

/// A body's page.
#[derive(Debug, Serialize)]
pub struct BodyView {
    /// Name.
    pub name: String,
    /// Level.
    pub level: String,
    /// Region.
    pub region: String,
    /// Website.
    pub website: Option<String>,
    /// Issuing office.
    pub office: String,
    /// Whether it is sample data.
    pub sample: bool,
    /// Reports, newest first.
    pub reports: Vec<ReportItem>,
    /// Year-over-year charts (none with fewer than two reports).
    pub charts: Vec<Chart>,
}

impl BodyView {
    /// The page of `body`, whose reports' summaries are `summaries`, oldest first.
    pub fn new(body: &Body, summaries: &[Summary]) -> Result<BodyView> {
        let page = paths::body(&body.id);
        let oldest_first: Vec<&Summary> = summaries.iter().collect();
        Ok(BodyView {
            name: body.name.clone(),
            level: body.level.clone(),
            region: body.region.clone(),
            website: body.website.clone(),
            office: body.office.clone(),
            sample: body.sample,
            reports: summaries
                .iter()
                .rev()
                .map(|r| ReportItem::new(&page, r, body))
                .collect(),
            charts: charts::body_charts(&oldest_first)?,
        })
    }
}

/// A year's page.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// The year.
    pub year: u16,
    /// Every body's report for that year.
    pub reports: Vec<ReportItem>,
    /// Whether any listed body is sample data.
    pub sample: bool,
    /// The bodies side by side.
    pub charts: Vec<Chart>,
}

impl YearView {
    /// The page of `year`, with every body's report of that year.
    pub fn new(year: u16, listed: &[(&Summary, &Body)]) -> Result<YearView> {
        let page = paths::year(year);
        let named: Vec<(&Summary, String)> = listed
            .iter()
            .map(|(s, b)| {
                let name = if b.sample {
                    format!("{}（示例）", b.name)
                } else {
                    b.name.clone()
                };
                (*s, name)
            })
            .collect();
        let reports: Vec<ReportItem> = listed
            .iter()
            .map(|(s, b)| ReportItem::new(&page, s, b))
            .collect();
        Ok(YearView {
            year,
            sample: reports.iter().any(|r| r.sample),
            reports,
            charts: charts::year_charts(year, &named)?,
        })
    }
}

/// One of the six sections on a report page.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// Anchor id (`s1` … `s6`).
    pub id: String,
    /// Heading as the report writes it.
    pub heading: String,
    /// Narrative HTML (sanitized).
    pub html: String,
    /// `###` subsections, for the table of contents.
    pub subsections: Vec<Heading>,
    /// The statutory table of sections 二, 三, 四.
    pub table: Option<TableView>,
    /// Charts of sections 三 and 四.
    pub charts: Vec<Chart>,
    /// Notes on derived totals, unchecked totals and acknowledged slips.
    pub notes: Vec<Note>,
}

/// An indicator as shown on a report page.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    /// Label.
    pub label: String,
    /// Figure with unit, empty when not filled in.
    pub value: String,
    /// Remark.
    pub note: Option<String>,
}

/// A report's page.
#[derive(Debug, Serialize)]
pub struct ReportView {
    /// Title as published.
    pub title: String,
    /// The body's name.
    pub body: String,
    /// The body's administrative level (行政层级), a search filter.
    pub level: String,
    /// The body's region (所在地区), a search filter.
    pub region: String,
    /// Link to the body page.
    pub body_href: String,
    /// Link to the year page.
    pub year_href: String,
    /// The year.
    pub year: u16,
    /// The official document of its format.
    pub format: String,
    /// Opening paragraph(s), HTML.
    pub opening: String,
    /// The six sections.
    pub sections: Vec<SectionView>,
    /// Issuing office.
    pub issuer: String,
    /// Issue date in Chinese.
    pub date: String,
    /// The portal's publication date in Chinese, when known.
    pub published: Option<String>,
    /// The address of the original on the portal, when known.
    pub source: Option<String>,
    /// Key figures.
    pub indicators: Vec<IndicatorView>,
    /// Whether the body is sample data.
    pub sample: bool,
    /// Headline figures compared with the previous year.
    pub yoy: yoy::YoyView,
}

impl ReportView {
    /// The page of `report`, the summary of the same body's report before it (for the
    /// year-over-year comparison) and the warnings about it.
    pub fn new(
        report: &Report,
        body: &Body,
        prev: Option<&Summary>,
        findings: &[&Finding],
    ) -> Result<ReportView> {
        let page = paths::report(&report.body, report.year);
        let tables = [&report.t2, &report.t3, &report.t4];
        let summary = Summary::of(report);
        let mut charts = charts::report_charts(report, &summary.headline())?;
        let prev = prev.filter(|p| p.year + 1 == report.year);
        let mut notes = notes::section_notes(report, findings);
        let sections = report
            .narrative
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let id = format!("s{}", i + 1);
                let md = markdown::render(&s.markdown, &id);
                SectionView {
                    heading: s.heading.clone(),
                    html: md.html,
                    subsections: md.headings,
                    table: (1..=3).contains(&i).then(|| tables::view(tables[i - 1])),
                    charts: match s.numeral {
                        "三" => std::mem::take(&mut charts.t3),
                        "四" => std::mem::take(&mut charts.t4),
                        _ => Vec::new(),
                    },
                    notes: notes.get_mut(i).map(std::mem::take).unwrap_or_default(),
                    id,
                }
            })
            .collect();
        Ok(ReportView {
            title: report.title.clone(),
            body: body.name.clone(),
            level: body.level.clone(),
            region: body.region.clone(),
            body_href: paths::link(&page, &paths::body(&body.id)),
            year_href: paths::link(&page, &paths::year(report.year)),
            year: report.year,
            format: report.format.document().to_string(),
            opening: markdown::render(&report.narrative.opening, "s0").html,
            sections,
            issuer: report.issuer.clone(),
            date: report.date_cn(),
            published: report.published.as_deref().map(crate::model::date_cn),
            source: report.source.clone(),
            indicators: report
                .indicators
                .iter()
                .map(|i| IndicatorView {
                    label: i.label.clone(),
                    value: i.display().unwrap_or_default(),
                    note: i.note.clone(),
                })
                .collect(),
            sample: body.sample,
            yoy: yoy::compare(&summary, prev),
        })
    }
}
