"""textlens on Dask: the corpus statistics, matrices and near-duplicates of one machine, from a
``dask.bag`` of texts or a ``dask.dataframe`` with a text column, identical bit for bit.

Install with ``pip install textlens[dask]``. Every function takes ``data``: a ``dask.bag.Bag``
of str (or bytes, dicts, :class:`textlens.Document`) or a ``dask.dataframe.DataFrame`` whose
``text`` column holds the texts and whose other columns become metadata. Partitions keep their
order; results are those of ``textlens.Corpus(all_texts)``.

How it runs: each partition is analyzed on a worker into a :class:`textlens.CorpusStats`
(terms, document frequencies, counts: memory grows with the vocabulary only), and the
statistics are merged in a tree of ``split_every`` children (the merge is associative, so the
shape of the tree does not change the result). The matrix is a second pass: the global
vocabulary and idf are broadcast, and each partition weighs its rows with them.

>>> import dask.bag as db, textlens, textlens.dask as tld
>>> texts = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow.", "Snow again."]
>>> bag = db.from_sequence(texts, npartitions=2)
>>> an = textlens.Analyzer("en")
>>> stats = tld.stats(bag, analyzer=an, scheduler="sync")
>>> stats.terms, stats.n_documents
(['back', 'call', 'moscow', 'putin', 'snow', 'xi'], 4)
>>> X, terms = tld.dtm(bag, "tfidf", analyzer=an, min_df=2, scheduler="sync")
>>> terms
['call', 'putin', 'snow', 'xi']
>>> whole = textlens.Corpus(texts, analyzer=an).trim(min_df=2).dtm("tfidf")
>>> bool((X.compute(scheduler="sync") != whole).nnz == 0)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

import textlens
from textlens import _partitions

try:
    import dask
    import dask.array as da
    import dask.bag as db
    from dask import delayed
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError(
        "textlens.dask needs Dask: pip install 'textlens[dask]' (dask[array,bag,dataframe])"
    ) from e

__all__ = [
    "corpus",
    "dtm",
    "frequencies",
    "hashing_dtm",
    "near_duplicates",
    "statistics",
    "stats",
]


def _delayed_partitions(data: Any) -> list[Any]:
    if isinstance(data, db.Bag):
        return list(data.to_delayed())
    to_delayed = getattr(data, "to_delayed", None)
    if to_delayed is None:
        raise TypeError(
            f"data must be a dask.bag.Bag or a dask.dataframe.DataFrame/Series, "
            f"not {type(data).__name__}"
        )
    return list(to_delayed())


def _tree(items: list[Any], split_every: int) -> Any:
    if split_every < 2:
        raise textlens.InvalidOptionError(f"split_every: must be >= 2, got {split_every}")
    while len(items) > 1:
        items = [
            delayed(_partitions.merge_all, pure=True)(items[i : i + split_every])
            for i in range(0, len(items), split_every)
        ]
    return items[0]


def _partition_values(
    data: Any,
    fn: Any,
    analyzer: textlens.Analyzer | None,
    text: str,
    errors: str,
) -> list[Any]:
    _partitions.check_errors(errors)
    analyzer = analyzer or textlens.Analyzer()
    return [
        delayed(fn, pure=True)(part, i, analyzer, text, errors)
        for i, part in enumerate(_delayed_partitions(data))
    ]


def stats(
    data: Any,
    *,
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
    split_every: int = 8,
    **compute: Any,
) -> textlens.CorpusStats:
    """Corpus statistics in one pass of map + tree reduce: ``Corpus(all).stats()``.

    Args:
        data: a dask Bag or DataFrame (see the module).
        analyzer: the :class:`textlens.Analyzer` (default ``Analyzer()``).
        text: the text column of a DataFrame (or key of dict records).
        errors: ``"raise"``: a missing or non-UTF-8 text raises
            :class:`textlens.RecordError` naming its partition and row; ``"skip"``: such
            records are dropped (``n_documents`` tells how many remain).
        split_every: children per merge in the reduce tree.
        compute: passed to ``dask.compute`` (``scheduler=...``).
    """
    parts = _partition_values(data, _partitions.stats, analyzer, text, errors)
    (result,) = dask.compute(_tree(parts, split_every), **compute)
    return result


def corpus(
    data: Any,
    *,
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
    split_every: int = 8,
    **compute: Any,
) -> textlens.Corpus:
    """The whole :class:`textlens.Corpus` (documents and counts), merged in a tree: for a
    collection whose counts fit on the client. Arguments as :func:`stats`."""
    parts = _partition_values(data, _partitions.corpus, analyzer, text, errors)
    (result,) = dask.compute(_tree(parts, split_every), **compute)
    return result


def _weigh(
    c: textlens.Corpus, glob: textlens.CorpusStats, weighting: str, kwargs: dict[str, Any]
) -> sp.csr_matrix:
    # csr_matrix: the sparse type dask.array concatenates.
    return sp.csr_matrix(c.dtm_in(glob, weighting, **kwargs))


def _stats_of(c: textlens.Corpus) -> textlens.CorpusStats:
    return c.stats()


def _rows_of(c: textlens.Corpus) -> int:
    return len(c)


def dtm(
    data: Any,
    weighting: str = "count",
    *,
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
    stats: textlens.CorpusStats | None = None,
    min_df: float | None = None,
    max_df: float | None = None,
    max_features: int | None = None,
    split_every: int = 8,
    persist: bool = True,
    scheduler: Any = None,
    **weighting_args: Any,
) -> tuple[da.Array, list[str]]:
    """The document-term matrix in any weighting, as a dask array of ``scipy.sparse``
    blocks (one per partition, global columns), and its terms.

    Equals ``Corpus(all).trim(min_df=..., max_df=..., max_features=...).dtm(weighting, ...)``
    bit for bit: the first pass counts each partition and merges their statistics in a tree
    (the merge is skipped when ``stats`` is given, e.g. from :func:`stats`), the statistics
    are trimmed with the global counts and broadcast, and the second pass weighs each
    partition's counts against them (:meth:`textlens.Corpus.dtm_in`).

    Args:
        weighting, weighting_args: as :meth:`textlens.Corpus.dtm` (``idf``, ``norm``,
            ``sublinear_tf``, ``k``, ``k1``, ``b``, ``base``).
        min_df, max_df, max_features: as :meth:`textlens.Corpus.trim`.
        persist: keep each partition's counts on its worker between the passes, so texts
            are analyzed once (their memory is that of the matrix itself); ``False``
            analyzes them again in the second pass and keeps nothing.
        scheduler: passed to the first pass's ``dask.compute``.
        Others: as :func:`stats`.
    """
    _partitions.check_errors(errors)
    analyzer = analyzer or textlens.Analyzer()
    compute = {} if scheduler is None else {"scheduler": scheduler}
    corpora = [
        delayed(_partitions.corpus, pure=True)(p, i, analyzer, text, errors)
        for i, p in enumerate(_delayed_partitions(data))
    ]
    if persist:
        corpora = list(dask.persist(*corpora, **compute))
    rows = [delayed(_rows_of, pure=True)(c) for c in corpora]
    if stats is None:
        counted = [delayed(_stats_of, pure=True)(c) for c in corpora]
        stats, n_rows = dask.compute(_tree(counted, split_every), rows, **compute)
    else:
        (n_rows,) = dask.compute(rows, **compute)
    if (min_df, max_df, max_features) != (None, None, None):
        stats = stats.trim(min_df=min_df, max_df=max_df, max_features=max_features)
    glob = delayed(stats, pure=True)
    blocks = [
        da.from_delayed(
            delayed(_weigh, pure=True)(c, glob, weighting, weighting_args),
            shape=(n, len(stats)),
            dtype=np.float64,
            meta=sp.csr_matrix((0, len(stats)), dtype=np.float64),
        )
        for c, n in zip(corpora, n_rows, strict=True)
    ]
    return da.concatenate(blocks, axis=0), stats.terms


def _hash_block(part: Any, partition: int, text: str, errors: str, params: dict) -> Any:
    from textlens.sklearn import HashingVectorizer

    docs = _partitions.documents(part, partition, text=text, errors=errors)
    return sp.csr_matrix(HashingVectorizer(**params).transform([d.text for d in docs]))


def hashing_dtm(data: Any, *, text: str = "text", errors: str = "raise", **params: Any) -> da.Array:
    """``textlens.sklearn.HashingVectorizer(**params).transform`` per partition, with no
    global pass (what dask-ml's ``HashingVectorizer`` users expect): a dask array of
    ``scipy.sparse`` blocks whose row counts are unknown until computed. No vocabulary is
    kept, so memory does not grow with the vocabulary; the price is collisions: two distinct
    terms share a column with probability ``1 / n_features``, so ``V`` terms make about
    ``V**2 / (2 * n_features)`` colliding pairs (1M terms in the default 2**20 columns: about
    half a million pairs; 2**24 columns: 30,000)."""
    _partitions.check_errors(errors)
    n_features = params.get("n_features", 2**20)
    return da.concatenate(
        [
            da.from_delayed(
                delayed(_hash_block, pure=True)(p, i, text, errors, params),
                shape=(np.nan, n_features),
                dtype=np.float64,
                meta=sp.csr_matrix((0, n_features), dtype=np.float64),
            )
            for i, p in enumerate(_delayed_partitions(data))
        ],
        axis=0,
        allow_unknown_chunksizes=True,
    )


def _signature_bands(
    part: Any,
    partition: int,
    text: str,
    errors: str,
    first: int,
    params: dict,
    lsh: tuple[int, int],
) -> list:
    bands, rows = lsh
    docs = _partitions.documents(part, partition, text=text, errors=errors)
    sigs = _partitions.signatures([d.text for d in docs], **params)
    return _partitions.band_records(sigs, first, bands, rows)


def near_duplicates(
    data: Any,
    threshold: float = 0.8,
    *,
    num_perm: int = 128,
    seed: int = 1,
    shingle: int = 5,
    unit: str = "word",
    weights: Sequence[float] = (0.1, 0.9),
    text: str = "text",
    errors: str = "raise",
    **compute: Any,
) -> list[list[int]]:
    """Groups of near-duplicate documents (global row numbers), as
    ``textlens.near_duplicates(all_texts, ...)`` with MinHash verification.

    Each partition signs its texts (MinHash) and emits one record per LSH band; a shuffle
    groups the records by band hash (the way text-dedup and datatrove deduplicate crawls);
    each bucket keeps the pairs whose signatures agree on at least ``threshold`` of their
    values; the client joins the pairs into groups. A bucket of ``m`` members costs ``m²/2``
    comparisons: boilerplate shared by many documents makes large buckets.
    """
    if not 0.0 < threshold <= 1.0:
        raise textlens.InvalidOptionError(f"threshold: must be in (0, 1], got {threshold}")
    bands, rows = textlens.lsh_params(threshold, num_perm=num_perm, weights=tuple(weights))
    _partitions.check_errors(errors)
    parts = _delayed_partitions(data)
    # Global row numbers need the partition sizes first (after skipping bad records).
    sizes = [
        delayed(lambda p, i: len(_partitions.documents(p, i, text=text, errors=errors)))(p, i)
        for i, p in enumerate(parts)
    ]
    (sizes,) = dask.compute(sizes, **compute)
    firsts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int).tolist()
    params = {"num_perm": num_perm, "seed": seed, "shingle": shingle, "unit": unit}
    records = db.from_delayed(
        [
            delayed(_signature_bands, pure=True)(p, i, text, errors, first, params, (bands, rows))
            for i, (p, first) in enumerate(zip(parts, firsts, strict=True))
        ]
    )
    buckets = records.groupby(lambda r: r[0], shuffle="tasks")
    pairs = buckets.map(
        lambda kv: _partitions.verified_pairs((m for _, m in kv[1]), threshold)
    ).flatten()
    (found,) = dask.compute(pairs.distinct(), **compute)
    return _partitions.components(found)


def frequencies(
    data: Any,
    *,
    groups: str | None = None,
    n: int | None = None,
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
    split_every: int = 8,
    **compute: Any,
) -> Any:
    """``Corpus(all).frequencies(groups=..., n=...)`` as a ``pandas.DataFrame``: statistics
    per group label (a column of a DataFrame: ``source``, ``date``, ``lang``, ``id`` or any
    other), merged in a tree, then ranked on the client. Groups come in order of first
    appearance; a document without a label raises :class:`textlens.RecordError`."""
    _partitions.check_errors(errors)
    analyzer = analyzer or textlens.Analyzer()
    parts = [
        delayed(_partitions.group_stats, pure=True)(p, i, analyzer, text, errors, groups)
        for i, p in enumerate(_delayed_partitions(data))
    ]
    while len(parts) > 1:
        parts = [
            delayed(_partitions.merge_groups, pure=True)(parts[i : i + split_every])
            for i in range(0, len(parts), split_every)
        ]
    (merged,) = dask.compute(parts[0], **compute)
    return _partitions.frequency_table(merged, n)


def _statistics_block(
    part: Any, partition: int, analyzer: textlens.Analyzer, text: str, errors: str
) -> Any:
    return _partitions.corpus(part, partition, analyzer, text, errors).statistics()


def statistics(
    data: Any,
    *,
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
) -> Any:
    """:meth:`textlens.Corpus.statistics` (one document profile per row: characters,
    words, sentences, syllables, ...) as a ``dask.dataframe.DataFrame``, one partition per
    input partition, no global state. The index is the document ids (an ``id`` column of a
    DataFrame; else each text's row within its partition)."""
    import dask.dataframe as dd

    _partitions.check_errors(errors)
    analyzer = analyzer or textlens.Analyzer()
    meta = textlens.Corpus(["x"], analyzer=analyzer).statistics().iloc[:0]
    return dd.from_delayed(
        [
            delayed(_statistics_block, pure=True)(p, i, analyzer, text, errors)
            for i, p in enumerate(_delayed_partitions(data))
        ],
        meta=meta,
        verify_meta=False,
    )
