//! What kind of answer a span gives: a date (to the year, month or day), a length of time, a
//! figure, a person, a reason, what held something back, the means or steps taken, one side
//! set against another. The hints, the value checks and the summary read spans with these.

use std::ops::Range;

use crate::catalog::Catalog;
use crate::question::Intent;
use crate::question::lexicon::{holds_any, holds_any_outside, lexicon};

/// Whether a text holds a date: a year, a month or a day written with digits (`1999年11月15日`).
pub fn has_date(text: &str) -> bool {
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

/// Whether a text gives a date to the month: digits before `月` that are not a length of
/// months (`1978年5月`, not `7个月`).
pub fn has_month(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == '月')
}

/// Whether a text gives a date to the day: digits before `日` or `号` (`11月15日`).
pub fn has_day(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], '日' | '号'))
}

/// Whether a text gives a length of time in digits: `不到7个月`, `54小时`, `长达15年`.
pub fn has_duration(text: &str) -> bool {
    duration_in(text, false)
}

/// Whether a text gives a length of time in digits or in Chinese numerals (`十五年`), or the
/// years it began and ended: what answers how long. (The ranking's hint counts digits only:
/// one in numerals lifted passages that give some other length.)
pub fn states_duration(text: &str) -> bool {
    duration_in(text, true) || spans_years(text)
}

/// Whether a text writes two different years (`2008年正式启动，在2016年…就绪`): the time
/// between them is how long it took.
fn spans_years(text: &str) -> bool {
    let years: Vec<u16> = crate::catalog::timeline::dates(text)
        .into_iter()
        .map(|(_, when)| when.year)
        .collect();
    years.iter().any(|y| *y != years[0])
}

fn duration_in(text: &str, chinese_numerals: bool) -> bool {
    let units = &lexicon().duration_units;
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let numeral = |c: char| {
        c.is_ascii_digit() || (chinese_numerals && "零一二三四五六七八九十两".contains(c))
    };
    let mut digits = 0;
    for (i, c) in chars.iter().enumerate() {
        if numeral(*c) {
            digits += 1;
            continue;
        }
        if digits > 0 {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let unit = units.iter().any(|u| rest.starts_with(u.as_str()));
            // Four numerals before 年 are a year (`1999年`, `一九九九年`), fewer a number of
            // years (`15年`, `十五年`).
            if unit || (*c == '年' && digits < 4) {
                return true;
            }
        }
        digits = 0;
    }
    false
}

/// A kind of answer a span gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    /// A date, for when; a length of time, for how long.
    Date,
    /// A reason, for why.
    Reason,
    /// What held something back, for why something could not be done.
    Obstacle,
    /// A person, for who.
    Person,
    /// A figure, for how much or how many.
    Figure,
    /// The means or steps, for how.
    Steps,
    /// One side set against another, for a comparison.
    Contrast,
}

/// Reads a text for one kind of answer, as the question asks it.
type Reader = fn(&str, &Intent, &Catalog) -> bool;

/// Whether a question asks for one kind of answer.
type Asks = fn(&Intent) -> bool;

/// Each kind of answer: whether a question asks it, and its reader.
const KINDS: [(Asks, Reader, Given); 7] = [
    (
        |i| i.when || i.how_long,
        |t, i, _| (i.when && has_date(t)) || (i.how_long && has_duration(t)),
        Given::Date,
    ),
    (|i| i.why, |t, _, _| gives_reason(t), Given::Reason),
    (|i| i.obstacle, |t, _, _| names_obstacle(t), Given::Obstacle),
    (
        |i| i.who,
        |t, _, c| names_a_person(t, &c.people),
        Given::Person,
    ),
    (|i| i.number, |t, _, _| has_figure(t), Given::Figure),
    (|i| i.how, |t, _, _| tells_how(t), Given::Steps),
    (|i| i.compare, |t, _, _| sets_against(t), Given::Contrast),
];

/// The kinds of answer a question asks for that a text gives, each read only when asked.
pub fn kinds_given<'a>(
    text: &'a str,
    intent: &'a Intent,
    catalog: &'a Catalog,
) -> impl Iterator<Item = Given> + 'a {
    KINDS
        .iter()
        .filter(move |(asks, reads, _)| asks(intent) && reads(text, intent, catalog))
        .map(|(_, _, kind)| *kind)
}

/// Whether a text gives an answer of a kind the question asks for ([`kinds_given`]): the
/// first one found is enough.
pub fn answers_kind(text: &str, intent: &Intent, catalog: &Catalog) -> bool {
    kinds_given(text, intent, catalog).next().is_some()
}

/// Whether a text names a person: one of the people the corpus names, or a title or role that
/// goes with a name (`贸易代表`, `副总理`, `率团`).
pub fn names_a_person(text: &str, people: &[String]) -> bool {
    people.iter().any(|p| text.contains(p.as_str())) || holds_any(text, &lexicon().titles)
}

/// The runs of a number in a text's characters: each starts at a character `numeral` accepts
/// and goes on over such characters and decimal points (`3.2`, `4万亿`, `十五`).
pub(crate) fn number_runs(chars: &[char], numeral: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !numeral(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (numeral(chars[i]) || chars[i] == '.') {
            i += 1;
        }
        runs.push(start..i);
    }
    runs
}

/// Whether a text gives a figure: a number with a unit (`4万亿元`, `26%`, `15个`, `3.2亿`),
/// written in digits or in Chinese numerals.
pub fn has_figure(text: &str) -> bool {
    let units = &lexicon().figure_units;
    let chars: Vec<char> = text.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || "零一二三四五六七八九十百千万两".contains(c);
    number_runs(&chars, numeral).into_iter().any(|run| {
        let (start, end) = (run.start, run.end);
        let digits = chars[run.clone()]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .count();
        // `2300多件`, `19万余`: an approximation between the number and its unit.
        let after = if matches!(chars.get(end), Some('多' | '余')) {
            end + 1
        } else {
            end
        };
        let rest: String = chars[after..chars.len().min(after + 2)].iter().collect();
        // Digits ending in a magnitude are a figure whatever follows (`已近12万。`).
        let magnitude = digits > 0 && matches!(chars[end - 1], '万' | '千' | '百');
        // A year (`1999年`) is a date, not a figure; a lone Chinese numeral is mostly an
        // article or a pair (`一个`, `两国`): a figure only before a unit of magnitude.
        let year = (digits == 4 && rest.starts_with('年'))
            || rest.starts_with("年代")
            || rest.starts_with("世纪");
        let lone_numeral = digits == 0 && end - start == 1;
        let unit = if lone_numeral {
            // `三大障碍`: a count of what follows, but not `一大`.
            ["亿", "万", "千", "百", "倍"]
                .iter()
                .any(|u| rest.starts_with(u))
                || (rest.starts_with('大') && chars[start] != '一')
        } else {
            units.iter().any(|u| rest.starts_with(u.as_str()))
        };
        !year && (unit || magnitude)
    })
}

/// Whether a text tells how something was done: its means, measures or steps.
pub fn tells_how(text: &str) -> bool {
    holds_any(text, &lexicon().steps)
}

/// Whether a text sets one side against another (`美国则要求`, `双方…产生分歧`, `与特朗普…不同`),
/// read without the words that only hold a contrast's characters (`原则`).
pub fn sets_against(text: &str) -> bool {
    let lexicon = lexicon();
    holds_any_outside(text, &lexicon.contrast, &lexicon.not_contrast)
}

/// Whether a sentence gives a reason.
pub fn gives_reason(sentence: &str) -> bool {
    holds_any(sentence, &lexicon().reason)
}

/// Whether a sentence names what held something back.
pub fn names_obstacle(sentence: &str) -> bool {
    holds_any(sentence, &lexicon().obstacle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader of a passage's best span.
    type SpanReader = fn(&str) -> bool;

    #[test]
    fn spans_are_read_for_each_kind_of_answer() {
        let cases: [(SpanReader, &str, bool); 41] = [
            (
                sets_against,
                "中国坚持双轨制谈判，美国则要求达成更广泛的协议。",
                true,
            ),
            (sets_against, "双方便对危机的成因产生分歧", true),
            (
                sets_against,
                "与特朗普直接打压不同，拜登倾向于联合盟友",
                true,
            ),
            // `则` inside a word, `而言` framing a whole, `不同` meaning "various": no contrast.
            (
                sets_against,
                "中美之间围绕共区原则的矛盾，按照规则办事",
                false,
            ),
            (sets_against, "总体而言，中美合作成效显著", false),
            (sets_against, "减少来自内部不同利益集团的干扰", false),
            (gives_reason, "因为未恢复缔约国地位，出口屡屡受限", true),
            (tells_how, "双方通过高层对话化解分歧。", true),
            (tells_how, "双方关系很好。", false),
            (has_date, "1999年11月15日，中美签署了协议", true),
            (has_date, "在2008年", true),
            (has_date, "20世纪的第一个十年", false),
            (has_duration, "在开放签署不到 7 个月的时间内生效", true),
            (has_duration, "谈判长达15年", true),
            (has_duration, "54小时", true),
            (has_duration, "1999年11月15日", false),
            (has_duration, "增长了975%", false),
            (
                names_obstacle,
                "尽管如此，美国的气候变化政策仍受到显著的制约。",
                true,
            ),
            (
                names_obstacle,
                "《美国清洁能源与安全法案》在参议院遭到否决。",
                true,
            ),
            (
                names_obstacle,
                "2013年，奥巴马签署《总统气候变化行动计划》。",
                false,
            ),
            (has_figure, "中国推出4万亿元的经济刺激计划。", true),
            (has_figure, "占比达到26%。", true),
            (has_figure, "谈判进行了十五轮。", true),
            (has_figure, "1999年，两国签署协议。", false),
            (has_figure, "一些国家对此不满。", false),
            (has_figure, "这是一个重要的转折。", false),
            (has_figure, "两万亿美元的国债。", true),
            (has_figure, "美国单日新增病例已近12万。", true),
            (has_figure, "清理法律法规和部门规章2300多件。", true),
            (has_figure, "20世纪90年代末的谈判。", false),
            (has_day, "1999年11月15日，中美签署了协议", true),
            (has_day, "1999年11月，中美签署了协议", false),
            (has_month, "1999年11月，中美签署了协议", true),
            (has_month, "1999年，谈判长达7个月", false),
            (has_duration, "谈判长达十五年。", false),
            (states_duration, "谈判长达十五年。", true),
            (states_duration, "一九九九年，两国签署协议。", false),
            // From one year to another: how long it took.
            (
                states_duration,
                "谈判于2008年正式启动，在2016年基本就绪。",
                true,
            ),
            (states_duration, "2008年启动，2008年底完成。", false),
            (has_figure, "消除三大障碍。", true),
            (has_figure, "这是一大进步。", false),
        ];
        for (reads, span, expect) in cases {
            assert_eq!(reads(span), expect, "{span}");
        }
    }
}
