"""Work started ahead of the step that needs it, in forked workers, and taken when that step comes.

A clean ``catalogue build`` spends its first few tenths of a second on one
core: importing MkDocs, Material and Jinja, reading mkdocs.yml, setting up
the theme.  Parsing the record files, the first phase, does not depend on
any of that, so the command starts it first (:func:`start`) and the load
takes what the workers made (:func:`take`) instead of parsing again.

What is taken is named by a key the caller makes of everything the results
depend on besides the items themselves (the configuration, the list of
files); the caller checks each result against the item as it is when it
takes it (a file's bytes against the hash of the bytes parsed) and does
the rest itself.  Anything unexpected (a key that differs, a worker that
died or sent what does not unpickle) leaves that part to the caller, as if
nothing had been started: the work ahead is only ever a shortcut.

Workers are forked (nothing is pickled on the way to them) and take chunks
from a shared counter, so a slow one holds up no one.  Each sends its
results, a chunk at a time, once it has run out of chunks: the starting
process reads them only in :func:`take`, and a pipe holds little, so a
worker sending as it went would wait on the pipe instead of working.  A
worker whose starting process is gone (killed while it imported MkDocs)
ends too: it holds no reading end of any pipe, so its sending fails, and
on Linux it is stopped at once (:func:`~.forked.end_with_parent`).
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Collection, Hashable, Sequence
from multiprocessing.connection import wait

from .forked import can_fork, end_with_parent, fork_context, settle_child

log = logging.getLogger("mkdocs.plugins.catalogue")


class _Ahead:
    """The work under way: its key, its chunks of items and the workers' processes."""

    def __init__(self, key: Hashable, chunks: list[Sequence], fn: Callable[[Sequence], list], workers: int) -> None:
        self.key = key
        self.chunks = chunks
        context = fork_context()
        counter = context.Value("i", 0)
        self.processes = []
        self.pipes = []
        parent = os.getpid()
        try:
            for _ in range(workers):
                receiving, sending = context.Pipe(duplex=False)
                self.pipes.append(receiving)
                process = context.Process(target=_work, args=(chunks, fn, counter, sending, list(self.pipes), parent),
                                          name="catalogue-ahead", daemon=True)
                try:
                    process.start()
                finally:
                    sending.close()
                self.processes.append(process)
        except BaseException:
            self.cancel()
            raise

    def collect(self) -> dict[int, list]:
        """``{chunk number: results}`` of every chunk a worker finished and sent."""
        done: dict[int, list] = {}
        waiting = list(self.pipes)
        while waiting:
            for pipe in wait(waiting):
                try:
                    n, results = pipe.recv()  # one chunk at a time: no worker's whole share pickled at once
                    done[n] = results
                except Exception:  # noqa: BLE001 - all sent, or died, killed, or sent what does not unpickle: redone
                    waiting.remove(pipe)
                    pipe.close()
        for process in self.processes:
            process.join()
        return done

    def cancel(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for pipe in self.pipes:
            pipe.close()


_PENDING: _Ahead | None = None


def start(key: Hashable, items: Sequence, fn: Callable[[Sequence], list], *, workers: int, chunk_size: int) -> bool:
    """Start ``fn`` over ``items`` a chunk at a time in ``workers`` forked processes; whether it started.

    ``fn(chunk)`` returns one result per item; results must pickle.  Only
    one piece of work is ahead at a time: starting another cancels the first.
    """
    global _PENDING
    cancel()
    if workers < 2 or not items or not can_fork():
        return False
    chunks = [items[i:i + chunk_size] for i in range(0, len(items), max(1, chunk_size))]
    try:
        _PENDING = _Ahead(key, chunks, fn, min(workers, len(chunks)))
    except OSError:  # no process or semaphore to be had (a process limit, a read-only /dev/shm): the load does it
        return False
    return True


def pending() -> bool:
    """Whether work was started ahead and not yet taken or cancelled."""
    return _PENDING is not None


def take(key: Hashable, wanted: Collection, same: Callable[[object, object], bool]) -> dict[object, object]:
    """``{item: result}`` of the work started ahead under ``key``, once the workers are done, for the items
    ``wanted`` whose result is still right (``same(item, result)``; the others are counted in the log);
    empty when nothing was started under that key.  The work is let go either way."""
    global _PENDING
    pending, _PENDING = _PENDING, None
    if pending is None:
        return {}
    if pending.key != key:
        pending.cancel()
        log.info("记录文件的预先读取没有用上：生成网站时读到的配置或记录文件列表与预先读取时不同，记录文件重新读取。")
        return {}
    found: dict[object, object] = {}
    changed = 0
    for n, results in pending.collect().items():
        for item, result in zip(pending.chunks[n], results):
            if item not in wanted:
                continue
            if same(item, result):
                found[item] = result
            else:
                changed += 1
    if changed:
        log.info(f"有 {changed} 个记录文件在预先读取后有变化或无法读取，这些文件重新读取。")
    return found


def cancel() -> None:
    """Stop the work ahead, if any (the step that would take it is not coming)."""
    global _PENDING
    pending, _PENDING = _PENDING, None
    if pending is not None:
        pending.cancel()


def _work(chunks: list[Sequence], fn, counter, sending, reading: list, parent: int) -> None:
    """A worker: the next chunk not taken, until none is left; then each chunk's results, to the starting process."""
    for pipe in reading:  # the reading ends forked with it: only the starting process may hold one
        pipe.close()
    end_with_parent(parent)
    settle_child()
    done: dict[int, list] = {}
    try:
        try:
            while True:
                with counter.get_lock():
                    n = counter.value
                    counter.value = n + 1
                if n >= len(chunks):
                    break
                done[n] = fn(chunks[n])
        except Exception:  # noqa: BLE001 - this chunk and those not taken are the starting process's to do
            pass
        for n in sorted(done):
            sending.send_bytes(pickle.dumps((n, done.pop(n)), protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 - the starting process is gone, or stopped the work: nothing to send
        pass
    finally:
        sending.close()
        os._exit(0)
