//! One request → one reply, from the last good build: the files `build` wrote, with the
//! reload script (and the error overlay) added to HTML only.
//!
//! Kept apart from the socket so that it can be tested with plain folders: the reply depends
//! only on the request target and a [`Snapshot`] of the preview.

use std::path::Path;

use super::inject;
use super::live::Snapshot;
use super::path::{self, Local};
use crate::paths;

/// A reply to send.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                // A preview must always show the latest build, never a cached one.
                ("Cache-Control", "no-store".to_string()),
            ],
            body,
        }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            format!("{text}\n").into_bytes(),
        )
    }

    /// The value of a header, if set.
    #[cfg(test)]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Answers a GET or HEAD for `target`.
pub(crate) fn reply(target: &str, now: &Snapshot) -> Reply {
    let Some(local) = path::parse(target) else {
        return Reply::text(400, "请求的路径无效。");
    };
    let Some(dir) = &now.dir else {
        let page = inject::error_page(&now.token, now.error.as_deref());
        return Reply::new(500, HTML, page);
    };
    let file = dir.join(&local.rel);
    if !local.folder && file.is_dir() {
        return redirect(&local);
    }
    let file = if local.folder {
        file.join("index.html")
    } else {
        file
    };
    match std::fs::read(&file) {
        Ok(bytes) if file.is_file() => page(200, &file, bytes, now),
        _ => not_found(dir, now),
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// `/dir` → `/dir/`, so that the page's relative links resolve from inside the folder.
fn redirect(local: &Local) -> Reply {
    let mut r = Reply::text(301, "已移到带斜杠的地址。");
    r.headers
        .push(("Location", format!("{}/{}", local.raw_path, local.query)));
    r
}

/// The site's own `404.html`, with status 404.
fn not_found(dir: &Path, now: &Snapshot) -> Reply {
    let file = dir.join(paths::NOT_FOUND);
    match std::fs::read(&file) {
        Ok(bytes) => page(404, &file, bytes, now),
        Err(_) => Reply::text(404, "页面不存在。"),
    }
}

fn page(status: u16, file: &Path, bytes: Vec<u8>, now: &Snapshot) -> Reply {
    let kind = content_type(file);
    let body = if kind == HTML {
        inject::inject(&bytes, &now.token, now.error.as_deref())
    } else {
        bytes
    };
    Reply::new(status, kind, body)
}

/// The Content-Type for a file, by its extension; text types say they are UTF-8, as every file
/// the site generates is.
pub(crate) fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Snapshot) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in [
            ("index.html", "<body>首页</body>"),
            ("404.html", "<body>页面不存在</body>"),
            ("a/index.html", "<body>甲</body>"),
            ("style.css", "p{}"),
        ] {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let now = Snapshot {
            dir: Some(dir.path().to_path_buf()),
            error: None,
            token: "t-1".into(),
        };
        (dir, now)
    }

    #[test]
    fn replies_by_target() {
        let (_dir, now) = site();
        let cases = [
            ("/", 200, HTML, "首页"),
            ("/a/", 200, HTML, "甲"),
            ("/a/index.html?x=1", 200, HTML, "甲"),
            ("/style.css", 200, "text/css; charset=utf-8", "p{}"),
            ("/nope.html", 404, HTML, "页面不存在"),
            ("/nope/", 404, HTML, "页面不存在"),
            ("/../404.html", 400, "text/plain; charset=utf-8", "路径无效"),
        ];
        for (target, status, kind, text) in cases {
            let r = reply(target, &now);
            let body = String::from_utf8(r.body.clone()).unwrap();
            assert_eq!(r.status, status, "{target}");
            assert_eq!(r.header("content-type"), Some(kind), "{target}");
            assert!(body.contains(text), "{target}: {body}");
            assert_eq!(body.contains("nianbao-reload"), kind == HTML, "{target}");
        }
    }

    #[test]
    fn redirects_a_folder_to_its_slash_form() {
        let (_dir, now) = site();
        let r = reply("/a?x=1", &now);
        assert_eq!(r.status, 301);
        assert_eq!(r.header("Location"), Some("/a/?x=1"));
    }

    #[test]
    fn shows_the_error_over_the_last_good_page() {
        let (_dir, mut now) = site();
        now.error = Some("错误 1: x.yaml:3: 坏了\n".into());
        let body = String::from_utf8(reply("/a/", &now).body).unwrap();
        assert!(body.contains("甲") && body.contains("错误 1: x.yaml:3: 坏了"));
        now.dir = None;
        let r = reply("/a/", &now);
        assert_eq!(r.status, 500);
        assert!(String::from_utf8(r.body)
            .unwrap()
            .contains("错误 1: x.yaml:3: 坏了"));
    }

    #[test]
    fn names_text_types_with_their_charset() {
        for (file, kind) in [
            ("a.html", HTML),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            ("a.json", "application/json; charset=utf-8"),
            ("a.csv", "text/csv; charset=utf-8"),
            ("a.xml", "application/xml; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.PNG", "image/png"),
            ("a", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), kind, "{file}");
        }
    }
}
