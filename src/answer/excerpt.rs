//! Excerpts: a window of whole sentences around the sentence that best answers the question,
//! at most a given number of characters, with the matched words marked.

use std::ops::Range;

use crate::text::sentences;

/// An excerpt and the byte range of the passage it shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Window {
    pub text: String,
    pub marks: Vec<[usize; 2]>,
}

/// How much of a term a lowercased text holds: all of it for the word or one of its
/// alternatives (`a|b`), [`RELATED_CREDIT`] for a related word only (`a|b~c~d`).
pub(crate) fn credit(lowered: &str, term: &str) -> f32 {
    let mut kinds = term.splitn(2, '~');
    let same = kinds.next().unwrap_or_default();
    if same
        .split('|')
        .any(|t| !t.is_empty() && lowered.contains(t))
    {
        return 1.0;
    }
    match kinds.next() {
        Some(related)
            if related
                .split('~')
                .any(|t| !t.is_empty() && lowered.contains(t)) =>
        {
            RELATED_CREDIT
        }
        _ => 0.0,
    }
}

/// What a related word (from the thesaurus) is worth against the question's own word.
pub(crate) const RELATED_CREDIT: f32 = 0.4;

/// Every word a term stands for: the word, its alternatives and its related words.
pub(crate) fn variants(term: &str) -> impl Iterator<Item = &str> {
    term.split(['|', '~']).filter(|t| !t.is_empty())
}

/// Where a lowercased text first holds a term or one of its alternatives.
fn find(lowered: &str, term: &str) -> Option<usize> {
    variants(term).filter_map(|t| lowered.find(t)).min()
}

/// How well each sentence of `text` matches: the summed weight of the distinct words it holds.
pub(crate) fn sentence_scores(text: &str, words: &[(String, f32)]) -> Vec<(Range<usize>, f32)> {
    sentences(text)
        .into_iter()
        .map(|range| {
            let sentence = crate::text::lowercase(&text[range.clone()]);
            let score = words
                .iter()
                .map(|(w, weight)| weight * credit(&sentence, w))
                .sum();
            (range, score)
        })
        .collect()
}

/// Which sentence an excerpt is centred on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Focus {
    /// The sentence that holds most of the question's weighted words.
    BestMatch,
    /// The first sentence (a lesson's topic sentence).
    Lead,
}

/// The excerpt of `text` centred on its best sentence, at most `max_chars` characters
/// including the "…" that mark cuts.
pub(crate) fn window(
    text: &str,
    words: &[(String, f32)],
    max_chars: usize,
    focus: Focus,
) -> Window {
    let scored = sentence_scores(text, words);
    let best = match focus {
        Focus::Lead => 0,
        Focus::BestMatch => scored
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.1.total_cmp(&b.1.1).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i),
    };
    let ranges: Vec<Range<usize>> = scored.into_iter().map(|(r, _)| r).collect();
    let chars = |r: &Range<usize>| text[r.clone()].chars().count();
    let body = if ranges.is_empty() {
        0..text.len()
    } else {
        grow(&ranges, best, max_chars, chars)
    };
    let mut start = body.start;
    let mut end = body.end;
    // Fill what room is left with the start of the next sentence.
    let ellipses = usize::from(start > 0) + 1;
    let used = text[start..end].chars().count();
    if end < text.len() && used + ellipses + 20 < max_chars {
        let room = max_chars - used - ellipses;
        end = text[end..]
            .char_indices()
            .nth(room)
            .map_or(text.len(), |(i, _)| end + i);
    }
    // A single sentence longer than the budget is cut around its matched words.
    if text[start..end].chars().count() + usize::from(start > 0) + usize::from(end < text.len())
        > max_chars
    {
        (start, end) = cut_long(text, start..end, words, max_chars);
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shown = format!("{prefix}{}{suffix}", text[start..end].trim());
    let marks = marks(&shown, words);
    Window { text: shown, marks }
}

/// Grows a window of whole sentences around `best`, alternating before and after.
fn grow(
    ranges: &[Range<usize>],
    best: usize,
    max_chars: usize,
    chars: impl Fn(&Range<usize>) -> usize,
) -> Range<usize> {
    let mut first = best;
    let mut last = best;
    let mut used = chars(&ranges[best]);
    let budget = max_chars.saturating_sub(2);
    loop {
        let mut grew = false;
        if last + 1 < ranges.len() && used + chars(&ranges[last + 1]) <= budget {
            last += 1;
            used += chars(&ranges[last]);
            grew = true;
        }
        if first > 0 && used + chars(&ranges[first - 1]) <= budget {
            first -= 1;
            used += chars(&ranges[first]);
            grew = true;
        }
        if !grew {
            break;
        }
    }
    ranges[first].start..ranges[last].end
}

/// Cuts `range` to `max_chars` characters (ellipses included) around its first matched word.
fn cut_long(
    text: &str,
    range: Range<usize>,
    words: &[(String, f32)],
    max_chars: usize,
) -> (usize, usize) {
    let slice = &text[range.clone()];
    let lowered = crate::text::lowercase(slice);
    let anchor = words
        .iter()
        .filter_map(|(w, _)| find(&lowered, w))
        .min()
        .unwrap_or(0);
    let offsets: Vec<usize> = slice.char_indices().map(|(i, _)| i).collect();
    let anchor_char = offsets.iter().position(|&o| o >= anchor).unwrap_or(0);
    let keep = max_chars.saturating_sub(2).max(1);
    let first = anchor_char
        .saturating_sub(keep / 3)
        .min(offsets.len().saturating_sub(keep));
    let last = (first + keep).min(offsets.len());
    let start = range.start + offsets[first];
    let end = offsets.get(last).map_or(range.end, |&o| range.start + o);
    (start, end)
}

/// Character ranges of `text` where any of the words occur, merged where they overlap.
pub(crate) fn marks(text: &str, words: &[(String, f32)]) -> Vec<[usize; 2]> {
    let lowered = crate::text::lowercase(text);
    if lowered.len() != text.len() {
        return Vec::new();
    }
    let mut byte_ranges: Vec<Range<usize>> = Vec::new();
    for (term, _) in words {
        for word in variants(term) {
            if word.chars().count() < 2 && !word.is_ascii() {
                continue;
            }
            byte_ranges.extend(lowered.match_indices(word).map(|(i, w)| i..i + w.len()));
        }
    }
    byte_ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in byte_ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let char_of = |byte: usize| text[..byte].chars().count();
    merged
        .into_iter()
        .map(|r| [char_of(r.start), char_of(r.end)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<(String, f32)> {
        list.iter().map(|w| (w.to_string(), 1.0)).collect()
    }

    #[test]
    fn a_word_or_its_alternative_counts_fully_and_a_related_word_in_part() {
        assert_eq!(credit("中国入世以后", "入世|加入世贸组织"), 1.0);
        assert_eq!(credit("中国加入世贸组织以后", "入世|加入世贸组织"), 1.0);
        assert_eq!(
            credit("两国都获得巨大利益", "好处~利益~益处"),
            RELATED_CREDIT
        );
        assert_eq!(credit("这有好处也有利益", "好处~利益"), 1.0);
        assert_eq!(credit("气候变化", "好处~利益"), 0.0);
        assert_eq!(
            variants("70|197~年间").collect::<Vec<_>>(),
            vec!["70", "197", "年间"]
        );
    }

    #[test]
    fn marks_cover_related_words_too() {
        assert_eq!(marks("两国获得利益", &words(&["好处~利益"])), vec![[4, 6]]);
    }

    #[test]
    fn a_short_passage_is_shown_whole() {
        let got = window(
            "中美合作。气候变化。",
            &words(&["气候"]),
            400,
            Focus::BestMatch,
        );
        assert_eq!(got.text, "中美合作。气候变化。");
        assert_eq!(got.marks, vec![[5, 7]]);
    }

    #[test]
    fn the_window_centres_on_the_best_sentence_and_marks_the_cuts() {
        let filler = "这是一个没有关系的句子。".repeat(10);
        let text = format!("{filler}雷曼兄弟破产了。{filler}");
        let got = window(&text, &words(&["雷曼"]), 60, Focus::BestMatch);
        assert!(got.text.contains("雷曼兄弟破产了。"), "{}", got.text);
        assert!(
            got.text.starts_with('…') && got.text.ends_with('…'),
            "{}",
            got.text
        );
        assert!(
            got.text.chars().count() <= 60,
            "{}",
            got.text.chars().count()
        );
    }

    #[test]
    fn a_sentence_longer_than_the_budget_is_cut_around_its_match() {
        let text = format!("{}伍德科克{}。", "长".repeat(300), "句".repeat(300));
        let got = window(&text, &words(&["伍德科克"]), 100, Focus::BestMatch);
        assert!(got.text.contains("伍德科克"));
        assert!(
            got.text.chars().count() <= 100,
            "{}",
            got.text.chars().count()
        );
    }

    #[test]
    fn marks_merge_overlapping_words_and_count_characters() {
        assert_eq!(
            marks("中国加入世贸组织", &words(&["世贸", "世贸组织", "加入"])),
            vec![[2, 8]]
        );
        assert_eq!(marks("G20峰会", &words(&["g20"])), vec![[0, 3]]);
    }
}
