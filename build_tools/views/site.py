"""The whole public site as plain data: every generated page and its content.

This is what an engine adapter (the MkDocs plugin today) turns into files.
It is built from the :class:`~build_tools.visibility.PublicCatalogue` only.

Every page and attachment claims one output path; a second claim on a path
is a ``duplicate-output-path`` problem naming both record files, and the
second page is left out rather than silently written over the first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ..checks.privacy import holds_personal_number
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..exports.feeds import FEEDS_BY_LIST
from ..model.record import Record
from ..visibility import PublicCatalogue
from .lists import CATEGORY_LISTS, Facet, ListItem, ListPage, build_listings, list_item, paginate
from ..machinery.view_memo import ViewMemo
from .annual_report import with_annual
from .fiscal import OVERVIEW_PATH, Overview, overview
from ..history import History
from .history import record_history
from .records import RecordPage, attachment_path, record_page
from .versions import VersionsPage, versions_pages

LATEST_ON_HOME = 10


@dataclass(frozen=True, slots=True)
class HomePage:
    """The home page: the agency, the latest publications, the entry points."""

    agency: str
    latest: tuple[ListItem, ...]
    sections: tuple[Facet, ...]
    total: int
    categories: tuple[Facet, ...] = ()
    """Every 主题分类 in use, with the number of public records of every kind in it
    (links to ``lists/category/…``); the first is the list of all categories."""


@dataclass(frozen=True, slots=True)
class SiteView:
    """Every page the catalogue contributes to the site."""

    records: tuple[RecordPage, ...]
    lists: tuple[ListPage, ...]
    home: HomePage
    attachments: tuple[tuple[str, str], ...]
    """(catalogue-relative source, site path) of every public attachment."""
    problems: tuple[Problem, ...] = ()
    """Pages or attachments left out because another one has their output path."""
    fiscal: Overview | None = None
    """The 预决算 overview (views/fiscal.py), when a budget or final account is public, with figures or not."""
    versions: tuple[VersionsPage, ...] = ()
    """The versions page of every record in a line of amended and repealed documents (views/versions.py)."""


def build_site(public: PublicCatalogue, config: CatalogueConfig, memo: ViewMemo | None = None,
               history: History | None = None) -> SiteView:
    """Decide every generated page from the public catalogue.

    With a ``memo`` (the one the previous build used), views of what did not
    change are taken from it rather than built again; the result is equal.
    ``history`` is the catalogue's Git history (:func:`~build_tools.history.read_history`),
    shown on record pages; None: none read.
    """
    if memo is not None:
        memo.begin()
    page_of = memo.record_page if memo is not None else record_page
    item_of = memo.list_item if memo is not None else list_item
    notes = functools.partial(shown_note, public=public, allowlist=config.privacy_allowlist)
    records = tuple(with_annual(page_of(r, public, record_history(r, history, public.as_of, notes)), public, config,
                                memo) for r in public.records)
    listings = build_listings(public, config.categories)
    pages = tuple(_with_feed(p) for listing in listings for p in paginate(listing, public, config.page_size, item_of))
    if memo is not None:
        pages = tuple(memo.same(p, p.path) for p in pages)
    first_pages = {p.path: p for p in pages if p.page == 1 and p.newest_first}
    entry_points = tuple(
        Facet(first_pages[path].title, path, first_pages[path].total)
        for path in ("lists/policies/", "lists/interpretations/", "lists/fiscal/",
                     "lists/reports/", "lists/notices/"))
    by_category = first_pages[CATEGORY_LISTS]
    home = HomePage(
        agency=config.agency,
        latest=tuple(item_of(r, public) for r in public.records[:LATEST_ON_HOME]),
        sections=entry_points,
        total=len(public.records),
        categories=(Facet("全部主题分类", CATEGORY_LISTS, by_category.total),
                    *dict(by_category.facets).get("主题分类", ())),
    )
    fiscal = overview(public, config.agency, config.agency_former_names)
    versions = versions_pages(public)
    if memo is not None:
        home = memo.same(home, "")
        fiscal = memo.same(fiscal, OVERVIEW_PATH) if fiscal is not None else None
        versions = tuple(memo.same(v, v.path) for v in versions)
        memo.finish()
    attachments = tuple(sorted({(a, attachment_path(a)) for r in public.records for a in r.attachments}))
    return _one_per_path(SiteView(records, pages, home, attachments, fiscal=fiscal, versions=versions), public)


def shown_note(note: str, public: PublicCatalogue, allowlist) -> str:
    """A ``change_note`` read from Git as a record page shows it in 本页修订记录: without the name of any
    file the site withholds (as the record's own fields, :func:`.visibility.public_view`), and not at
    all when it holds an ID or mobile number (the privacy check's reading, ``allowlist`` the
    configuration's) or names a record not public (written before it was withheld, or while the note
    kept the record off the site): the revision is then listed with its date only."""
    if public.names is not None:
        note = public.names.scrub(note)
    if public.withheld_titles.names_any(note):
        return ""
    return "" if holds_personal_number(note, allowlist) else note


def _with_feed(page: ListPage) -> ListPage:
    """A list page of a section that has a feed of its own (政策文件 …), naming it."""
    spec = FEEDS_BY_LIST.get(page.section)
    return replace(page, feed=spec.slug) if spec is not None else page


def _one_per_path(site: SiteView, public: PublicCatalogue) -> SiteView:
    """``site`` with every output path claimed once: later claimants are left out, as problems."""
    owners: dict[str, tuple[str, Record | None]] = {"index.html": ("首页", None)}
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()

    def claim(path: str, what: str, record: Record | None) -> bool:
        first = owners.get(path)
        if first is None:
            owners[path] = (what, record)
            return True
        other, other_record = first
        if (what, other) in reported:  # the same two lists again (their oldest-first pages): one problem
            return False
        reported.add((what, other))
        where = f"（记录文件 {other_record.source}）" if other_record is not None else ""
        problems.append(problem(
            "duplicate-output-path", record.source if record is not None else "", record.line_of("index_no") if record
            else None, None, f"{what}与{other}{where}的网址相同（{path}），因此{what}没有生成。",
            "修改其中一条记录的索引号，或分类、发文机关的名称，使两者的网址不同。"))
        return False

    first_record = {}
    for r in public.records:
        for a in r.attachments:
            first_record.setdefault(a, r)
    records = tuple(p for p in site.records
                    if claim(f"{p.path}index.html", f"记录“{p.record.index_no}”的页面", p.record))
    lists = tuple(p for p in site.lists
                  if claim(f"{p.path}index.html", f"列表“{p.title}”" + (f"第 {p.page} 页" if p.page > 1 else ""),
                           public.get(p.items[0].index_no) if p.items else None))
    attachments = tuple((rel, dest) for rel, dest in site.attachments
                        if claim(dest, f"附件“{rel}”", first_record.get(rel)))
    shown = {p.path for p in records}
    versions = tuple(v for v in site.versions if v.record_path in shown)  # under its record's folder
    if not problems:
        return site
    return SiteView(records, lists, site.home, attachments, tuple(problems), site.fiscal, versions)

