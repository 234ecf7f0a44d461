//! What the store shows: stats (asks per day, found rate, votes, latency, cases) and an export
//! of every answer with its votes (hashed ids only). Gaps are in `gaps.rs`.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use rusqlite::params;
use serde::Serialize;

use super::{Store, StoreError, unix};

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

pub(super) fn since(days: u32) -> i64 {
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
    let (up, down) = if store.has_votes() {
        store
            .connection()
            .query_row(
                "SELECT COALESCE(SUM(vote > 0), 0), COALESCE(SUM(vote < 0), 0) FROM votes
                 WHERE at >= ?1",
                params![since(days)],
                |row| Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64)),
            )
            .map_err(sql)?
    } else {
        (0, 0)
    };
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

pub(super) fn most_first(counts: BTreeMap<String, u64>) -> Vec<(String, u64)> {
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
/// Every answer recorded since `since`, oldest first.
pub fn answers_since(store: &Store, since: SystemTime) -> Result<Vec<AnswerRow>, StoreError> {
    let sql = |e| store.sql(e);
    // A store made before votes (opened read-only, so never migrated) reads as one without.
    let votes = if store.has_votes() {
        "(SELECT COALESCE(SUM(vote > 0), 0) FROM votes v WHERE v.answer_key = a.answer_key),
         (SELECT COALESCE(SUM(vote < 0), 0) FROM votes v WHERE v.answer_key = a.answer_key),
         (SELECT group_concat(reason, ' ') FROM
            (SELECT reason FROM votes v WHERE v.answer_key = a.answer_key AND v.vote < 0
             ORDER BY reason))"
    } else {
        "0, 0, NULL"
    };
    let mut statement = store
        .connection()
        .prepare(&format!(
            "SELECT a.at, a.guild, a.channel, a.user, a.locale, a.lang, a.command, a.part,
                    a.question, a.corpus_version, a.outcome, a.latency_ms,
                    (SELECT group_concat(passage || ':' || printf('%.3f', score), ' ')
                     FROM (SELECT passage, score FROM citations c WHERE c.answer = a.id ORDER BY n)),
                    {votes}
             FROM answers a WHERE a.at >= ?1 ORDER BY a.id"
        ))
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
    use crate::store::{Reason, gaps, sample, store_with, vote};

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
