//! `report.yaml`: a report's tables and key figures, checked as `nianbao check` does, between
//! the real reports of the years before and after it (so that the checks linking two years run).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{checked, content};

fuzz_target!(|data: &[u8]| {
    checked(nianbao::fuzz::check_files(&[
        (
            "content/sample-county/body.yaml",
            content!("sample-county/body.yaml"),
        ),
        (
            "content/sample-county/2020/report.yaml",
            content!("sample-county/2020/report.yaml"),
        ),
        (
            "content/sample-county/2020/report.md",
            content!("sample-county/2020/report.md"),
        ),
        ("content/sample-county/2021/report.yaml", data),
        (
            "content/sample-county/2021/report.md",
            content!("sample-county/2021/report.md"),
        ),
        (
            "content/sample-county/2022/report.yaml",
            content!("sample-county/2022/report.yaml"),
        ),
        (
            "content/sample-county/2022/report.md",
            content!("sample-county/2022/report.md"),
        ),
    ]));
});
