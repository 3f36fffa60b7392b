//! The portal files: `sitemap.xml` and `atom.xml` are well-formed XML that list every page and
//! every report (newest first) at addresses that exist in the output; `robots.txt` names the
//! sitemap; without `base_url` neither is written and the build says why; the 404 page links
//! through the path of `base_url` so it works from any address.

use crate::open_data::{two_formats_site, REPORTS};
use crate::support::{text, TempSite};

const BASE: &str = "https://www.example.gov.cn/nianbao/";

/// The output file an absolute address of the site points at.
fn file_of(site: &TempSite, url: &str) -> std::path::PathBuf {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not below {BASE}"));
    let path = site.path().join("public").join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        path.join("index.html")
    } else {
        path
    }
}

#[test]
fn sitemap_lists_every_page_at_an_address_that_exists() {
    let site = two_formats_site();
    let xml = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for loc in &locs {
        assert!(
            file_of(&site, loc).is_file(),
            "sitemap lists {loc}, which was not built"
        );
    }
    let mut expected = vec![BASE.to_string()];
    for (body, year) in REPORTS {
        expected.push(format!("{BASE}{body}/"));
        expected.push(format!("{BASE}{body}/{year}/"));
        expected.push(format!("{BASE}year/{year}/"));
    }
    for url in &expected {
        assert!(locs.contains(&url.as_str()), "sitemap does not list {url}");
    }
    assert_eq!(
        locs.len(),
        expected.len(),
        "every page once, and not the 404 page"
    );
    let robots = site.read("public/robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn feed_lists_every_report_newest_first() {
    let site = two_formats_site();
    let xml = site.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |n: roxmltree::Node, name: &str| -> String {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", n.tag_name().name()))
            .to_string()
    };
    let entries: Vec<roxmltree::Node> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), REPORTS.len());
    let updated: Vec<String> = entries.iter().map(|e| child(*e, "updated")).collect();
    // 赣州市 2021 was issued 2022-03-09, the sample county's 2020 report 2021-03-15.
    assert_eq!(
        updated,
        ["2022-03-09T00:00:00+08:00", "2021-03-15T00:00:00+08:00"]
    );
    assert_eq!(
        child(feed, "updated"),
        updated[0],
        "the feed is as new as its newest report"
    );
    assert_eq!(
        child(entries[0], "title"),
        "赣州市2021年政府信息公开工作年度报告"
    );
    for e in &entries {
        let id = child(*e, "id");
        let link = e.children().find(|c| c.has_tag_name("link")).unwrap();
        assert_eq!(link.attribute("href"), Some(id.as_str()));
        assert!(
            file_of(&site, &id).is_file(),
            "feed entry {id} was not built"
        );
        assert!(!child(*e, "summary").is_empty());
        assert!(
            e.descendants().any(|n| n.has_tag_name("name")),
            "every entry has an author"
        );
    }
    let home = site.read("public/index.html");
    assert!(home.contains(&format!("type=\"application/atom+xml\" title=\"政府信息公开工作年度报告（订阅）\" href=\"{BASE}atom.xml\"")));
}

#[test]
fn without_base_url_the_build_warns_and_writes_no_sitemap_or_feed() {
    let site = TempSite::example();
    site.write("site.toml", "title = \"政府信息公开工作年度报告\"\n");
    let (_, stderr) = text(&site.build_ok());
    assert!(
        stderr.contains("警告") && stderr.contains("未设置 base_url"),
        "{stderr}"
    );
    assert!(!site.path().join("public/sitemap.xml").exists());
    assert!(!site.path().join("public/atom.xml").exists());
    assert!(!site.read("public/robots.txt").contains("Sitemap"));
    assert!(!site.read("public/index.html").contains("atom.xml"));
    // The 404 page is served from any address: its links start at the server root, and it
    // loads nothing (its stylesheet and icon are in the page).
    let page = site.read("public/404.html");
    assert!(page.contains("href=\"/index.html\""), "{page}");
    assert!(
        !page.contains("style.css") && page.contains("href=\"data:text/css;base64,"),
        "{page}"
    );
}

#[test]
fn the_404_page_links_through_base_url() {
    let site = two_formats_site();
    let page = site.read("public/404.html");
    let hrefs: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(hrefs.len() >= 3, "{hrefs:?}");
    // The path of base_url, not its host: the page works on any server that has the site at
    // that path (and corrects itself elsewhere; see tests/it/reading.rs).
    for h in hrefs {
        assert!(
            h.starts_with("/nianbao/") || h.starts_with('#') || h.starts_with("data:"),
            "404.html links {h}, which breaks off the site root or ties it to one host"
        );
    }
    assert!(
        !page.contains("rel=\"canonical\""),
        "a 404 page has no address of its own"
    );
}
