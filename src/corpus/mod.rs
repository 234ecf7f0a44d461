//! Source documents → cleaned, structured documents and their passages.
//!
//! `manifest` says what the documents are; `pdf_text` and `footnotes` repair the report's
//! PDF-extracted text; `report` finds its preface, cases, sections and lessons; `commentary`
//! reads the FT story's HTML; `passage` cuts everything into cited passages.

mod commentary;
mod footnotes;
pub mod manifest;
mod passage;
mod pdf_text;
mod report;
pub mod taught;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use manifest::{DocumentEntry, Format, Manifest};
pub use passage::{Passage, passage_id};
pub use report::lesson_ordinal;

/// What can go wrong reading the corpus; each variant names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read {}: {source}", crate::text::shown_path(path))]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} is not UTF-8 text (invalid bytes at offset {offset})",
        crate::text::shown_path(path)
    )]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{} is empty", crate::text::shown_path(path))]
    Empty { path: PathBuf },
    #[error("cannot write {}: {source}", crate::text::shown_path(path))]
    Unwritable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("manifest {}: {reason}", crate::text::shown_path(path))]
    Manifest { path: PathBuf, reason: String },
    #[error("{}: {reason}", crate::text::shown_path(path))]
    Structure { path: PathBuf, reason: String },
}

impl CorpusError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            CorpusError::Unreadable { path, .. }
            | CorpusError::Unwritable { path, .. }
            | CorpusError::NotUtf8 { path, .. }
            | CorpusError::Empty { path }
            | CorpusError::Manifest { path, .. }
            | CorpusError::Structure { path, .. } => path,
        }
    }
}

/// The kind of a part of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// The report's preface, with the overall lessons.
    Preface,
    /// One cooperation case of the report.
    Case,
    /// A whole article (the FT commentary).
    Article,
}

/// A cleaned document, whole: its metadata, its parts and its passages.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub short: String,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub parts: Vec<Part>,
    pub passages: Vec<Passage>,
    /// Footnote numbers stripped from the text (report only).
    pub footnotes: usize,
    /// A note about the author printed with the text (FT only).
    pub author_note: Option<String>,
}

/// A part of a document: the preface, a case, or a whole article.
#[derive(Debug, Clone)]
pub struct Part {
    pub id: String,
    pub kind: PartKind,
    pub title: String,
    pub title_en: Option<String>,
    /// A short name for menus (`入世`).
    pub label: Option<String>,
    pub author: Option<String>,
    pub period: Option<String>,
    pub aliases: Vec<String>,
    pub sections: Vec<Section>,
    pub lessons: Vec<Lesson>,
    /// The body paragraphs in reading order.
    pub blocks: Vec<Block>,
}

/// A section heading (`一、…`, level 1; `（一）…`, level 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub level: u8,
    pub page: Option<u32>,
    /// Whether this is the case's lessons section (`经验和启示`).
    pub is_lessons: bool,
}

/// One lesson of a lessons section, or of the preface's list of lessons.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// 1-based position in the part.
    pub index: usize,
    /// The ordinal word the text uses (`首先`, `第二`).
    pub ordinal: String,
    /// The topic sentence, without the ordinal.
    pub topic: String,
    /// The lesson's paragraphs, the first one without its ordinal.
    pub paragraphs: Vec<String>,
    pub page: Option<u32>,
}

/// A body paragraph with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub text: String,
    pub page: Option<u32>,
    /// The section path as cited (`二、… › （二）…`), if any.
    pub section: Option<String>,
    /// The 1-based index of the lesson this paragraph belongs to.
    pub lesson: Option<usize>,
}

impl Part {
    /// The first and last page the part spans, if its source has pages.
    pub fn pages(&self) -> Option<(u32, u32)> {
        let pages = self.blocks.iter().filter_map(|b| b.page);
        let first = pages.clone().min()?;
        Some((first, pages.max()?))
    }
}

/// Reads and cleans one document listed in the manifest; `base` is the manifest's folder.
pub fn read_document(entry: &DocumentEntry, base: &Path) -> Result<Document, CorpusError> {
    let path = base.join(&entry.file);
    let source = read_text(&path)?;
    let mut document = match entry.format {
        Format::PdfText => report::read(entry, &source, &path)?,
        Format::FtHtml => commentary::read(entry, &source, &path)?,
    };
    document.passages = passage::cut(&document);
    if document.passages.is_empty() {
        return Err(CorpusError::Structure {
            path,
            reason: "no text was found in it".into(),
        });
    }
    Ok(document)
}

/// Reads a file as UTF-8 text, refusing unreadable, non-UTF-8 and empty files.
pub fn read_text(path: &Path) -> Result<String, CorpusError> {
    let bytes = std::fs::read(path).map_err(|source| CorpusError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| CorpusError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(CorpusError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

/// A fingerprint of the manifest and every file it lists: the index is rebuilt when it changes.
/// `salt` names the analyzer and schema version, so a new build of luopan also rebuilds.
pub fn fingerprint(manifest_path: &Path, salt: &str) -> Result<String, CorpusError> {
    use xxhash_rust::xxh3::Xxh3;
    let manifest = Manifest::load(manifest_path)?;
    let base = manifest_path.parent().unwrap_or(Path::new("."));
    let mut hasher = Xxh3::new();
    hasher.update(salt.as_bytes());
    let manifest_bytes =
        std::fs::read(manifest_path).map_err(|source| CorpusError::Unreadable {
            path: manifest_path.to_path_buf(),
            source,
        })?;
    hasher.update(&manifest_bytes);
    for entry in &manifest.documents {
        let path = base.join(&entry.file);
        let bytes = std::fs::read(&path).map_err(|source| CorpusError::Unreadable {
            path: path.clone(),
            source,
        })?;
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    // Taught links are indexed with their passages: a change to them rebuilds.
    let taught = base.join(taught::TAUGHT_FILE);
    match std::fs::read(&taught) {
        Ok(bytes) => {
            hasher.update(b"taught");
            hasher.update(&bytes);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(CorpusError::Unreadable {
                path: taught,
                source,
            });
        }
    }
    Ok(format!("{:016x}", hasher.digest()))
}
