//! The corpus manifest (`index/corpus.toml`): which documents luopan knows and what they are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::CorpusError;

/// The whole manifest as written in `corpus.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// A label for this edition of the corpus, shown with every answer.
    #[serde(default)]
    pub edition: Option<String>,
    pub documents: Vec<DocumentEntry>,
}

/// How a source file is written, which decides the reader that cleans it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Text extracted from a PDF: hard-wrapped lines, page breaks, glued footnote numbers.
    PdfText,
    /// An FT Chinese story: timestamp comment, markdown title link, HTML body.
    FtHtml,
}

/// One source document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// Stable id used in citations and JSON (`report`, `ft`).
    pub id: String,
    /// File path, relative to the manifest's folder.
    pub file: PathBuf,
    pub format: Format,
    /// Title; for an FT story the title in the file wins when this is empty.
    #[serde(default)]
    pub title: String,
    /// A short name for citations (`报告`, `FT中文网`).
    pub short: String,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Words people use for this document in questions (`前言`, `FT`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The cooperation cases of a report, in the order they appear.
    #[serde(default)]
    pub cases: Vec<CaseEntry>,
}

/// One case of a report, matched to the text by its title line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEntry {
    /// Command-safe id (`soviet`): lowercase ASCII letters, digits and dashes.
    pub id: String,
    /// The case's title line exactly as the report prints it (spaces do not matter).
    pub title: String,
    #[serde(default)]
    pub title_en: Option<String>,
    /// A short Chinese name (`入世`), used where space is short: command names in menus.
    #[serde(default)]
    pub label: Option<String>,
    /// The years the case covers, as people would say them (`1979–1989`).
    #[serde(default)]
    pub period: Option<String>,
    /// Words people use for this case in questions (`入世`, `抗苏`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Manifest {
    /// Reads and validates a manifest file.
    pub fn load(path: &Path) -> Result<Manifest, CorpusError> {
        let text = std::fs::read(path).map_err(|source| CorpusError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(text).map_err(|e| CorpusError::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Manifest::parse(&text, path)
    }

    /// Parses and validates manifest text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest, CorpusError> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| CorpusError::Manifest {
            path: path.to_path_buf(),
            reason: e.message().to_string(),
        })?;
        manifest.validate(path)?;
        Ok(manifest)
    }

    fn validate(&self, path: &Path) -> Result<(), CorpusError> {
        let invalid = |reason: String| CorpusError::Manifest {
            path: path.to_path_buf(),
            reason,
        };
        if self.documents.is_empty() {
            return Err(invalid("no documents are listed".into()));
        }
        let mut ids = HashSet::new();
        let reserved = ["preface"];
        for doc in &self.documents {
            if !is_command_safe(&doc.id) {
                return Err(invalid(format!(
                    "document id `{}` must be lowercase letters, digits or dashes",
                    doc.id
                )));
            }
            if !ids.insert(doc.id.clone()) {
                return Err(invalid(format!("document id `{}` is used twice", doc.id)));
            }
            for case in &doc.cases {
                if !is_command_safe(&case.id) || reserved.contains(&case.id.as_str()) {
                    return Err(invalid(format!(
                        "case id `{}` must be lowercase letters, digits or dashes and not `preface`",
                        case.id
                    )));
                }
                if !ids.insert(case.id.clone()) {
                    return Err(invalid(format!("id `{}` is used twice", case.id)));
                }
                if case.title.trim().is_empty() {
                    return Err(invalid(format!("case `{}` has no title", case.id)));
                }
            }
            if doc.format == Format::FtHtml && !doc.cases.is_empty() {
                return Err(invalid(format!(
                    "document `{}` is an FT story and cannot have cases",
                    doc.id
                )));
            }
        }
        Ok(())
    }
}

/// Ids become Discord command names, which allow lowercase letters, digits, `-` and `_`, 1–32 long.
fn is_command_safe(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(text: &str, expect: &str) {
        let err = Manifest::parse(text, Path::new("corpus.toml")).unwrap_err();
        let message = err.to_string();
        assert!(message.contains(expect), "{message:?} lacks {expect:?}");
    }

    const ONE_DOC: &str = r#"
        [[documents]]
        id = "report"
        file = "corpus/report.txt"
        format = "pdf-text"
        short = "报告"
        [[documents.cases]]
        id = "wto"
        title = "中国加入世贸组织"
    "#;

    #[test]
    fn a_valid_manifest_parses() {
        let manifest = Manifest::parse(ONE_DOC, Path::new("corpus.toml")).unwrap();
        assert_eq!(manifest.documents[0].cases[0].id, "wto");
        assert_eq!(manifest.documents[0].format, Format::PdfText);
    }

    #[test]
    fn broken_manifests_are_refused_with_the_reason() {
        check_error("documents = 3", "corpus.toml");
        check_error("documents = []", "no documents");
        check_error(
            &ONE_DOC.replace("\"wto\"", "\"WTO case\""),
            "case id `WTO case`",
        );
        check_error(&ONE_DOC.replace("\"wto\"", "\"report\""), "used twice");
        check_error(&ONE_DOC.replace("pdf-text", "docx"), "unknown variant");
        check_error(&format!("{ONE_DOC}\ncolour = 1"), "unknown field");
    }
}
