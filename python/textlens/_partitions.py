"""What a partition of a distributed corpus computes, the same for every engine.

A partition is a list of texts (a ``dask.bag`` partition, an iterator of Spark rows) or a
``pandas.DataFrame`` with a text column and metadata columns. Each helper here runs on a worker
and returns a small, picklable value (``CorpusStats``, a ``Corpus``, a sparse block) that
``textlens.dask`` and ``textlens.spark`` merge in a tree. The functions are module-level so
that engines ship them by reference: the textlens wheel is all a worker needs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

import textlens

_ERRORS = ("raise", "skip")


def check_errors(errors: str) -> None:
    if errors not in _ERRORS:
        raise textlens.InvalidOptionError(f"errors: {errors!r} is not one of 'raise', 'skip'")


def _bad(value: Any) -> str | None:
    """Why a value is no text, or None when it is one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "missing text"
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError as e:
            return f"not valid UTF-8 ({e.reason} at byte {e.start})"
        return None
    if not isinstance(value, str):
        return f"expected str, got {type(value).__name__}"
    return None


def documents(
    part: Any, partition: int, *, text: str = "text", errors: str = "raise"
) -> list[textlens.Document]:
    """The documents of one partition: a list of str/bytes/Documents/dicts, a pandas Series,
    or a pandas DataFrame whose ``text`` column is the text and whose other columns become
    metadata (``id``, ``date``, ``source``, ``lang`` as those fields). A bad record (missing
    text, not UTF-8) raises :class:`textlens.RecordError` naming the partition and row, or is
    dropped with ``errors="skip"``."""
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
    out = []
    for row, (value, meta) in enumerate(rows):
        if isinstance(value, textlens.Document):
            out.append(value)
            continue
        if isinstance(value, dict):
            value, meta = value.get(text), {k: v for k, v in value.items() if k != text}
        why = _bad(value)
        if why is not None:
            if errors == "skip":
                continue
            raise textlens.RecordError(f"partition {partition}, row {row}: {why}")
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        out.append(_document(value, meta))
    return out


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
) -> textlens.Corpus:
    """The corpus of one partition."""
    docs = documents(part, partition, text=text, errors=errors)
    return textlens.Corpus(docs, analyzer=analyzer or textlens.Analyzer())


def stats(
    part: Any,
    partition: int,
    analyzer: textlens.Analyzer | None,
    text: str = "text",
    errors: str = "raise",
) -> textlens.CorpusStats:
    """The statistics of one partition."""
    return corpus(part, partition, analyzer, text, errors).stats()


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
) -> dict[str, textlens.CorpusStats]:
    """Statistics per group label, groups in order of first appearance."""
    docs = documents(part, partition, text=text, errors=errors)
    by: dict[str, list[textlens.Document]] = {}
    for row, d in enumerate(docs):
        g = "all" if key is None else label(d, key)
        if g is None:
            raise textlens.RecordError(f"partition {partition}, row {row}: no {key!r} label")
        by.setdefault(g, []).append(d)
    an = analyzer or textlens.Analyzer()
    return {g: textlens.Corpus(ds, analyzer=an).stats() for g, ds in by.items()}


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
