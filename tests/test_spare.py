"""Builds that start from the spare: the site the last publish replaced.

A build (not ``--dirty``) stages the new site in the spare and keeps the
catalogue pages whose key and file are unchanged (publish_fs.take_spare,
in_place.py).  The promise attacked here: the published site is byte for
byte the site a build into an empty folder gives, whatever happened to the
spare (records withdrawn, pages edited or added by hand in the published
site, links to files outside it, a build failing halfway), and nothing
outside the site is ever written.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin import publish, publish_fs
from build_tools.mkdocs_plugin import render
from build_tools.mkdocs_plugin.build import BuildFailed, build_site
from build_tools.publish_guard import MANIFEST
from tests.test_publish_safety import (ATTACHMENT, WITHDRAWN_PAGE, AS_OF, assert_no_trace_of_withdrawn,
                                       files_of, make_project, withdraw)


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    """A project built twice, so that a spare is waiting: (mkdocs.yml, site)."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "public" / "site"
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert publish_fs.spare_of(site).is_dir()
    return config, site


def fresh(config: Path, tmp_path: Path) -> dict[str, bytes]:
    """The site a build into an empty folder gives (no spare beside it)."""
    site = tmp_path / "fresh" / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    return files_of(site)


def written(caplog) -> int:
    """How many catalogue pages the last build wrote, from its log line."""
    line = [r.getMessage() for r in caplog.records if "写入" in r.getMessage()][-1]
    return int(line.split("写入 ")[1].split(" 个")[0])


def test_a_build_from_the_spare_writes_no_unchanged_page_and_gives_what_an_empty_folder_gives(project, tmp_path,
                                                                                              caplog):
    config, site = project
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert written(caplog) == 0
    assert files_of(site) == fresh(config, tmp_path)
    assert not (site / MANIFEST).exists()  # the manifest waits beside the site, never published
    assert site.with_name(".site.manifest").is_file()


def test_a_record_withdrawn_after_two_builds_leaves_nothing_in_a_build_from_the_spare(project, tmp_path):
    config, site = project
    assert (publish_fs.spare_of(site) / WITHDRAWN_PAGE).is_file()  # the spare still holds its page
    assert (publish_fs.spare_of(site) / ATTACHMENT).is_file()
    withdraw(config)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert_no_trace_of_withdrawn(site)
    assert files_of(site) == fresh(config, tmp_path)
    build_site(config, site_dir=site, as_of=AS_OF)  # and from the spare that held it when the site did not
    assert_no_trace_of_withdrawn(site)


def test_a_hard_linked_backup_of_the_site_is_not_changed_by_the_next_build(project, tmp_path):
    """rsnapshot, rsync --link-dest and cp -al keep a backup of the site as hard links: the build rewrote the
    replaced site's marker in place, changing the backup's, which was then refused as files the build had not
    written (a review).  A backup taken so stays byte for byte as it was."""
    config, site = project
    backup = tmp_path / "backup"
    shutil.copytree(site, backup, copy_function=os.link)
    before = files_of(backup)
    withdraw(config)
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(backup) == before


def test_what_was_edited_or_added_in_the_published_site_does_not_survive_two_builds(project, tmp_path, caplog):
    config, site = project
    page = next(site.glob("records/*/index.html"))
    page.write_bytes(page.read_bytes().replace("测试".encode(), "改过".encode()))
    same_size = next(p for p in site.glob("records/*/index.html") if p != page)
    data = same_size.read_bytes()
    same_size.write_bytes(data[:-9] + b"<!--x-->\n")  # same size, new time
    (page.parent / "notes.html").write_text("留在网站上的文件", encoding="utf-8")
    (site / "records" / "stray").mkdir()
    (site / "records" / "stray" / "index.html").write_text("旧页面", encoding="utf-8")
    (site / ".htaccess").write_text("Options +Indexes\n", encoding="utf-8")
    (site / "search" / ".old-shard.json").write_text("[]", encoding="utf-8")
    with pytest.raises(BuildFailed) as refused:  # files added below the top: the office's, never deleted unsaid
        build_site(config, site_dir=site, as_of=AS_OF)
    assert all(rel in str(refused.value) for rel in ("notes.html", "records/stray/index.html"))
    assert ".old-shard.json" not in str(refused.value)  # a hidden file goes with a line, as it always did
    (page.parent / "notes.html").unlink()  # as the message says
    shutil.rmtree(site / "records" / "stray")
    build_site(config, site_dir=site, as_of=AS_OF)  # the edited site becomes the spare
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)  # and the next build starts from it
    assert written(caplog) == 2  # the two edited pages, written again
    # the office's own hidden entries at the top stay, as MkDocs' clean-up leaves them (test_the_offices_hidden_…);
    # below it only a web server's settings are carried (test_a_hidden_file_an_office_put_below_the_top_stays_…)
    assert files_of(site) == {**fresh(config, tmp_path), ".htaccess": b"Options +Indexes\n"}


def exports(caplog) -> tuple[int, int]:
    """(files of the plan MkDocs copies, those kept from the spare) of the last build, from its log line."""
    line = [r.getMessage() for r in caplog.records if "沿用未变的" in r.getMessage()][-1]
    made = int(line.split("开放数据和附件文件 ")[1].split(" 个")[0])
    return made, int(line.split("沿用未变的 ")[1].split(" 个")[0])


def test_a_build_from_the_spare_copies_no_unchanged_export_and_gives_what_an_empty_folder_gives(project, tmp_path,
                                                                                                  caplog):
    """Open data, CSV tables and attachments the spare holds with the same bytes are not copied again."""
    config, site = project
    spare = publish_fs.spare_of(site)
    exported = sorted([*spare.glob("data/records/*.json"), *spare.glob("attachments/**/*.csv"),
                       *spare.glob("records/*/*.csv"), spare / "data" / "catalogue.json"])
    inodes = {p.relative_to(spare).as_posix(): p.stat().st_ino for p in exported}
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    made, kept = exports(caplog)
    assert made >= len(inodes) > 3 and kept == made
    assert {rel: (site / rel).stat().st_ino for rel in inodes} == inodes  # the very files, not copies
    assert files_of(site) == fresh(config, tmp_path)


def test_an_edited_record_copies_its_own_exports_again_and_keeps_the_others(project, tmp_path, caplog):
    config, site = project
    record = next((config.parent / "catalogue").rglob("*.md"))
    record.write_text(record.read_text(encoding="utf-8") + "\n补充说明：本次修订的内容。\n", encoding="utf-8")
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    made, kept = exports(caplog)
    assert 0 < kept < made
    assert any("补充说明" in p.read_text(encoding="utf-8") for p in site.glob("data/records/*.json"))
    assert files_of(site) == fresh(config, tmp_path)
    build_site(config, site_dir=site, as_of=AS_OF)  # and from the spare that held the old bytes
    assert files_of(site) == fresh(config, tmp_path)


def test_exports_edited_or_added_in_the_published_site_do_not_survive_two_builds(project, tmp_path, caplog):
    config, site = project
    data = next(site.glob("data/records/*.json"))
    text = data.read_bytes()
    data.write_bytes(text.replace("测试".encode(), "改过".encode()) if "测试".encode() in text else text[:-2] + b" \n")
    same = site / ATTACHMENT
    body = same.read_bytes()
    same.write_bytes(body.replace(b"1", b"7"))  # same size, new time
    (site / "attachments" / "budgets" / "stray.pdf").write_bytes(b"%PDF-1.4 not ours")
    (site / "data" / "old.atom.xml").write_text("<feed/>", encoding="utf-8")
    with pytest.raises(BuildFailed) as refused:  # files added below the top: the office's, never deleted unsaid
        build_site(config, site_dir=site, as_of=AS_OF)
    assert "attachments/budgets/stray.pdf" in str(refused.value) and "data/old.atom.xml" in str(refused.value)
    (site / "attachments" / "budgets" / "stray.pdf").unlink()
    (site / "data" / "old.atom.xml").unlink()
    build_site(config, site_dir=site, as_of=AS_OF)  # the edited site becomes the spare
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)  # and the next build starts from it
    made, kept = exports(caplog)
    assert kept == made - 2  # the two files edited in place are copied again
    assert files_of(site) == fresh(config, tmp_path)


def test_exports_changed_in_place_keeping_size_and_time_are_copied_again_and_verify_sees_nothing_stale(
        project, tmp_path, caplog):
    """An attachment, an open-data file and an index file changed in the published site with their size and
    modification time kept (cp -p, rsync -t, bit rot) came back every other build, --verify passing it
    (found by a review): they are now known by their time of last change too."""
    config, site = project
    index = next(p for p in site.glob("search/data/*/meta.json"))
    for path in (site / ATTACHMENT, next(site.glob("data/records/*.json")), index):
        st = path.stat()
        data = path.read_bytes()
        path.write_bytes(data[:-2] + (b"X" if data[-2:-1] != b"X" else b"Y") + data[-1:])
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert path.stat().st_size == st.st_size
    caplog.set_level(logging.INFO)
    for _ in range(3):  # the edited site becomes the spare, then the site again
        build_site(config, site_dir=site, as_of=AS_OF)
        assert files_of(site) == fresh(config, tmp_path)
        shutil.rmtree(tmp_path / "fresh")


def test_an_attachment_that_changed_while_it_was_copied_is_copied_again(project, tmp_path, monkeypatch):
    """The manifest describes the bytes MkDocs wrote, not those hashed before: a copy cut short is not kept."""
    import mkdocs.utils

    config, site = project
    real = mkdocs.utils.copy_file

    def cut_short(source, dest):  # the office's sync job rewriting the attachment during the build
        real(source, dest)
        if str(dest).endswith("sangong-jingfei.csv"):
            Path(dest).write_bytes(Path(dest).read_bytes()[:10])

    csv = config.parent / "catalogue" / "budgets" / "2026-00002-sangong-jingfei.csv"
    csv.write_bytes(csv.read_bytes().replace(b"1", b"2"))  # a new version: copied by the next build
    source = csv.read_bytes()
    monkeypatch.setattr(mkdocs.utils, "copy_file", cut_short)
    build_site(config, site_dir=site, as_of=AS_OF)
    monkeypatch.undo()
    assert (site / ATTACHMENT).read_bytes() == source[:10]
    for _ in range(2):  # from the spare holding a whole copy, then from the one holding the cut one
        build_site(config, site_dir=site, as_of=AS_OF)
        assert (site / ATTACHMENT).read_bytes() == source
    assert files_of(site) == fresh(config, tmp_path)


def folders_of(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def test_feeds_gone_with_the_site_url_leave_no_empty_folder(tmp_path):
    config = make_project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    config.write_text("site_url: https://www.example.gov.cn/xxgk/\n" + text, encoding="utf-8")
    site = tmp_path / "public" / "site"
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert (site / "feeds").is_dir()
    config.write_text(text, encoding="utf-8")
    for _ in range(2):  # the second from the spare that held the feeds
        build_site(config, site_dir=site, as_of=AS_OF)
        assert not (site / "feeds").exists()
    clean = tmp_path / "fresh" / "site"
    build_site(config, site_dir=clean, as_of=AS_OF)
    assert files_of(site) == files_of(clean) and folders_of(site) == folders_of(clean)


def test_a_spare_with_links_to_files_outside_the_site_is_not_used_and_nothing_outside_changes(project, tmp_path,
                                                                                              caplog):
    config, site = project
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("办公室的文件", encoding="utf-8")
    (outside / "keep.txt").write_text("不能删", encoding="utf-8")
    page = next(site.glob("records/*/index.html"))
    os.rename(page.parent, tmp_path / "moved")
    os.symlink(outside, page.parent)  # a record's folder is now a link to someone's files
    other = next(p for p in site.glob("records/*/index.html") if p.parent != page.parent)
    other.unlink()
    os.link(outside / "keep.txt", other)  # a page that is another name of an outside file
    with pytest.raises(BuildFailed) as refused:  # a link where the build wrote a folder: not written, refused
        build_site(config, site_dir=site, as_of=AS_OF)
    assert page.parent.relative_to(site).as_posix() in str(refused.value)
    assert sorted(p.name for p in outside.iterdir()) == ["index.html", "keep.txt"]
    os.unlink(page.parent)  # the link goes, as the message says (the hard link stays: the build's own path)
    build_site(config, site_dir=site, as_of=AS_OF)
    # The replaced site kept as the spare holds only what the new site shows with the same bytes, as its
    # build wrote it: the link and the other name are gone from it, never followed (publish_fs.keep_spare).
    spare = publish_fs.spare_of(site)
    assert spare.is_dir() and not (spare / page.parent.relative_to(site)).is_symlink()
    kept = spare / other.relative_to(site)
    assert not kept.exists() or not kept.samefile(outside / "keep.txt")
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert (outside / "index.html").read_text(encoding="utf-8") == "办公室的文件"
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "不能删"
    assert sorted(p.name for p in outside.iterdir()) == ["index.html", "keep.txt"]
    assert files_of(site) == fresh(config, tmp_path)


def test_pages_whose_other_name_is_their_cache_entry_keep_the_spare_in_use_and_no_other_link_does(project, tmp_path,
                                                                                                    caplog):
    """Issue 19: a page's cache entry is its file under a second name; only that second name is allowed."""
    config, site = project
    spare = publish_fs.spare_of(site)
    pages = sorted(spare.glob("records/*/index.html"))
    assert pages and all(p.stat().st_nlink == 2 for p in pages)  # written once: site and cache
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)  # from the spare
    assert written(caplog) == 0 and not any("多重硬链接" in r.getMessage() for r in caplog.records)
    outside = tmp_path / "outside"
    outside.mkdir()
    spare_pages = sorted(publish_fs.spare_of(site).glob("records/*/index.html"))
    os.link(spare_pages[0], outside / "third-name.html")  # a cache-linked page with a name outside too
    caplog.clear()
    before = (outside / "third-name.html").read_bytes()
    build_site(config, site_dir=site, as_of=AS_OF)
    assert any("多重硬链接" in r.getMessage() for r in caplog.records)
    assert (outside / "third-name.html").read_bytes() == before
    assert files_of(site) == fresh(config, tmp_path)
    # a second name in the cache folder that is not a page entry (no key.digest.length name)
    spare_pages = sorted(publish_fs.spare_of(site).glob("records/*/index.html"))
    odd = config.parent / ".cache" / "catalogue" / "pages" / "zz" / "not-an-entry"
    odd.parent.mkdir(exist_ok=True)
    victim = spare_pages[0]
    victim.unlink()
    victim.write_bytes(b"x")
    os.link(victim, odd)
    caplog.clear()
    build_site(config, site_dir=site, as_of=AS_OF)
    assert any("多重硬链接" in r.getMessage() for r in caplog.records)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_byte_rotted_in_a_page_the_spare_shares_with_its_cache_entry_is_not_published(project, tmp_path, caplog):
    """A spare's page and its linked cache entry are one file: a byte changed in it, size and time
    kept (bit rot, a tool writing through the file), was published by the next build unread, the
    manifest vouching for it (found by an attack review).  Each kept page is read and checked."""
    config, site = project
    spare = publish_fs.spare_of(site)
    pages = sorted(spare.glob("records/*/index.html")) + sorted(spare.glob("lists/**/index.html"))
    assert pages and all(p.stat().st_nlink == 2 for p in pages)
    for page in pages[::7]:
        stat = page.stat()
        with open(page, "r+b") as file:
            data = file.read()
            at = data.index(b"</title>") - 1
            file.seek(at)
            file.write(b"X" if data[at:at + 1] != b"X" else b"Y")
        os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert any("已损坏" in r.getMessage() for r in caplog.records)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_page_kept_from_the_spare_warns_again_so_strict_fails_as_a_clean_build_does(tmp_path):
    """A kept page's warnings were not shown again: ``--strict`` from the spare passed where a clean
    ``--strict`` build fails (found by a review)."""
    from build_tools.mkdocs_plugin.build import BuildFailed

    config = make_project(tmp_path / "project")
    hooks = config.parent / "hooks"
    hooks.mkdir()
    (hooks / "warn_hook.py").write_text(
        "import logging\nlog = logging.getLogger('mkdocs.plugins.officewarn')\n\n"
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri.startswith('records/'):\n"
        "        log.warning('页面 %s 待核对', page.file.src_uri)\n    return html\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/warn_hook.py\n", encoding="utf-8")
    site = tmp_path / "public" / "site"
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert publish_fs.spare_of(site).is_dir()
    with pytest.raises(BuildFailed):
        build_site(config, site_dir=site, as_of=AS_OF, strict=True)


def test_a_build_from_the_spare_that_fails_halfway_leaves_the_site_and_the_next_build_is_whole(project, tmp_path,
                                                                                               monkeypatch):
    config, site = project
    before = files_of(site)
    withdraw(config)  # pages to write into the spare, and one to remove
    real = render.render_pages

    def failing(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("a plugin failed after the pages were written")

    monkeypatch.setattr(render, "render_pages", failing)
    with pytest.raises(RuntimeError):
        build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == before
    assert not publish_fs.spare_of(site).exists()  # used up by the failed build: the next starts empty
    monkeypatch.setattr(render, "render_pages", real)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert_no_trace_of_withdrawn(site)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_damaged_or_missing_manifest_means_every_page_is_written(project, tmp_path, caplog):
    config, site = project
    (publish_fs.spare_of(site) / MANIFEST).write_text('{"pages": {', encoding="utf-8")
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert written(caplog) > 0 and files_of(site) == fresh(config, tmp_path)
    (publish_fs.spare_of(site) / MANIFEST).unlink()
    build_site(config, site_dir=site, as_of=AS_OF)
    assert files_of(site) == fresh(config, tmp_path)


def test_a_dirty_build_does_not_start_from_the_spare(project, tmp_path, monkeypatch):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config, site = project
    taken: list[Path] = []
    real = publish_fs.take_spare
    monkeypatch.setattr(publish_fs, "take_spare", lambda *a: taken.append(a[0]) or real(*a))
    from build_tools.mkdocs_plugin import publish
    monkeypatch.setattr(publish, "take_spare", publish_fs.take_spare)
    withdraw(config)
    cfg = load_config(str(config), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=True)
    try:
        mkdocs_build(cfg, dirty=True)
    finally:
        cfg.plugins.on_shutdown()
    assert taken == []
    assert_no_trace_of_withdrawn(site)


def test_the_offices_hidden_entries_in_the_site_folder_stay_through_builds_and_kills(project, tmp_path, monkeypatch):
    """A deploy repository's ``.git``, ``.htaccess``, certbot's ``.well-known``: MkDocs' clean-up leaves hidden
    entries, but they went with the replaced site into the spare, whose clean-up deleted them (found by a
    review).  They go with each new site; a build killed on the way leaves them where the next build
    finds them; the build's own hidden files (the marker, the manifest) are not the office's."""
    config, site = project
    (site / ".git" / "objects").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (site / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    (site / ".well-known" / "acme-challenge").mkdir(parents=True)
    (site / ".well-known" / "acme-challenge" / "abc").write_text("token", encoding="utf-8")
    ours = {k: v for k, v in files_of(site).items() if k.startswith((".git/", ".htaccess", ".well-known/"))}
    assert len(ours) == 3
    for _ in range(3):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert {k: v for k, v in files_of(site).items() if k in ours} == ours
    # killed between moving them into the new site and putting it in place: the next build moves them back
    real = publish_fs._exchange
    monkeypatch.setattr(publish, "_exchange", lambda a, b: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        build_site(config, site_dir=site, as_of=AS_OF)
    monkeypatch.setattr(publish, "_exchange", real)
    assert {k: v for k, v in files_of(site).items() if k in ours} == ours  # the live site kept them throughout
    build_site(config, site_dir=site, as_of=AS_OF)
    assert {k: v for k, v in files_of(site).items() if k in ours} == ours
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site.building-")]


def test_a_folder_beside_the_site_named_like_a_killed_builds_is_not_touched(project):
    """``.site.previous-backup-2024``, an office's backup beside the site, was deleted as a killed build's
    leftover (found by a review): only the names the build gives (12 hex digits) are its own."""
    config, site = project
    backup = site.parent / ".site.previous-backup-2024"
    backup.mkdir()
    (backup / "draft.txt").write_text("年报草稿", encoding="utf-8")
    other = site.parent / ".site.building-mine"
    other.mkdir()
    stamped = site.parent / ".site.previous-202412011200"  # 12 digits: hex, but a time
    stamped.mkdir()
    build_site(config, site_dir=site, as_of=AS_OF)
    assert (backup / "draft.txt").read_text(encoding="utf-8") == "年报草稿" and other.is_dir() and stamped.is_dir()



def test_a_page_altered_in_the_spare_is_made_again_once_the_cache_is_gone(project, tmp_path):
    """A page of the spare changed with its size and time kept (bit rot, a restore from a backup), then the
    cache deleted ("always safe"): with no entry to compare with, size and time vouched for it, and it was
    published for good (found by a review).  Without an entry, a page is made again."""
    config, site = project
    page = next(p for p in sorted(publish_fs.spare_of(site).glob("records/*/index.html")) if "测试".encode() in p.read_bytes())
    before = page.stat()
    data = page.read_bytes()
    page.write_bytes(data.replace("测试".encode(), "篡改".encode(), 1))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size
    shutil.rmtree(config.parent / ".cache")
    build_site(config, site_dir=site, as_of=AS_OF)
    assert not any("篡改".encode() in data for data in files_of(site).values())
    assert files_of(site) == fresh(config, tmp_path)


def test_the_offices_entries_an_earlier_version_moved_to_the_spare_are_kept_aside_not_put_online(project):
    """The previous version moved ``.git`` with the replaced site into the spare, whose clean-up then deleted
    it (found by a review).  Put back into the site, an entry the office had deleted (a leaked ``.env``) was
    online again after the next build (a later review): it is kept in a closed folder beside the site."""
    config, site = project
    (publish_fs.spare_of(site) / ".git").mkdir()
    (publish_fs.spare_of(site) / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    build_site(config, site_dir=site, as_of=AS_OF)
    kept = site.parent / f".{site.name}.office-kept"
    assert not os.path.lexists(site / ".git")
    assert (kept / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert kept.stat().st_mode & 0o777 == 0o700


def test_an_entry_the_office_deletes_from_the_site_stays_deleted(project):
    """A leaked ``.env`` deleted from the web root came back with the next (nightly) build: the spare held the
    last build's link to it (found by a review)."""
    config, site = project
    (site / ".env").write_text("DB_PASSWORD=hunter2\n", encoding="utf-8")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "token").write_text("old", encoding="utf-8")
    build_site(config, site_dir=site, as_of=AS_OF)
    assert (site / ".env").is_file()  # the office's entries stay through builds
    spare = publish_fs.spare_of(site)
    assert not os.path.lexists(spare / ".env") and not os.path.lexists(spare / ".well-known")
    (site / ".env").unlink()
    shutil.rmtree(site / ".well-known")
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert not os.path.lexists(site / ".env") and not os.path.lexists(site / ".well-known")


def test_an_entry_of_the_offices_that_cannot_be_copied_stays_in_place(project, monkeypatch):
    """certbot's ``.well-known``, unreadable to the builder: it could not be moved, went with the replaced
    site, and was missing from every other build (found by a review).  The new site is swapped in entry by
    entry around it instead."""
    config, site = project
    (site / ".well-known").mkdir()
    (site / ".well-known" / "challenge").write_text("token", encoding="utf-8")
    real_link, real_copy = os.link, shutil.copy2

    def refused(source, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(source))

    monkeypatch.setattr(os, "link", lambda s, d, *a, **k: refused(s) if ".well-known" in str(s) else real_link(s, d, *a, **k))
    monkeypatch.setattr(shutil, "copy2", lambda s, d, *a, **k: refused(s) if ".well-known" in str(s) else real_copy(s, d, *a, **k))
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert (site / ".well-known" / "challenge").read_text(encoding="utf-8") == "token"


def test_a_refused_build_changes_nothing_in_the_live_site(project, tmp_path):
    """A build refused for too few records moved its own hidden output into the live site (found by a review)."""
    config, site = project
    (site / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    before = files_of(site)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(Exception):
        build_site(config, site_dir=site, as_of=AS_OF, catalogue_dir=empty)
    assert files_of(site) == before



def test_the_spare_beside_a_site_in_a_web_root_shows_nothing_the_site_does_not(project, tmp_path, caplog):
    """The spare waits beside the site, in the web root when the site is a folder of it (/var/www/html/xxgk):
    a server showing dot-folders served the withdrawn record's page, open data and index from
    /.xxgk.spare/ until the next build (a review).  It now holds only files the new site has with the same
    bytes, in a folder other accounts cannot enter, and still spares the next build its unchanged pages."""
    config, site = project
    withdraw(config)
    build_site(config, site_dir=site, as_of=AS_OF)
    spare = publish_fs.spare_of(site)
    assert_no_trace_of_withdrawn(site)
    assert_no_trace_of_withdrawn(spare)
    live = files_of(site)
    for f in spare.rglob("*"):
        rel = f.relative_to(spare).as_posix()
        if f.is_file() and not rel.startswith("."):
            assert live.get(rel) == f.read_bytes(), rel
    assert spare.stat().st_mode & 0o777 == 0o700
    manifest = (spare / MANIFEST).read_text(encoding="utf-8")  # named nothing withdrawn (a review)
    assert ATTACHMENT not in manifest and WITHDRAWN_PAGE not in manifest
    marker = (spare / ".catalogue-site").read_text(encoding="utf-8")  # nor its marker's list of files
    assert ATTACHMENT not in marker and WITHDRAWN_PAGE not in marker
    assert all((spare / rel).is_file() for rel in json.loads(manifest)["files"])
    assert any(spare.glob("records/*/index.html"))  # the unchanged pages wait for the next build
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    pages = [rel for rel in files_of(site) if rel.endswith("index.html") and rel.startswith(("records/", "lists/"))]
    assert written(caplog) < len(pages)  # the pages the withdrawal changed, not the others
    assert files_of(site) == fresh(config, tmp_path)
    assert site.stat().st_mode & 0o777 != 0o700  # the published site keeps its own mode


def test_a_site_removed_by_hand_is_published_again_with_a_new_folders_mode(project, tmp_path):
    """The spare is closed (0700): with no site to take the mode from, the staging folder taken from it kept
    it, and every later site was published closed to the web server (a review)."""
    config, site = project
    shutil.rmtree(site)
    build_site(config, site_dir=site, as_of=AS_OF)
    mask = os.umask(0)
    os.umask(mask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~mask
    assert files_of(site) == fresh(config, tmp_path)


def test_a_site_published_entry_by_entry_keeps_no_spare_of_an_earlier_build(project, monkeypatch):
    """A site that cannot be renamed is published entry by entry and uses no spare: one an earlier build
    left stayed, unredacted, holding a record withdrawn since (a review)."""
    from tests.test_publish_safety import mount_point
    config, site = project
    assert publish_fs.spare_of(site).is_dir()
    withdraw(config)
    mount_point(monkeypatch, site)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert_no_trace_of_withdrawn(site)
    assert not publish_fs.spare_of(site).exists()


def test_only_mkdocs_serve_previews_in_place_in_its_temporary_folder(tmp_path, monkeypatch):
    """mkdocs build -d /tmp/mkdocs_site was taken for mkdocs serve --clean's folder: built in place, without
    staging or the guards of a publish (a review)."""
    import tempfile
    folder = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    try:
        monkeypatch.setattr("sys.argv", ["mkdocs", "build", "-d", str(folder)])
        assert not publish.made_by_serve(folder)
        (folder / ".catalogue-site").write_text("x", encoding="utf-8")
        monkeypatch.setattr("sys.argv", ["mkdocs", "serve", "--clean"])
        assert not publish.made_by_serve(folder)  # a published site's marker is no preview's
        (folder / ".catalogue-site").unlink()
        assert publish.made_by_serve(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_files_of_a_build_under_another_umask_get_the_mode_a_new_build_gives(tmp_path):
    """Two builds under umask 077 (a cron job) left 475 files and folders at 0600/0700 through every later
    build under 022, which kept them from the spare: closed to a web server of another account (found by a
    review).  Each file and folder taken from the spare gets the mode a new one gets."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "public" / "site"
    before = os.umask(0o077)
    try:
        for _ in range(2):
            build_site(config, site_dir=site, as_of=AS_OF)
        os.umask(0o022)
        for _ in range(2):
            build_site(config, site_dir=site, as_of=AS_OF)
    finally:
        os.umask(before)
    closed = [p for p in site.rglob("*") if p.stat().st_mode & 0o777 not in (0o644, 0o755)]
    assert closed == []
    assert (site / "records").stat().st_mode & 0o777 == 0o755


def test_a_rebuild_under_umask_077_keeps_the_site_open_as_its_folder_is(tmp_path):
    """A rebuild by a login with umask 077 (a hardened server's) made every file 0600 and every folder 0700, the
    site folder kept 755, and the web server answered 403 for the whole site, the build saying it succeeded (a
    review).  The site's files and folders are opened as its folder is."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "public" / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    edit = config.parent / "catalogue" / "budgets"
    record = next(edit.rglob("*.md"))
    record.write_text(record.read_text(encoding="utf-8").replace("title: ", "title: 修订", 1), encoding="utf-8")
    before = os.umask(0o077)
    try:
        build_site(config, site_dir=site, as_of=AS_OF)
        assert os.umask(0o077) == 0o077  # the account's own umask given back
    finally:
        os.umask(before)
    closed = [p for p in site.rglob("*") if p.stat().st_mode & 0o777 not in (0o644, 0o755)]
    assert closed == [] and site.stat().st_mode & 0o777 == 0o755



def test_a_site_folder_open_to_writing_opens_no_page_to_writing(tmp_path):
    """A site folder of 777 (a shared volume) made the build's umask 000: every page and folder, and the cache,
    writable by any account (a review).  Only read and search bits follow the site folder."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "public" / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    site.chmod(0o777)
    before = os.umask(0o022)
    try:
        build_site(config, site_dir=site, as_of=AS_OF)
    finally:
        os.umask(before)
    writable = [p for p in (*site.rglob("*"), *(config.parent / ".cache").rglob("*")) if p.stat().st_mode & 0o022]
    assert writable == []


def test_a_site_folder_closed_to_other_accounts_is_kept_and_said(tmp_path, caplog):
    """The site folder keeps its mode (an office's web root may mean it), but one a build under umask 077 made
    stays 0700 through every later build: the log says so, with what to run (a review of this stop)."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "public" / "site"
    site.mkdir(parents=True)
    site.chmod(0o700)
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=site, as_of=AS_OF)
    assert site.stat().st_mode & 0o777 == 0o700
    assert f"chmod 755 {site}" in caplog.text


def test_a_hidden_file_an_office_put_below_the_top_stays_through_every_build(project, caplog):
    """site/attachments/.htaccess (Apache's settings for the downloads) was deleted by the next build with one
    log line, kept nowhere (an attack review).  It is carried into each new site, changed as the office
    changes it, and goes when the office deletes it; what a desktop leaves goes unsaid."""
    config, site = project
    htaccess = site / "attachments" / ".htaccess"
    htaccess.write_text("Require all denied\n", encoding="utf-8")
    (site / "attachments" / ".DS_Store").write_bytes(b"\0")
    caplog.set_level(logging.INFO)
    for text in ("Require all denied\n", "Header set Content-Disposition attachment\n"):
        htaccess.write_text(text, encoding="utf-8")
        for _ in range(2):  # the second starts from the spare, which holds the copy the first made
            build_site(config, site_dir=site, as_of=AS_OF)
            assert htaccess.read_text(encoding="utf-8") == text
            assert htaccess.stat().st_nlink == 1
    assert not (site / "attachments" / ".DS_Store").exists()
    assert not [r for r in caplog.records if "隐藏文件" in r.getMessage()]
    # an editor's swap file of a download goes, with a line (a review: it outlived the withheld record)
    (site / "attachments" / ".名单.csv.swp").write_text("姓名\n", encoding="utf-8")
    build_site(config, site_dir=site, as_of=AS_OF)
    assert not (site / "attachments" / ".名单.csv.swp").exists() and htaccess.exists()
    assert [r for r in caplog.records if ".名单.csv.swp" in r.getMessage()]
    htaccess.unlink()
    for _ in range(2):
        build_site(config, site_dir=site, as_of=AS_OF)
        assert not htaccess.exists()
