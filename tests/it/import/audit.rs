//! The auditor's mode: `import --dry-run` over a folder of other bodies' published reports,
//! good and bad, prints one line per file, writes the audit's table (one row per file, the
//! columns of the site's 核对情况) and the table of every problem, and writes nothing into the
//! site. A slip in a published table is listed as the check words it.

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
        "--problems",
        "problems.csv",
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

    let audit = records(&site.read("findings.csv"));
    assert_eq!(
        audit[0].iter().collect::<Vec<_>>(),
        [
            "文件",
            "机关代码",
            "机关",
            "年度",
            "状态",
            "发布日期",
            "印发日期",
            "逾期发布",
            "错误",
            "确认的原文差错",
            "推算的总计",
            "未能核对",
            "正文与表格不一致",
            "表二衔接",
            "说明"
        ],
        "the audit's columns after 文件"
    );
    let rows = &audit[1..];
    assert_eq!(rows.len(), 7, "one row per file");
    let row = |name: &str| rows.iter().find(|r| r[0].ends_with(name)).unwrap();
    let seed = row("a-seed.txt");
    assert_eq!(
        [&seed[2], &seed[3], &seed[4], &seed[6], &seed[8]],
        ["赣州市", "2021", "通过核对", "2022-03-09", "0"]
    );
    assert_eq!(
        &seed[7], "是（晚于 2022-01-31）",
        "第五十条: the issue date is late"
    );
    let slip = row("b-slip.txt");
    assert_eq!(&slip[4], "未通过核对");
    assert_ne!(&slip[8], "0", "its errors are counted");
    assert!(
        slip[14].contains("总计") && slip[14].contains("749"),
        "the slip in the words of the check: {:?}",
        slip
    );
    assert_eq!(&row("c-portal.html")[4], "通过核对");
    assert_eq!(&row("d-trial.txt")[10], "20", "derived totals counted");
    for (name, why) in [
        ("e-empty.txt", "文件是空的"),
        ("f-locked.docx", "已加密"),
        ("g-notice.txt", "不是政府信息公开工作年度报告"),
    ] {
        let r = row(name);
        assert_eq!(&r[4], "未通过核对", "{name}");
        assert_eq!(&r[3], "", "{name}: no year is known");
        assert!(
            r[14].starts_with("导入失败：") && r[14].contains(why),
            "{name}: {r:?}"
        );
    }

    let problems = records(&site.read("problems.csv"));
    let rows = &problems[1..];
    let slip: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[0].ends_with("b-slip.txt") && &r[3] == "错误")
        .collect();
    assert!(!slip.is_empty(), "{problems:?}");
    assert!(
        slip.iter()
            .any(|r| r[5].contains("总计") && r[5].contains("749")),
        "the slip in the words of the check: {problems:?}"
    );
    for name in ["e-empty.txt", "f-locked.docx", "g-notice.txt"] {
        assert!(
            rows.iter()
                .any(|r| r[0].ends_with(name) && &r[3] == "导入失败"),
            "{name}: {problems:?}"
        );
    }
}

/// A CSV file's records, header included, after its byte-order mark (which Excel needs).
fn records(csv: &str) -> Vec<csv::StringRecord> {
    assert!(csv.starts_with('\u{feff}'), "Excel reads UTF-8 with a BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    reader.records().map(Result::unwrap).collect()
}
