"""Similarity against human judgement: SemEval-2022 Task 8 (multilingual news article pairs).

Usage::

    .venv/bin/python benches/semeval.py [--data PATH]

``--data`` defaults to ``$TEXTLENS_SHARED/corpus/semeval2022-task8-dev.jsonl``
(``TEXTLENS_SHARED`` defaults to ``../shared`` next to the repository). Each line is a pair
with ``title1``/``text1``, ``title2``/``text2``, ``lang1``/``lang2`` and ``scores.Overall``
(1 = very similar … 4 = very dissimilar, so a good similarity correlates NEGATIVELY).

Each article is its title and text joined by a newline. The distinct articles of all pairs
form one corpus, and every pair is scored by:

- textlens: ``textlens.Corpus(articles).similarity()`` with every default (the default
  ``Analyzer``: language detected per article, its stopwords, Snowball stems; cosine of
  sublinear tf-idf with smooth idf and l2 rows, idf from all the articles), and, for
  reference, ``similarity(weighting="tfidf")`` (raw tf);
- scikit-learn: ``TfidfVectorizer()`` with its defaults, fitted on the same articles, and
  the cosine (a dot product of its l2 rows).

It prints Pearson's r of each score with ``Overall``, over all pairs and per language pair.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import defaultdict
from pathlib import Path

import numpy as np
import textlens
from sklearn.feature_extraction.text import TfidfVectorizer

REPO = Path(__file__).resolve().parents[1]


def default_data() -> Path:
    shared = Path(os.environ.get("TEXTLENS_SHARED", REPO.parent / "shared"))
    return shared / "corpus" / "semeval2022-task8-dev.jsonl"


def article(title: str | None, text: str | None) -> str:
    return f"{title or ''}\n{text or ''}".strip()


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    args = parser.parse_args()

    with args.data.open(encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    articles: list[str] = []
    row: dict[str, int] = {}
    left, right = [], []
    for p in pairs:
        for side, out in (("1", left), ("2", right)):
            a = article(p[f"title{side}"], p[f"text{side}"])
            if a not in row:
                row[a] = len(articles)
                articles.append(a)
            out.append(row[a])
    i, j = np.array(left), np.array(right)
    overall = np.array([p["scores"]["Overall"] for p in pairs], dtype=float)

    corpus = textlens.Corpus(articles)
    ours = corpus.similarity()[i, j]
    raw = corpus.similarity(weighting="tfidf")[i, j]
    x = TfidfVectorizer().fit_transform(articles)
    theirs = np.asarray(x[i].multiply(x[j]).sum(axis=1)).ravel()

    groups: dict[str, list[int]] = defaultdict(list)
    for k, p in enumerate(pairs):
        groups[f"{p['lang1']}-{p['lang2']}"].append(k)
    print(f"{len(pairs)} pairs, {len(articles)} distinct articles: Pearson r with Overall")
    print(f"{'pairs':<8}{'n':>6}{'textlens':>10}{'raw tf':>10}{'sklearn':>10}")
    print(
        f"{'all':<8}{len(pairs):>6}{pearson(ours, overall):>10.3f}"
        f"{pearson(raw, overall):>10.3f}{pearson(theirs, overall):>10.3f}"
    )
    for name in sorted(groups):
        k = np.array(groups[name])
        r = [pearson(s[k], overall[k]) for s in (ours, raw, theirs)]
        print(f"{name:<8}{len(k):>6}" + "".join(f"{v:>10.3f}" for v in r))


if __name__ == "__main__":
    main()
