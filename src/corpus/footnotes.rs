//! Footnote reference numbers glued to the report's text by the PDF extraction.
//!
//! The report numbers its notes 1..N in reading order, and the extracted text keeps only the
//! numbers, glued after punctuation (`障碍。”1 中`, `会谈。4这次`), after a word before a comma
//! (`可能性78，`), alone on a line (`16`), or fused with a year (`412018年` is note 41 then
//! 2018年). Real numbers (`20世纪`, `54 小时`, `1979 年`) look the same in isolation, so the
//! scan only accepts the next expected note number, and only where a note can stand.

use crate::text::{is_cjk, is_closing_punct};

/// Removes footnote numbers from paragraphs (in reading order) and returns the note numbers
/// found, in order. Paragraphs that held nothing but a note number become empty.
pub(crate) fn strip(paragraphs: &mut [String]) -> Vec<u32> {
    let mut expected = 1u32;
    let mut found = Vec::new();
    for paragraph in paragraphs.iter_mut() {
        let trimmed = paragraph.trim();
        if trimmed == expected.to_string() {
            found.push(expected);
            expected += 1;
            paragraph.clear();
            continue;
        }
        let (cleaned, notes) = strip_one(paragraph, expected);
        if let Some(&last) = notes.last() {
            expected = last + 1;
            found.extend(notes);
            *paragraph = cleaned;
        }
    }
    found
}

/// Strips the notes of one paragraph, starting at note `expected`.
fn strip_one(text: &str, mut expected: u32) -> (String, Vec<u32>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut notes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        let label = expected.to_string();
        if is_note(&chars, i, j, &run, &label) {
            let from = i.saturating_sub(8);
            let context: String = chars[from..(j + 6).min(chars.len())].iter().collect();
            tracing::trace!(note = expected, context, "footnote number stripped");
            notes.push(expected);
            expected += 1;
            out.push_str(&run[label.len()..]);
        } else {
            out.push_str(&run);
        }
        i = j;
    }
    (out, notes)
}

/// Whether the digit run `chars[start..end]` begins with the note number `label` standing
/// where a note reference can stand.
fn is_note(chars: &[char], start: usize, end: usize, run: &str, label: &str) -> bool {
    let Some(rest) = run.strip_prefix(label) else {
        return false;
    };
    // What follows the note inside the run must be a year (`412018年`), never a fragment.
    if !rest.is_empty() && !is_year(rest) {
        return false;
    }
    let before = chars[..start].iter().rev().find(|c| !c.is_whitespace());
    let after_raw = chars.get(end).copied();
    let after = chars[end..].iter().find(|c| !c.is_whitespace()).copied();
    let placed_well = match before {
        Some(&c) if is_closing_punct(c) && c != '.' => true,
        // `可能性78，`: after a word only when punctuation follows at once.
        Some(&c) if is_cjk(c) => {
            rest.is_empty()
                && !QUANTITY_LEADS.contains(c)
                && (after_raw.is_some_and(is_closing_punct)
                    || after_raw.is_some_and(|a| is_cjk(a) && !is_unit(a)))
        }
        _ => false,
    };
    if !placed_well {
        return false;
    }
    if rest.is_empty() {
        // A number followed by a unit or a decimal point is a quantity, not a note.
        let tail: String = chars[end..]
            .iter()
            .filter(|c| !c.is_whitespace())
            .take(2)
            .collect();
        if after.is_some_and(is_unit)
            || UNIT_WORDS.iter().any(|w| tail.starts_with(w))
            || after_raw == Some('.')
        {
            return false;
        }
    }
    true
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

/// Characters that, right after a number, make it a quantity or a date. Kept short on
/// purpose: a note is often followed by a space and the next sentence (`5 时任`).
fn is_unit(c: char) -> bool {
    "年月日号世万亿千百个%％倍届次岁-—–~/至到".contains(c)
}

/// Words after which a number is a quantity (`第4`, `约30`), never a note.
const QUANTITY_LEADS: &str = "第约近达至从到了逾超为占合共计余";

/// Two-character units checked as words, so that `5 时任` stays a note but `54 小时` does not.
const UNIT_WORDS: [&str; 5] = ["美元", "小时", "人次", "多万", "余万"];

#[cfg(test)]
mod tests {
    use super::*;

    /// Strips notes from `input` starting at note `first` and compares text and notes found.
    fn check(first: u32, input: &str, expect_text: &str, expect_notes: &[u32]) {
        let (text, notes) = strip_one(input, first);
        assert_eq!(text, expect_text, "text of {input:?}");
        assert_eq!(notes, expect_notes, "notes of {input:?}");
    }

    #[test]
    fn notes_after_closing_quotes_and_full_stops_are_removed() {
        check(
            1,
            "中国入世道路上最大的障碍。”1 中美",
            "中国入世道路上最大的障碍。” 中美",
            &[1],
        );
        check(
            4,
            "更像是盟友之间的会谈。4这次访问",
            "更像是盟友之间的会谈。这次访问",
            &[4],
        );
        check(
            15,
            "吞下损害我国利益的苦果。”15 中国不再",
            "吞下损害我国利益的苦果。” 中国不再",
            &[15],
        );
    }

    #[test]
    fn a_note_after_a_word_before_a_comma_is_removed() {
        check(
            78,
            "证明了中美携手面对紧迫全球性挑战的可能性78，也为",
            "证明了中美携手面对紧迫全球性挑战的可能性，也为",
            &[78],
        );
    }

    #[test]
    fn a_note_fused_with_a_year_keeps_the_year() {
        check(41, "的说法。412018年，美国", "的说法。2018年，美国", &[41]);
    }

    #[test]
    fn several_notes_in_one_paragraph_follow_each_other() {
        check(
            28,
            "增加至 1644.80亿美元，28增长了 557%；对华总销售额高达 3926.64 亿美元，29而 2001 年才",
            "增加至 1644.80亿美元，增长了 557%；对华总销售额高达 3926.64 亿美元，而 2001 年才",
            &[28, 29],
        );
    }

    #[test]
    fn real_numbers_are_left_alone() {
        check(1, "比如在20世纪 70年代末", "比如在20世纪 70年代末", &[]);
        check(
            1,
            "谈判，1979 年向台湾出售武器",
            "谈判，1979 年向台湾出售武器",
            &[],
        );
        check(
            5,
            "但是，5 月 8 日以美国为首",
            "但是，5 月 8 日以美国为首",
            &[],
        );
        check(2, "投资，2万亿美元用于气候", "投资，2万亿美元用于气候", &[]);
        check(54, "，54 小时的谈判", "，54 小时的谈判", &[]);
        check(64, "人次，64.4 万人次", "人次，64.4 万人次", &[]);
        check(20, "。2008 年第 4 季度", "。2008 年第 4 季度", &[]);
    }

    #[test]
    fn only_the_expected_note_number_is_taken() {
        check(7, "会谈。4这次", "会谈。4这次", &[]);
    }

    #[test]
    fn a_note_alone_on_its_line_empties_its_paragraph() {
        let mut paragraphs = vec![
            "苏联的扩张。".to_string(),
            "1".to_string(),
            "中国外交".into(),
        ];
        assert_eq!(strip(&mut paragraphs), vec![1]);
        assert_eq!(paragraphs, vec!["苏联的扩张。", "", "中国外交"]);
    }
}
