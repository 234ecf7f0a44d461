//! How an English question is read: each English word one thing asked about, whatever number
//! of Chinese senses it has, and derived words read through the words they come from.

use luopan::{Answer, Question};

use crate::common::{answered_lacking_nothing, check_answer, engine};

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

/// The English words and phrases an answer says it translated.
fn read_as(answer: &Answer) -> Vec<&str> {
    answer
        .understood
        .iter()
        .map(|r| r.english.as_str())
        .collect()
}

#[test]
fn a_glossary_phrase_of_words_that_only_shape_a_question_is_read() {
    // `get`, `over`, `make`, `up` and `with` alone ask nothing, but the glossary gives these
    // phrases: the report's 克服, 和解.
    for (question, phrase) in [
        (
            "how did the two sides get over the 2008 crisis together?",
            "get over",
        ),
        (
            "when did Beijing and Moscow make up with each other?",
            "make up with",
        ),
    ] {
        let answer = ask(question);
        assert!(read_as(&answer).contains(&phrase), "{question}: {answer:?}");
    }
}

#[test]
fn an_english_question_is_answered_from_the_chinese_text_and_shows_how_it_was_read() {
    let answer = ask("Why could China and the US cooperate on climate change?");
    check_answer(&answer);
    let climate = answer
        .understood
        .iter()
        .find(|r| r.english == "climate change")
        .expect("the phrase is read as one");
    assert_eq!(climate.chinese, vec!["气候变化"]);
    assert_eq!(answer.passages[0].case, "paris");
    let names = ask("What did Brzezinski say about the talks with Deng Xiaoping?");
    let rendered: Vec<&str> = names
        .understood
        .iter()
        .flat_map(|r| r.chinese.iter().map(String::as_str))
        .collect();
    assert!(
        rendered.contains(&"布热津斯基") && rendered.contains(&"邓小平"),
        "{rendered:?}"
    );
}

#[test]
fn an_english_word_whose_only_translation_the_corpus_uses_is_one_rare_character_keeps_it() {
    // CC-CEDICT's 睡觉 and 睡眠 are not in the report; its 睡 is, once (只睡了20分钟).
    let answer =
        ask("Did the Chinese negotiators really sleep at their ministry during the last round?");
    let sleep = answer
        .understood
        .iter()
        .find(|r| r.english == "sleep")
        .expect("sleep is translated");
    assert_eq!(sleep.chinese, vec!["睡"]);
    assert!(
        answer.passages[0].excerpt.contains("睡了20分钟"),
        "{:?}",
        answer.passages[0]
    );
    // A common character (`after` → 后) or one that is not a noun or a verb is not taken.
    let after = ask("where did they go after the talks");
    assert!(
        after
            .understood
            .iter()
            .flat_map(|r| &r.chinese)
            .all(|c| c.chars().count() >= 2),
        "{:?}",
        after.understood
    );
}

#[test]
fn an_op_ed_and_cash_are_read_as_the_corpus_says_them() {
    // The glossary: an opinion piece is the FT piece's kind (评论, 文章), decoupling is 脱钩.
    let answer = ask("what does the op-ed say about decoupling?");
    let rendered: Vec<&str> = answer
        .understood
        .iter()
        .flat_map(|r| r.chinese.iter().map(String::as_str))
        .collect();
    assert!(
        rendered.contains(&"评论") && rendered.contains(&"脱钩"),
        "{rendered:?}"
    );
    assert_eq!(answer.passages[0].case, "ft");
    // Cash is money, a measure the lexicon knows, not a thing the corpus never names.
    let cash = ask("how much cash did China put into the IMF?");
    assert!(cash.found, "{cash:?}");
}

#[test]
fn a_decade_however_written_is_the_reports_decade() {
    // The report writes decades as 80年代; a passage dating something 1984 is of it too.
    for question in [
        "What did Washington sell Beijing in the '80s?",
        "What did Washington sell Beijing in the 1980's?",
        "What did Washington sell Beijing in the eighties?",
    ] {
        let answer = ask(question);
        let rendered: Vec<&str> = answer
            .understood
            .iter()
            .flat_map(|r| r.chinese.iter().map(String::as_str))
            .collect();
        assert!(rendered.contains(&"80年代"), "{question}: {rendered:?}");
    }
}

#[test]
fn an_english_question_reads_a_hyphenated_pair_as_two_words_and_skips_mere_function_phrases() {
    let paired = ask("Who got the US-China climate talks going again?");
    let english = read_as(&paired);
    assert!(
        english.contains(&"us") && english.contains(&"china"),
        "{english:?}"
    );
    let according =
        ask("According to the report, why did the US and China work on climate change?");
    assert!(
        !read_as(&according).contains(&"according to"),
        "{:?}",
        according.understood
    );
    assert_eq!(according.passages[0].case, "paris");
}

#[test]
fn english_adverbs_that_only_stress_are_not_translated() {
    let answer = ask("Did China and the US even really agree on what caused the financial crisis?");
    check_answer(&answer);
    let english = read_as(&answer);
    assert!(
        !english.contains(&"even") && !english.contains(&"really"),
        "{english:?}"
    );
    assert_eq!(answer.passages[0].case, "crisis");
}

#[test]
fn an_english_word_keeps_the_senses_the_corpus_uses_beside_the_questions_other_words() {
    let senses = |question: &str, english: &str| {
        ask(question)
            .understood
            .into_iter()
            .find(|r| r.english == english)
            .map(|r| r.chinese)
            .unwrap_or_default()
    };
    // 思维 stands beside 零和 in the report; 思想 never does.
    assert_eq!(
        senses(
            "Why must Beijing and Washington drop zero-sum thinking?",
            "thinking"
        ),
        vec!["思维"]
    );
    // When no sense stands beside the other words, the most frequent stay.
    assert_eq!(
        senses("How much time did the WTO talks take?", "time").len(),
        luopan::question::translate::SENSES_KEPT
    );
    // A plural has its singular's senses too: the dictionary's own entry for `leaders` is
    // 领导层, which the report writes once; it writes 领导人 for a leader.
    assert!(
        senses(
            "Why do the two countries' leaders matter so much?",
            "leaders"
        )
        .contains(&"领导人".to_string())
    );
    // The report's sense of `emissions` (the glossary's), not the dictionary's 射出.
    assert_eq!(
        senses("Why did China's emissions keep rising?", "emissions"),
        vec!["排放"]
    );
}

#[test]
fn english_questions_about_something_else_find_nothing() {
    for question in [
        "red-braised pork recipe",
        "How do I learn Python programming?",
        "Who won the World Cup?",
    ] {
        let answer = ask(question);
        assert!(!answer.found, "{question}: {:?}", answer.understood);
    }
}

#[test]
fn a_noun_the_corpus_uses_no_plain_sense_of_finds_a_large_kind_of_it() {
    // The preface calls the relationship 这艘巨轮 ("large ship" in CC-CEDICT); it writes no 船.
    let answer = ask("In the preface's ship image, what is the ship meant to avoid?");
    let ship = answer
        .understood
        .iter()
        .find(|r| r.english == "ship")
        .expect("ship is read");
    assert_eq!(ship.chinese, vec!["巨轮"]);
    assert!(
        answer
            .passages
            .iter()
            .take(3)
            .any(|p| p.excerpt.contains("以避免迷航")),
        "{:?}",
        answer.passages
    );
}

#[test]
fn a_count_in_words_is_the_chinese_numeral() {
    let answer = ask("What is the first of the preface's five takeaways?");
    let five = answer
        .understood
        .iter()
        .find(|r| r.english == "five")
        .expect("five is read");
    assert_eq!(five.chinese, vec!["五"]);
    assert!(answer.found, "{answer:?}");
}

#[test]
fn working_with_another_side_is_cooperation() {
    let answer = ask("What did the US get out of working with China on climate change?");
    let rendered = |english: &str| -> Vec<String> {
        answer
            .understood
            .iter()
            .find(|r| r.english == english)
            .map(|r| r.chinese.clone())
            .unwrap_or_default()
    };
    assert_eq!(rendered("working with"), vec!["合作"]);
    assert!(
        answer
            .passages
            .iter()
            .take(3)
            .any(|p| p.excerpt.contains("对美国而言")),
        "{:?}",
        answer.passages
    );
}

#[test]
fn phrasal_verbs_are_read_as_phrases_not_as_their_words() {
    for (question, phrase, chinese) in [
        // `team` alone is 团队; `patch` a 补丁; `board` a 木板.
        (
            "What did the US actually get out of teaming up with China on climate?",
            "teaming up",
            "合作",
        ),
        (
            "what did Beijing demand from Moscow before it would patch things up in the 80s?",
            "patch things up",
            "改善",
        ),
        (
            "how did clinton get congress on board with china's WTO deal",
            "on board",
            "支持",
        ),
    ] {
        let answer = ask(question);
        let rendering = answer
            .understood
            .iter()
            .find(|r| r.english == phrase)
            .unwrap_or_else(|| panic!("{question}: {:?}", answer.understood));
        assert!(
            rendering.chinese.iter().any(|c| c == chinese),
            "{question}: {rendering:?}"
        );
        assert!(answer.found, "{question}");
    }
}

#[test]
fn chat_asides_and_abbreviations_are_how_a_question_is_asked_not_what_about() {
    for question in [
        "tbh why did China even want to join the WTO? tl;dr pls",
        "求问，讲真中国为啥非要入世 hhh",
        // jieba tags 谢谢 as a person's name.
        "谢谢啦，中国为什么要加入世贸组织",
    ] {
        answered_lacking_nothing(question);
    }
    // Alone, they are small talk.
    for question in ["ty bro", "yo sup", "bot you there? ping", "这个bot能干嘛"] {
        let answer = ask(question);
        assert_eq!(
            answer.not_found,
            Some(luopan::rank::NotFound::SmallTalk),
            "{question}"
        );
    }
}

#[test]
fn an_english_word_in_a_chinese_question_is_read_as_its_chinese() {
    // `Paris` and `climate` are words the corpus never writes; their Chinese it does.
    for (question, chinese) in [
        ("Paris协定是哪年签的", "巴黎协定"),
        ("奥巴马的climate政策是什么", "气候政策"),
    ] {
        let explained = engine()
            .explain(&Question::new(question), 3)
            .expect("explained");
        assert!(
            explained.normalized.contains(chinese),
            "{question}: {}",
            explained.normalized
        );
        assert!(ask(question).found, "{question}");
    }
    // Names the corpus writes in Latin letters stay as written.
    let explained = engine()
        .explain(&Question::new("中国什么时候加入WTO"), 3)
        .expect("explained");
    assert!(
        explained.normalized.contains("WTO"),
        "{}",
        explained.normalized
    );
}
