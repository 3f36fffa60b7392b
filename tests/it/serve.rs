//! `nianbao serve`: the real binary on a copy of the example site, over real HTTP (see
//! `preview`) and in headless Chromium; careless and hostile clients are in `clients`; partial
//! rebuilds held to full builds in `partial`. Every wait is bounded; the server is always stopped,
//! even on panic.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{mpsc, Mutex};
use std::time::Duration;

use crate::support::{self, TempSite};

mod clients;
mod partial;
mod preview;

use preview::{collect, wait_exit, KillOnDrop, Preview, DEADLINE};

const REPORT_MD: &str = "content/ganzhou/2021/report.md";
const REPORT_YAML: &str = "content/ganzhou/2021/report.yaml";
/// The `t3.new` row; changing its total to 749 breaks two identities.
const GOOD_ROW: &str = "[706, 14, 2, 5, 4, 17, 748]";
const BAD_ROW: &str = "[706, 14, 2, 5, 4, 17, 749]";
const OLD_TEXT: &str = "编制本报告。";
const NEW_TEXT: &str = "编制本报告（预览中改写）。";
const RESTART_TEXT: &str = "编制本报告（重启后改写）。";
const REPORT_PAGE: &str = "/ganzhou/2021/";
/// What `serve` adds to HTML, between these two comments.
const BEGIN: &str = "<!-- nianbao serve: 仅在预览中加入 -->\n";
const END: &str = "<!-- /nianbao serve -->\n";

/// The page as `build` wrote it: the preview's addition cut out (asserting it was there).
fn without_addition(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(body.to_vec()).unwrap();
    let a = text.find(BEGIN).expect("the reload script was added");
    let b = text[a..].find(END).expect("the addition is closed") + a + END.len();
    assert!(text[a..b].contains("<script id=\"nianbao-reload\">"));
    format!("{}{}", &text[..a], &text[b..]).into_bytes()
}

/// The overlay's error text, unescaped, if the page has one.
fn overlay_text(page: &str) -> Option<String> {
    let start = page.find("<pre id=\"nianbao-error\"")?;
    let open = start + page[start..].find('>')? + 1;
    let close = open + page[open..].find("</pre>")?;
    let text = &page[open..close];
    Some(
        [
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&amp;", "&"),
        ]
        .iter()
        .fold(text.to_string(), |t, (from, to)| t.replace(from, to)),
    )
}

/// Edits a file the way many editors save: write a new file, then rename it over the old one.
fn save(site: &TempSite, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    let tmp = site.path().join("saving.tmp");
    std::fs::write(&tmp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&tmp, site.path().join(rel)).unwrap();
}

/// What `nianbao check` prints for the site as it is now.
fn check_text(site: &TempSite) -> String {
    let out = site.run(&["check"]);
    assert!(!out.status.success(), "check passed a broken site");
    support::text(&out).1
}

fn expected_type(rel: &str) -> &'static str {
    match Path::new(rel).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("ico") => "image/x-icon",
        // The output folder's marker (the list of files the build wrote).
        None if rel == ".nianbao-output" => "application/octet-stream",
        other => panic!("the site has a file of an unexpected kind: {rel} ({other:?})"),
    }
}

#[test]
fn serves_exactly_what_build_writes() {
    let site = TempSite::example();
    site.build_ok();
    let public = support::tree(&site.path().join("public"));
    let preview = Preview::start(&site);
    for (rel, bytes) in &public {
        let r = preview.get(&format!("/{rel}"));
        assert_eq!(r.status, 200, "/{rel}");
        assert_eq!(
            r.header("Content-Type").as_deref(),
            Some(expected_type(rel))
        );
        let served = if rel.ends_with(".html") {
            without_addition(&r.body)
        } else {
            r.body
        };
        assert!(served == *bytes, "/{rel} differs from what build wrote");
    }
    let folder = preview.get("/ganzhou/2021/");
    assert_eq!(
        without_addition(&folder.body),
        public["ganzhou/2021/index.html"]
    );
    let redirect = preview.get("/ganzhou/2021?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("Location").as_deref(),
        Some("/ganzhou/2021/?x=1")
    );
    let missing = preview.get("/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert_eq!(without_addition(&missing.body), public["404.html"]);
    // The preview builds elsewhere: what `build` published is untouched.
    assert!(support::tree(&site.path().join("public")) == public);
}

#[test]
fn rebuilds_on_save_and_shows_errors_over_the_last_good_page() {
    let site = TempSite::example();
    let preview = Preview::start(&site);
    assert!(!preview.get(REPORT_PAGE).text().contains(NEW_TEXT));

    save(&site, REPORT_MD, OLD_TEXT, NEW_TEXT);
    preview.page_when("the edited text", |p| p.contains(NEW_TEXT));

    save(&site, REPORT_YAML, GOOD_ROW, BAD_ROW);
    let expected = check_text(&site);
    assert!(
        expected.contains("report.yaml:59") && expected.contains("749"),
        "{expected}"
    );
    let page = preview.page_when("the error overlay with check's text", |p| {
        overlay_text(p).as_deref() == Some(expected.as_str())
    });
    assert!(
        page.contains(NEW_TEXT),
        "the overlay covers the last good page"
    );
    // The terminal says it once, however often the page is asked for.
    preview.wait_for("the error in the terminal", |p| {
        p.stderr().contains(&expected).then_some(())
    });
    for _ in 0..3 {
        preview.get(REPORT_PAGE);
    }
    assert_eq!(preview.stderr().matches(&expected).count(), 1);

    save(&site, REPORT_YAML, BAD_ROW, GOOD_ROW);
    let page = preview.page_when("the overlay to clear", |p| overlay_text(p).is_none());
    assert!(page.contains(NEW_TEXT));
    assert!(!page.contains("id=\"nianbao-overlay\""));
}

#[test]
fn starts_on_a_broken_site_and_recovers_when_it_is_fixed() {
    let site = TempSite::example();
    site.edit(REPORT_YAML, GOOD_ROW, BAD_ROW);
    let expected = check_text(&site);
    let preview = Preview::start(&site);
    let r = preview.get(REPORT_PAGE);
    assert_eq!(r.status, 500, "there is no good page to show yet");
    assert_eq!(overlay_text(&r.text()).as_deref(), Some(expected.as_str()));
    preview.wait_for("the error in the terminal", |p| {
        p.stderr().contains(&expected).then_some(())
    });
    save(&site, REPORT_YAML, BAD_ROW, GOOD_ROW);
    preview.wait_for("the report page", |p| {
        (p.get(REPORT_PAGE).status == 200).then_some(())
    });
    assert!(overlay_text(&preview.get(REPORT_PAGE).text()).is_none());
}

#[test]
fn never_serves_a_file_outside_the_site() {
    let site = TempSite::example();
    site.write("secret.txt", "SITE-SECRET");
    let preview = Preview::start(&site);
    // The build folder is below the server's TMPDIR; put a secret at each level above it.
    std::fs::write(preview.tmp.path().join("secret.txt"), "TMP-SECRET").unwrap();
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/ganzhou/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/..\\..\\secret.txt",
        "/%5c..%5c..%5csecret.txt",
        "/.%2e/.%2e/secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "/index.html%00.txt",
        "/%252e%252e/%252e%252e/secret.txt",
        "../secret.txt",
        "http://127.0.0.1/../secret.txt",
    ] {
        let r = preview.get(target);
        assert!(
            matches!(r.status, 400 | 404),
            "{target}: status {}",
            r.status
        );
        let body = String::from_utf8_lossy(&r.body);
        for leak in ["SECRET", "root:"] {
            assert!(!body.contains(leak), "{target} leaked {leak}");
        }
    }
}

#[test]
fn ctrl_c_stops_cleanly_and_removes_the_build_folder() {
    let site = TempSite::example();
    let mut preview = Preview::start(&site);
    let tmp = preview.tmp.path().to_path_buf();
    let tmp_entries = || std::fs::read_dir(&tmp).unwrap().count();
    assert_eq!(
        tmp_entries(),
        1,
        "the preview builds into its own temporary folder"
    );
    let status = preview.interrupt();
    assert!(status.success(), "exit status {status}");
    preview.wait_for("the goodbye", |p| {
        p.stdout().contains("预览已停止").then_some(())
    });
    assert_eq!(tmp_entries(), 0, "the build folder was left behind");
    assert!(!site.path().join("public").exists(), "serve wrote public/");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = TempSite::example();
    let mut child = Command::new(support::bin())
        .args(["serve", "--port", &port])
        .current_dir(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let mut pipe = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        let _ = tx.send(s);
    });
    let mut guard = KillOnDrop(child);
    let stderr = rx
        .recv_timeout(DEADLINE)
        .expect("serve kept running on a taken port");
    let status = wait_exit(&mut guard.0);
    assert!(!status.success());
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(
        stderr.contains("已被占用") && stderr.contains("--port"),
        "{stderr}"
    );
}

/// The next JSON line of the browser script, which must be at `stage`.
fn next_stage(
    lines: &mpsc::Receiver<String>,
    stage: &str,
    stderr: &Mutex<String>,
) -> serde_json::Value {
    let line = lines
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| {
            panic!(
                "the browser script gave no `{stage}`:\n{}",
                stderr.lock().unwrap()
            )
        });
    let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
    assert_eq!(v["stage"], stage, "{v}\n{}", stderr.lock().unwrap());
    v
}

#[test]
fn browser_a_page_open_in_chromium_reloads_by_itself_and_shows_the_overlay() {
    support::require_browser();
    let site = TempSite::example();
    let mut preview = Preview::start(&site);
    let url = format!("http://{}{REPORT_PAGE}", preview.addr);
    let mut node = KillOnDrop(
        Command::new("node")
            .arg(support::repo().join("tests/browser/reload.mjs"))
            .args([url.as_str(), NEW_TEXT, RESTART_TEXT])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run node"),
    );
    let stderr = collect(node.0.stderr.take().unwrap());
    let (tx, lines) = mpsc::channel();
    let stdout = node.0.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });

    next_stage(&lines, "ready", &stderr);
    save(&site, REPORT_MD, OLD_TEXT, NEW_TEXT);
    let edited = next_stage(&lines, "edited", &stderr);
    assert_eq!(
        edited["keptOldDocument"], false,
        "the text changed without a reload"
    );
    assert!(edited["reloads"].as_u64() >= Some(1), "{edited}");

    save(&site, REPORT_YAML, GOOD_ROW, BAD_ROW);
    let expected = check_text(&site);
    let broken = next_stage(&lines, "broken", &stderr);
    assert_eq!(broken["error"].as_str(), Some(expected.as_str()));

    // Stopped, fixed and changed while down, started again: the page reconnects and reloads.
    let port: u16 = preview.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert!(preview.interrupt().success());
    save(&site, REPORT_YAML, BAD_ROW, GOOD_ROW);
    save(&site, REPORT_MD, NEW_TEXT, RESTART_TEXT);
    let _again = Preview::start_on(&site, port);
    let restarted = next_stage(&lines, "restarted", &stderr);
    assert_eq!(restarted["overlay"], false, "{restarted}");
    assert!(wait_exit(&mut node.0).success());
}
