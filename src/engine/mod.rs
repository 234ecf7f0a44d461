//! The façade over the pipeline: open (building the index when the corpus changed), ask
//! (question → rank → answer, from one snapshot), case and lesson digests, and reload with an
//! atomic swap of the serving snapshot.
//!
//! Readers take an `Arc` of the current snapshot and keep it for the whole request, so a reload
//! never disturbs a question in flight; a failed reload leaves the current snapshot serving.

mod build;
mod snapshot;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;

use crate::answer::{self, Answer, AskSettings, Cut, Explanation};
use crate::catalog::PartDigest;
use crate::catalog::timeline::{self, Event};
use crate::corpus::taught::{self, Link};
use crate::corpus::{self, CorpusError, Passage};
use crate::question::synonyms::SynonymsError;
use crate::question::thesaurus::Thesaurus;
use crate::question::translate::Translator;
use crate::question::{self, Aids, AskError, Lang, Question, Reading};
use crate::rank::{self, Ranking, Weights};
use crate::search::{Analyzer, BuildSettings, SearchError, UserDictionary};

pub use snapshot::Snapshot;

/// The compiled English dictionary, beside the index folder (generated, git-ignored).
pub const COMPILED_DICTIONARY: &str = "cedict.fst";

/// Where the corpus and the index are, and how to build, rank and answer.
#[derive(Debug, Clone)]
pub struct EngineSettings {
    /// The corpus manifest; document paths are relative to its folder.
    pub manifest: PathBuf,
    /// The folder of the built index (generated, git-ignored).
    pub index_dir: PathBuf,
    pub build: BuildSettings,
    pub ask: AskSettings,
    /// The ranking's weights (`[rank]` in the settings).
    pub rank: Weights,
    /// The English glossary and the gzipped CC-CEDICT file, for English questions.
    pub glossary: PathBuf,
    pub dictionary: PathBuf,
    /// The jieba user dictionary and the synonyms list.
    pub user_dictionary: PathBuf,
    pub synonyms: PathBuf,
    /// The general thesaurus of Chinese; read once, on the first question.
    pub thesaurus: Option<PathBuf>,
}

/// What can go wrong opening, building or reloading.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Synonyms(#[from] SynonymsError),
    #[error("{}: {source}", crate::text::shown_path(path))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("catalog {}: {reason}", crate::text::shown_path(path))]
    Catalog { path: PathBuf, reason: String },
    /// The index must be built (it is missing, damaged or older than the corpus) and its
    /// folder cannot be written here.
    #[error(
        "the index in {} must be built (it is missing, damaged or older than the corpus), but that folder cannot be written here (read-only); run `luopan index` where it can be written, or make it writable",
        crate::text::shown_path(dir)
    )]
    ReadOnly { dir: PathBuf },
    /// `/corpus teach` named a passage the serving corpus does not hold.
    #[error("the corpus has no passage {passage}")]
    NoSuchPassage { passage: String },
    #[error("a taught question must have words")]
    EmptyQuestion,
}

impl EngineError {
    fn io(path: &Path, source: std::io::Error) -> EngineError {
        EngineError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What a reload did.
#[derive(Debug, Clone, PartialEq)]
pub struct ReloadReport {
    /// False when the corpus had not changed and the serving index was kept.
    pub rebuilt: bool,
    pub corpus_version: String,
    pub documents: usize,
    pub passages: usize,
    pub elapsed: Duration,
    /// What was read with faults and skipped (a user dictionary line that is not UTF-8),
    /// each naming the file and the line.
    pub warnings: Vec<String>,
    /// The taught links indexed, and those whose passage is no longer in the corpus.
    pub taught: usize,
    pub stale_taught: Vec<Link>,
}

/// What teaching did: the reload it took, and whether the link was new.
#[derive(Debug, Clone, PartialEq)]
pub struct Taught {
    pub reload: ReloadReport,
    pub added: bool,
}

/// The question-answering engine. Share it behind an `Arc`; every method takes `&self`.
pub struct Engine {
    settings: EngineSettings,
    current: ArcSwap<Snapshot>,
    reloading: Mutex<()>,
    opened: ReloadReport,
    /// Loaded on the first English question; `None` inside when it cannot be read.
    translator: OnceLock<Option<Translator>>,
    /// Read on the first question; `None` inside when there is none or it cannot be read.
    thesaurus: OnceLock<Option<Thesaurus>>,
}

/// Reads the user dictionary, logging what could not be read.
fn read_user_dictionary(settings: &EngineSettings) -> UserDictionary {
    let dictionary = UserDictionary::read(&settings.user_dictionary);
    for warning in &dictionary.warnings {
        tracing::warn!("{warning}");
    }
    dictionary
}

impl Engine {
    /// Opens the index, building it first when it is missing, broken, or older than the corpus.
    /// When the corpus cannot be read but a built index exists, that index serves (with a
    /// warning in the log), so a broken file never takes the bot down.
    pub fn open(settings: EngineSettings) -> Result<Engine, EngineError> {
        let started = Instant::now();
        let dictionary = read_user_dictionary(&settings);
        let analyzer = Analyzer::new(&dictionary.words);
        let mut rebuilt = false;
        let existing = snapshot::open_existing(&settings, &analyzer, dictionary.hash);
        let fresh =
            corpus::fingerprint(&settings.manifest, &build::salt(&settings, dictionary.hash))
                .map_err(EngineError::from);
        let snapshot = match (fresh, existing) {
            (Ok(fingerprint), Some(snapshot)) if snapshot.catalog.fingerprint == fingerprint => {
                snapshot
            }
            (Ok(fingerprint), existing) => {
                match build::build(&settings, analyzer, &dictionary, &fingerprint) {
                    Ok(snapshot) => {
                        rebuilt = true;
                        snapshot
                    }
                    Err(error) => serve_old(error, existing)?,
                }
            }
            (Err(error), existing) => serve_old(error, existing)?,
        };
        if !rebuilt {
            build::clean_leftovers(build::beside(&settings.index_dir));
        }
        for link in &snapshot.catalog.stale_taught {
            tracing::warn!(
                question = %link.question,
                passage = %link.passage,
                "a taught link names a passage no longer in the corpus; it is kept in {}",
                taught::TAUGHT_FILE
            );
        }
        let opened = report(&snapshot, rebuilt, started, dictionary.warnings);
        Ok(Engine {
            settings,
            current: ArcSwap::from_pointee(snapshot),
            reloading: Mutex::new(()),
            opened,
            translator: OnceLock::new(),
            thesaurus: OnceLock::new(),
        })
    }

    /// What opening did: whether the index had to be built, and how long it took.
    pub fn opened(&self) -> &ReloadReport {
        &self.opened
    }

    /// The snapshot serving now; hold it for the duration of one request.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.load_full()
    }

    pub fn settings(&self) -> &EngineSettings {
        &self.settings
    }

    /// Answers a question from the snapshot serving now.
    pub fn ask(&self, question: &Question) -> Result<Answer, AskError> {
        self.ask_in(&self.snapshot(), question)
    }

    /// Answers a question from a given snapshot (the one a request took at its start).
    /// A search that finds the index damaged rebuilds it and asks the new one.
    pub fn ask_in(&self, snapshot: &Snapshot, question: &Question) -> Result<Answer, AskError> {
        match self.ask_once(snapshot, question) {
            Err(AskError::Search(SearchError::Damaged { reason })) => {
                let repaired = self.repair(snapshot, reason)?;
                self.ask_once(&repaired, question)
            }
            other => other,
        }
    }

    fn ask_once(&self, snapshot: &Snapshot, question: &Question) -> Result<Answer, AskError> {
        let (reading, ranking) = self.read_and_rank(snapshot, question)?;
        let cut = Cut {
            settings: &self.settings.ask,
            weights: &self.settings.rank,
            top_k: question.top_k.unwrap_or(self.settings.ask.top_k).max(1),
        };
        Ok(answer::answer(&reading, ranking, &snapshot.catalog, cut))
    }

    /// How a question is read and ranked, with the `limit` best passages in detail.
    pub fn explain(&self, question: &Question, limit: usize) -> Result<Explanation, AskError> {
        self.explain_in(&self.snapshot(), question, limit)
    }

    /// The same, from a given snapshot.
    pub fn explain_in(
        &self,
        snapshot: &Snapshot,
        question: &Question,
        limit: usize,
    ) -> Result<Explanation, AskError> {
        let (reading, ranking) = match self.read_and_rank(snapshot, question) {
            Err(AskError::Search(SearchError::Damaged { reason })) => {
                let repaired = self.repair(snapshot, reason)?;
                self.read_and_rank(&repaired, question)?
            }
            other => other?,
        };
        Ok(answer::explain::explain(
            &reading,
            ranking.as_ref(),
            limit,
            &self.settings.rank,
        ))
    }

    /// A question read with the snapshot's analyzer, and ranked over its index (not ranked
    /// when it is about nothing the corpus knows).
    fn read_and_rank(
        &self,
        snapshot: &Snapshot,
        question: &Question,
    ) -> Result<(Reading, Option<Ranking>), AskError> {
        let lang = Lang::of(&question.text);
        let aids = Aids {
            index: &snapshot.index,
            analyzer: &snapshot.analyzer,
            catalog: &snapshot.catalog,
            synonyms: &snapshot.synonyms,
            thesaurus: self.thesaurus(),
            // A Chinese question needs it only for an English word the corpus never writes.
            translator: (lang == Lang::En
                || question::has_unknown_latin(&question.text, &snapshot.index))
            .then(|| self.translator())
            .flatten(),
            weights: &self.settings.rank,
            max_chars: self.settings.ask.max_question_chars,
        };
        let reading = question::read(question, lang, aids)?;
        if reading.is_about_nothing_known() || reading.small_talk {
            return Ok((reading, None));
        }
        let ranking = rank::rank(
            &reading,
            &snapshot.index,
            &snapshot.catalog,
            &self.settings.rank,
            self.settings.ask.candidates,
        )?;
        Ok((reading, Some(ranking)))
    }

    /// Rebuilds the index a search found damaged, unless a rebuild already replaced it, and
    /// returns the snapshot serving afterwards. When it cannot be rebuilt, the question fails
    /// with what is wrong.
    fn repair(&self, damaged: &Snapshot, reason: String) -> Result<Arc<Snapshot>, AskError> {
        tracing::error!(%reason, "a search found the index damaged; rebuilding it");
        let _one_at_a_time = self.reloading.lock().unwrap_or_else(|e| e.into_inner());
        if std::ptr::eq(&*self.snapshot(), damaged) {
            self.rebuild_locked(true).map_err(|error| {
                AskError::Search(SearchError::Damaged {
                    reason: format!("{reason}; rebuilding failed: {error}"),
                })
            })?;
        }
        Ok(self.snapshot())
    }

    /// Checks every byte of the serving index against its checksums (slow on a large index;
    /// `luopan index` runs it). The names of the damaged files, none when it is sound.
    pub fn damaged_files(&self) -> Vec<String> {
        match self.snapshot().index.damaged_files() {
            Ok(files) => files,
            Err(error) => vec![error.to_string()],
        }
    }

    /// The general thesaurus, read once on first use.
    fn thesaurus(&self) -> Option<&Thesaurus> {
        self.thesaurus
            .get_or_init(|| {
                let path = self.settings.thesaurus.as_deref()?;
                let thesaurus = Thesaurus::load(path)
                    .inspect_err(
                        |error| tracing::warn!(%error, "thesaurus unreadable; going without"),
                    )
                    .ok();
                crate::process::release_free_memory();
                thesaurus
            })
            .as_ref()
    }

    /// The English translator, read once on first use.
    pub fn translator(&self) -> Option<&Translator> {
        self.translator
            .get_or_init(|| {
                let compiled = build::beside(&self.settings.index_dir).join(COMPILED_DICTIONARY);
                match Translator::load(
                    &self.settings.glossary,
                    &self.settings.dictionary,
                    &compiled,
                ) {
                    Ok(translator) => {
                        crate::process::release_free_memory();
                        Some(translator)
                    }
                    Err(error) => {
                        tracing::error!(%error, "English questions will not be translated");
                        None
                    }
                }
            })
            .as_ref()
    }

    /// A part's digest by id (`soviet`, `preface`, `ft`).
    pub fn part(&self, id: &str) -> Option<PartDigest> {
        self.snapshot().catalog.part(id).cloned()
    }

    /// The dated events of a part, in date order; `None` for an unknown part.
    pub fn timeline(&self, id: &str) -> Result<Option<Vec<Event>>, SearchError> {
        let snapshot = self.snapshot();
        if snapshot.catalog.part(id).is_none() {
            return Ok(None);
        }
        let passages = snapshot.index.passages_of(id)?;
        Ok(Some(timeline::events(
            passages.iter().map(|p| (p.text.as_str(), p.page)),
        )))
    }

    /// A whole passage by id, for "show the full source".
    pub fn passage(&self, id: &str) -> Result<Option<Passage>, SearchError> {
        self.snapshot().index.passage(id)
    }

    /// Re-reads the manifest, the corpus, the user dictionary and the synonyms; when anything
    /// changed (or `force`), builds a new index beside the serving one and swaps it in. A new
    /// analyzer is made only when the user dictionary changed. Reloads run one at a time; on
    /// any error the serving snapshot stays.
    pub fn reload(&self, force: bool) -> Result<ReloadReport, EngineError> {
        let _one_at_a_time = self.reloading.lock().unwrap_or_else(|e| e.into_inner());
        self.rebuild_locked(force)
    }

    /// The file of taught links, beside the manifest.
    pub fn taught_file(&self) -> PathBuf {
        self.settings
            .manifest
            .parent()
            .unwrap_or(Path::new("."))
            .join(taught::TAUGHT_FILE)
    }

    /// Links a question to a passage of the serving corpus (`/corpus teach`): the link is added
    /// to the taught file and the index rebuilt with it. When the file cannot be written or the
    /// rebuild fails, the file is put back as it was and the serving index stays. A link taught
    /// already only reloads (`added` is false).
    pub fn teach(&self, question: &str, passage: &str) -> Result<Taught, EngineError> {
        let question = question.split_whitespace().collect::<Vec<_>>().join(" ");
        if question.is_empty() {
            return Err(EngineError::EmptyQuestion);
        }
        let _one_at_a_time = self.reloading.lock().unwrap_or_else(|e| e.into_inner());
        if self.snapshot().index.passage(passage)?.is_none() {
            return Err(EngineError::NoSuchPassage {
                passage: passage.to_string(),
            });
        }
        let path = self.taught_file();
        let before = match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(CorpusError::Unreadable { path, source }.into()),
        };
        let known = taught::read(&path)?
            .iter()
            .any(|l| l.question == question && l.passage == passage);
        if !known {
            let added = time::OffsetDateTime::now_utc().date();
            taught::append(
                &path,
                &Link {
                    question,
                    passage: passage.to_string(),
                    added: Some(format!(
                        "{:04}-{:02}-{:02}",
                        added.year(),
                        u8::from(added.month()),
                        added.day()
                    )),
                },
            )?;
        }
        let reload = self.rebuild_locked(false).inspect_err(|_| {
            let restored = match &before {
                Some(bytes) => taught::replace(&path, bytes).map_err(|e| e.to_string()),
                None => std::fs::remove_file(&path).map_err(|e| e.kind().to_string()),
            };
            if let Err(error) = restored {
                tracing::error!(file = %crate::text::shown_path(&path), %error, "cannot put the taught links back");
            }
        })?;
        Ok(Taught {
            reload,
            added: !known,
        })
    }

    /// A reload, by one who holds the reload lock.
    fn rebuild_locked(&self, force: bool) -> Result<ReloadReport, EngineError> {
        let started = Instant::now();
        let dictionary = read_user_dictionary(&self.settings);
        let salt = build::salt(&self.settings, dictionary.hash);
        let fingerprint = corpus::fingerprint(&self.settings.manifest, &salt)?;
        let serving = self.snapshot();
        let rebuilt = force || serving.catalog.fingerprint != fingerprint;
        if rebuilt {
            let analyzer = if serving.user_dictionary == dictionary.hash {
                serving.analyzer.clone()
            } else {
                Analyzer::new(&dictionary.words)
            };
            drop(serving);
            let snapshot = build::build(&self.settings, analyzer, &dictionary, &fingerprint)?;
            self.current.store(Arc::new(snapshot));
            crate::process::release_free_memory();
        }
        Ok(report(
            &self.snapshot(),
            rebuilt,
            started,
            dictionary.warnings,
        ))
    }
}

fn report(
    snapshot: &Snapshot,
    rebuilt: bool,
    started: Instant,
    warnings: Vec<String>,
) -> ReloadReport {
    ReloadReport {
        rebuilt,
        corpus_version: snapshot.version(),
        documents: snapshot.catalog.documents.len(),
        passages: snapshot.catalog.passages,
        elapsed: started.elapsed(),
        warnings,
        taught: snapshot.catalog.taught,
        stale_taught: snapshot.catalog.stale_taught.clone(),
    }
}

/// When the corpus cannot be read or built, the index built before (if any) serves, so a broken
/// file never takes the service down; the error goes to the log.
fn serve_old(error: EngineError, existing: Option<Snapshot>) -> Result<Snapshot, EngineError> {
    match existing {
        Some(snapshot) => {
            tracing::warn!(%error, "cannot build the corpus; serving the index built before");
            Ok(snapshot)
        }
        None => Err(error),
    }
}
