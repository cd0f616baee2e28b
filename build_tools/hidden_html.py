"""Elements of pasted HTML whose text the source hides, found and taken out of what the site publishes.

Word writes hidden text (隐藏文字) as ``<span style='display:none;mso-hide:all'>``, its reviewers' comments (批注)
in a ``mso-element:comment-list`` block its own script hides, and a table of contents' page numbers in
``display:none;mso-hide:screen`` spans; a CMS template keeps 经办人 and 审核人 in ``<div style="display:none">``.
Nobody saw that text in Word, on the old site or in a browser; the sanitiser drops styles, so pasted into a
body it was shown on the page, kept in the open data and indexed (a review).  The site shows a body as the
browser showed the paste: :func:`without_hidden` takes each such element out with what it holds, for the page,
the open data and the search alike (:meth:`.links.PublicLinks.body`), and the check says so
(``body-hidden-text``, :func:`.body_checks.hidden_text`).

An element is found by its opening tag and ends at its own closing tag, elements of its name inside it counted
(``<div style="display:none"><div class="clear"></div>经办人…</div>``); an element that cannot hold anything
(``<img style="display:none">``) is the tag alone; a cell, a row or an item whose end tag the page left out ends where a
browser ends it; any other never closed loses its tag only, its words said (where it ends is not sure).  In a
fenced code block or a code span a tag is text, shown as written, and in a comment nothing: not an element.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all"
                          r"|mso-element\s*:\s*comment(?:-list)?\b", re.I)
"""A style that hides its element's text (Word writes hidden text 隐藏文字 as ``mso-hide:all``, its comments'
block as ``mso-element:comment-list``)."""
HIDDEN_CLASS = re.compile(r"^(?:hidden|hide|is-hidden|d-none|display-none|invisible|msocomtxt|msocomanchor"
                          r"|MsoCommentText|MsoCommentReference)$", re.I)
"""A class a CMS's style sheet hides (``hidden``, Bootstrap's ``d-none``), or Word's for its comments (批注)."""
WORD_LAYOUT = re.compile(r"mso-hide\s*:\s*screen", re.I)
"""Word's layout hidden on screen (a table of contents' dot leaders and page numbers): taken out, not worth a word."""

_OPENING = re.compile(r"""<([A-Za-z][\w:.-]*)(?=[\s/>])(?:[^<>"']|"[^"]*"|'[^']*')*>""")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+)))?""")
_TAGS = re.compile(r"<[^<>]*>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_ENDED_BY = {  # elements whose end tag HTML lets a page leave out, and what ends them then (as a browser reads it)
    **{t: ("td", "th", "tr", "tbody", "thead", "tfoot", "table") for t in ("td", "th")},
    "tr": ("tr", "tbody", "thead", "tfoot", "table"),
    **{t: (t, "tbody", "thead", "tfoot", "table") for t in ("thead", "tbody", "tfoot")},
    "li": ("li", "ul", "ol"), "dt": ("dt", "dd", "dl"), "dd": ("dt", "dd", "dl"), "option": ("option", "select"),
    "p": ("p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
          "article", "hr", "td", "th", "tr", "li"),
}
_RESPONSIVE = re.compile(r"^(?:d-(?:sm|md|lg|xl|xxl)-(?!none)\w[\w-]*|(?:sm|md|lg|xl|2xl):(?!hidden)\w[\w-]*)$")
"""A class that shows an element from a screen width on (Bootstrap's ``d-md-table-cell``, Tailwind's ``md:block``):
beside ``d-none`` or ``hidden`` the element is hidden on phones only, and shown to desktop readers (a review)."""
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
"""A code span: within its paragraph (two stray backticks paragraphs apart are text: a review found the hidden block
between them published)."""
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INVISIBLE = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


@dataclass(frozen=True, slots=True)
class Hidden:
    """One element that hides what it holds."""

    start: int
    end: int
    """Its span in the body, its closing tag included."""
    tag: str
    how: str
    """What hides it: the style's words, ``hidden``, or the class."""
    text: str
    """The words it holds, as a reader would have read them (tags dropped, character references read)."""
    layout: bool = False
    """Word's own layout (``mso-hide:screen``), not worth telling."""
    unclosed: bool = False
    """Never closed: only its tag was taken out, its words are printed (where it ends is not sure)."""


def hides(tag: str, name: str) -> str | None:
    """What in an opening tag hides its element's text (``display:none``, ``hidden``, ``class="d-none"``), or None."""
    for m in _ATTRIBUTE.finditer(tag, len(name) + 1):
        key, value = m.group(1).lower(), next((v for v in m.groups()[1:] if v is not None), "")
        if key == "hidden":
            return "hidden"
        if key == "style" and (hit := HIDDEN_STYLE.search(value)):
            return hit.group()
        classes = value.split()
        if key == "class" and any(HIDDEN_CLASS.match(c) for c in classes) and not any(_RESPONSIVE.match(c) for c in classes):
            return f'class="{value.strip()}"'
    return None


def hidden_elements(body: str) -> list[Hidden]:
    """The outermost elements of ``body`` that hide what they hold, in order."""
    if "<" not in body:
        return []
    code = [m.span() for m in _FENCE.finditer(body)] if "```" in body or "~~~" in body else []
    if "`" in body:
        code = sorted(code + [m.span() for m in _CODE_SPAN.finditer(body) if not _inside(code, m.start())])
    if "<!--" in body:  # a comment shows nothing, a tag inside it neither (`<!--` in code opens none: a review)
        code = sorted(code + [m.span() for m in _COMMENT.finditer(body) if not _inside(code, m.start())])
    found: list[Hidden] = []
    for m in _OPENING.finditer(body):
        if found and m.start() < found[-1].end or _inside(code, m.start()):
            continue
        name = m.group(1)
        how = hides(m.group(), name)
        if how is None:
            continue
        end = m.end() if name.lower() in _VOID or m.group().endswith("/>") else _closing(body, name, m.end())
        unclosed = end is None
        if unclosed:  # where it ends is not sure: only the tag goes, and the words after it are said
            paragraph = _PARAGRAPH_END.search(body, m.end())
            inner, end = body[m.end():paragraph.start() if paragraph else len(body)], m.end()
        else:
            inner = body[m.end():end]
        text = _INVISIBLE.sub("", html.unescape(_TAGS.sub("", inner)))
        found.append(Hidden(m.start(), end, name, how, text, bool(WORD_LAYOUT.search(m.group())), unclosed))
    return found


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` falls in one of ``spans`` (sorted, apart; a bisection: a body of 8,000 code spans took 8 s)."""
    i = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


_NESTING = ("ul", "ol", "table", "dl", "select")
"""What an item or a cell may hold that has items or cells of its own: their tags are theirs, not its siblings'."""


def _closing(body: str, name: str, at: int) -> int | None:
    """Where the element named ``name`` opened before ``at`` ends: after its own closing tag, elements of its name
    inside it counted; for an element whose end tag a page may leave out (a cell, a row, an item, a paragraph), where
    a browser ends it (the next cell, the table's end; a paragraph at a blank line too), lists and tables inside it
    counted as theirs; otherwise None (not sure).  Reviews: a cell without its </td> hid the rest of its table, an
    item's nested list was printed, a paragraph without its </p> took the Markdown after it."""
    lowered = name.lower()
    ends = _ENDED_BY.get(lowered, ())
    nests = bool(ends) and lowered != "p"  # a paragraph holds no list or table: one ends it
    names = "|".join(re.escape(n) for n in {lowered, *ends, *(_NESTING if nests else ())})
    tags = re.compile(rf"<(/?)({names})(?=[\s/>])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
    limit = len(body)
    if lowered == "p":  # Markdown ends a paragraph's HTML at a blank line
        blank = _PARAGRAPH_END.search(body, at)
        limit = blank.start() if blank else limit
    depth, inner = 1, 0  # this element's own nesting; lists and tables opened inside it
    for m in tags.finditer(body, at):
        if m.start() >= limit:
            return limit
        closing, tag = bool(m.group(1)), m.group(2).lower()
        if nests and tag in _NESTING and tag != lowered:
            if not closing:
                inner += 1
                continue
            if inner:
                inner -= 1
                continue
        if inner:
            continue  # a tag of a list or table inside it
        if tag == lowered and not ends:
            if closing:
                depth -= 1
                if depth == 0:
                    return m.end()
            elif not m.group().endswith("/>"):
                depth += 1
        elif tag == lowered and closing:
            return m.end()
        elif ends and (not closing and tag in ends or closing and tag in ends and tag != lowered):
            return m.start()  # a sibling starts, or the parent ends: the element ended before it
    return limit if limit < len(body) else None


def without_hidden(body: str, keep_lines: bool = False) -> str:
    """``body`` as a browser showed the paste: each element that hides what it holds taken out with it (its line
    breaks too: they were inside tags, and kept they cut a sentence into two paragraphs: a review).  With
    ``keep_lines`` its line breaks stay, so that what the checks find is said at the file's line: a withheld title
    or an ID number split by hidden text is printed whole, and was read split (a review)."""
    found = hidden_elements(body)
    if not found:
        return body
    out, at, pending = [], 0, 0
    for h in found:  # nothing in its place: a comment mark wrapped over lines of Word's HTML is no paragraph break
        segment = body[at:h.start]
        if pending and "\n" in segment:  # held line breaks go at the end of the line the elements stood on
            cut = segment.index("\n")
            segment, pending = segment[:cut] + "\n" * pending + segment[cut:], 0
        out.append(segment)
        if keep_lines:  # for the checks, whose lines are the file's: words on both sides of it are joined as printed
            breaks = body.count("\n", h.start, h.end)  # (139123⏎45678: a review), its line breaks put after their line
            if _inline(body, h) or pending:
                pending += breaks  # (two hidden spans on one line: the second's words joined too, a later review)
            else:
                out.append("\n" * breaks)
        at = h.end
    rest = body[at:]
    if pending:
        cut = rest.find("\n")
        rest = rest + "\n" * pending if cut < 0 else rest[:cut] + "\n" * pending + rest[cut:]
    out.append(rest)
    return "".join(out)


def _inline(body: str, h: Hidden) -> bool:
    """Whether words stand on both sides of a hidden element on its lines: the page joins them."""
    before = body.rfind("\n", 0, h.start)
    after = body.find("\n", h.end)
    return bool(body[before + 1:h.start].strip()) and bool(body[h.end:after if after >= 0 else len(body)].strip())


def shown(hidden: Hidden) -> str:
    """The first words of what an element hides, for a message."""
    return hidden.text[:30] + ("…" if len(hidden.text) > 30 else "")


def told(body: str) -> Iterator[Hidden]:
    """The hidden elements worth telling the editor of: holding words, not Word's own layout."""
    return (h for h in hidden_elements(body) if h.text and not h.layout)
