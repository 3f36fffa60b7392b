//! The auditor's mode: `import --dry-run` over a folder of other bodies' published reports,
//! good and bad, prints one line per file, writes the findings as a table, and writes nothing
//! into the site. A slip in a published table is listed as the check words it.

use crate::support::{text, tree};

use super::{fixture, new_site};

#[test]
fn a_dry_run_over_a_folder_lists_each_file_and_writes_only_the_findings_table() {
    let site = new_site();
    let seed = std::fs::read_to_string(fixture("ganzhou-2021.txt")).unwrap();
    // A published slip: 一、本年新收 总计 748 printed as 749.
    let slip = seed.replace(
        "\t706\t14\t2\t5\t4\t17\t748\t",
        "\t706\t14\t2\t5\t4\t17\t749\t",
    );
    assert_ne!(slip, seed);
    let files: &[(&str, Vec<u8>)] = &[
        ("a-seed.txt", seed.into_bytes()),
        ("b-slip.txt", slip.into_bytes()),
        (
            "c-portal.html",
            std::fs::read(fixture("ganzhou-2021-gbk.html")).unwrap(),
        ),
        (
            "d-trial.txt",
            std::fs::read(fixture("trial-2019.txt")).unwrap(),
        ),
        ("e-empty.txt", Vec::new()),
        (
            "f-locked.docx",
            std::fs::read(fixture("encrypted.docx")).unwrap(),
        ),
        (
            "g-notice.txt",
            std::fs::read(fixture("not-a-report.txt")).unwrap(),
        ),
    ];
    for (name, bytes) in files {
        site.write(&format!("reports/{name}"), bytes);
    }
    let content = tree(&site.path().join("content"));
    let out = site.run(&[
        "import",
        "reports",
        "--dry-run",
        "--findings",
        "findings.csv",
    ]);
    let (stdout, stderr) = text(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "three files fail: {stdout}{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("7 个文件中有 3 个未能导入"), "{stderr}");
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("reports/"))
        .collect();
    assert_eq!(lines.len(), 7, "one line per file: {stdout}");
    assert!(
        lines[0].contains("勾稽关系 42 项通过，0 项不符"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("项不符") && !lines[1].contains("0 项不符"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("赣州市 2021 年"), "{}", lines[2]);
    assert!(
        lines[3].contains("测试县 2019 年（2019 格式）"),
        "{}",
        lines[3]
    );
    assert!(
        lines[4].contains("导入失败") && lines[4].contains("文件是空的"),
        "{}",
        lines[4]
    );
    assert!(
        lines[5].contains("导入失败") && lines[5].contains("已加密"),
        "{}",
        lines[5]
    );
    assert!(lines[6].contains("导入失败") && lines[6].contains("不是政府信息公开工作年度报告"));
    assert_eq!(
        tree(&site.path().join("content")),
        content,
        "nothing written"
    );

    let csv = site.read("findings.csv");
    assert!(csv.starts_with('\u{feff}'), "Excel reads UTF-8 with a BOM");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let slip: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[0].ends_with("b-slip.txt") && &r[3] == "错误")
        .collect();
    assert!(!slip.is_empty(), "{csv}");
    assert!(
        slip.iter()
            .any(|r| r[5].contains("总计") && r[5].contains("749")),
        "the slip in the words of the check: {csv}"
    );
    for name in ["e-empty.txt", "f-locked.docx", "g-notice.txt"] {
        assert!(
            rows.iter()
                .any(|r| r[0].ends_with(name) && &r[3] == "导入失败"),
            "{name}: {csv}"
        );
    }
}
