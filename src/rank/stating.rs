//! Whether the first passages state the value a question asks for (a date, a figure, a
//! person, a post…) where they speak of the question: read once per request, for the
//! relevance decision.

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::question::lexicon::{holds_any, lexicon};
use crate::question::{Reading, Term, ValueKind};

use super::{ScoredPassage, Weights, values};

/// What a question asks, read once for every passage it is checked against.
struct Asking<'a> {
    asked: Vec<ValueKind>,
    measure: Option<&'a str>,
    catalog: &'a Catalog,
    weights: &'a Weights,
    /// The best sentence's score among the first passages.
    best_anywhere: f32,
    asked_of: Vec<&'a Term>,
    /// The question's terms naming the figure asked for, when it asks one.
    measured: Vec<&'a Term>,
    names: &'a [String],
    title: Option<&'a str>,
    /// The places the question names (`[passages] places`): where it asks where something
    /// took place, a sentence naming only these does not say (`伦敦G20峰会在哪开的`).
    places_named: Vec<&'a str>,
    /// The question's terms naming people of the catalog (`特朗普`, `trump` → 特朗普): a value
    /// of what they did is stated where one of them is named.
    people: Vec<&'a Term>,
    /// The years the question names (`2008`): a value of that year is stated where it is
    /// written.
    years: Vec<&'a Term>,
    /// Which round, time or session the question asks a value of, when not the first
    /// (`最后一轮是哪年`): stated where that one is named (`event_ordinals`).
    ordinals: Vec<String>,
    /// The words a passage is measured by: a place asked for is named in a clause holding one.
    terms: &'a [Term],
}

/// Sets `states_value` of the first `relevance_candidates` passages, for a question asking a
/// value. A value stated by a passage lacking the names the question is about is a value of
/// something else (a date of 1978 for 布热津斯基's visit, from a passage without him).
pub(super) fn read_values(
    scored: &mut [ScoredPassage],
    reading: &Reading,
    catalog: &Catalog,
    weights: &Weights,
) {
    let asked = reading.intent.values_asked();
    if asked.is_empty() {
        return;
    }
    let first = weights.relevance_candidates.max(1);
    let measured = if asked.contains(&ValueKind::Figure) && weights.require_measured {
        reading
            .measured
            .iter()
            .filter_map(|w| reading.relevance_terms.iter().find(|t| t.text == *w))
            .collect()
    } else {
        Vec::new()
    };
    let asking = Asking {
        asked,
        measure: reading.intent.measure.as_deref(),
        catalog,
        weights,
        best_anywhere: scored
            .iter()
            .take(first)
            .flat_map(|p| p.measure.sentences.iter().map(|s| s.score))
            .fold(0.0, f32::max),
        asked_of: reading.value_of_terms(),
        measured,
        names: &reading.names,
        title: reading.asked_title.as_deref(),
        places_named: places_named(reading),
        people: people_named(reading, catalog),
        years: reading
            .relevance_terms
            .iter()
            .filter(|t| crate::question::dates::as_year(&t.text).is_some())
            .collect(),
        // The first of something is often told without saying so (`2014年…共同发表了《中美
        // 气候变化联合声明》` for `第一次发气候联合声明`); another one is not.
        ordinals: event_ordinals(&reading.normalized)
            .into_iter()
            .filter(|o| !o.starts_with(FIRST))
            .collect(),
        terms: &reading.terms,
    };
    for passage in scored.iter_mut().take(first) {
        let lacked: Vec<String> = reading
            .names
            .iter()
            .filter(|name| !reading.holds_name(name, &passage.measure.lowered))
            .cloned()
            .collect();
        let holds_names =
            !weights.require_names || reading.share_of(&lacked) < weights.name_min_share;
        passage.states_value = holds_names && states_asked_value(passage, &asking);
    }
}

/// Whether a passage states a value of a kind asked for in a sentence about the question (one
/// holding `value_sentence_share` of the passage's best sentence's share and
/// `value_anywhere_share` of the best sentence's among the first passages) or in a sentence
/// beside it: a passage often gives the fact in one sentence and goes on about it in the next
/// (`谈判长达15年。如此艰难漫长的谈判…`). The passage must hold the nouns saying whose value
/// it is (`asked_of`, whole or in pieces): a passage naming 国家主席胡锦涛 does not say who
/// chaired the Fed. A post someone held is stated only by a sentence holding a title beside
/// the person the question names (`names`), not in a sentence beside it: a passage naming
/// 解振华 and, a sentence on, 主席习近平 does not give 解振华's post. A person asked for by their title
/// (`驻华大使叫啥名字`) is named beside it (`title`) by a passage writing it:
/// `只允许美国驻华大使及翻译在场` names no ambassador. (A passage not writing the title may
/// call the role otherwise: `部长石广生率领的代表团` for 团长.) A question naming people
/// asks a value of what one of them did, stated where one of them is named (in the sentence
/// about the question or the one beside it): a date of the 2015 joint statement does not say
/// when 特朗普 left the Paris Agreement. (Unless it asks who: the person asked for is another.)
/// So does a question naming a year (`2009年`) ask a value of that year, stated where the year
/// is written, or by a passage opening with `当时` after one writing the year (its `lead`).
/// A value of the last or the Nth round, time or session (`最后一轮是哪年`) is stated where that
/// one is named: the year of the first round is not the last's.
fn states_asked_value(scored: &ScoredPassage, asking: &Asking) -> bool {
    let Asking {
        asked,
        measure,
        catalog,
        weights,
        best_anywhere,
        asked_of,
        measured,
        names,
        title,
        places_named,
        people,
        years,
        ordinals,
        terms,
    } = asking;
    let measure = *measure;
    let sentences = &scored.measure.sentences;
    let best = sentences.iter().map(|s| s.score).fold(0.0, f32::max);
    if best <= 0.0 {
        return false;
    }
    let about =
        (weights.value_sentence_share * best).max(weights.value_anywhere_share * *best_anywhere);
    // Whether something came to pass: the sentence most about the question must state it,
    // not foresee it.
    if asked.contains(&ValueKind::Outcome)
        && sentences
            .iter()
            .filter(|s| s.score >= best)
            .any(|s| values::foresees(&scored.passage.text[s.range.clone()]))
    {
        return false;
    }
    let asking_terms: Vec<&Term> = asked_of.iter().chain(measured.iter()).copied().collect();
    // Whose value it is, held anywhere in the passage but inside the title of a work that
    // only holds it.
    let names_whose = asked_of.iter().all(|term| {
        let lowered = outside_longer_titles(&scored.measure.lowered, term, &asking_terms);
        term.credit(&lowered) >= weights.value_asked_of_credit || in_pieces(&term.text, &lowered)
    });
    if !names_whose {
        return false;
    }
    // What the figure asked for counts, held so: in one of its forms, in pieces or by its
    // head.
    if !measured.iter().all(|term| {
        let lowered = outside_longer_titles(&scored.measure.lowered, term, &asking_terms);
        term.credit(&lowered) >= weights.value_asked_of_credit
            || in_pieces(&term.text, &lowered)
            || holds_head(&term.text, &lowered)
    }) {
        return false;
    }
    let post = asked.contains(&ValueKind::Post);
    // A passage writing the title asked for without a name beside it names no holder of it.
    let text = &scored.passage.text;
    if title.is_some_and(|t| {
        *asked == [ValueKind::Person]
            && text.contains(t)
            && !values::names_holder_of(text, t, &catalog.people)
    }) {
        return false;
    }
    // A place is given in the sentence about the question, not in one beside it
    // (`…就哥本哈根气候变化会议进行协调。` beside the founding of a research centre): read apart
    // from the other values asked, which a sentence beside it may state.
    let place = asked.contains(&ValueKind::Place);
    let others: Vec<ValueKind> = asked
        .iter()
        .copied()
        .filter(|k| *k != ValueKind::Place)
        .collect();
    let about_the_question = |i: usize| sentences[i].score >= about;
    if place
        && !(0..sentences.len()).any(|i| {
            about_the_question(i)
                && names_a_place_where_it_speaks(
                    &text[sentences[i].range.clone()],
                    places_named,
                    terms,
                    weights.place_clause_share,
                )
        })
    {
        return false;
    }
    if others.is_empty() {
        return true;
    }
    // Each sentence read once.
    let stating: Vec<bool> = sentences
        .iter()
        .map(|s| {
            let text = &text[s.range.clone()];
            (!others.contains(&ValueKind::Said) || says_in_clause_of(text, asked_of, weights))
                && values::states_value(text, &others, measure, catalog)
                && !(post
                    && !names.is_empty()
                    && !names.iter().any(|n| values::gives_post_of(text, n)))
        })
        .collect();
    // A post is given in the sentence about the question, not in one beside it: a passage
    // naming 解振华 and, a sentence on, 主席习近平 does not give 解振华's post.
    let beside = usize::from(!post);
    // Whose people and which years the window must name (a question asking who is about
    // another person than those it names).
    let people: &[&Term] = if asked.contains(&ValueKind::Person) {
        &[]
    } else {
        people
    };
    (0..sentences.len()).any(|i| {
        let window = i.saturating_sub(beside)..sentences.len().min(i + 1 + beside);
        about_the_question(i) && stating[window.clone()].iter().any(|s| *s) && {
            if people.is_empty() && years.is_empty() && ordinals.is_empty() {
                return true;
            }
            let span = sentences[window.start].range.start..sentences[window.end - 1].range.end;
            let lowered = crate::text::lowercase(&text[span]);
            (ordinals.is_empty()
                || event_ordinals(&lowered)
                    .iter()
                    .any(|o| ordinals.contains(o)))
                && (people.is_empty() || people.iter().any(|p| p.credit(&lowered) >= 1.0))
                && (years.is_empty()
                    || years.iter().any(|y| lowered.contains(y.text.as_str()))
                    || (window.start == 0
                        && values::dated_by_what_came_before(&lowered)
                        && years
                            .iter()
                            .any(|y| scored.passage.lead.contains(y.text.as_str()))))
        }
    })
}

/// Whether a sentence names a place (not one the question names) in a clause holding `share`
/// of the question's weight: where two leaders met (`…于伦敦G20峰会期间举行会晤，决定将…合并为
/// “中美战略与经济对话”`) is not where the dialogue they founded was held. A clause setting the
/// scene of the next (`9月的G20杭州峰会期间，中美共同宣布…`, `[passages] settings`) is read
/// with it.
fn names_a_place_where_it_speaks(
    sentence: &str,
    places_named: &[&str],
    terms: &[Term],
    share: f32,
) -> bool {
    let clauses: Vec<&str> = sentence.split(crate::text::is_clause_end).collect();
    let settings = &lexicon().settings;
    clauses.iter().enumerate().any(|(k, clause)| {
        if !values::names_a_place(&without(clause, places_named)) {
            return false;
        }
        let mut read = crate::text::lowercase(clause);
        let sets_scene = settings
            .iter()
            .any(|s| clause.trim_end().ends_with(s.as_str()));
        if let Some(next) = clauses.get(k + 1).filter(|_| sets_scene) {
            read.push_str(&crate::text::lowercase(next));
        }
        terms
            .iter()
            .map(|t| t.weight * t.credit(&read))
            .sum::<f32>()
            >= share
    })
}

/// How `event_ordinals` writes the first one and the last.
const FIRST: &str = "1";
const LAST: &str = "last";

/// The ordinals of rounds, times and sessions a text names (`首轮`, `头一回`, `第一次`,
/// `最后一轮`, `第3届`, `第三届`), each as which one and its classifier (`1轮`, `last轮`,
/// `3届`). `第几轮` names none: it asks which.
fn event_ordinals(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if !"轮次届回场".contains(*c) {
            continue;
        }
        let before: String = chars[i.saturating_sub(3)..i].iter().collect();
        let which = if ["首", "头一", "第一"].iter().any(|w| before.ends_with(w)) {
            Some(FIRST.to_string())
        } else if ["最后一", "最后", "末"].iter().any(|w| before.ends_with(w)) {
            Some(LAST.to_string())
        } else if let Some(at) = before.rfind('第') {
            crate::text::leading_number(&before[at + '第'.len_utf8()..]).map(|n| n.to_string())
        } else {
            None
        };
        if let Some(which) = which {
            out.push(format!("{which}{c}"));
        }
    }
    out
}

/// Whether a sentence gives what was said by whose words the question asks (`asked_of`,
/// any one of them; any speaker when it names none): a word of saying in a clause naming
/// them (`美国总统卡特表示`). A passage naming Moscow in one clause and someone speaking in
/// another does not give Moscow's reaction.
fn says_in_clause_of(sentence: &str, asked_of: &[&Term], weights: &Weights) -> bool {
    asked_of.is_empty()
        || sentence.split(crate::text::is_clause_end).any(|clause| {
            let lowered = crate::text::lowercase(clause);
            holds_any(clause, &lexicon().speech)
                && asked_of
                    .iter()
                    .any(|t| t.credit(&lowered) >= weights.value_asked_of_credit)
        })
}

/// The question's terms naming people the corpus names, in one of their forms.
fn people_named<'r>(reading: &'r Reading, catalog: &Catalog) -> Vec<&'r Term> {
    let people: Vec<String> = catalog.people.iter().map(|p| p.to_lowercase()).collect();
    reading
        .relevance_terms
        .iter()
        .filter(|t| t.forms().any(|f| people.iter().any(|p| p == f)))
        .collect()
}

/// The places of the lexicon that a question asking where names, in its own words or in the
/// Chinese its English found.
fn places_named(reading: &Reading) -> Vec<&'static str> {
    if !reading.intent.place {
        return Vec::new();
    }
    let lowered = crate::text::lowercase(&reading.normalized);
    crate::question::lexicon::lexicon()
        .places
        .iter()
        .map(String::as_str)
        .filter(|place| {
            lowered.contains(place) || reading.terms.iter().any(|t| t.text.contains(place))
        })
        .collect()
}

/// A sentence without the places the question names.
fn without<'t>(text: &'t str, places: &[&str]) -> Cow<'t, str> {
    if places.iter().any(|p| text.contains(p)) {
        let mut text = text.to_string();
        for place in places {
            text = text.replace(place, "，");
        }
        Cow::Owned(text)
    } else {
        Cow::Borrowed(text)
    }
}

/// A passage without the titles of works (`《关税与贸易总协定》`) that are longer than a term
/// and hold it: such a title names an agreement or a law, not the term's thing (the report's
/// only `关税` is in the title of the GATT, beside a share of exports). A title that is the
/// term itself (`《巴黎协定》` for `巴黎协定`) stays, as does one holding another of the
/// question's terms (`asking`): the question names the work, in its own words
/// (`总统气候行动计划` for `《总统气候变化行动计划》`).
fn outside_longer_titles<'t>(lowered: &'t str, term: &Term, asking: &[&Term]) -> Cow<'t, str> {
    let held = |t: &Term, title: &str| t.forms().any(|f| title.contains(f));
    let dropped: Vec<String> = crate::text::titles(lowered)
        .into_iter()
        .filter(|title| {
            held(term, title)
                && !term.forms().any(|f| f == *title)
                && asking.iter().filter(|t| held(t, title)).count() < 2
        })
        .map(|title| format!("《{title}》"))
        .collect();
    if dropped.is_empty() {
        Cow::Borrowed(lowered)
    } else {
        Cow::Owned(crate::question::lexicon::without(lowered, &dropped))
    }
}

/// Whether a text holds the head of a Chinese noun of two characters, its last (`话` of `电话`
/// in `通话`): such a noun is most often one kind of its head, which the corpus may write in
/// another word of the kind (`电话` → `通话`, `文件` → `2300多件`). Loose (`件` is in `事件`
/// too), and so read only of what a figure asked for counts, in a passage already about the
/// question.
fn holds_head(noun: &str, text: &str) -> bool {
    let mut chars = noun.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(first), Some(head), None)
            if crate::text::is_cjk(first) && crate::text::is_cjk(head) =>
        {
            text.contains(head)
        }
        _ => false,
    }
}

/// Whether a text holds a compound of four characters or more in two-character pieces, as
/// a passage may write its parts apart (`双边协议` in `双边市场准入协议`).
fn in_pieces(word: &str, lowered: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 || !chars.iter().all(|c| crate::text::is_cjk(*c)) {
        return false;
    }
    let starts = (0..chars.len()).step_by(2).map(|i| i.min(chars.len() - 2));
    starts
        .map(|i| chars[i..i + 2].iter().collect::<String>())
        .all(|piece| lowered.contains(&piece))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_only_inside_a_longer_title_is_not_held() {
        let tariff = Term::new("关税", 0.5);
        let text = "因为未恢复《关税与贸易总协定》缔约国地位，尤其是占到出口总额30%的纺织品";
        let kept = outside_longer_titles(text, &tariff, &[&tariff]);
        assert!(!kept.contains("关税"), "{kept}");
        assert!(
            kept.contains("30%"),
            "the rest of the passage stays: {kept}"
        );
        // The title that is the term itself stays.
        let paris = Term::new("巴黎协定", 0.5);
        assert!(outside_longer_titles("签署《巴黎协定》", &paris, &[&paris]).contains("巴黎协定"));
        // So does a title holding another word of the question: it names the work.
        let plan = Term::new("行动计划", 0.3);
        let climate = Term::new("气候", 0.3);
        let text = "奥巴马签署《总统气候变化行动计划》";
        assert!(outside_longer_titles(text, &plan, &[&plan, &climate]).contains("行动计划"));
        // A title without the term is left alone, and so is an unclosed mark.
        assert!(
            outside_longer_titles("《巴黎协定》规定关税", &tariff, &[]).contains("《巴黎协定》")
        );
        assert!(outside_longer_titles("《关税", &tariff, &[]).contains("关税"));
    }

    #[test]
    fn a_place_asked_for_is_named_in_a_clause_about_the_question() {
        let terms = [
            Term::new("战略与经济对话", 0.6),
            Term::new("美", 0.05),
            Term::new("城市", 0.35),
        ];
        // Where the leaders met, in a clause without the dialogue: not where it was held.
        let met = "2009年4月，中国国家主席胡锦涛和美国总统奥巴马于伦敦G20峰会期间举行会晤，决定将\
                   两个对话合并为中美战略与经济对话。";
        assert!(!names_a_place_where_it_speaks(met, &[], &terms, 0.1));
        let held = "首轮中美战略与经济对话在华盛顿举行。";
        assert!(names_a_place_where_it_speaks(held, &[], &terms, 0.1));
        // A clause setting the scene is read with the clause it sets.
        let ratified = [Term::new("巴黎协定", 0.5), Term::new("批准", 0.5)];
        let scene = "9月的G20杭州峰会期间，中美共同宣布已完成《巴黎协定》的国内批准程序。";
        assert!(names_a_place_where_it_speaks(scene, &[], &ratified, 0.1));
        // A place the question names itself is not the one asked for.
        assert!(!names_a_place_where_it_speaks(
            held,
            &["华盛顿"],
            &terms,
            0.1
        ));
    }

    #[test]
    fn rounds_and_times_are_read_by_which_one() {
        assert_eq!(event_ordinals("最后一轮是哪年开的"), ["last轮"]);
        assert_eq!(
            event_ordinals("自2009年的首轮中美战略与经济对话以来"),
            ["1轮"]
        );
        assert_eq!(
            event_ordinals("中美头一回发声明，第3届会议"),
            ["1回", "3届"]
        );
        assert_eq!(event_ordinals("第三届会议"), ["3届"]);
        assert!(event_ordinals("是第几轮谈判").is_empty());
        // A count is no ordinal.
        assert!(event_ordinals("一共开了几轮，谈了三次").is_empty());
    }

    #[test]
    fn what_someone_said_is_given_in_a_clause_naming_them() {
        let weights = Weights::default();
        let moscow = Term::new("苏联", 0.5);
        assert!(says_in_clause_of(
            "苏联外交部发表声明，谴责中美建交",
            &[&moscow],
            &weights
        ));
        // Named in one clause, someone else speaking in another.
        assert!(!says_in_clause_of(
            "苏联入侵阿富汗后，卡特总统表示美国将加强对华合作",
            &[&moscow],
            &weights
        ));
        // Any speaker when the question names none.
        assert!(says_in_clause_of("卡特表示", &[], &weights));
    }

    #[test]
    fn a_noun_of_two_characters_is_held_by_its_head() {
        assert!(holds_head("电话", "部长之间直接通话20多次"));
        assert!(holds_head("文件", "清理法律法规和部门规章2300多件"));
        // Not one of one character or of three: `失业率`'s `率` is any rate's.
        assert!(!holds_head("债", "国债"));
        assert!(!holds_head("失业率", "增长率"));
        // Nor a Latin one.
        assert!(!holds_head("g7", "2017"));
    }
}
