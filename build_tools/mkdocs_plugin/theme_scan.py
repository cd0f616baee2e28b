"""Which of the theme's files name a word of MkDocs' template context, read as text (a page key follows them)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from ..machinery.cache import is_installed


def templates_naming(folders: Iterable[str | Path], name: str) -> list[str]:
    """The files of the theme's folders whose text names ``name`` (``build_date_utc``: MkDocs gives each
    page the time it renders it, unless ``SOURCE_DATE_EPOCH`` is set, so a page showing it can never be
    taken from a cache: found by a review, cached pages showed an earlier build's time)."""
    found = []
    for folder in folders:
        found += _naming(str(folder), name) if is_installed(Path(folder)) else _scan(Path(folder), name)
    return found


@functools.lru_cache(maxsize=16)
def _naming(folder: str, name: str) -> list[str]:
    """:func:`templates_naming` of an installed theme's templates: the same for the whole process."""
    return _scan(Path(folder), name, (".html", ".xml", ".j2", ".jinja", ".txt"))


def _scan(folder: Path, name: str, suffixes: tuple[str, ...] | None = None) -> list[str]:
    word = name.encode()
    found = []
    for top, subfolders, files in os.walk(folder, followlinks=True):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))  # Material's .icons: pictures
        for file in sorted(files):
            if suffixes is None or file.endswith(suffixes):
                try:
                    if word in Path(top, file).read_bytes():
                        found.append(str(Path(top, file).relative_to(folder)))
                except OSError:
                    continue
    return found
