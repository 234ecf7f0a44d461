//! How rare a character is as a piece of any word: a question's one-character word (`进`) is
//! matched inside the passage's longer words (`进一步`, `促进`), so its rarity is that of the
//! character anywhere, not of the character standing alone as a word.

use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::SearchIndex;

impl SearchIndex {
    /// In how many passages a character occurs inside any word of their text; counted once per
    /// character for the life of the index, from the index's words read once.
    pub fn character_doc_freq(&self, c: char) -> u64 {
        if let Some(count) = self.cached_character(c) {
            return count;
        }
        let searcher = self.reader.searcher();
        let vocabulary = self.vocabulary.get_or_init(|| match self.words() {
            Ok(words) => words,
            Err(error) => {
                // Every one-character word then keeps its weight as a word.
                tracing::warn!(%error, "the index's words could not be read");
                Vec::new()
            }
        });
        let words: Vec<&String> = vocabulary.iter().filter(|w| w.contains(c)).collect();
        let any: Vec<(Occur, Box<dyn Query>)> = words
            .iter()
            .map(|w| {
                let query: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.text, w),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, query)
            })
            .collect();
        let count = if any.is_empty() {
            0
        } else {
            searcher
                .search(&BooleanQuery::new(any), &tantivy::collector::Count)
                .map_or(0, |n| n as u64)
        };
        if let Ok(mut cache) = self.characters.lock() {
            cache.insert(c, count);
        }
        count
    }

    /// The inverse document frequency of a character inside any word (see `word_idf`).
    pub fn character_idf(&self, c: char) -> f32 {
        self.idf_of(self.character_doc_freq(c))
    }

    fn cached_character(&self, c: char) -> Option<u64> {
        self.characters.lock().ok()?.get(&c).copied()
    }
}
