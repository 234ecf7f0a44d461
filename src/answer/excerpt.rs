//! Excerpts: a window of whole sentences around the sentence that best answers the question,
//! at most a given number of characters, with the question's words marked.

use std::ops::Range;

use crate::question::Term;
use crate::rank::Sentence;

/// Which sentence an excerpt is centred on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Focus {
    /// The sentence that holds most of the question's weighted words.
    BestMatch,
    /// The first sentence (a lesson's topic sentence).
    Lead,
}

/// The excerpt of `text` centred on its best sentence (by the scores of `sentences`), at most
/// `max_chars` characters including the "…" that mark cuts.
pub(crate) fn window(
    text: &str,
    sentences: &[Sentence],
    terms: &[Term],
    max_chars: usize,
    focus: Focus,
) -> String {
    let best = match focus {
        Focus::Lead => 0,
        Focus::BestMatch => sentences
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i),
    };
    let ranges: Vec<Range<usize>> = sentences.iter().map(|s| s.range.clone()).collect();
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
        (start, end) = cut_long(text, start..end, terms, max_chars);
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    format!("{prefix}{}{suffix}", text[start..end].trim())
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
fn cut_long(text: &str, range: Range<usize>, terms: &[Term], max_chars: usize) -> (usize, usize) {
    let slice = &text[range.clone()];
    let lowered = crate::text::lowercase(slice);
    let anchor = terms
        .iter()
        .filter_map(|t| t.first_position(&lowered))
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

/// Character ranges of `text` where any of the words occur, merged where they overlap. Single
/// Chinese characters are not marked (too many would light up).
pub(crate) fn marks(text: &str, words: &[&str]) -> Vec<[usize; 2]> {
    let lowered = crate::text::lowercase(text);
    if lowered.len() != text.len() {
        return Vec::new();
    }
    let mut byte_ranges: Vec<Range<usize>> = Vec::new();
    for word in words.iter().filter(|w| !w.is_empty()) {
        if word.chars().count() < 2 && !word.is_ascii() {
            continue;
        }
        byte_ranges.extend(lowered.match_indices(word).map(|(i, w)| i..i + w.len()));
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
    use crate::rank::{Weights, score};

    fn terms(list: &[&str]) -> Vec<Term> {
        list.iter().map(|w| Term::new(*w, 1.0)).collect()
    }

    /// The excerpt of a text for the given words, as the answer stage cuts it.
    fn excerpt(text: &str, words: &[&str], max_chars: usize) -> String {
        let passage = crate::corpus::Passage::sample("preface", None, text);
        let terms = terms(words);
        let measure = score::measure(&passage, "", &terms, &Weights::default());
        window(
            text,
            &measure.sentences,
            &terms,
            max_chars,
            Focus::BestMatch,
        )
    }

    #[test]
    fn marks_cover_every_word_given() {
        assert_eq!(marks("两国获得利益", &["好处", "利益"]), vec![[4, 6]]);
    }

    #[test]
    fn a_short_passage_is_shown_whole() {
        let text = excerpt("中美合作。气候变化。", &["气候"], 400);
        assert_eq!(text, "中美合作。气候变化。");
        assert_eq!(marks(&text, &["气候"]), vec![[5, 7]]);
    }

    #[test]
    fn the_window_centres_on_the_best_sentence_and_marks_the_cuts() {
        let filler = "这是一个没有关系的句子。".repeat(10);
        let text = format!("{filler}雷曼兄弟破产了。{filler}");
        let got = excerpt(&text, &["雷曼"], 60);
        assert!(got.contains("雷曼兄弟破产了。"), "{got}");
        assert!(got.starts_with('…') && got.ends_with('…'), "{got}");
        assert!(got.chars().count() <= 60, "{}", got.chars().count());
    }

    #[test]
    fn a_sentence_longer_than_the_budget_is_cut_around_its_match() {
        let text = format!("{}伍德科克{}。", "长".repeat(300), "句".repeat(300));
        let got = excerpt(&text, &["伍德科克"], 100);
        assert!(got.contains("伍德科克"));
        assert!(got.chars().count() <= 100, "{}", got.chars().count());
    }

    #[test]
    fn marks_merge_overlapping_words_and_count_characters() {
        assert_eq!(
            marks("中国加入世贸组织", &["世贸", "世贸组织", "加入"]),
            vec![[2, 8]]
        );
        assert_eq!(marks("G20峰会", &["g20"]), vec![[0, 3]]);
    }
}
