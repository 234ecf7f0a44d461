//! Synonyms and aliases (`index/synonyms.toml`): words people use for the same thing. A question
//! naming one word of a group also looks for the others, which weigh less than its own words.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// What is wrong with the synonyms file: the file, the line when the fault has one, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {reason}", file_name(path), line.map(|n| format!(", line {n}")).unwrap_or_default())]
pub struct SynonymsError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub reason: String,
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

/// A fault in synonyms text: the line it is on, when it has one, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub reason: String,
}

/// Groups of interchangeable words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    groups: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    words: Vec<String>,
}

impl Synonyms {
    /// Reads the synonyms file; a missing file means no synonyms.
    pub fn load(path: &Path) -> Result<Synonyms, SynonymsError> {
        let error = |line: Option<usize>, reason: String| SynonymsError {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Synonyms::default()),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Err(error(None, "not UTF-8 text".into()));
            }
            Err(e) => return Err(error(None, format!("cannot be read ({})", e.kind()))),
        };
        Synonyms::parse(&text).map_err(|e| error(e.line, e.reason))
    }

    /// Parses synonyms text.
    pub fn parse(text: &str) -> Result<Synonyms, ParseError> {
        let file: File = toml::from_str(text).map_err(|e| ParseError {
            line: e.span().map(|span| line_of(text, span.start)),
            reason: e.message().to_string(),
        })?;
        let groups = file
            .groups
            .into_iter()
            .map(|g| {
                g.words
                    .into_iter()
                    .map(|w| w.trim().to_lowercase())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|g| g.len() >= 2)
            .collect();
        Ok(Synonyms { groups })
    }

    /// The group a word belongs to.
    pub fn group_of(&self, word: &str) -> Option<&[String]> {
        self.groups
            .iter()
            .find(|g| g.iter().any(|w| w == word))
            .map(Vec::as_slice)
    }

    /// The other words of the first group that holds `word`, in the list's order.
    pub fn alternatives(&self, word: &str) -> Vec<String> {
        self.group_of(word).map_or_else(Vec::new, |group| {
            group.iter().filter(|w| *w != word).cloned().collect()
        })
    }

    /// The words of the groups that a question writes, each with its group: a phrase jieba
    /// cuts into pieces (`小平同志` → 小平, 同志) is still one the synonyms know.
    pub fn written_in<'a>(
        &'a self,
        question: &str,
    ) -> impl Iterator<Item = (&'a str, &'a [String])> + 'a {
        let lowered = question.to_lowercase();
        self.groups.iter().flat_map(move |group| {
            group
                .iter()
                .filter(|w| lowered.contains(w.as_str()))
                .map(move |w| (w.as_str(), group.as_slice()))
                .collect::<Vec<_>>()
        })
    }

    /// The other words of every group one of whose words the question uses, without those the
    /// question already holds.
    pub fn expansions(&self, question: &str) -> Vec<String> {
        let lowered = question.to_lowercase();
        let mut out: Vec<String> = Vec::new();
        for group in &self.groups {
            if group.iter().any(|w| lowered.contains(w.as_str())) {
                for word in group {
                    if !lowered.contains(word.as_str()) && !out.contains(word) {
                        out.push(word.clone());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_a_question_writes_is_found_whole_whatever_its_pieces() {
        let synonyms = Synonyms::parse("[[groups]]\nwords = [\"邓小平\", \"小平同志\"]").unwrap();
        let written: Vec<_> = synonyms.written_in("小平同志哪年访美").collect();
        assert_eq!(written.len(), 1);
        assert_eq!(written[0].0, "小平同志");
        assert!(synonyms.written_in("布什哪年访华").next().is_none());
    }

    #[test]
    fn a_word_of_a_group_brings_the_others() {
        let synonyms = Synonyms::parse("[[groups]]\nwords = [\"入世\", \"加入世贸组织\"]\n[[groups]]\nwords = [\"川普\", \"特朗普\"]").unwrap();
        assert_eq!(
            synonyms.expansions("入世对中国有什么影响"),
            vec!["加入世贸组织"]
        );
        assert_eq!(synonyms.expansions("川普和拜登"), vec!["特朗普"]);
        assert!(
            synonyms
                .expansions("特朗普说了什么")
                .contains(&"川普".to_string())
        );
        assert!(synonyms.expansions("巴黎协定").is_empty());
        assert_eq!(synonyms.alternatives("川普"), vec!["特朗普"]);
        assert!(synonyms.alternatives("拜登").is_empty());
    }

    #[test]
    fn a_broken_file_says_why_and_on_which_line() {
        let error = Synonyms::parse("[[groups]]\nwords = [\"a\", \"b\"]\n\n[[groups]]\nwords = 3")
            .unwrap_err();
        assert_eq!(error.line, Some(5), "{error:?}");
        let error = SynonymsError {
            path: PathBuf::from("/srv/luopan/index/synonyms.toml"),
            line: error.line,
            reason: error.reason,
        };
        let shown = error.to_string();
        assert!(shown.starts_with("synonyms.toml, line 5: "), "{shown}");
        assert!(!shown.contains("/srv"), "no path of the machine: {shown}");
    }
}
