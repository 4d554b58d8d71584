//! One converter for every integer option: Python ints of any size and
//! anything with `__index__` (numpy integers), so that a huge value is an
//! `InvalidOptionError` naming the option, never an `OverflowError`, and a
//! numpy integer works wherever a Python int does.

use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

use crate::error::Error;

/// An integer argument as Python passed it: its value when it fits in an
/// `i64` or a `u64`, else only its sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Int {
    Fits(i128),
    Huge { negative: bool },
}

impl<'a, 'py> FromPyObject<'a, 'py> for Int {
    type Error = PyErr;

    fn extract(value: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        from_py(&value)
    }
}

fn from_py(value: &Bound<'_, PyAny>) -> PyResult<Int> {
    // `__index__` is what makes an object an integer (numpy's included);
    // floats, str and None have none.
    let index = if value.is_instance_of::<PyInt>() {
        value.clone()
    } else {
        match value
            .py()
            .import("operator")?
            .call_method1("index", (value,))
        {
            Ok(i) => i,
            Err(_) => {
                let ty = value.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "expected an integer, got {ty}"
                )));
            }
        }
    };
    match index.extract::<i64>() {
        Ok(v) => Ok(Int::Fits(v.into())),
        Err(e) if e.is_instance_of::<PyOverflowError>(value.py()) => match index.extract::<u64>() {
            Ok(v) => Ok(Int::Fits(v.into())),
            Err(_) => Ok(Int::Huge {
                negative: index.lt(0)?,
            }),
        },
        Err(e) => Err(e),
    }
}

impl From<i64> for Int {
    fn from(v: i64) -> Self {
        Int::Fits(v.into())
    }
}

impl Int {
    /// Whether `value` is an integer (not a bool): for arguments that take
    /// an index or something else.
    pub(crate) fn is_int(value: &Bound<'_, PyAny>) -> bool {
        if value.is_instance_of::<PyBool>() {
            return false;
        }
        value.is_instance_of::<PyInt>() || value.get_type().hasattr("__index__").unwrap_or(false)
    }

    /// The value, at least `min` and at most `max`, as a `usize`.
    pub(crate) fn in_range(self, option: &'static str, min: u64, max: u64) -> Result<usize, Error> {
        match self {
            Int::Fits(v) if v >= i128::from(min) && v <= i128::from(max) => {
                usize::try_from(v).map_err(|_| Error::invalid(option, "does not fit this platform"))
            }
            Int::Fits(v) if v < i128::from(min) => {
                Err(Error::invalid(option, format!("must be >= {min}, got {v}")))
            }
            Int::Fits(v) => Err(Error::invalid(option, format!("must be <= {max}, got {v}"))),
            Int::Huge { negative: true } => Err(Error::invalid(
                option,
                format!("must be >= {min}, got a number below -2**63"),
            )),
            Int::Huge { negative: false } => Err(Error::invalid(
                option,
                format!("must be <= {max}, got a number of 2**64 or more"),
            )),
        }
    }

    fn negative(self) -> bool {
        match self {
            Int::Fits(v) => v < 0,
            Int::Huge { negative } => negative,
        }
    }

    /// A count or size, at least `min`: one larger than any possible
    /// (a `top_k` of 2**63) means "all", and saturates.
    pub(crate) fn saturating(self, option: &'static str, min: u64) -> Result<usize, Error> {
        if self.negative() || matches!(self, Int::Fits(v) if v < i128::from(min)) {
            return self.in_range(option, min, u64::MAX);
        }
        Ok(match self {
            Int::Fits(v) => usize::try_from(v).unwrap_or(usize::MAX),
            Int::Huge { .. } => usize::MAX,
        })
    }

    /// A 64-bit unsigned value (a seed).
    pub(crate) fn u64(self, option: &'static str) -> Result<u64, Error> {
        match self {
            Int::Fits(v) => u64::try_from(v).map_err(|_| {
                if v < 0 {
                    Error::invalid(option, format!("must be non-negative, got {v}"))
                } else {
                    Error::invalid(option, format!("must be below 2**64, got {v}"))
                }
            }),
            Int::Huge { .. } => match self.in_range(option, 0, u64::MAX) {
                Err(e) => Err(e),
                Ok(v) => Ok(v as u64),
            },
        }
    }

    /// A position in a sequence of `n`: negative counts from the end, as
    /// Python's indexing does (the one rule for every index argument).
    pub(crate) fn index(self, option: &'static str, n: usize) -> Result<usize, Error> {
        let at = match self {
            Int::Fits(v) if v < 0 => v + n as i128,
            Int::Fits(v) => v,
            Int::Huge { .. } => -1,
        };
        usize::try_from(at)
            .ok()
            .filter(|&at| at < n)
            .ok_or_else(|| {
                let shown = match self {
                    Int::Fits(v) => v.to_string(),
                    Int::Huge { .. } => "a huge number".into(),
                };
                Error::invalid(
                    option,
                    format!("index {shown} is out of range for {n} documents"),
                )
            })
    }
}
