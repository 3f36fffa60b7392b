//! `nianbao import`: a published report — page text, a web page, a Word or Excel file, a PDF —
//! becomes the `report.yaml` and `report.md` that `nianbao new` would have made, filled in, and
//! checked.
//!
//! The pipeline, one module per step: read (by content, not name: `text`, `html`, `docx`,
//! `sheet`, `pdf`) into lines of fields (`doc`, `figures`) → recognise (`recognize`: the frame in
//! `layout` and `dates`, the tables by their statutory labels in `tables`, `labels` and
//! `place`, the narrative in `prose`, key figures in `indicators`) → write the files (`output`)
//! → check them as `nianbao check` does (`verify`); `report` runs these for one file. A figure is never guessed into a place: one that cannot be placed by its row
//! and column labels fails the import (unless `partial`), and nothing is written.
//!
//! Another input format needs only a reader that produces a [`Doc`]; [`import_doc`] does the
//! rest. Page text such as `pdftotext -layout` prints goes through [`text::read`]; a PDF itself
//! is laid out the same way by [`pdf::read`].

pub mod dates;
pub mod doc;
pub mod docx;
pub mod figures;
mod guard;
pub mod html;
pub mod indicators;
pub mod labels;
pub mod layout;
mod output;
pub mod pdf;
mod place;
pub mod prose;
pub mod recognize;
mod report;
pub mod sheet;
pub mod tables;
pub mod text;
pub mod verify;
mod xls_size;

pub use doc::{Doc, Field, Flow, Line, Loc, Problem};
pub use recognize::{recognize, Hints, Recognized};
pub use report::{
    audit_csv, import_doc, import_file, problems_csv, Failed, Imported, Options, Outcome,
};

use std::path::Path;

use crate::diag::{Error, Result};

/// The largest file read: a report's Word file with pictures is well under this.
pub const SIZE_LIMIT: u64 = 50 << 20;

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Page text.
    Text,
    /// A web page.
    Html,
    /// A Word file.
    Docx,
    /// A spreadsheet.
    Sheet(sheet::Book),
    /// A PDF file's text layer.
    Pdf,
}

/// Reads a file into a document, recognising its kind by its content. The error is in words
/// for the person who gave the file.
pub fn read_file(path: &Path) -> Result<(Kind, Doc)> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::Input(match e.kind() {
            std::io::ErrorKind::NotFound => format!("{}: 找不到这个文件", path.display()),
            _ => format!("{}: 无法读取（{e}）", path.display()),
        })
    })?;
    if meta.len() > SIZE_LIMIT {
        return Err(input(
            path,
            format!(
                "文件有 {:.1} MB，超过导入的上限 {} MB；年度报告的文件不会这么大，请检查是否选错了文件",
                meta.len() as f64 / 1048576.0,
                SIZE_LIMIT >> 20
            ),
        ));
    }
    let bytes = crate::fsx::read(path)?;
    read_bytes(&bytes, path).map_err(|m| input(path, m))
}

fn input(path: &Path, message: String) -> Error {
    Error::Input(format!("{}: {message}", path.display()))
}

/// Reads a file's bytes; `path` only helps to name what a broken file was meant to be.
pub fn read_bytes(bytes: &[u8], path: &Path) -> std::result::Result<(Kind, Doc), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("文件是空的".to_string());
    }
    let kind = sniff(bytes, path)?;
    let doc = match kind {
        Kind::Docx => docx::read(bytes)?,
        Kind::Sheet(book) => sheet::read(bytes, book)?,
        Kind::Html => html::read(&html::decode(bytes)?),
        Kind::Text => text::read(&text::decode(bytes)?),
        Kind::Pdf => pdf::read(bytes)?,
    };
    Ok((kind, doc))
}

/// The kind of a file, by its first bytes and, for zip files, their contents.
fn sniff(bytes: &[u8], path: &Path) -> std::result::Result<Kind, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"PK") {
        return zip_kind(bytes, &ext);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return ole_kind(bytes);
    }
    // The header may follow a few bytes of junk in a file named .pdf (PDF 32000 lets readers
    // look for it in the first kilobyte).
    let in_head = bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-");
    if bytes.starts_with(b"%PDF-") || (ext == "pdf" && in_head) {
        return Ok(Kind::Pdf);
    }
    if ext == "pdf" {
        return Err("文件不完整或已损坏：扩展名是 .pdf，内容却不是 PDF 文件".to_string());
    }
    if matches!(ext.as_str(), "docx" | "xlsx" | "xls" | "ods") {
        return Err(format!(
            "文件不完整或已损坏：扩展名是 .{ext}，内容却不是 {} 文件",
            if ext == "docx" { "Word" } else { "Excel" }
        ));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).into_owned();
    if matches!(ext.as_str(), "html" | "htm" | "shtml" | "mht") || html::looks_like_html(&head) {
        Ok(Kind::Html)
    } else {
        Ok(Kind::Text)
    }
}

fn zip_kind(bytes: &[u8], ext: &str) -> std::result::Result<Kind, String> {
    let what = match ext {
        "docx" => "Word ",
        "xlsx" | "ods" => "表格",
        _ => "",
    };
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("{what}文件不完整或已损坏，无法打开（{e}）"))?;
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("word/document.xml") {
        Ok(Kind::Docx)
    } else if has("xl/workbook.xml") {
        Ok(Kind::Sheet(sheet::Book::Xlsx))
    } else if has("content.xml") && ext != "odt" {
        Ok(Kind::Sheet(sheet::Book::Ods))
    } else {
        Err(format!(
            "这是一个 zip 压缩文件，但不是 Word（.docx）或 Excel（.xlsx、.ods）文件{}",
            if what.is_empty() {
                ""
            } else {
                "，或者已损坏"
            }
        ))
    }
}

/// An OLE compound file: an Excel 97–2003 workbook, or an encrypted Office file, or a Word
/// 97–2003 document.
fn ole_kind(bytes: &[u8]) -> std::result::Result<Kind, String> {
    let name = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let contains = |s: &str| {
        let n = name(s);
        bytes.windows(n.len()).any(|w| w == n.as_slice())
    };
    if contains("EncryptedPackage") {
        Err("文件已加密（设有打开密码），无法读取；请在 Word、Excel 或 WPS 中取消密码后另存一份再导入".to_string())
    } else if contains("WordDocument") {
        Err(
            "这是 Word 97–2003 格式（.doc），无法读取；请用 Word 或 WPS 另存为 .docx 再导入"
                .to_string(),
        )
    } else if contains("Workbook") || contains("Book") {
        Ok(Kind::Sheet(sheet::Book::Xls))
    } else {
        Err("这是一个 Office 97–2003 格式的文件，但不是 Excel 工作簿；请另存为 .docx 或 .xlsx 再导入".to_string())
    }
}
