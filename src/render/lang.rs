//! The bot's own words in the two languages people ask in. Chinese is the default; a question
//! written mostly in Latin letters gets English labels and messages.

pub use crate::question::Lang;
use crate::question::ValueKind;

impl Lang {
    /// The language of a Discord locale (`zh-CN`, `zh-TW`, `en-US`).
    pub fn of_locale(locale: &str) -> Lang {
        if locale.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

impl Words {
    /// The names of the kinds of value asked for (`数字`, `date`), joined by `between`.
    pub fn value_kinds(&self, kinds: &[ValueKind], between: &str) -> String {
        let names: Vec<&str> = kinds
            .iter()
            .map(|kind| {
                let [
                    date,
                    month,
                    day,
                    duration,
                    person,
                    figure,
                    life,
                    outcome,
                    post,
                    work,
                    said,
                    place,
                    rank,
                ] = self.value_kind_names;
                match kind {
                    ValueKind::Date => date,
                    ValueKind::Month => month,
                    ValueKind::Day => day,
                    ValueKind::Duration => duration,
                    ValueKind::Person => person,
                    ValueKind::Figure => figure,
                    ValueKind::Life => life,
                    ValueKind::Outcome => outcome,
                    ValueKind::Post => post,
                    ValueKind::Work => work,
                    ValueKind::Said => said,
                    ValueKind::Place => place,
                    ValueKind::Rank => rank,
                }
            })
            .collect();
        names.join(between)
    }
}

/// Every label and message the bot writes itself.
#[derive(Debug)]
pub struct Words {
    pub question: &'static str,
    pub answer: &'static str,
    pub page: &'static str,
    pub corpus_version: &'static str,
    pub more_excerpts: &'static str,
    pub source: &'static str,
    pub no_more_excerpts: &'static str,
    pub expired: &'static str,
    pub empty_question: &'static str,
    pub too_long: &'static str,
    pub no_words: &'static str,
    pub unknown_case: &'static str,
    pub failed: &'static str,
    /// A search found the index damaged and rebuilding it failed.
    pub damaged: &'static str,
    pub cooldown: &'static str,
    pub not_moderator: &'static str,
    pub reloading: &'static str,
    pub reloaded: &'static str,
    pub unchanged: &'static str,
    pub reload_failed: &'static str,
    pub overview: &'static str,
    pub sections: &'static str,
    pub lessons: &'static str,
    pub author: &'static str,
    pub period: &'static str,
    pub pages: &'static str,
    pub illustrated_by: &'static str,
    pub passage_gone: &'static str,
    pub nothing_found_short: &'static str,
    pub absent: &'static str,
    pub later: &'static str,
    /// The same for a time that is not a year (`明天`, `now`).
    pub later_time: &'static str,
    pub untranslated: &'static str,
    pub unrelated_words: &'static str,
    /// The documents speak of the question's subject but give no value of the kind asked for
    /// (`{kind}`, one of `value_kind_names`, in the order of `ValueKind`: date, month, day, length of time,
    /// person, figure, fact of a life, outcome, post, title of a work, words said, place, rank).
    pub unstated: &'static str,
    pub value_kind_names: [&'static str; 13],
    /// Between alternatives (`日期或数字`), after a label (`未找到：`), ending a sentence.
    pub or: &'static str,
    pub colon: &'static str,
    pub full_stop: &'static str,
    pub small_talk: &'static str,
    pub missing: &'static str,
    pub covers: &'static str,
    pub cases_of: &'static str,
    pub where_to_look: &'static str,
    pub list_separator: &'static str,
    pub voted_up: &'static str,
    pub why_down: &'static str,
    pub why_placeholder: &'static str,
    /// The reasons for a 👎, in the order of `store::Reason::ALL`.
    pub reasons: [&'static str; 5],
    pub reason_noted: &'static str,
    pub store_off: &'static str,
    pub nothing_recorded: &'static str,
    pub store_unreadable: &'static str,
    pub no_recent_answer: &'static str,
    pub no_such_passage: &'static str,
    pub taught: &'static str,
    pub already_taught: &'static str,
    pub teach_failed: &'static str,
    pub stale_links: &'static str,
}

const ZH: Words = Words {
    question: "问",
    answer: "答",
    page: "第{}页",
    corpus_version: "语料版本",
    more_excerpts: "更多摘录",
    source: "原文",
    no_more_excerpts: "没有更多摘录了。",
    expired: "这条回答已经过期，请重新提问。",
    empty_question: "问题是空的，请写下想问的内容。",
    too_long: "问题太长了（{chars} 字），请控制在 {max} 字以内。",
    no_words: "问题里没有可以检索的词，请用文字描述想问的内容。",
    unknown_case: "没有这个案例：{case}。",
    failed: "出了点问题，没能回答。请稍后再试。",
    damaged: "索引文件损坏，自动重建也没有成功，暂时无法回答。请管理员查看日志后运行 /corpus reload。",
    cooldown: "提问太快了，请 {seconds} 秒后再试。",
    not_moderator: "只有管理员（“管理服务器”权限或版主角色）可以重新加载语料。",
    reloading: "正在重新加载语料……",
    reloaded: "语料已重新加载：{documents} 篇文档，{passages} 段，用时 {ms} 毫秒。版本 {version}。",
    unchanged: "语料没有变化，仍在使用版本 {version}（检查用时 {ms} 毫秒）。",
    reload_failed: "重新加载失败，仍在使用原来的语料（版本 {version}）。问题出在 {file}：{reason}",
    overview: "概述",
    sections: "章节",
    lessons: "经验与启示",
    author: "作者",
    period: "时期",
    pages: "页码",
    illustrated_by: "案例印证",
    passage_gone: "这段原文在新版本的语料里已经不存在了。",
    nothing_found_short: "报告和评论里没有找到与这个问题相关的内容。",
    absent: "这些文档没有谈到：{words}。",
    later: "这些文档写于{written}年，没有谈到{year}年的事。",
    later_time: "这些文档写于{written}年，说不了{year}的事。",
    untranslated: "这些文档里找不到这些英文词对应的内容：{words}。",
    unrelated_words: "没有一段同时谈到：{words}。",
    unstated: "这些文档谈到了这件事，但没有给出问到的{kind}。",
    value_kind_names: [
        "日期",
        "月份",
        "具体日期",
        "时长",
        "人名",
        "数字",
        "生平",
        "结果",
        "职务",
        "书名",
        "谈话内容",
        "地点",
        "排名",
    ],
    or: "或",
    colon: "：",
    full_stop: "。",
    small_talk: "你好！我是罗盘，只回答关于下面这些文档的问题，回答里的每句话都出自原文并附出处。",
    missing: "未找到",
    covers: "它们讲的是：{documents}。",
    cases_of: "{document}的{count}个案例（{cases}）",
    where_to_look: "可以换个说法再问，或用 {cases} 查看各案例的概要与经验，用 {lessons} 查看前言的五条启示。",
    list_separator: "、",
    voted_up: "谢谢反馈！已记下你的 👍。",
    why_down: "谢谢反馈。这条回答哪里不对？",
    why_placeholder: "选择原因",
    reasons: [
        "摘录不相关",
        "没有回答问题",
        "页码或出处不对",
        "误解了我的问题",
        "其他",
    ],
    reason_noted: "谢谢，已记下原因：{reason}。",
    store_off: "这个机器人没有开启记录，投票和统计都不会保存。",
    nothing_recorded: "还没有任何记录。",
    store_unreadable: "记录文件无法读取：{reason}",
    no_recent_answer: "这个频道最近没有回答，或那条回答没有第 {n} 条摘录。请用段落编号（/corpus explain 或“原文”按钮里可以看到）。",
    no_such_passage: "语料里没有这个段落：{passage}。",
    taught: "已记下：“{question}” → {source}（{passage}）：{opening}\n现在共有 {count} 条教学链接，索引已重建。",
    already_taught: "这条链接已经有了：“{question}” → {source}（{passage}）：{opening}\n共有 {count} 条教学链接。",
    teach_failed: "没能保存这条教学链接，语料没有变化：{reason}",
    stale_links: "⚠ {count} 条教学链接指向已不存在的段落：{links}",
};

const EN: Words = Words {
    question: "Q",
    answer: "A",
    page: "p. {}",
    corpus_version: "corpus version",
    more_excerpts: "More excerpts",
    source: "Source",
    no_more_excerpts: "No more excerpts.",
    expired: "This answer has expired; please ask again.",
    empty_question: "The question is empty: please write what you want to ask.",
    too_long: "The question is too long ({chars} characters); please keep it under {max}.",
    no_words: "The question has no words to search for; please ask in words.",
    unknown_case: "There is no case called {case}.",
    failed: "Something went wrong and no answer could be made. Please try again later.",
    damaged: "The index is damaged and rebuilding it failed, so no answer can be made for now. A moderator can check the log and run /corpus reload.",
    cooldown: "You are asking too fast; please try again in {seconds} s.",
    not_moderator: "Only moderators (Manage Server permission or a moderator role) can reload the corpus.",
    reloading: "Reloading the corpus…",
    reloaded: "Corpus reloaded: {documents} documents, {passages} passages in {ms} ms. Version {version}.",
    unchanged: "The corpus has not changed; still serving version {version} (checked in {ms} ms).",
    reload_failed: "The reload failed; the previous corpus (version {version}) keeps serving. The problem is in {file}: {reason}",
    overview: "Overview",
    sections: "Sections",
    lessons: "Lessons",
    author: "Author",
    period: "Period",
    pages: "Pages",
    illustrated_by: "Illustrated by",
    passage_gone: "This passage is no longer in the current corpus.",
    nothing_found_short: "Nothing in the report or the commentary matches this question. ",
    absent: "These documents do not discuss: {words}. ",
    later: "These documents were written in {written}; they say nothing of {year}. ",
    later_time: "These documents were written in {written}; they cannot say what holds {year}. ",
    untranslated: "These documents have nothing for these words: {words}. ",
    unrelated_words: "No passage speaks of these together: {words}. ",
    unstated: "These documents speak of this but give no {kind} for it. ",
    value_kind_names: [
        "date",
        "month",
        "exact date",
        "length of time",
        "name",
        "figure",
        "life fact",
        "outcome",
        "post",
        "title",
        "record of what was said",
        "place",
        "rank",
    ],
    or: " or ",
    colon: ": ",
    full_stop: ". ",
    small_talk: "Hello! I am luopan: I answer questions about the documents below, quoting them with sources you can check. ",
    missing: "Missing",
    covers: "They cover: {documents}. ",
    cases_of: "{document}, {count} cases ({cases})",
    where_to_look: "Try other words, or see each case's overview and lessons with {cases}, and the preface's five lessons with {lessons}.",
    list_separator: ", ",
    voted_up: "Thanks! Your 👍 is noted.",
    why_down: "Thanks. What was wrong with this answer?",
    why_placeholder: "Pick a reason",
    reasons: [
        "Wrong passage",
        "Didn't answer",
        "Wrong page or citation",
        "Misread my question",
        "Other",
    ],
    reason_noted: "Thanks, noted: {reason}.",
    store_off: "Recording is off on this bot: votes and figures are not kept.",
    nothing_recorded: "Nothing is recorded yet.",
    store_unreadable: "The store cannot be read: {reason}",
    no_recent_answer: "No recent answer in this channel has an excerpt {n}. Name the passage by its id instead (shown by /corpus explain and the Source buttons).",
    no_such_passage: "The corpus has no passage {passage}.",
    taught: "Taught: “{question}” → {source} ({passage}): {opening}\n{count} taught links now; the index was rebuilt.",
    already_taught: "Already taught: “{question}” → {source} ({passage}): {opening}\n{count} taught links.",
    teach_failed: "The link could not be saved and the corpus is unchanged: {reason}",
    stale_links: "⚠ {count} taught links point at passages no longer in the corpus: {links}",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_follows_the_question() {
        assert_eq!(Lang::of("中美为什么能在气候变化上合作？"), Lang::Zh);
        assert_eq!(
            Lang::of("Why did the US and China cooperate on climate?"),
            Lang::En
        );
        assert_eq!(Lang::of("WTO谈判是怎么结束的"), Lang::Zh);
        assert_eq!(Lang::of(""), Lang::Zh);
    }
}
