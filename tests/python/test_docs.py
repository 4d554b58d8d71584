"""Run the ``>>>`` examples in the docstrings of the public API.

Most docstrings live in the compiled module (``///`` comments on the pyo3 items), where
``pytest --doctest-modules`` cannot see them; this finds them with doctest.DocTestFinder on
each name in ``textlens.__all__`` (classes with their methods) and runs them.
"""

from __future__ import annotations

import doctest

import pytest
import textlens

MIN_EXAMPLES = 8
PUBLIC = [name for name in textlens.__all__ if callable(getattr(textlens, name))]

# Docstring examples that are known to be wrong; strict, so a fix shows up as XPASS.
KNOWN_BAD: dict[str, str] = {}


def find_tests(name: str) -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(recurse=True, exclude_empty=True)
    tests = finder.find(getattr(textlens, name), name, globs={"textlens": textlens})
    return [t for t in tests if t.examples]


def test_public_api_has_enough_examples():
    counts = {name: sum(len(t.examples) for t in find_tests(name)) for name in PUBLIC}
    assert sum(counts.values()) >= MIN_EXAMPLES, counts
    # The core entry points must each show how they are used.
    for name in ["Analyzer", "detect", "tokenize", "tokens", "stem", "read_articles"]:
        assert counts[name] > 0, f"{name} lost its docstring examples"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_BAD[n], strict=True))
        if n in KNOWN_BAD
        else n
        for n in PUBLIC
    ],
)
def test_docstring_examples(name, repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)  # examples read "seeds" relative to the repository
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in find_tests(name):
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{results.failed} of {results.attempted} examples failed"


def test_all_examples_run(repo_root, monkeypatch):
    # Everything at once (the known-bad docstrings aside): no failure, and enough examples
    # really ran that losing them would be noticed.
    monkeypatch.chdir(repo_root)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for name in PUBLIC:
        if name not in KNOWN_BAD:
            for test in find_tests(name):
                runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0
    assert results.attempted >= MIN_EXAMPLES
