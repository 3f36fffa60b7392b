//! What the index needs of a page, taken out while the page is being written: the element marked
//! `data-pagefind-body` with its text, headings and `id`s, and the page's language, as a small
//! HTML document that Pagefind reads in place of the page.
//!
//! A report page is mostly what the index does not need: charts (SVG), navigation, the
//! year-over-year table, links, classes and ARIA attributes. Keeping only the rest makes the
//! text held until the index is built a few times smaller than the page, and Pagefind's own
//! reading of it, which runs on one thread, as short. What is dropped is what Pagefind would
//! skip anyway: everything outside the body element, elements marked `data-pagefind-ignore`,
//! and `svg`, `script`, `style`, `noscript`, `template`, `iframe`, `form`, `nav`, `footer`.
//! Within the body, an element keeps only its `id` (an anchor a result links to), its
//! `data-pagefind-*` attributes and the attributes these name (`year[data-year]`).
//!
//! Table cells, captions and similar blocks get a space after them, so that a row's label and
//! its figures are separate words (Pagefind itself separates only some block elements). A data
//! cell (`td`) becomes a `span`: Pagefind ends every `td` whose text ends in a digit with a full
//! stop, which would make a row read `予以公开 470. 9. 2.` in a result's excerpt.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use lol_html::html_content::{ContentType, Element};
use lol_html::{doc_comments, doc_text, doctype, element, RewriteStrSettings};

/// The attribute that marks the part of a page to index.
pub const BODY: &str = "data-pagefind-body";

/// Elements dropped with their content wherever they are.
const DROPPED: &str = "svg, script, style, noscript, template, iframe, form, nav, footer, \
                       [data-pagefind-ignore]";

/// Elements after which a space keeps words of neighbouring blocks apart.
const SPACED: &[&str] = &[
    "th",
    "td",
    "tr",
    "caption",
    "figcaption",
    "dt",
    "dd",
    "summary",
    "li",
];

/// The compact document for a page, or `None` when the page has no element marked
/// [`BODY`] (it is not indexed).
pub fn extract(html: &str) -> Option<String> {
    if !html.contains(BODY) {
        return None;
    }
    // Depth of the body element's subtree we are in: 0 outside it.
    let inside = Rc::new(Cell::new(0usize));
    let found = Rc::new(Cell::new(false));
    let lang = Rc::new(RefCell::new(None::<String>));
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!(DROPPED, |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("*", {
            let inside = inside.clone();
            let found = found.clone();
            let lang = lang.clone();
            move |el| {
                if el.removed() {
                    return Ok(());
                }
                let tag = el.tag_name();
                if tag == "html" {
                    *lang.borrow_mut() = el.get_attribute("lang");
                }
                let is_body = inside.get() == 0 && el.has_attribute(BODY);
                if inside.get() == 0 && !is_body {
                    el.remove_and_keep_content();
                    return Ok(());
                }
                if is_body {
                    found.set(true);
                }
                keep_index_attributes(el);
                if tag == "wbr" {
                    el.remove();
                    return Ok(());
                }
                let spaced = SPACED.contains(&tag.as_str());
                if tag == "td" {
                    el.set_tag_name("span").ok();
                }
                if let Some(handlers) = el.end_tag_handlers() {
                    inside.set(inside.get() + 1);
                    let inside = inside.clone();
                    handlers.push(Box::new(move |end| {
                        inside.set(inside.get() - 1);
                        if spaced {
                            end.after(" ", ContentType::Text);
                        }
                        Ok(())
                    }));
                }
                Ok(())
            }
        }))
        .append_document_content_handler(doc_text!({
            let inside = inside.clone();
            move |t| {
                if inside.get() == 0 {
                    t.remove();
                }
                Ok(())
            }
        }))
        .append_document_content_handler(doc_comments!(|c| {
            c.remove();
            Ok(())
        }))
        .append_document_content_handler(doctype!(|d| {
            d.remove();
            Ok(())
        }));
    let body = lol_html::rewrite_str(html, settings).ok()?;
    if !found.get() {
        return None;
    }
    let lang = lang.borrow().clone().unwrap_or_default();
    let mut out = String::with_capacity(body.len() + 40);
    out.push_str("<html lang=\"");
    out.push_str(&escape_attribute(&lang));
    out.push_str("\"><body>");
    out.push_str(body.trim());
    out.push_str("</body></html>");
    Some(out)
}

/// Removes every attribute but `id`, `data-pagefind-*` and those that the `data-pagefind-*`
/// attributes name in brackets.
fn keep_index_attributes(el: &mut Element) {
    let attributes: Vec<(String, String)> = el
        .attributes()
        .iter()
        .map(|a| (a.name(), a.value()))
        .collect();
    let named: Vec<String> = attributes
        .iter()
        .filter(|(n, _)| n.starts_with("data-pagefind-"))
        .flat_map(|(_, v)| bracketed(v))
        .collect();
    for (name, _) in &attributes {
        let keep = name == "id" || name.starts_with("data-pagefind-") || named.contains(name);
        if !keep {
            el.remove_attribute(name);
        }
    }
}

/// The attribute names in `key[attr], key2[attr2]`.
fn bracketed(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter_map(|part| {
            let (_, rest) = part.split_once('[')?;
            let (name, _) = rest.split_once(']')?;
            Some(name.trim().to_string())
        })
        .collect()
}

fn escape_attribute(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_body_its_ids_and_index_attributes_only() {
        let page = r##"<!DOCTYPE html><html lang="zh-CN"><head><title>题</title></head><body>
<a class="skip-link" href="#main">跳到正文</a><header><a href="x">网站</a></header>
<main><nav class="breadcrumb"><a href="/">首页</a></nav>
<article class="report" data-pagefind-body data-pagefind-filter="year[data-year]" data-year="2021" data-other="x">
<h1>报告</h1><section id="s1" aria-labelledby="s1-h"><h2 id="s1-h">一、总体情况</h2>
<p class="lead">政府信息公开<a href="y">工作</a>。</p>
<figure class="chart" data-pagefind-ignore><svg><text>图</text></svg><figcaption>图表</figcaption></figure>
<table><caption>表三</caption><tr><th scope="row" data-l="项目">（一）<wbr>予以公开</th><td data-l="总计">12</td><td></td></tr></table>
</section></article><!-- 注释 --></main><footer><p>页脚</p></footer></body></html>"##;
        let out = extract(page).unwrap();
        assert!(out.starts_with(r#"<html lang="zh-CN"><body><article data-pagefind-body"#));
        assert!(out.ends_with("</article></body></html>"), "{out}");
        for kept in [
            r#"data-pagefind-filter="year[data-year]" data-year="2021">"#,
            r#"<section id="s1"><h2 id="s1-h">一、总体情况</h2>"#,
            "<p>政府信息公开<a>工作</a>。</p>",
            "<caption>表三</caption> ",
            "<th>（一）予以公开</th> <span>12</span> <span></span> </tr> ",
        ] {
            assert!(out.contains(kept), "{kept} not in {out}");
        }
        for gone in [
            "跳到正文",
            "网站",
            "首页",
            "图表",
            "<svg",
            "页脚",
            "注释",
            "class=",
            "data-other",
            "data-l",
            "题",
        ] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
    }

    #[test]
    fn a_page_without_a_body_element_is_not_indexed() {
        assert_eq!(extract("<html><body><p>首页</p></body></html>"), None);
        // The attribute's name in text is not an element.
        assert_eq!(
            extract("<html><body><p>data-pagefind-body</p></body></html>"),
            None
        );
    }
}
