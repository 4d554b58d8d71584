"""Tables from the columns the Rust core returns: a pandas DataFrame when pandas is
installed (the ``pandas`` extra), else a list of dicts, one per row."""

from __future__ import annotations

from typing import Any


def table(columns: dict[str, Any]) -> Any:
    """A ``pandas.DataFrame`` of ``columns`` (name → list or numpy array), or without
    pandas a list of row dicts with plain Python values.

    >>> rows = table({"term": ["a", "b"], "frequency": [2, 1]})
    >>> rows.to_dict("records") if hasattr(rows, "to_dict") else rows
    [{'term': 'a', 'frequency': 2}, {'term': 'b', 'frequency': 1}]
    """
    try:
        import pandas as pd
    except ImportError:
        return records(columns)
    return pd.DataFrame(columns)


def records(columns: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of ``columns`` as dicts of plain Python values (what :func:`table` returns
    without pandas).

    >>> records({"term": ["a"], "rank": [1]})
    [{'term': 'a', 'rank': 1}]
    """
    names = list(columns)
    values = [c.tolist() if hasattr(c, "tolist") else list(c) for c in columns.values()]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]
