"""What a record page shows, as plain data (no HTML, no template engine).

The metadata table a Chinese government page carries, the banner on a record
that is no longer (or not yet) in force, and the related documents: for a
policy its interpretations and the documents that amend or repeal it, for an
interpretation the policies it explains.  All links come from the public link
graph, so a link to a record the public may not see is never produced.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..model.fields import FIELDS_BY_KEY, Kind
from ..model.record import Record
from ..status import Status, status_on
from ..visibility import PublicCatalogue
from .fiscal import FiscalView, fiscal_view
from .urls import attachment_path, attachment_url, record_path  # noqa: F401 (attachment_path: re-exported)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to another page; ``url`` is None for plain text."""

    text: str
    url: str | None
    note: str = ""
    """Small print after the link: date, form, index number."""


@dataclass(frozen=True, slots=True)
class Row:
    """One cell pair of the metadata table."""

    label: str
    value: str
    wide: bool = False
    """Spans the whole table width (the title)."""


@dataclass(frozen=True, slots=True)
class Banner:
    """The notice above a record that is not plainly in force."""

    status: Status
    text: str
    links: tuple[Link, ...] = ()


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
    attachments: tuple[Link, ...]
    description: str
    """For the description meta tag and lists: the summary, or the title."""
    annual: object | None = None
    """An annual report's tables (:class:`~build_tools.views.annual_report.AnnualReportView`), set by the site view."""
    fiscal: FiscalView | None = None
    """A budget's or final account's figures: tables, chart, CSV link (views/fiscal.py)."""


def record_link(record: Record, *, note: str = "") -> Link:
    """A link to a public record's page, relative to the site root."""
    return Link(record.title, record_path(record.index_no), note or record.published.isoformat())


def record_page(record: Record, public: PublicCatalogue) -> RecordPage:
    """Build the view of one public record."""
    status = status_on(record, public.as_of)
    return RecordPage(
        path=record_path(record.index_no),
        record=record,
        status=status,
        rows=_rows(record, status),
        banner=_banner(record, status, public),
        sections=_sections(record, public),
        attachments=tuple(Link(posixpath.basename(a), attachment_url(a)) for a in record.attachments),
        description=record.summary or record.title,
        fiscal=fiscal_view(record),
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
        rows.append(Row(_label("validity"), status.label))
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
            links.append(record_link(other, note=note(other) if note else ""))
    return tuple(links)


def _banner(r: Record, status: Status, public: PublicCatalogue) -> Banner | None:
    g = public.graph
    if status is Status.REPEALED:
        links = _links(g.repealed_by.get(r.index_no, ()), public)
        return Banner(status, "本文件已废止。" if not links else "本文件已被下列文件废止：", links)
    if status is Status.AMENDED:
        links = _links(g.amended_by.get(r.index_no, ()), public)
        return Banner(status, "本文件已修改，请以修改后的规定为准。" if not links
                      else "本文件已被下列文件修改，请以修改后的规定为准：", links)
    if status is Status.PARTIALLY_INVALID:
        links = _links((*g.amended_by.get(r.index_no, ()), *g.repealed_by.get(r.index_no, ())), public)
        return Banner(status, "本文件部分条款已失效。" + ("相关文件：" if links else ""), links)
    if status is Status.EXPIRED:
        until = f"有效期至 {r.expires.isoformat()}，" if r.expires else ""
        return Banner(status, f"本文件{until}已失效。")
    if status is Status.NOT_YET_EFFECTIVE:
        return Banner(status, f"本文件自 {r.effective.isoformat()} 起施行，目前尚未生效。")
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
