//! Candidates: the passages BM25 finds for a reading's query, and for a question about lessons,
//! the passages that open the lessons it asks about, which BM25 alone may rank too low; for a
//! question asking who wrote a document, the passages telling it; and for one asking what a
//! document or part says as a whole, the passages saying what it is about.

use crate::catalog::Catalog;
use crate::corpus::PartKind;
use crate::question::{Intent, Reading};
use crate::search::{Hit, SearchError, SearchIndex};

/// The candidates of a reading, in BM25 order, the passages telling who wrote a document, what
/// a part is about and lesson openings after.
pub fn fetch(
    index: &SearchIndex,
    catalog: &Catalog,
    reading: &Reading,
    limit: usize,
) -> Result<Vec<Hit>, SearchError> {
    let mut hits = index.search(&reading.query, limit)?;
    let intent = &reading.intent;
    let limit_to = reading.case.as_deref();
    // The passages telling who wrote the documents asked about.
    if intent.author {
        add_where(
            &mut hits,
            index,
            catalog,
            limit_to,
            |part| super::hints::asks_about_authors_of(&part.doc, &part.id, intent),
            |passage| super::hints::tells_authorship(passage, catalog),
        )?;
    }
    // The passages saying what the parts asked about as a whole are about.
    if intent.gist {
        add_where(
            &mut hits,
            index,
            catalog,
            limit_to,
            |_| true,
            |passage| super::hints::tells_gist(passage, intent, catalog),
        )?;
    }
    if intent.lessons {
        add_lesson_openings(&mut hits, index, catalog, intent, limit_to)?;
    }
    Ok(hits)
}

/// The parts whose lesson openings join the candidates: the part the question is limited to,
/// else the parts it names, else the preface.
pub(crate) fn lesson_parts<'a>(
    catalog: &'a Catalog,
    intent: &'a Intent,
    limit_to: Option<&'a str>,
) -> Vec<&'a str> {
    match limit_to {
        Some(part) => vec![part],
        None if intent.parts.is_empty() => catalog
            .parts
            .iter()
            .filter(|p| p.kind == PartKind::Preface)
            .map(|p| p.id.as_str())
            .collect(),
        None => intent.parts.iter().map(String::as_str).collect(),
    }
}

/// Adds the passages `wanted` of the parts `of_part` (only the part a question is limited to,
/// if any) that are not candidates yet.
fn add_where(
    hits: &mut Vec<Hit>,
    index: &SearchIndex,
    catalog: &Catalog,
    limit_to: Option<&str>,
    of_part: impl Fn(&crate::catalog::PartDigest) -> bool,
    wanted: impl Fn(&crate::corpus::Passage) -> bool,
) -> Result<(), SearchError> {
    let parts = catalog
        .parts
        .iter()
        .filter(|p| limit_to.is_none_or(|l| l == p.id) && of_part(p));
    for part in parts {
        for passage in index.passages_of(&part.id)? {
            if wanted(&passage) {
                add_new(hits, passage);
            }
        }
    }
    Ok(())
}

/// Adds a passage to the candidates, after BM25's, unless it is among them already.
fn add_new(hits: &mut Vec<Hit>, passage: crate::corpus::Passage) {
    if !hits.iter().any(|h| h.passage.id == passage.id) {
        hits.push(Hit {
            passage,
            score: 0.0,
        });
    }
}

fn add_lesson_openings(
    hits: &mut Vec<Hit>,
    index: &SearchIndex,
    catalog: &Catalog,
    intent: &Intent,
    limit_to: Option<&str>,
) -> Result<(), SearchError> {
    let parts = lesson_parts(catalog, intent, limit_to);
    for part in parts.into_iter().filter_map(|id| catalog.part(id)) {
        for lesson in &part.lessons {
            let Some(id) = &lesson.passage else { continue };
            if hits.iter().any(|h| &h.passage.id == id) {
                continue;
            }
            if let Some(passage) = index.passage(id)? {
                add_new(hits, passage);
            }
        }
    }
    Ok(())
}
