//! Whether a question is answered at all: the signals beyond how much of it the best passage
//! holds (the names it is about, the part it names).

use luopan::rank::NotFound;
use luopan::{Answer, Question};

use crate::common::engine;

fn ask(text: &str) -> Answer {
    engine().ask(&Question::new(text)).expect("answer")
}

#[test]
fn a_question_about_a_name_the_first_passages_never_hold_is_refused_naming_it() {
    // The report speaks of China's accession and mentions Japan, but never Japan's stance on
    // the accession: the passages that hold most of the question are about something else.
    let question = "日本对中国入世是什么态度";
    let answer = ask(question);
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Unrelated));
    assert_eq!(answer.missing.first().map(String::as_str), Some("日本"));
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert_eq!(explained.relevance.names_missing, vec!["日本".to_string()]);
    let line = luopan::render::relevance_line(&explained);
    assert!(
        line.starts_with("no: none of the first passages names 日本"),
        "{line}"
    );
}

#[test]
fn a_name_the_answer_holds_changes_nothing() {
    let question = "布热津斯基访华前卡特给了他什么指示";
    let answer = ask(question);
    assert!(answer.found, "{answer:?}");
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert!(
        explained.relevance.names.iter().any(|n| n == "布热津斯基"),
        "{:?}",
        explained.relevance
    );
    assert!(explained.relevance.names_missing.is_empty());
}

#[test]
fn a_passage_of_the_part_a_question_names_holds_that_name() {
    // The preface's passages do not write `前言`; a question asking what the preface means by
    // its compass is about the preface all the same.
    let answer = ask("前言里那个罗盘的说法想说明什么");
    assert!(answer.found, "{answer:?}");
    assert_eq!(answer.passages[0].case, "preface");
    assert!(answer.passages[0].excerpt.contains("罗盘"));
}

#[test]
fn a_persons_age_this_year_is_after_the_documents() {
    let answer = ask("陈东晓今年多大了");
    assert!(!answer.found);
    assert_eq!(answer.not_found, Some(NotFound::Later));
}

#[test]
fn a_time_so_near_today_is_after_the_documents() {
    for question in [
        "这周中美贸易谈判有啥新进展？",
        "What did the US and China agree on this week?",
        "昨天中美元首通话说了什么",
        "這週中美貿易談判有啥新進展？",
    ] {
        let answer = ask(question);
        assert_eq!(
            answer.not_found,
            Some(NotFound::Later),
            "{question}: {answer:?}"
        );
    }
}

#[test]
fn an_english_verbs_chinese_does_not_make_a_question_about_the_corpus() {
    // `playing` renders as 起到, which the report uses often (起到作用), but that is not what
    // the question means: only the nouns an English question renders say what it is about.
    let question = "what is everyone playing tonight";
    let answer = ask(question);
    assert!(!answer.found, "{answer:?}");
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert!(
        explained.keyness.iter().all(|(w, _)| w != "起到"),
        "{:?}",
        explained.keyness
    );
    // A question about the corpus keeps its nouns.
    let about = engine()
        .explain(&Question::new("why did the WTO talks take so long?"), 3)
        .expect("explained");
    assert!(
        about.found && about.relevance.key_held,
        "{:?}",
        about.relevance
    );
}

#[test]
fn an_english_word_whose_senses_are_rare_nouns_is_a_topic_the_corpus_lacks() {
    // `keyboard` → 键盘, seldom written in Chinese at large: a thing asked about, weighing
    // twice an everyday word; `mechanical` → 刻板 alone does not make it about the report.
    let answer = ask("anyone know a decent mechanical keyboard under $100?");
    assert!(!answer.found, "{answer:?}");
    // `cross-border` is the report's 跨国, and `kind` asks nothing.
    let found = ask("what kind of cross-border threats does the intro list?");
    assert!(found.found, "{found:?}");
}

#[test]
fn what_someone_did_after_or_before_is_a_fact_of_a_life() {
    let answer = ask("保尔森之后去干什么了");
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Unstated));
    assert_eq!(answer.unstated, vec![luopan::question::ValueKind::Life]);
}

#[test]
fn colloquial_words_the_corpus_never_uses_weigh_less_than_its_topics() {
    // 隔 and 飞去 are words of speech the report says otherwise (28天后, 访问); 老邓 is what
    // people call 邓小平. The question is answered with the day count.
    let question = "建交以后过了多久老邓飞去了美国";
    let answer = ask(question);
    assert!(answer.found, "{answer:?}");
    let shown: Vec<&str> = answer
        .passages
        .iter()
        .take(3)
        .map(|c| c.excerpt.as_str())
        .collect();
    assert!(
        shown.iter().any(|e| e.contains("中美建交28天后")),
        "{shown:?}"
    );
    // A topic the corpus never mentions still weighs in full.
    assert!(!ask("比特币和以太坊以后会怎么走").found);
}

#[test]
fn names_as_taiwan_writes_them_find_the_reports_names() {
    let answer = ask("雷根想把先进武器卖给台湾后来怎么收场的");
    assert!(answer.found, "{answer:?}");
    assert!(
        answer.passages[0].excerpt.contains("里根"),
        "{:?}",
        answer.passages[0]
    );
}

#[test]
fn the_title_of_a_work_is_answered_only_by_a_title() {
    // The report quotes what Brzezinski wrote, but never names his memoir.
    let answer = ask("布热津斯基写的回忆录书名叫什么");
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Unstated));
    assert_eq!(answer.unstated, vec![luopan::question::ValueKind::Work]);
    // The plan Obama signed is named between title marks.
    let named = ask("What was the title of the climate plan Obama signed in 2013?");
    assert!(named.found, "{named:?}");
    assert!(
        named
            .passages
            .iter()
            .take(3)
            .any(|c| c.excerpt.contains("《总统气候变化行动计划》")),
        "{:?}",
        named.passages
    );
}

#[test]
fn an_english_refusal_names_the_english_words() {
    let answer = ask("What did Japan say about China joining the WTO?");
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.missing.first().map(String::as_str), Some("Japan"));
    assert!(
        answer.missing.iter().all(|w| w.is_ascii()),
        "{:?}",
        answer.missing
    );
}

#[test]
fn a_value_counts_only_from_a_passage_holding_the_names_asked_about() {
    // The report says Brzezinski visited, but dates the visit nowhere; the passage dating
    // normalization does not name him.
    let answer = ask("布热津斯基那次访华是哪年几月");
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Unstated));
    // A name is one word, not the pieces jieba cuts it into; the answer holding it stands.
    let explained = engine()
        .explain(&Question::new("巴尔舍夫斯基那轮谈判连着多少个钟头没睡"), 3)
        .expect("explained");
    assert_eq!(explained.relevance.names, vec!["巴尔舍夫斯基".to_string()]);
    assert!(explained.found, "{:?}", explained.relevance);
}

#[test]
fn the_pieces_of_a_word_are_not_words_the_question_is_about() {
    // 大利 and 利亚, pieces of 澳大利亚, are rare in Chinese at large; the question is about
    // Australia's capital, which the corpus is not about.
    let question = "what's the capital of Australia lol";
    assert!(!ask(question).found);
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert!(
        explained
            .keyness
            .iter()
            .all(|(w, _)| w != "大利" && w != "利亚"),
        "{:?}",
        explained.keyness
    );
}

#[test]
fn a_value_counts_only_from_a_sentence_about_the_question_as_much_as_the_best_one() {
    // The FT commentary names 王辉耀 and the report gives many years, but no sentence about the
    // think tank he founded dates it: the years are in sentences about other things.
    let answer = ask("王辉耀是哪一年创办全球化智库的？");
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Unstated));
    // What is missing, each word once in its longest form.
    assert!(
        answer.missing.iter().any(|w| w == "王辉耀"),
        "{:?}",
        answer.missing
    );
    assert!(
        !answer.missing.iter().any(|w| w == "辉耀"),
        "{:?}",
        answer.missing
    );
}

#[test]
fn hours_asked_for_are_a_length_of_time() {
    let answer = ask("巴尔舍夫斯基那轮谈判连着多少个钟头没怎么睡？");
    assert!(answer.found, "{answer:?}");
    assert!(answer.passages[0].excerpt.contains("54小时"), "{answer:?}");
    let english = ask("How many hours did Barshefsky go without sleep in those talks?");
    assert!(english.found, "{english:?}");
    assert!(
        english.passages[0].excerpt.contains("54小时"),
        "{english:?}"
    );
}

#[test]
fn a_value_not_stated_names_what_is_missing_not_everyday_words() {
    let answer = ask("how much debt did lehman have when it went under?");
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Unstated));
    assert!(
        !answer.missing.iter().any(|w| w == "went" || w == "under"),
        "{:?}",
        answer.missing
    );
}

#[test]
fn a_word_jieba_tags_as_a_name_but_the_thesaurus_relates_to_common_words_is_no_name() {
    // jieba's dictionary tags 立马 ("at once") a place; the corpus never writes it, and the
    // thesaurus relates it to 立即. It is not what the question is about.
    let question = "为啥金融危机一来，中美就能立马把分歧先放一边合作？";
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert!(
        !explained.relevance.names.iter().any(|n| n == "立马"),
        "{:?}",
        explained.relevance.names
    );
    assert!(ask(question).found);
}

#[test]
fn a_thing_asked_for_is_no_topic_the_corpus_lacks() {
    // `发了个啥东西`: 东西 asks what; jieba tags it a place.
    let answer = ask("2014年APEC那会儿奥巴马跟习大大一块儿发了个啥东西？");
    assert!(answer.found, "{answer:?}");
    assert!(!answer.missing.iter().any(|w| w == "东西"), "{answer:?}");
}

#[test]
fn spoken_words_for_then_are_no_topic() {
    // 那阵子 is "at that time", as 那会儿 is; jieba takes it for a noun the corpus never uses.
    let answer = ask("美國那陣子一天新增病例大概多少？");
    assert!(answer.found, "{answer:?}");
    assert!(
        answer.missing.iter().all(|w| !w.contains("阵子")),
        "{answer:?}"
    );
}

#[test]
fn a_name_asked_of_a_part_counts_however_often_the_corpus_uses_it() {
    // The report speaks of Taiwan often; the FT commentary, which the question names, never.
    let answer = ask("what does the FT op-ed say Biden should do about Taiwan?");
    assert!(!answer.found, "{answer:?}");
    assert!(
        answer.missing.iter().any(|w| w == "Taiwan"),
        "{:?}",
        answer.missing
    );
}

#[test]
fn a_value_is_stated_only_by_a_passage_naming_whose_value_it_is() {
    // The crisis case names the Fed and names presidents, but never the Fed's chairman: a
    // passage naming 胡锦涛 as 国家主席 does not say who chaired the Fed.
    for question in [
        "金融危机那会儿美联储主席是谁？",
        "美联储的主席是谁？",
        "Who was the Fed chairman during the financial crisis?",
    ] {
        let answer = ask(question);
        assert!(!answer.found, "{question}: {answer:?}");
        assert_eq!(answer.not_found, Some(NotFound::Unstated), "{question}");
        let explained = engine()
            .explain(&Question::new(question), 3)
            .expect("explained");
        assert_eq!(explained.relevance.value_of, vec!["美联储".to_string()]);
    }
    // The value's own noun may be said otherwise (`团长` of the man who `率领` the delegation):
    // only the nouns before it must be held.
    let leader = ask("99年11月那轮入世谈判，中国代表团团长是谁");
    assert!(leader.found, "{leader:?}");
    assert!(
        leader.passages[..3]
            .iter()
            .any(|p| p.excerpt.contains("石广生")),
        "{leader:?}"
    );
}

#[test]
fn a_phrase_quoted_from_the_documents_makes_a_question_about_them() {
    // `大白话` (plain words) is nowhere in the corpus and weighs half the question; the quoted
    // phrase is the preface's own.
    let question = "“两手对两手”用大白话讲是啥意思？";
    let answer = ask(question);
    assert!(answer.found, "{answer:?}");
    assert!(
        answer.passages[0].excerpt.contains("两手对两手"),
        "{answer:?}"
    );
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert_eq!(
        explained.relevance.quote_held.as_deref(),
        Some("两手对两手")
    );
    assert!(
        luopan::render::relevance_line(&explained).contains("“两手对两手”"),
        "{}",
        luopan::render::relevance_line(&explained)
    );
    // A quoted phrase the documents never write changes nothing.
    assert!(!ask("“比特币减半”用大白话讲是啥意思？").found);
}

#[test]
fn a_value_of_something_the_corpus_never_mentions_is_not_stated() {
    // The crisis case dates Lehman's bankruptcy but never speaks of its debts.
    let question = "雷曼兄弟破产那会儿负债总额有多少";
    let answer = ask(question);
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Unstated));
    assert!(answer.missing.contains(&"负债".to_string()), "{answer:?}");
    let explained = engine()
        .explain(&Question::new(question), 3)
        .expect("explained");
    assert_eq!(
        explained.relevance.value_of_absent,
        vec!["负债".to_string()]
    );
    let line = luopan::render::relevance_line(&explained);
    assert!(
        line.contains("of 负债, which the corpus never names"),
        "{line}"
    );
    // Asked of what the corpus does speak of, the date is stated.
    assert!(ask("雷曼兄弟是哪天申请破产的").found);
}

#[test]
fn a_title_the_documents_never_write_is_not_discussed() {
    // The report speaks of Taiwan but never of the Taiwan Relations Act by name.
    let answer = ask("《台湾关系法》具体是哪一年通过的？");
    assert!(!answer.found, "{answer:?}");
    assert_eq!(answer.not_found, Some(NotFound::Absent));
    assert_eq!(answer.missing, vec!["《台湾关系法》".to_string()]);
    // It does name the 1982 communiqué, as 《八·一七公报》: written without the dot, it is
    // the same title (index/synonyms.toml).
    let dotless = ask("《八一七公报》具体是哪一年签署的？");
    assert_ne!(dotless.not_found, Some(NotFound::Absent), "{dotless:?}");
    assert!(
        !dotless.missing.iter().any(|m| m.contains("公报")),
        "{dotless:?}"
    );
    // A title they write is looked for as any words are, and their own titles are theirs
    // whether or not a passage writes them.
    assert!(ask("《中国贸易法案》是哪年通过的？").found);
    let own = ask("《大选后中美关系可争取出现缓和》这篇文章主要讲了什么？");
    assert_ne!(own.not_found, Some(NotFound::Absent), "{own:?}");
}

#[test]
fn a_length_of_time_asked_in_a_unit_is_stated_only_in_that_unit() {
    let days = ask("建交后邓小平隔了几天就访美了");
    assert!(days.found, "{days:?}");
    assert!(days.passages[0].excerpt.contains("28天"), "{days:?}");
    // The report gives figures about the accession, but no count of its protocol's pages.
    let pages = ask("中国入世议定书有多少页");
    assert_eq!(pages.not_found, Some(NotFound::Unstated), "{pages:?}");
}

#[test]
fn a_month_asked_for_is_not_answered_by_a_year() {
    // The report gives the year the climate working group was set up, not the month.
    assert!(ask("中美气候变化工作组是哪年成立的").found);
    let month = ask("中美气候变化工作组是几月成立的");
    assert_eq!(month.not_found, Some(NotFound::Unstated), "{month:?}");
}

#[test]
fn a_post_is_stated_only_by_a_title_in_the_persons_sentence() {
    // The report names 解振华 as leading the working group, and gives no post of his.
    let answer = ask("解振华当时是什么职务");
    assert_eq!(answer.not_found, Some(NotFound::Unstated), "{answer:?}");
    assert!(ask("巴尔舍夫斯基当时担任什么职务").found);
}

#[test]
fn a_person_asked_by_their_title_is_named_beside_it() {
    // The report says the US ambassador was present at Bush's talk with Deng, not who he was.
    let ambassador = ask("布什和邓小平单独会谈时，在场的美国驻华大使叫什么名字？");
    assert_eq!(
        ambassador.not_found,
        Some(NotFound::Unstated),
        "{ambassador:?}"
    );
    // It writes the embassy (大使馆), not an ambassador.
    let english = ask("Who was China's ambassador when the embassy in Belgrade was bombed?");
    assert_eq!(english.not_found, Some(NotFound::Unstated), "{english:?}");
    // A role the report calls otherwise is answered by whom it names: 部长石广生率领的代表团.
    let head = ask("1999年11月那轮谈判中国代表团团长是谁");
    assert!(head.found, "{head:?}");
}

#[test]
fn what_came_of_something_is_answered_only_by_a_passage_stating_it() {
    // The report names the Seattle ministerial only as a deadline the talks aimed at
    // (以期在…前达成协议), not what came of it.
    let answer = ask("西雅图那次世贸部长级会议最后结果怎么样？");
    assert_eq!(answer.not_found, Some(NotFound::Unstated), "{answer:?}");
}

#[test]
fn a_value_of_a_word_the_corpus_never_uses_in_any_form_is_stated_nowhere() {
    // The report speaks of China's carbon neutrality by 2060 and of its emissions peak, but
    // never of 碳达峰 nor of the year it comes: a year for carbon neutrality is not it.
    let answer = ask("中国承诺的碳达峰是哪一年？");
    assert_eq!(answer.not_found, Some(NotFound::Unstated), "{answer:?}");
    assert!(answer.missing.contains(&"碳达峰".to_string()), "{answer:?}");
}

#[test]
fn a_place_asked_for_is_stated_only_by_a_place_named_in_the_sentence_about_it() {
    // The report says the clean energy research centre was set up, not where: the city a
    // sentence beside it names is where a conference was to be held.
    let centre = ask("中美清洁能源联合研究中心的总部设在哪个城市？");
    assert_eq!(centre.not_found, Some(NotFound::Unstated), "{centre:?}");
    // It says where Hu and Obama met to merge the two dialogues: 于伦敦G20峰会期间.
    let london = ask("胡锦涛和奥巴马是在哪儿会晤，决定把两个对话合并的？");
    assert!(london.found, "{london:?}");
    // The city asked for is no name the passage must hold (`城市`, `city`).
    let washington = ask("Which city hosted the first G20 summit China attended?");
    assert!(washington.found, "{washington:?}");
    assert!(ask("第一次G20峰会是在哪个城市开的？").found);
}

#[test]
fn a_phrase_of_the_synonyms_jieba_cuts_into_pieces_is_no_absent_topic() {
    // 小平同志 is a synonym of the report's 邓小平, though jieba reads 小平 and 同志.
    let answer = ask("小平同志访美期间都谈了什么？");
    assert!(answer.found, "{answer:?}");
}

#[test]
fn a_question_naming_a_part_is_about_the_names_in_that_part() {
    // The report speaks of Taiwan; the FT commentary never does.
    for question in [
        "FT那篇评论对台湾问题说了什么？",
        "What does the FT piece say about Taiwan?",
    ] {
        let answer = ask(question);
        assert!(!answer.found, "{question}: {answer:?}");
    }
}

#[test]
fn a_word_the_thesaurus_files_only_among_actions_is_no_name() {
    // 上台 (take office), which jieba's dictionary tags as a place, is no name the climate
    // chapter must hold: it writes 特朗普政府执政以来.
    let answer = ask("特朗普上台以后中美气候合作怎么样了？");
    assert!(answer.found, "{answer:?}");
}

#[test]
fn a_single_character_is_as_rare_as_it_is_inside_any_word_of_the_corpus() {
    let snapshot = engine().snapshot();
    let index = &snapshot.index;
    // `进` stands alone in few passages but inside many words (`进一步`, `促进`), where a
    // question's `进` is matched: counted so, it is common, and weighs little.
    let inside = index.character_doc_freq('进');
    assert!(inside > 10, "进 inside words: {inside}");
    assert!(index.character_idf('进') < index.word_idf("进"));
    // A character no document writes is in no passage.
    assert_eq!(index.character_doc_freq('鑫'), 0);
}

#[test]
fn a_figure_is_stated_only_by_a_passage_holding_what_it_counts() {
    // The crisis case dates the Lehman bankruptcy but gives no rate of unemployment; the
    // report never says how many American goods China agreed to buy.
    for (question, counted) in [
        ("雷曼兄弟破产那会儿美国失业率是多少？", "失业率"),
        ("中美第一阶段经贸协议里中国答应多买多少美国货？", "货"),
    ] {
        let answer = ask(question);
        assert_eq!(
            answer.not_found,
            Some(NotFound::Unstated),
            "{question}: {answer:?}"
        );
        let explained = engine()
            .explain(&Question::new(question), 3)
            .expect("explained");
        assert_eq!(explained.relevance.measured, vec![counted.to_string()]);
    }
    // A noun of two characters is held by its head in another word: the phone calls are the
    // ministers' `通话`.
    let calls = ask("SED那几年部长之间打了多少电话");
    assert!(calls.found, "{calls:?}");
    assert!(
        calls.passages[..3]
            .iter()
            .any(|p| p.excerpt.contains("直接通话")),
        "{calls:?}"
    );
}

#[test]
fn a_date_is_stated_only_by_a_passage_holding_the_nouns_of_the_clause_asking_it() {
    // The FT piece names CPTPP but dates no application; the WTO case dates China's accession
    // agreement, which is not it.
    let cptpp = ask("中国正式递交加入CPTPP的申请是哪一年");
    assert_eq!(cptpp.not_found, Some(NotFound::Unstated), "{cptpp:?}");
    let explained = engine()
        .explain(&Question::new("中国正式递交加入CPTPP的申请是哪一年"), 3)
        .expect("explained");
    assert!(explained.relevance.value_of.contains(&"cptpp".to_string()));
    // Dates the documents give, of what the clause names, are answered.
    for question in ["中国是哪一年加入世贸组织的", "巴黎协定是哪天生效的"] {
        assert!(ask(question).found, "{question}");
    }
}

#[test]
fn a_place_is_stated_only_by_a_passage_holding_the_nouns_of_the_clause_asking_it() {
    // The FT piece names the import expo but not where it is held.
    let expo = ask("进博会是在哪个城市办的");
    assert_eq!(expo.not_found, Some(NotFound::Unstated), "{expo:?}");
    let explained = engine()
        .explain(&Question::new("进博会是在哪个城市办的"), 3)
        .expect("explained");
    // The expo (cut as 进 and 博会) is what the passage must hold; `城市`, right after the
    // question word, names the value.
    let of = &explained.relevance.value_of;
    assert!(of.iter().any(|w| w == "博会"), "{of:?}");
    assert!(!of.iter().any(|w| w == "城市"), "{of:?}");
}
