"""Swapping a new site into a site directory that cannot be renamed (a mount point), entry by entry.

The new site is staged inside the site directory (:data:`BUILDING`).  Its
old entries are moved aside (:data:`ASIDE`), a mark is left there
(:data:`_MOVING_IN`), the new entries are moved in, the marker replaced;
then the aside folder is renamed to :data:`DISCARD` in one step and only
then deleted.  A build killed at any moment leaves one of two states the next
build (:func:`recover_swap`) tells apart without guessing:

* an aside folder: the swap did not finish, and is rolled back to the old site;
* a discard folder: the swap finished, and the deletion of the old entries is
  finished.

Before, the aside folder was deleted in place: a kill during that deletion
left, on some file systems, the mark still there beside a half-deleted old
site (the next build rolled the complete new site back to it), or the mark
gone with old entries left (every later build failed on "directory not
empty", the old site still served inside the new one; found by a review).

The office's own entries (:func:`~build_tools.publish_guard.user_entry`: ``.git``,
``.htaccess``, ``lost+found`` …) stay where they are, unless the new site
has an entry of the same name (``docs/`` publishing ``.well-known``): the
build's wins.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from .. import publish_guard
from ..publish_guard import user_entry
from .publish_fs import _fresh_dir

log = logging.getLogger("mkdocs.plugins.catalogue")

BUILDING = publish_guard.OWN_PREFIX + "building-"
"""Staging folder inside a site directory that cannot be renamed."""
ASIDE = publish_guard.OWN_PREFIX + "previous-"
"""Inside a site directory: its old entries while the new ones are moved in."""
DISCARD = publish_guard.OWN_PREFIX + "discard-"
"""Inside a site directory: the old entries of a finished swap, being deleted."""
_MOVING_IN = ".moving-in"
"""In the aside folder: every old entry is aside, new entries are being moved in."""


def swap(tmp: Path, final: Path) -> None:
    """Replace the entries of ``final`` with those of ``tmp`` (inside it) by renames.

    Old entries are moved aside first, then the new moved in, then the old
    deleted; on failure everything is moved back.  The marker is replaced
    last, so ``final`` is recognised as ours at every moment.
    """
    (tmp / publish_guard.MANIFEST).unlink(missing_ok=True)  # no spare is kept for such a site
    new = set(os.listdir(tmp))
    aside = _fresh_dir(final, ASIDE)
    moved_in: list[str] = []
    try:
        for name in sorted(os.listdir(final)):
            if not name.startswith(publish_guard.OWN_PREFIX) and (not user_entry(name) or name in new):
                os.rename(final / name, aside / name)
        (aside / _MOVING_IN).write_bytes(b"")
        _move_in(tmp, final, sorted(n for n in new if n != publish_guard.MARKER), moved_in)
        if (tmp / publish_guard.MARKER).exists():
            os.replace(tmp / publish_guard.MARKER, final / publish_guard.MARKER)
    except BaseException:
        _roll_back(final, aside, tmp, moved_in)
        raise
    done = final / (DISCARD + aside.name[len(ASIDE):])
    os.rename(aside, done)  # the swap is finished: from now on the old entries are only deleted
    shutil.rmtree(done, ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)


def _move_in(tmp: Path, final: Path, names: list[str], moved: list[str]) -> None:
    for name in names:
        os.rename(tmp / name, final / name)
        moved.append(name)


def recover_swap(final: Path) -> None:
    """After builds killed while swapping into ``final``: an unfinished swap is rolled back, a finished
    one's deletion finished, staging folders removed (call with the site's lock held)."""
    for entry in sorted(os.listdir(final)):
        if entry.startswith(ASIDE):
            log.info("上次构建在替换网站时中断：恢复原来的网站。")
            _roll_back(final, final / entry, None, None)
    for entry in os.listdir(final):
        if entry.startswith((BUILDING, DISCARD)):
            shutil.rmtree(final / entry, ignore_errors=True)


def _roll_back(final: Path, aside: Path, tmp: Path | None, moved_in: list[str] | None) -> None:
    """Undo a swap: new entries out of ``final``, old entries back from ``aside``.

    With ``moved_in`` None (a build killed halfway), which entries are new
    is read from the aside folder: once it holds the moving-in mark, every
    entry of ``final`` but the build's own and the office's left in place is new.
    """
    if moved_in is None:
        old = set(os.listdir(aside))
        moved_in = [n for n in os.listdir(final) if not n.startswith(publish_guard.OWN_PREFIX)
                    and (not user_entry(n) or n in old)] if _MOVING_IN in old else []
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
