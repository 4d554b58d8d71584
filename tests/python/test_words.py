# ruff: noqa: RUF001
# (Cyrillic letters in the abbreviation rows are meant, not look-alikes)
"""One definition of a word everywhere (issue 10): ``textlens.tokens(text, lang=…)``, the
Analyzer, the Corpus (terms, surface forms, dtm, keyness) and the report all see the same
words: Vietnamese words of several syllables, abbreviations with spaced periods, numbers in
groups of three, elided articles, Turkish suffixes, English possessives.

Oracles: the Vietnamese gold words of UD Vietnamese-VTB (``shared/segmentation``) and pyvi,
where installed; the issue's table for the other rows."""

from __future__ import annotations

import json

import pytest
import textlens
from textlens.cli import build_report

# (lang, text, the words a reader expects in it)
ROWS = [
    ("vi", "Quốc hội thông qua luật đất đai", ["Quốc hội", "thông qua", "luật", "đất đai"]),
    ("de", "Er kam z. B. gestern", ["Er", "kam", "z. B", "gestern"]),
    ("de", "Das ist d. h. gut", ["Das", "ist", "d. h", "gut"]),
    ("ru", "Это т. е. дом", ["Это", "т. е", "дом"]),
    ("en", "Some e. g. words", ["Some", "e. g", "words"]),
    ("fr", "L'État a dit qu'il", ["État", "a", "dit", "il"]),
    ("tr", "Türkiye'nin başkenti Ankara'dır", ["Türkiye", "başkenti", "Ankara"]),
    ("en", "The U.K.'s PM", ["The", "U.K", "PM"]),
]

NUMBERS = ["3.5", "3,5", "1.000.000", "1,000,000", "1 000 000", "1\u00a0000\u00a0000"]


def words(text: str, lang: str | None) -> list[str]:
    return [t.text for t in textlens.tokens(text, lang=lang) if t.kind == "word"]


@pytest.mark.parametrize(("lang", "text", "expected"), ROWS)
def test_tokens_with_a_language_are_its_words(lang, text, expected):
    assert words(text, lang) == expected
    for t in textlens.tokens(text, lang=lang):
        assert text[t.char_start : t.char_end] == t.text
        assert text.encode()[t.start : t.end].decode() == t.text


def test_without_a_language_tokens_stay_the_tokenizers():
    assert words("Quốc hội", None) == ["Quốc", "hội"]
    assert words("L'État", None) == ["L'État"]


@pytest.mark.parametrize("number", NUMBERS)
def test_numbers_are_one_token(number):
    toks = textlens.tokens(f"{number} kg", lang="fr")
    assert [(t.text, t.kind) for t in toks] == [(number, "number"), ("kg", "word")]


@pytest.mark.parametrize(("lang", "text", "expected"), ROWS)
def test_analyzer_terms_are_the_same_words(lang, text, expected):
    """Without stopwords or stemming, the Analyzer's terms are the tokens' words,
    normalized: the one word rule."""
    an = textlens.Analyzer(lang=lang, stopwords=None, stem=False)
    tidy = [t.norm.replace(". ", ".") for t in textlens.tokens(text, lang=lang) if t.kind == "word"]
    assert an.analyze(text) == tidy
    assert textlens.tokenize(text, lang=lang) == [t.lower() for t in expected]


@pytest.mark.parametrize(("lang", "text", "expected"), ROWS)
def test_the_report_counts_the_analyzers_terms(tmp_path, lang, text, expected):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    rep = build_report(textlens.read_articles(str(tmp_path)), lang=lang, top=50)
    [article] = rep["articles"]
    assert dict(article["top_terms"]) == textlens.Analyzer(lang).term_frequencies(text)


def test_vietnamese_through_corpus_dtm_keyness_and_report(tmp_path):
    news = [
        "Quốc hội thông qua luật đất đai sau nhiều tháng thảo luận.",
        "Quốc hội họp tại Hà Nội. Luật đất đai có hiệu lực từ năm sau.",
        "Người dân quan tâm đến luật đất đai và giá nhà ở Hà Nội.",
    ]
    sport = [
        "Đội tuyển bóng đá Việt Nam thắng trận giao hữu.",
        "Huấn luyện viên đội tuyển bóng đá hài lòng với các cầu thủ.",
        "Các cầu thủ bóng đá tập luyện trước trận đấu.",
    ]
    docs = [textlens.Document(t, id=f"n{i}") for i, t in enumerate(news)]
    docs += [textlens.Document(t, id=f"s{i}") for i, t in enumerate(sport)]
    corpus = textlens.Corpus(docs, analyzer=textlens.Analyzer(lang="auto"))
    assert {corpus.analyzer.detect(d.text).lang for d in docs} == {"vi"}
    terms = corpus.terms
    for w in ["quốc hội", "đất đai", "bóng đá", "cầu thủ", "hà nội"]:
        assert w in terms, w
    assert "quốc" not in terms and "hội" not in terms
    assert corpus.surface_forms()["quốc hội"] == "Quốc hội"
    m = corpus.dtm()
    col = corpus.vocabulary["đất đai"]
    assert m[:, [col]].toarray().ravel().tolist() == [1, 1, 1, 0, 0, 0]
    k = corpus.keyness([False] * 3 + [True] * 3, measure="g2")
    assert "bóng đá" in k.term.tolist()[:5]
    folder = tmp_path / "vi"
    folder.mkdir()
    for d in docs:
        (folder / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    rep = build_report(textlens.read_articles(str(folder)), top=3)
    shown = {t for a in rep["articles"] for t, _ in a["top_terms"]}
    assert any(" " in t for t in shown), shown
    json.dumps(rep, ensure_ascii=False)


def test_sklearn_lang_auto_counts_the_same_words():
    sklearn = pytest.importorskip("textlens.sklearn")
    docs = [
        "Quốc hội thông qua luật đất đai sau nhiều tháng thảo luận.",
        "Die Regierung hat z. B. 1 000 000 Euro ausgegeben, d. h. mehr als geplant.",
        "L'État a dit qu'il n'y aurait pas d'augmentation.",
    ]
    vec = sklearn.CountVectorizer(lang="auto").fit(docs)
    features = set(vec.get_feature_names_out())
    an = textlens.Analyzer("auto", stopwords=None, stem=False)
    for d in docs:
        assert set(an.analyze(d)) <= features
    assert {"quốc hội", "đất đai", "z.b", "d.h"} <= features
    assert "quốc" not in features


def _vtb():
    import os
    from pathlib import Path

    shared = Path(os.environ.get("TEXTLENS_SHARED", Path(__file__).parents[3] / "shared"))
    path = shared / "segmentation" / "words" / "vi-vtb-dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _f1(sentences, segment) -> float:
    def spans(pieces):
        out, at = [], 0
        for p in pieces:
            n = sum(1 for c in p if not c.isspace())
            if n:
                out.append((at, at + n))
            at += n
        return out

    tp = n_pred = n_gold = 0
    for s in sentences:
        gold = set(spans(s["words"]))
        pred = spans(segment(s["text"]))
        tp += sum(1 for p in pred if p in gold)
        n_pred += len(pred)
        n_gold += len(gold)
    p, r = tp / n_pred, tp / n_gold
    return 2 * p * r / (p + r)


def test_vietnamese_words_match_the_gold_at_least_as_well_as_pyvi():
    sentences = _vtb()
    ours = _f1(sentences, lambda t: [x.text for x in textlens.tokens(t, lang="vi")])
    assert ours >= 0.95
    pyvi = pytest.importorskip("pyvi.ViTokenizer")
    # pyvi joins a word's syllables with "_".
    theirs = _f1(
        sentences, lambda t: [w.replace("_", " ") for w in pyvi.ViTokenizer.tokenize(t).split()]
    )
    assert ours >= theirs - 0.005, (ours, theirs)
