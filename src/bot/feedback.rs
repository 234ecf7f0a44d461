//! Votes on answers and what moderators read of the store (`/corpus stats`, `/corpus gaps`).
//! A vote is recorded under the hashes of the answer's key and the voter's id, so voting
//! again replaces the vote; the store is read on the blocking pool, through a read-only
//! connection beside the writer's.

use std::sync::Arc;
use std::time::SystemTime;

use serenity::all::{
    CommandInteraction, ComponentInteraction, ComponentInteractionDataKind, Context,
    CreateInteractionResponse, CreateInteractionResponseMessage,
};

use crate::render::discord::{Reply, feedback};
use crate::render::lang::Lang;
use crate::store::{self, Reason, Store, StoreError, Vote};

use super::convert;
use super::handler::Bot;

/// Records a 👍 or 👎 by the one who pressed it; a 👎 is answered with the picker of reasons.
pub(super) fn vote(
    bot: &Bot,
    component: &ComponentInteraction,
    answer: &str,
    up: bool,
    lang: Lang,
) -> Reply {
    if !bot.recorder.status().enabled {
        return Reply::text(lang.words().store_off, true);
    }
    let Ok(key) = answer.parse::<u64>() else {
        return Reply::text(lang.words().expired, true);
    };
    bot.recorder.vote(Vote {
        at: SystemTime::now(),
        answer_key: bot.hasher.hash("answer", key),
        user: bot.hasher.hash("user", component.user.id.get()),
        up,
        reason: None,
    });
    metrics::counter!("luopan_votes_total", "vote" => if up { "up" } else { "down" }).increment(1);
    if up {
        feedback::voted_up(lang)
    } else {
        feedback::why_down(answer, lang)
    }
}

/// Records the reason picked for a 👎 and replaces the picker with thanks.
pub(super) async fn why(
    bot: &Bot,
    ctx: &Context,
    component: &ComponentInteraction,
    answer: &str,
    lang: Lang,
) {
    let picked = match &component.data.kind {
        ComponentInteractionDataKind::StringSelect { values } => {
            values.first().and_then(|v| Reason::parse(v))
        }
        _ => None,
    };
    let reply = match (picked, answer.parse::<u64>()) {
        (Some(reason), Ok(key)) if bot.recorder.status().enabled => {
            bot.recorder.vote(Vote {
                at: SystemTime::now(),
                answer_key: bot.hasher.hash("answer", key),
                user: bot.hasher.hash("user", component.user.id.get()),
                up: false,
                reason: Some(reason),
            });
            metrics::counter!("luopan_vote_reasons_total", "reason" => reason.label()).increment(1);
            feedback::reason_noted(reason, lang)
        }
        (_, _) if !bot.recorder.status().enabled => Reply::text(lang.words().store_off, true),
        _ => Reply::text(lang.words().expired, true),
    };
    let update = CreateInteractionResponse::UpdateMessage(convert::response_message(&reply));
    if let Err(error) = component.create_response(&ctx.http, update).await {
        tracing::warn!(%error, "cannot answer a reason picked");
    }
}

/// What moderators read: the figures or the gaps of the last `days` days.
#[derive(Debug, Clone, Copy)]
pub(super) enum Report {
    Stats,
    Gaps,
}

/// Answers `/corpus stats` or `/corpus gaps`: deferred (reading many answers on a busy machine
/// may take longer than Discord waits), then read from the store on the blocking pool.
pub(super) async fn report(
    bot: &Arc<Bot>,
    ctx: &Context,
    command: &CommandInteraction,
    report: Report,
    days: u32,
    lang: Lang,
) {
    let defer =
        CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new().ephemeral(true));
    if let Err(error) = command.create_response(&ctx.http, defer).await {
        tracing::warn!(%error, "cannot defer a store report");
        return;
    }
    let reply = read_report(bot, report, days, lang).await;
    if let Err(error) = command
        .edit_response(&ctx.http, convert::edit(&reply))
        .await
    {
        tracing::warn!(%error, "cannot send a store report");
    }
}

async fn read_report(bot: &Arc<Bot>, report: Report, days: u32, lang: Lang) -> Reply {
    let words = lang.words();
    if !bot.recorder.status().enabled {
        return Reply::text(words.store_off, true);
    }
    let path = bot.store_path.clone();
    let read = tokio::task::spawn_blocking(move || -> Result<Reply, StoreError> {
        let store = Store::open_to_read(&path)?;
        Ok(match report {
            Report::Stats => feedback::stats(&store::stats(&store, days)?, lang),
            Report::Gaps => feedback::gaps(days, &store::gaps(&store, days)?, lang),
        })
    });
    match read.await {
        Ok(Ok(reply)) => reply,
        Ok(Err(StoreError::Empty { .. })) => Reply::text(words.nothing_recorded, true),
        Ok(Err(error)) => Reply::text(
            words
                .store_unreadable
                .replace("{reason}", &error.to_string()),
            true,
        ),
        Err(_) => crate::render::discord::admin::failed(lang),
    }
}
