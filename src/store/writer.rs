//! The one writer of the store: a thread fed by a bounded queue. `record` never waits: when the
//! queue is full or the store cannot be written, the record is dropped and counted. A store
//! that fails is logged once (with the file named), opened again at most once a second, and
//! made anew when its file was deleted under it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{Entry, Record, Store, StoreSettings, Vote};

/// Records waiting to be written; more are dropped (and counted).
const QUEUE: usize = 4096;
/// The most records written in one transaction.
const BATCH: usize = 256;
/// How long the writer waits after a record before writing: the answer it records is sent to
/// Discord meanwhile without the writer competing for the processor, and records that come
/// close together share one transaction.
const BATCH_WAIT: Duration = Duration::from_millis(25);
/// How long a failed store waits before it is opened again.
const REOPEN_AFTER: Duration = Duration::from_secs(1);
/// Old answers are purged when the store opens and once an hour after, busy or idle.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// What `/corpus status` shows of the store.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoreStatus {
    pub enabled: bool,
    /// The file's name.
    pub file: String,
    pub recorded: u64,
    pub dropped: u64,
    /// Why the store cannot be written now, if it cannot.
    pub failing: Option<String>,
}

struct Shared {
    file: String,
    recorded: AtomicU64,
    dropped: AtomicU64,
    failing: Mutex<Option<String>>,
}

/// The handle the bot records through. Cheap to share.
#[derive(Clone)]
pub struct Recorder {
    sender: Option<SyncSender<Entry>>,
    shared: Arc<Shared>,
}

impl Recorder {
    /// Starts the writer, or a recorder that records nothing when the store is disabled.
    pub fn start(settings: &StoreSettings) -> Recorder {
        let shared = Arc::new(Shared {
            file: settings
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            recorded: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            failing: Mutex::new(None),
        });
        if !settings.enabled {
            return Recorder {
                sender: None,
                shared,
            };
        }
        let (sender, receiver) = std::sync::mpsc::sync_channel(QUEUE);
        let writer = Writer {
            path: settings.path.clone(),
            retention: settings.retention,
            shared: shared.clone(),
            store: None,
            last_attempt: None,
            last_purge: Instant::now(),
            opened: None,
        };
        let spawned = std::thread::Builder::new()
            .name("luopan-store".into())
            .spawn(move || writer.run(receiver));
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot start the store's writer; nothing will be recorded");
            return Recorder {
                sender: None,
                shared,
            };
        }
        Recorder {
            sender: Some(sender),
            shared,
        }
    }

    /// Hands an answer's record to the writer without waiting.
    pub fn record(&self, record: Record) {
        self.send(Entry::Answer(Box::new(record)));
    }

    /// Hands a vote to the writer without waiting.
    pub fn vote(&self, vote: Vote) {
        self.send(Entry::Vote(vote));
    }

    fn send(&self, entry: Entry) {
        let Some(sender) = &self.sender else {
            return;
        };
        match sender.try_send(entry) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                self.shared.dropped.fetch_add(1, Ordering::Relaxed);
                metrics::counter!("luopan_store_dropped_total").increment(1);
            }
        }
    }

    pub fn status(&self) -> StoreStatus {
        StoreStatus {
            enabled: self.sender.is_some(),
            file: self.shared.file.clone(),
            recorded: self.shared.recorded.load(Ordering::Relaxed),
            dropped: self.shared.dropped.load(Ordering::Relaxed),
            failing: self
                .shared
                .failing
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
        }
    }
}

struct Writer {
    path: PathBuf,
    retention: Duration,
    shared: Arc<Shared>,
    store: Option<Store>,
    last_attempt: Option<Instant>,
    last_purge: Instant,
    /// The device and inode of the file the store was opened on.
    opened: Option<(u64, u64)>,
}

/// The niceness of the writer's thread: recording yields the processor to answering.
const WRITER_NICENESS: libc::c_int = 19;

/// Lowers the calling thread's scheduling priority (Linux schedules threads one by one), so
/// that on a busy machine the writer waits for the threads that answer rather than delay them.
fn yield_to_answers() {
    // SAFETY: gettid and setpriority take no pointers; a failure only leaves the priority as
    // it was.
    let done = unsafe {
        let thread = libc::gettid() as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, thread, WRITER_NICENESS)
    };
    if done != 0 {
        tracing::debug!("the store's writer keeps its priority");
    }
}

/// The device and inode of a regular file at `path`, if there is one.
fn file_identity(path: &std::path::Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map(|m| (m.dev(), m.ino()))
}

impl Writer {
    fn run(mut self, receiver: Receiver<Entry>) {
        use std::sync::mpsc::RecvTimeoutError;
        yield_to_answers();
        loop {
            let first = match receiver.recv_timeout(PURGE_EVERY) {
                Ok(record) => record,
                Err(RecvTimeoutError::Timeout) => {
                    self.purge_if_due();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            std::thread::sleep(BATCH_WAIT);
            let mut batch = vec![first];
            while batch.len() < BATCH {
                match receiver.try_recv() {
                    Ok(record) => batch.push(record),
                    Err(_) => break,
                }
            }
            self.write(&batch);
        }
    }

    fn write(&mut self, batch: &[Entry]) {
        // A file deleted (or replaced) under an open connection takes every write with it:
        // start anew when the path no longer names the file that was opened.
        if self.store.is_some() && file_identity(&self.path) != self.opened {
            tracing::warn!(file = %self.shared.file, "the store's file is gone; making a new one");
            self.store = None;
            self.last_attempt = None;
        }
        if self.store.is_none() {
            let due = self
                .last_attempt
                .is_none_or(|at| at.elapsed() >= REOPEN_AFTER);
            if due {
                self.last_attempt = Some(Instant::now());
                match Store::open(&self.path) {
                    Ok(store) => {
                        let _ = store.purge(self.retention);
                        self.last_purge = Instant::now();
                        self.opened = file_identity(&self.path);
                        self.store = Some(store);
                    }
                    Err(error) => self.fail(&error.to_string()),
                }
            }
        }
        let Some(store) = &mut self.store else {
            self.drop_batch(batch);
            return;
        };
        match store.write_entries(batch) {
            Ok(()) => {
                self.purge_if_due();
                self.shared
                    .recorded
                    .fetch_add(batch.len() as u64, Ordering::Relaxed);
                self.recovered();
            }
            Err(error) => {
                self.store = None;
                self.fail(&error.to_string());
                self.drop_batch(batch);
            }
        }
    }

    /// Removes answers older than the retention when the last purge is an hour old.
    fn purge_if_due(&mut self) {
        if self.last_purge.elapsed() < PURGE_EVERY {
            return;
        }
        self.last_purge = Instant::now();
        if let Some(store) = &self.store
            && let Err(error) = store.purge(self.retention)
        {
            tracing::warn!(file = %self.shared.file, %error, "cannot purge old answers");
        }
    }

    fn drop_batch(&self, batch: &[Entry]) {
        self.shared
            .dropped
            .fetch_add(batch.len() as u64, Ordering::Relaxed);
        metrics::counter!("luopan_store_dropped_total").increment(batch.len() as u64);
    }

    /// Logs a failure the first time it happens (not once per record).
    fn fail(&self, reason: &str) {
        let mut failing = self
            .shared
            .failing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if failing.is_none() {
            tracing::error!(
                file = %self.shared.file,
                %reason,
                "the store cannot be written; answers go on, records are dropped and counted"
            );
        }
        *failing = Some(reason.to_string());
    }

    fn recovered(&self) {
        let mut failing = self
            .shared
            .failing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if failing.take().is_some() {
            tracing::warn!(file = %self.shared.file, "the store is written again");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::store::sample;

    fn settings(path: PathBuf) -> StoreSettings {
        StoreSettings {
            enabled: true,
            path,
            retention: Duration::from_secs(180 * 86_400),
            key: String::new(),
        }
    }

    fn wait_until(recorder: &Recorder, done: impl Fn(&StoreStatus) -> bool) -> StoreStatus {
        for _ in 0..200 {
            let status = recorder.status();
            if done(&status) {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        recorder.status()
    }

    #[test]
    fn records_reach_the_file_and_are_counted() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("store.sqlite3");
        let recorder = Recorder::start(&settings(path.clone()));
        for i in 0..10 {
            recorder.record(sample(&format!("问题{i}"), "found", SystemTime::now()));
        }
        let status = wait_until(&recorder, |s| s.recorded == 10);
        assert_eq!((status.recorded, status.dropped), (10, 0));
        assert_eq!(Store::open(&path).unwrap().len().unwrap(), 10);
    }

    #[test]
    fn a_store_that_cannot_be_written_drops_and_counts_then_recovers() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("store.sqlite3");
        // A folder where the file should be: nothing can open it.
        std::fs::create_dir_all(&path).unwrap();
        let recorder = Recorder::start(&settings(path.clone()));
        recorder.record(sample("甲", "found", SystemTime::now()));
        let status = wait_until(&recorder, |s| s.dropped == 1);
        assert_eq!(status.dropped, 1);
        let failing = status.failing.expect("says why");
        assert!(failing.contains("store.sqlite3"), "{failing}");
        assert!(
            !failing.contains(folder.path().to_str().unwrap()),
            "{failing}"
        );
        std::fs::remove_dir(&path).unwrap();
        std::thread::sleep(REOPEN_AFTER);
        recorder.record(sample("乙", "found", SystemTime::now()));
        let status = wait_until(&recorder, |s| s.recorded == 1);
        assert_eq!(status.recorded, 1);
        assert_eq!(status.failing, None);
    }

    #[test]
    fn a_file_deleted_while_recording_is_made_again() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("store.sqlite3");
        let recorder = Recorder::start(&settings(path.clone()));
        recorder.record(sample("甲", "found", SystemTime::now()));
        wait_until(&recorder, |s| s.recorded == 1);
        std::fs::remove_file(&path).unwrap();
        recorder.record(sample("乙", "found", SystemTime::now()));
        wait_until(&recorder, |s| s.recorded == 2);
        assert_eq!(Store::open(&path).unwrap().len().unwrap(), 1);
    }

    #[test]
    fn a_disabled_store_records_nothing_and_makes_no_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("store.sqlite3");
        let mut off = settings(path.clone());
        off.enabled = false;
        let recorder = Recorder::start(&off);
        recorder.record(sample("甲", "found", SystemTime::now()));
        assert!(!recorder.status().enabled);
        assert!(!path.exists());
    }
}
