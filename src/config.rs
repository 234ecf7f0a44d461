//! Settings, in two stages: the raw values as layered by the `config` crate (built-in defaults
//! from `config/default.toml`, then that file on disk if present, then `--config FILE`, then
//! `LUOPAN__SECTION__KEY` environment variables), then one validated `Settings`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::answer::AskSettings;
use crate::engine::EngineSettings;
use crate::rank::Weights;
use crate::search::BuildSettings;
use crate::store::StoreSettings;

/// The defaults, compiled in so the binary runs from any folder.
pub const DEFAULTS: &str = include_str!("../config/default.toml");

/// What is wrong with the settings.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("settings: {0}")]
    Load(#[from] config::ConfigError),
    #[error("setting {key}: {reason}")]
    Invalid { key: &'static str, reason: String },
    #[error("setting rank.{key}: {reason}")]
    Rank { key: String, reason: String },
}

#[derive(Debug, Deserialize)]
struct Raw {
    index: RawIndex,
    answer: AskSettings,
    #[serde(default)]
    rank: Weights,
    log: RawLog,
    discord: RawDiscord,
    metrics: RawMetrics,
    store: RawStore,
}

#[derive(Deserialize)]
struct RawStore {
    enabled: bool,
    path: PathBuf,
    retention_days: u64,
    key: String,
}

impl std::fmt::Debug for RawStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawStore").finish_non_exhaustive()
    }
}

#[derive(Debug, Deserialize)]
struct RawMetrics {
    listen: String,
}

#[derive(Deserialize)]
struct RawDiscord {
    token: String,
    application_id: u64,
    guild_id: u64,
    api_base: String,
    moderator_roles: Ids,
    qa_channels: Ids,
    cooldown_seconds: u64,
    shards: String,
}

/// A list of ids as a file writes it (`[1, 2]`) or as the environment gives it: `"1,2"` becomes
/// a list of strings, but a single `"1"` arrives as a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Ids {
    Many(Vec<Id>),
    One(Id),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Number(u64),
    Text(String),
}

impl Ids {
    fn into_vec(self, key: &'static str) -> Result<Vec<u64>, ConfigError> {
        let ids = match self {
            Ids::Many(ids) => ids,
            Ids::One(id) => vec![id],
        };
        ids.into_iter()
            .map(|id| match id {
                Id::Number(n) => Ok(n),
                Id::Text(text) => text.trim().parse().map_err(|_| ConfigError::Invalid {
                    key,
                    reason: format!("`{text}` is not an id"),
                }),
            })
            .collect()
    }
}

impl std::fmt::Debug for RawDiscord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawDiscord").finish_non_exhaustive()
    }
}

#[derive(Debug, Deserialize)]
struct RawIndex {
    manifest: PathBuf,
    dir: PathBuf,
    glossary: PathBuf,
    dictionary: PathBuf,
    user_dictionary: PathBuf,
    synonyms: PathBuf,
    thesaurus: PathBuf,
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
    pub discord: DiscordSettings,
    /// Where to serve metrics and the health check; `None` for nowhere.
    pub metrics: Option<std::net::SocketAddr>,
    pub store: StoreSettings,
}

/// The gateway shards one process runs: `first..=last` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shards {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl std::str::FromStr for Shards {
    type Err = String;

    /// `"0-3/8"` (shards 0 to 3 of 8) or `"5/8"` (shard 5 of 8).
    fn from_str(text: &str) -> Result<Shards, String> {
        let wrong = || format!("`{text}` is not a range of a total such as \"0-3/8\" or \"5/8\"");
        let (range, total) = text.trim().split_once('/').ok_or_else(wrong)?;
        let number = |s: &str| s.trim().parse::<u32>().map_err(|_| wrong());
        let (first, last) = match range.split_once('-') {
            Some((first, last)) => (number(first)?, number(last)?),
            None => (number(range)?, number(range)?),
        };
        let total = number(total)?;
        if first > last || last >= total {
            return Err(format!(
                "`{text}`: shards run from 0 to one less than the total, first to last"
            ));
        }
        Ok(Shards { first, last, total })
    }
}

/// The Discord bot's settings. The token never shows in `Debug` output or logs.
#[derive(Clone, PartialEq)]
pub struct DiscordSettings {
    /// Empty when neither the settings nor `DISCORD_TOKEN` give one.
    pub token: String,
    pub application_id: Option<u64>,
    pub guild_id: Option<u64>,
    pub api_base: Option<String>,
    pub moderator_roles: Vec<u64>,
    pub qa_channels: Vec<u64>,
    pub cooldown: std::time::Duration,
    /// The shards this process runs; `None` for all of those Discord recommends.
    pub shards: Option<Shards>,
}

impl std::fmt::Debug for DiscordSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordSettings")
            .field(
                "token",
                &if self.token.is_empty() {
                    "(none)"
                } else {
                    "(set)"
                },
            )
            .field("application_id", &self.application_id)
            .field("guild_id", &self.guild_id)
            .field("api_base", &self.api_base)
            .field("moderator_roles", &self.moderator_roles)
            .field("qa_channels", &self.qa_channels)
            .field("cooldown", &self.cooldown)
            .field("shards", &self.shards)
            .finish()
    }
}

impl Settings {
    /// Loads the layered settings; `extra` is a file given with `--config`.
    pub fn load(extra: Option<&Path>) -> Result<Settings, ConfigError> {
        let token = std::env::var("DISCORD_TOKEN").ok();
        let mut settings = Settings::load_from(extra, config::Environment::with_prefix("LUOPAN"))?;
        if settings.discord.token.is_empty()
            && let Some(token) = token
        {
            settings.discord.token = token.trim().to_string();
        }
        Ok(settings)
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
                    .try_parsing(true)
                    .list_separator(",")
                    .with_list_parse_key("discord.moderator_roles")
                    .with_list_parse_key("discord.qa_channels"),
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
        if let Err((key, reason)) = raw.rank.check() {
            return Err(ConfigError::Rank { key, reason });
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
        let discord = raw.discord;
        let api_base = discord.api_base.trim().trim_end_matches('/').to_string();
        if !api_base.is_empty()
            && !api_base.starts_with("http://")
            && !api_base.starts_with("https://")
        {
            return invalid(
                "discord.api_base",
                "must start with http:// or https://".into(),
            );
        }
        let shards = match discord.shards.trim() {
            "" => None,
            text => Some(
                text.parse::<Shards>()
                    .map_err(|reason| ConfigError::Invalid {
                        key: "discord.shards",
                        reason,
                    })?,
            ),
        };
        let metrics = match raw.metrics.listen.trim() {
            "" => None,
            text => Some(text.parse().map_err(|_| ConfigError::Invalid {
                key: "metrics.listen",
                reason: format!("`{text}` is not an address and port such as 127.0.0.1:9184"),
            })?),
        };
        if !(1..=36_500).contains(&raw.store.retention_days) {
            return invalid(
                "store.retention_days",
                format!("{} is not between 1 and 36500", raw.store.retention_days),
            );
        }
        if raw.store.path.as_os_str().is_empty() {
            return invalid("store.path", "must name a file".into());
        }
        let store = StoreSettings {
            enabled: raw.store.enabled,
            path: raw.store.path,
            retention: std::time::Duration::from_secs(raw.store.retention_days * 86_400),
            key: raw.store.key.trim().to_string(),
        };
        Ok(Settings {
            metrics,
            store,
            discord: DiscordSettings {
                token: discord.token.trim().to_string(),
                application_id: (discord.application_id != 0).then_some(discord.application_id),
                guild_id: (discord.guild_id != 0).then_some(discord.guild_id),
                api_base: (!api_base.is_empty()).then_some(api_base),
                moderator_roles: discord
                    .moderator_roles
                    .into_vec("discord.moderator_roles")?,
                qa_channels: discord.qa_channels.into_vec("discord.qa_channels")?,
                cooldown: std::time::Duration::from_secs(discord.cooldown_seconds),
                shards,
            },
            engine: EngineSettings {
                manifest: raw.index.manifest,
                index_dir: raw.index.dir,
                glossary: raw.index.glossary,
                dictionary: raw.index.dictionary,
                user_dictionary: raw.index.user_dictionary,
                synonyms: raw.index.synonyms,
                thesaurus: (!raw.index.thesaurus.as_os_str().is_empty())
                    .then_some(raw.index.thesaurus),
                build: BuildSettings {
                    threads: raw.index.threads,
                    memory_bytes: raw.index.memory_mb * 1_000_000,
                },
                ask: raw.answer,
                rank: raw.rank,
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
        assert_eq!(settings.engine.rank, Weights::default());
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
    fn discord_settings_come_from_the_environment_and_hide_the_token() {
        let settings = load(&[
            ("LUOPAN__DISCORD__TOKEN", "secret-token"),
            ("LUOPAN__DISCORD__GUILD_ID", "42"),
            ("LUOPAN__DISCORD__MODERATOR_ROLES", "7,8"),
            ("LUOPAN__DISCORD__API_BASE", "http://127.0.0.1:9/"),
        ])
        .unwrap();
        let discord = &settings.discord;
        assert_eq!(discord.token, "secret-token");
        assert_eq!(discord.guild_id, Some(42));
        assert_eq!(discord.application_id, None);
        assert_eq!(discord.moderator_roles, vec![7, 8]);
        let one = load(&[("LUOPAN__DISCORD__QA_CHANNELS", "9")]).unwrap();
        assert_eq!(one.discord.qa_channels, vec![9]);
        assert_eq!(discord.api_base.as_deref(), Some("http://127.0.0.1:9"));
        assert!(!format!("{settings:?}").contains("secret-token"));
    }

    #[test]
    fn out_of_range_values_name_the_key() {
        let error = load(&[("LUOPAN__ANSWER__TOP_K", "0")]).unwrap_err();
        assert!(error.to_string().contains("answer.top_k"), "{error}");
        let error = load(&[("LUOPAN__INDEX__MEMORY_MB", "10")]).unwrap_err();
        assert!(error.to_string().contains("index.memory_mb"), "{error}");
        let error = load(&[("LUOPAN__RANK__MIN_COVERAGE", "2")]).unwrap_err();
        assert!(error.to_string().contains("rank.min_coverage"), "{error}");
    }

    #[test]
    fn a_rank_weight_is_overridden_alone_and_the_others_keep_their_defaults() {
        let settings = load(&[("LUOPAN__RANK__REASON", "0.25")]).unwrap();
        assert_eq!(settings.engine.rank.reason, 0.25);
        assert_eq!(settings.engine.rank.dated, Weights::default().dated);
    }

    #[test]
    fn an_unknown_key_is_an_error_not_silently_ignored() {
        let error = load(&[("LUOPAN__ANSWER__MIN_COVERAGE", "0.3")]).unwrap_err();
        assert!(error.to_string().contains("min_coverage"), "{error}");
    }

    #[test]
    fn shards_are_a_range_of_a_total_or_all_of_them() {
        assert_eq!(load(&[]).unwrap().discord.shards, None);
        let settings = load(&[("LUOPAN__DISCORD__SHARDS", "0-3/8")]).unwrap();
        let range = Shards {
            first: 0,
            last: 3,
            total: 8,
        };
        assert_eq!(settings.discord.shards, Some(range));
        let one = "5/8".parse::<Shards>().unwrap();
        assert_eq!((one.first, one.last, one.total), (5, 5, 8));
        for wrong in ["8/8", "3-1/8", "0-3", "a-b/c", "0-3/0"] {
            let error = load(&[("LUOPAN__DISCORD__SHARDS", wrong)]).unwrap_err();
            assert!(
                error.to_string().contains("discord.shards"),
                "{wrong}: {error}"
            );
        }
    }

    #[test]
    fn metrics_listen_on_an_address_only_when_asked() {
        assert_eq!(load(&[]).unwrap().metrics, None);
        let settings = load(&[("LUOPAN__METRICS__LISTEN", "127.0.0.1:9184")]).unwrap();
        assert_eq!(settings.metrics, Some("127.0.0.1:9184".parse().unwrap()));
        let error = load(&[("LUOPAN__METRICS__LISTEN", "localhost")]).unwrap_err();
        assert!(error.to_string().contains("metrics.listen"), "{error}");
    }
}
