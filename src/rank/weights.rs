//! Every number that tunes how passages are ranked and how an answer is cut from them, in one
//! place. The defaults are what luopan ships with; `[rank]` in the settings overrides any of
//! them for experiments (`LUOPAN__RANK__REASON=0.2`), and `luopan explain` prints the values in
//! use.

use serde::{Deserialize, Serialize};

/// The ranking's weights and thresholds. A passage's score is
/// `bm25 × BM25/best + coverage × coverage + best_span × best span + section × what the
/// section holds beyond the passage + taught × what its taught questions hold + hints`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    // The score.
    /// BM25 relative to the best candidate's: how strongly the index matches.
    pub bm25: f32,
    /// The share of the question's weighted words and bigrams the passage holds.
    pub coverage: f32,
    /// The same share for the passage's best span (a sentence, or two in a row): answers are
    /// sentences, so a passage whose words are all in one place is likelier to answer.
    pub best_span: f32,
    /// What two sentences in a row are worth against one sentence holding as much (an answer
    /// often names its subject in one sentence and gives the fact in the next).
    pub pair_discount: f32,
    /// What a passage inherits of the share of the question its section holds beyond its own
    /// (its section's other candidates holding the words it lacks). Off: at 0.1 it lifted
    /// questions of check2 and check3 and lowered one of dev and one of check.
    pub section: f32,
    /// What a passage's first sentence with the sentence before the passage (its lead) is worth
    /// against one sentence holding as much: less than two sentences of its own.
    pub lead_discount: f32,

    // Hints: what the question's wording adds to a passage.
    /// A passage of a part the question names (`入世那一章`).
    pub named_part: f32,
    /// A passage of another part when the question names some (negative: a penalty).
    pub other_part: f32,
    /// A lesson passage, for a question about lessons.
    pub lessons: f32,
    /// A lesson's opening passage (its numbered topic sentence), for a question about lessons.
    pub numbered_lesson: f32,
    /// How much more the two above count when the question names the lesson's part.
    pub named_lessons_scale: f32,
    /// A passage whose best span gives a date (or a length of time), for a question asking
    /// when (or how long): a passage without one cannot answer it.
    pub dated: f32,
    /// A passage whose best span gives a reason (`因为`, `由于`), for a why-question.
    pub reason: f32,
    /// A passage whose best span names what held something back (`制约`, `否决`), for a
    /// question asking why something could not be done.
    pub obstacle: f32,
    /// A passage whose best span names a person, for a question asking who.
    pub person: f32,
    /// A passage whose best span gives a figure (`4万亿元`, `26%`), for a question asking how
    /// much or how many.
    pub figure: f32,
    /// A passage whose best span tells how something was done (`通过`, `采取`, `随后`), for a
    /// question asking how. Off: measured at 0.05 to 0.1 it lifted two how-questions of dev and
    /// check and dropped one of check2 from first to second.
    pub steps: f32,
    /// A passage whose best span sets one side against another (`美国则`, `分歧`, `不同`), for
    /// a question comparing them (`各自`, `差在哪`, `differ`). At 0.1 to 0.25 it lifted 22
    /// questions of the nineteen tuning sets (Chinese hit@5 +6 of 865) and moved two down a
    /// rank.
    pub contrast: f32,
    /// The passage the question's structure asks for (the lesson it numbers).
    pub asked_for: f32,
    /// Where the hints look for an answer of the kind asked: the best span, and any sentence
    /// holding at least this share of what the best span holds (1: the best span alone). When
    /// many passages hold all the question's words, the one answering it may say so in
    /// another sentence than its first (`中国为啥急着入世`: every passage of the case holds
    /// 中国 and 入世; the one with the reason gives it two sentences on). At 0.9 the tuning
    /// sets gained 5 Chinese hits and lost none; at 0.7, one more, and an English MRR fell.
    pub answer_span_share: f32,
    /// What a passage gets for the share of the question its taught questions hold
    /// (`taught.toml`): a moderator said it answers such a question, so it should come first.
    pub taught: f32,

    // Reading a question.
    /// What a related word from the thesaurus is worth against the question's own word.
    pub related_credit: f32,
    /// How much a synonym, a decade's year or a related word weighs in the search against the
    /// question's own word.
    pub expansion: f32,
    /// What a word matched in a passage's headings weighs in the search against the same word
    /// matched in its text.
    pub context: f32,
    /// What a word matched in the questions taught to a passage weighs in the search against
    /// the same word matched in its text.
    pub taught_match: f32,
    /// The least rarity (idf) of a question's word for the thesaurus to be asked about it:
    /// words the corpus uses everywhere are its own words already.
    pub related_min_idf: f32,

    // The relevance decision.
    /// The least share of the question's weighted words (those the corpus never uses
    /// included) the best passage must hold for luopan to answer. 0.28 rather than 0.3 (with
    /// values read against the best sentence of the first passages): on the fifteen tuning
    /// sets three answerable questions fewer refused, each then answered first, for two
    /// unanswerable ones more answered. 0.26 rather than 0.28 once spoken words were read as
    /// the corpus's (`index/synonyms.toml`): on twenty-two sets five answerable questions fewer
    /// refused, four of them then in the first five, no unanswerable one more answered (at
    /// 0.25, one).
    pub min_coverage: f32,
    /// The share of `min_coverage` enough for a passage of a part the question names: the
    /// question is about the corpus by its own words.
    pub named_part_factor: f32,
    /// What a word the corpus never uses weighs in the decision against its rarity, when it is
    /// no topic (a verb, a word of speech, a word jieba guessed: `隔`, `飞去`): the
    /// corpus may say it otherwise, and a colloquial question is full of such words. At 0.5
    /// the tuning sets refused 15 of 681 answerable questions instead of 20, gained 4 Chinese
    /// hits, and answered 74 of 269 unanswerable ones instead of 69.
    pub everyday_absent: f32,
    /// The least share of a run of adjacent absent words that its nouns must weigh for the run
    /// to be a topic the documents do not discuss: below it, the run is a way of saying
    /// something (`按理说不该放个鞭炮`), not a thing asked about. At 0.3 the twenty tuning sets
    /// answered one more question (at rank 1) and nothing else moved; at 0.5 an unanswerable one
    /// was answered too (`多少钱投到铁路上`).
    pub phrase_topic_share: f32,
    /// How often, per million words of Chinese at large (jieba's dictionary), the commonest
    /// sense of an English word the corpus never uses may occur for the word to be a topic
    /// (`keyboard` → 键盘), if all its senses are nouns: a topic weighs twice an everyday
    /// word. At 83 (5000 of jieba's counts) the twenty-three tuning sets answered 4 unanswerable
    /// questions fewer (a keyboard, a French official) and refused none more; at 1.7 (100
    /// counts), 2 fewer.
    pub english_topic_per_million: f32,
    /// The least share of an English question's meaningful words that must find Chinese words
    /// the corpus uses; below it, the question is about something else.
    pub min_rendered_share: f32,
    /// How many of the first passages the decision looks at: the one that holds the most of
    /// the question decides.
    pub relevance_candidates: usize,
    /// A question whose words the corpus never mentions (its topic words: nouns, names,
    /// foreign words) weigh this share of it is about something the documents do not discuss.
    pub max_absent_share: f32,
    /// Names of people, places or bodies the corpus never mentions (jieba's nr, ns, nt and nz
    /// words of three characters or more; capitalized English words no glossary or dictionary
    /// renders) weighing this share of a question make it about something the documents do
    /// not tell of: `Kissinger`, `Huawei`, `温家宝`. Set on twenty-four tuning sets: 0.2 refused
    /// 8 unanswerable questions more and no answerable one, once the glossary rendered the
    /// names the corpus does write (Shanghai, Hangzhou, DC, Hu, Treasury); 0.15 refused one
    /// more and 9 answerable ones more (`CBDR`, `Johns Hopkins`, `Q4`). jieba tags many words of
    /// two characters as names (`谢谢`, `拜托`), so those stay topics (one of the 8, `香港`, is
    /// answered again).
    pub max_absent_name_share: f32,
    /// Absent topic words weighing this share make a question doubtful: found only when the
    /// best passage holds at least `doubtful_min_coverage` of it. Raised from 0.1 to 0.25 on
    /// twenty tuning sets: five answerable questions refused for one colloquial noun
    /// (`连轴转`, `信号`, `用处`) were answered at rank 1 or 2, and one unanswerable question
    /// more was answered; 0.3 answered five more unanswerable ones.
    pub doubtful_absent_share: f32,
    pub doubtful_min_coverage: f32,
    /// A question asking for a value (a date, a length of time, a person, a figure) is answered
    /// only when one of the first passages states one in a sentence about the question: one
    /// holding this share of the passage's best sentence's, or a sentence beside it.
    pub require_value: bool,
    /// Whether a figure asked for must be stated by a passage holding the noun naming it
    /// (`失业率` in `美国失业率是多少`).
    pub require_measured: bool,
    /// Whether a date or a place asked for is of every noun of the clause asking it (the
    /// corpus is about them and uses them seldom, as `value_of_min_idf` says), not only of
    /// those right before its question word: a passage dating China's WTO agreement does not
    /// date its CPTPP application. On twenty-one tuning sets: unanswerable questions answered
    /// 117 -> 107 of 619 (dates 9, places 1); answerable ones refused 45 -> 47 of 1381 (one whose
    /// answer ranked fourth, one asking a day and a year at once). Of a person, a figure or a
    /// length of time it refused 3 to 14 answerable questions more.
    pub when_and_where_of_clause_nouns: bool,
    pub value_sentence_share: f32,
    /// That sentence must also hold this share of what the sentence most about the question
    /// among the first passages holds: a passage barely about the question (a date in a
    /// passage naming only 王辉耀) does not state its value. At 0.4 the tuning sets answered 102
    /// of 374 unanswerable questions instead of 113, nothing else moved.
    pub value_anywhere_share: f32,
    /// A place asked for is named in a clause holding this share of the question's weight (a
    /// clause setting the scene of the next read with it): where two leaders met (`于伦敦G20峰会
    /// 期间举行会晤，决定将…合并为“中美战略与经济对话”`) is not where the dialogue was held,
    /// and a word as common as 美 does not make the clause about the question. On twenty-six
    /// tuning sets, at 0.05 to 0.3 alike: unanswerable questions answered 81 -> 77 of 794,
    /// nothing else moved (0 turns it off).
    pub place_clause_share: f32,
    /// The passage stating the value must hold this much of each noun saying whose value is
    /// asked for (`美联储` in `美联储主席是谁`; not `主席`, which the corpus may say otherwise):
    /// 1 the word or a synonym, `related_credit` a related word, 0 not needed. Only nouns the
    /// corpus is about (keyness at least `min_keyness`) and uses seldom enough (rarity at
    /// least `value_of_min_idf`: `中国` and `美国` are in nearly every passage) count. On the
    /// sixteen tuning sets: unanswerable questions answered 131 -> 121 of 444, nothing else
    /// moved. Requiring the value's own noun as well (`主席`) refused 20 answerable questions
    /// more, the question's rarest word 106 more. (Such a noun the corpus never uses refuses
    /// the value whatever this is: `relevance.value_of_absent`.)
    pub value_asked_of_credit: f32,
    pub value_of_min_idf: f32,
    /// A question is about the corpus only when one of the first passages holds one of its
    /// words the corpus is about: one whose keyness (how much more often the corpus uses it
    /// than Chinese at large, a log ratio) is at least `min_keyness`.
    pub require_key_word: bool,
    pub min_keyness: f32,
    /// A question naming someone, somewhere or some body (a name in jieba's dictionary or
    /// the user dictionary) that the corpus mentions but seldom (rarity at least
    /// `name_min_idf`; not the name of a part or document), the name weighing at least
    /// `name_min_share` of it, is about that name: answered only when one of the first
    /// passages holds it, even in a part the question names (`印度在巴黎协定谈判里…`). A name
    /// weighing less is a detail (`派谁来北京` is answered by `访华`). A value asked for (a date,
    /// a figure) counts only when stated by a passage lacking less than `name_min_share` of
    /// such names.
    pub require_names: bool,
    pub name_min_idf: f32,
    pub name_min_share: f32,

    // Cutting the answer.
    /// Two passages whose character bigrams overlap this much (Jaccard) are near copies; only
    /// the better is shown (the preface retells the cases).
    pub near_duplicate: f32,
    /// How many of the shown passages the summary takes sentences from.
    pub summary_passages: usize,
    /// What a summary sentence loses for each rank its passage stands below the first.
    pub summary_rank_decay: f32,
    /// A summary sentence must weigh at least this share of the best one's.
    pub summary_min_share: f32,
    /// Two summary sentences this alike (Jaccard of bigrams) are one too many.
    pub summary_duplicate: f32,
    /// A summary sentence also cites a shown passage holding a sentence this alike.
    pub near_copy: f32,
    /// The most characters of a summary with more than one sentence.
    pub summary_chars: usize,
    /// The shortest and the longest sentence a summary takes, in characters.
    pub summary_sentence_chars: (usize, usize),
    /// How much more a summary sentence weighs when it gives an answer of the kind asked for
    /// (a date, a reason, a person, a figure), and when it holds the question's focus.
    pub summary_answer: f32,
    pub summary_focus: f32,
    /// What a lesson's topic sentence adds in the summary of a question about lessons, and
    /// what the topic sentence of the lesson asked for adds.
    pub topic_sentence: f32,
    pub asked_topic_sentence: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            bm25: 0.35,
            coverage: 0.25,
            best_span: 0.4,
            section: 0.0,
            pair_discount: 0.9,
            lead_discount: 0.8,
            named_part: 0.15,
            other_part: -0.05,
            lessons: 0.2,
            numbered_lesson: 0.1,
            named_lessons_scale: 1.5,
            dated: 0.3,
            reason: 0.15,
            obstacle: 0.3,
            person: 0.15,
            figure: 0.15,
            steps: 0.0,
            contrast: 0.15,
            asked_for: 1.0,
            answer_span_share: 0.9,
            taught: 1.0,
            related_credit: 0.4,
            expansion: 0.2,
            context: 0.3,
            taught_match: 1.0,
            related_min_idf: 2.0,
            min_coverage: 0.26,
            named_part_factor: 0.4,
            everyday_absent: 0.5,
            phrase_topic_share: 0.3,
            english_topic_per_million: 83.0,
            min_rendered_share: 0.5,
            relevance_candidates: 3,
            max_absent_share: 0.4,
            max_absent_name_share: 0.2,
            doubtful_absent_share: 0.25,
            doubtful_min_coverage: 0.35,
            require_value: true,
            require_measured: true,
            when_and_where_of_clause_nouns: true,
            value_sentence_share: 0.5,
            value_anywhere_share: 0.4,
            place_clause_share: 0.1,
            value_asked_of_credit: 1.0,
            value_of_min_idf: 1.0,
            require_key_word: true,
            min_keyness: 1.8,
            require_names: true,
            name_min_idf: 3.0,
            name_min_share: 0.15,
            near_duplicate: 0.5,
            summary_passages: 3,
            summary_rank_decay: 0.15,
            summary_min_share: 0.5,
            summary_duplicate: 0.5,
            near_copy: 0.6,
            summary_chars: 360,
            summary_sentence_chars: (6, 220),
            summary_answer: 1.0,
            summary_focus: 1.0,
            topic_sentence: 1.0,
            asked_topic_sentence: 2.0,
        }
    }
}

impl Weights {
    /// The score's formula with these weights, as `explain` prints it.
    pub fn formula(&self) -> String {
        format!(
            "score = {} × BM25/best + {} × coverage + {} × best span + {} × section beyond own + {} × taught + hints",
            self.bm25, self.coverage, self.best_span, self.section, self.taught
        )
    }

    /// What each hint adds, as `explain` prints it.
    pub fn hints_line(&self) -> String {
        format!(
            "named part {:+} (other part {:+}) · lessons {:+} (numbered {:+}, ×{} when named) · date {:+} · reason {:+} · obstacle {:+} · person {:+} · figure {:+} · steps {:+} · contrast {:+} · asked for {:+}",
            self.named_part,
            self.other_part,
            self.lessons,
            self.numbered_lesson,
            self.named_lessons_scale,
            self.dated,
            self.reason,
            self.obstacle,
            self.person,
            self.figure,
            self.steps,
            self.contrast,
            self.asked_for
        )
    }

    /// What is wrong with these weights, if anything: the setting and the reason. Shares and
    /// discounts lie between 0 and 1; every weight is a number.
    pub fn check(&self) -> Result<(), (String, String)> {
        let share = 0.0..=1.0;
        let any = f32::MIN..=f32::MAX;
        let limits = [
            ("bm25", self.bm25, &any),
            ("coverage", self.coverage, &any),
            ("best_span", self.best_span, &any),
            ("section", self.section, &any),
            ("pair_discount", self.pair_discount, &share),
            ("lead_discount", self.lead_discount, &share),
            ("named_part", self.named_part, &any),
            ("other_part", self.other_part, &any),
            ("lessons", self.lessons, &any),
            ("numbered_lesson", self.numbered_lesson, &any),
            ("named_lessons_scale", self.named_lessons_scale, &any),
            ("dated", self.dated, &any),
            ("reason", self.reason, &any),
            ("obstacle", self.obstacle, &any),
            ("person", self.person, &any),
            ("figure", self.figure, &any),
            ("steps", self.steps, &any),
            ("contrast", self.contrast, &any),
            ("asked_for", self.asked_for, &any),
            ("related_credit", self.related_credit, &share),
            ("expansion", self.expansion, &any),
            ("context", self.context, &any),
            ("related_min_idf", self.related_min_idf, &any),
            ("min_coverage", self.min_coverage, &share),
            ("named_part_factor", self.named_part_factor, &share),
            ("min_rendered_share", self.min_rendered_share, &share),
            ("max_absent_share", self.max_absent_share, &share),
            ("max_absent_name_share", self.max_absent_name_share, &share),
            ("doubtful_absent_share", self.doubtful_absent_share, &share),
            ("doubtful_min_coverage", self.doubtful_min_coverage, &share),
            ("value_sentence_share", self.value_sentence_share, &share),
            ("value_anywhere_share", self.value_anywhere_share, &share),
            ("place_clause_share", self.place_clause_share, &share),
            ("value_asked_of_credit", self.value_asked_of_credit, &share),
            ("value_of_min_idf", self.value_of_min_idf, &any),
            ("min_keyness", self.min_keyness, &any),
            ("everyday_absent", self.everyday_absent, &share),
            ("phrase_topic_share", self.phrase_topic_share, &share),
            (
                "english_topic_per_million",
                self.english_topic_per_million,
                &any,
            ),
            ("answer_span_share", self.answer_span_share, &share),
            ("name_min_idf", self.name_min_idf, &any),
            ("name_min_share", self.name_min_share, &share),
            ("near_duplicate", self.near_duplicate, &share),
            ("summary_rank_decay", self.summary_rank_decay, &any),
            ("summary_min_share", self.summary_min_share, &share),
            ("summary_duplicate", self.summary_duplicate, &share),
            ("near_copy", self.near_copy, &share),
            ("summary_answer", self.summary_answer, &any),
            ("summary_focus", self.summary_focus, &any),
            ("topic_sentence", self.topic_sentence, &any),
            ("asked_topic_sentence", self.asked_topic_sentence, &any),
        ];
        for (key, value, range) in limits {
            if !range.contains(&value) {
                let reason = if range == &share {
                    format!("{value} is not between 0 and 1")
                } else {
                    format!("{value} is not a number")
                };
                return Err((key.into(), reason));
            }
        }
        let (shortest, longest) = self.summary_sentence_chars;
        if shortest > longest {
            return Err((
                "summary_sentence_chars".into(),
                "the shortest is longer than the longest".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_their_own_check_and_the_score_weights_sum_to_one() {
        let weights = Weights::default();
        assert_eq!(weights.check(), Ok(()));
        assert!((weights.bm25 + weights.coverage + weights.best_span - 1.0).abs() < 1e-6);
        assert_eq!(
            weights.formula(),
            "score = 0.35 × BM25/best + 0.25 × coverage + 0.4 × best span + 0 × section beyond own + 1 × taught + hints"
        );
    }

    #[test]
    fn a_share_out_of_range_is_named() {
        let weights = Weights {
            min_coverage: 1.5,
            ..Weights::default()
        };
        let (key, _) = weights.check().unwrap_err();
        assert_eq!(key, "min_coverage");
    }
}
