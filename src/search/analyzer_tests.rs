//! The tests of `analyzer.rs`: how questions and passages are cut and read.

use super::*;

/// One analyzer without a user dictionary for all these tests: jieba's dictionary takes a
/// tenth of a second to load.
fn plain() -> &'static Analyzer {
    static PLAIN: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    PLAIN.get_or_init(|| Analyzer::new(&[]))
}

fn texts(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().map(|t| t.text.as_str()).collect()
}

fn question_words(question: &str) -> Vec<Token> {
    plain().read_question(question).words
}

#[test]
fn words_keep_content_and_drop_punctuation_and_function_words() {
    let analyzer = plain();
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
    for term in plain().words(text) {
        assert_eq!(text[term.range.clone()].to_lowercase(), term.text);
    }
}

#[test]
fn question_words_leave_only_what_the_question_is_about() {
    let words = question_words("雷曼啥时候倒的？");
    let got = texts(&words);
    assert!(!got.contains(&"啥") && !got.contains(&"时候"), "{got:?}");
    assert!(got.iter().any(|w| w.contains('雷')), "{got:?}");
    // Doubt whether it happened is how a question is asked.
    let doubted = question_words("中美气候合作后来真的搞成了吗");
    assert!(!texts(&doubted).contains(&"真的"), "{:?}", texts(&doubted));
}

#[test]
fn the_focus_is_the_word_a_question_word_asks_about() {
    for (question, focus) in [
        ("炸馆事件之后入世谈判是怎么恢复的", Some("恢复")),
        ("奥巴马的气候政策为什么推不动", Some("推不动")),
        ("中美气候合作", None),
    ] {
        assert_eq!(
            plain().read_question(question).focus.as_deref(),
            focus,
            "{question}"
        );
    }
}

#[test]
fn the_nouns_of_the_clauses_asking_a_value_are_read_apart_from_the_others() {
    // `申请` is tagged a verb; `谈判` is in a clause asking no value.
    let tokens = plain().read_question("中国正式递交加入CPTPP的申请是哪一年？后来谈判顺利吗");
    assert_eq!(tokens.clause_nouns, ["中国", "cptpp"]);
    assert!(
        plain()
            .read_question("中美关系怎么样")
            .clause_nouns
            .is_empty()
    );
    // jieba cuts `哪年` in two here (`哪` `年`): the pieces ask as the word does.
    let tokens = plain().read_question("苏联到底是哪年解体的，解体对中美关系有啥影响");
    assert_eq!(tokens.clause_nouns, ["苏联", "解体"]);
    assert!(
        !tokens.words.iter().any(|t| t.text == "年"),
        "a piece of 哪年"
    );
    // `哪几次` asks which ones, no value.
    let tokens = plain().read_question("报告挑了中美之间哪几次合作来讲");
    assert!(tokens.clause_nouns.is_empty(), "{:?}", tokens.clause_nouns);
}

#[test]
fn a_figure_asked_for_counts_the_noun_after_it_or_the_last_before_it() {
    for (question, measured) in [
        // The last noun it counts (`美国国债` is cut in two without the user dictionary),
        // its unit and the nouns joined to it passed over.
        ("中国当时持有多少美国国债", &["国债"][..]),
        ("一共对多少亿美元的中国商品加了关税", &["商品"][..]),
        ("欠了多少债", &["债"][..]),
        // Counting only a unit, the last noun of its clause.
        ("入世以后中国进口汽车关税降到了多少？", &["关税"][..]),
        // A share asked in one word jieba keeps whole (`百分之几`) counts as `多少` does.
        ("汽车关税具体降到了百分之几？", &["关税"][..]),
        ("四万亿刺激计划一共花了多少钱", &["计划"][..]),
        ("他说美国太蠢，谈判熬了多少个钟头", &["谈判"][..]),
        // `几次面` counts a unit and no noun before it in its clause; `电话` is counted.
        ("见了几次面，部长打了多少电话", &["电话"][..]),
        // No figure asked.
        ("美联储主席是谁", &[][..]),
    ] {
        assert_eq!(
            plain().read_question(question).measured,
            measured,
            "{question}"
        );
    }
}

#[test]
fn a_value_asked_for_is_of_the_nouns_right_before_the_question_word() {
    for (question, asked_of) in [
        ("金融危机那会儿美联储主席是谁", &["美联储"][..]),
        ("特朗普具体是哪天宣布退出巴黎协定的", &["特朗普"][..]),
        (
            "中国入世谈判时欧盟那边的首席谈判代表到底是谁",
            &["首席"][..],
        ),
        // A verb between them: the value is of what was done, not of a noun.
        ("日本央行把利率降了多少", &[][..]),
        ("中国正式成为WTO成员是哪天", &[][..]),
        ("美联储的主席是谁", &["美联储"][..]),
        ("后来美联储主席是谁", &["美联储"][..]),
        (
            "美国国会是哪天投票通过的，票数多少",
            &["美国国会", "票数"][..],
        ),
        ("为什么中美能合作", &[][..]),
    ] {
        assert_eq!(
            plain().read_question(question).asked_of,
            asked_of,
            "{question}"
        );
    }
    // The last of them names the value.
    assert_eq!(
        plain()
            .read_question("金融危机那会儿美联储主席是谁")
            .value_nouns,
        ["主席"]
    );
}

#[test]
fn the_pieces_of_a_question_word_are_question_words_too() {
    let got = question_words("入世谈判一共花了多长时间");
    let got = texts(&got);
    assert!(
        !got.contains(&"多长") && !got.contains(&"长时间"),
        "{got:?}"
    );
    assert!(got.contains(&"谈判"), "{got:?}");
}

#[test]
fn a_question_loses_its_function_words_by_their_part_of_speech() {
    let words = question_words("美国老逼中国赶紧开放金融，为啥这么搞反而没用");
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
        let words = question_words(question);
        let got = texts(&words);
        assert!(!got.contains(&dropped), "{question}: {got:?}");
        assert!(kept.iter().all(|k| got.contains(k)), "{question}: {got:?}");
    }
}

#[test]
fn words_only_jiebas_hmm_guessed_are_not_known_words() {
    let analyzer = plain();
    assert!(analyzer.knows_word("政府") && analyzer.knows_word("wto"));
    assert!(!analyzer.knows_word("中美该"));
}

#[test]
fn question_and_function_words_are_skipped_by_the_bigrams_of_one_tagging() {
    let question = "为啥美国跟中国合作";
    let read = plain().read_question(question);
    let skipped: Vec<&str> = read.skipped.iter().map(|r| &question[r.clone()]).collect();
    assert!(
        skipped.contains(&"为啥") && skipped.contains(&"跟"),
        "{skipped:?}"
    );
    assert!(!skipped.contains(&"合作"), "{skipped:?}");
}

#[test]
fn a_word_read_alone_has_its_dictionarys_tag() {
    for (word, tag) in [("手机", "n"), ("比特币", "x"), ("搞", "v")] {
        assert_eq!(plain().tag_of(word), tag, "{word}");
    }
    assert!(plain().tag_of("北京").starts_with('n'));
}

#[test]
fn a_user_dictionary_word_is_one_token() {
    let word = UserWord {
        word: "竞合关系".into(),
        frequency: Some(2000),
        tag: Some("n".into()),
    };
    assert!(!texts(&plain().words("竞合关系的新阶段")).contains(&"竞合关系"));
    let with = Analyzer::new(&[word]);
    assert!(texts(&with.words("竞合关系的新阶段")).contains(&"竞合关系"));
}

#[test]
fn grams_are_bigrams_of_chinese_and_whole_latin_words() {
    let got = grams("G20峰会，美");
    assert_eq!(texts(&got), vec!["g20", "峰会", "美"]);
    assert_eq!(got[1].range, 3..9);
}

#[test]
fn a_function_word_glued_to_a_guessed_word_is_set_apart() {
    // jieba guesses 中美该 for a word it does not know: 该 is a function word.
    let unglued = plain().unglued("现在主流的说法是中美该把精力放在哪");
    assert!(unglued.contains("中美 该"), "{unglued}");
    assert!(!texts(&plain().read_question(&unglued).words).contains(&"中美该"));
    // A question whose words jieba knows is left as it is.
    assert!(matches!(
        plain().unglued("中美为什么能合作"),
        std::borrow::Cow::Borrowed(_)
    ));
}
