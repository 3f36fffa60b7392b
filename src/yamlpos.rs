//! Line numbers for keys of a YAML file.
//!
//! serde_yaml reports lines for its own errors, but the checks run on values that no longer
//! know where they were written. This index maps each block-mapping key path (`t3.results.total`)
//! to its 1-based line, by one pass over the text, so that a finding can point at the row that
//! disagrees. Flow collections and sequence items are not indexed; a lookup falls back to the
//! nearest indexed parent.

use std::collections::HashMap;

/// Key path → 1-based line.
#[derive(Debug, Default)]
pub struct KeyLines {
    lines: HashMap<String, usize>,
}

impl KeyLines {
    /// Indexes the block-mapping keys of a YAML text.
    pub fn index(src: &str) -> KeyLines {
        let mut lines = HashMap::new();
        let mut stack: Vec<(usize, String)> = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let trimmed = line.trim_start();
            let Some(key) = plain_key(trimmed) else {
                continue;
            };
            let indent = line.len() - trimmed.len();
            while stack.last().is_some_and(|(ind, _)| *ind >= indent) {
                stack.pop();
            }
            stack.push((indent, key.to_string()));
            let path = stack
                .iter()
                .map(|(_, k)| k.as_str())
                .collect::<Vec<_>>()
                .join(".");
            lines.entry(path).or_insert(i + 1);
        }
        KeyLines { lines }
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
    }
}
