//! The shared harness: one engine over the bundled corpus, built once per test run into a
//! folder of its own, and helpers to copy the corpus somewhere a test may break it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use luopan::config::Settings;
use luopan::{Answer, Engine, EngineSettings};

/// The project's root, where `index/` and `tests/data/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder under cargo's scratch space for integration tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("luopan-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The default settings with the given manifest and index folder.
pub fn settings(manifest: PathBuf, index_dir: PathBuf) -> EngineSettings {
    let mut settings = Settings::load_from(
        None,
        config::Environment::with_prefix("LUOPAN_TESTS_UNUSED").source(Some(Default::default())),
    )
    .expect("default settings")
    .engine;
    settings.manifest = manifest;
    settings.index_dir = index_dir;
    settings
}

/// The engine over the bundled corpus, shared by every test in this binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = scratch("shared-index");
        Engine::open(settings(
            root().join("index/corpus.toml"),
            dir.join("tantivy"),
        ))
        .expect("the bundled corpus opens")
    })
}

/// A copy of the bundled manifest and corpus in a scratch folder, for tests that change files.
pub fn corpus_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("corpus")).expect("corpus folder");
    std::fs::copy(root().join("index/corpus.toml"), dir.join("corpus.toml")).expect("manifest");
    for file in ["report.txt", "ft-commentary.txt"] {
        std::fs::copy(
            root().join("index/corpus").join(file),
            dir.join("corpus").join(file),
        )
        .expect("document");
    }
    dir
}

/// Checks the invariants every answer keeps.
pub fn check_answer(answer: &Answer) {
    let engine = engine();
    assert!(answer.found, "{}", answer.question);
    assert!(
        (1..=3).contains(&answer.summary.len()),
        "{:?}",
        answer.summary
    );
    assert!(!answer.passages.is_empty() && answer.passages.len() <= 5);
    for (i, citation) in answer.passages.iter().enumerate() {
        assert_eq!(citation.n, i + 1);
        let chars = citation.excerpt.chars().count();
        assert!(chars <= 400, "excerpt of {chars} characters");
        let passage = engine
            .passage(&citation.id)
            .expect("lookup")
            .expect("cited passage exists");
        let inner = citation
            .excerpt
            .trim_start_matches('…')
            .trim_end_matches('…');
        assert!(
            passage.text.contains(inner),
            "excerpt not verbatim: {inner}"
        );
        assert!(!citation.case_title.is_empty() && !citation.doc_title.is_empty());
        if citation.doc == "report" {
            assert!(citation.page.is_some(), "report citations have pages");
        }
        let length = citation.excerpt.chars().count();
        for [start, end] in &citation.marks {
            assert!(
                start < end && *end <= length,
                "mark {start}..{end} out of {length}"
            );
        }
    }
    for sentence in &answer.summary {
        assert!(!sentence.cites.is_empty());
        let cited_passages: Vec<String> = sentence
            .cites
            .iter()
            .map(|n| {
                let citation = &answer.passages[n - 1];
                engine.passage(&citation.id).unwrap().unwrap().text
            })
            .collect();
        assert!(
            cited_passages
                .iter()
                .any(|text| text.contains(&sentence.text)),
            "summary sentence is not verbatim from what it cites: {}",
            sentence.text
        );
    }
}

/// Asserts a question lacks no word the corpus uses (`explain`'s absent words) and is
/// answered; returns the answer.
pub fn answered_lacking_nothing(question: &str) -> Answer {
    let explained = engine()
        .explain(&luopan::Question::new(question), 3)
        .expect("explained");
    assert!(
        explained.absent.is_empty(),
        "{question}: {:?}",
        explained.absent
    );
    let answer = engine()
        .ask(&luopan::Question::new(question))
        .expect("answer");
    assert!(answer.found, "{question}: {answer:?}");
    answer
}
