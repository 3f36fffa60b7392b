//! The one place that maps site objects to output files and links.
//!
//! Paths come from ASCII ids in the data (body id, year), never from Chinese titles. Every
//! internal link is relative and names `index.html` explicitly, so the output works under any
//! sub-path of a portal and when opened from `file://`.

/// The home page.
pub const HOME: &str = "index.html";
/// The not-found page.
pub const NOT_FOUND: &str = "404.html";

/// Folder names that a body id may not take, because the site uses them.
pub const RESERVED_IDS: &[&str] = &["year", "data", "static", "assets"];

/// The page of a government body.
pub fn body(id: &str) -> String {
    format!("{id}/index.html")
}

/// The page of one report.
pub fn report(body: &str, year: u16) -> String {
    format!("{body}/{year}/index.html")
}

/// The page of one year across bodies.
pub fn year(year: u16) -> String {
    format!("year/{year}/index.html")
}

/// The folder of a page (`a/b/index.html` → `a/b/`).
pub fn dir_of(page: &str) -> &str {
    page.rfind('/').map_or("", |i| &page[..=i])
}

/// The prefix that leads from `page` back to the site root (`../../` for `a/b/index.html`).
pub fn root_from(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// A relative link from `page` to `target` (both root-relative output paths).
pub fn link(page: &str, target: &str) -> String {
    format!("{}{}", root_from(page), target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(
            link(HOME, &report("ganzhou", 2021)),
            "ganzhou/2021/index.html"
        );
        assert_eq!(
            link(&report("ganzhou", 2021), &body("ganzhou")),
            "../../ganzhou/index.html"
        );
        assert_eq!(link(&year(2021), HOME), "../../index.html");
        assert_eq!(dir_of(&report("a", 2020)), "a/2020/");
    }
}
