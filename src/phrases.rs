//! How narratives state the quantities that the tables hold, described as data.
//!
//! A report's text says 「收到政府信息公开申请748件」 or 「予以公开及部分公开258件，占33.9%」;
//! such a statement must agree with the table it paraphrases, and real reports contradict their
//! own tables (one printed 258 where its table gives 272 + 3 = 275). Each [`Phrase`] below names a
//! quantity, the words that introduce it, what the sentence must be about, and how the tables
//! give it. `load::claims` finds the statements; `check::narrative` compares them with the
//! tables. Matching is deliberately narrow (a figure in 件 right after its words, in a sentence
//! about the right subject, with no comparison or other year in between), because a false alarm
//! on a correct report costs more trust than a missed one.

use crate::format::key::{self, *};
use crate::format::{ColKey, RowKey};

/// What a sentence must be about for a phrase to count in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// 依申请公开: the sentence, or the one before it, mentions 申请.
    Applications,
    /// 行政复议 or 行政诉讼: the sentence, or the one before it, mentions 复议 or 诉讼.
    Appeals,
    /// Anything: the words are specific enough (the outcome names of 表三 and the rows of 表二
    /// occur nowhere else with a count in 件).
    Any,
}

/// How the tables give a quantity.
#[derive(Debug, Clone, Copy)]
pub enum Quantity {
    /// 表三, the 总计 column of these rows (or of the rows below each group), added.
    T3(&'static [RowKey]),
    /// 表四, one row and column.
    T4(RowKey, ColKey),
    /// 表四, both kinds of lawsuit added, in one column.
    Suits(ColKey),
    /// 表四 行政复议 or 行政诉讼, whichever the sentence is about, in one column.
    Appeal(ColKey),
    /// 表二, one row and column (in a format that has the column).
    T2(RowKey, ColKey),
}

/// A quantity and the words that state it in a narrative.
#[derive(Debug)]
pub struct Phrase {
    /// Names the check (`text.<key>`), for messages and acknowledgments.
    pub key: &'static str,
    /// The quantity in the form's words, for messages.
    pub name: &'static str,
    /// Words that introduce the figure; the one nearest before the figure decides the phrase.
    pub words: &'static [&'static str],
    /// Words that must also come before the figure in the same clause (any one of them).
    pub with: &'static [&'static str],
    /// What the sentence must be about.
    pub subject: Subject,
    /// How the tables give it.
    pub quantity: Quantity,
}

const fn phrase(
    key: &'static str,
    name: &'static str,
    words: &'static [&'static str],
    subject: Subject,
    quantity: Quantity,
) -> Phrase {
    Phrase {
        key,
        name,
        words,
        with: &[],
        subject,
        quantity,
    }
}

/// Words that 表二 uses for documents made this year, repealed, and in force.
const ISSUE_WORDS: &[&str] = &["制发", "制定", "出台", "印发", "发布"];

/// Every phrase family, most specific words first where words overlap.
pub static PHRASES: &[Phrase] = &[
    phrase(
        "received",
        "表三 一、本年新收政府信息公开申请数量",
        &["新收", "收到", "受理", "接收"],
        Subject::Applications,
        Quantity::T3(&[NEW]),
    ),
    phrase(
        "carried_over",
        "表三 二、上年结转政府信息公开申请数量",
        &["上年结转", "上年度结转", "上一年度结转"],
        Subject::Applications,
        Quantity::T3(&[CARRIED_OVER]),
    ),
    phrase(
        "processed",
        "表三 三（七）总计",
        &["办结", "办理完毕", "已答复"],
        Subject::Applications,
        Quantity::T3(&[RESULTS_TOTAL]),
    ),
    phrase(
        "carried_forward",
        "表三 四、结转下年度继续办理",
        &[
            "结转下年度",
            "结转下一年度",
            "结转至下年度",
            "转入下年度",
            "结转到下年度",
        ],
        Subject::Applications,
        Quantity::T3(&[CARRIED_FORWARD]),
    ),
    phrase(
        "granted_partial",
        "表三 予以公开及部分公开",
        &[
            "予以公开及部分公开",
            "予以公开和部分公开",
            "予以公开与部分公开",
            "予以公开、部分公开",
        ],
        Subject::Any,
        Quantity::T3(&[GRANTED, PARTIAL]),
    ),
    phrase(
        "granted",
        "表三 三（一）予以公开",
        &["予以公开", "同意公开"],
        Subject::Any,
        Quantity::T3(&[GRANTED]),
    ),
    phrase(
        "partial",
        "表三 三（二）部分公开",
        &["部分公开"],
        Subject::Any,
        Quantity::T3(&[PARTIAL]),
    ),
    phrase(
        "withheld",
        "表三 三（三）不予公开",
        &["不予公开"],
        Subject::Any,
        Quantity::T3(&[WITHHELD]),
    ),
    phrase(
        "unavailable",
        "表三 三（四）无法提供",
        &["无法提供"],
        Subject::Any,
        Quantity::T3(&[UNAVAILABLE]),
    ),
    phrase(
        "not_processed",
        "表三 三（五）不予处理",
        &["不予处理"],
        Subject::Any,
        Quantity::T3(&[NOT_PROCESSED]),
    ),
    phrase(
        "other_handling",
        "表三 三（六）其他处理",
        &["其他处理"],
        Subject::Any,
        Quantity::T3(&[OTHER_HANDLING]),
    ),
    phrase(
        "reviews",
        "表四 行政复议 总计",
        &["行政复议"],
        Subject::Appeals,
        Quantity::T4(REVIEW, key::TOTAL),
    ),
    phrase(
        "suits",
        "表四 行政诉讼 总计",
        &["行政诉讼"],
        Subject::Appeals,
        Quantity::Suits(key::TOTAL),
    ),
    phrase(
        "upheld",
        "表四 结果维持",
        &["维持"],
        Subject::Appeals,
        Quantity::Appeal(UPHELD),
    ),
    phrase(
        "corrected",
        "表四 结果纠正",
        &["纠正"],
        Subject::Appeals,
        Quantity::Appeal(CORRECTED),
    ),
    Phrase {
        with: ISSUE_WORDS,
        ..phrase(
            "regulations_issued",
            "表二 规章 本年制发件数",
            &["规章"],
            Subject::Any,
            Quantity::T2(REGULATIONS, ISSUED),
        )
    },
    Phrase {
        with: ISSUE_WORDS,
        ..phrase(
            "normative_issued",
            "表二 行政规范性文件 本年制发件数",
            &["规范性文件"],
            Subject::Any,
            Quantity::T2(NORMATIVE, ISSUED),
        )
    },
    Phrase {
        with: &["废止"],
        ..phrase(
            "normative_repealed",
            "表二 行政规范性文件 本年废止件数",
            &["规范性文件"],
            Subject::Any,
            Quantity::T2(NORMATIVE, REPEALED),
        )
    },
    Phrase {
        with: &["现行有效"],
        ..phrase(
            "normative_in_force",
            "表二 行政规范性文件 现行有效件数",
            &["规范性文件"],
            Subject::Any,
            Quantity::T2(NORMATIVE, IN_FORCE),
        )
    },
    phrase(
        "licensing",
        "表二 行政许可 本年处理决定数量",
        &["行政许可"],
        Subject::Any,
        Quantity::T2(LICENSING, DECISIONS),
    ),
    phrase(
        "punishment",
        "表二 行政处罚 本年处理决定数量",
        &["行政处罚"],
        Subject::Any,
        Quantity::T2(PUNISHMENT, DECISIONS),
    ),
    phrase(
        "enforcement",
        "表二 行政强制 本年处理决定数量",
        &["行政强制"],
        Subject::Any,
        Quantity::T2(ENFORCEMENT, DECISIONS),
    ),
];

/// Words that make a clause a comparison or about something else, so its figure is not a
/// statement of this year's table.
pub const NOT_A_STATEMENT: &[&str] = &[
    "同比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "上一年度的",
    "增长",
    "增加",
    "减少",
    "下降",
    "上升",
    "持平",
    "自然人",
    "法人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "平均",
    "累计",
    "以来",
    "其中包括",
];

/// The words a share is stated with after its figure: 「占33.9%」「占比33.9%」.
pub const SHARE_WORDS: &[&str] = &["占比", "占"];

/// Characters that end a clause: a statement and its figure stay within one.
pub const CLAUSE_ENDS: &[char] = &['，', ',', '；', ';', '。', '：', ':', '！', '？', '\n'];

/// The unit a count is stated in.
pub const COUNT_UNIT: char = '件';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_keys_are_distinct_and_words_are_not_empty() {
        let mut keys: Vec<&str> = PHRASES.iter().map(|p| p.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), PHRASES.len());
        assert!(PHRASES
            .iter()
            .all(|p| p.words.iter().all(|w| !w.is_empty())));
    }
}
