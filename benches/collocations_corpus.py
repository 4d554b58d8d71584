"""Collocations over the whole bench corpus (every language in one corpus) beside NLTK.

Usage::

    .venv/bin/python benches/collocations_corpus.py [--repeat N] [--size 2|3]

textlens ``Corpus(texts).collocations(size=, min_count=2)`` (word forms of each document's
detected language, counted in parallel, every score) against NLTK's
``BigramCollocationFinder`` / ``TrigramCollocationFinder.from_documents`` on the same word
forms (``textlens.tokenize``, untimed) with ``apply_freq_filter(2)`` and PMI, G², t and χ²
scored. The Corpus is built untimed. One untimed warm-up, then medians of ``--repeat`` runs
(NLTK: one run); ratios are meaningful within one run only.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import textlens
from compare_stats import timed  # benches/ is on sys.path when run as a script


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--size", type=int, choices=[2, 3], default=2)
    args = ap.parse_args()
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    root = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    texts = []
    for path in sorted((root / "corpus" / "bench").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} documents, {mb:.1f} MB, {os.cpu_count()} cores, size {args.size}")
    corpus = textlens.Corpus(texts)
    toks = [textlens.tokenize(t) for t in texts]
    finder, measures = (
        (BigramCollocationFinder, BigramAssocMeasures())
        if args.size == 2
        else (TrigramCollocationFinder, TrigramAssocMeasures())
    )

    def ours() -> None:
        corpus.collocations(size=args.size, min_count=2, measure="pmi")

    def nltk() -> None:
        f = finder.from_documents(toks)
        f.apply_freq_filter(2)
        for fn in [measures.pmi, measures.likelihood_ratio, measures.student_t, measures.chi_sq]:
            f.score_ngrams(fn)

    a, b = timed(ours, args.repeat), timed(nltk, 1)
    print(f"textlens Corpus.collocations   {a:8.3f} s")
    print(f"NLTK (pre-tokenized)           {b:8.3f} s")
    print(f"NLTK / textlens:               {b / a:.1f}x")


if __name__ == "__main__":
    main()
