"""What a build lets go of, and what its forked processes leave unwritten (issue 19's peak memory).

The figures are in docs/dev/benchmarks.md; these tests pin the mechanisms:
work in a forked process is done whole and its failures are re-run
here, pickling the load cache leaves no UTF-8 copy in this process's
strings, and export files hold their bytes only until they are written
(a record's open-data file not even from the plan until then).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config as mkdocs_config
from mkdocs.structure.files import Files

import build_tools.machinery.forked as forked
from build_tools.machinery import load_cache
from build_tools.machinery.remade import MadeWhenWritten, content_digest
from build_tools.config import load_config
from build_tools.mkdocs_plugin.pages import WRITE_IN_WORKERS, ExportFile, hand_over, write_made
from build_tools.site_plan import plan_site
from build_tools.mkdocs_plugin.state import Remembered

from .test_incremental import copy_project

ROOT = Path(__file__).resolve().parent.parent
needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="runs in a forked process")


@needs_fork
def test_background_work_runs_in_another_process_while_the_caller_goes_on(tmp_path):
    go = forked.fork_context().Event()
    done = tmp_path / "done"

    def work():
        assert go.wait(60)  # held until the caller has gone on
        done.write_text(str(os.getpid()), encoding="utf-8")

    job = forked.Background(work)
    assert not done.exists()  # the caller is here already, the work not done
    go.set()
    job.wait()
    assert int(done.read_text(encoding="utf-8")) != os.getpid()
    job.wait()  # waiting again is nothing
    assert int(done.read_text(encoding="utf-8")) != os.getpid()


@needs_fork
def test_a_wait_interrupted_waits_again_next_time(tmp_path):
    """Ctrl-C while a build waits for its cache writer: a later wait still waits for the work."""
    go = forked.fork_context().Event()
    done = tmp_path / "done"
    job = forked.Background(lambda: (go.wait(60), done.write_text("写完")))
    real_join, interrupted = job._process.join, []

    def join(*args):
        if not interrupted:
            interrupted.append(True)
            raise KeyboardInterrupt
        return real_join(*args)

    job._process.join = join
    with pytest.raises(KeyboardInterrupt):
        job.wait()
    go.set()
    job.wait()
    assert done.read_text() == "写完"


@needs_fork
def test_what_fails_in_the_background_is_run_here_on_wait_with_its_error():
    parent = os.getpid()
    ran_here = []

    def only_here():
        if os.getpid() != parent:
            raise OSError(28, "No space left on device")
        ran_here.append(True)

    forked.Background(only_here).wait()
    assert ran_here == [True]

    def everywhere():
        raise OSError(28, "No space left on device")

    job = forked.Background(everywhere)
    with pytest.raises(OSError, match="No space left"):
        job.wait()


@needs_fork
def test_a_background_writer_killed_halfway_is_run_here(tmp_path):
    """Out of memory, say, while it pickles the load cache: the parent writes it, whole."""
    parent = os.getpid()
    real = load_cache._store

    def killed_there(path, value):
        if os.getpid() != parent:
            (tmp_path / "half").write_bytes(b"\x80")  # what a killed writer may leave beside the cache
            os._exit(137)
        real(path, value)

    entries = {f"policies/{n}.md": (b"d", {}, "第一条 正文。" * 50) for n in range(load_cache._APART)}
    with pytest.MonkeyPatch.context() as m:
        m.setattr(load_cache, "_store", killed_there)
        load_cache._dump(tmp_path / "load.pickle", ("key", "base", entries), records=len(entries)).wait()
    assert load_cache._read(tmp_path / "load.pickle", "key", load_cache.Damage("load"))[2] == entries


@needs_fork
def test_a_large_load_cache_is_written_while_the_build_goes_on_and_whole_once_waited_for(tmp_path, monkeypatch):
    """The whole set of a large catalogue is pickled and written by a process of its own; a load that
    follows (another build, ``reopen``) reads it whole, never half."""
    go = forked.fork_context().Event()
    real = load_cache._store

    def held(path, value):
        if path.name == load_cache._FILE:
            assert go.wait(60)
        real(path, value)

    monkeypatch.setattr(load_cache, "_store", held)
    config = object()
    cache = load_cache.LoadCache(tmp_path, config)
    entries = {f"policies/{n}.md": (b"d%d" % n, {}, f"第{n}条") for n in range(load_cache._APART)}
    for rel, (digest, asked, outcome) in entries.items():
        cache.put(rel, digest, asked, outcome)
    (tmp_path / load_cache._DELTA).write_bytes(b"the delta of the set this one replaces")
    cache.save()
    assert not (tmp_path / load_cache._FILE).exists()  # not yet: save() did not wait for it
    assert not load_cache.LoadCache(tmp_path, config).knows("policies/1.md")  # a miss, not half a file
    assert (tmp_path / load_cache._DELTA).exists()  # kept until the set replacing it is written
    go.set()
    again = load_cache.LoadCache.reopen(cache, tmp_path / "other", config)  # waits for the write first
    assert again is not cache
    fresh = load_cache.LoadCache(tmp_path, config)
    assert all(fresh.get(rel, digest, set()) == outcome for rel, (digest, _, outcome) in entries.items())
    assert not (tmp_path / load_cache._DELTA).exists()


def test_every_fork_gives_freed_memory_back_first(monkeypatch):
    calls = []
    monkeypatch.setattr(forked, "release_free_memory", lambda: calls.append("trim"))
    assert forked.fork_context().get_start_method() == "fork" and calls == ["trim"]


def test_without_fork_it_runs_here_at_once(monkeypatch, tmp_path):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    forked.Background(lambda: (tmp_path / "pid").write_text(str(os.getpid())))
    assert int((tmp_path / "pid").read_text()) == os.getpid()


def test_release_free_memory_can_be_called_any_time():
    big = ["条" * 100_000 for _ in range(20)]
    del big
    forked.release_free_memory()
    forked.release_free_memory()


@needs_fork
def test_saving_the_load_cache_leaves_no_utf8_copy_in_the_records_text(tmp_path):
    body = "第一条 为了规范政府信息公开工作，制定本办法。" * 2000
    before = sys.getsizeof(body)
    load_cache._dump(tmp_path / "load.pickle", ("key", "base", {"policies/a.md": (b"d", {}, body)}),
                     records=load_cache._APART).wait()
    assert sys.getsizeof(body) == before
    assert load_cache._read(tmp_path / "load.pickle", "key", load_cache.Damage("load"))[2]["policies/a.md"][2] == body
    pickle.dumps(body)  # what pickling here does: the test would see it
    assert sys.getsizeof(body) > before


@pytest.fixture
def mkdocs(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    config = mkdocs_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = None  # as between plugin events (File.generated reads it)
    return config


@pytest.mark.parametrize("kept", [False, True])
def test_an_export_file_lets_its_bytes_go_once_written_and_reads_them_from_the_site(mkdocs, kept):
    data = '{"标题": "江川省交通运输厅关于……的通知"}\n'.encode()
    f = ExportFile.generated(mkdocs, "data/records/a.json", content=data)
    dest = Path(f.abs_dest_path)
    if kept:  # the spare holds these bytes from the last build (in_place.keep_unchanged)
        dest.parent.mkdir(parents=True)
        dest.write_bytes(data)
        f.kept = True
    f.copy_file()
    assert f._content is None and dest.read_bytes() == data
    assert f.content_bytes == data and f.content_string == data.decode()
    f.copy_file()  # asked again (another plugin): the file is its own source, nothing breaks
    assert dest.read_bytes() == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3 << 20))
def test_a_file_copied_and_the_same_bytes_made_have_one_digest(tmp_path, data):
    """The manifest compares digests of copied files (attachments) and made ones (exports): one hash for both."""
    from build_tools.attachments import file_digest

    path = tmp_path / "a.bin"
    path.write_bytes(data)
    assert file_digest(path).hex() == content_digest(data) == content_digest(bytearray(data))
    assert len(content_digest(data)) == 32


def _made_files(mkdocs, contents: dict[str, bytes], made: list | None = None):
    """ExportFiles made when written (as the records' open data), in MkDocs' files, by site path."""
    def maker(data: bytes):
        def make() -> bytes:
            if made is not None:
                made.append(1)
            return bytes(data)
        return MadeWhenWritten(make)
    exported = {rel: ExportFile.made_when_written(mkdocs, rel, maker(data)) for rel, data in contents.items()}
    return exported, Files(list(exported.values()))


def _manifest(site: Path, contents: dict[str, bytes]) -> dict:
    """What the previous build's manifest says of ``contents``, as written in ``site`` (in_place.restore)."""
    stats = {rel: (site / rel).stat() for rel in contents}  # an export is known by its ctime too (site_manifest)
    files = {rel: [st.st_size, st.st_mtime_ns, st.st_ctime_ns] for rel, st in stats.items()}
    return {"digests": {rel: content_digest(data) for rel, data in contents.items()}, "files": files}


def test_a_records_open_data_file_is_made_once_when_written_not_held_from_the_plan(mkdocs):
    data = '{"标题": "江川省道路运输条例", "body_html": "<p>第一条</p>"}\n'.encode()
    made = []
    exported, files = _made_files(mkdocs, {"data/records/a.json": data}, made)
    f = exported["data/records/a.json"]
    assert f.digest is None and not made  # in_place.keep_unchanged leaves it to the writer
    assert f.content_bytes == data and f.content_string == data.decode() and len(made) == 2  # asked before
    total, kept = write_made(exported, files, mkdocs.site_dir, {}, in_place=False, workers=1)
    assert (total, kept, len(made)) == (len(data), set(), 3)  # made once more, to be written
    dest = Path(f.abs_dest_path)
    assert dest.read_bytes() == data and f.written and f.digest == content_digest(data)
    f.copy_file()  # MkDocs' copy: nothing left to do
    assert len(made) == 3 and f.made is None and f._content is None and dest.read_bytes() == data
    assert f.content_bytes == data and len(made) == 3  # read from the site now


@pytest.mark.parametrize("count", [3, WRITE_IN_WORKERS + 7])
def test_a_build_in_place_keeps_the_records_files_it_would_write_again(mkdocs, count):
    """Same bytes, still as written: kept (not rewritten, not touched); changed, edited since or gone:
    written again as a new file, never through a link into another site (the spare shares none, but a
    hand may have put one there).  In forked workers from WRITE_IN_WORKERS files, the same outcome."""
    site = Path(mkdocs.site_dir)
    old = {f"data/records/{n:05d}.json": f'{{"n": {n}}}\n'.encode() for n in range(count)}
    for rel, data in old.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    previous = _manifest(site, old)
    new = dict(old)
    rels = sorted(old)
    new[rels[0]] = b'{"n": "changed"}\n'
    (site / rels[1]).write_bytes(b'{"n": 99}\n')  # edited by hand since: written again
    elsewhere = site.parent / "published.json"
    elsewhere.write_bytes(b"published")
    (site / rels[2]).unlink()
    os.link(elsewhere, site / rels[2])  # a link where the file was
    before = {rel: (site / rel).stat().st_mtime_ns for rel in rels[3:]}
    exported, files = _made_files(mkdocs, new)
    total, kept = write_made(exported, files, str(site), previous, in_place=True, workers=2)
    assert total == sum(map(len, new.values()))
    assert kept == set(rels[3:]) and all(exported[rel].kept for rel in kept)
    assert {rel: (site / rel).read_bytes() for rel in rels} == new
    assert elsewhere.read_bytes() == b"published"
    assert {rel: (site / rel).stat().st_mtime_ns for rel in rels[3:]} == before
    assert {rel: exported[rel].digest for rel in rels} == {rel: content_digest(data) for rel, data in new.items()}


def test_a_build_in_place_does_not_even_make_a_records_file_made_from_the_same_key(mkdocs):
    """The manifest's key of each file made when written (its inputs and the code): same key, file still as
    written, nothing made; another key, or the file touched since, made and written again."""
    site = Path(mkdocs.site_dir)
    contents = {f"data/records/{n}.json": f'{{"n": {n}}}\n'.encode() for n in range(4)}
    made = []
    exported, files = _made_files(mkdocs, contents, made)
    for rel, f in exported.items():
        f.made = MadeWhenWritten(f.made.make, key=f"key-{rel}")
    write_made(exported, files, str(site), {}, in_place=False, workers=1)
    previous = {**_manifest(site, contents), "made": {rel: f.made_key for rel, f in exported.items()}}
    assert len(made) == 4 and all(f.made_key == f"key-{rel}" for rel, f in exported.items())
    rels = sorted(contents)
    previous["made"][rels[0]] = "key-of-other-inputs"
    (site / rels[1]).write_bytes(b'{"n": 1}\n')  # the same bytes, written again by hand: its time changed
    os.utime(site / rels[1], ns=(1, 1))
    made.clear()
    exported, files = _made_files(mkdocs, contents, made)
    for rel, f in exported.items():
        f.made = MadeWhenWritten(f.made.make, key=f"key-{rel}")
    total, kept = write_made(exported, files, str(site), previous, in_place=True, workers=1)
    assert len(made) == 2  # the two others: neither made nor written
    assert total == sum(map(len, contents.values()))
    # Made from other inputs into the same bytes: kept; touched since: written again.
    assert kept == set(rels) - {rels[1]} and exported[rels[1]].written
    assert all(exported[rel].digest == content_digest(data) for rel, data in contents.items())
    made.clear()
    total, kept = write_made(exported, files, str(site), {**previous, "made": {}}, in_place=False, workers=1)
    assert not made and not kept  # already written this build: nothing left to make


def test_a_records_file_another_plugin_took_out_is_neither_written_nor_counted(mkdocs):
    exported, files = _made_files(mkdocs, {"data/records/a.json": b"{}\n", "data/records/b.json": b"[1]\n"})
    files.remove(exported["data/records/b.json"])
    total, kept = write_made(exported, files, mkdocs.site_dir, {}, in_place=False, workers=1)
    assert total == 3 and not (Path(mkdocs.site_dir) / "data/records/b.json").exists()


def test_a_page_job_holds_the_plans_body_itself_not_a_copy_joined_to_its_front_matter(mkdocs):
    config, _ = load_config(ROOT / "mkdocs.yml")
    plan = plan_site(config, dt.date(2026, 11, 23))
    jobs, _, _ = hand_over(plan, Files([]), mkdocs, {})
    records = [job for job in jobs if plan.page(job.src_uri).body]
    assert len(records) > 40
    for job in records:
        planned = plan.page(job.src_uri)
        assert job.body is planned.body and job.source == planned.source
        assert job.source.startswith("---\n") and job.source.endswith(planned.body)


def test_an_attachment_keeps_its_catalogue_source(mkdocs, tmp_path):
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4 test")
    f = ExportFile.generated(mkdocs, "attachments/a.pdf", abs_src_path=str(source))
    f.copy_file()
    assert f.abs_src_path == str(source) and f.digest is not None
    assert Path(f.abs_dest_path).read_bytes() == b"%PDF-1.4 test"




@pytest.mark.parametrize("command", ["build", "serve"])
def test_only_serve_keeps_the_bodies_html_for_its_next_build(tmp_path, command):
    """A one-off build lets the open data's HTML go once written; ``mkdocs serve`` keeps it for the next edit."""
    project = copy_project(tmp_path / "project")
    config = mkdocs_config(str(project), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins["catalogue"]  # one per process (MkDocs keeps it for serve's next build)
    try:
        assert plugin.plan.records and not plugin.plan.generated  # handed to MkDocs: their bytes are its files'
        assert bool(plugin.memo.site.body_html) is (command == "serve")
    finally:
        plugin.memo = Remembered()  # the next test's build starts afresh
