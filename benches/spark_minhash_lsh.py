"""textlens.spark.near_duplicates beside Spark ML's MinHashLSH on the same texts: time, pairs
found, and the recall of textlens's pairs.

The input is the first ``--docs`` bench texts (whitespace runs made single spaces), each
followed by a copy with one word in every ``--every`` replaced (word 5-shingle Jaccard
about 0.9 with the original), so that every text has a near-duplicate.

textlens: ``near_duplicates(df, 0.8)`` (MinHash, 128 values, LSH bands, verification).
Spark ML: ``Tokenizer`` + ``NGram(5)`` + binary ``HashingTF`` +
``MinHashLSH(numHashTables=9)`` + ``approxSimilarityJoin`` at Jaccard distance 0.2, the way
its documentation deduplicates. Spark's one-hash-per-table LSH makes every pair sharing one
minimum shingle a candidate, and its self-join shuffles them all: on a large input the
shuffle fills the disk. So ``spark.local.dir`` is a fresh folder under ``/tmp``, free space
is checked before the run and every second during it, and the jobs are cancelled when it
falls below ``--min-free-gb``.

    .venv/bin/python benches/spark_minhash_lsh.py [--docs 2000] [--every 100]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from itertools import combinations
from pathlib import Path


def texts_with_copies(shared: Path, docs: int, every: int) -> list[str]:
    texts: list[str] = []
    for f in sorted((shared / "corpus" / "bench").glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    out = []
    for t in texts[:docs]:
        words = t.split()
        copy = [("EDITED" if k % every == every // 2 else w) for k, w in enumerate(words)]
        # Both with single spaces: Spark's Tokenizer splits on each whitespace character,
        # so a newline or double space in one copy only would make its shingles differ.
        out += [" ".join(words), " ".join(copy)]
    return out


def free_gb(path: str) -> float:
    return shutil.disk_usage(path).free / 1e9


def pairs_of(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {p for g in groups for p in combinations(sorted(g), 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--every", type=int, default=100)
    ap.add_argument("--min-free-gb", type=float, default=8.0)
    args = ap.parse_args()
    shared = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).parents[2] / "shared"))
    texts = texts_with_copies(shared, args.docs, args.every)
    print(subprocess.run(["df", "-h", "/tmp"], capture_output=True, text=True).stdout, flush=True)
    if free_gb("/tmp") < args.min_free_gb + 2:
        sys.exit(f"/tmp has {free_gb('/tmp'):.1f} GB free: not starting (needs the floor + 2 GB)")
    local = tempfile.mkdtemp(prefix="textlens-spark-local-", dir="/tmp")

    os.environ["PYSPARK_PYTHON"] = sys.executable
    import textlens.spark as tls
    from pyspark.ml.feature import HashingTF, MinHashLSH, NGram, Tokenizer
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "3g")
        .config("spark.local.dir", local)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    lowest = [free_gb("/tmp")]
    stop = threading.Event()

    def guard() -> None:
        while not stop.wait(1.0):
            lowest[0] = min(lowest[0], free_gb("/tmp"))
            if lowest[0] < args.min_free_gb:
                print(f"free space {lowest[0]:.1f} GB < floor: cancelling", flush=True)
                spark.sparkContext.cancelAllJobs()
                return

    watcher = threading.Thread(target=guard, daemon=True)
    watcher.start()
    try:
        df = spark.createDataFrame(list(enumerate(texts)), "id long, text string")
        df = df.repartition(8).cache()
        df.count()
        print(f"{len(texts)} texts ({args.docs} + an edited copy of each), local[2]", flush=True)

        t = time.perf_counter()
        groups = tls.near_duplicates(df, 0.8)
        dt_tl = time.perf_counter() - t
        # near_duplicates numbers rows in df's order: map them back to ids.
        ids = [r["id"] for r in df.select("id").collect()]
        ours = pairs_of([[ids[i] for i in g] for g in groups])
        print(
            f"textlens.spark.near_duplicates: {dt_tl:.1f} s, {len(groups)} groups, "
            f"{len(ours)} pairs",
            flush=True,
        )

        t = time.perf_counter()
        words = Tokenizer(inputCol="text", outputCol="words").transform(df)
        grams = NGram(n=5, inputCol="words", outputCol="grams").transform(words)
        tf = HashingTF(inputCol="grams", outputCol="tf", binary=True, numFeatures=1 << 20)
        vec = tf.transform(grams).where(F.size("grams") > 0)
        model = MinHashLSH(inputCol="tf", outputCol="hashes", numHashTables=9, seed=1).fit(vec)
        joined = model.approxSimilarityJoin(vec, vec, 0.2, distCol="d").where(
            "datasetA.id < datasetB.id"
        )
        theirs = {(r[0], r[1]) for r in joined.select("datasetA.id", "datasetB.id").collect()}
        dt_ml = time.perf_counter() - t
        print(
            f"Spark ML MinHashLSH approxSimilarityJoin: {dt_ml:.1f} s, {len(theirs)} pairs",
            flush=True,
        )
        planted = {(2 * k, 2 * k + 1) for k in range(args.docs)}
        both = ours & theirs
        print(
            f"recall of textlens's pairs by MinHashLSH: {len(both) / max(len(ours), 1):.4f} "
            f"({len(both)} of {len(ours)}); MinHashLSH pairs not textlens's: "
            f"{len(theirs - ours)}; planted pairs found: textlens "
            f"{len(ours & planted)}/{len(planted)}, MinHashLSH {len(theirs & planted)}/"
            f"{len(planted)}; time ratio MinHashLSH/textlens {dt_ml / dt_tl:.2f}x",
            flush=True,
        )
    finally:
        stop.set()
        spark.stop()
        shutil.rmtree(local, ignore_errors=True)
        print(f"lowest free space during the run: {lowest[0]:.1f} GB", flush=True)
        print(subprocess.run(["df", "-h", "/tmp"], capture_output=True, text=True).stdout)


if __name__ == "__main__":
    main()
