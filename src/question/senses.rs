//! An English word's Chinese senses, chosen by the corpus: which of them it uses beside the
//! question's other words, and how often it uses a word at all.

use super::Aids;
use super::translate::Rendering;

/// Of an English word's translations, keeps those the corpus uses in one passage with the
/// question's other informative words (those in fewer than a quarter of the passages), the
/// most often together first: a sense the corpus never uses beside the question's other words
/// is another sense than the question's. When none is used so, all stay.
pub(super) fn choose_senses(renderings: &mut [Rendering], aids: Aids) {
    let common = (aids.index.len() / 4).max(1);
    // Each sense as the index holds it (jieba's words of it), cut once; and each rendering's
    // informative words.
    let senses: Vec<Vec<Vec<String>>> = renderings
        .iter()
        .map(|r| {
            r.chinese
                .iter()
                .map(|c| aids.analyzer.words(c).into_iter().map(|t| t.text).collect())
                .collect()
        })
        .collect();
    let informative: Vec<Vec<&String>> = senses
        .iter()
        .map(|words| {
            words
                .iter()
                .flatten()
                .filter(|w| aids.index.doc_freq(w) < common)
                .collect()
        })
        .collect();
    for i in 0..renderings.len() {
        if renderings[i].chinese.len() < 2 {
            continue;
        }
        let others: Vec<String> = informative
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, words)| words.iter().map(|w| (*w).clone()))
            .collect();
        let mut counted: Vec<(u64, String)> = renderings[i]
            .chinese
            .iter()
            .zip(&senses[i])
            .map(|(c, words)| (aids.index.count_together(words, &others), c.clone()))
            .collect();
        if counted.iter().any(|(n, _)| *n > 0) {
            // Stable: equal counts keep the frequency order the translator gave.
            counted.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
            counted.retain(|(n, _)| *n > 0);
        }
        renderings[i].chinese = counted
            .into_iter()
            .take(super::translate::SENSES_KEPT)
            .map(|(_, c)| c)
            .collect();
    }
}

/// How many passages use a word, for a word the analyzer may split: the rarest of its parts.
pub(super) fn corpus_frequency(aids: Aids, word: &str) -> u64 {
    let direct = aids.index.doc_freq(&word.to_lowercase());
    if direct > 0 {
        return direct;
    }
    let parts = aids.analyzer.words(word);
    if parts.is_empty() {
        return 0;
    }
    parts
        .iter()
        .map(|p| aids.index.doc_freq(&p.text))
        .min()
        .unwrap_or(0)
}
