//! The slash commands, made from the catalog (one command per case, from the manifest's case
//! ids), and the translation of an incoming command interaction into a plain `Request`.

use serenity::all::{
    CommandDataOption, CommandDataOptionValue, CommandOptionType, CreateCommand,
    CreateCommandOption, Permissions,
};

use crate::catalog::{Catalog, PartDigest};
use crate::corpus::PartKind;

const ZH: &str = "zh-CN";

/// What a user asked for, independent of how Discord delivered it.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Ask {
        question: String,
        case: Option<String>,
    },
    Overview {
        case: String,
    },
    CaseLessons {
        case: String,
    },
    Lessons,
    Reload,
    Status,
    Explain {
        question: String,
    },
    /// The store's figures, or its gaps, over the last `days` days.
    Stats {
        days: u32,
    },
    Gaps {
        days: u32,
    },
    /// Links a question to a passage: a citation number of the channel's last answer, or a
    /// passage id.
    Teach {
        question: String,
        passage: String,
    },
    Help,
}

use crate::store::{DEFAULT_DAYS, MAX_DAYS};

impl Request {
    /// The kind of command, for metrics: a bounded set of names, never the user's text.
    pub fn kind(&self) -> &'static str {
        match self {
            Request::Ask { .. } => "ask",
            Request::Overview { .. } => "case",
            Request::CaseLessons { .. } => "case_lessons",
            Request::Lessons => "lessons",
            Request::Reload => "reload",
            Request::Status => "status",
            Request::Explain { .. } => "explain",
            Request::Stats { .. } => "stats",
            Request::Gaps { .. } => "gaps",
            Request::Teach { .. } => "teach",
            Request::Help => "help",
        }
    }
}

/// The application commands luopan registers: `/ask`, one command per case, `/lessons`,
/// `/corpus` (moderators) and `/help`, with zh-CN localizations.
pub fn definitions(catalog: &Catalog) -> Vec<CreateCommand> {
    let mut commands = vec![ask(catalog)];
    commands.extend(catalog.cases().map(case_command));
    commands.push(
        CreateCommand::new("lessons")
            .description("The preface's five lessons, each with the cases that illustrate it")
            .name_localized(ZH, "启示")
            .description_localized(ZH, "前言总结的五条启示，以及印证每条启示的案例"),
    );
    commands.push(
        CreateCommand::new("corpus")
            .description("Moderators: reload the documents or see their status")
            .name_localized(ZH, "语料")
            .description_localized(ZH, "管理员：重新加载文档或查看状态")
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .dm_permission(false)
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "reload",
                    "Re-read the documents and rebuild the index",
                )
                .name_localized(ZH, "重新加载")
                .description_localized(ZH, "重新读取文档并重建索引"),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "status",
                    "Corpus version, documents, passages, last reload",
                )
                .name_localized(ZH, "状态")
                .description_localized(ZH, "语料版本、文档、段落数与最近一次重新加载"),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "explain",
                    "How a question is read and why passages rank",
                )
                .name_localized(ZH, "解释")
                .description_localized(ZH, "问题如何被理解，段落为何如此排序")
                .add_sub_option(question_option()),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "stats",
                    "Questions per day, found rate, votes, answer time, cases",
                )
                .name_localized(ZH, "统计")
                .description_localized(ZH, "每天的提问数、找到率、投票、用时与案例")
                .add_sub_option(days_option()),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "gaps",
                    "Questions that found nothing or were voted down, most asked first",
                )
                .name_localized(ZH, "缺口")
                .description_localized(ZH, "没找到答案或被点踩的问题，按提问次数排列")
                .add_sub_option(days_option()),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "teach",
                    "Link a question to the passage that answers it",
                )
                .name_localized(ZH, "教学")
                .description_localized(ZH, "把一个问题链接到回答它的段落")
                .add_sub_option(question_option())
                .add_sub_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        "passage",
                        "Excerpt number in this channel's last answer, or a passage id",
                    )
                    .name_localized(ZH, "段落")
                    .description_localized(ZH, "本频道上一条回答里的摘录编号，或段落编号")
                    .required(true)
                    .max_length(100),
                ),
            ),
    );
    commands.push(
        CreateCommand::new("help")
            .description("What luopan knows and how to ask")
            .name_localized(ZH, "帮助")
            .description_localized(ZH, "罗盘知道什么，怎么提问"),
    );
    commands
}

fn question_option() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::String,
        "question",
        "Your question, in Chinese or English",
    )
    .name_localized(ZH, "问题")
    .description_localized(ZH, "你的问题，中文或英文")
    .required(true)
    .max_length(500)
}

fn days_option() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::Integer,
        "days",
        "How many days to look back (30 when not given)",
    )
    .name_localized(ZH, "天数")
    .description_localized(ZH, "往回看多少天（默认 30）")
    .min_int_value(1)
    .max_int_value(u64::from(MAX_DAYS))
}

fn ask(catalog: &Catalog) -> CreateCommand {
    let mut scope = CreateCommandOption::new(
        CommandOptionType::String,
        "case",
        "Only search one part of the corpus",
    )
    .name_localized(ZH, "范围")
    .description_localized(ZH, "只在某个部分里查找");
    for part in &catalog.parts {
        let english = part.title_en.clone().unwrap_or_else(|| part.title.clone());
        scope = scope.add_string_choice_localized(
            choice_name(&english),
            &part.id,
            [(ZH, choice_name(&part.title))],
        );
    }
    CreateCommand::new("ask")
        .description("Ask about the report and the commentary; the answer cites its sources")
        .name_localized(ZH, "提问")
        .description_localized(ZH, "就报告和评论提问，回答附带出处")
        .add_option(question_option())
        .add_option(scope)
}

/// Choice names are at most 100 characters.
fn choice_name(text: &str) -> String {
    text.chars().take(100).collect()
}

/// Descriptions are 1 to 100 characters.
fn description(text: &str) -> String {
    let text: String = text.chars().take(100).collect();
    if text.is_empty() { "—".into() } else { text }
}

fn case_command(part: &PartDigest) -> CreateCommand {
    let english = part.title_en.clone().unwrap_or_else(|| part.title.clone());
    let mut command = CreateCommand::new(&part.id)
        .description(description(&format!("Case: {english}")))
        .description_localized(ZH, description(&format!("案例：{}", part.title)));
    if let Some(label) = part.label.as_deref().filter(|l| is_valid_name(l)) {
        command = command.name_localized(ZH, label);
    }
    command
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "overview",
                "Title, author, period, overview and sections",
            )
            .name_localized(ZH, "概述")
            .description_localized(ZH, "标题、作者、时期、概述与章节"),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "lessons",
                "Every lesson the case draws, summarised",
            )
            .name_localized(ZH, "经验")
            .description_localized(ZH, "这个案例总结的每一条经验与启示"),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "ask",
                "Ask about this case only",
            )
            .name_localized(ZH, "提问")
            .description_localized(ZH, "只在这个案例里提问")
            .add_sub_option(question_option()),
        )
}

/// Discord command names: 1 to 32 letters, digits, `-` or `_`, lowercase where letters have case.
pub fn is_valid_name(name: &str) -> bool {
    let count = name.chars().count();
    (1..=32).contains(&count)
        && name
            .chars()
            .all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || c == '-' || c == '_')
}

/// Reads a command interaction's name and options into a request; `None` for commands this
/// catalog does not know (a case removed by a reload, say).
pub fn parse(name: &str, options: &[CommandDataOption], catalog: &Catalog) -> Option<Request> {
    let string = |options: &[CommandDataOption], key: &str| {
        options
            .iter()
            .find(|o| o.name == key)
            .and_then(|o| match &o.value {
                CommandDataOptionValue::String(s) => Some(s.clone()),
                _ => None,
            })
    };
    let days = |options: &[CommandDataOption]| {
        options
            .iter()
            .find(|o| o.name == "days")
            .and_then(|o| match o.value {
                CommandDataOptionValue::Integer(n) => Some(n.clamp(1, i64::from(MAX_DAYS)) as u32),
                _ => None,
            })
            .unwrap_or(DEFAULT_DAYS)
    };
    let subcommand = options.first().and_then(|o| match &o.value {
        CommandDataOptionValue::SubCommand(inner) => Some((o.name.as_str(), inner.as_slice())),
        _ => None,
    });
    match name {
        "ask" => Some(Request::Ask {
            question: string(options, "question").unwrap_or_default(),
            case: string(options, "case"),
        }),
        "lessons" => Some(Request::Lessons),
        "help" => Some(Request::Help),
        "corpus" => match subcommand? {
            ("reload", _) => Some(Request::Reload),
            ("status", _) => Some(Request::Status),
            ("explain", inner) => Some(Request::Explain {
                question: string(inner, "question").unwrap_or_default(),
            }),
            ("stats", inner) => Some(Request::Stats { days: days(inner) }),
            ("gaps", inner) => Some(Request::Gaps { days: days(inner) }),
            ("teach", inner) => Some(Request::Teach {
                question: string(inner, "question").unwrap_or_default(),
                passage: string(inner, "passage").unwrap_or_default(),
            }),
            _ => None,
        },
        case if catalog.part(case).is_some_and(|p| p.kind == PartKind::Case) => {
            let (sub, inner) = subcommand?;
            let case = case.to_string();
            match sub {
                "overview" => Some(Request::Overview { case }),
                "lessons" => Some(Request::CaseLessons { case }),
                "ask" => Some(Request::Ask {
                    question: string(inner, "question").unwrap_or_default(),
                    case: Some(case),
                }),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_follow_discord_rules() {
        assert!(is_valid_name("soviet"));
        assert!(is_valid_name("巴黎协定"));
        assert!(is_valid_name("重新加载"));
        assert!(!is_valid_name("Soviet"));
        assert!(!is_valid_name("中美携手推动气候变化《巴黎协定》"));
        assert!(!is_valid_name(""));
    }
}
