"""Anchors in record bodies: headings and articles get addresses made from their text.

Python-Markdown's ``toc`` extension gives every heading an id made from its
text, but its default slugify keeps ASCII only, so a Chinese heading gets a
position (``#_1``, ``#_40``) that changes whenever a heading is inserted
before it.  This extension (registered by the plugin for every page, see
:data:`EXTENSION`) sets the ids first, from the text; ``toc`` keeps ids
already set, so the table of contents, Material's sidebar and these ids
agree.  The scheme, documented for editors in docs/editors/index.md:

- **Numbered headings** (第一编, 第一分编, 第一部分, 第一章, 第一节): the
  number alone, after the numbers of the headings it belongs to, without
  any title: ``## 第一章 总则`` → ``#第一章``; ``### 第二节 …`` in the third
  章 → ``#第三章第二节``; a 章 in the second 编 → ``#第二编第一章``.  Ranks,
  not Markdown levels, decide what belongs to what (编/部分 > 分编 > 章 > 节):
  a new 章 ends the 节 before it, whatever ``#`` the editor wrote.  A renamed
  title keeps its address; sections are numbered afresh in each chapter, so
  the chapter is part of a section's address.
- **Other headings**: their text, as ``toc.slugify_unicode`` makes it
  (``## 附件`` → ``#附件``; ``## 一、总体要求`` → ``#一总体要求``); a heading
  of punctuation or symbols only, which that leaves empty, keeps its
  characters (``## ※`` → ``#※``).
- **Articles**: a paragraph or list item that starts with 第X条 (Chinese or
  Arabic numerals, 之一 allowed, plain or bold, followed by a space, a
  full-width space or the end of the bold) gets ``id="第X条"``, and its
  number becomes a link to itself (``<a class="cat-article" href="#第X条">``),
  so a reader can copy the article's address.  Articles are numbered once
  through a whole document, so their ids are not qualified.  Only the start
  of a paragraph counts, and not inside a block quote or a footnote (an
  amendment quoting an article's new text).
- **Collisions**, decided in document order: a numbered heading whose
  address is taken gets its text (``#第一章-总则``), then a suffix
  (``_1``, ``_2`` as ``toc`` does); an article whose number is taken (the
  same 第X条 starting a second paragraph) gets no id and no link, the first
  keeps it.  Ids set explicitly (``{#id}``, footnotes, ``id=`` in the body's
  HTML) are never reused.

Ids depend on the text of the heading or article and of the headings it
belongs to, never on position, so rebuilding gives the same ids and a
heading inserted before others leaves theirs unchanged.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, slugify_unicode, strip_tags, unique
from markdown.treeprocessors import Treeprocessor

from .cjk_breaks import NAME as CJK_BREAKS, JoinedLines

EXTENSION = "build_tools.body_anchors"
"""The extension's name as MkDocs' ``markdown_extensions`` lists it (the plugin adds it in ``on_config``)."""

PROCESSOR = "catalogue_anchors"
"""The tree processor's registered name (the pages' fast paths know it: plain_text_skip.py, plain_bodies.py)."""

LINK_CLASS = "cat-article"
"""The class of an article number's link to itself."""

_HIDDEN = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Invisible characters text pasted from a web page or Word carries (a zero-width space before 第二条)."""
_APART = f"[ \u3000{_HIDDEN}]*"
"""Between the characters of a number: text copied from a PDF spaces them (第 一 章)."""
_NUMBER = f"(?:[0-9０-９一二三四五六七八九十百千零〇两]{_APART})+"
_ARTICLE_NUMBER = f"第{_APART}{_NUMBER}条(?:{_APART}之{_APART}{_NUMBER})?"
"""第X条 or 第X条之Y, Chinese, Arabic or full-width numerals, spaced or not (第 3 条 from a PDF)."""
_HEADING = re.compile(f"[\\s{_HIDDEN}]*(第{_APART}{_NUMBER}(分编|编|部分|章|节|条(?:{_APART}之{_APART}{_NUMBER})?))")
_ARTICLE = re.compile(f"([\\s{_HIDDEN}]*)({_ARTICLE_NUMBER})(?=\\s|$)")
_LABEL = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, **{c: None for c in " \u3000" + _HIDDEN}})
_BLANK = re.compile(f"[\\s{_HIDDEN}]*")
"""Text that shows nothing: white space and the invisible characters before a bold article number."""

_RANK = {"编": 0, "部分": 0, "分编": 1, "章": 2, "节": 3}
"""What a numbered heading belongs to: every heading of a lower rank seen before it."""
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_RAW_ID = re.compile(r"""<[A-Za-z][^<>]*?\sid\s*=\s*(["']?)([^"'\s>]+)\1""", re.IGNORECASE)
"""An ``id`` attribute in a tag of raw HTML, in any case (FrontPage's and Word's ``<P ID="…">``)."""
_BOLD = {"strong", "b"}


def label_of(written: str) -> str:
    """The id of a number as written: its spaces and invisible characters out, full-width digits as
    ASCII (第 一 章 → 第一章, 第３条 → 第3条), so that the address is the one a reader types."""
    return written.translate(_LABEL)


class BodyAnchors(Treeprocessor):
    """Sets heading and article ids (see the module docstring); runs after ``attr_list``, before ``toc``."""

    def run(self, root: etree.Element) -> None:
        """Set the ids (Python-Markdown calls this once per document)."""
        used = {el.attrib["id"] for el in root.iter() if "id" in el.attrib}
        for block in self.md.htmlStash.rawHtmlBlocks:  # ids written in the body's HTML (a page migrated
            if "id" in str(block).lower():  # from an old site: <a id="第二条"></a>), still stashed: a review
                used.update(html.unescape(m.group(2)) for m in _RAW_ID.finditer(str(block)))
        open_labels: list[tuple[int, str]] = []  # (rank, label) of the numbered headings in force
        for el in _blocks(root):
            if el.tag in _HEADINGS:
                if "id" not in el.attrib:
                    el.attrib["id"] = self._heading_id(el, open_labels, used)
                else:
                    self._heading_id(el, open_labels, set())  # an explicit id still opens its scope
            elif "id" not in el.attrib:
                _article(el, used)

    def _heading_id(self, el, open_labels: list, used: set) -> str:
        name = el.text or ""
        if len(el) or "\x02" in name:  # markup, footnotes or stashed text: the name ``toc`` gives it
            name = html.unescape(strip_tags(render_inner_html(remove_fnrefs(el), self.md)))
        return heading_id(name, open_labels, used)


def heading_id(name: str, open_labels: list, used: set) -> str:
    """The id of a heading whose text is ``name``, given the numbered headings in force
    (``open_labels``, updated) and the ids ``used`` so far (the id is added)."""
    # A heading of punctuation or symbols only (## ※, ## ？, ## ★★★) has no slug: its own characters,
    # not a place (_1), which would move when a heading is inserted before it (found by a review).
    text = slugify_unicode(name, "-") or "-".join(name.split())
    m = _HEADING.match(name)
    if m is None:
        return unique(text, used)
    label, kind = label_of(m.group(1)), label_of(m.group(2))
    if kind.startswith("条"):  # an article as a heading: numbered through the document
        wanted = label
    else:
        rank = _RANK[kind]
        while open_labels and open_labels[-1][0] >= rank:
            open_labels.pop()
        wanted = "".join(lbl for _, lbl in open_labels) + label
        open_labels.append((rank, label))
    if wanted not in used:
        used.add(wanted)
        return wanted
    return unique(text, used)


def _blocks(root: etree.Element):
    """Headings, paragraphs and list items in document order; not inside quotes or footnotes."""
    for el in root:
        tag = el.tag
        if tag == "blockquote" or (tag == "div" and "footnote" in el.attrib.get("class", "").split()):
            continue
        if tag in _HEADINGS or tag == "p" or tag == "li":
            yield el
        if tag != "p" and tag not in _HEADINGS:
            yield from _blocks(el)


def _article(el: etree.Element, used: set) -> None:
    """Give ``el`` its article's id and link if it starts with 第X条 not used before."""
    holder = el
    if _BLANK.fullmatch(el.text or "") and len(el) and el[0].tag in _BOLD:
        holder = el[0]  # **第一条** 为了…, and after a zero-width space pasted from a web page (a review)
    text = holder.text or ""
    m = article_match(text, used)
    if m is None:
        return
    label = label_of(m.group(2))
    holder.text = m.group(1)
    link = _link(label, m.group(2))
    link.tail = text[m.end():]
    holder.insert(0, link)
    used.add(label)
    el.attrib["id"] = label


_SPACE_IN_BOLD = re.compile(
    f"(?m)^( {{0,3}}[\\u3000{_HIDDEN}]*)(\\*\\*|__)({_ARTICLE_NUMBER})([ \\u3000{_HIDDEN}]+)\\2(?![*_])")
"""A line opening with a bold article number whose bold holds the space after it (``**第二条　**``)."""
_BOLD_REPAIRS = (
    # the bold ending before the number's 之一 (**第二条**之一　…): the page gave it 第二条's address (a review)
    (re.compile(f"(?m)^( {{0,3}}[\\u3000{_HIDDEN}]*)(\\*\\*|__)(第{_APART}{_NUMBER}条)\\2({_APART}之{_APART}{_NUMBER})"),
     r"\1\2\3\4\2"),
    (_SPACE_IN_BOLD, r"\1\2\3\2\4"),  # after the one before, which takes the space after 之一 into the bold
    # underscores with text right after them (__第二条__本条…): Markdown makes no bold inside a word, and the page showed
    # the underscores (a review); asterisks make it
    (re.compile(f"(?m)^( {{0,3}}[\\u3000{_HIDDEN}]*)__({_ARTICLE_NUMBER})__(?=[^\\s_*])"), r"\1**\2**"),
)
"""Word's bold runs around an article number, as the guide writes them (``**第二条**　…``)."""


def bold_numbers(text: str) -> str:
    """``text`` with the space a bold article number holds at its end set after the bold (``**第二条　**本条…`` →
    ``**第二条**　本条…``), outside code.  Word's bold run takes the number's full-width space with it, and so does an
    editor bolding the selection; Markdown closes no bold after a space, and the page showed the asterisks and gave
    the article no address (a review).  The guide's form, bold then the space, is what was meant: the site reads it
    so before converting (body_html.page_markdown), and ``catalogue check`` with it."""
    if "**第" not in text and "__第" not in text:
        return text
    code = ()  # an indented block's lines start with four spaces, which no repair matches
    if "`" in text or "~~~" in text:
        from .shown_text import code_spans  # a fence's lines are shown as written
        code = code_spans(text)  # each repair keeps the text's length, so the spans stay where they are
    for pattern, written in _BOLD_REPAIRS:
        text = pattern.sub(lambda m: m.group() if any(a <= m.start() < b for a, b in code) else m.expand(written),
                           text)
    return text


_BOLD_START = re.compile(f" {{0,3}}[\\u3000{_HIDDEN}]*(\\*\\*|__)({_ARTICLE_NUMBER})")


def unclosed_bold(line: str, below: str = "") -> tuple[str, str] | None:
    """(the mark, the article's id) of a line opening with a bold article number that neither the line nor the
    lines ``below`` it in its paragraph close (``**第一条 为了…``, ``__第一条``), or None.  Markdown shows the
    mark as written and the article gets no address: ``catalogue check`` says so (body_checks)."""
    m = _BOLD_START.match(line)
    if m is None or m.group(1) in line[m.end():] or m.group(1) in below:
        return None
    return m.group(1), label_of(m.group(2))


def article_match(text: str, used: set) -> re.Match | None:
    """The match of an article number 第X条 starting ``text`` (group 1 the blanks before it, group 2
    the number) if that number is not among the ids ``used``, else None."""
    m = _ARTICLE.match(text)
    return None if m is None or label_of(m.group(2)) in used else m


def _link(label: str, written: str) -> etree.Element:
    link = etree.Element("a", {"class": LINK_CLASS, "href": f"#{label}"})
    link.text = written
    return link


class BodyAnchorsExtension(Extension):
    """Registers :class:`BodyAnchors` between ``attr_list`` (8) and ``toc`` (5), and the postprocessor that takes
    out line breaks between Chinese characters (:mod:`~build_tools.cjk_breaks`) after every other."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        """Add the tree processor and the postprocessor to ``md``."""
        md.treeprocessors.register(BodyAnchors(md), PROCESSOR, 6)
        md.postprocessors.register(JoinedLines(md), CJK_BREAKS, 1)


def makeExtension(**kwargs) -> BodyAnchorsExtension:  # noqa: N802 (Python-Markdown's name)
    """What Python-Markdown calls to load the extension by its name."""
    return BodyAnchorsExtension(**kwargs)


_ID = re.compile(r'\sid="([^"]*)"')
_UNSURE = re.compile(r"(?m)^(?: {0,3}(?:<|!!!|\?\?\?|===|:::|`{3,}|~{3,}|:[ \t])|[ \t]+#)|\{[:#.]|markdown=")
"""What makes a body's ids depend on the site's other extensions or on Python-Markdown's finer rules:
raw HTML and comments, admonitions and their kin, tabs, code fences, definition lists, headings inside
list items, attribute lists, ``markdown="1"``."""
_ATX = re.compile(r"(#{1,6})((?:\\.|[^\\])*?)#*[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_MARKUP = re.compile(r"[*_`\[<\\&]")
_ITEM = re.compile(r"( *)(?:[-*+]|\d+\.)[ \t]+")
_ARTICLE_START = re.compile(
    f"[ \\t\\u3000{_HIDDEN}]*(?:({_ARTICLE_NUMBER})(?=\\s|$)"
    f"|\\*\\*({_ARTICLE_NUMBER})(?:\\*\\*(?!\\*)|(?=\\s[^*\\n]*[^\\s*]\\*\\*(?!\\*)))"
    f"|__({_ARTICLE_NUMBER})__(?=\\s|$))")
"""An article's number starting a line, plain and followed by a space, or bold and the bold closed as Markdown closes it
(``**第二条**``, ``**第二条　全文。**``, ``__第二条__　``).  Not Word's bold run with its space inside (``**第二条　**``)
nor a bold left open (``**第一条 为了…``): Markdown shows their asterisks, the article has no id (a review found
links to them passed); the parser is asked (:func:`anchor_ids`)."""


def sure_of(text: str) -> bool:
    """Whether :func:`anchor_ids` gives ``text``'s ids as the site does, whatever its extensions.

    Not where the body holds raw HTML or a comment, an admonition, tabs, a
    code fence, a definition list, a heading inside a list item or an
    attribute list (``{#id}``): what those give depends on the site's own
    extensions and options.  A check says nothing about such a body.
    """
    return _UNSURE.search(text) is None


def likely_ids(text: str) -> frozenset[str]:
    """A cheap look before :func:`anchor_ids` (one pass over the lines, no parser): ids ``text``
    very likely gives, each of them among those :func:`anchor_ids` finds where :func:`sure_of` it.

    Articles whose number starts a paragraph (after a blank line, not
    indented as code) or an item of a list that began after a blank line,
    bold or not; the ``#`` headings, numbered in order as :func:`heading_id`
    numbers them, up to the first heading with markup or underlined (whose
    address only the parser knows).  An address not found here is looked
    up in :func:`anchor_ids`.
    """
    found: set[str] = set()
    open_labels: list = []
    used: set = set()
    headings = True  # the headings so far were read as the parser reads them
    blank, listing = True, False  # after a blank line; inside a list begun after one
    for line in text.split("\n"):
        if not line.strip():
            blank = True
            continue
        item = _ITEM.match(line)
        if item is not None and (blank or listing) and (len(item.group(1)) < 4 or listing):
            listing = True
            m = _ARTICLE_START.match(line, item.end())
        else:
            if blank:
                listing = listing and line.startswith(("    ", "\t"))  # a list item's next paragraph
            m = _ARTICLE_START.match(line) if blank and not line.startswith(("    ", "\t")) else None
        if m is not None:
            found.add(label_of(m.group(1) or m.group(2) or m.group(3)))
        if (h := _ATX.match(line)) is not None:
            if _MARKUP.search(h.group(2)):
                headings = False
            elif headings:
                found.add(heading_id(h.group(2).strip(), open_labels, used))
        elif not blank and _SETEXT.match(line):
            headings = False
        blank = False
    return frozenset(found)


def anchor_ids(text: str) -> frozenset[str] | None:
    """The ids a record body's headings and articles get on its page, as this extension gives them.

    For ``catalogue check``: a body link to ``#第三条`` finds its article here.
    Of the site's extensions only those MkDocs always adds are run (tables,
    fenced code): for a body :func:`sure_of` holds, the others give no id.
    None for a body the parser cannot take (lists nested hundreds deep overflowed Python-Markdown's
    recursion until 3.11.3; 3.11.4 takes them).
    """
    md = _anchor_parser()
    md.reset()
    try:
        converted = md.convert(text)
    except RecursionError:  # no ids known (the build's parser, the same, cannot take it either)
        return None
    return frozenset(html.unescape(found) for found in _ID.findall(converted))


@functools.cache
def _anchor_parser() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "fenced_code", BodyAnchorsExtension()])  # MkDocs' own, and this
