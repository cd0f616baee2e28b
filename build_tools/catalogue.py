"""The catalogue: validated records with their indexes.

Built once from the loader's output.  Index numbers must be unique across
the whole catalogue, retired records included, and two spellings of one
document number (〔2014〕, [2014], （2014）) are one number.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .attachments import file_groups
from .diagnostics import Problem, problem
from .model.fields import FIELDS_BY_KEY
from .model.record import Record
from .model.values import in_hidden_file, index_number_key
from .validate import Validated


@dataclass(frozen=True, slots=True)
class Catalogue:
    """All valid records, indexed by index number."""

    records: tuple[Record, ...]
    """Valid records in path order (a duplicate index number keeps the first)."""
    by_index: Mapping[str, Record]
    known_index_nos: frozenset[str]
    """Index numbers of every file, valid or not: a reference to a record that
    has its own errors is not also reported as dangling."""
    problems: tuple[Problem, ...]
    unpublished_attachments: frozenset[str] = frozenset()
    """Record files that give no record (they did not validate, or repeat an index number) and the files
    they list or name (:attr:`.Validated.named`), and the files records not 主动公开 name besides their
    attachments: such a record is never published, and may be one that withholds the file (its 公开方式
    unreadable, an attachment under a misspelt key or only linked), so the file is not published either."""
    named_by: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Each of :attr:`unpublished_attachments` but record files, with the record files that list or
    name it and why each is not published (有错误, 索引号重复, or its 公开方式): what ``catalogue check``
    tells the public records that list it."""
    unread: tuple[str, ...] = ()
    """Record files that give no record (errors), in path order: every count made from the catalogue is
    made without them."""
    unread_facts: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    """For each of :attr:`unread`, what it still says plainly (:func:`.validate.legible_facts`: its kind, the
    index numbers it interprets, its year, title, issuer, 发布日期, whether it withholds itself; ``index_no``
    where legible): other records are not told it is missing, nor publish what it withholds."""

    def unread_withheld(self) -> list[Mapping[str, object]]:
        """The facts of the record files with errors that say they are not public (``withheld``) and have a title:
        their titles are withheld as a record's are, with an index number or without one (a review)."""
        return [dict(f, source=s) for s, f in self.unread_facts.items() if f.get("withheld") and f.get("title")]
    duplicates: tuple[Record, ...] = ()
    """The records of files dropped for an index number another file has (``duplicate-index-no``): never published,
    but what they say still holds (an embargoed policy's 发布日期, a withheld record's title)."""
    same_files: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Attachments and record files that are one file under two names (a symbolic or hard link), each
    with all its names (:func:`.attachments.same_files`): withholding one name withholds the file."""

    same_bytes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """As :attr:`same_files`, with the files of the same bytes (a copy): what a record not 主动公开 holds is
    withheld under every name and in every copy (Git keeps no hard links: CI's clone holds copies)."""

    def names_of(self, rel: str, copies: bool = False) -> frozenset[str]:
        """Every name among the catalogue's attachments of the file ``rel`` names (``rel`` itself at least);
        with ``copies``, every file of the same bytes too."""
        return (self.same_bytes if copies else self.same_files).get(rel) or frozenset((rel,))

    def get(self, index_no: str) -> Record | None:
        """The record with this index number, if it is valid."""
        return self.by_index.get(index_no)


def build_catalogue(validated: Iterable[Validated], root: Path | None = None) -> Catalogue:
    """Index the valid records and report duplicate index and document numbers; ``root`` (the
    catalogue folder) to find attachments that are one file under two names."""
    validated = tuple(validated)
    problems: list[Problem] = []
    first_file: dict[str, tuple[str, str]] = {}  # the number as read (index_number_key) → (file, number as written)
    records: list[Record] = []
    by_index: dict[str, Record] = {}
    index_field = FIELDS_BY_KEY["index_no"]
    dropped: list[Validated] = []
    # The number as read → the files that give it, the one whose dates agree with the number first, then the one
    # published first (path order among the same day's): a record copied as a template with its number kept is
    # the newcomer, whatever its folder (the first in path order had kept the number, the published original told to
    # take another), and so is a legacy record dated years before it (its dates disagree with the number: reviews).
    holders: dict[str, list[Validated]] = {}
    for v in validated:
        if v.index_no is not None:
            holders.setdefault(index_number_key(v.index_no), []).append(v)
    for files in holders.values():
        files.sort(key=_held_first)
    for v in validated:
        if v.index_no is None:
            continue
        source = v.source
        same = index_number_key(v.index_no)
        first = holders[same][0]
        if v is not first:
            dropped.append(v)
            padded = "" if first.index_no == v.index_no else f"（写作 {first.index_no}：只差数字前面的 0，是同一个号）"
            earlier = _published(first)
            since = f"，发布日期 {earlier.isoformat()} 在先" if earlier < _published(v) else ""
            problems.append(problem(
                "duplicate-index-no", source, v.index_line, "index_no",
                f"{index_field.display} {v.index_no} 已被 {first.source} 使用{padded}{since}。",
                "索引号在整个目录中必须唯一，已废止的记录也不能重复使用。两个文件是同一份文件的（例如一个是另一个的"
                "“副本”或旧稿），删去多余的那个；是两份文件的，为本记录另编一个新的索引号。"))
            continue
        first_file[same] = (source, v.index_no)
        if v.record is not None:
            records.append(v.record)
            by_index[v.index_no] = v.record
    # A number whose files have one title, one of them not public (a copy of a withheld record made before it was
    # withheld, an old draft): no file of it is published, the first in path order neither (a review found the
    # copy published).  Another title is another document: a withheld draft started from a public record's copy,
    # its number not changed yet, leaves the public record on the site (an earlier review).
    # A withheld one in a hidden folder (.bak/) is a backup of the record as it was, never published: the record
    # stays (a review of this rule found a record public since 2024 taken off).
    withdrawn: list[Validated] = []
    for same, files in holders.items():
        first = files[0]
        withholding = [v for v in files[1:] if _withholds(v) and not in_hidden_file(v.source)
                       and not _BACKUP_PATH.search(v.source)
                       and (_title(v) == _title(first) or _body(v) and _body(v) == _body(first))]
        if len(files) > 1 and first.record is not None and first.record.is_proactive and withholding:
            records.remove(first.record)
            del by_index[first.index_no]
            withdrawn.append(first)
            others = "、".join(v.source for v in withholding)
            problems.append(problem(
                "duplicate-index-no", first.source, first.index_line, "index_no",
                f"{index_field.display} {first.index_no} 也被不公开的记录 {others} 使用：改正之前这几个文件都不发布。",
                "本文件若是那条不公开记录的副本或旧稿，删去本文件；若是另一份文件，为其中一个另编索引号。"))
    problems.extend(_duplicate_doc_nos(records))
    # Record files too: an attachment that is a link to a withheld record's file is that record.
    every = [a for v in validated for a in (*v.attachments, *v.named, v.source)]
    shared, copies = file_groups(root, every) if root is not None else ({}, {})
    # A public record entered twice: the copy is not published, as a file whose number another holds (listed and
    # counted twice, the statistics the annual report takes from the catalogue were wrong: a review)
    doubled = _duplicate_records(records, copies)
    problems.extend(doubled)
    copy_files = {p.file for p in doubled}
    copied = [r for r in records if r.source in copy_files]
    for r in copied:
        records.remove(r)
        del by_index[r.index_no]
    # Dropped, their records kept aside (:attr:`Catalogue.duplicates`): an embargoed policy's interpretation waits
    # for it, a withheld one's title stays withheld (reviews).  A public file withdrawn beside its withheld copy
    # withholds none of its attachments: they are public files (a review found a shared form withheld).
    duplicates = tuple(v.record for v in (*dropped, *withdrawn) if v.record is not None) + tuple(copied)
    named_by: dict[str, list[tuple[str, str]]] = {}
    unread = [(v, "有错误") for v in validated if v.record is None] + [(v, "索引号重复") for v in dropped]
    for v, why in unread:
        for a in (*v.attachments, *v.named):
            named_by.setdefault(a, []).append((v.source, why))
    gone = {id(v) for v in dropped}
    for v in validated:  # a record not 主动公开: what it names besides its attachments
        if v.record is not None and v.named and id(v) not in gone:
            for a in v.named:
                if a not in v.attachments:
                    named_by.setdefault(a, []).append((v.source, v.record.disclosure.label))
    unpublished = frozenset(named_by) | {v.source for v, _ in unread} | {v.source for v in withdrawn} \
        | {r.source for r in copied}
    known = frozenset(written for _, written in first_file.values())
    return Catalogue(tuple(records), by_index, known, tuple(problems), unpublished,
                     named_by={a: tuple(dict.fromkeys(s)) for a, s in named_by.items()}, same_files=shared, same_bytes=copies,
                     unread_facts={v.source: {**dict(v.legible), **({"index_no": v.index_no} if v.index_no else {})}
                                   for v in validated if v.record is None and v.legible},
                     unread=tuple(sorted(v.source for v in validated if v.record is None)), duplicates=duplicates)


def _held_first(v: Validated) -> tuple[int, dt.date]:
    """Which of the files giving one number holds it: how many years its 发布日期 is from the number's year (a copy of
    another record's file made years later or dated years before; a record published in January under last year's
    number is a year off, a later review), then its 发布日期 (none: last)."""
    return _years_off(v.index_no, _published(v)), _published(v)


def _years_off(index_no: str | None, day: dt.date) -> int:
    """How many years a 发布日期 is from its number's year, a year or less counting none (a record formed in
    December and published in January is a year off and no copy: a later review)."""
    year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", index_no or "")
    off = abs(int(year.group()) - day.year) if year and day != dt.date.max else 0
    return off if off > 1 else 0


def _published(v: Validated) -> dt.date:
    """A record file's 发布日期 (as its record says, or as it still reads with errors; none: last)."""
    day = v.record.published if v.record is not None else dict(v.legible).get("published")
    return day if isinstance(day, dt.date) else dt.date.max


def _withholds(v: Validated) -> bool:
    """Whether a record file is not to be public: its record not 主动公开, or, with errors, by what it still says
    (:func:`.validate.legible_facts`)."""
    return not v.record.is_proactive if v.record is not None else bool(dict(v.legible).get("withheld"))


def _body(v: Validated) -> str:
    """A record file's body, spaces aside (a withheld file with errors: as its legible facts keep it)."""
    if v.record is None:
        return (dict(v.legible).get("body") or ("",))[0]
    return "".join(v.record.body.split())


def _title(v: Validated) -> str:
    """A record file's title as read (NFKC: （试行） is (试行); spaces and quotes aside): its record's, or as it still
    reads with errors.  Compared with spaces only, a copy titled with full-width brackets was published (a review)."""
    title = v.record.title if v.record is not None else str(dict(v.legible).get("title") or "")
    return _clean_title(title)


def _clean_title(title: str) -> str:
    return _QUOTES_AND_SPACES.sub("", unicodedata.normalize("NFKC", title))


_BACKUP_PATH = re.compile(r"(?:^|/)(?:[^/]*(?:备份|旧稿|旧版|历史版本|存档|归档)[^/]*|(?i:bak|backup|backups|old|archive|"
                          r"history))(?:/|$)|(?i:\.bak|\.old|[-_ ]bak|[-_ ]old|备份|旧稿)\.md$")
"""A path that says it keeps an earlier version (备份/, 旧稿/, backup/, x-bak.md): a withheld file there is the record as
it was before it was made public, and withdraws nothing (a review found a notice public since 2024 taken off)."""
_QUOTES_AND_SPACES = re.compile(r"[\s\"'“”‘’「」『』]+")


def _duplicate_doc_nos(records: Iterable[Record]) -> list[Problem]:
    """``duplicate-doc-no`` on each record whose 文号 another has: the one whose 发布日期 is nearest its number's year
    keeps it, then the one published first (a template's copy is years off or later: reviews)."""
    seen: dict[str, Record] = {}
    problems = []
    field = FIELDS_BY_KEY["doc_no"]
    for r in sorted(records, key=lambda r: (_years_off(r.index_no, r.published), r.published)):
        if r.doc_no is None:
            continue
        first = seen.setdefault(r.doc_no.key, r)
        if first is r:
            continue
        same = "" if first.doc_no.original == r.doc_no.original else \
            f"（{first.doc_no.original} 与 {r.doc_no.original} 是同一个文号的不同写法）"
        problems.append(problem(
            "duplicate-doc-no", r.source, r.line_of("doc_no"), "doc_no",
            f"{field.display} {r.doc_no.original} 与 {first.source} 相同{same}。",
            "核对文号；每份文件的发文字号是唯一的。"))
    return problems


def _duplicate_records(records: Iterable[Record], copies: Mapping[str, frozenset[str]]) -> list[Problem]:
    """``duplicate-record`` on each public record that is another's copy: the same kind, title (as :func:`_title`
    reads it), body (spaces aside) and attachments (a file of the same bytes under another name is the same, as in a
    folder copied in Explorer), and the same 发布日期 or a file name that says it is a copy (… - 副本.md).

    An interpretation copied in the file manager and given the next index number passed: interpretations, notices,
    budgets and reports have no 文号 for ``duplicate-doc-no`` to find, and every list, the home page, the open data and
    the annual report's 本年发布 counted it twice (a review).  Not a record of a series (2024年部门预算 beside 2025年:
    another title), nor a notice of last year's title (another day, and its file not named a copy), nor a revised
    policy (another body), nor two records whose 文号 differ (two documents; the same 文号 is ``duplicate-doc-no``'s).
    Said on the copy: the file named a copy, else the later one (by 发布日期, then index number)."""
    groups: dict[tuple, list[Record]] = {}
    for r in records:
        if r.is_proactive and not in_hidden_file(r.source):  # a hidden file is never published (a backup in .bak/)
            # two units' budgets of one title and boilerplate, their issuers or figures apart, are two (a review)
            groups.setdefault((r.kind, _clean_title(r.title), "".join(r.body.split()), r.issuer, repr(r.figures)),
                              []).append(r)
    problems = []
    for same in groups.values():
        same.sort(key=_original_first)
        for i, copy in enumerate(same[1:], 1):
            original = next((o for o in same[:i] if _same_document(copy, o, copies)), None)
            if original is None:
                continue
            day = f"发布日期（{copy.published.isoformat()}）、" if copy.published == original.published else ""
            named = "，文件名也说明它是副本" if _named_copy(copy.source) else ""
            problems.append(problem(
                "duplicate-record", copy.source, copy.line_of("index_no"), "index_no",
                f"本记录（索引号 {copy.index_no}）与 {original.source}（索引号 {original.index_no}）是同一份文件："
                f"类别、标题、{day}正文和附件都相同{named}。改正之前本文件不发布（否则网站会把它列出两次，首页、列表和年度报告的"
                f"统计都会多算一条）。",
                f"删去本文件 {copy.source}；若本想以它为底稿另写一条新记录，改写它的标题、正文和发布日期。"))
    return problems


def _original_first(r: Record) -> tuple:
    """The original before its copies: a file not named a copy, then the one published first, then the lower index
    number, then path order."""
    return _named_copy(r.source), r.published, index_number_key(r.index_no), r.source


def _same_document(copy: Record, original: Record, copies: Mapping[str, frozenset[str]]) -> bool:
    """Whether ``copy`` (its kind, title, body, issuer and figures the same as ``original``'s) is the same document: the
    same day or its file named a copy, no other 文号, and the same attachments (none on one side only: two documents
    whose text is 正文见附件 are told apart by them, a review)."""
    if copy.published != original.published and not _named_copy(copy.source):
        return False
    if copy.doc_no is not None and original.doc_no is not None:
        return False  # two 文号: two documents; one 文号 twice is duplicate-doc-no's
    if not copy.attachments and not original.attachments:
        return True

    def files(r: Record) -> frozenset[str]:
        return frozenset(min(copies.get(rel) or (rel,)) for rel in r.attachments)
    return files(copy) == files(original)


def _named_copy(path: str) -> bool:
    """Whether a record file's name says it is a copy, as Windows (x - 副本.md, x - 副本 (2).md, 复件 x.md), macOS
    (x 副本.md, x copy.md), Linux desktops (x (copy).md) and a browser's download (x (1).md) name one.  Not
    not_public_names' _COPY_SUFFIX, which reads _v2, 修改稿 and 定稿 off a name too: a 定稿 is the document itself."""
    stem = unicodedata.normalize("NFKC", path.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip()
    return bool(_COPY_NAME.search(stem))


_COPY_NAME = re.compile(r"^(?:复件|副本|copy of)\s|(?:\s|-|_|的)(?:副本|复件|copy|\((?:another )?copy\)|\(副本\))"
                        r"(?:\s*\(?\d{1,3}\)?)?$|\s?\(\d{1,3}\)$", re.IGNORECASE)
"""A copy's name: 复件 or Copy of before it; - 副本, 副本, copy, (copy) after it, numbered or not; (1) after it."""
