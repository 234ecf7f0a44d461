//! A question's words and how they are weighed and widened: each content word weighted by its
//! rarity in the corpus, a decade's words by all its years, a nickname (川普) by the report's
//! name for it (特朗普); then the terms a passage is measured by, each with the synonyms, years
//! and thesaurus words that stand for it; and the query the index is asked.

use std::collections::HashSet;
use std::ops::Range;

use super::absent::{absent_words, kind_of};
use super::dates::{self, Decade};
use super::lexicon::lexicon;
use super::senses::corpus_frequency;
use super::term::Term;
use super::thesaurus::Thesaurus;
use super::{AbsentKind, Aids, AskError, Lang, Reading, Word, intent};
use crate::search::analyzer::{QuestionTokens, grams};
use crate::search::{Analyzer, SearchIndex, SearchQuery};

/// Fills in what a reading knows of its words, from its normalized text; `latest` is the year
/// of the latest document.
pub(super) fn weigh(
    reading: &mut Reading,
    aids: Aids,
    latest: Option<u32>,
) -> Result<(), AskError> {
    let Aids {
        index,
        analyzer,
        catalog,
        synonyms,
        thesaurus,
        weights,
        ..
    } = aids;
    let text = analyzer.unglued(&reading.normalized).into_owned();
    let decades = dates::decades(&text);
    let tokens = analyzer.read_question(&text);
    let words = weigh_decades(index, weighted_words(index, &tokens), &decades);
    // Words the corpus writes otherwise (川普 for its 特朗普), found once: each is as rare as
    // its synonyms, and stays a word to look for.
    let otherwise: Vec<(&str, f32)> = words
        .iter()
        .filter(|word| !index.knows_word(&word.text))
        .filter_map(|word| {
            let group = synonyms.group_of(&word.text)?;
            group
                .iter()
                .any(|w| corpus_frequency(aids, w) > 0)
                .then(|| (word.text.as_str(), index.any_word_idf(group)))
        })
        .collect();
    let said_otherwise = |word: &str| {
        otherwise
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, idf)| *idf)
    };
    let words: Vec<Word> = words
        .iter()
        .map(|word| match said_otherwise(&word.text) {
            Some(idf) => Word {
                text: word.text.clone(),
                weight: word.weight.min(idf),
            },
            None => word.clone(),
        })
        .collect();
    if words.is_empty() && reading.rendered_share < 1.0 {
        // English words with no Chinese the corpus uses: a question about something else.
        return Ok(());
    }
    if words.is_empty() {
        // A question asking only what a document says as a whole (`summarize the report`):
        // its candidates are the passages saying so.
        let intent = intent::read_question(&text, &reading.original, reading.lang, catalog);
        if intent.gist {
            reading.intent = intent;
            return Ok(());
        }
        return Err(AskError::NoWords);
    }
    let grams = question_grams(&text, &tokens);
    let expansions = synonyms.expansions(&text);
    let related = thesaurus.map_or_else(Vec::new, |t| {
        related_words(index, t, &words, &decades, weights.related_min_idf)
    });
    // An English word's Chinese senses (`joined` → 加入, 联合, 进入) are one thing the
    // question asks about: one term, its first sense present, the others its alternatives,
    // as rare as its rarest. (Seven words for `WTO` outweighed a question's one word for
    // `celebration`.)
    let senses: Vec<Vec<String>> = reading
        .understood
        .iter()
        .map(|r| {
            r.chinese
                .iter()
                .map(|c| c.to_lowercase())
                .filter(|c| words.iter().any(|w| w.text == *c))
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() > 1)
        .collect();
    // Its other senses go, and the pieces jieba cut them into (世贸组织 → 世贸, 组织), unless
    // a sense kept holds the piece (`trade` → 贸易 beside `WTO` → 世界贸易组织).
    let kept_senses: Vec<String> = reading
        .understood
        .iter()
        .flat_map(|r| r.chinese.iter().map(|c| c.to_lowercase()))
        .filter(|c| !senses.iter().any(|g| g[1..].contains(c)))
        .collect();
    let words: Vec<Word> = words
        .iter()
        .filter(|w| {
            kept_senses.iter().any(|k| k.contains(&w.text))
                || !senses
                    .iter()
                    .any(|g| g[1..].iter().any(|s| s.contains(&w.text)))
        })
        .map(|w| match senses.iter().find(|g| g[0] == w.text) {
            Some(group) => Word {
                text: w.text.clone(),
                weight: words
                    .iter()
                    .filter(|o| group.contains(&o.text))
                    .map(|o| o.weight)
                    .fold(w.weight, f32::max),
            },
            None => w.clone(),
        })
        .collect();
    let contracted = contractions(&tokens, analyzer);
    let other_senses = |word: &str| -> Vec<String> {
        senses
            .iter()
            .find(|g| g[0] == word)
            .map(|g| g[1..].to_vec())
            .unwrap_or_default()
    };
    // Words and bigrams weighted by rarity, half the weight each, summing to 1: how much of
    // the question a sentence or passage holds. A passage holding a synonym of a question's
    // word, or a year of a decade it names, holds that word; one holding a related word from
    // the thesaurus holds part of it.
    let widen = |terms: Vec<Term>| -> Vec<Term> {
        terms
            .into_iter()
            .map(|mut term| {
                term.alternatives = synonyms.alternatives(&term.text);
                term.alternatives.extend(other_senses(&term.text));
                term.alternatives.extend(
                    contracted
                        .iter()
                        .filter(|(w, _)| *w == term.text)
                        .map(|(_, c)| c.clone()),
                );
                term.years = decades
                    .iter()
                    .find(|d| d.is_named_by(&term.text))
                    .map(|d| d.prefix.clone());
                term.related = related
                    .iter()
                    .filter(|(w, _)| *w == term.text)
                    .flat_map(|(_, r)| r.iter())
                    .filter(|r| !term.forms().any(|f| f == r.as_str()))
                    .cloned()
                    .collect();
                term.related_credit = weights.related_credit;
                term
            })
            .collect()
    };
    // A word the corpus never writes (nor a synonym of it) that is no topic (a verb, a word of
    // speech: `隔`, `飞去`) the corpus may say otherwise: it weighs less in whether the
    // question is answered. (A thesaurus word for it is not it: `惊险` weighs half though the
    // corpus writes 危险.)
    let judged: Vec<Word> = words
        .iter()
        .map(|w| {
            let never_written = !index.knows_word(&w.text) && said_otherwise(&w.text).is_none();
            if never_written && kind_of(aids, &w.text, latest) == AbsentKind::Everyday {
                Word {
                    text: w.text.clone(),
                    weight: w.weight * weights.everyday_absent,
                }
            } else {
                w.clone()
            }
        })
        .collect();
    reading.relevance_terms = widen(match_terms(index, &judged, &grams, |w| {
        analyzer.knows_word(w) || said_otherwise(w).is_some()
    }));
    reading.terms = widen(match_terms(
        index,
        &as_matched(index, &words, reading.lang),
        &grams,
        |w| said_otherwise(w).is_some(),
    ));
    reading.query = SearchQuery {
        words: query_words(aids, &words, &expansions, &decades, &related),
        context_weight: weights.context,
        taught_weight: weights.taught_match,
        part: reading.case.clone(),
    };
    // A phrase of the synonyms the question writes, which the corpus says otherwise, is
    // present in every piece jieba cuts it into (`小平同志`: the corpus writes 邓小平).
    let written_otherwise: Vec<&str> = synonyms
        .written_in(&text)
        .filter(|(_, group)| group.iter().any(|w| corpus_frequency(aids, w) > 0))
        .map(|(written, _)| written)
        .collect();
    let is_present = |word: &str| {
        index.knows_word(word)
            || said_otherwise(word).is_some()
            || written_otherwise.iter().any(|p| p.contains(word))
            || related.iter().any(|(w, _)| w == word)
            || decades.iter().any(|d| d.is_named_by(word))
            || intent::names_a_part(word, catalog)
    };
    reading.intent = intent::read_question(&text, &reading.original, reading.lang, catalog);
    reading.absent.extend(absent_words(
        &text,
        &tokens,
        &words,
        is_present,
        // Two words the corpus uses, side by side (`副总理`: the index cuts 副, 总理).
        |word: &str| {
            word.char_indices()
                .skip(1)
                .any(|(at, _)| index.knows_word(&word[..at]) && index.knows_word(&word[at..]))
        },
        |word| kind_of(aids, word, latest),
        weights.phrase_topic_share,
    ));
    let corpus_tokens = index.total_tokens().max(1) as f64;
    reading.keyness = words
        .iter()
        // A number is no word a corpus is about, whatever its count (`2`, `2020`).
        .filter(|w| !w.text.chars().all(|c| c.is_ascii_digit()))
        // What an English question is about is in the nouns it renders: a verb's Chinese is
        // one sense of several, often not the one meant (`playing` → 起到, `cutting` → 缩减).
        .filter(|w| reading.lang != Lang::En || w.text.is_ascii() || is_nounlike(analyzer, &w.text))
        // A piece jieba cut from a longer word of the question (`大利` of `澳大利亚`) is not a
        // word it is about.
        .filter(|w| !is_piece(&w.text, &words))
        .filter_map(|w| {
            let count = index.term_count(&w.text);
            let general = analyzer.general_frequency(&w.text);
            (count > 0).then(|| (w.text.clone(), keyness(count, corpus_tokens, general)))
        })
        .collect();
    // A question naming a part is about the names it asks of it however often the corpus
    // uses them elsewhere (`王辉耀对台湾问题是怎么看的`: the report speaks of 台湾, the FT
    // commentary does not).
    let min_idf = if reading.intent.parts.is_empty() {
        weights.name_min_idf
    } else {
        0.0
    };
    reading.names = words
        .iter()
        .filter(|w| {
            w.weight >= min_idf
                && w.text.chars().count() > 1
                && !w.text.is_ascii()
                && analyzer.knows_word(&w.text)
                // A word the corpus never writes but the thesaurus relates to words it
                // does is a common word jieba tags as a name (`立马`, 立即), not a name.
                && (index.knows_word(&w.text) || !related.iter().any(|(r, _)| *r == w.text))
                && !intent::names_a_part(&w.text, catalog)
                && !(reading.intent.place && lexicon().place_nouns.contains(&w.text))
                // A word the thesaurus files only among actions and states is none (`上台`,
                // which jieba's dictionary tags as a place).
                && !thesaurus.is_some_and(|t| t.only_happenings(&w.text))
                && is_name_tag(&analyzer.tag_of(&w.text))
                && !is_piece(&w.text, &words)
        })
        .map(|w| w.text.clone())
        .collect();
    reading.words = words;
    reading.focus = tokens.focus.clone();
    let value_nouns;
    (reading.asked_of, value_nouns) = if reading.lang == Lang::En {
        let asked = super::asked::english_asked(&reading.original, &reading.understood);
        (asked.whose, asked.value)
    } else {
        (tokens.asked_of.clone(), tokens.value_nouns.clone())
    };
    reading.asked_title =
        super::asked::asked_title(&value_nouns).or_else(|| reading.intent.holder_of.clone());
    // An English question's noun after `how many` is as often the unit (`years`, `times`).
    reading.measured = match reading.lang {
        Lang::Zh => tokens.measured.clone(),
        Lang::En => super::asked::english_measured(reading),
    };
    // A date or a place is of what the whole clause asking it names
    // (`中国正式递交加入CPTPP的申请是哪一年`: CPTPP as much as 中国), not only of the nouns
    // right before its question word.
    let when_or_where = reading.intent.values_asked().iter().any(|k| {
        matches!(
            k,
            super::ValueKind::Date
                | super::ValueKind::Month
                | super::ValueKind::Day
                | super::ValueKind::Place
        )
    });
    if reading.lang == Lang::Zh && when_or_where && weights.when_and_where_of_clause_nouns {
        for noun in &tokens.clause_nouns {
            if !reading.asked_of.contains(noun) {
                reading.asked_of.push(noun.clone());
            }
        }
    }
    reading.read_whose_value(weights.min_keyness, weights.value_of_min_idf);
    // The titles of the documents and their parts are the corpus's own, whether or not a
    // passage writes them.
    reading.titles = crate::text::titles(&text)
        .into_iter()
        .filter(|title| !intent::names_a_part(&crate::text::lowercase(title), catalog))
        .map(|title| {
            let title = crate::text::lowercase(title);
            let others = synonyms.alternatives(&title);
            (title, others)
        })
        .collect();
    reading.grams = grams;
    reading.expansions = expansions;
    reading.related = related;
    Ok(())
}

/// The words of the question written shorter before a verb, with that shorter form: `重新` in
/// `重新开张` is also `重开`, as the report writes it (`[chinese] contractions`).
fn contractions(tokens: &QuestionTokens, analyzer: &Analyzer) -> Vec<(String, String)> {
    let lexicon = super::lexicon::lexicon();
    tokens
        .words
        .iter()
        .filter_map(|word| {
            let short = lexicon.contraction_of(&word.text)?;
            let verb = tokens
                .words
                .iter()
                .find(|next| next.range.start == word.range.end)?;
            let first = verb.text.chars().next()?;
            let tag = analyzer.tag_of(&verb.text);
            (crate::text::is_cjk(first) && tag.starts_with('v') && tag != "vn")
                .then(|| (word.text.clone(), format!("{short}{first}")))
        })
        .collect()
}

/// Whether a word is a piece jieba cut from a longer word of the question (`大利` of `澳大利亚`).
fn is_piece(word: &str, words: &[Word]) -> bool {
    crate::text::within_longer(word, words.iter().map(|w| w.text.as_str()))
}

/// Whether jieba takes a word for a noun, a verbal noun or an abbreviation, or does not know it
/// well enough to say (`x`).
fn is_nounlike(analyzer: &Analyzer, word: &str) -> bool {
    let tag = analyzer.tag_of(word);
    tag.starts_with('n') || ["vn", "j", "x"].contains(&tag.as_str())
}

/// Whether a part-of-speech tag of jieba's marks a name of a person, a place or a body.
fn is_name_tag(tag: &str) -> bool {
    ["nr", "ns", "nt", "nz"].iter().any(|t| tag.starts_with(t))
}

/// How much more often the corpus uses a word (`count` times in its `corpus_tokens` words)
/// than jieba's general dictionary counts it: the log of the ratio of the two rates, each
/// smoothed so that a word one of them never saw stays finite.
fn keyness(count: u64, corpus_tokens: f64, general: u64) -> f32 {
    let corpus_rate = (count as f64 + 0.5) / corpus_tokens;
    let general_rate = (general as f64 + 1.0) / crate::search::analyzer::GENERAL_TOKENS;
    (corpus_rate / general_rate).ln() as f32
}

/// The question's content words, each weighted by its inverse document frequency; repeated
/// words count once, and counting words (`第一条`, `五条`) are left to the intent.
fn weighted_words(index: &SearchIndex, tokens: &QuestionTokens) -> Vec<Word> {
    let lexicon = super::lexicon::lexicon();
    let mut seen = HashSet::new();
    tokens
        .words
        .iter()
        .filter(|t| !lexicon.is_counting(&t.text))
        .filter(|t| seen.insert(t.text.clone()))
        .map(|t| Word {
            text: t.text.clone(),
            weight: index.word_idf(&t.text),
        })
        .collect()
}

/// The words as passages are ranked by them: a one-character word as rare as the character
/// inside any word, as it is matched (`进` in `进一步`, `促进`), when that is the lower.
fn as_matched(index: &SearchIndex, words: &[Word], lang: Lang) -> Vec<Word> {
    words
        .iter()
        .map(|w| {
            let mut chars = w.text.chars();
            let weight = match (chars.next(), chars.next()) {
                (Some(c), None) if lang == Lang::Zh && crate::text::is_cjk(c) => {
                    w.weight.min(index.character_idf(c))
                }
                _ => w.weight,
            };
            Word {
                text: w.text.clone(),
                weight,
            }
        })
        .collect()
}

/// The question's words with a decade's (`70`, `年代`) weighted as rare as all its years
/// together: the seventies are as common in the text as 1970 to 1979 are.
fn weigh_decades(index: &SearchIndex, mut words: Vec<Word>, decades: &[Decade]) -> Vec<Word> {
    for decade in decades {
        let mut forms = decade.years();
        forms.push(decade.name.clone());
        let idf = index.any_word_idf(&forms);
        for word in words.iter_mut() {
            if decade.is_named_by(&word.text) {
                word.weight = word.weight.min(idf);
            }
        }
    }
    words
}

/// Each question word the corpus uses rarely, with the thesaurus's synonyms of it that the
/// corpus uses. Words the corpus uses everywhere are its own words already; a decade's words
/// have their years.
fn related_words(
    index: &SearchIndex,
    thesaurus: &Thesaurus,
    words: &[Word],
    decades: &[Decade],
    min_idf: f32,
) -> Vec<(String, Vec<String>)> {
    words
        .iter()
        .filter(|word| word.weight >= min_idf && !decades.iter().any(|d| d.is_named_by(&word.text)))
        .filter_map(|word| {
            let related: Vec<String> = thesaurus
                .related(&word.text)
                .into_iter()
                .filter(|r| index.knows_word(r))
                .map(str::to_string)
                .collect();
            (!related.is_empty()).then(|| (word.text.clone(), related))
        })
        .collect()
}

/// What BM25 looks for: the question's words at their weight, and for less the synonyms the
/// list gives that the corpus writes, the years of a decade it names and the thesaurus's
/// related words.
fn query_words(
    aids: Aids,
    words: &[Word],
    expansions: &[String],
    decades: &[Decade],
    related: &[(String, Vec<String>)],
) -> Vec<(String, f32)> {
    let Aids {
        index,
        analyzer,
        weights,
        ..
    } = aids;
    let mut query: Vec<(String, f32)> = words.iter().map(|w| (w.text.clone(), w.weight)).collect();
    let mut add = |word: String, weight: f32| {
        if !query.iter().any(|(w, _)| *w == word) {
            query.push((word, weight));
        }
    };
    for expansion in expansions {
        // A synonym the corpus never writes adds nothing: its pieces are other words
        // (`拜振华` → 振华, of 解振华). A word of jieba's dictionary the corpus wrote would be
        // one of its words; another the corpus may write only if it uses every piece.
        let tokens = analyzer.words(expansion);
        let written = if analyzer.knows_word(expansion) {
            index.knows_word(&crate::text::lowercase(expansion))
        } else {
            tokens.iter().all(|t| index.knows_word(&t.text))
        };
        if !written {
            continue;
        }
        for token in tokens {
            let weight = index.word_idf(&token.text) * weights.expansion;
            add(token.text, weight);
        }
    }
    for decade in decades {
        let weight = words
            .iter()
            .find(|w| w.text == decade.name)
            .map_or(0.0, |w| w.weight * weights.expansion);
        for year in decade.years().into_iter().filter(|y| index.knows_word(y)) {
            add(year, weight);
        }
    }
    for word in related.iter().flat_map(|(_, r)| r) {
        add(word.clone(), index.word_idf(word) * weights.expansion);
    }
    query
}

/// Words and bigrams with weights from their rarity, each kind normalized to half of 1; of the
/// words the corpus never uses, only those `keep_unknown` says are kept.
fn match_terms(
    index: &SearchIndex,
    words: &[Word],
    grams: &[String],
    keep_unknown: impl Fn(&str) -> bool,
) -> Vec<Term> {
    let words: Vec<&Word> = words
        .iter()
        .filter(|w| index.knows_word(&w.text) || keep_unknown(&w.text))
        .collect();
    // Bigrams weigh alike: a bigram is a piece of a word, not a word with a rarity of its own.
    let gram_weight = 1.0_f32;
    let word_total: f32 = words.iter().map(|w| w.weight).sum();
    let gram_total: f32 = grams.iter().map(|_| gram_weight).sum();
    let (word_share, gram_share) = match (word_total > 0.0, gram_total > 0.0) {
        (true, true) => (0.5, 0.5),
        (true, false) => (1.0, 0.0),
        (false, true) => (0.0, 1.0),
        (false, false) => (0.0, 0.0),
    };
    let mut terms: Vec<Term> = words
        .iter()
        .map(|w| Term::new(w.text.clone(), w.weight / word_total * word_share))
        .collect();
    terms.extend(
        grams
            .iter()
            .map(|g| Term::new(g.clone(), gram_weight / gram_total * gram_share)),
    );
    terms
}

/// Bigrams of the question outside its question words, each once.
fn question_grams(text: &str, tokens: &QuestionTokens) -> Vec<String> {
    let skip: &[Range<usize>] = &tokens.skipped;
    let mut seen = HashSet::new();
    grams(text)
        .into_iter()
        .filter(|g| {
            !skip
                .iter()
                .any(|r| r.start < g.range.end && g.range.start < r.end)
        })
        .filter(|g| seen.insert(g.text.clone()))
        .map(|g| g.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_key_to_the_corpus_when_it_uses_it_far_more_than_chinese_at_large() {
        // In a corpus of 50,000 words: 关税 said 120 times, rare in general Chinese; 良好 said
        // 10 times, as common in general Chinese as in the corpus.
        let tariff = keyness(120, 50_000.0, 2_000);
        let good = keyness(10, 50_000.0, 12_000);
        assert!(tariff > 3.0, "{tariff}");
        assert!(good.abs() < 0.5, "{good}");
        // A word the corpus says once and general Chinese never: key, but finite.
        assert!(keyness(1, 50_000.0, 0).is_finite());
    }

    #[test]
    fn bigrams_inside_question_words_are_left_out_and_each_bigram_counts_once() {
        // 为啥 (bytes 0..6) asks, 的 (12..15) is a function word.
        let text = "为啥中美的中美合作";
        let tokens = QuestionTokens {
            words: Vec::new(),
            skipped: vec![0..6, 12..15],
            focus: None,
            asked_of: Vec::new(),
            value_nouns: Vec::new(),
            measured: Vec::new(),
            clause_nouns: Vec::new(),
        };
        assert_eq!(question_grams(text, &tokens), vec!["中美", "美合", "合作"]);
    }
}
