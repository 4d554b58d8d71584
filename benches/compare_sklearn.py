"""Time scikit-learn and textlens on the same texts, in one run, and print the ratios.

Usage::

    .venv/bin/python benches/compare_sklearn.py [--data PATH_OR_GLOB ...] [--repeat N]
                                                 [--json OUT]

``--data`` defaults to ``$TEXTLENS_SHARED/corpus/bench/*.jsonl`` (``TEXTLENS_SHARED``
defaults to ``../shared`` next to the repository). Each file holds one JSON object a
line; the ``text`` field of every line is one document. All files are concatenated
into a single list of texts, and every measurement runs on that same list.

What is measured (``fit_transform(texts)`` wall time, ``time.perf_counter``):

1. ``TfidfVectorizer()`` with scikit-learn's defaults: scikit-learn's
   ``sklearn.feature_extraction.text.TfidfVectorizer`` against the drop-in
   ``textlens.sklearn.TfidfVectorizer``. The two matrices are also compared
   (vocabulary, shape, non-zeros, max absolute difference).
2. textlens's multilingual pipeline, ``textlens.sklearn.TfidfVectorizer(lang="auto",
   stop_words="auto", stem=True)`` (language detected per document, that language's
   stopwords, Snowball stems, tf-idf), and ``textlens.Corpus(texts).dtm("tfidf")``
   with the default ``Analyzer`` (the same analysis), each against scikit-learn's
   default ``TfidfVectorizer``, which does none of that analysis: these rows show
   what the extra linguistics costs, not a like-for-like race. A fourth row fixes the
   language (``Analyzer(lang="en")`` for every text: no detection) to show the share
   of the time detection takes.
3. ``CountVectorizer()`` and ``HashingVectorizer()`` with their defaults, both tools
   (matrices compared as in 1).

How:

- An untimed first pass runs every measurement once: it warms up lazy
  initialisation (imports, thread pools) and yields the matrices compared above.
- Then ``--repeat`` repetitions (default 5). Each repetition runs every measurement
  once, scikit-learn and textlens side by side, in reverse order on odd repetitions,
  so noise from other work on the machine hits both tools alike. The table shows the
  median and the minimum; the speedup is scikit-learn's median / textlens's median.
  scikit-learn runs on one core; textlens uses all cores (rayon's default pool,
  ``RAYON_NUM_THREADS`` to change it).
- Peak memory: each ``fit_transform`` runs once more in a fresh interpreter (this
  script re-invoked with a hidden ``--peak-job`` flag) that first loads the texts and
  imports both libraries, so both tools are measured from the same baseline. The
  child records its resident set (``VmRSS``), resets the high-water mark
  (``echo 5 > /proc/self/clear_refs``), runs the job and reads ``VmHWM``. The table
  shows the peak minus that baseline ("+MiB") and the absolute peak.
  ``resource.getrusage(...).ru_maxrss`` is not used for this: on Linux a child that
  is forked and exec'd from a large parent starts with the parent's high-water mark
  (``signal->maxrss`` survives ``exec``), so it would report the parent's size, not
  the job's. It is still recorded in ``--json`` output for reference.

The output is markdown (machine, versions, exact command line, table, checks) meant
to be pasted into BENCHMARKS.md; ``--json OUT`` also writes every sample.
"""

from __future__ import annotations

import argparse
import gc
import glob
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
import textlens
from sklearn.feature_extraction import text as sk_text
from textlens import sklearn as tl_text

REPO = Path(__file__).resolve().parents[1]


# -- the measurements ------------------------------------------------------------------


Result = tuple[Any, Any]
"""What a job returns: (the fitted vectorizer or Corpus, the matrix)."""
Run = Callable[[list[str]], Result]


def _fit(make: Callable[[], Any]) -> Run:
    def run(texts: list[str]) -> Result:
        vec = make()
        return vec, vec.fit_transform(texts)

    return run


def _corpus_tfidf(texts: list[str]) -> Result:
    corpus = textlens.Corpus(texts)
    return corpus, corpus.dtm("tfidf")


def _corpus_tfidf_fixed(texts: list[str]) -> Result:
    # No detection: English rules for every text, to show what detection costs.
    corpus = textlens.Corpus(texts, analyzer=textlens.Analyzer(lang="en"))
    return corpus, corpus.dtm("tfidf")


def _multilingual() -> tl_text.TfidfVectorizer:
    return tl_text.TfidfVectorizer(lang="auto", stop_words="auto", stem=True)


# The timed calls, by name; each scikit-learn job sits next to its textlens counterparts.
JOBS: dict[str, Run] = {
    "sk_tfidf": _fit(sk_text.TfidfVectorizer),
    "tl_tfidf": _fit(tl_text.TfidfVectorizer),
    "tl_tfidf_multi": _fit(_multilingual),
    "tl_corpus": _corpus_tfidf,
    "tl_corpus_fixed": _corpus_tfidf_fixed,
    "sk_count": _fit(sk_text.CountVectorizer),
    "tl_count": _fit(tl_text.CountVectorizer),
    "sk_hash": _fit(sk_text.HashingVectorizer),
    "tl_hash": _fit(tl_text.HashingVectorizer),
}


@dataclass(frozen=True)
class Row:
    """A line of the table: a scikit-learn job against a textlens job."""

    label: str
    sklearn: str
    textlens: str


ROWS = [
    Row("TfidfVectorizer(), defaults", "sk_tfidf", "tl_tfidf"),
    Row(
        'textlens TfidfVectorizer(lang="auto", stop_words="auto", stem=True) '
        "vs sklearn TfidfVectorizer()",
        "sk_tfidf",
        "tl_tfidf_multi",
    ),
    Row(
        'textlens Corpus(texts).dtm("tfidf") vs sklearn TfidfVectorizer()',
        "sk_tfidf",
        "tl_corpus",
    ),
    Row(
        'textlens Corpus(texts, analyzer=Analyzer(lang="en")).dtm("tfidf") (no detection) '
        "vs sklearn TfidfVectorizer()",
        "sk_tfidf",
        "tl_corpus_fixed",
    ),
    Row("CountVectorizer(), defaults", "sk_count", "tl_count"),
    Row("HashingVectorizer(), defaults", "sk_hash", "tl_hash"),
]


# -- data ------------------------------------------------------------------------------


def default_data() -> str:
    shared = Path(os.environ.get("TEXTLENS_SHARED") or REPO.parent / "shared")
    return str(shared / "corpus" / "bench" / "*.jsonl")


def resolve(patterns: Sequence[str]) -> list[Path]:
    """Expand the globs, in order, each sorted; a plain path must exist."""
    files: list[Path] = []
    for pattern in patterns:
        matches = sorted(glob.glob(os.path.expanduser(pattern)))
        if not matches:
            raise SystemExit(f"--data {pattern!r}: no such file")
        files.extend(Path(m) for m in matches if Path(m) not in files)
    return files


def load(files: Sequence[Path]) -> tuple[list[str], Counter[str]]:
    """Every line's ``text``, and the number of documents per ``lang``."""
    texts: list[str] = []
    langs: Counter[str] = Counter()
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                if not isinstance(record.get("text"), str):
                    raise SystemExit(f"{path}:{n}: no 'text' string")
                texts.append(record["text"])
                langs[record.get("lang", "?")] += 1
    if not texts:
        raise SystemExit("no documents in --data")
    return texts, langs


def log(message: str) -> None:
    """Progress goes to stderr, so stdout is only the report."""
    print(message, file=sys.stderr, flush=True)


# -- timing ----------------------------------------------------------------------------


# CPU seconds of each timed call (``time.process_time``: every thread of the process),
# by job, filled by ``time_all`` beside the wall times. On a loaded machine the CPU
# ratio is the steadier measure of the work done; the wall ratio credits textlens's
# second core only when the machine has one to give.
CPU_SAMPLES: dict[str, list[float]] = {}


def time_once(run: Run, texts: list[str]) -> tuple[float, float]:
    gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    result = run(texts)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    del result
    return elapsed, cpu


def time_all(texts: list[str], repeat: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in JOBS}
    CPU_SAMPLES.update({name: [] for name in JOBS})
    order = list(JOBS)
    for rep in range(repeat):
        for name in order if rep % 2 == 0 else order[::-1]:
            wall, cpu = time_once(JOBS[name], texts)
            samples[name].append(wall)
            CPU_SAMPLES[name].append(cpu)
        line = ", ".join(f"{name} {s[-1]:.3f}s" for name, s in samples.items())
        log(f"  repetition {rep + 1}/{repeat}: {line}")
    return samples


# -- checks (on the untimed first pass) ------------------------------------------------


def features(obj: Any) -> list[str] | None:
    if isinstance(obj, textlens.Corpus):
        return list(obj.terms)
    if hasattr(obj, "get_feature_names_out"):
        return [str(t) for t in obj.get_feature_names_out()]
    return None


def compare(a: Result, b: Result) -> str:
    """Vocabulary, shape, non-zeros and max |a - b| of two (fitted, matrix) results."""
    (fa, xa), (fb, xb) = (features(a[0]), sp.csr_array(a[1])), (features(b[0]), sp.csr_array(b[1]))
    kinds = f"{type(a[1]).__name__} {a[1].dtype} vs {type(b[1]).__name__} {b[1].dtype}"
    parts = [f"shape {xa.shape} vs {xb.shape}", f"nnz {xa.nnz} vs {xb.nnz}", kinds]
    zeros = (int((xa.data == 0).sum()), int((xb.data == 0).sum()))
    if any(zeros):
        parts.insert(2, f"stored zeros {zeros[0]} vs {zeros[1]}")
    if fa is not None and fb is not None and fa != fb:
        common = sorted(set(fa) & set(fb))
        parts.insert(0, f"VOCABULARIES DIFFER: {len(fa)} vs {len(fb)} terms, {len(common)} shared")
        ia, ib = {t: i for i, t in enumerate(fa)}, {t: i for i, t in enumerate(fb)}
        xa = xa[:, [ia[t] for t in common]]
        xb = xb[:, [ib[t] for t in common]]
        what = "max |diff| on shared terms"
    else:
        if fa is not None:
            parts.insert(0, f"same vocabulary ({len(fa)} terms)")
        what = "max |diff|"
    if xa.shape == xb.shape:
        diff = abs(xa.astype(np.float64) - xb.astype(np.float64))
        parts.insert(0, f"{what} = {diff.max() if diff.nnz else 0.0:.3g}")
    return "; ".join(parts)


def describe(result: Result) -> str:
    terms = features(result[0])
    x = result[1]
    vocab = f"{len(terms)} terms, " if terms is not None else ""
    return f"{vocab}shape {x.shape}, nnz {x.nnz}"


CHECKS = [
    ("TfidfVectorizer() sklearn vs textlens", "sk_tfidf", "tl_tfidf"),
    ("CountVectorizer() sklearn vs textlens", "sk_count", "tl_count"),
    ("HashingVectorizer() sklearn vs textlens", "sk_hash", "tl_hash"),
    ("textlens multilingual TfidfVectorizer vs Corpus.dtm('tfidf')", "tl_tfidf_multi", "tl_corpus"),
    ("textlens Corpus() vs Corpus(lang='en') (detection vs none)", "tl_corpus", "tl_corpus_fixed"),
]


def first_pass(texts: list[str]) -> list[str]:
    """Run every job once, untimed, a pair at a time, and compare the results."""
    assert {name for _, *pair in CHECKS for name in pair} == set(JOBS)
    checks: list[str] = []
    shapes: dict[str, str] = {}
    for label, a, b in CHECKS:
        ra, rb = JOBS[a](texts), JOBS[b](texts)
        checks.append(f"{label}: {compare(ra, rb)}")
        shapes[a], shapes[b] = describe(ra), describe(rb)
        del ra, rb
        gc.collect()
    checks.append(
        f"sklearn TfidfVectorizer(): {shapes['sk_tfidf']}; "
        f"textlens multilingual: {shapes['tl_tfidf_multi']}"
    )
    return checks


# -- peak memory (fresh interpreter per job) -------------------------------------------


def proc_status_kib(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def peak_child(job_name: str, files: Sequence[Path]) -> None:
    """In the child: load, import, baseline, run the job, report JSON on stdout."""
    texts, _ = load(files)
    gc.collect()
    rss0 = proc_status_kib("VmRSS")
    hwm_load = proc_status_kib("VmHWM")
    ru0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    was_reset = reset_peak()
    result = JOBS[job_name](texts)
    hwm = proc_status_kib("VmHWM")
    ru1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del result
    report = {
        "job": job_name,
        "baseline_rss_kib": rss0,
        "peak_kib": hwm,
        "load_peak_kib": hwm_load,
        "hwm_reset": was_reset,
        "ru_maxrss_before_kib": ru0,
        "ru_maxrss_after_kib": ru1,
    }
    print(json.dumps(report))


def measure_peaks(files: Sequence[Path]) -> dict[str, dict[str, Any]]:
    peaks: dict[str, dict[str, Any]] = {}
    for name in JOBS:
        cmd = [sys.executable, __file__, "--peak-job", name, "--data", *map(str, files)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        peaks[name] = json.loads(out.strip().splitlines()[-1])
        p = peaks[name]
        log(
            f"  peak {name}: +{mib(p['peak_kib'] - p['baseline_rss_kib'])} MiB "
            f"(abs {mib(p['peak_kib'])} MiB)"
        )
    return peaks


# -- report ----------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return rev + (" + uncommitted changes" if dirty else "")


def machine() -> dict[str, Any]:
    return {
        "cpu": cpu_model(),
        "nproc": len(os.sched_getaffinity(0)),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "textlens": textlens.__version__,
        "git": git_revision(),
        "rayon_threads": os.environ.get("RAYON_NUM_THREADS", "default (all cores)"),
    }


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def cpu_cells(row: Row) -> str:
    """Median CPU seconds of both jobs and their ratio (sklearn / textlens)."""
    sk, tl = CPU_SAMPLES.get(row.sklearn), CPU_SAMPLES.get(row.textlens)
    if not sk or not tl:
        return " | | "
    sk_cpu, tl_cpu = statistics.median(sk), statistics.median(tl)
    return f"{sk_cpu:.3f} | {tl_cpu:.3f} | {sk_cpu / tl_cpu:.2f}x"


def table(samples: dict[str, list[float]], peaks: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| Measurement | sklearn median s | textlens median s | speedup (sklearn/textlens)"
        " | sklearn min s | textlens min s | sklearn peak +MiB | textlens peak +MiB"
        " | sklearn abs peak MiB | textlens abs peak MiB"
        " | sklearn median CPU s | textlens median CPU s | CPU ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in ROWS:
        sk, tl = samples[row.sklearn], samples[row.textlens]
        psk, ptl = peaks[row.sklearn], peaks[row.textlens]
        ratio = statistics.median(sk) / statistics.median(tl)
        lines.append(
            f"| {row.label} | {statistics.median(sk):.3f} | {statistics.median(tl):.3f}"
            f" | {ratio:.2f}x | {min(sk):.3f} | {min(tl):.3f}"
            f" | {mib(psk['peak_kib'] - psk['baseline_rss_kib'])}"
            f" | {mib(ptl['peak_kib'] - ptl['baseline_rss_kib'])}"
            f" | {mib(psk['peak_kib'])} | {mib(ptl['peak_kib'])}"
            f" | {cpu_cells(row)} |"
        )
    return lines


def report(
    args: argparse.Namespace,
    files: Sequence[Path],
    texts: list[str],
    langs: Counter[str],
    samples: dict[str, list[float]],
    peaks: dict[str, dict[str, Any]],
    checks: list[str],
) -> tuple[str, dict[str, Any]]:
    info = machine()
    chars = sum(map(len, texts))
    utf8_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    command = shlex.join(sys.orig_argv)
    langs_text = ", ".join(f"{lang} {n}" for lang, n in sorted(langs.items()))
    baseline = statistics.median(peaks[name]["baseline_rss_kib"] for name in JOBS)
    lines = [
        f"## textlens vs scikit-learn: fit_transform on {len(texts):,} documents",
        "",
        f"- Command: `{command}` (cwd `{Path.cwd()}`)",
        f"- Data: {len(files)} file(s), {len(texts):,} documents, {chars:,} characters "
        f"({utf8_mb:.1f} MB UTF-8); by lang: {langs_text}",
        f"- Machine: {info['cpu']}, nproc {info['nproc']}, {info['os']}",
        f"- Python {info['python']}; numpy {info['numpy']}, scipy {info['scipy']}, "
        f"scikit-learn {info['sklearn']}, textlens {info['textlens']} (git {info['git']})",
        f"- Threads: scikit-learn 1 (pure Python + scipy); textlens rayon pool "
        f"{info['rayon_threads']}",
        f"- Timing: {args.repeat} repetition(s) after one untimed pass, tools interleaved "
        "within each repetition; wall time of `fit_transform(texts)`",
        "- Peak memory: fresh interpreter per job; +MiB = VmHWM during the job minus VmRSS "
        f"after loading the texts and importing both libraries (median baseline "
        f"{mib(baseline)} MiB); abs = VmHWM",
        "",
        *table(samples, peaks),
        "",
        "Rows 2 and 3 compare textlens's multilingual analysis (language detection, "
        "stopwords, Snowball stemming) against scikit-learn's plain default pipeline, "
        "which does none of it; their sklearn columns are row 1's samples.",
        "",
        "Checks (untimed first pass):",
        "",
        *(f"- {c}" for c in checks),
    ]
    data = {
        "command": command,
        "cwd": str(Path.cwd()),
        "machine": info,
        "data": {"files": [str(f) for f in files], "documents": len(texts), "chars": chars},
        "repeat": args.repeat,
        "samples_s": samples,
        "cpu_samples_s": CPU_SAMPLES,
        "rows": [
            {
                "label": row.label,
                "sklearn": row.sklearn,
                "textlens": row.textlens,
                "sklearn_median_s": statistics.median(samples[row.sklearn]),
                "textlens_median_s": statistics.median(samples[row.textlens]),
                "speedup": statistics.median(samples[row.sklearn])
                / statistics.median(samples[row.textlens]),
            }
            for row in ROWS
        ],
        "peaks": peaks,
        "checks": checks,
    }
    return "\n".join(lines), data


# -- main ------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time scikit-learn and textlens vectorizers on the same texts.",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        action="extend",
        metavar="PATH_OR_GLOB",
        help=f"JSONL files with a 'text' field (default: {default_data()})",
    )
    parser.add_argument(
        "--repeat", type=int, default=5, metavar="N", help="repetitions (default: %(default)s)"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results here")
    parser.add_argument("--peak-job", choices=sorted(JOBS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    files = resolve(args.data or [default_data()])
    if args.peak_job:
        peak_child(args.peak_job, files)
        return
    texts, langs = load(files)
    log(f"{len(texts):,} documents from {len(files)} file(s); first pass (untimed, checks)")
    checks = first_pass(texts)
    gc.collect()
    log(f"timing: {args.repeat} repetition(s)")
    samples = time_all(texts, args.repeat)
    log("peak memory: one fresh interpreter per job")
    peaks = measure_peaks(files)
    text, data = report(args, files, texts, langs, samples, peaks, checks)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
