# ruff: noqa: RUF001
"""MinHash, near-duplicates and shared passages, against datasketch and planted copies.

datasketch is the oracle users know: textlens's estimates are compared with the exact Jaccard
similarity of the same shingle sets (and with datasketch's estimates of them), its LSH bands and
rows with ``datasketch.lsh._optimal_param``. Recall is measured on near-copies planted among real
bench articles.
"""

from __future__ import annotations

import itertools
import pickle
import random
import re
import statistics

import numpy as np
import pytest
import textlens
from datasketch import MinHash as DsMinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128


def shingle_set(text: str, k: int = 5) -> set[str]:
    """textlens's word shingles, rebuilt from ``textlens.tokens``: normalized tokens without
    punctuation and symbols, ``k`` at a time joined by a space (one shingle if fewer)."""
    toks = [t.norm for t in textlens.tokens(text) if t.kind not in ("punct", "symbol")]
    if not toks:
        return set()
    k = min(k, len(toks))
    return {" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)}


def exact_jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


# ---------------------------------------------------------------- planted near-copies

FILLER = [
    "officials",
    "reportedly",
    "government",
    "yesterday",
    "statement",
    "regional",
    "network",
    "sources",
]


def change_words(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), 3):
        words[i] = rng.choice(FILLER)
    return " ".join(words)


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def drop_sentence(text: str, rng: random.Random) -> str:
    parts = sentences(text)
    if len(parts) < 3:
        return change_words(text, rng)
    # A sentence of ordinary length, not one that is most of the article.
    candidates = [i for i, s in enumerate(parts) if len(s.split()) <= 30] or [0]
    del parts[rng.choice(candidates)]
    return " ".join(parts)


def add_sentence(text: str, rng: random.Random) -> str:
    parts = sentences(text)
    parts.insert(rng.randrange(len(parts) + 1), "This story has been updated with comment.")
    return " ".join(parts)


def repunctuate(text: str, rng: random.Random) -> str:
    return text.replace(", ", " ; ").replace(". ", "! ").replace('"', "'")


def recase(text: str, rng: random.Random) -> str:
    return text.upper() if rng.random() < 0.5 else text.lower()


CONTENT_EDITS = [change_words, drop_sentence, add_sentence]
SURFACE_EDITS = [repunctuate, recase]


@pytest.fixture(scope="module")
def planted(bench_texts):
    """~300 distinct real articles (en, de, ru) of 150+ tokens, plus 40 near-copies.

    Returns (texts, origin): origin[i] is the index of the article text i was made from.
    """
    originals: list[str] = []
    seen: set[str] = set()
    for lang in ("en", "de", "ru"):
        for text in bench_texts(lang, 400):
            if text in seen or len(textlens.tokenize(text)) < 150:
                continue
            seen.add(text)
            originals.append(text)
            if len(originals) % 100 == 0:
                break
    assert len(originals) == 300
    rng = random.Random(8)
    texts = list(originals)
    origin = list(range(len(originals)))
    for src in rng.sample(range(len(originals)), 40):
        copy = rng.choice(CONTENT_EDITS)(originals[src], rng)
        copy = rng.choice(SURFACE_EDITS)(copy, rng)
        texts.append(copy)
        origin.append(src)
    return texts, origin


class TestMinHash:
    def test_estimates_match_exact_jaccard_like_datasketchs(self, planted):
        texts, origin = planted
        rng = random.Random(1)
        pairs = [(origin[i], i) for i in range(300, len(texts))]  # similar
        pairs += [tuple(rng.sample(range(300), 2)) for _ in range(40)]  # unrelated
        sigs = {i: textlens.minhash(texts[i]) for p in pairs for i in p}
        ours, theirs = [], []
        for i, j in pairs:
            a, b = shingle_set(texts[i]), shingle_set(texts[j])
            exact = exact_jaccard(a, b)
            ours.append(abs(sigs[i].jaccard(sigs[j]) - exact))
            da, db = DsMinHash(num_perm=NUM_PERM), DsMinHash(num_perm=NUM_PERM)
            da.update_batch([s.encode() for s in a])
            db.update_batch([s.encode() for s in b])
            theirs.append(abs(da.jaccard(db) - exact))
        # One estimate's standard error is sqrt(J(1-J)/num_perm) <= 0.044; the mean absolute
        # error of an unbiased estimate is about 0.8 of that at worst.
        bound = 0.8 * 0.5 / NUM_PERM**0.5
        assert statistics.mean(ours) < bound, (statistics.mean(ours), statistics.mean(theirs))
        assert statistics.mean(ours) < statistics.mean(theirs) + 0.01
        assert max(ours) < 0.2

    @pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.8, 0.9, 0.95])
    @pytest.mark.parametrize("num_perm", [64, 128, 256])
    @pytest.mark.parametrize("weights", [(0.5, 0.5), (0.1, 0.9), (0.3, 0.7)])
    def test_lsh_params_equal_datasketchs_optimal_param(self, threshold, num_perm, weights):
        expected = _optimal_param(threshold, num_perm, *weights)
        assert textlens.lsh_params(threshold, num_perm=num_perm, weights=weights) == expected

    def test_hashvalues_pickling_and_equality(self):
        m = textlens.minhash("Putin and Xi pledged to strengthen military cooperation.")
        assert m.hashvalues.dtype == np.uint64
        assert m.hashvalues.shape == (NUM_PERM,) and len(m) == NUM_PERM
        assert int(m.hashvalues.max()) < 2**32
        assert pickle.loads(pickle.dumps(m)) == m
        assert m == textlens.minhash("PUTIN and Xi pledged, to strengthen military cooperation!")
        assert m != textlens.minhash(
            "Putin and Xi pledged to strengthen military cooperation.", seed=2
        )
        assert "num_perm=128" in repr(m)

    def test_char_shingles(self):
        a = textlens.minhash("Kremlin confirms the call", unit="char", shingle=4)
        b = textlens.minhash("Kremlin  confirms the call", unit="char", shingle=4)
        assert a.jaccard(b) == 1.0

    def test_incomparable_signatures_are_an_error(self):
        a = textlens.minhash("one two three", seed=1)
        with pytest.raises(textlens.InvalidOptionError, match="num_perm, seed or shingles"):
            a.jaccard(textlens.minhash("one two three", seed=2))
        with pytest.raises(textlens.InvalidOptionError):
            a.jaccard(textlens.minhash("one two three", num_perm=64))

    @pytest.mark.parametrize(
        "kwargs, option",
        [
            ({"num_perm": 1}, "num_perm"),
            ({"num_perm": -5}, "num_perm"),
            ({"shingle": 0}, "shingle"),
            ({"seed": -1}, "seed"),
            ({"unit": "sentence"}, "unit"),
        ],
    )
    def test_bad_parameters(self, kwargs, option):
        with pytest.raises(textlens.InvalidOptionError, match=option):
            textlens.minhash("some text", **kwargs)

    def test_non_str_is_a_type_error(self):
        with pytest.raises(TypeError, match="text must be str, not bytes"):
            textlens.minhash(b"bytes")  # type: ignore[arg-type]


class TestNearDuplicates:
    @staticmethod
    def recall(texts: list[str], origin: list[int], **kwargs) -> tuple[float, list[int]]:
        clusters = textlens.near_duplicates(texts, **kwargs)
        cluster_of = {i: n for n, c in enumerate(clusters) for i in c}
        copies = range(300, len(texts))
        missed = [
            i for i in copies if i not in cluster_of or cluster_of.get(origin[i]) != cluster_of[i]
        ]
        return 1 - len(missed) / len(copies), missed

    def test_recall_of_planted_copies(self, planted):
        texts, origin = planted
        similarity = {
            i: exact_jaccard(shingle_set(texts[origin[i]]), shingle_set(texts[i]))
            for i in range(300, len(texts))
        }
        # The estimate decides pairs near the threshold by chance: judge the default over seeds.
        recalls = []
        for seed in range(1, 6):
            recall, missed = self.recall(texts, origin, seed=seed)
            recalls.append(recall)
            # A miss is a pair close to the threshold, never a clear near-copy.
            assert all(similarity[i] < 0.88 for i in missed), [
                round(similarity[i], 3) for i in missed
            ]
        assert statistics.mean(recalls) >= 0.95, recalls
        assert min(recalls) >= 0.9, recalls
        # With exact similarities only copies below the threshold are left out.
        recall, missed = self.recall(texts, origin, exact=True)
        assert recall >= 0.95, recall
        assert all(similarity[i] < 0.8 for i in missed), [round(similarity[i], 3) for i in missed]

    def test_datasketch_weights_miss_pairs_just_above_the_threshold(self, planted):
        texts, origin = planted
        ours = statistics.mean(
            self.recall(texts, origin, seed=s, exact=True)[0] for s in range(1, 6)
        )
        theirs = statistics.mean(
            self.recall(texts, origin, seed=s, exact=True, weights=(0.5, 0.5))[0]
            for s in range(1, 6)
        )
        assert ours >= theirs

    def test_no_cluster_merges_unrelated_originals(self, planted):
        texts, origin = planted
        # Originals that are near-duplicates of each other already (the same wire story in two
        # outlets) may share a cluster; nothing else may.
        baseline = textlens.near_duplicates(texts[:300], exact=True)
        group = {i: n for n, c in enumerate(baseline) for i in c}
        for cluster in textlens.near_duplicates(texts):
            roots = {origin[i] for i in cluster}
            assert len({group.get(r, ("alone", r)) for r in roots}) == 1, cluster
            for i, j in itertools.pairwise(cluster):
                if origin[i] != origin[j]:
                    a, b = shingle_set(texts[origin[i]]), shingle_set(texts[origin[j]])
                    assert exact_jaccard(a, b) > 0.5

    def test_exact_mode_and_ordering(self):
        story = (
            "The central bank raised its key interest rate by half a percentage point on "
            "Thursday, the third increase this year, citing stubborn inflation and wages."
        )
        texts = ["Rain again.", story.lower(), "", story, "Rain again!", story.upper()]
        assert textlens.near_duplicates(texts) == [[0, 4], [1, 3, 5]]
        assert textlens.near_duplicates(texts, exact=True) == [[0, 4], [1, 3, 5]]
        assert textlens.near_duplicates(tuple(texts), threshold=1.0) == [[0, 4], [1, 3, 5]]

    def test_corpus_gives_document_ids(self):
        story = "Heavy rain flooded the northern provinces for a third day on Thursday."
        docs = [
            textlens.Document(story, id="a"),
            textlens.Document("Markets fell sharply in early trading today.", id="b"),
            textlens.Document(story.replace("Thursday", "Friday"), id="c"),
            textlens.Document(story + " More rain is expected.", id="d"),
        ]
        corpus = textlens.Corpus(docs)
        assert corpus.near_duplicates(0.5) == [["a", "c", "d"]]
        assert textlens.near_duplicates(corpus, threshold=0.5) == [["a", "c", "d"]]
        assert corpus.near_duplicates(threshold=0.5, shingle=3, exact=True) == [["a", "c", "d"]]

    @pytest.mark.parametrize(
        "kwargs, option",
        [
            ({"threshold": 0.0}, "threshold"),
            ({"threshold": 1.01}, "threshold"),
            ({"threshold": float("nan")}, "threshold"),
            ({"num_perm": 1}, "num_perm"),
            ({"shingle": 0}, "shingle"),
            ({"weights": (0.5, 0.6)}, "weights"),
        ],
    )
    def test_bad_parameters(self, kwargs, option):
        with pytest.raises(textlens.InvalidOptionError, match=option):
            textlens.near_duplicates(["a b", "a b"], **kwargs)
        with pytest.raises(textlens.InvalidOptionError, match=option):
            textlens.Corpus(["a b", "a b"]).near_duplicates(**kwargs)

    def test_non_str_items_are_type_errors(self):
        with pytest.raises(TypeError, match=r"texts\[1\] is NoneType"):
            textlens.near_duplicates(["a", None])  # type: ignore[list-item]
        with pytest.raises(TypeError, match="single str"):
            textlens.near_duplicates("a text")


class TestSharedPassages:
    def check(self, a: str, b: str, passage: textlens.Passage) -> None:
        assert a[passage.a_start : passage.a_end] == passage.text
        assert shingle_set(b[passage.b_start : passage.b_end], 1) == shingle_set(passage.text, 1)
        kept = [t for t in textlens.tokens(passage.text) if t.kind not in ("punct", "symbol")]
        assert len(kept) == passage.tokens

    def test_copied_paragraph_in_another_article(self, bench_texts):
        en = [t for t in bench_texts("en", 300) if len(t) > 1100]
        source, host = en[0], en[1]
        paragraph = source[200:900]
        # Cut at word boundaries so the copy is whole words.
        paragraph = paragraph[paragraph.index(" ") + 1 : paragraph.rindex(" ")]
        # A passage runs from its first token to its last: punctuation at the ends is not in it.
        paragraph = re.sub(r"^\W+|\W+$", "", paragraph)
        article = host[:400] + " " + paragraph + " " + host[400:]
        found = textlens.shared_passages(source, article)
        assert found, "the copied paragraph was not found"
        best = found[0]
        self.check(source, article, best)
        assert best.text == paragraph
        assert (best.a_start, best.a_end) == (
            source.index(paragraph),
            source.index(paragraph) + len(paragraph),
        )
        start = article.index(paragraph)
        assert (best.b_start, best.b_end) == (start, start + len(paragraph))
        assert [p.tokens for p in found] == sorted((p.tokens for p in found), reverse=True)

    @pytest.mark.parametrize(
        "copied, before, after",
        [
            (
                "Президент России Владимир Путин провёл переговоры с председателем КНР",
                "Вчера вечером в Кремле. ",
                " — сообщает ТАСС. Подробнее позже.",
            ),
            (
                "中国国家主席习近平与俄罗斯总统普京举行视频会晤",
                "新华社北京消息：",
                "。双方讨论了合作。",
            ),
        ],
    )
    def test_non_ascii_offsets_are_code_points(self, copied, before, after):
        a = before + copied + after
        b = "Источник: «" + copied.upper() + "» и другое"
        [p] = textlens.shared_passages(a, b, min_tokens=5)
        assert p.text == copied
        assert a[p.a_start : p.a_end] == copied
        assert b[p.b_start : p.b_end] == copied.upper()
        self.check(a, b, p)

    def test_min_tokens_and_errors(self):
        a = "one two three four five six"
        assert textlens.shared_passages(a, a, min_tokens=7) == []
        [p] = textlens.shared_passages(a, a.upper(), min_tokens=6)
        assert (p.a_start, p.a_end, p.b_start, p.b_end, p.tokens) == (0, len(a), 0, len(a), 6)
        assert "tokens=6" in repr(p)
        with pytest.raises(textlens.InvalidOptionError, match="min_tokens"):
            textlens.shared_passages(a, a, min_tokens=0)
        with pytest.raises(TypeError, match="b must be str"):
            textlens.shared_passages(a, None)  # type: ignore[arg-type]
