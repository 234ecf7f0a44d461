//! An emulated Discord on 127.0.0.1: the HTTP API under `/api/v10` and a gateway websocket,
//! enough for the real bot (serenity) to connect, register commands, receive interactions and
//! messages, and answer them. Every payload the bot sends is checked against Discord's message
//! limits, the allowed-mentions rule, the Authorization header and the 3-second rule; what
//! breaks a rule is recorded as a violation for the tests to assert on.
//!
//! Shared by the end-to-end tests and the `discord` benchmark (which includes this file).

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{Mutex, Notify, mpsc};
use tokio_tungstenite::tungstenite::Message as Frame;

mod api;
mod gateway;

pub use api::*;
use gateway::gateway;

pub const BOT_ID: u64 = 100_000_000_000_000_001;
pub const GUILD_ID: u64 = 200_000_000_000_000_001;
pub const CHANNEL_ID: u64 = 210_000_000_000_000_001;
pub const MODERATOR_ROLE: u64 = 230_000_000_000_000_001;
/// Discord's permission bits used here.
pub const SEND_MESSAGES: u64 = 1 << 11;
pub const MANAGE_GUILD: u64 = 1 << 5;

/// The limit on the time from INTERACTION_CREATE to the interaction's callback.
pub const ACK_LIMIT: Duration = Duration::from_secs(3);

/// A member of the emulated server.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: u64,
    pub name: String,
    pub roles: Vec<u64>,
    pub permissions: u64,
}

impl Member {
    pub fn user(id: u64, name: &str) -> Member {
        Member {
            id,
            name: name.into(),
            roles: Vec::new(),
            permissions: SEND_MESSAGES,
        }
    }

    pub fn moderator(id: u64, name: &str) -> Member {
        Member {
            permissions: SEND_MESSAGES | MANAGE_GUILD,
            ..Member::user(id, name)
        }
    }

    fn json(&self) -> Value {
        json!({
            "user": {"id": self.id.to_string(), "username": self.name, "avatar": null},
            "roles": self.roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            "deaf": false, "mute": false, "flags": 0,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "permissions": self.permissions.to_string(),
        })
    }
}

/// What the bot sent, in order.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub path: String,
    pub body: Value,
    /// The interaction the entry answers, when it does.
    pub interaction: Option<u64>,
    /// For callbacks: the time since the interaction was dispatched.
    pub latency: Option<Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Callback,
    EditOriginal,
    Followup,
    ChannelMessage,
    Thread,
    CommandsGet,
    CommandsPut,
}

struct Shared {
    token: String,
    ws: SocketAddr,
    ids: AtomicU64,
    seq: AtomicU64,
    identifies: AtomicUsize,
    identify: Mutex<Option<Value>>,
    gateway_failures: AtomicUsize,
    session: Mutex<Option<mpsc::UnboundedSender<String>>>,
    log: Mutex<Vec<Entry>>,
    changed: Notify,
    /// Each interaction dispatched: when, its token, and whether it is a component's.
    dispatched: Mutex<HashMap<u64, (Instant, String, bool)>>,
    commands: Mutex<HashMap<String, Vec<Value>>>,
    violations: Mutex<Vec<String>>,
}

/// The emulated Discord. Dropping it stops nothing by itself: the tasks end with the runtime.
#[derive(Clone)]
pub struct Discord {
    pub http: SocketAddr,
    shared: Arc<Shared>,
}

impl Discord {
    /// Starts the HTTP API and the gateway on two free loopback ports.
    pub async fn start(token: &str) -> Discord {
        let ws_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("ws port");
        let http_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("http port");
        let shared = Arc::new(Shared {
            token: token.into(),
            ws: ws_listener.local_addr().expect("ws address"),
            ids: AtomicU64::new(900_000_000_000_000_000),
            seq: AtomicU64::new(0),
            identifies: AtomicUsize::new(0),
            identify: Mutex::new(None),
            gateway_failures: AtomicUsize::new(0),
            session: Mutex::new(None),
            log: Mutex::new(Vec::new()),
            changed: Notify::new(),
            dispatched: Mutex::new(HashMap::new()),
            commands: Mutex::new(HashMap::new()),
            violations: Mutex::new(Vec::new()),
        });
        let http = http_listener.local_addr().expect("http address");
        tokio::spawn(gateway(ws_listener, shared.clone()));
        let app = Router::new()
            .route("/api/v10/gateway", get(gateway_url))
            .route("/api/v10/gateway/bot", get(gateway_bot))
            .route("/api/v10/users/@me", get(current_user))
            .route(
                "/api/v10/applications/{app}/commands",
                get(get_commands).put(put_commands),
            )
            .route(
                "/api/v10/applications/{app}/guilds/{guild}/commands",
                get(get_guild_commands).put(put_guild_commands),
            )
            .route(
                "/api/v10/interactions/{id}/{token}/callback",
                post(callback),
            )
            .route(
                "/api/v10/webhooks/{app}/{token}/messages/@original",
                patch(edit_original),
            )
            .route("/api/v10/webhooks/{app}/{token}", post(followup))
            .route(
                "/api/v10/channels/{channel}/messages",
                post(channel_message),
            )
            .route(
                "/api/v10/channels/{channel}/messages/{message}/threads",
                post(thread),
            )
            .fallback(unexpected)
            .with_state(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(http_listener, app).await;
        });
        Discord { http, shared }
    }

    /// The base URL the bot is given as `discord.api_base`.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.http)
    }

    /// Waits until `done` holds for the log, or the timeout passes; whether it held.
    pub async fn wait_for(&self, timeout: Duration, done: impl Fn(&[Entry]) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.shared.changed.notified();
            if done(&self.shared.log.lock().await) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || tokio::time::timeout(left, notified).await.is_err() {
                return done(&self.shared.log.lock().await);
            }
        }
    }

    /// Waits until the bot has identified and registered (or checked) its commands.
    pub async fn wait_ready(&self, timeout: Duration) -> bool {
        self.wait_for(timeout, |log| {
            log.iter().any(|e| e.kind == Kind::CommandsGet)
        })
        .await
            && self.shared.session.lock().await.is_some()
    }

    /// Makes the next `n` requests for the gateway fail as an unreachable Discord would (502).
    pub fn fail_gateway(&self, n: usize) {
        self.shared.gateway_failures.store(n, Ordering::SeqCst);
    }

    /// How many of those failures are still to come.
    pub fn gateway_failures_left(&self) -> usize {
        self.shared.gateway_failures.load(Ordering::SeqCst)
    }

    /// The identify payload the bot sent last.
    pub async fn identify(&self) -> Option<Value> {
        self.shared.identify.lock().await.clone()
    }

    /// Everything the bot sent so far.
    pub async fn entries(&self) -> Vec<Entry> {
        self.shared.log.lock().await.clone()
    }

    /// Every rule the bot broke so far.
    pub async fn violations(&self) -> Vec<String> {
        self.shared.violations.lock().await.clone()
    }

    /// The commands registered for the emulated guild.
    pub async fn guild_commands(&self) -> Vec<Value> {
        let key = format!("guild:{GUILD_ID}");
        self.shared
            .commands
            .lock()
            .await
            .get(&key)
            .cloned()
            .unwrap_or_default()
    }

    /// How many times the bot overwrote its commands.
    pub async fn command_writes(&self) -> usize {
        self.entries()
            .await
            .iter()
            .filter(|e| e.kind == Kind::CommandsPut)
            .count()
    }

    fn next_id(&self) -> u64 {
        self.shared.ids.fetch_add(1, Ordering::SeqCst)
    }

    async fn dispatch(&self, event: &str, data: Value) {
        let seq = self.shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({"op": 0, "s": seq, "t": event, "d": data}).to_string();
        let session = self.shared.session.lock().await;
        let sender = session.as_ref().expect("the bot is connected");
        sender.send(frame).expect("the gateway connection is open");
    }

    fn interaction(&self, id: u64, kind: u8, member: &Member, data: Value, locale: &str) -> Value {
        json!({
            "id": id.to_string(),
            "application_id": BOT_ID.to_string(),
            "type": kind,
            "data": data,
            "guild_id": GUILD_ID.to_string(),
            "channel_id": CHANNEL_ID.to_string(),
            "member": member.json(),
            "app_permissions": "2248473465835073",
            "token": format!("itok-{id}"),
            "version": 1,
            "locale": locale,
            "guild_locale": "zh-CN",
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
            "context": 0,
            "attachment_size_limit": 26_214_400,
        })
    }

    /// Sends a slash command; `options` as Discord sends them. Returns the interaction id.
    pub async fn slash(&self, member: &Member, name: &str, options: Value) -> u64 {
        self.slash_in(member, name, options, "zh-CN").await
    }

    /// The same with the user's locale.
    pub async fn slash_in(&self, member: &Member, name: &str, options: Value, locale: &str) -> u64 {
        let id = self.next_id();
        let data =
            json!({"id": self.next_id().to_string(), "name": name, "type": 1, "options": options});
        let payload = self.interaction(id, 2, member, data, locale);
        self.shared
            .dispatched
            .lock()
            .await
            .insert(id, (Instant::now(), format!("itok-{id}"), false));
        self.dispatch("INTERACTION_CREATE", payload).await;
        id
    }

    /// Presses a button with `custom_id` on a message of the bot's.
    pub async fn press(&self, member: &Member, custom_id: &str) -> u64 {
        self.component(member, json!({"custom_id": custom_id, "component_type": 2}))
            .await
    }

    /// Picks `values` in the string select menu `custom_id` on a message of the bot's.
    pub async fn choose(&self, member: &Member, custom_id: &str, values: &[&str]) -> u64 {
        self.component(
            member,
            json!({"custom_id": custom_id, "component_type": 3, "values": values}),
        )
        .await
    }

    async fn component(&self, member: &Member, data: Value) -> u64 {
        let id = self.next_id();
        let message = self.message_json(self.next_id(), BOT_ID, "testbot", true, "", vec![]);
        let mut payload = self.interaction(id, 3, member, data, "zh-CN");
        payload["message"] = message;
        self.shared
            .dispatched
            .lock()
            .await
            .insert(id, (Instant::now(), format!("itok-{id}"), true));
        self.dispatch("INTERACTION_CREATE", payload).await;
        id
    }

    fn message_json(
        &self,
        id: u64,
        author: u64,
        name: &str,
        bot: bool,
        content: &str,
        mentions: Vec<Value>,
    ) -> Value {
        json!({
            "id": id.to_string(),
            "channel_id": CHANNEL_ID.to_string(),
            "guild_id": GUILD_ID.to_string(),
            "author": {"id": author.to_string(), "username": name, "avatar": null, "bot": bot},
            "member": {"roles": [], "joined_at": "2024-01-01T00:00:00+00:00", "deaf": false, "mute": false},
            "content": content,
            "timestamp": "2024-01-01T00:00:00.000000+00:00",
            "edited_timestamp": null,
            "tts": false, "mention_everyone": false,
            "mentions": mentions,
            "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0,
        })
    }

    /// Posts a message in the channel that mentions the bot; returns the message id.
    pub async fn mention(&self, member: &Member, question: &str) -> u64 {
        let id = self.next_id();
        let bot = json!({"id": BOT_ID.to_string(), "username": "testbot", "bot": true});
        let content = format!("<@{BOT_ID}> {question}");
        let message = self.message_json(id, member.id, &member.name, false, &content, vec![bot]);
        self.dispatch("MESSAGE_CREATE", message).await;
        id
    }

    /// Posts a plain message (no mention) in the channel; returns the message id.
    pub async fn say(&self, member: &Member, content: &str) -> u64 {
        let id = self.next_id();
        let message = self.message_json(id, member.id, &member.name, false, content, vec![]);
        self.dispatch("MESSAGE_CREATE", message).await;
        id
    }

    /// The message an interaction was finally answered with: the callback's data, or for a
    /// deferred response the edit that followed. `None` if nothing came in time.
    pub async fn response(&self, interaction: u64, timeout: Duration) -> Option<(u64, Value)> {
        let token = format!("itok-{interaction}");
        let answered = |log: &[Entry]| {
            let callback = log
                .iter()
                .find(|e| e.kind == Kind::Callback && e.interaction == Some(interaction))?;
            let kind = callback.body["type"].as_u64().unwrap_or(0);
            if kind == 5 {
                let edit = log
                    .iter()
                    .find(|e| e.kind == Kind::EditOriginal && e.path.contains(&token))?;
                Some((kind, edit.body.clone()))
            } else {
                Some((kind, callback.body["data"].clone()))
            }
        };
        self.wait_for(timeout, |log| answered(log).is_some()).await;
        answered(&self.shared.log.lock().await)
    }

    /// Callback latencies so far.
    pub async fn latencies(&self) -> Vec<Duration> {
        self.entries()
            .await
            .iter()
            .filter_map(|e| e.latency)
            .collect()
    }
}
