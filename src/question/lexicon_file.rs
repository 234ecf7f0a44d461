//! The lexicon file's format (`lexicon.toml`), as serde reads it; `lexicon.rs` turns it into
//! the lists code asks.

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    pub(super) chinese: Chinese,
    pub(super) question: QuestionWords,
    pub(super) asks: Asks,
    pub(super) time: Time,
    pub(super) small_talk: SmallTalk,
    pub(super) parts: Parts,
    pub(super) passages: Passages,
    pub(super) english: English,
    pub(super) cedict: Cedict,
    pub(super) measures: Vec<MeasureWords>,
}

/// What a figure measures (a share, money, people): the words that ask for it and the words
/// that stand by a number stating it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureWords {
    pub name: String,
    /// Chinese phrases asking for it, anywhere in a question.
    pub cues: Vec<String>,
    /// English cues asking for it, read as `[asks.*] english` is.
    pub english: Vec<String>,
    /// Words right before a number that make it this measure (`百分之`).
    pub before: Vec<String>,
    /// Units right after a number that make it this measure (`%`, `美元`, `人`).
    pub units: Vec<String>,
    /// English nouns asking it after `what` or `which` (`what tariff`, `what average tariff`).
    #[serde(default)]
    pub english_nouns: Vec<String>,
    /// Whether it measures time (`days`): it narrows a how-long question too.
    #[serde(default)]
    pub time: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Chinese {
    pub(super) function_words: Vec<String>,
    pub(super) function_tag_prefixes: Vec<String>,
    pub(super) function_tags: Vec<String>,
    pub(super) counting: String,
    pub(super) contractions: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct QuestionWords {
    pub(super) words: Vec<String>,
    pub(super) values: Vec<String>,
    pub(super) value_links: Vec<String>,
    pub(super) figures: Vec<String>,
    pub(super) figure_unit_words: Vec<String>,
    pub(super) which_classifiers: Vec<String>,
    pub(super) noun_joiners: Vec<String>,
    pub(super) pointing: String,
    pub(super) documents: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Asks {
    pub(super) not_asking: NotAsking,
    pub(super) why: Ask,
    pub(super) when: Ask,
    pub(super) month: Ask,
    pub(super) day: Ask,
    pub(super) how_long: Ask,
    pub(super) who: Ask,
    pub(super) life: Ask,
    pub(super) work: Ask,
    pub(super) said: Ask,
    pub(super) post: Ask,
    pub(super) rank: Ask,
    pub(super) place: Ask,
    pub(super) author: Ask,
    pub(super) realised: Ask,
    pub(super) number: Ask,
    pub(super) how: Ask,
    pub(super) compare: Ask,
    pub(super) view: Ask,
    pub(super) lessons: Ask,
    pub(super) gist: Ask,
    pub(super) unable: Unable,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Ask {
    pub(super) cues: Vec<String>,
    pub(super) also: Vec<String>,
    #[serde(default)]
    pub(super) english: Vec<String>,
    /// Words that, in the same question as a cue, make it ask something else.
    #[serde(default)]
    pub(super) unless: Vec<String>,
    /// Words that ask who right after a title or role (`大使叫啥名字`).
    #[serde(default)]
    pub(super) after_title: Vec<String>,
    /// The nouns naming the kind of value asked (`城市` in `哪个城市`): what is asked, not what
    /// the question is about.
    #[serde(default)]
    pub(super) nouns: Vec<String>,
    /// The people a question word asking which one asks for when one of these follows it
    /// (`哪个官员`, `which vice premier`), besides the titles of `[passages] titles`.
    #[serde(default)]
    pub(super) roles: Vec<String>,
    #[serde(default)]
    pub(super) english_roles: Vec<String>,
    /// With one of `endings`, in the last clause, these ask whether something came to pass
    /// (`后来真的签下来了吗`).
    #[serde(default)]
    pub(super) adverbs: Vec<String>,
    #[serde(default)]
    pub(super) endings: Vec<String>,
    /// English asking what came of something, in any question (`whatever happened with`).
    #[serde(default)]
    pub(super) english_outcome: Vec<String>,
    /// What, right after `第几`, makes it ask which one, not a rank (`第几条`, `第几轮`).
    #[serde(default)]
    pub(super) not_after: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NotAsking {
    pub(super) phrases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Unable {
    pub(super) cues: Vec<String>,
    pub(super) also: Vec<String>,
    pub(super) complements: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Time {
    pub(super) future: Vec<String>,
    pub(super) not_future: Vec<String>,
    pub(super) present: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SmallTalk {
    pub(super) phrases: Vec<String>,
    pub(super) longest_chinese: usize,
    pub(super) longest_english: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Parts {
    pub(super) preface: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Passages {
    pub(super) reason: Vec<String>,
    pub(super) obstacle: Vec<String>,
    pub(super) steps: Vec<String>,
    pub(super) contrast: Vec<String>,
    pub(super) not_contrast: Vec<String>,
    pub(super) titles: Vec<String>,
    pub(super) speech: Vec<String>,
    pub(super) places: Vec<String>,
    pub(super) ranks: Vec<String>,
    pub(super) not_places: Vec<String>,
    pub(super) settings: Vec<String>,
    pub(super) after_title: String,
    pub(super) figure_units: Vec<String>,
    pub(super) life: Vec<String>,
    pub(super) forecast: Vec<String>,
    pub(super) then: Vec<String>,
    pub(super) duration_units: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct English {
    pub(super) function_words: Vec<String>,
    pub(super) question_only: Vec<String>,
    pub(super) particles: Vec<String>,
    pub(super) clause_openers: Vec<String>,
    pub(super) phrase_ends: Vec<String>,
    pub(super) yes_no_openers: Vec<String>,
    pub(super) suffixes: Vec<(String, String)>,
    pub(super) kept_doubles: String,
    pub(super) contractions: Vec<(String, String)>,
    pub(super) irregular: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Cedict {
    pub(super) skipped_definitions: Vec<String>,
    pub(super) stripped_prefixes: Vec<String>,
    pub(super) sized: Vec<String>,
}
