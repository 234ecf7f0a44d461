//! Hints: what a question's wording adds to a passage. A part it names, lessons (and the lesson
//! it numbers), and an answer of the kind it asks for in the passage's best span (`kinds.rs`
//! reads spans for each kind).

use crate::catalog::Catalog;
use crate::corpus::{PartKind, Passage, lesson_ordinal};
use crate::question::Intent;

use super::Weights;
use super::kinds::{Given, kinds_given};

/// What the hints add to one passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HintScore {
    pub bonus: f32,
    /// Whether the passage is what the question's structure asks for (the lesson it numbers,
    /// or who wrote the document it names).
    pub asked_for: bool,
}

/// What the hints add to a passage whose best span is `span`.
pub fn score(
    passage: &Passage,
    span: &str,
    intent: &Intent,
    catalog: &Catalog,
    weights: &Weights,
) -> HintScore {
    let asked_for = is_asked_for(passage, intent, catalog);
    let mut bonus = where_bonus(passage, intent, catalog, weights);
    // Each answer of the kind the question asks for that the span gives.
    for kind in kinds_given(span, intent, catalog) {
        bonus += match kind {
            Given::Date => weights.dated,
            Given::Reason => weights.reason,
            Given::Obstacle => weights.obstacle,
            Given::Person => weights.person,
            Given::Figure => weights.figure,
            Given::Steps => weights.steps,
            Given::Contrast => weights.contrast,
        };
    }
    if asked_for {
        bonus += weights.asked_for;
    }
    HintScore { bonus, asked_for }
}

/// What the part a passage is in adds: the parts a question names, and lessons.
fn where_bonus(passage: &Passage, intent: &Intent, catalog: &Catalog, weights: &Weights) -> f32 {
    let mut bonus = 0.0;
    if intent.parts.contains(&passage.part) {
        bonus += weights.named_part;
    } else if !intent.parts.is_empty() {
        bonus += weights.other_part;
    }
    let in_named_part = intent.parts.is_empty() || intent.parts.contains(&passage.part);
    if intent.lessons && passage.lesson.is_some() && in_named_part {
        let is_lesson_part = catalog
            .part(&passage.part)
            .is_some_and(|p| p.kind != PartKind::Article);
        // Lessons of a part the question names are what it asks for; without a name, lessons
        // anywhere are only likelier.
        let scale = if intent.parts.is_empty() {
            1.0
        } else {
            weights.named_lessons_scale
        };
        if is_lesson_part {
            bonus += weights.lessons * scale;
            if lesson_ordinal(&passage.text).is_some() {
                bonus += weights.numbered_lesson * scale;
            }
        }
    }
    bonus
}

/// A passage opening the lesson a question numbers (`第二条经验`), in the part it names (the
/// preface when it names none); or, for a question after the lessons of a part it names
/// (`抗苏联那个案例总结了哪几条经验`), a passage opening any of them; but not for a question
/// asking a number without numbering a lesson (`前言总结了几条启示`): it counts the lessons.
///
/// For a question asking who wrote a document, a passage telling who wrote it (naming one of
/// its authors, or its author's note) in a document the question names, else in a part it
/// names; a part's byline only when the question names that part (`前言是谁执笔的`, not
/// `这份报告是哪个单位写的`).
///
/// For a question asking what a document or part says as a whole (`intent.gist`), a passage
/// saying what the part it names is about: its opening, one holding a sentence of its overview,
/// or one of its lessons; for a document named, of its preface, or of the whole of a document
/// without one (`FT那篇文章讲了啥`).
pub fn is_asked_for(passage: &Passage, intent: &Intent, catalog: &Catalog) -> bool {
    if intent.gist && tells_gist(passage, intent, catalog) {
        return true;
    }
    if intent.author
        && asks_about_authors_of(&passage.doc, &passage.part, intent)
        && tells_authorship(passage, catalog)
        && (!is_byline(passage, catalog) || intent.parts.contains(&passage.part))
    {
        return true;
    }
    // A question counting the lessons (`几条启示`) asks what no lesson says: their number.
    if !intent.lessons
        || lesson_ordinal(&passage.text).is_none()
        || (intent.number && intent.ordinal.is_none())
    {
        return false;
    }
    let Some(ordinal) = intent.ordinal else {
        return passage.lesson.is_some()
            && catalog
                .part(&passage.part)
                .is_some_and(|part| asks_about_whole(part, intent, catalog));
    };
    let in_named_part = if intent.parts.is_empty() {
        catalog
            .part(&passage.part)
            .is_some_and(|p| p.kind == PartKind::Preface)
    } else {
        intent.parts.contains(&passage.part)
    };
    in_named_part && passage.lesson == Some(ordinal)
}

/// Whether a passage says what a part a gist question asks about is about (`is_asked_for`).
pub(crate) fn tells_gist(passage: &Passage, intent: &Intent, catalog: &Catalog) -> bool {
    let Some(part) = catalog.part(&passage.part) else {
        return false;
    };
    asks_about_whole(part, intent, catalog)
        && !is_byline(passage, catalog)
        && (passage.lead.is_empty()
            || passage.lesson.is_some()
            || part
                .overview
                .iter()
                .any(|s| passage.text.contains(s.as_str())))
}

/// Whether a question about a part's lessons or gist asks about `part`: one it names; or,
/// naming none, of a document it names, the preface, or the whole of a document without one.
fn asks_about_whole(part: &crate::catalog::PartDigest, intent: &Intent, catalog: &Catalog) -> bool {
    if intent.parts.is_empty() {
        intent.documents.contains(&part.doc)
            && (part.kind == PartKind::Preface
                || !catalog
                    .parts
                    .iter()
                    .any(|p| p.doc == part.doc && p.kind == PartKind::Preface))
    } else {
        intent.parts.contains(&part.id)
    }
}

/// Whether a question asking who wrote something asks about a part (of document `doc`): the
/// documents it names, else the parts it names. A question naming neither (`红楼梦是谁写的`)
/// asks about no part of the corpus.
pub fn asks_about_authors_of(doc: &str, part: &str, intent: &Intent) -> bool {
    if !intent.documents.is_empty() {
        intent.documents.iter().any(|d| d == doc)
    } else {
        intent.parts.iter().any(|p| p == part)
    }
}

/// Whether a passage is its part's byline (`陈东晓` under `前言`).
fn is_byline(passage: &Passage, catalog: &Catalog) -> bool {
    catalog
        .part(&passage.part)
        .and_then(|p| p.author.as_deref())
        .is_some_and(|author| author.trim() == passage.text.trim())
}

/// Whether a passage tells who wrote its document: it names one of the document's authors, or
/// it is the document's author's note.
pub fn tells_authorship(passage: &Passage, catalog: &Catalog) -> bool {
    let Some(document) = catalog.documents.iter().find(|d| d.id == passage.doc) else {
        return false;
    };
    document
        .authors
        .iter()
        .any(|a| a.chars().count() >= 2 && passage.text.contains(a.as_str()))
        || document
            .author_note
            .as_deref()
            .is_some_and(|note| !note.trim().is_empty() && passage.text.contains(note.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PartDigest;

    fn part(id: &str, kind: PartKind) -> PartDigest {
        PartDigest {
            id: id.into(),
            doc: "report".into(),
            kind,
            title: id.into(),
            title_en: None,
            label: None,
            author: None,
            period: None,
            aliases: Vec::new(),
            pages: None,
            sections: Vec::new(),
            overview: Vec::new(),
            lessons: Vec::new(),
        }
    }

    fn catalog() -> Catalog {
        Catalog {
            people: vec!["巴尔舍夫斯基".into()],
            parts: vec![
                part("preface", PartKind::Preface),
                part("wto", PartKind::Case),
                part("paris", PartKind::Case),
                part("ft", PartKind::Article),
            ],
            ..Catalog::empty()
        }
    }

    /// Parts named, lesson number asked, the passage's part, lesson and text, bonus, asked for.
    type LessonCase<'a> = (
        &'a [&'a str],
        Option<usize>,
        &'a str,
        usize,
        &'a str,
        f32,
        bool,
    );

    /// The bonus and whether the passage is asked for, for a question's intent, a passage and
    /// the passage's best span.
    fn check(intent: Intent, passage: Passage, span: &str, bonus: f32, asked_for: bool) {
        let got = score(&passage, span, &intent, &catalog(), &Weights::default());
        assert!(
            (got.bonus - bonus).abs() < 1e-6 && got.asked_for == asked_for,
            "{intent:?} on {:?}: got {got:?}, expected {bonus} / {asked_for}",
            passage.text
        );
    }

    fn intent(parts: &[&str]) -> Intent {
        Intent {
            parts: parts.iter().map(|p| p.to_string()).collect(),
            ..Intent::default()
        }
    }

    #[test]
    fn the_part_a_question_names_gains_and_the_others_lose() {
        for (named, part, bonus) in [
            (&["wto"][..], "wto", 0.15),
            (&["wto"], "paris", -0.05),
            (&[], "paris", 0.0),
        ] {
            check(
                intent(named),
                Passage::sample(part, None, "谈判"),
                "谈判",
                bonus,
                false,
            );
        }
    }

    #[test]
    fn a_comparison_prefers_a_span_that_sets_one_side_against_another() {
        let compare = Intent {
            compare: true,
            ..Intent::default()
        };
        let span = "中国强调历史责任；美国则将其参与减排与发展中国家挂钩。";
        check(
            compare,
            Passage::sample("paris", None, span),
            span,
            0.15,
            false,
        );
        check(
            Intent::default(),
            Passage::sample("paris", None, span),
            span,
            0.0,
            false,
        );
    }

    #[test]
    fn lessons_gain_more_when_numbered_and_more_again_in_a_named_part() {
        let opening = "第二，双方要体现互谅互让的精神。";
        // (parts named, lesson number asked, the passage's part, lesson and text, bonus, asked
        // for). Lessons anywhere: 0.2, and 0.1 more for a lesson's numbered opening. In a named
        // part: 0.15 for the part, (0.2 + 0.1) × 1.5 for its numbered lesson, and 1 more when
        // that lesson is what the question asks for. An article has no lessons section.
        let cases: [LessonCase; 6] = [
            (&[], None, "paris", 1, "正文", 0.2, false),
            (&[], None, "paris", 2, opening, 0.3, false),
            (&["wto"], None, "wto", 2, opening, 1.6, true),
            (&["wto"], Some(2), "wto", 2, opening, 1.6, true),
            (&["wto"], Some(3), "wto", 2, opening, 0.6, false),
            (&[], None, "ft", 1, opening, 0.0, false),
        ];
        for (named, ordinal, part, lesson, text, bonus, asked_for) in cases {
            let asks = Intent {
                lessons: true,
                ordinal,
                ..intent(named)
            };
            let passage = Passage::sample(part, Some(lesson), text);
            check(asks, passage, text, bonus, asked_for);
        }
    }

    #[test]
    fn a_numbered_lesson_without_a_named_part_is_the_prefaces() {
        let asked = Intent {
            lessons: true,
            ordinal: Some(2),
            ..Intent::default()
        };
        let opening = "第二，双方要体现互谅互让的精神。";
        assert!(is_asked_for(
            &Passage::sample("preface", Some(2), opening),
            &asked,
            &catalog()
        ));
        assert!(!is_asked_for(
            &Passage::sample("wto", Some(2), opening),
            &asked,
            &catalog()
        ));
        assert!(!is_asked_for(
            &Passage::sample("preface", Some(2), "不是开头。"),
            &asked,
            &catalog()
        ));
    }

    #[test]
    fn a_question_counting_the_lessons_asks_for_none_of_them() {
        let counting = Intent {
            lessons: true,
            number: true,
            parts: vec!["preface".into()],
            ..Intent::default()
        };
        let opening = "首先，领导人具备登高望远的全局观必不可少。";
        let lesson = Passage::sample("preface", Some(1), opening);
        assert!(!is_asked_for(&lesson, &counting, &catalog()));
        let listing = Intent {
            number: false,
            ..counting
        };
        assert!(is_asked_for(&lesson, &listing, &catalog()));
    }

    #[test]
    fn a_span_of_the_kind_asked_for_gains() {
        let asks = |f: fn(&mut Intent)| {
            let mut intent = Intent::default();
            f(&mut intent);
            intent
        };
        let when = asks(|i| i.when = true);
        let how_long = asks(|i| i.how_long = true);
        let why = asks(|i| i.why = true);
        let why_not = asks(|i| {
            i.why = true;
            i.obstacle = true;
        });
        let plain = Passage::sample("wto", None, "");
        let cases: [(&Intent, &str, f32); 8] = [
            (&when, "1999年11月15日，中美签署协议。", 0.3),
            (&when, "中美签署协议。", 0.0),
            (&how_long, "谈判长达15年。", 0.3),
            (&how_long, "1999年11月15日。", 0.0),
            (&why, "由于苏联威胁，中美走到一起。", 0.15),
            (&why, "中美走到一起。", 0.0),
            (&why_not, "法案在参议院遭到否决。", 0.3),
            (&why_not, "因为国会否决了法案。", 0.45),
        ];
        for (intent, span, bonus) in cases {
            check(intent.clone(), plain.clone(), span, bonus, false);
        }
    }

    #[test]
    fn a_who_question_prefers_a_span_naming_a_person() {
        let who = Intent {
            who: true,
            ..Intent::default()
        };
        let plain = Passage::sample("wto", None, "");
        check(
            who.clone(),
            plain.clone(),
            "巴尔舍夫斯基率团来京谈判。",
            0.15,
            false,
        );
        check(
            who.clone(),
            plain.clone(),
            "时任副总理出面协调。",
            0.15,
            false,
        );
        check(who, plain, "双方来京谈判。", 0.0, false);
    }
}
