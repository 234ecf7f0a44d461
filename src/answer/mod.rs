//! Hits → answers: the extractive summary with citation numbers, the cited excerpts, and the
//! case and lesson digests.

mod ask;
pub mod catalog;
pub mod digest;
mod excerpt;
mod intent;
mod normalize;
pub mod script;
pub mod synonyms;
pub mod thesaurus;
pub mod timeline;
pub mod translate;

use serde::{Deserialize, Serialize};

pub use ask::{
    AskError, AskSettings, Explanation, Knowledge, PassageExplanation, Question, ask, explain,
};
pub use catalog::{Catalog, DocumentInfo, LessonDigest, LessonLink, PartDigest};

/// An answer to a question: what the JSON output and every renderer show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    /// The part the question was limited to, if any.
    pub case: Option<String>,
    /// Whether the corpus holds something relevant; when false, summary and passages are empty.
    pub found: bool,
    /// One to three sentences from the passages, each with the numbers of the passages it cites.
    pub summary: Vec<SummarySentence>,
    /// The cited excerpts, numbered from 1, best first.
    pub passages: Vec<Citation>,
    /// The words that were searched for, in question order.
    pub terms: Vec<String>,
    /// For a question in English: how it was understood, phrase by phrase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub understood: Vec<translate::Rendering>,
    /// The corpus version the answer came from.
    pub corpus_version: String,
}

/// A sentence of the summary, verbatim from a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    pub cites: Vec<usize>,
}

/// A numbered, cited excerpt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The citation number, from 1.
    pub n: usize,
    /// The passage id (stable across rebuilds).
    pub id: String,
    /// The document id and its short name.
    pub doc: String,
    pub doc_title: String,
    /// The part id (`preface`, a case id, or the document id for an article) and its title.
    pub case: String,
    pub case_title: String,
    pub section: Option<String>,
    pub page: Option<u32>,
    /// The document's date, for sources without pages.
    pub date: Option<String>,
    /// Exactly the text shown: at most `excerpt_chars` characters, "…" marking cuts.
    pub excerpt: String,
    /// Character ranges `[start, end)` of `excerpt` that matched the question.
    pub marks: Vec<[usize; 2]>,
    pub score: f32,
}
