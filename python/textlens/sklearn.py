"""scikit-learn drop-ins: ``CountVectorizer``, ``TfidfVectorizer``, ``HashingVectorizer``.

Each class subclasses scikit-learn's own, so parameter validation, warnings,
``build_preprocessor``, ``build_tokenizer``, ``get_stop_words``, ``decode``,
``inverse_transform``, pickling and the fitted-settings semantics are
scikit-learn's. What changes is the work: when the analysis is one textlens
reproduces exactly (the ``word``, ``char`` and ``char_wb`` analyzers with the
default ``token_pattern``, ``lowercase``, ``strip_accents="ascii"/"unicode"``,
``stop_words``, ``ngram_range``, no custom ``preprocessor``/``tokenizer``
and no subclass overriding the analysis methods), counting, trimming,
weighting and hashing run in Rust on all cores; with the defaults the matrix,
``vocabulary_`` and ``idf_`` equal scikit-learn's to within 1e-12. Anything
else runs scikit-learn's own code, unchanged.

On top, textlens's own options:

- ``lang``: ``"auto"`` or a language code switches to textlens's analysis
  (script-aware tokens, dictionary words for scripts without spaces,
  language-aware lowercasing) instead of ``token_pattern``;
- ``stop_words="auto"``: each document's own language's list;
- ``stem`` and ``engine``: Snowball stemming;
- ``cjk``: with ``lang``, ``"dictionary"`` (the default) for dictionary words in
  Chinese, Japanese, Thai, Lao, Khmer and Myanmar and Korean stems without their
  particles, or ``"bigram"`` for Lucene's CJK bigrams;
- ``progress``: ``True`` shows a tqdm bar of the documents (the ``progress``
  extra) while ``fit``, ``fit_transform`` and ``transform`` count or hash them
  in Rust; the matrices are the same. scikit-learn's own code (a custom
  analyzer, preprocessor or tokenizer, ``partial_fit``) runs without a bar.

A document that is not text (None, NaN, a number) raises
:class:`textlens.InvalidDocumentError`, both a ``ValueError`` (scikit-learn's
"np.nan is an invalid document") and a ``TypeError``, naming its position.

Unicode version: the Rust tables (letters, numbers, lowercase mappings) follow a
newer Unicode than CPython 3.11's (14.0). Every character assigned in Python's
version is treated as scikit-learn treats it; characters assigned since (or
lowercase mappings added since) can differ.

Ties at the ``max_features`` cut: scikit-learn keeps whichever tied terms
numpy's unstable ``argsort`` puts first; textlens keeps the tied terms that
sort first. Both keep the same number of terms with the same counts.

Example:
    >>> from textlens.sklearn import TfidfVectorizer
    >>> docs = ["Putin called Xi.", "Xi called Putin back.", "Snow fell in Moscow."]
    >>> vec = TfidfVectorizer()
    >>> X = vec.fit_transform(docs)
    >>> X.shape, vec.get_feature_names_out()[:3].tolist()
    ((3, 8), ['back', 'called', 'fell'])
    >>> multi = TfidfVectorizer(lang="en", stem=True, stop_words="auto").fit(docs)
    >>> multi.get_feature_names_out().tolist()
    ['back', 'call', 'fell', 'moscow', 'putin', 'snow', 'xi']
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from functools import partial
from numbers import Integral
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp

try:
    import sklearn
except ModuleNotFoundError as exc:  # scikit-learn is an optional extra
    raise ModuleNotFoundError(
        "textlens.sklearn needs scikit-learn: pip install 'textlens[sklearn]' (or 'textlens[all]')",
        name=exc.name,
    ) from exc
from sklearn.base import _fit_context
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction import text as _sk
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted

from textlens._textlens import (
    Analyzer,
    InvalidDocumentError,
    _TermStats,
    _tfidf,
    _VectorizerCore,
    _Vocabulary,
)

__all__ = ["CountVectorizer", "HashingVectorizer", "TfidfVectorizer"]

DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_NAN_MESSAGE = "np.nan is an invalid document, expected byte or unicode string."

try:  # scikit-learn >= 1.8: csr_matrix or csr_array as its sparse_interface says
    from sklearn.utils._sparse import _align_api_if_sparse
except ImportError:  # pragma: no cover - older scikit-learn: always csr_matrix

    def _align_api_if_sparse(X):
        if sklearn.get_config().get("sparse_interface", "spmatrix") == "sparray":
            return X
        return sp.csr_matrix(X)


# The methods that make the analysis: a subclass overriding any of them (a stemmed
# vectorizer's usual recipe) gets scikit-learn's own code, which calls them.
_ANALYSIS_METHODS = (
    "build_analyzer",
    "build_preprocessor",
    "build_tokenizer",
    "get_stop_words",
    "decode",
    "_word_ngrams",
    "_char_ngrams",
    "_char_wb_ngrams",
    "_count_vocab",
)

_TEXTLENS_CONSTRAINTS = {
    "stop_words": [StrOptions({"english", "auto"}), list, None],
    "lang": [str, None],
    "stem": ["boolean"],
    "engine": [StrOptions({"classic", "current"})],
    "cjk": [StrOptions({"dictionary", "bigram"})],
    "progress": ["boolean"],
}


def _missing(value: Any) -> bool:
    """None, NaN (float or numpy), pandas' NA or NaT."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, (float, np.floating)) and value != value


def _invalid_document(i: int | None, doc: Any) -> InvalidDocumentError:
    where = "a document" if i is None else f"raw_documents[{i}]"
    if _missing(doc):
        return InvalidDocumentError(
            f"{_NAN_MESSAGE} {where} is {type(doc).__name__}, "
            "a missing value: drop or fill it first"
        )
    return InvalidDocumentError(f"{where} is {type(doc).__name__}, expected str")


def _nan(value: Any) -> bool:
    return isinstance(value, (float, np.floating)) and value != value


def _ordered_terms(vocab: Mapping[str, int]) -> list[str]:
    """The terms of a term -> column mapping in column order; the columns must be
    0 … n-1, each once (scikit-learn's checks and messages)."""
    indices = list(vocab.values())
    present = set(indices)
    if len(present) != len(indices):
        raise ValueError("Vocabulary contains repeated indices.")
    for i in range(len(vocab)):
        if i not in present:
            raise ValueError(f"Vocabulary of size {len(vocab)} doesn't contain index {i}.")
    return [t for _, t in sorted(zip(indices, vocab, strict=True))]


def _csr_arrays(X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(data, indices, indptr)`` as arrays the core reads without copying: float64
    data, int32 or int64 indices (whichever scipy chose)."""
    index = np.int32 if X.indices.dtype == np.int32 else np.int64
    return (
        np.ascontiguousarray(X.data, dtype=np.float64),
        np.ascontiguousarray(X.indices, dtype=index),
        np.ascontiguousarray(X.indptr, dtype=index),
    )


def _csr(data, indices, indptr, n_cols) -> sp.csr_array:
    return sp.csr_array((data, indices, indptr), shape=(len(indptr) - 1, n_cols))


def _weigh(X: sp.csr_array, *, norm, sublinear_tf, idf=None, learn_idf=None):
    """tf-idf weighting in Rust: ``(data, idf)``. ``idf``: the fitted one to apply;
    ``learn_idf``: None (no idf), True (smooth) or False (plain) to learn it from X."""
    return _tfidf(
        *_csr_arrays(X),
        X.shape[1],
        norm=norm,
        use_idf=idf is not None or learn_idf is not None,
        smooth_idf=bool(learn_idf),
        sublinear_tf=sublinear_tf,
        idf=None if idf is None else np.ascontiguousarray(idf, dtype=np.float64),
    )


def _textlens_analyze(vec, doc):
    """``build_analyzer()`` of textlens's own analysis (a module-level function:
    the partial made of it pickles)."""
    return vec._core().analyze_many([vec._decoded(0, doc)])[0]


class _TextMixin:
    """What the three vectorizers share: when to take the Rust path, and the analysis."""

    _fast_base: type

    def _textlens_mode(self) -> bool:
        return self.lang is not None or bool(self.stem) or _is_str(self.stop_words, "auto")

    def _fast(self) -> bool:
        """Whether the Rust analysis is provably scikit-learn's for these settings."""
        base = type(self)._fast_base
        cls = type(self)
        if any(getattr(cls, m, None) is not getattr(base, m, None) for m in _ANALYSIS_METHODS):
            return False
        if any(m in self.__dict__ for m in _ANALYSIS_METHODS):
            return False
        if self._textlens_mode():
            return True
        analyzer = self.analyzer
        if not isinstance(analyzer, str) or analyzer not in ("word", "char", "char_wb"):
            return False
        if self.preprocessor is not None or self.strip_accents not in (None, "ascii", "unicode"):
            return False
        if not isinstance(self.lowercase, (bool, np.bool_)):
            return False
        if analyzer == "word":
            if self.tokenizer is not None or self.token_pattern != DEFAULT_TOKEN_PATTERN:
                return False
            sw = self.stop_words
            if not (sw is None or _is_str(sw, "english") or _all_str(sw)):
                return False
        lo, hi = _ngram(self.ngram_range)
        return lo is not None and hi is not None and 1 <= lo <= hi

    def _check_textlens_options(self) -> None:
        if self._textlens_mode() and self.analyzer != "word":
            raise ValueError("lang, stem and stop_words='auto' need analyzer='word'")

    def _prepare_analysis(self) -> None:
        """scikit-learn's checks and warnings of the analysis (the stop-word
        consistency warning) without analysing anything."""
        if self._textlens_mode():
            self._check_textlens_options()
            return
        if self.analyzer == "word":
            self._check_stop_words_consistency(
                self.get_stop_words(), self.build_preprocessor(), self.build_tokenizer()
            )

    def _decoded(self, i: int, doc: Any) -> str:
        if _missing(doc) and self.input == "content":
            raise _invalid_document(i, doc)
        doc = self.decode(doc)
        if not isinstance(doc, str):
            raise _invalid_document(i, doc)
        return doc

    def decode(self, doc):
        """Decode the input into a str (scikit-learn's ``decode``); NaN is an
        :class:`~textlens.InvalidDocumentError` (a ValueError, as scikit-learn's)."""
        if self.input == "content" and _nan(doc):
            raise _invalid_document(None, doc)
        return super().decode(doc)

    def _texts(self, raw_documents: Iterable[Any]) -> list[str]:
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        texts = list(raw_documents)
        if self.input == "content" and all(type(t) is str for t in texts):
            return texts
        return [self._decoded(i, t) for i, t in enumerate(texts)]

    def _bar(self, method: str) -> str | None:
        """The description of the progress bar of ``method`` (None: no bar)."""
        return f"{type(self).__name__}.{method}" if self.progress else None

    def _stop_list(self) -> list[str] | None:
        sw = self.get_stop_words()
        return None if sw is None else sorted(sw)

    def _core(self) -> _VectorizerCore:
        lo, hi = self.ngram_range
        if self._textlens_mode():
            self._check_textlens_options()
            stop: bool | list[str] = (
                True if _is_str(self.stop_words, "auto") else (self._stop_list() or False)
            )
            analyzer = Analyzer(
                self.lang or "auto",
                stopwords=stop,
                stem=bool(self.stem),
                engine=self.engine,
                cjk=self.cjk,
                lowercase=bool(self.lowercase),
                strip_accents=self.strip_accents is not None,
                ngram_range=(lo, hi),
            )
            return _VectorizerCore(analyzer=analyzer)
        return _VectorizerCore(
            lowercase=bool(self.lowercase),
            strip_accents=self.strip_accents,
            unit=self.analyzer,
            ngram_range=(lo, hi),
            stop_words=self._stop_list() if self.analyzer == "word" else None,
        )

    def _sk_analyze(self, texts: list[str]) -> list[list[str]]:
        """scikit-learn's analysis of decoded texts (for a str Rust cannot take:
        one with a lone surrogate)."""
        params = {k: v for k, v in self.get_params().items() if k in _SK_PARAMS}
        params["input"] = "content"
        analyze = _sk.CountVectorizer(**params).build_analyzer()
        return [list(analyze(t)) for t in texts]

    def _run(self, call, texts: list[str]):
        """``call(analyzed)``: the texts analyzed in Rust (``analyzed=None``), or by
        scikit-learn when a str holds a lone surrogate (no UTF-8: cannot cross into
        Rust). textlens's own analysis raises UnicodeEncodeError instead."""
        try:
            return call(None)
        except UnicodeEncodeError:
            if self._textlens_mode():
                raise
            return call(self._sk_analyze(texts))

    def _validate_ngram_range(self):
        """scikit-learn's check, and n-grams have at least one item: scikit-learn
        accepts ``(0, n)`` and emits empty-string features; textlens refuses it."""
        super()._validate_ngram_range()
        lo, _ = _ngram(self.ngram_range)
        if lo is not None and lo < 1:
            raise ValueError(
                f"Invalid value for ngram_range={self.ngram_range}: n-grams have at least 1 item."
            )

    def build_analyzer(self):
        """A callable that turns one document into its list of features
        (scikit-learn's own unless textlens's options are set)."""
        if self._textlens_mode() and self._fast():
            self._check_textlens_options()
            return partial(_textlens_analyze, self)
        return super().build_analyzer()


_SK_PARAMS = {
    "strip_accents",
    "lowercase",
    "preprocessor",
    "tokenizer",
    "stop_words",
    "token_pattern",
    "ngram_range",
    "analyzer",
}


def _is_str(value: Any, text: str) -> bool:
    return isinstance(value, str) and value == text


def _all_str(values: Any) -> bool:
    return isinstance(values, (list, tuple, set, frozenset)) and all(
        isinstance(v, str) for v in values
    )


def _any_upper(terms: Iterable[str]) -> bool:
    return any(any(map(str.isupper, term)) for term in terms)


def _ngram(r: Any) -> tuple[int | None, int | None]:
    try:
        lo, hi = r
    except (TypeError, ValueError):
        return None, None
    ok = all(isinstance(v, Integral) and not isinstance(v, bool) for v in (lo, hi))
    return (int(lo), int(hi)) if ok else (None, None)


class CountVectorizer(_TextMixin, _sk.CountVectorizer):
    """Drop-in for :class:`sklearn.feature_extraction.text.CountVectorizer`.

    Parameters are scikit-learn's, plus ``lang``, ``stem``, ``engine``, ``cjk``
    and ``progress`` (see the module docstring). ``partial_fit`` learns the
    vocabulary batch by batch in memory that grows with the vocabulary, not the
    corpus.

    Example:
        >>> from textlens.sklearn import CountVectorizer
        >>> vec = CountVectorizer(ngram_range=(1, 2), min_df=2)
        >>> vec.fit_transform(["a rose is a rose", "a rose is red"]).toarray().tolist()
        [[1, 2, 1], [1, 1, 1]]
        >>> vec.get_feature_names_out().tolist()
        ['is', 'rose', 'rose is']
    """

    _parameter_constraints: ClassVar[dict] = {
        **_sk.CountVectorizer._parameter_constraints,
        **_TEXTLENS_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: str | None = None,
        lowercase: bool = True,
        preprocessor=None,
        tokenizer=None,
        stop_words: str | Iterable[str] | None = None,
        token_pattern: str = DEFAULT_TOKEN_PATTERN,
        ngram_range: tuple[int, int] = (1, 1),
        analyzer="word",
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Mapping[str, int] | Iterable[str] | None = None,
        binary: bool = False,
        dtype=np.int64,
        lang: str | None = None,
        stem: bool = False,
        engine: str = "classic",
        cjk: str = "dictionary",
        progress: bool = False,
    ):
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            analyzer=analyzer,
            max_df=max_df,
            min_df=min_df,
            max_features=max_features,
            vocabulary=vocabulary,
            binary=binary,
            dtype=dtype,
        )
        self.lang = lang
        self.stem = stem
        self.engine = engine
        self.cjk = cjk
        self.progress = progress

    # -- the vocabulary: kept in Rust after a fit; list and dict built when first read --
    def _set_terms(self, terms: list[str]) -> None:
        self.__dict__["_terms"] = list(terms)
        self.__dict__.pop("_vocab", None)
        self.__dict__.pop("_vocabulary", None)

    def _set_vocab(self, vocab: _Vocabulary) -> None:
        self.__dict__["_vocab"] = vocab
        self.__dict__.pop("_terms", None)
        self.__dict__.pop("_vocabulary", None)

    @property
    def vocabulary_(self) -> dict[str, int]:
        """Term → column, as scikit-learn's ``vocabulary_``.

        Built when first read (a dict of a large vocabulary costs more than the
        counting). Edit it as in scikit-learn; terms added or removed in place are
        seen, a term moved to another column in place is not (assign a new mapping
        instead).
        """
        vocab = self.__dict__.get("_vocabulary")
        if vocab is None:
            if not self._fitted():
                name = type(self).__name__
                raise AttributeError(f"'{name}' object has no attribute 'vocabulary_'")
            terms = self._fitted_terms()
            vocab = self.__dict__["_vocabulary"] = {t: i for i, t in enumerate(terms)}
        return vocab

    @vocabulary_.setter
    def vocabulary_(self, value: Mapping[str, int]) -> None:
        terms = _ordered_terms(value)  # a gap or a repeated column is refused here
        self._set_terms(terms)
        self.__dict__["_vocabulary"] = value

    @vocabulary_.deleter
    def vocabulary_(self) -> None:
        if not self._fitted():
            raise AttributeError("vocabulary_")
        for key in ("_vocab", "_terms", "_vocabulary"):
            self.__dict__.pop(key, None)

    def _fitted(self) -> bool:
        d = self.__dict__
        return any(d.get(k) is not None for k in ("_vocab", "_terms", "_vocabulary"))

    def __sklearn_is_fitted__(self) -> bool:
        """Fitted once a vocabulary is learned or set (``check_is_fitted``)."""
        return self._fitted()

    def _fitted_terms(self) -> list[str]:
        """The vocabulary in column order (after ``_check_vocabulary``)."""
        d = self.__dict__
        terms, vocab = d.get("_terms"), d.get("_vocabulary")
        if vocab is not None and (terms is None or len(terms) != len(vocab)):
            self._set_terms(_ordered_terms(vocab))  # terms added or removed in place
            d["_vocabulary"] = vocab
            terms = d["_terms"]
        elif terms is None:
            terms = d["_terms"] = d["_vocab"].terms()
        return terms

    def _counting_vocab(self) -> _Vocabulary:
        """The vocabulary as the Rust core counts against it (index kept)."""
        terms = self._fitted_terms()  # first: sees terms edited in the dict
        vocab = self.__dict__.get("_vocab")
        if vocab is None:
            vocab = self.__dict__["_vocab"] = _Vocabulary(terms)
        return vocab

    def _check_vocabulary(self):
        """scikit-learn's check, without building the dict."""
        if not self._fitted():
            self._validate_vocabulary()
            if not self.fixed_vocabulary_:
                raise NotFittedError("Vocabulary not fitted or provided")
        if not self._fitted_terms():
            raise ValueError("Vocabulary is empty")

    def get_feature_names_out(self, input_features=None):
        """The terms, in column order, as an object array."""
        self._check_vocabulary()
        return np.asarray(self._fitted_terms(), dtype=object)

    # -- fitting -----------------------------------------------------------------------
    def _check_df_bounds(self, n_docs: int) -> None:
        """scikit-learn's check that max_df allows at least as many documents as min_df."""

        def docs(bound: float) -> float:
            return bound if isinstance(bound, Integral) else bound * n_docs

        if docs(self.max_df) < docs(self.min_df):
            raise ValueError("max_df corresponds to < documents than min_df")

    def _fast_count_fit(self, raw_documents, tfidf: dict | None = None, int_counts: bool = False):
        """scikit-learn's ``CountVectorizer.fit_transform`` step by step, the
        counting and trimming in Rust: ``(X, idf)``, X float64 counts (int64 with
        ``int_counts``; cast by the caller), or with ``tfidf`` (TfidfTransformer's
        options) weighted in Rust with the idf learned from them."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._validate_ngram_range()
        self._warn_for_unused_params()
        self._validate_vocabulary()
        if self.fixed_vocabulary_ and self.lowercase and _any_upper(self.vocabulary):
            warnings.warn(
                "Upper case characters found in vocabulary while 'lowercase'"
                " is True. These entries will not be matched with any documents",
                stacklevel=3,
            )
        self._prepare_analysis()
        texts = self._texts(raw_documents)
        fixed = self._fitted_terms() if self.fixed_vocabulary_ else None
        if fixed is None and texts:
            self._check_df_bounds(len(texts))
        core = self._core()
        vocab, data, indices, indptr, n_cols, idf = self._run(
            lambda analyzed: core.fit_counts(
                texts,
                min_df=self.min_df,
                max_df=self.max_df,
                max_features=self.max_features,
                vocabulary=fixed,
                analyzed=analyzed,
                binary=bool(self.binary),
                int_counts=int_counts,
                progress=self._bar("fit"),
                **(tfidf or {}),
            ),
            texts,
        )
        if vocab is not None:
            self._set_vocab(vocab)
        self.__dict__.pop("_stats", None)
        return _csr(data, indices, indptr, n_cols), idf

    def _fast_count(self, raw_documents) -> sp.csr_array:
        """scikit-learn's ``CountVectorizer.transform``, counted in Rust (float64)."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._check_vocabulary()
        texts = self._texts(raw_documents)
        vocab = self._counting_vocab()
        core = self._core()
        _, data, indices, indptr, n_cols = self._run(
            lambda analyzed: core.counts(
                texts, vocab, analyzed=analyzed, progress=self._bar("transform")
            ),
            texts,
        )
        X = _csr(data, indices, indptr, n_cols)
        if self.binary:
            X.data.fill(1)
        return X

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary and return the document-term count matrix."""
        if not self._fast():
            return _sk.CountVectorizer.fit_transform(self, raw_documents)
        # int64 (the default dtype) made by the core: no float64 copy to cast.
        X, _ = self._fast_count_fit(raw_documents, int_counts=np.dtype(self.dtype) == np.int64)
        return _align_api_if_sparse(X.astype(self.dtype, copy=False))

    def transform(self, raw_documents):
        """Count ``raw_documents`` against the fitted vocabulary."""
        if not self._fast():
            return _sk.CountVectorizer.transform(self, raw_documents)
        return _align_api_if_sparse(self._fast_count(raw_documents).astype(self.dtype, copy=False))

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, raw_documents, y=None):
        """Add a batch to the vocabulary statistics (documents are not kept).

        After any number of batches, ``vocabulary_`` is what ``fit`` on all of
        them at once would learn (``min_df``, ``max_df``, ``max_features``
        applied to the totals). A given ``vocabulary`` is kept as it is, as
        ``fit`` keeps it; the batches then only add document frequencies.
        ``fit`` keeps no statistics: the first ``partial_fit`` after it starts
        anew. (Not in scikit-learn.)
        """
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._validate_ngram_range()
        self._validate_vocabulary()
        fixed = self._fitted_terms() if self.fixed_vocabulary_ else None
        texts = self._texts(raw_documents)
        stats = self.__dict__.get("_stats")
        if fixed is None:  # checked before the batch is added to the statistics
            self._check_df_bounds((stats.documents if stats is not None else 0) + len(texts))
        if stats is None:
            stats = self.__dict__["_stats"] = _TermStats()
        binary = bool(self.binary)
        if self._fast():
            self._prepare_analysis()
            core = self._core()
            self._run(
                lambda analyzed: stats.add(core, texts, analyzed=analyzed, binary=binary), texts
            )
        else:  # scikit-learn's analysis; the core only counts its features
            analyze = _sk.CountVectorizer.build_analyzer(self)
            analyzed = [list(analyze(t)) for t in texts]
            stats.add(_VectorizerCore(), texts, analyzed=analyzed, binary=binary)
        if fixed is None:
            if not len(stats):
                raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
            self._set_terms(
                stats.vocabulary(
                    min_df=self.min_df, max_df=self.max_df, max_features=self.max_features
                )
            )
        return self


def _float_dtype(dtype) -> type:
    """The dtype scikit-learn's TfidfTransformer computes in for count dtype ``dtype``."""
    return np.float32 if np.dtype(dtype) == np.float32 else np.float64


class TfidfVectorizer(CountVectorizer, _sk.TfidfVectorizer):
    """Drop-in for :class:`sklearn.feature_extraction.text.TfidfVectorizer`.

    Example:
        >>> from textlens.sklearn import TfidfVectorizer
        >>> vec = TfidfVectorizer(smooth_idf=False, norm=None)
        >>> X = vec.fit_transform(["a rose is a rose", "a rose is red"])
        >>> dict(zip(vec.get_feature_names_out(), vec.idf_.round(3)))
        {'is': np.float64(1.0), 'red': np.float64(1.693), 'rose': np.float64(1.0)}
    """

    _parameter_constraints: ClassVar[dict] = {
        **_sk.TfidfVectorizer._parameter_constraints,
        **_TEXTLENS_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: str | None = None,
        lowercase: bool = True,
        preprocessor=None,
        tokenizer=None,
        analyzer="word",
        stop_words: str | Iterable[str] | None = None,
        token_pattern: str = DEFAULT_TOKEN_PATTERN,
        ngram_range: tuple[int, int] = (1, 1),
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Mapping[str, int] | Iterable[str] | None = None,
        binary: bool = False,
        dtype=np.float64,
        norm: str | None = "l2",
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        lang: str | None = None,
        stem: bool = False,
        engine: str = "classic",
        cjk: str = "dictionary",
        progress: bool = False,
    ):
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            analyzer=analyzer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            max_df=max_df,
            min_df=min_df,
            max_features=max_features,
            vocabulary=vocabulary,
            binary=binary,
            dtype=dtype,
            lang=lang,
            stem=stem,
            engine=engine,
            cjk=cjk,
            progress=progress,
        )
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def __sklearn_is_fitted__(self) -> bool:
        """Fitted once the vocabulary and the weighting are (``check_is_fitted``)."""
        return self._fitted() and "_tfidf" in self.__dict__

    def _new_tfidf(self) -> _sk.TfidfTransformer:
        return _sk.TfidfTransformer(
            norm=self.norm,
            use_idf=self.use_idf,
            smooth_idf=self.smooth_idf,
            sublinear_tf=self.sublinear_tf,
        )

    def _fast_fit(self, raw_documents) -> sp.csr_array:
        """scikit-learn's fit: counts, then a TfidfTransformer fitted on them, the
        idf and the weighting computed in Rust. Returns the weighted matrix."""
        self._check_params()
        tfidf = self._new_tfidf()
        options = {
            "tfidf": True,
            "norm": self.norm,
            "use_idf": bool(self.use_idf),
            "smooth_idf": bool(self.smooth_idf),
            "sublinear_tf": bool(self.sublinear_tf),
        }
        X, idf = self._fast_count_fit(raw_documents, options)
        dtype = _float_dtype(self.dtype)
        if idf is not None:
            tfidf.idf_ = idf.astype(dtype, copy=False)
        tfidf.n_features_in_ = X.shape[1]
        self._tfidf = tfidf  # set last: an interrupted fit leaves the vectorizer as it was
        return X.astype(dtype, copy=False)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, raw_documents, y=None):
        """Learn the vocabulary and the idf."""
        if not self._fast():
            return _sk.TfidfVectorizer.fit(self, raw_documents)
        self._warn_for_unused_params()
        self._fast_fit(raw_documents)
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary and idf; return the tf-idf matrix."""
        if not self._fast():
            return _sk.TfidfVectorizer.fit_transform(self, raw_documents)
        return _align_api_if_sparse(self._fast_fit(raw_documents))

    def transform(self, raw_documents):
        """The tf-idf matrix of ``raw_documents`` with the fitted vocabulary and idf."""
        if not self._fast():
            return _sk.TfidfVectorizer.transform(self, raw_documents)
        check_is_fitted(self, msg="The TF-IDF vectorizer is not fitted")
        X = self._fast_count(raw_documents)
        tfidf = self._tfidf
        idf = getattr(tfidf, "idf_", None)
        if idf is not None and len(idf) != X.shape[1]:
            raise ValueError(
                f"X has {X.shape[1]} features, but TfidfTransformer is expecting "
                f"{len(idf)} features as input."
            )
        data, _ = _weigh(X, norm=tfidf.norm, sublinear_tf=tfidf.sublinear_tf, idf=idf)
        dtype = idf.dtype if idf is not None else _float_dtype(self.dtype)
        return _align_api_if_sparse(
            _csr(data.astype(dtype, copy=False), X.indices, X.indptr, X.shape[1])
        )

    def partial_fit(self, raw_documents, y=None):
        """Add a batch to the vocabulary and document-frequency statistics."""
        super().partial_fit(raw_documents)
        tfidf = self._new_tfidf()
        terms = self._fitted_terms()
        if self.use_idf:
            freqs = np.asarray(self._stats.frequencies(terms), dtype=np.float64).reshape(-1, 2)
            n, df = float(self._stats.documents), freqs[:, 0]
            if self.smooth_idf:
                n, df = n + 1, df + 1
            with np.errstate(divide="ignore"):
                idf = np.log(n / df) + 1
            tfidf.idf_ = idf.astype(_float_dtype(self.dtype), copy=False)
        tfidf.n_features_in_ = len(terms)
        self._tfidf = tfidf
        return self


class HashingVectorizer(_TextMixin, _sk.HashingVectorizer, auto_wrap_output_keys=None):
    """Drop-in for :class:`sklearn.feature_extraction.text.HashingVectorizer`.

    Features are hashed with MurmurHash3 (seed 0) exactly as scikit-learn
    does, so the columns are the same.

    Example:
        >>> from textlens.sklearn import HashingVectorizer
        >>> X = HashingVectorizer(n_features=8).transform(["a rose is a rose"])
        >>> X.toarray().round(3).tolist()
        [[0.0, 0.0, 0.0, 0.0, -0.894, 0.447, 0.0, 0.0]]
    """

    _parameter_constraints: ClassVar[dict] = {
        **_sk.HashingVectorizer._parameter_constraints,
        **_TEXTLENS_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: str | None = None,
        lowercase: bool = True,
        preprocessor=None,
        tokenizer=None,
        stop_words: str | Iterable[str] | None = None,
        token_pattern: str = DEFAULT_TOKEN_PATTERN,
        ngram_range: tuple[int, int] = (1, 1),
        analyzer="word",
        n_features: int = 2**20,
        binary: bool = False,
        norm: str | None = "l2",
        alternate_sign: bool = True,
        dtype=np.float64,
        lang: str | None = None,
        stem: bool = False,
        engine: str = "classic",
        cjk: str = "dictionary",
        progress: bool = False,
    ):
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            analyzer=analyzer,
            n_features=n_features,
            binary=binary,
            norm=norm,
            alternate_sign=alternate_sign,
            dtype=dtype,
        )
        self.lang = lang
        self.stem = stem
        self.engine = engine
        self.cjk = cjk
        self.progress = progress

    def transform(self, X):
        """The hashed (and normalized) feature matrix of ``X``."""
        if not self._fast():
            return _sk.HashingVectorizer.transform(self, X)
        if isinstance(X, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._validate_ngram_range()
        self._prepare_analysis()
        texts = self._texts(X)
        if not texts:
            raise ValueError("Cannot vectorize empty sequence.")
        core = self._core()
        _, data, indices, indptr, n_cols = self._run(
            lambda analyzed: core.hash(
                texts,
                self.n_features,
                self.alternate_sign,
                binary=self.binary,
                norm=self.norm,
                analyzed=analyzed,
                progress=self._bar("transform"),
            ),
            texts,
        )
        M = _csr(data, indices, indptr, n_cols)
        return _align_api_if_sparse(M.astype(self.dtype, copy=False))


CountVectorizer._fast_base = CountVectorizer
TfidfVectorizer._fast_base = TfidfVectorizer
HashingVectorizer._fast_base = HashingVectorizer
