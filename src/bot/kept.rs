//! Answers kept for their "more excerpts" button: the most recent few hundred, each whole as it
//! was answered (its excerpts, its language, its corpus version), so a later page comes from the
//! same snapshot as the first.

use std::collections::VecDeque;
use std::sync::Mutex;

use crate::answer::Answer;

/// A bounded store of answers by key, oldest forgotten first.
pub struct KeptAnswers {
    most: usize,
    answers: Mutex<VecDeque<(String, Answer)>>,
}

impl KeptAnswers {
    pub fn new(most: usize) -> KeptAnswers {
        KeptAnswers {
            most: most.max(1),
            answers: Mutex::new(VecDeque::new()),
        }
    }

    /// Keeps an answer under a key (an interaction or message id).
    pub fn keep(&self, key: String, answer: Answer) {
        let mut answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        if answers.len() == self.most {
            answers.pop_front();
        }
        answers.push_back((key, answer));
    }

    /// The answer kept under a key, if it is still kept.
    pub fn get(&self, key: &str) -> Option<Answer> {
        let answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        answers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, a)| a.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(question: &str) -> Answer {
        Answer::sample(question)
    }

    #[test]
    fn the_oldest_answer_is_forgotten_first() {
        let kept = KeptAnswers::new(2);
        kept.keep("a".into(), answer("甲"));
        kept.keep("b".into(), answer("乙"));
        kept.keep("c".into(), answer("丙"));
        assert_eq!(kept.get("a"), None);
        assert_eq!(kept.get("b").map(|a| a.question), Some("乙".to_string()));
        assert_eq!(
            kept.get("c").map(|a| a.corpus_version),
            Some("v1".to_string())
        );
    }
}
