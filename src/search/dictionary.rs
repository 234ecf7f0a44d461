//! The jieba user dictionary (`index/userdict.txt`): the domain's terms and names, one a line as
//! `word [frequency] [tag]`, `#` starting a comment. Read once per open or reload, from the same
//! bytes that are hashed into the index fingerprint, so the analyzer and the fingerprint always
//! describe the same dictionary.

use std::path::Path;

/// A word of a user dictionary: the word, its frequency and its part-of-speech tag.
#[derive(Debug, Clone, PartialEq)]
pub struct UserWord {
    pub word: String,
    pub frequency: Option<usize>,
    pub tag: Option<String>,
}

/// A user dictionary as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserDictionary {
    pub words: Vec<UserWord>,
    /// A hash of the file's bytes, 0 when there is no file: part of the index fingerprint.
    pub hash: u64,
    /// What could not be read, each naming the file and the line; the good lines are kept.
    pub warnings: Vec<String>,
}

impl UserDictionary {
    /// Reads the file; a missing file is an empty dictionary, an unreadable one an empty
    /// dictionary with a warning.
    pub fn read(path: &Path) -> UserDictionary {
        let name = path.file_name().map_or_else(
            || "the user dictionary".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        match std::fs::read(path) {
            Ok(bytes) => UserDictionary::parse(&bytes, &name),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => UserDictionary::default(),
            Err(error) => UserDictionary {
                warnings: vec![format!("{name}: cannot be read ({error}); no user words")],
                ..UserDictionary::default()
            },
        }
    }

    /// Parses the bytes of a user dictionary named `name`. A line that is not UTF-8 is skipped
    /// with a warning; the other lines keep their words.
    pub fn parse(bytes: &[u8], name: &str) -> UserDictionary {
        let mut dictionary = UserDictionary {
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
            ..UserDictionary::default()
        };
        for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
            let Ok(line) = std::str::from_utf8(raw) else {
                dictionary.warnings.push(format!(
                    "{name}, line {}: not UTF-8 text; the line is skipped",
                    i + 1
                ));
                continue;
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            dictionary.words.push(UserWord {
                word: word.to_string(),
                frequency: parts.next().and_then(|f| f.parse().ok()),
                tag: parts.next().map(str::to_string),
            });
        }
        dictionary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_a_word_its_frequency_and_tag() {
        let read = UserDictionary::parse(
            "# comment\n巴黎协定 2000 nz\n\n拜登\r\n".as_bytes(),
            "u.txt",
        );
        assert_eq!(read.words.len(), 2);
        assert_eq!(read.words[0].word, "巴黎协定");
        assert_eq!(read.words[0].frequency, Some(2000));
        assert_eq!(read.words[0].tag.as_deref(), Some("nz"));
        assert_eq!(read.words[1].word, "拜登");
        assert_eq!(read.words[1].frequency, None);
        assert!(read.warnings.is_empty());
    }

    #[test]
    fn a_line_that_is_not_utf8_is_named_and_the_others_are_kept() {
        let mut bytes = "巴黎协定 2000 nz\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\xfe broken\n");
        bytes.extend_from_slice("拜登 2000 nr\n".as_bytes());
        let read = UserDictionary::parse(&bytes, "userdict.txt");
        let words: Vec<&str> = read.words.iter().map(|w| w.word.as_str()).collect();
        assert_eq!(words, vec!["巴黎协定", "拜登"]);
        assert_eq!(
            read.warnings,
            vec!["userdict.txt, line 2: not UTF-8 text; the line is skipped"]
        );
    }

    #[test]
    fn a_missing_file_is_an_empty_dictionary() {
        let read = UserDictionary::read(Path::new("/nonexistent/luopan/userdict.txt"));
        assert_eq!(read, UserDictionary::default());
    }
}
