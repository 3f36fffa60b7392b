//! The size of the grids an Excel 97–2003 file (`.xls`) makes its reader build, found before
//! it builds them.
//!
//! A cell of an `.xls` file is a record that names its row and column, and calamine reads every
//! sheet at once into a grid from the first cell to the last, sized first by the sheet's
//! DIMENSIONS record. A damaged or hostile file of a few kilobytes can name row 65,535 and
//! column 65,535, or claim four billion rows: the grid then takes gigabytes, or the allocation
//! fails and the process aborts, which no guard can catch. So the records are walked here the
//! way calamine walks them (the workbook stream's sheets, from where its BOUNDSHEET records
//! say they begin, to their EOF record, skipping embedded charts), and the grids measured.

use std::io::{Cursor, Read};

/// The grid of one sheet: the cells between its first and last cell, or what its DIMENSIONS
/// record claims, whichever is larger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grid {
    /// The sheet's place in the workbook, from 1.
    pub sheet: usize,
    /// Rows × columns.
    pub cells: u64,
}

/// The grids of the sheets of an `.xls` file, in order; `Err` when the file is damaged: its
/// container cannot be read, or its sheets overlap (each would be read to the end of the
/// stream again, a time that grows with the square of the file's size).
pub(crate) fn grids(bytes: &[u8]) -> Result<Vec<Grid>, String> {
    let mut out = Vec::new();
    for stream in workbook_streams(bytes)? {
        let mut read = 0;
        for pos in sheet_starts(&stream) {
            let (cells, len) = stream.get(pos..).map_or((0, 0), sheet_cells);
            read += len;
            if read > stream.len() {
                return Err("工作表相互重叠".to_string());
            }
            out.push(Grid {
                sheet: out.len() + 1,
                cells,
            });
        }
    }
    Ok(out)
}

/// Every stream named `Workbook` or `Book` in the container (calamine takes the first it
/// finds; measuring them all cannot miss the one it takes).
fn workbook_streams(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let paths: Vec<_> = file
        .walk()
        .filter(|e| e.is_stream() && matches!(e.name(), "Workbook" | "Book"))
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut out = Vec::new();
    for path in paths {
        let mut data = Vec::new();
        file.open_stream(&path)
            .and_then(|mut s| s.read_to_end(&mut data))
            .map_err(|e| e.to_string())?;
        out.push(data);
    }
    Ok(out)
}

/// A record: its type and its data (CONTINUE records that follow are skipped, as they carry
/// no cell positions).
struct Records<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let (typ, data) = split_record(&mut self.rest)?;
        while self.rest.len() > 4 && u16_at(self.rest, 0) == Some(0x003C) {
            split_record(&mut self.rest)?;
        }
        Some((typ, data))
    }
}

/// The record at the start of `rest`, which then starts after it; `None` at the end of the
/// stream or where a record runs past it (calamine stops there with an error).
fn split_record<'a>(rest: &mut &'a [u8]) -> Option<(u16, &'a [u8])> {
    let typ = u16_at(rest, 0)?;
    let len = usize::from(u16_at(rest, 2)?);
    let data = rest.get(4..4 + len)?;
    *rest = &rest[4 + len..];
    Some((typ, data))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// The records calamine reads as one cell, each starting with its row and column: Number,
/// Label, RString, BoolErr, Rk, LabelSst, Formula.
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Where each sheet begins in the stream, from the BOUNDSHEET records of the workbook globals
/// (which end at the first EOF record).
fn sheet_starts(stream: &[u8]) -> Vec<usize> {
    Records { rest: stream }
        .take_while(|(typ, _)| *typ != EOF)
        .filter(|(typ, _)| *typ == BOUNDSHEET)
        .filter_map(|(_, data)| u32_at(data, 0))
        .map(|pos| pos as usize)
        .collect()
}

/// The grid of the sheet whose records start `sheet`, and the length of its records.
fn sheet_cells(sheet: &[u8]) -> (u64, usize) {
    let mut bounds: Option<[u32; 4]> = None; // first row, last row, first column, last column
    let mut claimed = 0u64;
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut records = Records { rest: sheet };
    for (typ, data) in records.by_ref() {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let mut cell = |row: u16, col: u16| {
            let (row, col) = (u32::from(row), u32::from(col));
            let b = bounds.get_or_insert([row, row, col, col]);
            *b = [b[0].min(row), b[1].max(row), b[2].min(col), b[3].max(col)];
        };
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => claimed = claimed.max(dimensions(data)),
            MULRK => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|at| u16_at(data, at)),
                ) {
                    cell(row, first);
                    cell(row, last);
                }
            }
            t if CELLS.contains(&t) => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    cell(row, col);
                }
            }
            _ => {}
        }
    }
    let spanned = bounds.map_or(0, |[r0, r1, c0, c1]| {
        u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
    });
    (spanned.max(claimed), sheet.len() - records.rest.len())
}

/// The cells a DIMENSIONS record makes calamine reserve room for, computed as it does: a last
/// row or column before the first wraps around to about four billion.
fn dimensions(data: &[u8]) -> u64 {
    let fields = match data.len() {
        10 => (
            u16_at(data, 0).map(u32::from),
            u16_at(data, 2).map(u32::from),
            u16_at(data, 4).map(u32::from),
            u16_at(data, 6).map(u32::from),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8).map(u32::from),
            u16_at(data, 10).map(u32::from),
        ),
        _ => return 0,
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = fields else {
        return 0;
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1);
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn measures_the_span_of_the_cells_past_charts_and_continue_records() {
        let mut s = record(BOF, &[0; 16]);
        s.extend(number(2, 1));
        s.extend(record(0x003C, &[0xFF; 8]));
        s.extend(number(11, 3));
        // An embedded chart: its records are not the sheet's cells.
        s.extend(record(BOF, &[0; 16]));
        s.extend(number(60_000, 200));
        s.extend(record(EOF, &[]));
        s.extend(record(EOF, &[]));
        s.extend(number(65_535, 255)); // past the sheet's end
        assert_eq!(sheet_cells(&s).0, 10 * 3);
    }

    #[test]
    fn a_dimensions_record_counts_what_it_claims() {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(4_000_000_000u32.to_le_bytes());
        d.extend([0, 0, 10, 0, 0, 0]);
        assert_eq!(dimensions(&d), 4_000_000_000 * 10);
        // A last row before the first wraps around.
        let mut d = 5u32.to_le_bytes().to_vec();
        d.extend(3u32.to_le_bytes());
        d.extend([0, 0, 1, 0, 0, 0]);
        assert_eq!(dimensions(&d), u64::from(u32::MAX - 1));
        let sheet = [record(BOF, &[0; 16]), record(DIMENSIONS, &d)].concat();
        assert_eq!(sheet_cells(&sheet).0, u64::from(u32::MAX - 1));
    }

    #[test]
    fn finds_the_sheets_where_the_globals_say() {
        let mut globals = record(BOF, &[0; 16]);
        globals.extend(record(BOUNDSHEET, &[40, 0, 0, 0, 0, 0, 1, 0, b'A']));
        globals.extend(record(EOF, &[]));
        globals.extend(record(BOUNDSHEET, &[99, 0, 0, 0, 0, 0, 1, 0, b'B']));
        assert_eq!(sheet_starts(&globals), vec![40]);
    }
}
