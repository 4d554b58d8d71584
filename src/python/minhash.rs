//! `minhash`, `MinHash`, `near_duplicates`, `shared_passages` and `Passage`.

use std::sync::Arc;

use numpy::PyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use super::convert::{array, borrow_strs, py_texts};
use super::corpus::PyCorpus;
use super::interrupt::{contained, interruptible, interruptible_with, text_bytes, Bar};
use super::ints::Int;
use super::py_str;
use crate::compare::minhash::{
    lsh_params_until, near_duplicates_until, shared_passages_until, MinHash, MinHasher,
    NearDupOptions, Passage, PassageOptions, Shingles, MAX_NUM_PERM,
};
use crate::error::Error;
use crate::io::document::Document;

pub(crate) fn shingles(shingle: Int, unit: &str) -> PyResult<Shingles> {
    let k = shingle.in_range("shingle", 1, u64::MAX)?;
    match unit {
        "word" => Ok(Shingles::Words(k)),
        "char" => Ok(Shingles::Chars(k)),
        _ => {
            Err(Error::invalid("unit", format!("{unit:?} is not one of \"word\", \"char\"")).into())
        }
    }
}

fn num_perm(n: Int) -> PyResult<usize> {
    Ok(n.in_range("num_perm", 2, MAX_NUM_PERM as u64)?)
}

/// A str argument; anything else is a TypeError naming the argument.
fn require_str<'a, 'py>(
    name: &str,
    v: &'a Bound<'py, PyAny>,
) -> PyResult<&'a Bound<'py, PyString>> {
    v.cast::<PyString>().map_err(|_| {
        let ty = v
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        PyTypeError::new_err(format!("{name} must be str, not {ty}"))
    })
}

/// The options of `near_duplicates`, checked.
pub(crate) fn near_dup_options(
    threshold: f64,
    n: Int,
    s: Int,
    shingle: Int,
    unit: &str,
    exact: bool,
    weights: (f64, f64),
) -> PyResult<NearDupOptions> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(
            Error::invalid("threshold", format!("must be in (0, 1], got {threshold}")).into(),
        );
    }
    Ok(NearDupOptions {
        threshold,
        num_perm: num_perm(n)?,
        seed: s.u64("seed")?,
        shingles: shingles(shingle, unit)?,
        exact,
        weights,
    })
}

/// A MinHash signature of a text's shingles; make one with :func:`minhash`.
///
/// Attributes:
///     hashvalues: the minimum of each permutation (numpy uint64, values < 2**32).
///     num_perm, seed: how the permutations were drawn.
///
/// Signatures compare (``==``) and pickle.
///
/// Example:
///     >>> import pickle, textlens
///     >>> m = textlens.minhash("The bridge will reopen to traffic next spring.")
///     >>> m.num_perm, m.hashvalues.dtype.name, len(m.hashvalues)
///     (128, 'uint64', 128)
///     >>> pickle.loads(pickle.dumps(m)) == m
///     True
#[pyclass(name = "MinHash", module = "textlens", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyMinHash {
    inner: MinHash,
}

#[pymethods]
impl PyMinHash {
    /// The estimated Jaccard similarity of the two texts' shingle sets: the
    /// share of permutations whose minima agree (datasketch's ``MinHash.jaccard``).
    ///
    /// Raises:
    ///     InvalidOptionError: the signatures differ in num_perm, seed or shingles.
    fn jaccard(&self, other: PyRef<'_, PyMinHash>) -> PyResult<f64> {
        Ok(self.inner.jaccard(&other.inner)?)
    }

    #[getter]
    fn hashvalues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<u64>>> {
        array(py, self.inner.hashvalues.clone())
    }

    #[getter]
    fn num_perm(&self) -> usize {
        self.inner.hashvalues.len()
    }

    #[getter]
    fn seed(&self) -> u64 {
        self.inner.seed
    }

    fn __len__(&self) -> usize {
        self.inner.hashvalues.len()
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        super::display::html(slf.as_any(), "minhash")
    }

    fn __repr__(&self) -> String {
        let (unit, k) = match self.inner.shingles {
            Shingles::Words(k) => ("word", k),
            Shingles::Chars(k) => ("char", k),
        };
        format!(
            "MinHash(num_perm={}, seed={}, shingle={k}, unit={})",
            self.inner.hashvalues.len(),
            self.inner.seed,
            py_str(unit)
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let state = serde_json::to_string(&slf.get().inner)
            .map_err(|e| PyTypeError::new_err(e.to_string()))?;
        Ok((slf.get_type().getattr("_from_state")?, (state,)))
    }

    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<Self> {
        let inner: MinHash =
            serde_json::from_str(state).map_err(|e| Error::invalid("state", e.to_string()))?;
        inner.validate()?;
        Ok(PyMinHash { inner })
    }
}

/// The MinHash signature of ``text``.
///
/// The text is cut into shingles of ``shingle`` consecutive normalized
/// tokens (NFC, lowercased; punctuation and symbols left out, so case and
/// punctuation changes do not matter; Chinese and Japanese as character
/// bigrams), or with ``unit="char"`` of ``shingle`` characters. Each shingle's
/// 32-bit hash goes through ``num_perm`` permutations ``(a·h + b) mod (2**61 − 1)``
/// truncated to 32 bits, datasketch's scheme, so estimates behave like
/// datasketch's (the hash values themselves differ).
///
/// Args:
///     text: the text.
///     num_perm: number of permutations, 2 to 8192 (``MAX_NUM_PERM``); the
///         estimate's standard error is about sqrt(J(1 − J) / num_perm).
///     seed: seed of the permutations; only signatures with the same seed,
///         num_perm and shingles compare.
///     shingle: tokens (or characters) per shingle (≥ 1).
///     unit: ``"word"`` or ``"char"``.
///
/// Example:
///     >>> import textlens
///     >>> a = textlens.minhash("Putin and Xi pledged to strengthen military cooperation on Friday.", shingle=3)
///     >>> b = textlens.minhash("PUTIN and Xi pledged, to strengthen military cooperation on Monday!", shingle=3)
///     >>> round(a.jaccard(b), 1)  # exact Jaccard of the shingle sets: 7/9
///     0.8
#[pyfunction]
#[pyo3(signature = (text, *, num_perm = Int::Fits(128), seed = Int::Fits(1), shingle = Int::Fits(5), unit = "word"),
       text_signature = "(text, *, num_perm=128, seed=1, shingle=5, unit='word')")]
fn minhash(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    num_perm: Int,
    seed: Int,
    shingle: Int,
    unit: &str,
) -> PyResult<PyMinHash> {
    let text = require_str("text", text)?.to_str()?;
    let hasher = MinHasher::new(
        self::num_perm(num_perm)?,
        seed.u64("seed")?,
        shingles(shingle, unit)?,
    )?;
    let inner = contained(py, || hasher.sign(text))?;
    Ok(PyMinHash { inner })
}

/// Clusters of near-duplicate texts.
///
/// Signatures as in :func:`minhash` go into an LSH index whose bands and
/// rows are chosen for ``threshold`` as datasketch's ``MinHashLSH`` does;
/// candidate pairs whose estimated (or, with ``exact=True``, exact) Jaccard
/// similarity reaches ``threshold`` are joined into connected components.
///
/// Args:
///     texts: a sequence of str, or a :class:`Corpus` (then clusters hold
///         document ids instead of positions).
///     threshold: Jaccard similarity in (0, 1].
///     num_perm, seed, shingle, unit: as in :func:`minhash`.
///     exact: check candidates with the exact Jaccard similarity of the
///         shingle sets instead of the MinHash estimate.
///     weights: (false positive, false negative) weights choosing the LSH
///         bands and rows (see :func:`lsh_params`). Candidates are checked
///         afterwards, so the default (0.1, 0.9) favours recall; datasketch's
///         (0.5, 0.5) misses about half the pairs just above the threshold.
///     progress: show a tqdm bar (the ``progress`` extra) of the texts
///         signed; banding and checking the candidates follow, usually in
///         a small share of the time.
///
/// Returns:
///     A list of clusters of at least two members, each sorted, sorted by
///     first member. Texts without a shingle (empty) are in no cluster.
///
/// Example:
///     >>> import textlens
///     >>> story = ("The central bank raised its key interest rate by half a percentage "
///     ...          "point on Thursday, the third increase this year, citing inflation.")
///     >>> texts = [story, "Heavy rain flooded the northern provinces.", story.upper(),
///     ...          story.replace("Thursday,", "Thursday;")]
///     >>> textlens.near_duplicates(texts)
///     [[0, 2, 3]]
#[pyfunction]
#[pyo3(signature = (texts, *, threshold = 0.8, num_perm = Int::Fits(128), seed = Int::Fits(1), shingle = Int::Fits(5), unit = "word", exact = false, weights = (0.1, 0.9), progress = false),
       text_signature = "(texts, *, threshold=0.8, num_perm=128, seed=1, shingle=5, unit='word', exact=False, weights=(0.1, 0.9), progress=False)")]
#[allow(clippy::too_many_arguments)]
fn near_duplicates(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    threshold: f64,
    num_perm: Int,
    seed: Int,
    shingle: Int,
    unit: &str,
    exact: bool,
    weights: (f64, f64),
    progress: bool,
) -> PyResult<Py<PyAny>> {
    let options = near_dup_options(threshold, num_perm, seed, shingle, unit, exact, weights)?;
    if let Ok(corpus) = texts.cast::<PyCorpus>() {
        let ids = corpus_near_duplicates(py, corpus.get().docs(py)?, &options, progress)?;
        return Ok(ids.into_pyobject(py)?.into_any().unbind());
    }
    let owned = py_texts("texts", texts)?;
    let strs = borrow_strs("texts", &owned)?;
    let clusters = clusters_of(py, &strs, &options, progress)?;
    Ok(clusters.into_pyobject(py)?.into_any().unbind())
}

/// Near-duplicate clusters of `texts`, as indices, interruptibly, with a
/// progress bar of the texts signed when `progress` is true.
fn clusters_of(
    py: Python<'_>,
    texts: &[&str],
    options: &NearDupOptions,
    progress: bool,
) -> PyResult<Vec<Vec<usize>>> {
    let bar = Bar::new(py, progress, texts.len(), "near_duplicates", "doc")?;
    interruptible_with(py, text_bytes(texts), bar, |stop| {
        near_duplicates_until(texts, options, stop)
    })
}

/// `Corpus.near_duplicates`: clusters of document ids.
pub(crate) fn corpus_near_duplicates(
    py: Python<'_>,
    docs: &[Document],
    options: &NearDupOptions,
    progress: bool,
) -> PyResult<Vec<Vec<String>>> {
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let clusters = clusters_of(py, &texts, options, progress)?;
    Ok(clusters
        .into_iter()
        .map(|c| c.into_iter().map(|i| docs[i].id.clone()).collect())
        .collect())
}

/// The bands and rows of an LSH index for ``threshold``: the pair minimizing
/// the weighted probabilities of false positives and false negatives, as
/// datasketch's ``MinHashLSH(threshold, num_perm, weights)`` picks.
///
/// Up to ``num_perm=256`` the whole grid is searched, as datasketch does;
/// above, a coarse search (ternary over rows and bands, then the
/// neighbourhood of the best pair) keeps the call under a second up to
/// the limit of 8192; it stops on Ctrl-C.
///
/// Example:
///     >>> import textlens
///     >>> textlens.lsh_params(0.9, num_perm=128)  # datasketch: MinHashLSH(0.9, 128).b, .r
///     (5, 25)
///     >>> textlens.lsh_params(0.8, weights=(0.1, 0.9))  # near_duplicates' default
///     (14, 9)
#[pyfunction]
#[pyo3(signature = (threshold, *, num_perm = Int::Fits(128), weights = (0.5, 0.5)),
       text_signature = "(threshold, *, num_perm=128, weights=(0.5, 0.5))")]
fn lsh_params(
    py: Python<'_>,
    threshold: f64,
    num_perm: Int,
    weights: (f64, f64),
) -> PyResult<(usize, usize)> {
    let n = self::num_perm(num_perm)?;
    // Sized so that the full grid of a few hundred runs in place.
    interruptible(py, n.saturating_mul(n), |stop| {
        lsh_params_until(threshold, n, weights, stop)
    })
}

/// A passage two texts share.
///
/// Attributes:
///     text: the passage as written in the first text (``a[a_start:a_end]``).
///     a_start, a_end: its character (code point) offsets in the first text,
///         so that ``a[a_start:a_end]`` slices it out of the Python str.
///     b_start, b_end: the same in the second text.
///     tokens: how many tokens it has.
#[pyclass(name = "Passage", module = "textlens", frozen, eq)]
#[derive(Clone)]
pub struct PyPassage {
    /// The first text: `text` is sliced out of it when asked for, so a
    /// thousand long passages of one repetitive text do not hold a
    /// thousand copies of it.
    source: Arc<str>,
    bytes: (usize, usize),
    #[pyo3(get)]
    a_start: usize,
    #[pyo3(get)]
    a_end: usize,
    #[pyo3(get)]
    b_start: usize,
    #[pyo3(get)]
    b_end: usize,
    #[pyo3(get)]
    tokens: usize,
}

impl PyPassage {
    fn text(&self) -> &str {
        self.source.get(self.bytes.0..self.bytes.1).unwrap_or("")
    }
}

impl PartialEq for PyPassage {
    fn eq(&self, other: &Self) -> bool {
        (
            self.a_start,
            self.a_end,
            self.b_start,
            self.b_end,
            self.tokens,
        ) == (
            other.a_start,
            other.a_end,
            other.b_start,
            other.b_end,
            other.tokens,
        ) && self.text() == other.text()
    }
}

#[pymethods]
impl PyPassage {
    /// The passage as written in the first text.
    #[getter(text)]
    fn py_text(&self) -> &str {
        self.text()
    }

    fn __repr__(&self) -> String {
        format!(
            "Passage({}, a={}:{}, b={}:{}, tokens={})",
            py_str(self.text()),
            self.a_start,
            self.a_end,
            self.b_start,
            self.b_end,
            self.tokens
        )
    }
}

/// Code point offsets of sorted byte offsets into `text`.
fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_unstable_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut byte_pos, mut char_pos) = (0, 0);
    for i in order {
        char_pos += text[byte_pos..bytes[i]].chars().count();
        byte_pos = bytes[i];
        out[i] = char_pos;
    }
    out
}

fn to_py_passages(a: &str, b: &str, found: &[Passage]) -> Vec<PyPassage> {
    let ab: Vec<usize> = found.iter().flat_map(|p| [p.a_start, p.a_end]).collect();
    let bb: Vec<usize> = found.iter().flat_map(|p| [p.b_start, p.b_end]).collect();
    let (ac, bc) = (char_offsets(a, &ab), char_offsets(b, &bb));
    let source: Arc<str> = Arc::from(if found.is_empty() { "" } else { a });
    found
        .iter()
        .enumerate()
        .map(|(i, p)| PyPassage {
            source: Arc::clone(&source),
            bytes: (p.a_start, p.a_end),
            a_start: ac[2 * i],
            a_end: ac[2 * i + 1],
            b_start: bc[2 * i],
            b_end: bc[2 * i + 1],
            tokens: p.tokens,
        })
        .collect()
}

/// The passages two texts share word for word: wire copy, syndication,
/// press releases.
///
/// Returns the maximal runs of at least ``min_tokens`` normalized tokens
/// (case and punctuation ignored, as in :func:`minhash`) that occur in both
/// texts, longest first, each with its character offsets in both.
///
/// Args:
///     a, b: the texts.
///     min_tokens: the shortest run reported (≥ 1).
///     max_passages: report only the longest this many (``None``: all). On
///         repetitive text (boilerplate repeated thousands of times) the
///         passages number in the hundreds of thousands.
///
/// Returns:
///     A list of :class:`Passage`. Offsets count code points (Python str
///     indices), not UTF-8 bytes.
///
/// Raises:
///     InvalidOptionError: the texts share more than 10,000,000 candidate
///         runs (one short run in very many places): raise ``min_tokens``.
///
/// Time grows as (n + c) log n for n tokens and c candidate runs, and the
/// call stops on Ctrl-C.
///
/// Example:
///     >>> import textlens
///     >>> a = "Officials said on Monday that the bridge will reopen to traffic next spring."
///     >>> b = "BREAKING: The bridge will reopen to traffic next spring, officials said."
///     >>> [p] = textlens.shared_passages(a, b, min_tokens=5)
///     >>> p.text, p.tokens
///     ('the bridge will reopen to traffic next spring', 8)
///     >>> b[p.b_start:p.b_end]
///     'The bridge will reopen to traffic next spring'
#[pyfunction]
#[pyo3(signature = (a, b, *, min_tokens = Int::Fits(8), max_passages = Some(Int::Fits(1000))),
       text_signature = "(a, b, *, min_tokens=8, max_passages=1000)")]
fn shared_passages(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    min_tokens: Int,
    max_passages: Option<Int>,
) -> PyResult<Vec<PyPassage>> {
    let (a, b) = (
        require_str("a", a)?.to_str()?,
        require_str("b", b)?.to_str()?,
    );
    let options = PassageOptions {
        min_tokens: min_tokens.in_range("min_tokens", 1, u64::MAX)?,
        max_passages: max_passages
            .map(|m| m.saturating("max_passages", 0))
            .transpose()?,
        ..PassageOptions::default()
    };
    interruptible(py, a.len() + b.len(), |stop| {
        shared_passages_until(a, b, &options, stop).map(|found| to_py_passages(a, b, &found))
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(minhash, m)?)?;
    m.add_function(wrap_pyfunction!(near_duplicates, m)?)?;
    m.add_function(wrap_pyfunction!(shared_passages, m)?)?;
    m.add_function(wrap_pyfunction!(lsh_params, m)?)?;
    m.add_class::<PyMinHash>()?;
    m.add_class::<PyPassage>()?;
    Ok(())
}
