//! The one error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong in textlens. Each variant names the problem
/// and, where there is one, the offending value, file, line or byte offset.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A language code or name that textlens does not know.
    #[error("unknown language {given:?}; supported: {supported}")]
    UnknownLanguage {
        /// What the caller passed.
        given: String,
        /// A comma-separated list of the accepted codes.
        supported: String,
    },
    /// A language textlens knows but that cannot do what was asked of it.
    #[error("language {lang} ({name}) has no {what}")]
    Unsupported {
        /// The language's code.
        lang: &'static str,
        /// The language's English name.
        name: &'static str,
        /// What is missing, e.g. "stemmer".
        what: &'static str,
    },
    /// An option out of its range or of the wrong shape.
    #[error("invalid option {option}: {reason}")]
    InvalidOption {
        /// The option's name as the caller wrote it.
        option: &'static str,
        /// Why the value was rejected.
        reason: String,
    },
    /// A file whose bytes are not valid UTF-8.
    #[error("{path}: not valid UTF-8 at byte offset {offset} (pass lossy=True to replace invalid bytes with U+FFFD)")]
    Utf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A JSON Lines record that is not what textlens expects.
    #[error("{path}:{line}: {reason}")]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the record.
        reason: String,
    },
    /// Reading a file or folder failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A panic (a bug in textlens or in a component it uses) was contained
    /// instead of unwinding into the caller.
    #[error("internal error in {component}: {message} (a bug: please report it)")]
    Internal {
        /// Which component failed.
        component: &'static str,
        /// The panic message.
        message: String,
    },
    /// A document that is not text (None, NaN, a number, a list…) where text
    /// is expected; in Python an `InvalidDocumentError`, both a ValueError
    /// (as scikit-learn's "np.nan is an invalid document") and a TypeError.
    #[error("{arg}[{index}] is {found}, expected str{hint}")]
    InvalidDocument {
        /// The argument holding the documents.
        arg: String,
        /// 0-based position of the document.
        index: usize,
        /// The Python type found.
        found: String,
        /// What to do about it, e.g. " (a missing value: drop or fill it first)".
        hint: &'static str,
    },
    /// A result that would not fit in memory: its size is computed before
    /// anything is allocated (n-grams of a huge `ngram_range`), so the
    /// process is not aborted by a failed allocation. In Python: MemoryError.
    #[error("out of memory: {what} would take {bytes} bytes, above the limit of {limit}")]
    OutOfMemory {
        /// What was to be built.
        what: &'static str,
        /// Its size in bytes (saturating at 2^64 − 1).
        bytes: u64,
        /// The limit it is over.
        limit: u64,
    },
    /// The computation was stopped by an [`Interrupt`](crate::Interrupt)
    /// (in Python: Ctrl-C) before it finished; nothing was changed.
    #[error("interrupted")]
    Interrupted,
}

/// `Result` with textlens's [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// For `map_err`: an I/O error on `path` as [`Error::Io`].
    pub(crate) fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> Self + Copy + '_ {
        move |source| Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn invalid(option: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidOption {
            option,
            reason: reason.into(),
        }
    }
}
