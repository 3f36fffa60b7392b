//! Fidelity to the published report: every sentence and figure of the seed text
//! (`tests/fixtures/seed/ganzhou-2021.txt`, the report as extracted from its published text)
//! appears in the generated 2021 page, and every table figure sits in its row and column.
//!
//! The extraction's known artifacts are undone here, in the open: white space from the PDF
//! layout is ignored, lines broken mid-sentence are read as one, half-width brackets and commas
//! in table labels are the form's full-width ones, the header 「本年度止件数」 is the form's
//! 「本年废止件数」 and the row group 「本年度受理结果」 is the form's 「本年度办理结果」.

use crate::html::{self, column_paths, compact};
use crate::support::{repo, TempSite};

const T2_START: &str = "二、主动公开政府信息情况";
const T3_START: &str = "三、收到和处理政府信息公开申请情况";
const T4_START: &str = "四、政府信息公开行政复议、行政诉讼情况";
const T5_START: &str = "五、存在的主要问题及改进情况";

fn seed() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/seed/ganzhou-2021.txt")).unwrap()
}

fn page() -> String {
    let site = TempSite::real();
    site.build_ok();
    site.read("public/ganzhou/2021/index.html")
}

/// The seed's lines between two headings (exclusive).
fn between<'a>(seed: &'a str, from: &str, to: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = seed.lines().collect();
    let start = lines.iter().position(|l| l.trim() == from).expect(from) + 1;
    let end = lines.iter().position(|l| l.trim() == to).expect(to);
    lines[start..end].to_vec()
}

/// A table label as the form prints it.
fn label(s: &str) -> String {
    compact(s)
        .replace('(', "（")
        .replace(')', "）")
        .replace(',', "，")
        .replace("本年度止件数", "本年废止件数")
        .replace("本年度受理结果", "本年度办理结果")
}

/// Every check of this module on one built page of the seed report (`import` builds the page
/// from the imported seed and runs them too).
pub fn check_page(page: &str) {
    sentences_appear(page);
    figures_appear(page);
    table_two_matches(page);
    table_three_matches(page);
    table_four_matches(page);
}

#[test]
fn every_sentence_of_the_seed_appears_in_the_page() {
    sentences_appear(&page());
}

fn sentences_appear(page: &str) {
    let seed = seed();
    let text = html::main_text_compact(page);
    let lines: Vec<&str> = seed.lines().collect();
    let t2 = lines.iter().position(|l| l.trim() == T2_START).unwrap();
    let t5 = lines.iter().position(|l| l.trim() == T5_START).unwrap();
    // The narrative: before the tables, and from section 五 to the end; the headings of the
    // table sections on their own.
    let title = lines.iter().position(|l| !l.trim().is_empty()).unwrap();
    assert!(text.contains(&compact(lines[title])), "title");
    let mut narrative = lines[title + 1..t2].join("");
    narrative.push_str(&lines[t5..].join(""));
    let narrative = compact(&narrative);
    let mut checked = 0;
    for sentence in narrative.split(['。', '；']).filter(|s| !s.is_empty()) {
        assert!(text.contains(sentence), "not in the page: {sentence}");
        checked += 1;
    }
    for heading in [T2_START, T3_START, T4_START] {
        assert!(text.contains(heading), "missing heading {heading}");
    }
    assert!(checked >= 45, "only {checked} sentences read from the seed");
}

#[test]
fn every_figure_of_the_seed_narrative_appears_in_the_page() {
    figures_appear(&page());
}

fn figures_appear(page: &str) {
    let seed = seed();
    let text = html::main_text_compact(page);
    let figures: Vec<String> = compact(&seed)
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '%'))
        .filter(|f| f.chars().any(|c| c.is_ascii_digit()))
        .map(|f| f.trim_matches('.').to_string())
        .collect();
    for key in [
        "52.17万条",
        "6期",
        "748件",
        "45.34万件",
        "14.54件",
        "99.35%",
        "97.17%",
        "732篇",
        "200万",
    ] {
        assert!(text.contains(key), "missing {key}");
    }
    for f in &figures {
        assert!(
            text.contains(f.as_str()),
            "figure {f} of the seed is not in the page"
        );
    }
}

/// Rows of a tab-separated table region: the non-empty fields of each line.
fn seed_rows(lines: &[&str]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| {
            l.split('\t')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(label)
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

#[test]
fn table_two_matches_the_seed_row_by_row() {
    table_two_matches(&page());
}

fn table_two_matches(page: &str) {
    let seed = seed();
    let expected = seed_rows(&between(&seed, T2_START, T3_START));
    let table = html::table(page, "t2");
    let actual: Vec<Vec<String>> = table
        .body
        .iter()
        .map(|r| r.iter().map(|c| label(&c.text)).collect())
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn table_three_figures_sit_in_their_rows_and_columns() {
    table_three_matches(&page());
}

fn table_three_matches(page: &str) {
    let seed = seed();
    let region: Vec<&str> = between(&seed, T3_START, T4_START)
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    // Columns from the seed's header lines, by tab position: 自然人 … 其他, 总计.
    let mut columns = vec![String::new(); 9];
    for line in &region[..3] {
        for (i, f) in line.split('\t').enumerate() {
            let f = label(f);
            if (2..9).contains(&i) && !f.is_empty() && f != "申请人情况" && f != "法人或其他组织"
            {
                columns[i] = f;
            }
        }
    }
    let expected_cols: Vec<String> = columns[2..9].to_vec();
    let table = html::table(page, "t3");
    let paths = column_paths(&table.head);
    let page_cols: Vec<String> = paths[3..]
        .iter()
        .map(|p| label(p.last().unwrap()))
        .collect();
    assert_eq!(page_cols, expected_cols, "column order");
    assert_eq!(
        paths[4][..2],
        ["申请人情况", "法人或其他组织"],
        "two-level heading"
    );

    let expected = seed_rows(&region[3..]);
    assert_eq!(table.body.len(), expected.len(), "row count");
    for (row, want) in table.body.iter().zip(&expected) {
        let split = want.iter().position(|f| is_number(f)).expect("numbers");
        let (labels, numbers) = want.split_at(split);
        let got_labels: Vec<String> = row
            .iter()
            .filter(|c| c.th)
            .map(|c| label(&c.text))
            .collect();
        let got_numbers: Vec<String> = row
            .iter()
            .filter(|c| !c.th)
            .map(|c| c.text.clone())
            .collect();
        assert_eq!(got_labels, labels, "row labels");
        assert_eq!(got_numbers, numbers, "figures of row {labels:?}");
    }
}

#[test]
fn table_four_figures_sit_under_their_headings() {
    table_four_matches(&page());
}

fn table_four_matches(page: &str) {
    let seed = seed();
    let region = between(&seed, T4_START, T5_START);
    let grid: Vec<Vec<String>> = region
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(label).collect())
        .collect();
    let numbers = grid.last().unwrap().clone();
    let table = html::table(page, "t4");
    let paths = column_paths(&table.head);
    let cells: Vec<&str> = table.body[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cells, numbers);
    for (c, path) in paths.iter().enumerate() {
        // The seed's heading for column c: on the third header line for lawsuits, else the second.
        let leaf = grid[2]
            .get(c)
            .filter(|s| !s.is_empty())
            .unwrap_or(&grid[1][c]);
        assert_eq!(&label(path.last().unwrap()), leaf, "column {c}");
        let top = grid[0][..=c].iter().rev().find(|s| !s.is_empty()).unwrap();
        assert_eq!(&label(&path[0]), top, "group of column {c}");
    }
}
