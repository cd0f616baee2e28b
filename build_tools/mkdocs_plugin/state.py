"""What the catalogue plugin keeps: for one build, and from one build to the next.

MkDocs calls the plugin's hooks one after another on one plugin instance,
and under ``mkdocs serve`` on the same instance build after build.  What a
build needs between its hooks is a :class:`BuildState`, made afresh when the
build starts, so nothing of a failed build leaks into the next; what the
next build may reuse is a :class:`Remembered`, each part reused only for
what did not change.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..site_plan import SiteMemo
from .body_once import OnceBodyRenderer
from .page_keys import PageKeys
from .page_urls import PAGES_LOGGER
from .render import PageJob
from .in_place import abandon
from .search_job import SearchJob, stop_background
from .template_cache import MemoryBytecodeCache


class BuildState:
    """What one build needs between its hooks; made afresh in on_pre_build."""

    def __init__(self, in_place: bool) -> None:
        self.in_place = in_place
        """Whether the build writes over a previous site (``mkdocs serve``, a build from the spare) rather than into an empty folder."""
        self.previous: dict = {}
        """What the previous in-place build wrote (in_place.py's manifest)."""
        self.site_dir: str | None = None
        self.finished = False
        """Whether the site's manifest was written (in_place.finish): a failure after it leaves a whole site."""
        self.jobs: list[PageJob] = []
        """The pages render.py renders after MkDocs' own."""
        self.search: SearchJob | None = None
        """The search job (search_job.py), until on_post_build finishes it."""
        self.exported: dict = {}
        """The files of the plan MkDocs copies (pages.ExportFile), by site path."""
        self.kept: set[str] = set()
        """Those of them already in the site with the same bytes (in_place.keep_unchanged), not copied."""
        self.nav = self.env = self.files = None
        self.fast_path_notices: set = set()
        """Notices of fast paths outside the page render (the open data's bodies), logged with the pages'."""
        self.body_renderer: OnceBodyRenderer | None = None
        """The open data's body renderer (body_once.py): its conversions are the pages' to take."""
        self._scratch: tempfile.TemporaryDirectory | None = None
        self.page_file_links: logging.Filter | None = None
        """On a site without directory URLs, the filter of MkDocs' warnings on links to its pages' files
        (page_urls.PageFileLinks), taken off MkDocs' logger by :meth:`close`."""

    def new_body_renderer(self, config, files) -> OnceBodyRenderer:
        """The open data's body renderer for this build (made once MkDocs' files are known)."""
        self.body_renderer = OnceBodyRenderer(config, files, self.fast_path_notices)
        return self.body_renderer

    def digests(self) -> dict[str, str]:
        """The digest of each of :attr:`exported` (of the bytes written, once MkDocs copied them)."""
        return {rel: f.digest for rel, f in self.exported.items() if f.digest is not None}

    def made_keys(self) -> dict[str, str]:
        """The key of each of :attr:`exported` made when written (pages.write_made), for the manifest."""
        return {rel: f.made_key for rel, f in self.exported.items() if f.made_key}

    @property
    def conversions(self) -> dict:
        """The record bodies the open data converted for the pages (body_once.py), by their Markdown."""
        return self.body_renderer.conversions if self.body_renderer is not None else {}

    def cache_root(self, cache_dir: Path | None) -> Path:
        """The cache directory, or for a build without one a scratch directory removed afterwards."""
        if cache_dir is not None:
            return cache_dir
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="catalogue-cache-")
        return Path(self._scratch.name)

    def fail(self, staged: bool) -> None:
        """The build failed: stop what runs, and in a preview (in place, not ``staged``) remove what it had
        restored from the last build before the failure (in_place.abandon): nothing half-made is served."""
        self.close()
        if self.in_place and not staged and not self.finished and self.site_dir is not None:
            stop_background(self.site_dir)
            abandon(self.site_dir)

    def close(self) -> None:
        """Stop a search job still running (a failed build), remove the scratch cache and the log's filter."""
        search, self.search = self.search, None
        if search is not None:
            search.cancel()
        self.body_renderer = None  # its conversions: as much memory as the bodies' HTML
        quiet, self.page_file_links = self.page_file_links, None
        if quiet is not None:
            logging.getLogger(PAGES_LOGGER).removeFilter(quiet)
        scratch, self._scratch = self._scratch, None
        if scratch is not None:
            scratch.cleanup()


@dataclass
class Remembered:
    """What a build leaves for the next one in the same process (``mkdocs serve``), reused only where valid."""

    site: SiteMemo = field(default_factory=SiteMemo)
    """The core's: loaded records, views, record digests (see site_plan.py)."""
    page_keys: PageKeys = field(default_factory=PageKeys)
    """The key of each page (see page_keys.py)."""
    locations: dict[tuple[str, bool], tuple[str, str]] = field(default_factory=dict)
    """Where each generated page goes and its URL, by (source uri, use_directory_urls)."""
    templates: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    """Compiled templates."""
