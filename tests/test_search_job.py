"""The search index process: who writes the index files, and how its failures surface.

In a build into a staging directory the process writes the index into the
site itself, built or taken from the cache, so the build writes nothing
after the pages; the bytes are those a build writing them itself gives
(tests/test_incremental.py compares whole sites).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from build_tools.machinery.cache import ContentCache
from build_tools.mkdocs_plugin.build import build_site
from build_tools.mkdocs_plugin.search_job import SearchJob
from build_tools.search import pack_files

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
INDEX = {"search/meta.json": b'{"chunks": "c1"}', "search/c1/0.json": b"[1]", "search/c1/1.json": b"[2]"}


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_built_index_is_written_into_the_site_by_its_process_and_cached(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    job = SearchJob("k1", cache, lambda: dict(INDEX), write_to=tmp_path / "site")
    assert job.writes and not job.cached
    job.wait()
    assert files_under(tmp_path / "site") == INDEX
    assert cache.get("k1") == pack_files(INDEX)


def test_a_cached_index_is_written_into_the_site_by_a_process_too(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    cache.put("k1", pack_files(INDEX))
    job = SearchJob("k1", cache, lambda: pytest.fail("a cached index is not built again"), write_to=tmp_path / "site")
    assert job.cached
    job.wait()
    assert files_under(tmp_path / "site") == INDEX


def test_without_write_to_a_cached_index_starts_no_process_and_is_read_by_the_build(tmp_path):
    cache = ContentCache(tmp_path / "cache", "search")
    cache.put("k1", pack_files(INDEX))
    job = SearchJob("k1", cache, lambda: pytest.fail("a cached index is not built again"))
    assert not job.running and not job.writes
    assert job.files() == INDEX


def test_a_failure_in_the_process_is_an_error_of_the_build_in_plain_words(tmp_path):
    def build():
        raise ValueError("无法读取附件 files/a.pdf")

    job = SearchJob("k1", ContentCache(tmp_path / "cache", "search"), build, write_to=tmp_path / "site")
    with pytest.raises(PluginError, match="建立搜索索引时出错：ValueError: 无法读取附件 files/a.pdf"):
        job.wait()


def test_publishing_to_a_live_site_and_writing_to_a_staging_one_exclude_each_other(tmp_path):
    with pytest.raises(ValueError):
        SearchJob("k1", ContentCache(tmp_path / "cache", "search"), dict, publish_to=tmp_path / "a",
                  write_to=tmp_path / "b")


def test_a_site_build_writes_no_index_file_itself(tmp_path, monkeypatch):
    """Clean and with the index cached: the build never reads the index back to write it."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("catalogue", "docs", "theme"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    monkeypatch.setattr(SearchJob, "files", lambda self: pytest.fail("the build wrote the index itself"))
    first = files_under(build_site(project / "mkdocs.yml", site_dir=tmp_path / "site1", as_of=AS_OF) / "search")
    again = files_under(build_site(project / "mkdocs.yml", site_dir=tmp_path / "site2", as_of=AS_OF) / "search")
    assert "index.html" in first and any(p.endswith("meta.json") for p in first) and len(first) > 10
    assert again == first
