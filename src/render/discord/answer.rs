//! Answers in Discord: the answer with its summary and cited excerpts, further pages of
//! excerpts, and the whole passage behind an excerpt. The footer of each names the corpus
//! version of the snapshot that made it.

use crate::answer::{Answer, Citation};
use crate::catalog::Catalog;
use crate::corpus::Passage;
use crate::render::lang::Lang;
use crate::render::source_line;

use super::{Action, Button, Embed, Field, Reply, bold_marks, case_commands, escape};

/// The first page of an answer that keeps more: its first `per_page` excerpts and the summary's
/// citations that point at them.
pub fn first_page(answer: &Answer, per_page: usize) -> Answer {
    let mut page = answer.clone();
    page.passages.truncate(per_page);
    for sentence in &mut page.summary {
        sentence.cites.retain(|&n| n <= per_page);
    }
    page
}

/// The citation line of an excerpt in the asker's language.
fn cited(citation: &Citation, lang: Lang) -> String {
    let line = source_line(citation);
    match (lang, citation.page) {
        (Lang::En, Some(page)) => line.replace(&format!("第{page}页"), &format!("p. {page}")),
        _ => line,
    }
}

/// One field per excerpt (citation line, excerpt with its matches in bold), and a row with a
/// "full source" button for each.
fn excerpts(shown: &[&Citation], lang: Lang) -> (Vec<Field>, Vec<Vec<Button>>) {
    let fields = shown
        .iter()
        .map(|c| Field {
            name: format!("[{}] {}", c.n, cited(c, lang)),
            value: bold_marks(&c.excerpt, &c.marks),
            inline: false,
        })
        .collect();
    let buttons = shown
        .iter()
        .map(|c| {
            Button::new(
                &Action::Source {
                    passage: c.id.clone(),
                },
                format!("{} {}", lang.words().source, c.n),
            )
        })
        .collect();
    (fields, vec![buttons])
}

/// The 👍 and 👎 buttons of an answer kept under `key`.
fn vote_buttons(key: &str) -> Vec<Button> {
    [(true, "👍"), (false, "👎")]
        .into_iter()
        .map(|(up, emoji)| Button {
            emoji: Some(emoji.into()),
            ..Button::new(
                &Action::Vote {
                    answer: key.to_string(),
                    up,
                },
                "",
            )
        })
        .collect()
}

/// An answer (`key` names it for its buttons): the summary with its citation numbers, then one
/// field per excerpt; buttons for each excerpt's full source, for the next excerpts when `more`,
/// and to vote 👍 or 👎 when `votes`.
pub fn answer(
    answer: &Answer,
    catalog: &Catalog,
    key: Option<&str>,
    more: bool,
    votes: bool,
) -> Reply {
    let lang = answer.lang;
    let words = lang.words();
    let title = format!("{}：{}", words.question, escape(&answer.question));
    let votes = key.filter(|_| votes).map(vote_buttons);
    if !answer.found {
        let text = escape(&crate::render::refusal(
            answer,
            catalog,
            &case_commands(catalog),
            "/lessons",
        ));
        return Reply {
            rows: votes.into_iter().collect(),
            ..Embed {
                title: Some(title),
                description: Some(text),
                ..Embed::default()
            }
            .card(&answer.corpus_version, lang)
        }
        .fit();
    }
    let understood = crate::render::understood_line(answer)
        .map(|line| format!("*{}*\n", escape(&line)))
        .unwrap_or_default();
    let summary: String = answer
        .summary
        .iter()
        .map(|s| {
            let cites: String = s.cites.iter().map(|n| format!("[{n}]")).collect();
            format!("{}{cites}", escape(&s.text))
        })
        .collect();
    let missing = crate::render::missing_line(answer)
        .map(|line| format!("\n*{}*", escape(&line)))
        .unwrap_or_default();
    let shown: Vec<&Citation> = answer.passages.iter().collect();
    let (fields, mut rows) = excerpts(&shown, lang);
    let mut last = Vec::new();
    if let (Some(key), true) = (key, more) {
        last.push(Button::new(
            &Action::More {
                answer: key.to_string(),
                page: 1,
            },
            words.more_excerpts,
        ));
    }
    last.extend(votes.into_iter().flatten());
    rows.push(last);
    Reply {
        rows,
        ..Embed {
            title: Some(title),
            description: Some(format!(
                "{understood}**{}：**{summary}{missing}",
                words.answer
            )),
            fields,
            ..Embed::default()
        }
        .card(&answer.corpus_version, lang)
    }
    .fit()
}

/// A further page of excerpts (`page` from 1), only for the one who asked for it.
pub fn more_excerpts(answer: &Answer, key: &str, page: usize, per_page: usize) -> Reply {
    let lang = answer.lang;
    let words = lang.words();
    let shown: Vec<&Citation> = answer
        .passages
        .iter()
        .skip(page * per_page)
        .take(per_page)
        .collect();
    if shown.is_empty() {
        return Reply::text(words.no_more_excerpts, true);
    }
    let (fields, mut rows) = excerpts(&shown, lang);
    if answer.passages.len() > (page + 1) * per_page {
        rows.push(vec![Button::new(
            &Action::More {
                answer: key.to_string(),
                page: page + 1,
            },
            words.more_excerpts,
        )]);
    }
    Reply {
        rows,
        ephemeral: true,
        ..Embed {
            title: Some(format!("{}：{}", words.question, escape(&answer.question))),
            fields,
            ..Embed::default()
        }
        .card(&answer.corpus_version, lang)
    }
    .fit()
}

/// The whole passage behind an excerpt, only for the one who asked for it.
pub fn passage(passage: &Passage, catalog: &Catalog, lang: Lang) -> Reply {
    let document = catalog.document(&passage.doc);
    let part = catalog.part(&passage.part);
    let mut source = vec![document.map_or(passage.doc.clone(), |d| d.short.clone())];
    if let Some(part) =
        part.filter(|p| Some(p.title.as_str()) != document.map(|d| d.short.as_str()))
    {
        source.push(part.title.clone());
    }
    source.extend(passage.section.clone());
    match (passage.page, document.and_then(|d| d.date.clone())) {
        (Some(page), _) => source.push(lang.words().page.replace("{}", &page.to_string())),
        (None, Some(date)) => source.push(date),
        (None, None) => {}
    }
    let mut reply = Reply {
        ephemeral: true,
        ..Embed {
            title: Some(source.join(" · ")),
            description: Some(escape(&passage.text)),
            url: document.and_then(|d| d.url.clone()),
            ..Embed::default()
        }
        .card(&catalog.version(), lang)
    };
    // The passage's id, which `/corpus teach` takes.
    if let Some(footer) = reply.embeds[0].footer.as_mut() {
        footer.push_str(&format!(" · {}", passage.id));
    }
    reply.fit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::SummarySentence;

    fn citation(n: usize) -> Citation {
        Citation {
            n,
            id: format!("report-{n}"),
            doc: "report".into(),
            doc_title: "上海国研院报告".into(),
            case: "wto".into(),
            case_title: "入世".into(),
            section: None,
            page: Some(n as u32),
            date: None,
            excerpt: format!("第{n}段"),
            marks: Vec::new(),
            score: 1.0,
        }
    }

    fn answer_of(excerpts: usize, version: &str) -> Answer {
        Answer {
            summary: vec![SummarySentence {
                text: "谈判结束了。".into(),
                cites: vec![1, 7],
            }],
            passages: (1..=excerpts).map(citation).collect(),
            terms: vec!["入世".into()],
            corpus_version: version.into(),
            ..Answer::sample("入世谈判怎么结束的")
        }
    }

    #[test]
    fn a_refusal_says_in_the_questions_language_which_value_is_not_given_and_what_is_missing() {
        use crate::question::ValueKind;
        use crate::rank::NotFound;
        let refused = |question: &str, lang: Lang, not_found: NotFound, missing: &[&str]| Answer {
            found: false,
            lang,
            not_found: Some(not_found),
            missing: missing.iter().map(|m| m.to_string()).collect(),
            unstated: if not_found == NotFound::Unstated {
                vec![ValueKind::Figure]
            } else {
                Vec::new()
            },
            ..Answer::sample(question)
        };
        let catalog = Catalog::empty();
        let text = |a: &Answer| {
            answer(a, &catalog, None, false, false).embeds[0]
                .description
                .clone()
                .unwrap_or_default()
        };
        let zh = text(&refused(
            "邓小平访美时多大岁数",
            Lang::Zh,
            NotFound::Unstated,
            &["岁数"],
        ));
        assert!(
            zh.contains("没有给出问到的数字") && zh.contains("未找到：岁数"),
            "{zh}"
        );
        let en = text(&refused(
            "How many troops did China send?",
            Lang::En,
            NotFound::Unstated,
            &["troops"],
        ));
        assert!(
            en.contains("give no figure") && en.contains("Missing: troops"),
            "{en}"
        );
        let now = text(&refused(
            "比特币现在多少钱",
            Lang::Zh,
            NotFound::Later,
            &["现在", "比特币"],
        ));
        assert!(
            now.contains("说不了现在的事") && now.contains("没有谈到：比特币"),
            "{now}"
        );
    }

    #[test]
    fn the_first_page_keeps_its_excerpts_and_the_citations_that_point_at_them() {
        let page = first_page(&answer_of(12, "v"), 5);
        assert_eq!(page.passages.len(), 5);
        assert_eq!(page.summary[0].cites, vec![1]);
    }

    #[test]
    fn an_answers_footer_names_the_version_that_answered_not_the_one_serving_now() {
        let catalog = Catalog {
            fingerprint: "ffffffffffff".into(),
            edition: Some("2020-11".into()),
            ..Catalog::empty()
        };
        let answered = answer_of(3, "2020-11 · aaaaaaaa");
        for reply in [
            answer(&answered, &catalog, None, false, true),
            more_excerpts(&answer_of(8, "2020-11 · aaaaaaaa"), "key", 1, 5),
        ] {
            let footer = reply.embeds[0].footer.clone().unwrap_or_default();
            assert!(footer.ends_with("2020-11 · aaaaaaaa"), "{footer}");
        }
    }

    #[test]
    fn every_excerpt_has_a_source_button_a_long_answer_a_more_button_and_each_a_vote() {
        let catalog = Catalog::empty();
        let reply = answer(
            &first_page(&answer_of(8, "v"), 5),
            &catalog,
            Some("12"),
            true,
            true,
        );
        let ids: Vec<Option<Action>> = reply
            .rows
            .iter()
            .flatten()
            .map(|b| Action::parse(&b.custom_id))
            .collect();
        assert_eq!(ids.len(), 8);
        assert_eq!(
            ids[0],
            Some(Action::Source {
                passage: "report-1".into()
            })
        );
        assert_eq!(
            ids[5],
            Some(Action::More {
                answer: "12".into(),
                page: 1
            })
        );
        assert_eq!(
            ids[6..],
            [
                Some(Action::Vote {
                    answer: "12".into(),
                    up: true
                }),
                Some(Action::Vote {
                    answer: "12".into(),
                    up: false
                })
            ]
        );
        let emoji: Vec<_> = reply.rows[1].iter().map(|b| b.emoji.clone()).collect();
        assert_eq!(emoji, [None, Some("👍".into()), Some("👎".into())]);
        // Nothing found can be voted on too: a 👎 there says the documents do cover it.
        let refused = Answer {
            found: false,
            ..answer_of(0, "v")
        };
        let reply = answer(&refused, &catalog, Some("12"), false, true);
        assert_eq!(reply.rows.concat().len(), 2);
        // Nothing recorded, nothing to vote.
        let reply = answer(&refused, &catalog, Some("12"), false, false);
        assert!(reply.rows.concat().is_empty());
        assert_eq!(reply.limit_violations(), Vec::<String>::new());
    }
}
