//! Ranked passages → an answer: the cited excerpts (`excerpt`), the extractive summary with
//! citation numbers (`summary`), and for moderators how the question was read and ranked
//! (`explain`). Everything here reads the `ScoredPassage`s the ranking made; nothing is
//! measured twice.

mod excerpt;
pub mod explain;
mod summary;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::corpus::lesson_ordinal;
use crate::question::translate::Rendering;
use crate::question::{Lang, Reading, ValueKind};
use crate::rank::{NotFound, Ranking, ScoredPassage, Weights};
use crate::text::{Bigrams, bigram_set, jaccard};

use excerpt::Focus;
pub use explain::{Explanation, PassageExplanation};

/// How answers are made; every field has a key in `config/default.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskSettings {
    /// Excerpts shown.
    pub top_k: usize,
    /// Candidates taken from BM25 for the rerank.
    pub candidates: usize,
    /// The longest excerpt, in characters.
    pub excerpt_chars: usize,
    /// The most sentences in the summary.
    pub summary_sentences: usize,
    /// The longest question accepted, in characters.
    pub max_question_chars: usize,
}

impl Default for AskSettings {
    fn default() -> Self {
        AskSettings {
            top_k: 5,
            candidates: 40,
            excerpt_chars: 400,
            summary_sentences: 3,
            max_question_chars: 500,
        }
    }
}

/// An answer to a question: what the JSON output and every renderer show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    /// The part the question was limited to, if any.
    pub case: Option<String>,
    /// The language the question is written in (`zh` or `en`), which the bot answers in.
    #[serde(default)]
    pub lang: Lang,
    /// Whether the corpus holds something relevant; when false, summary and passages are empty.
    pub found: bool,
    /// Why nothing was found: `small_talk`, `later` (a time after the documents), `absent`
    /// (what the question is about is not in them), `untranslated` (too few English words
    /// found Chinese they use), `unrelated` (nothing matches well enough) or `unstated` (no
    /// value of the kind asked for: see `unstated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_found: Option<NotFound>,
    /// The question's words the documents never use (English ones as written), or for an
    /// unrelated question the words no passage holds together: what was not found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// For `unstated` (the documents speak of the question's subject but state no value of the
    /// kind it asks for), the kinds asked for: `date`, `day`, `duration`, `person`, `figure`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unstated: Vec<ValueKind>,
    /// One to three sentences from the passages, each with the numbers of the passages it cites.
    pub summary: Vec<SummarySentence>,
    /// The cited excerpts, numbered from 1, best first.
    pub passages: Vec<Citation>,
    /// The words that were searched for, in question order.
    pub terms: Vec<String>,
    /// For a question in English: how it was understood, phrase by phrase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub understood: Vec<Rendering>,
    /// The corpus version the answer came from.
    pub corpus_version: String,
}

#[cfg(test)]
impl Answer {
    /// An answer to `question` found with nothing in it yet, for tests of what shows answers.
    pub(crate) fn sample(question: &str) -> Answer {
        Answer {
            question: question.into(),
            case: None,
            lang: Lang::Zh,
            found: true,
            not_found: None,
            unstated: Vec::new(),
            missing: Vec::new(),
            summary: Vec::new(),
            passages: Vec::new(),
            terms: Vec::new(),
            understood: Vec::new(),
            corpus_version: "v1".into(),
        }
    }
}

/// A sentence of the summary, verbatim from a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    pub cites: Vec<usize>,
}

/// A numbered, cited excerpt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The citation number, from 1.
    pub n: usize,
    /// The passage id (stable across rebuilds).
    pub id: String,
    /// The document id and its short name.
    pub doc: String,
    pub doc_title: String,
    /// The part id (`preface`, a case id, or the document id for an article) and its title.
    pub case: String,
    pub case_title: String,
    pub section: Option<String>,
    pub page: Option<u32>,
    /// The document's date, for sources without pages.
    pub date: Option<String>,
    /// Exactly the text shown: at most `excerpt_chars` characters, "…" marking cuts.
    pub excerpt: String,
    /// Character ranges `[start, end)` of `excerpt` that matched the question.
    pub marks: Vec<[usize; 2]>,
    pub score: f32,
}

/// How an answer is cut: its settings and weights, and how many excerpts to show.
#[derive(Debug, Clone, Copy)]
pub struct Cut<'a> {
    pub settings: &'a AskSettings,
    pub weights: &'a Weights,
    pub top_k: usize,
}

/// The answer to a reading from its ranking (`None` for a question about nothing the corpus
/// knows), made from the catalog that was built with the index that ranked.
pub fn answer(reading: &Reading, ranking: Option<Ranking>, catalog: &Catalog, cut: Cut) -> Answer {
    let relevance = ranking.as_ref().map_or_else(
        || crate::rank::relevance::decide(reading, &[], cut.weights),
        |r| r.relevance.clone(),
    );
    let mut answer = Answer {
        question: reading.original.clone(),
        case: reading.case.clone(),
        lang: reading.lang,
        found: false,
        not_found: relevance.not_found,
        missing: missing(reading, ranking.as_ref(), relevance.not_found),
        unstated: if relevance.not_found == Some(NotFound::Unstated) {
            // A life fact or an outcome, when asked, is what is missing, whatever else is given.
            let musts: Vec<ValueKind> = relevance
                .values_asked
                .iter()
                .copied()
                .filter(|k| k.must_be_stated())
                .collect();
            if musts.is_empty() {
                relevance.values_asked.clone()
            } else {
                musts
            }
        } else {
            Vec::new()
        },
        summary: Vec::new(),
        passages: Vec::new(),
        terms: reading.words.iter().map(|w| w.text.clone()).collect(),
        understood: reading.understood.clone(),
        corpus_version: catalog.version(),
    };
    let Some(ranking) = ranking.filter(|r| r.relevance.found) else {
        return answer;
    };
    answer.found = true;
    let shown = distinct(
        ranking
            .passages
            .into_iter()
            .filter(|c| c.measure.coverage > 0.0 || c.asked_for),
        cut.top_k,
        cut.weights.near_duplicate,
    );
    let words: Vec<&str> = reading.words.iter().map(|w| w.text.as_str()).collect();
    answer.passages = shown
        .iter()
        .enumerate()
        .map(|(i, scored)| {
            let focus = if reading.intent.lessons && lesson_ordinal(&scored.passage.text).is_some()
            {
                Focus::Lead
            } else {
                Focus::BestMatch
            };
            cite(i + 1, scored, reading, &words, catalog, cut.settings, focus)
        })
        .collect();
    answer.summary = summary::summarize(
        &shown,
        reading,
        catalog,
        cut.settings.summary_sentences,
        cut.weights,
    );
    answer
}

/// What was not found: the question's absent topic words and later years; for a question
/// refused as unrelated, the names none of the first passages holds and the best passage's
/// heaviest words (`印度`, `碳中和`: no passage speaks of them together), or else its absent
/// everyday words, or else the words the best passage does not hold.
fn missing(
    reading: &Reading,
    ranking: Option<&Ranking>,
    not_found: Option<NotFound>,
) -> Vec<String> {
    use crate::question::AbsentKind;
    let named = |everyday: bool| -> Vec<String> {
        reading
            .absent
            .iter()
            .filter(|a| everyday || a.kind != AbsentKind::Everyday)
            .map(|a| a.text.clone())
            .collect()
    };
    match not_found {
        Some(NotFound::SmallTalk) => Vec::new(),
        None => named(false),
        // The time after the documents first: the refusal names it.
        Some(NotFound::Later) => {
            let later = reading.later_year().unwrap_or_default().to_string();
            let mut words = vec![later.clone()];
            words.extend(named(false).into_iter().filter(|w| *w != later));
            words
        }
        // A name the first passages do not hold, with what the best passage does speak of:
        // no passage speaks of the two together.
        Some(NotFound::Unrelated) if ranking.is_some_and(|r| r.relevance.names_refused) => {
            let ranking = ranking.expect("checked above");
            let mut words = ranking.relevance.names_missing.clone();
            if let Some(best) = ranking.passages.first() {
                let mut held: Vec<_> = reading
                    .words
                    .iter()
                    .filter(|w| best.measure.lowered.contains(&w.text))
                    .collect();
                held.sort_by(|a, b| b.weight.total_cmp(&a.weight));
                let held = longest_once(held.into_iter().map(|w| w.text.clone()).collect());
                words.extend(held.into_iter().take(2));
            }
            as_the_question_wrote(reading, words)
        }
        // A title the documents never write: the refusal names it.
        Some(NotFound::Absent) if ranking.is_some_and(|r| r.relevance.title_absent.is_some()) => {
            let title = ranking
                .and_then(|r| r.relevance.title_absent.clone())
                .expect("checked above");
            vec![format!("《{title}》")]
        }
        Some(kind) => {
            let mut words = named(false);
            // A value the documents do not state is what is missing, not the question's
            // everyday words (`went`, `under`).
            if words.is_empty() && kind != NotFound::Unstated {
                words = named(true);
            }
            if words.is_empty()
                && let Some(best) = ranking.and_then(|r| r.passages.first())
            {
                words = reading
                    .words
                    .iter()
                    .filter(|w| !best.measure.lowered.contains(&w.text))
                    .map(|w| w.text.clone())
                    .collect();
            }
            as_the_question_wrote(reading, longest_once(words))
        }
    }
}

/// Each word once in its longest form: `碳中和`, not also `中和`; `王辉耀`, not also `辉耀`.
fn longest_once(words: Vec<String>) -> Vec<String> {
    words
        .iter()
        .filter(|w| !crate::text::within_longer(w, words.iter().map(String::as_str)))
        .cloned()
        .collect()
}

/// An English question's words as it wrote them (`India`, not 印度), each once; a Chinese
/// question's as they are.
fn as_the_question_wrote(reading: &Reading, words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        let written = reading
            .understood
            .iter()
            .find(|r| r.chinese.iter().any(|c| c.to_lowercase() == word))
            .map_or(word, |r| as_written(&reading.original, &r.english));
        if !out.contains(&written) {
            out.push(written);
        }
    }
    out
}

/// A lowercased phrase as a text writes it, as a whole word (`Japan` for `japan`, not the
/// `us` of `because`), or as it is.
fn as_written(text: &str, phrase: &str) -> String {
    let lowered = text.to_ascii_lowercase();
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    lowered
        .match_indices(phrase)
        .map(|(at, _)| at)
        .find(|&at| {
            !word_char(lowered[..at].chars().next_back())
                && !word_char(lowered[at + phrase.len()..].chars().next())
        })
        .and_then(|at| text.get(at..at + phrase.len()))
        .unwrap_or(phrase)
        .to_string()
}

/// The best `most` candidates, leaving out any that nearly repeats a better one (the preface
/// retells the cases).
fn distinct(
    ranked: impl Iterator<Item = ScoredPassage>,
    most: usize,
    near_duplicate: f32,
) -> Vec<ScoredPassage> {
    let mut kept: Vec<(ScoredPassage, Bigrams)> = Vec::new();
    for candidate in ranked {
        if kept.len() == most {
            break;
        }
        let grams = bigram_set(&candidate.passage.text);
        if kept
            .iter()
            .all(|(_, other)| jaccard(&grams, other) < near_duplicate)
        {
            kept.push((candidate, grams));
        }
    }
    kept.into_iter().map(|(c, _)| c).collect()
}

fn cite(
    n: usize,
    scored: &ScoredPassage,
    reading: &Reading,
    words: &[&str],
    catalog: &Catalog,
    settings: &AskSettings,
    focus: Focus,
) -> Citation {
    let passage = &scored.passage;
    let excerpt = excerpt::window(
        &passage.text,
        &scored.measure.sentences,
        &reading.terms,
        settings.excerpt_chars,
        focus,
    );
    let marks = excerpt::marks(&excerpt, words);
    let document = catalog.document(&passage.doc);
    let part = catalog.part(&passage.part);
    Citation {
        n,
        id: passage.id.clone(),
        doc: passage.doc.clone(),
        doc_title: document.map_or_else(|| passage.doc.clone(), |d| d.short.clone()),
        case: passage.part.clone(),
        case_title: part.map_or_else(|| passage.part.clone(), |p| p.title.clone()),
        section: passage.section.clone(),
        page: passage.page,
        date: document.and_then(|d| d.date.clone()),
        excerpt,
        marks,
        score: (scored.score * 1000.0).round() / 1000.0,
    }
}
