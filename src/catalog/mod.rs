//! The catalog: what luopan knows of the corpus beyond its passages (documents, parts,
//! sections, lesson digests, timelines), computed when the index is built and stored beside it.

pub mod digest;
pub mod timeline;

use serde::{Deserialize, Serialize};

use crate::corpus::{PartKind, Section};

/// Everything about the corpus that answers need besides passage text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// The corpus fingerprint this catalog (and the index beside it) was built from.
    pub fingerprint: String,
    pub edition: Option<String>,
    pub documents: Vec<DocumentInfo>,
    pub parts: Vec<PartDigest>,
    /// The number of passages indexed.
    pub passages: usize,
    /// The people the corpus names (words its analyzer tags as personal names), for questions
    /// asking who.
    #[serde(default)]
    pub people: Vec<String>,
    /// The taught links indexed with their passages, and those whose passage is gone.
    #[serde(default)]
    pub taught: usize,
    #[serde(default)]
    pub stale_taught: Vec<crate::corpus::taught::Link>,
}

/// A document's metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    pub title: String,
    pub short: String,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub footnotes: usize,
    pub author_note: Option<String>,
    pub passages: usize,
}

/// A part (preface, case, article) with its digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartDigest {
    pub id: String,
    pub doc: String,
    pub kind: PartKind,
    pub title: String,
    pub title_en: Option<String>,
    /// A short name for menus (`入世`).
    #[serde(default)]
    pub label: Option<String>,
    pub author: Option<String>,
    pub period: Option<String>,
    pub aliases: Vec<String>,
    pub pages: Option<(u32, u32)>,
    pub sections: Vec<Section>,
    /// Two or three sentences of the part's own text that say what it is about.
    pub overview: Vec<String>,
    pub lessons: Vec<LessonDigest>,
}

/// One lesson: its topic sentence, a short extractive summary of its body, and where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonDigest {
    pub index: usize,
    pub ordinal: String,
    pub topic: String,
    pub summary: Vec<String>,
    pub page: Option<u32>,
    /// The id of the passage that opens the lesson.
    pub passage: Option<String>,
    /// For the preface's lessons: the case lessons that illustrate it best, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrated_by: Vec<LessonLink>,
}

/// A pointer to a case lesson, with how close it is to the lesson it illustrates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonLink {
    pub case: String,
    pub case_title: String,
    pub index: usize,
    pub ordinal: String,
    pub topic: String,
    pub page: Option<u32>,
    pub similarity: f32,
}

impl Catalog {
    /// A catalog of nothing, for tests of the stages that read one.
    #[cfg(test)]
    pub(crate) fn empty() -> Catalog {
        Catalog {
            fingerprint: "0".into(),
            edition: None,
            documents: Vec::new(),
            parts: Vec::new(),
            passages: 0,
            people: Vec::new(),
            taught: 0,
            stale_taught: Vec::new(),
        }
    }

    /// A part by id.
    pub fn part(&self, id: &str) -> Option<&PartDigest> {
        self.parts.iter().find(|p| p.id == id)
    }

    /// A document by id.
    pub fn document(&self, id: &str) -> Option<&DocumentInfo> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The cooperation cases, in report order.
    pub fn cases(&self) -> impl Iterator<Item = &PartDigest> {
        self.parts.iter().filter(|p| p.kind == PartKind::Case)
    }

    /// A short version string for footers: the edition and the fingerprint's first digits.
    pub fn version(&self) -> String {
        let short: String = self.fingerprint.chars().take(8).collect();
        match &self.edition {
            Some(edition) => format!("{edition} · {short}"),
            None => short,
        }
    }
}
