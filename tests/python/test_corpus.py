"""``textlens.Corpus``: vocabulary, counts and every weighting.

Oracles: scikit-learn's ``CountVectorizer`` (fed the same analyzed terms) for the
vocabulary, counts and trimming, ``TfidfTransformer`` for the tf-idf variants it has,
and the textbook formulas written out in numpy for quanteda's idf variants, the tf
schemes and BM25. The text is real multilingual news from the shared bench corpus.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
import textlens
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from textlens.sklearn import TfidfVectorizer

LANGS = ["en", "de", "fr", "es", "ru", "ar", "tr", "zh", "ja", "pl"]


@pytest.fixture(scope="module")
def texts(bench_texts) -> list[str]:
    return [t for lang in LANGS for t in bench_texts(lang, 12)]


@pytest.fixture(scope="module")
def corpus(texts) -> textlens.Corpus:
    return textlens.Corpus(texts)


@pytest.fixture(scope="module")
def counts(corpus) -> np.ndarray:
    return corpus.dtm(dense=True)


def sklearn_counts(texts: list[str], analyzer: textlens.Analyzer, **kwargs):
    vec = CountVectorizer(analyzer=analyzer.analyze, **kwargs)
    X = vec.fit_transform(texts)
    return vec, X


class TestVocabularyAndCounts:
    def test_equal_to_sklearn_count_vectorizer_on_the_same_terms(self, texts, corpus):
        vec, X = sklearn_counts(texts, corpus.analyzer)
        assert corpus.terms == vec.get_feature_names_out().tolist()
        assert corpus.vocabulary == vec.vocabulary_
        M = corpus.dtm()
        assert isinstance(M, sp.csr_array)
        assert M.shape == (len(texts), len(corpus.terms))
        assert (M != X).nnz == 0
        np.testing.assert_array_equal(corpus.doc_frequencies, np.ravel((X > 0).sum(axis=0)))
        np.testing.assert_array_equal(corpus.term_counts, np.ravel(X.sum(axis=0)))

    def test_rows_follow_input_and_analysis_is_per_document(self, texts, corpus):
        one_by_one = [corpus.analyzer.analyze(t) for t in texts[::7]]
        M = corpus.dtm()
        for row, terms in zip(range(0, len(texts), 7), one_by_one, strict=True):
            got = {corpus.terms[j]: M[[row], :].toarray()[0, j] for j in M[[row], :].indices}
            want = pd.Series(terms).value_counts().to_dict() if terms else {}
            assert got == {k: float(v) for k, v in want.items()}

    def test_multilingual_terms_are_stemmed_by_each_documents_language(self, corpus):
        vocab = corpus.vocabulary
        assert {"recycl", "polic", "polizei", "wurd", "jahrig", "котор", "коронавирус"} <= set(
            vocab
        )  # English, German, Russian Snowball stems
        assert any(len(t) >= 2 and "\u4e00" <= t[0] <= "\u9fff" for t in vocab)  # zh words
        assert not {"und", "и", "для", "les", "para"} & set(vocab)  # stopwords removed

    @pytest.mark.parametrize(
        ("min_df", "max_df", "max_features"),
        [(2, 1.0, None), (0.02, 0.5, None), (1, 10, None), (3, 0.9, None)],
    )
    def test_trim_equals_sklearn(self, texts, corpus, min_df, max_df, max_features):
        vec, X = sklearn_counts(
            texts, corpus.analyzer, min_df=min_df, max_df=max_df, max_features=max_features
        )
        trimmed = corpus.trim(min_df=min_df, max_df=max_df, max_features=max_features)
        assert trimmed.terms == vec.get_feature_names_out().tolist()
        assert (trimmed.dtm() != X).nnz == 0
        assert len(trimmed) == len(corpus)

    def test_max_features_keeps_the_most_frequent(self, corpus):
        trimmed = corpus.trim(max_features=50)
        assert len(trimmed.terms) == 50
        cut = np.sort(corpus.term_counts)[-50]
        kept = set(trimmed.terms)
        for term, n in zip(corpus.terms, corpus.term_counts, strict=True):
            if n > cut:
                assert term in kept
            elif n < cut:
                assert term not in kept

    def test_documents_keep_ids_and_metadata(self):
        docs = [
            textlens.Document("Putin met Xi in Moscow.", id="a", source="TASS"),
            textlens.Document("Xi met Putin.", id="b", date="2022-12-30"),
        ]
        c = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
        assert [d.id for d in c.documents] == ["a", "b"]
        assert c.documents[0].source == "TASS"
        c = textlens.Corpus(
            ["Putin met Xi.", "Xi met Putin."],
            analyzer=textlens.Analyzer("en"),
            metadata=[{"source": "TASS", "id": "t1", "section": "world"}, {"date": "2024"}],
        )
        first, second = c.documents
        assert (first.id, first.source, first.meta) == ("t1", "TASS", {"section": "world"})
        assert (second.id, second.date) == ("1", "2024")

    def test_pandas_column(self, texts):
        c = textlens.Corpus(pd.Series(texts[:5]), analyzer=textlens.Analyzer("en"))
        assert len(c) == 5

    def test_empty_corpus_and_empty_documents_are_defined(self):
        empty = textlens.Corpus([])
        assert len(empty) == 0 and empty.terms == []
        assert empty.dtm("tfidf").shape == (0, 0)
        blank = textlens.Corpus(["", "   ", "the and of"], analyzer=textlens.Analyzer("en"))
        assert blank.dtm().shape == (3, 0)
        assert blank.dtm("tfidf", dense=True).shape == (3, 0)


class TestTextsGivenAsStr:
    """A corpus of str keeps the caller's strings, not a UTF-8 copy of each: counting
    encodes them a batch at a time, and whatever reads the texts again gets them back."""

    def test_texts_come_back_unchanged(self, texts, corpus):
        assert [d.text for d in corpus.documents] == texts
        assert [d.id for d in corpus.documents] == [str(i) for i in range(len(texts))]

    def test_counts_equal_those_of_the_same_documents(self, texts, corpus):
        # 120 texts count in several batches (a chunk of at least 16 per thread).
        as_documents = textlens.Corpus([textlens.Document(t) for t in texts])
        assert as_documents.terms == corpus.terms
        assert (as_documents.dtm() != corpus.dtm()).nnz == 0

    def test_trimmed_merged_and_pickled_corpora_keep_the_texts(self, texts):
        mixed = [t if i % 2 else textlens.Document(t, id=f"d{i}") for i, t in enumerate(texts[:40])]
        c = textlens.Corpus(mixed)
        assert [d.text for d in c.documents] == texts[:40]
        assert [d.id for d in c.documents][:2] == ["d0", "1"]
        assert [d.text for d in c.trim(min_df=2).documents] == texts[:40]
        merged = c.merge(textlens.Corpus(texts[40:60]))
        assert [d.text for d in merged.documents] == texts[:60]
        assert merged.dtm().shape[0] == 60
        again = pickle.loads(pickle.dumps(c))
        assert [d.text for d in again.documents] == texts[:40]
        assert again.terms == c.terms

    def test_a_lone_surrogate_in_a_later_batch_names_its_item(self, texts):
        # Enough text for a worker thread and several batches: the error comes
        # from a batch encoded with the GIL taken back, not from the first one.
        docs = texts * 20
        docs[len(docs) - 3] = "fine \ud800 text"
        with pytest.raises(UnicodeEncodeError, match=rf"documents\[{len(docs) - 3}\]"):
            textlens.Corpus(docs)

    @pytest.mark.parametrize(
        "count",
        [
            textlens.Corpus,
            lambda docs: TfidfVectorizer(lang="auto").fit(docs),
        ],
        ids=["Corpus", "drop-in with textlens analysis"],
    )
    def test_no_utf8_copy_is_left_in_the_callers_strs(self, texts, count):
        # CPython caches the UTF-8 of a non-ASCII str in the str once it is asked for
        # it (PyUnicode_AsUTF8), as much memory again as the text; __sizeof__ counts it.
        docs = [t + " Käse" for t in texts * 10]
        sizes = [sys.getsizeof(d) for d in docs]
        count(docs)
        assert [sys.getsizeof(d) for d in docs] == sizes

    def test_methods_that_read_the_texts_see_them(self):
        c = textlens.Corpus(
            ["Putin met Xi in Moscow.", "Xi met Putin."], analyzer=textlens.Analyzer("en")
        )
        assert c.surface_forms()["putin"] == "Putin"
        assert c.statistics()["words"].tolist() == [5, 3]


class TestWeightings:
    def test_dense_equals_sparse(self, corpus, counts):
        np.testing.assert_array_equal(counts, corpus.dtm().toarray())
        assert counts.dtype == np.float64

    @pytest.mark.parametrize("norm", ["l2", "l1", None])
    @pytest.mark.parametrize("idf", ["smooth", "plain"])
    @pytest.mark.parametrize("sublinear_tf", [False, True])
    def test_tfidf_equals_sklearn_tfidf_transformer(self, corpus, counts, norm, idf, sublinear_tf):
        want = TfidfTransformer(
            norm=norm, smooth_idf=idf == "smooth", sublinear_tf=sublinear_tf
        ).fit_transform(counts)
        got = corpus.dtm("tfidf", idf=idf, norm=norm, sublinear_tf=sublinear_tf)
        assert np.abs(got.toarray() - want.toarray()).max() <= 1e-12

    def test_tfidf_defaults_are_sklearns(self, corpus, counts):
        want = TfidfTransformer().fit_transform(counts).toarray()
        assert np.abs(corpus.dtm("tfidf").toarray() - want).max() <= 1e-12

    @pytest.mark.parametrize("idf", ["inverse", "inversemax", "inverseprob"])
    @pytest.mark.parametrize("base", [10.0, np.e, 2.0])
    def test_quanteda_idf_variants(self, corpus, counts, idf, base):
        n = counts.shape[0]
        df = (counts > 0).sum(axis=0).astype(float)
        with np.errstate(divide="ignore"):
            weights = {
                "inverse": np.log(n / df),
                "inversemax": np.log(df.max() / df),
                "inverseprob": np.maximum(np.log((n - df) / df), 0),
            }[idf] / np.log(base)
        got = corpus.dtm("tfidf", idf=idf, base=base, norm=None, dense=True)
        np.testing.assert_allclose(got, counts * weights, rtol=1e-12, atol=1e-12)

    def test_tf_schemes(self, corpus, counts):
        present = counts > 0
        np.testing.assert_array_equal(corpus.dtm("binary", dense=True), present.astype(float))
        lengths = counts.sum(axis=1, keepdims=True)
        prop = np.divide(counts, lengths, out=np.zeros_like(counts), where=lengths > 0)
        np.testing.assert_allclose(corpus.dtm("proportion", dense=True), prop, rtol=1e-12)
        log = np.where(present, 1 + np.log(np.where(present, counts, 1)), 0)
        np.testing.assert_allclose(corpus.dtm("log", dense=True), log, rtol=1e-12)
        top = counts.max(axis=1, keepdims=True)
        aug = np.where(present, 0.4 + 0.6 * counts / np.where(top > 0, top, 1), 0)
        np.testing.assert_allclose(corpus.dtm("augmented", k=0.4, dense=True), aug, rtol=1e-12)
        l1 = corpus.dtm("count", norm="l1", dense=True)
        np.testing.assert_allclose(l1, prop, rtol=1e-12)

    def test_bm25(self, corpus, counts):
        k1, b = 1.5, 0.6
        n = counts.shape[0]
        df = (counts > 0).sum(axis=0)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        length = counts.sum(axis=1, keepdims=True)
        denom = counts + k1 * (1 - b + b * length / length.mean())
        want = np.where(counts > 0, idf * counts * (k1 + 1) / denom, 0)
        got = corpus.dtm("bm25", k1=k1, b=b, dense=True)
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)

    @pytest.mark.parametrize(
        ("kwargs", "names"),
        [
            ({"weighting": "tf-idf"}, "weighting"),
            ({"weighting": "tfidf", "idf": "probabilistic"}, "idf"),
            ({"weighting": "tfidf", "norm": "l3"}, "norm"),
            ({"weighting": "augmented", "k": 1.5}, "k"),
            ({"weighting": "bm25", "b": -0.1}, "b"),
            ({"weighting": "bm25", "k1": float("nan")}, "k1"),
            ({"weighting": "tfidf", "base": 1.0}, "base"),
        ],
    )
    def test_bad_options_name_the_option(self, corpus, kwargs, names):
        with pytest.raises(textlens.InvalidOptionError, match=names):
            corpus.dtm(**kwargs)


class TestBadInput:
    @pytest.mark.parametrize(
        ("docs", "pattern"),
        [
            (["fine", None], r"documents\[1\] is NoneType.*missing value"),
            # A Series is read as read_articles reads it (ids from the index).
            (pd.Series(["fine", float("nan")]), r"item 1 \(index 1\) is float.*missing value"),
            (["fine", 3], r"documents\[1\] is int"),
            ("one string", "not a single str"),
        ],
    )
    def test_non_strings_are_type_errors_naming_the_position(self, docs, pattern):
        with pytest.raises(TypeError, match=pattern):
            textlens.Corpus(docs)

    def test_metadata_must_match_the_documents(self):
        with pytest.raises(textlens.InvalidOptionError, match="metadata"):
            textlens.Corpus(["a b"], metadata=[{}, {}])

    def test_trim_that_empties_the_vocabulary(self, corpus):
        with pytest.raises(ValueError, match="no terms remain"):
            corpus.trim(min_df=len(corpus) + 1, max_df=len(corpus) + 1)
        with pytest.raises(ValueError, match="max_df"):
            corpus.trim(min_df=5, max_df=2)
        with pytest.raises(ValueError, match="min_df"):
            corpus.trim(min_df=1.5)
        with pytest.raises(ValueError, match="max_features"):
            corpus.trim(max_features=-1)


def test_partial_fit_counts_a_stream_in_bounded_memory(shared):
    """Fitting batch by batch keeps the vocabulary statistics, never the documents.

    The stream is ten passes over ~6.5 MB of real text (the bench files) in 1 MB
    batches; the child process reads its peak resident memory after the first pass
    and at the end. Memory follows the vocabulary, not the stream: the nine later
    passes leave the peak flat. The fitted vocabulary equals ``fit`` on the texts.
    """
    script = textwrap.dedent(
        """
        import itertools, json, sys
        from pathlib import Path
        from textlens.sklearn import CountVectorizer

        def status_kb(key):
            with open("/proc/self/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith(key + ":"))

        files = sorted(Path(sys.argv[1]).glob("*.jsonl"))
        texts = [json.loads(l)["text"] for f in files for l in f.open(encoding="utf-8")][:3000]
        distinct = sum(len(t.encode()) for t in texts)
        vec = CountVectorizer()
        vec.fit(texts)  # warm up: allocator arenas, the extension, one full fit
        want = vec.vocabulary_
        # ru_maxrss would start at the parent's peak; reset and read the kernel's
        # high-water mark of this process instead.
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        base = status_kb("VmRSS")
        stream = CountVectorizer()
        streamed, batch, size, first_pass = 0, [], 0, None
        for i, t in enumerate(itertools.islice(itertools.cycle(texts), 10 * len(texts))):
            batch.append(t)
            size += len(t.encode())
            if size >= 1 << 20 or i % len(texts) == len(texts) - 1:
                stream.partial_fit(batch)
                streamed += size
                batch, size = [], 0
            if i == len(texts) - 1:
                first_pass = status_kb("VmHWM")
        peak = status_kb("VmHWM")
        print(json.dumps({"streamed": streamed, "distinct": distinct, "base_kb": base,
                          "first_pass_kb": first_pass, "peak_kb": peak,
                          "same": stream.vocabulary_ == want}))
        """
    )
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, "-c", script, str(shared / "corpus" / "bench")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result = json.loads(out.stdout)
    assert result["same"], "partial_fit over the cycled stream must learn fit's vocabulary"
    assert result["streamed"] == 10 * result["distinct"]
    # After the first pass (the whole vocabulary seen), nine more passes add less
    # than a quarter of what they stream: keeping the documents, or even just their
    # counts (12 bytes a stored entry), would exceed it.
    later = result["streamed"] - result["distinct"]
    assert (result["peak_kb"] - result["first_pass_kb"]) * 1024 < later / 4, result
