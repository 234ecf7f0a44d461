//! Ranking a reading's candidates: each passage measured once against the question's terms
//! (`score`), what the question's wording adds (`hints`, reading spans for each kind of answer
//! with `kinds`), one table of weights (`weights`), and
//! the found / not found decision (`relevance`). The answer stage gets `ScoredPassage`s, best
//! first, with everything it needs already computed.

pub mod candidates;
pub mod hints;
pub mod kinds;
pub mod relevance;
pub mod score;
mod stating;
pub mod values;
pub mod weights;

use crate::catalog::Catalog;
use crate::corpus::Passage;
use crate::question::{Reading, Term};
use crate::search::{Hit, SearchError, SearchIndex};

pub use relevance::{NotFound, Relevance};
pub use score::{Measure, Sentence};
pub use weights::Weights;

/// A candidate passage with its score and the measures it was scored by.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredPassage {
    pub passage: Passage,
    /// BM25 over the index.
    pub bm25: f32,
    /// `bm25 × BM25/best + coverage × coverage + best_span × best span + section inherited
    /// + taught × taught share + bonus`.
    pub score: f32,
    /// What the hints added.
    pub bonus: f32,
    /// The share of the question the passage's section holds, among the candidates.
    pub section: f32,
    /// Whether the passage is what the question's structure asks for (the lesson it numbers).
    pub asked_for: bool,
    /// Whether a sentence of the passage about the question (or a sentence beside it) states
    /// a value of the kind the question asks for: a date, a length of time, a person, a figure
    /// (of the measure asked), a fact of a life; and, for whether something came to pass, its
    /// sentence most about the question does not foresee it. Read for the first `relevance_candidates` passages, which the decision looks at; false
    /// for the others.
    pub states_value: bool,
    pub measure: Measure,
}

/// The ranked candidates and the decision whether the best of them answers.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub passages: Vec<ScoredPassage>,
    pub relevance: Relevance,
}

/// Where a passage may answer: its best span, and its sentences holding at least `share` of
/// what the best span holds (a sentence's own words against the span's with its heading's, so
/// under a heading holding the question's words the best span is most often read alone).
fn answering_text(text: &str, measure: &Measure, share: f32) -> String {
    let mut out = text[measure.span.clone()].to_string();
    if share < 1.0 && measure.span_share > 0.0 {
        for sentence in &measure.sentences {
            let outside = sentence.range.end <= measure.span.start
                || sentence.range.start >= measure.span.end;
            if outside && sentence.score >= share * measure.span_share {
                out.push_str(&text[sentence.range.clone()]);
            }
        }
    }
    out
}

/// Fetches a reading's candidates (at most `candidates` from BM25) and ranks them.
pub fn rank(
    reading: &Reading,
    index: &SearchIndex,
    catalog: &Catalog,
    weights: &Weights,
    candidates: usize,
) -> Result<Ranking, SearchError> {
    let hits = candidates::fetch(index, catalog, reading, candidates)?;
    let passages = score_all(hits, reading, catalog, weights);
    let relevance = relevance::decide(reading, &passages, weights);
    Ok(Ranking {
        passages,
        relevance,
    })
}

/// Scores candidates by BM25, word coverage of the passage and of its best span, and the
/// question's hints; best first, equals in reading order.
fn score_all(
    hits: Vec<Hit>,
    reading: &Reading,
    catalog: &Catalog,
    weights: &Weights,
) -> Vec<ScoredPassage> {
    let best_bm25 = hits
        .iter()
        .map(|h| h.score)
        .fold(f32::MIN, f32::max)
        .max(f32::EPSILON);
    let measured: Vec<(Hit, Measure)> = hits
        .into_iter()
        .map(|hit| {
            let heading = heading(&hit.passage, catalog);
            let measure = score::measure(&hit.passage, &heading, &reading.terms, weights);
            (hit, measure)
        })
        .collect();
    let sections = section_shares(&measured, &reading.terms);
    let mut scored: Vec<ScoredPassage> = measured
        .into_iter()
        .zip(sections)
        .map(|((hit, measure), section)| {
            let span = answering_text(&hit.passage.text, &measure, weights.answer_span_share);
            let hints = hints::score(&hit.passage, &span, &reading.intent, catalog, weights);
            let inherited = weights.section * (section - measure.coverage).max(0.0);
            let score = weights.bm25 * hit.score / best_bm25
                + weights.coverage * measure.coverage
                + weights.best_span * measure.span_share
                + inherited
                + weights.taught * measure.taught
                + hints.bonus;
            ScoredPassage {
                passage: hit.passage,
                bm25: hit.score,
                score,
                bonus: hints.bonus,
                section,
                asked_for: hints.asked_for,
                states_value: false,
                measure,
            }
        })
        .collect();
    // Equal scores keep the passages' reading order: the index's own order of equals depends
    // on how its build happened to split the passages between threads.
    scored.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then_with(|| {
            (a.passage.doc.as_str(), a.passage.seq).cmp(&(b.passage.doc.as_str(), b.passage.seq))
        })
    });
    stating::read_values(&mut scored, reading, catalog, weights);
    scored
}

/// For each candidate, the share of the question its section holds: each term at the best
/// credit any candidate of the same section gives it (a section's passages speak of one thing,
/// and the question's words may be spread over them). A passage outside any section has its
/// own coverage.
fn section_shares(measured: &[(Hit, Measure)], terms: &[Term]) -> Vec<f32> {
    let key = |hit: &Hit| {
        let p = &hit.passage;
        p.section
            .as_ref()
            .map(|section| (p.doc.clone(), p.part.clone(), section.clone()))
    };
    measured
        .iter()
        .map(|(hit, measure)| {
            let Some(section) = key(hit) else {
                return measure.coverage;
            };
            let members: Vec<&Measure> = measured
                .iter()
                .filter(|(other, _)| key(other).as_ref() == Some(&section))
                .map(|(_, m)| m)
                .collect();
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let best = members.iter().map(|m| m.held[i]).fold(0.0, f32::max);
                    t.weight * best
                })
                .sum()
        })
        .collect()
}

/// What a passage is filed under, lowercased: its part's title and its section's.
fn heading(passage: &Passage, catalog: &Catalog) -> String {
    let part = catalog.part(&passage.part).map_or("", |p| p.title.as_str());
    let section = passage.section.as_deref().unwrap_or_default();
    crate::text::lowercase(&format!("{part} {section}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Term;

    #[test]
    fn the_hints_read_the_best_span_and_the_sentences_nearly_as_much_about_the_question() {
        let text = "中国积极推动入世。当时的中国因为出口受限而急于入世。此外还有别的事。";
        let ranges = crate::text::sentences(text);
        let scores = [1.0, 0.95, 0.1];
        let measure = Measure {
            lowered: text.to_string(),
            held: Vec::new(),
            coverage: 1.0,
            taught: 0.0,
            sentences: ranges
                .iter()
                .zip(scores)
                .map(|(range, score)| score::Sentence {
                    range: range.clone(),
                    score,
                })
                .collect(),
            span: ranges[0].clone(),
            span_share: 1.0,
        };
        let read = answering_text(text, &measure, 0.9);
        assert!(read.contains("因为") && !read.contains("别的事"), "{read}");
        assert_eq!(
            answering_text(text, &measure, 1.0),
            &text[ranges[0].clone()]
        );
    }

    #[test]
    fn equal_scores_keep_reading_order_whatever_order_the_index_gave() {
        let reading = Reading {
            terms: vec![Term::new("合作", 1.0)],
            ..Reading::default()
        };
        let catalog = Catalog::empty();
        let hit = |seq: usize, text: &str| Hit {
            passage: Passage {
                seq,
                ..Passage::sample("paris", None, text)
            },
            score: 1.0,
        };
        let hits = vec![hit(9, "中美合作。"), hit(2, "气候合作。"), hit(5, "无关。")];
        let ranked = score_all(hits, &reading, &catalog, &Weights::default());
        let seqs: Vec<usize> = ranked.iter().map(|s| s.passage.seq).collect();
        assert_eq!(seqs, vec![2, 9, 5]);
    }
}
