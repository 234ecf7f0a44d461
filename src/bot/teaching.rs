//! `/corpus teach question passage`: a moderator links a question to the passage that answers
//! it, named by its citation number in the channel's last answer or by its id. The engine adds
//! the link to the taught file and rebuilds the index with it, so the question and its
//! paraphrases find the passage; the reply says what was linked, or why nothing changed.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use serenity::all::{
    CommandInteraction, Context, CreateInteractionResponse, CreateInteractionResponseMessage,
};

use crate::engine::EngineError;
use crate::render::discord::{ReloadRecord, Reply, admin};
use crate::render::lang::Lang;

use super::convert;
use super::handler::{Bot, PAGES, PER_PAGE};

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
            return respond(ctx, command, &reply).await;
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
    let (asked, linked) = (question.to_string(), passage.clone());
    let result = tokio::task::spawn_blocking(move || engine.teach(&asked, &linked)).await;
    let (reply, outcome) = match result {
        Ok(Ok(report)) => {
            let snapshot = bot.engine.snapshot();
            let source = match snapshot.index.passage(&passage) {
                Ok(Some(p)) => {
                    let part = snapshot
                        .catalog
                        .part(&p.part)
                        .map_or(p.part.clone(), |part| part.title.clone());
                    match p.page {
                        Some(page) => {
                            format!("{part} · {}", words.page.replace("{}", &page.to_string()))
                        }
                        None => part,
                    }
                }
                _ => passage.clone(),
            };
            let mut text = words
                .taught
                .replace(
                    "{question}",
                    &crate::render::discord::escape(question.trim()),
                )
                .replace("{source}", &crate::render::discord::escape(&source))
                .replace("{passage}", &passage)
                .replace("{count}", &report.taught.to_string());
            if let Some(stale) = admin::stale_links(&report.stale_taught, lang) {
                text.push_str(&format!("\n{stale}"));
            }
            metrics::counter!("luopan_taught_total").increment(1);
            (
                Reply::text(text, true),
                format!("taught, version {}", report.corpus_version),
            )
        }
        Ok(Err(EngineError::NoSuchPassage { passage })) => (
            Reply::text(
                words
                    .no_such_passage
                    .replace("{passage}", &crate::render::discord::escape(&passage)),
                true,
            ),
            "teach refused: no such passage".to_string(),
        ),
        Ok(Err(error)) => {
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
            tracing::error!(%error, "the teach task failed");
            (admin::failed(lang), "failed".to_string())
        }
    };
    *bot.last_reload.lock().unwrap_or_else(|e| e.into_inner()) = Some(ReloadRecord {
        at: SystemTime::now(),
        by: format!("<@{}>", command.user.id),
        elapsed: started.elapsed(),
        outcome,
    });
    if let Err(error) = command
        .edit_response(&ctx.http, convert::edit(&reply))
        .await
    {
        tracing::warn!(%error, "cannot report a teach");
    }
}

async fn respond(ctx: &Context, command: &CommandInteraction, reply: &Reply) {
    if let Err(error) = command
        .create_response(&ctx.http, convert::response(reply))
        .await
    {
        tracing::warn!(%error, "cannot answer an interaction");
    }
}
