//! A snapshot: what one version of the corpus serves from. The built index, the catalog built
//! with it, the analyzer it was cut with (questions put to it are read with the same one), and
//! the synonyms read with it. A request takes one snapshot and keeps it to the end, so its
//! answer, footer and buttons all come from one version.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use crate::catalog::Catalog;
use crate::question::synonyms::Synonyms;
use crate::search::{Analyzer, SearchIndex};

use super::{EngineError, EngineSettings};

/// The file beside the index that holds its catalog.
pub(crate) const CATALOG_FILE: &str = "luopan-catalog.json";

/// What the engine serves from: one built index, its catalog, analyzer and synonyms.
pub struct Snapshot {
    pub index: SearchIndex,
    /// Shared so that what outlives a request (an answer kept for its "more" button) can keep
    /// the catalog it was made from without keeping the index.
    pub catalog: Arc<Catalog>,
    pub analyzer: Analyzer,
    pub synonyms: Synonyms,
    /// When this snapshot started serving.
    pub since: SystemTime,
    /// The hash of the user dictionary the analyzer was made from.
    pub(crate) user_dictionary: u64,
}

impl Snapshot {
    /// The corpus version, for footers: the edition and the fingerprint's first digits.
    pub fn version(&self) -> String {
        self.catalog.version()
    }
}

/// Opens the index in `settings.index_dir` with its catalog, if both are there and readable,
/// with an analyzer made from the user dictionary whose hash is `user_dictionary`.
pub(crate) fn open_existing(
    settings: &EngineSettings,
    analyzer: &Analyzer,
    user_dictionary: u64,
) -> Option<Snapshot> {
    let dir = &settings.index_dir;
    if !dir.exists() {
        return None;
    }
    let opened = read_catalog(dir).and_then(|catalog| {
        SearchIndex::open(dir, analyzer)
            .map(|index| (catalog, index))
            .map_err(EngineError::from)
    });
    let (catalog, index) = opened
        .inspect_err(|error| tracing::warn!(%error, "the built index cannot be used; rebuilding"))
        .ok()?;
    let synonyms = Synonyms::load(&settings.synonyms).unwrap_or_else(|error| {
        tracing::warn!(%error, "synonyms unreadable; going without");
        Synonyms::default()
    });
    Some(Snapshot {
        index,
        catalog: Arc::new(catalog),
        analyzer: analyzer.clone(),
        synonyms,
        since: SystemTime::now(),
        user_dictionary,
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
