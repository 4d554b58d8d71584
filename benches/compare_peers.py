"""Time textlens beside the tools people use today, on the same texts, in one run.

Usage::

    .venv/bin/python benches/compare_peers.py [--quick] [--data PATH_OR_GLOB ...] [--repeat N]
                                              [--stem-words N] [--detect-docs N]
                                              [--minhash-docs N] [--cosine-docs N]
                                              [--only SECTION ...]

(``make bench-peers`` installs the peers, the ``bench`` extra, and runs it.) ``--data``
defaults to ``$TEXTLENS_SHARED/corpus/bench/*.jsonl``; each line's ``lang`` and ``text``
are used. What is measured, each textlens call against its peers on the same input:

1. Stemming: ``textlens.stem(words, lang)`` vs PyStemmer ``Stemmer.Stemmer(lang).stemWords``
   (default cache) vs NLTK ``SnowballStemmer(lang).stem`` per word, on the running words of
   the corpus (``textlens.tokenize(text, lang=lang)``, once, untimed), the first
   ``--stem-words`` of each language that all three have. Words per second.
2. Language detection: ``textlens.detect`` per document vs ``langdetect.detect`` (seed 0)
   vs lingua's ``LanguageDetector.detect_languages_in_parallel_of`` (its documented
   multi-threaded batch API; detector built once, untimed, from all languages with the
   default high accuracy, models preloaded), on ``--detect-docs`` documents sampled evenly
   over the corpus languages. Agreement = share of documents whose ISO 639-1 answer equals
   the corpus ``lang`` label (a sanity check, not an accuracy study: some labels, e.g.
   ``liv`` and ``sah``, are in no tool's inventory).
2b. Detection accuracy: the tables of ``benches/detect_accuracy.py`` (its development set
   of words, word pairs, sentences and documents; every textlens engine beside lingua high
   and low, langdetect, CLD2, CLD3, langid; accuracy and texts/s per text length,
   calibration, mixed-language spans), at its ``--quick`` sizes under ``--quick``.
3. MinHash: ``textlens.minhash(text)`` (128 permutations, word 5-shingles, tokenization
   included) vs datasketch ``MinHash(num_perm=128)`` with ``update`` per shingle on the
   same shingles (textlens's, built untimed from ``textlens.tokens``: datasketch is
   timed on hashing only).
4. Pairwise cosine: ``Corpus(texts).similarity()`` (dense) and ``similarity(top_k=10)``
   (sparse) vs scikit-learn ``cosine_similarity(X)`` on ``X = corpus.dtm("tfidf",
   sublinear_tf=True)`` -- the matrix ``similarity()`` uses -- and, for top-k,
   ``cosine_similarity`` + ``np.argpartition``. The Corpus and X are built untimed.
   Peak memory of each in a fresh interpreter (as in compare_sklearn.py). The memory
   floor, ``np.empty((n, n)).fill(1.0)``, is timed in the same repetitions: the first
   touch of a fresh n x n float64 result (the kernel zeroes every page) and one write of
   it, which every dense result pays, however it is computed. CPU seconds (all threads,
   ``time.process_time``) are reported beside the wall clock.
5. The full pipeline, imported from compare_sklearn.py: textlens
   ``TfidfVectorizer(lang="auto", stop_words="auto", stem=True)`` vs scikit-learn
   ``TfidfVectorizer()``, on every document. The detection share compares
   ``textlens.detect`` over every document with that pipeline's median: in a serial
   Python loop (an upper bound: the pipeline detects in parallel inside Rust) and split
   over one thread per core (``detect`` releases the GIL; the estimate).

Timing: one untimed warm-up, then ``--repeat`` repetitions; in each, the tools of a
section run side by side, in reverse order on odd repetitions; medians. Ratios are
only meaningful within one run: the machine may be shared.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shlex
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import textlens
from sklearn.metrics.pairwise import cosine_similarity

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_sklearn as cs

# ISO 639-1 -> Snowball algorithm name, for the corpus languages the peers might stem.
SNOWBALL = {
    "ar": "arabic",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "ru": "russian",
    "tr": "turkish",
    "pl": "polish",
    "cs": "czech",
    "uk": "ukrainian",
    "hr": "croatian",
}
QUICK = {"stem_words": 20_000, "detect_docs": 100, "minhash_docs": 200, "cosine_docs": 2_000}
FULL = {"stem_words": 200_000, "detect_docs": 1_000, "minhash_docs": 1_000, "cosine_docs": 10_000}
TOP_K = 10
SECTIONS = ("stemming", "detection", "accuracy", "minhash", "cosine", "pipeline")
log = cs.log


# -- data ------------------------------------------------------------------------------


def load_records(files: Sequence[Path]) -> list[tuple[str, str]]:
    """(lang, text) of every line."""
    out: list[tuple[str, str]] = []
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    out.append((rec.get("lang", "?"), rec["text"]))
    return out


def sample_even(records: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    """n records, round-robin over languages (each language shuffled with seed 0)."""
    by_lang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rec in records:
        by_lang[rec[0]].append(rec)
    queues = []
    for lang in sorted(by_lang):
        docs = by_lang[lang][:]
        random.Random(0).shuffle(docs)
        queues.append(docs)
    out: list[tuple[str, str]] = []
    i = 0
    while len(out) < n and any(queues):
        q = queues[i % len(queues)]
        if q:
            out.append(q.pop())
        i += 1
    return out


# -- timing ----------------------------------------------------------------------------


def interleaved(jobs: dict[str, Callable[[], Any]], repeat: int) -> dict[str, list[float]]:
    """Warm up once, then time every job per repetition, alternating the order."""
    for job in jobs.values():
        job()
    samples: dict[str, list[float]] = {name: [] for name in jobs}
    order = list(jobs)
    for rep in range(repeat):
        for name in order if rep % 2 == 0 else order[::-1]:
            gc.collect()
            start = time.perf_counter()
            result = jobs[name]()
            samples[name].append(time.perf_counter() - start)
            del result
        log(
            f"    rep {rep + 1}/{repeat}: "
            + ", ".join(f"{k} {v[-1]:.3f}s" for k, v in samples.items())
        )
    return samples


def med(s: list[float]) -> float:
    return statistics.median(s)


# -- 1. stemming -----------------------------------------------------------------------


def bench_stem(records, cap: int, repeat: int) -> tuple[list[list[str]], dict[str, Any]]:
    import Stemmer
    from nltk.stem.snowball import SnowballStemmer

    langs = []
    for code, name in SNOWBALL.items():
        if name in Stemmer.algorithms() and name in SnowballStemmer.languages:
            try:
                textlens.stem(["test"], code)
            except Exception:
                continue
            langs.append(code)
    totals: dict[str, float] = defaultdict(float)
    nwords = 0
    rows = []
    for code in langs:
        words: list[str] = []
        for lang, text in records:
            if lang == code and len(words) < cap:
                words.extend(textlens.tokenize(text, lang=code))
        words = words[:cap]
        if not words:
            continue
        name = SNOWBALL[code]
        py = Stemmer.Stemmer(name)
        nl = SnowballStemmer(name)
        log(f"  stem {code}: {len(words):,} words")
        s = interleaved(
            {
                "textlens": lambda w=words, c=code: textlens.stem(w, c),
                "PyStemmer": lambda w=words, p=py: p.stemWords(w),
                "NLTK": lambda w=words, st=nl: [st.stem(x) for x in w],
            },
            repeat,
        )
        tl, ps = textlens.stem(words, code), py.stemWords(words)
        same = sum(a == b for a, b in zip(tl, ps, strict=True)) / len(words)
        rows.append((code, len(words), {k: med(v) for k, v in s.items()}, same))
        nwords += len(words)
        for k, v in s.items():
            totals[k] += med(v)
    lines = [
        "| Stemming (language, words) | textlens words/s | PyStemmer words/s | NLTK words/s "
        "| textlens / PyStemmer | textlens / NLTK | same stem as PyStemmer |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for code, n, m, same in [*rows, ("all", nwords, totals, None)]:
        lines.append(
            f"| {code}, {n:,} | {n / m['textlens']:,.0f} | {n / m['PyStemmer']:,.0f} "
            f"| {n / m['NLTK']:,.0f} | {m['PyStemmer'] / m['textlens']:.2f}x "
            f"| {m['NLTK'] / m['textlens']:.1f}x | "
            + ("" if same is None else f"{same:.1%}")
            + " |"
        )
    return lines, {"stem_ratio_pystemmer": totals["PyStemmer"] / totals["textlens"]}


# -- 2b. detection accuracy -------------------------------------------------------------


def bench_accuracy(quick: bool) -> tuple[list[str], dict[str, Any]]:
    import detect_accuracy

    return detect_accuracy.run(detect_accuracy.parse_args(["--quick"] if quick else [])), {}


# -- 2. language detection -------------------------------------------------------------


def bench_detect(records, n: int, repeat: int) -> tuple[list[str], dict[str, Any]]:
    import langdetect
    from lingua import LanguageDetectorBuilder

    sample = sample_even(records, n)
    labels = [lang for lang, _ in sample]
    texts = [text for _, text in sample]
    langdetect.DetectorFactory.seed = 0
    log("  building lingua's detector (all languages, preloaded)")
    t0 = time.perf_counter()
    lingua = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
    lingua_build = time.perf_counter() - t0

    def tl_run() -> list[str | None]:
        out = []
        for t in texts:
            d = textlens.detect(t)
            out.append(d.lang if d is not None else None)
        return out

    def ld_run() -> list[str | None]:
        out = []
        for t in texts:
            try:
                out.append(langdetect.detect(t).split("-")[0])
            except langdetect.LangDetectException:
                out.append(None)
        return out

    def li_run() -> list[str | None]:
        return [
            lang.iso_code_639_1.name.lower() if lang is not None else None
            for lang in lingua.detect_languages_in_parallel_of(texts)
        ]

    jobs = {"textlens": tl_run, "langdetect": ld_run, "lingua": li_run}
    log(f"  detect: {len(texts):,} documents, {len(set(labels))} languages")
    s = interleaved(jobs, repeat)
    agree = {
        k: sum(a == b for a, b in zip(job(), labels, strict=True)) / len(labels)
        for k, job in jobs.items()
    }
    tl = med(s["textlens"])
    lines = [
        f"| Language detection ({len(texts):,} docs, {len(set(labels))} labels) | median s "
        "| docs/s | textlens speedup | agreement with corpus `lang` |",
        "|---|---:|---:|---:|---:|",
    ]
    names = {
        "textlens": "textlens.detect (serial loop)",
        "langdetect": "langdetect.detect (serial loop, seed 0)",
        "lingua": "lingua detect_languages_in_parallel_of (all languages, high accuracy)",
    }
    for k in jobs:
        m = med(s[k])
        lines.append(
            f"| {names[k]} | {m:.3f} | {len(texts) / m:,.0f} | {m / tl:.1f}x | {agree[k]:.1%} |"
        )
    lines.append("")
    lines.append(
        f"lingua's detector took {lingua_build:.1f} s to build and preload (untimed above)."
    )
    return lines, {}


# -- 3. MinHash ------------------------------------------------------------------------


def shingles(text: str, k: int = 5) -> list[bytes]:
    """textlens's word shingles (see tests/python/test_minhash.py), UTF-8."""
    toks = [t.norm for t in textlens.tokens(text) if t.kind not in ("punct", "symbol")]
    if not toks:
        return []
    k = min(k, len(toks))
    return sorted({" ".join(toks[i : i + k]).encode() for i in range(len(toks) - k + 1)})


def bench_minhash(records, n: int, repeat: int) -> tuple[list[str], dict[str, Any]]:
    from datasketch import MinHash

    texts = [t for _, t in sample_even(records, n)]
    sh = [shingles(t) for t in texts]
    total = sum(map(len, sh))

    def ds_run() -> list[Any]:
        out = []
        for s in sh:
            m = MinHash(num_perm=128)
            for x in s:
                m.update(x)
            out.append(m)
        return out

    jobs = {
        "textlens": lambda: [textlens.minhash(t, num_perm=128, shingle=5) for t in texts],
        "datasketch": ds_run,
    }
    log(f"  minhash: {len(texts):,} documents, {total:,} shingles")
    s = interleaved(jobs, repeat)
    tl, ds = med(s["textlens"]), med(s["datasketch"])
    return [
        f"| MinHash, 128 perms, word 5-shingles ({len(texts):,} docs, {total:,} shingles) "
        "| textlens median s | datasketch median s | speedup |",
        "|---|---:|---:|---:|",
        f"| textlens.minhash (with tokenization) vs MinHash.update per shingle "
        f"| {tl:.3f} | {ds:.3f} | {ds / tl:.1f}x |",
    ], {}


# -- 4. pairwise cosine ----------------------------------------------------------------


def cosine_setup(records, n: int) -> tuple[Any, Any]:
    texts = [t for _, t in sample_even(records, n)]
    corpus = textlens.Corpus(texts)
    return corpus, corpus.dtm("tfidf", sublinear_tf=True)


def sk_topk(x: Any) -> tuple[Any, Any]:
    s = cosine_similarity(x)
    idx = np.argpartition(-s, TOP_K - 1, axis=1)[:, :TOP_K]
    return idx, np.take_along_axis(s, idx, axis=1)


COSINE_JOBS: dict[str, Callable[[Any, Any], Any]] = {
    "tl_dense": lambda c, x: c.similarity(),
    "sk_dense": lambda c, x: cosine_similarity(x),
    "tl_topk": lambda c, x: c.similarity(top_k=TOP_K),
    "sk_topk": lambda c, x: sk_topk(x),
}


def memory_floor(n: int) -> Any:
    out = np.empty((n, n))
    out.fill(1.0)
    return out


def cosine_peak_child(job: str, files: Sequence[Path], n: int) -> None:
    corpus, x = cosine_setup(load_records(files), n)
    gc.collect()
    rss0 = cs.proc_status_kib("VmRSS")
    cs.reset_peak()
    result = COSINE_JOBS[job](corpus, x)
    print(json.dumps({"baseline_kib": rss0, "peak_kib": cs.proc_status_kib("VmHWM")}))
    del result


def bench_cosine(records, files, n: int, repeat: int) -> tuple[list[str], dict[str, Any]]:
    corpus, x = cosine_setup(records, n)
    log(f"  cosine: {len(corpus):,} documents, {x.shape[1]:,} terms, nnz {x.nnz:,}")
    diff = float(np.abs(corpus.similarity() - cosine_similarity(x)).max())
    # CPU seconds (every thread of the process) beside the wall clock: on a shared machine
    # the wall clock of textlens's threads depends on the cores the others leave free.
    cpu: dict[str, list[float]] = defaultdict(list)

    def on_cpu(name: str, job: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            start = time.process_time()
            result = job()
            cpu[name].append(time.process_time() - start)
            return result

        return run

    jobs = {k: on_cpu(k, lambda f=f: f(corpus, x)) for k, f in COSINE_JOBS.items()}
    s = interleaved({**jobs, "floor": lambda: memory_floor(len(corpus))}, repeat)
    cpu = {k: v[1:] for k, v in cpu.items()}  # without the warm-up
    peaks = {}
    for job in COSINE_JOBS:
        cmd = [sys.executable, __file__, "--peak-job", job, "--cosine-docs", str(n), "--data"]
        out = subprocess.run([*cmd, *map(str, files)], check=True, capture_output=True, text=True)
        peaks[job] = json.loads(out.stdout.strip().splitlines()[-1])
        p = peaks[job]
        log(f"    peak {job}: +{cs.mib(p['peak_kib'] - p['baseline_kib'])} MiB")

    def plus(job: str) -> str:
        return cs.mib(peaks[job]["peak_kib"] - peaks[job]["baseline_kib"])

    rows = [
        ("similarity() vs cosine_similarity(X), dense", "tl_dense", "sk_dense"),
        (f"similarity(top_k={TOP_K}) vs cosine_similarity + argpartition", "tl_topk", "sk_topk"),
    ]
    lines = [
        f"| Pairwise cosine ({len(corpus):,} docs, same sublinear tf-idf) | textlens median s "
        "| sklearn median s | speedup | textlens / sklearn median CPU s "
        "| textlens peak +MiB | sklearn peak +MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, tl, sk in rows:
        lines.append(
            f"| {label} | {med(s[tl]):.3f} | {med(s[sk]):.3f} | {med(s[sk]) / med(s[tl]):.2f}x "
            f"| {med(cpu[tl]):.3f} / {med(cpu[sk]):.3f} | {plus(tl)} | {plus(sk)} |"
        )
    floor, n_docs = med(s["floor"]), len(corpus)
    lines += [
        "",
        f"Max |textlens - sklearn| over the dense matrices: {diff:.2g}.",
        "",
        f"Memory floor, `np.empty(({n_docs:,}, {n_docs:,})).fill(1.0)` "
        f"({n_docs * n_docs * 8 / 1e6:,.0f} MB, first touch and one write, no compute), same "
        f"repetitions: median {floor:.3f} s; sklearn dense / floor = "
        f"{med(s['sk_dense']) / floor:.1f}x, textlens dense / floor = "
        f"{med(s['tl_dense']) / floor:.1f}x.",
    ]
    return lines, {"cosine_ratio": med(s["sk_dense"]) / med(s["tl_dense"])}


# -- 5. pipeline -----------------------------------------------------------------------


def bench_pipeline(records, repeat: int) -> tuple[list[str], dict[str, Any]]:
    texts = [t for _, t in records]

    nproc = len(os.sched_getaffinity(0))
    chunks = [texts[i::nproc] for i in range(nproc)]

    def detect_loop(part: list[str]) -> int:
        return sum(textlens.detect(t) is not None for t in part)

    def detect_threads() -> int:
        # textlens.detect releases the GIL, so nproc threads detect in parallel, as the
        # pipeline does inside Rust.
        with ThreadPoolExecutor(nproc) as pool:
            return sum(pool.map(detect_loop, chunks))

    jobs = {
        "sklearn": lambda: cs.JOBS["sk_tfidf"](texts),
        "textlens": lambda: cs.JOBS["tl_tfidf_multi"](texts),
        "detect": lambda: detect_loop(texts),
        "detect_par": detect_threads,
    }
    log(f"  pipeline: {len(texts):,} documents")
    s = interleaved(jobs, repeat)
    sk, tl = med(s["sklearn"]), med(s["textlens"])
    det, par = med(s["detect"]), med(s["detect_par"])
    return [
        f"| Full pipeline ({len(texts):,} docs) | textlens median s | sklearn median s "
        f"| speedup | detect() every doc: serial s / {nproc} threads s "
        "| detection share of textlens pipeline: serial (upper bound) / threads (estimate) |",
        "|---|---:|---:|---:|---:|---:|",
        '| TfidfVectorizer(lang="auto", stop_words="auto", stem=True) vs sklearn '
        f"TfidfVectorizer() | {tl:.3f} | {sk:.3f} | {sk / tl:.2f}x | {det:.3f} / {par:.3f} "
        f"| {det / tl:.0%} / {par / tl:.0%} |",
    ], {"detect_share": par / tl}


# -- main ------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Time textlens beside PyStemmer, NLTK, langdetect, "
        "lingua, datasketch and scikit-learn."
    )
    p.add_argument("--data", nargs="+", action="extend", metavar="PATH_OR_GLOB")
    p.add_argument("--quick", action="store_true", help="small sizes, 1 repetition (smoke check)")
    p.add_argument("--repeat", type=int, metavar="N", help="repetitions (default 3; quick 1)")
    for key, val in FULL.items():
        p.add_argument(
            f"--{key.replace('_', '-')}",
            type=int,
            metavar="N",
            help=f"default {val:,} (quick {QUICK[key]:,})",
        )
    p.add_argument(
        "--only",
        nargs="+",
        choices=SECTIONS,
        metavar="SECTION",
        help=f"run only these sections ({', '.join(SECTIONS)}); default all",
    )
    p.add_argument("--peak-job", choices=sorted(COSINE_JOBS), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    for key, val in sizes.items():
        if getattr(args, key) is None:
            setattr(args, key, val)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    files = cs.resolve(args.data or [cs.default_data()])
    if args.peak_job:
        cosine_peak_child(args.peak_job, files, args.cosine_docs)
        return
    records = load_records(files)
    log(f"{len(records):,} documents from {len(files)} file(s)")
    out: list[str] = []
    facts: dict[str, Any] = {}
    for title, run in [
        ("stemming", lambda: bench_stem(records, args.stem_words, args.repeat)),
        ("detection", lambda: bench_detect(records, args.detect_docs, args.repeat)),
        ("accuracy", lambda: bench_accuracy(args.quick)),
        ("minhash", lambda: bench_minhash(records, args.minhash_docs, args.repeat)),
        ("cosine", lambda: bench_cosine(records, files, args.cosine_docs, args.repeat)),
        ("pipeline", lambda: bench_pipeline(records, args.repeat)),
    ]:
        if args.only and title not in args.only:
            continue
        log(title)
        lines, f = run()
        out += [*lines, ""]
        facts.update(f)
    print(header(args, files, len(records)) + "\n".join(out).rstrip())


def header(args: argparse.Namespace, files: Sequence[Path], ndocs: int) -> str:
    from importlib.metadata import version

    info = cs.machine()
    peers = ", ".join(
        f"{name} {version(name)}"
        for name in (
            "PyStemmer",
            "nltk",
            "langdetect",
            "lingua-language-detector",
            "datasketch",
            "scikit-learn",
        )
    )
    return "\n".join(
        [
            f"## textlens vs the tools people use today{' (--quick)' if args.quick else ''}",
            "",
            f"- Command: `{shlex.join(sys.orig_argv)}` (cwd `{Path.cwd()}`)",
            f"- Data: {len(files)} file(s), {ndocs:,} documents",
            f"- Machine: {info['cpu']}, nproc {info['nproc']}, {info['os']}; "
            f"Python {info['python']}",
            f"- textlens {info['textlens']} (git {info['git']}); {peers}",
            f"- Timing: {args.repeat} repetition(s) after one untimed warm-up, tools interleaved "
            "(order reversed on odd repetitions); medians. The machine may be shared: only the "
            "ratios within this run are meaningful, not the absolute times.",
            f"- Threads: textlens uses rayon's pool ({info['rayon_threads']}); lingua's parallel "
            "API uses all cores; PyStemmer, NLTK, langdetect, datasketch and scikit-learn's "
            "cosine (one sparse product) run on one core.",
            "",
            "",
        ]
    )


if __name__ == "__main__":
    main()
