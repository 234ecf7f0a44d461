//! What an answer is: a summary of the report's own sentences citing numbered excerpts of at
//! most 400 characters, centred on what matched, each with document, case, section and page.

use luopan::question::ValueKind;
use luopan::rank::NotFound;
use luopan::{Answer, Question};

use crate::common::engine;

fn ask(text: &str) -> Answer {
    engine().ask(&Question::new(text)).expect("answer")
}

/// The excerpts of an answer's first `n` passages.
fn excerpts(answer: &Answer, n: usize) -> Vec<&str> {
    answer
        .passages
        .iter()
        .take(n)
        .map(|c| c.excerpt.as_str())
        .collect()
}

/// The English words and phrases an answer says it translated.
fn read_as(answer: &Answer) -> Vec<&str> {
    answer
        .understood
        .iter()
        .map(|r| r.english.as_str())
        .collect()
}

/// Checks the invariants every answer keeps.
fn check_answer(answer: &Answer) {
    let engine = engine();
    assert!(answer.found, "{}", answer.question);
    assert!(
        (1..=3).contains(&answer.summary.len()),
        "{:?}",
        answer.summary
    );
    assert!(!answer.passages.is_empty() && answer.passages.len() <= 5);
    for (i, citation) in answer.passages.iter().enumerate() {
        assert_eq!(citation.n, i + 1);
        let chars = citation.excerpt.chars().count();
        assert!(chars <= 400, "excerpt of {chars} characters");
        let passage = engine
            .passage(&citation.id)
            .expect("lookup")
            .expect("cited passage exists");
        let inner = citation
            .excerpt
            .trim_start_matches('…')
            .trim_end_matches('…');
        assert!(
            passage.text.contains(inner),
            "excerpt not verbatim: {inner}"
        );
        assert!(!citation.case_title.is_empty() && !citation.doc_title.is_empty());
        if citation.doc == "report" {
            assert!(citation.page.is_some(), "report citations have pages");
        }
        let length = citation.excerpt.chars().count();
        for [start, end] in &citation.marks {
            assert!(
                start < end && *end <= length,
                "mark {start}..{end} out of {length}"
            );
        }
    }
    for sentence in &answer.summary {
        assert!(!sentence.cites.is_empty());
        let cited_passages: Vec<String> = sentence
            .cites
            .iter()
            .map(|n| {
                let citation = &answer.passages[n - 1];
                engine.passage(&citation.id).unwrap().unwrap().text
            })
            .collect();
        assert!(
            cited_passages
                .iter()
                .any(|text| text.contains(&sentence.text)),
            "summary sentence is not verbatim from what it cites: {}",
            sentence.text
        );
    }
}

#[test]
fn a_climate_question_is_answered_from_the_paris_case() {
    let answer = ask("中美为什么能在气候变化上合作？");
    check_answer(&answer);
    assert_eq!(answer.passages[0].case, "paris");
    assert!(
        answer.passages[0].marks.iter().any(|_| true),
        "matched terms are marked"
    );
}

#[test]
fn a_long_paragraph_is_excerpted_around_the_matching_sentence() {
    let answer = ask("雷曼兄弟是哪一天申请破产保护的");
    check_answer(&answer);
    let first = &answer.passages[0];
    assert!(first.excerpt.contains("雷曼"), "{}", first.excerpt);
}

#[test]
fn answers_to_every_dev_question_keep_the_invariants() {
    let text = std::fs::read_to_string(crate::common::root().join("tests/data/dev.jsonl")).unwrap();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let question: serde_json::Value = serde_json::from_str(line).unwrap();
        if question["lang"] != "zh" {
            continue;
        }
        let answer = ask(question["question"].as_str().unwrap());
        check_answer(&answer);
    }
}

#[test]
fn the_preface_retelling_a_case_does_not_fill_the_excerpts_twice() {
    let answer = ask("奥巴马第二任期在气候变化上采取了什么策略");
    check_answer(&answer);
    let texts: Vec<String> = answer
        .passages
        .iter()
        .map(|c| luopan::text::squeeze(&c.excerpt))
        .collect();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let similarity =
                luopan::text::jaccard(&luopan::text::bigram_set(a), &luopan::text::bigram_set(b));
            assert!(similarity < 0.5, "near-duplicate excerpts:\n{a}\n{b}");
        }
    }
}

#[test]
fn a_case_filter_keeps_every_excerpt_in_that_case() {
    let answer = engine()
        .ask(&Question {
            text: "领导人的作用".into(),
            case: Some("wto".into()),
            top_k: Some(4),
        })
        .expect("answer");
    check_answer(&answer);
    assert!(answer.passages.len() <= 4);
    assert!(answer.passages.iter().all(|c| c.case == "wto"));
}

#[test]
fn a_numbered_lesson_question_puts_that_lesson_first() {
    let cases = [
        (
            "入世那一章的第二条经验讲了什么",
            "wto",
            "双方要体现互谅互让的精神",
        ),
        (
            "前言第三条启示讲的是什么",
            "preface",
            "战略决断是促成战略合作的关键因素",
        ),
        (
            "金融危机案例的第四条经验是什么",
            "crisis",
            "中国正在深化市场体系建设",
        ),
    ];
    for (question, case, topic) in cases {
        let answer = ask(question);
        check_answer(&answer);
        assert_eq!(answer.passages[0].case, case, "{question}");
        assert!(
            answer.passages[0].excerpt.contains(topic),
            "{question}: {}",
            answer.passages[0].excerpt
        );
    }
}

#[test]
fn questions_about_nothing_in_the_corpus_say_so() {
    for question in [
        "红烧肉怎么做？",
        "今天天气怎么样",
        "推荐一部好看的电影",
        "世界杯谁是冠军",
        "怎么学习Python编程",
    ] {
        let answer = ask(question);
        assert!(
            !answer.found,
            "{question} was answered: {:?}",
            answer.passages.first()
        );
        assert!(answer.passages.is_empty() && answer.summary.is_empty());
    }
}

#[test]
fn the_ft_commentary_is_cited_by_date_instead_of_page() {
    let answer = ask("这篇FT评论的作者是干什么的");
    check_answer(&answer);
    let ft = answer
        .passages
        .iter()
        .find(|c| c.doc == "ft")
        .expect("an FT excerpt");
    assert_eq!(ft.page, None);
    assert_eq!(ft.date.as_deref(), Some("2020-11-09"));
    assert_eq!(
        luopan::render::source_line(ft).split(" · ").last(),
        Some("2020-11-09")
    );
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
fn a_colloquial_question_is_answered_whatever_its_everyday_words() {
    // Function words (这么, 反而) drop out; everyday words the report never uses (搞, 没用)
    // do not make the question look like one about something else.
    let answer = ask("美国老逼中国赶紧开放金融，为啥这么搞反而没用");
    check_answer(&answer);
    assert_eq!(answer.passages[0].case, "crisis");
    let terms: Vec<&str> = answer.terms.iter().map(String::as_str).collect();
    assert!(
        !terms.contains(&"这么") && !terms.contains(&"反而"),
        "{terms:?}"
    );
}

#[test]
fn a_question_about_what_could_not_be_done_is_answered_with_what_held_it_back() {
    let question = Question::new("奥巴马的绿色新政为何迟迟推不下去");
    let explanation = engine().explain(&question, 5).unwrap();
    assert!(explanation.why && explanation.obstacle);
    let answer = ask(&question.text);
    check_answer(&answer);
    // Fourth since the hints also read sentences nearly as much about the question as the
    // best span (other passages of Obama's climate policy tell what he did against Congress).
    let shown = excerpts(&answer, 5);
    assert!(
        shown.iter().any(|e| e.contains("受到显著的制约")),
        "{shown:?}"
    );
}

#[test]
fn a_nickname_weighs_what_the_name_the_report_uses_weighs() {
    let explain = |text: &str| engine().explain(&Question::new(text), 5).unwrap();
    let nickname = explain("川普政府说跟中国对话根本没用");
    let name = explain("特朗普政府说跟中国对话根本没用");
    let weight = |e: &luopan::answer::Explanation, word: &str| {
        e.words
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, weight)| *weight)
    };
    assert_eq!(weight(&nickname, "川普"), weight(&name, "特朗普"));
    assert!(nickname.found);
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
            NotFound::Absent,
            &["Secretary-General"][..],
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
        Some("asks a figure of money: stated by one of the first passages")
    );
}

#[test]
fn a_question_asking_who_wrote_a_document_gets_its_byline_or_authors_note() {
    // The FT piece's author's note and lead; the report's preface, naming its research group.
    let ft = ask("那篇FT评论到底是谁写的？");
    assert!(ft.found, "{ft:?}");
    assert_eq!(ft.passages[0].case, "ft");
    let summary: String = ft.summary.iter().map(|s| s.text.as_str()).collect();
    assert!(
        summary.contains("作者是全球化智库") || summary.contains("王辉耀"),
        "{summary}"
    );
    let english = ask("Who wrote the FT commentary?");
    assert!(
        english.found && english.passages[0].case == "ft",
        "{english:?}"
    );
    // A book the corpus does not hold is not answered with the corpus's bylines.
    let elsewhere = ask("红楼梦是谁写的");
    assert!(!elsewhere.found, "{elsewhere:?}");
    let preface = ask("前言是谁执笔的");
    assert!(
        preface.found && preface.passages[0].case == "preface",
        "{preface:?}"
    );
    for question in [
        "这份报告是谁写的",
        "这份报告到底是哪个单位弄出来的啊？",
        "這份報告到底是哪個機構的團隊寫的啊",
    ] {
        let report = ask(question);
        assert!(report.found, "{question}: {report:?}");
        assert!(
            report.passages[0]
                .excerpt
                .contains("上海国际问题研究院课题组"),
            "{question}: {:?}",
            report.passages[0]
        );
    }
}

#[test]
fn whether_a_foreseen_event_came_to_pass_is_not_answered_by_the_forecast() {
    // The FT piece (November 2020) says the talks could restart under Biden, not that they did.
    for question in [
        "中美后来到底有没有重启投资协定谈判",
        "Did China and the US ever restart the investment treaty talks?",
    ] {
        let answer = ask(question);
        assert_eq!(answer.not_found, Some(NotFound::Unstated), "{question}");
        assert!(answer.unstated.contains(&ValueKind::Outcome), "{answer:?}");
    }
    // What the report states as done is answered: China did not follow Russia.
    let stated = ask("中国最后到底有没有跟着俄罗斯抛售两房债券");
    assert!(stated.found, "{stated:?}");
}

#[test]
fn words_of_everyday_language_alone_are_not_taken_for_an_answer() {
    // `recipe` renders as 做法, which the report uses, but no more than Chinese at large
    // does; `pork` and `dumplings` are everyday words it never uses.
    let question = "what's a good recipe for pork dumplings";
    let answer = ask(question);
    assert!(!answer.found, "{answer:?}");
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert!(!explained.relevance.key_held && explained.relevance.key_words.is_empty());
    assert!(
        luopan::render::relevance_line(&explained)
            .starts_with("no: none of the first passages holds a word the corpus is about"),
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
        Some("asks a date: stated by one of the first passages")
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
        3
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
fn traditional_characters_find_what_simplified_ones_find() {
    let simplified = ask("中美为什么能在气候变化上合作？");
    let traditional = ask("中美為什麼能在氣候變化上合作？");
    assert_eq!(
        traditional.question, "中美為什麼能在氣候變化上合作？",
        "shown as asked"
    );
    let ids = |a: &luopan::Answer| a.passages.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&simplified), ids(&traditional));
}

#[test]
fn a_colloquial_name_finds_the_reports_name() {
    let answer = ask("川普上台以后中美气候合作怎么样了");
    check_answer(&answer);
    let shown = excerpts(&answer, 3);
    assert!(shown.iter().any(|e| e.contains("特朗普")), "{shown:?}");
}

#[test]
fn explain_shows_the_reading_and_the_parts_of_each_score() {
    let question = luopan::Question::new("入世那一章的第二条经验讲了什么");
    let explanation = engine().explain(&question, 3).expect("explained");
    assert!(explanation.found);
    assert_eq!(explanation.parts, vec!["wto"]);
    assert!(explanation.lessons);
    assert_eq!(explanation.lesson_number, Some(2));
    assert_eq!(explanation.passages.len(), 3);
    let first = &explanation.passages[0];
    assert_eq!(first.case, "wto");
    let parts = 0.25 * first.coverage + 0.4 * first.best_sentence + first.bonus;
    assert!(
        first.score >= parts - 1e-4 && first.score <= parts + 0.35 + 1e-4,
        "{first:?}"
    );
    assert!(
        first.bonus >= 1.0,
        "the numbered lesson is what was asked for: {first:?}"
    );
    let english = engine()
        .explain(
            &luopan::Question::new("How did the financial crisis start?"),
            1,
        )
        .unwrap();
    assert!(english.understood.iter().any(|r| r.english == "financial crisis" && r.chinese.contains(&"金融危机".to_string())));
}

#[test]
fn every_case_has_a_timeline_in_date_order() {
    let engine = engine();
    let snapshot = engine.snapshot();
    for case in snapshot.catalog.cases() {
        let timeline = engine.timeline(&case.id).unwrap().expect("a case");
        assert!(timeline.len() >= 5, "{}: {}", case.id, timeline.len());
        let whens: Vec<_> = timeline.iter().map(|e| e.when).collect();
        assert!(
            whens.windows(2).all(|w| w[0] <= w[1]),
            "{} is out of order",
            case.id
        );
        assert!(
            timeline
                .iter()
                .all(|e| e.page.is_some() && e.text.chars().count() <= 120)
        );
    }
    let wto = engine.timeline("wto").unwrap().unwrap();
    let signed = wto
        .iter()
        .find(|e| e.date == "1999年11月15日")
        .expect("the signing");
    assert!(signed.text.contains("双边市场准入协议"));
    let joined = wto
        .iter()
        .position(|e| e.date == "2001年12月11日")
        .expect("accession");
    let signing = wto.iter().position(|e| e.date == "1999年11月15日").unwrap();
    assert!(signing < joined);
    assert!(engine.timeline("mars").unwrap().is_none());
}

#[test]
fn an_everyday_word_also_finds_the_words_the_report_uses_for_it() {
    let explanation = engine()
        .explain(&luopan::Question::new("中国入世以后得到了哪些好处"), 5)
        .expect("explained");
    let related = |word: &str| {
        explanation
            .related
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    };
    assert!(
        related("好处").contains(&"利益".to_string()),
        "{:?}",
        explanation.related
    );
    assert!(
        related("得到").contains(&"获得".to_string()),
        "{:?}",
        explanation.related
    );
    assert!(
        related("中国").is_empty(),
        "a word the corpus uses everywhere is its own"
    );
    // A passage holding only the report's word gets part of the question word's weight.
    let own_weight = |term: &str| {
        let word = term.split(['|', '~']).next().unwrap_or_default();
        let total: f32 = explanation.words.iter().map(|(_, w)| w).sum();
        explanation
            .words
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, w)| w / total * 0.5)
    };
    let partial = explanation
        .passages
        .iter()
        .flat_map(|p| &p.matched)
        // 好处, its synonyms (收益, 回报) and then its related words (利益).
        .filter(|(term, _)| term.starts_with("好处") && term.contains('~'))
        .find(|(term, weight)| own_weight(term).is_some_and(|full| *weight < full - 1e-6));
    assert!(partial.is_some(), "{:?}", explanation.passages);
}

#[test]
fn a_decade_is_found_in_the_years_it_holds() {
    let explanation = engine()
        .explain(&luopan::Question::new("八十年代中美在军事上有哪些合作"), 3)
        .expect("explained");
    let first = &explanation.passages[0];
    assert!(
        first
            .matched
            .iter()
            .any(|(term, _)| term.starts_with("80|198")),
        "{first:?}"
    );
    let answer = ask("八十年代中美在军事上有哪些合作");
    let shown = excerpts(&answer, 3);
    assert!(
        shown
            .iter()
            .any(|e| e.contains("1980年") && e.contains("军事")),
        "{shown:?}"
    );
}

#[test]
fn a_how_long_question_is_answered_with_a_length_of_time() {
    let explanation = engine()
        .explain(&luopan::Question::new("入世谈判一共花了多长时间"), 3)
        .expect("explained");
    assert!(explanation.how_long && !explanation.when);
    let answer = ask("入世谈判一共花了多长时间");
    assert!(
        answer.passages[0].excerpt.contains("长达15年"),
        "{}",
        answer.passages[0].excerpt
    );
}

#[test]
fn what_a_side_gained_is_found_where_the_report_calls_it_a_return() {
    // People ask for 好处; the report writes 收益 and 回报.
    let answer = ask("跟美国搞气候合作，中国到底捞着啥好处了");
    assert!(
        answer
            .passages
            .iter()
            .take(5)
            .any(|c| c.excerpt.contains("额外收益")),
        "{:?}",
        answer.passages
    );
}
