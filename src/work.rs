//! A count of work steps per thread, for tests that check how work grows
//! with the input (`tests/work_scaling.rs`): counts, not seconds, so the
//! tests hold on a loaded machine. Not public API.
//!
//! The quadratic paths issue 16 found (passage extension, long-word
//! stemming, n-gram output, the LSH grid) each add their unit of work here;
//! a thread-local counter costs a few instructions per step.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Count `n` steps of work on this thread.
#[inline]
pub fn step(n: u64) {
    STEPS.with(|s| s.set(s.get().wrapping_add(n)));
}

/// The steps counted on this thread so far.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}

/// Reset this thread's count to zero.
pub fn reset() {
    STEPS.with(|s| s.set(0));
}
