//! Registering the slash commands only when they differ from what Discord holds: Discord limits
//! command creations per day, so the bot fetches the registered commands, compares them with
//! its own in a canonical form, and overwrites them in bulk only when something changed.

use serde_json::{Map, Value, json};
use serenity::all::{Command, CreateCommand, GuildId, Http};

/// Where commands live: one server (instant) or everywhere (global).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Guild(u64),
    Global,
}

/// Makes the commands Discord holds match `desired`; returns whether it had to write them.
pub async fn sync(
    http: &Http,
    scope: Scope,
    desired: Vec<CreateCommand>,
) -> serenity::Result<bool> {
    let existing = match scope {
        Scope::Guild(id) => {
            http.get_guild_commands_with_localizations(GuildId::new(id))
                .await?
        }
        Scope::Global => http.get_global_commands_with_localizations().await?,
    };
    let wanted: Vec<Value> = desired
        .iter()
        .map(|c| serde_json::to_value(c).unwrap_or(Value::Null))
        .collect();
    let held: Vec<Value> = existing
        .iter()
        .map(|c: &Command| serde_json::to_value(c).unwrap_or(Value::Null))
        .collect();
    if same_commands(&wanted, &held) {
        return Ok(false);
    }
    match scope {
        Scope::Guild(id) => {
            GuildId::new(id).set_commands(http, desired).await?;
        }
        Scope::Global => {
            Command::set_global_commands(http, desired).await?;
        }
    }
    Ok(true)
}

/// Whether two lists of commands (as Discord or serenity serialize them) say the same thing.
pub fn same_commands(a: &[Value], b: &[Value]) -> bool {
    let canonical = |list: &[Value]| {
        let mut list: Vec<Value> = list.iter().map(command).collect();
        list.sort_by(|x, y| x["name"].as_str().cmp(&y["name"].as_str()));
        list
    };
    canonical(a) == canonical(b)
}

fn command(value: &Value) -> Value {
    json!({
        "name": value["name"],
        "type": value.get("type").and_then(Value::as_u64).unwrap_or(1),
        "description": text(&value["description"]),
        "name_localizations": localizations(&value["name_localizations"]),
        "description_localizations": localizations(&value["description_localizations"]),
        "default_member_permissions": permissions(&value["default_member_permissions"]),
        "options": options(&value["options"]),
    })
}

fn options(value: &Value) -> Value {
    let list = value.as_array().cloned().unwrap_or_default();
    Value::Array(
        list.iter()
            .map(|o| {
                json!({
                    "type": o["type"],
                    "name": o["name"],
                    "description": text(&o["description"]),
                    "name_localizations": localizations(&o["name_localizations"]),
                    "description_localizations": localizations(&o["description_localizations"]),
                    "required": o.get("required").and_then(Value::as_bool).unwrap_or(false),
                    "max_length": o.get("max_length").cloned().unwrap_or(Value::Null),
                    "min_length": o.get("min_length").cloned().unwrap_or(Value::Null),
                    "choices": choices(&o["choices"]),
                    "options": options(&o["options"]),
                })
            })
            .collect(),
    )
}

fn choices(value: &Value) -> Value {
    let list = value.as_array().cloned().unwrap_or_default();
    Value::Array(
        list.iter()
            .map(|c| {
                json!({
                    "name": c["name"],
                    "value": c["value"],
                    "name_localizations": localizations(&c["name_localizations"]),
                })
            })
            .collect(),
    )
}

fn text(value: &Value) -> Value {
    Value::String(value.as_str().unwrap_or_default().to_string())
}

/// Missing, null and empty localization maps are the same thing.
fn localizations(value: &Value) -> Value {
    match value.as_object() {
        Some(map) if !map.is_empty() => Value::Object(map.clone()),
        _ => Value::Object(Map::new()),
    }
}

/// Permissions arrive as a string of digits or as a number.
fn permissions(value: &Value) -> Value {
    match value {
        Value::String(s) => s
            .parse::<u64>()
            .map_or(Value::Null, |n| json!(n.to_string())),
        Value::Number(n) => json!(n.to_string()),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_compare_by_what_they_say_not_how_they_are_written() {
        let ours = vec![
            json!({"name": "ask", "description": "Ask", "options": [{"type": 3, "name": "question", "description": "q", "required": true}], "name_localizations": {}, "default_member_permissions": null}),
        ];
        let theirs = vec![
            json!({"id": "1", "application_id": "2", "version": "3", "type": 1, "name": "ask", "description": "Ask", "options": [{"type": 3, "name": "question", "description": "q", "required": true, "name_localizations": null}]}),
        ];
        assert!(same_commands(&ours, &theirs));
        let changed = vec![
            json!({"name": "ask", "description": "Ask anything", "options": [{"type": 3, "name": "question", "description": "q", "required": true}]}),
        ];
        assert!(!same_commands(&ours, &changed));
        assert!(!same_commands(&ours, &[]));
    }

    #[test]
    fn permissions_compare_as_numbers() {
        let a =
            vec![json!({"name": "corpus", "description": "x", "default_member_permissions": "32"})];
        let b =
            vec![json!({"name": "corpus", "description": "x", "default_member_permissions": 32})];
        assert!(same_commands(&a, &b));
    }
}
