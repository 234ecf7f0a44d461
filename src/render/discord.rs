//! Answers and digests → Discord messages, as plain data: embeds, fields, buttons. Discord's
//! limits are enforced here (`Reply::fit`), by characters, so a Chinese text is never cut inside
//! a character; the bot layer only converts these structs into serenity builders.

use serde::Serialize;

use crate::answer::{Answer, Catalog, Citation, LessonDigest, PartDigest};
use crate::corpus::Passage;
use crate::text::truncate_chars;

use super::lang::Lang;
use super::{page_range, source_line};

/// Discord's limits on a message, as documented.
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBEDS: usize = 10;
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const AUTHOR: usize = 256;
    pub const EMBEDS_TOTAL: usize = 6000;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const ROWS: usize = 5;
    pub const CUSTOM_ID: usize = 100;
    pub const LABEL: usize = 80;
}

/// The accent colour of luopan's embeds.
const COLOUR: u32 = 0x2f6f8f;

/// A message to send: text, embeds and buttons, and whether only the asker sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reply {
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    /// Rows of buttons.
    pub rows: Vec<Vec<Button>>,
    pub ephemeral: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Embed {
    pub title: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub fields: Vec<Field>,
    pub footer: Option<String>,
    pub colour: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
}

impl Embed {
    /// A reply of this one embed in luopan's colour, its footer naming the corpus version.
    fn card(self, catalog: &Catalog, lang: Lang) -> Reply {
        Reply {
            embeds: vec![Embed {
                footer: Some(footer(catalog, lang)),
                colour: Some(COLOUR),
                ..self
            }],
            ..Reply::default()
        }
    }

    fn length(&self) -> usize {
        let count = |s: &Option<String>| s.as_deref().map_or(0, |s| s.chars().count());
        count(&self.title)
            + count(&self.description)
            + count(&self.author)
            + count(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| f.name.chars().count() + f.value.chars().count())
                .sum::<usize>()
    }
}

impl Reply {
    /// A short text message (errors, confirmations).
    pub fn text(text: impl Into<String>, ephemeral: bool) -> Reply {
        Reply {
            content: Some(text.into()),
            ephemeral,
            ..Reply::default()
        }
        .fit()
    }

    /// The same message cut to Discord's limits: every text to its length, counts to their
    /// maximum, and the embeds together to 6000 characters (trimming the longest field values,
    /// then dropping fields from the end).
    pub fn fit(mut self) -> Reply {
        use limits::*;
        self.content = self.content.map(|c| truncate_chars(&c, CONTENT));
        self.embeds.truncate(EMBEDS);
        for embed in &mut self.embeds {
            embed.title = embed.title.as_deref().map(|t| truncate_chars(t, TITLE));
            embed.description = embed
                .description
                .as_deref()
                .map(|d| truncate_chars(d, DESCRIPTION));
            embed.author = embed.author.as_deref().map(|a| truncate_chars(a, AUTHOR));
            embed.footer = embed.footer.as_deref().map(|f| truncate_chars(f, FOOTER));
            embed.fields.truncate(FIELDS);
            for field in &mut embed.fields {
                field.name = non_empty(truncate_chars(&field.name, FIELD_NAME));
                field.value = non_empty(truncate_chars(&field.value, FIELD_VALUE));
            }
        }
        // Each step below shortens the embeds, so the loop ends.
        while self.embeds.iter().map(Embed::length).sum::<usize>() > EMBEDS_TOTAL {
            let excess = self.embeds.iter().map(Embed::length).sum::<usize>() - EMBEDS_TOTAL;
            if shrink_longest_field(&mut self.embeds, excess) {
                continue;
            }
            if let Some(embed) = self.embeds.iter_mut().rev().find(|e| !e.fields.is_empty()) {
                embed.fields.pop();
                continue;
            }
            if self.embeds.len() > 1 {
                self.embeds.pop();
                continue;
            }
            let Some(embed) = self.embeds.first_mut() else {
                break;
            };
            for text in [
                &mut embed.description,
                &mut embed.footer,
                &mut embed.author,
                &mut embed.title,
            ] {
                let length = text.as_deref().map_or(0, |t| t.chars().count());
                if length > 1 {
                    let keep = length.saturating_sub(excess).max(1);
                    *text = text.as_deref().map(|t| truncate_chars(t, keep));
                    break;
                }
            }
        }
        self.rows.truncate(ROWS);
        for row in &mut self.rows {
            row.truncate(BUTTONS_PER_ROW);
            for button in row.iter_mut() {
                button.label = truncate_chars(&button.label, LABEL);
                button.custom_id = button.custom_id.chars().take(CUSTOM_ID).collect();
            }
        }
        self.rows.retain(|r| !r.is_empty());
        self
    }

    /// Every limit this message breaks; empty when it is fine to send.
    pub fn limit_violations(&self) -> Vec<String> {
        use limits::*;
        let mut broken = Vec::new();
        let mut check = |what: &str, length: usize, max: usize| {
            if length > max {
                broken.push(format!("{what}: {length} > {max}"));
            }
        };
        let chars = |s: &Option<String>| s.as_deref().map_or(0, |s| s.chars().count());
        check("content", chars(&self.content), CONTENT);
        check("embeds", self.embeds.len(), EMBEDS);
        for embed in &self.embeds {
            check("title", chars(&embed.title), TITLE);
            check("description", chars(&embed.description), DESCRIPTION);
            check("author", chars(&embed.author), AUTHOR);
            check("footer", chars(&embed.footer), FOOTER);
            check("fields", embed.fields.len(), FIELDS);
            for field in &embed.fields {
                check("field name", field.name.chars().count(), FIELD_NAME);
                check("field value", field.value.chars().count(), FIELD_VALUE);
            }
        }
        check(
            "embeds together",
            self.embeds.iter().map(Embed::length).sum(),
            EMBEDS_TOTAL,
        );
        check("rows", self.rows.len(), ROWS);
        for row in &self.rows {
            check("buttons in a row", row.len(), BUTTONS_PER_ROW);
            for button in row {
                check("label", button.label.chars().count(), LABEL);
                check("custom id", button.custom_id.chars().count(), CUSTOM_ID);
            }
        }
        broken
    }
}

fn non_empty(text: String) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text
    }
}

/// Shortens the longest field value by up to `excess` characters (never below 40).
fn shrink_longest_field(embeds: &mut [Embed], excess: usize) -> bool {
    let longest = embeds
        .iter_mut()
        .flat_map(|e| e.fields.iter_mut())
        .max_by_key(|f| f.value.chars().count());
    match longest {
        Some(field) if field.value.chars().count() > 40 => {
            let keep = field.value.chars().count().saturating_sub(excess).max(40);
            field.value = truncate_chars(&field.value, keep);
            true
        }
        _ => false,
    }
}

/// Escapes Discord markdown so passage text shows as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An excerpt with its marked ranges in bold, the rest escaped.
pub fn bold_marks(text: &str, marks: &[[usize; 2]]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + marks.len() * 4);
    let mut at = 0;
    for &[start, end] in marks {
        if start < at || end > chars.len() || start >= end {
            continue;
        }
        out.push_str(&escape(&chars[at..start].iter().collect::<String>()));
        out.push_str("**");
        out.push_str(&escape(&chars[start..end].iter().collect::<String>()));
        out.push_str("**");
        at = end;
    }
    out.push_str(&escape(&chars[at..].iter().collect::<String>()));
    out
}

fn footer(catalog: &Catalog, lang: Lang) -> String {
    format!("{} {}", lang.words().corpus_version, catalog.version())
}

/// The citation line of an excerpt in the asker's language.
fn cited(citation: &Citation, lang: Lang) -> String {
    let line = source_line(citation);
    match (lang, citation.page) {
        (Lang::En, Some(page)) => line.replace(&format!("第{page}页"), &format!("p. {page}")),
        _ => line,
    }
}

/// The custom id of the "full source" button of a passage.
pub fn source_button_id(passage_id: &str) -> String {
    format!("src:{passage_id}")
}

/// The custom id of the "more excerpts" button: an answer key and the page to show.
pub fn more_button_id(key: &str, page: usize) -> String {
    format!("more:{key}:{page}")
}

/// The case commands as users type them (`/soviet`), for messages that point to them.
fn case_commands(catalog: &Catalog) -> String {
    catalog
        .cases()
        .map(|c| format!("/{}", c.id))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One field per excerpt (citation line, excerpt with its matches in bold), and a row with a
/// "full source" button for each.
fn excerpts(shown: &[&Citation], lang: Lang) -> (Vec<Field>, Vec<Vec<Button>>) {
    let fields = shown
        .iter()
        .map(|c| Field {
            name: format!("[{}] {}", c.n, cited(c, lang)),
            value: bold_marks(&c.excerpt, &c.marks),
            inline: false,
        })
        .collect();
    let buttons = shown
        .iter()
        .map(|c| Button {
            custom_id: source_button_id(&c.id),
            label: format!("{} {}", lang.words().source, c.n),
        })
        .collect();
    (fields, vec![buttons])
}

/// An answer: the summary with its citation numbers, then one field per excerpt; buttons for
/// each excerpt's full source and, when `more` is given, for the next excerpts.
pub fn answer(answer: &Answer, catalog: &Catalog, lang: Lang, more: Option<&str>) -> Reply {
    let words = lang.words();
    let title = format!("{}：{}", words.question, answer.question);
    if !answer.found {
        let text = words
            .nothing_found
            .replace("{cases}", &case_commands(catalog));
        return Embed {
            title: Some(title),
            description: Some(text),
            ..Embed::default()
        }
        .card(catalog, lang)
        .fit();
    }
    let understood = super::understood_line(answer)
        .map(|line| format!("*{}*\n", escape(&line)))
        .unwrap_or_default();
    let summary: String = answer
        .summary
        .iter()
        .map(|s| {
            let cites: String = s.cites.iter().map(|n| format!("[{n}]")).collect();
            format!("{}{cites}", escape(&s.text))
        })
        .collect();
    let shown: Vec<&Citation> = answer.passages.iter().collect();
    let (fields, mut rows) = excerpts(&shown, lang);
    if let Some(key) = more {
        rows.push(vec![Button {
            custom_id: more_button_id(key, 1),
            label: words.more_excerpts.into(),
        }]);
    }
    Reply {
        rows,
        ..Embed {
            title: Some(title),
            description: Some(format!("{understood}**{}：**{summary}", words.answer)),
            fields,
            ..Embed::default()
        }
        .card(catalog, lang)
    }
    .fit()
}

/// A further page of excerpts (`page` from 1), only for the one who asked for it.
pub fn more_excerpts(
    answer: &Answer,
    catalog: &Catalog,
    lang: Lang,
    key: &str,
    page: usize,
    per_page: usize,
) -> Reply {
    let words = lang.words();
    let shown: Vec<&Citation> = answer
        .passages
        .iter()
        .skip(page * per_page)
        .take(per_page)
        .collect();
    if shown.is_empty() {
        return Reply::text(words.no_more_excerpts, true);
    }
    let (fields, mut rows) = excerpts(&shown, lang);
    if answer.passages.len() > (page + 1) * per_page {
        rows.push(vec![Button {
            custom_id: more_button_id(key, page + 1),
            label: words.more_excerpts.into(),
        }]);
    }
    Reply {
        rows,
        ephemeral: true,
        ..Embed {
            title: Some(format!("{}：{}", words.question, answer.question)),
            fields,
            ..Embed::default()
        }
        .card(catalog, lang)
    }
    .fit()
}

/// The whole passage behind an excerpt, only for the one who asked for it.
pub fn passage(passage: &Passage, catalog: &Catalog, lang: Lang) -> Reply {
    let document = catalog.document(&passage.doc);
    let part = catalog.part(&passage.part);
    let mut source = vec![document.map_or(passage.doc.clone(), |d| d.short.clone())];
    if let Some(part) =
        part.filter(|p| Some(p.title.as_str()) != document.map(|d| d.short.as_str()))
    {
        source.push(part.title.clone());
    }
    source.extend(passage.section.clone());
    match (passage.page, document.and_then(|d| d.date.clone())) {
        (Some(page), _) => source.push(lang.words().page.replace("{}", &page.to_string())),
        (None, Some(date)) => source.push(date),
        (None, None) => {}
    }
    Reply {
        ephemeral: true,
        ..Embed {
            title: Some(source.join(" · ")),
            description: Some(escape(&passage.text)),
            url: document.and_then(|d| d.url.clone()),
            ..Embed::default()
        }
        .card(catalog, lang)
    }
    .fit()
}

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
    .card(catalog, lang)
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
    .card(catalog, lang)
    .fit()
}

/// For moderators: how a question is read and the parts of each top passage's score.
pub fn explanation(e: &crate::answer::Explanation, catalog: &Catalog, lang: Lang) -> Reply {
    let mut reading = Vec::new();
    if let Some(understood) = super::renderings(&e.understood) {
        reading.push(format!("understood: {understood}"));
    }
    reading.push(format!("searched: {}", e.normalized));
    let words: Vec<String> = e
        .words
        .iter()
        .map(|(w, idf)| format!("{w} {idf:.2}"))
        .collect();
    reading.push(format!("words: {}", words.join(" · ")));
    if !e.expansions.is_empty() {
        reading.push(format!("synonyms: {}", e.expansions.join(" · ")));
    }
    if let Some(related) = super::related_line(e) {
        reading.push(format!("related: {related}"));
    }
    let hints = super::hints(e);
    if !hints.is_empty() {
        reading.push(format!("hints: {}", hints.join(" · ")));
    }
    reading.push(format!("answers: {}", if e.found { "yes" } else { "no" }));
    let fields = e
        .passages
        .iter()
        .map(|p| {
            let page = p.page.map(|n| format!(" p.{n}")).unwrap_or_default();
            let matched: Vec<String> = p
                .matched
                .iter()
                .map(|(t, w)| format!("{t} {w:.3}"))
                .collect();
            Field {
                name: format!(
                    "{}. {:.3} = BM25 {:.1} · cov {:.2} · span {:.2} · hints {:+.2} · {}{page}",
                    p.rank, p.score, p.bm25, p.coverage, p.best_sentence, p.bonus, p.case
                ),
                value: format!("{}\n{}", escape(&matched.join(" · ")), escape(&p.opening)),
                inline: false,
            }
        })
        .collect();
    Reply {
        ephemeral: true,
        ..Embed {
            title: Some(format!("{}：{}", lang.words().question, e.question)),
            description: Some(escape(&reading.join("\n"))),
            fields,
            ..Embed::default()
        }
        .card(catalog, lang)
    }
    .fit()
}

/// What the bot knows and how to ask.
pub fn help(catalog: &Catalog, lang: Lang) -> Reply {
    let documents: Vec<String> = catalog
        .documents
        .iter()
        .map(|d| format!("• {}（{}）", d.title, d.short))
        .collect();
    let cases: Vec<String> = catalog
        .cases()
        .map(|c| format!("• `/{}` {}", c.id, c.title))
        .collect();
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
    Reply {
        ephemeral: true,
        ..Embed {
            title: Some("罗盘 luopan".into()),
            description: Some(text),
            ..Embed::default()
        }
        .card(catalog, lang)
    }
    .fit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_cuts_by_characters_and_keeps_the_total_under_6000() {
        let long = "中".repeat(5000);
        let reply = Reply {
            content: Some(long.clone()),
            embeds: vec![Embed {
                title: Some(long.clone()),
                description: Some(long.clone()),
                fields: (0..30)
                    .map(|i| Field {
                        name: format!("{i}{long}"),
                        value: long.clone(),
                        inline: false,
                    })
                    .collect(),
                footer: Some(long.clone()),
                ..Embed::default()
            }],
            rows: vec![
                (0..7)
                    .map(|i| Button {
                        custom_id: format!("{i}{}", "x".repeat(200)),
                        label: long.clone(),
                    })
                    .collect(),
            ],
            ephemeral: false,
        }
        .fit();
        assert_eq!(reply.limit_violations(), Vec::<String>::new());
        assert!(reply.content.as_deref().unwrap().ends_with('…'));
        assert_eq!(reply.content.as_deref().unwrap().chars().count(), 2000);
    }

    #[test]
    fn bold_marks_wrap_matches_and_escape_the_rest() {
        assert_eq!(bold_marks("中美气候合作", &[[2, 4]]), "中美**气候**合作");
        assert_eq!(bold_marks("a*b", &[]), "a\\*b");
        assert_eq!(
            bold_marks("中美", &[[1, 9]]),
            "中美",
            "out-of-range marks are ignored"
        );
    }
}
