//! What crosses the boundary: errors, inputs and JSON values.

use numpy::{Element, IntoPyArray, PyArray1, PyArray2};
use pyo3::exceptions::{
    PyFileNotFoundError, PyKeyboardInterrupt, PyMemoryError, PyOSError, PyTypeError,
    PyUnicodeEncodeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple, PyType};
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

pyo3::create_exception!(
    textlens,
    InternalError,
    TextlensError,
    "A bug in textlens (a Rust panic, contained): please report it with the input that \
     triggers it. A TextlensError like the others, so that code skipping the documents \
     textlens rejects keeps running."
);

/// `InvalidDocumentError(TextlensError, TypeError)`: a document that is not
/// text. Both a ValueError (scikit-learn raises one for NaN, and code written for
/// it catches that) and a TypeError (what a wrong type is in Python).
/// `create_exception!` takes one base, so the class is made with `type()` once.
pub(crate) fn invalid_document_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    TYPE.get_or_try_init(py, || {
        let bases = PyTuple::new(
            py,
            [
                py.get_type::<TextlensError>().into_any(),
                py.get_type::<PyTypeError>().into_any(),
            ],
        )?;
        let dict = PyDict::new(py);
        dict.set_item("__module__", "textlens")?;
        dict.set_item(
            "__doc__",
            "A document that is not text (None, NaN, a number…): a ValueError and a TypeError.",
        )?;
        let ty = py
            .get_type::<PyType>()
            .call1(("InvalidDocumentError", bases, dict))?;
        Ok(ty.cast_into::<PyType>()?.unbind())
    })
    .map(|t| t.bind(py))
}

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
            Error::Internal { .. } => InternalError::new_err(msg),
            Error::Interrupted => PyKeyboardInterrupt::new_err(msg),
            Error::InvalidDocument { .. } => Python::attach(|py| match invalid_document_type(py) {
                Ok(ty) => PyErr::from_type(ty.clone(), msg),
                Err(err) => err,
            }),
            Error::OutOfMemory { .. } => PyMemoryError::new_err(msg),
        }
    }
}

/// A count argument (`n=`, `max_features=`…): a negative one is an
/// InvalidOptionError naming it, not the OverflowError of a `usize` argument.
pub(crate) fn count_arg(
    option: &'static str,
    n: impl Into<super::ints::Int>,
) -> Result<usize, Error> {
    // Huge counts (n=2**70: "all of them") saturate.
    n.into().saturating(option, 0)
}

/// Import numpy and find its C API, raising what the import raises.
/// rust-numpy does both on first use and panics if either raises: numpy
/// missing or broken, or a Ctrl-C landing while numpy's Python code runs
/// (its import, or the `NumpyVersion` check rust-numpy makes). Here they
/// happen through `get_array_module`, which returns the error instead; what
/// is left for rust-numpy is module lookups, which run no Python code.
/// [`array`] and [`dense_array`] call it; call it before any other use of
/// numpy's API. Once numpy is imported it is a dict lookup.
pub(crate) fn numpy(py: Python<'_>) -> PyResult<()> {
    numpy::get_array_module(py).map(drop)
}

/// `v` as a one-dimensional numpy array, after [`numpy`] (never a panic).
pub(crate) fn array<T: Element>(py: Python<'_>, v: Vec<T>) -> PyResult<Bound<'_, PyArray1<T>>> {
    numpy(py)?;
    Ok(PyArray1::from_vec(py, v))
}

/// `m` as a two-dimensional numpy array, after [`numpy`] (never a panic).
pub(crate) fn dense_array<T: Element>(
    py: Python<'_>,
    m: ndarray::Array2<T>,
) -> PyResult<Bound<'_, PyArray2<T>>> {
    numpy(py)?;
    Ok(m.into_pyarray(py))
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

/// The UTF-8 of each string, borrowed; a lone surrogate is a
/// UnicodeEncodeError naming the item (see [`item_str`]).
pub(crate) fn borrow_strs<'a>(
    arg: &str,
    texts: &'a [Bound<'_, PyString>],
) -> PyResult<Vec<&'a str>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, s)| item_str(arg, i, s))
        .collect()
}

/// The UTF-8 of item `i` of argument `arg`. A str with a lone surrogate has
/// none: Python's UnicodeEncodeError (which says where in the str), its
/// reason extended with the item, e.g. "surrogates not allowed in texts[3]".
pub(crate) fn item_str<'a>(arg: &str, i: usize, s: &'a Bound<'_, PyString>) -> PyResult<&'a str> {
    s.to_str().map_err(|err| naming_item(s.py(), arg, i, err))
}

/// [`item_str`] as an owned copy, without leaving a UTF-8 copy cached in
/// the str: `to_str` caches one in every non-ASCII str it reads (as much
/// memory again as the texts), which a caller that copies the text anyway
/// (a `Corpus` keeps its documents) does not need.
pub(crate) fn item_string(arg: &str, i: usize, s: &Bound<'_, PyString>) -> PyResult<String> {
    let bytes = s
        .encode_utf8()
        .map_err(|err| naming_item(s.py(), arg, i, err))?;
    // Python's UTF-8 codec gave these bytes: valid UTF-8.
    Ok(String::from_utf8_lossy(bytes.as_bytes()).into_owned())
}

/// A UnicodeEncodeError with its reason extended with the item.
pub(crate) fn naming_item(py: Python<'_>, arg: &str, i: usize, err: PyErr) -> PyErr {
    let value = err.value(py);
    let with_item = || -> PyResult<PyErr> {
        let reason: String = value.getattr("reason")?.extract()?;
        Ok(PyUnicodeEncodeError::new_err((
            value.getattr("encoding")?.unbind(),
            value.getattr("object")?.unbind(),
            value.getattr("start")?.unbind(),
            value.getattr("end")?.unbind(),
            format!("{reason} in {arg}[{i}]"),
        )))
    };
    with_item().unwrap_or(err)
}

/// A sequence of texts as owned strings; a non-str item is a TypeError
/// naming its position and type (None and NaN are the usual culprits).
pub(crate) fn extract_texts(arg: &str, texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let texts = py_texts(arg, texts)?;
    Ok(borrow_strs(arg, &texts)?
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
    Error::InvalidDocument {
        arg: arg.to_owned(),
        index: i,
        found: ty,
        hint,
    }
    .into()
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
