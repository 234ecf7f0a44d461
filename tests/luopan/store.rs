//! The store as the bot and the command line use it: every answer recorded with hashed ids,
//! read back by `luopan stats`, `gaps` and `export`; a store that cannot be written never
//! stops an answer.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::{Value, json};

use crate::bot::{WAIT, alice, answer, assert_no_violations, question, start};
use crate::common::root;
use crate::discord::{self, Member};

/// `luopan` reading the store at `path`.
pub(crate) fn luopan(path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_luopan"))
        .args(args)
        .current_dir(root())
        .env("LUOPAN__STORE__PATH", path)
        .env_remove("RUST_LOG")
        .output()
        .expect("luopan runs")
}

fn json_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Waits until `luopan stats` counts `asks` answers.
async fn recorded(path: &Path, asks: u64) -> Value {
    let mut stats = Value::Null;
    for _ in 0..100 {
        let output = luopan(path, &["stats", "--json"]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stats = serde_json::from_slice(&output.stdout).expect("JSON");
        if stats["asks"] == asks {
            return stats;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stats
}

/// Every file of the store (the database and its write-ahead log), as bytes.
pub(crate) fn store_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", path.display());
        bytes.extend(std::fs::read(file).unwrap_or_default());
    }
    bytes
}

pub(crate) fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_is_recorded_with_hashed_ids_and_read_back() {
    let (discord, bot) = start("store-recorded", &[]).await;
    let path = bot.dir.join("store.sqlite3");
    answer(
        &discord,
        &alice(),
        "ask",
        question("中美为什么能在气候变化上合作？"),
    )
    .await;
    answer(
        &discord,
        &alice(),
        "ask",
        question("中美在火星探测上有合作吗"),
    )
    .await;
    answer(
        &discord,
        &alice(),
        "ask",
        question("中美火星探测有没有合作"),
    )
    .await;
    // Discord writes a mention in a question as markup holding the raw id.
    let mentioning = format!("<@{}> 问：中美气候合作的成果", alice().id);
    answer(&discord, &alice(), "ask", question(&mentioning)).await;
    let stats = recorded(&path, 4).await;
    assert_eq!(stats["asks"], 4, "{stats}");
    assert_eq!(stats["found"], 2, "{stats}");
    assert_eq!(stats["not_found"], 2, "{stats}");

    let gaps = json_of(&luopan(&path, &["gaps", "--json"]));
    let gaps = gaps.as_array().expect("gaps");
    assert_eq!(gaps.len(), 1, "alike wordings are one gap: {gaps:?}");
    assert_eq!(gaps[0]["asked"], 2);

    let export = luopan(&path, &["export", "--format", "jsonl"]);
    let lines: Vec<Value> = String::from_utf8(export.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[3]["question"], "@user 问：中美气候合作的成果");
    assert_eq!(lines[0]["question"], "中美为什么能在气候变化上合作？");
    assert!(lines[0]["citations"].as_array().unwrap().len() >= 5);
    assert_eq!(lines[0]["user"], lines[1]["user"], "one user, one hash");
    let csv = luopan(
        &path,
        &["export", "--format", "csv", "--since", "2020-01-01"],
    );
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count(), 5);

    // No raw id anywhere: not in the files, not in the exports.
    let bytes = store_bytes(&path);
    let mut exported = export.stdout;
    exported.extend(csv.stdout);
    for id in [alice().id, discord::GUILD_ID, discord::CHANNEL_ID] {
        for haystack in [&bytes, &exported] {
            assert!(!holds(haystack, id.to_string().as_bytes()), "{id} as text");
            assert!(!holds(haystack, &id.to_le_bytes()), "{id} as bytes");
            assert!(!holds(haystack, &id.to_be_bytes()), "{id} as bytes");
        }
    }
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_keep_flowing_when_the_store_is_deleted_or_cannot_be_written() {
    let (discord, bot) = start("store-broken", &[]).await;
    let path = bot.dir.join("store.sqlite3");
    answer(&discord, &alice(), "ask", question("气候合作的成果")).await;
    recorded(&path, 1).await;
    // Deleted mid-run: the next answers go to a new file.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    answer(&discord, &alice(), "ask", question("入世谈判的难点")).await;
    let stats = recorded(&path, 1).await;
    assert_eq!(
        stats["asks"], 1,
        "a new store holds the answer after the deletion"
    );
    // Unwritable: a folder where the file should be.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::create_dir_all(&path).unwrap();
    for text in ["雷曼兄弟破产", "巴黎协定的谈判"] {
        let (_, reply) = answer(&discord, &alice(), "ask", question(text)).await;
        assert!(
            reply["embeds"][0]["fields"].is_array(),
            "still answered: {reply}"
        );
    }
    let moderator = Member::moderator(500_000_000_000_000_009, "mod");
    // The writer takes its records a moment after the answers went out: ask until it has.
    let mut text = String::new();
    for _ in 0..50 {
        let id = discord
            .slash(
                &moderator,
                "corpus",
                json!([{"name": "status", "type": 1, "options": []}]),
            )
            .await;
        let (_, status) = discord.response(id, WAIT).await.expect("status");
        text = status["content"].as_str().unwrap_or_default().to_string();
        if text.contains("cannot be written") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(text.contains("store.sqlite3: cannot be written"), "{text}");
    assert!(!text.contains(bot.dir.to_str().unwrap()), "{text}");
    let log = bot.log();
    assert_eq!(
        log.matches("the store cannot be written").count(),
        1,
        "logged once: {log}"
    );
    assert_no_violations(&discord).await;
}

#[test]
fn stats_without_a_store_say_nothing_was_recorded() {
    let path = crate::common::scratch("store-none").join("absent.sqlite3");
    let output = luopan(&path, &["stats"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing recorded yet"));
    assert!(!path.exists(), "reading never creates the store");
    let bad = luopan(&path, &["export", "--since", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
}
