"""Corpus.similarity and Corpus.most_similar against scipy, scikit-learn and numpy."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import scipy.sparse
import textlens
from scipy.spatial.distance import cdist, jensenshannon
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity, euclidean_distances

SMALL = [
    "Putin called Xi about military cooperation.",
    "Xi called Putin back about cooperation and trade.",
    "Snow in Moscow, heavy snow in Beijing.",
    "Trade between Russia and China grew; Putin praised the trade.",
    "Snow again.",
]


def small_corpus() -> textlens.Corpus:
    return textlens.Corpus(SMALL, analyzer=textlens.Analyzer("en"))


@pytest.fixture(scope="module", params=["small", "bench"])
def corpus(request, bench_texts) -> textlens.Corpus:
    if request.param == "small":
        return small_corpus()
    return textlens.Corpus(bench_texts("en", 40) + bench_texts("de", 40))


def dense(c: textlens.Corpus, weighting: str, **kw) -> np.ndarray:
    return c.dtm(weighting, dense=True, **kw)


def proportions(c: textlens.Corpus) -> np.ndarray:
    return dense(c, "proportion")


def oracle(c: textlens.Corpus, metric: str) -> np.ndarray:
    """The same numbers from scipy / scikit-learn / numpy on the dense weighted matrix."""
    x = dense(c, "tfidf", sublinear_tf=True)
    if metric == "cosine":
        return cosine_similarity(x)
    if metric == "jaccard":
        return 1 - cdist(x != 0, x != 0, "jaccard")
    if metric == "dice":
        return 1 - cdist(x != 0, x != 0, "dice")
    if metric == "extended_jaccard":
        dot = x @ x.T
        sq = np.diag(dot)
        return dot / (sq[:, None] + sq[None, :] - dot)
    if metric == "pearson":
        return np.corrcoef(x)
    if metric == "hellinger":
        p = np.sqrt(proportions(c))
        return 1 - euclidean_distances(p) / np.sqrt(2)
    if metric == "jensen_shannon":
        p = proportions(c)
        return np.array([1 - jensenshannon(row[None, :], p, base=2, axis=1) for row in p])
    if metric == "euclidean":
        return euclidean_distances(x)
    if metric == "manhattan":
        return cdist(x, x, "cityblock")
    if metric == "bm25":
        return cosine_similarity(c.dtm("bm25"))
    raise AssertionError(metric)


METRICS = [
    "cosine",
    "jaccard",
    "dice",
    "extended_jaccard",
    "pearson",
    "hellinger",
    "jensen_shannon",
    "euclidean",
    "manhattan",
    "bm25",
]
DISTANCES = {"euclidean", "manhattan"}


class TestMetrics:
    @pytest.mark.parametrize("metric", METRICS)
    def test_metric_equals_scipy_sklearn_numpy(self, corpus, metric):
        got = corpus.similarity(metric=metric)
        assert isinstance(got, np.ndarray)
        assert got.shape == (len(corpus), len(corpus))
        np.testing.assert_allclose(got, oracle(corpus, metric), atol=1e-7)

    def test_default_is_cosine_of_sublinear_tfidf_as_sklearn(self):
        c = small_corpus()
        vec = TfidfVectorizer(analyzer=c.analyzer.analyze, sublinear_tf=True)
        np.testing.assert_allclose(
            c.similarity(), cosine_similarity(vec.fit_transform(SMALL)), atol=1e-12
        )

    def test_raw_tfidf_weighting_is_sklearn_default(self):
        c = small_corpus()
        vec = TfidfVectorizer(analyzer=c.analyzer.analyze)
        np.testing.assert_allclose(
            c.similarity(weighting="tfidf"), cosine_similarity(vec.fit_transform(SMALL)), atol=1e-12
        )

    def test_texts_use_this_corpus_idf_as_sklearn_transform(self):
        c = small_corpus()
        queries = ["Putin and Xi discussed trade.", "More snow in Moscow.", "Nothing known here."]
        vec = TfidfVectorizer(analyzer=c.analyzer.analyze, sublinear_tf=True).fit(SMALL)
        want = cosine_similarity(vec.transform(SMALL), vec.transform(queries))
        got = c.similarity(queries)
        assert got.shape == (5, 3)
        np.testing.assert_allclose(got, want, atol=1e-12)

    def test_other_corpus_is_aligned_by_term(self):
        c = small_corpus()
        queries = ["Putin and Xi discussed trade.", "More snow in Moscow, zebras."]
        other = textlens.Corpus(queries, analyzer=textlens.Analyzer("en"))
        np.testing.assert_allclose(c.similarity(other), c.similarity(queries), atol=1e-12)
        np.testing.assert_allclose(c.similarity(c), c.similarity(), atol=1e-12)


@pytest.fixture(scope="module")
def texts(bench_texts) -> list[str]:
    """300 bench documents in 4 languages and 2 without any term (rows 100 and 201)."""
    texts = []
    for lang in ["en", "de", "fr", "ru"]:
        texts += bench_texts(lang, 75)
    return [*texts[:100], "", *texts[100:200], "?! ... -- !", *texts[200:]]


class TestDenseCosine:
    """The dense all-pairs kernel (upper triangle, mirrored, written into numpy's memory) on
    enough documents that the mirror recurses, with rows that have no term."""

    def test_equals_sklearn_cosine_similarity_to_1e12(self, texts):
        c = textlens.Corpus(texts)
        x = c.dtm("tfidf", sublinear_tf=True)
        got = c.similarity()
        assert got.shape == (302, 302) and got.dtype == np.float64 and got.flags.c_contiguous
        np.testing.assert_allclose(got, cosine_similarity(x), rtol=0, atol=1e-12)

    def test_rows_without_terms_score_zero_like_sklearn(self, texts):
        c = textlens.Corpus(texts)
        empty = np.flatnonzero(np.diff(c.dtm().indptr) == 0)
        assert empty.tolist() == [100, 201]
        got = c.similarity()
        # scikit-learn: a zero vector is 0 against everything, itself included.
        assert not got[empty].any() and not got[:, empty].any()

    def test_exactly_symmetric_and_equal_to_the_general_path(self, texts):
        c = textlens.Corpus(texts)
        got = c.similarity()
        assert np.array_equal(got, got.T)
        # Against another corpus with the same counts nothing is mirrored: same bits.
        assert np.array_equal(c.similarity(c), got)
        # The top-k search scores whole rows: the same bits again.
        top = c.similarity(top_k=4)
        rows = np.repeat(np.arange(len(texts)), np.diff(top.indptr))
        assert np.array_equal(top.data, got[rows, top.indices])

    def test_other_texts_equal_sklearn_transform(self, texts):
        queries = [*texts[:40:3], "", "qqqzzx vvvbbq"]
        c = textlens.Corpus(texts[40:])
        vec = TfidfVectorizer(analyzer=c.analyzer.analyze, sublinear_tf=True).fit(texts[40:])
        assert vec.transform(texts[40:]).nnz == c.dtm().nnz
        want = cosine_similarity(vec.transform(texts[40:]), vec.transform(queries))
        got = c.similarity(queries)
        assert got.shape == (len(texts) - 40, len(queries))
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
        assert not got[:, -2:].any()


def filtered(full: np.ndarray, metric: str, top_k=None, min_similarity=None) -> np.ndarray:
    """The dense result with only the pairs a search keeps (NaN elsewhere)."""
    keep = np.ones_like(full, dtype=bool)
    if min_similarity is not None:
        keep &= full <= min_similarity if metric in DISTANCES else full >= min_similarity
    if top_k is not None:
        for i, row in enumerate(full):
            key = row if metric in DISTANCES else -row
            cols = [j for j in np.lexsort((np.arange(len(row)), key)) if keep[i, j]][:top_k]
            mask = np.zeros(len(row), dtype=bool)
            mask[cols] = True
            keep[i] &= mask
    return np.where(keep, full, np.nan)


def stored(m) -> np.ndarray:
    out = np.full(m.shape, np.nan)
    coo = m.tocoo()
    out[coo.row, coo.col] = coo.data
    return out


class TestSearch:
    @pytest.mark.parametrize("metric", ["cosine", "pearson", "jensen_shannon", "euclidean"])
    @pytest.mark.parametrize(
        ("top_k", "threshold"), [(3, None), (None, "median"), (5, "median"), (1, None)]
    )
    def test_search_is_dense_filtered(self, corpus, metric, top_k, threshold):
        full = corpus.similarity(metric=metric)
        t = None if threshold is None else float(np.median(full))
        got = corpus.similarity(metric=metric, top_k=top_k, min_similarity=t)
        assert isinstance(got, scipy.sparse.csr_array)
        assert got.shape == full.shape
        np.testing.assert_allclose(
            stored(got), filtered(full, metric, top_k, t), atol=1e-12, equal_nan=True
        )

    def test_search_against_texts(self):
        c = small_corpus()
        got = c.similarity(["snow", "putin trade"], top_k=1)
        assert got.shape == (5, 2)
        assert got.nnz == 5


class TestMostSimilar:
    def test_by_index_id_and_text(self):
        c = small_corpus()
        full = c.similarity()
        best = c.most_similar(0, k=10)
        assert [i for i, _ in best] == [str(j) for j in np.argsort(-full[0], kind="stable") if j]
        assert [s for _, s in best] == sorted((s for _, s in best), reverse=True)
        assert c.most_similar("0", k=2) == best[:2]
        assert c.most_similar("Snow fell in Moscow again", k=2)[0][0] in {"2", "4"}

    def test_distance_is_smallest_first(self):
        best = small_corpus().most_similar(2, k=4, metric="euclidean")
        assert [s for _, s in best] == sorted(s for _, s in best)

    def test_bad_arguments(self):
        c = small_corpus()
        with pytest.raises(textlens.InvalidOptionError, match="k"):
            c.most_similar(0, k=0)
        with pytest.raises(textlens.InvalidOptionError, match="out of range"):
            c.most_similar(99)
        with pytest.raises(TypeError, match="doc must be"):
            c.most_similar(1.5)


class TestErrors:
    def test_unknown_metric(self):
        with pytest.raises(textlens.InvalidOptionError, match='"cosinus" is not one of'):
            small_corpus().similarity(metric="cosinus")

    def test_unknown_weighting_and_bm25_mismatch(self):
        c = small_corpus()
        with pytest.raises(textlens.InvalidOptionError, match="weighting"):
            c.similarity(weighting="tf")
        with pytest.raises(textlens.InvalidOptionError, match="bm25"):
            c.similarity(metric="bm25", weighting="tfidf")

    @pytest.mark.parametrize("k", [0, -3])
    def test_bad_top_k(self, k):
        with pytest.raises(textlens.InvalidOptionError, match="top_k"):
            small_corpus().similarity(top_k=k)

    def test_bad_other(self):
        c = small_corpus()
        with pytest.raises(TypeError):
            c.similarity(42)
        with pytest.raises(TypeError, match="not a single str"):
            c.similarity("a text")
        with pytest.raises(TypeError, match=r"other\[1\]"):
            c.similarity(["fine", None])

    def test_empty(self):
        with pytest.raises(textlens.InvalidOptionError, match="nothing to compare"):
            textlens.Corpus([]).similarity()
        with pytest.raises(textlens.InvalidOptionError, match="nothing to compare"):
            small_corpus().similarity([])


def test_seed_articles_of_2022_12_30_are_closest_to_each_other():
    """The three reports of the 30 December 2022 call (000 is dated the day after, 002 is
    undated) are more alike than any of them is to the 2021 or the 2024 article."""
    docs = textlens.read_articles("seeds")
    ids = [d.id for d in docs]
    same = [ids.index(i) for i in ("000_77074c2c8a1c9467", "001_9da2021daccc2bf8")]
    same.append(ids.index("002_db6102cc610135d6"))
    others = [i for i, d in enumerate(docs) if d.date and d.date[:4] in {"2021", "2024"}]
    assert len(others) == 2
    s = textlens.Corpus(docs).similarity()
    for i in same:
        closest_other = max(s[i, j] for j in others)
        for j in same:
            if j != i:
                assert s[i, j] > closest_other, (ids[i], ids[j])


MEMORY_SCRIPT = textwrap.dedent(
    """
    import json, sys
    import textlens

    def hwm_kib():
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))

    def reset():
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")

    texts = json.load(sys.stdin)
    c = textlens.Corpus(texts)
    c.similarity(texts[:10], top_k=5)  # warm up the thread pool and imports
    reset(); before = hwm_kib()
    m = c.similarity(top_k=10)
    sparse = hwm_kib() - before
    assert m.shape == (len(texts), len(texts)) and m.nnz == 10 * len(texts)
    del m
    reset(); before = hwm_kib()
    d = c.similarity()
    full = hwm_kib() - before
    print(json.dumps({"sparse": sparse, "dense": full, "n": len(texts)}))
    """
)


def test_top_k_never_holds_the_dense_matrix(bench_texts):
    texts = []
    for lang in ["en", "de", "es", "fr", "ru"]:
        texts += bench_texts(lang, 400)
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    peak = json.loads(out.stdout)
    dense_kib = peak["n"] ** 2 * 8 / 1024
    # The control: the dense call does grow by the n x n matrix, so the measure works.
    assert peak["dense"] > 0.9 * dense_kib, peak
    # What top_k may hold: the weighted matrix, its transpose and the output, a few MB.
    assert peak["sparse"] < 0.5 * dense_kib, peak
