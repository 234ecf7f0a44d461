//! Answering a question: analyze it, search, rerank the candidates, decide whether anything
//! relevant was found, then cut excerpts and pick the summary sentences.
//!
//! BM25 over jieba words (in the text and in its headings) finds candidates; the rerank, which
//! measures how much of the question a passage holds in words and character bigrams, prefers
//! passages with one sentence (or two in a row) that holds most of the question's weighted
//! words (answers are sentences), passages of a part the question names, passages that give a
//! date when the question asks when, and, for questions about lessons, the lesson passages (the
//! numbered one when the question gives a number).
//!
//! A passage holds a question's word when it holds the word, a synonym from the moderators'
//! list, or (for a decade) one of its years; it holds part of the word when it holds only a
//! synonym from the general thesaurus.

use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::corpus::{PartKind, Passage, lesson_ordinal};
use crate::search::analyzer::grams;
use crate::search::{Analyzer, Hit, SearchError, SearchIndex, SearchQuery};
use crate::text::{Bigrams, bigram_set, jaccard};

use super::catalog::Catalog;
use super::excerpt::{self, Focus, sentence_scores};
use super::intent::{self, Intent, gives_reason, has_date, has_duration, names_obstacle};
use super::normalize::Decade;
use super::synonyms::Synonyms;
use super::thesaurus::Thesaurus;
use super::translate::{Rendering, Translator};
use super::{Answer, Citation, SummarySentence};

/// How answers are made; every field has a key in `config/default.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskSettings {
    /// Excerpts shown.
    pub top_k: usize,
    /// Candidates taken from BM25 for the rerank.
    pub candidates: usize,
    /// The longest excerpt, in characters.
    pub excerpt_chars: usize,
    /// The most sentences in the summary.
    pub summary_sentences: usize,
    /// The least share of the question's weighted words the best passage must hold.
    pub min_coverage: f32,
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
            min_coverage: 0.3,
            max_question_chars: 500,
        }
    }
}

/// A question and where to look.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Question {
    pub text: String,
    /// Limit the search to one part (`soviet`, `preface`, `ft`).
    pub case: Option<String>,
    /// Excerpts wanted; the settings' `top_k` when `None`.
    pub top_k: Option<usize>,
}

impl Question {
    pub fn new(text: impl Into<String>) -> Question {
        Question {
            text: text.into(),
            ..Question::default()
        }
    }
}

/// Why a question could not be answered at all (as opposed to "nothing relevant found").
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error("the question is empty")]
    Empty,
    #[error("the question is {chars} characters long; the limit is {max}")]
    TooLong { chars: usize, max: usize },
    #[error("the question has no words to search for")]
    NoWords,
    #[error("there is no case `{0}`")]
    UnknownCase(String),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// A candidate passage with its rerank features.
struct Candidate {
    hit: Hit,
    score: f32,
    coverage: f32,
    best_sentence: f32,
    bonus: f32,
    /// Whether the passage is what the question's structure asks for (the lesson it numbers).
    asked_for: bool,
}

/// What answers are made from: the index, its catalog, and the aids to reading a question.
#[derive(Clone, Copy)]
pub struct Knowledge<'a> {
    pub index: &'a SearchIndex,
    pub catalog: &'a Catalog,
    pub analyzer: &'a Analyzer,
    pub settings: &'a AskSettings,
    pub translator: Option<&'a Translator>,
    pub synonyms: &'a Synonyms,
    pub thesaurus: Option<&'a Thesaurus>,
}

/// A question as read: everything the search and the ranking use.
struct Reading {
    original: String,
    normalized: String,
    understood: Vec<Rendering>,
    rendered_share: f32,
    words: Vec<(String, f32)>,
    grams: Vec<String>,
    expansions: Vec<String>,
    related: Vec<(String, Vec<String>)>,
    query: SearchQuery,
    all: Vec<(String, f32)>,
    terms: Vec<(String, f32)>,
    intent: Intent,
}

/// Reads a question: `Ok(None)` when it is English with nothing the corpus speaks of.
fn read(knowledge: Knowledge, question: &Question) -> Result<Result<Reading, Answer>, AskError> {
    let Knowledge {
        index,
        catalog,
        analyzer,
        settings,
        translator,
        synonyms,
        thesaurus,
    } = knowledge;
    let text = question.text.trim();
    if text.is_empty() {
        return Err(AskError::Empty);
    }
    let chars = text.chars().count();
    if chars > settings.max_question_chars {
        return Err(AskError::TooLong {
            chars,
            max: settings.max_question_chars,
        });
    }
    if let Some(case) = &question.case
        && catalog.part(case).is_none()
    {
        return Err(AskError::UnknownCase(case.clone()));
    }
    let original = text.to_string();
    let mut understood = Vec::new();
    let mut rendered_share = 1.0;
    let translated;
    let text = match translator {
        Some(translator) if crate::text::is_mostly_latin(text) => {
            let translation =
                translator.translate(text, |word| corpus_frequency(index, analyzer, word));
            rendered_share = translation.rendered_share();
            translated = translation.text();
            understood = translation.renderings;
            translated.as_str()
        }
        _ => text,
    };
    let normalized = super::normalize::dates(&super::script::to_simplified(text));
    let text = normalized.as_str();
    let decades = super::normalize::decades(text);
    let words = weigh_decades(index, weighted_words(index, analyzer, text), &decades);
    // Words the corpus writes otherwise (川普 for its 特朗普), found once: each is as rare as
    // its synonyms, and stays a word to look for.
    let otherwise: Vec<(&str, f32)> = words
        .iter()
        .filter(|(word, _)| !index.knows_word(word))
        .filter_map(|(word, _)| {
            let group = synonyms.group_of(word)?;
            group
                .iter()
                .any(|w| corpus_frequency(index, analyzer, w) > 0)
                .then(|| (word.as_str(), index.any_word_idf(group)))
        })
        .collect();
    let said_otherwise = |word: &str| {
        otherwise
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, idf)| *idf)
    };
    let words: Vec<(String, f32)> = words
        .iter()
        .map(|(word, weight)| match said_otherwise(word) {
            Some(idf) => (word.clone(), weight.min(idf)),
            None => (word.clone(), *weight),
        })
        .collect();
    if words.is_empty() && rendered_share < 1.0 {
        // English words with no Chinese the corpus uses: a question about something else.
        return Ok(Err(Answer {
            question: original,
            case: question.case.clone(),
            found: false,
            summary: Vec::new(),
            passages: Vec::new(),
            terms: Vec::new(),
            understood,
            corpus_version: catalog.version(),
        }));
    }
    if words.is_empty() {
        return Err(AskError::NoWords);
    }
    let grams = question_grams(analyzer, text);
    let expansions = synonyms.expansions(text);
    let related = thesaurus.map_or_else(Vec::new, |t| related_words(index, t, &words, &decades));
    // Words and bigrams weighted by rarity, half the weight each, summing to 1: how much of
    // the question a sentence or passage holds. `all` keeps words the corpus never uses,
    // which say whether the corpus speaks of the question at all. A passage holding a
    // synonym of a question's word, or a year of a decade it names, holds that word; one
    // holding a related word from the thesaurus holds part of it.
    let widen = |terms: Vec<(String, f32)>| {
        with_related(
            with_years(synonyms.with_alternatives(terms), &decades),
            &related,
        )
    };
    let all = widen(match_terms(index, &words, &grams, |w| {
        analyzer.knows_word(w) || said_otherwise(w).is_some()
    }));
    let terms = widen(match_terms(index, &words, &grams, |w| {
        said_otherwise(w).is_some()
    }));
    let query = SearchQuery {
        words: query_words(index, analyzer, &words, &expansions, &decades, &related),
        context_weight: 0.3,
        part: question.case.clone(),
    };
    let intent = intent::read(text, catalog);
    Ok(Ok(Reading {
        original,
        understood,
        rendered_share,
        words,
        grams,
        expansions,
        related,
        query,
        all,
        terms,
        intent,
        normalized,
    }))
}

/// The candidates of a reading, best first.
fn candidates(
    knowledge: Knowledge,
    reading: &Reading,
    question: &Question,
) -> Result<Vec<Candidate>, AskError> {
    let Knowledge {
        index,
        catalog,
        settings,
        ..
    } = knowledge;
    let mut hits = index.search(&reading.query, settings.candidates)?;
    if reading.intent.lessons {
        add_lesson_openings(
            &mut hits,
            index,
            catalog,
            &reading.intent,
            question.case.as_deref(),
        )?;
    }
    Ok(rerank(hits, &reading.terms, &reading.intent, catalog))
}

/// Whether the best candidate answers the reading at all.
fn answers(reading: &Reading, ranked: &[Candidate], settings: &AskSettings) -> bool {
    // An English question most of whose words have no Chinese the corpus uses is about
    // something else, whatever its few rendered words match.
    reading.rendered_share >= MIN_RENDERED_SHARE
        && ranked
            .first()
            .is_some_and(|c| is_relevant(c, &reading.all, &reading.intent, settings))
}

/// Answers a question.
pub fn ask(knowledge: Knowledge, question: &Question) -> Result<Answer, AskError> {
    let reading = match read(knowledge, question)? {
        Ok(reading) => reading,
        Err(nothing) => return Ok(nothing),
    };
    let Knowledge {
        catalog, settings, ..
    } = knowledge;
    let ranked = candidates(knowledge, &reading, question)?;
    let top_k = question.top_k.unwrap_or(settings.top_k).max(1);
    let found = answers(&reading, &ranked, settings);
    let Reading {
        original,
        understood,
        words,
        terms,
        intent,
        ..
    } = reading;
    let mut answer = Answer {
        question: original,
        case: question.case.clone(),
        found,
        summary: Vec::new(),
        passages: Vec::new(),
        terms: words.iter().map(|(w, _)| w.clone()).collect(),
        understood,
        corpus_version: catalog.version(),
    };
    if !found {
        return Ok(answer);
    }
    let shown = distinct(
        ranked
            .into_iter()
            .filter(|c| c.coverage > 0.0 || c.asked_for),
        top_k,
    );
    answer.passages = shown
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let focus = if intent.lessons && lesson_ordinal(&c.hit.passage.text).is_some() {
                Focus::Lead
            } else {
                Focus::BestMatch
            };
            cite(
                i + 1,
                c,
                &terms,
                &words,
                catalog,
                settings.excerpt_chars,
                focus,
            )
        })
        .collect();
    answer.summary = summarize(&shown, &terms, &intent, settings.summary_sentences);
    Ok(answer)
}

/// How a question was read and why the top passages rank where they do: the "search test"
/// page of knowledge-base tools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub question: String,
    /// The text searched, after translation, script and date normalisation.
    pub normalized: String,
    pub understood: Vec<Rendering>,
    /// The question's words with their weights (inverse document frequency).
    pub words: Vec<(String, f32)>,
    pub grams: Vec<String>,
    /// Synonyms looked for besides the question's own words.
    pub expansions: Vec<String>,
    /// The question's rarer words with the thesaurus's synonyms of them that the corpus uses.
    pub related: Vec<(String, Vec<String>)>,
    /// Parts the question names, and whether it asks for lessons, a date, a length of time, a
    /// reason or what held something back.
    pub parts: Vec<String>,
    pub lessons: bool,
    pub lesson_number: Option<usize>,
    pub when: bool,
    pub how_long: bool,
    pub why: bool,
    pub obstacle: bool,
    pub found: bool,
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
    /// BM25 over the index, and its share of the score (weight 0.35, relative to the best).
    pub bm25: f32,
    /// The share of the question's weighted words and bigrams the passage holds (weight 0.25).
    pub coverage: f32,
    /// The same for its best span: a sentence or two in a row, with what its heading holds
    /// (weight 0.4).
    pub best_sentence: f32,
    /// What the question's hints added: named part, lessons, lesson number, a date or length
    /// of time, a reason, what held something back.
    pub bonus: f32,
    pub score: f32,
    /// The terms the passage holds, with their share of the question.
    pub matched: Vec<(String, f32)>,
    pub opening: String,
}

/// Explains how a question is read and ranked, the `limit` best passages in detail.
pub fn explain(
    knowledge: Knowledge,
    question: &Question,
    limit: usize,
) -> Result<Explanation, AskError> {
    let reading = match read(knowledge, question)? {
        Ok(reading) => reading,
        Err(nothing) => {
            return Ok(Explanation {
                question: nothing.question,
                normalized: String::new(),
                understood: nothing.understood,
                words: Vec::new(),
                grams: Vec::new(),
                expansions: Vec::new(),
                related: Vec::new(),
                parts: Vec::new(),
                lessons: false,
                lesson_number: None,
                when: false,
                how_long: false,
                why: false,
                obstacle: false,
                found: false,
                passages: Vec::new(),
            });
        }
    };
    let ranked = candidates(knowledge, &reading, question)?;
    let found = answers(&reading, &ranked, knowledge.settings);
    let passages = ranked
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, c)| {
            let lowered = crate::text::lowercase(&c.hit.passage.text);
            PassageExplanation {
                rank: i + 1,
                id: c.hit.passage.id.clone(),
                case: c.hit.passage.part.clone(),
                section: c.hit.passage.section.clone(),
                page: c.hit.passage.page,
                bm25: c.hit.score,
                coverage: c.coverage,
                best_sentence: c.best_sentence,
                bonus: c.bonus,
                score: c.score,
                matched: reading
                    .terms
                    .iter()
                    .filter_map(|(t, w)| {
                        let credit = excerpt::credit(&lowered, t);
                        (credit > 0.0).then(|| (t.clone(), w * credit))
                    })
                    .collect(),
                opening: crate::text::truncate_chars(&c.hit.passage.text, 60),
            }
        })
        .collect();
    Ok(Explanation {
        question: reading.original,
        normalized: reading.normalized,
        understood: reading.understood,
        words: reading.words,
        grams: reading.grams,
        expansions: reading.expansions,
        related: reading.related,
        parts: reading.intent.parts,
        lessons: reading.intent.lessons,
        lesson_number: reading.intent.ordinal,
        when: reading.intent.when,
        how_long: reading.intent.how_long,
        why: reading.intent.why,
        obstacle: reading.intent.obstacle,
        found,
        passages,
    })
}

/// How many passages use a word, for a word the analyzer may split: the rarest of its parts.
fn corpus_frequency(index: &SearchIndex, analyzer: &Analyzer, word: &str) -> u64 {
    let direct = index.doc_freq(&word.to_lowercase());
    if direct > 0 {
        return direct;
    }
    let parts = analyzer.words(word);
    if parts.is_empty() {
        return 0;
    }
    parts
        .iter()
        .map(|p| index.doc_freq(&p.text))
        .min()
        .unwrap_or(0)
}

/// The question's content words, each weighted by its inverse document frequency; repeated
/// words count once, and counting words (`第一条`, `五条`) are left to the intent.
fn weighted_words(index: &SearchIndex, analyzer: &Analyzer, text: &str) -> Vec<(String, f32)> {
    let mut seen = HashSet::new();
    analyzer
        .question_words(text)
        .into_iter()
        .filter(|t| !t.text.chars().all(|c| COUNTING.contains(c)))
        .filter(|t| seen.insert(t.text.clone()))
        .map(|t| {
            let idf = index.word_idf(&t.text);
            (t.text, idf)
        })
        .collect()
}

/// Whether the best candidate answers the question at all: it is the lesson the question
/// numbers, or it holds enough of the question's weighted words and bigrams (words the corpus
/// never uses included, so a question about something else falls short). A question that
/// names a part of the corpus (`FT那篇文章`, `入世那一章`) is about the corpus by its own
/// words, and a passage of that part needs less.
fn is_relevant(
    best: &Candidate,
    all: &[(String, f32)],
    intent: &Intent,
    settings: &AskSettings,
) -> bool {
    let held = coverage(&best.hit.passage.text, all);
    let named = intent.parts.contains(&best.hit.passage.part);
    best.asked_for
        || held >= settings.min_coverage
        || (named && held >= settings.min_coverage * NAMED_PART_FACTOR)
}

/// The question's words with a decade's (`70`, `年代`) weighted as rare as all its years
/// together: the seventies are as common in the text as 1970 to 1979 are.
fn weigh_decades(
    index: &SearchIndex,
    mut words: Vec<(String, f32)>,
    decades: &[Decade],
) -> Vec<(String, f32)> {
    for decade in decades {
        let mut forms = decade.years();
        forms.push(decade.name.clone());
        let idf = index.any_word_idf(&forms);
        for (word, weight) in words.iter_mut() {
            if decade.is_named_by(word) {
                *weight = weight.min(idf);
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
    words: &[(String, f32)],
    decades: &[Decade],
) -> Vec<(String, Vec<String>)> {
    words
        .iter()
        .filter(|(word, idf)| {
            *idf >= RELATED_MIN_IDF && !decades.iter().any(|d| d.is_named_by(word))
        })
        .filter_map(|(word, _)| {
            let related: Vec<String> = thesaurus
                .related(word)
                .into_iter()
                .filter(|r| index.knows_word(r))
                .map(str::to_string)
                .collect();
            (!related.is_empty()).then(|| (word.clone(), related))
        })
        .collect()
}

/// Terms with the years of the decades the question names as alternatives of the decade's
/// words (`70|197`: any year 1970–1979 holds `70`).
fn with_years(terms: Vec<(String, f32)>, decades: &[Decade]) -> Vec<(String, f32)> {
    terms
        .into_iter()
        .map(|(term, weight)| {
            let word = excerpt::variants(&term).next().unwrap_or_default();
            match decades.iter().find(|d| d.is_named_by(word)) {
                Some(decade) => (format!("{term}|{}", decade.prefix), weight),
                None => (term, weight),
            }
        })
        .collect()
}

/// Terms with the thesaurus's words for them written after `~` (held for part of the weight).
fn with_related(
    terms: Vec<(String, f32)>,
    related: &[(String, Vec<String>)],
) -> Vec<(String, f32)> {
    terms
        .into_iter()
        .map(|(term, weight)| {
            let word = excerpt::variants(&term).next().unwrap_or_default();
            let others: Vec<&str> = related
                .iter()
                .filter(|(w, _)| w == word)
                .flat_map(|(_, r)| r.iter().map(String::as_str))
                .filter(|r| !excerpt::variants(&term).any(|v| v == *r))
                .collect();
            if others.is_empty() {
                (term, weight)
            } else {
                (format!("{term}~{}", others.join("~")), weight)
            }
        })
        .collect()
}

/// What BM25 looks for: the question's words at their weight, and for less the synonyms the
/// list gives, the years of a decade it names and the thesaurus's related words.
fn query_words(
    index: &SearchIndex,
    analyzer: &Analyzer,
    words: &[(String, f32)],
    expansions: &[String],
    decades: &[Decade],
    related: &[(String, Vec<String>)],
) -> Vec<(String, f32)> {
    let mut query: Vec<(String, f32)> = words.to_vec();
    let mut add = |word: String, weight: f32| {
        if !query.iter().any(|(w, _)| *w == word) {
            query.push((word, weight));
        }
    };
    for expansion in expansions {
        for term in analyzer.words(expansion) {
            let weight = index.word_idf(&term.text) * EXPANSION_WEIGHT;
            add(term.text, weight);
        }
    }
    for decade in decades {
        let weight = words
            .iter()
            .find(|(w, _)| *w == decade.name)
            .map_or(0.0, |(_, idf)| idf * EXPANSION_WEIGHT);
        for year in decade.years().into_iter().filter(|y| index.knows_word(y)) {
            add(year, weight);
        }
    }
    for word in related.iter().flat_map(|(_, r)| r) {
        add(word.clone(), index.word_idf(word) * EXPANSION_WEIGHT);
    }
    query
}

/// The least rarity (idf) of a question's word for the thesaurus to be asked about it.
const RELATED_MIN_IDF: f32 = 2.0;

/// How much a synonym of a question's word weighs against the word itself.
const EXPANSION_WEIGHT: f32 = 0.2;

/// The least share of an English question's meaningful words that must find Chinese words.
const MIN_RENDERED_SHARE: f32 = 0.5;

/// How much of `min_coverage` a passage of a part the question names must reach.
const NAMED_PART_FACTOR: f32 = 0.4;

/// Words and bigrams with weights from their rarity, each kind normalized to half of 1; of the
/// words the corpus never uses, only those `keep_unknown` says are kept.
fn match_terms(
    index: &SearchIndex,
    words: &[(String, f32)],
    grams: &[String],
    keep_unknown: impl Fn(&str) -> bool,
) -> Vec<(String, f32)> {
    let words: Vec<&(String, f32)> = words
        .iter()
        .filter(|(w, _)| index.knows_word(w) || keep_unknown(w))
        .collect();
    // Bigrams weigh alike: a bigram is a piece of a word, not a word with a rarity of its own.
    let grams: Vec<(String, f32)> = grams.iter().map(|g| (g.clone(), 1.0)).collect();
    let word_total: f32 = words.iter().map(|(_, w)| w).sum();
    let gram_total: f32 = grams.iter().map(|(_, w)| w).sum();
    let (word_share, gram_share) = match (word_total > 0.0, gram_total > 0.0) {
        (true, true) => (0.5, 0.5),
        (true, false) => (1.0, 0.0),
        (false, true) => (0.0, 1.0),
        (false, false) => (0.0, 0.0),
    };
    let mut terms: Vec<(String, f32)> = words
        .iter()
        .map(|(w, weight)| (w.clone(), weight / word_total * word_share))
        .collect();
    terms.extend(
        grams
            .into_iter()
            .map(|(g, weight)| (g, weight / gram_total * gram_share)),
    );
    terms
}

/// The share of the terms' weight that a text holds.
fn coverage(text: &str, terms: &[(String, f32)]) -> f32 {
    let lowered = crate::text::lowercase(text);
    terms
        .iter()
        .map(|(t, w)| w * excerpt::credit(&lowered, t))
        .sum()
}

/// Characters of counting words, which say which lesson, not what it is about.
const COUNTING: &str = "第一二三四五六七八九十两几条个点项";

/// For a question about lessons, the passages that open the lessons of the parts it names
/// (or of the part it is limited to, or the preface's when it names none) join the candidates.
fn add_lesson_openings(
    hits: &mut Vec<Hit>,
    index: &SearchIndex,
    catalog: &Catalog,
    intent: &Intent,
    limit_to: Option<&str>,
) -> Result<(), SearchError> {
    let parts: Vec<&str> = match limit_to {
        Some(part) => vec![part],
        None if intent.parts.is_empty() => catalog
            .parts
            .iter()
            .filter(|p| p.kind == PartKind::Preface)
            .map(|p| p.id.as_str())
            .collect(),
        None => intent.parts.iter().map(String::as_str).collect(),
    };
    for part in parts.into_iter().filter_map(|id| catalog.part(id)) {
        for lesson in &part.lessons {
            let Some(id) = &lesson.passage else { continue };
            if hits.iter().any(|h| &h.passage.id == id) {
                continue;
            }
            if let Some(passage) = index.passage(id)? {
                hits.push(Hit {
                    passage,
                    score: 0.0,
                });
            }
        }
    }
    Ok(())
}

/// Bigrams of the question outside its question words, each once.
fn question_grams(analyzer: &Analyzer, text: &str) -> Vec<String> {
    let skip = analyzer.question_word_ranges(text);
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

/// Scores candidates by BM25, word coverage of the passage and of its best span, and the
/// question's hints; best first.
fn rerank(
    hits: Vec<Hit>,
    terms: &[(String, f32)],
    intent: &Intent,
    catalog: &Catalog,
) -> Vec<Candidate> {
    let best_bm25 = hits
        .iter()
        .map(|h| h.score)
        .fold(f32::MIN, f32::max)
        .max(f32::EPSILON);
    let mut candidates: Vec<Candidate> = hits
        .into_iter()
        .map(|hit| {
            let heading = heading(&hit, catalog);
            let coverage = coverage(&hit.passage.text, terms);
            let (best_range, best_sentence) = best_span(&hit.passage, &heading, terms);
            let best = &hit.passage.text[best_range];
            let dated = (intent.when && has_date(best)) || (intent.how_long && has_duration(best));
            let reasoned = intent.why && gives_reason(best);
            let hindered = intent.obstacle && names_obstacle(best);
            let asked_for = is_asked_for(&hit, intent, catalog);
            let mut bonus = hint_bonus(&hit, intent, catalog);
            if dated {
                bonus += DATED_BONUS;
            }
            if reasoned {
                bonus += REASON_BONUS;
            }
            if hindered {
                bonus += OBSTACLE_BONUS;
            }
            if asked_for {
                bonus += 1.0;
            }
            let score =
                0.35 * hit.score / best_bm25 + 0.25 * coverage + 0.4 * best_sentence + bonus;
            Candidate {
                hit,
                score,
                coverage,
                best_sentence,
                bonus,
                asked_for,
            }
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    candidates
}

/// What a passage is filed under: its part's title and its section's.
fn heading(hit: &Hit, catalog: &Catalog) -> String {
    let part = catalog
        .part(&hit.passage.part)
        .map_or("", |p| p.title.as_str());
    let section = hit.passage.section.as_deref().unwrap_or_default();
    crate::text::lowercase(&format!("{part} {section}"))
}

/// The span of a passage that best answers: one sentence, or two in a row (an answer often
/// names its subject in one sentence and gives the fact in the next), which count for a little
/// less; the first sentence may also lean on the passage's lead, the sentence before it
/// (`尽管如此，…` after a sentence naming 奥巴马), for a little less again. A span also holds
/// what its heading holds: a passage under `中国加入WTO使中美都获得巨大利益` speaks of both
/// sides' gains in every sentence.
fn best_span(passage: &Passage, heading: &str, terms: &[(String, f32)]) -> (Range<usize>, f32) {
    let in_heading: Vec<f32> = terms
        .iter()
        .map(|(t, _)| excerpt::credit(heading, t))
        .collect();
    // What each term gets from a piece of text (or its heading): computed once per sentence.
    let held = |span: &str| -> Vec<f32> {
        let lowered = crate::text::lowercase(span);
        terms
            .iter()
            .zip(&in_heading)
            .map(|((t, _), heading)| excerpt::credit(&lowered, t).max(*heading))
            .collect()
    };
    let score = |a: &[f32], b: &[f32]| -> f32 {
        terms
            .iter()
            .zip(a.iter().zip(b))
            .map(|((_, weight), (a, b))| weight * a.max(*b))
            .sum()
    };
    let text = &passage.text;
    let sentences = crate::text::sentences(text);
    let each: Vec<Vec<f32>> = sentences.iter().map(|r| held(&text[r.clone()])).collect();
    let mut best = (0..0, 0.0);
    let mut consider = |range: Range<usize>, value: f32| {
        if value > best.1 {
            best = (range, value);
        }
    };
    if let (false, Some(first)) = (passage.lead.is_empty(), each.first()) {
        consider(
            sentences[0].clone(),
            score(first, &held(&passage.lead)) * LEAD_DISCOUNT,
        );
    }
    for (i, sentence) in each.iter().enumerate() {
        consider(sentences[i].clone(), score(sentence, sentence));
        if let Some(next) = each.get(i + 1) {
            consider(
                sentences[i].start..sentences[i + 1].end,
                score(sentence, next) * PAIR_DISCOUNT,
            );
        }
    }
    best
}

/// What a passage's first sentence with its lead is worth against one sentence holding as
/// much: less than two sentences of its own.
const LEAD_DISCOUNT: f32 = 0.8;

/// What two sentences in a row are worth against one sentence holding as much.
const PAIR_DISCOUNT: f32 = 0.9;

/// What a question asking when (or how long) adds to a passage whose best span gives a date
/// (or a length of time): a passage without one cannot answer it, however many of the
/// question's words it holds.
const DATED_BONUS: f32 = 0.3;

/// What a why-question adds to a passage whose best span gives a reason (`因为`, `由于`).
const REASON_BONUS: f32 = 0.15;

/// What a question asking why something could not be done (`为什么推不动`) adds to a passage
/// whose best span names what held it back (`制约`, `否决`, `阻力`): like a when-question's
/// date, a passage without one does not answer it.
const OBSTACLE_BONUS: f32 = 0.3;

fn hint_bonus(hit: &Hit, intent: &Intent, catalog: &Catalog) -> f32 {
    let passage = &hit.passage;
    let mut bonus = 0.0;
    if intent.parts.contains(&passage.part) {
        bonus += 0.15;
    } else if !intent.parts.is_empty() {
        bonus -= 0.05;
    }
    let in_named_part = intent.parts.is_empty() || intent.parts.contains(&passage.part);
    if intent.lessons && passage.lesson.is_some() && in_named_part {
        let is_lesson_part = catalog
            .part(&passage.part)
            .is_some_and(|p| p.kind != PartKind::Article);
        // Lessons of a part the question names are what it asks for; without a name, lessons
        // anywhere are only likelier.
        let scale = if intent.parts.is_empty() { 1.0 } else { 1.5 };
        if is_lesson_part {
            bonus += 0.2 * scale;
            if lesson_ordinal(&passage.text).is_some() {
                bonus += 0.1 * scale;
            }
        }
    }
    bonus
}

/// A passage opening the lesson a question numbers (`第二条经验`), in the part it names (the
/// preface when it names none); or, for a question after the lessons of a part it names
/// (`抗苏联那个案例总结了哪几条经验`), a passage opening any of them.
fn is_asked_for(hit: &Hit, intent: &Intent, catalog: &Catalog) -> bool {
    let passage = &hit.passage;
    if !intent.lessons || lesson_ordinal(&passage.text).is_none() {
        return false;
    }
    let Some(ordinal) = intent.ordinal else {
        return intent.parts.contains(&passage.part) && passage.lesson.is_some();
    };
    let in_named_part = if intent.parts.is_empty() {
        catalog
            .part(&passage.part)
            .is_some_and(|p| p.kind == PartKind::Preface)
    } else {
        intent.parts.contains(&passage.part)
    };
    in_named_part && passage.lesson == Some(ordinal) && lesson_ordinal(&passage.text).is_some()
}

/// The best `most` candidates, leaving out any that nearly repeats a better one (the preface
/// retells the cases).
fn distinct(ranked: impl Iterator<Item = Candidate>, most: usize) -> Vec<Candidate> {
    let mut kept: Vec<(Candidate, Bigrams)> = Vec::new();
    for candidate in ranked {
        if kept.len() == most {
            break;
        }
        let grams = bigram_set(&candidate.hit.passage.text);
        if kept.iter().all(|(_, other)| jaccard(&grams, other) < 0.5) {
            kept.push((candidate, grams));
        }
    }
    kept.into_iter().map(|(c, _)| c).collect()
}

fn cite(
    n: usize,
    candidate: &Candidate,
    terms: &[(String, f32)],
    words: &[(String, f32)],
    catalog: &Catalog,
    max_chars: usize,
    focus: Focus,
) -> Citation {
    let passage = &candidate.hit.passage;
    let mut window = excerpt::window(&passage.text, terms, max_chars, focus);
    window.marks = excerpt::marks(&window.text, words);
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
        excerpt: window.text,
        marks: window.marks,
        score: (candidate.score * 1000.0).round() / 1000.0,
    }
}

/// Up to `most` sentences from the first three shown passages, by weighted word coverage and
/// passage rank, none nearly repeating another; each cites every shown passage that holds it.
/// For a question about lessons, a lesson's topic sentence (its passage's first) leads the
/// summary, the numbered lesson's first of all.
fn summarize(
    shown: &[Candidate],
    terms: &[(String, f32)],
    intent: &Intent,
    most: usize,
) -> Vec<SummarySentence> {
    let mut candidates: Vec<(f32, String, usize)> = Vec::new();
    for (rank, candidate) in shown.iter().take(3).enumerate() {
        let text = &candidate.hit.passage.text;
        let opens_lesson = intent.lessons && lesson_ordinal(text).is_some();
        for (position, (range, score)) in sentence_scores(text, terms).into_iter().enumerate() {
            let sentence = text[range].trim().to_string();
            let length = sentence.chars().count();
            let topic = opens_lesson && position == 0;
            if (score <= 0.0 && !topic) || !(6..=220).contains(&length) {
                continue;
            }
            let mut weight = score * (1.0 - 0.15 * rank as f32);
            if topic {
                weight += if candidate.asked_for { 2.0 } else { 1.0 };
            }
            candidates.push((weight, sentence, rank));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = candidates.first().map_or(0.0, |c| c.0);
    let mut chosen: Vec<Picked> = Vec::new();
    let mut length = 0;
    for (weight, sentence, rank) in candidates {
        if chosen.len() == most.max(1) || weight < best * 0.5 {
            break;
        }
        let grams = bigram_set(&sentence);
        let sentence_chars = sentence.chars().count();
        if chosen.iter().any(|(_, g, _)| jaccard(&grams, g) >= 0.5)
            || (!chosen.is_empty() && length + sentence_chars > 360)
        {
            continue;
        }
        length += sentence_chars;
        chosen.push((sentence, grams, rank));
    }
    chosen
        .into_iter()
        .map(|(text, grams, rank)| {
            let mut cites = vec![rank + 1];
            for (i, other) in shown.iter().enumerate() {
                if i != rank && holds_near_copy(&other.hit.passage.text, &grams) {
                    cites.push(i + 1);
                }
            }
            cites.sort_unstable();
            SummarySentence { text, cites }
        })
        .collect()
}

/// A summary sentence, its bigrams (to keep near-copies out), and its passage's rank.
type Picked = (String, Bigrams, usize);

fn holds_near_copy(text: &str, grams: &Bigrams) -> bool {
    crate::text::sentences(text)
        .into_iter()
        .any(|r| jaccard(&bigram_set(&text[r]), grams) >= 0.6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[(&str, f32)]) -> Vec<(String, f32)> {
        list.iter().map(|(t, w)| (t.to_string(), *w)).collect()
    }

    fn passage(text: &str, lead: &str) -> Passage {
        Passage {
            id: "report-test".into(),
            doc: "report".into(),
            part: "soviet".into(),
            section: None,
            lesson: None,
            page: None,
            seq: 0,
            text: text.into(),
            lead: lead.into(),
        }
    }

    #[test]
    fn the_best_span_may_be_two_sentences_in_a_row() {
        let text =
            "1972年尼克松访华后，中美开启正常化进程。中美和解的主要原因是苏联威胁。另一句话。";
        let question = terms(&[("尼克松", 0.5), ("和解", 0.5)]);
        let (range, score) = best_span(&passage(text, ""), "", &question);
        assert!((score - PAIR_DISCOUNT).abs() < 1e-6, "{score}");
        assert_eq!(
            &text[range],
            "1972年尼克松访华后，中美开启正常化进程。中美和解的主要原因是苏联威胁。"
        );
        let (range, score) = best_span(&passage(text, ""), "", &terms(&[("和解", 1.0)]));
        assert_eq!(score, 1.0, "one sentence holding it all beats a pair");
        assert_eq!(&text[range], "中美和解的主要原因是苏联威胁。");
    }

    #[test]
    fn the_first_sentence_may_lean_on_the_sentence_before_the_passage() {
        let text = "尽管如此，美国的气候政策仍受到显著的制约。美国有26个产煤州。";
        let question = terms(&[("奥巴马", 0.5), ("气候", 0.5)]);
        assert_eq!(best_span(&passage(text, ""), "", &question).1, 0.5);
        let lead = "奥巴马在总统竞选期间，更将应对气候变化视为其主要政治议程之一。";
        let (range, score) = best_span(&passage(text, lead), "", &question);
        assert!((score - LEAD_DISCOUNT).abs() < 1e-6, "{score}");
        assert_eq!(&text[range], "尽管如此，美国的气候政策仍受到显著的制约。");
        let later = terms(&[("奥巴马", 0.5), ("产煤州", 0.5)]);
        assert_eq!(
            best_span(&passage(text, lead), "", &later).1,
            0.5,
            "only the first sentence leans on the lead"
        );
    }

    #[test]
    fn a_span_holds_what_its_heading_holds() {
        let text = passage("冷战结束后，美国战略注意力转向经济。", "");
        let question = terms(&[("美国", 0.5), ("利益", 0.5)]);
        assert_eq!(best_span(&text, "", &question).1, 0.5);
        let heading = "（二）美国获得了巨大的利益";
        assert_eq!(best_span(&text, heading, &question).1, 1.0);
    }

    #[test]
    fn a_decade_is_held_by_its_years_and_related_words_follow_a_tilde() {
        let decades = super::super::normalize::decades("80年代中美军事合作");
        let widened = with_years(
            terms(&[("80", 0.3), ("年代", 0.2), ("军事", 0.5)]),
            &decades,
        );
        assert_eq!(widened[0].0, "80|198");
        assert_eq!(widened[1].0, "年代|198");
        assert_eq!(widened[2].0, "军事");
        let related = vec![(
            "好处".to_string(),
            vec!["利益".to_string(), "好处".to_string()],
        )];
        let widened = with_related(terms(&[("好处|甜头", 1.0), ("美国", 1.0)]), &related);
        assert_eq!(widened[0].0, "好处|甜头~利益");
        assert_eq!(widened[1].0, "美国");
    }
}
