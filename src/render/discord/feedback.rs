//! What people and moderators see of the store: thanks for a vote, the picker of reasons for a
//! 👎, `/corpus stats`, `/corpus gaps` and `/corpus teach`.

use crate::render::lang::Lang;
use crate::store::{Gap, Reason, Stats};

use super::{Action, Embed, Field, Reply, Select, escape};

/// The latest days `/corpus stats` lists one by one.
const DAYS_SHOWN: usize = 14;
/// Other wordings of a gap `/corpus gaps` shows.
const WORDINGS_SHOWN: usize = 3;

/// How a reason is named to the voter.
pub fn reason_label(reason: Reason, lang: Lang) -> &'static str {
    let index = Reason::ALL.iter().position(|r| *r == reason).unwrap_or(0);
    lang.words().reasons[index]
}

/// The reply to a 👍: thanks, only for the voter.
pub fn voted_up(lang: Lang) -> Reply {
    Reply::text(lang.words().voted_up, true)
}

/// The reply to a 👎: thanks and a picker of reasons, only for the voter.
pub fn why_down(answer: &str, lang: Lang) -> Reply {
    let words = lang.words();
    Reply {
        content: Some(words.why_down.into()),
        select: Some(Select {
            custom_id: Action::Why {
                answer: answer.to_string(),
            }
            .id(),
            placeholder: words.why_placeholder.into(),
            options: Reason::ALL
                .iter()
                .map(|r| (r.label().to_string(), reason_label(*r, lang).to_string()))
                .collect(),
        }),
        ephemeral: true,
        ..Reply::default()
    }
    .fit()
}

/// The picker replaced by thanks naming the reason picked.
pub fn reason_noted(reason: Reason, lang: Lang) -> Reply {
    Reply::text(
        lang.words()
            .reason_noted
            .replace("{reason}", reason_label(reason, lang)),
        true,
    )
}

fn per_cent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// `/corpus stats`: asks per day, found rate, votes, answer time, cases.
pub fn stats(stats: &Stats, lang: Lang) -> Reply {
    let zh = lang == Lang::Zh;
    let title = if zh {
        format!("最近 {} 天：{} 个问题", stats.days, stats.asks)
    } else {
        format!("Last {} days: {} questions", stats.days, stats.asks)
    };
    if stats.asks == 0 {
        return Reply {
            ephemeral: true,
            embeds: vec![Embed {
                title: Some(title),
                ..Embed::default()
            }],
            ..Reply::default()
        }
        .fit();
    }
    let pairs = |pairs: &[(String, u64)]| {
        pairs
            .iter()
            .map(|(name, n)| format!("{} {n}", escape(name)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let field = |name: &str, value: String| Field {
        name: name.to_string(),
        value,
        inline: true,
    };
    let (found, votes, time, cases, langs, days) = if zh {
        ("找到答案", "投票", "用时", "案例", "语言", "每天")
    } else {
        (
            "Found",
            "Votes",
            "Answer time",
            "Cases",
            "Languages",
            "Per day",
        )
    };
    let per_day: Vec<String> = stats
        .per_day
        .iter()
        .rev()
        .take(DAYS_SHOWN)
        .map(|d| format!("`{}` {} / {}", d.day, d.found, d.asks))
        .collect();
    Reply {
        ephemeral: true,
        embeds: vec![Embed {
            title: Some(title),
            fields: vec![
                field(
                    found,
                    format!(
                        "{} ({} / {}) · refused {} · failed {}",
                        per_cent(stats.found_rate),
                        stats.found,
                        stats.found + stats.not_found,
                        stats.refused,
                        stats.failed
                    ),
                ),
                field(votes, format!("👍 {} · 👎 {}", stats.up, stats.down)),
                field(
                    time,
                    format!("p50 {:.1} ms · p99 {:.1} ms", stats.p50_ms, stats.p99_ms),
                ),
                field(cases, pairs(&stats.cases)),
                field(langs, pairs(&stats.by_lang)),
                Field {
                    name: days.into(),
                    value: per_day.join("\n"),
                    inline: false,
                },
            ],
            ..Embed::default()
        }],
        ..Reply::default()
    }
    .fit()
}

/// `/corpus gaps`: the questions that found nothing or were voted down, most asked first,
/// each with what it got (the passage id its 👎 answers cited, for `/corpus teach`).
pub fn gaps(days: u32, gaps: &[Gap], lang: Lang) -> Reply {
    let zh = lang == Lang::Zh;
    let title = match (zh, gaps.is_empty()) {
        (true, true) => format!("最近 {days} 天：没有未回答或被点踩的问题"),
        (true, false) => format!("最近 {days} 天：没找到答案或被点踩的问题（按提问次数）"),
        (false, true) => format!("Last {days} days: no question went unanswered or voted down"),
        (false, false) => {
            format!("Last {days} days: questions that found nothing or were voted down")
        }
    };
    let fields = gaps
        .iter()
        .enumerate()
        .map(|(i, gap)| {
            let mut value = vec![got(gap, lang)];
            let others: Vec<String> = gap
                .wordings
                .iter()
                .skip(1)
                .take(WORDINGS_SHOWN)
                .map(|w| escape(w))
                .collect();
            if !others.is_empty() {
                value.push(format!(
                    "{} {}",
                    if zh { "又问：" } else { "also:" },
                    others.join(" · ")
                ));
            }
            Field {
                name: format!("{}. {} ×{}", i + 1, escape(&gap.question), gap.asked),
                value: value.join("\n"),
                inline: false,
            }
        })
        .collect();
    Reply {
        ephemeral: true,
        embeds: vec![Embed {
            title: Some(title),
            fields,
            ..Embed::default()
        }],
        ..Reply::default()
    }
    .fit()
}

/// What a gap's questions got, in the moderator's language.
fn got(gap: &Gap, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut parts = Vec::new();
    if gap.not_found > 0 {
        parts.push(if zh {
            format!("没找到 ×{}", gap.not_found)
        } else {
            format!("nothing found ×{}", gap.not_found)
        });
    }
    if gap.down > 0 {
        let mut down = format!("👎 {}", gap.down);
        if !gap.reasons.is_empty() {
            let reasons: Vec<String> = gap
                .reasons
                .iter()
                .map(|(r, n)| format!("{} {n}", reason_label(*r, lang)))
                .collect();
            down.push_str(&format!("（{}）", reasons.join("，")));
        }
        if let Some(passage) = gap.cited.first() {
            down.push_str(&format!(" → `{}`", passage.replace('`', "")));
        }
        parts.push(down);
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_down_vote_asks_why_with_every_reason_in_the_voters_language() {
        for lang in [Lang::Zh, Lang::En] {
            let reply = why_down("123", lang);
            assert!(reply.ephemeral);
            let select = reply.select.as_ref().expect("a picker");
            assert_eq!(
                Action::parse(&select.custom_id),
                Some(Action::Why {
                    answer: "123".into()
                })
            );
            let values: Vec<Option<Reason>> = select
                .options
                .iter()
                .map(|(v, _)| Reason::parse(v))
                .collect();
            assert_eq!(values, Reason::ALL.map(Some));
            assert_eq!(reply.limit_violations(), Vec::<String>::new());
        }
        assert_eq!(
            reason_label(Reason::Misread, Lang::En),
            "Misread my question"
        );
    }

    #[test]
    fn gaps_name_what_each_question_got() {
        let gap = Gap {
            question: "中美在太空有合作吗".into(),
            asked: 3,
            wordings: vec!["中美在太空有合作吗".into(), "中美太空合作".into()],
            not_found: 2,
            down: 1,
            reasons: vec![(Reason::WrongPassage, 1)],
            cited: vec!["report-1a2b".into()],
        };
        let reply = gaps(30, &[gap], Lang::En);
        let field = &reply.embeds[0].fields[0];
        assert_eq!(field.name, "1. 中美在太空有合作吗 ×3");
        assert!(field.value.contains("nothing found ×2"), "{}", field.value);
        assert!(
            field.value.contains("👎 1（Wrong passage 1）"),
            "{}",
            field.value
        );
        assert!(field.value.contains("`report-1a2b`"), "{}", field.value);
        assert!(
            field.value.contains("also: 中美太空合作"),
            "{}",
            field.value
        );
        assert!(
            gaps(7, &[], Lang::Zh).embeds[0]
                .title
                .as_deref()
                .unwrap()
                .contains("没有")
        );
    }
}
