//! The text analyzers: jieba words (indexed, as a tantivy tokenizer, and for questions) and
//! character bigrams (for measuring how much of a question a sentence holds).
//!
//! jieba's dictionary takes most of a process's start-up time, so it is loaded once per process
//! (`Analyzer::shared`) and shared behind an `Arc`: tantivy clones tokenizers for every segment
//! writer and every query, and a clone here costs one reference count.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::text::is_cjk;

/// The name under which the word tokenizer is registered with tantivy.
pub(crate) const WORDS: &str = "luopan_words";

/// Function words dropped from the index and from questions.
const STOPWORDS: &[&str] = &[
    "的", "了", "和", "与", "及", "是", "在", "也", "都", "而", "之", "其", "或", "等", "着", "被",
    "把", "对", "将", "于", "以", "为", "就", "并", "又", "这", "那", "个", "中", "上", "下", "有",
    "则", "即", "由", "从", "向", "到", "给", "让", "但", "所", "已", "还", "才", "此", "该", "各",
    "a", "an", "the", "and", "or", "not", "of", "to", "in", "on", "for", "with", "by", "at",
    "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "what", "which", "who", "whom", "how", "why", "when", "where", "do", "does", "did",
    "about", "into", "than", "then", "so", "if", "but", "has", "have", "had", "their", "they",
    "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me", "my", "s", "t",
];

/// Words that shape a question but are not what it is about.
const QUESTION_WORDS: &[&str] = &[
    "什么",
    "怎么",
    "怎么样",
    "怎样",
    "为什么",
    "为何",
    "如何",
    "哪",
    "哪些",
    "哪里",
    "哪个",
    "哪家",
    "哪几",
    "哪天",
    "哪年",
    "哪位",
    "谁",
    "吗",
    "呢",
    "啊",
    "吧",
    "呀",
    "啥",
    "多少",
    "多久",
    "几",
    "是不是",
    "有没有",
    "请问",
    "一下",
    "讲",
    "讲了",
    "说",
    "说了",
    "里",
    "里面",
    "那个",
    "这个",
    "那些",
    "这些",
    "那会儿",
    "时候",
    "具体",
    "到底",
    "当时",
    "当年",
    "我",
    "你",
    "他们",
    "想",
    "知道",
    "告诉",
    "一些",
    "些",
    "能",
    "会",
    "要",
    "可以",
    "得",
    "地",
    "过",
    "去",
    "来",
    "没",
    "没有",
    "不",
    "么",
    "嘛",
    "呗",
    "哦",
    "啦",
    "干",
    "干什么",
    "怎么回事",
    "意思",
    "是啥",
    "内容",
    "提到",
    "谈到",
    "写",
    "写的",
    "看",
    "怎么看",
    "觉得",
    "认为",
    "各自",
    "什么样",
    "哪方面",
    "方面",
    "情况",
    "问题",
    "最后",
    "里头",
    "啥时候",
    "什么时候",
    "何时",
    "是从",
    "从哪里",
    "哪儿",
    "哪一年",
    "几月",
    "多长时间",
    "为啥",
    "干嘛",
    "咋",
    "咋样",
    "怎么办",
    "啥样",
    "是什么",
    "是谁",
    "是啥",
    "有啥",
    "有什么",
    "哪几条",
    "几条",
    "哪一",
    "那边",
    "这边",
    // The document asked about (`报告怎么看`, `文章里说`): every passage is in it, and its
    // text never names itself so.
    "报告",
    "文章",
    "本文",
    "文中",
    "这篇",
    "那篇",
    // The suffix of spoken Beijing Chinese (`这块儿`, `一点儿`), which jieba leaves alone.
    "儿",
];

/// A token: its normalized text and its byte range in the analyzed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub text: String,
    pub range: Range<usize>,
}

/// The shared analyzers. Cheap to clone.
#[derive(Clone)]
pub struct Analyzer {
    jieba: Arc<Jieba>,
}

static SHARED: OnceLock<Analyzer> = OnceLock::new();

/// A word of a user dictionary: the word, its frequency and its part-of-speech tag.
pub type UserWord = (String, Option<usize>, Option<String>);

impl Analyzer {
    /// The process-wide analyzer; jieba's dictionary is loaded on first use, once.
    pub fn shared() -> Analyzer {
        Analyzer::with_user_words(&[])
    }

    /// The process-wide analyzer with a user dictionary's words added. The dictionary is
    /// loaded once per process: the first call decides the words (later changes to the user
    /// dictionary take effect at the next start, and rebuild the index then).
    pub fn with_user_words(words: &[UserWord]) -> Analyzer {
        SHARED
            .get_or_init(|| {
                let mut jieba = Jieba::new();
                for (word, frequency, tag) in words {
                    jieba.add_word(word, *frequency, tag.as_deref());
                }
                Analyzer {
                    jieba: Arc::new(jieba),
                }
            })
            .clone()
    }

    /// Reads a user dictionary: `word [frequency] [tag]` a line, `#` comments.
    pub fn read_user_words(text: &str) -> Vec<UserWord> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|line| {
                let mut parts = line.split_whitespace();
                let word = parts.next()?.to_string();
                let frequency = parts.next().and_then(|f| f.parse().ok());
                let tag = parts.next().map(str::to_string);
                Some((word, frequency, tag))
            })
            .collect()
    }

    /// jieba search-mode words (whole words plus the dictionary words inside long ones),
    /// lowercased, without punctuation or function words.
    pub fn words(&self, text: &str) -> Vec<Term> {
        self.jieba
            .cut_for_search(text, true)
            .into_iter()
            .filter_map(|token| {
                let word = lowercase(token.word);
                if !word.chars().any(|c| c.is_alphanumeric()) || STOPWORDS.contains(&word.as_str())
                {
                    return None;
                }
                Some(Term {
                    text: word,
                    range: token.byte_start..token.byte_end,
                })
            })
            .collect()
    }

    /// The words of a question, without the words that only make it a question and without
    /// function words by their part of speech (`这么`, `跟`, `反而`: pronouns, prepositions,
    /// conjunctions, particles), which a colloquial question has many of.
    pub fn question_words(&self, text: &str) -> Vec<Term> {
        let function: Vec<Range<usize>> = self.function_word_ranges(text);
        self.words(text)
            .into_iter()
            .filter(|t| !QUESTION_WORDS.contains(&t.text.as_str()))
            .filter(|t| !function.contains(&t.range))
            .collect()
    }

    /// The byte ranges of a question's question words and function words, to leave them out
    /// of its bigrams.
    pub fn question_word_ranges(&self, text: &str) -> Vec<Range<usize>> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .filter(|t| {
                QUESTION_WORDS.contains(&t.word)
                    || STOPWORDS.contains(&t.word)
                    || is_function_tag(t.tag)
            })
            .map(|t| t.byte_start..t.byte_end)
            .collect()
    }

    fn function_word_ranges(&self, text: &str) -> Vec<Range<usize>> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .filter(|t| is_function_tag(t.tag))
            .map(|t| t.byte_start..t.byte_end)
            .collect()
    }

    /// Whether jieba's dictionary knows a word (Latin words and numbers count as known): a
    /// Chinese word it lacks was guessed by its HMM from characters it could not place
    /// (`中美该`, `川普打`), and says less about a question than a word people write.
    pub fn knows_word(&self, word: &str) -> bool {
        word.is_ascii() || self.jieba.has_word(word)
    }
}

/// jieba's tags for words that only build a sentence: pronouns (`r`), prepositions (`p`),
/// conjunctions (`c`), particles (`u…`, `y`), interjections (`e`) and onomatopoeia (`o`).
fn is_function_tag(tag: &str) -> bool {
    matches!(tag.chars().next(), Some('r' | 'p' | 'c' | 'u' | 'y')) || tag == "e" || tag == "o"
}

/// Lowercases, without the Unicode tables when there is nothing to lower (Chinese text).
fn lowercase(word: &str) -> String {
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
pub fn grams(text: &str) -> Vec<Term> {
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
                out.push(Term {
                    text: c.to_string(),
                    range: start..end_of(i + 1),
                });
            }
            for (k, &(start, _)) in chars.iter().enumerate().take(j.saturating_sub(1)).skip(i) {
                let range = start..end_of(k + 2);
                out.push(Term {
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
            out.push(Term {
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
    tokens: Vec<Token>,
    next: usize,
}

impl Tokens {
    fn new(terms: Vec<Term>) -> Tokens {
        let tokens = terms
            .into_iter()
            .enumerate()
            .map(|(position, term)| Token {
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

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens::new(self.0.words(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(terms: &[Term]) -> Vec<&str> {
        terms.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn words_keep_content_and_drop_punctuation_and_function_words() {
        let analyzer = Analyzer::shared();
        let words = analyzer.words("中国加入WTO的谈判，艰苦卓绝。");
        let got = texts(&words);
        assert!(got.contains(&"中国"), "{got:?}");
        assert!(got.contains(&"wto"), "{got:?}");
        assert!(got.contains(&"谈判"), "{got:?}");
        assert!(!got.contains(&"的") && !got.contains(&"，"), "{got:?}");
    }

    #[test]
    fn word_ranges_are_byte_offsets_into_the_text() {
        let text = "中美气候合作";
        for term in Analyzer::shared().words(text) {
            assert_eq!(text[term.range.clone()].to_lowercase(), term.text);
        }
    }

    #[test]
    fn question_words_leave_only_what_the_question_is_about() {
        let words = Analyzer::shared().question_words("雷曼啥时候倒的？");
        let got = texts(&words);
        assert!(!got.contains(&"啥") && !got.contains(&"时候"), "{got:?}");
        assert!(got.iter().any(|w| w.contains('雷')), "{got:?}");
    }

    #[test]
    fn a_question_loses_its_function_words_by_their_part_of_speech() {
        let words =
            Analyzer::shared().question_words("美国老逼中国赶紧开放金融，为啥这么搞反而没用");
        let got = texts(&words);
        assert!(!got.contains(&"这么") && !got.contains(&"反而"), "{got:?}");
        assert!(got.contains(&"金融") && got.contains(&"开放"), "{got:?}");
    }

    #[test]
    fn the_document_asked_about_and_the_spoken_suffix_are_not_question_words() {
        for (question, dropped, kept) in [
            ("报告怎么评价金融危机时的刺激计划", "报告", ["危机", "刺激"]),
            ("拜登在气候这块儿有啥计划", "儿", ["气候", "计划"]),
        ] {
            let words = Analyzer::shared().question_words(question);
            let got = texts(&words);
            assert!(!got.contains(&dropped), "{question}: {got:?}");
            assert!(kept.iter().all(|k| got.contains(k)), "{question}: {got:?}");
        }
    }

    #[test]
    fn words_only_jiebas_hmm_guessed_are_not_known_words() {
        let analyzer = Analyzer::shared();
        assert!(analyzer.knows_word("政府") && analyzer.knows_word("wto"));
        assert!(!analyzer.knows_word("中美该"));
    }

    #[test]
    fn grams_are_bigrams_of_chinese_and_whole_latin_words() {
        let got = grams("G20峰会，美");
        assert_eq!(texts(&got), vec!["g20", "峰会", "美"]);
        assert_eq!(got[1].range, 3..9);
    }
}
