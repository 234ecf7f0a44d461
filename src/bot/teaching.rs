//! `/corpus teach question passage`: a moderator links a question to the passage that answers
//! it, named by its citation number in the channel's last answer or by its id. The engine adds
//! the link to the taught file and rebuilds the index with it, so the question and its
//! paraphrases find the passage; the reply says what was linked, or why nothing changed.

use std::sync::Arc;
use std::time::Instant;

use serenity::all::{
    CommandInteraction, Context, CreateInteractionResponse, CreateInteractionResponseMessage,
};

use crate::engine::{EngineError, Taught};
use crate::render::discord::{Reply, admin, escape};
use crate::render::lang::Lang;

use super::handler::{Bot, PAGES, PER_PAGE};

/// How much of the linked passage's opening the reply shows.
const OPENING_CHARS: usize = 60;

/// The passage a moderator named: a citation number of the channel's last answer, or an id
/// (as `explain` and the Source buttons show it, backticks and brackets allowed around it).
/// A number no recent answer cites is returned as the error.
fn resolve(bot: &Bot, channel: u64, named: &str) -> Result<String, usize> {
    let named = named.trim().trim_matches(['`', '[', ']', '(', ')', ' ']);
    if let Ok(n) = named.parse::<usize>() {
        return match (n <= PER_PAGE * PAGES).then(|| bot.recent.cited(channel, n)) {
            Some(Some(id)) => Ok(id),
            _ => Err(n),
        };
    }
    Ok(named.to_string())
}

pub(super) async fn teach(
    bot: &Arc<Bot>,
    ctx: &Context,
    command: &CommandInteraction,
    question: &str,
    named: &str,
    lang: Lang,
) {
    let words = lang.words();
    let passage = match resolve(bot, command.channel_id.get(), named) {
        Ok(passage) => passage,
        Err(n) => {
            let reply = Reply::text(words.no_recent_answer.replace("{n}", &n.to_string()), true);
            return super::handler::respond(ctx, command, &reply).await;
        }
    };
    // Teaching rebuilds the index: acknowledge now, report when done.
    let defer =
        CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new().ephemeral(true));
    if let Err(error) = command.create_response(&ctx.http, defer).await {
        tracing::warn!(%error, "cannot defer a teach");
        return;
    }
    let started = Instant::now();
    let engine = bot.engine.clone();
    // A mention in the question keeps no raw id in the file.
    let question = super::asking::without_discord_ids(question.trim());
    let (asked, linked) = (question.clone(), passage.clone());
    let result = tokio::task::spawn_blocking(move || engine.teach(&asked, &linked)).await;
    let mut rebuilt = false;
    let (reply, outcome) = match result {
        Ok(Ok(taught)) => {
            let report = &taught.reload;
            rebuilt = report.rebuilt;
            let done = if rebuilt { "rebuilt" } else { "unchanged" };
            crate::metrics::reloaded(done, report.passages);
            if taught.added {
                metrics::counter!("luopan_taught_total").increment(1);
            }
            let text = linked_text(bot, &taught, &question, &passage, lang);
            (
                Reply::text(text, true),
                format!("taught, version {}", report.corpus_version),
            )
        }
        Ok(Err(EngineError::NoSuchPassage { passage })) => (
            Reply::text(
                words
                    .no_such_passage
                    .replace("{passage}", &escape(&passage)),
                true,
            ),
            "teach refused: no such passage".to_string(),
        ),
        Ok(Err(error)) => {
            crate::metrics::reloaded("failed", 0);
            let (file, reason) = admin::describe_failure(&error);
            let text = words
                .teach_failed
                .replace("{reason}", &format!("{file}: {reason}"));
            (
                Reply::text(text, true),
                format!("teach failed: {file}: {reason}"),
            )
        }
        Err(error) => {
            crate::metrics::reloaded("failed", 0);
            tracing::error!(%error, "the teach task failed");
            (admin::failed(lang), "failed".to_string())
        }
    };
    // Teaching reloads the whole corpus: it ends as a reload does.
    super::handler::reloaded(bot, ctx, command, &reply, outcome, started, rebuilt).await;
}

/// What was linked: the question, where the passage is and how it opens (so that a wrong
/// number shows at once), how many links there are, and any whose passage is gone.
fn linked_text(bot: &Bot, taught: &Taught, question: &str, passage: &str, lang: Lang) -> String {
    let words = lang.words();
    let snapshot = bot.engine.snapshot();
    let (source, opening) = match snapshot.index.passage(passage) {
        Ok(Some(p)) => {
            let part = snapshot
                .catalog
                .part(&p.part)
                .map_or(p.part.clone(), |part| part.title.clone());
            let source = match p.page {
                Some(page) => format!("{part} · {}", words.page.replace("{}", &page.to_string())),
                None => part,
            };
            (source, crate::text::truncate_chars(&p.text, OPENING_CHARS))
        }
        _ => (passage.to_string(), String::new()),
    };
    let template = if taught.added {
        words.taught
    } else {
        words.already_taught
    };
    let mut text = template
        .replace("{question}", &escape(question))
        .replace("{source}", &escape(&source))
        .replace("{passage}", passage)
        .replace("{opening}", &escape(&opening))
        .replace("{count}", &taught.reload.taught.to_string());
    if let Some(stale) = admin::stale_links(&taught.reload.stale_taught, lang) {
        text.push_str(&format!("\n{stale}"));
    }
    text
}
