//! `cargo bench --bench discord`: the real `luopan serve` against the emulated Discord of the
//! tests. Measures the time from INTERACTION_CREATE to the interaction's callback over 100
//! `/ask` interactions (one at a time, then 100 at once), and the bot's resident memory while
//! serving the seed corpus, before and after 20 moderator reloads, and after a long run of
//! 2,000 questions (one in five in English) with a reload every hundred. It starts with what
//! recording answers in the store costs an interaction: a bot recording and one not, in turns.

#[path = "../tests/luopan/discord/mod.rs"]
mod discord;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::json;

use discord::{Discord, Member};

const TOKEN: &str = "bench-token";
const WAIT: Duration = Duration::from_secs(30);
const QUESTIONS: [&str; 5] = [
    "中美为什么能在气候变化上合作？",
    "雷曼兄弟是什么时候破产的",
    "入世谈判最后关头遇到了什么",
    "中美建交谈判是谁负责的",
    "前言第三条启示讲的是什么",
];

const ENGLISH: [&str; 4] = [
    "Why could China and the US cooperate on climate change?",
    "When did Lehman Brothers go bankrupt?",
    "Who negotiated the normalization of relations?",
    "What lessons does the report draw?",
];
/// Rounds of 50 `/ask`s per bot in the measure of what recording costs (5,000 asks each: the
/// p99 of fewer moves by more than the cost measured).
const ROUNDS: usize = 100;
/// Questions in the long run at the end, with a reload every hundred.
const SOAK_ASKS: usize = 2_000;

struct Bot(Child);

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn rss_mb(pid: u32) -> f64 {
    luopan::process::memory_mb(Some(pid), "VmRSS")
}

fn corpus_copy(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("corpus")).expect("folder");
    std::fs::copy(root.join("index/corpus.toml"), dir.join("corpus.toml")).expect("manifest");
    for file in ["report.txt", "ft-commentary.txt"] {
        std::fs::copy(
            root.join("index/corpus").join(file),
            dir.join("corpus").join(file),
        )
        .expect("document");
    }
    dir
}

/// A moderator's `/corpus reload`, waited for.
async fn reload(discord: &Discord, moderator: &Member) {
    let reload = json!([{"name": "reload", "type": 1, "options": []}]);
    let id = discord.slash(moderator, "corpus", reload).await;
    discord.response(id, WAIT).await.expect("a reload");
}

fn percentile(values: &mut [Duration], p: f64) -> Duration {
    values.sort();
    let index = ((values.len() as f64 - 1.0) * p).round() as usize;
    values.get(index).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn report(label: &str, latencies: &mut [Duration]) {
    println!(
        "{label}: {} interactions · p50 {} · p99 {} · max {}",
        latencies.len(),
        ms(percentile(latencies, 0.50)),
        ms(percentile(latencies, 0.99)),
        ms(percentile(latencies, 1.0)),
    );
}

/// An emulator and `luopan serve` connected to it, recording answers or not.
async fn serve(name: &str, store: bool) -> (Discord, Bot) {
    let discord = Discord::start(TOKEN).await;
    let dir = corpus_copy(name);
    let child = Command::new(env!("CARGO_BIN_EXE_luopan"))
        .arg("serve")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LUOPAN__DISCORD__TOKEN", TOKEN)
        .env("LUOPAN__DISCORD__API_BASE", discord.api_base())
        .env("LUOPAN__DISCORD__GUILD_ID", discord::GUILD_ID.to_string())
        .env("LUOPAN__DISCORD__COOLDOWN_SECONDS", "0")
        .env("LUOPAN__INDEX__MANIFEST", dir.join("corpus.toml"))
        .env("LUOPAN__INDEX__DIR", dir.join("tantivy"))
        .env("LUOPAN__STORE__PATH", dir.join("store.sqlite3"))
        .env("LUOPAN__STORE__ENABLED", store.to_string())
        .env("NO_PROXY", "*")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("luopan serve starts");
    let bot = Bot(child);
    assert!(discord.wait_ready(WAIT).await, "the bot did not connect");
    (discord, bot)
}

/// `/ask`s one at a time; the callback latencies of these.
async fn asks(discord: &Discord, asker: &Member, from: usize, count: usize) -> Vec<Duration> {
    let before = discord.latencies().await.len();
    for i in from..from + count {
        let question =
            json!([{"name": "question", "type": 3, "value": QUESTIONS[i % QUESTIONS.len()]}]);
        let id = discord.slash(asker, "ask", question).await;
        discord.response(id, WAIT).await.expect("an answer");
    }
    discord.latencies().await[before..].to_vec()
}

/// What recording costs an interaction: two bots, one recording every answer and one recording
/// nothing, asked in turns (so both see the same machine load), 5,000 asks each.
///
/// With `-- --same`, both bots record nothing: what two bots differ by with no difference
/// between them, the floor under the figure above.
async fn recording_cost() {
    let same = std::env::args().any(|a| a == "--same");
    let (on, _on_bot) = serve("bench-store-on", !same).await;
    let (off, _off_bot) = serve("bench-store-off", false).await;
    if same {
        println!("(--same: neither bot records)");
    }
    let asker = Member::user(700_000_000_000_000_003, "asker");
    asks(&on, &asker, 0, 20).await;
    asks(&off, &asker, 0, 20).await;
    let (mut with, mut without) = (Vec::new(), Vec::new());
    // Each bot goes first in every other round: a bot asked right after the other differs
    // from one asked after itself.
    for round in 0..ROUNDS {
        if round % 2 == 0 {
            with.extend(asks(&on, &asker, round * 50, 50).await);
            without.extend(asks(&off, &asker, round * 50, 50).await);
        } else {
            without.extend(asks(&off, &asker, round * 50, 50).await);
            with.extend(asks(&on, &asker, round * 50, 50).await);
        }
    }
    let (first, second) = if same {
        ("one bot     ", "another bot ")
    } else {
        ("store on    ", "store off   ")
    };
    report(&format!("/ask one at a time, {first}"), &mut with);
    report(&format!("/ask one at a time, {second}"), &mut without);
    let p99 = |v: &mut [Duration]| percentile(v, 0.99).as_secs_f64() * 1000.0;
    println!(
        "{} {:+.3} ms to the p99",
        if same {
            "the first differs by"
        } else {
            "recording adds"
        },
        p99(&mut with) - p99(&mut without)
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    recording_cost().await;
    let (discord, bot) = serve("bench-bot", true).await;
    let pid = bot.0.id();
    println!("bot RSS after start: {:.0} MB", rss_mb(pid));

    let asker = Member::user(700_000_000_000_000_001, "asker");
    let ask = |i: usize| json!([{"name": "question", "type": 3, "value": QUESTIONS[i % QUESTIONS.len()]}]);
    for i in 0..10 {
        let id = discord.slash(&asker, "ask", ask(i)).await;
        discord.response(id, WAIT).await.expect("warm-up answer");
    }
    let before = discord.latencies().await.len();
    for i in 0..100 {
        let id = discord.slash(&asker, "ask", ask(i)).await;
        discord.response(id, WAIT).await.expect("an answer");
    }
    let mut one_at_a_time: Vec<Duration> = discord.latencies().await[before..].to_vec();
    report(
        "INTERACTION_CREATE → callback, /ask one at a time",
        &mut one_at_a_time,
    );

    let before = discord.latencies().await.len();
    let mut ids = Vec::new();
    for i in 0..100 {
        ids.push(discord.slash(&asker, "ask", ask(i)).await);
    }
    for id in ids {
        discord.response(id, WAIT).await.expect("an answer");
    }
    let mut at_once: Vec<Duration> = discord.latencies().await[before..].to_vec();
    report(
        "INTERACTION_CREATE → callback, 100 /ask at once",
        &mut at_once,
    );
    println!("bot RSS serving the seed: {:.0} MB", rss_mb(pid));

    let moderator = Member::moderator(700_000_000_000_000_002, "moderator");
    for _ in 0..20 {
        reload(&discord, &moderator).await;
    }
    for i in 0..20 {
        let id = discord.slash(&asker, "ask", ask(i)).await;
        discord
            .response(id, WAIT)
            .await
            .expect("an answer after the reloads");
    }
    println!("bot RSS after 20 reloads: {:.0} MB", rss_mb(pid));

    // A long day: 2,000 questions, one in five in English, with a reload every hundred.
    let mixed = |i: usize| {
        let text = if i % 5 == 4 {
            ENGLISH[i / 5 % ENGLISH.len()]
        } else {
            QUESTIONS[i % QUESTIONS.len()]
        };
        json!([{"name": "question", "type": 3, "value": text}])
    };
    let mut peak: f64 = 0.0;
    for i in 0..SOAK_ASKS {
        let id = discord.slash(&asker, "ask", mixed(i)).await;
        discord
            .response(id, WAIT)
            .await
            .expect("an answer in the soak");
        if i % 100 == 99 {
            reload(&discord, &moderator).await;
            peak = peak.max(rss_mb(pid));
        }
    }
    println!(
        "bot RSS after {SOAK_ASKS} asks (one in five English) and {} reloads: {:.0} MB (highest after a reload {:.0} MB)",
        SOAK_ASKS / 100,
        rss_mb(pid),
        peak
    );
    let violations = discord.violations().await;
    println!("rules broken: {}", violations.len());
    assert!(violations.is_empty(), "{violations:#?}");
}
