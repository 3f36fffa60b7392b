//! The document as every reader hands it to recognition: a list of lines, each a row of fields.
//!
//! A page of text gives one line per printed line, its fields split at tabs (or at wide gaps, as
//! `pdftotext -layout` prints a table); a web page or Word file gives one line per paragraph and
//! one per table row; a spreadsheet one per sheet row. Table rows from a grid (HTML, Word,
//! spreadsheets) keep their columns: merged cells are expanded, the covered places marked
//! [`Field::Span`], so a figure's column is known. Recognition (`recognize`) only ever sees this
//! shape, which is why a new input format needs nothing but a reader.

/// Where a line came from, for messages that send a person back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loc {
    /// A line of a text file (1-based).
    Line(usize),
    /// A paragraph of a web page or Word file (1-based, counting only paragraphs with text).
    Para(usize),
    /// Row `row` of the `table`-th table of a web page or Word file (both 1-based).
    TableRow {
        /// Which table, in document order.
        table: usize,
        /// Which row of it.
        row: usize,
    },
    /// A printed line of a PDF's page (both 1-based; lines count those with text).
    Page {
        /// The page.
        page: usize,
        /// The line on it.
        line: usize,
    },
    /// A row of a spreadsheet.
    SheetRow {
        /// The sheet's name.
        sheet: String,
        /// The row as the spreadsheet numbers it (1-based).
        row: usize,
    },
}

impl Loc {
    /// The line number, for a text file (findings carry it as `file:line`).
    pub fn line(&self) -> Option<usize> {
        match self {
            Loc::Line(n) => Some(*n),
            _ => None,
        }
    }

    /// Where, in words, for places that have no line number ("第 2 个表格第 7 行").
    pub fn words(&self) -> Option<String> {
        match self {
            Loc::Line(_) => None,
            Loc::Para(n) => Some(format!("第 {n} 段")),
            Loc::TableRow { table, row } => Some(format!("第 {table} 个表格第 {row} 行")),
            Loc::Page { page, line } => Some(format!("第 {page} 页第 {line} 行")),
            Loc::SheetRow { sheet, row } => Some(format!("工作表「{sheet}」第 {row} 行")),
        }
    }
}

/// One field of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// Text as printed (already cleaned by [`clean`]).
    Text(String),
    /// An empty cell or an empty place between two tabs.
    Empty,
    /// A grid place covered by a merged cell that starts to its left or above.
    Span,
}

impl Field {
    /// The text of a `Text` field.
    pub fn text(&self) -> Option<&str> {
        match self {
            Field::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// One line of the document.
#[derive(Debug, Clone)]
pub struct Line {
    /// The fields, left to right.
    pub fields: Vec<Field>,
    /// For a row of a table grid: which grid (any number that differs between grids). Its
    /// fields are then the grid's columns, one field per column.
    pub grid: Option<usize>,
    /// For a printed line of a PDF: where each field stands across the page (its left and right
    /// edge in points), one per field, so that a figure's column can be told by the heading over
    /// it.
    pub x: Option<Vec<(f32, f32)>>,
    /// Where the line came from.
    pub loc: Loc,
}

impl Line {
    /// A line of one field of text (a paragraph).
    pub fn text(text: &str, loc: Loc) -> Line {
        let t = clean(text);
        let fields = if t.is_empty() {
            Vec::new()
        } else {
            vec![Field::Text(t)]
        };
        Line {
            fields,
            grid: None,
            x: None,
            loc,
        }
    }

    /// The texts of the line joined as one would read them.
    pub fn joined(&self) -> String {
        let parts: Vec<&str> = self.fields.iter().filter_map(Field::text).collect();
        clean(&parts.join(" "))
    }

    /// Whether the line has no text at all.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.text().is_none())
    }
}

/// Something recognition could not do, with where in the original it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, when it is one place.
    pub loc: Option<Loc>,
    /// What, in the words of the form.
    pub message: String,
}

impl Problem {
    /// A problem at `loc`.
    pub fn at(loc: &Loc, message: String) -> Problem {
        Problem {
            loc: Some(loc.clone()),
            message,
        }
    }

    /// A problem of the whole document.
    pub fn whole(message: String) -> Problem {
        Problem { loc: None, message }
    }
}

/// How a document's lines make paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Each line is a paragraph (web pages, Word, spreadsheets).
    Paragraphs,
    /// Lines are printed lines: a paragraph may run over several, broken mid-sentence (page
    /// text, text taken out of a PDF).
    Wrapped,
}

/// A document read by one of the readers.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Its lines in reading order.
    pub lines: Vec<Line>,
    /// How its lines make paragraphs.
    pub flow: Flow,
}

/// Whether `c` is a Chinese character or Chinese/full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2010..=0x2027 | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// Text as a reader should keep it: every kind of white space (tabs, no-break and ideographic
/// spaces, line breaks) made one plain space, trimmed, and the spaces that page layout puts
/// next to Chinese characters removed ("2021 年" → "2021年", "年度 报告" → "年度报告"), while
/// spaces between Latin words stay.
pub fn clean(s: &str) -> String {
    let chars: Vec<char> = s
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != ' ' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let (left, right) = (
            start.checked_sub(1).map(|k| chars[k]),
            chars.get(i).copied(),
        );
        let (Some(l), Some(r)) = (left, right) else {
            continue; // leading or trailing
        };
        let glue =
            (is_cjk(l) && (is_cjk(r) || r.is_ascii_digit())) || (is_cjk(r) && l.is_ascii_digit());
        if !glue {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_layout_spaces_next_to_chinese_only() {
        for (raw, want) in [
            (
                "赣州市 2021 年政府信息公开工作 年度报告",
                "赣州市2021年政府信息公开工作年度报告",
            ),
            ("\u{3000}\u{3000}2022年 3月 9日", "2022年3月9日"),
            ("结果 维持", "结果维持"),
            ("Word 文档 and  WPS", "Word 文档 and WPS"),
            ("1. 属于国家秘密", "1. 属于国家秘密"),
            ("a\u{a0}\tb", "a b"),
        ] {
            assert_eq!(clean(raw), want, "{raw:?}");
        }
    }
}
