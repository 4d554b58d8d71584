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
        # Breton: in neither lingua's models nor whatlang's.
        with pytest.raises(textlens.UnsupportedError, match="br") as info:
            textlens.detect("demat d'an holl", allowlist=["br"])
        assert isinstance(info.value, ValueError)

    def test_allowlist_is_checked_against_the_engine(self):
        # Basque: lingua's models have it (n-gram engine), whatlang does not.
        assert textlens.detect("Kaixo, zer moduz zaude gaur?", allowlist=["eu", "es"]).lang == "eu"
        with pytest.raises(textlens.UnsupportedError, match="eu"):
            textlens.detect("kaixo mundua", allowlist=["eu"], engine="whatlang")

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
        # Three words (two of them names): right, but below the 0.9 the n-gram engine's
        # calibration asks of a reliable answer.
        found = textlens.detect("Xi called Putin.")
        assert found is not None
        assert found.lang == "en"
        assert found.reliable is False
        assert found.confidence < textlens_reliable_probability()
        # whatlang's own verdict: three words are no evidence.
        found = textlens.detect("Xi called Putin.", engine="whatlang")
        assert found is not None
        assert found.reliable is False
        assert found.confidence < 0.5


def textlens_reliable_probability() -> float:
    return 0.9  # textlens::RELIABLE_PROBABILITY in the Rust crate


class TestEngines:
    def test_unknown_engine_is_an_invalid_option(self):
        with pytest.raises(textlens.InvalidOptionError, match="engine"):
            textlens.detect("hello world", engine="cld3")

    @pytest.mark.parametrize("lang", DETECT_LANGS)
    def test_both_engines_find_the_bench_languages(self, bench_texts, lang):
        for text in bench_texts(lang, 5):
            assert textlens.detect(text).lang == lang
            assert textlens.detect(text, engine="whatlang").lang == lang

    def test_whatlang_engine_gives_one_candidate(self, bench_texts):
        text = bench_texts("de", 1)[0]
        found = textlens.detect(text, engine="whatlang")
        assert textlens.detect_all(text, engine="whatlang") == [(found.lang, found.confidence)]


class TestDetectAll:
    def test_probabilities_sum_to_one_and_are_sorted(self):
        ranked = textlens.detect_all("Det er en god dag i dag")
        assert len(ranked) > 10
        assert abs(sum(p for _, p in ranked) - 1) < 1e-9
        assert [p for _, p in ranked] == sorted((p for _, p in ranked), reverse=True)
        assert ranked[0][0] in ("da", "no")
        assert len({code for code, _ in ranked}) == len(ranked)

    def test_agrees_with_detect(self, bench_texts):
        for lang in ("de", "ru", "ar", "tr"):
            text = bench_texts(lang, 1)[0][:300]
            found = textlens.detect(text)
            top = textlens.detect_all(text)[0]
            assert top == (found.lang, pytest.approx(found.confidence))

    def test_only_languages_of_the_script(self):
        ranked = textlens.detect_all("Привет, как дела?")
        assert {code for code, _ in ranked} <= {"be", "bg", "kk", "mk", "ru", "sr", "uk"}

    def test_allowlist(self):
        ranked = textlens.detect_all(
            "O presidente falou com o seu homólogo.", allowlist=["es", "pt"]
        )
        assert [code for code, _ in ranked] == ["pt", "es"]

    def test_no_clue_is_empty(self):
        assert textlens.detect_all("") == []
        assert textlens.detect_all("12 345 — 67 %") == []


class TestPrior:
    # A close call: "Hotel Central" is English, Dutch, German, Spanish… alike.
    CLOSE = "Hotel Central"

    def test_prior_shifts_a_close_call(self):
        assert textlens.detect(self.CLOSE, prior={"nl": 50}).lang == "nl"
        assert textlens.detect(self.CLOSE, prior={"de": 50}).lang == "de"

    def test_list_means_expected_languages(self):
        found = textlens.detect(self.CLOSE, prior=["es"])
        no_prior = dict(textlens.detect_all(self.CLOSE))
        with_prior = dict(textlens.detect_all(self.CLOSE, prior=["es"]))
        assert with_prior["es"] > no_prior["es"]
        assert found.lang == max(with_prior, key=with_prior.get)

    def test_prior_leaves_clear_answers_alone(self, bench_texts):
        text = bench_texts("fr", 1)[0]
        assert textlens.detect(text, prior={"it": 100}).lang == "fr"

    @pytest.mark.parametrize("bad", [{"en": 0}, {"en": -1.0}, {"en": float("nan")}])
    def test_weights_must_be_positive(self, bad):
        with pytest.raises(textlens.InvalidOptionError, match="prior"):
            textlens.detect("hello", prior=bad)

    def test_str_is_not_a_list_of_languages(self):
        with pytest.raises(TypeError):
            textlens.detect("hello", prior="en")

    def test_whatlang_has_no_prior(self):
        with pytest.raises(textlens.InvalidOptionError, match="prior"):
            textlens.detect("hello", prior=["en"], engine="whatlang")


class TestBadInput:
    @pytest.mark.parametrize(
        "text", ["", "   ", "1234567890", "😀🎉👍", "2024-12-04 12:00 +1.5 %", "…—–·•"]
    )
    def test_no_letters_gives_none(self, text):
        assert textlens.detect(text) is None
        assert textlens.detect_all(text) == []

    def test_one_letter(self):
        found = textlens.detect("a")
        assert found is None or found.script == "Latin"
        assert textlens.detect("ж").script == "Cyrillic"
        assert textlens.detect("ж").lang in ("be", "bg", "kk", "mk", "ru", "sr", "uk")
        assert textlens.detect("λ").lang == "el"

    def test_scripts_of_one_language(self):
        assert textlens.detect("한국어 뉴스").lang == "ko"
        assert textlens.detect("ひらがなとカタカナ").lang == "ja"
        assert textlens.detect("中华人民共和国").lang == "zh"
        assert textlens.detect("ქართული ენა").lang == "ka"

    def test_twenty_scripts_mixed(self):
        text = (
            "hello привет γειά שלום مرحبا नमस्ते হ্যালো ਸਤ ਸ੍ਰੀ હેલો வணக்கம் హలో ಹಲೋ ഹലോ "
            "ආයුබෝවන් สวัสดี မင်္ဂလာပါ សួស្តី ሰላም 안녕 こんにちは 你好 բարեւ გამარჯობა"
        )
        found = textlens.detect(text)
        assert found is not None
        assert isinstance(found.lang, str)
        ranked = textlens.detect_all(text)
        assert abs(sum(p for _, p in ranked) - 1) < 1e-9 or len(ranked) == 1

    def test_languages_outside_the_model_fall_back_to_whatlang(self):
        # Amharic (Ethiopic script) is not among lingua's models; whatlang knows it.
        assert textlens.detect("ሰላም እንዴት ነህ ዛሬ ጥሩ ቀን ነው").lang == "am"

    def test_a_huge_document_is_sampled(self):
        text = "Der Kreml teilte mit, dass die Präsidenten telefoniert haben. " * 400_000
        assert len(text) > 20_000_000
        assert textlens.detect(text).lang == "de"
