//! Stopping a long computation early.
//!
//! An [`Interrupt`] is a flag that one thread raises (the Python bindings
//! raise it on Ctrl-C) and a computation checks between documents, or
//! between blocks of rows: once it is raised, the documents not yet read are
//! skipped, so the computation drains in microseconds instead of running to
//! the end. What it returns then is incomplete, so the result goes through
//! [`Interrupt::run`], which turns it into [`Error::Interrupted`].
//!
//! Checking costs one relaxed atomic load per document: nothing next to
//! analyzing the document.
//!
//! The same value counts the job's progress: a computation that knows its
//! units of work (documents, rows of a score matrix) calls
//! [`Interrupt::advance`] as it finishes them, and whoever waits for it
//! reads [`Interrupt::done`] to move a progress bar.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::matrix::features::Features;

/// A request to stop, shared by whoever may ask for it and the computation
/// that honours it. Raising it cannot be undone: make a new one per job.
///
/// # Examples
///
/// ```
/// use textlens::{Analyzer, AnalyzerOptions, Corpus, Error, Interrupt};
///
/// let an = Analyzer::new(AnalyzerOptions::default())?;
/// let texts = ["Putin called Xi.", "Xi called Putin back."];
///
/// let stop = Interrupt::new();
/// let corpus = stop.run(|| Ok(Corpus::count(&stop.features(&an), &texts)))?;
/// assert_eq!(corpus, Corpus::build(&an, &texts));
///
/// stop.raise(); // e.g. from a Ctrl-C handler on another thread
/// let again = stop.run(|| Ok(Corpus::count(&stop.features(&an), &texts)));
/// assert!(matches!(again, Err(Error::Interrupted)));
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Interrupt {
    raised: AtomicBool,
    done: AtomicUsize,
}

impl Interrupt {
    /// A request not (yet) raised.
    pub const fn new() -> Interrupt {
        Interrupt {
            raised: AtomicBool::new(false),
            done: AtomicUsize::new(0),
        }
    }

    /// Count `units` more of the job as finished (documents, rows of
    /// scores: whatever the job's caller counts in). Safe from any thread.
    pub fn advance(&self, units: usize) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }

    /// Take back `units` counted by [`Interrupt::advance`], for work that
    /// will be done again (a bar never moves back: it waits until the count
    /// passes what it shows).
    pub(crate) fn rewind(&self, units: usize) {
        let _ = self
            .done
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |d| {
                Some(d.saturating_sub(units))
            });
    }

    /// The units finished so far (see [`Interrupt::advance`]): what a
    /// progress bar shows while the job runs on another thread.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Interrupt;
    ///
    /// let stop = Interrupt::new();
    /// stop.par_map(&["a", "bcd", "ef"], |s| s.len())?; // one unit per item
    /// assert_eq!(stop.done(), 3);
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Ask the computation to stop. Safe to call from any thread, any number
    /// of times.
    pub fn raise(&self) {
        self.raised.store(true, Ordering::Relaxed);
    }

    /// Whether [`Interrupt::raise`] was called.
    pub fn is_raised(&self) -> bool {
        self.raised.load(Ordering::Relaxed)
    }

    /// `Err(`[`Error::Interrupted`]`)` once raised.
    ///
    /// # Errors
    ///
    /// [`Error::Interrupted`] when [`Interrupt::raise`] was called.
    pub fn check(&self) -> Result<()> {
        if self.is_raised() {
            Err(Error::Interrupted)
        } else {
            Ok(())
        }
    }

    /// Run `job` and return its result, unless the interrupt was raised
    /// meanwhile: the result may then be incomplete, and
    /// [`Error::Interrupted`] is returned instead. The flag only ever goes
    /// from lowered to raised, so a result returned here was computed with
    /// every check passing.
    ///
    /// # Errors
    ///
    /// [`Error::Interrupted`], or what `job` returns.
    pub fn run<T>(&self, job: impl FnOnce() -> Result<T>) -> Result<T> {
        let out = job()?;
        self.check()?;
        Ok(out)
    }

    /// `features`, stopping at the next document once this is raised: from
    /// then on every text has no features. Pass it wherever a [`Features`]
    /// goes ([`Corpus::count`](crate::Corpus::count),
    /// [`hash_texts`](crate::hash_texts), …) inside [`Interrupt::run`].
    pub fn features<'a, F: Features + ?Sized>(&'a self, features: &'a F) -> Interruptible<'a, F> {
        Interruptible {
            features,
            interrupt: self,
        }
    }

    /// `f` of each item, in parallel, in input order; once raised, the
    /// items not yet started are skipped and the result is
    /// [`Error::Interrupted`]. The items done [advance](Interrupt::advance)
    /// the progress by one each, counted per run of items (about 1/64 of a
    /// thread's share, at most 1024). Results are written in place, so a
    /// cheap `f` (stemming one word) costs what it costs under plain rayon.
    ///
    /// # Errors
    ///
    /// [`Error::Interrupted`] when raised before every item was done.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Interrupt;
    ///
    /// let lengths = Interrupt::new().par_map(&["a", "bcd"], |s| s.len())?;
    /// assert_eq!(lengths, [1, 3]);
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn par_map<T: Sync, R: Send>(
        &self,
        items: &[T],
        f: impl Fn(&T) -> R + Sync + Send,
    ) -> Result<Vec<R>> {
        let run = (items.len() / (64 * rayon::current_num_threads())).clamp(1, 1024);
        let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
        out.par_chunks_mut(run)
            .zip(items.par_chunks(run))
            .for_each(|(slots, chunk)| {
                for (slot, item) in slots.iter_mut().zip(chunk) {
                    if self.is_raised() {
                        return;
                    }
                    *slot = Some(f(item));
                }
                self.advance(chunk.len());
            });
        out.into_iter()
            .collect::<Option<Vec<R>>>()
            .ok_or(Error::Interrupted)
    }
}

/// [`Features`] that stop once an [`Interrupt`] is raised; made by
/// [`Interrupt::features`].
#[derive(Debug)]
pub struct Interruptible<'a, F: ?Sized> {
    features: &'a F,
    interrupt: &'a Interrupt,
}

impl<F: Features + ?Sized> Features for Interruptible<'_, F> {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        if !self.interrupt.is_raised() {
            self.features.for_each_feature(text, f);
        }
    }

    fn features(&self, text: &str) -> Vec<String> {
        if self.interrupt.is_raised() {
            Vec::new()
        } else {
            self.features.features(text)
        }
    }

    fn interrupt(&self) -> Option<&Interrupt> {
        Some(self.interrupt)
    }

    // Counting checks `interrupt()` before each document on this path.
    fn unigram_analyzer(&self) -> Option<&crate::Analyzer> {
        self.features.unigram_analyzer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, AnalyzerOptions, LangChoice};
    use std::sync::atomic::AtomicUsize;

    /// Real features: English words, unstemmed.
    fn words() -> Analyzer {
        Analyzer::new(AnalyzerOptions {
            lang: LangChoice::Fixed("en".parse().unwrap()),
            stem: false,
            stopwords: crate::StopwordChoice::None,
            ..AnalyzerOptions::default()
        })
        .unwrap()
    }

    #[test]
    fn a_raised_interrupt_skips_the_remaining_documents() {
        let w = words();
        let stop = Interrupt::new();
        let read = AtomicUsize::new(0);
        let texts: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
        // Raise it from inside the job, as a watcher thread would.
        let out = stop.par_map(&texts, |t| {
            if read.fetch_add(1, Ordering::Relaxed) == 100 {
                stop.raise();
            }
            t.len()
        });
        assert!(matches!(out, Err(Error::Interrupted)));
        assert!(read.load(Ordering::Relaxed) < texts.len());

        let f = stop.features(&w);
        assert!(f.features("a b c").is_empty());
        let mut n = 0;
        f.for_each_feature("a b c", &mut |_| n += 1);
        assert_eq!(n, 0);
    }

    #[test]
    fn every_interruptible_computation_stops_once_raised() {
        let w = words();
        use crate::compare::similarity::{
            pairwise, pairwise_until, search, search_until, Metric, Search,
        };
        use crate::{near_duplicates, Corpus, NearDupOptions};

        let texts: Vec<String> = (0..300)
            .map(|i| format!("w{} w{} x", i % 7, i % 11))
            .collect();
        let vocab = vec!["x".to_string(), "w1".to_string()];
        let m = Corpus::count(&w, &texts).counts().clone();
        let top = Search {
            top_k: Some(2),
            min_similarity: None,
        };
        let options = NearDupOptions::default();
        let (lowered, raised) = (Interrupt::new(), Interrupt::new());
        raised.raise();
        let count = |s: &Interrupt| s.run(|| Ok(Corpus::count(&s.features(&w), &texts)));
        let known = |s: &Interrupt| {
            s.run(|| Corpus::count_vocabulary(&s.features(&w), &texts, vocab.clone()))
        };
        let hash = |s: &Interrupt| s.run(|| crate::hash_texts(&s.features(&w), &texts, 64, true));

        assert_eq!(count(&lowered).ok(), Some(Corpus::count(&w, &texts)));
        assert_eq!(
            known(&lowered).ok(),
            Corpus::count_vocabulary(&w, &texts, vocab.clone()).ok()
        );
        assert_eq!(
            hash(&lowered).ok(),
            crate::hash_texts(&w, &texts, 64, true).ok()
        );
        assert_eq!(
            pairwise_until(&m, None, Metric::Cosine, &lowered).ok(),
            pairwise(&m, None, Metric::Cosine).ok()
        );
        assert_eq!(
            search_until(&m, None, Metric::Cosine, &top, &lowered).ok(),
            search(&m, None, Metric::Cosine, &top).ok()
        );
        let clusters = near_duplicates(&texts, &options).ok();
        assert!(clusters.as_ref().is_some_and(|c| c.len() == 77)); // repeated texts
        assert_eq!(
            crate::compare::minhash::near_duplicates_until(&texts, &options, &lowered).ok(),
            clusters
        );

        let interrupted = |r: Result<()>| matches!(r, Err(Error::Interrupted));
        assert!(interrupted(count(&raised).map(drop)));
        assert!(interrupted(known(&raised).map(drop)));
        assert!(interrupted(hash(&raised).map(drop)));
        assert!(interrupted(
            pairwise_until(&m, None, Metric::Cosine, &raised).map(drop)
        ));
        assert!(interrupted(
            search_until(&m, None, Metric::Cosine, &top, &raised).map(drop)
        ));
        assert!(interrupted(
            crate::compare::minhash::near_duplicates_until(&texts, &options, &raised).map(drop)
        ));
    }

    #[test]
    fn a_lowered_interrupt_changes_nothing() {
        let w = words();
        let stop = Interrupt::new();
        let texts = ["b a", "c a a"];
        let (terms, m) = crate::matrix::features::count(&stop.features(&w), &texts);
        assert_eq!((terms, m), crate::matrix::features::count(&w, &texts));
        assert_eq!(stop.features(&w).features("x y"), ["x", "y"]);
        assert_eq!(stop.run(|| Ok(1)).ok(), Some(1));
    }
}
