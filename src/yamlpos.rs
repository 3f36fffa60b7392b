//! Line numbers for keys of a YAML file, and the checks that run on the text before it is
//! parsed.
//!
//! serde_yaml reports lines for its own errors, but the checks run on values that no longer
//! know where they were written. This index maps each block-mapping key path (`t3.results.total`)
//! to its 1-based line, by one pass over the text, so that a finding can point at the row that
//! disagrees. Items of a block sequence get a `#0`, `#1` … component. Flow collections are not
//! indexed; a lookup falls back to the nearest indexed parent.
//!
//! The same pass finds what the parser would report badly or slowly: a key written twice (the
//! parser names the first one, the mistake is the second), nesting far deeper than any report
//! needs (the YAML scanner's time grows with the square of it), and anchors or aliases, which
//! the format never uses and which can multiply a small file into a huge value.

use std::collections::HashMap;

/// Deeper nesting than this (block levels plus brackets) is refused before parsing; a report
/// needs five.
pub(crate) const MAX_DEPTH: usize = 16;

/// Key path → 1-based line.
#[derive(Debug, Default)]
pub struct KeyLines {
    lines: HashMap<String, usize>,
    /// Where each line starts and ends in the text (without its line break), by 0-based line.
    spans: Vec<(usize, usize)>,
    /// The first problem found in the text, with its line.
    problem: Option<(usize, String)>,
}

/// One open level of block structure: its indentation and path component.
struct Level {
    indent: usize,
    key: String,
    /// Items seen so far, for a level that is a sequence.
    items: usize,
}

impl KeyLines {
    /// Indexes the block-mapping keys of a YAML text and notes the first problem in it.
    pub fn index(src: &str) -> KeyLines {
        let mut out = KeyLines::default();
        let mut stack: Vec<Level> = Vec::new();
        let mut flow = FlowScan::default();
        for (i, line) in src.lines().enumerate() {
            let lineno = i + 1;
            let start = line.as_ptr() as usize - src.as_ptr() as usize;
            out.spans.push((start, start + line.len()));
            if let Err(why) = flow.scan(line) {
                out.note(lineno, why);
            }
            if flow.depth > 0 || flow.quoted {
                continue;
            }
            let mut trimmed = line.trim_start();
            let mut indent = line.len() - trimmed.len();
            while let Some(rest) = sequence_item(trimmed) {
                // A sequence item: a new path component under the key that owns the list.
                while stack.last().is_some_and(|l| l.indent > indent) {
                    stack.pop();
                }
                if stack
                    .last()
                    .is_some_and(|l| l.indent == indent && l.key.starts_with('#'))
                {
                    stack.pop();
                }
                let n = stack.last_mut().map_or(0, |owner| {
                    owner.items += 1;
                    owner.items - 1
                });
                stack.push(Level {
                    indent,
                    key: format!("#{n}"),
                    items: 0,
                });
                let inner = rest.trim_start();
                indent += trimmed.len() - inner.len();
                trimmed = inner;
            }
            let Some(key) = plain_key(trimmed) else {
                continue;
            };
            while stack.last().is_some_and(|l| l.indent >= indent) {
                stack.pop();
            }
            stack.push(Level {
                indent,
                key: key.to_string(),
                items: 0,
            });
            if stack.len() + flow.max_in_line > MAX_DEPTH {
                out.note(lineno, depth_words());
            }
            let path = stack
                .iter()
                .map(|l| l.key.as_str())
                .collect::<Vec<_>>()
                .join(".");
            if let Some(first) = out.lines.get(&path) {
                let why = format!(
                    "键「{key}」写了两次（第一次在第 {first} 行）；同一层中每个键只能写一次"
                );
                out.note(lineno, why);
            } else {
                out.lines.insert(path, lineno);
            }
        }
        out
    }

    /// The text of 1-based `line` of `src`, the text this index was made from.
    pub fn text<'s>(&self, src: &'s str, line: usize) -> Option<&'s str> {
        let (start, end) = *self.spans.get(line.checked_sub(1)?)?;
        src.get(start..end)
    }

    fn note(&mut self, line: usize, why: String) {
        if self.problem.is_none() {
            self.problem = Some((line, why));
        }
    }

    /// The first problem found in the text: a duplicate key, too deep nesting, an anchor or
    /// alias, or an unclosed bracket; with its line.
    pub fn problem(&self) -> Option<&(usize, String)> {
        self.problem.as_ref()
    }

    /// The line of `path`, or of its nearest indexed parent.
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(l) = self.lines.get(p) {
                return Some(*l);
            }
            p = &p[..p.rfind('.')?];
        }
    }
}

fn depth_words() -> String {
    format!("嵌套超过 {MAX_DEPTH} 层；年度报告的 YAML 最多只需 5 层，请检查括号和缩进")
}

/// Tracks brackets and quotes of flow collections across lines, cheaply and in one pass.
#[derive(Default)]
struct FlowScan {
    /// Open brackets.
    depth: usize,
    /// The deepest bracket nesting on the current line.
    max_in_line: usize,
    /// Inside a quoted scalar that goes on to the next line.
    quoted: bool,
    quote: char,
}

impl FlowScan {
    fn scan(&mut self, line: &str) -> Result<(), String> {
        let mut prev = ' ';
        // The last character that is not white space, and how many such characters came so far.
        let mut last: Option<char> = None;
        let mut seen = 0usize;
        self.max_in_line = self.depth;
        let mut result = Ok(());
        for c in line.chars() {
            if self.quoted {
                if c == self.quote {
                    self.quoted = false;
                }
                prev = c;
                continue;
            }
            // Where a node may begin: at the start of a line, after `key: `, after a sequence
            // item's `- `, or after `[`, `{` and `,` inside brackets.
            let at_node = (prev.is_whitespace() || matches!(prev, '[' | '{' | ','))
                && match last {
                    None | Some(':') => true,
                    Some('-') => seen == 1,
                    Some('[' | '{' | ',') => self.depth > 0,
                    _ => false,
                };
            match c {
                '#' if prev.is_whitespace() => break,
                '"' | '\'' if at_node => {
                    self.quoted = true;
                    self.quote = c;
                }
                '[' | '{' if at_node => {
                    self.depth += 1;
                    self.max_in_line = self.max_in_line.max(self.depth);
                    if self.depth > MAX_DEPTH {
                        return Err(depth_words());
                    }
                }
                ']' | '}' if self.depth > 0 => self.depth -= 1,
                '&' | '*' if at_node && result.is_ok() => {
                    result = Err(format!(
                        "「{c}」开头的 YAML 锚点或别名在年度报告中用不到，也不允许；如果这是文字，请给整个值加上引号"
                    ));
                }
                _ => {}
            }
            if !c.is_whitespace() {
                last = Some(c);
                seen += 1;
            }
            prev = c;
        }
        result
    }
}

/// The items of a flow sequence (`[706, 14, ~]`) that follows the key on `line`, as written:
/// the raw text of each item, so that a figure keeps the digits the report prints (`1.50`, not
/// the `1.5` a float would give back). `None` when the value is not a one-line flow sequence.
/// `text` is the key's line ([`KeyLines::text`]).
pub fn raw_flow_items(text: &str) -> Option<Vec<String>> {
    let after = value_text(text)?.strip_prefix('[')?;
    let mut items = Vec::new();
    let mut item = String::new();
    let mut quote: Option<char> = None;
    for c in after.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                item.push(c);
            }
            (Some(_), c) => item.push(c),
            (None, '"' | '\'') if item.trim().is_empty() => {
                quote = Some(c);
                item.push(c);
            }
            (None, ',') => items.push(std::mem::take(&mut item).trim().to_string()),
            (None, ']') => {
                let last = item.trim();
                if !last.is_empty() || !items.is_empty() {
                    items.push(last.to_string());
                }
                return Some(items);
            }
            (None, c) => item.push(c),
        }
    }
    None
}

/// The plain scalar that follows the key on its line `text`, as written (comment removed).
pub fn raw_scalar(text: &str) -> Option<String> {
    let value = value_text(text)?;
    let end = value
        .char_indices()
        .find(|(i, c)| *c == '#' && value[..*i].ends_with([' ', '\t']))
        .map_or(value.len(), |(i, _)| i);
    Some(value[..end].trim().to_string())
}

/// What follows `key:` on a line, trimmed at the start.
fn value_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let trimmed = sequence_item(trimmed).map_or(trimmed, str::trim_start);
    let key = plain_key(trimmed)?;
    Some(
        trimmed[key.len()..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start(),
    )
}

/// What follows the `- ` of a sequence item, if the line is one.
fn sequence_item(trimmed: &str) -> Option<&str> {
    match trimmed.strip_prefix('-')? {
        "" => Some(""),
        rest if rest.starts_with([' ', '\t']) => Some(rest),
        _ => None,
    }
}

/// The key of a `key: value` or `key:` line, if the line is one.
fn plain_key(trimmed: &str) -> Option<&str> {
    if trimmed.is_empty() || trimmed.starts_with(['#', '-', '[', '{', '"', '\'']) {
        return None;
    }
    let colon = trimmed.find(':')?;
    let after = &trimmed[colon + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let key = trimmed[..colon].trim();
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_falls_back_to_parents() {
        let src = "title: x\n# comment\nt3:\n  new: [1, 2]\n  results:\n    total: [3]\nt4:\n  review: []\n";
        let k = KeyLines::index(src);
        assert_eq!(k.line("title"), Some(1));
        assert_eq!(k.line("t3.new"), Some(4));
        assert_eq!(k.line("t3.results.total"), Some(6));
        assert_eq!(k.line("t3.results.missing"), Some(5));
        assert_eq!(k.line("t4.review"), Some(8));
        assert_eq!(k.line("nothing"), None);
        assert!(k.problem().is_none());
    }

    #[test]
    fn numbers_sequence_items_and_keeps_their_keys_apart() {
        let src = "acks:\n  - rule: a\n    note: x\n  - rule: b\n    note: y\nnext: 1\n";
        let k = KeyLines::index(src);
        assert_eq!(k.line("acks.#0.rule"), Some(2));
        assert_eq!(k.line("acks.#1.note"), Some(5));
        assert_eq!(k.line("next"), Some(6));
        assert!(k.problem().is_none(), "{:?}", k.problem());
    }

    #[test]
    fn reads_figures_as_written() {
        let src =
            "t2:\n  fees: [151022.80, ~, \"251000元\"]   # 说明, 带逗号\r\n  x: 1.50 # 注\n  y: []\n";
        let lines = KeyLines::index(src);
        assert_eq!(lines.text(src, 1), Some("t2:"));
        assert_eq!(lines.text(src, 5), None);
        assert_eq!(
            raw_flow_items(lines.text(src, 2).unwrap()).unwrap(),
            ["151022.80", "~", "\"251000元\""]
        );
        assert_eq!(
            raw_scalar(lines.text(src, 3).unwrap()).as_deref(),
            Some("1.50")
        );
        assert_eq!(
            raw_flow_items(lines.text(src, 4).unwrap()).unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(raw_flow_items(lines.text(src, 3).unwrap()), None);
    }

    #[test]
    fn reports_problems_on_their_own_line() {
        let cases = [
            ("a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n", 5, "写了两次"),
            ("a: 1\nb: &x [1]\n", 2, "锚点或别名"),
            ("a: 1\nc: *x\n", 2, "锚点或别名"),
            (&format!("a: 1\nb: {}\n", "[".repeat(100)), 2, "嵌套超过"),
        ];
        for (src, line, words) in cases {
            let k = KeyLines::index(src);
            let (l, why) = k.problem().expect(src);
            assert_eq!(*l, line, "{src}");
            assert!(why.contains(words), "{why}");
        }
        // Text that only looks like the above is fine.
        for ok in [
            "title: \"a & b *c*\"\nnote: 原文如此 & 照录 *星*\n",
            "note: '第 [1] 项 # 不是注释'\nb: [1, 2] # 注释\nc: 甲 [ 乙, *丙\nd: 1\n",
            "t: [\"a\", 'b', ~]\nlist:\n  - 1\n  - x: 2\n",
        ] {
            assert!(KeyLines::index(ok).problem().is_none(), "{ok}");
        }
    }
}
