//! Character classes and sentence splitting shared by the cleaner, the analyzer and the answers.
//!
//! Offsets in this crate are byte offsets into UTF-8 strings unless a name says `chars`.

/// The number a text opens with, in digits or Chinese numerals up to the tens (`3`, `二`,
/// `十五`, `二十一`); none for zero or for no number (`几`).
pub fn leading_number(text: &str) -> Option<usize> {
    let mut value = 0usize;
    let mut seen = false;
    for c in text.chars() {
        let digit = match c {
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' => {
                value = if seen { value * 10 } else { 10 };
                seen = true;
                continue;
            }
            c if c.is_ascii_digit() => (c as u8 - b'0') as usize,
            _ => break,
        };
        value = if value >= 10 && value.is_multiple_of(10) {
            value + digit
        } else {
            value * 10 + digit
        };
        seen = true;
    }
    (seen && value > 0).then_some(value)
}

/// True for CJK ideographs (the report's text), not for CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Lowercases text quickly when it is mostly Chinese: ASCII by itself, CJK characters and
/// punctuation (which have no case) as they are, only other characters through the Unicode
/// tables. The same as `str::to_lowercase` but for a word-final Greek capital sigma.
pub fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_cjk(c)
            || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF01..=0xFF20)
        {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether a text is written mostly in Latin letters (more of them than Chinese characters):
/// an English question, for the translator and for the bot's choice of words.
pub fn is_mostly_latin(text: &str) -> bool {
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let chinese = text.chars().filter(|c| is_cjk(*c)).count();
    latin > chinese
}

/// Punctuation that ends a clause or a sentence, or closes a quotation, in Chinese or Latin text.
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '；'
            | '：'
            | '、'
            | '！'
            | '？'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | '"'
    )
}

/// Punctuation that ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；')
}

/// Whether a character ends a clause: a sentence's end, a comma or a colon (not a quote, a
/// bracket or a title mark, which stand inside one).
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':' | ';')
}

/// Closing quotes and brackets that belong to the sentence they follow.
fn is_trailing_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '）' | '》' | '」' | '』' | '"' | ')')
}

/// Splits text into sentences, each with its byte range. Sentence-final punctuation and the
/// closing quotes after it stay with their sentence; a footnote-free text is assumed.
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_sentence_end(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if is_trailing_closer(next) || is_sentence_end(next) {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if !text[start..end].trim().is_empty() {
            out.push(start..end);
        }
        start = end;
    }
    if !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

/// Truncates to at most `max_chars` characters, never splitting a character, marking a cut
/// with "…" (counted in the limit).
pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

/// A path as messages show it: as configured when relative (`index/tantivy`), and only its last
/// part when absolute, so no message names a folder of the machine.
pub fn shown_path(path: &std::path::Path) -> String {
    if path.is_relative() {
        path.display().to_string()
    } else {
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }
}

/// Text as it may be echoed to a terminal: control characters (escape sequences that clear
/// the screen or make links, bells, carriage returns) shown as `\u{1b}` rather than obeyed;
/// tabs and newlines become spaces.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' => out.push(' '),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// A question as people type it, read as plain words: full-width letters and digits (`ＷＴＯ`,
/// as Chinese input methods write them) become ASCII ones, and a link (`https://…`, `www.…`)
/// says nothing of what is asked, so it goes.
/// Most questions hold neither and are borrowed as they are.
pub fn plain_question(text: &str) -> std::borrow::Cow<'_, str> {
    static LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)(https?://|www\.)[^\s，。？！、]*").expect("valid pattern")
    });
    let is_wide = |c: char| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
    if !text.chars().any(is_wide) && !LINK.is_match(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let narrow = |c: char| match c {
        c if is_wide(c) => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        c => c,
    };
    std::borrow::Cow::Owned(LINK.replace_all(text, " ").chars().map(narrow).collect())
}

/// Text with all whitespace removed, the form gold spans and near-duplicate checks use.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A set of character bigrams (hashed with FxHash: these sets are built for every candidate
/// passage of every question, and SipHash showed in profiles).
pub type Bigrams = rustc_hash::FxHashSet<(char, char)>;

/// The set of overlapping character bigrams of the CJK and alphanumeric characters of a text,
/// used to measure how alike two sentences are.
pub fn bigram_set(text: &str) -> Bigrams {
    let mut set = Bigrams::default();
    let mut previous: Option<char> = None;
    for c in text.chars().filter(|c| is_cjk(*c) || c.is_alphanumeric()) {
        if let Some(p) = previous {
            set.insert((p, c));
        }
        previous = Some(c);
    }
    set
}

/// Jaccard similarity of two bigram sets (0 when both are empty).
pub fn jaccard(a: &Bigrams, b: &Bigrams) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f32 / union as f32
}

/// The titles a text names between title marks (`《巴黎协定》`), of two characters or more.
pub fn titles(text: &str) -> Vec<&str> {
    text.split('《')
        .skip(1)
        .filter_map(|rest| rest.split_once('》').map(|(title, _)| title.trim()))
        .filter(|title| title.chars().count() >= 2)
        .collect()
}

/// The fewest characters a quoted phrase has: a quoted word of two (`“合作”`) is in almost
/// any passage, and says little about whether a question is about the documents.
const MIN_QUOTED: usize = 3;

/// The phrases a text quotes in Chinese (`“两手对两手”`, `「一条线」`, `『…』`, or between
/// ASCII double quotes), of `MIN_QUOTED` characters or more, each holding Chinese.
pub fn quoted_phrases(text: &str) -> Vec<&str> {
    const PAIRS: [(char, char); 4] = [('“', '”'), ('「', '」'), ('『', '』'), ('"', '"')];
    let mut phrases = Vec::new();
    for (open, close) in PAIRS {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else {
                break;
            };
            let phrase = after[..end].trim();
            if phrase.chars().count() >= MIN_QUOTED && phrase.chars().any(is_cjk) {
                phrases.push(phrase);
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    phrases
}

/// Whether a word stands inside a longer one of `others` (`中和` in `碳中和`, `大利` in
/// `澳大利亚`).
pub fn within_longer<'a>(word: &str, others: impl IntoIterator<Item = &'a str>) -> bool {
    others
        .into_iter()
        .any(|o| o.len() > word.len() && o.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_read_between_title_marks() {
        assert_eq!(
            titles("《八一七公报》和《巴黎协定》签于哪年？《》"),
            vec!["八一七公报", "巴黎协定"]
        );
    }

    #[test]
    fn quoted_chinese_phrases_are_found_in_any_quotes() {
        assert_eq!(
            quoted_phrases("“两手对两手”用大白话讲是啥意思？「一条线」呢？“合作”呢"),
            vec!["两手对两手", "一条线"]
        );
        assert_eq!(
            quoted_phrases("the \"compass\" and “好”"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn lowercase_agrees_with_the_standard_library() {
        for text in [
            "中美签署《巴黎协定》，G20峰会“2008年”。",
            "ＷＴＯ（Ａ）ÀÉÎ Ⅷ Ω ＡＢＣ—“”…",
            "Brzezinski 布热津斯基 ǅ İstanbul",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    fn check_sentences(text: &str, expect: &[&str]) {
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn sentences_keep_closing_quotes_with_their_sentence() {
        check_sentences(
            "他说：“我们不能这样。”随后离开。最后",
            &["他说：“我们不能这样。”", "随后离开。", "最后"],
        );
    }

    #[test]
    fn sentences_split_on_question_marks_and_semicolons() {
        check_sentences(
            "为什么？因为如此；于是结束。",
            &["为什么？", "因为如此；", "于是结束。"],
        );
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(printable("中美\u{1b}[2J合作"), "中美\\u{1b}[2J合作");
        assert_eq!(printable("a\tb\nc\u{7}"), "a b c\\u{7}");
        assert_eq!(printable("入世谈判"), "入世谈判");
    }

    #[test]
    fn truncation_counts_characters_and_marks_the_cut() {
        assert_eq!(truncate_chars("中美关系", 10), "中美关系");
        assert_eq!(truncate_chars("中美关系正常化", 4), "中美关…");
        assert_eq!(truncate_chars("中美关系正常化", 4).chars().count(), 4);
    }

    #[test]
    fn near_duplicates_score_high_and_unrelated_text_low() {
        let a = bigram_set("中美两国领导人的战略决断是促成战略合作的关键因素。");
        let b = bigram_set("领导人的战略决断是促成战略合作的关键因素。");
        let c = bigram_set("拜登明确表示将重新加入《巴黎协定》。");
        assert!(jaccard(&a, &b) > 0.7);
        assert!(jaccard(&a, &c) < 0.1);
    }
}
