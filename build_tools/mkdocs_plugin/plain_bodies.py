"""Bodies of plain paragraphs and headings turned into HTML without Python-Markdown's tree.

A law or rule is, in Markdown, almost nothing but headings (``## 第一章 总则``)
and paragraphs, many opening with a bold article number (``**第一条** 为了……``).
Python-Markdown still parses such a body block by block into an element
tree, walks it with every tree processor and serialises it: about 3 s of
a clean build's CPU at 1,000 long laws.  For a body this module can read
completely, :func:`convert` makes the HTML and what MkDocs' processors
record beside it (``toc`` tokens, anchors, links to the page's own
anchors, no title) directly, in a tenth of the time.  It reads a body only
when every block is one of these, and otherwise returns None (the page is
converted by Python-Markdown, as before):

- a heading ``##`` to ``######``, a space, then text without ``*`` (``# ``
  is left to Python-Markdown: MkDocs takes the page's title from it);
- a paragraph whose lines start with no space, ASCII punctuation mark or
  digits and a full stop (every block construct: lists, quotes, code,
  tables, rules, definitions, admonitions) and end with no space (a line
  break); its first line may open with a bold run ``**…**`` that
  Python-Markdown's emphasis reads as bold;
- a 公文's closing or 附件 note as gongwen.typeset writes it: one element of
  HTML on one line, a block of its own (Python-Markdown keeps it as it is);
- where the parser has MkDocs' tables and the core's ordered lists: a tight
  ordered list of one-line items numbered from ``1. `` (not right after
  another list, which Python-Markdown would join to it as a loose one), and
  a pipe table without alignment whose every row starts and ends with ``|``
  and has the header's number of cells (budget tables, lists of 附件); their
  items and cells hold none of the characters below, and an item does not
  open with an article number;

and the body holds none of the characters an inline pattern or block
construct starts with (`` ` \\ [ ] < > & * _ { } | ~ ! `` outside that bold
run and those blocks), no tab or control character and no Unicode space
but the full-width one (Python-Markdown strips it where ``str.strip``
does, and the same calls are made here).  It refuses a parser with any
processor not in :data:`KNOWN` (``abbr``, ``smarty``, ``nl2br``, ``md_in_html``,
``pymdownx`` extensions), or a ``toc`` set otherwise than it writes headings
or with a marker a paragraph could equal.

Equality with Python-Markdown is checked three ways: the tests convert
random bodies of these forms and near misses both ways (hypothesis), and
generated long laws; each process converts its first bodies both ways and
turns this off, with a notice, on any difference; ``catalogue build
--verify`` renders every page the plain way and compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import nest_toc_tokens, strip_tags

from ..body_anchors import LINK_CLASS, PROCESSOR, article_match, heading_id, label_of
from ..body_html import LINK_REL, sanitise
from ..cjk_breaks import NAME as CJK_BREAKS, join_lines
from . import plain_blocks
from .plain_blocks import REFUSED_CHARACTER, REFUSED_LINE
from .plain_text_skip import (INLINE_PATTERNS, LEADING_BOLD, NAME as SKIP_NAME, TREE_PROCESSORS, PlainTextSkip,
                              class_name, reads_bold)

_MD, _PAGES, _FOOTNOTES = "markdown.blockprocessors.", "mkdocs.structure.pages.", "markdown.extensions.footnotes."
KNOWN: dict[str, dict[str, str]] = {
    "preprocessors": {
        "normalize_whitespace": "markdown.preprocessors.NormalizeWhitespace",
        "html_block": "markdown.preprocessors.HtmlBlockPreprocessor",
        "fenced_code_block": "markdown.extensions.fenced_code.FencedBlockPreprocessor",
        "mkdocs_raw_html": _PAGES + "_RawHTMLPreprocessor",
    },
    "blockprocessors": {
        "empty": _MD + "EmptyBlockProcessor", "indent": _MD + "ListIndentProcessor", "code": _MD + "CodeBlockProcessor",
        "hashheader": _MD + "HashHeaderProcessor", "setextheader": _MD + "SetextHeaderProcessor",
        "hr": _MD + "HRProcessor", "olist": _MD + "OListProcessor", "ulist": _MD + "UListProcessor",
        "quote": _MD + "BlockQuoteProcessor", "reference": _MD + "ReferenceProcessor",
        "paragraph": _MD + "ParagraphProcessor",
        "table": "markdown.extensions.tables.TableProcessor", "footnote": _FOOTNOTES + "FootnoteBlockProcessor",
        "admonition": "markdown.extensions.admonition.AdmonitionProcessor",
        "defindent": "markdown.extensions.def_list.DefListIndentProcessor",
        "deflist": "markdown.extensions.def_list.DefListProcessor",
    },
    "treeprocessors": {**{name: cls for name, (cls, _) in TREE_PROCESSORS.items()},
                       SKIP_NAME: f"{PlainTextSkip.__module__}.{PlainTextSkip.__qualname__}"},
    "inlinePatterns": {name: cls for name, (cls, _) in INLINE_PATTERNS.items()},
    "postprocessors": {
        "raw_html": "markdown.postprocessors.RawHtmlPostprocessor", "footnote": _FOOTNOTES + "FootnotePostprocessor",
        "amp_substitute": "markdown.postprocessors.AndSubstitutePostprocessor", CJK_BREAKS: "build_tools.cjk_breaks.JoinedLines",
    },
}
"""The processors a parser may have for :func:`convert` to stand in for it: by kind, each registered
name and the class registered under it (``nl2br`` registers Python-Markdown's own line-break class
under another name, and would make every newline a ``<br />``).  The inline patterns and tree
processors are plain_text_skip.py's tables, which the skip checks too."""
ALSO_KNOWN: dict[str, dict[str, str]] = {"blockprocessors": {
    "olist": "markdown.extensions.sane_lists.SaneOListProcessor", "ulist": "markdown.extensions.sane_lists.SaneUListProcessor"}}
"""``sane_lists``' processors: a tight list numbered from 1 after no other list is the same ``<ol>``."""
REQUIRED: dict[str, frozenset[str]] = {
    "preprocessors": frozenset({"normalize_whitespace", "html_block"}),
    "blockprocessors": frozenset({"empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist",
                                  "quote", "reference", "paragraph"}),
    "treeprocessors": frozenset({"inline", "prettify", "unescape"}),
    "postprocessors": frozenset({"raw_html", "amp_substitute", CJK_BREAKS}),
}
"""The processors of Python-Markdown's core a parser must have for :func:`convert` to stand in for it:
what it writes is what they make (an extension that removed one would change the output)."""

_REFUSED_HASH = re.compile(r"#(?<=[^#\n]#)")
"""A ``#`` after a heading's leading run (Python-Markdown strips trailing ``#``) or inside a line."""
_CHARACTER = r"[^<>&\x00-\x1f\x7f]|&(?:amp|lt|gt|quot|#x27|#39);"
"""A character of an HTML block's text or attribute: no tab or control character (Python-Markdown
expands or drops them) and ``&`` only as the references html.escape writes."""
_RAW_BLOCK = re.compile(
    rf'<div class="cat-gw-[a-z]+">(?:</?(?:div|p|ul|li|a)(?: (?:class|href)="(?:(?!"){_CHARACTER})*")?>'
    rf"|{_CHARACTER})*</div>")
"""A block of HTML on one line as gongwen.typeset writes it (a 公文's closing or 附件 note), when it is
a block of its own: Python-Markdown keeps it as it is and follows it with a blank line."""
_TAG = re.compile(r"<(/?)([a-z]+)")
_ARTICLE_LINK = re.compile(rf'(<a class="{LINK_CLASS}" href="#[^"<>]*")>')
_WITH_REL = rf'\1 rel="{LINK_REL}">'


@dataclass(frozen=True, slots=True)
class Made:
    """What a conversion gives: the page's HTML and what MkDocs' processors record beside it."""

    html: str
    toc_tokens: list
    anchor_ids: set[str]
    self_links: dict[str, str]
    """The page's links to its own anchors, ``{anchor: link as written}`` in document order."""
    raw: frozenset[str] = frozenset()
    """The HTML blocks in :attr:`html` (gongwen.py's), as written."""


def refusal(md) -> str | None:
    """Why :func:`convert` cannot stand in for the parser ``md`` (in Chinese), or None if it can."""
    try:
        registries = {
            "preprocessors": md.preprocessors, "blockprocessors": md.parser.blockprocessors,
            "treeprocessors": md.treeprocessors, "inlinePatterns": md.inlinePatterns,
            "postprocessors": md.postprocessors,
        }
        for kind, registry in registries.items():
            for name, item in registry._data.items():
                cls = class_name(item)
                if KNOWN[kind].get(name) != cls and ALSO_KNOWN.get(kind, {}).get(name) != cls:
                    return f"Markdown 扩展注册了未知的处理器“{name}”（{cls}）"
            missing = REQUIRED.get(kind, frozenset()) - registry._data.keys()
            if missing:
                return f"Markdown 缺少处理器“{'、'.join(sorted(missing))}”"
        if "toc" not in md.treeprocessors or PROCESSOR not in md.treeprocessors:
            return "Markdown 未启用 toc 或本项目的正文锚点扩展"
        toc = md.treeprocessors["toc"]
        if (toc.use_anchors or toc.use_permalinks not in (False, None) or toc.base_level != 0
                or (toc.toc_top, toc.toc_bottom) != (1, 6)):
            return "toc 扩展的设置（permalink、anchorlink、baselevel 或 toc_depth）与默认不同"
        if toc.marker and not REFUSED_CHARACTER.search(toc.marker):  # "[TOC]" is never a plain paragraph
            return f"toc 扩展的 marker “{toc.marker}” 可能是一个普通段落"
        if md.stripTopLevelTags is not True:
            return "Markdown 的 stripTopLevelTags 设置已改变"
        if not reads_bold(md):  # ``**第一条**`` is written as <strong> here
            return "Markdown 不以其自身的 em_strong 行内规则读 ** 粗体"
    except (AttributeError, KeyError, TypeError) as exc:  # Markdown's or MkDocs' internals changed shape
        return f"Markdown 的内部结构已改变：{type(exc).__name__}: {exc}"
    return None


def convert(text: str, lists_and_tables: bool = True) -> Made | None:
    """``text`` as Python-Markdown with the known extensions and MkDocs' processors would make it,
    or None where this module does not read it (see the module docstring)."""
    text = text.strip("\n")
    special: dict[int, str] = {}  # a chunk's place → the HTML of the list or table it is
    if lists_and_tables and ("|" in text or "1." in text):
        read = plain_blocks.lists_and_tables(text)
        if read is None:
            return None
        text, special = read
    raw: set[str] = set()
    scanned = [text]
    if "<" in text:  # a 公文's closing or 附件 note (gongwen.py), else left to Python-Markdown
        scanned, at = [], 0
        for m in _RAW_BLOCK.finditer(text):
            if text.startswith("\n\n", m.end()) or m.end() == len(text):
                if m.start() == 0 or text.startswith("\n\n", m.start() - 2):
                    if not _balanced(m.group(0)):
                        return None
                    raw.add(m.group(0))
                    scanned.append(text[at:m.start()])
                    at = m.end()
        scanned.append(text[at:])
    for part in scanned:
        if REFUSED_CHARACTER.search(part) or REFUSED_LINE.search(f"\n{part}\n") or _REFUSED_HASH.search(part):
            return None
    if not text.strip():
        return None
    blocks: list[str] = []
    tokens: list[dict] = []
    used: set[str] = set()
    open_labels: list = []
    links: dict[str, str] = {}
    for n, chunk in enumerate(text.split("\n\n")):  # as Python-Markdown splits: a third newline starts the next block,
        if n in special:
            blocks.append(special[n])
            continue
        if chunk.startswith("\n"):  # which its EmptyBlockProcessor drops
            chunk = chunk[1:]
        if chunk in raw:
            blocks.append(chunk + "\n")
            continue
        if "#" in chunk:
            parts = _split_headings(chunk)
        else:
            parts = (chunk,)
        for part in parts:
            if not part:
                continue
            if part[0] == "#":
                level = part.index(" ")
                name = part[level:].strip()
                if not name or "*" in name:  # emphasis in a heading: left to Python-Markdown
                    return None
                anchor = heading_id(name, open_labels, used)
                shown = anchor.replace('"', "&quot;")  # as Python-Markdown writes an attribute (## " : a review)
                blocks.append(f'<h{level} id="{shown}">{name}</h{level}>')
                tokens.append({"level": level, "id": anchor, "name": strip_tags(name), "html": name,
                               "data-toc-label": ""})
                continue
            made = _paragraph(part.lstrip(), used, links)
            if made is None:
                return None
            blocks.append(made)
    return Made(join_lines("\n".join(blocks).strip()), nest_toc_tokens(tokens), used, links, frozenset(raw))


def sanitised(made: Made) -> str:
    """``made.html`` as body_html.sanitise makes it, without parsing it all again: sanitising keeps
    every tag and attribute this module writes, and text without ``< > &`` or a no-break space, as they
    are, and adds the ``rel`` of a link to each article's link; the HTML blocks are sanitised each
    (the tests compare the two on random bodies)."""
    html, out, at = made.html, [], 0
    next_at = {block: html.find(block) for block in made.raw if block}  # where each block is next (-1: none)
    while any(i >= 0 for i in next_at.values()):  # the first, as a regular expression of them in order finds it
        start, block = min((i, b) for b, i in next_at.items() if i >= 0)
        out += [_ARTICLE_LINK.sub(_WITH_REL, html[at:start]), sanitise(block)]
        at = start + len(block)
        next_at = {b: i if i < 0 or i >= at else html.find(b, at) for b, i in next_at.items()}
    out.append(_ARTICLE_LINK.sub(_WITH_REL, html[at:]))
    return "".join(out)


def _balanced(block: str) -> bool:
    """Whether every tag of ``block`` is closed, in order, and the first is closed last: one element,
    which Python-Markdown stashes whole (two on one line it takes apart)."""
    open_tags: list[str] = []
    tags = list(_TAG.finditer(block))
    for i, m in enumerate(tags):
        if not m.group(1):
            open_tags.append(m.group(2))
        elif not open_tags or open_tags.pop() != m.group(2) or (not open_tags and i != len(tags) - 1):
            return False
    return not open_tags


def _split_headings(chunk: str) -> list[str]:
    """A block's lines, each heading line apart (Python-Markdown splits a block at a heading line)."""
    parts: list[str] = []
    lines: list[str] = []
    for line in chunk.split("\n"):
        if line.startswith("#"):
            parts.append("\n".join(lines))
            parts.append(line)
            lines = []
        else:
            lines.append(line)
    parts.append("\n".join(lines))
    return parts


def _paragraph(text: str, used: set[str], links: dict[str, str]) -> str | None:
    """The ``<p>`` of a paragraph's text (after ``lstrip``, as Python-Markdown's), or None."""
    if not text:
        return None
    if "*" not in text:
        a = article_match(text, used)
        return f"<p>{text}</p>" if a is None else _article(a, "", text[a.end():], used, links)
    m = LEADING_BOLD.match(text)
    if m is None or "*" in text[m.end():]:
        return None
    bold, rest = m.group(1), text[m.end():]
    a = article_match(bold, used)
    if a is None:
        return f"<p><strong>{bold}</strong>{rest}</p>"
    return _article(a, "<strong>", f"{bold[a.end():]}</strong>{rest}", used, links)


def _article(a: re.Match, opened: str, after: str, used: set[str], links: dict[str, str]) -> str:
    """An article's paragraph, as body_anchors makes it: its id, its number a link to itself."""
    label = label_of(a.group(2))
    used.add(label)
    links.setdefault(label, f"#{label}")
    return f'<p id="{label}">{opened}{a.group(1)}<a class="{LINK_CLASS}" href="#{label}">{a.group(2)}</a>{after}</p>'
