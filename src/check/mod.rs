//! Check: every accounting identity (勾稽关系) of the national format for every report
//! (`identities`), the narrative held to its tables (`narrative`), the identities that link one
//! year's report to the next, and the reports' acknowledgments of slips they publish.
//!
//! Across years: this year's 二、上年结转 = last year's 四、结转下年度继续办理, every column.
//!
//! A finding that a report may acknowledge carries the id of its check (`t3.outcomes.total`);
//! the report's `acknowledged` list names such ids with a note (原文如此 …), which turns those
//! errors into warnings that the page shows next to the table.

mod identities;
mod narrative;

use std::path::Path;

use crate::diag::{Finding, Findings, Severity};
use crate::figures::{Summary, CHAIN_ROWS};
use crate::format::key;
use crate::model::{Body, Report, Site};

/// How strictly to judge.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Acknowledged discrepancies stay errors: for a report being written this year, which has
    /// no published slips to reproduce.
    pub strict: bool,
}

/// Checks every report of the site and the links between consecutive years, adds the findings
/// to `findings` (which holds those of loading), then applies each report's acknowledgments to
/// everything found about it. (`build` and `check` run the same steps report by report, as
/// they stream; this is the whole-site form, for a site already loaded.)
pub fn check(site: &Site, findings: &mut Findings, opts: CheckOptions) {
    for body in &site.bodies {
        let mut prev: Option<Summary> = None;
        for report in site.reports_of(&body.id) {
            let mut own = Findings::default();
            check_report(report, &mut own);
            if let Some(p) = &prev {
                check_against_previous(p, report, &mut own);
            }
            findings.0.extend(own.0);
            prev = Some(Summary::of(report));
        }
        findings.0.extend(sample_warning(body));
    }
    for report in &site.reports {
        acknowledge(report, findings, opts);
    }
}

/// The identities and the narrative of one report.
pub(crate) fn check_report(report: &Report, findings: &mut Findings) {
    identities::check_report(report, findings);
    narrative::check_narrative(report, findings);
}

/// What links a report to the same body's report of the year before (when it is the year
/// before): 上年结转 and the units of indicators.
pub(crate) fn check_against_previous(prev: &Summary, this: &Report, findings: &mut Findings) {
    if prev.year + 1 == this.year {
        check_carry_over(prev, this, findings);
        check_indicator_units(prev, this, findings);
        check_in_force_chain(prev, this, findings);
    }
}

/// The YAML file of `prev`, the report of an earlier year of the same body as `this`: the same
/// body folder, the other year's folder.
fn previous_yaml(this: &Report, prev: &Summary) -> String {
    let body_dir = this
        .yaml_path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""));
    let file = this
        .yaml_path
        .file_name()
        .map_or_else(|| "report.yaml".into(), |n| n.to_string_lossy());
    body_dir
        .join(prev.year.to_string())
        .join(&*file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// 表二 第二十条第（一）项, from one year to the next: this year's 现行有效件数 should be last
/// year's, plus 本年制发, minus 本年废止. Not a statutory identity (a body may recount its
/// documents), so a break is a warning, with both files and the arithmetic; it can be
/// acknowledged like any other finding.
fn check_in_force_chain(prev: &Summary, this: &Report, out: &mut Findings) {
    for (i, (row, name)) in CHAIN_ROWS.iter().enumerate() {
        let Some((r, _)) = this.t2.at(row.0, key::IN_FORCE.0) else {
            continue;
        };
        let cell = |col: crate::format::ColKey| this.t2.count(*row, col);
        let (Some(before), Some(issued), Some(repealed), Some(now)) = (
            prev.in_force.counts[i],
            cell(key::ISSUED),
            cell(key::REPEALED),
            cell(key::IN_FORCE),
        ) else {
            continue;
        };
        let expected = i128::from(before) + i128::from(issued) - i128::from(repealed);
        if expected != i128::from(now) {
            out.push(
                Finding::warning(
                    &this.yaml_path,
                    Some(r.line),
                    format!(
                        "表二「{name}」现行有效件数与上年不衔接：上年现行有效 {before}（{}:{}）+ 本年制发 {issued} − 本年废止 {repealed} = {expected}，但本年现行有效件数 = {now}",
                        previous_yaml(this, prev),
                        prev.in_force.lines[i],
                    ),
                )
                .with_id(format!("t2.chain.{}", row.0)),
            );
        }
    }
}

/// The warning every page of an invented body's reports deserves at build time.
pub(crate) fn sample_warning(body: &Body) -> Option<Finding> {
    body.sample.then(|| {
        Finding::warning(
            &body.path,
            None,
            format!(
                "「{}」标有 sample: true，是示例数据，非真实统计；发布前请删除该文件夹",
                body.name
            ),
        )
    })
}

/// Applies a report's `acknowledged` list: each entry turns the findings of its check into
/// warnings that carry its note (errors again with `strict`); an entry that matches nothing is
/// an error, so that a stale acknowledgment cannot hide a new slip.
pub(crate) fn acknowledge(report: &Report, findings: &mut Findings, opts: CheckOptions) {
    for ack in &report.acknowledged {
        let mut matched = 0;
        for f in findings.0.iter_mut().filter(|f| {
            f.id.as_deref() == Some(ack.id.as_str())
                && (f.file == report.yaml_path || f.file == report.md_path)
        }) {
            matched += 1;
            f.note = Some(ack.note.clone());
            f.severity = if opts.strict {
                Severity::Error
            } else {
                Severity::Warning
            };
        }
        if matched == 0 {
            findings.push(Finding::error(
                &report.yaml_path,
                Some(ack.line),
                format!(
                    "acknowledged 中的「{}」没有对应的核对问题：报告中已没有这一处差错（或核对项写错了），请删除这一条，以免它掩盖新的差错",
                    ack.id
                ),
            ));
        } else if ack.note.is_empty() {
            findings.push(Finding::error(
                &report.yaml_path,
                Some(ack.line),
                format!(
                    "acknowledged 中「{}」的 note 是空的：请写明原文如何",
                    ack.id
                ),
            ));
        }
    }
}

/// This year's 二、上年结转 must equal last year's 四、结转下年度继续办理, column by column.
fn check_carry_over(prev: &Summary, this: &Report, out: &mut Findings) {
    let tb = &this.t3.blocks[0];
    let Some(over) = tb.row(key::CARRIED_OVER.0) else {
        return;
    };
    let fwd = &prev.carried_forward;
    for (c, col) in tb.spec.columns.iter().enumerate() {
        if let (Some(a), Some(b)) = (fwd.cell(c), over.count(c)) {
            if a != b {
                out.push(
                    Finding::error(
                        &this.yaml_path,
                        Some(over.line),
                        format!(
                            "表三「{}」列: 本年「二、上年结转」= {b}，但 {}:{} 上年「四、结转下年度继续办理」= {a}",
                            col.label,
                            previous_yaml(this, prev),
                            fwd.line,
                        ),
                    )
                    .with_id(format!("carry.{}", col.key)),
                );
            }
        }
    }
}

/// An indicator must keep its unit from one year to the next, or its series means nothing.
fn check_indicator_units(prev: &Summary, this: &Report, out: &mut Findings) {
    for ind in &this.indicators {
        if let Some(old) = prev.indicator(&ind.id) {
            if old.unit != ind.unit {
                out.push(Finding::error(
                    &this.yaml_path,
                    Some(ind.line),
                    format!(
                        "指标「{}」({}) 的单位是「{}」，但 {} 年报告中是「{}」；同一指标各年的单位应一致，否则无法比较（可换用新的指标键）",
                        ind.label, ind.id, ind.unit, prev.year, old.unit
                    ),
                ));
            }
        }
    }
}

/// A sum as text: whole numbers without a decimal point.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
