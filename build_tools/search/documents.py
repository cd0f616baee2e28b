"""Search documents: what of each public record search finds and shows.

Built from the :class:`~build_tools.visibility.PublicCatalogue` only, so a
record the public may not see never reaches the index.  A document has four
fields, searched in order of weight:

- **title**;
- **meta**: index number, 发文字号, 主题词 and 内容概述;
- **body**: the Markdown body as the reader sees it (see :mod:`.text`);
- **attachments**: the text of each attachment (PDF, CSV, TXT).

and the facet values the filters use: kind, 主题分类, year, 发文机关, 有效性
(:func:`shown_status`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..annual_report import search_body
from ..model.fields import Kind
from ..status import shown_label
from ..links import PublicLinks
from ..model.record import Record
from ..views.urls import attachment_url, record_path
from ..visibility import PublicCatalogue
from .text import attachment_text, markdown_text

FIELDS = ("title", "meta", "body", "attachments")
"""Field names, in index order (the index stores a field by its position here)."""

TITLE, META, BODY, ATTACHMENTS = range(len(FIELDS))


@dataclass(frozen=True, slots=True)
class Attachment:
    """One attachment's name, site URL and text."""

    name: str
    url: str
    text: str


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One public record as search sees it."""

    index_no: str
    title: str
    url: str
    """Record page, relative to the site root."""
    date: str
    """Published date, ISO."""
    kind: str
    """Kind token (``policy``, …); its label is in :data:`KIND_LABELS`."""
    category: str
    year: int
    """Published year."""
    issuers: tuple[str, ...]
    validity: str
    """有效性 on the build date as the record page shows it (see :func:`shown_status`), or ""."""
    doc_no: str
    keywords: tuple[str, ...]
    summary: str
    body: str
    attachments: tuple[Attachment, ...]
    newest: int
    """Its place among the results listed by date, newest first (the public catalogue's order)."""

    @property
    def meta(self) -> tuple[str, ...]:
        """The parts of the meta field: index number, 发文字号, keywords, summary."""
        return tuple(p for p in (self.index_no, self.doc_no, *self.keywords, self.summary) if p)

    def field_parts(self, field: int) -> tuple[str, ...]:
        """The texts of one field; a match never spans two of them."""
        if field == TITLE:
            return (self.title,)
        if field == META:
            return self.meta
        if field == BODY:
            return (self.body,) if self.body else ()
        return tuple(a.text for a in self.attachments if a.text)


KIND_LABELS = {k.value: k.label for k in Kind}


def shown_status(record: Record, public: PublicCatalogue) -> str:
    """The 有效性 search shows and filters by: what the lists show (:func:`~build_tools.status.shown_label`).

    ``validity`` and the dates it is derived from apply to every kind, and a
    record's page shows the status banner whenever it is not 现行有效.
    """
    return shown_label(record, public.status(record))


def search_documents(public: PublicCatalogue, read_attachment: Callable[[str], bytes]
                     ) -> list[SearchDocument]:
    """One document per public record, in the index's order (:func:`index_order`).

    ``read_attachment`` returns the bytes of an attachment given its path
    relative to the catalogue root.
    """
    return list(each_search_document(public, read_attachment))


def each_search_document(public: PublicCatalogue, read_attachment: Callable[[str], bytes]
                         ) -> Iterator[SearchDocument]:
    """:func:`search_documents` one at a time: the index takes each document's texts as it comes,
    so that the texts of all documents never exist at once beside their normalised copies."""
    links = PublicLinks.of(public)  # the body as the page shows it: links to what is not public are text
    for newest, r in index_order(public.records):
        status = shown_status(r, public)
        doc_no = r.doc_no.original if r.doc_no else ""
        attachments = []
        for rel in r.attachments:
            name = posixpath.basename(rel)
            try:
                data = read_attachment(rel)
            except OSError:
                data = b""
            attachments.append(Attachment(name, attachment_url(rel), attachment_text(rel, data)))
        yield SearchDocument(
            index_no=r.index_no, title=r.title, url=record_path(r.index_no), date=r.published.isoformat(),
            kind=r.kind.value, category=r.category, year=r.published.year, issuers=r.issuer,
            validity=status, doc_no=doc_no, keywords=r.keywords, summary=r.summary or "",
            body=_with_tables(markdown_text(search_body(r, public, links.body(r))), r, public),
            attachments=tuple(attachments), newest=newest)


def _with_tables(body: str, r: Record, public: PublicCatalogue) -> str:
    """``body`` and, after it, the text of the tables the record's page draws from its data: a budget's or a final
    account's (``figures``), an annual report's 表二 to 表四 (``statistics``).  None of their figures was found,
    though the page shows them (a review).  Table 二 is left out of a report that keeps no 第二十条第（一）项 of its
    own, whole: its counts follow the office's counting options, which the index is built without."""
    if r.figures is not None:
        from ..views.fiscal import fiscal_tables
        lines = [line for t in fiscal_tables(r) for line in (t.caption, " ".join(t.headers), *(
            " ".join((row.label, *(c.text for c in row.cells))) for row in t.rows))]
    elif r.kind is Kind.ANNUAL_REPORT and r.statistics is not None and r.fiscal_year:
        from ..annual_report import ARTICLE_20_1_TYPES, CountingRules
        from ..views.annual_report import annual_report_view
        stored = r.statistics.stored or {}
        whole = all(t.value in stored for t in ARTICLE_20_1_TYPES)  # a row not kept is counted by the options
        tables = [t for t in annual_report_view(r, public, CountingRules()).tables if t.id != "t2" or whole]
        lines = [line for t in tables for line in (t.caption, *(
            " ".join(c.text for c in row if c.text) for row in (*t.head, *t.body)))]
    else:
        return body
    return "\n".join((body, *(line for line in lines if line.strip())))


def index_order(records: Sequence[Record]) -> list[tuple[int, Record]]:
    """``records`` (newest first) with their places, in the order the search index numbers them:
    grouped by kind, then a policy's type (规章, 行政规范性文件 …), then 主题分类, newest first in each group.

    Neighbours then share their words (issuers, formulas, a category's
    terms), so the index's gaps between documents are small and its bundled
    result files compress better: 15 % less index at 990 generated records,
    4 % at 1,000 long laws (docs/dev/search.md).  The date order is
    shipped beside it (:func:`.encoding.order_list`).
    """
    return sorted(enumerate(records), key=lambda item: _group(item[1]))


def _group(r: Record) -> tuple[str, str, str]:
    return r.kind.value, r.doc_type.value if r.doc_type else "", r.category


def indexed_text_bytes(public: PublicCatalogue, read_attachment: Callable[[str], bytes]) -> int:
    """Bytes (UTF-8) of the text search indexes for ``public``: every field of every search document.

    What an index's size is weighed against (benchmarks/bench_build.py: the
    issue asks for an index no larger than the text it indexes).
    """
    return sum(len(part.encode("utf-8")) for doc in search_documents(public, read_attachment)
               for field in range(len(FIELDS)) for part in doc.field_parts(field))
