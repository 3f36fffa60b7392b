//! Writes the YAML of a new year's report, with a Chinese comment on every field, walking the
//! format's description of the tables.
//!
//! Written as text because serde cannot emit comments, and the comments are what lets an office
//! worker fill the file in without the documentation open: each row names the form's row, each
//! table names its columns in order.

use std::fmt::Write;

use crate::format::{BlockSpec, Format, RowSpec, TableSpec};
use crate::model::{Cell, Report};

/// What the new report starts from.
pub(super) struct Draft<'a> {
    /// The body's full name.
    pub body_name: &'a str,
    /// The year of the new report.
    pub year: u16,
    /// The format of the new report.
    pub format: Format,
    /// The latest earlier report, if the body has one.
    pub previous: Option<&'a Report>,
}

/// A YAML scalar for `s` (quoted when YAML needs it).
pub(crate) fn scalar(s: &str) -> String {
    serde_yaml::to_string(s)
        .map(|t| t.trim_end().to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

/// A line with its comment aligned, counting a Chinese character as two columns.
pub(crate) fn line(out: &mut String, text: &str, comment: &str) {
    let width: usize = text
        .chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum();
    let pad = 40usize.saturating_sub(width).max(2);
    let _ = writeln!(out, "{text}{}# {comment}", " ".repeat(pad));
}

/// The whole `report.yaml` of the draft.
pub(super) fn report_yaml(d: &Draft) -> String {
    let mut out = String::new();
    header(&mut out, d);
    indicators(&mut out, d);
    let fill = |table: &TableSpec, path: &str| {
        carried(table, path, d).map(|(cells, year)| {
            let note = format!("已按 {year} 年「四、结转下年度继续办理」填写");
            (cells, Some(note))
        })
    };
    tables_yaml(&mut out, d.format, &fill);
    out
}

/// Where each row's cells come from: given the table and the row's dotted path, the YAML text
/// of each cell and a remark for the row's comment; `None` leaves the row blank (`~`).
pub(crate) type Fill<'a> = dyn Fn(&TableSpec, &str) -> Option<(Vec<String>, Option<String>)> + 'a;

/// The three tables of `format`, each row commented with the form's label: shared by `new`
/// (blank rows) and `import` (the published figures).
pub(crate) fn tables_yaml(out: &mut String, format: Format, fill: &Fill) {
    for table in format.tables() {
        out.push('\n');
        table_yaml(out, table, fill);
    }
}

fn header(out: &mut String, d: &Draft) {
    let _ = writeln!(
        out,
        "# {} {} 年政府信息公开工作年度报告：表格与主要指标。",
        d.body_name, d.year
    );
    match d.previous {
        Some(p) => {
            let _ = writeln!(
                out,
                "# 由 nianbao new 根据 {} 年的报告生成：结构相同，数字留空（~）。\n# 「二、上年结转」已按 {} 年报告的「四、结转下年度继续办理」填好，请核对。",
                p.year, p.year
            );
        }
        None => out.push_str("# 由 nianbao new 生成：数字留空（~）。\n"),
    }
    out.push_str(
        "# 请把每个 ~ 换成本年报告中的数字；原文确实空白的单元格保留 ~（空白不等于 0）。\n# 填好后运行 nianbao check 核对勾稽关系。字段说明见 docs/format.md。\n",
    );
    let title = match d.previous {
        Some(p) if p.title.contains(&p.year.to_string()) => {
            p.title.replace(&p.year.to_string(), &d.year.to_string())
        }
        _ => format!("{}{}年政府信息公开工作年度报告", d.body_name, d.year),
    };
    let (issuer, issuer_note) = match d.previous {
        Some(p) => (p.issuer.as_str(), "印发机关（沿用上年，请核对）"),
        None => ("", "印发机关（尚未填写）"),
    };
    line(
        out,
        &format!("format: {}", scalar(d.format.key())),
        &format!("表格格式：{}", d.format.document()),
    );
    line(
        out,
        &format!("title: {}", scalar(&title)),
        "报告标题（按印发的原文核对）",
    );
    line(out, &format!("issuer: {}", scalar(issuer)), issuer_note);
    line(
        out,
        "date: \"\"",
        "印发日期，写成 年-月-日，如 2023-03-09（尚未填写）",
    );
    line(
        out,
        "published: \"\"",
        "发布日期：门户网站发布的日期，年-月-日（可不填）",
    );
    line(
        out,
        "source: \"\"",
        "原文网址：门户网站上原文的地址（可不填）",
    );
}

fn indicators(out: &mut String, d: &Draft) {
    let list = d.previous.map_or(&[][..], |p| p.indicators.as_slice());
    out.push('\n');
    if list.is_empty() {
        line(
            out,
            "indicators: {}",
            "表格以外的主要指标（可按 docs/format.md 添加）",
        );
        return;
    }
    line(
        out,
        "indicators:",
        "表格以外的主要指标；键各年不变，以便比较历年数字",
    );
    for i in list {
        line(out, &format!("  {}:", i.id), &i.label);
        line(out, &format!("    label: {}", scalar(&i.label)), "指标名称");
        let last = i
            .display()
            .map_or("上年空白".to_string(), |v| format!("上年为 {v}"));
        line(
            out,
            "    value: ~",
            &format!("本年数值（尚未填写；{last}）"),
        );
        line(
            out,
            &format!("    unit: {}", scalar(&i.unit)),
            "单位，须与上年相同",
        );
    }
}

fn table_yaml(out: &mut String, table: &'static TableSpec, fill: &Fill) {
    let heading = format!(
        "{}：{}、{}",
        table.name,
        section_numeral(table.key),
        table.caption
    );
    if table.has_named_blocks() {
        line(out, &format!("{}:", table.key), &heading);
        for block in table.blocks {
            line(
                out,
                &format!("  {}:", block.key),
                &format!("{}: [{}]", block.label, col_words(block)),
            );
            rows(out, table, block, block.rows, "", 4, fill);
        }
    } else {
        let block = &table.blocks[0];
        let _ = writeln!(
            out,
            "# 每行 {} 个数: [{}]",
            block.columns.len(),
            col_words(block)
        );
        line(out, &format!("{}:", table.key), &heading);
        rows(out, table, block, block.rows, "", 2, fill);
    }
}

fn section_numeral(table: &str) -> &'static str {
    match table {
        "t2" => "二",
        "t3" => "三",
        _ => "四",
    }
}

fn col_words(block: &BlockSpec) -> String {
    block
        .columns
        .iter()
        .map(|c| c.label)
        .collect::<Vec<_>>()
        .join(", ")
}

fn rows(
    out: &mut String,
    table: &TableSpec,
    block: &BlockSpec,
    specs: &'static [RowSpec],
    prefix: &str,
    indent: usize,
    fill: &Fill,
) {
    let pad = " ".repeat(indent);
    for r in specs {
        let path = if prefix.is_empty() {
            r.key.to_string()
        } else {
            format!("{prefix}.{}", r.key)
        };
        if !r.is_leaf() {
            line(out, &format!("{pad}{}:", r.key), r.label);
            rows(out, table, block, r.children, &path, indent + 2, fill);
            continue;
        }
        // T4's rows sit under a 行政诉讼 heading the row tree does not hold; say it.
        let label = if table.key == "t4" { r.short } else { r.label };
        let (cells, comment) = match fill(table, &path) {
            Some((cells, Some(note))) => (cells, format!("{label}（{note}）")),
            Some((cells, None)) => (cells, label.to_string()),
            None => (
                vec!["~".to_string(); block.columns.len()],
                label.to_string(),
            ),
        };
        line(
            out,
            &format!("{pad}{}: [{}]", r.key, cells.join(", ")),
            &comment,
        );
    }
}

/// This year's 二、上年结转, taken from the previous report's 四、结转下年度继续办理.
fn carried(table: &TableSpec, path: &str, d: &Draft) -> Option<(Vec<String>, u16)> {
    if table.key != "t3" || path != "carried_over" {
        return None;
    }
    let prev = d.previous?;
    let row = prev.t3.blocks[0].row("carried_forward")?;
    Some((row.cells.iter().map(cell_text).collect(), prev.year))
}

fn cell_text(c: &Cell) -> String {
    match c {
        None => "~".to_string(),
        Some(n) if n.unit.is_some() => scalar(&n.display()),
        Some(n) => n.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_scalars_only_when_yaml_needs_it() {
        assert_eq!(scalar("赣州市人民政府办公室"), "赣州市人民政府办公室");
        assert_eq!(scalar("2021"), "'2021'");
        assert_eq!(scalar("%"), "'%'");
        assert_eq!(scalar(""), "''");
    }

    #[test]
    fn a_draft_without_a_previous_report_has_every_row_blank() {
        let d = Draft {
            body_name: "某县人民政府",
            year: 2023,
            format: Format::F2021,
            previous: None,
        };
        let text = report_yaml(&d);
        let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(
            v["title"].as_str(),
            Some("某县人民政府2023年政府信息公开工作年度报告")
        );
        assert!(v["t3"]["carried_over"][6].is_null());
        assert!(v["t2"]["item8"]["fees"][0].is_null());
        for l in text
            .lines()
            .filter(|l| l.contains(':') && !l.starts_with('#'))
        {
            assert!(l.contains("# "), "no comment on {l:?}");
        }
    }
}
