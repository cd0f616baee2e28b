"""Handing the planned pages to MkDocs: which go through its own page loop, which through render.py.

Pages the navigation names (the home page, the entry lists) are MkDocs
pages, so its navigation links and titles them; all others (some 13,000 at
10,000 records) are rendered by render.py after MkDocs' own pages, in
parallel and cached, exactly as MkDocs would render them.

The plan's other files (open data, feeds, CSV tables, attachments) are
MkDocs files, so its link checks and the path guard see them; each is an
:class:`ExportFile` carrying the digest of the bytes it holds, which MkDocs
does not copy when in_place.keep_unchanged found those bytes already there.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from ..attachments import file_digest
from ..machinery.remade import Remade, content_digest
from ..site_plan import PlannedFile, SitePlan
from .render import PageJob

log = logging.getLogger("mkdocs.plugins.catalogue")

Locations = dict[tuple[str, bool], tuple[str, str]]
"""(site path, URL) of a generated page, by (source uri, use_directory_urls)."""


class ExportFile(File):
    """A file of the plan that MkDocs copies into the site, unless it is :attr:`kept` there already."""

    digest: str | None = None
    """Hex digest of the bytes the file holds (its content, or its source file's bytes); None if unknown."""
    kept = False
    """The site holds these very bytes from the previous build (in_place.keep_unchanged): nothing to copy."""
    remade: Remade | None = None
    """How to make the bytes when they are written (a record's open-data file), rather than hold them."""

    @classmethod
    def made_when_written(cls, config, dest: str, remade: Remade) -> ExportFile:
        f = cls.generated(config, dest, content=b"", inclusion=InclusionLevel.NOT_IN_NAV)
        f.remade, f.digest = remade, remade.digest
        return f

    @property
    def content_bytes(self) -> bytes:  # for another plugin asking before the file is written
        return self.remade.make() if self.remade is not None else File.content_bytes.fget(self)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.remade = None
        File.content_bytes.fset(self, value)

    @property
    def content_string(self) -> str:
        if self.remade is not None:
            return self.remade.make().decode("utf-8-sig")
        return File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.remade = None
        File.content_string.fset(self, value)

    def copy_file(self, dirty: bool = False) -> None:
        remade, self.remade = self.remade, None
        if remade is not None and not self.kept:
            self._content = remade.make()
            self.digest = content_digest(self._content)  # of these bytes, as written: the manifest describes them
            if self.digest != remade.digest:  # never seen: making is a pure function of the plan's data
                log.warning(f"{self.dest_uri} 两次生成的内容不同，开放数据页面上的文件大小可能不准确"
                            f"（{remade.size} 字节，写入的是 {len(self._content)} 字节）。")
        if not self.kept:
            super().copy_file(dirty)
        if self._content is not None:
            # The bytes are in the site now: read from there if asked again (another
            # plugin), not held all build long (some 400 MB at 10,000 long laws).
            self._content, self.abs_src_path = None, self.abs_dest_path
        elif not self.kept:  # the bytes copied, not those hashed before: the source may have changed since
            try:
                self.digest = file_digest(Path(self.abs_dest_path)).hex()
            except OSError:
                self.digest = None


def hand_over(plan: SitePlan, files: Files, config,
              remembered: Locations) -> tuple[list[PageJob], Locations, dict[str, ExportFile]]:
    """Add to ``files`` the pages MkDocs renders and the plan's files; return the pages render.py renders.

    ``remembered`` is what the previous build returned (where each page goes);
    the locations of this build are returned for the next one, and the
    plan's files by site path.
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
            jobs.append(PageJob(page.src_uri, dest_uri, url, page.front, page.data, page.updated, page.body))
            continue
        existing = files.get_file_from_path(page.src_uri)
        if not page.path and existing is not None:
            continue  # docs/index.md is the home page; the plan gives it its data only
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.source,
                                    inclusion=InclusionLevel.NOT_IN_NAV if page.path else InclusionLevel.INCLUDED))
    exported = {}
    for planned in (*plan.attachments, *plan.generated):
        exported[planned.dest] = export_file(config, planned)
        files.append(exported[planned.dest])
    return jobs, locations, exported


def export_file(config, planned: PlannedFile) -> ExportFile:
    """The MkDocs file of an attachment (copied from the catalogue) or of a file the build makes."""
    content = planned.content
    if content is None:
        f = ExportFile.generated(config, planned.dest, abs_src_path=str(planned.source),
                                 inclusion=InclusionLevel.NOT_IN_NAV)
        try:
            f.digest = file_digest(planned.source).hex()
        except OSError:  # gone since it was checked: MkDocs says so when it copies it
            f.digest = None
        return f
    if isinstance(content, Remade):
        return ExportFile.made_when_written(config, planned.dest, content)
    f = ExportFile.generated(config, planned.dest, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    f.digest = content_digest(content.encode("utf-8") if isinstance(content, str) else content)
    return f


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
