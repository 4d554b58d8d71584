"""Sphinx configuration: API docs from the docstrings (the Rust ``///`` comments become the
extension's docstrings) and the ``.pyi`` stubs' signatures. ``make docs`` builds with
warnings as errors."""

from __future__ import annotations

import textlens

project = "textlens"
release = version = textlens.__version__
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.viewcode"]
# Google-style sections (Args:, Returns:, Raises:, Example:) as the docstrings use them.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
html_theme = "alabaster"
exclude_patterns = ["_build"]
suppress_warnings = ["ref.python"]
