//! What the store shows on the terminal: `luopan stats` and `luopan gaps`.

use std::io::{self, Write};

use crate::store::{Gap, Stats};
use crate::text::printable;

pub fn stats(out: &mut dyn Write, stats: &Stats) -> io::Result<()> {
    writeln!(out, "last {} days: {} questions", stats.days, stats.asks)?;
    if stats.asks == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "  found {} · not found {} · refused {} · failed {} · found rate {:.1}%",
        stats.found,
        stats.not_found,
        stats.refused,
        stats.failed,
        stats.found_rate * 100.0
    )?;
    writeln!(
        out,
        "  answer time p50 {:.2} ms · p99 {:.2} ms",
        stats.p50_ms, stats.p99_ms
    )?;
    let pairs = |pairs: &[(String, u64)]| {
        pairs
            .iter()
            .map(|(name, n)| format!("{} {n}", printable(name)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    writeln!(out, "  votes: 👍 {} · 👎 {}", stats.up, stats.down)?;
    writeln!(out, "  cases: {}", pairs(&stats.cases))?;
    writeln!(out, "  languages: {}", pairs(&stats.by_lang))?;
    writeln!(out, "per day:")?;
    for day in &stats.per_day {
        writeln!(
            out,
            "  {}  {:>6} asked  {:>6} found",
            day.day, day.asks, day.found
        )?;
    }
    Ok(())
}

pub fn gaps(out: &mut dyn Write, days: u32, gaps: &[Gap]) -> io::Result<()> {
    if gaps.is_empty() {
        return writeln!(
            out,
            "last {days} days: no question went unanswered or was voted down"
        );
    }
    writeln!(
        out,
        "last {days} days: questions that found nothing or were voted down, most asked first"
    )?;
    for (i, gap) in gaps.iter().enumerate() {
        writeln!(
            out,
            "{:>3}. {} (asked {}; got {})",
            i + 1,
            printable(&gap.question),
            gap.asked,
            got(gap)
        )?;
        for wording in gap.wordings.iter().skip(1) {
            writeln!(out, "     also: {}", printable(wording))?;
        }
    }
    Ok(())
}

/// What a gap's questions got, in a few words: `nothing found ×2 · 👎 1 (wrong_passage) on
/// report-1a2b`.
pub fn got(gap: &Gap) -> String {
    let mut parts = Vec::new();
    if gap.not_found > 0 {
        parts.push(format!("nothing found ×{}", gap.not_found));
    }
    if gap.down > 0 {
        let mut down = format!("👎 {}", gap.down);
        if !gap.reasons.is_empty() {
            let reasons: Vec<String> = gap
                .reasons
                .iter()
                .map(|(r, n)| format!("{} {n}", r.label()))
                .collect();
            down.push_str(&format!(" ({})", reasons.join(", ")));
        }
        if let Some(passage) = gap.cited.first() {
            down.push_str(&format!(" on {}", printable(passage)));
        }
        parts.push(down);
    }
    parts.join(" · ")
}
