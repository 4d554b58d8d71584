//! Mergeable corpus state: what a partition of a corpus computes on its own
//! and how two partitions combine, so that a distributed engine (Dask,
//! Spark) reduces partitions in any tree and gets what [`Corpus::build`]
//! gives on all the texts at once, bit for bit.
//!
//! Terms are kept sorted, so a merge is a sorted union of the two
//! vocabularies and a remap of columns: associative, and deterministic for
//! any tree of merges that keeps the partitions in input order.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::matrix::corpus::{Corpus, Trim};
use crate::matrix::sparse::CsrMatrix;
use crate::matrix::weighting::Weighting;

/// The union of two sorted, distinct term lists, and where each side's
/// columns go in it.
fn union(a: &[String], b: &[String]) -> (Vec<String>, Vec<u32>, Vec<u32>) {
    let mut terms = Vec::with_capacity(a.len().max(b.len()));
    let (mut ra, mut rb) = (Vec::with_capacity(a.len()), Vec::with_capacity(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = terms.len() as u32;
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                terms.push(x.clone());
                ra.push(next);
                rb.push(next);
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                terms.push(x.clone());
                ra.push(next);
                i += 1;
            }
            (Some(x), None) => {
                terms.push(x.clone());
                ra.push(next);
                i += 1;
            }
            (_, Some(y)) => {
                terms.push(y.clone());
                rb.push(next);
                j += 1;
            }
            (None, None) => unreachable!("loop condition"),
        }
    }
    (terms, ra, rb)
}

fn remap_rows(m: &CsrMatrix, remap: &[u32], out: &mut CsrMatrix) {
    for i in 0..m.shape().0 {
        // Remapping is monotonic (both lists sorted), so rows stay sorted.
        out.push_row(m.row(i).map(|(c, v)| (remap[c as usize], v)));
    }
}

impl Corpus {
    /// The corpus of `self`'s documents followed by `other`'s: the sorted
    /// union of the terms, rows in order. Merging the corpora of consecutive
    /// partitions in any tree gives the corpus of all their texts.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Corpus;
    ///
    /// let docs = |t: &[&str]| t.iter().map(|d| d.split(' ').map(String::from).collect()).collect();
    /// let all = Corpus::from_terms(docs(&["b a", "c a", "d"]));
    /// let left = Corpus::from_terms(docs(&["b a"]));
    /// let right = Corpus::from_terms(docs(&["c a", "d"]));
    /// assert_eq!(left.merge(&right), all);
    /// ```
    pub fn merge(&self, other: &Corpus) -> Corpus {
        let (terms, ra, rb) = union(self.terms(), other.terms());
        let mut counts = CsrMatrix::new(terms.len());
        remap_rows(self.counts(), &ra, &mut counts);
        remap_rows(other.counts(), &rb, &mut counts);
        Corpus::from_parts(terms, counts)
    }

    /// [`Corpus::merge`] of consecutive parts, left to right.
    pub fn merge_all<'a>(parts: impl IntoIterator<Item = &'a Corpus>) -> Corpus {
        parts.into_iter().fold(
            Corpus::from_parts(Vec::new(), CsrMatrix::new(0)),
            |acc, part| acc.merge(part),
        )
    }

    /// The weighted matrix of this corpus's documents as rows of a larger
    /// corpus described by `global`: columns are `global`'s terms, idf and
    /// BM25's average length come from `global`. For each partition of a
    /// corpus, with the merged [`CorpusStats`] of all of them (trimmed or
    /// not), this gives exactly the rows of `Corpus::build(all).trim(..).dtm(..)`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for weighting parameters out of range.
    pub fn dtm_in(&self, global: &CorpusStats, weighting: &Weighting) -> Result<CsrMatrix> {
        let mut remap = vec![u32::MAX; self.terms().len()];
        let mut j = 0;
        for (i, term) in self.terms().iter().enumerate() {
            while j < global.terms.len() && global.terms[j] < *term {
                j += 1;
            }
            if global.terms.get(j) == Some(term) {
                remap[i] = j as u32;
            }
        }
        let mut counts = CsrMatrix::new(global.terms.len());
        for i in 0..self.len() {
            counts.push_row(self.counts().row(i).filter_map(|(c, v)| {
                let new = remap[c as usize];
                (new != u32::MAX).then_some((new, v))
            }));
        }
        let n = usize::try_from(global.documents).unwrap_or(usize::MAX);
        let idf = weighting.idf(n, &global.doc_frequencies);
        // Counts are whole numbers: their sum is exact, as the one-machine
        // sum over the matrix is.
        let total: u64 = global.term_counts.iter().sum();
        let avg_len = if n == 0 { 0.0 } else { total as f64 / n as f64 };
        weighting.apply_in_place_with(&mut counts, idf.as_deref(), Some(avg_len))?;
        Ok(counts)
    }
}

/// bincode 2's standard configuration: little-endian varints, so counts
/// and column indices take one or two bytes each.
fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    bincode::serde::encode_to_vec(value, bincode::config::standard())
        .map_err(|e| Error::invalid("state", e.to_string()))
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let (value, read) = bincode::serde::decode_from_slice(bytes, bincode::config::standard())
        .map_err(|e| Error::invalid("state", e.to_string()))?;
    if read != bytes.len() {
        return Err(Error::invalid("state", "trailing bytes"));
    }
    Ok(value)
}

fn sorted_distinct(terms: &[String]) -> bool {
    terms.windows(2).all(|w| w[0] < w[1])
}

impl Corpus {
    /// The corpus as bytes (bincode), for [`Corpus::from_bytes`]: what a
    /// partition sends to the next merge.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] if encoding fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        encode(self)
    }

    /// A corpus from [`Corpus::to_bytes`], checked: a malformed state is an
    /// error, never a corpus that panics later.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming `state`.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Corpus;
    ///
    /// let c = Corpus::from_terms(vec![vec!["b".into(), "a".into(), "b".into()]]);
    /// assert_eq!(Corpus::from_bytes(&c.to_bytes()?)?, c);
    /// assert!(Corpus::from_bytes(b"nonsense").is_err());
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Corpus> {
        let c: Corpus = decode(bytes)?;
        let m = c.counts();
        let ok = m.n_cols == c.terms().len()
            && sorted_distinct(c.terms())
            && m.indices.len() == m.data.len()
            && m.indptr.first() == Some(&0)
            && m.indptr.windows(2).all(|w| w[0] <= w[1])
            && m.indptr.last() == Some(&m.indices.len())
            && (0..m.shape().0).all(|i| {
                let cols = &m.indices[m.indptr[i]..m.indptr[i + 1]];
                cols.windows(2).all(|w| w[0] < w[1])
                    && cols.iter().all(|&c| (c as usize) < m.n_cols)
            });
        if !ok {
            return Err(Error::invalid("state", "not a valid corpus"));
        }
        Ok(c)
    }
}

/// Corpus statistics without the documents: the number of documents, the
/// sorted terms, their document and corpus frequencies. What a partition
/// sends to the reduce; memory grows with the vocabulary only.
///
/// # Examples
///
/// ```
/// use textlens::{Corpus, CorpusStats};
///
/// let docs = |t: &[&str]| t.iter().map(|d| d.split(' ').map(String::from).collect()).collect();
/// let a = CorpusStats::of(&Corpus::from_terms(docs(&["x y y"])));
/// let b = CorpusStats::of(&Corpus::from_terms(docs(&["y z", "z"])));
/// let all = a.merge(&b);
/// assert_eq!(all.terms(), ["x", "y", "z"]);
/// assert_eq!(all.doc_frequencies(), [1, 2, 2]);
/// assert_eq!(all.term_counts(), [1, 3, 2]);
/// assert_eq!(all, CorpusStats::of(&Corpus::from_terms(docs(&["x y y", "y z", "z"]))));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    documents: u64,
    terms: Vec<String>,
    doc_frequencies: Vec<u64>,
    term_counts: Vec<u64>,
}

impl CorpusStats {
    /// The statistics of a corpus.
    pub fn of(corpus: &Corpus) -> CorpusStats {
        CorpusStats {
            documents: corpus.len() as u64,
            terms: corpus.terms().to_vec(),
            doc_frequencies: corpus.doc_frequencies(),
            term_counts: corpus.term_counts(),
        }
    }

    /// The statistics of both corpora together.
    pub fn merge(&self, other: &CorpusStats) -> CorpusStats {
        let (terms, ra, rb) = union(&self.terms, &other.terms);
        let mut df = vec![0u64; terms.len()];
        let mut tf = vec![0u64; terms.len()];
        for (side, remap) in [(self, &ra), (other, &rb)] {
            for (i, &to) in remap.iter().enumerate() {
                df[to as usize] += side.doc_frequencies[i];
                tf[to as usize] += side.term_counts[i];
            }
        }
        CorpusStats {
            documents: self.documents + other.documents,
            terms,
            doc_frequencies: df,
            term_counts: tf,
        }
    }

    /// The statistics as bytes (bincode), for [`CorpusStats::from_bytes`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] if encoding fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        encode(self)
    }

    /// Statistics from [`CorpusStats::to_bytes`], checked.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming `state`.
    pub fn from_bytes(bytes: &[u8]) -> Result<CorpusStats> {
        let s: CorpusStats = decode(bytes)?;
        let n = s.terms.len();
        if s.doc_frequencies.len() != n || s.term_counts.len() != n || !sorted_distinct(&s.terms) {
            return Err(Error::invalid("state", "not valid corpus statistics"));
        }
        Ok(s)
    }

    /// Number of documents.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// The terms, sorted.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// In how many documents each term occurs.
    pub fn doc_frequencies(&self) -> &[u64] {
        &self.doc_frequencies
    }

    /// How often each term occurs.
    pub fn term_counts(&self) -> &[u64] {
        &self.term_counts
    }

    /// The statistics of the terms that pass `trim`, as [`Corpus::trim`]
    /// keeps them (the number of documents is unchanged).
    ///
    /// # Errors
    ///
    /// As [`Corpus::trim`].
    pub fn trim(&self, trim: &Trim) -> Result<CorpusStats> {
        let n = usize::try_from(self.documents).unwrap_or(usize::MAX);
        let keep = trim.keep(n, &self.doc_frequencies, || {
            Cow::Borrowed(&self.term_counts)
        })?;
        let pick = |v: &[u64]| -> Vec<u64> {
            v.iter()
                .zip(&keep)
                .filter_map(|(&x, &k)| k.then_some(x))
                .collect()
        };
        let terms: Vec<String> = self
            .terms
            .iter()
            .zip(&keep)
            .filter(|&(_, &k)| k)
            .map(|(t, _)| t.clone())
            .collect();
        Ok(CorpusStats {
            documents: self.documents,
            terms,
            doc_frequencies: pick(&self.doc_frequencies),
            term_counts: pick(&self.term_counts),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::corpus::DocFreq;
    use crate::matrix::weighting::{Idf, Norm};
    use proptest::prelude::*;

    /// Merge `parts` (consecutive) in a tree whose shape `picks` decides.
    fn tree<T: Clone>(mut parts: Vec<T>, picks: &[usize], merge: impl Fn(&T, &T) -> T) -> T {
        let mut k = 0;
        while parts.len() > 1 {
            let at = picks.get(k).copied().unwrap_or(0) % (parts.len() - 1);
            k += 1;
            let right = parts.remove(at + 1);
            parts[at] = merge(&parts[at], &right);
        }
        parts.pop().expect("at least one part")
    }

    const TERMS: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "ab", "ba", "é", "ё"];

    fn weightings() -> Vec<Weighting> {
        let mut w = vec![
            Weighting::Count { norm: Norm::L2 },
            Weighting::Binary { norm: Norm::L1 },
            Weighting::Proportion,
            Weighting::Log { norm: Norm::None },
            Weighting::Augmented {
                k: 0.5,
                norm: Norm::L2,
            },
            Weighting::tfidf(),
            Weighting::bm25(),
        ];
        for idf in [Idf::Plain, Idf::Inverse, Idf::InverseMax, Idf::InverseProb] {
            w.push(Weighting::Tfidf {
                idf,
                base: 10.0,
                sublinear_tf: true,
                binary: false,
                norm: Norm::L2,
            });
        }
        w
    }

    fn bits(m: &CsrMatrix) -> (Vec<u64>, Vec<u32>, Vec<usize>) {
        (
            m.data.iter().map(|v| v.to_bits()).collect(),
            m.indices.clone(),
            m.indptr.clone(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Random documents cut into random partitions, merged in a random
        /// tree: the same corpus, statistics and weighted matrices, bit for bit.
        #[test]
        fn any_merge_tree_equals_one_build(
            docs in prop::collection::vec(prop::collection::vec(
                prop::sample::select(TERMS).prop_map(String::from), 0..8), 1..24),
            cuts in prop::collection::vec(0usize..24, 0..6),
            picks in prop::collection::vec(0usize..100, 0..24),
            picks2 in prop::collection::vec(0usize..100, 0..24),
        ) {
            let whole = Corpus::from_terms(docs.clone());
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (docs.len() + 1)).collect();
            cuts.extend([0, docs.len()]);
            cuts.sort_unstable();
            cuts.dedup();
            let parts: Vec<Corpus> = cuts
                .windows(2)
                .map(|w| Corpus::from_terms(docs[w[0]..w[1]].to_vec()))
                .collect();
            let merged = tree(parts.clone(), &picks, |a, b| a.merge(b));
            prop_assert_eq!(&merged, &whole);
            prop_assert_eq!(&Corpus::merge_all(&parts), &whole);
            let stats = tree(parts.iter().map(CorpusStats::of).collect(), &picks2, |a, b| a.merge(b));
            prop_assert_eq!(&stats, &CorpusStats::of(&whole));

            let trims = [
                Trim::default(),
                Trim { min_df: DocFreq::Count(2), max_df: DocFreq::Proportion(0.8), max_features: Some(5) },
            ];
            for trim in trims {
                let (Ok(global), Ok(reference)) = (stats.trim(&trim), whole.trim(&trim)) else {
                    prop_assert!(stats.trim(&trim).is_err() && whole.trim(&trim).is_err());
                    continue;
                };
                prop_assert_eq!(global.terms(), reference.terms());
                for w in weightings() {
                    let one = reference.dtm(&w).unwrap();
                    let rows: Vec<CsrMatrix> = parts.iter().map(|p| p.dtm_in(&global, &w).unwrap()).collect();
                    let stacked = CsrMatrix::vstack(rows, global.terms().len());
                    prop_assert_eq!(bits(&stacked), bits(&one), "{:?}", w);
                }
            }
        }
    }

    #[test]
    fn serialized_state_round_trips_and_is_checked() {
        let c = Corpus::from_terms(vec![vec!["a".into(), "b".into()], vec!["b".into()]]);
        let s = CorpusStats::of(&c);
        assert_eq!(CorpusStats::from_bytes(&s.to_bytes().unwrap()).unwrap(), s);
        assert_eq!(Corpus::from_bytes(&c.to_bytes().unwrap()).unwrap(), c);
        // A column out of range, unsorted terms, a short state: errors, not corpora.
        let (terms, mut counts) = c.clone().into_parts();
        counts.indices[0] = 7;
        let bad = Corpus::from_parts(terms, counts).to_bytes().unwrap();
        assert!(Corpus::from_bytes(&bad).is_err());
        let bad = Corpus::from_parts(vec!["b".into(), "a".into()], c.counts().clone());
        assert!(Corpus::from_bytes(&bad.to_bytes().unwrap()).is_err());
        let bytes = s.to_bytes().unwrap();
        assert!(CorpusStats::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}
