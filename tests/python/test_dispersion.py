"""Entropy (quanteda's ``textstat_entropy``) and dispersion (Juilland's D, Gries' DP;
Gries 2008) of ``Corpus``: checked against a direct numpy computation on the same tokens
of real bench text, per document and per group."""

from __future__ import annotations

import math
from collections import Counter

import pytest
import textlens

from tests.python.conftest import bench_docs_for

np = pytest.importorskip("numpy")
pytest.importorskip("pandas")


def close(a: float, b: float, tol: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


@pytest.fixture(scope="module")
def docs() -> list[textlens.Document]:
    return [
        textlens.Document(d["text"], id=f"{lang}{i}", source=d["source"], lang=lang)
        for lang in ["en", "de"]
        for i, d in enumerate(bench_docs_for(lang, 30))
    ]


def np_entropy(tokens: list[str], base: float) -> float:
    if not tokens:
        return 0.0
    p = np.array(list(Counter(tokens).values()), dtype=float) / len(tokens)
    return float(-(p * np.log(p)).sum() / np.log(base))


def np_dispersion(parts: list[list[str]], word: str) -> tuple[float, float, float]:
    parts = [p for p in parts if p]
    v = np.array([p.count(word) for p in parts], dtype=float)
    size = np.array([len(p) for p in parts], dtype=float)
    s = size / size.sum()
    dp = 0.5 * np.abs(v / v.sum() - s).sum()
    rel = v / size
    d = 1 - (rel.std(ddof=0) / rel.mean()) / math.sqrt(len(parts) - 1)
    return float(d), float(dp), float(dp / (1 - s.min()))


def tokens_of(d: textlens.Document) -> list[str]:
    return textlens.tokenize(d.text, lang=d.lang)


class TestEntropy:
    @pytest.mark.parametrize("base", [2.0, math.e, 10.0])
    def test_per_document_against_numpy(self, docs: list[textlens.Document], base: float) -> None:
        got = textlens.Corpus(docs).entropy(base=base)
        assert list(got.index) == [d.id for d in docs]
        for d in docs:
            assert close(got.loc[d.id, "entropy"], np_entropy(tokens_of(d), base)), d.id

    def test_per_group_pools_the_words(self, docs: list[textlens.Document]) -> None:
        got = textlens.Corpus(docs).entropy(groups="source")
        for row in got.itertuples():
            pooled = [t for d in docs if d.source == row.group for t in tokens_of(d)]
            assert close(row.entropy, np_entropy(pooled, 2.0)), row.group
        assert len(got) == len({d.source for d in docs}) > 1

    def test_terms_and_scipy(self, docs: list[textlens.Document]) -> None:
        scipy_stats = pytest.importorskip("scipy.stats")
        c = textlens.Corpus(docs[:5])
        got = c.entropy(terms=True)
        for d in docs[:5]:
            counts = list(Counter(c.analyzer.analyze(d.text)).values())
            assert close(got.loc[d.id, "entropy"], scipy_stats.entropy(counts, base=2))

    def test_bad_input(self) -> None:
        c = textlens.Corpus(["", "one", "!!!"])
        assert c.entropy()["entropy"].tolist() == [0.0, 0.0, 0.0]
        for base in [1.0, 0.0, -2.0, math.nan, math.inf]:
            with pytest.raises(textlens.InvalidOptionError, match="base"):
                c.entropy(base=base)


WORDS = ["the", "der", "und", "of", "government", "zzzznotaword"]


class TestDispersion:
    def test_per_document_against_numpy(self, docs: list[textlens.Document]) -> None:
        parts = [tokens_of(d) for d in docs]
        got = textlens.Corpus(docs).dispersion(WORDS)
        assert got["term"].tolist() == WORDS
        for row in got.itertuples():
            if row.term == "zzzznotaword":
                assert row.frequency == 0 and math.isnan(row.dp) and math.isnan(row.juilland_d)
                continue
            assert row.frequency == sum(p.count(row.term) for p in parts) > 0
            assert row.range == sum(row.term in p for p in parts)
            d, dp, dp_norm = np_dispersion(parts, row.term)
            assert close(row.juilland_d, d) and close(row.dp, dp), row.term
            assert close(row.dp_norm, dp_norm), row.term
        # "der" occurs in the German half only: far from even over all documents.
        assert got.set_index("term").loc["der", "dp"] > 0.4

    def test_per_group_against_numpy(self, docs: list[textlens.Document]) -> None:
        got = textlens.Corpus(docs).dispersion(["The", "und"], groups="lang")
        parts = [[t for d in docs if d.lang == g for t in tokens_of(d)] for g in ["en", "de"]]
        assert got["term"].tolist() == ["the", "und"] and set(got["parts"]) == {2}
        for row in got.itertuples():
            d, dp, dp_norm = np_dispersion(parts, row.term)
            assert close(row.juilland_d, d) and close(row.dp, dp) and close(row.dp_norm, dp_norm)

    def test_gries_definition_by_hand(self) -> None:
        c = textlens.Corpus(["a b", "a b", "b b", ""])
        got = c.dispersion("a")
        # v/f = (½, ½, 0), s = (⅓, ⅓, ⅓), p = v/l = (½, ½, 0): sd/mean = √2/2, D = ½;
        # the empty part is left out.
        assert close(got["dp"][0], 1 / 3) and close(got["dp_norm"][0], 0.5)
        assert close(got["juilland_d"][0], 0.5) and got["parts"][0] == 3
        one = textlens.Corpus(["a a b"]).dispersion(["a"])
        assert one["dp"][0] == 0.0 and math.isnan(one["juilland_d"][0])
