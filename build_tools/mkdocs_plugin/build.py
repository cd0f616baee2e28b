"""Running an MkDocs build programmatically, and publishing its output atomically.

MkDocs has no public way to pass a plugin an option for one run, so the
overrides (catalogue directory, as-of date) are set on the plugin instance
after the configuration is loaded and before the build starts.

Atomic output: MkDocs empties ``site_dir`` and then writes into it page by
page, so a build that fails halfway (an error in a template, a full disk,
Ctrl-C) would leave a half-written public site.  The plugin therefore points
MkDocs at a fresh staging directory next to ``site_dir`` (:func:`stage`) and
moves it into place only after the whole build has succeeded
(:func:`publish`); a failed build only removes the staging directory
(:func:`discard`).  The previous site is never touched until the new one is
complete.  This holds for ``catalogue build``, ``mkdocs build`` and
``mkdocs gh-deploy``; ``mkdocs serve`` builds into its own temporary
directory and is left alone.
"""

from __future__ import annotations

import ctypes
import datetime as dt
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

log = logging.getLogger("mkdocs.plugins.catalogue")


class BuildFailed(Exception):
    """The build stopped (strict mode and problems, or a configuration error)."""


def build_site(config_file: str | Path = "mkdocs.yml", *, catalogue_dir: str | Path | None = None,
               site_dir: str | Path | None = None, as_of: dt.date | None = None,
               strict: bool = False, verify: bool = False) -> Path:
    """Build the site described by ``config_file``; returns the site directory.

    The site appears in ``site_dir`` only when the whole build succeeded; on
    any failure the previous contents of ``site_dir`` are left as they were.
    With ``verify``, every generated page is rendered fast and plain and any
    difference fails the build (render.py).
    """
    overrides = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(Path(site_dir).resolve())
    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as exc:
        raise BuildFailed(str(exc)) from exc
    final = Path(config.site_dir)
    plugin = config.plugins["catalogue"]
    plugin.as_of = as_of
    plugin.verify = verify
    if catalogue_dir is not None:
        plugin.catalogue_dir = Path(catalogue_dir).resolve()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Abort as exc:
        raise BuildFailed(str(exc)) from exc
    finally:
        config.plugins.on_shutdown()
    return final


# -- atomic output -------------------------------------------------------------


@dataclass
class Staging:
    """A build in progress: MkDocs writes to ``tmp``; ``final`` is the real site_dir."""

    final: Path
    """The site directory with symbolic links resolved (a link to it stays a link)."""
    tmp: Path
    """A fresh sibling of ``final``, on the same file system, so it can be renamed."""
    complete: bool = False
    """Set when every plugin's ``on_post_build`` has run."""


def stage(site_dir: str | Path) -> Staging:
    """Create the staging directory for a build that will end up in ``site_dir``.

    ``site_dir`` (and its parents) may not exist yet.  The staging directory
    gets the permissions the site directory has (or would get), so a web
    server can read the published site.
    """
    final = Path(os.path.realpath(site_dir))
    final.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = final.with_name(f".{final.name}.building-{secrets.token_hex(6)}")
        try:
            tmp.mkdir()  # mode 0o777 & ~umask, as MkDocs would create site_dir
            break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    try:
        if final.is_dir():
            os.chmod(tmp, stat.S_IMODE(final.stat().st_mode))
    except OSError:  # pragma: no cover - keep the umask's mode
        pass
    return Staging(final, tmp)


def publish(staging: Staging) -> None:
    """Put the finished site in place of the previous one.

    On Linux the two directories are exchanged in one atomic step, so a web
    server never sees a missing or half-written site; elsewhere the old site
    is renamed aside first (restored if the second rename fails).  The old
    site is deleted afterwards.
    """
    final, tmp = staging.final, staging.tmp
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
        # site_dir is a mount point or otherwise cannot be renamed: replace its
        # contents instead (not atomic, but only after the build succeeded).
        log.warning(f"{final} cannot be renamed ({exc.strerror}); replacing its contents instead.")
        _replace_contents(tmp, final)
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


def _replace_contents(src: Path, dest: Path) -> None:
    for entry in list(dest.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in list(src.iterdir()):
        shutil.move(str(entry), str(dest / entry.name))
    shutil.rmtree(src, ignore_errors=True)
