"""scikit-learn's own vectorizer tests, run against textlens.sklearn.

The oracle is scikit-learn's test module for its text vectorizers,
``sklearn/feature_extraction/tests/test_text.py`` of the installed scikit-learn:
copied, with only the import of ``CountVectorizer``, ``TfidfVectorizer`` and
``HashingVectorizer`` switched to ``textlens.sklearn`` (by editing that one
import statement, found with ``ast``), and run by pytest in a subprocess. Its
JUnit XML must show every test passing, skipped by scikit-learn's own markers,
or listed in ``EXCLUDED`` with the reason. A scikit-learn release that adds a
test adds it here too.

The drop-ins are run with textlens's multilingual options (``lang``,
``stem``, ``engine``, ``stop_words="auto"``) at their defaults, as scikit-learn's
tests construct them; ``test_sklearn.py`` covers the options themselves.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

DROP_INS = ("CountVectorizer", "HashingVectorizer", "TfidfVectorizer")
SOURCE_MODULE = "sklearn.feature_extraction.text"

# test name (without parameters) -> why textlens does not pass it. Empty: every
# test of the installed scikit-learn passes, including those that read its private
# attributes (``_tfidf``, ``_sort_features``, ``_stop_words_id``), which the
# drop-ins keep since they subclass scikit-learn's classes.
EXCLUDED: dict[str, str] = {}


def upstream_test_file() -> Path:
    spec = importlib.util.find_spec("sklearn")
    assert spec is not None and spec.submodule_search_locations
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / "feature_extraction" / "tests" / "test_text.py"
    if not path.exists():
        pytest.skip(f"scikit-learn installed without its tests ({path})")
    return path


def switch_imports(source: str) -> str:
    """``source`` with the drop-ins imported from textlens.sklearn: the one
    ``from sklearn.feature_extraction.text import ...`` statement is rewritten,
    every other byte stays."""
    tree = ast.parse(source)
    hits = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and node.module == SOURCE_MODULE
        and any(alias.name in DROP_INS for alias in node.names)
    ]
    assert len(hits) == 1, f"expected one import from {SOURCE_MODULE}, found {len(hits)}"
    node = hits[0]
    ours = [a for a in node.names if a.name in DROP_INS]
    theirs = [a for a in node.names if a.name not in DROP_INS]
    assert {a.name for a in ours} == set(DROP_INS)
    replacement = [ast.unparse(ast.ImportFrom(module="textlens.sklearn", names=ours, level=0))]
    if theirs:
        replacement.insert(0, ast.unparse(ast.ImportFrom(module=SOURCE_MODULE, names=theirs)))
    lines = source.splitlines(keepends=True)
    start, end = node.lineno - 1, node.end_lineno or node.lineno
    return "".join([*lines[:start], "\n".join(replacement) + "\n", *lines[end:]])


def run_upstream(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Run the switched module; test id -> (outcome, message)."""
    module = tmp_path / "test_text_textlens.py"
    module.write_text(switch_imports(upstream_test_file().read_text(encoding="utf-8")))
    report = tmp_path / "junit.xml"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "--rootdir",
            str(tmp_path),
            f"--junitxml={report}",
            str(module),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert report.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    outcomes: dict[str, tuple[str, str]] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        outcome, message = "passed", ""
        for tag in ("failure", "error", "skipped"):
            child = case.find(tag)
            if child is not None:
                outcome, message = tag, (child.get("message") or "")[:500]
                break
        outcomes[case.get("name", "?")] = (outcome, message)
    return outcomes


def test_switch_imports_changes_only_the_import():
    source = upstream_test_file().read_text(encoding="utf-8")
    switched = switch_imports(source)
    tree = ast.parse(switched)
    imported = {
        (node.module, alias.name)
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert {("textlens.sklearn", name) for name in DROP_INS} <= imported
    assert not {(SOURCE_MODULE, name) for name in DROP_INS} & imported
    # the lines before and after the import statement are untouched
    old, new = source.splitlines(), switched.splitlines()
    head = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
    tail = next(i for i, (a, b) in enumerate(zip(old[::-1], new[::-1], strict=False)) if a != b)
    assert SOURCE_MODULE in "\n".join(old[head : len(old) - tail])
    assert len(old) - head - tail < 20


def test_sklearn_test_text_passes_on_textlens(tmp_path):
    outcomes = run_upstream(tmp_path)
    assert len(outcomes) >= 100, f"only {len(outcomes)} tests collected"
    failed = {
        name: message
        for name, (outcome, message) in outcomes.items()
        if outcome in ("failure", "error") and name.split("[")[0] not in EXCLUDED
    }
    assert not failed, "\n".join(f"{name}: {msg}" for name, msg in sorted(failed.items()))
    # an exclusion that now passes should be removed from the list
    stale = {
        base
        for base in EXCLUDED
        if all(o == "passed" for name, (o, _) in outcomes.items() if name.split("[")[0] == base)
    }
    assert not stale, f"excluded tests that pass: {sorted(stale)}"
