//! What the clauses of a question asking a value are about, read token by token while jieba
//! tags the question (`Analyzer::read_question`): the noun each question word asking a figure
//! counts, and the nouns of each clause asking a value.

use crate::question::lexicon::lexicon;

/// A tagged token as these readers need it.
pub(super) struct Seen<'a> {
    pub word: &'a str,
    pub tag: &'a str,
    /// A content word of two characters or more with a noun's tag.
    pub nounlike: bool,
    /// A noun's tag, of any length (`债`), on no function, question or linking word.
    pub noun: bool,
    pub is_question: bool,
    /// A question word asking a value (`[question] values`).
    pub asks_value: bool,
}

/// The readers' state between tokens.
#[derive(Default)]
pub(super) struct ValueClauses {
    measured: Vec<String>,
    /// The nouns of the clauses asking a value so far; those of the current clause (not one
    /// right after a question word asking which one, which names the value: `哪个城市`), and
    /// whether it asks a value.
    asking_nouns: Vec<String>,
    nouns_of_clause: Vec<String>,
    clause_asks_value: bool,
    after_which: bool,
    /// The last noun of the clause so far; after a question word asking a figure, the last
    /// noun it counts and whether its count may go on.
    clause_noun: Option<String>,
    counted: Option<String>,
    counting: bool,
}

impl ValueClauses {
    /// Reads the next token.
    pub(super) fn read(&mut self, seen: &Seen) {
        let lexicon = lexicon();
        let blank = seen.word.trim().is_empty();
        let ends_clause = !blank && seen.word.chars().all(crate::text::is_clause_end);
        let word = || super::analyzer::lowercase(seen.word);
        if seen.nounlike && !self.after_which {
            self.nouns_of_clause.push(word());
        }
        if !blank {
            self.after_which = seen.asks_value
                && lexicon
                    .which_classifiers
                    .iter()
                    .any(|c| seen.word.ends_with(c.as_str()));
        }
        self.clause_asks_value |= seen.asks_value;
        if ends_clause {
            self.end_clause();
        }
        if self.counting {
            let unit = ["m", "q", "mq"].contains(&seen.tag) || is_unit(seen.word);
            if seen.noun && !unit {
                self.counted = Some(word());
            } else if !(unit || blank || lexicon.joins_nouns(seen.word)) {
                self.end_count();
            }
        }
        if seen.is_question
            && lexicon
                .figure_words
                .iter()
                .any(|f| seen.word.contains(f.as_str()))
        {
            self.counting = true;
        }
        if ends_clause {
            self.clause_noun = None;
        } else if seen.nounlike && !self.counting {
            self.clause_noun = Some(word());
        }
    }

    /// What each question word asking a figure counts (or, counting none, the last noun
    /// before it in its clause), and the nouns of the clauses asking a value, each once.
    pub(super) fn finish(mut self) -> (Vec<String>, Vec<String>) {
        if self.counting {
            self.end_count();
        }
        self.end_clause();
        (once_each(self.measured), once_each(self.asking_nouns))
    }

    fn end_count(&mut self) {
        self.counting = false;
        let noun = self.counted.take().or_else(|| self.clause_noun.clone());
        self.measured.extend(noun);
    }

    fn end_clause(&mut self) {
        if std::mem::take(&mut self.clause_asks_value) {
            self.asking_nouns.append(&mut self.nouns_of_clause);
        }
        self.nouns_of_clause.clear();
    }
}

/// Words in their order, each once.
fn once_each(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Whether a word is a unit a figure is counted in (`钱`, `个`, `钟头`, `美元`): no thing it
/// counts.
fn is_unit(word: &str) -> bool {
    let lexicon = lexicon();
    [
        &lexicon.figure_unit_words,
        &lexicon.figure_units,
        &lexicon.duration_units,
    ]
    .into_iter()
    .chain(lexicon.measures.iter().map(|m| &m.units))
    .any(|units| units.iter().any(|u| u == word))
}
