//! Reading an index that may be damaged without crashing. tantivy asserts rather than errs on
//! some damage (an offset past a file's end, read from a flipped byte): such a panic is taken
//! as damage, and its message, which names the machine's paths, is not printed.

use std::cell::Cell;
use std::sync::Once;

thread_local! {
    /// Whether this thread is reading an index under `without_panics`.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once per process, a panic hook that stays silent for a thread reading an index
/// under `without_panics` and hands every other panic to the hook that was there before.
fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `read`; `None` when it panicked.
pub(super) fn without_panics<T>(read: impl FnOnce() -> T) -> Option<T> {
    install_hook();
    let was = QUIET.with(|quiet| quiet.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET.with(|quiet| quiet.set(was));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_read_is_none_and_a_sound_one_its_value() {
        assert_eq!(without_panics(|| 7), Some(7));
        let failed: Option<()> = without_panics(|| panic!("offset past the end"));
        assert_eq!(failed, None);
        // The thread is no longer quiet afterwards.
        assert!(!QUIET.with(Cell::get));
    }
}
