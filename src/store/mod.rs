//! What people asked and what they got, kept in SQLite so moderators can see what the
//! documents leave unanswered. Knows nothing of Discord: the bot hands it plain records.
//!
//! - `Store`: one connection to the file, schema migrations (`rusqlite_migration`), WAL; a file
//!   that is not a database is moved aside, never overwritten.
//! - `Recorder` (`writer.rs`): the one writer, a thread fed by a bounded queue, so recording
//!   never delays an answer; when the store cannot be written, answers keep flowing, the
//!   failure is logged once with the file named, and dropped records are counted.
//! - `report.rs`: what `luopan stats`, `gaps` and `export` show.
//!
//! Server, channel and user ids are never written: only keyed hashes of them, whose key comes
//! from the settings (`store.key`, best from `LUOPAN__STORE__KEY`) and is never stored.

mod gaps;
mod ids;
mod report;
mod vote;
mod writer;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OptionalExtension, params};
use rusqlite_migration::{M, Migrations};

pub use gaps::{Gap, gaps};
pub use ids::IdHasher;
pub use report::{AnswerRow, Day, Stats, export_csv, export_jsonl, parse_day, stats};
pub use vote::{Reason, Vote};
pub use writer::{Recorder, StoreStatus};

/// The days `stats` and `gaps` look back when not told, and the most they look back.
pub const DEFAULT_DAYS: u32 = 30;
pub const MAX_DAYS: u32 = 3650;

/// Where the store is and how long it keeps what it records. The key never shows in `Debug`.
#[derive(Clone, PartialEq)]
pub struct StoreSettings {
    pub enabled: bool,
    pub path: PathBuf,
    pub retention: Duration,
    /// The key of the hashes of ids; empty for one made up per process (hashes then do not
    /// link across restarts).
    pub key: String,
}

impl std::fmt::Debug for StoreSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreSettings")
            .field("enabled", &self.enabled)
            .field("path", &self.path)
            .field("retention", &self.retention)
            .field(
                "key",
                &if self.key.is_empty() {
                    "(none)"
                } else {
                    "(set)"
                },
            )
            .finish()
    }
}

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {}: {reason}", crate::text::shown_path(path))]
    Open { path: PathBuf, reason: String },
    /// Opened to be read: there is no store yet, or it has no schema yet (nothing recorded).
    #[error("store {}: nothing recorded yet", crate::text::shown_path(path))]
    Empty { path: PathBuf },
    #[error(
        "store {}: {}",
        crate::text::shown_path(path),
        sql_reason(source, path)
    )]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// The schema, one migration a step; the database's `user_version` says which have run.
const MIGRATIONS: &[M<'static>] = &[
    M::up(
        "CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        answer_key TEXT,
        guild TEXT,
        channel TEXT,
        user TEXT,
        locale TEXT,
        lang TEXT NOT NULL,
        command TEXT NOT NULL,
        part TEXT,
        question TEXT NOT NULL,
        corpus_version TEXT NOT NULL,
        outcome TEXT NOT NULL,
        latency_ms REAL NOT NULL
    );
    -- Covers what `stats` reads, so it never touches the wide rows.
    CREATE INDEX answers_stats ON answers(at, outcome, latency_ms, lang, part);
    CREATE INDEX answers_key ON answers(answer_key);
    CREATE TABLE citations (
        answer INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        passage TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (answer, n)
    ) WITHOUT ROWID;",
    ),
    // One vote per user per answer (both hashed); voting again replaces it.
    M::up(
        "CREATE TABLE votes (
        answer_key TEXT NOT NULL,
        user TEXT NOT NULL,
        at INTEGER NOT NULL,
        vote INTEGER NOT NULL,
        reason TEXT,
        PRIMARY KEY (answer_key, user)
    ) WITHOUT ROWID;
    CREATE INDEX votes_at ON votes(at);",
    ),
];

/// What the writer writes: an answer or a vote on one.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Answer(Box<Record>),
    Vote(Vote),
}

/// One answer as recorded: ids already hashed.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub at: SystemTime,
    /// A keyed hash of the interaction or message id, to find the answer again (votes).
    pub answer_key: Option<String>,
    pub guild: Option<String>,
    pub channel: Option<String>,
    pub user: Option<String>,
    pub locale: Option<String>,
    pub lang: String,
    /// `ask`, `mention`, or the case command's name.
    pub command: String,
    pub case: Option<String>,
    pub question: String,
    pub corpus_version: String,
    /// `found`, `not_found`, `refused` or `failed`.
    pub outcome: String,
    /// Passage ids with their scores, in the order cited.
    pub citations: Vec<(String, f32)>,
    pub latency: Duration,
}

/// An open store.
pub struct Store {
    connection: Connection,
    path: PathBuf,
    /// Whether it has the votes table: a store the bot made before votes, opened read-only
    /// (never migrated), has none, and reads as one without votes.
    votes: bool,
}

fn unix(at: SystemTime) -> i64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Store {
    /// Opens (creating it and its folder when missing) and migrates the store at `path`. A
    /// file that is not a database is moved aside (`NAME.corrupt-TIME`) and a new one made.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        match Store::open_once(path) {
            Err(StoreError::Sql { source, .. }) if is_not_a_database(&source) => {
                let aside = path.with_file_name(format!(
                    "{}.corrupt-{}",
                    path.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    unix(SystemTime::now())
                ));
                std::fs::rename(path, &aside).map_err(|e| StoreError::Open {
                    path: path.to_path_buf(),
                    reason: format!("not a database, and it cannot be moved aside: {e}"),
                })?;
                tracing::warn!(
                    file = %crate::text::shown_path(path),
                    moved_to = %crate::text::shown_path(&aside),
                    "the store was not a database; it was moved aside and a new one made"
                );
                Store::open_once(path)
            }
            other => other,
        }
    }

    fn open_once(path: &Path) -> Result<Store, StoreError> {
        let sql = |source| StoreError::Sql {
            path: path.to_path_buf(),
            source,
        };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                reason: format!("its folder cannot be made: {e}"),
            })?;
        }
        let mut connection = Connection::open(path).map_err(sql)?;
        connection
            .busy_timeout(Duration::from_secs(2))
            .map_err(sql)?;
        connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(sql)?;
        connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut connection)
            .map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => sql(err),
                other => StoreError::Open {
                    path: path.to_path_buf(),
                    reason: other.to_string(),
                },
            })?;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
            votes: true,
        })
    }

    /// Opens an existing store to read it, as `luopan stats` does: never creates, migrates or
    /// moves anything (the bot's writer alone does).
    pub fn open_to_read(path: &Path) -> Result<Store, StoreError> {
        let sql = |source| StoreError::Sql {
            path: path.to_path_buf(),
            source,
        };
        if !path.exists() {
            return Err(StoreError::Empty {
                path: path.to_path_buf(),
            });
        }
        let connection = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        connection
            .busy_timeout(Duration::from_secs(2))
            .map_err(sql)?;
        let version: i64 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sql)?;
        if version < 1 {
            return Err(StoreError::Empty {
                path: path.to_path_buf(),
            });
        }
        let votes = connection
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'votes'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map_err(sql)?
            > 0;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
            votes,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            source,
        }
    }

    /// Writes answers in one transaction.
    pub fn write(&mut self, records: &[Record]) -> Result<(), StoreError> {
        let entries: Vec<Entry> = records
            .iter()
            .map(|r| Entry::Answer(Box::new(r.clone())))
            .collect();
        self.write_entries(&entries)
    }

    /// Writes answers and votes in one transaction; a vote replaces the same user's vote on
    /// the same answer.
    pub fn write_entries(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let transaction = self.connection.transaction().map_err(sql)?;
        {
            let mut answer = transaction
                .prepare_cached(
                    "INSERT INTO answers (at, answer_key, guild, channel, user, locale, lang,
                     command, part, question, corpus_version, outcome, latency_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(sql)?;
            let mut citation = transaction
                .prepare_cached(
                    "INSERT INTO citations (answer, n, passage, score) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(sql)?;
            let mut vote = transaction
                .prepare_cached(
                    "INSERT INTO votes (answer_key, user, at, vote, reason)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (answer_key, user) DO UPDATE
                     SET at = excluded.at, vote = excluded.vote, reason = excluded.reason",
                )
                .map_err(sql)?;
            for entry in entries {
                let record = match entry {
                    Entry::Answer(record) => record,
                    Entry::Vote(v) => {
                        vote.execute(params![
                            v.answer_key,
                            v.user,
                            unix(v.at),
                            if v.up { 1 } else { -1 },
                            v.reason.map(Reason::label),
                        ])
                        .map_err(sql)?;
                        continue;
                    }
                };
                answer
                    .execute(params![
                        unix(record.at),
                        record.answer_key,
                        record.guild,
                        record.channel,
                        record.user,
                        record.locale,
                        record.lang,
                        record.command,
                        record.case,
                        record.question,
                        record.corpus_version,
                        record.outcome,
                        record.latency.as_secs_f64() * 1000.0,
                    ])
                    .map_err(sql)?;
                let id = transaction.last_insert_rowid();
                for (n, (passage, score)) in record.citations.iter().enumerate() {
                    citation
                        .execute(params![id, n as i64 + 1, passage, *score as f64])
                        .map_err(sql)?;
                }
            }
        }
        transaction.commit().map_err(sql)
    }

    /// Removes answers and votes older than `retention`; the number of answers removed.
    pub fn purge(&self, retention: Duration) -> Result<usize, StoreError> {
        let cutoff = unix(SystemTime::now()) - retention.as_secs() as i64;
        self.connection
            .execute("DELETE FROM votes WHERE at < ?1", params![cutoff])
            .map_err(|e| self.sql(e))?;
        self.connection
            .execute("DELETE FROM answers WHERE at < ?1", params![cutoff])
            .map_err(|e| self.sql(e))
    }

    /// The votes on the answer recorded under `answer_key`: (up, down).
    pub fn votes_on(&self, answer_key: &str) -> Result<(u64, u64), StoreError> {
        self.connection
            .query_row(
                "SELECT COALESCE(SUM(vote > 0), 0), COALESCE(SUM(vote < 0), 0) FROM votes
                 WHERE answer_key = ?1",
                params![answer_key],
                |row| Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64)),
            )
            .map_err(|e| self.sql(e))
    }

    /// How many answers are recorded.
    pub fn len(&self) -> Result<u64, StoreError> {
        self.connection
            .query_row("SELECT COUNT(*) FROM answers", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| self.sql(e))
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// The newest answer recorded under a key, if any.
    pub fn answer_by_key(&self, key: &str) -> Result<Option<i64>, StoreError> {
        self.connection
            .query_row(
                "SELECT id FROM answers WHERE answer_key = ?1 ORDER BY id DESC LIMIT 1",
                params![key],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.connection
    }

    /// Whether the store has votes to read (see `votes`).
    pub(crate) fn has_votes(&self) -> bool {
        self.votes
    }
}

/// SQLite's message without the file's full path (it names the file it could not open).
fn sql_reason(source: &rusqlite::Error, path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut reason = source.to_string();
    for full in [Some(path.to_path_buf()), std::path::absolute(path).ok()]
        .into_iter()
        .flatten()
    {
        reason = reason.replace(&full.display().to_string(), &name);
    }
    reason
}

fn is_not_a_database(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

#[cfg(test)]
pub(crate) fn sample(question: &str, outcome: &str, at: SystemTime) -> Record {
    Record {
        at,
        answer_key: Some(format!("key-{question}")),
        guild: Some("g".into()),
        channel: Some("c".into()),
        user: Some("u".into()),
        locale: Some("zh-CN".into()),
        lang: "zh".into(),
        command: "ask".into(),
        case: None,
        question: question.into(),
        corpus_version: "v1".into(),
        outcome: outcome.into(),
        citations: vec![("p1".into(), 0.9), ("p2".into(), 0.5)],
        latency: Duration::from_millis(3),
    }
}

/// A store in a temporary folder holding `records`, for tests of what reads it.
#[cfg(test)]
pub(crate) fn store_with(records: &[Record]) -> (tempfile::TempDir, Store) {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("s.sqlite3")).unwrap();
    store.write(records).unwrap();
    (folder, store)
}

/// A vote cast now, for tests.
#[cfg(test)]
pub(crate) fn vote(key: &str, user: &str, up: bool, reason: Option<Reason>) -> Entry {
    Entry::Vote(Vote {
        at: SystemTime::now(),
        answer_key: key.into(),
        user: user.into(),
        up,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citations(store: &Store) -> i64 {
        store
            .connection()
            .query_row("SELECT COUNT(*) FROM citations", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn records_are_written_with_their_citations_and_read_back() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("deeper/store.sqlite3");
        let mut store = Store::open(&path).unwrap();
        store
            .write(&[sample("气候合作", "found", SystemTime::now())])
            .unwrap();
        assert_eq!(store.len().unwrap(), 1);
        let cited = citations(&store);
        assert_eq!(cited, 2);
        assert!(store.answer_by_key("key-气候合作").unwrap().is_some());
        // Opened again, the schema is not made twice.
        drop(store);
        assert_eq!(Store::open(&path).unwrap().len().unwrap(), 1);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_moved_aside_not_overwritten() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("store.sqlite3");
        let junk = vec![0x5au8; 8192];
        std::fs::write(&path, &junk).unwrap();
        let store = Store::open(&path).unwrap();
        assert!(store.is_empty().unwrap());
        let aside: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(std::fs::read(aside[0].path()).unwrap(), junk);
    }

    #[test]
    fn old_answers_are_purged_with_their_citations() {
        let folder = tempfile::tempdir().unwrap();
        let mut store = Store::open(&folder.path().join("s.sqlite3")).unwrap();
        let old = SystemTime::now() - Duration::from_secs(200 * 86_400);
        store
            .write(&[
                sample("旧问题", "found", old),
                sample("新问题", "found", SystemTime::now()),
            ])
            .unwrap();
        assert_eq!(store.purge(Duration::from_secs(180 * 86_400)).unwrap(), 1);
        assert_eq!(store.len().unwrap(), 1);
        let cited = citations(&store);
        assert_eq!(cited, 2);
    }

    #[test]
    fn a_store_made_before_votes_reads_as_one_without_votes() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("old.sqlite3");
        let mut connection = Connection::open(&path).unwrap();
        Migrations::from_slice(&MIGRATIONS[..1])
            .to_latest(&mut connection)
            .unwrap();
        drop(connection);
        let mut old = Store::open_to_read(&path).unwrap();
        assert!(!old.has_votes());
        let figures = stats(&old, 30).unwrap();
        assert_eq!((figures.up, figures.down), (0, 0));
        gaps(&old, 30).unwrap();
        report::answers_since(&old, SystemTime::UNIX_EPOCH).unwrap();
        // Read as if it had votes, it would fail: the check is what keeps it readable.
        old.votes = true;
        assert!(stats(&old, 30).is_err());
        // The writer migrates it when it opens it.
        drop(old);
        drop(Store::open(&path).unwrap());
        assert!(Store::open_to_read(&path).unwrap().has_votes());
    }
}
