//! Accessibility (GB/T 37668, WCAG 2.1 AA) and print, in a real browser: the example site is
//! built, served over HTTP, and every page type (home, body, year, report, 404) must have no
//! axe-core violation of the WCAG 2.1 A and AA rules, no Nu HTML checker error, no sideways
//! scrolling on a 360-px phone or at 200% zoom, and a skip link that Tab reaches first and
//! shows focused. A report page printed to A4 hides the navigation, repeats table headers and
//! never cuts a row; the PDF and a screenshot are kept in `tests/artifacts/` for review.
//!
//! Pages are found in the built output rather than named here, so the test covers whatever the
//! pages contain (tables, charts …) after other features land.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{self, TempSite};

/// The example site, built without `base_url` so that the 404 page loads its stylesheet from
/// the test server rather than from the real address.
fn built_example() -> TempSite {
    let site = TempSite::example();
    let toml = site.read("site.toml");
    let kept: Vec<&str> = toml
        .lines()
        .filter(|l| !l.trim_start().starts_with("base_url"))
        .collect();
    site.write("site.toml", kept.join("\n"));
    site.build_ok();
    site
}

/// One page of each type, as `name=/address/`, found in the output.
fn page_types(public: &Path) -> Vec<String> {
    let mut found: Vec<(&str, String)> = Vec::new();
    let html = support::tree(public);
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    for rel in html.keys().filter(|k| k.ends_with("index.html")) {
        let parts: Vec<&str> = rel
            .trim_end_matches("index.html")
            .split('/')
            .filter(|p| !p.is_empty())
            .collect();
        let kind = match parts.as_slice() {
            [] => "home",
            ["year", y] if is_year(y) => "year",
            ["audit"] => "audit",
            ["audit", y] if is_year(y) => "audit-year",
            ["search"] => "search",
            [_] => "body",
            [_, y] if is_year(y) => "report",
            _ => continue,
        };
        if !found.iter().any(|(k, _)| *k == kind) {
            found.push((kind, format!("/{}", rel.trim_end_matches("index.html"))));
        }
    }
    found.push(("notfound", "/no/such/page/".to_string()));
    let kinds: Vec<&str> = found.iter().map(|(k, _)| *k).collect();
    for kind in [
        "home",
        "body",
        "year",
        "report",
        "audit",
        "audit-year",
        "search",
    ] {
        assert!(kinds.contains(&kind), "the example site has no {kind} page");
    }
    found.into_iter().map(|(k, p)| format!("{k}={p}")).collect()
}

fn vnu_jar() -> PathBuf {
    support::repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar")
}

#[test]
fn browser_every_page_type_passes_axe_and_works_on_phone_zoom_keyboard_and_print() {
    support::require_browser();
    let site = built_example();
    let public = site.path().join("public");
    let artifacts = support::artifacts("accessibility");
    let mut args = vec![
        public.to_string_lossy().into_owned(),
        artifacts.to_string_lossy().into_owned(),
    ];
    args.extend(page_types(&public));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = support::node("a11y.mjs", &args);
    let (stdout, stderr) = support::text(&out);
    assert!(out.status.success(), "a11y.mjs failed:\n{stdout}{stderr}");
    let result: serde_json::Value =
        serde_json::from_str(stdout.trim()).expect("a11y.mjs prints JSON");
    let mut problems = Vec::new();
    for page in result["pages"].as_array().unwrap() {
        let name = format!("{} ({})", page["name"], page["path"]);
        let want_status = if page["name"] == "notfound" { 404 } else { 200 };
        if page["status"] != want_status {
            problems.push(format!("{name}: HTTP status {}", page["status"]));
        }
        for v in page["violations"].as_array().unwrap() {
            problems.push(format!(
                "{name}: axe {} ({}): {} at {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            ));
        }
        let skip = &page["skipLink"];
        let focused = skip["className"]
            .as_str()
            .unwrap_or("")
            .contains("skip-link")
            && skip["href"] == "#main"
            && skip["onScreen"] == true
            && !skip["outline"]
                .as_str()
                .unwrap_or("none")
                .starts_with("none");
        if !focused {
            problems.push(format!(
                "{name}: Tab does not reach a visibly focused skip link first: {skip}"
            ));
        }
        for view in ["phone", "zoom200"] {
            let v = &page[view];
            if v["scrollWidth"].as_u64() > v["innerWidth"].as_u64() {
                problems.push(format!("{name}: the page scrolls sideways ({view}): {v}"));
            }
        }
    }
    let print = &result["print"];
    for (part, hidden) in print["hidden"]
        .as_object()
        .expect("a report page was printed")
    {
        if hidden != true {
            problems.push(format!("print: {part} is not hidden"));
        }
    }
    if print["theadDisplay"] != "table-header-group" {
        problems.push(format!(
            "print: table headers do not repeat on each page: {}",
            print["theadDisplay"]
        ));
    }
    if print["rowBreakInside"] != "avoid" {
        problems.push(format!(
            "print: table rows may be cut in half: {}",
            print["rowBreakInside"]
        ));
    }
    assert!(
        print["pdfPages"].as_u64().unwrap_or(0) >= 1,
        "no A4 pages: {print}"
    );
    assert!(artifacts.join("report-a4.pdf").is_file());
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn browser_every_page_passes_the_nu_html_checker() {
    support::require_browser();
    support::require("java", "the Nu HTML checker runs on Java");
    assert!(
        vnu_jar().is_file(),
        "no {}: run `npm ci --prefix tests/browser`",
        vnu_jar().display()
    );
    let site = built_example();
    let public = site.path().join("public");
    let pages: Vec<PathBuf> = support::tree(&public)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .map(|k| public.join(k))
        .collect();
    assert!(pages.len() >= 5, "{pages:?}");
    let out = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json"])
        .args(&pages)
        .output()
        .expect("run java");
    let (stdout, stderr) = support::text(&out);
    // vnu writes its JSON report on stderr.
    let report: serde_json::Value = serde_json::from_str(stderr.trim())
        .unwrap_or_else(|e| panic!("vnu did not print JSON ({e}):\n{stdout}{stderr}"));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let file = m["url"]
                .as_str()
                .unwrap_or("")
                .rsplit("public/")
                .next()
                .unwrap_or("");
            format!("{file}:{}: {}", m["lastLine"], m["message"])
        })
        .collect();
    assert!(
        errors.is_empty(),
        "Nu HTML checker errors:\n{}",
        errors.join("\n")
    );
}
