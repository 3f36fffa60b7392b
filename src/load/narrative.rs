//! Reads a report's narrative Markdown: the opening paragraph, then the six sections under
//! `## ` headings in the official order, with `{{ … }}` references to the report's own data
//! replaced by the figures they name.
//!
//! A reference lets a figure in the text come from the table instead of being typed twice (real
//! reports contradict their own tables in the narrative). `{{ t3.new.total }}` is T3's
//! 一、本年新收 总计; `{{ ind.hotline_satisfaction }}` is an indicator with its unit;
//! `{{ ind.hotline_satisfaction.value }}` the bare figure. `\{{` writes a literal `{{`.

use crate::format::{Format, SECTION_NUMERALS};
use crate::model::{Block, Indicator, Narrative, RowData, Section, Table};

use super::FileCtx;

/// What references may point at.
pub(crate) struct Data<'a> {
    /// T2, T3, T4.
    pub tables: [&'a Table; 3],
    /// The report's indicators.
    pub indicators: &'a [Indicator],
}

/// Splits and resolves a narrative. Problems become findings on `ctx`.
pub(crate) fn parse(
    src: &str,
    format: Format,
    year: u16,
    data: &Data,
    ctx: &mut FileCtx,
) -> Narrative {
    let mut narrative = Narrative::default();
    let mut current: Option<Section> = None;
    let mut opening = String::new();
    let mut expected = 0usize;
    for (i, line) in src.lines().enumerate() {
        let lineno = i + 1;
        let resolved = resolve_line(line, lineno, data, ctx);
        super::claims::find(&resolved, lineno, year, &mut narrative.claims);
        if let Some(heading) = line.strip_prefix("## ") {
            let heading = heading.trim().trim_end_matches('#').trim().to_string();
            if let Some(s) = current.take() {
                narrative.sections.push(s);
            }
            let numeral = section_numeral(&heading);
            match numeral {
                Some(n) if SECTION_NUMERALS.get(expected) == Some(&n) => expected += 1,
                Some(n) => ctx.error_at(
                    lineno,
                    format!(
                        "第{n}部分「{heading}」顺序不对：应为「{}」",
                        format.section_headings().get(expected).unwrap_or(&"（六部分已全部出现）")
                    ),
                ),
                None => ctx.error_at(
                    lineno,
                    format!(
                        "「## {heading}」不是六个部分之一；二级标题只用于 一、至 六、各部分，小标题请用 ###"
                    ),
                ),
            }
            current = Some(Section {
                numeral: numeral.unwrap_or(""),
                heading,
                markdown: String::new(),
                line: lineno,
            });
            continue;
        }
        let target = match current.as_mut() {
            Some(s) => &mut s.markdown,
            None => &mut opening,
        };
        target.push_str(&resolved);
        target.push('\n');
    }
    if let Some(s) = current.take() {
        narrative.sections.push(s);
    }
    narrative.sections.retain(|s| !s.numeral.is_empty());
    for (k, heading) in format.section_headings().iter().enumerate().skip(expected) {
        if !narrative
            .sections
            .iter()
            .any(|s| s.numeral == SECTION_NUMERALS[k])
        {
            ctx.error_at(
                0,
                format!(
                    "缺少第{}部分：应有标题「## {heading}」",
                    SECTION_NUMERALS[k]
                ),
            );
        }
    }
    narrative.opening = opening.trim().to_string();
    narrative
}

/// 一 … 六 when the heading starts with a section numeral and 、.
fn section_numeral(heading: &str) -> Option<&'static str> {
    SECTION_NUMERALS
        .iter()
        .find(|n| heading.starts_with(&format!("{n}、")))
        .copied()
}

/// Replaces each `{{ path }}` on a line with the figure it names.
fn resolve_line(line: &str, lineno: usize, data: &Data, ctx: &mut FileCtx) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("{{") {
        if rest[..start].ends_with('\\') {
            out.push_str(&rest[..start - 1]);
            out.push_str("{{");
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("}}") else {
            ctx.error_at(lineno, "引用缺少结尾的 }}".to_string());
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &rest[start + 2..start + len];
        if let Some(next) = inner.find("{{") {
            // The next reference starts before this one ends.
            ctx.error_at(lineno, "引用缺少结尾的 }}".to_string());
            out.push_str(&rest[start..start + 2 + next]);
            rest = &rest[start + 2 + next..];
            continue;
        }
        let path = inner.trim();
        match lookup(path, data) {
            Ok(text) => out.push_str(&text),
            Err(why) => {
                ctx.error_at(lineno, format!("引用 {{{{ {path} }}}}: {why}"));
                out.push_str(&rest[start..start + len + 2]);
            }
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// The text of what a reference names: one figure (`t3.new.total`, a group such as
/// `t3.results.unavailable.total` adds up its rows), a sum (`t3.results.granted.total +
/// t3.results.partial.total`), or a share in percent (`(a + b) / c`, one decimal; `| 2` for two).
pub(crate) fn lookup(expr: &str, data: &Data) -> Result<String, String> {
    let (body, decimals) = match expr.rsplit_once('|') {
        Some((b, d)) => {
            let d: usize = d
                .trim()
                .parse()
                .ok()
                .filter(|d| *d <= 4)
                .ok_or_else(|| format!("「| {}」应为小数位数 0 至 4", d.trim()))?;
            (b, Some(d))
        }
        None => (expr, None),
    };
    match body.split_once('/') {
        Some((num, den)) => {
            let (n, d) = (sum(num, data)?, sum(den, data)?);
            if d == 0 {
                return Err("分母为 0，无法计算比例".to_string());
            }
            let decimals = decimals.unwrap_or(1);
            Ok(format!("{:.decimals$}%", n as f64 * 100.0 / d as f64))
        }
        None if decimals.is_some() => Err("「| 小数位数」只用于比例（a / b）".to_string()),
        None if body.contains('+') => Ok(sum(body, data)?.to_string()),
        None => single(body.trim(), data),
    }
}

/// A sum of table figures, each a whole number (published or derived).
fn sum(expr: &str, data: &Data) -> Result<i64, String> {
    let expr = expr.trim();
    let expr = expr
        .strip_prefix('(')
        .and_then(|e| e.strip_suffix(')'))
        .unwrap_or(expr);
    expr.split('+').try_fold(0i64, |acc, term| {
        let v = table_count(term.trim(), data)?;
        acc.checked_add(v).ok_or_else(|| "和太大".to_string())
    })
}

/// The text of one figure.
fn single(path: &str, data: &Data) -> Result<String, String> {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["ind", id] | ["ind", id, "value"] => {
            let ind = data
                .indicators
                .iter()
                .find(|i| i.id == *id)
                .ok_or_else(|| format!("没有名为 {id} 的指标（indicators 中的键）"))?;
            let v = ind
                .value
                .as_ref()
                .ok_or_else(|| format!("指标「{}」的数值为空白", ind.label))?;
            Ok(if parts.len() == 3 {
                v.display()
            } else {
                format!("{}{}", v.display(), ind.unit)
            })
        }
        _ => {
            let (t, block, row, c) = locate(path, data)?;
            match row.and_then(|r| r.cells[c].as_ref()) {
                // As published: an amount keeps its digits and its own unit.
                Some(n) => Ok(n.display()),
                None => table_sum(t, block, path, c).map(|v| v.to_string()),
            }
        }
    }
}

/// A table figure as a whole number: a cell as published or derived, or a group's rows added.
fn table_count(path: &str, data: &Data) -> Result<i64, String> {
    if path.starts_with("ind.") {
        return Err(format!("{path}: 指标不能相加或计算比例，只能单独引用"));
    }
    let (t, block, _, c) = locate(path, data)?;
    table_sum(t, block, path, c)
}

/// The table, block, row (a leaf; `None` for a group) and column index that a path names.
fn locate<'a>(
    path: &str,
    data: &Data<'a>,
) -> Result<(&'a Table, &'a Block, Option<&'a RowData>, usize), String> {
    let parts: Vec<&str> = path.split('.').collect();
    let [table, rest @ ..] = parts.as_slice() else {
        return Err("写法应为 t3.行.列、t2.项.行.列 或 ind.指标".to_string());
    };
    if rest.len() < 2 {
        return Err("写法应为 t3.行.列、t2.项.行.列 或 ind.指标".to_string());
    }
    let t: &Table = data
        .tables
        .iter()
        .find(|t| t.spec.key == *table)
        .ok_or_else(|| "应以 t2、t3、t4 或 ind 开头".to_string())?;
    let (col, row_parts) = rest.split_last().expect("at least two parts");
    let (blocks, row_parts) = if t.spec.has_named_blocks() {
        let b = t
            .blocks
            .iter()
            .find(|b| b.spec.key == row_parts[0])
            .ok_or_else(|| format!("{}没有「{}」这一项", t.spec.name, row_parts[0]))?;
        (std::slice::from_ref(b), &row_parts[1..])
    } else {
        (t.blocks.as_slice(), row_parts)
    };
    let row_path = row_parts.join(".");
    let block = blocks
        .iter()
        .find(|b| b.spec.row_spec(&row_path).is_some())
        .ok_or_else(|| format!("{}没有行 {row_path}", t.spec.name))?;
    let c = block.col(col).ok_or_else(|| {
        let cols: Vec<&str> = block.spec.columns.iter().map(|c| c.key).collect();
        format!("{}没有列 {col}；可用: {}", t.spec.name, cols.join(", "))
    })?;
    Ok((t, block, block.row(&row_path), c))
}

/// The whole number at a path's row (or the rows of its group) and column `c`.
fn table_sum(t: &Table, block: &Block, path: &str, c: usize) -> Result<i64, String> {
    let row_path = path
        .split_once('.')
        .map(|(_, r)| r)
        .and_then(|r| r.rsplit_once('.').map(|(r, _)| r))
        .unwrap_or("");
    let row_path = if t.spec.has_named_blocks() {
        row_path.split_once('.').map_or("", |(_, r)| r)
    } else {
        row_path
    };
    let below = format!("{row_path}.");
    let rows: Vec<&RowData> = block
        .rows
        .iter()
        .filter(|r| r.path == row_path || r.path.starts_with(&below))
        .collect();
    let values: Vec<i64> = rows.iter().filter_map(|r| r.count(c)).collect();
    let col = block.spec.columns[c].label;
    let label = block.spec.row_spec(row_path).map_or(row_path, |r| r.label);
    if values.is_empty() {
        return Err(format!("{}「{label}」行「{col}」列为空白", t.spec.name));
    }
    if rows
        .iter()
        .any(|r| r.cells[c].is_some() && r.count(c).is_none())
    {
        return Err(format!(
            "{}「{label}」行「{col}」列不是整数，不能相加",
            t.spec.name
        ));
    }
    Ok(values.iter().sum())
}
