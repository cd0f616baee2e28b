"""Publishing a built site atomically: staged, checked, put in place only when whole.

Atomic output: MkDocs empties ``site_dir`` and then writes into it page by
page, so a build that fails halfway (an error in a template, a full disk,
Ctrl-C) would leave a half-written public site.  The plugin therefore points
MkDocs at a fresh staging directory (:func:`stage`) and puts it in place only
after the whole build has succeeded (:func:`publish`); a failed build only
removes the staging directory (:func:`discard`).  This holds for
``catalogue build``, ``mkdocs build`` (``--dirty`` included: the staging
directory starts empty, so a dirty build is a whole new site) and
``mkdocs gh-deploy``; ``mkdocs serve`` builds into its own temporary
directory and is left alone.

The previous site is never deleted before the new one is whole, whatever the
file system:

* usually the staging directory is a sibling of ``site_dir`` and the two are
  exchanged in one step (Linux ``renameat2``) or by two renames;
* when ``site_dir`` cannot be renamed (a mount point: ``EBUSY``/``EXDEV``; or
  its parent is not writable), the new site is staged *inside* ``site_dir``
  (a hidden folder, same file system), and its entries are swapped in by
  renames: the old entries are first moved aside into another hidden folder,
  the new ones moved in, and the old ones deleted only when every new entry
  is in.  Any failure on the way (a full disk) moves everything back.  When
  the sibling staging directory turns out not to be renameable only at the
  end, it is first copied inside (a full disk then only stops the copy).

One build per site directory at a time: :func:`stage` takes an exclusive
lock (``flock`` on ``.<site>.lock`` next to it; a second build waits, saying
so), and under that lock removes what killed builds left behind (their
staging folders; a swap interrupted halfway is rolled back to the old site).
The lock is released when the build ends, and by the system if the process
is killed.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import publish_guard
from .publish_fs import (_copy_tree, _exchange, _fresh_dir, _lock, _own_name, _renameable, _rescue_user_entries, _unlock,
                         keep_spare, shelve_manifests, take_spare, user_entry)

log = logging.getLogger("mkdocs.plugins.catalogue")


class PublishRefused(Exception):
    """The finished site must not replace the previous one (its message says why, in Chinese)."""


_BUILDING = publish_guard.OWN_PREFIX + "building-"
"""Staging folder inside a site directory that cannot be renamed."""
_ASIDE = publish_guard.OWN_PREFIX + "previous-"
"""Inside a site directory: its old entries while the new ones are moved in."""
_MOVING_IN = ".moving-in"
"""In the aside folder: every old entry is aside, new entries are being moved in."""
_SWAP_ERRORS = {errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES, errno.EINVAL, errno.ENOTEMPTY, errno.EEXIST}
"""Why a site directory cannot be renamed (mount point, other file system, no rights on its parent)."""


@dataclass
class Staging:
    """A build in progress: MkDocs writes to ``tmp``; ``final`` is the real site_dir."""

    final: Path
    """The site directory with symbolic links resolved (a link to it stays a link)."""
    tmp: Path
    """A fresh sibling of ``final`` (renamed into place), or a folder inside it (``inside``)."""
    complete: bool = False
    """Set when every plugin's ``on_post_build`` has run."""
    inside: bool = False
    """``tmp`` is inside ``final``: its entries are swapped in one by one (:func:`_swap`)."""
    lock: tuple[int, Path] | None = None
    """The locked file (descriptor, path) that keeps other builds of the same site waiting."""
    reused: bool = False
    """``tmp`` is the site the last publish replaced (publish_fs.spare_of), not an empty folder."""
    keep_previous: bool = True
    """Whether the site this build replaces is kept as the spare; not when this build found a page's cache
    entry damaged: that site holds the same damaged file, which the next build would take unread."""


def stage(site_dir: str | Path, *, reuse: bool = False, cache_links=frozenset) -> Staging:
    """Lock ``site_dir``, clean up after killed builds, and create the staging directory.

    With ``reuse``, the staging directory is the spare (the site the last
    publish replaced, publish_fs.spare_of) when there is one, so that the
    build can keep its unchanged pages.  ``site_dir`` (and its parents) may
    not exist yet.  The staging directory
    gets the permissions the site directory has (or would get), so a web
    server can read the published site.  Raises ``OSError`` when nothing can
    be written (full or read-only disk).  ``cache_links`` is passed to
    publish_fs.take_spare (pages whose other name is a cache entry).
    """
    final = Path(os.path.realpath(site_dir))
    final.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(final)
    try:
        recover(final)
        inside = final.is_dir() and not _renameable(final)
        tmp = take_spare(final, f".{final.name}.building-", cache_links) if reuse and not inside else None
        reused = tmp is not None
        if not inside and tmp is None:
            try:
                tmp = _fresh_dir(final.parent, f".{final.name}.building-")
            except OSError:
                if not final.is_dir():
                    raise
                inside = True  # a parent we may not write: stage in the site directory itself
        if inside:
            tmp = _fresh_dir(final, _BUILDING)
        try:
            if final.is_dir():
                os.chmod(tmp, stat.S_IMODE(final.stat().st_mode))
        except OSError:  # pragma: no cover - keep the umask's mode
            pass
        return Staging(final, tmp, inside=inside, lock=lock, reused=reused)
    except BaseException:
        _unlock(lock)
        raise


def seal(staging: Staging, *, allow_empty: bool, allow_fewer: bool = False) -> None:
    """Check that the finished site may replace the previous one (:class:`PublishRefused` when it has no
    record page, or fewer than half of 10 or more, and it is not allowed), and mark it as ours."""
    count = publish_guard.record_pages(staging.tmp)
    previous = publish_guard.published_records(staging.final)
    refusal = (publish_guard.empty_site_refusal(previous=previous, records=count, allowed=allow_empty)
               or publish_guard.fewer_records_refusal(previous=previous, records=count, allowed=allow_fewer))
    if refusal:
        raise PublishRefused(refusal)
    entries = [n for n in os.listdir(staging.tmp) if not n.startswith(".")]
    (staging.tmp / publish_guard.MARKER).write_text(publish_guard.marker_text(count, entries), encoding="utf-8")



def publish(staging: Staging) -> None:
    """Put the finished site in place of the previous one; the old is deleted only afterwards.

    On Linux the two directories are exchanged in one atomic step, so a web
    server never sees a missing or half-written site; elsewhere the old site
    is renamed aside first (restored if the second rename fails).  A site
    directory that cannot be renamed gets the new entries swapped in
    (:func:`_swap`).  On any failure the previous site is as it was.
    """
    final, tmp = staging.final, staging.tmp
    if staging.inside:
        _swap(tmp, final)
        shelve_manifests(final, None)
        return
    if not os.path.lexists(final):
        os.rename(tmp, final)
        shelve_manifests(final, None)
        return
    if final.is_dir() and not final.is_symlink():
        carried = _rescue_user_entries(final, tmp)  # the office's .git, .htaccess …: publish_fs.user_entry
        if _exchange(tmp, final):
            keep_spare(tmp, final, staging.keep_previous)  # tmp now holds the previous site: the next build starts from it
            return
        _rescue_user_entries(tmp, final, carried)  # the renames below move the site as a whole
    old = final.with_name(f".{final.name}.previous-{secrets.token_hex(6)}")
    try:
        os.rename(final, old)
    except OSError as exc:
        if exc.errno not in _SWAP_ERRORS:
            raise
        # A mount point, found out only now: copy the new site inside it
        # (a full disk stops the copy, not the site), then swap entries.
        log.info(f"{final} 不能整体改名（{exc.strerror}，可能是挂载点）：改为在其中逐项替换。")
        inner = _fresh_dir(final, _BUILDING)
        try:
            _copy_tree(tmp, inner)
        except BaseException:
            shutil.rmtree(inner, ignore_errors=True)
            raise
        shutil.rmtree(tmp, ignore_errors=True)
        staging.tmp, staging.inside = inner, True
        _swap(inner, final)
        shelve_manifests(final, None)
        return
    try:
        os.rename(tmp, final)
    except BaseException:
        os.rename(old, final)
        raise
    _rescue_user_entries(old, final)  # killed before this: recover() moves them back
    keep_spare(old, final, staging.keep_previous)


def discard(staging: Staging) -> None:
    """Remove the staging directory of a failed build; the site is untouched (and has the office's own back)."""
    _rescue_user_entries(staging.tmp, staging.final) if not staging.inside else None
    shutil.rmtree(staging.tmp, ignore_errors=True)


def unlock(staging: Staging) -> None:
    """Let the next build of this site directory start."""
    lock, staging.lock = staging.lock, None
    _unlock(lock)


def recover(site_dir: str | Path) -> None:
    """Clean up after builds of ``site_dir`` that were killed (call with the lock held).

    Their staging folders go; a site moved aside but not replaced is put
    back; a swap interrupted halfway is rolled back to the old site.
    """
    final = Path(os.path.realpath(site_dir))
    try:
        beside = sorted(final.parent.iterdir(), key=lambda p: p.name)
    except OSError:
        beside = []
    previous = []
    for path in beside:
        if _own_name(path.name, f".{final.name}.building-"):
            log.info(f"删除上次中断的构建留下的 {path.name}。")
            _rescue_user_entries(path, final)
            shutil.rmtree(path, ignore_errors=True)
        elif _own_name(path.name, f".{final.name}.previous-"):
            previous.append(path)
    if previous and not os.path.lexists(final):
        os.rename(previous.pop(), final)  # killed between the two renames of publish()
    for path in previous:
        _rescue_user_entries(path, final)
        shutil.rmtree(path, ignore_errors=True)
    if not final.is_dir():
        return
    for entry in sorted(os.listdir(final)):
        if entry.startswith(_ASIDE):
            log.info("上次构建在替换网站时中断：恢复原来的网站。")
            _roll_back(final, final / entry, None, None)
    for entry in os.listdir(final):
        if entry.startswith(_BUILDING):
            shutil.rmtree(final / entry, ignore_errors=True)


def _swap(tmp: Path, final: Path) -> None:
    """Replace the entries of ``final`` with those of ``tmp`` (inside it) by renames.

    Old entries are moved aside first, then the new moved in, then the old
    deleted; on failure everything is moved back.  The marker is replaced
    last, so ``final`` is recognised as ours at every moment.
    """
    (tmp / publish_guard.MANIFEST).unlink(missing_ok=True)  # no spare is kept for such a site
    aside = _fresh_dir(final, _ASIDE)
    moved_in: list[str] = []
    try:
        for name in sorted(os.listdir(final)):
            if not name.startswith(publish_guard.OWN_PREFIX) and not user_entry(name):  # the office's stay
                os.rename(final / name, aside / name)
        (aside / _MOVING_IN).write_bytes(b"")
        _move_in(tmp, final, sorted(n for n in os.listdir(tmp) if n != publish_guard.MARKER), moved_in)
        if (tmp / publish_guard.MARKER).exists():
            os.replace(tmp / publish_guard.MARKER, final / publish_guard.MARKER)
    except BaseException:
        _roll_back(final, aside, tmp, moved_in)
        raise
    shutil.rmtree(aside, ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)


def _move_in(tmp: Path, final: Path, names: list[str], moved: list[str]) -> None:
    for name in names:
        os.rename(tmp / name, final / name)
        moved.append(name)


def _roll_back(final: Path, aside: Path, tmp: Path | None, moved_in: list[str] | None) -> None:
    """Undo a swap: new entries out of ``final``, old entries back from ``aside``.

    With ``moved_in`` None (a build killed halfway), which entries are new
    is read from the aside folder: once it holds the moving-in mark, every
    entry of ``final`` but the build's own is new.
    """
    if moved_in is None:
        moved_in = [n for n in os.listdir(final) if not n.startswith(publish_guard.OWN_PREFIX) and not user_entry(n)] \
            if (aside / _MOVING_IN).exists() else []
    for name in reversed(moved_in):
        if tmp is not None:
            os.rename(final / name, tmp / name)
        else:
            _remove(final / name)
    for name in os.listdir(aside):
        if name != _MOVING_IN:
            os.rename(aside / name, final / name)
    shutil.rmtree(aside, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
