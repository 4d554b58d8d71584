"""Progress bars for long calls (``progress=True``): tqdm, the ``progress`` extra.

tqdm is imported only when a bar is asked for (``tqdm.auto``: a widget in Jupyter, text
in a terminal). The work runs a chunk at a time through the same Rust batch calls, so the
bar moves and Ctrl-C stops the call between chunks (and inside one, as without a bar).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import textlens

#: Documents per chunk at most; a call has at least ~50 chunks when it is that long.
CHUNK = 2048
_MIN_CHUNK = 64


def bar(total: int, desc: str, unit: str = "doc") -> Any:
    """A tqdm bar (``tqdm.auto``), or an ImportError that names the extra to install."""
    try:
        from tqdm.auto import tqdm
    except ModuleNotFoundError as exc:
        raise ImportError(
            "progress=True needs tqdm: pip install 'textlens[progress]' (or 'textlens[all]')",
            name=exc.name,
        ) from exc
    return tqdm(total=total, desc=desc, unit=unit)


def chunk_size(n: int) -> int:
    """Chunks of about 2% of ``n`` documents, between 64 and :data:`CHUNK`."""
    return max(_MIN_CHUNK, min(CHUNK, -(-n // 50)))


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _listed(documents: Any, text_column: str) -> list[Any]:
    if hasattr(documents, "columns") or hasattr(documents, "to_frame"):  # pandas
        return textlens.read_articles(documents, text_column=text_column)
    if isinstance(documents, str):
        raise TypeError("documents must be a sequence of str or Document, not a single str")
    return list(documents)


def corpus(
    documents: Iterable[Any],
    analyzer: textlens.Analyzer | None,
    metadata: Sequence[dict[str, Any]] | None,
    text_column: str = "text",
) -> textlens.Corpus:
    """``Corpus(documents, ..., progress=True)``: chunks of documents, each a Corpus,
    merged (the same terms, counts and documents as one call)."""
    docs = _listed(documents, text_column)
    meta = None if metadata is None else list(metadata)
    if meta is not None and len(meta) != len(docs):
        # One call reports the mismatch with its own message.
        return textlens.Corpus(docs, analyzer=analyzer, metadata=meta)
    analyzer = analyzer if analyzer is not None else textlens.Analyzer()
    size = chunk_size(len(docs))
    whole = None
    with bar(len(docs), "Corpus") as progress:
        for start in range(0, max(len(docs), 1), size):
            part = docs[start : start + size]
            # Strings get their position in the whole list as id, as in one call.
            part = [
                textlens.Document(d, id=str(start + i)) if isinstance(d, str) else d
                for i, d in enumerate(part)
            ]
            piece = textlens.Corpus(
                part,
                analyzer=analyzer,
                metadata=None if meta is None else meta[start : start + size],
            )
            whole = piece if whole is None else whole.merge(piece)
            progress.update(len(part))
    assert whole is not None
    return whole


def analyze_many(analyzer: textlens.Analyzer, texts: Iterable[str]) -> list[list[str]]:
    """``Analyzer.analyze_many(texts, progress=True)``: a chunk of texts at a time."""
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of str, not a single str")
    texts = list(texts)
    out: list[list[str]] = []
    with bar(len(texts), "analyze") as progress:
        for part in chunks(texts, chunk_size(len(texts))):
            out.extend(analyzer.analyze_many(part))
            progress.update(len(part))
    return out
