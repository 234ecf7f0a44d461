//! Repair of text extracted from a PDF: hard-wrapped lines back into paragraphs, PDF pages,
//! running headers, the stray URL line, footnote numbers and stray spaces.
//!
//! The rules, each tested on real lines of the report below:
//! - blank lines carry no meaning; a line whose last character is a space ends its paragraph,
//!   except a space after a Latin word when the next line goes on in Latin (`Consumer ⏎Protection`);
//! - a line starting with exactly one space begins a new PDF page (a deeper indent does not);
//! - a running header (`…进入新阶段 | 26`) begins page 26 and is not text;
//! - a line holding only a URL is dropped and the sentence it cut is joined again;
//! - footnote numbers are stripped (see `footnotes`), then spaces between Chinese characters go.

use crate::text::is_cjk;

use super::footnotes;

/// A paragraph of the repaired text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    pub text: String,
    /// The PDF page the paragraph starts on (1-based).
    pub page: u32,
    /// Whether the paragraph's first line was the first line of a page.
    pub starts_page: bool,
    /// The 1-based line of the source file the paragraph starts on.
    pub line: usize,
}

/// The repaired document: its paragraphs and the footnote numbers that were stripped.
#[derive(Debug)]
pub(crate) struct Repaired {
    pub paragraphs: Vec<Paragraph>,
    pub footnotes: Vec<u32>,
}

/// Repairs a whole PDF-extracted text.
pub(crate) fn repair(source: &str) -> Repaired {
    let mut paragraphs = join_lines(source);
    let mut texts: Vec<String> = paragraphs.iter().map(|p| p.text.clone()).collect();
    let footnotes = footnotes::strip(&mut texts);
    for (paragraph, text) in paragraphs.iter_mut().zip(texts) {
        paragraph.text = normalize_spaces(&text);
    }
    paragraphs.retain(|p| !p.text.is_empty());
    Repaired {
        paragraphs,
        footnotes,
    }
}

/// Joins hard-wrapped lines into paragraphs, tracking pages; spaces are kept as they are.
fn join_lines(source: &str) -> Vec<Paragraph> {
    let lines: Vec<&str> = source.lines().collect();
    let mut paragraphs = Vec::new();
    let mut page = 0u32;
    let mut current: Option<Paragraph> = None;
    for (index, raw) in lines.iter().enumerate() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        if let Some(number) = running_header_page(raw) {
            page = number;
            continue;
        }
        let starts_page = begins_page(raw);
        if starts_page || page == 0 {
            page += 1;
        }
        if is_url_line(raw) {
            continue;
        }
        let paragraph = current.get_or_insert_with(|| Paragraph {
            text: String::new(),
            page,
            starts_page,
            line: index + 1,
        });
        let content = raw.trim();
        if ends_latin_word(&paragraph.text) && starts_latin(content) {
            paragraph.text.push(' ');
        }
        paragraph.text.push_str(content);
        if raw.ends_with([' ', '\t', '\u{3000}']) && !continues_latin(raw, &lines[index + 1..]) {
            paragraphs.extend(current.take());
        }
    }
    paragraphs.extend(current);
    paragraphs
}

/// A page begins with a line indented by exactly one space.
fn begins_page(raw: &str) -> bool {
    let mut chars = raw.chars();
    chars.next() == Some(' ') && chars.next().is_some_and(|c| !c.is_whitespace())
}

/// The page number of a running header such as `中国加入世贸组织与… | 26`.
fn running_header_page(raw: &str) -> Option<u32> {
    let (title, number) = raw.trim().rsplit_once('|')?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 60 || title.contains('。') {
        return None;
    }
    number.trim().parse().ok()
}

fn is_url_line(raw: &str) -> bool {
    let content = raw.trim();
    (content.starts_with("http://") || content.starts_with("https://"))
        && !content.contains(char::is_whitespace)
}

/// A trailing space after a Latin word, with the next line going on in Latin, is a word wrap.
fn continues_latin(raw: &str, rest: &[&str]) -> bool {
    let ends_latin = raw
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let next = rest.iter().map(|l| l.trim()).find(|l| !l.is_empty());
    ends_latin && next.is_some_and(starts_latin)
}

fn ends_latin_word(text: &str) -> bool {
    text.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
}

fn starts_latin(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Collapses whitespace, keeping one space only between two Latin or digit characters
/// (`Wall Street`, `1.1 万亿` becomes `1.1万亿`, `2008 年` becomes `2008年`).
pub(crate) fn normalize_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || c == '\u{3000}' {
            pending_space = true;
            continue;
        }
        if pending_space {
            let before = out.chars().last();
            if before.is_some_and(keeps_space) && keeps_space(c) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn keeps_space(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '.' | ',' | ')' | '(' | '&' | '\'')
        || (!is_cjk(c) && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Repairs `input` and compares the paragraphs as (page, text).
    fn check(input: &str, expect: &[(u32, &str)]) {
        let repaired = repair(input);
        let got: Vec<(u32, &str)> = repaired
            .paragraphs
            .iter()
            .map(|p| (p.page, p.text.as_str()))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn wrapped_lines_join_and_a_trailing_space_ends_the_paragraph() {
        check(
            " 前    言 \n\n陈东晓 \n\n当前，中美已经进入竞合关系的新阶段。尤其在美国特\n\n朗普政府执政的四年里。 \n\n但另一方面，\n",
            &[
                (1, "前言"),
                (1, "陈东晓"),
                (
                    1,
                    "当前，中美已经进入竞合关系的新阶段。尤其在美国特朗普政府执政的四年里。",
                ),
                (1, "但另一方面，"),
            ],
        );
    }

    #[test]
    fn a_single_leading_space_begins_a_page_but_an_indent_does_not() {
        check(
            " 前言 \n\n我们认为，在中美关系处于深刻的调整和变化的时候，\n\n 如果一时看不清茫茫前路。 \n\n    首先，两国领导人。 \n",
            &[
                (1, "前言"),
                (
                    1,
                    "我们认为，在中美关系处于深刻的调整和变化的时候，如果一时看不清茫茫前路。",
                ),
                (2, "首先，两国领导人。"),
            ],
        );
    }

    #[test]
    fn a_running_header_sets_the_page_and_is_not_text() {
        check(
            " 标题 \n\n亿美元，增长了 557%；2018 年美国拥有多数股权的在华投\n\n中国加入世贸组织与中美推动经济全球化进入新阶段 | 26 \n\n资企业对华总销售额高达 3926.64 亿美元。 \n",
            &[
                (1, "标题"),
                (
                    1,
                    "亿美元，增长了557%；2018年美国拥有多数股权的在华投资企业对华总销售额高达3926.64亿美元。",
                ),
            ],
        );
    }

    #[test]
    fn the_stray_url_line_is_dropped_and_the_sentence_rejoined() {
        check(
            "务业各部门和国企、民企对入世非常害怕，预言一开放市场\n\nhttps://baike.baidu.com/item/%E5%B8%82%E5%9C%BA%E6%89%A9%E5%BC%A0\n\n 就会受到很大的负面冲击。 \n",
            &[(
                1,
                "务业各部门和国企、民企对入世非常害怕，预言一开放市场就会受到很大的负面冲击。",
            )],
        );
    }

    #[test]
    fn a_latin_word_wrap_is_not_a_paragraph_end() {
        check(
            "马总统签署的《多德—弗兰克华尔街改革与消费者保护法\n\n 案》（ Dodd-Frank Wall Street Reform and Consumer \n\nProtection Act），标志着美国政府开始了。 \n",
            &[(
                1,
                "马总统签署的《多德—弗兰克华尔街改革与消费者保护法案》（Dodd-Frank Wall Street Reform and Consumer Protection Act），标志着美国政府开始了。",
            )],
        );
    }

    #[test]
    fn a_heading_ending_in_a_latin_word_still_ends_its_paragraph() {
        check(
            "一、中美为了各自的利益推动中国加入 WTO \n\n（一）谈判艰苦卓绝 \n",
            &[
                (1, "一、中美为了各自的利益推动中国加入WTO"),
                (1, "（一）谈判艰苦卓绝"),
            ],
        );
    }

    #[test]
    fn stray_spaces_inside_chinese_text_go_but_latin_spaces_stay() {
        assert_eq!(normalize_spaces("叶 玉"), "叶玉");
        assert_eq!(
            normalize_spaces("“事实上，我是受到普遍批评的” 。"),
            "“事实上，我是受到普遍批评的”。"
        );
        assert_eq!(
            normalize_spaces("携手抗击 2008 年国际金融危机"),
            "携手抗击2008年国际金融危机"
        );
        assert_eq!(
            normalize_spaces("Wall Street  Reform"),
            "Wall Street Reform"
        );
        assert_eq!(normalize_spaces("“巴 III”的要求"), "“巴III”的要求");
        assert_eq!(normalize_spaces("2000/2001 学年"), "2000/2001学年");
    }

    #[test]
    fn the_seed_report_keeps_every_footnote_in_order() {
        let source = include_str!("../../index/corpus/report.txt");
        let repaired = repair(source);
        let expected: Vec<u32> = (1..=repaired.footnotes.len() as u32).collect();
        assert_eq!(repaired.footnotes, expected);
        assert!(
            repaired.footnotes.len() >= 79,
            "{}",
            repaired.footnotes.len()
        );
        let all: String = repaired
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert!(!all.contains("http"));
        assert!(all.contains("20世纪70年代末80年代初"));
        assert!(all.contains("2018年"));
    }
}
