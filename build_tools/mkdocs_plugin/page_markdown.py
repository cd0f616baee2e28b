"""``Page.render`` with one Markdown parser per process instead of one per page.

MkDocs builds a new ``markdown.Markdown`` for every page: loading the
configured extensions and registering its own four processors costs about
0.2 ms, a fifth of converting a typical record body.  Python-Markdown is
made to be reused (``Markdown.reset()``), so this keeps one parser with
MkDocs' processors registered once, and points them at each page in turn.

MkDocs' processors are private classes; if they change shape in a later
1.x release, construction fails and pages are rendered by ``Page.render``
as before (the bytes are the same either way; tests compare the two).
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc


class PageMarkdown:
    """Renders pages' Markdown as ``Page.render(config, files)`` does, with one parser."""

    def __init__(self, config, files) -> None:
        self._config, self._files = config, files
        self._md = None
        self._broken = False

    def render(self, page) -> None:
        """Set ``page.content``, ``page.toc`` and what ``Page.render`` sets beside them."""
        if self._md is None and not self._broken:
            self._setup()
        if self._broken:
            page.render(self._config, self._files)
            return
        md = self._md
        md.reset()
        self._raw.present_anchor_ids = set()
        self._anchors.present_anchor_ids = set()
        self._relative.file = page.file
        self._relative.links_to_anchors = {}
        self._title.title = None
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = self._title.title
        page.present_anchor_ids = self._anchors.present_anchor_ids | self._raw.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = self._relative.links_to_anchors

    def _setup(self) -> None:
        config, files = self._config, self._files
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
            for name in ("present_anchor_ids", "links_to_anchors", "file", "title"):
                if not any(hasattr(p, name) for p in (self._raw, self._anchors, self._relative, self._title)):
                    raise AttributeError(name)
        except (AttributeError, TypeError):  # MkDocs' private processors changed: render per page
            self._broken = True
            return
        self._md = md
