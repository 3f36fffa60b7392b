//! Page text: the text copied from a published page, or taken out of its PDF.
//!
//! Each printed line is a line. A table row copied from a web page has its cells between
//! tabs; a row as `pdftotext -layout` prints it has them between runs of spaces, and a single
//! space may stand between a label and its first figure: both are split into fields, the
//! label's words kept together, each figure on its own ([`figures::split_figures`]). Text is
//! read as UTF-8, or as GBK (GB18030) when it is not UTF-8, as Windows saves text by default.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::doc::{Doc, Field, Flow, Line, Loc};
use super::figures;

/// Decodes a text file: a byte-order mark if any, else UTF-8, else GBK.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let (bytes, utf16) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => (rest, None),
        [0xFF, 0xFE, rest @ ..] => (rest, Some(UTF_16LE)),
        [0xFE, 0xFF, rest @ ..] => (rest, Some(UTF_16BE)),
        _ => (bytes, None),
    };
    if let Some(enc) = utf16 {
        return enc
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|s| s.into_owned())
            .ok_or_else(|| "文件声明为 UTF-16 编码，但内容无法按 UTF-16 读出".to_string());
    }
    if bytes.contains(&0) {
        return Err(
            "这不是文本文件（含有二进制内容），也不是可识别的网页、Word 或 Excel 文件".to_string(),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|s| s.into_owned())
            .ok_or_else(|| "文件既不是 UTF-8 也不是 GBK 编码的文本，无法读出文字".to_string()),
    }
}

/// Reads page text into lines of fields.
pub fn read(text: &str) -> Doc {
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            // A form feed (a PDF's page break) starts a line; it is not a line of its own.
            let raw = raw.trim_end_matches('\r').trim_start_matches('\u{c}');
            let fields = if is_page_number(raw) {
                Vec::new()
            } else {
                fields(raw)
            };
            Line {
                fields,
                grid: None,
                x: None,
                loc: Loc::Line(i + 1),
            }
        })
        .collect();
    Doc {
        lines,
        flow: Flow::Wrapped,
    }
}

/// The fields of one printed line: cells between tabs, or between runs of two or more spaces.
pub fn fields(raw: &str) -> Vec<Field> {
    let pieces: Vec<&str> = if raw.contains('\t') {
        raw.split('\t').collect()
    } else {
        wide_gaps(raw.trim())
    };
    if pieces.iter().all(|p| p.trim().is_empty()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for p in pieces {
        if p.trim().is_empty() {
            out.push(Field::Empty);
        } else {
            out.extend(figures::split_figures(p));
        }
    }
    out
}

/// Splits at runs of two or more spaces (ASCII, no-break or ideographic).
fn wide_gaps(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut run_start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(r) = run_start.take() {
            if s[r..i].chars().count() >= 2 {
                out.push(&s[start..r]);
                start = i;
            }
        }
    }
    out.push(&s[start..]);
    out
}

/// A page number printed alone on its line: 「- 3 -」, 「— 3 —」, 「第 3 页」, 「第3页 共9页」.
fn is_page_number(raw: &str) -> bool {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let dashed = t.trim_matches(['-', '—', '－']);
    if dashed.len() < t.len() && !dashed.is_empty() && dashed.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let pages = t.replace(['共', '第', '页'], " ");
    t.contains('页')
        && (t.starts_with('第') || t.starts_with('共'))
        && pages
            .split(' ')
            .all(|p| p.is_empty() || p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(fields: &[Field]) -> Vec<&str> {
        fields.iter().map(|f| f.text().unwrap_or("·")).collect()
    }

    #[test]
    fn splits_tabbed_and_laid_out_rows() {
        assert_eq!(
            texts(&fields("\t(三) 不予公开\t1. 属于国家秘密\t13\t0\t\t13")),
            vec![
                "·",
                "(三) 不予公开",
                "1. 属于国家秘密",
                "13",
                "0",
                "·",
                "13"
            ]
        );
        assert_eq!(
            texts(&fields(
                "    (四) 无法提供   1. 本机关不掌握相关政府信息 116   3   0"
            )),
            vec![
                "(四) 无法提供",
                "1. 本机关不掌握相关政府信息",
                "116",
                "3",
                "0"
            ]
        );
        assert_eq!(
            texts(&fields("赣州市 2021 年政府信息公开工作 年度报告")),
            vec!["赣州市2021年政府信息公开工作年度报告"]
        );
    }

    #[test]
    fn drops_page_numbers_and_reads_gbk() {
        assert!(is_page_number(" - 3 - "));
        assert!(is_page_number("第 3 页 共 9 页"));
        assert!(!is_page_number("3"));
        assert!(!is_page_number("第三部分"));
        let (gbk, _, _) = GB18030.encode("赣州市 2021 年");
        assert_eq!(decode(&gbk).unwrap(), "赣州市 2021 年");
    }
}
