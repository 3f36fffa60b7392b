//! Key figures that the narrative states, offered as indicators: the number of items disclosed
//! on the body's own initiative (主动公开), and the 12345 hotline's cases taken (受理), share
//! closed on time (办结率) and satisfaction (满意率).
//!
//! A figure is proposed only where a sentence states it in so many words, directly after the
//! words that name it, with its unit; each proposal carries that sentence. Nothing is
//! computed or guessed: a report that does not say it gets no proposal.

/// A proposed indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The indicator's id (the same every year).
    pub id: &'static str,
    /// Its label.
    pub label: &'static str,
    /// The figure as printed.
    pub value: String,
    /// Its unit as printed.
    pub unit: String,
    /// The sentence it was taken from.
    pub sentence: String,
}

/// What to look for.
struct Rule {
    id: &'static str,
    label: &'static str,
    /// Words the figure must follow (with at most `gap` characters of other words between).
    after: &'static str,
    gap: usize,
    units: &'static [&'static str],
    /// Whether the sentence (or the one before it) must speak of the 12345 hotline.
    hotline: bool,
}

const RULES: &[Rule] = &[
    Rule {
        id: "proactive_items",
        label: "主动公开政府信息",
        after: "主动公开",
        gap: 8,
        units: &["万条", "条"],
        hotline: false,
    },
    Rule {
        id: "hotline_tickets",
        label: "12345热线受理",
        after: "受理",
        gap: 8,
        units: &["万件", "件", "万个", "个", "万次", "次"],
        hotline: true,
    },
    Rule {
        id: "hotline_ontime_rate",
        label: "12345热线按期办结率",
        after: "办结率",
        gap: 2,
        units: &["%"],
        hotline: true,
    },
    Rule {
        id: "hotline_satisfaction",
        label: "12345热线满意率",
        after: "满意率",
        gap: 2,
        units: &["%"],
        hotline: true,
    },
];

/// The proposals found in the paragraphs, at most one per indicator (the first statement).
pub fn propose<'a>(paragraphs: impl Iterator<Item = &'a str>) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    for para in paragraphs {
        let sentences = sentences(para);
        for (k, s) in sentences.iter().enumerate() {
            let context = |s: &str| s.contains("12345") || s.contains("热线");
            let hotline = context(s) || k > 0 && context(sentences[k - 1]);
            for rule in RULES {
                if out.iter().any(|p| p.id == rule.id) || (rule.hotline && !hotline) {
                    continue;
                }
                if let Some((value, unit)) = find(s, rule) {
                    out.push(Proposal {
                        id: rule.id,
                        label: rule.label,
                        value,
                        unit,
                        sentence: s.to_string(),
                    });
                }
            }
        }
    }
    out.sort_by_key(|p| RULES.iter().position(|r| r.id == p.id));
    out
}

/// A paragraph's sentences, each with its closing mark.
fn sentences(para: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in para.char_indices() {
        if matches!(c, '。' | '；' | '！' | '？') {
            out.push(&para[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < para.len() {
        out.push(&para[start..]);
    }
    out
}

/// The figure and unit that follow the rule's words in a sentence.
fn find(sentence: &str, rule: &Rule) -> Option<(String, String)> {
    for (at, _) in sentence.match_indices(rule.after) {
        let rest = &sentence[at + rule.after.len()..];
        let skip: usize = rest
            .chars()
            .take(rule.gap + 1)
            .take_while(|c| !c.is_ascii_digit() && !matches!(c, '，' | '。' | '；' | '、' | ','))
            .map(char::len_utf8)
            .sum();
        if rest[..skip].chars().count() > rule.gap {
            continue;
        }
        let rest = &rest[skip..];
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if digits.is_empty() || digits.ends_with('.') || digits.matches('.').count() > 1 {
            continue;
        }
        let after = &rest[digits.len()..];
        if let Some(unit) = rule.units.iter().find(|u| after.starts_with(**u)) {
            return Some((digits, unit.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposes_the_figures_the_seed_states_with_their_sentences() {
        let paras = [
            "2021年，我市主动公开政府信息52.17万条，编发市政府公报6期。",
            "2021年，12345政务服务便民热线受理工单45.34万件，向各成员单位转派14.54件。转办件按期办结率99.35%，群众满意率97.17%。",
        ];
        let got = propose(paras.into_iter());
        let brief: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|p| (p.id, p.value.as_str(), p.unit.as_str()))
            .collect();
        assert_eq!(
            brief,
            vec![
                ("proactive_items", "52.17", "万条"),
                ("hotline_tickets", "45.34", "万件"),
                ("hotline_ontime_rate", "99.35", "%"),
                ("hotline_satisfaction", "97.17", "%")
            ]
        );
        assert_eq!(
            got[2].sentence,
            "转办件按期办结率99.35%，群众满意率97.17%。"
        );
    }

    #[test]
    fn proposes_nothing_that_is_not_stated_plainly() {
        let paras = [
            "全年主动公开各类信息1.2万余条。",
            "群众满意率明显提升，达到较高水平。",
            "受理各类申请，办结率99%。",
        ];
        assert!(propose(paras.into_iter()).is_empty());
    }
}
