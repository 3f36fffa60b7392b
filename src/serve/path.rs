//! Request targets → paths inside the built site, and nothing outside it.
//!
//! Browsers and HTTP clients normalise paths before sending them, but a raw request can carry
//! anything: `..`, `%2e%2e`, an encoded slash, a backslash, a NUL or a drive letter. The target
//! is decoded exactly once and then refused (the caller answers 400) if any of those is left, so
//! that what is joined onto the build folder is only plain names.
//!
//! A target is also refused if, as sent, it has anything but visible ASCII: a space, a tab, CR,
//! LF or another control character, or raw (unescaped) non-ASCII bytes. Browsers escape all of
//! these; refusing them means that what is copied from a target into a reply (the `Location`
//! of a redirect) can never carry a line break or a control character into a header.

use std::path::{Component, Path, PathBuf};

/// A request target that is safe to look up below the build folder.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Local {
    /// The path below the build folder (empty for the site root).
    pub rel: PathBuf,
    /// Whether the target named a folder (ended in `/`).
    pub folder: bool,
    /// The target's path as sent, still escaped (for redirects).
    pub raw_path: String,
    /// `?…` as sent, or empty.
    pub query: String,
}

/// Parses a request target (`/a/b.html?x`); `None` when it must be refused.
pub(crate) fn parse(target: &str) -> Option<Local> {
    if !target.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let (raw_path, rest) = target.split_at(end);
    let query = if rest.starts_with('?') {
        rest.split('#').next().unwrap_or("")
    } else {
        ""
    };
    // Absolute-form targets (`http://…`), `*` and relative paths are not for a preview.
    let raw = raw_path.strip_prefix('/')?;
    let lower = raw.to_ascii_lowercase();
    // An encoded slash or backslash would hide a separator from the segment check below.
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let decoded = decode(raw)?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return None;
    }
    let folder = decoded.is_empty() || decoded.ends_with('/');
    let rel = segments(decoded.trim_end_matches('/'))?;
    Some(Local {
        rel,
        folder,
        raw_path: raw_path.to_string(),
        query: query.to_string(),
    })
}

/// Joins plain segments; refuses `.`, `..`, empty segments (`a//b`) and drive letters (`C:`).
fn segments(path: &str) -> Option<PathBuf> {
    let mut rel = PathBuf::new();
    if path.is_empty() {
        return Some(rel);
    }
    for seg in path.split('/') {
        if seg.is_empty() || seg == "." || seg == ".." || seg.contains(':') {
            return None;
        }
        rel.push(seg);
    }
    let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && !Path::new(&rel).is_absolute()).then_some(rel)
}

/// Decodes `%XX` escapes once; `None` for a broken escape or text that is not UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_targets() {
        let cases = [
            ("/", "", true, ""),
            ("/index.html", "index.html", false, ""),
            ("/ganzhou/2021/", "ganzhou/2021", true, ""),
            ("/ganzhou/2021?a=1#x", "ganzhou/2021", false, "?a=1"),
            ("/%E8%B5%A3.html", "赣.html", false, ""),
            ("/a%20b/", "a b", true, ""),
            // Decoded once: a doubly escaped dot is a literal name, which simply is not there.
            ("/%252e%252e/x", "%2e%2e/x", false, ""),
        ];
        for (target, rel, folder, query) in cases {
            let l = parse(target).unwrap_or_else(|| panic!("{target} refused"));
            assert_eq!(l.rel, PathBuf::from(rel), "{target}");
            assert_eq!(l.folder, folder, "{target}");
            assert_eq!(l.query, query, "{target}");
        }
    }

    #[test]
    fn refuses_targets_that_could_leave_the_site() {
        for target in [
            "/../etc/passwd",
            "/a/../../x",
            "/..",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/..%2fetc%2fpasswd",
            "/a%2Fb",
            "/..%5c..%5cx",
            "/..\\..\\x",
            "/a\\b",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/c%3a/x",
            "/a%00.html",
            "/a//b",
            "/./a",
            "/%zz",
            "/%e8",
            "etc/passwd",
            "http://example.com/",
            "*",
            // Sent raw, these could end a header line or hide in one.
            "/ganzhou\nX-Injected:1",
            "/ganzhou\r\nX-Injected:1",
            "/ganzhou\rX-Injected:1",
            "/ganzhou?a=\nX-Injected:1",
            "/ganzhou#\r\n",
            "/a\tb",
            "/a b",
            "/a\x00b",
            "/a\x1bb",
            "/a\x7fb",
            "/赣州",
        ] {
            assert_eq!(parse(target), None, "{target} was accepted");
        }
    }
}
