//! Typed query terms: what a question looks for in a passage, and how much a passage holding it
//! (or a word standing for it) is credited. Built once when a question is read; the ranking,
//! the excerpts and the summary only ask a term how much of it a text holds.

use std::fmt;

/// One thing a question looks for: a word or a character bigram of the question, its share of
/// the question, and the words that stand for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The word or bigram as the question has it (lowercased).
    pub text: String,
    /// Its share of the question's weight (the terms of a question sum to 1).
    pub weight: f32,
    /// Synonyms from the moderators' list: a passage holding one holds the term.
    pub alternatives: Vec<String>,
    /// For a decade's words (`70`, `年代`), what every year of it starts with (`197`): a
    /// passage holding such a year holds the term.
    pub years: Option<String>,
    /// Words of the general thesaurus for it that the corpus uses: a passage holding only one
    /// of these holds `related_credit` of the term.
    pub related: Vec<String>,
    /// What a related word is worth against the term itself.
    pub related_credit: f32,
}

impl Term {
    /// A term of the question's own word, with nothing standing for it yet.
    pub fn new(text: impl Into<String>, weight: f32) -> Term {
        Term {
            text: text.into(),
            weight,
            alternatives: Vec::new(),
            years: None,
            related: Vec::new(),
            related_credit: 0.0,
        }
    }

    /// The forms that hold the whole term: the word, its alternatives, a decade's years.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.text.as_str())
            .chain(self.alternatives.iter().map(String::as_str))
            .chain(self.years.as_deref())
            .filter(|t| !t.is_empty())
    }

    /// Every word that stands for the term: its forms, then its related words.
    pub fn variants(&self) -> impl Iterator<Item = &str> {
        self.forms().chain(
            self.related
                .iter()
                .map(String::as_str)
                .filter(|t| !t.is_empty()),
        )
    }

    /// How much of the term a lowercased text holds: all of it for one of its forms,
    /// `related_credit` for a related word only, else nothing.
    pub fn credit(&self, lowered: &str) -> f32 {
        if self.forms().any(|t| lowered.contains(t)) {
            1.0
        } else if self
            .related
            .iter()
            .any(|t| !t.is_empty() && lowered.contains(t.as_str()))
        {
            self.related_credit
        } else {
            0.0
        }
    }

    /// Where a lowercased text first holds any word standing for the term.
    pub fn first_position(&self, lowered: &str) -> Option<usize> {
        self.variants().filter_map(|t| lowered.find(t)).min()
    }
}

/// `word|alternative|years~related~related`: how `explain` shows a term.
impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.text)?;
        for form in self.alternatives.iter().chain(&self.years) {
            write!(f, "|{form}")?;
        }
        for word in &self.related {
            write!(f, "~{word}")?;
        }
        Ok(())
    }
}

/// The summed weight of the terms a lowercased text holds.
pub fn held_weight(lowered: &str, terms: &[Term]) -> f32 {
    terms.iter().map(|t| t.weight * t.credit(lowered)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, alternatives: &[&str], years: Option<&str>, related: &[&str]) -> Term {
        Term {
            alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
            years: years.map(str::to_string),
            related: related.iter().map(|s| s.to_string()).collect(),
            related_credit: 0.4,
            ..Term::new(text, 1.0)
        }
    }

    #[test]
    fn a_word_or_its_alternative_counts_fully_and_a_related_word_in_part() {
        let join = term("入世", &["加入世贸组织"], None, &[]);
        assert_eq!(join.credit("中国入世以后"), 1.0);
        assert_eq!(join.credit("中国加入世贸组织以后"), 1.0);
        let gain = term("好处", &[], None, &["利益", "益处"]);
        assert_eq!(gain.credit("两国都获得巨大利益"), 0.4);
        assert_eq!(gain.credit("这有好处也有利益"), 1.0);
        assert_eq!(gain.credit("气候变化"), 0.0);
    }

    #[test]
    fn a_decade_is_held_by_any_of_its_years() {
        let seventies = term("70", &[], Some("197"), &["年间"]);
        assert_eq!(seventies.credit("1972年尼克松访华"), 1.0);
        assert_eq!(
            seventies.variants().collect::<Vec<_>>(),
            vec!["70", "197", "年间"]
        );
    }

    #[test]
    fn a_term_shows_its_forms_after_bars_and_its_related_words_after_tildes() {
        assert_eq!(
            term("好处", &["甜头"], None, &["利益"]).to_string(),
            "好处|甜头~利益"
        );
        assert_eq!(term("80", &[], Some("198"), &[]).to_string(), "80|198");
        assert_eq!(term("美国", &[], None, &[]).to_string(), "美国");
    }

    #[test]
    fn the_first_position_is_of_any_word_standing_for_the_term() {
        let term = term("好处", &[], None, &["利益"]);
        assert_eq!(term.first_position("获得利益与好处"), Some(6));
        assert_eq!(term.first_position("无关"), None);
    }
}
