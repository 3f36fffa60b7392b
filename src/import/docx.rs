//! Word files (`.docx`): the body of `word/document.xml`, read with `zip` and `quick-xml`.
//!
//! Each paragraph is a line (a paragraph with tabs is split at them, as some reports type a
//! table); each table row is a grid line, a cell spanning columns (`w:gridSpan`) or continuing
//! the cell above (`w:vMerge`) marked as the place it covers. Deleted text of tracked changes,
//! field codes and the fallback copies of drawings are not text of the report.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::doc::{clean, Doc, Field, Flow, Line, Loc};
use super::text;

/// The most of `document.xml` read (a report's is well under 10 MB).
const XML_LIMIT: u64 = 64 << 20;

/// Reads a `.docx` file's bytes.
pub fn read(bytes: &[u8]) -> Result<Doc, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("Word 文件不完整或已损坏，无法打开（{e}）"))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| format!("Word 文件不完整或已损坏：读不到正文 word/document.xml（{e}）"))?
        .take(XML_LIMIT)
        .read_to_string(&mut xml)
        .map_err(|e| format!("Word 文件不完整或已损坏：正文无法解压（{e}）"))?;
    let mut body = Body::default();
    body.parse(&xml)
        .map_err(|e| format!("Word 文件已损坏：正文不是完整的 XML（{e}）"))?;
    Ok(Doc {
        lines: body.lines,
        flow: Flow::Paragraphs,
    })
}

/// A cell while its row is read.
#[derive(Default)]
struct Cell {
    text: String,
    span: usize,
    /// `w:vMerge` without `restart`: this place continues the cell above.
    continues: bool,
}

/// A table while it is read: its rows, and the row and cell open now.
#[derive(Default)]
struct Table {
    rows: Vec<(usize, Vec<Cell>)>,
    row: Option<(usize, Vec<Cell>)>,
    cell: Option<Cell>,
}

#[derive(Default)]
struct Body {
    lines: Vec<Line>,
    /// Paragraphs open now (a text box's paragraph sits inside another).
    paras: Vec<String>,
    tables: Vec<Table>,
    in_text: bool,
    /// Depth inside an element whose text is not the report's.
    skip: usize,
    paragraphs: usize,
    grids: usize,
}

impl Body {
    fn parse(&mut self, xml: &str) -> Result<(), quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event()? {
                Event::Start(e) => self.start(&e, false),
                Event::Empty(e) => self.start(&e, true),
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text && self.skip == 0 => self.push(&t.xml10_content()),
                Event::GeneralRef(r) if self.in_text && self.skip == 0 => {
                    let c = match r.resolve_char_ref()? {
                        Some(c) => c,
                        None => match &*r {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => continue,
                        },
                    };
                    self.push(&c.to_string());
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn push(&mut self, text: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 || matches!(name, "Fallback" | "del" | "instrText" | "delText") {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        let val = || {
            e.attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == "val")
                .map(|a| a.value.to_string())
        };
        match name {
            "p" if !empty => self.paras.push(String::new()),
            "t" => self.in_text = !empty,
            "tab" => self.push("\t"),
            "br" | "cr" => self.line_break(),
            "tbl" if !empty => self.tables.push(Table::default()),
            "tr" if !empty => self.with_table(|t| t.row = Some((0, Vec::new()))),
            "tc" if !empty => self.with_table(|t| {
                t.cell = Some(Cell {
                    span: 1,
                    ..Cell::default()
                })
            }),
            "gridSpan" => {
                let n = val()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .clamp(1, 100);
                self.with_table(|t| t.cell.iter_mut().for_each(|c| c.span = n));
            }
            "vMerge" => {
                let continues = val().is_none_or(|v| v != "restart");
                self.with_table(|t| t.cell.iter_mut().for_each(|c| c.continues = continues));
            }
            "gridBefore" => {
                let n = val()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0usize)
                    .min(100);
                self.with_table(|t| t.row.iter_mut().for_each(|r| r.0 = n));
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "p" => {
                let text = self.paras.pop().unwrap_or_default();
                self.paragraph(text);
            }
            "tc" => self.with_table(|t| {
                if let (Some(c), Some(r)) = (t.cell.take(), t.row.as_mut()) {
                    r.1.push(c);
                }
            }),
            "tr" => self.with_table(|t| t.rows.extend(t.row.take())),
            "tbl" => {
                if let Some(t) = self.tables.pop() {
                    self.table(t);
                }
            }
            _ => {}
        }
    }

    fn with_table(&mut self, f: impl FnOnce(&mut Table)) {
        if let Some(t) = self.tables.last_mut() {
            f(t);
        }
    }

    /// A `w:br` ends a line within the paragraph.
    fn line_break(&mut self) {
        if self.tables.last().is_some_and(|t| t.cell.is_some()) {
            self.push(" ");
        } else if let Some(p) = self.paras.last_mut() {
            let text = std::mem::take(p);
            self.paragraph(text);
        }
    }

    /// A finished paragraph: text of the cell it is in, or a line.
    fn paragraph(&mut self, text: String) {
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.text.push_str(&text);
            cell.text.push(' ');
            return;
        }
        if clean(&text).is_empty() {
            return;
        }
        self.paragraphs += 1;
        let loc = Loc::Para(self.paragraphs);
        self.lines.push(if text.contains('\t') {
            Line {
                fields: text::fields(&text),
                grid: None,
                x: None,
                loc,
            }
        } else {
            Line::text(&text, loc)
        });
    }

    /// A finished table: grid lines, or, inside another table's cell, that cell's text.
    fn table(&mut self, table: Table) {
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            for (_, row) in &table.rows {
                for c in row {
                    cell.text.push_str(&c.text);
                }
            }
            return;
        }
        self.grids += 1;
        let mut width = 0;
        let mut grid: Vec<Vec<Field>> = Vec::new();
        for (before, cells) in &table.rows {
            let mut fields = vec![Field::Empty; *before];
            for c in cells {
                let t = clean(&c.text);
                fields.push(match (c.continues, t.is_empty()) {
                    (true, _) => Field::Span,
                    (false, true) => Field::Empty,
                    (false, false) => Field::Text(t),
                });
                fields.extend((1..c.span).map(|_| Field::Span));
            }
            width = width.max(fields.len());
            grid.push(fields);
        }
        for (r, mut fields) in grid.into_iter().enumerate() {
            fields.resize(width, Field::Empty);
            self.lines.push(Line {
                fields,
                grid: Some(self.grids),
                x: None,
                loc: Loc::TableRow {
                    table: self.grids,
                    row: r + 1,
                },
            });
        }
    }
}
