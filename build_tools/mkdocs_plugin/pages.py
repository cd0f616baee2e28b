"""Handing the planned pages to MkDocs: which go through its own page loop, which through render.py.

Pages the navigation names (the home page, the entry lists) are MkDocs
pages, so its navigation links and titles them; all others (some 13,000 at
10,000 records) are rendered by render.py after MkDocs' own pages, in
parallel and cached, exactly as MkDocs would render them.
"""

from __future__ import annotations

import posixpath

from mkdocs.structure.files import File, Files, InclusionLevel

from ..site_plan import SitePlan
from .render import PageJob

Locations = dict[tuple[str, bool], tuple[str, str]]
"""(site path, URL) of a generated page, by (source uri, use_directory_urls)."""


def hand_over(plan: SitePlan, files: Files, config, remembered: Locations) -> tuple[list[PageJob], Locations]:
    """Add to ``files`` the pages MkDocs renders and the attachments; return the pages render.py renders.

    ``remembered`` is what the previous build returned (where each page goes);
    the locations of this build are returned for the next one.
    """
    in_nav = _nav_sources(config.nav)
    jobs: list[PageJob] = []
    locations: Locations = {}
    for page in plan.pages:
        if page.src_uri not in in_nav and page.path:
            # Where it goes and its URL come from MkDocs' File, as for MkDocs' own
            # pages.  They depend on the path and use_directory_urls only, so they
            # are remembered between builds (13,000 Files cost a serve rebuild 0.2 s).
            where = (page.src_uri, config.use_directory_urls)
            dest_uri, url = locations[where] = remembered.get(where) or _location(config, page.src_uri)
            jobs.append(PageJob(page.src_uri, dest_uri, url, page.source, page.data, page.updated))
            continue
        existing = files.get_file_from_path(page.src_uri)
        if not page.path and existing is not None:
            continue  # docs/index.md is the home page; the plan gives it its data only
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.source,
                                    inclusion=InclusionLevel.NOT_IN_NAV if page.path else InclusionLevel.INCLUDED))
    for attachment in (*plan.attachments, *plan.generated):
        made = {"content": attachment.content} if attachment.content is not None else {
            "abs_src_path": str(attachment.source)}
        files.append(File.generated(config, attachment.dest, **made, inclusion=InclusionLevel.NOT_IN_NAV))
    return jobs, locations


def _nav_sources(nav) -> set[str]:
    """The Markdown files the configured navigation names (``lists/policies/index.md`` …)."""
    found: set[str] = set()

    def walk(item) -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                found.add(posixpath.normpath(item).lstrip("/"))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return found


def _location(config, src_uri: str) -> tuple[str, str]:
    """Where MkDocs would write a generated page and its URL (``dest_uri``, ``url``)."""
    file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    return file.dest_uri, file.url
