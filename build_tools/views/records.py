"""What a record page shows, as plain data (no HTML, no template engine).

The metadata table a Chinese government page carries, the banner on a record
that is no longer (or not yet) in force, and the related documents: for a
policy its interpretations and the documents that amend or repeal it, for an
interpretation the policies it explains.  All links come from the public link
graph, so a link to a record the public may not see is never produced.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

from ..model.fields import FIELDS_BY_KEY, Kind
from ..model.record import Record
from ..status import CHANGED, Status, takes_effect
from ..visibility import PublicCatalogue
from .fiscal import OVERVIEW_PATH, FiscalView, fiscal_view
from .history import RecordHistory
from .urls import attachment_path, attachment_url, record_path  # noqa: F401 (attachment_path: re-exported)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to another page; ``url`` is None for plain text."""

    text: str
    url: str | None
    note: str = ""
    """Small print after the link: date, form, index number."""
    status: Status | None = None
    """The linked record's validity when it is not 现行有效 (pages show it as a label), else None."""


@dataclass(frozen=True, slots=True)
class Row:
    """One cell pair of the metadata table."""

    label: str
    value: str
    wide: bool = False
    """Spans the whole table width (the title)."""
    flag: str = ""
    """For the 有效性 row of a record not 现行有效: the status's style name (``repealed`` …)."""


@dataclass(frozen=True, slots=True)
class Banner:
    """The notice above a record that is not plainly in force.

    Each status has its own heading and wording; the text says from which
    day the change took effect and which date that is (the changing
    record's 实施日期 or 发布日期, the record's own 有效期至 or 实施日期).
    """

    status: Status
    text: str
    links: tuple[Link, ...] = ()
    title: str = ""
    """The heading (本文件已废止 …), different for each status."""
    date: str = ""
    """The day the change took (or takes) effect, ISO; empty when no date is known."""


@dataclass(frozen=True, slots=True)
class Section:
    """A titled list of related documents under the body."""

    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class RecordPage:
    """Everything a record page shows."""

    path: str
    """Directory URL relative to the site root (``records/…/``)."""
    record: Record
    status: Status
    rows: tuple[Row, ...]
    banner: Banner | None
    sections: tuple[Section, ...]
    """Every list of related documents, shown after the body."""
    attachments: tuple[Link, ...]
    description: str
    """For the description meta tag and lists: the summary, or the title."""
    annual: object | None = None
    """An annual report's tables (:class:`~build_tools.views.annual_report.AnnualReportView`), set by the site view."""
    fiscal: FiscalView | None = None
    """A budget's or final account's figures: tables, chart, CSV link (views/fiscal.py)."""
    overview: str = ""
    """The 预决算总览's address for a budget or final account, with figures or without (a review found a budget
    published without figures had no way back to it); empty for other records."""
    key_sections: tuple[Section, ...] = ()
    """相关解读, 解读对象 and the documents that amend or repeal this one: shown compactly
    after the metadata table, before the body (``sections`` lists them again at the end)."""
    as_of: str = ""
    """The build's date, ISO: the page says its information is as of this day."""
    versions: str = ""
    """The record's versions page (views/versions.py), or empty when it has a single version."""
    history: RecordHistory | None = None
    """本页修订记录: when the page went on the site and its revisions (views/history.py)."""


KEY_SECTIONS = ("相关解读", "解读对象", "修改本文件的文件", "废止本文件的文件")
"""The related documents a reader needs before reading the body."""


def record_link(record: Record, *, note: str = "", public: PublicCatalogue | None = None) -> Link:
    """A link to a public record's page, relative to the site root.

    With ``public``, the link carries the record's validity on its day (:meth:`PublicCatalogue.status`) when it is
    not 现行有效.
    """
    status = public.status(record) if public is not None else None
    return Link(record.title, record_path(record.index_no), note or record.published.isoformat(),
                status if status is not None and status.shown else None)


def cn_date(day: dt.date) -> str:
    """``2023-05-01`` → ``2023年5月1日``, as Chinese official documents write dates."""
    return f"{day.year}年{day.month}月{day.day}日"


def versions_path(index_no: str) -> str:
    """The versions page of a record: ``records/…/versions/``."""
    return f"{record_path(index_no)}versions/"


def has_versions(record: Record, public: PublicCatalogue) -> bool:
    """Whether the record belongs to a line: amended, repealed, or repealing a public record."""
    g = public.graph
    n = record.index_no
    return any(public.get(o) is not None
               for rel in (g.amended_by, g.repealed_by, g.repeals) for o in rel.get(n, ()))


def record_page(record: Record, public: PublicCatalogue, history: RecordHistory | None = None) -> RecordPage:
    """Build the view of one public record (``history``: its :func:`~.history.record_history`)."""
    status = public.status(record)
    sections = _sections(record, public)
    return RecordPage(
        path=record_path(record.index_no),
        record=record,
        status=status,
        rows=_rows(record, status),
        banner=_banner(record, status, public),
        sections=sections,
        attachments=tuple(Link(posixpath.basename(a), attachment_url(a)) for a in record.attachments),
        description=record.summary or record.title,
        fiscal=fiscal_view(record),
        overview=OVERVIEW_PATH if record.kind in (Kind.BUDGET, Kind.FINAL_ACCOUNT) else "",
        key_sections=tuple(s for s in sections if s.title in KEY_SECTIONS),
        as_of=public.as_of.isoformat(),
        versions=versions_path(record.index_no) if has_versions(record, public) else "",
        history=history,
    )


def _label(key: str) -> str:
    return FIELDS_BY_KEY[key].label


def _rows(r: Record, status: Status) -> tuple[Row, ...]:
    """The metadata table, in the order gov.cn pages use."""
    def date(d) -> str:
        return d.isoformat() if d else ""

    rows = [
        Row(_label("index_no"), r.index_no),
        Row(_label("category"), r.category.replace("/", " / ")),
        Row(_label("issuer"), "、".join(r.issuer)),
        Row(_label("written"), date(r.written)),
        Row(_label("title"), r.title, wide=True),
        Row(_label("doc_no"), r.doc_no.original if r.doc_no else ""),
        Row(_label("published"), date(r.published)),
    ]
    if r.kind is Kind.POLICY:
        rows += [Row(_label("doc_type"), r.doc_type.label if r.doc_type else ""),
                 Row(_label("effective"), date(r.effective))]
        if r.expires:
            rows.append(Row(_label("expires"), date(r.expires)))
        rows.append(Row(_label("validity"), status.label, flag=status.slug if status.shown else ""))
    if r.fiscal_year:
        rows.append(Row(_label("fiscal_year"), f"{r.fiscal_year}年"))
    if r.approved:
        rows.append(Row(_label("approved"), date(r.approved)))
    if r.interpretation_form:
        rows.append(Row(_label("interpretation_form"), r.interpretation_form.label))
    rows.append(Row(_label("disclosure"), r.disclosure.label))
    if r.keywords:
        rows.append(Row(_label("keywords"), "　".join(r.keywords)))
    return tuple(row for row in rows if row.value or row.wide)


def _links(index_nos, public: PublicCatalogue, note=None) -> tuple[Link, ...]:
    links = []
    for n in index_nos:
        other = public.get(n)
        if other is not None:
            links.append(record_link(other, note=note(other) if note else "", public=public))
    return tuple(links)


def _from(day: dt.date, as_of: dt.date) -> str:
    """``自 2024年7月1日`` for a day that has come, ``将自 2027年1月1日`` for one still ahead."""
    return f"{'将' if day > as_of else ''}自 {cn_date(day)}"


def _changers(index_nos, public: PublicCatalogue, verb: str) -> tuple[tuple[Link, ...], dt.date | None, str]:
    """Links to the public records that change a record, each noting from when (``自 … 起废止``,
    ``将自 … 起废止`` while that day is still ahead), with the earliest such day and the wording of
    which date it is."""
    links, first, which = [], None, ""
    for n in index_nos:
        other = public.get(n)
        if other is None:
            continue
        day, kind = takes_effect(other)
        note = f"{_from(day, public.as_of)} 起{verb}（该文件的{kind}）"
        links.append(record_link(other, note=note, public=public))
        if first is None or day < first:
            first, which = day, kind
    return tuple(links), first, which


def _banner(r: Record, status: Status, public: PublicCatalogue) -> Banner | None:
    g = public.graph
    n = r.index_no
    ahead = status is Status.IN_FORCE and r.validity in CHANGED
    if ahead:  # written ahead of the day the change takes effect: its banner says what happens then ("将自 … 起废止")
        status = Status(r.validity.value)
    if status is Status.REPEALED:
        links, day, which = _changers(g.repealed_by.get(n, ()), public, "废止")
        if day is None:
            # repealed by a record not public yet: in force until its day, which the page cannot name yet
            return None if ahead else Banner(status, "本文件已废止，不再执行。", title="本文件已废止")
        if day > public.as_of:  # marked 已废止 ahead of the day: say what happens when
            return Banner(status, f"本文件将自 {cn_date(day)} 起废止（这一天是废止文件的{which}），"
                          "在此之前继续执行。废止本文件的文件：", links, "本文件将废止", day.isoformat())
        return Banner(status, f"本文件自 {cn_date(day)} 起废止（这一天是废止文件的{which}），不再执行。废止本文件的文件：",
                      links, "本文件已废止", day.isoformat())
    if status is Status.AMENDED:
        links, day, which = _changers(g.amended_by.get(n, ()), public, "施行修改")
        if day is None:  # amended by a record not public yet, ahead of its day: in force as it stands (a review)
            return None if ahead else Banner(status, "本文件已修改，请以修改后的规定为准。", title="本文件已修改")
        if day > public.as_of:
            return Banner(status, f"本文件将自 {cn_date(day)} 起按修改后的规定执行（这一天是修改文件的{which}），"
                          "在此之前按原规定执行。修改本文件的文件：", links, "本文件将修改", day.isoformat())
        return Banner(status, f"本文件自 {cn_date(day)} 起按修改后的规定执行（这一天是修改文件的{which}），"
                      "请以修改后的规定为准。修改本文件的文件：", links, "本文件已修改", day.isoformat())
    if status is Status.PARTIALLY_INVALID:
        amended = _changers(g.amended_by.get(n, ()), public, "施行修改")
        repealed = _changers(g.repealed_by.get(n, ()), public, "部分废止")
        links = amended[0] + repealed[0]
        dated = [(d, w) for _, d, w in (amended, repealed) if d is not None]
        if not dated:
            return None if ahead else Banner(status, "本文件部分条款已失效，其余条款继续有效。", title="本文件部分失效")
        day, which = min(dated)
        if day > public.as_of:
            return Banner(status, f"本文件部分条款将自 {cn_date(day)} 起失效（这一天是相关文件的{which}），"
                          "在此之前全文继续有效。相关文件：", links, "本文件部分条款将失效", day.isoformat())
        return Banner(status, f"本文件部分条款自 {cn_date(day)} 起失效（这一天是相关文件的{which}），"
                      "其余条款继续有效。相关文件：", links, "本文件部分失效", day.isoformat())
    if status is Status.EXPIRED:
        if r.expires:
            return Banner(status, f"本文件有效期至 {cn_date(r.expires)}（有效期的最后一天），此后已失效。",
                          title="本文件已失效", date=r.expires.isoformat())
        return Banner(status, "本文件已失效。", title="本文件已失效")
    if status is Status.NOT_YET_EFFECTIVE:
        return Banner(status, f"本文件自 {cn_date(r.effective)}（实施日期）起施行，目前尚未生效。",
                      title="本文件尚未生效", date=r.effective.isoformat())
    return None


def _sections(r: Record, public: PublicCatalogue) -> tuple[Section, ...]:
    g = public.graph
    n = r.index_no
    form = lambda o: f"{o.interpretation_form.label if o.interpretation_form else '解读'} · {o.published.isoformat()}"  # noqa: E731
    wanted = [
        ("相关解读", _links(g.interpretations.get(n, ()), public, form)),
        ("解读对象", _links(g.interprets.get(n, ()), public)),
        ("修改本文件的文件", _links(g.amended_by.get(n, ()), public)),
        ("废止本文件的文件", _links(g.repealed_by.get(n, ()), public)),
        ("本文件修改的文件", _links(g.amends.get(n, ()), public)),
        ("本文件废止的文件", _links(g.repeals.get(n, ()), public)),
    ]
    sections = [Section(title, links) for title, links in wanted if links]
    # A reference the editor wrote to a record the public may not see is
    # shown as plain text without its number or title: both could disclose it.
    hidden = sum(1 for f in ("interprets", "amends", "repeals") for t in getattr(r, f)
                 if public.get(t) is None)
    if hidden:
        sections.append(Section("其他相关文件", (Link(f"另有 {hidden} 份相关文件未主动公开。", None),)))
    return tuple(sections)
