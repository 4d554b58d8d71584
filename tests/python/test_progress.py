"""progress=True: tqdm bars that reach the number of documents, results equal to the quiet
calls, Ctrl-C from inside the bar, and a clear ImportError without tqdm."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest
import textlens
import textlens.cli

tqdm_auto = pytest.importorskip("tqdm.auto")


@pytest.fixture
def bars(monkeypatch) -> list:
    """Every bar textlens opens, as tqdm objects (silent: written to a buffer)."""
    import io

    opened: list = []
    real = tqdm_auto.tqdm

    class Recording(real):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("file", io.StringIO())
            super().__init__(*args, **kwargs)
            opened.append(self)

    monkeypatch.setattr(tqdm_auto, "tqdm", Recording)
    return opened


@pytest.fixture(scope="module")
def texts(bench_texts) -> list[str]:
    # 500 real articles in two languages.
    return bench_texts("en", 300) + bench_texts("de", 200)


def as_counts(corpus: textlens.Corpus) -> dict[str, tuple[int, int]]:
    return dict(
        zip(
            corpus.terms,
            zip(corpus.term_counts.tolist(), corpus.doc_frequencies.tolist(), strict=True),
            strict=True,
        )
    )


def test_corpus_with_a_bar_equals_the_quiet_corpus(texts, bars):
    quiet = textlens.Corpus(texts)
    loud = textlens.Corpus(texts, progress=True)
    assert len(bars) == 1
    assert bars[0].n == bars[0].total == len(texts)
    assert [d.id for d in loud.documents] == [d.id for d in quiet.documents]
    assert loud.terms == quiet.terms
    assert as_counts(loud) == as_counts(quiet)
    assert (loud.dtm() != quiet.dtm()).nnz == 0


def test_corpus_with_a_bar_keeps_documents_and_metadata(bench_docs, bars):
    records = bench_docs("fr", 150)
    docs = [textlens.Document(r["text"], id=str(r["doc_id"]), lang="fr") for r in records]
    meta = [{"k": i % 3} for i in range(len(docs))]
    an = textlens.Analyzer("fr")
    loud = textlens.Corpus(docs, analyzer=an, metadata=meta, progress=True)
    quiet = textlens.Corpus(docs, analyzer=an, metadata=meta)
    assert bars[0].n == len(docs)
    assert loud.documents == quiet.documents
    assert loud.analyzer == an
    assert as_counts(loud) == as_counts(quiet)


def test_corpus_from_a_dataframe_with_a_bar(bench_docs, bars):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(bench_docs("es", 100))
    loud = textlens.Corpus(frame, progress=True)
    assert bars[0].n == 100
    assert [d.id for d in loud.documents] == [d.id for d in textlens.Corpus(frame).documents]


def test_analyze_many_with_a_bar(texts, bars):
    an = textlens.Analyzer("auto")
    assert an.analyze_many(texts, progress=True) == an.analyze_many(texts)
    assert len(bars) == 1
    assert bars[0].n == bars[0].total == len(texts)


def test_report_progress_bars_reach_the_article_count(tmp_path, bench_docs, bars, capsys):
    path = tmp_path / "news.jsonl"
    records = bench_docs("en", 120)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert textlens.cli.main(["report", str(path), "--json", "--progress"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["articles"]) == 120
    # The analysis, the corpus, the neighbours (rows scored), the near-duplicates.
    assert [b.n for b in bars] == [120, 120, 120, 120]
    assert all(b.n == b.total for b in bars)


def test_ctrl_c_in_the_bar_stops_the_call(texts, monkeypatch):
    class Interrupting(tqdm_auto.tqdm):
        def update(self, n=1):
            super().update(n)
            raise KeyboardInterrupt

    monkeypatch.setattr(tqdm_auto, "tqdm", Interrupting)
    with pytest.raises(KeyboardInterrupt):
        textlens.Corpus(texts, progress=True)
    with pytest.raises(KeyboardInterrupt):
        textlens.Analyzer("en").analyze_many(texts, progress=True)


def test_without_tqdm_the_error_names_the_extra(monkeypatch, seeds, capsys):
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(ImportError, match=r"textlens\[progress\]"):
        textlens.Corpus(["A text."], progress=True)
    with pytest.raises(ImportError, match=r"textlens\[progress\]"):
        textlens.Analyzer("en").analyze_many(["A text."], progress=True)
    assert textlens.cli.main(["report", str(seeds), "--progress"]) == 2
    assert "textlens[progress]" in capsys.readouterr().err
    # Quiet calls never need tqdm.
    assert len(textlens.Corpus(["A text."])) == 1


@pytest.fixture(scope="module")
def corpus(texts) -> textlens.Corpus:
    return textlens.Corpus(texts)


@pytest.mark.parametrize("options", [{}, {"top_k": 5}, {"min_similarity": 0.3}])
def test_similarity_with_a_bar_equals_the_quiet_scores(corpus, bars, options):
    quiet = corpus.similarity(**options)
    loud = corpus.similarity(progress=True, **options)
    assert len(bars) == 1
    assert bars[0].n == bars[0].total == len(corpus)  # rows scored
    if options:
        assert (loud != quiet).nnz == 0
    else:
        assert np.array_equal(loud, quiet)


def test_near_duplicates_with_a_bar_equals_the_quiet_clusters(corpus, texts, bars):
    # Copies to find: 20 articles again, with a word changed.
    docs = texts + [t.replace(" the ", " a ", 1) for t in texts[:20]]
    quiet = textlens.near_duplicates(docs)
    assert textlens.near_duplicates(docs, progress=True) == quiet
    assert len(quiet) >= 20
    assert corpus.near_duplicates(progress=True) == corpus.near_duplicates()
    assert [(b.n, b.total) for b in bars] == [(len(docs), len(docs)), (len(texts), len(texts))]


def test_ctrl_c_in_a_bar_stops_similarity_and_near_duplicates(corpus, texts, monkeypatch):
    class Interrupting(tqdm_auto.tqdm):
        def update(self, n=1):
            super().update(n)
            raise KeyboardInterrupt

    monkeypatch.setattr(tqdm_auto, "tqdm", Interrupting)
    with pytest.raises(KeyboardInterrupt):
        corpus.similarity(top_k=3, progress=True)
    with pytest.raises(KeyboardInterrupt):
        corpus.similarity(progress=True)
    with pytest.raises(KeyboardInterrupt):
        textlens.near_duplicates(texts, progress=True)
    # The corpus is untouched and the quiet calls still work.
    assert corpus.similarity(top_k=1).nnz == len(corpus)


def test_similarity_without_tqdm_names_the_extra(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(ImportError, match=r"textlens\[progress\]"):
        corpus.similarity(progress=True)
    with pytest.raises(ImportError, match=r"textlens\[progress\]"):
        corpus.near_duplicates(progress=True)


def test_read_articles_with_a_bar_counts_the_files(tmp_path, bench_docs, bars):
    records = bench_docs("en", 30)
    for k in range(3):  # three JSON Lines files and one seeds-format article
        part = records[k * 10 : (k + 1) * 10]
        (tmp_path / f"part{k}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in part), encoding="utf-8"
        )
    (tmp_path / "note.txt").write_text("date 2024-01-02\n\nA short article.", encoding="utf-8")
    quiet = textlens.read_articles(tmp_path)
    assert textlens.read_articles(tmp_path, progress=True) == quiet
    assert len(quiet) == 31
    one = textlens.read_articles(tmp_path / "part1.jsonl", progress=True)
    assert one == textlens.read_articles(tmp_path / "part1.jsonl")
    assert [(b.n, b.total) for b in bars] == [(4, 4), (1, 1)]


def test_read_articles_without_tqdm_names_the_extra(seeds, monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(ImportError, match=r"textlens\[progress\]"):
        textlens.read_articles(seeds, progress=True)
    assert len(textlens.read_articles(seeds)) == 5
