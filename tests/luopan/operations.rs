//! Running for months: what an operator meets. A read-only index folder serves; a damaged index
//! is rebuilt, not trusted; interrupted builds leave nothing behind for good; Discord out of
//! reach at start is tried again; a shard range is what the bot identifies as; secrets never
//! reach the log; metrics and a health check are there when asked for.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use crate::bot::{TOKEN, WAIT, alice, answer, assert_no_violations, question, spawn, start};
use crate::common::{corpus_copy, root};
use crate::discord::Discord;

/// `luopan` on a copy of the corpus in `dir`, as the user running the tests or, with `as_other`,
/// as a user who may read the copy but write none of it.
fn luopan_in(dir: &Path, args: &[&str], as_other: bool) -> Output {
    let binary = env!("CARGO_BIN_EXE_luopan");
    // Root may write anywhere, so "a user who cannot write" is another user; anyone else is
    // already one who cannot write a folder whose write bits are off.
    let mut command = if as_other && is_root() {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", binary]);
        command
    } else {
        Command::new(binary)
    };
    command
        .args(args)
        .current_dir(root())
        .env("LUOPAN__INDEX__MANIFEST", dir.join("corpus.toml"))
        .env("LUOPAN__INDEX__DIR", dir.join("tantivy"))
        .env_remove("RUST_LOG")
        .output()
        .expect("luopan runs")
}

fn is_root() -> bool {
    luopan::process::user_id() == 0
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Takes the write bits off a folder and what it holds (for a test not run as root).
fn read_only(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        if entry.path().is_dir() {
            read_only(&entry.path());
        }
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
}

fn writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        if entry.path().is_dir() {
            writable(&entry.path());
        }
    }
}

/// A copy of the corpus with its index built, then (for a non-root run) made read-only.
fn built_read_only(name: &str) -> PathBuf {
    let dir = corpus_copy(name);
    let built = luopan_in(&dir, &["index"], false);
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(
        dir.join(luopan::engine::COMPILED_DICTIONARY).is_file(),
        "`luopan index` compiles the English dictionary beside the index"
    );
    if !is_root() {
        read_only(&dir);
    }
    dir
}

#[test]
fn a_read_only_index_that_is_current_serves_questions() {
    let dir = built_read_only("ops-read-only");
    let output = luopan_in(&dir, &["ask", "中美为什么能在气候变化上合作？"], true);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "stderr: {stderr}");
    assert!(
        text(&output.stdout).contains("[1]"),
        "an answer with citations"
    );
    assert!(
        !stderr.contains(".luopan-build"),
        "no build was tried: {stderr}"
    );
    let index = luopan_in(&dir, &["index"], true);
    assert!(index.status.success(), "{}", text(&index.stderr));
    let english = luopan_in(
        &dir,
        &["ask", "Why did China and the US cooperate on climate?"],
        true,
    );
    assert!(english.status.success(), "{}", text(&english.stderr));
    assert!(
        text(&english.stdout).contains("[1]"),
        "English answered from the mapped dictionary"
    );
    if !is_root() {
        writable(&dir);
    }
}

#[test]
fn a_read_only_index_older_than_its_corpus_still_serves_and_says_it_cannot_be_rebuilt() {
    let dir = built_read_only("ops-read-only-stale");
    // The corpus changes after the build (the file is writable by the one who changes it).
    if !is_root() {
        writable(&dir);
    }
    let manifest = std::fs::read_to_string(dir.join("corpus.toml")).expect("manifest");
    std::fs::write(dir.join("corpus.toml"), format!("{manifest}\n# edited\n")).expect("edit");
    if !is_root() {
        read_only(&dir);
    }
    let output = luopan_in(&dir, &["ask", "中美为什么能在气候变化上合作？"], true);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "the old index serves: {stderr}");
    assert!(
        stderr.contains("read-only"),
        "says why it was not rebuilt: {stderr}"
    );
    assert!(
        !stderr.contains(dir.to_str().unwrap()),
        "names no folder of the machine: {stderr}"
    );
    if !is_root() {
        writable(&dir);
    }
}

#[test]
fn no_index_and_a_read_only_folder_is_a_plain_error() {
    let dir = corpus_copy("ops-read-only-none");
    if !is_root() {
        read_only(&dir);
    }
    let output = luopan_in(&dir, &["ask", "气候合作"], true);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
    assert!(stderr.contains("luopan index"), "says what to do: {stderr}");
    assert!(!stderr.contains(dir.to_str().unwrap()), "{stderr}");
    assert!(!stderr.contains(".luopan-build"), "{stderr}");
    if !is_root() {
        writable(&dir);
    }
}

/// The files of a built index with the given extension.
fn index_files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("tantivy"))
        .expect("index folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect()
}

#[test]
fn an_index_missing_a_file_is_rebuilt_not_trusted() {
    let dir = corpus_copy("ops-damaged");
    assert!(luopan_in(&dir, &["index"], false).status.success());
    let positions = index_files(&dir, "pos");
    assert!(!positions.is_empty());
    std::fs::remove_file(&positions[0]).expect("delete a segment's positions");
    let index = luopan_in(&dir, &["index"], false);
    let stdout = text(&index.stdout);
    assert!(index.status.success(), "{}", text(&index.stderr));
    assert!(
        !stdout.contains("up to date"),
        "a damaged index is not current: {stdout}"
    );
    let ask = luopan_in(&dir, &["ask", "中美为什么能在气候变化上合作？"], false);
    assert!(ask.status.success(), "{}", text(&ask.stderr));
    assert!(text(&ask.stdout).contains("[1]"));
}

#[test]
fn an_index_whose_bytes_changed_is_found_by_luopan_index_and_rebuilt() {
    let dir = corpus_copy("ops-corrupt");
    assert!(luopan_in(&dir, &["index"], false).status.success());
    let store = &index_files(&dir, "store")[0];
    let mut bytes = std::fs::read(store).expect("store");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(store, bytes).expect("flip a byte");
    let index = luopan_in(&dir, &["index"], false);
    let stderr = text(&index.stderr);
    assert!(index.status.success(), "{stderr}");
    assert!(stderr.contains("damaged"), "{stderr}");
    assert!(!text(&index.stdout).contains("up to date"));
    let again = luopan_in(&dir, &["index"], false);
    assert!(
        text(&again.stdout).contains("up to date"),
        "sound after the rebuild"
    );
}

#[test]
fn a_store_whose_end_is_damaged_is_rebuilt_without_a_crash() {
    // The end of a stored-passages file holds where its blocks start; a flipped byte there
    // made tantivy assert (panic) instead of returning an error, on some builds, or ask for an
    // impossible allocation (which aborts the process) when a reader opened it.
    let dir = corpus_copy("ops-store-end");
    assert!(luopan_in(&dir, &["index"], false).status.success());
    for from_end in [118, 60, 30] {
        for store in index_files(&dir, "store") {
            let mut bytes = std::fs::read(&store).expect("store");
            let at = bytes.len().saturating_sub(from_end);
            bytes[at] ^= 0xff;
            std::fs::write(&store, bytes).expect("flip a byte");
        }
        let index = luopan_in(&dir, &["index"], false);
        let stderr = text(&index.stderr);
        assert!(index.status.success(), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            !stderr.contains(".cargo"),
            "no path of the machine: {stderr}"
        );
        let again = luopan_in(&dir, &["index"], false);
        assert!(text(&again.stdout).contains("up to date"), "sound after");
    }
}

#[test]
fn a_search_that_finds_the_index_damaged_rebuilds_it_and_answers() {
    let dir = corpus_copy("ops-damaged-search");
    assert!(luopan_in(&dir, &["index"], false).status.success());
    // Damage the stored passages throughout: opening does not read them, a search does.
    for store in index_files(&dir, "store") {
        let mut bytes = std::fs::read(&store).expect("store");
        let length = bytes.len();
        for i in (length / 10..length * 8 / 10).step_by(16) {
            bytes[i] ^= 0xff;
        }
        std::fs::write(&store, bytes).expect("damaged");
    }
    let ask = luopan_in(&dir, &["ask", "中美为什么能在气候变化上合作？"], false);
    let stderr = text(&ask.stderr);
    assert!(ask.status.success(), "{stderr}");
    assert!(stderr.contains("rebuilding"), "{stderr}");
    assert!(
        text(&ask.stdout).contains("[1]"),
        "answered from the rebuilt index"
    );
    let index = luopan_in(&dir, &["index"], false);
    assert!(
        text(&index.stdout).contains("up to date"),
        "sound after the rebuild"
    );
}

#[test]
fn what_interrupted_builds_left_is_removed_and_a_running_build_is_not() {
    let dir = corpus_copy("ops-leftovers");
    let killed_build = dir.join(".luopan-build-killed");
    let retired = dir.join(".luopan-retired-1-2");
    std::fs::create_dir_all(&killed_build).expect("a killed build's folder");
    std::fs::write(killed_build.join(".luopan-building"), "").expect("its lock file");
    std::fs::write(killed_build.join("meta.json"), "{}").expect("half an index");
    std::fs::create_dir_all(&retired).expect("a retired index");
    // A build still running holds its lock file.
    let running = dir.join(".luopan-build-running");
    std::fs::create_dir_all(&running).expect("a running build's folder");
    let held = std::fs::File::create(running.join(".luopan-building")).expect("lock file");
    held.lock().expect("held by the running build");
    let output = luopan_in(&dir, &["index"], false);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(!killed_build.exists(), "a killed build's folder is removed");
    assert!(!retired.exists(), "a retired index is removed");
    assert!(running.exists(), "a running build's folder is left alone");
    drop(held);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".luopan-") && n != ".luopan-build-running")
        .collect();
    assert!(names.is_empty(), "nothing else left: {names:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_out_of_reach_at_start_is_tried_again_until_it_answers() {
    let discord = Discord::start(TOKEN).await;
    discord.fail_gateway(2);
    let bot = spawn(&discord, corpus_copy("ops-retry"), &[]);
    assert!(
        discord.wait_ready(WAIT).await,
        "the bot connected after Discord came back; its log:\n{}",
        bot.log()
    );
    assert_eq!(discord.gateway_failures_left(), 0);
    assert!(bot.log().contains("trying again"), "{}", bot.log());
    let (_, reply) = answer(&discord, &alice(), "ask", question("气候合作的成果")).await;
    assert!(reply["embeds"][0]["fields"].is_array(), "{reply}");
    assert_no_violations(&discord).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_refused_by_discord_stops_with_the_reason() {
    let discord = Discord::start("another-token").await;
    let mut bot = spawn(&discord, corpus_copy("ops-refused"), &[]);
    let status = tokio::task::spawn_blocking(move || {
        for _ in 0..200 {
            if let Some(status) = bot.try_wait() {
                return Some((status, bot.log()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    })
    .await
    .unwrap();
    let (status, log) = status.expect("a refused token ends the bot, without retrying");
    assert!(!status.success());
    assert!(!log.contains("trying again"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_shard_range_is_what_the_bot_identifies_as() {
    let discord = Discord::start(TOKEN).await;
    let bot = spawn(
        &discord,
        corpus_copy("ops-shards"),
        &[("LUOPAN__DISCORD__SHARDS", "1/2")],
    );
    let mut identify = None;
    for _ in 0..200 {
        identify = discord.identify().await;
        if identify.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let identify = identify.unwrap_or_else(|| panic!("no IDENTIFY; log:\n{}", bot.log()));
    assert_eq!(identify["shard"], serde_json::json!([1, 2]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interaction_tokens_never_reach_the_log_even_at_trace() {
    let (discord, bot) = start(
        "ops-log-tokens",
        &[("LUOPAN__LOG__LEVEL", "trace"), ("RUST_LOG", "trace")],
    )
    .await;
    for text in [
        "气候合作的成果",
        "what did the two countries agree on climate",
    ] {
        answer(&discord, &alice(), "ask", question(text)).await;
    }
    let log = bot.log();
    assert!(
        log.len() > 10_000,
        "the log is at trace: {} bytes",
        log.len()
    );
    assert!(!log.contains("itok-"), "an interaction token in the log");
    assert!(
        log.contains("<redacted>"),
        "serenity logged routes, blotted out"
    );
    assert!(!log.contains(TOKEN), "the bot token in the log");
}

/// One HTTP GET, the plain way: the status line and the body.
fn get(address: &str, path: &str) -> (String, String) {
    let mut stream = std::net::TcpStream::connect(address).expect("metrics listener");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_and_a_health_check_are_served_when_asked_for() {
    let address = format!("127.0.0.1:{}", free_port());
    let (discord, bot) = start("ops-metrics", &[("LUOPAN__METRICS__LISTEN", &address)]).await;
    answer(&discord, &alice(), "ask", question("气候合作的成果")).await;
    answer(&discord, &alice(), "ask", question("火星上的天气怎么样")).await;
    let scraped = {
        let address = address.clone();
        tokio::task::spawn_blocking(move || (get(&address, "/metrics"), get(&address, "/healthz")))
            .await
            .unwrap()
    };
    let ((status, metrics), (health_status, health)) = scraped;
    assert!(status.contains("200"), "{status}; log:\n{}", bot.log());
    for expected in [
        r#"luopan_asks_total{via="ask",lang="zh",outcome="found"} 1"#,
        r#"luopan_asks_total{via="ask",lang="zh",outcome="not_found"} 1"#,
        r#"luopan_commands_total{command="ask"} 2"#,
        r#"luopan_answer_seconds_bucket{via="ask",le="+Inf"} 2"#,
        r#"luopan_shard_connected{shard="0"} 1"#,
        "luopan_corpus_passages ",
    ] {
        assert!(metrics.contains(expected), "{expected} in:\n{metrics}");
    }
    assert!(health_status.contains("200"), "{health_status}");
    assert!(health.contains("serving corpus"), "{health}");
}
