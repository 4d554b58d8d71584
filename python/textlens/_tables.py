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


def labelled(matrix: Any, index: list[str], columns: list[str] | None) -> Any:
    """``matrix`` (numpy, scipy sparse: then sparse columns, or a list of row dicts) as a
    ``pandas.DataFrame`` with these labels (empty ``index`` or ``columns=None``:
    positions). Needs pandas (the ``pandas`` extra).

    >>> import numpy as np
    >>> labelled(np.eye(2), ["a", "b"], ["a", "b"]).loc["a", "b"]
    np.float64(0.0)
    """
    try:
        import pandas as pd
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "as_frame=True needs pandas: pip install 'textlens[pandas]' (or 'textlens[all]')",
            name=exc.name,
        ) from exc
    if hasattr(matrix, "tocoo"):  # scipy sparse: keep it sparse
        return pd.DataFrame.sparse.from_spmatrix(matrix, index=index or None, columns=columns)
    return pd.DataFrame(matrix, index=index or None, columns=columns)
