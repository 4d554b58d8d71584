"""What a partition of a distributed corpus computes, the same for every engine.

A partition is a list of texts (a ``dask.bag`` partition, an iterator of Spark rows) or a
``pandas.DataFrame`` with a text column and metadata columns. Each helper here runs on a worker
and returns a small, picklable value (``CorpusStats``, a ``Corpus``, a sparse block) that
``textlens.dask`` and ``textlens.spark`` merge in a tree. The functions are module-level so
that engines ship them by reference: the textlens wheel is all a worker needs.
"""

from __future__ import annotations

import dataclasses
import json
import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

import textlens

_ERRORS = ("raise", "skip")


@dataclasses.dataclass(frozen=True)
class Settings:
    """The process-wide settings that change words, as the driver has them when a job is
    built (today: the MeCab dictionary of :func:`textlens.set_mecab_dictionary`), applied in
    each worker before it reads a partition, so that workers find the driver's words."""

    mecab: str | None

    @classmethod
    def here(cls) -> Settings:
        d = textlens.mecab_dictionary()
        return cls(None if d is None else str(d))

    def apply(self) -> None:
        want = None if self.mecab is None else Path(self.mecab)
        if textlens.mecab_dictionary() != want:
            textlens.set_mecab_dictionary(want)


@dataclasses.dataclass(frozen=True)
class InWorker:
    """``fn`` run after the driver's :class:`Settings` are applied (a picklable callable)."""

    fn: Callable[..., Any]
    settings: Settings

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.settings.apply()
        return self.fn(*args, **kwargs)


def in_worker(fn: Callable[..., Any]) -> InWorker:
    """``fn`` with the settings of this process (the driver) for the workers."""
    return InWorker(fn, Settings.here())


def check_errors(errors: str) -> None:
    if errors not in _ERRORS:
        raise textlens.InvalidOptionError(f"errors: {errors!r} is not one of 'raise', 'skip'")


def _text(value: Any) -> tuple[str | None, str | None]:
    """``(text, None)`` for a text (bytes decoded here, once), ``(None, why)`` for a value
    that is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, "missing text"
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8"), None
        except UnicodeDecodeError as e:
            return None, f"not valid UTF-8 ({e.reason} at byte {e.start})"
    if not isinstance(value, str):
        return None, f"expected str, got {type(value).__name__}"
    return value, None


def _values(part: Any, text: str) -> Iterable[tuple[Any, dict[str, Any]]]:
    """``(value, metadata)`` for each record of a partition."""
    rows: Iterable[tuple[Any, dict[str, Any]]]
    if hasattr(part, "columns"):  # pandas.DataFrame
        if text not in part.columns:
            raise textlens.InvalidOptionError(f"text: no column {text!r} in {list(part.columns)}")
        meta_cols = [c for c in part.columns if c != text]
        records = part[meta_cols].to_dict("records") if meta_cols else [{}] * len(part)
        rows = zip(part[text].tolist(), records, strict=True)
    elif hasattr(part, "tolist"):  # pandas.Series
        rows = ((t, {}) for t in part.tolist())
    else:
        rows = ((t, {}) for t in part)
    for value, meta in rows:
        if isinstance(value, dict):
            value, meta = value.get(text), {k: v for k, v in value.items() if k != text}
        yield value, meta


#: A record ``errors="skip"`` dropped: ``(partition, row, why)``.
Bad = tuple[int, int, str]


def read(
    part: Any, partition: int, *, text: str = "text", errors: str = "raise"
) -> tuple[list[textlens.Document], list[Bad]]:
    """The documents of one partition and the records ``errors="skip"`` dropped, in one
    pass (each text is decoded once). A partition is a list of str/bytes/Documents/dicts, a
    pandas Series, or a pandas DataFrame whose ``text`` column is the text and whose other
    columns become metadata (``id``, ``date``, ``source``, ``lang`` as those fields). A bad
    record (missing text, not UTF-8) raises :class:`textlens.RecordError` naming the
    partition and row, or is dropped with ``errors="skip"``."""
    out = []
    bad: list[Bad] = []
    for row, (value, meta) in enumerate(_values(part, text)):
        if isinstance(value, textlens.Document):
            out.append(value)
            continue
        got, why = _text(value)
        if got is None:
            if errors == "skip":
                bad.append((partition, row, why or ""))
                continue
            raise textlens.RecordError(f"partition {partition}, row {row}: {why}")
        out.append(_document(got, meta))
    return out, bad


def documents(
    part: Any, partition: int, *, text: str = "text", errors: str = "raise"
) -> list[textlens.Document]:
    """The documents of one partition, as :func:`read` finds them."""
    return read(part, partition, text=text, errors=errors)[0]


class SkippedRecordsWarning(UserWarning):
    """``errors="skip"`` dropped bad records: how many, and where the first ones were."""


def warn_skipped(count: int, where: Sequence[Bad] = ()) -> None:
    """Warns of ``count`` dropped records, naming the first three of ``where``."""
    if count:
        named = [f"partition {p}, row {r}: {why}" for p, r, why in where[:3]]
        first = "; ".join(named) + (" ..." if len(where) > 3 else "")
        warnings.warn(
            f"errors='skip': skipped {count} bad record(s)" + (f": {first}" if first else ""),
            SkippedRecordsWarning,
            stacklevel=3,
        )


def _document(value: str, meta: dict[str, Any]) -> textlens.Document:
    fields = {}
    for key in ("id", "date", "source", "lang"):
        v = meta.pop(key, None)
        if v is not None and not (isinstance(v, float) and math.isnan(v)):
            fields[key] = str(v)
    clean = {k: _plain(v) for k, v in meta.items()}
    return textlens.Document(value, meta=clean, **fields)


def _plain(v: Any) -> Any:
    """A JSON-friendly value (numpy scalars and timestamps to Python ones)."""
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def corpus(
    part: Any,
    partition: int,
    analyzer: textlens.Analyzer | None,
    text: str = "text",
    errors: str = "raise",
) -> tuple[textlens.Corpus, list[Bad]]:
    """The corpus of one partition, and the records ``errors="skip"`` dropped (as every
    partition function here: one pass, so engines count the dropped records without reading
    the partition again)."""
    docs, bad = read(part, partition, text=text, errors=errors)
    return textlens.Corpus(docs, analyzer=analyzer or textlens.Analyzer()), bad


def stats(
    part: Any,
    partition: int,
    analyzer: textlens.Analyzer | None,
    text: str = "text",
    errors: str = "raise",
) -> tuple[textlens.CorpusStats, list[Bad]]:
    """The statistics of one partition, and its dropped records."""
    c, bad = corpus(part, partition, analyzer, text, errors)
    return c.stats(), bad


def merge_all(items: Sequence[Any]) -> Any:
    """Left-to-right merge of consecutive partitions' corpora or stats."""
    acc = items[0]
    for item in items[1:]:
        acc = acc.merge(item)
    return acc


def signatures(
    texts: Sequence[str], *, num_perm: int, seed: int, shingle: int, unit: str
) -> np.ndarray:
    """MinHash signatures, one row per text (uint64); a text without shingles is a row of
    ``2**32 - 1``, which never becomes a candidate."""
    out = np.empty((len(texts), num_perm), dtype=np.uint64)
    for i, t in enumerate(texts):
        out[i] = textlens.minhash(
            t, num_perm=num_perm, seed=seed, shingle=shingle, unit=unit
        ).hashvalues
    return out


EMPTY = np.uint64(2**32 - 1)


def band_records(
    sigs: np.ndarray, first: int, bands: int, rows: int
) -> list[tuple[tuple[int, bytes], tuple[int, bytes]]]:
    """``((band, band bytes), (global row, signature bytes))`` for every band of every
    non-empty signature: what the band shuffle groups by its key."""
    out = []
    for i, sig in enumerate(sigs):
        if bool((sig == EMPTY).all()):
            continue
        whole = sig.tobytes()
        for b in range(bands):
            out.append(((b, sig[b * rows : (b + 1) * rows].tobytes()), (first + i, whole)))
    return out


def band_ids(
    sigs: np.ndarray, first: int, bands: int, rows: int
) -> list[tuple[tuple[int, bytes], int]]:
    """``((band, band bytes), global row)`` for every band of every non-empty signature:
    what the id-only band shuffle groups by its key (no signature travels)."""
    out = []
    for i, sig in enumerate(sigs):
        if bool((sig == EMPTY).all()):
            continue
        for b in range(bands):
            out.append(((b, sig[b * rows : (b + 1) * rows].tobytes()), first + i))
    return out


def bucket_pairs(members: Iterable[int]) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, of one LSH bucket: the candidates."""
    ids = sorted(set(members))
    return [(a, b) for k, a in enumerate(ids) for b in ids[k + 1 :]]


def verify_join(
    sigs_a: np.ndarray,
    first_a: int,
    sigs_b: np.ndarray,
    first_b: int,
    pairs: np.ndarray,
    threshold: float,
) -> list[tuple[int, int]]:
    """The candidate pairs (global rows, the first in block ``a``, the second in ``b``)
    whose signatures agree on at least ``threshold`` of their values, as
    :func:`verified_pairs` decides."""
    a = sigs_a[pairs[:, 0] - first_a]
    b = sigs_b[pairs[:, 1] - first_b]
    same = np.count_nonzero(a == b, axis=1)
    keep = [(same[k] / sigs_a.shape[1]) >= threshold for k in range(len(pairs))]
    return [(int(i), int(j)) for (i, j), k in zip(pairs.tolist(), keep, strict=True) if k]


def verified_pairs(members: Iterable[tuple[int, bytes]], threshold: float) -> list[tuple[int, int]]:
    """Pairs of one LSH bucket whose MinHash similarity reaches ``threshold`` (the share of
    equal values, as ``MinHash.jaccard`` computes it)."""
    members = sorted(set(members))
    sigs = [np.frombuffer(s, dtype=np.uint64) for _, s in members]
    out = []
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            same = int(np.count_nonzero(sigs[a] == sigs[b]))
            if same / len(sigs[a]) >= threshold:
                out.append((members[a][0], members[b][0]))
    return out


def components(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of at least two members, each sorted, sorted by first member
    (what ``textlens.near_duplicates`` returns)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def label(doc: textlens.Document, key: str) -> str | None:
    """A document's group label: a field (``source``, ``date``, ``lang``, ``id``) or a
    metadata key, as a str (None when missing)."""
    if key in ("source", "date", "lang", "id"):
        return getattr(doc, key)
    v = doc.meta.get(key)
    return None if v is None else str(v)


def group_stats(
    part: Any,
    partition: int,
    analyzer: textlens.Analyzer | None,
    text: str,
    errors: str,
    key: str | None,
) -> tuple[dict[str, textlens.CorpusStats], list[Bad]]:
    """Statistics per group label, groups in order of first appearance, and the dropped
    records."""
    docs, bad = read(part, partition, text=text, errors=errors)
    by: dict[str, list[textlens.Document]] = {}
    for row, d in enumerate(docs):
        g = "all" if key is None else label(d, key)
        if g is None:
            raise textlens.RecordError(f"partition {partition}, row {row}: no {key!r} label")
        by.setdefault(g, []).append(d)
    an = analyzer or textlens.Analyzer()
    return {g: textlens.Corpus(ds, analyzer=an).stats() for g, ds in by.items()}, bad


def merge_groups(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Left-to-right merge of per-group statistics (first appearance order kept)."""
    out = dict(items[0])
    for item in items[1:]:
        for g, s in item.items():
            out[g] = out[g].merge(s) if g in out else s
    return out


def frequency_table(groups: dict[str, textlens.CorpusStats], n: int | None) -> Any:
    """The table of ``Corpus.frequencies``: term, frequency, rank (ties share the lowest),
    docfreq, group; most frequent first, ties alphabetical."""
    import pandas as pd

    frames = []
    for g, s in groups.items():
        tf = np.asarray(s.term_counts)
        df = np.asarray(s.doc_frequencies)
        terms = np.asarray(s.terms, dtype=object)
        order = np.argsort(-tf, kind="stable")  # terms are sorted: ties stay alphabetical
        if n is not None:
            order = order[:n]
        ranked = np.sort(-tf)
        rank = np.searchsorted(ranked, -tf[order], side="left") + 1
        frames.append(
            pd.DataFrame(
                {
                    "term": terms[order],
                    "frequency": tf[order],
                    "rank": rank,
                    "docfreq": df[order],
                    "group": g,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def is_distance(metric: str) -> bool:
    """Whether smaller scores are closer (as ``Corpus.similarity`` parses the name)."""
    return metric.strip().lower().replace("-", "_") in ("euclidean", "manhattan")


def _total_order(v: np.ndarray) -> np.ndarray:
    """Integers that sort as ``f64::total_cmp`` sorts ``v`` (the transformation
    ``total_cmp`` makes; -0.0 before 0.0)."""
    bits = np.ascontiguousarray(v, dtype=np.float64).view(np.int64)
    return bits ^ ((bits >> 63).view(np.uint64) >> np.uint64(1)).view(np.int64)


def similarity_block(
    rows: textlens.Corpus,
    first_col: int,
    cols: textlens.Corpus,
    stats: textlens.CorpusStats,
    n_cols: int,
    options: dict[str, Any],
) -> sp.csr_matrix:
    """The kept pairs of one block of rows against one block of columns
    (:meth:`textlens.Corpus.similarity_in`), with global column numbers."""
    if len(rows) == 0 or len(cols) == 0:
        return sp.csr_matrix((len(rows), n_cols), dtype=np.float64)
    b = rows.similarity_in(stats, cols, **options)
    return sp.csr_matrix(
        (b.data, b.indices.astype(np.int64) + first_col, b.indptr), shape=(len(rows), n_cols)
    )


def best_of(blocks: Sequence[Any], top_k: int | None, distance: bool) -> sp.csr_matrix:
    """The kept pairs of a block of rows against every column, from its blocks' kept pairs
    (global columns): per row the ``top_k`` best of all of them, ties to the lower column,
    as ``Corpus.similarity`` keeps them (the k best of a row are among the k best of each of
    its blocks). Stored zeros are kept."""
    n_rows, n_cols = blocks[0].shape
    coo = [sp.coo_matrix(b) for b in blocks]
    r = np.concatenate([c.row.astype(np.int64) for c in coo])
    c = np.concatenate([c.col.astype(np.int64) for c in coo])
    v = np.concatenate([c.data.astype(np.float64) for c in coo])
    if top_k is not None and len(r):
        key = _total_order(v if distance else -v)
        order = np.lexsort((c, key, r))
        r, c, v = r[order], c[order], v[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r, side="left")
        keep = rank < top_k
        r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, r))
    r, c, v = r[order], c[order], v[order]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=n_rows))])
    return sp.csr_matrix((v, c, indptr), shape=(n_rows, n_cols))


def _with_documents(c: textlens.Corpus, edit: Callable[[list[dict]], list[dict]]) -> Any:
    """``c`` with its documents edited as JSON records (the counts are not touched)."""
    fn, (counts, docs, analyzer) = c.__reduce__()
    return fn(counts, json.dumps(edit(json.loads(docs))), analyzer)


def group_corpus(
    part: Any,
    partition: int,
    analyzer: textlens.Analyzer | None,
    text: str,
    errors: str,
    key: str,
    missing: str | None,
    texts: bool,
) -> tuple[textlens.Corpus | None, list[Bad]]:
    """``Corpus(part).group_by(key)`` (None for a partition without documents) and the
    dropped records; without ``texts`` the group documents have empty texts (keyness needs
    only the counts)."""
    docs, bad = read(part, partition, text=text, errors=errors)
    if not docs:
        return None, bad
    g = textlens.Corpus(docs, analyzer=analyzer or textlens.Analyzer()).group_by(
        key, missing=missing
    )
    if texts:
        return g, bad
    return _with_documents(g, lambda ds: [{**d, "text": ""} for d in ds]), bad


def regroup(items: Sequence[Any], sort: bool = False, texts: bool = True) -> Any:
    """Merge consecutive partitions' groups: groups with the same label (their ``id``)
    become one, their counts summed, texts joined by a blank line, ``n_documents`` summed;
    the result is what ``group_by`` of all their documents gives."""
    parts = [c for c in items if c is not None]
    if not parts:
        return None
    merged = merge_all(parts)
    sizes: dict[str, int] = {}
    for d in merged.documents:
        sizes[d.id] = sizes.get(d.id, 0) + int(d.meta["n_documents"])
    g = merged.group_by("id", sort=sort)

    def fix(ds: list[dict]) -> list[dict]:
        return [
            {**d, "meta": {**d["meta"], "n_documents": sizes[d["id"]]}}
            | ({} if texts else {"text": ""})
            for d in ds
        ]

    return _with_documents(g, fix)
