//! Answers and digests → Discord messages, as plain data: embeds, fields, buttons. Discord's
//! limits are enforced here (`Reply::fit`), by characters, so a Chinese text is never cut inside
//! a character; the bot layer only converts these structs into serenity builders. What each
//! message says is in `answer` (answers, more excerpts, full sources), `digest` (case overviews,
//! lessons, help) and `admin` (moderators' explain and status, reloads, refusals); `action`
//! names the buttons.

pub mod action;
pub mod admin;
pub mod answer;
pub mod digest;
pub mod feedback;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::text::truncate_chars;

use super::lang::Lang;

pub use action::Action;
pub use admin::{ReloadRecord, Status};
pub use answer::{answer, first_page, more_excerpts, passage};
pub use digest::{case_overview, help, lessons};

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
    pub const SELECT_OPTIONS: usize = 25;
    pub const PLACEHOLDER: usize = 150;
    pub const OPTION_LABEL: usize = 100;
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
    /// A menu to pick from, in a row of its own after the buttons.
    pub select: Option<Select>,
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
    /// A Unicode emoji shown before the label (or alone when the label is empty).
    pub emoji: Option<String>,
}

impl Button {
    pub fn new(action: &Action, label: impl Into<String>) -> Button {
        Button {
            custom_id: action.id(),
            label: label.into(),
            emoji: None,
        }
    }
}

/// A string select menu: one option to pick.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Select {
    pub custom_id: String,
    pub placeholder: String,
    /// `(value, label)`, in the order shown.
    pub options: Vec<(String, String)>,
}

impl Embed {
    /// A reply of this one embed in luopan's colour, its footer naming the corpus version the
    /// message was made from.
    fn card(self, version: &str, lang: Lang) -> Reply {
        Reply {
            embeds: vec![Embed {
                footer: Some(footer(version, lang)),
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
        self.rows
            .truncate(ROWS - usize::from(self.select.is_some()));
        if let Some(select) = &mut self.select {
            select.custom_id = select.custom_id.chars().take(CUSTOM_ID).collect();
            select.placeholder = truncate_chars(&select.placeholder, PLACEHOLDER);
            select.options.truncate(SELECT_OPTIONS);
            for (value, label) in &mut select.options {
                *value = value.chars().take(OPTION_LABEL).collect();
                *label = truncate_chars(label, OPTION_LABEL);
            }
        }
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
        check(
            "rows",
            self.rows.len() + usize::from(self.select.is_some()),
            ROWS,
        );
        if let Some(select) = &self.select {
            check(
                "select custom id",
                select.custom_id.chars().count(),
                CUSTOM_ID,
            );
            check(
                "placeholder",
                select.placeholder.chars().count(),
                PLACEHOLDER,
            );
            check("select options", select.options.len(), SELECT_OPTIONS);
            for (value, label) in &select.options {
                check("option value", value.chars().count(), OPTION_LABEL);
                check("option label", label.chars().count(), OPTION_LABEL);
            }
        }
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

/// Escapes Discord markdown so text shows as written, and keeps what Discord would turn into
/// something else from doing so: mentions (`<@id>`, `<@&id>`, `<#id>`, `@everyone`, `@here`)
/// and links (`https://…`) get a zero-width space that keeps them plain text.
pub fn escape(text: &str) -> String {
    const BREAK: char = '\u{200B}';
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let rest: String = chars[i + 1..chars.len().min(i + 9)].iter().collect();
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']'
        ) {
            out.push('\\');
        }
        out.push(c);
        let mention = (c == '<' && rest.starts_with(['@', '#', ':', 't', 'a']))
            || (c == '@' && (rest.starts_with("everyone") || rest.starts_with("here")));
        let link = c == ':' && rest.starts_with("//");
        if mention || link {
            out.push(BREAK);
        }
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

/// The footer naming a corpus version.
fn footer(version: &str, lang: Lang) -> String {
    format!("{} {version}", lang.words().corpus_version)
}

/// The case commands as users type them (`/soviet`), for messages that point to them.
fn case_commands(catalog: &Catalog) -> String {
    catalog
        .cases()
        .map(|c| format!("/{}", c.id))
        .collect::<Vec<_>>()
        .join(" ")
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
                        emoji: None,
                    })
                    .collect(),
            ],
            select: Some(Select {
                custom_id: "y".repeat(200),
                placeholder: long.clone(),
                options: (0..30).map(|i| (format!("{i}"), long.clone())).collect(),
            }),
            ephemeral: false,
        }
        .fit();
        assert_eq!(reply.limit_violations(), Vec::<String>::new());
        assert!(reply.content.as_deref().unwrap().ends_with('…'));
        assert_eq!(reply.content.as_deref().unwrap().chars().count(), 2000);
    }

    #[test]
    fn user_text_cannot_format_mention_or_link() {
        for (text, shown) in [
            ("||剧透|| **粗**", "\\|\\|剧透\\|\\| \\*\\*粗\\*\\*"),
            (
                "[点我](https://x.example)",
                "\\[点我\\](https:\u{200B}//x.example)",
            ),
            (
                "<@&42> <#7> @everyone @here",
                "<\u{200B}@&42\\> <\u{200B}\\#7\\> @\u{200B}everyone @\u{200B}here",
            ),
            ("中美气候合作", "中美气候合作"),
        ] {
            assert_eq!(escape(text), shown, "{text}");
        }
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
