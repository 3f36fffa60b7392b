//! Web pages: a portal's page as a browser saves it, or a page that nianbao built.
//!
//! The bytes are decoded as the page declares (`<meta charset>`, GB2312 and GBK included); a
//! page that declares nothing must be UTF-8, since guessing another encoding could misread
//! it. The page is parsed with `scraper` and walked in reading order: each paragraph, heading,
//! list item or `<br>`-ended line is a line; each row of a data table is a grid line, its
//! `rowspan` and `colspan` expanded. A table that only lays out the page (one that holds
//! another table, or has one column) is read as the paragraphs inside it. Menus, scripts,
//! hidden text, and the parts nianbao adds to a report page (contents, key-figure and
//! year-over-year tables, charts, downloads) are left out.

use ego_tree::NodeRef;
use encoding_rs::Encoding;
use scraper::node::{Element, Node};
use scraper::Html;

use super::doc::{clean, Doc, Field, Flow, Line, Loc};

/// Elements never read.
const SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "figure", "svg",
    "button", "select", "iframe", "object", "aside", "caption", "textarea",
];

/// Classes of the parts of a nianbao report page that are not the report's own text.
const SKIP_CLASSES: &[&str] = &[
    "toc",
    "meta",
    "yoy-note",
    "yoy",
    "indicators",
    "downloads",
    "sample-banner",
    "chart",
    "chart-data",
    "breadcrumb",
    "skip-link",
    "site-header",
    "site-footer",
];

/// Elements that end a line before and after them.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "center",
    "address",
    "hr",
    "body",
    "html",
    "form",
    "fieldset",
    "details",
    "summary",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
];

/// Decodes a page's bytes by its byte-order mark or declared charset; undeclared must be UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return decode_as(enc, &bytes[bom..]);
    }
    if let Some(label) = declared_charset(bytes) {
        let enc = Encoding::for_label(label.as_bytes())
            .ok_or_else(|| format!("网页声明的编码「{label}」无法识别"))?;
        return decode_as(enc, bytes);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        "网页没有声明编码（<meta charset=…>），内容也不是 UTF-8（可能是 GBK）：请用浏览器「另存为」网页，或在 <head> 中写明编码，如 <meta charset=\"gbk\">".to_string()
    })
}

fn decode_as(enc: &'static Encoding, bytes: &[u8]) -> Result<String, String> {
    let (text, _, errors) = enc.decode(bytes);
    if errors {
        return Err(format!(
            "网页声明的编码是 {}，但内容中有按该编码无法读出的字节：声明的编码与实际不符",
            enc.name()
        ));
    }
    Ok(text.into_owned())
}

/// The charset a page declares in its first bytes (`<meta charset="gbk">`, or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head: String = bytes
        .iter()
        .take(4096)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect();
    let mut from = 0;
    while let Some(at) = head[from..].find("charset") {
        let rest = head[from + at + 7..].trim_start();
        from += at + 7;
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let label: String = rest
            .trim_start()
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        if !label.is_empty() {
            return Some(label);
        }
    }
    None
}

/// Whether bytes look like a web page.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<head",
        "<meta",
        "<table",
        "<p>",
        "<div",
    ]
    .iter()
    .any(|t| head.contains(t))
}

/// Reads a decoded page.
pub fn read(text: &str) -> Doc {
    let html = Html::parse_document(text);
    let mut w = Walker::default();
    w.walk(*html.root_element());
    w.flush();
    Doc {
        lines: w.lines,
        flow: Flow::Paragraphs,
    }
}

#[derive(Default)]
struct Walker {
    lines: Vec<Line>,
    current: String,
    paragraphs: usize,
    tables: usize,
}

impl Walker {
    fn flush(&mut self) {
        let text = clean(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.paragraphs += 1;
            self.lines
                .push(Line::text(&text, Loc::Para(self.paragraphs)));
        }
    }

    fn walk(&mut self, node: NodeRef<Node>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(e) if skipped(e) => {}
                Node::Element(e) if e.name() == "br" => self.flush(),
                Node::Element(e) if e.name() == "table" => {
                    self.flush();
                    self.table(child);
                }
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    self.flush();
                    self.walk(child);
                    self.flush();
                }
                Node::Element(_) => self.walk(child),
                _ => {}
            }
        }
    }

    fn table(&mut self, table: NodeRef<Node>) {
        let rows = rows(table);
        let nested = table
            .descendants()
            .skip(1)
            .any(|d| matches!(d.value(), Node::Element(e) if e.name() == "table"));
        if nested || rows.iter().all(|r| r.len() <= 1) {
            self.walk(table);
            return;
        }
        self.tables += 1;
        for (r, fields) in grid(&rows).into_iter().enumerate() {
            self.lines.push(Line {
                fields,
                grid: Some(self.tables),
                x: None,
                loc: Loc::TableRow {
                    table: self.tables,
                    row: r + 1,
                },
            });
        }
    }
}

fn skipped(e: &Element) -> bool {
    SKIP.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
        || e.classes().any(|c| SKIP_CLASSES.contains(&c))
}

/// A cell: its text, and how many columns and rows it spans.
struct CellText {
    text: String,
    colspan: usize,
    rowspan: usize,
}

/// The rows of a table (not of tables inside it), each a list of cells.
fn rows(table: NodeRef<Node>) -> Vec<Vec<CellText>> {
    let mut out = Vec::new();
    collect_rows(table, &mut out);
    out
}

fn collect_rows(node: NodeRef<Node>, out: &mut Vec<Vec<CellText>>) {
    for child in node.children() {
        let Node::Element(e) = child.value() else {
            continue;
        };
        match e.name() {
            "tr" => {
                let cells = child
                    .children()
                    .filter_map(|c| match c.value() {
                        Node::Element(ce) if matches!(ce.name(), "td" | "th") && !skipped(ce) => {
                            Some(cell(c, ce))
                        }
                        _ => None,
                    })
                    .collect();
                out.push(cells);
            }
            "table" => {}
            _ if !skipped(e) => collect_rows(child, out),
            _ => {}
        }
    }
}

fn cell(node: NodeRef<Node>, e: &Element) -> CellText {
    let span = |name: &str, max: usize| {
        e.attr(name)
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|n| *n >= 1)
            .map_or(1, |n| n.min(max))
    };
    let mut w = Walker::default();
    w.walk(node);
    w.flush();
    let parts: Vec<String> = w.lines.iter().map(Line::joined).collect();
    CellText {
        text: clean(&parts.join(" ")),
        colspan: span("colspan", 100),
        rowspan: span("rowspan", 1000),
    }
}

/// The table as a grid: every cell at its place, the places its spans cover marked.
fn grid(rows: &[Vec<CellText>]) -> Vec<Vec<Field>> {
    let mut g: Vec<Vec<Option<Field>>> = vec![Vec::new(); rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while g[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            for dr in 0..cell.rowspan.min(rows.len() - r) {
                for dc in 0..cell.colspan {
                    let line = &mut g[r + dr];
                    if line.len() <= c + dc {
                        line.resize(c + dc + 1, None);
                    }
                    line[c + dc] = Some(if dr == 0 && dc == 0 {
                        if cell.text.is_empty() {
                            Field::Empty
                        } else {
                            Field::Text(cell.text.clone())
                        }
                    } else {
                        Field::Span
                    });
                }
            }
            c += cell.colspan;
        }
    }
    let width = g.iter().map(Vec::len).max().unwrap_or(0);
    g.into_iter()
        .map(|mut line| {
            line.resize(width, None);
            line.into_iter()
                .map(|f| f.unwrap_or(Field::Empty))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_as_declared_and_refuses_to_guess() {
        let (gbk, _, _) = encoding_rs::GBK.encode(
            "<html><head><meta charset=\"gb2312\"></head><body><p>赣州市</p></body></html>",
        );
        assert!(decode(&gbk).unwrap().contains("赣州市"));
        let undeclared = encoding_rs::GBK
            .encode("<html><body><p>赣州市</p></body></html>")
            .0;
        assert!(decode(&undeclared).unwrap_err().contains("没有声明编码"));
    }

    #[test]
    fn expands_spans_and_reads_paragraphs_in_cells() {
        let page = r#"<div class="content"><p>一、总体情况</p><p>正文&nbsp;第一段<br>第二行</p>
        <table><tr><td rowspan="2"><p>三、本年度</p><p>办理结果</p></td><td colspan="2">(一) 予以公开</td><td>5</td></tr>
        <tr><td>1. 属于国家秘密</td><td></td><td>0</td></tr></table>
        <script>var x = 1;</script><nav>首页</nav></div>"#;
        let doc = read(page);
        let texts: Vec<String> = doc.lines.iter().map(Line::joined).collect();
        assert_eq!(texts[..3], ["一、总体情况", "正文第一段", "第二行"]);
        assert_eq!(
            doc.lines[3].fields[0],
            Field::Text("三、本年度办理结果".into())
        );
        assert_eq!(doc.lines[3].fields[2], Field::Span);
        assert_eq!(doc.lines[4].fields[0], Field::Span);
        assert_eq!(
            doc.lines[4].fields[1],
            Field::Text("1. 属于国家秘密".into())
        );
        assert_eq!(doc.lines[4].fields[2], Field::Empty);
        assert_eq!(doc.lines.len(), 5);
    }
}
