//! How soon the allocator (mimalloc, set in `main.rs`) gives memory that was freed back to the
//! system: its option `purge_delay`, in milliseconds (1000 by default in mimalloc 3).
//!
//! Kept for a while, freed memory is reused without a trip to the kernel: given back at once,
//! every later allocation maps fresh pages that the kernel must zero, which cost a full build at
//! N=10000 about a fifth of its time.
//! But kept memory adds to the peak: at N=100000 the pages made from the whole site's summaries
//! (a year page lists every body) allocate and free tens of megabytes at a time. So the build
//! keeps the default, and gives memory back at once only while it makes those pages
//! ([`Purge::at_once`]); see BENCHMARKS.md for the figures.

use std::os::raw::c_long;

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e` (mimalloc 2 and 3).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// While it lives, freed memory is given back to the system after the delay it was made with;
/// when dropped, the delay is what it was before (guards nest). The setting is the process's,
/// for every thread.
#[must_use]
pub(crate) struct Purge(c_long);

impl Purge {
    /// Freed memory is given back at once.
    pub(crate) fn at_once() -> Purge {
        Purge::after(0)
    }

    /// Freed memory is given back after `ms` milliseconds.
    pub(crate) fn after(ms: c_long) -> Purge {
        // SAFETY: reads and sets one of mimalloc's options, which it reads whenever it frees
        // memory; any value is valid.
        let before = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms) };
        Purge(before)
    }
}

/// Gives back to the system, at once, the memory that every thread of the build (this one and
/// the worker threads) has freed and still keeps.
pub(crate) fn give_back() {
    // SAFETY: asks mimalloc to collect the calling thread's freed memory; no memory is touched
    // that is in use.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

impl Drop for Purge {
    fn drop(&mut self) {
        // SAFETY: as in `after`.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, self.0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_is_what_it_was_once_the_guard_is_dropped() {
        // SAFETY: reads one of mimalloc's options.
        let get = || unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        let before = get();
        {
            let _outer = Purge::after(before + 7);
            assert_eq!(get(), before + 7);
            {
                let _inner = Purge::at_once();
                assert_eq!(get(), 0);
            }
            assert_eq!(get(), before + 7);
        }
        assert_eq!(get(), before);
    }
}
