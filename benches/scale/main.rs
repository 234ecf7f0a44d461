//! `cargo bench --bench scale`: ask latency, index build throughput, reload time and memory,
//! on the seed corpus and on generated corpora of 10 MB and 100 MB.
//!
//! Each corpus is measured in a process of its own (this binary re-runs itself), so peak
//! memory belongs to that corpus alone. Figures print as a table; `--only seed|10|100` runs
//! one scale, `--no-arena-cap` leaves glibc's malloc arenas uncapped for comparison.

mod generate;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use luopan::config::Settings;
use luopan::{Engine, EngineSettings, Question};

const SCALES: [&str; 3] = ["seed", "10", "100"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if !flag("--no-arena-cap") {
        luopan::process::cap_malloc_arenas();
    }
    if let Some(scale) = value("--child") {
        measure(&scale);
        return;
    }
    let scales: Vec<String> = match value("--only") {
        Some(scale) => vec![scale],
        None => SCALES.iter().map(|s| s.to_string()).collect(),
    };
    let exe = std::env::current_exe().expect("own path");
    for scale in scales {
        let mut command = Command::new(&exe);
        command.args(["--child", &scale]);
        if flag("--no-arena-cap") {
            command.arg("--no-arena-cap");
        }
        let status = command.status().expect("child runs");
        assert!(status.success(), "the {scale} benchmark failed");
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus of a scale: the bundled one, or one generated (once) under the target folder.
fn corpus(scale: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-corpus-{scale}"));
    if scale == "seed" {
        return root().join("index/corpus.toml");
    }
    let manifest = dir.join("corpus.toml");
    if !manifest.exists() {
        let megabytes: usize = scale.parse().expect("a size in MB");
        let seed = generate::Seed::read(&root().join("index/corpus.toml"));
        generate::corpus(&seed, &dir, megabytes * 1_000_000);
    }
    manifest
}

fn settings(manifest: PathBuf, index_dir: PathBuf) -> EngineSettings {
    let mut settings = Settings::load(None).expect("settings").engine;
    settings.manifest = manifest;
    settings.index_dir = index_dir;
    settings
}

fn measure(scale: &str) {
    let manifest = corpus(scale);
    let corpus_bytes = corpus_size(&manifest);
    let index_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-index-{scale}"));
    let _ = std::fs::remove_dir_all(&index_dir);
    let rss_before = memory("VmRSS");
    let cleaning = clean_all(&manifest);

    let started = Instant::now();
    let engine = Engine::open(settings(manifest.clone(), index_dir.clone())).expect("build");
    let build = started.elapsed();
    let peak_building = memory("VmHWM");
    let passages = engine.snapshot().catalog.passages;
    println!(
        "[{scale}] corpus {:.1} MB, {passages} passages; full build {:.2} s = {:.1} MB/s (reading and cleaning alone {:.2} s); RSS before {:.0} MB, peak while building {:.0} MB",
        mb(corpus_bytes),
        build.as_secs_f64(),
        mb(corpus_bytes) / build.as_secs_f64(),
        cleaning.as_secs_f64(),
        rss_before,
        peak_building
    );

    let questions = questions();
    let latencies = ask_all(&engine, &questions, 1);
    let latencies = if latencies.len() < 400 {
        ask_all(&engine, &questions, 10)
    } else {
        latencies
    };
    println!(
        "[{scale}] ask (warm, {} questions): p50 {} · p99 {} · max {}; RSS serving {:.0} MB",
        latencies.len(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(percentile(&latencies, 1.0)),
        memory("VmRSS")
    );

    if scale == "seed" {
        let mut reloads = Vec::new();
        for _ in 0..20 {
            let report = engine.reload(true).expect("reload");
            reloads.push(report.elapsed);
        }
        let unchanged = engine.reload(false).expect("reload").elapsed;
        println!(
            "[{scale}] rebuild in a running process (20 forced reloads): p50 {} · max {}; reload with nothing changed {}; RSS after 20 reloads {:.0} MB",
            ms(percentile(&reloads, 0.50)),
            ms(percentile(&reloads, 1.0)),
            ms(unchanged),
            memory("VmRSS")
        );
        let after = ask_all(&engine, &questions, 3);
        println!(
            "[{scale}] ask after the reloads: p99 {}",
            ms(percentile(&after, 0.99))
        );
        drop(engine);
        new_process_asks(&index_dir);
    }
}

/// `luopan ask` as a new process with the index present, as a user runs it: a Chinese
/// question, then English ones (the first of which compiles the English dictionary beside the
/// index when it is not there yet).
fn new_process_asks(index_dir: &Path) {
    let run = |question: &str| {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_luopan"))
            .args(["ask", question])
            .current_dir(root())
            .env("LUOPAN__INDEX__DIR", index_dir)
            .output()
            .expect("luopan runs");
        assert!(output.status.success());
        started.elapsed()
    };
    let compiled = index_dir
        .parent()
        .expect("the index has a parent folder")
        .join(luopan::engine::COMPILED_DICTIONARY);
    let _ = std::fs::remove_file(&compiled);
    let first = run("Why could China and the US cooperate on climate change?");
    println!(
        "[seed] first English `luopan ask` (compiles the dictionary): {}",
        ms(first)
    );
    for (lang, question) in [
        ("Chinese", "中美为什么能在气候变化上合作？"),
        (
            "English",
            "Why could China and the US cooperate on climate change?",
        ),
    ] {
        let times: Vec<Duration> = (0..15).map(|_| run(question)).collect();
        println!(
            "[seed] `luopan ask` as a new process, {lang}, index present (15 runs): p50 {} · max {}",
            ms(percentile(&times, 0.50)),
            ms(percentile(&times, 1.0))
        );
    }
}

/// Reads and cleans every document (and computes its digests) without indexing.
fn clean_all(manifest: &Path) -> Duration {
    let data = luopan::corpus::Manifest::load(manifest).expect("manifest");
    let base = manifest.parent().expect("folder");
    let started = Instant::now();
    for entry in &data.documents {
        let document = luopan::corpus::read_document(entry, base).expect("document");
        std::hint::black_box(luopan::catalog::digest::document(&document));
    }
    started.elapsed()
}

fn questions() -> Vec<String> {
    let questions =
        luopan::eval::load(&root().join("tests/data/dev.jsonl")).expect("dev questions");
    questions.into_iter().map(|q| q.question).collect()
}

fn ask_all(engine: &Engine, questions: &[String], rounds: usize) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..rounds {
        for question in questions {
            let started = Instant::now();
            let answer = engine.ask(&Question::new(question.as_str()));
            times.push(started.elapsed());
            assert!(answer.is_ok(), "{question}");
        }
    }
    times
}

fn percentile(times: &[Duration], p: f64) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

fn corpus_size(manifest: &Path) -> u64 {
    let data = luopan::corpus::Manifest::load(manifest).expect("manifest");
    let base = manifest.parent().expect("folder");
    data.documents
        .iter()
        .map(|d| {
            std::fs::metadata(base.join(&d.file))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .sum()
}

/// A memory figure of this process, in MB.
fn memory(key: &str) -> f64 {
    luopan::process::memory_mb(None, key)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}
