//! The lexicon: every word list luopan reads questions and passages with, parsed once from
//! `lexicon.toml` (compiled in). Code asks it questions (`is_function_word`, `asks_why`) and
//! never keeps a list of its own.

use std::sync::LazyLock;

pub use super::lexicon_file::MeasureWords;
use super::lexicon_file::{Ask, File};
use rustc_hash::FxHashSet;

/// The lexicon's text, as compiled in; its hash is part of the index fingerprint.
pub const SOURCE: &str = include_str!("lexicon.toml");

/// A set of words, looked up by `&str`.
type Words = FxHashSet<String>;

/// The word lists, ready to look words up in.
#[derive(Debug)]
pub struct Lexicon {
    function_words: Words,
    function_tag_prefixes: Vec<String>,
    function_tags: Words,
    counting: Vec<char>,
    question_words: Words,
    value_words: Vec<String>,
    value_links: Words,
    noun_joiners: Words,
    pointing: Vec<char>,
    contractions: Vec<(String, String)>,
    pub(crate) why: Vec<String>,
    pub(crate) when: Vec<String>,
    pub(crate) month: Vec<String>,
    pub(crate) day: Vec<String>,
    pub(crate) how_long: Vec<String>,
    pub(crate) lessons: Vec<String>,
    pub(crate) who: Vec<String>,
    /// Comparatives that make `谁` ask which of two sides (`谁捞到的好处更多`), not who.
    pub(crate) who_unless: Vec<String>,
    pub(crate) who_after_title: Vec<String>,
    /// After a question word asking which one, these ask who (`哪个官员`; `which vice premier`).
    pub(crate) who_roles: Vec<String>,
    pub(crate) who_english_roles: Vec<String>,
    pub(crate) life: Vec<String>,
    pub(crate) work: Vec<String>,
    pub(crate) said: Vec<String>,
    /// Words naming the documents, their parts or their lessons (`[question] documents`).
    pub(crate) document_words: Vec<String>,
    pub(crate) post: Vec<String>,
    pub(crate) rank: Vec<String>,
    /// A yes/no question's ending and an adverb of what came after (`后来…了吗`).
    pub(crate) realised_adverbs: Vec<String>,
    pub(crate) realised_endings: Vec<String>,
    pub(crate) rank_not_after: Vec<char>,
    pub(crate) place: Vec<String>,
    /// The nouns naming a place asked for (`城市`): never a name the question is about.
    pub(crate) place_nouns: Vec<String>,
    /// Words that make a question holding a place cue ask no place (`建设在哪`).
    pub(crate) place_unless: Vec<String>,
    pub(crate) author: Vec<String>,
    pub(crate) gist: Vec<String>,
    pub(crate) realised: Vec<String>,
    pub(crate) number: Vec<String>,
    pub(crate) how: Vec<String>,
    pub(crate) how_unless: Vec<String>,
    pub(crate) compare: Vec<String>,
    pub(crate) compare_unless: Vec<String>,
    pub(crate) view: Vec<String>,
    pub(crate) unable: Vec<String>,
    pub(crate) unable_complements: Vec<char>,
    /// Phrases holding a cue that do not ask (`那几年`).
    pub(crate) not_asking: Vec<String>,
    /// The same kinds of asking, in an English question as asked.
    pub(crate) english: EnglishAsks,
    english_clause_openers: Words,
    english_phrase_ends: Words,
    pub(crate) english_yes_no_openers: Words,
    pub(crate) preface_names: Vec<String>,
    pub(crate) reason: Vec<String>,
    pub(crate) obstacle: Vec<String>,
    pub(crate) duration_units: Vec<String>,
    pub(crate) steps: Vec<String>,
    pub(crate) contrast: Vec<String>,
    pub(crate) not_contrast: Vec<String>,
    pub(crate) titles: Vec<String>,
    /// Words telling what someone said (`[passages] speech`).
    pub(crate) speech: Vec<String>,
    /// Cities and sites where something may take place (`[passages] places`).
    pub(crate) places: Vec<String>,
    /// With which a passage states a rank (`最大的`, `位居`), besides `第二大`, `第3位`.
    pub(crate) ranks: Vec<String>,
    /// Longer words holding a place's name that name no such place (`罗马尼亚`).
    pub(crate) not_places: Vec<String>,
    /// Endings of a clause that sets the scene of the next (`…峰会期间`, `[passages]
    /// settings`).
    pub(crate) settings: Vec<String>,
    /// Characters that, right after a title, begin no name (`大使及翻译`, `大使馆`).
    pub(crate) after_title: Vec<char>,
    pub(crate) figure_units: Vec<String>,
    /// Question words asking a figure, and the words counted by one that are its unit
    /// (`[question] figures`, `figure_unit_words`).
    pub(crate) figure_words: Vec<String>,
    pub(crate) figure_unit_words: Vec<String>,
    /// What a question word asking which one ends with (`[question] which_classifiers`).
    pub(crate) which_classifiers: Vec<String>,
    pub(crate) life_facts: Vec<String>,
    pub(crate) forecast: Vec<String>,
    /// Words with which a passage opening dates itself by the passage before it (`当时`).
    pub(crate) then: Vec<String>,
    /// What a figure asked for may measure (`[[measures]]`).
    pub(crate) measures: Vec<MeasureWords>,
    future: Vec<String>,
    /// Longer words holding a future's that say no time (`这周边`).
    not_future: Vec<String>,
    present: Vec<String>,
    small_talk: Vec<String>,
    small_talk_chinese: usize,
    small_talk_english: usize,
    english_skipped: Words,
    english_particles: Words,
    pub(crate) english_suffixes: Vec<(String, String)>,
    pub(crate) kept_doubles: Vec<char>,
    pub(crate) english_contractions: Vec<(String, String)>,
    pub(crate) english_irregular: Vec<(String, String)>,
    pub(crate) cedict_skipped_definitions: Vec<String>,
    pub(crate) cedict_stripped_prefixes: Vec<String>,
    /// Sizes before a definition's noun (`large ship`).
    pub(crate) cedict_sized: Vec<String>,
}

/// The cues of each kind of asking in an English question (`[asks.*] english`).
#[derive(Debug, Default)]
pub(crate) struct EnglishAsks {
    pub when: Vec<String>,
    pub month: Vec<String>,
    pub day: Vec<String>,
    pub how_long: Vec<String>,
    pub who: Vec<String>,
    pub life: Vec<String>,
    pub work: Vec<String>,
    pub said: Vec<String>,
    pub post: Vec<String>,
    pub rank: Vec<String>,
    pub place: Vec<String>,
    pub author: Vec<String>,
    pub gist: Vec<String>,
    pub realised: Vec<String>,
    pub outcome: Vec<String>,
    pub number: Vec<String>,
    pub lessons: Vec<String>,
    pub compare: Vec<String>,
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        // The file is part of the program, and a unit test parses it: a broken one never ships.
        Lexicon::parse(SOURCE).expect("src/question/lexicon.toml is valid")
    });
    &LEXICON
}

fn set<'a>(lists: impl IntoIterator<Item = &'a Vec<String>>) -> Words {
    lists.into_iter().flatten().cloned().collect()
}

fn joined(ask: &Ask) -> Vec<String> {
    ask.cues.iter().chain(&ask.also).cloned().collect()
}

impl Lexicon {
    /// Parses lexicon text.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let asks = &file.asks;
        Ok(Lexicon {
            function_words: set([&file.chinese.function_words, &file.english.function_words]),
            function_tag_prefixes: file.chinese.function_tag_prefixes.clone(),
            function_tags: set([&file.chinese.function_tags]),
            counting: file.chinese.counting.chars().collect(),
            value_words: file.question.values.clone(),
            value_links: set([&file.question.value_links]),
            noun_joiners: set([&file.question.noun_joiners]),
            pointing: file.question.pointing.chars().collect(),
            contractions: file.chinese.contractions.clone(),
            question_words: set([
                &file.question.words,
                &asks.why.cues,
                &asks.when.cues,
                &asks.day.cues,
                &asks.how_long.cues,
                &asks.who.cues,
                &asks.number.cues,
                &asks.how.cues,
                &asks.view.cues,
                &asks.lessons.cues,
                &asks.unable.cues,
            ]),
            why: joined(&asks.why),
            when: joined(&asks.when),
            month: joined(&asks.month),
            day: joined(&asks.day),
            how_long: joined(&asks.how_long),
            lessons: joined(&asks.lessons),
            who: joined(&asks.who),
            who_unless: asks.who.unless.clone(),
            who_after_title: asks.who.after_title.clone(),
            who_roles: asks.who.roles.clone(),
            who_english_roles: asks.who.english_roles.clone(),
            life: joined(&asks.life),
            work: joined(&asks.work),
            said: joined(&asks.said),
            document_words: file.question.documents.clone(),
            post: joined(&asks.post),
            rank: joined(&asks.rank),
            realised_adverbs: asks.realised.adverbs.clone(),
            realised_endings: asks.realised.endings.clone(),
            rank_not_after: asks.rank.not_after.chars().collect(),
            place: joined(&asks.place),
            place_nouns: asks.place.nouns.clone(),
            place_unless: asks.place.unless.clone(),
            author: joined(&asks.author),
            gist: joined(&asks.gist),
            realised: joined(&asks.realised),
            number: joined(&asks.number),
            how: joined(&asks.how),
            how_unless: asks.how.unless.clone(),
            compare: joined(&asks.compare),
            compare_unless: asks.compare.unless.clone(),
            view: joined(&asks.view),
            unable: asks
                .unable
                .cues
                .iter()
                .chain(&asks.unable.also)
                .cloned()
                .collect(),
            unable_complements: asks.unable.complements.chars().collect(),
            not_asking: asks.not_asking.phrases.clone(),
            english: EnglishAsks {
                when: asks.when.english.clone(),
                month: asks.month.english.clone(),
                day: asks.day.english.clone(),
                how_long: asks.how_long.english.clone(),
                who: asks.who.english.clone(),
                life: asks.life.english.clone(),
                work: asks.work.english.clone(),
                said: asks.said.english.clone(),
                post: asks.post.english.clone(),
                rank: asks.rank.english.clone(),
                place: asks.place.english.clone(),
                author: asks.author.english.clone(),
                gist: asks.gist.english.clone(),
                realised: asks.realised.english.clone(),
                outcome: asks.realised.english_outcome.clone(),
                number: asks.number.english.clone(),
                lessons: asks.lessons.english.clone(),
                compare: asks.compare.english.clone(),
            },
            english_clause_openers: set([&file.english.clause_openers]),
            english_phrase_ends: set([&file.english.phrase_ends]),
            english_yes_no_openers: set([&file.english.yes_no_openers]),
            future: file.time.future,
            not_future: file.time.not_future,
            present: file.time.present,
            small_talk: file.small_talk.phrases,
            small_talk_chinese: file.small_talk.longest_chinese,
            small_talk_english: file.small_talk.longest_english,
            preface_names: file.parts.preface,
            reason: file.passages.reason,
            obstacle: file.passages.obstacle,
            duration_units: file.passages.duration_units,
            steps: file.passages.steps,
            contrast: file.passages.contrast,
            not_contrast: file.passages.not_contrast,
            titles: file.passages.titles,
            speech: file.passages.speech,
            places: file.passages.places,
            ranks: file.passages.ranks,
            not_places: file.passages.not_places,
            settings: file.passages.settings,
            after_title: file.passages.after_title.chars().collect(),
            figure_units: file.passages.figure_units,
            figure_words: file.question.figures.clone(),
            figure_unit_words: file.question.figure_unit_words.clone(),
            which_classifiers: file.question.which_classifiers.clone(),
            measures: file.measures,
            life_facts: file.passages.life,
            forecast: file.passages.forecast,
            then: file.passages.then,
            english_skipped: set([&file.english.function_words, &file.english.question_only]),
            english_particles: set([&file.english.particles]),
            english_suffixes: file.english.suffixes,
            kept_doubles: file.english.kept_doubles.chars().collect(),
            english_contractions: file.english.contractions,
            english_irregular: file.english.irregular,
            cedict_skipped_definitions: file.cedict.skipped_definitions,
            cedict_stripped_prefixes: file.cedict.stripped_prefixes,
            cedict_sized: file.cedict.sized,
        })
    }

    /// The measure of that name, if the lexicon has one.
    pub fn measure(&self, name: &str) -> Option<&MeasureWords> {
        self.measures.iter().find(|m| m.name == name)
    }

    /// Whether a (lowercased) word only builds a sentence: dropped from the index and questions.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// Whether a jieba part-of-speech tag is one of a word that only builds a sentence.
    pub fn is_function_tag(&self, tag: &str) -> bool {
        self.function_tags.contains(tag)
            || self
                .function_tag_prefixes
                .iter()
                .any(|p| tag.starts_with(p.as_str()))
    }

    /// Whether a word only shapes a question (`什么`, `为什么`, `报告`).
    pub fn is_question_word(&self, word: &str) -> bool {
        self.question_words.contains(word)
    }

    /// Whether a question word asks for a value (`谁`, `多少`, `有多少`, `哪一年`): it holds one
    /// of `[question] values`.
    pub fn asks_value(&self, word: &str) -> bool {
        self.value_words.iter().any(|v| word.contains(v.as_str()))
    }

    /// Whether a word opens with a question word asking a value (`哪年` of `哪` `年`; not
    /// `哪几次`, which asks which ones).
    pub fn opens_asking_value(&self, word: &str) -> bool {
        self.value_words
            .iter()
            .any(|v| word.starts_with(v.as_str()))
    }

    /// Whether a word may stand between a value asked for and the nouns it is of (`是`, `到底`):
    /// `[question] value_links`.
    pub fn links_value(&self, word: &str) -> bool {
        self.value_links.contains(word)
    }

    /// The one character a word is written as before a verb (`重新` → `重`: `重开`), if any.
    pub fn contraction_of(&self, word: &str) -> Option<&str> {
        self.contractions
            .iter()
            .find(|(long, _)| long == word)
            .map(|(_, short)| short.as_str())
    }

    /// Whether a word joins two nouns into one phrase (`美联储的主席`): `[question] noun_joiners`.
    pub fn joins_nouns(&self, word: &str) -> bool {
        self.noun_joiners.contains(word)
    }

    /// Whether a word of two characters points back to what the question said before (`这招`,
    /// `那事`): `[question] pointing`.
    pub fn points_back(&self, word: &str) -> bool {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| self.pointing.contains(&c)) && chars.count() == 1
    }

    /// Whether a word is made only of counting characters (`第一条`, `五条`).
    pub fn is_counting(&self, word: &str) -> bool {
        word.chars().all(|c| self.counting.contains(&c))
    }

    /// Whether an English word carries nothing to translate.
    pub fn is_english_skipped(&self, word: &str) -> bool {
        self.english_skipped.contains(word)
    }

    /// Whether an English word ends a noun phrase: a function word, or a preposition or
    /// conjunction of `[english] phrase_ends`.
    pub fn ends_english_phrase(&self, word: &str) -> bool {
        self.is_english_skipped(word) || self.english_phrase_ends.contains(word)
    }

    /// An English word without its contraction (`couldn't` → `could not`, `Apple's` →
    /// `Apple`) and the quotes around it (`'compass'` → `compass`).
    pub fn uncontracted(&self, word: &str) -> String {
        let word = word.trim_matches('\'');
        let lowered = word.to_lowercase();
        for (ending, replacement) in &self.english_contractions {
            // A whole-word contraction (`can't`) stands for its replacement.
            if lowered == *ending && !replacement.starts_with(' ') && !replacement.is_empty() {
                return replacement.clone();
            }
            if lowered.ends_with(ending.as_str()) && lowered.len() > ending.len() {
                let stem = &word[..word.len() - ending.len()];
                return if replacement.starts_with(' ') {
                    format!("{stem}{replacement}")
                } else if replacement.is_empty() {
                    stem.to_string()
                } else {
                    replacement.clone()
                };
            }
        }
        word.to_string()
    }

    /// Whether a question is short and holds a phrase of small talk (`你好`, `thanks`, `who
    /// are you`); English phrases match whole words only.
    pub fn sounds_like_small_talk(&self, question: &str) -> bool {
        let lowered = question.to_lowercase();
        let words = english_words(&lowered);
        let short = if crate::text::is_mostly_latin(question) {
            words.len() <= self.small_talk_english
        } else {
            question.chars().filter(|c| crate::text::is_cjk(*c)).count() <= self.small_talk_chinese
        };
        let joined = format!(" {} ", words.join(" "));
        short
            && self.small_talk.iter().any(|phrase| {
                if phrase.is_ascii() {
                    joined.contains(&format!(" {phrase} "))
                } else {
                    lowered.contains(phrase.as_str())
                }
            })
    }

    /// Whether an English question (lowercased) asks with one of `cues`: a phrase of two words
    /// or more anywhere, a single word where it opens a clause (the question's first word, or
    /// after punctuation or a word like `and`, `so`, `ok`), not inside one (`the officials who
    /// negotiated`). With `anywhere`, single words count wherever they stand.
    pub(crate) fn asks_in_english(&self, lowered: &str, cues: &[String], anywhere: bool) -> bool {
        // Words, with `,` standing for any break between clauses.
        let mut words: Vec<&str> = Vec::new();
        let mut start = None;
        for (i, c) in lowered.char_indices() {
            let in_word = c.is_alphanumeric() || c == '\'' || c == '%';
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(&lowered[s..i]);
                    start = None;
                }
                _ => {}
            }
            if !in_word && matches!(c, ',' | ';' | ':' | '?' | '!' | '.' | '(' | '—' | '–') {
                words.push(",");
            }
        }
        if let Some(s) = start {
            words.push(&lowered[s..]);
        }
        let joined = format!(" {} ", words.join(" "));
        cues.iter().any(|cue| {
            if cue.contains(' ') || anywhere {
                return joined.contains(&format!(" {cue} "));
            }
            words.iter().enumerate().any(|(i, w)| {
                *w == cue.as_str()
                    && (i == 0
                        || words[i - 1] == ","
                        || self.english_clause_openers.contains(words[i - 1]))
            })
        })
    }

    /// The word of a question for a time after the documents: a future (`明天`, `next year`),
    /// or the present when the question asks for a value (`现在多少钱`). As the question
    /// writes it.
    pub fn time_after(&self, question: &str, asks_value: bool) -> Option<String> {
        let lowered = without(&question.to_lowercase(), &self.not_future);
        let found = |words: &[String]| {
            words
                .iter()
                .find(|w| {
                    if w.is_ascii() {
                        self.asks_in_english(&lowered, std::slice::from_ref(*w), true)
                    } else {
                        lowered.contains(w.as_str())
                    }
                })
                .cloned()
        };
        found(&self.future).or_else(|| asks_value.then(|| found(&self.present)).flatten())
    }

    /// Whether an English word makes the verb before it a phrasal verb.
    pub fn is_english_particle(&self, word: &str) -> bool {
        self.english_particles.contains(word)
    }
}

/// The words of an English text: runs of letters, digits and apostrophes (`who's`).
pub(crate) fn english_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `text` holds any of the words.
pub(crate) fn holds_any(text: &str, words: &[String]) -> bool {
    words
        .iter()
        .any(|w| !w.is_empty() && text.contains(w.as_str()))
}

/// Whether a text holds one of `words` outside the longer words `outside` that only hold its
/// characters (`则` outside `原则`, `区别` outside `有区别的`).
pub(crate) fn holds_any_outside(text: &str, words: &[String], outside: &[String]) -> bool {
    holds_any(text, words) && holds_any(&without(text, outside), words)
}

/// A text with each of `words` in it replaced by a break.
pub(crate) fn without(text: &str, words: &[String]) -> String {
    words.iter().fold(text.to_string(), |text, word| {
        text.replace(word.as_str(), "，")
    })
}

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
