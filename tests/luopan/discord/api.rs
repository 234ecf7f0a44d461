//! The HTTP API the bot calls: each route checks the Authorization header and the payload
//! against Discord's rules, records what was sent, and answers as Discord would.

use super::*;

pub(super) async fn record(shared: &Shared, entry: Entry) {
    shared.log.lock().await.push(entry);
    shared.changed.notify_waiters();
}

pub(super) async fn violation(shared: &Shared, what: String) {
    shared.violations.lock().await.push(what);
    shared.changed.notify_waiters();
}

/// Checks the Authorization header; a violation (and a 401) when it is wrong.
pub(super) async fn authorized(shared: &Shared, headers: &HeaderMap, path: &str) -> bool {
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

pub(super) fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"code": 0, "message": message}))).into_response()
}

pub(super) fn parse(body: &Bytes) -> Value {
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

pub(super) async fn check(shared: &Shared, path: &str, message: &Value) {
    for broken in check_message(message) {
        violation(shared, format!("{path}: {broken}")).await;
    }
}

pub(super) fn message_reply(shared: &Shared, channel: &str, body: &Value) -> Value {
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

pub(super) async fn gateway_url(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    authorized(&shared, &headers, "/gateway").await;
    axum::Json(json!({"url": format!("ws://{}", shared.ws)})).into_response()
}

pub(super) async fn gateway_bot(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
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

pub(super) async fn current_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Response {
    authorized(&shared, &headers, "/users/@me").await;
    axum::Json(json!({"id": BOT_ID.to_string(), "username": "testbot", "bot": true}))
        .into_response()
}

pub(super) async fn commands_of(shared: &Shared, scope: String, path: String) -> Response {
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

pub(super) async fn write_commands(
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

pub(super) async fn get_commands(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    commands_of(&shared, "global".into(), uri.path().into()).await
}

pub(super) async fn put_commands(
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

pub(super) async fn get_guild_commands(
    State(shared): State<Arc<Shared>>,
    Path((_app, guild)): Path<(String, u64)>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    authorized(&shared, &headers, uri.path()).await;
    commands_of(&shared, format!("guild:{guild}"), uri.path().into()).await
}

pub(super) async fn put_guild_commands(
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

pub(super) async fn callback(
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
pub(super) async fn webhook_message(
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

pub(super) async fn edit_original(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    webhook_message(&shared, Kind::EditOriginal, &headers, &uri, &body).await
}

pub(super) async fn followup(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    webhook_message(&shared, Kind::Followup, &headers, &uri, &body).await
}

pub(super) async fn channel_message(
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

pub(super) async fn thread(
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

pub(super) async fn unexpected(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    violation(&shared, format!("unexpected request to {uri}")).await;
    error(StatusCode::NOT_FOUND, "404: Not Found")
}

pub(super) fn guild_create() -> Value {
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
