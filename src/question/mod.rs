//! A question read once: its language, its text in the report's script with dates as the report
//! writes them, its translation when it is English, what it asks for (`Intent`), and the typed
//! terms the ranking looks for (`Term`). Everything later stages know of a question is in its
//! `Reading`.

pub mod dates;
pub mod intent;
pub mod lexicon;
pub mod script;
pub mod synonyms;
pub mod term;
pub mod thesaurus;
pub mod translate;
mod words;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::rank::Weights;
use crate::search::{Analyzer, SearchError, SearchIndex, SearchQuery};

pub use intent::Intent;
use synonyms::Synonyms;
pub use term::Term;
use thesaurus::Thesaurus;
use translate::{Rendering, Translator};

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

/// The language a question is written in, and the bot answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// English when a text has more Latin letters than Chinese characters, Chinese otherwise
    /// (and for empty text).
    pub fn of(text: &str) -> Lang {
        if crate::text::is_mostly_latin(text) {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// A word of the question that it is about, with its weight (its rarity in the corpus).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub text: String,
    pub weight: f32,
}

/// What reading a question needs: the index (for rarity), its analyzer and catalog, and the
/// aids to understanding people's words.
#[derive(Clone, Copy)]
pub struct Aids<'a> {
    pub index: &'a SearchIndex,
    pub analyzer: &'a Analyzer,
    pub catalog: &'a Catalog,
    pub synonyms: &'a Synonyms,
    pub thesaurus: Option<&'a Thesaurus>,
    /// Given for English questions only.
    pub translator: Option<&'a Translator>,
    pub weights: &'a Weights,
    /// The longest question accepted, in characters.
    pub max_chars: usize,
}

/// A question as read: everything the ranking, the answer and `explain` use, made once.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The question as asked (trimmed).
    pub original: String,
    pub case: Option<String>,
    pub lang: Lang,
    /// The text searched: translated, in simplified characters, dates as the report writes them.
    pub normalized: String,
    /// For an English question, how it was understood, phrase by phrase.
    pub understood: Vec<Rendering>,
    /// The share of an English question's meaningful words that found Chinese the corpus uses.
    pub rendered_share: f32,
    /// An English question's meaningful words that found no Chinese the corpus uses.
    pub untranslated: Vec<String>,
    /// The words the question is about, in question order.
    pub words: Vec<Word>,
    /// Its character bigrams, outside its question words.
    pub grams: Vec<String>,
    /// Synonyms looked for besides its own words.
    pub expansions: Vec<String>,
    /// Its rarer words with the thesaurus's words for them that the corpus uses.
    pub related: Vec<(String, Vec<String>)>,
    pub intent: Intent,
    /// What a passage is measured by: words the corpus uses and bigrams, weights summing to 1.
    pub terms: Vec<Term>,
    /// The same with the words the corpus never uses that jieba knows, which say whether the
    /// corpus speaks of the question at all.
    pub relevance_terms: Vec<Term>,
    /// What the index is asked.
    pub query: SearchQuery,
}

impl Reading {
    /// Whether nothing in the question is something the corpus speaks of: an English question
    /// none of whose words found Chinese the corpus uses.
    pub fn is_about_nothing_known(&self) -> bool {
        self.words.is_empty()
    }
}

/// Reads a question. An empty, overlong or wordless question, or one limited to an unknown
/// part, is refused; an English question none of whose words the corpus speaks of is read as
/// about nothing known (`Reading::is_about_nothing_known`).
pub fn read(question: &Question, lang: Lang, aids: Aids) -> Result<Reading, AskError> {
    let text = question.text.trim();
    if text.is_empty() {
        return Err(AskError::Empty);
    }
    let chars = text.chars().count();
    if chars > aids.max_chars {
        return Err(AskError::TooLong {
            chars,
            max: aids.max_chars,
        });
    }
    if let Some(case) = &question.case
        && aids.catalog.part(case).is_none()
    {
        return Err(AskError::UnknownCase(case.clone()));
    }
    let mut reading = Reading {
        original: text.to_string(),
        case: question.case.clone(),
        lang,
        rendered_share: 1.0,
        ..Reading::default()
    };
    let translated;
    let text = match aids.translator {
        Some(translator) if lang == Lang::En => {
            let translation =
                translator.translate(text, |word| words::corpus_frequency(aids, word));
            reading.rendered_share = translation.rendered_share();
            reading.untranslated = translation.missing.clone();
            translated = translation.text();
            reading.understood = translation.renderings;
            translated.as_str()
        }
        _ => text,
    };
    reading.normalized = dates::dates(&script::to_simplified(text));
    words::weigh(&mut reading, aids)?;
    Ok(reading)
}
