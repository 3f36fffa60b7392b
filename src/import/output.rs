//! The files an import writes, in the shape `nianbao new` writes them: `report.yaml` with a
//! Chinese comment on every field (the tables through the same writer as `new`), `report.md`,
//! and, for a body the site does not have yet, `body.yaml`.
//!
//! Nothing in them names the file that was imported, so the same report read from its page
//! text or from the page nianbao built gives the same bytes.

use std::fmt::Write;

use crate::format::{ColKind, TableSpec};
use crate::scaffold::yaml::{line, scalar, tables_yaml};

use super::figures::Figure;
use super::indicators::Proposal;
use super::prose;
use super::recognize::Recognized;

/// What the YAML needs besides the recognised report.
pub struct Names<'a> {
    /// The body's full name (from `body.yaml`, else from the title).
    pub body_name: &'a str,
    /// The report's title.
    pub title: &'a str,
    /// The address of the original on the portal, when given.
    pub source: Option<&'a str>,
}

/// The whole `report.yaml`.
pub fn report_yaml(r: &Recognized, names: &Names) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} {} 年政府信息公开工作年度报告：表格与主要指标。",
        names.body_name, r.year
    );
    out.push_str(
        "# 由 nianbao import 从发布的报告导入：数字按原文照录，原文空白的单元格写 ~（空白不等于 0）。\n# 主要指标取自正文，每条注明所依据的原文，请核对。核对勾稽关系：nianbao check。字段说明见 docs/format.md。\n",
    );
    line(
        &mut out,
        &format!("format: {}", scalar(r.format.key())),
        &format!("表格格式：{}", r.format.document()),
    );
    line(
        &mut out,
        &format!("title: {}", scalar(names.title)),
        "报告标题",
    );
    let (issuer, said) = match &r.issuer {
        Some(i) => (i.as_str(), "印发机关（取自报告末尾）"),
        None => ("", "印发机关（原文中没有找到，请填写）"),
    };
    line(&mut out, &format!("issuer: {}", scalar(issuer)), said);
    let (date, said) = match &r.date {
        Some(d) => (d.as_str(), "印发日期（取自报告末尾）"),
        None => ("", "印发日期，写成 年-月-日（原文中没有找到，请填写）"),
    };
    line(&mut out, &format!("date: {}", scalar(date)), said);
    let (published, said) = match &r.published {
        Some(d) => (d.as_str(), "发布日期（取自网页的发布时间）"),
        None => ("", "发布日期：门户网站发布的日期，年-月-日（可不填）"),
    };
    line(&mut out, &format!("published: {}", scalar(published)), said);
    let (source, said) = match names.source {
        Some(u) => (u, "原文网址"),
        None => ("", "原文网址：门户网站上原文的地址（可不填）"),
    };
    line(&mut out, &format!("source: {}", scalar(source)), said);
    indicators(&mut out, &r.indicators);
    let fill = |table: &TableSpec, path: &str| row_cells(r, table, path);
    tables_yaml(&mut out, r.format, &fill);
    out
}

fn indicators(out: &mut String, list: &[Proposal]) {
    out.push('\n');
    if list.is_empty() {
        line(
            out,
            "indicators: {}",
            "表格以外的主要指标（正文中没有找到；可按 docs/format.md 添加）",
        );
        return;
    }
    line(
        out,
        "indicators:",
        "表格以外的主要指标，取自正文，请核对；键各年不变，以便比较历年数字",
    );
    for p in list {
        line(
            out,
            &format!("  {}:", p.id),
            &format!("原文：{}", p.sentence),
        );
        line(out, &format!("    label: {}", scalar(p.label)), "指标名称");
        line(
            out,
            &format!("    value: {}", number(&p.value)),
            "数值（按原文）",
        );
        line(out, &format!("    unit: {}", scalar(&p.unit)), "单位");
    }
}

/// A row's cells as YAML, and a remark when the original lacks the row.
fn row_cells(
    r: &Recognized,
    table: &TableSpec,
    path: &str,
) -> Option<(Vec<String>, Option<String>)> {
    let t = ["t2", "t3", "t4"].iter().position(|k| *k == table.key)?;
    let i = r
        .labels
        .leaves
        .iter()
        .position(|l| l.table == t && l.path == path)?;
    let leaf = &r.labels.leaves[i];
    let columns = table.blocks[leaf.block].columns;
    match &r.rows[i] {
        Some(cells) => Some((
            cells
                .iter()
                .zip(columns)
                .map(|(c, col)| cell(c.as_ref(), col.kind))
                .collect(),
            None,
        )),
        None => Some((
            vec!["~".to_string(); columns.len()],
            Some("原文中没有这一行，留空".to_string()),
        )),
    }
}

/// A cell as YAML: `~` for blank; the digits as published; an amount with its unit as text.
fn cell(c: Option<&Figure>, kind: ColKind) -> String {
    match c {
        None => "~".to_string(),
        Some(f) if kind == ColKind::Amount && f.unit.is_some() => scalar(&f.text()),
        Some(f) => number(&f.digits),
    }
}

/// Digits as a YAML number when YAML reads them back as written (else quoted, so that 1.50
/// keeps its 0).
fn number(digits: &str) -> String {
    let plain = serde_yaml::from_str::<serde_yaml::Value>(digits)
        .ok()
        .and_then(|v| match v {
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
    if plain.as_deref() == Some(digits) {
        digits.to_string()
    } else {
        scalar(digits)
    }
}

/// The whole `report.md`: the opening, then the six sections under `##` headings.
pub fn report_md(r: &Recognized) -> String {
    let mut out = prose::markdown(&r.opening);
    for s in &r.sections {
        let _ = write!(out, "## {}\n\n", s.heading);
        out.push_str(&prose::markdown(&s.blocks));
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// A `body.yaml` for a body the site does not have yet.
pub fn body_yaml(name: &str, office: &str) -> String {
    let mut out = String::from(
        "# 发布机关信息：由 nianbao import 根据报告生成，请核对并补全空着的项。字段说明见 docs/format.md。\n",
    );
    line(
        &mut out,
        &format!("name: {}", scalar(name)),
        "机关全称（取自报告标题，请核对）",
    );
    line(
        &mut out,
        "level: ''",
        "行政层级（请填写，如 设区的市、县级、省级部门）",
    );
    line(
        &mut out,
        "region: ''",
        "所在地区（请填写，如 江西省赣州市）",
    );
    line(
        &mut out,
        &format!("office: {}", scalar(office)),
        "年报编制机构（取自报告的印发机关，请核对）",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_figures_exactly_as_printed() {
        assert_eq!(number("151022.81"), "151022.81");
        assert_eq!(number("706"), "706");
        assert_eq!(number("97.10"), "'97.10'");
        let yuan = Figure {
            digits: "251000".into(),
            unit: Some("元".into()),
        };
        assert_eq!(cell(Some(&yuan), ColKind::Amount), "251000元");
        assert_eq!(cell(None, ColKind::Count), "~");
    }
}
