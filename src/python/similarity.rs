//! The work behind `Corpus.similarity` and `Corpus.most_similar`: argument
//! parsing and the calls into `crate::compare::similarity`, the heavy part with the
//! GIL released.

use numpy::{PyArray2, PyArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use super::convert::{borrow_strs, numpy, py_texts};
use super::interrupt::{contained, interruptible, interruptible_with, text_bytes, Bar};
use super::ints::Int;
use crate::compare::similarity::{self, Metric, Search};
use crate::error::Error;
use crate::io::document::Document;
use crate::matrix::corpus::Corpus;
use crate::matrix::sparse::CsrMatrix;
use crate::matrix::weighting::{Norm, Weighting};
use crate::text::analyzer::Analyzer;

/// The metric and the weighting it is computed on.
pub(crate) fn parse_options(metric: &str, weighting: &str) -> PyResult<(Metric, Weighting)> {
    let metric: Metric = metric.parse()?;
    let w = match weighting {
        "auto" => metric.weighting(),
        "count" => Weighting::Count { norm: Norm::None },
        "binary" => Weighting::Binary { norm: Norm::None },
        "proportion" => Weighting::Proportion,
        "log" => Weighting::Log { norm: Norm::None },
        "augmented" => Weighting::Augmented {
            k: 0.5,
            norm: Norm::None,
        },
        "tfidf" => Weighting::tfidf(),
        "bm25" => Weighting::bm25(),
        other => {
            return Err(Error::invalid(
                "weighting",
                format!("{other:?} is not one of 'auto', 'count', 'binary', 'proportion', 'log', 'augmented', 'tfidf', 'bm25'"),
            )
            .into())
        }
    };
    if metric == Metric::Bm25 && !matches!(w, Weighting::Bm25 { .. }) {
        return Err(Error::invalid(
            "weighting",
            format!("metric 'bm25' is the cosine of BM25 weights; got weighting {weighting:?} (use 'auto' or 'bm25')"),
        )
        .into());
    }
    Ok((metric, w))
}

/// Counts of `texts` (a sequence of str) in the columns of `corpus`,
/// analyzed with `analyzer`.
pub(crate) fn text_counts(
    py: Python<'_>,
    corpus: &Corpus,
    analyzer: &Analyzer,
    arg: &str,
    texts: &Bound<'_, PyAny>,
) -> PyResult<CsrMatrix> {
    let texts = py_texts(arg, texts)?;
    let strs = borrow_strs(arg, &texts)?;
    if corpus.terms().is_empty() {
        return Err(Error::invalid("corpus", "has no terms: nothing to compare").into());
    }
    let terms = corpus.terms().to_vec();
    let counted = interruptible(py, text_bytes(&strs), |stop| {
        stop.run(|| Corpus::count_vocabulary(&stop.features(analyzer), &strs, terms))
    })?;
    Ok(counted.into_parts().1)
}

/// The dense matrix or the kept pairs.
pub(crate) enum Scores<'py> {
    Dense(Bound<'py, PyArray2<f64>>),
    Sparse(CsrMatrix),
}

/// `Corpus.similarity` once `other` is counts in the corpus's columns.
#[allow(clippy::too_many_arguments)]
pub(crate) fn similarity<'py>(
    py: Python<'py>,
    corpus: &Corpus,
    other: Option<CsrMatrix>,
    metric: &str,
    weighting: &str,
    top_k: Option<Int>,
    min_similarity: Option<f64>,
    progress: bool,
) -> PyResult<Scores<'py>> {
    let (metric, w) = parse_options(metric, weighting)?;
    let search = Search {
        // A top_k beyond the corpus (2**63 included) keeps every pair.
        top_k: top_k.map(|k| k.saturating("top_k", 1)).transpose()?,
        min_similarity,
    };
    let n = corpus.counts().shape().0;
    let m = other.as_ref().map_or(n, |o| o.shape().0);
    let cells = n.saturating_mul(m);
    // The bar counts rows of scores (a block of rows at a time).
    let bar = Bar::new(py, progress, n, "similarity", "row")?;
    if search.top_k.is_some() || search.min_similarity.is_some() {
        let kept = interruptible_with(py, cells, bar, |stop| {
            let (a, b) = similarity::weigh_against(corpus, other.as_ref(), &w)?;
            similarity::search_until(&a, b.as_ref(), metric, &search, stop)
        })?;
        return Ok(Scores::Sparse(kept));
    }
    // The result is written straight into numpy's memory, with no second
    // copy. `numpy.zeros` rather than `PyArray2::zeros`: a matrix too large
    // for memory is then a MemoryError, not a panic. numpy also asks Linux
    // for transparent huge pages on large arrays, so first touching a
    // 10,000² matrix costs ~400 page faults instead of ~200,000.
    numpy(py)?;
    let out = py
        .import("numpy")?
        .getattr("zeros")?
        .call1(((n, m),))?
        .cast_into::<PyArray2<f64>>()?;
    {
        let mut rw = out.try_readwrite()?;
        let buf = rw.as_slice_mut()?;
        // Interrupted, the half-written array is dropped with the error.
        interruptible_with(py, cells, bar, |stop| {
            similarity::weigh_pairwise_into_zeros(corpus, other.as_ref(), &w, metric, buf, stop)
        })?;
    }
    Ok(Scores::Dense(out))
}

/// `Corpus.most_similar`: `(document id, score)`, best first.
#[allow(clippy::too_many_arguments)]
pub(crate) fn most_similar(
    py: Python<'_>,
    corpus: &Corpus,
    docs: &[Document],
    analyzer: &Analyzer,
    doc: &Bound<'_, PyAny>,
    k: Int,
    metric: &str,
    weighting: &str,
) -> PyResult<Vec<(String, f64)>> {
    let (metric, w) = parse_options(metric, weighting)?;
    let k = k.saturating("k", 1)?;
    if corpus.is_empty() {
        return Err(Error::invalid("corpus", "has no documents: nothing to compare").into());
    }
    // An index or an id names a row of the corpus; any other str is a text.
    // Negative indices count from the end, as everywhere (keyness too).
    let row = if Int::is_int(doc) {
        Some(doc.extract::<Int>()?.index("doc", corpus.len())?)
    } else if let Ok(s) = doc.cast::<PyString>() {
        let s = s.to_str()?;
        docs.iter().position(|d| d.id == s)
    } else {
        return Err(PyTypeError::new_err(format!(
            "doc must be an int (index), a str (document id or text), not {}",
            doc.get_type().name()?
        )));
    };
    let query = match row {
        Some(_) => None,
        None => Some(text_counts(
            py,
            corpus,
            analyzer,
            "doc",
            &pyo3::types::PyList::new(py, [doc])?.into_any(),
        )?),
    };
    let best = contained(py, || {
        let (a, q) = similarity::weigh_against(corpus, query.as_ref(), &w)?;
        match (&q, row) {
            (Some(q), _) => similarity::most_similar(q, 0, &a, k, None, metric),
            (None, Some(i)) => similarity::most_similar(&a, i, &a, k, Some(i), metric),
            (None, None) => Err(Error::invalid("doc", "names no document")),
        }
    })?;
    Ok(best
        .into_iter()
        .map(|(j, s)| (docs[j].id.clone(), s))
        .collect())
}
