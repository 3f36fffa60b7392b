//! The headline figures of a report, computed once, in one place, with one set of names: the
//! pages, the charts, the year-over-year comparison and the open data all read them from here.
//!
//! Every figure is a whole number as published, or derived where the report leaves a 总计 blank
//! that follows from its row (formats.md, "Blank is not zero"); a figure whose every source cell
//! is blank is `None`, never 0. A [`Summary`] is what a report leaves behind for the pages that
//! show many reports (home, body, year): numbers and short strings, not the report itself.

use crate::diag::{Finding, Severity};
use crate::format::key::{self, APPLICANTS, OUTCOMES, T4_RESULTS, T4_ROWS};
use crate::format::Format;
use crate::model::{Body, Num, Report};

/// 一、本年新收政府信息公开申请数量（总计）.
pub const RECEIVED: &str = "本年新收申请";
/// 二、上年结转政府信息公开申请数量（总计）.
pub const CARRIED_OVER: &str = "上年结转申请";
/// 三（七）总计（总计）: the applications dealt with this year.
pub const PROCESSED: &str = "本年办结";
/// 四、结转下年度继续办理（总计）.
pub const CARRIED_FORWARD: &str = "结转下年度继续办理";
/// 三（一）予以公开（总计）.
pub const GRANTED: &str = "予以公开";
/// 予以公开 as a share of 本年办结.
pub const GRANTED_SHARE: &str = "予以公开占办结";
/// 表四 行政复议（总计）.
pub const REVIEWS: &str = "行政复议";
/// 表四 行政诉讼（总计）: both kinds of lawsuit added.
pub const SUITS: &str = "行政诉讼";

/// The six outcome groups, as charts and tables name them (in [`OUTCOMES`] order).
pub const OUTCOME_NAMES: [&str; 6] = [
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
];
/// The six applicant columns (in [`APPLICANTS`] order); 其他 is 法人或其他组织·其他.
pub const APPLICANT_NAMES: [&str; 6] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他组织",
];
/// The result columns of 表四 (in [`T4_RESULTS`] order).
pub const T4_RESULT_NAMES: [&str; 4] = ["结果维持", "结果纠正", "其他结果", "尚未审结"];
/// The rows of 表四 (in [`T4_ROWS`] order).
pub const T4_ROW_NAMES: [&str; 3] = [
    "行政复议",
    "行政诉讼·未经复议直接起诉",
    "行政诉讼·复议后起诉",
];
/// The 表二 rows whose 处理决定数量 mean the same in both formats.
pub const DECISION_ROWS: [(crate::format::RowKey, &str); 3] = [
    (key::LICENSING, "行政许可"),
    (key::PUNISHMENT, "行政处罚"),
    (key::ENFORCEMENT, "行政强制"),
];

/// The headline figures of one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headline {
    /// 一、本年新收（总计）.
    pub received: Option<i64>,
    /// 二、上年结转（总计）.
    pub carried_over: Option<i64>,
    /// 三（七）总计（总计）: 本年办结.
    pub processed: Option<i64>,
    /// 四、结转下年度继续办理（总计）.
    pub carried_forward: Option<i64>,
    /// The six outcome groups (总计 column), each summed over its rows.
    pub outcomes: [Option<i64>; 6],
    /// 一、本年新收 by applicant column.
    pub applicants: [Option<i64>; 6],
    /// 表四: each row's four results, then its 总计.
    pub t4: [[Option<i64>; 5]; 3],
    /// 表二 处理决定数量 of 行政许可, 行政处罚, 行政强制.
    pub decisions: [Option<i64>; 3],
}

impl Headline {
    /// The headline figures of `report`.
    pub fn of(report: &Report) -> Headline {
        let t3 = &report.t3;
        let total = |row| t3.count(row, key::TOTAL);
        let t4_row = |row| {
            let mut cells = [None; 5];
            for (i, col) in T4_RESULTS.iter().chain([&key::TOTAL]).enumerate() {
                cells[i] = report.t4.count(row, *col);
            }
            cells
        };
        Headline {
            received: total(key::NEW),
            carried_over: total(key::CARRIED_OVER),
            processed: total(key::RESULTS_TOTAL),
            carried_forward: total(key::CARRIED_FORWARD),
            outcomes: OUTCOMES.map(|o| t3.sum_rows(o, key::TOTAL)),
            applicants: APPLICANTS.map(|c| t3.count(key::NEW, c)),
            t4: T4_ROWS.map(t4_row),
            decisions: DECISION_ROWS.map(|(row, _)| report.t2.count(row, key::DECISIONS)),
        }
    }

    /// 予以公开（总计）.
    pub fn granted(&self) -> Option<i64> {
        self.outcomes[0]
    }

    /// 予以公开 as a percentage of 本年办结; `None` when either is blank or 办结 is 0.
    pub fn granted_share(&self) -> Option<f64> {
        share(self.granted()?, self.processed?)
    }

    /// 行政复议 in column `c` of [`T4_RESULTS`] then 总计 (index 4).
    pub fn reviews(&self, c: usize) -> Option<i64> {
        self.t4[0][c]
    }

    /// 行政诉讼 (both kinds added) in column `c` of [`T4_RESULTS`] then 总计 (index 4); blank
    /// only when both are blank.
    pub fn suits(&self, c: usize) -> Option<i64> {
        match (self.t4[1][c], self.t4[2][c]) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        }
    }
}

/// `part` as a percentage of `whole`; `None` for a whole of 0.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// A share as shown, with one decimal (`67.2%`).
pub fn share_text(share: Option<f64>) -> Option<String> {
    share.map(|s| format!("{s:.1}%"))
}

/// What marks a blank figure in the packed forms below: counts are at most 2^53
/// ([`crate::model::MAX_COUNT`]) and sums of a few dozen of them stay far from `i64::MIN`.
const BLANK: i64 = i64::MIN;

fn pack(v: Option<i64>) -> i64 {
    v.unwrap_or(BLANK)
}

fn unpack(v: i64) -> Option<i64> {
    (v != BLANK).then_some(v)
}

/// How many figures a [`Headline`] holds.
const HEADLINE_FIGURES: usize = 4 + 6 + 6 + 15 + 3;

/// A [`Headline`] in half the space (8 bytes a figure instead of 16): a summary is kept for
/// every report of the site until the pages made from all of them are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackedHeadline([i64; HEADLINE_FIGURES]);

impl PackedHeadline {
    /// Packs `h`.
    pub fn new(h: &Headline) -> PackedHeadline {
        let mut out = [BLANK; HEADLINE_FIGURES];
        let all = [h.received, h.carried_over, h.processed, h.carried_forward]
            .into_iter()
            .chain(h.outcomes)
            .chain(h.applicants)
            .chain(h.t4.into_iter().flatten())
            .chain(h.decisions);
        for (slot, v) in out.iter_mut().zip(all) {
            *slot = pack(v);
        }
        PackedHeadline(out)
    }

    /// The figures again.
    pub fn get(&self) -> Headline {
        let v = |i: usize| unpack(self.0[i]);
        Headline {
            received: v(0),
            carried_over: v(1),
            processed: v(2),
            carried_forward: v(3),
            outcomes: std::array::from_fn(|i| v(4 + i)),
            applicants: std::array::from_fn(|i| v(10 + i)),
            t4: std::array::from_fn(|r| std::array::from_fn(|c| v(16 + r * 5 + c))),
            decisions: std::array::from_fn(|i| v(31 + i)),
        }
    }
}

impl Default for PackedHeadline {
    fn default() -> PackedHeadline {
        PackedHeadline::new(&Headline::default())
    }
}

/// An indicator's figure in one year, for series across years.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorValue {
    /// The indicator's id.
    pub id: String,
    /// Its label in that year's report.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// The figure as published, if filled in.
    pub value: Option<Num>,
}

/// 表三 四、结转下年度继续办理 of one report, every column, for next year's 上年结转.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CarriedForward {
    /// One figure per 表三 column (published or derived), packed.
    cells: Box<[i64]>,
    /// Its line in the report's YAML.
    pub line: usize,
}

impl CarriedForward {
    /// The row's figures, one per 表三 column, on line `line`.
    pub fn new(cells: impl IntoIterator<Item = Option<i64>>, line: usize) -> CarriedForward {
        CarriedForward {
            cells: cells.into_iter().map(pack).collect(),
            line,
        }
    }

    /// The figure in column `c`, if stated or derived.
    pub fn cell(&self, c: usize) -> Option<i64> {
        self.cells.get(c).copied().and_then(unpack)
    }
}

/// 表二 第二十条第（一）项 of one report (2021 format): the 现行有效件数 of 规章 and
/// 行政规范性文件, for next year's chain (上年现行有效 + 本年制发 − 本年废止 = 本年现行有效).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InForce {
    /// 现行有效件数 of [`CHAIN_ROWS`], when the report states it in the 2021 format.
    pub counts: [Option<i64>; 2],
    /// Their lines in the report's YAML.
    pub lines: [usize; 2],
}

/// The 表二 rows whose 现行有效件数 chain from one year to the next.
pub const CHAIN_ROWS: [(crate::format::RowKey, &str); 2] = [
    (key::REGULATIONS, "规章"),
    (key::NORMATIVE, "行政规范性文件"),
];

impl InForce {
    /// The 现行有效件数 of `report`, if it has the 2021 表二.
    pub fn of(report: &Report) -> InForce {
        let mut out = InForce::default();
        for (i, (row, _)) in CHAIN_ROWS.iter().enumerate() {
            if let Some((r, c)) = report.t2.at(row.0, key::IN_FORCE.0) {
                out.counts[i] = r.count(c);
                out.lines[i] = r.line;
            }
        }
        out
    }
}

/// What the checks found about one report, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckCounts {
    /// Errors.
    pub errors: u32,
    /// Warnings of every kind.
    pub warnings: u32,
    /// Findings the report acknowledges as published (原文如此).
    pub acknowledged: u32,
    /// Totals derived for blank cells.
    pub derived: u32,
    /// Rows or columns left blank that could not be checked.
    pub unchecked: u32,
    /// Statements of the narrative that its tables contradict (not acknowledged).
    pub narrative: u32,
    /// Breaks in the chain of 表二's 现行有效件数 from last year (not acknowledged).
    pub chain: u32,
}

impl CheckCounts {
    /// The counts for `report` with the findings about it.
    pub fn of<'a>(report: &Report, findings: impl IntoIterator<Item = &'a Finding>) -> CheckCounts {
        let mut c = CheckCounts {
            derived: (report.t3.derived_cells().count() + report.t4.derived_cells().count()) as u32,
            ..CheckCounts::default()
        };
        for f in findings {
            let id = f.id.as_deref().unwrap_or("");
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
            }
            if f.is_acknowledged() {
                c.acknowledged += 1;
            } else if id.starts_with("text.") {
                c.narrative += 1;
            } else if id.starts_with("t2.chain.") {
                c.chain += 1;
            }
            if id.ends_with(".unchecked") || id.ends_with(".unchecked_columns") {
                c.unchecked += 1;
            }
        }
        c
    }
}

/// What the pages that show many reports (home, body, year, feed, combined data) and the
/// next year's checks need of one report: numbers and short strings.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The body's id.
    pub body: String,
    /// The year reported on.
    pub year: u16,
    /// The format it follows.
    pub format: Format,
    /// The title as published.
    pub title: String,
    /// The issuing office.
    pub issuer: String,
    /// The issue date, `YYYY-MM-DD`.
    pub date: String,
    /// The portal's publication date, when known.
    pub published: Option<String>,
    /// The headline figures, packed: [`Summary::headline`] unpacks them.
    pub packed: PackedHeadline,
    /// 四、结转下年度继续办理, for next year's check of 二、上年结转.
    pub carried_forward: CarriedForward,
    /// 表二's 现行有效件数, for next year's chain.
    pub in_force: InForce,
    /// The indicators, in the report's order.
    pub indicators: Vec<IndicatorValue>,
    /// What the checks found.
    pub checks: CheckCounts,
}

impl Summary {
    /// The summary of `report`, before its checks are counted.
    pub fn of(report: &Report) -> Summary {
        let fwd = report.t3.blocks[0].row(key::CARRIED_FORWARD.0);
        Summary {
            body: report.body.clone(),
            year: report.year,
            format: report.format,
            title: report.title.clone(),
            issuer: report.issuer.clone(),
            date: report.date.clone(),
            published: report.published.clone(),
            carried_forward: match fwd {
                Some(r) => CarriedForward::new((0..r.cells.len()).map(|c| r.count(c)), r.line),
                None => CarriedForward::default(),
            },
            in_force: InForce::of(report),
            checks: CheckCounts::default(),
            packed: PackedHeadline::new(&Headline::of(report)),
            indicators: report
                .indicators
                .iter()
                .map(|i| IndicatorValue {
                    id: i.id.clone(),
                    label: i.label.clone(),
                    unit: i.unit.clone(),
                    value: i.value.clone(),
                })
                .collect(),
        }
    }

    /// The headline figures.
    pub fn headline(&self) -> Headline {
        self.packed.get()
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorValue> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The date the report reached the public: its 发布日期 when known, else its issue date.
    pub fn release_date(&self) -> &str {
        self.published.as_deref().unwrap_or(&self.date)
    }
}

/// The whole site in summary: every body with its reports' summaries, oldest first. The pages
/// that show many reports, the combined open data and the feeds are made from this alone.
#[derive(Debug, Default)]
pub struct Digest {
    /// Bodies sorted by id, each with its summaries.
    pub bodies: Vec<(Body, Vec<Summary>)>,
}

impl Digest {
    /// Every year that has a report, newest first.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.summaries().map(|s| s.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }

    /// Every report's summary with its body, by body then year.
    pub fn summaries(&self) -> impl Iterator<Item = &Summary> + '_ {
        self.bodies.iter().flat_map(|(_, s)| s.iter())
    }

    /// Every report of `year` with its body, by body.
    pub fn of_year(&self, year: u16) -> Vec<(&Summary, &Body)> {
        self.bodies
            .iter()
            .filter_map(|(b, list)| Some((list.iter().find(|s| s.year == year)?, b)))
            .collect()
    }

    /// The number of reports.
    pub fn reports(&self) -> usize {
        self.bodies.iter().map(|(_, s)| s.len()).sum()
    }

    /// The check counts of every report added up.
    pub fn checks(&self) -> CheckCounts {
        self.summaries().fold(CheckCounts::default(), |mut t, s| {
            let c = s.checks;
            t.errors += c.errors;
            t.warnings += c.warnings;
            t.acknowledged += c.acknowledged;
            t.derived += c.derived;
            t.unchecked += c.unchecked;
            t.narrative += c.narrative;
            t.chain += c.chain;
            t
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_headlines_give_back_every_figure_and_every_blank() {
        let mut h = Headline {
            received: Some(0),
            carried_over: None,
            processed: Some(crate::model::MAX_COUNT),
            carried_forward: Some(-3),
            ..Headline::default()
        };
        let mut n = 1;
        for (r, row) in h.t4.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                *cell = ((r + c) % 3 != 0).then_some(n);
                n += 1;
            }
        }
        h.outcomes = [Some(1), None, Some(3), None, Some(5), None];
        h.applicants = [None, Some(2), None, Some(4), None, Some(6)];
        h.decisions = [Some(7), None, Some(9)];
        assert_eq!(PackedHeadline::new(&h).get(), h);
        assert_eq!(PackedHeadline::default().get(), Headline::default());
        let fwd = CarriedForward::new([Some(1), None, Some(0)], 12);
        assert_eq!(
            (0..4).map(|c| fwd.cell(c)).collect::<Vec<_>>(),
            [Some(1), None, Some(0), None]
        );
    }
}
