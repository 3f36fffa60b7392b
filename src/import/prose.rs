//! The narrative as Markdown: paragraphs rejoined where page layout broke them, the
//! subsection headings （一）（二）… as `###` headings, and every character as published.
//!
//! A printed line that does not end a sentence runs on into the next (「…完善社会公众代表和」
//! then 「法律顾问列席…」); a paragraph of a web page or Word file is a paragraph. Characters that
//! Markdown (or nianbao's `{{ }}` references) would read as markup are escaped, so the page
//! shows exactly the published text.

use super::doc::{clean, Flow};

/// A piece of a section's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(String),
    /// A subsection heading 「（一）……」.
    Heading(String),
}

/// Characters that end a sentence, so that a line ending in one ends its paragraph.
const ENDS: &[char] = &['。', '！', '？', '!', '?', '；', ';', '：', ':', '…'];

/// Closing marks that may follow the end of a sentence (「…。”」).
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》'];

/// Rejoins lines into paragraphs and subsection headings.
pub fn blocks<'a>(lines: impl Iterator<Item = &'a str>, flow: Flow) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = String::new();
    for text in lines.map(str::trim).filter(|t| !t.is_empty()) {
        if is_subheading(text) {
            flush(&mut current, &mut out);
            out.push(Block::Heading(text.to_string()));
        } else if flow == Flow::Wrapped && !current.is_empty() && !ends_sentence(&current) {
            current = clean(&format!("{current} {text}"));
        } else {
            flush(&mut current, &mut out);
            current = text.to_string();
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<Block>) {
    if !current.is_empty() {
        out.push(Block::Para(std::mem::take(current)));
    }
}

/// Whether a paragraph's text ends a sentence.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(CLOSERS);
    t.ends_with(ENDS) || (t.len() < text.len() && t.is_empty())
}

/// 「（一）紧扣优化营商环境，深入推进主动公开」: a numbered heading that is not a sentence.
pub fn is_subheading(text: &str) -> bool {
    let rest = ['（', '(']
        .iter()
        .find_map(|o| text.strip_prefix(*o))
        .and_then(|r| {
            let n = r
                .chars()
                .take_while(|c| "一二三四五六七八九十".contains(*c))
                .count();
            (n > 0).then(|| &r[n * 3..])
        })
        .and_then(|r| r.strip_prefix(['）', ')']));
    rest.is_some_and(|r| {
        !r.trim().is_empty()
            && text.chars().count() <= 50
            && !r.contains(['。', '；', ';'])
            && !r.ends_with(['，', ','])
    })
}

/// Escapes what Markdown and `{{ }}` references would read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let escape = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~'
        ) || (c == '{' && text[i..].starts_with("{{") && !text[..i].ends_with('{'))
            || (i == 0 && matches!(c, '#' | '-' | '+' | '='));
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    // 「1. …」 at the start of a paragraph would become a numbered list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

/// A section's text as Markdown (paragraphs and `###` headings, a blank line after each).
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Para(t) => out.push_str(&escape(t)),
            Block::Heading(t) => {
                out.push_str("### ");
                out.push_str(&escape(t));
            }
        }
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejoins_lines_broken_mid_sentence_and_keeps_headings() {
        let lines = [
            "（一）紧扣优化营商环境，深入推进主动公开",
            "规范重大决策程序。完善社会公众代表和",
            "",
            "法律顾问列席会议。",
            "无。",
        ];
        let got = blocks(lines.into_iter(), Flow::Wrapped);
        assert_eq!(
            got,
            vec![
                Block::Heading(lines[0].into()),
                Block::Para("规范重大决策程序。完善社会公众代表和法律顾问列席会议。".into()),
                Block::Para("无。".into()),
            ]
        );
        let paras = blocks(
            ["一是加强领导", "二是完善制度"].into_iter(),
            Flow::Paragraphs,
        );
        assert_eq!(paras.len(), 2);
    }

    #[test]
    fn escapes_markup_but_not_chinese_text() {
        assert_eq!(escape("1. 属于国家秘密"), "1\\. 属于国家秘密");
        assert_eq!(escape("# 注"), "\\# 注");
        assert_eq!(escape("a*b {{ x }}"), "a\\*b \\{{ x }}");
        assert_eq!(escape("《条例》“五型”"), "《条例》“五型”");
        assert!(!is_subheading("（一）主动公开情况。本年度……"));
        assert!(is_subheading("(二) 聚焦提升工作质量"));
    }
}
