"""Record files parsed ahead (while ``catalogue build`` imports MkDocs) give exactly what a load gives.

``loader.start_loading`` forks workers that parse the record files before
the build has read mkdocs.yml through MkDocs; the load takes their outcomes
(machinery/ahead.py).  These tests attack the promise that this changes
nothing anyone can see: files edited, added or swapped in between, workers
killed or failing, a configuration that differs, a build that stops before
it loads, and the site itself.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from multiprocessing.connection import wait
from pathlib import Path

import pytest

import build_tools.loader as loader
import build_tools.machinery.forked as forked
from build_tools.cli import main
from build_tools.config import load_config
from build_tools.generate import generate_corpus
from build_tools.machinery import ahead
from build_tools.machinery.load_cache import LoadCache

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-20"
needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="worker processes are forked")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """540 generated records (more than the loader parses in one process) and every broken file."""
    out = tmp_path_factory.mktemp("ahead")
    generate_corpus(540, out, seed=4)
    shutil.copytree(ROOT / "tests" / "broken_catalogue" / "catalogue", out / "catalogue" / "broken")
    return out


@pytest.fixture
def catalogue(corpus, tmp_path) -> Path:
    """A copy of the corpus this test may change."""
    shutil.copytree(corpus, tmp_path / "project")
    return tmp_path / "project"


def _config(project: Path, cache: Path):
    config, problems = load_config(project / "mkdocs.yml")
    assert problems == []
    return replace(config, catalogue_dir=(project / "catalogue").absolute(), cache_dir=cache, workers=2)


@pytest.fixture(autouse=True)
def nothing_left_ahead():
    yield
    ahead.cancel()
    assert not [p for p in multiprocessing.active_children() if p.name == "catalogue-ahead"]


def _parsed(config) -> None:
    """Wait until the workers started ahead have parsed every file (each then waits to send)."""
    pending = ahead._PENDING
    assert pending is not None
    deadline = time.monotonic() + 120
    while len(wait(pending.pipes, timeout=1)) < len(pending.pipes):
        assert time.monotonic() < deadline


def _plain(config, tmp_path: Path):
    """A load with nothing parsed ahead, on a cache of its own."""
    assert not ahead.pending()
    return loader.load(config, LoadCache(tmp_path / "plain-cache", config))


@needs_fork
def test_the_load_takes_every_file_parsed_ahead_and_gives_a_plain_load(catalogue, tmp_path, monkeypatch):
    config = _config(catalogue, tmp_path / "cache")
    assert loader.start_loading(config)
    parsed_here: list[int] = []
    real = loader.map_chunks
    monkeypatch.setattr(loader, "map_chunks", lambda fn, items, **kw: parsed_here.append(len(items)) or real(fn, items, **kw))
    cache = LoadCache(config.cache_dir, config)
    early = loader.load(config, cache)
    assert parsed_here == [0], "every record file came from the workers started ahead"
    monkeypatch.setattr(loader, "map_chunks", real)
    assert early == _plain(config, tmp_path)
    assert {"file-too-large", "yaml-syntax"} & {p.code for v in early.validated for p in v.problems}
    cache.wait()
    # What was parsed ahead is remembered like any parse: the next load parses nothing.
    again = LoadCache(config.cache_dir, config)
    monkeypatch.setattr(loader, "map_chunks", lambda fn, items, **kw: parsed_here.append(len(items)) or real(fn, items, **kw))
    assert loader.load(config, again) == early
    assert parsed_here[-1] == 0


@needs_fork
def test_a_file_edited_after_it_was_parsed_ahead_is_read_again(catalogue, tmp_path, caplog):
    config = _config(catalogue, tmp_path / "cache")
    files = [f for f in sorted((catalogue / "catalogue").rglob("*.md"))
             if "broken" not in f.parts and "\npublished: 20" in f.read_text("utf-8")]
    edited, swapped = files[10], files[20]
    assert loader.start_loading(config)
    _parsed(config)
    # An editor corrects a title: the same number of bytes, the time put back (a sync tool, a copy with -p).
    text = edited.read_text("utf-8")
    stat = edited.stat()
    title = text.split("\ntitle: ")[1].split("\n")[0]
    corrected = "新" + title[1:] if title[0] != "新" else "旧" + title[1:]
    edited.write_text(text.replace(f"\ntitle: {title}\n", f"\ntitle: {corrected}\n"), "utf-8")
    assert edited.stat().st_size == stat.st_size
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # Another is withheld and saved by rename (a new file under the same name).
    replacement = swapped.with_name(".tmp-save")
    replacement.write_text(swapped.read_text("utf-8").replace(
        "\n---\n", "\ndisclosure: 不予公开\nwithheld_reason: 《政府信息公开条例》第十六条第二款，过程性信息\n---\n", 1), "utf-8")
    os.replace(replacement, swapped)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.catalogue"):
        early = loader.load(config, LoadCache(config.cache_dir, config))
    assert "有 2 个记录文件在预先读取后有变化或无法读取" in caplog.text
    assert early == _plain(config, tmp_path)
    by_source = {v.source: v.record for v in early.validated}
    name = lambda f: f.relative_to(catalogue / "catalogue").as_posix()  # noqa: E731
    assert by_source[name(edited)].title == corrected
    assert not by_source[name(swapped)].is_proactive


@needs_fork
def test_a_file_added_or_removed_meanwhile_makes_the_load_parse_every_file(catalogue, tmp_path, caplog):
    config = _config(catalogue, tmp_path / "cache")
    assert loader.start_loading(config)
    files = sorted((catalogue / "catalogue").rglob("*.md"))
    # A new file may be named by every other record (attachments, links): nothing parsed before it is used.
    shutil.copy(files[3], files[3].with_name("新增.md"))
    files[5].unlink()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.catalogue"):
        early = loader.load(config, LoadCache(config.cache_dir, config))
    assert "预先读取没有用上" in caplog.text
    assert early == _plain(config, tmp_path)


@needs_fork
def test_another_configuration_takes_nothing(catalogue, tmp_path, caplog):
    config = _config(catalogue, tmp_path / "cache")
    assert loader.start_loading(config)
    other = replace(config, max_record_bytes=5000)  # some files become too large to read
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.catalogue"):
        early = loader.load(other, LoadCache(other.cache_dir, other))
    assert "预先读取没有用上" in caplog.text
    assert early == _plain(other, tmp_path)
    assert "file-too-large" in {p.code for v in early.validated for p in v.problems}


@needs_fork
def test_a_killed_worker_leaves_its_files_to_the_load(catalogue, tmp_path):
    config = _config(catalogue, tmp_path / "cache")
    assert loader.start_loading(config)
    os.kill(ahead._PENDING.processes[0].pid, signal.SIGKILL)
    early = loader.load(config, LoadCache(config.cache_dir, config))
    assert early == _plain(config, tmp_path)


def test_nothing_is_started_where_it_would_not_pay(catalogue, tmp_path):
    config = _config(catalogue, tmp_path / "cache")
    assert not loader.start_loading(replace(config, cache_dir=None))  # no cache: the load is not the build's
    assert not loader.start_loading(replace(config, workers=1))
    assert not loader.start_loading(replace(config, catalogue_dir=tmp_path / "missing"))
    small = tmp_path / "small"
    generate_corpus(40, small, seed=1)
    assert not loader.start_loading(_config(small, tmp_path / "small-cache"))
    cache = LoadCache(config.cache_dir, config)
    loader.load(config, cache)  # stores the load cache
    cache.wait()
    assert LoadCache.stored(config.cache_dir)
    assert not loader.start_loading(config)  # a rebuild parses what changed, not every file
    assert not ahead.pending()


@needs_fork
def test_a_build_is_the_same_site_with_the_files_parsed_ahead(tmp_path, monkeypatch):
    catalogue = tmp_path / "project"  # made here: its mkdocs.yml names the theme by a relative path
    generate_corpus(540, catalogue, seed=4)
    shutil.copytree(ROOT / "tests" / "broken_catalogue" / "catalogue", catalogue / "catalogue" / "broken")
    args = ["build", "--config", str(catalogue / "mkdocs.yml"), "--as-of", AS_OF]
    taken: list[int] = []
    real_take = ahead.take
    monkeypatch.setattr(ahead, "take", lambda *a, **k: taken.append(len(found := real_take(*a, **k))) or found)
    assert main([*args, "--site-dir", str(tmp_path / "early")]) == 0
    assert taken == [540 + len(list((catalogue / "catalogue" / "broken").rglob("*.md")))]
    shutil.rmtree(catalogue / ".cache")
    monkeypatch.setattr(loader, "start_loading", lambda config: False)
    assert main([*args, "--site-dir", str(tmp_path / "plain")]) == 0
    assert len(taken) == 1  # nothing was started, nothing taken
    assert _same_tree(tmp_path / "early", tmp_path / "plain")


def _same_tree(a: Path, b: Path) -> bool:
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(a, b, [str(n) for n in names], shallow=False)
    assert mismatch == [] and errors == []
    return True


@needs_fork
@pytest.mark.parametrize("site, parsed_ahead", [("catalogue", []), ("catalogue/policies", []), ("docs", [True])])
def test_a_build_that_stops_before_loading_leaves_no_worker(catalogue, monkeypatch, site, parsed_ahead):
    """Refused after the workers started (the site folder is docs/): they are stopped.  Refused because
    the site folder is the catalogue or inside it: nothing is parsed first (a review gave a shared folder
    of 300,000 files as --catalogue: 3 s before the refusal)."""
    started: list[bool] = []
    real = loader.start_loading
    monkeypatch.setattr(loader, "start_loading", lambda config: started.append(real(config)) or started[-1])
    code = main(["build", "--config", str(catalogue / "mkdocs.yml"), "--site-dir", str(catalogue / site)])
    assert code != 0
    assert started == parsed_ahead
    assert not ahead.pending()
    assert not [p for p in multiprocessing.active_children() if p.name == "catalogue-ahead"]


def test_workers_that_cannot_be_started_leave_the_load_to_the_build(catalogue, tmp_path, monkeypatch):
    """No process or semaphore to be had (a process limit, a read-only /dev/shm): a traceback before
    (a review); now the build loads the records itself."""
    class Refusing:
        def Value(self, *args):
            raise OSError(30, "Read-only file system")
    monkeypatch.setattr(ahead, "fork_context", lambda: Refusing())
    config = _config(catalogue, tmp_path / "cache")
    assert not loader.start_loading(config)
    assert not ahead.pending()
    assert loader.load(config, LoadCache(config.cache_dir, config)) == _plain(config, tmp_path)


def _double(chunk):
    if 13 in chunk:
        raise ValueError("a chunk that fails")
    return [n * 2 for n in chunk]


@needs_fork
def test_work_ahead_hands_back_what_it_did_and_no_more():
    items = list(range(100))
    everything = lambda n, result: True  # noqa: E731
    assert ahead.start("k", items, _double, workers=2, chunk_size=10)
    got = ahead.take("k", wanted=set(items[:50]), same=everything)
    assert got == {n: n * 2 for n in range(50) if not 10 <= n < 20}  # the failing chunk is the caller's
    assert not ahead.pending()
    # A result no longer right: not handed back.
    assert ahead.start("k", items, _double, workers=2, chunk_size=10)
    assert ahead.take("k", wanted=set(items), same=lambda n, result: n % 2 == 0) == {
        n: n * 2 for n in items if n % 2 == 0 and not 10 <= n < 20}
    # Another key: nothing, and the work is stopped.
    assert ahead.start("k", items, _double, workers=2, chunk_size=10)
    assert ahead.take("other", wanted=set(items), same=everything) == {}
    assert ahead.take("k", wanted=set(items), same=everything) == {}  # taken once only
    # A second start replaces the first.
    assert ahead.start("a", items, _double, workers=2, chunk_size=10)
    assert ahead.start("b", items, _double, workers=2, chunk_size=10)
    assert ahead.take("a", wanted=set(items), same=everything) == {}
    assert not ahead.start("c", items, _double, workers=1, chunk_size=10)


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


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("command", [["build", "--site-dir", "../site"], ["check"]], ids=["build", "check"])
def test_a_build_killed_while_it_starts_leaves_no_worker_and_its_output_ends(tmp_path, sig, command):
    """Killed by its own pid (kill, a supervisor's stop, Popen.kill after a timeout) while MkDocs is imported:
    its workers parsed on, then waited on a pipe nobody read, for ever, holding the build's output open,
    so `catalogue build | tee build.log` never ended (a review).  The load's own workers (`check`) too."""
    project = tmp_path / "project"
    generate_corpus(1200, project, seed=2)
    build = subprocess.Popen([sys.executable, "-m", "build_tools.cli", *command],
                             cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 30
        while not (workers := _children(build.pid)):
            assert build.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(build.pid, sig)
        build.wait(timeout=30)
        ended = time.monotonic() + 20
        while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers):
            assert time.monotonic() < ended, "a worker outlived the build"
            time.sleep(0.05)
        assert _ends(build.stdout, 20), "the build's output stayed open"  # no worker holds it
    finally:
        for pid in [build.pid, *_children(build.pid)]:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


def _ends(stream, seconds: float) -> bool:
    """Whether reading ``stream`` reaches its end within ``seconds``."""
    import select
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if select.select([stream], [], [], 0.1)[0] and not os.read(stream.fileno(), 65536):
            return True
    return False


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
