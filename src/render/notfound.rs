//! The 404 page, which has no address of its own: a web server returns it at any missing
//! address, at any depth below the site, and people also open it straight from disk.
//!
//! So it loads nothing: its stylesheet and its icon are `data:` addresses (made from the site's
//! own `static/style.css` and `static/favicon.ico` when it has them). Its
//! links start with the site's root path, the path of `base_url` (`/nianbao/`), or `/` without
//! one: right at every depth, on any host that serves the site at that path, without JavaScript.
//! A small script (see `templates/404.html`) then corrects them where that guess is wrong: from
//! `file://` (where the page can only have been opened from the site's own folder) and where the
//! site is served at another path (the preview, a copy on another server); it finds the root by
//! asking each folder above the address for this same page. docs/portal.md says why.

use std::path::Path;

use crate::diag::Result;
use crate::fsx;

/// What the 404 page carries instead of loading it.
pub(crate) struct Inline {
    /// The stylesheet as a `data:` address.
    pub css: String,
    /// The icon as a `data:` address.
    pub icon: String,
}

/// The site's stylesheet and icon, as the build publishes them (the site's `static/` first).
pub(crate) fn inline(root: &Path) -> Result<Inline> {
    let own = |name: &str| -> Result<Option<Vec<u8>>> {
        let path = root.join("static").join(name);
        if path.is_file() {
            fsx::read(&path).map(Some)
        } else {
            Ok(None)
        }
    };
    let builtin = |name: &str| {
        super::STATIC
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[][..], |(_, b)| *b)
            .to_vec()
    };
    let css = own("style.css")?.unwrap_or_else(|| builtin("style.css"));
    let icon = own("favicon.ico")?.unwrap_or_else(|| builtin("favicon.ico"));
    Ok(Inline {
        css: format!("data:text/css;base64,{}", base64(&css)),
        icon: format!("data:image/x-icon;base64,{}", base64(&icon)),
    })
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_base64_like_rfc_4648() {
        for (raw, b64) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), b64);
        }
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn inlines_the_sites_own_stylesheet_and_icon() {
        let dir = tempfile::tempdir().unwrap();
        let built_in = inline(dir.path()).unwrap();
        let css = include_bytes!("../../static/style.css");
        assert_eq!(
            built_in.css,
            format!("data:text/css;base64,{}", base64(css))
        );
        assert!(built_in.icon.starts_with("data:image/x-icon;base64,AAABAA"));
        std::fs::create_dir(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/style.css"), "p{}").unwrap();
        std::fs::write(dir.path().join("static/favicon.ico"), "foo").unwrap();
        let own = inline(dir.path()).unwrap();
        assert_eq!(own.css, "data:text/css;base64,cHt9");
        assert_eq!(own.icon, "data:image/x-icon;base64,Zm9v");
    }
}
