//! Events → engine calls → replies. Every interaction is acknowledged within Discord's three
//! seconds: answers are made on the blocking pool and sent directly when ready in time, or after
//! a deferral otherwise; a reload always defers.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serenity::all::{
    ChannelId, CommandInteraction, ComponentInteraction, Context, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateThread, EventHandler, Interaction, Message, Ready,
    UserId,
};
use serenity::async_trait;

use crate::answer::{Answer, AskError, Catalog, Question};
use crate::config::DiscordSettings;
use crate::corpus::CorpusError;
use crate::engine::{Engine, EngineError};
use crate::render::discord::{self as render, Reply};
use crate::render::lang::Lang;

use super::commands::{self, Request};
use super::convert;
use super::guard::{self, Cooldowns};
use super::registry::{self, Scope};

/// Excerpts on one page of an answer, and pages an answer keeps for "more excerpts".
const PER_PAGE: usize = 5;
const PAGES: usize = 3;
/// How long an answer may take before the interaction is deferred (Discord allows 3 s).
const ANSWER_BUDGET: Duration = Duration::from_millis(1500);
/// Answers kept for their "more excerpts" button.
const KEPT_ANSWERS: usize = 512;

/// One reload, for `/corpus status`.
#[derive(Debug, Clone)]
struct ReloadRecord {
    at: SystemTime,
    by: String,
    elapsed: Duration,
    outcome: String,
}

/// The bot's state, shared by every shard.
pub struct Bot {
    engine: Arc<Engine>,
    settings: DiscordSettings,
    cooldowns: Cooldowns,
    answers: Mutex<VecDeque<(String, Answer, Lang)>>,
    last_reload: Mutex<Option<ReloadRecord>>,
    started: SystemTime,
}

impl Bot {
    pub fn new(settings: DiscordSettings, engine: Arc<Engine>) -> Bot {
        Bot {
            cooldowns: Cooldowns::new(settings.cooldown),
            engine,
            settings,
            answers: Mutex::new(VecDeque::new()),
            last_reload: Mutex::new(None),
            started: SystemTime::now(),
        }
    }

    fn scope(&self) -> Scope {
        self.settings.guild_id.map_or(Scope::Global, Scope::Guild)
    }

    fn keep_answer(&self, key: String, answer: Answer, lang: Lang) {
        let mut answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        if answers.len() == KEPT_ANSWERS {
            answers.pop_front();
        }
        answers.push_back((key, answer, lang));
    }

    fn kept_answer(&self, key: &str) -> Option<(Answer, Lang)> {
        let answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        answers
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, a, l)| (a.clone(), *l))
    }

    /// Registers the commands of the current catalog where they differ from Discord's.
    async fn register(&self, ctx: &Context) {
        let definitions = commands::definitions(&self.engine.snapshot().catalog);
        match registry::sync(&ctx.http, self.scope(), definitions).await {
            Ok(true) => tracing::info!(scope = ?self.scope(), "commands registered"),
            Ok(false) => tracing::info!(scope = ?self.scope(), "commands already up to date"),
            Err(error) => tracing::error!(%error, "cannot register commands"),
        }
    }
}

/// The serenity event handler.
pub(crate) struct Handler(pub Arc<Bot>);

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, shard = ?ready.shard, "connected");
        // Commands are per application, not per shard: the first shard registers them.
        if ready.shard.is_none_or(|s| s.id.0 == 0) {
            self.0.register(&ctx).await;
        }
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

async fn respond(ctx: &Context, command: &CommandInteraction, reply: &Reply) {
    if let Err(error) = command
        .create_response(&ctx.http, convert::response(reply))
        .await
    {
        tracing::warn!(%error, "cannot answer an interaction");
    }
}

async fn on_command(bot: &Arc<Bot>, ctx: &Context, command: &CommandInteraction) {
    let snapshot = bot.engine.snapshot();
    let catalog = &snapshot.catalog;
    let lang = Lang::of_locale(&command.locale);
    let words = lang.words();
    let Some(request) = commands::parse(&command.data.name, &command.data.options, catalog) else {
        let reply = Reply::text(
            words.unknown_case.replace("{case}", &command.data.name),
            true,
        );
        return respond(ctx, command, &reply).await;
    };
    match request {
        Request::Ask { question, case } => ask(bot, ctx, command, question, case).await,
        Request::Overview { case } => {
            let reply = match catalog.part(&case) {
                Some(part) => render::case_overview(part, catalog, lang),
                None => Reply::text(words.unknown_case.replace("{case}", &case), true),
            };
            respond(ctx, command, &reply).await;
        }
        Request::CaseLessons { case } => {
            let reply = match catalog.part(&case) {
                Some(part) => render::lessons(part, catalog, lang),
                None => Reply::text(words.unknown_case.replace("{case}", &case), true),
            };
            respond(ctx, command, &reply).await;
        }
        Request::Lessons => {
            let reply = match catalog.part("preface") {
                Some(preface) => render::lessons(preface, catalog, lang),
                None => Reply::text(words.unknown_case.replace("{case}", "preface"), true),
            };
            respond(ctx, command, &reply).await;
        }
        Request::Help => respond(ctx, command, &render::help(catalog, lang)).await,
        Request::Status | Request::Reload | Request::Explain { .. }
            if !may_moderate(bot, command) =>
        {
            respond(ctx, command, &Reply::text(words.not_moderator, true)).await;
        }
        Request::Status => respond(ctx, command, &status(bot, catalog, lang)).await,
        Request::Reload => reload(bot, ctx, command, lang).await,
        Request::Explain { question } => {
            let engine = bot.engine.clone();
            let lang = Lang::of(&question);
            let task =
                tokio::task::spawn_blocking(move || engine.explain(&Question::new(question), 5));
            let reply = match task.await {
                Ok(Ok(explanation)) => render::explanation(&explanation, catalog, lang),
                Ok(Err(error)) => ask_error(&error, lang),
                Err(_) => Reply::text(lang.words().failed, true),
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

/// The first page of an answer that keeps more: its first excerpts and the citations that
/// point at them.
fn first_page(answer: &Answer) -> Answer {
    let mut page = answer.clone();
    page.passages.truncate(PER_PAGE);
    for sentence in &mut page.summary {
        sentence.cites.retain(|&n| n <= PER_PAGE);
    }
    page
}

/// The message for a question the engine refused or could not answer.
fn ask_error(error: &AskError, lang: Lang) -> Reply {
    let words = lang.words();
    let text = match error {
        AskError::Empty => words.empty_question.to_string(),
        AskError::TooLong { chars, max } => words
            .too_long
            .replace("{chars}", &chars.to_string())
            .replace("{max}", &max.to_string()),
        AskError::NoWords => words.no_words.to_string(),
        AskError::UnknownCase(case) => words.unknown_case.replace("{case}", case),
        AskError::Search(error) => {
            tracing::error!(%error, "search failed");
            words.failed.to_string()
        }
    };
    Reply::text(text, true)
}

/// Answers a question on the blocking pool; the reply for it, and the answer when there is one.
async fn answer(
    bot: &Arc<Bot>,
    question: String,
    case: Option<String>,
) -> Result<Answer, AskError> {
    let engine = bot.engine.clone();
    let task = tokio::task::spawn_blocking(move || {
        engine.ask(&Question {
            text: question,
            case,
            top_k: Some(PER_PAGE * PAGES),
        })
    });
    match task.await {
        Ok(result) => result,
        Err(error) => Err(AskError::Search(crate::search::SearchError::Query {
            reason: error.to_string(),
        })),
    }
}

fn render_answer(bot: &Bot, key: &str, answer: Answer, lang: Lang, catalog: &Catalog) -> Reply {
    let more = answer.passages.len() > PER_PAGE;
    let reply = render::answer(&first_page(&answer), catalog, lang, more.then_some(key));
    if more {
        bot.keep_answer(key.to_string(), answer, lang);
    }
    reply
}

async fn ask(
    bot: &Arc<Bot>,
    ctx: &Context,
    command: &CommandInteraction,
    question: String,
    case: Option<String>,
) {
    let lang = if question.trim().is_empty() {
        Lang::of_locale(&command.locale)
    } else {
        Lang::of(&question)
    };
    if let Err(wait) = bot.cooldowns.check(command.user.id.get(), Instant::now()) {
        let text = lang
            .words()
            .cooldown
            .replace("{seconds}", &wait.as_secs().max(1).to_string());
        return respond(ctx, command, &Reply::text(text, true)).await;
    }
    let key = command.id.to_string();
    let work = answer(bot, question, case);
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
    let snapshot = bot.engine.snapshot();
    let reply = match result {
        Ok(answer) => render_answer(bot, &key, answer, lang, &snapshot.catalog),
        Err(error) => ask_error(&error, lang),
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

fn status(bot: &Bot, catalog: &Catalog, lang: Lang) -> Reply {
    let since = |time: SystemTime| {
        time.duration_since(SystemTime::UNIX_EPOCH)
            .map_or(String::new(), |d| format!("<t:{}:R>", d.as_secs()))
    };
    let mut lines = vec![
        format!("**{}** {}", lang.words().corpus_version, catalog.version()),
        format!(
            "{} · {} passages",
            catalog
                .documents
                .iter()
                .map(|d| format!("{}（{}）", d.short, d.passages))
                .collect::<Vec<_>>()
                .join(" · "),
            catalog.passages
        ),
        format!("serving since {}", since(bot.engine.snapshot().since)),
        format!("bot up since {}", since(bot.started)),
    ];
    match bot
        .last_reload
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
    {
        Some(record) => lines.push(format!(
            "last reload {} by {}, {} ms: {}",
            since(record.at),
            record.by,
            record.elapsed.as_millis(),
            record.outcome
        )),
        None => lines.push("no reload since start".into()),
    }
    Reply::text(lines.join("\n"), true)
}

/// The file name and a short reason for a corpus that failed to load; never a full path.
fn describe_failure(error: &EngineError) -> (String, String) {
    let file = |path: &std::path::Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    match error {
        EngineError::Corpus(error) => {
            let reason = match error {
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
        other => {
            tracing::error!(error = %other, "reload failed");
            (
                "the index".to_string(),
                "it could not be written; see the bot's log".to_string(),
            )
        }
    }
}

async fn reload(bot: &Arc<Bot>, ctx: &Context, command: &CommandInteraction, lang: Lang) {
    let words = lang.words();
    let defer =
        CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new().ephemeral(true));
    if let Err(error) = command.create_response(&ctx.http, defer).await {
        tracing::warn!(%error, "cannot defer a reload");
        return;
    }
    let started = Instant::now();
    let engine = bot.engine.clone();
    let result = tokio::task::spawn_blocking(move || engine.reload(true)).await;
    let version = bot.engine.snapshot().catalog.version();
    let (text, outcome, rebuilt) = match result {
        Ok(Ok(report)) => {
            let text = words
                .reloaded
                .replace("{documents}", &report.documents.to_string())
                .replace("{passages}", &report.passages.to_string())
                .replace("{ms}", &report.elapsed.as_millis().to_string())
                .replace("{version}", &report.corpus_version);
            (
                text,
                format!("ok, version {}", report.corpus_version),
                report.rebuilt,
            )
        }
        Ok(Err(error)) => {
            let (file, reason) = describe_failure(&error);
            let text = words
                .reload_failed
                .replace("{version}", &version)
                .replace("{file}", &file)
                .replace("{reason}", &reason);
            (text, format!("failed: {file}: {reason}"), false)
        }
        Err(error) => {
            tracing::error!(%error, "the reload task failed");
            (words.failed.to_string(), "failed".to_string(), false)
        }
    };
    *bot.last_reload.lock().unwrap_or_else(|e| e.into_inner()) = Some(ReloadRecord {
        at: SystemTime::now(),
        by: format!("<@{}>", command.user.id),
        elapsed: started.elapsed(),
        outcome,
    });
    if let Err(error) = command
        .edit_response(&ctx.http, convert::edit(&Reply::text(text, true)))
        .await
    {
        tracing::warn!(%error, "cannot report a reload");
    }
    // The set of cases may have changed; registration writes only what differs.
    if rebuilt {
        bot.register(ctx).await;
    }
}

async fn on_component(bot: &Arc<Bot>, ctx: &Context, component: &ComponentInteraction) {
    let id = component.data.custom_id.as_str();
    let locale_lang = Lang::of_locale(&component.locale);
    let snapshot = bot.engine.snapshot();
    let reply = if let Some(passage_id) = id.strip_prefix("src:") {
        let engine = bot.engine.clone();
        let passage_id = passage_id.to_string();
        match tokio::task::spawn_blocking(move || engine.passage(&passage_id)).await {
            Ok(Ok(Some(passage))) => render::passage(&passage, &snapshot.catalog, locale_lang),
            Ok(Ok(None)) => Reply::text(locale_lang.words().passage_gone, true),
            _ => Reply::text(locale_lang.words().failed, true),
        }
    } else if let Some(rest) = id.strip_prefix("more:") {
        let (key, page) = rest.rsplit_once(':').unwrap_or((rest, "1"));
        let page: usize = page.parse().unwrap_or(1);
        match bot.kept_answer(key) {
            Some((answer, lang)) => {
                render::more_excerpts(&answer, &snapshot.catalog, lang, key, page, PER_PAGE)
            }
            None => Reply::text(locale_lang.words().expired, true),
        }
    } else {
        Reply::text(locale_lang.words().expired, true)
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
    let reply = if question.is_empty() {
        render::help(&snapshot.catalog, lang)
    } else if let Err(wait) = bot.cooldowns.check(message.author.id.get(), Instant::now()) {
        Reply::text(
            lang.words()
                .cooldown
                .replace("{seconds}", &wait.as_secs().max(1).to_string()),
            false,
        )
    } else {
        match answer(bot, question.clone(), None).await {
            Ok(answer) => render_answer(
                bot,
                &message.id.to_string(),
                answer,
                lang,
                &snapshot.catalog,
            ),
            Err(error) => ask_error(&error, lang),
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
    // In a server channel, open a thread on the answer so the conversation can go on there.
    if message.guild_id.is_some() && mentioned && !question.is_empty() {
        let name: String = question.chars().take(90).collect();
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
}
