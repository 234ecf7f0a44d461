//! Feedback end to end: 👍 and 👎 on answers (one vote per user, changed by voting again, a
//! reason picked for a 👎), what moderators read of it in Discord (`/corpus stats`, `/corpus
//! gaps`), and teaching a passage so that a paraphrase finds it.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::bot::{
    WAIT, alice, answer, assert_no_violations, custom_ids, field_names, is_ephemeral, question,
    start, subcommand,
};
use crate::discord::{self, Discord, Member};
use crate::store::{holds, luopan, store_bytes};

fn bob() -> Member {
    Member::user(500_000_000_000_000_003, "bob")
}

fn moderator() -> Member {
    Member::moderator(500_000_000_000_000_002, "mod")
}

/// The custom id of the button of an answer whose id starts with `prefix`.
fn button(message: &Value, prefix: &str) -> String {
    custom_ids(message)
        .into_iter()
        .find(|id| id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} button in {message}"))
}

/// The exported answers, once `done` holds for them (the writer records in the background).
async fn exported_when(path: &Path, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let mut lines = Vec::new();
    for _ in 0..100 {
        let output = luopan(path, &["export", "--format", "jsonl"]);
        lines = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect();
        if done(&lines) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    lines
}

async fn component_reply(discord: &Discord, interaction: u64) -> (u64, Value) {
    discord
        .response(interaction, WAIT)
        .await
        .expect("a reply in time")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_are_one_per_user_a_second_vote_replaces_the_first_and_a_down_vote_says_why() {
    let (discord, bot) = start("feedback-votes", &[]).await;
    let path = bot.dir.join("store.sqlite3");
    let asked = discord
        .slash(&alice(), "ask", question("中美为什么能在气候变化上合作？"))
        .await;
    let (_, message) = component_reply(&discord, asked).await;
    assert_eq!(button(&message, "up:"), format!("up:{asked}"));
    let down = button(&message, "down:");

    // Alice likes it, then changes her mind and says why.
    let (kind, thanks) = component_reply(
        &discord,
        discord.press(&alice(), &format!("up:{asked}")).await,
    )
    .await;
    assert_eq!(kind, 4);
    assert!(is_ephemeral(&thanks), "only the voter sees the thanks");
    assert!(
        thanks["content"].as_str().unwrap().contains("👍"),
        "{thanks}"
    );
    let (_, picker) = component_reply(&discord, discord.press(&alice(), &down).await).await;
    assert!(is_ephemeral(&picker));
    let row = &picker["components"][0]["components"][0];
    assert_eq!(row["type"], 3, "a select menu: {picker}");
    assert_eq!(row["custom_id"], format!("why:{asked}"));
    let values: Vec<&str> = row["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        [
            "wrong_passage",
            "did_not_answer",
            "wrong_citation",
            "misread",
            "other"
        ]
    );
    let picked = discord
        .choose(&alice(), &format!("why:{asked}"), &["wrong_passage"])
        .await;
    let (kind, noted) = component_reply(&discord, picked).await;
    assert_eq!(kind, 7, "the picker is replaced by the thanks");
    assert!(
        noted["content"].as_str().unwrap().contains("摘录不相关"),
        "{noted}"
    );
    assert_eq!(noted["components"], json!([]), "{noted}");
    // Bob likes it.
    component_reply(
        &discord,
        discord.press(&bob(), &format!("up:{asked}")).await,
    )
    .await;

    let lines = exported_when(&path, |lines| {
        lines
            .first()
            .is_some_and(|l| l["up"] == 1 && l["reasons"] == json!(["wrong_passage"]))
    })
    .await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        (lines[0]["up"].clone(), lines[0]["down"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(lines[0]["reasons"], json!(["wrong_passage"]));

    // What moderators see: the figures with the votes, and the answer voted down as a gap
    // with the passage it got, beside a question that found nothing.
    answer(
        &discord,
        &alice(),
        "ask",
        question("中美在火星探测上有合作吗"),
    )
    .await;
    exported_when(&path, |lines| lines.len() == 2).await;
    let (_, stats) = answer(
        &discord,
        &moderator(),
        "corpus",
        subcommand("stats", json!([{"name": "days", "type": 4, "value": 7}])),
    )
    .await;
    let embed = &stats["embeds"][0];
    assert_eq!(embed["title"], "最近 7 天：2 个问题", "{stats}");
    let fields = embed["fields"].to_string();
    assert!(fields.contains("👍 1 · 👎 1"), "{fields}");
    assert!(fields.contains("50% (1 / 2)"), "{fields}");
    let (_, gaps) = answer(
        &discord,
        &moderator(),
        "corpus",
        subcommand("gaps", json!([])),
    )
    .await;
    let names = field_names(&gaps);
    assert_eq!(names.len(), 2, "{gaps}");
    assert!(
        names
            .iter()
            .any(|n| n.contains("中美在火星探测上有合作吗 ×1")),
        "{names:?}"
    );
    let voted = gaps["embeds"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"].as_str().unwrap().contains("气候变化"))
        .expect("the answer voted down is a gap");
    let got = voted["value"].as_str().unwrap();
    assert!(got.contains("👎 1（摘录不相关 1）"), "{got}");
    assert!(got.contains("`report-"), "names the passage it got: {got}");

    // No raw id of a person, a place or the answer in the store.
    let bytes = store_bytes(&path);
    for id in [
        alice().id,
        bob().id,
        discord::GUILD_ID,
        discord::CHANNEL_ID,
        asked,
    ] {
        assert!(!holds(&bytes, id.to_string().as_bytes()), "{id} as text");
        assert!(!holds(&bytes, &id.to_le_bytes()), "{id} as bytes");
    }
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_on_a_bot_that_records_nothing_say_so() {
    let (discord, _bot) = start("feedback-off", &[("LUOPAN__STORE__ENABLED", "false")]).await;
    let asked = discord.slash(&alice(), "ask", question("巴黎协定")).await;
    component_reply(&discord, asked).await;
    let (_, reply) = component_reply(
        &discord,
        discord.press(&alice(), &format!("down:{asked}")).await,
    )
    .await;
    assert!(
        reply["content"].as_str().unwrap().contains("没有开启记录"),
        "{reply}"
    );
    let (_, stats) = answer(
        &discord,
        &moderator(),
        "corpus",
        subcommand("stats", json!([])),
    )
    .await;
    assert!(
        stats["content"].as_str().unwrap().contains("没有开启记录"),
        "{stats}"
    );
    assert_no_violations(&discord).await;
}

fn teach(question_text: &str, passage: &str) -> Value {
    subcommand(
        "teach",
        json!([
            {"name": "question", "type": 3, "value": question_text},
            {"name": "passage", "type": 3, "value": passage}
        ]),
    )
}

/// The passage the first excerpt of an answer cites.
fn first_source(message: &Value) -> String {
    button(message, "src:")
        .trim_start_matches("src:")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_taught_passage_is_found_by_the_question_and_its_paraphrases() {
    let (discord, bot) = start("feedback-teach", &[]).await;
    let taught_file = bot.dir.join("taught.toml");
    let taught = "中美双方从中国入世里各捞着什么好处";
    let paraphrase = "中国入世以后中美两边分别捞到了哪些好处";
    // Nothing answered in the channel yet: a citation number names nothing.
    let (_, refused) = answer(&discord, &moderator(), "corpus", teach(taught, "15")).await;
    assert!(
        refused["content"].as_str().unwrap().contains("第 15 条"),
        "{refused}"
    );
    let (_, before) = answer(&discord, &alice(), "ask", question(paraphrase)).await;
    let (_, unknown) = answer(
        &discord,
        &moderator(),
        "corpus",
        teach(taught, "report-000000000000"),
    )
    .await;
    assert!(
        unknown["content"]
            .as_str()
            .unwrap()
            .contains("没有这个段落：report-000000000000"),
        "{unknown}"
    );
    assert!(!taught_file.exists(), "nothing taught, nothing written");

    // The moderator asks, and links the question to the answer's 11th excerpt.
    answer(&discord, &moderator(), "ask", question(taught)).await;
    let (kind, reply) = answer(&discord, &moderator(), "corpus", teach(taught, "11")).await;
    assert_eq!(kind, 5, "teaching rebuilds: it defers");
    let text = reply["content"].as_str().unwrap().to_string();
    assert!(text.contains("共有 1 条教学链接"), "{text}");
    let passage = text
        .split(['（', '）'])
        .find(|s| s.starts_with("report-"))
        .unwrap_or_else(|| panic!("names the passage: {text}"))
        .to_string();
    assert_ne!(
        first_source(&before),
        passage,
        "not found first before teaching"
    );
    let file = std::fs::read_to_string(&taught_file).expect("taught.toml written");
    assert!(file.contains(taught) && file.contains(&passage), "{file}");

    let (_, after) = answer(&discord, &alice(), "ask", question(paraphrase)).await;
    assert_eq!(first_source(&after), passage, "{after}");

    // A link whose passage is gone is reported by the reload and the status, not dropped.
    std::fs::write(
        &taught_file,
        format!("{file}\n[[taught]]\nquestion = \"谁最先提出的\"\npassage = \"report-gone\"\n"),
    )
    .unwrap();
    let (_, reloaded) = answer(
        &discord,
        &moderator(),
        "corpus",
        subcommand("reload", json!([])),
    )
    .await;
    let reloaded = reloaded["content"].as_str().unwrap();
    assert!(
        reloaded.contains("1 条教学链接指向已不存在的段落"),
        "{reloaded}"
    );
    assert!(reloaded.contains("report-gone"), "{reloaded}");
    let (_, status) = answer(
        &discord,
        &moderator(),
        "corpus",
        subcommand("status", json!([])),
    )
    .await;
    let status = status["content"].as_str().unwrap();
    assert!(status.contains("taught links: 1"), "{status}");
    assert!(status.contains("report-gone"), "{status}");
    let (_, still) = answer(&discord, &alice(), "ask", question(paraphrase)).await;
    assert_eq!(first_source(&still), passage);
    assert_no_violations(&discord).await;
}
