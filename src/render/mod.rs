//! Answers and digests → text for people: the terminal (`terminal`) and JSON (`json`).
//! Pure functions writing into any `Write`, so output is tested in memory.

pub mod discord;
pub mod json;
pub mod lang;
pub mod terminal;

use crate::answer::Citation;

/// "上海国研院报告 · 中美携手推动气候变化《巴黎协定》 · 二、… · 第46页": a citation's source line.
pub fn source_line(citation: &Citation) -> String {
    let mut parts = vec![citation.doc_title.clone()];
    if citation.case_title != citation.doc_title {
        parts.push(citation.case_title.clone());
    }
    if let Some(section) = &citation.section {
        parts.push(section.clone());
    }
    match (citation.page, &citation.date) {
        (Some(page), _) => parts.push(format!("第{page}页")),
        (None, Some(date)) => parts.push(date.clone()),
        (None, None) => {}
    }
    parts.join(" · ")
}

/// "understood as: climate change → 气候变化 · …" for a question that was translated.
pub fn understood_line(answer: &crate::answer::Answer) -> Option<String> {
    renderings(&answer.understood).map(|r| format!("understood as: {r}"))
}

/// "climate change → 气候变化 · us → 美国", or nothing for a question that was not translated.
pub fn renderings(list: &[crate::question::translate::Rendering]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let parts: Vec<String> = list
        .iter()
        .map(|r| format!("{} → {}", r.english, r.chinese.join("/")))
        .collect();
    Some(parts.join(" · "))
}

/// "好处 → 利益/益处 · 得到 → 获得": the thesaurus's words an explanation looked for.
pub fn related_line(e: &crate::answer::Explanation) -> Option<String> {
    if e.related.is_empty() {
        return None;
    }
    let parts: Vec<String> = e
        .related
        .iter()
        .map(|(word, related)| format!("{word} → {}", related.join("/")))
        .collect();
    Some(parts.join(" · "))
}

/// The hints an explanation found in the question: parts it names, lessons, a date, a length
/// of time, a reason or what held something back.
pub fn hints(e: &crate::answer::Explanation) -> Vec<String> {
    let mut hints = Vec::new();
    if !e.parts.is_empty() {
        hints.push(format!("parts {}", e.parts.join(",")));
    }
    if e.lessons {
        hints.push(
            e.lesson_number
                .map_or("lessons".into(), |n| format!("lesson {n}")),
        );
    }
    if e.when {
        hints.push("a date".into());
    }
    if e.how_long {
        hints.push("a length of time".into());
    }
    if e.obstacle {
        hints.push("what held it back".into());
    } else if e.why {
        hints.push("a reason".into());
    }
    hints
}

/// "yes: the best passage holds 0.52 of the question (0.30 needed)": the relevance decision
/// and its signals.
pub fn relevance_line(e: &crate::answer::Explanation) -> String {
    let r = &e.relevance;
    if r.rendered_share < r.min_rendered_share {
        return format!(
            "no: only {:.2} of the English words found Chinese the corpus uses ({:.2} needed)",
            r.rendered_share, r.min_rendered_share
        );
    }
    if e.passages.is_empty() && !r.found {
        return "no: nothing in the corpus holds its words".into();
    }
    let verdict = if r.found {
        "yes"
    } else {
        "no: nothing relevant"
    };
    let asked = if r.asked_for {
        ", and it is the lesson asked for"
    } else {
        ""
    };
    let named = if r.named_part {
        " (less for a part the question names)"
    } else {
        ""
    };
    format!(
        "{verdict}: the best passage holds {:.2} of the question ({:.2} needed{named}){asked}",
        r.held, r.needed
    )
}

/// "第10–19页", or nothing without pages.
pub fn page_range(pages: Option<(u32, u32)>) -> Option<String> {
    match pages {
        Some((first, last)) if first == last => Some(format!("第{first}页")),
        Some((first, last)) => Some(format!("第{first}–{last}页")),
        None => None,
    }
}
