"""Each record file's history, read from the catalogue's Git history once per build.

A record page lists when it went on the site and its later revisions
(:mod:`build_tools.views.history` decides what a reader may see).  The facts
come from Git, in a constant number of ``git`` calls for the whole catalogue,
never one per record (a process per file costs about 2 ms: 20 seconds for
10,000 records; see benchmarks/bench_history.py and docs/dev/performance.md):

1. ``git rev-parse``: is the catalogue in a work tree, and is the clone
   shallow?  A shallow clone (CI's default ``fetch-depth: 1``) knows one
   commit: every record would look first published on the day of the build.
   Then, as outside Git or without git installed, there is no history at
   all, said once in the build output (:attr:`History.summary`), never an
   error: a site can be built from a plain copy of the catalogue.
2. ``git log --name-status -z``: every commit that touched a file of the
   catalogue, with each file's status.  ``-z`` gives raw bytes (file names
   in Chinese are never quoted or escaped, whatever ``core.quotepath``
   says); ``-M`` reports renames, which are followed back in the same pass
   (``--follow`` works for one file only).
3. ``git log -p -G'^(change_note|修订说明|disclosure|公开方式) *:'``: only
   the commits and files whose ``change_note`` or ``disclosure`` line
   changed, with those lines: the note each commit set, and when a record
   became 主动公开 (what came before is not public history), without
   reading every version of every file.

Merges: ``--first-parent`` with ``--diff-merges=first-parent``.  The site
is built from the main branch, so a record changed on a side branch changed
on the site when that branch was merged: the merge commit, with its date,
is the revision, and the side branch's own commits are not listed.

Dates are committer dates (when a commit was made or rebased onto the
branch, not when its author first wrote it) in China time (UTC+8).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .clock import CHINA
from .model.fields import FIELDS_BY_KEY, Disclosure

SHORT = 12
"""Hex digits of a commit id kept (``git log --abbrev=12`` length)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that changed a record's file (its content, not only its name)."""

    when: dt.datetime
    """The commit's committer date, in China time (UTC+8)."""
    commit: str
    """The commit id, shortened to :data:`SHORT` hex digits."""
    note: str | None = None
    """The ``change_note`` this commit set (the text it wrote), or None if it did not set one."""
    public: bool | None = None
    """What this commit did to ``disclosure``: True (now 主动公开), False (now another mode), None (unchanged)."""


@dataclass(frozen=True, slots=True)
class History:
    """The history of every file of the catalogue, or why there is none."""

    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    """By file path relative to the catalogue root (as :attr:`Record.source`), oldest first."""
    reason: str = ""
    """Why there is no history (not in Git, git missing, shallow clone); empty when read from Git."""
    commits: int = 0
    """Commits that touched the catalogue."""
    seconds: float = 0.0

    @property
    def available(self) -> bool:
        return not self.reason

    def of(self, source: str) -> tuple[Change, ...]:
        """A file's changes, oldest first (none for a file Git does not track)."""
        return self.changes.get(source, ())

    @property
    def summary(self) -> str:
        """One sentence for the build output."""
        if self.reason:
            return f"记录页面不显示修订记录：{self.reason}"
        return f"修订记录取自 Git：{self.commits} 次提交涉及 {len(self.changes)} 个文件（{self.seconds:.1f} 秒）。"


def no_history(reason: str) -> History:
    return History(reason=reason)


def read_history(catalogue_dir: Path, git: str | None = None) -> History:
    """The history of every file under ``catalogue_dir``, in three ``git`` calls.

    ``git`` is the program to run (default: ``git`` on PATH).  Never raises
    for a missing program, a directory outside a repository or a shallow
    clone: the result then has a :attr:`~History.reason`.
    """
    started = time.monotonic()
    git = git or shutil.which("git")
    if git is None:
        return no_history("找不到 git 命令（未安装 Git）。")
    if not Path(catalogue_dir).is_dir():
        return no_history(f"目录 {catalogue_dir} 不存在。")
    probe = _run(git, catalogue_dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
    if probe is None or probe.split() != [b"true", b"false"]:
        if probe is not None and probe.split()[-1:] == [b"true"]:
            return no_history("仓库是浅克隆（shallow clone），没有完整的提交历史；"
                              "GitHub Actions 的 checkout 步骤需要 fetch-depth: 0。")
        return no_history(f"目录 {catalogue_dir} 不在 Git 仓库中。")
    names = _run(git, catalogue_dir, "log", "--name-status", "-z", "--format=%x1e%H%x1f%ct", *_LOG, "--", ".")
    if names is None:
        return no_history("读取 Git 提交历史失败。")
    commits = _parse_name_status(names)
    changes = _follow(commits)
    patches = _run(git, catalogue_dir, "log", "-p", "-U0", "--format=%x1e%H", "-G", _KEYS_PATTERN, *_LOG, "--", ".")
    if patches is None:
        return no_history("读取 Git 提交历史失败。")
    extras = _parse_key_lines(patches)
    result = {}
    for final, found in changes.items():
        result[final] = tuple(
            Change(dt.datetime.fromtimestamp(ct, CHINA), sha[:SHORT], *extras.get((sha, path), (None, None)))
            for sha, ct, path in reversed(found))
    return History(result, commits=len(commits), seconds=time.monotonic() - started)


# -- git -------------------------------------------------------------------------

_LOG = ("--first-parent", "--diff-merges=first-parent", "-M", "--relative", "--no-color", "--no-ext-diff",
        "--no-textconv", "--no-mailmap", "--no-show-signature")
"""The same walk for both passes: the main line of the branch, renames found, paths relative to the catalogue."""

_KEY_NAMES = {key: (key, FIELDS_BY_KEY[key].alias) for key in ("change_note", "disclosure")}
_KEYS_PATTERN = "^(" + "|".join(n for names in _KEY_NAMES.values() for n in names) + ")[ \t]*:"
_KEY_LINE = re.compile(_KEYS_PATTERN)


def _run(git: str, cwd: Path, *args: str) -> bytes | None:
    """Stdout of one git command, or None if it failed (not a repository, an unsafe directory …)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        done = subprocess.run([git, "-c", "core.quotepath=off", "-c", "diff.renameLimit=100000", *args],
                              cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


Commit = tuple[str, int, list[tuple[str, tuple[str, ...]]]]
"""(commit id, committer time, [(status, paths)]): newest first, as git lists them."""


def _parse_name_status(out: bytes) -> list[Commit]:
    """Parse ``--name-status -z`` output: a header token per commit, then (status, path[, path]) tokens."""
    commits: list[Commit] = []
    tokens = out.split(b"\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")  # git puts a newline between the header and the file list
        i += 1
        if not token:
            continue
        if token.startswith(b"\x1e"):
            sha, ct = token[1:].split(b"\x1f")
            commits.append((sha.decode("ascii"), int(ct), []))
            continue
        status = token.decode("ascii")
        n = 2 if status[0] in "RC" else 1
        paths = tuple(os.fsdecode(p) for p in tokens[i:i + n])
        i += n
        commits[-1][2].append((status, paths))
    return commits


def _follow(commits: list[Commit]) -> dict[str, list[tuple[str, int, str]]]:
    """Each file's changes under its name today, newest first: (commit, time, name in that commit).

    Walks from the newest commit back, keeping what each name was then
    called now (``alias``; None: that name then held no file of today,
    because it was deleted or added later).  A pure rename (100% similar)
    changes nothing a reader sees and is no revision; a history starts at
    the file's latest addition (a file deleted and added again starts anew).
    """
    alias: dict[str, str | None] = {}
    changes: dict[str, list[tuple[str, int, str]]] = {}
    for sha, ct, entries in commits:
        for status, paths in entries:
            name = paths[-1]
            if status[0] == "D":
                alias[name] = None
                continue
            final = alias.get(name, name)
            if final is not None and status != "R100":
                changes.setdefault(final, []).append((sha, ct, name))
            if status[0] in "ARC":  # before this commit no file had this name
                alias[name] = None
            if status[0] == "R":
                alias[paths[0]] = final
    return changes


def _parse_key_lines(out: bytes) -> dict[tuple[str, str], tuple[str | None, bool | None]]:
    """(commit, file) → (the change_note it set, what it did to disclosure), from ``-p -G`` output."""
    found: dict[tuple[str, str], tuple[str | None, bool | None]] = {}
    sha = path = None
    in_header = False
    note = disclosure = None
    removed = False

    def flush():
        if sha and path:
            public = (Disclosure.lookup(disclosure) is Disclosure.PROACTIVE if disclosure is not None
                      else True if removed else None)
            if note is not None or public is not None:
                found[(sha, path)] = (note, public)

    for raw in out.split(b"\n"):
        if raw.startswith(b"\x1e"):
            flush()
            sha, path, note, disclosure, removed = raw[1:].decode("ascii").strip(), None, None, None, False
        elif raw.startswith(b"diff --git "):
            flush()
            path, note, disclosure, removed, in_header = None, None, None, False, True
        elif in_header:
            if raw.startswith(b"+++ "):
                target = _unquote(raw[4:])
                path = target[2:] if target.startswith("b/") else None  # /dev/null: deleted
            elif raw.startswith(b"@@"):
                in_header = False
        elif raw[:1] in (b"+", b"-"):
            line = raw[1:].decode("utf-8", "replace")
            m = _KEY_LINE.match(line)
            if not m:
                continue
            key = "change_note" if m.group(1) in _KEY_NAMES["change_note"] else "disclosure"
            if raw[:1] == b"+":
                value = _value(line)
                if key == "change_note":
                    note = value or None
                else:
                    disclosure = value
            elif key == "disclosure":
                removed = True
    flush()
    return found


def _value(line: str) -> str:
    """The value of a ``key: value`` YAML line, as text."""
    try:
        parsed = yaml.safe_load(line)
    except yaml.YAMLError:
        parsed = None
    if isinstance(parsed, dict) and len(parsed) == 1:
        value = next(iter(parsed.values()))
        return "" if value is None else str(value).strip()
    return line.split(":", 1)[1].strip().strip("'\"")


_ESCAPES = {b"n": b"\n", b"t": b"\t", b'"': b'"', b"\\": b"\\", b"a": b"\a", b"b": b"\b",
            b"f": b"\f", b"r": b"\r", b"v": b"\v"}


def _unquote(name: bytes) -> str:
    """A path of a patch header: git C-quotes one with a quote, a backslash or a control character."""
    if not name.startswith(b'"'):
        return os.fsdecode(name)
    body, out, i = name[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i:i + 1]
        if c == b"\\":
            nxt = body[i + 1:i + 2]
            if nxt.isdigit():
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += c
        i += 1
    return os.fsdecode(bytes(out))
