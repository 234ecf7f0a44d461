//! The log, on standard error. Whatever the level, secrets never reach it: an interaction's
//! token (a webhook credential for fifteen minutes) and the bot's token are blotted out of every
//! line before it is written. serenity logs interactions and HTTP routes with their tokens at
//! debug and trace, and a payload it cannot read at warn, so the blotting is done on the written
//! line rather than at each place that logs.

use std::io::{self, Write};
use std::sync::LazyLock;

use regex::Regex;

/// serenity's websocket module, held at info whatever the level asked for.
const QUIET_GATEWAY: &str = "serenity::gateway::ws=info";

/// What replaces a secret.
const BLOT: &str = "<redacted>";

/// Where tokens appear: webhook and interaction routes (`/interactions/1/TOKEN/callback`,
/// `/webhooks/1/TOKEN`), a field named token in debug or JSON output (`token: "…"`,
/// `"token":"…"`, `\"token\":\"…\"`), and an `Authorization: Bot …` value.
static SECRETS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // The bot token first: a `token: "Bot …"` field must lose the token, not the prefix.
        (r"(Bot )[A-Za-z0-9_.\-]{20,}", "${1}"),
        (r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_.\-]+", "${1}"),
        (
            r#"((?i:token)\\?"?\s*[:=]\s*(?:Some\(|String\()?\\?"?)[A-Za-z0-9_.\-]+"#,
            "${1}",
        ),
    ]
    .into_iter()
    .map(|(pattern, keep)| {
        let regex = Regex::new(pattern).expect("the secret patterns are valid");
        (regex, keep)
    })
    .collect()
});

/// A line with its secrets blotted out.
pub fn redact(line: &str) -> std::borrow::Cow<'_, str> {
    let mut line = std::borrow::Cow::Borrowed(line);
    for (pattern, keep) in SECRETS.iter() {
        if pattern.is_match(&line) {
            let replacement = format!("{keep}{BLOT}");
            line = std::borrow::Cow::Owned(pattern.replace_all(&line, replacement).into_owned());
        }
    }
    line
}

/// Standard error, through `redact`. The formatter writes each event in one call, so a token is
/// never split between two writes.
pub struct Redacted;

impl Write for Redacted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        io::stderr().lock().write_all(redact(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

/// Starts logging at `level` (an `EnvFilter` directive; `RUST_LOG` wins when set).
pub fn init(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(level))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"))
        // serenity's gateway logs payloads it cannot parse as compressed bytes at debug: a
        // token no pattern can see.
        .add_directive(QUIET_GATEWAY.parse().expect("a valid directive"));
    // No colours: escape codes between a field's name and its value would hide it from the
    // patterns.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| Redacted)
        .with_ansi(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn tokens_are_blotted_out_wherever_they_are_written() {
        for (line, secret) in [
            (
                "POST /api/v10/interactions/123/aW50ZXJhY3Rpb246MTIz.abc-_/callback",
                "aW50ZXJhY3Rpb246MTIz",
            ),
            ("/api/v10/webhooks/42/itok-7/messages/@original", "itok-7"),
            (
                r#"CommandInteraction { id: 1, token: "itok-9", locale: "zh-CN" }"#,
                "itok-9",
            ),
            (r#"{"type":2,"token":"itok-10","id":"5"}"#, "itok-10"),
            (r#"text: "{\"token\":\"itok-11\"}""#, "itok-11"),
            (
                r#"Object {"token": String("itok-12"), "id": String("5")}"#,
                "itok-12",
            ),
            (
                r#"Http { token: "Bot MTA5ODc2NTQzMjEwOTg3NjU0.GabcDE.xyz" }"#,
                "MTA5ODc2NTQzMjEwOTg3NjU0",
            ),
            (
                "authorization: Bot MTA5ODc2NTQzMjEwOTg3NjU0.GabcDE.xyz",
                "MTA5ODc2NTQzMjEwOTg3NjU0",
            ),
        ] {
            let shown = redact(line);
            assert!(!shown.contains(secret), "{line} → {shown}");
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }

    #[test]
    fn lines_without_secrets_are_written_as_they_are() {
        let line = "answered question=\"中美气候合作\" found=true elapsed_ms=12";
        assert_eq!(redact(line), line);
    }
}
