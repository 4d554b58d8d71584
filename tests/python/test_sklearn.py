"""textlens.sklearn: the drop-in CountVectorizer, TfidfVectorizer and HashingVectorizer,
checked against scikit-learn itself on real multilingual news text.

Oracle: scikit-learn's own classes on the same documents. ``TfidfVectorizer`` is, in
scikit-learn, ``CountVectorizer`` followed by ``TfidfTransformer``; the big parity grid
uses exactly that composition (checked equal to scikit-learn's ``TfidfVectorizer`` in
``test_oracle_is_sklearn_tfidf_vectorizer``) so that one scikit-learn count fit serves
every weighting tested on it.

The parity grid: the full product of the vocabulary options (analysis 3 x min_df 3 x
max_df 3 x max_features 2 x binary 2 = 108), each tested with two of the 24 weightings
(norm 3 x use_idf 2 x smooth_idf 2 x sublinear_tf 2), chosen so that every weighting
meets every (analysis, binary) pair and every value of min_df, max_df and max_features
(``covering_grid``). The full 2592-case product would take several minutes on two
cores; this covering product takes about half a minute. Word analysis runs on 40 documents
from each of 10 languages, char_wb (2, 4) on 12 from each (its vocabulary is ~8x larger).
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import pickle
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
import sklearn
import textlens
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction import text as sk
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.neighbors import NearestNeighbors
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted
from textlens import sklearn as tl

LANGS = ("en", "de", "fr", "es", "ru", "ar", "tr", "zh", "ja", "pl")
TOL = 1e-12

# analysis name -> scikit-learn options (the corpus: ``corpus_of``)
ANALYSES: dict[str, dict[str, Any]] = {
    "word11": {"analyzer": "word", "ngram_range": (1, 1)},
    "word12": {"analyzer": "word", "ngram_range": (1, 2)},
    "char_wb24": {"analyzer": "char_wb", "ngram_range": (2, 4)},
}
# corpus name -> (train docs per language, held-out docs per language)
CORPUS_SIZES = {"word": (40, 5), "char": (12, 3)}


def corpus_of(analysis: str) -> str:
    return "char" if analysis.startswith("char") else "word"


# --------------------------------------------------------------------------------------
# Data, oracle and comparison helpers
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpora(bench_texts) -> dict[str, tuple[list[str], list[str]]]:
    """name -> (train, held_out): the first documents of each language, then the next few."""
    out = {}
    for name, (n_train, n_held) in CORPUS_SIZES.items():
        per_lang = {lang: bench_texts(lang, n_train + n_held) for lang in LANGS}
        train = [t for lang in LANGS for t in per_lang[lang][:n_train]]
        held = [t for lang in LANGS for t in per_lang[lang][n_train:]]
        assert len(train) == n_train * len(LANGS) and len(held) == n_held * len(LANGS)
        out[name] = (train, held)
    return out


@pytest.fixture(scope="module")
def labelled(bench_texts) -> tuple[list[str], list[str], list[str], list[str]]:
    """Language identification data: (train texts, train labels, test texts, test labels)."""
    train, y_train, test, y_test = [], [], [], []
    for lang in LANGS:
        texts = bench_texts(lang, 20)
        train += texts[:15]
        y_train += [lang] * 15
        test += texts[15:]
        y_test += [lang] * 5
    return train, y_train, test, y_test


def dense_diff(a, b) -> float:
    """max |a - b| of two sparse (or dense) matrices of the same shape."""
    assert a.shape == b.shape, (a.shape, b.shape)
    d = abs(sp.csr_array(a, dtype=np.float64) - sp.csr_array(b, dtype=np.float64))
    return float(d.max()) if d.nnz else 0.0


def assert_same_matrix(got, want, tol: float = TOL) -> None:
    diff = dense_diff(got, want)
    assert diff <= tol, f"max abs difference {diff:.3g} > {tol:g}"


def assert_same_idf(got, want) -> None:
    """Equal to within TOL (an idf of inf, for a given term in no document, equals inf)."""
    np.testing.assert_allclose(got, want, rtol=0, atol=TOL)


@dataclass(frozen=True)
class Cut:
    """Where ``max_features`` cuts the terms ranked by their total count."""

    limit: int
    count: float  # the total count of the limit-th most frequent term
    above: frozenset[str]  # terms counted more often: kept by any correct implementation
    tied: frozenset[str]  # terms counted exactly ``count`` times

    @property
    def tie(self) -> bool:
        """Whether some but not all of the terms with the cut count can be kept."""
        return len(self.above) + len(self.tied) > self.limit


def max_features_cut(count_params: dict[str, Any], docs: list[str]) -> Cut | None:
    """The ``max_features`` cut of ``count_params`` on ``docs``, from the data.

    Counts with scikit-learn without ``max_features`` (so after ``binary``, ``min_df``
    and ``max_df``, as scikit-learn ranks), ranks the totals and looks at the count of
    the ``max_features``-th term. None when nothing is cut.
    """
    limit = count_params.get("max_features")
    if limit is None:
        return None
    vec = sk.CountVectorizer(**{**count_params, "max_features": None})
    return cut_of_counts(vec.fit_transform(docs), vec.vocabulary_, limit)


def cut_of_counts(X, vocabulary: dict[str, int], limit: int) -> Cut | None:
    """The cut of ``limit`` terms from a count matrix not yet limited (see above)."""
    totals = np.asarray(X.sum(axis=0)).ravel()
    if totals.size <= limit:
        return None
    terms = np.empty(len(vocabulary), dtype=object)
    for term, column in vocabulary.items():
        terms[column] = term
    cut = np.sort(totals)[::-1][limit - 1]
    return Cut(
        limit=limit,
        count=float(cut),
        above=frozenset(terms[totals > cut].tolist()),
        tied=frozenset(terms[totals == cut].tolist()),
    )


def assert_same_vocabulary(got: dict[str, int], want: dict[str, int], cut: Cut | None) -> bool:
    """textlens's ``vocabulary_`` against scikit-learn's; True when they must be equal.

    With a tie at the ``max_features`` cut, scikit-learn keeps whichever tied terms
    numpy's unstable argsort puts first, textlens the tied terms that sort first (the
    documented difference): same size, every term above the cut in both, the rest of
    each from the tied terms, and textlens's the first of them in sorted order.
    """
    if cut is None or not cut.tie:
        assert got == want
        return True
    assert len(got) == len(want) == cut.limit
    for vocab in (got, want):
        assert cut.above <= vocab.keys() <= cut.above | cut.tied
    n_tied = cut.limit - len(cut.above)
    assert set(got) - cut.above == set(sorted(cut.tied)[:n_tied])
    return False


def common_columns(got: dict[str, int], want: dict[str, int]) -> tuple[list[int], list[int]]:
    common = sorted(got.keys() & want.keys())
    return [got[t] for t in common], [want[t] for t in common]


Trim = tuple[tuple[str, Any], ...]  # (("min_df", 1), ("max_df", 1.0), ...): hashable options


def trim_of(min_df=1, max_df=1.0, max_features=None, binary=False) -> Trim:
    return (
        ("min_df", min_df),
        ("max_df", max_df),
        ("max_features", max_features),
        ("binary", binary),
    )


class Oracle:
    """scikit-learn's CountVectorizer on the train and held-out documents, cached per
    (analysis, trim): one scikit-learn fit serves every weighting, the tie check and
    the CountVectorizer tests."""

    def __init__(self, corpora):
        self.corpora = corpora

    @functools.cache  # noqa: B019 (one module-scoped instance; the results are small)
    def counts(self, analysis: str, trim: Trim) -> tuple[dict[str, int], Any, Any] | Exception:
        """``(vocabulary_, X_train, X_held)`` of scikit-learn's CountVectorizer, or the
        ValueError it raised."""
        train, held = self.corpora[corpus_of(analysis)]
        vec = sk.CountVectorizer(**ANALYSES[analysis], **dict(trim))
        try:
            X = vec.fit_transform(train)
        except ValueError as exc:
            return exc
        return vec.vocabulary_, X, vec.transform(held)

    def unlimited(self, analysis: str, trim: Trim) -> tuple[dict[str, int], Any, Any]:
        """``counts`` without ``max_features``."""
        result = self.counts(analysis, trim_of(**{**dict(trim), "max_features": None}))
        assert not isinstance(result, Exception)
        return result

    def cut(self, analysis: str, trim: Trim) -> Cut | None:
        """The ``max_features`` cut (``max_features_cut``) from the cached counts."""
        limit = dict(trim)["max_features"]
        if limit is None:
            return None
        vocabulary, X, _ = self.unlimited(analysis, trim)
        return cut_of_counts(X, vocabulary, limit)

    def restricted(self, analysis: str, trim: Trim, vocabulary: dict[str, int]):
        """scikit-learn's train and held-out counts of the terms of ``vocabulary``, in its
        column order: what scikit-learn counts with that vocabulary given."""
        full, X, X_held = self.unlimited(analysis, trim)
        columns = [full[t] for t in sorted(vocabulary, key=vocabulary.__getitem__)]
        return sp.csr_array(X)[:, columns], sp.csr_array(X_held)[:, columns]


@pytest.fixture(scope="module")
def oracle(corpora) -> Oracle:
    return Oracle(corpora)


# --------------------------------------------------------------------------------------
# The parity grid
# --------------------------------------------------------------------------------------

VOCAB_FACTORS: dict[str, list[Any]] = {
    "analysis": list(ANALYSES),
    "min_df": [1, 2, 0.05],
    "max_df": [1.0, 0.5, 10],
    "max_features": [None, 500],
    "binary": [False, True],
}
WEIGHT_FACTORS: dict[str, list[Any]] = {
    "norm": ["l1", "l2", None],
    "use_idf": [True, False],
    "smooth_idf": [True, False],
    "sublinear_tf": [True, False],
}
WEIGHTINGS = [
    dict(zip(WEIGHT_FACTORS, v, strict=True)) for v in itertools.product(*WEIGHT_FACTORS.values())
]
WEIGHTINGS_PER_VOCAB = 2


def df_bounds_conflict(vocab: dict[str, Any]) -> bool:
    """Whether max_df allows fewer documents than min_df (scikit-learn's ValueError)."""
    n_train, _ = CORPUS_SIZES[corpus_of(vocab["analysis"])]
    n = n_train * len(LANGS)

    def docs(x):
        return x if isinstance(x, int) else x * n

    return docs(vocab["max_df"]) < docs(vocab["min_df"])


def _covers(vocab: dict[str, Any], w: int) -> set[tuple]:
    return {
        ("analysis+binary", (vocab["analysis"], vocab["binary"]), w),
        ("min_df", vocab["min_df"], w),
        ("max_df", vocab["max_df"], w),
        ("max_features", vocab["max_features"], w),
    }


def covering_grid() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every vocabulary combination, each with WEIGHTINGS_PER_VOCAB weightings picked
    greedily so that every weighting meets every (analysis, binary) pair and every
    min_df, max_df and max_features value in a combination that fits. Combinations
    whose df bounds conflict are tested once, for the error."""
    vocabs = [
        dict(zip(VOCAB_FACTORS, v, strict=True)) for v in itertools.product(*VOCAB_FACTORS.values())
    ]
    valid = [v for v in vocabs if not df_bounds_conflict(v)]
    todo = set().union(*(_covers(v, w) for v in valid for w in range(len(WEIGHTINGS))))
    grid = []
    for vocab in vocabs:
        if df_bounds_conflict(vocab):
            grid.append((vocab, WEIGHTINGS[0]))
            continue
        chosen: list[int] = []
        for _ in range(WEIGHTINGS_PER_VOCAB):
            best = max(
                (w for w in range(len(WEIGHTINGS)) if w not in chosen),
                key=lambda w: (len(_covers(vocab, w) & todo), -w),
            )
            todo -= _covers(vocab, best)
            chosen.append(best)
            grid.append((vocab, WEIGHTINGS[best]))
    assert not todo, f"the grid misses {len(todo)} combinations: {sorted(todo, key=str)[:5]}"
    return grid


def grid_id(case: tuple[dict[str, Any], dict[str, Any]]) -> str:
    vocab, w = case
    return "-".join(
        [
            vocab["analysis"],
            f"min{vocab['min_df']}",
            f"max{vocab['max_df']}",
            f"mf{vocab['max_features']}",
            "bin" if vocab["binary"] else "cnt",
            str(w["norm"]),
            "idf" if w["use_idf"] else "noidf",
            "smooth" if w["smooth_idf"] else "plain",
            "sublin" if w["sublinear_tf"] else "lin",
        ]
    )


GRID = covering_grid()


def test_covering_grid_shape():
    vocab_count = np.prod([len(v) for v in VOCAB_FACTORS.values()])
    conflicts = sum(df_bounds_conflict(v) for v, _ in GRID)
    assert len(GRID) == conflicts + (vocab_count - conflicts) * WEIGHTINGS_PER_VOCAB
    assert len({grid_id(c) for c in GRID}) == len(GRID)
    # every weighting appears, and so does every vocabulary combination
    assert {tuple(w.values()) for _, w in GRID} == {tuple(w.values()) for w in WEIGHTINGS}
    assert len({tuple(v.values()) for v, _ in GRID}) == vocab_count


@pytest.mark.parametrize("case", GRID, ids=grid_id)
def test_tfidf_matches_sklearn(case, corpora, oracle):
    vocab, weighting = case
    analysis = vocab["analysis"]
    trim = trim_of(vocab["min_df"], vocab["max_df"], vocab["max_features"], vocab["binary"])
    params = {**ANALYSES[analysis], **dict(trim), **weighting}
    train, held = corpora[corpus_of(analysis)]
    vec = tl.TfidfVectorizer(**params)

    counted = oracle.counts(analysis, trim)
    if isinstance(counted, Exception):
        assert df_bounds_conflict(vocab)
        with pytest.raises(ValueError, match="max_df corresponds to < documents than min_df"):
            vec.fit_transform(train)
        with pytest.raises(ValueError, match=re.escape(str(counted))):
            sk.TfidfVectorizer(**params).fit(train)
        return

    sk_vocab, sk_counts, sk_held_counts = counted
    tfidf = sk.TfidfTransformer(**weighting)
    want = tfidf.fit_transform(sk_counts.astype(np.float64))
    want_held = tfidf.transform(sk_held_counts.astype(np.float64))

    got = vec.fit_transform(train)
    got_held = vec.transform(held)
    assert type(got) is type(want) and got.dtype == want.dtype == np.float64

    exact = assert_same_vocabulary(vec.vocabulary_, sk_vocab, oracle.cut(analysis, trim))
    if exact:
        assert_same_matrix(got, want)
        assert_same_matrix(got_held, want_held)
        if weighting["use_idf"]:
            assert_same_idf(vec.idf_, tfidf.idf_)
        return

    # A tie at the max_features cut: the matrices agree on the common columns ...
    ours, theirs = common_columns(vec.vocabulary_, sk_vocab)
    if weighting["use_idf"]:
        assert_same_idf(vec.idf_[ours], tfidf.idf_[theirs])
    if weighting["norm"] is None:  # (a norm spans every column of a row)
        assert_same_matrix(sp.csr_array(got)[:, ours], sp.csr_array(want)[:, theirs])
        assert_same_matrix(sp.csr_array(got_held)[:, ours], sp.csr_array(want_held)[:, theirs])
    # ... and are scikit-learn's for textlens's choice of tied terms: its counts of those
    # terms (what it counts given vocabulary=vec.vocabulary_), then its TfidfTransformer.
    counts, held_counts = oracle.restricted(analysis, trim, vec.vocabulary_)
    ref = sk.TfidfTransformer(**weighting)
    assert_same_matrix(got, ref.fit_transform(counts.astype(np.float64)))
    assert_same_matrix(got_held, ref.transform(held_counts.astype(np.float64)))
    if weighting["use_idf"]:
        assert_same_idf(vec.idf_, ref.idf_)


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_tie_oracle_is_sklearn_with_the_vocabulary_given(analysis, corpora, oracle):
    """In a tie at the cut the grid compares with scikit-learn's counts restricted to
    textlens's terms; that is what scikit-learn computes given those terms."""
    train, held = corpora[corpus_of(analysis)]
    for trim in (trim_of(1, 1.0, 500, False), trim_of(2, 0.5, 500, True)):
        cut = oracle.cut(analysis, trim)
        if cut is not None and cut.tie:
            break
    else:
        pytest.fail(f"no tie at the max_features cut for {analysis}: pick another trim")
    vec = tl.TfidfVectorizer(**ANALYSES[analysis], **dict(trim))
    got = vec.fit_transform(train)
    counts, held_counts = oracle.restricted(analysis, trim, vec.vocabulary_)
    composed = sk.TfidfTransformer().fit(counts.astype(np.float64))
    given = sk.TfidfVectorizer(
        **ANALYSES[analysis], binary=dict(trim)["binary"], vocabulary=vec.vocabulary_
    )
    assert_same_matrix(composed.transform(counts.astype(np.float64)), given.fit_transform(train))
    assert np.array_equal(composed.idf_, given.idf_)
    assert_same_matrix(composed.transform(held_counts.astype(np.float64)), given.transform(held))
    assert_same_matrix(got, given.transform(train))


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_oracle_is_sklearn_tfidf_vectorizer(analysis, corpora):
    """The grid's oracle, CountVectorizer + TfidfTransformer, is scikit-learn's
    TfidfVectorizer (same vocabulary and idf; matrices equal to rounding)."""
    train, held = corpora[corpus_of(analysis)]
    params = {**ANALYSES[analysis], "min_df": 2, "sublinear_tf": True, "norm": "l1"}
    count_params = {k: v for k, v in params.items() if k not in ("sublinear_tf", "norm")}
    counts = sk.CountVectorizer(**count_params)
    tfidf = sk.TfidfTransformer(sublinear_tf=True, norm="l1")
    composed = tfidf.fit_transform(counts.fit_transform(train).astype(np.float64))
    real = sk.TfidfVectorizer(**params)
    direct = real.fit_transform(train)
    assert counts.vocabulary_ == real.vocabulary_
    assert_same_matrix(composed, direct)
    assert np.array_equal(tfidf.idf_, real.idf_)
    held_composed = tfidf.transform(counts.transform(held).astype(np.float64))
    assert_same_matrix(held_composed, real.transform(held))


# --------------------------------------------------------------------------------------
# The tie helper itself
# --------------------------------------------------------------------------------------

TIE_DOCS = ["aa bb cc dd", "aa bb cc dd", "ee ff ee", "gg"]  # aa..dd: 2, ee: 2, ff gg: 1


def test_max_features_cut_sees_ties_from_the_data():
    cut = max_features_cut({"max_features": 2}, TIE_DOCS)
    assert cut is not None and cut.tie and cut.count == 2
    assert cut.above == frozenset() and cut.tied == {"aa", "bb", "cc", "dd", "ee"}
    # five terms counted twice, then two once: a cut at 5 splits no tie
    cut5 = max_features_cut({"max_features": 5}, TIE_DOCS)
    assert cut5 is not None and not cut5.tie and cut5.above == frozenset()
    cut6 = max_features_cut({"max_features": 6}, TIE_DOCS)
    assert cut6 is not None and cut6.tie and len(cut6.above) == 5
    assert max_features_cut({"max_features": 7}, TIE_DOCS) is None
    assert max_features_cut({"max_features": None}, TIE_DOCS) is None
    # binary counts rank by document frequency: ee is then in one document only
    bin_cut = max_features_cut({"max_features": 4, "binary": True}, TIE_DOCS)
    assert bin_cut is not None and not bin_cut.tie and bin_cut.count == 2
    assert bin_cut.above == frozenset() and bin_cut.tied == {"aa", "bb", "cc", "dd"}
    bin_cut3 = max_features_cut({"max_features": 3, "binary": True}, TIE_DOCS)
    assert bin_cut3 is not None and bin_cut3.tie


@pytest.mark.parametrize("limit", [2, 5, 6])
def test_tie_rule_textlens_keeps_the_tied_terms_that_sort_first(limit):
    cut = max_features_cut({"max_features": limit}, TIE_DOCS)
    vec = tl.CountVectorizer(max_features=limit).fit(TIE_DOCS)
    ref = sk.CountVectorizer(max_features=limit).fit(TIE_DOCS)
    assert_same_vocabulary(vec.vocabulary_, ref.vocabulary_, cut)
    want = sorted(cut.above) + sorted(cut.tied)[: limit - len(cut.above)]
    assert vec.get_feature_names_out().tolist() == sorted(want)


# --------------------------------------------------------------------------------------
# CountVectorizer parity
# --------------------------------------------------------------------------------------

COUNT_TRIMS = {
    "all": {},
    "trimmed": {"min_df": 2, "max_df": 0.5, "max_features": 500},
    "share": {"min_df": 0.05, "max_df": 10},
}


@pytest.mark.parametrize("binary", [False, True], ids=["counts", "binary"])
@pytest.mark.parametrize("trim", list(COUNT_TRIMS))
@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_count_vectorizer_matches_sklearn(analysis, trim, binary, corpora, oracle):
    """CountVectorizer against scikit-learn's (the grid's cached fits where they match)."""
    train, held = corpora[corpus_of(analysis)]
    options = trim_of(**COUNT_TRIMS[trim], binary=binary)
    params = {**ANALYSES[analysis], **dict(options)}
    vec = tl.CountVectorizer(**params)
    counted = oracle.counts(analysis, options)
    if isinstance(counted, Exception):
        with pytest.raises(ValueError, match=re.escape(str(counted))):
            vec.fit_transform(train)
        return
    sk_vocab, want, want_held = counted
    got = vec.fit_transform(train)
    assert type(got) is type(want) and got.dtype == want.dtype == np.int64
    if assert_same_vocabulary(vec.vocabulary_, sk_vocab, oracle.cut(analysis, options)):
        assert dense_diff(got, want) == 0.0
        assert dense_diff(vec.transform(held), want_held) == 0.0
        assert vec.get_feature_names_out().tolist() == sorted(sk_vocab, key=sk_vocab.get)
    else:
        ours, theirs = common_columns(vec.vocabulary_, sk_vocab)
        assert dense_diff(sp.csr_array(got)[:, ours], sp.csr_array(want)[:, theirs]) == 0.0
        counts, held_counts = oracle.restricted(analysis, options, vec.vocabulary_)
        assert dense_diff(got, counts) == 0.0
        assert dense_diff(vec.transform(held), held_counts) == 0.0
    # fit + transform is fit_transform
    assert dense_diff(tl.CountVectorizer(**params).fit(train).transform(train), got) == 0.0
    # inverse_transform gives each row's terms
    for row, terms in zip(got[:3].toarray(), vec.inverse_transform(got[:3]), strict=True):
        names = vec.get_feature_names_out()
        assert sorted(terms.tolist()) == sorted(names[row > 0].tolist())


# --------------------------------------------------------------------------------------
# scikit-learn options: each through CountVectorizer and TfidfVectorizer
# --------------------------------------------------------------------------------------

VOCAB_TERMS = ["the", "und", "путин", "de", "la", "в", "في", "中国", "year", "nicht"]

OPTIONS: dict[str, dict[str, Any]] = {
    "strip_accents_ascii": {"strip_accents": "ascii"},
    "strip_accents_unicode": {"strip_accents": "unicode"},
    "strip_accents_unicode_char_wb": {
        "strip_accents": "unicode",
        "analyzer": "char_wb",
        "ngram_range": (1, 3),
    },
    "stop_words_english": {"stop_words": "english", "ngram_range": (1, 2)},
    "stop_words_list": {"stop_words": ["the", "der", "и", "de", "في"]},
    "lowercase_false": {"lowercase": False},
    "lowercase_false_char_wb": {"lowercase": False, "analyzer": "char_wb", "ngram_range": (3, 3)},
    "analyzer_char": {"analyzer": "char", "ngram_range": (1, 3)},
    "analyzer_char_binary": {"analyzer": "char", "ngram_range": (2, 2), "binary": True},
    "ngram_2_3": {"ngram_range": (2, 3), "min_df": 2},
    "vocabulary_dict": {"vocabulary": {t: i for i, t in enumerate(reversed(VOCAB_TERMS))}},
    "vocabulary_list": {"vocabulary": VOCAB_TERMS},
    "vocabulary_set": {"vocabulary": set(VOCAB_TERMS)},
    "vocabulary_bigrams": {"vocabulary": ["of the", "in der", "de la"], "ngram_range": (1, 2)},
    "vocabulary_binary": {"vocabulary": VOCAB_TERMS, "binary": True},
    "token_pattern": {"token_pattern": r"(?u)\b\w+\b"},
    "token_pattern_group": {"token_pattern": r"(\w)\w*"},
    "tokenizer": {"tokenizer": str.split, "token_pattern": None},
    "preprocessor": {"preprocessor": lambda s: s[:300].upper(), "lowercase": False},
    "preprocessor_char": {"preprocessor": str.swapcase, "analyzer": "char", "ngram_range": (2, 2)},
    "analyzer_callable": {"analyzer": lambda s: s.lower().split()[:50]},
    "custom_min_df": {"tokenizer": str.split, "token_pattern": None, "min_df": 2, "max_df": 0.5},
}


@pytest.mark.parametrize("cls", ["CountVectorizer", "TfidfVectorizer"])
@pytest.mark.parametrize("option", list(OPTIONS))
def test_options_match_sklearn(option, cls, corpora):
    params = OPTIONS[option]
    train, held = corpora["char" if params.get("analyzer") in ("char", "char_wb") else "word"]
    ref = getattr(sk, cls)(**params)
    want = ref.fit_transform(train)
    vec = getattr(tl, cls)(**params)
    got = vec.fit_transform(train)
    assert vec.vocabulary_ == ref.vocabulary_
    assert vec.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    assert type(got) is type(want) and got.dtype == want.dtype
    assert_same_matrix(got, want)
    assert_same_matrix(vec.transform(held), ref.transform(held))
    if cls == "TfidfVectorizer":
        assert_same_idf(vec.idf_, ref.idf_)
    if "vocabulary" in params:
        assert vec.fixed_vocabulary_ and ref.fixed_vocabulary_
        # a given vocabulary needs no fit for counting
        if cls == "CountVectorizer":
            assert_same_matrix(getattr(tl, cls)(**params).transform(held), ref.transform(held))
    # build_analyzer is scikit-learn's analysis too
    ours, theirs = vec.build_analyzer(), ref.build_analyzer()
    for doc in held[::7]:
        assert ours(doc) == theirs(doc)


EDGE_DOCS = [
    "İSTANBUL'da ΟΔΟΣ ΣΟΦΟΣ Straße ǅungla ﬁnal",  # dotted I, final sigma, ß, titlecase, ligature
    "a\u00a0\u00a0b\u2003c\u3000\u3000d\x1c\x1de\u0085f",  # Unicode spaces, Python's \s
    "x_y 12 ٣٤ ½ Ⅻ \u3007\u3007 A1 _ __",  # \w: underscore, digits of other scripts, numerals
    "e\u0301te\u0301 \u1100\u1161\u11a8 한국어 \uff21\uff22\uff23",  # combining accents, jamo
    "tab\t\tnew\n\nline\r\n  end ",  # runs of whitespace (char analyzers collapse them)
    "ǈ ǋ ß ẞ ﬀ \u00c5 A\u030a",  # precomposed vs decomposed Å
]


@pytest.mark.parametrize("lowercase", [True, False], ids=["lower", "case"])
@pytest.mark.parametrize("strip_accents", [None, "ascii", "unicode"])
@pytest.mark.parametrize("analyzer", ["word", "char", "char_wb"])
def test_analysis_edge_cases_match_sklearn(analyzer, strip_accents, lowercase):
    """Case mapping, accents, Python's \\w and \\s on hand-picked characters."""
    params = {
        "analyzer": analyzer,
        "strip_accents": strip_accents,
        "lowercase": lowercase,
        "ngram_range": (1, 3),
    }
    ref = sk.CountVectorizer(**params)
    vec = tl.CountVectorizer(**params)
    assert dense_diff(vec.fit_transform(EDGE_DOCS), ref.fit_transform(EDGE_DOCS)) == 0.0
    assert vec.vocabulary_ == ref.vocabulary_
    hashed = {"n_features": 2**8, **params}
    assert_same_matrix(
        tl.HashingVectorizer(**hashed).transform(EDGE_DOCS),
        sk.HashingVectorizer(**hashed).transform(EDGE_DOCS),
    )


def test_idf_can_be_set_as_in_sklearn(corpora):
    train, held = corpora["word"]
    fitted = sk.TfidfVectorizer(min_df=2).fit(train)
    vocabulary = fitted.vocabulary_
    ours = tl.TfidfVectorizer(vocabulary=vocabulary)
    theirs = sk.TfidfVectorizer(vocabulary=vocabulary)
    ours.idf_ = theirs.idf_ = fitted.idf_
    assert_same_idf(ours.idf_, theirs.idf_)
    assert_same_matrix(ours.transform(held), theirs.transform(held))
    assert_same_matrix(ours.transform(held), fitted.transform(held))
    with pytest.raises(ValueError, match="idf length"):
        tl.TfidfVectorizer(vocabulary=vocabulary).idf_ = fitted.idf_[:-1]
    # scikit-learn's message, word for word (its typo "user_idf" included)
    with pytest.raises(ValueError, match="cannot be set when") as theirs_err:
        sk.TfidfVectorizer(use_idf=False).idf_ = fitted.idf_
    with pytest.raises(ValueError, match=re.escape(str(theirs_err.value))):
        tl.TfidfVectorizer(use_idf=False).idf_ = fitted.idf_


def test_strip_accents_unicode_drops_combining_marks_nfkd_keeps():
    """Regression: text that NFKD leaves unchanged (a Devanagari virama, an accent
    already decomposed) still loses its combining marks, as in scikit-learn."""
    docs = ["रक्षा मंत्री", "cafe\u0301 de\u0301ja\u0300", "plain ascii text", "Crème brûlée"]
    ref = sk.CountVectorizer(strip_accents="unicode", analyzer="char_wb", ngram_range=(1, 2))
    vec = tl.CountVectorizer(strip_accents="unicode", analyzer="char_wb", ngram_range=(1, 2))
    assert_same_matrix(vec.fit_transform(docs), ref.fit_transform(docs))
    assert vec.vocabulary_ == ref.vocabulary_
    words = tl.CountVectorizer(strip_accents="unicode").fit(docs).get_feature_names_out()
    assert (
        words.tolist()
        == sk.CountVectorizer(strip_accents="unicode").fit(docs).get_feature_names_out().tolist()
    )


@pytest.mark.parametrize("source", ["bytes", "file", "filename"])
def test_input_kinds_match_sklearn(source, corpora, tmp_path):
    train = corpora["word"][0][::10]
    paths = []
    for i, t in enumerate(train):
        path = tmp_path / f"{i}.txt"
        path.write_text(t, encoding="utf-8")
        paths.append(str(path))
    params = {"bytes": {}, "file": {"input": "file"}, "filename": {"input": "filename"}}[source]

    def feed() -> list[Any]:  # afresh each time: file objects are read once
        if source == "bytes":
            return [t.encode("utf-8") for t in train]
        if source == "file":
            return [io.BytesIO(t.encode("utf-8")) for t in train]
        return paths

    want = sk.TfidfVectorizer(**params).fit_transform(feed())
    vec = tl.TfidfVectorizer(**params)
    assert_same_matrix(vec.fit_transform(feed()), want)
    assert_same_matrix(
        tl.HashingVectorizer(**params).transform(feed()),
        sk.HashingVectorizer(**params).transform(feed()),
    )


def test_output_type_follows_sklearn_sparse_interface(corpora):
    """csr_matrix by default, as scikit-learn (a csr_array's ``*`` is elementwise)."""
    train = corpora["word"][0][:50]
    assert type(tl.CountVectorizer().fit_transform(train)) is type(
        sk.CountVectorizer().fit_transform(train)
    )
    if "sparse_interface" not in sklearn.get_config():
        pytest.skip("scikit-learn without the sparse_interface option")
    for cls in ALL_CLASSES:
        for interface in ("spmatrix", "sparray"):
            with sklearn.config_context(sparse_interface=interface):
                want = getattr(sk, cls)().fit_transform(train)
                vec = getattr(tl, cls)()
                got = vec.fit_transform(train)
                assert type(got) is type(want), (cls, interface)
                assert type(vec.transform(train[:3])) is type(want)


# --------------------------------------------------------------------------------------
# HashingVectorizer parity
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("binary", [False, True], ids=["counts", "binary"])
@pytest.mark.parametrize("norm", ["l1", "l2", None])
@pytest.mark.parametrize("alternate_sign", [True, False], ids=["alt", "noalt"])
@pytest.mark.parametrize("n_features", [2**10, 1000, 2**20], ids=["2^10", "1000", "default"])
def test_hashing_matches_sklearn(n_features, alternate_sign, norm, binary, corpora):
    train, _ = corpora["word"]
    params = {
        "n_features": n_features,
        "alternate_sign": alternate_sign,
        "norm": norm,
        "binary": binary,
        "ngram_range": (1, 2),
    }
    want = sk.HashingVectorizer(**params).fit_transform(train)
    got = tl.HashingVectorizer(**params).fit_transform(train)
    assert type(got) is type(want) and got.dtype == want.dtype and got.shape == want.shape
    assert_same_matrix(got, want)
    # the same stored entries: columns whose signed features cancel stay as explicit zeros
    assert got.nnz == want.nnz


@pytest.mark.parametrize(
    "params",
    [
        {"analyzer": "char", "ngram_range": (1, 3), "n_features": 2**12},
        {"analyzer": "char_wb", "ngram_range": (2, 4), "n_features": 2**10, "binary": True},
        {"stop_words": "english", "strip_accents": "unicode", "n_features": 2**8},
        {"lowercase": False, "norm": None, "dtype": np.float32},
        {"tokenizer": str.split, "token_pattern": None, "n_features": 2**10},
        {"preprocessor": str.upper, "lowercase": False, "alternate_sign": False},
    ],
    ids=["char", "char_wb_binary", "stop_accents", "case_f32", "tokenizer", "preprocessor"],
)
def test_hashing_options_match_sklearn(params, corpora):
    train, held = corpora["word"]
    docs = train[::2] + held
    want = sk.HashingVectorizer(**params).transform(docs)
    got = tl.HashingVectorizer(**params).transform(docs)
    assert got.dtype == want.dtype
    assert_same_matrix(got, want, tol=1e-6 if want.dtype == np.float32 else TOL)


# --------------------------------------------------------------------------------------
# Pipelines, GridSearchCV, clone, pickle
# --------------------------------------------------------------------------------------


def test_pipeline_logistic_regression_matches_sklearn(labelled):
    train, y_train, test, y_test = labelled
    params = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True}
    pipes = [
        Pipeline([("vec", mod.TfidfVectorizer(**params)), ("clf", LogisticRegression(C=10))])
        for mod in (tl, sk)
    ]
    for pipe in pipes:
        pipe.fit(train, y_train)
    ours, theirs = pipes
    assert ours.predict(test).tolist() == theirs.predict(test).tolist()
    assert np.abs(ours.predict_proba(test) - theirs.predict_proba(test)).max() < 1e-6
    assert ours.score(test, y_test) >= 0.9  # language identification from words is easy


def test_pipeline_nearest_neighbors_matches_sklearn(corpora):
    train, held = corpora["word"]
    result = []
    for mod in (tl, sk):
        pipe = Pipeline(
            [
                ("vec", mod.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), min_df=2)),
                ("nn", NearestNeighbors(n_neighbors=3, metric="cosine")),
            ]
        ).fit(train)
        X = pipe[:-1].transform(held)
        dist, ind = pipe[-1].kneighbors(X)
        result.append((dist, ind))
    (d1, i1), (d2, i2) = result
    assert np.abs(d1 - d2).max() < 1e-9
    assert (i1 == i2).mean() > 0.98  # equal up to exact distance ties
    # a held-out document's nearest neighbour is in its own language
    langs = np.repeat(np.arange(len(LANGS)), 40)
    held_langs = np.repeat(np.arange(len(LANGS)), 5)
    assert (langs[i1[:, 0]] == held_langs).mean() >= 0.9


def test_grid_search_matches_sklearn(labelled):
    train, y_train, _, _ = labelled
    grid = {"vec__ngram_range": [(1, 1), (1, 2)], "vec__min_df": [1, 2, 0.05]}
    searches = []
    for mod in (tl, sk):
        pipe = Pipeline([("vec", mod.TfidfVectorizer()), ("clf", ComplementNB(alpha=0.1))])
        cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
        searches.append(GridSearchCV(pipe, grid, cv=cv).fit(train, y_train))
    ours, theirs = searches
    assert ours.best_params_ == theirs.best_params_
    assert (
        np.abs(ours.cv_results_["mean_test_score"] - theirs.cv_results_["mean_test_score"]).max()
        < 1e-9
    )
    assert isinstance(ours.best_estimator_.named_steps["vec"], tl.TfidfVectorizer)


@pytest.mark.parametrize("cls", ["CountVectorizer", "TfidfVectorizer", "HashingVectorizer"])
def test_clone_round_trips(cls):
    extra = {"norm": "l1", "sublinear_tf": True} if cls == "TfidfVectorizer" else {}
    if cls == "HashingVectorizer":
        extra = {"n_features": 2**12, "alternate_sign": False}
    else:
        extra |= {"min_df": 2, "max_df": 0.7, "max_features": 100, "vocabulary": None}
    vec = getattr(tl, cls)(
        lang="auto", stem=True, engine="current", stop_words="auto", ngram_range=(1, 2), **extra
    )
    copy = clone(vec)
    assert copy is not vec and type(copy) is type(vec)
    assert copy.get_params() == vec.get_params()
    # every scikit-learn parameter exists, with the same default
    ours = getattr(tl, cls)().get_params()
    theirs = getattr(sk, cls)().get_params()
    assert {k: v for k, v in ours.items() if k in theirs} == theirs
    assert set(ours) - set(theirs) == {"lang", "stem", "engine", "cjk", "progress"}


def test_clone_of_fitted_is_unfitted(corpora):
    vec = tl.TfidfVectorizer().fit(corpora["word"][0][:20])
    copy = clone(vec)
    with pytest.raises(NotFittedError):
        copy.transform(["x"])


@pytest.mark.parametrize(
    "make",
    [
        lambda: tl.CountVectorizer(min_df=2, ngram_range=(1, 2)),
        lambda: tl.TfidfVectorizer(max_features=300, sublinear_tf=True),
        lambda: tl.TfidfVectorizer(lang="auto", stem=True, stop_words="auto", min_df=2),
        lambda: tl.TfidfVectorizer(tokenizer=str.split, token_pattern=None),
        lambda: tl.TfidfVectorizer(vocabulary=VOCAB_TERMS),
        lambda: tl.HashingVectorizer(n_features=2**10),
    ],
    ids=["count", "tfidf", "tfidf_textlens", "tfidf_tokenizer", "tfidf_vocabulary", "hashing"],
)
def test_pickle_round_trips_fitted(make, corpora):
    train, held = corpora["word"]
    vec = make().fit(train)
    copy = pickle.loads(pickle.dumps(vec))
    assert dense_diff(copy.transform(held), vec.transform(held)) == 0.0
    if hasattr(vec, "vocabulary_"):
        assert copy.vocabulary_ == vec.vocabulary_


def test_pickle_round_trips_after_partial_fit(corpora):
    train, held = corpora["word"]
    vec = tl.TfidfVectorizer(min_df=2, max_df=0.5)
    vec.partial_fit(train[:150]).partial_fit(train[150:250])
    copy = pickle.loads(pickle.dumps(vec))
    assert copy.vocabulary_ == vec.vocabulary_
    assert np.array_equal(copy.idf_, vec.idf_)
    assert dense_diff(copy.transform(held), vec.transform(held)) == 0.0
    # the statistics travel too: more batches give the same on both
    copy.partial_fit(train[250:])
    vec.partial_fit(train[250:])
    assert copy.vocabulary_ == vec.vocabulary_
    assert np.array_equal(copy.idf_, vec.idf_)
    whole = tl.TfidfVectorizer(min_df=2, max_df=0.5).fit(train)
    assert copy.vocabulary_ == whole.vocabulary_


# --------------------------------------------------------------------------------------
# partial_fit
# --------------------------------------------------------------------------------------

PARTIAL: dict[str, dict[str, Any]] = {
    "defaults": {},
    "df_bounds": {"min_df": 2, "max_df": 0.5},
    "share_bounds": {"min_df": 0.01, "max_df": 20, "ngram_range": (1, 2)},
    "max_features": {"max_features": 300},
    "max_features_binary": {"max_features": 300, "binary": True},
    "trim_all": {"min_df": 2, "max_df": 0.3, "max_features": 200, "smooth_idf": False},
    "char_wb": {"analyzer": "char_wb", "ngram_range": (2, 3), "max_features": 400},
    "tokenizer": {"tokenizer": str.split, "token_pattern": None, "min_df": 2},
    "textlens": {"lang": "auto", "stem": True, "stop_words": "auto", "min_df": 2},
}


@pytest.mark.parametrize("option", list(PARTIAL))
def test_partial_fit_equals_fit(option, corpora):
    train, held = corpora["word"]
    docs = train[::2]  # 200 documents, every language
    order = np.random.default_rng(7).permutation(len(docs))
    docs = [docs[i] for i in order]
    params = PARTIAL[option]
    batched = tl.TfidfVectorizer(**params)
    for start in range(0, len(docs), 47):  # uneven batches
        assert batched.partial_fit(docs[start : start + 47]) is batched
    whole = tl.TfidfVectorizer(**params).fit(docs)
    assert batched.vocabulary_ == whole.vocabulary_
    assert_same_idf(batched.idf_, whole.idf_)
    assert_same_matrix(batched.transform(held), whole.transform(held))
    # CountVectorizer learns the same vocabulary
    counts = tl.CountVectorizer(**{k: v for k, v in params.items() if k != "smooth_idf"})
    for start in range(0, len(docs), 47):
        counts.partial_fit(docs[start : start + 47])
    assert counts.vocabulary_ == whole.vocabulary_
    # and, without a textlens-only option, scikit-learn's fit (ties at the cut aside)
    if "lang" not in params:
        ref = sk.TfidfVectorizer(**params).fit(docs)
        count_params = {k: v for k, v in params.items() if k != "smooth_idf"}
        if assert_same_vocabulary(
            batched.vocabulary_, ref.vocabulary_, max_features_cut(count_params, docs)
        ):
            assert_same_idf(batched.idf_, ref.idf_)
            assert_same_matrix(batched.transform(held), ref.transform(held))


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # df 0, plain idf: inf
@pytest.mark.parametrize("smooth_idf", [True, False])
@pytest.mark.parametrize(
    "vocabulary",
    [VOCAB_TERMS, {t: i for i, t in enumerate(VOCAB_TERMS[::-1])}],
    ids=["list", "dict"],
)
def test_partial_fit_keeps_a_given_vocabulary(vocabulary, smooth_idf, corpora):
    train, held = corpora["word"]
    batched = tl.TfidfVectorizer(vocabulary=vocabulary, smooth_idf=smooth_idf)
    for start in range(0, len(train), 150):
        batched.partial_fit(train[start : start + 150])
    ref = sk.TfidfVectorizer(vocabulary=vocabulary, smooth_idf=smooth_idf).fit(train)
    assert batched.fixed_vocabulary_
    assert batched.vocabulary_ == ref.vocabulary_
    assert_same_idf(batched.idf_, ref.idf_)
    assert_same_matrix(batched.transform(held), ref.transform(held))


def test_partial_fit_one_batch_is_fit(corpora):
    train, _ = corpora["word"]
    a = tl.TfidfVectorizer(ngram_range=(1, 2), min_df=2).partial_fit(train)
    b = tl.TfidfVectorizer(ngram_range=(1, 2), min_df=2).fit(train)
    assert a.vocabulary_ == b.vocabulary_
    assert_same_idf(a.idf_, b.idf_)


def test_hashing_partial_fit_is_stateless(corpora):
    train, held = corpora["word"]
    vec = tl.HashingVectorizer(n_features=2**10)
    before = vec.transform(held)
    assert vec.partial_fit(train[:10]) is vec
    assert dense_diff(vec.transform(held), before) == 0.0


# --------------------------------------------------------------------------------------
# textlens's own options
# --------------------------------------------------------------------------------------

CJK = re.compile(r"^[\u4e00-\u9fff]+$")


@pytest.fixture(scope="module")
def multilingual(bench_texts) -> dict[str, list[str]]:
    return {lang: bench_texts(lang, 15) for lang in ("en", "de", "ru", "zh", "ar", "tr")}


@pytest.mark.parametrize("engine", ["classic", "current"])
def test_textlens_options_give_stemmed_multilingual_vocabulary(engine, multilingual):
    docs = [t for texts in multilingual.values() for t in texts]
    vec = tl.TfidfVectorizer(lang="auto", stem=True, stop_words="auto", engine=engine, cjk="bigram")
    X = vec.fit_transform(docs)
    terms = set(vec.vocabulary_)
    assert X.shape == (len(docs), len(terms))
    # With cjk="bigram", Chinese runs become character bigrams
    han = [t for t in terms if CJK.match(t)]
    assert len(han) > 500
    assert Counter(len(t) for t in han).most_common(1)[0][0] == 2
    zh_only = tl.CountVectorizer(lang="zh", cjk="bigram").fit(multilingual["zh"])
    zh_han = [t for t in zh_only.vocabulary_ if CJK.match(t)]
    assert zh_han and all(len(t) <= 2 for t in zh_han)
    assert sum(len(t) == 2 for t in zh_han) > 0.9 * len(zh_han)
    # German is stemmed: frequent inflected words appear as their Snowball stems only
    words = Counter(
        w for doc in multilingual["de"] for w in sk.CountVectorizer().build_analyzer()(doc)
    )
    inflected = [
        w
        for w, n in words.most_common()
        if n >= 3
        and w not in textlens.stopwords("de")
        and w.isalpha()
        and textlens.stem([w], "de", engine=engine)[0] != w
    ][:40]
    assert len(inflected) >= 20
    stems = textlens.stem(inflected, "de", engine=engine)
    assert sum(s in terms for s in stems) >= 0.9 * len(stems)
    assert sum(w in terms for w in inflected) <= 0.2 * len(inflected)
    # each document loses its own language's stop words (checked unstemmed: a stem may
    # equal a stop word, e.g. German "sicher" -> "sich")
    words_only = tl.CountVectorizer(lang="auto", stop_words="auto", engine=engine)
    with_stop = tl.CountVectorizer(lang="auto", engine=engine)
    for lang in ("en", "de", "ru", "tr", "ar"):
        docs_l = multilingual[lang]
        common = Counter(w for doc in docs_l for w in sk.CountVectorizer().build_analyzer()(doc))
        stop = set(textlens.stopwords(lang))
        frequent_stop = {w for w, _ in common.most_common(30) if w in stop}
        assert len(frequent_stop) >= 5, lang
        assert frequent_stop <= set(with_stop.fit(docs_l).vocabulary_), lang
        assert not frequent_stop & set(words_only.fit(docs_l).vocabulary_), lang


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "auto", "stem": True, "stop_words": "auto"},
        {"lang": "auto", "stem": True, "engine": "current", "ngram_range": (1, 2)},
        {"lang": "de", "stem": True},
        {"stop_words": "auto"},
        {"stem": True, "min_df": 2},
        {},
        {"analyzer": "char_wb", "ngram_range": (2, 4), "strip_accents": "unicode"},
        {"tokenizer": str.split, "token_pattern": None},
    ],
    ids=["auto", "auto_bigrams", "de", "stop_auto", "stem", "sklearn", "sklearn_char_wb", "custom"],
)
def test_build_analyzer_agrees_with_the_matrix(params, multilingual):
    docs = [t for texts in multilingual.values() for t in texts[:6]]
    vec = tl.CountVectorizer(**params)
    X = sp.csr_array(vec.fit_transform(docs))
    analyze = vec.build_analyzer()
    names = vec.get_feature_names_out()
    for i, doc in enumerate(docs):
        want = Counter(t for t in analyze(doc) if t in vec.vocabulary_)
        row = X[[i]]
        got = {names[j]: v for j, v in zip(row.indices, row.data, strict=True)}
        assert got == dict(want), i
    # the vocabulary is what the analyzer produces (nothing trimmed away here but min_df)
    if "min_df" not in params:
        assert set(vec.vocabulary_) == {t for doc in docs for t in analyze(doc)}


def test_textlens_options_need_word_analyzer():
    with pytest.raises(ValueError, match="analyzer='word'"):
        tl.CountVectorizer(lang="auto", analyzer="char").fit(["some text here"])


def test_textlens_options_in_pipeline(labelled):
    train, y_train, test, y_test = labelled
    pipe = Pipeline(
        [
            ("vec", tl.TfidfVectorizer(lang="auto", stem=True, stop_words="auto")),
            ("clf", LogisticRegression(C=10)),
        ]
    ).fit(train, y_train)
    assert pipe.score(test, y_test) >= 0.9


# --------------------------------------------------------------------------------------
# Bad input: clear errors, in scikit-learn's exception families
# --------------------------------------------------------------------------------------

DOCS = ["the cat sat on the mat", "the dog ran far away", "a cat and a dog met"]
ALL_CLASSES = ["CountVectorizer", "TfidfVectorizer", "HashingVectorizer"]
FITTED_CLASSES = ["CountVectorizer", "TfidfVectorizer"]


def _raised(call) -> BaseException | None:
    try:
        call()
    except Exception as exc:
        return exc
    return None


@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_single_string_is_a_value_error(cls):
    msg = "Iterable over raw text documents expected, string object received"
    vec = getattr(tl, cls)()
    with pytest.raises(ValueError, match=msg):
        vec.fit_transform("just one document")
    assert isinstance(_raised(lambda: getattr(sk, cls)().fit_transform("just one")), ValueError)
    fitted = getattr(tl, cls)().fit(DOCS)
    with pytest.raises(ValueError, match=msg):
        fitted.transform("just one document")
    if cls != "HashingVectorizer":
        with pytest.raises(ValueError, match=msg):
            getattr(tl, cls)().partial_fit("just one document")


MISSING = {
    "none_list": lambda: ["the cat sat", None, "the dog"],
    "nan_list": lambda: ["the cat sat", float("nan"), "the dog"],
    "numpy_nan_list": lambda: ["the cat sat", np.float32("nan"), "the dog"],
    "nan_series": lambda: pd.Series(["the cat sat", np.nan, "the dog"], index=[10, 20, 30]),
    "none_series": lambda: pd.Series(["the cat sat", None, "the dog"]),
    "pd_na_series": lambda: pd.Series(["the cat sat", pd.NA, "the dog"], dtype="string"),
}


@pytest.mark.parametrize("kind", list(MISSING))
@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_missing_values_are_type_errors_naming_the_position(cls, kind):
    docs = MISSING[kind]()
    match = r"\[1\].*missing value"
    with pytest.raises(TypeError, match=match):
        getattr(tl, cls)().fit_transform(docs)
    fitted = getattr(tl, cls)().fit(DOCS)
    with pytest.raises(TypeError, match=match):
        fitted.transform(docs)
    if cls != "HashingVectorizer":
        with pytest.raises(TypeError, match=match):
            getattr(tl, cls)().partial_fit(docs)
    # scikit-learn fails too (with a ValueError or an AttributeError)
    assert _raised(lambda: getattr(sk, cls)().fit_transform(MISSING[kind]())) is not None


@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_non_string_items_are_type_errors(cls):
    for bad, name in [(5, "int"), (3.5, "float"), (["a", "list"], "list")]:
        docs = ["the cat sat", "the dog", bad]
        with pytest.raises(TypeError, match=rf"\[2\].*{name}") as info:
            getattr(tl, cls)().fit_transform(docs)
        assert "missing" not in str(info.value)
        assert _raised(lambda d=docs: getattr(sk, cls)().fit_transform(d)) is not None


@pytest.mark.parametrize("cls", FITTED_CLASSES)
def test_empty_corpus_is_a_value_error(cls):
    for docs in ([], ["", "  "], ["a b c", "x"]):  # nothing, blanks, one-letter tokens only
        theirs = _raised(lambda d=docs: getattr(sk, cls)().fit(d))
        assert isinstance(theirs, ValueError)
        with pytest.raises(ValueError, match="empty vocabulary"):
            getattr(tl, cls)().fit(docs)
    with pytest.raises(ValueError, match="empty vocabulary"):
        getattr(tl, cls)(stop_words="english").fit(["the and of", "it is what it is"])
    with pytest.raises(ValueError, match="empty"):
        tl.HashingVectorizer().transform([])


@pytest.mark.parametrize(
    "trim",
    [{"max_df": 0.5}, {"max_df": 3}, {"min_df": 300}, {"min_df": 0.9, "max_df": 1.0}],
    ids=["max_df_share", "max_df_count", "min_df", "min_df_share"],
)
@pytest.mark.parametrize("cls", FITTED_CLASSES)
def test_vocabulary_emptied_by_df_bounds(cls, trim, corpora):
    # max_df: a corpus where every term is in every document; min_df: the news corpus
    train = ["aa bb cc", "cc bb aa", "bb aa cc", "aa cc bb"] if "min_df" not in trim else None
    train = train or corpora["word"][0]
    theirs = _raised(lambda: getattr(sk, cls)(**trim).fit(train))
    assert isinstance(theirs, ValueError) and "no terms remain" in str(theirs)
    with pytest.raises(ValueError, match="no terms remain"):
        getattr(tl, cls)(**trim).fit(train)
    with pytest.raises(ValueError, match="no terms remain"):
        getattr(tl, cls)(**trim).partial_fit(train)


@pytest.mark.parametrize(
    "trim",
    [{"min_df": 3, "max_df": 2}, {"min_df": 0.9, "max_df": 0.1}, {"min_df": 5}],
    ids=["counts", "shares", "min_df_above_corpus"],
)
@pytest.mark.parametrize("cls", FITTED_CLASSES)
def test_max_df_below_min_df(cls, trim):
    msg = "max_df corresponds to < documents than min_df"
    assert isinstance(_raised(lambda: getattr(sk, cls)(**trim).fit(DOCS)), ValueError)
    with pytest.raises(ValueError, match=msg):
        getattr(tl, cls)(**trim).fit(DOCS)
    with pytest.raises(ValueError, match=msg):
        getattr(tl, cls)(**trim).partial_fit(DOCS)


BAD_PARAMS = {
    "norm": ({"norm": "l3"}, ["TfidfVectorizer", "HashingVectorizer"], "norm"),
    "norm_max": ({"norm": "max"}, ["TfidfVectorizer"], "norm"),
    "ngram_range": ({"ngram_range": (2, 1)}, ALL_CLASSES, "ngram_range"),
    "min_df_negative": ({"min_df": -1}, FITTED_CLASSES, "min_df"),
    "min_df_share": ({"min_df": 1.5}, FITTED_CLASSES, "min_df"),
    "max_df_zero": ({"max_df": 0}, FITTED_CLASSES, "max_df"),
    "max_features_zero": ({"max_features": 0}, FITTED_CLASSES, "max_features"),
    "max_features_negative": ({"max_features": -3}, FITTED_CLASSES, "max_features"),
    "analyzer": ({"analyzer": "sentence"}, ALL_CLASSES, "analyzer"),
    "strip_accents": ({"strip_accents": "greek"}, ALL_CLASSES, "strip_accents"),
    "stop_words": ({"stop_words": "german"}, ALL_CLASSES, "german"),
    "vocabulary_repeated": ({"vocabulary": ["cat", "cat"]}, FITTED_CLASSES, "Duplicate"),
    "vocabulary_empty": ({"vocabulary": []}, FITTED_CLASSES, "empty vocabulary"),
    "vocabulary_gap": ({"vocabulary": {"cat": 0, "dog": 2}}, FITTED_CLASSES, "index 1"),
    "vocabulary_index_twice": ({"vocabulary": {"cat": 0, "dog": 0}}, FITTED_CLASSES, "repeated"),
}


@pytest.mark.parametrize("case", list(BAD_PARAMS))
def test_bad_parameters_are_value_errors(case):
    params, classes, fragment = BAD_PARAMS[case]
    for cls in classes:
        theirs = _raised(lambda c=cls: getattr(sk, c)(**params).fit_transform(DOCS))
        assert isinstance(theirs, ValueError), (cls, theirs)
        with pytest.raises(ValueError, match=re.escape(fragment)):
            getattr(tl, cls)(**params).fit_transform(DOCS)


@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_ngram_range_starting_at_zero_is_rejected(cls):
    """scikit-learn accepts (0, n) and emits empty-string features; textlens refuses it."""
    with pytest.raises(ValueError, match="ngram_range"):
        getattr(tl, cls)(ngram_range=(0, 1)).fit_transform(DOCS)


@pytest.mark.parametrize("cls", FITTED_CLASSES)
def test_transform_before_fit_is_not_fitted_error(cls):
    for method in ("transform", "get_feature_names_out"):
        ours = getattr(tl, cls)()
        theirs = getattr(sk, cls)()
        args = (DOCS,) if method == "transform" else ()
        with pytest.raises(NotFittedError):
            getattr(ours, method)(*args)
        with pytest.raises(NotFittedError):
            getattr(theirs, method)(*args)
        with pytest.raises(NotFittedError):
            check_is_fitted(ours)
    if cls == "TfidfVectorizer":
        with pytest.raises(NotFittedError):
            _ = tl.TfidfVectorizer().idf_
    # after fit it works, and a given vocabulary counts without a fit
    check_is_fitted(getattr(tl, cls)().fit(DOCS))
    assert getattr(tl, cls)(vocabulary=["cat", "dog"]).fit(DOCS).transform(DOCS).shape == (3, 2)
    assert tl.CountVectorizer(vocabulary=["cat", "dog"]).transform(DOCS).shape == (3, 2)


def test_hashing_needs_no_fit():
    vec = tl.HashingVectorizer(n_features=16)
    assert vec.transform(DOCS).shape == (3, 16)
    check_is_fitted(sk.HashingVectorizer())
    check_is_fitted(vec)


class TestReviewRegressions:
    """Behaviour found different from scikit-learn in review, each now equal."""

    def test_callable_strip_accents(self):
        docs = ["Crème brûlée", "naïve café"]

        def upper(s: str) -> str:
            return s.upper()

        ours = tl.CountVectorizer(strip_accents=upper, lowercase=False).fit(docs)
        theirs = sk.CountVectorizer(strip_accents=upper, lowercase=False).fit(docs)
        assert ours.vocabulary_ == theirs.vocabulary_

    def test_inverse_transform_skips_stored_zeros(self):
        docs = ["aa bb cc"]
        ours, theirs = tl.CountVectorizer().fit(docs), sk.CountVectorizer().fit(docs)
        X = sp.csr_matrix((np.array([0, 1]), np.array([0, 2]), np.array([0, 2])), shape=(1, 3))
        got = [row.tolist() for row in ours.inverse_transform(X)]
        assert got == [row.tolist() for row in theirs.inverse_transform(X)] == [["cc"]]

    def test_terms_added_to_vocabulary_in_place_are_used(self):
        ours, theirs = (
            tl.CountVectorizer().fit(["aa bb cc"]),
            sk.CountVectorizer().fit(["aa bb cc"]),
        )
        for vec in (ours, theirs):
            vec.vocabulary_["dd"] = 3
        assert ours.get_feature_names_out().tolist() == ["aa", "bb", "cc", "dd"]
        assert (ours.transform(["dd aa"]) != theirs.transform(["dd aa"])).nnz == 0

    def test_assigned_vocabulary_must_number_its_columns(self):
        vec = tl.CountVectorizer().fit(["aa bb"])
        with pytest.raises(ValueError, match="doesn't contain index 0"):
            vec.vocabulary_ = {"aa": 5}

    def test_empty_vocabulary_is_scikit_learns_value_error(self):
        with pytest.raises(ValueError) as theirs:
            sk.CountVectorizer(stop_words="english").fit(["the and of", ""])
        with pytest.raises(ValueError) as ours:
            tl.CountVectorizer(stop_words="english").fit(["the and of", ""])
        assert type(ours.value) is ValueError
        assert str(ours.value) == str(theirs.value)

    def test_large_dict_vocabulary(self):
        vocab = {f"t{i:06d}": i for i in range(200_000)}
        X = tl.CountVectorizer(vocabulary=vocab).fit_transform(["t000007 t199999 t000007"])
        assert X[0, 7] == 2 and X[0, 199_999] == 1


class TestIssue13:
    """What issue 13 found different from scikit-learn, each checked against it."""

    def test_subclass_overriding_build_analyzer_is_honoured(self):
        def stemmed(cls):
            class Stemmed(cls):
                def build_analyzer(self):
                    analyze = super().build_analyzer()
                    return lambda doc: [w[:4] for w in analyze(doc)]

            return Stemmed

        docs = ["running runner runs", "the runner ran far"]
        ours = stemmed(tl.CountVectorizer)().fit(docs)
        theirs = stemmed(sk.CountVectorizer)().fit(docs)
        assert ours.vocabulary_ == theirs.vocabulary_
        assert "runn" in ours.vocabulary_

    def test_custom_preprocessor_gets_non_string_documents(self):
        docs = [{"text": "Putin called Xi"}, {"text": "Xi called back"}]
        params = {"preprocessor": lambda d: d["text"].lower()}
        for cls in ALL_CLASSES:
            ours = getattr(tl, cls)(**params).fit_transform(docs)
            theirs = getattr(sk, cls)(**params).fit_transform(docs)
            assert_same_matrix(ours, theirs)

    def test_nan_is_a_value_error_and_a_type_error(self):
        docs = ["hello world", np.nan, "hello hello"]
        for cls in ALL_CLASSES:
            with pytest.raises(textlens.InvalidDocumentError, match=r"np\.nan is an invalid"):
                getattr(tl, cls)().fit_transform(docs)
            with pytest.raises(ValueError):
                getattr(sk, cls)().fit_transform(docs)
        assert issubclass(textlens.InvalidDocumentError, ValueError)
        assert issubclass(textlens.InvalidDocumentError, TypeError)
        with pytest.raises(textlens.InvalidDocumentError, match=r"documents\[1\]"):
            textlens.Corpus(["fine", None])

    def test_fitted_settings_are_kept_until_the_next_fit(self):
        docs = ["a rose is a rose", "a rose is red", "red is red"]
        ours, theirs = tl.TfidfVectorizer().fit(docs), sk.TfidfVectorizer().fit(docs)
        for vec in (ours, theirs):
            vec.set_params(norm=None, sublinear_tf=True, use_idf=False)
        assert_same_matrix(ours.transform(docs), theirs.transform(docs))
        assert_same_matrix(ours.transform(docs), sk.TfidfVectorizer().fit_transform(docs))

    @pytest.mark.parametrize("dtype", [np.int32, np.float32])
    def test_tfidf_dtype_as_sklearn(self, dtype):
        docs = ["a rose is a rose", "a rose is red"]
        with pytest.warns(UserWarning) if dtype is np.int32 else contextlib.nullcontext():
            ours = tl.TfidfVectorizer(dtype=dtype)
            X = ours.fit_transform(docs)
        theirs = sk.TfidfVectorizer(dtype=dtype)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = theirs.fit_transform(docs)
        assert X.dtype == want.dtype and ours.idf_.dtype == theirs.idf_.dtype
        assert_same_matrix(X, want, tol=1e-6)

    def test_pandas_transform_output_keeps_sparse(self):
        docs = ["a rose is a rose", "a rose is red"]
        with sklearn.config_context(transform_output="pandas"):
            for cls in ALL_CLASSES:
                got = getattr(tl, cls)().fit_transform(docs)
                want = getattr(sk, cls)().fit_transform(docs)
                assert sp.issparse(got) and type(got) is type(want)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.float32, np.float64])
def test_count_fit_transform_dtypes_match_sklearn(dtype, corpora):
    """The default int64 counts come from the core as integers; other dtypes are cast."""
    train, _ = corpora["word"]
    want = sk.CountVectorizer(dtype=dtype).fit_transform(train)
    got = tl.CountVectorizer(dtype=dtype).fit_transform(train)
    assert got.dtype == want.dtype == np.dtype(dtype)
    assert dense_diff(got, want) == 0.0


def test_integer_counts_refuse_tfidf():
    from textlens._textlens import _VectorizerCore

    with pytest.raises(ValueError, match="int_counts"):
        _VectorizerCore().fit_counts(["a b"], min_df=1, max_df=1.0, tfidf=True, int_counts=True)
