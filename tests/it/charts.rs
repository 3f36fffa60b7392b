//! Charts as a reader gets them: golden SVG for each chart type, byte-identical builds, an
//! accessible figure with a data table for every chart, the year-over-year text, and a real
//! Chromium that finds every chart visible with no two labels overlapping.

use crate::support::{self, assert_snapshot, tree, TempSite};

/// The `<svg>…</svg>` of the figure `id` in a built page (whatever attributes follow its id, such
/// as `data-pagefind-ignore`).
fn svg_of(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("<figure class=\"chart\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let from = start + html[start..].find("<svg").expect("figure has an svg");
    let end = from + html[from..].find("</figure>").expect("figure is closed");
    let to = from + html[from..end].rfind("</svg>").expect("svg is closed") + "</svg>".len();
    html[from..to].to_string()
}

fn built() -> TempSite {
    let site = TempSite::example();
    site.build_ok();
    site
}

#[test]
fn each_chart_type_matches_its_reviewed_svg() {
    let site = built();
    let cases = [
        ("sample-county/2024/index.html", "chart-outcomes", "bars"),
        ("sample-county/2024/index.html", "chart-t4", "grouped_bars"),
        (
            "sample-county/index.html",
            "chart-outcome-shares",
            "stack_percent",
        ),
        ("sample-county/index.html", "chart-reviews", "stack_counts"),
        (
            "sample-county/index.html",
            "chart-ind-hotline-satisfaction",
            "line_percent",
        ),
        (
            "year/2021/index.html",
            "chart-bodies-granted",
            "bars_bodies",
        ),
    ];
    for (page, id, name) in cases {
        let html = site.read(&format!("public/{page}"));
        assert_snapshot(&format!("charts/{name}.svg"), &svg_of(&html, id));
    }
}

#[test]
fn two_builds_give_byte_identical_pages_and_charts() {
    let site = built();
    let out = site.run(&["build", "--output", "again"]);
    assert!(out.status.success(), "{:?}", support::text(&out));
    let (a, b) = (
        tree(&site.path().join("public")),
        tree(&site.path().join("again")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn every_chart_is_a_named_image_with_its_numbers_in_a_table() {
    let site = built();
    let pages = tree(&site.path().join("public"));
    let mut seen = 0;
    for (path, bytes) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let figures = html.matches("<figure class=\"chart\"").count();
        assert_eq!(html.matches("role=\"img\"").count(), figures, "{path}");
        assert_eq!(
            html.matches("<details class=\"chart-data\">").count(),
            figures,
            "{path}"
        );
        for part in html.split("<figure class=\"chart\" id=\"").skip(1) {
            let id = &part[..part.find('"').unwrap()];
            let fig = &part[..part.find("</figure>").unwrap()];
            for needle in [
                format!("aria-labelledby=\"{id}-title {id}-desc\""),
                format!("<title id=\"{id}-title\">"),
                format!("<desc id=\"{id}-desc\">"),
                "<th scope=\"row\">".to_string(),
            ] {
                assert!(fig.contains(&needle), "{path} {id}: no {needle}");
            }
            assert_eq!(
                html.matches(&format!("id=\"{id}\"")).count(),
                1,
                "{path}: {id} twice"
            );
            seen += 1;
        }
    }
    // Seven report pages × 3, the sample body's 8, two year pages × 2 … at least.
    assert!(seen >= 7 * 3 + 8 + 2 * 2, "only {seen} charts");
}

#[test]
fn body_page_charts_run_across_both_formats_and_single_year_bodies_get_none() {
    let site = built();
    let html = site.read("public/sample-county/index.html");
    let shares = svg_of(&html, "chart-outcome-shares");
    for year in 2019..=2024 {
        assert!(
            shares.contains(&format!(">{year} 年<tspan")),
            "no {year} row"
        );
    }
    let line = svg_of(&html, "chart-ind-hotline-satisfaction");
    for v in ["95.12", "97.48", "单位：%（纵轴从 90% 起）"] {
        assert!(line.contains(&format!(">{v}</text>")), "no {v}");
    }
    assert!(html.contains("id=\"chart-t2\""), "T2 decisions chart");
    assert!(html.contains("示例数据，非真实统计"), "sample banner");
    let real = site.read("public/ganzhou/index.html");
    assert!(
        !real.contains("<figure class=\"chart\""),
        "one report: no year-over-year charts"
    );
}

#[test]
fn report_pages_state_the_change_from_the_previous_year_or_that_there_is_none() {
    let site = built();
    let html = site.read("public/sample-county/2024/index.html");
    // 2024: 354 new applications, 2023: 331 → +6.9%; satisfaction 97.48% vs 97.03%.
    for part in [
        "主要数字与上年比较（2023 年 → 2024 年）",
        "<th scope=\"row\">本年新收申请</th><td class=\"num\" data-l=\"2024 年\">354 件</td><td class=\"num\" data-l=\"2023 年\">331 件</td><td class=\"change\">比上年增加 6.9%</td>",
        "<td class=\"change\">比上年提高 0.45 个百分点</td>",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // 2021 (2021 format) compares with 2020 (trial format).
    assert!(site
        .read("public/sample-county/2021/index.html")
        .contains("2020 年 → 2021 年"));
    for page in [
        "public/ganzhou/2021/index.html",
        "public/sample-county/2019/index.html",
    ] {
        let html = site.read(page);
        assert!(html.contains("无上年数据：本站没有该机关"), "{page}");
        // One line, not a table of empty cells.
        assert!(
            !html.contains("<table class=\"yoy"),
            "{page}: an empty comparison"
        );
        assert!(
            !html.contains("比上年增加") && !html.contains("比上年减少"),
            "{page}: invented change"
        );
    }
}

#[test]
fn browser_charts_are_visible_and_no_two_labels_overlap_in_chromium() {
    support::require_browser();
    let site = built();
    let artifacts = support::artifacts("charts");
    let pages = [
        "sample-county/index.html",
        "sample-county/2024/index.html",
        "sample-county/2019/index.html",
        "ganzhou/2021/index.html",
        "year/2021/index.html",
    ];
    let public = site.path().join("public");
    let mut args = vec![public.to_str().unwrap(), artifacts.to_str().unwrap()];
    args.extend(pages);
    let out = support::node("charts.mjs", &args);
    let (stdout, stderr) = support::text(&out);
    assert!(
        out.status.success(),
        "charts.mjs failed:\n{stdout}\n{stderr}"
    );
    let result: serde_json::Value = serde_json::from_str(stdout.trim()).expect("JSON result");
    assert_eq!(result["errors"], serde_json::json!([]), "console errors");
    let expected = [8, 3, 3, 3, 2];
    for (page, want) in result["pages"].as_array().unwrap().iter().zip(expected) {
        let name = page["page"].as_str().unwrap();
        assert_eq!(page["charts"], want, "{name}: number of visible charts");
        assert!(
            page["texts"].as_u64().unwrap() > 0,
            "{name}: charts have no text"
        );
        assert_eq!(page["problems"], serde_json::json!([]), "{name}");
    }
    assert!(
        artifacts.join("sample-county_index.png").is_file(),
        "screenshot saved"
    );
}
