//! Rich displays in Jupyter: each pyclass's `_repr_html_` hands itself to
//! `textlens._display`, where the HTML is written (Python is the right place
//! for markup, and pandas is used there when installed).

use pyo3::prelude::*;

/// The HTML that `textlens._display.<kind>(obj)` renders for `obj`.
pub(crate) fn html(obj: &Bound<'_, PyAny>, kind: &str) -> PyResult<String> {
    obj.py()
        .import("textlens._display")?
        .getattr(kind)?
        .call1((obj,))?
        .extract()
}

/// Whether `obj` is a pandas DataFrame or Series (without importing pandas).
pub(crate) fn is_pandas(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = obj.get_type();
    let module: String = ty.getattr("__module__")?.extract()?;
    let name: String = ty.getattr("__name__")?.extract()?;
    Ok(module.split('.').next() == Some("pandas")
        && matches!(name.as_str(), "DataFrame" | "Series"))
}

/// `matrix` (numpy or scipy sparse) as a pandas DataFrame with these row and
/// column labels (`textlens._tables.labelled`; positions where `columns` is `None`).
pub(crate) fn labelled<'py>(
    matrix: &Bound<'py, PyAny>,
    index: Vec<String>,
    columns: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    matrix
        .py()
        .import("textlens._tables")?
        .getattr("labelled")?
        .call1((matrix, index, columns))
}
