"""Page frames: the theme's chrome rendered once per kind of page, not once per page.

Material's ``base.html`` costs about 1 ms a page, and almost all of it is
the same on every record page: the header with its icons, the tabs, the
navigation, the footer, the scripts, the configuration block.  What differs
from one record page to the next is small and known: the blocks that show
the page (``site_meta``, ``htmltitle``, ``extrahead``, ``container`` with the
content inside it), the table of contents, the skip link to its first
heading, and the title in the header.

So for each *group* of pages (same template, same directory, so every
relative link in the chrome is the same; with or without a table of
contents) the template is rendered once with those parts marked, giving a
*frame*: literal text with holes.  Each page then renders only its holes,
with the same Jinja block functions, context and filters MkDocs would use,
and the text between them is taken as it is.

Tables of contents repeat from page to page (第一章 总则 …); with
Material's own toc templates, which show the headings and nothing else,
pages with the same headings share one rendering of it.

The result must be the bytes a full render gives, and a frame cannot prove
that by sampling (a project may override a block to test the title's
length in the footer: pages with short titles agree, later ones do not).
So frames are made only where it follows from the templates themselves
(frame_proof.py).  As a last check the first pages of each shape are
still rendered both ways; a template refused for any reason says so once
in the build log, and ``catalogue build --verify`` renders every page both
ways.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.toc import get_toc

from .fast_paths import FRAMES, Notice, unverified
from .frame_proof import _TOC_PARTS, HOLE_BLOCKS, TOC_TEMPLATE, FrameProof, _material_dir, _Refused

_VERIFY = 2
"""Pages of each template, with and without a table of contents, that made a frame
and that reused one, rendered both ways (in each process): a last check, not the proof."""

# Private-use characters: they survive escaping and never occur in a theme's own text.
_TITLE = "\ue000catalogue-title\ue001"
_ANCHOR = "\ue000catalogue-anchor\ue001"
_TOC_TITLE = "\ue000catalogue-toc\ue001"
_HOLE = "\ue002{}\ue003"


@dataclass(frozen=True, slots=True)
class _Frame:
    parts: tuple[str, ...]
    """Literal text and hole names, alternating: text, hole, text, …, text."""
    blocks: dict
    """The block chains of the template (most derived first), as the full render built them."""
    top_vars: dict
    """Variables the template set at its top level (``lang``, ``features`` …), which blocks read."""


class Frames:
    """Renders pages through per-group frames, falling back to a full render where unsafe.

    One instance per process and build: it holds frames built from this
    build's environment, navigation and configuration.  ``notices`` holds
    why frames were refused (fast_paths.Notice), for the build to log once.
    """

    def __init__(self, env, nav_urls: Iterable[str] = ()) -> None:
        self._env = env
        self._nav_urls = tuple(nav_urls)
        self._frames: dict[tuple, _Frame] = {}
        # Tables of contents repeat (第一章 总则 …): Material's own toc templates
        # show nothing but the headings, so one rendering serves every page
        # with the same headings.  A project's override of them might show
        # more of the page, so then each page renders its own.
        self._tocs: dict[tuple, str] | None = {} if _material_toc(env) else None
        self._verified: dict[tuple, int] = {}
        self._disabled: set[str] = set()
        self._proof = FrameProof(env)
        self.notices: set[Notice] = set()
        self._off = unverified(FRAMES)
        if self._off is not None:
            self.notices.add(Notice(FRAMES, self._off))

    def render(self, template, name: str, context: dict, page) -> str:
        """The page's HTML, as ``template.render(context)`` would give it."""
        if self._off is not None or name in self._disabled or not self._frameable(page):
            return template.render(context)
        key = (name, *_directory(page.url)) + _shape(page)
        probe = key not in self._frames
        if probe:
            try:
                self._frames[key] = _build_frame(self._env, template, context, page, self._proof.analyse)
            except _Refused as exc:
                self._refuse(name, str(exc))
                return template.render(context)
        frame = self._frames[key]
        html = _fill(self._env, frame, template, context, page, self._tocs)
        # A last check: the templates were read to prove this, but the
        # reading trusts what is known of Material's templates.
        shape = key[0], key[3:], probe
        checked = self._verified.get(shape, 0)
        if checked < _VERIFY:
            full = template.render(context)
            if full != html:
                self._refuse(name, f"用框架渲染的页面 {page.file.src_uri} 与完整渲染不同（模板以未识别的方式读取了页面）")
                return full
            self._verified[shape] = checked + 1
        return html

    def _refuse(self, name: str, reason: str) -> None:
        self._disabled.add(name)
        self.notices.add(Notice(FRAMES, reason))

    def _frameable(self, page) -> bool:
        # A page with navigation entries at or below its own URL would see
        # those links change with its name, not only with its directory;
        # Material shows a previous and next page's title in the footer;
        # Material tests ``page.meta.title``, whose value is a hole.
        if not page.url or page.previous_page is not None or page.next_page is not None:
            return False
        title = page.meta.get("title")
        if not isinstance(title, str) or not title:
            return False
        folder = _folder(page.url)
        return bool(folder) and not any(u.startswith(folder) for u in self._nav_urls)


def _shape(page) -> tuple:
    """What Material's templates test of a page, besides its directory: pages differing here get their own frame."""
    meta = tuple(sorted((str(k), repr(v)) for k, v in page.meta.items() if k != "title"))
    return bool(page.toc), meta, bool(page.is_homepage)


def _folder(url: str) -> str:
    """The folder a page's relative links start from: ``records/X/`` for ``records/X/`` and for
    ``records/X/index.html`` (a site without directory URLs), ``lists/`` for ``lists/a.html``."""
    return url if url.endswith("/") else posixpath.dirname(url) + "/" if "/" in url else ""


def _directory(url: str) -> tuple[str, int]:
    """The group of pages whose relative links are the same (outside their own folder): the parent of
    the page's folder, and the folder's depth (``records/a.html`` and ``records/X/index.html`` differ)."""
    folder = _folder(url)
    return posixpath.dirname(folder.rstrip("/")), folder.count("/")


def _marker(name: str) -> Callable:
    def block(context) -> Iterator[str]:
        yield _HOLE.format(name)
    return block


def _build_frame(env, template, context: dict, page, analyse: Callable) -> _Frame:
    """Render ``template`` for ``page`` with its page-specific parts marked, and check the
    templates that render ran (``analyse``); raises _Refused if either cannot be done."""
    loaded: list = []
    load = env._load_template

    def recording(name, globals):
        found = load(name, globals)
        loaded.append(found)
        return found

    env._load_template = recording  # every template the frame runs outside its holes
    try:
        frame = _marked_frame(env, template, context, page)
    except _Refused:
        raise
    except Exception as exc:  # e.g. a template that cannot take the stand-in title: render pages in full
        raise _Refused(f"模板 {template.name} 无法生成框架（{type(exc).__name__}: {exc}）") from None
    finally:
        del env._load_template
    analyse(template, loaded)
    return frame


def _marked_frame(env, template, context: dict, page) -> _Frame:
    saved_meta, saved_toc = page.meta, page.toc
    sentinel_toc = get_toc([{"level": 2, "id": _ANCHOR, "name": _TOC_TITLE, "children": []}]) if page.toc else None
    page.meta = {**page.meta, "title": _TITLE}
    if sentinel_toc is not None:
        page.toc = sentinel_toc
    try:
        ctx = template.new_context(context)
        markers = {name: _marker(name) for name in HOLE_BLOCKS}
        for name, marker in markers.items():
            ctx.blocks.setdefault(name, []).insert(0, marker)
        text = env.concat(template.root_render_func(ctx))
        blocks = {name: [f for f in chain if f is not markers.get(name)] for name, chain in ctx.blocks.items()}
        top_vars = dict(ctx.vars)
        parts: list[str] = []
        # The table of contents is a hole even when empty: a project's toc
        # template may show more than the headings.
        toc = _render_toc(env, ctx)
        found = text.count(toc) if toc else 0
        if found == 1:
            text = text.replace(toc, _HOLE.format("toc"))
        elif sentinel_toc is not None or found:
            raise _Refused(f"模板 {template.name} 的页面中目录（{TOC_TEMPLATE}）出现 {found} 次，应恰好一次")
        if _TOC_TITLE in text:  # the table of contents shown somewhere not recognised
            raise _Refused(f"模板 {template.name} 在 {TOC_TEMPLATE} 之外显示了页面目录")
        text = text.replace(_ANCHOR, _HOLE.format("anchor")).replace(_TITLE, _HOLE.format("title"))
        for i, piece in enumerate(text.split("\ue002")):
            if i == 0:
                parts.append(piece)
                continue
            hole, _, rest = piece.partition("\ue003")
            parts.extend((hole, rest))
        return _Frame(tuple(parts), blocks, top_vars)
    finally:
        page.meta, page.toc = saved_meta, saved_toc


def _render_toc(env, ctx) -> str | None:
    try:
        toc = env.get_template(TOC_TEMPLATE)
    except Exception:  # a theme without Material's table of contents: no frame
        return None
    return env.concat(toc.root_render_func(toc.new_context(ctx.get_all(), True, {})))


def _material_toc(env) -> bool:
    """Whether the table of contents templates are Material's own (not overridden by the project)."""
    try:
        files = [Path(env.get_template(name).filename).resolve() for name in _TOC_PARTS]
        material = _material_dir()
    except Exception:  # no such template, no Material, or no environment (tests)
        return False
    return material is not None and all(f.is_relative_to(material) for f in files)


_TOCS_KEPT = 256
"""Rendered tables of contents kept for pages with the same headings (the most recently used):
every long law has its own, and all of them kept grew a worker by each page it rendered."""


def _toc_key(items) -> tuple:
    return tuple((i.title, i.id, i.level, getattr(i, "active", None), _toc_key(i.children)) for i in items)


def _fill(env, frame: _Frame, template, context: dict, page, tocs: dict | None = None) -> str:
    ctx = template.new_context(context)
    ctx.vars.update(frame.top_vars)
    ctx.blocks = frame.blocks
    out: list[str] = []
    parts = frame.parts
    for i, part in enumerate(parts):
        if not i % 2:
            out.append(part)
        elif part == "title":
            out.append(str(page.meta.get("title", "")))
        elif part == "anchor":
            out.append(page.toc.items[0].id)
        elif part == "toc":
            key = _toc_key(page.toc) if tocs is not None else None
            toc = tocs.pop(key, None) if key is not None else None
            if toc is None:
                toc = _render_toc(env, ctx) or ""
                if key is not None and len(tocs) >= _TOCS_KEPT:
                    del tocs[next(iter(tocs))]
            if key is not None:
                tocs[key] = toc
            out.append(toc)
        else:
            out.append(env.concat(ctx.blocks[part][0](ctx)))
    return "".join(out)
