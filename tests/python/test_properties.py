# ruff: noqa: RUF001
"""Property tests (hypothesis): offsets, determinism, batching, pickling, threads, bad input.

Every property runs under one settings object: a moderate number of examples, no deadline
(CI machines are shared) and ``derandomize=True``, so a run is the same on every machine and
a failure reproduces. Texts are drawn from a broad alphabet: CJK, Arabic and Hebrew,
combining marks, emoji ZWJ sequences, regional indicators, bidi controls, NUL, URLs and
e-mail addresses, mixed with arbitrary assigned code points.
"""

from __future__ import annotations

import itertools
import pickle
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import textlens
from hypothesis import given, settings
from hypothesis import strategies as st
from textlens.sklearn import CountVectorizer, TfidfVectorizer

PROPS = settings(max_examples=60, deadline=None, derandomize=True)

PIECES = [
    *"aZé0.',:_-@/ \t\n",
    "e\u0301",  # e + combining acute
    "\u0301",  # a lone combining mark
    "\u0300\u0301\u0302\u0303",  # a small flood of marks
    *"東京々ひカ한",  # Han, iteration mark, Hiragana, Katakana, Hangul
    *"عب\u064eש",  # Arabic letters and a fatha, Hebrew
    *"дΩक\u093fก",  # Cyrillic, Greek, Devanagari with a vowel sign, Thai
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family: ZWJ sequence
    "\U0001f44d\U0001f3fd",  # thumbs up with a skin tone
    "\U0001f1eb\U0001f1f7",  # flag: regional indicator pair
    "\u200d",  # a lone ZWJ
    *"\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069\u061c",  # bidi
    "\x00",
    "\u200b\ufeff\u3000\u00a0\u00ad",  # zero-width space, BOM, ideographic and nbsp, shy
    "http://x.cn/a?b=1",
    "www.kremlin.ru",
    "ana@example.org",
    "3.20",
    "1,000",
]

# Unassigned code points are left out: the Rust tables follow a newer Unicode than
# CPython's unicodedata, so the two can disagree only about those.
ANY_CHAR = st.characters(exclude_categories=("Cs", "Cn"))
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(ANY_CHAR, max_size=40),
    st.lists(st.one_of(st.sampled_from(PIECES), ANY_CHAR), max_size=40).map("".join),
)
TEXT_LISTS = st.lists(TEXTS, max_size=8)

# What the tokenizer may leave uncovered (src/text/tokenize.rs, `for_each_token`): whitespace,
# and invisible characters with nothing to attach to (marks, format characters, ZWJ).
INVISIBLE = {"Mn", "Mc", "Me", "Cf", "Zs", "Zl", "Zp"}


def _uncovered_is_invisible(text: str, toks) -> None:
    covered = [False] * len(text)
    for t in toks:
        for i in range(t.char_start, t.char_end):
            covered[i] = True
    for i, c in enumerate(text):
        if not covered[i]:
            assert c.isspace() or unicodedata.category(c) in INVISIBLE, (i, c, text)


class TestTokenOffsets:
    @PROPS
    @given(TEXTS)
    def test_char_and_byte_offsets_slice_the_token(self, text):
        data = text.encode("utf-8")
        for t in textlens.tokens(text):
            assert t.text
            assert text[t.char_start : t.char_end] == t.text
            assert data[t.start : t.end] == t.text.encode("utf-8")
            # Both offsets point at the same place, not just at equal substrings.
            assert len(text[: t.char_start].encode("utf-8")) == t.start

    @PROPS
    @given(TEXTS)
    def test_tokens_are_in_order_and_only_cjk_bigrams_overlap(self, text):
        toks = textlens.tokens(text)
        for a, b in itertools.pairwise(toks):
            assert a.start < b.start, (a, b)
            if b.start < a.end:
                # The documented exception: Han, Hiragana and Katakana runs become
                # overlapping bigrams, each sharing exactly one character with the next.
                assert a.kind == b.kind == "word", (a, b)
                assert a.char_end - a.char_start == 2, (a, b)
                assert b.char_start == a.char_start + 1 == a.char_end - 1, (a, b)
        _uncovered_is_invisible(text, toks)

    @PROPS
    @given(TEXTS)
    def test_tokenize_is_the_norms_of_the_word_tokens(self, text):
        assert textlens.tokenize(text) == [
            t.norm for t in textlens.tokens(text) if t.kind == "word"
        ]


def _rows(corpus: textlens.Corpus) -> list[dict[str, int]]:
    """Each document's term counts, keyed by term (independent of column order)."""
    terms = corpus.terms
    X = corpus.dtm().tocsr()
    return [
        {terms[j]: int(v) for j, v in zip(X.indices[a:b], X.data[a:b], strict=True)}
        for a, b in zip(X.indptr[:-1], X.indptr[1:], strict=True)
    ]


class TestDeterminismAndBatching:
    @PROPS
    @given(TEXT_LISTS, st.integers(0, 8))
    def test_analyze_many_equals_analyze_and_batch_splits(self, texts, cut):
        one_by_one = [textlens.Analyzer().analyze(t) for t in texts]
        analyzer = textlens.Analyzer()
        assert analyzer.analyze_many(texts) == one_by_one
        assert analyzer.analyze_many(texts[:cut]) + analyzer.analyze_many(texts[cut:]) == one_by_one
        assert textlens.Analyzer().analyze_many(texts) == one_by_one

    @PROPS
    @given(st.lists(TEXTS, min_size=2, max_size=8), st.integers(1, 7))
    def test_corpus_counts_equal_the_counts_of_its_batches(self, texts, cut):
        cut = min(cut, len(texts) - 1)
        whole = textlens.Corpus(texts)
        assert len(whole) == len(texts)
        rows = _rows(whole)
        assert rows == _rows(textlens.Corpus(texts[:cut])) + _rows(textlens.Corpus(texts[cut:]))
        assert rows == [dict(Counter(textlens.Analyzer().analyze(t))) for t in texts]
        totals = Counter()
        for row in rows:
            totals.update(row)
        assert dict(zip(whole.terms, whole.term_counts.tolist(), strict=True)) == dict(totals)


ANALYZERS = {
    "default": lambda: textlens.Analyzer(),
    "en-no-stem": lambda: textlens.Analyzer("en", stem=False),
    "de-options": lambda: textlens.Analyzer(
        "de",
        stopwords=["der", "die"],
        extra_stopwords=["kreml"],
        ngram_range=(1, 2),
        min_token_len=2,
        token_kinds=["word", "number"],
        normalization="nfkc",
        strip_accents=True,
        lowercase=False,
    ),
    "auto-allowlist": lambda: textlens.Analyzer(allowlist=["en", "fr", "ru"], engine="current"),
    "tr-no-stopwords": lambda: textlens.Analyzer("tr", stopwords=False),
}


def _roundtrip(obj):
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


class TestPickle:
    @pytest.mark.parametrize("name", ANALYZERS)
    @PROPS
    @given(text=TEXTS)
    def test_analyzer(self, name, text):
        analyzer = ANALYZERS[name]()
        back = _roundtrip(analyzer)
        assert back == analyzer
        assert back.options == analyzer.options
        assert back.analyze(text) == analyzer.analyze(text)

    @PROPS
    @given(text=TEXTS, doc_id=st.text(max_size=10), lang=st.sampled_from([None, "en", "zh"]))
    def test_document(self, text, doc_id, lang):
        doc = textlens.Document(
            text, id=doc_id or None, date="2024-02-29", source="tass", lang=lang,
            meta={"n": 3, "tags": ["a", "б"], "x": None},
        )  # fmt: skip
        back = _roundtrip(doc)
        assert back == doc
        assert (back.text, back.id, back.date, back.source, back.lang, back.meta) == (
            doc.text, doc.id, doc.date, doc.source, doc.lang, doc.meta,
        )  # fmt: skip

    @PROPS
    @given(text=TEXTS, num_perm=st.sampled_from([16, 128]), seed=st.integers(0, 2**32 - 1))
    def test_minhash(self, text, num_perm, seed):
        mh = textlens.minhash(text, num_perm=num_perm, seed=seed)
        back = _roundtrip(mh)
        assert back == mh
        assert (back.num_perm, back.seed, len(back)) == (mh.num_perm, mh.seed, len(mh))
        assert np.array_equal(back.hashvalues, mh.hashvalues)
        assert back.jaccard(mh) == 1.0


VECTORIZERS = {
    "count": lambda: CountVectorizer(),
    "tfidf": lambda: TfidfVectorizer(),
    "count-auto-stem": lambda: CountVectorizer(lang="auto", stem=True),
    "tfidf-auto-stem": lambda: TfidfVectorizer(lang="auto", stem=True),
    "tfidf-en-options": lambda: TfidfVectorizer(
        lang="en", stem=True, stop_words="auto", ngram_range=(1, 2), sublinear_tf=True, min_df=2
    ),
}


def _same_matrix(a, b) -> bool:
    return a.shape == b.shape and (a != b).nnz == 0


@pytest.fixture(scope="module")
def mixed_texts(bench_texts):
    return bench_texts("en", 40) + bench_texts("ru", 20) + bench_texts("zh", 20)


@pytest.mark.parametrize("name", VECTORIZERS)
def test_fitted_vectorizer_pickles_and_transforms_the_same(name, mixed_texts):
    vec = VECTORIZERS[name]().fit(mixed_texts)
    back = _roundtrip(vec)
    assert back.vocabulary_ == vec.vocabulary_
    if hasattr(vec, "idf_"):
        assert np.array_equal(back.idf_, vec.idf_)
    assert _same_matrix(back.transform(mixed_texts), vec.transform(mixed_texts))


class TestTransformEqualsFitTransform:
    @pytest.mark.parametrize("name", VECTORIZERS)
    def test_on_bench_text(self, name, mixed_texts):
        vec = VECTORIZERS[name]()
        fitted = vec.fit_transform(mixed_texts)
        assert _same_matrix(vec.transform(mixed_texts), fitted)

    @pytest.mark.parametrize("name", ["count", "tfidf", "count-auto-stem", "tfidf-auto-stem"])
    @PROPS
    @given(texts=st.lists(TEXTS, min_size=1, max_size=6))
    def test_on_any_text(self, name, texts):
        vec = VECTORIZERS[name]()
        try:
            fitted = vec.fit_transform(texts)
        except ValueError as e:  # nothing to count: scikit-learn's error, and ours
            assert "empty vocabulary" in str(e)
            return
        assert _same_matrix(vec.transform(texts), fitted)


@pytest.fixture(scope="module")
def texts(bench_texts):
    return bench_texts("en", 60) + bench_texts("de", 30) + bench_texts("ja", 30)


class TestThreads:
    """One shared object, 8 threads, results identical to one thread's."""

    WORKERS = 8

    def _same_in_threads(self, job, n_calls=16):
        expected = job(0)
        with ThreadPoolExecutor(self.WORKERS) as pool:
            results = list(pool.map(job, range(n_calls)))
        return expected, results

    def test_shared_analyzer(self, texts):
        analyzer = textlens.Analyzer()

        def job(i):
            rotated = texts[i:] + texts[:i]
            many = analyzer.analyze_many(rotated)
            one = [analyzer.analyze(t) for t in rotated[:10]]
            return many[len(texts) - i :] + many[: len(texts) - i], one

        expected, results = self._same_in_threads(job)
        for i, (many, one) in enumerate(results):
            assert many == expected[0]
            assert one == [expected[0][(i + k) % len(texts)] for k in range(10)]

    def test_shared_corpus(self, texts):
        corpus = textlens.Corpus(texts)
        target = [i < 60 for i in range(len(texts))]

        def job(_):
            return (
                corpus.similarity(),
                corpus.keyness(target, n=50).to_dict("list"),
                corpus.dtm("tfidf"),
                corpus.most_similar(0, 5),
            )

        (sim, key, dtm, near), results = self._same_in_threads(job)
        for s, k, d, m in results:
            assert np.array_equal(s, sim)
            assert k == key
            assert _same_matrix(d, dtm)
            assert m == near

    def test_shared_tfidf_vectorizer(self, texts):
        vec = TfidfVectorizer(lang="auto", stem=True).fit(texts)

        def job(i):
            return vec.transform(texts[i : i + 40])

        with ThreadPoolExecutor(self.WORKERS) as pool:
            results = list(pool.map(job, range(16)))
        for i, X in enumerate(results):
            assert _same_matrix(X, vec.transform(texts[i : i + 40]))


class TestBadInput:
    """The rows of the hardening issue that test_bad_input.py does not cover."""

    @pytest.mark.parametrize(
        ("char", "n_tokens", "kind", "terms"),
        [
            ("a", 1, "word", ["a" * 100_000]),
            ("Ж", 1, "word", ["ж" * 100_000]),
            ("東", 50_000, "word", ["東東"] * 50_000),  # dictionary words: pairs
            (".", 100_000, "punct", []),
            ("\U0001f44d", 100_000, "symbol", []),
            ("\u0301", 0, None, []),  # marks with nothing to attach to
            ("\u202e", 0, None, []),
            (" ", 0, None, []),
        ],
    )
    def test_100k_repetitions_of_one_character(self, char, n_tokens, kind, terms):
        text = char * 100_000
        toks = textlens.tokens(text)
        assert len(toks) == n_tokens
        assert {t.kind for t in toks} == ({kind} if kind else set())
        assert textlens.tokenize(text) == terms
        no_filters = textlens.Analyzer("en", stopwords=False, stem=False)
        assert no_filters.analyze(text) == terms

    def test_zalgo(self):
        # Every combining mark U+0300..U+036F with a non-zero combining class (not
        # U+034F COMBINING GRAPHEME JOINER, which strip_accents keeps, as scikit-learn does).
        marks = "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) * 3
        text = "".join(c + marks for c in "Zalgo") + " is " + marks * 10 + " coming"
        toks = textlens.tokens(text)
        assert [t.kind for t in toks] == ["word"] * 3
        assert toks[0].text == text[: 5 * (1 + len(marks))]  # marks stay with their letters
        assert [t.text for t in toks[1:]] == ["is", "coming"]  # a bare flood is no token
        plain = textlens.Analyzer("en", stopwords=False, stem=False, strip_accents=True)
        assert plain.analyze(text) == ["zalgo", "is", "coming"]

    def test_right_to_left_text(self):
        text = "قال بوتين إن المحادثات مع شي كانت مثمرة. אמר פוטין"
        words = text.replace(".", "").split()
        assert textlens.tokenize(text) == words
        assert [t.text for t in textlens.tokens(text)] == [*words[:8], ".", *words[8:]]

    def test_bidi_controls_do_not_change_terms(self):
        wrapped = "\u202bمرحبا\u202c \u2067שלום\u2069 \u200fabc\u200e x\u061cy \u202edef\u202c"
        assert textlens.tokenize(wrapped) == ["مرحبا", "שלום", "abc", "xy", "def"]
        assert textlens.Analyzer("en", stem=False).analyze(wrapped) == textlens.Analyzer(
            "en", stem=False
        ).analyze("مرحبا שלום abc xy def")

    def test_bidi_controls_alone_make_no_tokens(self):
        controls = "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069\u061c"
        assert textlens.tokens(controls + " " + controls) == []
        assert textlens.Analyzer().analyze(controls * 1000) == []

    def test_emoji_zwj_sequences_are_one_symbol_each(self):
        family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
        heart_on_fire = "\u2764\ufe0f\u200d\U0001f525"
        thumbs = "\U0001f44d\U0001f3fd"
        flag = "\U0001f1eb\U0001f1f7"
        text = f"{family} family {thumbs} {flag}{flag} I{heart_on_fire}NY"
        got = [(t.text, t.kind) for t in textlens.tokens(text)]
        assert got == [
            (family, "symbol"),
            ("family", "word"),
            (thumbs, "symbol"),
            (flag, "symbol"),
            (flag, "symbol"),
            ("I", "word"),
            (heart_on_fire, "symbol"),
            ("NY", "word"),
        ]
        assert textlens.tokenize(text) == ["family", "i", "ny"]

    def test_mixed_scripts_within_one_word(self):
        # Letters of any alphabetic script join into one word (UAX #29 ALetter);
        # Han splits off into its own bigram run.
        text = "Mockва αβγabc Ωmega123 abcمرحبا abc東京def"
        assert textlens.tokenize(text) == [
            "mockва", "αβγabc", "ωmega123", "abcمرحبا", "abc", "東京", "def",
        ]  # fmt: skip

    def test_a_million_one_word_documents(self):
        words = [f"w{i:03d}" for i in range(1000)]
        docs = words * 1000
        # Language detection costs ~20 µs a document: the million goes through a
        # fixed-language Analyzer, the automatic one gets 100,000.
        assert textlens.Analyzer("en").analyze_many(docs) == [[w] for w in docs]
        assert textlens.Analyzer().analyze_many(docs[:100_000]) == [[w] for w in docs[:100_000]]
        vec = CountVectorizer()
        X = vec.fit_transform(docs)
        assert X.shape == (1_000_000, 1000)
        assert vec.get_feature_names_out().tolist() == words
        assert (X.sum(axis=1) == 1).all()
        assert (X.sum(axis=0) == 1000).all()
        assert X.nnz == 1_000_000
