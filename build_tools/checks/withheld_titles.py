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
issuer: :func:`_own_forms`, ten characters or more) are looked for in the
texts and attachments of records of the same issuer, which name the office's
documents so (根据《关于给予……的决定》, 我厅关于……); elsewhere only where a
link says which record is meant (the graph's check): without one,
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

A document's bare name after other words in 《》 (a withheld 2024年工作要点
in 《全省交通运输2024年工作要点》) is another document's, and a name starting
with 关于 right after another organ's (交通运输部关于……, 广东省交通运输厅关于……)
is that organ's: not reported (:func:`_counts`).  The office's own short
names (省厅, 交通运输厅) are its own (:func:`_own_organ`).

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import ahocorasick

from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..graph import LINK_FIELDS
from ..machinery.cache import ContentCache
from ..model.fields import FIELDS_BY_KEY
from ..model.not_public_names import in_not_public_folder
from ..model.record import Record
from ..model.values import in_hidden_file
from ..search.text import PDF_TEXT_NAMESPACE
from ..shown_text import record_texts as _texts
from ..validate import body_forms
from ..withheld_names import MARKS, WHOLE, bare_title, fold, folded_with_places, own_forms, record_names
from .attachment_texts import ATTACHMENT_TEXT_NAMESPACE, Text, attachment_texts


def check_withheld_titles(catalogue: Catalogue, config: CatalogueConfig | None = None, *,
                          prune: bool = False) -> list[Problem]:
    """``withheld-title-named`` for each public record that writes a withheld record's name without linking
    to it, once per pair, at the first text that holds it; given ``config``, in its attachments too
    (``prune``: what the check did not use leaves the cache directory, as the privacy check's does)."""
    # A record in a hidden file is never published: its title is no public one, nor its texts (a draft copy in
    # .drafts/ had switched off the search for the withheld record's title: a review).
    public = [r for r in catalogue.records if r.is_proactive and not in_hidden_file(r.source)]
    withheld = [r for r in (*catalogue.records, *catalogue.duplicates) if not r.is_proactive]
    # a record kept in a hidden folder named for what is not public (.neibu/), no disclosure line: internal, its
    # title was published by a notice citing it (a review)
    internal = [_Unread(r.index_no, r.title, tuple(r.issuer), r.source, tuple(r.attachments)) for r in catalogue.records
                if r.is_proactive and in_hidden_file(r.source) and in_not_public_folder(r.source)]
    unread = catalogue.unread_withheld()
    copies = _copies(public, withheld, unread, catalogue)
    copied = {p.file for p in copies}
    public = [r for r in public if r.source not in copied]  # said once, as a copy, not again for its title
    shown = frozenset().union(*(record_names(r.title, r.issuer) for r in public))
    owners: dict[str, list[Record]] = {}
    for r in (*withheld, *internal, *map(_Unread.of, unread)):
        if not r.is_proactive:
            # The title as written, not its shorter forms: without a link, 关于做好2025年春运工作的通知 may be the
            # ministry's of that name, and a public notice citing it was kept off the site (a review).
            name = fold(bare_title(r.title))
            if len(name) >= 6 and name not in shown:
                owners.setdefault(name, []).append(r)
    for name, r in _attachment_documents(withheld, public, shown):
        if name not in owners:
            owners[name] = [r]
    if not owners:
        if prune and config is not None and config.cache_dir is not None:
            ContentCache(config.cache_dir, ATTACHMENT_TEXT_NAMESPACE).prune()  # nothing looked for: nothing kept
        return copies
    own_forms: dict[str, list[Record]] = {}
    for name, records in owners.items():
        for r in records:
            for form in _own_forms(r):
                if form not in shown and form != name:
                    own_forms.setdefault(form, []).append(r)
    names = sorted(owners.keys() | own_forms.keys())
    net = ahocorasick.Automaton()
    for name in names:
        net.add_word(name, name)
    net.make_automaton()
    with _AttachmentNames(net, names, config, prune) if config is not None \
            else contextlib.nullcontext() as named:
        return copies + _named(public, owners, own_forms, net, named, catalogue.by_index)


_COPY_LEAST = 20
"""The fewest characters a body must hold (spaces aside) to be told a copy of another: 正文见附件 is no copy."""


def _copies(public: list[Record], withheld: list[Record], unread: list = (),
            catalogue: Catalogue | None = None) -> list[Problem]:
    """``withheld-record-copied`` for each public record whose title and body are a withheld record's, character for
    character but for spaces and line breaks (an ideographic space indenting a paragraph too): an Explorer copy made before
    the original was withheld, renumbered as the check asked, had published the withheld text in full (a review).
    Spaces only, not :func:`fold`'s whole reading: a copy is the text as it was, and folding every body cost 0.12 s
    at 3,000 records."""
    bodies: dict[tuple[str, str], Record] = {}
    for r in withheld:
        # as written, and without what withholding it added (a 附注, a comment): the copy was made before (a review)
        for body in body_forms(r.body):
            if len(body) >= _COPY_LEAST:
                bodies.setdefault(("".join(r.title.split()), body), r)
    for facts in unread:  # a withheld record with errors of its own: its copy was published (a review)
        for body in facts.get("body") or ():
            if len(body) >= _COPY_LEAST:
                bodies.setdefault(("".join(str(facts["title"]).split()), body), _Unread.of(facts))
    out = []
    for r in public if bodies else ():
        # its title too: records of one office share 正文见附件。如有疑问，请与厅办公室联系… (a review found every
        # public one kept off beside a withheld one)
        other = bodies.get(("".join(r.title.split()), "".join(r.body.split())))
        # its own earlier version (.bak/, made public since) is no copy; nor is a record of the same template whose
        # decision is in its own attachment (行政处罚决定书 of two parties: a review)
        if other is not None and other.index_no != r.index_no and _same_attachments(r, other, catalogue):
            out.append(problem(
                "withheld-record-copied", r.source, r.body_line, "body",
                f"本记录的正文与{other.disclosure.label}的记录 {other.index_no}（{other.source}）一字不差，多半是它的副本："
                "它会把不公开的全文公开；改正之前本记录不发布。",
                "是副本或旧稿的，删去本文件；确实要公开这份文件的，改正那条记录的公开方式，再删去副本。"))
    return out


def _same_attachments(copy: Record, original, catalogue: Catalogue | None) -> bool:
    """Whether ``copy`` attaches what ``original`` does, file for file (a file of the same bytes under another
    name is the same: a folder copied in Explorer), or nothing at all: compared by name, a copied folder's
    files made the copy a record of its own, and once its editor removed the copied file as the check asked,
    the withheld title and text were published (a review)."""
    if not copy.attachments or tuple(copy.attachments) == tuple(original.attachments):
        return True
    if catalogue is None:
        return False
    def files(r) -> frozenset[str]:
        return frozenset(min(catalogue.names_of(rel, copies=True)) for rel in r.attachments)
    return files(copy) == files(original)


_DOCUMENT_NAME = re.compile("(?:决定|通知|通报|报告|意见|批复|复函|函|纪要|方案|名单|办法|规定|说明|请示|公告|通告|材料|记录)$")
"""The end of a document's name (调查报告, 处分决定), not a form's (申请表, 登记表): a withheld record's attachment named
after the document it holds names that document wherever it is written."""


def _attachment_documents(withheld: list[Record], public: list[Record], shown: frozenset[str]) -> Iterator[tuple[str, _Unread]]:
    """The names, folded, of the withheld records' attachments named after a document (``张某某同志违纪问题调查报告.csv``),
    without their extension, eight characters or more, each with the record as the title net names one: cited as
    《张某某同志违纪问题调查报告》 or as an image's alternative text it was published, the file's name being looked for
    only with its extension (a review).  Not a name a public record or one of its attachments has, nor one of another
    organ's document (a 转发 notice attaches the ministry's).  Said as a warning (``withheld-attachment-named``): a
    generic name (社会稳定风险评估报告) may be any document's, and keeping a record off for it was wrong (a review)."""
    published = {fold(PurePosixPath(rel).stem) for r in public for rel in r.attachments}
    for r in withheld:
        for rel in r.attachments:
            stem = PurePosixPath(rel).stem.strip()
            name = fold(stem)
            organ = stem.split("关于", 1)[0] if "关于" in stem else ""
            if organ and not _own_organ(fold(organ), [fold(i) for i in r.issuer]):
                continue  # 交通运输部关于….pdf: the upper organ's document a 转发 notice attaches (a review)
            if len(name) >= 8 and _DOCUMENT_NAME.search(stem) and name not in shown and name not in published:
                yield name, _Unread(r.index_no, stem, tuple(r.issuer), r.source, tuple(r.attachments), part="附件")


@dataclass(frozen=True, slots=True)
class _Unread:
    """A record file with errors that says it is not public (:meth:`Catalogue.unread_withheld`): its title is
    withheld as a withheld record's is, though the file gives no record (a review found it published by a
    record naming it once the withheld one had an error of its own, a forgotten 不公开理由)."""

    index_no: str
    title: str
    issuer: tuple[str, ...]
    source: str
    attachments: tuple[str, ...] = ()
    part: str = ""
    """What of the record the name is (``附件``: an attachment's name without its extension), or the title."""
    is_proactive = False

    class disclosure:  # noqa: N801 (as Record.disclosure is read in messages)
        label = "不公开"

    @classmethod
    def of(cls, facts) -> _Unread:
        return cls(str(facts.get("index_no") or "（没有索引号）"), str(facts["title"]), tuple(facts.get("issuer", ())),
                   str(facts["source"]))


def _named(public: list[Record], owners: dict[str, list[Record]], own_forms: dict[str, list[Record]],
           net: ahocorasick.Automaton, named: _AttachmentNames | None, valid: Mapping[str, Record]) -> list[Problem]:
    out: list[Problem] = []
    for r in public:
        # the links to records the graph checks (a record with errors of its own it leaves to them: its name
        # was then read by no one, and published: a review)
        linked = {target for field in LINK_FIELDS for target in getattr(r, field) if target in valid}
        told: set[str] = set()
        for key, text in _texts(r):
            folded = fold(text, _comments(key))
            for end, name in net.iter(folded):
                start = end - len(name) + 1
                # The office's own texts name its documents without the issuer (根据《关于给予……的决定》,
                # 我厅关于……): a review found every such form published.  Another issuer's may mean its own.
                mine = [o for o in own_forms.get(name, ()) if set(o.issuer) & set(r.issuer)]
                for other in (*owners.get(name, ()), *mine):
                    if other.index_no not in linked and other.index_no not in told \
                            and _counts(name, _enclosing(folded, start, end + 1), folded[max(0, start - _BEFORE):start],
                                        other, own_form=name not in owners):
                        told.add(other.index_no)
                        out.append(_problem(r, key, text, folded, start, other))
        # An attachment's text is no link's to judge (a 废止决定's 废止文件目录.csv was published unread: a
        # review); in the office's own list (its issuer the withheld record's) the title without the issuer
        # names it too.
        for rel in r.attachments if named is not None else ():
            for hit in named.of(rel):
                mine = [o for o in own_forms.get(hit.name, ()) if set(o.issuer) & set(r.issuer)]
                for other in (*owners.get(hit.name, ()), *mine):
                    if getattr(other, "part", ""):
                        continue  # an attachment's name, maybe another document's: a public list naming it is no leak
                    if other.index_no not in told and _counts(hit.name, hit.enclosing, hit.before, other,
                                                              own_form=hit.name not in owners):
                        told.add(other.index_no)
                        out.append(_attachment_problem(rel, hit.where, hit.line, other))
    return out


def check_embargoed_titles(catalogue: Catalogue, as_of) -> list[Problem]:
    """``names-not-yet-public`` (a warning) for each record public on ``as_of`` that writes the title of a
    主动公开 record whose 发布日期 is still to come: the site publishes the name before that day (an attack review
    found a personnel appointment so announced early, nothing said).  The office may mean it (a notice of what
    will be published): said, not kept off.  Only the title as written, six characters or more; a name a
    record already public has too is not looked for."""
    live = [r for r in catalogue.records if r.is_proactive and r.published <= as_of]
    shown = frozenset().union(*(record_names(r.title, r.issuer) for r in live))
    waiting: dict[str, list[Record]] = {}
    for r in catalogue.records:
        name = fold(bare_title(r.title))
        if r.is_proactive and r.published > as_of and len(name) >= 6 and name not in shown:
            waiting.setdefault(name, []).append(r)
    if not waiting:
        return []
    net = ahocorasick.Automaton()
    for name in waiting:
        net.add_word(name, name)
    net.make_automaton()
    out = []
    for r in live:
        told: set[str] = set()
        for key, text in _texts(r):
            folded = fold(text, _comments(key))
            for end, name in net.iter(folded):
                for other in waiting[name]:
                    if other.index_no in told:
                        continue
                    told.add(other.index_no)
                    line, where = _place(r, key, text, folded, end - len(name) + 1)
                    out.append(problem(
                        "names-not-yet-public", r.source, line, key,
                        f"{where}写出了 {other.published.isoformat()} 才发布的记录 {other.index_no} 的名称「{other.title}」："
                        "在那之前，它的名称会随本记录提前公开。",
                        "如果确实要提前提到它，可以不改；否则改写这一处（例如写“有关文件”），"
                        f"或核对两条记录的发布日期（{other.source}）。"))
    return out


def _own_forms(r: Record) -> set[str]:
    """The shorter forms of ``r``'s title (:func:`~build_tools.withheld_names.own_forms`): looked for only in the
    texts and attachments of records of the same issuer."""
    return own_forms(bare_title(r.title), r.issuer)




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
            kept: list[_Hit] = []
            places: dict[tuple, int] = {}

            def keep(hits: Iterator[_Hit]) -> set[str]:
                names = set()
                for hit in hits:  # a few of each name in each kind of place: the rules that follow judge by it
                    names.add(hit.name)
                    kind = (hit.name, hit.enclosing is None, _ORGAN_BEFORE.search(hit.before) is None)
                    places[kind] = places.get(kind, 0) + 1
                    if places[kind] <= _HITS_PER_NAME:
                        kept.append(hit)
                return names

            try:
                for text in attachment_texts(self.root, rel, self.pdf_cache, self.text_cache):
                    found = keep(_hits(self.net, text))
                    if text.laid_out:  # a wrapped cell's name the text read as lines did not hold
                        keep(h for h in _wrapped(self.heads, text) if h.name not in found)
            except OSError:
                pass  # check_attachments says what is wrong with the file
            self.found[rel] = kept
        return self.found[rel]


@dataclass(frozen=True, slots=True)
class _Hit:
    name: str
    where: str
    line: int | None
    enclosing: tuple[str, int] | None = None
    """The 《…》 it stands in, as :func:`fold` reads it, and where in it the name starts (None: not in one)."""
    before: str = ""
    """The text just before it (up to :data:`_BEFORE` characters of its piece), as folded: another issuer's name?"""


_HITS_PER_NAME = 20
"""Places kept per name and attachment: the first that counts is reported (:func:`_counts`)."""


def _hits(net: ahocorasick.Automaton, text: Text) -> Iterator[_Hit]:
    """Each withheld name in ``text``, its pieces read as one (a title over two lines or pages is one) or each
    on its own (``apart``).  Folded in one go, whatever the number of pieces (a workbook's 150,000 cells)."""
    if not text.pieces:
        return
    mark = _APART if text.apart else _JOINED
    parts = fold(mark.join(piece.text.translate(_MARKS_OUT) for piece in text.pieces)).split(mark)
    if text.apart:  # each piece on its own: the mark stays between them, a place of its own
        ends = list(itertools.accumulate(len(part) + 1 for part in parts))
        folded = mark.join(parts)
    else:  # read as one: the text without the marks
        ends = list(itertools.accumulate(map(len, parts)))
        folded = "".join(parts)
    last = len(text.pieces) - 1
    for end, name in net.iter(folded):
        start = end - len(name) + 1
        at = bisect.bisect_right(ends, start)
        piece = text.pieces[min(at, last)]
        piece_start = ends[at - 1] if at > 0 else 0
        before = folded[max(piece_start, start - _BEFORE):start]
        yield _Hit(name, piece.where, piece.line, _enclosing(folded, start, end + 1), before)


def _heads(names: list[str]) -> ahocorasick.Automaton | None:
    """The first parts of the names (four characters or more, one or more left), for cells wrapped on a page."""
    heads: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        for i in range(_HEAD, len(name)):
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
_MARKS_OUT = dict.fromkeys(range(1, 5), " ")
"""The marks above as a text may hold them (an OA export's field separators): read as spaces."""
_BEFORE = 24
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")


def _wrapped(heads: ahocorasick.Automaton | None, text: Text) -> Iterator[_Hit]:
    """Each withheld name wrapped in a table's cell on a page laid out by rows (a PDF's, an OFD's): read
    across, the row goes on with the next columns (…给予张三 江交〔2021〕 / 同志记过处分的决定 9号), so a
    cell that ends with a name's first part is joined to the cells of the next lines that go on with it."""
    if heads is None:
        return
    marked = [fold(_SPACES.sub(_CELL, piece.text.translate(_MARKS_OUT)).replace("\n", _LINE)) + _LINE
              for piece in text.pieces]
    joined = "".join(marked)
    ends = list(itertools.accumulate(map(len, marked)))
    for end, found in heads.iter(joined):
        if end + 1 < len(joined) and joined[end + 1] not in (_CELL, _LINE):
            continue  # not the end of a cell
        for name, i in found:
            if _goes_on(joined, end + 1, name[i:], len(name) // _HEAD + 1):
                start = end - i + 1
                piece = text.pieces[min(bisect.bisect_right(ends, start), len(ends) - 1)]
                yield _Hit(name, piece.where, piece.line)


def _goes_on(joined: str, at: int, rest: str, lines: int) -> bool:
    """Whether a cell of one of the next ``lines`` lines after ``at`` holds the rest of the name: starting with it
    (a single character only as the whole cell), or being a middle part of it that a later line's cell ends."""
    line_end = joined.find(_LINE, at)
    for _ in range(lines):
        if line_end < 0:
            return False
        next_end = joined.find(_LINE, line_end + 1)
        cells = joined[line_end + 1:next_end if next_end >= 0 else len(joined)].split(_CELL)
        middle = None
        for cell in cells:
            if cell == rest or len(rest) > 1 and cell.startswith(rest):
                return True
            if cell and rest.startswith(cell) and len(cell) < len(rest) and middle is None \
                    and (len(cell) >= 2 or len(cells) == 1):
                middle = cell
        if middle is None:
            return False
        rest, line_end = rest[len(middle):], next_end
    return False


def _enclosing(folded: str, start: int, end: int) -> tuple[str, int] | None:
    """The content of the 《…》 that ``folded[start:end]`` stands in, and where in it the name starts, or None."""
    left = folded.rfind("《", max(0, start - 80), start)
    if left < 0 or "》" in folded[left + 1:start]:
        return None
    right = folded.find("》", end, end + 80)
    if right < 0 or "《" in folded[end:right]:
        return None
    return folded[left + 1:right], start - left - 1


def _counts(name: str, hit_enclosing: tuple[str, int] | None, before: str, other: Record,
            own_form: bool = False) -> bool:
    """Whether the name written means the withheld ``other``.

    Not a document's bare name (no 关于) after other words in 《》: a withheld 2024年工作要点 in
    《全省交通运输2024年工作要点》 is another document (a review found the annual report kept off the site by it).
    A name with 关于 counts wherever it stands in 《》 (《关于转发……的通知》, 《……决定执行情况的报告》), and so does
    a name right after 《 or after the record's issuer.  A name starting with 关于 right after another organ's
    name (交通运输部关于加强安全生产工作的通知) is that organ's document, unless 本厅/我厅 says it is the office's."""
    if hit_enclosing is not None and "关于" not in name:
        content, at = hit_enclosing
        prefix = content[:at]
        issuers = [fold(i) for i in other.issuer]
        if prefix and prefix not in issuers and not _own_organ(prefix, issuers):  # 《我厅2025年度……名单》 (a review)
            return False
    if name.startswith("关于") and _ORGAN_BEFORE.search(before):
        return _own_organ(before.removesuffix("《"), [fold(i) for i in other.issuer])
    issued = _ISSUED_BY.search(before) if own_form and name.startswith("关于") else None
    if issued and not _own_organ(before[:issued.start("verb")], [fold(i) for i in other.issuer]):
        return False  # 交通运输部近日印发《关于……》: the title without an issuer is the organ named before's (a review)
    return True


_ORGAN_BEFORE = re.compile("(?:部|厅|局|委|办|院|署|政府|中心|委员会|办公室|公司|集团|所|站|处|队|会|司|科|组|专班|机制"
                           "|银行|分行|支行|[人工农建中交招商浦储]行)《?$")
"""The end of an organ's name, just before a 关于 (or the 《 before it): the document is that organ's."""
_OWN_BEFORE = re.compile("(?:本|我)(?:部|厅|局|委|办|院|署|中心|委员会|办公室|处|会|科|室)$")
_LINKING = frozenset("据照按依经由将在从对向为与和及同的是把被给请即报送转发见并织我本该")
"""Words that stand before an organ's name in a sentence (根据省厅……, 经省厅……, 我省交通运输厅), not a place's."""
_ISSUED_BY = re.compile("(?:部|厅|局|委|办|院|署|政府|中心|委员会|办公室|公司|集团)(?P<verb>(?:近日|日前|近期|已经|已"
                        "|于[^《》，。]{0,10}?)?(?:印发|发布|下发|出台|制定|转发|公布|颁布|发出)(?:了|的)?《?)$")
"""An organ right before the verb that issued the title written after it (交通运输部近日印发《, 本厅于1月8日印发的《):
only there is the organ the title's (an organ word elsewhere before it, 各市交通运输局：根据《, says nothing: a review)."""


def _own_organ(before: str, issuers: list[str]) -> bool:
    """Whether the organ named at the end of ``before`` is the withheld record's issuer: 本厅, 我厅, its full
    name, or a short one (省厅, 交通运输厅, 省交通运输厅, 江川省交通厅: the issuer's characters in order, ending
    with its own).  Not another place's office of the same kind (广东省交通运输厅): a short name starting
    with 省, 市 … right after a place's name.  A review found the office's short names taken for another's."""
    if _own_name(before, issuers):
        return True
    # the office's own division or its general office before the title (我厅人事处关于……, 江川省交通运输厅办公室关于……:
    # a review found them taken for another organ)
    if _UNIT.search(before) is None:
        return False
    return any(_IDEOGRAPH.fullmatch(before[-k]) and _ANOTHER_ORGAN.search(before[-k:-2]) is None
               and _own_name(before[:-k], issuers) for k in range(2, min(len(before), _UNIT_LONGEST + 1)))


_ANOTHER_ORGAN = re.compile("[部厅局委院署]|政府|公司|集团")
"""An organ's name inside what stands between the office and its unit: the unit is that organ's (江川省交通运输厅
公路局党组 is the 公路局's: a review)."""


_UNIT = re.compile("(?:处|室|科|党组|专班|小组)$")
"""The end of a division or a group of an office (人事处, 办公室, 法规科, 党组, 安全生产工作专班, 领导小组): the organ
before it is whose it is (厅党组关于给予……的决定 is the office's: a review).  Not a 中心: an office's
公路事业发展中心 is an institution of its own, whose documents are its own (a review)."""
_UNIT_LONGEST = 10


def _own_name(before: str, issuers: list[str]) -> bool:
    if _OWN_BEFORE.search(before):
        return True
    for issuer in issuers:
        if not issuer or not before.endswith(issuer[-1]):
            continue
        if before.endswith(issuer):
            return True
        length, at = 0, len(issuer)
        for c in reversed(before):  # the longest end of ``before`` whose characters stand in the issuer in order
            at = issuer.rfind(c, 0, at)
            if at < 0:
                break
            length += 1
        ahead = before[len(before) - length - 1] if length < len(before) else ""
        # what stands before the short name is a sentence's word or nothing (根据省厅, 我省交通运输厅), not the rest
        # of another name (四川省交通运输厅 shares 川省交通运输厅 with 江川省交通运输厅: a review)
        if not _IDEOGRAPH.fullmatch(ahead) or ahead in _LINKING:
            return True
    return False


_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def _attachment_problem(rel: str, where: str, line: int | None, other: Record) -> Problem:
    return problem(
        "withheld-title-named", rel, line, "attachments",
        f"附件 {rel} {where}写出了{other.disclosure.label}的记录 {other.index_no} 的名称「{other.title}」：附件会原样发布，"
        "那条记录不在网站上，它的名称却会随附件公开；改正之前，列出这个附件的记录不发布。",
        ("给附件改个不写出这个名称的文件名，并改正记录里附件一栏的文件名；" if where == "的文件名" else
         "从附件中删去这个名称（例如写“有关文件”）后重新导出；")
        + f"若这份文件其实可以公开，改正 {other.source} 的公开方式。")


def _comments(key: str) -> str:
    """How a text's comments are read: a body's are hidden (the page, the open data and the index leave them
    out); a field's are text, which the page, the feeds and the open data print as written (a withheld title
    in a comment in a 内容概述 was published: a review)."""
    return WHOLE if key == "body" else MARKS


def _place(r: Record, key: str, text: str, folded: str, at: int) -> tuple[int | None, str]:
    """The line and the words for where the folded text's character ``at`` stands in the record."""
    if key == "body":
        places, starts, _ = folded_with_places(text)
        start = starts[at] if places == folded and at < len(starts) else 0
        return r.body_line + text.count("\n", 0, start), "正文"
    return r.line_of(key), FIELDS_BY_KEY[key].display


def _problem(r: Record, key: str, text: str, folded: str, at: int, other: Record) -> Problem:
    line, where = _place(r, key, text, folded, at)
    if getattr(other, "part", ""):  # an attachment's name: maybe another document's of that name (a review)
        return problem(
            "withheld-attachment-named", r.source, line, key,
            f"{where}写出了{other.disclosure.label}的记录 {other.index_no} 的附件名称「{other.title}」：附件以文件命名时，"
            "这就是那份不公开的文件的名称。",
            "如果指的就是那份文件，改写这一处（例如写“有关材料”）；如果是另一份同名的文件，可以不改。")
    return problem(
        "withheld-title-named", r.source, line, key,
        f"{where}写出了{other.disclosure.label}的记录 {other.index_no} 的{getattr(other, 'part', '')}名称「{other.title}」："
        "那条记录不在网站上，它的名称却会随本记录公开；改正之前本记录不发布。",
        "改写这一处，不写出不公开文件的名称（例如写“有关文件”）；若这份文件其实可以公开，"
        f"改正 {other.source} 的公开方式。")
