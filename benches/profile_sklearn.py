"""Where the drop-in ``TfidfVectorizer().fit_transform`` spends its CPU time.

Usage::

    .venv/bin/python benches/profile_sklearn.py [--repeat N]

Times, in CPU seconds (``time.process_time``: every thread of the process) and wall
seconds, the median of ``--repeat`` calls on the bench corpus
(``$TEXTLENS_SHARED/corpus/bench/*.jsonl``): scikit-learn's ``fit_transform`` once,
the drop-in's, ``HashingVectorizer().transform`` (the analysis with no vocabulary:
tokenize, lowercase, hash) and the Rust core's counting call with and without the
tf-idf weighting. The differences between the lines are the parts of the fit
(BENCHMARKS.md, issue 13 section).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import text as sk
from textlens import sklearn as tl
from textlens._textlens import _VectorizerCore

REPO = Path(__file__).resolve().parents[1]


def load() -> list[str]:
    shared = os.environ.get("TEXTLENS_SHARED", str(REPO.parent / "shared"))
    texts = []
    for path in sorted(glob.glob(os.path.join(shared, "corpus", "bench", "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh]
    if not texts:
        raise SystemExit(f"no bench corpus under {shared}")
    return texts


def timed(label: str, call: Callable[[], Any], repeat: int) -> None:
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        call()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    print(
        f"{label:48s} cpu {statistics.median(cpu):7.3f} s  wall {statistics.median(wall):7.3f} s",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load()
    core = _VectorizerCore()
    timed(
        "sklearn TfidfVectorizer().fit_transform",
        lambda: sk.TfidfVectorizer().fit_transform(texts),
        1,
    )
    timed(
        "textlens TfidfVectorizer().fit_transform",
        lambda: tl.TfidfVectorizer().fit_transform(texts),
        args.repeat,
    )
    timed(
        "textlens HashingVectorizer().transform",
        lambda: tl.HashingVectorizer().transform(texts),
        args.repeat,
    )
    timed("core.fit_counts", lambda: core.fit_counts(texts, min_df=1, max_df=1.0), args.repeat)
    timed(
        "core.fit_counts(tfidf=True)",
        lambda: core.fit_counts(texts, min_df=1, max_df=1.0, tfidf=True, norm="l2"),
        args.repeat,
    )


if __name__ == "__main__":
    main()
