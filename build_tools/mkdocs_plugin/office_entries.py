"""The office's own entries at the top of a site directory, which no build deletes.

An office keeps things in the folder the web server serves that the catalogue
does not make: a deploy repository's ``.git``, ``.htaccess``, certbot's
``.well-known``, a file system's ``lost+found``.  MkDocs' own clean-up leaves
hidden entries; a build that publishes by exchanging whole directories keeps
them in the new site (:func:`link_user_entries`), and one that swaps entries in
leaves them where they are (publish_swap.py).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from ..publish_guard import hidden_files_dropped, user_entry


def link_user_entries(final: Path, tmp: Path) -> bool:
    """Give the new site ``tmp`` every :func:`user_entry` of ``final`` as hard links (copies where a link
    cannot be made: another user's file, another file system), merged into a folder of the same name the
    new site has (the build's files win).  The live site keeps them throughout; the replaced site's
    links go with it.  False when one cannot be read whole: it must stay where it is."""
    try:
        names = sorted(n for n in os.listdir(final) if user_entry(n))
    except OSError:
        return False
    made = []
    try:
        for name in names:
            if not os.path.lexists(tmp / name):
                made.append(name)
            _link_tree(final / name, tmp / name)
    except OSError:
        for name in made:  # half made: the new site must not claim the name (its own would win over the office's)
            path = tmp / name
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() and not path.is_symlink() else path.unlink(missing_ok=True)
        return False
    return True


def _link_tree(source: Path, dest: Path) -> None:
    if source.is_symlink():
        if not os.path.lexists(dest):
            os.symlink(os.readlink(source), dest)
        return
    if not source.is_dir():
        if not os.path.lexists(dest):
            try:
                os.link(source, dest)
            except OSError:
                if not stat.S_ISREG(os.lstat(source).st_mode):  # a pipe or a device: a copy would wait for ever
                    raise
                shutil.copy2(source, dest)
                keep_owner_and_mode(source, dest)
        return
    if not dest.is_dir() or dest.is_symlink():
        if os.path.lexists(dest):
            return  # the new site has a file of that name: the build's wins
        dest.mkdir()
        keep_owner_and_mode(source, dest)
    for entry in sorted(os.listdir(source)):
        _link_tree(source / entry, dest / entry)


def keep_owner_and_mode(source: Path, dest: Path) -> None:
    """Give ``dest`` (a folder or a copy the build made) the mode, times and, where this process may
    (a build run as root), the owner and group of ``source``, which it stands in for: a web root owned by
    the web server's account, a deploy repository's ``.git`` owned by its user, stayed theirs with MkDocs'
    clean-up; made anew, they became the builder's, and ``git pull`` there failed (found by a review)."""
    try:
        shutil.copystat(source, dest, follow_symlinks=False)
    except OSError:  # pragma: no cover - keep the umask's mode
        pass
    try:
        st = os.lstat(source)
        if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
            os.chown(dest, st.st_uid, st.st_gid, follow_symlinks=False)
    except (OSError, AttributeError):  # not ours to give away (not root), or no owners on this system
        pass


def rescue_user_entries(source: Path, final: Path) -> list[str]:
    """Move the :func:`user_entry` entries of ``source`` into ``final`` where it has none of the name; the
    names moved.  Never raises: what cannot be moved stays."""
    moved = []
    try:
        found = sorted(n for n in os.listdir(source) if user_entry(n))
    except OSError:
        return moved
    for name in found:
        try:
            if not os.path.lexists(final / name):
                os.rename(source / name, final / name)
                moved.append(name)
        except OSError:
            continue
    return moved


def set_aside_user_entries(spare: Path, final: Path) -> list[str]:
    """Move the :func:`user_entry` entries of the spare that the live site ``final`` no longer has to a closed
    folder beside it (``.<site>.office-kept``); the names moved.  The office deleted them from the site (a
    leaked ``.env``, an exposed ``.git``), or an earlier version moved them into the spare: put back into the
    site, a deleted leak was online again after the next build (found by a review); deleted, the office's
    ``.git`` would be lost.  Never raises: what cannot be moved stays, and goes with the spare's hidden entries."""
    kept = final.parent / f".{final.name}.office-kept"
    moved = []
    try:
        found = sorted(n for n in os.listdir(spare) if user_entry(n) and not os.path.lexists(final / n))
    except OSError:
        return moved
    for name in found:
        try:
            kept.mkdir(mode=0o700, exist_ok=True)
            target = kept / name
            n = 1
            while os.path.lexists(target):
                n += 1
                target = kept / f"{name}.{n}"
            os.rename(spare / name, target)
            moved.append(name)
        except OSError:
            continue
    return moved


SERVER_FILES = frozenset({".htaccess", ".htpasswd", ".user.ini", ".nojekyll", ".keep", ".gitkeep"})
"""The hidden files a web server or a host reads in a site's folders: the office's settings, carried."""


def carry_hidden_files(final: Path, tmp: Path) -> list[str]:
    """Copy into the new site ``tmp`` the office's server settings below the top of the live site ``final``
    (``attachments/.htaccess``: :data:`SERVER_FILES`; a build never writes one), other hidden files being an
    editor's leftovers (a swap file of a download withheld since: a review),
    each into the folder of the same name, replacing what the spare held of it.  A build deleted them, one
    log line said so, and the downloads lost their server settings (an attack review).  Returns those whose
    folder the new site no longer has: they go with the replaced site."""
    gone = []
    for rel in hidden_files_dropped(final):
        if rel.rsplit("/", 1)[-1].lower() not in SERVER_FILES:
            continue  # an editor's swap file or backup copy of a download (.名单.csv.swp) goes, as it always did
        source, target = final / rel, tmp / rel
        try:
            if source.is_symlink() or not source.is_file():
                continue
            if not target.parent.is_dir() or target.parent.is_symlink():
                gone.append(rel)
                continue
            copied = target.with_name(f"{target.name}.catalogue-carry")
            shutil.copy2(source, copied)  # a copy, not a link: the spare must stay one name per file
            os.replace(copied, target)
        except OSError:
            gone.append(rel)
    return gone


def drop_hidden_files(root: Path) -> None:
    """Remove the hidden files below the top of a spare about to be built on: the office's were copied into it
    from the live site (:func:`carry_hidden_files`); one the office deleted since must not come back."""
    for folder, _, files in os.walk(root):
        if Path(folder) == root:
            continue
        for name in files:
            if name.startswith("."):
                try:
                    os.unlink(os.path.join(folder, name))
                except OSError:
                    pass
