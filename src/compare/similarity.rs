//! Document similarity: pairwise matrices and top-k search over the rows of
//! weighted document-term matrices.
//!
//! Every metric is computed from the *shared* terms of two rows (a sparse
//! product through the transposed second matrix) plus a few per-row sums, so
//! the cost grows with the stored entries, never with the vocabulary.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::str::FromStr;

use ndarray::Array2;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::interrupt::Interrupt;
use crate::matrix::corpus::Corpus;
use crate::matrix::sparse::CsrMatrix;
use crate::matrix::weighting::{document_frequencies, Weighting};

/// Rows scored per parallel task. The dense matrix accumulates in its own
/// rows; a search holds one vector of the other matrix's row count per task,
/// so its memory is O(threads × rows of the other + kept pairs).
const BLOCK: usize = 32;

/// How two rows (documents) are compared.
///
/// Similarities are larger for closer documents; [`Metric::Euclidean`] and
/// [`Metric::Manhattan`] are distances (smaller = closer, 0 = identical).
/// Rows with no stored entry score 0 against everything under every
/// similarity (numpy would give NaN for Pearson and Jensen–Shannon).
/// Cosine and Pearson are clamped to [−1, 1] against rounding.
///
/// # Examples
///
/// ```
/// use textlens::Metric;
///
/// let m: Metric = "jensen_shannon".parse()?;
/// assert_eq!(m, Metric::JensenShannon);
/// assert!(!m.is_distance() && Metric::Euclidean.is_distance());
/// assert!("cosinus".parse::<Metric>().is_err());
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// `a·b / (|a| |b|)`, on any weighting.
    #[default]
    Cosine,
    /// `|A ∩ B| / |A ∪ B|` on the sets of terms with a nonzero weight.
    Jaccard,
    /// `2 |A ∩ B| / (|A| + |B|)` on the sets of terms with a nonzero weight.
    Dice,
    /// Extended Jaccard (Tanimoto) on weights: `a·b / (|a|² + |b|² − a·b)`.
    ExtendedJaccard,
    /// Pearson's correlation over all columns, zeros included (as
    /// `numpy.corrcoef`); a constant row scores 0.
    Pearson,
    /// `1 − H(p, q)` with the Hellinger distance
    /// `H = sqrt(1 − Σ sqrt(p_i q_i))` (in [0, 1]) between the rows
    /// normalized to sum 1. Weights must not be negative.
    Hellinger,
    /// `1 − JS(p, q)` with the Jensen–Shannon *distance* in log base 2
    /// (`scipy.spatial.distance.jensenshannon(p, q, base=2)`, in [0, 1]:
    /// the square root of the divergence) between the rows normalized to
    /// sum 1. Weights must not be negative.
    JensenShannon,
    /// Euclidean distance `|a − b|` (a distance: smaller = closer).
    Euclidean,
    /// Manhattan distance `Σ |a_i − b_i|` (a distance: smaller = closer).
    Manhattan,
    /// The cosine of BM25-weighted rows (Okapi BM25, Lucene's idf; see
    /// [`Weighting::Bm25`]): the functions here take the rows as already
    /// weighted, [`Metric::weighting`] is `Weighting::bm25()`.
    Bm25,
}

impl Metric {
    /// Every metric, in declaration order.
    pub const ALL: [Metric; 10] = [
        Metric::Cosine,
        Metric::Jaccard,
        Metric::Dice,
        Metric::ExtendedJaccard,
        Metric::Pearson,
        Metric::Hellinger,
        Metric::JensenShannon,
        Metric::Euclidean,
        Metric::Manhattan,
        Metric::Bm25,
    ];

    /// The name `FromStr` accepts (snake case).
    pub fn name(self) -> &'static str {
        match self {
            Metric::Cosine => "cosine",
            Metric::Jaccard => "jaccard",
            Metric::Dice => "dice",
            Metric::ExtendedJaccard => "extended_jaccard",
            Metric::Pearson => "pearson",
            Metric::Hellinger => "hellinger",
            Metric::JensenShannon => "jensen_shannon",
            Metric::Euclidean => "euclidean",
            Metric::Manhattan => "manhattan",
            Metric::Bm25 => "bm25",
        }
    }

    /// Whether smaller values mean closer documents.
    pub fn is_distance(self) -> bool {
        matches!(self, Metric::Euclidean | Metric::Manhattan)
    }

    /// The weighting a corpus uses for this metric unless told otherwise:
    /// sublinear tf-idf (`1 + ln(count)` times scikit-learn's smooth idf,
    /// l2 rows) for the vector metrics, binary for the set metrics,
    /// proportions (term distributions) for Hellinger and Jensen–Shannon,
    /// BM25 for bm25. Sublinear tf keeps one repeated name from dominating an
    /// article; on SemEval-2022 Task 8 raw tf scores a little higher but
    /// orders the seed articles worse (BENCHMARKS.md).
    pub fn weighting(self) -> Weighting {
        use crate::matrix::weighting::Norm;
        match self {
            Metric::Jaccard | Metric::Dice => Weighting::Binary { norm: Norm::None },
            Metric::Hellinger | Metric::JensenShannon => Weighting::Proportion,
            Metric::Bm25 => Weighting::bm25(),
            _ => Weighting::Tfidf {
                idf: crate::matrix::weighting::Idf::Smooth,
                base: 10.0,
                sublinear_tf: true,
                binary: false,
                norm: Norm::L2,
            },
        }
    }

    /// `a` better than `b` for this metric (higher similarity, lower distance).
    fn order(self, a: f64, b: f64) -> Ordering {
        if self.is_distance() {
            a.total_cmp(&b)
        } else {
            b.total_cmp(&a)
        }
    }
}

impl FromStr for Metric {
    type Err = Error;

    fn from_str(s: &str) -> Result<Metric> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        let alias = match s.as_str() {
            "tanimoto" => "extended_jaccard",
            "correlation" => "pearson",
            "js" | "jensenshannon" => "jensen_shannon",
            other => other,
        };
        Metric::ALL
            .into_iter()
            .find(|m| m.name() == alias)
            .ok_or_else(|| {
                let names: Vec<_> = Metric::ALL
                    .iter()
                    .map(|m| format!("{:?}", m.name()))
                    .collect();
                Error::invalid(
                    "metric",
                    format!("{s:?} is not one of {}", names.join(", ")),
                )
            })
    }
}

/// Which pairs a search keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Search {
    /// Keep the `k` best columns of each row (ties: the lower column).
    pub top_k: Option<usize>,
    /// Keep scores ≥ this; for distances, distances ≤ this.
    pub min_similarity: Option<f64>,
}

/// Per-row sums the metrics need beside the shared-term accumulator.
#[derive(Clone, Copy, Debug, Default)]
struct RowStats {
    sum: f64,
    sumsq: f64,
    abs: f64,
    nnz: f64,
    /// Every column (stored or not) holds the same value.
    constant: bool,
}

struct Prepared<'m> {
    m: Cow<'m, CsrMatrix>,
    stats: Vec<RowStats>,
}

/// The second matrix by column: for each column, the rows that store it.
struct Transposed {
    indptr: Vec<usize>,
    rows: Vec<u32>,
    data: Vec<f64>,
    /// Where each stored entry of the transposed matrix went, e.g. where row
    /// `i` sits in column `c`'s list: against itself, row `i`'s upper
    /// triangle starts there, with no search.
    at: Vec<u32>,
}

/// The rows as the metric sees them (normalized to sum 1 for the
/// distribution metrics, else borrowed) and their sums.
fn prepare<'m>(
    mut m: Cow<'m, CsrMatrix>,
    metric: Metric,
    which: &'static str,
) -> Result<Prepared<'m>> {
    if matches!(metric, Metric::Hellinger | Metric::JensenShannon) {
        if let Some(v) = m.data.iter().find(|v| **v < 0.0) {
            return Err(Error::invalid(
                which,
                format!(
                    "has a negative weight ({v}); metric {:?} compares term distributions",
                    metric.name()
                ),
            ));
        }
        let m = m.to_mut();
        for i in 0..m.shape().0 {
            let (_, values) = m.row_parts_mut(i);
            let total: f64 = values.iter().sum();
            if total > 0.0 {
                values.iter_mut().for_each(|v| *v /= total);
            }
        }
    }
    let stats = (0..m.shape().0)
        .into_par_iter()
        .with_min_len(256)
        .map(|i| {
            let mut s = RowStats::default();
            let (mut lo, mut hi, mut stored) = (f64::INFINITY, f64::NEG_INFINITY, 0);
            for (_, v) in m.row(i) {
                s.sum += v;
                s.sumsq += v * v;
                s.abs += v.abs();
                s.nnz += f64::from(u8::from(v != 0.0));
                (lo, hi, stored) = (lo.min(v), hi.max(v), stored + 1);
            }
            if stored < m.n_cols {
                (lo, hi) = (lo.min(0.0), hi.max(0.0));
            }
            s.constant = lo >= hi;
            s
        })
        .collect();
    Ok(Prepared { m, stats })
}

fn transpose(m: &CsrMatrix) -> Transposed {
    let mut indptr = vec![0usize; m.n_cols + 1];
    for &c in &m.indices {
        indptr[c as usize + 1] += 1;
    }
    for c in 0..m.n_cols {
        indptr[c + 1] += indptr[c];
    }
    let mut next = indptr.clone();
    let mut rows = vec![0u32; m.nnz()];
    let mut data = vec![0.0; m.nnz()];
    let mut at = vec![0u32; m.nnz()];
    for i in 0..m.shape().0 {
        let range = m.indptr[i]..m.indptr[i + 1];
        for ((&c, &v), to) in m.indices[range.clone()]
            .iter()
            .zip(&m.data[range.clone()])
            .zip(&mut at[range])
        {
            let next = &mut next[c as usize];
            rows[*next] = i as u32;
            data[*next] = v;
            // Pair::from_cow checked that entries and rows fit in u32.
            *to = *next as u32;
            *next += 1;
        }
    }
    Transposed {
        indptr,
        rows,
        data,
        at,
    }
}

/// What one shared term adds to the accumulator.
#[inline]
fn shared_term(metric: Metric, x: f64, y: f64) -> f64 {
    match metric {
        Metric::Jaccard | Metric::Dice => f64::from(u8::from(x != 0.0 && y != 0.0)),
        Metric::Hellinger => (x * y).sqrt(),
        Metric::JensenShannon => {
            let m = x + y;
            let kl = |p: f64| {
                if p > 0.0 {
                    p * (2.0 * p / m).log2()
                } else {
                    0.0
                }
            };
            (kl(x) + kl(y)) / 2.0 - m / 2.0
        }
        Metric::Manhattan => (x - y).abs() - (x.abs() + y.abs()),
        _ => x * y,
    }
}

/// The score from the accumulator and the two rows' sums.
#[inline]
fn finish(metric: Metric, acc: f64, a: &RowStats, b: &RowStats, n_cols: f64) -> f64 {
    let empty = a.nnz == 0.0 || b.nnz == 0.0;
    match metric {
        Metric::Euclidean => (a.sumsq + b.sumsq - 2.0 * acc).max(0.0).sqrt(),
        Metric::Manhattan => (a.abs + b.abs + acc).max(0.0),
        _ if empty => 0.0,
        Metric::Cosine | Metric::Bm25 => (acc / (a.sumsq.sqrt() * b.sumsq.sqrt())).clamp(-1.0, 1.0),
        Metric::Jaccard => acc / (a.nnz + b.nnz - acc),
        Metric::Dice => 2.0 * acc / (a.nnz + b.nnz),
        Metric::ExtendedJaccard => acc / (a.sumsq + b.sumsq - acc),
        Metric::Pearson => {
            let va = a.sumsq - a.sum * a.sum / n_cols;
            let vb = b.sumsq - b.sum * b.sum / n_cols;
            // A constant row's variance rounds to ±1e-16, not 0: decided
            // from its values, not from the rounded difference.
            if a.constant || b.constant || va <= 0.0 || vb <= 0.0 {
                0.0
            } else {
                ((acc - a.sum * b.sum / n_cols) / (va * vb).sqrt()).clamp(-1.0, 1.0)
            }
        }
        // The rows sum to 1 up to rounding, and the square root would blow
        // that rounding up to ~1e-8 (a document less than 1 from itself):
        // their actual sums cancel `acc` exactly for identical rows.
        Metric::Hellinger => 1.0 - ((a.sum + b.sum) / 2.0 - acc).max(0.0).sqrt(),
        Metric::JensenShannon => 1.0 - ((a.sum + b.sum) / 2.0 + acc).max(0.0).sqrt(),
    }
}

/// The two prepared sides of a comparison.
struct Pair<'m> {
    metric: Metric,
    a: Prepared<'m>,
    b_stats: Vec<RowStats>,
    bt: Transposed,
    n_cols: f64,
    /// `1 / |row|` of each side (0 for a row without weight), so that a
    /// cosine is two multiplications of the accumulated dot product.
    inv_a: Vec<f64>,
    inv_b: Vec<f64>,
}

fn inverse_norms(stats: &[RowStats]) -> Vec<f64> {
    stats
        .iter()
        .map(|s| {
            // A row whose squares underflow scores 0, as scikit-learn's
            // `normalize` leaves a zero-norm row alone.
            if s.nnz == 0.0 || s.sumsq == 0.0 {
                0.0
            } else {
                1.0 / s.sumsq.sqrt()
            }
        })
        .collect()
}

impl<'m> Pair<'m> {
    fn new(a: &'m CsrMatrix, b: Option<&'m CsrMatrix>, metric: Metric) -> Result<Pair<'m>> {
        Pair::from_cow(Cow::Borrowed(a), b.map(Cow::Borrowed), metric)
    }

    fn from_cow(
        a: Cow<'m, CsrMatrix>,
        b: Option<Cow<'m, CsrMatrix>>,
        metric: Metric,
    ) -> Result<Pair<'m>> {
        if let Some(b) = &b {
            if b.n_cols != a.n_cols {
                return Err(Error::invalid(
                    "other",
                    format!(
                        "has {} columns, expected {} (the same terms)",
                        b.n_cols, a.n_cols
                    ),
                ));
            }
        }
        for (m, which) in [(Some(&a), "documents"), (b.as_ref(), "other")] {
            let Some(m) = m else { continue };
            if m.shape().0 == 0 {
                return Err(Error::invalid(which, "has no rows: nothing to compare"));
            }
            // Row numbers and positions in the transposed matrix are u32.
            if u32::try_from(m.nnz().max(m.shape().0)).is_err() {
                return Err(Error::invalid(
                    which,
                    format!(
                        "has {} rows and {} entries: at most 2^32 - 1",
                        m.shape().0,
                        m.nnz()
                    ),
                ));
            }
        }
        let a = prepare(a, metric, "documents")?;
        // Against itself, the second side is the first one transposed (no copy).
        let (bt, b_stats) = match b {
            Some(b) => {
                let p = prepare(b, metric, "other")?;
                (transpose(&p.m), p.stats)
            }
            None => (transpose(&a.m), a.stats.clone()),
        };
        Ok(Pair {
            metric,
            n_cols: a.m.n_cols.max(1) as f64,
            bt,
            inv_a: inverse_norms(&a.stats),
            inv_b: inverse_norms(&b_stats),
            a,
            b_stats,
        })
    }

    fn cols(&self) -> usize {
        self.b_stats.len()
    }

    /// For each stored entry of the first matrix, the part of its column's
    /// list in the transposed second matrix to walk: all of it, or with
    /// `upper` (the matrix against itself) from the entry's own row on.
    /// Looked up once here, in parallel, rather than in the hot loop, where
    /// `indptr[c]` is a cache miss before the list's own.
    fn spans(&self, upper: bool) -> Vec<(u32, u32)> {
        let (a, bt) = (&self.a.m, &self.bt);
        // Pair::from_cow checked that positions fit in u32.
        let span = |p: usize, c: u32| {
            let c = c as usize;
            let start = if upper {
                bt.at[p] as usize
            } else {
                bt.indptr[c]
            };
            (start as u32, bt.indptr[c + 1] as u32)
        };
        a.indices
            .par_iter()
            .enumerate()
            .with_min_len(1 << 14)
            .map(|(p, &c)| span(p, c))
            .collect()
    }

    /// Adds what row `i` shares with the rows of the second matrix to `acc`
    /// (indexed by those rows), walking `spans` (from [`Pair::spans`]).
    fn scatter(&self, i: usize, spans: &[(u32, u32)], acc: &mut [f64]) {
        // One loop per metric, so that the hot loop holds no `match`.
        match self.metric {
            Metric::Jaccard | Metric::Dice => {
                self.scatter_with(i, spans, acc, |x, y| shared_term(Metric::Jaccard, x, y));
            }
            Metric::Hellinger => {
                self.scatter_with(i, spans, acc, |x, y| shared_term(Metric::Hellinger, x, y));
            }
            Metric::JensenShannon => self.scatter_with(i, spans, acc, |x, y| {
                shared_term(Metric::JensenShannon, x, y)
            }),
            Metric::Manhattan => {
                self.scatter_with(i, spans, acc, |x, y| shared_term(Metric::Manhattan, x, y));
            }
            Metric::Cosine
            | Metric::Bm25
            | Metric::ExtendedJaccard
            | Metric::Pearson
            | Metric::Euclidean => self.scatter_with(i, spans, acc, |x, y| x * y),
        }
    }

    #[inline(always)]
    fn scatter_with(
        &self,
        i: usize,
        spans: &[(u32, u32)],
        acc: &mut [f64],
        term: impl Fn(f64, f64) -> f64,
    ) {
        let (a, bt) = (&self.a.m, &self.bt);
        let entries = a.indptr[i]..a.indptr[i + 1];
        for (&x, &(start, end)) in a.data[entries.clone()].iter().zip(&spans[entries]) {
            let range = start as usize..end as usize;
            for (&j, &y) in bt.rows[range.clone()].iter().zip(&bt.data[range]) {
                acc[j as usize] += term(x, y);
            }
        }
    }

    /// Turns the accumulators `row[from..]` of row `i` into scores, in place.
    fn finish_row(&self, i: usize, from: usize, row: &mut [f64]) {
        let row = &mut row[from..];
        if matches!(self.metric, Metric::Cosine | Metric::Bm25) {
            let ia = self.inv_a[i];
            // `ia * ib` first: the same bits for (i, j) and (j, i).
            for (s, &ib) in row.iter_mut().zip(&self.inv_b[from..]) {
                *s = (*s * (ia * ib)).clamp(-1.0, 1.0);
            }
        } else {
            let sa = &self.a.stats[i];
            for (s, sb) in row.iter_mut().zip(&self.b_stats[from..]) {
                *s = finish(self.metric, *s, sa, sb, self.n_cols);
            }
        }
    }

    /// Scores of row `i` against the rows of the second matrix, into `row`
    /// (whatever it held before, unless `zeroed`: all zeros); with
    /// `spans(true)`, only against rows `i..`, leaving `row[..i]` alone.
    fn score_row(
        &self,
        i: usize,
        spans: &[(u32, u32)],
        upper: bool,
        zeroed: bool,
        row: &mut [f64],
    ) {
        let from = if upper { i } else { 0 };
        if !zeroed {
            row[from..].fill(0.0);
        }
        self.scatter(i, spans, row);
        self.finish_row(i, from, row);
    }

    /// Every score, row-major into `out` (`out.len()` = rows × `cols()`;
    /// `zeroed` when it holds only zeros, as fresh memory does, which saves
    /// clearing it). Against itself (`symmetric`) only the upper triangle is
    /// scored, half the products, and then mirrored, which also makes the
    /// matrix exactly symmetric.
    fn fill(&self, symmetric: bool, zeroed: bool, out: &mut [f64], stop: &Interrupt) -> Result<()> {
        let m = self.cols();
        if m == 0 {
            return stop.check();
        }
        let spans = self.spans(symmetric);
        out.par_chunks_mut(m * BLOCK)
            .enumerate()
            .for_each(|(blk, chunk)| {
                if stop.is_raised() {
                    return;
                }
                for (k, row) in chunk.chunks_mut(m).enumerate() {
                    let i = blk * BLOCK + k;
                    self.score_row(i, &spans, symmetric, zeroed, row);
                }
                stop.advance(chunk.len() / m);
            });
        stop.check()?;
        if symmetric {
            mirror(out, m, 0, stop);
        }
        stop.check()
    }
}

/// Rows and columns of the tiles [`mirror`] copies: 64 × 64 f64 are 32 KiB,
/// so a tile read down its columns stays in the L1 cache.
const TILE: usize = 64;

/// Copies the upper triangle of the diagonal block `rows` (whole rows of
/// length `n`, the first one being row `lo`) onto its lower triangle. The
/// block below the diagonal's halves is filled in parallel, tile by tile,
/// from the block right of it; then each half recurses.
fn mirror(rows: &mut [f64], n: usize, lo: usize, stop: &Interrupt) {
    let h = rows.len() / n;
    if h <= TILE {
        for r in 1..h {
            for c in 0..r {
                rows[r * n + lo + c] = rows[c * n + lo + r];
            }
        }
        return;
    }
    let mid = h / 2;
    let (top, bottom) = rows.split_at_mut(mid * n);
    let top: &[f64] = top;
    bottom
        .par_chunks_mut(n * TILE)
        .enumerate()
        .for_each(|(t, chunk)| {
            if stop.is_raised() {
                return;
            }
            let r0 = lo + mid + t * TILE;
            for c0 in (0..mid).step_by(TILE) {
                for (r, row) in chunk.chunks_mut(n).enumerate() {
                    for c in c0..(c0 + TILE).min(mid) {
                        row[lo + c] = top[c * n + r0 + r];
                    }
                }
            }
        });
    let (top, bottom) = rows.split_at_mut(mid * n);
    rayon::join(
        || mirror(top, n, lo, stop),
        || mirror(bottom, n, lo + mid, stop),
    );
}

/// The dense matrix of `metric` between every row of `a` and every row of
/// `b` (or of `a` itself), computed in parallel.
///
/// Against itself only the upper triangle is computed and then mirrored;
/// every score is symmetric in its two rows to the last bit, so the result
/// is exactly symmetric and equal to `pairwise(a, Some(a), metric)` and to
/// the scores [`search`] keeps. Rows without a stored entry score 0 (the
/// cosine as scikit-learn's `cosine_similarity`, a row against itself
/// included).
///
/// # Errors
///
/// [`Error::InvalidOption`] when the matrices have different numbers of
/// columns or no rows, hold negative weights for Hellinger or
/// Jensen–Shannon, or the result cannot be allocated.
///
/// # Examples
///
/// ```
/// use textlens::{pairwise, CsrMatrix, Metric};
///
/// let m = CsrMatrix::from_rows(3, vec![vec![(0, 1.0), (1, 1.0)], vec![(0, 1.0)], vec![(2, 4.0)]]);
/// let s = pairwise(&m, None, Metric::Jaccard)?;
/// assert_eq!(s.row(0).to_vec(), [1.0, 0.5, 0.0]);
/// let d = pairwise(&m, None, Metric::Euclidean)?;
/// assert_eq!(d[[1, 2]], 17f64.sqrt());
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn pairwise(a: &CsrMatrix, b: Option<&CsrMatrix>, metric: Metric) -> Result<Array2<f64>> {
    pairwise_until(a, b, metric, &Interrupt::new())
}

/// [`pairwise`], stopping early with [`Error::Interrupted`] once `stop` is
/// raised (never a partial matrix).
pub(crate) fn pairwise_until(
    a: &CsrMatrix,
    b: Option<&CsrMatrix>,
    metric: Metric,
    stop: &Interrupt,
) -> Result<Array2<f64>> {
    let (n, m) = (a.shape().0, b.unwrap_or(a).shape().0);
    let len = output_len(n, m)?;
    // Ask for the memory first: a matrix too large is then an error, not an
    // abort. `vec!` then takes zeroed pages that cost nothing until touched.
    Vec::<f64>::new()
        .try_reserve_exact(len)
        .map_err(|_| Error::invalid("shape", format!("{n} × {m} scores do not fit in memory")))?;
    let mut out = vec![0.0; len];
    fill_into(a, b, metric, true, &mut out, stop)?;
    Array2::from_shape_vec((n, m), out).map_err(|e| Error::invalid("shape", e.to_string()))
}

/// [`pairwise`] written into `out`, a row-major buffer of `a`'s rows × `b`'s
/// rows (`a`'s again when `b` is `None`) that the caller allocated, e.g.
/// the memory of a numpy array: no second copy of the n × m result. Every
/// element is overwritten, so its content does not matter (after an error
/// it is unspecified).
///
/// # Errors
///
/// As [`pairwise`], and [`Error::InvalidOption`] when `out` has another
/// length.
///
/// # Examples
///
/// ```
/// use textlens::{pairwise_into, CsrMatrix, Metric};
///
/// let m = CsrMatrix::from_rows(2, vec![vec![(0, 3.0)], vec![(0, 1.0), (1, 1.0)]]);
/// let mut out = [f64::NAN; 4];
/// pairwise_into(&m, None, Metric::Cosine, &mut out)?;
/// assert_eq!(out[1], out[2]);
/// assert!((out[1] - 0.5f64.sqrt()).abs() < 1e-15);
/// assert!(pairwise_into(&m, None, Metric::Cosine, &mut [0.0; 3]).is_err());
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn pairwise_into(
    a: &CsrMatrix,
    b: Option<&CsrMatrix>,
    metric: Metric,
    out: &mut [f64],
) -> Result<()> {
    fill_into(a, b, metric, false, out, &Interrupt::new())
}

fn fill_into(
    a: &CsrMatrix,
    b: Option<&CsrMatrix>,
    metric: Metric,
    zeroed: bool,
    out: &mut [f64],
    stop: &Interrupt,
) -> Result<()> {
    let (n, m) = (a.shape().0, b.unwrap_or(a).shape().0);
    check_len(out, n, m)?;
    let (pair, ()) = rayon::join(|| Pair::new(a, b, metric), || touch_pages(out));
    pair?.fill(b.is_none(), zeroed, out, stop)
}

/// [`weigh_against`] and then [`pairwise_into`] on `out`, all zeros (numpy
/// memory of `Corpus.similarity`), with the weighting and the preparation
/// overlapping the first touch of `out`; [`Error::Interrupted`] once `stop`
/// is raised (`out` is then partly written: discard it).
#[cfg(feature = "python")]
pub(crate) fn weigh_pairwise_into_zeros(
    reference: &Corpus,
    other: Option<&CsrMatrix>,
    weighting: &Weighting,
    metric: Metric,
    out: &mut [f64],
    stop: &Interrupt,
) -> Result<()> {
    let n = reference.counts().shape().0;
    check_len(out, n, other.map_or(n, |o| o.shape().0))?;
    let (pair, ()) = rayon::join(
        || {
            let (a, b) = weigh_against(reference, other, weighting)?;
            Pair::from_cow(Cow::Owned(a), b.map(Cow::Owned), metric)
        },
        || touch_pages(out),
    );
    pair?.fill(other.is_none(), true, out, stop)
}

/// Writes a zero to one element per 4 KiB page of `out`, in parallel. The first
/// write to fresh memory is a page fault in which the kernel zeroes the page
/// (for a 10,000² matrix, 800 MB, as long as a third of the whole
/// computation); done here, it runs beside the serial weighting and
/// transposition instead of after them.
fn touch_pages(out: &mut [f64]) {
    out.par_chunks_mut(4096 / std::mem::size_of::<f64>())
        .for_each(|page| page[0] = 0.0);
}

fn check_len(out: &[f64], n: usize, m: usize) -> Result<()> {
    if out.len() == output_len(n, m)? {
        Ok(())
    } else {
        Err(Error::invalid(
            "out",
            format!("has {} elements, expected {n} × {m}", out.len()),
        ))
    }
}

fn output_len(n: usize, m: usize) -> Result<usize> {
    n.checked_mul(m)
        .ok_or_else(|| Error::invalid("shape", format!("{n} × {m} does not fit in memory")))
}

/// The pairs of [`pairwise`] that pass `search`, as a sparse matrix (rows of
/// `a`, columns the rows of `b`), without ever holding the dense matrix:
/// row blocks are scored in parallel and filtered at once. Kept pairs are
/// stored even when their score is 0 (a distance of 0 is the best match).
///
/// # Errors
///
/// As [`pairwise`], and [`Error::InvalidOption`] for `top_k = 0`, a
/// non-finite `min_similarity`, or neither given.
///
/// # Examples
///
/// ```
/// use textlens::{search, CsrMatrix, Metric, Search};
///
/// let m = CsrMatrix::from_rows(2, vec![vec![(0, 1.0)], vec![(0, 1.0), (1, 1.0)], vec![(1, 1.0)]]);
/// let s = search(&m, None, Metric::Cosine, &Search { top_k: Some(1), min_similarity: None })?;
/// assert_eq!(s.indices, [0, 1, 2]); // each row's best match is itself
/// let s = search(&m, None, Metric::Cosine, &Search { top_k: None, min_similarity: Some(0.5) })?;
/// assert_eq!(s.row(1).count(), 3);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn search(
    a: &CsrMatrix,
    b: Option<&CsrMatrix>,
    metric: Metric,
    search: &Search,
) -> Result<CsrMatrix> {
    search_until(a, b, metric, search, &Interrupt::new())
}

/// [`search`], stopping early with [`Error::Interrupted`] once `stop` is raised.
pub(crate) fn search_until(
    a: &CsrMatrix,
    b: Option<&CsrMatrix>,
    metric: Metric,
    search: &Search,
    stop: &Interrupt,
) -> Result<CsrMatrix> {
    validate_search(search)?;
    let pair = Pair::new(a, b, metric)?;
    let (n, m) = (a.shape().0, pair.cols());
    let spans = pair.spans(false);
    let blocks: Vec<Vec<Vec<(u32, f64)>>> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map(|blk| {
            if stop.is_raised() {
                return Vec::new();
            }
            let mut scores = vec![0.0; m];
            let mut scratch = Scratch::default();
            let rows: Vec<_> = (blk * BLOCK..((blk + 1) * BLOCK).min(n))
                .map(|i| {
                    pair.score_row(i, &spans, false, false, &mut scores);
                    select(metric, &scores, search, &mut scratch)
                })
                .collect();
            stop.advance(rows.len());
            rows
        })
        .collect();
    stop.check()?;
    let mut out = CsrMatrix::new(m);
    for row in blocks.into_iter().flatten() {
        out.indices.extend(row.iter().map(|&(c, _)| c));
        out.data.extend(row.iter().map(|&(_, v)| v));
        out.indptr.push(out.indices.len());
    }
    Ok(out)
}

/// The `k` rows of `b` closest to row `row` of `a`, best first, leaving out
/// row `exclude` of `b` (the document itself when it is in `b`).
///
/// # Errors
///
/// As [`pairwise`]; [`Error::InvalidOption`] for `k = 0` or `row` out of range.
///
/// # Examples
///
/// ```
/// use textlens::{most_similar, CsrMatrix, Metric};
///
/// let m = CsrMatrix::from_rows(2, vec![vec![(0, 1.0)], vec![(0, 2.0), (1, 1.0)], vec![(1, 1.0)]]);
/// let best = most_similar(&m, 0, &m, 2, Some(0), Metric::Cosine)?;
/// assert_eq!(best.iter().map(|&(j, _)| j).collect::<Vec<_>>(), [1, 2]);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn most_similar(
    a: &CsrMatrix,
    row: usize,
    b: &CsrMatrix,
    k: usize,
    exclude: Option<usize>,
    metric: Metric,
) -> Result<Vec<(usize, f64)>> {
    if k == 0 {
        return Err(Error::invalid("k", "must be >= 1"));
    }
    if row >= a.shape().0 {
        return Err(Error::invalid(
            "doc",
            format!("index {row} is out of range for {} documents", a.shape().0),
        ));
    }
    let one = CsrMatrix::from_rows(a.n_cols, vec![a.row(row).collect()]);
    let pair = Pair::new(&one, Some(b), metric)?;
    let m = pair.cols();
    let mut scores = vec![0.0; m];
    pair.score_row(0, &pair.spans(false), false, true, &mut scores);
    let mut best: Vec<(usize, f64)> = scores
        .into_iter()
        .enumerate()
        .filter(|&(j, _)| Some(j) != exclude)
        .collect();
    best.sort_by(|x, y| metric.order(x.1, y.1).then(x.0.cmp(&y.0)));
    best.truncate(k);
    Ok(best)
}

fn validate_search(search: &Search) -> Result<()> {
    match *search {
        Search {
            top_k: None,
            min_similarity: None,
        } => Err(Error::invalid(
            "top_k/min_similarity",
            "give at least one (or use pairwise for the dense matrix)",
        )),
        Search { top_k: Some(0), .. } => Err(Error::invalid("top_k", "must be >= 1")),
        Search {
            min_similarity: Some(t),
            ..
        } if !t.is_finite() => Err(Error::invalid(
            "min_similarity",
            format!("must be a finite number, got {t}"),
        )),
        _ => Ok(()),
    }
}

/// A candidate of a top-k search, ordered worst first: a larger key is a
/// worse score, then a larger column (ties go to the lower column).
#[derive(Clone, Copy, Debug)]
struct Worse {
    key: f64,
    col: u32,
}

impl Ord for Worse {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .total_cmp(&other.key)
            .then(self.col.cmp(&other.col))
    }
}

impl PartialOrd for Worse {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Worse {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Worse {}

/// `v` as an integer that sorts as `f64::total_cmp` sorts (the same
/// transformation `total_cmp` makes).
#[inline]
fn total_order(v: f64) -> i64 {
    let bits = v.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// Buffers reused from row to row by one task.
#[derive(Default)]
struct Scratch {
    pairs: Vec<(u32, f64)>,
    heap: BinaryHeap<Worse>,
}

/// The kept `(column, score)` pairs of one row, sorted by column. A small
/// `k` keeps a heap of the k best seen so far (one comparison with its
/// worst per column, O(m log k)); otherwise the passing pairs go through
/// `select_nth`. Either way the result holds only what it keeps.
fn select(
    metric: Metric,
    scores: &[f64],
    search: &Search,
    scratch: &mut Scratch,
) -> Vec<(u32, f64)> {
    let pass = |s: f64| match search.min_similarity {
        None => !s.is_nan(),
        Some(t) if metric.is_distance() => s <= t,
        Some(t) => s >= t,
    };
    let pairs = &mut scratch.pairs;
    pairs.clear();
    match search.top_k {
        Some(k) if k.saturating_mul(8) < scores.len() => {
            // -s reverses f64::total_cmp exactly, so a larger key is worse.
            let key = |s: f64| if metric.is_distance() { s } else { -s };
            let heap = &mut scratch.heap;
            heap.clear();
            // The heap's worst key as an integer in f64::total_cmp's order:
            // most columns fail one integer comparison. An equal key loses
            // to the worst, whose column is lower.
            let mut worst = i64::MAX;
            for (j, &s) in scores.iter().enumerate() {
                if total_order(key(s)) >= worst || !pass(s) {
                    continue;
                }
                let w = Worse {
                    key: key(s),
                    col: j as u32,
                };
                if heap.len() < k {
                    heap.push(w);
                } else if let Some(mut top) = heap.peek_mut() {
                    *top = w;
                }
                if heap.len() == k {
                    worst = heap.peek().map_or(i64::MAX, |w| total_order(w.key));
                }
            }
            pairs.extend(heap.drain().map(|w| (w.col, key(w.key))));
            pairs.sort_unstable_by_key(|&(c, _)| c);
        }
        top_k => {
            pairs.extend(
                scores
                    .iter()
                    .enumerate()
                    .filter(|&(_, &s)| pass(s))
                    .map(|(j, &s)| (j as u32, s)),
            );
            if let Some(k) = top_k {
                if pairs.len() > k {
                    let better =
                        |x: &(u32, f64), y: &(u32, f64)| metric.order(x.1, y.1).then(x.0.cmp(&y.0));
                    pairs.select_nth_unstable_by(k - 1, better);
                    pairs.truncate(k);
                    pairs.sort_unstable_by_key(|&(c, _)| c);
                }
            }
        }
    }
    pairs.as_slice().to_vec()
}

/// The counts of `other` in the columns of `reference` (matched by term;
/// terms `reference` does not have are dropped).
///
/// # Examples
///
/// ```
/// use textlens::{align_counts, Corpus};
///
/// let a = Corpus::from_terms(vec![vec!["x".into(), "y".into()]]);
/// let b = Corpus::from_terms(vec![vec!["y".into(), "z".into(), "y".into()]]);
/// assert_eq!(align_counts(&b, &a).row(0).collect::<Vec<_>>(), [(1, 2.0)]);
/// ```
pub fn align_counts(other: &Corpus, reference: &Corpus) -> CsrMatrix {
    let remap: Vec<Option<u32>> = other
        .terms()
        .iter()
        .map(|t| reference.column(t).map(|c| c as u32))
        .collect();
    let counts = other.counts();
    let rows = (0..counts.shape().0)
        .map(|i| {
            counts
                .row(i)
                .filter_map(|(c, v)| remap[c as usize].map(|c| (c, v)))
                .collect()
        })
        .collect();
    CsrMatrix::from_rows(reference.terms().len(), rows)
}

/// `reference`'s counts weighted with `weighting`, and `other` (counts in
/// the same columns, e.g. from [`align_counts`]) weighted with the idf of
/// `reference`: the reference corpus is the collection that says how rare
/// a term is. BM25's average document length is each matrix's own.
///
/// # Errors
///
/// [`Error::InvalidOption`] for weighting parameters out of range or
/// `other` with other columns.
///
/// # Examples
///
/// ```
/// use textlens::{align_counts, pairwise, weigh_against, Corpus, Metric, Weighting};
///
/// let docs = |d: &[&[&str]]| d.iter().map(|t| t.iter().map(|s| s.to_string()).collect()).collect();
/// let corpus = Corpus::from_terms(docs(&[&["putin", "xi"], &["snow", "moscow"]]));
/// let queries = Corpus::from_terms(docs(&[&["xi", "trade"]]));
/// let q = align_counts(&queries, &corpus);
/// let (a, b) = weigh_against(&corpus, Some(&q), &Weighting::tfidf())?;
/// let s = pairwise(&a, b.as_ref(), Metric::Cosine)?;
/// assert!(s[[0, 0]] > 0.7 && s[[1, 0]] == 0.0);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn weigh_against(
    reference: &Corpus,
    other: Option<&CsrMatrix>,
    weighting: &Weighting,
) -> Result<(CsrMatrix, Option<CsrMatrix>)> {
    let counts = reference.counts();
    let idf = weighting.idf(counts.shape().0, &document_frequencies(counts));
    let a = weighting.apply_with_idf(counts, idf.as_deref())?;
    let b = match other {
        Some(o) if o.n_cols != counts.n_cols => {
            return Err(Error::invalid(
                "other",
                format!("has {} columns, expected {}", o.n_cols, counts.n_cols),
            ))
        }
        Some(o) => Some(weighting.apply_with_idf(o, idf.as_deref())?),
        None => None,
    };
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    use super::search as search_fn;
    use super::*;

    fn dense(m: &CsrMatrix) -> Vec<Vec<f64>> {
        m.to_dense().outer_iter().map(|r| r.to_vec()).collect()
    }

    fn sample() -> CsrMatrix {
        CsrMatrix::from_rows(
            5,
            vec![
                vec![(0, 1.0), (1, 2.0), (3, 0.5)],
                vec![(1, 1.0), (2, 3.0)],
                vec![(0, 1.0), (1, 2.0), (3, 0.5)],
                vec![(4, 2.0)],
                vec![(0, 0.2), (2, 1.0), (3, 1.0), (4, 1.0)],
            ],
        )
    }

    /// The definitions, on dense rows, as a second opinion.
    fn naive(metric: Metric, a: &[f64], b: &[f64]) -> f64 {
        let dot = |x: &[f64], y: &[f64]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f64>();
        let set = |x: &[f64]| x.iter().map(|&v| v != 0.0).collect::<Vec<_>>();
        let (sa, sb) = (set(a), set(b));
        let inter = sa.iter().zip(&sb).filter(|(p, q)| **p && **q).count() as f64;
        let (na, nb) = (
            sa.iter().filter(|p| **p).count() as f64,
            sb.iter().filter(|p| **p).count() as f64,
        );
        let dist = |x: &[f64]| {
            let s: f64 = x.iter().sum();
            x.iter().map(|v| v / s).collect::<Vec<_>>()
        };
        match metric {
            Metric::Cosine | Metric::Bm25 => dot(a, b) / (dot(a, a).sqrt() * dot(b, b).sqrt()),
            Metric::Jaccard => inter / (na + nb - inter),
            Metric::Dice => 2.0 * inter / (na + nb),
            Metric::ExtendedJaccard => dot(a, b) / (dot(a, a) + dot(b, b) - dot(a, b)),
            Metric::Pearson => {
                let n = a.len() as f64;
                let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
                let ca: Vec<f64> = a.iter().map(|v| v - ma).collect();
                let cb: Vec<f64> = b.iter().map(|v| v - mb).collect();
                dot(&ca, &cb) / (dot(&ca, &ca).sqrt() * dot(&cb, &cb).sqrt())
            }
            Metric::Hellinger => {
                let (p, q) = (dist(a), dist(b));
                let h: f64 = p
                    .iter()
                    .zip(&q)
                    .map(|(x, y)| (x.sqrt() - y.sqrt()).powi(2))
                    .sum::<f64>();
                1.0 - (h / 2.0).sqrt()
            }
            Metric::JensenShannon => {
                let (p, q) = (dist(a), dist(b));
                let kl = |x: &[f64], m: &[f64]| {
                    x.iter()
                        .zip(m)
                        .filter(|(v, _)| **v > 0.0)
                        .map(|(v, w)| v * (v / w).log2())
                        .sum::<f64>()
                };
                let m: Vec<f64> = p.iter().zip(&q).map(|(x, y)| (x + y) / 2.0).collect();
                1.0 - ((kl(&p, &m) + kl(&q, &m)) / 2.0).sqrt()
            }
            Metric::Euclidean => a
                .iter()
                .zip(b)
                .map(|(x, y)| (x - y).powi(2))
                .sum::<f64>()
                .sqrt(),
            Metric::Manhattan => a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum(),
        }
    }

    #[test]
    fn every_metric_matches_its_dense_definition() {
        let m = sample();
        let rows = dense(&m);
        for metric in Metric::ALL {
            let s = pairwise(&m, None, metric).unwrap();
            for (i, a) in rows.iter().enumerate() {
                for (j, b) in rows.iter().enumerate() {
                    let want = naive(metric, a, b);
                    assert!(
                        (s[[i, j]] - want).abs() < 1e-7,
                        "{metric:?} ({i}, {j}): {} vs {want}",
                        s[[i, j]]
                    );
                }
            }
        }
    }

    /// Found by the `similarity_minhash` fuzz target: rows whose
    /// proportions sum to 1 only up to rounding scored 0.99999998 against
    /// themselves under Hellinger and Jensen–Shannon (the square root of the
    /// rounding error).
    #[test]
    fn identical_rows_score_exactly_one() {
        let row = vec![(0, 0.1), (2, 0.2), (4, 0.3)];
        let m = CsrMatrix::from_rows(6, vec![row.clone(), row, vec![(3, 1.0)]]);
        let total: f64 = m.row(0).map(|(_, v)| v).sum();
        assert_ne!(m.row(0).map(|(_, v)| v / total).sum::<f64>(), 1.0);
        for metric in Metric::ALL {
            let s = pairwise(&m, None, metric).unwrap();
            let want = if metric.is_distance() { 0.0 } else { 1.0 };
            for (i, j) in [(0, 0), (0, 1), (1, 0), (2, 2)] {
                let got = s[[i, j]];
                assert!((got - want).abs() < 1e-12, "{metric:?} ({i}, {j}): {got}");
            }
        }
    }

    /// Found while writing the `similarity_minhash` fuzz target: a row with
    /// one value in every column (a document whose terms are all distinct,
    /// l2-normalized) had Pearson 1 with itself and 9e-9 with others.
    #[test]
    fn constant_rows_have_no_pearson_correlation() {
        for n in 1..20u32 {
            for v in [0.3, 0.7, 1.0 / 7.0, 1.0 / f64::from(n).sqrt(), 123.456] {
                let row = (0..n).map(|c| (c, v)).collect();
                let m = CsrMatrix::from_rows(n as usize, vec![row, vec![(0, 1.0)], vec![]]);
                let s = pairwise(&m, None, Metric::Pearson).unwrap();
                for j in 0..3 {
                    assert_eq!(s[[0, j]], 0.0, "n={n} v={v} column {j}");
                    assert_eq!(s[[2, j]], 0.0, "n={n} v={v} empty row, column {j}");
                }
            }
        }
    }

    #[test]
    fn search_is_the_dense_matrix_filtered() {
        let m = sample();
        for metric in Metric::ALL {
            let full = pairwise(&m, None, metric).unwrap();
            let s = search(
                &m,
                None,
                metric,
                &Search {
                    top_k: Some(2),
                    min_similarity: None,
                },
            )
            .unwrap();
            for i in 0..5 {
                let mut order: Vec<usize> = (0..5).collect();
                order.sort_by(|&x, &y| metric.order(full[[i, x]], full[[i, y]]).then(x.cmp(&y)));
                let mut want: Vec<u32> = order[..2].iter().map(|&j| j as u32).collect();
                want.sort_unstable();
                let got: Vec<u32> = s.row(i).map(|(c, _)| c).collect();
                assert_eq!(got, want, "{metric:?} row {i}");
            }
        }
    }

    #[test]
    fn threshold_keeps_zero_distances() {
        let m = sample();
        let s = search(
            &m,
            None,
            Metric::Euclidean,
            &Search {
                top_k: None,
                min_similarity: Some(0.0),
            },
        )
        .unwrap();
        assert_eq!(s.row(0).collect::<Vec<_>>(), [(0, 0.0), (2, 0.0)]);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let m = sample();
        let narrow = CsrMatrix::from_rows(2, vec![vec![(0, 1.0)]]);
        let negative = CsrMatrix::from_rows(2, vec![vec![(0, -1.0)]]);
        assert!(pairwise(&m, Some(&narrow), Metric::Cosine).is_err());
        assert!(pairwise(&CsrMatrix::new(5), None, Metric::Cosine).is_err());
        assert!(pairwise(&negative, None, Metric::Hellinger).is_err());
        let k0 = Search {
            top_k: Some(0),
            min_similarity: None,
        };
        assert!(search(&m, None, Metric::Cosine, &k0).is_err());
        assert!(search(&m, None, Metric::Cosine, &Search::default()).is_err());
        assert!(most_similar(&m, 9, &m, 1, None, Metric::Cosine).is_err());
    }

    /// A reproducible sparse matrix: `rows` rows over `cols` columns, about
    /// one entry in `every`, every 13th row empty; weights in [-1, 3) when
    /// `negative`, else in [0.5, 4) with many repeats (ties in the scores).
    fn random(rows: usize, cols: u32, every: u64, negative: bool) -> CsrMatrix {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out = vec![Vec::new(); rows];
        for (i, row) in out.iter_mut().enumerate() {
            for c in 0..cols {
                if i % 13 != 5 && next() % every == 0 {
                    let v = (next() % 8) as f64 / 2.0;
                    row.push((c, if negative { v - 1.0 } else { v + 0.5 }));
                }
            }
        }
        CsrMatrix::from_rows(cols as usize, out)
    }

    #[test]
    fn against_itself_is_exactly_symmetric_and_equals_the_general_path() {
        // 300 rows: the mirror recurses (more than 2 × TILE rows).
        for (negative, metrics) in [
            (false, &Metric::ALL[..]),
            (
                true,
                &[Metric::Cosine, Metric::Pearson, Metric::Euclidean][..],
            ),
        ] {
            let m = random(300, 40, 4, negative);
            for &metric in metrics {
                let own = pairwise(&m, None, metric).unwrap();
                let general = pairwise(&m, Some(&m), metric).unwrap();
                assert_eq!(own, own.t(), "{metric:?} not exactly symmetric");
                // Every score is symmetric in its two rows to the last bit,
                // so the half computed and mirrored equals the whole.
                assert_eq!(own, general, "{metric:?}");
            }
        }
    }

    #[test]
    fn an_interrupt_mid_fill_gives_an_error_or_the_whole_matrix() {
        // Raised from another thread at various points of the fill and the
        // mirror: whatever the timing, the result is Error::Interrupted or
        // the matrix an uninterrupted call gives, never a partial one.
        let m = random(1500, 400, 9, false);
        let want = pairwise(&m, None, Metric::Cosine).unwrap();
        for delay_us in [0, 50, 200, 1000, 3000, 10_000] {
            let stop = Interrupt::new();
            let got = std::thread::scope(|s| {
                s.spawn(|| {
                    std::thread::sleep(std::time::Duration::from_micros(delay_us));
                    stop.raise();
                });
                pairwise_until(&m, None, Metric::Cosine, &stop)
            });
            match got {
                Ok(got) => assert_eq!(got, want, "raised after {delay_us} µs"),
                Err(e) => assert!(matches!(e, Error::Interrupted), "{e}"),
            }
        }
    }

    #[test]
    fn cosine_matches_its_definition_and_empty_rows_score_zero() {
        let m = random(150, 30, 3, true);
        let rows = dense(&m);
        let s = pairwise(&m, None, Metric::Cosine).unwrap();
        for (i, a) in rows.iter().enumerate() {
            for (j, b) in rows.iter().enumerate() {
                let empty = |r: &[f64]| r.iter().all(|v| *v == 0.0);
                // scikit-learn's cosine_similarity: 0 against a zero vector,
                // itself included.
                let want = if empty(a) || empty(b) {
                    0.0
                } else {
                    naive(Metric::Cosine, a, b)
                };
                assert!((s[[i, j]] - want).abs() < 1e-12, "({i}, {j})");
            }
        }
        assert_eq!(s[[5, 5]], 0.0);
    }

    #[test]
    fn pairwise_into_overwrites_every_element_and_checks_the_length() {
        let (a, b) = (random(140, 25, 3, false), random(70, 25, 2, false));
        for other in [None, Some(&b)] {
            let want = pairwise(&a, other, Metric::Cosine).unwrap();
            let mut out = vec![f64::NAN; want.len()];
            pairwise_into(&a, other, Metric::Cosine, &mut out).unwrap();
            assert_eq!(out, want.iter().copied().collect::<Vec<_>>());
            let err = pairwise_into(&a, other, Metric::Cosine, &mut out[1..]).unwrap_err();
            assert!(err.to_string().contains("expected"), "{err}");
        }
    }

    #[test]
    fn small_top_k_heap_equals_sorting_the_dense_rows() {
        // 200 columns: k * 8 < 200 takes the heap; many tied scores.
        let m = random(200, 12, 3, true);
        for metric in [Metric::Cosine, Metric::Jaccard, Metric::Euclidean] {
            let full = pairwise(&m, None, metric).unwrap();
            for (k, t) in [
                (1, None),
                (3, None),
                (10, None),
                (5, Some(0.1)),
                (24, Some(0.0)),
            ] {
                let search = Search {
                    top_k: Some(k),
                    min_similarity: t,
                };
                let got = search_fn(&m, None, metric, &search).unwrap();
                for i in 0..200 {
                    let pass = |s: f64| match t {
                        None => true,
                        Some(t) if metric.is_distance() => s <= t,
                        Some(t) => s >= t,
                    };
                    let mut order: Vec<usize> = (0..200).filter(|&j| pass(full[[i, j]])).collect();
                    order
                        .sort_by(|&x, &y| metric.order(full[[i, x]], full[[i, y]]).then(x.cmp(&y)));
                    order.truncate(k);
                    order.sort_unstable();
                    let want: Vec<(u32, f64)> =
                        order.iter().map(|&j| (j as u32, full[[i, j]])).collect();
                    assert_eq!(
                        got.row(i).collect::<Vec<_>>(),
                        want,
                        "{metric:?} k={k} row {i}"
                    );
                }
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for metric in Metric::ALL {
            assert_eq!(metric.name().parse::<Metric>().unwrap(), metric);
            let json = serde_json::to_string(&metric).unwrap();
            assert_eq!(json, format!("{:?}", metric.name()));
        }
        assert_eq!(
            "Tanimoto".parse::<Metric>().unwrap(),
            Metric::ExtendedJaccard
        );
    }
}
