//! Near-duplicates and text reuse: MinHash signatures of token shingles, an
//! LSH index tuned like datasketch's `MinHashLSH`, clusters of near-duplicate
//! documents, and the passages two texts share word for word.
//!
//! The MinHash scheme is datasketch's: each shingle gets a 32-bit hash `h`,
//! permutation `i` maps it to `((a_i·h + b_i) mod 2^64 mod (2^61 − 1)) & (2^32 − 1)`
//! (numpy's uint64 arithmetic wraps before the modulo, and so does this), and
//! the signature keeps the minimum per permutation. The shingle hash is
//! MurmurHash3 rather than datasketch's SHA-1 prefix and the permutation
//! coefficients come from SplitMix64 rather than numpy's Mersenne Twister, so
//! signatures are not bit-identical to datasketch's; estimates have the same
//! distribution.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use crate::error::{Error, Result};
use crate::interrupt::Interrupt;
use crate::matrix::sklearn::murmurhash3_32;
use crate::text::normalize::Normalizer;
use crate::text::tokenize::chunked::{for_each_token_chunked, CHUNK_BYTES};
use crate::text::tokenize::{for_each_token, TokenKind};

const MERSENNE_PRIME: u64 = (1 << 61) - 1;
const MAX_HASH: u64 = (1 << 32) - 1;

/// The largest `num_perm` textlens accepts: 64 KiB per signature. Beyond a
/// few hundred permutations the estimate's standard error
/// (√(J(1 − J)/num_perm)) hardly improves, while time and memory grow
/// linearly; datasketch's default is 128.
pub const MAX_NUM_PERM: usize = 8192;

/// `num_perm` checked against 2 ..= [`MAX_NUM_PERM`].
fn check_num_perm(num_perm: usize) -> Result<usize> {
    if num_perm < 2 {
        return Err(Error::invalid(
            "num_perm",
            format!("must be at least 2, got {num_perm}"),
        ));
    }
    if num_perm > MAX_NUM_PERM {
        return Err(Error::invalid(
            "num_perm",
            format!("must be at most {MAX_NUM_PERM} (MAX_NUM_PERM), got {num_perm}"),
        ));
    }
    Ok(num_perm)
}

/// What a document is cut into before hashing.
///
/// Word shingles are runs of `k` consecutive normalized tokens (NFC,
/// lowercased, Turkish dotted and dotless i folded to i so that
/// `str.upper()` copies match; words, numbers, URLs and e-mail addresses: punctuation and
/// symbols are left out, so re-punctuated copies still match). Han, Hiragana
/// and Katakana count as overlapping character bigrams, as everywhere in
/// textlens. A text with fewer than `k` tokens is one shingle.
///
/// Character shingles are runs of `k` characters of the normalized text with
/// whitespace collapsed to one space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shingles {
    /// `k` consecutive tokens.
    Words(usize),
    /// `k` consecutive characters.
    Chars(usize),
}

impl Default for Shingles {
    fn default() -> Self {
        Shingles::Words(5)
    }
}

impl Shingles {
    fn size(self) -> usize {
        match self {
            Shingles::Words(k) | Shingles::Chars(k) => k,
        }
    }

    fn validate(self) -> Result<Self> {
        if self.size() == 0 {
            return Err(Error::invalid("shingle", "must be at least 1"));
        }
        Ok(self)
    }

    /// The distinct 32-bit hashes of the shingles of `text`, sorted.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Shingles;
    ///
    /// let a = Shingles::Words(2).hashes("The cat sat.")?;
    /// let b = Shingles::Words(2).hashes("the CAT, sat")?;
    /// assert_eq!(a.len(), 2);
    /// assert_eq!(a, b);
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn hashes(self, text: &str) -> Result<Vec<u32>> {
        self.validate()?;
        let norm = Normalizer::default();
        let mut out = Vec::new();
        match self {
            Shingles::Words(k) => {
                let mut toks: Vec<Cow<'_, str>> = Vec::new();
                for_each_token(text, |t| {
                    if !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) {
                        toks.push(fold_i(norm.normalize(t.text)));
                    }
                });
                if toks.is_empty() {
                    return Ok(out);
                }
                let mut key = String::new();
                for window in toks.windows(k.min(toks.len())) {
                    key.clear();
                    for (i, t) in window.iter().enumerate() {
                        if i > 0 {
                            key.push(' ');
                        }
                        key.push_str(t);
                    }
                    out.push(murmurhash3_32(key.as_bytes(), 0) as u32);
                }
            }
            Shingles::Chars(k) => {
                let normalized = fold_i(norm.normalize(text));
                let chars: Vec<char> = collapse_whitespace(&normalized);
                if chars.is_empty() {
                    return Ok(out);
                }
                let mut key = String::new();
                for window in chars.windows(k.min(chars.len())) {
                    key.clear();
                    key.extend(window);
                    out.push(murmurhash3_32(key.as_bytes(), 0) as u32);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}

/// Turkish and Azerbaijani dotless ı and dotted İ (lowercased: i + U+0307)
/// folded to plain i, so that a text and its re-cased copy shingle alike:
/// Python's `"ı".upper()` is `"I"`, whose lowercase is `"i"`.
fn fold_i(s: Cow<'_, str>) -> Cow<'_, str> {
    if s.contains(['ı', '\u{307}']) {
        Cow::Owned(s.replace("i\u{307}", "i").replace('ı', "i"))
    } else {
        s
    }
}

fn collapse_whitespace(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.trim().chars() {
        if c.is_whitespace() {
            if out.last() != Some(&' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Computes MinHash signatures: `num_perm` permutations drawn from `seed`.
///
/// # Examples
///
/// ```
/// use textlens::{MinHasher, Shingles};
///
/// let hasher = MinHasher::new(128, 1, Shingles::Words(3))?;
/// let a = hasher.sign("Putin and Xi pledged to strengthen military cooperation on Friday.")?;
/// let b = hasher.sign("Putin and Xi pledged to strengthen military cooperation on Monday.")?;
/// let j = a.jaccard(&b)?; // exact Jaccard of the 3-shingle sets: 7/9
/// assert!((j - 7.0 / 9.0).abs() < 0.15, "{j}");
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinHasher {
    seed: u64,
    shingles: Shingles,
    a: Vec<u64>,
    b: Vec<u64>,
}

impl MinHasher {
    /// A hasher with `num_perm` (2 ..= [`MAX_NUM_PERM`]) permutations drawn
    /// from `seed`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for `num_perm` out of range or a zero shingle size.
    pub fn new(num_perm: usize, seed: u64, shingles: Shingles) -> Result<Self> {
        let num_perm = check_num_perm(num_perm)?;
        let shingles = shingles.validate()?;
        let mut state = seed;
        let mut draw = |lo: u64| lo + splitmix64(&mut state) % (MERSENNE_PRIME - lo);
        let (mut a, mut b) = (Vec::with_capacity(num_perm), Vec::with_capacity(num_perm));
        for _ in 0..num_perm {
            a.push(draw(1));
            b.push(draw(0));
        }
        Ok(MinHasher {
            seed,
            shingles,
            a,
            b,
        })
    }

    /// The number of permutations.
    pub fn num_perm(&self) -> usize {
        self.a.len()
    }

    /// The signature of `text`'s shingles.
    pub fn sign(&self, text: &str) -> Result<MinHash> {
        Ok(self.sign_hashes(&self.shingles.hashes(text)?))
    }

    /// The signature of a set of 32-bit shingle hashes (see [`Shingles::hashes`]).
    /// An empty set has every value at 2^32 − 1, as in datasketch.
    pub fn sign_hashes(&self, hashes: &[u32]) -> MinHash {
        let mut values = vec![MAX_HASH; self.a.len()];
        for &h in hashes {
            let h = u64::from(h);
            for ((v, &a), &b) in values.iter_mut().zip(&self.a).zip(&self.b) {
                let p = (a.wrapping_mul(h).wrapping_add(b) % MERSENNE_PRIME) & MAX_HASH;
                if p < *v {
                    *v = p;
                }
            }
        }
        MinHash {
            seed: self.seed,
            shingles: self.shingles,
            empty: hashes.is_empty(),
            hashvalues: values,
        }
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A MinHash signature. Build one with [`MinHasher::sign`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHash {
    /// The seed the permutations were drawn from.
    pub seed: u64,
    /// How the text was cut into shingles.
    pub shingles: Shingles,
    /// Whether the text had no shingle at all.
    pub empty: bool,
    /// The minimum of each permutation over the shingles (values < 2^32).
    pub hashvalues: Vec<u64>,
}

impl MinHash {
    /// Check a signature that did not come from [`MinHasher::sign`] (a
    /// pickled or hand-made state) as [`MinHasher::new`] checks its options:
    /// 2 ..= [`MAX_NUM_PERM`] values, each below 2^32, shingle size ≥ 1.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming what is wrong.
    pub fn validate(&self) -> Result<()> {
        check_num_perm(self.hashvalues.len()).map_err(|_| {
            Error::invalid(
                "hashvalues",
                format!(
                    "must have 2 to {MAX_NUM_PERM} values, got {}",
                    self.hashvalues.len()
                ),
            )
        })?;
        if let Some(v) = self.hashvalues.iter().find(|&&v| v > MAX_HASH) {
            return Err(Error::invalid(
                "hashvalues",
                format!("must be below 2**32, got {v}"),
            ));
        }
        self.shingles.validate()?;
        Ok(())
    }

    /// The estimated Jaccard similarity of the two shingle sets: the share of
    /// permutations whose minima agree (datasketch's `MinHash.jaccard`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] when the signatures were made with different
    /// `num_perm`, `seed` or shingles, which makes the estimate meaningless.
    pub fn jaccard(&self, other: &MinHash) -> Result<f64> {
        if self.seed != other.seed
            || self.hashvalues.len() != other.hashvalues.len()
            || self.shingles != other.shingles
        {
            return Err(Error::invalid(
                "other",
                "MinHash signatures made with different num_perm, seed or shingles cannot be compared",
            ));
        }
        let same = self
            .hashvalues
            .iter()
            .zip(&other.hashvalues)
            .filter(|(a, b)| a == b)
            .count();
        Ok(same as f64 / self.hashvalues.len() as f64)
    }
}

/// The bands × rows of an LSH index for `threshold`: the pair minimizing
/// the weighted probabilities of false positives (∫₀ᵗ 1 − (1 − sʳ)ᵇ ds) and
/// false negatives (∫ₜ¹ (1 − sʳ)ᵇ ds), with b·r ≤ `num_perm`: the grid search
/// of datasketch's `MinHashLSH`. `weights` is (false positive weight, false
/// negative weight), summing to 1; datasketch's default is (0.5, 0.5).
///
/// # Examples
///
/// ```
/// // datasketch: MinHashLSH(threshold=0.9, num_perm=128) has b=5, r=25
/// assert_eq!(textlens::lsh_params(0.9, 128, (0.5, 0.5))?, (5, 25));
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn lsh_params(threshold: f64, num_perm: usize, weights: (f64, f64)) -> Result<(usize, usize)> {
    lsh_params_until(threshold, num_perm, weights, &Interrupt::new())
}

/// Up to this `num_perm` [`lsh_params`] searches the whole grid, as
/// datasketch does (about `num_perm · ln num_perm` pairs); above it, a
/// coarse search.
const FULL_GRID: usize = 256;

/// [`lsh_params`], stopping with [`Error::Interrupted`] once `stop` is raised.
///
/// The full grid costs about `num_perm · ln num_perm` pairs of integrals: a
/// minute at 100,000. Above [`FULL_GRID`], the search is coarse: a ternary
/// search over rows, each row count with a ternary search over bands (the
/// error is unimodal in each), then the whole neighbourhood of the best pair.
pub(crate) fn lsh_params_until(
    threshold: f64,
    num_perm: usize,
    weights: (f64, f64),
    stop: &Interrupt,
) -> Result<(usize, usize)> {
    check_threshold(threshold)?;
    let (fp_weight, fn_weight) = weights;
    if !((0.0..=1.0).contains(&fp_weight)
        && (0.0..=1.0).contains(&fn_weight)
        && (fp_weight + fn_weight - 1.0).abs() < 1e-9)
    {
        return Err(Error::invalid(
            "weights",
            format!("must be two numbers in [0, 1] summing to 1, got {weights:?}"),
        ));
    }
    let num_perm = check_num_perm(num_perm)?;
    let error = |b: usize, r: usize| {
        crate::work::step(1);
        let (bf, rf) = (b as f64, r as f64);
        let fp = integrate(|s| 1.0 - (1.0 - s.powf(rf)).powf(bf), 0.0, threshold);
        let fal_neg = integrate(|s| (1.0 - s.powf(rf)).powf(bf), threshold, 1.0);
        fp_weight * fp + fn_weight * fal_neg
    };
    let mut best = (f64::INFINITY, (1, 1));
    let consider = |b: usize, r: usize, best: &mut (f64, (usize, usize))| {
        let err = error(b, r);
        // Ties go to the pair met first in datasketch's order (b, then r).
        if err < best.0 || (err == best.0 && (b, r) < best.1) {
            *best = (err, (b, r));
        }
        err
    };
    if num_perm <= FULL_GRID {
        for b in 1..=num_perm {
            stop.check()?;
            for r in 1..=num_perm / b {
                consider(b, r, &mut best);
            }
        }
        return Ok(best.1);
    }
    // The best number of bands for `r` rows, and its error.
    let best_b = |r: usize, best: &mut (f64, (usize, usize))| -> Result<f64> {
        stop.check()?;
        let (mut lo, mut hi) = (1, num_perm / r);
        while hi - lo > 2 {
            let m1 = lo + (hi - lo) / 3;
            let m2 = hi - (hi - lo) / 3;
            if consider(m1, r, best) <= consider(m2, r, best) {
                hi = m2 - 1;
            } else {
                lo = m1 + 1;
            }
        }
        Ok((lo..=hi)
            .map(|b| consider(b, r, best))
            .fold(f64::INFINITY, f64::min))
    };
    let (mut lo, mut hi) = (1, num_perm);
    while hi - lo > 2 {
        let m1 = lo + (hi - lo) / 3;
        let m2 = hi - (hi - lo) / 3;
        if best_b(m1, &mut best)? <= best_b(m2, &mut best)? {
            hi = m2 - 1;
        } else {
            lo = m1 + 1;
        }
    }
    for r in lo..=hi {
        best_b(r, &mut best)?;
    }
    // The neighbourhood of the best pair, in case the error is flat there.
    let (b0, r0) = best.1;
    for r in r0.saturating_sub(3).max(1)..=r0 + 3 {
        stop.check()?;
        for b in b0.saturating_sub(3).max(1)..=(b0 + 3).min(num_perm / r) {
            consider(b, r, &mut best);
        }
    }
    Ok(best.1)
}

fn check_threshold(threshold: f64) -> Result<()> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(Error::invalid(
            "threshold",
            format!("must be in (0, 1], got {threshold}"),
        ));
    }
    Ok(())
}

/// Adaptive Simpson quadrature, to well below the differences between
/// neighbouring (b, r) candidates.
fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    #[allow(clippy::too_many_arguments)] // the recursion carries its cached samples
    fn step(
        f: &impl Fn(f64) -> f64,
        a: f64,
        b: f64,
        fa: f64,
        fm: f64,
        fb: f64,
        whole: f64,
        eps: f64,
        depth: u32,
    ) -> f64 {
        let m = 0.5 * (a + b);
        let (lm, rm) = (0.5 * (a + m), 0.5 * (m + b));
        let (flm, frm) = (f(lm), f(rm));
        let left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
        let right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
        let delta = left + right - whole;
        if depth == 0 || delta.abs() <= 15.0 * eps {
            return left + right + delta / 15.0;
        }
        step(f, a, m, fa, flm, fm, left, eps / 2.0, depth - 1)
            + step(f, m, b, fm, frm, fb, right, eps / 2.0, depth - 1)
    }
    if b <= a {
        return 0.0;
    }
    let (fa, fb, fm) = (f(a), f(b), f(0.5 * (a + b)));
    let whole = (b - a) / 6.0 * (fa + 4.0 * fm + fb);
    step(&f, a, b, fa, fm, fb, whole, 1e-13, 40)
}

/// A MinHash LSH index: signatures are cut into `bands` bands of `rows`
/// values, and two signatures are candidates when a band agrees.
///
/// # Examples
///
/// ```
/// use textlens::{Lsh, MinHasher, Shingles};
///
/// let hasher = MinHasher::new(128, 1, Shingles::Words(3))?;
/// let mut lsh = Lsh::new(0.5, 128, (0.5, 0.5))?;
/// let texts = [
///     "The central bank raised interest rates by half a point on Thursday.",
///     "The central bank raised interest rates by half a point on Friday.",
///     "Heavy rain flooded the northern provinces for a third day.",
/// ];
/// for t in texts {
///     lsh.insert(&hasher.sign(t)?)?;
/// }
/// assert_eq!(lsh.candidate_pairs(), [(0, 1)]);
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Lsh {
    bands: usize,
    rows: usize,
    num_perm: usize,
    tables: Vec<FxHashMap<u64, Vec<usize>>>,
    len: usize,
}

impl Lsh {
    /// An empty index for signatures of `num_perm` values, with bands and
    /// rows chosen by [`lsh_params`] for `threshold` and `weights`.
    pub fn new(threshold: f64, num_perm: usize, weights: (f64, f64)) -> Result<Self> {
        Self::new_until(threshold, num_perm, weights, &Interrupt::new())
    }

    /// [`Lsh::new`], interruptible while choosing bands and rows.
    pub(crate) fn new_until(
        threshold: f64,
        num_perm: usize,
        weights: (f64, f64),
        stop: &Interrupt,
    ) -> Result<Self> {
        let (bands, rows) = lsh_params_until(threshold, num_perm, weights, stop)?;
        Ok(Lsh {
            bands,
            rows,
            num_perm,
            tables: vec![FxHashMap::default(); bands],
            len: 0,
        })
    }

    /// (bands, rows).
    pub fn params(&self) -> (usize, usize) {
        (self.bands, self.rows)
    }

    /// Add a signature; returns its index (0, 1, …). Signatures of texts
    /// without shingles are counted but never become candidates.
    pub fn insert(&mut self, sig: &MinHash) -> Result<usize> {
        if sig.hashvalues.len() != self.num_perm {
            return Err(Error::invalid(
                "minhash",
                format!(
                    "has {} values, the index expects {}",
                    sig.hashvalues.len(),
                    self.num_perm
                ),
            ));
        }
        let id = self.len;
        self.len += 1;
        if !sig.empty {
            for (band, table) in self.tables.iter_mut().enumerate() {
                let key = band_key(&sig.hashvalues, band, self.rows);
                table.entry(key).or_default().push(id);
            }
        }
        Ok(id)
    }

    /// Every pair `(i, j)`, `i < j`, that shares a band, sorted.
    pub fn candidate_pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = self
            .tables
            .par_iter()
            .flat_map_iter(|table| {
                table
                    .values()
                    .filter(|ids| ids.len() > 1)
                    .flat_map(|ids| {
                        ids.iter().enumerate().flat_map(move |(k, &i)| {
                            ids[k + 1..].iter().map(move |&j| (i.min(j), i.max(j)))
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        pairs
    }
}

fn band_key(values: &[u64], band: usize, rows: usize) -> u64 {
    FxBuildHasher.hash_one(&values[band * rows..(band + 1) * rows])
}

/// Options of [`near_duplicates`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NearDupOptions {
    /// Jaccard similarity from which two texts are near-duplicates, in (0, 1].
    pub threshold: f64,
    /// Permutations per signature (2 ..= [`MAX_NUM_PERM`]).
    pub num_perm: usize,
    /// Seed of the permutations.
    pub seed: u64,
    /// How texts are cut into shingles.
    pub shingles: Shingles,
    /// Check candidate pairs with the exact Jaccard similarity of their
    /// shingle sets instead of the MinHash estimate.
    pub exact: bool,
    /// (false positive, false negative) weights of the LSH parameters (see
    /// [`lsh_params`]). Every candidate pair is checked afterwards, so false
    /// positives only cost time: the default (0.1, 0.9) favours recall,
    /// where datasketch's (0.5, 0.5) misses about half of the pairs whose
    /// similarity is just above the threshold.
    pub weights: (f64, f64),
}

impl Default for NearDupOptions {
    fn default() -> Self {
        NearDupOptions {
            threshold: 0.8,
            num_perm: 128,
            seed: 1,
            shingles: Shingles::default(),
            exact: false,
            weights: (0.1, 0.9),
        }
    }
}

/// Clusters of near-duplicate texts: LSH candidate pairs whose (estimated or
/// exact) Jaccard similarity reaches the threshold, joined into connected
/// components. Each cluster is sorted, has at least two members, and the
/// clusters are sorted by their first member. Texts without a shingle (empty
/// or punctuation only) are in no cluster.
///
/// # Examples
///
/// ```
/// use textlens::{near_duplicates, NearDupOptions};
///
/// let story = "The central bank raised its key interest rate by half a percentage point \
///              on Thursday, the third increase this year, citing stubborn inflation.";
/// let texts = [
///     story,
///     "Heavy rain flooded the northern provinces for a third day on Thursday.",
///     &story.to_uppercase(),
///     &story.replace("Thursday,", "Thursday;"),
/// ];
/// assert_eq!(near_duplicates(&texts, &NearDupOptions::default())?, [vec![0, 2, 3]]);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn near_duplicates<S: AsRef<str> + Sync>(
    texts: &[S],
    options: &NearDupOptions,
) -> Result<Vec<Vec<usize>>> {
    near_duplicates_until(texts, options, &Interrupt::new())
}

/// [`near_duplicates`], stopping early with [`Error::Interrupted`] once
/// `stop` is raised.
pub(crate) fn near_duplicates_until<S: AsRef<str> + Sync>(
    texts: &[S],
    options: &NearDupOptions,
    stop: &Interrupt,
) -> Result<Vec<Vec<usize>>> {
    check_threshold(options.threshold)?;
    let hasher = MinHasher::new(options.num_perm, options.seed, options.shingles)?;
    // One pass per text (shingles, then their signature), so that the
    // progress counts one unit per text.
    let (sets, sigs): (Vec<Vec<u32>>, Vec<MinHash>) = stop
        .par_map(texts, |t| {
            let set = options.shingles.hashes(t.as_ref())?;
            let sig = hasher.sign_hashes(&set);
            Ok((set, sig))
        })?
        .into_iter()
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    // Texts with the same shingles (a story reposted verbatim, boilerplate
    // pages) would fill LSH buckets with a quadratic number of pairs: they
    // are paired with the first of them, and only that one is indexed. Not
    // by signature: texts with equal signatures but other shingles are no
    // copies of each other, and the exact check would drop both pairs.
    let mut first: FxHashMap<&[u32], usize> = FxHashMap::default();
    let mut candidates = Vec::new();
    let mut indexed = Vec::new();
    for (i, set) in sets.iter().enumerate().filter(|(_, s)| !s.is_empty()) {
        match first.entry(set) {
            Entry::Occupied(e) => candidates.push((*e.get(), i)),
            Entry::Vacant(e) => {
                e.insert(i);
                indexed.push(i);
            }
        }
    }
    let mut lsh = Lsh::new_until(options.threshold, options.num_perm, options.weights, stop)?;
    for &i in &indexed {
        lsh.insert(&sigs[i])?;
    }
    candidates.extend(
        lsh.candidate_pairs()
            .into_iter()
            .map(|(a, b)| (indexed[a], indexed[b])),
    );
    stop.check()?;
    let pairs: Vec<(usize, usize)> = candidates
        .into_par_iter()
        .filter(|&(i, j)| {
            if stop.is_raised() {
                return false;
            }
            let sim = if options.exact {
                exact_jaccard(&sets[i], &sets[j])
            } else {
                sigs[i].jaccard(&sigs[j]).unwrap_or(0.0)
            };
            sim >= options.threshold
        })
        .collect();
    stop.check()?;
    Ok(components(texts.len(), &pairs))
}

/// Jaccard similarity of two sorted, deduplicated sets.
fn exact_jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Connected components with at least two members, each sorted, sorted by
/// first member.
fn components(n: usize, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(i, j) in pairs {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri != rj {
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort_unstable_by_key(|g| g[0]);
    out
}

/// A run of tokens two texts share, with byte offsets into each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Passage {
    /// Byte offset of the passage's first token in the first text.
    pub a_start: usize,
    /// Byte offset one past its last token in the first text.
    pub a_end: usize,
    /// Byte offset of the first token in the second text.
    pub b_start: usize,
    /// Byte offset one past the last token in the second text.
    pub b_end: usize,
    /// How many tokens the passage has.
    pub tokens: usize,
}

/// The maximal runs of at least `min_tokens` normalized tokens (as for word
/// shingles: punctuation and case ignored) that occur in both texts, longest
/// first (ties: by position in `a`, then in `b`). A run repeated in one text
/// is reported once per pair of places. Every passage is reported: see
/// [`shared_passages_with`] for the caps (on repetitive text, such as
/// boilerplate repeated thousands of times, the passages number in the
/// hundreds of thousands).
///
/// # Examples
///
/// ```
/// use textlens::shared_passages;
///
/// let a = "Officials said on Monday that the bridge will reopen to traffic next spring.";
/// let b = "BREAKING: the bridge will reopen to traffic next spring, officials said.";
/// let p = shared_passages(a, b, 5)?;
/// assert_eq!(p.len(), 1);
/// assert_eq!(&a[p[0].a_start..p[0].a_end], "the bridge will reopen to traffic next spring");
/// assert_eq!(&b[p[0].b_start..p[0].b_end], "the bridge will reopen to traffic next spring");
/// assert_eq!(p[0].tokens, 8);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn shared_passages(a: &str, b: &str, min_tokens: usize) -> Result<Vec<Passage>> {
    let options = PassageOptions {
        min_tokens,
        max_passages: None,
        ..PassageOptions::default()
    };
    shared_passages_with(a, b, &options)
}

/// Options of [`shared_passages_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PassageOptions {
    /// The shortest run reported, in tokens (≥ 1). Default 8.
    pub min_tokens: usize,
    /// Report only the longest this many passages (`None`: all). Default 1000.
    pub max_passages: Option<usize>,
    /// Give up with [`Error::InvalidOption`] (naming `min_tokens`) once this
    /// many candidate runs were examined. Each candidate costs O(log n);
    /// only texts that share millions of short runs (one token repeated in
    /// many contexts, with `min_tokens` 1 or 2) reach the default 10,000,000.
    pub max_candidates: usize,
}

impl Default for PassageOptions {
    fn default() -> Self {
        PassageOptions {
            min_tokens: 8,
            max_passages: Some(1000),
            max_candidates: 10_000_000,
        }
    }
}

/// [`shared_passages`] with caps on the passages reported and the work done.
///
/// Runs are found in time O((n + c) log n) for n tokens and c candidate
/// runs, in memory O(n + `max_passages`): every `min_tokens`-token window of
/// both texts is hashed (a 61-bit polynomial hash of token ids, so a false
/// match has a probability of about n / 2^61), windows with equal hashes
/// are grouped by sorting, only pairs of windows that start a run (whose
/// preceding tokens differ) become candidates, and each candidate is
/// extended by a binary search on prefix hashes rather than token by token.
///
/// # Errors
///
/// [`Error::InvalidOption`] for `min_tokens` 0, or when more than
/// `max_candidates` runs would have to be examined.
///
/// # Examples
///
/// ```
/// use textlens::{shared_passages_with, PassageOptions};
///
/// let boilerplate = "ab cd ef ".repeat(10_000);
/// let options = PassageOptions { min_tokens: 5, max_passages: Some(3), ..PassageOptions::default() };
/// let p = shared_passages_with(&boilerplate, &boilerplate, &options)?;
/// assert_eq!(p.len(), 3);
/// assert_eq!(p[0].tokens, 30_000); // the whole text, then the shifted copies
/// assert_eq!(p[1].tokens, 29_997);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn shared_passages_with(a: &str, b: &str, options: &PassageOptions) -> Result<Vec<Passage>> {
    shared_passages_until(a, b, options, &Interrupt::new())
}

const HASH_BASE: u64 = 0x1fd3_a5c7_9e37_79b1 % MERSENNE_PRIME;

fn mul_mod(x: u64, y: u64) -> u64 {
    ((u128::from(x) * u128::from(y)) % u128::from(MERSENNE_PRIME)) as u64
}

/// Prefix hashes of a token-id sequence: `h[i]` hashes `ids[..i]`.
fn prefix_hashes(ids: &[u32]) -> Vec<u64> {
    let mut h = Vec::with_capacity(ids.len() + 1);
    h.push(0);
    let mut acc = 0;
    for &id in ids {
        acc = (mul_mod(acc, HASH_BASE) + u64::from(id) + 1) % MERSENNE_PRIME;
        h.push(acc);
    }
    h
}

/// The hash of `ids[i..i + len]` from prefix hashes and `pow[len]`.
fn range_hash(h: &[u64], pow: &[u64], i: usize, len: usize) -> u64 {
    (h[i + len] + MERSENNE_PRIME - mul_mod(h[i], pow[len])) % MERSENNE_PRIME
}

/// [`shared_passages_with`], stopping with [`Error::Interrupted`] once
/// `stop` is raised.
pub(crate) fn shared_passages_until(
    a: &str,
    b: &str,
    options: &PassageOptions,
    stop: &Interrupt,
) -> Result<Vec<Passage>> {
    let k = options.min_tokens;
    if k == 0 {
        return Err(Error::invalid("min_tokens", "must be at least 1"));
    }
    let norm = Normalizer::default();
    let mut ids: FxHashMap<Cow<'_, str>, u32> = FxHashMap::default();
    let mut tokens_of = |text: &str| -> Result<Vec<(u32, usize, usize)>> {
        let mut out = Vec::new();
        for_each_token_chunked(text, CHUNK_BYTES, stop, |t| {
            if !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) {
                let key = fold_i(norm.normalize(t.text)).into_owned();
                let next = ids.len() as u32;
                let id = *ids.entry(Cow::Owned(key)).or_insert(next);
                out.push((id, t.start, t.end));
            }
        })?;
        Ok(out)
    };
    let ta = tokens_of(a)?;
    let tb = tokens_of(b)?;
    if ta.len() < k || tb.len() < k {
        return Ok(Vec::new());
    }
    let ia: Vec<u32> = ta.iter().map(|t| t.0).collect();
    let ib: Vec<u32> = tb.iter().map(|t| t.0).collect();
    let (ha, hb) = (prefix_hashes(&ia), prefix_hashes(&ib));
    let longest = ia.len().max(ib.len());
    let mut pow = Vec::with_capacity(longest + 1);
    pow.push(1u64);
    for i in 0..longest {
        pow.push(mul_mod(pow[i], HASH_BASE));
    }
    // (window hash, preceding token or NONE at the start, position), sorted.
    const NONE: u32 = u32::MAX;
    let windows = |ids: &[u32], h: &[u64]| -> Vec<(u64, u32, usize)> {
        let mut w: Vec<(u64, u32, usize)> = (0..=ids.len() - k)
            .map(|i| {
                let prev = if i == 0 { NONE } else { ids[i - 1] };
                (range_hash(h, &pow, i, k), prev, i)
            })
            .collect();
        w.sort_unstable();
        w
    };
    let wa = windows(&ia, &ha);
    stop.check()?;
    let wb = windows(&ib, &hb);
    stop.check()?;
    // How far the tokens agree from (i, j), knowing the first k do.
    let extend = |i: usize, j: usize| -> usize {
        let (mut lo, mut hi) = (k, (ia.len() - i).min(ib.len() - j));
        while lo < hi {
            crate::work::step(1);
            let mid = lo + (hi - lo).div_ceil(2);
            if range_hash(&ha, &pow, i, mid) == range_hash(&hb, &pow, j, mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    };
    // Best first: longest, then by position in a, then in b.
    type Key = (std::cmp::Reverse<usize>, usize, usize);
    let cap = options.max_passages.unwrap_or(usize::MAX);
    let mut kept: std::collections::BinaryHeap<Key> = std::collections::BinaryHeap::new();
    let mut all: Vec<Key> = Vec::new();
    let mut candidates = 0usize;
    let mut emit = |i: usize, j: usize| -> Result<()> {
        candidates += 1;
        crate::work::step(1);
        if candidates > options.max_candidates {
            return Err(Error::invalid(
                "min_tokens",
                format!(
                    "the texts share more than {} runs of {k} tokens (max_candidates): \
                     raise min_tokens",
                    options.max_candidates
                ),
            ));
        }
        if candidates % 4096 == 0 {
            stop.check()?;
        }
        if cap == 0 {
            return Ok(());
        }
        let key = (std::cmp::Reverse(extend(i, j)), i, j);
        if options.max_passages.is_none() {
            all.push(key);
        } else if kept.len() < cap {
            kept.push(key);
        } else if kept.peek().is_some_and(|worst| key < *worst) {
            kept.pop();
            kept.push(key);
        }
        Ok(())
    };
    let (mut x, mut y) = (0, 0);
    while x < wa.len() && y < wb.len() {
        let (hx, hy) = (wa[x].0, wb[y].0);
        if hx != hy {
            if hx < hy {
                x += 1;
            } else {
                y += 1;
            }
            continue;
        }
        let ga_end = x + wa[x..].partition_point(|w| w.0 == hx);
        let gb_end = y + wb[y..].partition_point(|w| w.0 == hx);
        let (ga, gb) = (&wa[x..ga_end], &wb[y..gb_end]);
        // Pairs whose preceding tokens agree continue a run that starts
        // further left: skip the block of b with a's preceding token.
        for &(_, prev, i) in ga {
            let (s, e) = if prev == NONE {
                (0, 0)
            } else {
                let s = gb.partition_point(|w| w.1 < prev);
                (s, s + gb[s..].partition_point(|w| w.1 == prev))
            };
            for &(_, _, j) in gb[..s].iter().chain(&gb[e..]) {
                emit(i, j)?;
            }
        }
        x = ga_end;
        y = gb_end;
    }
    let mut keys = if options.max_passages.is_none() {
        all
    } else {
        kept.into_vec()
    };
    keys.sort_unstable();
    Ok(keys
        .into_iter()
        .map(|(std::cmp::Reverse(len), i, j)| Passage {
            a_start: ta[i].1,
            a_end: ta[i + len - 1].2,
            b_start: tb[j].1,
            b_end: tb[j + len - 1].2,
            tokens: len,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `similarity_minhash` fuzz target: with few permutations
    /// `a` and `b` have equal signatures; the copies of `b` were paired with
    /// `a` only, and the exact check then dropped them.
    #[test]
    fn copies_cluster_even_when_another_text_has_their_signature() {
        let a = "The central bank raised its key interest rate by half a point on Thursday, citing inflation.";
        let b = "The central bank raised its key interest rate by half a point on Friday, citing inflation.";
        let options = NearDupOptions {
            threshold: 0.9,
            num_perm: 2,
            seed: 34,
            shingles: Shingles::Words(3),
            exact: true,
            ..NearDupOptions::default()
        };
        let hasher = MinHasher::new(2, 34, Shingles::Words(3)).unwrap();
        assert_eq!(hasher.sign(a).unwrap(), hasher.sign(b).unwrap());
        assert_eq!(near_duplicates(&[a, b, b], &options).unwrap(), [vec![1, 2]]);
        let estimate = NearDupOptions {
            exact: false,
            ..options
        };
        assert_eq!(
            near_duplicates(&[a, b, b], &estimate).unwrap(),
            [vec![0, 1, 2]]
        );
    }

    #[test]
    fn short_texts_are_one_shingle_and_empty_texts_none() {
        assert_eq!(Shingles::Words(5).hashes("two words").unwrap().len(), 1);
        assert!(Shingles::Words(5).hashes(" ,.; ").unwrap().is_empty());
        assert_eq!(Shingles::Chars(3).hashes("ab  c").unwrap().len(), 2);
        assert!(Shingles::Words(0).hashes("x").is_err());
    }

    #[test]
    fn identical_sets_estimate_one_and_disjoint_near_zero() {
        let h = MinHasher::new(128, 7, Shingles::Words(1)).unwrap();
        let a = h.sign("alpha beta gamma delta").unwrap();
        assert_eq!(
            a.jaccard(&h.sign("Delta, GAMMA beta alpha").unwrap())
                .unwrap(),
            1.0
        );
        let z = h.sign("one two three four five six").unwrap();
        assert!(a.jaccard(&z).unwrap() < 0.1);
        let other = MinHasher::new(128, 8, Shingles::Words(1)).unwrap();
        assert!(a.jaccard(&other.sign("alpha").unwrap()).is_err());
    }

    #[test]
    fn estimates_are_close_to_exact_jaccard() {
        // Sets of 1000 numbers overlapping by a known share.
        let h = MinHasher::new(256, 1, Shingles::Words(1)).unwrap();
        let mut errors = Vec::new();
        for overlap in [100u32, 300, 500, 700, 900] {
            let a: Vec<u32> = (0..1000u32)
                .map(|x| murmurhash3_32(&x.to_le_bytes(), 3) as u32)
                .collect();
            let b: Vec<u32> = (1000 - overlap..2000 - overlap)
                .map(|x| murmurhash3_32(&x.to_le_bytes(), 3) as u32)
                .collect();
            let (mut sa, mut sb) = (a.clone(), b.clone());
            sa.sort_unstable();
            sb.sort_unstable();
            let exact = exact_jaccard(&sa, &sb);
            let est = h.sign_hashes(&a).jaccard(&h.sign_hashes(&b)).unwrap();
            errors.push((est - exact).abs());
        }
        let mean = errors.iter().sum::<f64>() / errors.len() as f64;
        // The standard error of one estimate is at most 0.5 / sqrt(256).
        assert!(mean < 0.04, "{errors:?}");
    }

    #[test]
    fn lsh_params_match_datasketch() {
        // datasketch's _optimal_param(t, n, 0.5, 0.5): MinHashLSH(threshold=t, num_perm=128).b, .r
        assert_eq!(lsh_params(0.9, 128, (0.5, 0.5)).unwrap(), (5, 25));
        assert_eq!(lsh_params(0.5, 128, (0.5, 0.5)).unwrap(), (25, 5));
        assert_eq!(lsh_params(0.7, 128, (0.5, 0.5)).unwrap(), (14, 9));
        assert_eq!(lsh_params(0.8, 128, (0.5, 0.5)).unwrap(), (9, 13));
        assert_eq!(lsh_params(0.8, 256, (0.5, 0.5)).unwrap(), (17, 15));
        assert_eq!(lsh_params(0.3, 64, (0.5, 0.5)).unwrap(), (21, 3));
        assert!(lsh_params(0.0, 128, (0.5, 0.5)).is_err());
        assert!(lsh_params(0.5, 128, (0.5, 0.6)).is_err());
        assert_eq!(lsh_params(0.8, 128, (0.1, 0.9)).unwrap(), (14, 9));
        assert!(lsh_params(1.5, 128, (0.5, 0.5)).is_err());
        assert!(lsh_params(f64::NAN, 128, (0.5, 0.5)).is_err());
        assert!(lsh_params(0.5, 1, (0.5, 0.5)).is_err());
    }

    #[test]
    fn clusters_are_components_of_similar_pairs() {
        assert_eq!(components(5, &[(3, 4), (0, 3)]), [vec![0, 3, 4]]);
        assert_eq!(components(3, &[]), Vec::<Vec<usize>>::new());
        let texts = ["", "", "a b c d e f g", "x"];
        assert!(near_duplicates(&texts, &NearDupOptions::default())
            .unwrap()
            .is_empty());
        let bad = NearDupOptions {
            threshold: 0.0,
            ..NearDupOptions::default()
        };
        assert!(near_duplicates(&texts, &bad).is_err());
    }

    #[test]
    fn many_identical_texts_do_not_make_quadratic_candidates() {
        let story = "The central bank raised its key interest rate by half a percentage point.";
        let mut texts = vec![story; 20_000];
        texts.push("Heavy rain flooded the northern provinces for a third day.");
        let clusters = near_duplicates(&texts, &NearDupOptions::default()).unwrap();
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].len(), 20_000);
    }

    #[test]
    fn shared_passages_on_non_ascii_text() {
        let copied = "Президент России Владимир Путин провёл переговоры с председателем КНР";
        let a = format!("Вчера вечером. {copied}. Конец.");
        let b = format!(
            "Источник сообщает: {}; другие новости",
            copied.to_uppercase()
        );
        let p = shared_passages(&a, &b, 5).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(&a[p[0].a_start..p[0].a_end], copied);
        assert_eq!(&b[p[0].b_start..p[0].b_end], copied.to_uppercase());
        assert_eq!(p[0].tokens, 9);
        assert!(shared_passages(&a, &b, 0).is_err());
        assert!(shared_passages(&a, "", 3).unwrap().is_empty());
    }

    #[test]
    fn repeated_runs_are_reported_once_per_place() {
        let a = "one two three four. one two three four";
        let b = "one two three four";
        let p = shared_passages(a, b, 3).unwrap();
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|p| p.tokens == 4));
    }

    use rustc_hash::FxHashSet;

    /// The implementation before issue 16 (quadratic on repetitive text),
    /// kept as the oracle of the fast one.
    fn naive_passages(a: &str, b: &str, min_tokens: usize) -> Result<Vec<Passage>> {
        if min_tokens == 0 {
            return Err(Error::invalid("min_tokens", "must be at least 1"));
        }
        let norm = Normalizer::default();
        let mut ids: FxHashMap<Cow<'_, str>, u32> = FxHashMap::default();
        let mut tokens_of = |text: &str| -> Vec<(u32, usize, usize)> {
            let mut out = Vec::new();
            for_each_token(text, |t| {
                if !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) {
                    let key = fold_i(norm.normalize(t.text)).into_owned();
                    let next = ids.len() as u32;
                    let id = *ids.entry(Cow::Owned(key)).or_insert(next);
                    out.push((id, t.start, t.end));
                }
            });
            out
        };
        let ta = tokens_of(a);
        let tb = tokens_of(b);
        let k = min_tokens;
        if ta.len() < k || tb.len() < k {
            return Ok(Vec::new());
        }
        let ia: Vec<u32> = ta.iter().map(|t| t.0).collect();
        let ib: Vec<u32> = tb.iter().map(|t| t.0).collect();
        let mut windows: FxHashMap<&[u32], Vec<usize>> = FxHashMap::default();
        for j in 0..=ib.len() - k {
            windows.entry(&ib[j..j + k]).or_default().push(j);
        }
        let mut seen: FxHashSet<(usize, usize)> = FxHashSet::default();
        let mut out = Vec::new();
        for i in 0..=ia.len() - k {
            let Some(starts) = windows.get(&ia[i..i + k]) else {
                continue;
            };
            for &j in starts {
                // Only from the left end of a run: the rest of it is the same run.
                if i > 0 && j > 0 && ia[i - 1] == ib[j - 1] {
                    continue;
                }
                if !seen.insert((i, j)) {
                    continue;
                }
                let mut len = k;
                while i + len < ia.len() && j + len < ib.len() && ia[i + len] == ib[j + len] {
                    len += 1;
                }
                out.push(Passage {
                    a_start: ta[i].1,
                    a_end: ta[i + len - 1].2,
                    b_start: tb[j].1,
                    b_end: tb[j + len - 1].2,
                    tokens: len,
                });
            }
        }
        out.sort_unstable_by(|x, y| {
            y.tokens
                .cmp(&x.tokens)
                .then(x.a_start.cmp(&y.a_start))
                .then(x.b_start.cmp(&y.b_start))
        });
        Ok(out)
    }

    #[test]
    fn fast_passages_equal_the_naive_ones_on_repetitive_text() {
        let mut state = 7u64;
        for round in 0..300 {
            let vocab = 2 + round % 5;
            let mut words = |n: usize| -> String {
                (0..n)
                    .map(|_| format!("w{}", splitmix64(&mut state) % vocab as u64))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (a, b) = (words(1 + round % 40), words(1 + round % 23));
            for k in 1..5 {
                let fast = shared_passages(&a, &b, k).unwrap();
                assert_eq!(fast, naive_passages(&a, &b, k).unwrap(), "{a:?} {b:?} {k}");
            }
        }
    }

    #[test]
    fn turkish_text_and_its_upper_case_copy_shingle_alike() {
        let tr = "Irak sınırındaki İstanbul kökenli şirket, ılık bir kış günü açıklama yaptı.";
        // Python's str.upper(): ı → I, i → I, İ stays.
        let upper: String = tr
            .chars()
            .map(|c| match c {
                'ı' | 'i' => 'I'.to_string(),
                c => c.to_uppercase().collect(),
            })
            .collect();
        for sh in [Shingles::Words(3), Shingles::Chars(5)] {
            assert_eq!(sh.hashes(tr).unwrap(), sh.hashes(&upper).unwrap(), "{sh:?}");
        }
    }

    #[test]
    fn passages_are_capped_and_candidates_bounded() {
        let t = "ab cd ef ".repeat(2000);
        let all = shared_passages(&t, &t, 8).unwrap();
        let capped = shared_passages_with(&t, &t, &PassageOptions::default()).unwrap();
        assert_eq!(capped.len(), 1000);
        assert_eq!(capped[..], all[..1000]);
        let few = PassageOptions {
            max_candidates: 10,
            ..PassageOptions::default()
        };
        assert!(matches!(
            shared_passages_with(&t, &t, &few),
            Err(Error::InvalidOption {
                option: "min_tokens",
                ..
            })
        ));
    }

    #[test]
    fn num_perm_is_bounded_and_states_are_checked() {
        assert!(MinHasher::new(MAX_NUM_PERM, 1, Shingles::Words(3)).is_ok());
        let err = MinHasher::new(MAX_NUM_PERM + 1, 1, Shingles::Words(3)).unwrap_err();
        assert!(err.to_string().contains("8192"), "{err}");
        assert!(MinHasher::new(usize::MAX, 1, Shingles::Words(3)).is_err());
        assert!(lsh_params(0.8, 1 << 40, (0.5, 0.5)).is_err());
        let mut m = MinHasher::new(4, 1, Shingles::Words(3))
            .unwrap()
            .sign("a b c")
            .unwrap();
        assert!(m.validate().is_ok());
        m.hashvalues[0] = 1 << 32;
        assert!(m.validate().is_err());
        m.hashvalues = vec![1];
        assert!(m.validate().is_err());
    }

    #[test]
    fn coarse_lsh_search_matches_the_full_grid() {
        for (t, n, w) in [
            (0.8, 300, (0.5, 0.5)),
            (0.5, 400, (0.1, 0.9)),
            (0.95, 260, (0.5, 0.5)),
        ] {
            let stop = Interrupt::new();
            let coarse = lsh_params_until(t, n, w, &stop).unwrap();
            let mut best = (f64::INFINITY, (0, 0));
            for b in 1..=n {
                for r in 1..=n / b {
                    let (bf, rf) = (b as f64, r as f64);
                    let fp = integrate(|s| 1.0 - (1.0 - s.powf(rf)).powf(bf), 0.0, t);
                    let fal_neg = integrate(|s| (1.0 - s.powf(rf)).powf(bf), t, 1.0);
                    let err = w.0 * fp + w.1 * fal_neg;
                    if err < best.0 {
                        best = (err, (b, r));
                    }
                }
            }
            assert_eq!(coarse, best.1, "threshold {t}, num_perm {n}");
        }
        let stop = Interrupt::new();
        stop.raise();
        assert!(matches!(
            lsh_params_until(0.8, 8000, (0.5, 0.5), &stop),
            Err(Error::Interrupted)
        ));
    }
}
