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
``stem``, ``engine``, ``cjk``, ``progress``) left at their defaults, as scikit-learn's tests
construct them, and a second time with those options passed explicitly at their
default values (``lang=None, stem=False, ...``): the module then imports
subclasses from a shim whose ``__init__`` passes them on every construction,
``clone`` included. ``test_sklearn.py`` covers the options themselves.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

DROP_INS = ("CountVectorizer", "HashingVectorizer", "TfidfVectorizer")
SOURCE_MODULE = "sklearn.feature_extraction.text"
SHIM_MODULE = "textlens_explicit_defaults"

# The shim: each drop-in subclassed with the same signature, its __init__ passing
# textlens's own options explicitly, at the defaults read from the drop-in.
SHIM = """
import inspect

import textlens.sklearn as tl

OPTIONS = ("lang", "stem", "engine", "cjk", "progress")


def _explicit(base):
    sig = inspect.signature(base.__init__)
    defaults = {name: sig.parameters[name].default for name in OPTIONS}

    def __init__(self, **params):
        base.__init__(self, **{**defaults, **params})

    __init__.__signature__ = sig
    cls = type(base.__name__, (base,), {"__init__": __init__, "__module__": __name__})
    return cls


CountVectorizer = _explicit(tl.CountVectorizer)
TfidfVectorizer = _explicit(tl.TfidfVectorizer)
HashingVectorizer = _explicit(tl.HashingVectorizer)
"""

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


def switch_imports(source: str, target: str = "textlens.sklearn") -> str:
    """``source`` with the drop-ins imported from ``target``: the one
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
    replacement = [ast.unparse(ast.ImportFrom(module=target, names=ours, level=0))]
    if theirs:
        replacement.insert(0, ast.unparse(ast.ImportFrom(module=SOURCE_MODULE, names=theirs)))
    lines = source.splitlines(keepends=True)
    start, end = node.lineno - 1, node.end_lineno or node.lineno
    return "".join([*lines[:start], "\n".join(replacement) + "\n", *lines[end:]])


def run_upstream(tmp_path: Path, target: str = "textlens.sklearn") -> dict[str, tuple[str, str]]:
    """Run the module switched to ``target``; test id -> (outcome, message)."""
    if target == SHIM_MODULE:
        (tmp_path / f"{SHIM_MODULE}.py").write_text(SHIM, encoding="utf-8")
    module = tmp_path / "test_text_textlens.py"
    module.write_text(switch_imports(upstream_test_file().read_text(encoding="utf-8"), target))
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


@pytest.mark.parametrize("target", ["textlens.sklearn", SHIM_MODULE])
def test_sklearn_test_text_passes_on_textlens(tmp_path, target):
    outcomes = run_upstream(tmp_path, target)
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


def test_shim_passes_the_options_explicitly_at_their_defaults(tmp_path, monkeypatch):
    """The second run's shim really passes lang=None, stem=False, … and stays on
    the Rust path (else that run would test scikit-learn's own code)."""
    (tmp_path / f"{SHIM_MODULE}.py").write_text(SHIM, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    shim = __import__(SHIM_MODULE)
    import textlens.sklearn as tl

    seen = []
    original = tl.CountVectorizer.__init__

    def spy(self, **params):
        seen.append(params)
        original(self, **params)

    monkeypatch.setattr(tl.CountVectorizer, "__init__", spy)
    vec = shim.CountVectorizer(min_df=1)
    assert {k: seen[-1][k] for k in ("lang", "stem", "engine", "cjk", "progress")} == {
        "lang": None,
        "stem": False,
        "engine": "classic",
        "cjk": "dictionary",
        "progress": False,
    }
    monkeypatch.undo()
    assert vec._fast()
    assert inspect.signature(shim.TfidfVectorizer) == inspect.signature(tl.TfidfVectorizer)
    X = shim.TfidfVectorizer().fit_transform(["a rose is a rose", "a red rose"])
    Y = tl.TfidfVectorizer().fit_transform(["a rose is a rose", "a red rose"])
    assert (X != Y).nnz == 0
