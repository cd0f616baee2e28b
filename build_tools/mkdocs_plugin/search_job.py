"""Building the search index beside the pages, in a process of its own.

The index is the costliest single step of a build and needs no template:
it is built in a forked process while MkDocs and the page workers render,
and its files are stored in the cache under :func:`~build_tools.search.search_key`.
The memory the index needs while it is built is returned to the system when
the process ends.

:func:`start` picks one job per kind of build; each is finished the same
way, ``job.finish(site_dir)``, which returns what the build wrote
(:class:`Outcome`), and ``job.cancel()`` stops it when the build fails:

- :class:`Unchanged`: an in-place rebuild whose index has the key of the
  index already in the site: nothing to do.
- :class:`WritingInto` (``mkdocs build`` into a fresh staging directory):
  a process writes the files into the site itself, built or taken from the
  cache, as the page workers write pages, so the build does not write some
  14,000 files (at 10,000 records) after the pages are done.
- :class:`Publishing` (``mkdocs serve`` rebuilds): the process publishes
  the new index into the live site when it is done, ``meta.json`` last; the
  build does not wait for it, and the previous index stays until then.
- :class:`Writing` (the first preview build, ``--dirty``): the build writes
  the files from the cache itself, after a process has built them (or at
  once if the cache holds them).

The process itself is :class:`~.search_process.SearchProcess`.
"""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing
import os
import shutil
import signal
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

from ..machinery.cache import ContentCache
from ..machinery.forked import can_fork
from ..search import pack_files, unpack_files
from .render import write_files
from .search_process import SearchProcess

_WANTED = ".catalogue-search-wanted"


class Outcome(NamedTuple):
    """What a finished job left in the site."""

    key: str | None
    """The key of the index the site holds now (for the next in-place build)."""
    files: list[str]
    """The index files the build wrote and must keep in its manifest (in-place builds)."""
    state: str
    """For the build's summary line: 未变, 取自缓存, 已重建, 正在后台重建."""


class SearchJob(Protocol):
    """Every job: ``finish`` once the pages are written (waits if it must), ``cancel`` if the build failed."""

    def finish(self, site_dir: str | Path) -> Outcome: ...

    def cancel(self) -> None: ...

    def running(self) -> bool:
        """Whether a process of the job is still at work (taking a core from the build)."""


def start(key: str, cache: ContentCache, build: Callable[[], dict[str, bytes]], *, site_dir: str | Path,
          in_place: bool, serving: bool, previous_key: str | None = None,
          previous_files: Sequence[str] = ()) -> SearchJob:
    """The job for this build's index, started: ``build()`` returns the index files.

    ``in_place``: the site directory holds a previous build's output
    (``previous_key``, ``previous_files``).  ``serving``: the site is
    previewed by ``mkdocs serve``; otherwise it is a staging directory
    (empty, or the spare) no one reads until the build is published.
    """
    asked = stop_background(site_dir) if serving else None  # its result is out of date
    # The index an earlier rebuild's background process was asked for may have been published after
    # this build read the manifest (while it loaded the records): the site then no longer holds the
    # manifest's index, which is therefore not this build's to keep.
    if in_place and key == previous_key and asked in (None, key):
        return Unchanged(key, list(previous_files))
    if not serving:  # a staging folder (empty, or the spare) no one reads yet: the process writes into it
        return WritingInto(key, cache, build, Path(site_dir))
    if serving and previous_files and not cache.has(key) and can_fork():
        return Publishing(key, cache, build, Path(site_dir), previous_key, list(previous_files))
    return Writing(key, cache, build)


class Unchanged:
    """The site holds this index already (an in-place rebuild)."""

    def __init__(self, key: str, files: list[str]) -> None:
        self.key, self._files = key, files

    def finish(self, site_dir: str | Path) -> Outcome:
        return Outcome(self.key, self._files, "未变")

    def cancel(self) -> None:
        pass

    def running(self) -> bool:
        return False


class Writing:
    """The build writes the index files from the cache, after a process has built them if needed."""

    def __init__(self, key: str, cache: ContentCache, build: Callable[[], dict[str, bytes]]) -> None:
        self.key, self.cache, self._build = key, cache, build
        self.cached = cache.has(key)  # checked when read: a damaged or vanished entry is built again
        self._process = None if self.cached else SearchProcess(_building(key, cache, build))

    def finish(self, site_dir: str | Path) -> Outcome:
        if self._process is not None:
            self._process.wait("建立")
        blob = self.cache.get(self.key)
        if blob is None:  # damaged (reported by the cache), or pruned by another build: made afresh
            files = self._build()
            self.cache.put_parts(self.key, pack_files(files), durable=True)
        else:
            files = unpack_files(blob)
        with _index_lock(Path(site_dir)):  # a background process of an earlier rebuild is not writing meanwhile
            if (Path(site_dir) / _WANTED).exists():  # an earlier rebuild's background process no longer publishes
                _want(Path(site_dir), self.key)
            write_files(site_dir, files)
            _remove_other_indexes(Path(site_dir), files)
        self.cache.prune()
        return Outcome(self.key, list(files), "取自缓存" if self.cached else "已重建")

    def cancel(self) -> None:
        if self._process is not None:
            self._process.cancel()

    def running(self) -> bool:
        return self._process is not None and self._process.running


class WritingInto:
    """A process writes the index into a staging directory (and the cache), built or from the cache."""

    def __init__(self, key: str, cache: ContentCache, build: Callable[[], dict[str, bytes]],
                 site_dir: Path) -> None:
        self.key, self.cache = key, cache
        self.cached = cache.has(key)
        job = (_writing_cached(key, cache, build, site_dir) if self.cached
               else _building_and_writing(key, cache, build, site_dir))
        self._process = SearchProcess(job)

    def finish(self, site_dir: str | Path) -> Outcome:
        self._process.wait("写入" if self.cached else "建立")
        self.cache.prune()
        # The files the process wrote, named in the manifest (a later build from this
        # site as the spare keeps them, or removes them as stale).
        return Outcome(self.key, sorted(self._process.names or ()), "取自缓存" if self.cached else "已重建")

    def cancel(self) -> None:
        self._process.cancel()

    def running(self) -> bool:
        return self._process.running


class Publishing:
    """A process builds the index and publishes it into the live site; the build does not wait (serve)."""

    def __init__(self, key: str, cache: ContentCache, build: Callable[[], dict[str, bytes]], site_dir: Path,
                 previous_key: str | None, previous_files: list[str]) -> None:
        self.key, self._previous = key, (previous_key, previous_files)
        publish = _publishing(build, key, site_dir)
        # Asked for before the process starts (it may finish at once, and
        # publishes only the index last asked for); its pid once it runs.
        _want(site_dir, key)
        self._process = SearchProcess(_building(key, cache, publish))
        _want(site_dir, key, self._process.pid)

    def finish(self, site_dir: str | Path) -> Outcome:
        self._process.detach()  # the previous index stays until the process replaces it
        return Outcome(*self._previous, "正在后台重建")

    def cancel(self) -> None:
        self._process.cancel()

    def running(self) -> bool:
        return self._process.running


def _want(site_dir: Path, key: str, pid: int | None = None) -> None:
    """Say which index the site wants (and which process builds it), atomically: never read half-written."""
    tmp = site_dir / f"{_WANTED}.{os.getpid()}"
    tmp.write_text(key if pid is None else f"{key} {pid}", encoding="utf-8")
    os.replace(tmp, site_dir / _WANTED)


def stop_background(site_dir: str | Path) -> str | None:
    """Stop a background index build of an earlier preview rebuild (its result is out of date, or the rebuild
    failed), under the index's lock, never halfway through writing.  Returns the key it was asked for
    (published or not) if no build has looked since.  Only this preview's own process is stopped; its
    number, another program's once it has ended, is forgotten."""
    site_dir = Path(site_dir)
    with _index_lock(site_dir):
        try:
            key, pid = (site_dir / _WANTED).read_text(encoding="utf-8").split()
        except (OSError, ValueError):
            return None  # none, or written by a build that wrote its index itself (no process)
        if pid in {str(p.pid) for p in multiprocessing.active_children()}:
            with contextlib.suppress(OSError):
                os.kill(int(pid), signal.SIGTERM)
        _want(site_dir, key)
        return key


@contextlib.contextmanager
def _index_lock(site_dir: Path):
    """The preview's search index is written by one process at a time: checking which index is wanted,
    writing it and removing the others is one step.  A background process of an earlier rebuild checked,
    then wrote its index over a newer one a rebuild had written meanwhile, and a record's text kept off
    since was served (a test found it under load)."""
    try:
        fd = os.open(site_dir / _INDEX_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a folder that cannot be written: nothing is written into it either
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


_INDEX_LOCK = ".catalogue-search-lock"


def _publishing(build, key: str, site_dir: Path):
    """``build``, then writing its files into ``site_dir`` unless a newer index was asked for meanwhile."""
    def build_and_publish() -> dict[str, bytes]:
        os.nice(10)  # the preview's own rebuilds come first
        files = build()
        with _index_lock(site_dir):
            try:
                if (site_dir / _WANTED).read_text(encoding="utf-8").split()[:1] != [key]:
                    return files
            except OSError:
                return files
            # Chunks first, then meta.json (which names the chunk folder) by an
            # atomic rename: a reader sees the old index or the new, never half.
            write_files(site_dir, dict(sorted(files.items(), key=lambda item: item[0].endswith("meta.json"))),
                        replace=True)
            _remove_other_indexes(site_dir, files)  # then the previous index's chunk folders go
        return files
    return build_and_publish


def _remove_other_indexes(site_dir: Path, files: Iterable[str]) -> None:
    """Remove every chunk folder beside the index ``files`` that their meta.json does not name: a
    previous index, or one a background process published after the preview's manifest was saved
    (found by a review: it stayed, and was served, with the text of a record kept off since)."""
    files = list(files)
    meta = next((p for p in files if p.endswith("meta.json")), None)
    if meta is None:
        return
    folder = (Path(site_dir) / meta).parent
    base = folder.relative_to(site_dir).as_posix() + "/"
    keep = {p[len(base):].split("/", 1)[0] for p in files if p.startswith(base)}
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)


def _building(key: str, cache: ContentCache, build) -> Callable[[], None]:
    """Build the index into the cache."""
    return lambda: cache.put_parts(key, pack_files(build()), durable=True)


def _building_and_writing(key: str, cache: ContentCache, build, site_dir: Path) -> Callable[[], list[str]]:
    """Build the index, write it into ``site_dir`` and into the cache."""
    def job() -> list[str]:
        files = build()
        write_files(site_dir, files)
        cache.put_parts(key, pack_files(files), durable=True)
        return list(files)
    return job


def _writing_cached(key: str, cache: ContentCache, build, site_dir: Path) -> Callable[[], list[str]]:
    """Write the index the cache holds into ``site_dir``; build it if the entry is damaged or gone."""
    def job() -> list[str]:
        blob = cache.get(key)  # checked whole (length, digest) before use
        if blob is None:  # damaged (reported by the cache), or pruned by another build since this one looked
            return _building_and_writing(key, cache, build, site_dir)()
        files = unpack_files(blob)
        write_files(site_dir, files)
        return list(files)
    return job
