# ruff: noqa: RUF001
# (multilingual test data: Greek, Cyrillic and Turkish letters are meant, not look-alikes)
"""textlens.detect and textlens.Detection, on real text from the shared bench corpus."""

from __future__ import annotations

import re

import pytest
import textlens

# Languages of the bench corpus that whatlang can detect and that are labelled reliably.
DETECT_LANGS = ["en", "de", "es", "fr", "ru", "ar", "tr", "zh", "ja"]
FIRST_N = 20
LONG_CHARS = 1000
# textlens.SAMPLE_BYTES in the Rust crate (not exported to Python): longer texts are sampled.
SAMPLE_BYTES = 6 * 1024

# Written for this test (the corpus has no Greek): "Greece is a country in south-eastern
# Europe with a rich history and culture; Athens is its capital."
GREEK = (
    "Η Ελλάδα είναι μια χώρα της νοτιοανατολικής Ευρώπης με πλούσια ιστορία και πολιτισμό. "
    "Πρωτεύουσά της είναι η Αθήνα."
)


class TestDetectOnBenchCorpus:
    @pytest.mark.parametrize("lang", DETECT_LANGS)
    def test_first_docs_are_detected_as_labelled(self, bench_docs, lang):
        docs = bench_docs(lang, FIRST_N)
        assert len(docs) == FIRST_N
        assert {d["lang"] for d in docs} == {lang}
        found = [textlens.detect(d["text"]) for d in docs]
        misses = [
            (d["doc_id"], f.lang if f else None)
            for d, f in zip(docs, found, strict=True)
            if f is None or f.lang != lang
        ]
        assert len(docs) - len(misses) >= 0.95 * len(docs), f"{lang}: misdetected {misses}"

        long_docs = [
            (d, f) for d, f in zip(docs, found, strict=True) if len(d["text"]) >= LONG_CHARS
        ]
        assert long_docs, f"{lang}: no document of >= {LONG_CHARS} chars among the first {FIRST_N}"
        wrong = [(d["doc_id"], f and f.lang) for d, f in long_docs if f is None or f.lang != lang]
        assert not wrong, f"{lang}: long documents misdetected: {wrong}"

    @pytest.mark.parametrize("lang", DETECT_LANGS)
    def test_text_longer_than_the_sample_is_detected(self, bench_texts, lang):
        # Twenty articles joined: well over SAMPLE_BYTES, so only the start, middle and end
        # windows are looked at (CJK text has no spaces to cut the windows at).
        text = "\n\n".join(bench_texts(lang, FIRST_N))
        assert len(text.encode()) > 2 * SAMPLE_BYTES
        found = textlens.detect(text)
        assert found is not None
        assert found.lang == lang

    @pytest.mark.parametrize("lang", ["es", "fr", "ru", "ar", "tr"])
    def test_single_articles_longer_than_the_sample(self, bench_docs, lang):
        docs = [d for d in bench_docs(lang, 400) if len(d["text"].encode()) > SAMPLE_BYTES][:5]
        assert docs, f"{lang}: no article longer than {SAMPLE_BYTES} bytes in the first 400"
        assert [textlens.detect(d["text"]).lang for d in docs] == [lang] * len(docs)


class TestDetectGreek:
    def test_greek_sentence(self):
        found = textlens.detect(GREEK)
        assert found is not None
        assert (found.lang, found.name, found.iso639_3, found.script) == (
            "el",
            "Greek",
            "ell",
            "Greek",
        )
        assert found.reliable

    def test_greek_among_an_allowlist(self):
        assert textlens.detect(GREEK, allowlist=["el", "ru", "bg"]).lang == "el"


class TestAllowlist:
    def test_allowlist_restricts_the_answer(self, bench_texts):
        for text in bench_texts("es", 10):
            assert textlens.detect(text).lang == "es"
            assert textlens.detect(text, allowlist=["pt", "it"]).lang in {"pt", "it"}
            # Keeping the right answer in the list keeps the answer.
            assert textlens.detect(text, allowlist=["es", "pt"]).lang == "es"

    def test_allowlist_accepts_names_and_iso639_3(self, bench_texts):
        text = bench_texts("ru", 1)[0]
        assert textlens.detect(text, allowlist=["Ukrainian", "bul"]).lang in {"uk", "bg"}
        assert textlens.detect(text, allowlist=["Russian", "ukr"]).lang == "ru"

    def test_analyzer_detect_uses_its_allowlist(self, bench_texts):
        text = bench_texts("de", 1)[0]
        an = textlens.Analyzer(allowlist=["nl", "sv"])
        assert an.detect(text) == textlens.detect(text, allowlist=["nl", "sv"])
        assert an.detect(text).lang in {"nl", "sv"}

    def test_unknown_code_raises_unknown_language_error(self):
        with pytest.raises(textlens.UnknownLanguageError) as info:
            textlens.detect("hello world", allowlist=["en", "xx"])
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, textlens.TextlensError)
        assert '"xx"' in str(info.value)

    def test_undetectable_language_raises_unsupported_error(self):
        with pytest.raises(textlens.UnsupportedError, match="eu") as info:
            textlens.detect("kaixo mundua", allowlist=["eu"])
        assert isinstance(info.value, ValueError)

    def test_every_language_the_table_calls_undetectable_is_rejected(self):
        for row in textlens.languages():
            if row["detection"]:
                textlens.detect("text", allowlist=[row["code"]])
            else:
                with pytest.raises(textlens.UnsupportedError):
                    textlens.detect("text", allowlist=[row["code"]])

    def test_empty_allowlist_is_an_invalid_option(self):
        with pytest.raises(textlens.InvalidOptionError):
            textlens.detect("hello world", allowlist=[])


class TestNoClue:
    @pytest.mark.parametrize("text", ["", "   \n\t", "12345", "3.14 + 2,718 = 5.858", "!!! ... ?"])
    def test_no_language_gives_none(self, text):
        assert textlens.detect(text) is None

    def test_none_with_allowlist_too(self):
        assert textlens.detect("2022-12-30", allowlist=["en", "de"]) is None


class TestDetection:
    @pytest.fixture
    def detection(self, bench_texts):
        return textlens.detect(bench_texts("ru", 1)[0])

    def test_attribute_types(self, detection):
        assert isinstance(detection, textlens.Detection)
        assert (detection.lang, detection.name, detection.iso639_3) == ("ru", "Russian", "rus")
        assert detection.script == "Cyrillic"
        assert isinstance(detection.confidence, float)
        assert 0.0 <= detection.confidence <= 1.0
        assert isinstance(detection.reliable, bool)

    def test_attributes_agree_with_languages_table(self, bench_texts):
        table = {row["code"]: row for row in textlens.languages()}
        for lang in DETECT_LANGS:
            found = textlens.detect(bench_texts(lang, 1)[0])
            row = table[found.lang]
            assert (found.name, found.iso639_3) == (row["name"], row["iso639_3"])
            assert row["detection"] is True

    def test_repr(self, detection):
        expected = (
            f"Detection(lang={detection.lang!r}, name={detection.name!r}, "
            f"script={detection.script!r}, confidence={detection.confidence:.3f}, "
            f"reliable={detection.reliable!r})"
        )
        assert repr(detection) == expected
        assert re.fullmatch(r"Detection\(lang='ru', .*confidence=\d\.\d{3}, .*\)", repr(detection))

    def test_is_frozen_and_comparable(self, detection, bench_texts):
        with pytest.raises(AttributeError):
            detection.lang = "en"
        assert detection == textlens.detect(bench_texts("ru", 1)[0])
        assert detection != textlens.detect(GREEK)

    def test_short_text_is_not_reliable(self):
        # whatlang's own verdict: three words are no evidence.
        found = textlens.detect("Xi called Putin.")
        assert found is not None
        assert found.reliable is False
        assert found.confidence < 0.5
