"""The ``textlens`` command: ``textlens report PATH``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import textlens
from textlens._html import render as render_html


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="textlens", description="Multilingual text statistics for news articles."
    )
    parser.add_argument("--version", action="version", version=textlens.__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser(
        "report",
        help="per-article language, token and type counts, and top terms",
        description="Read articles (a folder, a .jsonl file or one file) and report on each.",
    )
    report.add_argument("path", help="folder of article files, a .jsonl file, or one article")
    report.add_argument("--lang", default="auto", help="language code or 'auto' (default)")
    report.add_argument(
        "--engine", default="classic", choices=["classic", "current"], help="Snowball engine"
    )
    report.add_argument("--top", type=int, default=10, help="top terms per article (default 10)")
    report.add_argument("--lossy", action="store_true", help="replace invalid UTF-8 with U+FFFD")
    report.add_argument("--json", action="store_true", help="write the report as JSON")
    report.add_argument(
        "--html", metavar="FILE", help="also write a self-contained HTML page to FILE"
    )
    report.add_argument("--pairs", type=int, default=5, help="closest pairs to list (default 5)")
    return parser


def build_report(
    docs: Sequence[textlens.Document],
    *,
    lang: str = "auto",
    engine: str = "classic",
    top: int = 10,
    pairs: int = 5,
) -> dict[str, Any]:
    """The report as plain data: one entry per article, then how they relate.

    Example:
        >>> import textlens
        >>> from textlens.cli import build_report
        >>> rep = build_report(textlens.read_articles("seeds"), top=3)
        >>> a = rep["articles"][1]
        >>> a["id"], a["date"], a["lang"]["code"], a["top_terms"][0][0]
        ('001_9da2021daccc2bf8', '2022-12-30', 'en', 'china')
        >>> sorted(rep)  # doctest: +NORMALIZE_WHITESPACE
        ['articles', 'closest_pairs', 'distinctive_terms', 'near_duplicates',
         'similarity', 'textlens']
    """
    if top < 0:
        raise ValueError(f"top must be >= 0, got {top}")
    if pairs < 0:
        raise ValueError(f"pairs must be >= 0, got {pairs}")
    analyzer = textlens.Analyzer(lang, engine=engine)
    articles = []
    for doc in docs:
        found = analyzer.detect(doc.text)
        rules = found.lang if lang == "auto" and found else (None if lang == "auto" else lang)
        words = textlens.tokenize(doc.text, lang=rules)
        tf = analyzer.term_frequencies(doc.text)
        articles.append(
            {
                "id": doc.id,
                "date": doc.date,
                "source": doc.source,
                "lang": None
                if found is None
                else {
                    "code": found.lang,
                    "name": found.name,
                    "confidence": round(found.confidence, 4),
                    "reliable": found.reliable,
                },
                "tokens": len(words),
                "types": len(set(words)),
                "top_terms": list(tf.items())[:top],
                # No terms (empty, only stopwords or punctuation): the article
                # stays in the report, marked, and out of keyness.
                "empty": not tf,
            }
        )
    report: dict[str, Any] = {"textlens": textlens.__version__, "articles": articles}
    empty = {i for i, a in enumerate(articles) if a["empty"]}
    report.update(_relations(list(docs), analyzer, top=top, pairs=pairs, empty=empty))
    return report


def _relations(
    docs: list[textlens.Document],
    analyzer: textlens.Analyzer,
    *,
    top: int,
    pairs: int,
    empty: frozenset[int] | set[int] = frozenset(),
) -> dict[str, Any]:
    """Similarity, closest pairs, near-duplicates and distinctive terms."""
    ids = [d.id for d in docs]
    if len(docs) < 2:
        return {
            "similarity": {"measure": _SIMILARITY, "ids": ids, "matrix": [[1.0] for _ in ids]},
            "closest_pairs": [],
            "near_duplicates": [],
            "distinctive_terms": {"measure": _KEYNESS, "articles": {}, "sources": {}},
        }
    corpus = textlens.Corpus(docs, analyzer=analyzer)
    matrix = [[round(float(v), 4) for v in row] for row in corpus.similarity()]
    ranked = sorted(
        ((matrix[i][j], i, j) for i in range(len(ids)) for j in range(i + 1, len(ids))),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    closest = [{"a": ids[i], "b": ids[j], "similarity": v} for v, i, j in ranked[:pairs]]
    # Keyed by id; an id that several articles share gets their positions.
    repeated = {i for i in ids if ids.count(i) > 1} if len(set(ids)) < len(ids) else set()
    per_article = {
        (f"{doc.id} [{i}]" if doc.id in repeated else doc.id): (
            None if i in empty else _keyness_rows(corpus.keyness([i], n=top))
        )
        for i, doc in enumerate(docs)
    }
    sources = [d.source for d in docs]
    per_source: dict[str, list[list[Any]] | None] = {}
    if all(sources) and len(set(sources)) > 1:
        for source in dict.fromkeys(sources):
            if all(i in empty for i, s in enumerate(sources) if s == source):
                per_source[str(source)] = None
                continue
            per_source[str(source)] = _keyness_rows(corpus.keyness(source, groups="source", n=top))
    return {
        "similarity": {"measure": _SIMILARITY, "ids": ids, "matrix": matrix},
        "closest_pairs": closest,
        "near_duplicates": corpus.near_duplicates(),
        "distinctive_terms": {"measure": _KEYNESS, "articles": per_article, "sources": per_source},
    }


_SIMILARITY = "cosine of sublinear tf-idf, the Corpus.similarity() default"
_KEYNESS = "chi-squared with Yates' correction, each against the rest; over-represented terms"


def _keyness_rows(table: Any) -> list[list[Any]]:
    """(term, chi2) of the over-represented terms of a keyness table."""
    rows = table.to_dict("records") if hasattr(table, "to_dict") else table
    return [[r["term"], round(float(r["chi2"]), 3)] for r in rows if r["sign"] > 0]


def _print_text(report: dict[str, Any], out: Any) -> None:
    for a in report["articles"]:
        lang = a["lang"]
        lang_text = (
            "undetected"
            if lang is None
            else f"{lang['code']} ({lang['name']}, confidence {lang['confidence']:.2f}"
            + ("" if lang["reliable"] else ", unreliable")
            + ")"
        )
        print(a["id"], file=out)
        print(f"  date      {a['date'] or '-'}", file=out)
        if a["source"]:
            print(f"  source    {a['source']}", file=out)
        print(f"  language  {lang_text}", file=out)
        print(f"  tokens    {a['tokens']}   types {a['types']}", file=out)
        terms = ", ".join(f"{t} {n}" for t, n in a["top_terms"])
        print(f"  top terms {'(empty: no terms)' if a.get('empty') else terms}", file=out)
        print(file=out)
    _print_relations(report, out)


def _print_relations(report: dict[str, Any], out: Any) -> None:
    sim = report.get("similarity")
    if not sim or len(sim["ids"]) < 2:
        return
    ids = sim["ids"]
    width = max(len(i) for i in ids)
    print(f"similarity ({sim['measure']})", file=out)
    print(" " * (width + 2) + " ".join(f"{k:>6}" for k in range(len(ids))), file=out)
    for k, (name, row) in enumerate(zip(ids, sim["matrix"], strict=True)):
        print(f"{name:<{width}} {k:>1} " + " ".join(f"{v:6.3f}" for v in row), file=out)
    print(file=out)
    print("closest pairs", file=out)
    for p in report["closest_pairs"]:
        print(f"  {p['similarity']:.3f}  {p['a']}  {p['b']}", file=out)
    print(file=out)
    clusters = report["near_duplicates"]
    print("near-duplicates", file=out)
    if not clusters:
        print("  none", file=out)
    for c in clusters:
        print("  " + ", ".join(map(str, c)), file=out)
    print(file=out)
    distinctive = report["distinctive_terms"]
    print(f"distinctive terms ({distinctive['measure']})", file=out)
    for section in ("articles", "sources"):
        for name, rows in distinctive[section].items():
            terms = "(empty: no terms)" if rows is None else ", ".join(t for t, _ in rows) or "-"
            print(f"  {name}: {terms}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``textlens`` console script."""
    args = _parser().parse_args(argv)
    try:
        docs = textlens.read_articles(args.path, lossy=args.lossy)
        report = build_report(
            docs, lang=args.lang, engine=args.engine, top=args.top, pairs=args.pairs
        )
        if args.html:
            with open(args.html, "w", encoding="utf-8") as fh:
                fh.write(render_html(report))
    except (OSError, ValueError, TypeError) as exc:
        print(f"textlens: error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.json:
            json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            _print_text(report, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`textlens report … | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
