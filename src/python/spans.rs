//! `textlens.detect_spans` and its `Span`.

use pyo3::prelude::*;

use crate::detect::spans::{Span, SpanOptions};
use crate::error::Error;

use super::interrupt::contained;
use super::py_str;

/// A run of a text in one language: ``text[start:end]``.
///
/// Attributes:
///     lang: ISO 639-1 code, e.g. ``"de"``.
///     name: English name, e.g. ``"German"``.
///     start, end: code point offsets, as Python slices them.
///     byte_start, byte_end: the same in UTF-8 bytes.
#[pyclass(name = "Span", module = "textlens", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PySpan {
    inner: Span,
    start: usize,
    end: usize,
}

#[pymethods]
impl PySpan {
    #[getter]
    fn lang(&self) -> &'static str {
        self.inner.lang.code()
    }
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.lang.name()
    }
    #[getter]
    fn start(&self) -> usize {
        self.start
    }
    #[getter]
    fn end(&self) -> usize {
        self.end
    }
    #[getter]
    fn byte_start(&self) -> usize {
        self.inner.start
    }
    #[getter]
    fn byte_end(&self) -> usize {
        self.inner.end
    }
    fn __repr__(&self) -> String {
        format!(
            "Span(lang={}, start={}, end={})",
            py_str(self.lang()),
            self.start,
            self.end
        )
    }
}

/// The languages of a mixed-language text with the span of each: quotes in
/// another language inside an article, bilingual documents.
///
/// Each word is judged with the word before it and, apart, the word after it
/// (next to a change of language one of them lies on one side only); a best path
/// through those judgements, with a cost for every change of language,
/// picks one language per word; runs shorter than ``min_words`` words join a
/// neighbour; each change of language is then moved to the word that best
/// leaves four words of one language before it and of the other after it,
/// preferring gaps with punctuation. The spans touch, cover the whole text and differ in language
/// from their neighbours (lingua's ``detect_multiple_languages_of`` answers
/// the same question).
///
/// Args:
///     text: the text.
///     allowlist: only consider these languages (codes or names).
///     min_words: the fewest words a span has (unless it is the only one).
///     switch_cost: what a change of language costs, in log-probability
///         units of the words' judgements: higher, fewer and longer spans.
///     context_words: each word is judged with this many words before it
///         and, apart, this many after it.
///
/// Returns:
///     A list of :class:`Span`, in text order; empty when the text has no
///     letter or no language is found.
///
/// Example:
///     >>> import textlens
///     >>> text = ("The chancellor met the press on Monday after a long day of "
///     ...         "negotiations in Berlin. „Wir haben heute sehr gute Gespräche geführt "
///     ...         "und werden morgen weiter verhandeln“, sagte er vor dem Kanzleramt. "
///     ...         "Reporters were not allowed to ask any questions, and the opposition "
///     ...         "said that the government had again failed to explain its plans.")
///     >>> spans = textlens.detect_spans(text)
///     >>> [s.lang for s in spans]
///     ['en', 'de', 'en']
///     >>> text[spans[1].start:spans[1].end]
///     '„Wir haben heute sehr gute Gespräche geführt und werden morgen weiter verhandeln“, '
///     >>> textlens.detect_spans("12 345")
///     []
#[pyfunction]
#[pyo3(signature = (text, *, allowlist = None, min_words = 3, switch_cost = 6.0, context_words = 1))]
pub(super) fn detect_spans(
    py: Python<'_>,
    text: &str,
    allowlist: Option<Vec<String>>,
    min_words: i64,
    switch_cost: f64,
    context_words: i64,
) -> PyResult<Vec<PySpan>> {
    // The span search runs on whatlang (see `Detector::detect_spans_with`):
    // the allow-list is checked against the languages whatlang detects, so
    // a language it cannot give is an error, not silently no span.
    let detector = super::detect::detector("whatlang", allowlist, None)?;
    let min_words = usize::try_from(min_words)
        .map_err(|_| Error::invalid("min_words", format!("must be >= 0, got {min_words}")))?;
    let context_words = usize::try_from(context_words).map_err(|_| {
        Error::invalid(
            "context_words",
            format!("must be >= 0, got {context_words}"),
        )
    })?;
    if !(switch_cost >= 0.0 && switch_cost.is_finite()) {
        return Err(Error::invalid(
            "switch_cost",
            format!("must be a finite number >= 0, got {switch_cost}"),
        )
        .into());
    }
    let options = SpanOptions {
        min_words,
        switch_cost,
        context_words,
    };
    let spans = contained(py, || Ok(detector.detect_spans_with(text, &options)))?;
    // Byte offsets → code point offsets, in one pass: the spans are in order.
    let ranges: Vec<_> = spans.iter().map(|s| s.start..s.end).collect();
    let chars = super::sentences::char_spans(text, &ranges);
    Ok(spans
        .into_iter()
        .zip(chars)
        .map(|(inner, (start, end))| PySpan { start, end, inner })
        .collect())
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(detect_spans, m)?)?;
    m.add_class::<PySpan>()?;
    Ok(())
}
