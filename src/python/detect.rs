//! `textlens.detect` and `textlens.detect_all`: the detector their keyword
//! arguments describe.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::detect::{DetectEngine, Detector};
use crate::text::lang::Language;

use super::interrupt::contained;
use super::PyDetection;

/// The detector for `engine=`, `allowlist=` and `prior=`: `prior` is a dict
/// language → weight, or an iterable of expected languages (each
/// [`crate::detect::EXPECTED_WEIGHT`] times as likely as any other).
pub(super) fn detector(
    engine: &str,
    allowlist: Option<Vec<String>>,
    prior: Option<&Bound<'_, PyAny>>,
) -> PyResult<Detector> {
    let mut detector = Detector::new(engine.parse::<DetectEngine>()?);
    if let Some(list) = allowlist {
        let langs = list
            .iter()
            .map(|l| Language::from_name(l))
            .collect::<crate::error::Result<Vec<_>>>()?;
        detector = detector.allowlist(&langs)?;
    }
    let Some(prior) = prior else {
        return Ok(detector);
    };
    if let Ok(weights) = prior.cast::<PyDict>() {
        let mut list = Vec::with_capacity(weights.len());
        for (k, v) in weights.iter() {
            let lang: String = k.extract()?;
            list.push((Language::from_name(&lang)?, v.extract::<f64>()?));
        }
        return Ok(detector.prior(&list)?);
    }
    if prior.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "prior must be a dict of language → weight or a list of languages, not a str",
        ));
    }
    let mut langs = Vec::new();
    for item in prior.try_iter()? {
        let lang: String = item?.extract()?;
        langs.push(Language::from_name(&lang)?);
    }
    Ok(detector.with_expected(&langs)?)
}

/// Every candidate language of ``text`` with its probability, most likely first.
///
/// The n-gram engine scores every language that writes with the text's
/// script; the probabilities sum to 1. A script of one language (Greek,
/// Hangul, kana…) gives that language alone; ``engine="whatlang"`` gives its
/// one answer with its confidence.
///
/// Args:
///     text: the text.
///     engine: ``"ngram"`` (default) or ``"whatlang"``.
///     allowlist: only consider these languages (codes or names).
///     prior: expected languages: a dict of language → weight (3 means three
///         times as likely as a language not named), or a list of languages
///         (each 10 times as likely). Shifts close calls only.
///
/// Returns:
///     A list of ``(code, probability)`` pairs; empty when the text gives no
///     clue (no letters).
///
/// Example:
///     >>> import textlens
///     >>> top = textlens.detect_all("Det er en god dag")[:2]
///     >>> sorted(code for code, p in top)
///     ['da', 'no']
///     >>> textlens.detect_all("Καλημέρα")
///     [('el', 1.0)]
///     >>> textlens.detect_all("2024 — 42 %")
///     []
#[pyfunction]
#[pyo3(signature = (text, *, engine = "ngram", allowlist = None, prior = None))]
pub(super) fn detect_all(
    py: Python<'_>,
    text: &str,
    engine: &str,
    allowlist: Option<Vec<String>>,
    prior: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(&'static str, f64)>> {
    let detector = detector(engine, allowlist, prior)?;
    let all = contained(py, || Ok(detector.detect_all(text)))?;
    Ok(all.into_iter().map(|(l, p)| (l.code(), p)).collect())
}

/// Detect the language of ``text``.
///
/// Long texts are judged on a bounded sample (windows from start to end);
/// the default engine scores texts over 512 bytes a few words per window at
/// a time and stops once one language leads clearly. On the benchmark
/// corpus that differs from the whole text's answer once in 9,965 texts.
///
/// Args:
///     text: the text.
///     engine: ``"ngram"`` (default: naive Bayes over letter n-grams with
///         lingua's language models) or ``"whatlang"`` (the whatlang crate's
///         own answers).
///     allowlist: only consider these languages (codes or names).
///     prior: expected languages, e.g. of a German outlet: a dict of language
///         → weight (3 means three times as likely as a language not named),
///         or a list of languages (each 10 times as likely). Shifts close
///         calls (short texts, related languages) and leaves clear ones alone.
///
/// Returns:
///     A :class:`Detection`, or ``None`` when the text gives no clue
///     (empty, digits or punctuation only).
///
/// Example:
///     >>> import textlens
///     >>> d = textlens.detect("Путин и Си Цзиньпин провели переговоры по видеосвязи.")
///     >>> (d.lang, d.name, d.script)
///     ('ru', 'Russian', 'Cyrillic')
///     >>> textlens.detect("Le président a parlé.", allowlist=["fr", "it"]).lang
///     'fr'
///     >>> textlens.detect("12345") is None
///     True
///     >>> textlens.detect("Hotel Central", prior={"nl": 50}).lang
///     'nl'
///     >>> textlens.detect("Добрый день", engine="whatlang").lang
///     'ru'
#[pyfunction]
#[pyo3(signature = (text, *, engine = "ngram", allowlist = None, prior = None))]
pub(super) fn detect(
    py: Python<'_>,
    text: &str,
    engine: &str,
    allowlist: Option<Vec<String>>,
    prior: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<PyDetection>> {
    let detector = detector(engine, allowlist, prior)?;
    let found = contained(py, || Ok(detector.detect(text)))?;
    Ok(found.map(|inner| PyDetection { inner }))
}
