"""Loading in forked workers gives exactly what loading in one process gives.

A large catalogue (more files to parse than ``loader._MIN_PARALLEL``) is
parsed by one forked process per core; a small one in the build's own
process.  Either way the outcomes, the problems and their order are the
same, broken files included, and a worker that fails changes nothing the
caller sees: its files are parsed again in the calling process.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

import build_tools.machinery.forked as forked
import build_tools.loader as loader
from build_tools.config import load_config
from build_tools.generate import generate_corpus
from build_tools.machinery.load_cache import LoadCache
from build_tools.loader import load
from build_tools.pipeline import check_catalogue

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 20)
needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="worker processes are forked")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """600 generated records plus every broken file of tests/broken_catalogue (their attachments too)."""
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(600, out, seed=3)
    shutil.copytree(ROOT / "tests" / "broken_catalogue" / "catalogue", out / "catalogue" / "broken")
    return out


@pytest.fixture
def config(corpus, tmp_path):
    config, problems = load_config(corpus / "mkdocs.yml")
    assert problems == []
    # Generated records are 1.3–7.9 KB: a lower limit makes some of them
    # unreadable, so read problems come from the workers too.
    return replace(config, max_record_bytes=6000, cache_dir=tmp_path / "cache")


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """How many times the loader started worker processes (one entry per load that did)."""
    calls: list[int] = []
    real = forked._run_in_workers

    def spy(fn, chunks, results, workers, *rest):
        calls.append(workers)
        return real(fn, chunks, results, workers, *rest)

    monkeypatch.setattr(forked, "_run_in_workers", spy)
    return calls


@needs_fork
def test_workers_give_the_serial_result_broken_files_included(config, forks):
    serial = load(replace(config, workers=1))
    assert forks == []
    parallel = load(replace(config, workers=2))
    assert forks == [2]
    assert parallel == serial
    assert [v.source for v in parallel.validated] == sorted(v.source for v in serial.validated)
    codes = {p.code for v in serial.validated for p in v.problems}
    assert {"file-too-large", "yaml-syntax"} <= codes, codes  # broken files were parsed by the workers
    assert sum(v.record is None for v in serial.validated) > 20


@needs_fork
def test_a_check_in_workers_finds_the_same_problems_in_the_same_order(config, forks):
    serial = check_catalogue(replace(config, workers=1), AS_OF)
    parallel = check_catalogue(replace(config, workers=2), AS_OF)
    assert forks == [2]
    assert parallel.problems == serial.problems
    assert parallel.catalogue.records == serial.catalogue.records


@needs_fork
def test_the_load_cache_is_filled_by_workers_and_used_afterwards(config, forks, monkeypatch):
    fresh = load(replace(config, workers=1))
    cache = LoadCache(config.cache_dir, config)
    first = load(replace(config, workers=2), cache)
    assert forks == [2] and first == fresh
    cache.wait()  # written by a process of its own (a large catalogue's): the build waits before it ends
    parsed: list[str] = []
    real = loader._validate_file
    monkeypatch.setattr(loader, "_validate_file", lambda data, rel, *a: parsed.append(rel) or real(data, rel, *a))
    again = load(replace(config, workers=2), LoadCache(config.cache_dir, config))
    assert parsed == [] and forks == [2]  # everything from the cache: no worker started
    assert again == fresh


@needs_fork
def test_files_changed_since_the_cached_load_are_parsed_by_workers(config, corpus, forks, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(corpus, project)
    config = replace(config, catalogue_dir=project / "catalogue")
    load(replace(config, workers=2), LoadCache(config.cache_dir, config))
    for path in sorted((project / "catalogue").rglob("*.md"))[20:]:  # enough to need workers
        path.write_bytes(path.read_bytes().replace("title:".encode(), "title: 修订".encode(), 1))
    cached = load(replace(config, workers=2), LoadCache(config.cache_dir, config))
    assert forks == [2, 2]
    assert cached == load(replace(config, workers=1))


def test_a_small_catalogue_is_loaded_without_starting_a_process(monkeypatch, tmp_path):
    config, _ = load_config(ROOT / "mkdocs.yml")
    assert len(list(config.catalogue_dir.rglob("*.md"))) < loader._MIN_PARALLEL

    def refuse(*args):
        raise AssertionError("a small catalogue should be loaded in this process")

    monkeypatch.setattr(forked, "_run_in_workers", refuse)
    assert load(replace(config, workers=4)).validated
    assert load(replace(config, workers=4), LoadCache(tmp_path, config)).validated


@needs_fork
def test_workers_one_means_no_worker_process(config, monkeypatch):
    monkeypatch.setattr(forked, "_run_in_workers", lambda *a: pytest.fail("workers: 1 forked"))
    assert load(replace(config, workers=1)).validated


@needs_fork
def test_a_worker_that_dies_changes_nothing(config, monkeypatch, capfd):
    """A worker killed halfway (out of memory, say): its files are parsed here instead."""
    expected = load(replace(config, workers=1))
    parent = os.getpid()
    real = loader._validate_file

    def dies_in_a_worker(data, rel, *args):
        if os.getpid() != parent and rel.startswith("broken/"):
            os._exit(1)
        return real(data, rel, *args)

    monkeypatch.setattr(loader, "_validate_file", dies_in_a_worker)
    assert load(replace(config, workers=2)) == expected
    assert capfd.readouterr().err == ""


@needs_fork
def test_an_error_in_a_worker_is_raised_as_in_one_process(config, monkeypatch, capfd):
    """A bug that raises for one file raises the same exception, with no traceback from a worker."""
    real = loader._validate_file

    def fails(data, rel, *args):
        if rel == "broken/bad-date.md":
            raise RuntimeError(f"cannot validate {rel}")
        return real(data, rel, *args)

    monkeypatch.setattr(loader, "_validate_file", fails)
    with pytest.raises(RuntimeError, match="cannot validate broken/bad-date.md"):
        load(replace(config, workers=1))
    with pytest.raises(RuntimeError, match="cannot validate broken/bad-date.md") as raised:
        load(replace(config, workers=2))
    assert "RemoteTraceback" not in str(raised.getrepr())
    assert "Traceback" not in capfd.readouterr().err


# -- map_chunks itself -------------------------------------------------------------


def squares(chunk):
    return [n * n for n in chunk]


@needs_fork
@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_map_chunks_keeps_the_order_of_the_items(workers):
    items = list(range(1000))
    assert forked.map_chunks(squares, items, workers=workers, chunk_size=7) == [n * n for n in items]


def test_map_chunks_of_nothing_is_nothing():
    assert forked.map_chunks(squares, [], workers=4, chunk_size=10) == []


@needs_fork
def test_a_result_that_does_not_pickle_is_made_again_here():
    parent = os.getpid()

    def unpicklable_in_workers(chunk):
        return [(lambda: n) if os.getpid() != parent else n for n in chunk]

    assert forked.map_chunks(unpicklable_in_workers, list(range(50)), workers=2, chunk_size=5) == list(range(50))


@needs_fork
def test_a_worker_ends_after_its_share_of_chunks_and_a_fresh_one_takes_the_rest():
    """chunks_per_worker bounds what one forked worker copies of this process's memory (forked.map_chunks)."""
    parent = os.getpid()

    def who(chunk):
        return [(n, os.getpid()) for n in chunk]

    done = forked.map_chunks(who, list(range(100)), workers=2, chunk_size=5, chunks_per_worker=3)
    assert [n for n, _ in done] == list(range(100))
    pids = [pid for _, pid in done]
    per_worker = {pid: pids.count(pid) for pid in set(pids)}
    assert parent not in per_worker and len(per_worker) >= 7 and max(per_worker.values()) <= 15


@needs_fork
def test_a_failing_worker_is_not_replaced_and_its_chunks_are_run_here():
    """A worker that fails ends without a fresh one forked for it (a failure on every chunk would otherwise
    fork one process per chunk); the chunks it did not finish are run here, as a serial run would."""
    parent = os.getpid()

    def fails_in_workers(chunk):
        if os.getpid() != parent:
            raise ValueError("only in a worker")
        return [(n, os.getpid()) for n in chunk]

    done = forked.map_chunks(fails_in_workers, list(range(40)), workers=2, chunk_size=5, chunks_per_worker=2)
    assert done == [(n, parent) for n in range(40)]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _ends(stream, seconds: float) -> bool:
    """Whether reading ``stream`` reaches its end within ``seconds``."""
    import select
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if select.select([stream], [], [], 0.1)[0] and not os.read(stream.fileno(), 65536):
            return True
    return False


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_check_killed_while_its_workers_parse_leaves_none_and_its_output_ends(tmp_path, sig):
    """Killed by its own pid (kill, a supervisor's stop, Popen.kill after a timeout, the out-of-memory
    killer): its workers parsed on, then waited for ever on a pipe nobody read, holding the output open,
    so `catalogue check | tee check.log` never ended (a review)."""
    project = tmp_path / "project"
    generate_corpus(1200, project, seed=2)
    check = subprocess.Popen([sys.executable, "-m", "build_tools.cli", "check"], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 60
        while not (workers := _children(check.pid)):
            assert check.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(check.pid, sig)
        check.wait(timeout=30)
        ended = time.monotonic() + 20
        while any(_alive(w) for w in workers):
            assert time.monotonic() < ended, "a worker outlived the check"
            time.sleep(0.05)
        assert _ends(check.stdout, 20), "the check's output stayed open"
    finally:
        for pid in [check.pid, *_children(check.pid)]:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
