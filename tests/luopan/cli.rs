//! The command line as a user runs it: `luopan ask --json` keeps its contract, the other
//! commands print what they promise, and errors are short and exit non-zero.

use std::process::{Command, Output};

use serde_json::Value;

use crate::common::{root, scratch};

fn luopan(args: &[&str], index: &str) -> Output {
    let dir = scratch(index);
    Command::new(env!("CARGO_BIN_EXE_luopan"))
        .args(args)
        .current_dir(root())
        .env("LUOPAN__INDEX__DIR", dir.join("tantivy"))
        .env_remove("RUST_LOG")
        .output()
        .expect("luopan runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn ask_json_keeps_its_contract() {
    let output = luopan(
        &[
            "ask",
            "--json",
            "--top-k",
            "3",
            "中美为什么能在气候变化上合作？",
        ],
        "cli-json",
    );
    let answer: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(answer["question"], "中美为什么能在气候变化上合作？");
    assert_eq!(answer["found"], true);
    let passages = answer["passages"].as_array().expect("passages");
    assert!(!passages.is_empty() && passages.len() <= 3);
    for (i, passage) in passages.iter().enumerate() {
        assert_eq!(passage["n"], i + 1);
        for key in ["id", "doc", "case", "excerpt"] {
            assert!(passage[key].is_string(), "{key} is a string");
        }
        assert!(passage["section"].is_string() || passage["section"].is_null());
        assert!(passage["page"].is_u64() || passage["page"].is_null());
        assert!(passage["score"].is_f64());
        assert!(passage["excerpt"].as_str().unwrap().chars().count() <= 400);
    }
    for sentence in answer["summary"].as_array().expect("summary") {
        assert!(sentence["text"].is_string());
        for n in sentence["cites"].as_array().expect("cites") {
            let n = n.as_u64().unwrap() as usize;
            assert!((1..=passages.len()).contains(&n));
        }
    }
}

#[test]
fn ask_prints_a_cited_answer_without_colour_when_piped() {
    let text = stdout(&luopan(
        &["ask", "入世", "谈判", "最后", "关头"],
        "cli-text",
    ));
    assert!(text.starts_with("问：入世 谈判 最后 关头"), "{text}");
    assert!(text.contains("[1] ") && text.contains("第") && text.contains("页"));
    assert!(!text.contains('\u{1b}'), "no escape codes in a pipe");
}

#[test]
fn case_lists_every_lesson_with_its_page() {
    let text = stdout(&luopan(&["case", "paris"], "cli-case"));
    for expected in [
        "中美携手推动气候变化《巴黎协定》",
        "李彦良",
        "2009–2016",
        "首先",
        "其次",
        "第三",
        "第50页",
    ] {
        assert!(text.contains(expected), "missing {expected}:\n{text}");
    }
    let json: Value = serde_json::from_str(&stdout(&luopan(
        &["case", "soviet", "--json"],
        "cli-case-json",
    )))
    .unwrap();
    assert_eq!(json["lessons"].as_array().unwrap().len(), 3);
}

#[test]
fn cases_and_lessons_and_index_report_the_corpus() {
    let cases = stdout(&luopan(&["cases"], "cli-cases"));
    assert_eq!(cases.lines().count(), 4);
    let lessons: Value =
        serde_json::from_str(&stdout(&luopan(&["lessons", "--json"], "cli-lessons"))).unwrap();
    assert_eq!(lessons.as_array().unwrap().len(), 5);
    assert!(
        lessons[0]["illustrated_by"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    );
    let index = stdout(&luopan(&["index"], "cli-index"));
    assert!(
        index.contains("passages in all") && index.contains("79 footnotes"),
        "{index}"
    );
}

#[test]
fn errors_are_one_short_line_and_exit_non_zero() {
    let output = luopan(&["case", "mars"], "cli-error");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("there is no case `mars`"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let empty = luopan(&["ask", "  "], "cli-empty");
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the question is empty"));
}

#[test]
fn an_unknown_case_is_the_same_mistake_with_the_same_exit_code_everywhere() {
    let shown = luopan(&["case", "nosuch"], "cli-case-code");
    let asked = luopan(&["ask", "--case", "nosuch", "入世"], "cli-ask-case-code");
    assert_eq!(shown.status.code(), Some(2));
    assert_eq!(asked.status.code(), Some(2));
    let hostile = luopan(&["case", "\u{1b}[2Jmars"], "cli-case-escape");
    let stderr = String::from_utf8_lossy(&hostile.stderr);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn eval_prints_the_four_figures() {
    let text = stdout(&luopan(&["eval", "tests/data/dev.jsonl"], "cli-eval"));
    for expected in [
        "hit@1", "hit@3", "hit@5", "MRR@5", "lang zh", "lang en", "soviet", "paris",
    ] {
        assert!(text.contains(expected), "missing {expected}:\n{text}");
    }
}
