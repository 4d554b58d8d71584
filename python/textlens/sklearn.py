"""scikit-learn drop-ins: ``CountVectorizer``, ``TfidfVectorizer``, ``HashingVectorizer``.

Same parameter names, defaults, attributes and results as scikit-learn's (with
its defaults the matrix, ``vocabulary_`` and ``idf_`` are equal to within
1e-12), computed in Rust on all cores. On top, textlens's own options:

- ``lang``: ``"auto"`` or a language code switches to textlens's analysis
  (script-aware tokens, dictionary words for scripts without spaces,
  language-aware lowercasing) instead of ``token_pattern``;
- ``stop_words="auto"``: each document's own language's list;
- ``stem`` and ``engine``: Snowball stemming;
- ``cjk``: with ``lang``, ``"dictionary"`` (the default) for dictionary words in
  Chinese, Japanese, Thai, Lao, Khmer and Myanmar and Korean stems without their
  particles, or ``"bigram"`` for Lucene's CJK bigrams.

Custom ``preprocessor``, ``tokenizer``, ``token_pattern`` or a callable
``analyzer`` are honoured exactly by running scikit-learn's own analyzer
for them (slower: the analysis then runs in Python).

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

from collections.abc import Iterable, Mapping
from numbers import Integral, Real
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction import text as _sk

from textlens._textlens import Analyzer, _TermStats, _tfidf, _VectorizerCore

__all__ = ["CountVectorizer", "HashingVectorizer", "TfidfVectorizer"]

DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


class _TextMixin:
    """What the three vectorizers share: input decoding and the analysis."""

    def __sklearn_tags__(self):
        """scikit-learn >= 1.6: documents are strings, not a 2-D array (as its vectorizers)."""
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    def _decode(self, doc: Any) -> str:
        if self.input == "filename":
            with open(doc, "rb") as fh:
                doc = fh.read()
        elif self.input == "file":
            doc = doc.read()
        if isinstance(doc, bytes):
            doc = doc.decode(self.encoding, self.decode_error)
        if not isinstance(doc, str):
            hint = " (a missing value: drop or fill it first)" if _missing(doc) else ""
            raise TypeError(f"document is {type(doc).__name__}, expected str{hint}")
        return doc

    def _texts(self, raw_documents: Iterable[Any]) -> list[str]:
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        if self.input == "content":
            texts = list(raw_documents)
            if all(isinstance(t, str) for t in texts):
                return texts
            out = []
            for i, t in enumerate(texts):
                try:
                    out.append(self._decode(t))
                except TypeError as exc:
                    raise TypeError(f"raw_documents[{i}]: {exc}") from None
            return out
        return [self._decode(d) for d in raw_documents]

    def _textlens_mode(self) -> bool:
        return self.lang is not None or self.stem or self.stop_words == "auto"

    def _python_analysis(self) -> bool:
        """Custom callables or patterns: scikit-learn's own analyzer runs them."""
        if callable(self.analyzer):
            return True
        if self._textlens_mode():
            return False
        custom_word = self.analyzer == "word" and (
            self.tokenizer is not None or self.token_pattern != DEFAULT_TOKEN_PATTERN
        )
        return self.preprocessor is not None or callable(self.strip_accents) or custom_word

    def _stop_list(self) -> list[str] | None:
        sw = self.stop_words
        if sw is None:
            return None
        if isinstance(sw, str):
            if sw == "english":
                return sorted(_sk.ENGLISH_STOP_WORDS)
            raise ValueError(f"not a built-in stop list: {sw!r} (use 'english' or 'auto')")
        return list(sw)

    def _core(self) -> _VectorizerCore:
        lo, hi = self.ngram_range
        if self._python_analysis():
            # scikit-learn's analyzer makes the features; the core only counts them.
            return _VectorizerCore()
        if self._textlens_mode():
            if self.analyzer != "word":
                raise ValueError("lang, stem and stop_words='auto' need analyzer='word'")
            stop: bool | list[str] = (
                True if self.stop_words == "auto" else (self._stop_list() or False)
            )
            analyzer = Analyzer(
                self.lang or "auto",
                stopwords=stop,
                stem=self.stem,
                engine=self.engine,
                cjk=self.cjk,
                lowercase=self.lowercase,
                strip_accents=self.strip_accents is not None,
                ngram_range=(lo, hi),
            )
            return _VectorizerCore(analyzer=analyzer)
        return _VectorizerCore(
            lowercase=self.lowercase,
            strip_accents=self.strip_accents,
            unit=self.analyzer,
            ngram_range=(lo, hi),
            stop_words=self._stop_list(),
        )

    def _analyzed(self, texts: list[str]) -> list[list[str]] | None:
        """The features of ``texts`` from scikit-learn's own analyzer where it must run,
        else None (the core analyzes them)."""
        return self._sk_analyze(texts) if self._python_analysis() else None

    def _sk_analyze(self, texts: list[str]) -> list[list[str]]:
        params = {k: v for k, v in self.get_params().items() if k in _SK_PARAMS}
        params["input"] = "content"
        analyze = _sk.CountVectorizer(**params).build_analyzer()
        return [list(analyze(t)) for t in texts]

    def _run(self, call, texts: list[str]):
        """``call(analyzed)`` on the core, with the texts analyzed in Rust where possible.

        A str holding a lone surrogate cannot cross into Rust (it has no UTF-8), but
        scikit-learn analyzes it; such input goes through scikit-learn's analyzer so that
        the drop-ins accept what scikit-learn accepts. textlens's own analysis
        (``lang``, ``stem``, ``stop_words="auto"``) raises UnicodeEncodeError instead.
        """
        analyzed = self._analyzed(texts)
        try:
            return call(analyzed)
        except UnicodeEncodeError:
            if analyzed is not None or self._textlens_mode():
                raise
            return call(self._sk_analyze(texts))

    def build_analyzer(self):
        """A callable that turns one document into its list of features."""
        if self._python_analysis():
            params = {k: v for k, v in self.get_params().items() if k in _SK_PARAMS}
            return _sk.CountVectorizer(**params).build_analyzer()
        core = self._core()
        return lambda doc: core.analyze_many([self._decode(doc)])[0]

    def _check_ngram_range(self) -> None:
        lo, hi = self.ngram_range
        if lo > hi:
            raise ValueError(
                f"Invalid value for ngram_range={self.ngram_range} "
                "lower boundary larger than the upper boundary."
            )
        if lo < 1:
            raise ValueError(
                f"Invalid value for ngram_range={self.ngram_range}: n-grams have at least 1 item."
            )


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


def _missing(value: Any) -> bool:
    """None, NaN (float or numpy), pandas' NA or NaT."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, (float, np.floating)) and value != value


def _sparse_out(X: sp.csr_array):
    """The sparse type scikit-learn returns: ``csr_matrix``, unless its
    ``sparse_interface`` option (where it has one) asks for ``csr_array``."""
    if sklearn.get_config().get("sparse_interface", "spmatrix") == "sparray":
        return X
    return sp.csr_matrix(X)


def _csr_arrays(X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(data, indices, indptr)`` as arrays the core reads without copying: float64
    data, int32 or int64 indices (whichever scipy chose)."""
    index = np.int32 if X.indices.dtype == np.int32 else np.int64
    return (
        np.ascontiguousarray(X.data, dtype=np.float64),
        np.ascontiguousarray(X.indices, dtype=index),
        np.ascontiguousarray(X.indptr, dtype=index),
    )


def _csr(data, indices, indptr, n_cols, dtype) -> sp.csr_array:
    n_rows = len(indptr) - 1
    return sp.csr_array((data, indices, indptr), shape=(n_rows, n_cols)).astype(dtype, copy=False)


class CountVectorizer(_TextMixin, TransformerMixin, BaseEstimator):
    """Drop-in for :class:`sklearn.feature_extraction.text.CountVectorizer`.

    Parameters are scikit-learn's, plus ``lang``, ``stem`` and ``engine`` (see
    the module docstring). ``partial_fit`` learns the vocabulary batch by
    batch in memory that grows with the vocabulary, not the corpus.

    Example:
        >>> from textlens.sklearn import CountVectorizer
        >>> vec = CountVectorizer(ngram_range=(1, 2), min_df=2)
        >>> vec.fit_transform(["a rose is a rose", "a rose is red"]).toarray().tolist()
        [[1, 2, 1], [1, 1, 1]]
        >>> vec.get_feature_names_out().tolist()
        ['is', 'rose', 'rose is']
    """

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
    ):
        self.input = input
        self.encoding = encoding
        self.decode_error = decode_error
        self.strip_accents = strip_accents
        self.lowercase = lowercase
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.stop_words = stop_words
        self.token_pattern = token_pattern
        self.ngram_range = ngram_range
        self.analyzer = analyzer
        self.max_df = max_df
        self.min_df = min_df
        self.max_features = max_features
        self.vocabulary = vocabulary
        self.binary = binary
        self.dtype = dtype
        self.lang = lang
        self.stem = stem
        self.engine = engine
        self.cjk = cjk

    # -- fitting -----------------------------------------------------------------------
    def _fixed_vocabulary(self) -> list[str] | None:
        vocab = self.vocabulary
        if vocab is None:
            return None
        if isinstance(vocab, Mapping):
            ordered = _ordered_terms(vocab)
        else:
            if isinstance(vocab, (set, frozenset)):
                vocab = sorted(vocab)  # as scikit-learn does
            ordered = []
            seen: set[str] = set()
            for t in vocab:
                if t in seen:
                    raise ValueError(f"Duplicate term in vocabulary: {t!r}")
                seen.add(t)
                ordered.append(t)
        if not ordered:
            raise ValueError("empty vocabulary passed to fit")
        return ordered

    def _check_df(self) -> None:
        for name in ("min_df", "max_df"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (Integral, Real)):
                raise TypeError(f"{name} must be an int or a float, got {value!r}")
            if isinstance(value, Integral) and value < 1:
                raise ValueError(f"{name} must be >= 1 when an int, got {value}")
            if not isinstance(value, Integral) and not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0.0, 1.0] when a float, got {value}")
        mf = self.max_features
        if mf is not None and (isinstance(mf, bool) or not isinstance(mf, Integral) or mf < 1):
            raise ValueError(f"max_features must be None or an int >= 1, got {mf!r}")

    def _check_df_bounds(self, n_docs: int) -> None:
        """scikit-learn's check that max_df allows at least as many documents as min_df."""

        def docs(bound: float) -> float:
            return bound if isinstance(bound, Integral) else bound * n_docs

        if n_docs and docs(self.max_df) < docs(self.min_df):
            raise ValueError("max_df corresponds to < documents than min_df")

    def _count_fit(self, raw_documents) -> sp.csr_array:
        self._check_ngram_range()
        self._check_df()
        texts = self._texts(raw_documents)
        fixed = self._fixed_vocabulary()
        if fixed is None:
            self._check_df_bounds(len(texts))
        core = self._core()
        terms, data, indices, indptr, n_cols = self._run(
            lambda analyzed: core.fit_counts(
                texts,
                min_df=self.min_df,
                max_df=self.max_df,
                max_features=self.max_features,
                vocabulary=fixed,
                analyzed=analyzed,
                binary=self.binary,
            ),
            texts,
        )
        self._set_terms(terms)
        self.fixed_vocabulary_ = fixed is not None
        self._stats = None
        return _csr(data, indices, indptr, n_cols, np.float64)

    def fit(self, raw_documents, y=None):
        """Learn the vocabulary of ``raw_documents``."""
        self._count_fit(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary and return the document-term count matrix."""
        return _sparse_out(self._count_fit(raw_documents).astype(self.dtype))

    def partial_fit(self, raw_documents, y=None):
        """Add a batch to the vocabulary statistics (documents are not kept).

        After any number of batches, ``vocabulary_`` is what ``fit`` on all of
        them at once would learn (``min_df``, ``max_df``, ``max_features``
        applied to the totals). A given ``vocabulary`` is kept as it is, as
        ``fit`` keeps it; the batches then only add document frequencies.
        ``fit`` keeps no statistics: the first ``partial_fit`` after it starts
        anew.
        """
        self._check_ngram_range()
        self._check_df()
        fixed = self._fixed_vocabulary()
        texts = self._texts(raw_documents)
        stats = getattr(self, "_stats", None)
        if fixed is None:  # checked before the batch is added to the statistics
            self._check_df_bounds((stats.documents if stats is not None else 0) + len(texts))
        if stats is None:
            stats = self._stats = _TermStats()
        # As in fit, binary counts rank the max_features cut: once a document.
        core = self._core()
        self._run(
            lambda analyzed: stats.add(core, texts, analyzed=analyzed, binary=self.binary), texts
        )
        if fixed is not None:
            terms = fixed
        elif not len(stats):
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        else:
            terms = stats.vocabulary(
                min_df=self.min_df, max_df=self.max_df, max_features=self.max_features
            )
        self._set_terms(terms)
        self.fixed_vocabulary_ = fixed is not None
        return self

    # -- using the fitted vocabulary -----------------------------------------------------
    def _set_terms(self, terms: list[str]) -> None:
        """The fitted vocabulary, in column order; ``vocabulary_`` is built from it
        when first read (a dict of a large vocabulary costs more than the counting)."""
        self._terms = list(terms)
        self.__dict__.pop("_vocabulary", None)

    @property
    def vocabulary_(self) -> dict[str, int]:
        """Term → column, as scikit-learn's ``vocabulary_``.

        Built from the fitted terms when first read. Assign a new mapping to change
        the vocabulary; terms added to or removed from this dict in place are seen
        too, but moving a term to another column in place is not (assign instead).
        """
        vocab = self.__dict__.get("_vocabulary")
        if vocab is None:
            terms = self.__dict__.get("_terms")
            if terms is None:
                raise AttributeError("'vocabulary_' is set by fit")
            vocab = self._vocabulary = {t: i for i, t in enumerate(terms)}
        return vocab

    @vocabulary_.setter
    def vocabulary_(self, value: Mapping[str, int]) -> None:
        self._set_terms(_ordered_terms(value))

    def _check_fitted(self) -> list[str]:
        edited = self.__dict__.get("_vocabulary")
        if edited is not None and len(edited) != len(self._terms):
            self._terms = _ordered_terms(edited)  # terms added or removed in place
        if "_terms" not in self.__dict__:
            if self.vocabulary is not None:
                self._set_terms(self._fixed_vocabulary() or [])
                self.fixed_vocabulary_ = True
            else:
                raise NotFittedError("Vocabulary not fitted or provided")
        if not self._terms:
            raise ValueError("Vocabulary is empty")
        return self._terms

    def _count(self, raw_documents) -> sp.csr_array:
        terms = self._check_fitted()
        texts = self._texts(raw_documents)
        core = self._core()
        _, data, indices, indptr, n_cols = self._run(
            lambda analyzed: core.counts(texts, terms, analyzed=analyzed), texts
        )
        X = _csr(data, indices, indptr, n_cols, np.float64)
        if self.binary:
            X.data.fill(1)
        return X

    def transform(self, raw_documents):
        """Count ``raw_documents`` against the fitted vocabulary."""
        return _sparse_out(self._count(raw_documents).astype(self.dtype))

    def get_feature_names_out(self, input_features=None):
        """The terms, in column order, as an object array."""
        return np.asarray(self._check_fitted(), dtype=object)

    def inverse_transform(self, X):
        """The terms with non-zero entries in each row of ``X``."""
        terms = np.asarray(self._check_fitted())
        X = sp.csr_array(X, copy=True)
        X.eliminate_zeros()  # stored zeros are not terms of the row, as in scikit-learn
        return [terms[X.indices[X.indptr[i] : X.indptr[i + 1]]] for i in range(X.shape[0])]


class TfidfVectorizer(CountVectorizer):
    """Drop-in for :class:`sklearn.feature_extraction.text.TfidfVectorizer`.

    Example:
        >>> from textlens.sklearn import TfidfVectorizer
        >>> vec = TfidfVectorizer(smooth_idf=False, norm=None)
        >>> X = vec.fit_transform(["a rose is a rose", "a rose is red"])
        >>> dict(zip(vec.get_feature_names_out(), vec.idf_.round(3)))
        {'is': np.float64(1.0), 'red': np.float64(1.693), 'rose': np.float64(1.0)}
    """

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
        )
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def _weigh(self, X: sp.csr_array, idf: np.ndarray | None) -> sp.csr_array:
        if self.norm not in (None, "l1", "l2"):
            raise ValueError(f"norm must be 'l1', 'l2' or None, got {self.norm!r}")
        data, fitted_idf = _tfidf(
            *_csr_arrays(X),
            X.shape[1],
            norm=self.norm,
            use_idf=self.use_idf,
            smooth_idf=self.smooth_idf,
            sublinear_tf=self.sublinear_tf,
            idf=None if idf is None else np.ascontiguousarray(idf, dtype=np.float64),
        )
        if fitted_idf is not None and idf is None:
            self._idf = fitted_idf
        out = sp.csr_array((data, X.indices, X.indptr), shape=X.shape)
        return out.astype(self.dtype, copy=False)

    def fit(self, raw_documents, y=None):
        """Learn the vocabulary and the idf."""
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary and idf; return the tf-idf matrix."""
        X = self._count_fit(raw_documents)
        if self.binary:
            X.data.fill(1)
        self._idf = None
        return _sparse_out(self._weigh(X, None))

    def partial_fit(self, raw_documents, y=None):
        """Add a batch to the vocabulary and document-frequency statistics."""
        super().partial_fit(raw_documents)
        terms = self._check_fitted()
        freqs = np.asarray(self._stats.frequencies(terms), dtype=np.float64).reshape(-1, 2)
        n, df = float(self._stats.documents), freqs[:, 0]
        if self.smooth_idf:
            n, df = n + 1, df + 1
        self._idf = np.log(n / df) + 1
        return self

    def transform(self, raw_documents):
        """The tf-idf matrix of ``raw_documents`` with the fitted vocabulary and idf."""
        if self.use_idf and getattr(self, "_idf", None) is None:
            raise NotFittedError("The TF-IDF vectorizer is not fitted")
        return _sparse_out(self._weigh(self._count(raw_documents), getattr(self, "_idf", None)))

    @property
    def idf_(self) -> np.ndarray:
        """Inverse document frequency of each term (``use_idf=True`` only)."""
        if not self.use_idf:
            raise AttributeError("idf_ is only defined when use_idf=True")
        if getattr(self, "_idf", None) is None:
            raise NotFittedError("The TF-IDF vectorizer is not fitted")
        return np.asarray(self._idf)

    @idf_.setter
    def idf_(self, value) -> None:
        """Set the idf (e.g. from another vectorizer), as scikit-learn allows."""
        if not self.use_idf:
            raise ValueError("`idf_` cannot be set when `use_idf=False`.")
        idf = np.asarray(value, dtype=np.float64).ravel()
        if "_terms" in self.__dict__ or self.vocabulary is not None:
            size = len(self._check_fitted())
            if size != len(idf):
                raise ValueError(
                    f"idf length = {len(idf)} must be equal to vocabulary size = {size}"
                )
        self._idf = idf


class HashingVectorizer(_TextMixin, TransformerMixin, BaseEstimator):
    """Drop-in for :class:`sklearn.feature_extraction.text.HashingVectorizer`.

    Features are hashed with MurmurHash3 (seed 0) exactly as scikit-learn
    does, so the columns are the same.

    Example:
        >>> from textlens.sklearn import HashingVectorizer
        >>> X = HashingVectorizer(n_features=8).transform(["a rose is a rose"])
        >>> X.toarray().round(3).tolist()
        [[0.0, 0.0, 0.0, 0.0, -0.894, 0.447, 0.0, 0.0]]
    """

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
    ):
        self.input = input
        self.encoding = encoding
        self.decode_error = decode_error
        self.strip_accents = strip_accents
        self.lowercase = lowercase
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.stop_words = stop_words
        self.token_pattern = token_pattern
        self.ngram_range = ngram_range
        self.analyzer = analyzer
        self.n_features = n_features
        self.binary = binary
        self.norm = norm
        self.alternate_sign = alternate_sign
        self.dtype = dtype
        self.lang = lang
        self.stem = stem
        self.engine = engine
        self.cjk = cjk

    def fit(self, X, y=None):
        """Nothing to learn; checks the parameters."""
        self._check_ngram_range()
        return self

    def partial_fit(self, X, y=None):
        """Nothing to learn."""
        return self

    def transform(self, X):
        """The hashed (and normalized) feature matrix of ``X``."""
        self._check_ngram_range()
        if self.norm not in (None, "l1", "l2"):
            raise ValueError(f"norm must be 'l1', 'l2' or None, got {self.norm!r}")
        texts = self._texts(X)
        if not texts:
            raise ValueError("Cannot vectorize empty sequence.")
        core = self._core()
        _, data, indices, indptr, n_cols = self._run(
            lambda analyzed: core.hash(
                texts, self.n_features, self.alternate_sign, analyzed=analyzed
            ),
            texts,
        )
        M = _csr(data, indices, indptr, n_cols, np.float64)
        if self.binary:
            M.data.fill(1)
        if self.norm is not None:
            data, _ = _tfidf(
                *_csr_arrays(M),
                M.shape[1],
                norm=self.norm,
                use_idf=False,
                smooth_idf=True,
                sublinear_tf=False,
            )
            M = sp.csr_array((data, M.indices, M.indptr), shape=M.shape)
        return _sparse_out(M.astype(self.dtype, copy=False))

    def fit_transform(self, X, y=None):
        """Same as ``transform``."""
        return self.fit(X).transform(X)

    def __sklearn_tags__(self):
        """Stateless: usable without ``fit`` (``check_is_fitted`` passes)."""
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        return tags
