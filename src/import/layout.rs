//! The frame of a report: its title, the six section headings, and the closing lines (the
//! issuing office and the date, 「赣州市人民政府办公室秘书科 / 2022年3月9日 / 印发」).
//!
//! What stands before the title (a portal's menus) and after the closing date (its footer) is
//! not the report and is left out. A heading is recognised by its numeral in the form's order
//! and a word of the form's heading, so 「四、结转下年度继续办理」, a row of 表三, is not
//! section 四, and a report's own wording of a heading is kept.

use super::dates::{find_date, real_date, year_in};
use super::doc::{Doc, Field, Line};
use super::labels::norm;

/// Words of each section's heading, one of which a heading must contain.
const SECTION_WORDS: [&[&str]; 6] = [
    &["总体", "概述", "基本情况"],
    &["主动公开"],
    &["申请"],
    &["复议", "诉讼"],
    &["问题", "改进"],
    &["其他", "事项"],
];

/// The section numerals and the separators a heading may print after them.
const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Where the parts of a report are, as indices into the document's lines.
#[derive(Debug, Default)]
pub struct Layout {
    /// The title's line and text.
    pub title: Option<(usize, String)>,
    /// Each section found: its line, its number (0 for 一) and its heading (「一、总体情况」).
    pub sections: Vec<(usize, usize, String)>,
    /// The first line after the report's text (the closing lines and what follows).
    pub end: usize,
    /// The issuing office, from the closing lines.
    pub issuer: Option<String>,
    /// The issue date as printed, and as `YYYY-MM-DD` when it is a real date.
    pub date: Option<(String, Option<String>)>,
}

impl Layout {
    /// The lines of section `k` (0 for 一), without its heading; empty when it is missing.
    pub fn section_lines(&self, k: usize) -> std::ops::Range<usize> {
        let Some(pos) = self.sections.iter().position(|s| s.1 == k) else {
            return 0..0;
        };
        let start = self.sections[pos].0 + 1;
        let end = self.sections.get(pos + 1).map_or(self.end, |s| s.0);
        start..end.max(start)
    }

    /// The lines between the title and section 一.
    pub fn opening_lines(&self) -> std::ops::Range<usize> {
        let start = self.title.as_ref().map_or(0, |t| t.0 + 1);
        let end = self.sections.first().map_or(self.end, |s| s.0);
        start..end.max(start)
    }
}

/// Finds the frame of `doc`.
pub fn layout(doc: &Doc) -> Layout {
    let texts: Vec<Option<String>> = doc.lines.iter().map(single_text).collect();
    let mut out = Layout {
        end: doc.lines.len(),
        ..Layout::default()
    };
    out.title = texts.iter().enumerate().find_map(|(i, t)| {
        t.as_deref()
            .map(last_crumb)
            .filter(|t| is_title(t))
            .map(|t| (i, t.to_string()))
    });
    let from = out.title.as_ref().map_or(0, |t| t.0 + 1);
    let mut next = 0;
    for (i, t) in texts.iter().enumerate().skip(from) {
        if let Some((k, heading)) = t.as_deref().and_then(|t| section_heading(t, next)) {
            out.sections.push((i, k, heading));
            next = k + 1;
        }
    }
    // The closing lines may stand in a table (an office and a date side by side).
    let joined: Vec<Option<String>> = doc
        .lines
        .iter()
        .map(|l| Some(l.joined()).filter(|t| !t.is_empty()))
        .collect();
    closing(&joined, &mut out);
    out
}

/// The last part of a breadcrumb trail (「当前位置：首页 > 年报 > 赣州市2021年…」), which a
/// page without a heading of its own gives as its title; other text as it is.
fn last_crumb(text: &str) -> &str {
    text.rsplit(['>', '＞', '»', '›'])
        .next()
        .unwrap_or(text)
        .trim()
}

/// The line's text when it is one piece of text (a paragraph, not a table row).
fn single_text(line: &Line) -> Option<String> {
    let texts: Vec<&str> = line.fields.iter().filter_map(Field::text).collect();
    match texts.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// A report's title: 「赣州市2021年政府信息公开工作年度报告」 and its variants.
fn is_title(text: &str) -> bool {
    let n = norm(text);
    n.chars().count() <= 60
        && n.contains("信息公开")
        && (n.contains("年度报告") || n.contains("年报"))
        && !n.contains('。')
        && year_in(&n).is_some()
}

/// A section heading: its numeral (not before `next`), a separator, and a word of the form's
/// heading; returned with the separator made 「、」.
fn section_heading(text: &str, next: usize) -> Option<(usize, String)> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let k = NUMERALS.iter().position(|n| *n == first)?;
    let rest = chars.as_str();
    let rest = ["、", ".", "．", "，", " "]
        .iter()
        .find_map(|s| rest.strip_prefix(s))?
        .trim();
    let plain = rest.trim_end_matches(['。', '：', ':']);
    let ok = k >= next
        && text.chars().count() <= 40
        && !plain.contains(['。', '；'])
        && SECTION_WORDS[k].iter().any(|w| plain.contains(w));
    ok.then(|| (k, format!("{}、{plain}", NUMERALS[k])))
}

/// The closing lines after the last section: the date (and the office before it, on its line
/// or the line above). Everything from there on is not the report's text.
fn closing(texts: &[Option<String>], out: &mut Layout) {
    let from = out.sections.last().map_or(0, |s| s.0 + 1);
    let Some((i, found)) = (from..texts.len())
        .rev()
        .find_map(|i| texts[i].as_deref().and_then(date_line).map(|d| (i, d)))
    else {
        return;
    };
    let (rest, printed, iso) = found;
    out.date = Some((printed, iso));
    out.end = i;
    if !rest.is_empty() {
        out.issuer = is_office(&rest).then_some(rest);
        return;
    }
    let above = (from..i).rev().find(|k| texts[*k].is_some());
    if let Some(k) = above {
        let t = texts[k].as_deref().unwrap_or_default();
        let office = t.trim_end_matches("印发").trim();
        if is_office(office) {
            out.issuer = Some(office.to_string());
            out.end = k;
        }
    }
}

/// Whether a closing line names an office (「赣州市人民政府办公室秘书科」).
fn is_office(text: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "办公室",
        "办",
        "政府",
        "局",
        "委员会",
        "委",
        "厅",
        "部",
        "科",
        "处",
        "中心",
        "院",
        "所",
        "会",
        "站",
        "队",
        "署",
    ];
    (3..=40).contains(&text.chars().count())
        && !text.contains(['。', '；', '，', '：', ':'])
        && ENDINGS.iter().any(|e| text.ends_with(e))
}

/// A closing date line: the date, with perhaps the office before it and 印发 after it.
/// Returns the office, the date as printed, and the date as `YYYY-MM-DD` if it is real.
fn date_line(text: &str) -> Option<(String, String, Option<String>)> {
    let (start, end, ymd) = find_date(text)?;
    let before = text[..start].trim();
    let after = text[end..].trim();
    let ok = (after.is_empty() || after == "印发" || after == "发布")
        && before.chars().count() <= 40
        && !before.contains(['。', '；', '，', '：', ':']);
    let iso = ymd
        .filter(|(y, m, d)| real_date(*y, *m, *d))
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
    ok.then(|| {
        (
            before.trim_end_matches("印发").trim().to_string(),
            text[start..end].to_string(),
            iso,
        )
    })
}

/// Words of a portal's line about the page (「发布时间：2022-03-09 信息来源：… 浏览次数：…」).
const PAGE_WORDS: &[&str] = &[
    "发布时间",
    "发布日期",
    "信息来源",
    "来源：",
    "浏览次数",
    "阅读次数",
    "点击数",
    "访问量",
    "字号",
    "【打印",
    "分享到",
    "索引号",
    "发文日期",
    "成文日期",
    "责任编辑",
    "编辑：",
];

/// A line that is about the web page, not part of the report: a portal's information line,
/// or a line with no Chinese at all (「articleid=1234567」).
pub fn is_page_furniture(text: &str) -> bool {
    !text.contains('。')
        && (PAGE_WORDS.iter().any(|w| text.contains(w))
            || !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
}

/// The publication date a portal's information line gives (「发布时间：2022-03-09 16:30」).
pub fn published(text: &str) -> Option<String> {
    let at = ["发布时间", "发布日期"].iter().find_map(|w| text.find(w))?;
    let (_, _, ymd) = find_date(&text[at..])?;
    let (y, m, d) = ymd.filter(|(y, m, d)| real_date(*y, *m, *d))?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_closing_dates_as_reports_print_them() {
        let iso = |t: &str| date_line(t).and_then(|d| d.2);
        assert_eq!(iso("2022年 3月 9日"), Some("2022-03-09".into()));
        assert_eq!(iso("二〇二二年三月十九日"), Some("2022-03-19".into()));
        assert_eq!(iso("2022-03-09"), Some("2022-03-09".into()));
        assert_eq!(iso("2022年2月30日"), None);
        let d = date_line("赣州市人民政府办公室 2022年3月9日印发").unwrap();
        assert_eq!(d.0, "赣州市人民政府办公室");
        assert!(date_line("2021年5月8日，市政府第八十六次常务会议，邀请了代表。").is_none());
    }

    #[test]
    fn headings_follow_the_forms_order_and_words() {
        assert_eq!(
            section_heading("一、总体情况", 0).unwrap().1,
            "一、总体情况"
        );
        assert_eq!(
            section_heading("五．存在的主要问题及改进情况", 4)
                .unwrap()
                .1,
            "五、存在的主要问题及改进情况"
        );
        assert!(section_heading("四、结转下年度继续办理", 3).is_none());
        assert!(section_heading("二、上年结转政府信息公开申请数量", 3).is_none());
        assert!(is_title("赣州市2021年政府信息公开工作年度报告"));
    }
}
