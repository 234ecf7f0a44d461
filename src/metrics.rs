//! What an operator watches: Prometheus metrics and a health check, on an address of their
//! choosing (`[metrics] listen`), off by default. The names recorded are here, in one place;
//! without a listener nothing is installed and recording costs nothing.
//!
//! - `luopan_asks_total{via, lang, outcome}`: questions asked by `/ask` or a mention, by the
//!   question's language, with what came of them (`found`, `not_found`, `refused`, `failed`).
//! - `luopan_answer_seconds{via}`: how long making an answer took (a histogram).
//! - `luopan_commands_total{command}`: every command, by kind.
//! - `luopan_reloads_total{outcome}`: reloads (`rebuilt`, `unchanged`, `failed`).
//! - `luopan_shard_connected{shard}`: 1 while a gateway shard is connected, else 0.
//! - `luopan_corpus_passages`: passages in the serving index.
//! - `luopan_store_dropped_total`: answers the store could not record (queue full, or the
//!   file could not be written).
//!
//! `/healthz` answers 200 with the serving corpus version when an index is serving.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::engine::Engine;

/// The buckets of the answer-latency histogram, in seconds.
const ANSWER_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];
/// How often the recorder's histograms are tidied.
const UPKEEP: Duration = Duration::from_secs(5);

/// What a question came to, for `luopan_asks_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NotFound,
    Refused,
    Failed,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Found => "found",
            Outcome::NotFound => "not_found",
            Outcome::Refused => "refused",
            Outcome::Failed => "failed",
        }
    }
}

/// Records one question.
pub fn asked(via: &'static str, lang: &'static str, outcome: Outcome, took: Duration) {
    metrics::counter!("luopan_asks_total", "via" => via, "lang" => lang, "outcome" => outcome.label())
        .increment(1);
    metrics::histogram!("luopan_answer_seconds", "via" => via).record(took.as_secs_f64());
}

/// Records one command by kind.
pub fn command(kind: &'static str) {
    metrics::counter!("luopan_commands_total", "command" => kind).increment(1);
}

/// Records one reload and what it did.
pub fn reloaded(outcome: &'static str, passages: usize) {
    metrics::counter!("luopan_reloads_total", "outcome" => outcome).increment(1);
    if outcome != "failed" {
        metrics::gauge!("luopan_corpus_passages").set(passages as f64);
    }
}

/// Records a gateway shard's connection state.
pub fn shard(id: u32, connected: bool) {
    metrics::gauge!("luopan_shard_connected", "shard" => id.to_string()).set(if connected {
        1.0
    } else {
        0.0
    });
}

/// Installs the recorder and serves `/metrics` and `/healthz` on `listen`. Must run inside the
/// tokio runtime; fails when the address cannot be bound.
pub async fn serve(listen: SocketAddr, engine: Arc<Engine>) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("luopan_answer_seconds".into()),
            ANSWER_BUCKETS,
        )
        .context("metrics buckets")?
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    metrics::gauge!("luopan_corpus_passages").set(engine.snapshot().catalog.passages as f64);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen for metrics on {listen}"))?;
    let upkeep = handle.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(UPKEEP).await;
            upkeep.run_upkeep();
        }
    });
    let app = Router::new()
        .route("/metrics", get(move || scrape(handle.clone())))
        .route("/healthz", get(move || health(engine.clone())));
    tracing::info!(%listen, "serving metrics");
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the metrics endpoint stopped");
        }
    });
    Ok(())
}

async fn scrape(handle: PrometheusHandle) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        handle.render(),
    )
}

async fn health(engine: Arc<Engine>) -> impl IntoResponse {
    let snapshot = engine.snapshot();
    if snapshot.index.is_empty() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "no index is serving\n".to_string(),
        )
    } else {
        (
            StatusCode::OK,
            format!(
                "serving corpus {} ({} passages)\n",
                snapshot.version(),
                snapshot.catalog.passages
            ),
        )
    }
}
