//! Answers and digests → text for people: the terminal (`terminal`) and JSON (`json`).
//! Pure functions writing into any `Write`, so output is tested in memory.

pub mod discord;
pub mod json;
pub mod lang;
pub mod store;
pub mod terminal;

use crate::answer::{Answer, Citation};
use crate::catalog::Catalog;
use lang::Lang;

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
/// of time, a reason or what held something back, one side against another.
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
    if e.compare {
        hints.push("one side against another".into());
    }
    hints
}

/// The relevance decision and the signals it was made on: "yes: the best passage holds 0.52
/// of the question (0.30 needed)", "no: the corpus never mentions 比特币 (0.55 of the
/// question)".
pub fn relevance_line(e: &crate::answer::Explanation) -> String {
    use crate::rank::NotFound;
    let r = &e.relevance;
    let topic: Vec<&str> = e
        .absent
        .iter()
        .filter(|a| a.kind != crate::question::AbsentKind::Everyday)
        .map(|a| a.text.as_str())
        .collect();
    let held = format!(
        "the best passage holds {:.2} of the question ({:.2} needed{})",
        r.held,
        r.needed,
        if r.named_part {
            ", less for a part the question names"
        } else {
            ""
        }
    );
    let held = match &r.quote_held {
        Some(quote) => format!("{held}; a passage writes the phrase it quotes, “{quote}”"),
        None => held,
    };
    match r.not_found {
        None if r.asked_for => format!("yes: the lesson asked for; {held}"),
        None if topic.is_empty() => format!("yes: {held}"),
        None => format!("yes: {held}; missing {}", topic.join(", ")),
        Some(NotFound::SmallTalk) => "no: small talk".into(),
        Some(NotFound::Later) => format!(
            "no: it asks about {}, after the documents",
            r.later_year.as_deref().unwrap_or_default()
        ),
        Some(NotFound::Untranslated) => format!(
            "no: only {:.2} of its English found Chinese the corpus uses ({:.2} needed)",
            r.rendered_share, r.min_rendered_share
        ),
        Some(NotFound::Absent) if r.title_absent.is_some() => format!(
            "no: no candidate passage writes the title it names, 《{}》; {held}",
            r.title_absent.as_deref().unwrap_or_default()
        ),
        Some(NotFound::Absent) => format!(
            "no: the corpus never mentions {} ({:.2} of the question); {held}",
            topic.join(", "),
            r.absent_share
        ),
        Some(NotFound::Unrelated) if e.passages.is_empty() => {
            "no: nothing in the corpus holds its words".into()
        }
        Some(NotFound::Unrelated) if r.names_refused => {
            format!(
                "no: none of the first passages names {} ({:.2} of the question, {:.2} enough to be what it is about); {held}",
                r.names_missing.join(", "),
                r.names_missing_share,
                e.weights.name_min_share
            )
        }
        Some(NotFound::Unrelated) if r.held >= r.needed => format!(
            "no: none of the first passages holds a word the corpus is about (keyness ≥ {}); {held}",
            e.weights.min_keyness
        ),
        Some(NotFound::Unrelated) => format!("no: nothing relevant: {held}"),
        Some(NotFound::Unstated) => match &r.absent_measure {
            Some(word) => {
                format!("no: it asks for a figure of {word}, which the corpus never names")
            }
            None if !r.value_of_absent.is_empty() => format!(
                "no: it asks for {} of {}, which the corpus never names; {held}",
                kinds_with_articles(&r.values_asked),
                r.value_of_absent.join(", ")
            ),
            None => format!(
                "no: it asks for {}, which none of the first passages states where it speaks of the question; {held}",
                kinds_with_articles(&r.values_asked)
            ),
        },
    }
}

/// For `explain`, each word's keyness, the words the decision counts as ones the corpus is about
/// marked, and whether the first passages hold one: `中国 2.22* · 良好 0.96 (* about the
/// corpus; held by the first passages)`.
/// `None` for a question with no words.
pub fn keyness_line(e: &crate::answer::Explanation) -> Option<String> {
    if e.keyness.is_empty() {
        return None;
    }
    let words: Vec<String> = e
        .keyness
        .iter()
        .map(|(w, k)| {
            let mark = if e.relevance.key_words.contains(w) {
                "*"
            } else {
                ""
            };
            format!("{w} {k:.2}{mark}")
        })
        .collect();
    let held = if e.relevance.key_held {
        "held by the first passages"
    } else {
        "held by none of the first passages"
    };
    Some(format!(
        "{} (* about the corpus, ≥ {}; {held})",
        words.join(" · "),
        e.weights.min_keyness
    ))
}

/// For `explain`, the values a question asks for and whether one of the first passages states
/// one: `asks a figure: stated`, `asks a date or a figure: not stated`, `asks a figure of
/// money: stated`, `asks a figure: the corpus never names troops`. `None` when it asks none.
pub fn values_line(r: &crate::rank::Relevance) -> Option<String> {
    if r.values_asked.is_empty() {
        return None;
    }
    let mut kinds = kinds_with_articles(&r.values_asked);
    if let Some(measure) = &r.measure {
        kinds = format!("{kinds} of {measure}");
    }
    if !r.value_of.is_empty() {
        kinds = format!("{kinds} (of {})", r.value_of.join(" "));
    }
    if !r.measured.is_empty() {
        kinds = format!("{kinds} counting {}", r.measured.join(" "));
    }
    if let Some(title) = &r.asked_title {
        kinds = format!("{kinds}, named beside {title}");
    }
    let absent = r
        .absent_measure
        .clone()
        .or_else(|| (!r.value_of_absent.is_empty()).then(|| r.value_of_absent.join(", ")));
    let state = match (&absent, r.value_stated) {
        (Some(word), _) => format!("the corpus never names {word}"),
        (None, true) => "stated by one of the first passages".to_string(),
        (None, false) => "stated by none of the first passages".to_string(),
    };
    Some(format!("asks {kinds}: {state}"))
}

/// The English names of the values asked, each with its article: `a date or an outcome`.
fn kinds_with_articles(kinds: &[crate::question::ValueKind]) -> String {
    let words = Lang::En.words();
    kinds
        .iter()
        .map(|kind| {
            let name = words.value_kinds(std::slice::from_ref(kind), "");
            let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {name}")
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// What to say when nothing was found, in the answer's language: why (the words the documents
/// do not hold, a year after them, small talk), what the documents cover, and where to look
/// (`cases` and `lessons` are the commands as the reader types them).
pub fn refusal(answer: &Answer, catalog: &Catalog, cases: &str, lessons: &str) -> String {
    use crate::rank::NotFound;
    let words = answer.lang.words();
    let missing = answer.missing.join(words.list_separator);
    let written = catalog
        .documents
        .iter()
        .filter_map(|d| d.date.as_deref())
        .max()
        .unwrap_or_default();
    let why = match answer.not_found {
        Some(NotFound::SmallTalk) => String::new(),
        Some(NotFound::Later) => {
            let when = answer.missing.first().map_or("", String::as_str);
            let template = if when.chars().all(|c| c.is_ascii_digit()) {
                words.later
            } else {
                words.later_time
            };
            let later = template
                .replace("{written}", written.get(..4).unwrap_or(written))
                .replace("{year}", when);
            match answer.missing.get(1..) {
                Some(rest) if !rest.is_empty() => {
                    let rest = rest.join(words.list_separator);
                    format!("{later}{}", words.absent.replace("{words}", &rest))
                }
                _ => later,
            }
        }
        Some(NotFound::Absent) if !missing.is_empty() => words.absent.replace("{words}", &missing),
        Some(NotFound::Untranslated) if !missing.is_empty() => {
            words.untranslated.replace("{words}", &missing)
        }
        Some(NotFound::Unstated) => {
            let kinds = words.value_kinds(&answer.unstated, words.or);
            let unstated = words.unstated.replace("{kind}", &kinds);
            if missing.is_empty() {
                unstated
            } else {
                format!(
                    "{unstated}{}{}{missing}{}",
                    words.missing, words.colon, words.full_stop
                )
            }
        }
        _ if !missing.is_empty() => words.unrelated_words.replace("{words}", &missing),
        _ => String::new(),
    };
    let opening = match answer.not_found {
        Some(NotFound::SmallTalk) => words.small_talk,
        Some(NotFound::Unstated) => "",
        _ => words.nothing_found_short,
    };
    let covers = words
        .covers
        .replace("{documents}", &coverage(catalog, answer.lang));
    let look = words
        .where_to_look
        .replace("{cases}", cases)
        .replace("{lessons}", lessons);
    format!("{opening}{why}{covers}{look}")
}

/// What the documents are: each document, with its cases or its title.
pub fn coverage(catalog: &Catalog, lang: Lang) -> String {
    let words = lang.words();
    let items: Vec<String> = catalog
        .documents
        .iter()
        .map(|document| {
            let cases: Vec<String> = catalog
                .cases()
                .filter(|c| c.doc == document.id)
                .map(|c| match lang {
                    Lang::Zh => c.label.clone().unwrap_or_else(|| c.title.clone()),
                    Lang::En => c.title_en.clone().unwrap_or_else(|| c.title.clone()),
                })
                .collect();
            if cases.is_empty() {
                format!("{}《{}》", document.short, document.title)
            } else {
                words
                    .cases_of
                    .replace("{document}", &document.short)
                    .replace("{count}", &cases.len().to_string())
                    .replace("{cases}", &cases.join(words.list_separator))
            }
        })
        .collect();
    items.join(match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    })
}

/// "未找到：比特币" under an answer that covers part of its question.
pub fn missing_line(answer: &Answer) -> Option<String> {
    if !answer.found || answer.missing.is_empty() {
        return None;
    }
    let words = answer.lang.words();
    Some(format!(
        "{}{}{}",
        words.missing,
        words.colon,
        answer.missing.join(words.list_separator)
    ))
}

/// "第10–19页", or nothing without pages.
pub fn page_range(pages: Option<(u32, u32)>) -> Option<String> {
    match pages {
        Some((first, last)) if first == last => Some(format!("第{first}页")),
        Some((first, last)) => Some(format!("第{first}–{last}页")),
        None => None,
    }
}
