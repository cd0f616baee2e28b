"""Builds in place (``mkdocs serve``, a build from the spare): keep the catalogue's pages across MkDocs' clean-up.

Before every build that is not ``--dirty``, MkDocs empties the site
directory, hidden entries excepted.  Under ``mkdocs serve`` that would mean
writing some 40,000 files again (pages, search index, open data,
attachments) after every edit of one record.  So, just before the clean-up,
the plugin moves the folders it writes into (:data:`SET_ASIDE`) under a
hidden folder, and moves them back just after; a manifest (also hidden)
says which key each page was written from, so the build writes only the
pages whose key changed and deletes the pages that are no longer produced.

The files of the plan MkDocs copies (open data, feeds, the 预决算 CSV
tables, attachments) are described in the manifest by a digest of their
bytes: :func:`keep_unchanged` keeps those this build would write with the
same bytes (MkDocs then skips them, pages.ExportFile) and deletes every
other file MkDocs wrote there last time, so nothing stale survives.

A file is kept only if it is the one the manifest describes: its size and
modification time are in the manifest, and a file edited or replaced
since is written again.

``mkdocs build`` (not ``--dirty``) stages the site in the spare, the site
its last publish replaced (publish_fs.spare_of), and builds in place there;
after its pages are written, :func:`sweep` removes every file in the
plugin's folders this build did not write or keep, so the published site
is the one a build into an empty folder would give.  A ``--dirty`` build
and the first build start from an empty folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from pathlib import Path

from .. import publish_guard
from .site_manifest import (MANIFEST, OWNED, SET_ASIDE, narrowed, same_as_before, save_manifest, unchanged,
                            well_formed, write_manifest)

_KEEP = ".catalogue-kept"
_SERVING = ".catalogue-serving"


def mark_serving(site_dir: str | Path) -> None:
    """Note that ``site_dir`` is what ``mkdocs serve`` previews: MkDocs tells only a session's first build
    that it serves; the marker (hidden, so it survives MkDocs' clean-up) tells the rebuilds."""
    Path(site_dir).mkdir(parents=True, exist_ok=True)
    (Path(site_dir) / _SERVING).write_text("mkdocs serve\n", encoding="utf-8")
    # The preview is a site of ours too: the next rebuild may write into it.
    marker = Path(site_dir) / publish_guard.MARKER
    if not marker.exists():
        marker.write_text(publish_guard.marker_text(0), encoding="utf-8")


def is_serving(site_dir: str | Path) -> bool:
    """Whether ``site_dir`` is being previewed by ``mkdocs serve``."""
    return (Path(site_dir) / _SERVING).is_file()


def set_aside(site_dir: str | Path) -> None:
    """Move the plugin's folders out of the way of MkDocs' clean-up."""
    root = Path(site_dir)
    if not (root / MANIFEST).is_file():
        return
    keep = root / _KEEP
    shutil.rmtree(keep, ignore_errors=True)
    keep.mkdir()
    for name in SET_ASIDE:
        if (root / name).is_dir():
            os.rename(root / name, keep / name)


def restore(site_dir: str | Path) -> dict[str, object]:
    """Move the folders back; returns the previous manifest (``pages``: {path: key}, ``search``: key).

    The files MkDocs wrote into them wait for :func:`keep_unchanged`;
    without a manifest, nothing is kept.  Pages whose file is not the one
    the manifest describes are left out of ``pages`` (written again), and
    ``search`` is None if any index file is not.
    """
    root = Path(site_dir)
    keep = root / _KEEP
    manifest_file = root / MANIFEST
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    if manifest_file.is_dir() and not manifest_file.is_symlink():
        shutil.rmtree(manifest_file, ignore_errors=True)  # not one this plugin wrote
    else:
        manifest_file.unlink(missing_ok=True)  # rewritten when this build succeeds
    if not keep.is_dir():
        return {}
    if not well_formed(manifest):
        shutil.rmtree(keep, ignore_errors=True)  # none, damaged, from before files were described, or hostile
        return {}
    for name in SET_ASIDE:
        if (keep / name).is_dir() and not (root / name).exists():
            os.rename(keep / name, root / name)
    shutil.rmtree(keep, ignore_errors=True)
    files = manifest["files"]
    manifest["pages"] = {rel: key for rel, key in manifest.get("pages", {}).items() if unchanged(root, rel, files)}
    if not all(unchanged(root, rel, files, changed_too=True) for rel in manifest.get("search_files", [])):
        manifest["search"] = None
    return manifest


def keep_unchanged(site_dir: str | Path, previous: dict[str, object], digests: dict[str, str],
                   pending: set[str] = frozenset()) -> set[str]:
    """Delete the files MkDocs wrote into the set-aside folders last build, except those it would write
    again with the same bytes; returns the site paths kept.

    ``digests`` are this build's files of the plan (site path: digest of the bytes MkDocs will write),
    kept if :func:`same_as_before`; the others (a docs/ page or image, a file no longer made) are
    deleted.  ``pending``, files made when written, are left to pages.write_made.
    """
    root, kept = Path(site_dir), set()
    for rel in (rel for rel in previous.get("others", []) if rel not in pending):
        digest = digests.get(rel)
        if digest is not None and same_as_before(root, previous, rel, digest):
            kept.add(rel)
        else:
            _unlink(root / rel)
    return kept


def _unlink(path: Path) -> None:
    """Delete the file ``path`` if there is one (a folder of that name is left to :func:`sweep`)."""
    with contextlib.suppress(IsADirectoryError, NotADirectoryError):
        path.unlink(missing_ok=True)


def remove_stale(site_dir: str | Path, previous: dict[str, object], pages: dict[str, str],
                 search_files: list[str], mkdocs_files: list[str] = ()) -> None:
    """Delete files the previous build wrote that this one did not (MkDocs' files of this build stay)."""
    root = Path(site_dir)
    current = set(pages) | set(search_files) | set(mkdocs_files)
    for rel in [*previous.get("pages", {}), *previous.get("search_files", [])]:
        if rel not in current:
            path = root / rel
            _unlink(path)
            # Folders left empty go too (a deleted record's records/…/ folder).
            for folder in path.parents:
                if folder == root or folder.name in OWNED and folder.parent == root:
                    break
                try:
                    folder.rmdir()
                except OSError:
                    break


def finish(site_dir: str | Path, previous: dict[str, object], pages: dict[str, str], search_key: str | None,
           search_files: list[str], mkdocs_files: list[str], *, from_spare: bool,
           digests: dict[str, str] | None = None, kept: set[str] = frozenset(), made: dict | None = None) -> None:
    """Once the pages and the index are written: remove what is stale, and describe the site for the next build.

    ``from_spare``: the build started from the spare, or in place without a manifest (a ``--dirty`` preview
    after a failed or killed rebuild: MkDocs cleaned nothing), so whatever else is in the plugin's folders is
    removed too (:func:`sweep`).  ``digests`` are those of the plan's files (:func:`keep_unchanged`), ``kept``
    the ones it kept, ``made`` the keys of those made when written (pages.write_made).
    """
    remove_stale(site_dir, previous, pages, search_files, mkdocs_files)
    if from_spare:
        sweep(site_dir, {*pages, *search_files, *mkdocs_files})
    save_manifest(site_dir, pages, search_key, search_files, mkdocs_files, previous, digests, kept, made)


def fresh_modes(root: Path) -> None:
    """Give ``root`` and every folder and file below it (the spare, which the build starts from) the mode a
    new one gets under this process's umask, as a build into an empty folder would.  Kept as they were,
    files of a build run under umask 077 (a cron job) stayed 0600 through every later build, closed to a
    web server of another account, and nothing said so (found by a review)."""
    mask = os.umask(0)
    os.umask(mask)
    folder, file = 0o777 & ~mask, 0o666 & ~mask
    if stat.S_IMODE(os.lstat(root).st_mode) != folder:
        os.chmod(root, folder)
    stack = [root]
    while stack:
        for entry in os.scandir(stack.pop()):
            mode = entry.stat(follow_symlinks=False).st_mode
            wanted = folder if stat.S_ISDIR(mode) else file
            if stat.S_IMODE(mode) != wanted:
                with contextlib.suppress(OSError):  # another account's file: the web server's to read
                    os.chmod(entry.path, wanted)
            if stat.S_ISDIR(mode):
                stack.append(Path(entry.path))


def abandon(site_dir: str | Path) -> None:
    """After a build in place failed: remove the plugin's folders, as MkDocs' clean-up had before :func:`restore`
    brought them back, so that nothing the failed build's records keep off stays served (a review found a
    withdrawn record's page and index in the preview); the next build starts from an empty folder."""
    for name in SET_ASIDE:
        path = Path(site_dir) / name
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)


def redact_spare(old: Path, new_manifest: Path) -> bool:
    """Leave in ``old``, the replaced site about to wait beside the new one as the spare, only files the new
    site holds with the same bytes: pages of the same key, the index of the same key, files of the same
    digest, each still as the old build wrote it.  A spare beside a site in a web root is served as the
    site is (``/.xxgk.spare/``): a withdrawn record's page, its row in the open data and its text in the
    index were online there until the next build (a review).  False, with nothing kept, when a manifest
    cannot be read: the caller then deletes the spare, and the next build starts from an empty folder."""
    manifests = []
    for path in (new_manifest, old / MANIFEST):
        try:
            manifests.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return False
    new, before = manifests
    if not (well_formed(new) and well_formed(before)):
        return False
    same = {rel for rel, key in before.get("pages", {}).items() if new.get("pages", {}).get(rel) == key}
    if before.get("search") is not None and before.get("search") == new.get("search"):
        same.update(before.get("search_files", []))
    same.update(rel for rel, digest in before.get("digests", {}).items() if new.get("digests", {}).get(rel) == digest)
    kept = {rel for rel in same if unchanged(old, rel, before["files"])}
    sweep(old, kept)
    try:
        write_manifest(old, narrowed(before, kept))
        marker = publish_guard.read_marker(old)  # its list of the site's files named the withdrawn ones too
        if marker is not None and isinstance(marker.get("files"), list):
            marker["files"] = [rel for rel in marker["files"] if rel in kept]
            (tmp := old / f"{publish_guard.MARKER}.new").write_text(json.dumps(marker, ensure_ascii=False) + "\n",
                                                                  encoding="utf-8")
            os.replace(tmp, old / publish_guard.MARKER)  # a new file: a backup's hard link keeps the old (a review)
    except OSError:  # a full disk: the caller deletes the spare
        return False
    for entry in os.scandir(old):  # the rest is MkDocs' (home page, sitemap, theme): made again by every build
        if (not entry.name.startswith(".") and entry.name not in SET_ASIDE) or publish_guard.user_entry(entry.name):
            # the office's hidden entries are the live site's (linked): a copy here came back after the office
            # deleted a leaked .env from the site (a review)
            shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)
    return True


def sweep(site_dir: str | Path, written: set[str]) -> int:
    """Delete every file in the set-aside folders that is not in ``written`` (site paths); returns how many.

    Run on a build from the spare once every file is in place: whatever else is there (a page of a
    record no longer public, a file someone put into the published site) goes, with folders left empty.
    """
    root, removed = os.fspath(site_dir), 0
    for name in SET_ASIDE:
        count, empty = _sweep(os.path.join(root, name), name, written)
        removed += count
        if empty:  # as an empty folder gives: no feeds/ once site_url is gone, no attachments/ without any
            os.rmdir(os.path.join(root, name))
    return removed


def _sweep(folder: str, rel: str, written: set[str]) -> tuple[int, bool]:
    """(files removed, whether ``folder`` is left empty) for one folder and those below it."""
    removed, left = 0, 0
    if os.path.islink(folder):  # never followed: the link itself goes (a build emptied its target: a review)
        os.unlink(folder)
        return 1, False
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):  # none, or a file of that name (a docs/ file's copy)
        return 0, False
    for entry in entries:
        path = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            count, empty = _sweep(entry.path, path, written)
            removed += count
            if empty:
                os.rmdir(entry.path)
            else:
                left += 1
        elif path in written:
            left += 1
        else:  # a file, or a link someone put there (removed, never followed)
            os.unlink(entry.path)
            removed += 1
    return removed, not left
