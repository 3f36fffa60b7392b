//! Figures as tables print them, and how a line splits into its label and its figures.
//!
//! A figure is digits (thousands separators and full-width digits allowed), optionally signed,
//! optionally with a unit written after it (「251000元」, 「5件」). A cell printed as 「—」, 「/」
//! or 「无」 says that nothing is stated: it is a blank cell, never 0.

use super::doc::{clean, Field, Line};

/// Units a table cell may carry after its digits.
const UNITS: &[&str] = &["万元", "元", "件", "个", "项", "条", "次"];

/// What a blank cell may be printed as.
const BLANK_MARKS: &[&str] = &["—", "——", "-", "－", "/", "／", "\\", "无", "一"];

/// A figure as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The digits, with a leading `-` for a negative figure (「1,234」 is `1234`).
    pub digits: String,
    /// A unit printed with it.
    pub unit: Option<String>,
}

impl Figure {
    /// The figure as it reads (digits and unit).
    pub fn text(&self) -> String {
        format!("{}{}", self.digits, self.unit.as_deref().unwrap_or(""))
    }

    /// Whether the digits are a whole number.
    pub fn is_integer(&self) -> bool {
        !self.digits.contains('.')
    }

    /// Whether it is below zero.
    pub fn is_negative(&self) -> bool {
        self.digits.starts_with('-')
    }
}

/// What a field holds, read as a table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A figure.
    Figure(Figure),
    /// Nothing stated (an empty place, or 「—」).
    Blank,
    /// Words: a label.
    Words(String),
    /// A place covered by a merged cell.
    Span,
}

/// Reads a field as a table cell.
pub fn cell(field: &Field) -> Cell {
    match field {
        Field::Empty => Cell::Blank,
        Field::Span => Cell::Span,
        Field::Text(t) => {
            let t = t.trim();
            if BLANK_MARKS.contains(&t) {
                Cell::Blank
            } else {
                figure(t).map_or_else(|| Cell::Words(t.to_string()), Cell::Figure)
            }
        }
    }
}

/// Reads a figure: 「706」「151022.81」「-12」「1,234」「251000元」.
pub fn figure(text: &str) -> Option<Figure> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '−' => '-',
            '．' => '.',
            '，' => ',',
            c => c,
        })
        .collect();
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", t.as_str()),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(end);
    if !(unit.is_empty() || UNITS.contains(&unit)) {
        return None;
    }
    let digits = plain_digits(number)?;
    Some(Figure {
        digits: format!("{sign}{digits}"),
        unit: (!unit.is_empty()).then(|| unit.to_string()),
    })
}

/// Digits with an optional decimal part; commas only as thousands separators.
fn plain_digits(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
    }
    let int: String = int.chars().filter(|c| *c != ',').collect();
    // 「007」 is 7: leading zeros say nothing.
    let int = match int.trim_start_matches('0') {
        "" if !int.is_empty() => "0".to_string(),
        t => t.to_string(),
    };
    let digits_ok = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(&int) || int.len() > 15 || frac.is_some_and(|f| !digits_ok(f)) {
        return None;
    }
    Some(match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    })
}

/// A line's cells with the column each sits in.
pub fn cells(line: &Line) -> Vec<(usize, Cell)> {
    line.fields
        .iter()
        .enumerate()
        .map(|(col, f)| (col, cell(f)))
        .collect()
}

/// The fields of one printed piece of a row that ends in figures separated by spaces
/// (「1. 属于国家秘密 13 0 — 0」, as a PDF's text layer prints a row): the words as one
/// field, then each figure or blank mark as its own. Split before [`clean`] glues the spaces
/// next to Chinese characters away.
pub fn split_figures(raw: &str) -> Vec<Field> {
    let tokens: Vec<&str> = raw
        .split(char::is_whitespace)
        .filter(|t| !t.is_empty())
        .collect();
    let mut k = tokens.len();
    while k > 0 && !matches!(cell(&Field::Text(tokens[k - 1].into())), Cell::Words(_)) {
        k -= 1;
    }
    let mut out = Vec::new();
    let words = clean(&tokens[..k].join(" "));
    if !words.is_empty() {
        out.push(Field::Text(words));
    }
    out.extend(tokens[k..].iter().map(|t| Field::Text(clean(t))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::Loc;

    #[test]
    fn reads_figures_as_printed() {
        let f = |s: &str| figure(s).map(|f| f.text());
        assert_eq!(f("706"), Some("706".into()));
        assert_eq!(f("151022.81"), Some("151022.81".into()));
        assert_eq!(f("1,234"), Some("1234".into()));
        assert_eq!(f("－12"), Some("-12".into()));
        assert_eq!(f("251000元"), Some("251000元".into()));
        assert_eq!(f("１２"), Some("12".into()));
        for not in ["1.", "2021年", "12,34", "abc", "", "1.2.3", "第3项"] {
            assert_eq!(f(not), None, "{not}");
        }
        assert_eq!(cell(&Field::Text("—".into())), Cell::Blank);
        assert_eq!(
            cell(&Field::Text("0".into())),
            Cell::Figure(figure("0").unwrap())
        );
    }

    #[test]
    fn splits_a_printed_row_into_words_and_figures() {
        let line = Line {
            fields: split_figures("(三) 不予公开 1. 属于国家秘密 13 0 — 0"),
            grid: None,
            x: None,
            loc: Loc::Line(1),
        };
        let got: Vec<Cell> = cells(&line).into_iter().map(|(_, c)| c).collect();
        assert_eq!(got[0], Cell::Words("(三) 不予公开1. 属于国家秘密".into()));
        assert_eq!(got.len(), 5);
        assert_eq!(got[3], Cell::Blank);
        assert_eq!(
            split_figures("2021 年 1 月"),
            vec![Field::Text("2021年1月".into())]
        );
    }
}
