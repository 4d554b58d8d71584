"""Rich displays for Jupyter: the HTML behind each class's ``_repr_html_``.

Each function takes the object and returns a small, self-contained HTML fragment (no
script, no network). Jupyter calls them through the objects, so a notebook shows a
labelled table where the console shows the short ``repr``.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

import numpy as np

# How many documents a Corpus display looks at for languages it must detect itself.
_DETECT_SAMPLE = 200
_PREVIEW_CHARS = 300


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(title: str, rows: list[tuple[str, Any]], note: str = "") -> str:
    body = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{_esc(k)}</th>"
        f"<td style='text-align:left'>{v}</td></tr>"
        for k, v in rows
    )
    note_html = f"<div style='color:#5c6773;font-size:90%'>{_esc(note)}</div>" if note else ""
    return f"<div><strong>{_esc(title)}</strong><table>{body}</table>{note_html}</div>"


def _counts(counter: Counter[str], limit: int = 8) -> str:
    items = counter.most_common(limit)
    text = ", ".join(f"{_esc(k)} {n:,}" for k, n in items)
    rest = len(counter) - len(items)
    return text + (f", … (+{rest} more)" if rest > 0 else "")


def corpus(c: Any) -> str:
    """A Corpus: documents, terms, languages, sources and its most frequent terms.

    >>> import textlens
    >>> c = textlens.Corpus(["Putin called Xi.", "Xi called Putin back."])
    >>> page = corpus(c)
    >>> "2 documents" in page and "putin" in page
    True
    """
    docs = c.documents
    counts = np.asarray(c.term_counts)
    terms = c.terms
    top = [terms[i] for i in np.argsort(-counts, kind="stable")[:10]]
    langs: Counter[str] = Counter()
    note = ""
    fixed = c.analyzer.options.get("lang")
    given = [d.lang for d in docs]
    if fixed and fixed != "auto":  # the analyzer's language is the one the terms follow
        langs[str(fixed)] = len(docs)
    elif all(given):
        langs.update(str(g) for g in given)
    else:
        import textlens

        sample = docs[:_DETECT_SAMPLE]
        for d in sample:
            found = textlens.detect(d.text) if d.lang is None else None
            langs[str(d.lang or (found.lang if found else "undetected"))] += 1
        if len(docs) > len(sample):
            note = f"languages of the first {len(sample)} documents"
    sources = Counter(str(d.source) for d in docs if d.source)
    rows = [
        ("documents", f"{len(docs):,}"),
        ("terms", f"{len(terms):,}"),
        ("tokens counted", f"{int(counts.sum()):,}"),
        ("languages", _counts(langs) or "-"),
    ]
    if sources:
        rows.append(("sources", _counts(sources)))
    rows.append(("top terms", _esc(", ".join(top)) or "-"))
    return _table(f"Corpus: {len(docs):,} documents, {len(terms):,} terms", rows, note)


def document(d: Any) -> str:
    """A Document: its fields, metadata and the start of its text.

    >>> import textlens
    >>> page = document(textlens.Document("Putin & Xi spoke.", id="a1", source="TASS"))
    >>> "a1" in page and "Putin &amp; Xi" in page
    True
    """
    text = d.text
    preview = text[:_PREVIEW_CHARS] + ("…" if len(text) > _PREVIEW_CHARS else "")
    rows = [("id", _esc(d.id))]
    rows += [(k, _esc(v)) for k in ("date", "source", "lang") if (v := getattr(d, k))]
    rows += [(f"meta.{k}", _esc(v)) for k, v in d.meta.items()]
    rows.append(("characters", f"{len(text):,}"))
    rows.append(("text", f"<span style='white-space:pre-wrap'>{_esc(preview)}</span>"))
    return _table(f"Document {d.id}", rows)


def detection(x: Any) -> str:
    """A Detection: language, script and confidence.

    >>> import textlens
    >>> "German" in detection(textlens.detect("Der Kreml bestätigte das Gespräch."))
    True
    """
    rows = [
        ("language", f"{_esc(x.name)} ({_esc(x.lang)}, {_esc(x.iso639_3)})"),
        ("script", _esc(x.script)),
        ("confidence", f"{x.confidence:.3f}"),
        ("reliable", "yes" if x.reliable else "no"),
    ]
    return _table("Detection", rows)


def minhash(m: Any) -> str:
    """A MinHash signature: its settings and its first hash values.

    >>> import textlens
    >>> "num_perm" in minhash(textlens.minhash("Putin and Xi spoke on Friday."))
    True
    """
    values = ", ".join(str(v) for v in m.hashvalues[:6].tolist())
    rows = [
        ("num_perm", str(m.num_perm)),
        ("seed", str(m.seed)),
        ("settings", _esc(repr(m))),
        ("hash values", f"{values}, …"),
    ]
    return _table("MinHash", rows)
