//! Candidates: the passages BM25 finds for a reading's query, and for a question about lessons,
//! the passages that open the lessons it asks about, which BM25 alone may rank too low; for a
//! question asking who wrote a document, the passages telling it; and for one asking what a
//! document or part says as a whole, the passages saying what it is about.

use crate::catalog::Catalog;
use crate::corpus::PartKind;
use crate::question::{Intent, Reading};
use crate::search::{Hit, SearchError, SearchIndex};

/// The candidates of a reading, in BM25 order, the passages telling who wrote a document and
/// lesson openings after.
pub fn fetch(
    index: &SearchIndex,
    catalog: &Catalog,
    reading: &Reading,
    limit: usize,
) -> Result<Vec<Hit>, SearchError> {
    let mut hits = index.search(&reading.query, limit)?;
    if reading.intent.author {
        add_authorship(
            &mut hits,
            index,
            catalog,
            &reading.intent,
            reading.case.as_deref(),
        )?;
    }
    if reading.intent.gist {
        add_gists(
            &mut hits,
            index,
            catalog,
            &reading.intent,
            reading.case.as_deref(),
        )?;
    }
    if reading.intent.lessons {
        add_lesson_openings(
            &mut hits,
            index,
            catalog,
            &reading.intent,
            reading.case.as_deref(),
        )?;
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

/// For a question asking what a document or part says as a whole, the passages saying what
/// the parts it asks about are about (only those of the part it is limited to, if any).
fn add_gists(
    hits: &mut Vec<Hit>,
    index: &SearchIndex,
    catalog: &Catalog,
    intent: &Intent,
    limit_to: Option<&str>,
) -> Result<(), SearchError> {
    for part in catalog
        .parts
        .iter()
        .filter(|p| limit_to.is_none_or(|l| l == p.id))
    {
        for passage in index.passages_of(&part.id)? {
            if super::hints::tells_gist(&passage, intent, catalog) {
                add_new(hits, passage);
            }
        }
    }
    Ok(())
}

/// For a question asking who wrote a document, the passages telling who wrote the documents
/// it asks about (only those of the part it is limited to, if any).
fn add_authorship(
    hits: &mut Vec<Hit>,
    index: &SearchIndex,
    catalog: &Catalog,
    intent: &Intent,
    limit_to: Option<&str>,
) -> Result<(), SearchError> {
    let parts = catalog.parts.iter().filter(|p| {
        limit_to.is_none_or(|l| l == p.id)
            && super::hints::asks_about_authors_of(&p.doc, &p.id, intent)
    });
    for part in parts {
        for passage in index.passages_of(&part.id)? {
            if super::hints::tells_authorship(&passage, catalog) {
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
