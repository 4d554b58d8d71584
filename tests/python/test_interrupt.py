"""Ctrl-C stops long calls, and a panic in Rust never reaches Python as a panic.

Each interruption runs in a child interpreter (a stray KeyboardInterrupt must not hit
pytest itself): a timer thread sends the process a real SIGINT 0.5 s into a job sized
to take about ten seconds on a 2-core machine, and the child reports how long the
KeyboardInterrupt took to arrive after the signal. Without interruptibility it would
arrive when the job ends, seconds later. Then the same object runs again on a small
input, and its results are checked against an oracle (scikit-learn, or the
one-document call), to show that the interrupted call left it as it was.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
import textlens

# Generous: the feature's own bound is 1 s (50 ms polling plus the current document).
MAX_LATENCY_S = 2.0

CHILD = textwrap.dedent(
    r"""
    import json, os, random, signal, sys, threading, time
    from collections import Counter

    import numpy as np
    import textlens
    from sklearn.feature_extraction import text as sk
    from textlens.sklearn import HashingVectorizer, TfidfVectorizer

    WORDS = {
        "en": "the president said military cooperation between both countries would grow",
        "de": "der präsident sagte die militärische zusammenarbeit beider länder werde wachsen",
        "ru": "президент заявил что военное сотрудничество двух стран будет расти",
        "fr": "le président a déclaré que la coopération militaire des deux pays allait croître",
        "zh": "习近平 主席 表示 两国 军事 合作 将 在 明年 进一步 加强",
    }

    def docs(n, words, seed=0):
        rng = random.Random(seed)
        langs = [w.split() for w in WORDS.values()]
        def word(lang):
            suffix = str(rng.randrange(300)) if rng.random() < 0.2 else ""
            return rng.choice(lang) + suffix
        return [" ".join(word(langs[i % len(langs)]) for _ in range(words)) + "." for i in range(n)]

    BASE = docs(10_000, 60)  # 4 MB; the big inputs repeat it (references, not copies)
    SMALL = docs(40, 30, seed=1)
    STORY = ("The central bank raised its key interest rate by half a percentage "
             "point on Thursday, the third increase this year, citing inflation.")
    DUPS = [STORY, "Heavy rain flooded the northern provinces.", STORY.upper(),
            STORY.replace("Thursday,", "Thursday;")]

    def same(a, b):
        return a.shape == b.shape and np.allclose(a.toarray(), b.toarray())

    def case_analyze_many():
        an = textlens.Analyzer()
        def check():
            assert an.analyze_many(SMALL) == [an.analyze(t) for t in SMALL]
        return an, lambda: an.analyze_many(BASE * 8), check

    def case_corpus():
        an = textlens.Analyzer()
        def check():
            c = textlens.Corpus(SMALL, analyzer=an)
            m = c.dtm().toarray()
            for i, t in enumerate(SMALL):
                want = Counter(an.analyze(t))
                got = {c.terms[j]: m[i, j] for j in np.flatnonzero(m[i])}
                assert got == want, i
        return an, lambda: textlens.Corpus(BASE * 8, analyzer=an), check

    def case_tfidf_fit_transform():
        v = TfidfVectorizer(ngram_range=(1, 2)).fit(SMALL)
        vocab, idf = dict(v.vocabulary_), v.idf_.copy()
        def check():
            assert v.vocabulary_ == vocab and np.array_equal(v.idf_, idf)
            oracle = sk.TfidfVectorizer(ngram_range=(1, 2)).fit(SMALL)
            assert v.vocabulary_ == oracle.vocabulary_
            assert same(v.transform(SMALL), oracle.transform(SMALL))
            assert same(v.fit_transform(SMALL[:20]), oracle.fit_transform(SMALL[:20]))
        return v, lambda: v.fit_transform(BASE * 50), check

    def case_tfidf_partial_fit():
        v = TfidfVectorizer(lang="auto").partial_fit(SMALL)
        n, vocab, idf = v._stats.documents, dict(v.vocabulary_), v.idf_.copy()
        def check():
            assert v._stats.documents == n and v.vocabulary_ == vocab
            assert np.array_equal(v.idf_, idf)
            v.partial_fit(SMALL)  # the same batch twice: same vocabulary, twice the counts
            assert v._stats.documents == 2 * n and v.vocabulary_ == vocab
        return v, lambda: v.partial_fit(BASE * 8), check

    def case_hashing_transform():
        v = HashingVectorizer(n_features=2**18, ngram_range=(1, 2))
        def check():
            oracle = sk.HashingVectorizer(n_features=2**18, ngram_range=(1, 2))
            assert same(v.transform(SMALL), oracle.transform(SMALL))
        return v, lambda: v.transform(BASE * 80), check

    def case_near_duplicates():
        def check():
            assert textlens.near_duplicates(DUPS) == [[0, 2, 3]]
        return None, lambda: textlens.near_duplicates(BASE * 25), check

    def case_similarity_top_k():
        an = textlens.Analyzer("en", stem=False, stopwords=False)
        c = textlens.Corpus(docs(30_000, 12), analyzer=an)
        small = textlens.Corpus(SMALL, analyzer=an)
        def check():
            dense = small.similarity()
            top = small.similarity(top_k=len(SMALL)).toarray()
            assert np.allclose(dense, top)
            assert len(c) == 30_000
        return c, lambda: c.similarity(top_k=5), check

    def run(name):
        obj, job, check = globals()["case_" + name]()
        fired = []
        def fire():
            fired.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)
        timer = threading.Timer(0.5, fire)
        start = time.monotonic()
        timer.start()
        try:
            job()
            outcome = "finished"
            try:
                timer.join()  # the signal is still to come: let it land here
                time.sleep(0.2)
            except KeyboardInterrupt:
                pass
        except KeyboardInterrupt:
            outcome = "interrupted"
        end = time.monotonic()
        timer.join()
        check()
        return {
            "outcome": outcome,
            "latency_s": end - fired[0] if fired else None,
            "elapsed_s": end - start,
        }

    print(json.dumps({name: run(name) for name in sys.argv[1:]}))
    """
)

CASES = [
    "analyze_many",
    "corpus",
    "tfidf_fit_transform",
    "tfidf_partial_fit",
    "hashing_transform",
    "near_duplicates",
    "similarity_top_k",
]


@pytest.fixture(scope="module")
def interrupted():
    """Every case, run once in one child interpreter: ``{case: result}``."""
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *CASES],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", CASES)
def test_ctrl_c_stops_a_long_call_and_leaves_the_object_usable(interrupted, case):
    result = interrupted[case]
    # "finished" means the job outran the timer: the test's input is too small to show anything.
    assert result["outcome"] == "interrupted", result
    assert result["latency_s"] < MAX_LATENCY_S, result


# Every call that makes numpy arrays in Rust, on a corpus where each has something to do.
NUMPY_CALLS = {
    "doc_frequencies": "c.doc_frequencies",
    "term_counts": "c.term_counts",
    "dtm": "c.dtm()",
    "dtm_dense": "c.dtm(dense=True)",
    "dtm_in": "c.dtm_in(c.stats(), dense=True)",
    "stats_doc_frequencies": "c.stats().doc_frequencies",
    "similarity": "c.similarity()",
    "hashvalues": "textlens.minhash('Putin called Xi.').hashvalues",
    "statistics": "c.statistics()",
    "collocations": "c.collocations(min_count=1)",
    "frequencies": "c.frequencies()",
    "keyness": "c.keyness([0])",
    "statistics_many": "textlens.statistics_many(['Putin called Xi.'], lang='en')",
}
NUMPY_PRELUDE = """
import sys
import textlens
texts = ["Putin called Xi. Xi called Putin back.", "Biden called Putin."]
c = textlens.Corpus(texts, analyzer=textlens.Analyzer("en"))
"""

# Two moments of numpy's first use where Python code runs: its import, and the version
# check rust-numpy makes (numpy.lib.NumpyVersion) to find numpy's C API.
CTRL_C_IN = {
    "import": """
class CtrlC:
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] == "numpy":
            sys.meta_path.remove(self)
            raise KeyboardInterrupt
sys.meta_path.insert(0, CtrlC())
""",
    "version_check": """
import numpy.lib
checks = numpy.lib.NumpyVersion
def ctrl_c(version):
    numpy.lib.NumpyVersion = checks
    raise KeyboardInterrupt
numpy.lib.NumpyVersion = ctrl_c
""",
}


class TestPanics:
    """A Rust panic is contained and raised as ``textlens.InternalError``."""

    @pytest.mark.parametrize("place", ["inline", "worker", "rayon"])
    def test_a_panic_is_an_internal_error(self, place):
        with pytest.raises(textlens.InternalError, match="test panic") as info:
            textlens._textlens._panic_for_tests(place)
        assert isinstance(info.value, textlens.TextlensError)
        assert isinstance(info.value, ValueError)
        # The interpreter and the thread pool survive: a parallel call still works.
        assert (
            textlens.Analyzer("en").analyze_many(["Putin called Xi."] * 100)
            == [["putin", "call", "xi"]] * 100
        )

    def test_numpy_missing_is_an_import_error_not_a_panic(self):
        # rust-numpy imports numpy on first use and panics if the import raises (numpy
        # missing, or Ctrl-C landing during the import); textlens imports it first.
        code = NUMPY_PRELUDE + textwrap.dedent(
            f"""
            sys.modules["numpy"] = None  # import numpy now raises ImportError
            for name, call in {NUMPY_CALLS!r}.items():
                try:
                    eval(call)
                    print(name, "returned")
                except ImportError:
                    print(name, "ImportError")
            """
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.split() == [
            word for name in NUMPY_CALLS for word in (name, "ImportError")
        ]

    @pytest.mark.parametrize("moment", list(CTRL_C_IN))
    @pytest.mark.parametrize("name", list(NUMPY_CALLS))
    def test_ctrl_c_during_numpys_first_use_is_a_keyboard_interrupt(self, name, moment):
        # Not a panic; and the next call finds numpy and works.
        call = NUMPY_CALLS[name]
        code = (
            NUMPY_PRELUDE
            + 'assert "numpy" not in sys.modules\n'
            + CTRL_C_IN[moment]
            + textwrap.dedent(
                f"""
                try:
                    {call}
                    print("returned")
                except KeyboardInterrupt:
                    print("interrupted")
                print(type({call}).__name__)
                """
            )
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.split()[0] == "interrupted", proc.stdout

    def test_internal_error_is_public(self):
        assert textlens.InternalError.__module__ == "textlens"
        assert "InternalError" in textlens.__all__
