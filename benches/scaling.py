"""Parallel scaling of the full textlens pipeline, 1 thread against N, in one run.

Usage::

    .venv/bin/python benches/scaling.py [--data PATH_OR_GLOB ...] [--repeat N] [--threads 1 2]

The job is ``textlens.Corpus(texts).dtm("tfidf")`` with the default ``Analyzer``: per
document language detection, tokenization, normalization, stopwords, Snowball stems,
counting and the tf-idf matrix. Each thread count runs in a fresh interpreter (this
script re-invoked with ``--child``) with ``RAYON_NUM_THREADS`` set, because rayon sizes
its pool once per process. The thread counts alternate within every repetition, so
noise from other work on the machine hits them alike; the table shows medians. Every
child also hashes its matrix (terms, data, indices, indptr): the output must be
identical at every thread count, and the script exits 1 if it is not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_sklearn import default_data, load, machine, resolve


def child(patterns: list[str]) -> None:
    import numpy as np
    import textlens

    texts, _ = load(resolve(patterns))
    start = time.perf_counter()
    corpus = textlens.Corpus(texts)
    m = corpus.dtm("tfidf")
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256()
    digest.update("\n".join(corpus.terms).encode())
    for part in (m.data, m.indices, m.indptr):
        digest.update(np.ascontiguousarray(part).tobytes())
    print(json.dumps({"seconds": elapsed, "sha256": digest.hexdigest()}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", default=[default_data()], metavar="PATH_OR_GLOB")
    parser.add_argument("--repeat", type=int, default=5, metavar="N")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, os.cpu_count() or 2])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.data)
        return 0
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    seconds: dict[int, list[float]] = {n: [] for n in args.threads}
    digests: dict[int, set[str]] = {n: set() for n in args.threads}
    for rep in range(args.repeat):
        order = args.threads if rep % 2 == 0 else args.threads[::-1]
        for n in order:
            env = dict(os.environ, RAYON_NUM_THREADS=str(n))
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--data", *args.data],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out)
            seconds[n].append(result["seconds"])
            digests[n].add(result["sha256"])
            print(f"rep {rep}: {n} thread(s) {result['seconds']:.3f} s", file=sys.stderr)
    base = statistics.median(seconds[args.threads[0]])
    info = machine()
    print(
        f"Machine: {info['cpu']}, {info['nproc']} cores, {info['os']}; textlens {info['textlens']} "
        f"at {info['git']}; load average before the run: {load_before}"
    )
    print(f"\nCommand: `{' '.join([Path(sys.executable).name, *sys.argv])}`\n")
    print("| threads | median s | min s | speedup vs first row | output sha256 |")
    print("|---:|---:|---:|---:|---|")
    for n in args.threads:
        med = statistics.median(seconds[n])
        shas = ", ".join(sorted(d[:12] for d in digests[n]))
        print(f"| {n} | {med:.3f} | {min(seconds[n]):.3f} | {base / med:.2f}x | {shas} |")
    identical = len(set().union(*digests.values())) == 1
    print(f"\nIdentical output at every thread count: {'yes' if identical else 'NO'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
