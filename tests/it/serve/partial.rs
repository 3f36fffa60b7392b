//! The preview rebuilds only what a change touches: after each of a series of random edits
//! (text, figures, an indicator, a body's name, a report removed and put back, a broken report
//! fixed again), every file it serves is byte for byte what a full `nianbao build` of the same
//! sources writes, and so is the marker that lists them all.

use std::time::{Duration, Instant};

use super::preview::{Preview, DEADLINE};
use super::{save, without_addition};
use crate::support::{self, TempSite};

/// A small deterministic random sequence, so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const YEARS: [u16; 6] = [2019, 2020, 2021, 2022, 2023, 2024];

/// Waits until the preview has finished `n` builds (full or partial), as its terminal says.
fn wait_builds(preview: &Preview, n: usize) {
    let start = Instant::now();
    while preview.stdout().matches("已重新生成").count() < n {
        assert!(
            start.elapsed() < DEADLINE,
            "no rebuild {n}:\n{}",
            preview.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file a full build writes, served by the preview with the same bytes.
fn same_as_a_full_build(site: &TempSite, preview: &Preview, round: usize) {
    let out = site.path().join("full");
    let run = site.run(&["build", "--output", "full"]);
    assert!(run.status.success(), "{:?}", support::text(&run));
    for (rel, bytes) in support::tree(&out) {
        let r = preview.get(&format!("/{rel}"));
        assert_eq!(r.status, 200, "round {round}: /{rel}");
        let served = if rel.ends_with(".html") {
            without_addition(&r.body)
        } else {
            r.body
        };
        assert!(
            served == bytes,
            "round {round}: /{rel} differs from a full build"
        );
    }
}

#[test]
fn partial_rebuilds_give_what_a_full_build_gives() {
    let site = TempSite::example();
    let preview = Preview::start(&site);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut builds = 0;
    let mut removed: Option<u16> = None;
    // Each kind of edit comes up at least twice, each on a report drawn at random.
    let kinds = [0, 2, 3, 4, 1, 5, 2, 0, 4, 3, 5, 1, 2, 0];
    for (round, kind) in kinds.into_iter().enumerate() {
        let mut year = YEARS[rng.below(YEARS.len())];
        if Some(year) == removed || (kind == 4 && year == 2019) {
            year = 2023;
        }
        let md = format!("content/sample-county/{year}/report.md");
        let yaml = format!("content/sample-county/{year}/report.yaml");
        let exists = site.path().join(&md).is_file();
        match kind {
            0 | 1 if exists => save(&site, &md, "无。", &format!("无。第 {round} 次修改。")),
            2 if exists => {
                // 行政复议: one more 结果维持, and its 总计 with it (the identities hold).
                let text = site.read(&yaml);
                let line = text
                    .lines()
                    .find(|l| l.trim_start().starts_with("review:"))
                    .unwrap();
                let nums: Vec<i64> = line[line.find('[').unwrap() + 1..line.find(']').unwrap()]
                    .split(',')
                    .map(|n| n.trim().parse().unwrap())
                    .collect();
                let new = format!(
                    "review: [{}, {}, {}, {}, {}]",
                    nums[0] + 1,
                    nums[1],
                    nums[2],
                    nums[3],
                    nums[4] + 1
                );
                save(&site, &yaml, line.trim_start(), &new);
            }
            3 => save(
                &site,
                "content/sample-county/body.yaml",
                "region: 示例省示例市示例县",
                &format!("region: 示例省示例市示例县{round}"),
            ),
            4 if removed.is_none() && exists => {
                let from = site.path().join(format!("content/sample-county/{year}"));
                std::fs::rename(&from, site.path().join(format!("moved-{year}"))).unwrap();
                removed = Some(year);
            }
            _ => {
                if let Some(y) = removed.take() {
                    let to = site.path().join(format!("content/sample-county/{y}"));
                    std::fs::rename(site.path().join(format!("moved-{y}")), to).unwrap();
                } else {
                    save(
                        &site,
                        "content/ganzhou/2021/report.md",
                        "无。",
                        &format!("无。（{round}）"),
                    );
                }
            }
        }
        builds += 1;
        wait_builds(&preview, builds);
        same_as_a_full_build(&site, &preview, round);
        if let Some(y) = removed {
            let gone = preview.get(&format!("/sample-county/{y}/"));
            assert_eq!(
                gone.status, 404,
                "round {round}: a removed report is not served"
            );
        }
    }
    // A broken report: the error over the last good pages, and nothing changed under it; then
    // fixed, and again the same as a full build.
    let yaml = "content/ganzhou/2021/report.yaml";
    save(
        &site,
        yaml,
        "[706, 14, 2, 5, 4, 17, 748]",
        "[706, 14, 2, 5, 4, 17, 749]",
    );
    preview.page_when("the error overlay", |p| {
        p.contains("id=\"nianbao-overlay\"")
    });
    save(
        &site,
        "content/sample-county/2023/report.md",
        "无。",
        "无。（出错期间的修改）",
    );
    std::thread::sleep(Duration::from_millis(300));
    save(
        &site,
        yaml,
        "[706, 14, 2, 5, 4, 17, 749]",
        "[706, 14, 2, 5, 4, 17, 748]",
    );
    preview.page_when("the overlay to clear", |p| {
        !p.contains("id=\"nianbao-overlay\"")
    });
    builds += 1;
    wait_builds(&preview, builds);
    same_as_a_full_build(&site, &preview, 99);
}
