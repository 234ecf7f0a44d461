//! The words of a question that the corpus never uses in any form, and what kind of word each
//! is: a topic the documents do not discuss, an everyday word they may say otherwise, or a year
//! after them; and, for an English question, the words no glossary or dictionary rendered.

use std::ops::Range;

use super::dates::as_year;
use super::translate::Translator;
use super::{Absent, AbsentKind, Aids, Word, lexicon};
use crate::search::analyzer::{GENERAL_TOKENS, QuestionTokens};

/// The question's words the corpus never uses in any form (nor in the parts jieba cuts them
/// into), adjacent ones joined as the question writes them, each with its kind and its share
/// of the question's weight: `is_present` says whether the corpus uses a word in some form,
/// `kind_of` what kind of word it is; a run is a topic when its topics weigh
/// `phrase_topic_share` of it.
pub(super) fn absent_words(
    text: &str,
    tokens: &QuestionTokens,
    words: &[Word],
    is_present: impl Fn(&str) -> bool,
    is_word_used: impl Fn(&str) -> bool,
    kind_of: impl Fn(&str) -> AbsentKind,
    phrase_topic_share: f32,
) -> Vec<Absent> {
    let total: f32 = words.iter().map(|w| w.weight).sum();
    let weight = |word: &str| {
        words
            .iter()
            .find(|w| w.text == word)
            .map_or(0.0, |w| w.weight)
    };
    let mut found: Vec<(Range<usize>, f32, AbsentKind)> = Vec::new();
    let mut lacked: Vec<&str> = Vec::new();
    for token in &tokens.words {
        if found.iter().any(|(r, _, _)| *r == token.range)
            || weight(&token.text) == 0.0
            || is_present(&token.text)
        {
            continue;
        }
        let has_present_part = tokens.words.iter().any(|part| {
            part.range != token.range
                && token.range.start <= part.range.start
                && part.range.end <= token.range.end
                && is_present(&part.text)
        });
        if has_present_part || miscut_of_present(text, &token.range, &is_word_used) {
            continue;
        }
        // A word the question writes twice (`念书的和…念书的`) is one thing it lacks: its
        // weight counts once, and where it stands alone it is not listed again.
        let repeated = lacked.contains(&token.text.as_str());
        lacked.push(&token.text);
        found.push((
            token.range.clone(),
            if repeated { 0.0 } else { weight(&token.text) },
            kind_of(&token.text),
        ));
    }
    found.sort_by_key(|(r, _, _)| r.start);
    // Each run of adjacent absent words: its range, weight, the weight of its topic pieces, and
    // its kind.
    let mut merged: Vec<(Range<usize>, f32, f32, AbsentKind)> = Vec::new();
    for (range, weight, kind) in found {
        let topic = if kind == AbsentKind::Everyday {
            0.0
        } else {
            weight
        };
        match merged.last_mut() {
            Some(last) if last.0.end >= range.start => {
                last.0.end = last.0.end.max(range.end);
                last.1 += weight;
                last.2 += topic;
                last.3 = last.3.max(kind);
            }
            _ => merged.push((range, weight, topic, kind)),
        }
    }
    merged
        .into_iter()
        .filter(|(_, weight, _, _)| *weight > 0.0)
        .map(|(range, weight, topic, kind)| Absent {
            text: text[range].to_string(),
            // Merged pieces of one word (比特 and 币) name one thing: a topic if its topic
            // pieces weigh `phrase_topic_share` of it. A phrase of everyday words around a
            // noun (`按理说不该放个鞭炮`) is a way of saying something, not a topic.
            kind: if matches!(kind, AbsentKind::Topic | AbsentKind::Name)
                && topic < weight * phrase_topic_share
            {
                AbsentKind::Everyday
            } else {
                kind
            },
            share: if total > 0.0 { weight / total } else { 0.0 },
        })
        .collect()
}

/// Whether a word jieba cut from the question is part of a word the corpus uses, which takes
/// a character from its neighbour (`副总` of `副总理想`, cut `副总` `理想`: the corpus writes
/// 副总理, `is_word_used`): a wrong cut, not a word the question is about.
fn miscut_of_present(
    text: &str,
    range: &Range<usize>,
    is_word_used: &impl Fn(&str) -> bool,
) -> bool {
    let before = text[..range.start]
        .chars()
        .next_back()
        .map_or(0, char::len_utf8);
    let after = text[range.end..].chars().next().map_or(0, char::len_utf8);
    let cjk = |s: &str| s.chars().all(crate::text::is_cjk);
    [
        (range.start - before)..range.end,
        range.start..(range.end + after),
    ]
    .into_iter()
    .filter(|r| r.len() > range.len())
    .any(|r| cjk(&text[r.clone()]) && is_word_used(&text[r]))
}

/// Whether the Chinese senses of an English word the corpus never uses make it a topic: each
/// a noun of jieba's dictionary, or a word it does not know, and none common in Chinese at
/// large (`english_topic_per_million`): `keyboard` → 键盘, `bitcoin` → 比特币; not `daughter`
/// → 女儿, a word of every day.
pub(super) fn rare_nouns(aids: Aids, senses: &[String]) -> bool {
    let most = f64::from(aids.weights.english_topic_per_million) * GENERAL_TOKENS / 1e6;
    !senses.is_empty()
        && senses.iter().all(|sense| {
            let tag = aids.analyzer.tag_of(sense);
            (tag.starts_with('n') || tag == "x")
                && (aids.analyzer.general_frequency(sense) as f64) <= most
        })
}

/// What kind of word an absent word is. A year after the latest document is a later year. A
/// name of jieba's dictionary (a person's, a place's, a body's or another: nr, ns, nt, nz) is a
/// name; another noun, a Latin word or an abbreviation is a topic; a single character,
/// a word of another part of speech, and a word jieba's dictionary does not know are everyday
/// words: in questions the latter are mostly characters jieba glued to their neighbours
/// (`事交给`, `川普是`), rarely a name.
pub(super) fn kind_of(aids: Aids, word: &str, latest: Option<u32>) -> AbsentKind {
    if as_year(word).is_some_and(|y| latest.is_some_and(|l| y > l)) {
        return AbsentKind::LaterYear;
    }
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 {
        return AbsentKind::Everyday;
    }
    if word.is_ascii() {
        return AbsentKind::Topic;
    }
    let analyzer = aids.analyzer;
    if !analyzer.knows_word(word) {
        return AbsentKind::Everyday;
    }
    let tag = analyzer.tag_of(word);
    // jieba tags many words of two characters as names (`谢谢`, `拜托`): a name is longer.
    if chars.len() >= 3 && ["nr", "ns", "nt", "nz"].iter().any(|t| tag.starts_with(t)) {
        AbsentKind::Name
    } else if tag.starts_with('n') || tag == "eng" || tag == "j" {
        AbsentKind::Topic
    } else {
        AbsentKind::Everyday
    }
}

/// Whether a word stands capitalized in a text other than as its first word: a name.
fn is_capitalized_name(text: &str, word: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|w| lexicon::lexicon().uncontracted(w))
        .filter(|w| w.eq_ignore_ascii_case(word))
        .any(|w| w.starts_with(|c: char| c.is_uppercase()) && !first.starts_with(w.as_str()))
}

/// The untranslated words of an English question as absent words: a capitalized word is a
/// name, a word no dictionary knows or one whose senses are rare nouns (`is_rare_noun`) a
/// topic, a year after the documents a later year, others everyday. A name or a topic weighs
/// twice an everyday or a rendered word, as a name weighs more than an everyday word in a
/// Chinese question (it is rarer); each share is of that weighted whole.
pub(super) fn untranslated_absent(
    original: &str,
    missing: &[String],
    rendered: usize,
    translator: &Translator,
    latest: Option<u32>,
    is_rare_noun: impl Fn(&str) -> bool,
) -> Vec<Absent> {
    let kinds: Vec<AbsentKind> = missing
        .iter()
        .map(|word| match as_year(word) {
            Some(year) if latest.is_some_and(|l| year > l) => AbsentKind::LaterYear,
            _ if is_capitalized_name(original, word) => AbsentKind::Name,
            _ if !translator.knows_english(word) => AbsentKind::Topic,
            _ if is_rare_noun(word) => AbsentKind::Topic,
            _ => AbsentKind::Everyday,
        })
        .collect();
    let weight = |kind: &AbsentKind| match kind {
        AbsentKind::Everyday => 1.0,
        _ => TOPIC_WEIGHT,
    };
    let total = rendered as f32 + kinds.iter().map(weight).sum::<f32>();
    // Each word as the question writes it (`Apple`, not `apple`).
    let as_written = |word: &str| {
        original
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map(|w| lexicon::lexicon().uncontracted(w))
            .find(|w| w.eq_ignore_ascii_case(word))
            .unwrap_or_else(|| word.to_string())
    };
    missing
        .iter()
        .zip(&kinds)
        .map(|(word, kind)| Absent {
            text: as_written(word),
            kind: *kind,
            share: weight(kind) / total.max(1.0),
        })
        .collect()
}

/// What an English name the corpus lacks weighs against an everyday or a rendered word.
const TOPIC_WEIGHT: f32 = 2.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzer::Token;

    /// A question cut into `pieces`, each a word of weight 1, as jieba would cut it.
    fn cut(pieces: &[&str]) -> (String, QuestionTokens, Vec<Word>) {
        let mut text = String::new();
        let mut words = Vec::new();
        let mut tokens = Vec::new();
        for piece in pieces {
            let start = text.len();
            text.push_str(piece);
            tokens.push(Token {
                text: piece.to_string(),
                range: start..text.len(),
            });
            words.push(Word {
                text: piece.to_string(),
                weight: 1.0,
            });
        }
        let tokens = QuestionTokens {
            words: tokens,
            skipped: Vec::new(),
            focus: None,
            asked_of: Vec::new(),
            value_nouns: Vec::new(),
            measured: Vec::new(),
            clause_nouns: Vec::new(),
        };
        (text, tokens, words)
    }

    fn topic_unless_one_character(word: &str) -> AbsentKind {
        if word.chars().count() < 2 {
            AbsentKind::Everyday
        } else {
            AbsentKind::Topic
        }
    }

    /// The absent words of a cut question, one-character words everyday and others topics.
    fn absent_of(
        text: &str,
        tokens: &QuestionTokens,
        words: &[Word],
        present: impl Fn(&str) -> bool,
    ) -> Vec<Absent> {
        absent_words(
            text,
            tokens,
            words,
            present,
            |_| false,
            topic_unless_one_character,
            0.3,
        )
    }

    #[test]
    fn adjacent_absent_words_are_joined_and_share_the_questions_weight() {
        // An everyday piece first: the whole is a topic all the same.
        let (text, tokens, words) = cut(&["币", "比特", "价格", "中美"]);
        let present = |w: &str| w == "中美";
        let absent = absent_of(&text, &tokens, &words, present);
        assert_eq!(absent.len(), 1, "{absent:?}");
        assert_eq!(absent[0].text, "币比特价格");
        // A topic if any piece is one.
        assert_eq!(absent[0].kind, AbsentKind::Topic);
        assert!((absent[0].share - 0.75).abs() < 1e-6, "{absent:?}");
    }

    #[test]
    fn a_phrase_of_everyday_words_around_a_noun_is_no_topic() {
        // The kind of the one run of absent words `pieces` make, `noun` the only noun.
        let kind_of_run = |pieces: &[&str], noun: &str| {
            let (text, tokens, words) = cut(pieces);
            let kind = |w: &str| {
                if w == noun {
                    AbsentKind::Topic
                } else {
                    AbsentKind::Everyday
                }
            };
            let absent = absent_words(&text, &tokens, &words, |_| false, |_| false, kind, 0.3);
            assert_eq!(absent.len(), 1, "{absent:?}");
            absent[0].kind
        };
        // `鞭炮` is a noun, but the run is mostly everyday words: a way of saying something.
        assert_eq!(
            kind_of_run(&["按理说", "不该", "放个", "鞭炮"], "鞭炮"),
            AbsentKind::Everyday
        );
        // Half of it nouns: a topic.
        assert_eq!(kind_of_run(&["投到", "铁路"], "铁路"), AbsentKind::Topic);
    }

    #[test]
    fn a_word_written_twice_is_absent_once() {
        // `念书` twice, apart; the question's words are each once, as `weighted_words` gives.
        let (text, tokens, mut words) = cut(&["念书", "和", "念书", "人数"]);
        words.remove(2);
        let present = |w: &str| w == "人数" || w == "和";
        let absent = absent_of(&text, &tokens, &words, present);
        let lacked: Vec<&str> = absent.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(lacked, ["念书"], "{absent:?}");
        assert!((absent[0].share - 1.0 / 3.0).abs() < 1e-6, "{absent:?}");
        // Beside another absent word, it is part of that run, adding no weight.
        let (text, tokens, mut words) = cut(&["念书", "和", "念书", "学费"]);
        words.remove(2);
        let absent = absent_of(&text, &tokens, &words, |w| w == "和");
        let lacked: Vec<&str> = absent.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(lacked, ["念书", "念书学费"], "{absent:?}");
        let share: f32 = absent.iter().map(|a| a.share).sum();
        assert!((share - 2.0 / 3.0).abs() < 1e-6, "{absent:?}");
    }

    #[test]
    fn a_word_the_corpus_uses_a_part_of_is_not_absent() {
        // jieba gives the whole and its parts; the corpus writes one part (`入世`).
        let (text, mut tokens, words) = cut(&["入世谈判"]);
        tokens.words.push(Token {
            text: "入世".into(),
            range: 0.."入世".len(),
        });
        let present = |w: &str| w == "入世";
        assert!(absent_of(&text, &tokens, &words, present).is_empty());
    }

    #[test]
    fn a_word_cut_across_a_word_the_corpus_uses_is_not_absent() {
        // jieba cuts `副总理想` as `副总` `理想`; the corpus writes 副总理.
        let (text, tokens, words) = cut(&["副总", "理想", "老外"]);
        let present = |w: &str| w == "理想";
        let used = |w: &str| w == "副总理";
        let absent = absent_words(
            &text,
            &tokens,
            &words,
            present,
            used,
            |_| AbsentKind::Topic,
            0.3,
        );
        let lacked: Vec<&str> = absent.iter().map(|a| a.text.as_str()).collect();
        // `老外` takes no neighbour into a word the corpus uses.
        assert_eq!(lacked, ["老外"], "{absent:?}");
    }

    #[test]
    fn a_word_of_no_weight_is_never_absent() {
        let (text, tokens, mut words) = cut(&["请问", "中美"]);
        words[0].weight = 0.0;
        let present = |w: &str| w == "中美";
        assert!(absent_of(&text, &tokens, &words, present).is_empty());
    }
}
