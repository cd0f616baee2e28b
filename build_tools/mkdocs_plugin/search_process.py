"""The search index's process: a job run in a forked process, and how it ended, in plain words.

Used by :mod:`.search_job`; where forking is not possible, the job runs in
the build's own process with the same outcome.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from mkdocs.exceptions import PluginError

from ..machinery.forked import can_fork, fork_context, release_free_memory, settle_child

log = logging.getLogger("mkdocs.plugins.catalogue")


class SearchProcess:
    """``job()`` in a forked process (or here, where forking is not possible), and how it ended."""

    def __init__(self, job: Callable[[], object]) -> None:
        self._process = self._result = None
        self._error: str | None = None
        self.names: list[str] | None = None
        """What the job returned, when it is a list of names (the files it wrote)."""
        self.pid: int | None = None
        if not can_fork():  # pragma: no cover - not Linux, or a daemonic process
            self._error, self.names = _outcome(job)
            return
        context = fork_context()
        self._result, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(job, sending), name="catalogue-search", daemon=True)
        self._process.start()
        self.pid = self._process.pid
        sending.close()

    @property
    def running(self) -> bool:
        """Whether the process is still at work (it takes a core from the build meanwhile).

        Not once its job is done: it may live on, idle, until the build reads an answer
        too large for the pipe, but the answer has started to arrive.
        """
        return self._process is not None and self._process.is_alive() and not self._result.poll()

    def wait(self, doing: str) -> None:
        """Wait for the job to end; a failure is an error of the build, in plain words."""
        if self._process is not None:
            if self._process.is_alive():
                log.info(f"页面已生成，正在等待搜索索引{doing}完成……")
            try:
                self._error, self.names = self._result.recv()
            except EOFError:
                self._error = f"建立搜索索引的进程意外退出（退出码 {self._process.exitcode}）。"
            finally:
                self._process.join()
                self._result.close()
                self._process = None
        if self._error not in (None, "ok"):
            raise PluginError(f"建立搜索索引时出错：{self._error}")

    def detach(self) -> None:
        """Let the process finish on its own."""
        self._process = None
        if self._result is not None:
            self._result.close()
            self._result = None

    def cancel(self) -> None:
        """Stop a process still running (the site build failed)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None


def _outcome(job: Callable[[], object]) -> tuple[str, list[str] | None]:
    """``job()`` here: ("ok", the names it returned), or what went wrong, with the cause."""
    try:
        return "ok", _names(job())
    except Exception as exc:  # reported by the build, as from a process
        return _failure(exc), None


def _failure(exc: BaseException) -> str:
    """What went wrong in a job, with the cause, for the build to report."""
    return f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"


def _names(result: object) -> list[str] | None:
    """A job's result worth sending back: a list of names, nothing bigger."""
    return result if isinstance(result, list) and all(isinstance(n, str) for n in result) else None


def _run(job: Callable[[], object], sending) -> None:
    """The process: ``job()``, then ("ok", the names it returned) or what went wrong, to the build."""
    settle_child()
    try:
        outcome = ("ok", _names(job()))
    except BaseException as exc:  # reported by the build process, with the cause
        outcome = (_failure(exc), None)
    try:
        # The index is written and let go.  Sending may wait until the build has rendered every
        # page (the names outgrow the pipe's buffer); meanwhile this process holds only what it
        # must, not the heap the index was built in (some 550 MB at 10,000 long laws).
        release_free_memory()
        sending.send(outcome)
    finally:
        sending.close()
