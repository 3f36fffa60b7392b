//! Two builds of the same input give byte-identical trees.

use crate::support::{tree, TempSite};

#[test]
fn two_builds_are_byte_identical() {
    let site = TempSite::example();
    site.build_ok();
    let first = tree(&site.path().join("public"));
    site.build_ok();
    let second = tree(&site.path().join("public"));
    assert!(first.len() > 4, "too few files: {:?}", first.keys());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn a_second_copy_of_the_site_builds_the_same_bytes() {
    // Different folder, same input: nothing of the machine's paths leaks into the output.
    let (a, b) = (TempSite::example(), TempSite::example());
    a.build_ok();
    b.build_ok();
    assert!(tree(&a.path().join("public")) == tree(&b.path().join("public")));
}

#[test]
fn the_search_index_is_byte_identical_across_builds_and_copies() {
    // Pagefind numbers pages in the order it is given them; the build renders in parallel, so
    // the index is built from the pages sorted by path. Two copies built at the same time (each
    // rendering in its own order) and a rebuild give the same index files.
    let (a, b) = (TempSite::example(), TempSite::example());
    std::thread::scope(|s| {
        s.spawn(|| a.build_ok());
        s.spawn(|| b.build_ok());
    });
    let index = |site: &TempSite| -> Vec<(String, Vec<u8>)> {
        tree(&site.path().join("public"))
            .into_iter()
            .filter(|(k, _)| k.starts_with("pagefind/"))
            .collect()
    };
    let first = index(&a);
    let fragments = first
        .iter()
        .filter(|(k, _)| k.starts_with("pagefind/fragment/"))
        .count();
    assert_eq!(fragments, 7, "one fragment per report");
    for part in [
        "pagefind/index/",
        "pagefind/filter/",
        "pagefind/pagefind-entry.json",
    ] {
        assert!(first.iter().any(|(k, _)| k.starts_with(part)), "no {part}");
    }
    assert!(first == index(&b), "the index differs between two copies");
    a.build_ok();
    assert!(first == index(&a), "the index differs after a rebuild");
}

#[test]
fn a_rebuild_after_edits_equals_a_clean_build() {
    // Rebuilds recycle the previous output and skip unchanged files; what they leave must be
    // exactly what a build into an empty folder writes, with nothing stale left over.
    let site = TempSite::example();
    site.build_ok();
    site.build_ok();
    std::fs::remove_dir_all(site.path().join("content/sample-county/2024")).unwrap();
    site.edit(
        "content/ganzhou/2021/report.md",
        "无。",
        "无其他需要报告的事项。",
    );
    site.build_ok();
    let rebuilt = tree(&site.path().join("public"));
    let clean = site.path().join("clean-out");
    let out = site.run(&["build", "--output", clean.to_str().unwrap()]);
    assert!(out.status.success());
    let clean = tree(&clean);
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>()
    );
    assert!(
        rebuilt == clean,
        "a rebuilt file differs from a clean build"
    );
    assert!(!rebuilt.contains_key("sample-county/2024/index.html"));
}
