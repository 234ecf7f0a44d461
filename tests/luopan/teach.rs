//! Taught links at the engine: a link is written to `taught.toml` and indexed with its
//! passage; a broken file is named and the serving index stays; a teach whose rebuild fails
//! puts the file back; a link taught twice is kept once.

use std::path::Path;

use luopan::{Engine, EngineError, Question};

use crate::common::{corpus_copy, settings};

const TAUGHT: &str = "中美双方从中国入世里各捞着什么好处";
const PARAPHRASE: &str = "中国入世以后中美两边分别捞到了哪些好处";

fn open(dir: &Path) -> Engine {
    Engine::open(settings(dir.join("corpus.toml"), dir.join("tantivy"))).expect("opens")
}

/// The passage the answer to `question` cites first.
fn first(engine: &Engine, question: &str) -> String {
    engine
        .ask(&Question::new(question))
        .expect("answers")
        .passages
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_default()
}

/// A passage of the gains section that the paraphrase does not find first untaught.
fn gains_passage(engine: &Engine) -> String {
    let answer = engine
        .ask(&Question {
            top_k: Some(15),
            ..Question::new(TAUGHT)
        })
        .expect("answers");
    answer
        .passages
        .iter()
        .find(|p| {
            p.section
                .as_deref()
                .is_some_and(|s| s.contains("获得巨大利益"))
        })
        .map(|p| p.id.clone())
        .expect("the gains section among the first fifteen")
}

#[test]
fn a_taught_link_is_written_indexed_kept_once_and_holds_after_a_restart() {
    let dir = corpus_copy("teach-engine");
    let engine = open(&dir);
    let passage = gains_passage(&engine);
    assert_ne!(first(&engine, PARAPHRASE), passage, "untaught, not first");
    let taught = engine.teach(TAUGHT, &passage).expect("taught");
    assert!(taught.added && taught.reload.rebuilt);
    assert_eq!(taught.reload.taught, 1);
    assert_eq!(first(&engine, PARAPHRASE), passage);
    let again = engine
        .teach(&format!("  {TAUGHT} "), &passage)
        .expect("taught again");
    assert!(!again.added, "the same link is not added twice");
    let file = std::fs::read_to_string(dir.join("taught.toml")).unwrap();
    let tables = file.lines().filter(|l| *l == "[[taught]]").count();
    assert_eq!(tables, 1, "{file}");
    drop(engine);
    let restarted = open(&dir);
    assert!(
        !restarted.opened().rebuilt,
        "the index built with the link is current"
    );
    assert_eq!(first(&restarted, PARAPHRASE), passage);
}

#[test]
fn a_broken_taught_file_is_named_and_the_serving_index_stays() {
    let dir = corpus_copy("teach-broken");
    let engine = open(&dir);
    let before = first(&engine, PARAPHRASE);
    let broken = "[[taught]]\nquestion = \"没有段落\"\n";
    std::fs::write(dir.join("taught.toml"), broken).unwrap();
    let error = engine
        .reload(false)
        .expect_err("a broken file fails the reload");
    let text = error.to_string();
    assert!(
        text.contains("taught.toml: line 1: missing field `passage`"),
        "{text}"
    );
    assert!(
        !text.contains(dir.to_str().unwrap()),
        "no machine path: {text}"
    );
    assert_eq!(
        first(&engine, PARAPHRASE),
        before,
        "the last good index serves"
    );
    let passage = gains_passage(&engine);
    assert!(engine.teach(TAUGHT, &passage).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.join("taught.toml")).unwrap(),
        broken,
        "a link is never added to a file that cannot be read"
    );
}

#[test]
fn a_teach_whose_rebuild_fails_puts_the_file_back_and_names_what_failed() {
    let dir = corpus_copy("teach-rebuild-fails");
    let engine = open(&dir);
    let passage = gains_passage(&engine);
    std::fs::remove_file(dir.join("corpus/ft-commentary.txt")).unwrap();
    let error = engine
        .teach(TAUGHT, &passage)
        .expect_err("the rebuild fails");
    assert!(error.to_string().contains("ft-commentary.txt"), "{error}");
    assert!(
        !dir.join("taught.toml").exists(),
        "the new file is taken back"
    );
    assert_ne!(first(&engine, PARAPHRASE), passage, "the old index serves");
    let unknown = engine.teach(TAUGHT, "report-000000000000");
    assert!(
        matches!(unknown, Err(EngineError::NoSuchPassage { .. })),
        "{unknown:?}"
    );
    assert!(matches!(
        engine.teach(" \n ", &passage),
        Err(EngineError::EmptyQuestion)
    ));
}
