//! The command line: arguments (clap), then one function per command that opens the engine,
//! asks it, and renders to standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use luopan::config::Settings;
use luopan::render::{json, terminal};
use luopan::{AskError, Engine, Question};

/// luopan (罗盘): cited answers about a report on US–China strategic cooperation.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Args {
    /// A settings file layered over config/default.toml (environment variables still win).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the Discord bot (the token comes from LUOPAN__DISCORD__TOKEN or DISCORD_TOKEN).
    Serve,
    #[command(flatten)]
    Offline(Offline),
    #[command(flatten)]
    Recorded(Recorded),
}

/// The commands that read what the bot recorded (the store named by `store.path`).
#[derive(Debug, Subcommand)]
enum Recorded {
    /// Questions asked per day, found rate, answer time, cases and languages.
    Stats {
        #[arg(long, default_value_t = luopan::store::DEFAULT_DAYS)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Questions that found nothing or were voted down, alike ones grouped, most asked first.
    Gaps {
        #[arg(long, default_value_t = luopan::store::DEFAULT_DAYS)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Every recorded answer (ids as keyed hashes only), as CSV or JSON lines.
    Export {
        /// Only answers from this day on (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_parser = ["csv", "jsonl"], default_value = "csv")]
        format: String,
    },
}

/// The commands that answer on the terminal.
#[derive(Debug, Subcommand)]
enum Offline {
    /// Answer a question with a summary and numbered, cited excerpts.
    Ask {
        /// Only search this case (soviet, wto, crisis, paris), the preface, or the FT article (ft).
        #[arg(long, value_name = "ID")]
        case: Option<String>,
        /// How many excerpts to show.
        #[arg(long, value_name = "N")]
        top_k: Option<usize>,
        /// Print the answer as JSON (the contract in README.md).
        #[arg(long)]
        json: bool,
        /// The question; several words are joined with spaces.
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
    },
    /// How a question is read (words, translations, synonyms, hints) and why the top passages
    /// rank where they do.
    Explain {
        #[arg(long, value_name = "ID")]
        case: Option<String>,
        /// How many passages to explain.
        #[arg(long, default_value_t = 5)]
        top: usize,
        #[arg(long)]
        json: bool,
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
    },
    /// One case: title, author, period, overview, sections and every lesson; or its timeline.
    Case {
        /// The case id (see `luopan cases`); `preface` and `ft` work too.
        id: String,
        /// `timeline` for the case's dated events in order.
        #[arg(value_parser = ["overview", "timeline"], default_value = "overview")]
        view: String,
        #[arg(long)]
        json: bool,
    },
    /// List the report's cases.
    Cases {
        #[arg(long)]
        json: bool,
    },
    /// The preface's lessons, each with the case lessons that illustrate it.
    Lessons {
        #[arg(long)]
        json: bool,
    },
    /// Build the index if the corpus changed (or always, with --force) and print what it holds.
    Index {
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Score answers against a file of questions with gold spans (hit@1/3/5, MRR@5).
    Eval {
        /// A JSON-lines file in the format of ../shared/eval/dev.jsonl.
        file: PathBuf,
        /// Rewrite the Chinese questions in traditional characters first.
        #[arg(long)]
        traditional: bool,
        #[arg(long)]
        json: bool,
    },
}

/// Runs a parsed command line; errors are printed once, with their causes.
pub fn run(args: Args) -> ExitCode {
    match dispatch(args) {
        Ok(code) => code,
        // A reader that stops early (`luopan cases | head -1`) is not an error.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("luopan: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: Args) -> Result<ExitCode> {
    let settings = Settings::load(args.config.as_deref())?;
    init_logging(&settings.log_level);
    match args.command {
        Command::Serve => serve(settings),
        Command::Offline(command) => offline(settings, command),
        Command::Recorded(command) => recorded(&settings.store, command),
    }
}

/// What `stats --json` and `gaps --json` print when nothing is recorded.
fn nothing(out: &mut impl Write, command: &Recorded) -> std::io::Result<ExitCode> {
    if let Recorded::Stats { json: true, .. } | Recorded::Gaps { json: true, .. } = command {
        writeln!(out, "null")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `stats`, `gaps` and `export`: read the store, never create it.
fn recorded(store: &luopan::store::StoreSettings, command: Recorded) -> Result<ExitCode> {
    use luopan::store::{self, Store};
    let mut out = anstream::stdout().lock();
    let name = luopan::text::shown_path(&store.path);
    let since = match &command {
        Recorded::Export {
            since: Some(text), ..
        } => match store::parse_day(text) {
            Some(day) => day,
            None => {
                eprintln!(
                    "luopan: `{}` is not a date such as 2026-11-30",
                    luopan::text::printable(text)
                );
                return Ok(ExitCode::from(2));
            }
        },
        _ => std::time::SystemTime::UNIX_EPOCH,
    };
    let opened = match Store::open_to_read(&store.path) {
        Ok(opened) => opened,
        // No file, or one the bot has only begun to make (no schema yet).
        Err(store::StoreError::Empty { .. }) => {
            eprintln!("luopan: nothing recorded yet (no store, or an empty one, at {name})");
            return Ok(nothing(&mut out, &command)?);
        }
        Err(error) => return Err(error.into()),
    };
    match command {
        Recorded::Stats { days, json } => {
            let stats = store::stats(&opened, days)?;
            if json {
                json::write(&mut out, &stats)?;
            } else {
                luopan::render::store::stats(&mut out, &stats)?;
            }
        }
        Recorded::Gaps { days, json } => {
            let gaps = store::gaps(&opened, days)?;
            if json {
                json::write(&mut out, &gaps)?;
            } else {
                luopan::render::store::gaps(&mut out, days, &gaps)?;
            }
        }
        Recorded::Export { format, .. } => {
            if format == "jsonl" {
                store::export_jsonl(&opened, since, &mut out)?;
            } else {
                store::export_csv(&opened, since, &mut out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn offline(settings: Settings, command: Offline) -> Result<ExitCode> {
    let engine = Engine::open(settings.engine).context("cannot open the index")?;
    let mut out = anstream::stdout().lock();
    match command {
        Offline::Ask {
            case,
            top_k,
            json,
            question,
        } => {
            let question = Question {
                text: question.join(" "),
                case,
                top_k,
            };
            let snapshot = engine.snapshot();
            let answer = match refused(engine.ask_in(&snapshot, &question))? {
                Ok(answer) => answer,
                Err(code) => return Ok(code),
            };
            if json {
                json::write(&mut out, &answer)?;
            } else {
                terminal::answer(&mut out, &answer, &snapshot.catalog)?;
            }
        }
        Offline::Explain {
            case,
            top,
            json,
            question,
        } => {
            let question = Question {
                text: question.join(" "),
                case,
                top_k: None,
            };
            let explanation = match refused(engine.explain(&question, top))? {
                Ok(explanation) => explanation,
                Err(code) => return Ok(code),
            };
            if json {
                json::write(&mut out, &explanation)?;
            } else {
                terminal::explain(&mut out, &explanation)?;
            }
        }
        Offline::Case { id, view, json } => {
            let Some(part) = engine.part(&id) else {
                let ids: Vec<String> = engine
                    .snapshot()
                    .catalog
                    .parts
                    .iter()
                    .map(|p| p.id.clone())
                    .collect();
                // The same mistake as `ask --case nosuch`: the user's to fix, exit code 2.
                eprintln!(
                    "luopan: there is no case `{}`; try one of: {}",
                    luopan::text::printable(&id),
                    ids.join(", ")
                );
                return Ok(ExitCode::from(2));
            };
            match (view.as_str(), json) {
                ("timeline", json) => {
                    let events = engine.timeline(&id)?.unwrap_or_default();
                    if json {
                        json::write(&mut out, &events)?;
                    } else {
                        terminal::timeline(&mut out, &part, &events)?;
                    }
                }
                (_, true) => json::write(&mut out, &part)?,
                (_, false) => terminal::part(&mut out, &part)?,
            }
        }
        Offline::Cases { json } => {
            let snapshot = engine.snapshot();
            if json {
                json::write(&mut out, &json::case_lines(&snapshot.catalog))?;
            } else {
                terminal::cases(&mut out, &snapshot.catalog)?;
            }
        }
        Offline::Lessons { json } => {
            let Some(preface) = engine.part("preface") else {
                bail!("the corpus has no preface with lessons");
            };
            if json {
                json::write(&mut out, &preface.lessons)?;
            } else {
                terminal::preface_lessons(&mut out, &preface)?;
            }
        }
        Offline::Index { force, json } => {
            let damaged = if force {
                Vec::new()
            } else {
                engine.damaged_files()
            };
            if !damaged.is_empty() {
                eprintln!(
                    "luopan: the index is damaged ({}); rebuilding it",
                    damaged.join(", ")
                );
            }
            let report = if force || !damaged.is_empty() {
                engine.reload(true)?
            } else {
                engine.opened().clone()
            };
            // The compiled English dictionary goes beside the index too, so that an index
            // built here and served read-only elsewhere needs nothing compiled there.
            let _ = engine.translator();
            let snapshot = engine.snapshot();
            if json {
                json::write(&mut out, &*snapshot.catalog)?;
            } else {
                let elapsed_ms = report.elapsed.as_secs_f64() * 1000.0;
                terminal::index_stats(&mut out, &snapshot.catalog, report.rebuilt, elapsed_ms)?;
            }
        }
        Offline::Eval {
            file,
            traditional,
            json,
        } => {
            let questions = luopan::eval::load(&file)?;
            let script = if traditional {
                luopan::eval::Script::Traditional
            } else {
                luopan::eval::Script::AsWritten
            };
            let report = luopan::eval::evaluate_in(&engine, &questions, script);
            if json {
                json::write(&mut out, &report)?;
            } else {
                terminal::eval(&mut out, &report)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A question the engine refuses (empty, too long, no words, unknown case) is the user's to
/// fix: its reason on stderr and exit code 2. Other errors go up.
fn refused<T>(result: Result<T, AskError>) -> Result<Result<T, ExitCode>> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(
            error @ (AskError::Empty
            | AskError::TooLong { .. }
            | AskError::NoWords
            | AskError::UnknownCase(_)),
        ) => {
            eprintln!("luopan: {}", luopan::text::printable(&error.to_string()));
            Ok(Err(ExitCode::from(2)))
        }
        Err(error) => Err(error.into()),
    }
}

/// Threads for the engine's work (answers, reloads) per core, in the bot.
const BLOCKING_PER_CORE: usize = 2;

/// Checks the token before anything slow, opens the engine, and runs the bot.
fn serve(settings: Settings) -> Result<ExitCode> {
    if settings.discord.token.is_empty() {
        bail!(
            "no Discord token: set the environment variable LUOPAN__DISCORD__TOKEN (or DISCORD_TOKEN) to the bot's token"
        );
    }
    let engine = Engine::open(settings.engine).context("cannot open the index")?;
    // Answers are CPU work of a few milliseconds: more threads than a few per core only add
    // stacks and malloc arenas (memory) under a burst, not speed; the rest wait their turn.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads((cores * BLOCKING_PER_CORE).max(4))
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(luopan::bot::run(
        settings.discord,
        std::sync::Arc::new(engine),
        settings.metrics,
        settings.store,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn init_logging(level: &str) {
    luopan::logging::init(level);
}
