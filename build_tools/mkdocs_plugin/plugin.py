"""The ``catalogue`` MkDocs plugin: event glue between MkDocs and the core.

It asks the domain core for the public site as plain data
(:func:`build_tools.views.site.build_site`) and hands MkDocs one generated
page per record and per list page, plus the attachments.  Templates in
theme/ render the data.  Record problems are logged with the same messages
``catalogue check`` prints; errors are warnings to MkDocs, so
``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import posixpath
import tempfile
import time
from pathlib import Path

import nh3
from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..machinery.cache import ContentCache, stable
from ..config import OPTIONS, CatalogueConfig, config_failure, config_for_plugin
from ..diagnostics import Problem, Severity, has_errors
from ..machinery.identity_memo import IdentityMemo
from ..machinery.load_cache import LoadCache
from ..links import PublicLinks
from ..pipeline import check_catalogue
from ..publish_guard import build_refusal, describe_os_error
from ..search import attachment_reader, build_search, record_digest, search_key, search_page
from ..machinery.view_memo import ViewMemo
from ..views.site import SiteView, build_site
from ..visibility import PublicCatalogue, public_view
from . import build as output
from . import in_place
from . import render
from .page_keys import PageKeys
from .progress import progress_bar
from .search_job import SearchJob
from .template_cache import MemoryBytecodeCache

log = logging.getLogger("mkdocs.plugins.catalogue")


class PassThrough(BaseConfigOption):
    """Accepts any value: build_tools.config reads it, so every path gives one Chinese message."""


class _PassThroughConfig(Config):
    def validate(self):
        failed, warnings = super().validate()
        # Unknown keys are the core's config-unknown-option errors (with a suggestion), not MkDocs' warnings.
        return failed, [(key, msg) for key, msg in warnings if key in self._schema_keys]


# The plugin's options: one pass-through per option of the core's table (no defaults, no checks here).
CatalogueOptions = type("CatalogueOptions", (_PassThroughConfig,), {
    "__doc__": "Options of the catalogue plugin; see build_tools.config.OPTIONS.",
    **{o.name: PassThrough() for o in OPTIONS},
})


# Tags and attributes a record body may use after Markdown rendering:
# what 公文 need (headings, lists, tables, footnotes) and nothing executable.
_ALLOWED_TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                 "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
                 "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "mark", "abbr", "code", "pre",
                 "blockquote", "a", "img", "div", "span", "section", "figure", "figcaption"}
_ALLOWED_ATTRIBUTES = {"*": {"id", "class", "title", "lang"}, "a": {"href"},
                       "img": {"src", "alt", "width", "height"},
                       "th": {"colspan", "rowspan", "align", "style"}, "td": {"colspan", "rowspan", "align", "style"},
                       "ol": {"start"}, "col": {"span"}}


def sanitise(html: str) -> str:
    """Strip anything executable from rendered record HTML (scripts, handlers, javascript: URLs)."""
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener noreferrer",
                     filter_style_properties={"text-align"})


class CataloguePlugin(BasePlugin[CatalogueOptions]):
    """Turns catalogue/ into record pages, browse pages and a home page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.as_of: dt.date | None = None
        """Set by ``catalogue build --as-of``; otherwise today, read once per build."""
        self.catalogue_dir: Path | None = None
        """Set by ``catalogue build --catalogue``."""
        self.verify = False
        """Set by ``catalogue build --verify``: render every page fast and plain, fail on a difference."""
        self.core_config: CatalogueConfig | None = None
        self.site: SiteView | None = None
        self._pages: dict[str, tuple[str, object]] = {}
        self._command: str | None = None
        self._dirty = False
        self._staging: output.Staging | None = None
        self._mkdocs_config = None
        self._updated: dict[str, str] = {}
        self._default_updated: str | None = None
        self._jobs: list[render.PageJob] = []
        self._nav = self._env = self._files = None
        self._search: SearchJob | None = None
        self._in_place = False
        self._previous: dict = {}
        self._scratch: tempfile.TemporaryDirectory | None = None
        # Kept from one build to the next by the same process (``mkdocs serve``
        # rebuilds after each edit): what the last build loaded, its views, its
        # page keys and the digests of its records (for the search key), reused
        # only for what did not change.
        self._load_cache: LoadCache | None = None
        self._views = ViewMemo()
        self._page_keys = PageKeys()
        self._locations: dict[tuple[str, bool], tuple[str, str]] = {}
        self._templates = MemoryBytecodeCache()
        self._record_digests = IdentityMemo(record_digest)

    # -- atomic output (see build.py) -------------------------------------------

    def on_startup(self, *, command, dirty):
        self._finish_output(success=False)  # a staging directory an interrupted caller left (one plugin per process)
        self._command, self._dirty = command, dirty

    def _stage_output(self, config) -> None:
        """Point MkDocs at a staging directory; ``serve`` builds write in place.

        A ``--dirty`` build is staged too: its staging directory starts empty,
        so nothing of a withdrawn record can survive from the previous site.
        """
        if self._command in ("build", "gh-deploy") and self._staging is None:
            if self._dirty:
                log.info("--dirty：目录插件仍生成完整的新网站，撤回的记录不会留在网站上。")
            try:
                self._staging = output.stage(config.site_dir)
            except OSError as exc:  # a full or read-only disk: nothing was touched
                raise Abort(describe_os_error(exc)) from exc
            self._mkdocs_config = config
            config.site_dir = str(self._staging.tmp)

    @event_priority(50)  # before other plugins' on_post_build, so they see every page
    def _write_catalogue_pages(self, *, config):
        """Render (or take from the cache) every page MkDocs' loop did not, and list them in the sitemap."""
        context = render.RenderContext(config, self._nav, self._env, self._files,
                                       self._files.documentation_pages())
        key_base = render.global_fingerprint(config, self._nav, extra=[stable(self.core_config)])
        cache = ContentCache(self._cache_root(), "pages")
        started = time.monotonic()
        counts, pages = render.render_pages(self._jobs, context, site_dir=config.site_dir, cache=cache,
                                            key_base=key_base, workers=self.core_config.workers,
                                            progress=progress_bar, previous=self._previous.get("pages"),
                                            page_keys=self._page_keys, verify=self.verify)
        render.extend_sitemap(config.site_dir, config, self._jobs, [f.page for f in self._files.documentation_pages()])
        search, self._search = self._search, None
        previous_files = self._previous.get("search_files", [])
        if search.key == self._previous.get("search"):
            search.cancel()
            written_key, search_files, search_state = search.key, previous_files, "未变"
        elif search.publishes:
            search.detach()  # the previous index stays until the background build replaces it
            written_key, search_files, search_state = self._previous.get("search"), previous_files, "正在后台重建"
        else:
            if search.running:
                log.info(f"页面已生成，正在等待搜索索引{'写入' if search.cached else '建立'}完成……")
            if search.writes:
                # Its process writes the files into the (staging) site itself: nothing is left to write here.
                search.wait()
                search_files = []  # not an in-place build: no manifest to keep
            else:
                index = search.files()
                render.write_files(config.site_dir, index)
                search_files = list(index)
            search.cache.prune()
            written_key = search.key
            search_state = "取自缓存" if search.cached else "已重建"
        if self._in_place:
            in_place.remove_stale(config.site_dir, self._previous, pages, search_files)
            in_place.save_manifest(config.site_dir, pages, written_key, search_files,
                                   [f.dest_uri for f in self._files])
        if self.core_config.cache_dir is not None:
            cache.prune()
        self._close_cache()
        log.info(f"目录页面 {counts['pages']} 个，其中新生成 {counts['rendered']} 个，"
                 f"写入 {counts['written']} 个；搜索索引{search_state}（{time.monotonic() - started:.1f} 秒）。")

    def _cache_root(self) -> Path:
        """The cache directory, or for a build without one a scratch directory removed afterwards."""
        if self.core_config.cache_dir is not None:
            return self.core_config.cache_dir
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="catalogue-cache-")
        return Path(self._scratch.name)

    def _close_cache(self) -> None:
        scratch, self._scratch = self._scratch, None
        if scratch is not None:
            scratch.cleanup()

    @event_priority(-100)  # after every other plugin's on_post_build has written its files
    def _complete_staging(self, *, config):
        if self._staging is not None:
            try:
                output.seal(self._staging, allow_empty=self.core_config.allow_empty_catalogue)
            except output.PublishRefused as exc:
                raise Abort(str(exc)) from None
            self._staging.complete = True

    on_post_build = CombinedEvent(_write_catalogue_pages, _complete_staging)

    def on_build_error(self, *, error):
        # Also reached when ``mkdocs build --strict`` aborts after on_post_build.
        if self._search is not None:
            self._search.cancel()
            self._search = None
        self._close_cache()
        self._finish_output(success=False)
        if isinstance(error, OSError):  # a full or read-only disk: a message, not a traceback
            raise Abort(describe_os_error(error)) from error

    def on_shutdown(self):
        # Called after the build in every case (success, error, Ctrl-C).
        self._finish_output(success=True)

    def _finish_output(self, success: bool) -> None:
        staging, self._staging = self._staging, None
        if staging is None:
            return
        self._mkdocs_config.site_dir = str(staging.final)  # gh-deploy reads it after the build
        try:
            if success and staging.complete:
                try:
                    output.publish(staging)
                except OSError as exc:  # the previous site is as it was
                    output.discard(staging)
                    raise Abort(describe_os_error(exc)) from exc
            else:
                output.discard(staging)
        finally:
            output.unlock(staging)

    # -- configuration ---------------------------------------------------------

    def on_config(self, config):
        base_dir = Path(config.config_file_path or ".").parent
        core, problems = config_for_plugin(dict(self.config), config.config_file_path)
        if self.catalogue_dir is not None:
            from dataclasses import replace
            core = replace(core, catalogue_dir=self.catalogue_dir)
        self.core_config = core
        if has_errors(problems):  # strict or not: never a site built on a configuration the office did not write
            raise PluginError(config_failure(problems))
        for p in problems:
            _log_problem(p)
        # Nothing destroyed: no build over the sources or someone else's files, none from a missing catalogue.
        refusal = build_refusal(config.site_dir, catalogue_dir=core.catalogue_dir, docs_dir=config.docs_dir,
                                config_dir=base_dir)
        if refusal:
            raise Abort(refusal)
        # Record and list pages are reached by browsing, never from the
        # navigation: keeping them out of it keeps every page small.
        from mkdocs.config.config_options import PathSpec
        config.not_in_nav = PathSpec().run_validation("/records/\n/lists/\n/attachments/\n")
        self._stage_output(config)
        if self._command == "serve":
            in_place.mark_serving(config.site_dir)
        return config

    def on_serve(self, server, *, config, builder):
        """Rebuild when a record changes, not only when docs/ does (``mkdocs serve``)."""
        server.watch(str(self.core_config.catalogue_dir))
        return server

    # -- pages -----------------------------------------------------------------

    def on_pre_build(self, *, config):
        # MkDocs empties site_dir next; an in-place build keeps the catalogue's pages (in_place.py).
        self._in_place = self._staging is None
        if self._in_place:
            in_place.set_aside(config.site_dir)

    def on_files(self, files: Files, *, config) -> Files:
        self._previous = in_place.restore(config.site_dir) if self._in_place else {}
        # Record files are never pages of their own, even when catalogue_dir is inside docs_dir.
        catalogue = self.core_config.catalogue_dir.resolve()
        for f in [f for f in files if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(catalogue)]:
            files.remove(f)
        as_of = self.as_of or dt.date.today()
        cache_dir = self.core_config.cache_dir
        self._load_cache = LoadCache.reopen(self._load_cache, cache_dir, self.core_config) if cache_dir else None
        started = time.monotonic()
        result = check_catalogue(self.core_config, as_of, cache=self._load_cache)
        log.info(f"已读取并检查 {len(result.catalogue.records)} 条记录（{time.monotonic() - started:.1f} 秒）。")
        for p in result.problems:
            _log_problem(p)
        public = public_view(result.catalogue, result.graph, as_of)
        # The search index is built in a process of its own (or taken from the
        # cache), started first so that it runs while this process makes the
        # views and MkDocs renders its own pages, not only beside the page workers.
        root = self.core_config.catalogue_dir
        categories = self.core_config.categories
        read = attachment_reader(root)
        key = search_key(public, read, categories, self._record_digests)
        self._record_digests.finish()
        # While previewing, a changed record must not wait for the whole index:
        # the previous index stays until the new one is written in the background.
        background = (self._in_place and in_place.is_serving(config.site_dir)
                      and bool(self._previous.get("search_files")))
        self._search = SearchJob(key, ContentCache(self._cache_root(), "search"),
                                 lambda: build_search(public, read, categories),
                                 publish_to=config.site_dir if background else None,
                                 write_to=None if self._in_place else config.site_dir)
        site = build_site(public, self.core_config, self._views)
        for p in site.problems:
            _log_problem(p)
        self.site = site
        self._pages = {}
        # Sitemap dates come from the records and as_of, never from the clock,
        # so one catalogue and one as_of always give the same bytes.
        self._updated = {f"{p.path}index.md": _record_updated(p.record, public).isoformat() for p in site.records}
        self._default_updated = as_of.isoformat()

        # Pages the navigation names (the home page, the entry lists) are
        # MkDocs pages; all others are rendered by render.py after MkDocs'
        # own pages, in parallel and cached (see on_post_build).
        in_nav = _nav_sources(config.nav)
        self._jobs = []
        locations: dict[tuple[str, bool], tuple[str, str]] = {}

        def add(path: str, title: str, template: str, data: object, body: str = "") -> None:
            src_uri = f"{path}index.md"
            meta = json.dumps({"title": html.escape(title), "template": template}, ensure_ascii=False)
            content = f"---\n{meta}\n---\n\n{body}"
            self._pages[src_uri] = (template, data)
            if src_uri not in in_nav and path:
                # Where it goes and its URL come from MkDocs' File, as for MkDocs' own
                # pages.  They depend on the path and use_directory_urls only, so they
                # are remembered between builds (13,000 Files cost a serve rebuild 0.2 s).
                where = (src_uri, config.use_directory_urls)
                dest_uri, url = locations[where] = self._locations.get(where) or _location(config, src_uri)
                self._jobs.append(render.PageJob(src_uri, dest_uri, url, content, data,
                                                 self._updated.get(src_uri, self._default_updated)))
                return
            file = File.generated(config, src_uri, content=content,
                                  inclusion=InclusionLevel.NOT_IN_NAV if path else InclusionLevel.INCLUDED)
            if files.get_file_from_path(src_uri) is not None:
                files.remove(files.get_file_from_path(src_uri))
            files.append(file)

        bodies = PublicLinks.of(public)  # body links to records and attachments point at their public URLs
        for page in site.records:
            add(page.path, page.record.title, "record.html", page, bodies.body(page.record))
        for page in site.lists:
            suffix = f"（第 {page.page} 页）" if page.page > 1 else ""
            add(page.path, page.title + suffix, "listing.html", page)
        if files.get_file_from_path("index.md") is None:
            add("", self.core_config.agency or config.site_name, "home.html", site.home)
        else:
            self._pages["index.md"] = ("home.html", site.home)
        for rel, dest in site.attachments:
            files.append(File.generated(config, dest, abs_src_path=str((root / rel).resolve()),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        # Search: the results page, and the index files the core builds from the public catalogue.
        results = search_page(site.home.sections)
        add(results.path, results.title, "partials/search-page.html", results)
        self._locations = locations
        return files

    def on_nav(self, nav, *, config, files):
        self._nav, self._files = nav, files
        return nav

    def on_env(self, env, *, config, files):
        """Autoescape in the project's own templates: record data is text, never markup."""
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        ours = {p.relative_to(custom).as_posix() for p in custom.rglob("*.html")} if custom else set()
        previous = env.autoescape
        env.autoescape = lambda name: name in ours or (previous(name) if callable(previous) else previous)
        # MkDocs makes a new environment per build; compiled templates are kept (serve rebuilds).
        env.bytecode_cache = self._templates
        self._env = env
        return env

    def on_page_content(self, html: str, *, page, config, files) -> str:
        entry = self._pages.get(page.file.src_uri)
        if entry is not None or "SOURCE_DATE_EPOCH" not in os.environ:
            # A docs/ page keeps the date MkDocs took from SOURCE_DATE_EPOCH, if set.
            page.update_date = self._updated.get(page.file.src_uri, self._default_updated)
        if entry and entry[0] == "record.html":
            return sanitise(html)
        return html

    def on_page_context(self, context, *, page, config, nav):
        entry = self._pages.get(page.file.src_uri)
        if entry:
            template, data = entry
            context["catalogue_view"] = data
        context["catalogue_site"] = self.core_config
        return context


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


def _record_updated(record, public: PublicCatalogue) -> dt.date:
    """The last day a record's page changed: its publication, its entry into
    force, or the publication of a public record linked to it."""
    days = [record.published]
    if record.effective and record.effective <= public.as_of:
        days.append(record.effective)
    g = public.graph
    for links in (g.interpretations, g.interprets, g.amended_by, g.amends, g.repealed_by, g.repeals):
        days.extend(public.get(n).published for n in links.get(record.index_no, ()))
    return max(days)


def _log_problem(p: Problem) -> None:
    where = f"{p.file}:{p.line}" if p.line else p.file
    text = f"{where} [{p.code}] {p.message}"
    if p.severity is Severity.ERROR:
        log.warning(text)
    else:
        log.info(text)
