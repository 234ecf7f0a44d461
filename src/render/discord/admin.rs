//! Moderators' and refusals' messages in Discord: how a question is read and ranked, the
//! corpus status, what a reload did or why it failed, and the short reasons a question or a
//! command is refused. Engine errors become user-facing words here, at the edge: a file's name
//! and the reason, never a path of the machine.

use std::time::{Duration, SystemTime};

use crate::answer::Explanation;
use crate::corpus::CorpusError;
use crate::corpus::taught::Link;
use crate::engine::{EngineError, ReloadReport};
use crate::question::AskError;
use crate::render::lang::Lang;
use crate::render::relevance_line;

use super::{Embed, Field, Reply, escape};

/// One reload, for `/corpus status`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReloadRecord {
    pub at: SystemTime,
    /// Who asked for it, as a mention (shown, never pinged).
    pub by: String,
    pub elapsed: Duration,
    pub outcome: String,
}

/// What `/corpus status` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub version: String,
    /// Each document's short name and passage count.
    pub documents: Vec<(String, usize)>,
    pub passages: usize,
    pub serving_since: SystemTime,
    pub started: SystemTime,
    pub last_reload: Option<ReloadRecord>,
    pub store: crate::store::StoreStatus,
    /// Taught links indexed, and those whose passage is gone.
    pub taught: usize,
    pub stale_taught: Vec<Link>,
}

/// Stale taught links named in a message at most (the count says how many there are).
const STALE_LINKS_SHOWN: usize = 10;

/// The warning that taught links point at passages no longer in the corpus; `None` when none
/// do.
pub fn stale_links(stale: &[Link], lang: Lang) -> Option<String> {
    if stale.is_empty() {
        return None;
    }
    let links: Vec<String> = stale
        .iter()
        .take(STALE_LINKS_SHOWN)
        .map(|l| format!("“{}” → {}", escape(&l.question), escape(&l.passage)))
        .collect();
    Some(
        lang.words()
            .stale_links
            .replace("{count}", &stale.len().to_string())
            .replace("{links}", &links.join("; ")),
    )
}

/// For moderators: how a question is read and the parts of each top passage's score.
pub fn explanation(e: &Explanation, version: &str, lang: Lang) -> Reply {
    let mut reading = Vec::new();
    if let Some(understood) = crate::render::renderings(&e.understood) {
        reading.push(format!("understood: {understood}"));
    }
    reading.push(format!("searched: {}", e.normalized));
    let words: Vec<String> = e
        .words
        .iter()
        .map(|(w, idf)| format!("{w} {idf:.2}"))
        .collect();
    reading.push(format!("words: {}", words.join(" · ")));
    if !e.expansions.is_empty() {
        reading.push(format!("synonyms: {}", e.expansions.join(" · ")));
    }
    if let Some(related) = crate::render::related_line(e) {
        reading.push(format!("related: {related}"));
    }
    let hints = crate::render::hints(e);
    if !hints.is_empty() {
        reading.push(format!("hints: {}", hints.join(" · ")));
    }
    reading.push(format!("answers: {}", relevance_line(e)));
    reading.push(e.weights.formula());
    let fields = e
        .passages
        .iter()
        .map(|p| {
            let page = p.page.map(|n| format!(" p.{n}")).unwrap_or_default();
            let matched: Vec<String> = p
                .matched
                .iter()
                .map(|(t, w)| format!("{t} {w:.3}"))
                .collect();
            Field {
                name: format!(
                    "{}. {:.3} = BM25 {:.1} · cov {:.2} · span {:.2}{} · hints {:+.2} · {}{page}",
                    p.rank,
                    p.score,
                    p.bm25,
                    p.coverage,
                    p.best_sentence,
                    crate::render::terminal::taught(p.taught),
                    p.bonus,
                    p.case
                ),
                value: format!(
                    "`{}` {}\n{}",
                    p.id.replace('`', ""),
                    escape(&matched.join(" · ")),
                    escape(&p.opening)
                ),
                inline: false,
            }
        })
        .collect();
    Reply {
        ephemeral: true,
        ..Embed {
            title: Some(format!(
                "{}：{}",
                lang.words().question,
                escape(&e.question)
            )),
            description: Some(escape(&reading.join("\n"))),
            fields,
            ..Embed::default()
        }
        .card(version, lang)
    }
    .fit()
}

/// The corpus status, only for the moderator who asked.
pub fn status(status: &Status, lang: Lang) -> Reply {
    let since = |time: SystemTime| {
        time.duration_since(SystemTime::UNIX_EPOCH)
            .map_or(String::new(), |d| format!("<t:{}:R>", d.as_secs()))
    };
    let documents: Vec<String> = status
        .documents
        .iter()
        .map(|(short, passages)| format!("{short}（{passages}）"))
        .collect();
    let mut lines = vec![
        format!("**{}** {}", lang.words().corpus_version, status.version),
        format!("{} · {} passages", documents.join(" · "), status.passages),
        format!("serving since {}", since(status.serving_since)),
        format!("bot up since {}", since(status.started)),
    ];
    match &status.last_reload {
        Some(record) => lines.push(format!(
            "last reload {} by {}, {} ms: {}",
            since(record.at),
            record.by,
            record.elapsed.as_millis(),
            record.outcome
        )),
        None => lines.push("no reload since start".into()),
    }
    let store = &status.store;
    lines.push(match (&store.failing, store.enabled) {
        (_, false) => "store: off (nothing is recorded)".to_string(),
        (None, true) => format!(
            "store {}: {} answers recorded since start, {} dropped",
            store.file, store.recorded, store.dropped
        ),
        (Some(reason), true) => format!(
            "store {}: cannot be written ({reason}); {} recorded, {} dropped since start",
            store.file, store.recorded, store.dropped
        ),
    });
    lines.push(format!("taught links: {}", status.taught));
    if let Some(stale) = stale_links(&status.stale_taught, lang) {
        lines.push(stale);
    }
    Reply::text(lines.join("\n"), true)
}

/// What a reload did, for the moderator, and the outcome `/corpus status` keeps.
pub fn reloaded(report: &ReloadReport, lang: Lang) -> (Reply, String) {
    let words = lang.words();
    let template = if report.rebuilt {
        words.reloaded
    } else {
        words.unchanged
    };
    let mut text = template
        .replace("{documents}", &report.documents.to_string())
        .replace("{passages}", &report.passages.to_string())
        .replace("{ms}", &report.elapsed.as_millis().to_string())
        .replace("{version}", &report.corpus_version);
    for warning in &report.warnings {
        text.push_str(&format!("\n⚠ {warning}"));
    }
    if let Some(stale) = stale_links(&report.stale_taught, lang) {
        text.push_str(&format!("\n{stale}"));
    }
    let outcome = format!("ok, version {}", report.corpus_version);
    (Reply::text(text, true), outcome)
}

/// Why a reload failed, for the moderator (the version still serving, the file and the reason),
/// and the outcome `/corpus status` keeps.
pub fn reload_failed(error: &EngineError, serving: &str, lang: Lang) -> (Reply, String) {
    let (file, reason) = describe_failure(error);
    let text = lang
        .words()
        .reload_failed
        .replace("{version}", serving)
        .replace("{file}", &file)
        .replace("{reason}", &reason);
    (Reply::text(text, true), format!("failed: {file}: {reason}"))
}

/// The file name and a short reason for a corpus that failed to load; never a full path.
pub fn describe_failure(error: &EngineError) -> (String, String) {
    let file = |path: &std::path::Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    match error {
        EngineError::Corpus(error) => {
            let reason = match error {
                CorpusError::Unwritable { source, .. } => match source.kind() {
                    std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::ReadOnlyFilesystem => {
                        "the file cannot be written here (read-only)".to_string()
                    }
                    _ => "the file cannot be written".to_string(),
                },
                CorpusError::Unreadable { source, .. } => match source.kind() {
                    std::io::ErrorKind::NotFound => "the file is missing".to_string(),
                    std::io::ErrorKind::PermissionDenied => {
                        "the file cannot be read (permissions)".to_string()
                    }
                    _ => "the file cannot be read".to_string(),
                },
                CorpusError::NotUtf8 { offset, .. } => {
                    format!("not UTF-8 text (invalid bytes at offset {offset})")
                }
                CorpusError::Empty { .. } => "the file is empty".to_string(),
                CorpusError::Manifest { reason, .. } | CorpusError::Structure { reason, .. } => {
                    reason.clone()
                }
            };
            (file(error.path()), reason)
        }
        EngineError::Synonyms(error) => {
            let name = match error.line {
                Some(line) => format!("{}, line {line}", file(&error.path)),
                None => file(&error.path),
            };
            (name, error.reason.clone())
        }
        EngineError::NoSuchPassage { passage } => (
            "the corpus".to_string(),
            format!("it has no passage {passage}"),
        ),
        EngineError::EmptyQuestion => (
            "the question".to_string(),
            "a taught question must have words".to_string(),
        ),
        EngineError::ReadOnly { dir } => (
            file(dir),
            "the folder cannot be written here (read-only), so the index cannot be rebuilt"
                .to_string(),
        ),
        other => {
            tracing::error!(error = %other, "reload failed");
            (
                "the index".to_string(),
                "it could not be written; see the bot's log".to_string(),
            )
        }
    }
}

/// The message for a question the engine refused or could not answer.
pub fn ask_error(error: &AskError, lang: Lang) -> Reply {
    let words = lang.words();
    let text = match error {
        AskError::Empty => words.empty_question.to_string(),
        AskError::TooLong { chars, max } => words
            .too_long
            .replace("{chars}", &chars.to_string())
            .replace("{max}", &max.to_string()),
        AskError::NoWords => words.no_words.to_string(),
        AskError::UnknownCase(case) => return unknown_case(case, lang),
        AskError::Search(error @ crate::search::SearchError::Damaged { .. }) => {
            tracing::error!(%error, "search failed");
            words.damaged.to_string()
        }
        AskError::Search(error) => {
            tracing::error!(%error, "search failed");
            words.failed.to_string()
        }
    };
    Reply::text(text, true)
}

/// A case (or command) this corpus does not have.
pub fn unknown_case(case: &str, lang: Lang) -> Reply {
    Reply::text(lang.words().unknown_case.replace("{case}", case), true)
}

/// A question asked too soon after the last: how long to wait.
pub fn cooldown(wait: Duration, lang: Lang, ephemeral: bool) -> Reply {
    let seconds = wait.as_secs().max(1).to_string();
    Reply::text(
        lang.words().cooldown.replace("{seconds}", &seconds),
        ephemeral,
    )
}

/// Something went wrong that the user cannot fix.
pub fn failed(lang: Lang) -> Reply {
    Reply::text(lang.words().failed, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::synonyms::SynonymsError;

    #[test]
    fn a_broken_synonyms_file_is_named_with_its_line_not_blamed_on_the_index() {
        let error = EngineError::Synonyms(SynonymsError {
            path: "/srv/luopan/index/synonyms.toml".into(),
            line: Some(7),
            reason: "invalid type: integer `3`, expected a sequence".into(),
        });
        let (file, reason) = describe_failure(&error);
        assert_eq!(file, "synonyms.toml, line 7");
        assert!(reason.contains("expected a sequence"), "{reason}");
        let (reply, outcome) = reload_failed(&error, "2020-11 · 1234abcd", Lang::Zh);
        let text = reply.content.unwrap_or_default();
        assert!(
            text.contains("synonyms.toml, line 7") && !text.contains("/srv"),
            "{text}"
        );
        assert!(outcome.starts_with("failed: synonyms.toml"), "{outcome}");
    }

    #[test]
    fn a_reload_report_shows_its_warnings() {
        let report = ReloadReport {
            rebuilt: true,
            corpus_version: "v".into(),
            documents: 2,
            passages: 130,
            elapsed: Duration::from_millis(40),
            warnings: vec!["userdict.txt, line 3: not UTF-8 text; the line is skipped".into()],
            taught: 1,
            stale_taught: vec![Link {
                question: "谁先提出的".into(),
                passage: "report-gone".into(),
                added: None,
            }],
        };
        let (reply, _) = reloaded(&report, Lang::En);
        let text = reply.content.unwrap_or_default();
        assert!(text.contains("userdict.txt, line 3"), "{text}");
        assert!(
            text.contains("1 taught links point at passages no longer in the corpus: “谁先提出的” → report-gone"),
            "{text}"
        );
    }
}
