//! The report's structure: preface and cases (title line, author line), sections, and lessons.
//!
//! A part begins with a title line at the top of a page followed by an author line. Sections
//! are `一、…` and `（一）…` headings. A case's lessons are the paragraphs of its `经验和启示` /
//! `经验与启示` section that open with an ordinal (首先/其次/再次/最后/第N); the preface's are
//! its paragraphs from the first such ordinal on. A lesson runs until the next ordinal.

use std::path::Path;

use crate::text::{sentences, squeeze};

use super::pdf_text::{self, Paragraph};
use super::{Block, CorpusError, Document, DocumentEntry, Lesson, Part, PartKind, Section};

const PREFACE_TITLES: [&str; 4] = ["前言", "序言", "导言", "引言"];

/// Reads a PDF-extracted report.
pub(crate) fn read(
    entry: &DocumentEntry,
    source: &str,
    path: &Path,
) -> Result<Document, CorpusError> {
    let repaired = pdf_text::repair(source);
    let parts = split_parts(entry, &repaired.paragraphs, path)?;
    Ok(Document {
        id: entry.id.clone(),
        title: entry.title.clone(),
        short: entry.short.clone(),
        authors: entry.authors.clone(),
        publisher: entry.publisher.clone(),
        date: entry.date.clone(),
        url: entry.url.clone(),
        aliases: entry.aliases.clone(),
        parts,
        passages: Vec::new(),
        footnotes: repaired.footnotes.len(),
        author_note: None,
    })
}

fn split_parts(
    entry: &DocumentEntry,
    paragraphs: &[Paragraph],
    path: &Path,
) -> Result<Vec<Part>, CorpusError> {
    let structure = |reason: String| CorpusError::Structure {
        path: path.to_path_buf(),
        reason,
    };
    let mut parts: Vec<PartBuilder> = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() {
        let paragraph = &paragraphs[i];
        if is_part_title(paragraphs, i) {
            let title = squeeze(&paragraph.text);
            let author = squeeze(&paragraphs[i + 1].text);
            parts.push(new_part(
                entry,
                &title,
                Some(author),
                &parts,
                paragraph,
                path,
            )?);
            i += 2;
            continue;
        }
        if parts.is_empty() {
            // Text before any title line: an untitled front part, read like a preface.
            parts.push(PartBuilder::new(Part {
                id: "preface".into(),
                kind: PartKind::Preface,
                title: entry.title.clone(),
                title_en: None,
                label: None,
                author: None,
                period: None,
                aliases: Vec::new(),
                sections: Vec::new(),
                lessons: Vec::new(),
                blocks: Vec::new(),
            }));
        }
        if let Some(builder) = parts.last_mut() {
            builder.push(paragraph);
        }
        i += 1;
    }
    for case in &entry.cases {
        if !parts.iter().any(|p| p.part.id == case.id) {
            return Err(structure(format!(
                "case `{}` ({}) is listed in the manifest but its title line is not in the text",
                case.id, case.title
            )));
        }
    }
    Ok(parts.into_iter().map(|b| b.part).collect())
}

fn new_part(
    entry: &DocumentEntry,
    title: &str,
    author: Option<String>,
    existing: &[PartBuilder],
    paragraph: &Paragraph,
    path: &Path,
) -> Result<PartBuilder, CorpusError> {
    let (id, kind, title_en, label, period, aliases) = if PREFACE_TITLES.contains(&title) {
        (
            "preface".to_string(),
            PartKind::Preface,
            None,
            Some("前言".to_string()),
            None,
            Vec::new(),
        )
    } else {
        let case = entry
            .cases
            .iter()
            .find(|c| squeeze(&c.title) == title)
            .ok_or_else(|| CorpusError::Structure {
                path: path.to_path_buf(),
                reason: format!(
                    "line {}: the case titled `{title}` is not listed in the manifest",
                    paragraph.line
                ),
            })?;
        (
            case.id.clone(),
            PartKind::Case,
            case.title_en.clone(),
            case.label.clone(),
            case.period.clone(),
            case.aliases.clone(),
        )
    };
    if existing.iter().any(|p| p.part.id == id) {
        return Err(CorpusError::Structure {
            path: path.to_path_buf(),
            reason: format!("line {}: part `{id}` appears twice", paragraph.line),
        });
    }
    Ok(PartBuilder::new(Part {
        id,
        kind,
        title: title.to_string(),
        title_en,
        label,
        author,
        period,
        aliases,
        sections: Vec::new(),
        lessons: Vec::new(),
        blocks: Vec::new(),
    }))
}

/// A title line opens a page, is short, is not a heading, and is followed by an author line.
fn is_part_title(paragraphs: &[Paragraph], i: usize) -> bool {
    let paragraph = &paragraphs[i];
    let Some(next) = paragraphs.get(i + 1) else {
        return false;
    };
    let text = squeeze(&paragraph.text);
    paragraph.starts_page
        && text.chars().count() <= 40
        && !text.contains(['。', '，', '：'])
        && heading_level(&text).is_none()
        && is_author_line(&next.text)
}

fn is_author_line(text: &str) -> bool {
    let name = squeeze(text);
    let count = name.chars().count();
    (2..=8).contains(&count) && name.chars().all(|c| crate::text::is_cjk(c) || c == '·')
}

/// `一、…` is a level-1 heading and `（一）…` a level-2 one, when short and not a sentence.
pub(crate) fn heading_level(text: &str) -> Option<u8> {
    if text.chars().count() > 40 || text.contains('。') {
        return None;
    }
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = text.chars();
    let first = chars.next()?;
    if numeral(first) {
        let rest: String = chars.collect();
        let after = rest.trim_start_matches(numeral);
        return after.starts_with('、').then_some(1);
    }
    if first == '（' || first == '(' {
        let rest: String = chars.collect();
        let after = rest.trim_start_matches(numeral);
        let closed = after.starts_with('）') || after.starts_with(')');
        return (closed && after.len() < rest.len()).then_some(2);
    }
    None
}

fn is_lessons_heading(text: &str) -> bool {
    text.contains("经验") && (text.contains("启示") || text.contains("教训"))
}

/// The ordinal that opens a lesson paragraph (`首先，`), with the length of the prefix to drop.
pub fn lesson_ordinal(text: &str) -> Option<(&str, usize)> {
    let text_start = text.trim_start();
    let words = ["首先", "其次", "再次", "最后"];
    let ordinal_len = if let Some(word) = words.iter().find(|w| text_start.starts_with(**w)) {
        word.len()
    } else if let Some(rest) = text_start.strip_prefix('第') {
        let digits = rest
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        if digits == 0 {
            return None;
        }
        '第'.len_utf8() + digits
    } else {
        return None;
    };
    let after = &text_start[ordinal_len..];
    let separator = after
        .chars()
        .next()
        .filter(|c| matches!(c, '，' | ',' | '、'))?;
    Some((
        &text_start[..ordinal_len],
        ordinal_len + separator.len_utf8(),
    ))
}

/// Builds one part paragraph by paragraph, tracking the current section and lesson.
struct PartBuilder {
    part: Part,
    section: Option<String>,
    top_heading: Option<String>,
    in_lessons: bool,
}

impl PartBuilder {
    fn new(part: Part) -> PartBuilder {
        let in_lessons = part.kind == PartKind::Preface;
        PartBuilder {
            part,
            section: None,
            top_heading: None,
            in_lessons,
        }
    }

    fn push(&mut self, paragraph: &Paragraph) {
        let text = paragraph.text.trim();
        if let Some(level) = heading_level(text) {
            let is_lessons = level == 1 && is_lessons_heading(text);
            if level == 1 {
                self.top_heading = Some(text.to_string());
                self.section = Some(text.to_string());
                self.in_lessons = is_lessons;
            } else {
                self.section = Some(match &self.top_heading {
                    Some(top) => format!("{top} › {text}"),
                    None => text.to_string(),
                });
            }
            self.part.sections.push(Section {
                heading: text.to_string(),
                level,
                page: Some(paragraph.page),
                is_lessons,
            });
            return;
        }
        let mut lesson = self.part.lessons.last().map(|l| l.index);
        if self.in_lessons
            && let Some((ordinal, prefix)) = lesson_ordinal(text)
        {
            let body = text[text.len() - text.trim_start().len() + prefix..].to_string();
            let topic = sentences(&body)
                .first()
                .map(|r| body[r.clone()].to_string())
                .unwrap_or_default();
            let index = self.part.lessons.len() + 1;
            self.part.lessons.push(Lesson {
                index,
                ordinal: ordinal.to_string(),
                topic,
                paragraphs: vec![body],
                page: Some(paragraph.page),
            });
            lesson = Some(index);
        } else if let (true, Some(current)) = (self.in_lessons, self.part.lessons.last_mut()) {
            current.paragraphs.push(text.to_string());
        }
        if !self.in_lessons {
            lesson = None;
        }
        self.part.blocks.push(Block {
            text: text.to_string(),
            page: Some(paragraph.page),
            section: self.section.clone(),
            lesson,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_by_their_numbering() {
        let cases = [
            ("一、中美建交为双方的战略协作注入新动力", Some(1)),
            ("六、经验和启示", Some(1)),
            ("（一）谈判艰苦卓绝", Some(2)),
            ("二是改革和完善全球金融监管改革与协调。", None),
            ("三是促成世界银行和IMF治理改革，使之获得新的资源", None),
            ("首先，领导人的全局视野和战略决断至关重要。", None),
        ];
        for (text, expect) in cases {
            assert_eq!(heading_level(text), expect, "{text}");
        }
    }

    #[test]
    fn lesson_ordinals_need_their_comma() {
        let cases = [
            (
                "首先，领导人具备登高望远的全局观必不可少。",
                Some(("首先", 9)),
            ),
            ("第二，双方要体现互谅互让的精神。", Some(("第二", 9))),
            ("第十，最后一条。", Some(("第十", 9))),
            ("第二任期后，在气候变化议题上", None),
            ("其次是", None),
            ("二是通过务实推动强化合作习惯", None),
        ];
        for (text, expect) in cases {
            assert_eq!(lesson_ordinal(text), expect, "{text}");
        }
    }
}
