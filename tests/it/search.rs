//! Search (搜索), as a reader uses it: the example site is built by the real binary and served
//! from a static host under a sub-path (`/nb/`), or by `nianbao serve`; Chromium types Chinese
//! words into the search page (`tests/browser/search.mjs`) and reads the results as shown.
//!
//! - Segmentation: 政府信息公开 is found by 信息公开 and by 政府信息.
//! - 满意率 lists 赣州 2021 first; 予以公开 finds every report, at 表三's row in section 三,
//!   and its link leads to that section with the row on screen.
//! - A phrase from a sample narrative finds its pages, and each filter narrows them.
//! - A word that is not on the site shows an empty state in Chinese.
//! - Each result shows its body, year, section heading and an excerpt with the match marked.
//! - No request goes to another origin; axe-core finds nothing on the page with its results.
//! - Without JavaScript the page says so and links to every body's and year's page.
//! - In `serve`, a word added to a report is found after the rebuild (the index follows the
//!   pages a moment later), and no longer found after it is taken out again.
//! - `search = false` in site.toml leaves out the page, the index and the header link; every
//!   page links to the search page otherwise.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{self, TempSite};

/// Runs the search page's script against an output folder served under `/nb/`.
fn search_static(public: &Path, steps: Value) -> Value {
    run_script(&[
        "static",
        public.to_str().unwrap(),
        "/nb/",
        &steps.to_string(),
    ])
}

fn run_script(args: &[&str]) -> Value {
    let out = support::node("search.mjs", args);
    let (stdout, stderr) = support::text(&out);
    assert!(out.status.success(), "search.mjs failed:\n{stdout}{stderr}");
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("search.mjs: {e}\n{stdout}"))
}

/// The report pages of an output folder, as addresses below the site (`ganzhou/2021/index.html`).
fn report_pages(public: &Path) -> BTreeSet<String> {
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    support::tree(public)
        .into_keys()
        .filter(|k| {
            let parts: Vec<&str> = k.split('/').collect();
            matches!(parts.as_slice(), [b, y, "index.html"] if *b != "year" && *b != "audit" && is_year(y))
        })
        .collect()
}

/// The page a result links to, below the site (`ganzhou/2021/index.html`).
fn page_of(href: &str) -> String {
    let path = href.split("/nb/").nth(1).unwrap_or("");
    path.split('#').next().unwrap_or("").to_string()
}

fn results(step: &Value) -> &Vec<Value> {
    step["results"].as_array().expect("results")
}

fn built_example() -> TempSite {
    let site = TempSite::example();
    site.build_ok();
    site
}

#[test]
fn browser_search_finds_chinese_words_on_a_static_host_under_a_sub_path() {
    support::require_browser();
    let site = built_example();
    let public = site.path().join("public");
    let reports = report_pages(&public);
    assert_eq!(reports.len(), 7, "{reports:?}");
    let steps = json!([
        {"q": "信息公开", "all": true},
        {"q": "政府信息", "all": true},
        {"q": "满意率"},
        {"q": "予以公开", "all": true, "axe": true},
        {"q": "予以公开", "filters": {"body": "赣州市人民政府"}, "follow": true},
        {"q": "答复文书还不够规范", "all": true},
        {"q": "答复文书还不够规范", "filters": {"year": "2023"}},
        {"q": "答复文书还不够规范", "filters": {"level": "县", "region": "示例省示例市示例县"}, "all": true},
        {"q": "答复文书还不够规范", "filters": {"body": "赣州市人民政府"}},
        {"q": "量子计算机"},
    ]);
    let out = search_static(&public, steps);
    let steps = out["steps"].as_array().unwrap();
    assert_eq!(out["foreign"], json!([]), "requests to another origin");
    assert_eq!(out["errors"], json!([]), "errors in the page");

    // 政府信息公开 (in every report) is found by 信息公开 and by 政府信息: every report, each
    // excerpt with the query marked, and excerpts where it is marked inside 政府信息公开.
    for (step, query) in steps[..2].iter().zip(["信息公开", "政府信息"]) {
        let found: BTreeSet<String> = results(step)
            .iter()
            .map(|r| page_of(r["href"].as_str().unwrap()))
            .collect();
        assert_eq!(found, reports, "{query}: {}", step["status"]);
        let mut inside = 0;
        for r in results(step) {
            let part = &r["parts"][0];
            // The marked words hold the query (市政府信息 for 政府信息 in 我市政府信息公开).
            let marked = part["marked"][0].as_str().unwrap_or("");
            assert!(marked.contains(query), "{query}: {part}");
            if part["excerpt"].as_str().unwrap().contains("政府信息公开") {
                inside += 1;
            }
        }
        assert!(inside > 0, "{query}: {step}");
    }

    // 满意率: the real report first (the sample body's invented ones after it).
    let first = &results(&steps[2])[0];
    assert!(
        first["title"].as_str().unwrap().contains("赣州"),
        "{}",
        steps[2]
    );
    assert!(
        first["facts"].as_str().unwrap().contains("2021 年"),
        "{first}"
    );
    assert_eq!(results(&steps[2]).len(), 7, "{}", steps[2]["status"]);

    // 予以公开: every report, at 表三's row (a table row indexed as text), in section 三.
    let step = &steps[3];
    let found: BTreeSet<String> = results(step)
        .iter()
        .map(|r| page_of(r["href"].as_str().unwrap()))
        .collect();
    assert_eq!(found, reports, "{}", step["status"]);
    assert!(
        step["status"].as_str().unwrap().contains("找到 7 份"),
        "{}",
        step["status"]
    );
    for r in results(step) {
        let part = &r["parts"][0];
        assert_eq!(part["section"], "三、收到和处理政府信息公开申请情况", "{r}");
        assert!(
            part["href"].as_str().unwrap().contains("#s3-h"),
            "the section's anchor: {part}"
        );
        let excerpt = part["excerpt"].as_str().unwrap();
        assert!(excerpt.contains("（一）予以公开"), "{excerpt}");
        assert_eq!(part["marked"], json!(["予以公开"]), "{part}");
        // Body, year (and level, region) as the facts line.
        let facts = r["facts"].as_str().unwrap();
        let year = page_of(r["href"].as_str().unwrap())
            .split('/')
            .nth(1)
            .unwrap()
            .to_string();
        assert!(facts.contains(&format!("{year} 年")), "{facts}");
        assert!(
            facts.contains("赣州市人民政府") || facts.contains("示例县人民政府"),
            "{facts}"
        );
    }
    assert_eq!(step["violations"], json!([]), "axe on the results");

    // Following it: the report page, at section 三, with the row on screen.
    let step = &steps[4];
    assert_eq!(results(step).len(), 1, "{}", step["status"]);
    let followed = &step["followed"];
    assert_eq!(
        followed["path"], "/nb/ganzhou/2021/index.html",
        "{followed}"
    );
    assert_eq!(followed["hash"], "#s3-h", "{followed}");
    assert_eq!(followed["targetExists"], true, "{followed}");
    assert_eq!(followed["markedOnScreen"], true, "{followed}");

    // A phrase of the sample narrative: its six pages, at section 五; each filter narrows them.
    let all = results(&steps[5]);
    assert_eq!(all.len(), 6, "{}", steps[5]["status"]);
    for r in all {
        assert!(page_of(r["href"].as_str().unwrap()).starts_with("sample-county/"));
        // (The 2019 trial format names it 五、政府信息公开工作存在的主要问题及改进情况.)
        let section = r["parts"][0]["section"].as_str().unwrap();
        assert!(section.starts_with("五、") && section.ends_with("存在的主要问题及改进情况"));
        assert!(r["parts"][0]["href"].as_str().unwrap().contains("#s5-h"));
        assert_eq!(r["parts"][0]["marked"], json!(["答复文书还不够规范"]));
    }
    let by_year = results(&steps[6]);
    assert_eq!(by_year.len(), 1, "{}", steps[6]["status"]);
    assert_eq!(
        page_of(by_year[0]["href"].as_str().unwrap()),
        "sample-county/2023/index.html"
    );
    assert!(steps[6]["address"].as_str().unwrap().contains("year=2023"));
    assert_eq!(results(&steps[7]).len(), 6, "{}", steps[7]["status"]);
    assert_eq!(results(&steps[8]).len(), 0, "{}", steps[8]["status"]);
    assert!(
        steps[8]["status"]
            .as_str()
            .unwrap()
            .contains("减少筛选条件"),
        "{}",
        steps[8]["status"]
    );

    // A word that is not on the site: an empty state, in Chinese.
    assert_eq!(results(&steps[9]).len(), 0);
    assert_eq!(
        steps[9]["status"],
        "没有找到含有“量子计算机”的报告。可以换一个词、少写几个字再试。"
    );
}

#[test]
fn browser_the_search_page_without_javascript_links_to_every_body_and_year() {
    support::require_browser();
    let site = built_example();
    let out = search_static(&site.path().join("public"), json!([{"nojs": true}]));
    let step = &out["steps"][0];
    assert_eq!(step["status"], 200);
    assert_eq!(step["visible"], true, "{step}");
    assert!(
        step["text"]
            .as_str()
            .unwrap()
            .contains("搜索需要浏览器运行 JavaScript"),
        "{step}"
    );
    let links: Vec<(String, String)> = step["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert_eq!(l["status"], 200, "{l}");
            (
                l["text"].as_str().unwrap().to_string(),
                page_of(l["href"].as_str().unwrap()),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = [
        ("示例县人民政府", "sample-county/index.html"),
        ("赣州市人民政府", "ganzhou/index.html"),
    ]
    .map(|(t, h)| (t.to_string(), h.to_string()))
    .to_vec();
    want.extend(
        (2019..=2024)
            .rev()
            .map(|y| (format!("{y} 年"), format!("year/{y}/index.html"))),
    );
    assert_eq!(links, want);
}

/// A running `nianbao serve` on a free port, killed when dropped.
struct Serve {
    child: std::process::Child,
    addr: String,
}

impl Serve {
    fn start(site: &TempSite) -> Serve {
        let mut child = Command::new(support::bin())
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nianbao serve");
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let addr = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx.recv_timeout(left).expect("serve says where it listens");
            if let Some(rest) = line.split("正在预览：http://").nth(1) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        Serve { child, addr }
    }

    /// The tokens of the preview's event stream, as an open page receives them.
    fn events(&self) -> std::sync::mpsc::Receiver<String> {
        use std::io::Write;
        let mut s = std::net::TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET /__nianbao/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(token) = line.strip_prefix("data: ") {
                    if tx.send(token.trim().to_string()).is_err() {
                        return;
                    }
                }
            }
        });
        rx
    }

    /// The page at `path` (`/ganzhou/2021/`), as text.
    fn get(&self, path: &str) -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut body = Vec::new();
        s.read_to_end(&mut body).unwrap();
        String::from_utf8_lossy(&body).into_owned()
    }

    /// Waits until the page at `path` satisfies `pred` (the rebuild is done).
    fn wait_for(&self, path: &str, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !pred(&self.get(path)) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn browser_search_works_in_serve_and_after_a_rebuild() {
    support::require_browser();
    let site = TempSite::example();
    let serve = Serve::start(&site);
    let url = format!("http://{}/search/", serve.addr);
    let search = |q: &str| -> Value {
        let out = run_script(&["url", &url, &json!([{ "q": q }]).to_string()]);
        assert_eq!(out["foreign"], json!([]));
        out["steps"][0].clone()
    };
    const NEW: &str = "琉璃瓦屋面检修";
    let before = search(NEW);
    assert_eq!(results(&before).len(), 0, "{before}");
    let hotline = search("满意率");
    assert_eq!(results(&hotline).len(), 7, "{hotline}");

    site.edit(
        "content/ganzhou/2021/report.md",
        "编制本报告。",
        &format!("编制本报告。本年度完成了{NEW}。"),
    );
    serve.wait_for("/ganzhou/2021/", "the rebuild with the new text", |p| {
        p.contains(NEW)
    });
    // The index follows the pages a moment later (made in a thread of its own).
    let after = search_until(&search, NEW, |n| n == 1);
    let found = results(&after);
    assert_eq!(found.len(), 1, "{after}");
    assert_eq!(
        found[0]["href"],
        format!("http://{}/ganzhou/2021/index.html", serve.addr)
    );
    assert_eq!(found[0]["parts"][0]["marked"], json!([NEW]), "{after}");

    site.edit(
        "content/ganzhou/2021/report.md",
        &format!("本年度完成了{NEW}。"),
        "",
    );
    serve.wait_for("/ganzhou/2021/", "the rebuild without it", |p| {
        p.contains("编制本报告。") && !p.contains(NEW)
    });
    let gone = search_until(&search, NEW, |n| n == 0);
    assert_eq!(results(&gone).len(), 0, "{gone}");
}

#[test]
fn in_serve_an_open_search_page_is_told_when_the_index_is_written() {
    // The preview writes the search index again in a thread of its own after the pages: the
    // pages reload first, then the search page once more (its script compares the whole
    // token, other pages only the part before the dot).
    let site = TempSite::example();
    let serve = Serve::start(&site);
    let tokens = serve.events();
    let next = || {
        tokens
            .recv_timeout(Duration::from_secs(60))
            .expect("an event within a minute")
    };
    let page_part = |t: &str| t.split('.').next().unwrap().to_string();
    let first = next();
    site.edit(
        "content/ganzhou/2021/report.md",
        "编制本报告。",
        "编制本报告。本年度完成了档案数字化。",
    );
    let rebuilt = next();
    assert_ne!(page_part(&first), page_part(&rebuilt));
    let indexed = next();
    assert_ne!(rebuilt, indexed);
    assert_eq!(page_part(&rebuilt), page_part(&indexed));
}

/// Searches for `q` until the number of results satisfies `want`; fails after a minute.
fn search_until(search: &dyn Fn(&str) -> Value, q: &str, want: impl Fn(usize) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let step = search(q);
        if want(results(&step).len()) {
            return step;
        }
        assert!(Instant::now() < deadline, "{q}: still {step}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn every_page_links_to_the_search_page_unless_search_is_off() {
    let site = built_example();
    let public = site.path().join("public");
    assert!(public.join("search/index.html").is_file());
    assert!(public.join("search/search.js").is_file());
    assert!(public.join("pagefind/pagefind.js").is_file());
    assert!(public.join("pagefind/pagefind-entry.json").is_file());
    // Only what the search page uses.
    assert!(!public.join("pagefind/pagefind-ui.js").exists());
    let entry: Value = serde_json::from_slice(
        &std::fs::read(public.join("pagefind/pagefind-entry.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(entry["languages"]["zh-cn"]["page_count"], 7, "{entry}");
    for (path, bytes) in support::tree(&public) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let root = if path == "404.html" {
            "/".to_string()
        } else {
            "../".repeat(path.matches('/').count())
        };
        let link = format!("<a class=\"site-search\" href=\"{root}search/index.html\"");
        assert!(html.contains(&link), "{path} has no {link}");
    }

    let toml = site.read("site.toml");
    assert!(
        toml.contains("\nsearch = true"),
        "the example says search = true"
    );
    site.write(
        "site.toml",
        toml.replace("\nsearch = true", "\nsearch = false"),
    );
    site.build_ok();
    let files = support::tree(&public);
    assert!(
        !files
            .keys()
            .any(|k| k.starts_with("search/") || k.starts_with("pagefind/")),
        "search files left with search = false"
    );
    for (path, bytes) in files.iter().filter(|(k, _)| k.ends_with(".html")) {
        assert!(
            !String::from_utf8_lossy(bytes).contains("site-search"),
            "{path} links to a search page that is not there"
        );
    }

    site.write(
        "site.toml",
        toml.replace("\nsearch = true", "\nsearch = \"是\""),
    );
    let out = site.run(&["build"]);
    let (stdout, stderr) = support::text(&out);
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("site.toml") && stderr.contains("search"),
        "{stderr}"
    );
}
