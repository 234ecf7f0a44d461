//! Building a snapshot: read the manifest and every document, index their passages with the
//! snapshot's analyzer in a fresh folder beside the serving index, write the catalog, then move
//! the folder into place, so that a crash mid-build never leaves half an index where one is
//! expected.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use crate::catalog::{self, Catalog};
use crate::corpus::{self, Manifest};
use crate::question::lexicon;
use crate::question::synonyms::Synonyms;
use crate::search::{Analyzer, IndexBuilder, SCHEMA_VERSION, SearchIndex, UserDictionary};

use super::snapshot::{CATALOG_FILE, Snapshot};
use super::{EngineError, EngineSettings};

/// What besides the corpus decides the index and the answers: the schema and analyzer
/// version, the lexicon, the user dictionary (by the hash of the bytes the analyzer was made
/// from) and the synonyms. A change to any of them rebuilds.
pub(crate) fn salt(settings: &EngineSettings, user_dictionary: u64) -> String {
    let synonyms =
        std::fs::read(&settings.synonyms).map_or(0, |bytes| xxhash_rust::xxh3::xxh3_64(&bytes));
    let lexicon = xxhash_rust::xxh3::xxh3_64(lexicon::SOURCE.as_bytes());
    format!("{SCHEMA_VERSION}/{user_dictionary:016x}/{synonyms:016x}/{lexicon:016x}")
}

/// Builds the index of the whole corpus with `analyzer` (made from the user dictionary whose
/// hash is `user_dictionary`) and moves it into `settings.index_dir`.
pub(crate) fn build(
    settings: &EngineSettings,
    analyzer: Analyzer,
    dictionary: &UserDictionary,
    fingerprint: &str,
) -> Result<Snapshot, EngineError> {
    let manifest = Manifest::load(&settings.manifest)?;
    let synonyms = Synonyms::load(&settings.synonyms)?;
    let base = settings.manifest.parent().unwrap_or(Path::new("."));
    // Read before anything is built: a broken file fails the build at once.
    let links = corpus::taught::read(&base.join(corpus::taught::TAUGHT_FILE))?;
    let parent = beside(&settings.index_dir);
    let unwritable = |e: std::io::Error| {
        if crate::search::is_unwritable(&e) {
            EngineError::ReadOnly {
                dir: settings.index_dir.clone(),
            }
        } else {
            EngineError::io(parent, e)
        }
    };
    std::fs::create_dir_all(parent).map_err(unwritable)?;
    clean_leftovers(parent);
    let staging = tempfile::Builder::new()
        .prefix(BUILD_PREFIX)
        .tempdir_in(parent)
        .map_err(unwritable)?;
    // Held until the build is in place: a folder whose lock can be taken was left by a build
    // that died, and the next build removes it.
    let building = staging.path().join(BUILDING_FILE);
    let lock = std::fs::File::create(&building).map_err(|e| EngineError::io(&building, e))?;
    lock.try_lock()
        .map_err(|e| EngineError::io(&building, std::io::Error::other(e.to_string())))?;
    let mut builder = IndexBuilder::create(staging.path(), &analyzer, settings.build)?;
    // Questions taught to passages, by passage id; a link is used when its passage is found.
    let mut taught: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for link in &links {
        taught
            .entry(link.passage.as_str())
            .or_default()
            .push(link.question.clone());
    }
    let mut used: std::collections::HashSet<String> = Default::default();
    let mut catalog = Catalog {
        fingerprint: fingerprint.to_string(),
        edition: manifest.edition.clone(),
        documents: Vec::new(),
        parts: Vec::new(),
        passages: 0,
        people: people(dictionary),
        taught: 0,
        stale_taught: Vec::new(),
    };
    for entry in &manifest.documents {
        let mut document = corpus::read_document(entry, base)?;
        for passage in &mut document.passages {
            if let Some(questions) = taught.get(passage.id.as_str()) {
                passage.taught = questions.clone();
                used.insert(passage.id.clone());
            }
        }
        let (info, parts) = catalog::digest::document(&document);
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
    let (live, stale): (Vec<_>, Vec<_>) = links
        .into_iter()
        .partition(|link| used.contains(&link.passage));
    catalog.taught = live.len();
    catalog.stale_taught = stale;
    let catalog_path = staging.path().join(CATALOG_FILE);
    let json = serde_json::to_vec_pretty(&catalog).map_err(|e| EngineError::Catalog {
        path: catalog_path.clone(),
        reason: e.to_string(),
    })?;
    std::fs::write(&catalog_path, json).map_err(|e| EngineError::io(&catalog_path, e))?;
    open_to_readers(staging.path()).map_err(|e| EngineError::io(staging.path(), e))?;
    let built = staging.keep();
    move_into_place(&built, &settings.index_dir)?;
    let _ = std::fs::remove_file(settings.index_dir.join(BUILDING_FILE));
    drop(lock);
    let index = SearchIndex::open(&settings.index_dir, &analyzer)?;
    Ok(Snapshot {
        index,
        catalog: Arc::new(catalog),
        analyzer,
        synonyms,
        since: SystemTime::now(),
        user_dictionary: dictionary.hash,
    })
}

/// The people the user dictionary names (its words tagged `nr`): jieba's own tags name too
/// many things people (`福祉`, `顾问` are `nr` there) to be used for this.
fn people(dictionary: &UserDictionary) -> Vec<String> {
    dictionary
        .words
        .iter()
        .filter(|w| w.tag.as_deref().is_some_and(|t| t.starts_with("nr")))
        .map(|w| w.word.clone())
        .collect()
}

/// The name of a folder a build is writing, and of one moved aside to be removed.
const BUILD_PREFIX: &str = ".luopan-build-";
const RETIRED_PREFIX: &str = ".luopan-retired-";
/// The file a build holds locked inside its folder while it runs.
const BUILDING_FILE: &str = ".luopan-building";

/// Lets every user read the built index, as they may read the corpus it was built from:
/// temporary folders and tantivy's atomically written files are private to their writer, and
/// a deployment often serves the index as another user than the one who built it.
fn open_to_readers(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))?;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o644))?;
        }
    }
    Ok(())
}

/// The folder that holds the index folder, where builds are made.
pub(crate) fn beside(index_dir: &Path) -> &Path {
    index_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Removes what killed builds left beside the index: build folders no running build holds
/// (their lock file can be taken, or they have none), and retired indexes (nothing reads a
/// retired folder by name; a process that still maps its files keeps them until it closes).
pub(crate) fn clean_leftovers(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        let stale = if name.starts_with(RETIRED_PREFIX) {
            true
        } else if name.starts_with(BUILD_PREFIX) {
            match std::fs::File::open(path.join(BUILDING_FILE)) {
                Ok(file) => file.try_lock().is_ok(),
                // A build makes its lock file first thing; give one just starting a minute.
                Err(_) => entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > std::time::Duration::from_secs(60)),
            }
        } else {
            false
        };
        if stale && path.is_dir() {
            match std::fs::remove_dir_all(&path) {
                Ok(()) => tracing::info!(folder = %name, "removed what an interrupted build left"),
                Err(error) => {
                    tracing::warn!(%error, folder = %name, "cannot remove what an interrupted build left")
                }
            }
        }
    }
}

/// Replaces `target` with `built`: the old folder is renamed aside, the new one renamed in,
/// then the old one removed. Open readers of the old index keep their files until they close.
fn move_into_place(built: &Path, target: &Path) -> Result<(), EngineError> {
    let retired = target.with_file_name(format!(
        "{RETIRED_PREFIX}{}-{}",
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
