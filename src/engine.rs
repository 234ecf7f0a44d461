//! The façade over corpus, search and answer: open (building the index when the corpus changed),
//! ask, case and lesson digests, and reload with an atomic swap of the serving snapshot.
//!
//! A snapshot is an open index plus its catalog. Readers take an `Arc` of the current snapshot
//! and keep it for the whole question, so a reload never disturbs a question in flight; a
//! failed reload leaves the current snapshot serving.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use arc_swap::ArcSwap;

use crate::answer::synonyms::Synonyms;
use crate::answer::thesaurus::Thesaurus;
use crate::answer::translate::Translator;
use crate::answer::{
    self, Answer, AskError, AskSettings, Catalog, Explanation, Knowledge, PartDigest, Question,
};
use crate::corpus::{self, CorpusError, Manifest, Passage};
use crate::search::{
    Analyzer, BuildSettings, IndexBuilder, SCHEMA_VERSION, SearchError, SearchIndex,
};

const CATALOG_FILE: &str = "luopan-catalog.json";

/// Where the corpus and the index are, and how to build and answer.
#[derive(Debug, Clone)]
pub struct EngineSettings {
    /// The corpus manifest; document paths are relative to its folder.
    pub manifest: PathBuf,
    /// The folder of the built index (generated, git-ignored).
    pub index_dir: PathBuf,
    pub build: BuildSettings,
    pub ask: AskSettings,
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
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("catalog {path}: {reason}")]
    Catalog { path: PathBuf, reason: String },
}

impl EngineError {
    fn io(path: &Path, source: std::io::Error) -> EngineError {
        EngineError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What the engine serves from: one built index and its catalog.
pub struct Snapshot {
    pub index: SearchIndex,
    pub catalog: Catalog,
    pub synonyms: Synonyms,
    /// When this snapshot started serving.
    pub since: SystemTime,
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
}

/// The question-answering engine. Share it behind an `Arc`; every method takes `&self`.
pub struct Engine {
    settings: EngineSettings,
    analyzer: Analyzer,
    current: ArcSwap<Snapshot>,
    reloading: Mutex<()>,
    opened: ReloadReport,
    /// Loaded on the first English question; `None` inside when it cannot be read.
    translator: std::sync::OnceLock<Option<Translator>>,
    /// Read on the first question; `None` inside when there is none or it cannot be read.
    thesaurus: std::sync::OnceLock<Option<Thesaurus>>,
}

impl Engine {
    /// Opens the index, building it first when it is missing, broken, or older than the corpus.
    /// When the corpus cannot be read but a built index exists, that index serves (with a
    /// warning in the log), so a broken file never takes the bot down.
    pub fn open(settings: EngineSettings) -> Result<Engine, EngineError> {
        let started = Instant::now();
        let user_words = std::fs::read_to_string(&settings.user_dictionary)
            .map(|text| Analyzer::read_user_words(&text))
            .unwrap_or_default();
        let analyzer = Analyzer::with_user_words(&user_words);
        let mut rebuilt = false;
        let existing = open_existing(&settings, &analyzer);
        let fresh =
            corpus::fingerprint(&settings.manifest, &salt(&settings)).map_err(EngineError::from);
        let snapshot = match (fresh, existing) {
            (Ok(fingerprint), Some(snapshot)) if snapshot.catalog.fingerprint == fingerprint => {
                snapshot
            }
            (Ok(fingerprint), existing) => match build(&settings, &analyzer, &fingerprint) {
                Ok(snapshot) => {
                    rebuilt = true;
                    snapshot
                }
                Err(error) => serve_old(error, existing)?,
            },
            (Err(error), existing) => serve_old(error, existing)?,
        };
        let opened = ReloadReport {
            rebuilt,
            corpus_version: snapshot.catalog.version(),
            documents: snapshot.catalog.documents.len(),
            passages: snapshot.catalog.passages,
            elapsed: started.elapsed(),
        };
        Ok(Engine {
            settings,
            analyzer,
            current: ArcSwap::from_pointee(snapshot),
            reloading: Mutex::new(()),
            opened,
            translator: std::sync::OnceLock::new(),
            thesaurus: std::sync::OnceLock::new(),
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

    /// Answers a question.
    pub fn ask(&self, question: &Question) -> Result<Answer, AskError> {
        let snapshot = self.snapshot();
        answer::ask(self.knowledge(&snapshot, question), question)
    }

    /// How a question is read and ranked, with the `limit` best passages in detail.
    pub fn explain(&self, question: &Question, limit: usize) -> Result<Explanation, AskError> {
        let snapshot = self.snapshot();
        answer::explain(self.knowledge(&snapshot, question), question, limit)
    }

    fn knowledge<'a>(&'a self, snapshot: &'a Snapshot, question: &Question) -> Knowledge<'a> {
        let translator = if crate::text::is_mostly_latin(&question.text) {
            self.translator()
        } else {
            None
        };
        Knowledge {
            index: &snapshot.index,
            catalog: &snapshot.catalog,
            analyzer: &self.analyzer,
            settings: &self.settings.ask,
            translator,
            synonyms: &snapshot.synonyms,
            thesaurus: self.thesaurus(),
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
                match Translator::load(&self.settings.glossary, &self.settings.dictionary) {
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
    pub fn timeline(
        &self,
        id: &str,
    ) -> Result<Option<Vec<crate::answer::timeline::Event>>, SearchError> {
        let snapshot = self.snapshot();
        if snapshot.catalog.part(id).is_none() {
            return Ok(None);
        }
        let passages = snapshot.index.passages_of(id)?;
        Ok(Some(crate::answer::timeline::events(
            passages.iter().map(|p| (p.text.as_str(), p.page)),
        )))
    }

    /// A whole passage by id, for "show the full source".
    pub fn passage(&self, id: &str) -> Result<Option<Passage>, SearchError> {
        self.snapshot().index.passage(id)
    }

    /// Re-reads the manifest and the corpus; when anything changed (or `force`), builds a new
    /// index beside the serving one and swaps it in. Reloads run one at a time; on any error
    /// the serving snapshot stays.
    pub fn reload(&self, force: bool) -> Result<ReloadReport, EngineError> {
        let _one_at_a_time = self.reloading.lock().unwrap_or_else(|e| e.into_inner());
        let started = Instant::now();
        let fingerprint = corpus::fingerprint(&self.settings.manifest, &salt(&self.settings))?;
        let serving = self.snapshot();
        let rebuilt = force || serving.catalog.fingerprint != fingerprint;
        if rebuilt {
            let snapshot = build(&self.settings, &self.analyzer, &fingerprint)?;
            self.current.store(Arc::new(snapshot));
            crate::process::release_free_memory();
        }
        let catalog = &self.snapshot().catalog;
        Ok(ReloadReport {
            rebuilt,
            corpus_version: catalog.version(),
            documents: catalog.documents.len(),
            passages: catalog.passages,
            elapsed: started.elapsed(),
        })
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

/// What besides the corpus decides the index and the answers: the schema and analyzer
/// version, the user dictionary and the synonyms. A change to any of them rebuilds.
fn salt(settings: &EngineSettings) -> String {
    let hash =
        |path: &Path| std::fs::read(path).map_or(0, |bytes| xxhash_rust::xxh3::xxh3_64(&bytes));
    format!(
        "{SCHEMA_VERSION}/{:016x}/{:016x}",
        hash(&settings.user_dictionary),
        hash(&settings.synonyms)
    )
}

/// Opens an index and its catalog if both are there and readable.
fn open_existing(settings: &EngineSettings, analyzer: &Analyzer) -> Option<Snapshot> {
    let dir = &settings.index_dir;
    let catalog = read_catalog(dir).ok()?;
    let index = SearchIndex::open(dir, analyzer).ok()?;
    let synonyms = Synonyms::load(&settings.synonyms).unwrap_or_else(|error| {
        tracing::warn!(%error, "synonyms unreadable; going without");
        Synonyms::default()
    });
    Some(Snapshot {
        index,
        catalog,
        synonyms,
        since: SystemTime::now(),
    })
}

fn read_catalog(dir: &Path) -> Result<Catalog, EngineError> {
    let path = dir.join(CATALOG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| EngineError::io(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| EngineError::Catalog {
        path,
        reason: e.to_string(),
    })
}

/// Builds the index of the whole corpus in a fresh folder beside `index_dir`, then moves it
/// into place, so that a crash mid-build never leaves half an index where one is expected.
fn build(
    settings: &EngineSettings,
    analyzer: &Analyzer,
    fingerprint: &str,
) -> Result<Snapshot, EngineError> {
    let manifest = Manifest::load(&settings.manifest)?;
    let synonyms = Synonyms::load(&settings.synonyms).map_err(|e| EngineError::Catalog {
        path: e.path.clone(),
        reason: e.reason.clone(),
    })?;
    let base = settings.manifest.parent().unwrap_or(Path::new("."));
    let parent = settings
        .index_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| EngineError::io(parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".luopan-build-")
        .tempdir_in(parent)
        .map_err(|e| EngineError::io(parent, e))?;
    let mut builder = IndexBuilder::create(staging.path(), analyzer, settings.build)?;
    let mut catalog = Catalog {
        fingerprint: fingerprint.to_string(),
        edition: manifest.edition.clone(),
        documents: Vec::new(),
        parts: Vec::new(),
        passages: 0,
    };
    for entry in &manifest.documents {
        let document = corpus::read_document(entry, base)?;
        let (info, parts) = answer::digest::document(&document);
        for passage in &document.passages {
            let part = document.parts.iter().find(|p| p.id == passage.part);
            let context = match (part, &passage.section) {
                (Some(part), Some(section)) => format!("{} {section}", part.title),
                (Some(part), None) => part.title.clone(),
                (None, _) => String::new(),
            };
            builder.add(passage, &context)?;
        }
        catalog.passages += document.passages.len();
        catalog.documents.push(info);
        catalog.parts.extend(parts);
    }
    builder.finish()?;
    let catalog_path = staging.path().join(CATALOG_FILE);
    let json = serde_json::to_vec_pretty(&catalog).map_err(|e| EngineError::Catalog {
        path: catalog_path.clone(),
        reason: e.to_string(),
    })?;
    std::fs::write(&catalog_path, json).map_err(|e| EngineError::io(&catalog_path, e))?;
    let built = staging.keep();
    move_into_place(&built, &settings.index_dir)?;
    let index = SearchIndex::open(&settings.index_dir, analyzer)?;
    Ok(Snapshot {
        index,
        catalog,
        synonyms,
        since: SystemTime::now(),
    })
}

/// Replaces `target` with `built`: the old folder is renamed aside, the new one renamed in,
/// then the old one removed. Open readers of the old index keep their files until they close.
fn move_into_place(built: &Path, target: &Path) -> Result<(), EngineError> {
    let retired = target.with_file_name(format!(
        ".luopan-retired-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let had_old = target.exists();
    if had_old {
        std::fs::rename(target, &retired).map_err(|e| EngineError::io(target, e))?;
    }
    if let Err(error) = std::fs::rename(built, target) {
        if had_old {
            let _ = std::fs::rename(&retired, target);
        }
        let _ = std::fs::remove_dir_all(built);
        return Err(EngineError::io(target, error));
    }
    if had_old && let Err(error) = std::fs::remove_dir_all(&retired) {
        tracing::warn!(%error, path = %retired.display(), "could not remove the retired index");
    }
    Ok(())
}
