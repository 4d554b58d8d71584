"""The current engine against Snowball's C implementation (PyStemmer) on every
word of the Snowball reference vocabularies, and the documented places where the
reference vocabulary is older than Snowball itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import Stemmer
import textlens

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TEXTLENS_SHARED", ROOT.parent / "shared"))
ORACLES = SHARED / "oracles" / "snowball"
LANGUAGES = sorted(p.name for p in ORACLES.iterdir()) if ORACLES.is_dir() else []


def test_oracles_are_present():
    assert ORACLES.is_dir(), f"shared data missing at {ORACLES} (set TEXTLENS_SHARED)"
    assert len(LANGUAGES) == 18


@pytest.mark.parametrize("language", LANGUAGES)
def test_current_engine_equals_pystemmer_on_reference_vocabulary(language: str):
    words = (ORACLES / language / "current" / "voc.txt").read_text(encoding="utf-8").split()
    ours = textlens.stem(words, language, engine="current")
    theirs = Stemmer.Stemmer(language).stemWords(words)
    diff = [(w, a, b) for w, a, b in zip(words, ours, theirs, strict=True) if a != b]
    assert not diff, f"{len(diff)} of {len(words)} differ from PyStemmer, e.g. {diff[:5]}"


def test_exception_entries_are_what_snowball_c_and_the_reference_say():
    path = ROOT / "tests" / "data" / "snowball_current_finnish_exceptions.tsv"
    rows = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert rows
    voc = (ORACLES / "finnish" / "current" / "voc.txt").read_text(encoding="utf-8").split("\n")
    out = (ORACLES / "finnish" / "current" / "output.txt").read_text(encoding="utf-8").split("\n")
    reference = dict(zip(voc, out, strict=True))
    snowball_c = Stemmer.Stemmer("finnish")
    for word, ref_stem, c_stem in rows:
        assert reference[word] == ref_stem, word
        assert snowball_c.stemWord(word) == c_stem, word
        assert ref_stem != c_stem, word
