//! What a refusal says: that the documents do not discuss the question or do not state the
//! value it asks for, which words they lack, what they do cover, and every signal of the
//! decision in `explain`.

use luopan::question::ValueKind;
use luopan::rank::NotFound;
use luopan::{Answer, Question};

use crate::common::{check_answer, engine};

fn ask(text: &str) -> Answer {
    engine().ask(&Question::new(text)).expect("answer")
}

/// Asserts each question is answered.
fn each_answered(questions: &[&str]) {
    for question in questions {
        let answer = ask(question);
        assert!(answer.not_found.is_none(), "{question}: {answer:?}");
    }
}

/// Asserts each question is refused as asking a value the documents do not state.
fn each_unstated(questions: &[&str]) -> Vec<Answer> {
    questions
        .iter()
        .map(|question| {
            let answer = ask(question);
            assert_eq!(answer.not_found, Some(NotFound::Unstated), "{question}");
            answer
        })
        .collect()
}

/// What a question was refused for (`None` when it was answered) and the words named.
fn refused_for(question: &str) -> (Option<NotFound>, Vec<String>) {
    let answer = ask(question);
    assert_eq!(answer.found, answer.not_found.is_none(), "{question}");
    (answer.not_found, answer.missing)
}

#[test]
fn a_question_about_something_the_documents_never_mention_is_refused_naming_it() {
    for (question, reason, named) in [
        (
            "苹果今年发布了什么手机",
            NotFound::Absent,
            &["苹果", "手机"][..],
        ),
        ("明天北京冷不冷", NotFound::Later, &["明天"][..]),
        (
            "比特币现在多少钱一个",
            NotFound::Later,
            &["现在", "比特币"][..],
        ),
        (
            "Who is the current UN Secretary-General?",
            NotFound::Later,
            &["current", "Secretary-General"][..],
        ),
        (
            "2025年中美关税战打到什么程度了",
            NotFound::Later,
            &["2025"][..],
        ),
        ("谢谢，再见", NotFound::SmallTalk, &[][..]),
        ("Thanks a lot, bye!", NotFound::SmallTalk, &[][..]),
    ] {
        let (why, missing) = refused_for(question);
        assert_eq!(why, Some(reason), "{question}");
        assert_eq!(missing, named, "{question}");
    }
}

#[test]
fn a_question_asking_a_value_the_documents_do_not_state_is_refused_saying_which() {
    for (question, kind) in [
        // An age is a fact of a life: that is what is missing, not any figure.
        ("邓小平访美的时候多大岁数", ValueKind::Life),
        (
            "How many soldiers did the Soviets send into Afghanistan?",
            ValueKind::Figure,
        ),
    ] {
        let answer = ask(question);
        assert_eq!(answer.not_found, Some(NotFound::Unstated), "{question}");
        assert!(answer.unstated.contains(&kind), "{question}: {answer:?}");
    }
    let snapshot = engine().snapshot();
    let text = luopan::render::terminal::no_answer_text(
        &ask("邓小平访美的时候多大岁数"),
        &snapshot.catalog,
    );
    assert!(text.contains("没有给出问到的生平"), "{text}");
    // The same subject, asking a value the documents state, is answered.
    let answer = ask("中国是哪一年正式加入世贸组织的");
    assert!(answer.found, "{answer:?}");
}

#[test]
fn a_figure_of_another_measure_or_a_date_without_the_life_fact_does_not_answer() {
    // The report gives figures about the Soviet invasion (two times the technology, three
    // conditions), none of them people; it gives the year Barshefsky negotiated, not her birth.
    for (question, kind) in [
        ("苏联入侵阿富汗死了多少人", ValueKind::Figure),
        ("巴尔舍夫斯基是哪年出生的", ValueKind::Life),
        ("When was Barshefsky born?", ValueKind::Life),
        // The posts someone held later are a fact of a life the report never tells.
        ("石广生后来当了什么官", ValueKind::Life),
        ("Barshefsky, what did she go on to do?", ValueKind::Life),
    ] {
        let answer = ask(question);
        assert_eq!(answer.not_found, Some(NotFound::Unstated), "{question}");
        assert!(answer.unstated.contains(&kind), "{question}: {answer:?}");
    }
    let snapshot = engine().snapshot();
    let text = luopan::render::terminal::no_answer_text(
        &ask("巴尔舍夫斯基是哪年出生的"),
        &snapshot.catalog,
    );
    // The year is there to be given; the fact of the life is what is missing.
    assert!(text.contains("没有给出问到的生平。"), "{text}");
    // A measure's word without asking a figure asks none (`兵力` in a why-question).
    let why = ask("苏联为什么在中苏边境集结兵力");
    assert_ne!(why.not_found, Some(NotFound::Unstated), "{why:?}");
    // Money asked, money stated: the FT piece gives Biden's 4000亿美元.
    let answer = ask("拜登要在清洁能源上投多少钱");
    assert!(answer.found, "{answer:?}");
    let explained = engine()
        .explain(&Question::new("拜登要在清洁能源上投多少钱"), 3)
        .expect("explained");
    assert_eq!(
        luopan::render::values_line(&explained.relevance).as_deref(),
        Some("asks a figure of money counting 清洁能源: stated by one of the first passages")
    );
}

#[test]
fn a_value_of_what_someone_did_is_stated_where_they_are_named() {
    // The Paris part dates the 2015 joint statement beside 宣布 and 巴黎协定; the one sentence
    // naming 特朗普's withdrawal gives no date.
    each_unstated(&[
        "特朗普宣布退出巴黎协定具体是哪一天",
        "what exact date did the US formally leave the Paris agreement under Trump?",
    ]);
    // A date the report gives beside the person is stated.
    each_answered(&["尼克松是哪年访华的"]);
}

#[test]
fn what_someone_said_is_told_only_by_a_passage_telling_it() {
    // The report says Gorbachev came and relations were normalised, not what was said.
    let answer = each_unstated(&["戈尔巴乔夫89年访华的时候跟邓小平具体谈了些啥？"]).remove(0);
    assert!(answer.unstated.contains(&ValueKind::Said), "{answer:?}");
    let snapshot = engine().snapshot();
    let text = luopan::render::terminal::no_answer_text(&answer, &snapshot.catalog);
    assert!(text.contains("没有给出问到的谈话内容。"), "{text}");
    // A talk the report tells of, and what a lesson of the documents says, are answered.
    each_answered(&[
        "99年9月新西兰APEC会上，江泽民和克林顿就入世谈了什么",
        "金融危机那章第二条经验讲对话机制，具体说了啥",
    ]);
}

#[test]
fn a_question_asking_why_is_answered_by_the_reason_whatever_value_it_asks_besides() {
    // The report gives the reason (the Soviet threat) but never names it `对头`.
    each_answered(&[
        "72年尼克松来了之后中美为啥能握手言和，俩人共同的对头是谁",
        "气候谈判一开始中美的立场差在哪？谁该先减排那个问题",
    ]);
    // Whether something came to pass must be stated all the same.
    let answer = ask("中欧投资协定最后到底签成了没？为啥拖了那么久");
    assert!(answer.not_found.is_some(), "{answer:?}");
}

#[test]
fn a_value_of_a_year_is_stated_where_the_year_is_written() {
    // The crisis part counts banks and dates the crisis, but no figure stands by 2009.
    each_unstated(&["how many US banks went bust in 2009?"]);
    // The WTO part gives 2001's and 2019's imports side by side; the crisis part gives China's
    // reserves in a paragraph opening `当时`, after one dating the crisis 2008.
    each_answered(&["2019年美国从中国进口了多少", "2008年中国手上有多少外汇储备"]);
}

#[test]
fn a_name_the_documents_never_mention_makes_a_question_about_something_else() {
    // Kissinger weighs a third of the question: the report tells of the 1999 deal, not of him.
    let (reason, named) = refused_for("Did Kissinger have a hand in the 1999 WTO deal?");
    assert_eq!(reason, Some(NotFound::Absent));
    assert_eq!(named, ["Kissinger"]);
    // Names the documents write are rendered as they write them, and answered.
    each_answered(&[
        "what did Hu say to the Americans in DC at the first G20?",
        "What did the smog in Shanghai push the government to do?",
    ]);
    // A name they write, asked for a value they do not give, is refused for the value.
    each_unstated(&["exactly how much did China lose on its Blackstone stake?"]);
}

#[test]
fn a_word_pointing_back_does_not_say_whose_value_is_asked() {
    // `这招` is the step the question just told, not a name the corpus should write.
    each_answered(&["把反对入世的部门负责人拉进谈判团，这招是谁出的主意"]);
}

#[test]
fn a_word_only_in_the_title_of_a_work_says_nothing_of_its_figure() {
    // The report's one 关税 is in the GATT's name, beside a share of exports.
    each_unstated(&["中国入世的时候承诺把平均关税降到多少？"]);
}

#[test]
fn whether_a_foreseen_event_came_to_pass_is_not_answered_by_the_forecast() {
    // The FT piece (November 2020) says the talks could restart under Biden, not that they did.
    let answers = each_unstated(&[
        "中美后来到底有没有重启投资协定谈判",
        "Did China and the US ever restart the investment treaty talks?",
    ]);
    for answer in answers {
        assert!(answer.unstated.contains(&ValueKind::Outcome), "{answer:?}");
    }
    // A stance is not a deed: the FT piece says China's leaders are open to joining CPTPP.
    each_unstated(&["中国后来到底有没有加入CPTPP"]);
    // What the documents think may happen is theirs to say.
    each_answered(&["Does the FT piece reckon the two sides might end up talking about CPTPP?"]);
    // How a meeting went asks what came of it: the report names Seattle only as a deadline
    // the leaders hoped to meet (`以期`).
    let answer = each_unstated(&["西雅图那次世贸部长级会议开得怎么样"]).remove(0);
    assert!(answer.unstated.contains(&ValueKind::Outcome), "{answer:?}");
    // What the report states as done is answered: China did not follow Russia, and the talks
    // ended in an agreement.
    each_answered(&[
        "中国最后到底有没有跟着俄罗斯抛售两房债券",
        "入世谈判最后谈得怎么样",
    ]);
}

#[test]
fn words_of_everyday_language_alone_are_not_taken_for_an_answer() {
    // `recipe` renders as 做法, which the report uses, but no more than Chinese at large
    // does; `pork` is an everyday word it never uses, and `dumplings` (饺子, seldom written)
    // a thing asked about that it never mentions, weighing twice: too little of the English
    // is the corpus's.
    let question = "what's a good recipe for pork dumplings";
    let answer = ask(question);
    assert!(!answer.found, "{answer:?}");
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert!(!explained.relevance.key_held && explained.relevance.key_words.is_empty());
    assert!(
        luopan::render::relevance_line(&explained)
            .starts_with("no: only 0.33 of its English found Chinese the corpus uses"),
        "{}",
        luopan::render::relevance_line(&explained)
    );
    let line = luopan::render::keyness_line(&explained).expect("a keyness line");
    // `good` is an adjective: its Chinese is no word the question is about at all.
    assert!(
        !line.contains("良好") && line.contains("held by none"),
        "{line}"
    );
    // A question about the corpus's subjects holds words it is about.
    let about = engine()
        .explain(&Question::new("中国入世谈判为什么那么艰难"), 3)
        .expect("explained");
    assert!(
        about.relevance.key_held && about.found,
        "{:?}",
        about.relevance
    );
    assert!(about.relevance.key_words.iter().any(|w| w == "入世"));
}

#[test]
fn a_question_the_documents_cover_in_part_is_answered_and_says_what_is_missing() {
    let answer = ask("奥巴马的医改对中美气候合作有影响吗");
    assert!(answer.found);
    assert_eq!(answer.missing, vec!["医改"]);
    check_answer(&answer);
}

#[test]
fn a_refusal_says_what_the_documents_cover_and_names_the_words_in_the_questions_language() {
    let snapshot = engine().snapshot();
    let chinese =
        luopan::render::terminal::no_answer_text(&ask("苹果今年发布了什么手机"), &snapshot.catalog);
    assert!(
        chinese.contains("没有谈到：苹果、手机") && chinese.contains("抗苏"),
        "{chinese}"
    );
    let english = luopan::render::terminal::no_answer_text(
        &ask("What's Apple's stock price today?"),
        &snapshot.catalog,
    );
    assert!(
        english.contains("Apple") && english.contains("They cover"),
        "{english}"
    );
}

#[test]
fn explain_shows_whether_a_value_asked_for_is_stated() {
    let explain = |text: &str| {
        engine()
            .explain(&Question::new(text), 3)
            .expect("explained")
    };
    let unstated = explain("邓小平访美的时候多大岁数");
    assert_eq!(
        luopan::render::values_line(&unstated.relevance).as_deref(),
        Some("asks a figure or a life fact: stated by none of the first passages")
    );
    let never_named = explain("How many soldiers did the Soviets send into Afghanistan?");
    assert_eq!(
        luopan::render::relevance_line(&never_named),
        "no: it asks for a figure of soldiers, which the corpus never names"
    );
    let stated = explain("中国是哪一年正式加入世贸组织的");
    assert_eq!(
        luopan::render::values_line(&stated.relevance).as_deref(),
        Some("asks a date (of 世贸组织): stated by one of the first passages")
    );
    let outcome = explain("西雅图那次世贸部长级会议开得怎么样");
    assert_eq!(
        luopan::render::values_line(&outcome.relevance).as_deref(),
        Some("asks an outcome: stated by none of the first passages")
    );
    assert!(luopan::render::values_line(&explain("中美为什么能合作").relevance).is_none());
}

#[test]
fn explain_shows_every_signal_of_the_decision() {
    let explanation = engine()
        .explain(&luopan::Question::new("苹果今年发布了什么手机"), 3)
        .expect("explained");
    let relevance = &explanation.relevance;
    assert_eq!(relevance.not_found, Some(NotFound::Absent));
    assert!(relevance.absent_share >= 0.4, "{relevance:?}");
    assert!(explanation.absent.iter().any(|a| a.text == "手机"));
    let line = luopan::render::relevance_line(&explanation);
    assert!(
        line.starts_with("no: the corpus never mentions 苹果, 手机"),
        "{line}"
    );
}
