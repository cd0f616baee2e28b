"""Loading a catalogue directory: find the files, read them, validate them.

The loader walks catalogue/ in a stable order, refuses files and links that
lead outside it, and hands each Markdown file to :mod:`build_tools.source`
and :mod:`build_tools.validate`.  Nothing here raises for bad input: I/O
errors become problems too.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

from .config import CatalogueConfig
from .diagnostics import Problem, problem
from .machinery.forked import available_cores, map_chunks
from .machinery.load_cache import LoadCache, ProbedFiles
from .model.values import clean_code
from .source import read_source
from .validate import Validated, validate

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

    Hidden files and folders (``.git``, ``.DS_Store``) are skipped.  A symbolic
    link is followed only when it resolves inside ``root``; one that leads out
    is reported and never read.
    """
    files: list[str] = []
    problems: list[Problem] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
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
            if name.startswith("."):
                if name.lower().endswith(RECORD_SUFFIXES) and not name.startswith((".#", "._")):
                    rel = (here / name).relative_to(root).as_posix()  # a record saved under a hidden name
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
        return LoadResult((), (), (problem(
            "unreadable-file", str(root), None, None, f"找不到记录目录 {root}。",
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
    return LoadResult(tuple(validated), tuple(assets), tuple(problems))


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
    return outcome, (LoadCache.digest(data), probed.asked)


def _validate_file(data: bytes, rel: str, config: CatalogueConfig, files: Collection[str]) -> Validated:
    """The outcome for one record file's bytes; ``files`` is every file under the catalogue root."""
    doc, source_problems = read_source(data, rel)
    if doc is None:
        # The file cannot be read as a record, but its index number may still
        # be legible: records that cite it are then not told it does not exist.
        return Validated(None, source_problems, _legible_index_no(data), rel, named=named_files(data, rel, files))
    outcome = validate(doc, config, files)
    if source_problems:
        # A file with a source error (a key given twice, an alias) gives no
        # record: which value the editor meant is unknown.
        fatal = any(p.severity.value == "error" for p in source_problems)
        outcome = replace(outcome, record=None if fatal else outcome.record,
                          problems=[*source_problems, *outcome.problems])
    if outcome.record is None or not outcome.record.is_proactive:
        outcome = replace(outcome, named=named_files(data, rel, files))
    return outcome


_SEPARATORS = re.compile(r"""[\s"'`<>()\[\]{}|,;:=*，；：、。]+""")
"""What separates the names a record file may hold: spaces, quotes, brackets (a link's), YAML's and
Chinese punctuation (a file name may hold 《》 and （）, which stay)."""
_KEY_OR_ITEM = re.compile(r"^\s*(?:-\s+|[^:：\s]+\s*[:：]\s*)?")
_EXTENSION = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,9}$")
"""A file name's end (``.pdf``, ``.mp4``), not a number's (``1.5``)."""


def named_files(data: bytes, source: str, files: Collection[str]) -> tuple[str, ...]:
    """Every file of the catalogue but record files that the record file ``source`` (its bytes,
    ``data``) names anywhere: relative to its folder or to the catalogue, as written or
    percent-encoded, as a word of its text or as a line's whole value (``- 附件/图 一.png``,
    ``附件列表: 名单.csv``), whatever the key, whether or not it parses.  Each path is asked of
    ``files`` (the load cache remembers what was asked)."""
    base = source.rsplit("/", 1)[0] if "/" in source else ""
    texts = {data.decode("utf-8", "replace")}
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        texts.add(data.decode("gb18030", "replace"))  # saved as GBK: the names are still there to read
    candidates: set[str] = set()
    for text in texts:
        candidates.update(_SEPARATORS.split(text))
        for line in text.split("\n"):
            candidates.add(_KEY_OR_ITEM.sub("", line).strip().strip("'\""))
    found: set[str] = set()
    for written in candidates:
        written = written.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
        if "." not in written or len(written) > 1024 or not _EXTENSION.search(written):
            continue
        for form in {written, unquote(written)}:
            for path in {posixpath.normpath(posixpath.join(base, form)), posixpath.normpath(form)}:
                if path != source and not path.startswith(("../", "/")) and path != ".." \
                        and not path.lower().endswith(RECORD_SUFFIXES) and path in files:
                    found.add(path)
    return tuple(sorted(found))


def iter_records(result: LoadResult) -> Iterator:
    """The records that validated, in path order."""
    return (v.record for v in result.validated if v.record is not None)
