//! The Discord bot: the only user of serenity. It translates interactions and mentions into
//! engine calls and engine answers into messages (`render::discord` decides what a message
//! says; `convert` makes serenity builders of it). The engine's work runs on the blocking pool.
//!
//! Plain serenity rather than poise: the per-case commands come from the corpus manifest and
//! must follow a reload, while poise fixes its command list when the framework is built.

mod commands;
mod convert;
mod guard;
mod handler;
mod kept;
pub mod registry;

use std::sync::Arc;

use anyhow::{Context as _, bail};
use serenity::all::{ApplicationId, ClientBuilder, GatewayIntents, HttpBuilder};

use crate::config::DiscordSettings;
use crate::engine::Engine;

pub use commands::{Request, definitions, is_valid_name, parse};
pub use handler::Bot;

/// The gateway intents the bot needs: guilds, guild and direct messages (mentions and DMs carry
/// their text without privileged intents), and Message Content only for Q&A channels.
pub fn intents(settings: &DiscordSettings) -> GatewayIntents {
    let mut intents =
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if !settings.qa_channels.is_empty() {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    intents
}

/// Connects to Discord (or to `api_base`) and serves until the process is stopped.
pub async fn run(settings: DiscordSettings, engine: Arc<Engine>) -> anyhow::Result<()> {
    if settings.token.is_empty() {
        bail!("no Discord token: set LUOPAN__DISCORD__TOKEN (or DISCORD_TOKEN)");
    }
    let mut http = HttpBuilder::new(&settings.token);
    if let Some(base) = &settings.api_base {
        // serenity applies the proxy base only with its own rate limiter off.
        http = http.proxy(base.as_str()).ratelimiter_disabled(true);
    }
    if let Some(id) = settings.application_id {
        http = http.application_id(ApplicationId::new(id));
    }
    let intents = intents(&settings);
    // Read the English dictionary now rather than on the first English question.
    let warm = engine.clone();
    tokio::task::spawn_blocking(move || warm.translator().is_some());
    let bot = Arc::new(Bot::new(settings, engine));
    let mut client = ClientBuilder::new_with_http(http.build(), intents)
        .event_handler(handler::Handler(bot))
        .await
        .context("cannot set up the Discord client")?;
    let shards = client.shard_manager.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("stopping");
            shards.shutdown_all().await;
        }
    });
    // Discord says how many shards to run; all of them share the one engine.
    client
        .start_autosharded()
        .await
        .context("the Discord connection failed")
}
