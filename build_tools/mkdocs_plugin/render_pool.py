"""Rendering the pages the cache does not hold: each as MkDocs would, many at once in forked workers.

Called by :func:`.render.render_pages`.  :func:`render_one` renders one page
exactly as MkDocs' build loop would (with page frames and the shared
Markdown parser, or plain for ``verify``); :func:`_render_missing` renders
the missing pages into the cache and the site, in the build process or,
when there are many, in worker processes forked from it, and collects
what they report (warnings, fast-path notices, differences).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape as html_escape
from typing import TYPE_CHECKING

from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..machinery.cache import write_new
from ..machinery.forked import available_cores, can_fork, fork_context, release_free_memory, settle_child
from .fast_paths import Notice
from .frames import Frames
from .page_markdown import PageMarkdown

if TYPE_CHECKING:
    from .render import PageJob, RenderContext

log = logging.getLogger("mkdocs.plugins.catalogue")

_CHUNK = 64
"""Pages per task handed to a worker: large enough to amortise the hand-off."""
_MIN_PARALLEL = 96
"""Fewer pages than this to render are rendered in the build process (forking costs more)."""


def render_one(job: PageJob, ctx: RenderContext, frames: Frames | None = None,
               markdown: PageMarkdown | None = None) -> str:
    """Render one page exactly as MkDocs' build loop would (same plugin events, same template).

    With ``frames``, the theme's chrome is taken from a frame shared by
    pages like this one (frames.py); with ``markdown``, one parser serves
    every page (page_markdown.py).  The bytes are the same either way.
    """
    config, files = ctx.config, ctx.files
    file = File.generated(config, job.src_uri, content=job.source)
    page = Page(None, file, config)
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        if page.markdown.strip():
            try:
                if markdown is not None:
                    markdown.render(page)
                else:
                    page.render(config, files)
            except Exception as exc:  # record content the parsers cannot take: a problem, never a traceback
                _unrenderable(job, page, exc)
        else:  # a list page: what Markdown would make of nothing, without building a parser
            page.content, page.toc = "", get_toc([])
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        page.active = True
        context = get_context(ctx.nav, ctx.doc_files, config, page)
        name = page.meta.get("template", "main.html")
        template = ctx.env.get_template(name)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=ctx.nav)
        output = frames.render(template, name, context, page) if frames is not None else template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        config._current_page = None


def _unrenderable(job: PageJob, page: Page, exc: Exception) -> None:
    """Log a body that made Markdown or MkDocs raise (naming the record file) and show it as plain text.

    ``catalogue check`` reports such bodies (body-unrenderable) so they do not
    reach a build; this is the net for what it does not know yet.  The error
    fails a strict build.
    """
    record = getattr(getattr(job.data, "record", None), "source", None) or job.src_uri
    log.error("记录 %s 的正文中有生成网页时无法处理的写法，页面上暂以纯文本显示正文；"
              "请运行 catalogue check 查看出错的行并改正。", record)
    log.debug("%s: %s: %s", record, type(exc).__name__, exc)  # for maintainers: mkdocs build --verbose
    page.content = "".join(f"<p>{html_escape(part)}</p>\n" for part in page.markdown.split("\n\n") if part.strip())
    page.toc = get_toc([])


def first_difference(fast: str, plain: str) -> str | None:
    """Where two renderings of a page first differ (in Chinese), or None if they are equal."""
    if fast == plain:
        return None
    a, b = fast.splitlines(), plain.splitlines()
    for n, (x, y) in enumerate(zip(a, b), 1):
        if x != y:
            return f"第 {n} 行不同：快速渲染为 {_clip(x)}，完整渲染为 {_clip(y)}"
    n = min(len(a), len(b)) + 1
    return f"第 {n} 行起不同：快速渲染共 {len(a)} 行，完整渲染共 {len(b)} 行"


def _clip(line: str, width: int = 160) -> str:
    line = line.strip()
    return repr(line if len(line) <= width else line[:width] + "…")


@dataclass
class _Outcome:
    """What rendering reports back besides the pages: warnings, notices, differences (``verify``)."""

    warnings: dict[str, list] = field(default_factory=dict)
    notices: set[Notice] = field(default_factory=set)
    differences: dict[int, str] = field(default_factory=dict)
    cache_failure: OSError | None = None
    """A write to the cache that failed in a worker (a full disk …): the build says so once."""

    def add(self, other: _Outcome) -> None:
        self.warnings.update(other.warnings)
        self.notices |= other.notices
        self.differences.update(other.differences)
        self.cache_failure = self.cache_failure or other.cache_failure


def _render_missing(jobs, keys, dests, missing, ctx, cache, workers, bar, verify=False, plain=False) -> _Outcome:
    """Render the pages at ``missing`` into the cache and to ``dests``; returns what they reported.
    ``plain``: as MkDocs does, without frames or the shared parser (another plugin watches the pages)."""
    workers = workers or available_cores()
    chunks = [missing[i:i + _CHUNK] for i in range(0, len(missing), _CHUNK)]
    outcome = _Outcome()
    if workers <= 1 or len(missing) < _MIN_PARALLEL or not can_fork():
        _init_worker(jobs, keys, dests, ctx, cache, verify, plain)
        try:
            for chunk in chunks:
                count, result = _render_chunk(chunk)
                outcome.add(result)
                if bar is not None:
                    bar.update(count)
        finally:
            _release_worker()
        return outcome
    # Forked workers inherit jobs, keys and the render context as they are
    # (Jinja environments and plugin instances do not pickle); only chunk
    # indices go to them and only warnings come back: pages go to the cache.
    with fork_context().Pool(
            min(workers, len(chunks)), initializer=_init_forked_worker,
            initargs=(jobs, keys, dests, ctx, cache, verify, plain)) as pool:
        for result in pool.imap_unordered(_render_chunk_in_worker, chunks):
            if isinstance(result, _Failure):
                pool.terminate()
                if result.error is not None:
                    raise result.error
                raise PluginError(f"生成页面 {result.src_uri} 时出错：{result.message}")
            count, reported = result
            outcome.add(reported)
            if bar is not None:
                bar.update(count)
    cache.mark_used(keys[i] for i in missing)
    if outcome.cache_failure is not None and cache.writable:
        cache.unwritable(outcome.cache_failure)
    return outcome


_WORKER: dict[str, object] = {}
"""The state pages are rendered from: set by :func:`_init_worker` (in a forked
worker, once after the fork; in the build process, for the duration of one
call), never shared between builds."""


@dataclass(frozen=True, slots=True)
class _Failure:
    src_uri: str
    message: str
    error: OSError | None = None
    """A failed write (a full disk, a file where the page's folder goes): raised in the build as it is,
    so the build words it as any other write (publish_guard.describe_os_error)."""


class Collect(logging.Handler):
    """Holds log records from ``level`` up, for the build to re-emit (strict mode counts them there) and cache."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.records: list[tuple[int, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.name, record.getMessage()))


def _init_worker(jobs, keys, dests, ctx, cache, verify=False, plain=False) -> None:
    handler = Collect()
    logger = logging.getLogger("mkdocs")
    nav_urls = [p.url for p in ctx.nav.pages] if ctx.nav is not None else []
    _WORKER.update(jobs=jobs, keys=keys, dests=dests, ctx=ctx, cache=cache, handler=handler, verify=verify,
                   frames=None if plain else Frames(ctx.env, nav_urls),
                   markdown=None if plain else PageMarkdown(ctx.config, ctx.files, ctx.conversions),
                   saved=(logger.handlers[:], logger.propagate))
    logger.handlers[:] = [handler]
    logger.propagate = False


def _init_forked_worker(*args) -> None:
    settle_child()
    _init_worker(*args)


def _release_worker() -> None:
    handlers, propagate = _WORKER["saved"]
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = handlers
    logger.propagate = propagate
    _WORKER.clear()


def _render_chunk(indices: Sequence[int]) -> tuple[int, _Outcome]:
    jobs, keys, cache = _WORKER["jobs"], _WORKER["keys"], _WORKER["cache"]
    outcome = _Outcome()
    with cache.batch():  # the chunk's entries reach the disk with one flush
        for i in indices:
            _render_into(i, jobs[i], keys[i], cache, outcome)
    outcome.notices = set().union(*(fast.notices for fast in (_WORKER["frames"], _WORKER["markdown"]) if fast))
    outcome.cache_failure = cache.failure
    return len(indices), outcome


def _render_into(i: int, job: PageJob, key: str, cache, outcome: _Outcome) -> None:
    """Render page ``i``, store it in the cache and write it into the site."""
    handler: Collect = _WORKER["handler"]
    handler.records.clear()
    _WORKER["current"] = job.src_uri
    html = render_one(job, _WORKER["ctx"], _WORKER["frames"], _WORKER["markdown"])
    if _WORKER["verify"]:
        logged = len(handler.records)
        difference = first_difference(html, render_one(job, _WORKER["ctx"]))
        del handler.records[logged:]  # the page's warnings, once
        if difference is not None:
            outcome.differences[i] = difference
    data = html.encode("utf-8", errors="xmlcharrefreplace")
    # The page's warnings are stored in its entry (checked with it), so a
    # cached page fails ``--strict`` as a fresh one does.
    note = json.dumps(handler.records, ensure_ascii=False).encode() if handler.records else b""
    dest = _WORKER["dests"][i]
    write_new(dest, data)  # and its folder: on a clean build, only here
    cache.put_linked(key, dest, data, note)  # the site's file, linked: not written twice
    if handler.records:
        outcome.warnings[key] = list(handler.records)


def _render_chunk_in_worker(indices: Sequence[int]):
    try:
        return _render_chunk(indices)
    except Exception as exc:  # reported by the build with the page it came from
        return _Failure(str(_WORKER.get("current", "?")), f"{type(exc).__name__}: {exc}",
                        exc if isinstance(exc, OSError) else None)
    finally:
        # A long law's page is megabytes of text and HTML, freed once written,
        # but kept by glibc: given back after each chunk (1–2 ms), a worker
        # held 100 MB, not 180 MB, at 3,000 long laws.
        release_free_memory()
