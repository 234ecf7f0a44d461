//! luopan: answers questions about a report on US–China strategic cooperation, with citations.
//!
//! The pipeline is `corpus` (documents → cleaned, structured passages) → `search` (the tantivy
//! index with a jieba analyzer) → `answer` (cited, extractive answers and lesson digests), behind
//! the `engine` façade; `render` turns answers into terminal text or JSON, `eval` scores answers
//! against questions with gold spans, and `config` loads the settings. Nothing here knows about
//! Discord.

pub mod answer;
pub mod bot;
pub mod config;
pub mod corpus;
pub mod engine;
pub mod eval;
pub mod process;
pub mod render;
pub mod search;
pub mod text;

pub use answer::{Answer, AskError, AskSettings, Question};
pub use engine::{Engine, EngineError, EngineSettings, ReloadReport};
