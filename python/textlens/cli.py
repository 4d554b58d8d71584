"""The ``textlens`` command: ``textlens report PATH``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
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
    report.add_argument(
        "--detail",
        type=int,
        default=50,
        help="up to this many articles (default 50), print each one, the full similarity "
        "matrix and each article's distinctive terms; above it, a summary",
    )
    report.add_argument(
        "--display",
        default="surface",
        choices=["surface", "stem"],
        help="show each term as its most frequent surface form (default) or as the stem",
    )
    report.add_argument(
        "--neighbours",
        type=int,
        default=5,
        help="most similar articles kept per article (default 5; never the n x n matrix)",
    )
    report.add_argument(
        "--progress",
        action="store_true",
        help="progress bars on stderr (tqdm: pip install 'textlens[progress]')",
    )
    return parser


def build_report(
    docs: Sequence[textlens.Document],
    *,
    lang: str = "auto",
    engine: str = "classic",
    top: int = 10,
    pairs: int = 5,
    detail: int = 50,
    neighbours: int = 5,
    display: str = "surface",
    progress: bool = False,
) -> dict[str, Any]:
    """The report as plain data: one entry per article, then how they relate.

    Memory stays linear in the number of articles: each article keeps its
    ``neighbours`` most similar articles (a top-k search in Rust), and the
    full similarity matrix and per-article distinctive terms are computed
    only up to ``detail`` articles; above that the heatmap shows a sample.
    ``progress``: tqdm bars for the analysis, the corpus, the neighbours and the
    near-duplicates (the ``progress`` extra).

    Example:
        >>> import textlens
        >>> from textlens.cli import build_report
        >>> rep = build_report(textlens.read_articles("seeds"), top=3)
        >>> a = rep["articles"][1]
        >>> a["id"], a["date"], a["lang"]["code"], a["top_terms"][0][0]
        ('001_9da2021daccc2bf8', '2022-12-30', 'en', 'china')
        >>> sorted(rep)  # doctest: +NORMALIZE_WHITESPACE
        ['articles', 'closest_pairs', 'distinctive_terms', 'near_duplicates',
         'neighbours', 'similarity', 'summary', 'terms', 'textlens']
        >>> rep["terms"]["forms"]["china"]  # shown as written; the stem stays the key
        'China'
    """
    if top < 0:
        raise ValueError(f"top must be >= 0, got {top}")
    if pairs < 0:
        raise ValueError(f"pairs must be >= 0, got {pairs}")
    if detail < 0:
        raise ValueError(f"detail must be >= 0, got {detail}")
    if neighbours < 0:
        raise ValueError(f"neighbours must be >= 0, got {neighbours}")
    if display not in ("surface", "stem"):
        raise ValueError(f"display must be 'surface' or 'stem', got {display!r}")
    analyzer = textlens.Analyzer(lang, engine=engine)
    articles = []
    docs = list(docs)
    # The per-article measures are Rust calls that release the GIL, one article at a
    # time: threads run them beside the (already parallel) analysis. `map` keeps order.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        measured = pool.map(partial(_measures, analyzer, lang), docs, chunksize=32)
        for doc, terms, measures in zip(
            docs, _analyzed(analyzer, docs, progress), measured, strict=True
        ):
            tf = dict(Counter(terms).most_common(top))  # = analyzer.term_frequencies(doc.text)
            articles.append(
                {
                    "id": doc.id,
                    "date": doc.date,
                    "source": doc.source,
                    **measures,
                    "top_terms": list(tf.items())[:top],
                    "title": _title(doc),
                    # No terms (empty, only stopwords or punctuation): the article
                    # stays in the report, marked, and out of keyness.
                    "empty": not terms,
                }
            )
    report: dict[str, Any] = {"textlens": textlens.__version__, "articles": articles}
    if any(d.source for d in docs):
        report["sources"] = _by_source(docs, articles)
    report["summary"] = _summary(articles)
    empty = {i for i, a in enumerate(articles) if a["empty"]}
    report.update(
        _relations(
            docs,
            analyzer,
            top=top,
            pairs=pairs,
            detail=detail,
            neighbours=neighbours,
            empty=empty,
            progress=progress,
        )
    )
    report["terms"] = _display_terms(report, analyzer, docs, display, detail)
    return report


def _display_terms(
    report: dict[str, Any],
    analyzer: textlens.Analyzer,
    docs: list[textlens.Document],
    display: str,
    detail: int,
) -> dict[str, Any]:
    """How the report's terms are shown: the most frequent surface form of each (the
    term, a stem, stays the key in the data), or the stems themselves."""
    if display == "stem":
        return {"display": "stem", "forms": {}}
    # The terms printed: above --detail, a summary prints only the sources' terms.
    shown: set[str] = set()
    if len(docs) <= detail:
        shown = {t for a in report["articles"] for t, _ in a["top_terms"]}
    for section in report["distinctive_terms"].values():
        if isinstance(section, dict):
            shown.update(t for rows in section.values() if rows for t, _ in rows)
    forms = analyzer.surface_forms([d.text for d in docs], terms=sorted(shown)) if shown else {}
    return {"display": "surface", "forms": dict(sorted(forms.items()))}


def shown_term(report: dict[str, Any], term: str) -> str:
    """``term`` as the report shows it (its surface form unless ``--display stem``)."""
    return report.get("terms", {}).get("forms", {}).get(term, term)


def _analyzed(
    analyzer: textlens.Analyzer, docs: list[textlens.Document], progress: bool = False
) -> Any:
    """Each document's terms, analyzed in parallel a chunk at a time (bounded memory).

    Counted with ``Counter.most_common`` they give ``term_frequencies``'s order: most
    frequent first, ties in order of first appearance.
    """
    bar = None
    if progress:
        from textlens._progress import bar as new_bar

        bar = new_bar(len(docs), "analyze")
    try:
        for start in range(0, len(docs), _CHUNK):
            part = docs[start : start + _CHUNK]
            yield from analyzer.analyze_many([d.text for d in part])
            if bar is not None:
                bar.update(len(part))
    finally:
        if bar is not None:
            bar.close()


_CHUNK = 512


def _measures(analyzer: textlens.Analyzer, lang: str, doc: textlens.Document) -> dict[str, Any]:
    """One article's language, token and type counts, readability and diversity."""
    found = analyzer.detect(doc.text)
    rules = found.lang if lang == "auto" and found else (None if lang == "auto" else lang)
    words = textlens.tokenize(doc.text, lang=rules)
    return {
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
        "readability": _readability(doc.text, found.lang if found else None),
        "diversity": _diversity(words),
    }


def _title(doc: textlens.Document) -> str | None:
    """The article's title, from a ``title`` or ``headline`` field, if any."""
    meta = doc.meta
    for key in ("title", "headline"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _summary(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts a person can read at any size: per language and per source."""
    languages: Counter[str] = Counter(
        a["lang"]["code"] if a["lang"] else "undetected" for a in articles
    )
    sources: Counter[str] = Counter(a["source"] or "(none)" for a in articles)
    tokens = sorted(a["tokens"] for a in articles)
    return {
        "articles": len(articles),
        "tokens": sum(tokens),
        "median_tokens": tokens[len(tokens) // 2] if tokens else 0,
        "languages": dict(languages.most_common()),
        "sources": dict(sources.most_common()),
    }


def _relations(
    docs: list[textlens.Document],
    analyzer: textlens.Analyzer,
    *,
    top: int,
    pairs: int,
    detail: int = 50,
    neighbours: int = 5,
    empty: frozenset[int] | set[int] = frozenset(),
    progress: bool = False,
) -> dict[str, Any]:
    """Similarity, neighbours, closest pairs, near-duplicates and distinctive terms."""
    ids = [d.id for d in docs]
    if len(docs) < 2:
        return {
            "similarity": {"measure": _SIMILARITY, "ids": ids, "matrix": [[1.0] for _ in ids]},
            "neighbours": {"k": neighbours, "lists": [[] for _ in ids]},
            "closest_pairs": [],
            "near_duplicates": [],
            "distinctive_terms": {"measure": _KEYNESS, "articles": {}, "sources": {}},
        }
    corpus = textlens.Corpus(docs, analyzer=analyzer, progress=progress)
    lists, closest = _neighbours(corpus, ids, k=neighbours, pairs=pairs, progress=progress)
    if len(docs) <= detail:
        matrix = [[round(float(v), 4) for v in row] for row in corpus.similarity()]
        similarity: dict[str, Any] = {"measure": _SIMILARITY, "ids": ids, "matrix": matrix}
    else:
        similarity = _sample_similarity(corpus, docs, closest, size=min(detail, _HEATMAP_SAMPLE))
    per_article: dict[str, list[list[Any]] | None] = {}
    if len(docs) <= detail:
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
        shown = list(dict.fromkeys(sources))
        if len(docs) > detail:  # a summary: the largest sources only
            shown = [s for s, _ in Counter(sources).most_common(_MAX_SOURCES)]
        for source in shown:
            if all(i in empty for i, s in enumerate(sources) if s == source):
                per_source[str(source)] = None
                continue
            per_source[str(source)] = _keyness_rows(corpus.keyness(source, groups="source", n=top))
    return {
        "similarity": similarity,
        "neighbours": {"k": neighbours, "lists": lists},
        "closest_pairs": [
            {"a": ids[i], "b": ids[j], "similarity": round(v, 4)} for v, i, j in closest
        ],
        "near_duplicates": corpus.near_duplicates(progress=progress),
        "distinctive_terms": {"measure": _KEYNESS, "articles": per_article, "sources": per_source},
    }


# At most this many articles in a sampled heatmap, and sources with their own keyness.
_HEATMAP_SAMPLE = 30
_MAX_SOURCES = 10


def _neighbours(
    corpus: textlens.Corpus, ids: list[str], *, k: int, pairs: int, progress: bool = False
) -> tuple[list[list[list[Any]]], list[tuple[float, int, int]]]:
    """Each article's ``k`` most similar others, and the ``pairs`` closest pairs overall.

    One top-k search (sparse, ``max(k, pairs) + 1`` per row: the article itself is one
    of them), so memory is linear in the number of articles. The closest pairs are
    exact: the best pair overall is among each of its two articles' best matches.
    """
    n = len(ids)
    keep = max(k, pairs) + 1
    sim = corpus.similarity(top_k=min(keep, n), progress=progress).tocsr()
    lists: list[list[list[Any]]] = []
    found: dict[tuple[int, int], float] = {}
    for i in range(n):
        lo, hi = sim.indptr[i], sim.indptr[i + 1]
        row = sorted(
            (
                (float(v), int(j))
                for j, v in zip(sim.indices[lo:hi], sim.data[lo:hi], strict=True)
                if int(j) != i
            ),
            key=lambda t: (-t[0], t[1]),
        )
        lists.append([[ids[j], round(v, 4)] for v, j in row[:k]])
        for v, j in row[:pairs]:
            found[(min(i, j), max(i, j))] = v
    closest = sorted(((v, i, j) for (i, j), v in found.items()), key=lambda t: (-t[0], t[1], t[2]))
    return lists, closest[:pairs]


def _sample_similarity(
    corpus: textlens.Corpus,
    docs: list[textlens.Document],
    closest: list[tuple[float, int, int]],
    *,
    size: int,
) -> dict[str, Any]:
    """The similarity matrix of a sample: the articles of the closest pairs, then evenly
    spaced ones; scored against the whole corpus's weights."""
    n = len(docs)
    chosen: dict[int, None] = {}
    for _, i, j in closest:
        chosen.update({i: None, j: None})
    step = max(1, n // max(1, size))
    for i in range(0, n, step):
        if len(chosen) >= size:
            break
        chosen.setdefault(i, None)
    sample = sorted(chosen)[:size]
    block = corpus.similarity([docs[i].text for i in sample])[sample]
    matrix = [[round(float(v), 4) for v in row] for row in block]
    return {
        "measure": _SIMILARITY,
        "ids": [docs[i].id for i in sample],
        "matrix": matrix,
        "sample": f"{len(sample)} of {n} articles: those of the closest pairs, then evenly spaced",
    }


_SIMILARITY = "cosine of sublinear tf-idf, the Corpus.similarity() default"
_KEYNESS = "chi-squared with Yates' correction, each against the rest; over-represented terms"


def _keyness_rows(table: Any) -> list[list[Any]]:
    """(term, chi2) of the over-represented terms of a keyness table."""
    rows = table.to_dict("records") if hasattr(table, "to_dict") else table
    return [[r["term"], round(float(r["chi2"]), 3)] for r in rows if r["sign"] > 0]


# The readability formulas and diversity measures the report shows (those that apply).
_READABILITY = ["flesch", "flesch_kincaid", "fog", "smog", "lix", "rix"]
_DIVERSITY = ["ttr", "mtld", "hdd"]


def _readability(text: str, lang: str | None) -> dict[str, float]:
    """The report's formulas that serve ``lang`` (LIX and RIX serve every language)."""
    scores = textlens.readability(text, "all", lang=lang) if lang else {}
    if not lang:
        scores = textlens.readability(text, ["lix", "rix"], lang="en")
    return {k: round(v, 2) for k, v in scores.items() if k in _READABILITY and v == v}


def _diversity(words: list[str]) -> dict[str, float]:
    scores = textlens.lexdiv(words, _DIVERSITY)
    return {k: round(v, 3) for k, v in scores.items() if v == v}


def _by_source(docs: Sequence[textlens.Document], articles: list[dict[str, Any]]) -> dict:
    """Per source: the mean of each readability and diversity value over its articles."""
    out: dict[str, dict[str, Any]] = {}
    for doc, a in zip(docs, articles, strict=True):
        entry = out.setdefault(doc.source or "-", {"articles": 0, "sums": {}, "counts": {}})
        entry["articles"] += 1
        for k, v in {**a["readability"], **a["diversity"]}.items():
            entry["sums"][k] = entry["sums"].get(k, 0.0) + v
            entry["counts"][k] = entry["counts"].get(k, 0) + 1
    return {
        src: {
            "articles": e["articles"],
            "mean": {k: round(e["sums"][k] / e["counts"][k], 3) for k in e["sums"]},
        }
        for src, e in out.items()
    }


def _scores(values: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in values.items()) or "-"


def _print_text(report: dict[str, Any], out: Any, detail: int = 50) -> None:
    if len(report["articles"]) > detail:
        _print_summary(report, out, detail)
        return
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
        print(f"  readability {_scores(a['readability'])}", file=out)
        print(f"  diversity {_scores(a['diversity'])}", file=out)
        terms = ", ".join(f"{shown_term(report, t)} {n}" for t, n in a["top_terms"])
        print(f"  top terms {'(empty: no terms)' if a.get('empty') else terms}", file=out)
        print(file=out)
    if report.get("sources"):
        print("by source (means)", file=out)
        for src, e in report["sources"].items():
            print(f"  {src} ({e['articles']} articles): {_scores(e['mean'])}", file=out)
        print(file=out)
    _print_relations(report, out)


def _print_summary(report: dict[str, Any], out: Any, detail: int) -> None:
    """Above ``detail`` articles: counts, closest pairs, clusters and distinctive terms."""
    summary = report["summary"]
    n = summary["articles"]
    print(
        f"{n:,} articles, {summary['tokens']:,} tokens "
        f"(median {summary['median_tokens']:,} per article); "
        f"each article with --detail {n} or --json",
        file=out,
    )
    print(file=out)
    for key in ("languages", "sources"):
        counts = summary[key]
        print(f"{key} ({len(counts)})", file=out)
        for name, count in list(counts.items())[:_LISTED]:
            print(f"  {count:>7,}  {name}", file=out)
        if len(counts) > _LISTED:
            rest = sum(list(counts.values())[_LISTED:])
            print(f"  {rest:>7,}  ({len(counts) - _LISTED} more)", file=out)
        print(file=out)
    titles = {a["id"]: a.get("title") for a in report["articles"]}
    print("closest pairs", file=out)
    for p in report["closest_pairs"]:
        a, b = (_named(x, titles.get(x)) for x in (p["a"], p["b"]))
        print(f"  {p['similarity']:.3f}  {a}  {b}", file=out)
    print(file=out)
    clusters = sorted(report["near_duplicates"], key=len, reverse=True)
    sizes = sum(len(c) for c in clusters)
    print(f"near-duplicates ({len(clusters)} clusters, {sizes} articles)", file=out)
    if not clusters:
        print("  none", file=out)
    for c in clusters[:_LISTED]:
        shown = ", ".join(map(str, c[:6])) + (f" (+{len(c) - 6} more)" if len(c) > 6 else "")
        print(f"  {len(c):>3}: {shown}", file=out)
    if len(clusters) > _LISTED:
        print(f"  ({len(clusters) - _LISTED} more clusters in --json)", file=out)
    print(file=out)
    distinctive = report["distinctive_terms"]
    if distinctive["sources"]:
        print(f"distinctive terms per source ({distinctive['measure']})", file=out)
        for name, rows in distinctive["sources"].items():
            terms = ", ".join(shown_term(report, t) for t, _ in rows or []) or "-"
            print(f"  {name}: {terms}", file=out)


# Rows listed per table of the summary.
_LISTED = 10


def _named(article_id: str, title: str | None, width: int = 50) -> str:
    """An article's id, and its title (shortened) where it has one."""
    if not title:
        return article_id
    short = title if len(title) <= width else title[: width - 1] + "\u2026"
    return f"{article_id} ({short})"


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
            terms = (
                "(empty: no terms)"
                if rows is None
                else ", ".join(shown_term(report, t) for t, _ in rows) or "-"
            )
            print(f"  {name}: {terms}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``textlens`` console script."""
    args = _parser().parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            docs = textlens.read_articles(args.path, lossy=args.lossy)
        for w in caught:  # skipped files: said once, plainly
            print(f"textlens: warning: {w.message}", file=sys.stderr)
        report = build_report(
            docs,
            lang=args.lang,
            engine=args.engine,
            top=args.top,
            pairs=args.pairs,
            detail=args.detail,
            neighbours=args.neighbours,
            display=args.display,
            progress=args.progress,
        )
        if args.html:
            with open(args.html, "w", encoding="utf-8") as fh:
                fh.write(render_html(report))
    except (OSError, ValueError, TypeError, ImportError) as exc:
        print(f"textlens: error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.json:
            json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            _print_text(report, sys.stdout, detail=args.detail)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`textlens report … | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
