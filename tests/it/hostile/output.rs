//! The output contract: a build refuses (exit 2), touching nothing, any output folder whose
//! replacement would destroy something that nianbao did not make.

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use super::{run_all, Case, BUILD};
use crate::support::TempSite;

const REFUSED: i32 = 2;

/// A folder of someone's own files.
fn own_files(site: &TempSite, rel: &str) -> PathBuf {
    site.write(&format!("{rel}/thesis.docx"), "论文");
    site.write(&format!("{rel}/photos/1.jpg"), [0xff, 0xd8, 0xff]);
    site.path().join(rel)
}

fn nothing(_: &TempSite) -> Vec<PathBuf> {
    Vec::new()
}

fn sources(site: &TempSite) -> Vec<PathBuf> {
    ["content", "templates", "static", "src", ".git"]
        .iter()
        .map(|d| site.path().join(d))
        .collect()
}

/// The site with a `src/` of code and a `.git` folder, as in a repository.
fn repository(site: &TempSite) -> Vec<PathBuf> {
    site.write("src/main.rs", "fn main() {}\n");
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write("templates/README", "模板\n");
    site.write("static/logo.txt", "logo\n");
    sources(site)
}

pub const CASES: &[Case] = &[
    Case {
        name: "output-home",
        input: "--output 主目录（HOME，里面有文件）",
        spoil: |s| vec![own_files(s, "home")],
        args: &["build", "--output", "{site}/home"],
        code: REFUSED,
        expect: &["不能输出到", "主目录"],
        snapshot: None,
    },
    Case {
        name: "output-empty-home",
        input: "--output 主目录，主目录是空的",
        spoil: |s| {
            std::fs::create_dir_all(s.path().join("home")).unwrap();
            vec![s.path().join("home")]
        },
        args: &["build", "--output", "{site}/home"],
        code: REFUSED,
        expect: &["主目录"],
        snapshot: None,
    },
    Case {
        name: "output-folder-of-own-files",
        input: "--output 一个存放着 thesis.docx 和 photos/ 的文件夹",
        spoil: |s| vec![own_files(s, "mine")],
        args: &["build", "--output", "mine"],
        code: REFUSED,
        expect: &["不是空的", ".nianbao-output"],
        snapshot: Some("output-own-files.txt"),
    },
    Case {
        name: "output-src",
        input: "--output src（源代码）",
        spoil: repository,
        args: &["build", "--output", "src"],
        code: REFUSED,
        expect: &["不是空的"],
        snapshot: None,
    },
    Case {
        name: "output-git",
        input: "--output .git",
        spoil: repository,
        args: &["build", "--output", ".git"],
        code: REFUSED,
        expect: &["版本库文件夹 .git"],
        snapshot: None,
    },
    Case {
        name: "output-inside-git",
        input: "--output .git/site",
        spoil: repository,
        args: &["build", "--output", ".git/site"],
        code: REFUSED,
        expect: &["版本库文件夹 .git之内"],
        snapshot: None,
    },
    Case {
        name: "output-existing-file",
        input: "--output notes.txt（一个已有的文件）",
        spoil: |s| {
            s.write("notes.txt", "笔记");
            vec![s.path().join("notes.txt")]
        },
        args: &["build", "--output", "notes.txt"],
        code: REFUSED,
        expect: &["是一个文件，不是文件夹"],
        snapshot: None,
    },
    Case {
        name: "output-content",
        input: "--output content",
        spoil: sources,
        args: &["build", "--output", "content"],
        code: REFUSED,
        expect: &["就是网站的内容文件夹 content/"],
        snapshot: None,
    },
    Case {
        name: "output-inside-content",
        input: "--output content/ganzhou",
        spoil: sources,
        args: &["build", "--output", "content/ganzhou"],
        code: REFUSED,
        expect: &["网站的内容文件夹 content/之内"],
        snapshot: None,
    },
    Case {
        name: "output-new-folder-inside-content",
        input: "--output content/new（尚不存在）",
        spoil: sources,
        args: &["build", "--output", "content/new"],
        code: REFUSED,
        expect: &["content/之内"],
        snapshot: None,
    },
    Case {
        name: "output-templates-missing",
        input: "--output templates（网站还没有 templates/）",
        spoil: nothing,
        args: &["build", "--output", "templates"],
        code: REFUSED,
        expect: &["模板文件夹 templates/"],
        snapshot: None,
    },
    Case {
        name: "output-static",
        input: "--output static/out",
        spoil: repository,
        args: &["build", "--output", "static/out"],
        code: REFUSED,
        expect: &["静态文件文件夹 static/"],
        snapshot: None,
    },
    Case {
        name: "output-site-root",
        input: "--output .（网站目录本身）",
        spoil: sources,
        args: &["build", "--output", "."],
        code: REFUSED,
        expect: &["不能输出到"],
        snapshot: None,
    },
    Case {
        name: "output-parent",
        input: "--output ..（网站目录的上级）",
        spoil: sources,
        args: &["build", "--output", ".."],
        code: REFUSED,
        expect: &["包含"],
        snapshot: None,
    },
    Case {
        name: "output-filesystem-root",
        input: "--output /",
        spoil: nothing,
        args: &["build", "--output", "/"],
        code: REFUSED,
        expect: &["不能输出到 /"],
        snapshot: None,
    },
    Case {
        name: "output-root-through-dotdot",
        input: "--output public/../..（经由 .. 回到上级）",
        spoil: sources,
        args: &["build", "--output", "public/../.."],
        code: REFUSED,
        expect: &["不能输出到"],
        snapshot: None,
    },
    Case {
        name: "output-link-to-content",
        input: "ln -s content pub; --output pub",
        spoil: |s| {
            symlink("content", s.path().join("pub")).unwrap();
            sources(s)
        },
        args: &["build", "--output", "pub"],
        code: REFUSED,
        expect: &["就是网站的内容文件夹 content/"],
        snapshot: None,
    },
    Case {
        name: "output-link-chain-to-content",
        input: "a -> b -> content/ganzhou（两层符号链接）; --output a",
        spoil: |s| {
            symlink(s.path().join("content/ganzhou"), s.path().join("b")).unwrap();
            symlink("b", s.path().join("a")).unwrap();
            sources(s)
        },
        args: &["build", "--output", "a"],
        code: REFUSED,
        expect: &["content/之内"],
        snapshot: None,
    },
    Case {
        name: "output-link-into-home",
        input: "--output out，out 是指向主目录的符号链接",
        spoil: |s| {
            let home = own_files(s, "home");
            symlink(&home, s.path().join("out")).unwrap();
            vec![home]
        },
        args: &["build", "--output", "out"],
        code: REFUSED,
        expect: &["主目录"],
        snapshot: None,
    },
    Case {
        name: "public-links-to-deploy-folder",
        input: "public 换成指向部署文件夹的符号链接，部署文件夹里有无关文件",
        spoil: |s| {
            let deploy = own_files(s, "deploy");
            std::fs::rename(s.path().join("public"), s.path().join("old-public")).unwrap();
            symlink(&deploy, s.path().join("public")).unwrap();
            vec![deploy, s.path().join("old-public")]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["不是空的"],
        snapshot: None,
    },
    Case {
        name: "staging-is-a-planted-link",
        input: ".public.staging 被换成指向别处文件夹的符号链接",
        spoil: |s| {
            let victim = own_files(s, "victim");
            let staging = s.path().join(".public.staging");
            std::fs::remove_dir_all(&staging).ok();
            symlink(&victim, &staging).unwrap();
            vec![victim]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["暂存文件夹", "符号链接"],
        snapshot: None,
    },
    Case {
        name: "staging-without-marker",
        input: ".public.staging 是一个有别的文件、没有标记文件的文件夹",
        spoil: |s| {
            std::fs::remove_dir_all(s.path().join(".public.staging")).ok();
            vec![own_files(s, ".public.staging")]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["暂存文件夹", "不是空的"],
        snapshot: None,
    },
    Case {
        name: "link-planted-in-staging",
        input: ".public.staging/index.html 被换成指向别处文件的符号链接",
        spoil: |s| {
            let victim = own_files(s, "victim");
            // A second build makes the staging folder a complete earlier tree.
            s.build_ok();
            let target = s.path().join(".public.staging/index.html");
            std::fs::remove_file(&target).unwrap();
            symlink(victim.join("thesis.docx"), &target).unwrap();
            vec![victim]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["不是 nianbao 生成的文件", "index.html"],
        snapshot: None,
    },
    Case {
        name: "folder-link-planted-in-staging",
        input: ".public.staging/ganzhou 被换成指向别处文件夹的符号链接",
        spoil: |s| {
            let victim = own_files(s, "victim");
            s.build_ok();
            let target = s.path().join(".public.staging/ganzhou");
            std::fs::remove_dir_all(&target).unwrap();
            symlink(&victim, &target).unwrap();
            vec![victim]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["不是 nianbao 生成的文件", "ganzhou"],
        snapshot: None,
    },
    Case {
        name: "foreign-file-in-public",
        input: "在 public/ 里手工放了 google123.html",
        spoil: |s| {
            s.write("public/google123.html", "verify");
            vec![s.path().join("public/google123.html")]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["google123.html", "static/"],
        snapshot: Some("output-foreign-file.txt"),
    },
    Case {
        name: "foreign-file-in-staging",
        input: "在 .public.staging/ 里放了别的文件",
        spoil: |s| {
            // A second build makes the staging folder a complete earlier tree.
            s.build_ok();
            s.write(".public.staging/notes/plan.txt", "计划");
            vec![s.path().join(".public.staging/notes")]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["暂存文件夹", "notes/plan.txt"],
        snapshot: None,
    },
    Case {
        name: "link-planted-in-public",
        input: "public/robots.txt 被换成指向 content 的符号链接",
        spoil: |s| {
            let target = s.path().join("public/robots.txt");
            std::fs::remove_file(&target).unwrap();
            symlink(s.path().join("content/ganzhou/body.yaml"), &target).unwrap();
            sources(s)
        },
        args: BUILD,
        code: REFUSED,
        expect: &["robots.txt"],
        snapshot: None,
    },
    Case {
        name: "lock-file-is-a-link",
        input: ".public.lock 是指向别处文件的符号链接",
        spoil: |s| {
            s.write("victim.txt", "不能被截断");
            let lock = s.path().join(".public.lock");
            std::fs::remove_file(&lock).ok();
            symlink(s.path().join("victim.txt"), &lock).unwrap();
            vec![s.path().join("victim.txt")]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["构建锁"],
        snapshot: None,
    },
    Case {
        name: "static-shadows-a-report-page",
        input: "static/ganzhou/2021/index.html 与生成的报告页面同名",
        spoil: |s| {
            s.write("static/ganzhou/2021/index.html", "<p>假页面</p>");
            Vec::new()
        },
        args: BUILD,
        code: REFUSED,
        expect: &[
            "static/ganzhou/2021/index.html",
            "生成的文件 ganzhou/2021/index.html",
        ],
        snapshot: Some("static-shadows-page.txt"),
    },
    Case {
        name: "static-shadows-open-data",
        input: "static/data/reports.json 与生成的开放数据同名",
        spoil: |s| {
            s.write("static/data/reports.json", "{}");
            Vec::new()
        },
        args: BUILD,
        code: REFUSED,
        expect: &["static/data/reports.json", "data/reports.json"],
        snapshot: None,
    },
    Case {
        name: "static-shadows-the-marker",
        input: "static/.nianbao-output",
        spoil: |s| {
            s.write("static/.nianbao-output", "index.html\n");
            Vec::new()
        },
        args: BUILD,
        code: REFUSED,
        expect: &["static/.nianbao-output"],
        snapshot: None,
    },
    Case {
        name: "static-symlink",
        input: "static/passwd 是指向网站之外文件的符号链接",
        spoil: |s| {
            s.write("secret.txt", "秘密");
            std::fs::create_dir_all(s.path().join("static")).unwrap();
            symlink(s.path().join("secret.txt"), s.path().join("static/passwd")).unwrap();
            vec![s.path().join("secret.txt")]
        },
        args: BUILD,
        code: REFUSED,
        expect: &["static/passwd", "符号链接"],
        snapshot: None,
    },
    Case {
        name: "static-may-override-the-stylesheet",
        input: "static/style.css 替换内置样式（允许）",
        spoil: |s| {
            s.write("static/style.css", "body{color:#123456}");
            Vec::new()
        },
        args: BUILD,
        code: 0,
        expect: &["index.html"],
        snapshot: None,
    },
];

#[test]
fn every_output_case_refuses_and_touches_nothing() {
    run_all(CASES);
}

#[test]
fn a_link_to_an_empty_deploy_folder_is_built_through_and_kept() {
    let site = TempSite::real();
    std::fs::create_dir(site.path().join("deploy")).unwrap();
    symlink("deploy", site.path().join("public")).unwrap();
    site.build_ok();
    site.build_ok();
    let link = std::fs::symlink_metadata(site.path().join("public")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert!(site.path().join("deploy/ganzhou/2021/index.html").is_file());
    assert!(site.path().join("deploy/.nianbao-output").is_file());
}

#[test]
fn a_build_holding_the_lock_makes_a_second_one_wait_its_turn() {
    let site = TempSite::real();
    site.build_ok();
    let before = crate::support::tree(&site.path().join("public"));
    let lock = std::fs::File::create(site.path().join(".public.lock")).unwrap();
    lock.lock().unwrap();
    let out = site.run(&["build"]);
    let (_, stderr) = crate::support::text(&out);
    assert_eq!(out.status.code(), Some(REFUSED), "{stderr}");
    assert!(stderr.contains("另一个构建正在进行"), "{stderr}");
    assert!(crate::support::tree(&site.path().join("public")) == before);
    drop(lock);
    site.build_ok();
}
