//! Bad input to `import` (damaged, encrypted and scanned files of every kind): each case ends
//! with a clear Chinese message that names the file (and for tables the row), exit code 1, no
//! panic, and nothing written.

use std::path::{Path, PathBuf};

use crate::support::{text, tree, TempSite};

use super::{fixture, new_site};

/// Imports `file` into a new site, asserting the import fails cleanly and writes nothing;
/// returns what it printed on stderr.
fn fails(file: &Path) -> String {
    let site = new_site();
    let before = tree(site.path());
    let out = site.run(&["import", file.to_str().unwrap(), "--body", "ganzhou"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&file.display().to_string()),
        "names the file: {stderr}"
    );
    assert!(stderr.contains("导入失败，未写入任何文件"), "{stderr}");
    assert_eq!(tree(site.path()), before, "nothing written");
    stderr
}

/// A file in a temporary folder, kept alive with it.
fn temp_file(name: &str, bytes: &[u8]) -> (TempSite, PathBuf) {
    let dir = TempSite::empty();
    dir.write(name, bytes);
    let path = dir.path().join(name);
    (dir, path)
}

fn seed() -> String {
    std::fs::read_to_string(fixture("ganzhou-2021.txt")).unwrap()
}

#[test]
fn a_document_that_is_not_an_annual_report() {
    let stderr = fails(&fixture("not-a-report.txt"));
    assert!(
        stderr.contains("这不是政府信息公开工作年度报告"),
        "{stderr}"
    );
}

#[test]
fn a_table_with_a_missing_row_names_the_row() {
    let text = seed().replace("\t\t2. 重复申请\t13\t0\t0\t0\t0\t0\t13\n", "");
    let (_dir, file) = temp_file("missing-row.txt", text.as_bytes());
    let stderr = fails(&file);
    assert!(
        stderr.contains("表三缺少「（五）2.重复申请」这一行"),
        "{stderr}"
    );
}

#[test]
fn a_table_with_an_unknown_row_names_the_row_and_its_line() {
    let text = seed().replace(
        "\t\t8. 属于行政查询事项\t3\t0\t0\t0\t0\t0\t3\n",
        "\t\t8. 属于行政查询事项\t3\t0\t0\t0\t0\t0\t3\n\t\t9. 属于其他情形\t1\t0\t0\t0\t0\t0\t1\n",
    );
    let (_dir, file) = temp_file("unknown-row.txt", text.as_bytes());
    let stderr = fails(&file);
    assert!(stderr.contains("unknown-row.txt:71:"), "the line: {stderr}");
    assert!(
        stderr.contains("「9. 属于其他情形」这一行不是国家格式表三中的行"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1、0、0、0、0、0、1"),
        "its figures: {stderr}"
    );
}

#[test]
fn partial_keeps_what_was_placed_and_leaves_the_rest_blank() {
    let text = seed().replace("\t\t2. 重复申请\t13\t0\t0\t0\t0\t0\t13\n", "");
    let (_dir, file) = temp_file("missing-row.txt", text.as_bytes());
    let site = new_site();
    let stdout = super::import_ok(&site, &file, &["--body", "ganzhou", "--partial"]);
    assert!(
        stdout.contains("表三缺少「（五）2.重复申请」这一行"),
        "{stdout}"
    );
    let yaml = site.read("content/ganzhou/2021/report.yaml");
    assert!(yaml.contains("repeated: [~, ~, ~, ~, ~, ~, ~]"), "{yaml}");
    assert!(yaml.contains("原文中没有这一行，留空"), "{yaml}");
    assert!(
        yaml.contains("not_held: [116, 3, 0, 0, 0, 2, 121]"),
        "{yaml}"
    );
}

#[test]
fn a_truncated_docx() {
    let bytes = std::fs::read(fixture("ganzhou-2021.docx")).unwrap();
    let (_dir, file) = temp_file("truncated.docx", &bytes[..bytes.len() / 2]);
    let stderr = fails(&file);
    assert!(stderr.contains("Word 文件不完整或已损坏"), "{stderr}");
}

#[test]
fn an_encrypted_docx() {
    let stderr = fails(&fixture("encrypted.docx"));
    assert!(stderr.contains("文件已加密"), "{stderr}");
}

#[test]
fn a_corrupt_xlsx() {
    let mut bytes = std::fs::read(fixture("ganzhou-2021.xlsx")).unwrap();
    let mid = bytes.len() / 3;
    for b in &mut bytes[mid..mid + 400] {
        *b ^= 0x5a;
    }
    let (_dir, file) = temp_file("corrupt.xlsx", &bytes);
    let stderr = fails(&file);
    assert!(stderr.contains("表格文件不完整或已损坏"), "{stderr}");
}

/// Found by fuzzing (fuzz/regressions/import_sheet/): an .xls whose sector chain runs past the
/// end of the file made the spreadsheet reader panic (a panic there is still caught, see
/// src/import/guard.rs).
#[test]
fn a_damaged_xls_that_trips_the_reader() {
    let bytes = std::fs::read(
        crate::support::repo()
            .join("fuzz/regressions/import_sheet/xls-sector-chain-past-the-end.xls"),
    )
    .unwrap();
    let (_dir, file) = temp_file("damaged.xls", &bytes);
    let stderr = fails(&file);
    // The container is read first (to measure the sheets), and its error is the one given.
    assert!(
        stderr.contains("表格文件不完整或已损坏，无法读取（Malformed FAT"),
        "{stderr}"
    );
}

/// An .xlsx of a few hundred bytes: one sheet whose cells are `cells` (reference, number).
fn xlsx_with(cells: &[(&str, u32)]) -> Vec<u8> {
    use std::io::Write;
    let sheet: String = cells
        .iter()
        .map(|(r, v)| format!("<row><c r=\"{r}\"><v>{v}</v></c></row>"))
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="年报" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet}</sheetData></worksheet>"#),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Two cells at opposite corners of a sheet: read as a grid, that is 17 billion cells, which
/// would take the machine's memory (or abort the process) before anything could be said.
#[test]
fn an_xlsx_whose_cells_span_the_whole_sheet() {
    let (_dir, file) = temp_file("huge.xlsx", &xlsx_with(&[("A1", 1), ("XFD1048576", 2)]));
    let stderr = fails(&file);
    assert!(
        stderr.contains("表格文件过大：工作表「年报」有")
            && stderr.contains("超过了一份工作簿最多读取的 1000000 个"),
        "{stderr}"
    );
    // The same two cells close together import as far as the reader goes (not a report).
    let (_dir, file) = temp_file("small.xlsx", &xlsx_with(&[("A1", 1), ("B2", 2)]));
    let stderr = fails(&file);
    assert!(!stderr.contains("表格文件过大"), "{stderr}");
}

/// A BIFF record: type, length, data.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// An .xls whose one sheet claims, in its DIMENSIONS record, four billion rows by 200 columns:
/// its reader reserves room for the claim as it opens the file.
#[test]
fn an_xls_that_claims_billions_of_cells() {
    // BIFF8 BOF: version 0x0600, then the substream type (5 globals, 0x10 sheet).
    let bof = |kind: u16| {
        let mut d = 0x0600u16.to_le_bytes().to_vec();
        d.extend(kind.to_le_bytes());
        d.extend([0; 12]);
        record(0x0809, &d)
    };
    let mut globals = bof(5);
    let boundsheet_len = 4 + 8 + 1;
    let sheet_at = (globals.len() + boundsheet_len + 4) as u32;
    let mut bs = sheet_at.to_le_bytes().to_vec();
    bs.extend([0, 0, 1, 0, b'A']);
    globals.extend(record(0x0085, &bs));
    globals.extend(record(0x000A, &[]));
    assert_eq!(globals.len() as u32, sheet_at);
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend(4_000_000_000u32.to_le_bytes());
    dims.extend([0, 0, 200, 0, 0, 0]);
    let mut stream = globals;
    stream.extend(bof(0x10));
    stream.extend(record(0x0200, &dims));
    stream.extend(record(0x000A, &[]));
    let mut book = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    {
        use std::io::Write;
        let mut s = book.create_stream("/Workbook").unwrap();
        s.write_all(&stream).unwrap();
    }
    book.flush().unwrap();
    let bytes = book.into_inner().into_inner();
    let (_dir, file) = temp_file("claims.xls", &bytes);
    let stderr = fails(&file);
    assert!(
        stderr.contains("表格文件过大：第 1 张工作表有 800000000000 个单元格"),
        "{stderr}"
    );
}

#[test]
fn a_page_in_an_undeclared_encoding() {
    let bytes = std::fs::read(fixture("ganzhou-2021-gbk.html")).unwrap();
    let meta = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />";
    let at = bytes
        .windows(meta.len())
        .position(|w| w == meta)
        .expect("meta");
    let undeclared = [&bytes[..at], &bytes[at + meta.len()..]].concat();
    let (_dir, file) = temp_file("undeclared.html", &undeclared);
    let stderr = fails(&file);
    assert!(stderr.contains("网页没有声明编码"), "{stderr}");
}

#[test]
fn an_empty_file() {
    let (_dir, file) = temp_file("empty.txt", b"");
    let stderr = fails(&file);
    assert!(stderr.contains("文件是空的"), "{stderr}");
}

#[test]
fn a_100_mb_file() {
    let dir = TempSite::empty();
    let file = dir.path().join("huge.txt");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let stderr = fails(&file);
    assert!(stderr.contains("超过导入的上限"), "{stderr}");
}

#[test]
fn a_scanned_pdf_without_a_text_layer() {
    let stderr = fails(&fixture("scanned.pdf"));
    assert!(
        stderr.contains("扫描件没有文字层，请先做文字识别"),
        "{stderr}"
    );
}

#[test]
fn an_encrypted_pdf() {
    let stderr = fails(&fixture("encrypted.pdf"));
    assert!(
        stderr.contains("PDF 文件已加密（设有打开密码）"),
        "{stderr}"
    );
}

#[test]
fn a_truncated_or_corrupt_pdf() {
    let bytes = std::fs::read(fixture("ganzhou-2021-writer.pdf")).unwrap();
    let (_dir, file) = temp_file("truncated.pdf", &bytes[..bytes.len() / 2]);
    let stderr = fails(&file);
    assert!(stderr.contains("PDF 文件不完整或已损坏"), "{stderr}");
    // Every byte after the header scrambled: nothing of the file's structure is left.
    let mut scrambled = bytes.clone();
    for b in &mut scrambled[16..] {
        *b ^= 0x5a;
    }
    let (_dir, file) = temp_file("corrupt.pdf", &scrambled);
    let stderr = fails(&file);
    assert!(stderr.contains("PDF 文件不完整或已损坏"), "{stderr}");
    let (_dir, file) = temp_file("not-a.pdf", b"<html>a page saved as .pdf</html>");
    let stderr = fails(&file);
    assert!(stderr.contains("内容却不是 PDF 文件"), "{stderr}");
}
