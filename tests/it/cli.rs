//! The command line as a newcomer meets it: help, the build summary, exit codes.

use crate::support::{text, TempSite};

#[test]
fn help_explains_each_command_in_chinese() {
    let site = TempSite::empty();
    let (out, _) = text(&site.run(&["--help"]));
    assert!(out.contains("build"), "{out}");
    assert!(out.contains("check"), "{out}");
    assert!(out.contains("核对"), "{out}");
    let (build_help, _) = text(&site.run(&["build", "--help"]));
    assert!(
        build_help.contains("--root") && build_help.contains("--output"),
        "{build_help}"
    );
    assert!(build_help.contains("输出文件夹"), "{build_help}");
}

#[test]
fn build_prints_a_one_line_summary_and_writes_public() {
    let site = TempSite::example();
    let out = site.build_ok();
    let (stdout, _) = text(&out);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].contains("份报告") && lines[0].contains("个页面"),
        "{stdout}"
    );
    assert!(
        lines[0].contains("条警告") && lines[0].contains("秒"),
        "{stdout}"
    );
    assert!(site.path().join("public/index.html").is_file());
    assert!(site.path().join("public/ganzhou/2021/index.html").is_file());
}

#[test]
fn output_and_root_options_are_honoured() {
    let site = TempSite::example();
    let elsewhere = TempSite::empty();
    let out_dir = elsewhere.path().join("site-out");
    let out = site.run(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(out_dir.join("ganzhou/2021/index.html").is_file());
    assert!(!site.path().join("public").exists());
}

#[test]
fn check_passes_on_the_example_site_without_writing_anything() {
    let site = TempSite::example();
    let out = site.run(&["check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("核对通过"), "{stdout}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_folder_without_content_is_a_clear_error() {
    let site = TempSite::empty();
    let out = site.run(&["build"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("找不到内容文件夹"), "{stderr}");
}

#[test]
fn an_output_folder_that_would_replace_the_site_is_refused() {
    let site = TempSite::example();
    for bad in [".", "content", "content/ganzhou", "templates", ".."] {
        let out = site.run(&["build", "--output", bad]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains("不能输出到"), "{bad}: {stderr}");
    }
    assert!(site
        .path()
        .join("content/ganzhou/2021/report.yaml")
        .is_file());
}
