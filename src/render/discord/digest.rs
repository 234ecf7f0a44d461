//! Digests in Discord: a case's overview, a part's lessons, and what the bot knows (help).

use crate::catalog::{Catalog, LessonDigest, PartDigest};
use crate::render::lang::Lang;
use crate::render::page_range;

use super::{Embed, Field, Reply, escape};

fn facts(part: &PartDigest, lang: Lang) -> Vec<Field> {
    let words = lang.words();
    let mut fields = Vec::new();
    if let Some(author) = &part.author {
        fields.push(Field {
            name: words.author.into(),
            value: author.clone(),
            inline: true,
        });
    }
    if let Some(period) = &part.period {
        fields.push(Field {
            name: words.period.into(),
            value: period.clone(),
            inline: true,
        });
    }
    if let Some(pages) = page_range(part.pages) {
        fields.push(Field {
            name: words.pages.into(),
            value: pages,
            inline: true,
        });
    }
    fields
}

/// A case's overview: title, author, period, pages, overview sentences and sections.
pub fn case_overview(part: &PartDigest, catalog: &Catalog, lang: Lang) -> Reply {
    let words = lang.words();
    let mut fields = facts(part, lang);
    if !part.sections.is_empty() {
        let sections: Vec<String> = part
            .sections
            .iter()
            .map(|s| {
                let indent = if s.level == 1 { "" } else { "　" };
                format!("{indent}{}", escape(&s.heading))
            })
            .collect();
        fields.push(Field {
            name: words.sections.into(),
            value: sections.join("\n"),
            inline: false,
        });
    }
    Embed {
        title: Some(part.title.clone()),
        author: part.title_en.clone(),
        description: Some(format!(
            "**{}**\n{}",
            words.overview,
            escape(&part.overview.join(""))
        )),
        fields,
        ..Embed::default()
    }
    .card(&catalog.version(), lang)
    .fit()
}

fn lesson_field(lesson: &LessonDigest, lang: Lang) -> Field {
    let words = lang.words();
    let page = lesson
        .page
        .map(|p| format!("（{}）", words.page.replace("{}", &p.to_string())))
        .unwrap_or_default();
    let mut value = format!("{}{page}", escape(&lesson.summary.join("")));
    if !lesson.illustrated_by.is_empty() {
        let links: Vec<String> = lesson
            .illustrated_by
            .iter()
            .map(|l| format!("/{} {}：{}", l.case, l.ordinal, escape(&l.topic)))
            .collect();
        value.push_str(&format!(
            "\n*{}*：{}",
            words.illustrated_by,
            links.join("；")
        ));
    }
    Field {
        name: format!("{}：{}", lesson.ordinal, lesson.topic),
        value,
        inline: false,
    }
}

/// Every lesson of a part: ordinal and topic sentence, summary, page (and, for the preface,
/// the case lessons that illustrate it).
pub fn lessons(part: &PartDigest, catalog: &Catalog, lang: Lang) -> Reply {
    let words = lang.words();
    Embed {
        title: Some(format!("{} · {}", part.title, words.lessons)),
        fields: part.lessons.iter().map(|l| lesson_field(l, lang)).collect(),
        ..Embed::default()
    }
    .card(&catalog.version(), lang)
    .fit()
}

/// What the bot knows and how to ask.
/// `/help`; `kept_days` is how long questions are kept (`None` when nothing is recorded).
pub fn help(catalog: &Catalog, lang: Lang, kept_days: Option<u64>) -> Reply {
    let documents: Vec<String> = catalog
        .documents
        .iter()
        .map(|d| format!("• {}（{}）", d.title, d.short))
        .collect();
    let cases: Vec<String> = catalog
        .cases()
        .map(|c| format!("• `/{}` {}", c.id, c.title))
        .collect();
    let recorded = match (lang, kept_days) {
        (Lang::Zh, Some(days)) => format!(
            "\n\n**记录什么**\n为了改进回答，我会记录每个问题、得到的回答（引用了哪些段落、是否找到）、用时，以及对回答的 👍/👎 和原因，保留 {days} 天；服务器、频道和用户只以加密哈希记录，不保存原始 ID。"
        ),
        (Lang::En, Some(days)) => format!(
            "\n\n**What is recorded**\nTo improve answers, each question is kept with what it got (the passages cited, found or not), how long it took, and the 👍 / 👎 given to it with their reasons, for {days} days; servers, channels and users only as keyed hashes, never their ids."
        ),
        (Lang::Zh, None) => "\n\n**记录什么**\n不记录任何问题。".to_string(),
        (Lang::En, None) => {
            "\n\n**What is recorded**\nNothing: questions are not kept.".to_string()
        }
    };
    let text = match lang {
        Lang::Zh => format!(
            "我能回答关于以下文档的问题，回答中的每句话都来自原文，并附带可核对的出处（文档、案例、章节、页码）：\n{}\n\n**怎么问**\n• `/ask` 直接提问，例如：中美为什么能在气候变化上合作？\n• 在频道里 @我 并写下问题，我会在消息下回复\n• 每个案例都有自己的命令，可以看概述、全部经验，或只在该案例里提问：\n{}\n• `/lessons` 前言总结的五条启示",
            documents.join("\n"),
            cases.join("\n")
        ),
        Lang::En => format!(
            "I answer questions about these documents; every sentence of an answer is quoted from them, with a source you can check (document, case, section, page):\n{}\n\n**How to ask**\n• `/ask` a question, e.g. Why could China and the US cooperate on climate change?\n• mention me in a channel with a question and I reply under it\n• each case has its own command: its overview, all its lessons, or a question about it alone:\n{}\n• `/lessons` the preface's five lessons",
            documents.join("\n"),
            cases.join("\n")
        ),
    };
    let text = text + &recorded;
    Reply {
        ephemeral: true,
        ..Embed {
            title: Some("罗盘 luopan".into()),
            description: Some(text),
            ..Embed::default()
        }
        .card(&catalog.version(), lang)
    }
    .fit()
}
