//! What the reader makes of the two documents: parts, pages, footnotes, the FT metadata, and
//! passages that carry their citation.

use luopan::corpus::{Manifest, PartKind, read_document};

use crate::common::{engine, root};

fn report() -> luopan::corpus::Document {
    let manifest = Manifest::load(&root().join("index/corpus.toml")).expect("manifest");
    read_document(&manifest.documents[0], &root().join("index")).expect("report")
}

#[test]
fn the_report_has_a_preface_and_four_cases_on_their_pages() {
    let snapshot = engine().snapshot();
    let parts: Vec<(&str, PartKind, Option<u32>)> = snapshot
        .catalog
        .parts
        .iter()
        .filter(|p| p.doc == "report")
        .map(|p| (p.id.as_str(), p.kind, p.pages.map(|(first, _)| first)))
        .collect();
    assert_eq!(
        parts,
        vec![
            ("preface", PartKind::Preface, Some(1)),
            ("soviet", PartKind::Case, Some(10)),
            ("wto", PartKind::Case, Some(21)),
            ("crisis", PartKind::Case, Some(32)),
            ("paris", PartKind::Case, Some(43)),
        ]
    );
}

#[test]
fn authors_and_sections_are_read_from_the_text() {
    let snapshot = engine().snapshot();
    let authors: Vec<Option<&str>> = snapshot
        .catalog
        .parts
        .iter()
        .map(|p| p.author.as_deref())
        .collect();
    assert_eq!(
        authors[..5],
        [
            Some("陈东晓"),
            Some("苏刘强"),
            Some("王国兴"),
            Some("叶玉"),
            Some("李彦良")
        ]
    );
    let wto = snapshot.catalog.part("wto").expect("wto");
    let headings: Vec<&str> = wto.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings[0], "一、中美为了各自的利益推动中国加入WTO");
    assert_eq!(headings[1], "（一）谈判艰苦卓绝");
    assert_eq!(wto.sections.iter().filter(|s| s.level == 1).count(), 4);
    assert!(
        wto.sections
            .last()
            .is_some_and(|s| s.is_lessons && s.heading == "四、经验与启示")
    );
}

#[test]
fn all_79_footnote_numbers_are_stripped_and_real_numbers_kept() {
    let report = report();
    assert_eq!(report.footnotes, 79);
    let text: String = report.passages.iter().map(|p| p.text.as_str()).collect();
    for kept in [
        "20世纪70年代末80年代初",
        "1979年",
        "2018年",
        "54小时",
        "2.8万亿美元",
    ] {
        assert!(text.contains(kept), "lost {kept}");
    }
    for glued in ["障碍。”1", "会谈。4这次", "可能性78，", "412018年", "http"] {
        assert!(!text.contains(glued), "still has {glued}");
    }
}

#[test]
fn every_report_passage_has_a_page_and_a_part_and_sections_carry_over() {
    let report = report();
    assert!(report.passages.iter().all(|p| p.page.is_some()));
    let lesson_passage = report
        .passages
        .iter()
        .find(|p| p.text.starts_with("第二，双方要体现互谅互让的精神"))
        .expect("wto lesson 2");
    assert_eq!(lesson_passage.part, "wto");
    assert_eq!(lesson_passage.section.as_deref(), Some("四、经验与启示"));
    assert_eq!(lesson_passage.lesson, Some(2));
    assert_eq!(lesson_passage.page, Some(29));
}

#[test]
fn passages_are_neither_huge_nor_tiny_and_ids_are_stable() {
    let first = report();
    let second = report();
    // A part's byline (`陈东晓`) is the one short passage: it tells who wrote the part.
    let bylines = ["陈东晓", "苏刘强", "王国兴", "叶玉", "李彦良"];
    for passage in &first.passages {
        let chars = passage.text.chars().count();
        assert!(
            (20..=420).contains(&chars) || bylines.contains(&passage.text.as_str()),
            "{chars}: {}",
            passage.text
        );
    }
    assert_eq!(
        first
            .passages
            .iter()
            .filter(|p| bylines.contains(&p.text.as_str()))
            .map(|p| p.part.as_str())
            .collect::<Vec<_>>(),
        ["preface", "soviet", "wto", "crisis", "paris"]
    );
    let ids =
        |d: &luopan::corpus::Document| d.passages.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
    let unique: std::collections::HashSet<String> = ids(&first).into_iter().collect();
    assert_eq!(unique.len(), first.passages.len());
}

#[test]
fn the_ft_commentary_keeps_its_metadata_and_drops_markup() {
    let snapshot = engine().snapshot();
    let ft = snapshot.catalog.document("ft").expect("ft");
    assert_eq!(ft.title, "大选后中美关系可争取出现缓和");
    assert_eq!(
        ft.url.as_deref(),
        Some("https://cn.ft.com/story/001090141?full=y")
    );
    assert_eq!(ft.date.as_deref(), Some("2020-11-09"));
    assert_eq!(ft.authors, vec!["王辉耀"]);
    assert!(
        ft.author_note
            .as_deref()
            .is_some_and(|n| n.contains("全球化智库"))
    );
    let manifest = Manifest::load(&root().join("index/corpus.toml")).expect("manifest");
    let document = read_document(&manifest.documents[1], &root().join("index")).expect("ft");
    for passage in &document.passages {
        for junk in ["<", "data-o-ads", "thumbor", "{\"", "mpu-middle"] {
            assert!(!passage.text.contains(junk), "{junk} in {}", passage.text);
        }
    }
    assert!(document.passages[0].text.starts_with("王辉耀：拜登上任后"));
}

#[test]
fn case_overviews_are_two_or_three_sentences_of_the_case_itself() {
    let snapshot = engine().snapshot();
    for case in snapshot.catalog.cases() {
        assert!(
            (2..=3).contains(&case.overview.len()),
            "{}: {:?}",
            case.id,
            case.overview
        );
        assert!(case.period.is_some() && case.author.is_some());
    }
}

#[test]
fn each_passage_carries_the_sentence_before_it_within_its_part() {
    let report = report();
    let passages = &report.passages;
    let constrained = passages
        .iter()
        .find(|p| {
            p.text
                .starts_with("尽管如此，美国的气候变化政策仍受到显著的制约")
        })
        .expect("the passage after Obama's campaign");
    assert!(
        constrained.lead.starts_with("奥巴马在总统竞选期间") && constrained.lead.ends_with('。'),
        "{}",
        constrained.lead
    );
    // A part's byline (the one passage under 20 characters) leads nothing.
    let byline = |p: &luopan::corpus::Passage| p.text.chars().count() < 20;
    for pair in passages.windows(2) {
        let [before, after] = pair else { continue };
        if before.part == after.part && !byline(before) {
            assert!(before.text.ends_with(&after.lead), "{after:?}");
            assert!(!after.lead.is_empty(), "{after:?}");
        } else {
            assert!(
                after.lead.is_empty(),
                "a part's first passage leans on nothing: {after:?}"
            );
        }
    }
    // The index gives the lead back with the passage.
    let snapshot = engine().snapshot();
    let stored = snapshot
        .index
        .passage(&constrained.id)
        .unwrap()
        .expect("indexed");
    assert_eq!(stored.lead, constrained.lead);
}

#[test]
fn each_english_phrase_of_the_shipped_glossary_stands_in_one_entry() {
    let text = std::fs::read_to_string(root().join("index/glossary.toml")).expect("glossary");
    let glossary: toml::Value = toml::from_str(&text).expect("glossary parses");
    let mut seen = std::collections::BTreeMap::new();
    for (entry, term) in glossary["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .enumerate()
    {
        for phrase in term["en"].as_array().expect("en") {
            let phrase = phrase.as_str().expect("a phrase").to_lowercase();
            if let Some(first) = seen.insert(phrase.clone(), entry) {
                panic!("`{phrase}` is in entries {first} and {entry}: one would hide the other");
            }
        }
    }
}
