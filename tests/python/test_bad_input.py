"""Bad input across the public entry points: a clear exception or a defined result.

Every exception is a subclass of ValueError or TypeError, so ``except ValueError`` in a
notebook keeps working, and nothing takes the interpreter down.
"""

from __future__ import annotations

import pytest
import textlens
import textlens.cli
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


def test_a_200_mb_document():
    # One document is analyzed on one thread: ~10 s on a loaded 2-core machine, peak RSS
    # ~2.2 GB (33 million terms). Through both paths: in place (one-document calls) and on
    # the worker thread of interruptible calls.
    sentence = "Putin and Xi met in Moscow to discuss military cooperation. "
    big = (sentence * (200_000_000 // len(sentence) + 1))[:200_000_000]
    n, n_coop = big.count("Putin"), big.count("cooperation")
    tf = textlens.Analyzer().term_frequencies(big)
    assert tf["putin"] == n and tf["cooper"] == n_coop
    del tf
    corpus = textlens.Corpus([big, "Snow fell in Moscow."])
    row = corpus.dtm()[[0], :].toarray()[0]
    col = corpus.vocabulary
    assert (row[col["putin"]], row[col["xi"]], row[col["cooper"]]) == (n, n, n_coop)


_corpus = textlens.Corpus(["Putin called Xi.", "Snow in Moscow."], analyzer=textlens.Analyzer("en"))

# Entry points that take many texts, with the name their error messages use for the list.
LIST_ENTRY_POINTS = {
    "stem": (lambda texts: textlens.stem(texts, "en"), "words"),
    "Analyzer.analyze_many": (lambda texts: textlens.Analyzer().analyze_many(texts), "texts"),
    "Analyzer(stopwords=)": (lambda texts: textlens.Analyzer(stopwords=texts), "stopwords"),
    "Analyzer(extra_stopwords=)": (
        lambda texts: textlens.Analyzer(extra_stopwords=texts),
        "extra_stopwords",
    ),
    "Corpus": (lambda texts: textlens.Corpus(texts), "documents"),
    "Corpus.similarity": (lambda texts: _corpus.similarity(texts), "other"),
    "near_duplicates": (lambda texts: textlens.near_duplicates(texts), "texts"),
    "read_articles": (lambda texts: textlens.read_articles(texts), "item"),
    "CountVectorizer.fit": (lambda texts: CountVectorizer().fit(texts), "raw_documents"),
    "TfidfVectorizer.fit_transform": (
        lambda texts: TfidfVectorizer().fit_transform(texts),
        "raw_documents",
    ),
    "TfidfVectorizer(lang=auto).partial_fit": (
        lambda texts: TfidfVectorizer(lang="auto").partial_fit(texts),
        "raw_documents",
    ),
    "TfidfVectorizer.transform": (
        lambda texts: TfidfVectorizer().fit(["putin called", "xi called"]).transform(texts),
        "raw_documents",
    ),
    "HashingVectorizer.transform": (
        lambda texts: HashingVectorizer().transform(texts),
        "raw_documents",
    ),
}
VECTORIZERS = {name for name in LIST_ENTRY_POINTS if "Vectorizer" in name}


def _item(arg: str, i: int) -> str:
    return rf"item {i}\b" if arg == "item" else rf"{arg}\[{i}\]"


@pytest.mark.parametrize(
    ("name", "bad", "type_name"),
    [
        (name, bad, type_name)
        for name in LIST_ENTRY_POINTS
        for bad, type_name in [(None, "NoneType"), (float("nan"), "float"), (3, "int")]
        + [(b"Putin", "bytes")] * (name not in VECTORIZERS)  # they decode bytes, as sklearn
    ],
)
def test_a_non_str_item_is_a_type_error_naming_its_index(name, bad, type_name):
    call, arg = LIST_ENTRY_POINTS[name]
    with pytest.raises(TypeError, match=_item(arg, 1)) as info:
        call(["Putin called Xi.", bad])
    assert type_name in str(info.value)
    if bad is None or bad != bad:  # None, NaN
        assert "missing value" in str(info.value)


@pytest.mark.parametrize("name", [n for n in LIST_ENTRY_POINTS if n not in VECTORIZERS])
def test_a_lone_surrogate_in_a_list_names_its_index(name):
    call, arg = LIST_ENTRY_POINTS[name]
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed in " + _item(arg, 2)):
        call(["Putin called Xi.", "fine", SURROGATE])


def test_a_lone_surrogate_in_the_textlens_analysis_of_a_drop_in_names_its_index():
    # scikit-learn's own analysis accepts it (see above); textlens's cannot encode it.
    with pytest.raises(UnicodeEncodeError, match=r"in raw_documents\[1\]"):
        TfidfVectorizer(lang="auto").fit(["fine words", SURROGATE])


def test_group_labels_none_and_nan_are_missing_labels():
    docs = ["Putin called Xi.", "Snow in Moscow.", "Xi called back."]
    c = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
    for missing in (None, float("nan")):
        with pytest.raises(textlens.InvalidOptionError, match=r"key\[1\] is a missing label"):
            c.group_by(["a", missing, "a"])
        g = c.group_by(["a", missing, "a"], missing="?")
        assert [d.id for d in g.documents] == ["a", "?"]
    with pytest.raises(UnicodeEncodeError, match=r"in key\[2\]"):
        c.group_by(["a", "b", SURROGATE])


def test_invalid_utf8_in_a_folder_names_the_file_and_byte_offset(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Putin and Xi spoke.", "utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes("Путин ".encode() + b"\xc3\x28 and Xi")  # a lead byte without its follower
    offset = len("Путин ".encode())
    with pytest.raises(
        textlens.DecodeError, match=rf"b\.txt: not valid UTF-8 at byte offset {offset}"
    ):
        textlens.read_articles(tmp_path)
    # The CLI says the same, and lossy mode documents its replacement: U+FFFD per bad byte run.
    assert textlens.cli.main(["report", str(tmp_path)]) == 2
    assert f"b.txt: not valid UTF-8 at byte offset {offset}" in capsys.readouterr().err
    docs = textlens.read_articles(tmp_path, lossy=True)
    assert [d.text for d in docs] == ["Putin and Xi spoke.", "Путин \ufffd( and Xi"]


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
        (lambda: textlens.Analyzer(ngram_range=(-1, 2)), ValueError, "ngram_range"),
        (lambda: _corpus.frequencies(n=-1), textlens.InvalidOptionError, "n: must be >= 0"),
        (lambda: _corpus.keyness([0], n=-1), textlens.InvalidOptionError, "n: must be >= 0"),
        (lambda: _corpus.most_similar(0, k=-1), textlens.InvalidOptionError, "k: must be >= 1"),
        (lambda: _corpus.similarity(top_k=0), textlens.InvalidOptionError, "top_k"),
        (lambda: _corpus.trim(max_features=-1), textlens.InvalidOptionError, "max_features"),
        (lambda: HashingVectorizer(n_features=0).transform(["a b"]), ValueError, "n_features"),
        (lambda: textlens.shared_passages("a", "b", min_tokens=0), ValueError, "min_tokens"),
    ],
)
def test_options_out_of_range_and_wrong_types(call, exc, pattern):
    with pytest.raises(exc, match=pattern):
        call()
