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
/// end of the file made the spreadsheet reader panic.
#[test]
fn a_damaged_xls_that_trips_the_reader() {
    let bytes = std::fs::read(
        crate::support::repo()
            .join("fuzz/regressions/import_sheet/xls-sector-chain-past-the-end.xls"),
    )
    .unwrap();
    let (_dir, file) = temp_file("damaged.xls", &bytes);
    let stderr = fails(&file);
    assert!(
        stderr.contains("表格文件不完整或已损坏，无法读取（读取时出错）"),
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
