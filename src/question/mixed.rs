//! English words in a Chinese question (`Paris协定是哪年签的`, `这个deal谈了多久`): a word the
//! corpus never writes is read as the Chinese an English question would render it by, so the
//! question asks what its asker meant rather than about a word the documents lack.

use std::ops::Range;

use super::translate::Translator;
use crate::search::SearchIndex;

/// The runs of two or more Latin letters in a text (`Paris`, `cross-border`), with where they
/// stand; digits and letters mixed (`G20`, `S&ED`) are names the corpus writes so.
fn latin_words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let is_part = |c: char| c.is_ascii_alphabetic() || c == '-' || c == '\'';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_part(c)) {
            (None, true) if c.is_ascii_alphabetic() => start = Some(i),
            (Some(s), false) => {
                let touches_digit =
                    |at: Option<char>| at.is_some_and(|c| c.is_ascii_digit() || c == '&');
                let word = text[s..i].trim_end_matches(['-', '\'']);
                if word.len() >= 2
                    && !touches_digit(text[..s].chars().next_back())
                    && !touches_digit(text[i..].chars().next())
                {
                    out.push((s..s + word.len(), word));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether a Chinese question holds a Latin word the corpus never writes: only then is the
/// translator needed to read it.
pub fn has_unknown_latin(text: &str, index: &SearchIndex) -> bool {
    latin_words(text)
        .iter()
        .any(|(_, word)| !index.knows_word(&word.to_lowercase()))
}

/// The question with each Latin word the corpus never writes replaced by the Chinese its
/// English rendering chose first (`Paris` → 巴黎); a word without one stays as written.
/// `None` when nothing was replaced.
pub(super) fn rendered(
    text: &str,
    index: &SearchIndex,
    render: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut replaced = false;
    for (range, word) in latin_words(text) {
        if index.knows_word(&word.to_lowercase()) {
            continue;
        }
        if let Some(chinese) = render(word) {
            out.push_str(&text[at..range.start]);
            out.push_str(&chinese);
            at = range.end;
            replaced = true;
        }
    }
    out.push_str(&text[at..]);
    replaced.then_some(out)
}

/// What a translator renders one English word or phrase by first, of the words the corpus
/// uses (`known`).
pub(super) fn first_rendering(
    translator: &Translator,
    word: &str,
    known: impl Fn(&str) -> u64,
    rare: u64,
) -> Option<String> {
    let translation = translator.translate(word, known, rare);
    if !translation.missing.is_empty() {
        return None;
    }
    let chinese: Vec<&str> = translation
        .renderings
        .iter()
        .filter_map(|r| r.chinese.first().map(String::as_str))
        .collect();
    (!chinese.is_empty()).then(|| chinese.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_are_runs_of_letters_apart_from_digits() {
        let words: Vec<&str> = latin_words("Paris协定和G20、S&ED，还有cross-border的deal")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["Paris", "cross-border", "deal"]);
    }
}
