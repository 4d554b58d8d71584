"""examples/tour.ipynb: built by examples/make_tour.py, committed with its outputs, and
executed again here with nbclient (a local kernel, no network) so it never goes stale."""

from __future__ import annotations

import importlib.util
import os

import pytest

from .conftest import REPO_ROOT

nbformat = pytest.importorskip("nbformat")  # PY_DEPS installs it: a skip only outside CI
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def make_tour():
    spec = importlib.util.spec_from_file_location(
        "make_tour", REPO_ROOT / "examples" / "make_tour.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_notebook_has_the_generated_cells_and_their_outputs():
    tour = make_tour()
    committed = nbformat.read(tour.NOTEBOOK, as_version=4)
    built = tour.build()
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ], "examples/tour.ipynb is stale: run python examples/make_tour.py"
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code), "commit the notebook with its outputs"


def test_tour_executes_and_shows_tables_and_pictures(shared):
    tour = make_tour()
    os.environ["TEXTLENS_SHARED"] = str(shared)
    nb = tour.execute(tour.build(), timeout=300)
    code = [c for c in nb.cells if c.cell_type == "code"]
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = [set(o.get("data", {})) for o in outputs]
    assert sum("image/png" in k for k in kinds) >= 5  # one picture per plot
    assert sum("text/html" in k for k in kinds) >= 8  # displays and DataFrames
    # The corpus display, rich: documents, terms and top terms.
    html = code[1].outputs[0]["data"]["text/html"]
    assert "5 documents" in html and "putin" in html
