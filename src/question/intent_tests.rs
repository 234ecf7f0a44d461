//! The tests of `intent.rs`: what a question asks, as read from its words.

use super::*;

#[test]
fn a_why_question_about_what_could_not_be_done_asks_for_an_obstacle() {
    for question in [
        "中美气候谈判为什么老谈不拢",
        "为啥美国的碳排放立法推不动",
        "Why 国会 没能 通过",
        "为什么当时无法达成协议",
    ] {
        assert!(says_unable(&question.to_lowercase()), "{question}");
    }
    // Why, without anything failing; and a negation that is not an inability.
    assert!(!says_unable("为什么中美要合作应对金融危机"));
    assert!(!says_unable("为啥说别抱不切实际的指望反而是好事"));
}

#[test]
fn spoken_chinese_asks_why_in_many_words() {
    let catalog = Catalog::empty();
    for question in [
        "中国当年到底图啥非要入世",
        "凭啥说中美闹掰了国际体系会塌",
        "82年以后中国咋就不搞联美抗苏那套了",
    ] {
        assert!(read(question, &catalog).why, "{question}");
    }
    assert!(!read("中国哪一年入世", &catalog).why);
    // `咋就` asks why it came to be, not how it was done.
    assert!(!read("川普上台以后中美气候合作咋就凉了", &catalog).how);
    assert!(read("美国当时具体是咋救市的", &catalog).how);
}

#[test]
fn a_question_comparing_two_sides_is_read_in_both_languages() {
    let catalog = Catalog::empty();
    assert!(read("危机到底怪谁，这事中美看法差在哪", &catalog).compare);
    assert!(read("入世以后中美两边各自捞到啥好处", &catalog).compare);
    assert!(!read("入世以后中国得到了什么好处", &catalog).compare);
    // Words holding a cue that compare nothing.
    assert!(!read("“共同但有区别的责任”中美最后用啥说法", &catalog).compare);
    assert!(!read("美国为什么不同意中国以发展中国家身份入世", &catalog).compare);
    assert!(read("共同但有区别的责任上中美各自坚持啥", &catalog).compare);
    let mut english = Intent::default();
    add_english(
        &mut english,
        "How does Biden's view of China differ from Trump's?",
    );
    assert!(english.compare);
    let mut halfway = Intent::default();
    add_english(
        &mut halfway,
        "what does it say about meeting each other halfway?",
    );
    assert!(!halfway.compare);
}

#[test]
fn an_english_question_word_asks_where_it_opens_a_clause() {
    let read = |question: &str| {
        let mut intent = Intent::default();
        add_english(&mut intent, question);
        intent
    };
    type Reads = fn(&Intent) -> bool;
    let cases: [(&str, Reads, bool); 12] = [
        ("Who led the US side of the WTO talks?", |i| i.who, true),
        ("ok so who ran the climate working group", |i| i.who, true),
        (
            "What did the officials who negotiated want?",
            |i| i.who,
            false,
        ),
        ("When did Lehman Brothers go bankrupt?", |i| i.when, true),
        (
            "When China got into the WTO, was there a party?",
            |i| i.when,
            false,
        ),
        ("In what year did talks start?", |i| i.when, true),
        ("How many laws were scrapped?", |i| i.number, true),
        (
            "lol how long did she go without sleep",
            |i| i.how_long,
            true,
        ),
        ("How old was he then?", |i| i.number, true),
        ("What tariff rate did they agree on?", |i| i.number, true),
        ("how high did prices go", |i| i.number, true),
        ("So what were the lessons?", |i| i.lessons, true),
    ];
    for (question, asks, expect) in cases {
        assert_eq!(asks(&read(question)), expect, "{question}");
    }
}

#[test]
fn a_question_says_what_its_figure_measures_and_whether_it_asks_a_life_fact_or_an_author() {
    let catalog = Catalog::empty();
    let chinese = |q: &str| read(q, &catalog);
    let english = |q: &str| {
        let mut intent = chinese(q);
        add_english(&mut intent, q);
        intent
    };
    for (intent, measure) in [
        (chinese("关税具体税率是多少"), Some("share")),
        (chinese("拜登要往气候上砸多少钱"), Some("money")),
        (chinese("苏联一共派了多少兵"), Some("people")),
        (chinese("控制升温的目标是几度"), Some("degrees")),
        (chinese("一共清理了多少法规"), None),
        (
            english("How many people were killed in the war?"),
            Some("people"),
        ),
        (english("what % were tariffs cut to"), Some("share")),
        (english("How many laws were scrapped?"), None),
        (chinese("议定书一共有多少页"), Some("pages")),
        (
            english("how many electoral votes did he win"),
            Some("votes"),
        ),
    ] {
        assert_eq!(intent.measure.as_deref(), measure, "{intent:?}");
        assert!(intent.number, "a measure asks a figure: {intent:?}");
    }
    assert!(chinese("那篇评论是谁写的").author);
    assert!(chinese("作者啥来头").author);
    assert!(chinese("这份报告到底是谁家课题组出的").author);
    assert!(english("which research outfit put this report together?").author);
    assert!(english("so who put this report together?").author);
    // Who did something the documents tell of, not who made them.
    assert!(!chinese("入世谈判是谁出面谈的").author);
    assert!(!chinese("联美抗苏是谁出的主意").author);
    assert!(!english("Who was behind China's WTO entry?").author);
    assert!(!english("How did the G20 put together the stimulus?").author);
    assert!(
        !chinese("作者觉得中国该怎么做").author,
        "the author's view, not who"
    );
    assert!(english("Who wrote the FT piece?").author);
    assert!(!english("What does the author reckon is the key?").author);
    assert!(chinese("中美后来到底有没有重启投资协定谈判").realised);
    assert!(chinese("那个协定最后签没签成").realised);
    assert!(chinese("那个协定后来签下来没有啊？").realised);
    assert!(!chinese("中国为什么没有举办庆祝活动").realised);
    // A yes/no question on what came after, in its last clause.
    assert!(chinese("中欧投资协定后来真的在年底签下来了吗").realised);
    assert!(!chinese("老邓最后咋处理这个坑的？直接翻脸了吗").realised);
    assert!(!chinese("中美建交了吗").realised);
    assert!(english("Did the US actually rejoin the Paris Agreement?").realised);
    assert!(english("whatever happened with the phase one trade deal?").realised);
    assert!(!english("what happened in the 1999 talks").realised);
    assert!(
        !english("What did China actually get out of it?").realised,
        "a wh-question is not a yes/no question"
    );
    assert!(chinese("保尔森当时多大岁数").life);
    assert!(chinese("石广生后来还干过啥").life);
    assert!(english("What did Paulson do before he became Treasury Secretary?").life);
    assert!(!chinese("里根后来派谁来北京").life);
    assert!(chinese("石广生是哪年出生的").life);
    assert!(english("Where was he born? was he born in Beijing").life);
    assert!(!chinese("石广生率团谈了多久").life);
    assert!(!english("Who led the talks?").life);
    assert!(chinese("第一次G20峰会是在哪个城市开的").place);
    assert!(
        chinese("他访美都去了哪几个城市").place,
        "哪几 asks nothing else, but 哪几个城市 asks a place"
    );
    assert!(chinese("两国元首是在哪儿会晤的").place);
    assert!(english("Which city hosted the first G20 summit?").place);
    assert!(
        !chinese("中美对危机成因的看法差在哪").place,
        "where a difference lies"
    );
    assert!(!chinese("投资协定谈判卡在哪一步了").place);
    assert!(!english("Where does China stand on the TPP?").place);
    assert!(!english("Where is the relationship heading?").place);
    assert!(!english("Where was the biggest disagreement?").place);
    assert!(!chinese("谈判从什么地方开始卡住的").place);
    assert!(!chinese("两国的分歧在什么地方").place);
    assert!(!chinese("中美合作建设在哪些方面").place);
    assert!(chinese("他后来写的那本回忆录书名叫啥").work);
    assert!(english("What was the title of the plan?").work);
    assert!(!chinese("那个对话叫什么名字").work);
    assert!(chinese("里根后来派谁来北京").who);
    assert!(
        !chinese("入世这事儿中美到底谁捞到的好处更多").who,
        "which of the two sides, not who"
    );
    assert!(!chinese("两国贸易额各涨了多少，谁涨得更猛").who);
    // A title before the words asking a name asks who holds it; a name of anything else
    // does not.
    let ambassador = chinese("在场的美国驻华大使叫啥名字");
    assert!(ambassador.who);
    assert_eq!(ambassador.holder_of.as_deref(), Some("大使"));
    assert_eq!(chinese("副总理叫什么").holder_of.as_deref(), Some("副总理"));
    assert!(!chinese("那个对话叫什么名字").who);
    // Which one of a title or a role asks who, in both languages; which one of anything else,
    // or a role read past as a word of another phrase, does not.
    assert!(chinese("俄罗斯那边是哪个官员提议的").who);
    assert!(chinese("是哪位美国高官说的").who);
    assert!(!chinese("是哪个城市").who);
    assert!(english("Which Chinese vice premier led the talks?").who);
    assert!(english("what US officials flew to Beijing").who);
    assert!(!english("what was Moscow's official reaction").who);
    // A rank, not which lesson or which round.
    assert!(chinese("中国的投票权排到全球第几了").rank);
    assert!(chinese("中国算老几的债主").rank);
    assert!(!chinese("前言第几条讲了合作").rank);
    assert!(!chinese("是第几轮谈判").rank);
    assert!(english("What rank did China's vote share reach?").rank);
    // An English noun naming a measure after `what` asks a figure of it.
    let tariff = english("what average tariff on farm goods did China agree to");
    assert!(tariff.number);
    assert_eq!(tariff.measure.as_deref(), Some("share"));
    assert_eq!(
        english("What's the current carbon price")
            .measure
            .as_deref(),
        Some("money")
    );
    assert!(!english("what tariffs did the US put on Chinese goods").number);
    assert!(chinese("解振华当时担任什么职务").post);
    assert!(english("What post did Barshefsky hold?").post);
    assert!(
        !chinese("入世都成了，为啥官方连个庆祝活动都没搞").post,
        "为啥 before 官方 asks why"
    );
}

#[test]
fn a_length_of_time_in_a_unit_measures_it_and_a_month_asks_a_date_to_the_month() {
    let catalog = Catalog::empty();
    let days = read("建交后隔了几天就访美了", &catalog);
    assert!(days.how_long && !days.number, "{days:?}");
    assert_eq!(days.measure.as_deref(), Some("days"));
    assert_eq!(days.values_asked(), vec![ValueKind::Duration]);
    let month = read("布热津斯基是哪年几月访华的", &catalog);
    assert_eq!(month.values_asked(), vec![ValueKind::Month]);
    let day = read("公报是几月几号发表的", &catalog);
    assert_eq!(day.values_asked(), vec![ValueKind::Day]);
    let mut english = Intent::default();
    add_english(&mut english, "In what month did he visit?");
    assert_eq!(english.values_asked(), vec![ValueKind::Month]);
    assert_eq!(read("有多少日本企业参加", &catalog).measure, None);
    let mut stance = Intent::default();
    add_english(&mut stance, "What position did China take on the deal?");
    assert!(!stance.post, "a stance, not a post");
}

#[test]
fn ordinals_read_chinese_and_arabic_numbers() {
    let cases = [
        ("入世那一章的第二条经验讲了什么", Some(2)),
        ("前言第三条启示讲的是什么", Some(3)),
        ("第1点是什么", Some(1)),
        ("第十二条", Some(12)),
        ("第十条", Some(10)),
        ("最后一条经验", None),
    ];
    for (question, expect) in cases {
        assert_eq!(ordinal(question), expect, "{question}");
    }
}
