//! A corpus: every document analyzed once, its vocabulary and its term counts.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::matrix::features::{self, Features};
use crate::matrix::fetched;
use crate::matrix::sparse::CsrMatrix;
use crate::matrix::weighting::{document_frequencies, Weighting};
use crate::text::analyzer::Analyzer;

/// A document-frequency bound: an absolute number of documents or a
/// proportion of them (scikit-learn's int / float `min_df`, `max_df`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocFreq {
    /// At least / at most this many documents.
    Count(u64),
    /// At least / at most this proportion of documents, in [0, 1].
    Proportion(f64),
}

impl DocFreq {
    pub(crate) fn documents(self, name: &'static str, n: usize) -> Result<f64> {
        match self {
            DocFreq::Count(c) => Ok(c as f64),
            DocFreq::Proportion(p) if (0.0..=1.0).contains(&p) => Ok(p * n as f64),
            DocFreq::Proportion(p) => Err(Error::invalid(
                name,
                format!("proportion {p} is not in [0, 1]"),
            )),
        }
    }
}

/// Which terms to keep: scikit-learn's `min_df`, `max_df`, `max_features`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trim {
    /// Drop terms in fewer documents.
    pub min_df: DocFreq,
    /// Drop terms in more documents.
    pub max_df: DocFreq,
    /// Keep at most this many terms, the most frequent over the corpus; ties
    /// at the cut go to the term that sorts first.
    pub max_features: Option<usize>,
}

impl Default for Trim {
    fn default() -> Self {
        Trim {
            min_df: DocFreq::Count(1),
            max_df: DocFreq::Proportion(1.0),
            max_features: None,
        }
    }
}

impl Trim {
    /// Which terms this trim keeps, given each term's document frequency in a
    /// collection of `documents` and, asked only when `max_features` cuts,
    /// each term's count over the collection. One rule for [`Corpus::trim`]
    /// and [`CorpusStats::trim`](crate::CorpusStats::trim).
    pub(crate) fn keep<'a>(
        &self,
        documents: usize,
        df: &[u64],
        term_counts: impl FnOnce() -> Cow<'a, [u64]>,
    ) -> Result<Vec<bool>> {
        let low = self.min_df.documents("min_df", documents)?;
        let high = self.max_df.documents("max_df", documents)?;
        if high < low {
            return Err(Error::invalid(
                "max_df",
                "corresponds to < documents than min_df",
            ));
        }
        let mut keep: Vec<bool> = df
            .iter()
            .map(|&d| d as f64 >= low && d as f64 <= high)
            .collect();
        if let Some(limit) = self.max_features {
            if keep.iter().filter(|&&k| k).count() > limit {
                let tf = term_counts();
                let mut kept: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).collect();
                // Stable: among equal counts, the term that sorts first wins.
                kept.sort_by_key(|&i| std::cmp::Reverse(tf[i]));
                keep = vec![false; keep.len()];
                for &i in &kept[..limit] {
                    keep[i] = true;
                }
            }
        }
        if !keep.contains(&true) {
            return Err(Error::invalid(
                "min_df/max_df",
                "after pruning, no terms remain; try a lower min_df or a higher max_df",
            ));
        }
        Ok(keep)
    }
}

/// Documents analyzed into a vocabulary (columns, sorted by term as
/// scikit-learn sorts them) and a count matrix (rows in input order).
///
/// # Examples
///
/// ```
/// use textlens::{Analyzer, AnalyzerOptions, Corpus, LangChoice, Weighting};
///
/// let an = Analyzer::new(AnalyzerOptions {
///     lang: LangChoice::Fixed("en".parse()?),
///     ..AnalyzerOptions::default()
/// })?;
/// let corpus = Corpus::build(&an, &["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."]);
/// assert_eq!(corpus.terms(), ["back", "call", "moscow", "putin", "snow", "xi"]);
/// assert_eq!(corpus.doc_frequencies(), [1, 2, 1, 2, 1, 2]);
/// let tfidf = corpus.dtm(&Weighting::tfidf())?;
/// assert_eq!(tfidf.shape(), (3, 6));
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Corpus {
    terms: Vec<String>,
    /// Term -> column, built on first use (most corpora never look a term up).
    #[serde(skip)]
    index: OnceLock<HashMap<String, u32>>,
    counts: CsrMatrix,
}

/// Equal terms and counts (the lookup index is a cache).
impl PartialEq for Corpus {
    fn eq(&self, other: &Corpus) -> bool {
        self.terms == other.terms && self.counts == other.counts
    }
}

impl Corpus {
    /// Analyze `texts` in parallel with `analyzer` and count their terms.
    pub fn build<S: AsRef<str> + Sync>(analyzer: &Analyzer, texts: &[S]) -> Corpus {
        Corpus::count(analyzer, texts)
    }

    /// Count the features of `texts` in parallel, with any [`Features`]
    /// (an [`Analyzer`], scikit-learn's analysis, …).
    pub fn count<F: Features + ?Sized, S: AsRef<str> + Sync>(features: &F, texts: &[S]) -> Corpus {
        let (terms, counts) = features::count(features, texts);
        Corpus::from_parts(terms, counts)
    }

    /// [`Corpus::count`] over `len` documents that `fetch` hands over a
    /// batch at a time: `fetch(range)` gives the texts of documents `range`,
    /// in order. At most two batches are in memory at once (a batch is one
    /// chunk per thread: about a quarter of the documents, at most 4,096 per
    /// thread), which is what lets texts held in another form (on disk, or
    /// Python strings) be counted without a UTF-8 copy of all of them. The
    /// calling thread fetches the next batch while rayon's pool counts the
    /// one before. The corpus is the one [`Corpus::count`] makes of all the
    /// texts.
    ///
    /// # Errors
    ///
    /// The first error `fetch` returns; no more batches are fetched after it.
    ///
    /// # Panics
    ///
    /// If `fetch` gives other than one text per document of its range.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Analyzer, AnalyzerOptions, Corpus, LangChoice};
    ///
    /// let an = Analyzer::new(AnalyzerOptions { lang: LangChoice::Fixed("en".parse()?), ..Default::default() })?;
    /// let lines = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."];
    /// // e.g. read from a file, a batch of lines at a time
    /// let fetch = |range: std::ops::Range<usize>| -> std::io::Result<Vec<String>> {
    ///     Ok(lines[range].iter().map(|l| l.to_string()).collect())
    /// };
    /// let corpus = Corpus::count_fetched(&an, lines.len(), fetch)?;
    /// assert_eq!(corpus, Corpus::count(&an, &lines));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn count_fetched<F, S, E>(
        features: &F,
        len: usize,
        fetch: impl FnMut(Range<usize>) -> std::result::Result<Vec<S>, E>,
    ) -> std::result::Result<Corpus, E>
    where
        F: Features + ?Sized,
        S: AsRef<str> + Send + Sync,
    {
        let (terms, counts) = fetched::count_fetched(features, len, fetch)?;
        Ok(Corpus::from_parts(terms, counts))
    }

    /// Count already-analyzed documents (one list of terms per document).
    pub fn from_terms(docs: Vec<Vec<String>>) -> Corpus {
        let (terms, counts) = features::count_with(&docs, &each_term, None);
        Corpus::from_parts(terms, counts)
    }

    /// Count documents against a fixed vocabulary, in the order given
    /// (scikit-learn's `vocabulary=`); other terms are ignored.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for an empty or repeated vocabulary entry.
    pub fn with_vocabulary(vocabulary: Vec<String>, docs: Vec<Vec<String>>) -> Result<Corpus> {
        let index = vocabulary_index(&vocabulary)?;
        let counts = features::count_known(&docs, &each_term, &index, vocabulary.len(), None);
        Ok(Corpus {
            terms: vocabulary,
            index: OnceLock::from(index),
            counts,
        })
    }

    /// [`Corpus::with_vocabulary`] on texts, with any [`Features`].
    ///
    /// # Errors
    ///
    /// As [`Corpus::with_vocabulary`].
    pub fn count_vocabulary<F: Features + ?Sized, S: AsRef<str> + Sync>(
        features: &F,
        texts: &[S],
        vocabulary: Vec<String>,
    ) -> Result<Corpus> {
        let index = vocabulary_index(&vocabulary)?;
        let each = |t: &S, f: &mut dyn FnMut(&str)| features.for_each_feature(t.as_ref(), f);
        let stop = features.interrupt();
        let counts = features::count_known(texts, &each, &index, vocabulary.len(), stop);
        Ok(Corpus {
            terms: vocabulary,
            index: OnceLock::from(index),
            counts,
        })
    }

    /// The terms and the count matrix, taken apart.
    pub fn into_parts(self) -> (Vec<String>, CsrMatrix) {
        (self.terms, self.counts)
    }

    /// The terms, in column order.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The column of `term`.
    pub fn column(&self, term: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| {
            self.terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i as u32))
                .collect()
        });
        index.get(term).map(|&c| c as usize)
    }

    /// Raw counts: rows are documents, columns [`Corpus::terms`].
    pub fn counts(&self) -> &CsrMatrix {
        &self.counts
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.counts.shape().0
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// In how many documents each term occurs.
    pub fn doc_frequencies(&self) -> Vec<u64> {
        document_frequencies(&self.counts)
    }

    /// How often each term occurs over the whole corpus.
    pub fn term_counts(&self) -> Vec<u64> {
        let mut tf = vec![0u64; self.terms.len()];
        for (&c, &v) in self.counts.indices.iter().zip(&self.counts.data) {
            tf[c as usize] += v as u64;
        }
        tf
    }

    /// The same corpus with every count set to 1, as scikit-learn's
    /// `binary=True` counts before trimming (so `max_features` then ranks
    /// terms by document frequency).
    pub fn binarized(&self) -> Corpus {
        let mut c = self.clone();
        c.counts.data.iter_mut().for_each(|v| *v = 1.0);
        c
    }

    /// The weighted document-term matrix.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for weighting parameters out of range.
    pub fn dtm(&self, weighting: &Weighting) -> Result<CsrMatrix> {
        weighting.apply(&self.counts)
    }

    /// A corpus with only the terms that pass `trim` (scikit-learn's
    /// `_limit_features`), columns still sorted.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] when `max_df` allows fewer documents than
    /// `min_df`, a proportion is outside [0, 1], or no term remains.
    pub fn trim(&self, trim: &Trim) -> Result<Corpus> {
        let n = self.len();
        let keep = trim.keep(n, &self.doc_frequencies(), || {
            Cow::Owned(self.term_counts())
        })?;
        let mut remap = vec![u32::MAX; keep.len()];
        let mut terms = Vec::new();
        for (i, term) in self.terms.iter().enumerate() {
            if keep[i] {
                remap[i] = terms.len() as u32;
                terms.push(term.clone());
            }
        }
        let mut counts = CsrMatrix::new(terms.len());
        for i in 0..n {
            counts.push_row(self.counts.row(i).filter_map(|(c, v)| {
                let new = remap[c as usize];
                (new != u32::MAX).then_some((new, v))
            }));
        }
        Ok(Corpus::from_parts(terms, counts))
    }

    pub(crate) fn from_parts(terms: Vec<String>, counts: CsrMatrix) -> Corpus {
        Corpus {
            terms,
            index: OnceLock::new(),
            counts,
        }
    }
}

#[allow(clippy::ptr_arg)] // the document type of `count_with` is `Vec<String>`
fn each_term(doc: &Vec<String>, f: &mut dyn FnMut(&str)) {
    doc.iter().for_each(|t| f(t));
}

pub(crate) fn vocabulary_index(vocabulary: &[String]) -> Result<HashMap<String, u32>> {
    vocabulary_index_of(vocabulary.iter().map(String::as_str))
}

/// [`vocabulary_index`] of terms given one by one.
pub(crate) fn vocabulary_index_of<'a>(
    vocabulary: impl ExactSizeIterator<Item = &'a str>,
) -> Result<HashMap<String, u32>> {
    if vocabulary.len() == 0 {
        return Err(Error::invalid("vocabulary", "is empty"));
    }
    let mut index = HashMap::default();
    index.reserve(vocabulary.len());
    for (i, term) in vocabulary.enumerate() {
        if index.insert(term.to_owned(), i as u32).is_some() {
            return Err(Error::invalid(
                "vocabulary",
                format!("term {term:?} appears twice"),
            ));
        }
    }
    Ok(index)
}

/// Counts one document's term ids, in order of first appearance.
fn count_row(ids: impl Iterator<Item = u32>) -> Vec<(u32, f64)> {
    let mut at: HashMap<u32, usize> = HashMap::default();
    let mut row: Vec<(u32, f64)> = Vec::new();
    for id in ids {
        match at.get(&id) {
            Some(&i) => row[i].1 += 1.0,
            None => {
                at.insert(id, row.len());
                row.push((id, 1.0));
            }
        }
    }
    row
}

/// Builds a [`Corpus`] from batches of documents, so that texts can be read
/// and analyzed a batch at a time.
#[derive(Debug, Default)]
pub struct CorpusBuilder {
    index: HashMap<String, u32>,
    terms: Vec<String>,
    rows: Vec<Vec<(u32, f64)>>,
}

impl CorpusBuilder {
    /// Analyze and add a batch of texts.
    pub fn add<S: AsRef<str> + Sync>(&mut self, analyzer: &Analyzer, texts: &[S]) {
        self.add_terms(analyzer.analyze_many(texts));
    }

    /// Add a batch of already-analyzed documents.
    pub fn add_terms(&mut self, docs: Vec<Vec<String>>) {
        for terms in docs {
            let mut ids = Vec::with_capacity(terms.len());
            for term in terms {
                let next = self.terms.len() as u32;
                let id = *self.index.entry(term).or_insert_with_key(|t| {
                    self.terms.push(t.clone());
                    next
                });
                ids.push(id);
            }
            self.rows.push(count_row(ids.into_iter()));
        }
    }

    /// The corpus, with columns sorted by term.
    pub fn finish(self) -> Corpus {
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        let mut remap = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        let mut terms = self.terms;
        let sorted: Vec<String> = order
            .iter()
            .map(|&old| std::mem::take(&mut terms[old as usize]))
            .collect();
        let rows = self
            .rows
            .into_par_iter()
            .map(|row| {
                row.into_iter()
                    .map(|(c, v)| (remap[c as usize], v))
                    .collect()
            })
            .collect();
        let counts = CsrMatrix::from_rows(sorted.len(), rows);
        Corpus::from_parts(sorted, counts)
    }
}

/// Document and corpus frequencies of every term, accumulated batch by batch
/// without keeping the documents: memory grows with the vocabulary only.
/// This is what fitting a vocabulary on a corpus larger than memory needs.
///
/// # Examples
///
/// ```
/// use textlens::TermStats;
///
/// let mut stats = TermStats::default();
/// stats.add_terms(vec![vec!["a".into(), "a".into(), "b".into()]]);
/// stats.add_terms(vec![vec!["b".into()]]);
/// assert_eq!(stats.documents(), 2);
/// assert_eq!(stats.get("a"), Some((1, 2)));
/// assert_eq!(stats.get("b"), Some((2, 2)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TermStats {
    docs: u64,
    /// term → (document frequency, corpus frequency)
    stats: HashMap<String, (u64, u64)>,
}

impl TermStats {
    /// Add a batch of analyzed documents.
    pub fn add_terms(&mut self, docs: Vec<Vec<String>>) {
        for terms in docs {
            self.docs += 1;
            let mut seen: HashMap<String, u64> = HashMap::default();
            for term in terms {
                *seen.entry(term).or_insert(0) += 1;
            }
            for (term, n) in seen {
                let entry = self.stats.entry(term).or_insert((0, 0));
                entry.0 += 1;
                entry.1 += n;
            }
        }
    }

    /// Add the documents of a counted batch; with `binary`, a term counts
    /// once per document (as scikit-learn's `binary=True` ranks `max_features`).
    pub fn add_corpus(&mut self, batch: &Corpus, binary: bool) {
        self.docs += batch.len() as u64;
        let df = batch.doc_frequencies();
        let cf = if binary {
            df.clone()
        } else {
            batch.term_counts()
        };
        for ((term, df), cf) in batch.terms().iter().zip(df).zip(cf) {
            let entry = self.stats.entry(term.clone()).or_insert((0, 0));
            entry.0 += df;
            entry.1 += cf;
        }
    }

    /// Number of documents added.
    pub fn documents(&self) -> u64 {
        self.docs
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.stats.len()
    }

    /// Whether no term has been seen.
    pub fn is_empty(&self) -> bool {
        self.stats.is_empty()
    }

    /// `(document frequency, corpus frequency)` of a term.
    pub fn get(&self, term: &str) -> Option<(u64, u64)> {
        self.stats.get(term).copied()
    }

    /// The vocabulary that passes `trim`, sorted: what a vectorizer fitted on
    /// all the batches at once would keep.
    ///
    /// # Errors
    ///
    /// As [`Corpus::trim`].
    pub fn vocabulary(&self, trim: &Trim) -> Result<Vec<String>> {
        let mut terms: Vec<&String> = self.stats.keys().collect();
        terms.sort_unstable();
        let n = self.docs as usize;
        let low = trim.min_df.documents("min_df", n)?;
        let high = trim.max_df.documents("max_df", n)?;
        if high < low {
            return Err(Error::invalid(
                "max_df",
                "corresponds to < documents than min_df",
            ));
        }
        let mut kept: Vec<&String> = terms
            .into_iter()
            .filter(|t| {
                let df = self.stats[*t].0 as f64;
                df >= low && df <= high
            })
            .collect();
        if let Some(limit) = trim.max_features {
            if kept.len() > limit {
                let mut by_count = kept.clone();
                by_count.sort_by_key(|t| std::cmp::Reverse(self.stats[*t].1));
                by_count.truncate(limit);
                by_count.sort_unstable();
                kept = by_count;
            }
        }
        if kept.is_empty() {
            return Err(Error::invalid(
                "min_df/max_df",
                "after pruning, no terms remain; try a lower min_df or a higher max_df",
            ));
        }
        Ok(kept.into_iter().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[&str]) -> Vec<Vec<String>> {
        texts
            .iter()
            .map(|t| t.split_whitespace().map(String::from).collect())
            .collect()
    }

    #[test]
    fn columns_are_sorted_and_counts_exact() {
        let c = Corpus::from_terms(docs(&["b a b", "c", "a c c c"]));
        assert_eq!(c.terms(), ["a", "b", "c"]);
        assert_eq!(
            c.counts().to_dense().into_raw_vec_and_offset().0,
            [1.0, 2.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 3.0]
        );
        assert_eq!(c.term_counts(), [2, 2, 4]);
        assert_eq!(c.doc_frequencies(), [2, 1, 2]);
    }

    #[test]
    fn trim_like_scikit_learn() {
        let c = Corpus::from_terms(docs(&["a b c d", "a b c", "a b", "a e e e e"]));
        let t = c
            .trim(&Trim {
                min_df: DocFreq::Count(2),
                max_df: DocFreq::Proportion(0.9),
                ..Trim::default()
            })
            .unwrap();
        assert_eq!(t.terms(), ["b", "c"]);
        let t = c
            .trim(&Trim {
                max_features: Some(2),
                ..Trim::default()
            })
            .unwrap();
        assert_eq!(t.terms(), ["a", "e"]);
        // Ties at the cut go to the term that sorts first.
        let t = c
            .trim(&Trim {
                max_features: Some(3),
                ..Trim::default()
            })
            .unwrap();
        assert_eq!(t.terms(), ["a", "b", "e"]);
        assert!(c
            .trim(&Trim {
                min_df: DocFreq::Count(3),
                max_df: DocFreq::Count(2),
                ..Trim::default()
            })
            .is_err());
        assert!(c
            .trim(&Trim {
                min_df: DocFreq::Count(9),
                ..Trim::default()
            })
            .is_err());
        assert!(c
            .trim(&Trim {
                max_df: DocFreq::Proportion(1.5),
                ..Trim::default()
            })
            .is_err());
    }

    #[test]
    fn batches_equal_one_build_and_stats_equal_trim() {
        let all = docs(&["x y", "y z z", "x", "w x y z"]);
        let mut b = CorpusBuilder::default();
        b.add_terms(all[..2].to_vec());
        b.add_terms(all[2..].to_vec());
        let whole = Corpus::from_terms(all.clone());
        assert_eq!(b.finish(), whole);
        let mut stats = TermStats::default();
        stats.add_terms(all[..1].to_vec());
        stats.add_terms(all[1..].to_vec());
        let trim = Trim {
            min_df: DocFreq::Count(2),
            max_features: Some(2),
            ..Trim::default()
        };
        assert_eq!(
            stats.vocabulary(&trim).unwrap(),
            whole.trim(&trim).unwrap().terms()
        );
    }

    #[test]
    fn fixed_vocabulary_keeps_its_order_and_ignores_other_terms() {
        let c =
            Corpus::with_vocabulary(vec!["z".into(), "x".into()], docs(&["x y z z", "y"])).unwrap();
        assert_eq!(c.counts().row(0).collect::<Vec<_>>(), [(0, 2.0), (1, 1.0)]);
        assert_eq!(c.counts().row(1).count(), 0);
        assert!(Corpus::with_vocabulary(vec!["a".into(), "a".into()], vec![]).is_err());
    }
}
