"""textlens.dask on a real ``dask.distributed.LocalCluster`` with two worker processes.

The oracle is the one-process result on the same bench texts: ``textlens.Corpus(all)``,
``textlens.near_duplicates(all)``, ``textlens.sklearn.HashingVectorizer``. Results must be
equal bit for bit (the data of every sparse matrix compared as bytes).
"""

from __future__ import annotations

import os
import random
import signal

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
import textlens

dask = pytest.importorskip("dask", reason="textlens.dask needs the 'dask' extra (make venv)")
distributed = pytest.importorskip("distributed", reason="needs the 'dask' extra (make venv)")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
tld = pytest.importorskip("textlens.dask")

LANGS = ("en", "de", "ru", "zh", "ar", "tr")


@pytest.fixture(scope="module")
def client():
    """Two worker processes (not threads, not the synchronous scheduler)."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def records(bench_docs):
    docs = [d for lang in LANGS for d in bench_docs(lang, 40)]
    random.Random(3).shuffle(docs)
    return docs


@pytest.fixture(scope="module")
def texts(records):
    return [d["text"] for d in records]


def _same(a, b) -> None:
    a, b = sp.csr_array(a), sp.csr_array(b)
    assert a.shape == b.shape
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    assert a.data.tobytes() == b.data.tobytes()


class TestWorkersShareTheDriversWords:
    def test_a_mecab_dictionary_set_in_the_driver_is_used_by_the_workers(self, client, bench_texts):
        from textlens.sklearn import HashingVectorizer

        pytest.importorskip("unidic_lite", reason="unidic-lite holds the dictionary")
        texts = bench_texts("ja", 30)
        bag = db.from_sequence(texts, npartitions=4)
        default = textlens.Corpus(texts)
        textlens.set_mecab_dictionary("unidic-lite")
        try:
            local = textlens.Corpus(texts)
            hashed = HashingVectorizer(n_features=2**12).transform(texts)
            got = tld.stats(bag, split_every=2)
            X, terms = tld.dtm(bag, "count")
            H = tld.hashing_dtm(bag, n_features=2**12).compute()
        finally:
            textlens.set_mecab_dictionary(None)
        assert local.terms != default.terms
        assert got == local.stats()
        assert terms == local.terms
        _same(X.compute(), local.dtm("count"))
        _same(H, hashed)
        # Unset in the driver, unset in the workers (the job above had set it there).
        assert tld.stats(bag, split_every=2) == default.stats()


class TestCorpusStatistics:
    def test_stats_of_a_bag_equal_one_process(self, client, texts):
        bag = db.from_sequence(texts, npartitions=7)
        s = tld.stats(bag, split_every=3)
        assert s == textlens.Corpus(texts).stats()
        assert s.n_documents == len(texts)

    def test_corpus_of_a_dataframe_keeps_rows_and_metadata(self, client, records, texts):
        frame = pd.DataFrame(
            {
                "text": texts,
                "source": [r["source"] for r in records],
                "id": [r["doc_id"] for r in records],
            }
        )
        c = tld.corpus(dd.from_pandas(frame, npartitions=5))
        whole = textlens.Corpus(texts)
        assert c.terms == whole.terms
        _same(c.dtm(), whole.dtm())
        assert [d.source for d in c.documents] == frame["source"].tolist()
        assert [d.id for d in c.documents] == frame["id"].tolist()


class TestGroups:
    @pytest.mark.parametrize("n", [None, 7])
    def test_frequencies_by_a_metadata_column_equal_one_process(self, client, records, texts, n):
        sources = [r["source"] for r in records]
        frame = pd.DataFrame({"text": texts, "source": sources})
        got = tld.frequencies(dd.from_pandas(frame, npartitions=4), groups="source", n=n)
        docs = [textlens.Document(t, source=s) for t, s in zip(texts, sources, strict=True)]
        expected = textlens.Corpus(docs).frequencies(groups="source", n=n)
        assert len(set(sources)) > 1
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


class TestGroupBy:
    def _frame(self, records, texts):
        return pd.DataFrame(
            {
                "text": texts,
                "source": [r["source"] for r in records],
                "outlet": [r["source"][:3] for r in records],
            }
        )

    def _docs(self, frame):
        return [
            textlens.Document(t, source=s, meta={"outlet": o})
            for t, s, o in zip(frame["text"], frame["source"], frame["outlet"], strict=True)
        ]

    @pytest.mark.parametrize(("key", "sort"), [("source", False), ("outlet", True)])
    def test_group_by_equals_one_process(self, client, records, texts, key, sort):
        frame = self._frame(records, texts)
        got = tld.group_by(dd.from_pandas(frame, npartitions=5), key, sort=sort, split_every=2)
        expected = textlens.Corpus(self._docs(frame)).group_by(key, sort=sort)
        assert len(expected) > 1
        assert got.documents == expected.documents
        assert got.terms == expected.terms
        _same(got.dtm(), expected.dtm())

    @pytest.mark.parametrize(
        ("measure", "reference"), [("chi2", None), ("g2", None), ("log_odds", "other")]
    )
    def test_keyness_by_a_metadata_column_equals_one_process(
        self, client, records, texts, measure, reference
    ):
        frame = self._frame(records, texts)
        sources = frame["source"].value_counts().index.tolist()
        target = sources[0]
        reference = sources[1] if reference else None
        got = tld.keyness(
            dd.from_pandas(frame, npartitions=4),
            target,
            groups="source",
            reference=reference,
            measure=measure,
            n=50,
        )
        expected = textlens.Corpus(self._docs(frame)).keyness(
            target, groups="source", reference=reference, measure=measure, n=50
        )
        pd.testing.assert_frame_equal(got, expected)


class TestSimilarity:
    @pytest.mark.parametrize(
        ("options", "trim"),
        [
            ({"top_k": 5}, {}),
            ({"top_k": 3, "metric": "jaccard"}, {"min_df": 2}),
            ({"top_k": 4, "metric": "euclidean"}, {"max_features": 300}),
            ({"min_similarity": 0.2}, {}),
            ({"top_k": 2, "min_similarity": 0.1, "metric": "bm25"}, {}),
        ],
    )
    def test_top_k_by_row_blocks_equals_one_process(self, client, texts, options, trim):
        S = tld.similarity(db.from_sequence(texts, npartitions=5), **options, **trim)
        assert S.numblocks == (5, 1)
        whole = textlens.Corpus(texts)
        whole = whole.trim(**trim) if trim else whole
        _same(S.compute(), whole.similarity(**options))

    def test_needs_top_k_or_min_similarity(self, client, texts):
        with pytest.raises(textlens.InvalidOptionError, match="top_k"):
            tld.similarity(db.from_sequence(texts[:4], npartitions=2))


class TestDocumentStatistics:
    def test_statistics_dataframe_equals_one_process(self, client, records, texts):
        ids = [r["doc_id"] for r in records]
        frame = pd.DataFrame({"text": texts, "id": ids})
        got = tld.statistics(dd.from_pandas(frame, npartitions=4)).compute()
        docs = [textlens.Document(t, id=i) for t, i in zip(texts, ids, strict=True)]
        expected = textlens.Corpus(docs).statistics()
        # Dask stores strings as pyarrow strings (dtype only); the values may not differ.
        assert got.index.tolist() == expected.index.tolist()
        pd.testing.assert_frame_equal(got, expected, check_index_type=False, check_dtype=False)


class TestMatrix:
    @pytest.mark.parametrize(
        ("weighting", "kwargs", "trim"),
        [
            ("count", {}, {}),
            ("tfidf", {}, {"min_df": 2, "max_df": 0.5}),
            ("tfidf", {"idf": "inverse", "sublinear_tf": True}, {"max_features": 300}),
            ("bm25", {}, {"min_df": 2}),
            ("proportion", {}, {}),
        ],
    )
    def test_dtm_blocks_equal_the_one_process_matrix(self, client, texts, weighting, kwargs, trim):
        X, terms = tld.dtm(db.from_sequence(texts, npartitions=6), weighting, **trim, **kwargs)
        whole = textlens.Corpus(texts)
        whole = whole.trim(**trim) if trim else whole
        assert terms == whole.terms
        assert X.numblocks[0] == 6
        _same(X.compute(), whole.dtm(weighting, **kwargs))

    def test_hashing_per_partition_equals_the_vectorizer(self, client, texts):
        from textlens.sklearn import HashingVectorizer

        X = tld.hashing_dtm(db.from_sequence(texts, npartitions=4), n_features=2**12)
        _same(X.compute(), HashingVectorizer(n_features=2**12).transform(texts))


class TestNearDuplicates:
    @pytest.mark.parametrize("shuffle", ["ids", "signatures"])
    def test_band_shuffle_finds_the_one_process_groups(self, client, texts, shuffle):
        # Plant copies with small edits so that there is something to find.
        rng = random.Random(5)
        planted = list(texts)
        for i in rng.sample(range(len(texts)), 20):
            words = texts[i].split()
            if len(words) > 30:
                words[rng.randrange(len(words))] = "EDITED"
                planted.append(" ".join(words))
        planted.append(planted[0])
        planted.append("")  # no shingles: never a duplicate
        expected = textlens.near_duplicates(planted, threshold=0.7)
        assert len(expected) >= 10
        got = tld.near_duplicates(db.from_sequence(planted, npartitions=5), 0.7, shuffle=shuffle)
        assert got == expected


class TestBadRecords:
    def test_a_bad_record_is_named_by_partition_and_row(self, client, texts):
        data = [*texts[:10], None, *texts[10:20]]
        bag = db.from_sequence(data, npartitions=3)  # 7 per partition: None is row 3 of 1
        with pytest.raises(textlens.RecordError, match=r"partition 1, row 3: missing text"):
            tld.stats(bag)
        bad = db.from_sequence([*texts[:5], b"\xff\xfe", *texts[5:8]], npartitions=1)
        with pytest.raises(textlens.RecordError, match=r"partition 0, row 5: not valid UTF-8"):
            tld.stats(bad)

    def test_skip_drops_bad_records(self, client, texts):
        bag = db.from_sequence([*texts[:10], None, b"\xff", *texts[10:20]], npartitions=3)
        with pytest.warns(tld.SkippedRecordsWarning, match=r"skipped 2 .*partition 1, row 3"):
            s = tld.stats(bag, errors="skip")
        assert s == textlens.Corpus(texts[:20]).stats()
        with pytest.warns(tld.SkippedRecordsWarning, match="skipped 2"):
            X, _ = tld.dtm(bag, errors="skip")
        assert X.shape[0] == 20


class TestFailure:
    def test_a_worker_killed_mid_job_leaves_the_result_identical(self, client, texts, tmp_path):
        """A task kills its own worker process the first time it runs; the nanny restarts
        the worker, the scheduler reruns the lost tasks, and the result does not change."""
        marker = tmp_path / "kill-once"
        marker.touch()

        def analyze_or_die(part):
            try:
                marker.unlink()
            except FileNotFoundError:
                return part
            os.kill(os.getpid(), signal.SIGKILL)
            return part

        before = set(client.scheduler_info()["workers"])
        bag = db.from_sequence(texts, npartitions=6).map_partitions(analyze_or_die)
        s = tld.stats(bag)
        assert not marker.exists()
        # The killed worker is gone (its replacement has a new address).
        assert set(client.scheduler_info()["workers"]) != before
        assert s == textlens.Corpus(texts).stats()
