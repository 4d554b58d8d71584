"""``textlens report --html``: one self-contained page, rendered by a real browser.

The browser check runs Debian's headless Chromium when it is installed
(``apt-get install chromium``; ``make check-html`` does both) and is skipped
otherwise, since CI machines need not have a browser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from textlens import cli


@pytest.fixture(scope="module")
def page(tmp_path_factory, seeds: Path) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert cli.main(["report", str(seeds), "--html", str(out)]) == 0
    return out


def test_page_is_self_contained(page: Path):
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # No network: no external scripts, styles, images or fonts.
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:)?//""", html)
    assert "<script" not in html
    for section in ("Articles", "Similarity", "Closest pairs", "Near-duplicates"):
        assert f">{section}<" in html, section
    assert "Distinctive terms" in html


def test_every_article_is_on_the_page(page: Path, seeds: Path):
    html = page.read_text(encoding="utf-8")
    for f in sorted(seeds.iterdir()):
        if f.is_file() and not f.name.startswith("."):
            assert f.stem in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_renders_in_headless_chromium(page: Path, tmp_path: Path):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    dom = subprocess.run(
        ["chromium", *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    # The browser parsed the page into a DOM with the heatmap and the bars.
    assert "<title>textlens report" in dom
    assert dom.count("<rect") >= 25  # 5 x 5 heatmap cells at least
    assert 'aria-label="similarity heatmap"' in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        ["chromium", *flags, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
