//! Sizes computed before allocating: a result too large for memory is
//! refused with [`Error::OutOfMemory`] instead of aborting the process
//! when the allocation fails.

use crate::error::Error;

/// The most bytes of n-grams one text may produce (4 GiB): scikit-learn's
/// `ngram_range=(1, 10**6)` on a 20,000-word document asks for about
/// 7 TB, and fails with MemoryError; textlens refuses it up front.
pub const MAX_NGRAM_BYTES: u64 = 1 << 32;

/// Bytes of all n-grams, `n` in `lo..=hi`, of a sequence of pieces whose
/// cumulative byte lengths are `ends` (`ends[0] = 0`, `ends[i]` the end of
/// piece `i - 1`), joined by `sep` bytes: O(len + hi), however large the
/// output.
pub(crate) fn ngram_bytes(ends: &[usize], (lo, hi): (usize, usize), sep: usize) -> u128 {
    let t = ends.len().saturating_sub(1);
    // sums[m] = ends[0] + … + ends[m - 1]
    let mut sums = Vec::with_capacity(ends.len() + 1);
    sums.push(0u128);
    for &e in ends {
        let last = sums[sums.len() - 1];
        sums.push(last + e as u128);
    }
    let mut total = 0u128;
    for n in lo.max(1)..=hi.min(t) {
        crate::work::step(1);
        // Σ_{i=0}^{t-n} (ends[i + n] − ends[i]) + (n − 1)·sep per window
        let ahead = sums[t + 1] - sums[n];
        let behind = sums[t - n + 1];
        let windows = (t - n + 1) as u128;
        total += ahead - behind + windows * ((n - 1) * sep) as u128;
    }
    total
}

/// Unwind with [`Error::OutOfMemory`] when `bytes` is over `limit`: for
/// paths that return no `Result` (an [`Analyzer`](crate::Analyzer)'s terms,
/// [`Features`](crate::Features)). The Python bindings catch the unwind
/// (as they catch every panic) and raise MemoryError; `resume_unwind`
/// skips the panic hook, so nothing is printed.
pub(crate) fn refuse_above(what: &'static str, bytes: u128, limit: u64) {
    if bytes > u128::from(limit) {
        std::panic::resume_unwind(Box::new(Error::OutOfMemory {
            what,
            bytes: u64::try_from(bytes).unwrap_or(u64::MAX),
            limit,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngram_bytes_equal_the_built_ngrams() {
        let words = ["a", "bb", "ccc", "dddd", "e"];
        let mut ends = vec![0];
        for w in words {
            ends.push(ends[ends.len() - 1] + w.len());
        }
        for lo in 1..=6 {
            for hi in lo..=7 {
                let built: usize = (lo..=hi.min(words.len()))
                    .flat_map(|n| words.windows(n).map(|w| w.join(" ").len()))
                    .sum();
                assert_eq!(ngram_bytes(&ends, (lo, hi), 1), built as u128, "{lo} {hi}");
            }
        }
    }
}
