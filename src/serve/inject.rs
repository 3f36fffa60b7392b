//! What `serve` adds to HTML responses: the reload script and, after a failed rebuild, the error
//! overlay. Added at response time, before `</body>`, so that the build output never has it.
//!
//! The addition sits between two comments ([`BEGIN`] and [`END`]); cutting it out gives back
//! exactly the bytes `build` wrote.

use super::live::EVENTS;

/// Opens the addition.
pub(crate) const BEGIN: &str = "<!-- nianbao serve: 仅在预览中加入 -->\n";
/// Closes the addition.
pub(crate) const END: &str = "<!-- /nianbao serve -->\n";

const SCRIPT: &str = include_str!("reload.js");

/// `html` with the addition before its last `</body>` (or at its end).
pub(crate) fn inject(html: &[u8], token: &str, error: Option<&str>) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + 2048);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition(token, error).as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page served while no build has succeeded yet: only the error and the script.
pub(crate) fn error_page(token: &str, error: Option<&str>) -> Vec<u8> {
    let page = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
                <title>网站尚未生成 - nianbao 预览</title>\n</head>\n<body>\n\
                <h1>网站尚未生成</h1>\n</body>\n</html>\n";
    inject(page.as_bytes(), token, error)
}

fn addition(token: &str, error: Option<&str>) -> String {
    let overlay = error.map(overlay).unwrap_or_default();
    let script = SCRIPT
        .replace("__NIANBAO_TOKEN__", token)
        .replace("__NIANBAO_EVENTS__", EVENTS);
    format!("{BEGIN}{overlay}<script id=\"nianbao-reload\">\n{script}</script>\n{END}")
}

/// The error, in a box over the page; the text is exactly what the command line prints.
fn overlay(text: &str) -> String {
    format!(
        "<div id=\"nianbao-overlay\" role=\"alert\" style=\"position:fixed;inset:0;\
         z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;\
         background:rgba(20,20,20,.92);color:#fff;font:16px/1.6 sans-serif\">\n\
         <h2 style=\"margin:0 0 1rem;font-size:1.25rem;color:#ffc9c9\">\
         内容有错，网站没有重新生成。下面是上次生成成功的页面。</h2>\n\
         <pre id=\"nianbao-error\" style=\"margin:0 0 1rem;white-space:pre-wrap;\
         font:15px/1.7 monospace\">{}</pre>\n\
         <p style=\"margin:0\">改正后保存，页面会自动刷新。\
         <button type=\"button\" id=\"nianbao-overlay-close\">暂时关闭</button></p>\n</div>\n",
        crate::markup::escape(text)
    )
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(html: &str) -> String {
        let a = html.find(BEGIN).unwrap();
        let b = html.find(END).unwrap() + END.len();
        format!("{}{}", &html[..a], &html[b..])
    }

    #[test]
    fn injects_before_the_last_body_end_and_cuts_back_exactly() {
        let page = "<html><body><p>正文</p>\n</body>\n</html>\n";
        let out = String::from_utf8(inject(page.as_bytes(), "t-1", None)).unwrap();
        assert!(out.contains("</script>\n<!-- /nianbao serve -->\n</body>\n</html>\n"));
        assert!(out.contains("var token = \"t-1\";"));
        assert!(!out.contains("id=\"nianbao-overlay\""));
        assert_eq!(cut(&out), page);
    }

    #[test]
    fn injects_at_the_end_of_a_page_without_body_end() {
        let out = String::from_utf8(inject(b"<p>x</p>", "t", None)).unwrap();
        assert!(out.starts_with("<p>x</p><!-- nianbao serve"));
    }

    #[test]
    fn overlay_shows_the_error_text_escaped() {
        let out = String::from_utf8(inject(b"<body></body>", "t", Some("a<b> & \"c\"\n"))).unwrap();
        assert!(out.contains(
            "<pre id=\"nianbao-error\" style=\"margin:0 0 1rem;white-space:pre-wrap;font:15px/1.7 \
             monospace\">a&lt;b&gt; &amp; &quot;c&quot;\n</pre>"
        ));
    }
}
