//! Votes on answers: 👍 or 👎, and for 👎 why. One vote per user per answer, both hashed.

use std::time::SystemTime;

use serde::Serialize;

/// Why an answer was voted down, as the voter picked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The excerpts are about something else.
    WrongPassage,
    /// The excerpts are on topic but do not answer the question.
    DidNotAnswer,
    /// The page or citation is wrong.
    WrongCitation,
    /// The question was misunderstood.
    Misread,
    Other,
}

impl Reason {
    /// Every reason, in the order the picker lists them.
    pub const ALL: [Reason; 5] = [
        Reason::WrongPassage,
        Reason::DidNotAnswer,
        Reason::WrongCitation,
        Reason::Misread,
        Reason::Other,
    ];

    /// The name stored and exported.
    pub fn label(self) -> &'static str {
        match self {
            Reason::WrongPassage => "wrong_passage",
            Reason::DidNotAnswer => "did_not_answer",
            Reason::WrongCitation => "wrong_citation",
            Reason::Misread => "misread",
            Reason::Other => "other",
        }
    }

    /// The reason a stored name names.
    pub fn parse(label: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.label() == label)
    }
}

/// A vote on an answer, ids already hashed.
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    pub at: SystemTime,
    /// The answer's key, as its record holds it.
    pub answer_key: String,
    pub user: String,
    /// 👍 when true.
    pub up: bool,
    /// Why, for a 👎 whose voter said.
    pub reason: Option<Reason>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_back_from_its_label() {
        for reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.label()), Some(reason));
        }
        assert_eq!(Reason::parse("because"), None);
    }
}
