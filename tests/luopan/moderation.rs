//! Moderators in Discord, end to end: reloads while questions are answered, what each
//! answer's version is, a corrupt document naming its file, and who may reload at all.

use serde_json::{Value, json};

use crate::bot::{
    WAIT, alice, answer, assert_no_violations, custom_ids, field_names, is_ephemeral, question,
    start, subcommand,
};
use crate::discord::{Discord, Kind, MODERATOR_ROLE, Member};

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
