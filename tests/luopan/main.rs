//! Integration tests: the whole pipeline on the bundled corpus, the command line, reloads.
//! One test binary; the harness in `common` builds the shared index once.

mod answers;
mod bot;
mod cli;
mod common;
mod discord;
mod english;
mod feedback;
mod hostile;
mod lessons;
mod moderation;
mod operations;
mod quality;
mod refusals;
mod relevance;
mod reload;
mod store;
mod structure;
mod teach;
