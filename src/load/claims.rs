//! Finds the statements of table quantities in a narrative (「收到政府信息公开申请748件」,
//! 「予以公开及部分公开258件，占33.9%」), as `src/phrases.rs` describes them, so that the check
//! can hold the text to its tables. Runs on the narrative after `{{ … }}` references are
//! resolved: a figure that comes from the table agrees with it by construction.

use crate::model::{Claim, StatedShare};
use crate::phrases::{
    Phrase, Subject, CLAUSE_ENDS, COUNT_UNIT, NOT_A_STATEMENT, PHRASES, SHARE_WORDS,
};

/// The statements on one line of a narrative (`lineno`, 1-based) of a report of `year`.
pub(crate) fn find(line: &str, lineno: usize, year: u16, out: &mut Vec<Claim>) {
    // Every statement is of a count in 件 (full-width digits included, so only the unit).
    if !line.contains(COUNT_UNIT) {
        return;
    }
    let chars: Vec<char> = line.chars().map(half_width_digit).collect();
    let mut sentence_start = 0;
    let mut previous = String::new();
    for (i, c) in chars.iter().enumerate() {
        if *c == '。' || i + 1 == chars.len() {
            let s = &chars[sentence_start..=i];
            sentence(s, &previous, lineno, year, out);
            previous = s.iter().collect();
            sentence_start = i + 1;
        }
    }
}

/// A full-width digit as its ASCII digit; any other character as it is.
fn half_width_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// The statements of one sentence; `previous` is the sentence before it on the same line, which
/// may name the subject (「收到申请748件。其中予以公开500件……」).
fn sentence(s: &[char], previous: &str, lineno: usize, year: u16, out: &mut Vec<Claim>) {
    let text: String = s.iter().collect();
    let context = format!("{previous}{text}");
    let mut lead_start = 0;
    let mut i = 0;
    while i < s.len() {
        if CLAUSE_ENDS.contains(&s[i]) {
            lead_start = i + 1;
            i += 1;
            continue;
        }
        if !s[i].is_ascii_digit() || (i > 0 && (s[i - 1].is_ascii_digit() || s[i - 1] == '.')) {
            i += 1;
            continue;
        }
        let end = i + s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let unit = s[end..].iter().position(|c| *c != ' ').map(|p| end + p);
        let Some(u) = unit.filter(|u| s[*u] == COUNT_UNIT) else {
            i = end;
            continue;
        };
        let lead: String = s[lead_start..i].iter().collect();
        let digits: String = s[i..end].iter().collect();
        if let Some(claim) = statement(&lead, &digits, &text, &context, &s[u + 1..], lineno, year) {
            out.push(claim);
        }
        lead_start = u + 1;
        i = u + 1;
    }
}

/// The claim that `lead` + `digits` 件 makes, if it is a statement of a table quantity.
#[allow(clippy::too_many_arguments)]
fn statement(
    lead: &str,
    digits: &str,
    sentence: &str,
    context: &str,
    after: &[char],
    lineno: usize,
    year: u16,
) -> Option<Claim> {
    if NOT_A_STATEMENT.iter().any(|w| lead.contains(w)) || other_year(lead, year) {
        return None;
    }
    let phrase = nearest_phrase(lead)?;
    let about = match phrase.subject {
        Subject::Applications => context.contains("申请"),
        Subject::Appeals => context.contains("复议") || context.contains("诉讼"),
        Subject::Any => true,
    };
    if !about {
        return None;
    }
    let stated: i64 = digits.parse().ok()?;
    let share = stated_share(after);
    let lead = lead.trim().trim_start_matches(['、', '和', '及', ' ']);
    let mut quote = format!("{lead}{digits}件");
    if let Some(s) = &share {
        quote.push_str(&format!("，占{}", s.text));
    }
    Some(Claim {
        line: lineno,
        quote,
        phrase,
        stated,
        share,
        suits: phrase_is_about_suits(lead, sentence),
    })
}

/// Whether the clause names a year other than the report's (a comparison with another year).
fn other_year(lead: &str, year: u16) -> bool {
    let chars: Vec<char> = lead.chars().collect();
    chars.windows(5).any(|w| {
        w[4] == '年'
            && w[..4].iter().all(|c| c.is_ascii_digit())
            && w[..4].iter().collect::<String>() != year.to_string()
    })
}

/// The phrase whose word comes last before the figure (the longest word on a tie), among those
/// whose other required words are in the clause too.
fn nearest_phrase(lead: &str) -> Option<&'static Phrase> {
    PHRASES
        .iter()
        .filter(|p| p.with.is_empty() || p.with.iter().any(|w| lead.contains(w)))
        .filter_map(|p| {
            p.words
                .iter()
                .filter_map(|w| lead.rfind(w).map(|at| (at + w.len(), w.len())))
                .max()
                .map(|pos| (pos, p))
        })
        .max_by_key(|(pos, _)| *pos)
        .map(|(_, p)| p)
}

/// For 维持 and 纠正: whether the sentence is about 行政诉讼 rather than 行政复议 at that point
/// (the nearer mention before the figure decides).
fn phrase_is_about_suits(lead: &str, sentence: &str) -> bool {
    let upto = sentence
        .find(lead)
        .map_or(sentence, |at| &sentence[..at + lead.len()]);
    upto.rfind("诉讼").unwrap_or(0) > upto.rfind("复议").unwrap_or(0)
        || (!sentence.contains("复议") && sentence.contains("诉讼"))
}

/// A share stated right after a figure: 「，占33.9%」「占比 33.9%」「占办结总数的33.9%」.
fn stated_share(after: &[char]) -> Option<StatedShare> {
    let text: String = after.iter().take(24).collect();
    let rest = text.strip_prefix(['，', ',']).unwrap_or(&text).trim_start();
    let word = SHARE_WORDS.iter().find(|w| rest.starts_with(*w))?;
    let rest = &rest[word.len()..];
    let start = rest.find(|c: char| c.is_ascii_digit())?;
    // Between 占 and the figure only words, no other figure or clause end.
    if rest[..start].chars().count() > 10
        || rest[..start].contains(|c: char| CLAUSE_ENDS.contains(&c) || c == '%')
    {
        return None;
    }
    let number: String = rest[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let tail = &rest[start + number.len()..];
    if !(tail.starts_with('%') || tail.starts_with('％')) {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let decimals = number.split('.').nth(1).map_or(0, str::len);
    Some(StatedShare {
        text: format!("{number}%"),
        value,
        decimals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<(String, i64, Option<String>)> {
        let mut out = Vec::new();
        find(text, 1, 2021, &mut out);
        out.into_iter()
            .map(|c| (c.phrase.key.to_string(), c.stated, c.share.map(|s| s.text)))
            .collect()
    }

    #[test]
    fn finds_the_statements_of_a_real_report() {
        let seed =
            "2021年，我市收到政府信息公开申请748件，上年结转1件，当年办结744件，结转下年度5件。";
        assert_eq!(
            claims(seed),
            [
                ("received".into(), 748, None),
                ("carried_over".into(), 1, None),
                ("processed".into(), 744, None),
                ("carried_forward".into(), 5, None),
            ]
        );
        let shares = "本年度办结的申请中，予以公开及部分公开258件，占33.9%；无法提供265件。";
        assert_eq!(
            claims(shares),
            [
                ("granted_partial".into(), 258, Some("33.9%".into())),
                ("unavailable".into(), 265, None),
            ]
        );
        let list = "其中予以公开500件、部分公开32件、不予公开54件，其他处理9件。";
        let keys: Vec<String> = claims(list).into_iter().map(|c| c.0).collect();
        assert_eq!(keys, ["granted", "partial", "withheld", "other_handling"]);
        let appeals = "全年发生政府信息公开行政复议48件，其中维持29件、纠正5件；行政诉讼36件。";
        assert_eq!(
            claims(appeals)
                .into_iter()
                .map(|c| (c.0, c.1))
                .collect::<Vec<_>>(),
            [
                ("reviews".into(), 48),
                ("upheld".into(), 29),
                ("corrected".into(), 5),
                ("suits".into(), 36)
            ]
        );
        let t2 = "本年制发行政规范性文件443件，废止128件；作出行政许可决定838105件。";
        assert_eq!(
            claims(t2)
                .into_iter()
                .map(|c| (c.0, c.1))
                .collect::<Vec<_>>(),
            [
                ("normative_issued".into(), 443),
                ("licensing".into(), 838105)
            ]
        );
    }

    #[test]
    fn leaves_alone_what_is_not_a_statement_of_this_years_table() {
        for text in [
            // Another subject: the hotline, not 依申请公开.
            "12345热线受理工单45.34万件，向各成员单位转派14.54件，办结工单3000件。",
            // A comparison, another year, a single applicant type.
            "收到申请748件，同比增长12件。",
            "2020年收到政府信息公开申请600件。",
            "其中自然人申请706件。",
            // Not a count in 件.
            "按期办结率100%，群众满意率99%。",
            "主动公开政府信息52.17万条。",
        ] {
            let found = claims(text);
            assert!(
                found.iter().all(|c| c.0 != "processed" || c.1 != 3000),
                "{text}: {found:?}"
            );
            assert!(
                found.iter().all(|c| c.1 != 12 && c.1 != 600 && c.1 != 706),
                "{text}: {found:?}"
            );
        }
        assert!(claims("12345热线受理工单3000件，办结2999件。").is_empty());
    }
}
