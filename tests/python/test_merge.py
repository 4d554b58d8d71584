"""Mergeable corpus state: Corpus.merge, CorpusStats, Corpus.dtm_in and pickling.

The oracle is the one-machine ``Corpus`` of all the texts: partitions merged in any grouping
must give it back bit for bit (terms, counts, every weighting).
"""

from __future__ import annotations

import itertools
import pickle
import random

import numpy as np
import pytest
import scipy.sparse as sp
import textlens

WEIGHTINGS = [
    ("count", {}),
    ("binary", {"norm": "l2"}),
    ("proportion", {}),
    ("log", {}),
    ("augmented", {"norm": "l1"}),
    ("tfidf", {}),
    ("tfidf", {"idf": "inversemax", "sublinear_tf": True}),
    ("bm25", {}),
]


def _texts(bench_langs, bench_texts) -> list[str]:
    return [t for lang in bench_langs[:6] for t in bench_texts(lang, 25)]


def _cuts(n: int, parts: int, rng: random.Random) -> list[tuple[int, int]]:
    bounds = sorted({0, n, *rng.sample(range(1, n), parts - 1)})
    return list(itertools.pairwise(bounds))


def _tree(items: list, merge, rng: random.Random):
    items = list(items)
    while len(items) > 1:
        at = rng.randrange(len(items) - 1)
        items[at : at + 2] = [merge(items[at], items[at + 1])]
    return items[0]


def _same_csr(a, b) -> None:
    a, b = sp.csr_array(a), sp.csr_array(b)
    assert a.shape == b.shape
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    # Bit for bit, not approximately.
    assert a.data.tobytes() == b.data.tobytes()


class TestMerge:
    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_random_partitions_in_a_random_tree_equal_one_corpus_on_bench_text(
        self, bench_langs, bench_texts, seed
    ):
        rng = random.Random(seed)
        texts = _texts(bench_langs, bench_texts)
        whole = textlens.Corpus(texts)
        parts = [textlens.Corpus(texts[a:b]) for a, b in _cuts(len(texts), 5, rng)]
        merged = _tree(parts, lambda a, b: a.merge(b), rng)
        assert merged.terms == whole.terms
        _same_csr(merged.dtm(), whole.dtm())
        assert [d.text for d in merged.documents] == texts
        stats = _tree([p.stats() for p in parts], lambda a, b: a.merge(b), rng)
        assert stats == whole.stats()
        assert stats.n_documents == len(texts)
        np.testing.assert_array_equal(stats.doc_frequencies, whole.doc_frequencies)
        np.testing.assert_array_equal(stats.term_counts, whole.term_counts)

    @pytest.mark.parametrize(("weighting", "kwargs"), WEIGHTINGS)
    def test_partition_rows_with_global_stats_equal_the_whole_matrix(
        self, bench_langs, bench_texts, weighting, kwargs
    ):
        texts = _texts(bench_langs, bench_texts)
        parts = [textlens.Corpus(texts[a:b]) for a, b in _cuts(len(texts), 4, random.Random(7))]
        stats = _tree([p.stats() for p in parts], lambda a, b: a.merge(b), random.Random(8))
        for trim in ({}, {"min_df": 2, "max_df": 0.5, "max_features": 500}):
            whole = textlens.Corpus(texts).trim(**trim) if trim else textlens.Corpus(texts)
            glob = stats.trim(**trim) if trim else stats
            assert glob.terms == whole.terms
            rows = sp.vstack([p.dtm_in(glob, weighting, **kwargs) for p in parts], format="csr")
            _same_csr(rows, whole.dtm(weighting, **kwargs))

    def test_another_analyzer_is_an_error(self):
        a = textlens.Corpus(["Putin met Xi."], analyzer=textlens.Analyzer("en"))
        b = textlens.Corpus(["Putin met Xi."], analyzer=textlens.Analyzer("en", stem=False))
        with pytest.raises(textlens.InvalidOptionError, match="another analyzer"):
            a.merge(b)


class TestPickle:
    def test_corpus_round_trips_with_documents_and_analyzer(self):
        docs = [
            textlens.Document("Putin met Xi.", id="a", source="TASS", meta={"n": [1, 2]}),
            textlens.Document("Снег в Москве.", id="b", lang="ru"),
        ]
        c = textlens.Corpus(docs, analyzer=textlens.Analyzer("auto", stem=False))
        back = pickle.loads(pickle.dumps(c))
        assert back.terms == c.terms
        _same_csr(back.dtm(), c.dtm())
        assert back.documents == c.documents
        assert back.analyzer == c.analyzer

    def test_stats_round_trip(self, bench_texts):
        s = textlens.Corpus(bench_texts("de", 30)).stats()
        assert pickle.loads(pickle.dumps(s)) == s

    def test_a_corrupt_state_is_an_error_not_a_crash(self):
        c = textlens.Corpus(["a b c"], analyzer=textlens.Analyzer("en", stopwords=False))
        f, (counts, docs, analyzer) = c.__reduce__()
        with pytest.raises(textlens.InvalidOptionError, match="state"):
            f(counts[:-3], docs, analyzer)
        with pytest.raises(textlens.InvalidOptionError, match="state"):
            f(counts, "[]", analyzer)
        g, (state,) = c.stats().__reduce__()
        with pytest.raises(textlens.InvalidOptionError, match="state"):
            g(state + b"x")
