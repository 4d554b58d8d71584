//! `textlens.sentences` and `textlens.sentence_spans`.

use std::ops::Range;

use pyo3::prelude::*;

use crate::detect::detect;
use crate::error::Result;
use crate::text::lang::Language;
use crate::text::sentences::sentence_spans as spans_of;

use super::interrupt::contained;

/// `None`, a language, or `"auto"` (detected from the text).
fn language(text: &str, lang: Option<&str>) -> Result<Option<Language>> {
    match lang {
        Some(l) if l.trim().eq_ignore_ascii_case("auto") => Ok(detect(text).map(|d| d.lang)),
        Some(l) => Ok(Some(Language::from_name(l)?)),
        None => Ok(None),
    }
}

/// Byte ranges as code point ranges; `spans` are in order.
pub(super) fn char_spans(text: &str, spans: &[Range<usize>]) -> Vec<(usize, usize)> {
    let (mut byte, mut chars) = (0, 0);
    let mut at = |b: usize| {
        chars += text[byte..b].chars().count();
        byte = b;
        chars
    };
    spans.iter().map(|r| (at(r.start), at(r.end))).collect()
}

/// Split ``text`` into sentences.
///
/// Rules, as pySBD's: a sentence ends at ``.``, ``!``, ``?``, ``…`` or its
/// script's terminator (``。！？``, ``।``, ``۔``, ``؟``, ``።``, ``။``, ``។``)
/// with the quotes and brackets closing after it, at a blank line, and at a
/// line break that does not continue a clause. Not after the language's
/// abbreviations (``Dr.``, ``z. B.``, ``т. е.``), initials, ``U.S.``,
/// decimals, or ordinals written with a period (German ``3. Oktober``).
///
/// Args:
///     text: the text.
///     lang: language whose abbreviations and conventions apply (a code or
///         name), ``"auto"`` to detect it, or ``None`` for the rules every
///         language shares.
///
/// Returns:
///     The sentences, without the whitespace between them.
///
/// Example:
///     >>> import textlens
///     >>> textlens.sentences("Dr. Smith arrived at 5 p.m. on Monday. He left!", lang="en")
///     ['Dr. Smith arrived at 5 p.m. on Monday.', 'He left!']
///     >>> textlens.sentences("Am 3. Oktober kam er, z. B. mit 3,5 Mio. Euro. Dann ging er.", lang="de")
///     ['Am 3. Oktober kam er, z. B. mit 3,5 Mio. Euro.', 'Dann ging er.']
///     >>> textlens.sentences("我们走了。他们留下了！")
///     ['我们走了。', '他们留下了！']
#[pyfunction]
#[pyo3(signature = (text, lang = None))]
pub(super) fn sentences(py: Python<'_>, text: &str, lang: Option<&str>) -> PyResult<Vec<String>> {
    contained(py, || {
        let lang = language(text, lang)?;
        Ok(spans_of(text, lang)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect())
    })
}

/// The sentences of ``text`` as ``(start, end)`` code point offsets, so that
/// ``text[start:end]`` is the sentence. See :func:`sentences`.
///
/// Example:
///     >>> import textlens
///     >>> text = "«Да», сказал он. Потом ушёл."
///     >>> [text[a:b] for a, b in textlens.sentence_spans(text, lang="ru")]
///     ['«Да», сказал он.', 'Потом ушёл.']
///     >>> textlens.sentence_spans(text)
///     [(0, 16), (17, 28)]
#[pyfunction]
#[pyo3(signature = (text, lang = None))]
pub(super) fn sentence_spans(
    py: Python<'_>,
    text: &str,
    lang: Option<&str>,
) -> PyResult<Vec<(usize, usize)>> {
    contained(py, || {
        let lang = language(text, lang)?;
        Ok(char_spans(text, &spans_of(text, lang)))
    })
}
