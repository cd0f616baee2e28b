"""Attacks on builds that start from the spare (publish_fs.take_spare, in_place.py).

What the spare's manifest says is read back by the next build: it lies
beside the site (``.<site>.manifest``), where anyone who can write the site's
parent can change it, and moves into the spare at the next publish.  These
tests give it hostile contents, odd file types and odd kinds of entries, and
check the promises of test_spare.py: nothing outside the site is written or
deleted, no traceback, and the site is the one an empty folder gives.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin import publish_fs
from build_tools.mkdocs_plugin.build import BuildFailed, build_site
from build_tools.publish_guard import MANIFEST
from tests.test_publish_safety import (AS_OF, WITHDRAWN, WITHDRAWN_PAGE, assert_no_trace_of_withdrawn, files_of,
                                       make_project)
from tests.test_spare import fresh, project  # noqa: F401 - the fixture


@pytest.fixture
def outside(tmp_path) -> Path:
    """An office's folder beside the project: nothing in it may change."""
    folder = tmp_path / "office" / "deep" / "er"
    folder.mkdir(parents=True)
    (folder / "keep.txt").write_text("不能删", encoding="utf-8")
    return folder


def assert_untouched(folder: Path) -> None:
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "不能删"


def spare_manifest(site: Path) -> dict:
    return json.loads((publish_fs.spare_of(site) / MANIFEST).read_text(encoding="utf-8"))


def write_spare_manifest(site: Path, data: object) -> None:
    (publish_fs.spare_of(site) / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


# == Hostile manifests: paths out of the site ===================================================


@pytest.mark.parametrize("field", ["others", "search_files", "pages", "digests"])
@pytest.mark.parametrize("how", ["absolute", "dotdot", "dotdot-inside"])
def test_a_manifest_naming_files_outside_the_site_deletes_nothing_outside(project, tmp_path, outside, field, how):
    config, site = project
    target = outside / "keep.txt"
    spare = publish_fs.spare_of(site)
    rel = {"absolute": str(target), "dotdot": os.path.relpath(target, spare),
           "dotdot-inside": "records/../" + os.path.relpath(target, spare)}[how]
    data = spare_manifest(site)
    st = target.stat()
    data["files"][rel] = [st.st_size, st.st_mtime_ns]  # "proved unchanged"
    data["search"] = "not this build's index"  # so that the previous index files are stale
    if field == "pages":
        data["pages"][rel] = "a key no page has"
    elif field == "digests":  # "the same bytes as this build's": kept rather than deleted, if it were believed
        data["digests"][rel] = "0" * 32
        data["others"] = [*data["others"], rel]
    else:
        data[field] = [*data[field], rel]
    write_spare_manifest(site, data)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert_untouched(outside)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_hostile_manifest_beside_the_site_deletes_nothing_outside_two_builds_later(project, tmp_path, outside):
    config, site = project
    beside = site.with_name(f".{site.name}.manifest")
    data = json.loads(beside.read_text(encoding="utf-8"))
    data["others"] = [*data["others"], str(outside / "keep.txt"), "../../office/deep/er/keep.txt"]
    beside.write_text(json.dumps(data), encoding="utf-8")
    for _ in range(3):  # moved into the spare at the next publish, read by the build after
        build_site(config, site_dir=site, as_of=AS_OF)
    assert_untouched(outside)
    assert files_of(site) == fresh(config, tmp_path)


@pytest.mark.parametrize("data", [
    [], "x", 3, None,
    {"files": {}, "pages": []},
    {"files": {}, "pages": {"records/a/index.html": 3}, "others": "records"},
    {"files": {}, "others": [1, None, ["x"]]},
    {"files": {}, "search_files": {"a": 1}, "search": 7},
    {"files": {"records/a/index.html": "big"}, "pages": {"records/a/index.html": "k"}},
    {"files": {}, "others": ["", ".", "records", "/"]},
    {"files": {}, "pages": {"": "k", ".": "k", "records": "k"}},
    {"files": {}, "digests": ["data/catalogue.json"]},
    {"files": {}, "digests": {"data/catalogue.json": 7}, "others": ["data/catalogue.json"]},
    {"files": {}, "digests": {"/etc/passwd": "ab", "data/../../x": "ab"}},
    {"files": {}, "made": ["data/records/a.json"]},
    {"files": {}, "made": {"data/records/a.json": 7}, "digests": {"data/records/a.json": "ab"}},
    {"files": {}, "made": {"/etc/passwd": "k", "data/../../x": "k"}},
])
def test_a_manifest_of_the_wrong_shape_gives_no_traceback_and_the_site_an_empty_folder_gives(project, tmp_path,
                                                                                             data):
    config, site = project
    write_spare_manifest(site, data)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_records_open_data_file_edited_in_the_spare_is_written_again_though_made_from_the_same_key(
        project, tmp_path):
    """The manifest keeps the key each record's open-data file was made from (pages.write_made): a file
    changed by hand since is not believed, whatever its key says."""
    config, site = project
    data = spare_manifest(site)
    assert data["made"]  # the keys the fast path reads
    rel = sorted(data["made"])[0]
    path = publish_fs.spare_of(site) / rel
    path.write_bytes(path.read_bytes().replace(b'"body_html"', b'"body_html_"', 1))
    build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == fresh(config, tmp_path)


@pytest.mark.parametrize("field", ["others", "pages", "search_files"])
def test_a_manifest_naming_a_folder_of_the_site_as_a_file_gives_no_traceback(project, tmp_path, field):
    config, site = project
    folder = str(Path(WITHDRAWN_PAGE).parent)
    data = spare_manifest(site)
    st = (publish_fs.spare_of(site) / folder).stat()
    data["files"][folder] = [st.st_size, st.st_mtime_ns]
    data["search"] = "not this build's index"
    if field == "pages":
        data["pages"][folder] = "k"
    else:
        data[field] = [*data[field], folder, f"{WITHDRAWN_PAGE}/x"]
    write_spare_manifest(site, data)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == fresh(config, tmp_path)


# == Odd entries beside the site ================================================================


def test_a_manifest_beside_the_site_that_is_a_symlink_changes_nothing_it_points_to(project, tmp_path, outside):
    config, site = project
    beside = site.with_name(f".{site.name}.manifest")
    beside.unlink()
    os.symlink(outside / "keep.txt", beside)
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert_untouched(outside)
    beside.unlink()
    os.symlink(outside, beside)  # to a folder
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert_untouched(outside)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_manifest_beside_the_site_that_is_a_folder_gives_no_traceback(project, tmp_path):
    config, site = project
    beside = site.with_name(f".{site.name}.manifest")
    beside.unlink()
    beside.mkdir()
    (beside / "x").write_text("x", encoding="utf-8")
    for _ in range(3):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == fresh(config, tmp_path)


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_a_spare_that_is_a_file_or_a_link_to_a_folder_is_not_used_and_nothing_outside_changes(project, tmp_path,
                                                                                              outside, kind):
    import shutil
    config, site = project
    spare = publish_fs.spare_of(site)
    shutil.rmtree(spare)
    if kind == "file":
        spare.write_text("x", encoding="utf-8")
    else:
        os.symlink(outside, spare)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert_untouched(outside)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_fifo_in_the_spare_is_not_written_through_and_does_not_hang_the_build(project, tmp_path):
    config, site = project
    page = publish_fs.spare_of(site) / WITHDRAWN_PAGE
    page.unlink()
    os.mkfifo(page)
    done = threading.Event()
    errors: list[BaseException] = []

    def run():
        try:
            build_site(config, site_dir=site, as_of=AS_OF)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, daemon=True).start()
    hung = not done.wait(60)
    got = b""
    if hung:  # release the writer, and see what went out through the pipe
        fd = os.open(page_in_staging(site), os.O_RDONLY)
        while chunk := os.read(fd, 65536):
            got += chunk
        os.close(fd)
        done.wait(60)
    assert not hung, f"the build hung writing a page into a FIFO ({len(got)} bytes went through it)"
    assert errors == []
    assert files_of(site) == fresh(config, tmp_path)


def page_in_staging(site: Path) -> Path:
    staging = [p for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.building-")]
    return staging[0] / WITHDRAWN_PAGE


# == Records that stop being public, changes of configuration ===================================


def _set_published(config: Path, date: str) -> None:
    record = config.parent / "catalogue" / WITHDRAWN
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("published: 2026-02-13", f"published: {date}"), encoding="utf-8")


@pytest.mark.parametrize("how", ["future", "deleted"])
def test_a_record_that_stops_being_public_leaves_nothing_in_two_builds_from_the_spare(project, tmp_path, how):
    config, site = project
    if how == "future":
        _set_published(config, "2027-01-04")
    else:
        (config.parent / "catalogue" / WITHDRAWN).unlink()
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert_no_trace_of_withdrawn(site)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_docs_page_put_where_a_withdrawn_records_page_was_is_published(project, tmp_path):
    # The office withdraws a record and puts a notice at its address.
    config, site = project
    record = config.parent / "catalogue" / WITHDRAWN
    record.unlink()
    notice = config.parent / "docs" / Path(WITHDRAWN_PAGE).parent.with_suffix(".md")
    notice.parent.mkdir(parents=True)
    notice.write_text("# 已撤回\n\n该信息已不再公开。\n", encoding="utf-8")
    (config.parent / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    build_site(config, site_dir=site, as_of=AS_OF)
    assert "已撤回" in (site / WITHDRAWN_PAGE).read_text(encoding="utf-8")
    build_site(config, site_dir=site, as_of=AS_OF)
    assert "已撤回" in (site / WITHDRAWN_PAGE).read_text(encoding="utf-8")
    assert files_of(site) == fresh(config, tmp_path)


def test_changing_use_directory_urls_between_builds_from_the_spare(project, tmp_path):
    config, site = project
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false"), encoding="utf-8")
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert files_of(site) == fresh(config, tmp_path / "a")
    config.write_text(text, encoding="utf-8")
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == fresh(config, tmp_path / "b")


def test_a_theme_override_changed_between_builds_reaches_every_kept_page(tmp_path):
    import shutil
    from tests.test_publish_safety import ROOT
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    config = make_project(tmp_path / "project")
    config.write_text(config.read_text(encoding="utf-8").replace(str(ROOT / "theme"), str(theme)), encoding="utf-8")
    site = tmp_path / "public" / "site"
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    main = next(p for p in theme.rglob("*.html") if "block" in p.read_text(encoding="utf-8"))
    for p in theme.rglob("*.html"):
        p.write_text(p.read_text(encoding="utf-8").replace("</footer>", "<!-- 改 --></footer>"), encoding="utf-8")
    main.write_text(main.read_text(encoding="utf-8") + "\n{# 改 #}\n", encoding="utf-8")
    build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == fresh(config, tmp_path)


def test_an_attachment_replaced_by_one_of_the_same_name_and_size(project, tmp_path):
    config, site = project
    csv = config.parent / "catalogue" / "budgets" / "2026-00002-sangong-jingfei.csv"
    data = csv.read_bytes()
    st = csv.stat()
    csv.write_bytes(data.replace(b"1", b"2"))
    os.utime(csv, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same time: a copy from elsewhere
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert (site / "attachments/budgets/2026-00002-sangong-jingfei.csv").read_bytes() == csv.read_bytes()
    assert files_of(site) == fresh(config, tmp_path)


def test_a_failed_build_from_the_spare_on_a_hostile_manifest_keeps_the_site(project):
    config, site = project
    before = files_of(site)
    write_spare_manifest(site, {"files": {}, "pages": {}, "others": ["records"]})  # a folder: unlink fails
    try:
        build_site(config, site_dir=site, as_of=AS_OF)
    except (BuildFailed, OSError):
        assert files_of(site) == before


def test_a_build_from_the_spare_killed_halfway_keeps_the_site_and_the_next_leaves_no_trace(tmp_path):
    import signal
    from tests.test_publish_safety import HOOK, start_build, wait_for, withdraw
    config = make_project(tmp_path / "project", extra="hooks:\n  - hook.py\n")
    (config.parent / "hook.py").write_text(HOOK, encoding="utf-8")
    site = tmp_path / "public" / "site"
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    before = files_of(site)
    withdraw(config)
    hold = tmp_path / "hold"
    hold.mkdir()
    killed = start_build(config, site, hold)
    wait_for(hold / "ready", killed)  # MkDocs is writing its pages into the spare
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert files_of(site) == before
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert_no_trace_of_withdrawn(site)
    assert files_of(site) == fresh(config, tmp_path)


def test_mkdocs_build_and_catalogue_build_alternating_give_what_an_empty_folder_gives(tmp_path):
    from tests.test_publish_safety import mkdocs, withdraw
    config = make_project(tmp_path / "project")
    site = config.parent / "site"
    for step in range(4):
        if step == 2:
            withdraw(config)
        if step % 2:
            build_site(config, site_dir=site)
        else:
            done = mkdocs("mkdocs", "build", "--quiet", cwd=config.parent)
            assert done.returncode == 0, done.stderr
    assert_no_trace_of_withdrawn(site)
    other = tmp_path / "fresh" / "site"
    build_site(config, site_dir=other)
    assert files_of(site) == files_of(other)
