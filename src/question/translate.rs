//! English questions → Chinese search terms, with no model: a glossary of the corpus's names
//! and terms (`index/glossary.toml`) and CC-CEDICT read backwards (English definitions →
//! Chinese headwords). Phrases are matched before words ("climate change" → 气候变化), Latin
//! tokens such as WTO or G20 are kept as they are, and an ambiguous English word keeps only
//! the Chinese words the corpus actually uses, the more frequent first.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::lexicon::lexicon;

/// What can go wrong reading the dictionary or the glossary.
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("glossary {path}: {reason}")]
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

    /// The share of the question's meaningful words (Chinese kept as written counts as
    /// rendered) that found a rendering.
    pub fn rendered_share(&self) -> f32 {
        let rendered: usize = self
            .renderings
            .iter()
            .map(|r| r.english.split(' ').count())
            .sum::<usize>()
            + self.kept.len();
        let total = rendered + self.missing.len();
        if total == 0 {
            1.0
        } else {
            rendered as f32 / total as f32
        }
    }
}

/// English phrases → Chinese words.
pub struct Translator {
    glossary: HashMap<String, Vec<String>>,
    /// CC-CEDICT's English phrases, all in one string, so that 400,000 phrases cost a few
    /// megabytes rather than one allocation each.
    arena: String,
    /// (offset and length of a phrase in `arena`, headword), sorted by phrase.
    phrases: Vec<(u32, u16, u32)>,
    headwords: Vec<Box<str>>,
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
    /// Reads the glossary and the gzipped CC-CEDICT file.
    pub fn load(glossary: &Path, dictionary: &Path) -> Result<Translator, TranslateError> {
        let mut translator = Translator {
            glossary: read_glossary(glossary)?,
            arena: String::new(),
            phrases: Vec::new(),
            headwords: Vec::new(),
            longest: 1,
        };
        let text = read_gzip(dictionary)?;
        let mut ids: HashMap<&str, u32> = HashMap::new();
        for line in text.lines() {
            let Some((simplified, definitions)) = parse_entry(line) else {
                continue;
            };
            let id = *ids.entry(simplified).or_insert_with(|| {
                translator.headwords.push(simplified.into());
                (translator.headwords.len() - 1) as u32
            });
            for phrase in english_phrases(definitions) {
                translator.longest = translator.longest.max(phrase.split(' ').count());
                let offset = translator.arena.len() as u32;
                translator.arena.push_str(&phrase);
                translator
                    .phrases
                    .push((offset, phrase.len().min(u16::MAX as usize) as u16, id));
            }
        }
        let arena = &translator.arena;
        let key = |&(offset, length, _): &(u32, u16, u32)| {
            &arena[offset as usize..offset as usize + length as usize]
        };
        translator
            .phrases
            .sort_by(|a, b| key(a).cmp(key(b)).then(a.2.cmp(&b.2)));
        translator
            .phrases
            .dedup_by(|a, b| key(a) == key(b) && a.2 == b.2);
        translator.phrases.shrink_to_fit();
        translator.arena.shrink_to_fit();
        for phrase in translator.glossary.keys() {
            translator.longest = translator.longest.max(phrase.split(' ').count());
        }
        translator.longest = translator.longest.min(6);
        Ok(translator)
    }

    /// Renders a question written in English (Chinese written in it is kept) as Chinese
    /// words. `known` says how often the corpus uses a Chinese word (0 when never);
    /// translations the corpus never uses are dropped.
    pub fn translate(&self, question: &str, known: impl Fn(&str) -> u64) -> Translation {
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
        self.render_latin(&latin, &known, &mut translation);
        translation
    }

    fn render_latin(
        &self,
        question: &str,
        known: &impl Fn(&str) -> u64,
        translation: &mut Translation,
    ) {
        // A hyphenated word nothing knows whole (`US-China`) is read as its parts.
        let raw: Vec<&str> = question
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                if w.contains('-') && self.lookup(&w.to_lowercase(), known).is_none() {
                    w.split('-').filter(|p| !p.is_empty()).collect()
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
                // `according to`, `how much`: words that only shape the question.
                if words[i..i + length]
                    .iter()
                    .all(|w| lexicon().is_english_skipped(w))
                {
                    if length == 1 {
                        break;
                    }
                    continue;
                }
                if let Some(chinese) = self.lookup(&phrase, known) {
                    matched = Some((length, phrase, chinese));
                    break;
                }
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
                    let word = raw[i];
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

    fn lookup(&self, phrase: &str, known: &impl Fn(&str) -> u64) -> Option<Vec<String>> {
        if let Some(chinese) = self.glossary.get(phrase) {
            return Some(chinese.clone());
        }
        for form in word_forms(phrase) {
            if let Some(chinese) = self.glossary.get(&form) {
                return Some(chinese.clone());
            }
            let ids = self.headwords_of(&form);
            if ids.is_empty() {
                continue;
            }
            let mut used: Vec<(u64, &str)> = ids
                .iter()
                .map(|&id| &*self.headwords[id as usize])
                .map(|word| (known(word), word))
                .filter(|(count, word)| *count > 0 && word.chars().count() >= 2)
                .collect();
            if used.is_empty() {
                continue;
            }
            used.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            return Some(
                used.into_iter()
                    .take(3)
                    .map(|(_, w)| w.to_string())
                    .collect(),
            );
        }
        None
    }
}

impl Translator {
    /// Every Chinese headword of two characters or more that the glossary or the dictionary
    /// gives for an English phrase or one of its forms, whether the corpus uses it or not.
    pub fn senses(&self, phrase: &str) -> Vec<String> {
        let phrase = normalize_phrase(phrase);
        let mut out: Vec<String> = Vec::new();
        for form in word_forms(&phrase) {
            let glossary = self.glossary.get(&form).into_iter().flatten().cloned();
            let dictionary = self
                .headwords_of(&form)
                .into_iter()
                .map(|id| self.headwords[id as usize].to_string());
            for word in glossary.chain(dictionary) {
                if word.chars().count() >= 2 && !out.contains(&word) {
                    out.push(word);
                }
            }
        }
        out
    }

    fn phrase(&self, entry: &(u32, u16, u32)) -> &str {
        &self.arena[entry.0 as usize..entry.0 as usize + entry.1 as usize]
    }

    /// The headwords whose definitions hold exactly this phrase.
    fn headwords_of(&self, phrase: &str) -> Vec<u32> {
        let start = self.phrases.partition_point(|e| self.phrase(e) < phrase);
        self.phrases[start..]
            .iter()
            .take_while(|e| self.phrase(e) == phrase)
            .map(|e| e.2)
            .collect()
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

/// The words an English word may be an inflection of, likeliest first; none for short words.
fn bases(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |stem: String| {
        if stem.len() >= 3 && stem != word && !out.contains(&stem) {
            out.push(stem);
        }
    };
    // `bigger` → `big`, `stopped` → `stop`, `running` → `run`.
    let lexicon = lexicon();
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

fn read_gzip(path: &Path) -> Result<String, TranslateError> {
    let unreadable = |reason: String| TranslateError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| unreadable(e.to_string()))?;
    Ok(text)
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

fn normalize_phrase(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A CC-CEDICT line: `traditional simplified [pinyin] /definition/definition/`.
fn parse_entry(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end_matches('\r');
    if line.starts_with('#') {
        return None;
    }
    let (words, rest) = line.split_once(" [")?;
    let (_, simplified) = words.split_once(' ')?;
    let (_, definitions) = rest.split_once("] ")?;
    Some((simplified, definitions.trim_matches('/')))
}

/// The English phrases of an entry's definitions: parentheses, "to ", "fig." and the like
/// removed, split at commas and semicolons, at most six words each.
fn english_phrases(definitions: &str) -> Vec<String> {
    let mut phrases = Vec::new();
    for definition in definitions.split('/') {
        let lowered = definition.to_lowercase();
        if lexicon()
            .cedict_skipped_definitions
            .iter()
            .any(|p| lowered.starts_with(p.as_str()))
        {
            continue;
        }
        let mut cleaned = String::new();
        let mut depth = 0;
        for c in lowered.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ if depth == 0 => cleaned.push(c),
                _ => {}
            }
        }
        for piece in cleaned.split([',', ';']) {
            let piece = lexicon()
                .cedict_stripped_prefixes
                .iter()
                .fold(piece.trim(), |piece, prefix| {
                    piece.trim_start_matches(prefix.as_str())
                });
            let phrase = normalize_phrase(piece);
            let count = phrase.split(' ').count();
            if !phrase.is_empty() && count <= 6 {
                phrases.push(phrase);
            }
        }
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_give_their_english_phrases() {
        let (simplified, definitions) =
            parse_entry("鄧小平 邓小平 [Deng4 Xiao3 ping2] /Deng Xiaoping (1904-1997), Chinese communist leader/\r").unwrap();
        assert_eq!(simplified, "邓小平");
        let phrases = english_phrases(definitions);
        assert!(
            phrases.contains(&"deng xiaoping".to_string()),
            "{phrases:?}"
        );
        let phrases = english_phrases("to negotiate/negotiation/talks/CL:個|个[ge4]");
        assert_eq!(phrases, vec!["negotiate", "negotiation", "talks"]);
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
