"""The ``textlens`` command: ``textlens report PATH``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import textlens


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
    return parser


def build_report(
    docs: Sequence[textlens.Document], *, lang: str = "auto", engine: str = "classic", top: int = 10
) -> dict[str, Any]:
    """The report as plain data: one entry per article.

    Example:
        >>> import textlens
        >>> from textlens.cli import build_report
        >>> rep = build_report(textlens.read_articles("seeds"), top=3)
        >>> a = rep["articles"][1]
        >>> a["id"], a["date"], a["lang"]["code"], a["top_terms"][0][0]
        ('001_9da2021daccc2bf8', '2022-12-30', 'en', 'china')
    """
    if top < 0:
        raise ValueError(f"top must be >= 0, got {top}")
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
            }
        )
    return {"textlens": textlens.__version__, "articles": articles}


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
        print(f"  top terms {terms}", file=out)
        print(file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``textlens`` console script."""
    args = _parser().parse_args(argv)
    try:
        docs = textlens.read_articles(args.path, lossy=args.lossy)
        report = build_report(docs, lang=args.lang, engine=args.engine, top=args.top)
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
