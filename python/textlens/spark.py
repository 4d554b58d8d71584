"""textlens on Spark: row functions through Arrow, corpus statistics by partition and tree
reduce, the matrix as rows of sparse vectors with global ids, and near-duplicates by band
hashes grouped in Spark, identical to one machine's results.

Install with ``pip install textlens[spark]``; the textlens wheel is the only thing the
executors need. Every function takes a PySpark ``DataFrame`` with a string column ``text``
(other columns are kept or become metadata; a binary column of UTF-8 works too). Bad
records (a null or non-UTF-8 text) raise
:class:`textlens.RecordError` naming the partition and row, or are skipped with
``errors="skip"``, and a :class:`SkippedRecordsWarning` on the driver tells how many (the
functions that run a job: ``stats``, ``dtm`` without ``stats=``, ``similarity``).

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
from textlens._partitions import SkippedRecordsWarning

try:
    import pandas as pd
    from pyspark import StorageLevel
    from pyspark.ml.linalg import SparseVector, VectorUDT
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError("textlens.spark needs PySpark: pip install 'textlens[spark]'") from e

__all__ = [
    "SkippedRecordsWarning",
    "analyze",
    "detect",
    "dtm",
    "group_by",
    "keyness",
    "minhash",
    "near_duplicates",
    "similarity",
    "stats",
]


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

    settings = _partitions.Settings.here()

    @F.pandas_udf(T.ArrayType(T.StringType()))
    def terms(s: pd.Series) -> pd.Series:
        settings.apply()
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

    settings = _partitions.Settings.here()

    @F.pandas_udf(T.ArrayType(T.LongType()))
    def sign(s: pd.Series) -> pd.Series:
        settings.apply()
        texts = s.fillna("").tolist()
        sigs = _partitions.signatures(
            texts, num_perm=num_perm, seed=seed, shingle=shingle, unit=unit
        )
        return pd.Series([row.astype(np.int64).tolist() for row in sigs], index=s.index)

    return df.withColumn(output, sign(F.col(text)))


def _partition_stats(analyzer: textlens.Analyzer, text: str, errors: str, skipped: Any) -> Any:
    settings = _partitions.Settings.here()

    def run(i: int, rows: Iterator[Any]) -> Iterator[textlens.CorpusStats]:
        settings.apply()
        s, bad = _partitions.stats(_rows_texts(rows, text), i, analyzer, text, errors)
        _count_bad(bad, skipped)
        yield s

    return run


def _count_bad(bad: list[_partitions.Bad], skipped: Any) -> None:
    """Adds the records ``errors="skip"`` dropped (found in the partition's one pass) to
    the accumulator ``skipped``."""
    if bad:
        skipped.add(len(bad))


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
    skipped = df.sparkSession.sparkContext.accumulator(0)
    rdd = df.select(text).rdd.mapPartitionsWithIndex(_partition_stats(an, text, errors, skipped))
    out = rdd.treeReduce(lambda a, b: a.merge(b), depth=depth)
    _partitions.warn_skipped(skipped.value)
    return out


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
    take. Each partition is analyzed once: its rows and counts are persisted
    (``MEMORY_AND_DISK``, released with the returned DataFrame) while their statistics are
    merged by ``treeReduce`` (skipped when ``stats`` is given); the statistics are trimmed
    and broadcast, and each partition weighs its counts with them
    (:meth:`textlens.Corpus.dtm_in`). With ``errors="skip"`` rows with a null or
    non-UTF-8 text are dropped."""
    _partitions.check_errors(errors)
    an = analyzer or textlens.Analyzer()

    skipped = df.sparkSession.sparkContext.accumulator(0)

    settings = _partitions.Settings.here()

    def count(i: int, rows: Iterator[Any]) -> Iterator[tuple[list, textlens.Corpus]]:
        settings.apply()
        rows = list(rows)
        c, bad = _partitions.corpus(_rows_texts(iter(rows), text), i, an, text, errors)
        _count_bad(bad, skipped)
        if bad:
            dropped = {row for _, row, _ in bad}
            rows = [r for k, r in enumerate(rows) if k not in dropped]
        yield rows, c

    parts = df.rdd.mapPartitionsWithIndex(count)
    if stats is None:
        parts = parts.persist(StorageLevel.MEMORY_AND_DISK)
        stats = parts.map(lambda rc: rc[1].stats()).treeReduce(lambda a, b: a.merge(b), depth=2)
        _partitions.warn_skipped(skipped.value)
    if (min_df, max_df, max_features) != (None, None, None):
        stats = stats.trim(min_df=min_df, max_df=max_df, max_features=max_features)
    glob = df.sparkSession.sparkContext.broadcast(stats)
    n_terms = len(stats)

    def weigh(rc: tuple[list, textlens.Corpus]) -> Iterator[tuple]:
        rows, c = rc
        m = c.dtm_in(glob.value, weighting, **weighting_args)
        for k, row in enumerate(rows):
            a, b = m.indptr[k], m.indptr[k + 1]
            vec = SparseVector(n_terms, m.indices[a:b].tolist(), m.data[a:b].tolist())
            yield (*row, vec)

    schema = T.StructType([*df.schema.fields, T.StructField(output, VectorUDT(), False)])
    out = df.sparkSession.createDataFrame(parts.flatMap(weigh), schema)
    return out, stats.terms


def similarity(
    df: DataFrame,
    *,
    top_k: int | None = None,
    min_similarity: float | None = None,
    metric: str = "cosine",
    weighting: str = "auto",
    text: str = "text",
    analyzer: textlens.Analyzer | None = None,
    errors: str = "raise",
    stats: textlens.CorpusStats | None = None,
    min_df: float | None = None,
    max_df: float | None = None,
    max_features: int | None = None,
) -> DataFrame:
    """Top-k similarity by blocks: a DataFrame ``row long, neighbors array<long>, scores
    array<double>``, one row per row of ``df`` (row numbers in ``df``'s order), holding the
    kept columns and scores of ``Corpus(all).trim(...).similarity(top_k=...,
    min_similarity=...)``, bit for bit.

    Each partition is analyzed once (persisted); the statistics are merged by
    ``treeReduce`` and broadcast; ``cartesian`` pairs every block of rows with every block
    of columns (:meth:`textlens.Corpus.similarity_in`: both weighted with the global
    statistics) and ``reduceByKey`` keeps the ``top_k`` best per row (ties to the lower
    column). ``p`` partitions make ``p²`` block pairs.

    Args:
        top_k, min_similarity, metric, weighting: as :meth:`textlens.Corpus.similarity`
            (give ``top_k`` or ``min_similarity``).
        Others: as :func:`dtm`.
    """
    if top_k is None and min_similarity is None:
        raise textlens.InvalidOptionError(
            "top_k/min_similarity: give at least one (the dense matrix does not scale out)"
        )
    if top_k is not None and top_k < 1:
        raise textlens.InvalidOptionError(f"top_k: must be >= 1, got {top_k}")
    _partitions.check_errors(errors)
    an = analyzer or textlens.Analyzer()
    sc = df.sparkSession.sparkContext

    skipped = sc.accumulator(0)

    settings = _partitions.Settings.here()

    def count(i: int, rows: Iterator[Any]) -> Iterator[tuple[int, textlens.Corpus]]:
        settings.apply()
        c, bad = _partitions.corpus(_rows_texts(rows, text), i, an, text, errors)
        _count_bad(bad, skipped)
        yield i, c

    corpora = (
        df.select(text).rdd.mapPartitionsWithIndex(count).persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        sizes = dict(corpora.map(lambda ic: (ic[0], len(ic[1]))).collect())
        _partitions.warn_skipped(skipped.value)
        if stats is None:
            stats = corpora.map(lambda ic: ic[1].stats()).treeReduce(
                lambda a, b: a.merge(b), depth=2
            )
        if (min_df, max_df, max_features) != (None, None, None):
            stats = stats.trim(min_df=min_df, max_df=max_df, max_features=max_features)
        order = sorted(sizes)
        starts = np.cumsum([0] + [sizes[i] for i in order])[:-1].tolist()
        firsts = dict(zip(order, starts, strict=True))
        n = sum(sizes.values())
        glob = sc.broadcast(stats)
        options = {
            "metric": metric,
            "weighting": weighting,
            "top_k": top_k,
            "min_similarity": min_similarity,
        }
        distance = _partitions.is_distance(metric)

        def block(pair: tuple) -> tuple[int, Any]:
            (i, rows), (j, cols) = pair
            return i, _partitions.similarity_block(rows, firsts[j], cols, glob.value, n, options)

        def neighbours(item: tuple[int, Any]) -> Iterator[tuple]:
            i, m = item
            for r in range(m.shape[0]):
                a, b = m.indptr[r], m.indptr[r + 1]
                yield firsts[i] + r, m.indices[a:b].tolist(), m.data[a:b].tolist()

        best = (
            corpora.cartesian(corpora)
            .map(block)
            .reduceByKey(lambda x, y: _partitions.best_of([x, y], top_k, distance))
            .flatMap(neighbours)
        )
        schema = "row long, neighbors array<long>, scores array<double>"
        return df.sparkSession.createDataFrame(best, schema)
    except BaseException:
        corpora.unpersist()
        raise


def _groups(
    df: DataFrame,
    key: str,
    sort: bool,
    missing: str | None,
    analyzer: textlens.Analyzer | None,
    text: str,
    errors: str,
    texts: bool,
) -> textlens.Corpus:
    _partitions.check_errors(errors)
    an = analyzer or textlens.Analyzer()

    settings = _partitions.Settings.here()

    def run(i: int, rows: Iterator[Any]) -> Iterator[tuple[int, Any]]:
        settings.apply()
        records = [r.asDict() for r in rows]
        yield i, _partitions.group_corpus(records, i, an, text, errors, key, missing, texts)[0]

    found = sorted(df.rdd.mapPartitionsWithIndex(run).collect(), key=lambda ic: ic[0])
    parts = [c for _, c in found]
    while len(parts) > 1:  # a tree on the driver: each merge costs the vocabulary
        parts = [
            _partitions.regroup(parts[i : i + 8], False, texts) for i in range(0, len(parts), 8)
        ]
    result = _partitions.regroup(parts, sort, texts)
    if result is None:
        raise textlens.InvalidOptionError("df: has no documents to group")
    return result


def group_by(
    df: DataFrame,
    key: str,
    *,
    sort: bool = False,
    missing: str | None = None,
    text: str = "text",
    analyzer: textlens.Analyzer | None = None,
    errors: str = "raise",
) -> textlens.Corpus:
    """``Corpus(all).group_by(key, ...)`` where ``key`` is a column of ``df`` (``source``,
    ``date``, ``lang``, ``id`` or any other): each partition groups its rows, the driver
    merges the partitions' groups in order (same label: counts summed, texts joined). The
    result holds every text; :func:`keyness` keeps only counts."""
    return _groups(df, key, sort, missing, analyzer, text, errors, True)


def keyness(
    df: DataFrame,
    target: str,
    *,
    groups: str,
    reference: str | dict[str, int] | None = None,
    measure: str = "chi2",
    correction: bool = True,
    prior_scale: float = 1.0,
    n: int | None = None,
    missing: str | None = None,
    text: str = "text",
    analyzer: textlens.Analyzer | None = None,
    errors: str = "raise",
) -> Any:
    """``Corpus(all).keyness(target, groups=..., ...)`` with group labels, from the groups'
    counts as in :func:`group_by` (without texts). Arguments as
    :meth:`textlens.Corpus.keyness`."""
    g = _groups(df, groups, False, missing, analyzer, text, errors, False)
    return g.keyness(
        target,
        reference=reference,
        groups="id",
        measure=measure,
        correction=correction,
        prior_scale=prior_scale,
        n=n,
    )


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
    shuffle: str = "ids",
) -> list[list[int]]:
    """Groups of near-duplicate rows (row numbers in ``df``'s order), as
    ``textlens.near_duplicates(all_texts, ...)`` with MinHash verification: signatures per
    partition (persisted), one ``(band hash, row)`` record per LSH band, grouped by band
    hash (the way text-dedup and datatrove deduplicate crawls); each bucket gives its
    candidate pairs (row numbers only), deduplicated across bands, joined by row with the
    signatures and kept when they agree on at least ``threshold`` of their values; groups on
    the driver. Null texts have no shingles and are never duplicates.

    Args:
        shuffle: ``"ids"`` (above), or ``"signatures"``: each band record carries the whole
            signature and each bucket verifies its own pairs (no join).
    """
    if not 0.0 < threshold <= 1.0:
        raise textlens.InvalidOptionError(f"threshold: must be in (0, 1], got {threshold}")
    if shuffle not in ("ids", "signatures"):
        raise textlens.InvalidOptionError(f"shuffle: {shuffle!r} is not one of 'ids', 'signatures'")
    bands, rows = textlens.lsh_params(threshold, num_perm=num_perm, weights=tuple(weights))
    params = {"num_perm": num_perm, "seed": seed, "shingle": shingle, "unit": unit}
    indexed = df.select(text).rdd.map(lambda r: r[0]).zipWithIndex()
    if shuffle == "signatures":
        return _near_duplicates_signatures(df, indexed, threshold, params, bands, rows)

    settings = _partitions.Settings.here()

    def sign(part: Iterator[tuple[Any, int]]) -> Iterator[tuple[int, np.ndarray]]:
        settings.apply()
        part = list(part)
        texts = [t if isinstance(t, str) else "" for t, _ in part]
        sigs = _partitions.signatures(texts, **params)
        for (_, row), sig in zip(part, sigs, strict=True):
            if not bool((sig == _partitions.EMPTY).all()):
                yield row, sig

    def band(item: tuple[int, np.ndarray]) -> Iterator[tuple[tuple[int, bytes], int]]:
        row, sig = item
        for b in range(bands):
            yield (b, sig[b * rows : (b + 1) * rows].tobytes()), row

    def agree(item: tuple) -> bool:
        _, ((_, sig_a), sig_b) = item
        return int(np.count_nonzero(sig_a == sig_b)) / len(sig_a) >= threshold

    sigs = indexed.mapPartitions(sign).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        candidates = (
            sigs.flatMap(band)
            .groupByKey()
            .flatMap(lambda kv: _partitions.bucket_pairs(kv[1]))
            .distinct()
        )
        # The id-only join: each candidate meets its two signatures where they live.
        pairs = (
            candidates.join(sigs)  # (i, (j, sig_i))
            .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
            .join(sigs)  # (j, ((i, sig_i), sig_j))
            .filter(agree)
            .map(lambda kv: (kv[1][0][0], kv[0]))
            .collect()
        )
    finally:
        sigs.unpersist()
    return _partitions.components(pairs)


def _near_duplicates_signatures(
    df: DataFrame, indexed: Any, threshold: float, params: dict, bands: int, rows: int
) -> list[list[int]]:
    settings = _partitions.Settings.here()

    def sign(part: Iterator[tuple[Any, int]]) -> Iterator[tuple]:
        settings.apply()
        part = list(part)
        texts = [t if isinstance(t, str) else "" for t, _ in part]
        sigs = _partitions.signatures(texts, **params)
        for (band, key), (row, sig) in _partitions.band_records(sigs, 0, bands, rows):
            yield (band, key, part[row][1], sig)

    records = indexed.mapPartitions(sign)
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
