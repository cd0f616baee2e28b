"""Page keys, remembered from one build to the next (``mkdocs serve`` rebuilds).

A page's key hashes everything it is made from (:func:`page_key`), the
``repr`` of its view data included: for 13,000 pages that is half a second
of every rebuild.  Views are frozen, so a view that is the very object the
previous build hashed (the view memo hands back the same object for what did
not change, see :mod:`build_tools.machinery.view_memo`) has the same ``repr``, and
with the same other parts the same key.  Only the pages whose view is new
are hashed again.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..machinery.cache import fingerprint
from ..machinery.forked import available_cores, map_chunks

_MIN_PARALLEL = 2000
"""Fewer keys to hash than this are hashed here: forking costs more than it saves."""
_CHUNK = 1000


def page_key(key_base: str, job) -> str:
    """The cache key of one page: what every page depends on, and its own parts."""
    return fingerprint(key_base, job.src_uri, job.source, job.data, job.update_date)


class PageKeys:
    """The key of each page of the last build, with the parts it was computed from."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, str, object, str, str]] = {}
        self.computed = 0
        """How many keys the last call hashed rather than took from the previous build."""

    def keys(self, jobs: Sequence, key_base: str, workers: int = 1) -> list[str]:
        """:func:`page_key` of every job, in order; equal to hashing each afresh.

        Many keys to hash (a clean build: 13,000 ``repr`` of views, about a
        second) are hashed by ``workers`` forked processes (0: one per core).
        """
        last = self._last
        keys: list[str | None] = []
        fresh: list[int] = []
        for i, job in enumerate(jobs):
            entry = last.get(job.src_uri)
            # The view must be the same object (its repr cannot have changed);
            # the other parts are strings, compared by value.
            if (entry is not None and entry[2] is job.data and entry[0] == key_base
                    and entry[1] == job.source and entry[3] == job.update_date):
                keys.append(entry[4])
            else:
                keys.append(None)
                fresh.append(i)
        workers = (workers or available_cores()) if len(fresh) >= _MIN_PARALLEL else 1
        hashed = map_chunks(lambda chunk: [page_key(key_base, jobs[i]) for i in chunk], fresh,
                            workers=workers, chunk_size=_CHUNK)
        for i, key in zip(fresh, hashed):
            keys[i] = key
        # Only this build's pages are kept: the memo never outgrows one site.
        self._last = {job.src_uri: (key_base, job.source, job.data, job.update_date, key)
                      for job, key in zip(jobs, keys)}
        self.computed = len(fresh)
        return keys
