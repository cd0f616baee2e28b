"""Attachment checks: files that cannot be opened, files shared with records that are not public.

What each file really is comes from :mod:`build_tools.attachments` (its
content, read a little at a time); here it becomes a problem on the record
that lists the file, at its 「附件」 field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Set as AbstractSet
from pathlib import Path

from ..attachments import HOLDERS, Finding, inspect
from ..diagnostics import CODES, Problem, problem
from ..model.fields import FIELDS_BY_KEY
from ..model.record import Record

_NOT_PUBLISHED = "改正之前网站不发布这个文件，记录的页面上也不列出它。"
_HINTS = {
    "attachment-empty": "重新导出或复制这个文件，确认它能在电脑上打开后再放进 catalogue/。",
    "attachment-wrong-type": "用原来的程序打开它，另存为扩展名所说的格式；或把扩展名改成文件的真实类型"
                             "（该类型须在配置 attachment_types 中）。",
    "attachment-damaged": "从原始文件重新导出或复制一份，确认它能在电脑上打开后再放进 catalogue/。",
    "attachment-encrypted": "发布不设打开密码的版本（可以保留禁止修改等权限设置）。",
    "attachment-filed-not-public": "从压缩包中删去不能公开的文件后重新压缩；可以公开的，移出这个文件夹或改名后重新压缩。",
}


def inspect_attachments(records: Iterable[Record], catalogue_dir: Path) -> dict[str, Finding | OSError | None]:
    """What is wrong with each file the records list (:func:`~build_tools.attachments.inspect`), or the
    error reading it, or None: read once, for :func:`refused_attachments` and :func:`check_attachments`."""
    found: dict[str, Finding | OSError | None] = {}
    for r in records:
        for rel in r.attachments:
            if rel not in found:
                try:
                    found[rel] = inspect(catalogue_dir / rel, rel)
                except OSError as exc:
                    found[rel] = exc
    return found


def refused_attachments(found: Mapping[str, Finding | OSError | None],
                        severity: Mapping[str, str]) -> frozenset[str]:
    """The files the site does not publish as they are: empty, damaged, under another type's name or
    locked with a password, where that is an error (the office's ``severity`` may say otherwise), and
    those that cannot be read.  Nobody could open them; a damaged PDF the check could not read may still
    show text in a viewer, and a web page named .pdf is no PDF (found by a review: all were copied)."""
    refused = set()
    for rel, finding in found.items():
        code = "unreadable-file" if isinstance(finding, OSError) else finding.code if finding is not None else None
        if code is not None and severity.get(code, CODES[code].severity.value) == "error":
            refused.add(rel)
    return frozenset(refused)


def check_attachments(records: Iterable[Record], catalogue_dir: Path,
                      names_of: Callable[[str], frozenset[str]] = lambda rel: frozenset((rel,)),
                      named_by: Mapping[str, tuple[tuple[str, str], ...]] | None = None,
                      as_of: dt.date | None = None,
                      found: Mapping[str, Finding | OSError | None] | None = None,
                      refused: AbstractSet[str] | None = None,
                      copies_of: Callable[[str], frozenset[str]] = lambda rel: frozenset((rel,))) -> list[Problem]:
    """Every attachment that cannot be read as what its name says, and every file
    listed both by a 主动公开 record and by a record that is not, or by a record file that gives
    no record or names it another way (``named_by``, :attr:`.Catalogue.named_by`); ``names_of`` gives
    every name of an attachment's file (:meth:`.Catalogue.names_of`: a link is the file it names), ``copies_of``
    the files of the same bytes too (what a record not 主动公开 holds is withheld in any copy).
    With ``as_of``, also every file a published record lists that a 主动公开 record not yet published
    holds: the site keeps it back until that record's date (``attachment-shared-not-yet-public``)."""
    records = tuple(records)
    field = FIELDS_BY_KEY["attachments"]
    findings = found if found is not None else inspect_attachments(records, catalogue_dir)
    listed: dict[str, list[Record]] = {}
    problems: list[Problem] = []
    for r in records:
        for rel in r.attachments:
            listed.setdefault(rel, []).append(r)
            finding = findings.get(rel)
            line = r.line_of("attachments")
            held = _NOT_PUBLISHED if refused is None or rel in refused else ""  # the office's severity may publish it
            if isinstance(finding, OSError):
                problems.append(problem("unreadable-file", r.source, line, "attachments",
                                        f"{field.display}“{rel}”无法读取：{finding.strerror or '操作系统报错'}。{held}",
                                        "检查文件的权限，或重新复制一份。"))
            elif finding is not None:
                problems.append(problem(finding.code, r.source, line, "attachments",
                                        f"{field.display}“{rel}”{finding.reason}。{held}", _HINTS[finding.code]))
    sources = {r.source: r for r in records}
    for rel, listers in listed.items():
        names = names_of(rel)  # the same file under another name (a link) is the same file
        # Each record that holds the file: lists it under one of its names, or is it (a link to a
        # record's own file publishes the record itself); a record not 主动公开 holds its copies too.
        holders = [(name, o) for name in sorted(names) for o in listed.get(name, ())] + \
            [(name, sources[name]) for name in sorted(names) if name in sources]
        # Files of the same bytes; a ZIP holding this file's bytes is no copy this file leaks (a withheld case
        # file's ZIP holding a public blank form: a review); a ZIP leaks the files it holds (copies_of is one way)
        copies = sorted(n for n in copies_of(rel) - names if not (n.lower().endswith(HOLDERS) and rel not in copies_of(n)))
        if rel.lower().endswith(HOLDERS):  # a .docx is a ZIP of its parts, a picture among them; a PDF embeds files (a review)
            copies += sorted(n for n in listed if n not in names and n not in copies and rel in copies_of(n))
        hidden = {(o.source, name): o for name, o in [*holders, *((name, o) for name in copies
                                                                 for o in listed.get(name, ())),
                                                      *((name, sources[name]) for name in copies if name in sources)]
                  if not o.is_proactive}
        # what a record file that gives no record, or a record not 主动公开, names is withheld in any copy too
        named = {source: (name, why) for name in (*sorted(names), *copies)
                 for source, why in (named_by or {}).get(name, ()) if source not in {o for o, _ in hidden}}
        if named:
            for r in listers:
                if r.is_proactive:
                    problems.append(_named_elsewhere(r, rel, named, field.display, copies))
        if not hidden:
            if as_of is not None:
                problems.extend(_embargoed_elsewhere(rel, holders, listers, as_of, field.display))
            continue
        for r in listers:
            if r.is_proactive:
                others = "、".join(f"{o.source}（{o.disclosure.label}" + (
                    "，就是这条记录的文件本身" if name == o.source else "" if name == rel else f"，列为“{name}”") + "）"
                    for (_, name), o in hidden.items())
                copied = [name for (_, name) in hidden if name in copies]
                # one way only: one holds the other (a plain copy of a .xls, both ways, is a copy: a review)
                zipped = any((rel in copies_of(n)) != (n in copies_of(rel)) for n in copied)
                linked = "（压缩包或文档中有一个文件与它的内容完全相同）" if copied and zipped else \
                    "（两个文件的内容完全相同：一个是另一个的副本）" if copied else "" if len(names) == 1 \
                    else "（两个文件名是同一个文件：一个是另一个的链接）"
                problems.append(problem(
                    "attachment-shared-not-public", r.source, r.line_of("attachments"), "attachments",
                    f"{field.display}“{rel}”同时是不公开记录 {others} 的附件{linked}；发布它就公开了那条记录的内容。",
                    "给公开的记录单独放一份可以公开的文件（删去不能公开的内容后另存，不要链接或原样复制），"
                    "不要与不公开的记录共用附件；若这个文件本来就可以公开（如空白表格），"
                    "不公开的记录就不必再附一份，删去那里的附件即可。"))
    return problems


def _named_elsewhere(r: Record, rel: str, named: Mapping[str, tuple[str, str]], label: str,
                     copies: Iterable[str] = ()) -> Problem:
    """``attachment-shared-not-public`` for a file that a record file which gives no public record
    lists or names another way (an error it has, a repeated index number, a misspelt key, a link),
    under one of its names or as a copy of the same bytes (``copies``)."""
    copies = frozenset(copies)
    others = "、".join(f"{source}（{why}" + ("" if name == rel else f"，内容完全相同的副本“{name}”" if name in copies
                                            else f"，写作“{name}”") + "）"
                       for source, (name, why) in named.items())
    broken = [source for source, (_, why) in named.items() if why in ("有错误", "索引号重复")]
    first = (f"先改正 {broken[0]} 中报告的问题（改正后它若是不公开的记录，这个文件仍不发布）；" if broken else
             "那条记录不公开：")
    return problem(
        "attachment-shared-not-public", r.source, r.line_of("attachments"), "attachments",
        f"{label}“{rel}”也写在 {others} 中，那条记录不发布，这个文件可能是它不公开的附件：网站不发布它。",
        first + "给公开的记录单独放一份可以公开的文件（另起文件名，复制而不是链接）；或者，若那里只是提到这个"
        "公开的文件，删去那里的文件名，改为链接本记录的页面。")


def _embargoed_elsewhere(rel: str, holders: list[tuple[str, Record]], listers: list[Record], as_of: dt.date,
                         label: str) -> list[Problem]:
    """``attachment-shared-not-yet-public`` on each record published by ``as_of`` that lists ``rel``,
    when one of its ``holders`` (records listing the file or being it) is 主动公开 and its date has not
    come (visibility.public_view keeps the file back until then: publishing it would publish that
    record's content early)."""
    later = {o.source: o for _, o in holders if o.is_proactive and o.published > as_of}
    if not later:
        return []
    others = "、".join(f"{o.source}（{o.published.isoformat()} 发布）" for o in later.values())
    first = min(o.published for o in later.values())
    return [problem(
        "attachment-shared-not-yet-public", r.source, r.line_of("attachments"), "attachments",
        f"{label}“{rel}”也是尚未发布的记录 {others} 的附件：在 {first.isoformat()} 之前网站不发布它，本记录的页面上暂不列出它。",
        "到那天重新生成网站，它会自动出现；若这个文件现在就可以公开，给本记录单独放一份（另起文件名，复制而不是链接）。")
        for r in listers if r.is_proactive and r.published <= as_of]
