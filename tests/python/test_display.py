"""At home in Jupyter: rich displays, pandas inputs and friendly errors for missing extras."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest
import textlens

TEXTS = ["Putin called Xi.", "Xi called Putin back.", "Snow in Moscow."]


class _Checker(HTMLParser):
    """Collects text and checks tags nest (every opened tag closed in order)."""

    VOID = frozenset({"br", "meta", "img", "hr", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def rendered_text(fragment: str) -> str:
    checker = _Checker()
    checker.feed(fragment)
    checker.close()
    assert checker.stack == [], checker.stack
    return " ".join(checker.text)


class TestReprHtml:
    def test_corpus(self):
        docs = [
            textlens.Document(t, id=f"d{i}", source=s)
            for i, (t, s) in enumerate(zip(TEXTS, ["TASS", "TASS", "AP"], strict=True))
        ]
        c = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
        text = rendered_text(c._repr_html_())
        assert "3 documents" in text and f"{len(c.terms)} terms" in text
        assert "en 3" in text  # languages detected, counted
        assert "TASS 2" in text and "AP 1" in text
        # The top terms are the most frequent ones.
        top = ", ".join(sorted(c.terms, key=lambda t: -c.term_counts[c.vocabulary[t]])[:3])
        assert top.split(", ")[0] in text
        assert repr(c) == f"Corpus(3 documents, {len(c.terms)} terms)"

    def test_document_escapes_its_text(self):
        d = textlens.Document("<b>Putin</b> & Xi", id="a<1>", meta={"title": "Talks"})
        page = d._repr_html_()
        assert "<b>Putin" not in page and "&lt;b&gt;Putin&lt;/b&gt; &amp; Xi" in page
        assert "meta.title" in rendered_text(page)

    def test_detection_and_minhash(self):
        found = textlens.detect("Der Kreml bestätigte das Gespräch am Freitag.")
        assert "German (de" in rendered_text(found._repr_html_())
        m = textlens.minhash("Putin and Xi spoke on Friday about the war.")
        text = rendered_text(m._repr_html_())
        assert "128" in text and str(int(m.hashvalues[0])) in text


class TestCorpusFromPandas:
    def test_dataframe_uses_its_text_column_and_index(self):
        df = pd.DataFrame({"text": TEXTS, "source": ["TASS", "TASS", "AP"]}, index=["a", "b", "c"])
        c = textlens.Corpus(df, analyzer=textlens.Analyzer("en"))
        assert [d.id for d in c.documents] == ["a", "b", "c"]
        assert [d.source for d in c.documents] == ["TASS", "TASS", "AP"]
        # The same corpus as from the texts: never a corpus of the column names.
        plain = textlens.Corpus(TEXTS, analyzer=textlens.Analyzer("en"))
        assert c.terms == plain.terms
        assert (c.dtm() != plain.dtm()).nnz == 0

    def test_text_column_by_name_or_a_clear_error(self):
        df = pd.DataFrame({"body": TEXTS})
        assert len(textlens.Corpus(df, text_column="body")) == 3
        with pytest.raises(KeyError, match="no column 'text'"):
            textlens.Corpus(df)

    def test_series(self):
        s = pd.Series(TEXTS, index=[10, 11, 12])
        c = textlens.Corpus(s)
        assert [d.id for d in c.documents] == ["10", "11", "12"]
        assert len(c.terms) == len(textlens.Corpus(TEXTS).terms)


def test_sklearn_without_scikit_learn_names_the_extra():
    code = (
        "import sys; sys.modules['sklearn'] = None\n"
        "try:\n    import textlens.sklearn\n"
        "except ModuleNotFoundError as e:\n    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert "pip install 'textlens[sklearn]'" in out


def test_plot_without_matplotlib_names_the_extra():
    code = (
        "import sys; sys.modules['matplotlib'] = None; sys.modules['matplotlib.pyplot'] = None\n"
        "import textlens, textlens.plot\n"
        "try:\n    textlens.plot.similarity_heatmap([[1.0, 0.5], [0.5, 1.0]])\n"
        "except ModuleNotFoundError as e:\n    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert "pip install 'textlens[plot]'" in out


class TestLabelledFrames:
    def test_similarity_as_frame_has_document_ids(self):
        docs = [textlens.Document(t, id=f"d{i}") for i, t in enumerate(TEXTS)]
        c = textlens.Corpus(docs, analyzer=textlens.Analyzer("en"))
        frame = c.similarity(as_frame=True)
        assert list(frame.index) == list(frame.columns) == ["d0", "d1", "d2"]
        assert (frame.to_numpy() == c.similarity()).all()
        other = textlens.Corpus([textlens.Document("Xi calls Putin.", id="x")])
        assert list(c.similarity(other, as_frame=True).columns) == ["x"]
        assert list(c.similarity(["Xi calls Putin."], as_frame=True).columns) == [0]
        top = c.similarity(top_k=2, as_frame=True)
        assert isinstance(top.dtypes.iloc[0], pd.SparseDtype)
        assert (top.sparse.to_dense().to_numpy() == c.similarity(top_k=2).toarray()).all()

    def test_dtm_as_a_sparse_frame_with_terms_as_columns(self):
        c = textlens.Corpus(TEXTS, analyzer=textlens.Analyzer("en"))
        frame = c.dtm(as_frame=True)
        assert list(frame.columns) == c.terms and list(frame.index) == ["0", "1", "2"]
        assert all(isinstance(t, pd.SparseDtype) for t in frame.dtypes)
        assert (frame.sparse.to_dense().to_numpy() == c.dtm().toarray()).all()
        dense = c.dtm("tfidf", dense=True, as_frame=True)
        assert (dense.to_numpy() == c.dtm("tfidf", dense=True)).all()

    def test_languages_as_frame(self):
        rows = textlens.languages()
        frame = textlens.languages(as_frame=True)
        # Missing stemmers are NaN in the frame, None in the rows.
        assert frame.astype(object).where(frame.notna(), None).to_dict("records") == rows
