//! The inputs the fuzz targets (`fuzz/`, docs/fuzzing.md) once failed on, kept in
//! `fuzz/regressions/<target>/`: each goes through the real `nianbao` binary where its target
//! puts it — a site's file for the loaders, a file to import for the importers — and must end
//! in a clear message (or succeed), never a panic. Each fix also has a test of its own message
//! where its concern is tested (e.g. `import/bad.rs`).

use std::path::Path;

use crate::support::{repo, text, TempSite};

/// How the targets that take one XML part pack it into its file.
#[path = "../../fuzz/src/pack.rs"]
mod pack;

/// The fuzz targets, and how each gives its input to the binary: the site (with the input in
/// place) and the command.
fn place(target: &str, input: &[u8]) -> (TempSite, Vec<&'static str>) {
    let in_site = |site: TempSite, rel: &str, args: Vec<&'static str>| {
        site.write(rel, input);
        (site, args)
    };
    let import = |name: &'static str, bytes: &[u8]| {
        let site = TempSite::empty();
        site.write(name, bytes);
        (site, vec!["import", name, "--dry-run", "--body", "fuzz"])
    };
    let check = vec!["check"];
    let build = vec!["build", "--keep-going", "--output", "out"];
    match target {
        "report_yaml" => in_site(
            TempSite::example(),
            "content/sample-county/2021/report.yaml",
            check,
        ),
        "report_md" => in_site(TempSite::real(), "content/ganzhou/2021/report.md", check),
        "body_yaml" => in_site(TempSite::real(), "content/ganzhou/body.yaml", build),
        "site_toml" => in_site(TempSite::real(), "site.toml", build),
        "import_text" => import("report.txt", input),
        "import_html" => import("report.html", input),
        "import_docx" => import("report.docx", input),
        "import_docx_xml" => import("report.docx", &pack::docx_with(input)),
        "import_sheet" => import("report.xlsx", input),
        "import_xlsx_xml" => import("report.xlsx", &pack::xlsx_with(input)),
        "import_pdf" => import("report.pdf", input),
        _ => panic!("fuzz/regressions/{target}: no such fuzz target (fuzz/Cargo.toml)"),
    }
}

/// What went wrong with one input, if anything.
fn run(target: &str, file: &Path) -> Option<String> {
    let input = std::fs::read(file).unwrap();
    let (site, args) = place(target, &input);
    let out = site.run(&args);
    let (stdout, stderr) = text(&out);
    let code = out.status.code();
    let mut wrong = Vec::new();
    if !matches!(code, Some(0..=2)) {
        wrong.push(format!("exit {code:?}"));
    }
    if format!("{stdout}{stderr}").contains("panicked") {
        wrong.push("panicked".to_string());
    }
    if code != Some(0) && stderr.trim().is_empty() {
        wrong.push("failed without a message".to_string());
    }
    (!wrong.is_empty()).then(|| {
        format!(
            "{} ({}): {}\n{stderr}",
            file.display(),
            args.join(" "),
            wrong.join("; ")
        )
    })
}

#[test]
fn every_input_a_fuzz_target_once_failed_on_ends_in_a_message() {
    let root = repo().join("fuzz/regressions");
    let mut inputs = Vec::new();
    for target in std::fs::read_dir(&root).unwrap() {
        let target = target.unwrap().path();
        for file in std::fs::read_dir(&target).unwrap() {
            let name = target.file_name().unwrap().to_string_lossy().into_owned();
            inputs.push((name, file.unwrap().path()));
        }
    }
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", root.display());
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = inputs
            .chunks(inputs.len().div_ceil(4))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|(t, f)| run(t, f))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} inputs:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

/// Found while writing the target `import_xlsx_xml`: a cell styled as a date whose number no
/// calendar has (1e300, -1e300) overflowed the date arithmetic; it is now read as its number.
#[test]
fn a_sheet_with_dates_no_calendar_has() {
    let sheet =
        std::fs::read(repo().join("fuzz/regressions/import_xlsx_xml/date-serial-out-of-range.xml"))
            .unwrap();
    let (site, args) = place("import_xlsx_xml", &sheet);
    let out = site.run(&args);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("这不是政府信息公开工作年度报告"),
        "{stderr}"
    );
}
