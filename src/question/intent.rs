//! What a question says about where to look and what answers it: a part it names (`入世那一章`,
//! `前言`), whether it asks for a lesson, perhaps by number (`第二条经验`), and whether it asks
//! when, how long, why, or why something could not be done (`为什么推不动`). The words for each
//! are in the lexicon.

use super::lexicon::{self, holds_any, holds_any_outside, lexicon};
use crate::catalog::Catalog;
use crate::corpus::PartKind;

/// Hints read from the question's wording.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intent {
    /// Parts the question names.
    pub parts: Vec<String>,
    /// The names it calls them by (`前言`, `ft`): its words inside them are held by any
    /// passage of those parts, which need not repeat its part's name.
    pub part_names: Vec<String>,
    /// Documents the question names (`报告`, `FT`).
    pub documents: Vec<String>,
    /// Whether the question asks about lessons or conclusions.
    pub lessons: bool,
    /// The lesson number asked for, from 1.
    pub ordinal: Option<usize>,
    /// Whether the question asks when something happened, and whether to the month or the day.
    pub when: bool,
    pub month: bool,
    pub day: bool,
    /// Whether the question asks how long something took.
    pub how_long: bool,
    /// Whether the question asks why.
    pub why: bool,
    /// Whether the question asks why something could not be done (`为什么推不动`).
    pub obstacle: bool,
    /// Whether the question asks who.
    pub who: bool,
    /// Whether the question asks a fact of a person's life (birth, birthplace, schooling).
    pub life: bool,
    /// Whether the question asks who wrote a document.
    pub author: bool,
    /// Whether the question asks what a document or a part it names says as a whole
    /// (`FT那篇文章讲了啥`): its lessons and its opening answer it.
    pub gist: bool,
    /// Whether the question asks the title of a written work (`书名`, `哪本书`).
    pub work: bool,
    /// Whether the question asks what someone said (`谈了些啥`, `what did … say about`).
    pub said: bool,
    /// Whether the question asks the post someone held (`啥职务`, `what post did…`).
    pub post: bool,
    /// Whether the question asks where someone or something ranks (`排第几`, `what rank`).
    pub rank: bool,
    /// Whether the question asks where something took place or stands (`在哪儿开的`,
    /// `哪个城市`, `which city`).
    pub place: bool,
    /// The title whose holder's name the question asks (`驻华大使叫啥名字` → `大使`).
    pub holder_of: Option<String>,
    /// Whether the question asks whether something came to pass (`到底重启了没有`, `did …
    /// actually …`).
    pub realised: bool,
    /// Whether the question asks how much, how many or what share.
    pub number: bool,
    /// What the figure asked for measures, when the question asks a figure and says of what
    /// (`税率是多少` → `share`): the name of a lexicon `[[measures]]`.
    pub measure: Option<String>,
    /// Whether the question asks how something was done.
    pub how: bool,
    /// Whether the question compares (`各自`, `差在哪`, `differ`).
    pub compare: bool,
}

/// A value a question asks for, which a passage states or does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Date,
    /// A date to the month (`1978年5月`).
    Month,
    /// A date to the day (`11月15日`).
    Day,
    Duration,
    Person,
    Figure,
    /// A fact of a person's life: birth, birthplace, schooling, death.
    Life,
    /// Whether something came to pass: stated, not foreseen.
    Outcome,
    /// The post or title someone held (`啥职务`): a title beside them.
    Post,
    /// The title of a written work (`《…》`).
    Work,
    /// What someone said or talked over: a word of saying where they are named.
    Said,
    /// Where something took place or stands: a city or a site named (`[passages] places`).
    Place,
    /// Where someone or something ranks (`排第几`, `算老几`): a rank stated (`第二大`, `最大的`).
    Rank,
}

impl ValueKind {
    /// Whether a question asking this value is answered only where it is stated, whatever
    /// other value asked for is (a fact of a life, an outcome, a title), rather than by any
    /// one of the values it asks.
    pub fn must_be_stated(&self) -> bool {
        matches!(
            self,
            ValueKind::Life
                | ValueKind::Outcome
                | ValueKind::Work
                | ValueKind::Said
                | ValueKind::Post
                | ValueKind::Place
                | ValueKind::Rank
        )
    }
}

impl Intent {
    /// The values the question asks for (`什么时候`, `哪天`, `多久`, `谁`, `多少`, `哪年出生`),
    /// in that order.
    pub fn values_asked(&self) -> Vec<ValueKind> {
        [
            (self.when && !self.month && !self.day, ValueKind::Date),
            (self.month && !self.day, ValueKind::Month),
            (self.day, ValueKind::Day),
            (self.how_long, ValueKind::Duration),
            (self.who, ValueKind::Person),
            (self.number, ValueKind::Figure),
            (self.life, ValueKind::Life),
            (self.realised, ValueKind::Outcome),
            (self.work, ValueKind::Work),
            (self.said, ValueKind::Said),
            (self.post, ValueKind::Post),
            (self.place, ValueKind::Place),
            (self.rank, ValueKind::Rank),
        ]
        .into_iter()
        .filter_map(|(asked, kind)| asked.then_some(kind))
        .collect()
    }
}

/// Whether a question says something could not be done: `没能`, `无法`, or a verb with a
/// negative result complement (`推不动`, `谈不拢`, `做不成`).
fn says_unable(question: &str) -> bool {
    let lexicon = lexicon();
    holds_any(question, &lexicon.unable)
        || question.chars().collect::<Vec<char>>().windows(3).any(|w| {
            crate::text::is_cjk(w[0]) && w[1] == '不' && lexicon.unable_complements.contains(&w[2])
        })
}

/// The names a question may give a part by (lowercased): its aliases, its title, its author,
/// and for the preface the words for a preface.
fn names_of(part: &crate::catalog::PartDigest) -> Vec<String> {
    let mut names: Vec<String> = part.aliases.iter().map(|a| a.to_lowercase()).collect();
    names.push(part.title.to_lowercase());
    names.extend(
        part.author
            .iter()
            .filter(|a| a.chars().count() >= 2)
            .cloned(),
    );
    if part.kind == PartKind::Preface {
        names.extend(lexicon().preface_names.iter().cloned());
    }
    names.retain(|n| !n.is_empty());
    names
}

/// Whether a (lowercased) word is, or is part of, a name of some part or document of the
/// corpus (`前言`, `FT`, `那篇文章`): a question uses it to say where to look.
pub fn names_a_part(word: &str, catalog: &Catalog) -> bool {
    let documents = catalog
        .documents
        .iter()
        .flat_map(|d| d.aliases.iter().chain([&d.short, &d.title]))
        .map(|n| n.to_lowercase());
    catalog
        .parts
        .iter()
        .flat_map(names_of)
        .chain(documents)
        .any(|name| name.contains(word))
}

/// What a question asks, from its searched text (`text`), and for an English one from the
/// question as asked (`original`): its question words, and the documents it names by an
/// English alias.
pub(super) fn read_question(
    text: &str,
    original: &str,
    lang: super::Lang,
    catalog: &Catalog,
) -> Intent {
    let mut intent = read(text, catalog);
    if lang == super::Lang::En {
        for doc in english_documents(original, catalog) {
            if !intent.documents.contains(&doc) {
                intent.documents.push(doc);
            }
        }
        add_english(&mut intent, original);
    }
    intent
}

/// The documents an English question names by an English alias (`the report`, `the op-ed`),
/// as whole words.
fn english_documents(question: &str, catalog: &Catalog) -> Vec<String> {
    let lowered = question.to_lowercase();
    catalog
        .documents
        .iter()
        .filter(|d| {
            let english: Vec<String> = d
                .aliases
                .iter()
                .filter(|a| a.is_ascii())
                .map(|a| a.to_lowercase())
                .collect();
            lexicon().asks_in_english(&lowered, &english, true)
        })
        .map(|d| d.id.clone())
        .collect()
}

/// Whether a Chinese question asks whether something was done: a verb, 没 and the verb again
/// (`签没签`, `来没来`), a question ending in 没有 (`签下来没有`), or a yes/no question whose
/// last clause says it came after or in the end (`后来真的签下来了吗`; `[asks.realised]
/// adverbs`, `endings`).
fn asks_whether_done(question: &str) -> bool {
    let chars: Vec<char> = question.chars().collect();
    let repeated = chars
        .windows(3)
        .any(|w| w[1] == '没' && w[0] == w[2] && crate::text::is_cjk(w[0]) && w[0] != '有');
    let trimmed =
        question.trim_end_matches(|c: char| !crate::text::is_cjk(c) || "啊呢呀吗啦".contains(c));
    // `后来真的签下来了吗`: a yes/no question on what came after, in its last clause.
    let lexicon = lexicon();
    let last_clause = trimmed
        .rsplit(crate::text::is_clause_end)
        .next()
        .unwrap_or(trimmed);
    let ending = question.trim_end_matches(|c: char| !crate::text::is_cjk(c));
    let came_after = holds_any(last_clause, &lexicon.realised_adverbs)
        && lexicon
            .realised_endings
            .iter()
            .any(|e| ending.ends_with(e.as_str()));
    repeated || trimmed.ends_with("没有") || came_after
}

/// How many characters a question word asking which one may stand before the role it asks
/// for (`哪个国家领导人`).
const WHICH_TO_ROLE: usize = 6;

/// Whether a question asks which person held a title or a role (`哪个官员`, `哪位美国高官`):
/// `哪` with `个`, `位` or `名` (and `一` between), a title or a role of `[asks.who] roles`
/// a few characters on, in the same clause.
fn asks_which_person(question: &str) -> bool {
    let lexicon = lexicon();
    question.match_indices('哪').any(|(at, _)| {
        let mut after = question[at + '哪'.len_utf8()..].chars().peekable();
        after.next_if_eq(&'一');
        if after.next_if(|c| "个位名".contains(*c)).is_none() {
            return false;
        }
        let window: String = after
            .take_while(|c| !crate::text::is_clause_end(*c))
            .take(WHICH_TO_ROLE)
            .collect();
        lexicon
            .titles
            .iter()
            .chain(&lexicon.who_roles)
            .any(|role| window.contains(role.as_str()))
    })
}

/// Whether an English question asks which person of a role (`which Chinese vice premier`,
/// `which officials`; `[asks.who] english_roles`, `asked::which_noun`).
fn asks_which_person_in_english(question: &str) -> bool {
    let roles = &lexicon().who_english_roles;
    super::asked::which_noun(question, true, |w| roles.iter().any(|r| r == w)).is_some()
}

/// Whether a question asks a rank: a cue of `[asks.rank]` (`排名`, `算老几`), or `第几` not
/// counting a lesson, a round or a part (`第几条`, `第几轮`: `[asks.rank] not_after`).
fn asks_rank(question: &str) -> bool {
    let lexicon = lexicon();
    holds_any(question, &lexicon.rank)
        || question.match_indices("第几").any(|(at, w)| {
            let next = question[at + w.len()..].chars().next();
            !next.is_some_and(|c| lexicon.rank_not_after.contains(&c))
        })
}

/// The title or role whose holder's name a question asks (`驻华大使叫啥名字` → `大使`; the
/// longest, `副总理` not `总理`), which asks who as `是谁` does.
fn title_named(question: &str) -> Option<&'static str> {
    let lexicon = lexicon();
    lexicon
        .titles
        .iter()
        .filter(|title| {
            question.match_indices(title.as_str()).any(|(at, _)| {
                let after = &question[at + title.len()..];
                lexicon
                    .who_after_title
                    .iter()
                    .any(|cue| after.starts_with(cue.as_str()))
            })
        })
        .max_by_key(|title| title.len())
        .map(String::as_str)
}

/// Reads the hints of a question (in simplified characters, dates normalized).
pub fn read(question: &str, catalog: &Catalog) -> Intent {
    let lexicon = lexicon();
    let lowered = question.to_lowercase();
    let mut parts = Vec::new();
    let mut part_names = Vec::new();
    for part in &catalog.parts {
        let used: Vec<String> = names_of(part)
            .into_iter()
            .filter(|n| lowered.contains(n.as_str()))
            .collect();
        if !used.is_empty() {
            parts.push(part.id.clone());
            part_names.extend(used);
        }
    }
    let documents: Vec<String> = catalog
        .documents
        .iter()
        .filter(|d| {
            d.aliases
                .iter()
                .chain([&d.short, &d.title])
                .any(|n| !n.is_empty() && lowered.contains(&n.to_lowercase()))
        })
        .map(|d| d.id.clone())
        .collect();
    // A place is asked in words that hold no cue of another kind (`哪几个城市`, where `哪几`
    // alone asks nothing).
    let place = holds_any(&lowered, &lexicon.place) && !holds_any(&lowered, &lexicon.place_unless);
    // What it asks is read without the phrases that hold a cue but do not ask (`那几年`).
    let lowered = lexicon::without(&lowered, &lexicon.not_asking);
    let lessons = holds_any(&lowered, &lexicon.lessons);
    let why = holds_any(&lowered, &lexicon.why);
    // A measure only narrows a question that asks a figure or a length of time (`兵力` alone
    // asks none).
    let number = holds_any(&lowered, &lexicon.number);
    let how_long = holds_any(&lowered, &lexicon.how_long);
    let month = holds_any(&lowered, &lexicon.month);
    let day = holds_any(&lowered, &lexicon.day);
    let holder_of = title_named(&lowered);
    let measure = lexicon
        .measures
        .iter()
        .filter(|m| number || (how_long && m.time))
        .find(|m| holds_any(&lowered, &m.cues))
        .map(|m| m.name.clone());
    let names_some_part = !(parts.is_empty() && documents.is_empty());
    Intent {
        parts,
        part_names,
        documents,
        lessons,
        ordinal: if lessons { ordinal(question) } else { None },
        when: holds_any(&lowered, &lexicon.when) || month || day,
        month,
        day,
        how_long,
        why,
        obstacle: why && says_unable(&lowered),
        who: (holds_any(&lowered, &lexicon.who) && !holds_any(&lowered, &lexicon.who_unless))
            || holder_of.is_some()
            || asks_which_person(&lowered),
        life: holds_any(&lowered, &lexicon.life),
        author: holds_any(&lowered, &lexicon.author),
        // Naming a document or a part as such (`那章`, `报告`, `[question] documents`), not a case
        // by its topic (`G20那次讲了啥`), and not its lessons, which their cues ask for.
        gist: holds_any(&lowered, &lexicon.gist)
            && names_some_part
            && !lessons
            && holds_any(&lowered, &lexicon.document_words),
        work: holds_any(&lowered, &lexicon.work),
        // Not what the documents say (`那章讲了啥`, `[question] documents`).
        said: holds_any(&lowered, &lexicon.said) && !holds_any(&lowered, &lexicon.document_words),
        post: holds_any(&lowered, &lexicon.post),
        rank: !lessons && asks_rank(&lowered),
        place,
        holder_of: holder_of.map(str::to_string),
        realised: holds_any(&lowered, &lexicon.realised) || asks_whether_done(&lowered),
        number,
        measure,
        how: holds_any_outside(&lowered, &lexicon.how, &lexicon.how_unless)
            && !holds_any(&lowered, &lexicon.view),
        compare: holds_any_outside(&lowered, &lexicon.compare, &lexicon.compare_unless),
    }
}

/// Adds what an English question asks, read from the question as asked: its question words do
/// not survive translation (`who led…` is rendered as what was led). The values it asks for
/// (when, how long, who, how much), lessons and comparisons; not why or how: their hints
/// lowered about as many English questions as they lifted (why, tried again on nineteen sets:
/// seven up, six down), nor why something could not be done (worse).
pub fn add_english(intent: &mut Intent, question: &str) {
    let lexicon = lexicon();
    let cues = &lexicon.english;
    let lowered = question.to_lowercase();
    let asks = |list: &[String]| lexicon.asks_in_english(&lowered, list, false);
    intent.when |= asks(&cues.when) || asks(&cues.month) || asks(&cues.day);
    intent.month |= asks(&cues.month);
    intent.day |= asks(&cues.day);
    intent.how_long |= asks(&cues.how_long);
    intent.who |= asks(&cues.who) || asks_which_person_in_english(question);
    intent.life |= lexicon.asks_in_english(&lowered, &cues.life, true);
    intent.work |= lexicon.asks_in_english(&lowered, &cues.work, true);
    intent.said |= lexicon.asks_in_english(&lowered, &cues.said, true)
        && !lexicon.asks_in_english(&lowered, &lexicon.document_words, true);
    intent.post |= lexicon.asks_in_english(&lowered, &cues.post, true);
    intent.rank |= !intent.lessons && lexicon.asks_in_english(&lowered, &cues.rank, true);
    intent.place |= lexicon.asks_in_english(&lowered, &cues.place, true);
    intent.author |= lexicon.asks_in_english(&lowered, &cues.author, true);
    let yes_no = lexicon::english_words(&lowered)
        .first()
        .is_some_and(|w| lexicon.english_yes_no_openers.contains(*w));
    // Not what the documents think (`Does the FT op-ed think they might end up…`).
    intent.realised |= (yes_no && lexicon.asks_in_english(&lowered, &cues.realised, true)
        || lexicon.asks_in_english(&lowered, &cues.outcome, true))
        && !lexicon.asks_in_english(&lowered, &lexicon.document_words, true);
    intent.number |= asks(&cues.number);
    if intent.measure.is_none() && (intent.number || intent.how_long) {
        intent.measure = lexicon
            .measures
            .iter()
            .filter(|m| intent.number || m.time)
            .find(|m| asks(&m.english))
            .map(|m| m.name.clone());
    }
    // `what average tariff`: a figure of the measure its noun names (the question read once
    // for all the measures' nouns).
    if intent.measure.is_none()
        && let Some(noun) = super::asked::which_noun(question, false, |w| {
            lexicon
                .measures
                .iter()
                .any(|m| m.english_nouns.iter().any(|n| n == w))
        })
        && let Some(measure) = lexicon
            .measures
            .iter()
            .find(|m| m.english_nouns.contains(&noun))
    {
        intent.number = true;
        intent.measure = Some(measure.name.clone());
    }
    intent.lessons |= lexicon.asks_in_english(&lowered, &cues.lessons, true);
    // `what is the FT article about`: a question ending on `about` asks a gist.
    intent.gist |= (lexicon.asks_in_english(&lowered, &cues.gist, true)
        || lexicon::english_words(&lowered).last() == Some(&"about"))
        && !(intent.parts.is_empty() && intent.documents.is_empty())
        && !intent.lessons
        && lexicon.asks_in_english(&lowered, &lexicon.document_words, true);
    intent.compare |= lexicon.asks_in_english(&lowered, &cues.compare, true);
}

/// The number in `第二条`, `第3点`, `第一个`; `最后一条` is not a number and gives none.
fn ordinal(question: &str) -> Option<usize> {
    let (_, after) = question.split_once('第')?;
    crate::text::leading_number(after)
}

#[cfg(test)]
#[path = "intent_tests.rs"]
mod tests;
