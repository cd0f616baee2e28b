"""New files written whole or not at all: a record, a draft report, an imported page, a copied attachment.

A write that fails halfway (a full disk) left an empty or cut file behind: a
record cut in a table's middle loaded as a whole one and was published, a
0-byte draft report made the next run refuse its name as 已经存在 and the
check report an empty file (reviews).  Here the file is created (never over
one: ``FileExistsError``), written, closed, and removed again if any of that
fails, the flush at closing included.

A lock file beside the site is opened the same careful way (:func:`open_lock_file`): never through a link; and a
built site's files get the read bits of the site folder they replace (:func:`open_as_site`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_new(path: Path, text: str) -> None:
    """Write a new UTF-8 text file; raises FileExistsError rather than replace one, and leaves nothing where it
    fails."""
    made_whole(path, lambda fh: fh.write(text.encode("utf-8")))


def copy_new(source: Path, target: Path) -> None:
    """Copy a file to a path that must not exist yet; nothing is left where it fails."""
    with source.open("rb") as src:
        made_whole(target, lambda fh: shutil.copyfileobj(src, fh, 1 << 20))


def made_whole(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Create ``path`` (never over a file, its folders made) and ``write`` into it; where that fails, the
    part written is removed.

    The bytes go to a hidden file beside it first (``.catalogue-part-…``), which takes the name only once whole (a
    hard link, which fails where the name is taken: no file is ever replaced): an import stopped by a signal
    (a closed SSH window, ``timeout``: Python runs no cleanup then) had left a 51 MB attachment cut to 0 bytes
    under its own name, refused as 已经存在 by the next run (a review).  Where the file system makes no hard
    links (FAT, some shares) the name is taken by a rename after a last look."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "文件已经存在", str(path))
    part = path.with_name(f".catalogue-part-{os.getpid()}-{secrets.token_hex(4)}")  # short: a long name stays legal
    fh = part.open("xb")  # ours from here on: removed if it cannot be written whole
    try:
        with fh:
            write(fh)
        try:
            os.link(part, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "文件已经存在", str(path)) from None
            os.rename(part, path)
    finally:
        part.unlink(missing_ok=True)


def open_lock_file(path: Path) -> int | None:
    """The lock file at ``path``, opened or made: never through a symbolic link, and only a plain file (a link planted
    there had the build write its process id into the file it named, and remove the link: a review).  None when
    something else stood there: it is removed (the link, not what it names).  A plain file another name shares (a
    hard-linked backup of the lock another build holds) is locked as it is, and written into by no one
    (:func:`lock_file_writable`): removing it had let two builds run at once (a later review)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        os.unlink(path)  # a symbolic link: removed, what it names untouched
        return None
    if stat.S_ISREG(os.fstat(fd).st_mode):
        return fd
    os.close(fd)
    if stat.S_ISDIR(os.lstat(path).st_mode):
        raise IsADirectoryError(errno.EISDIR, "锁文件的位置是一个文件夹", str(path))
    os.unlink(path)  # a pipe, a device: not a lock
    return None


def lock_file_writable(fd: int) -> bool:
    """Whether the build may note its process id in the lock file open at ``fd``: only one no other name shares."""
    return os.fstat(fd).st_nlink == 1


def open_as_site(root: Path, site_mode: int) -> None:
    """Give the built site's files and folders the read (and search) bits the site folder in place has and the
    account's umask took away: a rebuild by a login with umask 077 closed every page to the web server, the folder
    kept 755, nothing said (a review).  Write bits are never added (a folder of 777 made every page writable by any
    account: a later review), and nothing outside the site is touched (the cache keeps the umask's modes)."""
    mask = os.umask(0)
    os.umask(mask)
    folder_bits, file_bits = site_mode & 0o555 & mask, site_mode & 0o444 & mask
    if not folder_bits and not file_bits:  # the umask already gives what the site folder gives: the usual case
        return
    stack = [root]
    while stack:
        for entry in os.scandir(stack.pop()):
            mode = entry.stat(follow_symlinks=False).st_mode
            extra = folder_bits if stat.S_ISDIR(mode) else file_bits if stat.S_ISREG(mode) else 0
            if extra and stat.S_IMODE(mode) & extra != extra:
                with contextlib.suppress(OSError):
                    os.chmod(entry.path, stat.S_IMODE(mode) | extra)
            if stat.S_ISDIR(mode):
                stack.append(Path(entry.path))
