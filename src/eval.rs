//! Evaluation against questions with gold spans (`../shared/eval/dev.jsonl` format): hit@1, @3,
//! @5 and MRR@5 over the excerpts shown, overall, per language, per case and per kind of
//! question; for sets with questions the documents do not answer (empty `gold`), how many of
//! those were refused and how many answerable ones were; and for each English miss, its cause.
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

/// One line of an eval file. A question with no gold span is one the documents do not answer
/// (its `doc` and `case` are null).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct EvalQuestion {
    pub id: String,
    pub lang: String,
    pub question: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub doc: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub case: String,
    #[serde(default)]
    pub kind: String,
    pub gold: Vec<String>,
}

impl EvalQuestion {
    /// Whether the documents answer the question (it has gold spans).
    pub fn is_answerable(&self) -> bool {
        self.gold.iter().any(|g| !g.is_empty())
    }
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
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
    pub kind: String,
    pub question: String,
    /// Whether the documents answer it.
    pub answerable: bool,
    /// The 1-based rank of the first excerpt holding a gold span, if any within five.
    pub rank: Option<usize>,
    /// Whether the engine said it found something.
    pub found: bool,
    /// For a miss, the rank among the engine's candidates (within [`CANDIDATES_LOOKED_AT`]) of
    /// the first passage holding a gold span anywhere in its text: where the answer was lost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate_rank: Option<usize>,
    /// For a missed English question, why: a word with no translation the corpus uses, a
    /// translation in another sense than the answer's passage uses, or the ranking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// Refusals: answerable questions refused (false refusals) and unanswerable ones answered
/// (false acceptances).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Refusals {
    pub answerable: usize,
    pub refused: usize,
    pub false_refuse: f32,
    pub unanswerable: usize,
    pub accepted: usize,
    pub false_accept: f32,
}

/// How many ranked candidates a miss is looked for among.
pub const CANDIDATES_LOOKED_AT: usize = 50;

/// The whole evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Over the answerable questions.
    pub overall: Scores,
    pub by_lang: BTreeMap<String, Scores>,
    pub by_case: BTreeMap<String, Scores>,
    pub by_kind: BTreeMap<String, Scores>,
    pub refusals: Refusals,
    pub refusals_by_lang: BTreeMap<String, Refusals>,
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
            let missed = rank.is_none() && q.is_answerable();
            Outcome {
                id: q.id.clone(),
                lang: q.lang.clone(),
                case: q.case.clone(),
                kind: q.kind.clone(),
                answerable: q.is_answerable(),
                rank,
                found: answer.as_ref().is_some_and(|a| a.found),
                candidate_rank: missed
                    .then(|| candidate_rank(engine, &question, &q.gold))
                    .flatten(),
                cause: (missed && q.lang == "en")
                    .then(|| english_cause(engine, &question, q))
                    .flatten(),
                question: text,
            }
        })
        .collect();
    let answerable: Vec<&Outcome> = outcomes.iter().filter(|o| o.answerable).collect();
    let group = |key: fn(&Outcome) -> &str| {
        let mut groups: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
        for outcome in &answerable {
            groups
                .entry(key(outcome).to_string())
                .or_default()
                .push(outcome);
        }
        groups
            .into_iter()
            .map(|(k, v)| (k, scores(&v)))
            .collect::<BTreeMap<_, _>>()
    };
    let mut refusals_by_lang: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for outcome in &outcomes {
        refusals_by_lang
            .entry(outcome.lang.clone())
            .or_default()
            .push(outcome);
    }
    EvalReport {
        overall: scores(&answerable),
        by_lang: group(|o| &o.lang),
        by_case: group(|o| &o.case),
        by_kind: group(|o| &o.kind),
        refusals: refusals(&outcomes.iter().collect::<Vec<_>>()),
        refusals_by_lang: refusals_by_lang
            .into_iter()
            .map(|(k, v)| (k, refusals(&v)))
            .collect(),
        outcomes,
    }
}

fn refusals(outcomes: &[&Outcome]) -> Refusals {
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f32 / of as f32 };
    let answerable = outcomes.iter().filter(|o| o.answerable).count();
    let refused = outcomes.iter().filter(|o| o.answerable && !o.found).count();
    let unanswerable = outcomes.len() - answerable;
    let accepted = outcomes.iter().filter(|o| !o.answerable && o.found).count();
    Refusals {
        answerable,
        refused,
        false_refuse: share(refused, answerable),
        unanswerable,
        accepted,
        false_accept: share(accepted, unanswerable),
    }
}

/// The rank among the engine's candidates of the first passage whose whole text holds a gold
/// span, whatever its excerpt shows.
fn candidate_rank(engine: &Engine, question: &Question, gold: &[String]) -> Option<usize> {
    let explanation = engine.explain(question, CANDIDATES_LOOKED_AT).ok()?;
    explanation.passages.iter().find_map(|ranked| {
        let passage = engine.passage(&ranked.id).ok()??;
        holds_gold(&passage.text, gold).then_some(ranked.rank)
    })
}

fn holds_gold(text: &str, gold: &[String]) -> bool {
    let text = squeeze(text);
    gold.iter()
        .any(|span| !span.is_empty() && text.contains(span.as_str()))
}

/// Why an English question missed: a phrase rendered in words its answer's passage does not
/// use while the dictionary has another sense that it does use (wrong sense), else a word with
/// no translation the corpus uses (no translation), else the ranking.
fn english_cause(engine: &Engine, question: &Question, q: &EvalQuestion) -> Option<String> {
    let explanation = engine.explain(question, 1).ok()?;
    let snapshot = engine.snapshot();
    let passage = snapshot
        .index
        .passages_of(&q.case)
        .ok()?
        .into_iter()
        .find(|p| holds_gold(&p.text, &q.gold))?;
    let text = crate::text::lowercase(&passage.text);
    if let Some(translator) = engine.translator() {
        for rendering in &explanation.understood {
            if rendering.chinese.iter().any(|c| text.contains(c.as_str())) {
                continue;
            }
            let senses = translator.senses(&rendering.english);
            if let Some(used) = senses.iter().find(|s| text.contains(s.as_str())) {
                return Some(format!(
                    "wrong sense: {} → {} (the answer says {used})",
                    rendering.english,
                    rendering.chinese.join("/")
                ));
            }
        }
    }
    if !explanation.untranslated.is_empty() {
        return Some(format!(
            "no translation: {}",
            explanation.untranslated.join(", ")
        ));
    }
    Some("ranking".into())
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
            not_found: None,
            missing: Vec::new(),
            unstated: Vec::new(),
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
    fn unanswerable_questions_count_as_refusals_not_as_misses() {
        let line = r#"{"id": "u1", "lang": "en", "question": "Who won in 2024?", "doc": null, "case": null, "kind": "unanswerable", "gold": []}"#;
        let question: EvalQuestion = serde_json::from_str(line).expect("a null case reads");
        assert!(!question.is_answerable() && question.case.is_empty());
        let outcome = |answerable, found| Outcome {
            id: String::new(),
            lang: "en".into(),
            case: String::new(),
            kind: String::new(),
            question: String::new(),
            answerable,
            rank: None,
            found,
            candidate_rank: None,
            cause: None,
        };
        let all = [
            outcome(true, true),
            outcome(true, false),
            outcome(false, false),
            outcome(false, false),
            outcome(false, true),
        ];
        let got = refusals(&all.iter().collect::<Vec<_>>());
        assert_eq!((got.answerable, got.refused, got.false_refuse), (2, 1, 0.5));
        assert_eq!((got.unanswerable, got.accepted), (3, 1));
        assert!((got.false_accept - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn scores_average_hits_and_reciprocal_ranks() {
        let outcome = |rank| Outcome {
            id: String::new(),
            lang: "zh".into(),
            case: "wto".into(),
            kind: "fact".into(),
            question: String::new(),
            answerable: true,
            rank,
            found: true,
            candidate_rank: None,
            cause: None,
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
