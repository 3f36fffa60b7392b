//! Spreadsheets (`.xlsx`, `.xls`, `.ods`, as Excel and WPS save them), read with `calamine`.
//!
//! Every sheet, in order, is one grid: each row a grid line, a merged region's covered places
//! marked. The three tables may be on one sheet or on several. Figures keep the digits the
//! sheet holds (a whole number stored as 838105.0 reads 838105).

use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Range, Reader, Xls, Xlsx};

use super::doc::{clean, Doc, Field, Flow, Line, Loc};

/// Which kind of spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    /// Office Open XML (`.xlsx`).
    Xlsx,
    /// Excel 97–2003 (`.xls`).
    Xls,
    /// OpenDocument (`.ods`).
    Ods,
}

/// One sheet: its name, its cells, and its merged regions.
type Sheet = (String, Range<Data>, Vec<Dimensions>);

/// The most cells nianbao reads from one workbook, all its sheets together: a sheet's cells are
/// the grid from its first cell to its last. A report's tables take a few thousand.
pub const MAX_CELLS: u64 = 1_000_000;

/// Reads a spreadsheet's bytes.
pub fn read(bytes: &[u8], book: Book) -> Result<Doc, String> {
    // The reader is another crate's: a file that trips it is a damaged file, not a crash.
    let sheets = super::guard::guarded(|| sheets(bytes.to_vec(), book))
        .unwrap_or_else(|| Err(damaged("读取时出错")))?;
    let mut lines = Vec::new();
    for (k, (name, range, merges)) in sheets.into_iter().enumerate() {
        lines.extend(grid_lines(&name, &range, &merges, k + 1));
    }
    Ok(Doc {
        lines,
        flow: Flow::Paragraphs,
    })
}

/// The message for a file the reader gives up on.
fn damaged(e: impl std::fmt::Display) -> String {
    let e = e.to_string();
    if e.to_lowercase().contains("password") {
        "表格文件已加密（设有打开密码），无法读取；请在 Excel 或 WPS 中取消密码后另存一份再导入"
            .to_string()
    } else {
        format!("表格文件不完整或已损坏，无法读取（{e}）")
    }
}

/// The message for a workbook past [`MAX_CELLS`], at the sheet that passes it.
fn too_big(sheet: &str, cells: u64) -> String {
    format!(
        "表格文件过大：{sheet}有 {cells} 个单元格（从第一个有内容的单元格到最后一个所围成的区域），\
         超过了一份工作簿最多读取的 {MAX_CELLS} 个；请删去年度报告以外的工作表和内容，\
         另存一份再导入"
    )
}

/// The cells left to read, of [`MAX_CELLS`].
struct Budget(u64);

impl Budget {
    fn take(&mut self, sheet: &str, cells: u64) -> Result<(), String> {
        self.0 = self
            .0
            .checked_sub(cells)
            .ok_or_else(|| too_big(sheet, cells))?;
        Ok(())
    }
}

fn sheets(bytes: Vec<u8>, book: Book) -> Result<Vec<Sheet>, String> {
    let mut budget = Budget(MAX_CELLS);
    let mut out = Vec::new();
    match book {
        Book::Xlsx => {
            let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
            for name in wb.sheet_names() {
                let range = xlsx_range(&mut wb, &name, &mut budget)?;
                let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                out.push((name, range, merges));
            }
        }
        Book::Xls => {
            // calamine reads every sheet as it opens the file: its grids are measured first.
            for grid in super::xls_size::grids(&bytes).map_err(damaged)? {
                budget.take(&format!("第 {} 张工作表", grid.sheet), grid.cells)?;
            }
            let mut wb = Xls::new(Cursor::new(bytes)).map_err(damaged)?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(damaged)?;
                let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                out.push((name, range, merges));
            }
        }
        Book::Ods => {
            // calamine holds an OpenDocument sheet to 100 million cells as it reads it; past
            // the budget here, nianbao goes no further.
            let mut wb = Ods::new(Cursor::new(bytes)).map_err(damaged)?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(damaged)?;
                budget.take(&format!("工作表「{name}」"), area(&range))?;
                out.push((name, range, Vec::new()));
            }
        }
    }
    Ok(out)
}

/// A sheet of an `.xlsx` file, read cell by cell (as calamine's `worksheet_range` does, but
/// measured as it goes, so that a cell placed far from the others is refused before the grid
/// between them is made).
fn xlsx_range(
    wb: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Range<Data>, String> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Range::empty()),
        Err(e) => return Err(damaged(e)),
    };
    let sheet = format!("工作表「{name}」");
    let mut cells = Vec::new();
    let mut bounds: Option<[u32; 4]> = None;
    while let Some(cell) = reader.next_cell().map_err(damaged)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        let b = bounds.get_or_insert([r, r, c, c]);
        *b = [b[0].min(r), b[1].max(r), b[2].min(c), b[3].max(c)];
        let spanned = u64::from(b[1] - b[0] + 1) * u64::from(b[3] - b[2] + 1);
        // The cells themselves count too: a file can hold many at one place.
        let held = cells.len() as u64 + 1;
        if spanned.max(held) > budget.0 {
            return Err(too_big(&sheet, spanned.max(held)));
        }
        cells.push(calamine::Cell::new(
            (r, c),
            Data::from(cell.get_value().clone()),
        ));
    }
    let range = Range::from_sparse(cells);
    budget.take(&sheet, area(&range))?;
    Ok(range)
}

/// Rows × columns of a range.
fn area(range: &Range<Data>) -> u64 {
    let (rows, cols) = range.get_size();
    rows as u64 * cols as u64
}

fn grid_lines(name: &str, range: &Range<Data>, merges: &[Dimensions], grid: usize) -> Vec<Line> {
    let Some((row0, col0)) = range.start() else {
        return Vec::new();
    };
    let covered = Covered::new(range, merges);
    range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let r = row0 + i as u32;
            let fields = row
                .iter()
                .enumerate()
                .map(|(j, d)| {
                    if covered.at(r, col0 + j as u32) {
                        Field::Span
                    } else {
                        field(d)
                    }
                })
                .collect();
            Line {
                fields,
                grid: Some(grid),
                x: None,
                loc: Loc::SheetRow {
                    sheet: name.to_string(),
                    row: r as usize + 1,
                },
            }
        })
        .collect()
}

/// The places of a range that a merged region covers without starting there: counted for each
/// place at once from the regions' corners (summed areas), so that many regions over a large
/// sheet cost their number plus the sheet's size, not the product.
struct Covered {
    start: (u32, u32),
    cols: usize,
    /// For each place: the regions over it, less those that start there.
    count: Vec<i64>,
}

impl Covered {
    fn new(range: &Range<Data>, merges: &[Dimensions]) -> Covered {
        let (start, end) = (
            range.start().unwrap_or((0, 0)),
            range.end().unwrap_or((0, 0)),
        );
        let (rows, cols) = range.get_size();
        if merges.is_empty() {
            let count = Vec::new();
            return Covered { start, cols, count };
        }
        let mut count = vec![0i64; (rows + 1) * (cols + 1)];
        let at = |r: u32, c: u32| (r - start.0) as usize * (cols + 1) + (c - start.1) as usize;
        for m in merges {
            // The region, clipped to the range (a region wholly outside it covers nothing).
            let (r0, c0) = (m.start.0.max(start.0), m.start.1.max(start.1));
            let (r1, c1) = (m.end.0.min(end.0), m.end.1.min(end.1));
            if r0 > r1 || c0 > c1 {
                continue;
            }
            count[at(r0, c0)] += 1;
            count[at(r0, c1 + 1)] -= 1;
            count[at(r1 + 1, c0)] -= 1;
            count[at(r1 + 1, c1 + 1)] += 1;
        }
        for r in 0..=rows {
            for c in 0..=cols {
                let i = r * (cols + 1) + c;
                let up = if r > 0 { count[i - cols - 1] } else { 0 };
                let left = if c > 0 { count[i - 1] } else { 0 };
                let diag = if r > 0 && c > 0 {
                    count[i - cols - 2]
                } else {
                    0
                };
                count[i] += up + left - diag;
            }
        }
        // A region's own first place is not covered by it.
        for m in merges {
            if m.start.0 <= m.end.0 && m.start.1 <= m.end.1 && range.get_value(m.start).is_some() {
                count[at(m.start.0, m.start.1)] -= 1;
            }
        }
        Covered { start, cols, count }
    }

    fn at(&self, r: u32, c: u32) -> bool {
        let i = (r - self.start.0) as usize * (self.cols + 1) + (c - self.start.1) as usize;
        self.count.get(i).is_some_and(|&n| n > 0)
    }
}

/// A cell as text: whole numbers without a decimal point, dates as 年月日.
fn field(d: &Data) -> Field {
    let text = match d {
        Data::Empty => return Field::Empty,
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => clean(s),
        Data::Bool(b) => b.to_string(),
        // A serial no date can have (Excel shows ####) is shown as the number it is.
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| number(dt.as_f64())),
        Data::Error(e) => format!("#{e:?}"),
    };
    if text.is_empty() {
        Field::Empty
    } else {
        Field::Text(text)
    }
}

/// A number as the sheet holds it, a whole number without a decimal point.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The last day Excel can show, 9999-12-31.
const LAST_SERIAL: f64 = 2_958_465.0;

/// An Excel date serial (days since 1899-12-30) as 「2022年3月9日」; `None` for a serial
/// outside the dates Excel can show (a damaged or hostile file can hold any number).
fn excel_date(serial: f64) -> Option<String> {
    if !(0.0..=LAST_SERIAL).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25569; // days since 1970-01-01
                                              // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y}年{m}月{d}日"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cells_as_published() {
        assert_eq!(field(&Data::Float(838105.0)), Field::Text("838105".into()));
        assert_eq!(
            field(&Data::Float(151022.81)),
            Field::Text("151022.81".into())
        );
        assert_eq!(field(&Data::String(" ".into())), Field::Empty);
        assert_eq!(excel_date(44629.0).as_deref(), Some("2022年3月9日"));
        assert_eq!(excel_date(LAST_SERIAL).as_deref(), Some("9999年12月31日"));
    }

    #[test]
    fn a_date_no_calendar_has_is_its_number() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date =
            |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(field(&date(44629.0)), Field::Text("2022年3月9日".into()));
        for serial in [1e300, -1e300, LAST_SERIAL + 1.0] {
            assert_eq!(field(&date(serial)), Field::Text(number(serial)));
        }
        assert_eq!(field(&date(-3.0)), Field::Text("-3".into()));
        assert_eq!(field(&date(f64::NAN)), Field::Text("NaN".into()));
    }
}
