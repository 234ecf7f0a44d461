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

async fn record(shared: &Shared, entry: Entry) {
    shared.log.lock().await.push(entry);
    shared.changed.notify_waiters();
}

async fn violation(shared: &Shared, what: String) {
    shared.violations.lock().await.push(what);
    shared.changed.notify_waiters();
}

/// Checks the Authorization header; a violation (and a 401) when it is wrong.
async fn authorized(shared: &Shared, headers: &HeaderMap, path: &str) -> bool {
    let expected = format!("Bot {}", shared.token);
    let ok = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == expected);
    if !ok {
        violation(
            shared,
            format!("{path}: missing or wrong Authorization header"),
        )
        .await;
    }
    ok
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"code": 0, "message": message}))).into_response()
}

fn parse(body: &Bytes) -> Value {
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

/// Every limit a message payload breaks, and missing allowed-mentions protection.
pub fn check_message(message: &Value) -> Vec<String> {
    let mut broken = Vec::new();
    let chars = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    let mut over = |what: &str, length: usize, max: usize| {
        if length > max {
            broken.push(format!("{what} is {length}, over {max}"));
        }
    };
    over("content", chars(&message["content"]), 2000);
    let embeds = message["embeds"].as_array().cloned().unwrap_or_default();
    over("embeds", embeds.len(), 10);
    let mut total = 0;
    for embed in &embeds {
        let title = chars(&embed["title"]);
        let description = chars(&embed["description"]);
        let footer = chars(&embed["footer"]["text"]);
        let author = chars(&embed["author"]["name"]);
        over("embed title", title, 256);
        over("embed description", description, 4096);
        over("embed footer", footer, 2048);
        over("embed author", author, 256);
        total += title + description + footer + author;
        let fields = embed["fields"].as_array().cloned().unwrap_or_default();
        over("embed fields", fields.len(), 25);
        for field in &fields {
            let (name, value) = (chars(&field["name"]), chars(&field["value"]));
            over("field name", name, 256);
            over("field value", value, 1024);
            over(
                "empty field names or values",
                usize::from(name == 0 || value == 0),
                0,
            );
            total += name + value;
        }
    }
    over("embeds together", total, 6000);
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    over("component rows", rows.len(), 5);
    for row in &rows {
        let components = row["components"].as_array().cloned().unwrap_or_default();
        let selects = components.iter().filter(|c| c["type"] == 3).count();
        if selects > 0 {
            // A select menu fills its row alone.
            over(
                "components in a row with a select menu",
                components.len(),
                1,
            );
        }
        over("buttons in a row", components.len(), 5);
        for component in &components {
            over("custom_id", chars(&component["custom_id"]), 100);
            match component["type"].as_u64() {
                Some(2) => {
                    over("button label", chars(&component["label"]), 80);
                    let labelled = chars(&component["label"]) > 0;
                    let emoji = component["emoji"]["name"]
                        .as_str()
                        .is_some_and(|n| !n.is_empty());
                    over(
                        "buttons with neither a label nor an emoji",
                        usize::from(!labelled && !emoji),
                        0,
                    );
                }
                Some(3) => {
                    over("select placeholder", chars(&component["placeholder"]), 150);
                    let options = component["options"].as_array().cloned().unwrap_or_default();
                    over("select options", options.len(), 25);
                    over(
                        "select menus without options",
                        usize::from(options.is_empty()),
                        0,
                    );
                    for option in &options {
                        over("option label", chars(&option["label"]), 100);
                        over("option value", chars(&option["value"]), 100);
                    }
                }
                _ => over("components of an unknown type", 1, 0),
            }
        }
    }
    let mentions = &message["allowed_mentions"];
    let parses_nothing = mentions["parse"].as_array().is_some_and(|p| p.is_empty());
    let names_nobody = mentions["users"].as_array().is_none_or(|u| u.is_empty())
        && mentions["roles"].as_array().is_none_or(|r| r.is_empty());
    if !parses_nothing || !names_nobody || mentions["replied_user"] == json!(true) {
        broken.push(format!(
            "allowed_mentions does not silence mentions: {mentions}"
        ));
    }
    broken
}

async fn check(shared: &Shared, path: &str, message: &Value) {
    for broken in check_message(message) {
        violation(shared, format!("{path}: {broken}")).await;
    }
}

fn message_reply(shared: &Shared, channel: &str, body: &Value) -> Value {
    let id = shared.ids.fetch_add(1, Ordering::SeqCst);
    json!({
        "id": id.to_string(),
        "channel_id": channel,
        "author": {"id": BOT_ID.to_string(), "username": "testbot", "bot": true},
        "content": body["content"].as_str().unwrap_or_default(),
        "timestamp": "2024-01-01T00:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": body["embeds"].clone().as_array().cloned().unwrap_or_default(),
        "pinned": false, "type": 0,
        "webhook_id": BOT_ID.to_string(),
    })
}

async fn gateway_url(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    authorized(&shared, &headers, "/gateway").await;
    axum::Json(json!({"url": format!("ws://{}", shared.ws)})).into_response()
}

async fn gateway_bot(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if !authorized(&shared, &headers, "/gateway/bot").await {
        return error(StatusCode::UNAUTHORIZED, "401: Unauthorized");
    }
    let failing = shared
        .gateway_failures
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if failing {
        return error(StatusCode::BAD_GATEWAY, "502: Bad Gateway");
    }
    axum::Json(json!({
        "url": format!("ws://{}", shared.ws),
        "shards": 1,
        "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
    }))
    .into_response()
}

async fn current_user(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    authorized(&shared, &headers, "/users/@me").await;
    axum::Json(json!({"id": BOT_ID.to_string(), "username": "testbot", "bot": true}))
        .into_response()
}

async fn commands_of(shared: &Shared, scope: String, path: String) -> Response {
    record(
        shared,
        Entry {
            kind: Kind::CommandsGet,
            path,
            body: Value::Null,
            interaction: None,
            latency: None,
        },
    )
    .await;
    let commands = shared
        .commands
        .lock()
        .await
        .get(&scope)
        .cloned()
        .unwrap_or_default();
    axum::Json(Value::Array(commands)).into_response()
}

async fn write_commands(
    shared: &Shared,
    scope: String,
    path: String,
    body: Value,
    guild: Option<u64>,
) -> Response {
    let Some(list) = body.as_array() else {
        violation(shared, format!("{path}: the command list is not an array")).await;
        return error(StatusCode::BAD_REQUEST, "400: bad commands");
    };
    let mut stored = Vec::new();
    for command in list {
        let name = command["name"].as_str().unwrap_or_default();
        let description = command["description"].as_str().unwrap_or_default();
        if !(1..=32).contains(&name.chars().count())
            || !(1..=100).contains(&description.chars().count())
        {
            violation(
                shared,
                format!("{path}: command `{name}` breaks name or description length"),
            )
            .await;
        }
        let mut command = command.clone();
        command["id"] = json!(shared.ids.fetch_add(1, Ordering::SeqCst).to_string());
        command["application_id"] = json!(BOT_ID.to_string());
        command["version"] = json!(shared.ids.fetch_add(1, Ordering::SeqCst).to_string());
        command["type"] = command.get("type").cloned().unwrap_or(json!(1));
        if let Some(guild) = guild {
            command["guild_id"] = json!(guild.to_string());
        }
        stored.push(command);
    }
    shared.commands.lock().await.insert(scope, stored.clone());
    record(
        shared,
        Entry {
            kind: Kind::CommandsPut,
            path,
            body,
            interaction: None,
            latency: None,
        },
    )
    .await;
    axum::Json(Value::Array(stored)).into_response()
}

async fn get_commands(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    commands_of(&shared, "global".into(), uri.path().into()).await
}

async fn put_commands(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    write_commands(
        &shared,
        "global".into(),
        uri.path().into(),
        parse(&body),
        None,
    )
    .await
}

async fn get_guild_commands(
    State(shared): State<Arc<Shared>>,
    Path((_app, guild)): Path<(String, u64)>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    commands_of(&shared, format!("guild:{guild}"), uri.path().into()).await
}

async fn put_guild_commands(
    State(shared): State<Arc<Shared>>,
    Path((_app, guild)): Path<(String, u64)>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    write_commands(
        &shared,
        format!("guild:{guild}"),
        uri.path().into(),
        parse(&body),
        Some(guild),
    )
    .await
}

async fn callback(
    State(shared): State<Arc<Shared>>,
    Path((id, token)): Path<(u64, String)>,
    uri: Uri,
    body: Bytes,
) -> Response {
    let body = parse(&body);
    let path = uri.path().to_string();
    let dispatched = shared.dispatched.lock().await.get(&id).cloned();
    let Some((at, expected_token, component)) = dispatched else {
        violation(
            &shared,
            format!("{path}: callback for an unknown interaction"),
        )
        .await;
        return error(StatusCode::NOT_FOUND, "10062: Unknown interaction");
    };
    let latency = at.elapsed();
    if latency > ACK_LIMIT {
        violation(&shared, format!("{path}: acknowledged after {latency:?}")).await;
    }
    if token != expected_token {
        violation(&shared, format!("{path}: wrong interaction token")).await;
    }
    let already = shared
        .log
        .lock()
        .await
        .iter()
        .any(|e| e.kind == Kind::Callback && e.interaction == Some(id));
    if already {
        violation(
            &shared,
            format!("{path}: a second callback for one interaction"),
        )
        .await;
        return error(
            StatusCode::BAD_REQUEST,
            "40060: Interaction has already been acknowledged",
        );
    }
    match body["type"].as_u64() {
        // Updating or deferring an update of the message is for a component's interaction.
        Some(6) | Some(7) if !component => {
            violation(
                &shared,
                format!("{path}: a message update answering a command"),
            )
            .await
        }
        Some(4) | Some(7) => check(&shared, &path, &body["data"]).await,
        Some(5) | Some(6) => {}
        other => {
            violation(
                &shared,
                format!("{path}: unexpected callback type {other:?}"),
            )
            .await
        }
    }
    record(
        &shared,
        Entry {
            kind: Kind::Callback,
            path,
            body,
            interaction: Some(id),
            latency: Some(latency),
        },
    )
    .await;
    StatusCode::NO_CONTENT.into_response()
}

/// A message the bot sends through the interaction webhook: checked, recorded, echoed back.
async fn webhook_message(
    shared: &Shared,
    kind: Kind,
    headers: &HeaderMap,
    uri: &Uri,
    body: &Bytes,
) -> Response {
    authorized(shared, headers, uri.path()).await;
    let body = parse(body);
    let path = uri.path().to_string();
    check(shared, &path, &body).await;
    let reply = message_reply(shared, &CHANNEL_ID.to_string(), &body);
    record(
        shared,
        Entry {
            kind,
            path,
            body,
            interaction: None,
            latency: None,
        },
    )
    .await;
    axum::Json(reply).into_response()
}

async fn edit_original(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    webhook_message(&shared, Kind::EditOriginal, &headers, &uri, &body).await
}

async fn followup(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    webhook_message(&shared, Kind::Followup, &headers, &uri, &body).await
}

async fn channel_message(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    let body = parse(&body);
    let path = uri.path().to_string();
    check(&shared, &path, &body).await;
    let reply = message_reply(&shared, &channel, &body);
    let mut recorded = body.clone();
    recorded["id"] = reply["id"].clone();
    record(
        &shared,
        Entry {
            kind: Kind::ChannelMessage,
            path,
            body: recorded,
            interaction: None,
            latency: None,
        },
    )
    .await;
    axum::Json(reply).into_response()
}

async fn thread(
    State(shared): State<Arc<Shared>>,
    Path((channel, _message)): Path<(String, String)>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    let body = parse(&body);
    let path = uri.path().to_string();
    let name = body["name"].as_str().unwrap_or_default().chars().count();
    if !(1..=100).contains(&name) {
        violation(&shared, format!("{path}: thread name of {name} characters")).await;
    }
    let id = shared.ids.fetch_add(1, Ordering::SeqCst);
    record(
        &shared,
        Entry {
            kind: Kind::Thread,
            path,
            body: body.clone(),
            interaction: None,
            latency: None,
        },
    )
    .await;
    axum::Json(json!({
        "id": id.to_string(), "type": 11, "name": body["name"], "guild_id": GUILD_ID.to_string(),
        "parent_id": channel, "owner_id": BOT_ID.to_string(),
    }))
    .into_response()
}

async fn unexpected(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    violation(&shared, format!("unexpected request to {uri}")).await;
    error(StatusCode::NOT_FOUND, "404: Not Found")
}

fn guild_create() -> Value {
    json!({
        "id": GUILD_ID.to_string(), "name": "Test Guild", "icon": null,
        "owner_id": BOT_ID.to_string(),
        "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
        "roles": [{"id": GUILD_ID.to_string(), "name": "@everyone", "color": 0, "colors": {"primary_color": 0},
                   "hoist": false, "managed": false, "mentionable": false, "permissions": SEND_MESSAGES.to_string(), "position": 0},
                  {"id": MODERATOR_ROLE.to_string(), "name": "moderators", "color": 0, "colors": {"primary_color": 0},
                   "hoist": false, "managed": false, "mentionable": true, "permissions": SEND_MESSAGES.to_string(), "position": 1}],
        "emojis": [], "features": [], "mfa_level": 0, "system_channel_flags": 0, "premium_tier": 0,
        "preferred_locale": "zh-CN", "nsfw_level": 0, "stickers": [], "premium_progress_bar_enabled": false,
        "joined_at": "2024-01-01T00:00:00.000000+00:00", "large": false, "unavailable": false, "member_count": 2,
        "voice_states": [], "members": [],
        "channels": [{"id": CHANNEL_ID.to_string(), "type": 0, "name": "general", "position": 0, "permission_overwrites": []}],
        "threads": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
    })
}

/// Accepts gateway connections one after another (the bot runs one shard).
async fn gateway(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    while let Ok((stream, _)) = listener.accept().await {
        let shared = shared.clone();
        tokio::spawn(async move {
            if let Ok(socket) = tokio_tungstenite::accept_async(stream).await {
                session(socket, shared).await;
            }
        });
    }
}

async fn session(
    socket: tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>,
    shared: Arc<Shared>,
) {
    let (mut sink, mut stream) = socket.split();
    let (sender, mut outgoing) = mpsc::unbounded_channel::<String>();
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41_250}}).to_string();
    if sink.send(Frame::Text(hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            frame = stream.next() => {
                let Some(Ok(frame)) = frame else { break };
                let Frame::Text(text) = frame else { continue };
                let payload: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                match payload["op"].as_u64() {
                    Some(1) => {
                        let _ = sink.send(Frame::Text(json!({"op": 11}).to_string())).await;
                    }
                    Some(2) => {
                        let expected = format!("Bot {}", shared.token);
                        if payload["d"]["token"].as_str() != Some(expected.as_str()) {
                            violation(&shared, "identify with a wrong token".into()).await;
                            let _ = sink.send(Frame::Close(None)).await;
                            break;
                        }
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        *shared.identify.lock().await = Some(payload["d"].clone());
                        let seq = shared.seq.fetch_add(2, Ordering::SeqCst);
                        let ready = json!({"op": 0, "s": seq + 1, "t": "READY", "d": {
                            "v": 10,
                            "user": {"id": BOT_ID.to_string(), "username": "testbot", "bot": true, "discriminator": "0000", "avatar": null},
                            "guilds": [{"id": GUILD_ID.to_string(), "unavailable": true}],
                            "session_id": "session-1",
                            "resume_gateway_url": format!("ws://{}", shared.ws),
                            "shard": if payload["d"]["shard"].is_array() { payload["d"]["shard"].clone() } else { json!([0, 1]) },
                            "application": {"id": BOT_ID.to_string(), "flags": 0},
                        }});
                        let guild = json!({"op": 0, "s": seq + 2, "t": "GUILD_CREATE", "d": guild_create()});
                        let _ = sink.send(Frame::Text(ready.to_string())).await;
                        let _ = sink.send(Frame::Text(guild.to_string())).await;
                        *shared.session.lock().await = Some(sender.clone());
                        shared.changed.notify_waiters();
                    }
                    Some(6) => {
                        // No resumes here: ask for a new identify.
                        let _ = sink.send(Frame::Text(json!({"op": 9, "d": false}).to_string())).await;
                    }
                    _ => {}
                }
            }
            Some(frame) = outgoing.recv() => {
                if sink.send(Frame::Text(frame)).await.is_err() {
                    break;
                }
            }
        }
    }
}
