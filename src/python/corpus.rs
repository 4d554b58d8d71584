//! `Corpus` and the engine behind `textlens.sklearn`.

use std::sync::Arc;

use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::convert::{array, borrow_strs, count_arg, dense_array, not_a_str, py_texts};
use super::docs::{encode, Docs};
use super::interrupt::{contained, interruptible, interruptible_with, text_bytes, Bar};
use super::ints::Int;
use super::memory::release_after;
use super::similarity;
use super::{PyAnalyzer, PyDocument};
use crate::error::Error;
use crate::io::document::Document;
use crate::matrix::corpus::{Corpus, DocFreq, TermStats, Trim};
use crate::matrix::features::Features;
use crate::matrix::sklearn::{
    hash_features, hash_texts, PackedTerms, SkAnalysis, SkUnit, StripAccents,
};
use crate::matrix::sparse::CsrMatrix;
use crate::matrix::weighting::{Idf, Norm, Weighting};
use crate::stats::keyness::{
    corpus_keyness, frequencies, group_counts, GroupOrder, KeynessOptions, Measure, Reference,
};
use crate::text::analyzer::{Analyzer, AnalyzerOptions};

/// A `scipy.sparse.csr_array` (float64) from a CSR matrix.
pub(crate) fn to_scipy<'py>(py: Python<'py>, m: CsrMatrix) -> PyResult<Bound<'py, PyAny>> {
    let shape = m.shape();
    let arrays = csr_arrays(py, m)?;
    let csr = py.import("scipy.sparse")?.getattr("csr_array")?;
    csr.call1((arrays, shape))
}

/// `(data, indices, indptr)`.
type CsrArrays<'py> = (Bound<'py, PyAny>, Bound<'py, PyAny>, Bound<'py, PyAny>);

/// `(data, indices, indptr)` as numpy arrays, the index arrays int32 when
/// every index fits (as scipy and scikit-learn make them), else int64.
fn csr_arrays<'py>(py: Python<'py>, m: CsrMatrix) -> PyResult<CsrArrays<'py>> {
    csr_arrays_as(py, m, false)
}

/// [`csr_arrays`], the data as int64 when `int_data` (counts, for a caller
/// that wants integers: converted in place, not copied again in numpy).
fn csr_arrays_as<'py>(py: Python<'py>, m: CsrMatrix, int_data: bool) -> PyResult<CsrArrays<'py>> {
    let small = i32::try_from(m.nnz()).is_ok() && i32::try_from(m.n_cols).is_ok();
    let data = if int_data {
        let ints: Vec<i64> = m.data.into_iter().map(|v| v as i64).collect();
        array(py, ints)?.into_any()
    } else {
        array(py, m.data)?.into_any()
    };
    if small {
        let indices: Vec<i32> = m.indices.into_iter().map(|i| i as i32).collect();
        let indptr: Vec<i32> = m.indptr.into_iter().map(|i| i as i32).collect();
        Ok((
            data,
            array(py, indices)?.into_any(),
            array(py, indptr)?.into_any(),
        ))
    } else {
        let indices: Vec<i64> = m.indices.into_iter().map(i64::from).collect();
        let indptr: Vec<i64> = m.indptr.into_iter().map(|i| i as i64).collect();
        Ok((
            data,
            array(py, indices)?.into_any(),
            array(py, indptr)?.into_any(),
        ))
    }
}

/// An index array of either width as `usize`s; negative entries are an error.
fn index_vec(name: &str, array: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let bad = || Error::invalid("X", format!("{name} is not a valid CSR index array"));
    if let Ok(a) = array.extract::<PyReadonlyArray1<'_, i32>>() {
        a.as_slice()?
            .iter()
            .map(|&v| usize::try_from(v).map_err(|_| bad().into()))
            .collect()
    } else {
        let a: PyReadonlyArray1<'_, i64> = array.extract()?;
        a.as_slice()?
            .iter()
            .map(|&v| usize::try_from(v).map_err(|_| bad().into()))
            .collect()
    }
}

fn doc_freq(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<DocFreq> {
    if value.is_instance_of::<pyo3::types::PyBool>() {
        return Err(Error::invalid(name, "must be an int or a float, not a bool").into());
    }
    if let Ok(n) = value.extract::<i64>() {
        return u64::try_from(n)
            .map(DocFreq::Count)
            .map_err(|_| Error::invalid(name, format!("must be >= 0, got {n}")).into());
    }
    let p: f64 = value.extract()?;
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::invalid(name, format!("float {p} is not in [0.0, 1.0]")).into());
    }
    Ok(DocFreq::Proportion(p))
}

pub(crate) fn parse_trim(
    min_df: &Bound<'_, PyAny>,
    max_df: &Bound<'_, PyAny>,
    max_features: Option<impl Into<Int>>,
) -> PyResult<Trim> {
    let max_features = max_features
        .map(|n| count_arg("max_features", n))
        .transpose()?;
    Ok(Trim {
        min_df: doc_freq("min_df", min_df)?,
        max_df: doc_freq("max_df", max_df)?,
        max_features,
    })
}

fn parse_norm(norm: Option<&str>) -> PyResult<Norm> {
    match norm {
        None => Ok(Norm::None),
        Some("l1") => Ok(Norm::L1),
        Some("l2") => Ok(Norm::L2),
        Some(other) => {
            Err(Error::invalid("norm", format!("{other:?} is not one of 'l1', 'l2', None")).into())
        }
    }
}

/// Build a weighting from the keyword arguments of `Corpus.dtm`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse_weighting(
    weighting: &str,
    idf: &str,
    norm: Option<&str>,
    sublinear_tf: bool,
    k: f64,
    k1: f64,
    b: f64,
    base: f64,
) -> PyResult<Weighting> {
    let norm_or = |default: Norm| -> PyResult<Norm> {
        match norm {
            Some("auto") => Ok(default),
            other => parse_norm(other),
        }
    };
    let w = match weighting {
        "count" => Weighting::Count { norm: norm_or(Norm::None)? },
        "binary" => Weighting::Binary { norm: norm_or(Norm::None)? },
        "proportion" => Weighting::Proportion,
        "log" => Weighting::Log { norm: norm_or(Norm::None)? },
        "augmented" => Weighting::Augmented { k, norm: norm_or(Norm::None)? },
        "tfidf" => Weighting::Tfidf {
            idf: match idf {
                "smooth" => Idf::Smooth,
                "plain" => Idf::Plain,
                "inverse" => Idf::Inverse,
                "inversemax" => Idf::InverseMax,
                "inverseprob" => Idf::InverseProb,
                other => {
                    return Err(Error::invalid(
                        "idf",
                        format!("{other:?} is not one of 'smooth', 'plain', 'inverse', 'inversemax', 'inverseprob'"),
                    )
                    .into())
                }
            },
            base,
            sublinear_tf,
            binary: false,
            norm: norm_or(Norm::L2)?,
        },
        "bm25" => Weighting::Bm25 { k1, b },
        other => {
            return Err(Error::invalid(
                "weighting",
                format!("{other:?} is not one of 'count', 'binary', 'proportion', 'log', 'augmented', 'tfidf', 'bm25'"),
            )
            .into())
        }
    };
    w.validate()?;
    Ok(w)
}

/// Documents analyzed once: the vocabulary and the term counts.
///
/// Args:
///     documents: a sequence of str or :class:`Document` (see :func:`read_articles`),
///         or a pandas DataFrame (its ``text_column``; ids from an ``id`` column
///         or the index, other columns as metadata) or Series of texts.
///     analyzer: the :class:`Analyzer` (default ``Analyzer()``: language
///         detected per document, stopwords removed, Snowball stems).
///     metadata: optional list of dicts, one per document: ``id``, ``date``,
///         ``source`` and ``lang`` (strings) set those fields, every other key
///         goes into the document's ``meta``.
///     text_column: the DataFrame column holding the texts (``"text"``); a
///         DataFrame without it raises ``KeyError``.
///     progress: a tqdm bar (the ``progress`` extra) counting the
///         documents analyzed; the corpus is the same as without it.
///
/// Documents are analyzed in parallel with the GIL released (Ctrl-C stops
/// it). Columns are the terms sorted as scikit-learn sorts its vocabulary;
/// rows follow the input. Documents given as ``str`` are kept as those
/// strings, not copied: counting encodes them a batch at a time, and what
/// reads the texts again (:attr:`documents`, :meth:`statistics`, pickling, …)
/// copies them once, on first use.
///
/// Example:
///     >>> import textlens
///     >>> texts = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."]
///     >>> c = textlens.Corpus(texts, analyzer=textlens.Analyzer("en"))
///     >>> c.terms
///     ['back', 'call', 'moscow', 'putin', 'snow', 'xi']
///     >>> c.dtm().toarray()[0].tolist()
///     [0.0, 1.0, 0.0, 1.0, 0.0, 1.0]
///     >>> round(float(c.dtm("tfidf")[0, 1]), 4)
///     0.5774
///     >>> c.trim(min_df=2).terms
///     ['call', 'putin', 'xi']
#[pyclass(name = "Corpus", module = "textlens", frozen)]
pub struct PyCorpus {
    inner: Corpus,
    /// Shared with the corpora `trim` makes.
    docs: Arc<Docs>,
    analyzer: Analyzer,
}

impl PyCorpus {
    /// The documents with their texts, in row order (see [`Docs::get`]).
    pub(crate) fn docs(&self, py: Python<'_>) -> PyResult<&[Document]> {
        self.docs.get(py)
    }

    /// The document ids, in row order.
    fn ids(&self) -> Vec<String> {
        self.docs.metadata().iter().map(|d| d.id.clone()).collect()
    }

    /// The counts.
    pub(crate) fn corpus(&self) -> &Corpus {
        &self.inner
    }

    /// The analyzer.
    pub(crate) fn analyzer_ref(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The documents, as kept.
    pub(crate) fn documents_ref(&self) -> &Docs {
        &self.docs
    }

    pub(crate) fn from_parts(inner: Corpus, docs: Vec<Document>, analyzer: Analyzer) -> Self {
        PyCorpus::from_docs(inner, Docs::owned(docs), analyzer)
    }

    pub(crate) fn from_docs(inner: Corpus, docs: Docs, analyzer: Analyzer) -> Self {
        PyCorpus {
            inner,
            docs: Arc::new(docs),
            analyzer,
        }
    }
}

/// The documents of a sequence of str or `Document` (a str gets its
/// position as id), or of a pandas DataFrame read as `read_articles` reads
/// it (the text column, ids from the index). A single str is a TypeError.
pub(crate) fn documents_of(
    py: Python<'_>,
    documents: &Bound<'_, PyAny>,
    text_column: &str,
) -> PyResult<Vec<Document>> {
    docs_of(py, documents, text_column)?.into_documents(py)
}

/// [`documents_of`], the documents given as `str` kept as their strings.
fn docs_of(py: Python<'_>, documents: &Bound<'_, PyAny>, text_column: &str) -> PyResult<Docs> {
    // Iterating a DataFrame gives its column names: read it as
    // `read_articles` does (the text column, ids from the index) instead.
    let converted;
    let documents = if super::display::is_pandas(documents)? {
        let kwargs = PyDict::new(py);
        kwargs.set_item("text_column", text_column)?;
        converted = py
            .import("textlens._documents")?
            .getattr("read_articles")?
            .call((documents,), Some(&kwargs))?;
        &converted
    } else {
        documents
    };
    if documents.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "documents must be a sequence of str or Document, not a single str",
        ));
    }
    let mut docs = Vec::new();
    let mut strs = Vec::new();
    for (i, item) in documents.try_iter()?.enumerate() {
        let item = match item?.cast_into::<PyString>() {
            Ok(s) => {
                docs.push(Document {
                    id: i.to_string(),
                    ..Document::default()
                });
                strs.push(Some(s.unbind()));
                continue;
            }
            Err(e) => e.into_inner(),
        };
        if let Ok(d) = item.cast::<PyDocument>() {
            docs.push(d.borrow().inner.clone());
            strs.push(None);
        } else {
            return Err(not_a_str("documents", i, &item));
        }
    }
    Ok(Docs::with_strs(docs, strs))
}

#[pymethods]
impl PyCorpus {
    #[new]
    #[pyo3(signature = (documents, *, analyzer = None, metadata = None, text_column = "text", progress = false))]
    fn new(
        py: Python<'_>,
        documents: &Bound<'_, PyAny>,
        analyzer: Option<PyRef<'_, PyAnalyzer>>,
        metadata: Option<&Bound<'_, PyAny>>,
        text_column: &str,
        progress: bool,
    ) -> PyResult<Self> {
        let mut docs = docs_of(py, documents, text_column)?;
        if let Some(meta) = metadata {
            let rows: Vec<Bound<'_, PyDict>> = meta.extract()?;
            if rows.len() != docs.len() {
                return Err(Error::invalid(
                    "metadata",
                    format!("has {} rows for {} documents", rows.len(), docs.len()),
                )
                .into());
            }
            for (doc, row) in docs.metadata_mut().iter_mut().zip(rows) {
                if let serde_json::Value::Object(map) = super::convert::py_to_json(row.as_any())? {
                    doc.merge_meta(map);
                }
            }
        }
        let analyzer = match analyzer {
            Some(a) => a.inner.clone(),
            None => Analyzer::new(AnalyzerOptions::default())?,
        };
        let bar = Bar::new(py, progress, docs.len(), "Corpus", "doc")?;
        let size = docs.size(py);
        // The `str`s are encoded a batch at a time, with the GIL taken back
        // for it (an encoding error is a UnicodeEncodeError naming the item).
        let inner = interruptible_with(py, size, bar, |stop| {
            stop.run(|| {
                let fetch = |range| Python::attach(|py| docs.texts(py, range));
                Ok(Corpus::count_fetched(
                    &stop.features(&analyzer),
                    docs.len(),
                    fetch,
                ))
            })
        })??;
        release_after(size);
        Ok(PyCorpus {
            inner,
            docs: Arc::new(docs),
            analyzer,
        })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The terms, in column order.
    #[getter]
    fn terms(&self) -> Vec<String> {
        self.inner.terms().to_vec()
    }

    /// Term → column.
    #[getter]
    fn vocabulary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (i, t) in self.inner.terms().iter().enumerate() {
            d.set_item(t, i)?;
        }
        Ok(d)
    }

    /// In how many documents each term occurs (numpy int64, column order).
    #[getter]
    fn doc_frequencies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<i64>>> {
        array(
            py,
            self.inner
                .doc_frequencies()
                .into_iter()
                .map(|v| v as i64)
                .collect(),
        )
    }

    /// How often each term occurs in the corpus (numpy int64, column order).
    #[getter]
    fn term_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<i64>>> {
        array(
            py,
            self.inner
                .term_counts()
                .into_iter()
                .map(|v| v as i64)
                .collect(),
        )
    }

    /// The documents (copies), in row order; the texts of documents given
    /// as ``str`` are copied on the first call and kept.
    #[getter]
    fn documents(&self, py: Python<'_>) -> PyResult<Vec<PyDocument>> {
        Ok(self
            .docs(py)?
            .iter()
            .cloned()
            .map(|inner| PyDocument { inner })
            .collect())
    }

    /// The analyzer the corpus was built with.
    #[getter]
    fn analyzer(&self) -> PyAnalyzer {
        PyAnalyzer {
            inner: self.analyzer.clone(),
        }
    }

    /// One row per group: each group's counts are the sum of its documents'
    /// counts (quanteda's ``dfm_group``); terms are unchanged.
    ///
    /// Args:
    ///     key: ``"source"``, ``"date"``, ``"lang"``, ``"id"``, a metadata
    ///         key, or a sequence of labels, one per document (each made a
    ///         ``str``; ``None`` and NaN are missing labels). Every document
    ///         needs a label.
    ///     sort: groups sorted by label instead of in order of first appearance.
    ///     missing: the label of documents without the field or metadata
    ///         key, or with a missing label (default ``None``: such a
    ///         document is an error).
    ///
    /// Returns:
    ///     A :class:`Corpus` whose documents are the groups: the label as
    ///     ``id``, the member texts joined by a blank line, the ``source``,
    ///     ``date`` and ``lang`` all members share (else ``None``) and
    ///     ``meta["n_documents"]``.
    ///
    /// Raises:
    ///     InvalidOptionError: a key no document has, a document without the
    ///         key or label (and no ``missing``), or a list of labels of the
    ///         wrong length.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> docs = [textlens.Document("Putin met Xi.", source="TASS"),
    ///     ...         textlens.Document("Xi met Putin again.", source="ARD"),
    ///     ...         textlens.Document("Putin praised Xi.", source="TASS")]
    ///     >>> g = textlens.Corpus(docs, analyzer=textlens.Analyzer("en")).group_by("source")
    ///     >>> [d.id for d in g.documents], g.terms
    ///     (['TASS', 'ARD'], ['met', 'prais', 'putin', 'xi'])
    ///     >>> g.dtm().toarray().tolist()
    ///     [[1.0, 1.0, 2.0, 2.0], [1.0, 0.0, 1.0, 1.0]]
    #[pyo3(signature = (key, *, sort = false, missing = None))]
    fn group_by(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        sort: bool,
        missing: Option<&str>,
    ) -> PyResult<Self> {
        let order = if sort {
            GroupOrder::Sorted
        } else {
            GroupOrder::FirstAppearance
        };
        let groups = super::keyness::groups("key", self.docs.metadata(), key, order, missing)?;
        let inner = contained(py, || group_counts(&self.inner, &groups))?;
        Ok(PyCorpus {
            inner,
            docs: Arc::new(Docs::owned(super::keyness::group_documents(
                self.docs(py)?,
                &groups,
            ))),
            analyzer: self.analyzer.clone(),
        })
    }

    /// A frequency table, as quanteda's ``textstat_frequency``.
    ///
    /// Args:
    ///     groups: ``None`` (one group, ``"all"``) or a key as in
    ///         :meth:`group_by`; groups come in order of first appearance.
    ///     n: at most this many rows per group.
    ///
    /// Returns:
    ///     Columns ``term``, ``frequency`` (count in the group), ``rank`` (1 =
    ///     most frequent; ties share the lowest rank, R's ``"min"``, quanteda's
    ///     default), ``docfreq`` (documents of the group with the term) and
    ///     ``group``; within a group the most frequent first (ties
    ///     alphabetical), only terms that occur in it. A ``pandas.DataFrame``
    ///     when pandas is installed, else a list of dicts (one per row).
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> c = textlens.Corpus(["a a b b c d", "a d d d", "a a a"],
    ///     ...                     analyzer=textlens.Analyzer("en", stopwords=False, stem=False))
    ///     >>> c.frequencies().values.tolist()
    ///     [['a', 6, 1, 3, 'all'], ['d', 4, 2, 2, 'all'], ['b', 2, 3, 1, 'all'], ['c', 1, 4, 1, 'all']]
    ///     >>> c.frequencies(groups=["one", "two", "one"], n=2).values.tolist()
    ///     [['a', 5, 1, 2, 'one'], ['b', 2, 2, 1, 'one'], ['d', 3, 1, 1, 'two'], ['a', 1, 2, 1, 'two']]
    #[pyo3(signature = (*, groups = None, n = None))]
    fn frequencies<'py>(
        &self,
        py: Python<'py>,
        groups: Option<&Bound<'py, PyAny>>,
        n: Option<Int>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let n = n.map(|n| count_arg("n", n)).transpose()?;
        let groups = groups
            .map(|g| {
                super::keyness::groups(
                    "groups",
                    self.docs.metadata(),
                    g,
                    GroupOrder::FirstAppearance,
                    None,
                )
            })
            .transpose()?;
        let rows = contained(py, || frequencies(&self.inner, groups.as_ref(), n))?;
        super::keyness::frequency_table(py, rows)
    }

    /// Keyness: which terms distinguish a target from a reference, as
    /// quanteda's ``textstat_keyness``.
    ///
    /// Args:
    ///     target: a group label (with ``groups``), or a sequence of document
    ///         positions (int), of document ids (str), or a boolean mask.
    ///     reference: ``None`` (every other document), a selection as
    ///         ``target`` (disjoint from it), or external counts, a dict
    ///         term → count (terms not in the corpus are added).
    ///     groups: a key as in :meth:`group_by`, needed for group labels.
    ///     measure: ``"chi2"`` (Pearson; Yates-corrected with ``correction``),
    ///         ``"g2"`` (also ``"lr"``: G² = 2 Σ O ln(O/E), no correction),
    ///         ``"pmi"`` (ln(a / E_a)), ``"log_ratio"``
    ///         (log2(((a + 0.5)/n_t) / ((b + 0.5)/n_r))), ``"pct_diff"``
    ///         (100 (a/n_t − b/n_r) / (b/n_r)) or ``"log_odds"`` (z-score of
    ///         Monroe, Colaresi & Quinn's log-odds ratio with an informative
    ///         Dirichlet prior: prior counts = ``prior_scale`` × the whole
    ///         corpus's counts, plus the external counts if given).
    ///     correction: Yates' continuity correction for chi2 (as scipy's
    ///         ``chi2_contingency``).
    ///     prior_scale: the log-odds prior's scale (1: the corpus counts themselves).
    ///     n: keep the first ``n`` rows.
    ///
    /// Returns:
    ///     Columns ``term``, the measure (named as ``measure``; chi2 and g2
    ///     signed: negative when under-represented, as quanteda), ``p`` (chi²
    ///     with 1 df for chi2 and g2, two-sided normal for log_odds, NaN
    ///     otherwise), ``sign`` (+1 when the term's relative frequency is
    ///     higher in the target, −1 lower), ``n_target``, ``n_reference``;
    ///     sorted by the measure, descending; only terms in the target or the
    ///     reference. A ``pandas.DataFrame``, or a list of dicts without pandas.
    ///
    /// Raises:
    ///     InvalidOptionError: unknown measure, group or document id; an empty
    ///         target or reference; overlapping target and reference.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> docs = [textlens.Document("Kremlin says Kremlin talks.", source="TASS"),
    ///     ...         textlens.Document("The Kremlin spoke.", source="TASS"),
    ///     ...         textlens.Document("Peace talks in Berlin.", source="ARD"),
    ///     ...         textlens.Document("Berlin weather.", source="ARD")]
    ///     >>> c = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
    ///     >>> k = c.keyness("TASS", groups="source", measure="g2")
    ///     >>> k[["term", "sign", "n_target", "n_reference"]].values.tolist()[:2]
    ///     [['kremlin', 1, 3, 0], ['say', 1, 1, 0]]
    ///     >>> k.term.iloc[-1], round(float(k.g2.iloc[-1]), 3)
    ///     ('berlin', -3.701)
    #[pyo3(signature = (target, *, reference = None, groups = None, measure = "chi2", correction = true, prior_scale = 1.0, n = None))]
    #[allow(clippy::too_many_arguments)]
    fn keyness<'py>(
        &self,
        py: Python<'py>,
        target: &Bound<'py, PyAny>,
        reference: Option<&Bound<'py, PyAny>>,
        groups: Option<&Bound<'py, PyAny>>,
        measure: &str,
        correction: bool,
        prior_scale: f64,
        n: Option<Int>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let n = n.map(|n| count_arg("n", n)).transpose()?;
        let measure: Measure = measure.parse()?;
        let options = KeynessOptions {
            measure,
            correction,
            prior_scale,
        };
        let labels = groups
            .map(|g| super::keyness::labels("groups", self.docs.metadata(), g, None))
            .transpose()?;
        let select = |option, spec| {
            super::keyness::selection(option, self.docs.metadata(), spec, labels.as_deref())
        };
        let target = select("target", target)?;
        enum Ref {
            Rest,
            Docs(Vec<bool>),
            Counts(Vec<(String, u64)>),
        }
        let reference = match reference {
            None => Ref::Rest,
            Some(r) => match r.cast::<PyDict>() {
                Ok(d) => Ref::Counts(super::keyness::external_counts(d)?),
                Err(_) => Ref::Docs(select("reference", r)?),
            },
        };
        let mut rows = contained(py, || {
            let reference = match &reference {
                Ref::Rest => Reference::Rest,
                Ref::Docs(m) => Reference::Documents(m),
                Ref::Counts(c) => Reference::Counts(c),
            };
            corpus_keyness(&self.inner, &target, reference, &options)
        })?;
        if let Some(n) = n {
            rows.truncate(n);
        }
        super::keyness::keyness_table(py, measure.name(), rows)
    }

    /// The document-term matrix.
    ///
    /// Args:
    ///     weighting: ``"count"`` (default), ``"binary"``, ``"proportion"``
    ///         (count / document length), ``"log"`` (1 + ln count),
    ///         ``"augmented"`` (k + (1 − k) count / max count), ``"tfidf"``
    ///         or ``"bm25"``.
    ///     idf: for tfidf: ``"smooth"`` (scikit-learn's default,
    ///         ln((1 + n) / (1 + df)) + 1), ``"plain"`` (ln(n / df) + 1),
    ///         or quanteda's ``"inverse"`` (log(n / df)), ``"inversemax"``
    ///         (log(max df / df)), ``"inverseprob"`` (log((n − df) / df), ≥ 0)
    ///         in ``base`` (10).
    ///     norm: ``"l1"``, ``"l2"`` or ``None``; ``"auto"`` is l2 for tfidf
    ///         and none otherwise (proportion and bm25 are never normalized).
    ///     sublinear_tf: for tfidf, 1 + ln(count) instead of count.
    ///     k: for augmented (0.5). k1, b: for bm25 (1.2, 0.75).
    ///     dense: return a numpy array instead of a ``scipy.sparse.csr_array``.
    ///     as_frame: return a pandas DataFrame labelled with the document ids
    ///         (rows) and terms (columns): sparse columns unless ``dense``.
    ///
    /// ``dtm("tfidf")`` equals scikit-learn's ``TfidfTransformer()`` on ``dtm()``.
    #[pyo3(signature = (weighting = "count", *, idf = "smooth", norm = Some("auto"), sublinear_tf = false, k = 0.5, k1 = 1.2, b = 0.75, base = 10.0, dense = false, as_frame = false))]
    #[allow(clippy::too_many_arguments)]
    fn dtm<'py>(
        &self,
        py: Python<'py>,
        weighting: &str,
        idf: &str,
        norm: Option<&str>,
        sublinear_tf: bool,
        k: f64,
        k1: f64,
        b: f64,
        base: f64,
        dense: bool,
        as_frame: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let w = parse_weighting(weighting, idf, norm, sublinear_tf, k, k1, b, base)?;
        let m = contained(py, || self.inner.dtm(&w))?;
        let out = if dense {
            dense_array(py, m.to_dense())?.into_any()
        } else {
            to_scipy(py, m)?
        };
        if !as_frame {
            return Ok(out);
        }
        let columns = self.terms();
        super::display::labelled(&out, self.ids(), Some(columns))
    }

    /// A corpus restricted to the terms in at least ``min_df`` and at most
    /// ``max_df`` documents (int: a count, float: a proportion), then to the
    /// ``max_features`` most frequent (ties: the term that sorts first).
    ///
    /// Raises:
    ///     InvalidOptionError: bounds out of range, max_df below min_df, or no term left.
    #[pyo3(signature = (*, min_df = None, max_df = None, max_features = None))]
    fn trim(
        &self,
        py: Python<'_>,
        min_df: Option<&Bound<'_, PyAny>>,
        max_df: Option<&Bound<'_, PyAny>>,
        max_features: Option<Int>,
    ) -> PyResult<Self> {
        let one = 1i64.into_pyobject(py)?.into_any();
        let all = 1.0f64.into_pyobject(py)?.into_any();
        let trim = parse_trim(min_df.unwrap_or(&one), max_df.unwrap_or(&all), max_features)?;
        let inner = contained(py, || self.inner.trim(&trim))?;
        Ok(PyCorpus {
            inner,
            docs: Arc::clone(&self.docs),
            analyzer: self.analyzer.clone(),
        })
    }

    /// Clusters of near-duplicate documents, by document id: see
    /// :func:`textlens.near_duplicates` for the parameters.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> story = "Heavy rain flooded the northern provinces for a third day on Thursday."
    ///     >>> docs = [textlens.Document(story, id="a"), textlens.Document("Markets fell.", id="b"),
    ///     ...         textlens.Document(story.upper(), id="c")]
    ///     >>> textlens.Corpus(docs).near_duplicates()
    ///     [['a', 'c']]
    #[pyo3(signature = (threshold = 0.8, *, num_perm = Int::Fits(128), seed = Int::Fits(1), shingle = Int::Fits(5), unit = "word", exact = false, weights = (0.1, 0.9), progress = false),
           text_signature = "($self, threshold=0.8, *, num_perm=128, seed=1, shingle=5, unit='word', exact=False, weights=(0.1, 0.9), progress=False)")]
    #[allow(clippy::too_many_arguments)]
    fn near_duplicates(
        &self,
        py: Python<'_>,
        threshold: f64,
        num_perm: Int,
        seed: Int,
        shingle: Int,
        unit: &str,
        exact: bool,
        weights: (f64, f64),
        progress: bool,
    ) -> PyResult<Vec<Vec<String>>> {
        use super::minhash::{corpus_near_duplicates, near_dup_options};
        let options = near_dup_options(threshold, num_perm, seed, shingle, unit, exact, weights)?;
        corpus_near_duplicates(py, self.docs(py)?, &options, progress)
    }

    /// Similarity of every document with every document of ``other``.
    ///
    /// Args:
    ///     other: ``None`` (this corpus against itself), another
    ///         :class:`Corpus` (its counts matched to this corpus's terms;
    ///         terms this corpus lacks are dropped) or a list of texts
    ///         (analyzed with this corpus's analyzer). Either way the idf
    ///         (and BM25's) comes from *this* corpus: it is the collection
    ///         that says how rare a term is.
    ///     metric: ``"cosine"`` (default), ``"jaccard"``, ``"dice"`` (term
    ///         sets), ``"extended_jaccard"`` (Tanimoto on weights),
    ///         ``"pearson"`` (over all columns, as ``numpy.corrcoef``),
    ///         ``"hellinger"`` and ``"jensen_shannon"`` (1 − distance between
    ///         the rows normalized to sum 1; Jensen–Shannon in log base 2, as
    ///         ``scipy.spatial.distance.jensenshannon(p, q, base=2)``),
    ///         ``"euclidean"`` and ``"manhattan"`` (*distances*: smaller is
    ///         closer) or ``"bm25"`` (the cosine of BM25-weighted rows).
    ///     weighting: ``"auto"`` (default): sublinear tf-idf
    ///         (``dtm("tfidf", sublinear_tf=True)``: smooth idf, l2 rows; see
    ///         BENCHMARKS.md for how it does against human judgement) for the
    ///         vector metrics, binary for jaccard and dice, proportions for
    ///         hellinger and jensen_shannon, bm25 for bm25; or any weighting
    ///         name of :meth:`dtm` with its defaults (``"tfidf"``: raw tf).
    ///     top_k: keep only the k best columns of each row (ties: the lower
    ///         column); a row's best match is usually itself.
    ///     min_similarity: keep only scores ≥ this (for distances: ≤ this).
    ///     as_frame: return a pandas DataFrame labelled with document ids
    ///         (``other`` texts: their positions); sparse with ``top_k`` /
    ///         ``min_similarity``.
    ///     progress: show a tqdm bar (the ``progress`` extra) of the rows
    ///         scored, a block of rows at a time; Ctrl-C still stops the call.
    ///
    /// Returns:
    ///     The ``len(self) × len(other)`` numpy array (float64, C order),
    ///     computed in parallel straight into numpy's memory; against itself
    ///     only the upper triangle is computed and then mirrored, so it is
    ///     exactly symmetric. The cosine equals scikit-learn's
    ///     ``cosine_similarity`` on ``dtm("tfidf", sublinear_tf=True)``
    ///     (a document without terms scores 0, against itself too). With
    ///     ``top_k`` or ``min_similarity`` a ``scipy.sparse.csr_array`` of
    ///     the kept pairs (a kept score of 0 is stored, the same bits as in
    ///     the dense matrix), computed by row blocks without ever holding the
    ///     dense matrix.
    ///
    /// Raises:
    ///     InvalidOptionError: unknown metric or weighting, top_k < 1, an
    ///         empty corpus.
    ///     TypeError: ``other`` is neither a Corpus nor a sequence of str.
    ///     MemoryError: numpy cannot allocate the dense matrix.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> texts = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."]
    ///     >>> c = textlens.Corpus(texts, analyzer=textlens.Analyzer("en"))
    ///     >>> c.similarity().round(2).tolist()
    ///     [[1.0, 0.8, 0.0], [0.8, 1.0, 0.0], [0.0, 0.0, 1.0]]
    ///     >>> c.similarity(metric="jaccard")[0].tolist()
    ///     [1.0, 0.75, 0.0]
    ///     >>> c.similarity(["Xi calls Putin."], metric="dice")[:, 0].round(2).tolist()
    ///     [1.0, 0.86, 0.0]
    ///     >>> c.similarity(top_k=2).toarray().round(2).tolist()
    ///     [[1.0, 0.8, 0.0], [0.8, 1.0, 0.0], [0.0, 0.0, 1.0]]
    #[pyo3(signature = (other = None, *, metric = "cosine", weighting = "auto", top_k = None, min_similarity = None, as_frame = false, progress = false))]
    #[allow(clippy::too_many_arguments)]
    fn similarity<'py>(
        &self,
        py: Python<'py>,
        other: Option<&Bound<'py, PyAny>>,
        metric: &str,
        weighting: &str,
        top_k: Option<Int>,
        min_similarity: Option<f64>,
        as_frame: bool,
        progress: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        // Column labels for `as_frame`: document ids, or positions for texts.
        let columns = match other {
            None => Some(self.ids()),
            Some(o) => o.cast::<PyCorpus>().ok().map(|c| c.get().ids()),
        };
        let other = match other {
            None => None,
            Some(o) => Some(match o.cast::<PyCorpus>() {
                Ok(c) => crate::compare::similarity::align_counts(&c.get().inner, &self.inner),
                Err(_) => similarity::text_counts(py, &self.inner, &self.analyzer, "other", o)?,
            }),
        };
        let scores = similarity::similarity(
            py,
            &self.inner,
            other,
            metric,
            weighting,
            top_k,
            min_similarity,
            progress,
        )?;
        let out = match scores {
            similarity::Scores::Dense(a) => a.into_any(),
            similarity::Scores::Sparse(m) => to_scipy(py, m)?,
        };
        if !as_frame {
            return Ok(out);
        }
        super::display::labelled(&out, self.ids(), columns)
    }

    /// The ``k`` documents most similar to ``doc``, best first.
    ///
    /// Args:
    ///     doc: an index, a document id, or any other str: a text, analyzed
    ///         with this corpus's analyzer (an id wins over a text).
    ///     k: how many (default 10).
    ///     metric, weighting: as in :meth:`similarity`.
    ///
    /// Returns:
    ///     ``[(document id, score), …]``, without ``doc`` itself when it is
    ///     in the corpus; for distances, the smallest first.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> texts = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."]
    ///     >>> c = textlens.Corpus(texts, analyzer=textlens.Analyzer("en"))
    ///     >>> [(i, round(s, 2)) for i, s in c.most_similar(0, k=2)]
    ///     [('1', 0.8), ('2', 0.0)]
    ///     >>> c.most_similar("Heavy snow fell on Moscow", k=1)[0][0]
    ///     '2'
    #[pyo3(signature = (doc, k = Int::Fits(10), *, metric = "cosine", weighting = "auto"),
           text_signature = "($self, doc, k=10, *, metric='cosine', weighting='auto')")]
    fn most_similar(
        &self,
        py: Python<'_>,
        doc: &Bound<'_, PyAny>,
        k: Int,
        metric: &str,
        weighting: &str,
    ) -> PyResult<Vec<(String, f64)>> {
        similarity::most_similar(
            py,
            &self.inner,
            self.docs.metadata(),
            &self.analyzer,
            doc,
            k,
            metric,
            weighting,
        )
    }

    /// The most frequent surface form of each term: term → form (see
    /// :meth:`Analyzer.surface_forms`); terms stay the keys of every table,
    /// forms are for people to read.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> c = textlens.Corpus(["Ukraine's president spoke.", "The president of Ukraine."],
    ///     ...                     analyzer=textlens.Analyzer("en"))
    ///     >>> [c.surface_forms()[t] for t in c.terms]
    ///     ['president', 'spoke', 'Ukraine']
    fn surface_forms(&self, py: Python<'_>) -> PyResult<std::collections::HashMap<String, String>> {
        let texts: Vec<&str> = self.docs(py)?.iter().map(|d| d.text.as_str()).collect();
        let forms = interruptible(py, text_bytes(&texts), |stop| {
            stop.run(|| Ok(self.analyzer.surface_forms(&texts)))
        })?;
        Ok(forms.into_iter().collect())
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        super::display::html(slf.as_any(), "corpus")
    }

    /// The document profile of each document (see :func:`textlens.statistics`),
    /// in each document's ``lang`` (detected where it has none), and with
    /// ``readability`` / ``lexdiv`` the formulas and measures too, all from
    /// one pass over each document (the documents in parallel).
    ///
    /// Args:
    ///     readability: ``None``, a formula name, a list of names or
    ///         ``"all"`` (as :meth:`readability`: NaN where a formula does not
    ///         serve a document's language).
    ///     lexdiv: ``None``, a measure name, a list of names or ``"all"``
    ///         (as :meth:`lexdiv`, on lower-cased word forms).
    ///     window, segment, threshold, draws, log_base: as :func:`textlens.lexdiv`.
    ///
    /// Returns:
    ///     A ``pandas.DataFrame`` with one row per document and the document ids
    ///     as its index (the profile's columns, then the formulas, then the
    ///     measures), or without pandas a list of dicts (``id`` first).
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> c = textlens.Corpus(["The cat sat. It was happy!",
    ///     ...                      textlens.Document("Der Hund bellt laut.", lang="de")])
    ///     >>> c.statistics()[["lang", "words", "sentences"]].values.tolist()
    ///     [['en', 6, 2], ['de', 4, 1]]
    ///     >>> s = c.statistics(readability="lix", lexdiv=["ttr"])
    ///     >>> s[["lix", "ttr"]].round(2).values.tolist()
    ///     [[3.0, 1.0], [4.0, 1.0]]
    #[pyo3(signature = (
        readability = None, lexdiv = None, *, window = 50, segment = 100, threshold = 0.72,
        draws = 42, log_base = 10.0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn statistics<'py>(
        &self,
        py: Python<'py>,
        readability: Option<&Bound<'py, PyAny>>,
        lexdiv: Option<&Bound<'py, PyAny>>,
        window: usize,
        segment: usize,
        threshold: f64,
        draws: usize,
        log_base: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let extra = super::stats::Extra {
            readability,
            lexdiv,
            options: (window, segment, threshold, draws, log_base),
        };
        super::stats::corpus_statistics(py, self.docs(py)?, extra)
    }

    /// Readability of each document (see :func:`textlens.readability`), or
    /// its summary per group.
    ///
    /// Args:
    ///     measure: a name, a list of names or ``"all"`` (every formula that
    ///         serves at least one document's language). A document whose
    ///         language a formula does not serve gets NaN; a formula that
    ///         serves no document is an error.
    ///     groups: ``None``, or a key as in :meth:`group_by` (``"source"``).
    ///
    /// Returns:
    ///     Without ``groups``: one column per formula, document ids as the
    ///     index. With ``groups``: columns ``group``, ``measure``, ``n``,
    ///     ``mean``, ``sd`` (n − 1) and ``ci_low``/``ci_high`` (Student-t 95 %
    ///     interval of the mean; NaN with fewer than two documents). A
    ///     ``pandas.DataFrame``, or a list of dicts without pandas.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> docs = [textlens.Document(t, source=s) for t, s in [
    ///     ...     ("The cat sat. It was happy!", "a"), ("We went home.", "a"),
    ///     ...     ("Readability formulas estimate difficulty.", "b")]]
    ///     >>> c = textlens.Corpus(docs)
    ///     >>> c.readability("lix").round(2)["lix"].tolist()
    ///     [3.0, 3.0, 104.0]
    ///     >>> g = c.readability("lix", groups="source")
    ///     >>> g[["group", "n", "mean"]].values.tolist()
    ///     [['a', 2, 3.0], ['b', 1, 104.0]]
    #[pyo3(signature = (measure = None, *, groups = None))]
    fn readability<'py>(
        &self,
        py: Python<'py>,
        measure: Option<&Bound<'py, PyAny>>,
        groups: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        super::stats::corpus_readability(py, self.docs(py)?, measure, groups)
    }

    /// Lexical diversity of each document (see :func:`textlens.lexdiv`), or
    /// its summary per group (as :meth:`readability`).
    ///
    /// Args:
    ///     measure: a name, a list of names or ``"all"``.
    ///     groups: ``None``, or a key as in :meth:`group_by`.
    ///     window, segment, threshold, draws, log_base: as :func:`textlens.lexdiv`.
    ///     terms: count the corpus analyzer's terms (after stopwords and
    ///         stemming) instead of lower-cased word forms.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> c = textlens.Corpus(["a rose is a rose", "one two three"])
    ///     >>> c.lexdiv("ttr")["ttr"].tolist()
    ///     [0.6, 1.0]
    #[pyo3(signature = (
        measure = None, *, groups = None, window = 50, segment = 100, threshold = 0.72,
        draws = 42, log_base = 10.0, terms = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn lexdiv<'py>(
        &self,
        py: Python<'py>,
        measure: Option<&Bound<'py, PyAny>>,
        groups: Option<&Bound<'py, PyAny>>,
        window: usize,
        segment: usize,
        threshold: f64,
        draws: usize,
        log_base: f64,
        terms: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let analyzer = terms.then_some(&self.analyzer);
        let options = (window, segment, threshold, draws, log_base);
        super::stats::corpus_lexdiv(py, self.docs(py)?, analyzer, measure, groups, options)
    }

    /// Bigram or trigram collocations over the corpus (n-grams never span
    /// two documents), scored by quanteda's ``textstat_collocations`` λ and z
    /// and by NLTK's ``BigramAssocMeasures`` / ``TrigramAssocMeasures`` (same
    /// numbers as NLTK's ``BigramCollocationFinder.from_documents`` /
    /// ``TrigramCollocationFinder.from_documents`` on the same tokens).
    ///
    /// Args:
    ///     size: 2 (bigrams) or 3 (trigrams).
    ///     min_count: keep n-grams seen at least this often (NLTK's
    ///         ``apply_freq_filter``); it bounds the size of the result.
    ///     max_ngrams: the most distinct n-grams the counter holds (in up to
    ///         64 hash partitions of an equal share); a full partition drops
    ///         its rarest n-grams and a ``RuntimeWarning`` says how many
    ///         occurrences were dropped (counts are then lower bounds; what is
    ///         dropped does not depend on the number of threads).
    ///     measure: sort key, ``"z"`` (default), ``"lambda"``, ``"pmi"``,
    ///         ``"npmi"``, ``"g2"``, ``"t"``, ``"chi2"`` or ``"count"``.
    ///     terms: count the corpus analyzer's terms (stopwords removed,
    ///         stemmed) instead of lower-cased word forms.
    ///     n: keep the first ``n`` rows.
    ///
    /// Returns:
    ///     Columns ``collocation``, ``count``, ``lambda``, ``z``, ``pmi``
    ///     (log2), ``npmi`` (PMI / ((size − 1) · −log2 p), at most 1), ``g2``,
    ///     ``t``, ``chi2``: a ``pandas.DataFrame``, or a list of dicts without
    ///     pandas.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> c = textlens.Corpus(["New York is big.", "I love New York!", "New ideas."])
    ///     >>> c.collocations(min_count=2)["collocation"].tolist()
    ///     ['new york']
    ///     >>> t = textlens.Corpus(["The White House said no.", "In the White House today."])
    ///     >>> t.collocations(size=3, min_count=2)["collocation"].tolist()
    ///     ['the white house']
    #[pyo3(signature = (
        size = 2, min_count = 2, measure = "z", *, terms = false, n = None,
        max_ngrams = 10_000_000
    ))]
    #[allow(clippy::too_many_arguments)]
    fn collocations<'py>(
        &self,
        py: Python<'py>,
        size: usize,
        min_count: u64,
        measure: &str,
        terms: bool,
        n: Option<usize>,
        max_ngrams: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let analyzer = terms.then_some(&self.analyzer);
        super::stats::corpus_collocations(
            py,
            self.docs(py)?,
            analyzer,
            size,
            min_count,
            measure,
            n,
            max_ngrams,
        )
    }

    /// Shannon entropy −Σ p log p of each document's distribution over its
    /// words (quanteda's ``textstat_entropy(margin = "documents")``), or with
    /// ``groups`` of each group's pooled words (quanteda's ``dfm_group`` first).
    /// A document without words has entropy 0, as in quanteda.
    ///
    /// Args:
    ///     groups: ``None``, or a key as in :meth:`group_by`.
    ///     base: the logarithm's base (2: bits).
    ///     terms: count the corpus analyzer's terms (after stopwords and
    ///         stemming) instead of lower-cased word forms.
    ///
    /// Returns:
    ///     A column ``entropy`` indexed by document id, or with ``groups``
    ///     columns ``group`` and ``entropy``.
    ///
    /// Raises:
    ///     InvalidOptionError: ``base`` is not positive, finite and not 1.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> c = textlens.Corpus(["a b c d", "a a a a", ""])
    ///     >>> c.entropy()["entropy"].tolist()
    ///     [2.0, 0.0, 0.0]
    #[pyo3(signature = (*, groups = None, base = 2.0, terms = false))]
    fn entropy<'py>(
        &self,
        py: Python<'py>,
        groups: Option<&Bound<'py, PyAny>>,
        base: f64,
        terms: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let analyzer = terms.then_some(&self.analyzer);
        super::stats::corpus_entropy(py, self.docs(py)?, analyzer, groups, base)
    }

    /// How evenly each of ``words`` is spread over the documents (or the
    /// groups): Juilland's D and Gries' DP as Gries (2008, "Dispersions and
    /// adjusted frequencies in corpora", IJCL 13(4)) defines them.
    ///
    /// With n parts (documents or groups with words), lᵢ a part's words,
    /// sᵢ = lᵢ / Σ l its share, vᵢ the word's count in it and f = Σ vᵢ:
    /// ``dp`` = ``½ Σ |vᵢ / f − sᵢ|`` (0 even, near 1 concentrated);
    /// ``dp_norm`` = DP / (1 − min sᵢ) (Lijffijt & Gries 2012);
    /// ``juilland_d`` = 1 − (σ / μ) / √(n − 1) of the relative frequencies
    /// vᵢ / lᵢ (σ the population standard deviation; 1 even). Parts without
    /// words are left out. NaN where a definition divides by zero: a word
    /// that never occurs, or (``juilland_d``, ``dp_norm``) fewer than two parts.
    ///
    /// Args:
    ///     words: the words (lower-cased like the word forms; matched verbatim
    ///         against the analyzer's terms with ``terms=True``).
    ///     groups: ``None``, or a key as in :meth:`group_by`.
    ///     terms: count the corpus analyzer's terms instead of word forms.
    ///
    /// Returns:
    ///     Columns ``term``, ``frequency``, ``range`` (parts containing it),
    ///     ``parts``, ``juilland_d``, ``dp``, ``dp_norm``.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> c = textlens.Corpus(["a b", "a b", "b b"])
    ///     >>> d = c.dispersion(["a", "b"])
    ///     >>> [round(x, 4) for x in d["dp"]], [round(x, 4) for x in d["juilland_d"]]
    ///     ([0.3333, 0.1667], [0.5, 0.75])
    #[pyo3(signature = (words, *, groups = None, terms = false))]
    fn dispersion<'py>(
        &self,
        py: Python<'py>,
        words: &Bound<'py, PyAny>,
        groups: Option<&Bound<'py, PyAny>>,
        terms: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let analyzer = terms.then_some(&self.analyzer);
        super::stats::corpus_dispersion(py, self.docs(py)?, analyzer, words, groups)
    }

    /// The corpus of these documents followed by ``other``'s (the same
    /// analyzer): terms are the sorted union, rows in order. Merging the
    /// corpora of consecutive parts of a collection, in any grouping, gives
    /// the corpus of the whole collection (what ``textlens.dask`` does).
    ///
    /// Raises:
    ///     InvalidOptionError: ``other`` was built with another analyzer.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> an = textlens.Analyzer("en")
    ///     >>> a = textlens.Corpus(["Putin called Xi."], analyzer=an)
    ///     >>> b = textlens.Corpus(["Snow in Moscow."], analyzer=an)
    ///     >>> a.merge(b).terms
    ///     ['call', 'moscow', 'putin', 'snow', 'xi']
    fn merge(&self, py: Python<'_>, other: PyRef<'_, PyCorpus>) -> PyResult<Self> {
        super::merge::merge(py, self, &other)
    }

    /// The :class:`CorpusStats` of this corpus (no documents, mergeable).
    fn stats(&self, py: Python<'_>) -> PyResult<super::merge::PyCorpusStats> {
        super::merge::stats(py, self)
    }

    /// :meth:`dtm` of these documents as rows of the larger corpus that
    /// ``stats`` describes: its terms are the columns, its document
    /// frequencies and length give idf and BM25's average length. With the
    /// merged (and trimmed) stats of every part, stacking the parts' rows
    /// gives exactly ``Corpus(all).trim(...).dtm(...)``. Arguments as :meth:`dtm`.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> an = textlens.Analyzer("en")
    ///     >>> texts = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."]
    ///     >>> whole = textlens.Corpus(texts, analyzer=an)
    ///     >>> part = textlens.Corpus(texts[1:2], analyzer=an)
    ///     >>> bool((part.dtm_in(whole.stats(), "tfidf") != whole.dtm("tfidf")[[1]]).nnz == 0)
    ///     True
    #[pyo3(signature = (stats, weighting = "count", *, idf = "smooth", norm = Some("auto"), sublinear_tf = false, k = 0.5, k1 = 1.2, b = 0.75, base = 10.0, dense = false))]
    #[allow(clippy::too_many_arguments)]
    fn dtm_in<'py>(
        &self,
        py: Python<'py>,
        stats: PyRef<'_, super::merge::PyCorpusStats>,
        weighting: &str,
        idf: &str,
        norm: Option<&str>,
        sublinear_tf: bool,
        k: f64,
        k1: f64,
        b: f64,
        base: f64,
        dense: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let w = parse_weighting(weighting, idf, norm, sublinear_tf, k, k1, b, base)?;
        let m = super::merge::dtm_in(py, self, &stats, &w)?;
        if dense {
            Ok(dense_array(py, m.to_dense())?.into_any())
        } else {
            to_scipy(py, m)
        }
    }

    /// :meth:`similarity` of these documents against those of ``other`` (or
    /// against themselves), both as rows of the larger corpus that ``stats``
    /// describes: its terms, idf and BM25's average length weigh both sides,
    /// as :meth:`dtm_in` does. For one block of rows against one block of
    /// columns of a distributed corpus, every kept score has the bits of
    /// ``Corpus(all).similarity(top_k=..., min_similarity=...)``; the k best
    /// of a row are then the k best of its blocks' (``textlens.dask`` and
    /// ``textlens.spark`` merge them so).
    ///
    /// Args:
    ///     stats: the statistics of the whole corpus (merged, maybe trimmed).
    ///     other: a :class:`Corpus` (the columns) or ``None`` (these rows).
    ///     metric, weighting, top_k, min_similarity: as :meth:`similarity`;
    ///         give ``top_k`` or ``min_similarity`` (or both).
    ///
    /// Returns:
    ///     A ``scipy.sparse.csr_array`` of the kept pairs, ``len(self) ×
    ///     len(other)``.
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> an = textlens.Analyzer("en")
    ///     >>> texts = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."]
    ///     >>> whole = textlens.Corpus(texts, analyzer=an)
    ///     >>> rows = textlens.Corpus(texts[:1], analyzer=an)
    ///     >>> cols = textlens.Corpus(texts[1:], analyzer=an)
    ///     >>> rows.similarity_in(whole.stats(), cols, top_k=1).toarray().round(2).tolist()
    ///     [[0.8, 0.0]]
    #[pyo3(signature = (stats, other = None, *, metric = "cosine", weighting = "auto", top_k = None, min_similarity = None))]
    #[allow(clippy::too_many_arguments)]
    fn similarity_in<'py>(
        &self,
        py: Python<'py>,
        stats: PyRef<'_, super::merge::PyCorpusStats>,
        other: Option<PyRef<'_, PyCorpus>>,
        metric: &str,
        weighting: &str,
        top_k: Option<Int>,
        min_similarity: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let other = other.as_deref();
        let m = super::merge::similarity_in(
            py,
            self,
            &stats,
            other,
            metric,
            weighting,
            top_k,
            min_similarity,
        )?;
        to_scipy(py, m)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        super::merge::reduce(slf)
    }

    fn __repr__(&self) -> String {
        format!(
            "Corpus({} documents, {} terms)",
            self.inner.len(),
            self.inner.terms().len()
        )
    }
}

/// The engine of the ``textlens.sklearn`` vectorizers: scikit-learn's
/// analysis (or a textlens Analyzer) plus counting, trimming, weighting and
/// hashing in Rust.
#[pyclass(name = "_VectorizerCore", module = "textlens._textlens", frozen)]
pub struct PyVectorizerCore {
    analysis: Analysis,
}

enum Analysis {
    Sk(SkAnalysis),
    Textlens(Box<Analyzer>),
}

impl Features for Analysis {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        match self {
            Analysis::Sk(a) => a.for_each_feature(text, f),
            Analysis::Textlens(a) => a.for_each_feature(text, f),
        }
    }

    fn unigram_analyzer(&self) -> Option<&Analyzer> {
        match self {
            Analysis::Sk(_) => None,
            Analysis::Textlens(a) => a.unigram_analyzer(),
        }
    }
}

impl PyVectorizerCore {
    /// Count `texts` with this analysis, or the `analyzed` documents:
    /// against `vocabulary` when given, else learning the vocabulary. With
    /// `progress` (the bar's description), a bar of the documents moves as
    /// the chunks are counted.
    fn count(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        analyzed: Option<Vec<Vec<String>>>,
        vocabulary: Option<Vec<String>>,
        progress: Option<&str>,
    ) -> PyResult<Corpus> {
        if let Some(docs) = analyzed {
            // Analyzed in Python (interruptible there); counting them is one quick pass.
            let n = docs.len();
            let bar = progress_bar(py, progress, n)?;
            return interruptible_with(py, 0, bar, |stop| {
                let corpus = match vocabulary {
                    Some(v) => Corpus::with_vocabulary(v, docs),
                    None => Ok(Corpus::from_terms(docs)),
                };
                stop.advance(n);
                corpus
            });
        }
        let texts = py_texts("raw_documents", texts)?;
        let vocabulary = match (vocabulary, &self.analysis) {
            (None, Analysis::Textlens(_)) => return self.learn(py, texts, progress),
            (vocabulary, _) => vocabulary,
        };
        let strs = borrow_strs("raw_documents", &texts)?;
        let bar = progress_bar(py, progress, strs.len())?;
        let size = text_bytes(&strs);
        let corpus = interruptible_with(py, size, bar, |stop| {
            let features = stop.features(&self.analysis);
            let corpus = stop.run(|| match vocabulary {
                Some(v) => Corpus::count_vocabulary(&features, &strs, v),
                // scikit-learn's analysis (textlens's learns in `learn`).
                None => Ok(crate::matrix::sklearn::fit_count(&features, &strs)),
            });
            finish(stop, strs.len());
            corpus
        })?;
        Ok(corpus)
    }

    /// Learn the vocabulary of `texts` with textlens's analysis and count
    /// them, as `Corpus(texts)` does: the `str`s encoded a batch at a time
    /// while the threads count the batch before (`Corpus::count_fetched`),
    /// and no UTF-8 copy left cached in each `str`.
    fn learn(
        &self,
        py: Python<'_>,
        texts: Vec<Bound<'_, PyString>>,
        progress: Option<&str>,
    ) -> PyResult<Corpus> {
        let bar = progress_bar(py, progress, texts.len())?;
        let size = texts.iter().map(|s| s.len().unwrap_or(0)).sum();
        let strs: Vec<Py<PyString>> = texts.into_iter().map(Bound::unbind).collect();
        let corpus = interruptible_with(py, size, bar, |stop| {
            let features = stop.features(&self.analysis);
            let fetch = |range| Python::attach(|py| encode("raw_documents", py, &strs, range));
            let corpus = stop.run(|| Ok(Corpus::count_fetched(&features, strs.len(), fetch)))?;
            finish(stop, strs.len());
            Ok(corpus)
        })??;
        // The chunked count of textlens's analysis leaves its scratch in
        // the threads' arenas; scikit-learn's analysis counts in one lean
        // table (and its speed is the target).
        release_after(size);
        Ok(corpus)
    }
}

impl PyVectorizerCore {
    /// Learn the vocabulary of `texts` (scikit-learn's analysis) and count
    /// them, the terms packed: [`PyVectorizerCore::count`]'s fit without a
    /// `String` per term.
    fn fit_packed(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        progress: Option<&str>,
    ) -> PyResult<(PackedTerms, CsrMatrix)> {
        let texts = py_texts("raw_documents", texts)?;
        let strs = borrow_strs("raw_documents", &texts)?;
        let bar = progress_bar(py, progress, strs.len())?;
        interruptible_with(py, text_bytes(&strs), bar, |stop| {
            let features = stop.features(&self.analysis);
            let out = stop.run(|| Ok(crate::matrix::sklearn::fit_packed(&features, &strs)));
            finish(stop, strs.len());
            out
        })
    }
}

/// What `fit_counts` counted: the terms packed (scikit-learn's analysis,
/// nothing trimmed), or a corpus to binarize and trim.
enum Fitted {
    Packed(PackedTerms, CsrMatrix),
    Corpus(Corpus),
}

/// A bar of `n` documents described by `progress`, or None without one.
fn progress_bar(py: Python<'_>, progress: Option<&str>, n: usize) -> PyResult<Option<Bar>> {
    match progress {
        Some(desc) => Bar::new(py, true, n, desc, "doc"),
        None => Ok(None),
    }
}

/// The bar filled to the `n` documents once the job is done: the counting
/// advances it a chunk at a time, a path that does not (counting against a
/// list of terms) all at once here.
fn finish(stop: &crate::interrupt::Interrupt, n: usize) {
    if !stop.is_raised() {
        stop.advance(n.saturating_sub(stop.done()));
    }
}

/// `(terms | None, data, indices, indptr, n_cols)` of a count matrix.
type CsrParts<'py> = Bound<'py, PyTuple>;

fn csr_parts<'py>(
    py: Python<'py>,
    terms: Option<Vec<String>>,
    m: CsrMatrix,
) -> PyResult<CsrParts<'py>> {
    let n_cols = m.n_cols;
    let (data, indices, indptr) = csr_arrays(py, m)?;
    (terms, data, indices, indptr, n_cols).into_pyobject(py)
}

#[pymethods]
impl PyVectorizerCore {
    /// ``analyzer`` is a textlens Analyzer (textlens mode) or None
    /// (scikit-learn mode with the other arguments).
    #[new]
    #[pyo3(signature = (*, lowercase = true, strip_accents = None, unit = "word", ngram_range = (1, 1), stop_words = None, analyzer = None))]
    fn new(
        lowercase: bool,
        strip_accents: Option<&str>,
        unit: &str,
        ngram_range: (i64, i64),
        stop_words: Option<Vec<String>>,
        analyzer: Option<PyRef<'_, PyAnalyzer>>,
    ) -> PyResult<Self> {
        if let Some(a) = analyzer {
            return Ok(PyVectorizerCore {
                analysis: Analysis::Textlens(Box::new(a.inner.clone())),
            });
        }
        let strip_accents = match strip_accents {
            None => None,
            Some("ascii") => Some(StripAccents::Ascii),
            Some("unicode") => Some(StripAccents::Unicode),
            Some(other) => {
                return Err(Error::invalid(
                    "strip_accents",
                    format!("{other:?} is not one of 'ascii', 'unicode', None"),
                )
                .into())
            }
        };
        let unit = match unit {
            "word" => SkUnit::Word,
            "char" => SkUnit::Char,
            "char_wb" => SkUnit::CharWb,
            other => {
                return Err(Error::invalid(
                    "analyzer",
                    format!("{other:?} is not one of 'word', 'char', 'char_wb'"),
                )
                .into())
            }
        };
        let (lo, hi) = ngram_range;
        let range = (
            usize::try_from(lo).unwrap_or(0),
            usize::try_from(hi).unwrap_or(0),
        );
        let a = SkAnalysis {
            lowercase,
            strip_accents,
            unit,
            ngram_range: range,
            stop_words: stop_words.map(|w| w.into_iter().collect()),
        };
        a.validate()?;
        Ok(PyVectorizerCore {
            analysis: Analysis::Sk(a),
        })
    }

    /// The features of each text.
    fn analyze_many(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<String>>> {
        let texts = py_texts("raw_documents", texts)?;
        let strs = borrow_strs("raw_documents", &texts)?;
        interruptible(py, text_bytes(&strs), |stop| {
            stop.par_map(&strs, |t| self.analysis.features(t))
        })
    }

    /// Learn the vocabulary (or use ``vocabulary``) and count: texts, or
    /// already-analyzed documents when ``analyzed`` is given instead. With
    /// ``tfidf``, the counts are weighted in place as scikit-learn's
    /// TfidfTransformer weighs them (``norm``, ``use_idf``, ``smooth_idf``,
    /// ``sublinear_tf``). Returns ``(vocabulary | None, data, indices, indptr,
    /// n_cols, idf | None)``, the learned vocabulary a ``_Vocabulary`` (the terms
    /// stay in Rust until Python reads them).
    /// ``progress``: the description of a tqdm bar of the documents, or None.
    /// ``int_counts``: the counts' data as int64 (scikit-learn's default
    /// ``dtype``) instead of float64; not with ``tfidf``.
    #[pyo3(signature = (texts, *, min_df, max_df, max_features = None, vocabulary = None, analyzed = None, binary = false, tfidf = false, norm = None, use_idf = true, smooth_idf = true, sublinear_tf = false, int_counts = false, progress = None))]
    #[allow(clippy::too_many_arguments)]
    fn fit_counts<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        min_df: &Bound<'py, PyAny>,
        max_df: &Bound<'py, PyAny>,
        max_features: Option<Int>,
        vocabulary: Option<Vec<String>>,
        analyzed: Option<Vec<Vec<String>>>,
        binary: bool,
        tfidf: bool,
        norm: Option<&str>,
        use_idf: bool,
        smooth_idf: bool,
        sublinear_tf: bool,
        int_counts: bool,
        progress: Option<&str>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let trim = parse_trim(min_df, max_df, max_features)?;
        if int_counts && tfidf {
            return Err(Error::invalid("int_counts", "tf-idf weights are not integers").into());
        }
        let weighting = if tfidf {
            Some(Weighting::Tfidf {
                idf: if smooth_idf { Idf::Smooth } else { Idf::Plain },
                base: 10.0,
                sublinear_tf,
                binary: false,
                norm: parse_norm(norm)?,
            })
        } else {
            None
        };
        let fixed = vocabulary.is_some();
        let packed = !fixed
            && analyzed.is_none()
            && trim == Trim::default()
            && matches!(self.analysis, Analysis::Sk(_));
        let fitted = if packed {
            // The learned terms stay in one buffer (no String per term).
            let (terms, counts) = self.fit_packed(py, texts, progress)?;
            Fitted::Packed(terms, counts)
        } else {
            Fitted::Corpus(self.count(py, texts, analyzed, vocabulary, progress)?)
        };
        let empty = match &fitted {
            Fitted::Corpus(c) => c.terms().is_empty(),
            Fitted::Packed(terms, _) => terms.is_empty(),
        };
        if !fixed && empty {
            // scikit-learn's exception and words, which code written for it matches.
            return Err(pyo3::exceptions::PyValueError::new_err(
                "empty vocabulary; perhaps the documents only contain stop words",
            ));
        }
        let (terms, counts, idf) = contained(py, || {
            let (terms, mut counts) = match fitted {
                Fitted::Packed(terms, mut counts) => {
                    if binary {
                        counts.data.iter_mut().for_each(|v| *v = 1.0);
                    }
                    (terms, counts)
                }
                Fitted::Corpus(corpus) => {
                    let c = if binary { corpus.binarized() } else { corpus };
                    let c = if fixed || trim == Trim::default() {
                        c
                    } else {
                        c.trim(&trim)?
                    };
                    let (terms, counts) = c.into_parts();
                    (
                        PackedTerms::from_strs(terms.iter().map(String::as_str)),
                        counts,
                    )
                }
            };
            let mut idf = None;
            if let Some(w) = &weighting {
                if use_idf {
                    let df = crate::matrix::weighting::document_frequencies(&counts);
                    idf = w.idf(counts.shape().0, &df);
                }
                w.apply_in_place(&mut counts, idf.as_deref())?;
            }
            Ok((terms, counts, idf))
        })?;
        let vocab = (!fixed).then(|| PyVocabulary::from_packed(terms));
        let n_cols = counts.n_cols;
        let (data, indices, indptr) = csr_arrays_as(py, counts, int_counts)?;
        let idf = idf.map(|v| array(py, v)).transpose()?;
        (vocab, data, indices, indptr, n_cols, idf).into_pyobject(py)
    }

    /// Count texts (or ``analyzed`` documents) against a fixed vocabulary: a
    /// ``_Vocabulary`` (its index built once and kept) or a list of terms;
    /// ``progress`` as in :meth:`fit_counts`.
    #[pyo3(signature = (texts, vocabulary, *, analyzed = None, progress = None))]
    fn counts<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        vocabulary: &Bound<'py, PyAny>,
        analyzed: Option<Vec<Vec<String>>>,
        progress: Option<&str>,
    ) -> PyResult<CsrParts<'py>> {
        let Ok(vocab) = vocabulary.cast::<PyVocabulary>() else {
            let terms: Vec<String> = vocabulary.extract()?;
            let corpus = self.count(py, texts, analyzed, Some(terms), progress)?;
            return csr_parts(py, None, corpus.into_parts().1);
        };
        let vocab = vocab.get();
        if let Some(docs) = analyzed {
            let terms = vocab.terms.to_strings();
            let corpus = self.count(py, texts, Some(docs), Some(terms), progress)?;
            return csr_parts(py, None, corpus.into_parts().1);
        }
        let index = vocab.index()?;
        let n_cols = vocab.terms.len();
        let texts = py_texts("raw_documents", texts)?;
        let strs = borrow_strs("raw_documents", &texts)?;
        let bar = progress_bar(py, progress, strs.len())?;
        let m = interruptible_with(py, text_bytes(&strs), bar, |stop| {
            let features = stop.features(&self.analysis);
            stop.run(|| {
                let each = |t: &&str, f: &mut dyn FnMut(&str)| features.for_each_feature(t, f);
                Ok(crate::matrix::features::count_known(
                    &strs,
                    &each,
                    index,
                    n_cols,
                    features.interrupt(),
                ))
            })
        })?;
        csr_parts(py, None, m)
    }

    /// Hash texts (or ``analyzed`` documents) into ``n_features`` columns,
    /// then (``binary``) set every stored value to 1 and divide each row by
    /// its ``norm`` (None, "l1" or "l2"), as scikit-learn's
    /// ``HashingVectorizer.transform`` does; ``progress`` as in
    /// :meth:`fit_counts`.
    #[pyo3(signature = (texts, n_features, alternate_sign, *, binary = false, norm = None, analyzed = None, progress = None))]
    #[allow(clippy::too_many_arguments)]
    fn hash<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        n_features: i64,
        alternate_sign: bool,
        binary: bool,
        norm: Option<&str>,
        analyzed: Option<Vec<Vec<String>>>,
        progress: Option<&str>,
    ) -> PyResult<CsrParts<'py>> {
        let n = usize::try_from(n_features)
            .map_err(|_| Error::invalid("n_features", format!("must be >= 1, got {n_features}")))?;
        let norm = parse_norm(norm)?;
        let weighting = if binary {
            Weighting::Binary { norm }
        } else {
            Weighting::Count { norm }
        };
        // Rows weighed in the same released-GIL call, in parallel.
        let weigh = |m: Result<CsrMatrix, Error>| {
            m.and_then(|mut m| weighting.apply_in_place(&mut m, None).map(|()| m))
        };
        let m = match analyzed {
            Some(docs) => {
                let bar = progress_bar(py, progress, docs.len())?;
                interruptible_with(py, 0, bar, |stop| {
                    let m = weigh(hash_features(&docs, n, alternate_sign));
                    stop.advance(docs.len());
                    m
                })?
            }
            None => {
                let texts = py_texts("raw_documents", texts)?;
                let strs = borrow_strs("raw_documents", &texts)?;
                let bar = progress_bar(py, progress, strs.len())?;
                interruptible_with(py, text_bytes(&strs), bar, |stop| {
                    let features = stop.features(&self.analysis);
                    stop.run(|| weigh(hash_texts(&features, &strs, n, alternate_sign)))
                })?
            }
        };
        csr_parts(py, None, m)
    }
}

/// A fitted vocabulary kept in Rust: the terms in column order and the
/// term -> column index, built on first use and kept, that ``transform``
/// counts against. Fitting hands one back instead of a list of Python
/// strings (425,557 of them on the bench corpus); Python reads the terms only
/// when asked (``vocabulary_``, ``get_feature_names_out``).
#[pyclass(name = "_Vocabulary", module = "textlens._textlens", frozen)]
pub struct PyVocabulary {
    terms: PackedTerms,
    index: std::sync::OnceLock<rustc_hash::FxHashMap<String, u32>>,
}

impl PyVocabulary {
    fn from_packed(terms: PackedTerms) -> Self {
        PyVocabulary {
            terms,
            index: std::sync::OnceLock::new(),
        }
    }

    fn index(&self) -> Result<&rustc_hash::FxHashMap<String, u32>, Error> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let built = crate::matrix::corpus::vocabulary_index_of(self.terms.iter())?;
        Ok(self.index.get_or_init(|| built))
    }
}

#[pymethods]
impl PyVocabulary {
    /// The terms, in column order; a repeated or empty term list is an error
    /// when first counted against.
    #[new]
    fn new(terms: Vec<String>) -> Self {
        PyVocabulary::from_packed(PackedTerms::from_strs(terms.iter().map(String::as_str)))
    }

    fn __len__(&self) -> usize {
        self.terms.len()
    }

    /// The terms as a list, in column order.
    fn terms<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.terms.iter())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        (py.get_type::<Self>(), (slf.get().terms(py)?,)).into_pyobject(py)
    }
}

/// Document and corpus frequencies accumulated batch by batch (the state of
/// a vectorizer's ``partial_fit``); memory grows with the vocabulary only.
#[pyclass(name = "_TermStats", module = "textlens._textlens")]
#[derive(Default)]
pub struct PyTermStats {
    inner: TermStats,
}

#[pymethods]
impl PyTermStats {
    #[new]
    fn new() -> Self {
        PyTermStats::default()
    }

    /// Add a batch: ``texts`` analyzed by ``core``, or the ``analyzed``
    /// documents; with ``binary`` a term counts once per document.
    #[pyo3(signature = (core, texts, *, analyzed = None, binary = false))]
    fn add(
        &mut self,
        py: Python<'_>,
        core: PyRef<'_, PyVectorizerCore>,
        texts: &Bound<'_, PyAny>,
        analyzed: Option<Vec<Vec<String>>>,
        binary: bool,
    ) -> PyResult<()> {
        // Counted first: an interrupted batch leaves the statistics as they were.
        let batch = core.count(py, texts, analyzed, None, None)?;
        let stats = &mut self.inner;
        contained(py, || {
            stats.add_corpus(&batch, binary);
            Ok(())
        })
    }

    /// Documents added so far.
    #[getter]
    fn documents(&self) -> u64 {
        self.inner.documents()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// ``(document frequency, corpus frequency)`` of each term (0, 0 if unseen).
    fn frequencies(&self, terms: Vec<String>) -> Vec<(u64, u64)> {
        terms
            .iter()
            .map(|t| self.inner.get(t).unwrap_or((0, 0)))
            .collect()
    }

    fn __getstate__(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| Error::invalid("state", e.to_string()).into())
    }

    fn __setstate__(&mut self, state: &str) -> PyResult<()> {
        self.inner =
            serde_json::from_str(state).map_err(|e| Error::invalid("state", e.to_string()))?;
        Ok(())
    }

    /// The sorted vocabulary that passes the bounds.
    #[pyo3(signature = (*, min_df, max_df, max_features = None))]
    fn vocabulary(
        &self,
        min_df: &Bound<'_, PyAny>,
        max_df: &Bound<'_, PyAny>,
        max_features: Option<Int>,
    ) -> PyResult<Vec<String>> {
        Ok(self
            .inner
            .vocabulary(&parse_trim(min_df, max_df, max_features)?)?)
    }
}

/// The weighted data and the idf used.
type TfidfOut<'py> = (Bound<'py, PyArray1<f64>>, Option<Bound<'py, PyArray1<f64>>>);

/// Weight counts with tf-idf as scikit-learn's TfidfTransformer does:
/// returns ``(data, idf or None)`` for the given CSR parts.
#[pyfunction]
#[pyo3(signature = (data, indices, indptr, n_cols, *, norm, use_idf, smooth_idf, sublinear_tf, idf = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn _tfidf<'py>(
    py: Python<'py>,
    data: PyReadonlyArray1<'py, f64>,
    indices: &Bound<'py, PyAny>,
    indptr: &Bound<'py, PyAny>,
    n_cols: usize,
    norm: Option<&str>,
    use_idf: bool,
    smooth_idf: bool,
    sublinear_tf: bool,
    idf: Option<PyReadonlyArray1<'py, f64>>,
) -> PyResult<TfidfOut<'py>> {
    let invalid = |what: &str| Error::invalid("X", format!("{what} is not a valid CSR matrix"));
    let indptr = index_vec("indptr", indptr)?;
    let indices: Vec<u32> = index_vec("indices", indices)?
        .into_iter()
        .map(|c| u32::try_from(c).map_err(|_| invalid("indices")))
        .collect::<Result<_, _>>()?;
    let data = data.as_slice()?.to_vec();
    if indptr.first() != Some(&0)
        || indptr.last() != Some(&data.len())
        || indices.len() != data.len()
        || !indptr.is_sorted()
        || indices.iter().any(|&c| c as usize >= n_cols)
    {
        return Err(invalid("(data, indices, indptr)").into());
    }
    let mut m = CsrMatrix {
        n_cols,
        indptr,
        indices,
        data,
    };
    let w = Weighting::Tfidf {
        idf: if smooth_idf { Idf::Smooth } else { Idf::Plain },
        base: 10.0,
        sublinear_tf,
        binary: false,
        norm: parse_norm(norm)?,
    };
    let idf = match (use_idf, idf) {
        (false, _) => None,
        (true, Some(given)) => Some(given.as_slice()?.to_vec()),
        (true, None) => w.idf(
            m.shape().0,
            &crate::matrix::weighting::document_frequencies(&m),
        ),
    };
    if idf.as_ref().is_some_and(|v| v.len() != n_cols) {
        return Err(Error::invalid("idf_", format!("length must be {n_cols}")).into());
    }
    contained(py, || w.apply_in_place(&mut m, idf.as_deref()))?;
    Ok((array(py, m.data)?, idf.map(|v| array(py, v)).transpose()?))
}
