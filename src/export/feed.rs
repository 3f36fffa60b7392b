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

/// Every page of the site (not the 404 page), in a fixed order, with the report pages dated.
pub(super) fn sitemap(digest: &Digest, base: &str) -> String {
    let mut pages: Vec<(String, Option<&str>)> = vec![(paths::HOME.to_string(), None)];
    pages.extend(
        digest
            .bodies
            .iter()
            .map(|(b, _)| (paths::body(&b.id), None)),
    );
    pages.extend(digest.years().into_iter().map(|y| (paths::year(y), None)));
    pages.extend(
        digest
            .summaries()
            .map(|r| (paths::report(&r.body, r.year), Some(r.release_date()))),
    );
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (page, date) in pages {
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

/// An Atom feed (RFC 4287) of every report, newest first. Call only with reports.
pub(super) fn atom(digest: &Digest, config: &Config, base: &str) -> String {
    let reports = newest_first(digest);
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

    #[test]
    fn dates_become_china_standard_time() {
        assert_eq!(timestamp("2022-03-09"), "2022-03-09T00:00:00+08:00");
    }
}
