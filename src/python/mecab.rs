//! `textlens._set_mecab_dictionary` and `textlens.mecab_dictionary`; the
//! public `set_mecab_dictionary` (which also finds `unidic-lite`) is in
//! `python/textlens/_mecab.py`.

use std::path::PathBuf;

use pyo3::prelude::*;

use super::interrupt::contained;

/// Load the MeCab dictionary in ``path`` for Japanese (``None``: back to
/// the default); see ``textlens.set_mecab_dictionary``.
#[pyfunction]
#[pyo3(signature = (path))]
pub(super) fn _set_mecab_dictionary(py: Python<'_>, path: Option<PathBuf>) -> PyResult<()> {
    // Loading reads ~100 MB; `contained` lets other threads run meanwhile.
    contained(py, || crate::set_mecab_dictionary(path.as_deref()))
}

/// The directory of the MeCab dictionary Japanese is segmented with, or
/// ``None`` (ICU4X's dictionary and textlens's rules, the default).
///
/// Example:
///     >>> import textlens
///     >>> textlens.mecab_dictionary() is None
///     True
#[pyfunction]
pub(super) fn mecab_dictionary() -> Option<PathBuf> {
    crate::mecab_dictionary()
}
