"""Running an MkDocs build programmatically, and publishing its output safely.

MkDocs has no public way to pass a plugin an option for one run, so the
overrides (catalogue directory, as-of date) are set on the plugin instance
after the configuration is loaded and before the build starts.

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

import ctypes
import datetime as dt
import errno
import fcntl
import logging
import os
import secrets
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402

from .. import publish_guard  # noqa: E402
from ..config import load_config as load_core_config  # noqa: E402

log = logging.getLogger("mkdocs.plugins.catalogue")


class BuildFailed(Exception):
    """The build stopped (strict mode and problems, a configuration error, a refused site directory)."""


class PublishRefused(Exception):
    """The finished site must not replace the previous one (its message says why, in Chinese)."""


def build_site(config_file: str | Path = "mkdocs.yml", *, catalogue_dir: str | Path | None = None,
               site_dir: str | Path | None = None, as_of: dt.date | None = None,
               strict: bool = False, allow_empty_catalogue: bool = False, verify: bool = False) -> Path:
    """Build the site described by ``config_file``; returns the site directory.

    The site appears in ``site_dir`` only when the whole build succeeded; on
    any failure the previous contents of ``site_dir`` are left as they were.
    Raises :class:`BuildFailed` (with a message for people) when the build
    stops or is refused, and the ``OSError`` itself when the disk fails
    (full, read-only; :func:`publish_guard.describe_os_error` words it).
    With ``verify``, every generated page is rendered fast and plain and any
    difference fails the build (render.py).
    """
    overrides = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(Path(site_dir).resolve())
        # MkDocs refuses a site_dir holding docs_dir before any plugin runs, in
        # English; say it in the same words as the plugin for the other cases.
        refusal = _early_refusal(config_file, catalogue_dir, site_dir)
        if refusal:
            raise BuildFailed(refusal)
    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as exc:
        raise BuildFailed(str(exc)) from exc
    final = Path(config.site_dir)
    plugin = config.plugins["catalogue"]
    plugin.as_of = as_of
    plugin.verify = verify
    # MkDocs keeps one plugin object per process: an override of an earlier build must not stay.
    plugin.catalogue_dir = Path(catalogue_dir).resolve() if catalogue_dir is not None else None
    if allow_empty_catalogue:
        plugin.config["allow_empty_catalogue"] = True
    config.plugins.on_startup(command="build", dirty=False)
    try:
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as exc:
        if isinstance(exc.__cause__, OSError):
            raise exc.__cause__ from None
        raise BuildFailed(str(exc).strip()) from exc
    return final


def _early_refusal(config_file: str | Path, catalogue_dir: str | Path | None, site_dir: str | Path) -> str | None:
    import yaml
    core, _ = load_core_config(config_file, catalogue_dir)
    try:
        raw = yaml.safe_load(Path(config_file).read_text(encoding="utf-8-sig")) or {}
        docs = raw.get("docs_dir", "docs") if isinstance(raw, dict) else "docs"
    except (OSError, ValueError, yaml.YAMLError):
        docs = "docs"  # MkDocs reads the file next and says what is wrong with it
    base = Path(config_file).parent
    return publish_guard.site_dir_refusal(site_dir, catalogue_dir=core.catalogue_dir, docs_dir=base / str(docs),
                                          config_dir=base)


# -- atomic output -------------------------------------------------------------

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


def stage(site_dir: str | Path) -> Staging:
    """Lock ``site_dir``, clean up after killed builds, and create the staging directory.

    ``site_dir`` (and its parents) may not exist yet.  The staging directory
    gets the permissions the site directory has (or would get), so a web
    server can read the published site.  Raises ``OSError`` when nothing can
    be written (full or read-only disk).
    """
    final = Path(os.path.realpath(site_dir))
    final.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(final)
    try:
        recover(final)
        inside = final.is_dir() and not _renameable(final)
        tmp = None
        if not inside:
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
        return Staging(final, tmp, inside=inside, lock=lock)
    except BaseException:
        _unlock(lock)
        raise


def seal(staging: Staging, *, allow_empty: bool) -> None:
    """Check that the finished site may replace the previous one, and mark it as ours.

    Raises :class:`PublishRefused` when it has no record page and the
    previous site had some (unless ``allow_empty``).
    """
    records = staging.tmp / "records"
    count = sum(1 for e in os.scandir(records) if e.is_dir()) if records.is_dir() else 0
    previous = publish_guard.read_marker(staging.final) or {}
    refusal = publish_guard.empty_site_refusal(previous=previous.get("records"), records=count, allowed=allow_empty)
    if refusal:
        raise PublishRefused(refusal)
    (staging.tmp / publish_guard.MARKER).write_text(publish_guard.marker_text(count), encoding="utf-8")


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
        return
    if not os.path.lexists(final):
        os.rename(tmp, final)
        return
    if final.is_dir() and not final.is_symlink() and _exchange(tmp, final):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous site
        return
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
        return
    try:
        os.rename(tmp, final)
    except BaseException:
        os.rename(old, final)
        raise
    shutil.rmtree(old, ignore_errors=True)


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
        if path.name.startswith(f".{final.name}.building-"):
            log.info(f"删除上次中断的构建留下的 {path.name}。")
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(f".{final.name}.previous-"):
            previous.append(path)
    if previous and not os.path.lexists(final):
        os.rename(previous.pop(), final)  # killed between the two renames of publish()
    for path in previous:
        shutil.rmtree(path, ignore_errors=True)
    if not final.is_dir():
        return
    for entry in sorted(os.listdir(final)):
        if entry.startswith(_ASIDE):
            log.info(f"上次构建在替换网站时中断：恢复原来的网站。")
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
    aside = _fresh_dir(final, _ASIDE)
    moved_in: list[str] = []
    try:
        for name in sorted(os.listdir(final)):
            if not name.startswith(publish_guard.OWN_PREFIX):
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
        moved_in = [n for n in os.listdir(final) if not n.startswith(publish_guard.OWN_PREFIX)] \
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
