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
from textlens._partitions import SkippedRecordsWarning

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
    "SkippedRecordsWarning",
    "corpus",
    "dtm",
    "frequencies",
    "group_by",
    "hashing_dtm",
    "keyness",
    "near_duplicates",
    "similarity",
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


def _split(pairs: list[Any]) -> tuple[list[Any], list[Any]]:
    """The results and the dropped records of the partition functions' ``(result, bad)``
    pairs: each partition is read once, the records ``errors="skip"`` dropped come with its
    result (for the client's :class:`SkippedRecordsWarning`)."""
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _warn(bad: list[list[_partitions.Bad]]) -> None:
    where = [w for b in bad for w in b]
    _partitions.warn_skipped(len(where), where)


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
    task = _partitions.in_worker(fn)
    return [
        delayed(task, pure=True)(part, i, analyzer, text, errors)
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
            records are dropped, and a ``SkippedRecordsWarning`` (a ``UserWarning``) on
            the client tells how many and where the first ones were.
        split_every: children per merge in the reduce tree.
        compute: passed to ``dask.compute`` (``scheduler=...``).
    """
    parts, skipped = _split(_partition_values(data, _partitions.stats, analyzer, text, errors))
    result, bad = dask.compute(_tree(parts, split_every), skipped, **compute)
    _warn(bad)
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
    parts, skipped = _split(_partition_values(data, _partitions.corpus, analyzer, text, errors))
    result, bad = dask.compute(_tree(parts, split_every), skipped, **compute)
    _warn(bad)
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


def _first_pass(
    data: Any,
    analyzer: textlens.Analyzer | None,
    text: str,
    errors: str,
    stats: textlens.CorpusStats | None,
    trim: tuple[float | None, float | None, int | None],
    split_every: int,
    persist: bool,
    compute: dict[str, Any],
) -> tuple[list[Any], list[int], textlens.CorpusStats]:
    """Each partition's corpus (persisted on its worker), its number of rows, and the
    global statistics, trimmed."""
    _partitions.check_errors(errors)
    analyzer = analyzer or textlens.Analyzer()
    task = _partitions.in_worker(_partitions.corpus)
    pairs = [
        delayed(task, pure=True)(p, i, analyzer, text, errors)
        for i, p in enumerate(_delayed_partitions(data))
    ]
    if persist:
        pairs = list(dask.persist(*pairs, **compute))
    corpora, skipped = _split(pairs)
    rows = [delayed(_rows_of, pure=True)(c) for c in corpora]
    if stats is None:
        counted = [delayed(_stats_of, pure=True)(c) for c in corpora]
        stats, n_rows, bad = dask.compute(_tree(counted, split_every), rows, skipped, **compute)
    else:
        n_rows, bad = dask.compute(rows, skipped, **compute)
    _warn(bad)
    min_df, max_df, max_features = trim
    if trim != (None, None, None):
        stats = stats.trim(min_df=min_df, max_df=max_df, max_features=max_features)
    return corpora, list(n_rows), stats


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
    compute = {} if scheduler is None else {"scheduler": scheduler}
    corpora, n_rows, stats = _first_pass(
        data,
        analyzer,
        text,
        errors,
        stats,
        (min_df, max_df, max_features),
        split_every,
        persist,
        compute,
    )
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


def _best_of(top_k: int | None, distance: bool, *blocks: Any) -> sp.csr_matrix:
    # Blocks as separate arguments: a list argument would drop the persisted corpora's
    # futures from the graph (dask 2026.8), and they would be released before compute.
    return _partitions.best_of(blocks, top_k, distance)


def similarity(
    data: Any,
    *,
    top_k: int | None = None,
    min_similarity: float | None = None,
    metric: str = "cosine",
    weighting: str = "auto",
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
    stats: textlens.CorpusStats | None = None,
    min_df: float | None = None,
    max_df: float | None = None,
    max_features: int | None = None,
    split_every: int = 8,
    scheduler: Any = None,
) -> da.Array:
    """Top-k similarity by row blocks: ``Corpus(all).trim(...).similarity(top_k=...,
    min_similarity=...)`` as a dask array of ``scipy.sparse`` blocks (one per partition,
    all documents as columns), equal bit for bit.

    The first pass is that of :func:`dtm` (counts persisted on the workers, statistics
    merged in a tree). Then every block of rows meets every block of columns
    (:meth:`textlens.Corpus.similarity_in`, weighted with the global statistics: the
    scores have the bits of the one-machine matrix) and keeps its ``top_k`` per row; the
    blocks of one row block are merged by keeping the ``top_k`` best again (ties to the
    lower column). ``p`` partitions make ``p²`` block pairs; a task holds two blocks of
    counts and one row of scores at a time, never the dense matrix.

    Args:
        top_k, min_similarity, metric, weighting: as :meth:`textlens.Corpus.similarity`
            (give ``top_k`` or ``min_similarity``).
        Others: as :func:`dtm`.

    Example:
        >>> import dask.bag as db, textlens, textlens.dask as tld
        >>> texts = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow.", "Snow."]
        >>> an = textlens.Analyzer("en")
        >>> S = tld.similarity(db.from_sequence(texts, npartitions=2), top_k=2, analyzer=an,
        ...                    scheduler="sync")
        >>> whole = textlens.Corpus(texts, analyzer=an).similarity(top_k=2)
        >>> bool((S.compute(scheduler="sync") != whole).nnz == 0)
        True
    """
    if top_k is None and min_similarity is None:
        raise textlens.InvalidOptionError(
            "top_k/min_similarity: give at least one (the dense matrix does not scale out)"
        )
    if top_k is not None and top_k < 1:
        raise textlens.InvalidOptionError(f"top_k: must be >= 1, got {top_k}")
    compute = {} if scheduler is None else {"scheduler": scheduler}
    corpora, n_rows, stats = _first_pass(
        data,
        analyzer,
        text,
        errors,
        stats,
        (min_df, max_df, max_features),
        split_every,
        True,
        compute,
    )
    n = sum(n_rows)
    firsts = np.concatenate([[0], np.cumsum(n_rows)[:-1]]).astype(int).tolist()
    glob = delayed(stats, pure=True)
    options = {
        "metric": metric,
        "weighting": weighting,
        "top_k": top_k,
        "min_similarity": min_similarity,
    }
    distance = _partitions.is_distance(metric)
    blocks = []
    for rows, n_i in zip(corpora, n_rows, strict=True):
        pairs = [
            delayed(_partitions.similarity_block, pure=True)(rows, first, cols, glob, n, options)
            for cols, first in zip(corpora, firsts, strict=True)
        ]
        while len(pairs) > 1:
            pairs = [
                delayed(_best_of, pure=True)(top_k, distance, *pairs[i : i + split_every])
                for i in range(0, len(pairs), split_every)
            ]
        blocks.append(
            da.from_delayed(
                pairs[0],
                shape=(n_i, n),
                dtype=np.float64,
                meta=sp.csr_matrix((0, n), dtype=np.float64),
            )
        )
    return da.concatenate(blocks, axis=0)


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
    task = _partitions.in_worker(_hash_block)
    return da.concatenate(
        [
            da.from_delayed(
                delayed(task, pure=True)(p, i, text, errors, params),
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


def _signature_block(part: Any, partition: int, text: str, errors: str, params: dict) -> Any:
    docs = _partitions.documents(part, partition, text=text, errors=errors)
    return _partitions.signatures([d.text for d in docs], **params)


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
    shuffle: str = "ids",
    **compute: Any,
) -> list[list[int]]:
    """Groups of near-duplicate documents (global row numbers), as
    ``textlens.near_duplicates(all_texts, ...)`` with MinHash verification.

    Each partition signs its texts (MinHash; the signatures stay persisted on its worker)
    and emits one ``(band hash, row)`` record per LSH band; a shuffle groups the records by
    band hash (the way text-dedup and datatrove deduplicate crawls); each bucket gives its
    candidate pairs (row numbers only), deduplicated across bands; the candidates come to
    the client (two integers each), go to the pair of partitions holding their
    signatures, and are kept when the signatures agree on at least ``threshold`` of their
    values; the client joins the pairs into groups. A bucket of ``m`` members makes
    ``m²/2`` candidates: boilerplate shared by many documents makes large buckets.

    Args:
        shuffle: ``"ids"`` (above), or ``"signatures"``: each band record carries the whole
            signature and each bucket verifies its own pairs (no join; a pair in several
            buckets is verified in each; measured in BENCHMARKS.md).
    """
    if not 0.0 < threshold <= 1.0:
        raise textlens.InvalidOptionError(f"threshold: must be in (0, 1], got {threshold}")
    if shuffle not in ("ids", "signatures"):
        raise textlens.InvalidOptionError(f"shuffle: {shuffle!r} is not one of 'ids', 'signatures'")
    bands, rows = textlens.lsh_params(threshold, num_perm=num_perm, weights=tuple(weights))
    _partitions.check_errors(errors)
    parts = _delayed_partitions(data)
    params = {"num_perm": num_perm, "seed": seed, "shingle": shingle, "unit": unit}
    if shuffle == "signatures":
        return _near_duplicates_signatures(
            parts, threshold, params, (bands, rows), text, errors, compute
        )
    task = _partitions.in_worker(_signature_block)
    sigs = list(
        dask.persist(
            *[delayed(task, pure=True)(p, i, text, errors, params) for i, p in enumerate(parts)],
            **compute,
        )
    )
    (sizes,) = dask.compute([delayed(len)(s) for s in sigs], **compute)
    firsts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    records = db.from_delayed(
        [
            delayed(_partitions.band_ids, pure=True)(s, int(f), bands, rows)
            for s, f in zip(sigs, firsts, strict=True)
        ]
    )
    buckets = records.groupby(lambda r: r[0], shuffle="tasks")
    candidates = buckets.map(lambda kv: _partitions.bucket_pairs(m for _, m in kv[1]))
    (found,) = dask.compute(candidates.flatten().distinct(), **compute)
    if not found:
        return []
    pairs = np.array(sorted(found), dtype=np.int64)
    # The partition of each row: the last whose first row is not after it.
    block_a = np.searchsorted(firsts, pairs[:, 0], side="right") - 1
    block_b = np.searchsorted(firsts, pairs[:, 1], side="right") - 1
    jobs = []
    for a, b in sorted(set(zip(block_a.tolist(), block_b.tolist(), strict=True))):
        mine = pairs[(block_a == a) & (block_b == b)]
        jobs.append(
            delayed(_partitions.verify_join, pure=True)(
                sigs[a], int(firsts[a]), sigs[b], int(firsts[b]), mine, threshold
            )
        )
    (verified,) = dask.compute(jobs, **compute)
    return _partitions.components(p for v in verified for p in v)


def _near_duplicates_signatures(
    parts: list[Any],
    threshold: float,
    params: dict,
    lsh: tuple[int, int],
    text: str,
    errors: str,
    compute: dict[str, Any],
) -> list[list[int]]:
    # Global row numbers need the partition sizes first (after skipping bad records).
    sizes = [
        delayed(lambda p, i: len(_partitions.documents(p, i, text=text, errors=errors)))(p, i)
        for i, p in enumerate(parts)
    ]
    (sizes,) = dask.compute(sizes, **compute)
    firsts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int).tolist()
    task = _partitions.in_worker(_signature_bands)
    records = db.from_delayed(
        [
            delayed(task, pure=True)(p, i, text, errors, first, params, lsh)
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
    task = _partitions.in_worker(_partitions.group_stats)
    parts, skipped = _split(
        [
            delayed(task, pure=True)(p, i, analyzer, text, errors, groups)
            for i, p in enumerate(_delayed_partitions(data))
        ]
    )
    while len(parts) > 1:
        parts = [
            delayed(_partitions.merge_groups, pure=True)(parts[i : i + split_every])
            for i in range(0, len(parts), split_every)
        ]
    merged, bad = dask.compute(parts[0], skipped, **compute)
    _warn(bad)
    return _partitions.frequency_table(merged, n)


def group_by(
    data: Any,
    key: str,
    *,
    sort: bool = False,
    missing: str | None = None,
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
    split_every: int = 8,
    **compute: Any,
) -> textlens.Corpus:
    """``Corpus(all).group_by(key, sort=..., missing=...)``: one document per group, its
    counts the sum of its members'. Each partition groups its own documents; the groups are
    merged in a tree (same label: counts summed, texts joined, ``n_documents`` summed). The
    result holds the groups' texts, i.e. every text: for a collection whose texts do not
    fit on the client, :func:`keyness` and :func:`frequencies` keep only counts.

    Args:
        key: a column of a DataFrame (``source``, ``date``, ``lang``, ``id`` or any
            other), as :meth:`textlens.Corpus.group_by`.
        Others: as :func:`stats`.

    Example:
        >>> import dask.bag as db, textlens, textlens.dask as tld
        >>> docs = [textlens.Document("Putin met Xi.", source="TASS"),
        ...         textlens.Document("Xi met Putin again.", source="ARD"),
        ...         textlens.Document("Putin praised Xi.", source="TASS")]
        >>> an = textlens.Analyzer("en")
        >>> g = tld.group_by(db.from_sequence(docs, npartitions=2), "source", analyzer=an,
        ...                  scheduler="sync")
        >>> [(d.id, d.meta["n_documents"]) for d in g.documents]
        [('TASS', 2), ('ARD', 1)]
        >>> g.dtm().toarray().tolist()
        [[1.0, 1.0, 2.0, 2.0], [1.0, 0.0, 1.0, 1.0]]
    """
    return _grouped(data, key, sort, missing, analyzer, text, errors, split_every, True, compute)


def _grouped(
    data: Any,
    key: str,
    sort: bool,
    missing: str | None,
    analyzer: textlens.Analyzer | None,
    text: str,
    errors: str,
    split_every: int,
    texts: bool,
    compute: dict[str, Any],
) -> textlens.Corpus:
    _partitions.check_errors(errors)
    if split_every < 2:
        raise textlens.InvalidOptionError(f"split_every: must be >= 2, got {split_every}")
    analyzer = analyzer or textlens.Analyzer()
    task = _partitions.in_worker(_partitions.group_corpus)
    parts, skipped = _split(
        [
            delayed(task, pure=True)(p, i, analyzer, text, errors, key, missing, texts)
            for i, p in enumerate(_delayed_partitions(data))
        ]
    )
    single = len(parts) == 1
    while len(parts) > 1:
        last = len(parts) <= split_every
        parts = [
            delayed(_partitions.regroup, pure=True)(
                parts[i : i + split_every], sort and last, texts
            )
            for i in range(0, len(parts), split_every)
        ]
    if single and sort:
        parts = [delayed(_partitions.regroup, pure=True)(parts, True, texts)]
    result, bad = dask.compute(parts[0], skipped, **compute)
    _warn(bad)
    if result is None:
        raise textlens.InvalidOptionError("data: has no documents to group")
    return result


def keyness(
    data: Any,
    target: str,
    *,
    groups: str,
    reference: str | dict[str, int] | None = None,
    measure: str = "chi2",
    correction: bool = True,
    prior_scale: float = 1.0,
    n: int | None = None,
    missing: str | None = None,
    analyzer: textlens.Analyzer | None = None,
    text: str = "text",
    errors: str = "raise",
    split_every: int = 8,
    **compute: Any,
) -> Any:
    """``Corpus(all).keyness(target, groups=..., reference=..., measure=...)`` with
    ``target`` (and ``reference``) group labels: the counts of every group are merged in a
    tree as in :func:`group_by` (without the texts: memory grows with groups times vocabulary),
    then the measure runs on the client. Arguments as
    :meth:`textlens.Corpus.keyness` and :func:`stats`.

    Example:
        >>> import dask.bag as db, textlens, textlens.dask as tld
        >>> docs = [textlens.Document("Kremlin says Kremlin talks.", source="TASS"),
        ...         textlens.Document("Peace talks in Berlin.", source="ARD"),
        ...         textlens.Document("The Kremlin spoke.", source="TASS"),
        ...         textlens.Document("Berlin weather.", source="ARD")]
        >>> k = tld.keyness(db.from_sequence(docs, npartitions=2), "TASS", groups="source",
        ...                 measure="g2", analyzer=textlens.Analyzer("en"), scheduler="sync")
        >>> k[["term", "sign", "n_target", "n_reference"]].values.tolist()[:2]
        [['kremlin', 1, 3, 0], ['say', 1, 1, 0]]
    """
    g = _grouped(data, groups, False, missing, analyzer, text, errors, split_every, False, compute)
    return g.keyness(
        target,
        reference=reference,
        groups="id",
        measure=measure,
        correction=correction,
        prior_scale=prior_scale,
        n=n,
    )


def _statistics_block(
    part: Any, partition: int, analyzer: textlens.Analyzer, text: str, errors: str
) -> Any:
    return _partitions.corpus(part, partition, analyzer, text, errors)[0].statistics()


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
    task = _partitions.in_worker(_statistics_block)
    return dd.from_delayed(
        [
            delayed(task, pure=True)(p, i, analyzer, text, errors)
            for i, p in enumerate(_delayed_partitions(data))
        ],
        meta=meta,
        verify_meta=False,
    )
