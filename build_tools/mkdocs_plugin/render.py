"""Rendering the catalogue's generated pages: in parallel, cached, outside MkDocs' page loop.

MkDocs renders pages one after another in one process, about 2–5 ms each,
and renders every page on every build.  A catalogue of 10,000 records has
some 13,000 generated pages, so the plugin renders them itself, with the
theme's own Jinja environment and the same plugin events MkDocs would
fire (``on_pre_page`` … ``on_post_page``), so the output is the page MkDocs
would have written:

- **Cached by content.**  Each page's key is a hash of everything the page
  is made from (its view data, its Markdown body, the templates, the
  configuration and the code, see page_keys.py).  A page whose key is in
  the cache directory is copied, not rendered.
- **In parallel.**  Pages not in the cache are rendered by worker processes
  forked from the build (one per core, render_pool.py), which inherit the
  environment, navigation and view data instead of receiving them pickled.
- **Warnings kept.**  Warnings a page raises while rendering (a broken link
  in a record body) are passed back to the build and stored with the
  cached page, so ``--strict`` fails on a cached page as on a fresh one.
- **Fast paths accounted for.**  A fast path (frames, the shared parser)
  that steps aside in any worker says why once per build
  (fast_paths.py); ``verify=True`` (``catalogue build --verify``) renders
  every page both ways, ignoring the cache, and fails on any difference.
- **Other plugins see every page.**  Another plugin or hook that handles
  page events (``on_post_page`` …) makes every page rendered in the build's
  process, none taken from the cache or the last site
  (fast_paths.page_watchers); the log says so.
- **One page per path.**  Two pages, or a page and another file of the
  site (a docs/ page, an attachment), written to the same path is an
  error naming both, never a silent replacement.

Only pages the navigation names (the home page, the entry lists) go through
MkDocs' own loop; the sitemap lists both (exports.py).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..machinery.cache import ContentCache
from ..machinery.forked import available_cores
from .fast_paths import ELSEWHERE, Notice, log_notices, page_watchers
from .page_keys import PageKeys
from .render_pool import _Outcome, _render_missing

log = logging.getLogger("mkdocs.plugins.catalogue")


@dataclass(frozen=True, slots=True)
class PageJob:
    """One generated page: where it goes and what it is made from."""

    src_uri: str
    """``records/…/index.md``: the page's virtual source, as MkDocs would name it."""
    dest_uri: str
    """Where MkDocs would write it, relative to site_dir (``records/…/index.html``)."""
    url: str
    """Its URL relative to the site root, as MkDocs would link it."""
    front: str
    """The Markdown source's front matter (title, template), or the whole source when :attr:`body` is empty."""
    data: object
    """The view data the template shows (``catalogue_view``)."""
    update_date: str
    body: str = ""
    """The Markdown below the front matter: the plan's own string, not a copy joined to the front matter
    (the record bodies are as large as the catalogue's text: some 150 MB at 10,000 long laws)."""

    @property
    def source(self) -> str:
        """The Markdown source: front matter (title, template) and the record body."""
        return self.front + self.body


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What rendering needs, shared by all pages of one build (inherited by forked workers)."""

    config: object
    nav: object
    env: object
    files: object
    doc_files: Sequence[File]
    conversions: Mapping[str, object] = field(default_factory=dict)
    """Record bodies converted for the open data, which their pages take (body_once.py)."""


def render_pages(jobs: Sequence[PageJob], context: RenderContext, *, site_dir: str | Path,
                 cache: ContentCache, key_base: str, workers: int = 0,
                 progress: Callable[[int, str], object] | None = None,
                 previous: Mapping[str, str] | None = None,
                 page_keys: PageKeys | None = None, verify: bool = False,
                 notices: set = frozenset(), busy_cores: int = 0) -> tuple[dict[str, int], dict[str, str]]:
    """Write every page of ``jobs`` under ``site_dir``, rendering only those not cached.

    ``workers`` is the number of processes (0: one per available core).
    ``progress(total, label)`` returns an object with ``update(n)`` and
    ``close()`` (a progress bar), or None.  ``previous`` maps the site paths
    already in ``site_dir`` (an in-place build) to the keys they were written
    from: those are not written again.  ``page_keys`` remembers the keys of
    the previous build (``mkdocs serve``), so that only pages whose view
    changed are hashed.  With ``verify``, every page is rendered, fast and
    plain, whatever the cache holds; any difference is logged (site path,
    first differing line) and raises PluginError.  ``notices`` (of fast
    paths used before, fast_paths.Notice) are logged with the pages'.  ``busy_cores`` are taken
    by other work of the build meanwhile (the search index's process): the pages' keys are hashed
    with the cores left.  Returns the counts (pages, rendered, written) and the new ``{site path: key}``.
    """
    check_paths(jobs, context.files)
    watchers = page_watchers(getattr(context.config, "plugins", None))
    if watchers:  # every page rendered here and now, so that they see it (fast_paths.page_watchers)
        notices = {*notices, Notice(ELSEWHERE, f"插件或钩子 {'、'.join(watchers)} 处理每个页面，须在本进程中按 MkDocs "
                                               "的完整方式看到每个页面（从缓存或上次网站取的页面、在并行进程中生成的页面，"
                                               "它们都看不到；页面框架会沿用它给别的页面的结果）")}
        workers, previous = 1, None
        if verify:  # rendered both ways, each page would fire their events twice (twice in Material's index)
            log.info("--verify 这次没有快速渲染可比较：上面的插件或钩子在，每个页面都按 MkDocs 的完整方式生成。")
            verify = False
    # Beside a busy core, forked key workers were slower than this process alone (1.52 s against
    # 1.21 s for 4,747 pages), and each copied 140 MB of the build's memory at 10,000 long laws.
    key_workers = max(1, (workers or available_cores()) - busy_cores)
    keys = (page_keys if page_keys is not None else PageKeys()).keys(jobs, key_base, key_workers)
    previous = {} if verify else previous or {}
    root = Path(site_dir)
    paths = [job.dest_uri for job in jobs]
    # A page already in site_dir from the same key (an in-place rebuild) is not written again. Each is
    # read back and checked against its entry: it may be the entry's own file (ContentCache.kept_note;
    # 0.1 s for 1,644 pages, 33 MB: two threads were slower). Its warnings are this build's too, as a
    # clean build's would be (--strict counts them).
    notes = {i: cache.kept_note(key, root / path) for i, (path, key) in enumerate(zip(paths, keys))
             if previous.get(path) == key}
    unchanged = {i for i, note in notes.items() if note is not None}
    cache.mark_used(keys[i] for i in unchanged)
    kept_notes = {i: json.loads(note) for i, note in notes.items() if note}
    # Cached pages are copied first: an entry is checked (length, digest)
    # as it is read, and one missing or damaged (or pruned by a build
    # running beside this one) is rendered with the pages not cached.
    # ``verify`` renders every page, whatever the cache holds.
    stored: dict[int, list] = {}
    missing: list[int] = []
    for i, (path, key) in enumerate(zip(paths, keys)):
        if i in unchanged:
            continue
        if verify or watchers:
            missing.append(i)
            continue
        # The folder is made only for a page found (a clean build's 10,000 record folders are made by
        # the workers rendering them, not here one at a time).
        note = cache.copy_to(key, root / path)
        if note is None:
            missing.append(i)
        else:
            stored[i] = json.loads(note) if note else []
    outcome = _Outcome()
    if missing:
        bar = progress(len(missing), "渲染并核对页面" if verify else "渲染页面") if progress else None
        try:
            dests = [root / path for path in paths]
            outcome = _render_missing(jobs, keys, dests, missing, context, cache, workers, bar, verify,
                                      plain=bool(watchers))
        finally:
            if bar is not None:
                bar.close()
    log_notices(outcome.notices | set(notices))
    if verify:
        _report_differences(jobs, outcome.differences)
    warnings = outcome.warnings
    written = dict(zip(paths, keys))
    for i, key in enumerate(keys):
        for level, name, message in warnings.get(key) or stored.get(i) or kept_notes.get(i) or ():
            logging.getLogger(name).log(level, message)
    # A damaged linked entry's other name is a page of the site this build replaces: that site is not kept
    # as the spare (publish_fs), though the next build would also find the page damaged (ContentCache.kept_note).
    return {"pages": len(jobs), "rendered": len(missing), "written": len(stored) + len(missing),
            "damaged": cache.found_damaged}, written


def summary(counts: dict, exported: int, kept: int, search_state: str, seconds: float) -> str:
    """The build's one line on its pages, files and index."""
    return (f"目录页面 {counts['pages']} 个，其中新生成 {counts['rendered']} 个，写入 {counts['written']} 个；"
            f"开放数据和附件文件 {exported} 个，沿用未变的 {kept} 个；搜索索引{search_state}（{seconds:.1f} 秒）。")


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


def report_body_differences(sources: Sequence[str], total: int) -> None:
    """``--verify`` of the bodies' HTML the open data holds: each record whose kept HTML (the cache
    directory's, or the last build's) differs from a fresh conversion fails the build."""
    for source in sources:
        log.error(f"核对不符：记录文件 {source} 正文的 HTML 与重新转换的结果不同（缓存中的内容已过时）。")
    if sources:
        summary = f"--verify：{len(sources)} 条记录开放数据中的正文与重新转换的结果不同，网站未生成。"
        log.error(summary)
        raise PluginError(summary)
    log.info(f"--verify：{total} 条记录开放数据中的正文与重新转换的结果逐字节相同。")


def _report_differences(jobs: Sequence[PageJob], differences: Mapping[int, str]) -> None:
    for i in sorted(differences, key=lambda i: jobs[i].dest_uri):
        log.error(f"核对不符：{jobs[i].dest_uri}（{_job_source(jobs[i])}）{differences[i]}")
    if differences:
        summary = f"--verify：{len(differences)} 个页面的快速渲染与完整渲染不同，网站未生成。"
        log.error(summary)  # `catalogue build` shows this logger; MkDocs shows the error's text as well
        raise PluginError(summary)
    log.info(f"--verify：{len(jobs)} 个页面的快速渲染与完整渲染逐字节相同。")


def write_files(site_dir: str | Path, files: dict[str, bytes], *, replace: bool = False) -> None:
    """Write ``{site path: bytes}`` under ``site_dir`` (the search index), in order.

    With ``replace`` (a live site), each through a temporary file renamed
    over it: a reader sees the old file or the new, never half.
    """
    root = Path(site_dir)
    made: set[Path] = set()
    for path, data in files.items():
        dest = root / path
        if dest.parent not in made:  # one mkdir per folder, not per file
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        if not replace:
            dest.write_bytes(data)
            continue
        tmp = dest.with_name(f".tmp-{os.getpid()}-{dest.name}")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
