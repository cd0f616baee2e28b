"""The search index jobs: which one each build gets, who writes the index files, how failures surface.

In a build into a staging directory the process writes the index into the
site itself, built or taken from the cache, so the build writes nothing
after the pages; the bytes are those a build writing them itself gives
(tests/test_incremental.py compares whole sites).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from build_tools.machinery.cache import ContentCache
from build_tools.mkdocs_plugin.build import build_site
from build_tools.mkdocs_plugin import in_place, search_job, search_process
from build_tools.search import pack_files

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
INDEX = {"search/meta.json": b'{"chunks": "c1"}', "search/c1/0.json": b"[1]", "search/c1/1.json": b"[2]"}


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_built_index_is_written_into_the_site_by_its_process_and_cached(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    job = search_job.start("k1", cache, lambda: dict(INDEX), site_dir=tmp_path / "site", in_place=False,
                           serving=False)
    assert isinstance(job, search_job.WritingInto) and not job.cached
    assert job.finish(tmp_path / "site") == ("k1", sorted(INDEX), "已重建")  # named by the process, for the manifest
    assert files_under(tmp_path / "site") == INDEX
    assert cache.get("k1") == b"".join(pack_files(INDEX))


def test_a_cached_index_is_written_into_the_site_by_a_process_too(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    cache.put_parts("k1", pack_files(INDEX))
    job = search_job.start("k1", cache, lambda: pytest.fail("a cached index is not built again"),
                           site_dir=tmp_path / "site", in_place=False, serving=False)
    assert isinstance(job, search_job.WritingInto) and job.cached
    assert job.finish(tmp_path / "site") == ("k1", sorted(INDEX), "取自缓存")  # named by the process
    assert files_under(tmp_path / "site") == INDEX


def test_a_build_from_the_spare_has_a_process_write_the_index_and_names_its_files(tmp_path):
    real = {f"search/data/{name}": data for name, data in
            {"meta.json": b'{"id": "c2"}', "c2/d/0.json": b"[1]", "c2/p/0.bin": b"\0"}.items()}
    site = tmp_path / "site"
    (site / "search" / "data" / "c1" / "d").mkdir(parents=True)  # the spare's index, from an older build
    (site / "search" / "data" / "c1" / "d" / "0.json").write_bytes(b"[old]")
    (site / "search" / "data" / "meta.json").write_bytes(b'{"id": "c1"}')
    cache = ContentCache(tmp_path / "cache", "search")
    job = search_job.start("k2", cache, lambda: dict(real), site_dir=site, in_place=True, serving=False,
                           previous_key="k1", previous_files=["search/data/meta.json", "search/data/c1/d/0.json"])
    assert isinstance(job, search_job.WritingInto)
    (site / "search" / "data" / "c1" / "stray.json").write_bytes(b"[]")  # not the process's: never named
    assert job.finish(site) == ("k2", sorted(real), "已重建")
    in_place.finish(site, {"search": "k1", "search_files": ["search/data/meta.json", "search/data/c1/d/0.json"]},
                    {}, "k2", sorted(real), [], from_spare=True)
    assert files_under(site) == {**real, ".catalogue-manifest.json": files_under(site)[".catalogue-manifest.json"]}


def test_in_place_a_cached_index_starts_no_process_and_is_written_by_the_build(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    cache.put_parts("k1", pack_files(INDEX))
    job = search_job.start("k1", cache, lambda: pytest.fail("a cached index is not built again"),
                           site_dir=tmp_path / "site", in_place=True, serving=True)
    assert isinstance(job, search_job.Writing) and job._process is None
    assert job.finish(tmp_path / "site") == ("k1", list(INDEX), "取自缓存")
    assert files_under(tmp_path / "site") == INDEX


def test_in_place_a_new_index_is_built_by_a_process_and_written_by_the_build(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    job = search_job.start("k2", cache, lambda: dict(INDEX), site_dir=tmp_path / "site", in_place=True,
                           serving=True, previous_key="k1")
    assert isinstance(job, search_job.Writing) and job._process is not None
    assert job.finish(tmp_path / "site") == ("k2", list(INDEX), "已重建")
    assert files_under(tmp_path / "site") == INDEX


def test_an_in_place_rebuild_with_the_same_key_keeps_the_index_and_starts_nothing(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    job = search_job.start("k1", cache, lambda: pytest.fail("an unchanged index is not built again"),
                           site_dir=tmp_path / "site", in_place=True, serving=True, previous_key="k1",
                           previous_files=["search/meta.json"])
    assert isinstance(job, search_job.Unchanged)
    assert job.finish(tmp_path / "site") == ("k1", ["search/meta.json"], "未变")
    assert not (tmp_path / "site").exists()


def test_while_serving_a_new_index_is_published_in_the_background_and_the_old_one_kept_meanwhile(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    cache = ContentCache(tmp_path / "cache", "search")
    job = search_job.start("k2", cache, lambda: dict(INDEX), site_dir=site, in_place=True, serving=True,
                           previous_key="k1", previous_files=["search/old.json"])
    assert isinstance(job, search_job.Publishing)
    process = job._process._process
    # The build does not wait: the site still holds the previous index, named in the manifest.
    assert job.finish(site) == ("k1", ["search/old.json"], "正在后台重建")
    process.join(60)
    assert {p: d for p, d in files_under(site).items() if not p.startswith(".")} == INDEX
    assert cache.get("k2") == b"".join(pack_files(INDEX))


def test_a_rebuild_keeps_no_index_a_background_build_may_have_published_since_the_manifest(tmp_path):
    """The manifest names k1, but the previous rebuild's process (k2) published meanwhile: a rebuild
    whose index is k1 again writes it, not trusting the site to hold it still."""
    site = tmp_path / "site"
    site.mkdir()
    cache = ContentCache(tmp_path / "cache", "search")
    old = {"search/meta.json": b'{"chunks": "c0"}', "search/c0/0.json": b"[0]"}
    cache.put_parts("k1", pack_files(old), durable=True)
    job = search_job.start("k2", cache, lambda: dict(INDEX), site_dir=site, in_place=True, serving=True,
                           previous_key="k1", previous_files=sorted(old))
    assert isinstance(job, search_job.Publishing)
    process = job._process._process
    job.finish(site)
    process.join(60)  # published after the next rebuild read the manifest
    assert files_under(site)["search/meta.json"] == INDEX["search/meta.json"]
    again = search_job.start("k1", cache, lambda: pytest.fail("the cache holds k1"), site_dir=site,
                             in_place=True, serving=True, previous_key="k1", previous_files=sorted(old))
    assert not isinstance(again, search_job.Unchanged)
    assert again.finish(site)[0] == "k1"
    assert {p: d for p, d in files_under(site).items() if not p.startswith(".")} == old
    # The next rebuild with that key again keeps it: nothing was asked of a process since.
    third = search_job.start("k1", cache, lambda: pytest.fail("unchanged"), site_dir=site, in_place=True,
                             serving=True, previous_key="k1", previous_files=sorted(old))
    assert isinstance(third, search_job.Unchanged)


def test_a_preview_signals_no_process_but_its_own_background_index_build(tmp_path):
    """The wanted-index file keeps a process number after the process ended; the number may be another
    program's by the next rebuild, which must not stop it."""
    import subprocess
    import sys
    site = tmp_path / "site"
    site.mkdir()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (site / search_job._WANTED).write_text(f"k9 {other.pid}", encoding="utf-8")
        cache = ContentCache(tmp_path / "cache", "search")
        cache.put_parts("k1", pack_files(INDEX), durable=True)
        job = search_job.start("k1", cache, lambda: dict(INDEX), site_dir=site, in_place=True, serving=True,
                               previous_key="k1", previous_files=sorted(INDEX))
        job.finish(site)
        time.sleep(0.2)
        assert other.poll() is None  # still running
        assert str(other.pid) not in (site / search_job._WANTED).read_text(encoding="utf-8")
    finally:
        other.kill()
        other.wait()


def test_a_failure_in_the_process_is_an_error_of_the_build_in_plain_words(tmp_path):
    def build():
        raise ValueError("无法读取附件 files/a.pdf")

    for site_in_place in (False, True):
        job = search_job.start(f"k{site_in_place}", ContentCache(tmp_path / "cache", "search"), build,
                               site_dir=tmp_path / "site", in_place=site_in_place, serving=False)
        with pytest.raises(PluginError, match="建立搜索索引时出错：ValueError: 无法读取附件 files/a.pdf"):
            job.finish(tmp_path / "site")


def test_a_site_build_writes_no_index_file_itself(tmp_path, monkeypatch):
    """Clean and with the index cached: the build never reads the index back to write it."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("catalogue", "docs", "theme"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    monkeypatch.setattr(search_job.Writing, "finish", lambda self, site: pytest.fail("the build wrote the index"))
    first = files_under(build_site(project / "mkdocs.yml", site_dir=tmp_path / "site1", as_of=AS_OF) / "search")
    again = files_under(build_site(project / "mkdocs.yml", site_dir=tmp_path / "site2", as_of=AS_OF) / "search")
    assert "index.html" in first and any(p.endswith("meta.json") for p in first) and len(first) > 10
    assert again == first


@pytest.mark.parametrize("fails", [False, True])
def test_the_search_process_gives_its_heap_back_before_it_waits_to_send(monkeypatch, fails):
    """Its answer may wait in the pipe until every page is rendered; by then the index it built is let go
    and its heap given back (some 550 MB at 10,000 long laws), whether the job succeeded or failed."""
    calls = []
    monkeypatch.setattr(search_process, "settle_child", lambda: calls.append("settle"))
    monkeypatch.setattr(search_process, "release_free_memory", lambda: calls.append("release"))

    class Sending:
        def send(self, outcome):
            calls.append(outcome[0] if fails else outcome)

        def close(self):
            calls.append("close")

    def job():
        if fails:
            raise OSError("磁盘已满")
        return ["search/data/meta.json"]

    search_process._run(job, Sending())
    sent = calls[2]
    assert calls[:2] == ["settle", "release"] and calls[3:] == ["close"]
    if fails:
        assert sent.startswith("OSError: 磁盘已满")
    else:
        assert sent == ("ok", ["search/data/meta.json"])


@pytest.mark.skipif(not search_process.can_fork(), reason="runs in a forked process")
def test_a_search_process_is_running_until_its_job_ends(tmp_path):
    started = tmp_path / "started"
    release = tmp_path / "release"

    def job():
        started.touch()
        while not release.exists():
            time.sleep(0.01)
        return []

    process = search_process.SearchProcess(job)
    while not started.exists():
        time.sleep(0.01)
    assert process.running
    release.touch()
    process.wait("建立")
    assert not process.running
    assert not search_job.Unchanged("k", []).running()


@pytest.mark.skipif(not search_process.can_fork(), reason="runs in a forked process")
def test_a_search_process_waiting_to_send_a_long_answer_is_not_running():
    """Done, it waits for the build to read names too many for the pipe: it takes no core meanwhile."""
    names = [f"search/data/0123456789ab/d/{n}.json" for n in range(14000)]
    process = search_process.SearchProcess(lambda: names)
    deadline = time.monotonic() + 60
    while process.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not process.running and process._process.is_alive()  # alive, blocked in send
    process.wait("建立")
    assert process.names == names and not process.running


@pytest.mark.parametrize(("busy", "expected"), [(0, 2), (1, 1), (2, 1)])
def test_page_keys_are_hashed_with_the_cores_the_search_process_leaves(monkeypatch, tmp_path, busy, expected):
    """Beside the search index's process, forked key workers are slower than the build alone, and copy memory."""
    from build_tools.mkdocs_plugin import render

    asked = []
    monkeypatch.setattr(render.PageKeys, "keys", lambda self, jobs, base, workers: asked.append(workers) or [])
    context = render.RenderContext(None, None, None, [], [], {})
    render.render_pages([], context, site_dir=tmp_path, cache=ContentCache(tmp_path / "c", "pages"), key_base="b",
                        workers=2, busy_cores=busy)
    assert asked == [expected]
