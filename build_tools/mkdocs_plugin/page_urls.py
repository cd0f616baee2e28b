"""The templates' ``url`` filter on a site that does not use directory URLs.

The views name every generated page by its folder (``records/<索引号>/``), as
MkDocs' default ``use_directory_urls: true`` addresses pages.  With it set
to false (a copy read from disk, a server that does not answer a folder with
its ``index.html``), MkDocs addresses its own pages as ``…/index.html``; this
filter gives the catalogue's folders the same form
(:func:`~build_tools.views.urls.page_url`), so every link on a page, the
chrome's and the catalogue's, leads to a file.  The bodies' links, the open
data and the feeds are given it by the core (``plan_site(directory_urls=…)``),
and the search script by the search box's ``data-cat-page`` attribute.
MkDocs, which checks links against its documentation files' sources, is told
that a link to a file the catalogue writes a page into leads somewhere
(:class:`PageFileLinks`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from jinja2 import pass_context

from ..views.urls import page_url

PAGES_LOGGER = "mkdocs.structure.pages"


def address_pages_by_file(env, config, jobs: Iterable, files) -> None:
    """Wrap MkDocs' ``url`` filter in ``env`` when ``config`` does not use directory URLs: a site path that is the
    folder of one of the site's pages (the catalogue's ``jobs``, MkDocs' documentation ``files``) becomes its
    ``index.html``; any other address is left as written (a nav entry ``../hdjl/`` to another part of the office's
    site, served there by its own index page, was given an ``index.html`` it may not have: a review)."""
    if config.use_directory_urls:
        return
    pages = {job.dest_uri for job in jobs} | {f.dest_uri for f in files.documentation_pages()}
    folder_url = env.filters["url"]

    def of_a_page(value: str) -> str:
        addressed = page_url(value, False)
        return addressed if addressed != value and re.split(r"[#?]", addressed, 1)[0] in pages else value

    @pass_context
    def url(context, value):
        return folder_url(context, of_a_page(value) if isinstance(value, str) else value)

    env.filters["url"] = url


_NOT_FOUND = re.compile(r"contains a link '(?P<link>[^']*)', but the target (?:'(?P<target>[^']*)' )?is not found "
                        r"among documentation files")
"""MkDocs' words for a link whose target it does not know (``mkdocs.structure.pages``): it looks among the
sources of its documentation files, not at the files the catalogue renders its pages into."""


class PageFileLinks(logging.Filter):
    """Drops MkDocs' warning that a link's target is not found where the target is the file a catalogue
    page is written into (``records/<索引号>/index.html``): the catalogue's own links to its pages on a
    site without directory URLs, and an editor's link in a docs/ page to one.  Any other missing target
    is warned about as before."""

    def __init__(self, pages: frozenset[str]) -> None:
        super().__init__()
        self.pages = pages

    def filter(self, record: logging.LogRecord) -> bool:
        found = _NOT_FOUND.search(record.getMessage()) if record.levelno >= logging.INFO else None
        # MkDocs names the target only where it differs from the link as written (a page at docs/'s top: a review)
        target = None if found is None else found["target"] or re.split(r"[#?]", found["link"], 1)[0].lstrip("/")
        return target is None or target not in self.pages


def quiet_page_file_links(config, jobs: Iterable) -> PageFileLinks | None:
    """Put a :class:`PageFileLinks` for the pages ``jobs`` render on MkDocs' pages logger, on a site without
    directory URLs (where links name those files); the build takes it off when it ends (``state.close``)."""
    if config.use_directory_urls:
        return None
    quiet = PageFileLinks(frozenset(job.dest_uri for job in jobs))
    logging.getLogger(PAGES_LOGGER).addFilter(quiet)
    return quiet
