"""Hostile input (issue 16): the cases that aborted, hung or grew quadratically, timed.

Usage::

    .venv/bin/python benches/hostile.py [--quick]

Each case runs in a fresh interpreter under an 8 GB address-space limit (as in
``tests/python/test_hostile.py``) and reports its wall time, its peak resident memory
above the interpreter's after the input was built, and its outcome (the result's size or
the exception raised). Inputs double where the issue measured growth, so the table shows
near-linear growth directly. The numbers of the issue (before the fix) are in
BENCHMARKS.md beside these.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import textwrap

CHILD = """
import json, resource, time
resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
import textlens
from textlens.sklearn import TfidfVectorizer
{setup}
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    out = {call}
    outcome = f"{{type(out).__name__}} of {{len(out)}}" if hasattr(out, "__len__") else repr(out)
except BaseException as e:
    outcome = type(e).__name__
seconds = time.perf_counter() - start
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
print(json.dumps({{"seconds": seconds, "peak_mib": peak, "outcome": outcome}}))
"""


def cases(quick: bool) -> list[tuple[str, str, str]]:
    boiler = [9_000, 72_000, 900_000] if quick else [9_000, 72_000, 900_000, 1_800_000]
    out = [
        (
            f"shared_passages(t, t), t = 'ab cd ef ' * {n // 9:,} ({n // 1000} KB)",
            f"t = 'ab cd ef ' * {n // 9}",
            "textlens.shared_passages(t, t)",
        )
        for n in boiler
    ]
    out += [
        (
            f"stem one {mb} MB word",
            f"w = 'abcdefghij' * {mb * 100_000}",
            "textlens.stem([w], 'en')",
        )
        for mb in (1, 2, 6)
    ]
    out += [
        ("minhash(num_perm=2**62)", "", "textlens.minhash('a b c', num_perm=2**62)"),
        ("minhash(num_perm=10**9)", "", "textlens.minhash('a', num_perm=10**9)"),
        (
            "TfidfVectorizer(ngram_range=(1, 10**6)), one 20,000-word document",
            "doc = ' '.join(f'w{i}' for i in range(20000))",
            "TfidfVectorizer(ngram_range=(1, 10**6)).fit([doc])",
        ),
        ("lsh_params(0.8, num_perm=8192)", "", "textlens.lsh_params(0.8, num_perm=8192)"),
        (
            "near_duplicates(50 docs, num_perm=8192)",
            "docs = [f'report {i}: ' + ' '.join(f'w{i}x{j}' for j in range(30))"
            " for i in range(50)]",
            "textlens.near_duplicates(docs, num_perm=8192)",
        ),
    ]
    mbs = [30, 60] if quick else [30, 60, 120]
    out += [
        (
            f"tokenize a {mb} MB document",
            "block = ' '.join(f'word{i} слово{i % 7}' for i in range(2000)) + '\\n'\n"
            f"text = block * ({mb} * 1_000_000 // len(block))",
            "textlens.tokenize(text)",
        )
        for mb in mbs
    ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    args = parser.parse_args()
    import os

    import textlens

    print(
        f"textlens {textlens.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores"
    )
    print("| case | seconds | peak MiB | outcome |\n|---|---:|---:|---|")
    for name, setup, call in cases(args.quick):
        code = CHILD.format(setup=textwrap.dedent(setup), call=call)
        try:
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
            )
        except subprocess.TimeoutExpired:
            print(f"| {name} | > 300 | | timeout |")
            continue
        if done.returncode != 0:
            print(f"| {name} | | | exit {done.returncode}: {done.stderr.strip()[-200:]} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {name} | {r['seconds']:.2f} | {r['peak_mib']:.0f} | {r['outcome']} |")


if __name__ == "__main__":
    main()
