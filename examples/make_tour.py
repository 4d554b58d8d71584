"""Build ``examples/tour.ipynb``: one story told with textlens on real data, executed.

    python examples/make_tour.py            # write the notebook and execute it in place
    python examples/make_tour.py --no-run   # write the cells only

The cells live here, so the notebook can always be rebuilt; ``tests/python/test_tour.py``
checks that the committed notebook has exactly these cells and executes it again with
nbclient (no network), so it never goes stale. It reads the seeds in ``seeds/`` and a
multilingual slice of the bench corpus in ``$TEXTLENS_SHARED/corpus/bench``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "tour.ipynb"

CELLS: list[tuple[str, str]] = [
    (
        "markdown",
        """# A tour of textlens

Five articles on the 30 December 2022 call between Vladimir Putin and Xi Jinping
(`seeds/`), then a multilingual slice of news: which languages, what each source
writes about, which articles say the same thing. Every table is a pandas DataFrame
and every picture comes from `textlens.plot` (`pip install "textlens[all]"`).""",
    ),
    (
        "code",
        """import os
from pathlib import Path

import matplotlib
import pandas as pd
import textlens
import textlens.plot

matplotlib.rcParams["figure.dpi"] = 72
textlens.__version__ == textlens._textlens.__version__""",
    ),
    ("markdown", "## The seeds: five articles on one call\n\nA `Corpus` shows what it holds."),
    (
        "code",
        """docs = textlens.read_articles("../seeds")
corpus = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
corpus""",
    ),
    ("markdown", "A `Document` and a `Detection` show their fields:"),
    ("code", "docs[1]"),
    ("code", 'textlens.detect("Путин и Си Цзиньпин договорились укреплять сотрудничество.")'),
    (
        "markdown",
        "How similar are the articles? `as_frame=True` labels the matrix with the "
        "document ids; the heatmap orders them by clustering.",
    ),
    ("code", "corpus.similarity(as_frame=True).round(2)"),
    ("code", "textlens.plot.similarity_heatmap(corpus);"),
    (
        "markdown",
        "What makes the first article different from the rest (quanteda's "
        "`textplot_keyness`: target and reference in one chart):",
    ),
    (
        "code",
        """key = corpus.keyness([0], measure="chi2")
forms = corpus.surface_forms()  # "cooperation" for the term "cooper"
textlens.plot.keyness(key, n=8, target=docs[0].id, reference="the other four", forms=forms);""",
    ),
    ("markdown", "Where do the names occur along the five articles?"),
    ("code", 'textlens.plot.dispersion(corpus, ["Putin", "Xi", "Ukraine", "military"]);'),
    (
        "markdown",
        """## A multilingual slice of the news

Sixty articles in each of five languages from the bench corpus
(`$TEXTLENS_SHARED/corpus/bench`).""",
    ),
    (
        "code",
        """shared = Path(os.environ.get("TEXTLENS_SHARED", "../../shared"))
frames = [
    pd.read_json(shared / "corpus" / "bench" / f"{lang}.jsonl", lines=True).head(60)
    for lang in ["en", "de", "ru", "es", "tr"]
]
news = pd.concat(frames, ignore_index=True)
news["source"] = news["source"].str.split(":").str[-1].str.slice(0, 40)
news_corpus = textlens.Corpus(news)
news_corpus""",
    ),
    ("markdown", "Which languages does detection find, against the corpus's labels?"),
    (
        "code",
        """found = [textlens.detect(t) for t in news["text"]]
news["detected"] = [d.lang if d else None for d in found]
pd.crosstab(news["lang"], news["detected"])""",
    ),
    ("markdown", "The most frequent terms of each language:"),
    (
        "code",
        'textlens.plot.term_frequency(news_corpus, groups="lang", n=4);',
    ),
    ("markdown", "Distinctive terms of the German articles against the rest:"),
    (
        "code",
        'news_corpus.keyness("de", groups="lang", n=8)',
    ),
    (
        "markdown",
        "Readability by source (Flesch with each language's own constants) and lexical "
        "diversity (MTLD) by language: the mean as a point, its 95% interval as a whisker.",
    ),
    ("code", 'textlens.plot.readability(news_corpus, "flesch", groups="source");'),
    ("code", 'textlens.plot.lexdiv(news_corpus, "mtld", groups="lang");'),
    ("markdown", "The articles closest to the first one (a top-k search, never the n x n matrix):"),
    (
        "code",
        """first = news_corpus.documents[0]
best = pd.DataFrame(news_corpus.most_similar(first.id, k=4), columns=["id", "similarity"])
best["lang"] = [news.set_index(news["doc_id"].astype(str)).loc[i, "lang"] for i in best["id"]]
best""",
    ),
    (
        "markdown",
        "Near-duplicates (MinHash with LSH): the same story in several outlets.",
    ),
    (
        "code",
        """texts = list(news["text"].head(20)) + list(news["text"].head(3))
clusters = textlens.Corpus(texts).near_duplicates()
textlens.plot.near_duplicates(clusters);""",
    ),
    ("markdown", "A MinHash signature shows its settings:"),
    ("code", 'textlens.minhash(news["text"][0])'),
]


def build() -> object:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    new = {"markdown": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell}
    nb.cells = [new[kind](source) for kind, source in CELLS]
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{k:02d}"  # stable ids: rebuilding changes nothing
    return nb


def execute(nb: object, timeout: int = 600) -> object:
    """Run every cell in ``examples/`` (so ``../seeds`` resolves) with nbclient."""
    from nbclient import NotebookClient

    NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}
    ).execute()
    return nb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-run", action="store_true", help="write the cells only")
    args = parser.parse_args()
    import nbformat

    os.environ.setdefault("TEXTLENS_SHARED", str(HERE.parent.parent / "shared"))
    nb = build()
    if not args.no_run:
        execute(nb)
    nbformat.write(nb, NOTEBOOK)
    print(f"wrote {NOTEBOOK}")
    if not args.no_run:
        save_pictures(nb)


def save_pictures(nb: object) -> None:
    """Each plot of the tour as ``examples/img/<function>.png``, for the README."""
    import base64
    import re

    (HERE / "img").mkdir(exist_ok=True)
    for cell in nb.cells:
        name = (
            re.search(r"textlens\.plot\.(\w+)\(", cell.source) if cell.cell_type == "code" else None
        )
        pngs = [
            o["data"]["image/png"]
            for o in cell.get("outputs", [])
            if "image/png" in o.get("data", {})
        ]
        if name and pngs:
            (HERE / "img" / f"{name.group(1)}.png").write_bytes(base64.b64decode(pngs[0]))


if __name__ == "__main__":
    main()
