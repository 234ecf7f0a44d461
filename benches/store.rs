//! `cargo bench --bench store`: the store at 100,000 recorded answers: how long writing them
//! takes, the file's size, and how long `stats` and `gaps` take over them; and what handing a
//! record to the writer costs the asker (it must never wait).

use std::time::{Duration, Instant, SystemTime};

use luopan::store::{Entry, Reason, Record, Recorder, Store, StoreSettings, Vote, gaps, stats};

const ANSWERS: usize = 100_000;
const QUESTIONS: [&str; 8] = [
    "中美为什么能在气候变化上合作？",
    "雷曼兄弟是什么时候破产的",
    "入世谈判最后关头遇到了什么",
    "中美在火星探测上有合作吗",
    "报告的作者今年多大",
    "What did the two countries agree on climate?",
    "中美建交谈判是谁负责的",
    "美联储加息对中国有什么影响",
];

fn record(i: usize, at: SystemTime) -> Record {
    let question = QUESTIONS[i % QUESTIONS.len()];
    let found = !question.contains("火星") && !question.contains("多大");
    Record {
        at,
        answer_key: Some(format!("{:032x}", i * 7919)),
        guild: Some(format!("{:032x}", i % 50)),
        channel: Some(format!("{:032x}", i % 300)),
        user: Some(format!("{:032x}", i % 5000)),
        locale: Some("zh-CN".into()),
        lang: if question.is_ascii() { "en" } else { "zh" }.into(),
        command: "ask".into(),
        case: i.is_multiple_of(3).then(|| "paris".to_string()),
        question: format!("{question}{}", if i.is_multiple_of(10) { "？" } else { "" }),
        corpus_version: "2020-11 · 04548a79".into(),
        outcome: if found { "found" } else { "not_found" }.into(),
        citations: (0..15)
            .map(|n| {
                (
                    format!("{:016x}", (i * 31 + n) % 130),
                    1.0 - n as f32 / 20.0,
                )
            })
            .collect(),
        latency: Duration::from_micros(1500 + (i % 200) as u64 * 10),
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn main() {
    let folder = tempfile::tempdir().expect("temp folder");
    let path = folder.path().join("store.sqlite3");
    let mut store = Store::open(&path).expect("store");
    let now = SystemTime::now();
    let started = Instant::now();
    let all: Vec<Record> = (0..ANSWERS)
        .map(|i| {
            record(
                i,
                now - Duration::from_secs((i as u64 * 60) % (29 * 86_400)),
            )
        })
        .collect();
    for batch in all.chunks(256) {
        store.write(batch).expect("written");
    }
    // One answer in twenty voted on, half of them down with a reason.
    let votes: Vec<Entry> = (0..ANSWERS)
        .step_by(20)
        .map(|i| {
            let up = i % 40 == 0;
            Entry::Vote(Vote {
                at: now,
                answer_key: format!("{:032x}", i * 7919),
                user: format!("{:032x}", i % 5000),
                up,
                reason: (!up).then_some(Reason::ALL[i % Reason::ALL.len()]),
            })
        })
        .collect();
    for batch in votes.chunks(256) {
        store.write_entries(batch).expect("written");
    }
    let written = started.elapsed();
    drop(store);
    let size: u64 = ["", "-wal"]
        .iter()
        .map(|s| std::fs::metadata(format!("{}{s}", path.display())).map_or(0, |m| m.len()))
        .sum();
    println!(
        "{ANSWERS} answers (15 citations each) and {} votes written in {}; file {:.1} MB",
        votes.len(),
        ms(written),
        size as f64 / 1e6
    );
    let store = Store::open_to_read(&path).expect("store");
    let timed = |label: &str, run: &dyn Fn()| {
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                run();
                started.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{label} over {ANSWERS} answers: best {} · worst {}",
            ms(times[0]),
            ms(times[4])
        );
    };
    timed("stats (30 days)", &|| {
        std::hint::black_box(stats(&store, 30).expect("stats"));
    });
    timed("gaps (30 days)", &|| {
        std::hint::black_box(gaps(&store, 30).expect("gaps"));
    });

    // What the asker pays: handing a record to the writer.
    let recorder = Recorder::start(&StoreSettings {
        enabled: true,
        path: folder.path().join("recorder.sqlite3"),
        retention: Duration::from_secs(180 * 86_400),
        key: String::new(),
    });
    let mut costs: Vec<Duration> = Vec::with_capacity(2_000);
    for i in 0..2_000 {
        let one = record(i, SystemTime::now());
        let started = Instant::now();
        recorder.record(one);
        costs.push(started.elapsed());
        std::thread::sleep(Duration::from_micros(200));
    }
    costs.sort();
    println!(
        "handing a record to the writer (2,000): p50 {:.1} µs · p99 {:.1} µs · dropped {}",
        costs[1_000].as_secs_f64() * 1e6,
        costs[1_980].as_secs_f64() * 1e6,
        recorder.status().dropped
    );
}
