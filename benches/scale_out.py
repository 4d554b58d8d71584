"""Dask (and Spark, when installed with Java) against single-process textlens on the bench corpus.

Times corpus statistics + the tf-idf matrix (two passes) through ``textlens.dask`` on a
``LocalCluster`` of 1 and 2 worker processes, the obvious alternative a Dask user writes
(scikit-learn's ``HashingVectorizer`` + ``TfidfTransformer`` in ``map_partitions``), and
one-process ``textlens.Corpus(texts).dtm("tfidf")``; with ``--spark``, ``textlens.spark`` on
``local[1]``/``local[2]`` and Spark ML's ``Tokenizer`` + ``CountVectorizer`` + ``IDF``.
Peak memory is the largest worker's max RSS. ``--extras`` adds, on 2 Dask workers, top-k
similarity by row blocks against ``Corpus.similarity(top_k=10)`` (on ``--sim-docs`` texts)
and near-duplicates with the id-only band shuffle against the full-signature one (on
``--dedup-docs`` texts twice, so that every text has a duplicate).

    .venv/bin/python benches/scale_out.py [--replicas 10] [--spark] [--extras] [--no-dtm]
        [--no-dask] [--no-hashing]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import textlens


def load(shared: Path, replicas: int) -> list[str]:
    texts = []
    for f in sorted((shared / "corpus" / "bench").glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts * replicas


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def jvm_peak(spark, reset: bool = False) -> float:
    """The Spark JVM's peak RSS in MB (in local mode the driver is the executor), read
    from /proc; ``reset`` starts a new peak (Linux ``clear_refs``). NaN where the JVM
    was not started by this process."""
    proc = getattr(spark.sparkContext._gateway, "proc", None)
    if proc is None:
        return float("nan")
    status = Path(f"/proc/{proc.pid}/status")
    peak = next(
        (
            int(line.split()[1]) / 1024
            for line in status.read_text().splitlines()
            if line.startswith("VmHWM:")
        ),
        float("nan"),
    )
    if reset:
        Path(f"/proc/{proc.pid}/clear_refs").write_text("5")
    return peak


def python_workers_peak(spark, cores: int) -> float:
    """The largest peak RSS (MB) of Spark's Python workers, which are reused between
    jobs: a small job asks each of them."""
    n = 4 * cores
    return max(spark.sparkContext.parallelize(range(n), n).mapPartitions(_rss).collect())


def _rss(_rows):
    yield max_rss_mb()


def timed(label: str, fn, rows: list, base: float | None = None) -> float:
    t = time.perf_counter()
    extra = fn()
    dt = time.perf_counter() - t
    rows.append((label, dt, extra))
    ratio = "" if base is None else f"  ({dt / base:.2f}x single process)"
    print(f"{label:55s} {dt:7.2f} s  {extra}{ratio}", flush=True)
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicas", type=int, default=1)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--spark", action="store_true")
    ap.add_argument("--extras", action="store_true")
    ap.add_argument("--no-dtm", action="store_true", help="only the single process and --extras")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask dtm runs")
    ap.add_argument("--no-hashing", action="store_true", help="skip the scikit-learn hashing runs")
    ap.add_argument("--sim-docs", type=int, default=4000)
    ap.add_argument("--dedup-docs", type=int, default=6000)
    args = ap.parse_args()
    shared = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).parents[2] / "shared"))
    texts = load(shared, args.replicas)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} texts, {mb:.0f} MB, {os.cpu_count()} cores (shared, loaded machine)")
    rows: list = []

    def single():
        c = textlens.Corpus(texts)
        c.dtm("tfidf")
        return f"max RSS {max_rss_mb():.0f} MB"

    import dask.bag as db
    import textlens.dask as tld
    from distributed import Client, LocalCluster

    if args.extras and not args.spark:
        extras(texts, args, rows)
    if args.no_dtm and not args.spark:
        return
    base = timed("single process: Corpus(texts).dtm('tfidf')", single, rows)

    for workers in () if args.no_dtm or args.no_dask else (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            bag = db.from_sequence(texts, npartitions=args.partitions).persist()

            def run(bag=bag, client=client):
                X, _terms = tld.dtm(bag, "tfidf")
                X.compute()
                rss = client.run(max_rss_mb)
                return f"max worker RSS {max(rss.values()):.0f} MB"

            timed(f"textlens.dask, {workers} worker(s): stats + dtm('tfidf')", run, rows, base)

            def hashing(bag=bag, client=client):
                from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

                hv = HashingVectorizer(alternate_sign=False, norm=None)
                X = bag.map_partitions(lambda p: [hv.transform(list(p))]).compute()
                import scipy.sparse as sp

                TfidfTransformer().fit_transform(sp.vstack(X))
                rss = client.run(max_rss_mb)
                return f"max worker RSS {max(rss.values()):.0f} MB"

            if not args.no_hashing:
                timed(
                    f"sklearn HashingVectorizer in map_partitions, {workers} worker(s)",
                    hashing,
                    rows,
                    base,
                )

    if args.spark:
        import textlens.spark as tls
        from pyspark.ml.feature import IDF, CountVectorizer, Tokenizer
        from pyspark.sql import SparkSession

        os.environ["PYSPARK_PYTHON"] = sys.executable
        for cores in (1, 2):
            spark = (
                SparkSession.builder.master(f"local[{cores}]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.memory", "3g")
                .getOrCreate()
            )
            spark.sparkContext.setLogLevel("ERROR")
            df = (
                spark.createDataFrame([(t,) for t in texts], "text string")
                .repartition(args.partitions)
                .cache()
            )
            df.count()
            jvm_peak(spark, reset=True)
            if args.no_dtm:
                if args.extras and cores == 2:
                    spark_dedup(spark, texts[: args.dedup_docs] * 2, rows)
                spark.stop()
                continue

            def run_spark(df=df, spark=spark, cores=cores):
                out, _ = tls.dtm(df, "tfidf")
                out.select("features").write.format("noop").mode("overwrite").save()
                workers = python_workers_peak(spark, cores)
                jvm = jvm_peak(spark, reset=True)
                return f"JVM peak RSS {jvm:.0f} MB, Python worker {workers:.0f} MB"

            timed(f"textlens.spark local[{cores}]: stats + dtm('tfidf')", run_spark, rows, base)

            def spark_ml(df=df, spark=spark):
                words = Tokenizer(inputCol="text", outputCol="words").transform(df)
                cv = CountVectorizer(inputCol="words", outputCol="tf").fit(words)
                tf = cv.transform(words)
                out = IDF(inputCol="tf", outputCol="features").fit(tf).transform(tf)
                out.select("features").write.format("noop").mode("overwrite").save()
                return f"JVM peak RSS {jvm_peak(spark, reset=True):.0f} MB"

            timed(f"Spark ML Tokenizer+CountVectorizer+IDF local[{cores}]", spark_ml, rows, base)
            if args.extras and cores == 2:
                spark_dedup(spark, texts[: args.dedup_docs] * 2, rows)
            spark.stop()


def spark_dedup(spark, doubled: list[str], rows: list) -> None:
    """textlens.spark.near_duplicates (both shuffles) beside Spark ML's MinHashLSH on
    5-word shingles (HashingTF, 9 hash tables, approxSimilarityJoin at Jaccard
    distance 0.2): the same question, Spark's own way."""
    import textlens.spark as tls
    from pyspark.ml.feature import HashingTF, MinHashLSH, NGram, Tokenizer
    from pyspark.sql import functions as F

    df = spark.createDataFrame([(i, t) for i, t in enumerate(doubled)], "id long, text string")
    df = df.repartition(8).cache()
    df.count()
    for shuffle in ("signatures", "ids"):
        timed(
            f"textlens.spark.near_duplicates(shuffle={shuffle!r}) local[2], {len(doubled)} texts",
            lambda shuffle=shuffle: f"{len(tls.near_duplicates(df, 0.8, shuffle=shuffle))} groups",
            rows,
        )

    def lsh():
        words = Tokenizer(inputCol="text", outputCol="words").transform(df)
        grams = NGram(n=5, inputCol="words", outputCol="grams").transform(words)
        tf = HashingTF(inputCol="grams", outputCol="tf", binary=True).transform(grams)
        tf = tf.where(F.size("grams") > 0)
        model = MinHashLSH(inputCol="tf", outputCol="hashes", numHashTables=9).fit(tf)
        pairs = model.approxSimilarityJoin(tf, tf, 0.2, distCol="d").where(
            "datasetA.id < datasetB.id"
        )
        return f"{pairs.count()} pairs"

    timed(f"Spark ML MinHashLSH approxSimilarityJoin local[2], {len(doubled)} texts", lsh, rows)


def extras(texts: list[str], args: argparse.Namespace, rows: list) -> None:
    import dask.bag as db
    import textlens.dask as tld
    from distributed import Client, LocalCluster

    sample = texts[: args.sim_docs]
    base = timed(
        f"single process: Corpus({len(sample)} texts).similarity(top_k=10)",
        lambda: textlens.Corpus(sample).similarity(top_k=10).nnz,
        rows,
    )
    doubled = texts[: args.dedup_docs] * 2
    bands, band_rows = textlens.lsh_params(0.8, num_perm=128)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        bag = db.from_sequence(sample, npartitions=8).persist()

        def sim(bag=bag, client=client):
            S = tld.similarity(bag, top_k=10).compute()
            rss = client.run(max_rss_mb)
            return f"{S.nnz} pairs, max worker RSS {max(rss.values()):.0f} MB"

        timed("textlens.dask.similarity(top_k=10), 2 workers, 8x8 blocks", sim, rows, base)
        bag = db.from_sequence(doubled, npartitions=args.partitions).persist()
        for shuffle in ("signatures", "ids"):
            per_record = 8 * band_rows + 16 + (8 * 128 if shuffle == "signatures" else 0)
            shuffled = len(doubled) * bands * per_record / 1e6

            def dedup(bag=bag, client=client, shuffle=shuffle, shuffled=shuffled):
                groups = tld.near_duplicates(bag, 0.8, shuffle=shuffle)
                rss = client.run(max_rss_mb)
                return (
                    f"{len(groups)} groups, ~{shuffled:.0f} MB shuffled, "
                    f"max worker RSS {max(rss.values()):.0f} MB"
                )

            timed(
                f"textlens.dask.near_duplicates(shuffle={shuffle!r}), 2 workers, "
                f"{len(doubled)} texts",
                dedup,
                rows,
            )


if __name__ == "__main__":
    main()
