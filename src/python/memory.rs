//! Memory the allocator keeps after a large job.
//!
//! glibc's malloc returns freed memory to the system only from the top of a
//! heap, and raises its own thresholds after large frees, so the scratch
//! memory of counting a corpus (the batches' texts, each chunk's vocabulary
//! and counts, the merge's tables: 40–60 MB on the bench corpus) stays
//! resident in the worker threads' arenas after the call, and the next
//! allocation of another thread (the tf-idf matrix) grows the process
//! instead of reusing it. The user's kernel keeps that peak for good.

/// Below this much text a job's scratch memory is small, and trimming (a
/// walk over every arena, 5–9 ms in a process holding the bench corpus)
/// would cost more than it returns.
const TRIM_AFTER: usize = 16 << 20;

/// After a job over `size` bytes of text: hand the allocator's free pages
/// back to the system (glibc only; elsewhere, and for small jobs, nothing).
pub(crate) fn release_after(size: usize) {
    if size >= TRIM_AFTER {
        trim();
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn trim() {
    // SAFETY: `malloc_trim` takes no pointers and touches only free memory;
    // glibc serializes it with every other allocator call (MT-Safe).
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
