"""Loading a catalogue directory: find the files, read them, validate them.

The loader walks catalogue/ in a stable order, refuses files and links that
lead outside it, and hands each Markdown file to :mod:`build_tools.source`
and :mod:`build_tools.validate`.  Nothing here raises for bad input: I/O
errors become problems too.
"""

from __future__ import annotations

import functools
import html
import os
import re
import stat
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

import ahocorasick

from .config import CatalogueConfig
from .diagnostics import Problem, problem
from .machinery.forked import available_cores, map_chunks
from .machinery.load_cache import EVERY_FILE, LoadCache, ProbedFiles, files_digest
from .model.values import clean_code, index_number_key, relative_path
from .source import read_source
from .validate import Validated, legible_facts, legible_lines, validate

RECORD_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Everything read from a catalogue directory."""

    validated: tuple[Validated, ...]
    """One outcome per Markdown file, in path order."""
    assets: tuple[str, ...]
    """Other files (attachments and strays), relative POSIX paths."""
    problems: tuple[Problem, ...]
    """Problems found before or outside validation (unreadable, outside links)."""


def walk(root: Path) -> tuple[list[str], list[Problem]]:
    """Every regular file under ``root`` as a sorted relative POSIX path.

    Hidden files and folders (``.git``, ``.DS_Store``) are skipped, but for record files: a folder of records
    moved to ``.neibu/`` to keep them out of the way, a record saved under a hidden name.  They are read as
    any record, for what they withhold (their titles, their files, their index numbers), and never published
    (``record-hidden``: :func:`~build_tools.pipeline.privacy_problems`).  A symbolic link is followed only
    when it resolves inside ``root``; one that leads out is reported and never read.
    """
    files: list[str] = []
    problems: list[Problem] = []
    real_root = root.resolve()

    def unreadable(exc: OSError) -> None:  # a folder the build may not list: its records were left out unsaid,
        # already public ones gone from the site and withheld ones unread (a review)
        where = Path(exc.filename or root)
        rel = where.relative_to(root).as_posix() if where != root and where.is_relative_to(root) else str(root)
        problems.append(problem(
            "unreadable-folder", rel, None, None,
            f"无法读取文件夹 {rel}：{exc.strerror or exc}。其中的记录都没有读取：公开的不会发布，不公开的无从核对，"
            "所以网站不会生成。",
            "检查这个文件夹的权限（生成网站的账号要能读取它），或把记录移到可以读取的文件夹。"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith(".") and (_never_records(d) or not _holds_records(here / d)):
                continue
            p = here / d
            if p.is_symlink():
                rel = p.relative_to(root).as_posix()
                problems.append(_outside(rel) if not _inside(p, real_root) else problem(
                    "not-a-record", rel, None, None, f"{rel} 是指向目录的符号链接，不会被读取。",
                    "把文件直接放在 catalogue/ 中。"))
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not _plain_file(here / name):  # a pipe, a socket, a device: opening one waited forever, the site's
                # lock held by the build (a review); a link to nothing is said where it is read
                rel = (here / name).relative_to(root).as_posix()
                problems.append(problem(
                    "not-a-record", rel, None, None,
                    f"{rel} 不是普通文件（是命名管道、套接字或设备），不会被读取，也不会发布。",
                    "删除它；记录和附件都应是普通文件。"))
                continue
            if name.startswith("."):
                if name.lower().endswith(RECORD_SUFFIXES) and not name.startswith((".#", "._")):
                    rel = (here / name).relative_to(root).as_posix()  # a record saved under a hidden name
                    if _is_record_file(here / name):
                        files.append(rel)
                        continue
                    problems.append(problem(
                        "not-a-record", rel, None, None,
                        f"{rel} 的文件名以点（.）开头，是隐藏文件，不会被读取，它的内容不会出现在网站上。",
                        "如果这是一条记录，把文件名开头的点去掉；如果不需要它，删除这个文件。"))
                continue
            p = here / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink() and not _inside(p, real_root):
                problems.append(_outside(rel))
                continue
            if p.is_symlink() and Path(os.path.realpath(p)).suffix.lower() != p.suffix.lower():
                # e.g. files/a.txt -> ../withheld.md: it would publish the record's file under another name
                target = Path(os.path.realpath(p)).relative_to(real_root).as_posix()
                problems.append(problem(
                    "outside-catalogue", rel, None, None,
                    f"{rel} 是指向 {target} 的符号链接，两者的扩展名不同，出于安全考虑不会读取。",
                    "把真正要发布的文件复制一份放在这里，删除这个链接。"))
                continue
            files.append(rel)
    files.sort()
    return files, problems


_NEVER_RECORDS = frozenset({".git", ".hg", ".svn", ".cache", ".venv", ".idea", ".vscode", ".vs", ".github",
                            ".history", ".trash", ".Trash", ".Trashes", ".obsidian", ".sync", ".stfolder",
                            ".stversions", ".snapshot", ".snapshots", ".AppleDouble"})
"""Hidden folders of tools (an editor's local history, a trash, a sync tool's versions), never of records: not
looked into.  A backup copy there was once read as a second record with the live one's number (a review)."""


def _never_records(name: str) -> bool:
    """A hidden folder of :data:`_NEVER_RECORDS`, or a trash of a desktop or a file server (``.Trash-1000``,
    Samba's ``.recycle``), another account's and closed to the build: it had stopped every build (a review)."""
    return name in _NEVER_RECORDS or name.startswith((".Trash-", ".recycle", ".Recycle"))


def _plain_file(path: Path) -> bool:
    """Whether ``path`` is a regular file, or a link to one or to nothing (what a link names is checked where it is
    followed)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _is_record_file(path: Path) -> bool:
    """Whether a Markdown file reads as a record (a line giving its index number near the top)."""
    try:
        with path.open("rb") as fh:
            return _INDEX_LINE.search(fh.read(20_000)) is not None
    except OSError:
        return False


def _holds_records(folder: Path, limit: int = 10_000) -> bool:
    """Whether a hidden folder holds a record file, at any depth (links not followed; ``limit`` files looked at)."""
    seen = 0
    if not os.access(folder, os.R_OK | os.X_OK):
        return True  # unreadable: taken as holding records, and said so by walk()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not _never_records(d)]
        for name in filenames:
            seen += 1
            if seen > limit:
                return False
            if name.lower().endswith(RECORD_SUFFIXES) and _plain_file(Path(dirpath) / name) \
                    and _is_record_file(Path(dirpath) / name):
                return True
    return False


def _inside(path: Path, real_root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):  # a link loop
        return False


def _outside(rel: str) -> Problem:
    return problem("outside-catalogue", rel, None, None,
                   f"{rel} 是指向 catalogue/ 之外的符号链接，出于安全考虑不会读取。",
                   "把真正的文件复制到 catalogue/ 中，删除这个链接。")


_INDEX_LINE = re.compile(rb"^(?:index_no|\xe7\xb4\xa2\xe5\xbc\x95\xe5\x8f\xb7)[ \t]*:[ \t]*[\"']?([^\"'#\r\n]+?)[\"']?[ \t]*\r?$",
                         re.MULTILINE)


def _legible_index_no(data: bytes) -> str | None:
    """The index number of a file that failed to parse, if a plain line gives it."""
    m = _INDEX_LINE.search(data[:20_000])
    if not m:
        return None
    try:
        # Normalised as validation normalises it, so a full-width twin is still a duplicate.
        return clean_code(m.group(1).decode("utf-8")).text.strip() or None
    except UnicodeDecodeError:
        return None


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} KB" if n >= 1000 else f"{n} 字节"


def read_file(root: Path, rel: str, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """Read one file's bytes, refusing ones over ``max_bytes`` without reading them."""
    path = root / rel
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [problem(
                "file-too-large", rel, None, None,
                f"文件有 {_size(size)}，超过了允许的 {_size(max_bytes)}。",
                "正文过长的文件请转为 PDF 作为附件，记录正文只写摘要；或调整配置 max_record_bytes。")]
        with path.open("rb") as fh:
            return fh.read(max_bytes + 1), []
    except OSError as exc:
        return None, [problem("unreadable-file", rel, None, None,
                              f"无法读取文件：{exc.strerror or exc}。", "检查文件权限，或删除损坏的文件。")]


_MIN_PARALLEL = 500
"""Up to this many files to parse are parsed in this process: forking and
sending results back would cost more than the second core saves."""
_CHUNK = 200
"""Most files per chunk handed to a worker: about 50 ms of work for short records (150 ms for long
laws), large enough to amortise the hand-off."""
_CHUNKS_PER_WORKER = 8
"""Fewer files a chunk where that makes at least this many chunks per worker: the workers then end
within a small chunk of each other (with 1,000 files in five chunks, one worker had a chunk's time alone)."""


def load(config: CatalogueConfig, cache: LoadCache | None = None) -> LoadResult:
    """Read and validate every record under ``config.catalogue_dir``.

    With a ``cache``, files whose bytes (and attachments) are unchanged since
    the cached load are not parsed again; the result is the same.  The
    cache of a large catalogue may still be being written when this returns
    (:meth:`LoadCache.wait`).  When many
    files are to be parsed, forked worker processes parse them, one per
    available core (``config.workers``, 0 for one per core); the result is
    the same as parsing them here, in the same order.
    """
    root = config.catalogue_dir
    if not root.is_dir():
        return LoadResult((), (), (problem(  # named in the configuration, where it is mended (as its folder,
            # the name was shown twice: catalgue/catalgue, a review)
            "unreadable-file", config.config_file or str(root), None, None, f"找不到记录目录 {root}。",
            "检查 mkdocs.yml 中 catalogue 插件的 catalogue_dir，或在命令中给出目录。"),))
    files, problems = walk(root)
    file_set = frozenset(files)
    validated: list[Validated | None] = []
    assets: list[str] = []
    to_parse: list[tuple[int, str]] = []  # (place in validated, path) of files not taken from the cache
    for rel in files:
        if not rel.lower().endswith(RECORD_SUFFIXES):
            assets.append(rel)
            continue
        # A file the cache has never seen is not read here: the parser reads it
        # (in a worker, for a large load) and hashes the bytes it parsed.
        if cache is not None and cache.knows(rel):
            data, read_problems = read_file(root, rel, config.max_record_bytes)
            if data is None:
                validated.append(Validated(None, read_problems, None, rel))
                continue
            if (outcome := cache.get(rel, cache.digest(data), file_set)) is not None:
                validated.append(outcome)
                continue
        to_parse.append((len(validated), rel))
        validated.append(None)
    workers = (config.workers or available_cores()) if len(to_parse) > _MIN_PARALLEL else 1

    def parse(chunk: list[tuple[int, str]]) -> list[tuple[Validated, tuple[bytes, dict[str, bool]] | None]]:
        return [_load_file(root, rel, config, file_set, remember=cache is not None) for _, rel in chunk]

    chunk_size = max(1, min(_CHUNK, -(-len(to_parse) // (workers * _CHUNKS_PER_WORKER))))
    for (at, rel), (outcome, remembered) in zip(to_parse, map_chunks(parse, to_parse, workers=workers,
                                                                    chunk_size=chunk_size)):
        validated[at] = outcome
        if cache is not None and remembered is not None:
            digest, asked = remembered
            cache.put(rel, digest, asked, outcome)
    if cache is not None:
        cache.save()
    return LoadResult(tuple(_hidden_last(validated)), tuple(assets), tuple(problems))


def _hidden_last(validated: list[Validated]) -> list[Validated]:
    """The record files in hidden places (``.neibu/``, ``.x.md``) after the others, read only for what they
    withhold: one holding the number of a visible file is a copy of it (a backup), and is left out, unless it is
    not 主动公开 (a withheld record started from a copy: a duplicate number, its files withheld); one that
    does not validate (a template with placeholders) is kept unread and silent, what it names withheld.  Their
    errors are not the catalogue's: it had none while they went unread (a review)."""
    def hidden(v: Validated) -> bool:
        *folders, name = v.source.split("/")
        return name.startswith(".") or any(part.startswith(".") for part in folders)

    shown = [v for v in validated if not hidden(v)]
    if len(shown) == len(validated):
        return validated
    numbers = {index_number_key(v.index_no) for v in shown if v.index_no}
    kept = []
    for v in validated:
        if not hidden(v):
            continue
        if v.index_no and index_number_key(v.index_no) in numbers and (v.record is None or v.record.is_proactive):
            continue  # a backup copy; a withheld one started from a public record's copy stays (a review)
        kept.append(v if v.record is not None else replace(v, problems=[]))
    return shown + kept



def _load_file(root: Path, rel: str, config: CatalogueConfig, files: Collection[str],
               remember: bool) -> tuple[Validated, tuple[bytes, dict[str, bool]] | None]:
    """Read and validate one record file.

    Returns its outcome and, when ``remember`` (for the load cache), the hash
    of the bytes it was parsed from with the paths its validation asked about;
    None for a file that could not be read: it is read again next time.
    """
    data, read_problems = read_file(root, rel, config.max_record_bytes)
    if data is None:
        return Validated(None, read_problems, None, rel), None
    if not remember:
        return _validate_file(data, rel, config, files), None
    probed = ProbedFiles(files)
    outcome = _validate_file(data, rel, config, probed)
    if probed.whole:  # the files it names (named_files): any new file may be one, so it is read again
        return outcome, (LoadCache.digest(data), {EVERY_FILE: files_digest(files)})  # when the files change
    return outcome, (LoadCache.digest(data), probed.asked)


def _validate_file(data: bytes, rel: str, config: CatalogueConfig, files: Collection[str]) -> Validated:
    """The outcome for one record file's bytes; ``files`` is every file under the catalogue root."""
    doc, source_problems = read_source(data, rel)
    if doc is None:
        # The file cannot be read as a record, but its index number may still
        # be legible: records that cite it are then not told it does not exist.
        return Validated(None, source_problems, _legible_index_no(data), rel, named=named_files(data, rel, files),
                         legible=legible_lines(data, source_problems, rel))
    outcome = validate(doc, config, files)
    if doc.repaired:  # what its mended lines gave is the slips' consequence, said once by the slip
        mended = {p.line for p in source_problems}
        outcome = replace(outcome, problems=[p for p in outcome.problems if p.line not in mended])
    if source_problems:
        # A file with a source error (a key given twice, an alias) gives no
        # record: which value the editor meant is unknown.
        fatal = any(p.severity.value == "error" for p in source_problems)
        outcome = replace(outcome, record=None if fatal else outcome.record,
                          problems=[*source_problems, *outcome.problems])
    if outcome.record is None or not outcome.record.is_proactive:
        outcome = replace(outcome, named=named_files(data, rel, files))
    if outcome.record is None:
        outcome = replace(outcome, legible=legible_facts(doc, outcome.problems))
        outcome = replace(outcome, problems=[*outcome.problems, *_unread_body(doc, outcome, config, files)])
    return outcome


def _unread_body(doc, outcome: Validated, config: CatalogueConfig, files: Collection[str]) -> list[Problem]:
    """What the checks of a record's body find in the body of a file that gives no record (a slip in its metadata:
    one Chinese colon, a wrong date): links to no file, and, unless the file withholds itself, personal numbers.
    The body does not depend on the metadata; these had come only on the next run, after the slip was mended,
    and an editor told of the slip alone sent the file on for review with an ID number in it (a review)."""
    from .checks.privacy import body_privacy
    from .links import unread_body_links
    problems = unread_body_links(doc.path, doc.body, doc.body_line, files)
    if not dict(outcome.legible).get("withheld"):
        problems += body_privacy(doc.path, doc.body, doc.body_line, config)
    return problems


def named_files(data: bytes, source: str, files: Collection[str]) -> tuple[str, ...]:
    """Every file of the catalogue but record files that the record file ``source`` (its bytes,
    ``data``) names anywhere, whatever the key, whether or not it parses: each file's path relative
    to ``source``'s folder (as attachments and links are written; ``../`` for another folder's), found
    in the text as a reader would read it — composed or not, in any case, percent-encoded, with HTML
    references or YAML's ``\\u`` escapes, full-width, split over lines (a folded YAML value), right
    against Chinese text (``详见files/名单.csv``) — and not inside a longer name.  The outcome depends
    on every file there is (``files.every()`` where it can say so: the load cache then keeps it only
    while the catalogue's files stay the same)."""
    every = files.every() if isinstance(files, ProbedFiles) else files
    others = _named_candidates(frozenset(every) if not isinstance(every, frozenset) else every)
    if others is None:
        return ()
    words, by_name = others
    base = source.rsplit("/", 1)[0] + "/" if "/" in source else ""
    found: set[str] = set()
    for text in _readings(data):
        for last, name in words.iter(text):
            end = last + 1
            start = end - len(name)
            if end < len(text) and text[end] in _NAME_GOES_ON:
                continue  # a.pdf inside a.pdfx
            for path in by_name[name]:
                written = _folded(_relative(path, base))
                lead = written[: len(written) - len(name)]
                at = start - len(lead)  # where the path starts: not right after a longer name's character
                if text.endswith(lead, 0, start) and (at == 0 or text[at - 1] not in _NAME_CHARS):
                    found.add(path)
    return tuple(sorted(found))


_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_./%")
"""What a longer ASCII name's character before a path is (a case-folded text): data.pdf is not a.pdf,
x/a.pdf not this folder's a.pdf.  Not ``-``: a folded YAML value's lines joined put the ``>-`` right
before the name, and x-a.pdf read as a.pdf only withholds more."""
_NAME_GOES_ON = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
_CURRENT_FOLDER = re.compile(r"(?<![.\w])\./")
_CONTINUED = re.compile(r"[ \t\u3000]*\n[ \t\u3000]+")
"""A line break before an indented line: a YAML value or a list item going on (its words joined)."""
_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000>#-]*")


_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e\uff0f\uff3f\uff0d]")
"""Full-width digits, letters and the marks of a path (．／＿－): ``名单.ｃｓｖ`` is ``名单.csv``."""


def _folded(text: str) -> str:
    """``text`` as its names are compared: composed (NFC), full-width digits, letters and path marks as
    ASCII, case-folded; a quarter of NFKC's time over a law's Chinese text (11.6 ms for 143 KB), the
    same for names."""
    return _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), unicodedata.normalize("NFC", text)).casefold()


def _relative(path: str, base: str) -> str:
    return relative_path(path, base.rstrip("/")) if base else path


def _readings(data: bytes) -> set[str]:
    """A record file's text as a reader reads the names in it: decoded (UTF-8, UTF-16 with its mark,
    GB18030), escapes and references read, folded; with its line breaks gone and as spaces."""
    texts = set()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        texts.add(data.decode("utf-16", "replace"))
    texts.add(data.decode("utf-8", "replace"))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        texts.add(data.decode("gb18030", "replace"))  # saved as GBK: the names are still there to read
    out = set()
    for text in texts:
        if "&" in text:
            text = html.unescape(text)
        if "\\" in text:
            text = _ESCAPE.sub(lambda m: _character(m.group(1) or m.group(2)), text)
        for form in (text, unquote(text)) if "%" in text else (text,):
            form = _CURRENT_FOLDER.sub("", _folded(form).replace("\\", "/"))  # files\\a.pdf, ./a.pdf
            out.update({form, _CONTINUED.sub("", form), _BREAK.sub(" ", form)})
    return out


def _character(code: str) -> str:
    try:
        return chr(int(code, 16))
    except (ValueError, OverflowError):
        return ""


@functools.lru_cache(maxsize=2)
def _named_candidates(files: frozenset[str]):
    """The files a record file may name (all but record files), as an Aho-Corasick automaton of their
    folded names and, by name, each file with its path; None when there are none."""
    by_name: dict[str, list[str]] = {}
    for path in files:
        if path.lower().endswith(RECORD_SUFFIXES):
            continue
        name = _folded(path.rsplit("/", 1)[-1])
        if name:
            by_name.setdefault(name, []).append(path)
    if not by_name:
        return None
    words = ahocorasick.Automaton()
    for name in by_name:
        words.add_word(name, name)
    words.make_automaton()
    return words, by_name


def iter_records(result: LoadResult) -> Iterator:
    """The records that validated, in path order."""
    return (v.record for v in result.validated if v.record is not None)
