//! The buttons' custom ids: one enum formats them and parses them back, so the renderer that
//! makes a button and the bot that answers its press cannot disagree.

/// What a button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The whole passage behind an excerpt, by its (stable) id.
    Source { passage: String },
    /// A further page (from 1) of the excerpts of a kept answer.
    More { answer: String, page: usize },
    /// 👍 (`up`) or 👎 on an answer, by its key.
    Vote { answer: String, up: bool },
    /// The reason picked for a 👎 (the value comes with the pick).
    Why { answer: String },
}

impl Action {
    /// The button's custom id.
    pub fn id(&self) -> String {
        match self {
            Action::Source { passage } => format!("src:{passage}"),
            Action::More { answer, page } => format!("more:{answer}:{page}"),
            Action::Vote { answer, up: true } => format!("up:{answer}"),
            Action::Vote { answer, up: false } => format!("down:{answer}"),
            Action::Why { answer } => format!("why:{answer}"),
        }
    }

    /// The action a custom id names; `None` for an id luopan did not make.
    pub fn parse(id: &str) -> Option<Action> {
        if let Some(passage) = id.strip_prefix("src:") {
            return (!passage.is_empty()).then(|| Action::Source {
                passage: passage.to_string(),
            });
        }
        let key = |prefix: &str| {
            id.strip_prefix(prefix)
                .filter(|key| !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()))
                .map(str::to_string)
        };
        if let Some(answer) = key("up:") {
            return Some(Action::Vote { answer, up: true });
        }
        if let Some(answer) = key("down:") {
            return Some(Action::Vote { answer, up: false });
        }
        if let Some(answer) = key("why:") {
            return Some(Action::Why { answer });
        }
        let rest = id.strip_prefix("more:")?;
        let (answer, page) = rest.rsplit_once(':')?;
        Some(Action::More {
            answer: answer.to_string(),
            page: page.parse().ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_id() {
        for action in [
            Action::Source {
                passage: "report-3056cc760d34".into(),
            },
            Action::More {
                answer: "1234567890".into(),
                page: 2,
            },
            Action::Vote {
                answer: "1234567890".into(),
                up: true,
            },
            Action::Vote {
                answer: "1234567890".into(),
                up: false,
            },
            Action::Why {
                answer: "1234567890".into(),
            },
        ] {
            assert_eq!(Action::parse(&action.id()), Some(action));
        }
    }

    #[test]
    fn ids_luopan_did_not_make_are_no_action() {
        for id in [
            "",
            "src:",
            "more:123",
            "more:123:two",
            "other:1",
            "srcx",
            "up:",
            "down:12a",
            "why:",
        ] {
            assert_eq!(Action::parse(id), None, "{id}");
        }
    }
}
