//! Document similarity: pairwise matrices and top-k search over the rows of
//! weighted document-term matrices.
//!
//! Every metric is computed from the *shared* terms of two rows (a sparse
//! product through the transposed second matrix) plus a few per-row sums, so
//! the cost grows with the stored entries, never with the vocabulary.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::str::FromStr;

use ndarray::Array2;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::interrupt::Interrupt;
use crate::sparse::CsrMatrix;
use crate::weighting::{document_frequencies, Weighting};

/// Rows scored per parallel task; each task holds two vectors of the other
/// matrix's row count, so memory is O(threads × rows of the other + output).
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
        use crate::weighting::Norm;
        match self {
            Metric::Jaccard | Metric::Dice => Weighting::Binary { norm: Norm::None },
            Metric::Hellinger | Metric::JensenShannon => Weighting::Proportion,
            Metric::Bm25 => Weighting::bm25(),
            _ => Weighting::Tfidf {
                idf: crate::weighting::Idf::Smooth,
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
}

/// The rows as the metric sees them (normalized to sum 1 for the
/// distribution metrics, else borrowed) and their sums.
fn prepare<'m>(m: &'m CsrMatrix, metric: Metric, which: &'static str) -> Result<Prepared<'m>> {
    let mut m = Cow::Borrowed(m);
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
    for i in 0..m.shape().0 {
        for (c, v) in m.row(i) {
            let at = &mut next[c as usize];
            rows[*at] = i as u32;
            data[*at] = v;
            *at += 1;
        }
    }
    Transposed { indptr, rows, data }
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
        Metric::Manhattan => (x - y).abs() - x.abs() - y.abs(),
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
}

impl<'m> Pair<'m> {
    fn new(a: &'m CsrMatrix, b: Option<&'m CsrMatrix>, metric: Metric) -> Result<Pair<'m>> {
        if let Some(b) = b {
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
        for (m, which) in [(Some(a), "documents"), (b, "other")] {
            if m.is_some_and(|m| m.shape().0 == 0) {
                return Err(Error::invalid(which, "has no rows: nothing to compare"));
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
            a,
            b_stats,
        })
    }

    fn cols(&self) -> usize {
        self.b_stats.len()
    }

    /// Scores of row `i` against every row of the second matrix, into `out`.
    fn score_row(&self, i: usize, acc: &mut [f64], out: &mut [f64]) {
        acc.iter_mut().for_each(|v| *v = 0.0);
        for (c, x) in self.a.m.row(i) {
            let range = self.bt.indptr[c as usize]..self.bt.indptr[c as usize + 1];
            for (&j, &y) in self.bt.rows[range.clone()].iter().zip(&self.bt.data[range]) {
                acc[j as usize] += shared_term(self.metric, x, y);
            }
        }
        let sa = &self.a.stats[i];
        for ((o, &s), sb) in out.iter_mut().zip(acc.iter()).zip(&self.b_stats) {
            *o = finish(self.metric, s, sa, sb, self.n_cols);
        }
    }
}

/// The dense matrix of `metric` between every row of `a` and every row of
/// `b` (or of `a` itself), computed in parallel.
///
/// # Errors
///
/// [`Error::InvalidOption`] when the matrices have different numbers of
/// columns or no rows, or hold negative weights for Hellinger or
/// Jensen–Shannon.
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

/// [`pairwise`], stopping early with [`Error::Interrupted`] once `stop` is raised.
pub(crate) fn pairwise_until(
    a: &CsrMatrix,
    b: Option<&CsrMatrix>,
    metric: Metric,
    stop: &Interrupt,
) -> Result<Array2<f64>> {
    let pair = Pair::new(a, b, metric)?;
    let (n, m) = (a.shape().0, pair.cols());
    let mut out = vec![0.0; n * m];
    if m > 0 {
        out.par_chunks_mut(m * BLOCK)
            .enumerate()
            .for_each(|(blk, chunk)| {
                if stop.is_raised() {
                    return;
                }
                let mut acc = vec![0.0; m];
                for (k, row) in chunk.chunks_mut(m).enumerate() {
                    pair.score_row(blk * BLOCK + k, &mut acc, row);
                }
            });
    }
    stop.check()?;
    Array2::from_shape_vec((n, m), out).map_err(|e| Error::invalid("shape", e.to_string()))
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
    let blocks: Vec<Vec<Vec<(u32, f64)>>> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map(|blk| {
            if stop.is_raised() {
                return Vec::new();
            }
            let mut acc = vec![0.0; m];
            let mut scores = vec![0.0; m];
            let mut scratch = Vec::with_capacity(m);
            (blk * BLOCK..((blk + 1) * BLOCK).min(n))
                .map(|i| {
                    pair.score_row(i, &mut acc, &mut scores);
                    select(metric, &scores, search, &mut scratch)
                })
                .collect()
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
    let (mut acc, mut scores) = (vec![0.0; m], vec![0.0; m]);
    pair.score_row(0, &mut acc, &mut scores);
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

/// The kept `(column, score)` pairs of one row, sorted by column. The
/// candidates go through `scratch` (one per task, reused) so that each
/// row's result holds only what it keeps, not a vector as long as the row.
fn select(
    metric: Metric,
    scores: &[f64],
    search: &Search,
    scratch: &mut Vec<(u32, f64)>,
) -> Vec<(u32, f64)> {
    let pass = |s: f64| match search.min_similarity {
        None => !s.is_nan(),
        Some(t) if metric.is_distance() => s <= t,
        Some(t) => s >= t,
    };
    scratch.clear();
    scratch.extend(
        scores
            .iter()
            .enumerate()
            .filter(|&(_, &s)| pass(s))
            .map(|(j, &s)| (j as u32, s)),
    );
    if let Some(k) = search.top_k {
        if scratch.len() > k {
            let better =
                |x: &(u32, f64), y: &(u32, f64)| metric.order(x.1, y.1).then(x.0.cmp(&y.0));
            scratch.select_nth_unstable_by(k - 1, better);
            scratch.truncate(k);
            scratch.sort_unstable_by_key(|&(c, _)| c);
        }
    }
    scratch.as_slice().to_vec()
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
