"""A record body as the public sees it in HTML: Markdown rendered, then sanitised.

The record page and the open data (``data/records/….json``) show the same
HTML for a body: the page is rendered by MkDocs with the site's Markdown
extensions and passed through :func:`sanitise` (the plugin's
``on_page_content``); :class:`BodyRenderer` renders with the same
extensions and the same sanitiser, without MkDocs, so the core can make
the open-data files.  tests/test_opendata.py proves the two equal on every
record page of the sample site.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Mapping, Sequence
from urllib.parse import urljoin

import markdown
import nh3

from .body_anchors import EXTENSION as BODY_ANCHORS, bold_numbers
from .body_checks import WORD_SYMBOLS, shown_controls
from .gongwen import chapter_headings, separate_items
from .machinery.cache import Unprovable, local_code, module_file, stable
from .shown_text import BRACKETED_NAME, COMMENT, WORD_CONDITION, code_spans, is_markup, maybe_code_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
"""What a page never shows: a comment, a script, a style sheet, a template (the sanitiser drops the elements)."""
_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n^][^\[\]\n]*)\]:[^\n]*(?:\n[ \t]+[\"'(][^\n]*)?$", re.M)
"""A link reference definition (not a footnote's ``[^1]:``), with a title on the next line."""
_DATA_ADDRESS = re.compile(r"""(\]\(|\]:|\b(?:src|href)\s*=\s*["']?)[ \t]*(?:<data:[^<>\s]*>|data:[^)"'\s<>]*)""", re.I)
"""A ``data:`` address (a picture pasted as ``![扫描件](data:image/png;base64,…)``), which the page never keeps."""
_TAG_WITH_REFERENCES = re.compile(r"""<[A-Za-z][^<>]*>""")
_ATTRIBUTE_VALUE = re.compile(r"""(=\s*)("[^"]*"|'[^']*'|[^\s"'<>=]+)""")


def _unreferenced_data(m: re.Match) -> str:
    """A tag whose attribute, its character references read, is a ``data:`` address (``src="&#100;ata:…"`` kept
    the picture in the open data: a review): that value emptied, every other as written (reading the whole tag's
    references made a title's ``&quot;`` close it and start an attribute of its own: a later review)."""
    tag = m.group()
    if "&" not in tag:
        return tag

    def value(v: re.Match) -> str:
        raw = v.group(2).strip("\"'")
        return f'{v.group(1)}""' if "&" in raw and "data:" in html.unescape(raw).lower() else v.group()
    return _ATTRIBUTE_VALUE.sub(value, tag)


_REFERENCED_DESTINATION = re.compile(r"(\]\()[ \t]*(<[^<>\n]*&[^<>\n]*>|[^()\s<>]*&[^()\s<>]*)")
"""A Markdown link's or image's address holding a character reference."""


def _unreferenced_destination(m: re.Match) -> str:
    """The address emptied when, its character references read, it is a ``data:`` one; else as written."""
    read = html.unescape(m.group(2).strip("<>")).strip().lower()
    return m.group(1) if read.startswith("data:") else m.group()


_BASE64_DATA = re.compile(r"data:[\w.+-]+/[\w.+-]+(?:;[\w.+=-]+)*;base64,[A-Za-z0-9+/=\s]{16,}", re.I)
"""A picture's bytes wherever an address may stand (a style's ``url(…)``, a ``srcset``: a later review)."""
_USED = re.compile(r"\[([^\[\]\n]*)\](?:\s?\[([^\[\]\n]*)\])?")


def shown_markdown(body: str) -> str:
    """``body`` without what its page never shows, for the open data's ``body_markdown``: HTML comments,
    ``<script>``, ``<style>``, ``<template>`` and ``<noscript>`` elements, the attributes the sanitiser drops
    (:func:`_page_attributes`), and link definitions no link uses, outside fenced code (a fence shows them).  An
    editor's note in a comment (a whistle-blower's name and address, a withheld document's title) was published in
    the open data though the page hid it (a review)."""
    if not any(mark in body for mark in ("<!--", "<", "]:", "data:", "DATA:", "Data:", "&")):
        return body
    if "<!--" in body:  # a comment holding a fence hides the fence too (it was kept: a review)
        body = _without_comments_outside_code(body)
    out, outside, fence = [], [], None
    for line in body.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            out.append(_unshown("".join(outside)))
            outside, fence = [], m.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip()[len(m.group(1)):]:
                fence = None
        else:
            outside.append(line)
    out.append(_unshown("".join(outside)))
    return "".join(out)


def _without_comments_outside_code(text: str) -> str:
    """``text`` without the comments that start outside code, whatever they hold (a fence, a code span)."""
    code = code_spans(text)
    return COMMENT.sub(lambda m: m.group() if any(a <= m.start() < b for a, b in code) else "", text)


def _unshown(text: str) -> str:
    if "<" in text:
        text = _HIDDEN.sub("", text)
        if "=" in text:  # what a tag holds that its page drops (a hidden <input>'s value, data-*: a review)
            text = _page_attributes(text)
        if "&" in text:  # a tag whose data: address is written with references (&#100;ata:): read as the browser reads it
            text = _TAG_WITH_REFERENCES.sub(_unreferenced_data, text)
    if "&" in text and "](" in text:  # ![扫描件](&#100;ata:…): read as the browser reads the address (a review)
        text = _REFERENCED_DESTINATION.sub(_unreferenced_destination, text)
    if "data:" in text.lower():  # a picture pasted inline: the page shows none, its bytes and metadata stay out (a review)
        text = _BASE64_DATA.sub("", _DATA_ADDRESS.sub(r"\1", text))
    if "]:" in text:
        rest = _DEFINITION.sub("", text)
        used = {" ".join((m.group(2) or m.group(1)).split()).lower() for m in _USED.finditer(rest)}
        text = _DEFINITION.sub(lambda m: m.group() if " ".join(m.group(1).split()).lower() in used else "", text)
    return text




_OPENING_TAG = re.compile(r"""<([A-Za-z][\w:.-]*)(\s(?:[^<>"']|"[^"]*"|'[^']*')*?)(/?)>""")
_TAG_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?""")
_DROPPED_VOID = frozenset("area base embed input keygen link meta param source track".split())
"""Elements that hold nothing but their attributes, which the sanitiser drops: the page shows nothing of them."""


def _page_attributes(text: str) -> str:
    """``text`` with each tag outside code holding only the attributes its page keeps (:func:`sanitise`'s, and an
    ``<a name>``, which the page makes its ``id``), and without the elements the page drops that hold nothing but
    attributes (<input>, <meta>, <link>): a CMS page's hidden <input value="经办人…">, a <meta content="…">, a
    ``data-reviewer="审核人…"`` were in the open data's ``body_markdown`` and on no page (a review).  A tag in code
    is shown as written; a tag the sanitiser leaves whole is left as written."""
    code: list[tuple[int, int]] | None = None

    def kept(m: re.Match) -> str:
        nonlocal code
        name = m.group(1).lower()
        if not is_markup(m.group(), m.group(1), text):
            return m.group()  # <JT/T 489—2019>: text the page shows
        if name in _DROPPED_VOID and name not in _ALLOWED_TAGS:
            shown = ""
        else:
            allowed = _ALLOWED_ATTRIBUTES["*"] | _ALLOWED_ATTRIBUTES.get(name, set()) | ({"name"} if name == "a" else set())
            attributes = [a for a in _TAG_ATTRIBUTE.finditer(m.group(2)) if name in _ALLOWED_TAGS
                          and a.group(1).lower() in allowed]
            if len(attributes) == len(_TAG_ATTRIBUTE.findall(m.group(2))):
                return m.group()
            shown = f"<{m.group(1)}{''.join(' ' + a.group() for a in attributes)}{m.group(3) and ' /'}>"
        if code is None:  # with what may be code in a list item or a quotation: the page shows it (a review)
            code = code_spans(text) + maybe_code_lines(text)
        return m.group() if any(a <= m.start() < b for a, b in code) else shown
    return _OPENING_TAG.sub(kept, text)


def literal_brackets(text: str) -> str:
    """``text`` with the ``<`` of each bracketed name that is no HTML element (:data:`HTML_ELEMENTS`) written as
    ``&lt;``, outside code (which shows its brackets as they are): the page shows it as written."""
    if "<" not in text or BRACKETED_NAME.search(text) is None:
        return text
    code = code_spans(text) if "`" in text or "~~~" in text or "\n    " in text or "\t" in text else []

    def literal(m: re.Match) -> str:
        if is_markup(m.group(), m.group(1), text) or any(a <= m.start() < b for a, b in code):
            return m.group()
        return "&lt;" + m.group()[1:]
    return BRACKETED_NAME.sub(literal, text)


def page_markdown(body: str) -> str:
    """A record body's Markdown as its page converts it, but for the 公文 closing and 附件 note
    (site_plan.record_body sets them, :func:`~build_tools.gongwen.typeset`): Word's bullets as the bullets
    they show, its list conditions out, control characters as the page shows them (body_checks.shown_controls),
    a bracketed name kept as text, a bold article number's space after the bold (body_anchors.bold_numbers),
    each 项 or article written on a line of its own made a paragraph (gongwen.separate_items), a pasted law's chapter
    lines its headings (gongwen.chapter_headings).

    ``catalogue check`` finds a page's articles and headings in it (links._page_ids): read raw, a law pasted
    from Word (one article a line, no blank lines) was one paragraph there, and each link to its articles was
    said to go nowhere while the page had them all (a review)."""
    if any(c in body for c in WORD_SYMBOLS):  # Word's bullets (private-use characters) as the bullets they show
        body = body.translate(_WORD_SYMBOLS)
    if "<![" in body:  # Word's <![if !supportLists]>1.<![endif]>: the marks go, the list's number stays
        body = WORD_CONDITION.sub("", body)
    body = shown_controls(body)  # Word's manual line break (U+000B) a line break, other controls nothing: no boxes
    return chapter_headings(separate_items(bold_numbers(literal_brackets(body))))


_WORD_SYMBOLS = str.maketrans(WORD_SYMBOLS)


# Tags and attributes a record body may use after Markdown rendering:
# what 公文 need (headings, lists, tables, footnotes) and nothing executable.
_ALLOWED_TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                 "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
                 "strong", "em", "b", "i", "u", "s", "strike", "del", "ins", "sub", "sup", "small", "mark", "abbr", "code", "pre",
                 "blockquote", "a", "img", "div", "span", "section", "figure", "figcaption"}
# no lang: Word's <span lang=EN-US> around Chinese text had screen readers read it in an English voice (a review)
_ALLOWED_ATTRIBUTES = {"*": {"id", "class", "title"}, "a": {"href"},
                       "img": {"src", "alt", "width", "height"},
                       "th": {"colspan", "rowspan", "align", "style"}, "td": {"colspan", "rowspan", "align", "style"},
                       "ol": {"start"}, "col": {"span"}}

MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs always adds to the configured ones."""

SITE_EXTENSIONS = (*MKDOCS_BUILTIN_EXTENSIONS, BODY_ANCHORS)
"""What a site's Markdown has with nothing configured: MkDocs' own and the plugin's (body_anchors.py)."""


LINK_REL = "noopener noreferrer"
"""The ``rel`` the sanitiser gives every link."""


def sanitise(html: str) -> str:
    """Strip anything executable from rendered record HTML (scripts, handlers, javascript: URLs), and
    every address the site does not make (:func:`site_addresses_only`); an image left without an address
    (``file:///C:/…``, pasted from Word) is its alternative text, or nothing (an empty box was shown: a review)."""
    if "name=" in html:  # Word's footnotes and bookmarks are anchors by name (<a name="_ftn1">), which nh3 drops:
        html = _NAMED_ANCHOR.sub(_named_anchor, html)  # their links (#_ftn1, #_ftnref1) led nowhere (a review)
    clean = site_addresses_only(nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                                          url_schemes={"http", "https", "mailto", "tel"}, link_rel=LINK_REL,
                                          filter_style_properties={"text-align"}))
    if "<table " in clean:
        clean = _TABLE_CLASS.sub(_site_table_class, clean)
    return _NO_SOURCE.sub(lambda m: m.group(1) or "", clean) if "<img" in clean else clean


_TABLE_CLASS = re.compile(r'(<table\b[^>]*?)\sclass="([^"]*)"')


def _site_table_class(m: re.Match) -> str:
    """A table's classes the site does not define dropped (the site's own are ``cat-*``): Material draws the grid,
    the header and a phone's scrolling only for a table without a class (``.md-typeset table:not([class])``), and a
    table pasted from Word (``class=MsoTableGrid``) or a CMS (``MsoNormalTable``, ``ke-zeroborder``, ``table``) was
    shown as floating words, its merged header cells unreadable (a review)."""
    kept = " ".join(c for c in m.group(2).split() if c.startswith("cat-"))
    return f'{m.group(1)} class="{kept}"' if kept else m.group(1)


_NAMED_ANCHOR = re.compile(r"""<a\b[^<>]*>""", re.IGNORECASE)
_NAME = re.compile(r"""(\s)name(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))""", re.IGNORECASE)


def _named_anchor(m: re.Match) -> str:
    """An ``<a name="…">`` as ``<a id="…">``, unless it has an id of its own."""
    tag = m.group()
    return tag if re.search(r"\sid\s*=", tag, re.IGNORECASE) else _NAME.sub(r"\1id\2", tag, count=1)


_NO_SOURCE = re.compile(r"""<img(?![^>]*\ssrc=)(?:[^>]*?\salt="([^"]*)")?[^>]*>""")
"""An image the sanitiser left without its ``src`` (its attributes are quoted with ``"``: nh3 writes them so)."""


_SEGMENT = r"""(?!\.\.?(?:[/?#]|$))[^/?#"\\]+"""
_SITE_ADDRESS = re.compile(
    rf"""(?:(?:\./|\.\./{_SEGMENT}/)(?:index\.html)?|index\.html|\.\./\.\./attachments(?:/{_SEGMENT})+|[?#][^"]*|)"""
    r"""(?:[?#][^"]*)?""")
"""The relative addresses a body's links have once :class:`~build_tools.links.PublicLinks` has
rewritten them: the record's own page (``./``), another record's page (``../<索引号>/``), each perhaps
with its ``index.html`` (a site without directory URLs: :func:`~build_tools.views.urls.page_url`), a
published attachment (``../../attachments/…``, percent-encoded: never a ``%2E``), a fragment or a query alone."""
_ADDRESS_TAG = r'<(?:a|img)\b[^>]*?\s(?:href|src)="'
"""The start of a link's or an image's start tag, to its address, in sanitised HTML: every value is
double-quoted and holds no ``>`` (nh3 writes ``&gt;``)."""
_RELATIVE = re.compile(_ADDRESS_TAG + r"""(?![A-Za-z][A-Za-z0-9+.-]*:|/|#)([^"]*)"[^>]*>""")
"""A link's or an image's start tag with a relative address."""
_MAYBE_RELATIVE = re.compile(r"""="(?:(?<=\shref=")|(?<=\ssrc="))"""
                             r"""(?![A-Za-z][A-Za-z0-9+.-]*:|/|#|"""
                             r"""\.\./(?!\.\.?/)[^/"?#%\\\x00-\x20\x7f]+/(?:index\.html)?["?#])""")
"""Where a relative address other than a record page's (a long law links to many) may be, or text that
only looks like one: where there is none, nothing is taken out.  Starting with the literal ``="``, it
costs a fifth of the same pattern starting at the attribute's name (1.9 against 9.2 ms over 1.2 MB of
long laws' HTML)."""


_NOT_WRITTEN = re.compile(r"%2e|[\x00-\x20\x7f]", re.IGNORECASE)
"""What no address the site writes has in its path, and a browser reads otherwise than it is written:
``%2E`` is a dot (``%2E%2E`` climbs a folder), a tab or line break is deleted (``.\t./`` is ``../``)."""


def site_addresses_only(html: str) -> str:
    """Sanitised body HTML without any relative link or image the site did not make (:data:`_SITE_ADDRESS`):
    a link keeps its text, an image goes.

    The links of a public body are rewritten in its Markdown (:mod:`~build_tools.links`), by a finder
    that reads Markdown as Python-Markdown does; here, on what Python-Markdown made of it, a form of
    link the finder did not read (``b.md`` left as written, a withheld file's name, a path that leads
    nowhere on the site) is taken out.  Addresses with a scheme, site-absolute ones and fragments
    are left as they are."""
    if _MAYBE_RELATIVE.search(html) is None:  # most bodies: links to their articles, or none
        return html
    taken: list[tuple[int, int]] = []
    for m in _RELATIVE.finditer(html):
        address = m.group(1)
        if not _SITE_ADDRESS.fullmatch(address) or _NOT_WRITTEN.search(address.split("?", 1)[0].split("#", 1)[0]):
            taken.append(m.span())
            if html[m.start() + 1] == "a":  # its end tag too (links do not nest in sanitised HTML); what it holds
                close = html.find("</a>", m.end())  # is read on, an image in it included
                if close >= 0:
                    taken.append((close, close + len("</a>")))
    if not taken:
        return html
    out, at = [], 0
    for start, end in sorted(taken):
        out.append(html[at:start])
        at = end
    out.append(html[at:])
    return "".join(out)


def counts_conversions(extensions: Sequence, configs: Mapping) -> str | None:
    """Why one parser cannot convert many bodies as a parser each would, or None: Python-Markdown's footnotes
    with ``UNIQUE_IDS`` number their ids by the parser's conversions (``fn:2-1`` on every page of MkDocs, which
    makes a parser a page; ``fn:13-1`` on the thirteenth body a shared parser converted: a review)."""
    for ext in extensions:
        name = ext if isinstance(ext, str) else type(ext).__module__
        if name in ("footnotes", "markdown.extensions.footnotes") or name.startswith("markdown.extensions.footnotes:"):
            options = configs.get(ext, {}) if isinstance(ext, str) else getattr(ext, "config", {})
            unique = options.get("UNIQUE_IDS") if isinstance(options, Mapping) else None
            if isinstance(unique, list):  # an extension object's config: [value, description]
                unique = unique[0]
            if unique:
                return "脚注扩展（footnotes）设置了 UNIQUE_IDS：脚注的编号随同一个解析器转换的次数变化"
    return None


FILE_READING_EXTENSIONS = ("pymdownx.snippets", "pymdownx.b64", "markdown_include", "mdx_include",
                           "plantuml_markdown")
"""Markdown extensions that read other files while converting, by module or package: pymdownx.snippets
(``auto_append``, ``--8<-- "file"`` and the files those name in turn), markdown-include and mdx_include
(``{!file!}``), pymdownx.b64 (each local image, inlined), plantuml_markdown (a diagram's ``source``
file, and a server or program that draws it).  No key can list what a conversion read, so no cache can
prove a conversion with them (:func:`reads_files`)."""

FILE_READING_PLUGINS = ("mkdocs_include_markdown_plugin", "mkdocs_macros", "macros")
"""MkDocs plugins that read other files into a page's Markdown (``{% include-markdown %}``, mkdocs-macros'
``{% include %}`` and its variables): the pages' cache steps aside for them too."""


def _reads(module: str, known: Sequence[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in known)


def reads_files(extensions: Sequence[object]) -> tuple[str, ...]:
    """The extensions among ``extensions`` (names as mkdocs.yml writes them, ``mdx_include.mdx_include``
    or ``pymdownx.snippets:SnippetExtension``, or objects) that read other files while converting."""
    out = []
    for e in extensions:
        module = e.split(":")[0] if isinstance(e, str) else type(e).__module__
        if _reads(module, FILE_READING_EXTENSIONS):
            out.append(e if isinstance(e, str) else module)
    return tuple(out)


def plugins_reading_files(plugins: Mapping[str, object]) -> tuple[str, ...]:
    """The names of the MkDocs plugins among ``plugins`` that read other files into pages."""
    return tuple(name for name, plugin in plugins.items() if _reads(type(plugin).__module__, FILE_READING_PLUGINS))


class BodyRenderer:
    """Markdown → sanitised HTML with a site's extensions (MkDocs' ``markdown_extensions`` and ``mdx_configs``)."""

    def __init__(self, extensions: Sequence[str] = SITE_EXTENSIONS,
                 configs: Mapping[str, Mapping] | None = None, code: str | None = None) -> None:
        """``code``: a hash of the project's code the extensions come from, when the caller knows its
        folders (the plugin's :func:`~build_tools.mkdocs_plugin.page_keys.project_code`); by default
        the ``.py`` files beside the extensions that are the project's own modules."""
        self.extensions = tuple(extensions)
        self.configs = {k: dict(v) for k, v in (configs or {}).items()}
        self._md = markdown.Markdown(extensions=list(self.extensions), extension_configs=self.configs)
        self._fresh = counts_conversions(self.extensions, self.configs) is not None
        # An extension that is a module of the project (not installed): its code, as the cache key's part.
        if code is None:
            try:
                code = local_code(f for f in map(module_file, self.extensions) if f is not None)
            except Unprovable:  # changed since this process loaded it: a key that never repeats
                code = f"unrepeatable {secrets.token_hex(16)}"
        self._code = code
        self.reads_files = reads_files(self.extensions)
        # With such an extension, part of every key: new for each renderer (each build), so no cache or
        # memo serves a conversion (it is never stale, only made again).
        self._unrepeatable = secrets.token_hex(16) if self.reads_files else None

    @property
    def identity(self) -> str:
        """What the output depends on besides the text and the package's code (part of a cache key):
        the extensions, their options, and the code of those that are the project's own modules;
        with an extension that reads other files, a value new for each renderer."""
        return repr((self.extensions, stable(self.configs), self._code, self._unrepeatable))

    def __call__(self, text: str) -> str:
        """``text`` rendered and sanitised, as the record page shows it."""
        if self._fresh:  # numbered per parser: a parser of its own, as each page has (counts_conversions)
            self._md = markdown.Markdown(extensions=list(self.extensions), extension_configs=self.configs)
        else:
            self._md.reset()
        return sanitise(self._md.convert(literal_brackets(text)))


_URL_ATTRIBUTE = re.compile(f'({_ADDRESS_TAG})([^"]*)(")')
_REMOVED = frozenset("\t\r\n")
"""Characters urljoin deletes from a URL (WHATWG URL parsing): a fragment holding one goes through it."""


def absolute_links(html: str, base: str) -> str:
    """``html`` (sanitised: attributes double-quoted) with every link and image resolved against ``base``.

    A body's links are relative to its record page; in a file read
    anywhere else they have to be absolute.
    """
    if urljoin(base, "#x") != base + "#x":  # a base urljoin would write otherwise: it resolves every link
        return _URL_ATTRIBUTE.sub(lambda m: m.group(1) + urljoin(base, m.group(2)) + m.group(3), html)

    def resolve(m: re.Match) -> str:
        url = m.group(2)
        if len(url) > 1 and url[0] == "#" and not _REMOVED.intersection(url):
            # A fragment alone (every 第X条 links to itself: hundreds in a long law) is the base with that
            # fragment, as urljoin gives it (RFC 3986, 5.2.2), without urljoin parsing both again.
            return m.group(1) + base + url + m.group(3)
        return m.group(1) + urljoin(base, url) + m.group(3)

    return _URL_ATTRIBUTE.sub(resolve, html)
