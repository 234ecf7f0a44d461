//! Passages: the units luopan searches and cites.
//!
//! A passage is a paragraph, split at sentence boundaries when long and merged into the next
//! paragraph of the same section when tiny. Its id is a hash of its document and text, so the
//! same text keeps the same id across rebuilds.

use serde::{Deserialize, Serialize};

use crate::text::sentences;

use super::{Block, Document};

/// Paragraphs longer than this many characters are split.
const SPLIT_ABOVE: usize = 400;
/// Pieces of a split paragraph aim at this many characters.
const PIECE_TARGET: usize = 250;
/// Paragraphs shorter than this many characters join the next one.
const MERGE_BELOW: usize = 40;

/// A cited unit of text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Stable id: `{doc}-{hash of the text}`.
    pub id: String,
    /// The document's id.
    pub doc: String,
    /// The part's id: `preface`, a case id, or the document's id for an article.
    pub part: String,
    pub section: Option<String>,
    /// The 1-based index of the lesson the passage belongs to.
    pub lesson: Option<usize>,
    pub page: Option<u32>,
    /// Position in the document, from 0.
    pub seq: usize,
    pub text: String,
    /// The last sentence of the passage before it in the same part, which its opening may lean
    /// on (`尽管如此，…`, `《声明》还…`); empty for a part's first passage.
    pub lead: String,
    /// The questions moderators linked to it (`taught.toml`), indexed and matched with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taught: Vec<String>,
}

#[cfg(test)]
impl Passage {
    /// A passage of the report's part `part` with the given text, for tests of the stages
    /// that read passages.
    pub(crate) fn sample(part: &str, lesson: Option<usize>, text: &str) -> Passage {
        Passage {
            id: format!("report-{}", passage_id("report", text)),
            doc: "report".into(),
            part: part.into(),
            section: None,
            lesson,
            page: None,
            seq: 0,
            text: text.into(),
            lead: String::new(),
            taught: Vec::new(),
        }
    }
}

/// Cuts a document's parts into passages.
pub(crate) fn cut(document: &Document) -> Vec<Passage> {
    let mut passages: Vec<Passage> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut bylines = std::collections::HashSet::new();
    for part in &document.parts {
        // A byline the part's text does not repeat (`陈东晓` under `前言`) is a passage of its
        // own, on the part's first page: it is what tells who wrote the part.
        if let Some(author) = part.author.as_deref().map(str::trim)
            && !author.is_empty()
            && !part.blocks.iter().any(|b| b.text.contains(author))
        {
            let byline = Block {
                text: author.to_string(),
                page: part.blocks.first().and_then(|b| b.page),
                section: None,
                lesson: None,
            };
            push_pieces(&mut passages, &mut seen, document, &part.id, &byline);
            bylines.insert(passages.len() - 1);
        }
        let mut pending: Option<Block> = None;
        for block in &part.blocks {
            let block = match pending.take() {
                Some(small) if same_place(&small, block) => Block {
                    text: format!("{}{}", small.text, block.text),
                    ..small
                },
                Some(small) => {
                    push_pieces(&mut passages, &mut seen, document, &part.id, &small);
                    block.clone()
                }
                None => block.clone(),
            };
            if block.text.chars().count() < MERGE_BELOW {
                pending = Some(block);
            } else {
                push_pieces(&mut passages, &mut seen, document, &part.id, &block);
            }
        }
        if let Some(small) = pending {
            push_pieces(&mut passages, &mut seen, document, &part.id, &small);
        }
    }
    // A passage's lead is the last sentence before it in its part; a byline leads nothing.
    for i in 1..passages.len() {
        if passages[i].part == passages[i - 1].part && !bylines.contains(&(i - 1)) {
            let before = &passages[i - 1].text;
            let last = sentences(before).last().map(|r| before[r.clone()].trim());
            passages[i].lead = last.unwrap_or_default().to_string();
        }
    }
    passages
}

fn same_place(a: &Block, b: &Block) -> bool {
    a.section == b.section && a.lesson == b.lesson
}

fn push_pieces(
    passages: &mut Vec<Passage>,
    seen: &mut std::collections::HashSet<String>,
    document: &Document,
    part: &str,
    block: &Block,
) {
    for piece in split(&block.text) {
        let mut id = passage_id(&document.id, &piece);
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{}-{n}", passage_id(&document.id, &piece));
            n += 1;
        }
        passages.push(Passage {
            id,
            doc: document.id.clone(),
            part: part.to_string(),
            section: block.section.clone(),
            lesson: block.lesson,
            page: block.page,
            seq: passages.len(),
            text: piece,
            lead: String::new(),
            taught: Vec::new(),
        });
    }
}

/// The stable id of a passage.
pub fn passage_id(doc: &str, text: &str) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    format!("{doc}-{:012x}", hash & 0xffff_ffff_ffff)
}

/// Splits a long paragraph into pieces of whole sentences of about `PIECE_TARGET` characters.
fn split(text: &str) -> Vec<String> {
    let total = text.chars().count();
    if total <= SPLIT_ABOVE {
        return vec![text.to_string()];
    }
    let pieces_wanted = total.div_ceil(PIECE_TARGET);
    let target = total / pieces_wanted;
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut current_chars = 0;
    for range in sentences(text) {
        let sentence = &text[range];
        let length = sentence.chars().count();
        if current_chars > 0 && current_chars + length / 2 > target {
            pieces.push(std::mem::take(&mut current));
            current_chars = 0;
        }
        current.push_str(sentence);
        current_chars += length;
    }
    if !current.is_empty() {
        // A short tail sentence joins the piece before it rather than stand alone.
        match pieces.last_mut() {
            Some(last) if current_chars < MERGE_BELOW => last.push_str(&current),
            _ => pieces.push(current),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paragraphs_stay_whole() {
        assert_eq!(split("中美关系。"), vec!["中美关系。"]);
    }

    #[test]
    fn long_paragraphs_split_at_sentence_ends_into_balanced_pieces() {
        let sentence = "中美两国在气候变化领域的合作不断加深，双方建立了多个具体合作项目。";
        let text = sentence.repeat(20);
        let pieces = split(&text);
        assert!(pieces.len() >= 2);
        assert_eq!(pieces.concat(), text);
        for piece in &pieces {
            assert!(piece.ends_with('。'));
            assert!(
                piece.chars().count() <= SPLIT_ABOVE,
                "{}",
                piece.chars().count()
            );
        }
    }

    #[test]
    fn ids_depend_on_document_and_text_only() {
        assert_eq!(passage_id("report", "中美"), passage_id("report", "中美"));
        assert_ne!(passage_id("report", "中美"), passage_id("ft", "中美"));
        assert_ne!(passage_id("report", "中美"), passage_id("report", "美中"));
    }
}
