//! Digests computed once per build: each part's overview, each lesson's summary, and which
//! case lessons illustrate each of the preface's lessons. All extractive: every sentence shown
//! is the report's own.

use rustc_hash::FxHashMap as HashMap;

use crate::corpus::{Document, Lesson, Part, PartKind};
use crate::text::{Bigrams, bigram_set, sentences};

use super::{DocumentInfo, LessonDigest, LessonLink, PartDigest};

/// Sentences longer than this are not used in overviews and summaries.
const LONGEST_SUMMARY_SENTENCE: usize = 160;

/// The metadata and the digests of one document.
pub fn document(document: &Document) -> (DocumentInfo, Vec<PartDigest>) {
    let info = DocumentInfo {
        id: document.id.clone(),
        title: document.title.clone(),
        short: document.short.clone(),
        authors: document.authors.clone(),
        publisher: document.publisher.clone(),
        date: document.date.clone(),
        url: document.url.clone(),
        aliases: document.aliases.clone(),
        footnotes: document.footnotes,
        author_note: document.author_note.clone(),
        passages: document.passages.len(),
    };
    let mut parts: Vec<PartDigest> = document
        .parts
        .iter()
        .map(|part| PartDigest {
            id: part.id.clone(),
            doc: document.id.clone(),
            kind: part.kind,
            title: part.title.clone(),
            title_en: part.title_en.clone(),
            label: part.label.clone(),
            author: part.author.clone(),
            period: part.period.clone(),
            aliases: part.aliases.clone(),
            pages: part.pages(),
            sections: part.sections.clone(),
            overview: overview(part),
            lessons: part
                .lessons
                .iter()
                .map(|l| {
                    let mut digest = lesson(l);
                    digest.passage = document
                        .passages
                        .iter()
                        .find(|p| p.part == part.id && p.lesson == Some(l.index))
                        .map(|p| p.id.clone());
                    digest
                })
                .collect(),
        })
        .collect();
    link_preface_lessons(&document.parts, &mut parts);
    (info, parts)
}

/// Two or three sentences from the part's opening paragraphs that best share the words of its
/// headings and lesson topics, in reading order.
fn overview(part: &Part) -> Vec<String> {
    let intro: Vec<&str> = part
        .blocks
        .iter()
        .take_while(|b| b.section.is_none() || part.kind == PartKind::Article)
        .filter(|b| b.lesson.is_none())
        .take(4)
        .map(|b| b.text.as_str())
        .collect();
    let mut theme: Bigrams = bigram_set(&part.title);
    for section in &part.sections {
        theme.extend(bigram_set(&section.heading));
    }
    for lesson in &part.lessons {
        theme.extend(bigram_set(&lesson.topic));
    }
    pick_sentences(&intro, &theme, 3, 260)
}

fn lesson(lesson: &Lesson) -> LessonDigest {
    let body: Vec<String> = lesson
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                p.strip_prefix(lesson.topic.as_str())
                    .unwrap_or(p)
                    .to_string()
            } else {
                p.clone()
            }
        })
        .collect();
    let body_refs: Vec<&str> = body.iter().map(String::as_str).collect();
    // A sentence summarises the body when it shares the topic's words and the body's own.
    let mut theme = bigram_set(&lesson.topic);
    theme.extend(frequent_bigrams(&body_refs, 2));
    LessonDigest {
        index: lesson.index,
        ordinal: lesson.ordinal.clone(),
        topic: lesson.topic.clone(),
        summary: pick_sentences(&body_refs, &theme, 2, 200),
        page: lesson.page,
        passage: None,
        illustrated_by: Vec::new(),
    }
}

/// Bigrams that occur at least `min` times across the paragraphs.
fn frequent_bigrams(paragraphs: &[&str], min: usize) -> Bigrams {
    let mut counts: HashMap<(char, char), usize> = HashMap::default();
    for paragraph in paragraphs {
        for range in sentences(paragraph) {
            for gram in bigram_set(&paragraph[range]) {
                *counts.entry(gram).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= min)
        .map(|(gram, _)| gram)
        .collect()
}

/// Up to `most` sentences (at least one, when any) of at most `budget` characters together,
/// chosen by how much of `theme` they hold, shown in reading order.
fn pick_sentences(paragraphs: &[&str], theme: &Bigrams, most: usize, budget: usize) -> Vec<String> {
    let mut candidates: Vec<(usize, f32, &str)> = Vec::new();
    for paragraph in paragraphs {
        for range in sentences(paragraph) {
            let sentence = paragraph[range].trim();
            let length = sentence.chars().count();
            if !(12..=LONGEST_SUMMARY_SENTENCE).contains(&length) {
                continue;
            }
            let grams = bigram_set(sentence);
            let shared = grams.intersection(theme).count() as f32;
            let score = shared / (grams.len() as f32).sqrt().max(1.0);
            candidates.push((candidates.len(), score, sentence));
        }
    }
    let mut ranked = candidates.clone();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<(usize, &str)> = Vec::new();
    let mut used = 0;
    for (position, _, sentence) in ranked {
        let length = sentence.chars().count();
        if !chosen.is_empty() && (used + length > budget || chosen.len() == most) {
            continue;
        }
        chosen.push((position, sentence));
        used += length;
    }
    chosen.sort_by_key(|&(position, _)| position);
    chosen.into_iter().map(|(_, s)| s.to_string()).collect()
}

/// For every preface lesson, the case lessons closest to it in wording (best per case, those
/// at least half as close as the best, three at most).
fn link_preface_lessons(parts: &[Part], digests: &mut [PartDigest]) {
    let Some(preface) = parts.iter().find(|p| p.kind == PartKind::Preface) else {
        return;
    };
    let cases: Vec<&Part> = parts.iter().filter(|p| p.kind == PartKind::Case).collect();
    let lesson_text = |l: &Lesson| format!("{}{}", l.topic, l.paragraphs.join(""));
    let mut documents: Vec<HashMap<(char, char), f32>> = Vec::new();
    for lesson in preface
        .lessons
        .iter()
        .chain(cases.iter().flat_map(|c| c.lessons.iter()))
    {
        documents.push(gram_counts(&lesson_text(lesson)));
    }
    let idf = inverse_frequencies(&documents);
    let vectors: Vec<HashMap<(char, char), f32>> = documents
        .into_iter()
        .map(|counts| weigh(counts, &idf))
        .collect();
    let Some(preface_digest) = digests.iter().position(|d| d.kind == PartKind::Preface) else {
        return;
    };
    let mut links_per_lesson = Vec::new();
    for (i, _) in preface.lessons.iter().enumerate() {
        let mut best_per_case: Vec<LessonLink> = Vec::new();
        let mut offset = preface.lessons.len();
        for case in &cases {
            let best = case
                .lessons
                .iter()
                .enumerate()
                .map(|(j, lesson)| (cosine(&vectors[i], &vectors[offset + j]), lesson))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((similarity, lesson)) = best {
                best_per_case.push(LessonLink {
                    case: case.id.clone(),
                    case_title: case.title.clone(),
                    index: lesson.index,
                    ordinal: lesson.ordinal.clone(),
                    topic: lesson.topic.clone(),
                    page: lesson.page,
                    similarity,
                });
            }
            offset += case.lessons.len();
        }
        best_per_case.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
        let top = best_per_case.first().map_or(0.0, |l| l.similarity);
        best_per_case.retain(|l| l.similarity >= top * 0.5 && l.similarity > 0.0);
        best_per_case.truncate(3);
        links_per_lesson.push(best_per_case);
    }
    for (digest, links) in digests[preface_digest]
        .lessons
        .iter_mut()
        .zip(links_per_lesson)
    {
        digest.illustrated_by = links;
    }
}

fn gram_counts(text: &str) -> HashMap<(char, char), f32> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| crate::text::is_cjk(*c) || c.is_alphanumeric())
        .collect();
    let mut counts = HashMap::default();
    for pair in chars.windows(2) {
        *counts.entry((pair[0], pair[1])).or_insert(0.0) += 1.0;
    }
    counts
}

fn inverse_frequencies(documents: &[HashMap<(char, char), f32>]) -> HashMap<(char, char), f32> {
    let mut df: HashMap<(char, char), f32> = HashMap::default();
    for document in documents {
        for gram in document.keys() {
            *df.entry(*gram).or_default() += 1.0;
        }
    }
    let n = documents.len() as f32;
    df.into_iter()
        .map(|(gram, d)| (gram, (n / d).ln() + 0.1))
        .collect()
}

fn weigh(
    counts: HashMap<(char, char), f32>,
    idf: &HashMap<(char, char), f32>,
) -> HashMap<(char, char), f32> {
    counts
        .into_iter()
        .map(|(gram, count)| {
            (
                gram,
                (1.0 + count.ln()) * idf.get(&gram).copied().unwrap_or(0.0),
            )
        })
        .collect()
}

fn cosine(a: &HashMap<(char, char), f32>, b: &HashMap<(char, char), f32>) -> f32 {
    let dot: f32 = a.iter().filter_map(|(g, x)| b.get(g).map(|y| x * y)).sum();
    let norm = |v: &HashMap<(char, char), f32>| v.values().map(|x| x * x).sum::<f32>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        dot / denominator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picked_sentences_come_in_reading_order_within_budget() {
        let theme = bigram_set("气候合作");
        let picked = pick_sentences(
            &[
                "中美在气候领域开展合作。今天天气很好，大家都出门散步了。气候合作带来收益，也带来挑战。",
            ],
            &theme,
            2,
            200,
        );
        assert_eq!(
            picked,
            vec!["中美在气候领域开展合作。", "气候合作带来收益，也带来挑战。"]
        );
    }
}
