"""The file-system operations atomic publishing (publish.py) rests on.

The site directory's lock (one build at a time), fresh hidden folders,
whether a directory can be renamed, the atomic exchange of two directories,
a copy that stops at the first error, and the spare: the site a publish
replaced, kept beside the new one for the next build to start from.
"""

from __future__ import annotations

import ctypes
import fcntl
import logging
import os
import secrets
import shutil
import sys
from collections.abc import Callable, Set as AbstractSet
from pathlib import Path

from .. import publish_guard
from ..machinery.new_files import lock_file_writable, open_lock_file
from .in_place import fresh_modes, redact_spare
from .office_entries import drop_hidden_files, set_aside_user_entries

log = logging.getLogger("mkdocs.plugins.catalogue")


def _copy_tree(src: Path, dest: Path) -> None:
    """Copy ``src`` into the existing ``dest``, stopping at the first error (``shutil.copytree``
    would go on and raise one ``shutil.Error`` without an errno at the end)."""
    for folder, dirs, files in os.walk(src):
        target = dest / Path(folder).relative_to(src)
        for name in dirs:
            if os.path.islink(os.path.join(folder, name)):
                os.symlink(os.readlink(os.path.join(folder, name)), target / name)
            else:
                (target / name).mkdir()
        for name in files:
            source = os.path.join(folder, name)
            if os.path.islink(source):
                os.symlink(os.readlink(source), target / name)
            else:
                shutil.copy2(source, target / name)


def fresh_token() -> str:
    """12 hex digits with a letter among them: the suffix of the build's own folders (:func:`_own_name`), never
    a date or a time an office's backup folder might carry (``.site.previous-202412011200``)."""
    while True:
        token = secrets.token_hex(6)
        if not token.isdigit():
            return token


def _fresh_dir(parent: Path, prefix: str) -> Path:
    while True:
        path = parent / f"{prefix}{fresh_token()}"
        try:
            path.mkdir()  # mode 0o777 & ~umask, as MkDocs would create site_dir
            return path
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


def _renameable(final: Path) -> bool:
    """Whether ``final`` can be renamed (not a mount point, same file system as its parent) and its office's
    files can be given a second name in the new site (none pinned, :func:`_pinned`)."""
    try:
        return not os.path.ismount(final) and final.stat().st_dev == final.parent.stat().st_dev \
            and not _pinned(final)
    except OSError:
        return False


def _pinned(final: Path) -> bool:
    """Whether a file of the office's at the top of ``final`` refuses a second name: a web panel's
    ``.user.ini`` made immutable (宝塔's ``chattr +i``).  Exchanging whole folders would leave the live site
    an unlocked copy and the locked file in the replaced site, which no build could then clear (found by a
    review): such a site is published entry by entry, the file left where it is."""
    for name in os.listdir(final):
        path = final / name
        if not publish_guard.user_entry(name) or path.is_symlink() or not path.is_file():
            continue
        probe = final / f"{publish_guard.OWN_PREFIX}probe-{fresh_token()}"
        try:
            os.link(path, probe)
        except PermissionError:
            return True
        except OSError:
            continue
        probe.unlink(missing_ok=True)
    return False


def _lock(final: Path) -> tuple[int, Path]:
    """Take the site directory's lock, waiting (and saying so) while another build holds it.

    The lock file is removed when released; a build that opened it before
    it was removed finds it gone once locked, and takes the new one.
    """
    path = final.parent / f".{final.name}.lock"
    told = False
    while True:
        try:
            fd = open_lock_file(path)
        except OSError:
            if not final.is_dir():
                raise
            path = final / (publish_guard.OWN_PREFIX + "lock")  # a parent we may not write
            fd = open_lock_file(path)
        if fd is None:
            continue  # what stood there was no lock file of ours, and is gone: take a new one
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    log.info(f"另一个构建正在生成 {final}，等它完成后再继续……")  # no warning: --strict failed on it
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            writable = lock_file_writable(fd)  # first: the holder's lock removed between the two looks owned by none
            if os.path.lexists(path) and os.lstat(path).st_ino == os.fstat(fd).st_ino:
                if writable: os.write(fd, f"{os.getpid()}\n".encode())  # noqa: E701 - not into a backup's name
                return fd, path
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed this lock file when it finished: take the new one


def _unlock(lock: tuple[int, Path] | None) -> None:
    if lock is None:
        return
    fd, path = lock
    try:
        if os.lstat(path).st_ino == os.fstat(fd).st_ino:
            os.unlink(path)  # removed while still locked: see _lock
    except OSError:
        pass
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux ``renameat2(RENAME_EXCHANGE)``)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # pragma: no cover - glibc before 2.28, musl
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def spare_of(final: Path) -> Path:
    """Where the site a publish replaced waits for the next build (``.<site>.spare``).

    The next build (not ``--dirty``) starts from it instead of an empty
    folder: the catalogue's pages whose key and file are unchanged are kept
    (in_place.py), everything else is made again or removed.  Deleting it
    is always safe; the next build is then a little slower.
    """
    return final.with_name(f".{final.name}.spare")


def shelve_manifests(final: Path, old: Path | None) -> None:
    """After a publish: the new site's manifest (in_place.py) leaves the site, the replaced one's goes back in.

    A published site holds no manifest (it changes with every build's file
    times): it waits beside the site (``.<site>.manifest``) until the site
    is replaced and becomes the spare, and is then put back inside it.  If
    a move fails, the manifest is dropped: the next build writes every page.
    """
    beside = final.with_name(f".{final.name}.manifest")
    inner = final / publish_guard.MANIFEST
    for move in ((beside, old / publish_guard.MANIFEST if old is not None else None), (inner, beside)):
        source, dest = move
        try:
            if dest is not None and os.path.lexists(source):
                os.replace(source, dest)
            else:
                source.unlink(missing_ok=True)
        except OSError:
            try:
                source.unlink(missing_ok=True)
            except OSError:  # pragma: no cover - a read-only site: the manifest stays, hidden
                pass


def keep_spare(old: Path, final: Path, keep: bool = True) -> None:
    """Keep ``old`` (the replaced site) as the spare, its manifest back inside it, holding only what the new
    site shows too and closed to other accounts (in_place.redact_spare); delete it if it cannot be kept, or
    is not to be (``keep``: false when it may hold a damaged page)."""
    shelve_manifests(final, old if keep else None)
    spare = spare_of(final)
    if not keep:
        log.info("本次生成发现缓存中的页面已损坏：被替换的旧网站可能含有同一个损坏的文件，"
                 "不再保留它，下次从空目录生成网站。")
    try:
        if os.path.lexists(spare):  # an older spare goes either way
            shutil.rmtree(spare) if spare.is_dir() and not spare.is_symlink() else spare.unlink()
        if keep:
            os.chmod(old, 0o700)  # first: a build killed while redacting leaves it closed (a review)
        if keep and redact_spare(old, final.with_name(f".{final.name}.manifest")):
            os.rename(old, spare)  # the next build gives its staging folder the site's mode again
            return
    except OSError:
        pass
    shutil.rmtree(old, ignore_errors=True)


def take_spare(final: Path, prefix: str, cache_links: Callable[[], AbstractSet[tuple[int, int]]] = frozenset) -> Path | None:
    """The spare, renamed to a fresh staging folder named ``prefix…``; None when there is none to use.

    Its hidden entries other than the plugin's manifest are removed (MkDocs'
    clean-up leaves hidden entries), so nothing of the old site survives
    that the new build does not write or prove unchanged.  A spare holding
    a symbolic link, a file with another hard link, or anything but folders
    and regular files (a pipe, a device: writing to it writes outside the
    site, or waits for ever) is not used: it is deleted,
    and the build starts from an empty folder.  A file whose only other
    name is a page entry of the cache (``cache_links()``: its ``(device,
    inode)`` pairs, :meth:`ContentCache.linked_files`) is a page the build
    wrote once for both: writing through it could change only that entry,
    which is checked when read.
    """
    spare = spare_of(final)
    if not spare.is_dir() or spare.is_symlink():
        return None
    tmp = final.parent / f"{prefix}{fresh_token()}"
    try:
        os.rename(spare, tmp)
    except OSError:
        return None
    # First the hidden entries go (the office's are links to those of the live site; one the site no longer
    # has is set aside beside it, never put back online), then the rest must be plain.
    kept = set_aside_user_entries(tmp, final)
    if kept:
        log.info(f"网站目录中已删除的 {'、'.join(kept[:3])}{'等' if len(kept) > 3 else ''} 在备用目录中还有一份："
                 f"没有放回网站，已移到 {final.parent / ('.' + final.name + '.office-kept')}（只有本账户能打开），"
                 "确认不需要后可以删除。")
    try:
        for entry in os.listdir(tmp):
            if entry.startswith(".") and entry != publish_guard.MANIFEST:
                path = tmp / entry
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() and not path.is_symlink() else path.unlink()
    except OSError:  # a file that may not be deleted (immutable): the spare is not used, the build starts empty
        log.info(f"{spare.name} 中有无法删除的文件：不再使用，本次从空目录生成网站。")
        shutil.rmtree(tmp, ignore_errors=True)
        return None
    drop_hidden_files(tmp)  # the office's below the top come from the live site again (office_entries)
    if not _plain_tree(tmp, cache_links):
        log.info(f"{spare.name} 中有符号链接或多重硬链接的文件（或管道、设备等特殊文件）：不再使用，本次从空目录生成网站。")
        shutil.rmtree(tmp, ignore_errors=True)
        return None
    # The spare is closed (0700); with no site to take the mode from, the new one gets a new folder's:
    # after rm -rf site, every later site was published closed to the web server (a review). So do its files.
    fresh_modes(tmp)
    return tmp


def _plain_tree(root: Path, cache_links: Callable[[], AbstractSet[tuple[int, int]]] = frozenset) -> bool:
    """Whether ``root`` holds only folders and regular files with one link each (no symbolic links, pipes,
    devices), or two when the other is a page entry of the cache (``cache_links()``, read if needed)."""
    linked = None
    stack = [root]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            return False
        for entry in entries:
            if entry.is_symlink():
                return False
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif not entry.is_file(follow_symlinks=False):
                return False
            else:
                st = entry.stat(follow_symlinks=False)
                if st.st_nlink == 1:
                    continue
                if linked is None:
                    linked = cache_links()
                if st.st_nlink != 2 or (st.st_dev, st.st_ino) not in linked:
                    return False
    return True


def _own_name(name: str, prefix: str) -> bool:
    """Whether ``name`` is ``prefix`` and the 12 hex digits :func:`fresh_token` gives: an office's own folder
    named ``.site.previous-backup-2024`` or ``.site.previous-202412011200`` is not a killed build's (one was
    deleted: found by a review)."""
    tail = name[len(prefix):]
    return (name.startswith(prefix) and len(tail) == 12 and all(c in "0123456789abcdef" for c in tail)
            and not tail.isdigit())
