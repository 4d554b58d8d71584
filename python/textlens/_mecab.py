"""Japanese words by a MeCab dictionary (UniDic from ``unidic-lite``)."""

from __future__ import annotations

import os

from textlens._textlens import _set_mecab_dictionary

UNIDIC_LITE = "unidic-lite"


def set_mecab_dictionary(path: str | os.PathLike[str] | None) -> None:
    """Segment Japanese with a compiled MeCab dictionary, as MeCab would.

    By default Japanese words come from ICU4X's dictionary and textlens's
    short-unit rules (F1 0.876 on UD Japanese GSD dev). With UniDic, the
    dictionary of the UD Japanese treebanks, the words are MeCab's: each
    run of Japanese is read in its sentence, as MeCab reads it (F1 0.98692
    there; fugashi with the same dictionary 0.98688, the difference being
    numbers with separators, ``5,000``, which textlens keeps whole).
    The setting is the process's: every analyzer, corpus and thread;
    Chinese (Han text without kana, unless ``lang="ja"``) is not affected.

    Args:
        path: ``"unidic-lite"`` for UniDic as the ``unidic-lite`` package
            ships it (``pip install unidic-lite``, or ``textlens[ja]``), a
            directory with MeCab's compiled ``sys.dic``, ``unk.dic``,
            ``char.bin`` and ``matrix.bin`` (UTF-8), or ``None`` to go back
            to the default.

    Raises:
        ModuleNotFoundError: ``"unidic-lite"`` without the package.
        FileNotFoundError: a file of the dictionary is missing.
        OSError: a file is not a MeCab dictionary of format 102.

    The tables are read at once (UniDic: about 90 MiB of memory, well under a
    second) and kept until the dictionary is unset or replaced; setting
    the same directory again costs nothing. ``textlens.dask`` and
    ``textlens.spark`` apply the driver's setting in each worker before a
    partition is read (the directory must exist there too, as it does
    where the workers share the driver's environment); other worker
    processes (``multiprocessing``, your own Dask or Spark functions) need
    their own call.

    Example:
        >>> import textlens
        >>> textlens.set_mecab_dictionary(None)
        >>> textlens.mecab_dictionary() is None
        True
    """
    if path is None:
        _set_mecab_dictionary(None)
        return
    if isinstance(path, str) and path == UNIDIC_LITE:
        try:
            import unidic_lite
        except ModuleNotFoundError as err:
            raise ModuleNotFoundError(
                "set_mecab_dictionary('unidic-lite') needs the unidic-lite package: "
                "pip install unidic-lite (or textlens[ja])",
                name="unidic_lite",
            ) from err
        path = unidic_lite.DICDIR
    _set_mecab_dictionary(os.fspath(path))
