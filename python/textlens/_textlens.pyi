"""Type stubs for the compiled core, ``textlens._textlens``."""

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "Analyzer",
    "Corpus",
    "CorpusStats",
    "DecodeError",
    "Detection",
    "Document",
    "InternalError",
    "InvalidDocumentError",
    "InvalidOptionError",
    "MinHash",
    "Passage",
    "RecordError",
    "Span",
    "TextlensError",
    "Token",
    "UnknownLanguageError",
    "UnsupportedError",
    "_TermStats",
    "_VectorizerCore",
    "_Vocabulary",
    "__version__",
    "_corpus_from_state",
    "_panic_for_tests",
    "_read_path",
    "_set_mecab_dictionary",
    "_stats_from_state",
    "_tfidf",
    "detect",
    "detect_all",
    "detect_spans",
    "languages",
    "lexdiv",
    "lsh_params",
    "mecab_dictionary",
    "minhash",
    "near_duplicates",
    "readability",
    "sentence_spans",
    "sentences",
    "shared_passages",
    "statistics",
    "statistics_many",
    "stem",
    "stopwords",
    "syllables",
    "tokenize",
    "tokens",
]

__version__: str

class TextlensError(ValueError): ...
class UnknownLanguageError(TextlensError): ...
class UnsupportedError(TextlensError): ...
class InvalidOptionError(TextlensError): ...
class InvalidDocumentError(TextlensError, TypeError): ...
class DecodeError(TextlensError): ...
class RecordError(TextlensError): ...
class InternalError(TextlensError): ...

@final
class Detection:
    def _repr_html_(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def iso639_3(self) -> str: ...
    @property
    def script(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def reliable(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Token:
    @property
    def text(self) -> str: ...
    @property
    def norm(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def char_start(self) -> int: ...
    @property
    def char_end(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Analyzer:
    def __new__(
        cls,
        lang: str = "auto",
        *,
        stopwords: bool | Iterable[str] | None = True,
        extra_stopwords: Iterable[str] | None = None,
        stem: bool = True,
        engine: str = "classic",
        lowercase: bool = True,
        normalization: str = "nfc",
        strip_accents: bool = False,
        min_token_len: int = 1,
        token_kinds: Iterable[str] | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        allowlist: Iterable[str] | None = None,
        cjk: str = "dictionary",
        mixed: bool = False,
    ) -> Analyzer: ...
    def analyze(self, text: str) -> list[str]: ...
    def analyze_many(self, texts: Iterable[str], *, progress: bool = False) -> list[list[str]]: ...
    def term_frequencies(self, text: str) -> dict[str, int]: ...
    def surface_forms(
        self, texts: Iterable[str], *, terms: Iterable[str] | None = None
    ) -> dict[str, str]: ...
    def detect(self, text: str) -> Detection | None: ...
    @property
    def options(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    @classmethod
    def _from_state(cls, state: str) -> Analyzer: ...

@final
class Document:
    def _repr_html_(self) -> str: ...
    def __new__(
        cls,
        text: str,
        id: str | None = None,
        date: str | None = None,
        source: str | None = None,
        lang: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Document: ...
    @property
    def id(self) -> str: ...
    @id.setter
    def id(self, value: str) -> None: ...
    @property
    def text(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @date.setter
    def date(self, value: str | None) -> None: ...
    @property
    def source(self) -> str | None: ...
    @source.setter
    def source(self, value: str | None) -> None: ...
    @property
    def lang(self) -> str | None: ...
    @lang.setter
    def lang(self, value: str | None) -> None: ...
    @property
    def meta(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, Any]: ...

@final
class Corpus:
    def __new__(
        cls,
        documents: Iterable[str | Document] | Any,
        *,
        analyzer: Analyzer | None = None,
        metadata: Sequence[dict[str, Any]] | None = None,
        text_column: str = "text",
        progress: bool = False,
    ) -> Corpus: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...
    def surface_forms(self) -> dict[str, str]: ...
    @property
    def terms(self) -> list[str]: ...
    @property
    def vocabulary(self) -> dict[str, int]: ...
    @property
    def doc_frequencies(self) -> npt.NDArray[np.int64]: ...
    @property
    def term_counts(self) -> npt.NDArray[np.int64]: ...
    @property
    def documents(self) -> list[Document]: ...
    @property
    def analyzer(self) -> Analyzer: ...
    def group_by(
        self,
        key: str | Sequence[object],
        *,
        sort: bool = False,
        missing: str | None = None,
    ) -> Corpus: ...
    # Tables are a pandas.DataFrame when pandas is installed, else a list of dicts.
    def frequencies(
        self, *, groups: str | Sequence[object] | None = None, n: int | None = None
    ) -> Any: ...
    def keyness(
        self,
        target: str | Sequence[int] | Sequence[str] | Sequence[bool] | npt.NDArray[Any],
        *,
        reference: (
            Sequence[int]
            | Sequence[str]
            | Sequence[bool]
            | npt.NDArray[Any]
            | dict[str, int]
            | None
        ) = None,
        groups: str | Sequence[object] | None = None,
        measure: str = "chi2",
        correction: bool = True,
        prior_scale: float = 1.0,
        n: int | None = None,
    ) -> Any: ...
    def dtm(
        self,
        weighting: str = "count",
        *,
        idf: str = "smooth",
        norm: str | None = ...,  # "auto": l2 for tfidf, none otherwise
        sublinear_tf: bool = False,
        k: float = 0.5,
        k1: float = 1.2,
        b: float = 0.75,
        base: float = 10.0,
        dense: bool = False,
        as_frame: bool = False,
    ) -> Any: ...
    def trim(
        self,
        *,
        min_df: float | None = None,
        max_df: float | None = None,
        max_features: int | None = None,
    ) -> Corpus: ...
    def near_duplicates(
        self,
        threshold: float = 0.8,
        *,
        num_perm: int = 128,
        seed: int = 1,
        shingle: int = 5,
        unit: str = "word",
        exact: bool = False,
        weights: tuple[float, float] = ...,  # (0.1, 0.9)
        progress: bool = False,
    ) -> list[list[str]]: ...
    def similarity(
        self,
        other: Corpus | Sequence[str] | None = None,
        *,
        metric: str = "cosine",
        weighting: str = "auto",
        top_k: int | None = None,
        min_similarity: float | None = None,
        as_frame: bool = False,
        progress: bool = False,
    ) -> Any: ...  # numpy array, or scipy.sparse.csr_array with top_k / min_similarity
    def most_similar(
        self,
        doc: int | str,
        k: int = 10,
        *,
        metric: str = "cosine",
        weighting: str = "auto",
    ) -> list[tuple[str, float]]: ...
    # Text statistics (issue 11): tables indexed by document id, or per group.
    def statistics(
        self,
        readability: str | Sequence[str] | None = None,
        lexdiv: str | Sequence[str] | None = None,
        *,
        window: int = 50,
        segment: int = 100,
        threshold: float = 0.72,
        draws: int = 42,
        log_base: float = 10.0,
    ) -> Any: ...
    def readability(
        self,
        measure: str | Sequence[str] | None = None,
        *,
        groups: str | Sequence[object] | None = None,
    ) -> Any: ...
    def lexdiv(
        self,
        measure: str | Sequence[str] | None = None,
        *,
        groups: str | Sequence[object] | None = None,
        window: int = 50,
        segment: int = 100,
        threshold: float = 0.72,
        draws: int = 42,
        log_base: float = 10.0,
        terms: bool = False,
    ) -> Any: ...
    def collocations(
        self,
        size: int = 2,
        min_count: int = 2,
        measure: str = "z",
        *,
        terms: bool = False,
        n: int | None = None,
        max_ngrams: int = 10_000_000,
    ) -> Any: ...
    def entropy(
        self,
        *,
        groups: str | Sequence[object] | None = None,
        base: float = 2.0,
        terms: bool = False,
    ) -> Any: ...
    def dispersion(
        self,
        words: str | Sequence[str],
        *,
        groups: str | Sequence[object] | None = None,
        terms: bool = False,
    ) -> Any: ...
    def merge(self, other: Corpus) -> Corpus: ...
    def stats(self) -> CorpusStats: ...
    def dtm_in(
        self,
        stats: CorpusStats,
        weighting: str = "count",
        *,
        idf: str = "smooth",
        norm: str | None = ...,  # "auto": l2 for tfidf, none otherwise
        sublinear_tf: bool = False,
        k: float = 0.5,
        k1: float = 1.2,
        b: float = 0.75,
        base: float = 10.0,
        dense: bool = False,
    ) -> Any: ...
    def similarity_in(
        self,
        stats: CorpusStats,
        other: Corpus | None = None,
        *,
        metric: str = "cosine",
        weighting: str = "auto",
        top_k: int | None = None,
        min_similarity: float | None = None,
    ) -> Any: ...  # scipy.sparse.csr_array
    def __reduce__(self) -> tuple[Any, tuple[bytes, str, str]]: ...

@final
class CorpusStats:
    def merge(self, other: CorpusStats) -> CorpusStats: ...
    @property
    def n_documents(self) -> int: ...
    @property
    def terms(self) -> list[str]: ...
    @property
    def doc_frequencies(self) -> npt.NDArray[np.int64]: ...
    @property
    def term_counts(self) -> npt.NDArray[np.int64]: ...
    def trim(
        self,
        *,
        min_df: float | None = None,
        max_df: float | None = None,
        max_features: int | None = None,
    ) -> CorpusStats: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...

def _stats_from_state(state: bytes) -> CorpusStats: ...
def _corpus_from_state(counts: bytes, documents: str, analyzer: str) -> Corpus: ...

_CsrParts = tuple[
    list[str] | None,
    npt.NDArray[np.float64],
    npt.NDArray[np.int32] | npt.NDArray[np.int64],
    npt.NDArray[np.int32] | npt.NDArray[np.int64],
    int,
]

@final
class _VectorizerCore:
    def __new__(
        cls,
        *,
        lowercase: bool = True,
        strip_accents: str | None = None,
        unit: str = "word",
        ngram_range: tuple[int, int] = ...,  # (1, 1)
        stop_words: list[str] | None = None,
        analyzer: Analyzer | None = None,
    ) -> _VectorizerCore: ...
    def analyze_many(self, texts: Iterable[str]) -> list[list[str]]: ...
    def fit_counts(
        self,
        texts: Iterable[str],
        *,
        min_df: float,
        max_df: float,
        max_features: int | None = None,
        vocabulary: list[str] | None = None,
        analyzed: list[list[str]] | None = None,
        binary: bool = False,
        tfidf: bool = False,
        norm: str | None = None,
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        int_counts: bool = False,
        progress: str | None = None,
    ) -> tuple[
        _Vocabulary | None,
        npt.NDArray[np.float64] | npt.NDArray[np.int64],
        npt.NDArray[np.int32] | npt.NDArray[np.int64],
        npt.NDArray[np.int32] | npt.NDArray[np.int64],
        int,
        npt.NDArray[np.float64] | None,
    ]: ...
    def counts(
        self,
        texts: Iterable[str],
        vocabulary: _Vocabulary | list[str],
        *,
        analyzed: list[list[str]] | None = None,
        progress: str | None = None,
    ) -> _CsrParts: ...
    def hash(
        self,
        texts: Iterable[str],
        n_features: int,
        alternate_sign: bool,
        *,
        binary: bool = False,
        norm: str | None = None,
        analyzed: list[list[str]] | None = None,
        progress: str | None = None,
    ) -> _CsrParts: ...

@final
class _Vocabulary:
    def __new__(cls, terms: list[str]) -> _Vocabulary: ...
    def __len__(self) -> int: ...
    def terms(self) -> list[str]: ...
    def __reduce__(self) -> tuple[type[_Vocabulary], tuple[list[str]]]: ...

@final
class _TermStats:
    def __new__(cls) -> _TermStats: ...
    def add(
        self,
        core: _VectorizerCore,
        texts: Iterable[str],
        *,
        analyzed: list[list[str]] | None = None,
        binary: bool = False,
    ) -> None: ...
    @property
    def documents(self) -> int: ...
    def __len__(self) -> int: ...
    def frequencies(self, terms: list[str]) -> list[tuple[int, int]]: ...
    def __getstate__(self) -> str: ...
    def __setstate__(self, state: str) -> None: ...
    def vocabulary(
        self, *, min_df: float, max_df: float, max_features: int | None = None
    ) -> list[str]: ...

def _tfidf(
    data: npt.NDArray[np.float64],
    indices: npt.NDArray[np.int32] | npt.NDArray[np.int64],
    indptr: npt.NDArray[np.int32] | npt.NDArray[np.int64],
    n_cols: int,
    *,
    norm: str | None,
    use_idf: bool,
    smooth_idf: bool,
    sublinear_tf: bool,
    idf: npt.NDArray[np.float64] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64] | None]: ...
def detect(
    text: str,
    *,
    engine: str = "ngram",
    allowlist: Sequence[str] | None = None,
    prior: dict[str, float] | Iterable[str] | None = None,
) -> Detection | None: ...
def detect_all(
    text: str,
    *,
    engine: str = "ngram",
    allowlist: Sequence[str] | None = None,
    prior: dict[str, float] | Iterable[str] | None = None,
) -> list[tuple[str, float]]: ...
def languages(*, as_frame: bool = False) -> Any: ...  # list of dicts, or a DataFrame
def stopwords(lang: str) -> list[str]: ...
def tokenize(text: str, *, lang: str | None = None, cjk: str = "dictionary") -> list[str]: ...
def tokens(text: str, *, lang: str | None = None, cjk: str = "dictionary") -> list[Token]: ...
def sentences(text: str, lang: str | None = None) -> list[str]: ...
def _set_mecab_dictionary(path: str | os.PathLike[str] | None) -> None: ...
def mecab_dictionary() -> Path | None: ...
def sentence_spans(text: str, lang: str | None = None) -> list[tuple[int, int]]: ...
def stem(words: Iterable[str], lang: str, *, engine: str = "classic") -> list[str]: ...
def _read_path(path: str, *, lossy: bool = False, progress: bool = False) -> list[Document]: ...
def _panic_for_tests(place: str) -> None: ...

@final
class MinHash:
    def _repr_html_(self) -> str: ...
    def jaccard(self, other: MinHash) -> float: ...
    @property
    def hashvalues(self) -> npt.NDArray[np.uint64]: ...
    @property
    def num_perm(self) -> int: ...
    @property
    def seed(self) -> int: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    @classmethod
    def _from_state(cls, state: str) -> MinHash: ...

@final
class Passage:
    @property
    def text(self) -> str: ...
    @property
    def a_start(self) -> int: ...
    @property
    def a_end(self) -> int: ...
    @property
    def b_start(self) -> int: ...
    @property
    def b_end(self) -> int: ...
    @property
    def tokens(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

def minhash(
    text: str, *, num_perm: int = 128, seed: int = 1, shingle: int = 5, unit: str = "word"
) -> MinHash: ...
def near_duplicates(
    texts: Iterable[str] | Corpus,
    *,
    threshold: float = 0.8,
    num_perm: int = 128,
    seed: int = 1,
    shingle: int = 5,
    unit: str = "word",
    exact: bool = False,
    weights: tuple[float, float] = ...,  # (0.1, 0.9)
    progress: bool = False,
) -> list[list[int]] | list[list[str]]: ...
def lsh_params(
    threshold: float,
    *,
    num_perm: int = 128,
    weights: tuple[float, float] = ...,  # (0.5, 0.5)
) -> tuple[int, int]: ...
def shared_passages(
    a: str, b: str, *, min_tokens: int = 8, max_passages: int | None = 1000
) -> list[Passage]: ...

# Text statistics (issue 11).
def statistics(
    text: str, *, lang: str | None = None, readability: str | Sequence[str] | None = None
) -> dict[str, Any]: ...
def statistics_many(
    documents: Iterable[str | Document] | Any,
    *,
    lang: str | None = None,
    readability: str | Sequence[str] | None = None,
    lexdiv: str | Sequence[str] | None = None,
    text_column: str = "text",
    window: int = 50,
    segment: int = 100,
    threshold: float = 0.72,
    draws: int = 42,
    log_base: float = 10.0,
) -> Any: ...  # pandas.DataFrame, or list[dict[str, Any]] without pandas
def syllables(words: Sequence[str], lang: str) -> list[int]: ...
def readability(
    text: str, measure: str | Sequence[str] | None = None, *, lang: str | None = None
) -> Any: ...  # float for one name, dict[str, float] for several or "all"
def lexdiv(
    text_or_tokens: str | Sequence[str],
    measure: str | Sequence[str] | None = None,
    *,
    window: int = 50,
    segment: int = 100,
    threshold: float = 0.72,
    draws: int = 42,
    log_base: float = 10.0,
    lang: str | None = None,
    analyzer: Analyzer | None = None,
) -> Any: ...  # float for one name, dict[str, float] for several or "all"

# Mixed-language texts (src/python/spans.rs)
@final
class Span:
    @property
    def lang(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

def detect_spans(
    text: str,
    *,
    allowlist: Sequence[str] | None = None,
    min_words: int = 3,
    switch_cost: float = 6.0,
    context_words: int = 1,
) -> list[Span]: ...
