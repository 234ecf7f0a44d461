//! Terminal text. Styles are ANSI escapes written unconditionally; the caller writes through
//! `anstream`, which strips them when the output is not a terminal.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::answer::{Answer, Explanation};
use crate::catalog::timeline::Event;
use crate::catalog::{Catalog, PartDigest};
use crate::corpus::PartKind;
use crate::eval::{CANDIDATES_LOOKED_AT, EvalReport, Refusals, Scores};
use crate::text::printable;

use super::{page_range, source_line};

const HEADING: Style = Style::new().bold();
const NUMBER: Style = AnsiColor::Cyan.on_default().bold();
const SOURCE: Style = AnsiColor::BrightBlack.on_default();
const MATCH: Style = AnsiColor::Yellow.on_default().bold();

/// An answer: the question, the summary with citation numbers, the numbered excerpts.
pub fn answer(out: &mut dyn Write, answer: &Answer, catalog: &Catalog) -> io::Result<()> {
    let words = answer.lang.words();
    writeln!(
        out,
        "{HEADING}{}：{HEADING:#}{}",
        words.question,
        printable(&answer.question)
    )?;
    if let Some(line) = super::understood_line(answer) {
        writeln!(out, "{SOURCE}{line}{SOURCE:#}")?;
    }
    writeln!(out)?;
    if !answer.found {
        writeln!(out, "{}", no_answer_text(answer, catalog))?;
        return Ok(());
    }
    write!(out, "{HEADING}{}：{HEADING:#}", words.answer)?;
    for sentence in &answer.summary {
        let cites: Vec<String> = sentence.cites.iter().map(|n| format!("[{n}]")).collect();
        write!(out, "{}{NUMBER}{}{NUMBER:#}", sentence.text, cites.join(""))?;
    }
    writeln!(out)?;
    if let Some(line) = super::missing_line(answer) {
        writeln!(out, "{SOURCE}{line}{SOURCE:#}")?;
    }
    for citation in &answer.passages {
        writeln!(out)?;
        writeln!(
            out,
            "{NUMBER}[{}]{NUMBER:#} {SOURCE}{}{SOURCE:#}",
            citation.n,
            source_line(citation)
        )?;
        writeln!(out, "    {}", marked(&citation.excerpt, &citation.marks))?;
    }
    writeln!(out)?;
    writeln!(out, "{SOURCE}语料版本 {}{SOURCE:#}", answer.corpus_version)?;
    Ok(())
}

/// What to say when nothing was found: why, what the documents cover, and the way to the case
/// digests.
pub fn no_answer_text(answer: &Answer, catalog: &Catalog) -> String {
    let ids: Vec<&str> = catalog.cases().map(|c| c.id.as_str()).collect();
    super::refusal(
        answer,
        catalog,
        &format!("`luopan case {}`", ids.join("|")),
        "`luopan lessons`",
    )
}

/// Text with the given character ranges styled as matches.
fn marked(text: &str, marks: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(text.len() + marks.len() * 16);
    let mut mark = marks.iter().peekable();
    let mut open = false;
    for (i, c) in text.chars().enumerate() {
        if let Some(&&[start, end]) = mark.peek() {
            if i == start {
                out.push_str(&MATCH.render().to_string());
                open = true;
            }
            if i == end {
                out.push_str(&MATCH.render_reset().to_string());
                open = false;
                mark.next();
                if let Some(&&[next_start, _]) = mark.peek()
                    && next_start == i
                {
                    out.push_str(&MATCH.render().to_string());
                    open = true;
                }
            }
        }
        out.push(c);
    }
    if open {
        out.push_str(&MATCH.render_reset().to_string());
    }
    out
}

/// A case (or the preface, or the article): title, author, period, overview, sections, lessons.
pub fn part(out: &mut dyn Write, part: &PartDigest) -> io::Result<()> {
    writeln!(out, "{HEADING}{}{HEADING:#} ({})", part.title, part.id)?;
    if let Some(english) = &part.title_en {
        writeln!(out, "{SOURCE}{english}{SOURCE:#}")?;
    }
    let mut facts = Vec::new();
    if let Some(author) = &part.author {
        facts.push(format!("作者：{author}"));
    }
    if let Some(period) = &part.period {
        facts.push(format!("时期：{period}"));
    }
    facts.extend(page_range(part.pages));
    if !facts.is_empty() {
        writeln!(out, "{}", facts.join(" · "))?;
    }
    if !part.overview.is_empty() {
        writeln!(out)?;
        writeln!(out, "{HEADING}概述{HEADING:#}")?;
        writeln!(out, "  {}", part.overview.join(""))?;
    }
    if !part.sections.is_empty() {
        writeln!(out)?;
        writeln!(out, "{HEADING}章节{HEADING:#}")?;
        for section in &part.sections {
            let indent = if section.level == 1 { "  " } else { "      " };
            let page = section
                .page
                .map(|p| format!(" {SOURCE}第{p}页{SOURCE:#}"))
                .unwrap_or_default();
            writeln!(out, "{indent}{}{page}", section.heading)?;
        }
    }
    if !part.lessons.is_empty() {
        writeln!(out)?;
        let heading = if part.kind == PartKind::Preface {
            "启示"
        } else {
            "经验与启示"
        };
        writeln!(out, "{HEADING}{heading}{HEADING:#}")?;
        lessons(out, part)?;
    }
    Ok(())
}

/// The preface's lessons under a heading, for `luopan lessons`.
pub fn preface_lessons(out: &mut dyn Write, preface: &PartDigest) -> io::Result<()> {
    writeln!(
        out,
        "{HEADING}{}的{}条启示{HEADING:#}",
        preface.title,
        preface.lessons.len()
    )?;
    lessons(out, preface)
}

/// Every lesson of a part: ordinal, topic sentence, summary, page, and for the preface the
/// case lessons that illustrate it.
pub fn lessons(out: &mut dyn Write, part: &PartDigest) -> io::Result<()> {
    for lesson in &part.lessons {
        let page = lesson
            .page
            .map(|p| format!(" {SOURCE}第{p}页{SOURCE:#}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {NUMBER}{}{NUMBER:#} {HEADING}{}{HEADING:#}{page}",
            lesson.ordinal, lesson.topic
        )?;
        if !lesson.summary.is_empty() {
            writeln!(out, "       {}", lesson.summary.join(""))?;
        }
        for link in &lesson.illustrated_by {
            let page = link
                .page
                .map(|p| format!("（第{p}页）"))
                .unwrap_or_default();
            writeln!(
                out,
                "       {SOURCE}↳ {} · {}：{}{page}{SOURCE:#}",
                link.case_title, link.ordinal, link.topic
            )?;
        }
    }
    Ok(())
}

/// An explanation: the question as read, then each top passage's score and what it matched.
pub fn explain(out: &mut dyn Write, e: &Explanation) -> io::Result<()> {
    writeln!(out, "{HEADING}问：{HEADING:#}{}", printable(&e.question))?;
    if let Some(understood) = super::renderings(&e.understood) {
        writeln!(out, "{HEADING}understood{HEADING:#}  {understood}")?;
    }
    writeln!(out, "{HEADING}searched{HEADING:#}    {}", e.normalized)?;
    if !e.absent.is_empty() {
        let absent: Vec<String> = e
            .absent
            .iter()
            .map(|a| format!("{} ({:?}, {:.2})", a.text, a.kind, a.share))
            .collect();
        writeln!(
            out,
            "{HEADING}absent{HEADING:#}      {}",
            absent.join(" · ")
        )?;
    }
    let words: Vec<String> = e
        .words
        .iter()
        .map(|(w, idf)| format!("{w} {idf:.2}"))
        .collect();
    writeln!(out, "{HEADING}words{HEADING:#}       {}", words.join(" · "))?;
    if let Some(about) = super::keyness_line(e) {
        writeln!(out, "{HEADING}keyness{HEADING:#}     {about}")?;
    }
    writeln!(out, "{HEADING}bigrams{HEADING:#}     {}", e.grams.join(" "))?;
    if !e.expansions.is_empty() {
        writeln!(
            out,
            "{HEADING}synonyms{HEADING:#}    {}",
            e.expansions.join(" · ")
        )?;
    }
    if let Some(related) = super::related_line(e) {
        writeln!(out, "{HEADING}related{HEADING:#}     {related}")?;
    }
    let hints = super::hints(e);
    if !hints.is_empty() {
        writeln!(out, "{HEADING}hints{HEADING:#}       {}", hints.join(" · "))?;
    }
    if let Some(values) = super::values_line(&e.relevance) {
        writeln!(out, "{HEADING}values{HEADING:#}      {values}")?;
    }
    writeln!(
        out,
        "{HEADING}answers{HEADING:#}     {}",
        super::relevance_line(e)
    )?;
    writeln!(out)?;
    writeln!(out, "{SOURCE}{}{SOURCE:#}", e.weights.formula())?;
    writeln!(out, "{SOURCE}hints: {}{SOURCE:#}", e.weights.hints_line())?;
    for p in &e.passages {
        let page = p.page.map(|n| format!(" 第{n}页")).unwrap_or_default();
        writeln!(
            out,
            "{NUMBER}{}.{NUMBER:#} {:.3} = BM25 {:.2} · coverage {:.2} · span {:.2}{} · hints {:+.2}  {SOURCE}{} {}{page}{SOURCE:#}",
            p.rank,
            p.score,
            p.bm25,
            p.coverage,
            p.best_sentence,
            taught(p.taught),
            p.bonus,
            p.case,
            p.section.as_deref().unwrap_or("")
        )?;
        let matched: Vec<String> = p
            .matched
            .iter()
            .map(|(t, w)| format!("{t} {w:.3}"))
            .collect();
        writeln!(out, "    matched: {}", matched.join(" · "))?;
        writeln!(out, "    {}  {SOURCE}{}{SOURCE:#}", p.opening, p.id)?;
    }
    Ok(())
}

/// A part's dated events in order, one a line: date, page, extract.
pub fn timeline(out: &mut dyn Write, part: &PartDigest, events: &[Event]) -> io::Result<()> {
    writeln!(out, "{HEADING}{} · 时间线{HEADING:#}", part.title)?;
    for event in events {
        let page = event
            .page
            .map(|p| format!(" {SOURCE}第{p}页{SOURCE:#}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {NUMBER}{:<14}{NUMBER:#} {}{page}",
            event.date, event.text
        )?;
    }
    Ok(())
}

/// The cases, one a line.
pub fn cases(out: &mut dyn Write, catalog: &Catalog) -> io::Result<()> {
    for case in catalog.cases() {
        let mut facts = Vec::new();
        facts.extend(case.period.clone());
        facts.extend(page_range(case.pages));
        facts.push(format!("{}条经验", case.lessons.len()));
        writeln!(
            out,
            "{NUMBER}{:<8}{NUMBER:#} {} {SOURCE}{}{SOURCE:#}",
            case.id,
            case.title,
            facts.join(" · ")
        )?;
    }
    Ok(())
}

/// What the index holds.
pub fn index_stats(
    out: &mut dyn Write,
    catalog: &Catalog,
    rebuilt: bool,
    elapsed_ms: f64,
) -> io::Result<()> {
    let action = if rebuilt { "built" } else { "up to date" };
    writeln!(
        out,
        "{HEADING}index {action}{HEADING:#} in {elapsed_ms:.1} ms · corpus {}",
        catalog.version()
    )?;
    for document in &catalog.documents {
        let parts = catalog
            .parts
            .iter()
            .filter(|p| p.doc == document.id)
            .count();
        writeln!(
            out,
            "  {NUMBER}{:<8}{NUMBER:#} {} · {} parts · {} passages · {} footnotes stripped",
            document.id, document.title, parts, document.passages, document.footnotes
        )?;
    }
    writeln!(out, "  {} passages in all", catalog.passages)
}

/// An evaluation: the four figures overall, per language and per case, then the misses.
pub fn eval(out: &mut dyn Write, report: &EvalReport) -> io::Result<()> {
    writeln!(
        out,
        "{HEADING}{:<16} {:>5} {:>7} {:>7} {:>7} {:>7}{HEADING:#}",
        "", "n", "hit@1", "hit@3", "hit@5", "MRR@5"
    )?;
    let row = |out: &mut dyn Write, name: &str, s: &Scores| {
        writeln!(
            out,
            "{name:<16} {:>5} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
            s.questions, s.hit_at_1, s.hit_at_3, s.hit_at_5, s.mrr_at_5
        )
    };
    row(out, "overall", &report.overall)?;
    for (lang, scores) in &report.by_lang {
        row(out, &format!("lang {lang}"), scores)?;
    }
    for (case, scores) in &report.by_case {
        row(out, case, scores)?;
    }
    for (kind, scores) in report.by_kind.iter().filter(|(k, _)| !k.is_empty()) {
        row(out, &format!("kind {kind}"), scores)?;
    }
    let refusals = |out: &mut dyn Write, name: &str, r: &Refusals| {
        writeln!(
            out,
            "{name:<16} refused {}/{} answerable ({:.3}) · answered {}/{} unanswerable ({:.3})",
            r.refused, r.answerable, r.false_refuse, r.accepted, r.unanswerable, r.false_accept
        )
    };
    writeln!(out)?;
    refusals(out, "refusals", &report.refusals)?;
    for (lang, r) in &report.refusals_by_lang {
        refusals(out, &format!("  lang {lang}"), r)?;
    }
    let misses: Vec<_> = report
        .outcomes
        .iter()
        .filter(|o| o.answerable && o.rank.is_none())
        .collect();
    if !misses.is_empty() {
        writeln!(out)?;
        writeln!(out, "{HEADING}not in the first five excerpts{HEADING:#}")?;
        for miss in misses {
            let said = if miss.found {
                ""
            } else {
                " (answered: nothing relevant)"
            };
            let lost = match miss.candidate_rank {
                Some(rank) => format!("answer ranked {rank}"),
                None => format!("answer not in the first {CANDIDATES_LOOKED_AT}"),
            };
            let cause = miss
                .cause
                .as_deref()
                .map(|c| format!(" · {c}"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {SOURCE}{}{SOURCE:#} {}{said} {SOURCE}[{lost}{cause}]{SOURCE:#}",
                miss.id,
                printable(&miss.question)
            )?;
        }
    }
    let accepted: Vec<_> = report
        .outcomes
        .iter()
        .filter(|o| !o.answerable && o.found)
        .collect();
    if !accepted.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{HEADING}answered, though the documents do not say{HEADING:#}"
        )?;
        for outcome in accepted {
            writeln!(
                out,
                "  {SOURCE}{}{SOURCE:#} {}",
                outcome.id, outcome.question
            )?;
        }
    }
    Ok(())
}

/// ` · taught 0.80` when the questions taught to a passage hold some of the question.
pub(crate) fn taught(share: f32) -> String {
    if share > 0.0 {
        format!(" · taught {share:.2}")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> String {
        anstream::adapter::strip_str(text).to_string()
    }

    #[test]
    fn marks_wrap_the_matched_characters() {
        let text = marked("中美气候合作", &[[2, 4]]);
        assert_eq!(plain(&text), "中美气候合作");
        let styled = format!("中美{}气候{}合作", MATCH.render(), MATCH.render_reset());
        assert_eq!(text, styled);
    }

    #[test]
    fn a_question_echoed_to_the_terminal_cannot_clear_it_or_hide_a_link() {
        let catalog = crate::catalog::Catalog::empty();
        let answer = Answer {
            found: false,
            ..Answer::sample("\u{1b}[2J\u{1b}]8;;http://x.example\u{1b}\\入世\u{1b}]8;;\u{1b}\\")
        };
        let mut out = Vec::new();
        super::answer(&mut out, &answer, &catalog).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.contains("\u{1b}[2J") && !text.contains("\u{1b}]8"),
            "{text:?}"
        );
        assert!(text.contains("入世"));
    }

    #[test]
    fn adjacent_marks_each_get_their_style() {
        let text = marked("世贸组织", &[[0, 2], [2, 4]]);
        assert_eq!(plain(&text), "世贸组织");
        assert_eq!(text.matches(&MATCH.render().to_string()).count(), 2);
    }
}
