//! What can go wrong in the index, told without the machine's paths.

use std::path::{Path, PathBuf};

/// What can go wrong in the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("index at {}: {reason}", crate::text::shown_path(path))]
    Index { path: PathBuf, reason: String },
    #[error("search failed: {reason}")]
    Query { reason: String },
    /// A search found a file of the index missing or damaged: the index must be rebuilt.
    #[error("the index is damaged ({reason}); it must be rebuilt")]
    Damaged { reason: String },
}

impl SearchError {
    /// The error of a failed search: damage to the index's files, or another fault.
    pub(super) fn of_search(error: tantivy::TantivyError) -> SearchError {
        use tantivy::TantivyError as E;
        match error {
            E::DataCorruption(_) | E::OpenReadError(_) | E::IoError(_) => SearchError::Damaged {
                reason: short_reason(&error),
            },
            other => SearchError::Query {
                reason: other.to_string(),
            },
        }
    }
}

/// tantivy's message about a folder with the folder's full path (as given, and as tantivy
/// resolves it) taken out.
pub(super) fn without_paths(reason: String, dir: &Path) -> String {
    let shown = crate::text::shown_path(dir);
    let mut reason = reason.replace(&dir.display().to_string(), &shown);
    if let Ok(full) = dir.canonicalize() {
        reason = reason.replace(&full.display().to_string(), &shown);
    }
    reason
}

/// What went wrong with a file, without the machine's path: tantivy's messages carry the full
/// path, so only the file's name is kept.
pub(super) fn short_reason(error: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as E;
    use tantivy::directory::error::OpenReadError;
    let name = |path: &Path| {
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    match error {
        E::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            format!("{} is missing", name(path))
        }
        E::OpenReadError(OpenReadError::IoError { filepath, .. }) => {
            format!("{} cannot be read", name(filepath))
        }
        E::DataCorruption(_) => "a file is corrupt".to_string(),
        _ => "a file cannot be read".to_string(),
    }
}
