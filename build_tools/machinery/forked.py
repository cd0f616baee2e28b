"""Running one function over many items in forked worker processes, results in order.

Loading a large catalogue is CPU-bound Python (YAML parsing, validation),
so a second core only helps from a second process.  Workers are forked:
they inherit the function and the items as they are, nothing is pickled on
the way to them, and only each chunk's results are pickled back.

A failure in a worker never changes what the caller sees: a chunk whose
worker raised, was killed, or sent a result that does not pickle is simply
run again in the calling process, where it succeeds or fails exactly as a
serial run would (same exception, same message, an ordinary traceback).
"""

from __future__ import annotations

import ctypes
import functools
import gc
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked from this one.

    Not where ``fork`` is unavailable (Windows, and macOS by choice), and not
    from a daemonic process (a worker of a multiprocessing pool), which may
    have no children.
    """
    return ("fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def map_chunks(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], *,
               workers: int, chunk_size: int, chunks_per_worker: int | None = None) -> list[R]:
    """``fn`` over ``items`` a chunk at a time; the results of every chunk, concatenated in item order.

    ``fn(chunk)`` returns one result per item of ``chunk``.  With ``workers``
    above 1 (and fork available) the chunks are shared among that many
    forked processes, each taking the next chunk when it is free, so a
    worker slowed by other work on the machine holds up no one.  Results
    must pickle; a chunk whose result does not reach this process is run
    here.  With one worker everything runs here, with no process started.

    ``chunks_per_worker``: a worker ends after that many chunks and a new
    one is forked for the rest.  A forked worker shares this process's
    memory until it writes to it, and merely reading an object writes its
    reference count: a worker reading thousands of records' objects copies
    as many pages (some 40 KB a record file in pages.write_made, 270 MB per
    worker at 10,000 long laws), which a fresh worker gives back.
    """
    chunks = [items[i:i + chunk_size] for i in range(0, len(items), max(1, chunk_size))]
    results: list[list[R] | None] = [None] * len(chunks)
    workers = min(workers, len(chunks))
    if workers > 1 and can_fork():
        _run_in_workers(fn, chunks, results, workers, chunks_per_worker or len(chunks))
    for n, chunk in enumerate(chunks):
        if results[n] is None:  # not run in a worker, or its worker failed: run it here
            results[n] = fn(chunk)
    return [result for chunk_results in results for result in chunk_results]


def fork_context():
    """The ``fork`` start method, with the memory this process freed given back to the system first.

    A process that held large objects and let them go keeps their pages
    (glibc's heap); a forked child writing its own objects there copies
    each page it touches, so what was freed would cost memory twice.  Every
    fork of the build goes through here; each child then calls
    :func:`settle_child`.
    """
    release_free_memory()
    return multiprocessing.get_context("fork")


def settle_child() -> None:
    """First thing in a forked child: what it inherited is never collected here (``gc.freeze``).

    Its cycle collector then writes into none of the parent's objects,
    which stay shared instead of being copied page by page.
    """
    gc.freeze()


def end_with_parent(parent: int) -> None:
    """In a forked worker: end when ``parent``, the process that forked it, ends.

    A build killed by its own pid (``kill``, a supervisor's stop, a
    timeout's ``Popen.kill``, the kernel's out-of-memory killer) must not
    leave its workers parsing or waiting on a pipe for ever, holding the
    build's output open: whoever reads it would wait too (found by a
    review).  Linux stops the worker when its parent ends
    (``PR_SET_PDEATHSIG``); the parent may have ended before that was
    asked, so it is looked for once.  Elsewhere, a worker holding no reading
    end of its pipe ends when it next sends.
    """
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


_PR_SET_PDEATHSIG = 1


@functools.cache
def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return None


def release_free_memory() -> None:
    """Give the memory this process freed back to the system (glibc's ``malloc_trim``; elsewhere nothing)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return None


class Background:
    """``fn()`` running in a forked process, for work whose result is not wanted (writing a cache file).

    The caller goes on at once and calls :meth:`wait` before it relies on
    the work being done.  A failure there is never seen: :meth:`wait` then
    runs ``fn`` here, where it fails (or succeeds) as it would have.  Where
    forking is not possible, ``fn`` runs here at once.
    """

    def __init__(self, fn: Callable[[], object]) -> None:
        self._fn: Callable[[], object] | None = fn
        self._process = None
        if can_fork():
            try:
                process = fork_context().Process(target=_in_background, args=(fn,),
                                                 name="catalogue-background", daemon=False)
                process.start()
                self._process = process
            except OSError:  # no process to be had (out of memory or process slots): do it here
                pass
        if self._process is None:
            self.wait()

    def wait(self) -> None:
        """Return once the work is done: at once if it was, after running it here if it failed there.

        Interrupted while waiting (Ctrl-C), the next call waits again."""
        fn = self._fn
        if fn is None:
            return
        if self._process is not None:
            self._process.join()
            if self._process.exitcode == 0:
                self._fn = None
                return
        self._fn = None  # run here once: its error, if any, is raised to this caller
        fn()


def _in_background(fn) -> None:
    settle_child()
    try:
        fn()
    except BaseException:  # noqa: BLE001 - run again by Background.wait, which reports it as it would have
        os._exit(1)


def _run_in_workers(fn, chunks, results, workers: int, chunks_per_worker: int) -> None:
    """Fill ``results[n]`` for every chunk a worker completed; the others stay None."""
    context = fork_context()
    next_chunk = context.Value("i", 0)  # the chunk the next free worker takes
    processes, pending, sent = [], [], {}

    def start() -> None:
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(fn, chunks, next_chunk, sending, chunks_per_worker,
                                                      [*pending, receiving], os.getpid()),
                                  name="catalogue-load", daemon=True)
        process.start()
        sending.close()  # so the worker's exit shows here as end of file
        processes.append(process)
        pending.append(receiving)
        sent[receiving] = 0

    try:
        for _ in range(workers):
            start()
        while pending:
            for conn in wait(pending):
                try:
                    message = conn.recv_bytes()
                except (EOFError, OSError):  # the worker is done, or died halfway through a message
                    pending.remove(conn)
                    conn.close()
                    with next_chunk.get_lock():
                        left = next_chunk.value < len(chunks)
                    if left and sent[conn] >= chunks_per_worker:  # it ended after its share (not failing)
                        start()
                    continue
                sent[conn] += 1
                try:
                    n, chunk_results = pickle.loads(message)
                except Exception:  # e.g. a result that pickles but does not unpickle: run that chunk here
                    continue
                results[n] = chunk_results
    finally:
        for conn in pending:
            conn.close()
        for process in processes:
            if process.is_alive():  # only when this process stops early (Ctrl-C)
                process.terminate()
            process.join()


def _work(fn, chunks, next_chunk, sending, chunks_per_worker: int, reading: list, parent: int) -> None:
    """A worker: take chunks until none is left (or it took ``chunks_per_worker``), sending each one's results."""
    for pipe in reading:  # the reading ends forked with it: with the build gone, sending fails instead of waiting
        pipe.close()
    end_with_parent(parent)
    settle_child()
    try:
        for _ in range(chunks_per_worker):
            with next_chunk.get_lock():
                n = next_chunk.value
                next_chunk.value = n + 1
            if n >= len(chunks):
                return
            sending.send((n, fn(chunks[n])))
    except BaseException:
        # No traceback here: the chunk is run again by the calling process,
        # which reports any failure as a serial run would.
        return
    finally:
        sending.close()
