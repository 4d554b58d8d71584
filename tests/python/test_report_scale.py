"""``textlens report`` at scale: bounded memory, a readable summary, exact neighbours.

The memory bound is checked on a generated folder of 20,000 small articles, in a
subprocess whose peak resident memory (``VmHWM`` in ``/proc/self/status``) is read at
the end; the old report built the n x n matrix as Python lists and was killed at 24 GB
on the 13,286-article bench folder.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import textlens
import textlens.cli

N_ARTICLES = 20_000
PEAK_MB = 600

_RUNNER = """
import sys, textlens.cli
rc = textlens.cli.main(sys.argv[1:])
status = open("/proc/self/status").read()
peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
print("PEAK", int(peak.split()[1]) // 1024, file=sys.stderr)
sys.exit(rc)
"""


def _words(rng: random.Random, n: int) -> list[str]:
    letters = "abcdefghijklmnoprstuvz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(n)]


def write_articles(folder: Path, n: int, *, seed: int = 7) -> None:
    """``n`` articles of ~60 words over a 20,000-word vocabulary, by 12 sources; every
    500th article is a copy of its predecessor (near-duplicates to find); plus two files
    that are not articles."""
    rng = random.Random(seed)
    vocab = _words(rng, 20_000)
    text = ""
    for i in range(n):
        if i % 500 != 1:
            text = " ".join(rng.choice(vocab) for _ in range(60)) + "."
        header = f" source outlet{i % 12}\n title Story number {i}\n\n"
        (folder / f"a{i:05d}.txt").write_text(header + text, "utf-8")
    (folder / "stats.json").write_text(f'{{"articles": {n}}}', "utf-8")
    (folder / "NOTES").write_text("not an article", "utf-8")


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    write_articles(folder, N_ARTICLES)
    return folder


def test_20k_articles_in_bounded_memory_with_a_summary(big_folder: Path):
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, "report", str(big_folder)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    peak = int(done.stderr.split("PEAK")[1].split()[0])
    assert peak < PEAK_MB, f"peak resident memory {peak} MB"
    # Only article files are read, and the skipped ones are named.
    assert "skipped 2 file(s)" in done.stderr and "stats.json" in done.stderr
    out = done.stdout
    assert out.startswith(f"{N_ARTICLES:,} articles, ")
    assert "sources (12)" in out
    assert "near-duplicates (40 clusters, 80 articles)" in out
    # A summary, not 20,000 article blocks.
    assert len(out.splitlines()) < 120
    assert "Story number" in out  # titles name the articles of the closest pairs


def _ranked(row: np.ndarray, i: int) -> list[tuple[float, int]]:
    return sorted(((float(v), j) for j, v in enumerate(row) if j != i), key=lambda t: (-t[0], t[1]))


def test_neighbours_and_closest_pairs_equal_the_dense_matrix(tmp_path: Path):
    """The top-k search agrees with ranking the full matrix (the oracle)."""
    write_articles(tmp_path, 300, seed=3)
    with pytest.warns(UserWarning, match=r"skipped 2 file\(s\).*: NOTES, stats\.json"):
        docs = textlens.read_articles(tmp_path)
    rep = textlens.cli.build_report(docs, top=3, pairs=7, detail=20, neighbours=4)
    dense = textlens.Corpus(docs).similarity()
    ids = [d.id for d in docs]
    for i, got in enumerate(rep["neighbours"]["lists"]):
        want = _ranked(dense[i], i)[:4]
        assert [g[0] for g in got] == [ids[j] for _, j in want]
        assert [g[1] for g in got] == pytest.approx([v for v, _ in want], abs=1e-4)
    pairs = sorted(
        ((float(dense[i, j]), i, j) for i in range(len(ids)) for j in range(i + 1, len(ids))),
        key=lambda t: (-t[0], t[1], t[2]),
    )[:7]
    assert [(p["a"], p["b"]) for p in rep["closest_pairs"]] == [
        (ids[i], ids[j]) for _, i, j in pairs
    ]
    # Above --detail: a sampled heatmap that holds the closest pairs, scored as the matrix.
    sim = rep["similarity"]
    assert "sample" in sim and len(sim["ids"]) == 20
    pos = [ids.index(x) for x in sim["ids"]]
    assert np.allclose(sim["matrix"], dense[np.ix_(pos, pos)], atol=1e-4)
    assert {ids[i] for _, i, _ in pairs[:3]} <= set(sim["ids"])
    assert rep["distinctive_terms"]["articles"] == {}
    assert rep["summary"]["sources"] == {f"outlet{k}": 25 for k in range(12)}


def test_html_of_a_large_report_has_summary_legend_and_one_scale(tmp_path: Path):
    write_articles(tmp_path, 120, seed=5)
    out = tmp_path / "r.html"
    assert textlens.cli.main(["report", str(tmp_path), "--html", str(out), "--detail", "10"]) == 0
    page = out.read_text("utf-8")
    assert ">Summary<" in page and "A sample: 10 of 120 articles" in page
    assert ">similarity</text>" in page  # the colour legend
    assert page.count("One scale for every panel") == 1
    assert "Story number" in page


@pytest.mark.parametrize("option", ["--detail", "--neighbours"])
def test_negative_sizes_are_usage_errors(seeds, capsys, option):
    assert textlens.cli.main(["report", str(seeds), option, "-1"]) == 2
    assert capsys.readouterr().err.startswith("textlens: error: ")
