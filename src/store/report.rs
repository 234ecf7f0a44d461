//! What the store shows: stats (asks per day, found rate, latency, cases), gaps (questions the
//! documents left unanswered, grouped by the words they share, most asked first) and an export
//! of every answer (hashed ids only).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use rusqlite::params;
use serde::Serialize;

use super::{Reason, Store, StoreError, unix};

/// How alike two questions must be (character bigrams, Jaccard) to count as one gap.
const SAME_GAP: f32 = 0.4;
/// Gaps listed at most.
const GAPS_LISTED: usize = 20;

/// One day of asking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub asks: u64,
    pub found: u64,
}

/// The figures of a window of days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub days: u32,
    pub asks: u64,
    pub found: u64,
    pub not_found: u64,
    pub refused: u64,
    pub failed: u64,
    /// Found over the questions that were read (refused and failed ones left out).
    pub found_rate: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub per_day: Vec<Day>,
    /// Asks by case (`all` for none), most asked first.
    pub cases: Vec<(String, u64)>,
    pub by_lang: Vec<(String, u64)>,
    /// Votes cast in the window: 👍 and 👎.
    pub up: u64,
    pub down: u64,
}

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

/// One recorded answer, as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerRow {
    pub at: i64,
    pub guild: Option<String>,
    pub channel: Option<String>,
    pub user: Option<String>,
    pub locale: Option<String>,
    pub lang: String,
    pub command: String,
    pub case: Option<String>,
    pub question: String,
    pub corpus_version: String,
    pub outcome: String,
    pub latency_ms: f64,
    /// `passage:score`, in the order cited.
    pub citations: Vec<String>,
    /// The votes on it: 👍, 👎 and the reasons given with the 👎s.
    pub up: u64,
    pub down: u64,
    pub reasons: Vec<String>,
}

fn since(days: u32) -> i64 {
    unix(SystemTime::now()) - i64::from(days) * 86_400
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The figures of the last `days` days, in one pass over the covering index.
pub fn stats(store: &Store, days: u32) -> Result<Stats, StoreError> {
    let sql = |e| store.sql(e);
    let mut outcomes: BTreeMap<String, u64> = BTreeMap::new();
    let mut per_day: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    let mut cases: BTreeMap<String, u64> = BTreeMap::new();
    let mut langs: BTreeMap<String, u64> = BTreeMap::new();
    let mut latencies: Vec<f64> = Vec::new();
    let mut statement = store
        .connection()
        .prepare_cached(
            "SELECT at, outcome, latency_ms, lang, part FROM answers INDEXED BY answers_stats
             WHERE at >= ?1",
        )
        .map_err(sql)?;
    let mut rows = statement.query(params![since(days)]).map_err(sql)?;
    while let Some(row) = rows.next().map_err(sql)? {
        let at: i64 = row.get(0).map_err(sql)?;
        let outcome = row.get_ref(1).map_err(sql)?.as_str().unwrap_or_default();
        latencies.push(row.get(2).map_err(sql)?);
        let lang = row.get_ref(3).map_err(sql)?.as_str().unwrap_or_default();
        let case = row.get_ref(4).map_err(sql)?.as_str_or_null().ok().flatten();
        let day = per_day.entry(at.div_euclid(86_400)).or_default();
        day.0 += 1;
        if outcome == "found" {
            day.1 += 1;
        }
        bump(&mut outcomes, outcome);
        bump(&mut langs, lang);
        bump(&mut cases, case.unwrap_or("all"));
    }
    latencies.sort_by(f64::total_cmp);
    let (up, down) = store
        .connection()
        .query_row(
            "SELECT COALESCE(SUM(vote > 0), 0), COALESCE(SUM(vote < 0), 0) FROM votes
             WHERE at >= ?1",
            params![since(days)],
            |row| Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64)),
        )
        .map_err(sql)?;
    let count = |key: &str| outcomes.get(key).copied().unwrap_or(0);
    let read = count("found") + count("not_found");
    Ok(Stats {
        days,
        asks: latencies.len() as u64,
        found: count("found"),
        not_found: count("not_found"),
        refused: count("refused"),
        failed: count("failed"),
        found_rate: if read == 0 {
            0.0
        } else {
            count("found") as f64 / read as f64
        },
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
        per_day: per_day
            .into_iter()
            .map(|(day, (asks, found))| Day {
                day: day_name(day),
                asks,
                found,
            })
            .collect(),
        cases: most_first(cases),
        by_lang: most_first(langs),
        up,
        down,
    })
}

fn bump(counts: &mut BTreeMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

fn most_first(counts: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (UTC).
fn day_name(day: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(day * 86_400)
        .map(|t| {
            let date = t.date();
            format!(
                "{:04}-{:02}-{:02}",
                date.year(),
                u8::from(date.month()),
                date.day()
            )
        })
        .unwrap_or_default()
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

/// Every answer recorded since `since`, oldest first.
pub fn answers_since(store: &Store, since: SystemTime) -> Result<Vec<AnswerRow>, StoreError> {
    let sql = |e| store.sql(e);
    let mut statement = store
        .connection()
        .prepare_cached(
            "SELECT a.at, a.guild, a.channel, a.user, a.locale, a.lang, a.command, a.part,
                    a.question, a.corpus_version, a.outcome, a.latency_ms,
                    (SELECT group_concat(passage || ':' || printf('%.3f', score), ' ')
                     FROM (SELECT passage, score FROM citations c WHERE c.answer = a.id ORDER BY n)),
                    (SELECT COALESCE(SUM(vote > 0), 0) FROM votes v WHERE v.answer_key = a.answer_key),
                    (SELECT COALESCE(SUM(vote < 0), 0) FROM votes v WHERE v.answer_key = a.answer_key),
                    (SELECT group_concat(reason, ' ') FROM votes v
                     WHERE v.answer_key = a.answer_key AND v.vote < 0)
             FROM answers a WHERE a.at >= ?1 ORDER BY a.id",
        )
        .map_err(sql)?;
    statement
        .query_map(params![unix(since)], |row| {
            let citations: Option<String> = row.get(12)?;
            let reasons: Option<String> = row.get(15)?;
            Ok(AnswerRow {
                at: row.get(0)?,
                guild: row.get(1)?,
                channel: row.get(2)?,
                user: row.get(3)?,
                locale: row.get(4)?,
                lang: row.get(5)?,
                command: row.get(6)?,
                case: row.get(7)?,
                question: row.get(8)?,
                corpus_version: row.get(9)?,
                outcome: row.get(10)?,
                latency_ms: row.get(11)?,
                citations: citations
                    .map(|c| c.split(' ').map(str::to_string).collect())
                    .unwrap_or_default(),
                up: row.get::<_, i64>(13)? as u64,
                down: row.get::<_, i64>(14)? as u64,
                reasons: reasons
                    .map(|r| r.split(' ').map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })
        .map_err(sql)?
        .collect::<Result<_, _>>()
        .map_err(sql)
}

/// The answers since `since` as JSON lines.
pub fn export_jsonl(
    store: &Store,
    since: SystemTime,
    out: &mut impl std::io::Write,
) -> anyhow::Result<usize> {
    let rows = answers_since(store, since)?;
    for row in &rows {
        serde_json::to_writer(&mut *out, row)?;
        writeln!(out)?;
    }
    Ok(rows.len())
}

/// The answers since `since` as CSV with a header line (RFC 4180 quoting).
pub fn export_csv(
    store: &Store,
    since: SystemTime,
    out: &mut impl std::io::Write,
) -> anyhow::Result<usize> {
    fn field(text: &str) -> String {
        // A cell a spreadsheet would run as a formula is written as text.
        let text = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_string()
        };
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    }
    let rows = answers_since(store, since)?;
    writeln!(
        out,
        "at,guild,channel,user,locale,lang,command,case,question,corpus_version,outcome,latency_ms,citations,up,down,reasons"
    )?;
    for row in &rows {
        let cells = [
            row.at.to_string(),
            row.guild.clone().unwrap_or_default(),
            row.channel.clone().unwrap_or_default(),
            row.user.clone().unwrap_or_default(),
            row.locale.clone().unwrap_or_default(),
            row.lang.clone(),
            row.command.clone(),
            row.case.clone().unwrap_or_default(),
            row.question.clone(),
            row.corpus_version.clone(),
            row.outcome.clone(),
            format!("{:.3}", row.latency_ms),
            row.citations.join(" "),
            row.up.to_string(),
            row.down.to_string(),
            row.reasons.join(" "),
        ];
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(rows.len())
}

/// The start of the day `YYYY-MM-DD` (UTC), for `--since`.
pub fn parse_day(text: &str) -> Option<SystemTime> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        time::Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)
            .ok()?;
    let seconds = date.midnight().assume_utc().unix_timestamp();
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sample;

    fn store_with(records: &[crate::store::Record]) -> (tempfile::TempDir, Store) {
        let folder = tempfile::tempdir().unwrap();
        let mut store = Store::open(&folder.path().join("s.sqlite3")).unwrap();
        store.write(records).unwrap();
        (folder, store)
    }

    #[test]
    fn stats_count_outcomes_days_and_latency() {
        let now = SystemTime::now();
        let mut english = sample("climate", "found", now);
        english.lang = "en".into();
        english.case = Some("paris".into());
        let (_folder, store) = store_with(&[
            sample("甲", "found", now),
            sample("乙", "not_found", now),
            sample("丙", "refused", now),
            english,
            sample("很久以前", "found", now - Duration::from_secs(40 * 86_400)),
        ]);
        let stats = stats(&store, 30).unwrap();
        assert_eq!(stats.asks, 4);
        assert_eq!((stats.found, stats.not_found, stats.refused), (2, 1, 1));
        assert!((stats.found_rate - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(stats.per_day.len(), 1);
        assert_eq!(stats.cases[0], ("all".to_string(), 3));
        assert!(stats.by_lang.contains(&("en".to_string(), 1)));
        assert!((stats.p50_ms - 3.0).abs() < 1e-6);
    }

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

    fn vote(key: &str, user: &str, up: bool, reason: Option<Reason>) -> crate::store::Entry {
        crate::store::Entry::Vote(crate::store::Vote {
            at: SystemTime::now(),
            answer_key: key.into(),
            user: user.into(),
            up,
            reason,
        })
    }

    #[test]
    fn a_vote_again_replaces_the_first_and_gaps_stats_and_exports_count_votes() {
        let now = SystemTime::now();
        let (_folder, mut store) = store_with(&[
            sample("巴黎协定是哪年签的", "found", now),
            sample("巴黎协定是哪一年签的", "found", now),
            sample("入世谈判持续了多久", "found", now),
        ]);
        store
            .write_entries(&[
                // One user changes their mind; another votes down with a reason.
                vote("key-巴黎协定是哪年签的", "u1", true, None),
                vote("key-巴黎协定是哪年签的", "u1", false, None),
                vote(
                    "key-巴黎协定是哪年签的",
                    "u1",
                    false,
                    Some(Reason::WrongPassage),
                ),
                vote(
                    "key-巴黎协定是哪一年签的",
                    "u2",
                    false,
                    Some(Reason::Misread),
                ),
                vote("key-入世谈判持续了多久", "u1", true, None),
            ])
            .unwrap();
        assert_eq!(store.votes_on("key-巴黎协定是哪年签的").unwrap(), (0, 1));
        let stats = stats(&store, 30).unwrap();
        assert_eq!((stats.up, stats.down), (1, 2));
        let gaps = gaps(&store, 30).unwrap();
        assert_eq!(gaps.len(), 1, "the answer voted up is no gap: {gaps:#?}");
        assert_eq!((gaps[0].asked, gaps[0].down, gaps[0].not_found), (2, 2, 0));
        assert_eq!(
            gaps[0].reasons,
            vec![(Reason::WrongPassage, 1), (Reason::Misread, 1)]
        );
        assert_eq!(gaps[0].cited, vec!["p1".to_string()]);
        let rows = answers_since(&store, SystemTime::UNIX_EPOCH).unwrap();
        assert_eq!((rows[0].up, rows[0].down), (0, 1));
        assert_eq!(rows[0].reasons, vec!["wrong_passage".to_string()]);
        assert_eq!((rows[2].up, rows[2].down), (1, 0));
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

    #[test]
    fn exports_hold_every_answer_with_its_citations_and_quote_csv() {
        let now = SystemTime::now();
        let (_folder, store) = store_with(&[
            sample("a, \"quoted\" question", "found", now),
            sample("=HYPERLINK(\"x\")", "not_found", now),
        ]);
        let mut csv = Vec::new();
        assert_eq!(
            export_csv(&store, SystemTime::UNIX_EPOCH, &mut csv).unwrap(),
            2
        );
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("\"a, \"\"quoted\"\" question\""), "{csv}");
        assert!(csv.contains("p1:0.900 p2:0.500"), "{csv}");
        assert!(
            csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","),
            "a formula is text: {csv}"
        );
        let mut jsonl = Vec::new();
        export_jsonl(&store, SystemTime::UNIX_EPOCH, &mut jsonl).unwrap();
        let first = jsonl.split(|&b| b == b'\n').next().unwrap();
        let row: serde_json::Value = serde_json::from_slice(first).unwrap();
        assert_eq!(row["citations"][0], "p1:0.900");
        assert_eq!(
            parse_day("2026-11-30").map(super::super::unix),
            Some(1_795_996_800)
        );
        assert_eq!(parse_day("2026-13-01"), None);
    }
}
