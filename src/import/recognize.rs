//! Recognition: from a document's lines (any reader's) to a report — title, year, format,
//! narrative, the three tables, the closing lines and the proposed indicators.
//!
//! Steps: find the frame (`layout`), decide the format from the labels the tables print,
//! find the tables in sections 二–四 (`tables`), rejoin the narrative (`prose`), and look for
//! the key figures it states (`indicators`). What cannot be placed comes back as problems, so
//! that the caller can refuse the document or, when asked, keep what was placed.

use std::collections::HashSet;

use crate::format::Format;

use super::dates;
use super::doc::{Doc, Line, Problem};
use super::figures::Figure;
use super::indicators::{self, Proposal};
use super::labels::Labels;
use super::layout::{self, Layout};
use super::prose::{self, Block};
use super::tables;

/// What the command line says about a document, which wins over what the document says.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    /// The year reported on.
    pub year: Option<u16>,
    /// The national format.
    pub format: Option<Format>,
}

/// One of the six sections.
#[derive(Debug, Clone)]
pub struct SectionText {
    /// The heading as the report words it, numbered 「一、」…「六、」.
    pub heading: String,
    /// Its text.
    pub blocks: Vec<Block>,
}

/// A recognised report.
#[derive(Debug)]
pub struct Recognized {
    /// The title, when the document prints one.
    pub title: Option<String>,
    /// The body's name as the title gives it (「赣州市」).
    pub body_name: Option<String>,
    /// The year reported on.
    pub year: u16,
    /// The national format.
    pub format: Format,
    /// The issuing office, if the closing lines give it.
    pub issuer: Option<String>,
    /// The issue date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The date a portal page says it was published (「发布时间：2022-03-09」), `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The opening paragraphs.
    pub opening: Vec<Block>,
    /// The six sections, in order.
    pub sections: Vec<SectionText>,
    /// The labels of the format, whose leaves `rows` follows.
    pub labels: Labels,
    /// Each row of numbers: its cells, or `None` when not found.
    pub rows: Vec<Option<Vec<Option<Figure>>>>,
    /// Key figures the narrative states.
    pub indicators: Vec<Proposal>,
    /// Figures that could not be placed and rows missing or unknown.
    pub problems: Vec<Problem>,
    /// Remarks that do not stop the import (a missing date, a section heading supplied).
    pub notes: Vec<Problem>,
}

/// Recognises a report in `doc`. An error is a document that is not an annual report, or
/// whose year cannot be told.
pub fn recognize(doc: &Doc, hints: &Hints) -> Result<Recognized, Problem> {
    let frame = layout::layout(doc);
    let (table_lines, line_index) = table_lines(doc, &frame);
    let title = frame.title.as_ref().map(|t| t.1.clone());
    let year = hints
        .year
        .or_else(|| title.as_deref().and_then(dates::year_in));
    let format = hints
        .format
        .unwrap_or_else(|| detect_format(&table_lines, year));
    let (format, labels, found) = tables_of(&table_lines, format);
    if frame.title.is_none() && frame.sections.is_empty() && found.rows.iter().all(Option::is_none)
    {
        return Err(Problem::whole(
            "这不是政府信息公开工作年度报告：找不到标题（……政府信息公开工作年度报告）、「一、总体情况」等六个部分，也找不到任何一张年报表格".to_string(),
        ));
    }
    let year = year.ok_or_else(|| {
        Problem::whole("无法判断报告的年度：标题中没有「××××年」；请用 --year 指定".to_string())
    })?;
    let mut notes = found.notes.clone();
    if format == Format::F2021SingleOther {
        notes.push(Problem::whole(
            "表三「（六）其他处理」原文印成一行、未分三个小项（2021 格式的一种变体）：按原文导入为一行（report.yaml 中 other 写成一行），不凭空添加小项".to_string(),
        ));
    }
    let opening: Vec<String> = doc.lines[frame.opening_lines()]
        .iter()
        .filter(|l| l.grid.is_none() || l.fields.iter().filter(|f| f.text().is_some()).count() <= 1)
        .map(Line::joined)
        .collect();
    let published = opening.iter().find_map(|t| layout::published(t));
    let opening: Vec<String> = opening
        .into_iter()
        .filter(|t| !layout::is_page_furniture(t))
        .collect();
    let opening = prose::blocks(opening.iter().map(String::as_str), doc.flow);
    let prose_lines: HashSet<usize> = found.prose.iter().map(|i| line_index[*i]).collect();
    let sections = sections(doc, &frame, &prose_lines, format, &mut notes);
    let paragraphs = opening
        .iter()
        .chain(sections.iter().flat_map(|s| &s.blocks))
        .filter_map(|b| match b {
            Block::Para(t) => Some(t.as_str()),
            Block::Heading(_) => None,
        });
    let indicators = indicators::propose(paragraphs);
    let date = closing_notes(&frame, &mut notes);
    Ok(Recognized {
        body_name: title.as_deref().and_then(|t| body_name(t, year)),
        title,
        year,
        format,
        issuer: frame.issuer.clone(),
        date,
        published,
        opening,
        sections,
        labels,
        rows: found.rows,
        indicators,
        problems: found.problems,
        notes,
    })
}

/// The tables in the format's labels; for the 2021 format whose 表三 lacks the three rows of
/// 「（六）其他处理」, also in the variant's, which prints （六） as one row, taken when it reads
/// the tables with fewer problems (kept as published, see `Format::F2021SingleOther`).
fn tables_of(lines: &[(usize, &Line)], format: Format) -> (Format, Labels, tables::Found) {
    let labels = Labels::new(format);
    let found = tables::recognize(lines, &labels);
    let other_missing = labels
        .leaves
        .iter()
        .zip(&found.rows)
        .filter(|(l, _)| l.path.starts_with("results.other."))
        .all(|(_, row)| row.is_none());
    if format != Format::F2021 || !other_missing {
        return (format, labels, found);
    }
    let variant = Format::F2021SingleOther;
    let single = Labels::new(variant);
    let alt = tables::recognize(lines, &single);
    if alt.problems.len() < found.problems.len() {
        (variant, single, alt)
    } else {
        (format, labels, found)
    }
}

/// The lines that may hold tables, each with the table of its section, and each one's index
/// in the document: sections 二, 三 and 四; when a document has none of them (a spreadsheet
/// of the tables alone), every line.
type TableLines<'d> = (Vec<(usize, &'d Line)>, Vec<usize>);

fn table_lines<'d>(doc: &'d Doc, frame: &Layout) -> TableLines<'d> {
    let mut index: Vec<(usize, usize)> = Vec::new();
    for k in 1..=3 {
        index.extend(frame.section_lines(k).map(|i| (k - 1, i)));
    }
    if frame.sections.iter().all(|s| !(1..=3).contains(&s.1)) {
        let start = frame.title.as_ref().map_or(0, |t| t.0 + 1);
        index.extend((start..frame.end.max(start)).map(|i| (1, i)));
    }
    let lines = index.iter().map(|(t, i)| (*t, &doc.lines[*i])).collect();
    (lines, index.into_iter().map(|(_, i)| i).collect())
}

/// The format whose own labels the tables print more of; the year's format when neither (and
/// the 2021 format when the year is not known either).
fn detect_format(lines: &[(usize, &Line)], year: Option<u16>) -> Format {
    let words: Vec<&str> = lines
        .iter()
        .flat_map(|(_, l)| l.fields.iter().filter_map(|f| f.text()))
        .collect();
    let (new, trial) = (Labels::new(Format::F2021), Labels::new(Format::Trial2019));
    let for_new = new.evidence(&trial, words.iter().copied());
    let for_trial = trial.evidence(&new, words.iter().copied());
    match for_new.cmp(&for_trial) {
        std::cmp::Ordering::Greater => Format::F2021,
        std::cmp::Ordering::Less => Format::Trial2019,
        std::cmp::Ordering::Equal => year.map_or(Format::F2021, Format::default_for_year),
    }
}

/// The six sections: each one's text (for 二–四 only the prose around the tables); a section
/// the document lacks gets the format's heading and a note.
fn sections(
    doc: &Doc,
    frame: &Layout,
    prose_lines: &HashSet<usize>,
    format: Format,
    notes: &mut Vec<Problem>,
) -> Vec<SectionText> {
    (0..6)
        .map(|k| {
            let text: Vec<String> = frame
                .section_lines(k)
                .filter(|i| !(1..=3).contains(&k) || prose_lines.contains(i))
                .map(|i| doc.lines[i].joined())
                .collect();
            let blocks = prose::blocks(text.iter().map(String::as_str), doc.flow);
            let heading = match frame.sections.iter().find(|s| s.1 == k) {
                Some(s) => s.2.clone(),
                None => {
                    let h = format.section_headings()[k];
                    notes.push(Problem::whole(format!(
                        "原文没有找到「{h}」这一部分的标题，已按国家格式补上"
                    )));
                    h.to_string()
                }
            };
            SectionText { heading, blocks }
        })
        .collect()
}

fn closing_notes(frame: &Layout, notes: &mut Vec<Problem>) -> Option<String> {
    if frame.issuer.is_none() {
        notes.push(Problem::whole(
            "报告末尾没有找到印发机关，请在 report.yaml 的 issuer 中填写".to_string(),
        ));
    }
    match &frame.date {
        None => {
            notes.push(Problem::whole(
                "报告末尾没有找到印发日期，请在 report.yaml 的 date 中填写".to_string(),
            ));
            None
        }
        Some((printed, None)) => {
            notes.push(Problem::whole(format!(
                "印发日期「{printed}」不是日历上的日期，请在 report.yaml 的 date 中填写"
            )));
            None
        }
        Some((_, iso)) => iso.clone(),
    }
}

/// The body's name from the title: what precedes the year (「赣州市」2021年…), or what follows
/// it up to 政府信息公开 (2021年「××县人民政府」政府信息公开…).
fn body_name(title: &str, year: u16) -> Option<String> {
    let y = year.to_string();
    let at = title.find(&y)?;
    let before = title[..at].trim().trim_start_matches("关于");
    if !before.is_empty() {
        return Some(before.to_string());
    }
    let after = title[at + y.len()..]
        .trim_start_matches("年度")
        .trim_start_matches('年');
    let end = after.find("政府信息公开")?;
    let name = after[..end].trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_bodys_name_from_the_title() {
        assert_eq!(
            body_name("赣州市2021年政府信息公开工作年度报告", 2021).as_deref(),
            Some("赣州市")
        );
        assert_eq!(
            body_name("2020年度测试县人民政府政府信息公开工作年度报告", 2020).as_deref(),
            Some("测试县人民政府")
        );
        assert_eq!(body_name("2020年政府信息公开工作年度报告", 2020), None);
    }
}
