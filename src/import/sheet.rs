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

/// Reads a spreadsheet's bytes.
pub fn read(bytes: &[u8], book: Book) -> Result<Doc, String> {
    // The reader is another crate's: a file that trips it is a damaged file, not a crash.
    let sheets = super::guard::guarded(|| sheets(bytes.to_vec(), book))
        .unwrap_or_else(|| Err("读取时出错".to_string()));
    let sheets = sheets.map_err(|e| {
        if e.to_lowercase().contains("password") {
            "表格文件已加密（设有打开密码），无法读取；请在 Excel 或 WPS 中取消密码后另存一份再导入"
                .to_string()
        } else {
            format!("表格文件不完整或已损坏，无法读取（{e}）")
        }
    })?;
    let mut lines = Vec::new();
    for (k, (name, range, merges)) in sheets.into_iter().enumerate() {
        lines.extend(grid_lines(&name, &range, &merges, k + 1));
    }
    Ok(Doc {
        lines,
        flow: Flow::Paragraphs,
    })
}

fn sheets(bytes: Vec<u8>, book: Book) -> Result<Vec<Sheet>, String> {
    let cursor = Cursor::new(bytes);
    let mut out = Vec::new();
    match book {
        Book::Xlsx => {
            let mut wb = Xlsx::new(cursor).map_err(|e| e.to_string())?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
                let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                out.push((name, range, merges));
            }
        }
        Book::Xls => {
            let mut wb = Xls::new(cursor).map_err(|e| e.to_string())?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
                let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                out.push((name, range, merges));
            }
        }
        Book::Ods => {
            let mut wb = Ods::new(cursor).map_err(|e| e.to_string())?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
                out.push((name, range, Vec::new()));
            }
        }
    }
    Ok(out)
}

fn grid_lines(name: &str, range: &Range<Data>, merges: &[Dimensions], grid: usize) -> Vec<Line> {
    let Some((row0, col0)) = range.start() else {
        return Vec::new();
    };
    let covered = |r: u32, c: u32| {
        merges.iter().any(|m| {
            (m.start.0..=m.end.0).contains(&r)
                && (m.start.1..=m.end.1).contains(&c)
                && (r, c) != m.start
        })
    };
    range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let r = row0 + i as u32;
            let fields = row
                .iter()
                .enumerate()
                .map(|(j, d)| {
                    if covered(r, col0 + j as u32) {
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
