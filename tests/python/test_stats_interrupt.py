"""Ctrl-C stops ``Corpus.statistics``, ``lexdiv`` and ``collocations`` between documents
(they run on a worker thread with the calling thread polling for signals, like similarity),
and the corpus still works afterwards."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

# 32 documents where word i occurs i + 1 times (600 distinct frequencies, 180,300 tokens):
# HD-D with 30,000 draws multiplies 30,000 factors per frequency: some 0.2 s per document.
PRELUDE = """
import time
import textlens
text = " ".join(f"w{i}" for i in range(600) for _ in range(i + 1))
corpus = textlens.Corpus([text] * 32)
"""


@pytest.mark.parametrize(
    "call",
    [
        'corpus.statistics(readability="all", lexdiv="hdd", draws=30_000)',
        'corpus.lexdiv("hdd", draws=30_000)',
        # Interning and counting stop between documents (5.8 million words here).
        "corpus.collocations(size=3, min_count=1)",
    ],
)
def test_ctrl_c_stops_corpus_statistics_between_documents(call: str) -> None:
    code = PRELUDE + textwrap.dedent(
        f"""
        print("ready", flush=True)
        try:
            {call}
            print("finished", flush=True)
        except KeyboardInterrupt:
            print("interrupted", time.monotonic(), flush=True)
        # Nothing changed: a quick call on the same corpus still works.
        print(len(corpus.statistics()), flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr
        time.sleep(0.5)
        sent = time.monotonic()  # CLOCK_MONOTONIC: the child's clock too (Linux)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    if out.startswith("finished"):
        pytest.skip("the call finished before the signal (a fast machine)")
    assert out.startswith("interrupted"), (out, err[-2000:])
    first, second = out.splitlines()[:2]
    assert float(first.split()[1]) - sent < 1.5
    assert second == "32"
