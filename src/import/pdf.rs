//! PDF files: the text layer, laid out in reading order as `pdftotext -layout` prints it, then
//! read as page text is.
//!
//! The text layer gives each character with its position (`pdf_oxide`; see docs/import.md for
//! why this crate). Characters on one baseline make a printed line, read left to right; a gap
//! of about a character's width or more ends a field (a table cell), a smaller one is a space.
//! So a table row is its label followed by its figures, each figure its own field, and a label
//! that wraps inside its cell, or a group label set one character per line, lands on lines of
//! its own between the rows — the shape recognition already reads in page text. Each field
//! keeps where it stands across the page ([`Line::x`]). Where a row leaves cells blank, the
//! positions tell which: its figures are matched to the figures of a fuller row of the same
//! table nearby, the places they leave becoming blank fields; where no row is full (a column
//! blank throughout), recognition places each figure under the column heading it stands below
//! (`place`). A blank place is a blank cell, never 0.
//!
//! A file without a text layer (a scan) has nothing to read: it is refused with a clear message,
//! as are encrypted and damaged files. OCR is not attempted.

use pdf_oxide::document::PdfDocument;

use super::doc::{clean, Doc, Field, Flow, Line, Loc};
use super::figures::{self, Cell};

/// What a scanned PDF is told.
pub const SCANNED: &str = "扫描件没有文字层，请先做文字识别";

/// Reads a PDF's text layer into lines of fields.
pub fn read(bytes: &[u8]) -> Result<Doc, String> {
    // The PDF parser is another crate's: a file that trips it is a damaged file, not a crash.
    // The layout of what it gives is nianbao's own, outside the guard.
    let pages = super::guard::guarded(|| text_layer(bytes))
        .unwrap_or_else(|| Err(damaged("读取时出错")))?;
    let glyphs: usize = pages.iter().map(Vec::len).sum();
    if glyphs == 0 {
        return Err(format!(
            "这个 PDF 只有图像、没有文字（{} 页）：{SCANNED}（OCR），把识别出的文字另存为 .txt 或 .docx 再导入",
            pages.len()
        ));
    }
    let mut lines = Vec::new();
    for (page, page_glyphs) in pages.into_iter().enumerate() {
        lines.extend(page_lines(page_glyphs, page + 1));
    }
    Ok(Doc {
        lines,
        flow: Flow::Wrapped,
    })
}

fn damaged(why: impl std::fmt::Display) -> String {
    format!("PDF 文件不完整或已损坏，无法读取（{why}）；请用 PDF 阅读器打开确认，或重新下载")
}

/// The printed characters of each page.
fn text_layer(bytes: &[u8]) -> Result<Vec<Vec<Glyph>>, String> {
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(damaged)?;
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err("PDF 文件已加密（设有打开密码），无法读取；请在 PDF 阅读器中输入密码后另存一份不加密的文件再导入".to_string());
    }
    let pages = doc.page_count().map_err(damaged)?;
    if pages == 0 {
        return Err(damaged("文件中没有页面"));
    }
    (0..pages)
        .map(|page| {
            let chars = doc.extract_chars(page).map_err(damaged)?;
            Ok(chars.iter().filter_map(Glyph::of).collect())
        })
        .collect()
}

/// A character of the text layer where it stands on the page (PDF space: y grows upward).
#[derive(Debug, Clone, Copy)]
struct Glyph {
    c: char,
    /// Left and right of the character's advance.
    x0: f32,
    x1: f32,
    /// The baseline.
    y: f32,
    /// The font size.
    size: f32,
}

impl Glyph {
    /// A printed character: not white space, upright (a diagonal watermark is not the text).
    fn of(c: &pdf_oxide::layout::TextChar) -> Option<Glyph> {
        let upright = c.rotation_degrees.abs() < 1.0 || (c.rotation_degrees - 360.0).abs() < 1.0;
        let finite = [c.origin_x, c.origin_y, c.font_size, c.advance_width]
            .iter()
            .all(|v| v.is_finite());
        if c.char.is_whitespace() || c.char.is_control() || !upright || !finite {
            return None;
        }
        let size = if c.font_size > 0.0 {
            c.font_size
        } else if c.bbox.height > 0.0 {
            c.bbox.height
        } else {
            10.0
        };
        let advance = if c.advance_width > 0.0 {
            c.advance_width
        } else if c.bbox.width > 0.0 {
            c.bbox.width
        } else {
            size * 0.5
        };
        Some(Glyph {
            c: c.char,
            x0: c.origin_x,
            x1: c.origin_x + advance,
            y: c.origin_y,
            size,
        })
    }
}

/// A piece of a printed line: text between gaps, with where it stands.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    x0: f32,
    x1: f32,
    /// A figure or a blank mark (「—」): a table cell's content.
    cell: bool,
}

impl Piece {
    fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// One printed line: its pieces, left to right.
struct Printed {
    pieces: Vec<Piece>,
    size: f32,
}

/// The lines of one page, top to bottom.
fn page_lines(mut glyphs: Vec<Glyph>, page: usize) -> Vec<Line> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut printed: Vec<Printed> = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let top = glyphs[start].y;
        let tolerance = glyphs[start].size * 0.45;
        let mut end = start + 1;
        while end < glyphs.len() && top - glyphs[end].y < tolerance {
            end += 1;
        }
        let mut row = glyphs[start..end].to_vec();
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let text: String = row.iter().map(|g| g.c).collect();
        if !is_page_number(&text) {
            printed.push(pieces(&row));
        }
        start = end;
    }
    blanks(&printed)
        .into_iter()
        .enumerate()
        .map(|(i, fields)| Line {
            fields: fields.iter().map(|(f, _)| f.clone()).collect(),
            grid: None,
            x: Some(fields.iter().map(|(_, x)| *x).collect()),
            loc: Loc::Page { page, line: i + 1 },
        })
        .collect()
}

/// 「- 3 -」, 「第 3 页」, 「3/9」: a page number alone on its line (「-12」, a figure, is not).
fn is_page_number(text: &str) -> bool {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let dash = ['-', '—', '－'];
    let dashed = text.starts_with(dash) && text.ends_with(dash);
    let t = text.trim_matches(dash);
    let bare = t
        .trim_start_matches('第')
        .trim_end_matches('页')
        .split(['/', '共', '页', '第'])
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    !t.is_empty() && bare && (dashed || t.contains(['页', '/']))
}

/// Splits a printed line at its gaps: words run together while the gaps are narrow (a space
/// between them when the gap is a space's width), a gap of about a character or more ends a
/// piece, and each figure of a row is a piece of its own.
fn pieces(row: &[Glyph]) -> Printed {
    let size = row.iter().map(|g| g.size).fold(0.0, f32::max);
    // Overprinted characters (fake bold prints a character twice, a little apart) count once.
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(row.len());
    for g in row {
        if let Some(last) = glyphs.last() {
            if last.c == g.c && (g.x0 - last.x0).abs() < g.size * 0.3 {
                continue;
            }
        }
        glyphs.push(*g);
    }
    // Words: runs of characters without a space-wide gap.
    let mut words: Vec<(String, f32, f32)> = Vec::new();
    for g in &glyphs {
        match words.last_mut() {
            Some((w, _, x1)) if g.x0 - *x1 < g.size * 0.15 => {
                w.push(g.c);
                *x1 = g.x1.max(*x1);
            }
            _ => words.push((g.c.to_string(), g.x0, g.x1)),
        }
    }
    // Pieces: words closer than a character's width, split again before trailing figures.
    let mut out: Vec<Piece> = Vec::new();
    let mut run: Vec<(String, f32, f32)> = Vec::new();
    let flush = |run: &mut Vec<(String, f32, f32)>, out: &mut Vec<Piece>| {
        if run.is_empty() {
            return;
        }
        let is_cell = |w: &str| !matches!(figures::cell(&Field::Text(w.into())), Cell::Words(_));
        let mut k = run.len();
        while k > 0 && is_cell(&run[k - 1].0) {
            k -= 1;
        }
        if k > 0 {
            let text: Vec<&str> = run[..k].iter().map(|w| w.0.as_str()).collect();
            out.push(Piece {
                text: clean(&text.join(" ")),
                x0: run[0].1,
                x1: run[k - 1].2,
                cell: false,
            });
        }
        out.extend(run[k..].iter().map(|(w, x0, x1)| Piece {
            text: clean(w),
            x0: *x0,
            x1: *x1,
            cell: true,
        }));
        run.clear();
    };
    for w in words {
        if let Some(last) = run.last() {
            if w.1 - last.2 >= size * 0.9 {
                flush(&mut run, &mut out);
            }
        }
        run.push(w);
    }
    flush(&mut run, &mut out);
    Printed { pieces: out, size }
}

/// The fields of each printed line. A row whose cells are fewer than those of a fuller row
/// of the same table nearby, each standing under one of that row's, gets a blank field for each
/// place it leaves empty: its figures then go to their own columns.
fn blanks(printed: &[Printed]) -> Vec<Vec<(Field, (f32, f32))>> {
    let tails: Vec<&[Piece]> = printed.iter().map(|p| cell_tail(&p.pieces)).collect();
    printed
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let tail = tails[i];
            let head = &p.pieces[..p.pieces.len() - tail.len()];
            let text = |x: &Piece| (Field::Text(x.text.clone()), (x.x0, x.x1));
            let mut fields: Vec<(Field, (f32, f32))> = head.iter().map(text).collect();
            match fuller(i, printed, &tails) {
                Some(slots) => fields.extend(slots.into_iter().map(|(s, at)| match s {
                    Some(x) => text(x),
                    None => (Field::Empty, (at.x0, at.x1)),
                })),
                None => fields.extend(tail.iter().map(text)),
            }
            fields
        })
        .collect()
}

/// The cells (figures and blank marks) at the end of a line.
fn cell_tail(pieces: &[Piece]) -> &[Piece] {
    let k = pieces.iter().rposition(|p| !p.cell).map_or(0, |k| k + 1);
    &pieces[k..]
}

/// How far (in printed lines) a fuller row of the same table is looked for.
const REACH: usize = 8;

/// A row's cells in the columns of a fuller row: each place with the cell standing there, if
/// any, and the fuller row's cell (for where the place is).
type Slots<'a> = Vec<(Option<&'a Piece>, &'a Piece)>;

/// Line `i`'s cells set in the columns of the nearest fuller row: each of its cells under a
/// distinct cell of that row, in order; the places it leaves are blank. Nothing when it has no
/// cells, or no such row stands within reach before a table's heading.
fn fuller<'a>(i: usize, printed: &[Printed], tails: &[&'a [Piece]]) -> Option<Slots<'a>> {
    let own = tails[i];
    if own.is_empty() {
        return None;
    }
    let tolerance = printed[i].size * 0.8;
    let near = (1..=REACH)
        .flat_map(|d| [i.checked_sub(d), Some(i + d)])
        .flatten();
    let mut stopped = [false, false];
    for k in near {
        let Some(other) = printed.get(k) else {
            continue;
        };
        let side = usize::from(k > i);
        if stopped[side] {
            continue;
        }
        if is_heading(other) {
            stopped[side] = true;
            continue;
        }
        let full = tails[k];
        if full.len() <= own.len() {
            continue;
        }
        let mut slots: Slots = full.iter().map(|f| (None, f)).collect();
        let mut next = 0;
        let mut fits = true;
        for cell in own {
            match (next..full.len()).find(|j| (full[*j].centre() - cell.centre()).abs() < tolerance)
            {
                Some(j) => {
                    slots[j].0 = Some(cell);
                    next = j + 1;
                }
                None => {
                    fits = false;
                    break;
                }
            }
        }
        if fits {
            return Some(slots);
        }
    }
    None
}

/// A line of column headings (three or more pieces of words, no figure): a table's head, which
/// a row of another table lies beyond.
fn is_heading(p: &Printed) -> bool {
    p.pieces.iter().all(|x| !x.cell) && p.pieces.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut at = x;
        for c in text.chars() {
            let w = if c.is_ascii() { 5.0 } else { 10.0 };
            if c != ' ' {
                out.push(Glyph {
                    c,
                    x0: at,
                    x1: at + w,
                    y,
                    size: 10.0,
                });
            }
            at += w;
        }
        out
    }

    fn texts(line: &Line) -> Vec<&str> {
        line.fields
            .iter()
            .map(|f| f.text().unwrap_or("·"))
            .collect()
    }

    #[test]
    fn lays_out_rows_as_a_label_and_figures_and_leaves_blank_cells_blank() {
        let mut g = glyphs("一、本年新收政府信息公开申请数量", 10.0, 700.0);
        for (i, f) in ["30", "4", "0", "0", "1", "0", "35"].iter().enumerate() {
            g.extend(glyphs(f, 200.0 + 40.0 * i as f32, 700.5));
        }
        g.extend(glyphs("（一）予以公开", 10.0, 680.0));
        for (i, f) in [(0, "12"), (1, "2"), (4, "1")] {
            g.extend(glyphs(f, 200.0 + 40.0 * i as f32, 680.0));
        }
        g.extend(glyphs("- 3 -", 300.0, 20.0));
        let lines = page_lines(g, 1);
        assert_eq!(lines.len(), 2, "the page number is dropped");
        assert_eq!(
            texts(&lines[0]),
            [
                "一、本年新收政府信息公开申请数量",
                "30",
                "4",
                "0",
                "0",
                "1",
                "0",
                "35"
            ]
        );
        assert_eq!(
            texts(&lines[1]),
            ["（一）予以公开", "12", "2", "·", "·", "1", "·", "·"]
        );
        let x = lines[1].x.as_ref().unwrap();
        assert_eq!(x[5], (360.0, 365.0), "the 1 stands in the fifth column");
        assert_eq!(lines[1].loc.words().as_deref(), Some("第 1 页第 2 行"));
    }

    #[test]
    fn keeps_words_together_and_figures_apart() {
        let mut g = glyphs("2021 年，我市收到申请 748 件。", 10.0, 500.0);
        g.extend(glyphs("行政许可 838105", 10.0, 480.0));
        let lines = page_lines(g, 1);
        assert_eq!(texts(&lines[0]), ["2021年，我市收到申请748件。"]);
        assert_eq!(texts(&lines[1]), ["行政许可", "838105"]);
        assert!(is_page_number("第 3 页"));
        assert!(is_page_number("— 12 —"));
        assert!(
            !is_page_number("-12"),
            "a negative figure alone on its line"
        );
        assert!(!is_page_number("2021"));
    }
}
