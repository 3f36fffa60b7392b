//! Markdown to HTML for narratives, safe by construction.
//!
//! Narrative text comes from office staff, and a page of a government portal must never run
//! script from content. Raw HTML in Markdown is therefore shown as text (escaped), never passed
//! through, and a link or image whose address uses any scheme other than http, https, mailto or
//! tel (e.g. `javascript:`) loses its address and keeps only its text. `###` headings become
//! numbered anchors collected for the table of contents.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A subsection heading, for the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// The anchor id.
    pub id: String,
    /// The heading text.
    pub text: String,
}

/// Rendered Markdown.
#[derive(Debug, Default)]
pub struct Html {
    /// The HTML.
    pub html: String,
    /// The `###` headings, in order.
    pub headings: Vec<Heading>,
}

/// Renders `md`; `###` headings get ids `{id_prefix}-1`, `{id_prefix}-2` ….
pub fn render(md: &str, id_prefix: &str) -> Html {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut headings = Vec::new();
    let mut in_heading: Option<(String, String)> = None;
    let mut dropped_links = Vec::new();
    let mut events = Vec::new();
    for event in Parser::new_ext(md, opts) {
        match event {
            Event::Html(s) | Event::InlineHtml(s) => {
                // Shown as text, so the table of contents shows it too.
                if let Some((_, text)) = in_heading.as_mut() {
                    text.push_str(&s);
                }
                events.push(Event::Text(s));
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H3,
                classes,
                attrs,
                ..
            }) => {
                let id = format!("{id_prefix}-{}", headings.len() + 1);
                in_heading = Some((id.clone(), String::new()));
                headings.push(Heading {
                    id: id.clone(),
                    text: String::new(),
                });
                events.push(Event::Start(Tag::Heading {
                    level: HeadingLevel::H3,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H3)) => {
                if let (Some((_, text)), Some(h)) = (in_heading.take(), headings.last_mut()) {
                    h.text = text;
                }
                events.push(event);
            }
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let safe = is_safe_url(dest_url);
                dropped_links.push(!safe);
                if safe {
                    events.push(event);
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            Event::Start(Tag::Image { ref dest_url, .. }) if !is_safe_url(dest_url) => {
                dropped_links.push(true);
            }
            Event::Start(Tag::Image { .. }) => {
                dropped_links.push(false);
                events.push(event);
            }
            Event::End(TagEnd::Image) => {
                if !dropped_links.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, text)) = in_heading.as_mut() {
                    text.push_str(t);
                }
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Html { html, headings }
}

/// Whether a link address is safe to put in a page: relative, or http(s), mailto, tel.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            // A colon after a path, query or fragment starts no scheme.
            scheme.contains(['/', '?', '#']) || ["http", "https", "mailto", "tel"].contains(&scheme)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_raw_html_as_text() {
        let out = render(
            "a <script>alert(1)</script> b\n\n<div onclick=x>c</div>\n",
            "s",
        );
        assert!(!out.html.contains("<script"));
        assert!(!out.html.contains("<div"));
        assert!(out.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn drops_unsafe_link_addresses_and_keeps_the_text() {
        let out = render(
            "[x](javascript:alert(1)) [y](https://a.cn/) [w](data:text/html,1)",
            "s",
        );
        assert!(!out.html.to_lowercase().contains("javascript"));
        assert!(!out.html.contains("data:"));
        assert!(out.html.contains("<p>x "), "{}", out.html);
        assert!(out.html.contains("<a href=\"https://a.cn/\">y</a>"));
    }

    #[test]
    fn drops_unsafe_image_addresses_and_keeps_the_alt_text() {
        // Each of these parses as an image (checked below), so the image branch is reached.
        for md in [
            "![图一](JaVaScRiPt:alert(1))",
            "![图一](<java\tscript:alert(1)>)",
            "![图一](data:image/svg+xml,x)",
        ] {
            let parsed = Parser::new(md).any(|e| matches!(e, Event::Start(Tag::Image { .. })));
            assert!(parsed, "{md} is not an image");
            let out = render(md, "s");
            assert!(!out.html.contains("<img"), "{md}: {}", out.html);
            assert!(out.html.contains("图一"), "{md}: {}", out.html);
        }
        let safe = render("![图二](chart.png)", "s");
        assert!(
            safe.html.contains("<img src=\"chart.png\" alt=\"图二\""),
            "{}",
            safe.html
        );
    }

    #[test]
    fn the_table_of_contents_shows_what_the_heading_shows() {
        let out = render("### （一）落实<条例>要求\n", "s1");
        assert_eq!(out.headings[0].text, "（一）落实<条例>要求");
        assert!(
            out.html.contains("（一）落实&lt;条例&gt;要求</h3>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn numbers_subsection_headings() {
        let out = render("### （一）甲\n\n文\n\n### （二）乙\n", "s1");
        assert_eq!(out.headings.len(), 2);
        assert_eq!(out.headings[1].id, "s1-2");
        assert_eq!(out.headings[0].text, "（一）甲");
        assert!(out.html.contains("<h3 id=\"s1-1\">（一）甲</h3>"));
    }
}
