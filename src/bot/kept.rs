//! Answers kept for their "more excerpts" button. What is kept is what it takes to make the
//! answer again (the question as asked, its case, the corpus version that answered it), a
//! couple of hundred bytes where the whole answer took tens of kilobytes. A later page is made
//! again from the same question; answers are deterministic for one corpus version, so it is
//! the page the first one promised, and after a reload that changed the corpus the button
//! says the answer expired rather than show excerpts of another version.

use std::collections::VecDeque;
use std::sync::Mutex;

use crate::answer::Answer;

/// What makes an answer again.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub question: String,
    pub case: Option<String>,
    /// The corpus version that answered it.
    pub version: String,
}

impl Asked {
    pub fn of(answer: &Answer) -> Asked {
        Asked {
            question: answer.question.clone(),
            case: answer.case.clone(),
            version: answer.corpus_version.clone(),
        }
    }
}

/// A bounded store of asked questions by key, oldest forgotten first.
pub struct KeptAnswers {
    most: usize,
    asked: Mutex<VecDeque<(String, Asked)>>,
}

impl KeptAnswers {
    pub fn new(most: usize) -> KeptAnswers {
        KeptAnswers {
            most: most.max(1),
            asked: Mutex::new(VecDeque::new()),
        }
    }

    /// Keeps what makes an answer again under a key (an interaction or message id).
    pub fn keep(&self, key: String, answer: &Answer) {
        let mut asked = self.asked.lock().unwrap_or_else(|e| e.into_inner());
        if asked.len() == self.most {
            asked.pop_front();
        }
        asked.push_back((key, Asked::of(answer)));
    }

    /// What was kept under a key, if it still is.
    pub fn get(&self, key: &str) -> Option<Asked> {
        let asked = self.asked.lock().unwrap_or_else(|e| e.into_inner());
        asked.iter().find(|(k, _)| k == key).map(|(_, a)| a.clone())
    }
}

/// The passages cited by the last answer in each channel, so `/corpus teach` can name one by
/// its citation number. Bounded: the channels answered longest ago are forgotten first.
pub struct RecentCitations {
    most: usize,
    channels: Mutex<VecDeque<(u64, Vec<String>)>>,
}

impl RecentCitations {
    pub fn new(most: usize) -> RecentCitations {
        RecentCitations {
            most: most.max(1),
            channels: Mutex::new(VecDeque::new()),
        }
    }

    /// Keeps the passage ids an answer cited, in citation order, as the channel's last.
    pub fn keep(&self, channel: u64, passages: Vec<String>) {
        let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        channels.retain(|(c, _)| *c != channel);
        if channels.len() == self.most {
            channels.pop_front();
        }
        channels.push_back((channel, passages));
    }

    /// The passage cited `[n]` (from 1) by the channel's last answer.
    pub fn cited(&self, channel: u64, n: usize) -> Option<String> {
        let channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        let (_, passages) = channels.iter().find(|(c, _)| *c == channel)?;
        passages.get(n.checked_sub(1)?).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_number_names_a_passage_of_the_channels_last_answer() {
        let recent = RecentCitations::new(2);
        recent.keep(1, vec!["p1".into(), "p2".into()]);
        recent.keep(1, vec!["q1".into()]);
        recent.keep(2, vec!["r1".into()]);
        assert_eq!(recent.cited(1, 1).as_deref(), Some("q1"));
        assert_eq!(recent.cited(1, 2), None);
        assert_eq!(recent.cited(1, 0), None);
        recent.keep(3, vec!["s1".into()]);
        assert_eq!(recent.cited(1, 1), None, "the oldest channel is forgotten");
        assert_eq!(recent.cited(2, 1).as_deref(), Some("r1"));
    }

    fn answer(question: &str) -> Answer {
        Answer::sample(question)
    }

    #[test]
    fn the_oldest_answer_is_forgotten_first() {
        let kept = KeptAnswers::new(2);
        kept.keep("a".into(), &answer("甲"));
        kept.keep("b".into(), &answer("乙"));
        kept.keep("c".into(), &answer("丙"));
        assert_eq!(kept.get("a"), None);
        assert_eq!(kept.get("b").map(|a| a.question), Some("乙".to_string()));
        assert_eq!(kept.get("c").map(|a| a.version), Some("v1".to_string()));
    }
}
