//! `body.yaml`: a body's name, level, region, website and office, built (with the real 2021
//! report of Ganzhou) as `nianbao build --keep-going` does, since its fields go into every page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{built, content};

fuzz_target!(|data: &[u8]| {
    built(nianbao::fuzz::build_files(&[
        ("content/ganzhou/body.yaml", data),
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
