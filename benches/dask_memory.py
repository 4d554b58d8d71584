"""Worker memory of ``textlens.dask.dtm`` as the corpus grows, when nothing is persisted.

Each partition reads its own bench file from disk inside the worker (one partition per
file and replica), ``dtm(..., persist=False)`` keeps nothing between the two passes, and
the matrix's blocks are reduced to their ``nnz`` on the workers, so no block is gathered.
One worker process with one thread, a fresh cluster per size; the peak is the worker's
max RSS. The replicas repeat the same texts, so the vocabulary (the only global state)
stays the same size: what grows is the number of partitions the worker streams through.

    TEXTLENS_SHARED=../shared .venv/bin/python benches/dask_memory.py [--replicas 1 10]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read(parts: list[str]) -> list[str]:
    texts = []
    for path in parts:
        with open(path, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def _nnz(block) -> int:
    return int(block.nnz)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicas", type=int, nargs="+", default=[1, 10])
    args = ap.parse_args()
    shared = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).parents[2] / "shared"))
    files = [str(f) for f in sorted((shared / "corpus" / "bench").glob("*.jsonl"))]

    import dask
    import dask.bag as db
    import textlens.dask as tld
    from dask import delayed
    from distributed import Client, LocalCluster

    print("| replicas | partitions | MB of text | wall s | nnz | worker peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for replicas in args.replicas:
        paths = files * replicas
        mb = sum(os.path.getsize(p) for p in paths) / 1e6
        with (
            LocalCluster(
                n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            bag = db.from_sequence(paths, npartitions=len(paths)).map_partitions(read)
            t = time.perf_counter()
            X, _terms = tld.dtm(bag, "tfidf", persist=False)
            nnz = sum(dask.compute(*[delayed(_nnz)(b) for b in X.to_delayed().ravel()]))
            wall = time.perf_counter() - t
            rss = max(client.run(max_rss_mb).values())
        print(f"| {replicas} | {len(paths)} | {mb:.0f} | {wall:.1f} | {nnz} | {rss:.0f} |")


if __name__ == "__main__":
    main()
