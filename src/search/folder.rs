//! The folder a built index is read from. A serving index is never written: a build writes a
//! new folder and moves it into place. So reading needs no write access, and a folder mounted
//! read-only (or owned by another user) serves as well as any.
//!
//! tantivy takes a lock file before it opens a searcher, to keep its own writer's clean-up from
//! deleting files under the reader. No writer ever works in a serving folder, so when that lock
//! file cannot be created or opened for lack of permission, reading goes on without it.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::Index;

use super::guard::without_panics;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index folder opened for reading.
#[derive(Debug, Clone)]
pub(crate) struct ReadFolder(MmapDirectory);

impl ReadFolder {
    pub(crate) fn open(dir: &Path) -> tantivy::Result<ReadFolder> {
        Ok(ReadFolder(MmapDirectory::open(dir)?))
    }
}

/// Whether an I/O error means "this folder cannot be written" rather than a fault.
pub fn is_unwritable(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for ReadFolder {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(error)) if is_unwritable(&error) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
}

/// The files the index's segments need that are not in the folder: a cheap check, made on
/// every open (a full checksum of every file is `Index::validate_checksum`, which `luopan index`
/// runs).
pub(crate) fn missing_files(index: &Index) -> tantivy::Result<Vec<PathBuf>> {
    let written = index.directory().list_managed_files();
    let needed = index.load_metas()?.list_segment_files();
    let mut missing: Vec<PathBuf> = needed
        .intersection(&written)
        .filter(|path| !index.directory().exists(path).unwrap_or(false))
        .cloned()
        .collect();
    missing.sort();
    Ok(missing)
}

/// The first stored-passages file of the index's segments whose bytes do not match their
/// checksum, if any: every byte of those files is read (they hold the passages' text, a small
/// part of the index). Read before a reader opens them: a damaged one can make tantivy ask for
/// an impossible allocation, which aborts the process rather than panics.
pub(crate) fn damaged_store(index: &Index) -> tantivy::Result<Option<PathBuf>> {
    for segment in index.searchable_segment_metas()? {
        let path = segment.relative_path(tantivy::index::SegmentComponent::Store);
        let sound = without_panics(|| index.directory().validate_checksum(&path))
            .unwrap_or(Ok(false))
            .map_err(tantivy::TantivyError::from)?;
        if !sound {
            return Ok(Some(path));
        }
    }
    Ok(None)
}
