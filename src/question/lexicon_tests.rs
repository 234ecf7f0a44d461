//! The tests of `lexicon.rs`: the word lists as the question reading uses them.

use super::*;

#[test]
fn a_future_is_after_the_documents_and_the_present_is_when_a_value_is_asked() {
    let lexicon = lexicon();
    let cases = [
        ("明天上海会下雨吗", false, Some("明天")),
        ("Will it rain tomorrow?", false, Some("tomorrow")),
        ("比特币现在多少钱一个", true, Some("现在")),
        (
            "How many members does the AIIB have now?",
            true,
            Some("now"),
        ),
        // The documents' own present, asking no value.
        ("报告怎么定位现在的中美关系", false, None),
        ("What should the two do now?", false, None),
        // `know` holds `now`, but not as a word.
        ("How many do you know?", true, None),
        // A time so near today that no document speaks of it.
        ("这周中美谈了啥", false, Some("这周")),
        ("who won last season?", false, Some("last season")),
        // Longer words holding such a word, and words it is not.
        ("中国这周边的安全形势怎么样", false, None),
        ("目前天然气进口多少", false, None),
        ("What happened in the last week of the talks?", false, None),
    ];
    for (question, asks_value, expect) in cases {
        assert_eq!(
            lexicon.time_after(question, asks_value).as_deref(),
            expect,
            "{question}"
        );
    }
}

#[test]
fn the_compiled_lexicon_parses() {
    let lexicon = Lexicon::parse(SOURCE).expect("parses");
    assert!(lexicon.is_function_word("的") && lexicon.is_function_word("the"));
    assert!(lexicon.is_question_word("什么") && lexicon.is_question_word("为什么"));
    assert!(
        !lexicon.is_question_word("原因"),
        "a why-word the report uses stays a word to look for"
    );
    assert!(lexicon.is_english_skipped("really") && lexicon.is_english_skipped("the"));
    assert!(!lexicon.is_english_skipped("climate"));
}

#[test]
fn function_tags_are_prefixes_or_whole_tags() {
    let lexicon = lexicon();
    for (tag, expect) in [
        ("r", true),
        ("rz", true),
        ("uj", true),
        ("p", true),
        ("e", true),
        ("eng", false),
        ("n", false),
        ("v", false),
    ] {
        assert_eq!(lexicon.is_function_tag(tag), expect, "{tag}");
    }
}

#[test]
fn no_word_is_listed_twice_in_the_lists_that_filter_words() {
    let file: File = toml::from_str(SOURCE).expect("parses");
    let mut seen = std::collections::HashSet::new();
    let asks = &file.asks;
    for word in file
        .question
        .words
        .iter()
        .chain(&asks.why.cues)
        .chain(&asks.when.cues)
        .chain(&asks.how_long.cues)
        .chain(&asks.who.cues)
        .chain(&asks.number.cues)
        .chain(&asks.how.cues)
        .chain(&file.chinese.function_words)
    {
        assert!(seen.insert(word.as_str()), "{word} is listed twice");
    }
    let mut english = std::collections::HashSet::new();
    for word in file
        .english
        .function_words
        .iter()
        .chain(&file.english.question_only)
    {
        assert!(english.insert(word.as_str()), "{word} is listed twice");
    }
}

#[test]
fn contractions_and_quotes_are_read_as_the_words_they_stand_for() {
    let lexicon = lexicon();
    for (word, expect) in [
        ("couldn't", "could not"),
        ("won't", "will not"),
        ("can't", "can not"),
        ("Can't", "can not"),
        ("Apple's", "Apple"),
        ("what's", "what"),
        ("'compass'", "compass"),
        ("line'", "line"),
        ("climate", "climate"),
        ("'s", "s"),
    ] {
        assert_eq!(lexicon.uncontracted(word), expect, "{word}");
    }
}

#[test]
fn small_talk_is_short_and_holds_a_greeting_or_a_question_to_the_bot() {
    let lexicon = lexicon();
    for (question, expect) in [
        ("你好呀，在吗", true),
        ("谢啦，今天先到这儿", true),
        ("hey there, anyone home?", true),
        ("who built you and what model are you running on?", true),
        ("what kind of stuff can you help me with?", true),
        ("Which things did this report say about China?", false),
        (
            "你好，请问中美为什么能在气候变化上合作？那时候双方各自怎么想的",
            false,
        ),
        ("中美为什么能在气候变化上合作", false),
    ] {
        assert_eq!(
            lexicon.sounds_like_small_talk(question),
            expect,
            "{question}"
        );
    }
}

#[test]
fn counting_words_are_made_of_counting_characters() {
    assert!(lexicon().is_counting("第一条") && lexicon().is_counting("五条"));
    assert!(!lexicon().is_counting("第一次会议"));
}

#[test]
fn a_word_of_two_opening_with_this_or_that_points_back() {
    let lexicon = lexicon();
    for word in ["这招", "那事"] {
        assert!(lexicon.points_back(word), "{word}");
    }
    // A longer word, a word not opening so, and the character alone name something or nothing.
    for word in ["这段时间", "招数", "这"] {
        assert!(!lexicon.points_back(word), "{word}");
    }
}
