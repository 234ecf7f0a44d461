//! End to end: the real `luopan serve` process against the emulated Discord. Every test starts
//! its own emulator and bot; every wait is bounded.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::corpus_copy;
use crate::discord::{self, CHANNEL_ID, Discord, Kind, MODERATOR_ROLE, Member};

pub(crate) const TOKEN: &str = "emulated-token";
pub(crate) const WAIT: Duration = Duration::from_secs(20);

/// A running bot; killed when dropped.
pub(crate) struct Bot {
    child: Child,
    pub(crate) dir: PathBuf,
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Bot {
    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("bot.log")).unwrap_or_default()
    }

    /// The bot's exit status once it has ended.
    pub(crate) fn try_wait(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The bot's resident memory, in MB.
    fn rss_mb(&self) -> f64 {
        luopan::process::memory_mb(Some(self.child.id()), "VmRSS")
    }
}

/// Starts `luopan serve` on a copy of the corpus, pointed at the emulator.
pub(crate) fn spawn(discord: &Discord, dir: PathBuf, extra: &[(&str, &str)]) -> Bot {
    let log = std::fs::File::create(dir.join("bot.log")).expect("log file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_luopan"));
    command
        .arg("serve")
        .current_dir(crate::common::root())
        .env("LUOPAN__DISCORD__TOKEN", TOKEN)
        .env("LUOPAN__DISCORD__API_BASE", discord.api_base())
        .env("LUOPAN__DISCORD__GUILD_ID", discord::GUILD_ID.to_string())
        .env(
            "LUOPAN__DISCORD__MODERATOR_ROLES",
            MODERATOR_ROLE.to_string(),
        )
        .env("LUOPAN__DISCORD__COOLDOWN_SECONDS", "0")
        .env("LUOPAN__INDEX__MANIFEST", dir.join("corpus.toml"))
        .env("LUOPAN__INDEX__DIR", dir.join("tantivy"))
        .env("LUOPAN__STORE__PATH", dir.join("store.sqlite3"))
        .env("LUOPAN__STORE__KEY", "test-key")
        .env("LUOPAN__LOG__LEVEL", "warn,luopan=info")
        .env("NO_PROXY", "*")
        .env_remove("RUST_LOG")
        .env_remove("DISCORD_TOKEN")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .stdout(Stdio::null())
        .stderr(log);
    for (key, value) in extra {
        command.env(key, value);
    }
    let child = command.spawn().expect("luopan serve starts");
    Bot { child, dir }
}

/// An emulator and a bot connected to it.
pub(crate) async fn start(name: &str, extra: &[(&str, &str)]) -> (Discord, Bot) {
    let discord = Discord::start(TOKEN).await;
    let bot = spawn(&discord, corpus_copy(name), extra);
    assert!(
        discord.wait_ready(WAIT).await,
        "the bot did not connect; its log:\n{}",
        bot.log()
    );
    (discord, bot)
}

pub(crate) fn question(text: &str) -> Value {
    json!([{"name": "question", "type": 3, "value": text}])
}

pub(crate) fn subcommand(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

pub(crate) fn alice() -> Member {
    Member::user(500_000_000_000_000_001, "alice")
}

pub(crate) async fn answer(
    discord: &Discord,
    member: &Member,
    name: &str,
    options: Value,
) -> (u64, Value) {
    let id = discord.slash(member, name, options).await;
    discord.response(id, WAIT).await.expect("an answer in time")
}

pub(crate) async fn assert_no_violations(discord: &Discord) {
    let violations = discord.violations().await;
    assert!(violations.is_empty(), "rules broken: {violations:#?}");
}

pub(crate) fn field_names(message: &Value) -> Vec<String> {
    message["embeds"][0]["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|f| f["name"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn custom_ids(message: &Value) -> Vec<String> {
    message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| b["custom_id"].as_str().unwrap_or_default().to_string())
        .collect()
}

pub(crate) fn is_ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_with_a_cited_embed_and_source_buttons() {
    let (discord, _bot) = start("bot-ask", &[]).await;
    let (kind, message) = answer(
        &discord,
        &alice(),
        "ask",
        question("中美为什么能在气候变化上合作？"),
    )
    .await;
    assert_eq!(kind, 4, "answered directly");
    let embed = &message["embeds"][0];
    assert_eq!(embed["title"], "问：中美为什么能在气候变化上合作？");
    assert!(
        embed["description"]
            .as_str()
            .unwrap()
            .starts_with("**答：**")
    );
    assert!(embed["description"].as_str().unwrap().contains("[1]"));
    assert!(
        embed["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("语料版本")
    );
    let names = field_names(&message);
    assert_eq!(names.len(), 5);
    assert!(
        names[0].starts_with("[1] 上海国研院报告 · 中美携手推动气候变化《巴黎协定》"),
        "{names:?}"
    );
    assert!(names[0].contains("页"));
    assert!(
        embed["fields"][0]["value"].as_str().unwrap().contains("**"),
        "matched terms in bold"
    );
    let ids = custom_ids(&message);
    assert_eq!(ids.iter().filter(|id| id.starts_with("src:")).count(), 5);
    assert!(ids.iter().any(|id| id.starts_with("more:")), "{ids:?}");
    assert!(!is_ephemeral(&message));
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buttons_show_the_full_source_and_the_next_excerpts() {
    let (discord, _bot) = start("bot-buttons", &[]).await;
    let (_, message) = answer(
        &discord,
        &alice(),
        "ask",
        question("中国加入世贸组织的谈判"),
    )
    .await;
    let ids = custom_ids(&message);
    let source = ids
        .iter()
        .find(|id| id.starts_with("src:"))
        .expect("a source button");
    let pressed = discord.press(&alice(), source).await;
    let (kind, shown) = discord.response(pressed, WAIT).await.expect("the source");
    assert_eq!(kind, 4);
    assert!(is_ephemeral(&shown));
    let text = shown["embeds"][0]["description"].as_str().unwrap();
    assert!(text.chars().count() > 50, "{text}");
    let more = ids
        .iter()
        .find(|id| id.starts_with("more:"))
        .expect("a more button");
    let pressed = discord.press(&alice(), more).await;
    let (_, page) = discord
        .response(pressed, WAIT)
        .await
        .expect("more excerpts");
    assert!(is_ephemeral(&page));
    assert!(
        field_names(&page)[0].starts_with("[6] "),
        "{:?}",
        field_names(&page)
    );
    let expired = discord.press(&alice(), "more:0:1").await;
    let (_, gone) = discord.response(expired, WAIT).await.expect("a reply");
    assert!(gone["content"].as_str().unwrap().contains("过期"));
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_case_command_lists_every_lesson_and_its_overview() {
    let (discord, _bot) = start("bot-cases", &[]).await;
    let text =
        std::fs::read_to_string(crate::common::root().join("tests/data/lessons.json")).unwrap();
    let expected: Value = serde_json::from_str(&text).unwrap();
    for case in ["soviet", "wto", "crisis", "paris"] {
        let (_, message) = answer(&discord, &alice(), case, subcommand("lessons", json!([]))).await;
        let names = field_names(&message);
        let lessons = expected[case].as_array().unwrap();
        assert_eq!(names.len(), lessons.len(), "{case}: {names:?}");
        for (name, lesson) in names.iter().zip(lessons) {
            let ordinal = lesson["ordinal"].as_str().unwrap();
            assert!(name.starts_with(ordinal), "{case}: {name}");
            assert!(
                name.contains(lesson["key"].as_str().unwrap()),
                "{case}: {name}"
            );
        }
        let (_, overview) =
            answer(&discord, &alice(), case, subcommand("overview", json!([]))).await;
        let description = overview["embeds"][0]["description"].as_str().unwrap();
        assert!(description.starts_with("**概述**"), "{description}");
        let (_, scoped) = answer(
            &discord,
            &alice(),
            case,
            subcommand("ask", question("领导人起了什么作用")),
        )
        .await;
        assert!(!field_names(&scoped).is_empty(), "{case} ask");
    }
    let (_, lessons) = answer(&discord, &alice(), "lessons", json!([])).await;
    let names = field_names(&lessons);
    assert_eq!(names.len(), 5);
    assert!(
        names[0].starts_with("首先：领导人具备登高望远的全局观必不可少"),
        "{names:?}"
    );
    assert!(
        lessons["embeds"][0]["fields"][0]["value"]
            .as_str()
            .unwrap()
            .contains("案例印证")
    );
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_once_from_the_manifest_with_chinese_names() {
    let discord = Discord::start(TOKEN).await;
    let dir = corpus_copy("bot-register");
    let bot = spawn(&discord, dir.clone(), &[]);
    let registered = discord
        .wait_for(WAIT, |log| log.iter().any(|e| e.kind == Kind::CommandsPut))
        .await;
    assert!(registered, "{}", bot.log());
    let commands = discord.guild_commands().await;
    let mut names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "ask", "corpus", "crisis", "help", "lessons", "paris", "soviet", "wto"
        ]
    );
    let find = |name: &str| commands.iter().find(|c| c["name"] == name).unwrap().clone();
    assert_eq!(find("ask")["name_localizations"]["zh-CN"], "提问");
    assert_eq!(find("wto")["name_localizations"]["zh-CN"], "入世");
    assert_eq!(find("corpus")["default_member_permissions"], "32");
    assert_eq!(discord.command_writes().await, 1);
    let identify = discord.identify().await.expect("identified");
    let intents = identify["intents"].as_u64().unwrap();
    assert_eq!(
        intents & (1 << 15),
        0,
        "no Message Content intent without Q&A channels"
    );
    drop(bot);
    // A restart finds the same commands and writes nothing.
    let again = spawn(&discord, dir, &[]);
    assert!(
        discord
            .wait_for(WAIT, |log| log
                .iter()
                .filter(|e| e.kind == Kind::CommandsGet)
                .count()
                >= 2)
            .await,
        "{}",
        again.log()
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        discord.command_writes().await,
        1,
        "no second bulk overwrite"
    );
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_is_answered_as_a_reply_and_opens_a_thread() {
    let (discord, _bot) = start("bot-mention", &[]).await;
    let asked = discord
        .mention(&alice(), "雷曼兄弟是什么时候破产的？")
        .await;
    let replied = discord
        .wait_for(WAIT, |log| {
            log.iter().any(|e| {
                e.kind == Kind::ChannelMessage
                    && e.body["message_reference"]["message_id"] == json!(asked.to_string())
            }) && log.iter().any(|e| e.kind == Kind::Thread)
        })
        .await;
    assert!(replied, "{:#?}", discord.entries().await);
    let entries = discord.entries().await;
    let reply = entries
        .iter()
        .find(|e| e.kind == Kind::ChannelMessage)
        .unwrap();
    assert!(reply.path.contains(&CHANNEL_ID.to_string()));
    assert!(
        reply.body["embeds"][0]["title"]
            .as_str()
            .unwrap()
            .contains("雷曼兄弟")
    );
    let thread = entries.iter().find(|e| e.kind == Kind::Thread).unwrap();
    assert!(
        thread
            .path
            .contains(&reply.body["id"].as_str().unwrap().to_string()),
        "thread on the answer"
    );
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_qa_channel_answers_every_message_and_asks_for_message_content() {
    let channel = CHANNEL_ID.to_string();
    let (discord, _bot) = start(
        "bot-qa",
        &[("LUOPAN__DISCORD__QA_CHANNELS", channel.as_str())],
    )
    .await;
    let intents = discord.identify().await.unwrap()["intents"]
        .as_u64()
        .unwrap();
    assert_ne!(
        intents & (1 << 15),
        0,
        "Message Content is requested for Q&A channels"
    );
    let asked = discord.say(&alice(), "巴黎协定多久就生效了").await;
    let replied = discord
        .wait_for(WAIT, |log| {
            log.iter().any(|e| {
                e.kind == Kind::ChannelMessage
                    && e.body["message_reference"]["message_id"] == json!(asked.to_string())
            })
        })
        .await;
    assert!(replied);
    assert!(
        !discord
            .entries()
            .await
            .iter()
            .any(|e| e.kind == Kind::Thread),
        "threads only for mentions"
    );
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_longest_answers_stay_within_every_limit() {
    let (discord, _bot) = start("bot-limits", &[]).await;
    let long = "中美两国在气候变化、金融危机、世贸组织和抗御苏联扩张方面的合作经验与启示是什么，领导人和核心团队起了什么作用".repeat(9);
    let long: String = long.chars().take(500).collect();
    let (_, message) = answer(&discord, &alice(), "ask", question(&long)).await;
    assert_eq!(
        message["embeds"][0]["title"]
            .as_str()
            .unwrap()
            .chars()
            .count(),
        256,
        "the title is cut, not dropped"
    );
    for (name, options) in [
        ("help", json!([])),
        ("lessons", json!([])),
        ("paris", subcommand("lessons", json!([]))),
        ("crisis", subcommand("overview", json!([]))),
    ] {
        answer(&discord, &alice(), name, options).await;
    }
    let too_long = "中".repeat(600);
    let (_, refused) = answer(&discord, &alice(), "ask", question(&too_long)).await;
    assert!(is_ephemeral(&refused));
    assert!(refused["content"].as_str().unwrap().contains("太长"));
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_in_a_question_pings_no_one() {
    let (discord, _bot) = start("bot-everyone", &[]).await;
    let text = format!("@everyone <@&{MODERATOR_ROLE}> 中美为什么能在气候变化上合作？");
    let (_, message) = answer(&discord, &alice(), "ask", question(&text)).await;
    // The question shows as written, but neither the mention nor the role mention is live.
    let title = message["embeds"][0]["title"].as_str().unwrap();
    assert!(title.contains("@\u{200B}everyone"), "{title}");
    assert!(
        !title.contains("@everyone") && !title.contains("<@&"),
        "{title}"
    );
    assert_eq!(message["allowed_mentions"]["parse"], json!([]));
    // The mentions are not read as words: the question is answered with cited excerpts.
    let description = message["embeds"][0]["description"].as_str().unwrap();
    assert!(description.contains("[1]"), "{description}");
    discord.mention(&alice(), "@everyone 巴黎协定").await;
    assert!(
        discord
            .wait_for(WAIT, |log| log
                .iter()
                .any(|e| e.kind == Kind::ChannelMessage))
            .await
    );
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_questions_get_english_words_and_bad_questions_a_short_reason() {
    let (discord, _bot) = start("bot-english", &[]).await;
    let id = discord
        .slash_in(
            &alice(),
            "ask",
            question("red-braised pork recipe"),
            "en-US",
        )
        .await;
    let (_, message) = discord.response(id, WAIT).await.expect("an answer");
    let embed = &message["embeds"][0];
    assert!(
        embed["title"].as_str().unwrap().starts_with("Q："),
        "{embed}"
    );
    assert!(
        embed["description"]
            .as_str()
            .unwrap()
            .starts_with("Nothing in the report"),
        "{embed}"
    );
    let (_, empty) = answer(&discord, &alice(), "ask", question("🙂🙂🙂")).await;
    assert!(is_ephemeral(&empty));
    assert!(
        empty["content"]
            .as_str()
            .unwrap()
            .contains("没有可以检索的词"),
        "{empty}"
    );
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_too_close_together_are_asked_to_wait() {
    let (discord, _bot) = start(
        "bot-cooldown",
        &[("LUOPAN__DISCORD__COOLDOWN_SECONDS", "60")],
    )
    .await;
    answer(&discord, &alice(), "ask", question("巴黎协定")).await;
    let (_, second) = answer(&discord, &alice(), "ask", question("雷曼兄弟")).await;
    assert!(is_ephemeral(&second));
    assert!(
        second["content"].as_str().unwrap().contains("秒后再试"),
        "{second}"
    );
    let other = Member::user(500_000_000_000_000_077, "dave");
    let (_, answered) = answer(&discord, &other, "ask", question("雷曼兄弟")).await;
    assert!(
        !field_names(&answered).is_empty(),
        "others are not held back"
    );
    assert_no_violations(&discord).await;
}

#[test]
fn serve_without_a_token_fails_with_a_clear_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_luopan"))
        .arg("serve")
        .current_dir(crate::common::root())
        .env_remove("LUOPAN__DISCORD__TOKEN")
        .env_remove("DISCORD_TOKEN")
        .output()
        .expect("luopan runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("LUOPAN__DISCORD__TOKEN") && stderr.contains("DISCORD_TOKEN"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one short line: {stderr}");
}

/// Kept for the benchmark's use of the same harness.
#[allow(dead_code)]
fn rss(bot: &Bot) -> f64 {
    bot.rss_mb()
}

#[test]
fn the_emulator_catches_messages_that_break_the_rules() {
    let fine = json!({"content": "中美", "allowed_mentions": {"parse": [], "users": [], "roles": [], "replied_user": false}});
    assert!(discord::check_message(&fine).is_empty());
    let broken = json!({
        "content": "中".repeat(2001),
        "embeds": [{"title": "题".repeat(257), "fields": [{"name": "n", "value": "v".repeat(1025)}]}],
        "components": [{"type": 1, "components": (0..6).map(|i| json!({"type": 2, "custom_id": format!("{i}"), "label": "x"})).collect::<Vec<_>>()}],
        "allowed_mentions": {"parse": ["everyone"]},
    });
    let found = discord::check_message(&broken);
    for what in [
        "content",
        "embed title",
        "field value",
        "buttons in a row",
        "allowed_mentions",
    ] {
        assert!(
            found.iter().any(|f| f.starts_with(what)),
            "{what} not caught: {found:?}"
        );
    }
    assert!(
        !discord::check_message(&json!({"content": "x"})).is_empty(),
        "missing allowed_mentions"
    );
}
