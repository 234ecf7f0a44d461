//! The found / not found decision: whether the best passage answers the question at all, why
//! not when it does not, and every signal it was decided on, for `explain`.

use serde::{Deserialize, Serialize};

use crate::question::term::held_weight;
use crate::question::{AbsentKind, Reading, ValueKind};

use super::{ScoredPassage, Weights};

/// Why nothing was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotFound {
    /// A greeting, thanks, or a question to the bot itself.
    SmallTalk,
    /// The question asks about a time after the documents were written.
    Later,
    /// What the question is about is not in the documents.
    Absent,
    /// Too few of an English question's words have a Chinese word the documents use.
    Untranslated,
    /// Nothing in the documents matches the question well enough.
    Unrelated,
    /// The documents speak of what the question is about but state no value of the kind it
    /// asks for (a date, a length of time, a person, a figure, a fact of a life), or only
    /// foresee what it asks whether came to pass.
    Unstated,
}

/// The decision and its signals.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Relevance {
    pub found: bool,
    /// Why not, when nothing was found.
    pub not_found: Option<NotFound>,
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
    /// The share of the question's weight held by what it is about that the corpus never
    /// mentions (absent topic words, later years).
    pub absent_share: f32,
    /// A year after the documents that the question asks about.
    pub later_year: Option<String>,
    pub small_talk: bool,
    /// The values the question asks for, and whether one of the first passages states one in
    /// a sentence about the question.
    pub values_asked: Vec<ValueKind>,
    /// What the figure asked for measures, when the question says (`share`, `money`).
    pub measure: Option<String>,
    /// Whose value is asked for (`美联储` in `美联储主席是谁`): the passage stating it holds
    /// them.
    pub value_of: Vec<String>,
    /// The nouns naming what a figure asked for counts (`失业率` in `美国失业率是多少`): the
    /// passage stating it holds each of them.
    pub measured: Vec<String>,
    /// Those the corpus never uses in any form, a topic or an everyday word (`负债` in
    /// `雷曼兄弟负债总额有多少`, `碳达峰` in `中国承诺的碳达峰是哪一年`): it states no value
    /// of theirs.
    pub value_of_absent: Vec<String>,
    /// The title of the person asked for (`大使` in `驻华大使叫啥名字`): a passage writing it
    /// names them beside it.
    pub asked_title: Option<String>,
    /// Whether one of the first passages states it; whether something came to pass, only the
    /// first passage (the one most about it).
    pub value_stated: bool,
    /// What a how-many or how-much question counts, when the corpus never uses the word.
    pub absent_measure: Option<String>,
    /// The question's words the corpus is about (keyness at least `min_keyness`), and whether
    /// one of the first passages holds one.
    pub key_words: Vec<String>,
    pub key_held: bool,
    /// The names the question is about (`印度`), and those none of the first passages holds (of
    /// the part the question names, when it names one).
    pub names: Vec<String>,
    pub names_missing: Vec<String>,
    pub names_missing_share: f32,
    /// Whether the names missing weigh enough (`name_min_share`) to refuse the question.
    pub names_refused: bool,
    /// A phrase the question quotes in Chinese that one of the first passages writes word for
    /// word (`“两手对两手”`): the question is about what the documents say, whatever else it
    /// says in words they never use (`用大白话讲`).
    pub quote_held: Option<String>,
    /// A title the question names (`《八一七公报》`), not one of the documents' or parts', that
    /// no candidate passage writes, nor a synonym of it: the documents do not discuss that
    /// work.
    pub title_absent: Option<String>,
}

/// Decides whether the best of the first passages answers the question. Not when the question is small talk,
/// asks about a year after the documents that they never mention, is English with too few
/// words the corpus speaks of, or is about something the corpus never mentions (its absent
/// topic words weigh `max_absent_share` of it, or `doubtful_absent_share` while the best
/// passage holds less than `doubtful_min_coverage`). Then found when the best passage is the
/// lesson the question numbers, or holds enough of the question's weighted words and bigrams
/// (words the corpus never uses included), one of them a word the corpus is about: one it
/// uses far more often than Chinese at large (keyness at least `min_keyness`), so that words
/// of everyday language alone (`good`, `recipe` → 良好, 做法) do not make a question about
/// the documents; a passage of a part the question names
/// (`FT那篇文章`, `入世那一章`) needs less, the question being about the corpus by its own words.
/// A question about a name the corpus mentions but seldom (`印度`) is answered only when one
/// of the first passages holds it; a passage of a part the question names holds the words
/// naming it (`前言`). A question asking for a value (when, how long, who, how much, a fact of
/// a life, the title of a work) is answered only when one of the first passages states a value
/// of that kind where it speaks of the question, unless it asks why or compares as well; one
/// asking whether something came to pass, only when the first passage states it.
pub fn decide(reading: &Reading, ranked: &[ScoredPassage], weights: &Weights) -> Relevance {
    let mut relevance = Relevance {
        rendered_share: reading.rendered_share,
        min_rendered_share: weights.min_rendered_share,
        needed: weights.min_coverage,
        absent_share: reading.absent_share(),
        later_year: reading.later_year().map(str::to_string),
        small_talk: reading.small_talk,
        values_asked: reading.intent.values_asked(),
        measure: reading.intent.measure.clone(),
        ..Relevance::default()
    };
    if !relevance.values_asked.is_empty() {
        relevance.value_of = reading.value_of.clone();
    }
    if relevance.values_asked.contains(&ValueKind::Figure) {
        relevance.measured = reading.measured.clone();
    }
    if relevance.values_asked == [ValueKind::Person] {
        relevance.asked_title = reading.asked_title.clone();
    }
    // Whether something came to pass is for the passage most about it to say.
    let stating = if relevance.values_asked.contains(&ValueKind::Outcome) {
        1
    } else {
        weights.relevance_candidates.max(1)
    };
    relevance.value_stated = ranked.iter().take(stating).any(|p| p.states_value);
    relevance.absent_measure = reading.absent_measure().map(str::to_string);
    let key_terms: Vec<_> = reading
        .relevance_terms
        .iter()
        .filter(|t| {
            reading
                .keyness
                .iter()
                .any(|(w, k)| *w == t.text && *k >= weights.min_keyness)
        })
        .collect();
    relevance.key_words = key_terms.iter().map(|t| t.text.clone()).collect();
    relevance.key_held = ranked
        .iter()
        .take(weights.relevance_candidates.max(1))
        .any(|p| {
            key_terms
                .iter()
                .any(|t| t.forms().any(|f| p.measure.lowered.contains(f)))
        });
    relevance.names = reading.names.clone();
    // A question naming a part asks about the names in that part: its first passages of that
    // part hold them (`王辉耀对台湾问题是怎么看的`: the report's 台湾 is not the FT
    // commentary's).
    let in_named_part = |p: &&ScoredPassage| {
        reading.intent.parts.is_empty() || reading.intent.parts.contains(&p.passage.part)
    };
    relevance.names_missing = reading
        .names
        .iter()
        .filter(|name| {
            !ranked
                .iter()
                .filter(in_named_part)
                .take(weights.relevance_candidates.max(1))
                .any(|p| reading.holds_name(name, &p.measure.lowered))
        })
        .cloned()
        .collect();
    relevance.names_missing_share = reading.share_of(&relevance.names_missing);
    relevance.names_refused =
        weights.require_names && relevance.names_missing_share >= weights.name_min_share;
    relevance.quote_held = crate::text::quoted_phrases(&reading.normalized)
        .into_iter()
        .map(crate::text::lowercase)
        .find(|phrase| {
            ranked
                .iter()
                .take(weights.relevance_candidates.max(1))
                .any(|p| p.measure.lowered.contains(phrase.as_str()))
        });
    relevance.value_of_absent = reading
        .asked_of
        .iter()
        .filter(|_| !relevance.values_asked.is_empty())
        .filter(|word| {
            reading.absent.iter().any(|a| {
                a.kind != AbsentKind::LaterYear
                    && crate::text::lowercase(&a.text).contains(word.as_str())
            })
        })
        .cloned()
        .collect();
    relevance.title_absent = reading
        .titles
        .iter()
        .find(|(title, others)| {
            !ranked.iter().any(|p| {
                std::iter::once(title)
                    .chain(others)
                    .any(|t| p.measure.lowered.contains(t.as_str()))
            })
        })
        .map(|(title, _)| title.clone());
    // A question asking why, or comparing, is answered by the passage explaining or comparing;
    // a value it asks besides (`为啥能握手言和，共同的对头是谁`, `差多少`) need not be
    // stated. Whether something came to pass must be, still.
    let open = (reading.intent.why || reading.intent.compare)
        && !relevance.values_asked.contains(&ValueKind::Outcome);
    let value_unstated = weights.require_value
        && !open
        && !relevance.values_asked.is_empty()
        && (!relevance.value_stated
            || relevance.absent_measure.is_some()
            || !relevance.value_of_absent.is_empty());
    // The best of the first few passages: a hint that reorders them (a date, a name) does not
    // decide whether the question is answered.
    let best = ranked
        .iter()
        .take(weights.relevance_candidates.max(1))
        .map(|passage| {
            let named = reading.intent.parts.contains(&passage.passage.part);
            let held = held_weight(&passage.measure.lowered, &reading.relevance_terms)
                + if named {
                    naming_weight(reading, &passage.measure.lowered)
                } else {
                    0.0
                };
            let needed = if named {
                weights.min_coverage * weights.named_part_factor
            } else {
                weights.min_coverage
            };
            (passage, held, named, needed)
        })
        .max_by(|a, b| {
            let margin = |(p, held, _, needed): &(&ScoredPassage, f32, bool, f32)| {
                (p.asked_for, held - needed)
            };
            let (a_asked, a_margin) = margin(a);
            let (b_asked, b_margin) = margin(b);
            a_asked.cmp(&b_asked).then(a_margin.total_cmp(&b_margin))
        });
    if let Some((passage, held, named, needed)) = best {
        relevance.held = held;
        relevance.named_part = named;
        relevance.asked_for = passage.asked_for;
        relevance.needed = needed;
    }
    let best = best.map(|(p, ..)| p);
    let has_absent_topic = reading
        .absent
        .iter()
        .any(|a| a.kind != AbsentKind::Everyday);
    // A figure of something the corpus never names is unstated, said so (`How many soldiers`).
    let measure_absent = value_unstated && relevance.absent_measure.is_some();
    let about_absent = reading.absent_name_share() >= weights.max_absent_name_share
        || relevance.absent_share >= weights.max_absent_share
        || (relevance.absent_share >= weights.doubtful_absent_share
            && relevance.held < weights.doubtful_min_coverage);
    relevance.not_found = if relevance.small_talk {
        Some(NotFound::SmallTalk)
    } else if relevance.later_year.is_some() {
        Some(NotFound::Later)
    } else if relevance.rendered_share < weights.min_rendered_share {
        Some(NotFound::Untranslated)
    } else if best.is_none() {
        Some(if has_absent_topic {
            NotFound::Absent
        } else {
            NotFound::Unrelated
        })
    } else if relevance.asked_for {
        None
    } else if relevance.title_absent.is_some()
        || (about_absent && relevance.quote_held.is_none() && !measure_absent)
    {
        Some(NotFound::Absent)
    } else if (relevance.quote_held.is_none()
        && (relevance.held < relevance.needed
            || (weights.require_key_word && !relevance.key_held && !relevance.named_part)))
        || relevance.names_refused
    {
        Some(if has_absent_topic {
            NotFound::Absent
        } else {
            NotFound::Unrelated
        })
    } else if value_unstated {
        Some(NotFound::Unstated)
    } else {
        None
    };
    relevance.found = relevance.not_found.is_none();
    if std::env::var("LUOPAN_FEAT").is_ok() {
        let first = weights.relevance_candidates.max(1);
        let top: Vec<&ScoredPassage> = ranked.iter().take(5).collect();
        let rel = &reading.relevance_terms;
        let total: f32 = rel.iter().map(|t| t.weight).sum::<f32>().max(1e-6);
        // heaviest relevance term not held by the first passage, and by none of first 3
        let unheld_top = |k: usize| -> (f32, f32) {
            let mut mx = 0.0f32;
            let mut sum = 0.0f32;
            for t in rel {
                let held = top
                    .iter()
                    .take(k)
                    .map(|p| t.credit(&p.measure.lowered))
                    .fold(0.0, f32::max);
                let miss = t.weight * (1.0 - held.min(1.0));
                mx = mx.max(miss);
                sum += miss;
            }
            (mx / total, sum / total)
        };
        let (mx1, sum1) = unheld_top(1);
        let (mx3, sum3) = unheld_top(first);
        let bestsent = top
            .first()
            .map(|p| {
                p.measure
                    .sentences
                    .iter()
                    .map(|s| s.score)
                    .fold(0.0, f32::max)
            })
            .unwrap_or(0.0);
        let span = top.first().map(|p| p.measure.span_share).unwrap_or(0.0);
        let cov = top.first().map(|p| p.measure.coverage).unwrap_or(0.0);
        let taught = top.first().map(|p| p.measure.taught).unwrap_or(0.0);
        let s1 = top.first().map(|p| p.score).unwrap_or(0.0);
        let s2 = top.get(1).map(|p| p.score).unwrap_or(0.0);
        let bm = top.first().map(|p| p.bm25).unwrap_or(0.0);
        let i = &reading.intent;
        eprintln!(
            "FEAT\t{}\t{}",
            reading.original,
            serde_json::json!({
                "found": relevance.found, "held": relevance.held, "needed": relevance.needed,
                "absent_share": relevance.absent_share, "absent_name": reading.absent_name_share(),
                "rendered": relevance.rendered_share, "values": !relevance.values_asked.is_empty(),
                "stated": relevance.value_stated, "key_held": relevance.key_held,
                "names_missing": relevance.names_missing_share, "asked_for": relevance.asked_for,
                "named_part": relevance.named_part, "mx1": mx1, "sum1": sum1, "mx3": mx3, "sum3": sum3,
                "bestsent": bestsent, "span": span, "cov": cov, "taught": taught, "s1": s1, "s2": s2,
                "bm25": bm, "nterms": rel.len(), "en": reading.lang == crate::question::Lang::En,
                "why": i.why, "compare": i.compare, "who": i.who, "when": i.when,
                "quote": relevance.quote_held.is_some(), "small": relevance.small_talk,
                "nf": format!("{:?}", relevance.not_found),
            })
        );
    }
    relevance
}

/// The weight of the question's words that name the part it asks about (`前言`) and that a
/// passage of that part does not hold itself: the passage is in the part, so it holds them.
fn naming_weight(reading: &Reading, lowered: &str) -> f32 {
    reading
        .relevance_terms
        .iter()
        .filter(|t| t.credit(lowered) == 0.0)
        .filter(|t| {
            reading
                .intent
                .part_names
                .iter()
                .any(|name| name.contains(t.text.as_str()))
        })
        .map(|t| t.weight)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Passage;
    use crate::question::{Intent, Term};
    use crate::rank::Measure;

    /// A question whose relevance terms are `terms` (weights summing to 1), naming `parts`;
    /// each a word the corpus is about.
    fn reading(terms: &[(&str, f32)], parts: &[&str], rendered_share: f32) -> Reading {
        Reading {
            relevance_terms: terms.iter().map(|(t, w)| Term::new(*t, *w)).collect(),
            keyness: terms.iter().map(|(t, _)| (t.to_string(), 3.0)).collect(),
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
            section: 0.0,
            asked_for,
            states_value: false,
            measure: Measure {
                lowered: text.to_lowercase(),
                held: Vec::new(),
                coverage: 0.0,
                taught: 0.0,
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
            let decided = decide(&reading, best.as_slice(), &weights);
            assert_eq!(decided.found, found, "{what}: {decided:?}");
        }
    }

    #[test]
    fn a_name_the_question_is_about_must_be_in_the_first_passages() {
        let weights = Weights::default();
        let about = |share: f32| Reading {
            names: vec!["印度".to_string()],
            ..reading(&[("印度", share), ("碳中和", 1.0 - share)], &[], 1.0)
        };
        let elsewhere = best("中国承诺实现碳中和", "ft", false);
        let decided = decide(&about(0.3), std::slice::from_ref(&elsewhere), &weights);
        assert_eq!(decided.not_found, Some(NotFound::Unrelated), "{decided:?}");
        assert_eq!(decided.names_missing, vec!["印度".to_string()]);
        // A name weighing little is a detail of the question.
        assert!(decide(&about(0.1), std::slice::from_ref(&elsewhere), &weights).found);
        // Held by one of the first passages, even not the best.
        let naming = best("印度", "ft", false);
        assert!(decide(&about(0.3), &[elsewhere, naming], &weights).found);
    }

    #[test]
    fn a_passage_of_the_part_named_holds_the_words_naming_it() {
        let weights = Weights::default();
        let question = Reading {
            intent: Intent {
                parts: vec!["preface".to_string()],
                part_names: vec!["前言".to_string()],
                ..Intent::default()
            },
            ..reading(&[("前言", 0.5), ("罗盘", 0.2), ("比喻", 0.3)], &[], 1.0)
        };
        let decided = decide(&question, &[best("罗盘", "preface", false)], &weights);
        assert!((decided.held - 0.7).abs() < 1e-6, "{decided:?}");
        let other = decide(&question, &[best("罗盘", "paris", false)], &weights);
        assert!((other.held - 0.2).abs() < 1e-6, "{other:?}");
    }

    #[test]
    fn a_question_asking_a_value_is_answered_only_where_a_passage_states_one() {
        let weights = Weights::default();
        let asking = |number: bool| Reading {
            intent: Intent {
                number,
                ..Intent::default()
            },
            ..reading(&[("刺激", 0.6), ("计划", 0.4)], &[], 1.0)
        };
        let stating = |states_value: bool| ScoredPassage {
            states_value,
            ..best("刺激计划", "crisis", false)
        };
        let decided = decide(&asking(true), &[stating(false)], &weights);
        assert_eq!(decided.not_found, Some(NotFound::Unstated), "{decided:?}");
        assert_eq!(decided.values_asked, vec![ValueKind::Figure]);
        assert!(decide(&asking(true), &[stating(true)], &weights).found);
        assert!(decide(&asking(false), &[stating(false)], &weights).found);
        let off = Weights {
            require_value: false,
            ..Weights::default()
        };
        assert!(decide(&asking(true), &[stating(false)], &off).found);
    }

    #[test]
    fn words_of_everyday_language_alone_do_not_make_a_question_about_the_corpus() {
        let weights = Weights::default();
        // `a good recipe` rendered as 良好 and 做法: words the corpus uses, but no more than
        // Chinese at large does.
        let everyday = |parts: &[&str]| Reading {
            keyness: vec![("良好".into(), 0.96), ("做法".into(), 0.68)],
            ..reading(&[("良好", 0.5), ("做法", 0.5)], parts, 1.0)
        };
        let passage = best("为中国创造良好的外部环境，这种做法", "soviet", false);
        let decided = decide(&everyday(&[]), std::slice::from_ref(&passage), &weights);
        assert_eq!(decided.not_found, Some(NotFound::Unrelated), "{decided:?}");
        assert!(decided.held >= decided.needed && !decided.key_held);
        assert!(decided.key_words.is_empty());
        // A question naming the part is about it by its own words.
        assert!(
            decide(
                &everyday(&["soviet"]),
                std::slice::from_ref(&passage),
                &weights
            )
            .found
        );
        // One word the corpus is about, held, is enough.
        let about = Reading {
            keyness: vec![("良好".into(), 0.96), ("做法".into(), 2.5)],
            ..everyday(&[])
        };
        let decided = decide(&about, &[passage], &weights);
        assert!(decided.found && decided.key_held, "{decided:?}");
        assert_eq!(decided.key_words, vec!["做法".to_string()]);
    }

    #[test]
    fn the_signals_are_kept_for_explain() {
        let decided = decide(
            &reading(&[("气候", 0.2), ("比特币", 0.8)], &["paris"], 1.0),
            &[best("气候合作", "paris", false)],
            &Weights::default(),
        );
        assert!((decided.held - 0.2).abs() < 1e-6);
        // A passage of the part the question names needs less.
        let weights = Weights::default();
        let needed = weights.min_coverage * weights.named_part_factor;
        assert!(needed < weights.min_coverage);
        assert!((decided.needed - needed).abs() < 1e-6, "{decided:?}");
        assert!(decided.named_part && decided.found && !decided.asked_for);
    }
}
