"""Bad input across the public entry points: a clear exception or a defined result.

Every exception is a subclass of ValueError or TypeError, so ``except ValueError`` in a
notebook keeps working, and nothing takes the interpreter down.
"""

from __future__ import annotations

import pytest
import textlens
from textlens.sklearn import CountVectorizer, HashingVectorizer, TfidfVectorizer

SURROGATE = "Putin \ud800 Xi"  # a str Python can hold but UTF-8 cannot encode

ENTRY_POINTS = {
    "detect": lambda t: textlens.detect(t),
    "tokenize": lambda t: textlens.tokenize(t),
    "tokens": lambda t: textlens.tokens(t),
    "stem": lambda t: textlens.stem([t], "en"),
    "Analyzer.analyze": lambda t: textlens.Analyzer().analyze(t),
    "Analyzer.analyze_many": lambda t: textlens.Analyzer().analyze_many(["fine", t]),
    "Analyzer.term_frequencies": lambda t: textlens.Analyzer("en").term_frequencies(t),
    "Corpus": lambda t: textlens.Corpus(["fine", t]),
    "Document": lambda t: textlens.Document(t),
    "read_articles": lambda t: textlens.read_articles(["fine", t]),
    "TfidfVectorizer(lang=auto)": lambda t: TfidfVectorizer(lang="auto").fit_transform(
        ["fine words", t]
    ),
    "minhash": lambda t: textlens.minhash(t),
    "near_duplicates": lambda t: textlens.near_duplicates(["fine", t]),
    "shared_passages": lambda t: textlens.shared_passages(t, "fine"),
}


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_lone_surrogates_are_unicode_encode_errors(name):
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
        ENTRY_POINTS[name](SURROGATE)


@pytest.mark.parametrize("cls", [CountVectorizer, HashingVectorizer])
def test_scikit_learn_mode_accepts_lone_surrogates_as_scikit_learn_does(cls):
    from sklearn.feature_extraction import text as sk

    docs = ["fine words", SURROGATE, "\ud83d broken emoji half"]
    ours = cls().fit_transform(docs)
    theirs = getattr(sk, cls.__name__)().fit_transform(docs)
    assert (ours != theirs).nnz == 0


@pytest.mark.parametrize("name", ["detect", "tokenize", "Analyzer.analyze", "minhash"])
@pytest.mark.parametrize("text", ["", " ", "\n\t \u3000\u00a0", "\x00", "..."])
def test_empty_whitespace_and_punctuation_give_defined_results(name, text):
    ENTRY_POINTS[name](text)  # no exception
    if name == "tokenize":
        assert textlens.tokenize(text) == []
    if name == "detect":
        assert textlens.detect(text) is None
    if name == "Analyzer.analyze":
        assert textlens.Analyzer().analyze(text) == []


def test_nul_and_control_characters_separate_words():
    text = "Putin\x00Xi \x01\x02 met\x00 in\x1fMoscow\x7f"
    assert textlens.tokenize(text) == ["putin", "xi", "met", "in", "moscow"]
    assert textlens.Analyzer("en").analyze(text) == ["putin", "xi", "met", "moscow"]
    spans = [(t.start, t.end) for t in textlens.tokens(text) if t.kind == "word"]
    assert [text[a:b] for a, b in spans] == ["Putin", "Xi", "met", "in", "Moscow"]


def test_a_50_mb_document():
    sentence = "Putin and Xi met in Moscow to discuss military cooperation. "
    big = (sentence * (50_000_000 // len(sentence) + 1))[:50_000_000]
    n = big.count("Putin")
    tf = textlens.Analyzer().term_frequencies(big)
    assert tf["putin"] == n and tf["cooper"] == big.count("cooperation")
    corpus = textlens.Corpus([big, "Snow fell in Moscow."])
    assert corpus.dtm()[0, corpus.vocabulary["xi"]] == n


@pytest.mark.parametrize(
    "call",
    [
        lambda: textlens.stem(["word"], "klingon"),
        lambda: textlens.Analyzer("xx"),
        lambda: textlens.tokenize("word", lang="zz"),
        lambda: textlens.detect("word", allowlist=["en", "nope"]),
        lambda: textlens.stopwords("qq"),
        lambda: TfidfVectorizer(lang="klingon").fit(["a text"]),
    ],
)
def test_unknown_language_codes_list_the_supported_ones(call):
    with pytest.raises(textlens.UnknownLanguageError, match=r"supported: .*\ben\b"):
        call()


@pytest.mark.parametrize(
    ("call", "exc", "pattern"),
    [
        (lambda: textlens.Analyzer(ngram_range=(2, 1)), ValueError, "ngram_range"),
        (lambda: textlens.Analyzer(min_token_len=-1), ValueError, "min_token_len"),
        (lambda: textlens.Corpus(["a b"]).dtm("augmented", k=-0.5), ValueError, "k"),
        (lambda: textlens.Corpus(["a b", "b c"]).trim(min_df=2, max_df=1), ValueError, "max_df"),
        (lambda: TfidfVectorizer(ngram_range=(2, 1)).fit(["a b"]), ValueError, "ngram_range"),
        (lambda: CountVectorizer(min_df=3, max_df=1).fit(["aa bb"]), ValueError, "max_df"),
        (lambda: textlens.near_duplicates(["a"], threshold=1.5), ValueError, "threshold"),
        (lambda: textlens.Analyzer().analyze(b"bytes"), TypeError, "str"),
        (lambda: textlens.Analyzer().analyze_many([1]), TypeError, r"texts\[0\] is int"),
    ],
)
def test_options_out_of_range_and_wrong_types(call, exc, pattern):
    with pytest.raises(exc, match=pattern):
        call()
