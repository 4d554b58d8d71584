//! Mergeable corpus state in Python: `CorpusStats`, `Corpus.merge`,
//! `Corpus.dtm_in` and pickling, what `textlens.dask` and `textlens.spark`
//! ship between workers.

use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use super::convert::array;
use super::corpus::{parse_trim, PyCorpus};
use super::docs::Docs;
use super::interrupt::contained;
use super::ints::Int;
use super::similarity::parse_options;
use crate::compare::similarity::{search, Search};
use crate::error::Error;
use crate::io::document::Document;
use crate::matrix::corpus::Corpus;
use crate::matrix::merge::CorpusStats;
use crate::matrix::sparse::CsrMatrix;
use crate::matrix::weighting::Weighting;
use crate::text::analyzer::{Analyzer, AnalyzerOptions};

fn json_error(e: serde_json::Error) -> PyErr {
    Error::invalid("state", e.to_string()).into()
}

/// Corpus statistics without the documents: the number of documents, the
/// sorted terms, their document frequencies and counts. What each partition
/// of a distributed corpus computes and sends to the reduce (memory grows
/// with the vocabulary only); :meth:`merge` is associative, so any tree of
/// merges over the partitions, in order, gives ``Corpus(all).stats()``.
/// Pickles compactly (bincode).
///
/// Example:
///     >>> import pickle, textlens
///     >>> an = textlens.Analyzer("en")
///     >>> a = textlens.Corpus(["Putin called Xi."], analyzer=an).stats()
///     >>> b = textlens.Corpus(["Xi called Putin back.", "Snow."], analyzer=an).stats()
///     >>> s = a.merge(b)
///     >>> s.terms, s.doc_frequencies.tolist(), s.n_documents
///     (['back', 'call', 'putin', 'snow', 'xi'], [1, 2, 2, 1, 2], 3)
///     >>> s == textlens.Corpus(["Putin called Xi.", "Xi called Putin back.", "Snow."],
///     ...                      analyzer=an).stats() == pickle.loads(pickle.dumps(s))
///     True
///     >>> s.trim(min_df=2).terms
///     ['call', 'putin', 'xi']
#[pyclass(name = "CorpusStats", module = "textlens", frozen, eq)]
#[derive(PartialEq)]
pub struct PyCorpusStats {
    pub(crate) inner: CorpusStats,
}

fn int_array<'py>(py: Python<'py>, v: &[u64]) -> PyResult<Bound<'py, PyArray1<i64>>> {
    array(py, v.iter().map(|&x| x as i64).collect())
}

#[pymethods]
impl PyCorpusStats {
    /// The statistics of these and ``other``'s documents together.
    fn merge(&self, py: Python<'_>, other: &Self) -> PyResult<Self> {
        let inner = contained(py, || Ok(self.inner.merge(&other.inner)))?;
        Ok(PyCorpusStats { inner })
    }

    /// Number of documents.
    #[getter]
    fn n_documents(&self) -> u64 {
        self.inner.documents()
    }

    /// The terms, sorted as :attr:`Corpus.terms`.
    #[getter]
    fn terms(&self) -> Vec<String> {
        self.inner.terms().to_vec()
    }

    /// In how many documents each term occurs (numpy int64).
    #[getter]
    fn doc_frequencies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<i64>>> {
        int_array(py, self.inner.doc_frequencies())
    }

    /// How often each term occurs (numpy int64).
    #[getter]
    fn term_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<i64>>> {
        int_array(py, self.inner.term_counts())
    }

    /// The statistics of the terms :meth:`Corpus.trim` keeps with these bounds.
    #[pyo3(signature = (*, min_df = None, max_df = None, max_features = None))]
    fn trim(
        &self,
        py: Python<'_>,
        min_df: Option<&Bound<'_, PyAny>>,
        max_df: Option<&Bound<'_, PyAny>>,
        max_features: Option<i64>,
    ) -> PyResult<Self> {
        let one = 1i64.into_pyobject(py)?.into_any();
        let all = 1.0f64.into_pyobject(py)?.into_any();
        let trim = parse_trim(min_df.unwrap_or(&one), max_df.unwrap_or(&all), max_features)?;
        let inner = contained(py, || self.inner.trim(&trim))?;
        Ok(PyCorpusStats { inner })
    }

    fn __len__(&self) -> usize {
        self.inner.terms().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "CorpusStats({} documents, {} terms)",
            self.inner.documents(),
            self.inner.terms().len()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let bytes = slf.get().inner.to_bytes()?;
        let f = py
            .import("textlens._textlens")?
            .getattr("_stats_from_state")?;
        Ok((f, (PyBytes::new(py, &bytes),).into_pyobject(py)?))
    }
}

#[pyfunction]
pub(crate) fn _stats_from_state(py: Python<'_>, state: &[u8]) -> PyResult<PyCorpusStats> {
    let inner = contained(py, || CorpusStats::from_bytes(state))?;
    Ok(PyCorpusStats { inner })
}

/// `Corpus.merge`: documents of `a` then `b`, one analyzer.
pub(crate) fn merge(py: Python<'_>, a: &PyCorpus, b: &PyCorpus) -> PyResult<PyCorpus> {
    if a.analyzer_ref().options() != b.analyzer_ref().options() {
        return Err(Error::invalid(
            "other",
            "was built with another analyzer: merged terms would not be comparable",
        )
        .into());
    }
    let inner = contained(py, || Ok(a.corpus().merge(b.corpus())))?;
    Ok(PyCorpus::from_docs(
        inner,
        Docs::concat(py, a.documents_ref(), b.documents_ref()),
        a.analyzer_ref().clone(),
    ))
}

/// `Corpus.stats`.
pub(crate) fn stats(py: Python<'_>, c: &PyCorpus) -> PyResult<PyCorpusStats> {
    let inner = contained(py, || Ok(CorpusStats::of(c.corpus())))?;
    Ok(PyCorpusStats { inner })
}

/// `Corpus.dtm_in`.
pub(crate) fn dtm_in(
    py: Python<'_>,
    c: &PyCorpus,
    stats: &PyCorpusStats,
    weighting: &Weighting,
) -> PyResult<crate::matrix::sparse::CsrMatrix> {
    contained(py, || c.corpus().dtm_in(&stats.inner, weighting))
}

/// `Corpus.similarity_in`: both sides weighted with the whole corpus's
/// statistics, then the kept pairs of a search.
#[allow(clippy::too_many_arguments)]
pub(crate) fn similarity_in(
    py: Python<'_>,
    c: &PyCorpus,
    stats: &PyCorpusStats,
    other: Option<&PyCorpus>,
    metric: &str,
    weighting: &str,
    top_k: Option<Int>,
    min_similarity: Option<f64>,
) -> PyResult<CsrMatrix> {
    let (metric, w) = parse_options(metric, weighting)?;
    if top_k.is_none() && min_similarity.is_none() {
        return Err(Error::invalid(
            "top_k/min_similarity",
            "give at least one (the dense matrix of a block is Corpus.similarity's)",
        )
        .into());
    }
    let keep = Search {
        // A top_k beyond the block keeps every pair, as in Corpus.similarity.
        top_k: top_k.map(|k| k.saturating("top_k", 1)).transpose()?,
        min_similarity,
    };
    contained(py, || {
        let a = c.corpus().dtm_in(&stats.inner, &w)?;
        let b = match other {
            Some(o) => Some(o.corpus().dtm_in(&stats.inner, &w)?),
            None => None,
        };
        search(&a, b.as_ref(), metric, &keep)
    })
}

/// `Corpus.__reduce__`: `(_corpus_from_state, (counts, documents, analyzer))`,
/// the counts in bincode; documents and analyzer options in JSON (their
/// free-form metadata needs a self-describing format).
pub(crate) fn reduce<'py>(
    slf: &Bound<'py, PyCorpus>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
    let py = slf.py();
    let c = slf.get();
    let counts = c.corpus().to_bytes()?;
    let docs = serde_json::to_string(c.docs(py)?).map_err(json_error)?;
    let analyzer = serde_json::to_string(c.analyzer_ref().options()).map_err(json_error)?;
    let f = py
        .import("textlens._textlens")?
        .getattr("_corpus_from_state")?;
    Ok((
        f,
        (PyBytes::new(py, &counts), docs, analyzer).into_pyobject(py)?,
    ))
}

#[pyfunction]
pub(crate) fn _corpus_from_state(
    py: Python<'_>,
    counts: &[u8],
    documents: &str,
    analyzer: &str,
) -> PyResult<PyCorpus> {
    let inner = contained(py, || Corpus::from_bytes(counts))?;
    let docs: Vec<Document> = serde_json::from_str(documents).map_err(json_error)?;
    let options: AnalyzerOptions = serde_json::from_str(analyzer).map_err(json_error)?;
    if docs.len() != inner.len() {
        return Err(Error::invalid("state", "documents and rows differ in number").into());
    }
    Ok(PyCorpus::from_parts(inner, docs, Analyzer::new(options)?))
}
