//! What a value asked for is of. In Chinese the nouns right before the question word
//! (`美联储主席是谁`) are read while jieba tags the question (`Analyzer::read_question`); in
//! English it is the noun phrase a question word opens (`who was the Fed chairman during…`,
//! `how many electoral votes did…`), given as the Chinese it was rendered by.

use super::lexicon::{english_words, lexicon};
use super::translate::Rendering;

/// The words that, after `who`, `what` or `which`, make it ask what something is.
const COPULAS: [&str; 4] = ["was", "is", "were", "are"];

/// The words that, after `what`, make it ask what someone did or said.
const DOES: [&str; 3] = ["did", "does", "do"];

/// The adjectives after `how` that, with a copula or a form of `do` after them, ask the size
/// of what follows (`how big was the bailout`, `how high did unemployment get`).
const HOW_ADJECTIVES: [&str; 6] = ["big", "high", "large", "low", "bad", "severe"];

/// The longest noun phrase read.
const MAX_WORDS: usize = 4;

/// What an English question asks a value of, in the Chinese its words were rendered by.
#[derive(Debug, Default, PartialEq)]
pub(super) struct EnglishAsked {
    /// Whose value it is (`美联储` in `who was the Fed chairman`).
    pub whose: Vec<String>,
    /// What names the value (`主席`).
    pub value: Vec<String>,
}

/// Whose value it is alone, for the tests.
#[cfg(test)]
fn english_asked_of(original: &str, understood: &[Rendering]) -> Vec<String> {
    english_asked(original, understood).whose
}

/// The Chinese of the noun phrase an English question asks a value of: after `who was`,
/// `what is`, `what did`, `which were`, `how many`, `how much` or `how big was` (an article
/// skipped), up to the first function word. Its last word names the value (`chairman`); the others, or that one alone,
/// say whose it is (`Fed`). Empty when the question opens none.
pub(super) fn english_asked(original: &str, understood: &[Rendering]) -> EnglishAsked {
    let lexicon = lexicon();
    let lowered = original.to_lowercase();
    let words: Vec<String> = english_words(&lowered)
        .into_iter()
        .map(|w| lexicon.uncontracted(w).to_lowercase())
        .collect();
    let opens = |i: usize| {
        let next = words.get(i + 1).map(String::as_str);
        match words[i].as_str() {
            "who" | "which" => next.is_some_and(|n| COPULAS.contains(&n)),
            // `what did the EU commissioner say`: whose words are asked.
            "what" => next.is_some_and(|n| COPULAS.contains(&n) || DOES.contains(&n)),
            "how" => {
                matches!(next, Some("many" | "much"))
                    || (next.is_some_and(|n| HOW_ADJECTIVES.contains(&n))
                        && words.get(i + 2).is_some_and(|a| {
                            COPULAS.contains(&a.as_str()) || DOES.contains(&a.as_str())
                        }))
            }
            _ => false,
        }
    };
    let Some(cue) = (0..words.len()).find(|&i| opens(i)) else {
        return EnglishAsked::default();
    };
    // `how big was`: past the auxiliary too.
    let sized = words[cue] == "how" && HOW_ADJECTIVES.contains(&words[cue + 1].as_str());
    let mut start = cue + 2 + usize::from(sized);
    while words
        .get(start)
        .is_some_and(|w| ["the", "a", "an"].contains(&w.as_str()))
    {
        start += 1;
    }
    let phrase: Vec<&str> = words[start.min(words.len())..]
        .iter()
        .map(String::as_str)
        .take_while(|w| !lexicon.ends_english_phrase(w))
        .take(MAX_WORDS)
        .collect();
    // The last word names the value (`chairman`); those before it say whose it is.
    let (value, whose) = match phrase.split_last() {
        Some((last, whose)) if !whose.is_empty() => (vec![*last], whose),
        Some((last, _)) => (vec![*last], &phrase[..]),
        None => (Vec::new(), &phrase[..]),
    };
    EnglishAsked {
        whose: rendered(whose, understood),
        value: rendered(&value, understood),
    }
}

/// The Chinese of the renderings holding one of some English words, each once.
fn rendered(english: &[&str], understood: &[Rendering]) -> Vec<String> {
    let mut chinese: Vec<String> = Vec::new();
    for rendering in understood {
        let lowered = rendering.english.to_lowercase();
        if english_words(&lowered).iter().any(|w| english.contains(w)) {
            for word in &rendering.chinese {
                let word = word.to_lowercase();
                if !chinese.contains(&word) {
                    chinese.push(word);
                }
            }
        }
    }
    chinese
}

/// The English noun after `what` or `which` that names the kind of value asked for, one of
/// those `is_kind` takes (`premier` in `which Chinese vice premier led…`, `tariff` in `what
/// average tariff on…`, `price` in `what's the current carbon price`): within three words of
/// it, none of them a function word; after `what is` or `which was`, the phrase's last word
/// (`what was Moscow's official reaction` asks a reaction, not an official).
/// A plural (`tariffs`) is taken only when `plural` says so: `what tariffs` asks which ones,
/// `which officials` asks who as `which official` does.
pub(super) fn which_noun(
    original: &str,
    plural: bool,
    is_kind: impl Fn(&str) -> bool,
) -> Option<String> {
    let lexicon = lexicon();
    // Each word lowercased, and whether it was written with a capital (a name).
    let written: Vec<(String, bool)> = english_words(original)
        .into_iter()
        .flat_map(|w| {
            let capital = w.starts_with(char::is_uppercase);
            lexicon
                .uncontracted(w)
                .to_lowercase()
                .split(' ')
                .map(|w| (w.to_string(), capital))
                .collect::<Vec<_>>()
        })
        .collect();
    let words: Vec<String> = written.iter().map(|(w, _)| w.clone()).collect();
    let kind = |w: &str| is_kind(w) || (plural && w.strip_suffix('s').is_some_and(&is_kind));
    (0..words.len()).find_map(|i| {
        if !matches!(words[i].as_str(), "what" | "which") {
            return None;
        }
        let copula = words
            .get(i + 1)
            .is_some_and(|n| COPULAS.contains(&n.as_str()));
        let start = i + 1 + usize::from(copula);
        let phrase: Vec<usize> = (start.min(words.len())..words.len())
            .skip_while(|&k| ["the", "a", "an"].contains(&words[k].as_str()))
            .take_while(|&k| !lexicon.ends_english_phrase(&words[k]))
            .take(3)
            .collect();
        // After `what was`, the phrase's head: its last word, or one a name follows (`the
        // average tariff China agreed to`), not a word before another (`official reaction`).
        let head = |&&k: &&usize| {
            phrase.last() == Some(&k) || written.get(k + 1).is_some_and(|(_, capital)| *capital)
        };
        let found = if copula {
            phrase.iter().filter(head).find(|&&k| kind(&words[k]))
        } else {
            phrase.iter().find(|&&k| kind(&words[k]))
        };
        found.map(|&k| words[k].clone())
    })
}

/// The Chinese of the noun naming the measure an English question asks a figure of after
/// `what` or `which` (`what average tariff` → 关税, `[[measures]] english_nouns`): the passage
/// stating the figure holds it.
pub(super) fn english_measured(reading: &super::Reading) -> Vec<String> {
    let Some(measure) = (reading.intent.measure.as_deref()).and_then(|m| lexicon().measure(m))
    else {
        return Vec::new();
    };
    let nouns = &measure.english_nouns;
    match which_noun(&reading.original, false, |w| nouns.iter().any(|n| n == w)) {
        Some(noun) => rendered(&[noun.as_str()], &reading.understood),
        None => Vec::new(),
    }
}

/// The title or role a noun naming the value asked for ends with (`驻华大使` → `大使`), the
/// longest.
pub(super) fn asked_title(value_nouns: &[String]) -> Option<String> {
    let titles = &lexicon().titles;
    value_nouns.iter().find_map(|noun| {
        titles
            .iter()
            .filter(|title| noun.ends_with(title.as_str()))
            .max_by_key(|title| title.len())
            .cloned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendering(english: &str, chinese: &[&str]) -> Rendering {
        Rendering {
            english: english.into(),
            chinese: chinese.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn the_noun_phrase_a_question_word_opens_is_what_the_value_is_of() {
        let understood = [
            rendering("fed", &["美联储"]),
            rendering("chairman", &["主席"]),
            rendering("financial crisis", &["金融危机"]),
        ];
        assert_eq!(
            english_asked_of(
                "Who was the Fed chairman during the financial crisis?",
                &understood
            ),
            vec!["美联储"]
        );
        // The size asked of what comes after the verb: the bailout is the UK banks'.
        let bailout = [
            rendering("uk", &["英国"]),
            rendering("bank", &["银行"]),
            rendering("bailout", &["救助"]),
        ];
        assert_eq!(
            english_asked("How big was the UK's bank bailout in 2008?", &bailout),
            EnglishAsked {
                whose: vec!["英国".into(), "银行".into()],
                value: vec!["救助".into()],
            }
        );
        let votes = [rendering("votes", &["票"]), rendering("biden", &["拜登"])];
        assert_eq!(
            english_asked_of("How many votes did Biden win?", &votes),
            vec!["票"]
        );
        assert_eq!(
            english_asked(
                "Who was the Fed chairman during the financial crisis?",
                &understood
            )
            .value,
            vec!["主席"]
        );
        // What someone said is theirs.
        let commissioner = [
            rendering("eu", &["欧盟"]),
            rendering("commissioner", &["专员"]),
        ];
        assert_eq!(
            english_asked_of("what did the EU's climate commissioner say", &commissioner),
            vec!["欧盟"]
        );
        // A question about why or how asks no value of a noun.
        assert!(english_asked_of("Why did the Fed chairman resign?", &understood).is_empty());
    }

    #[test]
    fn the_noun_after_what_or_which_names_the_kind_asked_for() {
        let kinds = |w: &str| ["premier", "tariff", "price", "official"].contains(&w);
        for (question, noun) in [
            ("Which Chinese vice premier led the talks?", Some("premier")),
            ("which officials flew to Beijing", Some("officials")),
            ("What's the current carbon price in China?", Some("price")),
            ("what is the tariff on cars", Some("tariff")),
            (
                "what was the average tariff China agreed to?",
                Some("tariff"),
            ),
            // After `what was`, the phrase's last word: a reaction is asked.
            ("what was Moscow's official reaction", None),
            ("What did the premier say?", None),
        ] {
            assert_eq!(
                which_noun(question, true, kinds).as_deref(),
                noun,
                "{question}"
            );
        }
        // A plural taken only when asked: `what tariffs` asks which ones.
        assert_eq!(which_noun("what tariffs did they cut", false, kinds), None);
    }
}
