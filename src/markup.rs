//! Escaping text for HTML and XML: the one function that every hand-written piece of markup
//! (SVG titles, the feed and sitemap, the preview's overlay) uses. Tera escapes the templates.

/// Escapes `& < > " '` and drops the control characters XML 1.0 forbids, so the result is safe
/// as element content and as a quoted attribute value in HTML, SVG and XML alike.
pub fn escape(s: &str) -> String {
    // Most text has nothing to escape or drop: copied whole. Any byte below a space (line
    // breaks included), a markup character, DEL, or the lead byte of U+0080–U+00BF (which
    // holds the C1 controls) takes the long way.
    if !s
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0x7f | 0xc2))
    {
        return s.to_string();
    }
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
        assert_eq!(escape("报告\u{0085}·二"), "报告·二");
        assert_eq!(escape("政府信息公开 2021"), "政府信息公开 2021");
        assert_eq!(escape("a\u{7f}b"), "ab");
    }
}
