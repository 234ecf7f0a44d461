//! The gateway websocket: hello, identify, ready and the guild, heartbeats, and the events
//! the tests dispatch.

use super::*;

/// Accepts gateway connections one after another (the bot runs one shard).
pub(super) async fn gateway(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    while let Ok((stream, _)) = listener.accept().await {
        let shared = shared.clone();
        tokio::spawn(async move {
            if let Ok(socket) = tokio_tungstenite::accept_async(stream).await {
                session(socket, shared).await;
            }
        });
    }
}

pub(super) async fn session(
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
