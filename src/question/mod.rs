//! A question read once: its language, its text in the report's script with dates as the report
//! writes them, its translation when it is English, what it asks for (`Intent`), and the typed
//! terms the ranking looks for (`Term`). Everything later stages know of a question is in its
//! `Reading`.

mod absent;
mod asked;
pub mod cedict;
pub mod dates;
use dates::as_year;
pub mod intent;
pub mod lexicon;
mod lexicon_file;
mod mixed;
pub mod script;
mod senses;
pub mod synonyms;
pub mod term;
pub mod thesaurus;
pub mod translate;
mod words;

pub use mixed::has_unknown_latin;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::rank::Weights;
use crate::search::{Analyzer, SearchError, SearchIndex, SearchQuery};

pub use intent::{Intent, ValueKind};
use synonyms::Synonyms;
pub use term::Term;
use thesaurus::Thesaurus;
use translate::{Rendering, Translator};

/// A question and where to look.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Question {
    pub text: String,
    /// Limit the search to one part (`soviet`, `preface`, `ft`).
    pub case: Option<String>,
    /// Excerpts wanted; the settings' `top_k` when `None`.
    pub top_k: Option<usize>,
}

impl Question {
    pub fn new(text: impl Into<String>) -> Question {
        Question {
            text: text.into(),
            ..Question::default()
        }
    }
}

/// Why a question could not be answered at all (as opposed to "nothing relevant found").
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error("the question is empty")]
    Empty,
    #[error("the question is {chars} characters long; the limit is {max}")]
    TooLong { chars: usize, max: usize },
    #[error("the question has no words to search for")]
    NoWords,
    #[error("there is no case `{0}`")]
    UnknownCase(String),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// The language a question is written in, and the bot answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// English when a text has more Latin letters than Chinese characters, Chinese otherwise
    /// (and for empty text).
    pub fn of(text: &str) -> Lang {
        // A link in a Chinese question does not make it English.
        if crate::text::is_mostly_latin(&crate::text::plain_question(text)) {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// A word of the question that the corpus never uses, in any of its forms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Absent {
    /// As the question writes it; adjacent absent words are one (`比特` `币` → `比特币`).
    pub text: String,
    pub kind: AbsentKind,
    /// Its share of the question's weight (of its meaningful words, for English).
    pub share: f32,
}

/// What kind of word a question holds that the corpus never uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsentKind {
    /// An everyday word (a verb, an adjective, a word of speech): the corpus may say the same
    /// thing in other words.
    Everyday,
    /// What the question is about: a noun, a foreign word.
    Topic,
    /// The name of a person, a place or a body the documents never name (`温家宝`, `香港`,
    /// `Kissinger`): the question is about something they do not tell of.
    Name,
    /// A year after the documents were written.
    LaterYear,
    /// A time after them: tomorrow, or now for a question asking a value (`现在多少钱`).
    LaterTime,
}

/// A word of the question that it is about, with its weight (its rarity in the corpus).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub text: String,
    pub weight: f32,
}

/// What reading a question needs: the index (for rarity), its analyzer and catalog, and the
/// aids to understanding people's words.
#[derive(Clone, Copy)]
pub struct Aids<'a> {
    pub index: &'a SearchIndex,
    pub analyzer: &'a Analyzer,
    pub catalog: &'a Catalog,
    pub synonyms: &'a Synonyms,
    pub thesaurus: Option<&'a Thesaurus>,
    /// Given for English questions, and for Chinese ones holding an English word the corpus
    /// never writes (`has_unknown_latin`).
    pub translator: Option<&'a Translator>,
    pub weights: &'a Weights,
    /// The longest question accepted, in characters.
    pub max_chars: usize,
}

/// A question as read: everything the ranking, the answer and `explain` use, made once.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The question as asked (trimmed).
    pub original: String,
    pub case: Option<String>,
    pub lang: Lang,
    /// The text searched: translated, in simplified characters, dates as the report writes them.
    pub normalized: String,
    /// For an English question, how it was understood, phrase by phrase.
    pub understood: Vec<Rendering>,
    /// The share of an English question's meaningful words that found Chinese the corpus uses.
    pub rendered_share: f32,
    /// An English question's meaningful words that found no Chinese the corpus uses.
    pub untranslated: Vec<String>,
    /// The question's words the corpus never uses in any form.
    pub absent: Vec<Absent>,
    /// Whether the question is small talk (a greeting, thanks, a question to the bot) naming
    /// nothing the corpus speaks of.
    pub small_talk: bool,
    /// The words the question is about, in question order.
    pub words: Vec<Word>,
    /// How much more often the corpus uses each of its words that it uses at all than Chinese
    /// at large does (the log of the ratio of the two rates): a word the corpus is about
    /// stands far above 0. Of an English question, only the words rendering its nouns: a
    /// verb's Chinese is one sense of several.
    pub keyness: Vec<(String, f32)>,
    /// Its words naming someone, somewhere or some body (`印度`, `欧盟`) that the corpus
    /// mentions but seldom (rarity at least `name_min_idf`; any, in a question naming a part):
    /// what the question is about.
    pub names: Vec<String>,
    /// Its character bigrams, outside its question words.
    pub grams: Vec<String>,
    /// The word right after a question word (`恢复` in `是怎么恢复的`): what is asked about.
    pub focus: Option<String>,
    /// The nouns saying whose value is asked for (`美联储` in `美联储主席是谁`).
    pub asked_of: Vec<String>,
    /// The title or role the person asked for holds (`大使` in `驻华大使叫啥名字`, `who was
    /// China's ambassador`): the sentence naming them names them beside it.
    pub asked_title: Option<String>,
    /// Those of them the corpus is about and does not use everywhere: what the passage
    /// stating the value must hold.
    pub value_of: Vec<String>,
    /// The nouns naming what a figure asked for counts (`失业率` in `美国失业率是多少`, `货` in
    /// `多买多少美国货`), of a Chinese question: a passage stating a figure of something else
    /// does not answer.
    pub measured: Vec<String>,
    /// The titles it names between title marks (`《八一七公报》`), lowercased, each with the
    /// moderators' synonyms for it.
    pub titles: Vec<(String, Vec<String>)>,
    /// Synonyms looked for besides its own words.
    pub expansions: Vec<String>,
    /// Its rarer words with the thesaurus's words for them that the corpus uses.
    pub related: Vec<(String, Vec<String>)>,
    pub intent: Intent,
    /// What a passage is measured by: words the corpus uses and bigrams, weights summing to 1.
    pub terms: Vec<Term>,
    /// The same with the words the corpus never uses that jieba knows, which say whether the
    /// corpus speaks of the question at all.
    pub relevance_terms: Vec<Term>,
    /// What the index is asked.
    pub query: SearchQuery,
}

impl Reading {
    /// Whether nothing in the question is something the corpus speaks of: an English question
    /// none of whose words found Chinese the corpus uses.
    pub fn is_about_nothing_known(&self) -> bool {
        self.words.is_empty() && !self.intent.gist
    }

    /// Whether a lowercased text holds one of the question's names, in any of its forms.
    pub fn holds_name(&self, name: &str, lowered: &str) -> bool {
        match self.relevance_terms.iter().find(|t| t.text == name) {
            Some(term) => term.forms().any(|f| lowered.contains(f)),
            None => lowered.contains(name),
        }
    }

    /// The nouns saying whose value is asked for that the corpus is about (keyness at least
    /// `min_keyness`) and uses seldom enough (rarity at least `min_idf`), once each, in the
    /// order of its terms.
    fn whose_value(&self, min_keyness: f32, min_idf: f32) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for term in &self.terms {
            let key = self
                .keyness
                .iter()
                .any(|(w, k)| *w == term.text && *k >= min_keyness);
            let rare = self
                .words
                .iter()
                .any(|w| w.text == term.text && w.weight >= min_idf);
            if self.asked_of.contains(&term.text) && key && rare && !words.contains(&term.text) {
                words.push(term.text.clone());
            }
        }
        words
    }

    /// Reads once whose value is asked for, as far as the corpus is about it (`value_of`).
    pub(crate) fn read_whose_value(&mut self, min_keyness: f32, min_idf: f32) {
        self.value_of = self.whose_value(min_keyness, min_idf);
    }

    /// The terms of `value_of`.
    pub fn value_of_terms(&self) -> Vec<&Term> {
        self.value_of
            .iter()
            .filter_map(|w| self.terms.iter().find(|t| t.text == *w))
            .collect()
    }

    /// The share of the question's weight held by some of its words (its names lacked).
    pub fn share_of(&self, words: &[String]) -> f32 {
        self.relevance_terms
            .iter()
            .filter(|t| words.contains(&t.text))
            .map(|t| t.weight)
            .sum()
    }

    /// The first year after the documents that the question asks about, if any.
    pub fn later_year(&self) -> Option<&str> {
        self.absent
            .iter()
            .find(|a| matches!(a.kind, AbsentKind::LaterYear | AbsentKind::LaterTime))
            .map(|a| a.text.as_str())
    }

    /// What an English question asking how many or how much counts or measures, when the
    /// corpus has no word for it (`troops` in `how many troops did…`): the documents cannot
    /// state that figure. The thing counted is the first plural after `how many` (`how many
    /// new daily cases`), the word right after `how much`. (In Chinese, the word after `多少` is
    /// too often a word jieba guessed, or one the documents say otherwise: `电话` for `通话`.)
    pub fn absent_measure(&self) -> Option<&str> {
        if !self.intent.number || self.lang != Lang::En {
            return None;
        }
        let lowered = self.original.to_lowercase();
        let words = lexicon::english_words(&lowered);
        let lexicon = lexicon::lexicon();
        let cue = words
            .windows(2)
            .position(|w| w[0] == "how" && (w[1] == "many" || w[1] == "much"))?;
        let phrase: Vec<&str> = words[cue + 2..]
            .iter()
            .copied()
            .take_while(|w| !lexicon.is_english_skipped(w))
            .collect();
        // `how much cash`: an amount of a measure the lexicon knows (money), which a figure in
        // its units states, not a thing the corpus must name.
        if words[cue + 1] == "much" && self.intent.measure.is_some() {
            return None;
        }
        let counted = if words[cue + 1] == "many" {
            phrase
                .iter()
                .find(|w| w.ends_with('s') && !w.ends_with("ss"))
                .or(phrase.last())
        } else {
            phrase.first()
        }?;
        self.absent
            .iter()
            .find(|a| a.text.eq_ignore_ascii_case(counted))
            .map(|a| a.text.as_str())
    }

    /// The share of the question's weight held by names of people, places and bodies the
    /// corpus never mentions (`Kissinger`, `温家宝`).
    pub fn absent_name_share(&self) -> f32 {
        self.absent
            .iter()
            .filter(|a| a.kind == AbsentKind::Name)
            .map(|a| a.share)
            .sum()
    }

    /// The share of the question's weight held by what it is about that the corpus never
    /// mentions: absent topic words and names, and years after the documents.
    pub fn absent_share(&self) -> f32 {
        self.absent
            .iter()
            .filter(|a| a.kind != AbsentKind::Everyday)
            .map(|a| a.share)
            .sum()
    }
}

/// The latest year a document of the catalog is dated (`2020`), if any is.
fn latest_year(catalog: &Catalog) -> Option<u32> {
    catalog
        .documents
        .iter()
        .filter_map(|d| d.date.as_deref())
        .filter_map(|date| date.get(..4)?.parse().ok())
        .max()
}

/// A one-character translation of an English word is taken when the corpus uses it in at most
/// one passage in this many, or in one passage (`sleep` → 睡, said once; not `go` → 去).
const ONE_CHARACTER_SHARE: u64 = 100;

/// Reads a question. An empty, overlong or wordless question, or one limited to an unknown
/// part, is refused; an English question none of whose words the corpus speaks of is read as
/// about nothing known (`Reading::is_about_nothing_known`).
pub fn read(question: &Question, lang: Lang, aids: Aids) -> Result<Reading, AskError> {
    let plain = crate::text::plain_question(&question.text);
    let text = plain.trim();
    if text.is_empty() {
        return Err(AskError::Empty);
    }
    let chars = text.chars().count();
    if chars > aids.max_chars {
        return Err(AskError::TooLong {
            chars,
            max: aids.max_chars,
        });
    }
    if let Some(case) = &question.case
        && aids.catalog.part(case).is_none()
    {
        return Err(AskError::UnknownCase(case.clone()));
    }
    let mut reading = Reading {
        original: text.to_string(),
        case: question.case.clone(),
        lang,
        rendered_share: 1.0,
        ..Reading::default()
    };
    // A one-character word counts only as a noun or a verb (睡, not 若 or 先).
    let known = |word: &str| {
        let single = word.chars().count() == 1;
        let tag = if single {
            aids.analyzer.tag_of(word)
        } else {
            String::new()
        };
        if single && !(tag.starts_with('n') || tag.starts_with('v')) {
            0
        } else {
            senses::corpus_frequency(aids, word)
        }
    };
    let rare = (aids.index.len() / ONE_CHARACTER_SHARE).max(1);
    let translated;
    let text = match aids.translator {
        Some(translator) if lang == Lang::En => {
            let mut translation = translator.translate(text, known, rare);
            senses::choose_senses(&mut translation.renderings, aids);
            reading.untranslated = translation.missing.clone();
            let latest = latest_year(aids.catalog);
            reading.absent = absent::untranslated_absent(
                text,
                &translation.missing,
                translation.rendered(),
                translator,
                latest,
                |word: &str| absent::rare_nouns(aids, &translator.senses(word)),
            );
            // The share of the question's weight that found Chinese the corpus uses.
            reading.rendered_share = 1.0 - reading.absent.iter().map(|a| a.share).sum::<f32>();
            // A year the translation dropped as a bare number, when it is after the documents
            // and they never write it.
            for word in text.split(|c: char| !c.is_ascii_digit()) {
                // (A year the dictionary renders is among the absent words already.)
                if as_year(word).is_some_and(|y| latest.is_some_and(|l| y > l))
                    && aids.index.doc_freq(word) == 0
                    && !reading.absent.iter().any(|a| a.text == word)
                {
                    reading.absent.push(Absent {
                        text: word.to_string(),
                        kind: AbsentKind::LaterYear,
                        share: 1.0 / (translation.meaningful() + 1) as f32,
                    });
                }
            }
            translated = translation.text();
            reading.understood = translation.renderings;
            translated.as_str()
        }
        Some(translator) => {
            let render = |word: &str| mixed::first_rendering(translator, word, known, rare);
            match mixed::rendered(text, aids.index, render) {
                Some(chinese) => {
                    translated = chinese;
                    translated.as_str()
                }
                None => text,
            }
        }
        None => text,
    };
    reading.normalized = dates::dates(&script::to_simplified(text));
    let small_talk = lexicon::lexicon().sounds_like_small_talk(&reading.original);
    match words::weigh(&mut reading, aids, latest_year(aids.catalog)) {
        Err(AskError::NoWords) if small_talk => reading.small_talk = true,
        Err(error) => return Err(error),
        Ok(()) => reading.small_talk = small_talk && !names_the_corpus(&reading, aids),
    }
    let asks_value = !reading.intent.values_asked().is_empty();
    if !reading.small_talk
        && let Some(word) =
            lexicon::lexicon().time_after(&script::to_simplified(&reading.original), asks_value)
    {
        reading.absent.push(Absent {
            text: word,
            kind: AbsentKind::LaterTime,
            share: 0.0,
        });
    }
    Ok(reading)
}

/// Whether a question names something the corpus speaks of: a part of it, a name of its
/// glossary, or a person, place or institution it mentions.
fn names_the_corpus(reading: &Reading, aids: Aids) -> bool {
    let named_by_glossary = aids.translator.is_some_and(|translator| {
        reading
            .understood
            .iter()
            .any(|r| translator.in_glossary(&r.english))
    });
    let proper = |word: &Word| {
        aids.index.knows_word(&word.text)
            && ["nr", "ns", "nt", "nz"]
                .iter()
                .any(|t| aids.analyzer.tag_of(&word.text).starts_with(t))
    };
    !reading.intent.parts.is_empty() || named_by_glossary || reading.words.iter().any(proper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(
        lang: Lang,
        original: &str,
        focus: Option<&str>,
        absent: &[(&str, AbsentKind)],
    ) -> Reading {
        Reading {
            original: original.into(),
            lang,
            focus: focus.map(str::to_string),
            absent: absent
                .iter()
                .map(|(text, kind)| Absent {
                    text: text.to_string(),
                    kind: *kind,
                    share: 0.2,
                })
                .collect(),
            intent: Intent {
                number: true,
                ..Intent::default()
            },
            ..Reading::default()
        }
    }

    #[test]
    fn a_figure_of_something_the_corpus_never_names_cannot_be_stated() {
        use AbsentKind::{Everyday, Topic};
        let cases = [
            (
                reading(
                    Lang::Zh,
                    "关税具体税率是多少",
                    Some("税率"),
                    &[("税率", Topic)],
                ),
                None,
            ),
            (
                reading(
                    Lang::En,
                    "How many troops did China send?",
                    None,
                    &[("troops", Everyday)],
                ),
                Some("troops"),
            ),
            (
                reading(
                    Lang::En,
                    "How many laws did China scrap?",
                    None,
                    &[("scrap", Everyday)],
                ),
                None,
            ),
            // What is counted is the plural, not the words before it.
            (
                reading(
                    Lang::En,
                    "How many new daily cases were there?",
                    None,
                    &[("new", Everyday)],
                ),
                None,
            ),
            (
                reading(
                    Lang::En,
                    "How much debt did it have?",
                    None,
                    &[("debt", Topic)],
                ),
                Some("debt"),
            ),
        ];
        for (reading, expect) in cases {
            assert_eq!(reading.absent_measure(), expect, "{}", reading.original);
        }
    }
}
