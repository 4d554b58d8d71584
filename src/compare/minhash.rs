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
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use crate::error::{Error, Result};
use crate::interrupt::Interrupt;
use crate::matrix::sklearn::murmurhash3_32;
use crate::text::normalize::Normalizer;
use crate::text::tokenize::{for_each_token, TokenKind};

const MERSENNE_PRIME: u64 = (1 << 61) - 1;
const MAX_HASH: u64 = (1 << 32) - 1;

/// What a document is cut into before hashing.
///
/// Word shingles are runs of `k` consecutive normalized tokens (NFC,
/// lowercased; words, numbers, URLs and e-mail addresses: punctuation and
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
                        toks.push(norm.normalize(t.text));
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
                let normalized = norm.normalize(text);
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
    /// A hasher with `num_perm` (≥ 2) permutations drawn from `seed`.
    pub fn new(num_perm: usize, seed: u64, shingles: Shingles) -> Result<Self> {
        if num_perm < 2 {
            return Err(Error::invalid(
                "num_perm",
                format!("must be at least 2, got {num_perm}"),
            ));
        }
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
    if num_perm < 2 {
        return Err(Error::invalid(
            "num_perm",
            format!("must be at least 2, got {num_perm}"),
        ));
    }
    let mut best = (f64::INFINITY, (1, 1));
    for b in 1..=num_perm {
        for r in 1..=num_perm / b {
            let (bf, rf) = (b as f64, r as f64);
            let fp = integrate(|s| 1.0 - (1.0 - s.powf(rf)).powf(bf), 0.0, threshold);
            let fal_neg = integrate(|s| (1.0 - s.powf(rf)).powf(bf), threshold, 1.0);
            let err = fp_weight * fp + fn_weight * fal_neg;
            if err < best.0 {
                best = (err, (b, r));
            }
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
        let (bands, rows) = lsh_params(threshold, num_perm, weights)?;
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
    /// Permutations per signature (≥ 2).
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
    let sets: Vec<Vec<u32>> = stop
        .par_map(texts, |t| options.shingles.hashes(t.as_ref()))?
        .into_iter()
        .collect::<Result<_>>()?;
    let sigs: Vec<MinHash> = stop.par_map(&sets, |s| hasher.sign_hashes(s))?;
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
    let mut lsh = Lsh::new(options.threshold, options.num_perm, options.weights)?;
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
/// is reported once per pair of places.
///
/// Runs are found by indexing the `min_tokens`-token windows of `b` and
/// extending each match of a window of `a` as far as the tokens agree, from
/// its left end only: time linear in the texts' lengths plus the output.
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
    if min_tokens == 0 {
        return Err(Error::invalid("min_tokens", "must be at least 1"));
    }
    let norm = Normalizer::default();
    let mut ids: FxHashMap<Cow<'_, str>, u32> = FxHashMap::default();
    let mut tokens_of = |text: &str| -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        for_each_token(text, |t| {
            if !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) {
                let key = norm.normalize(t.text).into_owned();
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
}
