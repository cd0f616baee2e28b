"""The titles of withheld records, written in public ones that do not link to them.

A record not 主动公开 (依申请公开, 不予公开) is not on the site, and neither is
its title: a 处分决定's title names the person, an internal notice's names
what it is about.  A public record that links to it is checked by the link
graph (``reference-names-not-public``); one that writes its title as text,
without a link (根据《关于张三同志的处分决定》……), published it all the same.
This check finds such titles in every public text (标题, 内容概述, the other
free-text fields, 正文), read as a reader reads them
(:func:`~build_tools.withheld_names.fold`: invisible characters, emphasis,
full-width letters and line breaks hide nothing).

What is looked for is a withheld record's title as written (six characters
or more).  Its shorter forms (the document it issues, the title without its
issuer: :func:`~build_tools.withheld_names.record_names`) are looked for only
where a link says which record is meant (the graph's check): without one,
关于做好2025年春运工作的通知 may be the ministry's of that name.  A name that
a public record has too, in any of its forms, is not looked for: the text
may mean that record (a public 废止决定 titled as the withheld record it
replaces; a public 江川省交通运输厅2024年部门预算 beside a withheld
2024年部门预算), and the name is public by it anyway.  Records linked to are left to the link graph,
which knows why the link is there.  Records not yet published are not
withheld: naming one before its day is not reported.

The attachments of public records are read too, as the site publishes
them, whichever record lists them (a link says nothing of an attachment's
text): the file's name, and every text a reader sees in it
(:mod:`~build_tools.checks.attachment_texts`), a title wrapped in a PDF's
table cell included.  A quarterly 发文目录 whose attachment lists the
withheld 处分决定 by title was published, and nothing was said (a review).
In the attachments of a record of the withheld record's own issuer (its
发文目录), the title without the issuer is looked for too.

A name that stands in 《》 as part of a longer name (a withheld
2024年工作要点 in 《全省交通运输2024年工作要点》) is another document's, and
is not reported.

Either is an error, and keeps the naming record off the site until it is
corrected (:func:`~build_tools.pipeline.kept_off`), as personal data does:
a build without ``--strict`` publishes the rest.  The text is not taken
out: a sentence without its subject says something else.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..graph import LINK_FIELDS
from ..machinery.cache import ContentCache
from ..model.fields import FIELDS_BY_KEY, FREE_TEXT
from ..model.record import Record
from ..search.text import PDF_TEXT_NAMESPACE
from ..withheld_names import fold, folded_with_places, record_names
from .attachment_texts import ATTACHMENT_TEXT_NAMESPACE, Text, attachment_texts


def check_withheld_titles(catalogue: Catalogue, config: CatalogueConfig | None = None, *,
                          prune: bool = False) -> list[Problem]:
    """``withheld-title-named`` for each public record that writes a withheld record's name without linking
    to it, once per pair, at the first text that holds it; given ``config``, in its attachments too
    (``prune``: what the check did not use leaves the cache directory, as the privacy check's does)."""
    public = [r for r in catalogue.records if r.is_proactive]
    shown = frozenset().union(*(record_names(r.title, r.issuer) for r in public))
    owners: dict[str, list[Record]] = {}
    for r in catalogue.records:
        if not r.is_proactive:
            # The title as written, not its shorter forms: without a link, 关于做好2025年春运工作的通知 may be the
            # ministry's of that name, and a public notice citing it was kept off the site (a review).
            name = fold(r.title)
            if len(name) >= 6 and name not in shown:
                owners.setdefault(name, []).append(r)
    if not owners:
        if prune and config is not None and config.cache_dir is not None:
            ContentCache(config.cache_dir, ATTACHMENT_TEXT_NAMESPACE).prune()  # nothing looked for: nothing kept
        return []
    own_forms: dict[str, list[Record]] = {}
    for name, records in owners.items():
        for r in records:
            for form in _own_forms(r):
                if form not in shown and form != name:
                    own_forms.setdefault(form, []).append(r)
    net = ahocorasick.Automaton()
    for name in owners.keys() | own_forms.keys():
        net.add_word(name, name)
    net.make_automaton()
    with _AttachmentNames(net, sorted(owners.keys() | own_forms.keys()), config, prune) if config is not None \
            else contextlib.nullcontext() as named:
        return _named(public, owners, own_forms, net, named)


def _named(public: list[Record], owners: dict[str, list[Record]], own_forms: dict[str, list[Record]],
           net: ahocorasick.Automaton, named: _AttachmentNames | None) -> list[Problem]:
    out: list[Problem] = []
    for r in public:
        linked = {target for field in LINK_FIELDS for target in getattr(r, field)}
        told: set[str] = set()
        for key, text in _texts(r):
            folded = fold(text)
            for end, name in net.iter(folded):
                start = end - len(name) + 1
                for other in owners.get(name, ()):
                    if other.index_no not in linked and other.index_no not in told \
                            and _counts(name, _enclosing(folded, start, end + 1), other):
                        told.add(other.index_no)
                        out.append(_problem(r, key, text, folded, start, other))
        # An attachment's text is no link's to judge (a 废止决定's 废止文件目录.csv was published unread: a
        # review); in the office's own list (its issuer the withheld record's) the title without the issuer
        # names it too.
        for rel in r.attachments if named is not None else ():
            for hit in named.of(rel):
                mine = [o for o in own_forms.get(hit.name, ()) if set(o.issuer) & set(r.issuer)]
                for other in (*owners.get(hit.name, ()), *mine):
                    if other.index_no not in told and _counts(hit.name, hit.enclosing, other):
                        told.add(other.index_no)
                        out.append(_attachment_problem(rel, hit.where, hit.line, other))
    return out


def _own_forms(r: Record) -> set[str]:
    """The title without its issuer (关于给予张三同志记过处分的决定), as the office's own 发文目录 lists its documents:
    looked for only in the attachments of records of the same issuer, and only ten characters or more."""
    forms = {fold(r.title[len(i):]) for i in r.issuer if i and r.title.startswith(i)}
    at = r.title.find("关于")
    if at > 0:
        forms.add(fold(r.title[at:]))
    return {f for f in forms if len(f) >= 10}


def _texts(r: Record) -> Iterator[tuple[str, str]]:
    """The record's texts the site shows, with their field: the free-text fields, then the body."""
    for key in FREE_TEXT:
        value = getattr(r, key)
        for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
            yield key, text
    yield "body", r.body


class _AttachmentNames:
    """The withheld names each attachment holds, read once per check whichever records list it."""

    def __init__(self, net: ahocorasick.Automaton, names: list[str], config: CatalogueConfig, prune: bool) -> None:
        self.net, self.root, self.prune = net, Path(config.catalogue_dir), prune
        self.heads = _heads(names)
        self.found: dict[str, list[_Hit]] = {}
        self.pdf_cache = self.text_cache = None
        if config.cache_dir is not None:
            self.pdf_cache = ContentCache(config.cache_dir, PDF_TEXT_NAMESPACE)
            self.text_cache = ContentCache(config.cache_dir, ATTACHMENT_TEXT_NAMESPACE)
        self.stack = contextlib.ExitStack()

    def __enter__(self) -> _AttachmentNames:
        if self.text_cache is not None:
            self.stack.enter_context(self.text_cache.batch())
        return self

    def __exit__(self, *exc) -> None:
        self.stack.close()
        if self.prune and self.text_cache is not None and exc[0] is None:
            self.text_cache.prune()

    def of(self, rel: str) -> list[_Hit]:
        """Each place a withheld name stands in the attachment ``rel``, in order (a few per name)."""
        if rel not in self.found:
            hits: list[_Hit] = []
            try:
                for text in attachment_texts(self.root, rel, self.pdf_cache, self.text_cache):
                    hits += _hits(self.net, text)
                    if text.laid_out:
                        hits += _wrapped(self.heads, text)
            except OSError:
                pass  # check_attachments says what is wrong with the file
            per_name: dict[str, int] = {}
            kept = []
            for hit in hits:
                per_name[hit.name] = per_name.get(hit.name, 0) + 1
                if per_name[hit.name] <= _HITS_PER_NAME:
                    kept.append(hit)
            self.found[rel] = kept
        return self.found[rel]


@dataclass(frozen=True, slots=True)
class _Hit:
    name: str
    where: str
    line: int | None
    enclosing: str | None = None
    """The 《…》 it stands in, as :func:`fold` reads it (None: not in one)."""


_HITS_PER_NAME = 20
"""Places kept per name and attachment: the first that counts is reported (:func:`_counts`)."""


def _hits(net: ahocorasick.Automaton, text: Text) -> Iterator[_Hit]:
    """Each withheld name in ``text``, its pieces read as one (a title over two lines or pages is one) or each
    on its own (``apart``).  Folded in one go, whatever the number of pieces (a workbook's 150,000 cells)."""
    if not text.pieces:
        return
    folded = fold((_APART if text.apart else _JOINED).join(piece.text for piece in text.pieces))
    ends: list[int] = []
    if not text.apart:  # the pieces' places from the marks, then the text without them
        parts = folded.split(_JOINED)
        ends, folded = list(itertools.accumulate(map(len, parts))), "".join(parts)
    last = len(text.pieces) - 1
    for end, name in net.iter(folded):
        start = end - len(name) + 1
        at = folded.count(_APART, 0, start) if text.apart else bisect.bisect_right(ends, start)
        piece = text.pieces[min(at, last)]
        yield _Hit(name, piece.where, piece.line, _enclosing(folded, start, end + 1))


def _heads(names: list[str]) -> ahocorasick.Automaton | None:
    """The first parts of the names (four characters or more, two or more left), for cells wrapped on a page."""
    heads: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        for i in range(_HEAD, len(name) - 1):
            heads.setdefault(name[:i], []).append((name, i))
    if not heads:
        return None
    net = ahocorasick.Automaton()
    for head, of in heads.items():
        net.add_word(head, of)
    net.make_automaton()
    return net


_HEAD = 4
_CELL, _LINE = "\x01", "\x02"
"""What stands for the space between two cells of a page's line, and for a line's (or a page's) end, once folded."""
_APART, _JOINED = "\x03", "\x04"
"""What stands between two pieces read each on its own, and between two read as one (its place kept)."""
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")


def _wrapped(heads: ahocorasick.Automaton | None, text: Text) -> Iterator[_Hit]:
    """Each withheld name wrapped in a table's cell on a page laid out by rows (a PDF's, an OFD's): read
    across, the row goes on with the next columns (…给予张三 江交〔2021〕 / 同志记过处分的决定 9号), so a
    cell that ends with a name's first part is joined to the cells of the next lines that go on with it."""
    if heads is None:
        return
    marked = [fold(_SPACES.sub(_CELL, piece.text).replace("\n", _LINE)) + _LINE for piece in text.pieces]
    joined = "".join(marked)
    ends = list(itertools.accumulate(map(len, marked)))
    for end, found in heads.iter(joined):
        if end + 1 < len(joined) and joined[end + 1] not in (_CELL, _LINE):
            continue  # not the end of a cell
        for name, i in found:
            if _goes_on(joined, end + 1, name[i:]):
                start = end - i + 1
                piece = text.pieces[min(bisect.bisect_right(ends, start), len(ends) - 1)]
                yield _Hit(name, piece.where, piece.line)


def _goes_on(joined: str, at: int, rest: str, lines: int = 3) -> bool:
    """Whether a cell of one of the next ``lines`` lines after ``at`` holds the rest of the name: starting with it,
    or being a middle part of it that a later line's cell ends."""
    line_end = joined.find(_LINE, at)
    for _ in range(lines):
        if line_end < 0:
            return False
        next_end = joined.find(_LINE, line_end + 1)
        cells = joined[line_end + 1:next_end if next_end >= 0 else len(joined)].split(_CELL)
        middle = None
        for cell in cells:
            if cell and cell.startswith(rest):
                return True
            if len(cell) >= 2 and rest.startswith(cell) and middle is None:
                middle = cell
        if middle is None:
            return False
        rest, line_end = rest[len(middle):], next_end
    return False


def _enclosing(folded: str, start: int, end: int) -> str | None:
    """The content of the 《…》 that ``folded[start:end]`` stands in, or None."""
    left = folded.rfind("《", max(0, start - 80), start)
    if left < 0 or "》" in folded[left + 1:start]:
        return None
    right = folded.find("》", end, end + 80)
    if right < 0 or "《" in folded[end:right]:
        return None
    return folded[left + 1:right]


def _counts(name: str, enclosing: str | None, other: Record) -> bool:
    """Whether the name written means the withheld ``other``: not when a document's bare name (no 关于) is part of
    another document's name in 《》 (a withheld 2024年工作要点 in 《全省交通运输2024年工作要点》: a review found the
    annual report kept off the site by it).  A name with 关于 is the record's wherever it stands (《省交通运输厅关于
    给予张三同志……的决定》, 《关于转发……的通知》), and so is a bare name with the record's issuer before it."""
    return enclosing is None or "关于" in name or enclosing in (name, fold(other.title)) or \
        any(enclosing == fold(i) + name for i in other.issuer)


def _attachment_problem(rel: str, where: str, line: int | None, other: Record) -> Problem:
    return problem(
        "withheld-title-named", rel, line, "attachments",
        f"附件 {rel} {where}写出了{other.disclosure.label}的记录 {other.index_no} 的名称「{other.title}」：附件会原样发布，"
        "那条记录不在网站上，它的名称却会随附件公开；改正之前，列出这个附件的记录不发布。",
        ("给附件改个不写出这个名称的文件名，并改正记录里附件一栏的文件名；" if where == "的文件名" else
         "从附件中删去这个名称（例如写“有关文件”）后重新导出；")
        + f"若这份文件其实可以公开，改正 {other.source} 的公开方式。")


def _problem(r: Record, key: str, text: str, folded: str, at: int, other: Record) -> Problem:
    if key == "body":
        places, starts, _ = folded_with_places(text)
        start = starts[at] if places == folded and at < len(starts) else 0
        line, where = r.body_line + text.count("\n", 0, start), "正文"
    else:
        line, where = r.line_of(key), FIELDS_BY_KEY[key].display
    return problem(
        "withheld-title-named", r.source, line, key,
        f"{where}写出了{other.disclosure.label}的记录 {other.index_no} 的名称「{other.title}」：那条记录不在网站上，"
        "它的名称却会随本记录公开；改正之前本记录不发布。",
        "改写这一处，不写出不公开文件的名称（例如写“有关文件”）；若这份文件其实可以公开，"
        f"改正 {other.source} 的公开方式。")
