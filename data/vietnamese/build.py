"""Rebuild ``words.txt`` from pyvi's word list (MIT, see README.md).

Usage::

    python -m pip download --no-deps pyvi==0.1.1 -d /tmp/pyvi
    python data/vietnamese/build.py /tmp/pyvi/pyvi-0.1.1*.whl

Keeps the words of 2 to 4 syllables (single syllables need no entry: a syllable is a word
unless the list joins it to its neighbours), lowercased, NFC, one a line, sorted, deduplicated.
"""

from __future__ import annotations

import sys
import unicodedata
import zipfile
from pathlib import Path

MAX_SYLLABLES = 4


def main() -> None:
    (wheel,) = sys.argv[1:]
    with zipfile.ZipFile(wheel) as z:
        text = z.read("pyvi/models/words.txt").decode("utf-8")
    words = set()
    for line in text.splitlines():
        syllables = unicodedata.normalize("NFC", line).lower().split()
        if 2 <= len(syllables) <= MAX_SYLLABLES:
            words.add(" ".join(syllables))
    out = Path(__file__).with_name("words.txt")
    out.write_text("".join(w + "\n" for w in sorted(words)), encoding="utf-8")
    print(f"{out}: {len(words)} words")


if __name__ == "__main__":
    main()
