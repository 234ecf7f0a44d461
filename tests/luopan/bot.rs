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
async fn a_non_moderator_cannot_reload_or_see_the_status() {
    let (discord, _bot) = start("bot-refuse", &[]).await;
    for (sub, options) in [
        ("reload", json!([])),
        ("status", json!([])),
        ("explain", question("巴黎协定")),
        ("stats", json!([])),
        ("gaps", json!([{"name": "days", "type": 4, "value": 7}])),
        (
            "teach",
            json!([
                {"name": "question", "type": 3, "value": "巴黎协定"},
                {"name": "passage", "type": 3, "value": "1"}
            ]),
        ),
    ] {
        let (kind, message) = answer(&discord, &alice(), "corpus", subcommand(sub, options)).await;
        assert_eq!(kind, 4);
        assert!(is_ephemeral(&message));
        assert!(
            message["content"].as_str().unwrap().contains("只有管理员"),
            "{message}"
        );
    }
    let by_role = Member {
        roles: vec![MODERATOR_ROLE],
        ..Member::user(500_000_000_000_000_009, "carol")
    };
    let (_, status) = answer(
        &discord,
        &by_role,
        "corpus",
        subcommand("status", json!([])),
    )
    .await;
    assert!(
        status["content"].as_str().unwrap().contains("语料版本"),
        "{status}"
    );
    let (_, explained) = answer(
        &discord,
        &by_role,
        "corpus",
        subcommand("explain", question("入世那一章的第二条经验讲了什么")),
    )
    .await;
    assert!(is_ephemeral(&explained));
    let names = field_names(&explained);
    assert_eq!(names.len(), 5, "{explained}");
    assert!(
        names[0].starts_with("1. ") && names[0].contains("wto"),
        "{names:?}"
    );
    let description = explained["embeds"][0]["description"].as_str().unwrap();
    assert!(description.contains("lesson 2"), "{description}");
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_reload_succeeds_while_twenty_questions_are_answered() {
    let (discord, _bot) = start("bot-reload", &[]).await;
    let moderator = Member::moderator(500_000_000_000_000_002, "mod");
    let questions = [
        "中美为什么能在气候变化上合作？",
        "雷曼兄弟是什么时候破产的",
        "入世谈判最后关头遇到了什么",
        "中美建交谈判是谁负责的",
    ];
    let mut asked = Vec::new();
    for i in 0..20 {
        if i == 5 {
            asked.push((
                true,
                discord
                    .slash(&moderator, "corpus", subcommand("reload", json!([])))
                    .await,
            ));
        }
        let member = Member::user(600_000_000_000_000_000 + i, "asker");
        asked.push((
            false,
            discord
                .slash(&member, "ask", question(questions[i as usize % 4]))
                .await,
        ));
    }
    for (is_reload, id) in asked {
        let (kind, message) = discord
            .response(id, WAIT)
            .await
            .expect("every interaction is answered");
        if is_reload {
            assert_eq!(kind, 5, "a reload is deferred");
            assert!(
                message["content"]
                    .as_str()
                    .unwrap()
                    .contains("语料已重新加载"),
                "{message}"
            );
        } else {
            assert!(
                !field_names(&message).is_empty(),
                "an answer with excerpts: {message}"
            );
        }
    }
    let (_, status) = answer(
        &discord,
        &moderator,
        "corpus",
        subcommand("status", json!([])),
    )
    .await;
    assert!(
        status["content"].as_str().unwrap().contains("last reload"),
        "{status}"
    );
    assert_no_violations(&discord).await;
}

/// The corpus version a reload reply names (`…版本 2020-11 · 1234abcd。`).
fn reloaded_version(message: &Value) -> String {
    let text = message["content"].as_str().unwrap_or_default();
    let (_, version) = text
        .rsplit_once("版本 ")
        .expect("the reload names its version");
    version.trim_end_matches('。').to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_during_reloads_names_the_version_that_answered_it() {
    // Two versions of the corpus, each with a paragraph of its own; reloads switch between them
    // while the same question is asked. Each answer's excerpt shows which version answered, and
    // its footer must name that version.
    let (discord, bot) = start("bot-footer", &[]).await;
    let report = bot.dir.join("corpus/report.txt");
    let original = std::fs::read_to_string(&report).unwrap();
    let edition = |mark: &str| {
        format!("{original}\n量子纠缠通信卫星合作是本报告{mark}版新增的一段测试文字。 \n")
    };
    let moderator = Member::moderator(500_000_000_000_000_002, "mod");
    let mut versions = std::collections::HashMap::new();
    let mut asked = Vec::new();
    for round in 0..6 {
        let mark = if round % 2 == 0 { "甲" } else { "乙" };
        std::fs::write(&report, edition(mark)).unwrap();
        let reload = discord
            .slash(&moderator, "corpus", subcommand("reload", json!([])))
            .await;
        for i in 0..6 {
            let member = Member::user(700_000_000_000_000_000 + round * 10 + i, "asker");
            asked.push(
                discord
                    .slash(&member, "ask", question("量子纠缠通信卫星合作"))
                    .await,
            );
        }
        let (_, reloaded) = discord.response(reload, WAIT).await.expect("reloaded");
        versions.insert(reloaded_version(&reloaded), mark);
    }
    assert_eq!(versions.len(), 2, "{versions:?}");
    for id in asked {
        let (_, message) = discord.response(id, WAIT).await.expect("answered");
        let footer = message["embeds"][0]["footer"]["text"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let excerpt = message["embeds"][0]["fields"][0]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let Some((_, mark)) = versions.iter().find(|(v, _)| footer.ends_with(v.as_str())) else {
            // Answered before the first reload finished: the bundled corpus, without either
            // paragraph.
            assert!(!excerpt.contains("版新增"), "{footer}: {excerpt}");
            continue;
        };
        let other = if *mark == "甲" { "乙" } else { "甲" };
        assert!(
            !excerpt.contains(&format!("{other}版新增")),
            "the footer names {footer} but the excerpt is from the other version: {excerpt}"
        );
    }
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_reloads_at_once_both_finish_and_changed_cases_are_registered_again() {
    let (discord, bot) = start("bot-reregister", &[]).await;
    assert!(
        discord
            .wait_for(WAIT, |log| log.iter().any(|e| e.kind == Kind::CommandsPut))
            .await
    );
    let manifest = bot.dir.join("corpus.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("label = \"入世\"", "label = \"世贸\""),
    )
    .unwrap();
    let moderator = Member::moderator(500_000_000_000_000_002, "mod");
    let first = discord
        .slash(&moderator, "corpus", subcommand("reload", json!([])))
        .await;
    let second = discord
        .slash(&moderator, "corpus", subcommand("reload", json!([])))
        .await;
    for id in [first, second] {
        let (kind, message) = discord
            .response(id, WAIT)
            .await
            .expect("each reload answers");
        assert_eq!(kind, 5);
        assert!(
            message["content"]
                .as_str()
                .unwrap()
                .contains("语料已重新加载"),
            "{message}"
        );
    }
    assert!(
        discord
            .wait_for(WAIT, |log| log
                .iter()
                .filter(|e| e.kind == Kind::CommandsPut)
                .count()
                >= 2)
            .await
    );
    let commands = discord.guild_commands().await;
    let wto = commands.iter().find(|c| c["name"] == "wto").unwrap();
    assert_eq!(wto["name_localizations"]["zh-CN"], "世贸");
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
async fn a_reload_with_a_corrupt_document_keeps_serving_and_names_the_file() {
    let (discord, bot) = start("bot-corrupt", &[]).await;
    std::fs::write(bot.dir.join("corpus/report.txt"), [0xff, 0xfe, 0x00, 0x81]).unwrap();
    let moderator = Member::moderator(500_000_000_000_000_002, "mod");
    let (kind, message) = answer(
        &discord,
        &moderator,
        "corpus",
        subcommand("reload", json!([])),
    )
    .await;
    assert_eq!(kind, 5);
    let text = message["content"].as_str().unwrap();
    assert!(
        text.contains("report.txt") && text.contains("UTF-8"),
        "{text}"
    );
    assert!(
        !text.contains(&bot.dir.display().to_string()),
        "no paths: {text}"
    );
    let (_, still) = answer(
        &discord,
        &alice(),
        "ask",
        question("中美为什么能在气候变化上合作？"),
    )
    .await;
    assert_eq!(field_names(&still).len(), 5, "the old index keeps serving");
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_excerpts_come_from_the_version_that_answered_or_expire_after_a_change() {
    let (discord, bot) = start("bot-more-reload", &[]).await;
    let moderator = Member::moderator(500_000_000_000_000_003, "mod");
    let reload = async |discord: &Discord| {
        let id = discord
            .slash(&moderator, "corpus", subcommand("reload", json!([])))
            .await;
        discord.response(id, WAIT).await.expect("reloaded");
    };
    let (_, first) = answer(
        &discord,
        &alice(),
        "ask",
        question("中国加入世贸组织的谈判"),
    )
    .await;
    let more = custom_ids(&first)
        .into_iter()
        .find(|id| id.starts_with("more:"))
        .expect("a more button");
    // A reload that changes nothing keeps the version: the next page is still there.
    reload(&discord).await;
    let pressed = discord.press(&alice(), &more).await;
    let (_, page) = discord.response(pressed, WAIT).await.expect("a page");
    assert!(field_names(&page)[0].starts_with("[6] "), "{page}");
    // After the corpus changed, the page would come from another version: it expired.
    let report = bot.dir.join("corpus/report.txt");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}\n新增的一段测试文字。\n")).unwrap();
    reload(&discord).await;
    let pressed = discord.press(&alice(), &more).await;
    let (_, gone) = discord.response(pressed, WAIT).await.expect("a reply");
    assert!(
        gone["content"]
            .as_str()
            .unwrap_or_default()
            .contains("过期"),
        "{gone}"
    );
    assert_no_violations(&discord).await;
}
