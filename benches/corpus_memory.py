"""Where the memory of ``Corpus(texts).dtm("tfidf")`` goes, step by step (issue 12).

Loads the bench texts, imports textlens and scipy, resets the high-water mark
(``/proc/self/clear_refs``), then prints the peak and the resident memory (MiB over the
baseline) after ``Corpus(texts)`` and after ``dtm("tfidf")``, and the live memory after
glibc's ``malloc_trim(0)`` with the matrix held, with it deleted, and with the corpus
deleted; also how long one ``malloc_trim`` takes. Linux with glibc only.

    TEXTLENS_SHARED=/work/shared .venv/bin/python benches/corpus_memory.py
"""

from __future__ import annotations

import ctypes
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import compare_sklearn as cs


def main() -> None:
    texts, _ = cs.load(cs.resolve([cs.default_data()]))
    import scipy.sparse  # noqa: F401
    import textlens

    libc = ctypes.CDLL("libc.so.6")
    gc.collect()
    base = cs.proc_status_kib("VmRSS")

    def mib(field: str) -> int:
        return (cs.proc_status_kib(field) - base) // 1024

    def trim() -> float:
        start = time.perf_counter()
        libc.malloc_trim(0)
        return time.perf_counter() - start

    cs.reset_peak()
    corpus = textlens.Corpus(texts)
    print(f"after Corpus(texts): peak +{mib('VmHWM')} resident +{mib('VmRSS')} MiB")
    matrix = corpus.dtm("tfidf")
    print(f"after dtm('tfidf'): peak +{mib('VmHWM')} resident +{mib('VmRSS')} MiB")
    took = trim()
    print(f"live, matrix held: +{mib('VmRSS')} MiB (malloc_trim {took * 1000:.1f} ms)")
    del matrix
    trim()
    print(f"live, matrix deleted: +{mib('VmRSS')} MiB")
    del corpus
    gc.collect()
    trim()
    print(f"live, corpus deleted: +{mib('VmRSS')} MiB")


if __name__ == "__main__":
    main()
