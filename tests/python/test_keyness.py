"""Grouping, frequency tables and keyness (``Corpus.group_by``, ``.frequencies``,
``.keyness``), checked against scipy's ``chi2_contingency``, numpy formulas, a numpy
implementation of Monroe, Colaresi & Quinn (2008) and pandas ``groupby``."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest
import textlens
from scipy.stats import chi2_contingency

PLAIN = textlens.Analyzer("en", stopwords=False, stem=False)
WORDS = [a + b for a in "bcdfg" for b in "aeiou"]  # 25 pseudo-words, kept as they are


def random_corpus(seed: int = 0, n_docs: int = 40) -> textlens.Corpus:
    """Two sources drawing the same words with different probabilities."""
    rng = np.random.default_rng(seed)
    p_a = rng.dirichlet(np.ones(len(WORDS)))
    p_b = rng.dirichlet(np.ones(len(WORDS)))
    docs = []
    for i in range(n_docs):
        source = "A" if i % 3 == 0 else "B"
        words = rng.choice(WORDS, size=int(rng.integers(5, 60)), p=p_a if source == "A" else p_b)
        docs.append(textlens.Document(" ".join(words), id=f"d{i}", source=source))
    return textlens.Corpus(docs, analyzer=PLAIN)


def side_counts(corpus: textlens.Corpus, mask: np.ndarray) -> np.ndarray:
    return np.asarray(corpus.dtm(dense=True)[mask].sum(axis=0))


@pytest.fixture(scope="module")
def corpus() -> textlens.Corpus:
    return random_corpus()


@pytest.fixture(scope="module")
def target_mask(corpus: textlens.Corpus) -> np.ndarray:
    return np.array([d.source == "A" for d in corpus.documents])


def tables(corpus: textlens.Corpus, key: pd.DataFrame, mask: np.ndarray) -> list[np.ndarray]:
    """The 2x2 table of each row of a keyness result: rows term / other terms, columns
    target / reference."""
    t = side_counts(corpus, mask)
    r = side_counts(corpus, ~mask)
    out = []
    for a, b in zip(key.n_target, key.n_reference, strict=True):
        out.append(np.array([[a, b], [t.sum() - a, r.sum() - b]], dtype=float))
    return out


class TestKeynessAgainstScipy:
    @pytest.mark.parametrize("correction", [True, False])
    def test_chi2_matches_scipy_chi2_contingency(self, corpus, target_mask, correction):
        key = corpus.keyness(target_mask, measure="chi2", correction=correction)
        assert len(key) == len(corpus.terms)
        for table, stat, p, sign in zip(
            tables(corpus, key, target_mask), key.chi2, key.p, key.sign, strict=True
        ):
            res = chi2_contingency(table, correction=correction)
            assert abs(stat) == pytest.approx(res.statistic, rel=1e-9, abs=1e-12)
            assert p == pytest.approx(res.pvalue, rel=1e-9, abs=1e-15)
            assert stat == pytest.approx(sign * abs(stat))

    def test_g2_matches_scipy_log_likelihood_without_correction(self, corpus, target_mask):
        key = corpus.keyness(target_mask, measure="g2")
        for table, stat, p in zip(tables(corpus, key, target_mask), key.g2, key.p, strict=True):
            res = chi2_contingency(table, lambda_="log-likelihood", correction=False)
            assert abs(stat) == pytest.approx(res.statistic, rel=1e-9, abs=1e-12)
            assert p == pytest.approx(res.pvalue, rel=1e-9, abs=1e-15)
        assert key.equals(corpus.keyness(target_mask, measure="lr").rename(columns={"lr": "g2"}))

    def test_sign_is_the_direction_of_relative_frequencies(self, corpus, target_mask):
        key = corpus.keyness(target_mask)
        nt = side_counts(corpus, target_mask).sum()
        nr = side_counts(corpus, ~target_mask).sum()
        expected = np.sign(key.n_target / nt - key.n_reference / nr)
        assert (key.sign == expected).all()
        assert key.chi2.is_monotonic_decreasing

    def test_pmi_log_ratio_pct_diff_match_numpy(self, corpus, target_mask):
        nt = side_counts(corpus, target_mask).sum()
        nr = side_counts(corpus, ~target_mask).sum()
        n = nt + nr
        for measure, formula in {
            "pmi": lambda a, b: np.log(a * n / ((a + b) * nt)),
            "log_ratio": lambda a, b: np.log2(((a + 0.5) / nt) / ((b + 0.5) / nr)),
            "pct_diff": lambda a, b: 100 * (a / nt - b / nr) / (b / nr),
        }.items():
            key = corpus.keyness(target_mask, measure=measure)
            a = key.n_target.to_numpy(float)
            b = key.n_reference.to_numpy(float)
            with np.errstate(divide="ignore"):
                np.testing.assert_allclose(key[measure], formula(a, b), rtol=1e-12)
            assert key.p.isna().all()
            assert key[measure].is_monotonic_decreasing

    @pytest.mark.parametrize("scale", [1.0, 0.1])
    def test_log_odds_z_matches_numpy_monroe_et_al(self, corpus, target_mask, scale):
        """Monroe, Colaresi & Quinn (2008), eq. 22 and 24, with prior counts
        alpha_w = scale * (the term's count in the whole corpus)."""
        t = side_counts(corpus, target_mask)
        r = side_counts(corpus, ~target_mask)
        alpha = scale * corpus.term_counts
        alpha0 = alpha.sum()
        delta = np.log((t + alpha) / (t.sum() + alpha0 - t - alpha)) - np.log(
            (r + alpha) / (r.sum() + alpha0 - r - alpha)
        )
        z = delta / np.sqrt(1 / (t + alpha) + 1 / (r + alpha))
        expected = dict(zip(corpus.terms, z, strict=True))
        key = corpus.keyness(target_mask, measure="log_odds", prior_scale=scale)
        got = dict(zip(key.term, key.log_odds, strict=True))
        assert got == pytest.approx(expected, rel=1e-12)
        from scipy.stats import norm

        np.testing.assert_allclose(key.p, 2 * norm.sf(np.abs(key.log_odds)), rtol=1e-9)


class TestSelections:
    def test_every_way_of_naming_the_target_agrees(self, corpus, target_mask):
        by_mask = corpus.keyness(target_mask)
        idx = np.flatnonzero(target_mask)
        ids = [corpus.documents[i].id for i in idx]
        assert by_mask.equals(corpus.keyness(list(idx)))
        assert by_mask.equals(corpus.keyness(ids))
        assert by_mask.equals(corpus.keyness(target_mask.tolist()))
        assert by_mask.equals(corpus.keyness("A", groups="source"))
        labels = ["A" if m else "B" for m in target_mask]
        assert by_mask.equals(corpus.keyness("A", groups=labels))
        assert by_mask.equals(
            corpus.keyness("A", groups="source", reference=list(np.flatnonzero(~target_mask)))
        )

    def test_reference_another_group_leaves_third_groups_out(self, corpus):
        labels = [f"g{i % 3}" for i in range(len(corpus))]
        key = corpus.keyness(
            "g0", groups=labels, reference=[i for i in range(len(corpus)) if i % 3 == 1]
        )
        mask0 = np.array([i % 3 == 0 for i in range(len(corpus))])
        mask1 = np.array([i % 3 == 1 for i in range(len(corpus))])
        got = dict(zip(key.term, zip(key.n_target, key.n_reference, strict=True), strict=True))
        t, r = side_counts(corpus, mask0), side_counts(corpus, mask1)
        want = {term: (a, b) for term, a, b in zip(corpus.terms, t, r, strict=True) if a + b > 0}
        assert got == want

    def test_external_reference_counts(self, corpus, target_mask):
        rest = dict(
            zip(corpus.terms, side_counts(corpus, ~target_mask).astype(int).tolist(), strict=True)
        )
        same = corpus.keyness(target_mask, reference=rest)
        assert same[["term", "chi2", "p", "n_target", "n_reference"]].equals(
            corpus.keyness(target_mask)[["term", "chi2", "p", "n_target", "n_reference"]]
        )
        outside = corpus.keyness(target_mask, reference={**rest, "zzz": 50})
        row = outside[outside.term == "zzz"].iloc[0]
        assert (row.n_target, row.n_reference, row.sign) == (0, 50, -1)
        assert row.chi2 < 0

    def test_reference_by_group_label_and_from_a_grouped_corpus(self, corpus, target_mask):
        by_mask = corpus.keyness(target_mask)
        assert by_mask.equals(corpus.keyness("A", groups="source", reference="B"))
        grouped = corpus.group_by("source")
        assert by_mask.equals(grouped.keyness(["A"]))

    def test_n_keeps_the_top_rows(self, corpus, target_mask):
        assert corpus.keyness(target_mask, n=3).equals(corpus.keyness(target_mask).head(3))

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"target": [0], "measure": "tfidf"}, "measure"),
            ({"target": "C", "groups": "source"}, "unknown group"),
            ({"target": "A"}, "groups="),
            ({"target": []}, "empty"),
            ({"target": ["nope"]}, "unknown document id"),
            ({"target": [999]}, "out of range"),
            ({"target": [True, False]}, "mask"),
            ({"target": [0], "reference": [0, 1]}, "shares documents"),
            ({"target": list(range(40))}, "reference"),
            ({"target": "A", "groups": "lang"}, "unknown key"),
            ({"target": [0], "prior_scale": -1.0, "measure": "log_odds"}, "prior_scale"),
        ],
    )
    def test_clear_errors(self, corpus, kwargs, message):
        target = kwargs.pop("target")
        with pytest.raises(textlens.InvalidOptionError, match=message):
            corpus.keyness(target, **kwargs)


class TestFrequencies:
    def test_matches_pandas_groupby_on_the_same_counts(self, corpus):
        labels = [f"g{i % 4}" for i in range(len(corpus))]
        dense = corpus.dtm(dense=True)
        long = (
            pd.DataFrame(dense, columns=corpus.terms)
            .assign(group=labels)
            .melt(id_vars="group", var_name="term", value_name="count")
        )
        long = long[long["count"] > 0]
        want = (
            long.groupby(["group", "term"])["count"]
            .agg(frequency="sum", docfreq="count")
            .reset_index()
            .astype({"frequency": "int64", "docfreq": "int64"})
        )
        want["rank"] = (
            want.groupby("group")["frequency"].rank(method="min", ascending=False).astype("int64")
        )
        got = corpus.frequencies(groups=labels)
        assert list(got.columns) == ["term", "frequency", "rank", "docfreq", "group"]
        assert list(dict.fromkeys(got.group)) == ["g0", "g1", "g2", "g3"]
        for _, g in got.groupby("group"):
            assert g.frequency.is_monotonic_decreasing
        cols = ["group", "term", "frequency", "rank", "docfreq"]
        pd.testing.assert_frame_equal(
            got[cols].sort_values(["group", "term"]).reset_index(drop=True),
            want[cols].sort_values(["group", "term"]).reset_index(drop=True),
        )

    def test_without_groups_and_top_n(self, corpus):
        whole = corpus.frequencies()
        assert set(whole.group) == {"all"}
        assert dict(zip(whole.term, whole.frequency, strict=True)) == dict(
            zip(corpus.terms, corpus.term_counts, strict=True)
        )
        assert dict(zip(whole.term, whole.docfreq, strict=True)) == dict(
            zip(corpus.terms, corpus.doc_frequencies, strict=True)
        )
        top = corpus.frequencies(groups="source", n=2)
        assert top.groupby("group").size().to_dict() == {"A": 2, "B": 2}

    def test_quanteda_example_ties_get_the_min_rank(self):
        c = textlens.Corpus(["a a b b c d", "a d d d", "a a a"], analyzer=PLAIN)
        got = c.frequencies(groups=["one", "two", "one"])
        assert got.values.tolist() == [
            ["a", 5, 1, 2, "one"],
            ["b", 2, 2, 1, "one"],
            ["c", 1, 3, 1, "one"],
            ["d", 1, 3, 1, "one"],
            ["d", 3, 1, 1, "two"],
            ["a", 1, 2, 1, "two"],
        ]

    def test_list_of_dicts_without_pandas(self, corpus, monkeypatch):
        monkeypatch.setitem(sys.modules, "pandas", None)
        rows = corpus.frequencies(n=2)
        assert isinstance(rows, list) and len(rows) == 2
        assert set(rows[0]) == {"term", "frequency", "rank", "docfreq", "group"}
        assert type(rows[0]["frequency"]) is int
        key = corpus.keyness([0, 1], n=1)
        assert isinstance(key, list) and set(key[0]) == {
            "term",
            "chi2",
            "p",
            "sign",
            "n_target",
            "n_reference",
        }


class TestGroupBy:
    def test_grouped_counts_are_sums_of_the_members(self, corpus):
        g = corpus.group_by("source")
        assert [d.id for d in g.documents] == ["A", "B"]
        assert [d.source for d in g.documents] == ["A", "B"]
        assert g.terms == corpus.terms
        dense = corpus.dtm(dense=True)
        mask = np.array([d.source == "A" for d in corpus.documents])
        np.testing.assert_array_equal(
            g.dtm(dense=True), np.vstack([dense[mask].sum(0), dense[~mask].sum(0)])
        )
        assert g.documents[0].meta == {"n_documents": int(mask.sum())}
        assert [d.id for d in corpus.group_by("source", sort=True).documents] == ["A", "B"]

    def test_seeds_by_date_and_by_labels(self, seeds):
        docs = textlens.read_articles(seeds)
        c = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
        with pytest.raises(textlens.InvalidOptionError, match='has no "date"'):
            c.group_by("date")
        with pytest.raises(textlens.InvalidOptionError, match='unknown key "source"'):
            c.group_by("source")
        by_date = c.group_by("date", missing="undated", sort=True)
        dates = sorted({d.date or "undated" for d in docs})
        assert [d.id for d in by_date.documents] == dates
        np.testing.assert_array_equal(by_date.term_counts, c.term_counts)
        years = [(d.date or "none")[:4] for d in docs]
        by_year = c.group_by(years)
        assert [d.id for d in by_year.documents] == list(dict.fromkeys(years))
        assert sum(d.meta["n_documents"] for d in by_year.documents) == len(docs)
        with pytest.raises(textlens.InvalidOptionError, match="labels"):
            c.group_by(years[:-1])

    def test_keyness_of_one_source_against_the_rest_on_bench_text(self, bench_docs):
        records = bench_docs("ru", 300)
        docs = [
            textlens.Document(r["text"], id=r["doc_id"], source=r["source"], lang=r["lang"])
            for r in records
        ]
        c = textlens.Corpus(docs, analyzer=textlens.Analyzer("ru"))
        sources = [d.source for d in docs]
        target = sources[0]
        g = c.group_by("source")
        assert len(g) == len(set(sources)) > 1
        np.testing.assert_array_equal(g.term_counts, c.term_counts)
        key = c.keyness(target, groups="source", measure="g2")
        mask = np.array([s == target for s in sources])
        t, r = side_counts(c, mask), side_counts(c, ~mask)
        col = c.vocabulary
        for row in key.head(20).itertuples():
            a, b = t[col[row.term]], r[col[row.term]]
            assert (row.n_target, row.n_reference) == (a, b)
            assert a / t.sum() > b / r.sum(), row.term
            assert row.p < 0.05
        bottom = key.tail(5)
        assert (bottom.sign == -1).all()
        assert key.g2.is_monotonic_decreasing
