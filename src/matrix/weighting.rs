//! Weightings of a document-term count matrix: counts, binary, proportions,
//! log and augmented term frequency, tf-idf (scikit-learn's and quanteda's
//! idf variants) and BM25.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::matrix::sparse::CsrMatrix;

/// Inverse document frequency. `n` documents, `df` documents with the term.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Idf {
    /// scikit-learn's default (`smooth_idf=True`): `ln((1 + n) / (1 + df)) + 1`.
    #[default]
    Smooth,
    /// scikit-learn's `smooth_idf=False`: `ln(n / df) + 1`.
    Plain,
    /// quanteda's `"inverse"`: `log_base(n / df)`.
    Inverse,
    /// quanteda's `"inversemax"`: `log_base(max df / df)`.
    InverseMax,
    /// quanteda's `"inverseprob"`: `log_base((n - df) / df)`, floored at 0.
    InverseProb,
}

/// Row normalization.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    /// Leave rows as they are.
    #[default]
    None,
    /// Divide each row by the sum of its absolute values.
    L1,
    /// Divide each row by its Euclidean length.
    L2,
}

/// How counts become weights. [`Weighting::tfidf`] is what similarity wants.
///
/// # Examples
///
/// ```
/// use textlens::{CsrMatrix, Weighting};
///
/// let counts = CsrMatrix::from_rows(2, vec![vec![(0, 2.0), (1, 1.0)], vec![(1, 3.0)]]);
/// let tfidf = Weighting::tfidf().apply(&counts)?;
/// let row0: Vec<f64> = tfidf.row(0).map(|(_, v)| v).collect();
/// // idf = ln(3/2) + 1 for term 0, ln(3/3) + 1 = 1 for term 1, then l2 norm.
/// let (a, b) = (2.0 * ((3.0f64 / 2.0).ln() + 1.0), 1.0);
/// let len = (a * a + b * b).sqrt();
/// assert!((row0[0] - a / len).abs() < 1e-15 && (row0[1] - b / len).abs() < 1e-15);
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "weighting", rename_all = "snake_case")]
pub enum Weighting {
    /// Raw counts.
    Count {
        /// Row normalization.
        norm: Norm,
    },
    /// 1 where the term occurs.
    Binary {
        /// Row normalization.
        norm: Norm,
    },
    /// Count divided by the document's number of terms.
    Proportion,
    /// `1 + ln(count)`.
    Log {
        /// Row normalization.
        norm: Norm,
    },
    /// `k + (1 - k) * count / max count in the document`.
    Augmented {
        /// The smoothing term, 0.5 by default.
        k: f64,
        /// Row normalization.
        norm: Norm,
    },
    /// Term frequency times inverse document frequency.
    Tfidf {
        /// Which idf.
        idf: Idf,
        /// Logarithm base of quanteda's idf variants (10 by default).
        base: f64,
        /// `1 + ln(count)` instead of the count.
        sublinear_tf: bool,
        /// Use 1 instead of the count (scikit-learn's `binary=True`).
        binary: bool,
        /// Row normalization (`L2` by default).
        norm: Norm,
    },
    /// Okapi BM25 with Lucene's idf `ln(1 + (n - df + 0.5) / (df + 0.5))`.
    Bm25 {
        /// Term frequency saturation, 1.2 by default.
        k1: f64,
        /// Length normalization, 0.75 by default.
        b: f64,
    },
}

impl Weighting {
    /// scikit-learn's `TfidfVectorizer` defaults: smooth idf, l2 rows.
    pub fn tfidf() -> Weighting {
        Weighting::Tfidf {
            idf: Idf::Smooth,
            base: 10.0,
            sublinear_tf: false,
            binary: false,
            norm: Norm::L2,
        }
    }

    /// BM25 with k1 = 1.2, b = 0.75.
    pub fn bm25() -> Weighting {
        Weighting::Bm25 { k1: 1.2, b: 0.75 }
    }

    /// Check parameter ranges.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming the parameter.
    pub fn validate(&self) -> Result<()> {
        match *self {
            Weighting::Augmented { k, .. } if !(0.0..=1.0).contains(&k) => {
                Err(Error::invalid("k", format!("must be in [0, 1], got {k}")))
            }
            Weighting::Tfidf { base, .. } if !(base > 0.0 && base != 1.0 && base.is_finite()) => {
                Err(Error::invalid(
                    "base",
                    format!("must be positive and not 1, got {base}"),
                ))
            }
            Weighting::Bm25 { k1, .. } if !(k1 >= 0.0 && k1.is_finite()) => {
                Err(Error::invalid("k1", format!("must be >= 0, got {k1}")))
            }
            Weighting::Bm25 { b, .. } if !(0.0..=1.0).contains(&b) => {
                Err(Error::invalid("b", format!("must be in [0, 1], got {b}")))
            }
            _ => Ok(()),
        }
    }

    /// The idf vector for `n` documents and these document frequencies, or
    /// `None` for weightings without one.
    pub fn idf(&self, n: usize, df: &[u64]) -> Option<Vec<f64>> {
        let n = n as f64;
        match *self {
            Weighting::Tfidf { idf, base, .. } => {
                let max_df = df.iter().copied().max().unwrap_or(0) as f64;
                Some(
                    df.iter()
                        .map(|&d| {
                            let d = d as f64;
                            match idf {
                                Idf::Smooth => ((n + 1.0) / (d + 1.0)).ln() + 1.0,
                                Idf::Plain => (n / d).ln() + 1.0,
                                Idf::Inverse => log_base(n / d, base),
                                Idf::InverseMax => log_base(max_df / d, base),
                                Idf::InverseProb => log_base((n - d) / d, base).max(0.0),
                            }
                        })
                        .collect(),
                )
            }
            Weighting::Bm25 { .. } => Some(
                df.iter()
                    .map(|&d| (1.0 + (n - d as f64 + 0.5) / (d as f64 + 0.5)).ln())
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Weight a count matrix (rows = documents).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for parameters out of range.
    pub fn apply(&self, counts: &CsrMatrix) -> Result<CsrMatrix> {
        let df = document_frequencies(counts);
        let idf = self.idf(counts.shape().0, &df);
        self.apply_with_idf(counts, idf.as_deref())
    }

    /// Weight a count matrix with a given idf vector (e.g. one fitted on
    /// other documents, as a vectorizer's `transform` does).
    pub fn apply_with_idf(&self, counts: &CsrMatrix, idf: Option<&[f64]>) -> Result<CsrMatrix> {
        let mut out = counts.clone();
        self.apply_in_place(&mut out, idf)?;
        Ok(out)
    }

    /// [`Weighting::apply_with_idf`] on the matrix itself, without a copy.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for parameters out of range.
    pub fn apply_in_place(&self, m: &mut CsrMatrix, idf: Option<&[f64]>) -> Result<()> {
        self.apply_in_place_with(m, idf, None)
    }

    /// [`Weighting::apply_in_place`] with BM25's average document length
    /// given (that of a whole corpus whose rows `m` is a part of) instead
    /// of computed from `m`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for parameters out of range.
    pub fn apply_in_place_with(
        &self,
        m: &mut CsrMatrix,
        idf: Option<&[f64]>,
        avg_len: Option<f64>,
    ) -> Result<()> {
        self.validate()?;
        let rows = m.shape().0;
        let avg_len = match avg_len {
            Some(a) => a,
            // Only BM25 reads it.
            None if rows == 0 || !matches!(self, Weighting::Bm25 { .. }) => 0.0,
            None => m.data.iter().sum::<f64>() / rows as f64,
        };
        // Rows are independent: weigh them in parallel (the logarithms of
        // sublinear tf are most of the time).
        m.rows_mut()
            .into_par_iter()
            .with_min_len(64)
            .for_each(|(cols, values)| {
                let len = |values: &[f64]| values.iter().sum::<f64>();
                let norm = match *self {
                    Weighting::Count { norm } => norm,
                    Weighting::Binary { norm } => {
                        values.iter_mut().for_each(|v| *v = 1.0);
                        norm
                    }
                    Weighting::Proportion => {
                        let len = len(values);
                        values.iter_mut().for_each(|v| *v /= len);
                        Norm::None
                    }
                    Weighting::Log { norm } => {
                        values.iter_mut().for_each(|v| *v = 1.0 + v.ln());
                        norm
                    }
                    Weighting::Augmented { k, norm } => {
                        let max = values.iter().copied().fold(0.0, f64::max);
                        values
                            .iter_mut()
                            .for_each(|v| *v = k + (1.0 - k) * *v / max);
                        norm
                    }
                    Weighting::Tfidf {
                        sublinear_tf,
                        binary,
                        norm,
                        ..
                    } => {
                        for (v, &c) in values.iter_mut().zip(cols) {
                            let tf = if binary {
                                1.0
                            } else if sublinear_tf {
                                1.0 + v.ln()
                            } else {
                                *v
                            };
                            *v = tf * idf.map_or(1.0, |idf| idf[c as usize]);
                        }
                        norm
                    }
                    Weighting::Bm25 { k1, b } => {
                        let scale = k1 * (1.0 - b + b * len(values) / avg_len);
                        for (v, &c) in values.iter_mut().zip(cols) {
                            let w = idf.map_or(1.0, |idf| idf[c as usize]);
                            *v = w * *v * (k1 + 1.0) / (*v + scale);
                        }
                        Norm::None
                    }
                };
                normalize(values, norm);
            });
        Ok(())
    }
}

/// Logarithm as R computes `log(x, base)`: `log10` / `log2` for those
/// bases (quanteda's numbers), `ln(x) / ln(base)` otherwise.
fn log_base(x: f64, base: f64) -> f64 {
    if base == 10.0 {
        x.log10()
    } else if base == 2.0 {
        x.log2()
    } else {
        x.ln() / base.ln()
    }
}

/// Divide a row by its l1 or l2 length (rows of zeros stay zeros).
pub(crate) fn normalize(values: &mut [f64], norm: Norm) {
    let length = match norm {
        Norm::None => return,
        Norm::L1 => values.iter().map(|v| v.abs()).sum::<f64>(),
        Norm::L2 => values.iter().map(|v| v * v).sum::<f64>().sqrt(),
    };
    if length > 0.0 {
        values.iter_mut().for_each(|v| *v /= length);
    }
}

/// Number of rows in which each column has a stored entry.
///
/// Counted in parallel: each job counts a share of the entries into its
/// own table (at most eight tables), then the tables are summed.
pub fn document_frequencies(m: &CsrMatrix) -> Vec<u64> {
    let jobs = rayon::current_num_threads().min(DF_JOBS);
    let share = m.indices.len().div_ceil(jobs.max(1));
    if jobs < 2 || share < DF_MIN_SHARE || m.n_cols >= share {
        let mut df = vec![0u64; m.n_cols];
        for &c in &m.indices {
            df[c as usize] += 1;
        }
        return df;
    }
    // u32 tallies: a share holds fewer entries than u32::MAX.
    let tables: Vec<Vec<u32>> = m
        .indices
        .par_chunks(share.min(u32::MAX as usize))
        .map(|part| {
            let mut df = vec![0u32; m.n_cols];
            for &c in part {
                df[c as usize] += 1;
            }
            df
        })
        .collect();
    (0..m.n_cols)
        .into_par_iter()
        .with_min_len(4096)
        .map(|c| tables.iter().map(|t| u64::from(t[c])).sum())
        .collect()
}

/// At most this many per-job tables in [`document_frequencies`] (each is
/// one `u32` per column).
const DF_JOBS: usize = 8;
/// Fewer entries per job than this: one sequential count.
const DF_MIN_SHARE: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> CsrMatrix {
        CsrMatrix::from_rows(
            3,
            vec![
                vec![(0, 3.0), (1, 1.0)],
                vec![(1, 2.0), (2, 2.0)],
                vec![(0, 1.0)],
            ],
        )
    }

    #[test]
    fn simple_weightings_by_hand() {
        let m = counts();
        let row = |w: Weighting, i| {
            w.apply(&m)
                .unwrap()
                .row(i)
                .map(|(_, v)| v)
                .collect::<Vec<_>>()
        };
        assert_eq!(row(Weighting::Binary { norm: Norm::None }, 0), [1.0, 1.0]);
        assert_eq!(row(Weighting::Proportion, 0), [0.75, 0.25]);
        assert_eq!(
            row(Weighting::Log { norm: Norm::None }, 0),
            [1.0 + 3f64.ln(), 1.0]
        );
        assert_eq!(
            row(
                Weighting::Augmented {
                    k: 0.5,
                    norm: Norm::None
                },
                0
            ),
            [1.0, 0.5 + 0.5 / 3.0]
        );
        assert_eq!(row(Weighting::Count { norm: Norm::L1 }, 1), [0.5, 0.5]);
    }

    #[test]
    fn quanteda_idf_variants_by_hand() {
        let df = [1, 2, 3];
        let idf = |idf| {
            Weighting::Tfidf {
                idf,
                base: 10.0,
                sublinear_tf: false,
                binary: false,
                norm: Norm::None,
            }
            .idf(4, &df)
            .unwrap()
        };
        assert_eq!(
            idf(Idf::Inverse),
            [4f64.log10(), 2f64.log10(), (4.0f64 / 3.0).log10()]
        );
        assert_eq!(idf(Idf::InverseMax), [3f64.log10(), 1.5f64.log10(), 0.0]);
        assert_eq!(idf(Idf::InverseProb), [3f64.log10(), 0.0, 0.0]);
    }

    #[test]
    fn bm25_by_hand() {
        let m = counts();
        let w = Weighting::bm25().apply(&m).unwrap();
        // Row 2: one term, count 1, length 1; average length 3; df of term 0 is 2.
        let idf = (1.0f64 + (3.0 - 2.0 + 0.5) / (2.0 + 0.5)).ln();
        let expected = idf * 1.0 * 2.2 / (1.0 + 1.2 * (0.25 + 0.75 * 1.0 / 3.0));
        assert!((w.row(2).next().unwrap().1 - expected).abs() < 1e-15);
    }

    #[test]
    fn out_of_range_parameters_are_errors() {
        for w in [
            Weighting::Bm25 { k1: -1.0, b: 0.5 },
            Weighting::Bm25 { k1: 1.0, b: 2.0 },
            Weighting::Augmented {
                k: 2.0,
                norm: Norm::None,
            },
        ] {
            assert!(matches!(
                w.apply(&counts()),
                Err(Error::InvalidOption { .. })
            ));
        }
    }
}
