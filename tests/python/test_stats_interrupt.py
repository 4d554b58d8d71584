"""Ctrl-C stops ``Corpus.statistics``, ``lexdiv`` and ``collocations`` between documents
(they run on a worker thread with the calling thread polling for signals, like similarity),
and the corpus still works afterwards."""

from __future__ import annotations

import textwrap

import pytest

from tests.python.conftest import ctrl_c

# 32 documents where word i occurs i + 1 times (600 distinct frequencies, 180,300 tokens):
# HD-D with 30,000 draws multiplies 30,000 factors per frequency: some 0.2 s per document.
# Shuffled, so that a document holds some 180,000 distinct trigrams for collocations to
# count (in order, it holds 1,800 and the call ends about when the signal comes).
# numpy and pandas are imported first: the signal is meant for textlens's work, and a
# KeyboardInterrupt in the middle of numpy's first import leaves numpy unimportable for
# the rest of the process (numpy's C modules load once).
PRELUDE = """
import random
import time
import numpy
try:
    import pandas
except ImportError:
    pass
import textlens
words = [f"w{i}" for i in range(600) for _ in range(i + 1)]
random.Random(0).shuffle(words)
corpus = textlens.Corpus([" ".join(words)] * 32)
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
    assert ctrl_c(code, after=0.5, timeout=60)[:1] == ["32"]
