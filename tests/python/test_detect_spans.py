"""textlens.detect_spans: the languages of mixed-language texts and where each runs.

Oracle: texts joined from UD sentences of known languages (``$TEXTLENS_SHARED/segmentation``),
whose construction says which language every character is in.
"""

from __future__ import annotations

import itertools
import json
import random
from typing import ClassVar

import pytest
import textlens

from tests.python.conftest import shared_dir

ARTICLE = (
    "The chancellor met the press on Monday after a long day of negotiations in Berlin. "
    "„Wir haben heute sehr gute Gespräche geführt und werden morgen weiter verhandeln“, "
    "sagte er vor dem Kanzleramt. Reporters were not allowed to ask any questions, and the "
    "opposition said that the government had again failed to explain its plans."
)
QUOTE = "„Wir haben heute sehr gute Gespräche geführt und werden morgen weiter verhandeln“"


def sentences_of(lang: str, n: int = 40) -> list[str]:
    path = next((shared_dir() / "segmentation" / "sentences").glob(f"{lang}-*-dev.jsonl"))
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            out += [s for s in json.loads(line)["sentences"] if 60 <= len(s) <= 300]
    return out[:n]


def joined(langs: list[str], rng: random.Random, pools) -> tuple[str, list[tuple[str, int, int]]]:
    """Text of one run of two sentences per language, and each run's (lang, start, end)."""
    text, runs = "", []
    for lang in langs:
        run = " ".join(rng.sample(pools[lang], 2))
        if text:
            text += " "
        runs.append((lang, len(text), len(text) + len(run)))
        text += run
    return text, runs


class TestSpan:
    def test_offsets_slice_the_text_and_cover_it(self):
        text = "  Ünïcödé first: " + ARTICLE + " 👍 done. "
        spans = textlens.detect_spans(text)
        assert spans[0].start == 0 and spans[-1].end == len(text)
        for a, b in itertools.pairwise(spans):
            assert a.end == b.start and a.lang != b.lang
        for s in spans:
            piece = text[s.start : s.end]
            assert piece.encode() == text.encode()[s.byte_start : s.byte_end]
            assert s.name == textlens.detect(piece, allowlist=[s.lang]).name
        assert repr(spans[0]).startswith("Span(lang=")

    def test_a_german_quote_in_an_english_article_is_found(self):
        spans = textlens.detect_spans(ARTICLE)
        assert [s.lang for s in spans] == ["en", "de", "en"]
        de = ARTICLE[spans[1].start : spans[1].end]
        # The quote is German; its neighbours stay English.
        assert "Gespräche geführt" in de
        assert "Reporters" not in de and "negotiations" not in de
        inside = ARTICLE.index(QUOTE), ARTICLE.index(QUOTE) + len(QUOTE)
        overlap = min(inside[1], spans[1].end) - max(inside[0], spans[1].start)
        assert overlap >= 0.8 * len(QUOTE)

    def test_one_language_is_one_span(self):
        text = "Президент России провёл телефонный разговор с председателем КНР."  # noqa: RUF001
        assert [(s.lang, s.start, s.end) for s in textlens.detect_spans(text)] == [
            ("ru", 0, len(text))
        ]

    @pytest.mark.parametrize("text", ["", " ", "12 345", "👍👍 — !!", "\u3000\xa0"])
    def test_no_letters_no_spans(self, text):
        assert textlens.detect_spans(text) == []

    def test_allowlist_limits_the_languages(self):
        spans = textlens.detect_spans(ARTICLE, allowlist=["en", "fr"])
        assert {s.lang for s in spans} <= {"en", "fr"}

    def test_bad_options_raise_value_errors(self):
        with pytest.raises(ValueError, match="min_words"):
            textlens.detect_spans(ARTICLE, min_words=-1)
        with pytest.raises(ValueError, match="switch_cost"):
            textlens.detect_spans(ARTICLE, switch_cost=float("nan"))
        with pytest.raises(textlens.UnknownLanguageError):
            textlens.detect_spans(ARTICLE, allowlist=["xx"])


class TestJoinedSentencesOracle:
    """Runs of two UD sentences of 2-3 languages: most characters get their run's language."""

    LANGS: ClassVar[list[str]] = ["en", "de", "fr", "es", "ru", "pl", "tr", "nl"]

    def test_characters_get_the_language_of_their_run(self):
        pools = {lang: sentences_of(lang) for lang in self.LANGS}
        rng = random.Random(12)
        right = total = found_all = 0
        cases = 30
        for _ in range(cases):
            langs = rng.sample(self.LANGS, rng.choice((2, 3)))
            text, runs = joined(langs, rng, pools)
            spans = textlens.detect_spans(text)
            label = [None] * len(text)
            for s in spans:
                label[s.start : s.end] = [s.lang] * (s.end - s.start)
            for lang, a, b in runs:
                chars = [i for i in range(a, b) if not text[i].isspace()]
                right += sum(label[i] == lang for i in chars)
                total += len(chars)
            found_all += [s.lang for s in spans] == langs
        # Measured 0.9+ (whatlang engine); a detector that ignored the mix would score ~0.45.
        assert right / total >= 0.85
        assert found_all >= 0.6 * cases


class TestAnalyzerMixed:
    def test_each_span_is_analyzed_by_its_own_language(self):
        mixed = textlens.Analyzer(mixed=True).analyze(ARTICLE)
        en = textlens.Analyzer("en")
        de = textlens.Analyzer("de")
        spans = textlens.detect_spans(ARTICLE)
        expected = [
            t for s in spans for t in textlens.Analyzer(s.lang).analyze(ARTICLE[s.start : s.end])
        ]
        assert mixed == expected
        # German stopwords gone from the quote, English ones from the article.
        assert "wir" not in mixed and "und" not in mixed and "the" not in mixed
        assert "gesprach" in mixed and de.analyze("Gespräche") == ["gesprach"]
        assert "negoti" in mixed and en.analyze("negotiations") == ["negoti"]

    def test_corpus_uses_it(self):
        an = textlens.Analyzer(mixed=True)
        corpus = textlens.Corpus([ARTICLE, "Nur ein deutscher Satz über die Wahlen."], analyzer=an)
        assert "gesprach" in corpus.vocabulary
        assert "und" not in corpus.vocabulary

    def test_options_round_trip_and_need_auto(self):
        an = textlens.Analyzer(mixed=True)
        assert an.options["mixed"] is True
        assert textlens.Analyzer(**an.options) == an
        assert an != textlens.Analyzer()
        with pytest.raises(ValueError, match="mixed"):
            textlens.Analyzer("en", mixed=True)


def test_an_allowlist_the_span_search_cannot_honour_is_an_error() -> None:
    # Spans are found by whatlang, which has no Basque: asking for it is an error,
    # never silently no span (the n-gram engine knows Basque, so `detect` accepts it).
    text = "The minister said it twice. Gobernuak gaur iragarri du legea aldatuko duela."
    assert textlens.detect(text, allowlist=["eu", "en"]) is not None
    with pytest.raises(ValueError, match=r"eu|Basque"):
        textlens.detect_spans(text, allowlist=["eu", "en"])
    with pytest.raises(ValueError, match=r"eu|Basque"):
        textlens.Analyzer("auto", mixed=True, allowlist=["eu", "en"])
    assert textlens.Analyzer("auto", allowlist=["eu", "en"]).analyze("Gobernuak gaur")
    spans = textlens.detect_spans(text, allowlist=["en", "de"])
    assert all(s.lang in ("en", "de") for s in spans)
