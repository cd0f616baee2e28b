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

import datetime as dt
import errno
import logging
import os
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import publish_guard
from ..machinery.new_files import open_as_site
from .in_place import is_serving
from .publish_swap import BUILDING as _BUILDING, recover_swap, swap as _swap
from .office_entries import (SERVER_FILES, carry_hidden_files, keep_owner_and_mode, link_user_entries,
                             rescue_user_entries)
from .publish_fs import (_copy_tree, _exchange, _fresh_dir, _lock, _own_name, _renameable, _unlock, fresh_token,
                         keep_spare, shelve_manifests, spare_of, take_spare)

log = logging.getLogger("mkdocs.plugins.catalogue")


def made_by_serve(site_dir: str | Path) -> bool:
    """Whether ``site_dir`` is the temporary folder ``mkdocs serve`` previews (its own ``mkdtemp``, empty
    before the first build, marked as the preview after it).  ``mkdocs serve --clean`` tells the plugin it
    builds: staged, its site was published only when the server stopped, so the preview served nothing and a
    copy of the site stayed in the temporary folder (a review)."""
    folder = Path(site_dir)
    if "serve" not in sys.argv[1:2] or not folder.name.startswith("mkdocs_") or \
            folder.parent.resolve() != Path(tempfile.gettempdir()).resolve():
        return False  # a real build into /tmp/mkdocs_site is staged and sealed as any (a review)
    try:
        return folder.is_dir() and (not os.listdir(folder) or is_serving(folder))
    except OSError:
        return False


class PublishRefused(Exception):
    """The finished site must not replace the previous one (its message says why, in Chinese)."""


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
    site_mode: int | None = None
    """The mode of the site folder in place when the build began: what :func:`seal` opens the new site's files to."""


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
        site_mode = stat.S_IMODE(os.stat(final).st_mode) if final.is_dir() else None
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
        if final.is_dir():
            keep_owner_and_mode(final, tmp)
            if not final.stat().st_mode & 0o005:  # kept as it is, and said: an office may mean it (a review)
                log.info(f"网站目录 {final} 其他账户打不开（权限 {final.stat().st_mode & 0o777:o}）：以其他账户运行的"
                         f"网页服务器读不到网站。需要时运行 chmod 755 {final}，下次生成时其中的文件随之可读。")
        return Staging(final, tmp, inside=inside, lock=lock, reused=reused, site_mode=site_mode)
    except BaseException:
        _unlock(lock)
        raise


def seal(staging: Staging, *, allow_empty: bool, allow_fewer: bool = False, as_of: dt.date | None = None) -> None:
    """Check that the finished site may replace the previous one (:class:`PublishRefused` when it has no
    record page, or fewer than half of 10 or more, or was built for an earlier day than the one in place,
    and it is not allowed), and mark it as ours, with the day it was built for."""
    count = publish_guard.record_pages(staging.tmp)
    previous = publish_guard.published_records(staging.final)
    refusal = (publish_guard.empty_site_refusal(previous=previous, records=count, allowed=allow_empty)
               or publish_guard.fewer_records_refusal(previous=previous, records=count, allowed=allow_fewer)
               or publish_guard.earlier_day_refusal(previous=publish_guard.site_day(staging.final), as_of=as_of,
                                                    allowed=allow_fewer))
    if refusal:
        raise PublishRefused(refusal)
    entries = [n for n in os.listdir(staging.tmp) if not n.startswith(".")]
    (staging.tmp / publish_guard.MARKER).write_text(
        publish_guard.marker_text(count, entries, publish_guard.site_files(staging.tmp), as_of), encoding="utf-8")
    if staging.site_mode is not None:
        open_as_site(staging.tmp, staging.site_mode)



def publish(staging: Staging) -> None:
    """Put the finished site in place of the previous one; the old is deleted only afterwards.

    On Linux the two directories are exchanged in one atomic step, so a web
    server never sees a missing or half-written site; elsewhere the old site
    is renamed aside first (restored if the second rename fails).  A site
    directory that cannot be renamed gets the new entries swapped in
    (:func:`_swap`).  On any failure the previous site is as it was.
    """
    final, tmp = staging.final, staging.tmp
    gone = carry_hidden_files(final, tmp) if final.is_dir() and not final.is_symlink() else []
    dropped = [rel for rel in publish_guard.hidden_files_dropped(final) if rel.rsplit("/", 1)[-1].lower()
               not in SERVER_FILES] if final.is_dir() and not final.is_symlink() else []
    if dropped:
        log.info(f"网站中的隐藏文件 {'、'.join(dropped[:5])}{'等' if len(dropped) > 5 else ''} 不是生成时写入的，"
                 "这次生成会删除它们（.htaccess 等网页服务器的设置会保留）。")
    if gone:
        log.info(f"网站中的隐藏文件 {'、'.join(gone[:5])}{'等' if len(gone) > 5 else ''} 所在的文件夹新网站里已经没有，"
                 "它们随旧网站删除。")
    if staging.inside:
        _swap(tmp, final)
        shelve_manifests(final, None)
        _drop_spare(final)
        return
    if not os.path.lexists(final):
        os.rename(tmp, final)
        shelve_manifests(final, None)
        return
    if final.is_dir() and not final.is_symlink():
        # The office's hidden entries (.git, .htaccess, .well-known: publish_guard.user_entry) are in both
        # sites at the moment of the exchange, as links (a copy where one cannot be made).  One that
        # cannot be read whole stays where it is: the new site is swapped in entry by entry instead.
        if not link_user_entries(final, tmp):
            log.info(f"{final} 中有不能完整复制的隐藏文件或文件夹：改为在其中逐项替换，使它们留在原处。")
            return _swap_inside(staging)
        if _exchange(tmp, final):
            keep_spare(tmp, final, staging.keep_previous)  # tmp now holds the previous site: the next build starts from it
            return
    old = final.with_name(f".{final.name}.previous-{fresh_token()}")
    try:
        os.rename(final, old)
    except OSError as exc:
        if exc.errno not in _SWAP_ERRORS:
            raise
        log.info(f"{final} 不能整体改名（{exc.strerror}，可能是挂载点）：改为在其中逐项替换。")
        return _swap_inside(staging)
    try:
        os.rename(tmp, final)
    except BaseException:
        os.rename(old, final)
        raise
    keep_spare(old, final, staging.keep_previous)


def _swap_inside(staging: Staging) -> None:
    """Copy the new site into the site directory (a full disk stops the copy, not the site) and swap its
    entries in (publish_swap.py): for a mount point found out only at the end, or hidden entries of the
    office's that cannot be copied."""
    final, tmp = staging.final, staging.tmp
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
    _drop_spare(final)


def _drop_spare(final: Path) -> None:
    """An entry-by-entry publish keeps no spare: one an earlier build left (unused, unredacted, holding a
    record withdrawn since: a review) goes."""
    spare = spare_of(final)
    if spare.is_dir() and not spare.is_symlink():
        shutil.rmtree(spare, ignore_errors=True)


def discard(staging: Staging) -> None:
    """Remove the staging directory of a failed build; the site is untouched."""
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
            shutil.rmtree(path, ignore_errors=True)
        elif _own_name(path.name, f".{final.name}.previous-"):
            previous.append(path)
    if previous and not os.path.lexists(final):
        os.rename(previous.pop(), final)  # killed between the two renames of publish()
    for path in previous:
        rescue_user_entries(path, final)  # a site renamed aside by an earlier version, with the office's in it
        shutil.rmtree(path, ignore_errors=True)
    if not final.is_dir():
        return
    recover_swap(final)
