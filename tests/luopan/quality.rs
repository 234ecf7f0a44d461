//! The retrieval quality floor on the dev questions (copied into tests/data), scored exactly as
//! `luopan eval` scores them: a little under what luopan reaches now (zh hit@5 0.933, MRR@5
//! 0.865; en 1.000, 0.900), so that a change making answers worse fails here.

use crate::common::{engine, root};

#[test]
fn chinese_dev_questions_meet_the_quality_bar() {
    let questions = luopan::eval::load(&root().join("tests/data/dev.jsonl")).expect("dev set");
    let report = luopan::eval::evaluate(engine(), &questions);
    let zh = &report.by_lang["zh"];
    assert!(zh.questions >= 40);
    assert!(zh.hit_at_5 >= 0.93, "zh hit@5 {:.3}", zh.hit_at_5);
    assert!(zh.mrr_at_5 >= 0.85, "zh MRR@5 {:.3}", zh.mrr_at_5);
    let reference = 0.76;
    assert!(report.overall.hit_at_5 > 0.0 && zh.hit_at_5 > reference);
}

#[test]
fn english_and_traditional_dev_questions_meet_the_quality_bar() {
    let questions = luopan::eval::load(&root().join("tests/data/dev.jsonl")).expect("dev set");
    let report = luopan::eval::evaluate(engine(), &questions);
    let en = &report.by_lang["en"];
    assert!(en.questions >= 10);
    assert!(en.hit_at_5 >= 0.93, "en hit@5 {:.3}", en.hit_at_5);
    assert!(en.mrr_at_5 >= 0.85, "en MRR@5 {:.3}", en.mrr_at_5);
    let traditional =
        luopan::eval::evaluate_in(engine(), &questions, luopan::eval::Script::Traditional);
    let (zh, zh_traditional) = (&report.by_lang["zh"], &traditional.by_lang["zh"]);
    assert!(
        zh_traditional.hit_at_5 >= zh.hit_at_5 - 0.02,
        "{zh_traditional:?} vs {zh:?}"
    );
    assert!(
        zh_traditional.mrr_at_5 >= zh.mrr_at_5 - 0.02,
        "{zh_traditional:?} vs {zh:?}"
    );
}
