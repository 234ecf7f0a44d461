//! A general thesaurus of Chinese (`index/thesaurus/cilin.txt`, from the HIT IR-Lab Tongyici
//! Cilin, extended edition): everyday words grouped with the words a report would use for the
//! same thing (`现在` / `如今`, `好处` / `利益`, `得到` / `获得`). A passage holding such a
//! related word holds part of the question's word.
//!
//! Each line is a Cilin row: an eight-character code, then its words. Only rows of synonyms
//! (codes ending in `=`) are read; rows of related-but-different words (`#`) and lone words
//! (`@`) are not.

use std::path::{Path, PathBuf};

/// What is wrong with the thesaurus file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", crate::text::shown_path(path))]
pub struct ThesaurusError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Groups of synonyms, and the groups of each word, packed: every word once in one string,
/// the groups and each word's groups as runs of numbers (about 1 MB for all of Cilin).
#[derive(Debug, Default)]
pub struct Thesaurus {
    /// Every word, once, back to back.
    text: String,
    /// Each word's place in `text`, sorted by the word.
    words: Vec<(u32, u32)>,
    /// The words of group `g` are `members[group_starts[g]..group_starts[g + 1]]`.
    members: Vec<u32>,
    group_starts: Vec<u32>,
    /// The groups of word `w` are `groups_of[word_starts[w]..word_starts[w + 1]]`.
    groups_of: Vec<u32>,
    word_starts: Vec<u32>,
    /// The major class of each group: the first letter of its Cilin code (`H` in `Ha03A01=`).
    classes: Vec<u8>,
}

/// Cilin's major classes of what is done or happens, not of things: actions (F), mental
/// activities (G), activities (H), phenomena and states (I), relations (J), auxiliaries (K),
/// greetings (L).
const NOT_THINGS: &[u8] = b"FGHIJKL";

impl Thesaurus {
    /// Reads the thesaurus file.
    pub fn load(path: &Path) -> Result<Thesaurus, ThesaurusError> {
        std::fs::read_to_string(path)
            .map(|text| Thesaurus::parse(&text))
            .map_err(|source| ThesaurusError {
                path: path.to_path_buf(),
                source,
            })
    }

    /// Parses Cilin rows; single characters are left out (too ambiguous to stand for a word).
    pub fn parse(text: &str) -> Thesaurus {
        let mut groups: Vec<Vec<&str>> = Vec::new();
        let mut classes: Vec<u8> = Vec::new();
        for line in text.lines() {
            let mut fields = line.split_whitespace();
            let Some(code) = fields.next() else { continue };
            if !code.ends_with('=') {
                continue;
            }
            let mut group: Vec<&str> = Vec::new();
            for word in fields.filter(|w| w.chars().count() >= 2) {
                if !group.contains(&word) {
                    group.push(word);
                }
            }
            if group.len() >= 2 {
                groups.push(group);
                classes.push(code.as_bytes()[0]);
            }
        }
        // Every (word, group, slot in the group's run), sorted by word: the words then come in
        // order, each once with all its groups, and number themselves.
        let mut entries: Vec<(&str, u32, u32)> = Vec::new();
        let mut thesaurus = Thesaurus {
            classes,
            ..Thesaurus::default()
        };
        for (g, group) in groups.iter().enumerate() {
            thesaurus.group_starts.push(entries.len() as u32);
            for word in group {
                entries.push((word, g as u32, entries.len() as u32));
            }
        }
        thesaurus.group_starts.push(entries.len() as u32);
        thesaurus.members = vec![0; entries.len()];
        entries.sort_unstable();
        let mut previous: Option<&str> = None;
        for (word, group, slot) in entries {
            if previous != Some(word) {
                thesaurus.word_starts.push(thesaurus.groups_of.len() as u32);
                thesaurus
                    .words
                    .push((thesaurus.text.len() as u32, word.len() as u32));
                thesaurus.text.push_str(word);
                previous = Some(word);
            }
            thesaurus.members[slot as usize] = (thesaurus.words.len() - 1) as u32;
            thesaurus.groups_of.push(group);
        }
        thesaurus.word_starts.push(thesaurus.groups_of.len() as u32);
        thesaurus
    }

    fn word(&self, id: u32) -> &str {
        let (start, len) = self.words[id as usize];
        &self.text[start as usize..(start + len) as usize]
    }

    fn id(&self, word: &str) -> Option<u32> {
        self.words
            .binary_search_by(|&(start, len)| {
                self.text[start as usize..(start + len) as usize].cmp(word)
            })
            .ok()
            .map(|i| i as u32)
    }

    /// The other words of every group of `word`, each once.
    pub fn related(&self, word: &str) -> Vec<&str> {
        let Some(id) = self.id(word) else {
            return Vec::new();
        };
        let run =
            |starts: &[u32], i: u32| starts[i as usize] as usize..starts[i as usize + 1] as usize;
        let mut out: Vec<&str> = Vec::new();
        for &group in &self.groups_of[run(&self.word_starts, id)] {
            for &member in &self.members[run(&self.group_starts, group)] {
                let other = self.word(member);
                if member != id && !out.contains(&other) {
                    out.push(other);
                }
            }
        }
        out
    }

    /// Whether every group of `word` is one of what is done or happens (an action, a state),
    /// none of things: `上台` (`Ha03A01= 上台 登台 组阁…`), which jieba's dictionary tags as a
    /// place. False for a word the thesaurus does not hold.
    pub fn only_happenings(&self, word: &str) -> bool {
        let Some(id) = self.id(word) else {
            return false;
        };
        let run =
            self.word_starts[id as usize] as usize..self.word_starts[id as usize + 1] as usize;
        self.groups_of[run]
            .iter()
            .all(|&g| NOT_THINGS.contains(&self.classes[g as usize]))
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.group_starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &str = "\
Ca10A01= 现在 现时 如今 今 兹
Dd03A01= 益处 好处 利益 益
Da11A01= 恩惠 恩典 好处
Cb01A04# 动向 走向 去向
Aa01A05@ 众学生
";

    #[test]
    fn a_word_filed_only_among_happenings_is_no_thing() {
        let thesaurus = Thesaurus::parse(
            "Ha03A01= 上台 登台 组阁\nHh01A09= 出台 上台 登台\nCb08A01= 北京 京城\nHj12A01= 北京 燕京\n",
        );
        assert!(thesaurus.only_happenings("上台"));
        assert!(!thesaurus.only_happenings("北京"), "filed among places too");
        assert!(!thesaurus.only_happenings("伦敦"), "not in the thesaurus");
    }

    #[test]
    fn a_word_brings_the_other_words_of_each_of_its_groups() {
        let thesaurus = Thesaurus::parse(ROWS);
        assert_eq!(thesaurus.related("现在"), vec!["现时", "如今"]);
        assert_eq!(
            thesaurus.related("好处"),
            vec!["益处", "利益", "恩惠", "恩典"]
        );
    }

    #[test]
    fn only_rows_of_synonyms_and_words_of_two_characters_or_more_count() {
        let thesaurus = Thesaurus::parse(ROWS);
        assert!(thesaurus.related("走向").is_empty());
        assert!(thesaurus.related("今").is_empty());
        assert!(thesaurus.related("众学生").is_empty());
        assert_eq!(thesaurus.len(), 3);
    }

    #[test]
    fn the_shipped_thesaurus_knows_everyday_words() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("index/thesaurus/cilin.txt");
        let thesaurus = Thesaurus::load(&path).unwrap();
        assert!(thesaurus.len() > 5000, "{}", thesaurus.len());
        assert!(thesaurus.related("得到").contains(&"获得"));
        assert!(thesaurus.related("好处").contains(&"利益"));
    }
}
