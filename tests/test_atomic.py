"""Atomic builds: the public site is replaced only by a complete new site.

The plugin points MkDocs at a staging directory next to site_dir and moves it
into place after the whole build succeeded.  A build that fails halfway — an
exception in a template or a plugin hook, Ctrl-C, a full disk, strict mode —
leaves the previous site exactly as it was, and leaves no staging directory.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from build_tools.machinery.cache import ContentCache
from build_tools.mkdocs_plugin import publish as output
from build_tools.mkdocs_plugin.build import BuildFailed, build_site
from build_tools.mkdocs_plugin.plugin import CataloguePlugin
from build_tools.publish_guard import MARKER, describe_os_error

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)

RECORD = """---
index_no: 015200371/2024-{serial:05d}
title: 测试通知{serial}
kind: notice
issuer: 测试厅
category: 工业、交通/公路
published: 2024-03-{serial:02d}
---
正文{serial}。
"""


def make_project(root: Path, *, records: int = 6, theme: Path | None = None, extra: str = "") -> Path:
    """A small catalogue and its mkdocs.yml under ``root``; returns the mkdocs.yml."""
    cat = root / "catalogue"
    cat.mkdir(parents=True)
    for i in range(1, records + 1):
        (cat / f"n{i}.md").write_text(RECORD.format(serial=i), encoding="utf-8")
    (root / "docs").mkdir()
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: 测试\nuse_directory_urls: true\n"
        f"theme:\n  name: material\n  language: zh\n  font: false\n  custom_dir: {theme or ROOT / 'theme'}\n"
        f"plugins:\n  - catalogue:\n      agency: 测试厅\n{extra}", encoding="utf-8")
    return config


def snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time: equal snapshots mean untouched."""
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(site: Path) -> list[str]:
    """Staging or previous-site directories left next to ``site`` (the spare, kept on purpose, aside)."""
    return sorted(p.name for p in site.parent.iterdir()
                  if p.name.startswith(f".{site.name}.") and not p.name.endswith((".spare", ".manifest")))


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path, dict]:
    """A project with a previous site already built: (mkdocs.yml, site_dir, snapshot)."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "public" / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    (site / "records" / "marker-of-the-previous-build.txt").write_text("previous", encoding="utf-8")
    marker = json.loads((site / MARKER).read_text(encoding="utf-8"))  # a file that build wrote, not the office's
    marker["files"].append("records/marker-of-the-previous-build.txt")
    (site / MARKER).write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")
    return config, site, snapshot(site)


@pytest.fixture
def staged_files(monkeypatch) -> list[int]:
    """How many files a failed build had written to its staging directory when it was discarded."""
    counts: list[int] = []
    real = output.discard

    def counting(staging):
        counts.append(sum(1 for p in staging.tmp.rglob("*") if p.is_file()))
        real(staging)

    monkeypatch.setattr(output, "discard", counting)
    return counts


def fail_on_call(n: int, exc: BaseException, real):
    """A stand-in for ``real`` that raises ``exc`` on its n-th call."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return real(*args, **kwargs)

    return wrapper


# -- success ------------------------------------------------------------------


def test_a_successful_build_replaces_the_previous_site_completely(project):
    config, site, before = project
    (Path(config).parent / "catalogue" / "n7.md").write_text(RECORD.format(serial=7), encoding="utf-8")
    assert build_site(config, site_dir=site, as_of=AS_OF) == site.resolve()
    after = snapshot(site)
    assert "records/marker-of-the-previous-build.txt" not in after  # stale files go with the old site
    assert "records/015200371_2024-00007/index.html" in after
    assert leftovers(site) == []


def test_the_site_dir_and_its_parents_are_created_with_ordinary_permissions(tmp_path):
    config = make_project(tmp_path / "project")
    site = tmp_path / "does" / "not" / "exist" / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    assert (site / "index.html").is_file()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(site.stat().st_mode) == 0o777 & ~umask  # not mkdtemp's 0o700
    assert leftovers(site) == []


def test_an_existing_site_keeps_its_permissions(project):
    config, site, _ = project
    os.chmod(site, 0o750)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert stat.S_IMODE(site.stat().st_mode) == 0o750


def test_a_symlinked_site_dir_stays_a_symlink(tmp_path):
    config = make_project(tmp_path / "project")
    real = tmp_path / "www" / "html"
    real.mkdir(parents=True)
    (real / "old.txt").write_text("old", encoding="utf-8")
    (real / ".catalogue-site").write_text("{}", encoding="utf-8")  # a site this tool wrote
    link = tmp_path / "site"
    link.symlink_to(real, target_is_directory=True)
    build_site(config, site_dir=link, as_of=AS_OF)
    assert link.is_symlink() and (link / "index.html").is_file()
    assert not (real / "old.txt").exists()
    assert leftovers(real) == [] and leftovers(link) == []


def test_without_an_atomic_exchange_the_fallback_renames_and_cleans_up(project, monkeypatch):
    config, site, _ = project
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert "records/marker-of-the-previous-build.txt" not in snapshot(site)
    assert (site / "index.html").is_file()
    assert leftovers(site) == []


def test_gh_deploy_sees_the_final_site_dir_after_the_build(project):
    # gh-deploy calls on_shutdown and then pushes config.site_dir.
    config_file, site, _ = project
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins["catalogue"].as_of = AS_OF
    config.plugins.on_startup(command="gh-deploy", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert Path(config.site_dir) == site.resolve()
    assert not (site / "records" / "marker-of-the-previous-build.txt").exists()
    assert leftovers(site) == []


def test_without_a_writable_parent_the_build_is_staged_inside_the_site_dir(project, monkeypatch):
    # Building in place would empty the site before the new one is whole:
    # the staging folder goes inside site_dir instead (same file system).
    config, site, _ = project
    real = output._fresh_dir

    def no_parent(parent, prefix):
        if parent == site.parent.resolve():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(parent))
        return real(parent, prefix)

    monkeypatch.setattr(output, "_fresh_dir", no_parent)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert (site / "index.html").is_file() and not (site / "records" / "marker-of-the-previous-build.txt").exists()
    assert leftovers(site) == [] and not [p for p in site.iterdir() if p.name.startswith(".catalogue-building")]


def test_serve_builds_write_in_place(project):
    # mkdocs serve builds into its own temporary directory: not redirected.
    config_file, site, _ = project
    config = load_config(str(config_file), site_dir=str(site))
    plugin: CataloguePlugin = config.plugins["catalogue"]
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        config = plugin.on_config(config)
        assert config.site_dir == str(site.resolve())
    finally:
        config.plugins.on_shutdown()
    assert leftovers(site) == []


def test_dirty_builds_are_staged_too(project):
    # A --dirty build into an empty staging directory is a whole new site:
    # nothing of a withdrawn record survives (tests/test_publish_safety.py).
    config_file, site, _ = project
    config = load_config(str(config_file), site_dir=str(site))
    plugin: CataloguePlugin = config.plugins["catalogue"]
    config.plugins.on_startup(command="build", dirty=True)
    try:
        config = plugin.on_config(config)
        assert Path(config.site_dir).parent == site.resolve().parent and config.site_dir != str(site.resolve())
    finally:
        config.plugins.on_shutdown()
    assert config.site_dir == str(site.resolve())
    assert leftovers(site) == []


# -- failures ---------------------------------------------------------------------


def _assert_untouched(site: Path, before: dict, staged_files: list[int]) -> None:
    assert snapshot(site) == before, "the previous site was modified by a failed build"
    assert leftovers(site) == [], "a failed build left its staging directory behind"
    assert staged_files and staged_files[0] > 0, "the build did not get halfway before failing"


def test_an_exception_in_a_template_leaves_the_previous_site_untouched(project, tmp_path, staged_files):
    config, site, before = project
    theme = tmp_path / "broken-theme"
    shutil.copytree(ROOT / "theme", theme)
    record = theme / "record.html"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "{% block content %}",
        "{% block content %}{% if view.record.index_no.endswith('00003') %}{{ no_such_thing.attribute }}{% endif %}",
        1), encoding="utf-8")
    broken = make_project(tmp_path / "broken", theme=theme)
    with pytest.raises(BuildFailed, match=r"主题模板 .*record\.html 第 \d+ 行") as raised:  # named, never a traceback
        build_site(broken, site_dir=site, as_of=AS_OF)
    chain, seen = raised.value, []
    while chain is not None:
        seen.append(chain)
        chain = chain.__cause__ or chain.__context__
    assert any(isinstance(e, jinja2.UndefinedError) for e in seen)
    _assert_untouched(site, before, staged_files)


def test_an_exception_in_a_plugin_hook_leaves_the_previous_site_untouched(project, monkeypatch, staged_files):
    config, site, before = project
    shutil.rmtree(Path(config).parent / ".cache", ignore_errors=True)  # render the pages again
    monkeypatch.setattr(CataloguePlugin, "on_page_context",
                        fail_on_call(5, RuntimeError("hook failed"), CataloguePlugin.on_page_context))
    with pytest.raises(RuntimeError, match="hook failed"):
        build_site(config, site_dir=site, as_of=AS_OF)
    _assert_untouched(site, before, staged_files)


def test_ctrl_c_leaves_the_previous_site_untouched(project, monkeypatch, staged_files):
    config, site, before = project
    monkeypatch.setattr(ContentCache, "copy_to", fail_on_call(4, KeyboardInterrupt(), ContentCache.copy_to))
    with pytest.raises(KeyboardInterrupt):
        build_site(config, site_dir=site, as_of=AS_OF)
    _assert_untouched(site, before, staged_files)


def test_a_full_disk_leaves_the_previous_site_untouched(project, monkeypatch, staged_files):
    config, site, before = project
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(ContentCache, "copy_to", fail_on_call(6, full, ContentCache.copy_to))
    with pytest.raises(OSError) as info:
        build_site(config, site_dir=site, as_of=AS_OF)
    assert info.value.errno == errno.ENOSPC
    _assert_untouched(site, before, staged_files)


@pytest.mark.parametrize("err_no", [errno.ENOSPC, errno.ENOTDIR])
def test_a_failed_write_in_a_render_worker_fails_the_build_as_any_write_does(project, monkeypatch, staged_files,
                                                                              err_no):
    """Pages rendered in forked workers (a clean build of more than a few pages) write them there: a
    full disk, or a file where a page's folder goes, reaches the build as the OSError it was, worded
    like any other failed write, not as a rendering error."""
    from build_tools.mkdocs_plugin import render_pool

    config, site, before = project
    shutil.rmtree(config.parent / ".cache")  # every page rendered, by workers
    failure = OSError(err_no, os.strerror(err_no), "records/x/index.html")
    real = render_pool.write_new

    def write_new(path, data):
        if "/records/" in Path(path).as_posix():
            raise failure
        return real(path, data)

    monkeypatch.setattr(render_pool, "write_new", write_new)
    monkeypatch.setattr(render_pool, "available_cores", lambda: 2)
    monkeypatch.setattr(render_pool, "_MIN_PARALLEL", 1)  # a small catalogue's pages in a worker too
    with pytest.raises(OSError) as info:
        build_site(config, site_dir=site, as_of=AS_OF)
    assert info.value.errno == err_no and info.value.filename == "records/x/index.html"
    _assert_untouched(site, before, staged_files)
    assert "原来的网站保持不变" in describe_os_error(info.value)


@pytest.mark.parametrize("in_workers", [False, True])
def test_a_full_disk_while_the_open_data_is_written_leaves_the_previous_site_untouched(
        project, monkeypatch, staged_files, in_workers):
    """The records' open data is written by the plugin itself (pages.write_made), in forked workers at
    real sizes: a failure there (in a worker, then here) fails the build like any other write."""
    from build_tools.mkdocs_plugin import pages

    config, site, before = project
    if in_workers:
        monkeypatch.setattr(pages, "WRITE_IN_WORKERS", 1)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    real = Path.write_bytes

    def write_bytes(self, data):
        if "data/records/" in self.as_posix():
            raise full
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(OSError) as info:
        build_site(config, site_dir=site, as_of=AS_OF)
    assert info.value.errno == errno.ENOSPC
    _assert_untouched(site, before, staged_files)


def test_strict_mode_aborting_after_the_last_page_leaves_the_previous_site_untouched(project, staged_files):
    # MkDocs raises the strict-mode Abort after on_post_build: the site is
    # complete on disk by then and must still not be published.
    config, site, before = project
    (Path(config).parent / "catalogue" / "bad.md").write_text("---\nkind: notice\ntitle: 缺字段\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="strict"):
        build_site(config, site_dir=site, as_of=AS_OF, strict=True)
    _assert_untouched(site, before, staged_files)


# -- plain `mkdocs build` -------------------------------------------------------------


def _mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


HOOK = '''
def on_post_page(output, page, config):
    if page.file.src_uri.startswith("records/015200371_2024-00004"):
        raise RuntimeError("hook failed on purpose")
    return output
'''


def test_plain_mkdocs_build_is_atomic_too(tmp_path):
    project = tmp_path / "project"
    make_project(project, extra="hooks:\n  - hook.py\n")
    (project / "hook.py").write_text("", encoding="utf-8")
    site = project / "site"
    done = _mkdocs("build", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (site / "records/015200371_2024-00004/index.html").is_file()
    before = snapshot(site)

    (project / "hook.py").write_text(HOOK, encoding="utf-8")
    failed = _mkdocs("build", "--quiet", cwd=project)
    assert failed.returncode != 0 and "hook failed on purpose" in failed.stderr
    assert snapshot(site) == before
    assert leftovers(site) == []
