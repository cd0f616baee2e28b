"""The catalogue's part of a site, decided once per build: the core's one entry point for adapters.

:func:`plan_site` turns the configuration and a date into a :class:`SitePlan`,
plain data an engine adapter (the MkDocs plugin) only has to write out:

- the records and every problem found in them (``catalogue check``'s result);
- the public view and the views of every generated page;
- each page to write: its source uri, template, title, view data, Markdown
  body and the date it last changed (for the sitemap);
- the attachments to publish, and the search index's key and how to build it.

Every decision about what the public site holds is taken here, without
MkDocs or Jinja, so it is tested as data (tests/test_site_plan.py).

What a build remembers for the next one in the same process (``mkdocs
serve`` rebuilds after each edit) is a :class:`SiteMemo`, passed in and
handed back with the plan (``plan.memo``): the load cache, the views and the
record digests of the search key, each reused only for what did not change.
"""

from __future__ import annotations

from functools import partial

import datetime as dt
import errno
import html
import json
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .annual_report import annual_body
from .body_html import BodyRenderer, page_markdown
from .config import CatalogueConfig
from .diagnostics import Problem, apply_severity
from .exports.plan import make_exports
from .gongwen import attachment_names, typeset
from .exports.moved import moved_page_html
from .history import History, read_history
from .validate import ascii_pattern, withheld_version
from .links import PublicLinks
from .machinery.identity_memo import IdentityMemo
from .machinery.load_cache import LoadCache
from .machinery.remade import MadeWhenWritten
from .machinery.view_memo import ViewMemo
from .model.fields import FISCAL_KINDS
from .model.record import Record
from .pipeline import (CheckResult, check_catalogue, check_linked, kept_off, link_catalogue, privacy_problems,
                       refused_files)
from .search import attachment_reader, build_search, record_digest, search_key, search_page
from .status import takes_effect
from .views.fiscal import table_csv
from .views.moved import could_be_address, moved_pages, number_holders
from .views.site import SiteView, build_site
from .visibility import PublicCatalogue, public_view
from .withheld_names import forget_shared


@dataclass
class SiteMemo:
    """What one build keeps for the next in the same process; each part is reused only where valid.

    See :mod:`build_tools.machinery.load_cache`, :mod:`~build_tools.machinery.view_memo`
    and :mod:`~build_tools.machinery.identity_memo` for why each is never stale.
    """

    load_cache: LoadCache | None = None
    """What each record file validated to (only with a cache directory)."""
    views: ViewMemo = field(default_factory=ViewMemo)
    """The views of the last build."""
    record_digests: IdentityMemo = field(default_factory=lambda: IdentityMemo(record_digest))
    """The digest of each record, for the search key."""
    history: History | None = None
    """The Git history last read, reused while the branch has not moved (:func:`~build_tools.history.read_history`)."""
    body_html: dict[str, str] = field(default_factory=dict)
    """Each record body's HTML for the open data, by a key of its Markdown and the renderer (exports/plan.py)."""
    hold_body_html: bool = True
    """Whether to keep :attr:`body_html` for the next build (a server); as large as the bodies' text, so a
    one-off build with a cache directory reads each body's HTML back from there when it wants it."""
    open_data_page: object = None
    """The last 开放数据 page view: kept when equal, so its page key need not be hashed again."""


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One generated page: where it comes from and what it shows."""

    src_uri: str
    """Its virtual Markdown source (``records/…/index.md``; ``index.md`` for the home page)."""
    path: str
    """Its folder in the site (``records/…/``; empty for the home page)."""
    template: str
    """The theme template that renders it (``record.html`` …)."""
    title: str
    data: object
    """The view the template shows."""
    body: str
    """Markdown below the front matter: a record's text, its links into the catalogue
    pointing at their public URLs (:class:`~build_tools.links.PublicLinks`); empty for other pages."""
    updated: str
    """The last day it changed, ISO (from the records and ``as_of``, never the clock)."""

    @property
    def source(self) -> str:
        """The page's Markdown source: front matter (title, template), then the body."""
        return self.front + self.body

    @property
    def front(self) -> str:
        """The source's front matter and the blank line after it."""
        meta = json.dumps({"title": html.escape(self.title), "template": self.template}, ensure_ascii=False)
        return f"---\n{meta}\n---\n\n"


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """An attachment to publish as it is."""

    source: Path
    """The file in the catalogue (resolved); for a file the build makes, the record it is made from."""
    dest: str
    """Its path in the site (``attachments/…``)."""
    content: bytes | MadeWhenWritten | None = None
    """The bytes of a file the build makes (a 部门预决算公开表格 CSV, open data), or how to make them when
    written (a record's open-data file, :mod:`~build_tools.machinery.remade`); None for an attachment copied
    as it is."""


@dataclass(frozen=True, slots=True)
class SearchInputs:
    """The search index of a build: its key (a cache name) and how to build it."""

    key: str
    """A hash of everything the index is made from (:func:`~build_tools.search.search_key`)."""
    public: PublicCatalogue
    read: Callable[[str], bytes]
    """Reads an attachment (:class:`~build_tools.search.AttachmentReader`)."""
    categories: Sequence[str]
    synonyms: Sequence[Sequence[str]] = ()
    """Synonym groups shipped for queries (the option ``search_synonyms``)."""

    def build(self) -> dict[str, bytes]:
        """Every file of the index, ``{site path: bytes}`` (the costliest step of a build)."""
        return build_search(self.public, self.read, self.categories, self.synonyms)


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Everything the catalogue contributes to one build of the site."""

    check: CheckResult
    """The records, the link graph and every problem (as ``catalogue check`` finds them)."""
    public: PublicCatalogue
    site: SiteView
    pages: tuple[PlannedPage, ...]
    """Record pages, list pages, the 预决算 overview (when any budget or final account is public), the versions pages
    (views/versions.py), the home page, the search page, the 开放数据 page, in this order."""
    attachments: tuple[PlannedFile, ...]
    search: SearchInputs
    memo: SiteMemo
    """To pass to the next build of the same process."""
    updated: str
    """The date of a page the plan does not know (a docs/ page): ``as_of``, ISO."""
    by_uri: Mapping[str, PlannedPage]
    problems: tuple[Problem, ...]
    """Every problem: ``catalogue check``'s and the view phase's (two pages on
    one output path), sorted, severity overrides applied."""
    history: History = History(reason="未读取。")
    """The catalogue's Git history shown on record pages, or why there is none (:attr:`History.summary` is logged)."""
    body_differences: tuple[str, ...] = ()
    """With ``verify``: record files whose body HTML kept by a fast path differed from a fresh conversion."""
    generated: tuple[PlannedFile, ...] = ()
    """Files the build makes from the data: each budget's and final account's 公开表格 (CSV),
    in its record page's folder (``records/…/budget-2025.csv``), the open data (``data/…``) and
    the feeds (``feeds/…``, with a ``site_url``): public records only (:mod:`build_tools.exports`)."""

    @property
    def as_of(self) -> dt.date:
        return self.public.as_of

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record loaded (public or not)."""
        return self.check.catalogue.records

    def page(self, src_uri: str) -> PlannedPage | None:
        """The planned page at ``src_uri``, or None (a page of docs/)."""
        return self.by_uri.get(src_uri)

    def with_page_data(self, src_uri: str, data: object) -> SitePlan:
        """The plan with the page at ``src_uri`` showing ``data`` (the 开放数据 page, once the files are written)."""
        return replace(self, by_uri={**self.by_uri, src_uri: replace(self.by_uri[src_uri], data=data)})


HOME = "index.md"


def plan_site(config: CatalogueConfig, as_of: dt.date, memo: SiteMemo | None = None, *,
              site_title: str = "", start_search: Callable[[SearchInputs], object] | None = None,
              site_url: str = "", render_body: Callable[[str], str] | None = None,
              verify: bool = False, directory_urls: bool = True) -> SitePlan:
    """Load and check the catalogue, and decide every page, file and index of its site on ``as_of``.

    ``memo`` is the previous build's (``plan.memo``), or None for a first
    build; the plan is the same either way.  ``site_title`` names the home
    page when the configuration names no agency.  ``start_search(inputs)``
    is called as soon as the search key is known, before the checks run and
    the views are made, so an adapter can build the index alongside them.  ``site_url``
    (absolute) makes the feeds and the URLs in the open data;
    ``render_body`` turns a body's Markdown into the HTML its page shows
    (:class:`~build_tools.body_html.BodyRenderer` with the site's Markdown
    extensions; by default MkDocs' built-in ones).  ``verify`` converts
    every body afresh and names those whose kept HTML differed
    (:attr:`SitePlan.body_differences`).  ``directory_urls`` false (MkDocs' ``use_directory_urls``) addresses
    each page by its folder's ``index.html`` in the bodies' links, the open data and the feeds
    (:func:`~build_tools.views.urls.page_url`); the views keep the folders, which the adapter's
    templates turn into addresses alike.
    """
    memo = memo if memo is not None else SiteMemo()
    forget_shared()  # the last build's nets hold the texts they read
    cache_dir = config.cache_dir
    memo.load_cache = LoadCache.reopen(memo.load_cache, cache_dir, config) if cache_dir else None
    linked = link_catalogue(config, cache=memo.load_cache)
    unread = next((p for p in linked.loaded.problems if p.code == "unreadable-folder"), None)
    if unread is not None:  # no site from part of the catalogue: public records would go, withheld ones go unread
        raise PermissionError(errno.EACCES, "无法读取文件夹", str(Path(config.catalogue_dir) / unread.file))
    # What is public follows from the records, their links and the privacy check alone (no other
    # check changes it), so the index, the costliest step, starts before the other checks run.
    privacy = privacy_problems(linked, config, as_of, prune=True)
    public = public_view(linked.catalogue, linked.graph, as_of, kept_off(linked.catalogue, privacy),
                         refused_files(linked, config))
    root = config.catalogue_dir
    read = attachment_reader(root)
    key = search_key(public, read, config.categories, memo.record_digests, config.search_synonyms)
    memo.record_digests.finish()
    search = SearchInputs(key, public, read, config.categories, config.search_synonyms)
    bodies = PublicLinks.of(public, directory_urls)
    bodies.read_ahead(public.records)  # before the index's process is forked: it reads the same bodies
    if start_search is not None:
        start_search(search)
    result = check_linked(linked, config, as_of, privacy=privacy)
    history = memo.history = read_history(root, previous=memo.history, judge=partial(withheld_version, config=config))
    site = build_site(public, config, memo.views, history)
    default = as_of.isoformat()
    updated = {r.index_no: record_updated(r, public) for r in public.records}
    for p in site.records:  # a revision is a change of the page too: the sitemap, feeds and lists follow it
        revised = p.history.last_revised if p.history is not None else None
        if revised is not None and revised > updated[p.record.index_no]:
            updated[p.record.index_no] = revised
    newest = max(updated.values(), default=as_of).isoformat()
    markdown = {p.record.index_no: record_body(p, bodies) for p in site.records}
    pages: list[PlannedPage] = [
        PlannedPage(f"{p.path}index.md", p.path, "record.html", p.record.title, p, markdown[p.record.index_no],
                    updated[p.record.index_no].isoformat())
        for p in site.records]
    sections = _section_dates(site.lists, updated)
    for p in site.lists:
        suffix = f"（第 {p.page} 页）" if p.page > 1 else ""
        pages.append(PlannedPage(f"{p.path}index.md", p.path, "listing.html", p.title + suffix, p, "",
                                 sections.get(p.section, newest)))
    fiscal = site.fiscal
    if fiscal is not None:
        fiscal_dates = [updated[r.index_no] for r in public.records if r.kind in FISCAL_KINDS]
        pages.append(PlannedPage(f"{fiscal.path}index.md", fiscal.path, "fiscal-overview.html", fiscal.title,
                                 fiscal, "", max(fiscal_dates, default=as_of).isoformat()))
    pages.extend(PlannedPage(f"{v.path}index.md", v.path, "versions.html", v.title, v, "", v.updated)
                 for v in site.versions)
    pages.append(PlannedPage(HOME, "", "home.html", config.agency or site_title, site.home, "", newest))
    results = search_page(site.home.sections)
    pages.append(PlannedPage(f"{results.path}index.md", results.path, "partials/search-page.html",
                             results.title, results, "", newest))
    attachments = tuple(PlannedFile((root / rel).resolve(), dest) for rel, dest in site.attachments)
    tables = {p.record.index_no: (p.fiscal.download.url, table_csv(p.record)) for p in site.records if p.fiscal is not None}
    generated = tuple(PlannedFile((root / public.get(n).source).resolve(), url, data) for n, (url, data) in tables.items())
    exports = make_exports(config, public, site_url, config.agency or site_title, newest, markdown,
                           lambda r: updated[r.index_no], render_body or BodyRenderer(), memo, verify,
                           directory_urls, {p.record.index_no: [t.as_data() for t in p.annual.tables]
                                            for p in site.records if p.annual is not None})
    pages.append(PlannedPage(f"{exports.page.path}index.md", exports.page.path, "opendata.html",
                             exports.page.title, exports.page, "", newest))
    made_from = root.resolve()  # the whole catalogue: once, not once per file (10,000 at 10,000 records)
    generated += tuple(PlannedFile(made_from, dest, data) for dest, data in exports.files.items())
    moved, moved_problems = moved_pages(
        public.records, linked.catalogue.records, number_holders(linked.loaded.validated), history, as_of,
        frozenset(v.record_path for v in site.versions), frozenset(p.path for p in (*site.records, *site.versions)),
        could_be_address(ascii_pattern(config.index_no_pattern)))
    generated += tuple(PlannedFile((root / public.get(m.index_no).source).resolve(), f"{m.path}index.html",
                                   moved_page_html(m, directory_urls)) for m in moved)
    generated += tuple(  # a budget's table under its old address too: a file has no page to send the reader on (a review)
        PlannedFile((root / public.get(m.index_no).source).resolve(), m.path + posixpath.basename(tables[m.index_no][0]),
                    tables[m.index_no][1])
        for m in moved if m.index_no in tables and not m.path.endswith("versions/"))
    problems = result.problems + tuple(apply_severity((*site.problems, *moved_problems), config.severity))
    if memo.load_cache is not None:
        memo.load_cache.wait()  # written by a process of its own while the checks and views were made
    return SitePlan(result, public, site, tuple(pages), attachments, search, memo, default,
                    {p.src_uri: p for p in pages}, tuple(sorted(problems, key=Problem.sort_key)),
                    history=history, body_differences=exports.body_differences, generated=generated)


def check_site(config: CatalogueConfig, as_of: dt.date,
               config_problems: tuple[Problem, ...] = ()) -> CheckResult:
    """``catalogue check``: the check phases, and the view phase's problems
    (two pages on one output path), so that what fails a build fails the check."""
    result = check_catalogue(config, as_of, config_problems)
    public = public_view(result.catalogue, result.graph, as_of, kept_off(result.catalogue, result.problems))
    site = build_site(public, config)
    if not site.problems:
        return result
    problems = result.problems + tuple(apply_severity(site.problems, config.severity))
    return replace(result, problems=tuple(sorted(problems, key=Problem.sort_key)))


def record_body(page, bodies: PublicLinks) -> str:
    """A record page's Markdown: links pointed at public URLs, an annual report's figures filled,
    a 公文's closing signature, date and 附件 note set as 公文 are, and each 项 or article written on a
    line of its own made a paragraph (:mod:`~build_tools.gongwen`); a bracketed name that is no HTML element
    (``<GB1589-2016>``) kept as text; Word's bullets and controls as they show
    (:func:`~build_tools.body_html.page_markdown`, which ``catalogue check`` reads the page's ids in)."""
    record = page.record
    names = attachment_names(record.attachments, page.path, bodies.url) if record.attachments else None
    # items apart first, then the closing: a Word paste's closing parted from its last sentence is set as one (a review)
    return annual_body(page, typeset(page_markdown(bodies.body(record)), names))


def _section_dates(lists, updated: Mapping[str, dt.date]) -> dict[str, str]:
    """The newest date of each list section's records (``lists/policies/`` …), ISO: a list page's
    rows, counts and facets change only when one of its section's records does."""
    newest: dict[str, dt.date] = {}
    for p in lists:
        for item in p.items:
            day = updated[item.index_no]
            if p.section not in newest or day > newest[p.section]:
                newest[p.section] = day
    return {section: day.isoformat() for section, day in newest.items()}


def record_updated(record: Record, public: PublicCatalogue) -> dt.date:
    """The last day a record's page changed: its publication, its entry into
    force, the day after its 有效期至 (it shows 已失效 from then: the sitemap and feeds kept an older day, a review),
    or the publication of a public record linked to it, or the day a repealing or amending one took effect (the
    validity the page shows changes then)."""
    days = [record.published]
    if record.effective and record.effective <= public.as_of:
        days.append(record.effective)
    if record.expires and record.expires < public.as_of:
        days.append(record.expires + dt.timedelta(days=1))
    g = public.graph
    for links in (g.interpretations, g.interprets, g.amended_by, g.amends, g.repealed_by, g.repeals):
        days.extend(public.get(n).published for n in links.get(record.index_no, ()))
    for links in (g.amended_by, g.repealed_by):
        days.extend(day for n in links.get(record.index_no, ())
                    if (day := takes_effect(public.get(n))[0]) <= public.as_of)
    # changed by a record not public: the day the shown validity changed (a review found the sitemap's older)
    days.extend(day for held in (public.ends_not_public, public.amended_not_public)
                if (day := held.get(record.index_no)) is not None and day <= public.as_of)
    return max(days)
