"""The whole public site as plain data: every generated page and its content.

This is what an engine adapter (the MkDocs plugin today) turns into files.
It is built from the :class:`~build_tools.visibility.PublicCatalogue` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import CatalogueConfig
from ..visibility import PublicCatalogue
from .lists import Facet, ListItem, ListPage, build_listings, list_item, paginate
from ..machinery.view_memo import ViewMemo
from .records import RecordPage, attachment_path, record_page

LATEST_ON_HOME = 10


@dataclass(frozen=True, slots=True)
class HomePage:
    """The home page: the agency, the latest publications, the entry points."""

    agency: str
    latest: tuple[ListItem, ...]
    sections: tuple[Facet, ...]
    total: int


@dataclass(frozen=True, slots=True)
class SiteView:
    """Every page the catalogue contributes to the site."""

    records: tuple[RecordPage, ...]
    lists: tuple[ListPage, ...]
    home: HomePage
    attachments: tuple[tuple[str, str], ...]
    """(catalogue-relative source, site path) of every public attachment."""


def build_site(public: PublicCatalogue, config: CatalogueConfig, memo: ViewMemo | None = None) -> SiteView:
    """Decide every generated page from the public catalogue.

    With a ``memo`` (the one the previous build used), views of what did not
    change are taken from it rather than built again; the result is equal.
    """
    if memo is not None:
        memo.begin()
    page_of = memo.record_page if memo is not None else record_page
    item_of = memo.list_item if memo is not None else list_item
    records = tuple(page_of(r, public) for r in public.records)
    listings = build_listings(public, config.categories)
    pages = tuple(p for listing in listings for p in paginate(listing, public, config.page_size, item_of))
    if memo is not None:
        pages = tuple(memo.same(p, p.path) for p in pages)
    first_pages = {p.path: p for p in pages if p.page == 1 and p.newest_first}
    entry_points = tuple(
        Facet(first_pages[path].title, path, first_pages[path].total)
        for path in ("lists/policies/", "lists/interpretations/", "lists/fiscal/",
                     "lists/reports/", "lists/notices/"))
    home = HomePage(
        agency=config.agency,
        latest=tuple(item_of(r, public) for r in public.records[:LATEST_ON_HOME]),
        sections=entry_points,
        total=len(public.records),
    )
    if memo is not None:
        home = memo.same(home, "")
        memo.finish()
    attachments = tuple(sorted({(a, attachment_path(a)) for r in public.records for a in r.attachments}))
    return SiteView(records, pages, home, attachments)

