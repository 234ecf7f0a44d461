//! The text analyzers: jieba words (indexed, as a tantivy tokenizer, and for questions) and
//! character bigrams (for measuring how much of a question a sentence holds).
//!
//! An analyzer is made from a user dictionary and belongs to the snapshot it serves: the index
//! is cut with it and the questions put to that index are read with it. jieba's dictionary takes
//! about 0.1 s to load, so a reload makes a new analyzer only when the user dictionary changed.
//! It is shared behind an `Arc`: tantivy clones tokenizers for every segment writer and every
//! query, and a clone here costs one reference count.

use std::ops::Range;
use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

use super::dictionary::UserWord;
use crate::question::lexicon::lexicon;
use crate::text::is_cjk;

/// The name under which the word tokenizer is registered with tantivy.
pub(crate) const WORDS: &str = "luopan_words";

/// A token: its normalized text and its byte range in the analyzed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    pub range: Range<usize>,
}

/// A question cut once: its content words, and the byte ranges of its question words and
/// function words, which its bigrams leave out.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionTokens {
    pub words: Vec<Token>,
    pub skipped: Vec<Range<usize>>,
    /// The content word right after a question word (`恢复` in `是怎么恢复的`): what the
    /// question asks about that thing.
    pub focus: Option<String>,
    /// The nouns right before each question word asking a value (joined by `的`; linking words
    /// such as `是` or `到底` may stand between them and it), and not their last when there are
    /// more (`美联储` in `美联储主席是谁`; `票数` in
    /// `是哪天投票通过的，票数多少`): whose value is asked for.
    pub asked_of: Vec<String>,
    /// The last of those nouns before each such question word, which names the value asked
    /// for (`主席` in `美联储主席是谁`, `驻华大使` in `驻华大使叫啥名字`).
    pub value_nouns: Vec<String>,
    /// What each question word asking a figure counts (`美国国债` in `持有多少美国国债`) or,
    /// counting none, the last noun before it in its clause (`关税` in `关税降到了多少`).
    pub measured: Vec<String>,
    /// The nouns of each clause holding a question word asking a value (`中国`, `cptpp`
    /// in `中国正式递交加入CPTPP的申请是哪一年`), once each.
    pub clause_nouns: Vec<String>,
}

/// jieba with a user dictionary. Cheap to clone.
#[derive(Clone)]
pub struct Analyzer {
    jieba: Arc<Jieba>,
    /// The user dictionary's words: the domain's own terms, not general Chinese.
    domain: Arc<rustc_hash::FxHashSet<String>>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl Analyzer {
    /// jieba's dictionary with a user dictionary's words added.
    pub fn new(words: &[UserWord]) -> Analyzer {
        let mut jieba = Jieba::new();
        for word in words {
            jieba.add_word(&word.word, word.frequency, word.tag.as_deref());
        }
        Analyzer {
            jieba: Arc::new(jieba),
            domain: Arc::new(words.iter().map(|w| w.word.to_lowercase()).collect()),
        }
    }

    /// A question with a space where jieba's guess at a word it does not know took in a
    /// function word at its edge (`中美该` of `中美该把精力放在`, `陈东晓在` of `陈东晓在研究院`):
    /// the function word is none of the word.
    pub fn unglued<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let lexicon = lexicon();
        let glued = |c: char| lexicon.is_function_word(c.encode_utf8(&mut [0; 4]));
        // Where to set a space: after the first character or before the last of a guess.
        let mut cuts = Vec::new();
        for token in self.jieba.cut(text, true) {
            let word = token.word;
            let guessed = word.chars().count() >= 3
                && word.chars().all(crate::text::is_cjk)
                && !self.jieba.has_word(word);
            if guessed && word.ends_with(glued) {
                cuts.push(token.byte_end - word.chars().last().map_or(0, char::len_utf8));
            } else if guessed && word.starts_with(glued) {
                cuts.push(token.byte_start + word.chars().next().map_or(0, char::len_utf8));
            }
        }
        if cuts.is_empty() {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + cuts.len());
        let mut at = 0;
        for cut in cuts {
            out.push_str(&text[at..cut]);
            out.push(' ');
            at = cut;
        }
        out.push_str(&text[at..]);
        std::borrow::Cow::Owned(out)
    }

    /// jieba search-mode words (whole words plus the dictionary words inside long ones),
    /// lowercased, without punctuation or function words.
    pub fn words(&self, text: &str) -> Vec<Token> {
        let lexicon = lexicon();
        self.jieba
            .cut_for_search(text, true)
            .into_iter()
            .filter_map(|token| {
                let word = lowercase(token.word);
                if !word.chars().any(|c| c.is_alphanumeric()) || lexicon.is_function_word(&word) {
                    return None;
                }
                Some(Token {
                    text: word,
                    range: token.byte_start..token.byte_end,
                })
            })
            .collect()
    }

    /// A question's words without the words that only make it a question and without function
    /// words by their part of speech (`这么`, `跟`, `反而`: pronouns, prepositions,
    /// conjunctions, particles), which a colloquial question has many of; and the ranges of
    /// both kinds, for its bigrams. jieba tags the question once for both.
    pub fn read_question(&self, text: &str) -> QuestionTokens {
        let lexicon = lexicon();
        let mut function = Vec::new();
        let mut asking = Vec::new();
        let mut skipped = Vec::new();
        let mut focus = None;
        let mut after_question = false;
        // The nouns read since the last other word (`的` joins them), and whether a linking
        // word or a question word has come since the last of them.
        let mut nouns: Vec<String> = Vec::new();
        let mut gap = false;
        // Whether those nouns are a verb's object (`成为WTO成员是哪天`): the value is then of
        // what was done, not of them.
        let mut object = false;
        let mut after_verb = false;
        let mut asked_of = Vec::new();
        let mut value_nouns = Vec::new();
        let mut clauses = super::clauses::ValueClauses::default();
        let mut previous_question: Option<&str> = None;
        for tag in self.jieba.tag(text, true) {
            let range = tag.byte_start..tag.byte_end;
            let is_function = lexicon.is_function_tag(tag.tag);
            let is_question = lexicon.is_question_word(tag.word);
            let is_content = !is_function
                && !is_question
                && !lexicon.is_function_word(tag.word)
                && tag.word.chars().count() >= 2
                && tag.word.chars().any(char::is_alphanumeric);
            if after_question && is_content && focus.is_none() {
                focus = Some(lowercase(tag.word));
            }
            if is_question {
                after_question = true;
            } else if is_content {
                after_question = false;
            }
            let links = lexicon.links_value(tag.word);
            // jieba may cut a question word asking a value in two (`哪` `年` for `哪年`,
            // `什么` `时候`): a word of one or two characters after a question word asking
            // none, making one that asks, asks with it and is a piece of a question word as
            // the whole word's pieces are.
            let asks_itself = is_question && lexicon.asks_value(tag.word);
            let second_piece = !asks_itself
                && tag.word.chars().count() <= 2
                && previous_question.is_some_and(|q| {
                    !lexicon.asks_value(q)
                        && lexicon.opens_asking_value(&format!("{q}{}", tag.word))
                });
            let asks_value = asks_itself || second_piece;
            previous_question = is_question.then_some(tag.word);
            // A word pointing back (`这招`) is no noun naming whose value is asked.
            let nounlike = is_content
                && !links
                && !second_piece
                && is_nounlike_tag(tag.tag)
                && !lexicon.points_back(tag.word);
            clauses.read(&super::clauses::Seen {
                word: tag.word,
                tag: tag.tag,
                nounlike,
                noun: is_nounlike_tag(tag.tag) && !is_function && !is_question && !links,
                is_question,
                asks_value,
            });
            if asks_value {
                if !object {
                    if let Some(last) = nouns.last()
                        && !value_nouns.contains(last)
                    {
                        value_nouns.push(last.clone());
                    }
                    // The last noun names the value (`主席`); the corpus may call it
                    // otherwise. Those before it say whose it is.
                    if nouns.len() > 1 {
                        nouns.pop();
                    }
                    for noun in nouns.drain(..) {
                        if !asked_of.contains(&noun) {
                            asked_of.push(noun);
                        }
                    }
                }
                nouns.clear();
            } else if nounlike {
                if gap {
                    nouns.clear();
                    gap = false;
                }
                if nouns.is_empty() {
                    object = after_verb;
                }
                nouns.push(lowercase(tag.word));
            } else if lexicon.joins_nouns(tag.word) {
                // `美联储的主席`: one run of nouns.
            } else if links || (is_question && !nouns.is_empty()) {
                gap = true;
            } else {
                nouns.clear();
            }
            // A verb (not an adverb, a time word or a verbal noun), whatever its length.
            after_verb = tag.tag.starts_with('v') && tag.tag != "vn" && !links && !is_question;
            if is_function {
                function.push(range.clone());
            }
            if is_question || second_piece {
                asking.push(range.clone());
            }
            if is_function || is_question || second_piece || lexicon.is_function_word(tag.word) {
                skipped.push(range);
            }
        }
        let (measured, clause_nouns) = clauses.finish();
        // A question word's pieces (多长 and 长时间 in 多长时间) ask as it does.
        let inside_a_question_word = |t: &Token| {
            asking
                .iter()
                .any(|r| r.start <= t.range.start && t.range.end <= r.end)
        };
        let words = self
            .words(text)
            .into_iter()
            .filter(|t| !lexicon.is_question_word(&t.text))
            .filter(|t| !function.contains(&t.range))
            .filter(|t| !inside_a_question_word(t))
            .collect();
        QuestionTokens {
            words,
            skipped,
            focus,
            asked_of,
            value_nouns,
            measured,
            clause_nouns,
        }
    }

    /// jieba's part-of-speech tag of a word read alone (`n`, `nr`, `v`, `eng`; `x` when its
    /// dictionary does not know the word whole).
    pub fn tag_of(&self, word: &str) -> String {
        match self.jieba.tag(word, true).as_slice() {
            [only] if only.word == word => only.tag.to_string(),
            _ => "x".to_string(),
        }
    }

    /// How often jieba's general dictionary counts a word, out of `GENERAL_TOKENS`: how common it
    /// is in Chinese at large (0 for a word it does not know, and for a word of the user
    /// dictionary, whose frequency only tells jieba to keep it whole).
    pub fn general_frequency(&self, word: &str) -> u64 {
        if self.jieba.has_word(word) && !self.domain.contains(word) {
            self.jieba.suggest_freq(word).saturating_sub(1) as u64
        } else {
            0
        }
    }

    /// Whether jieba's dictionary knows a word (Latin words and numbers count as known): a
    /// Chinese word it lacks was guessed by its HMM from characters it could not place
    /// (`中美该`, `川普打`), and says less about a question than a word people write.
    pub fn knows_word(&self, word: &str) -> bool {
        word.is_ascii() || self.jieba.has_word(word)
    }
}

/// The words jieba's default dictionary counts in all, against which `general_frequency` is
/// a share: the sum of the frequencies of jieba-rs 0.11's `dict.txt` (the user dictionary's
/// words are not counted, as they have no general frequency). To be checked when jieba-rs is
/// upgraded.
pub const GENERAL_TOKENS: f64 = 60_101_964.0;

/// Lowercases, without the Unicode tables when there is nothing to lower (Chinese text).
pub(super) fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else if word.chars().any(char::is_uppercase) {
        word.to_lowercase()
    } else {
        word.to_string()
    }
}

/// Overlapping bigrams of each run of CJK characters (a lone character stands as itself) and
/// lowercased Latin or digit words.
pub fn grams(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_cjk(c) {
            let mut j = i;
            while j < chars.len() && is_cjk(chars[j].1) {
                j += 1;
            }
            let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
            if j - i == 1 {
                out.push(Token {
                    text: c.to_string(),
                    range: start..end_of(i + 1),
                });
            }
            for (k, &(start, _)) in chars.iter().enumerate().take(j.saturating_sub(1)).skip(i) {
                let range = start..end_of(k + 2);
                out.push(Token {
                    text: text[range.clone()].to_string(),
                    range,
                });
            }
            i = j;
        } else if c.is_alphanumeric() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_alphanumeric() && !is_cjk(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            out.push(Token {
                text: lowercase(&text[start..end]),
                range: start..end,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The jieba-words tokenizer, as tantivy sees it.
#[derive(Clone)]
pub(crate) struct WordTokenizer(pub Analyzer);

/// A token stream over tokens computed up front.
pub(crate) struct Tokens {
    tokens: Vec<TantivyToken>,
    next: usize,
}

impl Tokens {
    fn new(terms: Vec<Token>) -> Tokens {
        let tokens = terms
            .into_iter()
            .enumerate()
            .map(|(position, term)| TantivyToken {
                offset_from: term.range.start,
                offset_to: term.range.end,
                position,
                text: term.text,
                position_length: 1,
            })
            .collect();
        Tokens { tokens, next: 0 }
    }
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &TantivyToken {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens::new(self.0.words(text))
    }
}

/// Whether a jieba tag is a noun's, a name's, a verbal noun's, an abbreviation's (`美联储`) or
/// a Latin word's.
fn is_nounlike_tag(tag: &str) -> bool {
    tag.starts_with('n') || ["vn", "j", "eng"].contains(&tag)
}

#[cfg(test)]
#[path = "analyzer_tests.rs"]
mod tests;
