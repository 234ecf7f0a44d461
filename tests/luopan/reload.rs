//! The index follows the corpus: rebuilt when a file changes, kept when nothing did, and a
//! broken file never replaces the serving index.

use std::path::Path;

use luopan::corpus::CorpusError;
use luopan::{Engine, EngineError, Question};

use crate::common::{corpus_copy, settings};

fn open(dir: &Path) -> Engine {
    Engine::open(settings(dir.join("corpus.toml"), dir.join("tantivy"))).expect("opens")
}

fn found(engine: &Engine, question: &str) -> bool {
    engine
        .ask(&Question::new(question))
        .map(|a| a.found)
        .unwrap_or(false)
}

const NEW_PARAGRAPH: &str = "\n量子纠缠通信卫星合作是本报告新增的一段测试文字。 \n";

#[test]
fn an_unchanged_corpus_is_not_rebuilt_and_a_changed_one_is() {
    let dir = corpus_copy("reload-change");
    let first = open(&dir);
    assert!(first.opened().rebuilt);
    drop(first);
    let engine = open(&dir);
    assert!(!engine.opened().rebuilt, "the second open reuses the index");
    assert!(!engine.reload(false).expect("reload").rebuilt);
    let version = engine.snapshot().catalog.version();
    assert!(!found(&engine, "量子纠缠通信卫星"));

    let report = dir.join("corpus/report.txt");
    let mut text = std::fs::read_to_string(&report).unwrap();
    text.push_str(NEW_PARAGRAPH);
    std::fs::write(&report, text).unwrap();
    let reloaded = engine.reload(false).expect("reload");
    assert!(reloaded.rebuilt);
    assert_ne!(reloaded.corpus_version, version);
    assert!(found(&engine, "量子纠缠通信卫星"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".luopan"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

/// Breaks the corpus with `damage`, reloads, and checks that the error names `file` and the
/// old index still answers.
fn check_bad_reload(name: &str, damage: impl Fn(&Path), file: &str) {
    let dir = corpus_copy(name);
    let engine = open(&dir);
    let version = engine.snapshot().catalog.version();
    damage(&dir);
    let error = engine
        .reload(true)
        .expect_err("a broken corpus does not load");
    let message = error.to_string();
    assert!(message.contains(file), "{message:?} does not name {file}");
    assert_eq!(
        engine.snapshot().catalog.version(),
        version,
        "the old snapshot keeps serving"
    );
    assert!(found(&engine, "中美为什么能在气候变化上合作"));
    // A new process over the broken corpus serves the index built before.
    drop(engine);
    let again = open(&dir);
    assert_eq!(again.snapshot().catalog.version(), version);
    assert!(found(&again, "中美为什么能在气候变化上合作"));
}

#[test]
fn a_document_that_is_not_utf8_keeps_the_old_index() {
    check_bad_reload(
        "reload-binary",
        |dir| std::fs::write(dir.join("corpus/report.txt"), [0xff, 0xfe, 0x00, 0x81]).unwrap(),
        "report.txt",
    );
}

#[test]
fn a_missing_document_keeps_the_old_index() {
    check_bad_reload(
        "reload-missing",
        |dir| std::fs::remove_file(dir.join("corpus/ft-commentary.txt")).unwrap(),
        "ft-commentary.txt",
    );
}

#[test]
fn an_empty_document_keeps_the_old_index() {
    check_bad_reload(
        "reload-empty",
        |dir| std::fs::write(dir.join("corpus/report.txt"), "  \n\n").unwrap(),
        "report.txt",
    );
}

#[test]
fn a_broken_manifest_keeps_the_old_index() {
    check_bad_reload(
        "reload-manifest",
        |dir| std::fs::write(dir.join("corpus.toml"), "[[documents]]\nid = 3\n").unwrap(),
        "corpus.toml",
    );
}

#[test]
fn a_case_missing_from_the_text_is_a_structure_error() {
    let dir = corpus_copy("reload-structure");
    let engine = open(&dir);
    let manifest = std::fs::read_to_string(dir.join("corpus.toml")).unwrap();
    std::fs::write(
        dir.join("corpus.toml"),
        manifest.replace("中美合力应对全球金融和经济危机", "不存在的案例标题"),
    )
    .unwrap();
    let error = engine.reload(true).expect_err("structure error");
    assert!(
        matches!(error, EngineError::Corpus(CorpusError::Structure { .. })),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("中美合力应对全球金融和经济危机"),
        "{error}"
    );
    assert!(engine.part("crisis").is_some());
}

#[test]
fn passage_ids_survive_a_rebuild() {
    let dir = corpus_copy("reload-ids");
    let engine = open(&dir);
    let before = engine.ask(&Question::new("巴黎协定多久就生效了")).unwrap();
    engine.reload(true).expect("forced rebuild");
    let after = engine.ask(&Question::new("巴黎协定多久就生效了")).unwrap();
    let ids = |a: &luopan::Answer| a.passages.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
}

#[test]
fn questions_during_a_reload_are_answered() {
    let dir = corpus_copy("reload-concurrent");
    let engine = std::sync::Arc::new(open(&dir));
    let askers: Vec<_> = (0..4)
        .map(|_| {
            let engine = engine.clone();
            std::thread::spawn(move || {
                (0..15).all(|_| found(&engine, "中美关于中国加入世贸组织的双边协议是哪天签的"))
            })
        })
        .collect();
    for _ in 0..3 {
        engine.reload(true).expect("reload");
    }
    for asker in askers {
        assert!(asker.join().unwrap(), "a question failed during a reload");
    }
}

#[test]
fn a_broken_synonyms_file_keeps_the_old_index_and_is_named() {
    let dir = corpus_copy("reload-synonyms");
    let synonyms = dir.join("synonyms.toml");
    std::fs::write(
        &synonyms,
        "[[groups]]\nwords = [\"入世\", \"加入世贸组织\"]\n",
    )
    .unwrap();
    let mut settings = settings(dir.join("corpus.toml"), dir.join("tantivy"));
    settings.synonyms = synonyms.clone();
    let engine = Engine::open(settings).expect("opens");
    let version = engine.snapshot().catalog.version();
    std::fs::write(&synonyms, "[[groups]]\nwords = 3\n").unwrap();
    let error = engine
        .reload(false)
        .expect_err("a broken synonyms file does not load");
    assert!(error.to_string().contains("synonyms.toml"), "{error}");
    assert_eq!(engine.snapshot().catalog.version(), version);
}

/// How a question is cut into words by the engine (its `explain` words).
fn words_of(engine: &Engine, question: &str) -> Vec<String> {
    engine
        .explain(&Question::new(question), 1)
        .expect("explained")
        .words
        .into_iter()
        .map(|(w, _)| w)
        .collect()
}

#[test]
fn a_user_dictionary_word_is_one_token_in_questions_and_the_index_after_a_reload_and_a_restart() {
    // 战略协作 is in the report but not in jieba's dictionary nor in the bundled user
    // dictionary: jieba cuts it in two.
    let dir = corpus_copy("reload-userdict");
    let userdict = dir.join("userdict.txt");
    let bundled =
        std::fs::read_to_string(crate::common::root().join("index/userdict.txt")).unwrap();
    std::fs::write(&userdict, &bundled).unwrap();
    let configured = || {
        let mut configured = settings(dir.join("corpus.toml"), dir.join("tantivy"));
        configured.user_dictionary = userdict.clone();
        configured
    };
    let question = "中美战略协作有哪些经验";
    let engine = Engine::open(configured()).expect("opens");
    let indexed = |engine: &Engine| engine.snapshot().index.doc_freq("战略协作");
    assert!(!words_of(&engine, question).contains(&"战略协作".to_string()));
    assert_eq!(indexed(&engine), 0);

    std::fs::write(&userdict, format!("{bundled}战略协作 2000 n\n")).unwrap();
    let reloaded = engine.reload(false).expect("reload");
    assert!(reloaded.rebuilt, "a user dictionary change rebuilds");
    assert!(
        words_of(&engine, question).contains(&"战略协作".to_string()),
        "a question is read with the new dictionary"
    );
    assert!(
        indexed(&engine) > 0,
        "the index is cut with the new dictionary"
    );
    let version = engine.snapshot().version();
    drop(engine);

    let restarted = Engine::open(configured()).expect("reopens");
    assert!(!restarted.opened().rebuilt, "the index is up to date");
    assert_eq!(restarted.snapshot().version(), version);
    assert!(words_of(&restarted, question).contains(&"战略协作".to_string()));
    assert!(indexed(&restarted) > 0);

    // Taking the word out again is a change like any other.
    std::fs::write(&userdict, &bundled).unwrap();
    assert!(restarted.reload(false).expect("reload").rebuilt);
    assert!(!words_of(&restarted, question).contains(&"战略协作".to_string()));
    assert_eq!(indexed(&restarted), 0);
}

#[test]
fn a_user_dictionary_line_that_is_not_utf8_is_named_and_the_other_words_are_kept() {
    let dir = corpus_copy("reload-userdict-bytes");
    let userdict = dir.join("userdict.txt");
    let mut bytes = b"\xff\xfe not a word\n".to_vec();
    bytes.extend_from_slice("竞合关系 2000 n\n".as_bytes());
    std::fs::write(&userdict, bytes).unwrap();
    let mut settings = settings(dir.join("corpus.toml"), dir.join("tantivy"));
    settings.user_dictionary = userdict;
    let engine = Engine::open(settings).expect("opens");
    assert_eq!(
        engine.opened().warnings,
        vec!["userdict.txt, line 1: not UTF-8 text; the line is skipped".to_string()]
    );
    assert!(
        words_of(&engine, "竞合关系的新阶段").contains(&"竞合关系".to_string()),
        "the good line's word is kept"
    );
    assert!(engine.reload(true).expect("reload").warnings.len() == 1);
}
