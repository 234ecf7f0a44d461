//! How an English question is read: each English word one thing asked about, whatever number
//! of Chinese senses it has, and derived words read through the words they come from.

use luopan::{Answer, Question};

use crate::common::engine;

fn ask(text: &str) -> Answer {
    engine().ask(&Question::new(text)).expect("answer")
}

#[test]
fn an_english_words_senses_weigh_as_one_word() {
    // `WTO` has three Chinese names and `joined` three senses; they used to be seven words
    // against the one for `celebration`, and the passage saying there was none came sixth.
    let question = "Why was there no celebration when China joined the WTO?";
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    let words: Vec<&str> = explained.words.iter().map(|(w, _)| w.as_str()).collect();
    assert!(
        words.contains(&"庆祝") && words.contains(&"wto"),
        "{words:?}"
    );
    for piece in ["世贸组织", "世贸", "组织", "联合"] {
        assert!(!words.contains(&piece), "{piece} in {words:?}");
    }
    let answer = ask(question);
    assert!(
        answer
            .passages
            .iter()
            .take(3)
            .any(|c| c.excerpt.contains("庆祝活动")),
        "{:?}",
        answer.passages
    );
}

#[test]
fn a_derived_noun_is_read_through_its_verb() {
    // CC-CEDICT gives 庆祝 for `celebrate`, none the report uses for `celebration`.
    let answer = ask("any celebration after the WTO deal?");
    let celebration = answer
        .understood
        .iter()
        .find(|r| r.english == "celebration")
        .expect("celebration is translated");
    assert_eq!(celebration.chinese, vec!["庆祝".to_string()]);
}

#[test]
fn names_as_people_shorten_them_are_the_reports_names() {
    // `Fannie and Freddie` for the two mortgage firms, `Los Cabos` for the 2012 summit's town.
    let answer = ask("which country tried to get China to jointly dump Fannie and Freddie bonds?");
    assert!(answer.found, "{answer:?}");
    assert!(
        answer
            .passages
            .iter()
            .take(3)
            .any(|c| c.excerpt.contains("两房") || c.excerpt.contains("房利美")),
        "{:?}",
        answer.passages
    );
    let summit = ask("how much did China chip in to the IMF at the 2012 Los Cabos G20?");
    assert!(summit.found, "{summit:?}");
}
