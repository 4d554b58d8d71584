"""Japanese by a MeCab dictionary: ``textlens.set_mecab_dictionary``.

Oracle: MeCab itself (fugashi) with the same dictionary (UniDic from ``unidic-lite``). textlens
reads each run of kana and kanji in the sentence around it (from a line break or stop to the
next), so fugashi segments each such sentence of the UD Japanese GSD dev file and of the
Japanese bench news: inside the runs, the words must be the same.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import textlens

fugashi = pytest.importorskip("fugashi", reason="fugashi is the oracle (make venv installs it)")
unidic_lite = pytest.importorskip("unidic_lite", reason="unidic-lite holds the dictionary")

# Runs of the characters textlens hands to a dictionary in Japanese text: kana, kanji, 々〆ー.
RUN = re.compile(
    "[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006]+"
)
KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")


@pytest.fixture
def unidic() -> Iterator[None]:
    textlens.set_mecab_dictionary("unidic-lite")
    try:
        yield
    finally:
        textlens.set_mecab_dictionary(None)


@pytest.fixture(scope="module")
def tagger() -> object:
    return fugashi.Tagger()


def kana_runs(texts: list[str]) -> list[str]:
    """The runs with kana (a kanji-only run in a text alone would be read as Chinese)."""
    return [m.group() for t in texts for m in RUN.finditer(t) if KANA.search(m.group())]


# What ends the sentence textlens reads around a run: a stop (kept) or a line break (not).
SENTENCE_END = re.compile("[\u3002\uff0e\uff01\uff1f!?]|[\n\r]")


def sentences(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((at, m.end() if m.group() not in "\n\r" else m.start()))
        at = m.end()
    out.append((at, len(text)))
    return [(a, b) for a, b in out if b > a]


def cuts_inside_runs(text: str, cuts: set[int]) -> set[int]:
    return {c for m in RUN.finditer(text) for c in cuts if m.start() < c < m.end()}


def mecab_cuts(tagger: object, text: str) -> set[int]:
    """Where fugashi cuts each sentence of ``text`` (offsets into ``text``)."""
    cuts = set()
    for a, b in sentences(text):
        at = a
        for w in tagger(text[a:b]):  # type: ignore[operator]
            at = text.index(w.surface, at)
            cuts |= {at, at + len(w.surface)}
            at += len(w.surface)
    return cuts


def words(text: str) -> list[str]:
    return [t.text for t in textlens.tokens(text)]


def gold_sentences(shared: Path) -> list[dict[str, object]]:
    path = shared / "segmentation" / "words" / "ja-gsd-dev.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.usefixtures("unidic")
def test_words_are_mecabs_on_the_treebank_and_the_news(shared, bench_texts, tagger) -> None:
    texts = [str(s["text"]) for s in gold_sentences(shared)] + bench_texts("ja", 120)
    # Text with kana is Japanese (without, its Han runs are Chinese).
    texts = [t for t in texts if KANA.search(t)]
    assert sum(len(kana_runs([t])) for t in texts) > 5000
    differ = []
    for text in texts:
        ours = {c for t in textlens.tokens(text) for c in (t.char_start, t.char_end)}
        got, want = cuts_inside_runs(text, ours), cuts_inside_runs(text, mecab_cuts(tagger, text))
        if got != want:
            differ.append((text[:40], sorted(got ^ want)[:5]))
    assert not differ, f"{len(differ)} of {len(texts)} texts differ, e.g. {differ[:3]}"


def spans(words: list[str]) -> list[tuple[int, int]]:
    out, at = [], 0
    for w in words:
        n = len("".join(w.split()))
        if n:
            out.append((at, at + n))
            at += n
    return out


def f1(shared: Path) -> float:
    hit = n_pred = n_gold = 0
    for s in gold_sentences(shared):
        text = str(s["text"])
        pred, at = [], 0
        for t in textlens.tokens(text):
            pred += [*text[at : t.char_start], t.text]
            at = t.char_end
        pred += list(text[at:])
        gold = set(spans([str(w) for w in s["words"]]))  # type: ignore[attr-defined]
        got = spans(pred)
        hit += sum(g in gold for g in got)
        n_pred, n_gold = n_pred + len(got), n_gold + len(gold)
    p, r = hit / n_pred, hit / n_gold
    return 2 * p * r / (p + r)


def test_unidic_lifts_word_f1_on_the_treebank(shared) -> None:
    before = f1(shared)
    textlens.set_mecab_dictionary("unidic-lite")
    try:
        with_unidic = f1(shared)
    finally:
        textlens.set_mecab_dictionary(None)
    assert f1(shared) == before
    # MeCab alone scores 0.987; textlens keeps Latin letters with digits (3cm, 5,000).
    assert with_unidic > 0.984 > 0.98 > before, (before, with_unidic)


def test_the_setting_applies_to_analyzers_and_corpora_and_is_undone() -> None:
    text = "東京都に住んでいる外国人が増えている。"
    default = words(text)
    textlens.set_mecab_dictionary("unidic-lite")
    try:
        assert textlens.mecab_dictionary() == Path(unidic_lite.DICDIR)
        assert words(text) == [
            *("東京", "都", "に", "住ん", "で", "いる", "外国", "人"),
            *("が", "増え", "て", "いる", "。"),
        ]
        terms = textlens.Analyzer("ja").analyze(text)
        assert "住ん" in terms and "外国" in terms
        corpus = textlens.Corpus([text, "北京大学に行った"], analyzer=textlens.Analyzer("ja"))
        assert "外国" in corpus.vocabulary
        # Chinese (Han without kana) keeps its own segmenters.
        assert words("我们今天去北京大学看望老师")[:2] == ["我们", "今天"]
        # Setting the same dictionary again keeps the loaded one.
        textlens.set_mecab_dictionary(unidic_lite.DICDIR)
        assert words(text)[:2] == ["東京", "都"]
    finally:
        textlens.set_mecab_dictionary(None)
    assert textlens.mecab_dictionary() is None
    assert words(text) == default


def test_bad_dictionaries_are_errors_that_change_nothing(tmp_path, monkeypatch) -> None:
    with pytest.raises(FileNotFoundError, match=r"sys\.dic"):
        textlens.set_mecab_dictionary(tmp_path)
    (tmp_path / "sys.dic").write_bytes(b"\x00" * 100)
    with pytest.raises(OSError, match="not a MeCab dictionary"):
        textlens.set_mecab_dictionary(str(tmp_path))
    # A real sys.dic cut short.
    real = Path(unidic_lite.DICDIR) / "sys.dic"
    with real.open("rb") as f:
        (tmp_path / "sys.dic").write_bytes(f.read(1 << 16))
    with pytest.raises(OSError, match="truncated"):
        textlens.set_mecab_dictionary(tmp_path)
    assert textlens.mecab_dictionary() is None
    monkeypatch.setitem(sys.modules, "unidic_lite", None)
    with pytest.raises(ModuleNotFoundError, match="pip install unidic-lite"):
        textlens.set_mecab_dictionary("unidic-lite")
    with pytest.raises(TypeError):
        textlens.set_mecab_dictionary(3)  # type: ignore[arg-type]


@pytest.mark.usefixtures("unidic")
def test_long_runs_of_one_class_are_mecabs_words_and_covered(tagger) -> None:
    # MeCab groups a run of one class (katakana, the long vowel mark) into one unknown
    # word only up to 24 characters; textlens stops reading there too (linear time).
    for run in [
        "ア" * 3000,
        "ー" * 100,
        "アイ" * 500,
        "あ" * 1000,
        "龍" * 1000 + "の",
        "ア" * 25,
        "ア" * 26,
    ]:
        assert words(run) == [w.surface for w in tagger(run)], run[:10]
    # Past 32 KiB a run is segmented in pieces: every character is still in one token.
    long = "東京都に住んでいる外国人" * 3000
    assert "".join(words(long)) == long


def test_corrupt_dictionaries_fail_cleanly_or_segment(tmp_path) -> None:
    """Bytes flipped in unk.dic and char.bin (sys.dic and matrix.bin linked): setting the
    dictionary raises OSError naming the file, or words come out; never a contained panic."""
    import random

    real = Path(unidic_lite.DICDIR)
    unk, chars = (real / "unk.dic").read_bytes(), (real / "char.bin").read_bytes()
    rng = random.Random(7)
    text = "しかも、料理はとても美味しかったです。カタカナ１２３ＡＢＣ"
    outcomes = set()
    for trial in range(40):
        d = tmp_path / str(trial)
        d.mkdir()
        for name in ("sys.dic", "matrix.bin"):
            (d / name).symlink_to(real / name)
        u, c = bytearray(unk), bytearray(chars)
        target = u if trial % 2 else c
        for _ in range(1 + trial):
            i = rng.randrange(72 if target is u else 4, len(target))
            target[i] = rng.randrange(256)
        (d / "unk.dic").write_bytes(bytes(u))
        (d / "char.bin").write_bytes(bytes(c))
        try:
            textlens.set_mecab_dictionary(d)
        except OSError as err:
            assert "not a MeCab dictionary" in str(err), err
            outcomes.add("error")
            continue
        try:
            got = words(text)
        finally:
            textlens.set_mecab_dictionary(None)
        assert "".join(got) == text
        outcomes.add("words")
    assert outcomes == {"error", "words"}


def test_words_come_from_the_dictionary_set_now(tmp_path, tagger) -> None:
    """The sentence a thread keeps for its next run belongs to the dictionary that made it."""
    real = Path(unidic_lite.DICDIR)
    flat = tmp_path / "flat"
    flat.mkdir()
    for name in ("sys.dic", "unk.dic", "char.bin"):
        (flat / name).symlink_to(real / name)
    # The same dictionary with every connection costing 10,000: the fewest words win.
    matrix = (real / "matrix.bin").read_bytes()
    (flat / "matrix.bin").write_bytes(
        matrix[:4] + (10_000).to_bytes(2, "little") * (len(matrix) // 2 - 2)
    )
    text = "すもももももももものうち。"
    try:
        textlens.set_mecab_dictionary(flat)
        flat_words = words(text)
        textlens.set_mecab_dictionary("unidic-lite")
        unidic_words = words(text)
        textlens.set_mecab_dictionary(flat)
        again = words(text)
    finally:
        textlens.set_mecab_dictionary(None)
    assert unidic_words == [w.surface for w in tagger(text)]
    assert flat_words != unidic_words
    assert again == flat_words


@pytest.mark.usefixtures("unidic")
def test_kanji_alone_is_japanese_when_the_language_says_so(tagger) -> None:
    # Without kana a text's Han is read as Chinese (jieba) unless lang says Japanese.
    for text in ["東京都知事選挙投票率過去最低", "元広島県議会議員。", "新生闇軍団頭領。"]:
        mecab = [w.surface for w in tagger(text)]
        assert [t.text for t in textlens.tokens(text, lang="ja")] == mecab
        assert textlens.Analyzer("ja", stopwords=False).analyze(text) == [
            w for w in mecab if w != "。"
        ]
        assert [t.text for t in textlens.tokens(text)] != mecab
