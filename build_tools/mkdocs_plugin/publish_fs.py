"""The file-system operations atomic publishing (publish.py) rests on.

The site directory's lock (one build at a time), fresh hidden folders,
whether a directory can be renamed, the atomic exchange of two directories,
and a copy that stops at the first error.
"""

from __future__ import annotations

import ctypes
import fcntl
import logging
import os
import secrets
import shutil
import sys
from pathlib import Path

from .. import publish_guard

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


def _fresh_dir(parent: Path, prefix: str) -> Path:
    while True:
        path = parent / f"{prefix}{secrets.token_hex(6)}"
        try:
            path.mkdir()  # mode 0o777 & ~umask, as MkDocs would create site_dir
            return path
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


def _renameable(final: Path) -> bool:
    """Whether ``final`` can be renamed (not a mount point, same file system as its parent)."""
    try:
        return not os.path.ismount(final) and final.stat().st_dev == final.parent.stat().st_dev
    except OSError:
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
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            if not final.is_dir():
                raise
            path = final / (publish_guard.OWN_PREFIX + "lock")  # a parent we may not write
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    log.warning(f"另一个构建正在生成 {final}，等它完成后再继续……")
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if os.path.exists(path) and os.stat(path).st_ino == os.fstat(fd).st_ino:
                os.write(fd, f"{os.getpid()}\n".encode())
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
        if os.stat(path).st_ino == os.fstat(fd).st_ino:
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
