"""Plain text spared Python-Markdown's inline step.

Python-Markdown's costliest step on Chinese prose is the inline step: the
inline processor tries every inline pattern (links, emphasis, code …) on
every run of text, about 400 regular-expression calls for a typical
record, although most runs hold none of the characters those patterns
start with.  :class:`PlainTextSkip` marks such runs as ``AtomicString``
(Python-Markdown's own "do not process" marker) just before the inline
step, which leaves them exactly as processing would have.  It acts only
when every registered inline pattern is one it knows the trigger
characters of (the standard set and footnotes, each under its own name and
class: :data:`INLINE_PATTERNS`), and every tree processor after it is one
known to treat an AtomicString like any string (:data:`TREE_PROCESSORS`); an
extension adding another (``abbr``, ``smarty``, many ``pymdownx``
extensions) turns it off.  The first pages of each process are converted
both ways and compared as well.

Laws and rules start every article paragraph with its number in bold,
``**第一条** 为了……``, so the plain-text rule alone would leave most of a
long law to the inline step.  Where an element's whole text is such a
leading bold run (its ends letters or digits, so that every emphasis rule
reads it as bold) followed by text no pattern can match, the skip makes
the ``<strong>`` element the inline step would have made, with the rest as
its tail (a third less Markdown time on long laws; the tests convert
random texts both ways).

The skip steps aside, with a notice the build logs once (fast_paths.py),
when an extension brings a pattern or tree processor it does not know,
when a page converted both ways differs (page_markdown.py), or when
Markdown is not a version it was verified with.
"""

from __future__ import annotations

import re

import xml.etree.ElementTree as etree

import markdown
import markdown.inlinepatterns
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..body_anchors import PROCESSOR, BodyAnchors

NAME = "catalogue_plain_text"
"""The skip's registered name among Python-Markdown's tree processors."""
_IP, _TREE = "markdown.inlinepatterns.", "markdown.treeprocessors."
_PAGES, _FOOTNOTES = "mkdocs.structure.pages.", "markdown.extensions.footnotes."
INLINE_PATTERNS: dict[str, tuple[str, str]] = {
    # Python-Markdown's inline patterns by registered name: the class registered under it, and what
    # a text must contain for the pattern to match anywhere in it (em_strong: the delimiter
    # characters it was registered with, read from the parser).
    "backtick": (_IP + "BacktickInlineProcessor", r"`"), "escape": (_IP + "EscapeInlineProcessor", r"\\"),
    "footnote": (_FOOTNOTES + "FootnoteInlineProcessor", r"\["),
    "reference": (_IP + "ReferenceInlineProcessor", r"\["), "link": (_IP + "LinkInlineProcessor", r"\["),
    "image_link": (_IP + "ImageInlineProcessor", r"\["),
    "image_reference": (_IP + "ImageReferenceInlineProcessor", r"\["),
    "short_reference": (_IP + "ShortReferenceInlineProcessor", r"\["),
    "short_image_ref": (_IP + "ShortImageReferenceInlineProcessor", r"\["),
    "autolink": (_IP + "AutolinkInlineProcessor", r"<"), "automail": (_IP + "AutomailInlineProcessor", r"<"),
    "html": (_IP + "HtmlInlineProcessor", r"<"), "entity": (_IP + "HtmlInlineProcessor", r"&"),
    "linebreak": (_IP + "SubstituteTagInlineProcessor", r"  \n"),
    "em_strong": (_IP + "DelimiterProcessor", ""),
}
"""The inline patterns the skip knows (and plain_bodies.py, which stands in for the whole inline step)."""
TREE_PROCESSORS: dict[str, tuple[str, bool]] = {
    # Tree processors by registered name: the class registered under it, and whether it may run after
    # the skip (it treats an AtomicString like any string; ``abbr`` would not).
    "inline": (_TREE + "InlineProcessor", True), "prettify": (_TREE + "PrettifyTreeprocessor", True),
    "unescape": (_TREE + "UnescapeTreeprocessor", True), "toc": ("markdown.extensions.toc.TocTreeprocessor", True),
    "footnote": (_FOOTNOTES + "FootnoteTreeprocessor", False),
    "footnote-duplicate": (_FOOTNOTES + "FootnotePostTreeprocessor", True),
    "footnote-reorder": (_FOOTNOTES + "FootnoteReorderTreeprocessor", True),
    "attr_list": ("markdown.extensions.attr_list.AttrListTreeprocessor", True),
    "mkdocs_extract_anchors": (_PAGES + "_ExtractAnchorsTreeprocessor", True),
    "relpath": (_PAGES + "_RelativePathTreeprocessor", True),
    "mkdocs_extract_title": (_PAGES + "_ExtractTitleTreeprocessor", True),
    # The plugin's own (body_anchors.py): it reads text to set ids and splits the text before an
    # article's number, after the inline step; an AtomicString there is a string like any other.
    PROCESSOR: (f"{BodyAnchors.__module__}.{BodyAnchors.__qualname__}", True),
}
"""The tree processors the skip and plain_bodies.py know (the skip's own is not among them)."""


def class_name(item) -> str:
    """The dotted name of ``item``'s class, as the tables above give it."""
    return f"{type(item).__module__}.{type(item).__qualname__}"


class PlainTextSkip(Treeprocessor):
    """Marks runs of text no inline pattern can match as ``AtomicString``, just before the inline step."""

    def __init__(self, md, triggers: re.Pattern, bold: bool = False) -> None:
        super().__init__(md)
        self.triggers = triggers
        self.bold = bold
        """Whether ``**…**`` is read as bold by every pattern that sees it (only Python-Markdown's ``em_strong``)."""
        self.enabled = True

    @classmethod
    def register(cls, md) -> PlainTextSkip | None:
        """Add the skip to ``md`` if all its inline patterns are known; returns it, or None."""
        if cls.refusal(md) is not None:
            return None
        triggers = set()
        for name in [item.name for item in md.inlinePatterns._priority]:
            if name == "em_strong":
                triggers.update(re.escape(token) for token in md.delimiters.delimiters)
            else:
                triggers.add(INLINE_PATTERNS[name][1])
        # STX marks text Python-Markdown stashed (raw HTML): always leave it to the inline step.
        pattern = re.compile("|".join(sorted(triggers | {"\x02"})))
        skip = cls(md, pattern, bold=reads_bold(md))
        md.treeprocessors.register(skip, NAME, _priority(md))
        return skip

    @staticmethod
    def refusal(md) -> str | None:
        """Why the skip cannot be added to ``md`` (in Chinese), or None if it can."""
        try:
            for item in md.inlinePatterns._priority:
                name = item.name
                if INLINE_PATTERNS.get(name, ("",))[0] != class_name(md.inlinePatterns[name]):
                    return f"Markdown 扩展注册了未知的行内规则“{name}”"
                if name == "em_strong" and not getattr(getattr(md, "delimiters", None), "delimiters", None):
                    return "Markdown 的 em_strong 行内规则没有可识别的分隔符"
            priority = _priority(md)
            for item in md.treeprocessors._priority:
                if item.priority < priority and TREE_PROCESSORS.get(item.name) != (
                        class_name(md.treeprocessors[item.name]), True):
                    return f"Markdown 扩展在行内处理之后注册了未知的树处理器“{item.name}”"
        except (AttributeError, KeyError, IndexError, ValueError) as exc:  # Markdown's registry changed shape
            return f"Markdown 的内部注册表已改变：{type(exc).__name__}: {exc}"
        return None

    def run(self, root) -> None:
        """Mark text no inline pattern can match (Python-Markdown calls this)."""
        if not self.enabled:
            return
        search = self.triggers.search
        bold: list[tuple[etree.Element, re.Match]] = []
        for element in root.iter():
            text = element.text
            if text and not isinstance(text, AtomicString):
                if not search(text):
                    element.text = AtomicString(text)
                elif self.bold and text.startswith("**") and not len(element):
                    m = LEADING_BOLD.match(text)
                    if m is not None and not search(m.group(1)) and not search(text, m.end()):
                        bold.append((element, m))
            tail = element.tail
            if tail and not isinstance(tail, AtomicString) and not search(tail):
                element.tail = AtomicString(tail)
        for element, m in bold:  # after the walk: the tree is not changed while it is walked
            strong = etree.SubElement(element, "strong")
            strong.text = AtomicString(m.group(1))
            strong.tail = AtomicString(m.string[m.end():])
            element.text = ""


LEADING_BOLD = re.compile(r"\*\*([^\W_](?:[^*\n]*[^\W_])?)\*\*")
"""``**第一条**`` at the start of a text: a bold run whose first and last characters are letters or digits."""


def reads_bold(md) -> bool:
    """Whether the only pattern that reads ``*`` is Python-Markdown's own emphasis (its delimiter processor)."""
    try:
        em = md.inlinePatterns["em_strong"]
    except (KeyError, TypeError):
        return False
    processor = getattr(markdown.inlinepatterns, "DelimiterProcessor", None)  # Markdown 3.11's emphasis
    return processor is not None and type(em) is processor and "*" in getattr(em, "delimiters", {})


def _priority(md) -> float:
    """Just before Python-Markdown's inline step."""
    return md.treeprocessors._priority[md.treeprocessors.get_index_for_name("inline")].priority + 0.5
