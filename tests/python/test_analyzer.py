# ruff: noqa: RUF001, RUF003
# (multilingual test data: Greek, Cyrillic and Turkish letters are meant, not look-alikes)
"""textlens.Analyzer: the whole pipeline, checked against its own parts (tokenize, stem,
stopwords), Python's unicodedata and collections.Counter, on real multilingual articles."""

from __future__ import annotations

import math
import pickle
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import textlens

MIX_LANGS = ["en", "de", "es", "fr", "ru", "ar", "tr", "zh", "ja", "cs", "pl", "uk", "he", "hr"]
PER_LANG = 22  # 14 × 22 = 308 texts
STOP_LANGS = ["en", "de", "es", "fr", "ru", "tr", "ar"]


@pytest.fixture(scope="module")
def mixed_texts(bench_texts):
    texts = [t for lang in MIX_LANGS for t in bench_texts(lang, PER_LANG)]
    assert len(texts) >= 300
    return texts


def strip_accents_oracle(word: str) -> str:
    """scikit-learn's strip_accents='unicode' on NFD: drop characters with a non-zero
    canonical combining class, recompose."""
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def word_tokens(text: str) -> list[str]:
    return [t.text for t in textlens.tokens(text) if t.kind == "word"]


def ngrams_oracle(unigrams: list[str], lo: int, hi: int) -> list[str]:
    """scikit-learn's _word_ngrams order: all n-grams of size lo, then lo + 1, …"""
    out = list(unigrams) if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        out += [" ".join(unigrams[i : i + n]) for i in range(len(unigrams) - n + 1)]
    return out


class TestAnalyzer:
    # -- many texts, many threads -------------------------------------------------------------

    def test_analyze_many_equals_analyze_one_by_one(self, mixed_texts):
        an = textlens.Analyzer()
        expected = [an.analyze(t) for t in mixed_texts]
        assert an.analyze_many(mixed_texts) == expected
        assert an.analyze_many(tuple(mixed_texts)) == expected
        assert an.analyze_many(iter(mixed_texts)) == expected
        assert sum(map(len, expected)) > 50_000

    def test_auto_applies_the_detected_language(self, bench_texts):
        auto = textlens.Analyzer()
        for lang in ["en", "de", "ru", "tr", "ar", "zh"]:
            for text in bench_texts(lang, 3):
                assert auto.detect(text).lang == lang
                assert auto.analyze(text) == textlens.Analyzer(lang).analyze(text)

    def test_threads_share_one_analyzer(self, mixed_texts):
        an = textlens.Analyzer(ngram_range=(1, 2))
        sequential = [an.analyze(t) for t in mixed_texts]
        sequential_tf = [an.term_frequencies(t) for t in mixed_texts[:80]]
        with ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(an.analyze, mixed_texts))
            threaded_tf = list(pool.map(an.term_frequencies, mixed_texts[:80]))
            chunks = [mixed_texts[i::8] for i in range(8)]
            threaded_many = list(pool.map(an.analyze_many, chunks))
        assert threaded == sequential
        assert threaded_tf == sequential_tf
        for i, chunk_terms in enumerate(threaded_many):
            assert chunk_terms == sequential[i::8]

    def test_analyze_many_rejects_missing_values_naming_the_index(self):
        an = textlens.Analyzer("en")
        with pytest.raises(TypeError, match=r"texts\[1\] is NoneType.*missing value"):
            an.analyze_many(["a text", None, "another"])
        with pytest.raises(TypeError, match=r"texts\[2\] is float.*missing value"):
            an.analyze_many(["a", "b", float("nan")])
        with pytest.raises(TypeError, match="single str"):
            an.analyze_many("a text")

    def test_empty_inputs(self):
        an = textlens.Analyzer()
        assert an.analyze("") == []
        assert an.analyze_many([]) == []
        assert an.term_frequencies("") == {}
        assert an.analyze("12345 !!!") == []

    # -- pickling and equality -----------------------------------------------------------------

    @pytest.mark.parametrize(
        "kwargs",
        [
            {},
            {"lang": "tr", "engine": "current", "ngram_range": (1, 3), "min_token_len": 2},
            {"lang": "en", "stopwords": ["putin"], "extra_stopwords": ["xi"], "stem": False},
            {"stopwords": False, "strip_accents": True, "normalization": "nfkc"},
            {"allowlist": ["en", "de", "ru"], "token_kinds": ["word", "number", "url"]},
            {"lang": "ru", "lowercase": False},
        ],
    )
    def test_pickle_round_trip(self, kwargs, mixed_texts):
        an = textlens.Analyzer(**kwargs)
        copy = pickle.loads(pickle.dumps(an))
        assert copy == an
        assert copy.options == an.options
        assert repr(copy) == repr(an)
        sample = mixed_texts[::10]
        assert copy.analyze_many(sample) == an.analyze_many(sample)

    def test_equality_is_by_options(self):
        assert textlens.Analyzer("en") == textlens.Analyzer("English")
        assert textlens.Analyzer("en") != textlens.Analyzer("de")
        assert textlens.Analyzer("en") != textlens.Analyzer("en", stem=False)
        assert textlens.Analyzer() != "Analyzer()"

    def test_repr(self):
        an = textlens.Analyzer("de", ngram_range=(1, 2), engine="current")
        assert repr(an) == "Analyzer(lang='de', stem=True, engine='current', ngram_range=(1, 2))"

    def test_options_rebuild_the_analyzer(self):
        an = textlens.Analyzer("en", stopwords=["putin"], token_kinds=["word", "number"])
        assert textlens.Analyzer(**an.options) == an

    # -- option errors -------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"ngram_range": (2, 1)}, textlens.InvalidOptionError),
            ({"ngram_range": (0, 1)}, textlens.InvalidOptionError),
            ({"token_kinds": []}, textlens.InvalidOptionError),
            ({"token_kinds": ["bogus"]}, textlens.InvalidOptionError),
            ({"engine": "x"}, textlens.InvalidOptionError),
            ({"normalization": "nfd"}, textlens.InvalidOptionError),
            ({"lang": "xx"}, textlens.UnknownLanguageError),
            ({"lang": "en", "allowlist": ["de"]}, textlens.InvalidOptionError),
            ({"allowlist": []}, textlens.InvalidOptionError),
            ({"allowlist": ["br"]}, textlens.UnsupportedError),
            ({"allowlist": ["en", "xx"]}, textlens.UnknownLanguageError),
        ],
    )
    def test_option_errors(self, kwargs, error):
        with pytest.raises(error) as info:
            textlens.Analyzer(**kwargs)
        assert isinstance(info.value, textlens.TextlensError)
        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize("arg", ["stopwords", "extra_stopwords", "token_kinds", "allowlist"])
    def test_single_str_where_a_list_is_expected_is_a_type_error(self, arg):
        with pytest.raises(TypeError, match=f"{arg} must be a sequence of str"):
            textlens.Analyzer(**{arg: "the"})

    # -- stopwords -----------------------------------------------------------------------------

    @pytest.mark.parametrize("lang", STOP_LANGS)
    def test_builtin_stopwords_are_the_published_list(self, bench_texts, lang):
        # Oracle: the unfiltered terms minus textlens.stopwords(lang), normalized like tokens.
        listed = {w for raw in textlens.stopwords(lang) for w in textlens.tokenize(raw, lang=lang)}
        assert listed
        keep = textlens.Analyzer(lang, stem=False, stopwords=False)
        drop = textlens.Analyzer(lang, stem=False, stopwords=True)
        removed = 0
        for text in bench_texts(lang, 20):
            everything = keep.analyze(text)
            expected = [w for w in everything if w not in listed]
            assert drop.analyze(text) == expected
            removed += len(everything) - len(expected)
        assert removed > 100

    def test_stopwords_true_false_and_default(self):
        text = "The Kremlin said that the talks were held by video link."
        assert "the" in textlens.stopwords("en")
        assert "the" not in textlens.Analyzer("en", stopwords=True, stem=False).analyze(text)
        assert "the" not in textlens.Analyzer("en", stem=False).analyze(text)
        kept = textlens.Analyzer("en", stopwords=False, stem=False).analyze(text)
        assert kept.count("the") == 2
        assert kept == textlens.tokenize(text, lang="en")

    def test_stopwords_none_means_none(self):
        text = "The Kremlin said that the talks were held by video link."
        assert textlens.Analyzer("en", stopwords=None, stem=False).analyze(
            text
        ) == textlens.tokenize(text, lang="en")

    def test_custom_stopwords_replace_the_list(self, bench_texts):
        text = next(t for t in bench_texts("en", 200) if "Putin" in t)
        base = textlens.Analyzer("en", stopwords=False, stem=False).analyze(text)
        custom = textlens.Analyzer("en", stopwords=["putin"], stem=False).analyze(text)
        assert custom == [w for w in base if w != "putin"]
        assert "the" in custom  # the built-in list is not applied
        # Custom words are normalized like tokens; any iterable works.
        assert textlens.Analyzer("en", stopwords=("PUTIN",), stem=False).analyze(text) == custom
        assert textlens.Analyzer("en", stopwords={"Putin"}, stem=False).analyze(text) == custom

    def test_extra_stopwords_extend_the_list(self, bench_texts):
        text = next(t for t in bench_texts("en", 200) if "Putin" in t)
        default = textlens.Analyzer("en", stem=False).analyze(text)
        extra = textlens.Analyzer("en", stem=False, extra_stopwords=["Putin", "said"]).analyze(text)
        assert extra == [w for w in default if w not in {"putin", "said"}]
        assert "the" not in extra
        only_extra = textlens.Analyzer(
            "en", stem=False, stopwords=False, extra_stopwords=["the"]
        ).analyze(text)
        assert "the" not in only_extra
        assert "and" in only_extra

    def test_stopwords_removed_before_stemming(self):
        # "was" is a stopword; its stem "wa" must not appear.
        assert textlens.Analyzer("en").analyze("It was running") == ["run"]

    # -- stemming ------------------------------------------------------------------------------

    @pytest.mark.parametrize("lang", [*STOP_LANGS, "cs", "pl"])
    @pytest.mark.parametrize("engine", ["classic", "current"])
    def test_stemming_is_textlens_stem_of_the_unstemmed_terms(self, bench_texts, lang, engine):
        stemmed = textlens.Analyzer(lang, engine=engine)
        plain = textlens.Analyzer(lang, engine=engine, stem=False)
        for text in bench_texts(lang, 10):
            words = plain.analyze(text)
            # Abbreviations with inner periods ("u.s") are not stemmed.
            expected = [
                w if _dotted(w) else s
                for w, s in zip(words, textlens.stem(words, lang, engine=engine), strict=True)
            ]
            assert stemmed.analyze(text) == expected

    def test_stem_false(self, bench_texts):
        for text in bench_texts("de", 10):
            an = textlens.Analyzer("de", stem=False, stopwords=False)
            assert an.analyze(text) == textlens.tokenize(text, lang="de")

    def test_languages_without_stemmer_or_stopwords_pass_through(self, bench_texts):
        for lang in ["he", "hr", "zh", "ja"]:
            for text in bench_texts(lang, 3):
                expected = textlens.tokenize(text, lang=lang)
                stop = set(textlens.stopwords(lang))
                expected = [w for w in expected if w not in stop]
                assert textlens.Analyzer(lang).analyze(text) == expected

    @pytest.mark.parametrize("lang", ["tr", "ar"])
    def test_no_empty_terms_on_real_text(self, bench_texts, lang):
        an = textlens.Analyzer(lang, stopwords=False)
        for terms in an.analyze_many(bench_texts(lang, 300)):
            assert "" not in terms

    # -- n-grams, lengths, kinds ---------------------------------------------------------------

    @pytest.mark.parametrize("ngram_range", [(1, 2), (1, 3), (2, 2), (2, 3), (3, 3)])
    def test_ngrams_follow_scikit_learn_order(self, bench_texts, ngram_range):
        unigrams = textlens.Analyzer("en")
        grams = textlens.Analyzer("en", ngram_range=ngram_range)
        for text in bench_texts("en", 10):
            assert grams.analyze(text) == ngrams_oracle(unigrams.analyze(text), *ngram_range)

    def test_ngrams_small_example(self):
        an = textlens.Analyzer("en", ngram_range=(1, 2), stem=False, stopwords=False)
        assert an.analyze("a b c") == ["a", "b", "c", "a b", "b c"]
        assert textlens.Analyzer("en", ngram_range=(2, 3)).analyze("Putin") == []

    @pytest.mark.parametrize("n", [1, 2, 3, 5])
    def test_min_token_len_counts_characters(self, mixed_texts, n):
        base = textlens.Analyzer(stem=False)
        longer = textlens.Analyzer(stem=False, min_token_len=n)
        sample = mixed_texts[::7]
        for text, terms in zip(sample, longer.analyze_many(sample), strict=True):
            assert terms == [w for w in base.analyze(text) if len(w) >= n]

    def test_min_token_len_drops_cjk_bigrams(self, bench_texts):
        text = bench_texts("zh", 1)[0]
        assert textlens.Analyzer("zh", min_token_len=3).analyze(text) == [
            w for w in textlens.Analyzer("zh").analyze(text) if len(w) >= 3
        ]

    @pytest.mark.parametrize(
        "kinds", [["word", "number"], ["number"], ["punct", "symbol"], ["url", "email", "word"]]
    )
    def test_token_kinds(self, bench_texts, kinds):
        an = textlens.Analyzer("en", token_kinds=kinds, stem=False, stopwords=False)
        for text in bench_texts("en", 20):
            toks = textlens.tokens(text, lang="en")
            expected = [
                _word_rule("en", t.norm) if t.kind == "word" else t.norm
                for i, t in enumerate(toks)
                if t.kind in kinds and not _possessive_s(toks, i)
            ]
            assert an.analyze(text) == expected

    def test_numbers_are_not_stemmed_and_words_are(self):
        an = textlens.Analyzer("en", token_kinds=["word", "number"])
        assert an.analyze("Costs rose 3.20 percent in 2022") == [
            "cost",
            "rose",
            "3.20",
            "percent",
            "2022",
        ]

    # -- normalization -------------------------------------------------------------------------

    @pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "cs", "pl", "ru", "uk", "ar", "he"])
    def test_strip_accents_matches_unicodedata(self, bench_texts, lang):
        an = textlens.Analyzer(lang, stem=False, stopwords=False, strip_accents=True)
        stripped = 0
        for text in bench_texts(lang, 20):
            if lang == "en":  # the English sample has a Hindi article
                text = "".join(c for c in text if not "\u0900" <= c <= "\u097f")
            words = textlens.Analyzer(lang, stem=False, stopwords=False).analyze(text)
            got = an.analyze(text)
            assert got == [strip_accents_oracle(w) for w in words]
            stripped += sum(a != b for a, b in zip(got, words, strict=True))
        if lang not in {"en", "ru", "uk"}:
            assert stripped > 0, "no accent in the sample: the test would prove nothing"

    def test_strip_accents_keeps_turkish_dotted_i(self, bench_texts):
        an = textlens.Analyzer("tr", stem=False, stopwords=False, strip_accents=True)
        assert an.analyze("İstanbul İzmir") == ["istanbul", "izmir"]
        for text in bench_texts("tr", 20):
            words = textlens.tokenize(text, lang="tr")
            assert an.analyze(text) == [strip_accents_oracle(_word_rule("tr", w)) for w in words]

    def test_strip_accents_matches_scikit_learn_on_devanagari(self):
        text = "सरकार ने चंद्रयान मिशन को मंजूरी दी"
        an = textlens.Analyzer("hi", stem=False, stopwords=False, strip_accents=True)
        words = textlens.tokenize(text, lang="hi")
        assert an.analyze(text) == [strip_accents_oracle(w) for w in words]

    def test_lowercase_false_keeps_case(self, bench_texts):
        text = bench_texts("de", 1)[0]
        an = textlens.Analyzer("de", lowercase=False, stem=False, stopwords=False)
        assert an.analyze(text) == [
            unicodedata.normalize("NFC", w).replace("\u2019", "'") for w in word_tokens(text)
        ]

    def test_nfkc_folds_compatibility_forms(self):
        an = textlens.Analyzer("en", normalization="nfkc", stem=False, stopwords=False)
        text = "ＡＢＣ ﬁnance №5"
        assert an.analyze(text) == [
            unicodedata.normalize("NFKC", w).lower() for w in word_tokens(text)
        ]
        nfc = textlens.Analyzer("en", stem=False, stopwords=False)
        assert nfc.analyze(text) != an.analyze(text)

    # -- term frequencies ----------------------------------------------------------------------

    @pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2)])
    def test_term_frequencies_against_counter(self, mixed_texts, ngram_range):
        an = textlens.Analyzer(ngram_range=ngram_range)
        for text in mixed_texts[::6]:
            terms = an.analyze(text)
            tf = an.term_frequencies(text)
            assert isinstance(tf, dict)
            assert Counter(tf) == Counter(terms)
            counts = list(tf.values())
            assert counts == sorted(counts, reverse=True)
            # Ties keep the order of first appearance (a stable sort).
            first = {}
            for i, term in enumerate(terms):
                first.setdefault(term, i)
            expected = sorted(Counter(terms).items(), key=lambda kv: (-kv[1], first[kv[0]]))
            assert list(tf.items()) == expected

    def test_term_frequencies_example(self):
        an = textlens.Analyzer("en", ngram_range=(1, 2))
        assert an.term_frequencies("Putin called. Putin called.") == {
            "putin": 2,
            "call": 2,
            "putin call": 2,
            "call putin": 1,
        }

    def test_missing_value_in_analyze_is_a_type_error(self):
        an = textlens.Analyzer()
        with pytest.raises(TypeError):
            an.analyze(None)
        with pytest.raises(TypeError):
            an.analyze(math.nan)


def _dotted(word: str) -> bool:
    """Letter groups of 1-3 joined by periods, as textlens's analyzer leaves unstemmed."""
    parts = word.split(".")
    return len(parts) > 1 and all(1 <= len(p) <= 3 for p in parts) and len(word) > 2


def _word_rule(lang: str, norm: str) -> str:
    """The analyzer's apostrophe rules (Lucene's): tr drops the suffix, en a possessive 's."""
    head, quote, tail = norm.partition("'")
    if not quote or not head:
        return norm
    if lang == "tr":
        return head
    if lang == "en" and tail == "s":
        return head
    return norm


def _possessive_s(toks: list, i: int) -> bool:
    """An English "s" token glued to an apostrophe token before it ("U.K.'s")."""
    t = toks[i]
    if i == 0 or t.kind != "word" or t.text.lower() != "s":
        return False
    prev = toks[i - 1]
    return prev.text in ("'", "’") and prev.end == t.start
