//! The FT Chinese commentary: an epoch-milliseconds comment, a markdown title link, then HTML.
//!
//! The HTML is read with an HTML parser: the lead (`div.story-lead`, which opens with the
//! author's name), the body paragraphs (`div.story-body p`), and the closing author's note
//! (`（注：作者是…）`). The image, the advert block (a div of JSON) and all markup are dropped.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use super::pdf_text::normalize_spaces;
use super::{Block, CorpusError, Document, DocumentEntry, Part, PartKind};

/// What the file says of itself, before the body.
#[derive(Debug, PartialEq)]
struct Header {
    date: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

pub(crate) fn read(
    entry: &DocumentEntry,
    source: &str,
    path: &Path,
) -> Result<Document, CorpusError> {
    let header = read_header(source);
    let html = Html::parse_document(source);
    let lead = select_text(&html, "div.story-lead").into_iter().next();
    let mut paragraphs = Vec::new();
    let mut author_note = None;
    for text in select_text(&html, "div.story-body p") {
        let inner = text.trim_start_matches(['（', '(']);
        if inner.starts_with("注：") || inner.starts_with("注:") {
            author_note = Some(text);
        } else {
            paragraphs.push(text);
        }
    }
    if lead.is_none() && paragraphs.is_empty() {
        return Err(CorpusError::Structure {
            path: path.to_path_buf(),
            reason: "no story lead or body paragraphs were found in the HTML".into(),
        });
    }
    let author = lead.as_deref().and_then(lead_author);
    let title = if entry.title.is_empty() {
        header.title.clone().unwrap_or_else(|| entry.short.clone())
    } else {
        entry.title.clone()
    };
    let mut blocks = Vec::new();
    if let Some(lead) = &lead {
        blocks.push(block(lead, "导语"));
    }
    blocks.extend(paragraphs.iter().map(|p| Block {
        text: p.clone(),
        page: None,
        section: None,
        lesson: None,
    }));
    if let Some(note) = &author_note {
        blocks.push(block(note, "作者说明"));
    }
    let authors = if entry.authors.is_empty() {
        author.iter().cloned().collect()
    } else {
        entry.authors.clone()
    };
    Ok(Document {
        id: entry.id.clone(),
        title: title.clone(),
        short: entry.short.clone(),
        authors,
        publisher: entry.publisher.clone(),
        date: entry.date.clone().or(header.date),
        url: entry.url.clone().or(header.url),
        aliases: entry.aliases.clone(),
        parts: vec![Part {
            id: entry.id.clone(),
            kind: PartKind::Article,
            title,
            title_en: None,
            label: Some(entry.short.clone()),
            author,
            period: None,
            aliases: entry.aliases.clone(),
            sections: Vec::new(),
            lessons: Vec::new(),
            blocks,
        }],
        passages: Vec::new(),
        footnotes: 0,
        author_note,
    })
}

fn block(text: &str, section: &str) -> Block {
    Block {
        text: text.to_string(),
        page: None,
        section: Some(section.to_string()),
        lesson: None,
    }
}

/// The text of every element matching `selector`, whitespace-normalized, empty ones skipped.
fn select_text(html: &Html, selector: &str) -> Vec<String> {
    let Ok(selector) = Selector::parse(selector) else {
        return Vec::new();
    };
    html.select(&selector)
        .map(|element: ElementRef| normalize_spaces(&element.text().collect::<String>()))
        .filter(|text| !text.is_empty())
        .collect()
}

/// The lead opens with the author's name and a colon: `王辉耀：拜登上任后…`.
fn lead_author(lead: &str) -> Option<String> {
    let (name, _) = lead.split_once('：')?;
    let count = name.chars().count();
    ((2..=8).contains(&count)).then(|| name.to_string())
}

/// Reads the `<!--1604955149000-->` date and the `[title](url)` line that precede the HTML.
fn read_header(source: &str) -> Header {
    let mut header = Header {
        date: None,
        title: None,
        url: None,
    };
    for line in source.lines().take(5).map(str::trim) {
        if let Some(millis) = line
            .strip_prefix("<!--")
            .and_then(|l| l.strip_suffix("-->"))
            .and_then(|l| l.trim().parse::<i64>().ok())
        {
            header.date = date_from_millis(millis);
        } else if let Some(link) = line.strip_prefix('[')
            && let Some((title, rest)) = link.split_once("](")
        {
            header.title = Some(title.trim().to_string());
            header.url = rest.strip_suffix(')').map(|u| u.trim().to_string());
        }
    }
    header
}

fn date_from_millis(millis: i64) -> Option<String> {
    let time = time::OffsetDateTime::from_unix_timestamp(millis.div_euclid(1000)).ok()?;
    Some(time.date().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_gives_date_title_and_url() {
        let source = "<!--1604955149000-->\n[大选后中美关系可争取出现缓和](https://cn.ft.com/story/001090141?full=y)\n------\n";
        assert_eq!(
            read_header(source),
            Header {
                date: Some("2020-11-09".into()),
                title: Some("大选后中美关系可争取出现缓和".into()),
                url: Some("https://cn.ft.com/story/001090141?full=y".into()),
            }
        );
    }

    #[test]
    fn the_lead_names_the_author() {
        assert_eq!(
            lead_author("王辉耀：拜登上任后，将更加注重"),
            Some("王辉耀".into())
        );
        assert_eq!(
            lead_author("拜登上任后，将更加注重在意识形态上团结盟友：打压"),
            None
        );
    }
}
