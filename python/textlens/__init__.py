"""textlens: multilingual text statistics with a Rust core.

Detect the language of a text, tokenize it by the rules of its script, remove
stopwords, stem with Snowball and count terms.

>>> import textlens
>>> textlens.detect("Der Kreml bestätigte das Gespräch.").lang
'de'
>>> textlens.Analyzer("en").analyze("Presidents were talking.")
['presid', 'talk']
"""

from textlens._documents import read_articles
from textlens._mecab import set_mecab_dictionary
from textlens._textlens import (
    Analyzer,
    Corpus,
    CorpusStats,
    DecodeError,
    Detection,
    Document,
    InternalError,
    InvalidDocumentError,
    InvalidOptionError,
    MinHash,
    Passage,
    RecordError,
    Span,
    TextlensError,
    Token,
    UnknownLanguageError,
    UnsupportedError,
    __version__,
    detect,
    detect_all,
    detect_spans,
    languages,
    lexdiv,
    lsh_params,
    mecab_dictionary,
    minhash,
    near_duplicates,
    readability,
    sentence_spans,
    sentences,
    shared_passages,
    statistics,
    statistics_many,
    stem,
    stopwords,
    syllables,
    tokenize,
    tokens,
)

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
    "__version__",
    "detect",
    "detect_all",
    "detect_spans",
    "languages",
    "lexdiv",
    "lsh_params",
    "mecab_dictionary",
    "minhash",
    "near_duplicates",
    "read_articles",
    "readability",
    "sentence_spans",
    "sentences",
    "set_mecab_dictionary",
    "shared_passages",
    "statistics",
    "statistics_many",
    "stem",
    "stopwords",
    "syllables",
    "tokenize",
    "tokens",
]
