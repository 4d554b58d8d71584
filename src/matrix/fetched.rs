//! Counting documents whose texts are fetched a batch at a time (Python
//! `str`s encoded with the GIL held), the fetch overlapped with the count.
//!
//! The caller's thread fetches; rayon's pool counts. A batch's chunks are
//! spawned as soon as it is fetched, so the pool never waits for a whole
//! batch to end before the next starts (on the bench corpus, waiting at
//! that barrier and the fetch alone cost a sixth of the count's time). At
//! most two batches are held at once: the one being counted and the next.

use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use super::features::{chunk_len, merge, Chunk, Features};
use crate::interrupt::Interrupt;
use crate::matrix::sparse::CsrMatrix;
use crate::text::term_cache::TermCache;

/// Batches fetched and not yet wholly counted, at most.
const HELD: usize = 2;

/// [`count`](super::features::count) over `len` documents that `fetch`
/// hands over a batch at a time (`fetch(range)` gives the texts of
/// documents `range`, in order): one chunk per thread a batch (about a
/// quarter of the documents, at most 4,096 per thread), at most two batches
/// in memory. The chunks are those of `count`, and so is the result. Stops
/// fetching once the features' interrupt is raised.
///
/// # Errors
///
/// The first error of `fetch`; the chunks already spawned are counted and
/// thrown away.
///
/// # Panics
///
/// If `fetch` gives other than one text per document of its range.
pub(crate) fn count_fetched<F, S, E>(
    features: &F,
    len: usize,
    mut fetch: impl FnMut(Range<usize>) -> Result<Vec<S>, E>,
) -> Result<(Vec<String>, CsrMatrix), E>
where
    F: Features + ?Sized,
    S: AsRef<str> + Send + Sync,
{
    let stop = features.interrupt();
    let chunk = chunk_len(len);
    let batch = chunk * rayon::current_num_threads();
    let counted: Mutex<Vec<(usize, Chunk)>> = Mutex::new(Vec::new());
    let caches: Mutex<Vec<TermCache>> = Mutex::new(Vec::new());
    let held = Held::default();
    let mut failed = None;
    rayon::in_place_scope(|scope| {
        let mut start = 0;
        while start < len && !stop.is_some_and(Interrupt::is_raised) {
            held.wait_below(HELD);
            let range = start..len.min(start + batch);
            let texts = match fetch(range.clone()) {
                Ok(texts) => Arc::new(texts),
                Err(err) => {
                    failed = Some(err);
                    break;
                }
            };
            assert_eq!(
                texts.len(),
                range.len(),
                "fetch({range:?}) must give one text per document"
            );
            let pieces = range.len().div_ceil(chunk);
            let left = Arc::new(Left::new(&held));
            for piece in 0..pieces {
                let (texts, left) = (Arc::clone(&texts), Arc::clone(&left));
                let (counted, caches) = (&counted, &caches);
                scope.spawn(move |_| {
                    let docs = &texts[piece * chunk..texts.len().min((piece + 1) * chunk)];
                    let mut cache = lock(caches).pop().unwrap_or_default();
                    let done = Chunk::of_texts(features, docs, &mut cache);
                    lock(caches).push(cache);
                    lock(counted).push((range.start / chunk + piece, done));
                    // The batch's texts are freed with its last chunk, before
                    // the fetch it lets start.
                    drop(texts);
                    drop(left);
                });
            }
            start = range.end;
        }
    });
    if let Some(err) = failed {
        return Err(err);
    }
    let mut chunks = counted.into_inner().unwrap_or_else(PoisonError::into_inner);
    chunks.sort_unstable_by_key(|&(i, _)| i);
    Ok(merge(chunks.into_iter().map(|(_, c)| c).collect(), stop))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How many batches are held, with a way to wait for fewer.
#[derive(Default)]
struct Held {
    batches: Mutex<usize>,
    freed: Condvar,
}

impl Held {
    /// Return once fewer than `n` batches are held. A thread of the pool
    /// runs pool work meanwhile (the chunks it waits for may be queued
    /// behind it); any other thread sleeps until a batch is freed.
    fn wait_below(&self, n: usize) {
        loop {
            if *lock(&self.batches) < n {
                return;
            }
            if let Some(rayon::Yield::Executed) = rayon::yield_now() {
                continue;
            }
            let held = lock(&self.batches);
            if *held >= n {
                // A short timeout: a worker's queue may fill again while it sleeps.
                drop(self.freed.wait_timeout(held, Duration::from_millis(1)));
            }
        }
    }
}

/// A batch's chunks not yet counted; the batch stops being held when the
/// last one is dropped (also when a chunk panics: the panic then reaches
/// the caller from the scope, and nothing waits forever).
struct Left<'h> {
    held: &'h Held,
}

impl<'h> Left<'h> {
    fn new(held: &'h Held) -> Left<'h> {
        *lock(&held.batches) += 1;
        Left { held }
    }
}

impl Drop for Left<'_> {
    fn drop(&mut self) {
        *lock(&self.held.batches) -= 1;
        self.held.freed.notify_all();
    }
}
