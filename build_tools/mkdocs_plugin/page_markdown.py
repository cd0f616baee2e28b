"""``Page.render`` with one Markdown parser per process instead of one per page.

MkDocs builds a new ``markdown.Markdown`` for every page: loading the
configured extensions and registering its own four processors costs about
0.2 ms, a fifth of converting a typical record body.  Python-Markdown is
made to be reused (``Markdown.reset()``), so this keeps one parser with
MkDocs' processors registered once, and points them at each page in turn.

MkDocs' processors are private classes; if they change shape in a later
1.x release, construction fails and pages are rendered by ``Page.render``
as before (the bytes are the same either way; tests compare the two).

It also spares Python-Markdown its costliest steps on Chinese prose: the
plain-text skip (plain_text_skip.py) leaves runs of text no inline pattern
can match out of the inline step, and a bold article number at the start
of a paragraph is made into its ``<strong>`` directly.

A body made only of headings and such paragraphs (most of a long law) is
not given to Python-Markdown at all: plain_bodies.py makes its HTML and
what MkDocs' processors record beside it directly, checked against the
parser on the first bodies of each process like the skip.

Each steps aside, with a notice the build logs once (fast_paths.py),
when MkDocs' processors changed shape, when an extension brings a pattern
or processor the skip or plain_bodies.py does not know, when a page converted both ways
differs, or when MkDocs or Markdown is not a version they were verified with.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

from ..body_html import counts_conversions
from . import plain_bodies
from .fast_paths import MARKDOWN, PLAIN_BODIES, PLAIN_TEXT_SKIP, Notice, unverified
from .plain_text_skip import NAME as SKIP_NAME, PlainTextSkip

if TYPE_CHECKING:
    from .body_once import Conversion

_VERIFY = 3
"""Record bodies converted both ways (in each process) before the skip, plain_bodies.py or the open
data's sharing (body_once.py) is trusted."""
_LEAKED = "klzzwxh:"
"""Python-Markdown's inline placeholders, left in the output of some malformed texts, numbered
differently once the skip made a ``<strong>``: such a text is converted again without the skip."""


def set_rendered(page, content: str, toc_tokens: list, title: str | None, anchor_ids: set[str],
                 links_to_anchors: Callable[[], dict]) -> None:
    """Set on ``page`` what MkDocs' ``Page.render`` sets, from a conversion made another way.

    The one place this list is written: the shared parser, plain bodies and a
    conversion kept from the open data (body_once.py) all set it here, so a
    change to what ``Page.render`` sets is made once.  ``links_to_anchors``
    is asked for only where ``Page.render`` sets it (its logger above DEBUG).
    """
    page.content = content
    page.toc = get_toc(toc_tokens)
    page._title_from_render = title
    page.present_anchor_ids = anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links_to_anchors()


class PageMarkdown:
    """Renders pages' Markdown as ``Page.render(config, files)`` does, with one parser."""

    def __init__(self, config, files, conversions: Mapping[str, Conversion] | None = None) -> None:
        self._config, self._files = config, files
        self._md = None
        self._broken = False
        self._skip: PlainTextSkip | None = None
        self._verified = 0
        self._lists_and_tables = False  # whether plain_bodies reads tight ordered lists and plain pipe tables
        self._plain_bodies = False  # whether plain_bodies.convert stands in for the parser where it can
        self._plain_verified = 0
        self.made: plain_bodies.Made | None = None  # the last conversion, if plain_bodies made it
        self.linked_locally = False  # the last conversion linked to a path (resolved against the page's file)
        self.toc_tokens: list = []  # the ``toc`` extension's, of the last conversion
        self.conversions = conversions or {}  # bodies converted for the open data (body_once.py), by their text
        self.notices: set[Notice] = set()
        """Why a fast path stepped aside (fast_paths.Notice), for the build to log once."""

    def usable(self) -> bool:
        """Whether the shared parser works with what is installed (else pages use ``Page.render``)."""
        if self._md is None and not self._broken:
            self._setup()
        return not self._broken

    def render(self, page) -> None:
        """Set ``page.content``, ``page.toc`` and what ``Page.render`` sets beside them."""
        if self._md is None and not self._broken:
            self._setup()
        if self._broken:
            page.render(self._config, self._files)
            return
        done = self.conversions.get(page.markdown)
        if done is not None:  # converted by this parser for the open data, nothing logged, no link rewritten
            done.apply(page)
            return
        self._convert(page)
        if self._skip is None or self.made is not None:  # no skip, or a plain body the skip took no part in
            return
        if _LEAKED in page.content:
            self._convert_plain(page)  # see _LEAKED; its warnings were logged by the conversion above
        elif self._verified < _VERIFY:  # converted again without the skip, and compared
            self._verified += 1
            skipped = page.content
            if self._convert_plain(page) != skipped:  # the page now as MkDocs converts it; from now on, all
                self._md.treeprocessors.deregister(SKIP_NAME)
                self._skip = None
                self.notices.add(Notice(PLAIN_TEXT_SKIP, f"页面 {page.file.src_uri} 跳过与不跳过行内处理的结果不同"))

    def _convert_plain(self, page) -> str:
        """``page``'s content converted by Python-Markdown alone, warnings silenced: the page's
        conversion that counts logs them, once."""
        previous = logging.root.manager.disable
        logging.disable(logging.CRITICAL)
        try:
            self._convert_unskipped(page)
        finally:
            logging.disable(previous)
        return page.content

    def _convert(self, page) -> None:
        self.made = None
        if self._plain_bodies:
            made = plain_bodies.convert(page.markdown) if self._lists_and_tables else \
                plain_bodies.convert(page.markdown, lists_and_tables=False)
            if made is not None:
                if self._plain_verified < _VERIFY:  # converted both ways first: see plain_bodies.py
                    self._convert_unskipped(page)  # against Python-Markdown's own conversion
                    if not self._same(made, page):
                        self._plain_bodies = False
                        self.notices.add(Notice(PLAIN_BODIES, f"页面 {page.file.src_uri} 直接转换与 Markdown 转换的结果不同"))
                        return
                    self._plain_verified += 1
                self._apply(made, page)
                self.made = made
                return
        self._convert_md(page)

    def _apply(self, made: plain_bodies.Made, page) -> None:
        """Set on ``page`` what converting it sets, from plain_bodies' conversion."""
        self.linked_locally = False
        self.toc_tokens = made.toc_tokens
        set_rendered(page, made.html, made.toc_tokens, None, set(made.anchor_ids),
                     lambda: {page.file: dict(made.self_links)} if made.self_links else {})

    def _same(self, made: plain_bodies.Made, page) -> bool:
        """Whether Python-Markdown's conversion just set on ``page`` is ``made``, all of it."""
        links = self._relative.links_to_anchors
        return (page.content == made.html and self.toc_tokens == made.toc_tokens
                and page._title_from_render is None and page.present_anchor_ids == made.anchor_ids
                and [(f, list(a.items())) for f, a in links.items()]
                == ([(page.file, list(made.self_links.items()))] if made.self_links else []))

    def _convert_unskipped(self, page) -> None:
        """Convert ``page`` with Python-Markdown alone (no plain-text skip, no plain bodies)."""
        if self._skip is None:
            self._convert_md(page)
            return
        self._skip.enabled = False
        try:
            self._convert_md(page)
        finally:
            self._skip.enabled = True

    def _convert_md(self, page) -> None:
        md = self._md
        self.linked_locally = False
        md.reset()
        self._raw.present_anchor_ids = set()
        self._anchors.present_anchor_ids = set()
        self._relative.file = page.file
        self._relative.links_to_anchors = {}
        self._title.title = None
        content = md.convert(page.markdown)
        self.toc_tokens = getattr(md, "toc_tokens", [])
        set_rendered(page, content, self.toc_tokens, self._title.title,
                     self._anchors.present_anchor_ids | self._raw.present_anchor_ids,
                     lambda: self._relative.links_to_anchors)

    def _setup(self) -> None:
        config, files = self._config, self._files
        reason = unverified(MARKDOWN) or counts_conversions(config["markdown_extensions"], config["mdx_configs"] or {})
        if reason is not None:
            self.notices.add(Notice(MARKDOWN, reason))
            self._broken = True
            return
        try:
            md = markdown.Markdown(extensions=config["markdown_extensions"],
                                   extension_configs=config["mdx_configs"] or {})
            self._raw = mkdocs_pages._RawHTMLPreprocessor()
            self._raw._register(md)
            self._anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(None, files, config)
            self._anchors._register(md)
            self._relative = mkdocs_pages._RelativePathTreeprocessor(None, files, config)
            self._relative._register(md)
            self._title = mkdocs_pages._ExtractTitleTreeprocessor()
            self._title._register(md)
            rewrite = self._relative.path_to_url

            def path_to_url(url: str) -> str:  # notes links resolved against the page's file (body_once.py)
                new = rewrite(url)
                parts = urlsplit(url)
                if new != url or parts.path and not (parts.scheme or parts.netloc):
                    self.linked_locally = True
                return new

            self._relative.path_to_url = path_to_url
            for name in ("present_anchor_ids", "links_to_anchors", "file", "title"):
                if not any(hasattr(p, name) for p in (self._raw, self._anchors, self._relative, self._title)):
                    raise AttributeError(name)
        except (AttributeError, TypeError) as exc:  # MkDocs' private processors changed: render per page
            self.notices.add(Notice(MARKDOWN, f"MkDocs 的内部处理器（mkdocs.structure.pages）已改变：{type(exc).__name__}: {exc}"))
            self._broken = True
            return
        self._md = md
        reason = unverified(PLAIN_TEXT_SKIP) or PlainTextSkip.refusal(md)
        if reason is not None:
            self.notices.add(Notice(PLAIN_TEXT_SKIP, reason))
        else:
            self._skip = PlainTextSkip.register(md)
        reason = unverified(PLAIN_BODIES) or plain_bodies.refusal(md)
        if reason is not None:
            self.notices.add(Notice(PLAIN_BODIES, reason))
        else:
            self._plain_bodies = True
            blocks = md.parser.blockprocessors
            self._lists_and_tables = "table" in blocks and "olist" in blocks
