"""One Markdown conversion per record body, shared by its open data and its page.

A clean build converted every record body twice: for the open data
(``data/records/*.json``, made with the core's exports before any page)
and for the record's page (render.py, after).  On long laws the first was
a sixth of a clean build's CPU time.  So the open data's conversion is
done by the pages' own parser (page_markdown.PageMarkdown, MkDocs'
processors and all) and kept, and the page takes it instead of
converting again.

A conversion is kept only where the page's own would be the same:

- the body links only to its own anchors and to other sites: MkDocs
  resolves a link to a path against the page's own file (rewriting it,
  or warning that nothing is there), so such a body is its page's to
  convert;
- nothing was logged while converting (the page converts itself and logs
  its warnings once, as they belong to it);
- the page converts the very text converted here (MkDocs strips the front
  matter and the blank lines after it; another plugin's
  ``on_page_markdown`` may change it: the page then converts it).

The open data's HTML is then the page's content sanitised, which is what
:class:`~build_tools.body_html.BodyRenderer` gives: the first bodies of
each process are converted both ways and compared, and a difference turns
the sharing off with a notice (fast_paths.py).  ``catalogue build
--verify`` renders every page both ways, a kept conversion or not.
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass, replace

from isal import isal_zlib
from mkdocs.structure.files import File, InclusionLevel

from .. import body_html
from ..body_html import sanitise
from . import plain_bodies
from .exports import FastBodyRenderer
from .fast_paths import BODY_ONCE, CACHES, Notice, unverified
from .page_keys import project_code
from .page_markdown import _VERIFY, PageMarkdown, set_rendered
from .render_pool import Collect

_SEPARATOR = "\0"
_WRITTEN = "\1"
_SHOWN = "catalogue_shown"
"""The page attribute holding the content a kept conversion set and that content sanitised, where kept."""
_REL = f' rel="{body_html.LINK_REL}"'


@dataclass(frozen=True, slots=True)
class Conversion:
    """What converting a page's Markdown sets on the page, kept for the page to take."""

    markdown: str
    """The text converted: what the page will convert (``page.markdown``).  Empty on the way back
    from a worker (:attr:`made_from` names it): the build holds the text already."""
    packed: bytes
    """The page's HTML or, where :attr:`sanitised`, that HTML sanitised, UTF-8 compressed: a fifth of
    the string's memory (some 180 MB less at 10,000 long laws, held from the plan until the pages are
    rendered) for about 0.3 ms a long law."""
    toc_tokens: bytes
    """The ``toc`` extension's tokens, pickled: 13,000 pages' worth of small dicts cost forked workers
    a copy of every memory page they touch; one bytes object each is left untouched."""
    title: str | None
    anchor_ids: str
    """The page's anchors joined by NUL: one string, not hundreds (a long law's every 第X条)."""
    self_links: str
    """Links to the page's own anchors, set on the page as ``Page.render`` sets them (MkDocs checks
    anchors before record pages are rendered, so only for the page's sake): one string (a long law
    links every 第X条 to itself: 146 MB at 10,000 long laws as pairs of strings), see :func:`_join_links`."""
    made_from: tuple[int, int] = (0, 0)
    """Length and ``hash`` of :attr:`markdown` (a forked worker shares the build's hash seed)."""
    sanitised: bool = False
    """Whether :attr:`packed` holds the HTML sanitised, from which the HTML is had back by taking out
    what sanitising added to its links (checked when converted): the page then shows it without
    sanitising it a second time (some 1.4 ms a long law, :func:`sanitised`)."""

    def unpacked(self) -> tuple[str, str | None]:
        """The HTML the conversion made and, where kept, that HTML sanitised (body_html.sanitise)."""
        html = isal_zlib.decompress(self.packed).decode("utf-8", "surrogatepass")
        return (_content(html), html) if self.sanitised else (html, None)

    def apply(self, page) -> None:
        """Set on ``page`` what PageMarkdown's conversion sets (page_markdown.set_rendered), and the
        sanitised content where kept."""
        content, shown = self.unpacked()
        set_rendered(page, content, pickle.loads(self.toc_tokens), self.title,
                     set(self.anchor_ids.split(_SEPARATOR)) if self.anchor_ids else set(),
                     lambda: {page.file: _split_links(self.self_links)} if self.self_links else {})
        setattr(page, _SHOWN, (content, shown) if shown is not None else None)


class Converted(str):
    """The open data's HTML of a body, carrying the conversion it came from (back from a forked worker)."""

    conversion: Conversion | None = None


class OnceBodyRenderer(FastBodyRenderer):
    """The open data's body renderer, converting with the pages' parser and keeping what pages can take.

    The core calls :meth:`keep` with each body it had rendered (in this
    process or in forked workers); :attr:`conversions` then holds those
    the pages take, by the Markdown they convert.
    """

    def __init__(self, config, files, notices: set[Notice] | None = None) -> None:
        super().__init__(config.markdown_extensions, config.mdx_configs, code=project_code(config), notices=notices)
        if self.reads_files:
            self.notices.add(Notice(CACHES, f"Markdown 扩展 {'、'.join(self.reads_files)} 在转换时读取其他文件"
                                            "（插入的文件、图片或图表的源文件），缓存的键无法列出这些文件"))
        reason = unverified(BODY_ONCE)
        if reason is not None:
            self.notices.add(Notice(BODY_ONCE, reason))
        self._pages: PageMarkdown | None = PageMarkdown(config, files) if reason is None else None
        self._file = File.generated(config, "records/index.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
        self._compared = 0
        self.conversions: dict[str, Conversion] = {}

    def __call__(self, text: str) -> str:
        page_text = text.lstrip("\n")  # what MkDocs leaves after the front matter: the page converts that
        # Leading blank lines change nothing, unless the first line left holds only spaces or tabs
        # (Markdown blanks such a line after a newline only: at the start it may open a code block).
        same = len(page_text) == len(text) or page_text.split("\n", 1)[0].strip() != ""
        converted = self._convert(page_text) if self._pages is not None and same else None
        if converted is None:
            return super().__call__(text)
        conversion, content = converted
        made = self._pages.made
        html = plain_bodies.sanitised(made) if made is not None and made.html is content else sanitise(content)
        shown = _content(html) == content  # then keep the sanitised HTML: the page need not sanitise again
        conversion = replace(conversion, packed=_pack(html if shown else content), sanitised=shown)
        if self._compared < _VERIFY:
            self._compared += 1
            plain = super().__call__(text)
            if plain != html:  # never seen: convert for the open data as before, and say so
                self._pages = None
                self.report(Notice(BODY_ONCE, "一条正文在开放数据中的转换结果与其页面不同，改为分别转换"))
                return plain
        made = Converted(html)
        made.conversion = replace(conversion, markdown="")  # not sent back with it: keep() has the text
        return made

    def keep(self, text: str, html: str) -> str:
        """Keep the conversion ``html`` carries, if any; returns the HTML as a plain string."""
        conversion = getattr(html, "conversion", None)
        if conversion is None:
            return html
        # The text this process holds: a worker sends none back (some 130 MB at 10,000 long laws,
        # all at once before the first is kept), only its length and hash to check it is this one.
        markdown = text.lstrip("\n")
        if (len(markdown), hash(markdown)) == conversion.made_from:
            self.conversions[markdown] = replace(conversion, markdown=markdown)
        return str.__str__(html)

    def _convert(self, text: str) -> tuple[Conversion, str] | None:
        """The conversion of ``text`` to keep (not yet packed), with its HTML; None where the page must
        convert it."""
        pages = self._pages
        if not pages.usable():
            return None
        body = _Body(self._file, text)
        logger = logging.getLogger("mkdocs")
        seen = Collect(logging.NOTSET)
        saved = logger.handlers[:], logger.propagate
        logger.handlers[:], logger.propagate = [seen], False  # the page logs them, once
        try:
            pages.render(body)
        except Exception:  # noqa: BLE001 - the open data's own conversion says what is wrong, as before
            return None
        finally:
            logger.handlers[:], logger.propagate = saved
            for notice in pages.notices:  # its plain-text skip stepped aside: said like the open data's own
                self.report(notice)
            pages.notices.clear()
        links = body.links_to_anchors or {}
        if pages.linked_locally or seen.records or set(links) - {self._file}:
            return None
        anchors = body.present_anchor_ids
        self_links = links.get(self._file, {})
        if any(not a or _SEPARATOR in a for a in anchors) or not _joinable(self_links):
            return None  # never seen: one string could not say them
        toc_tokens = pickle.dumps(pages.toc_tokens, pickle.HIGHEST_PROTOCOL)
        # packed by the caller: the HTML or, more often, the HTML sanitised
        return Conversion(text, b"", toc_tokens, body._title_from_render, _SEPARATOR.join(sorted(anchors)),
                          _join_links(self_links), (len(text), hash(text))), body.content


def sanitised(html: str, page) -> str:
    """``html`` sanitised, as a record page shows it (body_html.sanitise).

    Where ``html`` is the content a kept conversion set on ``page`` and the
    conversion kept that content sanitised (:attr:`Conversion.sanitised`),
    that is it, without sanitising again.  Any other HTML (another plugin
    changed it, the page converted its own body) is sanitised.
    """
    known = getattr(page, _SHOWN, None)
    return known[1] if known is not None and html == known[0] else body_html.sanitise(html)


def _pack(html: str) -> bytes:
    return isal_zlib.compress(html.encode("utf-8", "surrogatepass"), 1)


def _content(shown: str) -> str:
    """The HTML before sanitising, from the sanitised HTML of a conversion whose content it was found
    to give back: sanitising adds the same ``rel`` to every link (and, for such a conversion, nothing else)."""
    return shown.replace(_REL, "")


def _joinable(links: dict[str, str]) -> bool:
    return not any(not a or _SEPARATOR in a or _WRITTEN in a or _SEPARATOR in w for a, w in links.items())


def _join_links(links: dict[str, str]) -> str:
    """``{anchor: link as written}`` as one string: NUL between links, each ``anchor``, or where the
    link is not ``#anchor``, ``anchor`` SOH ``link``."""
    return _SEPARATOR.join(a if w == "#" + a else a + _WRITTEN + w for a, w in links.items())


def _split_links(joined: str) -> dict[str, str]:
    """The inverse of :func:`_join_links`."""
    links = {}
    for entry in joined.split(_SEPARATOR):
        anchor, written = entry.split(_WRITTEN, 1) if _WRITTEN in entry else (entry, "#" + entry)
        links[anchor] = written
    return links


class _Body:
    """The parts of a page PageMarkdown reads and sets."""

    def __init__(self, file: File, markdown: str) -> None:
        self.file, self.markdown = file, markdown
        self.content, self.toc, self._title_from_render = None, None, None
        self.present_anchor_ids: set[str] = set()
        self.links_to_anchors: dict = {}
