//! Measuring a passage against a question, once per request: each sentence's credit for each
//! term, the share of the question the passage holds (coverage), and its best span, one
//! sentence or two in a row, which answers are made of. The answer stage reuses the sentences
//! and their scores for excerpts and the summary.

use std::ops::Range;

use crate::corpus::Passage;
use crate::question::Term;

use super::Weights;

/// A sentence of a passage and the summed weight of the terms it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Its byte range in the passage's text.
    pub range: Range<usize>,
    pub score: f32,
}

/// What a passage holds of a question's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// The passage's text, lowercased once.
    pub lowered: String,
    /// Each term's credit (0 to 1) in the whole passage, in term order.
    pub held: Vec<f32>,
    /// The share of the question's weight the passage holds (in its text, or in the questions
    /// taught to it).
    pub coverage: f32,
    /// The share of the question's weight the questions taught to the passage hold.
    pub taught: f32,
    /// The sentences, in order, with their scores.
    pub sentences: Vec<Sentence>,
    /// The best span and its share of the question, its heading's words included.
    pub span: Range<usize>,
    pub span_share: f32,
}

/// Measures a passage filed under `heading` (lowercased) against `terms`.
pub fn measure(passage: &Passage, heading: &str, terms: &[Term], weights: &Weights) -> Measure {
    let lowered = crate::text::lowercase(&passage.text);
    let in_text: Vec<f32> = terms.iter().map(|t| t.credit(&lowered)).collect();
    let mut held = in_text.clone();
    // The taught question nearest the question, alone: words shared with different taught
    // questions do not add up to one that matches.
    let mut taught = 0.0;
    let mut nearest = Vec::new();
    for question in &passage.taught {
        let in_question = credits(&crate::text::lowercase(question), terms);
        let share: f32 = terms
            .iter()
            .zip(&in_question)
            .map(|(t, c)| t.weight * c)
            .sum();
        if share > taught {
            taught = share;
            nearest = in_question;
        }
    }
    for (held, credit) in held.iter_mut().zip(nearest) {
        *held = held.max(credit);
    }
    let coverage = terms.iter().zip(&held).map(|(t, c)| t.weight * c).sum();
    let text = &passage.text;
    let ranges = crate::text::sentences(text);
    // A term the passage does not hold is in none of its sentences.
    let credits: Vec<Vec<f32>> = ranges
        .iter()
        .map(|r| {
            let sentence = crate::text::lowercase(&text[r.clone()]);
            terms
                .iter()
                .zip(&in_text)
                .map(|(t, held)| {
                    if *held > 0.0 {
                        t.credit(&sentence)
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    let sentences = ranges
        .iter()
        .zip(&credits)
        .map(|(range, credit)| Sentence {
            range: range.clone(),
            score: terms.iter().zip(credit).map(|(t, c)| t.weight * c).sum(),
        })
        .collect();
    let (span, span_share) = best_span(passage, heading, terms, &ranges, &credits, weights);
    Measure {
        lowered,
        held,
        coverage,
        taught,
        sentences,
        span,
        span_share,
    }
}

/// Each term's credit in a lowercased text.
fn credits(lowered: &str, terms: &[Term]) -> Vec<f32> {
    terms.iter().map(|t| t.credit(lowered)).collect()
}

/// The span of a passage that best answers: one sentence, or two in a row, which count for a
/// little less; the first sentence may also lean on the passage's lead, the sentence before it
/// (`尽管如此，…` after a sentence naming 奥巴马), for a little less again. A span also holds
/// what its heading holds: a passage under `中国加入WTO使中美都获得巨大利益` speaks of both
/// sides' gains in every sentence.
fn best_span(
    passage: &Passage,
    heading: &str,
    terms: &[Term],
    ranges: &[Range<usize>],
    credits_of: &[Vec<f32>],
    weights: &Weights,
) -> (Range<usize>, f32) {
    let in_heading = credits(heading, terms);
    // What each term gets from a sentence or its heading.
    let with_heading = |credit: &[f32]| -> Vec<f32> {
        credit
            .iter()
            .zip(&in_heading)
            .map(|(c, h)| c.max(*h))
            .collect()
    };
    let score = |a: &[f32], b: &[f32]| -> f32 {
        terms
            .iter()
            .zip(a.iter().zip(b))
            .map(|(t, (a, b))| t.weight * a.max(*b))
            .sum()
    };
    let each: Vec<Vec<f32>> = credits_of.iter().map(|c| with_heading(c)).collect();
    let mut best = (0..0, 0.0);
    let mut consider = |range: Range<usize>, value: f32| {
        if value > best.1 {
            best = (range, value);
        }
    };
    if let (false, Some(first)) = (passage.lead.is_empty(), each.first()) {
        let lead = with_heading(&credits(&crate::text::lowercase(&passage.lead), terms));
        consider(
            ranges[0].clone(),
            score(first, &lead) * weights.lead_discount,
        );
    }
    for (i, sentence) in each.iter().enumerate() {
        consider(ranges[i].clone(), score(sentence, sentence));
        if let Some(next) = each.get(i + 1) {
            consider(
                ranges[i].start..ranges[i + 1].end,
                score(sentence, next) * weights.pair_discount,
            );
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[(&str, f32)]) -> Vec<Term> {
        list.iter().map(|(t, w)| Term::new(*t, *w)).collect()
    }

    #[test]
    fn a_taught_passage_holds_what_its_nearest_taught_question_holds_and_no_more() {
        let terms = terms(&[("入世", 0.4), ("好处", 0.4), ("气候", 0.2)]);
        let taught = Passage {
            taught: vec!["入世有什么好处".into(), "气候怎么样".into()],
            ..passage("无关的文字。", "")
        };
        let measured = measure(&taught, "", &terms, &Weights::default());
        // The nearest taught question holds 入世 and 好处; 气候 is in another one.
        assert!((measured.taught - 0.8).abs() < 1e-6, "{}", measured.taught);
        assert!(
            (measured.coverage - 0.8).abs() < 1e-6,
            "{}",
            measured.coverage
        );
        let untaught = measure(
            &passage("无关的文字。", ""),
            "",
            &terms,
            &Weights::default(),
        );
        assert_eq!((untaught.taught, untaught.coverage), (0.0, 0.0));
    }

    fn passage(text: &str, lead: &str) -> Passage {
        Passage {
            lead: lead.into(),
            ..Passage::sample("soviet", None, text)
        }
    }

    /// The best span of `text` (with its lead and heading) for the terms, and its share.
    fn check(
        text: &str,
        lead: &str,
        heading: &str,
        question: &[(&str, f32)],
        span: &str,
        share: f32,
    ) {
        let got = measure(
            &passage(text, lead),
            heading,
            &terms(question),
            &Weights::default(),
        );
        assert_eq!(&text[got.span.clone()], span, "{question:?}");
        assert!(
            (got.span_share - share).abs() < 1e-6,
            "{question:?}: {}",
            got.span_share
        );
    }

    #[test]
    fn the_best_span_may_be_two_sentences_in_a_row() {
        let text =
            "1972年尼克松访华后，中美开启正常化进程。中美和解的主要原因是苏联威胁。另一句话。";
        check(
            text,
            "",
            "",
            &[("尼克松", 0.5), ("和解", 0.5)],
            "1972年尼克松访华后，中美开启正常化进程。中美和解的主要原因是苏联威胁。",
            0.9,
        );
        // One sentence holding it all beats a pair.
        check(
            text,
            "",
            "",
            &[("和解", 1.0)],
            "中美和解的主要原因是苏联威胁。",
            1.0,
        );
    }

    #[test]
    fn the_first_sentence_may_lean_on_the_sentence_before_the_passage() {
        let text = "尽管如此，美国的气候政策仍受到显著的制约。美国有26个产煤州。";
        let lead = "奥巴马在总统竞选期间，更将应对气候变化视为其主要政治议程之一。";
        let first = "尽管如此，美国的气候政策仍受到显著的制约。";
        let question = [("奥巴马", 0.5), ("气候", 0.5)];
        check(text, "", "", &question, first, 0.5);
        check(text, lead, "", &question, first, 0.8);
        // Only the first sentence leans on the lead.
        check(
            text,
            lead,
            "",
            &[("奥巴马", 0.5), ("产煤州", 0.5)],
            "美国有26个产煤州。",
            0.5,
        );
    }

    #[test]
    fn a_span_holds_what_its_heading_holds() {
        let text = "冷战结束后，美国战略注意力转向经济。";
        let question = [("美国", 0.5), ("利益", 0.5)];
        check(text, "", "", &question, text, 0.5);
        check(text, "", "（二）美国获得了巨大的利益", &question, text, 1.0);
    }

    #[test]
    fn coverage_and_sentence_scores_count_each_term_once_at_its_weight() {
        let got = measure(
            &passage("中美合作。气候变化。中美气候。", ""),
            "",
            &terms(&[("中美", 0.25), ("气候", 0.75)]),
            &Weights::default(),
        );
        assert_eq!(got.coverage, 1.0);
        assert_eq!(got.held, vec![1.0, 1.0]);
        let scores: Vec<f32> = got.sentences.iter().map(|s| s.score).collect();
        assert_eq!(scores, vec![0.25, 0.75, 1.0]);
    }
}
