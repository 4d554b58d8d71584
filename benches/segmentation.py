"""Word segmentation accuracy and speed: textlens beside the segmenters people use, on the
gold words of Universal Dependencies treebanks (``$TEXTLENS_SHARED/segmentation/words``, dev
portions; their README names the treebanks).

Usage::

    .venv/bin/python benches/segmentation.py [--repeat N] [--lang vi zh-simp ...]

(``make bench-segmentation`` installs the peers, the ``bench`` extra, and runs it.)

Accuracy: token-level precision, recall and F1 against the gold words, a word counting as
right when its span (in characters of the text with whitespace removed) equals a gold
word's. Every token counts, punctuation included, as in the gold data. Peers: jieba
(``jieba.cut``, default HMM on) for Chinese, fugashi with unidic-lite (MeCab, UniDic short
units, the same units as UD Japanese) for Japanese, PyThaiNLP ``word_tokenize(engine=
"newmm")`` for Thai, pyvi (``ViTokenizer``, a CRF) and underthesea (``word_tokenize``) for
Vietnamese. Peers that are not installed are left out.

Vietnamese: the UD text has a space after every syllable and around punctuation; a word is
syllables joined by spaces. textlens runs with ``lang="vi"`` (its words); "textlens
syllables" is the tokenizer without a language, one token per syllable.

Japanese: textlens runs with ``lang="ja"``, as a user who knows the text is Japanese would,
so that the few sentences in kanji alone are read as Japanese, not Chinese (without a
language, Han text without kana is Chinese). "textlens + UniDic" is textlens with
``set_mecab_dictionary("unidic-lite")``, MeCab's method over the same dictionary fugashi
reads.

Korean: UD Korean-Kaist words are eojeols, which textlens splits into stem and particle on
purpose, so F1 against them says nothing. What matters for counting is that one lemma
gives one term: the stem textlens gives each all-Hangul eojeol is compared with kiwipiepy's
(the eojeol up to its last morpheme that is not a particle J*, an ending E*, the copula
VCP or a verb/adjective-forming suffix XSV/XSA). Beside it, the same agreement for the
eojeol left whole (textlens with ``cjk="bigram"``, and before this change).

Speed: all sentences of the file joined by newlines, segmented in one call (best of
``--repeat``; the segmenters of a file take turns within each repetition, so that a change
of load hits them alike), one thread, MB/s of UTF-8 input; textlens through
``textlens.tokenize`` (Python list of str included). The machine was shared with other
jobs: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import textlens

# textlens with UniDic through set_mecab_dictionary, where unidic-lite is installed.
UNIDIC = "textlens + UniDic (set_mecab_dictionary)"

SHARED = Path(
    os.environ.get("TEXTLENS_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
)
WORDS = SHARED / "segmentation" / "words"

FILES = {
    "zh-simp": "zh-gsdsimp-dev.jsonl",
    "zh-trad": "zh-gsd-dev.jsonl",
    "ja": "ja-gsd-dev.jsonl",
    "th": "th-pud-dev.jsonl",
    "vi": "vi-vtb-dev.jsonl",
}


def load(name: str) -> list[dict]:
    with open(WORDS / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def spans(pieces: Iterable[str]) -> list[tuple[int, int]]:
    out, at = [], 0
    for p in pieces:
        n = sum(1 for c in p if not c.isspace())
        if n:
            out.append((at, at + n))
        at += n
    return out


def textlens_pieces(text: str, cjk: str = "dictionary", lang: str | None = None) -> list[str]:
    """textlens's tokens with the (whitespace-only, here) gaps between them."""
    pieces, pos = [], 0
    for t in textlens.tokens(text, cjk=cjk, lang=lang):
        if t.char_start >= pos:
            pieces.append(text[pos : t.char_start])
            pieces.append(t.text)
            pos = t.char_end
    pieces.append(text[pos:])
    return pieces


def prf(sentences: list[dict], segment: Callable[[str], list[str]]) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for s in sentences:
        gold = set(spans(s["words"]))
        pred = spans(segment(s["text"]))
        tp += sum(1 for p in pred if p in gold)
        n_pred += len(pred)
        n_gold += len(gold)
    p, r = tp / n_pred, tp / n_gold
    return p, r, 2 * p * r / (p + r)


def peers(lang: str) -> dict[str, Callable[[str], list[str]]]:
    out: dict[str, Callable[[str], list[str]]] = {}
    if lang.startswith("zh"):
        try:
            import jieba

            jieba.setLogLevel(60)
            jieba.initialize()
            out["jieba"] = lambda t: list(jieba.cut(t))
        except ImportError:
            pass
    if lang == "ja":
        try:
            import fugashi

            tagger = fugashi.Tagger()
            out["fugashi+unidic-lite"] = lambda t: [w.surface for w in tagger(t)]
        except (ImportError, RuntimeError):
            pass
    if lang == "th":
        try:
            from pythainlp.tokenize import word_tokenize

            out["pythainlp newmm"] = lambda t: word_tokenize(t, engine="newmm")
        except ImportError:
            pass
    if lang == "vi":
        try:
            from pyvi import ViTokenizer

            # pyvi joins a word's syllables with "_".
            out["pyvi"] = lambda t: [
                w.replace("_", " ") for w in ViTokenizer.tokenize(t).split(" ")
            ]
        except ImportError:
            pass
        try:
            from underthesea import word_tokenize as vi_word_tokenize

            out["underthesea"] = lambda t: vi_word_tokenize(t)
        except ImportError:
            pass
    return out


def timed(sentences: list[dict], segment: Callable[[str], object], repeat: int) -> float:
    """Best seconds to segment all sentences joined by newlines, in one call."""
    return timed_together(sentences, {"": segment}, repeat)[""]


def timed_together(
    sentences: list[dict], segmenters: dict[str, Callable[[str], object]], repeat: int
) -> dict[str, float]:
    """Best seconds of each segmenter on all sentences joined by newlines, in one call,
    the segmenters taking turns in each repetition (in reverse order every other one),
    so that a change of load on the shared machine hits all of them alike; in its turn
    each runs once untimed, then once timed, so that each starts from warm caches."""
    text = "\n".join(s["text"] for s in sentences)
    best = dict.fromkeys(segmenters, float("inf"))
    for who, segment in segmenters.items():
        with mecab_for(who):
            segment(sentences[0]["text"])  # load dictionaries untimed
    for k in range(repeat):
        order = list(segmenters) if k % 2 == 0 else list(reversed(segmenters))
        for who in order:
            with mecab_for(who):
                # One untimed pass first, for every segmenter: UniDic was just loaded
                # for textlens (its 71.5 MB matrix out of the caches, where fugashi's
                # stays loaded), and the others' tables were pushed out by the
                # segmenters before them.
                segmenters[who](text)
                t0 = time.perf_counter()
                segmenters[who](text)
                best[who] = min(best[who], time.perf_counter() - t0)
    return best


@contextlib.contextmanager
def mecab_for(who: str) -> Iterator[None]:
    """UniDic set for the row that uses it (loading it is not timed), unset after."""
    if who == UNIDIC:
        textlens.set_mecab_dictionary("unidic-lite")
    try:
        yield
    finally:
        textlens.set_mecab_dictionary(None)


def korean(repeat: int) -> None:
    sentences = load("ko-kaist-dev.jsonl")
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        print("korean: kiwipiepy not installed, skipped")
        return
    kiwi = Kiwi()
    functional = ("J", "E", "VCP", "XSV", "XSA")
    same = whole = total = 0
    for s in sentences:
        text = s["text"]
        morphs = kiwi.tokenize(text)
        # textlens: the first token of each eojeol is its stem.
        ours = {t.char_start: t.text for t in textlens.tokens(text)}
        pos = 0
        for word in text.split():
            start = text.index(word, pos)
            pos = start + len(word)
            if not all("\uac00" <= c <= "\ud7a3" for c in word):
                continue
            content = [
                m for m in morphs if start <= m.start < pos and not m.tag.startswith(functional)
            ]
            if not content:
                continue
            stem_end = max(m.start + m.len for m in content)
            kiwi_stem = text[start:stem_end]
            total += 1
            same += ours.get(start) == kiwi_stem
            whole += word == kiwi_stem
    print(
        f"ko-kaist: stem agreement with kiwipiepy on {total} all-Hangul eojeols: "
        f"textlens {same / total:.3f}, eojeol left whole {whole / total:.3f}"
    )
    texts = [s["text"] for s in sentences]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    t_ours = timed(sentences, lambda t: textlens.tokenize(t), repeat)
    t_kiwi = timed(sentences, lambda t: kiwi.tokenize(t), repeat)
    print(f"  speed: textlens {mb / t_ours:.1f} MB/s, kiwipiepy {mb / t_kiwi:.2f} MB/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--lang", nargs="*", choices=[*FILES, "ko"], help="only these files (default: all)"
    )
    args = ap.parse_args()
    print("| file | segmenter | P | R | F1 | MB/s |")
    print("|---|---|---:|---:|---:|---:|")
    for lang, name in FILES.items():
        if args.lang and lang not in args.lang:
            continue
        sentences = load(name)
        mb = sum(len(s["text"].encode()) for s in sentences) / 1e6
        # The language a user who knows the file would give.
        words_lang = {"vi": "vi", "ja": "ja"}.get(lang)
        if lang == "vi":
            runs = {
                "textlens": lambda t: textlens_pieces(t, lang="vi"),
                "textlens syllables": textlens_pieces,
                **peers(lang),
            }
        else:
            runs = {
                "textlens": lambda t, wl=words_lang: textlens_pieces(t, lang=wl),
                "textlens cjk=bigram": lambda t, wl=words_lang: textlens_pieces(t, "bigram", wl),
                **peers(lang),
            }
            if lang == "ja" and importlib.util.find_spec("unidic_lite"):
                runs[UNIDIC] = runs["textlens"]
        # Speed: textlens.tokenize (a list of str, as the peers return), not the
        # span bookkeeping above.
        fast = {
            "textlens": lambda t, wl=words_lang: textlens.tokenize(t, lang=wl),
            "textlens cjk=bigram": lambda t, wl=words_lang: textlens.tokenize(
                t, cjk="bigram", lang=wl
            ),
            "textlens syllables": lambda t: textlens.tokenize(t),
            UNIDIC: lambda t, wl=words_lang: textlens.tokenize(t, lang=wl),
        }
        scores = {}
        for who, segment in runs.items():
            with mecab_for(who):
                scores[who] = prf(sentences, segment)
        seconds = timed_together(
            sentences, {who: fast.get(who, segment) for who, segment in runs.items()}, args.repeat
        )
        for who, (p, r, f1) in scores.items():
            speed = mb / seconds[who]
            print(f"| {name} | {who} | {p:.3f} | {r:.3f} | {f1:.3f} | {speed:.2f} |")
    if not args.lang or "ko" in args.lang:
        korean(args.repeat)


if __name__ == "__main__":
    main()
