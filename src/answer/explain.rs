//! How a question was read and why passages rank where they do: the "search test" page of
//! knowledge-base tools, for `luopan explain` and the moderators' `/corpus explain`.

use serde::Serialize;

use crate::question::translate::Rendering;
use crate::question::{Absent, Reading};
use crate::rank::{Ranking, Relevance, Weights};

/// How a question was read and ranked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub question: String,
    /// The text searched, after translation, script and date normalisation.
    pub normalized: String,
    pub understood: Vec<Rendering>,
    /// An English question's meaningful words that found no Chinese the corpus uses.
    pub untranslated: Vec<String>,
    /// The question's words the corpus never uses in any form.
    pub absent: Vec<Absent>,
    /// The question's words with their weights (inverse document frequency).
    pub words: Vec<(String, f32)>,
    /// The same words with their keyness: how much more often the corpus uses each than
    /// Chinese at large (a log ratio).
    pub keyness: Vec<(String, f32)>,
    pub grams: Vec<String>,
    /// Synonyms looked for besides the question's own words.
    pub expansions: Vec<String>,
    /// The question's rarer words with the thesaurus's synonyms of them that the corpus uses.
    pub related: Vec<(String, Vec<String>)>,
    /// Parts the question names, and whether it asks for lessons, a date, a length of time, a
    /// reason, what held something back, or one side set against another.
    pub parts: Vec<String>,
    pub lessons: bool,
    pub lesson_number: Option<usize>,
    pub when: bool,
    pub how_long: bool,
    pub why: bool,
    pub obstacle: bool,
    pub compare: bool,
    pub found: bool,
    /// Every signal the found / not found decision was made on.
    pub relevance: Relevance,
    /// The weights the passages were ranked with.
    pub weights: Weights,
    pub passages: Vec<PassageExplanation>,
}

/// One ranked passage and the parts of its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassageExplanation {
    pub rank: usize,
    pub id: String,
    pub case: String,
    pub section: Option<String>,
    pub page: Option<u32>,
    /// BM25 over the index (weighed relative to the best candidate's).
    pub bm25: f32,
    /// The share of the question's weighted words and bigrams the passage holds.
    pub coverage: f32,
    /// The same for its best span: a sentence or two in a row, with what its heading holds.
    pub best_sentence: f32,
    /// The share of the question the questions taught to it hold (`taught.toml`).
    pub taught: f32,
    /// What the question's hints added: named part, lessons, lesson number, a date or length
    /// of time, a reason, what held something back.
    pub bonus: f32,
    pub score: f32,
    /// The terms the passage holds, with their share of the question.
    pub matched: Vec<(String, f32)>,
    pub opening: String,
}

/// Explains a reading and its ranking (`None` for a question about nothing the corpus knows),
/// the `limit` best passages in detail.
pub fn explain(
    reading: &Reading,
    ranking: Option<&Ranking>,
    limit: usize,
    weights: &Weights,
) -> Explanation {
    let passages = ranking.map_or_else(Vec::new, |ranking| {
        ranking
            .passages
            .iter()
            .take(limit)
            .enumerate()
            .map(|(i, c)| PassageExplanation {
                rank: i + 1,
                id: c.passage.id.clone(),
                case: c.passage.part.clone(),
                section: c.passage.section.clone(),
                page: c.passage.page,
                bm25: c.bm25,
                coverage: c.measure.coverage,
                best_sentence: c.measure.span_share,
                taught: c.measure.taught,
                bonus: c.bonus,
                score: c.score,
                matched: reading
                    .terms
                    .iter()
                    .zip(&c.measure.held)
                    .filter(|(_, credit)| **credit > 0.0)
                    .map(|(t, credit)| (t.to_string(), t.weight * credit))
                    .collect(),
                opening: crate::text::truncate_chars(&c.passage.text, 60),
            })
            .collect()
    });
    let intent = &reading.intent;
    let relevance = ranking.map_or_else(
        || crate::rank::relevance::decide(reading, &[], weights),
        |r| r.relevance.clone(),
    );
    Explanation {
        question: reading.original.clone(),
        normalized: reading.normalized.clone(),
        understood: reading.understood.clone(),
        untranslated: reading.untranslated.clone(),
        absent: reading.absent.clone(),
        words: reading
            .words
            .iter()
            .map(|w| (w.text.clone(), w.weight))
            .collect(),
        keyness: reading.keyness.clone(),
        grams: reading.grams.clone(),
        expansions: reading.expansions.clone(),
        related: reading.related.clone(),
        parts: intent.parts.clone(),
        lessons: intent.lessons,
        lesson_number: intent.ordinal,
        when: intent.when,
        how_long: intent.how_long,
        why: intent.why,
        obstacle: intent.obstacle,
        compare: intent.compare,
        found: relevance.found,
        relevance,
        weights: weights.clone(),
        passages,
    }
}
