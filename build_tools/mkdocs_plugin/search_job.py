"""Building the search index beside the pages, in a process of its own.

The index is the costliest single step of a build and needs no template:
it is built in a forked process while MkDocs and the page workers render,
and its files are stored in the cache under :func:`~build_tools.search.search_key`.
A build whose searchable content did not change takes the index from the
cache and starts no process.  The memory the index needs while it is built
is returned to the system when the process ends.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable

from mkdocs.exceptions import PluginError

from ..cache import ContentCache
from ..search import pack_files, unpack_files


class SearchJob:
    """The search index of one build: taken from the cache, or being built."""

    def __init__(self, key: str, cache: ContentCache, build: Callable[[], dict[str, bytes]]) -> None:
        """Start building unless ``cache`` holds ``key``; ``build()`` returns the index files."""
        self.key, self.cache = key, cache
        self.cached = cache.has(key)
        self._process = self._result = None
        if self.cached:
            return
        if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
            cache.put(key, pack_files(build()))
            return
        context = multiprocessing.get_context("fork")
        self._result, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_build_into_cache, args=(key, cache, build, sending),
                                        name="catalogue-search", daemon=True)
        self._process.start()
        sending.close()

    def files(self) -> dict[str, bytes]:
        """The index files (waits for the build to finish)."""
        if self._process is not None:
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
        blob = self.cache.get(self.key)
        if blob is None:
            raise PluginError(f"搜索索引不在缓存目录 {self.cache.dir} 中（是否被其他程序删除？）。请重新构建。")
        return unpack_files(blob)

    def cancel(self) -> None:
        """Stop a build still running (the site build failed)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None


def _build_into_cache(key: str, cache: ContentCache, build, sending) -> None:
    try:
        cache.put(key, pack_files(build()))
        sending.send("ok")
    except BaseException as exc:  # reported by the build process, with the cause
        sending.send(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}")
    finally:
        sending.close()
