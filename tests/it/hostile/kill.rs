//! Builds killed at random moments, and two builds at once: `public/` is always one whole site,
//! the old one or the new one, never parts of both.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{bin, text, tree, TempSite};

/// A site of `bodies` copies of the six-year sample body: a build of a few hundred reports.
fn large_site(bodies: usize) -> TempSite {
    let site = TempSite::example();
    std::fs::remove_dir_all(site.path().join("content/ganzhou")).unwrap();
    let sample = site.path().join("content/sample-county");
    for i in 0..bodies {
        let id = format!("county-{i:03}");
        crate::support::copy_tree(&sample, &site.path().join("content").join(&id));
        site.edit(
            &format!("content/{id}/body.yaml"),
            "name: 示例县人民政府",
            &format!("name: 示例县人民政府{i:03}"),
        );
    }
    std::fs::remove_dir_all(sample).unwrap();
    site
}

/// Version `v` of the site: its title, shown on every page.
fn set_version(site: &TempSite, v: usize) {
    site.write("site.toml", format!("title = \"年报 版本{v}\"\n"));
}

/// The tree a complete build of version `v` gives.
fn reference(site: &TempSite, v: usize) -> BTreeMap<String, Vec<u8>> {
    set_version(site, v);
    let out = format!("ref-{v}");
    let run = site.run(&["build", "--output", &out]);
    assert!(run.status.success(), "{:?}", text(&run));
    tree(&site.path().join(out))
}

/// A small deterministic random sequence (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let site = large_site(20);
    let refs = [reference(&site, 0), reference(&site, 1)];
    assert!(refs[0] != refs[1]);
    set_version(&site, 0);
    let start = Instant::now();
    site.build_ok();
    let full = start.elapsed().as_millis() as u64 + 1;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut killed, mut finished) = (0, 0);
    for i in 1..=50 {
        let v = i % 2;
        set_version(&site, v);
        let mut child = Command::new(bin())
            .arg("build")
            .current_dir(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Anywhere from the start to a little after a whole build's time.
        std::thread::sleep(Duration::from_millis(rng.below(full * 6 / 5)));
        match child.try_wait().unwrap() {
            Some(status) => {
                let out = child.wait_with_output().unwrap();
                assert!(status.success(), "build {i}: {}", text(&out).1);
                finished += 1;
            }
            None => {
                child.kill().unwrap();
                child.wait().unwrap();
                killed += 1;
            }
        }
        let now = tree(&site.path().join("public"));
        assert!(
            now == refs[0] || now == refs[1],
            "after build {i} public/ is neither whole site"
        );
    }
    // The builds after a kill went on from the half-written staging folder, and a last one
    // completes: the site is exactly the new version.
    set_version(&site, 1);
    site.build_ok();
    assert!(tree(&site.path().join("public")) == refs[1]);
    assert!(
        killed >= 10,
        "only {killed} of 50 builds were killed while running"
    );
    assert!(finished + killed == 50);
}

#[test]
fn two_builds_at_once_give_one_whole_site() {
    let site = large_site(10);
    let refs = [reference(&site, 0), reference(&site, 1)];
    for round in 0..4 {
        let v = round % 2;
        set_version(&site, v);
        let spawn = || {
            Command::new(bin())
                .arg("build")
                .current_dir(site.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = text(&out).1;
            assert!(
                out.status.success()
                    || (out.status.code() == Some(2) && stderr.contains("另一个构建正在进行")),
                "round {round}: {stderr}"
            );
        }
        assert!(
            tree(&site.path().join("public")) == refs[v],
            "round {round}: public/ is not the whole new site"
        );
    }
}
