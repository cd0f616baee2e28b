"""The ``catalogue`` MkDocs plugin: event glue between MkDocs and the core.

It asks the domain core for the catalogue's part of the site as plain data
(:func:`build_tools.site_plan.plan_site`) and hands MkDocs one generated
page per record and per list page, plus the attachments.  Templates in
theme/ render the data.  Record problems are logged with the same messages
``catalogue check`` prints; errors are warnings to MkDocs, so
``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import replace
from pathlib import Path

from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from ..body_anchors import EXTENSION as BODY_ANCHORS
from ..clock import china_today
from ..config import OPTIONS, CatalogueConfig, config_failure, config_for_plugin, mkdocs_folders
from ..diagnostics import Problem, Severity, has_errors
from ..machinery.cache import ContentCache
from ..publish_guard import build_refusal, describe_os_error
from ..site_plan import SearchInputs, SitePlan, plan_site
from . import publish as output
from . import asset_urls, exports, in_place, page_keys, page_urls, render, search_job
from .body_once import sanitised
from .build import failure_in_words, plugin_refusal
from .pages import hand_over, keep_unchanged_exports, write_open_data
from .progress import progress_bar
from .state import BuildState, Remembered

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


class CataloguePlugin(BasePlugin[CatalogueOptions]):
    """Turns catalogue/ into record pages, browse pages and a home page.

    Glue only: :func:`~build_tools.site_plan.plan_site` decides every page
    (``self.plan``); the hooks hand its pages to MkDocs or to render.py.
    What one build needs is in ``self.state`` (made afresh in
    ``on_pre_build``); what the next build of the same process may reuse
    (``mkdocs serve``) is in ``self.memo``.
    """

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.as_of: dt.date | None = None
        """Set by ``catalogue build --as-of``; otherwise today, read once per build."""
        self.catalogue_dir: Path | None = None
        """Set by ``catalogue build --catalogue``."""
        self.verify = False
        """Set by ``catalogue build --verify``: render every page fast and plain, fail on a difference."""
        self.core_config: CatalogueConfig | None = None
        self.plan: SitePlan | None = None
        self.state: BuildState | None = None
        self.memo = Remembered()
        self._command: str | None = None
        self._dirty = False
        self._staging: output.Staging | None = None
        self._mkdocs_config = None

    # -- atomic output (see publish.py) -----------------------------------------

    def on_startup(self, *, command, dirty):
        self._finish_output(success=False)  # a staging directory an interrupted caller left (one plugin per process)
        self._command, self._dirty = command, dirty

    def _stage_output(self, config) -> None:
        """Point MkDocs at a staging directory; ``serve`` builds write in place.  Other builds start from the
        spare (the site the last publish replaced) and keep its unchanged pages (in_place.py); a ``--dirty``
        build starts empty (MkDocs cleans nothing: a withdrawn record could not be told apart)."""
        if self._command in ("build", "gh-deploy") and self._staging is None:
            if self._dirty:
                log.info("--dirty：目录插件仍生成完整的新网站，撤回的记录不会留在网站上。")
            try:
                pages = ContentCache(self.core_config.cache_dir, "pages") if self.core_config.cache_dir else None
                self._staging = output.stage(config.site_dir, reuse=not self._dirty,
                                             cache_links=pages.linked_files if pages else frozenset)
            except OSError as exc:  # a full or read-only disk: nothing was touched
                raise Abort(describe_os_error(exc)) from exc
            self._mkdocs_config = config
            config.site_dir = str(self._staging.tmp)

    @event_priority(50)  # before other plugins' on_post_build, so they see every page
    def _write_catalogue_pages(self, *, config):
        """Render (or take from the cache) every page MkDocs' loop did not, and list them in the sitemap."""
        state = self.state
        context = render.RenderContext(config, state.nav, state.env, state.files,
                                       state.files.documentation_pages(), state.conversions)
        key_base = page_keys.global_fingerprint(config, state.nav, state.env, self.core_config.cache_dir, extra=[
            page_keys.configuration_part(self.core_config), state.env.globals[asset_urls.GLOBAL].versions])
        cache = ContentCache(state.cache_root(self.core_config.cache_dir), "pages")
        started = time.monotonic()
        counts, pages = render.render_pages(state.jobs, context, site_dir=config.site_dir, cache=cache,
                                            key_base=key_base, workers=self.core_config.workers,
                                            progress=progress_bar, previous=state.previous.get("pages"),
                                            page_keys=self.memo.page_keys, verify=self.verify,
                                            notices=state.fast_path_notices, busy_cores=int(state.search.running()))
        exports.write_sitemap(config, state.jobs, state.files.documentation_pages(), self.plan)
        search, state.search = state.search, None
        written_key, search_files, search_state = search.finish(config.site_dir)
        in_place.finish(config.site_dir, state.previous, pages, written_key, search_files,
                        [f.dest_uri for f in state.files], from_spare=state.in_place and (
                            self._staging is not None or not state.previous),
                        digests=state.digests(), kept=state.kept, made=state.made_keys())
        state.finished = True
        if self.core_config.cache_dir is not None:
            cache.prune()
        state.close()
        log.info(render.summary(counts, len(state.exported), len(state.kept), search_state, time.monotonic() - started))
        if counts["damaged"] and self._staging is not None:  # the replaced site holds the damaged page: no spare
            self._staging.keep_previous = False

    @event_priority(-100)  # after every other plugin's on_post_build has written its files
    def _complete_staging(self, *, config):
        if self._staging is not None:
            try:
                output.seal(self._staging, allow_empty=self.core_config.allow_empty_catalogue,
                            allow_fewer=self.core_config.allow_fewer_records, as_of=self.plan and self.plan.as_of)
            except output.PublishRefused as exc:
                raise Abort(str(exc)) from None
            self._staging.complete = True

    on_post_build = CombinedEvent(_write_catalogue_pages, _complete_staging)

    def on_build_error(self, *, error):  # also reached when ``mkdocs build --strict`` aborts after on_post_build
        state, self.state = self.state, None
        if state is not None:
            state.fail(staged=self._staging is not None)
        self._finish_output(success=False)
        if (message := failure_in_words(error)) is not None:  # a broken template, a full disk: never a traceback
            raise Abort(message) from error

    def on_shutdown(self):  # called after the build in every case (success, error, Ctrl-C)
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
        folders = mkdocs_folders(config, base_dir)  # MkDocs made them absolute
        core, problems = config_for_plugin(dict(self.config), config.config_file_path, folders)
        if self.catalogue_dir is not None:
            core = replace(core, catalogue_dir=self.catalogue_dir)
        self.core_config = core
        if has_errors(problems):  # strict or not: never a site built on a configuration the office did not write
            raise PluginError(config_failure(problems))
        for p in problems:
            _log_problem(p)
        # Nothing destroyed: no build over the sources or someone else's files, none from a missing catalogue.
        refusal = plugin_refusal(config.plugins) or build_refusal(
            config.site_dir, catalogue_dir=core.catalogue_dir, docs_dir=config.docs_dir, config_dir=base_dir,
            cache_dir=core.cache_dir, custom_dir=folders.get("custom_dir"), written_site_dir=folders.get("site_dir_written"))
        if refusal:
            raise Abort(refusal)
        # Record and list pages are reached by browsing, never from the navigation (every page stays small).
        from mkdocs.config.config_options import PathSpec
        config.not_in_nav = PathSpec().run_validation("/records/\n/lists/\n/attachments/\n")
        # Ids from the text on every page, whatever mkdocs.yml lists (body_anchors.py): links depend on them.
        if BODY_ANCHORS not in config.markdown_extensions:
            config.markdown_extensions.append(BODY_ANCHORS)
        if self._command == "build" and output.made_by_serve(config.site_dir):  # mkdocs serve --clean: a preview
            self._command = "serve"
        self._stage_output(config)
        if self._command == "serve":
            in_place.mark_serving(config.site_dir)
        return config

    def on_serve(self, server, *, config, builder):  # rebuild when a record changes, not only docs/
        server.watch(str(self.core_config.catalogue_dir))
        return server

    # -- pages -----------------------------------------------------------------

    def on_pre_build(self, *, config):
        # MkDocs empties site_dir next; an in-place build keeps the catalogue's pages (in_place.py).
        self.state = BuildState(in_place=self._staging is None or self._staging.reused)
        self.state.site_dir, self.plan = config.site_dir, None
        if self.state.in_place:
            in_place.set_aside(config.site_dir)

    def on_files(self, files: Files, *, config) -> Files:
        state, core = self.state, self.core_config
        state.previous = in_place.restore(config.site_dir) if state.in_place else {}
        # Record files are never pages of their own, even when catalogue_dir is inside docs_dir.
        catalogue = core.catalogue_dir.resolve()
        for f in [f for f in files if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(catalogue)]:
            files.remove(f)
        serving = state.in_place and in_place.is_serving(config.site_dir)

        def start_search(search: SearchInputs) -> None:
            # Started before the checks run and the views are made, so that the index is built while
            # this process makes them and MkDocs renders its own pages.
            state.search = search_job.start(
                search.key, ContentCache(state.cache_root(core.cache_dir), "search"), search.build,
                site_dir=config.site_dir, in_place=state.in_place, serving=serving,
                previous_key=state.previous.get("search"), previous_files=state.previous.get("search_files", ()))

        started = time.monotonic()
        # Only a server's next build reuses the bodies' HTML (as large as their text): a one-off build reads it back.
        self.memo.site.hold_body_html = self._command == "serve"
        self.plan = plan = plan_site(core, self.as_of or china_today(), self.memo.site,
                                     site_title=config.site_name, start_search=start_search,
                                     site_url=config.site_url or "", directory_urls=config.use_directory_urls,
                                     render_body=state.new_body_renderer(config, files), verify=self.verify)
        log.info(f"已读取并检查 {len(plan.records)} 条记录，安排页面 {len(plan.pages)} 个"
                 f"（{time.monotonic() - started:.1f} 秒）。{plan.history.summary}")
        for p in plan.problems:
            _log_problem(p)
        if self.verify:
            render.report_body_differences(plan.body_differences, len(plan.public.records))
        state.jobs, self.memo.locations, exported = hand_over(plan, files, config, self.memo.locations)
        state.page_file_links = page_urls.quiet_page_file_links(config, state.jobs)
        self.plan = replace(plan, generated=())  # their bytes are MkDocs' files' now, dropped once written
        state.exported = exported
        keep_unchanged_exports(state, config.site_dir)
        return files

    def on_nav(self, nav, *, config, files):
        self.state.nav, self.state.files = nav, files
        return nav

    def on_env(self, env, *, config, files):
        """Autoescape in the project's own templates (record data is text); versioned asset addresses; page URLs."""
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        previous = env.autoescape  # a template the theme folder holds, through links to shared folders too
        env.autoescape = lambda name: bool(custom and name and (custom / name).is_file()) or (
            previous(name) if callable(previous) else previous)
        env.bytecode_cache = self.memo.templates  # a new environment each build; compiled templates are kept (serve)
        env.globals[asset_urls.GLOBAL] = asset_urls.AssetSuffix(asset_urls.asset_versions(files, custom))
        page_urls.address_pages_by_file(env, config, self.state.jobs, files)
        self.state.env = env
        self.plan = write_open_data(self.state, files, config.site_dir, self.plan, self.core_config.workers,
                                    self.memo.site)  # the last event before MkDocs writes the site's files
        return env

    def on_page_content(self, html: str, *, page, config, files) -> str:
        planned = self.plan.page(page.file.src_uri)
        if planned is not None or "SOURCE_DATE_EPOCH" not in os.environ:
            # A docs/ page keeps the date MkDocs took from SOURCE_DATE_EPOCH, if set.
            page.update_date = planned.updated if planned is not None else self.plan.updated
        if planned is not None:  # an office's docs/index.md is the home page: its text, the home page's lists (a review)
            page.meta.setdefault("template", planned.template)
        return sanitised(html, page) if planned is not None and planned.template == "record.html" else html

    def on_page_context(self, context, *, page, config, nav):
        planned = self.plan.page(page.file.src_uri)
        if planned is not None:
            context["catalogue_view"] = planned.data
        context["catalogue_site"] = self.core_config
        return context


def _log_problem(p: Problem) -> None:
    where = f"{p.file}:{p.line}" if p.line else p.file
    (log.warning if p.severity is Severity.ERROR else log.info)(f"{where} [{p.code}] {p.message}")
