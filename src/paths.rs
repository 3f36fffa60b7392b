//! The one place that maps site objects to output files and links.
//!
//! Paths come from ASCII ids in the data (body id, year), never from Chinese titles. Every
//! internal link is relative and names `index.html` explicitly, so the output works under any
//! sub-path of a portal and when opened from `file://`.

use serde::Serialize;

/// A link with its text, relative to the page it is on.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Relative address.
    pub href: String,
    /// Text.
    pub text: String,
}

/// The home page.
pub const HOME: &str = "index.html";
/// The not-found page.
pub const NOT_FOUND: &str = "404.html";

/// Folder names that a body id may not take, because the site uses them.
pub const RESERVED_IDS: &[&str] = &[
    "year", "data", "static", "assets", "audit", "search", "pagefind",
];

/// The search page (搜索).
pub const SEARCH: &str = "search/index.html";
/// The search page's script.
pub const SEARCH_SCRIPT: &str = "search/search.js";
/// The folder of the search index (Pagefind's files).
pub const SEARCH_BUNDLE: &str = "pagefind";

/// The audit (核对情况): who published what and when, and what the checks found.
pub const AUDIT: &str = "audit/index.html";
/// The audit as CSV.
pub const AUDIT_CSV: &str = "data/audit.csv";

/// The audit of one year, every body.
pub fn audit_year(year: u16) -> String {
    format!("audit/{year}/index.html")
}

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

/// The open-data folder.
pub const DATA_DIR: &str = "data";
/// Every report in one CSV file (a row per body and year).
pub const ALL_CSV: &str = "data/reports.csv";
/// Every report in one JSON file.
pub const ALL_JSON: &str = "data/reports.json";
/// The JSON Schema of a report's JSON file.
pub const SCHEMA: &str = "data/report.schema.json";
/// The sitemap (needs `base_url`).
pub const SITEMAP: &str = "sitemap.xml";
/// The Atom feed of reports (needs `base_url`).
pub const FEED: &str = "atom.xml";
/// Instructions for crawlers.
pub const ROBOTS: &str = "robots.txt";

/// One report's whole structured data as JSON.
pub fn report_json(body: &str, year: u16) -> String {
    format!("{DATA_DIR}/{body}/{year}.json")
}

/// One table (`t2`, `t3`, `t4`, or `indicators`) of one report as CSV.
pub fn report_csv(body: &str, year: u16, table: &str) -> String {
    format!("{DATA_DIR}/{body}/{year}-{table}.csv")
}

/// The download links of a report page (下载数据), relative to that page: its JSON, one CSV
/// per table (with the table's name) and its indicators.
pub fn report_downloads(body: &str, year: u16, tables: &[(&str, &str, &str)]) -> Vec<Link> {
    let page = report(body, year);
    let link = |target: String, text: String| Link {
        href: self::link(&page, &target),
        text,
    };
    let mut links = vec![link(
        report_json(body, year),
        "完整报告数据（JSON）".to_string(),
    )];
    for (key, name, caption) in tables {
        links.push(link(
            report_csv(body, year, key),
            format!("{name}：{caption}（CSV）"),
        ));
    }
    links.push(link(
        report_csv(body, year, INDICATORS),
        "主要指标（CSV）".to_string(),
    ));
    links
}

/// The key of a report's indicator file, next to `t2`, `t3`, `t4`.
pub const INDICATORS: &str = "indicators";

/// The site-wide open-data links of the home page, relative to it; the feed when there is one.
pub fn site_downloads(feed: bool) -> Vec<Link> {
    let link = |target: &str, text: &str| Link {
        href: self::link(HOME, target),
        text: text.to_string(),
    };
    let mut links = vec![
        link(ALL_CSV, "全部报告汇总（CSV，每个机关每年一行）"),
        link(ALL_JSON, "全部报告汇总（JSON）"),
        link(SCHEMA, "报告数据结构说明（JSON Schema）"),
    ];
    if feed {
        links.push(link(FEED, "年度报告订阅（Atom）"));
    }
    links
}

/// The absolute address of an output file: `base_url` joined with the path, a folder's
/// `index.html` left out (`https://x.cn/nb/ganzhou/2021/`).
pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{path}")
}

/// The prefix the 404 page uses for every link. It is served at any missing address, at any
/// depth, so relative links would break; absolute addresses would tie it to one host. So its
/// links start with the path of `base_url` (`/nianbao/`), or `/` without one (see
/// `render::notfound` for how the page corrects them where that is wrong).
pub fn not_found_root(base_url: Option<&str>) -> String {
    let path = base_url
        .and_then(|b| b.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
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
        assert_eq!(
            link(&report("a", 2020), &report_csv("a", 2020, "t3")),
            "../../data/a/2020-t3.csv"
        );
    }

    #[test]
    fn absolute_addresses_leave_out_index_html() {
        let base = "https://www.example.gov.cn/nb/";
        assert_eq!(absolute(base, HOME), base);
        assert_eq!(
            absolute(base, &report("a", 2021)),
            "https://www.example.gov.cn/nb/a/2021/"
        );
        assert_eq!(
            absolute(base, FEED),
            "https://www.example.gov.cn/nb/atom.xml"
        );
        assert_eq!(not_found_root(None), "/");
        assert_eq!(not_found_root(Some(base)), "/nb/");
        assert_eq!(not_found_root(Some("https://www.example.gov.cn/")), "/");
        assert_eq!(not_found_root(Some("http://x.cn")), "/");
    }
}
