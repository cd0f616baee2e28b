"""Browse pages: which lists exist, how they are grouped and paginated.

Lists are built with one pass over the public records per grouping (never a
scan per page), each paginated to ``page_size`` and offered newest first and
oldest first, so a reader can sort by date without JavaScript.  Navigation
holds the list entry points only, never the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ..model.fields import Kind
from ..model.record import Record
from ..status import Status, shown_label
from ..visibility import PublicCatalogue
from .urls import name_slug, record_path


@dataclass(frozen=True, slots=True)
class ListItem:
    """One row of a list: what a reader needs to pick a record."""

    index_no: str
    title: str
    url: str
    date: str
    status: str
    """The validity shown in the 有效性 column: a policy's always, another record's when not 现行有效."""
    kind: str
    flag: str = ""
    """The status's style name (``repealed`` …, :attr:`~build_tools.status.Status.slug`) when the
    record is not 现行有效, else empty: lists show such a record with a label of its own."""


@dataclass(frozen=True, slots=True)
class Facet:
    """A link from a list to a narrower or sibling list, with its count."""

    title: str
    url: str
    count: int
    current: bool = False


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of one list, in one order."""

    path: str
    title: str
    """The list's title (all pages share it)."""
    items: tuple[ListItem, ...]
    page: int
    pages: int
    total: int
    newest_first: bool
    page_urls: tuple[str, ...]
    """URL of every page of this list in this order, for the pager."""
    other_order_url: str
    facets: tuple[tuple[str, tuple[Facet, ...]], ...] = ()
    """Named groups of links to related lists (分类, 年度, …)."""
    section: str = ""
    """The top-level list this page belongs to, for breadcrumbs."""
    feed: str = ""
    """The name of its section's feed (``policies`` → ``feeds/policies.atom.xml``), when it has one."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A whole list before pagination."""

    path: str
    title: str
    records: tuple[Record, ...]
    section: str
    facets: tuple[tuple[str, tuple[Facet, ...]], ...] = ()


def list_item(r: Record, public: PublicCatalogue) -> ListItem:
    """The row a list shows for one record."""
    status = public.status(r)
    return ListItem(r.index_no, r.title, record_path(r.index_no), r.published.isoformat(), shown_label(r, status),
                    r.kind.label, status.slug if status.shown else "")


def paginate(listing: Listing, public: PublicCatalogue, page_size: int,
             item: Callable[[Record, PublicCatalogue], ListItem] = list_item) -> list[ListPage]:
    """Split a listing into pages, newest first and oldest first.

    ``item`` makes a record's row (:func:`list_item`, or a memo of it).
    """
    items = [item(r, public) for r in listing.records]  # records arrive newest first
    facets = tuple((name, tuple(replace(f, current=f.url == listing.path) for f in group))
                   for name, group in listing.facets)
    pages: list[ListPage] = []
    for newest_first in (True, False):
        ordered = items if newest_first else items[::-1]
        base = listing.path if newest_first else f"{listing.path}oldest/"
        other = f"{listing.path}oldest/" if newest_first else listing.path
        count = max(1, -(-len(ordered) // page_size))
        urls = tuple(base if i == 0 else f"{base}page/{i + 1}/" for i in range(count))
        for i in range(count):
            pages.append(ListPage(
                path=urls[i], title=listing.title,
                items=tuple(ordered[i * page_size:(i + 1) * page_size]),
                page=i + 1, pages=count, total=len(ordered), newest_first=newest_first,
                page_urls=urls, other_order_url=other, facets=facets, section=listing.section))
    return pages


def _group(records: Iterable[Record], key: Callable[[Record], Iterable[str]]) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        for k in key(r):
            groups[k].append(r)
    return groups


def _facet_lists(base: str, section: str, title: str, groups: dict[str, list[Record]],
                 order: Sequence[str], slug: Callable[[str], str], label: Callable[[str], str]
                 ) -> tuple[tuple[Facet, ...], list[Listing]]:
    facets = []
    listings = []
    for name in order:
        records = groups.get(name)
        if not records:
            continue
        path = f"{base}{slug(name)}/"
        facets.append(Facet(label(name), path, len(records)))
        listings.append(Listing(path, f"{title}：{label(name)}", tuple(records), section))
    return tuple(facets), listings


def build_listings(public: PublicCatalogue, categories: Sequence[str]) -> list[Listing]:
    """Every list the site offers (before pagination)."""
    by_kind = _group(public.records, lambda r: [r.kind.value])
    policies = by_kind.get(Kind.POLICY.value, [])
    listings: list[Listing] = []

    # 政策文件, with four ways to narrow it down.
    base = "lists/policies/"
    cat_groups = _group(policies, lambda r: [r.category])
    cat_order = _category_order(cat_groups, categories)
    year_groups = _group(policies, lambda r: [str(r.published.year)])
    issuer_groups = _group(policies, lambda r: r.issuer)
    status_groups = _group(policies, lambda r: [public.status(r).label])
    facet_sets = []
    child_lists: list[Listing] = []
    for name, sub, groups, order, slug, label in (
        ("主题分类", "category/", cat_groups, cat_order, name_slug, lambda c: c.replace("/", " / ")),
        ("年度", "year/", year_groups, sorted(year_groups, reverse=True), str, lambda y: f"{y}年"),
        ("发文机关", "issuer/", issuer_groups, sorted(issuer_groups, key=lambda i: (-len(issuer_groups[i]), i)),
         name_slug, str),
        ("有效性", "validity/", status_groups, [s.label for s in Status], name_slug, str),
    ):
        facets, lists = _facet_lists(base + sub, base, "政策文件", groups, order, slug, label)
        facet_sets.append((name, facets))
        child_lists.extend(lists)
    facet_sets_t = tuple(facet_sets)
    listings.append(Listing(base, "政策文件", tuple(policies), base, facet_sets_t))
    listings.extend(Listing(l.path, l.title, l.records, base, facet_sets_t) for l in child_lists)

    # 政策解读 and 通知公告 by year of publication, 年报 by the year reported on.
    for base, title, kind, year in (
        ("lists/interpretations/", "政策解读", Kind.INTERPRETATION, lambda r: r.published.year),
        ("lists/notices/", "通知公告", Kind.NOTICE, lambda r: r.published.year),
    ):
        listings.extend(_by_year(base, title, by_kind.get(kind.value, []), year, "{}年"))

    fiscal = [r for r in public.records if r.kind in (Kind.BUDGET, Kind.FINAL_ACCOUNT)]
    listings.extend(_by_year("lists/fiscal/", "预决算", fiscal, lambda r: r.fiscal_year, "{}年度"))

    listings.extend(_by_year("lists/reports/", "政府信息公开工作年度报告",
                             by_kind.get(Kind.ANNUAL_REPORT.value, []), lambda r: r.fiscal_year, "{}年度"))

    # 主题分类 across every kind of record.
    base = CATEGORY_LISTS
    all_groups = _group(public.records, lambda r: [r.category])
    listings.extend(_faceted(base, base, "按主题分类浏览", "主题分类", public.records, all_groups,
                             _category_order(all_groups, categories), name_slug, lambda c: c.replace("/", " / "),
                             prefix="主题分类"))
    return listings


CATEGORY_LISTS = "lists/category/"
"""The lists of every kind of record by 主题分类: ``lists/category/`` (all) and one per category."""


def _category_order(groups: dict[str, list[Record]], categories: Sequence[str]) -> list[str]:
    """The configured categories in their order, then any other in use, sorted."""
    return [c for c in categories if c in groups] + sorted(set(groups) - set(categories))


def _by_year(base: str, title: str, records: Sequence[Record], year: Callable[[Record], int | None],
             label: str) -> list[Listing]:
    """A list (``base``) and one list per year under ``base/year/<year>/``, each offering the others.

    A record without a year (a report missing its 年度, already reported by
    the validator) stays in the whole list only.
    """
    groups = _group(records, lambda r: [str(year(r))] if year(r) else [])
    return _faceted(base, base + "year/", title, "年度", records, groups, sorted(groups, reverse=True), str,
                    label.format)


def _faceted(base: str, under: str, title: str, name: str, records: Sequence[Record],
             groups: dict[str, list[Record]], order: Sequence[str], slug: Callable[[str], str],
             label: Callable[[str], str], prefix: str = "") -> list[Listing]:
    """The list ``base`` of ``records`` and one list per group under ``under`` (titled
    ``prefix or title``：group), each offering the others as the one facet ``name``."""
    facets, lists = _facet_lists(under, base, prefix or title, groups, order, slug, label)
    facet_sets = ((name, facets),)
    return [Listing(base, title, tuple(records), base, facet_sets),
            *(Listing(l.path, l.title, l.records, base, facet_sets) for l in lists)]
