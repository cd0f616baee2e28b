"""Handing the planned pages to MkDocs: which go through its own page loop, which through render.py.

Pages the navigation names (the home page, the entry lists) are MkDocs
pages, so its navigation links and titles them; all others (some 13,000 at
10,000 records) are rendered by render.py after MkDocs' own pages, in
parallel and cached, exactly as MkDocs would render them.

The plan's other files (open data, feeds, CSV tables, attachments) are
MkDocs files, so its link checks and the path guard see them; each is an
:class:`ExportFile` carrying the digest of the bytes it holds, which MkDocs
does not copy when in_place.keep_unchanged found those bytes already there.
The records' open-data files are made and written by :func:`write_made`,
once, in forked workers, before MkDocs copies the others.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import replace
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from ..attachments import file_digest
from ..machinery.forked import available_cores, map_chunks
from ..machinery.remade import MadeWhenWritten, content_digest
from ..exports.plan import finish_open_data_page
from ..site_plan import PlannedFile, SitePlan
from ..views import opendata as opendata_view
from .in_place import keep_unchanged
from .site_manifest import same_as_before, unchanged
from .render import PageJob

log = logging.getLogger("mkdocs.plugins.catalogue")

Locations = dict[tuple[str, bool], tuple[str, str]]
"""(site path, URL) of a generated page, by (source uri, use_directory_urls)."""


class ExportFile(File):
    """A file of the plan that MkDocs copies into the site, unless it is :attr:`kept` there already
    or :attr:`written` by :func:`write_made`."""

    digest: str | None = None
    """Hex digest of the bytes the file holds (its content, or its source file's bytes); None if unknown
    (a file made when written, until it is)."""
    kept = False
    """The site holds these very bytes from the previous build (in_place.keep_unchanged): nothing to copy."""
    written = False
    """:func:`write_made` made and wrote it: nothing to copy."""
    made: MadeWhenWritten | None = None
    """How to make the bytes when they are written (a record's open-data file), rather than hold them."""
    made_key = ""
    """The key of the inputs it was made from (:attr:`MadeWhenWritten.key`), kept in the manifest."""

    @classmethod
    def made_when_written(cls, config, dest: str, made: MadeWhenWritten) -> ExportFile:
        f = cls.generated(config, dest, content=b"", inclusion=InclusionLevel.NOT_IN_NAV)
        f.made = made
        return f

    @property
    def content_bytes(self) -> bytes:  # for another plugin asking before the file is written
        return self.made.make() if self.made is not None else File.content_bytes.fget(self)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.made = None
        File.content_bytes.fset(self, value)

    @property
    def content_string(self) -> str:
        if self.made is not None:
            return self.made.make().decode("utf-8-sig")
        return File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.made = None
        File.content_string.fset(self, value)

    def copy_file(self, dirty: bool = False) -> None:
        if not (self.kept or self.written):
            made, self.made = self.made, None
            if made is not None:  # not written by write_made (a build that did not call it)
                self._content = made.make()
                self.digest = content_digest(self._content)
            super().copy_file(dirty)
            if self._content is None:  # the bytes copied, not those hashed before: the source may have changed
                try:
                    self.digest = file_digest(Path(self.abs_dest_path)).hex()
                except OSError:
                    self.digest = None
        if self._content is not None or self.written:
            # The bytes are in the site now: read from there if asked again (another
            # plugin), not held all build long (some 400 MB at 10,000 long laws).
            self._content, self.abs_src_path = None, self.abs_dest_path


def write_made(exported: dict[str, ExportFile], files: Files, site_dir: str, previous: dict, *,
               in_place: bool, workers: int) -> tuple[int, set[str]]:
    """Make and write the plan's files made when written (the records' open data), each once.

    Returns their total size in bytes and those kept.  MkDocs' copy would
    make and write them one after another in this process (some 2 ms a long
    law); here each is made once, in forked workers when there are many,
    and written where MkDocs would copy it, or kept when a build in place
    finds the same bytes there (:func:`same_as_before`).  Each is written as
    a new file (never through a link into another site).  A file another
    plugin took out of MkDocs' files is neither written nor counted.

    A build in place does not even make a file the last build wrote from
    the same key (its inputs and the code, :attr:`MadeWhenWritten.key`), if
    it is still as written: its size and digest are the manifest's.  That
    spares ``mkdocs serve`` making 10,000 files again after each edit.
    """
    todo, total, kept = [], 0, set()
    for rel, f in exported.items():
        if f.made is None or files.get_file_from_path(f.src_uri) is not f:
            continue
        f.made_key = f.made.key
        known = in_place and made_before(site_dir, previous, rel, f.made_key)
        if known:
            f.made, f.digest, f.kept, f.abs_src_path = None, known[1], True, f.abs_dest_path
            total += known[0]
            kept.add(rel)
        else:
            todo.append((rel, f))

    made: set[Path] = set()  # folders made (by this process: a forked worker has its own copy)

    def write(chunk: list[tuple[str, ExportFile]]) -> list[tuple[int, str, bool]]:
        out = []
        for rel, f in chunk:
            data = f.made.make()
            digest = content_digest(data)
            same = in_place and same_as_before(site_dir, previous, rel, digest)
            if not same:
                path = Path(f.abs_dest_path)
                path.unlink(missing_ok=True)
                if path.parent not in made:  # one mkdir per folder (thousands of files share a few)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    made.add(path.parent)
                path.write_bytes(data)
            out.append((len(data), digest, same))
        return out

    done = map_chunks(write, todo, workers=workers if len(todo) >= WRITE_IN_WORKERS else 1, chunk_size=50,
                      chunks_per_worker=10)  # a fresh worker every 500 files: see map_chunks
    for (rel, f), (size, digest, same) in zip(todo, done):
        f.made, f.digest, total = None, digest, total + size
        if same:
            f.kept = True
            kept.add(rel)
        else:
            f.written = True
        f.abs_src_path = f.abs_dest_path  # read from the site if another plugin asks
    return total, kept


def made_before(site_dir: str, previous: dict, rel: str, key: str) -> tuple[int, str] | None:
    """(size, digest) of ``rel`` if the last build in place made it from ``key`` and it is still the file it wrote."""
    if key and previous.get("made", {}).get(rel) == key and rel in previous.get("digests", {}) \
            and unchanged(Path(site_dir), rel, previous["files"], changed_too=True):
        return previous["files"][rel][0], previous["digests"][rel]
    return None


WRITE_IN_WORKERS = 200
"""From this many files made when written, :func:`write_made` makes and writes them in forked workers."""


def keep_unchanged_exports(state, site_dir: str) -> None:
    """In a build in place, keep the plan's files the site holds with the same bytes (in_place.keep_unchanged);
    those made when written are left to :func:`write_made`.  Sets ``state.kept`` and each file's ``kept``."""
    made = {rel for rel, f in state.exported.items() if f.made is not None}
    state.kept = keep_unchanged(site_dir, state.previous, state.digests(), made) if state.in_place else set()
    for rel in state.kept:
        state.exported[rel].kept = True


def write_open_data(state, files: Files, site_dir: str, plan: SitePlan, workers: int | None, memo) -> SitePlan:
    """Write the records' open data (:func:`write_made`) and give the 开放数据 page their total size.

    Run after MkDocs cleaned the site and before it renders a page, so the
    page (a job of render.py's, or MkDocs' own if the navigation names it)
    shows the size of the very bytes written.  Returns the plan holding the
    completed page; ``state.jobs`` and ``state.kept`` are updated.
    """
    total, kept = write_made(state.exported, files, site_dir, state.previous, in_place=state.in_place,
                             workers=workers or available_cores())
    state.kept |= kept
    src = f"{opendata_view.PATH}index.md"
    planned = plan.page(src)
    if planned is None:
        return plan
    page = finish_open_data_page(planned.data, total, memo)
    state.jobs = [replace(job, data=page) if job.src_uri == src else job for job in state.jobs]
    return plan.with_page_data(src, page)


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
    if isinstance(content, MadeWhenWritten):
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
