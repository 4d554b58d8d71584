//! The documents behind a `Corpus`.
//!
//! A corpus built from Python `str`s keeps the strings themselves, not a
//! UTF-8 copy of each (35 MB of the bench corpus, a fifth of the peak of
//! `Corpus(texts).dtm("tfidf")`): counting encodes them a batch at a time
//! ([`Corpus::count_fetched`](crate::Corpus::count_fetched)), and the methods
//! that read the texts again (`documents`, the statistics, pickling, …) make
//! the copies on first use, once per corpus.

use std::ops::Range;
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::PyString;

use super::convert::{item_string, naming_item};
use crate::io::document::Document;

/// A corpus's documents, in row order.
pub(crate) struct Docs {
    /// The documents; the text of each one in `strs` is left empty.
    docs: Vec<Document>,
    /// Per document, the `str` it was given as (`None`: its text is in
    /// `docs`). Empty when no document was given as a `str`.
    strs: Vec<Option<Py<PyString>>>,
    /// `docs` with every text, made on first need.
    full: OnceLock<Vec<Document>>,
}

impl Docs {
    /// Documents whose texts are all in hand.
    pub(crate) fn owned(docs: Vec<Document>) -> Docs {
        Docs {
            docs,
            strs: Vec::new(),
            full: OnceLock::new(),
        }
    }

    /// Documents, some of them given as the `str`s in `strs` (their text in
    /// `docs` empty); `strs` has one entry per document.
    pub(crate) fn with_strs(docs: Vec<Document>, strs: Vec<Option<Py<PyString>>>) -> Docs {
        debug_assert_eq!(docs.len(), strs.len());
        if strs.iter().all(Option::is_none) {
            return Docs::owned(docs);
        }
        Docs {
            docs,
            strs,
            full: OnceLock::new(),
        }
    }

    /// The documents of `a`, then those of `b`; `str`s stay shared.
    pub(crate) fn concat(py: Python<'_>, a: &Docs, b: &Docs) -> Docs {
        let docs = a.docs.iter().chain(&b.docs).cloned().collect();
        let strs = [a, b]
            .into_iter()
            .flat_map(|d| (0..d.len()).map(move |i| d.str_at(i)))
            .map(|s| s.map(|s| s.clone_ref(py)))
            .collect();
        Docs::with_strs(docs, strs)
    }

    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    /// The `str` document `i` was given as, if it was.
    fn str_at(&self, i: usize) -> Option<&Py<PyString>> {
        self.strs.get(i).and_then(Option::as_ref)
    }

    /// `docs` (these documents, or a copy of them) with the text of each
    /// one given as a `str` copied in.
    fn fill(&self, py: Python<'_>, mut docs: Vec<Document>) -> PyResult<Vec<Document>> {
        for (i, doc) in docs.iter_mut().enumerate() {
            if let Some(s) = self.str_at(i) {
                doc.text = item_string("documents", i, s.bind(py))?;
            }
        }
        Ok(docs)
    }

    /// The documents without their texts where they were given as `str`
    /// (ids, sources, dates and metadata are all there).
    pub(crate) fn metadata(&self) -> &[Document] {
        &self.docs
    }

    /// [`Docs::metadata`], to change.
    pub(crate) fn metadata_mut(&mut self) -> &mut [Document] {
        &mut self.docs
    }

    /// The documents with their texts, each `str` copied.
    ///
    /// # Errors
    ///
    /// A UnicodeEncodeError for a `str` with a lone surrogate.
    pub(crate) fn into_documents(mut self, py: Python<'_>) -> PyResult<Vec<Document>> {
        let docs = std::mem::take(&mut self.docs);
        self.fill(py, docs)
    }

    /// The documents with their texts, copied from the `str`s on the first
    /// call.
    ///
    /// # Errors
    ///
    /// A UnicodeEncodeError for a `str` with a lone surrogate (counting met
    /// it first, so a built corpus has none).
    pub(crate) fn get(&self, py: Python<'_>) -> PyResult<&[Document]> {
        if self.strs.is_empty() {
            return Ok(&self.docs);
        }
        if let Some(full) = self.full.get() {
            return Ok(full);
        }
        let full = self.fill(py, self.docs.clone())?;
        // Another thread may have made them meanwhile: the same documents.
        Ok(self.full.get_or_init(|| full))
    }

    /// The texts of documents `range`: borrowed where they are in hand,
    /// encoded from their `str` otherwise.
    pub(crate) fn texts(&self, py: Python<'_>, range: Range<usize>) -> PyResult<Vec<Text<'_>>> {
        range
            .map(|i| match self.str_at(i) {
                Some(s) => Text::encode("documents", i, s.bind(py)),
                None => Ok(Text::Borrowed(self.docs[i].text.as_str())),
            })
            .collect()
    }

    /// About how many bytes of text there are (the length in characters of
    /// each `str`): what decides whether counting is worth a thread.
    pub(crate) fn size(&self, py: Python<'_>) -> usize {
        (0..self.len())
            .map(|i| match self.str_at(i) {
                Some(s) => s.bind(py).len().unwrap_or(0),
                None => self.docs[i].text.len(),
            })
            .sum()
    }
}

/// The `str`s `strs[range]` of argument `arg`, encoded.
pub(crate) fn encode(
    arg: &str,
    py: Python<'_>,
    strs: &[Py<PyString>],
    range: Range<usize>,
) -> PyResult<Vec<Text<'static>>> {
    range
        .map(|i| Text::encode(arg, i, strs[i].bind(py)))
        .collect()
}

/// A text to count: borrowed from a document in hand, or the UTF-8 bytes
/// Python's codec made of a `str`, used where they are (no second copy into
/// a `String`, which took as long as the encoding itself).
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    Encoded(PyBackedBytes),
}

impl Text<'_> {
    /// Item `i` of argument `arg`, encoded; a lone surrogate is a
    /// UnicodeEncodeError naming the item.
    fn encode(arg: &str, i: usize, s: &Bound<'_, PyString>) -> PyResult<Self> {
        let bytes = s
            .encode_utf8()
            .map_err(|err| naming_item(s.py(), arg, i, err))?;
        let bytes = PyBackedBytes::from(bytes);
        if simdutf8::basic::from_utf8(&bytes).is_err() {
            return Err(crate::error::Error::Internal {
                component: "textlens",
                message: format!("Python's UTF-8 codec gave invalid UTF-8 for {arg}[{i}]"),
            }
            .into());
        }
        Ok(Text::Encoded(bytes))
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            // Checked when encoded (`Text::encode`): never the default.
            Text::Encoded(b) => simdutf8::basic::from_utf8(b).unwrap_or_default(),
        }
    }
}
