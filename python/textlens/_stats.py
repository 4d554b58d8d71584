"""Tables of per-document statistics with document ids as the index."""

from __future__ import annotations

from typing import Any


def frame(columns: dict[str, Any], ids: list[str]) -> Any:
    """A ``pandas.DataFrame`` of ``columns`` (name → list or numpy array) indexed by
    ``ids`` (named ``id``), or without pandas a list of row dicts of plain Python values
    whose first key is ``id``.

    >>> rows = frame({"words": [3, 5]}, ["a", "b"])
    >>> rows.to_dict("index") if hasattr(rows, "to_dict") else rows
    {'a': {'words': 3}, 'b': {'words': 5}}
    """
    try:
        import pandas as pd
    except ImportError:
        from textlens._tables import records

        return [{"id": i, **row} for i, row in zip(ids, records(columns), strict=True)]
    return pd.DataFrame(columns, index=pd.Index(ids, name="id"))
