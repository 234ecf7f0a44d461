//! The `luopan` command: parse, dispatch, exit.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    luopan::process::cap_malloc_arenas();
    cli::run(cli::Args::parse())
}
