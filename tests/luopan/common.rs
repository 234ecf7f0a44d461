//! The shared harness: one engine over the bundled corpus, built once per test run into a
//! folder of its own, and helpers to copy the corpus somewhere a test may break it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use luopan::config::Settings;
use luopan::{Engine, EngineSettings};

/// The project's root, where `index/` and `tests/data/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder under cargo's scratch space for integration tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("luopan-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The default settings with the given manifest and index folder.
pub fn settings(manifest: PathBuf, index_dir: PathBuf) -> EngineSettings {
    let mut settings = Settings::load_from(
        None,
        config::Environment::with_prefix("LUOPAN_TESTS_UNUSED").source(Some(Default::default())),
    )
    .expect("default settings")
    .engine;
    settings.manifest = manifest;
    settings.index_dir = index_dir;
    settings
}

/// The engine over the bundled corpus, shared by every test in this binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = scratch("shared-index");
        Engine::open(settings(
            root().join("index/corpus.toml"),
            dir.join("tantivy"),
        ))
        .expect("the bundled corpus opens")
    })
}

/// A copy of the bundled manifest and corpus in a scratch folder, for tests that change files.
pub fn corpus_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("corpus")).expect("corpus folder");
    std::fs::copy(root().join("index/corpus.toml"), dir.join("corpus.toml")).expect("manifest");
    for file in ["report.txt", "ft-commentary.txt"] {
        std::fs::copy(
            root().join("index/corpus").join(file),
            dir.join("corpus").join(file),
        )
        .expect("document");
    }
    dir
}
