//! PDF files: the text layer of reports printed to PDF in two ways (LibreOffice Writer's PDF
//! export and Chromium's print-to-PDF) imports to the published figures, cell for cell; so do
//! the sample reports of both formats. A scan without a text layer, an encrypted PDF and a
//! damaged one are refused with a clear message (in `bad.rs`).

use serde_yaml::Value;

use crate::support::repo;

use super::{fixture, import_ok, imported, leaves, new_site, published, yaml};

#[test]
fn the_seed_printed_to_pdf_by_writer_and_by_chromium_imports_to_the_published_figures() {
    let want = published();
    for file in ["ganzhou-2021-writer.pdf", "ganzhou-2021-chromium.pdf"] {
        let site = new_site();
        let stdout = import_ok(&site, &fixture(file), &["--body", "ganzhou"]);
        let got = imported(&site, "ganzhou", 2021);
        assert_eq!(leaves(&got), leaves(&want), "{file}");
        for key in ["format", "title", "issuer", "date"] {
            assert_eq!(got[key], want[key], "{file}: {key}");
        }
        assert!(
            stdout.contains("放入数字 200 个，空白 0 格"),
            "{file}: {stdout}"
        );
        assert!(
            stdout.contains("勾稽关系 42 项通过，0 项不符"),
            "{file}: {stdout}"
        );
        let md = site.read("content/ganzhou/2021/report.md");
        assert!(
            md.contains("2021年，我市主动公开政府信息52.17万条，编发市政府公报6期。"),
            "{file}: the narrative rejoined across printed lines: {md}"
        );
        site.build_ok();
        crate::fidelity::check_page(&site.read("public/ganzhou/2021/index.html"));
    }
}

#[test]
fn the_sample_reports_pdfs_import_to_their_figures_in_both_formats() {
    for (year, format) in [(2019, "2019"), (2023, "2021")] {
        let want: Value = yaml(
            &std::fs::read_to_string(
                repo().join(format!("content/sample-county/{year}/report.yaml")),
            )
            .unwrap(),
        );
        for how in ["writer", "chromium"] {
            let file = format!("sample-county-{year}-{how}.pdf");
            let site = new_site();
            let stdout = import_ok(&site, &fixture(&file), &["--body", "sample-county"]);
            let got = imported(&site, "sample-county", year);
            assert_eq!(got["format"], format, "{file}");
            assert_eq!(leaves(&got), leaves(&want), "{file}");
            assert!(stdout.contains("，0 项不符"), "{file}: {stdout}");
            assert_eq!(got["date"], want["date"], "{file}");
        }
    }
}

/// The trial-format fixture site printed by Chromium: whole columns blank (科研机构,
/// 社会公益组织, 其他, and every row's 总计 in 表三's results), so no row has all its cells and
/// each figure's column is told by the heading it stands under. Blank stays blank, 0 stays 0.
#[test]
fn blank_cells_in_a_pdf_stay_blank_and_each_figure_goes_under_its_heading() {
    let want: Value = yaml(
        &std::fs::read_to_string(
            repo().join("tests/fixtures/sites/trial-2019/content/trial-county/2019/report.yaml"),
        )
        .unwrap(),
    );
    let site = new_site();
    let stdout = import_ok(
        &site,
        &fixture("trial-2019-chromium.pdf"),
        &["--body", "trial-county"],
    );
    let got = imported(&site, "trial-county", 2019);
    assert_eq!(leaves(&got), leaves(&want));
    assert!(
        got["t3"]["results"]["granted"][6].is_null(),
        "blank stays blank"
    );
    assert_eq!(got["t3"]["results"]["partial"][1], 0, "0 stays 0");
    assert!(stdout.contains("空白 90 格"), "{stdout}");
}
