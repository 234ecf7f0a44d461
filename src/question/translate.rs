//! English questions → Chinese search terms, with no model: a glossary of the corpus's names
//! and terms (`index/glossary.toml`) and CC-CEDICT read backwards (English definitions →
//! Chinese headwords). Phrases are matched before words ("climate change" → 气候变化), Latin
//! tokens such as WTO or G20 are kept as they are, and an ambiguous English word keeps only
//! the Chinese words the corpus actually uses, the more frequent first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::cedict::Cedict;
use super::lexicon::lexicon;

/// What can go wrong reading the dictionary or the glossary.
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    #[error("cannot read {}: {reason}", crate::text::shown_path(path))]
    Unreadable { path: PathBuf, reason: String },
    #[error("glossary {}: {reason}", crate::text::shown_path(path))]
    Glossary { path: PathBuf, reason: String },
}

/// One piece of an English question and what it became.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rendering {
    pub english: String,
    pub chinese: Vec<String>,
}

/// A question rendered in Chinese.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translation {
    /// The English phrases and their Chinese words.
    pub renderings: Vec<Rendering>,
    /// Chinese written in the question itself, kept as it is.
    pub kept: Vec<String>,
    /// English words that carry meaning but found no Chinese word the corpus uses.
    pub missing: Vec<String>,
}

impl Translation {
    /// The Chinese text to search for.
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = self.kept.clone();
        parts.extend(
            self.renderings
                .iter()
                .flat_map(|r| r.chinese.iter().cloned()),
        );
        parts.join(" ")
    }

    /// How many English words rendered (Chinese kept as written counts as rendered).
    pub fn rendered(&self) -> usize {
        self.renderings
            .iter()
            .map(|r| r.english.split(' ').count())
            .sum::<usize>()
            + self.kept.len()
    }

    /// How many meaningful words the question has: rendered or not.
    pub fn meaningful(&self) -> usize {
        self.rendered() + self.missing.len()
    }

    /// The share of the question's meaningful words that found a rendering.
    pub fn rendered_share(&self) -> f32 {
        match self.meaningful() {
            0 => 1.0,
            total => self.rendered() as f32 / total as f32,
        }
    }
}

/// English phrases → Chinese words.
pub struct Translator {
    glossary: HashMap<String, Vec<String>>,
    /// Every word of the glossary's English phrases, sorted.
    glossary_words: Vec<String>,
    /// CC-CEDICT, compiled and mapped.
    cedict: Cedict,
    longest: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default)]
    terms: Vec<GlossaryTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryTerm {
    en: Vec<String>,
    zh: Vec<String>,
}

impl Translator {
    /// Reads the glossary, and CC-CEDICT from its compiled form at `compiled` (compiling the
    /// gzipped `dictionary` there first when that is missing or was made from another).
    pub fn load(
        glossary: &Path,
        dictionary: &Path,
        compiled: &Path,
    ) -> Result<Translator, TranslateError> {
        let glossary = read_glossary(glossary)?;
        let cedict = Cedict::open(dictionary, compiled)?;
        let mut glossary_words: Vec<String> = glossary
            .keys()
            .flat_map(|phrase| phrase.split(' '))
            .map(str::to_string)
            .collect();
        glossary_words.sort_unstable();
        glossary_words.dedup();
        let longest = glossary
            .keys()
            .map(|phrase| phrase.split(' ').count())
            .chain([cedict.longest()])
            .max()
            .unwrap_or(1)
            .min(6);
        Ok(Translator {
            glossary,
            glossary_words,
            cedict,
            longest,
        })
    }

    /// Renders a question written in English (Chinese written in it is kept) as Chinese
    /// words. `known` says how often the corpus uses a Chinese word (0 when never);
    /// translations the corpus never uses are dropped. A one-character translation (`sleep` →
    /// 睡) is taken only for a word with no longer one the corpus uses, and only when the
    /// corpus uses it in at most `rare` passages: a common character (`go` → 去) stands in
    /// too many words to mean the question's.
    pub fn translate(&self, question: &str, known: impl Fn(&str) -> u64, rare: u64) -> Translation {
        let mut translation = Translation::default();
        let mut latin = String::new();
        let mut chinese = String::new();
        for c in question.chars() {
            if crate::text::is_cjk(c) {
                chinese.push(c);
                latin.push(' ');
            } else {
                if !chinese.is_empty() {
                    translation.kept.push(std::mem::take(&mut chinese));
                }
                latin.push(c);
            }
        }
        if !chinese.is_empty() {
            translation.kept.push(chinese);
        }
        self.render_latin(&latin, &known, rare, &mut translation);
        translation
    }

    fn render_latin(
        &self,
        question: &str,
        known: &impl Fn(&str) -> u64,
        rare: u64,
        translation: &mut Translation,
    ) {
        // A contraction is read as its words (`couldn't` → `could not`), a hyphenated word
        // nothing knows whole (`US-China`) as its parts.
        let raw: Vec<String> = question
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map(|w| {
                // A decade (`'80s`, `1980's`) is no contraction.
                let decade = w.trim_matches('\'').replace("'s", "s");
                if decade_in_chinese(&decade.to_lowercase()).is_some() {
                    decade
                } else {
                    lexicon().uncontracted(w)
                }
            })
            .flat_map(|w| {
                w.split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .flat_map(|w| {
                // A hyphenated word the dictionary knows stays whole even when the corpus does
                // not use its Chinese (`secretary-general`): it is one thing the corpus lacks.
                let lowered = w.to_lowercase();
                if w.contains('-')
                    && self.lookup(&lowered, known, rare).is_none()
                    && self.senses(&lowered).is_empty()
                {
                    w.split('-')
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect()
                } else {
                    vec![w]
                }
            })
            .collect();
        let words: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
        let renderings = &mut translation.renderings;
        let mut i = 0;
        while i < words.len() {
            let mut matched = None;
            for length in (1..=self.longest.min(words.len() - i)).rev() {
                let phrase = words[i..i + length].join(" ");
                // `according to`, `how much`: words that only shape the question, unless the
                // glossary gives the phrase (`get over`, `make up with`).
                if words[i..i + length]
                    .iter()
                    .all(|w| lexicon().is_english_skipped(w))
                {
                    if length == 1 {
                        break;
                    }
                    if let Some(chinese) = self.glossary.get(&phrase) {
                        matched = Some((length, phrase, chinese.clone()));
                        break;
                    }
                    continue;
                }
                if let Some(chinese) = self.lookup(&phrase, known, rare) {
                    matched = Some((length, phrase, chinese));
                    break;
                }
            }
            // A decade (`1980s`, `2010s`) as the report writes it: 80年代, 21世纪10年代.
            if matched.is_none()
                && let Some(decade) = decade_in_chinese(&words[i])
            {
                matched = Some((1, words[i].clone(), vec![decade]));
            }
            match matched {
                Some((length, phrase, chinese)) => {
                    renderings.push(Rendering {
                        english: phrase,
                        chinese,
                    });
                    i += length;
                }
                None => {
                    // An acronym or a number the corpus writes in Latin letters stays as it is.
                    let word = raw[i].as_str();
                    let latin = word.chars().any(|c| c.is_ascii_digit())
                        || (word.len() >= 2
                            && word
                                .chars()
                                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
                    if latin && known(&words[i]) > 0 {
                        renderings.push(Rendering {
                            english: word.to_string(),
                            chinese: vec![word.to_string()],
                        });
                    } else if !lexicon().is_english_skipped(&words[i])
                        && !words[i].chars().all(|c| c.is_ascii_digit())
                    {
                        translation.missing.push(words[i].clone());
                    }
                    i += 1;
                }
            }
        }
    }

    fn lookup(&self, phrase: &str, known: &impl Fn(&str) -> u64, rare: u64) -> Option<Vec<String>> {
        if let Some(chinese) = self.glossary.get(phrase) {
            return Some(chinese.clone());
        }
        let forms = word_forms(phrase);
        for (i, form) in forms.iter().enumerate() {
            if let Some(chinese) = self.glossary.get(form) {
                return Some(chinese.clone());
            }
            // A plural's senses and its singular's, the corpus's likeliest first: a plural's
            // own entry may be a sense the corpus seldom uses (`leaders (of society)` →
            // 领导层, where the report writes 领导人).
            let singular = singular_of(form)
                .into_iter()
                .filter(|stem| forms[i + 1..].contains(stem))
                .find(|stem| !self.cedict.headwords_of(stem).is_empty());
            let used = likeliest(
                std::iter::once(form)
                    .chain(singular.as_ref())
                    .flat_map(|form| self.cedict.headwords_of(form))
                    .filter(|word| word.chars().count() >= 2)
                    .map(|word| (known(word), word))
                    .filter(|(count, _)| *count > 0)
                    .collect(),
            );
            if used.is_some() {
                return used;
            }
        }
        // No plain sense the corpus uses: one for a large or small kind of it (`ship` → 巨轮,
        // "large ship").
        let sized = likeliest(
            forms
                .iter()
                .flat_map(|form| {
                    lexicon()
                        .cedict_sized
                        .iter()
                        .flat_map(move |size| self.cedict.headwords_of(&format!("{size} {form}")))
                })
                .filter(|word| word.chars().count() >= 2)
                .map(|word| (known(word), word))
                .filter(|(count, _)| *count > 0)
                .collect(),
        );
        if sized.is_some() {
            return sized;
        }
        // No longer translation the corpus uses: a one-character one it uses rarely.
        likeliest(
            forms
                .iter()
                .flat_map(|form| self.cedict.headwords_of(form))
                .filter(|word| word.chars().count() == 1)
                .map(|word| (known(word), word))
                .filter(|(count, _)| (1..=rare).contains(count))
                .collect(),
        )
    }
}

/// Of Chinese words with their counts in the corpus, the `SENSES_KEPT` it uses most, each once
/// (equal counts in the order of the words); none when there are none.
fn likeliest(mut used: Vec<(u64, &str)>) -> Option<Vec<String>> {
    used.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    used.dedup_by(|a, b| a.1 == b.1);
    (!used.is_empty()).then(|| {
        used.into_iter()
            .take(SENSES_KEPT)
            .map(|(_, w)| w.to_string())
            .collect()
    })
}

impl Translator {
    /// Whether the glossary (the corpus's names and terms) has an English phrase.
    pub fn in_glossary(&self, phrase: &str) -> bool {
        self.glossary.contains_key(&normalize_phrase(phrase))
    }

    /// Whether an English word, or a word it may be an inflection of, is a word of the
    /// dictionary's definitions or of the glossary: a word no dictionary knows (a brand, a
    /// name, jargon) is likely what a question is about.
    pub fn knows_english(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        std::iter::once(word.clone())
            .chain(bases(&word))
            .any(|form| {
                self.cedict.knows_word(&form) || self.glossary_words.binary_search(&form).is_ok()
            })
    }

    /// Every Chinese headword of two characters or more that the glossary or the dictionary
    /// gives for an English phrase or one of its forms, whether the corpus uses it or not.
    pub fn senses(&self, phrase: &str) -> Vec<String> {
        let phrase = normalize_phrase(phrase);
        let mut out: Vec<String> = Vec::new();
        for form in word_forms(&phrase) {
            let glossary = self.glossary.get(&form).into_iter().flatten().cloned();
            let dictionary = self
                .cedict
                .headwords_of(&form)
                .into_iter()
                .map(str::to_string);
            for word in glossary.chain(dictionary) {
                if word.chars().count() >= 2 && !out.contains(&word) {
                    out.push(word);
                }
            }
        }
        out
    }
}

/// How many of a word's senses the corpus uses are kept, the most frequent, for the question's
/// other words to choose from. Four rather than three: on twenty-two sets six English answers
/// up (`start` may be 启动, the FT's word for the BIT talks), three down one rank; five lost one.
pub const SENSES_KEPT: usize = 4;

/// A decade written in English (`1980s`, `80s`, `eighties`; `'80s` and `1980's` read as
/// `80s` and `1980s`) as the report writes it (`80年代`; `21世纪10年代` for this century's). Two
/// digits alone are of the last century, from the thirties on: `10s` and `20s` are as often
/// tens and twenties of something else.
fn decade_in_chinese(word: &str) -> Option<String> {
    const NAMED: [&str; 7] = [
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    if let Some(i) = NAMED.iter().position(|n| *n == word) {
        return Some(format!("{}0年代", i + 3));
    }
    let digits = word.strip_suffix('s')?;
    if !digits.ends_with('0') || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (century, tens) = match digits.len() {
        4 => (&digits[..2], &digits[2..]),
        2 if digits >= "30" => ("19", digits),
        _ => return None,
    };
    match century {
        "19" => Some(format!("{tens}年代")),
        "20" => Some(format!("21世纪{tens}年代")),
        _ => None,
    }
}

/// The phrase and the forms it may come from: for its last word (`trade negotiations`), and
/// for the verb of a two-word phrasal verb (`teaming up` → `team up`), the base of a plural, a
/// tense, a comparative or an adverb (`purely` → `pure`, `bigger` → `big`).
fn word_forms(phrase: &str) -> Vec<String> {
    let words: Vec<&str> = phrase.split(' ').collect();
    let mut forms = vec![phrase.to_string()];
    let mut with = |position: usize, base: String| {
        let mut changed = words.clone();
        changed[position] = &base;
        let form = changed.join(" ");
        if !forms.contains(&form) {
            forms.push(form);
        }
    };
    let last = words.len() - 1;
    for base in bases(words[last]) {
        with(last, base);
    }
    if words.len() == 2 && lexicon().is_english_particle(words[1]) {
        for base in bases(words[0]) {
            with(0, base);
        }
    }
    forms
}

/// The singulars a plural (or a phrase ending in one) may have, likeliest first: `leaders` →
/// `leader`, `taxes` → `tax`, `policies` → `policy`; none for a word not ending in `s`.
fn singular_of(plural: &str) -> Vec<String> {
    let Some(stem) = plural.strip_suffix('s') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if ["ses", "xes", "zes", "ches", "shes"]
        .iter()
        .any(|ending| plural.ends_with(ending))
    {
        out.push(plural[..plural.len() - 2].to_string());
    }
    out.push(stem.to_string());
    if let Some(root) = plural.strip_suffix("ies") {
        out.push(format!("{root}y"));
    }
    out
}

/// The words an English word may be an inflection of, likeliest first; none for short words.
fn bases(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |stem: String| {
        if stem.len() >= 3 && stem != word && !out.contains(&stem) {
            out.push(stem);
        }
    };
    // `bigger` → `big`, `stopped` → `stop`, `running` → `run`, `took` → `take`.
    let lexicon = lexicon();
    for (form, base) in &lexicon.english_irregular {
        if form == word {
            push(base.clone());
        }
    }
    let undouble = |stem: &str| -> Option<String> {
        let mut chars = stem.chars().rev();
        let (a, b) = (chars.next()?, chars.next()?);
        (a == b && !lexicon.kept_doubles.contains(&a)).then(|| stem[..stem.len() - 1].to_string())
    };
    for (suffix, replacement) in &lexicon.english_suffixes {
        if let Some(stem) = word.strip_suffix(suffix.as_str()) {
            if let Some(single) = undouble(stem) {
                push(single);
            }
            push(format!("{stem}{replacement}"));
        }
    }
    out
}

fn read_glossary(path: &Path) -> Result<HashMap<String, Vec<String>>, TranslateError> {
    let text = std::fs::read_to_string(path).map_err(|e| TranslateError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let file: GlossaryFile = toml::from_str(&text).map_err(|e| TranslateError::Glossary {
        path: path.to_path_buf(),
        reason: e.message().to_string(),
    })?;
    let mut glossary = HashMap::new();
    for term in file.terms {
        for english in term.en {
            glossary.insert(normalize_phrase(&english), term.zh.clone());
        }
    }
    Ok(glossary)
}

pub(super) fn normalize_phrase(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_are_written_as_the_report_writes_them() {
        assert_eq!(decade_in_chinese("1980s").as_deref(), Some("80年代"));
        assert_eq!(decade_in_chinese("2010s").as_deref(), Some("21世纪10年代"));
        assert_eq!(decade_in_chinese("80s").as_deref(), Some("80年代"));
        assert_eq!(decade_in_chinese("eighties").as_deref(), Some("80年代"));
        assert_eq!(decade_in_chinese("10s"), None, "tens of something");
        assert_eq!(decade_in_chinese("1985s"), None);
        assert_eq!(decade_in_chinese("85s"), None);
        assert_eq!(decade_in_chinese("0s"), None);
        assert_eq!(decade_in_chinese("years"), None);
    }

    #[test]
    fn plurals_and_tenses_find_their_base_word() {
        let forms = word_forms("trade negotiations");
        assert!(
            forms.contains(&"trade negotiation".to_string()),
            "{forms:?}"
        );
        assert!(word_forms("joined").contains(&"join".to_string()));
        assert!(word_forms("taxes").contains(&"tax".to_string()));
        assert!(word_forms("crises").contains(&"crisis".to_string()));
        assert_eq!(singular_of("taxes"), ["tax", "taxe"]);
        assert_eq!(singular_of("notes"), ["note"]);
        assert_eq!(singular_of("policies"), ["policie", "policy"]);
        assert!(singular_of("leader").is_empty());
    }

    #[test]
    fn adverbs_comparatives_and_phrasal_verbs_find_their_base_word() {
        for (word, base) in [
            ("purely", "pure"),
            ("bigger", "big"),
            ("stopped", "stop"),
            ("teaming up", "team up"),
            ("pulling out", "pull out"),
        ] {
            let forms = word_forms(word);
            assert!(forms.contains(&base.to_string()), "{word}: {forms:?}");
        }
        assert_eq!(word_forms("is"), vec!["is"], "short words have no base");
    }
}
