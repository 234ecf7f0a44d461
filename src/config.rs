//! Settings, in two stages: the raw values as layered by the `config` crate (built-in defaults
//! from `config/default.toml`, then that file on disk if present, then `--config FILE`, then
//! `LUOPAN__SECTION__KEY` environment variables), then one validated `Settings`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::answer::AskSettings;
use crate::engine::EngineSettings;
use crate::search::BuildSettings;

/// The defaults, compiled in so the binary runs from any folder.
pub const DEFAULTS: &str = include_str!("../config/default.toml");

/// What is wrong with the settings.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("settings: {0}")]
    Load(#[from] config::ConfigError),
    #[error("setting {key}: {reason}")]
    Invalid { key: &'static str, reason: String },
}

#[derive(Debug, Deserialize)]
struct Raw {
    index: RawIndex,
    answer: AskSettings,
    log: RawLog,
}

#[derive(Debug, Deserialize)]
struct RawIndex {
    manifest: PathBuf,
    dir: PathBuf,
    threads: usize,
    memory_mb: usize,
}

#[derive(Debug, Deserialize)]
struct RawLog {
    level: String,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub engine: EngineSettings,
    pub log_level: String,
}

impl Settings {
    /// Loads the layered settings; `extra` is a file given with `--config`.
    pub fn load(extra: Option<&Path>) -> Result<Settings, ConfigError> {
        Settings::load_from(extra, config::Environment::with_prefix("LUOPAN"))
    }

    /// Loads with a given environment source (tests pass a map instead of the process's).
    pub fn load_from(
        extra: Option<&Path>,
        environment: config::Environment,
    ) -> Result<Settings, ConfigError> {
        let mut builder = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml))
            .add_source(config::File::with_name("config/default.toml").required(false));
        if let Some(path) = extra {
            builder = builder.add_source(config::File::from(path).required(true));
        }
        let raw: Raw = builder
            .add_source(
                environment
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true),
            )
            .build()?
            .try_deserialize()?;
        Settings::validate(raw)
    }

    fn validate(raw: Raw) -> Result<Settings, ConfigError> {
        let invalid = |key: &'static str, reason: String| Err(ConfigError::Invalid { key, reason });
        let answer = &raw.answer;
        if !(1..=25).contains(&answer.top_k) {
            return invalid(
                "answer.top_k",
                format!("{} is not between 1 and 25", answer.top_k),
            );
        }
        if answer.candidates < answer.top_k {
            return invalid("answer.candidates", "must be at least answer.top_k".into());
        }
        if !(80..=1000).contains(&answer.excerpt_chars) {
            return invalid(
                "answer.excerpt_chars",
                format!("{} is not between 80 and 1000", answer.excerpt_chars),
            );
        }
        if !(1..=5).contains(&answer.summary_sentences) {
            return invalid(
                "answer.summary_sentences",
                format!("{} is not between 1 and 5", answer.summary_sentences),
            );
        }
        if !(0.0..=1.0).contains(&answer.min_coverage) {
            return invalid(
                "answer.min_coverage",
                format!("{} is not between 0 and 1", answer.min_coverage),
            );
        }
        if answer.max_question_chars == 0 {
            return invalid("answer.max_question_chars", "must be positive".into());
        }
        if !(1..=8).contains(&raw.index.threads) {
            return invalid(
                "index.threads",
                format!("{} is not between 1 and 8", raw.index.threads),
            );
        }
        if raw.index.memory_mb < 15 * raw.index.threads {
            return invalid(
                "index.memory_mb",
                "must be at least 15 MB per indexing thread".into(),
            );
        }
        Ok(Settings {
            engine: EngineSettings {
                manifest: raw.index.manifest,
                index_dir: raw.index.dir,
                build: BuildSettings {
                    threads: raw.index.threads,
                    memory_bytes: raw.index.memory_mb * 1_000_000,
                },
                ask: raw.answer,
            },
            log_level: raw.log.level,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(env: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::load_from(
            None,
            config::Environment::with_prefix("LUOPAN").source(Some(map)),
        )
    }

    #[test]
    fn defaults_load_and_match_the_engine_defaults() {
        let settings = load(&[]).unwrap();
        assert_eq!(settings.engine.ask, AskSettings::default());
        assert_eq!(settings.engine.manifest, PathBuf::from("index/corpus.toml"));
    }

    #[test]
    fn environment_variables_override_keys() {
        let settings = load(&[
            ("LUOPAN__ANSWER__TOP_K", "3"),
            ("LUOPAN__INDEX__DIR", "/tmp/x"),
        ])
        .unwrap();
        assert_eq!(settings.engine.ask.top_k, 3);
        assert_eq!(settings.engine.index_dir, PathBuf::from("/tmp/x"));
    }

    #[test]
    fn out_of_range_values_name_the_key() {
        let error = load(&[("LUOPAN__ANSWER__TOP_K", "0")]).unwrap_err();
        assert!(error.to_string().contains("answer.top_k"), "{error}");
        let error = load(&[("LUOPAN__INDEX__MEMORY_MB", "10")]).unwrap_err();
        assert!(error.to_string().contains("index.memory_mb"), "{error}");
    }
}
