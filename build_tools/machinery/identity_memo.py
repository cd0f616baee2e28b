"""A value computed from a frozen object, remembered by the object's identity.

For work repeated on every build of one process (``mkdocs serve`` rebuilds
after each edit) over objects that are the same from one build to the next:
the load cache hands back the very same record for an unchanged file
(:meth:`build_tools.machinery.load_cache.LoadCache.reopen`).  Records are frozen, so
a value computed from one stays right for as long as the object lives; the
memo keeps the object in its entry, so its id cannot be reused meanwhile.
Only the values the latest build asked for are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class IdentityMemo(Generic[K, V]):
    """``compute(obj)``, remembered for the same object until a build no longer asks for it."""

    def __init__(self, compute: Callable[[K], V]) -> None:
        self._compute = compute
        self._last: dict[int, tuple[K, V]] = {}
        self._current: dict[int, tuple[K, V]] = {}

    def __call__(self, obj: K) -> V:
        """The value for ``obj``: remembered if ``obj`` is the very object it was computed from."""
        entry = self._current.get(id(obj)) or self._last.get(id(obj))
        if entry is None or entry[0] is not obj:
            entry = (obj, self._compute(obj))
        self._current[id(obj)] = entry
        return entry[1]

    def finish(self) -> None:
        """End a build: keep the values it asked for, drop the others."""
        self._last, self._current = self._current, {}
