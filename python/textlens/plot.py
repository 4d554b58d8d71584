"""Plots of textlens results with matplotlib (the ``plot`` extra: ``pip install 'textlens[plot]'``).

matplotlib is imported when a function is called, not when this module is: ``import
textlens.plot`` always works. Every function draws on ``ax`` (a new figure's axes when
``None``) and returns the matplotlib ``Axes``, so a plot can be styled, combined and saved
as usual.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import textlens, textlens.plot
    >>> c = textlens.Corpus(textlens.read_articles("seeds"))
    >>> ax = textlens.plot.similarity_heatmap(c)
    >>> ax.get_title()
    'Similarity (cosine of sublinear tf-idf)'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "dispersion",
    "keyness",
    "lexdiv",
    "near_duplicates",
    "readability",
    "similarity_heatmap",
    "term_frequency",
]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "textlens.plot needs matplotlib: pip install 'textlens[plot]' (or 'textlens[all]')",
            name=exc.name,
        ) from exc
    return plt


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=size, layout="constrained")
    return ax


def _rows(table: Any) -> list[dict[str, Any]]:
    """Rows of a textlens table: a pandas DataFrame or a list of dicts."""
    return table.to_dict("records") if hasattr(table, "to_dict") else list(table)


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "\u2026"


def cluster_order(matrix: Any) -> list[int]:
    """The order of rows that puts similar documents together: the leaves of an
    average-linkage clustering on 1 - similarity (scipy).

    >>> cluster_order(np.array([[1.0, 0.0, 0.9], [0.0, 1.0, 0.1], [0.9, 0.1, 1.0]]))
    [1, 0, 2]
    """
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    m = np.asarray(matrix, dtype=float)
    if m.shape[0] < 3:
        return list(range(m.shape[0]))
    dist = np.clip(1.0 - (m + m.T) / 2.0, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    return [int(i) for i in leaves_list(linkage(squareform(dist, checks=False), "average"))]


def similarity_heatmap(
    similarity: Any,
    labels: Sequence[str] | None = None,
    *,
    order: str | None = "cluster",
    ax: Any = None,
    cmap: str = "Blues",
    max_labels: int = 40,
) -> Any:
    """A heatmap of document similarities with a colour bar.

    Args:
        similarity: a :class:`textlens.Corpus` (its ``similarity()``), a square
            numpy array, or a DataFrame (its index gives the labels).
        labels: one per row; by default the corpus's document ids.
        order: ``"cluster"`` puts similar documents side by side
            (:func:`cluster_order`); ``None`` keeps the input order.
        ax: the matplotlib Axes to draw on (default: a new figure).
        cmap: the colour map. The colour range spans the off-diagonal scores,
            so self-similarity does not wash the rest out.
        max_labels: above this many rows, tick labels are left out.

    Returns:
        The matplotlib Axes.
    """
    if hasattr(similarity, "similarity") and hasattr(similarity, "documents"):
        labels = labels or [d.id for d in similarity.documents]
        matrix = np.asarray(similarity.similarity())
    elif hasattr(similarity, "index") and hasattr(similarity, "to_numpy"):
        labels = labels or [str(i) for i in similarity.index]
        matrix = similarity.to_numpy(dtype=float)
    else:
        matrix = np.asarray(similarity, dtype=float)
    n = matrix.shape[0]
    labels = list(labels) if labels is not None else [str(i) for i in range(n)]
    if order == "cluster":
        idx = cluster_order(matrix)
        matrix = matrix[np.ix_(idx, idx)]
        labels = [labels[i] for i in idx]
    elif order is not None:
        raise ValueError(f"order must be 'cluster' or None, got {order!r}")
    off = matrix[~np.eye(n, dtype=bool)] if n > 1 else matrix.ravel()
    high = float(off.max()) if off.size and off.max() > 0 else 1.0
    ax = _axes(ax, (6.5, 5.5))
    # The diagonal (each document against itself) is masked: drawn grey, off the scale.
    shown = np.ma.masked_array(matrix, mask=np.eye(n, dtype=bool))
    colours = _pyplot().get_cmap(cmap).with_extremes(bad="#d6dbe1")
    image = ax.imshow(shown, cmap=colours, vmin=0.0, vmax=high, interpolation="nearest")
    ax.figure.colorbar(image, ax=ax, label="similarity", shrink=0.8)
    if n <= max_labels:
        ticks = range(n)
        short = [_short(str(label)) for label in labels]
        ax.set_xticks(ticks, short, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(ticks, short, fontsize=8)
    else:
        ax.set_xticks([])
        ax.set_yticks([])
    ax.set_title("Similarity (cosine of sublinear tf-idf)")
    return ax


def keyness(
    table: Any,
    *,
    n: int = 20,
    target: str = "target",
    reference: str = "reference",
    forms: dict[str, str] | None = None,
    ax: Any = None,
) -> Any:
    """Keyness bars as quanteda's ``textplot_keyness``: the ``n`` terms most
    over-represented in the target and the ``n`` most over-represented in the reference,
    in one chart on one scale.

    Args:
        table: what :meth:`textlens.Corpus.keyness` returns (DataFrame or list of dicts).
        n: terms per side.
        target, reference: the legend's names for the two sides.
        forms: term → the form to show, e.g. :meth:`textlens.Corpus.surface_forms`
            (default: the terms themselves).
        ax: the matplotlib Axes to draw on.

    Returns:
        The matplotlib Axes.
    """
    rows = _rows(table)
    if not rows:
        raise ValueError("the keyness table is empty")
    measure = next(k for k in rows[0] if k not in {"term", "p", "sign", "n_target", "n_reference"})
    rows = [r for r in rows if np.isfinite(float(r[measure]))]
    # Scores are signed (negative: over-represented in the reference), as quanteda's.
    pos = sorted((r for r in rows if r["sign"] > 0), key=lambda r: -float(r[measure]))[:n]
    neg = sorted((r for r in rows if r["sign"] < 0), key=lambda r: float(r[measure]))[:n]
    shown = pos + neg[::-1]  # the strongest at either end, the weakest in the middle
    scores = [float(r[measure]) for r in shown]
    ax = _axes(ax, (6.5, 0.22 * len(shown) + 1.2))
    y = np.arange(len(shown))[::-1]
    colours = ["#2166ac" if r["sign"] > 0 else "#b2182b" for r in shown]
    ax.barh(y, scores, color=colours)
    forms = forms or {}
    ax.set_yticks(y, [forms.get(str(r["term"]), str(r["term"])) for r in shown], fontsize=8)
    ax.axvline(0, color="#5c6773", linewidth=0.8)
    ax.set_xlabel(measure)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(color="#2166ac", label=target), Patch(color="#b2182b", label=reference)],
        loc="lower right",
        fontsize=8,
    )
    ax.set_title(f"Keyness ({measure}): {target} vs {reference}")
    return ax


def term_frequency(
    corpus: Any,
    *,
    groups: str | Sequence[object] | None = None,
    n: int = 10,
    display: str = "surface",
    ax: Any = None,
) -> Any:
    """The ``n`` most frequent terms (per group, with ``groups`` as in
    :meth:`textlens.Corpus.frequencies`) as horizontal bars, labelled with each term's
    most frequent surface form (``display="stem"``: the terms themselves).

    Returns:
        The matplotlib Axes.
    """
    rows = _rows(corpus.frequencies(groups=groups, n=n))
    forms = corpus.surface_forms() if display == "surface" else {}
    names = list(dict.fromkeys(str(r["group"]) for r in rows))
    ax = _axes(ax, (6.5, 0.25 * len(rows) + 1.2))
    cmap = _pyplot().get_cmap("tab10")
    labels = []
    for k, r in enumerate(rows):
        colour = cmap(names.index(str(r["group"])) % 10)
        ax.barh(len(rows) - 1 - k, r["frequency"], color=colour)
        term = forms.get(str(r["term"]), str(r["term"]))
        labels.append(term if groups is None else f"{term} ({r['group']})")
    ax.set_yticks(range(len(rows) - 1, -1, -1), labels, fontsize=8)
    ax.set_xlabel("frequency")
    ax.set_title("Term frequency" + ("" if groups is None else " by group"))
    return ax


def dispersion(
    documents: Any,
    terms: Sequence[str],
    *,
    analyzer: Any = None,
    ax: Any = None,
) -> Any:
    """Lexical dispersion ("x-ray"): where each term occurs along the documents, one row
    per term, documents side by side and separated by grey lines.

    Args:
        documents: a :class:`textlens.Corpus`, or a list of str / Document.
        terms: words as a reader writes them; each is analyzed (stemmed) like the text.
        analyzer: the :class:`textlens.Analyzer` (default: the corpus's, or ``Analyzer()``).

    Returns:
        The matplotlib Axes.
    """
    import textlens

    if hasattr(documents, "documents") and hasattr(documents, "analyzer"):
        analyzer = analyzer or documents.analyzer
        documents = documents.documents
    analyzer = analyzer or textlens.Analyzer()
    texts = [d if isinstance(d, str) else d.text for d in documents]
    keys = [(analyzer.analyze(t) or [t.lower()])[0] for t in terms]
    ax = _axes(ax, (8, 0.4 * len(terms) + 1.2))
    offset = 0
    for text in texts:
        analyzed = analyzer.analyze(text)
        for row, key in enumerate(keys):
            xs = [offset + i for i, term in enumerate(analyzed) if term == key]
            ax.plot(xs, [row] * len(xs), "|", color="#2166ac", markersize=14)
        offset += len(analyzed)
        ax.axvline(offset, color="#d6dbe1", linewidth=0.8)
    ax.set_yticks(range(len(terms)), list(terms))
    ax.set_ylim(-0.5, len(terms) - 0.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max(offset, 1))
    ax.set_xlabel("term position (documents in order)")
    ax.set_title("Lexical dispersion")
    return ax


def near_duplicates(
    clusters: Any,
    *,
    top: int = 20,
    ax: Any = None,
    **options: Any,
) -> Any:
    """The sizes of near-duplicate clusters, largest first.

    Args:
        clusters: the lists of ids that :meth:`textlens.Corpus.near_duplicates` returns,
            or a Corpus (then ``options`` go to its ``near_duplicates``).
        top: how many clusters to show.

    Returns:
        The matplotlib Axes.
    """
    if hasattr(clusters, "near_duplicates"):
        clusters = clusters.near_duplicates(**options)
    clusters = sorted((list(c) for c in clusters), key=len, reverse=True)[:top]
    ax = _axes(ax, (6.5, 0.3 * max(len(clusters), 1) + 1.2))
    labels = [
        _short(", ".join(map(str, c[:3])) + (f" +{len(c) - 3}" if len(c) > 3 else ""), 40)
        for c in clusters
    ]
    y = np.arange(len(clusters))[::-1]
    ax.barh(y, [len(c) for c in clusters], color="#2166ac")
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel("articles in the cluster")
    ax.set_title(f"Near-duplicate clusters ({len(clusters)} largest)")
    if not clusters:
        ax.text(0.5, 0.5, "no near-duplicates", ha="center", va="center", transform=ax.transAxes)
    return ax


def _by_group(table: Any, what: str, ax: Any) -> Any:
    """Point (mean) and whisker (95% confidence interval) per group of a
    ``Corpus.readability`` / ``Corpus.lexdiv`` table with ``groups``."""
    rows = _rows(table)
    measures = {str(r["measure"]) for r in rows}
    if len(measures) > 1:
        raise ValueError(f"plot one measure at a time, not {sorted(measures)}")
    ax = _axes(ax, (6.5, 0.35 * max(len(rows), 1) + 1.4))
    y = np.arange(len(rows))[::-1]
    means = np.array([float(r["mean"]) for r in rows])
    low = np.array([float(r["ci_low"]) for r in rows])
    high = np.array([float(r["ci_high"]) for r in rows])
    # A group of one document has no interval (NaN): its point stands alone.
    known = ~(np.isnan(low) | np.isnan(high))
    ax.hlines(y[known], low[known], high[known], color="#6b7785", linewidth=1.6)
    ax.plot(means, y, "o", color="#2166ac", markersize=6)
    labels = [_short(f"{r['group']} (n={r['n']})", 36) for r in rows]
    ax.set_yticks(y, labels, fontsize=8)
    measure = next(iter(measures), "")
    ax.set_xlabel(f"{measure} (mean, 95% CI)")
    ax.set_title(f"{what} by group: {measure}")
    ax.grid(axis="x", color="#e5e8ec", linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def readability(
    corpus: Any,
    measure: str = "flesch",
    *,
    groups: str | Sequence[object] = "source",
    ax: Any = None,
) -> Any:
    """Readability by group (by source by default): each group's mean score as a point
    and its 95% confidence interval as a whisker, from
    :meth:`textlens.Corpus.readability` with ``groups``.

    Args:
        corpus: a :class:`textlens.Corpus`.
        measure: one readability measure (see :func:`textlens.readability`).
        groups: a document field or metadata key, or one label per document.

    Returns:
        The matplotlib Axes.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import textlens, textlens.plot
        >>> c = textlens.Corpus(["A short text. It is easy.", "Another one, also short."] * 2)
        >>> ax = textlens.plot.readability(c, groups=["a", "a", "b", "b"])
        >>> ax.get_title()
        'Readability by group: flesch'
    """
    return _by_group(corpus.readability(measure, groups=groups), "Readability", ax)


def lexdiv(
    corpus: Any,
    measure: str = "mtld",
    *,
    groups: str | Sequence[object] = "source",
    ax: Any = None,
    **options: Any,
) -> Any:
    """Lexical diversity by group (by source by default): each group's mean as a point
    and its 95% confidence interval as a whisker, from :meth:`textlens.Corpus.lexdiv`
    with ``groups`` (``options`` such as ``window`` go to it).

    Returns:
        The matplotlib Axes.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import textlens, textlens.plot
        >>> c = textlens.Corpus(["A short text. It is easy.", "Another one, also short."] * 2)
        >>> textlens.plot.lexdiv(c, "ttr", groups=["a", "b", "a", "b"]).get_xlabel()
        'ttr (mean, 95% CI)'
    """
    return _by_group(corpus.lexdiv(measure, groups=groups, **options), "Lexical diversity", ax)
