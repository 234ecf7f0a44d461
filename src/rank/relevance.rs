//! The found / not found decision: whether the best passage answers the question at all, and
//! every signal it was decided on, for `explain`.

use serde::Serialize;

use crate::question::Reading;
use crate::question::term::held_weight;

use super::{ScoredPassage, Weights};

/// The decision and its signals.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Relevance {
    pub found: bool,
    /// The share of the question's weight (the words the corpus never uses included) that the
    /// best passage holds.
    pub held: f32,
    /// The share it had to hold: `min_coverage`, less for a passage of a part the question
    /// names.
    pub needed: f32,
    /// Whether the best passage is in a part the question names.
    pub named_part: bool,
    /// Whether the best passage is what the question's structure asks for (the lesson it
    /// numbers): found, whatever it holds.
    pub asked_for: bool,
    /// The share of an English question's meaningful words that found Chinese the corpus uses
    /// (1 for a Chinese question), and the least share that makes it a question about the
    /// corpus.
    pub rendered_share: f32,
    pub min_rendered_share: f32,
}

/// Decides whether the best passage answers the question: it is the lesson the question
/// numbers, or it holds enough of the question's weighted words and bigrams (words the corpus
/// never uses included, so a question about something else falls short). A question that names
/// a part of the corpus (`FT那篇文章`, `入世那一章`) is about the corpus by its own words, and a
/// passage of that part needs less. An English question most of whose words have no Chinese
/// the corpus uses is about something else, whatever its few rendered words match.
pub fn decide(reading: &Reading, best: Option<&ScoredPassage>, weights: &Weights) -> Relevance {
    let mut relevance = Relevance {
        rendered_share: reading.rendered_share,
        min_rendered_share: weights.min_rendered_share,
        needed: weights.min_coverage,
        ..Relevance::default()
    };
    let Some(best) = best else {
        return relevance;
    };
    relevance.held = held_weight(&best.measure.lowered, &reading.relevance_terms);
    relevance.named_part = reading.intent.parts.contains(&best.passage.part);
    relevance.asked_for = best.asked_for;
    if relevance.named_part {
        relevance.needed = weights.min_coverage * weights.named_part_factor;
    }
    let english_about_the_corpus = reading.rendered_share >= weights.min_rendered_share;
    relevance.found = english_about_the_corpus
        && (relevance.asked_for
            || relevance.held >= weights.min_coverage
            || (relevance.named_part
                && relevance.held >= weights.min_coverage * weights.named_part_factor));
    relevance
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Passage;
    use crate::question::{Intent, Term};
    use crate::rank::Measure;

    /// A question whose relevance terms are `terms` (weights summing to 1), naming `parts`.
    fn reading(terms: &[(&str, f32)], parts: &[&str], rendered_share: f32) -> Reading {
        Reading {
            relevance_terms: terms.iter().map(|(t, w)| Term::new(*t, *w)).collect(),
            intent: Intent {
                parts: parts.iter().map(|p| p.to_string()).collect(),
                ..Intent::default()
            },
            rendered_share,
            ..Reading::default()
        }
    }

    fn best(text: &str, part: &str, asked_for: bool) -> ScoredPassage {
        ScoredPassage {
            passage: Passage::sample(part, None, text),
            bm25: 1.0,
            score: 1.0,
            bonus: 0.0,
            asked_for,
            measure: Measure {
                lowered: text.to_lowercase(),
                held: Vec::new(),
                coverage: 0.0,
                sentences: Vec::new(),
                span: 0..0,
                span_share: 0.0,
            },
        }
    }

    #[test]
    fn the_decision_follows_each_signal() {
        let weights = Weights::default();
        let climate = [("气候", 0.5), ("比特币", 0.5)];
        let cases: [(&str, Reading, Option<ScoredPassage>, bool); 7] = [
            (
                "holds enough of the question",
                reading(&[("气候", 0.6), ("合作", 0.4)], &[], 1.0),
                Some(best("气候合作", "paris", false)),
                true,
            ),
            (
                "holds too little: half the question is about something the corpus never says",
                reading(&[("气候", 0.2), ("比特币", 0.8)], &[], 1.0),
                Some(best("气候合作", "paris", false)),
                false,
            ),
            (
                "a part the question names needs less",
                reading(&[("气候", 0.2), ("比特币", 0.8)], &["paris"], 1.0),
                Some(best("气候合作", "paris", false)),
                true,
            ),
            (
                "the part named is not the best passage's",
                reading(&[("气候", 0.2), ("比特币", 0.8)], &["wto"], 1.0),
                Some(best("气候合作", "paris", false)),
                false,
            ),
            (
                "the lesson asked for is found whatever it holds",
                reading(&[("比特币", 1.0)], &[], 1.0),
                Some(best("第二，双方要体现互谅互让的精神。", "wto", true)),
                true,
            ),
            (
                "too few English words found Chinese the corpus uses",
                reading(&climate, &[], 0.4),
                Some(best("气候比特币", "paris", false)),
                false,
            ),
            (
                "no candidate at all",
                reading(&climate, &[], 1.0),
                None,
                false,
            ),
        ];
        for (what, reading, best, found) in cases {
            let decided = decide(&reading, best.as_ref(), &weights);
            assert_eq!(decided.found, found, "{what}: {decided:?}");
        }
    }

    #[test]
    fn the_signals_are_kept_for_explain() {
        let decided = decide(
            &reading(&[("气候", 0.2), ("比特币", 0.8)], &["paris"], 1.0),
            Some(&best("气候合作", "paris", false)),
            &Weights::default(),
        );
        assert!((decided.held - 0.2).abs() < 1e-6);
        assert!((decided.needed - 0.12).abs() < 1e-6, "{decided:?}");
        assert!(decided.named_part && decided.found && !decided.asked_for);
    }
}
