"""textlens.spark on a real local Spark session (``local[2,2]``: two executor threads, Python
workers in their own processes, a failed task tried twice as on a cluster).

The oracle is the one-process result on the same bench texts. Spark needs Java: ``make venv``
installs pyspark and ``.ci/run`` installs a JRE from the distribution's packages when ``java``
is missing; without Java these tests are skipped with that reason (pytest -rs shows it).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys

import numpy as np
import pytest
import scipy.sparse as sp
import textlens

pytest.importorskip("pyspark", reason="textlens.spark needs the 'spark' extra (make venv)")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip(
        "Spark needs Java: no `java` on PATH and no JAVA_HOME "
        "(.ci/run installs openjdk-17-jre-headless)",
        allow_module_level=True,
    )

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

tls = pytest.importorskip("textlens.spark")

LANGS = ("en", "de", "ru", "zh", "ar", "tr")


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2,2]")
        .appName("textlens-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def texts(bench_texts):
    t = [x for lang in LANGS for x in bench_texts(lang, 30)]
    random.Random(4).shuffle(t)
    return t


@pytest.fixture(scope="module")
def frame(spark, texts):
    rows = [(i, t) for i, t in enumerate(texts)]
    return (
        spark.createDataFrame(rows, "id long, text string")
        .repartition(5, "id")
        .sortWithinPartitions("id")
    )


def _same(a, b) -> None:
    a, b = sp.csr_array(a), sp.csr_array(b)
    assert a.shape == b.shape
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    assert a.data.tobytes() == b.data.tobytes()


def test_stats_by_partition_and_tree_reduce_equal_one_process(frame, texts):
    assert tls.stats(frame) == textlens.Corpus(texts).stats()


@pytest.mark.parametrize(
    ("weighting", "kwargs", "trim"),
    [("count", {}, {}), ("tfidf", {}, {"min_df": 2}), ("bm25", {}, {"max_features": 200})],
)
def test_sparse_vector_rows_equal_the_one_process_matrix(frame, texts, weighting, kwargs, trim):
    out, terms = tls.dtm(frame, weighting, **trim, **kwargs)
    whole = textlens.Corpus(texts)
    whole = whole.trim(**trim) if trim else whole
    assert terms == whole.terms
    rows = sorted(out.select("id", "features").collect())
    vecs = [r["features"] for r in rows]
    got = sp.csr_array(
        (
            np.concatenate([v.values for v in vecs]),
            np.concatenate([v.indices for v in vecs]).astype(np.int32),
            np.concatenate([[0], np.cumsum([len(v.indices) for v in vecs])]),
        ),
        shape=(len(vecs), len(terms)),
    )
    assert [r["id"] for r in rows] == list(range(len(texts)))
    _same(got, whole.dtm(weighting, **kwargs))


@pytest.mark.parametrize("given", [False, True])
def test_dtm_reads_and_analyzes_each_text_once(spark, frame, texts, given):
    """A UDF in front of the text column counts its calls in an accumulator: the first pass
    analyzes the rows, and the second weighs the persisted counts without reading (and
    analyzing) any row again. Every row that dtm analyzes passes the UDF."""
    calls = spark.sparkContext.accumulator(0)

    def seen(t):
        calls.add(1)
        return t

    counted = F.udf(seen, "string").asNondeterministic()
    df = frame.withColumn("text", counted("text"))
    stats = textlens.Corpus(texts).stats() if given else None
    out, _ = tls.dtm(df, "tfidf", stats=stats)
    assert len(out.select("id", "features").collect()) == len(texts)
    assert calls.value == len(texts)


def test_row_functions_through_arrow(frame, texts):
    an = textlens.Analyzer("auto")
    got = sorted(tls.analyze(frame, analyzer=an).select("id", "terms").collect())
    assert [r["terms"] for r in got] == an.analyze_many(texts)
    langs = sorted(tls.detect(frame).select("id", "lang").collect())
    expected = [None if (d := textlens.detect(t)) is None else d.lang for t in texts]
    assert [r["lang"] for r in langs] == expected
    sigs = sorted(tls.minhash(frame, num_perm=32).select("id", "minhash").collect())
    assert [r["minhash"] for r in sigs[:20]] == [
        textlens.minhash(t, num_perm=32).hashvalues.tolist() for t in texts[:20]
    ]


@pytest.mark.parametrize("shuffle", ["ids", "signatures"])
def test_near_duplicates_by_band_groups_equal_one_process(spark, texts, shuffle):
    rng = random.Random(6)
    planted = list(texts)
    for i in rng.sample(range(len(texts)), 15):
        words = texts[i].split()
        if len(words) > 30:
            words[rng.randrange(len(words))] = "EDITED"
            planted.append(" ".join(words))
    planted.append(planted[1])
    df = spark.createDataFrame([(t,) for t in planted], "text string")
    expected = textlens.near_duplicates(planted, threshold=0.7)
    assert len(expected) >= 8
    assert tls.near_duplicates(df, 0.7, shuffle=shuffle) == expected


def test_a_null_text_is_named_or_skipped(spark, texts):
    df = spark.createDataFrame([(t,) for t in [*texts[:5], None, *texts[5:9]]], "text string")
    df = df.coalesce(1)
    with pytest.raises(Exception, match=r"partition 0, row 5: missing text"):
        tls.stats(df)
    with pytest.warns(tls.SkippedRecordsWarning, match="skipped 1 bad record"):
        assert tls.stats(df, errors="skip") == textlens.Corpus(texts[:9]).stats()


def test_a_binary_text_column_names_a_bad_record_or_skips_it(spark, texts):
    rows = [(bytearray(t.encode()),) for t in texts[:4]] + [(bytearray(b"ok \xff\xfe"),)]
    df = spark.createDataFrame(rows, "text binary").coalesce(1)
    with pytest.raises(Exception, match=r"partition 0, row 4: not valid UTF-8"):
        tls.stats(df)
    with pytest.warns(tls.SkippedRecordsWarning, match="skipped 1 bad record"):
        assert tls.stats(df, errors="skip") == textlens.Corpus(texts[:4]).stats()
    with pytest.warns(tls.SkippedRecordsWarning):
        out, _ = tls.dtm(df, errors="skip")
    assert out.count() == 4


def test_a_python_worker_killed_mid_stage_is_re_executed_with_the_same_result(
    spark, frame, texts, tmp_path
):
    """The first task to run kills its own Python worker process; Spark fails the task,
    runs it again (local[2,2]: two attempts) and the statistics do not change."""
    marker = tmp_path / "kill-once"
    marker.touch()

    def die_once(rows):
        try:
            marker.unlink()
        except FileNotFoundError:
            yield from rows
            return
        os.kill(os.getpid(), signal.SIGKILL)
        yield from rows

    flaky = spark.createDataFrame(frame.rdd.mapPartitions(die_once), frame.schema)
    got = tls.stats(flaky)
    assert not marker.exists()
    assert got == textlens.Corpus(texts).stats()


@pytest.mark.parametrize(
    ("options", "trim"),
    [({"top_k": 5}, {}), ({"top_k": 3, "metric": "jaccard"}, {"min_df": 2})],
)
def test_top_k_similarity_by_blocks_equals_one_process(frame, options, trim):
    # Row numbers follow the DataFrame's order (partitions, then rows): so does the oracle.
    texts = [r["text"] for r in frame.select("text").collect()]
    out = tls.similarity(frame.select("text"), **options, **trim)
    rows = sorted(out.collect())
    assert [r["row"] for r in rows] == list(range(len(texts)))
    got = sp.csr_array(
        (
            np.concatenate([r["scores"] for r in rows]),
            np.concatenate([r["neighbors"] for r in rows]).astype(np.int64),
            np.concatenate([[0], np.cumsum([len(r["neighbors"]) for r in rows])]),
        ),
        shape=(len(texts), len(texts)),
    )
    whole = textlens.Corpus(texts)
    whole = whole.trim(**trim) if trim else whole
    _same(got, whole.similarity(**options))


def test_group_by_and_keyness_by_a_column_equal_one_process(spark, bench_docs):
    records = [d for lang in ("en", "de") for d in bench_docs(lang, 30)]
    rows = [(r["text"], r["source"]) for r in records]
    schema = "text string, source string"
    df = spark.createDataFrame(spark.sparkContext.parallelize(rows, 3), schema)
    docs = [textlens.Document(t, source=s) for t, s in rows]
    expected = textlens.Corpus(docs).group_by("source")
    got = tls.group_by(df, "source")
    assert got.documents == expected.documents
    _same(got.dtm(), expected.dtm())
    target = max(set(s for _, s in rows), key=[s for _, s in rows].count)
    k = tls.keyness(df, target, groups="source", measure="g2", n=40)
    assert k.equals(textlens.Corpus(docs).keyness(target, groups="source", measure="g2", n=40))


def test_a_mecab_dictionary_set_in_the_driver_is_used_by_the_workers(spark, bench_texts):
    pytest.importorskip("unidic_lite", reason="unidic-lite holds the dictionary")
    texts = bench_texts("ja", 20)
    df = spark.createDataFrame(list(enumerate(texts)), "id long, text string").repartition(3)
    an = textlens.Analyzer("ja")
    default = textlens.Corpus(texts).stats()
    textlens.set_mecab_dictionary("unidic-lite")
    try:
        local = textlens.Corpus(texts).stats()
        got = tls.stats(df)
        terms = dict(tls.analyze(df, analyzer=an).select("id", "terms").collect())
        expected = dict(enumerate(an.analyze_many(texts)))
    finally:
        textlens.set_mecab_dictionary(None)
    assert local != default
    assert got == local
    assert terms == expected
