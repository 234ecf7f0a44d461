//! Evaluation against questions with gold spans (`../shared/eval/dev.jsonl` format): hit@1, @3,
//! @5 and MRR@5 over the excerpts shown, overall, per language and per case.
//!
//! Scoring, exactly as the eval README defines it: take the shown excerpts in rank order, remove
//! all whitespace from each and keep its first 400 characters; a question is hit at rank r when
//! some gold span occurs in the r-th excerpt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::engine::Engine;
use crate::question::Question;
use crate::text::squeeze;

/// One line of an eval file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct EvalQuestion {
    pub id: String,
    pub lang: String,
    pub question: String,
    #[serde(default)]
    pub doc: String,
    pub case: String,
    #[serde(default)]
    pub kind: String,
    pub gold: Vec<String>,
}

/// What can go wrong reading an eval file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {reason}")]
    Line {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

/// The four figures, over `questions` questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub questions: usize,
    pub hit_at_1: f32,
    pub hit_at_3: f32,
    pub hit_at_5: f32,
    pub mrr_at_5: f32,
}

/// How one question fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub id: String,
    pub lang: String,
    pub case: String,
    pub question: String,
    /// The 1-based rank of the first excerpt holding a gold span, if any within five.
    pub rank: Option<usize>,
    /// Whether the engine said it found something.
    pub found: bool,
    /// For a miss, the rank among the engine's candidates (within [`CANDIDATES_LOOKED_AT`]) of
    /// the first passage holding a gold span anywhere in its text: where the answer was lost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate_rank: Option<usize>,
}

/// How many ranked candidates a miss is looked for among.
pub const CANDIDATES_LOOKED_AT: usize = 50;

/// The whole evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    pub overall: Scores,
    pub by_lang: BTreeMap<String, Scores>,
    pub by_case: BTreeMap<String, Scores>,
    pub outcomes: Vec<Outcome>,
}

/// Reads an eval file, one JSON object a line; blank lines are skipped.
pub fn load(path: &Path) -> Result<Vec<EvalQuestion>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| EvalError::Line {
                path: path.to_path_buf(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}

/// The rank (from 1, within five) of the first excerpt that holds a gold span.
pub fn gold_rank(answer: &Answer, gold: &[String]) -> Option<usize> {
    answer
        .passages
        .iter()
        .take(5)
        .position(|citation| {
            let shown: String = squeeze(&citation.excerpt).chars().take(400).collect();
            gold.iter()
                .any(|span| !span.is_empty() && shown.contains(span.as_str()))
        })
        .map(|i| i + 1)
}

/// How the questions are put to the engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Script {
    /// As written.
    #[default]
    AsWritten,
    /// Chinese questions rewritten in traditional characters first.
    Traditional,
}

/// Asks every question (five excerpts each) and scores the answers. Questions the engine
/// refuses (empty, too long) count as misses.
pub fn evaluate(engine: &Engine, questions: &[EvalQuestion]) -> EvalReport {
    evaluate_in(engine, questions, Script::AsWritten)
}

/// The same, with the questions in the given script.
pub fn evaluate_in(engine: &Engine, questions: &[EvalQuestion], script: Script) -> EvalReport {
    let outcomes: Vec<Outcome> = questions
        .iter()
        .map(|q| {
            let text = match script {
                Script::Traditional if q.lang == "zh" => {
                    crate::question::script::to_traditional(&q.question)
                }
                _ => q.question.clone(),
            };
            let question = Question {
                text: text.clone(),
                case: None,
                top_k: Some(5),
            };
            let answer = engine.ask(&question).ok();
            let rank = answer.as_ref().and_then(|a| gold_rank(a, &q.gold));
            Outcome {
                id: q.id.clone(),
                lang: q.lang.clone(),
                case: q.case.clone(),
                rank,
                found: answer.as_ref().is_some_and(|a| a.found),
                candidate_rank: match rank {
                    Some(_) => None,
                    None => candidate_rank(engine, &question, &q.gold),
                },
                question: text,
            }
        })
        .collect();
    let mut by_lang: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    let mut by_case: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for outcome in &outcomes {
        by_lang
            .entry(outcome.lang.clone())
            .or_default()
            .push(outcome);
        by_case
            .entry(outcome.case.clone())
            .or_default()
            .push(outcome);
    }
    EvalReport {
        overall: scores(&outcomes.iter().collect::<Vec<_>>()),
        by_lang: by_lang.into_iter().map(|(k, v)| (k, scores(&v))).collect(),
        by_case: by_case.into_iter().map(|(k, v)| (k, scores(&v))).collect(),
        outcomes,
    }
}

/// The rank among the engine's candidates of the first passage whose whole text holds a gold
/// span, whatever its excerpt shows.
fn candidate_rank(engine: &Engine, question: &Question, gold: &[String]) -> Option<usize> {
    let explanation = engine.explain(question, CANDIDATES_LOOKED_AT).ok()?;
    explanation.passages.iter().find_map(|ranked| {
        let passage = engine.passage(&ranked.id).ok()??;
        let text = squeeze(&passage.text);
        gold.iter()
            .any(|span| !span.is_empty() && text.contains(span.as_str()))
            .then_some(ranked.rank)
    })
}

fn scores(outcomes: &[&Outcome]) -> Scores {
    let n = outcomes.len();
    if n == 0 {
        return Scores::default();
    }
    let share = |k: usize| {
        outcomes
            .iter()
            .filter(|o| o.rank.is_some_and(|r| r <= k))
            .count() as f32
            / n as f32
    };
    let mrr = outcomes
        .iter()
        .filter_map(|o| o.rank)
        .map(|r| 1.0 / r as f32)
        .sum::<f32>()
        / n as f32;
    Scores {
        questions: n,
        hit_at_1: share(1),
        hit_at_3: share(3),
        hit_at_5: share(5),
        mrr_at_5: mrr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Citation;

    fn answer_with(excerpts: &[&str]) -> Answer {
        Answer {
            question: String::new(),
            case: None,
            found: true,
            summary: Vec::new(),
            passages: excerpts
                .iter()
                .enumerate()
                .map(|(i, e)| Citation {
                    n: i + 1,
                    id: String::new(),
                    doc: String::new(),
                    doc_title: String::new(),
                    case: String::new(),
                    case_title: String::new(),
                    section: None,
                    page: None,
                    date: None,
                    excerpt: e.to_string(),
                    marks: Vec::new(),
                    score: 0.0,
                })
                .collect(),
            terms: Vec::new(),
            understood: Vec::new(),
            corpus_version: String::new(),
            lang: Default::default(),
        }
    }

    #[test]
    fn gold_is_matched_without_whitespace_and_within_the_first_400_characters() {
        let gold = vec!["中美已经进入竞合关系".to_string()];
        assert_eq!(
            gold_rank(&answer_with(&["无关", "中美 已经进入\n竞合关系"]), &gold),
            Some(2)
        );
        let late = format!("{}中美已经进入竞合关系", "字".repeat(395));
        assert_eq!(gold_rank(&answer_with(&[&late]), &gold), None);
    }

    #[test]
    fn scores_average_hits_and_reciprocal_ranks() {
        let outcome = |rank| Outcome {
            id: String::new(),
            lang: "zh".into(),
            case: "wto".into(),
            question: String::new(),
            rank,
            found: true,
            candidate_rank: None,
        };
        let all = [
            outcome(Some(1)),
            outcome(Some(2)),
            outcome(None),
            outcome(Some(4)),
        ];
        let got = scores(&all.iter().collect::<Vec<_>>());
        assert_eq!(got.hit_at_1, 0.25);
        assert_eq!(got.hit_at_3, 0.5);
        assert_eq!(got.hit_at_5, 0.75);
        assert!((got.mrr_at_5 - (1.0 + 0.5 + 0.25) / 4.0).abs() < 1e-6);
    }
}
