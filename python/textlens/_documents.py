"""Turning paths, lists and pandas objects into Documents."""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from textlens._textlens import Document, _read_path

_FIELDS = ("id", "date", "source", "lang")

# The files a folder's articles are read from (textlens::ARTICLE_EXTENSIONS in Rust).
ARTICLE_EXTENSIONS = (".txt", ".text", ".md", ".jsonl", ".ndjson")


def _warn_skipped(folder: str) -> None:
    """Warn, naming a few, about the visible files of ``folder`` that are not articles."""
    skipped = sorted(
        e.name
        for e in os.scandir(folder)
        if not e.name.startswith(".")
        and e.is_file()
        and not e.name.lower().endswith(ARTICLE_EXTENSIONS)
    )
    if skipped:
        names = ", ".join(skipped[:5]) + (
            f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        )
        warnings.warn(
            f"skipped {len(skipped)} file(s) in {folder} that are not articles "
            f"(articles end in {', '.join(ARTICLE_EXTENSIONS)}): {names}",
            UserWarning,
            stacklevel=3,
        )


def read_articles(
    source: str | os.PathLike[str] | Iterable[Any] | Any,
    *,
    lossy: bool = False,
    text_column: str = "text",
    progress: bool = False,
) -> list[Document]:
    """Load articles as :class:`Document` objects.

    Args:
        source: a folder of article files (``.txt``, ``.text``, ``.md`` in the
            seeds' format, ``.jsonl``/``.ndjson`` as JSON Lines; other files are
            skipped with a ``UserWarning`` naming them. The seeds' format: optional
            ``key value`` header lines such as `` date 2022-12-30``, a blank
            line, then the body; ``.jsonl`` files inside are read as JSON
            Lines), a JSON Lines file (one object per line with a ``text``
            field), a single article file, a list of str / dict / Document,
            a pandas Series of texts, or a pandas DataFrame with a
            ``text_column``.
        lossy: replace bytes that are not UTF-8 with U+FFFD instead of
            raising :class:`DecodeError`.
        text_column: the DataFrame column (or dict key) holding the text.
        progress: show a tqdm bar (the ``progress`` extra) of the files read
            from a folder or file; Ctrl-C stops between files. Sources already
            in memory are not read and show none.

    Returns:
        Documents in input order (files sorted by name). ``id``, ``date``,
        ``source`` and ``lang`` come from fields of those names (``doc_id``
        also gives the id); every other field goes to ``meta``. Items
        without an id get their position (or the pandas index) as id; JSON
        Lines records in a folder without one get ``"<file name>:<line>"``,
        unique across the folder's files.

    Raises:
        DecodeError: a file is not valid UTF-8 (names the file and byte offset).
        RecordError: a JSON Lines record has no string ``text``.
        OSError: the path is not a regular file or folder (a FIFO, socket or
            device, which could block forever): it is not read.
        TypeError: an item or a text is not a str (None and NaN included).

    Example:
        >>> import textlens
        >>> docs = textlens.read_articles("seeds")
        >>> [(d.id[:3], d.date) for d in docs][:3]
        [('000', '2022-12-31'), ('001', '2022-12-30'), ('002', None)]
        >>> items = ["Putin and Xi spoke.", {"text": "Xi and Putin spoke.", "source": "AP"}]
        >>> [(d.id, d.source) for d in textlens.read_articles(items)]
        [('0', None), ('1', 'AP')]
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if os.path.isdir(path):
            _warn_skipped(path)
        return _read_path(path, lossy=lossy, progress=progress)
    kind = type(source).__module__.split(".")[0], type(source).__name__
    if kind == ("pandas", "DataFrame"):
        if text_column not in source.columns:
            raise KeyError(f"DataFrame has no column {text_column!r}; pass text_column=")
        has_id = "id" in source.columns or "doc_id" in source.columns
        rows = source.to_dict("records")
        if not has_id:
            rows = [{"id": idx, **row} for idx, row in zip(source.index, rows, strict=True)]
        return [_from_item(r, i, text_column) for i, r in enumerate(rows)]
    if kind == ("pandas", "Series"):
        for i, (idx, text) in enumerate(source.items()):
            if not isinstance(text, str):
                hint = " (a missing value: drop or fill it first)" if _missing(text) else ""
                raise TypeError(
                    f"item {i} (index {idx!r}) is {type(text).__name__}, expected str{hint}"
                )
        return [
            _from_item({"id": idx, text_column: text}, i, text_column)
            for i, (idx, text) in enumerate(source.items())
        ]
    return [_from_item(item, i, text_column) for i, item in enumerate(source)]


def _from_item(item: Any, position: int, text_column: str) -> Document:
    try:
        return _document(item, position, text_column)
    except UnicodeEncodeError as exc:  # a lone surrogate: say which item holds it
        raise UnicodeEncodeError(
            exc.encoding, exc.object, exc.start, exc.end, f"{exc.reason} in item {position}"
        ) from None


def _document(item: Any, position: int, text_column: str) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(item, id=str(position))
    if isinstance(item, Mapping):
        return _from_record(dict(item), position, text_column)
    raise TypeError(
        f"item {position} is {type(item).__name__}; expected str, dict or Document"
        + (" (a missing value: drop or fill it first)" if _missing(item) else "")
    )


def _from_record(record: dict[str, Any], position: int, text_column: str) -> Document:
    text = record.pop(text_column, None)
    if not isinstance(text, str):
        hint = " (a missing value: drop or fill it first)" if _missing(text) else ""
        raise TypeError(
            f"item {position}: {text_column!r} is {type(text).__name__}, expected str{hint}"
        )
    if "id" not in record and "doc_id" in record:
        record["id"] = record.pop("doc_id")
    fields = {k: _plain(record.pop(k, None)) for k in _FIELDS}
    fields = {k: None if v is None else str(v) for k, v in fields.items()}
    if fields["id"] is None:
        fields["id"] = str(position)
    meta = {str(k): _plain(v) for k, v in record.items()}
    return Document(text, meta=meta, **fields)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain(value: Any) -> Any:
    """A JSON-friendly version of a pandas / numpy cell value."""
    if _missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):
        try:
            return value.item()
        except (TypeError, ValueError):
            return str(value)
    return value
