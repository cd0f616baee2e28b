"""Work started ahead of the step that needs it, in forked workers, and taken when that step comes.

A clean ``catalogue build`` spends its first few tenths of a second on one
core: importing MkDocs, Material and Jinja, reading mkdocs.yml, setting up
the theme.  Parsing the record files, the first phase, does not depend on
any of that, so the command starts it first (:func:`start`) and the load
takes what the workers made (:func:`take`) instead of parsing again.

What is taken is exactly what the load would have made: the same function
over the same items, named by a key the caller makes of everything the
results depend on (the configuration, the list of files).  Each item also
carries a *witness* taken before it was worked on (a file's identity, size
and times); :func:`take` hands back only the items whose witness is the
same now, and the caller does the rest as usual.  Anything unexpected (a
key that differs, a worker that died or sent what does not unpickle) makes
the caller do that part itself, as if nothing had been started: the work
ahead is only ever a shortcut.

Workers are forked (nothing is pickled on the way to them) and take chunks
from a shared counter, so a slow one holds up no one.  Each sends its
results, a chunk at a time, once it has run out of chunks: the starting
process reads them only in :func:`take`, and a pipe holds little, so a
worker sending as it went would wait on the pipe instead of working.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Hashable, Sequence
from multiprocessing.connection import wait

from .forked import can_fork, fork_context, settle_child

log = logging.getLogger("mkdocs.plugins.catalogue")


class _Ahead:
    """The work under way: its key, its chunks of items and the workers' processes."""

    def __init__(self, key: Hashable, chunks: list[Sequence], fn: Callable[[Sequence], list],
                 witness: Callable[[object], object], workers: int) -> None:
        self.key = key
        self.chunks = chunks
        context = fork_context()
        counter = context.Value("i", 0)
        self.processes = []
        self.pipes = []
        for _ in range(workers):
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(chunks, fn, witness, counter, sending),
                                      name="catalogue-ahead", daemon=True)
            process.start()
            sending.close()
            self.processes.append(process)
            self.pipes.append(receiving)

    def collect(self) -> dict[int, tuple[list, list]]:
        """``{chunk number: (witnesses, results)}`` of every chunk a worker finished and sent."""
        done: dict[int, tuple[list, list]] = {}
        waiting = list(self.pipes)
        while waiting:
            for pipe in wait(waiting):
                try:
                    n, result = pipe.recv()  # one chunk at a time: no worker's whole share pickled at once
                    done[n] = result
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


def start(key: Hashable, items: Sequence, fn: Callable[[Sequence], list], *, witness: Callable[[object], object],
          workers: int, chunk_size: int) -> bool:
    """Start ``fn`` over ``items`` a chunk at a time in ``workers`` forked processes; whether it started.

    ``fn(chunk)`` returns one result per item; results must pickle.
    ``witness(item)`` is taken just before an item's chunk is worked on and
    again by :func:`take`: an item whose witness changed in between is
    not handed back.  Only one piece of work is ahead at a time: starting
    another cancels the first.
    """
    global _PENDING
    cancel()
    if workers < 2 or not items or not can_fork():
        return False
    chunks = [items[i:i + chunk_size] for i in range(0, len(items), max(1, chunk_size))]
    _PENDING = _Ahead(key, chunks, fn, witness, min(workers, len(chunks)))
    return True


def pending() -> bool:
    """Whether work was started ahead and not yet taken or cancelled."""
    return _PENDING is not None


def take(key: Hashable, items: Sequence, witness: Callable[[object], object]) -> dict[object, object]:
    """``{item: result}`` of the work started ahead under ``key``, for those of ``items`` it covers whose
    witness is unchanged; empty when nothing was started under that key.  The work is let go either way."""
    global _PENDING
    pending, _PENDING = _PENDING, None
    if pending is None:
        return {}
    if pending.key != key:
        pending.cancel()
        log.info("记录文件的预先读取不用于这次读取（配置或文件列表已不同），记录文件重新读取。")
        return {}
    wanted = set(items)
    found: dict[object, object] = {}
    changed = 0
    for n, (witnesses, results) in pending.collect().items():
        for item, seen, result in zip(pending.chunks[n], witnesses, results):
            if item not in wanted:
                continue
            if seen is not None and seen == _witnessed(witness, item):
                found[item] = result
            else:
                changed += 1
    if changed:
        log.info(f"有 {changed} 个记录文件在预先读取后有变化，这些文件重新读取。")
    return found


def cancel() -> None:
    """Stop the work ahead, if any (the step that would take it is not coming)."""
    global _PENDING
    pending, _PENDING = _PENDING, None
    if pending is not None:
        pending.cancel()


def _work(chunks: list[Sequence], fn, witness, counter, sending) -> None:
    """A worker: the next chunk not taken, until none is left; then every result, to the starting process."""
    settle_child()
    done: dict[int, tuple[list, list]] = {}
    try:
        try:
            while True:
                with counter.get_lock():
                    n = counter.value
                    counter.value = n + 1
                if n >= len(chunks):
                    break
                witnesses = [_witnessed(witness, item) for item in chunks[n]]
                done[n] = (witnesses, fn(chunks[n]))
        except Exception:  # noqa: BLE001 - this chunk and those not taken are the starting process's to do
            pass
        for n in sorted(done):
            sending.send_bytes(pickle.dumps((n, done.pop(n)), protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        sending.close()
        os._exit(0)


def _witnessed(witness, item) -> object:
    try:
        return witness(item)
    except OSError:
        return None
