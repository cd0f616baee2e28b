"""Whether a template may be part of a page frame (frames.py), proven by reading its syntax tree.

Frames are made only where it follows from the templates themselves
(:func:`page_reads`): every template the frame executes outside its holes
is read as a Jinja syntax tree, and a frame is refused for a template if
any of them reads anything that changes from page to page (``page``,
``catalogue_view``, a context value another plugin adds, a filter that
reads the context …) outside the holes.  Material's own templates are the
exception, for the versions in fast_paths.VERIFIED only: what they read of
the page is known and is either a hole (the title, the table of contents)
or part of the frame's key (whether there is a title and a table of
contents, the other front-matter values, whether the page is the home
page); pages with a previous or next page are rendered in full.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path

from jinja2 import nodes


HOLE_BLOCKS = ("site_meta", "htmltitle", "extrahead", "container")
"""Material's blocks that show the page itself (the content is inside ``container``)."""

TOC_TEMPLATE = "partials/toc.html"
"""Material's table of contents, included in the ``site_nav`` block."""
_TOC_PARTS = (TOC_TEMPLATE, "partials/toc-item.html")

SITE_WIDE = frozenset({
    # MkDocs' template context, the same for every page of a directory
    # (frames are grouped by directory, which covers base_url and relative links).
    "config", "nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc",
    # This plugin's site-wide value (catalogue_view is the page's own).
    "catalogue_site",
    # What Material's base.html sets from the configuration at its top level.
    "lang", "direction", "palette", "scheme", "primary", "accent", "features",
    # Jinja's own.
    "range", "dict", "lipsum", "cycler", "joiner", "namespace", "self", "super", "loop", "caller",
    "varargs", "kwargs", "true", "false", "none", "True", "False", "None",
})
"""Names a template outside Material may read outside the holes: nothing else is known
to be the same on every page of a group (``page``, ``catalogue_view``, values other
plugins add in ``on_page_context``, variables Material sets from the page)."""

_SITE_WIDE_FILTERS = {"url", "script_tag"}
"""MkDocs' filters that read the context: they read the page's URL only, which is the same
relative to the site for every page of a directory."""


class _Refused(Exception):
    """A frame cannot be made for this template; the message says why (in Chinese)."""


class FrameProof:
    """Reads the templates a frame ran, refusing the frame if one reads the page outside the holes.

    One per :class:`~.frames.Frames`: it remembers what it found of each
    template, and each template's syntax tree (a build's templates do not
    change while it runs; a frame is made per directory and page shape, and
    parsing Material's base.html again for each one cost a large build
    seconds).
    """

    def __init__(self, env) -> None:
        self._env = env
        self._analysed: dict[tuple, str | None] = {}
        self._trees: dict[tuple, nodes.Template] = {}
        self._holes: dict[tuple, frozenset[str]] = {}
        self._chains: dict[tuple, tuple] = {}
        self._known: dict[tuple, bool] = {}
        """Per template (name, file): whether its reads are known (Material's own, or the table of contents)."""

    def analyse(self, template, loaded: Iterable) -> None:
        """Raise _Refused if ``template`` or a template it ran reads the page outside the holes.

        A frame is made per directory and page shape, hundreds in a large
        build, and each runs the same few templates: what is found of a
        template (its inheritance chain, whether it is Material's) is found
        once, as its syntax tree is read once.
        """
        chain = self._chain(template)
        names = tuple(t.name for t in chain)
        if names not in self._holes:
            self._holes[names] = frozenset(_hole_names(self._tree(t) for t in chain))
        holes = self._holes[names]
        for t in chain + tuple(t for t in loaded if t.name not in names):
            if self._is_known(t):
                continue  # the table of contents is a hole; Material's reads are known (see the module's text)
            # By name and file: a loader may give every template the same file name (``<template>``).
            key = (t.name, t.filename, holes if t.name in names else frozenset())
            if key not in self._analysed:
                self._analysed[key] = page_reads(self._tree(t), t.name, t.filename, self._env, key[2])
            if self._analysed[key] is not None:
                raise _Refused(self._analysed[key])

    def _chain(self, template) -> tuple:
        """``template`` and the templates it extends, most derived first."""
        key = (template.name, template.filename)
        if key not in self._chains:
            chain = [template]
            while True:
                extends = next(self._tree(chain[-1]).find_all(nodes.Extends), None)
                if extends is None:
                    break
                if not isinstance(extends.template, nodes.Const):
                    raise _Refused(f"模板 {chain[-1].name} 继承的模板名不固定（第 {extends.lineno} 行）")
                chain.append(self._env.get_template(extends.template.value, chain[-1].name))
            self._chains[key] = tuple(chain)
        return self._chains[key]

    def _is_known(self, template) -> bool:
        key = (template.name, template.filename)
        if key not in self._known:
            material = _material_dir()
            self._known[key] = template.name in _TOC_PARTS or bool(
                material and template.filename and Path(template.filename).resolve().is_relative_to(material))
        return self._known[key]

    def _tree(self, template) -> nodes.Template:
        key = (template.name, template.filename)
        if key not in self._trees:
            try:
                source = self._env.loader.get_source(self._env, template.name)[0]
                self._trees[key] = self._env.parse(source, template.name, template.filename)
            except Exception as exc:  # noqa: BLE001 - a template that cannot be read again: no frame
                raise _Refused(f"无法读取模板 {template.name}（{type(exc).__name__}）") from None
        return self._trees[key]


def page_reads(tree: nodes.Template, name: str, filename: str | None, env, holes: Iterable[str] = ()) -> str | None:
    """Why a template (outside Material) cannot be part of a frame, or None if it can.

    ``tree`` is the template's Jinja syntax tree.  Blocks named in ``holes``
    (and blocks nested in them) are rendered per page and may read
    anything; everywhere else the template may read only :data:`SITE_WIDE`
    names and variables it sets itself (whose values are checked the same
    way), call no filter, test or function that reads the context (except
    MkDocs' ``url`` and ``script_tag``), touch no private attribute and call
    no hole block through ``self``.  Conservative: a template that reads
    the page in a way that happens to give the same text on every page is
    refused too.
    """
    holes = set(holes)
    where = f"{name}（{filename}）" if filename and filename != name else name
    written = _written_in_holes(tree, holes)
    if written:  # a hole writing into a namespace or an object: what it wrote is read elsewhere, per page
        node = written[0]
        return (f"模板 {where} 第 {node.lineno} 行在页面框架的空位之中改写了“{_written_name(node)}”"
                "（其他地方读到的值随页面变化）")
    for node, bound in _outside(tree, holes):
        what = None
        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name not in bound:
            value = env.globals.get(node.name)
            if node.name == "self":
                what = "把 self 另起了名字或交给了别处（无法看出调用的是哪个页面块）"
            elif node.name not in SITE_WIDE and (value is None or _reads_context(value)):
                what = f"读取了随页面变化的“{node.name}”"
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_") and node.attr != "_":
            what = f"读取了私有属性“{node.attr}”"
        elif isinstance(node, nodes.Getattr) and _is_self(node.node, bound) and node.attr in holes:
            what = f"在框架之外调用了页面块“{node.attr}”"
        elif isinstance(node, nodes.Getitem) and _is_self(node.node, bound):
            what = "用下标调用了页面块（self[…]）"
        elif isinstance(node, (nodes.Filter, nodes.Test)) and node.name is not None:
            table = env.filters if isinstance(node, nodes.Filter) else env.tests
            func = table.get(node.name)
            if func is not None and _reads_context(func) and node.name not in _SITE_WIDE_FILTERS:
                what = f"使用了读取页面上下文的过滤器或测试“{node.name}”"
        if what is not None:
            return f"模板 {where} 第 {node.lineno} 行在页面框架的空位之外{what}"
    return None


_MUTATING = frozenset({"append", "extend", "insert", "update", "setdefault", "pop", "popitem", "clear", "remove",
                       "add", "discard", "sort", "reverse"})
"""Methods that change the object they are called on (a list, dict or set a template made)."""


def _written_in_holes(tree: nodes.Template, holes: set[str]) -> list[nodes.Node]:
    """The writes a hole block makes that outlive it: ``{% set ns.x = … %}`` into a namespace the template's top
    level made, a call changing an object it made (``flags.append(…)``).  Such a namespace, filled in a hole from
    the page and read in another block, had one page's value served to the frame's other pages (a review: an
    announce bar).  A namespace a hole makes itself is its own (record.html's table rows)."""
    shared = {name for statement in tree.body if isinstance(statement, (nodes.Assign, nodes.AssignBlock))
              for name in _stored(statement.target)}
    if not shared:
        return []
    found = []
    for block in tree.find_all(nodes.Block):
        if block.name not in holes:
            continue
        found += [r for r in block.find_all(nodes.NSRef) if r.name in shared]
        found += [c for c in block.find_all(nodes.Call) if isinstance(c.node, nodes.Getattr)
                  and c.node.attr in _MUTATING and isinstance(c.node.node, nodes.Name) and c.node.node.name in shared]
    return sorted(found, key=lambda n: n.lineno)


def _written_name(node: nodes.Node) -> str:
    return f"{node.name}.{node.attr}" if isinstance(node, nodes.NSRef) else f"{node.node.node.name}.{node.node.attr}"


def _is_self(node: nodes.Node, bound: frozenset[str]) -> bool:
    return isinstance(node, nodes.Name) and node.name == "self" and "self" not in bound


def _outside(tree: nodes.Node, holes: set[str]) -> Iterator[tuple[nodes.Node, frozenset[str]]]:
    """Every node of ``tree`` outside the blocks named in ``holes``, with the names the template itself has
    bound where it stands: a loop's target, a macro's or call block's parameters, a ``with``'s names, and
    what an earlier ``set`` of the same or an enclosing body assigned.  Only there: a footer's ``{% for page in
    nav.pages %}`` does not make ``page`` read elsewhere the loop's (an attack review; the names were once
    gathered over the whole template).  A ``set`` inside an ``if`` binds within it only."""
    yield from _walk(tree, holes, frozenset(), frozenset())


def _stored(target: nodes.Node) -> set[str]:
    return {n.name for n in (target, *target.find_all(nodes.Name)) if isinstance(n, nodes.Name)}


def _walk(node: nodes.Node, holes: set[str], bound: frozenset[str], outer: frozenset[str]) -> Iterator[tuple]:
    """``outer``: the names the template's top level binds, all a block inside a loop or a ``with`` sees (Jinja
    renders it with the template's context: the loop's ``page`` is not its ``page``, a review found)."""
    if isinstance(node, nodes.Block) and node.name in holes:
        return
    yield node, bound
    if isinstance(node, nodes.For):
        yield from _walk(node.iter, holes, bound, outer)
        inner = bound | _stored(node.target)
        yield from _walk(node.target, holes, inner, outer)
        if node.test is not None:
            yield from _walk(node.test, holes, inner, outer)
        yield from _body(node.body, holes, inner, outer)
        yield from _body(node.else_, holes, bound, outer)
    elif isinstance(node, (nodes.Macro, nodes.CallBlock, nodes.With)):
        for value in [getattr(node, "call", None), *getattr(node, "defaults", ()), *getattr(node, "values", ())]:
            yield from _walk(value, holes, bound, outer) if value is not None else ()
        targets = node.targets if isinstance(node, nodes.With) else node.args
        inner = bound | set().union(*map(_stored, targets))
        for target in targets:
            yield from _walk(target, holes, inner, outer)
        yield from _body(node.body, holes, inner, outer)
    elif isinstance(node, (nodes.Template, nodes.Block)):  # a block sees the top level's names, not a loop's
        scope = bound if isinstance(node, nodes.Template) or node.scoped else outer
        yield from _body(node.body, holes, scope, outer, top=isinstance(node, nodes.Template))
    else:
        for field in node.fields:
            value = getattr(node, field, None)
            if field in ("body", "else_") and isinstance(value, list):
                yield from _body(value, holes, bound, outer)
                continue
            for item in value if isinstance(value, list) else [value]:  # an if's elif_: If nodes, walked alike
                if isinstance(item, nodes.Node):
                    yield from _walk(item, holes, bound, outer)


def _body(statements: list, holes: set[str], bound: frozenset[str], outer: frozenset[str],
          top: bool = False) -> Iterator[tuple]:
    """A body's statements in order: what a ``set`` (or an import without context) binds counts after it."""
    for statement in statements:
        yield from _walk(statement, holes, bound, outer)
        names: set[str] = set()
        if isinstance(statement, (nodes.Assign, nodes.AssignBlock)):
            names = _stored(statement.target)
        elif isinstance(statement, nodes.Import) and not statement.with_context:
            names = {statement.target}  # a template imported without context sees the globals only
        elif isinstance(statement, nodes.FromImport) and not statement.with_context:
            names = {a[1] if isinstance(a, tuple) else a for a in statement.names}
        elif isinstance(statement, nodes.Macro):
            names = {statement.name}
        bound |= names
        if top:
            outer |= names


def _reads_context(func) -> bool:
    arg = getattr(func, "jinja_pass_arg", None)
    return getattr(arg, "name", None) == "context"


def _hole_names(trees: Iterable[nodes.Template]) -> set[str]:
    """HOLE_BLOCKS and every block nested in one of them, in any template of the inheritance chain."""
    holes = set(HOLE_BLOCKS)
    trees = list(trees)
    while True:
        found = {inner.name for tree in trees for block in tree.find_all(nodes.Block) if block.name in holes
                 for inner in block.find_all(nodes.Block)}
        if found <= holes:
            return holes
        holes |= found


@functools.cache
def _material_dir() -> Path | None:
    try:
        return Path(importlib.util.find_spec("material").origin).resolve().parent
    except Exception:  # noqa: BLE001 - no Material installed
        return None
