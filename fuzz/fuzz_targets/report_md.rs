//! `report.md`: a report's narrative (six sections, `{{ … }}` references, figures in the text
//! held to the tables), checked as `nianbao check` does against the real 2021 report of Ganzhou.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{checked, content};

fuzz_target!(|data: &[u8]| {
    checked(nianbao::fuzz::check_files(&[
        ("content/ganzhou/body.yaml", content!("ganzhou/body.yaml")),
        (
            "content/ganzhou/2021/report.yaml",
            content!("ganzhou/2021/report.yaml"),
        ),
        ("content/ganzhou/2021/report.md", data),
    ]));
});
