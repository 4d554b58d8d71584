"""A language-detection development set, built at run time from the shared data.

Not lingua's test sentences: everything comes from ``$TEXTLENS_SHARED`` (read, never
copied into the repository):

- ``corpus/bench/<lang>.jsonl``: news documents labelled with ``lang`` by their source.
  WMT documents are sentence-per-line; the others are split with ``textlens.sentences``.
- ``segmentation/sentences/<lang>-<treebank>-dev.jsonl``: Universal Dependencies sentences
  (en de fr es ru it pt pl tr ar nl).
- ``segmentation/words/<lang>-<treebank>-dev.jsonl``: UD sentences with gold words
  (zh ja ko th vi), the only source of words for scripts written without spaces.

Per language, four kinds of sample, each drawn with a fixed seed (``random.Random`` seeded
with ``"<seed>:<lang>:<kind>"``, so one language's samples do not move when another
language's data changes):

- ``word``: a single word of letters only (``str.isalpha``), at least two characters
  (one for Han, kana, Hangul and Thai), without Latin letters in languages of other
  scripts (names, mojibake), distinct.
- ``pair``: two consecutive such words of one sentence, joined by a space (by nothing in
  Chinese, Japanese and Thai, written without spaces), distinct.
- ``sentence``: one sentence of 10 to 400 characters that has a letter, distinct.
- ``document``: one whole bench-corpus document (labelled languages only; the
  segmentation data has no documents).
"""

from __future__ import annotations

import json
import os
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import textlens

KINDS = ("word", "pair", "sentence", "document")
# Languages written without spaces between words: gold words are joined by nothing.
NO_SPACES = {"zh", "ja", "th"}
# Languages of the data written in Latin script.
LATIN = {"cs", "de", "en", "es", "fr", "ha", "hr", "is", "it", "liv", "nl", "pl", "pt", "tr", "vi"}
# Punctuation around a whitespace-separated word (quotes, brackets, dashes, stops).
EDGE = re.compile(r"^[^\w]+|[^\w]+$")


def shared_dir() -> Path:
    """``$TEXTLENS_SHARED`` if set, else ``<repo>/../shared`` (what the Makefile exports)."""
    env = os.environ.get("TEXTLENS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


@dataclass
class Pools:
    """Every candidate of one language, in file order, before sampling."""

    sentences: list[str] = field(default_factory=list)
    # Each sentence's words (gold where the data has them), for words and pairs.
    words: list[list[str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


def _wide(ch: str) -> bool:
    """Han, kana, Hangul or Thai: one character can be a word."""
    o = ord(ch)
    return (
        0x0E00 <= o <= 0x0E7F
        or 0x1100 <= o <= 0x11FF
        or 0x2E80 <= o <= 0x9FFF
        or (0xAC00 <= o <= 0xD7AF)
    )


def is_word(w: str, lang: str) -> bool:
    """Letters only, two characters at least (one for Han, kana, Hangul, Thai); no Latin
    letter in a language of another script (names and mojibake, not the language)."""
    if not w.isalpha() or (len(w) < 2 and not _wide(w)):
        return False
    return lang in LATIN or not any(ord(c) < 0x250 for c in w)


def split_words(sentence: str) -> list[str]:
    """Whitespace-separated words with the punctuation around them stripped."""
    return [EDGE.sub("", w) for w in sentence.split()]


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_pools(shared: Path | None = None) -> dict[str, Pools]:
    """Every language's candidate sentences, words and documents (deterministic order)."""
    shared = shared or shared_dir()
    pools: dict[str, Pools] = defaultdict(Pools)

    def add_sentence(lang: str, s: str, words: list[str] | None = None) -> None:
        s = " ".join(s.split())
        pools[lang].sentences.append(s)
        pools[lang].words.append(words if words is not None else split_words(s))

    for path in sorted((shared / "corpus" / "bench").glob("*.jsonl")):
        for rec in _jsonl(path):
            lang, text = rec["lang"], rec["text"]
            pools[lang].documents.append(text)
            if rec.get("source") == "wmt":
                parts = [ln for ln in text.split("\n") if ln.strip()]
            else:
                parts = textlens.sentences(text)
            for s in parts:
                # Whitespace does not separate words in these scripts: their words
                # come from the gold segmentation only.
                add_sentence(lang, s, [] if lang in NO_SPACES else None)
    for path in sorted((shared / "segmentation" / "sentences").glob("*-dev.jsonl")):
        lang = path.name.split("-")[0]
        for rec in _jsonl(path):
            for s in rec["sentences"]:
                add_sentence(lang, s)
    for path in sorted((shared / "segmentation" / "words").glob("*-dev.jsonl")):
        lang = path.name.split("-")[0]
        if path.name.startswith("zh-gsd-"):
            continue  # traditional twin of zh-gsdsimp: the same sentences again
        for rec in _jsonl(path):
            add_sentence(lang, rec["text"], [EDGE.sub("", w) for w in rec["words"]])
    return dict(pools)


def _draw(items: list[str], n: int, seed: int, lang: str, kind: str) -> list[str]:
    """Up to n distinct items, drawn with the seed of (seed, lang, kind)."""
    unique = sorted(set(items))
    rng = random.Random(f"{seed}:{lang}:{kind}")
    rng.shuffle(unique)
    return unique[:n]


def build(
    n: dict[str, int], seed: int = 0, shared: Path | None = None
) -> dict[str, dict[str, list[str]]]:
    """``{lang: {kind: [text, ...]}}`` with up to ``n[kind]`` texts of each kind."""
    out: dict[str, dict[str, list[str]]] = {}
    for lang, pool in sorted(load_pools(shared).items()):
        sentences = [
            s for s in pool.sentences if 10 <= len(s) <= 400 and any(c.isalpha() for c in s)
        ]
        words: list[str] = []
        pairs: list[str] = []
        joiner = "" if lang in NO_SPACES else " "
        for ws in pool.words:
            ok = [is_word(w, lang) for w in ws]
            words += [w for w, good in zip(ws, ok, strict=True) if good]
            pairs += [ws[i] + joiner + ws[i + 1] for i in range(len(ws) - 1) if ok[i] and ok[i + 1]]
        out[lang] = {
            "word": _draw(words, n["word"], seed, lang, "word"),
            "pair": _draw(pairs, n["pair"], seed, lang, "pair"),
            "sentence": _draw(sentences, n["sentence"], seed, lang, "sentence"),
            "document": _draw(pool.documents, n["document"], seed, lang, "document"),
        }
    return out


@dataclass
class Mixed:
    """A text joined from sentences of two or three languages, with the truth."""

    text: str
    # (lang, start, end) in str offsets; consecutive, covering the text.
    segments: list[tuple[str, int, int]]


def mixed_texts(
    sentences: dict[str, list[str]], n: int, seed: int = 0, max_per_run: int = 3
) -> list[Mixed]:
    """n texts of 2-3 runs, each run 1..max_per_run sentences of one language, joined by
    a space; neighbouring runs differ in language. The oracle is this construction."""
    rng = random.Random(f"{seed}:mixed")
    langs = sorted(lang for lang, ss in sentences.items() if len(ss) >= 10)
    out = []
    for _ in range(n):
        k = rng.choice((2, 3))
        chosen = rng.sample(langs, k)
        if k == 3 and rng.random() < 0.5:
            chosen[2] = chosen[0]  # A B A: a quote inside an article
        text = ""
        segments = []
        for lang in chosen:
            run = " ".join(rng.sample(sentences[lang], rng.randint(1, max_per_run)))
            if text:
                text += " "
                # The space between runs belongs to the run before it.
                lang0, s0, _ = segments[-1]
                segments[-1] = (lang0, s0, len(text))
            segments.append((lang, len(text), len(text) + len(run)))
            text += run
        out.append(Mixed(text, segments))
    return out
