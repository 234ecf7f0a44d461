//! The Discord bot: the only user of serenity. It translates interactions and mentions into
//! engine calls and engine answers into messages (`render::discord` decides what a message
//! says; `convert` makes serenity builders of it). The engine's work runs on the blocking pool.
//!
//! Plain serenity rather than poise: the per-case commands come from the corpus manifest and
//! must follow a reload, while poise fixes its command list when the framework is built.

mod asking;
mod commands;
mod convert;
mod feedback;
mod guard;
mod handler;
mod kept;
pub mod registry;
mod teaching;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use serenity::all::{ApplicationId, ClientBuilder, GatewayIntents, HttpBuilder};

use crate::config::{DiscordSettings, Shards};
use crate::engine::Engine;
use crate::store::StoreSettings;

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

/// The first wait before trying to reach Discord again, and the longest.
const RETRY_FIRST: Duration = Duration::from_secs(1);
const RETRY_LONGEST: Duration = Duration::from_secs(60);
/// How often freed memory is handed back to the system.
const GIVE_BACK_MEMORY: Duration = Duration::from_secs(30);

/// Connects to Discord (or to `api_base`) and serves until the process is stopped. When
/// Discord cannot be reached, tries again with a doubling wait, saying so in the log; a token
/// Discord refuses ends it at once. With `metrics`, serves metrics and `/healthz` there too.
pub async fn run(
    settings: DiscordSettings,
    engine: Arc<Engine>,
    metrics: Option<SocketAddr>,
    store: StoreSettings,
) -> anyhow::Result<()> {
    if settings.token.is_empty() {
        bail!("no Discord token: set LUOPAN__DISCORD__TOKEN (or DISCORD_TOKEN)");
    }
    if let Some(listen) = metrics {
        crate::metrics::serve(listen, engine.clone()).await?;
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
    let shards = settings.shards;
    // Read the English dictionary now rather than on the first English question.
    let warm = engine.clone();
    tokio::task::spawn_blocking(move || warm.translator().is_some());
    let bot = Arc::new(Bot::new(settings, engine, &store));
    let mut client = ClientBuilder::new_with_http(http.build(), intents)
        .event_handler(handler::Handler(bot))
        .await
        .context("cannot set up the Discord client")?;
    // Memory freed by a burst of questions goes back to the system, not only after reloads.
    tokio::spawn(async {
        let mut every = tokio::time::interval(GIVE_BACK_MEMORY);
        loop {
            every.tick().await;
            let _ = tokio::task::spawn_blocking(crate::process::release_free_memory).await;
        }
    });
    let manager = client.shard_manager.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("stopping");
            manager.shutdown_all().await;
        }
    });
    let mut wait = RETRY_FIRST;
    loop {
        let started = match shards {
            // serenity's range is first to last inclusive.
            Some(Shards { first, last, total }) => {
                tracing::info!(first, last, total, "running a range of the shards");
                client.start_shard_range(first..last, total).await
            }
            // Discord says how many shards to run; all of them share the one engine.
            None => client.start_autosharded().await,
        };
        match started {
            Ok(()) => return Ok(()),
            Err(error) if unreachable(&error) => {
                tracing::warn!(
                    %error,
                    "Discord cannot be reached; trying again in {} s",
                    wait.as_secs()
                );
                tokio::select! {
                    () = tokio::time::sleep(wait) => {}
                    _ = tokio::signal::ctrl_c() => return Ok(()),
                }
                wait = (wait * 2).min(RETRY_LONGEST);
            }
            Err(error) => return Err(error).context("the Discord connection failed"),
        }
    }
}

/// Whether a failure to start is Discord being out of reach (worth trying again) rather than
/// Discord saying no (a refused token, intents not granted).
fn unreachable(error: &serenity::Error) -> bool {
    use serenity::all::HttpError;
    match error {
        serenity::Error::Http(HttpError::Request(_)) => true,
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            let status = response.status_code.as_u16();
            status >= 500 || status == 429
        }
        serenity::Error::Io(_) | serenity::Error::Tungstenite(_) => true,
        _ => false,
    }
}
