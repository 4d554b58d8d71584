"""textlens on Spark: row functions through Arrow, corpus statistics by partition and tree
reduce, the matrix as rows of sparse vectors with global ids, and near-duplicates by band
hashes grouped in Spark, identical to one machine's results.

Install with ``pip install textlens[spark]``; the textlens wheel is the only thing the
executors need. Every function takes a PySpark ``DataFrame`` with a string column ``text``
(other columns are kept or become metadata). Bad records (a null text) raise
:class:`textlens.RecordError` naming the partition and row, or are skipped with
``errors="skip"``.

Example (not run here: it needs a Spark session)::

    import textlens, textlens.spark as tls
    stats = tls.stats(df, analyzer=textlens.Analyzer("en"))          # CorpusStats
    vectors, terms = tls.dtm(df, "tfidf", min_df=2)                 # + a "features" column
    groups = tls.near_duplicates(df, 0.8)                           # row numbers
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

import textlens
from textlens import _partitions

try:
    import pandas as pd
    from pyspark.ml.linalg import SparseVector, VectorUDT
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError("textlens.spark needs PySpark: pip install 'textlens[spark]'") from e

__all__ = ["analyze", "detect", "dtm", "minhash", "near_duplicates", "stats"]


def _rows_texts(rows: Iterator[Any], text: str) -> list[Any]:
    return [r[text] for r in rows]


def analyze(
    df: DataFrame,
    *,
    text: str = "text",
    analyzer: textlens.Analyzer | None = None,
    output: str = "terms",
) -> DataFrame:
    """``df`` with a column ``output`` of ``array<string>``: each text's terms
    (:meth:`textlens.Analyzer.analyze_many`, through a ``pandas_udf`` on Arrow batches).
    A null text gives null."""
    an = analyzer or textlens.Analyzer()

    @F.pandas_udf(T.ArrayType(T.StringType()))
    def terms(s: pd.Series) -> pd.Series:
        ok = s.notna()
        out = pd.Series([None] * len(s), index=s.index, dtype=object)
        out[ok] = pd.Series(an.analyze_many(s[ok].tolist()), index=s[ok].index, dtype=object)
        return out

    return df.withColumn(output, terms(F.col(text)))


def detect(df: DataFrame, *, text: str = "text", output: str = "lang") -> DataFrame:
    """``df`` with a column ``output``: the detected language code of each text
    (:func:`textlens.detect`), null when none is found or the text is null."""

    @F.pandas_udf(T.StringType())
    def lang(s: pd.Series) -> pd.Series:
        def one(t: Any) -> str | None:
            if not isinstance(t, str):
                return None
            d = textlens.detect(t)
            return None if d is None else d.lang

        return s.map(one)

    return df.withColumn(output, lang(F.col(text)))


def minhash(
    df: DataFrame,
    *,
    text: str = "text",
    output: str = "minhash",
    num_perm: int = 128,
    seed: int = 1,
    shingle: int = 5,
    unit: str = "word",
) -> DataFrame:
    """``df`` with a column ``output`` of ``array<long>``: each text's MinHash signature
    (:func:`textlens.minhash`)."""

    @F.pandas_udf(T.ArrayType(T.LongType()))
    def sign(s: pd.Series) -> pd.Series:
        texts = s.fillna("").tolist()
        sigs = _partitions.signatures(
            texts, num_perm=num_perm, seed=seed, shingle=shingle, unit=unit
        )
        return pd.Series([row.astype(np.int64).tolist() for row in sigs], index=s.index)

    return df.withColumn(output, sign(F.col(text)))


def _partition_stats(analyzer: textlens.Analyzer, text: str, errors: str) -> Any:
    def run(i: int, rows: Iterator[Any]) -> Iterator[textlens.CorpusStats]:
        yield _partitions.stats(_rows_texts(rows, text), i, analyzer, text, errors)

    return run


def stats(
    df: DataFrame,
    *,
    text: str = "text",
    analyzer: textlens.Analyzer | None = None,
    errors: str = "raise",
    depth: int = 2,
) -> textlens.CorpusStats:
    """Corpus statistics: each partition's :class:`textlens.CorpusStats`, merged by
    ``treeReduce`` (the merge is associative and commutative, so Spark's order of merges
    does not matter): equal to ``Corpus(all).stats()``."""
    _partitions.check_errors(errors)
    an = analyzer or textlens.Analyzer()
    rdd = df.select(text).rdd.mapPartitionsWithIndex(_partition_stats(an, text, errors))
    return rdd.treeReduce(lambda a, b: a.merge(b), depth=depth)


_corpus_stats = stats


def dtm(
    df: DataFrame,
    weighting: str = "count",
    *,
    text: str = "text",
    analyzer: textlens.Analyzer | None = None,
    errors: str = "raise",
    stats: textlens.CorpusStats | None = None,
    min_df: float | None = None,
    max_df: float | None = None,
    max_features: int | None = None,
    output: str = "features",
    **weighting_args: Any,
) -> tuple[DataFrame, list[str]]:
    """``df`` with a column ``output`` of Spark ML ``SparseVector`` (global term ids), and the
    terms: row for row ``Corpus(all).trim(...).dtm(weighting, ...)``, what Spark ML models
    take. The global statistics (computed by :func:`stats` unless given) are broadcast and
    each partition weighs its rows with them (:meth:`textlens.Corpus.dtm_in`). With
    ``errors="skip"`` rows with a null text are dropped."""
    _partitions.check_errors(errors)
    an = analyzer or textlens.Analyzer()
    if stats is None:
        stats = _corpus_stats(df, text=text, analyzer=an, errors=errors)
    if (min_df, max_df, max_features) != (None, None, None):
        stats = stats.trim(min_df=min_df, max_df=max_df, max_features=max_features)
    glob = df.sparkSession.sparkContext.broadcast(stats)
    n_terms = len(stats)

    def run(i: int, rows: Iterator[Any]) -> Iterator[tuple]:
        rows = list(rows)
        if errors == "skip":
            rows = [r for r in rows if isinstance(r[text], str)]
        c = _partitions.corpus(_rows_texts(iter(rows), text), i, an, text, errors)
        m = c.dtm_in(glob.value, weighting, **weighting_args)
        for k, row in enumerate(rows):
            a, b = m.indptr[k], m.indptr[k + 1]
            vec = SparseVector(n_terms, m.indices[a:b].tolist(), m.data[a:b].tolist())
            yield (*row, vec)

    schema = T.StructType([*df.schema.fields, T.StructField(output, VectorUDT(), False)])
    out = df.sparkSession.createDataFrame(df.rdd.mapPartitionsWithIndex(run), schema)
    return out, stats.terms


def near_duplicates(
    df: DataFrame,
    threshold: float = 0.8,
    *,
    text: str = "text",
    num_perm: int = 128,
    seed: int = 1,
    shingle: int = 5,
    unit: str = "word",
    weights: Sequence[float] = (0.1, 0.9),
) -> list[list[int]]:
    """Groups of near-duplicate rows (row numbers in ``df``'s order), as
    ``textlens.near_duplicates(all_texts, ...)`` with MinHash verification: signatures per
    partition, one record per LSH band, ``groupBy`` on the band hash (the way text-dedup and
    datatrove deduplicate crawls), MinHash verification per bucket, groups on the driver.
    Null texts have no shingles and are never duplicates."""
    if not 0.0 < threshold <= 1.0:
        raise textlens.InvalidOptionError(f"threshold: must be in (0, 1], got {threshold}")
    bands, rows = textlens.lsh_params(threshold, num_perm=num_perm, weights=tuple(weights))
    params = {"num_perm": num_perm, "seed": seed, "shingle": shingle, "unit": unit}

    def sign(part: Iterator[tuple[Any, int]]) -> Iterator[tuple]:
        part = list(part)
        texts = [t if isinstance(t, str) else "" for t, _ in part]
        sigs = _partitions.signatures(texts, **params)
        for (band, key), (row, sig) in _partitions.band_records(sigs, 0, bands, rows):
            yield (band, key, part[row][1], sig)

    records = df.select(text).rdd.map(lambda r: r[0]).zipWithIndex().mapPartitions(sign)
    schema = "band int, key binary, row long, sig binary"
    buckets = (
        df.sparkSession.createDataFrame(records, schema)
        .groupBy("band", "key")
        .agg(F.collect_list(F.struct("row", "sig")).alias("members"))
        .where(F.size("members") > 1)
    )
    pairs = (
        buckets.rdd.flatMap(
            lambda b: _partitions.verified_pairs(
                ((m["row"], bytes(m["sig"])) for m in b["members"]), threshold
            )
        )
        .distinct()
        .collect()
    )
    return _partitions.components(pairs)
