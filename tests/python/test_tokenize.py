# ruff: noqa: RUF001, RUF002
# (multilingual test data: Greek, Cyrillic and Turkish letters are meant, not look-alikes)
"""textlens.tokens and textlens.tokenize, checked against Python's own Unicode machinery
(str.lower, unicodedata) on real multilingual text from the bench corpus."""

from __future__ import annotations

import unicodedata

import pytest
import textlens

# Languages written with spaces: every token is a plain slice of the input.
SPACED_LANGS = ["en", "de", "es", "fr", "ru", "ar", "tr", "cs", "pl", "uk", "he", "hr"]
CJK_LANGS = ["zh", "ja"]
N_DOCS = 30
KINDS = {"word", "number", "punct", "symbol", "url", "email"}


def fold_apostrophes(s: str) -> str:
    """Typographic apostrophes (U+2019, U+02BC) become ASCII ``'`` (documented in normalize.rs)."""
    return s.replace("\u2019", "'").replace("\u02bc", "'")


def nfc_lower(s: str) -> str:
    """The oracle for the default normalization: NFC, then Unicode full lowercasing
    (Python's str.lower applies the Final_Sigma rule too), then the apostrophe fold."""
    return fold_apostrophes(unicodedata.normalize("NFC", s).lower())


def turkish_lower(s: str) -> str:
    """Unicode SpecialCasing for tr/az: I → ı, İ → i, then the default mapping."""
    return nfc_lower(unicodedata.normalize("NFC", s).replace("I", "ı").replace("İ", "i"))


_CJK_NAMES = (
    "CJK UNIFIED IDEOGRAPH",
    "CJK COMPATIBILITY IDEOGRAPH",
    "HIRAGANA LETTER",
    "KATAKANA LETTER",
    "HALFWIDTH KATAKANA LETTER",
)
# Letters of those scripts that do not carry the script in their name.
_CJK_EXTRA = set("ー々〆〇ゝゞヽヾｰ")


def is_cjk_letter(c: str) -> bool:
    """A Han, Hiragana or Katakana *letter*, by Unicode character name (not punctuation)."""
    return c in _CJK_EXTRA or unicodedata.name(c, "").startswith(_CJK_NAMES)


def is_cjk_char(c: str) -> bool:
    """Any character of those scripts, letters or not (the Katakana middle dot included)."""
    return is_cjk_letter(c) or unicodedata.name(c, "").startswith(_CJK_SCRIPT_NAMES)


_CJK_SCRIPT_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "IDEOGRAPHIC")


def cjk_bigrams_oracle(text: str) -> list[str]:
    """Lucene CJKBigramFilter's output on the CJK runs of ``text``: overlapping bigrams over
    every maximal run of CJK letters, a lone letter as a unigram."""
    out: list[str] = []
    run = ""
    for c in text + " ":
        if is_cjk_letter(c):
            run += c
            continue
        if run:
            out += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
            run = ""
    return out


def droppable(gap: str) -> bool:
    """What may fall between tokens: whitespace, and invisible characters with nothing to
    attach to (format characters such as U+200B or a BOM, stray combining marks)."""
    return all(
        c.isspace()
        or unicodedata.category(c) in {"Cf", "Mn", "Mc", "Me"}
        or "\U0001f3fb" <= c <= "\U0001f3ff"  # emoji skin-tone modifiers
        for c in gap
    )


class TestTokenOffsets:
    @pytest.mark.parametrize("lang", SPACED_LANGS)
    def test_offsets_slice_back_on_real_text(self, bench_texts, lang):
        for text in bench_texts(lang, N_DOCS):
            data = text.encode("utf-8")
            toks = textlens.tokens(text)
            assert toks
            prev_end = 0
            for t in toks:
                assert text[t.char_start : t.char_end] == t.text
                assert data[t.start : t.end].decode("utf-8") == t.text
                assert len(text[: t.char_start].encode("utf-8")) == t.start
                # In order, and only whitespace (or invisibles) is dropped between tokens.
                assert t.char_start >= prev_end
                assert droppable(text[prev_end : t.char_start]), t
                prev_end = t.char_end
            assert droppable(text[prev_end:])

    def test_offsets_on_mixed_scripts(self):
        text = "Ünïcödé — «quoted» Путин 👍🏽 ana@example.org x"
        for t in textlens.tokens(text):
            assert text[t.char_start : t.char_end] == t.text
            assert text.encode()[t.start : t.end].decode() == t.text

    @pytest.mark.parametrize("lang", CJK_LANGS)
    def test_offsets_slice_back_on_cjk_text(self, bench_texts, lang):
        text = bench_texts(lang, 1)[0]
        toks = textlens.tokens(text)
        for t in toks:
            assert text[t.char_start : t.char_end] == t.text
            assert text.encode()[t.start : t.end].decode() == t.text

    def test_tokens_of_a_three_char_cjk_word(self):
        try:
            toks = textlens.tokens("日本語", cjk="bigram")
        except BaseException as exc:  # PanicException derives from BaseException
            pytest.fail(f"tokens() raised {type(exc).__name__}: {exc}")
        assert [(t.text, t.char_start, t.char_end, t.start, t.end) for t in toks] == [
            ("日本", 0, 2, 0, 6),
            ("本語", 1, 3, 3, 9),
        ]

    def test_single_cjk_char_and_cjk_pair_do_not_panic(self):
        assert [
            (t.text, t.char_start, t.char_end) for t in textlens.tokens("a 中 b", cjk="bigram")
        ] == [
            ("a", 0, 1),
            ("中", 2, 3),
            ("b", 4, 5),
        ]
        assert [t.text for t in textlens.tokens("北京", cjk="bigram")] == ["北京"]


class TestTokenKinds:
    def test_kinds(self):
        text = (
            "See https://example.org/a?b=1 or www.example.com, mail ana@example.org; "
            "3.20 1,000 2022 € + 👩‍👩‍👧 👍🏽 — «ok»!"
        )
        assert [(t.text, t.kind) for t in textlens.tokens(text)] == [
            ("See", "word"),
            ("https://example.org/a?b=1", "url"),
            ("or", "word"),
            ("www.example.com", "url"),
            (",", "punct"),
            ("mail", "word"),
            ("ana@example.org", "email"),
            (";", "punct"),
            ("3.20", "number"),
            ("1,000", "number"),
            ("2022", "number"),
            ("€", "symbol"),
            ("+", "symbol"),
            ("👩\u200d👩\u200d👧", "symbol"),  # one ZWJ sequence, one token
            ("👍🏽", "symbol"),  # emoji + skin-tone modifier, one token
            ("—", "punct"),
            ("«", "punct"),
            ("ok", "word"),
            ("»", "punct"),
            ("!", "punct"),
        ]

    @pytest.mark.parametrize("lang", SPACED_LANGS)
    def test_kinds_agree_with_unicodedata_on_real_text(self, bench_texts, lang):
        for text in bench_texts(lang, N_DOCS):
            for t in textlens.tokens(text):
                assert t.kind in KINDS
                cats = [unicodedata.category(c) for c in t.text]
                if t.kind == "word":
                    assert any(c.isalpha() for c in t.text), t
                elif t.kind == "number":
                    assert any(c.isnumeric() for c in t.text), t
                    assert not any(c.isalpha() for c in t.text), t
                elif t.kind == "punct":
                    assert all(cat.startswith("P") for cat in cats), t
                elif t.kind == "symbol":
                    assert not any(c.isalnum() for c in t.text), t
                    assert not all(cat.startswith("P") for cat in cats), t
                elif t.kind == "url":
                    assert t.text.lower().startswith(("http", "www.", "ftp")), t
                else:
                    assert "@" in t.text, t

    def test_token_repr_and_equality(self):
        toks = textlens.tokens("Mail don't 5")
        for t in toks:
            assert repr(t) == f"Token({t.text!r}, kind={t.kind!r}, start={t.start}, end={t.end})"
        assert toks == textlens.tokens("Mail don't 5")
        assert toks[0] != toks[1]
        with pytest.raises(AttributeError):
            toks[0].kind = "number"

    def test_url_stops_at_full_width_punctuation(self):
        an = textlens.Analyzer(
            "zh", token_kinds=["url", "word"], stem=False, stopwords=False, cjk="bigram"
        )
        assert an.analyze("官网（http://www.example.com）查看") == [
            "官网",
            "http://www.example.com",
            "查看",
        ]


class TestCjkBigrams:
    """``cjk="bigram"``: Lucene's CJKAnalyzer behaviour."""

    @pytest.mark.parametrize("lang", CJK_LANGS)
    def test_no_cjk_word_longer_than_two_chars(self, bench_texts, lang):
        seen_cjk = 0
        for text in bench_texts(lang, 100):
            for w in textlens.tokenize(text, cjk="bigram"):
                if all(is_cjk_letter(c) for c in w):
                    seen_cjk += 1
                    assert len(w) <= 2, w
        assert seen_cjk > 1000

    def test_bigrams_and_unigrams(self):
        assert textlens.tokenize("日本語のテキスト。中", cjk="bigram") == [
            "日本",
            "本語",
            "語の",
            "のテ",
            "テキ",
            "キス",
            "スト",
            "中",
        ]

    @pytest.mark.parametrize(
        "lang",
        [
            "zh",
            "ja",
        ],
    )
    def test_bigrams_match_lucene_style_oracle_on_real_text(self, bench_texts, lang):
        checked = 0
        for text in bench_texts(lang, 100):
            got = [w for w in textlens.tokenize(text, cjk="bigram") if any(map(is_cjk_char, w))]
            expected = cjk_bigrams_oracle(text)
            assert [w for w in got if w not in expected] == [], "words the oracle lacks"
            assert got == expected
            checked += 1
        assert checked >= 50

    def test_katakana_middle_dot_is_not_part_of_words(self):
        assert textlens.tokenize("プーチン・習近平", cjk="bigram") == [
            "プー",
            "ーチ",
            "チン",
            "習近",
            "近平",
        ]
        assert [t.kind for t in textlens.tokens("Putin・Xi")] == ["word", "punct", "word"]


class TestNormalization:
    @pytest.mark.parametrize("lang", SPACED_LANGS)
    def test_norm_is_nfc_lowercase_without_lang(self, bench_texts, lang):
        for text in bench_texts(lang, N_DOCS):
            for t in textlens.tokens(text):
                assert t.norm == nfc_lower(t.text), t

    @pytest.mark.parametrize("lang", SPACED_LANGS)
    def test_tokenize_is_the_norm_of_word_tokens(self, bench_texts, lang):
        for text in bench_texts(lang, N_DOCS):
            for rules in (None, lang):
                words = [t.norm for t in textlens.tokens(text, lang=rules) if t.kind == "word"]
                assert textlens.tokenize(text, lang=rules) == words

    @pytest.mark.parametrize("lang", ["fr", "de", "es", "tr", "cs", "ru", "ar", "he"])
    def test_decomposed_input_gives_the_same_words(self, bench_texts, lang):
        # NFD input (e + U+0301 ...) is composed back: the same words as the NFC original.
        for text in bench_texts(lang, N_DOCS):
            nfd = unicodedata.normalize("NFD", text)
            assert textlens.tokenize(nfd, lang=lang) == textlens.tokenize(text, lang=lang)

    def test_nfc_composition_keeps_text_and_counts_code_points(self):
        text = "Cafe\u0301 x"
        cafe, x = textlens.tokens(text)
        assert cafe.text == "Cafe\u0301"  # as written
        assert cafe.norm == "café" == unicodedata.normalize("NFC", "cafe\u0301")
        assert (cafe.char_start, cafe.char_end, cafe.start, cafe.end) == (0, 5, 0, 6)
        assert (x.char_start, x.start) == (6, 7)
        assert textlens.tokenize(text) == ["café", "x"]

    def test_turkish_dotted_and_dotless_i(self):
        text = "IRAK İSTANBUL DIŞİŞLERİ ılık"
        assert textlens.tokenize(text, lang="tr") == ["ırak", "istanbul", "dışişleri", "ılık"]
        assert textlens.tokenize(text, lang="az") == textlens.tokenize(text, lang="tr")
        # Without Turkish rules, Unicode defaults (Python agrees: İ → i + U+0307).
        assert textlens.tokenize(text) == [nfc_lower(w) for w in text.split()]
        assert textlens.tokenize(text, lang="en") == textlens.tokenize(text)

    def test_turkish_casing_on_real_text(self, bench_texts):
        n_capital_i = 0
        for text in bench_texts("tr", N_DOCS):
            for t in textlens.tokens(text, lang="tr"):
                n_capital_i += t.text.count("I") + t.text.count("İ")
                assert t.norm == turkish_lower(t.text), t
        assert n_capital_i > 50

    def test_greek_final_sigma(self):
        text = "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ Σ ΣΑΣ ΚΑΛΗΣΠΕΡΑ"
        expected = text.lower().split()  # Python applies Final_Sigma
        assert expected[0] == "οδυσσευς"
        assert textlens.tokenize(text, lang="el") == expected
        assert textlens.tokenize(text) == expected

    def test_russian_yo_folded_only_with_lang_ru(self, bench_texts):
        text = " ".join(bench_texts("ru", N_DOCS))
        plain = textlens.tokenize(text)
        assert any("ё" in w for w in plain), "no ё in the sample: pick more documents"
        assert plain == [nfc_lower(w) for w in plain]
        russian = textlens.tokenize(text, lang="ru")
        assert not any("ё" in w for w in russian)
        # With a language, its words (`т. п` is one): the same words, ё folded.
        words = [t.text for t in textlens.tokens(text, lang="ru") if t.kind == "word"]
        assert russian == [nfc_lower(w).replace("ё", "е") for w in words]
        assert textlens.tokenize("Ёлка всё", lang="ru") == ["елка", "все"]
        # Belarusian writes ё as a letter of its own: no folding.
        assert textlens.tokenize("Ёлка всё", lang="be") == ["ёлка", "всё"]

    def test_typographic_apostrophes_become_ascii(self):
        assert textlens.tokenize("Moscow\u2019s aujourd\u2019hui м\u02bcясо") == [
            "moscow's",
            "aujourd'hui",
            "м'ясо",
        ]
        assert textlens.tokenize("Moscow\u2019s") == textlens.tokenize("Moscow's")

    def test_lang_names_and_unknown_lang(self):
        assert textlens.tokenize("IRAK", lang="Turkish") == ["ırak"]
        with pytest.raises(textlens.UnknownLanguageError):
            textlens.tokenize("x", lang="xx")
        with pytest.raises(textlens.UnknownLanguageError):
            textlens.tokens("x", lang="xx")

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("a \u200b b", ["a", "b"]),  # zero-width space
            ("\ufeffHello b", ["Hello", "b"]),  # byte-order mark
            ("a \u0301b", ["a", "b"]),  # combining mark after a space
            ("a \u200d\ufe0f b", ["a", "b"]),  # ZWJ + variation selector alone
            ("cafe\u0301 x", ["cafe\u0301", "x"]),  # a mark with a letter stays with it
        ],
    )
    def test_invisible_characters_alone_are_not_tokens(self, text, words):
        toks = textlens.tokens(text)
        assert [(t.text, t.kind) for t in toks] == [(w, "word") for w in words]
        for t in toks:
            assert text[t.char_start : t.char_end] == t.text

    def test_whitespace_only_and_empty(self):
        assert textlens.tokens("") == []
        assert textlens.tokens(" \n\t\u00a0") == []
        assert textlens.tokenize("") == []
