"""Nothing destroyed: the build never loses the catalogue, the previous site or anyone's files.

Each test is a failure an office hit (issue 13): a mistyped catalogue
directory published an empty site, ``--site-dir catalogue`` deleted every
record, a full disk on a mount point lost both sites, killed builds left
staging folders behind, two builds at once, and ``--dirty`` builds that kept
a withdrawn record online.  Builds are real, on a tiny catalogue (the sample
budgets, one with an attachment).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from build_tools import cli, publish_guard
from build_tools.machinery.cache import ContentCache
from build_tools.mkdocs_plugin import publish as output
from build_tools.mkdocs_plugin import publish_swap
from build_tools.mkdocs_plugin.build import build_site
from tests.sitetools import all_text
from tests.test_validate import covers

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
WITHDRAWN = "budgets/2026-00002-yusuan-2026.md"
WITHDRAWN_PAGE = "records/015200371_2026-00002/index.html"
ATTACHMENT = "attachments/budgets/2026-00002-sangong-jingfei.csv"
WITHDRAWN_TITLE = "江川省交通运输厅2026年部门预算公开"


def make_project(root: Path, extra: str = "") -> Path:
    """The sample budgets (one with a CSV attachment) and a minimal mkdocs.yml; returns the mkdocs.yml."""
    shutil.copytree(ROOT / "catalogue" / "budgets", root / "catalogue" / "budgets")
    (root / "docs").mkdir()
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: 测试\nuse_directory_urls: true\n"
        f"theme:\n  name: material\n  language: zh\n  font: false\n  custom_dir: {ROOT / 'theme'}\n"
        f"plugins:\n  - catalogue:\n      agency: 测试厅\n{extra}", encoding="utf-8")
    return config


def snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(site: Path) -> list[str]:
    """Staging, previous-site and hidden working folders left next to or inside ``site``."""
    beside = [p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.")
              and not p.name.endswith((".lock", ".spare", ".manifest"))]  # kept on purpose (publish_fs.py)
    inside = [p.name for p in site.iterdir() if p.name.startswith(".catalogue-") and p.is_dir()] if site.is_dir() else []
    return sorted(beside + inside)


def run_cli(*args: str, capsys) -> tuple[int, str]:
    code = cli.main(["build", *args])
    err = capsys.readouterr().err
    return code, err


def mkdocs(*args: str, cwd: Path, env: dict | None = None, **kwargs):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, **kwargs)


def withdraw(config: Path) -> None:
    record = config.parent / "catalogue" / WITHDRAWN
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\n---\n", "\ndisclosure: 不予公开\nwithheld_reason: 内部事务信息\n---\n", 1),
                      encoding="utf-8")


def assert_no_trace_of_withdrawn(site: Path) -> None:
    assert not (site / WITHDRAWN_PAGE).exists()
    assert not (site / ATTACHMENT).exists()
    leaks = [f.relative_to(site).as_posix() for f, text in all_text(site) if WITHDRAWN_TITLE in text]
    assert leaks == []


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path, dict]:
    """A project with a site already built: (mkdocs.yml, site, snapshot of the site)."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "public" / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    assert (site / WITHDRAWN_PAGE).is_file() and (site / ATTACHMENT).is_file()
    return config, site, snapshot(site)


@pytest.fixture
def unreadable(monkeypatch):
    """Folders the build's account may not list (the tests run as root, whom permissions do not stop): listing
    one raises PermissionError, as for an ordinary account."""
    denied: set[str] = set()
    scandir, access = os.scandir, os.access

    def listing(path="."):
        if not isinstance(path, int) and os.fspath(path) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return scandir(path)
    monkeypatch.setattr(os, "scandir", listing)
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: (isinstance(path, int) or os.fspath(path) not in denied)
                        and access(path, mode, **kw))
    return denied


@covers("unreadable-folder")
def test_a_folder_of_records_the_build_may_not_read_stops_check_and_build_and_keeps_the_site(project, capsys,
                                                                                            unreadable):
    """An editor's folder the build's account could not read was left out unsaid: check passed and the build
    published the site without its records, public ones gone (a review).  Now check says so, and no build
    publishes part of the catalogue, strict or not; the message says read, not write."""
    config, site, before = project
    folder = config.parent / "catalogue" / "budgets"
    unreadable.add(str(folder))
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "无法读取" in err and "budgets" in err and "写入" not in err and "Traceback" not in err
    assert snapshot(site) == before and leftovers(site) == []
    assert cli.main(["check", "--config", str(config), "--as-of", AS_OF.isoformat(), "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["file"]) for p in found if p["code"] == "unreadable-folder"] == [
        ("unreadable-folder", "budgets")]


def test_a_folder_of_the_site_the_build_may_not_list_is_not_taken_for_its_own(project, capsys, unreadable):
    """The web server's uploads folder in the site, closed to the build's account, was taken for the build's and
    moved out of the live site with the rest; the next build deleted it (a review).  Unlisted, it is not known to
    be the build's: the build stops and the site stays as it is."""
    config, site, _ = project
    uploads = site / "attachments" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "form.pdf").write_bytes(b"%PDF-1.4 uploaded")
    unreadable.add(str(uploads))
    before = snapshot(site)
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "attachments/uploads/" in err and "Traceback" not in err
    assert snapshot(site) == before and (uploads / "form.pdf").read_bytes() == b"%PDF-1.4 uploaded"


def test_a_build_into_the_folder_the_shell_is_in_is_refused_and_a_deleted_working_folder_is_no_traceback(
        project, capsys, monkeypatch):
    """``cd site && catalogue build --site-dir .``: the build replaced the folder whole, the shell stayed in the
    deleted one, showed an empty site, and the next check ended in a traceback (a review)."""
    config, site, before = project
    monkeypatch.chdir(site)
    code, err = run_cli("--config", str(config), "--site-dir", ".", "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "当前所在的目录" in err and "Traceback" not in err
    assert snapshot(site) == before
    gone = config.parent / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert cli.main(["check", "--config", str(config), "--as-of", AS_OF.isoformat()]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err
    # and builds, attachments and links included (their relative addresses asked for the working folder: a review)
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0, err


def test_a_pipe_in_the_catalogue_is_said_and_never_opened(project, capsys):
    """A named pipe in the catalogue (a stray notes.txt, a .md) made check and build wait forever, the build
    holding the site's lock (a review)."""
    config, site, _ = project
    for name in ("notes.txt", "2026-00099-pipe.md", ".hidden.md"):
        os.mkfifo(config.parent / "catalogue" / "budgets" / name)
    assert cli.main(["check", "--config", str(config), "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    said = [(p["code"], p["file"]) for p in json.loads(capsys.readouterr().out)]
    assert sorted(said) == [("not-a-record", f"budgets/{n}") for n in sorted(("notes.txt", "2026-00099-pipe.md",
                                                                              ".hidden.md"))], said
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0, err


def test_a_lock_held_by_a_build_and_hard_linked_by_a_backup_still_holds(project, tmp_path):
    """A hard-link backup (rsnapshot, cp -al) gave the lock a build held a second name: the next build took that for
    a planted link, removed the lock and built at the same time (a review).  It waits, and writes into no file."""
    import fcntl
    import threading
    config, site, _ = project
    lock = site.parent / f".{site.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    backup = tmp_path / "backup.lock"
    os.link(lock, backup)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (build_site(config, site_dir=site, as_of=AS_OF), done.set()))
    worker.start()
    try:
        assert not done.wait(3)  # waiting for the lock, not building beside its holder
        assert lock.exists() and os.path.samefile(lock, backup)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        os.unlink(lock)
    worker.join(120)
    assert done.is_set() and backup.read_bytes() == b""


def test_a_strict_build_that_waits_its_turn_is_not_failed_by_its_waiting(project):
    """Two builds of one site take turns; a strict one that had to wait failed on its own waiting note, logged as a
    warning, and told the office a warning was found in a catalogue with none (a review)."""
    import fcntl
    import threading
    config, site, _ = project
    lock = site.parent / f".{site.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    outcome: list[object] = []

    def strict_build():
        try:
            outcome.append(build_site(config, site_dir=site, as_of=AS_OF, strict=True))
        except Exception as exc:  # noqa: BLE001 (what the build raised is the outcome)
            outcome.append(exc)
    worker = threading.Thread(target=strict_build)
    worker.start()
    time.sleep(2)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
    worker.join(120)
    assert outcome == [site], outcome


def test_a_volumes_lost_and_found_in_the_site_stops_no_build(project, capsys, unreadable):
    """A site folder that is a volume's root holds root's lost+found, which the build's account may not list: every
    build after the first was refused for it (a review of the unlisted-folder refusal)."""
    config, site, _ = project
    (site / "lost+found").mkdir()
    unreadable.add(str(site / "lost+found"))
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0, err
    assert (site / "lost+found").is_dir()


@pytest.mark.parametrize("trash", [".Trash-1000", ".recycle"])
def test_another_accounts_trash_in_the_catalogue_stops_no_build(project, capsys, unreadable, trash):
    """A shared catalogue folder holding a desktop's or Samba's trash, closed to the build: unreadable-folder had
    stopped every build (a review)."""
    config, site, _ = project
    (config.parent / "catalogue" / trash).mkdir()
    unreadable.add(str(config.parent / "catalogue" / trash))
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0, err


def test_a_source_the_build_may_not_read_is_said_to_be_unreadable_not_unwritable(tmp_path, unreadable):
    """A docs/ page the build's account could not read stopped the build with 没有写入权限 and advice to change the
    site folder (a review)."""
    page = tmp_path / "about.md"
    page.write_text("# 关于\n", encoding="utf-8")
    unreadable.add(str(page))
    said = publish_guard.describe_os_error(PermissionError(errno.EACCES, "Permission denied", str(page)))
    assert said.startswith(f"无法读取 {page}") and "写入" not in said and "--site-dir" not in said
    site = tmp_path / "site"
    site.mkdir()
    said = publish_guard.describe_os_error(PermissionError(errno.EACCES, "Permission denied", str(site / "x")))
    assert "写入" in said  # a file the build writes is what it was


@pytest.mark.parametrize("planted", ["symlink", "dangling", "hardlink", "fifo"])
def test_what_is_planted_where_the_lock_file_goes_is_never_written_through(project, planted):
    """The lock beside the site was opened through a symbolic link: the build wrote its process id into the file the
    link named (a copy of passwd) and created a dangling link's target (a review).  A link, a hard link to another
    file or a pipe is removed and a lock file of the build's own made; what it named is untouched."""
    config, site, _ = project
    victim = config.parent / "victim.txt"
    victim.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    lock = site.parent / f".{site.name}.lock"
    if planted == "symlink":
        lock.symlink_to(victim)
    elif planted == "dangling":
        lock.symlink_to(config.parent / "made-by-the-build.txt")
    elif planted == "hardlink":
        os.link(victim, lock)
    else:
        os.mkfifo(lock)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert victim.read_text(encoding="utf-8") == "root:x:0:0:root:/root:/bin/bash\n"
    assert not (config.parent / "made-by-the-build.txt").exists()
    assert not os.path.lexists(lock)  # released and removed


# == 1. An empty site published on a typo =====================================================


def test_a_mistyped_catalogue_option_stops_the_build_and_keeps_the_site(project, capsys):
    config, site, before = project
    code, err = run_cli("--config", str(config), "--catalogue", str(config.parent / "catalouge"),
                        "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0
    assert "找不到记录目录" in err and "catalouge" in err
    assert "网站已生成" not in err and "Traceback" not in err
    assert snapshot(site) == before and leftovers(site) == []


def test_a_mistyped_catalogue_dir_in_mkdocs_yml_stops_mkdocs_build(tmp_path):
    config = make_project(tmp_path / "project")
    project = config.parent
    assert mkdocs("mkdocs", "build", "--quiet", cwd=project).returncode == 0
    before = snapshot(project / "site")
    config.write_text(config.read_text(encoding="utf-8") + "      catalogue_dir: catalouge\n", encoding="utf-8")
    done = mkdocs("mkdocs", "build", cwd=project)
    assert done.returncode != 0
    assert "找不到记录目录" in done.stderr + done.stdout
    assert snapshot(project / "site") == before


def test_a_site_with_no_records_does_not_replace_one_with_records(project, capsys):
    config, site, before = project
    for record in (config.parent / "catalogue" / "budgets").glob("*.md"):
        record.unlink()  # the folder is there, the records are not (a bad sync, a wrong branch)
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                        capsys=capsys)
    assert code != 0
    assert "没有任何公开记录" in err and "allow_empty_catalogue" in err
    assert snapshot(site) == before and leftovers(site) == []


def test_an_intentionally_empty_catalogue_is_published_when_the_option_allows_it(tmp_path, capsys):
    config = make_project(tmp_path / "project", extra="      allow_empty_catalogue: true\n")
    site = tmp_path / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    assert publish_guard.read_marker(site)["records"] == len(list((site / "records").iterdir())) > 0
    for record in (config.parent / "catalogue" / "budgets").glob("*.md"):
        record.unlink()
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                        capsys=capsys)
    assert code == 0, err
    assert not (site / "records").exists() or not any((site / "records").iterdir())
    assert publish_guard.read_marker(site)["records"] == 0


def test_the_command_line_can_allow_an_empty_catalogue_for_one_build(project, capsys):
    config, site, _ = project
    for record in (config.parent / "catalogue" / "budgets").glob("*.md"):
        record.unlink()
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                        "--allow-empty-catalogue", capsys=capsys)
    assert code == 0, err
    assert not (site / WITHDRAWN_PAGE).exists()


# == 2. Options swapped, records deleted ========================================================


@pytest.mark.parametrize("target", ["catalogue", "catalogue/budgets", "catalogue/site", "docs", ".", "..",
                                    "docs/site"])
def test_a_site_dir_that_is_or_holds_the_sources_is_refused(tmp_path, capsys, target):
    config = make_project(tmp_path / "project")
    project = config.parent
    before = files_of(tmp_path)
    code, err = run_cli("--config", str(config), "--site-dir", str(project / target), "--as-of", AS_OF.isoformat(),
                        capsys=capsys)
    assert code != 0
    assert "不能作为网站目录" in err and "Traceback" not in err
    assert files_of(tmp_path) == before  # not one record, doc or configuration file touched


@pytest.mark.parametrize("cache", ["docs", "docs/.cache", "catalogue", "catalogue/.cache", ".", "..", "site"])
def test_a_cache_dir_that_is_or_holds_the_sources_or_the_site_is_refused(tmp_path, capsys, cache):
    """Found by an attack review: ``cache_dir: docs`` let the cache's clean-up delete the office's pages
    and MkDocs publish the cache (the load cache holds every record, withheld ones too)."""
    config = make_project(tmp_path / "project", extra=f"      cache_dir: {cache}\n")
    (config.parent / "docs" / "pages" / "ab").mkdir(parents=True)
    (config.parent / "docs" / "pages" / "ab" / "guide.md").write_text("# 办事指南\n", encoding="utf-8")
    before = files_of(tmp_path)
    code, err = run_cli("--config", str(config), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "cache_dir" in err and "缓存目录" in err and "Traceback" not in err
    assert files_of(tmp_path) == before
    assert cli.main(["check", "--config", str(config), "--as-of", AS_OF.isoformat()]) != 0
    assert files_of(tmp_path) == before
    done = mkdocs("mkdocs", "build", cwd=config.parent)
    assert done.returncode != 0 and "缓存目录" in done.stderr + done.stdout
    assert files_of(tmp_path) == before


@pytest.mark.parametrize("where, argv, named", [
    (".", ["build", "--catalogue", "."], "--catalogue 给的 ."),
    (".", ["new", "policy", "--catalogue", "."], "--catalogue 给的 ."),
    (".", ["annual-report", "2025", "--catalogue", "."], "--catalogue 给的 ."),
    ("catalogue", ["check", "..", "--config", "../mkdocs.yml"], "catalogue check 后面给的 .."),
    ("catalogue", ["report", "..", "--config", "../mkdocs.yml"], "catalogue report 后面给的 .."),
    (".", ["build", "--catalogue", ""], "--catalogue 给的路径是空的"),
    (".", ["new", "policy", "--catalogue", ""], "--catalogue 给的路径是空的"),
    (".", ["check", ""], "catalogue check 后面的路径是空的"),
])
def test_a_catalogue_named_as_the_project_folder_names_the_option_not_cache_dir(tmp_path, capsys, monkeypatch,
                                                                                where, argv, named):
    """``--catalogue .`` (the project folder), ``check ..`` from inside catalogue/ or a script's unset
    ``--catalogue "$CATALOGUE"``: the only message told the office to delete a cache_dir line mkdocs.yml did not have
    (the default cache lay in that "catalogue"), never naming the option at fault (a review)."""
    config = make_project(tmp_path / "project")
    monkeypatch.chdir(config.parent / where)
    before = files_of(tmp_path)
    code = cli.main([*argv, "--as-of", AS_OF.isoformat()])
    said = "".join(capsys.readouterr())
    assert code != 0 and named in said and "cache_dir" not in said and "Traceback" not in said
    assert "catalogue" in said.rsplit(named, 1)[1]  # what to write instead
    assert files_of(tmp_path) == before


def test_a_cache_dir_in_the_theme_overrides_or_in_the_catalogue_named_on_the_command_line_is_refused(
        tmp_path, capsys):
    """MkDocs copies the theme's custom_dir into the site, so a cache there was published (its
    validated.pickle holds withheld records' text); ``--catalogue data`` with the cache in data/ made
    the check report every cache file as a stray (both found by a review)."""
    config = make_project(tmp_path / "project", extra="      cache_dir: theme/buildcache\n")
    shutil.copytree(ROOT / "theme", config.parent / "theme")
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'theme'}", "custom_dir: theme"),
                      encoding="utf-8")
    before = files_of(tmp_path)
    code, err = run_cli("--config", str(config), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "主题目录" in err and files_of(tmp_path) == before
    config.write_text(config.read_text(encoding="utf-8").replace("cache_dir: theme/buildcache", "cache_dir: data/cache"),
                      encoding="utf-8")
    shutil.copytree(config.parent / "catalogue", config.parent / "data")
    before = files_of(tmp_path)
    code, err = run_cli("--config", str(config), "--catalogue", str(config.parent / "data"),
                        "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "记录目录" in err and files_of(tmp_path) == before
    assert cli.main(["check", str(config.parent / "data"), "--config", str(config), "--as-of", AS_OF.isoformat()]) != 0
    assert "cache_dir" in capsys.readouterr().out + capsys.readouterr().err
    assert files_of(tmp_path) == before


def test_the_cache_prunes_only_what_it_wrote(tmp_path):
    """A cache_dir pointed at a folder with other files (allowed: outside the project) loses none of
    them, however old; only entries named as the cache names them go."""
    from build_tools.machinery.cache import ContentCache
    for name in ("pages/ab/guide.md", "pages/ab/" + "ab" * 20 + ".txt", "pages/notes/" + "cd" * 20,
                 "pages/readme.md", "search/xy/notes.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("office file", encoding="utf-8")
    old = ContentCache(tmp_path, "pages")
    old.put("ef" * 20, b"an entry no build uses")
    tmp = old.path("12" * 20).with_name(".tmp-99999-1-" + "12" * 20)
    tmp.parent.mkdir()
    tmp.write_bytes(b"left by a killed build")
    for p in tmp_path.rglob("*"):
        os.utime(p, (10 ** 9, 10 ** 9))
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert ContentCache(tmp_path, "pages").prune() == 2
    assert ContentCache(tmp_path, "search").prune() == 0
    assert before - {p for p in tmp_path.rglob("*") if p.is_file()} == {old.path("ef" * 20), tmp}


def test_a_symlink_to_the_catalogue_is_refused_too(tmp_path, capsys):
    config = make_project(tmp_path / "project")
    link = tmp_path / "public"
    link.symlink_to(config.parent / "catalogue", target_is_directory=True)
    before = files_of(config.parent / "catalogue")
    code, err = run_cli("--config", str(config), "--site-dir", str(link), capsys=capsys)
    assert code != 0 and "不能作为网站目录" in err
    assert files_of(config.parent / "catalogue") == before


def test_paths_are_compared_resolved_not_by_string_prefix(tmp_path, capsys):
    # "catalogue2" starts with "catalogue" but is another folder.
    config = make_project(tmp_path / "project")
    code, err = run_cli("--config", str(config), "--site-dir", str(config.parent / "catalogue2"),
                        "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0, err
    assert (config.parent / "catalogue2" / "index.html").is_file()


def test_a_folder_with_files_the_build_did_not_write_is_refused(tmp_path, capsys):
    config = make_project(tmp_path / "project")
    target = tmp_path / "www"
    (target / "uploads").mkdir(parents=True)
    (target / "uploads" / "申请表.docx").write_bytes(b"office file")
    (target / ".htaccess").write_text("deny from all\n", encoding="utf-8")
    before = files_of(target)
    code, err = run_cli("--config", str(config), "--site-dir", str(target), capsys=capsys)
    assert code != 0
    assert "不是本工具生成的" in err and publish_guard.MARKER in err
    assert files_of(target) == before and leftovers(target) == []


def test_a_folder_of_hidden_files_only_such_as_a_home_folder_is_refused(tmp_path, capsys):
    """`--site-dir ~`: a home holds only hidden entries, which were all taken for the office's, so the home
    was replaced by the site and moved aside (found by a review)."""
    config = make_project(tmp_path / "project")
    home = tmp_path / "home-alice"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "authorized_keys").write_text("ssh-ed25519 AAAA alice\n", encoding="utf-8")
    (home / ".bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    os.chmod(home / ".ssh", 0o700)
    before, inode = files_of(home), home.stat().st_ino
    code, err = run_cli("--config", str(config), "--site-dir", str(home), capsys=capsys)
    assert code != 0 and "不是本工具生成的" in err and ".bashrc" in err
    assert files_of(home) == before and home.stat().st_ino == inode and leftovers(home) == []
    assert not any(p.name.startswith(".home-alice") for p in tmp_path.iterdir())


def test_a_deploy_clone_is_accepted_and_its_owner_and_modes_stay(tmp_path):
    """A clone of the gh-pages branch (.git, .nojekyll) takes its first site; the folder and .git keep
    their modes and, for a build run as root, their owner (they became the builder's: found by a review)."""
    config = make_project(tmp_path / "project")
    target = tmp_path / "www"
    (target / ".git" / "objects").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (target / ".nojekyll").write_bytes(b"")
    for name in (".user.ini", ".htpasswd", ".gitmodules"):  # a panel's locked file, a web root's, a repository's
        (target / name).write_text("x\n", encoding="utf-8")
    (target / ".github" / "workflows").mkdir(parents=True)
    os.chmod(target, 0o751)
    os.chmod(target / ".git", 0o750)
    owner = 65534 if os.geteuid() == 0 else os.geteuid()
    if os.geteuid() == 0:
        for path in (target, target / ".git", target / ".git" / "objects"):
            os.chown(path, owner, owner)
    build_site(config, site_dir=target, as_of=AS_OF)
    build_site(config, site_dir=target, as_of=AS_OF)  # and again, over its own site
    assert (target / "index.html").is_file() and (target / ".git" / "HEAD").is_file()
    assert (target / ".user.ini").is_file() and (target / ".github" / "workflows").is_dir()
    assert oct(target.stat().st_mode & 0o777) == oct(0o751) and oct((target / ".git").stat().st_mode & 0o777) == oct(0o750)
    for path in (target, target / ".git", target / ".git" / "objects"):
        assert (path.stat().st_uid, path.stat().st_gid) == (owner, owner if os.geteuid() == 0 else path.stat().st_gid), path


@pytest.mark.parametrize("plugins, words", [("plugins:\n  - catalogue\n  - catalogue:\n", "写了两次"),
                                            ("plugins:\n  - catalogue:\n      enabled: false\n", "没有启用 catalogue 插件"),
                                            ("plugins: []\n# ", "没有启用 catalogue 插件")])
def test_a_plugin_missing_or_listed_twice_stops_the_build_in_words_and_keeps_the_site(tmp_path, capsys, plugins, words):
    """Missing (or enabled: false) it was a KeyError's traceback; listed twice, a message about the records
    or the build's own folder (found by a review)."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    before = snapshot(site)
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n  - catalogue:\n", plugins), encoding="utf-8")
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and words in err and "Traceback" not in err and snapshot(site) == before
    if "两次" in words:
        done = mkdocs("mkdocs", "build", "-q", "-f", str(config), "-d", str(site), cwd=tmp_path)
        assert done.returncode != 0 and words in done.stdout + done.stderr and snapshot(site) == before


@pytest.fixture
def immutable(tmp_path):
    """Makes a file immutable (chattr +i, as 宝塔 locks a site root's .user.ini); undone at the end."""
    made: list[Path] = []

    def lock(path: Path) -> None:
        if shutil.which("chattr") is None or os.geteuid() != 0:
            pytest.skip("chattr +i needs the chattr command and root")
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("this file system keeps no immutable flag")
        made.append(path)
    yield lock
    for path in tmp_path.rglob("*"):  # wherever a build moved it
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_locked_file_of_a_web_panel_stays_locked_where_it_is_through_every_build(tmp_path, immutable):
    """A panel's .user.ini made immutable: the whole site was exchanged around it, the live site got an
    unlocked copy, the locked one went to the replaced site, and the next build failed for ever on
    deleting it (found by a review). Now the site is published entry by entry around it."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "www"
    site.mkdir()
    (site / ".user.ini").write_text("open_basedir=/www/wwwroot/site/:/tmp/\n", encoding="utf-8")
    immutable(site / ".user.ini")
    inode = (site / ".user.ini").stat().st_ino
    for _ in range(3):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert (site / "index.html").is_file() and (site / ".user.ini").stat().st_ino == inode
        assert "i" in subprocess.run(["lsattr", "-d", str(site / ".user.ini")], capture_output=True,
                                     text=True).stdout.split()[0]
    assert leftovers(site) == []


def test_a_spare_holding_a_locked_file_is_not_used_and_stops_no_build(tmp_path, immutable):
    """What an earlier version left: the locked file in the replaced site, which the next build could
    neither clear nor use; every build after failed with 没有写入权限."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "www"
    build_site(config, site_dir=site, as_of=AS_OF)
    build_site(config, site_dir=site, as_of=AS_OF)
    spare = tmp_path / ".www.spare"
    assert spare.is_dir()
    (spare / ".user.ini").write_text("x\n", encoding="utf-8")
    immutable(spare / ".user.ini")
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert (site / "index.html").is_file()


def test_an_empty_folder_and_a_site_this_tool_wrote_are_accepted(tmp_path):
    config = make_project(tmp_path / "project")
    target = tmp_path / "www"
    target.mkdir()
    build_site(config, site_dir=target, as_of=AS_OF)
    assert (target / publish_guard.MARKER).is_file()
    build_site(config, site_dir=target, as_of=AS_OF)  # the marker says it is ours
    assert (target / "index.html").is_file()


def test_mkdocs_build_refuses_site_dir_catalogue(tmp_path):
    config = make_project(tmp_path / "project")
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true\n",
                                                                 "use_directory_urls: true\nsite_dir: catalogue\n"),
                      encoding="utf-8")
    before = files_of(config.parent / "catalogue")
    done = mkdocs("mkdocs", "build", cwd=config.parent)
    assert done.returncode != 0
    assert "不能作为网站目录" in done.stderr + done.stdout
    assert files_of(config.parent / "catalogue") == before


@pytest.mark.parametrize("command,dirty", [("gh-deploy", False), ("build", True)])
def test_gh_deploy_and_dirty_builds_refuse_the_catalogue_too(tmp_path, command, dirty):
    config_file = make_project(tmp_path / "project")
    catalogue = config_file.parent / "catalogue"
    before = files_of(catalogue)
    config = load_config(str(config_file), site_dir=str(catalogue))
    config.plugins.on_startup(command=command, dirty=dirty)
    try:
        with pytest.raises(Abort, match="不能作为网站目录"):
            mkdocs_build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    assert files_of(catalogue) == before


@pytest.mark.parametrize("cache, site", [("theme/buildcache", None), (None, "theme/out"),
                                         ("site/cache", "{tmp}/serve-preview")])
def test_mkdocs_itself_refuses_the_folders_the_catalogue_commands_refuse(tmp_path, caplog, cache, site):
    """Through MkDocs' own configuration: its Theme keeps custom_dir as an attribute, so a cache in the theme
    (published from the second build, withheld bodies and all) and a site inside it (a withdrawn record kept) were
    let through; under mkdocs serve, whose site_dir is a folder of its own, a cache in mkdocs.yml's site_dir was
    written into the live site (reviews)."""
    config_file = make_project(tmp_path / "project", extra=f"      cache_dir: {cache}\n" if cache else "")
    shutil.copytree(ROOT / "theme", config_file.parent / "theme")
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        f"custom_dir: {ROOT / 'theme'}", "custom_dir: theme"), encoding="utf-8")
    before = files_of(tmp_path)
    config = load_config(str(config_file), **({"site_dir": site.format(tmp=tmp_path)} if site else {}))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with pytest.raises((Abort, PluginError)) as raised:
            mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert ("主题目录" if "theme" in (cache or site) else "网站目录") in str(raised.value) + caplog.text
    assert files_of(tmp_path) == before


def test_guard_decisions_without_mkdocs(tmp_path):
    cat, docs = tmp_path / "p" / "catalogue", tmp_path / "p" / "docs"
    cat.mkdir(parents=True)
    docs.mkdir()
    refuse = lambda site: publish_guard.site_dir_refusal(site, catalogue_dir=cat, docs_dir=docs,  # noqa: E731
                                                         config_dir=tmp_path / "p")
    assert refuse(tmp_path / "p" / "site") is None
    assert refuse(tmp_path / "p" / "catalogue-site") is None
    assert refuse(tmp_path / "p" / "catalogue" / ".." / "site") is None
    for bad in (cat, cat / "x", docs, docs / "x", tmp_path / "p", tmp_path, tmp_path / "p" / "docs" / ".."):
        assert refuse(bad) is not None, bad
    assert publish_guard.empty_site_refusal(previous=12, records=0, allowed=False) is not None
    assert publish_guard.empty_site_refusal(previous=12, records=0, allowed=True) is None
    assert publish_guard.empty_site_refusal(previous=None, records=0, allowed=False) is None
    assert publish_guard.empty_site_refusal(previous=12, records=3, allowed=False) is None


# == 3. Publishing never deletes the old site first =============================================


def mount_point(monkeypatch, site: Path, *, full_on: int | None = None) -> list[tuple[str, str]]:
    """Make ``site`` behave like a mount point (it cannot be renamed), optionally with the
    ``full_on``-th rename inside it failing with a full disk.  Returns the renames inside it."""
    real_rename = os.rename
    inside: list[tuple[str, str]] = []
    final = os.path.realpath(site)

    def rename(src, dst, *args, **kwargs):
        s, d = os.path.realpath(src), os.path.realpath(dst)
        if final in (s, d):
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(src))
        if s.startswith(final + os.sep) and d.startswith(final + os.sep):
            inside.append((s, d))
            if full_on is not None and len(inside) == full_on:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)  # renameat2 refuses a mount point too
    return inside


def test_a_mount_point_site_is_replaced_whole(project, monkeypatch):
    config, site, before = project
    (config.parent / "catalogue" / WITHDRAWN).unlink()
    inside = mount_point(monkeypatch, site)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert inside, "the new site was not swapped in by renames inside the site directory"
    assert not (site / WITHDRAWN_PAGE).exists() and (site / "index.html").is_file()
    assert leftovers(site) == []


@pytest.mark.parametrize("full_on", [1, 3, 8, 14])
def test_a_full_disk_while_swapping_into_a_mount_point_keeps_the_old_site(project, monkeypatch, full_on, capsys):
    config, site, before = project
    (config.parent / "catalogue" / WITHDRAWN).unlink()
    mount_point(monkeypatch, site, full_on=full_on)
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                        capsys=capsys)
    assert code != 0 and "磁盘空间不足" in err and "Traceback" not in err
    assert files_of(site) == {k: v[0] for k, v in before.items()}
    assert leftovers(site) == []


def test_a_full_disk_while_copying_into_a_mount_point_keeps_the_old_site(project, monkeypatch, capsys):
    config, site, before = project
    mount_point(monkeypatch, site)
    real_copy = shutil.copy2
    calls = {"n": 0}

    def copy(src, dst, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real_copy(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil, "copy2", copy)
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                        capsys=capsys)
    assert code != 0 and "磁盘空间不足" in err
    assert files_of(site) == {k: v[0] for k, v in before.items()}
    assert leftovers(site) == []


def test_a_known_mount_point_is_staged_inside_itself(project, monkeypatch):
    config, site, _ = project
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: os.path.realpath(p) == str(site.resolve()) or real_ismount(p))
    inside = mount_point(monkeypatch, site)
    staged = []
    real_stage = output.stage

    def stage(site_dir, **kwargs):
        staging = real_stage(site_dir, **kwargs)
        staged.append(staging.tmp)
        return staging

    monkeypatch.setattr(output, "stage", stage)
    (config.parent / "catalogue" / WITHDRAWN).unlink()
    build_site(config, site_dir=site, as_of=AS_OF)
    assert staged and staged[0].parent == site.resolve()  # same file system as the site: renames work
    assert inside and not (site / WITHDRAWN_PAGE).exists()
    assert leftovers(site) == []


def test_an_interrupted_swap_is_rolled_back_by_the_next_build(project, monkeypatch):
    # A build killed halfway through swapping entries: the next build puts the old site back first.
    config, site, before = project
    (config.parent / "catalogue" / WITHDRAWN).unlink()
    mount_point(monkeypatch, site)
    real_move_in, real_roll_back = publish_swap._move_in, publish_swap._roll_back

    def killed(tmp, final, names, moved):  # half the new entries in, then nothing runs any more
        real_move_in(tmp, final, names[: len(names) // 2], moved)
        raise SystemExit("killed")

    monkeypatch.setattr(publish_swap, "_move_in", killed)
    monkeypatch.setattr(publish_swap, "_roll_back", lambda *args: None)
    with pytest.raises(SystemExit):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) != {k: v[0] for k, v in before.items()}  # half old, half new
    monkeypatch.setattr(publish_swap, "_move_in", real_move_in)
    monkeypatch.setattr(publish_swap, "_roll_back", real_roll_back)
    output.recover(site)
    assert files_of(site) == {k: v[0] for k, v in before.items()}
    assert leftovers(site) == []
    build_site(config, site_dir=site, as_of=AS_OF)
    assert not (site / WITHDRAWN_PAGE).exists() and leftovers(site) == []


# == 4. A full disk or a read-only target: a message, never a traceback ===========================


@pytest.mark.parametrize("err_no,words", [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "只读")])
def test_a_full_or_read_only_disk_while_building_gives_a_chinese_message(project, monkeypatch, capsys, err_no, words):
    config, site, before = project
    real = ContentCache.copy_to
    calls = {"n": 0}

    def copy_to(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(err_no, os.strerror(err_no), "/x/records/index.html")
        return real(*args, **kwargs)

    monkeypatch.setattr(ContentCache, "copy_to", copy_to)
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                        capsys=capsys)
    assert code != 0 and words in err
    assert "Traceback" not in err and "OSError" not in err and "Errno" not in err
    assert snapshot(site) == before and leftovers(site) == []


def test_a_read_only_target_gives_a_chinese_message(project, monkeypatch, capsys):
    config, site, before = project
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if ".building-" in self.name or self.name.startswith(".catalogue-building"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                        capsys=capsys)
    assert code != 0 and "只读" in err and "Traceback" not in err
    assert snapshot(site) == before


def test_mkdocs_build_on_a_full_disk_aborts_with_a_chinese_message(project, monkeypatch):
    config_file, site, before = project
    monkeypatch.setattr(ContentCache, "copy_to", lambda *a, **k: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins["catalogue"].as_of = AS_OF
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with pytest.raises(Abort, match="磁盘空间不足"):
            mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert snapshot(site) == before and leftovers(site) == []


# == 5 and 6. Killed and concurrent builds ======================================================

HOOK = '''
import os, time
from pathlib import Path

def on_post_page(output, page, config):
    hold = os.environ.get("HOLD_DIR")
    if hold:
        Path(hold, "ready").write_text(config.site_dir)
        while not Path(hold, "go").exists():
            time.sleep(0.05)
    return output
'''


def start_build(config: Path, site: Path, hold: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("HOLD_DIR", None)
    if hold is not None:
        env["HOLD_DIR"] = str(hold)
    return subprocess.Popen([sys.executable, "-m", "build_tools.cli", "build", "--config", str(config),
                             "--site-dir", str(site), "--as-of", AS_OF.isoformat()],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(path: Path, process: subprocess.Popen) -> None:
    for _ in range(2400):
        if path.exists():
            return
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        time.sleep(0.05)
    raise AssertionError(f"{path} never appeared")


@pytest.fixture
def held_project(tmp_path) -> tuple[Path, Path]:
    config = make_project(tmp_path / "project", extra="hooks:\n  - hook.py\n")
    (config.parent / "hook.py").write_text(HOOK, encoding="utf-8")
    site = tmp_path / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    return config, site


def test_staging_folders_of_killed_builds_are_removed_by_the_next_build(held_project, tmp_path):
    config, site = held_project
    for n in range(2):
        hold = tmp_path / f"hold{n}"
        hold.mkdir()
        killed = start_build(config, site, hold)
        wait_for(hold / "ready", killed)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        # What SIGKILL leaves (nothing runs in a killed process); the second
        # killed build had already removed what the first one left.
        assert len(leftovers(site)) == 1
    build_site(config, site_dir=site, as_of=AS_OF)
    assert leftovers(site) == []
    assert (site / WITHDRAWN_PAGE).is_file()


def test_a_second_build_waits_for_the_first_and_leaves_its_staging_alone(held_project, tmp_path):
    config, site = held_project
    hold = tmp_path / "hold"
    hold.mkdir()
    first = start_build(config, site, hold)
    wait_for(hold / "ready", first)
    staging = Path((hold / "ready").read_text())
    second = start_build(config, site)
    try:
        for _ in range(600):  # the second build says it waits, and does
            time.sleep(0.05)
            if second.poll() is not None or (site.parent / f".{site.name}.lock").exists() and staging.exists() \
                    and _said_waiting(second):
                break
        assert second.poll() is None, second.stderr.read()
        assert staging.is_dir(), "the second build removed the first build's staging folder"
    finally:
        (hold / "go").write_text("")
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "另一个构建" in _waiting_text.get(second.pid, "") + err2
    assert (site / "index.html").is_file() and (site / WITHDRAWN_PAGE).is_file()
    assert leftovers(site) == []


_waiting_text: dict[int, str] = {}


def _said_waiting(process: subprocess.Popen) -> bool:
    """Whether the process printed that it waits (reads its stderr without blocking on the rest)."""
    import select
    buffered = _waiting_text.setdefault(process.pid, "")
    while select.select([process.stderr], [], [], 0)[0]:
        chunk = os.read(process.stderr.fileno(), 4096).decode("utf-8", "replace")
        if not chunk:
            break
        buffered += chunk
    _waiting_text[process.pid] = buffered
    return "另一个构建" in buffered


# == 7. --dirty never leaves a withdrawn record online ============================================


def dirty_build(config_file: Path, site: Path, command: str = "build", serve_url: str | None = None):
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins["catalogue"].as_of = AS_OF
    config.plugins.on_startup(command=command, dirty=True)
    try:
        mkdocs_build(config, dirty=True, serve_url=serve_url)
    finally:
        config.plugins.on_shutdown()


def test_a_dirty_build_leaves_no_trace_of_a_withdrawn_record(project):
    config, site, _ = project
    withdraw(config)
    dirty_build(config, site)
    assert_no_trace_of_withdrawn(site)
    dirty_build(config, site)
    assert_no_trace_of_withdrawn(site)


def test_mkdocs_build_dirty_command_leaves_no_trace(tmp_path):
    config = make_project(tmp_path / "project")
    assert mkdocs("mkdocs", "build", "--quiet", cwd=config.parent).returncode == 0
    withdraw(config)
    for _ in range(2):
        done = mkdocs("mkdocs", "build", "--dirty", cwd=config.parent)
        assert done.returncode == 0, done.stderr
        assert_no_trace_of_withdrawn(config.parent / "site")


@pytest.mark.parametrize("dirty", [False, True])
def test_serve_rebuilds_leave_no_trace_of_a_withdrawn_record(tmp_path, dirty):
    config = make_project(tmp_path / "project")
    site = tmp_path / "serve-site"
    serve = "http://127.0.0.1:8000/"

    def rebuild(first: bool = False):
        mkdocs_config = load_config(str(config), site_dir=str(site))
        mkdocs_config.plugins["catalogue"].as_of = AS_OF
        if first:
            mkdocs_config.plugins.on_startup(command="serve", dirty=dirty)
        mkdocs_build(mkdocs_config, dirty=dirty and not first, serve_url=serve)

    site.mkdir()
    rebuild(first=True)
    assert (site / WITHDRAWN_PAGE).is_file() and (site / ATTACHMENT).is_file()
    withdraw(config)
    rebuild()
    rebuild()
    for _ in range(300):  # the search index is rebuilt in the background while serving
        try:  # read as a reader gets it: the index's files inflated (a raw scan never sees the title in them)
            if not any(WITHDRAWN_TITLE in text for _, text in all_text(site)):
                break
        except (FileNotFoundError, zlib.error):  # the background process replaced a file while we read
            pass
        time.sleep(0.1)
    assert_no_trace_of_withdrawn(site)


@pytest.mark.parametrize("change", ["missing", "outdated", "syntax"])
def test_a_broken_theme_template_is_named_with_its_line_not_a_traceback_or_a_disk(tmp_path, capsys, change):
    """A template missing from a copied theme was reported as a disk that could not be written, and a
    template copied from an earlier version stopped the build with a traceback (found by a review).  The
    message names the template and its line; the previous site is kept."""
    config = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "theme", config.parent / "theme")
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'theme'}", "custom_dir: theme"),
                      encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0
    before = snapshot(site)
    theme = config.parent / "theme"
    if change == "missing":
        (theme / "partials" / "languages" / "zh-CN.html").unlink()
        (theme / "partials" / "languages").rmdir() if not any((theme / "partials" / "languages").iterdir()) else None
        config.write_text(config.read_text(encoding="utf-8").replace("language: zh", "language: zh-CN"), encoding="utf-8")
    elif change == "outdated":
        page = theme / "record.html"  # a name an earlier version's view had
        page.write_text(page.read_text(encoding="utf-8").replace("{% endblock %}", "{{ catalogue_view.gone.title }}{% endblock %}", 1),
                        encoding="utf-8")
    else:
        page = theme / "record.html"
        page.write_text(page.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "Traceback" not in err and "无法写入" not in err
    assert "主题模板" in err and "theme/" in err, err
    if change != "missing":
        assert re.search(r"第 \d+ 行", err), err
    assert snapshot(site) == before


def test_a_copied_marker_does_not_make_a_web_root_with_other_files_ours(project, tmp_path, capsys):
    """``rsync -a site/ /srv/www/`` into a web root that holds uploads: the copied marker made the root ours,
    and the next build deleted the uploads (found by a review).  The marker names what the build wrote at
    the top; anything else there stops the build, named, and nothing is deleted."""
    config, site, _ = project
    root = tmp_path / "srv" / "www"
    shutil.copytree(site, root)
    (root / "uploads").mkdir()
    (root / "uploads" / "letter.pdf").write_bytes(b"%PDF-1.4 an office's letter")
    (root / "index-old.html").write_text("旧首页", encoding="utf-8")
    before = files_of(root)
    code, err = run_cli("--config", str(config), "--site-dir", str(root), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "index-old.html" in err and "uploads" in err and "docs/" in err
    assert files_of(root) == before
    # its own site, rebuilt, is still its own
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0


def test_a_damaged_marker_stops_the_build_rather_than_vouching_for_nothing(project, tmp_path, capsys):
    """A truncated marker said no record count, so an empty catalogue replaced a full site (found by a
    review).  A damaged marker cannot prove the folder is ours: the build stops and says what to do; an
    intact one counts the records the site holds, whatever it says."""
    config, site, before = project
    (site / publish_guard.MARKER).write_text('{"written_by": "catalogue", "rec', encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--catalogue", str(empty),
                        "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "已损坏" in err and (site / WITHDRAWN_PAGE).is_file()
    (site / publish_guard.MARKER).write_text(publish_guard.marker_text(0), encoding="utf-8")  # says none
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--catalogue", str(empty),
                        "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "没有任何公开记录" in err and (site / WITHDRAWN_PAGE).is_file()


def test_a_site_folder_inside_the_theme_overrides_is_refused(tmp_path, capsys):
    """MkDocs copies custom_dir into the site: a site inside it was copied into itself at every build,
    keeping a withdrawn record's open data (found by a review)."""
    config = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "theme", config.parent / "theme")
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'theme'}", "custom_dir: theme"),
                      encoding="utf-8")
    site = config.parent / "theme" / "out"
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "主题目录" in err and not site.exists()
    assert "Aborted" not in err


def test_a_refusal_from_inside_the_build_ends_in_the_offices_words(tmp_path, capsys, caplog):
    """``--site-dir .cache``: refused, with the reason, then MkDocs' own "Aborted with a BuildError!" as the
    last line (found by a review)."""
    config = make_project(tmp_path / "project")
    code, err = run_cli("--config", str(config), "--site-dir", str(config.parent / ".cache"),
                        "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "缓存目录" in caplog.text  # the reason, logged (on the terminal: stderr)
    assert "Aborted" not in err and "原来的网站保持不变" in err.splitlines()[-1]


def test_a_site_with_fewer_than_half_the_records_does_not_replace_the_site(tmp_path, capsys):
    """``--catalogue catalogue/notices`` or ``--as-of 2020-06-30`` for 2026 replaced a 46-record site with 5
    or 9 (found by a review).  Fewer than half of ten or more is refused unless the command says so."""
    config = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "catalogue", config.parent / "catalogue", dirs_exist_ok=True)
    site = tmp_path / "site"
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0
    before = snapshot(site)
    assert publish_guard.record_pages(site) >= 20
    for wrong in (["--catalogue", str(config.parent / "catalogue" / "notices")], ["--as-of", "2020-06-30"]):
        code, err = run_cli("--config", str(config), "--site-dir", str(site), *wrong, capsys=capsys)
        assert code != 0 and "少了一半以上" in err and "--allow-fewer-records" in err
        assert snapshot(site) == before
    code, _ = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", "2020-06-30", "--allow-fewer-records",
                      capsys=capsys)
    assert code == 0 and 0 < publish_guard.record_pages(site) < 10


@pytest.mark.parametrize("name", ["attachments", "records", "assets"])
@pytest.mark.parametrize("command", ["catalogue", "mkdocs"])
def test_a_symbolic_link_at_the_top_of_the_site_stops_the_build_and_its_target_is_kept(project, tmp_path, capsys,
                                                                                        name, command):
    """``site/attachments -> ../catalogue`` (to save disk, or to serve files kept elsewhere): the next build
    emptied the link's target, all the catalogue's files (found by a review)."""
    config, site, _ = project
    catalogue = config.parent / "catalogue"
    before = files_of(catalogue)
    shutil.rmtree(site / name)
    (site / name).symlink_to(os.path.relpath(catalogue, site))
    if command == "catalogue":
        code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                            capsys=capsys)
    else:
        done = mkdocs("mkdocs", "build", "-d", str(site), cwd=config.parent)
        code, err = done.returncode, done.stdout + done.stderr
    assert code != 0 and "链接" in err and name in err and "Traceback" not in err
    assert files_of(catalogue) == before and (site / name).is_symlink()


def test_the_spare_never_follows_a_link_at_its_top(tmp_path):
    """Redacting the replaced site (the spare) removes a link at its top itself, never what it points to."""
    from build_tools.mkdocs_plugin import in_place
    share = tmp_path / "share"
    share.mkdir()
    (share / "letter.pdf").write_bytes(b"%PDF an office's letter")
    old = tmp_path / "old"
    old.mkdir()
    (old / "attachments").symlink_to(share)
    in_place.sweep(old, set())
    assert (share / "letter.pdf").is_file() and not os.path.lexists(old / "attachments")


def test_a_web_root_the_site_was_copied_over_keeps_its_own_files_below_the_top(tmp_path, capsys):
    """``cp -a site/. /var/www/html/`` copied the marker with the site: the root's assets/ and data/ were then the
    build's by name, and the office's logo and spreadsheets in them were deleted by the first build into the
    root (found by a review).  The marker lists every file the build wrote; any other stops the build."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "built"
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0
    root = tmp_path / "www"
    (root / "assets" / "images").mkdir(parents=True)
    (root / "assets" / "images" / "office-logo.png").write_bytes(b"\x89PNG logo")
    (root / "data").mkdir()
    (root / "data" / "2019-budget-scan.xlsx").write_bytes(b"PK sheet")
    shutil.copytree(site, root, dirs_exist_ok=True)
    code, err = run_cli("--config", str(config), "--site-dir", str(root), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code != 0 and "assets/images/office-logo.png" in err and "data/2019-budget-scan.xlsx" in err
    assert (root / "assets" / "images" / "office-logo.png").is_file() and (root / "data" / "2019-budget-scan.xlsx").is_file()
    # what a desktop or a web server leaves below the top stops nothing, as before the list (a review)
    (site / "records" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (site / "attachments" / "Thumbs.db").write_bytes(b"thumbs")
    (site / "index.html.gz").write_bytes(b"\x1f\x8b")
    (site / "attachments" / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    # the build's own site, built again and again, dirty or not, is never refused
    for _ in range(2):
        assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                       capsys=capsys)[0] == 0
    withdraw(config)
    dirty_build(config, site)
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0


def test_a_file_system_mounted_inside_the_site_stops_the_build(tmp_path, capsys):
    """``mount --bind uploads site/uploads``: the first build moved the mount into the spare, the second,
    starting from the spare, emptied the office's share (found by a review).  A mount inside the site or
    the build's folders beside it stops the build before anything is written."""
    site = tmp_path / "public" / "site"
    table = (f"36 35 98:0 / / rw - ext4 /dev/root rw\n"
             f"37 36 98:0 /uploads {site}/upl\\040oads rw - ext4 /dev/root rw\n"
             f"38 36 98:0 /x {tmp_path}/public/.site.spare/files rw - ext4 /dev/root rw\n"
             f"39 36 98:0 /y {site} rw - ext4 /dev/root rw\n"  # the site itself a mount point: the usual volume
             f"40 36 98:0 /z {tmp_path}/public/site2/files rw - ext4 /dev/root rw\n")
    assert publish_guard.mounts_inside(site, table) == [tmp_path / "public" / ".site.spare" / "files", site / "upl oads"]
    assert publish_guard.mounts_inside(tmp_path / "elsewhere", table) == []
    # and for real, where this machine lets a test mount
    config = make_project(tmp_path / "project")
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0
    share = tmp_path / "share"
    share.mkdir()
    (share / "letter.pdf").write_bytes(b"%PDF an office's letter")
    (site / "uploads").mkdir()
    if subprocess.run(["mount", "--bind", str(share), str(site / "uploads")], capture_output=True).returncode != 0:
        pytest.skip("this machine does not let a test mount a folder")
    try:
        for _ in range(2):
            code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(),
                                capsys=capsys)
            assert code != 0 and "挂载" in err and (site / "uploads" / "letter.pdf").is_file()
    finally:
        subprocess.run(["umount", str(site / "uploads")], capture_output=True)
    assert (share / "letter.pdf").is_file()


def test_a_build_killed_while_deleting_a_finished_swaps_old_entries_finishes_it(project, monkeypatch):
    """A mount point: killed while the old entries were being deleted after the swap had finished, the next
    build either rolled the complete new site back to a half-deleted old one or failed for ever on
    "directory not empty", the old site served inside the new (found by a review).  A finished swap is
    marked in one rename; the next build only finishes the deletion."""
    config, site, before = project
    (config.parent / "catalogue" / WITHDRAWN).unlink()
    fresh = tmp_site = site.parent / "fresh"
    build_site(config, site_dir=tmp_site, as_of=AS_OF)
    mount_point(monkeypatch, site)
    real = publish_swap.shutil.rmtree

    def killed(path, *args, **kwargs):
        if Path(path).name.startswith(publish_swap.DISCARD):
            for entry in sorted(Path(path).iterdir())[:3]:  # part of it deleted, then the process is gone
                real(entry) if entry.is_dir() else entry.unlink()
            raise SystemExit("killed")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(publish_swap.shutil, "rmtree", killed)
    with pytest.raises(SystemExit):
        build_site(config, site_dir=site, as_of=AS_OF)
    monkeypatch.setattr(publish_swap.shutil, "rmtree", real)
    output.recover(site)
    assert leftovers(site) == [] and not (site / WITHDRAWN_PAGE).exists()
    assert files_of(site) == files_of(fresh)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == files_of(fresh)


def test_odd_markers_and_a_disks_lost_found_give_no_traceback_and_no_refusal_they_do_not_deserve(project, capsys):
    """A marker whose values have the wrong type gave a traceback or vouched for a folder; a site folder at
    the root of its own disk was refused for its lost+found (found by a review)."""
    config, site, before = project
    marker = site / publish_guard.MARKER
    args = ("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat())
    for text, refused in (('{"written_by": "catalogue", "records": "46"}', False),
                          ('{"written_by": "catalogue", "records": 1e999}', False),
                          ('{"written_by": "catalogue", "records": 8, "entries": "x"}', True)):
        marker.write_text(text, encoding="utf-8")
        code, err = run_cli(*args, capsys=capsys)
        assert "Traceback" not in err and (code != 0) == refused, (text, err)
        if refused:
            assert "已损坏" in err
            marker.write_text(publish_guard.marker_text(8), encoding="utf-8")
    (site / "lost+found").mkdir()
    assert run_cli(*args, capsys=capsys)[0] == 0 and (site / "lost+found").is_dir()
    assert run_cli(*args, capsys=capsys)[0] == 0 and (site / "lost+found").is_dir()


def test_mkdocs_build_names_a_broken_template_too(tmp_path):
    """``mkdocs build`` (not ``catalogue build``) showed MkDocs' traceback for a template from an earlier
    version; it now ends with the same named message."""
    config = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "theme", config.parent / "theme")
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'theme'}", "custom_dir: theme"),
                      encoding="utf-8")
    (config.parent / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")  # a page MkDocs renders itself
    page = config.parent / "theme" / "main.html"
    text = page.read_text(encoding="utf-8")
    at = text.index("%}", text.index("{% block")) + 2
    page.write_text(text[:at] + "{{ config.gone.title }}" + text[at:], encoding="utf-8")
    done = mkdocs("mkdocs", "build", "--site-dir", str(tmp_path / "site"), cwd=config.parent)
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in said
    assert "主题模板" in said and "main.html" in said, said[-2000:]


def test_no_command_writes_drafts_imports_or_demo_records_into_a_built_site(tmp_path, monkeypatch, capsys):
    """annual-report --out site, new --catalogue site, import --out site, generate --out site wrote a draft with
    （待填写）, unreviewed imports or fictional records straight into the published folder (a review)."""
    config = make_project(tmp_path / "project")
    site = config.parent / "site"
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0
    web = tmp_path / "www" / "xxgk"
    shutil.copytree(site, web)  # a built site elsewhere: its marker says so
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>关于某事的通知</h1><p>正文。</p></body></html>", encoding="utf-8")
    before = snapshot(site)
    monkeypatch.chdir(config.parent)
    for args in (["annual-report", "2025", "--out", "site", "--as-of", "2026-01-12"],
                 ["annual-report", "2025", "--out", str(web / "drafts"), "--as-of", "2026-01-12"],
                 ["new", "notice", "--catalogue", "site"],
                 ["import", str(page), "--out", "site/imported"],
                 ["generate", "3", "--out", "site/demo"],
                 ["generate", "3", "--out", str(web)]):
        assert cli.main(args) == 2, args
        err = capsys.readouterr().err
        assert "网站目录" in err and "Traceback" not in err, (args, err)
        # the advice never sends demonstration records into the catalogue (a review)
        assert args[0] != "generate" or ("记录目录" not in err.split("没有写入")[-1].replace("不要写进记录目录", ""))
    assert cli.main(["schema", "--out", "site/ref"]) == 2
    assert "记录目录" not in capsys.readouterr().err.split("没有写入")[-1]
    assert snapshot(site) == before and not (web / "drafts").exists() and not (web / "catalogue").exists()


def test_the_it_staffs_slips_get_plain_messages(tmp_path, monkeypatch, capsys):
    """A full disk named the copy's source (the program's folder), a dangling site link was called a file, and
    generate traced back on a linked catalogue folder or a mistyped N (a review)."""
    import errno
    err = OSError(errno.ENOSPC, "No space left on device", "/venv/material/bundle.js.map", None, "/srv/site/assets/x.map")
    said = publish_guard.describe_os_error(err)
    assert "/srv/site/assets/x.map" in said and "/venv" not in said
    link = tmp_path / "site"
    link.symlink_to(tmp_path / "unmounted-disk")
    assert "不存在" in publish_guard.foreign_content_refusal(link) and "文件" not in publish_guard.foreign_content_refusal(link)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo").mkdir()
    (tmp_path / "real").mkdir()
    (tmp_path / "demo" / "catalogue").symlink_to(tmp_path / "real")
    assert cli.main(["generate", "3", "--out", "demo", "--force"]) == 2
    assert cli.main(["generate", "99999999999", "--out", "big"]) == 2
    out = capsys.readouterr().err
    assert "链接" in out and "太大" in out and "Traceback" not in out and not (tmp_path / "big").exists()


def test_a_catalogue_dir_that_is_a_folder_of_the_catalogue_fails_the_check_where_no_site_is_kept(tmp_path, capsys):
    """``catalogue_dir: catalogue/budgets``: the shipped workflow builds in a fresh checkout, with no previous site
    for the fewer-records guard, and would have deployed 8 records of 46 (found by a review).  The check says
    so against mkdocs.yml; allow_fewer_records says it is meant."""
    project = tmp_path / "office"
    shutil.copytree(ROOT / "catalogue", project / "catalogue")
    (project / "docs").mkdir()
    config = project / "mkdocs.yml"
    sample = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for allowed, expected in (("", 1), ("      allow_fewer_records: true\n", 0), (None, 0)):
        lines = "" if allowed is None else "      catalogue_dir: catalogue/budgets\n" + allowed
        config.write_text(sample.replace("  - catalogue:\n", "  - catalogue:\n" + lines, 1), encoding="utf-8")
        code = cli.main(["check", "--config", str(config), "--format", "json", "--as-of", "2026-12-01"])
        found = [p["code"] for p in json.loads(capsys.readouterr().out) if p["severity"] == "error"]
        assert code == expected and found == (["catalogue-dir-partial"] if expected else []), (allowed, found)
    # several offices' catalogues side by side in one repository, each its own organ's code, are no partial one
    # (a review)
    shutil.copytree(project / "catalogue", project / "catalogues" / "jtt")
    shutil.copytree(project / "catalogue", project / "catalogues" / "gat")
    for path in (project / "catalogues" / "gat").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("015200371/", "015200999/"), encoding="utf-8")
    config.write_text(sample.replace("  - catalogue:\n", "  - catalogue:\n      catalogue_dir: catalogues/jtt\n", 1),
                      encoding="utf-8")
    assert cli.main(["check", "--config", str(config), "--format", "json", "--as-of", "2026-12-01"]) == 0
    assert "catalogue-dir-partial" not in capsys.readouterr().out
    # kinds in folders of other names (政策文件, 预决算), or a folder a year: the same organ's records beside it are
    # the same catalogue (a review: 8 records of 46 deployed)
    for part in ("预决算", "预决算/2026"):
        chinese = tmp_path / f"chinese-{part.replace('/', '-')}"
        for folder in (ROOT / "catalogue").iterdir():
            if folder.is_dir():
                name = {"budgets": "预决算", "policies": "政策文件"}.get(folder.name, folder.name)
                shutil.copytree(folder, chinese / "catalogue" / name)
        (chinese / "catalogue" / "预决算" / "2026").mkdir(exist_ok=True)
        for path in list((chinese / "catalogue" / "预决算").glob("*2026*.md"))[:2]:
            path.rename(chinese / "catalogue" / "预决算" / "2026" / path.name)
        (chinese / "docs").mkdir()
        (chinese / "mkdocs.yml").write_text(sample.replace(
            "  - catalogue:\n", f"  - catalogue:\n      catalogue_dir: catalogue/{part}\n", 1), encoding="utf-8")
        cli.main(["check", "--config", str(chinese / "mkdocs.yml"), "--format", "json", "--as-of", "2026-12-01"])
        assert "catalogue-dir-partial" in capsys.readouterr().out, part


def test_imports_and_the_reference_go_nowhere_the_site_publishes_or_reads_as_is(tmp_path, monkeypatch, capsys):
    """import --out docs published a saved CMS page marked 不予公开 raw (MkDocs publishes every page in docs/), a
    person's name in it, every check passing; schema --out site put four files online and the next build refused
    the folder, --out catalogue made them records with errors, --out a file traced back (a review)."""
    config = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "theme", config.parent / "theme")
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'theme'}", "custom_dir: theme"),
                      encoding="utf-8")
    site = config.parent / "site"
    assert run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>关于给予张某某同志记过处分的决定</h1><p>公开方式：不予公开</p></body></html>",
                    encoding="utf-8")
    (config.parent / "README.md").write_text("说明\n", encoding="utf-8")
    before = {name: snapshot(config.parent / name) for name in ("site", "docs", "catalogue", "theme")}
    monkeypatch.chdir(config.parent)
    for args, said in ((["import", str(page), "--out", "docs"], "文档目录"),
                       (["import", str(page), "--out", "docs/legacy"], "文档目录"),
                       (["import", str(page), "--out", "theme/imported"], "主题目录"),
                       (["schema", "--out", "site"], "网站目录"),
                       (["schema", "--out", "catalogue"], "记录目录"),
                       (["schema", "--out", "catalogue/reference"], "记录目录"),
                       (["schema", "--out", "README.md"], "是一个文件")):
        assert cli.main(args) == 2, args
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err, (args, err)
    assert {name: snapshot(config.parent / name) for name in before} == before
    assert (config.parent / "README.md").read_text(encoding="utf-8") == "说明\n"
    assert cli.main(["import", str(page), "--out", "imported"]) in (0, 1)
    assert cli.main(["schema", "--out", "reference"]) == 0 and (config.parent / "reference" / "fields.md").is_file()


def test_schema_never_writes_into_docs_the_theme_or_the_project_folder_nor_replaces_an_office_page(
        tmp_path, capsys, monkeypatch):
    """``schema --out docs`` (typed for the default docs/reference) overwrote the office's docs/options.md without a
    word and the next build published fields, codes, options and the JSON Schema at the site's top; ``--out theme``
    published them too (a review).  The default, a folder exclude_docs leaves out, and a folder of schema's own
    files are written as before."""
    config = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "theme", config.parent / "theme")
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'theme'}", "custom_dir: theme")
                      .replace("plugins:", "exclude_docs: |\n  /internal/\nplugins:"), encoding="utf-8")
    (config.parent / "docs" / "options.md").write_text("# 本厅信息公开选项说明\n", encoding="utf-8")
    (config.parent / "mine").mkdir()
    (config.parent / "mine" / "codes.md").write_text("# 我们的代码表\n", encoding="utf-8")
    before = files_of(config.parent)
    monkeypatch.chdir(config.parent)
    for out, said in (("docs", "文档目录"), ("docs/guide", "exclude_docs"), ("theme", "主题目录"),
                      ("theme/reference", "主题目录"), (".", "项目文件夹"), ("mine", "mine/codes.md 不是 catalogue schema")):
        assert cli.main(["schema", "--out", out]) == 2, out
        err = capsys.readouterr().err
        assert said in err and "没有写入" in err and "Traceback" not in err, (out, err)
    assert files_of(config.parent) == before
    assert cli.main(["schema"]) == 0
    ours = config.parent / "docs" / "reference" / "options.md"
    fresh = ours.read_text(encoding="utf-8")
    ours.write_text(fresh + "上一版的配置项\n", encoding="utf-8")  # its own file, out of date: replaced
    assert cli.main(["schema", "--check"]) == 1 and cli.main(["schema"]) == 0 and cli.main(["schema", "--check"]) == 0
    assert ours.read_text(encoding="utf-8") == fresh
    assert cli.main(["schema", "--out", "docs/internal/ref"]) == 0
    assert (config.parent / "docs" / "options.md").read_text(encoding="utf-8") == "# 本厅信息公开选项说明\n"


@pytest.mark.parametrize("folder, patterns, excluded", [
    ("reference", ("/reference/",), True), ("reference/api", ("reference/",), True), ("a/drafts", ("drafts",), True),
    ("guide", ("/reference/",), False), ("a/reference", ("/reference/",), False), (".ref", (), True),
    ("reference", ("/ref*/",), False), ("reference", ("!/reference/",), False), ("x/reference", ("x/reference",), True),
])
def test_a_folder_exclude_docs_names_plainly_is_left_out_of_the_site(tmp_path, folder, patterns, excluded):
    """What ``schema --out`` may write into inside docs_dir; a wildcard line is not read (taken as published)."""
    assert publish_guard.excluded_from_docs(tmp_path / "docs" / folder, tmp_path / "docs", patterns) is excluded


def test_a_site_for_an_earlier_day_than_the_one_online_is_refused(tmp_path, capsys):
    """--as-of 2025-11-23 typed on 2026-11-23 took a year of records off and showed repealed documents in force
    again; a year's records are rarely half, so the fewer-records guard was silent (a review).  The site's
    marker keeps the day it was built for; an earlier one is refused unless --allow-fewer-records says so, a
    site built for a day still to come (a preview, a clock ahead) too: a clock behind looks just the same (a
    later review)."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "site"
    common = ("--config", str(config), "--site-dir", str(site))
    assert run_cli(*common, "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0
    assert json.loads((site / publish_guard.MARKER).read_text(encoding="utf-8"))["as_of"] == AS_OF.isoformat()
    before = snapshot(site)
    code, err = run_cli(*common, "--as-of", "2025-11-23", capsys=capsys)
    assert code != 0 and "2025-11-23" in err and AS_OF.isoformat() in err and "--allow-fewer-records" in err, err
    assert snapshot(site) == before
    assert run_cli(*common, "--as-of", AS_OF.isoformat(), capsys=capsys)[0] == 0  # the same day: a rebuild
    assert run_cli(*common, "--as-of", "2025-11-23", "--allow-fewer-records", capsys=capsys)[0] == 0
    assert run_cli(*common, "--as-of", "2099-01-01", "--allow-future-as-of", capsys=capsys)[0] == 0
    # back from a preview's day (or from a site made on a machine whose clock was ahead): said, and allowed so
    assert run_cli(*common, "--as-of", AS_OF.isoformat(), capsys=capsys)[0] != 0
    assert run_cli(*common, "--as-of", AS_OF.isoformat(), "--allow-fewer-records", capsys=capsys)[0] == 0


def test_a_strict_build_shows_the_mkdocs_warnings_it_fails_on(project, capsys):
    """A docs/ page linking to a page since removed: with --strict, MkDocs' counter on its logger kept Python from
    printing the warning, and the build failed over "warnings above" that were not there (a review)."""
    config, site, before = project
    index = config.parent / "docs" / "index.md"
    index.parent.mkdir(exist_ok=True)
    index.write_text((index.read_text(encoding="utf-8") if index.exists() else "# 首页\n")
                     + "\n更多说明见[办事指南](banshi-zhinan.md)。\n", encoding="utf-8")
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), "--strict",
                        capsys=capsys)
    assert code != 0 and "警告" in err
    assert "banshi-zhinan.md" in err and err.count("banshi-zhinan.md") == 1  # said once, not by two handlers
    assert snapshot(site) == before
    code, err = run_cli("--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0 and err.count("banshi-zhinan.md") == 1  # without --strict too, once
