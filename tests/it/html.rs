//! Just enough HTML reading for the tests: page text, and tables as rows of cells. It reads
//! nianbao's own output (well-formed, attributes in double quotes), not arbitrary HTML.

#![allow(dead_code)]

/// One table cell.
#[derive(Debug, Clone)]
pub struct Cell {
    pub th: bool,
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

/// A table's header rows and body rows.
#[derive(Debug)]
pub struct Table {
    pub head: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
}

/// Decodes the entities nianbao's templates and Markdown produce.
pub fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The text of an HTML fragment: tags removed, entities decoded.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out)
}

/// The `<main>` element's text with every kind of white space removed.
pub fn main_text_compact(page: &str) -> String {
    let start = page.find("<main").expect("<main>");
    let end = page.find("</main>").expect("</main>");
    compact(&text(&page[start..end]))
}

/// Removes all white space (ASCII and full-width).
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn attr(tag: &str, name: &str) -> Option<usize> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    tag[i..].split('"').next()?.parse().ok()
}

fn rows(section: &str) -> Vec<Vec<Cell>> {
    section
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").expect("</tr>")];
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(i) = rest.find(['<']) {
                let tail = &rest[i..];
                let th = tail.starts_with("<th");
                if !(th || tail.starts_with("<td")) {
                    rest = &tail[1..];
                    continue;
                }
                let open_end = tail.find('>').unwrap();
                let tag = &tail[..open_end];
                let close = if th { "</th>" } else { "</td>" };
                let end = tail.find(close).unwrap();
                cells.push(Cell {
                    th,
                    text: text(&tail[open_end + 1..end]).trim().to_string(),
                    colspan: attr(tag, "colspan").unwrap_or(1),
                    rowspan: attr(tag, "rowspan").unwrap_or(1),
                });
                rest = &tail[end + close.len()..];
            }
            cells
        })
        .collect()
}

/// The table with `id` in a page.
pub fn table(page: &str, id: &str) -> Table {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table #{id}"));
    let end = start + page[start..].find("</table>").unwrap();
    let html = &page[start..end];
    let (head, body) = match html.find("</thead>") {
        Some(i) => (rows(&html[..i]), rows(&html[i..])),
        None => (Vec::new(), rows(html)),
    };
    Table { head, body }
}

/// For each column of a header, the texts of the header cells above it, top to bottom,
/// found by laying the cells out on a grid with their column and row spans.
pub fn column_paths(head: &[Vec<Cell>]) -> Vec<Vec<String>> {
    let width: usize = head
        .first()
        .map_or(0, |r| r.iter().map(|c| c.colspan).sum());
    let mut grid: Vec<Vec<Option<String>>> = vec![vec![None; width]; head.len()];
    let mut taken = vec![vec![false; width]; head.len()];
    for (r, row) in head.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while c < width && taken[r][c] {
                c += 1;
            }
            for dr in 0..cell.rowspan {
                for dc in 0..cell.colspan {
                    if r + dr < head.len() && c + dc < width {
                        taken[r + dr][c + dc] = true;
                        if dr == 0 && cell.th {
                            grid[r][c + dc] = Some(cell.text.clone());
                        }
                    }
                }
            }
            c += cell.colspan;
        }
    }
    (0..width)
        .map(|c| grid.iter().filter_map(|row| row[c].clone()).collect())
        .collect()
}
