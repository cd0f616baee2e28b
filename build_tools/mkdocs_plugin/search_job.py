"""Building the search index beside the pages, in a process of its own.

The index is the costliest single step of a build and needs no template:
it is built in a forked process while MkDocs and the page workers render,
and its files are stored in the cache under :func:`~build_tools.search.search_key`.
The memory the index needs while it is built is returned to the system when
the process ends.

Where its files go depends on the build:

- ``mkdocs build`` into a fresh staging directory (``write_to``): the process
  writes the files into the site itself, as the page workers write pages,
  so the build does not write some 14,000 files (at 10,000 records) after
  the pages are done.
  An index taken from the cache is written the same way, by a process of
  its own, while the pages are copied.
- ``mkdocs serve`` rebuilds (``publish_to``): the process publishes the new
  index into the live site when it is done, ``meta.json`` last; the build
  does not wait for it.
- Otherwise (the first preview build, ``--dirty``): the build writes the
  files from the cache itself (:meth:`SearchJob.files`); an index taken
  from the cache starts no process.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import traceback
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..machinery.cache import ContentCache
from ..machinery.forked import can_fork
from ..search import pack_files, unpack_files
from .render import write_files


class SearchJob:
    """The search index of one build: taken from the cache, or being built."""

    def __init__(self, key: str, cache: ContentCache, build: Callable[[], dict[str, bytes]],
                 publish_to: str | Path | None = None, write_to: str | Path | None = None) -> None:
        """Start building unless ``cache`` holds ``key``; ``build()`` returns the index files.

        With ``publish_to`` (``mkdocs serve``), the process also writes the
        files into that site directory when it is done, so the build need
        not wait for it (:meth:`detach`).  With ``write_to`` (a fresh
        staging directory, which no one reads until the build is published),
        a process writes the files into it, built or taken from the cache:
        the build waits for it with :meth:`wait`, not :meth:`files`.
        """
        if publish_to is not None and write_to is not None:
            raise ValueError("publish_to (a live site) and write_to (a staging directory) exclude each other")
        self.key, self.cache, self._build = key, cache, build
        self.cached = cache.has(key)  # checked when read: a damaged or vanished entry is built again
        self._process = self._result = None
        self.publishes = False
        self.writes = write_to is not None
        """Whether the index files reach ``write_to`` without the build writing them."""
        if self.cached and write_to is None:
            return
        if not can_fork():  # pragma: no cover - not Linux, or a daemonic process
            if not self.cached:
                cache.put(key, pack_files(build()), durable=True)
            if write_to is not None:
                write_files(write_to, self._cached_files())
            return
        if publish_to is not None:
            _stop_previous(Path(publish_to))
            self.publishes = True
            build = _publishing(build, key, Path(publish_to))
        if write_to is None:
            job = _building(key, cache, build)
        elif self.cached:
            job = _writing_cached(key, cache, build, Path(write_to))
        else:
            job = _building_and_writing(key, cache, build, Path(write_to))
        context = multiprocessing.get_context("fork")
        self._result, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(job, sending),
                                        name="catalogue-search", daemon=True)
        self._process.start()
        sending.close()
        if self.publishes:
            (Path(publish_to) / _WANTED).write_text(f"{key} {self._process.pid}", encoding="utf-8")

    @property
    def running(self) -> bool:
        """Whether the index is still being built."""
        return self._process is not None and self._process.is_alive()

    def wait(self) -> None:
        """Wait for the process to finish: the index is in the cache (and in ``write_to``)."""
        if self._process is None:
            return
        try:
            outcome = self._result.recv()
        except EOFError:
            outcome = f"建立搜索索引的进程意外退出（退出码 {self._process.exitcode}）。"
        finally:
            self._process.join()
            self._result.close()
            self._process = None
        if outcome != "ok":
            raise PluginError(f"建立搜索索引时出错：{outcome}")

    def files(self) -> dict[str, bytes]:
        """The index files (waits for the build to finish)."""
        self.wait()
        return self._cached_files()

    def _cached_files(self) -> dict[str, bytes]:
        blob = self.cache.get(self.key)
        if blob is None:  # damaged (reported by the cache), or pruned by another build: made afresh
            files = self._build()
            self.cache.put(self.key, pack_files(files), durable=True)
            return files
        return unpack_files(blob)

    def detach(self) -> None:
        """Let the process finish on its own (it publishes its files itself)."""
        self._process = None
        if self._result is not None:
            self._result.close()
            self._result = None

    def cancel(self) -> None:
        """Stop a build still running (the site build failed)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None


_WANTED = ".catalogue-search-wanted"


def _stop_previous(site_dir: Path) -> None:
    """Stop a background index build of an earlier preview rebuild: its result is out of date."""
    try:
        _, pid = (site_dir / _WANTED).read_text(encoding="utf-8").split()
        os.kill(int(pid), signal.SIGTERM)
    except (OSError, ValueError):
        pass  # none, or it has finished


def _publishing(build, key: str, site_dir: Path):
    """``build``, then writing its files into ``site_dir`` unless a newer index was asked for meanwhile."""
    def build_and_publish() -> dict[str, bytes]:
        os.nice(10)  # the preview's own rebuilds come first
        files = build()
        try:
            if (site_dir / _WANTED).read_text(encoding="utf-8").split()[0] != key:
                return files
        except OSError:
            return files
        # Chunks first, then meta.json (which names the chunk folder) by an
        # atomic rename: a reader sees the old index or the new, never half.
        for path, data in sorted(files.items(), key=lambda item: item[0].endswith("meta.json")):
            dest = site_dir / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".tmp-{os.getpid()}-{dest.name}")
            tmp.write_bytes(data)
            os.replace(tmp, dest)
        # Then the previous index's chunk folders go (meta.json no longer names them).
        meta = next((p for p in files if p.endswith("meta.json")), None)
        if meta is not None:
            folder = (site_dir / meta).parent
            base = folder.relative_to(site_dir).as_posix() + "/"
            keep = {p[len(base):].split("/", 1)[0] for p in files if p.startswith(base)}
            for entry in folder.iterdir():
                if entry.is_dir() and entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
        return files
    return build_and_publish


def _building(key: str, cache: ContentCache, build) -> Callable[[], None]:
    """Build the index into the cache."""
    return lambda: cache.put(key, pack_files(build()), durable=True)


def _building_and_writing(key: str, cache: ContentCache, build, site_dir: Path) -> Callable[[], None]:
    """Build the index, write it into ``site_dir`` and into the cache."""
    def job() -> None:
        files = build()
        write_files(site_dir, files)
        cache.put(key, pack_files(files), durable=True)
    return job


def _writing_cached(key: str, cache: ContentCache, build, site_dir: Path) -> Callable[[], None]:
    """Write the index the cache holds into ``site_dir``; build it if the entry is damaged or gone."""
    def job() -> None:
        blob = cache.get(key)  # checked whole (length, digest) before use
        if blob is None:  # damaged (reported by the cache), or pruned by another build since this one looked
            _building_and_writing(key, cache, build, site_dir)()
            return
        write_files(site_dir, unpack_files(blob))
    return job


def _run(job: Callable[[], None], sending) -> None:
    """The process: ``job()``, then "ok" or what went wrong, to the build."""
    try:
        job()
        sending.send("ok")
    except BaseException as exc:  # reported by the build process, with the cause
        sending.send(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}")
    finally:
        sending.close()
