"""Hostile and careless input (issue 16): every case runs in its own Python process under an
8 GB address-space limit and a timeout, so that an abort (SIGABRT on a failed allocation), a
hang or a quadratic blow-up is a failing test, not a lost CI run.

Each case is a snippet that raises AssertionError (or anything) on a wrong outcome and prints
``OK`` at the end; the test checks the exit status and that line.
"""

# ruff: noqa: RUF001 (Turkish dotless i on purpose)
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.python.conftest import ctrl_c

LIMIT = 8 << 30

PRELUDE = f"""
import resource, time
resource.setrlimit(resource.RLIMIT_AS, ({LIMIT}, {LIMIT}))
import textlens
def raises(exc, call, *words):
    try:
        call()
    except exc as e:
        for w in words:
            assert w in str(e), (w, str(e))
        return e
    except BaseException as e:
        raise AssertionError(f"expected {{exc.__name__}}, got {{type(e).__name__}}: {{e}}")
    raise AssertionError(f"expected {{exc.__name__}}, nothing raised")
"""


def run(code: str, timeout: float = 30, cwd: str | None = None) -> None:
    """Run ``code`` in a fresh interpreter; fail on a non-zero exit, a signal or a timeout."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(code) + "\nprint('OK')\n"],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"timed out after {timeout} s (a hang or a quadratic path)")
    if done.returncode < 0:
        name = signal.Signals(-done.returncode).name
        pytest.fail(f"killed by {name}; stderr:\n{done.stderr[-3000:]}")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.rstrip().endswith("OK"), done.stdout[-2000:]


class TestMinHash:
    def test_huge_num_perm_is_a_value_error_naming_the_limit(self):
        run(
            """
            Bad = textlens.InvalidOptionError
            for n in (2**62, 10**9, 2**40, 2**100, 8193):
                e = raises(Bad, lambda: textlens.minhash("a b c", num_perm=n), "num_perm", "8192")
                assert isinstance(e, ValueError)
            assert len(textlens.minhash("a b c", num_perm=8192)) == 8192
            raises(Bad, lambda: textlens.near_duplicates(["a"], num_perm=2**40), "8192")
            """
        )

    def test_lsh_params_is_bounded_fast_and_near_duplicates_too(self):
        run(
            """
            Bad = textlens.InvalidOptionError
            raises(Bad, lambda: textlens.lsh_params(0.8, num_perm=200000), "8192")
            t = time.perf_counter()
            b, r = textlens.lsh_params(0.8, num_perm=8192)
            assert b * r <= 8192 and time.perf_counter() - t < 10
            docs = [f"report {i}: " + " ".join(f"w{i}x{j}" for j in range(30)) for i in range(25)]
            t = time.perf_counter()
            found = textlens.near_duplicates(docs * 2, num_perm=8192)
            assert found == [[i, i + 25] for i in range(25)], found
            assert time.perf_counter() - t < 20
            """,
            timeout=60,
        )

    def test_from_state_checks_like_minhash(self):
        run(
            """
            import json
            good = json.loads(textlens.minhash("a b c").__reduce__()[1][0])
            Bad, load = textlens.InvalidOptionError, textlens.MinHash._from_state
            for values in ([], [1], [2**32, 1], [2**40] * 4):
                state = json.dumps({**good, "hashvalues": values})
                raises(Bad, lambda: load(state), "hashvalues")
            raises(Bad, lambda: load(json.dumps({**good, "shingles": {"words": 0}})), "shingle")
            m = textlens.MinHash._from_state(json.dumps(good))
            assert m.jaccard(m) == 1.0
            """
        )


class TestQuadraticPaths:
    def test_shared_passages_of_repeated_boilerplate(self):
        run(
            """
            t = "ab cd ef " * 100000
            start = time.perf_counter()
            p = textlens.shared_passages(t, t)
            assert len(p) == 1000 and p[0].tokens == 300000 and p[1].tokens == 299997
            assert p[0].text == t.strip()
            assert time.perf_counter() - start < 20
            """,
            timeout=60,
        )

    def test_stemming_a_megabyte_word_keeps_it_unstemmed(self):
        run(
            """
            word = "abcdefghij" * 200000  # 2 MB of letters: a base64 blob, a scrape
            start = time.perf_counter()
            assert textlens.stem([word], "en") == [word]
            assert textlens.Analyzer("en").analyze("the " + word + " runs") == [word, "run"]
            assert time.perf_counter() - start < 10
            """
        )

    def test_ngram_range_too_large_is_a_memory_error(self):
        run(
            """
            from textlens.sklearn import TfidfVectorizer, CountVectorizer
            doc = " ".join(f"w{i}" for i in range(20000))
            huge = (1, 10**6)
            raises(MemoryError, lambda: TfidfVectorizer(ngram_range=huge).fit([doc]))
            chars = CountVectorizer(analyzer="char", ngram_range=huge)
            raises(MemoryError, lambda: chars.fit([doc]))
            an = textlens.Analyzer("en", ngram_range=huge)
            raises(MemoryError, lambda: an.analyze(doc))
            raises(MemoryError, lambda: textlens.Corpus([doc], analyzer=an))
            # Short documents with the same range are fine, as in scikit-learn.
            assert len(TfidfVectorizer(ngram_range=(1, 10**6)).fit(["ab cd ef"]).vocabulary_) == 6
            """,
            timeout=60,
        )

    def test_tokenize_peak_memory_is_a_small_multiple_of_the_input(self):
        run(
            """
            block = " ".join(f"word{i} слово{i % 7}" for i in range(2000)) + "\\n"
            text = block * (60_000_000 // len(block))  # ~60 MB
            base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            words = textlens.tokenize(text)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base
            assert len(words) == 2 * 2000 * (60_000_000 // len(block))
            assert peak < 4 * len(text.encode()), (peak, len(text))
            """,
            timeout=90,
        )


class TestInterrupts:
    @pytest.mark.parametrize(
        "call",
        [
            "textlens.shared_passages(t, t, max_passages=None)",
            "textlens.tokenize(t * 20)",
        ],
    )
    def test_ctrl_c_stops_a_long_call_within_a_second(self, call):
        code = PRELUDE + textwrap.dedent(
            f"""
            import sys
            t = "ab cd ef " * 400000
            print("ready", flush=True)
            try:
                {call}
                print("finished", flush=True)
            except KeyboardInterrupt:
                print("interrupted", time.monotonic(), flush=True)
            """
        )
        ctrl_c(code, after=0.7, timeout=30)


class TestFiles:
    def test_a_fifo_is_refused_not_waited_on(self, tmp_path):
        fifo = tmp_path / "some.fifo"
        os.mkfifo(fifo)
        run(
            f"""
            raises(OSError, lambda: textlens.read_articles({str(fifo)!r}), "not a regular file")
            """,
            timeout=15,
        )

    def test_jsonl_files_in_a_folder_get_unique_ids(self, tmp_path):
        (tmp_path / "a.jsonl").write_text('{"text": "Putin called Xi."}\n{"text": "Rain."}\n')
        (tmp_path / "b.jsonl").write_text('{"text": "Snow in Moscow."}\n')
        run(
            f"""
            docs = textlens.read_articles({str(tmp_path)!r})
            ids = [d.id for d in docs]
            assert ids == ["a.jsonl:1", "a.jsonl:2", "b.jsonl:1"], ids
            c = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
            assert c.most_similar("b.jsonl:1", k=1)[0][0] != "b.jsonl:1"
            """
        )

    def test_report_with_an_article_without_terms(self, tmp_path):
        (tmp_path / "a.txt").write_text("Putin and Xi pledged to strengthen military cooperation.")
        (tmp_path / "b.txt").write_text("Xi and Putin met in Moscow to discuss cooperation.")
        (tmp_path / "c.txt").write_text("the and of ... !!!")
        run(
            f"""
            import io, contextlib
            from textlens.cli import main
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                assert main(["report", {str(tmp_path)!r}]) == 0
            text = out.getvalue()
            assert "(empty: no terms)" in text and "a" in text and "similarity" in text, text
            """
        )


class TestIntegers:
    def test_huge_integers_are_invalid_options_not_overflow_errors(self):
        run(
            """
            Bad = textlens.InvalidOptionError
            c = textlens.Corpus(["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."],
                                analyzer=textlens.Analyzer("en"))
            raises(Bad, lambda: textlens.minhash("a", seed=2**64), "seed")
            raises(Bad, lambda: textlens.minhash("a", seed=-1), "seed")
            assert textlens.minhash("a", seed=2**64 - 1).seed == 2**64 - 1
            raises(Bad, lambda: c.most_similar(2**70), "out of range")
            raises(Bad, lambda: c.keyness([2**70]), "out of range")
            raises(Bad, lambda: c.keyness([0], reference={"putin": 10**300}), "reference")
            raises(Bad, lambda: textlens.shared_passages("a", "b", min_tokens=2**80), "min_tokens")
            top = c.similarity(top_k=2**63)  # saturates: every pair
            assert top.shape == (3, 3)
            assert c.most_similar(0, k=2**70) == c.most_similar(0, k=3)
            assert len(c.frequencies(n=2**70)) == len(c.frequencies())
            assert c.trim(max_features=2**80).terms == c.terms
            raises(Bad, lambda: c.frequencies(n=-(2**70)), "n: must be >= 0")
            """
        )

    def test_numpy_integers_and_one_rule_for_negative_indices(self):
        run(
            """
            import numpy as np
            c = textlens.Corpus(["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."],
                                analyzer=textlens.Analyzer("en"))
            assert c.most_similar(np.int64(0)) == c.most_similar(0)
            assert c.most_similar(np.uint8(1), k=np.int32(1)) == c.most_similar(1, k=1)
            assert c.most_similar(-1) == c.most_similar(2)
            k1, k2 = c.keyness([-1]), c.keyness([2])
            assert list(k1["term"]) == list(k2["term"])
            m = textlens.minhash("a b c", num_perm=np.int64(64), seed=np.uint64(3))
            assert (m.num_perm, m.seed) == (64, 3)
            raises(TypeError, lambda: c.most_similar(0, k=2.0))
            """
        )


class TestCaseFolding:
    def test_turkish_text_and_its_upper_case_copy_are_near_duplicates(self):
        run(
            """
            tr = ("Irak sınırındaki İstanbul kökenli şirket, ılık bir kış günü açıklama yaptı ve "
                  "yatırımcılara yeni bir iş planı sundu; şirketin hisseleri gün içinde yükseldi.")
            other = "Heavy rain flooded the northern provinces for a third day on Thursday."
            assert textlens.minhash(tr).jaccard(textlens.minhash(tr.upper())) == 1.0
            assert textlens.near_duplicates([tr, other, tr.upper()]) == [[0, 2]]
            """
        )
