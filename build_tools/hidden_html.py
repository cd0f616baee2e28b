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
(``<img style="display:none">``) is the tag alone; one never closed is hidden to the end of its paragraph.  In a
fenced code block or a code span a tag is text, shown as written, and in a comment nothing: not an element.
"""

from __future__ import annotations

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
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
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


def hides(tag: str, name: str) -> str | None:
    """What in an opening tag hides its element's text (``display:none``, ``hidden``, ``class="d-none"``), or None."""
    for m in _ATTRIBUTE.finditer(tag, len(name) + 1):
        key, value = m.group(1).lower(), next((v for v in m.groups()[1:] if v is not None), "")
        if key == "hidden":
            return "hidden"
        if key == "style" and (hit := HIDDEN_STYLE.search(value)):
            return hit.group()
        if key == "class" and any(HIDDEN_CLASS.match(c) for c in value.split()):
            return f'class="{value.strip()}"'
    return None


def hidden_elements(body: str) -> list[Hidden]:
    """The outermost elements of ``body`` that hide what they hold, in order."""
    if "<" not in body:
        return []
    code = [m.span() for m in _FENCE.finditer(body)] if "```" in body or "~~~" in body else []
    if "`" in body:
        code += [m.span() for m in _CODE_SPAN.finditer(body) if not any(a <= m.start() < b for a, b in code)]
    if "<!--" in body:  # a comment shows nothing, a tag inside it neither
        code += [m.span() for m in _COMMENT.finditer(body)]
    found: list[Hidden] = []
    for m in _OPENING.finditer(body):
        if found and m.start() < found[-1].end or any(a <= m.start() < b for a, b in code):
            continue
        name = m.group(1)
        how = hides(m.group(), name)
        if how is None:
            continue
        end = m.end() if name.lower() in _VOID or m.group().endswith("/>") else _closing(body, name, m.end())
        inner = body[m.end():end]
        text = _INVISIBLE.sub("", html.unescape(_TAGS.sub("", inner)))
        found.append(Hidden(m.start(), end, name, how, text, bool(WORD_LAYOUT.search(m.group()))))
    return found


def _closing(body: str, name: str, at: int) -> int:
    """Where the element named ``name`` opened before ``at`` ends: after its own closing tag, elements of its name
    inside it counted; without one, at the end of its paragraph."""
    tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
    depth = 1
    for m in tags.finditer(body, at):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return m.end()
        elif not m.group().endswith("/>"):
            depth += 1
    end = _PARAGRAPH_END.search(body, at)
    return end.start() if end else len(body)


def without_hidden(body: str) -> str:
    """``body`` as a browser showed the paste: each element that hides what it holds taken out with it, its line
    breaks kept (the paragraphs around it stay apart)."""
    found = hidden_elements(body)
    if not found:
        return body
    out, at = [], 0
    for h in found:
        out.append(body[at:h.start])
        out.append("\n" * body.count("\n", h.start, h.end))
        at = h.end
    out.append(body[at:])
    return "".join(out)


def shown(hidden: Hidden) -> str:
    """The first words of what an element hides, for a message."""
    return hidden.text[:30] + ("…" if len(hidden.text) > 30 else "")


def told(body: str) -> Iterator[Hidden]:
    """The hidden elements worth telling the editor of: holding words, not Word's own layout."""
    return (h for h in hidden_elements(body) if h.text and not h.layout)
