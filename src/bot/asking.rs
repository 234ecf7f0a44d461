//! Asking the engine for the bot: a question answered from the snapshot a request took, on
//! the blocking pool, then recorded once, in the metrics and in the store (ids hashed, mention
//! markup without its ids).

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use serenity::all::{CommandInteraction, Message};

use crate::answer::Answer;
use crate::engine::Snapshot;
use crate::metrics::{self, Outcome};
use crate::question::{AskError, Question};
use crate::store::Record;

use super::handler::{Bot, PAGES, PER_PAGE};

/// Who asked, where and how: for the metrics and the store.
pub(super) struct Asker {
    /// `ask` or `mention`.
    via: &'static str,
    /// The interaction or message id.
    key: u64,
    guild: Option<u64>,
    channel: u64,
    user: u64,
    locale: Option<String>,
}

impl Asker {
    pub(super) fn of_command(command: &CommandInteraction) -> Asker {
        Asker {
            via: "ask",
            key: command.id.get(),
            guild: command.guild_id.map(|g| g.get()),
            channel: command.channel_id.get(),
            user: command.user.id.get(),
            locale: Some(command.locale.clone()),
        }
    }

    pub(super) fn of_message(message: &Message) -> Asker {
        Asker {
            via: "mention",
            key: message.id.get(),
            guild: message.guild_id.map(|g| g.get()),
            channel: message.channel_id.get(),
            user: message.author.id.get(),
            locale: None,
        }
    }
}

/// Answers a question from `snapshot` on the blocking pool, and records it: in the metrics,
/// and in the store with the ids hashed.
pub(super) async fn answer(
    bot: &Arc<Bot>,
    snapshot: &Arc<Snapshot>,
    question: String,
    case: Option<String>,
    asker: Asker,
) -> Result<Answer, AskError> {
    let started = Instant::now();
    let lang = match crate::question::Lang::of(&question) {
        crate::question::Lang::Zh => "zh",
        crate::question::Lang::En => "en",
    };
    let asked = question.clone();
    let result = answer_now(bot, snapshot, question, case.clone()).await;
    let took = started.elapsed();
    let outcome = match &result {
        Ok(answer) if answer.found => Outcome::Found,
        Ok(_) => Outcome::NotFound,
        Err(AskError::Search(_)) => Outcome::Failed,
        Err(_) => Outcome::Refused,
    };
    metrics::asked(asker.via, lang, outcome, took);
    let hash = |kind: &str, id: u64| bot.hasher.hash(kind, id);
    bot.recorder.record(Record {
        at: SystemTime::now(),
        answer_key: Some(hash("answer", asker.key)),
        guild: asker.guild.map(|g| hash("guild", g)),
        channel: Some(hash("channel", asker.channel)),
        user: Some(hash("user", asker.user)),
        locale: asker.locale,
        lang: lang.to_string(),
        command: asker.via.to_string(),
        case,
        question: without_discord_ids(&asked),
        corpus_version: result
            .as_ref()
            .map_or_else(|_| snapshot.version(), |a| a.corpus_version.clone()),
        outcome: outcome.label().to_string(),
        citations: result
            .as_ref()
            .map(|a| a.passages.iter().map(|p| (p.id.clone(), p.score)).collect())
            .unwrap_or_default(),
        latency: took,
    });
    result
}

pub(super) async fn answer_now(
    bot: &Arc<Bot>,
    snapshot: &Arc<Snapshot>,
    question: String,
    case: Option<String>,
) -> Result<Answer, AskError> {
    let engine = bot.engine.clone();
    let snapshot = snapshot.clone();
    let task = tokio::task::spawn_blocking(move || {
        let mut answer = engine.ask_in(
            &snapshot,
            &Question {
                text: without_discord_markup(&question),
                case,
                top_k: Some(PER_PAGE * PAGES),
            },
        )?;
        // Read without its mentions, the question shows as it was written.
        answer.question = question;
        Ok(answer)
    });
    match task.await {
        Ok(result) => result,
        Err(error) => Err(AskError::Search(crate::search::SearchError::Query {
            reason: error.to_string(),
        })),
    }
}

/// Discord's markup for a mention of a user, role or channel and for a custom emoji, each
/// with what the store keeps of it: a placeholder without the raw id (`@user`, `@role`,
/// `#channel`, `:emoji:`).
static MARKUP: std::sync::LazyLock<[(regex::Regex, &str); 5]> = std::sync::LazyLock::new(|| {
    let regex = |pattern: &str| regex::Regex::new(pattern).expect("valid pattern");
    [
        (regex(r"<@!?\d+>"), "@user"),
        (regex(r"<@&\d+>"), "@role"),
        (regex(r"<#\d+>"), "#channel"),
        (regex(r"<a?:(\w+):\d+>"), ":$1:"),
        (regex(r"@(everyone|here)\b"), "@$1"),
    ]
});

/// A question as the store keeps it: a mention's or an emoji's raw id becomes a placeholder
/// (`MARKUP`), so no raw id is ever written.
pub(super) fn without_discord_ids(question: &str) -> String {
    let mut text = question.to_string();
    for (pattern, placeholder) in MARKUP.iter() {
        text = pattern.replace_all(&text, *placeholder).into_owned();
    }
    text
}

/// A question as the engine reads it: mentions and custom emoji say nothing of what is asked
/// (`<@42> 你看，中国哪年入世的`), so they go, and so does a command typed as text before it
/// (`/ask 中美…` in a message).
pub(super) fn without_discord_markup(question: &str) -> String {
    static COMMAND: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[/!](?:ask|q|问)(?:\s+|$)").expect("valid pattern")
    });
    let mut text = question.to_string();
    for (pattern, _) in MARKUP.iter() {
        text = pattern.replace_all(&text, " ").into_owned();
    }
    COMMAND.replace(text.trim(), "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_kept_without_the_ids_in_mentions() {
        assert_eq!(
            without_discord_ids(
                "<@123456> 和 <@!42> 在 <#987> 说 <@&55> <:wave:1234> <a:dance:99>"
            ),
            "@user 和 @user 在 #channel 说 @role :wave: :dance:"
        );
        assert_eq!(without_discord_ids("中美气候合作"), "中美气候合作");
    }

    #[test]
    fn the_engine_reads_a_question_without_mentions_or_emoji() {
        assert_eq!(
            without_discord_markup("<@42> <:think:7> 中国哪年入世的 @everyone"),
            "中国哪年入世的"
        );
        assert_eq!(
            without_discord_markup("<@42> /ask 中国哪年入世的"),
            "中国哪年入世的"
        );
        assert_eq!(without_discord_markup("/asking why"), "/asking why");
    }
}
