//! Bad questions get a clear refusal or a plain "nothing found", never a panic, and nothing in
//! them is read as query syntax.

use luopan::{AskError, Question};

use crate::common::{answered_lacking_nothing, engine};

fn ask(text: &str) -> Result<luopan::Answer, AskError> {
    engine().ask(&Question::new(text))
}

#[test]
fn empty_and_blank_questions_are_refused() {
    for question in ["", "   ", "\n\t　"] {
        assert!(
            matches!(ask(question), Err(AskError::Empty)),
            "{question:?}"
        );
    }
}

#[test]
fn a_6000_character_question_is_refused_with_the_limit() {
    let long = "中美".repeat(3000);
    match ask(&long) {
        Err(AskError::TooLong { chars, max }) => assert_eq!((chars, max), (6000, 500)),
        other => panic!("{other:?}"),
    }
    let emoji = "😀".repeat(6000);
    assert!(matches!(
        ask(&emoji),
        Err(AskError::TooLong { chars: 6000, .. })
    ));
}

#[test]
fn emoji_and_punctuation_have_no_words_to_search() {
    for question in ["😀😀🎉🇨🇳", "？？？！！", "……", "\"AND (", "*:* OR"] {
        assert!(
            matches!(ask(question), Err(AskError::NoWords)),
            "{question:?}: {:?}",
            ask(question)
        );
    }
}

#[test]
fn query_syntax_is_plain_text() {
    for question in [
        "title:中美 AND 气候",
        "巴黎协定^10 OR (苏联",
        "\"中美 -气候\"~2",
        "case:巴黎协定 领导人",
    ] {
        let answer = ask(question).expect("answered as text");
        assert!(answer.found, "{question}");
        assert!(
            answer
                .terms
                .iter()
                .all(|t| !t.contains([':', '^', '(', '"'])),
            "{:?}",
            answer.terms
        );
    }
}

#[test]
fn an_unknown_case_is_refused() {
    let question = Question {
        text: "领导人".into(),
        case: Some("mars".into()),
        top_k: None,
    };
    assert!(matches!(engine().ask(&question), Err(AskError::UnknownCase(id)) if id == "mars"));
}

#[test]
fn a_question_at_the_limit_is_answered() {
    let question = format!("{}巴黎协定", "中".repeat(496));
    assert!(ask(&question).is_ok());
}

#[test]
fn a_link_or_full_width_letters_read_as_the_question_around_them() {
    for question in [
        "中国什么时候加入ＷＴＯ？",
        "中国什么时候加入WTO https://example.com/x?y=1",
        "看这个链接https://t.co/abc，中国为什么要入世",
    ] {
        let answer = answered_lacking_nothing(question);
        assert_eq!(answer.lang, luopan::question::Lang::Zh, "{question}");
    }
}
