//! The files portals and search engines read: `sitemap.xml` (every page), `atom.xml` (an Atom
//! feed of reports, newest first) and `robots.txt`.
//!
//! The sitemap and the feed need absolute addresses, so they are written only when `site.toml`
//! sets `base_url`. Their dates come from the reports' publication dates (发布日期, `published`)
//! or, where unknown, their issue dates (印发日期), never from the clock, so that two builds of
//! the same content are byte-identical.

use std::fmt::Write;

use crate::config::Config;
use crate::figures;
use crate::figures::{Digest, Summary};
use crate::markup::escape as esc;
use crate::model::Body;
use crate::paths;

/// An issue date (YYYY-MM-DD) as an RFC 3339 time at midnight, China Standard Time.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00+08:00")
}

/// `robots.txt`: everything may be indexed; the sitemap is named when there is one.
pub(super) fn robots(config: &Config) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &config.base_url {
        let _ = writeln!(out, "\nSitemap: {}", paths::absolute(base, paths::SITEMAP));
    }
    out
}

/// The most addresses one sitemap file may list (sitemaps.org protocol).
pub(super) const SITEMAP_URLS: usize = 50_000;

/// The newest reports the feed lists: a feed is read for what is new, and the full list is in
/// the sitemap and the combined open data.
pub(super) const FEED_ENTRIES: usize = 100;

/// The sitemap: every page of the site (not the 404 page), in a fixed order, with the report
/// pages dated. Up to `per_file` addresses it is one `sitemap.xml`; beyond that, `sitemap.xml`
/// is a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, … of `per_file` addresses each.
/// Returns each file's path and text.
pub(super) fn sitemaps(digest: &Digest, base: &str, per_file: usize) -> Vec<(String, String)> {
    let fixed = std::iter::once((paths::HOME.to_string(), None))
        .chain(
            digest
                .bodies
                .iter()
                .map(|(b, _)| (paths::body(&b.id), None)),
        )
        .chain(digest.years().into_iter().map(|y| (paths::year(y), None)));
    let reports = digest
        .summaries()
        .map(|r| (paths::report(&r.body, r.year), Some(r.release_date())));
    let mut pages = fixed.chain(reports);
    let total = 1 + digest.bodies.len() + digest.years().len() + digest.reports();
    if total <= per_file {
        return vec![(
            paths::SITEMAP.to_string(),
            urlset(&mut pages, base, per_file),
        )];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=total.div_ceil(per_file) {
        let path = format!("sitemap-{n}.xml");
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            esc(&paths::absolute(base, &path))
        );
        files.push((path, urlset(&mut pages, base, per_file)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (paths::SITEMAP.to_string(), index));
    files
}

/// A `<urlset>` of the next `count` pages.
fn urlset<'a>(
    pages: &mut impl Iterator<Item = (String, Option<&'a str>)>,
    base: &str,
    count: usize,
) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (page, date) in pages.take(count) {
        let _ = write!(
            out,
            "  <url><loc>{}</loc>",
            esc(&paths::absolute(base, &page))
        );
        if let Some(d) = date {
            let _ = write!(out, "<lastmod>{}</lastmod>", esc(d));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The reports with their bodies, newest release date first (then body and year, for a fixed
/// order).
fn newest_first(digest: &Digest) -> Vec<(&Summary, &Body)> {
    let mut reports: Vec<(&Summary, &Body)> = digest
        .bodies
        .iter()
        .flat_map(|(b, list)| list.iter().map(move |s| (s, b)))
        .collect();
    reports.sort_by(|(a, _), (b, _)| {
        b.release_date()
            .cmp(a.release_date())
            .then(b.year.cmp(&a.year))
            .then(a.body.cmp(&b.body))
    });
    reports
}

/// An Atom feed (RFC 4287) of the newest [`FEED_ENTRIES`] reports, newest first. Call only
/// with reports.
pub(super) fn atom(digest: &Digest, config: &Config, base: &str) -> String {
    let mut reports = newest_first(digest);
    reports.truncate(FEED_ENTRIES);
    let updated = reports
        .first()
        .map_or(String::new(), |(r, _)| timestamp(r.release_date()));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{title}</title>\n  <id>{home}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n  <updated>{updated}</updated>\n",
        lang = esc(&config.language),
        title = esc(&config.title),
        home = esc(base),
        feed = esc(&paths::absolute(base, paths::FEED)),
    );
    for (r, b) in reports {
        entry(&mut out, r, b, base);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, r: &Summary, b: &Body, base: &str) {
    let url = paths::absolute(base, &paths::report(&r.body, r.year));
    let body = b.name.as_str();
    let _ = write!(
        out,
        "  <entry>\n    <title>{title}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n{published}    <updated>{date}</updated>\n    <author><name>{author}</name></author>\n    <summary>{summary}</summary>\n  </entry>\n",
        published = r
            .published
            .as_deref()
            .map_or(String::new(), |p| format!("    <published>{}</published>\n", timestamp(p))),
        title = esc(&r.title),
        url = esc(&url),
        date = timestamp(r.release_date()),
        author = esc(if r.issuer.is_empty() { body } else { &r.issuer }),
        summary = esc(&summary(body, r)),
    );
}

/// One sentence with the report's headline figures.
fn summary(body: &str, r: &Summary) -> String {
    let h = &r.headline;
    let mut s = format!("{body} {} 年政府信息公开工作年度报告", r.year);
    let figures: Vec<String> = [
        (figures::RECEIVED, h.received),
        (figures::PROCESSED, h.processed),
        (figures::REVIEWS, h.reviews(4)),
        (figures::SUITS, h.suits(4)),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some(format!("{k} {} 件", v?)))
    .collect();
    if !figures.is_empty() {
        let _ = write!(s, "：{}", figures.join("，"));
    }
    s.push('。');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::figures::{CarriedForward, CheckCounts, Headline, InForce};
    use crate::format::Format;

    /// A site of `bodies` bodies with one 2022 report each.
    fn digest(bodies: usize) -> Digest {
        let body = |i: usize| Body {
            id: format!("b{i:03}"),
            name: format!("机关{i}"),
            level: String::new(),
            region: String::new(),
            website: None,
            office: String::new(),
            sample: false,
            path: "content/b/body.yaml".into(),
        };
        let report = |i: usize| Summary {
            body: format!("b{i:03}"),
            year: 2022,
            format: Format::F2021,
            title: String::new(),
            issuer: String::new(),
            date: format!("2023-01-{:02}", i % 28 + 1),
            published: None,
            yaml_path: "content/b/2022/report.yaml".into(),
            headline: Headline::default(),
            carried_forward: CarriedForward::default(),
            in_force: InForce::default(),
            indicators: Vec::new(),
            checks: CheckCounts::default(),
        };
        Digest {
            bodies: (0..bodies).map(|i| (body(i), vec![report(i)])).collect(),
        }
    }

    fn locs(xml: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    }

    #[test]
    fn a_sitemap_past_the_protocol_limit_becomes_an_index_of_files_within_it() {
        let base = "https://example.gov.cn/nb/";
        let site = digest(10);
        // Home, 10 bodies, 1 year, 10 reports.
        let one = sitemaps(&site, base, 22);
        assert_eq!(one.len(), 1);
        assert_eq!(locs(&one[0].1).len(), 22);
        let split = sitemaps(&site, base, 5);
        let names: Vec<&str> = split.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap-4.xml",
                "sitemap-5.xml"
            ]
        );
        assert!(split[0].1.contains("<sitemapindex"));
        assert_eq!(
            locs(&split[0].1),
            (1..=5)
                .map(|n| format!("{base}sitemap-{n}.xml"))
                .collect::<Vec<_>>()
        );
        let mut all = Vec::new();
        for (_, xml) in &split[1..] {
            let these = locs(xml);
            assert!(these.len() <= 5);
            all.extend(these);
        }
        assert_eq!(
            all,
            locs(&one[0].1),
            "the files together list every page once, in order"
        );
    }

    #[test]
    fn the_feed_lists_only_the_newest_reports() {
        let site = digest(FEED_ENTRIES + 30);
        let config = Config::load(std::path::Path::new("no-such-site")).expect("defaults");
        let xml = atom(&site, &config, "https://example.gov.cn/");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let updated: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| {
                e.children()
                    .find(|c| c.has_tag_name("updated"))
                    .and_then(|c| c.text())
                    .unwrap_or("")
            })
            .collect();
        assert_eq!(updated.len(), FEED_ENTRIES);
        assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first");
        // Every report dated later than the last one listed is listed.
        let last = updated[FEED_ENTRIES - 1];
        let newer = site
            .summaries()
            .filter(|s| timestamp(s.release_date()).as_str() > last)
            .count();
        assert!(newer <= FEED_ENTRIES);
        assert!(updated.iter().filter(|u| **u > last).count() == newer);
    }

    #[test]
    fn dates_become_china_standard_time() {
        assert_eq!(timestamp("2022-03-09"), "2022-03-09T00:00:00+08:00");
    }
}
