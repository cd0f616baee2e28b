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
3. ``git log -p -G'^(change_note|修订说明|disclosure|公开方式|索引号 …) *:'``: only
   the commits and files whose ``change_note``, ``disclosure``, 发布日期 or
   索引号 line changed, with those lines: the note each commit set, when a
   record became 主动公开 (what came before is not public history), and the
   numbers, and so the addresses, its page had, without reading every version
   of every file.

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
import tempfile
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import yaml

from .clock import CHINA
from .model.fields import FIELDS_BY_KEY, FIELDS_BY_NAME, Disclosure
from .model.values import INVISIBLE_NAMES, clean_code, in_hidden_file
from .source import Scalar, read_source

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
    published: str | None = None
    """The 发布日期 this commit wrote (as written), ``""`` if it removed the line, None if unchanged."""
    withheld: bool = False
    """This commit's text of the file kept the record off the site by something its changed lines do not
    show (a 附注 such as （此件不予公开）, a disclosure line YAML read as text): read whole (``judge``)."""
    index_no: str | None = None
    """The 索引号 this commit wrote (full-width characters and invisible ones read as the loader reads
    them), or None if unchanged: a record page's address follows its number."""
    title: str | None = None
    """This version's title, read where its number changed (this version and the one before): a number that
    changed with the title is another document's, not a correction."""


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
    head: tuple[str, str] | None = None
    """The commit it was read at and the catalogue directory: the same two, the same history."""
    numbers: frozenset[str] = frozenset()
    """Every 索引号 a version of any file wrote, deleted files' too: numbers never to give a new record."""

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


def _change(sha: str, ct: int, path: str, found: dict, titles: Mapping[tuple[str, str], str]) -> Change:
    """A commit's change of a file, from what its key lines said; a version in a hidden file (``.neibu/``) kept
    its record off the site whatever it said (a note written while a record waited there for review was
    published with the record, and its first day on the site put months early: a review)."""
    note, public, published, withheld, number = found.get((sha, path), (None, None, None, False, None))
    return Change(dt.datetime.fromtimestamp(ct, CHINA), sha[:SHORT], note, public, published,
                  withheld or in_hidden_file(path), number, titles.get((sha, path)))


def no_history(reason: str) -> History:
    return History(reason=reason)


def read_history(catalogue_dir: Path, git: str | None = None, previous: History | None = None,
                 judge: Callable[[bytes, str], bool] | None = None) -> History:
    """The history of every record file under ``catalogue_dir``, in three ``git`` calls.

    ``git`` is the program to run (default: ``git`` on PATH).  Never raises
    for a missing program, a directory outside a repository or a shallow
    clone: the result then has a :attr:`~History.reason`.  ``previous`` (the
    last build's, ``mkdocs serve``) is handed back when the branch has not
    moved: the history depends on the commits only, never on unsaved edits.

    ``judge(text, path)``: whether a version of a record file keeps the record off the site, read whole as
    the loader reads it.  The changed key lines alone were trusted: a ``公开方式: 主动公开`` line inside a
    quoted 内容概述 made a withdrawn version public, and a 附注 （此件不予公开） was not seen, and the notes
    written while the record was withheld were shown (found by a review).  Each version that sets a note or
    makes the record public is read (one ``git cat-file`` for all).
    """
    started = time.monotonic()
    git = git or shutil.which("git")
    if git is None:
        return no_history("找不到 git 命令（未安装 Git）。")
    if not Path(catalogue_dir).is_dir():
        return no_history(f"目录 {catalogue_dir} 不存在。")
    try:
        probe = subprocess.run([git, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "HEAD"],
                               cwd=catalogue_dir, env=_env(), stdin=subprocess.DEVNULL, capture_output=True)
    except OSError:
        return no_history("无法运行 git 命令。")
    answers = probe.stdout.split() if probe.returncode == 0 else []
    if b"safe.directory" in probe.stderr:
        return no_history(f"Git 拒绝读取仓库：目录 {catalogue_dir} 属于另一个系统用户"
                          "（可用 git config --global --add safe.directory 目录 声明它可信）。")
    if answers[:2] == [b"true", b"true"]:
        return no_history("仓库是浅克隆（shallow clone），没有完整的提交历史；"
                          "GitHub Actions 的 checkout 步骤需要 fetch-depth: 0。")
    if len(answers) != 3 or answers[:2] != [b"true", b"false"]:  # (HEAD fails in a repository with no commit)
        return no_history(f"目录 {catalogue_dir} 不在 Git 仓库中，或仓库还没有提交。")
    head = (answers[2].decode("ascii"), str(Path(catalogue_dir).resolve()))
    if previous is not None and previous.head == head:
        return previous
    # The two walks run side by side (two processes): the patch walk is the longer.
    patches = _start(git, catalogue_dir, "log", "-p", "-U0", "--format=%x1e%H", "-G", _KEYS_PATTERN, *_LOG)
    names = _run(git, catalogue_dir, "log", "--name-status", "-z", "--format=%x1e%H%x1f%ct", *_LOG)
    extras = _finish(patches)
    if names is None or extras is None:
        return no_history("读取 Git 提交历史失败。")
    commits = _parse_name_status(names)
    changes = _follow(commits)
    found = _parse_key_lines(extras)
    _block_notes(git, catalogue_dir, found)
    if judge is not None:
        _judge_versions(git, catalogue_dir, found, judge)
    titles = _verify_numbers(git, catalogue_dir, found, changes, judge)
    result = {}
    for final, seen in changes.items():
        result[final] = tuple(_change(sha, ct, path, found, titles) for sha, ct, path in reversed(seen))
    return History(result, commits=len(commits), seconds=time.monotonic() - started, head=head,
                   numbers=frozenset(entry[4] for entry in found.values() if entry[4]))


# -- git -------------------------------------------------------------------------

_LOG = ("--first-parent", "--diff-merges=first-parent", "-M", "--relative", "--no-color", "--no-ext-diff",
        "--no-textconv", "--no-mailmap", "--no-show-signature", "--root", "--src-prefix=a/", "--dst-prefix=b/",
        "--", ".")
"""The same walk for both: the main line of the branch, renames found, paths relative to the
catalogue, whatever the user's Git configuration says (``diff.noprefix``, ``diff.mnemonicPrefix`` and
``log.showRoot = false`` had dropped every record's history, or the first commit's: a review).  (A pathspec
``*.md`` would leave attachments out, but costs 40 % more: git then matches every changed path against it.)"""

_KEY_NAMES = {key: (key, FIELDS_BY_KEY[key].alias) for key in ("change_note", "disclosure", "published", "index_no")}
_READ_WHOLE = {key: (key, FIELDS_BY_KEY[key].alias) for key in ("index_no", "title")}
"""The keys read from a whole version's front matter where its number changed (:func:`_front_matter`)."""


def _wide(name: str) -> str:
    """``name`` in full-width letters (ｄｉｓｃｌｏｓｕｒｅ), as a Chinese input method types it."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)


def _invisible_bytes() -> list[str]:
    """The invisible format characters (zero-width space, soft hyphen, BOM …) as byte patterns for git,
    which reads the pattern byte by byte (LC_ALL=C): one bracket of last bytes per leading bytes, as
    fast as the words alone (alternatives of whole characters cost git a sixth more at 10,000 records).
    Each byte is kept as :func:`os.fsdecode` keeps it, so the argument reaches git as these bytes."""
    characters = sorted(c for c in INVISIBLE_NAMES if unicodedata.category(c) == "Cf")
    by_lead: dict[bytes, list[int]] = {}
    for c in characters:
        encoded = c.encode("utf-8")
        by_lead.setdefault(encoded[:-1], []).append(encoded[-1])
    try:
        return [os.fsdecode(lead + b"[" + bytes(last) + b"]") for lead, last in sorted(by_lead.items())]
    except UnicodeDecodeError:  # Windows: arguments are text, not bytes; the characters themselves
        return characters


_KEYS_PATTERN = "(" + "|".join([*sorted({
    *(n for names in _KEY_NAMES.values() for n in names), *(_wide(n) for names in _KEY_NAMES.values() for n in names),
    *(w for d in Disclosure for w in (d.value, d.label, *d.aliases)), "依申請", "不予公開", "主動公開"}),
    *_invisible_bytes()]) + ")"
"""What git's ``-G`` looks for in a changed line, anywhere in it: a key's name, or a word of a
disclosure value (``依申请公开``, ``withheld`` …).  A disclosure line is found by its value too, so a
key written as the loader reads it but not as this pattern spells it (an invisible character inside,
letters of both widths) is still seen, and a line with an invisible format character (a zero-width
space, a soft hyphen: key and value both pasted from Word) is looked at whatever its words; each line is then read as the loader reads its key (:func:`_key_of`)."""


def _key_of(written: str, names: Mapping[str, tuple[str, str]] | None = None) -> str | None:
    """The field a front-matter line's key names (``change_note``, ``disclosure``, ``published``), read
    as the loader reads it (validate._resolve_keys: invisible characters dropped, full-width letters and
    spaces made ASCII, then stripped), or None for any other key."""
    written = written.strip("\"'")
    f = FIELDS_BY_NAME.get(written) or FIELDS_BY_NAME.get(clean_code(written.strip().strip("\"'")).text.strip())
    return f.key if f is not None and f.key in (_KEY_NAMES if names is None else names) else None


def _env() -> dict[str, str]:
    """Git's environment: never a prompt or a pager; messages in English (only the exit code is read)."""
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}


def _start(git: str, cwd: Path, *args: str) -> tuple[subprocess.Popen, IO[bytes]] | None:
    """Start one git command writing to a temporary file (a pipe left unread would stop it), or None."""
    out = tempfile.TemporaryFile()
    try:
        return subprocess.Popen([git, "-c", "core.quotepath=off", "-c", "diff.renameLimit=100000", *args],
                                cwd=cwd, env=_env(), stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.DEVNULL), out
    except OSError:
        out.close()
        return None


def _finish(started: tuple[subprocess.Popen, IO[bytes]] | None) -> bytes | None:
    """Its output, or None if it failed (not a repository, an unsafe directory …)."""
    if started is None:
        return None
    process, out = started
    with out:
        process.wait()
        out.seek(0)
        return out.read() if process.returncode == 0 else None


def _verify_numbers(git: str, cwd: Path, found: dict, changes: Mapping[str, list[tuple[str, int, str]]],
                    judge: Callable[[bytes, str], bool] | None = None) -> dict[tuple[str, str], str]:
    """Read whole every version of each file whose 索引号 line seems to change its number: keep the number each
    version's front matter has, judge each (``judge``: a version kept off by its 附注 was counted public), and return
    the versions' titles.  A changed line ``索引号: …`` may be the body's (a cited document's details), read as the
    record's own former number; a file archived under another name and written anew for the next notice changed its
    number with its title: another document, no correction (reviews).  Only such files: a few, not every record."""
    wanted: list[tuple[str, str]] = []
    for seen in changes.values():
        last, versions = None, [(sha, path) for sha, _, path in reversed(seen)]  # oldest first
        for key in versions:
            number = found.get(key, (None,) * 5)[4]
            if number is not None and last is not None and number != last:
                wanted.extend(versions)
                break
            if number is not None:
                last = number
    if not wanted:
        return {}
    wanted = list(dict.fromkeys(wanted))
    blobs = _versions(git, cwd, wanted)
    titles: dict[tuple[str, str], str] = {}
    for key, blob in zip(wanted, blobs):
        read = _front_matter(blob) if blob is not None else {}
        note, public, published, withheld, _ = found.get(key, (None, None, None, False, None))
        if blob is None or judge is not None and judge(blob, key[1]):
            public, withheld = False if public else public, True
        found[key] = (note, public, published, withheld, read.get("index_no"))
        if read.get("title"):
            titles[key] = read["title"]
    return titles


_FENCE_LINE = re.compile(r"^\ufeff?[ \t]*-{3}[ \t]*$")


def _front_matter(blob: bytes) -> dict[str, str]:
    """The 索引号 and the title a version's front matter gives, as YAML reads them (a title over two lines too: read
    from its key's line alone, it differed from the loader's and the record was taken for another document: a
    review), keys read as the loader reads them; line by line where YAML cannot read it."""
    lines = blob.decode("utf-8-sig", "replace").replace("\r\n", "\n").split("\n")
    if not lines or not _FENCE_LINE.match(lines[0]):
        return {}
    end = next((i for i, line in enumerate(lines[1:], 1) if _FENCE_LINE.match(line)), None)
    if end is None:
        return {}
    pairs: list[tuple[str, object]] = []
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
        if isinstance(data, Mapping):
            pairs = [(str(k), v) for k, v in data.items()]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        pass
    if not pairs:
        for line in lines[1:end]:
            m = re.match(r"^([^\s:：#][^:：]{0,40})[:：](.*)$", line)
            if m:
                pairs.append((m.group(1), _value(m.group(2))))
    read: dict[str, str] = {}
    for name, value in pairs:
        key = _key_of(name, _READ_WHOLE)
        if key in ("index_no", "title") and key not in read and isinstance(value, (str, int)) and str(value).strip():
            read[key] = clean_code(str(value)).text.strip() if key == "index_no" else " ".join(str(value).split())
    return read


def _judge_versions(git: str, cwd: Path, found: dict, judge: Callable[[bytes, str], bool]) -> None:
    """Read whole each version that sets a note or makes its record public, and mark those that withhold it
    (:attr:`Change.withheld`; a version made public by its key lines but withheld whole is not public)."""
    wanted = [key for key, (note, public, *_) in found.items() if note is not None or public is True]
    if not wanted:
        return
    blobs = _versions(git, cwd, wanted)
    for key, blob in zip(wanted, blobs):
        note, public, published, _, number = found[key]
        withheld = blob is None or judge(blob, key[1])  # unread: not shown (a note may hold what was withheld)
        if withheld:
            found[key] = (note, False if public else public, published, True, number)


def _block_notes(git: str, cwd: Path, found: dict) -> None:
    """The notes written as a YAML block (``change_note: >-`` with the text below it) read from their versions
    whole: the patch's key line holds the block's mark only, which was shown as the note (a review)."""
    wanted = [key for key, (note, *_) in found.items() if note is not None and _BLOCK_INDICATOR.fullmatch(note)]
    for key, blob in zip(wanted, _versions(git, cwd, wanted) if wanted else ()):
        note, *rest = found[key]
        found[key] = (_note_of(blob) if blob is not None else None, *rest)


_BLOCK_INDICATOR = re.compile(r"[|>][+-]?[1-9]?[+-]?")
"""A YAML block's mark (``|``, ``>-``), after which a value's text is on the lines below its key."""


def _note_of(blob: bytes) -> str | None:
    """The change_note of a version's text as the loader reads it (a block written over lines joined), or None."""
    doc, _ = read_source(blob, "")
    entry = next((e for e in doc.entries if _key_of(e.key) == "change_note"), None) if doc is not None else None
    note = entry.value.value if entry is not None and isinstance(entry.value, Scalar) else None
    if not isinstance(note, str):
        return None
    return _WIDE_APART.sub("", "".join(line.strip() for line in note.splitlines())) or None


_WIDE_APART = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])[ \t]+(?=[\u2e80-\u9fff\uff00-\uffef])")
"""The space YAML's folding puts between two lines of Chinese (…联系电话， 并补充…): none is written."""


def _versions(git: str, cwd: Path, wanted: list[tuple[str, str]]) -> list[bytes | None]:
    """The text of each (commit, file) in ``wanted``, in one ``git cat-file --batch``; None for one not read (a
    failure, or output cut short: nothing of it is trusted)."""
    try:
        done = subprocess.run([git, "-c", "core.quotepath=off", "cat-file", "--batch"], cwd=cwd, env=_env(),
                              input=b"".join(f"{sha}:./{path}\n".encode("utf-8") for sha, path in wanted),
                              capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError):
        done = None
    try:
        blobs = _batch(done.stdout) if done is not None and done.returncode == 0 else []
    except ValueError:
        blobs = []
    return blobs + [None] * (len(wanted) - len(blobs))


def _batch(out: bytes) -> list[bytes | None]:
    """The objects ``git cat-file --batch`` printed, in order (None for one it did not find)."""
    blobs: list[bytes | None] = []
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].rsplit(b" ", 2)
        if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():  # "<name> missing", "ambiguous"
            blobs.append(None)
            at = end + 1
            continue
        size = int(header[2])
        blobs.append(out[end + 1:end + 1 + size])
        at = end + 1 + size + 1
    return blobs


def _run(git: str, cwd: Path, *args: str) -> bytes | None:
    """Stdout of one git command, or None if it failed."""
    return _finish(_start(git, cwd, *args))


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


_PATCH_LINE = re.compile(
    rb"^(?:\x1e(?P<sha>[0-9a-f]+)|(?P<diff>diff --git )|\+\+\+ (?P<target>[^\n]*)|(?P<hunk>@@)"
    rb"|(?P<sign>[+-])(?P<key>[^\s:#\-+][^\n:]{0,80}):(?P<value>[^\n]*))", re.MULTILINE)
"""The lines of a patch that matter here; only a line that reads like a front-matter key line is decoded."""


def _parse_key_lines(out: bytes) -> dict[tuple[str, str], tuple[str | None, bool | None, str | None, bool, str | None]]:
    """(commit, file) → (the change_note it set, what it did to disclosure, the 发布日期 it wrote, False, the
    索引号 it wrote), from ``-p -G`` output."""
    found: dict[tuple[str, str], tuple[str | None, bool | None, str | None, bool, str | None]] = {}
    sha = path = None
    in_header = False
    note = disclosure = published = number = None
    removed = published_removed = False

    def flush():
        if sha and path:
            public = (Disclosure.lookup(clean_code(disclosure).text) is Disclosure.PROACTIVE if disclosure is not None
                      else True if removed else None)
            written = published if published is not None else "" if published_removed else None
            if note is not None or public is not None or written is not None or number:
                found[(sha, path)] = (note, public, written, False, number)

    notes, dates = ("change_note",), ("published",)
    for m in _PATCH_LINE.finditer(out):
        if m["sha"] is not None:
            flush()
            sha, path, note, disclosure, removed = m["sha"].decode("ascii"), None, None, None, False
            published, published_removed, number = None, False, None
        elif m["diff"] is not None:
            flush()
            path, note, disclosure, removed, in_header = None, None, None, False, True
            published, published_removed, number = None, False, None
        elif not in_header and m["target"] is not None:
            continue  # an added body line that starts with "++ "
        elif m["target"] is not None:
            target = _unquote(m["target"].rstrip(b"\t"))  # git ends a name holding a space with a tab
            path = target[2:] if target.startswith("b/") else None  # /dev/null: deleted
        elif m["hunk"] is not None:
            in_header = False
        elif not in_header:  # a changed change_note, disclosure or published line
            key = _key_of(m["key"].decode("utf-8", "replace"))
            if key is None:
                continue  # another key, or a line of a value that has a colon
            if m["sign"] == b"+":
                value = _value(m["value"].decode("utf-8", "replace"))
                if key in notes:
                    note = value or None
                elif key in dates:
                    published = value
                elif key == "index_no":
                    # the first in a file's diff: the front matter's, before any body line restating one
                    number = number or clean_code(value).text.strip() or None
                else:
                    disclosure = value
            elif key in dates:
                published_removed = True
            elif key not in notes and key != "index_no":
                removed = True
    flush()
    return found


def _value(text: str) -> str:
    """The value after ``key:`` in a YAML line, as text (YAML reads it only when quoted or commented)."""
    text = text.strip()
    if not text.startswith(("'", '"')) and " #" not in text:
        return text
    try:
        parsed = yaml.safe_load("v: " + text)
    except yaml.YAMLError:
        return text.strip("'\"")
    value = parsed.get("v") if isinstance(parsed, dict) else None
    return "" if value is None else str(value).strip()


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


def numbers_ever_held(catalogue_dir: Path) -> frozenset[str]:
    """Every 索引号 the catalogue's files held in their Git history, deleted files' too (none outside Git): a number
    corrected or deleted after it was public is never given to a new record (``new`` handed out the corrected 00003,
    which the build then called reused, and a deleted notice's number: reviews)."""
    return read_history(catalogue_dir).numbers
