//! What a question says about where to look and what answers it: a part it names (`入世那一章`,
//! `前言`), whether it asks for a lesson, perhaps by number (`第二条经验`), and whether it asks
//! when, how long, why, or why something could not be done (`为什么推不动`).

use super::catalog::Catalog;
use crate::corpus::PartKind;

/// Hints read from the question's wording.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Intent {
    /// Parts the question names.
    pub parts: Vec<String>,
    /// Whether the question asks about lessons or conclusions.
    pub lessons: bool,
    /// The lesson number asked for, from 1.
    pub ordinal: Option<usize>,
    /// Whether the question asks when something happened.
    pub when: bool,
    /// Whether the question asks how long something took.
    pub how_long: bool,
    /// Whether the question asks why.
    pub why: bool,
    /// Whether the question asks why something could not be done (`为什么推不动`).
    pub obstacle: bool,
}

const PREFACE_NAMES: [&str; 3] = ["前言", "序言", "导言"];
const LESSON_WORDS: [&str; 6] = ["经验", "启示", "教训", "总结", "结论", "lesson"];
const WHY_WORDS: [&str; 7] = ["为什么", "为何", "为啥", "原因", "怎么会", "why", "何以"];
/// Words with which the report gives a reason.
const REASON_WORDS: [&str; 10] = [
    "原因",
    "因为",
    "由于",
    "之所以",
    "因此",
    "所以",
    "为了",
    "出于",
    "导致",
    "使得",
];

/// Words with which a why-question says something could not be done, besides a verb with a
/// negative result complement (`推不动`, `谈不拢`).
const UNABLE_WORDS: [&str; 9] = [
    "失败", "受阻", "没能", "未能", "没成", "卡住", "不能", "无法", "没法",
];
/// Result complements that, after a verb and `不`, say it could not be done.
const UNABLE_COMPLEMENTS: &str = "动成拢下通到好定住开";
/// Words with which the report names what held something back.
const OBSTACLE_WORDS: [&str; 14] = [
    "制约", "阻力", "障碍", "阻碍", "否决", "反对", "困难", "受阻", "阻挠", "掣肘", "限制", "难以",
    "干扰", "分歧",
];

/// Whether a question says something could not be done: `没能`, `无法`, or a verb with a
/// negative result complement (`推不动`, `谈不拢`, `做不成`).
fn says_unable(question: &str) -> bool {
    UNABLE_WORDS.iter().any(|w| question.contains(w))
        || question
            .chars()
            .collect::<Vec<char>>()
            .windows(3)
            .any(|w| crate::text::is_cjk(w[0]) && w[1] == '不' && UNABLE_COMPLEMENTS.contains(w[2]))
}

/// Whether a sentence names what held something back.
pub(crate) fn names_obstacle(sentence: &str) -> bool {
    OBSTACLE_WORDS.iter().any(|w| sentence.contains(w))
}

/// Whether a sentence gives a reason.
pub(crate) fn gives_reason(sentence: &str) -> bool {
    REASON_WORDS.iter().any(|w| sentence.contains(w))
}

const WHEN_WORDS: [&str; 8] = [
    "哪天",
    "哪年",
    "哪一年",
    "什么时候",
    "啥时候",
    "何时",
    "几月",
    "when",
];
const HOW_LONG_WORDS: [&str; 6] = ["多久", "多长时间", "多少年", "几年", "多少天", "how long"];

pub(crate) fn read(question: &str, catalog: &Catalog) -> Intent {
    let lowered = question.to_lowercase();
    let mut parts = Vec::new();
    for part in &catalog.parts {
        let mut names: Vec<String> = part.aliases.iter().map(|a| a.to_lowercase()).collect();
        names.push(part.title.to_lowercase());
        names.extend(
            part.author
                .iter()
                .filter(|a| a.chars().count() >= 2)
                .cloned(),
        );
        if part.kind == PartKind::Preface {
            names.extend(PREFACE_NAMES.iter().map(|s| s.to_string()));
        }
        if names
            .iter()
            .any(|n| !n.is_empty() && lowered.contains(n.as_str()))
        {
            parts.push(part.id.clone());
        }
    }
    let lessons = LESSON_WORDS.iter().any(|w| lowered.contains(w));
    let why = WHY_WORDS.iter().any(|w| lowered.contains(w));
    Intent {
        parts,
        lessons,
        ordinal: if lessons { ordinal(question) } else { None },
        when: WHEN_WORDS.iter().any(|w| lowered.contains(w)),
        how_long: HOW_LONG_WORDS.iter().any(|w| lowered.contains(w)),
        why,
        obstacle: why && says_unable(&lowered),
    }
}

/// The number in `第二条`, `第3点`, `第一个`; `最后一条` is not a number and gives none.
fn ordinal(question: &str) -> Option<usize> {
    let (_, after) = question.split_once('第')?;
    let mut value = 0usize;
    let mut seen = false;
    for c in after.chars() {
        let digit = match c {
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' => {
                value = if seen { value * 10 } else { 10 };
                seen = true;
                continue;
            }
            c if c.is_ascii_digit() => (c as u8 - b'0') as usize,
            _ => break,
        };
        value = if value >= 10 && value.is_multiple_of(10) {
            value + digit
        } else {
            value * 10 + digit
        };
        seen = true;
    }
    (seen && value > 0).then_some(value)
}

/// Whether a text holds a date: a year, a month or a day written with digits (`1999年11月15日`).
pub(crate) fn has_date(text: &str) -> bool {
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else {
            if digits > 0 && matches!(c, '年' | '月' | '日') {
                return true;
            }
            digits = 0;
        }
    }
    false
}

/// Whether a text gives a length of time in digits: `不到7个月`, `54小时`, `长达15年`.
pub(crate) fn has_duration(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut digits = 0;
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            digits += 1;
            continue;
        }
        if digits > 0 {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let unit = ["个月", "天", "周", "小时", "个小时", "星期", "分钟"]
                .iter()
                .any(|u| rest.starts_with(u));
            // Four digits before 年 are a year, fewer a number of years.
            if unit || (*c == '年' && digits < 4) {
                return true;
            }
        }
        digits = 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_digits_before_a_year_month_or_day() {
        assert!(has_date("1999年11月15日，中美签署了协议"));
        assert!(has_date("在2008年"));
        assert!(!has_date("20世纪的第一个十年"));
    }

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
    fn obstacles_are_named_by_the_words_the_report_uses_for_them() {
        assert!(names_obstacle(
            "尽管如此，美国的气候变化政策仍受到显著的制约。"
        ));
        assert!(names_obstacle(
            "《美国清洁能源与安全法案》在参议院遭到否决。"
        ));
        assert!(!names_obstacle(
            "2013年，奥巴马签署《总统气候变化行动计划》。"
        ));
    }

    #[test]
    fn durations_are_digits_before_a_unit_of_time() {
        assert!(has_duration("在开放签署不到 7 个月的时间内生效"));
        assert!(has_duration("谈判长达15年"));
        assert!(has_duration("54小时"));
        assert!(!has_duration("1999年11月15日"));
        assert!(!has_duration("增长了975%"));
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
}
