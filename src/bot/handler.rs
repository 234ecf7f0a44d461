//! Events → engine calls → replies. Every request takes one snapshot of the engine at its start
//! and uses it to the end, so an answer, its footer and its buttons come from one corpus
//! version. Every interaction is acknowledged within Discord's three seconds: answers are made
//! on the blocking pool and sent directly when ready in time, or after a deferral otherwise; a
//! reload always defers.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serenity::all::{
    ChannelId, CommandInteraction, ComponentInteraction, ConnectionStage, Context,
    CreateInteractionResponse, CreateInteractionResponseMessage, CreateThread, EventHandler,
    Interaction, Message, Ready, ShardStageUpdateEvent, UserId,
};
use serenity::async_trait;

use crate::answer::Answer;
use crate::catalog::{Catalog, PartDigest};
use crate::config::DiscordSettings;
use crate::engine::{Engine, Snapshot};
use crate::metrics;
use crate::question::{AskError, Question};
use crate::render::discord::{self as render, Action, ReloadRecord, Reply, Status, admin};
use crate::render::lang::Lang;
use crate::store::{IdHasher, Recorder, StoreSettings};

use super::asking::{Asker, answer, answer_now};
use super::commands::{self, Request};
use super::convert;
use super::feedback;
use super::guard::{self, Cooldowns};
use super::kept::{KeptAnswers, RecentCitations};
use super::registry::{self, Scope};
use super::teaching;

/// Excerpts on one page of an answer, and pages an answer keeps for "more excerpts".
pub(super) const PER_PAGE: usize = 5;
pub(super) const PAGES: usize = 3;
/// How long an answer may take before the interaction is deferred (Discord allows 3 s).
const ANSWER_BUDGET: Duration = Duration::from_millis(1500);
/// Answers kept for their "more excerpts" button (a few hundred bytes each).
const KEPT_ANSWERS: usize = 2048;
/// Channels whose last answer's citations are kept for `/corpus teach`.
const RECENT_CHANNELS: usize = 1024;
/// The longest thread name luopan gives (Discord allows 100 characters).
const THREAD_NAME_CHARS: usize = 90;

/// The bot's state, shared by every shard.
pub struct Bot {
    pub(super) engine: Arc<Engine>,
    settings: DiscordSettings,
    cooldowns: Cooldowns,
    answers: KeptAnswers,
    pub(super) recent: RecentCitations,
    pub(super) last_reload: Mutex<Option<ReloadRecord>>,
    started: SystemTime,
    pub(super) recorder: Recorder,
    pub(super) hasher: IdHasher,
    /// The store's file, read by `/corpus stats` and `/corpus gaps`.
    pub(super) store_path: std::path::PathBuf,
    kept_for: Duration,
}

impl Bot {
    pub fn new(settings: DiscordSettings, engine: Arc<Engine>, store: &StoreSettings) -> Bot {
        Bot {
            recorder: Recorder::start(store),
            hasher: IdHasher::new(&store.key),
            store_path: store.path.clone(),
            kept_for: store.retention,
            cooldowns: Cooldowns::new(settings.cooldown),
            engine,
            settings,
            answers: KeptAnswers::new(KEPT_ANSWERS),
            recent: RecentCitations::new(RECENT_CHANNELS),
            last_reload: Mutex::new(None),
            started: SystemTime::now(),
        }
    }

    /// How long the store keeps questions, for `/help`; `None` when it records nothing.
    fn kept_days(&self) -> Option<u64> {
        self.recorder
            .status()
            .enabled
            .then_some(self.kept_for.as_secs() / 86_400)
    }

    fn scope(&self) -> Scope {
        self.settings.guild_id.map_or(Scope::Global, Scope::Guild)
    }

    /// Registers the commands of the current catalog where they differ from Discord's.
    pub(super) async fn register(&self, ctx: &Context) {
        let definitions = commands::definitions(&self.engine.snapshot().catalog);
        match registry::sync(&ctx.http, self.scope(), definitions).await {
            Ok(true) => tracing::info!(scope = ?self.scope(), "commands registered"),
            Ok(false) => tracing::info!(scope = ?self.scope(), "commands already up to date"),
            Err(error) => tracing::error!(%error, "cannot register commands"),
        }
    }

    /// What `/corpus status` shows, from the snapshot serving now.
    fn status(&self, snapshot: &Snapshot) -> Status {
        let catalog = &snapshot.catalog;
        Status {
            version: snapshot.version(),
            documents: catalog
                .documents
                .iter()
                .map(|d| (d.short.clone(), d.passages))
                .collect(),
            passages: catalog.passages,
            serving_since: snapshot.since,
            started: self.started,
            last_reload: self
                .last_reload
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
            store: self.recorder.status(),
            taught: catalog.taught,
            stale_taught: catalog.stale_taught.clone(),
        }
    }

    /// The reply to an answer: its first page, with a "more" button when it has more pages,
    /// for which what makes the answer again is kept.
    fn answer_reply(&self, key: &str, channel: u64, answer: Answer, snapshot: &Snapshot) -> Reply {
        let more = answer.passages.len() > PER_PAGE;
        // Kept even when empty: a citation number then names nothing, not an older answer's.
        self.recent.keep(
            channel,
            answer.passages.iter().map(|p| p.id.clone()).collect(),
        );
        // No votes to cast when nothing is recorded.
        let votes = self.recorder.status().enabled;
        let reply = render::answer(
            &render::first_page(&answer, PER_PAGE),
            &snapshot.catalog,
            Some(key),
            more,
            votes,
        );
        if more {
            self.answers.keep(key.to_string(), &answer);
        }
        reply
    }
}

/// The serenity event handler.
pub(crate) struct Handler(pub Arc<Bot>);

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, shard = ?ready.shard, "connected");
        metrics::shard(ready.shard.map_or(0, |s| s.id.0), true);
        // Commands are per application, not per shard: the first shard registers them.
        if ready.shard.is_none_or(|s| s.id.0 == 0) {
            self.0.register(&ctx).await;
        }
    }

    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        let connected = event.new == ConnectionStage::Connected;
        metrics::shard(event.shard_id.0, connected);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(command) => on_command(&self.0, &ctx, &command).await,
            Interaction::Component(component) => on_component(&self.0, &ctx, &component).await,
            _ => {}
        }
    }

    async fn message(&self, ctx: Context, message: Message) {
        on_message(&self.0, &ctx, &message).await;
    }
}

pub(super) async fn respond(ctx: &Context, command: &CommandInteraction, reply: &Reply) {
    if let Err(error) = command
        .create_response(&ctx.http, convert::response(reply))
        .await
    {
        tracing::warn!(%error, "cannot answer an interaction");
    }
}

/// A reply about one part of the corpus (its overview, its lessons).
type PartReply = fn(&PartDigest, &Catalog, Lang) -> Reply;

async fn on_command(bot: &Arc<Bot>, ctx: &Context, command: &CommandInteraction) {
    let snapshot = bot.engine.snapshot();
    let catalog = &snapshot.catalog;
    let lang = Lang::of_locale(&command.locale);
    let Some(request) = commands::parse(&command.data.name, &command.data.options, catalog) else {
        return respond(ctx, command, &admin::unknown_case(&command.data.name, lang)).await;
    };
    metrics::command(request.kind());
    let part_reply = |case: &str, make: PartReply| match catalog.part(case) {
        Some(part) => make(part, catalog, lang),
        None => admin::unknown_case(case, lang),
    };
    match request {
        Request::Ask { question, case } => ask(bot, ctx, command, snapshot, question, case).await,
        Request::Overview { case } => {
            respond(ctx, command, &part_reply(&case, render::case_overview)).await;
        }
        Request::CaseLessons { case } => {
            respond(ctx, command, &part_reply(&case, render::lessons)).await;
        }
        Request::Lessons => respond(ctx, command, &part_reply("preface", render::lessons)).await,
        Request::Help => respond(ctx, command, &render::help(catalog, lang, bot.kept_days())).await,
        Request::Status
        | Request::Reload
        | Request::Explain { .. }
        | Request::Stats { .. }
        | Request::Gaps { .. }
        | Request::Teach { .. }
            if !may_moderate(bot, command) =>
        {
            let reply = Reply::text(lang.words().not_moderator, true);
            respond(ctx, command, &reply).await;
        }
        Request::Status => {
            let reply = admin::status(&bot.status(&snapshot), lang);
            respond(ctx, command, &reply).await;
        }
        Request::Reload => reload(bot, ctx, command, lang).await,
        Request::Stats { days } => {
            feedback::report(bot, ctx, command, feedback::Report::Stats, days, lang).await;
        }
        Request::Gaps { days } => {
            feedback::report(bot, ctx, command, feedback::Report::Gaps, days, lang).await;
        }
        Request::Teach { question, passage } => {
            teaching::teach(bot, ctx, command, &question, &passage, lang).await;
        }
        Request::Explain { question } => {
            let engine = bot.engine.clone();
            let lang = Lang::of(&question);
            let asked = snapshot.clone();
            let task = tokio::task::spawn_blocking(move || {
                engine.explain_in(&asked, &Question::new(question), 5)
            });
            let reply = match task.await {
                Ok(Ok(explanation)) => admin::explanation(&explanation, &snapshot.version(), lang),
                Ok(Err(error)) => admin::ask_error(&error, lang),
                Err(_) => admin::failed(lang),
            };
            respond(ctx, command, &reply).await;
        }
    }
}

fn may_moderate(bot: &Bot, command: &CommandInteraction) -> bool {
    let Some(member) = &command.member else {
        return false;
    };
    guard::is_moderator(
        member.permissions,
        &member.roles,
        &bot.settings.moderator_roles,
    )
}

async fn ask(
    bot: &Arc<Bot>,
    ctx: &Context,
    command: &CommandInteraction,
    snapshot: Arc<Snapshot>,
    question: String,
    case: Option<String>,
) {
    let lang = if question.trim().is_empty() {
        Lang::of_locale(&command.locale)
    } else {
        Lang::of(&question)
    };
    if let Err(wait) = bot.cooldowns.check(command.user.id.get(), Instant::now()) {
        return respond(ctx, command, &admin::cooldown(wait, lang, true)).await;
    }
    let key = command.id.to_string();
    let work = answer(bot, &snapshot, question, case, Asker::of_command(command));
    tokio::pin!(work);
    let (result, deferred) = match tokio::time::timeout(ANSWER_BUDGET, &mut work).await {
        Ok(result) => (result, false),
        Err(_) => {
            let defer = CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new());
            if let Err(error) = command.create_response(&ctx.http, defer).await {
                tracing::warn!(%error, "cannot defer an interaction");
            }
            (work.await, true)
        }
    };
    let reply = match result {
        Ok(answer) => bot.answer_reply(&key, command.channel_id.get(), answer, &snapshot),
        Err(error) => admin::ask_error(&error, lang),
    };
    if deferred {
        if let Err(error) = command
            .edit_response(&ctx.http, convert::edit(&reply))
            .await
        {
            tracing::warn!(%error, "cannot send a deferred answer");
        }
    } else {
        respond(ctx, command, &reply).await;
    }
}

async fn reload(bot: &Arc<Bot>, ctx: &Context, command: &CommandInteraction, lang: Lang) {
    let defer =
        CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new().ephemeral(true));
    if let Err(error) = command.create_response(&ctx.http, defer).await {
        tracing::warn!(%error, "cannot defer a reload");
        return;
    }
    let started = Instant::now();
    let engine = bot.engine.clone();
    let result = tokio::task::spawn_blocking(move || engine.reload(true)).await;
    let (reply, outcome, rebuilt) = match result {
        Ok(Ok(report)) => {
            let done = if report.rebuilt {
                "rebuilt"
            } else {
                "unchanged"
            };
            metrics::reloaded(done, report.passages);
            let (reply, outcome) = admin::reloaded(&report, lang);
            (reply, outcome, report.rebuilt)
        }
        Ok(Err(error)) => {
            metrics::reloaded("failed", 0);
            let serving = bot.engine.snapshot().version();
            let (reply, outcome) = admin::reload_failed(&error, &serving, lang);
            (reply, outcome, false)
        }
        Err(error) => {
            metrics::reloaded("failed", 0);
            tracing::error!(%error, "the reload task failed");
            (admin::failed(lang), "failed".to_string(), false)
        }
    };
    reloaded(bot, ctx, command, &reply, outcome, started, rebuilt).await;
}

/// What ends a reload (or a teach, which reloads): the record `/corpus status` shows, the
/// deferred reply, and the commands registered again when the corpus was rebuilt (the set of
/// cases may have changed; registration writes only what differs).
pub(super) async fn reloaded(
    bot: &Arc<Bot>,
    ctx: &Context,
    command: &CommandInteraction,
    reply: &Reply,
    outcome: String,
    started: Instant,
    rebuilt: bool,
) {
    *bot.last_reload.lock().unwrap_or_else(|e| e.into_inner()) = Some(ReloadRecord {
        at: SystemTime::now(),
        by: format!("<@{}>", command.user.id),
        elapsed: started.elapsed(),
        outcome,
    });
    if let Err(error) = command.edit_response(&ctx.http, convert::edit(reply)).await {
        tracing::warn!(%error, "cannot report a reload");
    }
    if rebuilt {
        bot.register(ctx).await;
    }
}

async fn on_component(bot: &Arc<Bot>, ctx: &Context, component: &ComponentInteraction) {
    let lang = Lang::of_locale(&component.locale);
    let reply = match Action::parse(&component.data.custom_id) {
        Some(Action::Source { passage }) => {
            // Passage ids are hashes of their text: the snapshot serving now shows the same
            // text the answer cited, and says so when a reload removed it.
            let snapshot = bot.engine.snapshot();
            let looked_up = snapshot.clone();
            match tokio::task::spawn_blocking(move || looked_up.index.passage(&passage)).await {
                Ok(Ok(Some(passage))) => render::passage(&passage, &snapshot.catalog, lang),
                Ok(Ok(None)) => Reply::text(lang.words().passage_gone, true),
                _ => admin::failed(lang),
            }
        }
        Some(Action::More { answer: key, page }) => {
            let snapshot = bot.engine.snapshot();
            match bot.answers.get(&key) {
                Some(asked) if asked.version == snapshot.version() => {
                    let page_of = |result: Result<Answer, AskError>| match result {
                        Ok(answer) => render::more_excerpts(&answer, &key, page, PER_PAGE),
                        Err(error) => admin::ask_error(&error, lang),
                    };
                    let work = answer_now(bot, &snapshot, asked.question, asked.case);
                    tokio::pin!(work);
                    match tokio::time::timeout(ANSWER_BUDGET, &mut work).await {
                        Ok(result) => page_of(result),
                        // Busy: acknowledge within Discord's three seconds, then send the page.
                        Err(_) => {
                            let defer = CreateInteractionResponse::Defer(
                                CreateInteractionResponseMessage::new().ephemeral(true),
                            );
                            if let Err(error) = component.create_response(&ctx.http, defer).await {
                                tracing::warn!(%error, "cannot defer a button");
                            }
                            let reply = page_of(work.await);
                            if let Err(error) = component
                                .edit_response(&ctx.http, convert::edit(&reply))
                                .await
                            {
                                tracing::warn!(%error, "cannot send a deferred page");
                            }
                            return;
                        }
                    }
                }
                _ => Reply::text(lang.words().expired, true),
            }
        }
        Some(Action::Vote { answer, up }) => feedback::vote(bot, component, &answer, up, lang),
        Some(Action::Why { answer }) => {
            return feedback::why(bot, ctx, component, &answer, lang).await;
        }
        None => Reply::text(lang.words().expired, true),
    };
    let response = CreateInteractionResponse::Message(convert::response_message(&reply));
    if let Err(error) = component.create_response(&ctx.http, response).await {
        tracing::warn!(%error, "cannot answer a button");
    }
}

/// The question in a message, without the mentions of the bot.
fn question_of(content: &str, bot: UserId) -> String {
    content
        .replace(&format!("<@{bot}>"), " ")
        .replace(&format!("<@!{bot}>"), " ")
        .trim()
        .to_string()
}

/// A thread name from a question: its first line's words, without control characters, runs
/// of blanks or Discord markup, at most `THREAD_NAME_CHARS` characters; `None` when nothing is
/// left.
fn thread_name(question: &str) -> Option<String> {
    let cleaned: String = question
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '*' | '_' | '~' | '`' | '|' | '<' | '>' | '#' | '@'))
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let name = crate::text::truncate_chars(&words.join(" "), THREAD_NAME_CHARS);
    (!name.is_empty()).then_some(name)
}

async fn on_message(bot: &Arc<Bot>, ctx: &Context, message: &Message) {
    if message.author.bot {
        return;
    }
    let me = ctx.cache.current_user().id;
    let mentioned = message.mentions.iter().any(|u| u.id == me);
    let in_qa_channel = bot.settings.qa_channels.contains(&message.channel_id.get());
    let direct = message.guild_id.is_none();
    if !(mentioned || in_qa_channel || direct) {
        return;
    }
    let question = question_of(&message.content, me);
    let lang = Lang::of(&question);
    let snapshot = bot.engine.snapshot();
    let mut answered = false;
    let reply = if question.is_empty() {
        render::help(&snapshot.catalog, lang, bot.kept_days())
    } else if let Err(wait) = bot.cooldowns.check(message.author.id.get(), Instant::now()) {
        admin::cooldown(wait, lang, false)
    } else {
        match answer(
            bot,
            &snapshot,
            question.clone(),
            None,
            Asker::of_message(message),
        )
        .await
        {
            Ok(answer) => {
                answered = answer.found;
                bot.answer_reply(
                    &message.id.to_string(),
                    message.channel_id.get(),
                    answer,
                    &snapshot,
                )
            }
            Err(error) => admin::ask_error(&error, lang),
        }
    };
    let sent = message
        .channel_id
        .send_message(
            &ctx.http,
            convert::message(&reply).reference_message(message),
        )
        .await;
    let sent = match sent {
        Ok(sent) => sent,
        Err(error) => {
            tracing::warn!(%error, "cannot reply to a message");
            return;
        }
    };
    // In a server channel, open a thread on an answer (not on a refusal, a wait or "nothing
    // found") so the conversation can go on there.
    let name = thread_name(&question);
    if let (true, true, true, Some(name)) = (message.guild_id.is_some(), mentioned, answered, name)
    {
        let thread = CreateThread::new(name)
            .auto_archive_duration(serenity::all::AutoArchiveDuration::OneDay);
        if let Err(error) = ChannelId::new(sent.channel_id.get())
            .create_thread_from_message(&ctx.http, sent.id, thread)
            .await
        {
            tracing::debug!(%error, "no thread for this answer");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_of_the_bot_are_taken_out_of_the_question() {
        let bot = UserId::new(42);
        assert_eq!(
            question_of("<@42> 入世谈判怎么结束的？", bot),
            "入世谈判怎么结束的？"
        );
        assert_eq!(question_of("请问 <@!42> 雷曼", bot), "请问   雷曼");
        assert_eq!(question_of("<@42>", bot), "");
    }

    #[test]
    fn a_thread_name_is_one_clean_line() {
        let cases = [
            ("入世谈判怎么结束的？", Some("入世谈判怎么结束的？")),
            (
                "line one\nline\ttwo\u{1b}[2J",
                Some("line one line two [2J"),
            ),
            (
                "**bold** ||spoiler|| @everyone",
                Some("bold spoiler everyone"),
            ),
            ("\n\u{7}\n", None),
        ];
        for (question, expect) in cases {
            assert_eq!(thread_name(question).as_deref(), expect, "{question:?}");
        }
        let long = "问".repeat(200);
        assert_eq!(thread_name(&long).map(|n| n.chars().count()), Some(90));
    }
}
