//! A case's timeline: the dated events its text mentions (`1999年11月15日`, `2008年`,
//! `2006-2008年`, `20世纪70年代末`), in date order, each with a short extract and its page.

use serde::{Deserialize, Serialize};

use crate::text::{sentences, truncate_chars};

/// A date as precise as the text gives it, with the span it covers for ranges and decades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct When {
    pub year: u16,
    /// 0 when the text gives no month.
    pub month: u8,
    /// 0 when the text gives no day.
    pub day: u8,
    /// The last year of a range or a decade, when the date is one.
    pub until: Option<u16>,
}

/// One dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// How the text writes the date (`1999年11月15日`, `20世纪70年代末`).
    pub date: String,
    pub when: When,
    /// The sentence that mentions it, cut to 120 characters.
    pub text: String,
    pub page: Option<u32>,
}

/// The dated events of a part's paragraphs (text and page, in reading order), in date order
/// (the text's order for equal dates), each sentence once, at its most precise date.
pub fn events<'a>(paragraphs: impl IntoIterator<Item = (&'a str, Option<u32>)>) -> Vec<Event> {
    let mut events: Vec<(Event, usize)> = Vec::new();
    let mut position = 0;
    for (text, page) in paragraphs {
        if !text.contains('年') {
            continue;
        }
        for range in sentences(text) {
            let sentence = text[range].trim();
            position += 1;
            if !sentence.contains('年') {
                continue;
            }
            let Some((date, when)) = most_precise(dates(sentence)) else {
                continue;
            };
            if events
                .iter()
                .any(|(e, _)| e.text == truncate_chars(sentence, 120))
            {
                continue;
            }
            events.push((
                Event {
                    date,
                    when,
                    text: truncate_chars(sentence, 120),
                    page,
                },
                position,
            ));
        }
    }
    events.sort_by(|(a, pa), (b, pb)| a.when.cmp(&b.when).then(pa.cmp(pb)));
    events.into_iter().map(|(e, _)| e).collect()
}

fn most_precise(dates: Vec<(String, When)>) -> Option<(String, When)> {
    dates.into_iter().max_by_key(|(_, w)| {
        (
            u8::from(w.month > 0) + u8::from(w.day > 0),
            std::cmp::Reverse(w.year),
        )
    })
}

/// Every date a sentence writes, as written and as read.
pub fn dates(sentence: &str) -> Vec<(String, When)> {
    let chars: Vec<char> = sentence.chars().collect();
    let number = |from: usize| {
        let digits: String = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        (digits.parse::<u32>().ok(), digits.chars().count())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // 20世纪70年代末: a decade of a century.
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let (value, length) = number(i);
            let Some(value) = value else {
                i += 1;
                continue;
            };
            let after = |k: usize| chars.get(i + length + k).copied();
            if after(0) == Some('世') && after(1) == Some('纪') {
                let century = value;
                let rest = i + length + 2;
                let (decade, decade_length) = number(rest);
                if let Some(decade) = decade.filter(|_| {
                    chars.get(rest + decade_length) == Some(&'年')
                        && chars.get(rest + decade_length + 1) == Some(&'代')
                }) {
                    let start = (century - 1) * 100 + decade;
                    let mut end = rest + decade_length + 2;
                    let (from, until) = match chars.get(end) {
                        Some('初') => (start, start + 3),
                        Some('中') => (start + 3, start + 6),
                        Some('末') => (start + 7, start + 9),
                        _ => (start, start + 9),
                    };
                    if matches!(chars.get(end), Some('初' | '中' | '末')) {
                        end += 1;
                    }
                    out.push((
                        chars[i..end].iter().collect(),
                        when(from, 0, 0, Some(until)),
                    ));
                    i = end;
                    continue;
                }
            }
            if length == 4 && (1900..=2100).contains(&value) {
                let year = value;
                // 2006-2008年: a range.
                if matches!(after(0), Some('-' | '—' | '–' | '至' | '到')) {
                    let (second, second_length) = number(i + length + 1);
                    if let Some(second) =
                        second.filter(|s| second_length == 4 && (year..=2100).contains(s))
                        && chars.get(i + length + 1 + second_length) == Some(&'年')
                    {
                        let end = i + length + 1 + second_length + 1;
                        out.push((
                            chars[i..end].iter().collect(),
                            when(year, 0, 0, Some(second)),
                        ));
                        i = end;
                        continue;
                    }
                }
                if after(0) == Some('年') {
                    let mut end = i + length + 1;
                    let (month, month_length) = number(end);
                    let mut month_value = 0;
                    let mut day_value = 0;
                    if let Some(m) = month.filter(|m| {
                        (1..=12).contains(m) && chars.get(end + month_length) == Some(&'月')
                    }) {
                        month_value = m;
                        end += month_length + 1;
                        let (day, day_length) = number(end);
                        if let Some(d) = day.filter(|d| {
                            (1..=31).contains(d) && chars.get(end + day_length) == Some(&'日')
                        }) {
                            day_value = d;
                            end += day_length + 1;
                        }
                    }
                    out.push((
                        chars[i..end].iter().collect(),
                        when(year, month_value, day_value, None),
                    ));
                    i = end;
                    continue;
                }
            }
            i += length.max(1);
            continue;
        }
        i += 1;
    }
    out
}

fn when(year: u32, month: u32, day: u32, until: Option<u32>) -> When {
    When {
        year: year as u16,
        month: month as u8,
        day: day as u8,
        until: until.map(|u| u as u16),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, expect: &[(&str, When)]) {
        let got = dates(sentence);
        let got: Vec<(&str, When)> = got.iter().map(|(d, w)| (d.as_str(), *w)).collect();
        assert_eq!(got, expect, "{sentence}");
    }

    #[test]
    fn full_dates_months_and_years_are_read() {
        check(
            "1999年11月15日，中美签署了协议",
            &[("1999年11月15日", when(1999, 11, 15, None))],
        );
        check(
            "2008年9月，雷曼兄弟倒闭",
            &[("2008年9月", when(2008, 9, 0, None))],
        );
        check(
            "携手抗击2008年国际金融危机",
            &[("2008年", when(2008, 0, 0, None))],
        );
    }

    #[test]
    fn ranges_and_vague_decades_get_a_span() {
        check(
            "2006-2008年间",
            &[("2006-2008年", when(2006, 0, 0, Some(2008)))],
        );
        check(
            "20世纪70年代末80年代初",
            &[("20世纪70年代末", when(1977, 0, 0, Some(1979)))],
        );
        check(
            "20世纪90年代",
            &[("20世纪90年代", when(1990, 0, 0, Some(1999)))],
        );
    }

    #[test]
    fn numbers_that_are_not_dates_are_left_out() {
        check("增长了1261%，达到10699亿美元", &[]);
        check("54小时的谈判", &[]);
    }
}
