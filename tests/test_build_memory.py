"""What a build lets go of, and what its forked processes leave unwritten (issue 19's peak memory).

The figures are in docs/dev/benchmarks.md; these tests pin the mechanisms:
a forked process's result comes back whole and its failures are re-run
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
from build_tools.machinery.remade import Remade, content_digest
from build_tools.config import load_config
from build_tools.mkdocs_plugin.pages import ExportFile, hand_over
from build_tools.site_plan import plan_site
from build_tools.mkdocs_plugin.state import Remembered

from .test_incremental import copy_project

ROOT = Path(__file__).resolve().parent.parent
needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="runs in a forked process")


@needs_fork
def test_in_child_runs_in_another_process_and_returns_its_result():
    parent = os.getpid()
    assert forked.in_child(lambda: (os.getpid() != parent, "政策文件")) == (True, "政策文件")


@needs_fork
def test_what_fails_in_the_child_is_run_here_with_its_result_or_its_error():
    parent = os.getpid()

    def only_here():
        if os.getpid() != parent:
            raise OSError(28, "No space left on device")
        return "here"

    assert forked.in_child(only_here) == "here"

    def everywhere():
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        forked.in_child(everywhere)


@needs_fork
def test_a_child_killed_halfway_is_run_here(tmp_path):
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
        load_cache._dump(tmp_path / "load.pickle", ("key", "base", entries), records=len(entries))
    assert load_cache._read(tmp_path / "load.pickle", "key", load_cache.Damage("load"))[2] == entries


def test_every_fork_gives_freed_memory_back_first(monkeypatch):
    calls = []
    monkeypatch.setattr(forked, "release_free_memory", lambda: calls.append("trim"))
    assert forked.fork_context().get_start_method() == "fork" and calls == ["trim"]


def test_without_fork_it_runs_here(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert forked.in_child(os.getpid) == os.getpid()


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
                     records=load_cache._APART)
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


@pytest.mark.parametrize("kept", [False, True])
def test_a_records_open_data_file_is_made_when_written_not_held_from_the_plan(mkdocs, kept):
    data = '{"标题": "江川省道路运输条例", "body_html": "<p>第一条</p>"}\n'.encode()
    made = []

    def make() -> bytes:
        made.append(1)
        return bytes(data)

    remade = Remade.measure(make)  # the plan: made once for its size and digest, then let go
    assert (remade.size, remade.digest) == (len(data), content_digest(data)) and len(made) == 1
    f = ExportFile.made_when_written(mkdocs, "data/records/a.json", remade)
    assert f.digest == remade.digest and len(made) == 1  # in_place.keep_unchanged compares it unmade
    assert f.content_bytes == data and f.content_string == data.decode() and len(made) == 3  # asked before
    dest = Path(f.abs_dest_path)
    if kept:
        dest.parent.mkdir(parents=True)
        dest.write_bytes(data)
        f.kept = True
    f.copy_file()
    assert len(made) == (3 if kept else 4)  # a kept file is not made again
    assert f.remade is None and f._content is None and dest.read_bytes() == data
    assert f.content_bytes == data and len(made) == (3 if kept else 4)  # read from the site now


def test_a_file_made_differently_the_second_time_is_described_as_written(mkdocs, caplog):
    made = iter([b'{"a": 1}\n', b'{"a": 22}\n'])
    f = ExportFile.made_when_written(mkdocs, "data/records/a.json", Remade.measure(lambda: next(made)))
    with caplog.at_level("WARNING", logger="mkdocs.plugins.catalogue"):
        f.copy_file()
    assert Path(f.abs_dest_path).read_bytes() == b'{"a": 22}\n'
    assert f.digest == content_digest(b'{"a": 22}\n')  # the manifest describes the bytes in the site
    assert "data/records/a.json 两次生成的内容不同" in caplog.text


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
