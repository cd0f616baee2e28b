"""A content-addressed cache directory for build outputs.

An output (a rendered page, the search index) is stored under a key that
is a hash of *everything it is made from*: the data shown, the templates,
the configuration, the versions of the code.  So an entry is never stale:
when any input changes, the key changes and the output is made afresh; an
unchanged record is never rendered twice.  Entries not used by the latest
build are pruned at its end (:meth:`ContentCache.prune`), so the directory
holds about one site's worth of output.

The cache is an optimisation only: deleting the directory (or passing no
cache) gives the same bytes, only slower.  Writes are atomic (temporary
file, then rename), so a build killed halfway leaves no torn entry, and two
builds sharing a cache at once cannot corrupt it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

_KEY_BYTES = 20


def fingerprint(*parts: object) -> str:
    """A hex digest of ``parts`` (strings and bytes as they are, anything else by ``repr``).

    ``repr`` of the core's frozen dataclasses, tuples, strings, numbers and
    dates is deterministic, which is what a cache key needs; a part whose
    ``repr`` shows a memory address would make every key new (never stale).
    """
    h = hashlib.blake2b(digest_size=_KEY_BYTES)
    for part in parts:
        data = part if isinstance(part, bytes) else (part if isinstance(part, str) else repr(part)).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_digest(*roots: Path, suffixes: Iterable[str] = (".py",), recursive: bool = False) -> str:
    """A hash of the files under ``roots`` with these suffixes (names and bytes).

    The code or templates an output is made from: a change to any of them
    gives new keys.  A root that is a file is hashed as it is.
    """
    h = hashlib.blake2b(digest_size=16)
    wanted = set(suffixes)
    for root in roots:
        root = Path(root)
        if root.is_file():
            paths = [root]
        elif root.is_dir():
            found = root.rglob("*") if recursive else root.iterdir()
            paths = sorted(p for p in found if p.suffix in wanted and p.is_file())
        else:
            paths = []
        for path in paths:
            name = path.name if path == root else path.relative_to(root).as_posix()
            h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def stable(value: object) -> object:
    """``value`` as nested tuples whose ``repr`` is the same in every process.

    For configuration objects holding sets (whose order depends on the hash
    seed), mappings or dataclasses; records and views need no conversion.
    Anything else that is not plain data is taken by its ``str`` (an object's
    default ``repr`` names its memory address, which would make every key new).
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple((f.name, stable(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((stable(v) for v in value), key=repr))
    if isinstance(value, Mapping):
        return tuple(sorted(((repr(k), stable(v)) for k, v in value.items()), key=lambda kv: kv[0]))
    if isinstance(value, (list, tuple)):
        return tuple(stable(v) for v in value)
    if value is None or isinstance(value, (str, bytes, int, float, bool)):
        return value
    return str(value)


class ContentCache:
    """Files stored under their key in ``root/<namespace>/<k[:2]>/<k>``."""

    def __init__(self, root: str | Path, namespace: str) -> None:
        self.dir = Path(root) / namespace
        self._used: set[str] = set()
        self._made: set[Path] = set()

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives (whether or not it exists)."""
        return self.dir / key[:2] / key

    def has(self, key: str) -> bool:
        """Whether ``key`` is stored; marks it as used by this build."""
        self._used.add(key)
        return self.path(key).is_file()

    def get(self, key: str) -> bytes | None:
        """The stored bytes, or None."""
        self._used.add(key)
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> Path:
        """Store ``data`` under ``key`` atomically; returns the entry's path."""
        self._used.add(key)
        dest = self.path(key)
        if dest.parent not in self._made:  # one mkdir per folder, not per entry
            dest.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(dest.parent)
        # A name unique to this process and key (mkstemp's random names cost
        # more than the write itself, for thousands of small pages).
        tmp = dest.with_name(f".tmp-{os.getpid()}-{key}")
        try:
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return dest

    def copy_to(self, key: str, dest: str | Path) -> None:
        """Write the entry for ``key`` to ``dest`` (a copy, never a link: the site may be edited)."""
        shutil.copyfile(self.path(key), dest)

    def mark_used(self, keys: Iterable[str]) -> None:
        """Keep ``keys`` at the next :meth:`prune` (entries written by worker processes)."""
        self._used.update(keys)

    def prune(self) -> int:
        """Delete every entry this build did not use; returns how many were deleted."""
        removed = 0
        if not self.dir.is_dir():
            return 0
        for sub in self.dir.iterdir():
            if not sub.is_dir():
                continue
            for entry in sub.iterdir():
                if entry.name not in self._used:
                    entry.unlink(missing_ok=True)
                    removed += 1
        return removed
