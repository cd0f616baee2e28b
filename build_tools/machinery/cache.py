"""A content-addressed cache directory for build outputs, correct by construction.

An output (a rendered page, the search index) is stored under a key that
is a hash of *everything it is made from*, so **an entry is never stale**.
Precisely, every key is a :func:`fingerprint` of:

- :func:`environment_digest`: the bytes of every file of the installed
  ``build_tools`` package (code, templates of the core, data files), the
  installed version of every installed distribution (:func:`distributions`:
  MkDocs, mkdocs-material, Markdown, Jinja2, PyYAML, pygal, numpy and
  whatever else is there, such as pypdf's optional decryption library) and
  the Python version.  Nothing else executes
  between a record file and an output byte, so a changed label in the core
  or an upgraded library gives new keys;
- the inputs of the one output: for a page, the configuration (mkdocs.yml
  and the values MkDocs resolved), every file of the theme overrides, the
  navigation, the other plugins' code and options, its view data and body;
  for the search index, every public record, its status and its
  attachments' bytes; for the load cache, the configuration and the
  record file's bytes (see the callers: ``page_keys.global_fingerprint``,
  ``page_keys.page_key``, ``search.search_key``, ``load_cache``).

The environment is read once per process, the first time a key needs it:
the code a process runs is the code it imported, so a file edited while a
build runs is seen by the next process, with new keys.

**An entry is never damaged when served.**  Each file holds a header (a
magic string, the lengths of its parts and a blake2b digest of the key and
the bytes) before the bytes; :meth:`ContentCache.get` and
:meth:`ContentCache.copy_to` check the length and the digest before use.  An
entry that is empty, cut, grown, bit-flipped, under another key's name or
unreadable is removed, counted as a miss (the output is made afresh and
stored again) and reported once per build and store in the log (INFO).

**A page is not written twice.**  A page just written into the site is
stored as a second name of the site's file (a hard link,
:meth:`ContentCache.put_linked`), named ``<key>.<digest>.<length>``: the
seal is in the name instead of before the bytes, so the entry is a
directory entry instead of a second copy of the bytes (about 0.03 ms
instead of 0.6–2 ms on ext4), and survives being archived and restored
(``actions/cache``) as any file does.  The digest is checked on every
read as for any entry, so a site file changed in place after the build
(which changes the entry too) is found damaged, discarded and rendered
again; so is a page a build would keep in place from the site before (a
build from the spare, ``mkdocs serve``): :meth:`ContentCache.kept_note`
reads it back against its entry first.  The site's writers never write through an existing file
(:func:`write_new` unlinks it first), so a later build does not damage
the entries of the site it starts from.  Where a link cannot be made
(another file system), and for a page with warnings (its note), the
entry is a sealed copy as before.

**Writes are durable and atomic**: a temporary file with a name unique to
the process and thread, flushed to the disk, then renamed over the entry
(and, for entries that stand alone, the directory fsynced), so a build
killed halfway or a power cut leaves the old entry, the new one, or a
miss.  Pages are written in batches (:meth:`ContentCache.batch`): a chunk's
temporary files, one ``syncfs`` of the cache's file system, then the
renames.  An fsync per page cost a 10,000-record build a third of its
rendering time on ext4 (each one flushes the site being written beside
it); the batch's flush costs little (docs/dev/performance.md).

**The directory may be shared by builds running at once.**  A read that
finds no entry (another build pruned it between a look and the read) is a
miss, never an error; :meth:`ContentCache.prune` removes only entries this
build did not use *and* that nobody wrote for :data:`PRUNE_GRACE` seconds,
so it never takes a temporary file or a fresh entry from a build still
running.  The directory holds about one site's worth of output.

The cache is an optimisation only: deleting the directory (or passing no
cache) gives the same bytes, only slower.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import shutil
import site
import stat
import struct
import sys
import sysconfig
import threading
import time
import types
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from ..publish_guard import MARKER as SITE_MARKER, os_error_reason

log = logging.getLogger("mkdocs.plugins.catalogue")

_KEY_BYTES = 20
_FOLDER_NAME = re.compile(r"[0-9a-f]{2}")
"""A cache's folder: the first two characters of its entries' keys."""
_ENTRY_NAME = re.compile(r"(?:\.tmp-\d+-\d+-)?[0-9a-f]{%d}(?:\.[0-9a-f]+\.\d+)?" % (2 * _KEY_BYTES))
"""An entry (the key), a linked one (key.digest.length) or a temporary file (:func:`_write_temporary`)."""
PRUNE_GRACE = 15 * 60.0
"""Seconds an unused entry or temporary file is left alone by :meth:`ContentCache.prune`:
longer than any build, so a concurrent build's fresh entries and writes are never pruned."""

_PACKAGE = Path(__file__).resolve().parent.parent
_MAGIC = b"CATC\x01\x00\x00\x00"
_HEADER = struct.Struct("<8sIQ16s")  # magic, note length, data length, digest
_DIGEST_BYTES = 16


def fingerprint(*parts: object) -> str:
    """A hex digest of ``parts`` (strings and bytes as they are, anything else by ``repr``).

    ``repr`` of the core's frozen dataclasses, tuples, strings, numbers and
    dates is deterministic, which is what a cache key needs; a part whose
    ``repr`` shows a memory address would make every key new (never stale).
    """
    h = hashlib.blake2b(digest_size=_KEY_BYTES)
    for part in parts:
        data = part if isinstance(part, bytes) else (part if isinstance(part, str) else repr(part)).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_digest(*roots: Path, suffixes: Iterable[str] | None = (".py",), recursive: bool = False,
                 skip: Collection[Path] | None = None) -> str:
    """A hash of the files under ``roots`` with these suffixes (names and bytes).

    ``suffixes=None`` takes every file (but compiled ``__pycache__`` files).
    The code or templates an output is made from: a change to any of them
    gives new keys.  A root that is a file is hashed as it is.  With ``skip``
    (resolved paths; :func:`local_code`), a flat root's files among them and its hidden files
    (``.DS_Store``, an editor's swap file, a cache's temporary files) are not hashed.
    """
    h = hashlib.blake2b(digest_size=16)
    wanted = set(suffixes) if suffixes is not None else None
    names = {p.name for p in skip} if skip is not None else set()
    for root in roots:
        root = Path(root)
        if root.is_file():
            paths = [root]
        elif root.is_dir():
            try:
                found = _walk(root) if recursive else (
                    p for p in root.iterdir() if skip is None or not (
                        p.name.startswith(".") or p.name in names and _real(p) in skip))
                paths = sorted(p for p in found if (wanted is None or p.suffix in wanted) and p.is_file()
                               and "__pycache__" not in p.relative_to(root).parts and p.suffix not in (".pyc", ".pyo"))
            except OSError:  # a folder that may be entered, not listed: no hook lists it either
                if skip is None:
                    raise
                h.update(b"\0unlisted\0")
                continue
        else:
            paths = []
        for path in paths:
            name = path.name if path == root else path.relative_to(root).as_posix()
            h.update(os.fsencode(name) + b"\0")  # a name from a Windows archive need not be UTF-8
            if skip is None:
                h.update(path.read_bytes())
            else:  # the office's files: read a piece at a time (a backup beside a hook), an unreadable one as such
                try:
                    with open(path, "rb") as f:
                        while chunk := f.read(1 << 20):
                            h.update(chunk)
                except OSError:
                    h.update(b"\0unreadable")
            h.update(b"\0")
    return h.hexdigest()


_NOTHING = hashlib.blake2b(digest_size=16).hexdigest()
""":func:`files_digest` of no file."""


def _walk(root: Path) -> Iterator[Path]:
    """Every file and folder below ``root``, through symbolic links to folders as Jinja and Python
    follow them (``theme/partials -> ../shared/partials``; ``Path.rglob`` does not enter them), each
    real folder once (a link back up is not a loop)."""
    seen = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            subfolders[:] = []
            continue
        seen.add(real)
        subfolders.sort()
        for name in subfolders + files:
            yield Path(folder, name)


def module_file(name: object) -> Path | None:
    """The source file of a module named as MkDocs names plugins' modules and Markdown extensions
    (``myext``, ``pkg.mod:Class``), None for anything else or a module not found."""
    if not isinstance(name, str):
        return None
    if name in _extension_entry_points():
        # Python-Markdown looks a name up among the installed extensions' entry points first
        # (an office's own extension installed with ``pip install -e`` may be named so).
        name = _extension_entry_points()[name]
    module_name = name.split(":", 1)[0]
    path = getattr(sys.modules.get(module_name), "__file__", None)
    if path is None:
        try:
            spec = importlib.util.find_spec(module_name)
        except (ImportError, ValueError):
            return None
        path = spec.origin if spec is not None else None
    return Path(path) if isinstance(path, str) and path.endswith(".py") else None


@functools.lru_cache(maxsize=1)
def _extension_entry_points() -> dict[str, str]:
    """Python-Markdown's extension names from installed distributions (``markdown.extensions``
    entry points): name → ``module:attribute``."""
    return {ep.name: ep.value for ep in importlib.metadata.entry_points(group="markdown.extensions")}


class Unprovable(Exception):
    """Why no key can be proven for the project's own code (:func:`local_code`), in plain words: the
    caches step aside for it."""


def local_code(files: Iterable[Path], *, top: Path | None = None, skip: Iterable[Path] = (),
               inputs: Iterable[Path] = (), watched: Iterable[Path] = ()) -> str:
    """A hash of :func:`local_code_parts`."""
    return fingerprint(*local_code_parts(files, top=top, skip=skip, inputs=inputs, watched=watched))


def importable_below(top: Path, skip: Iterable[Path] = (), depth: int = 3) -> list[Path]:
    """A ``.py`` file of each package and module in the project's folder ``top``, which its code can import (a
    package, a folder of modules, a module; not hidden, not a virtual environment or ``node_modules``, not
    what ``skip`` names: the docs, catalogue and site folders): :func:`~build_tools.machinery.cache.local_code_parts`
    hashes each one's folder.  A folder holding no ``.py`` of its own is looked into, ``depth`` folders down
    (``lib/office/filters.py``, which a hook imports with ``lib`` on its path, was in no key: a review)."""
    found: list[Path] = []
    skipped = {_real(p) for p in skip}
    try:
        entries = sorted(top.iterdir())
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith(".") or entry.name in ("node_modules", "__pycache__"):
            continue
        try:
            if entry.suffix == ".py" and entry.is_file():
                found.append(entry)
            elif entry.is_dir() and not (entry / "pyvenv.cfg").exists() and _real(entry) not in skipped:
                init = entry / "__init__.py"
                module = init if init.is_file() else next((p for p in sorted(entry.glob("*.py")) if p.is_file()), None)
                if module is not None:
                    found.append(module)
                elif depth > 1:
                    found += [p for p in importable_below(entry, skipped, depth - 1) if p.parent != entry]
        except OSError:
            continue  # unreadable: nothing the code can import either
    return found


def local_code_parts(files: Iterable[Path], *, top: Path | None = None, skip: Iterable[Path] = (),
                     inputs: Iterable[Path] = (), watched: Iterable[Path] = ()) -> list[tuple[str, ...]]:
    """The hash of the code beside each of ``files`` that is not installed (the standard library,
    site-packages and this package change with a version, in :func:`environment_digest`).

    Beside a file in a folder of its own (``hooks/``, or a folder of hooks shared by several sites):
    every file in that folder and in every folder below it, a template or word list a hook reads
    included (Python imports ``lib.text`` from a folder without ``__init__.py``).  Without ``top``
    (the project's folder, holding mkdocs.yml, unknown): the ``.py`` files of the folder and of the
    packages below it.  ``watched`` (MkDocs' ``watch:``, the files and folders an office says the
    build depends on): every file.  Hidden files and folders, ``__pycache__``, ``node_modules``,
    virtual environments, sites (:data:`~build_tools.publish_guard.MARKER`), installed code and
    ``skip`` (what builds write: the site, the cache's own entries) are not read, nor are ``inputs``
    (the docs and catalogue folders, whose files reach the pages through keys of their own) unless
    ``watch:`` names them or a folder holding them; a folder with nothing hashed counts for nothing (a
    new empty folder is no new key).

    Raises :class:`Unprovable` for a file in the project's own folder or above it, written or reached
    through a link (a hook there may read any file of the project: a build log, a report, a backup),
    and for code that changed since this process first hashed it (the process runs the module it
    imported, not the file: ``mkdocs serve`` loads a hook once).

    One part per folder, ``(folder, hash)`` or ``("watched", path, hash)``: the log can then say which
    folder changed when every page's key did (``page_keys``).
    """
    installed = _installed_roots()
    outputs = {_real(p) for p in skip}
    inputs = {_real(p) for p in inputs}
    skipped = outputs | inputs
    top = _real(top) if top is not None else None
    folders = set()
    for f in files:
        f = Path(f)
        real = _real(f)
        try:
            if not real.is_file() or _is_installed(real, installed):
                continue
        except OSError:
            continue
        # where it is, and where it is written; a module of a package from the package's top (officeext.ext
        # imports officeext/words.py, one folder up: found by a review as pages served stale)
        for folder in {_package_top(real.parent), _package_top(_real(f.absolute().parent))}:
            if top is not None and top.is_relative_to(folder):
                raise Unprovable(f"钩子、Markdown 扩展或它们导入的代码 {f.name} 放在 mkdocs.yml 所在的目录（或它的上级目录）中，"
                                 "它可能读取那里的任何文件，缓存无法确认页面没有变化。"
                                 "把它移到一个单独的目录（如 hooks/）即可重新使用缓存")
            folders.add(folder)
    parts = []
    every = top is not None
    for folder in sorted(folders):
        for code, py_only in _code_folders(folder, installed, skipped, every=every):
            digest = files_digest(code, suffixes=(".py",) if py_only or not every else None, skip=skipped)
            if digest != _NOTHING:
                parts.append((str(code), digest))
                # What the process imported is its .py files (a hook's data and its own log are read afresh)
                imported = files_digest(code, skip=skipped) if every and not py_only else digest
                if _FIRST_SEEN.setdefault(str(code), imported) != imported:
                    raise Unprovable(f"项目的代码（{code}）在本进程载入它之后改动过，正在运行的仍是改动前的代码。"
                                     "重新启动 mkdocs serve（或重新运行构建）即可")
    for path in sorted({_real(p) for p in watched}):
        if not os.path.lexists(path) or _is_installed(path, installed):
            continue
        watched_skip = outputs | {p for p in inputs if not p.is_relative_to(path)}  # what is named is read
        codes = _code_folders(path, installed, watched_skip, every=True) if path.is_dir() else [(path, False)]
        for code, py_only in codes:
            digest = files_digest(code, suffixes=(".py",) if py_only else None, skip=watched_skip)
            if digest != _NOTHING:
                parts.append(("watched", str(code), digest))
    return parts


def _package_top(folder: Path) -> Path:
    """The outermost package holding ``folder`` (``folder`` itself when it is no package's)."""
    while (folder / "__init__.py").is_file() and (folder.parent / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    return folder


_FIRST_SEEN: dict[str, str] = {}
"""The hash of each folder's ``.py`` files when this process first read it (:func:`local_code`)."""


def _real(path: Path) -> Path:
    """``path`` with its links followed, or as it is written when they loop (a damaged cache entry)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def _is_installed(path: Path, installed: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(root) for root in installed)


def is_installed(path: Path) -> bool:
    """Whether ``path`` is installed code (the standard library, site-packages, this package), which
    :func:`environment_digest` covers by version."""
    return _is_installed(_real(path), _installed_roots())


_ENTRY_FOLDER = re.compile("[0-9a-f]{2}")
"""A folder of a cache's entries (the first two hex digits of their keys)."""


def _code_folders(folder: Path, installed: tuple[Path, ...], skipped: set[Path] = frozenset(),
                  every: bool = False) -> list[tuple[Path, bool]]:
    """``folder`` and the packages below it, or with ``every`` every folder below it (not hidden, not
    installed, not a virtual environment, ``node_modules`` or a site, not in ``skipped``, not unreadable),
    each to be hashed flat, with whether only its ``.py`` files are: a cache's own folder (``search/``
    of a ``cache_dir`` that is a package of helpers) may hold helpers, never an entry ending in ``.py``."""
    found, todo, seen = [], [(folder, False)], set()
    while todo:
        current, py_only = todo.pop()
        real = _real(current)
        if real in seen:  # a link back up
            continue
        seen.add(real)
        found.append((current, py_only))
        try:
            subs = sorted(p for p in current.iterdir() if not p.name.startswith((".", "__"))
                          and p.name != "node_modules" and p.is_dir())
        except OSError:
            continue
        for sub in subs:
            resolved = _real(sub)
            cache_own = resolved in skipped and sub.name in NAMESPACES
            if (resolved in skipped and not cache_own) or (py_only and _ENTRY_FOLDER.fullmatch(sub.name)):
                continue
            try:
                if (every or (sub / "__init__.py").is_file()) and not (sub / "pyvenv.cfg").is_file() \
                        and not (sub / SITE_MARKER).exists() and not _is_installed(resolved, installed):
                    todo.append((sub, py_only or cache_own))
            except OSError:  # a folder this process may not read (lost+found): no hook reads it either
                continue
    return found


@functools.lru_cache(maxsize=1)
def _installed_roots() -> tuple[Path, ...]:
    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if paths.get(key)}
    roots.update(site.getsitepackages())
    roots.add(str(_PACKAGE))
    return tuple(Path(r).resolve() for r in roots)


def package_digest(package: Path = _PACKAGE) -> str:
    """A hash of every file of the ``build_tools`` package (code and data), compiled files aside."""
    return files_digest(package, suffixes=None, recursive=True)


def _normal(name: str) -> str:
    """A distribution's name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed() -> dict[str, importlib.metadata.Distribution]:
    """Every installed distribution by its normal name (the first found on the path, as imports find it)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(_normal(name), dist)
    return found


def distributions() -> list[str]:
    """The normal names of every installed distribution, sorted: all of them are in every key."""
    return [name for name, *_ in _versions()]


def _versions(tops: set[str] | None = None) -> tuple[tuple[str, str | None, str | None], ...]:
    """(normal name, version, hash of its list of installed files) of every installed distribution, sorted.

    Every one, not only the project's requirements and theirs: a library
    can change an output without being required (pypdf reads an encrypted
    PDF's text only where ``cryptography`` is installed; a library may use
    lxml where it finds it).  An installed or upgraded tool makes one
    build start cold; it never lets one serve what another library made.
    The list of installed files (``RECORD``, with each file's hash) changes
    with a library reinstalled at the same version from other sources (an
    office's fork of the theme with its templates changed: found by a review).
    ``tops`` is given the top-level modules the lists name.
    """
    out = []
    for name, dist in _installed().items():
        try:
            record = dist.read_text("RECORD")
        except (OSError, UnicodeDecodeError):
            record = None
        out.append((name, dist.version, fingerprint(record) if record is not None else None))
        if tops is not None and record:
            tops.update(_top_level(line) for line in record.splitlines())
            tops.update(_editable_tops(dist, record))
    return tuple(sorted(out, key=lambda v: (v[0], v[1] or "")))


def _editable_tops(dist: importlib.metadata.Distribution, record: str) -> set[str]:
    """The top-level modules an editable install (``pip install -e``) makes importable, which its ``RECORD``
    does not name (only a ``.pth`` file or setuptools' ``__editable___…_finder.py``): its ``top_level.txt``,
    the finder's ``MAPPING``, and each module of a folder its ``.pth`` file adds to the path.  A library so
    installed that a hook imports was in no key, and warm builds served what its old code made (a review)."""
    if ".pth," not in record and "__editable__" not in record:
        return set()
    tops: set[str] = set()
    try:
        tops.update(line.strip() for line in (dist.read_text("top_level.txt") or "").splitlines())
    except (OSError, UnicodeDecodeError):
        pass
    for line in record.splitlines():
        name = line.split(",", 1)[0]
        if not name.endswith((".pth", "_finder.py")) or "/" in name:
            continue
        try:
            text = Path(str(dist.locate_file(name))).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if name.endswith("_finder.py"):
            mapping = re.search(r"^MAPPING\s*(?::[^=\n]*)?=\s*(\{[^\n]*\})", text, re.M)
            tops.update(re.findall(r"""['"]([A-Za-z_][\w]*)['"]\s*:""", mapping.group(1)) if mapping else ())
            continue
        for entry in text.splitlines():  # a .pth file: folders added to the path (lines starting import run code)
            folder = Path(entry.strip())
            if entry.strip() and not entry.startswith(("#", "import ", "import\t")) and folder.is_dir():
                try:
                    tops.update(p.stem if p.suffix == ".py" else p.name for p in folder.iterdir()
                                if (p.suffix == ".py" and p.is_file()) or (p / "__init__.py").is_file())
                except OSError:
                    continue
    return {t for t in tops if t.isidentifier()}


def _top_level(line: str) -> str:
    """The top-level module a line of a ``RECORD`` installs (empty for metadata, scripts and data)."""
    top = line.split(",", 1)[0].split("/", 1)[0]
    if top.endswith(".py"):
        return top[:-3]
    return "" if "." in top or top in ("__pycache__", "") else top


_CUSTOMIZE = ("sitecustomize", "usercustomize")
"""Modules Python runs at start-up from anywhere on the path: they may change any library."""


def _imported_elsewhere(tops: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Each top-level module of an installed distribution that Python imports from outside the installed
    folders, with a hash of its files: a copy on ``PYTHONPATH`` (an office's patched pygal beside the
    project), an editable install, a folder a ``.pth`` file adds.  The distribution's version and file
    list still name the installed copy, so without this a changed copy served pages the old one made (an
    attack review).  And ``sitecustomize``/``usercustomize`` where they are the office's.  Found without
    importing anything (``find_spec`` of a top-level name looks along the path)."""
    out = []
    for top in sorted({t for t in tops if t and t != _PACKAGE.name} | set(_CUSTOMIZE)):
        try:
            spec = importlib.util.find_spec(top)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.origin or spec.origin in ("built-in", "frozen"):
            continue  # not there, or a namespace package (no files of its own to import)
        origin = Path(spec.origin)
        if is_installed(origin):
            continue
        root = origin.parent if spec.submodule_search_locations else origin
        try:
            out.append((top, str(root), files_digest(root, suffixes=None, recursive=True)))
        except OSError:
            out.append((top, str(root), "unreadable"))
    return tuple(out)


def _environment() -> object:
    """What every output depends on beyond its own inputs (see :func:`environment_digest`)."""
    tops: set[str] = set()
    versions = _versions(tops)
    return ("package", package_digest(), "versions", versions, "elsewhere", _imported_elsewhere(tops),
            "python", sys.version, sys.implementation.name)


@functools.cache
def environment_digest() -> str:
    """The one digest of the code that makes every output; part of every cache key.

    The bytes of every file of the ``build_tools`` package, the installed
    versions of :func:`distributions`, the files of those of their modules
    imported from elsewhere (:func:`_imported_elsewhere`) and the Python version.  Taken once
    per process (a few milliseconds; ``environment_digest.cache_clear()``
    takes it again).
    """
    return fingerprint(_environment())


def stable(value: object) -> object:
    """``value`` as nested tuples whose ``repr`` is the same in every process.

    For configuration objects holding sets (whose order depends on the hash
    seed), mappings or dataclasses; records and views need no conversion.
    Anything else that is not plain data is taken by its ``str`` (an object's
    default ``repr`` names its memory address, which would make every key new).
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple((f.name, stable(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((stable(v) for v in value), key=repr))
    if isinstance(value, Mapping):
        return tuple(sorted(((repr(k), stable(v)) for k, v in value.items()), key=lambda kv: kv[0]))
    if isinstance(value, (list, tuple)):
        return tuple(stable(v) for v in value)
    if value is None or isinstance(value, (str, bytes, int, float, bool)):
        return value
    if isinstance(value, functools.partial):  # pymdownx.slugs.slugify(case="lower"), Material's slugs
        return ("partial", stable(value.func), stable(value.args), stable(value.keywords))
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)) \
            and "<" not in getattr(value, "__qualname__", "<") and not hasattr(value, "__wrapped__"):
        # A function or class named in mkdocs.yml (``!!python/name:material.extensions.emoji.to_svg``,
        # Material's own emoji set-up): by its name, not its address, which made every key new and
        # the caches useless.  Installed code changes with its version (the environment); the
        # project's own module is hashed here (a review found one served stale).
        return ("named", value.__module__, value.__qualname__, _module_code(value.__module__))
    return str(value)


def callable_stable(value: object, depth: int = 0) -> object:
    """``value`` as :func:`stable` takes it, and a bound method by its class and name (Jinja's gettext), a lambda or
    nested function by its code and what it holds (a hook's ``env.filters["zh_date"] = lambda d: …``): by their
    ``str`` their memory addresses made every page's key new at every build (a review).  Jinja's filters with an
    async variant by the function they wrap."""
    if isinstance(value, types.MethodType):
        return "method", stable(type(value.__self__)), value.__func__.__qualname__
    value = getattr(value, "__wrapped__", value)
    if isinstance(value, types.FunctionType) and "<" in value.__qualname__ and depth < 3:
        held = tuple(callable_stable(_held(c), depth + 1) for c in value.__closure__ or ())
        code = value.__code__
        return "code", value.__module__, code.co_code, code.co_names, held, stable(value.__defaults__)
    return stable(value)


def _held(cell) -> object:
    try:
        return cell.cell_contents
    except ValueError:  # a name the function's scope binds later
        return None


def _module_code(name: str) -> str | None:
    """A hash of the file of the module ``name`` when it is not installed (the project's own), else None."""
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None)
    if not path or is_installed(Path(path)):
        return None
    try:
        return files_digest(Path(path))
    except OSError:
        return "unreadable"


# -- sealed entries ---------------------------------------------------------------


def _digest(key: str, note: bytes, *parts: bytes) -> bytes:
    """The digest of an entry whose bytes are ``parts`` joined."""
    h = hashlib.blake2b(digest_size=_DIGEST_BYTES)
    h.update(key.encode() + b"\0")
    h.update(len(note).to_bytes(4, "little") + sum(map(len, parts)).to_bytes(8, "little"))
    h.update(note)
    for part in parts:
        h.update(part)
    return h.digest()


def _header(key: str, note: bytes, parts: Sequence[bytes]) -> bytes:
    return _HEADER.pack(_MAGIC, len(note), sum(map(len, parts)), _digest(key, note, *parts))


def seal(key: str, data: bytes, note: bytes = b"") -> bytes:
    """``data`` (and a small ``note``) as an entry for ``key``: a header with lengths and digest, then the bytes."""
    return _header(key, note, (data,)) + note + data


def unseal(key: str, blob: bytes) -> tuple[bytes, bytes] | None:
    """``(note, data)`` of a sealed entry for ``key``, or None when it is not whole and unchanged."""
    if len(blob) < _HEADER.size:
        return None
    magic, note_len, data_len, digest = _HEADER.unpack_from(blob)
    if magic != _MAGIC or len(blob) != _HEADER.size + note_len + data_len:
        return None
    view = memoryview(blob)
    note = bytes(view[_HEADER.size:_HEADER.size + note_len])
    data = bytes(view[_HEADER.size + note_len:])
    if _digest(key, note, data) != digest:
        return None
    return note, data


def _linked_name(key: str, data: bytes) -> str:
    """The name of a linked entry (:meth:`ContentCache.put_linked`): the key, the digest, the length."""
    return f"{key}.{_digest(key, b'', data).hex()}.{len(data)}"


def read_regular(path: str | Path) -> bytes:
    """The bytes of the regular file at ``path``; ``OSError`` for anything else: a named pipe put in the
    cache's place would block the build for ever, holding the site's lock (found by a review)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "不是普通文件", str(path))
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return f.read()
    finally:
        if fd >= 0:
            os.close(fd)


def write_new(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a new file at ``path``, never through the file there (it is unlinked first);
    its folder is made if missing (a clean build's page folders are made as their pages are written).

    A site file may also be a cache entry (:meth:`ContentCache.put_linked`):
    writing through it would change that entry (found damaged when read,
    so only a loss of the entry, but a loss all the same).
    """
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    try:
        f = open(path, "wb")
    except FileNotFoundError:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        f = open(path, "wb")
    with f:
        f.write(data)


def write_durably(path: Path, *chunks: bytes) -> None:
    """Write ``chunks`` to ``path`` atomically: a temporary file unique to this
    process and thread, fsynced, renamed over ``path``; then the directory fsynced."""
    _store(path, chunks)
    _sync_dir(path.parent)


def _store(path: Path, chunks: Iterable[bytes]) -> None:
    """``chunks`` in a temporary file beside ``path``, fsynced, renamed over it."""
    tmp = _write_temporary(path, chunks, fsync=True)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_temporary(path: Path, chunks: Iterable[bytes], *, fsync: bool = False) -> Path:
    """``chunks`` in a temporary file beside ``path`` (unique to this process and thread); fsynced if asked."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{path.name}")
    try:
        with open(tmp, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            if fsync:
                f.flush()
                os.fsync(f.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def sync_file_system(folder: Path) -> None:
    """Flush everything written to the file system holding ``folder`` to the disk.

    Linux's ``syncfs`` on that file system (one call for a batch of files,
    instead of an fsync each); elsewhere ``os.sync`` (every file system).
    """
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        os.sync()
        return
    try:
        if _syncfs is None or _syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


def _find_syncfs():
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):  # pragma: no cover - not Linux with glibc or musl
        return None


_syncfs = _find_syncfs()


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - a platform that cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(fd)


_UNWRITABLE: set[str] = set()
"""The caches this process found it cannot write, each said once."""


def note_unwritable(where: Path, exc: OSError) -> None:
    """A cache that cannot be written (a full or read-only disk, no permission): the build goes on
    without storing into it, and says so once per process (INFO: the site is the same either way, so
    ``--strict`` does not fail on it)."""
    if str(where) in _UNWRITABLE:
        return
    _UNWRITABLE.add(str(where))
    log.info(f"无法写入缓存目录 {where}（{os_error_reason(exc)}），这次生成不再写入缓存，网站照常生成，内容不受影响。"
             "缓存只是加速：可以删除这个目录，或在 mkdocs.yml 中用 cache_dir 换一个位置。")


def _drop(pending: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files of a batch that is not stored."""
    for tmp, _ in pending:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


class Damage:
    """Reports damaged entries of one store once (INFO), however many there are."""

    def __init__(self, where: Path) -> None:
        self.where = where
        self.count = 0

    def found(self, path: Path, reason: str) -> None:
        """Note one damaged entry (already removed); the first is logged."""
        self.count += 1
        if self.count == 1:
            log.info(f"缓存目录 {self.where} 中的条目 {path.name} 已损坏（{reason}），已丢弃并重新生成；"
                     "缓存只是加速，网站内容不受影响。")


def discard(path: Path) -> None:
    """Remove a damaged entry, whatever it has become (a file, a link, a folder)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # another build removed or replaced it: either way it is not served


_CONFIRMED: dict[tuple[int, int], tuple[int, int, str, bytes]] = {}
"""(device, inode) of each page :meth:`ContentCache.kept_note` read whole → its change time, size, key and
note then: a ``mkdocs serve`` session reads each kept page once, not at every rebuild (a write through
the file changes its change time, which no tool can set back)."""


NAMESPACES = ("pages", "bodies", "search", "pdf-text", "attachment-numbers", "attachment-text")
"""The folders of :class:`ContentCache` under a cache directory: rendered pages, bodies converted once,
the search index's parts, PDF attachments' text, the numbers in Office attachments and their texts."""
LOAD_CACHE_FILES = ("validated.pickle", "validated-delta.pickle")
"""The load cache's files under a cache directory (:mod:`~build_tools.machinery.load_cache`)."""
KEY_PARTS_FILE = "page-key-parts.json"
"""What the last build's page keys were made from, a hash per part, under a cache directory: the log then
says what changed when every page is made again (``page_keys``)."""


def own_entries(root: Path) -> list[Path]:
    """What builds keep directly under the cache directory ``root`` (and nothing else there: a cache
    pointed at a folder of the office's code leaves that code a part of the keys, :func:`local_code`)."""
    return [Path(root) / name for name in NAMESPACES + LOAD_CACHE_FILES + (KEY_PARTS_FILE,)]


class ContentCache:
    """Sealed entries stored under their key in ``root/<namespace>/<k[:2]>/<k>`` (``namespace`` one of
    :data:`NAMESPACES`)."""

    def __init__(self, root: str | Path, namespace: str) -> None:
        if namespace not in NAMESPACES:
            raise ValueError(f"unknown cache namespace {namespace!r}: add it to NAMESPACES")
        self.dir = Path(root) / namespace
        self._pending: list[tuple[Path, Path]] | None = None  # in a batch: (temporary file, entry)
        self._used: set[str] = set()
        self._made: set[Path] = set()
        self._damage = Damage(self.dir)
        self._can_link = True  # until a link fails: then sealed copies (put)
        self._listed: dict[str, dict[str, str]] = {}  # folder → {key: name of its linked entry}
        self.writable = True
        """False once a write failed (a full disk …): nothing more is stored this build (note_unwritable)."""
        self.failure: OSError | None = None
        """The failed write, for a forked worker to hand back (:meth:`unwritable`): only the process that
        made this object says so, once, however many workers found it."""
        self._pid = os.getpid()

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives (whether or not it exists)."""
        return self.dir / key[:2] / key

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` is there; marks it as used by this build.

        Not a promise: the entry is checked when read, and may be found
        damaged or gone by then (another build pruned it): a miss.
        """
        self._used.add(key)
        # whatever is there is read and checked
        return os.path.lexists(self.path(key)) or key in self._linked_names(key[:2])

    def get_entry(self, key: str) -> tuple[bytes, bytes] | None:
        """``(note, bytes)`` stored under ``key`` once checked whole; None when missing or damaged."""
        self._used.add(key)
        path = self.path(key)
        try:
            blob = read_regular(path)
        except FileNotFoundError:
            return self._get_linked(key)  # never stored, pruned by another build, or a linked entry
        except OSError as exc:
            self._bad(path, f"无法读取：{exc.strerror or exc}")
            return self._get_linked(key)
        entry = unseal(key, blob)
        if entry is None:
            self._bad(path, "空文件" if not blob else "长度或校验值不符")
            return self._get_linked(key)
        return entry

    def _get_linked(self, key: str) -> tuple[bytes, bytes] | None:
        """``(b"", bytes)`` of the linked entry for ``key`` once checked against its name; None if none is whole."""
        name = self._linked_names(key[:2]).get(key)
        if name is None:
            return None
        path = self.dir / key[:2] / name
        try:
            data = read_regular(path)
        except FileNotFoundError:
            return None  # pruned by another build since the folder was listed: a miss
        except OSError as exc:
            self._bad(path, f"无法读取：{exc.strerror or exc}")
            return None
        if _linked_name(key, data) != name:
            self._bad(path, "空文件" if not data else "长度或校验值不符")
            return None
        return b"", data

    def _linked_names(self, folder: str) -> dict[str, str]:
        """``{key: name}`` of the linked entries in one folder, listed once per cache object (per build)."""
        names = self._listed.get(folder)
        if names is None:
            try:
                found = os.listdir(self.dir / folder)
            except OSError:
                found = []
            names = self._listed[folder] = {n.split(".", 1)[0]: n for n in found
                                            if not n.startswith(".") and n.count(".") == 2}
        return names

    def kept_note(self, key: str, path: str | Path) -> bytes | None:
        """The note (a page's warnings, empty if none) of the entry for ``key`` when the file at ``path``
        (a page kept in the site from the build before) holds that entry's bytes; None when it does not,
        and when there is no entry to compare with: the manifest's size and time do not vouch for the bytes
        (a page altered in the spare, its size and time kept, was published for good once the cache was
        deleted: found by a review), so the page is made again.

        A kept page is often the very file of its linked entry (one inode, two names): bit rot in it,
        size and time unchanged, would be published unread.  Its bytes are checked against the
        entry's name (a linked entry holds no note: a page with warnings is stored sealed); a sealed
        entry's are compared, and its note, which the build shows again as a clean build would, is read
        with them.  A damaged entry is discarded, and None sends the page to be made again (found by an
        attack review).
        """
        self._used.add(key)
        name = self._linked_names(key[:2]).get(key)
        try:
            here = os.stat(path)
            seen = (here.st_dev, here.st_ino)
            known = _CONFIRMED.get(seen)
            if known is not None and known[:3] == (here.st_ctime_ns, here.st_size, key):
                return known[3]  # checked by an earlier build of this process (mkdocs serve), unchanged since
            if name is not None:
                entry = self.dir / key[:2] / name
                there = os.stat(entry)
                if seen == (there.st_dev, there.st_ino):
                    if _linked_name(key, read_regular(path)) != name:
                        self._bad(entry, "长度或校验值不符")
                        return None
                    _CONFIRMED[seen] = (here.st_ctime_ns, here.st_size, key, b"")
                    return b""
            stored = self.get_entry(key)
            if stored is None or read_regular(path) != stored[1]:
                return None
            _CONFIRMED[seen] = (here.st_ctime_ns, here.st_size, key, stored[0])
            return stored[0]
        except OSError:
            return None

    def get(self, key: str) -> bytes | None:
        """The stored bytes once checked whole, or None (missing or damaged)."""
        entry = self.get_entry(key)
        return entry[1] if entry is not None else None

    def put(self, key: str, data: bytes, note: bytes = b"", *, durable: bool = False) -> Path:
        """Store ``data`` (and a small ``note``) under ``key`` atomically; returns the entry's path.

        The file reaches the disk before it is renamed into place: fsynced,
        or inside :meth:`batch` with the rest of the batch.  With
        ``durable`` (an entry that stands alone, such as the search index)
        it is fsynced and its directory after the rename, batch or not; a
        page whose rename is lost in a power cut is only a miss.
        """
        return self.put_parts(key, (data,), note, durable=durable)

    def put_parts(self, key: str, parts: Sequence[bytes], note: bytes = b"", *, durable: bool = False) -> Path:
        """:meth:`put` of the bytes ``parts`` make, joined on the disk only (an entry as large as the
        search index is not held twice, once in parts and once whole)."""
        if not self.writable:
            return self.path(key)
        try:
            dest = self._entry_path(key)
            chunks = (_header(key, note, parts), note, *parts)
            if durable:
                write_durably(dest, *chunks)
            elif self._pending is not None:
                self._pending.append((_write_temporary(dest, chunks), dest))
            else:
                _store(dest, chunks)
        except OSError as exc:
            self.unwritable(exc)
        return self.path(key)

    def unwritable(self, exc: OSError) -> None:
        """Store nothing more this build: a write failed here, or in a worker forked from this process."""
        self.writable = False
        self.failure = exc
        if os.getpid() == self._pid:
            note_unwritable(self.dir.parent, exc)  # the cache directory: said once for all its stores

    def put_linked(self, key: str, source: Path, data: bytes, note: bytes = b"") -> Path:
        """Store ``data`` under ``key`` as a hard link to ``source``, a file holding exactly ``data``.

        For a page just written into the site: no second copy of its bytes.
        The entry's name holds its digest and length (:func:`_linked_name`),
        checked on every read as for any entry (a site file changed in place
        later is a damaged entry, never served).  Atomic like :meth:`put`
        (a temporary link renamed into place; in a :meth:`batch`, after its
        flush, which covers ``source``: a link needs one file system).  With
        a ``note``, or where a link cannot be made, a sealed copy (:meth:`put`).
        """
        if not self.writable:
            return self.path(key)
        if self._can_link and not note:
            try:
                return self._link(key, Path(source), data)
            except (OSError, AttributeError, NotImplementedError):  # another file system; no hard links
                self._can_link = False
        return self.put(key, data, note)  # a full disk … is noted there

    def _link(self, key: str, source: Path, data: bytes) -> Path:
        dest = self._entry_path(key).with_name(_linked_name(key, data))
        if dest.is_dir() and not dest.is_symlink():  # a damaged entry that became a folder
            discard(dest)
        tmp = dest.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{key}")
        try:
            os.link(source, tmp)
        except FileExistsError:  # left by a process killed with this one's id
            tmp.unlink()
            os.link(source, tmp)
        try:
            if self._pending is not None:
                self._pending.append((tmp, dest))
                return dest
            fd = os.open(source, os.O_RDONLY)  # on the disk before it is renamed into place, as put does
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return dest

    def linked_files(self) -> frozenset[tuple[int, int]]:
        """``(device, inode)`` of every linked entry (:meth:`put_linked`) that has no third name.

        Such a file has two names: one in a site, one here.  Writing
        through it could change nothing but this cache's entry (which is
        then found damaged), so a spare site holding it may be used
        (publish_fs.take_spare).
        """
        found = set()
        try:
            folders = list(os.scandir(self.dir))
        except OSError:
            return frozenset()
        for folder in folders:
            try:
                entries = list(os.scandir(folder.path)) if folder.is_dir(follow_symlinks=False) else []
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.name.count(".") != 2:
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode) and st.st_nlink == 2:
                    found.add((st.st_dev, st.st_ino))
        return frozenset(found)

    def _entry_path(self, key: str) -> Path:
        """The entry's path, its folder made (once per folder) and a damaged entry that became a folder removed."""
        self._used.add(key)
        dest = self.path(key)
        if dest.parent not in self._made:  # one mkdir per folder, not per entry
            dest.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(dest.parent)
        if dest.is_dir() and not dest.is_symlink():  # a damaged entry that became a folder
            discard(dest)
        return dest

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Entries put inside are renamed into place together when it ends, after one flush to the disk.

        Until then they are temporary files: a reader finds the old entry or
        none.  If the block raises, nothing put inside is stored and no
        temporary file is left.
        """
        if self._pending is not None:  # already in a batch: stored at its end
            yield
            return
        self._pending = pending = []
        try:
            try:
                yield
            except BaseException:
                _drop(pending)
                raise
            try:  # storing the batch: a failure here only stops the caching
                if pending:
                    sync_file_system(self.dir)
                while pending:
                    os.replace(*pending[-1])
                    pending.pop()
            except OSError as exc:
                _drop(pending)
                self.unwritable(exc)
        finally:
            self._pending = None

    def copy_to(self, key: str, dest: str | Path) -> bytes | None:
        """Write the bytes stored under ``key`` to ``dest`` once checked; returns the entry's note.

        None when the entry is missing or damaged: nothing is written, and
        the caller makes the output afresh.  A copy, never a link: the site
        may be edited.  A file at ``dest`` is replaced, never written through
        (:func:`write_new`, which makes its folder if missing).
        """
        entry = self.get_entry(key)
        if entry is None:
            return None
        note, data = entry
        write_new(dest, data)
        return note

    @property
    def found_damaged(self) -> bool:
        """Whether this build found a damaged entry (and discarded it)."""
        return self._damage.count > 0

    def mark_used(self, keys: Iterable[str]) -> None:
        """Keep ``keys`` at the next :meth:`prune` (entries written by worker processes)."""
        self._used.update(keys)

    def prune(self, grace: float = PRUNE_GRACE) -> int:
        """Delete every entry this build did not use and nobody wrote for ``grace`` seconds.

        Entries and temporary files younger than that may belong to a build
        running beside this one; they are left for a later prune.  Only what
        is named as this cache names its folders and entries is ever deleted:
        a ``cache_dir`` pointed by mistake at a folder holding other files
        loses none of them.  Returns how many were deleted.
        """
        removed = 0
        cutoff = time.time() - grace
        try:
            subs = sorted(sub for sub in self.dir.iterdir() if _FOLDER_NAME.fullmatch(sub.name))
        except OSError:
            return 0
        for sub in subs:
            try:
                entries = list(sub.iterdir()) if sub.is_dir() and not sub.is_symlink() else []
            except OSError:
                continue
            for entry in entries:
                if not _ENTRY_NAME.fullmatch(entry.name):
                    continue  # not ours
                if entry.name.split(".", 1)[0] in self._used:  # a sealed entry, or a linked one (key.digest.length)
                    continue
                try:
                    if entry.lstat().st_mtime > cutoff:
                        continue
                except OSError:
                    continue  # gone already
                discard(entry)
                removed += 1
        return removed

    def _bad(self, path: Path, reason: str) -> None:
        discard(path)
        self._damage.found(path, reason)


def say_what_changed(where: Path, parts: Sequence[tuple[str, object]]) -> None:
    """Log what changed since the build that last used this cache directory, when something every page
    depends on did (an upgrade, a theme file, a hook's folder that the hook writes its log into: every
    page is then made again, and an office should know why); remember this build's parts there."""
    now: dict[str, str] = {}
    for label, part in parts:
        if label and not ADDRESS.search(repr(part)):  # a memory address changes at every run: said above
            now[label] = fingerprint(now.get(label, ""), part)
    try:
        before = json.loads(where.read_bytes())
    except (OSError, ValueError):
        before = None
    if isinstance(before, dict) and before != now:
        changed = [label for label in now if before.get(label) != now[label]]
        changed += [label for label in before if label not in now]
        if changed:
            log.info(f"所有页面重新生成：自上次构建以来，{'；'.join(changed[:6])}"
                     f"{f' 等 {len(changed)} 项' if len(changed) > 6 else ''}有变化。")
    if before != now:
        try:
            write_durably(where, json.dumps(now, ensure_ascii=False, indent=0).encode())
        except OSError:  # a read-only or full cache directory: only this explanation is lost
            pass


ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
"""A memory address in an object's ``repr``: a value that changes at every run."""
