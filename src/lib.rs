//! luopan: answers questions about a report on US–China strategic cooperation, with citations.
//!
//! The pipeline, one folder a stage, each handing plain typed data to the next:
//! `corpus` (documents → cleaned, structured passages) → `search` (the tantivy index with a
//! jieba analyzer) → `question` (a question read once: `Reading`, typed `Term`s) → `rank`
//! (candidates scored by one table of `Weights`: `ScoredPassage`s and the found / not found
//! decision) → `answer` (cited excerpts, summary, explanation). `catalog` is what is built with
//! the index (digests, lessons, timelines); `engine` is the façade that serves all of it from
//! snapshots swapped atomically; `render` turns answers into terminal text, JSON or Discord
//! replies; `bot` is the only part that knows Discord; `eval` scores answers against questions
//! with gold spans, and `config` loads the settings.

pub mod answer;
pub mod bot;
pub mod catalog;
pub mod config;
pub mod corpus;
pub mod engine;
pub mod eval;
pub mod logging;
pub mod metrics;
pub mod process;
pub mod question;
pub mod rank;
pub mod render;
pub mod search;
pub mod store;
pub mod text;

pub use answer::{Answer, AskSettings};
pub use engine::{Engine, EngineError, EngineSettings, ReloadReport, Snapshot};
pub use question::{AskError, Lang, Question};
