//! The statutory labels, as recognition compares them: every row, column and heading of the
//! three tables of one format (from `format.rs`, never retyped here), reduced to a form in which
//! the variants real reports print compare equal.
//!
//! Reduction ([`norm`]): white space removed (labels broken by layout: 「结 果 维 持」),
//! full-width and half-width brackets and punctuation made one, quotation marks dropped, the
//! numbering styles 「1.」「1、」「1．」 made one. [`core`] further drops the numbering
//! (「（三）」「1.」「一、」) and a trailing note in brackets, so 「（二）部分公开（区分处理的…）」
//! and 「部分公开」 compare equal, and 「本年收费金额（单位：万元）」 is 「本年收费金额」.
//! Wordings that differ from the form's are listed in [`ALIASES`].

use std::collections::HashSet;

use crate::format::{Format, RowSpec, T3_IDENTITY_NOTE, T4_LITIGATION};

/// Wordings real reports print in place of the form's (the form's word first).
pub const ALIASES: &[(&str, &[&str])] = &[
    ("本年度办理结果", &["本年度受理结果", "本年度处理结果"]),
    ("本年废止件数", &["本年度止件数", "本年度废止件数"]),
    // 2021 reports that keep the 2019 form's word for the row.
    ("行政规范性文件", &["规范性文件"]),
];

/// Known typos in printed labels, each with the form's words it stands for (compared with white
/// space removed). A row found under one is imported and the typo reported, naming the original's
/// wording; the text is never corrected.
pub const TYPOS: &[(&str, &str)] = &[
    // 表三（三）2.: 「法规禁」 left out.
    ("其他法律行政止公开", "其他法律行政法规禁止公开"),
    ("其他法律行政法规止公开", "其他法律行政法规禁止公开"),
    ("其他法律行政法规禁公开", "其他法律行政法规禁止公开"),
];

/// Headings printed in the tables that are neither rows nor columns.
const TABLE_WORDS: &[&str] = &[
    "信息内容",
    "申请人情况",
    "法人或其他组织",
    T4_LITIGATION,
    "行政复议",
    "未经复议直接起诉",
    "复议后起诉",
    T3_IDENTITY_NOTE,
    "单位:件",
    "单位:万元",
    "单位:个",
];

/// A label reduced for comparison (see the module text).
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            c if c.is_whitespace() => continue,
            '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」' | '『' | '』' => continue,
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '．' | '。' if out.ends_with(|p: char| p.is_ascii_digit()) => '.',
            '、' if out.ends_with(|p: char| p.is_ascii_digit()) => '.',
            '／' => '/',
            c @ '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        };
        out.push(c);
    }
    out
}

const NUMERALS: &str = "一二三四五六七八九十";

/// The numbering at the start of a reduced label (「(三)」「1.」「一、」), if any: its length.
fn numbering_len(n: &str) -> Option<usize> {
    if let Some(rest) = n.strip_prefix('(') {
        let inner: String = rest.chars().take_while(|c| NUMERALS.contains(*c)).collect();
        if !inner.is_empty() && rest[inner.len()..].starts_with(')') {
            return Some(1 + inner.len() + 1);
        }
        return None;
    }
    let head: String = n
        .chars()
        .take_while(|c| NUMERALS.contains(*c) || c.is_ascii_digit())
        .collect();
    if head.is_empty() || head.chars().count() > 3 {
        return None;
    }
    let rest = &n[head.len()..];
    let mixed = head.chars().any(|c| c.is_ascii_digit()) && !head.is_ascii();
    if mixed {
        return None;
    }
    [".", "、", ")"]
        .iter()
        .find(|s| rest.starts_with(**s))
        .map(|s| head.len() + s.len())
}

/// A reduced label without its numbering.
pub fn strip_numbering(n: &str) -> &str {
    let mut s = n;
    while let Some(k) = numbering_len(s) {
        s = &s[k..];
    }
    s
}

/// A label reduced and stripped of numbering and of a trailing note in brackets.
pub fn core(s: &str) -> String {
    core_of(&norm(s))
}

fn core_of(n: &str) -> String {
    let s = strip_numbering(n);
    let s = match s.find('(') {
        Some(p) if p > 0 => &s[..p],
        _ => s,
    };
    canonical(s)
}

/// The form's word for a known variant.
fn canonical(core: &str) -> String {
    for (word, variants) in ALIASES {
        if variants.contains(&core) {
            return (*word).to_string();
        }
    }
    core.to_string()
}

/// One row of numbers of the format, as recognition looks for it.
#[derive(Debug)]
pub struct Leaf {
    /// 0, 1, 2 for T2, T3, T4.
    pub table: usize,
    /// The block of the table.
    pub block: usize,
    /// The dotted row path below the table (`results.withheld.state_secret`).
    pub path: String,
    /// The row's description.
    pub spec: &'static RowSpec,
    /// The numbering and the label's core (「(三)」 is the group's; this is 「1.属于国家秘密」).
    numbered: String,
    /// The core.
    core: String,
}

/// Every label of one format, for recognition.
#[derive(Debug)]
pub struct Labels {
    /// The format.
    pub format: Format,
    /// Rows of numbers, in the order the form prints them (T2, T3, T4).
    pub leaves: Vec<Leaf>,
    /// Cores of column headings and other table words.
    headings: HashSet<String>,
    /// Every reduced label of the tables, for recognising pieces of a label broken over lines.
    all: Vec<String>,
    /// Characters of the group labels: what may stand before a row's own label (「三」 of a
    /// group label set one character per line, 「(三)不予公开」 in the same cell).
    group_chars: HashSet<char>,
    /// Every character of every label.
    label_chars: HashSet<char>,
}

impl Labels {
    /// The labels of `format`.
    pub fn new(format: Format) -> Labels {
        let mut l = Labels {
            format,
            leaves: Vec::new(),
            headings: TABLE_WORDS.iter().map(|w| core(w)).collect(),
            all: TABLE_WORDS.iter().map(|w| norm(w)).collect(),
            group_chars: "()、.0123456789".chars().chain(NUMERALS.chars()).collect(),
            label_chars: HashSet::new(),
        };
        for (ti, table) in format.tables().into_iter().enumerate() {
            for (bi, block) in table.blocks.iter().enumerate() {
                l.all.push(norm(block.label));
                l.headings.insert(core(block.label));
                for c in block.columns {
                    l.headings.insert(core(c.label));
                    l.all.push(norm(c.label));
                }
                l.add_rows(ti, bi, block.rows);
            }
        }
        for (word, variants) in ALIASES {
            l.all.extend(variants.iter().map(|v| norm(v)));
            if l.headings.contains(*word) {
                l.headings.extend(variants.iter().map(|v| v.to_string()));
            }
        }
        l.all.extend(TYPOS.iter().map(|(printed, _)| norm(printed)));
        l.label_chars = l.all.iter().flat_map(|t| t.chars()).collect();
        l.label_chars.extend("0123456789.".chars());
        l
    }

    fn add_rows(&mut self, table: usize, block: usize, rows: &'static [RowSpec]) {
        for (path, spec) in RowSpec::leaves(rows, "") {
            let n = norm(spec.label);
            let k = n.len() - strip_numbering(&n).len();
            let numbered = match n[k..].find('(') {
                Some(p) if p > 0 => n[..k + p].to_string(),
                _ => n.clone(),
            };
            self.all.push(n.clone());
            self.leaves.push(Leaf {
                table,
                block,
                path,
                spec,
                numbered,
                core: core_of(&n),
            });
        }
        self.add_groups(rows);
    }

    fn add_groups(&mut self, rows: &'static [RowSpec]) {
        for r in rows.iter().filter(|r| !r.is_leaf()) {
            let n = norm(r.label);
            self.group_chars.extend(n.chars());
            self.all.push(n);
            self.add_groups(r.children);
        }
    }

    /// The row of numbers a label names: its core is a row's, or it ends with a row's label
    /// (numbering included) after group labels; or it does once a known typo ([`TYPOS`]) in
    /// it is read as the words it stands for.
    pub fn leaf(&self, label: &str) -> Option<&Leaf> {
        let n = norm(label);
        if n.is_empty() {
            return None;
        }
        self.leaf_of(&n).or_else(|| {
            TYPOS.iter().find_map(|(printed, meant)| {
                let p = norm(printed);
                n.contains(&p)
                    .then(|| self.leaf_of(&n.replacen(&p, &norm(meant), 1)))
                    .flatten()
            })
        })
    }

    /// The known typo a label contains, if any: its printed and its meant wording.
    pub fn typo_in(&self, label: &str) -> Option<(&'static str, &'static str)> {
        let n = norm(label);
        TYPOS
            .iter()
            .find(|(printed, _)| n.contains(&norm(printed)) && self.leaf_of(&n).is_none())
            .copied()
    }

    fn leaf_of(&self, n: &str) -> Option<&Leaf> {
        let c = core_of(n);
        if let Some(l) = self.leaves.iter().find(|l| l.core == c) {
            return Some(l);
        }
        self.leaves
            .iter()
            .filter(|l| self.ends_with_leaf(n, l))
            .max_by_key(|l| l.numbered.len())
    }

    /// Whether `n` is the leaf's label (its numbering and core, or a long core alone) with
    /// characters of the group labels before it or in between (a group label printed one
    /// character per line, or beside the row's label, lands among its words when a PDF's text
    /// layer is read line by line), and perhaps a note in brackets after it.
    fn ends_with_leaf(&self, n: &str, leaf: &Leaf) -> bool {
        // Short cores (其他, 总计) only with their numbering, which makes them unambiguous.
        let long = leaf.core.chars().count() >= 4;
        let text: Vec<char> = n.chars().collect();
        [&leaf.numbered, &leaf.core]
            .into_iter()
            .take(if long { 2 } else { 1 })
            .any(|needle| self.interleaved(&text, &needle.chars().collect::<Vec<_>>()))
    }

    /// Whether `label` reads out of `text` in order, every other character of `text` being a
    /// group label's, until the end or until a note in brackets.
    fn interleaved(&self, text: &[char], label: &[char]) -> bool {
        let m = label.len();
        // reach[j]: `j` characters of the label matched by the characters of `text` read so far.
        let mut reach = vec![false; m + 1];
        reach[0] = true;
        for &c in text {
            if reach[m] && c == '(' {
                return true;
            }
            let skip = self.group_chars.contains(&c);
            let mut next = vec![false; m + 1];
            for j in 0..=m {
                if reach[j] {
                    next[j] |= skip;
                    if j < m && label[j] == c {
                        next[j + 1] = true;
                    }
                }
            }
            reach = next;
            if !reach.iter().any(|r| *r) {
                return false;
            }
        }
        !text.is_empty() && reach[m]
    }

    /// Whether a text is a column heading or another word printed in the tables' heads.
    pub fn is_heading(&self, text: &str) -> bool {
        let c = core(text);
        !c.is_empty() && self.headings.contains(&c)
    }

    /// Whether a text is a label of the tables or a piece of one (a label broken over lines,
    /// a group label printed one character per line, pieces of two labels side by side): a
    /// part of a label, or made only of characters the labels use (prose uses many others).
    pub fn is_label_piece(&self, text: &str) -> bool {
        let n = norm(text);
        if n.is_empty() {
            return true;
        }
        let bare = strip_numbering(&n);
        self.all
            .iter()
            .any(|l| l.contains(n.as_str()) || (!bare.is_empty() && l.contains(bare)))
            || n.chars().all(|c| self.label_chars.contains(&c))
    }

    /// How many of `texts` are labels found only in this format and not in `other`.
    pub fn evidence<'a>(&self, other: &Labels, texts: impl Iterator<Item = &'a str>) -> usize {
        let mine: HashSet<String> = self.all.iter().map(|n| core_of(n)).collect();
        let theirs: HashSet<String> = other.all.iter().map(|n| core_of(n)).collect();
        texts
            .filter(|t| {
                let c = core(t);
                mine.contains(&c) && !theirs.contains(&c)
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduces_the_variants_real_reports_print() {
        for (a, b) in [
            (
                "(二) 部分公开(区分处理的,只计这一情形,不计其他情形)",
                "部分公开",
            ),
            ("1、属于国家秘密", "属于国家秘密"),
            ("１．属于国家秘密", "属于国家秘密"),
            ("3. 危及“三安全一稳定”", "危及三安全一稳定"),
            ("尚 未 审 结", "尚未审结"),
            ("本年度止件数", "本年废止件数"),
            ("规范性文件", "行政规范性文件"),
            ("三、本年度受理结果", "本年度办理结果"),
            ("本年收费金额（单位：万元）", "本年收费金额"),
            ("12345热线", "12345热线"),
        ] {
            assert_eq!(core(a), b, "{a}");
        }
    }

    #[test]
    fn every_row_of_both_formats_is_found_by_its_own_label_and_no_two_share_one() {
        for format in [Format::Trial2019, Format::F2021] {
            let labels = Labels::new(format);
            let mut cores = HashSet::new();
            for leaf in &labels.leaves {
                assert!(cores.insert(leaf.core.clone()), "{} twice", leaf.core);
                let found = labels.leaf(leaf.spec.label).map(|l| l.path.as_str());
                assert_eq!(found, Some(leaf.path.as_str()), "{}", leaf.spec.label);
            }
        }
    }

    #[test]
    fn finds_rows_after_group_labels_and_under_broken_notes() {
        let labels = Labels::new(Format::F2021);
        for (label, path) in [
            (
                "(三) 不予公开1. 属于国家秘密",
                "results.withheld.state_secret",
            ),
            ("三(一)予以公开", "results.granted"),
            ("（六）其他处理3.其他", "results.other.other"),
            ("(二) 部分公开（区分处理的，只计", "results.partial"),
            ("(七) 总计", "results.total"),
            ("不予处理重复申请", "results.not_processed.repeated"),
            // A PDF's text layer: the group label 「(六)其他处理」 set a character or two per line
            // lands between the pieces of the row's own label.
            (
                "2.他处申请人逾期未按收费通知要理求缴纳费用、行政机关不再处理其政府信息公开申请",
                "results.other.no_fee",
            ),
            ("予公属于国家秘密", "results.withheld.state_secret"),
        ] {
            assert_eq!(
                labels.leaf(label).map(|l| l.path.as_str()),
                Some(path),
                "{label}"
            );
        }
        for label in ["法人或其他", "合计", "本年新收"] {
            assert!(labels.leaf(label).is_none(), "{label}");
        }
        assert!(labels.is_heading("结 果 维 持"));
        // A known typo names its row, and says so; the form's own label has no typo.
        let typo = "(三) 不予公开2.其他法律行政止公开";
        assert_eq!(
            labels.leaf(typo).map(|l| l.path.as_str()),
            Some("results.withheld.prohibited")
        );
        assert_eq!(
            labels.typo_in(typo),
            Some(("其他法律行政止公开", "其他法律行政法规禁止公开"))
        );
        assert_eq!(labels.typo_in("2.其他法律行政法规禁止公开"), None);
        assert!(labels.is_label_piece("关不再处理其政府信息公开申请"));
        assert!(labels.is_label_piece("三"));
        assert!(!labels.is_label_piece("2021年，我市收到申请748件。"));
    }
}
