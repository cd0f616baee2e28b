"""Rendering the catalogue's generated pages: in parallel, cached, outside MkDocs' page loop.

MkDocs renders pages one after another in one process, about 2–5 ms each,
and renders every page on every build.  A catalogue of 10,000 records has
some 13,000 generated pages, so the plugin renders them itself, with the
theme's own Jinja environment and the same plugin events MkDocs would
fire (``on_pre_page`` … ``on_post_page``), so the output is the page MkDocs
would have written:

- **Cached by content.**  Each page's key is a hash of everything the page
  is made from (its view data, its Markdown body, the templates, the
  configuration and the code, see :func:`global_fingerprint`).  A page
  whose key is in the cache directory is copied, not rendered.
- **In parallel.**  Pages not in the cache are rendered by worker processes
  forked from the build (one per core), which inherit the environment,
  navigation and view data instead of receiving them pickled.
- **Warnings kept.**  Warnings a page raises while rendering (a broken link
  in a record body) are passed back to the build and stored with the
  cached page, so ``--strict`` fails on a cached page as on a fresh one.
- **Fast paths accounted for.**  A fast path (frames, the shared parser)
  that steps aside in any worker says why once per build
  (fast_paths.py); ``verify=True`` (``catalogue build --verify``) renders
  every page both ways, ignoring the cache, and fails on any difference.
- **One page per path.**  Two pages, or a page and another file of the
  site (a docs/ page, an attachment), written to the same path is an
  error naming both, never a silent replacement.

Only pages the navigation names (the home page, the entry lists) go through
MkDocs' own loop; everything here is added to the sitemap afterwards.
"""

from __future__ import annotations

import gzip
import json
import logging
import multiprocessing
import os
import sys
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import escape

from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_timestamp

from ..machinery.cache import ContentCache, environment_digest, files_digest, fingerprint, stable
from ..machinery.forked import available_cores, can_fork
from .fast_paths import Notice, log_notices
from .frames import Frames
from .page_keys import PageKeys
from .page_markdown import PageMarkdown

log = logging.getLogger("mkdocs.plugins.catalogue")

_CHUNK = 64
"""Pages per task handed to a worker: large enough to amortise the hand-off."""
_MIN_PARALLEL = 96
"""Fewer pages than this to render are rendered in the build process (forking costs more)."""


@dataclass(frozen=True, slots=True)
class PageJob:
    """One generated page: where it goes and what it is made from."""

    src_uri: str
    """``records/…/index.md``: the page's virtual source, as MkDocs would name it."""
    dest_uri: str
    """Where MkDocs would write it, relative to site_dir (``records/…/index.html``)."""
    url: str
    """Its URL relative to the site root, as MkDocs would link it."""
    source: str
    """The Markdown source: front matter (title, template) and the record body."""
    data: object
    """The view data the template shows (``catalogue_view``)."""
    update_date: str


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What rendering needs, shared by all pages of one build (inherited by forked workers)."""

    config: object
    nav: object
    env: object
    files: object
    doc_files: Sequence[File]


def global_fingerprint(config, nav, extra: Sequence[object] = ()) -> str:
    """A hash of everything every page depends on, beyond its own data.

    The environment (:func:`~build_tools.machinery.cache.environment_digest`:
    every file of the package, this adapter and the core's labels included,
    and the versions of MkDocs, Material, Markdown, Jinja2, nh3 … and
    Python); every file of the theme's custom_dir; the configuration file
    and the values MkDocs resolved from it; the navigation as finally
    titled; the other plugins' code and options.  Anything missed here
    would make a cached page stale, so the net is wide: editing any theme
    file or mkdocs.yml re-renders every page.
    """
    parts: list[object] = [("environment", environment_digest())]
    # The project's theme overrides (theme/), every file of them: a template
    # may include any (an SVG, a text snippet).  The theme's own templates
    # change only with its version, in the environment (hashing them would
    # mean walking thousands of icon files on every build).
    custom_dir = config.theme.custom_dir
    parts.append(files_digest(Path(custom_dir), suffixes=None, recursive=True) if custom_dir else None)
    if config.config_file_path and os.path.isfile(config.config_file_path):
        parts.append(Path(config.config_file_path).read_bytes())
    for key in ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
                "repo_name", "edit_uri", "extra", "extra_css", "extra_javascript", "markdown_extensions",
                "mdx_configs", "use_directory_urls", "docs_dir"):
        parts.append((key, stable(config.get(key))))
    parts.append(("theme", stable(dict(config.theme.items())), config.theme.name))
    parts.append(("nav", _nav_outline(nav)))
    # Other plugins and hooks see every page (on_page_content, on_post_page …):
    # their code and options are inputs too.
    for name, plugin in config.plugins.items():
        options = getattr(plugin, "config", None)
        parts.append(("plugin", name, type(plugin).__module__, type(plugin).__qualname__,
                      stable(dict(options.items())) if hasattr(options, "items") else None,
                      _source_of(plugin)))
    parts.append(("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH")))
    parts.extend(extra)
    return fingerprint(*parts)


def render_pages(jobs: Sequence[PageJob], context: RenderContext, *, site_dir: str | Path,
                 cache: ContentCache, key_base: str, workers: int = 0,
                 progress: Callable[[int, str], object] | None = None,
                 previous: Mapping[str, str] | None = None,
                 page_keys: PageKeys | None = None, verify: bool = False) -> tuple[dict[str, int], dict[str, str]]:
    """Write every page of ``jobs`` under ``site_dir``, rendering only those not cached.

    ``workers`` is the number of processes (0: one per available core).
    ``progress(total, label)`` returns an object with ``update(n)`` and
    ``close()`` (a progress bar), or None.  ``previous`` maps the site paths
    already in ``site_dir`` (an in-place build) to the keys they were written
    from: those are not written again.  ``page_keys`` remembers the keys of
    the previous build (``mkdocs serve``), so that only pages whose view
    changed are hashed.  With ``verify``, every page is rendered, fast and
    plain, whatever the cache holds; any difference is logged (site path,
    first differing line) and raises PluginError.  Returns the counts
    (pages, rendered, written) and the new ``{site path: key}``.
    """
    check_paths(jobs, context.files)
    keys = (page_keys if page_keys is not None else PageKeys()).keys(jobs, key_base, workers)
    previous = {} if verify else previous or {}
    root = Path(site_dir)
    paths = [job.dest_uri for job in jobs]
    # A page already in site_dir from the same key (an in-place rebuild) needs
    # no cache entry; its warnings were shown when it was rendered.
    unchanged = {i for i, (path, key) in enumerate(zip(paths, keys)) if previous.get(path) == key}
    cache.mark_used(keys[i] for i in unchanged)
    # Cached pages are copied first: an entry is checked (length, digest)
    # as it is read, and one missing or damaged (or pruned by a build
    # running beside this one) is rendered with the pages not cached.
    # ``verify`` renders every page, whatever the cache holds.
    made: set[Path] = set()
    stored: dict[int, list] = {}
    missing: list[int] = []
    for i, (path, key) in enumerate(zip(paths, keys)):
        if i in unchanged:
            continue
        if verify:
            missing.append(i)
            continue
        dest = root / path
        if dest.parent not in made:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        note = cache.copy_to(key, dest)
        if note is None:
            missing.append(i)
        else:
            stored[i] = json.loads(note) if note else []
    outcome = _Outcome()
    if missing:
        bar = progress(len(missing), "渲染并核对页面" if verify else "渲染页面") if progress else None
        try:
            dests = [root / path for path in paths]
            outcome = _render_missing(jobs, keys, dests, missing, context, cache, workers, bar, verify)
        finally:
            if bar is not None:
                bar.close()
    log_notices(outcome.notices)
    if verify:
        _report_differences(jobs, outcome.differences)
    warnings = outcome.warnings
    written = dict(zip(paths, keys))
    for i, key in enumerate(keys):
        if i in unchanged:
            continue
        for level, name, message in warnings.get(key) or stored.get(i) or ():
            logging.getLogger(name).log(level, message)
    return {"pages": len(jobs), "rendered": len(missing), "written": len(stored) + len(missing)}, written


def check_paths(jobs: Sequence[PageJob], files: Sequence[File] | None = ()) -> None:
    """Raise PluginError if two pages, or a page and another file of the site, share an output path.

    The core refuses colliding pages of its own (views/site.py); this is
    the last guard, which also sees MkDocs' files (docs/ pages, attachments).
    """
    seen: dict[str, str] = {f.dest_uri: _file_source(f) for f in files or ()}
    for job in jobs:
        other = seen.get(job.dest_uri)
        if other is not None:
            log.error(f"两个来源要写入同一个输出文件 {job.dest_uri}：{other} 与 {_job_source(job)}。"
                      "一个路径只能有一个页面，请修改其中之一（如记录的索引号、docs/ 中的文件名或附件路径）。")
            raise PluginError(f"输出文件 {job.dest_uri} 有两个来源（见上），网站未生成。")
        seen[job.dest_uri] = _job_source(job)


def _job_source(job: PageJob) -> str:
    record = getattr(job.data, "record", None)
    source = getattr(record, "source", None)
    return f"记录文件 {source}" if source else f"生成的页面 {job.src_uri}"


def _file_source(f: File) -> str:
    return f"文件 {f.abs_src_path}" if f.abs_src_path else f"生成的文件 {f.src_uri}"


def _report_differences(jobs: Sequence[PageJob], differences: Mapping[int, str]) -> None:
    for i in sorted(differences, key=lambda i: jobs[i].dest_uri):
        log.error(f"核对不符：{jobs[i].dest_uri}（{_job_source(jobs[i])}）{differences[i]}")
    if differences:
        summary = f"--verify：{len(differences)} 个页面的快速渲染与完整渲染不同，网站未生成。"
        log.error(summary)  # `catalogue build` shows this logger; MkDocs shows the error's text as well
        raise PluginError(summary)
    log.info(f"--verify：{len(jobs)} 个页面的快速渲染与完整渲染逐字节相同。")


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


def write_files(site_dir: str | Path, files: dict[str, bytes]) -> None:
    """Write ``{site path: bytes}`` under ``site_dir`` (the search index)."""
    root = Path(site_dir)
    made: set[Path] = set()
    for path, data in files.items():
        dest = root / path
        if dest.parent not in made:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        dest.write_bytes(data)


def extend_sitemap(site_dir: str | Path, config, jobs: Sequence[PageJob], mkdocs_pages: Sequence[object]) -> None:
    """Add the plugin's pages to the sitemap MkDocs wrote (and to its gzip copy)."""
    path = Path(site_dir) / "sitemap.xml"
    if not path.is_file() or not config.site_url:
        return
    text = path.read_text(encoding="utf-8")
    end = text.rfind("</urlset>")
    if end < 0:
        return
    base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    entries = "".join(
        f"\n    <url>\n         <loc>{escape(base + job.url)}</loc>\n"
        f"         <lastmod>{job.update_date}</lastmod>\n    </url>" for job in jobs)
    text = text[:end].rstrip("\n") + entries + "\n" + text[end:]
    data = text.encode("utf-8")
    path.write_bytes(data)
    dates = [SimpleNamespace(update_date=d) for d in
             [p.update_date for p in mkdocs_pages if getattr(p, "update_date", None)] + [j.update_date for j in jobs]]
    gz = Path(f"{path}.gz")
    with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb",
                                            mtime=get_build_timestamp(pages=dates)) as out:
        out.write(data)


# -- rendering -------------------------------------------------------------------


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


@dataclass
class _Outcome:
    """What rendering reports back besides the pages: warnings, notices, differences (``verify``)."""

    warnings: dict[str, list] = field(default_factory=dict)
    notices: set[Notice] = field(default_factory=set)
    differences: dict[int, str] = field(default_factory=dict)

    def add(self, other: _Outcome) -> None:
        self.warnings.update(other.warnings)
        self.notices |= other.notices
        self.differences.update(other.differences)


def _render_missing(jobs, keys, dests, missing, ctx, cache, workers, bar, verify=False) -> _Outcome:
    """Render the pages at ``missing`` into the cache and to ``dests``; returns what they reported."""
    workers = workers or available_cores()
    chunks = [missing[i:i + _CHUNK] for i in range(0, len(missing), _CHUNK)]
    outcome = _Outcome()
    if workers <= 1 or len(missing) < _MIN_PARALLEL or not can_fork():
        _init_worker(jobs, keys, dests, ctx, cache, verify)
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
    with multiprocessing.get_context("fork").Pool(
            min(workers, len(chunks)), initializer=_init_worker,
            initargs=(jobs, keys, dests, ctx, cache, verify)) as pool:
        for result in pool.imap_unordered(_render_chunk_in_worker, chunks):
            if isinstance(result, _Failure):
                pool.terminate()
                raise PluginError(f"生成页面 {result.src_uri} 时出错：{result.message}")
            count, reported = result
            outcome.add(reported)
            if bar is not None:
                bar.update(count)
    cache.mark_used(keys[i] for i in missing)
    return outcome


_WORKER: dict[str, object] = {}
"""The state pages are rendered from: set by :func:`_init_worker` (in a forked
worker, once after the fork; in the build process, for the duration of one
call), never shared between builds."""


@dataclass(frozen=True, slots=True)
class _Failure:
    src_uri: str
    message: str


class _Collect(logging.Handler):
    """Holds log records so the build can re-emit them (strict mode counts them there) and cache them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.name, record.getMessage()))


def _init_worker(jobs, keys, dests, ctx, cache, verify=False) -> None:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    nav_urls = [p.url for p in ctx.nav.pages] if ctx.nav is not None else []
    _WORKER.update(jobs=jobs, keys=keys, dests=dests, ctx=ctx, cache=cache, handler=handler, verify=verify,
                   frames=Frames(ctx.env, nav_urls), markdown=PageMarkdown(ctx.config, ctx.files),
                   saved=(logger.handlers[:], logger.propagate))
    logger.handlers[:] = [handler]
    logger.propagate = False


def _release_worker() -> None:
    handlers, propagate = _WORKER["saved"]
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = handlers
    logger.propagate = propagate
    _WORKER.clear()


def _render_chunk(indices: Sequence[int]) -> tuple[int, _Outcome]:
    jobs, keys, cache = _WORKER["jobs"], _WORKER["keys"], _WORKER["cache"]
    handler: _Collect = _WORKER["handler"]
    outcome = _Outcome()
    warnings = outcome.warnings
    for i in indices:
        job, key = jobs[i], keys[i]
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
        cache.put(key, data, note)
        dest = _WORKER["dests"][i]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        if handler.records:
            warnings[key] = list(handler.records)
    outcome.notices = _WORKER["frames"].notices | _WORKER["markdown"].notices
    return len(indices), outcome


def _render_chunk_in_worker(indices: Sequence[int]):
    try:
        return _render_chunk(indices)
    except Exception as exc:  # reported by the build with the page it came from
        return _Failure(str(_WORKER.get("current", "?")), f"{type(exc).__name__}: {exc}")


# -- helpers ---------------------------------------------------------------------


def _source_of(plugin: object) -> str | None:
    """A hash of the file defining a plugin (a hook is itself a module loaded from the project)."""
    try:
        path = getattr(plugin, "__file__", None) if isinstance(plugin, types.ModuleType) \
            else sys.modules[type(plugin).__module__].__file__
        return files_digest(Path(path)) if path else None
    except (KeyError, OSError, TypeError):
        return None


def _nav_outline(nav) -> tuple:
    def walk(items) -> Iterator[tuple]:
        for item in items:
            yield (item.title, getattr(item, "url", None), tuple(walk(getattr(item, "children", None) or ())))
    return tuple(walk(nav.items)) if nav is not None else ()
