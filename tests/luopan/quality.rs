//! The retrieval quality floor on the dev questions (copied into tests/data), scored exactly as
//! `luopan eval` scores them: the targets for Chinese (hit@5 0.95, MRR@5 0.85; luopan
//! reaches 0.956 and 0.857), a little under what luopan reaches in English (1.000, 0.900), and
//! our own held-out sets at a little under their figures, so that a change making answers
//! worse fails here.

use std::sync::OnceLock;

use luopan::eval::{EvalQuestion, EvalReport, Scores};

use crate::common::{engine, root};

/// A question set of tests/data and how luopan scores on it.
fn evaluated(file: &str) -> (Vec<EvalQuestion>, EvalReport) {
    let questions = luopan::eval::load(&root().join("tests/data").join(file)).expect(file);
    let report = luopan::eval::evaluate(engine(), &questions);
    (questions, report)
}

/// The dev set, scored once for the tests that read it.
fn dev() -> &'static (Vec<EvalQuestion>, EvalReport) {
    static DEV: OnceLock<(Vec<EvalQuestion>, EvalReport)> = OnceLock::new();
    DEV.get_or_init(|| evaluated("dev.jsonl"))
}

/// Asserts a language's hit@5 and MRR@5 reach their floors.
fn at_least(scores: &Scores, hit_at_5: f32, mrr_at_5: f32) {
    assert!(
        scores.hit_at_5 >= hit_at_5 && scores.mrr_at_5 >= mrr_at_5,
        "{scores:?} under {hit_at_5} / {mrr_at_5}"
    );
}

#[test]
fn chinese_dev_questions_meet_the_quality_bar() {
    let (_, report) = dev();
    let zh = &report.by_lang["zh"];
    assert!(zh.questions >= 40);
    assert!(zh.hit_at_5 >= 0.95, "zh hit@5 {:.3}", zh.hit_at_5);
    assert!(zh.mrr_at_5 >= 0.85, "zh MRR@5 {:.3}", zh.mrr_at_5);
    let reference = 0.76;
    assert!(report.overall.hit_at_5 > 0.0 && zh.hit_at_5 > reference);
}

#[test]
fn english_and_traditional_dev_questions_meet_the_quality_bar() {
    let (questions, report) = dev();
    let en = &report.by_lang["en"];
    assert!(en.questions >= 10);
    assert!(en.hit_at_5 >= 0.93, "en hit@5 {:.3}", en.hit_at_5);
    assert!(en.mrr_at_5 >= 0.85, "en MRR@5 {:.3}", en.mrr_at_5);
    let traditional =
        luopan::eval::evaluate_in(engine(), questions, luopan::eval::Script::Traditional);
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

/// Asserts the share of unanswerable questions answered and of answerable ones refused stay
/// under their ceilings.
fn refusals_within(report: &EvalReport, false_accept: f32, false_refuse: f32) {
    let r = &report.refusals;
    assert!(
        r.false_accept <= false_accept && r.false_refuse <= false_refuse,
        "{r:?} over {false_accept} / {false_refuse}"
    );
}

#[test]
fn held_out_check_questions_stay_at_their_figures() {
    // Our own questions (tests/data/check.jsonl), written apart from the engine's tuning in
    // the way people ask: colloquial Chinese and loose English. Now zh 0.900 / 0.767, en
    // 0.800 / 0.550.
    // Session of names, senses and titles: now zh 0.933 / 0.775, en 0.700 / 0.650, 2 of 40 refused (an English word's senses now one term: `money` → 货币, no longer dropped as a piece of the IMF's Chinese name, takes the figure check elsewhere).
    let (_, report) = evaluated("check.jsonl");
    at_least(&report.by_lang["zh"], 0.89, 0.76);
    at_least(&report.by_lang["en"], 0.69, 0.64);
    refusals_within(&report, 0.0, 0.05);
}

#[test]
fn a_second_held_out_set_stays_at_its_figures() {
    // tests/data/check2.jsonl: 45 more questions written from the documents alone, with more
    // why, why-not and what-did-each-side-gain questions. Now zh 0.848 / 0.655, en 0.917 /
    // 0.607.
    // Session of names, senses and titles: now zh 0.879 / 0.663, en 0.917 / 0.653.
    // Reading 那阵子 as "at that time", not a topic the corpus lacks: zh 0.879 / 0.647 (one
    // answer from first to second; three refusals gone on other sets); 收益 and 回报 read as
    // 好处: back to 0.663.
    let (_, report) = evaluated("check2.jsonl");
    at_least(&report.by_lang["zh"], 0.87, 0.64);
    at_least(&report.by_lang["en"], 0.91, 0.65);
    refusals_within(&report, 0.0, 0.0);
}

#[test]
fn questions_the_documents_do_not_answer_are_mostly_refused_and_answerable_ones_are_not() {
    // tests/data/check3.jsonl, the tuning set of the relevance decision: 40 answerable and 40
    // unanswerable questions (other topics, small talk, later events, near misses). Now zh
    // 0.933 / 0.822, en 0.900 / 0.733 (0.633 before `sleep` → 睡, the authors' passages and
    // `op-ed`);
    // 6 of 40 unanswerable answered (10 before values asked for were checked, 7 before a life
    // fact was), none refused wrongly.
    // Session of names, senses and titles: now zh 0.933 / 0.822, en 1.000 / 0.783, 7 of 40 unanswerable answered.
    // A question word jieba cuts in two (`是哪` `年`) asks a date as it does whole: 1 of 40
    // answerable refused (the FT dates the BIT talks without `双边`), 1 of 40 unanswerable
    // answered.
    let (_, report) = evaluated("check3.jsonl");
    at_least(&report.by_lang["zh"], 0.93, 0.81);
    at_least(&report.by_lang["en"], 0.99, 0.77);
    refusals_within(&report, 0.18, 0.025);
}

#[test]
fn the_blind_set_stays_at_its_figures() {
    // tests/data/blind3.jsonl, written before the relevance and ranking work by a helper who
    // saw neither the engine nor the other sets, measured once before and once after it (not
    // tuned on then; a tuning set since). Now zh 0.859 / 0.743, en 0.850 / 0.742; 5 of 34
    // unanswerable answered (19 before, 10 before values asked for were checked, 7 before
    // keyness and measures), 2 of 91 answerable refused.
    // Session of names, senses and titles: now zh 0.915 / 0.777, en 0.850 / 0.748, 4 of 34 unanswerable answered, none refused.
    // min_coverage 0.28: 5 of 34 answered (the phase one deal's purchases).
    let (_, report) = evaluated("blind3.jsonl");
    at_least(&report.by_lang["zh"], 0.91, 0.77);
    at_least(&report.by_lang["en"], 0.84, 0.74);
    refusals_within(&report, 0.15, 0.0);
}

#[test]
fn english_as_people_chat_it_stays_at_its_figures() {
    // tests/data/check4.jsonl, the English tuning set: 45 answerable and 15 unanswerable
    // English questions written as English speakers chat, and 10 colloquial Chinese ones. Now
    // en 0.778 / 0.589 (0.733 / 0.554 before its words were read), zh 0.700 / 0.600; 7 of 15
    // unanswerable answered (12 before values asked for were checked, 4 since words of
    // everyday language alone and figures of another measure no longer answer), 2 of 55
    // answerable refused (5 before). Now en 0.800 / 0.609 (op-ed, the investment treaty).
    // Session of names, senses and titles: now en 0.889 / 0.694, zh 0.700 / 0.600, 5 of 15 unanswerable answered, 2 of 55 refused.
    let (_, report) = evaluated("check4.jsonl");
    at_least(&report.by_lang["en"], 0.88, 0.69);
    at_least(&report.by_lang["zh"], 0.69, 0.59);
    refusals_within(&report, 0.34, 0.037);
}

#[test]
fn the_second_blind_set_stays_at_its_figures() {
    // tests/data/blind4.jsonl, written by a helper who saw neither the engine nor the other
    // sets, frozen before the session that measured it at its start and end only (a tuning
    // set since). Now zh 0.875 / 0.810, en 0.842 / 0.719 (0.632 / 0.439 before English
    // questions' question words were read and Dodd-Frank was in the glossary, 0.737 / 0.614
    // before `sleep` → 睡 and the authors' passages); 7 of 35 unanswerable answered (12
    // before, 10 before measures), 2 of 75 refused (5 before).
    // Session of names, senses and titles: now zh 0.893 / 0.823, en 0.789 / 0.728 (one English question from fifth to sixth), 7 of 35 unanswerable answered, 1 of 75 refused.
    let (_, report) = evaluated("blind4.jsonl");
    at_least(&report.by_lang["zh"], 0.89, 0.82);
    at_least(&report.by_lang["en"], 0.78, 0.72);
    refusals_within(&report, 0.2, 0.014);
}

#[test]
fn the_third_blind_set_stays_at_its_figures() {
    // tests/data/blind5.jsonl, written by a helper who saw neither the engine nor the other
    // sets, frozen before the work on values asked for and measured at its start and end only.
    // Now zh 0.844 / 0.762 (0.822 / 0.740 at its end), en 0.920 / 0.853 (0.827 at the
    // start); 13 of 40 unanswerable answered (26 at the start, 21 at its end; a tuning set
    // since), 4 of 70 answerable refused (5 at the start and end).
    // Session of names, senses and titles: now zh 0.933 / 0.834, en 0.960 / 0.913, 12 of 40 unanswerable answered, 2 of 70 refused.
    let (_, report) = evaluated("blind5.jsonl");
    at_least(&report.by_lang["zh"], 0.93, 0.83);
    at_least(&report.by_lang["en"], 0.95, 0.91);
    refusals_within(&report, 0.3, 0.029);
}

#[test]
fn the_fourth_blind_set_stays_at_its_figures() {
    // tests/data/blind6.jsonl, written by a helper who saw neither the engine nor the other
    // sets, frozen before the work on keyness, measures and life facts and measured at its
    // start and end only (a tuning set since). Now zh 0.911 / 0.774, en 0.950 / 0.796 (0.900 /
    // 0.746 at the start and end); 14 of 35 unanswerable answered (20 at the start, 18 at the
    // end), 2 of 65 answerable refused (as at the start).
    // Session of names, senses and titles: now zh 0.911 / 0.780, en 0.950 / 0.854, 12 of 35 unanswerable answered, 1 of 65 refused.
    let (_, report) = evaluated("blind6.jsonl");
    at_least(&report.by_lang["zh"], 0.91, 0.77);
    at_least(&report.by_lang["en"], 0.94, 0.85);
    refusals_within(&report, 0.35, 0.016);
}

#[test]
fn the_fifth_blind_set_stays_at_its_figures() {
    // tests/data/blind7.jsonl, written by a helper who saw neither the engine nor the other
    // sets after the work on keyness, measures and life facts, measured on the code before it
    // and after it (the same hits; 22 -> 20 of 35 unanswerable answered), then frozen for the
    // next work (one-character senses, authors, outcomes, posts held) and measured at its end
    // only: zh 0.840 / 0.748 (as at the start), en 0.750 / 0.610 (0.700 / 0.560); 18 of 35
    // unanswerable answered (20), 7 of 70 answerable refused (8). A tuning set since: now zh
    // 0.860 / 0.768, en 0.850 / 0.710, 3 of 70 refused (op-ed, cash, 执笔 and 人写的 read).
    // Session of names, senses and titles: now zh 0.880 / 0.788, en 0.900 / 0.808, 12 of 35 unanswerable answered, 2 of 70 refused.
    let (_, report) = evaluated("blind7.jsonl");
    at_least(&report.by_lang["zh"], 0.87, 0.78);
    at_least(&report.by_lang["en"], 0.89, 0.8);
    refusals_within(&report, 0.35, 0.029);
}

#[test]
fn the_sixth_blind_set_stays_at_its_figures() {
    // tests/data/blind8.jsonl, written by a helper who saw neither the engine nor the other
    // sets, frozen before the work that read op-ed, decoupling, cash and more ways of asking
    // who wrote a document (tuned on blind7 once it was measured), measured at its start and
    // end. Now as at the start: zh 0.880 / 0.818, en 0.850 / 0.663; 18 of 35 unanswerable
    // answered, 7 of 70 answerable refused. (Reading 这份 as a question word lifted one Chinese
    // question at the end, but left `这份报告是谁写的` with no words at all; it was taken back.)
    // Session of names, senses and titles: now zh 0.920 / 0.858, en 0.800 / 0.650 (one English question from fifth to ninth), 12 of 35 unanswerable answered, 4 of 70 refused.
    let (_, report) = evaluated("blind8.jsonl");
    at_least(&report.by_lang["zh"], 0.91, 0.85);
    at_least(&report.by_lang["en"], 0.79, 0.64);
    refusals_within(&report, 0.35, 0.058);
}

#[test]
fn the_seventh_blind_set_stays_at_its_end_figures() {
    // tests/data/blind9.jsonl, written by a helper who saw neither the engine nor the other
    // sets, frozen before the work on names, English senses and titles, measured at its start
    // (8c42d82) and end only: zh 0.840 / 0.750 -> 0.860 / 0.783, en 0.850 / 0.729 -> 0.850 /
    // 0.767; unanswerable answered 15 -> 15 of 35, answerable refused 5 -> 4 of 70.
    // With the informal English glossary: en 0.850 / 0.758. `back then` is now 当时, not
    // `back` → 支持, which had lifted one answer to second.
    let (_, report) = evaluated("blind9.jsonl");
    at_least(&report.by_lang["zh"], 0.85, 0.78);
    at_least(&report.by_lang["en"], 0.84, 0.75);
    refusals_within(&report, 0.43, 0.058);
}

#[test]
fn the_eighth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind10.jsonl, written the same way during that work, measured on the code
    // before it (8c42d82) and at its end only: zh 0.940 / 0.865 -> 0.940 / 0.865, en 0.800 /
    // 0.587 -> 0.800 / 0.677; unanswerable answered 19 -> 18 of 35, answerable refused 2 -> 1
    // of 70. (The parts' bylines as passages moved one question from rank 1 to 2: zh MRR
    // 0.855.) The contrast hint (a comparison prefers a span setting one side against
    // another) lifted 22 questions of the tuning sets and moved two of this one down a rank,
    // `How did the military side … compared to the trade side` among them: en MRR 0.652.
    // A value of what someone did is now stated where they are named: the two-part `When did
    // the Soviets finally finish pulling out…, and when did Gorbachev come…` is refused (the
    // report says `两个月后` of Gorbachev, in a passage without the date): 2 of 70 refused.
    let (_, report) = evaluated("blind10.jsonl");
    at_least(&report.by_lang["zh"], 0.93, 0.85);
    at_least(&report.by_lang["en"], 0.79, 0.65);
    refusals_within(&report, 0.52, 0.03);
}

#[test]
fn the_ninth_blind_set_stays_at_its_figures() {
    // tests/data/blind11.jsonl, written the same way, measured before and after the step that
    // checks a value against the names asked about (zh 0.840 / 0.770, en 0.750 / 0.654 both
    // times; unanswerable answered 15 -> 13 of 35, refused 4 of 70), then a tuning set. Now zh
    // 0.860 / 0.789, en 0.750 / 0.654; 12 of 35 answered, 3 of 70 refused.
    let (_, report) = evaluated("blind11.jsonl");
    at_least(&report.by_lang["zh"], 0.85, 0.78);
    at_least(&report.by_lang["en"], 0.74, 0.64);
    refusals_within(&report, 0.35, 0.043);
}

#[test]
fn the_tenth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind12.jsonl, written by a helper who saw neither the engine nor the other
    // sets, frozen before the session of values stated where the question is spoken of,
    // measured at its start (849e855) and end (f5d9a9e) only: zh 0.840 / 0.719, en 0.850 /
    // 0.683 both times; unanswerable answered 17 -> 16 of 35, answerable refused 8 -> 8 of 70.
    // Then a tuning set: author questions as 哪个单位弄出来的 and 那阵子 read as a time word
    // made it zh 0.880 / 0.759, 6 of 70 refused.
    let (_, report) = evaluated("blind12.jsonl");
    at_least(&report.by_lang["zh"], 0.87, 0.75);
    at_least(&report.by_lang["en"], 0.84, 0.68);
    refusals_within(&report, 0.46, 0.086);
}

#[test]
fn the_eleventh_blind_set_stays_at_its_end_figures() {
    // tests/data/blind13.jsonl, written the same way during that session, frozen and measured
    // on 6460b02 and at the session's end (876e5ac) only: zh 0.880 / 0.745, en 0.750 / 0.617
    // both times; unanswerable answered 13 -> 12 of 35, answerable refused 7 -> 6 of 70.
    let (_, report) = evaluated("blind13.jsonl");
    at_least(&report.by_lang["zh"], 0.87, 0.74);
    at_least(&report.by_lang["en"], 0.74, 0.61);
    refusals_within(&report, 0.35, 0.086);
}

#[test]
fn the_twelfth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind14.jsonl, written by a helper from the documents alone and frozen
    // before the session of whose value is asked; measured on 0e9f981 and at the end
    // (573dd99) only: zh 0.880 / 0.780, en 0.850 / 0.767 both times; unanswerable answered 11
    // of 35 and answerable refused 6 of 70 both times.
    let (_, report) = evaluated("blind14.jsonl");
    at_least(&report.by_lang["zh"], 0.87, 0.77);
    at_least(&report.by_lang["en"], 0.84, 0.76);
    refusals_within(&report, 0.32, 0.086);
}

#[test]
fn the_thirteenth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind15.jsonl, written by a helper from the documents alone and frozen
    // before the session of values asked with a precision, bylines and titles; measured on
    // fa69d2a and at the end (259b114) only: zh 0.840 / 0.740 -> 0.840 / 0.743, en 0.650 /
    // 0.521 both times; unanswerable answered 11 -> 10 of 35, answerable refused 5 of 70 both
    // times.
    // Tuned on since: en 0.750 / 0.621, unanswerable answered 9, answerable refused 4 at
    // d446a7f. A doubtful question needing absent topics of a quarter of it, not a tenth,
    // answered one more of each (`克里当上气候特使以后…谈出了什么结果`, `次贷危机…开头几个信号是啥`):
    // 10 and 3.
    let (_, report) = evaluated("blind15.jsonl");
    at_least(&report.by_lang["zh"], 0.83, 0.74);
    at_least(&report.by_lang["en"], 0.74, 0.62);
    refusals_within(&report, 0.29, 0.058);
}

#[test]
fn the_fourteenth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind16.jsonl, written by a helper from the documents alone and frozen
    // before the session of places, names by part and one-character words; measured on
    // 40e0534 and at the end (d446a7f) only: zh 0.920 / 0.739 -> 0.900 / 0.735, en 0.900 /
    // 0.812 both times; unanswerable answered 13 of 35 and answerable refused 3 of 70 both
    // times (the same with `--traditional`).
    let (_, report) = evaluated("blind16.jsonl");
    at_least(&report.by_lang["zh"], 0.89, 0.73);
    at_least(&report.by_lang["en"], 0.89, 0.80);
    refusals_within(&report, 0.38, 0.043);
}

#[test]
fn the_fifteenth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind17.jsonl, written by a helper from the documents alone and frozen
    // before the session of comparisons and spoken why-cues; measured on 74a1fc7 and at the
    // end (158af96) only: zh 0.800 / 0.632 -> 0.820 / 0.647 (compare 0.667 / 0.431 -> 0.833 /
    // 0.556), en 0.850 / 0.668 both times; unanswerable answered 9 of 35 and answerable refused
    // 7 of 70 both times.
    let (_, report) = evaluated("blind17.jsonl");
    at_least(&report.by_lang["zh"], 0.81, 0.64);
    at_least(&report.by_lang["en"], 0.84, 0.66);
    refusals_within(&report, 0.26, 0.10);
}

#[test]
fn the_sixteenth_blind_set_stays_at_its_figures() {
    // tests/data/blind18.jsonl, written by a helper from the documents alone, asked for
    // slangier questions, with metaphors; frozen during the session of comparisons and
    // measured on a5823b1 (start), e1e5692 (the same) and at the end (doubtful questions
    // needing absent topics of a quarter of them) only: zh 0.600 / 0.497 -> 0.680 / 0.552, en
    // 0.650 / 0.554 throughout; unanswerable answered 8 of 35 throughout, answerable refused
    // 22 -> 16 of 70. Its misses were read in the next session, when it became a tuning set
    // (7 of 35 unanswerable answered after a figure needed what it counts, 5 after a date
    // needed the nouns of its clause, which refused one asking a day and a year at once: zh
    // 0.660 / 0.532, answerable refused 17 of 70). With spoken Chinese and informal English
    // read as the corpus's words (index/synonyms.toml, index/glossary.toml): zh 0.760 / 0.619,
    // en 0.850 / 0.689, answerable refused 8 of 70, unanswerable answered 4 of 35.
    let (_, report) = evaluated("blind18.jsonl");
    at_least(&report.by_lang["zh"], 0.75, 0.61);
    at_least(&report.by_lang["en"], 0.84, 0.68);
    refusals_within(&report, 0.12, 0.12);
}

#[test]
fn the_seventeenth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind19.jsonl, written by a helper from the documents alone (more number,
    // who and near-topic questions the documents leave open), frozen before the session of
    // figures needing what they count; measured on ba74bc7 (start) and at the end only: zh
    // 0.860 / 0.750 and en 0.750 / 0.646 both times, unanswerable answered 14 -> 13 of 35,
    // answerable refused 4 of 70 both times. Its misses were read in the next session, when
    // it became a tuning set; with spoken Chinese and informal English read as the corpus's
    // words: zh 0.920 / 0.796, en 0.850 / 0.704, answerable refused 1 of 70, unanswerable
    // answered 13 of 35.
    let (_, report) = evaluated("blind19.jsonl");
    at_least(&report.by_lang["zh"], 0.91, 0.79);
    at_least(&report.by_lang["en"], 0.84, 0.70);
    refusals_within(&report, 0.38, 0.03);
}

#[test]
fn the_eighteenth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind20.jsonl, written by a helper from the documents alone, frozen before
    // the session of spoken and informal words (4df6d89) and measured on 5c91b2d (start) and
    // at the end (fe4e357) only: zh 0.920 / 0.805 both times, en 0.750 / 0.710 -> 0.850 /
    // 0.762; answerable refused 7 -> 6 of 70, unanswerable answered 10 -> 12 of 35 (English
    // 3 -> 5 of 10: near-topic questions read better too). Its misses, read after the end,
    // showed `admin` read as 政府 (`how do I reset my router admin password`); without it, 11
    // of 35 answered. As a tuning set of the next session (values stated where their people and
    // years are, what someone said): zh 0.960 / 0.845, en 0.900 / 0.812; 6 of 35 answered, 3 of
    // 70 refused.
    let (_, report) = evaluated("blind20.jsonl");
    at_least(&report.by_lang["zh"], 0.95, 0.84);
    at_least(&report.by_lang["en"], 0.89, 0.81);
    refusals_within(&report, 0.18, 0.043);
}

#[test]
fn the_nineteenth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind21.jsonl, written by a helper from the documents alone, frozen before
    // the session of values stated where their people and years are (fb034ef) and measured on
    // ab1d2af (start) and at the end (082c8b4) only: zh 0.920 / 0.760 -> 0.900 / 0.740, en
    // 0.800 / 0.625 both times; answerable refused 3 -> 4 of 70, unanswerable answered 9 -> 8
    // of 35. (The tuning sets meanwhile: 126 -> 82 of 689 answered.) The one more refused is
    // `08年那会儿中国手上外汇储备大概多少`: the report gives the reserves away from `2008`.
    // A tuning set since: the next session (a passage opening `当时` after one dating it
    // 2008, a word pointing back, the one-line strategy in English) took it to zh 0.940 /
    // 0.780, en 0.850 / 0.650, refused 2 of 70.
    let (_, report) = evaluated("blind21.jsonl");
    at_least(&report.by_lang["zh"], 0.94, 0.78);
    at_least(&report.by_lang["en"], 0.85, 0.65);
    refusals_within(&report, 0.23, 0.029);
}

#[test]
fn the_twentieth_blind_set_stays_at_its_end_figures() {
    // tests/data/blind22.jsonl, written by a helper from the documents alone, frozen before
    // the session of names the documents never mention, chat asides, English words in
    // Chinese questions and questions about a whole document (626f34a), and measured on
    // 3a9aff7 (start) and at the end (25c58ba) only: zh 0.960 / 0.870 both times, en 0.800 /
    // 0.750 -> 0.800 / 0.775; answerable refused 1 of 70 and unanswerable answered 7 of 35
    // both times. (The tuning sets meanwhile: 90 -> 83 of 724 answered, 39 -> 33 of 1591
    // refused.)
    let (_, report) = evaluated("blind22.jsonl");
    at_least(&report.by_lang["zh"], 0.96, 0.869);
    at_least(&report.by_lang["en"], 0.80, 0.77);
    refusals_within(&report, 0.201, 0.015);
}

#[test]
fn the_twenty_first_blind_set_stays_at_its_end_figures() {
    // tests/data/blind23.jsonl, written by a helper from the documents alone, frozen before
    // the session of which-one, rank, round and whose-words readings (435e074), and measured
    // on abfa411 (start) and at the end (98d9171) only: the same figures both times, zh
    // 0.960 / 0.874, en 0.850 / 0.800, answerable refused 4 of 70, unanswerable answered 6
    // of 35. (The tuning sets meanwhile: 90 -> 75 of 759 answered, 34 -> 32 of 1661
    // refused.)
    let (_, report) = evaluated("blind23.jsonl");
    at_least(&report.by_lang["zh"], 0.96, 0.873);
    at_least(&report.by_lang["en"], 0.85, 0.79);
    refusals_within(&report, 0.172, 0.058);
}

#[test]
fn a_miss_says_how_far_down_its_answer_was() {
    // Too vague a question: the preface's opening is among the candidates, not in the first five.
    let vague = luopan::eval::EvalQuestion {
        id: "vague".into(),
        lang: "zh".into(),
        question: "中美关系".into(),
        doc: "report".into(),
        case: "preface".into(),
        kind: "fact".into(),
        gold: vec!["中美已经进入竞合关系的新阶段".into()],
    };
    let report = luopan::eval::evaluate(engine(), &[vague]);
    let outcome = &report.outcomes[0];
    assert_eq!(outcome.rank, None);
    assert!(
        outcome
            .candidate_rank
            .is_some_and(|r| (6..=luopan::eval::CANDIDATES_LOOKED_AT).contains(&r)),
        "{outcome:?}"
    );
}
