//! Other crates' parsers (`pdf_oxide`, `calamine`) that panic on some damaged files: such a
//! panic is caught and becomes a message about the file, and nothing is printed about it (the
//! panic's own text, 「thread 'main' panicked at …」, would read as a crash of nianbao).
//!
//! The first guarded call installs a panic hook that stays silent for a panic inside a guarded
//! call on the same thread and hands every other panic to the hook it replaced, unchanged.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside a guarded call.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; `None` if it panicked.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_panic_inside_is_none_and_the_value_otherwise() {
        assert_eq!(guarded(|| 7), Some(7));
        let v: Vec<u8> = Vec::new();
        assert_eq!(guarded(|| v[3]), None);
        // Still guarded after a panic, and not guarded outside.
        assert_eq!(guarded(|| guarded(|| v[1]).is_none()), Some(true));
        super::GUARDED.with(|g| assert!(!g.get()));
    }
}
