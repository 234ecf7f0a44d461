//! Gaps: the questions that found nothing or were voted down, alike wordings grouped by the
//! character bigrams they share, most asked first, each with what it got.

use std::collections::BTreeMap;

use rusqlite::params;
use serde::Serialize;

use super::report::{most_first, since};
use super::{Reason, Store, StoreError};

/// How alike two questions must be (character bigrams, Jaccard) to count as one gap.
const SAME_GAP: f32 = 0.4;
/// Gaps listed at most.
const GAPS_LISTED: usize = 20;

/// Questions the documents left unanswered or answered badly (found nothing, or voted
/// down), alike enough to be one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The wording asked most.
    pub question: String,
    pub asked: u64,
    /// Every wording, most asked first.
    pub wordings: Vec<String>,
    /// How many of its asks found nothing.
    pub not_found: u64,
    /// 👎 votes on its answers, and the reasons given, most given first.
    pub down: u64,
    pub reasons: Vec<(Reason, u64)>,
    /// The first passage its voted-down answers cited, most often first: what it got.
    pub cited: Vec<String>,
}
/// Asks of one wording that found nothing, or one answer voted down.
struct Asked {
    question: String,
    /// Asks it stands for (an answer voted down that also found nothing is counted once).
    asks: u64,
    not_found: u64,
    down: u64,
    reasons: Vec<Reason>,
    cited: Option<String>,
}

/// The questions of the last `days` days that found nothing or were voted down, grouped by
/// the words they share, most asked first.
pub fn gaps(store: &Store, days: u32) -> Result<Vec<Gap>, StoreError> {
    let sql = |e| store.sql(e);
    // What found nothing, counted per wording.
    let mut statement = store
        .connection()
        .prepare_cached(
            "SELECT question, COUNT(*) FROM answers
             WHERE at >= ?1 AND outcome = 'not_found' GROUP BY question",
        )
        .map_err(sql)?;
    let mut asked: Vec<Asked> = statement
        .query_map(params![since(days)], |row| {
            let count = row.get::<_, i64>(1)? as u64;
            Ok(Asked {
                question: row.get(0)?,
                asks: count,
                not_found: count,
                down: 0,
                reasons: Vec::new(),
                cited: None,
            })
        })
        .map_err(sql)?
        .collect::<Result<_, _>>()
        .map_err(sql)?;
    if !store.has_votes() {
        return Ok(group(asked));
    }
    // The answers with a 👎, from the votes (few beside the answers), each found by its key.
    let mut statement = store
        .connection()
        .prepare_cached(
            "SELECT a.question, a.outcome = 'not_found', COUNT(*), group_concat(v.reason, ' '),
                    (SELECT passage FROM citations c WHERE c.answer = a.id AND c.n = 1)
             FROM votes v JOIN answers a ON a.answer_key = v.answer_key
             WHERE v.vote < 0 AND a.at >= ?1
             GROUP BY a.id",
        )
        .map_err(sql)?;
    let voted = statement
        .query_map(params![since(days)], |row| {
            let reasons: Option<String> = row.get(3)?;
            let not_found: bool = row.get(1)?;
            Ok(Asked {
                question: row.get(0)?,
                asks: u64::from(!not_found),
                not_found: 0,
                down: row.get::<_, i64>(2)? as u64,
                reasons: reasons
                    .unwrap_or_default()
                    .split(' ')
                    .filter_map(Reason::parse)
                    .collect(),
                cited: row.get(4)?,
            })
        })
        .map_err(sql)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql)?;
    asked.extend(voted);
    Ok(group(asked))
}

/// Gaps from single questions: identical wordings first, then wordings alike enough.
fn group(asked: Vec<Asked>) -> Vec<Gap> {
    // Each wording with how often it was asked, most asked first.
    let mut wordings: BTreeMap<String, (u64, Vec<Asked>)> = BTreeMap::new();
    for one in asked {
        let entry = wordings.entry(one.question.clone()).or_default();
        entry.0 += one.asks;
        entry.1.push(one);
    }
    let mut wordings: Vec<(String, (u64, Vec<Asked>))> = wordings.into_iter().collect();
    wordings.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    struct Group {
        bigrams: crate::text::Bigrams,
        gap: Gap,
        reasons: BTreeMap<Reason, u64>,
        cited: BTreeMap<String, u64>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for (question, (count, asks)) in wordings {
        let bigrams = crate::text::bigram_set(&crate::text::lowercase(&question));
        let index = match groups
            .iter()
            .position(|g| crate::text::jaccard(&g.bigrams, &bigrams) >= SAME_GAP)
        {
            Some(i) => {
                groups[i].gap.asked += count;
                groups[i].gap.wordings.push(question);
                i
            }
            None => {
                groups.push(Group {
                    bigrams,
                    gap: Gap {
                        wordings: vec![question.clone()],
                        question,
                        asked: count,
                        not_found: 0,
                        down: 0,
                        reasons: Vec::new(),
                        cited: Vec::new(),
                    },
                    reasons: BTreeMap::new(),
                    cited: BTreeMap::new(),
                });
                groups.len() - 1
            }
        };
        let group = &mut groups[index];
        for one in asks {
            group.gap.not_found += one.not_found;
            group.gap.down += one.down;
            for reason in one.reasons {
                *group.reasons.entry(reason).or_default() += 1;
            }
            if let (Some(passage), true) = (one.cited, one.down > 0) {
                *group.cited.entry(passage).or_default() += 1;
            }
        }
    }
    let mut gaps: Vec<Gap> = groups
        .into_iter()
        .map(|g| {
            let mut reasons: Vec<(Reason, u64)> = g.reasons.into_iter().collect();
            reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Gap {
                reasons,
                cited: most_first(g.cited).into_iter().map(|(p, _)| p).collect(),
                ..g.gap
            }
        })
        .collect();
    gaps.sort_by(|a, b| b.asked.cmp(&a.asked).then(a.question.cmp(&b.question)));
    gaps.truncate(GAPS_LISTED);
    gaps
}
#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::store::{sample, store_with, vote};

    #[test]
    fn gaps_group_alike_wordings_and_put_the_most_asked_first() {
        let now = SystemTime::now();
        let (_folder, store) = store_with(&[
            sample("中美在太空探索上有合作吗", "not_found", now),
            sample("中美在太空探索上有合作吗", "not_found", now),
            sample("中美太空探索有合作吗？", "not_found", now),
            sample("报告的作者多大年纪", "not_found", now),
            sample("气候合作", "found", now),
        ]);
        let gaps = gaps(&store, 30).unwrap();
        assert_eq!(gaps.len(), 2, "{gaps:#?}");
        assert_eq!(gaps[0].question, "中美在太空探索上有合作吗");
        assert_eq!(gaps[0].asked, 3);
        assert_eq!(gaps[0].wordings.len(), 2);
        assert_eq!(gaps[1].asked, 1);
    }

    #[test]
    fn an_answer_that_found_nothing_and_was_voted_down_is_one_ask() {
        let now = SystemTime::now();
        let again = crate::store::Record {
            answer_key: Some("another".into()),
            ..sample("中美在火星探测上有合作吗", "not_found", now)
        };
        let (_folder, mut store) =
            store_with(&[sample("中美在火星探测上有合作吗", "not_found", now), again]);
        store
            .write_entries(&[vote("key-中美在火星探测上有合作吗", "u1", false, None)])
            .unwrap();
        let gaps = gaps(&store, 30).unwrap();
        assert_eq!(gaps.len(), 1);
        assert_eq!((gaps[0].asked, gaps[0].not_found, gaps[0].down), (2, 2, 1));
    }
}
