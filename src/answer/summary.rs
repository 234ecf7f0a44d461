//! The summary: up to a few sentences from the first shown passages, chosen by how much of the
//! question they hold and by their passage's rank, none nearly repeating another; each cites
//! every shown passage that holds it. For a question about lessons, a lesson's topic sentence
//! (its passage's first) leads, the numbered lesson's first of all; for a question asking who
//! wrote a document or what it says as a whole, the first sentence of the passage telling it.

use crate::catalog::Catalog;
use crate::corpus::lesson_ordinal;
use crate::question::Reading;
use crate::rank::kinds::answers_kind;
use crate::rank::{ScoredPassage, Weights};
use crate::text::{Bigrams, bigram_set, jaccard};

use super::SummarySentence;

/// A sentence the summary may take: its weight, its text and its passage's rank (from 0).
struct Candidate {
    weight: f32,
    text: String,
    rank: usize,
}

/// The summary of the shown passages, at most `most` sentences. A sentence that gives an
/// answer of the kind the question asks for (a date, a reason, a person, a figure), or holds
/// what it asks about (its focus: `恢复` in `是怎么恢复的`), weighs more, so the first sentence
/// answers rather than repeats the question's words.
pub(crate) fn summarize(
    shown: &[ScoredPassage],
    reading: &Reading,
    catalog: &Catalog,
    most: usize,
    weights: &Weights,
) -> Vec<SummarySentence> {
    let intent = &reading.intent;
    let (shortest, longest) = weights.summary_sentence_chars;
    let mut candidates: Vec<Candidate> = Vec::new();
    for (rank, scored) in shown.iter().take(weights.summary_passages).enumerate() {
        let text = &scored.passage.text;
        let opens_lesson = intent.lessons && lesson_ordinal(text).is_some();
        // A passage telling who wrote the document asked about, or what it is about, leads
        // with its first sentence.
        let tells_author = (intent.author || intent.gist) && scored.asked_for;
        for (position, sentence) in scored.measure.sentences.iter().enumerate() {
            let trimmed = text[sentence.range.clone()].trim();
            let length = trimmed.chars().count();
            let topic = (opens_lesson || tells_author) && position == 0;
            if (sentence.score <= 0.0 && !topic) || !(shortest..=longest).contains(&length) {
                continue;
            }
            let mut weight = sentence.score * (1.0 - weights.summary_rank_decay * rank as f32);
            if answers_kind(trimmed, intent, catalog) {
                weight *= 1.0 + weights.summary_answer;
            }
            if reading
                .focus
                .as_deref()
                .is_some_and(|f| crate::text::lowercase(trimmed).contains(f))
            {
                weight *= 1.0 + weights.summary_focus;
            }
            if topic {
                weight += if scored.asked_for {
                    weights.asked_topic_sentence
                } else {
                    weights.topic_sentence
                };
            }
            candidates.push(Candidate {
                weight,
                text: trimmed.to_string(),
                rank,
            });
        }
    }
    candidates.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let best = candidates.first().map_or(0.0, |c| c.weight);
    let mut chosen: Vec<(Candidate, Bigrams)> = Vec::new();
    let mut length = 0;
    for candidate in candidates {
        if chosen.len() == most.max(1) || candidate.weight < best * weights.summary_min_share {
            break;
        }
        let grams = bigram_set(&candidate.text);
        let chars = candidate.text.chars().count();
        if chosen
            .iter()
            .any(|(_, g)| jaccard(&grams, g) >= weights.summary_duplicate)
            || (!chosen.is_empty() && length + chars > weights.summary_chars)
        {
            continue;
        }
        length += chars;
        chosen.push((candidate, grams));
    }
    if chosen.is_empty() {
        return Vec::new();
    }
    // Each shown passage's sentences as bigram sets, made once for all the chosen sentences.
    let shown_sentences: Vec<Vec<Bigrams>> = shown
        .iter()
        .map(|s| {
            s.measure
                .sentences
                .iter()
                .map(|sentence| bigram_set(&s.passage.text[sentence.range.clone()]))
                .collect()
        })
        .collect();
    chosen
        .into_iter()
        .map(|(candidate, grams)| {
            let mut cites = vec![candidate.rank + 1];
            for (i, sentences) in shown_sentences.iter().enumerate() {
                if i != candidate.rank
                    && sentences
                        .iter()
                        .any(|s| jaccard(s, &grams) >= weights.near_copy)
                {
                    cites.push(i + 1);
                }
            }
            cites.sort_unstable();
            SummarySentence {
                text: candidate.text,
                cites,
            }
        })
        .collect()
}
