//! The only user of tantivy: the schema, building an index of passages, and running a
//! weighted term query built from analyzed words (user text is never parsed as query syntax).

pub mod analyzer;
mod characters;
mod clauses;
pub mod dictionary;
mod error;
mod folder;
mod guard;

use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

pub use analyzer::Analyzer;
use analyzer::{WORDS, WordTokenizer};
pub use dictionary::{UserDictionary, UserWord};
pub use error::SearchError;
use error::{short_reason, without_paths};
pub use folder::is_unwritable;
use guard::without_panics;

use crate::corpus::Passage;

/// Bumped whenever the schema or the analyzers change, so old indexes are rebuilt.
pub const SCHEMA_VERSION: &str = concat!("luopan-index-11/", env!("CARGO_PKG_VERSION"));

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    doc: Field,
    part: Field,
    section: Field,
    lesson: Field,
    page: Field,
    seq: Field,
    text: Field,
    context: Field,
    lead: Field,
    taught: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let indexed = |tokenizer: &str, record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(record),
        )
    };
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        doc: builder.add_text_field("doc", STRING | STORED),
        part: builder.add_text_field("part", STRING | STORED),
        section: builder.add_text_field("section", STORED),
        lesson: builder.add_u64_field("lesson", STORED),
        page: builder.add_u64_field("page", STORED),
        seq: builder.add_u64_field("seq", STORED),
        text: builder.add_text_field(
            "text",
            indexed(WORDS, IndexRecordOption::WithFreqs) | STORED,
        ),
        context: builder.add_text_field("context", indexed(WORDS, IndexRecordOption::WithFreqs)),
        lead: builder.add_text_field("lead", STORED),
        taught: builder.add_text_field(
            "taught",
            indexed(WORDS, IndexRecordOption::WithFreqs) | STORED,
        ),
    };
    (builder.build(), fields)
}

fn register_tokenizers(index: &Index, analyzer: &Analyzer) {
    index
        .tokenizers()
        .register(WORDS, WordTokenizer(analyzer.clone()));
}

/// Settings for building an index.
#[derive(Debug, Clone, Copy)]
pub struct BuildSettings {
    pub threads: usize,
    pub memory_bytes: usize,
}

/// Writes passages into a new index in an empty folder.
pub struct IndexBuilder {
    writer: IndexWriter,
    fields: Fields,
    path: PathBuf,
}

impl IndexBuilder {
    /// Creates an index in `dir`, which must exist and be empty.
    pub fn create(
        dir: &Path,
        analyzer: &Analyzer,
        settings: BuildSettings,
    ) -> Result<IndexBuilder, SearchError> {
        let error = |e: tantivy::TantivyError| SearchError::Index {
            path: dir.to_path_buf(),
            reason: without_paths(e.to_string(), dir),
        };
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema).map_err(error)?;
        register_tokenizers(&index, analyzer);
        let threads = settings.threads.max(1);
        // tantivy needs at least 15 MB per indexing thread.
        let memory = settings.memory_bytes.max(threads * 15_000_000);
        let writer = index
            .writer_with_num_threads(threads, memory)
            .map_err(error)?;
        Ok(IndexBuilder {
            writer,
            fields,
            path: dir.to_path_buf(),
        })
    }

    /// Adds a passage; `context` is the heading text it stands under (case title, section).
    pub fn add(&mut self, passage: &Passage, context: &str) -> Result<(), SearchError> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &passage.id);
        doc.add_text(f.doc, &passage.doc);
        doc.add_text(f.part, &passage.part);
        if let Some(section) = &passage.section {
            doc.add_text(f.section, section);
        }
        if let Some(lesson) = passage.lesson {
            doc.add_u64(f.lesson, lesson as u64);
        }
        if let Some(page) = passage.page {
            doc.add_u64(f.page, u64::from(page));
        }
        doc.add_u64(f.seq, passage.seq as u64);
        doc.add_text(f.text, &passage.text);
        doc.add_text(f.context, context);
        if !passage.lead.is_empty() {
            doc.add_text(f.lead, &passage.lead);
        }
        for question in &passage.taught {
            doc.add_text(f.taught, question);
        }
        self.writer
            .add_document(doc)
            .map(|_| ())
            .map_err(|e| SearchError::Index {
                path: self.path.clone(),
                reason: e.to_string(),
            })
    }

    /// Commits and waits for merges, leaving a complete index on disk.
    pub fn finish(mut self) -> Result<(), SearchError> {
        let error = |e: tantivy::TantivyError| SearchError::Index {
            path: self.path.clone(),
            reason: without_paths(e.to_string(), &self.path),
        };
        self.writer.commit().map_err(error)?;
        self.writer.wait_merging_threads().map_err(error)
    }
}

/// A weighted query made of analyzed terms; nothing in it is parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchQuery {
    /// jieba words matched in the text, with their weights.
    pub words: Vec<(String, f32)>,
    /// Weight of a word matched in the heading context instead of the text.
    pub context_weight: f32,
    /// Weight of a word matched in the questions taught to the passage instead of its text.
    pub taught_weight: f32,
    /// Restricts the search to one part (`soviet`, `preface`, `ft`).
    pub part: Option<String>,
}

/// A passage found by a query, with its BM25 score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub passage: Passage,
    pub score: f32,
}

/// An open index, searched by any number of threads at once.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    path: PathBuf,
    /// How many words the passages hold in all, counted once when the index is opened.
    tokens: u64,
    /// In how many passages each character asked about occurs inside any word, counted once.
    characters: std::sync::Mutex<std::collections::HashMap<char, u64>>,
    /// Every word of the text, read on the first such count.
    vocabulary: std::sync::OnceLock<Vec<String>>,
}

impl SearchIndex {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path, analyzer: &Analyzer) -> Result<SearchIndex, SearchError> {
        let error = |e: tantivy::TantivyError| SearchError::Index {
            path: dir.to_path_buf(),
            reason: without_paths(e.to_string(), dir),
        };
        let index = folder::ReadFolder::open(dir)
            .and_then(Index::open)
            .map_err(error)?;
        let missing = folder::missing_files(&index).map_err(error)?;
        if let Some(first) = missing.first() {
            return Err(SearchError::Index {
                path: dir.to_path_buf(),
                reason: format!(
                    "damaged: {} of its files are missing ({})",
                    missing.len(),
                    first.display()
                ),
            });
        }
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(SearchError::Index {
                path: dir.to_path_buf(),
                reason: "the index was built with another schema".into(),
            });
        }
        register_tokenizers(&index, analyzer);
        // Read before a reader opens the stores (see `folder::damaged_store`).
        if let Some(store) = folder::damaged_store(&index).map_err(error)? {
            return Err(SearchError::Index {
                path: dir.to_path_buf(),
                reason: format!("damaged: {} fails its checksum", store.display()),
            });
        }
        let opened = without_panics(|| {
            let reader: IndexReader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            let tokens: u64 = reader
                .searcher()
                .segment_readers()
                .iter()
                .filter_map(|segment| segment.inverted_index(fields.text).ok())
                .map(|inverted| inverted.total_num_tokens())
                .sum();
            Ok((reader, tokens))
        });
        let (reader, tokens) = match opened {
            Some(result) => result.map_err(error)?,
            None => {
                return Err(SearchError::Index {
                    path: dir.to_path_buf(),
                    reason: "damaged: a file holds offsets past its end".into(),
                });
            }
        };
        Ok(SearchIndex {
            reader,
            fields,
            path: dir.to_path_buf(),
            tokens,
            characters: Default::default(),
            vocabulary: Default::default(),
        })
    }

    /// The files of the index whose checksum does not match their contents, or that are gone:
    /// every byte is read, so this is for `luopan index`, not for every open.
    pub fn damaged_files(&self) -> Result<Vec<String>, SearchError> {
        let index = self.reader.searcher().index().clone();
        let damaged = without_panics(|| index.validate_checksum())
            .ok_or_else(|| SearchError::Damaged {
                reason: "a file holds offsets past its end".into(),
            })?
            .map_err(|e| SearchError::Damaged {
                reason: short_reason(&e),
            })?;
        let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
        names.sort();
        Ok(names)
    }

    /// The number of passages in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no passage.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// BM25's inverse document frequency of a word in the text field; a word the corpus
    /// never uses gets the weight of a word seen in half a passage.
    pub fn word_idf(&self, word: &str) -> f32 {
        self.idf(self.fields.text, word)
    }

    /// The inverse document frequency of holding any of several words (their passages
    /// counted as if none held two of them).
    pub fn any_word_idf(&self, words: &[String]) -> f32 {
        let df: u64 = words.iter().map(|w| self.doc_freq(w)).sum();
        self.idf_of(df)
    }

    fn idf(&self, field: Field, text: &str) -> f32 {
        let df = self
            .reader
            .searcher()
            .doc_freq(&Term::from_field_text(field, text))
            .unwrap_or(0);
        self.idf_of(df)
    }

    fn idf_of(&self, df: u64) -> f32 {
        let total = self.reader.searcher().num_docs() as f32;
        let df = (df as f32).clamp(0.5, total.max(0.5));
        (1.0 + (total - df + 0.5) / (df + 0.5)).ln()
    }

    /// How many words the passages hold in all.
    pub fn total_tokens(&self) -> u64 {
        self.tokens
    }

    /// How many times the passages hold a word in all.
    pub fn term_count(&self, word: &str) -> u64 {
        use tantivy::postings::Postings;
        use tantivy::{DocSet, TERMINATED};
        let term = Term::from_field_text(self.fields.text, word);
        let mut count = 0;
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.text) else {
                continue;
            };
            let Ok(Some(mut postings)) =
                inverted.read_postings(&term, IndexRecordOption::WithFreqs)
            else {
                continue;
            };
            while postings.doc() != TERMINATED {
                count += u64::from(postings.term_freq());
                postings.advance();
            }
        }
        count
    }

    /// In how many passages a word occurs.
    pub fn doc_freq(&self, word: &str) -> u64 {
        self.reader
            .searcher()
            .doc_freq(&Term::from_field_text(self.fields.text, word))
            .unwrap_or(0)
    }

    /// Whether the corpus uses a word at all, in its text or in a question taught to it.
    pub fn knows_word(&self, word: &str) -> bool {
        let searcher = self.reader.searcher();
        [self.fields.text, self.fields.taught]
            .into_iter()
            .any(|field| {
                searcher
                    .doc_freq(&Term::from_field_text(field, word))
                    .unwrap_or(0)
                    > 0
            })
    }

    /// Every word the text of the corpus holds, each once, in byte order.
    pub fn words(&self) -> Result<Vec<String>, SearchError> {
        let error = |reason: String| SearchError::Index {
            path: self.path.clone(),
            reason,
        };
        let mut words: Vec<String> = Vec::new();
        for segment in self.reader.searcher().segment_readers() {
            let index = segment
                .inverted_index(self.fields.text)
                .map_err(|e| error(e.to_string()))?;
            let mut terms = index.terms().stream().map_err(|e| error(e.to_string()))?;
            while terms.advance() {
                if let Ok(word) = std::str::from_utf8(terms.key()) {
                    words.push(word.to_string());
                }
            }
        }
        words.sort_unstable();
        words.dedup();
        Ok(words)
    }

    /// In how many passages all of `words` occur together with at least one of `others`.
    pub fn count_together(&self, words: &[String], others: &[String]) -> u64 {
        let term = |word: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.text, word),
                IndexRecordOption::Basic,
            ))
        };
        if words.is_empty() || others.is_empty() {
            return 0;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            words.iter().map(|w| (Occur::Must, term(w))).collect();
        let any: Vec<(Occur, Box<dyn Query>)> =
            others.iter().map(|w| (Occur::Should, term(w))).collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        self.reader
            .searcher()
            .search(&BooleanQuery::new(clauses), &tantivy::collector::Count)
            .map_or(0, |n| n as u64)
    }

    /// The best `limit` passages for a query, best first.
    pub fn search(&self, query: &SearchQuery, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let f = self.fields;
        let term_query = |field: Field, text: &str, weight: f32| -> (Occur, Box<dyn Query>) {
            let term = TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), weight)),
            )
        };
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (word, weight) in &query.words {
            should.push(term_query(f.text, word, *weight));
            if query.context_weight > 0.0 {
                should.push(term_query(f.context, word, weight * query.context_weight));
            }
            if query.taught_weight > 0.0 {
                should.push(term_query(f.taught, word, weight * query.taught_weight));
            }
        }
        if should.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        if let Some(part) = &query.part {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.part, part),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let searcher = self.reader.searcher();
        let error = SearchError::of_search;
        let top = searcher
            .search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(limit).order_by_score(),
            )
            .map_err(error)?;
        top.into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).map_err(error)?;
                Ok(Hit {
                    passage: self.passage_of(&doc),
                    score,
                })
            })
            .collect()
    }

    /// Every passage of a part, in reading order.
    pub fn passages_of(&self, part: &str) -> Result<Vec<Passage>, SearchError> {
        let mut passages = self.passages_with(self.fields.part, part, None)?;
        passages.sort_by_key(|p| (p.doc.clone(), p.seq));
        Ok(passages)
    }

    /// A passage by its id.
    pub fn passage(&self, id: &str) -> Result<Option<Passage>, SearchError> {
        Ok(self.passages_with(self.fields.id, id, Some(1))?.pop())
    }

    /// The passages whose exact-match `field` is `value`, at most `limit` (all without one).
    fn passages_with(
        &self,
        field: Field,
        value: &str,
        limit: Option<usize>,
    ) -> Result<Vec<Passage>, SearchError> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let error = SearchError::of_search;
        let limit = limit.unwrap_or(searcher.num_docs() as usize).max(1);
        searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(error)?
            .into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address).map_err(error)?;
                Ok(self.passage_of(&doc))
            })
            .collect()
    }

    /// Where the index lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn passage_of(&self, doc: &TantivyDocument) -> Passage {
        let f = self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let number = |field: Field| doc.get_first(field).and_then(|v| v.as_u64());
        Passage {
            id: text(f.id).unwrap_or_default(),
            doc: text(f.doc).unwrap_or_default(),
            part: text(f.part).unwrap_or_default(),
            section: text(f.section),
            lesson: number(f.lesson).map(|n| n as usize),
            page: number(f.page).map(|n| n as u32),
            seq: number(f.seq).unwrap_or_default() as usize,
            text: text(f.text).unwrap_or_default(),
            lead: text(f.lead).unwrap_or_default(),
            taught: doc
                .get_all(f.taught)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        }
    }
}
