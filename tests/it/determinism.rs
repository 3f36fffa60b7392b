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
