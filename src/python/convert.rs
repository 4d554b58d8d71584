//! What crosses the boundary: errors, inputs and JSON values.

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use serde_json::Value;

use crate::error::Error;

pyo3::create_exception!(
    textlens,
    TextlensError,
    PyValueError,
    "Base class of every textlens error; a ValueError."
);
pyo3::create_exception!(
    textlens,
    UnknownLanguageError,
    TextlensError,
    "A language code or name textlens does not know."
);
pyo3::create_exception!(
    textlens,
    UnsupportedError,
    TextlensError,
    "A language that cannot do what was asked (no stemmer, no detection)."
);
pyo3::create_exception!(
    textlens,
    InvalidOptionError,
    TextlensError,
    "An option out of range or of the wrong shape."
);
pyo3::create_exception!(
    textlens,
    DecodeError,
    TextlensError,
    "A file that is not valid UTF-8."
);
pyo3::create_exception!(
    textlens,
    RecordError,
    TextlensError,
    "A JSON Lines record that is not a document."
);

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        let msg = err.to_string();
        match err {
            Error::UnknownLanguage { .. } => UnknownLanguageError::new_err(msg),
            Error::Unsupported { .. } => UnsupportedError::new_err(msg),
            Error::InvalidOption { .. } => InvalidOptionError::new_err(msg),
            Error::Utf8 { .. } => DecodeError::new_err(msg),
            Error::BadRecord { .. } => RecordError::new_err(msg),
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                PyFileNotFoundError::new_err(msg)
            }
            Error::Io { .. } => PyOSError::new_err(msg),
            _ => TextlensError::new_err(msg),
        }
    }
}

/// A sequence of texts as Python strings, kept alive so that their UTF-8
/// can be borrowed without copying (see [`borrow_strs`]); a non-str item is
/// a TypeError naming its position and type.
pub(crate) fn py_texts<'py>(
    arg: &str,
    texts: &Bound<'py, PyAny>,
) -> PyResult<Vec<Bound<'py, PyString>>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{arg} must be a sequence of str, not a single str"
        )));
    }
    let mut out = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        match item.cast_into::<PyString>() {
            Ok(s) => out.push(s),
            Err(e) => return Err(not_a_str(arg, i, e.into_inner().as_any())),
        }
    }
    Ok(out)
}

/// The UTF-8 of each string, borrowed (a lone surrogate is a UnicodeEncodeError).
pub(crate) fn borrow_strs<'a>(texts: &'a [Bound<'_, PyString>]) -> PyResult<Vec<&'a str>> {
    texts.iter().map(|s| s.to_str()).collect()
}

/// A sequence of texts as owned strings; a non-str item is a TypeError
/// naming its position and type (None and NaN are the usual culprits).
pub(crate) fn extract_texts(arg: &str, texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let texts = py_texts(arg, texts)?;
    Ok(borrow_strs(&texts)?
        .into_iter()
        .map(str::to_owned)
        .collect())
}

pub(crate) fn not_a_str(arg: &str, i: usize, item: &Bound<'_, PyAny>) -> PyErr {
    let ty = item
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    let hint = if item.is_none() || item.extract::<f64>().is_ok_and(f64::is_nan) {
        " (a missing value: drop or fill it first)"
    } else {
        ""
    };
    PyTypeError::new_err(format!("{arg}[{i}] is {ty}, expected str{hint}"))
}

/// The `stopwords=` argument: `True` (built-in lists), `False`/`None` (none)
/// or an iterable of words.
pub(crate) enum StopwordsArg {
    Flag(bool),
    Words(Vec<String>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for StopwordsArg {
    type Error = PyErr;

    fn extract(value: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if value.is_none() {
            return Ok(StopwordsArg::Flag(false));
        }
        if let Ok(flag) = value.cast::<PyBool>() {
            return Ok(StopwordsArg::Flag(flag.is_true()));
        }
        extract_texts("stopwords", &value).map(StopwordsArg::Words)
    }
}

pub(crate) fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (_, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Any JSON-serializable Python value, through the json module so that its
/// rules (and error messages) apply.
pub(crate) fn py_to_json(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    let json = value.py().import("json")?;
    let kwargs = PyDict::new(value.py());
    kwargs.set_item("allow_nan", false)?;
    let text: String = json
        .call_method("dumps", (value,), Some(&kwargs))?
        .extract()?;
    serde_json::from_str(&text).map_err(|e| PyValueError::new_err(e.to_string()))
}
