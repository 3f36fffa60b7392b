//! Dates and years as reports print them: 「2022年3月9日」, 「2022年 3月 9日」 (layout spaces),
//! 「二〇二二年三月九日」 (Chinese numerals, as official documents date themselves) and
//! 「2022-03-09」; a date counts only if it is on the calendar.

/// The first year (2008–2100) written in `text`: 「2021年」, or in Chinese numerals 「二〇二一年」.
pub fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len().saturating_sub(3) {
        let digits: Option<String> = chars[i..i + 4]
            .iter()
            .map(|c| match c {
                '0'..='9' => Some(*c),
                _ => chinese_digit(*c).map(|d| char::from(b'0' + d as u8)),
            })
            .collect();
        let before_digit =
            i > 0 && (chars[i - 1].is_ascii_digit() || chinese_digit(chars[i - 1]).is_some());
        let year_word = chars.get(i + 4) == Some(&'年');
        if let (Some(d), false, true) = (digits, before_digit, year_word) {
            if let Ok(y) = d.parse::<u16>() {
                if (2008..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
    }
    None
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .or((c == '零').then_some(0))
        .map(|p| p as u32)
}

/// Year, month, day.
pub type Ymd = (u32, u32, u32);

/// The first date in `text` written 「2022年3月9日」, 「二〇二二年三月九日」 or 「2022-03-09」:
/// byte range and (year, month, day).
pub fn find_date(text: &str) -> Option<(usize, usize, Option<Ymd>)> {
    let idx: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    for s in 0..idx.len() {
        if let Some((e, ymd)) = date_at(&idx, s) {
            let end = idx.get(e).map_or(text.len(), |(b, _)| *b);
            return Some((idx[s].0, end, Some(ymd)));
        }
    }
    None
}

/// A date starting at `s` (spaces already dropped): the index after it and its parts.
fn date_at(idx: &[(usize, char)], s: usize) -> Option<(usize, Ymd)> {
    let (y, k) = number(idx, s, 4, 4)?;
    let sep = idx.get(k)?.1;
    let (m, k) = number(idx, k + 1, 1, 2)?;
    let want = match sep {
        '年' => '月',
        '-' | '.' | '/' => sep,
        _ => return None,
    };
    if idx.get(k)?.1 != want {
        return None;
    }
    let (d, k) = number(idx, k + 1, 1, 3)?;
    let k = if sep == '年' {
        if idx.get(k)?.1 != '日' {
            return None;
        }
        k + 1
    } else {
        k
    };
    Some((k, (y, m, d)))
}

/// A number at `s` of `min..=max` digits (Arabic, or Chinese: 〇一二…, 十 in months and days).
fn number(idx: &[(usize, char)], s: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    if s > 0 && idx[s - 1].1.is_ascii_digit() {
        return None;
    }
    let mut k = s;
    let mut text = String::new();
    while k < idx.len() && k - s < max {
        let c = idx[k].1;
        if c.is_ascii_digit() || chinese_digit(c).is_some() || c == '十' {
            text.push(c);
            k += 1;
        } else {
            break;
        }
    }
    if text.chars().count() < min {
        return None;
    }
    Some((chinese_number(&text)?, k))
}

fn chinese_number(t: &str) -> Option<u32> {
    if let Ok(n) = t.parse() {
        return Some(n);
    }
    if let Some((tens, ones)) = t.split_once('十') {
        let tens = if tens.is_empty() {
            1
        } else {
            chinese_number(tens)?
        };
        let ones = if ones.is_empty() {
            0
        } else {
            chinese_number(ones)?
        };
        return Some(tens * 10 + ones);
    }
    t.chars()
        .try_fold(0, |acc, c| Some(acc * 10 + chinese_digit(c)?))
}

/// Whether the date is on the calendar.
pub fn real_date(y: u32, m: u32, d: u32) -> bool {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_and_years_as_reports_print_them() {
        let ymd = |t: &str| find_date(t).and_then(|d| d.2);
        assert_eq!(ymd("2022年 3月 9日"), Some((2022, 3, 9)));
        assert_eq!(ymd("二〇二二年三月十九日"), Some((2022, 3, 19)));
        assert_eq!(ymd("二〇二二年十二月三十一日"), Some((2022, 12, 31)));
        assert_eq!(ymd("2022-03-09"), Some((2022, 3, 9)));
        assert!(!real_date(2022, 2, 29));
        assert!(real_date(2024, 2, 29));
        assert_eq!(year_in("赣州市 2021年政府信息公开工作年度报告"), Some(2021));
        assert_eq!(year_in("二〇二一年度报告"), Some(2021));
        assert_eq!(year_in("12345热线"), None);
    }
}
