//! Reads one statutory table from its YAML value, walking the format's description of it.
//!
//! Every row the form prints must be present; a key the form does not have is an error (a typo
//! such as `carried_ovre` must not pass silently); each cell is checked against its column's
//! kind. Problems become findings, and loading goes on so that all of them are shown at once.

use serde_yaml::{Mapping, Value};

use crate::format::{BlockSpec, ColKind, ColSpec, RowSpec, TableSpec};
use crate::model::{allows_negative, Block, Cell, Num, RowData, Table, MAX_COUNT};

use super::FileCtx;

/// Reads `spec` from `value` (the table's YAML mapping).
pub(crate) fn load_table(spec: &'static TableSpec, value: &Value, ctx: &mut FileCtx) -> Table {
    let Some(map) = mapping(
        value,
        spec.key,
        &format!("{}（{}）", spec.name, spec.caption),
        ctx,
    ) else {
        return empty_table(spec);
    };
    let blocks = if spec.has_named_blocks() {
        let allowed: Vec<&str> = spec.blocks.iter().map(|b| b.key).collect();
        unknown_keys(map, &allowed, spec.key, spec.name, ctx);
        spec.blocks
            .iter()
            .map(|b| {
                let path = format!("{}.{}", spec.key, b.key);
                match map.get(b.key) {
                    Some(v) => match mapping(v, &path, &format!("{}{}", spec.name, b.label), ctx) {
                        Some(m) => load_block(b, m, &path, spec.name, ctx),
                        None => empty_block(b),
                    },
                    None => {
                        ctx.error(
                            spec.key,
                            format!("{}缺少「{}」（键 {}）", spec.name, b.label, b.key),
                        );
                        empty_block(b)
                    }
                }
            })
            .collect()
    } else {
        vec![load_block(&spec.blocks[0], map, spec.key, spec.name, ctx)]
    };
    let line = ctx.lines.line(spec.key).unwrap_or(0);
    Table { spec, blocks, line }
}

fn load_block(
    spec: &'static BlockSpec,
    map: &Mapping,
    path: &str,
    table: &str,
    ctx: &mut FileCtx,
) -> Block {
    let mut rows = Vec::new();
    let where_ = format!("{table}{}", spec.label);
    load_rows(spec, spec.rows, map, path, "", &where_, ctx, &mut rows);
    Block { spec, rows }
}

/// Where a group of rows sits: its YAML path, and its dotted path below the table.
#[allow(clippy::too_many_arguments)]
fn load_rows(
    block: &'static BlockSpec,
    rows: &'static [RowSpec],
    map: &Mapping,
    yaml_path: &str,
    row_prefix: &str,
    where_: &str,
    ctx: &mut FileCtx,
    out: &mut Vec<RowData>,
) {
    let allowed: Vec<&str> = rows.iter().map(|r| r.key).collect();
    unknown_keys(map, &allowed, yaml_path, where_, ctx);
    for row in rows {
        let ypath = format!("{yaml_path}.{}", row.key);
        let rpath = if row_prefix.is_empty() {
            row.key.to_string()
        } else {
            format!("{row_prefix}.{}", row.key)
        };
        let value = map.get(row.key);
        if value.is_none() {
            ctx.error(
                yaml_path,
                format!(
                    "{where_}缺少行「{}」（键 {}）；空白单元格请写 ~",
                    row.label, row.key
                ),
            );
        }
        if row.is_leaf() {
            let cells = match value {
                Some(v) => load_cells(block.columns, v, &ypath, where_, row, ctx),
                None => vec![None; block.columns.len()],
            };
            let line = ctx.lines.line(&ypath).unwrap_or(0);
            out.push(RowData::new(row, rpath, line, cells));
        } else {
            match value.and_then(|v| mapping(v, &ypath, row.label, ctx)) {
                Some(sub) => load_rows(block, row.children, sub, &ypath, &rpath, where_, ctx, out),
                // Already reported: the group is missing or not a mapping.
                None => blank_leaves(row.children, &rpath, block.columns.len(), out),
            }
        }
    }
}

fn load_cells(
    columns: &'static [ColSpec],
    value: &Value,
    ypath: &str,
    where_: &str,
    row: &RowSpec,
    ctx: &mut FileCtx,
) -> Vec<Cell> {
    let blank = vec![None; columns.len()];
    let Value::Sequence(items) = value else {
        ctx.error(
            ypath,
            format!(
                "{where_}「{}」应写成 {} 个数字的列表（{}），例如 [{}]",
                row.label,
                columns.len(),
                column_words(columns),
                vec!["0"; columns.len()].join(", ")
            ),
        );
        return blank;
    };
    if items.len() != columns.len() {
        ctx.error(
            ypath,
            format!(
                "{where_}「{}」应有 {} 个数字（{}），实际写了 {} 个",
                row.label,
                columns.len(),
                column_words(columns),
                items.len()
            ),
        );
        return blank;
    }
    let raw = ctx
        .lines
        .line(ypath)
        .and_then(|l| ctx.lines.text(&ctx.source, l))
        .and_then(crate::yamlpos::raw_flow_items)
        .filter(|r| r.len() == items.len())
        .unwrap_or_default();
    columns
        .iter()
        .zip(items)
        .enumerate()
        .map(
            |(i, (col, v))| match parse_cell(col.kind, v, raw.get(i).map(String::as_str)) {
                Ok(c) => c,
                Err(why) => {
                    ctx.error(
                        ypath,
                        format!("{where_}「{}」行「{}」列: {why}", row.label, col.label),
                    );
                    None
                }
            },
        )
        .collect()
}

fn column_words(columns: &[ColSpec]) -> String {
    columns
        .iter()
        .map(|c| c.label)
        .collect::<Vec<_>>()
        .join("、")
}

/// Reads one cell. `~` (or an empty string) is a blank cell. `raw` is the cell as written in
/// the file, when known: an amount keeps those digits (`151022.80` stays `151022.80`).
pub(crate) fn parse_cell(kind: ColKind, v: &Value, raw: Option<&str>) -> Result<Cell, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                if i < 0 && !allows_negative(kind) {
                    return Err(format!("数量不能为负数，写的是 {i}"));
                }
                if i.unsigned_abs() > MAX_COUNT as u64 {
                    return Err(too_large(&i.to_string()));
                }
                return Ok(Some(Num::int(i)));
            }
            if n.as_u64().is_some() {
                return Err(too_large(&n.to_string()));
            }
            let value = n.as_f64().unwrap_or(f64::NAN);
            if !value.is_finite() {
                return Err(format!("{n} 不是数字（.nan 或 .inf），请写出报告中的数字"));
            }
            let text = raw
                .filter(|r| r.parse::<f64>().is_ok_and(|p| p == value))
                .map_or_else(|| n.to_string(), str::to_string);
            if kind != ColKind::Amount {
                return Err(format!("应为整数，写的是 {text}"));
            }
            if value < 0.0 {
                return Err(format!("金额不能为负数，写的是 {text}"));
            }
            if value.abs() > MAX_COUNT as f64 {
                return Err(too_large(&text));
            }
            Ok(Some(Num {
                text,
                value,
                count: None,
                unit: None,
            }))
        }
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) if kind == ColKind::Amount => parse_amount(s.trim()),
        Value::String(s) => Err(format!("应为数字，写的是文字 \"{s}\"（空白请写 ~）")),
        other => Err(format!("应为数字，写的是 {}", kind_word(other))),
    }
}

fn too_large(text: &str) -> String {
    format!("数字 {text} 太大，超出可核对的范围（最大 {MAX_COUNT}）")
}

/// An amount written as text: digits as published, optionally followed by a unit ("251000元").
fn parse_amount(s: &str) -> Result<Cell, String> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (digits, unit) = s.split_at(end);
    let value: f64 = digits
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v <= MAX_COUNT as f64)
        .ok_or_else(|| format!("应为金额（如 151022.81 或 \"251000元\"），写的是 \"{s}\""))?;
    Ok(Some(Num {
        text: digits.to_string(),
        value,
        count: (!digits.contains('.'))
            .then(|| digits.parse().ok())
            .flatten(),
        unit: (!unit.trim().is_empty()).then(|| unit.trim().to_string()),
    }))
}

fn kind_word(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "是/否值",
        Value::Sequence(_) => "列表",
        Value::Mapping(_) => "键值表",
        _ => "其他值",
    }
}

fn mapping<'v>(v: &'v Value, path: &str, what: &str, ctx: &mut FileCtx) -> Option<&'v Mapping> {
    match v {
        Value::Mapping(m) => Some(m),
        _ => {
            ctx.error(path, format!("{what} 应写成键值表（每行「键: 值」）"));
            None
        }
    }
}

fn unknown_keys(map: &Mapping, allowed: &[&str], path: &str, where_: &str, ctx: &mut FileCtx) {
    for key in map.keys() {
        let k = key
            .as_str()
            .map_or_else(|| format!("{key:?}"), str::to_string);
        if !allowed.contains(&k.as_str()) {
            ctx.error(
                &format!("{path}.{k}"),
                format!(
                    "{where_}没有「{k}」这一项；可用的键: {}",
                    allowed.join(", ")
                ),
            );
        }
    }
}

fn empty_block(spec: &'static BlockSpec) -> Block {
    let mut rows = Vec::new();
    blank_leaves(spec.rows, "", spec.columns.len(), &mut rows);
    Block { spec, rows }
}

/// Appends every leaf under `rows` with all cells blank.
fn blank_leaves(rows: &'static [RowSpec], prefix: &str, n: usize, out: &mut Vec<RowData>) {
    out.extend(
        RowSpec::leaves(rows, prefix)
            .into_iter()
            .map(|(path, spec)| RowData::new(spec, path, 0, vec![None; n])),
    );
}

/// A table with every cell blank, in the shape of `spec`.
pub(crate) fn empty_table(spec: &'static TableSpec) -> Table {
    Table {
        spec,
        blocks: spec.blocks.iter().map(empty_block).collect(),
        line: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cells_by_column_kind() {
        let v = |s: &str| serde_yaml::from_str::<Value>(s).unwrap();
        let parse = |kind, s: &str| parse_cell(kind, &v(s), Some(s));
        let amount = parse(ColKind::Amount, "151022.81").unwrap().unwrap();
        assert_eq!(amount.text, "151022.81");
        let zero = parse(ColKind::Amount, "151022.80").unwrap().unwrap();
        assert_eq!(zero.text, "151022.80", "trailing zero as written");
        let yuan = parse(ColKind::Amount, "\"251000元\"").unwrap().unwrap();
        assert_eq!(
            (yuan.text.as_str(), yuan.unit.as_deref()),
            ("251000", Some("元"))
        );
        assert_eq!(parse(ColKind::Count, "~").unwrap(), None);
        assert!(parse(ColKind::Count, "-1").is_err());
        assert_eq!(
            parse(ColKind::Change, "-3").unwrap().unwrap().count,
            Some(-3)
        );
        assert!(parse(ColKind::Count, "1.5").is_err());
        assert!(parse(ColKind::Count, "\"12\"").is_err());
        for bad in [".nan", ".inf", "-.inf"] {
            let e = parse(ColKind::Amount, bad).unwrap_err();
            assert!(e.contains("不是数字"), "{bad}: {e}");
        }
        let big = parse(ColKind::Count, "9007199254740992").unwrap_err();
        assert!(big.contains("太大"), "{big}");
        assert!(parse(ColKind::Count, "9007199254740991").is_ok());
        assert!(parse(ColKind::Amount, "1e300")
            .unwrap_err()
            .contains("太大"));
    }
}
