//! Reading the site on a phone, a desktop and paper, as a person would: the example site with a
//! seventh year of the sample body (`tests/fixtures/sites/seven-years`) is built and opened in
//! Chromium at 320 px, 360 px, 200% zoom and 1280 px, and printed to A4 PDF.
//!
//! - Charts: the smallest chart text is at least 11 px on a 360-px phone and 12 px on a desktop;
//!   no chart label sticks out of its chart.
//! - Reflow: no page scrolls sideways and nothing sticks out of it; a table may scroll only
//!   inside a box that says so.
//! - Tables: on a 360-px phone every figure of 表三 is on screen with its row's name and its
//!   column's name; on a desktop 表三 fits and no column heading breaks inside a word; screen
//!   readers get the same tables at both widths.
//! - Fonts: headings, table headers and chart text are each drawn in one font, never a serif.
//! - Print: no page but the last is more than 40% empty (poppler's pdftoppm renders the pages);
//!   captions, 表二's block headings and the closing lines stay with what follows or precedes
//!   them, and a table's header repeats on every page it continues on (pdftotext reads them).
//! - The 404 page: no broken link at the site root, under a sub-path and from `file://`.
//! - Weight: a report page is at most 40 KB, the body page with seven years at most 60 KB.
//! - No developer text on a public page; a favicon on every page, which a site can replace.
//!
//! Screenshots and PDFs are kept in `tests/artifacts/reading*/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{self, TempSite};

/// The example site with a seventh report of the sample body, built.
fn seven_years() -> TempSite {
    let site = TempSite::example();
    support::copy_tree(
        &support::repo().join("tests/fixtures/sites/seven-years"),
        site.path(),
    );
    site.build_ok();
    site
}

/// Every page's address (`/a/2024/`), and `/no/such/page/` for the 404 page.
fn addresses(public: &Path) -> Vec<String> {
    let mut out: Vec<String> = support::tree(public)
        .into_keys()
        .filter(|k| k.ends_with("index.html"))
        .map(|k| format!("/{}", k.trim_end_matches("index.html")))
        .collect();
    out.push("/no/such/page/".to_string());
    out
}

/// Runs a browser script and reads the JSON it prints.
fn node_json(script: &str, args: &[String]) -> Value {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = support::node(script, &args);
    let (stdout, stderr) = support::text(&out);
    assert!(out.status.success(), "{script} failed:\n{stdout}{stderr}");
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{script}: {e}\n{stdout}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn browser_every_page_reads_on_a_phone_zoomed_and_on_a_desktop() {
    support::require_browser();
    let site = seven_years();
    let public = site.path().join("public");
    let artifacts = support::artifacts("reading");
    let pages = addresses(&public);
    let mut args = vec![
        public.to_string_lossy().into_owned(),
        artifacts.to_string_lossy().into_owned(),
    ];
    args.extend(pages.iter().cloned());
    let result = node_json("reading.mjs", &args);
    let mut problems = Vec::new();
    let (mut charts, mut t3_figures) = (0, 0);
    for page in result["pages"].as_array().unwrap() {
        let address = page["address"].as_str().unwrap();
        let widths = &page["widths"];
        for (width, at) in widths.as_object().unwrap() {
            for p in strings(&at["problems"]) {
                problems.push(format!("{address} at {width}: {p}"));
            }
            let text = &at["chartText"];
            let least = match width.as_str() {
                "360" => Some(11.0),
                "1280" => Some(12.0),
                _ => None,
            };
            if let (Some(least), Some(min)) = (least, text["min"].as_f64()) {
                charts += 1;
                if min < least {
                    problems.push(format!(
                        "{address} at {width}: chart text of {min:.1} px ({})",
                        text["where"]
                    ));
                }
            }
        }
        let phone = &widths["360"];
        if phone["t3"].is_object() {
            t3_figures += phone["t3"]["figures"].as_u64().unwrap();
            for p in strings(&phone["t3"]["problems"]) {
                problems.push(format!("{address} 表三 on a phone: {p}"));
            }
        }
        let desktop = &widths["1280"];
        for p in strings(&desktop["headings"]) {
            problems.push(format!("{address} at 1280: {p}"));
        }
        if phone["tables"] != desktop["tables"] {
            problems.push(format!(
                "{address}: screen readers get other tables on a phone ({}) than on a desktop ({})",
                phone["tables"], desktop["tables"]
            ));
        }
        let families = strings(&desktop["fonts"]["families"]);
        if families.len() != 1 || families.iter().any(|f| f.contains("Serif")) {
            problems.push(format!(
                "{address}: headings, headers and charts are drawn in {families:?}"
            ));
        }
        for m in strings(&desktop["fonts"]["mixed"]) {
            problems.push(format!("{address}: one text in two fonts: {m}"));
        }
    }
    // Seven report pages of 表三 (one in the trial format, with 19 rows); every chart page.
    assert!(
        t3_figures >= 7 * 19 * 7,
        "only {t3_figures} figures of 表三"
    );
    assert!(charts >= 2 * 10, "only {charts} pages with charts measured");
    assert!(artifacts.join("sample-county.360.png").is_file());
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The pages of a PDF as `(image, text)`: a gray image from pdftoppm at `dpi`, and the text
/// from pdftotext with white space removed.
struct Printed {
    pages: Vec<(Pgm, String)>,
}

/// A gray image in netpbm's binary format.
struct Pgm {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Pgm {
    fn read(path: &Path) -> Pgm {
        let bytes = std::fs::read(path).unwrap();
        // "P5" width height maxval, each followed by one white-space byte, then the pixels.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
        }
        assert_eq!(fields[0], "P5", "{}", path.display());
        let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        Pgm {
            width,
            height,
            pixels: bytes[at + 1..].to_vec(),
        }
    }

    /// The rows that hold anything darker than near-white.
    fn inked_rows(&self) -> Vec<usize> {
        (0..self.height)
            .filter(|y| {
                self.pixels[y * self.width..(y + 1) * self.width]
                    .iter()
                    .any(|p| *p < 245)
            })
            .collect()
    }
}

fn print(pdf: &Path) -> Printed {
    let prefix = pdf.with_extension("");
    // Gray images to measure, and PNG images for a person to look at.
    for (args, to) in [
        (&["-gray", "-r", "30"][..], prefix.clone()),
        (&["-png", "-r", "50"][..], prefix.with_extension("page")),
    ] {
        let out = Command::new("pdftoppm")
            .args(args)
            .arg(pdf)
            .arg(&to)
            .output()
            .expect("run pdftoppm");
        assert!(out.status.success(), "pdftoppm: {:?}", support::text(&out));
    }
    let stem = prefix.file_name().unwrap().to_string_lossy().into_owned();
    let mut images: Vec<(usize, PathBuf)> = std::fs::read_dir(pdf.parent().unwrap())
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name()?.to_string_lossy().into_owned();
            let n = name
                .strip_prefix(&format!("{stem}-"))?
                .strip_suffix(".pgm")?;
            Some((n.parse().ok()?, path))
        })
        .collect();
    images.sort();
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext: {:?}", support::text(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let texts: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    Printed {
        pages: images
            .into_iter()
            .enumerate()
            .map(|(i, (_, path))| (Pgm::read(&path), texts.get(i).cloned().unwrap_or_default()))
            .collect(),
    }
}

impl Printed {
    /// How much of each page, from its last ink down to the bottom of the area that pages are
    /// printed in (found from all pages), is empty.
    fn empty_shares(&self) -> Vec<f64> {
        let inked: Vec<Vec<usize>> = self.pages.iter().map(|(p, _)| p.inked_rows()).collect();
        let top = inked
            .iter()
            .filter_map(|r| r.first())
            .min()
            .copied()
            .unwrap_or(0);
        let bottom = inked
            .iter()
            .filter_map(|r| r.last())
            .max()
            .copied()
            .unwrap_or(0);
        let area = (bottom - top).max(1) as f64;
        inked
            .iter()
            .map(|r| r.last().map_or(1.0, |last| (bottom - last) as f64 / area))
            .collect()
    }

    /// The first page whose text holds `what`.
    fn page_of(&self, what: &str) -> Option<usize> {
        self.pages.iter().position(|(_, t)| t.contains(what))
    }
}

#[test]
fn browser_printed_pages_are_full_and_keep_captions_headers_groups_and_closing_lines() {
    support::require_browser();
    support::require(
        "pdftoppm",
        "print tests render PDF pages with poppler-utils",
    );
    support::require("pdftotext", "print tests read PDF text with poppler-utils");
    let site = seven_years();
    let public = site.path().join("public");
    let artifacts = support::artifacts("reading-print");
    let mut args = vec![
        public.to_string_lossy().into_owned(),
        artifacts.to_string_lossy().into_owned(),
    ];
    // Every page but the 404 page, which prints one short paragraph.
    args.extend(
        addresses(&public)
            .into_iter()
            .filter(|a| a != "/no/such/page/"),
    );
    let result = node_json("print.mjs", &args);
    let mut problems = Vec::new();
    let mut pages = 0;
    for page in result["pages"].as_array().unwrap() {
        let address = page["address"].as_str().unwrap();
        let printed = print(Path::new(page["pdf"].as_str().unwrap()));
        pages += printed.pages.len();
        let shares = printed.empty_shares();
        for (i, share) in shares
            .iter()
            .enumerate()
            .take(shares.len().saturating_sub(1))
        {
            if *share > 0.40 {
                problems.push(format!(
                    "{address}: page {} is {:.0}% empty",
                    i + 1,
                    share * 100.0
                ));
            }
        }
        let find = |what: &str| printed.page_of(what);
        for table in page["tables"].as_array().unwrap() {
            let caption = table["caption"].as_str().unwrap();
            let rows = strings(&table["rows"]);
            let Some(at) = find(caption) else {
                problems.push(format!("{address}: caption {caption} is not printed"));
                continue;
            };
            if let Some(first) = rows.first() {
                if !printed.pages[at].1.contains(first.as_str()) {
                    problems.push(format!(
                        "{address}: {caption} is printed on page {} without its first row",
                        at + 1
                    ));
                }
            }
            // Every page the table continues on repeats its header.
            let head = table["head"].as_str().unwrap();
            for row in &rows {
                match (find(row), head.is_empty()) {
                    (None, _) => {
                        problems.push(format!("{address}: {caption}: row {row} is not printed"))
                    }
                    (Some(p), false) if !printed.pages[p].1.contains(head) => {
                        problems.push(format!(
                            "{address}: {caption}: page {} has row {row} but not the header {head}",
                            p + 1
                        ))
                    }
                    _ => {}
                }
            }
        }
        for group in page["groups"].as_array().unwrap() {
            let heading = group["heading"].as_str().unwrap();
            let first = group["first"].as_str().unwrap();
            if find(heading).is_none() || find(heading) != find(first) {
                problems.push(format!(
                    "{address}: {heading} is printed on another page than its first row {first}"
                ));
            }
        }
        let (closing, last) = (
            page["closing"].as_str().unwrap(),
            page["last"].as_str().unwrap(),
        );
        if !closing.is_empty() {
            let at = find(closing);
            if at.is_none() || !printed.pages[at.unwrap()].1.contains(last) {
                problems.push(format!(
                    "{address}: the closing lines {closing} are not on the page of the last paragraph {last}"
                ));
            }
        }
    }
    assert!(pages >= 8 * 4, "only {pages} pages printed");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The example site built with `base_url` at the path `/nb/` (or without one), in `dir`.
fn built_with(base_url: Option<&str>) -> TempSite {
    let site = TempSite::example();
    let toml = site.read("site.toml");
    let mut kept: Vec<String> = toml
        .lines()
        .filter(|l| !l.trim_start().starts_with("base_url"))
        .map(String::from)
        .collect();
    if let Some(b) = base_url {
        kept.insert(0, format!("base_url = \"{b}\""));
    }
    site.write("site.toml", kept.join("\n"));
    site.build_ok();
    site
}

#[test]
fn browser_the_404_page_has_no_broken_link_at_the_root_under_a_sub_path_and_from_file() {
    support::require_browser();
    // base_url names another host: the page must not depend on it.
    let with = built_with(Some("https://www.example.gov.cn/nb/"));
    let without = built_with(None);
    let public = |s: &TempSite| s.path().join("public").to_string_lossy().into_owned();
    let served = |s: &TempSite, prefix: &str, js: bool| serde_json::json!({ "site": public(s), "prefix": prefix, "address": format!("{prefix}no/such/page/"), "js": js });
    let file = |s: &TempSite| serde_json::json!({ "site": public(s), "file": true, "js": true });
    let cases = serde_json::json!([
        // Without JavaScript: under the sub-path of base_url, and at the root without one.
        served(&with, "/nb/", false),
        served(&without, "/", false),
        // With it: the same, and at a path the build could not know, and from disk.
        served(&with, "/nb/", true),
        served(&with, "/", true),
        served(&without, "/", true),
        served(&without, "/nb/", true),
        file(&with),
        file(&without),
    ]);
    let result = node_json("notfound.mjs", &[cases.to_string()]);
    let mut problems = Vec::new();
    for r in result["results"].as_array().unwrap() {
        let case = &r["case"];
        let want = if case["file"] == true { 200 } else { 404 };
        if r["status"] != want {
            problems.push(format!("{case}: status {}", r["status"]));
        }
        if r["styled"] != "rgb(164, 22, 26)" {
            problems.push(format!("{case}: not styled ({})", r["styled"]));
        }
        let links = r["links"].as_array().unwrap();
        if links.len() < 4 {
            problems.push(format!("{case}: only {} links", links.len()));
        }
        for l in links {
            let ok = matches!(l["leads"].as_str(), Some("data" | "this page" | "file"))
                || l["leads"] == 200;
            if !ok {
                problems.push(format!(
                    "{case}: {} → {} leads to {}",
                    l["text"], l["href"], l["leads"]
                ));
            }
        }
        for f in strings(&r["failed"]) {
            problems.push(format!("{case}: failed to load {f}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_report_page_weighs_at_most_40_kb_and_a_body_page_of_seven_years_60_kb() {
    let site = seven_years();
    let public = site.path().join("public");
    let pages: BTreeMap<String, Vec<u8>> = support::tree(&public);
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let mut reports = 0;
    for (path, bytes) in &pages {
        let parts: Vec<&str> = path.split('/').collect();
        if let [body, year, "index.html"] = parts.as_slice() {
            if *body != "year" && *body != "audit" && is_year(year) {
                reports += 1;
                assert!(
                    bytes.len() <= 40 * 1024,
                    "{path} weighs {} bytes",
                    bytes.len()
                );
            }
        }
    }
    assert_eq!(reports, 8, "seven sample reports and the real one");
    let body = &pages["sample-county/index.html"];
    let html = String::from_utf8_lossy(body);
    assert!(html.contains("2019–2025 年"), "seven years charted");
    assert!(
        body.len() <= 60 * 1024,
        "the body page weighs {} bytes",
        body.len()
    );
}

#[test]
fn public_pages_carry_no_developer_text_and_every_page_has_a_favicon() {
    let site = TempSite::example();
    site.build_ok();
    let public = site.path().join("public");
    for (path, bytes) in support::tree(&public) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        // What a reader can read: the text outside tags and scripts.
        let without_scripts: String = html
            .split("<script")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once("</script>").map_or("", |p| p.1)
                }
            })
            .collect();
        let text = crate::html::text(&without_scripts);
        for needle in [
            "docs/",
            ".md",
            ".rs",
            ".yaml",
            ".toml",
            "content/",
            "templates/",
            "static/",
        ] {
            assert!(!text.contains(needle), "{path} shows {needle:?}");
        }
        assert!(
            html.contains("<link rel=\"icon\" href=\""),
            "{path} has no icon"
        );
    }
    assert_eq!(
        std::fs::read(public.join("favicon.ico")).unwrap(),
        std::fs::read(support::repo().join("static/favicon.ico")).unwrap()
    );
    assert!(site
        .read("public/ganzhou/2021/index.html")
        .contains("<link rel=\"icon\" href=\"../../favicon.ico\">"));
    // A site's own icon replaces the built-in one, on every page and in the 404 page.
    site.write("static/favicon.ico", "own icon");
    site.build_ok();
    assert_eq!(site.read("public/favicon.ico"), "own icon");
    assert!(site
        .read("public/404.html")
        .contains("<link rel=\"icon\" href=\"data:image/x-icon;base64,b3duIGljb24=\">"));
}
