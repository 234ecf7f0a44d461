//! Synonyms and aliases (`index/synonyms.toml`): words people use for the same thing. A question
//! naming one word of a group also looks for the others, which weigh less than its own words.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// What is wrong with the synonyms file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct SynonymsError {
    pub path: PathBuf,
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
        let error = |reason: String| SynonymsError {
            path: path.to_path_buf(),
            reason,
        };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Synonyms::default()),
            Err(e) => return Err(error(e.to_string())),
        };
        Synonyms::parse(&text).map_err(error)
    }

    /// Parses synonyms text.
    pub fn parse(text: &str) -> Result<Synonyms, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
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

    /// The terms with each word that belongs to a group written as `word|synonym|…`.
    pub fn with_alternatives(&self, terms: Vec<(String, f32)>) -> Vec<(String, f32)> {
        terms
            .into_iter()
            .map(
                |(term, weight)| match self.groups.iter().find(|g| g.contains(&term)) {
                    Some(group) => {
                        let others: Vec<&str> = group
                            .iter()
                            .filter(|w| **w != term)
                            .map(String::as_str)
                            .collect();
                        (format!("{term}|{}", others.join("|")), weight)
                    }
                    None => (term, weight),
                },
            )
            .collect()
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
    }

    #[test]
    fn a_broken_file_says_why() {
        assert!(Synonyms::parse("[[groups]]\nwords = 3").is_err());
    }
}
