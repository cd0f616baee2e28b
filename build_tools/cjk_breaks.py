"""Line breaks between Chinese characters taken out of a page's HTML.

A paragraph pasted from the signed PDF breaks its lines wherever the page's
28-character line ended, mid-word (``保障人⏎民群众``), and an editor may wrap
long lines by hand, as Markdown allows; :func:`~build_tools.gongwen.separate_items`
keeps such breaks.  Markdown keeps them in the HTML, and a browser shows a
line break in text as a space: CSS Text 3 removes it between East Asian wide
characters, but only Firefox does so, and Chrome, Edge, 360 and QQ (most of
China's readers) showed ``保障人 民群众`` (a review).  :func:`join_lines`
takes out a line break between two CJK characters or CJK punctuation marks,
inline tags between them allowed (``重要</strong>⏎内容``), never inside
``<pre>``, ``<code>``, ``<textarea>`` or a tag (an attribute keeps its line
breaks), nor after a short line (a name one a line) nor between links.  Python-Markdown does it as the last step of each conversion
(:class:`JoinedLines`, registered with the body anchors' extension), and the
pages' direct conversion (plain_bodies.py) the same, so the page and the open
data show the same HTML.  A break between a Chinese character and a Latin
letter or digit stays a space, as in any browser.
"""

from __future__ import annotations

import bisect
import re

from markdown.postprocessors import Postprocessor

NAME = "catalogue_cjk_breaks"
"""The postprocessor's registered name (plain_bodies.py knows it)."""

_CJK = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f\u2018-\u201d\u2014\u2026\u00b7")
"""Han characters, kana and bopomofo, CJK and full-width punctuation (。，“”《》……——·), full-width forms."""
_INLINE = r"(?:</?(?:a|abbr|b|del|em|i|ins|mark|s|small|span|strike|strong|sub|sup|u)\b[^<>]*>)*"
_BREAK = re.compile(rf"(?<=[{_CJK}])({_INLINE})\n({_INLINE})(?=[{_CJK}])")
_KEPT = re.compile(r"<(pre|code|textarea)\b.*?</\1\s*>|<[^<>]*>", re.S | re.I)
"""Where a line break is kept: preformatted text, code, a tag (its attributes)."""


def join_lines(html: str) -> str:
    """``html`` without the line breaks between two CJK characters in its text (see the module's docstring)."""
    if "\n" not in html or _BREAK.search(html) is None:
        return html
    kept = [m.span() for m in _KEPT.finditer(html)]
    starts = [start for start, _ in kept]

    def join(m: re.Match) -> str:
        at = m.start() + len(m.group(1))  # the line break's place
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and at < kept[k][1] or _LINK.search(m.group()):
            return m.group()  # links one a line (附件：[甲](a.csv) ⏎ [乙](b.csv)) keep theirs apart (a review)
        line = _TAG.sub("", html[html.rfind("\n", 0, m.start()) + 1:m.start()])
        return m.group(1) + m.group(2) if len(line.strip()) >= _WRAPPED else m.group()
    return _BREAK.sub(join, html)


_LINK = re.compile(r"</?a\b", re.I)
_TAG = re.compile(r"<[^<>]*>")
_WRAPPED = 15
"""How long a line is when it was wrapped (a PDF's line holds 28 characters): a shorter one ends where the editor
ended it (a list of units one a line, 附件 over its title): its break stays a space (a review found them glued)."""


class JoinedLines(Postprocessor):
    """:func:`join_lines` on a conversion's HTML, after every other step."""

    def run(self, text: str) -> str:
        return join_lines(text)
