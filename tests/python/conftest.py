"""Shared fixtures: the repository root, the seeds folder and the shared bench corpus; a
Ctrl-C runner for the tests of interruptible calls.

The bench corpus (``$TEXTLENS_SHARED/corpus/bench/<lang>.jsonl``, one JSON object a line with
``lang``, ``source``, ``doc_id`` and ``text``) is the same data the Rust tests and the criterion
benchmarks read (STYLE.md, "Tests and benchmarks share their data"). CI always has it, so a
missing corpus is a test *failure*, never a skip.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """``$TEXTLENS_SHARED`` if set, else ``<repo>/../shared`` (what the Makefile exports)."""
    env = os.environ.get("TEXTLENS_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def _require_shared() -> Path:
    path = shared_dir()
    if not (path / "corpus" / "bench").is_dir():
        pytest.fail(
            f"shared test data not found: {path / 'corpus' / 'bench'} does not exist. "
            "Set TEXTLENS_SHARED to the shared folder (the Makefile exports it as ../shared).",
            pytrace=False,
        )
    return path


@functools.cache
def _read_bench(path: Path, n: int) -> tuple[dict[str, Any], ...]:
    with path.open(encoding="utf-8") as f:
        return tuple(json.loads(line) for line in itertools.islice(f, n) if line.strip())


def bench_docs_for(lang: str, n: int) -> list[dict[str, Any]]:
    """The first ``n`` records of ``shared/corpus/bench/<lang>.jsonl`` (fails if it is missing)."""
    path = _require_shared() / "corpus" / "bench" / f"{lang}.jsonl"
    if not path.is_file():
        pytest.fail(f"bench corpus file missing: {path}", pytrace=False)
    docs = [dict(d) for d in _read_bench(path, n)]
    for d in docs:
        assert {"lang", "source", "doc_id", "text"} <= d.keys(), f"{path}: unexpected record {d!r}"
    return docs


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; a missing folder fails the test with a clear message."""
    return _require_shared()


@pytest.fixture(scope="session")
def seeds() -> Path:
    return REPO_ROOT / "seeds"


@pytest.fixture(scope="session")
def bench_docs(shared: Path) -> Callable[[str, int], list[dict[str, Any]]]:
    """``bench_docs(lang, n)``: the first n records (dicts) of the language's bench file."""
    return bench_docs_for


@pytest.fixture(scope="session")
def bench_texts(shared: Path) -> Callable[[str, int], list[str]]:
    """``bench_texts(lang, n)``: the texts of the first n records of the language's bench file."""

    def texts(lang: str, n: int) -> list[str]:
        return [d["text"] for d in bench_docs_for(lang, n)]

    return texts


@pytest.fixture(scope="session")
def bench_langs(shared: Path) -> list[str]:
    """Every language that has a bench file."""
    return sorted(p.stem for p in (shared / "corpus" / "bench").glob("*.jsonl"))


def ctrl_c(code: str, *, after: float, timeout: float) -> list[str]:
    """Send SIGINT to a child Python ``after`` seconds into a long call and check it stops.

    ``code`` prints ``ready`` before the call and ``interrupted <time.monotonic()>`` when
    ``KeyboardInterrupt`` reaches it (CLOCK_MONOTONIC: the same clock in parent and child on
    Linux). Asserts that it stopped within 1.5 s of the signal and returns the lines it
    printed after that one; skips the test when the call finished before the signal.
    """
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr
        time.sleep(after)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=timeout)
    finally:
        proc.kill()
    if out.startswith("finished"):
        pytest.skip("the call finished before the signal (a fast machine)")
    assert out.startswith("interrupted"), (out, err[-2000:])
    first, *rest = out.splitlines()
    assert float(first.split()[1]) - sent < 1.5
    return rest
