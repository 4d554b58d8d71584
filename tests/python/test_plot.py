"""textlens.plot: each plot renders to a PNG (Agg) that is not blank, with the right content."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest
import textlens
import textlens.plot

matplotlib.use("Agg")
import matplotlib.image
import matplotlib.pyplot as plt


@pytest.fixture(scope="module")
def corpus(seeds) -> textlens.Corpus:
    return textlens.Corpus(textlens.read_articles(seeds), analyzer=textlens.Analyzer("en"))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def png_pixels(ax) -> np.ndarray:
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=60)
    buf.seek(0)
    return matplotlib.image.imread(buf, format="png")


def assert_not_blank(ax) -> None:
    pixels = png_pixels(ax)[..., :3]
    # More than a background: a good share of pixels differ from white, in several colours.
    assert (pixels < 0.95).any(axis=-1).mean() > 0.02
    assert len(np.unique(pixels.reshape(-1, 3).round(2), axis=0)) > 10


def test_similarity_heatmap_clusters_and_has_a_colour_bar(corpus):
    ax = textlens.plot.similarity_heatmap(corpus)
    assert_not_blank(ax)
    assert len(ax.figure.axes) == 2  # the heatmap and its colour bar
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ids = [d.id for d in corpus.documents]
    order = textlens.plot.cluster_order(corpus.similarity())
    assert labels == [ids[i] for i in order]
    # Clustering puts the three articles on the 30 December call next to each other.
    trio = {ids[0], ids[1], ids[2]}
    positions = sorted(labels.index(i) for i in trio)
    assert positions[-1] - positions[0] == 2
    image = ax.images[0].get_array()
    want = corpus.similarity()[np.ix_(order, order)]
    off = ~np.eye(len(ids), dtype=bool)
    assert np.allclose(image[off], want[off]) and image.mask.diagonal().all()


def test_keyness_puts_target_and_reference_in_one_chart(corpus):
    table = corpus.keyness([0], measure="chi2")
    ax = textlens.plot.keyness(table, n=5, target="article 0", reference="the rest")
    assert_not_blank(ax)
    bars = ax.patches
    assert len(bars) == 10
    widths = [b.get_width() for b in bars]
    assert all(w > 0 for w in widths[:5]) and all(w < 0 for w in widths[5:])
    top = table[table.sign > 0].chi2.head(5).tolist()
    assert widths[:5] == pytest.approx(top)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["article 0", "the rest"]


def test_term_frequency_by_group(corpus):
    groups = ["a", "a", "a", "b", "b"]
    ax = textlens.plot.term_frequency(corpus, groups=groups, n=4)
    assert_not_blank(ax)
    table = corpus.frequencies(groups=groups, n=4)
    assert sorted(b.get_width() for b in ax.patches) == sorted(table.frequency.tolist())
    forms = corpus.surface_forms()
    labels = {t.get_text() for t in ax.get_yticklabels()}
    assert labels == {f"{forms[r.term]} ({r.group})" for r in table.itertuples()}
    assert "Putin (a)" in labels  # the surface form, not the stem


def test_dispersion_marks_each_occurrence(corpus):
    ax = textlens.plot.dispersion(corpus, ["Putin", "Xi"])
    assert_not_blank(ax)
    analyzer = corpus.analyzer
    want = sum(analyzer.analyze(d.text).count("putin") for d in corpus.documents)
    rows = [line for line in ax.lines if line.get_marker() == "|"]  # not the separators
    marks = sum(len(line.get_xdata()) for line in rows if list(line.get_ydata())[:1] == [0])
    assert marks == want > 0


def test_near_duplicate_clusters():
    texts = ["Putin and Xi spoke on Friday about the war in Ukraine and energy."] * 3 + [
        "Snow fell in Moscow overnight, closing roads and schools across the region."
    ] * 2
    ax = textlens.plot.near_duplicates(textlens.Corpus(texts))
    assert_not_blank(ax)
    assert sorted(b.get_width() for b in ax.patches) == [2, 3]


@pytest.fixture(scope="module")
def by_source(bench_docs) -> textlens.Corpus:
    """Real articles from three languages; the bench files' ``source`` is the data set file."""
    docs = [
        textlens.Document(d["text"], id=f"{lang}{k}", source=f"{lang}:{d['source'][-16:]}")
        for lang in ("en", "de", "fr")
        for k, d in enumerate(bench_docs(lang, 40))
    ]
    return textlens.Corpus(docs)


@pytest.mark.parametrize(
    ("plot", "method", "measure"),
    [
        (textlens.plot.readability, "readability", "flesch"),
        (textlens.plot.lexdiv, "lexdiv", "mtld"),
    ],
)
def test_statistics_by_source_draw_the_table_means_and_intervals(by_source, plot, method, measure):
    ax = plot(by_source)  # groups="source" and the default measure
    assert_not_blank(ax)
    rows = getattr(by_source, method)(measure, groups="source").to_dict("records")
    assert len(rows) >= 3
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(f"{r['group']} (n={r['n']})" for r in rows)
    points = ax.lines[0]
    assert np.allclose(points.get_xdata(), [r["mean"] for r in rows])
    segments = ax.collections[0].get_segments()
    assert len(segments) == len(rows)
    for seg, r in zip(segments, rows, strict=True):
        assert np.allclose([seg[0][0], seg[1][0]], [r["ci_low"], r["ci_high"]])
        assert r["ci_low"] < r["mean"] < r["ci_high"]
    assert ax.get_title().endswith(measure)


def test_statistics_plots_take_one_measure_and_labels(by_source):
    labels = ["first" if d.id.startswith("en") else "rest" for d in by_source.documents]
    ax = textlens.plot.lexdiv(by_source, "ttr", groups=labels)
    assert_not_blank(ax)
    assert {t.get_text() for t in ax.get_yticklabels()} == {"first (n=40)", "rest (n=80)"}
    with pytest.raises(ValueError, match="one measure"):
        textlens.plot.readability(by_source, ["flesch", "ari"])
