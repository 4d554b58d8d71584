"""Progress bars for long calls (``progress=True``): tqdm, the ``progress`` extra.

tqdm is imported only when a bar is asked for (``tqdm.auto``: a widget in Jupyter, text
in a terminal). The Rust job counts its finished units (``Interrupt::advance``); the thread
that polls for Ctrl-C moves the bar to that count (``src/python/interrupt.rs``).
"""

from __future__ import annotations

from typing import Any


def bar(total: int, desc: str, unit: str = "doc") -> Any:
    """A tqdm bar (``tqdm.auto``), or an ImportError that names the extra to install."""
    try:
        from tqdm.auto import tqdm
    except ModuleNotFoundError as exc:
        raise ImportError(
            "progress=True needs tqdm: pip install 'textlens[progress]' (or 'textlens[all]')",
            name=exc.name,
        ) from exc
    return tqdm(total=total, desc=desc, unit=unit)
