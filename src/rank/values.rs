//! Whether a passage's sentence states the value a question asks for: a date, a date to the
//! month or the day, a length of time, a person, a figure (of the measure asked, when it names
//! one), a fact of a person's life, a post held, the title of a written work, a place; and whether a
//! title names its holder. The relevance decision refuses a question asking a value that none of
//! its first passages states.

use super::kinds::{
    has_date, has_day, has_figure, has_month, names_a_person, number_runs, states_duration,
};
use crate::catalog::Catalog;
use crate::question::ValueKind;
use crate::question::lexicon::{MeasureWords, holds_any, holds_any_outside, lexicon};

/// Whether a text states a value of one of the kinds asked for. A fact of a person's life or
/// the title of a work, when asked, must be told whatever else is (`哪年出生` is not answered
/// by any date); a
/// figure of a named measure (`share`, `money`) must be of that measure. Whether something
/// came to pass is read of a passage's best sentence, not here (see `foresees`).
pub fn states_value(
    text: &str,
    asked: &[ValueKind],
    measure: Option<&str>,
    catalog: &Catalog,
) -> bool {
    let states = |kind: &ValueKind| match kind {
        ValueKind::Date => has_date(text),
        ValueKind::Month => has_month(text),
        ValueKind::Day => has_day(text),
        ValueKind::Duration => match measure
            .and_then(|m| lexicon().measure(m))
            .filter(|m| m.time)
        {
            Some(words) => has_measured_figure(text, words),
            None => states_duration(text),
        },
        ValueKind::Person => names_a_person(text, &catalog.people),
        ValueKind::Figure => match measure.and_then(|m| lexicon().measure(m)) {
            Some(words) => has_measured_figure(text, words),
            None => has_figure(text),
        },
        ValueKind::Life => holds_any(text, &lexicon().life_facts),
        // Read of the passage's sentence most about the question (`foresees`).
        ValueKind::Outcome => true,
        ValueKind::Work => names_a_work(text),
        ValueKind::Said => holds_any(text, &lexicon().speech),
        ValueKind::Place => names_a_place(text),
        ValueKind::Post => holds_any(text, &lexicon().titles),
        ValueKind::Rank => states_rank(text),
    };
    let must = |k: &&ValueKind| k.must_be_stated();
    let mut others = asked.iter().filter(|k| !must(k)).peekable();
    asked.iter().filter(must).all(states) && (others.peek().is_none() || others.any(states))
}

/// Whether a text states a rank: an ordinal followed by 大, 位 or 名 (`第二大`, `第3位`), or
/// a word of `[passages] ranks` (`最大的`, `位居`).
pub fn states_rank(text: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    holds_any(text, &lexicon().ranks)
        || text.match_indices('第').any(|(at, w)| {
            let mut after = text[at + w.len()..].chars().skip_while(|c| numeral(*c));
            let counted = text[at + w.len()..].chars().next().is_some_and(numeral);
            counted && after.next().is_some_and(|c| "大位名".contains(c))
        })
}

/// Whether a text names a place (`[passages] places`) outside the title of a work (`《巴黎协定》`
/// names an agreement, not where something took place) and outside a longer word naming
/// something else (`[passages] not_places`: `罗马尼亚`).
pub fn names_a_place(text: &str) -> bool {
    let mut outside = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    holds_any_outside(&outside, &lexicon().places, &lexicon().not_places)
}

/// How many characters may stand between a title and the name it goes with (`贸易代表查伦·巴尔舍夫斯基`: a given name before the surname).
const TITLE_TO_NAME: usize = 4;

/// Whether a text gives a person's post: a title (`[passages] titles`) right before their
/// name, or a few characters before it (`美国贸易代表查伦·巴尔舍夫斯基`), or right after it
/// (`卡特总统`).
pub fn gives_post_of(text: &str, person: &str) -> bool {
    lexicon().titles.iter().any(|title| {
        text.match_indices(title.as_str()).any(|(at, _)| {
            let after: String = text[at + title.len()..]
                .chars()
                .take(TITLE_TO_NAME + person.chars().count())
                .collect();
            after.contains(person) || text[..at].ends_with(person)
        })
    })
}

/// Whether a text names someone beside a title (`美国驻华联络处主任伍德科克`, `里根总统`):
/// the title followed by a letter that may begin a name (not one of `[passages] after_title`:
/// `大使及翻译`, `大使馆`), or right after a person the corpus names.
pub fn names_holder_of(text: &str, title: &str, people: &[String]) -> bool {
    let after = &lexicon().after_title;
    text.match_indices(title).any(|(at, _)| {
        let next = text[at + title.len()..].chars().next();
        next.is_some_and(|c| c.is_alphabetic() && !after.contains(&c))
            || people.iter().any(|p| text[..at].ends_with(p.as_str()))
    })
}

/// Whether a text names a written work as the report does, between title marks (`《巴黎协定》`).
fn names_a_work(text: &str) -> bool {
    text.find('《')
        .is_some_and(|start| text[start..].contains('》'))
}

/// Whether a sentence foresees rather than states (`拜登上来可以重新谈判`, `有望缓和`): it
/// cannot tell whether what it speaks of came to pass.
pub fn foresees(sentence: &str) -> bool {
    holds_any(sentence, &lexicon().forecast)
}

/// Whether a passage opening dates itself by what the passage before it told (`当时中国…`,
/// `[passages] then`): the year it speaks of is written in that one's last sentence.
pub fn dated_by_what_came_before(opening: &str) -> bool {
    let opening = opening.trim_start();
    lexicon()
        .then
        .iter()
        .any(|w| opening.starts_with(w.as_str()))
}

/// Whether a text gives a figure of a measure: a number (digits or Chinese numerals) right
/// after one of its `before` words (`百分之三十`) or right before one of its units (`30%`,
/// `2万亿美元`, `数十万人`: magnitudes are part of the number, so a unit that is a magnitude,
/// money's `亿`, is read at the number's end: `4万亿` is money, as is, leniently, `14亿人口`).
pub fn has_measured_figure(text: &str, measure: &MeasureWords) -> bool {
    let numeral =
        |c: char| c.is_ascii_digit() || "零一二三四五六七八九十百千万亿两数几".contains(c);
    let chars: Vec<char> = text.chars().collect();
    number_runs(&chars, numeral).into_iter().any(|run| {
        let (start, end) = (run.start, run.end);
        // An ordinal (`第一位`) or a lone 一 (`一度`, at one time) counts nothing.
        let ordinal = start > 0 && chars[start - 1] == '第';
        let lone_one = end - start == 1 && chars[start] == '一';
        let is_number = !ordinal
            && !lone_one
            && chars[run.clone()]
                .iter()
                .any(|c| c.is_ascii_digit() || "零一二三四五六七八九十两".contains(*c));
        let run: String = chars[run].iter().collect();
        let before: String = chars[start.saturating_sub(4)..start].iter().collect();
        let after: String = chars[end..chars.len().min(end + 4)].iter().collect();
        is_number
            && (measure.before.iter().any(|b| before.ends_with(b.as_str()))
                || measure.units.iter().any(|u| after.starts_with(u.as_str()))
                || measure
                    .units
                    .iter()
                    .any(|u| run.ends_with(u.as_str()) && run.len() > u.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Intent;

    fn catalog() -> Catalog {
        Catalog {
            people: vec!["巴尔舍夫斯基".into()],
            ..Catalog::empty()
        }
    }

    #[test]
    fn a_value_is_stated_by_a_text_of_its_kind() {
        let catalog = catalog();
        let intent = Intent {
            when: true,
            number: true,
            ..Intent::default()
        };
        let asked = intent.values_asked();
        assert_eq!(asked, vec![ValueKind::Date, ValueKind::Figure]);
        for (text, states) in [
            ("2001年12月11日，中国正式加入WTO。", true),
            ("中国推出4万亿元的经济刺激计划。", true),
            ("两国领导人都清楚合作的重要性。", false),
            // A decade answers when, not how much.
            ("20世纪90年代末的谈判。", true),
        ] {
            assert_eq!(states_value(text, &asked, None, &catalog), states, "{text}");
        }
        assert!(!states_value(
            "20世纪90年代末的谈判。",
            &[ValueKind::Figure],
            None,
            &catalog
        ));
        assert!(Intent::default().values_asked().is_empty());
    }

    #[test]
    fn a_title_names_its_holder_when_a_name_stands_beside_it() {
        let people = vec!["卡特".to_string()];
        for (text, title, names) in [
            (
                "具体建交谈判由美国驻华联络处主任伍德科克与中方在北京进行",
                "主任",
                true,
            ),
            ("卡特总统担心台湾在美国国会的游说团体", "总统", true),
            (
                "布什与邓小平单独举行交谈，只允许美国驻华大使及翻译在场。",
                "大使",
                false,
            ),
            ("美国轰炸中国驻南联盟大使馆。", "大使", false),
            ("美国驻华大使表示遗憾。", "大使", false),
            ("中美举行部长级对话。", "部长", false),
        ] {
            assert_eq!(names_holder_of(text, title, &people), names, "{text}");
        }
    }

    #[test]
    fn a_place_is_a_city_or_a_site_not_a_country_nor_a_word_of_a_title() {
        assert!(names_a_place("胡锦涛和奥巴马于伦敦G20峰会期间举行会晤"));
        assert!(names_a_place("胡锦涛主席赴美国华盛顿参加第一次G20峰会"));
        assert!(!names_a_place("两国元首在美国举行会晤"), "a country");
        assert!(
            !names_a_place("拜登表示将重新加入《巴黎协定》"),
            "an agreement"
        );
        assert!(names_a_place("《巴黎协定》在巴黎通过"));
        assert!(
            !names_a_place("中国与罗马尼亚建交"),
            "a country holding a city's name"
        );
    }

    #[test]
    fn a_rank_is_an_ordinal_of_size_or_a_word_of_ranking() {
        assert!(states_rank("是美国联邦债务的第二大海外投资者"));
        assert!(states_rank("位列第3位"));
        assert!(states_rank("中国是世界上最大的发展中国家"));
        // An ordinal of something else, a share: no rank.
        assert!(!states_rank("2008年第4季度美国经济衰退6.1%"));
        assert!(!states_rank("发展中国家的投票权提升4.59%"));
    }

    #[test]
    fn a_post_is_a_title_beside_the_person() {
        assert!(gives_post_of(
            "美国贸易代表查伦·巴尔舍夫斯基来京",
            "巴尔舍夫斯基"
        ));
        assert!(gives_post_of("卡特总统担心", "卡特"));
        assert!(!gives_post_of(
            "由斯特恩和解振华领衔的工作组，习近平主席出席",
            "解振华"
        ));
        assert!(!gives_post_of("巴尔舍夫斯基率领的代表团", "石广生"));
    }

    #[test]
    fn a_post_asked_for_is_stated_by_a_title() {
        let catalog = catalog();
        let post = [ValueKind::Post];
        assert!(states_value(
            "时任美国贸易代表巴尔舍夫斯基率团来京。",
            &post,
            None,
            &catalog
        ));
        assert!(!states_value(
            "宣布建立由斯特恩和解振华领衔的中美气候变化工作组。",
            &post,
            None,
            &catalog
        ));
    }

    #[test]
    fn a_title_asked_for_is_one_between_title_marks() {
        let catalog = catalog();
        let work = [ValueKind::Work];
        assert!(states_value(
            "奥巴马签署《总统气候变化行动计划》。",
            &work,
            None,
            &catalog
        ));
        assert!(!states_value(
            "布热津斯基写道：“卡特与邓小平坦诚而直率”。",
            &work,
            None,
            &catalog
        ));
    }

    #[test]
    fn a_figure_of_a_measure_asked_for_must_be_of_that_measure() {
        let catalog = catalog();
        let figure = [ValueKind::Figure];
        for (measure, text, states) in [
            ("share", "尤其是占到出口总额30%的纺织品", true),
            ("share", "煤炭发电占百分之四十五", true),
            ("share", "中国推出4万亿元的经济刺激计划。", false),
            ("money", "中国推出4万亿元的经济刺激计划。", true),
            ("money", "投入4000亿美元", true),
            ("money", "再投2万亿", true),
            ("money", "中国提出三大前提条件", false),
            ("people", "数十万人参加", true),
            ("people", "中国提出三大前提条件", false),
            ("people", "1979年底，苏联公然入侵阿富汗。", false),
            ("degrees", "把升温控制在2摄氏度以内", true),
            ("degrees", "全球升温控制在2℃", true),
            ("degrees", "占到出口总额30%", false),
        ] {
            assert_eq!(
                states_value(text, &figure, Some(measure), &catalog),
                states,
                "{measure}: {text}"
            );
        }
        // A length of time asked in a unit is stated in that unit.
        let duration = [ValueKind::Duration];
        for (text, states) in [
            ("中美建交28天后，邓小平就对美国进行历史性访问。", true),
            ("它使中美关系正常化用了近7年时间才艰难实现。", false),
        ] {
            assert_eq!(
                states_value(text, &duration, Some("days"), &catalog),
                states,
                "{text}"
            );
        }
        assert!(states_value(
            "它使中美关系正常化用了近7年时间才艰难实现。",
            &duration,
            None,
            &catalog
        ));
        // Only a unit of time narrows a length: a share asked besides does not.
        assert!(states_value(
            "零利率维持了7年。",
            &duration,
            Some("share"),
            &catalog
        ));
        // A measure the lexicon does not have asks for any figure.
        assert!(states_value(
            "投入4000亿美元",
            &figure,
            Some("weight"),
            &catalog
        ));
    }

    #[test]
    fn a_sentence_that_foresees_cannot_say_whether_it_came_to_pass() {
        assert!(foresees("拜登上来可以重新谈判达成新的共识。"));
        assert!(foresees("中美关系有望出现缓和。"));
        assert!(!foresees("中美BIT谈判于2008年正式启动。"));
        assert!(!foresees("中国政府未曾跟随。"));
        // Read of the passage, not of each sentence: a sentence never fails it.
        assert!(states_value(
            "中国政府未曾跟随。",
            &[ValueKind::Outcome],
            None,
            &catalog()
        ));
    }

    #[test]
    fn a_fact_of_a_life_must_be_told_whatever_date_is_given() {
        let catalog = catalog();
        let born = Intent {
            when: true,
            life: true,
            ..Intent::default()
        };
        let asked = born.values_asked();
        assert_eq!(asked, vec![ValueKind::Date, ValueKind::Life]);
        let told = "王某1958年出生于北京。";
        let untold = "1999年，石广生率领中国代表团谈判。";
        assert!(states_value(told, &asked, None, &catalog));
        assert!(!states_value(untold, &asked, None, &catalog));
        assert!(states_value(untold, &[ValueKind::Date], None, &catalog));
    }
}
