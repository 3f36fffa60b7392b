//! Escaping text for HTML and XML: the one function that every hand-written piece of markup
//! (SVG titles, the feed and sitemap, the preview's overlay) uses. Tera escapes the templates.

/// Escapes `& < > " '` and drops the control characters XML 1.0 forbids, so the result is safe
/// as element content and as a quoted attribute value in HTML, SVG and XML alike.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_forbidden_control_characters() {
        assert_eq!(escape("a<b>&\"c\"'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;");
        assert_eq!(escape("报告\u{0007}\n"), "报告\n");
    }
}
