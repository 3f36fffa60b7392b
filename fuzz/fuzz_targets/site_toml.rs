//! `site.toml`: the site's title, address, language and footer, built (with the real 2021
//! report of Ganzhou) as `nianbao build` does, since they go into every page, the sitemap and
//! the feed. The output folder is always a private one, whatever the file says.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{built, content};

fuzz_target!(|data: &[u8]| {
    built(nianbao::fuzz::build_files(&[
        ("site.toml", data),
        ("content/ganzhou/body.yaml", content!("ganzhou/body.yaml")),
        (
            "content/ganzhou/2021/report.yaml",
            content!("ganzhou/2021/report.yaml"),
        ),
        (
            "content/ganzhou/2021/report.md",
            content!("ganzhou/2021/report.md"),
        ),
    ]));
});
