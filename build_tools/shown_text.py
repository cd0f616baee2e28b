"""The texts of a record as a reader of its page reads them, for the checks that look for names in them.

A record's free-text fields and its body are Markdown with HTML in it, pasted
from Word and CMS pages.  A name written in a link, split by a tag or an
extension's marks, or held in a tooltip or an address, is on the page all the
same: :func:`shown_texts` gives each reading of a text that a page shows or
holds, :func:`record_texts` those of a record's every text.  The folding of
characters (width, invisible ones, traditional forms) is
:func:`~build_tools.withheld_names.fold`'s, after this.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .hidden_html import without_hidden
from .model.fields import FREE_TEXT
from .model.record import Record


def record_texts(r: Record) -> Iterator[tuple[str, str]]:
    """The record's texts the site shows, with their field: the free-text fields, then the body; a link
    read as the words it shows (关于给予[王建国](…)同志…: a review found the title published).  A field is
    shown as it is written too (the page, the feeds and the open data print it as text): a comment or a tag
    in a 内容概述 was read as hidden, and the withheld title inside it published (a review)."""
    for key in FREE_TEXT:
        value = getattr(r, key)
        for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
            readings = shown_texts(text)
            yield from ((key, shown) for shown in (readings if text in readings else (text, *readings)))
    body = without_hidden(r.body, keep_lines=True) if "<" in r.body else r.body  # as printed: hidden text is not
    yield from (("body", shown) for shown in shown_texts(body))


HTML_ELEMENTS = frozenset("""
a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button canvas caption
center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption
figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label
legend li link main map mark marquee menu meta meter nav nobr noframes noscript object ol optgroup option output p
param picture pre progress q rp rt ruby s samp script search section select slot small source span strike strong
style sub summary sup svg math table tbody td template textarea tfoot th thead time title tr track tt u ul var video
wbr xmp rb rtc""".split())
"""The element names of HTML (and the obsolete ones Word and CMS pages still write): ``<名称>`` with any other name
(``<GB1589-2016>``, ``<JT/T 489—2019>``) is text, a standard's number in angle brackets, which Python-Markdown
passed on as a tag and the sanitiser dropped with its text (a review).  A name with a colon (Word's ``<o:p>``,
``<st1:chmetcnv>``) is markup."""
_TAG = re.compile(r"""<[A-Za-z][\w:.-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?/?>""")
"""An opening tag (``>`` inside a quoted attribute is the attribute's); :data:`_ANY_TAG` closing ones too."""
_ATTRIBUTE_TEXT = re.compile(r"""(?<![^\s"'/])[^\s"'<>/=]+\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))""")
"""Every attribute's value: a title, an alternative text or an address is on the page; an ``id`` or a
``class`` the sanitiser keeps is in its HTML, and any other (Word's ``<a name="…">``, ``data-*``) in the open
data's Markdown (a withheld title held in an anchor's name was published: a review)."""
_DEFINED = re.compile(r"""^ {0,3}\[([^\[\]\n^][^\[\]\n]*)\]:[ \t]*\n?[ \t]*<?([^\s<>]+)>?"""
                      r"""(?:[ \t]*\n?[ \t]+("[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$""", re.MULTILINE)
"""A reference definition, its address and its title (as Python-Markdown reads one, over two lines too); not a
footnote's (``[^1]: …``), whose text the page shows."""
_LABEL = re.compile(r"[ \t]*\n?[ \t]*\[([^\[\]]*)\]")
_ATTRIBUTES = re.compile(r"\{:?[^{}\n]*\}")
_LINK_TITLE = re.compile(r"""[ \t\n]("[^"]*"|'[^']*'|\([^()]*\))[ \t\n]*$""")


def shown_texts(text: str) -> list[str]:
    """``text`` as a reader of the page reads it, for :func:`record_texts`, each reading keeping ``text``'s line
    breaks (lines are counted in it).  First the text: a link's text and an image's alternative where they
    stand; addresses, reference labels, tags, attribute lists (``**王建国**{: .x}``) and the marks of emphasis by
    underscores and of Python-Markdown's extensions (``^^``, ``==``, ``{++ ++}``) dropped; ``<!-->`` read as the
    comment it is, ended at once; a bracket escaped (``\\[2024\\]``) as a bracket no link is made of.  Then what
    the page holds beside it, each a text of its own on its line: the titles, alternative texts and addresses of
    links, images and tags, after the words just before them on their line (a tooltip repeating a title says
    whose it is by what stands before the link: 交通运输部<a title="关于…">); and, when the text has comments
    a page shows (:func:`_comments_shown`: in code, or inline across a paragraph or a table row's cells), the
    whole text once more with those read as text and the hidden ones as nothing.  Links are read as
    Python-Markdown reads them: text over two lines or with brackets inside, a
    label after a space or a line break (``[王建国] [1]``), an address with spaces.  A bracketed word that is no
    link loses its brackets (the name is there all the same); a bracketed year stays (江交人[2024]7号 is a
    文号).  Attack reviews found each of these published, or a correct record kept off the site."""
    beside: list[str] = []
    if "<!--" in text:
        text = _EMPTY_COMMENT.sub("", text)
        shown = _comments_shown(text)
        if shown != text:  # the comments a page shows, read as text: the whole text once more
            beside.extend(shown_texts(shown))
    if "\\" in text:
        text = _ESCAPED.sub(lambda m: _WIDE[m.group(1)], text)
    raw = _raw_html_lines(text) if "]:" in text and "<" in text else frozenset()
    if "<" in text and _TAG.search(text) is not None:
        hidden = [c.span() for c in COMMENT.finditer(text)] if "<!--" in text else []  # a tag in a comment is on no
        # page (its words are read as the comments a page shows, above): its attributes were read as shown (a review)
        beside.extend(_beside(text, m.start()) + _COMMENT_MARKS.sub("", "".join(t))  # an attribute holds no comment
                      for m in _TAG.finditer(text) if not any(a <= m.start() < b for a, b in hidden)
                      for t in _ATTRIBUTE_TEXT.findall(m.group()))
        text = _ANY_TAG.sub(_tag_read, text)
    if "[" in text:
        code = code_spans(text) if "]:" in text else []
        found = [m for m in _DEFINED.finditer(text)
                 if not any(a <= m.start() < b for a, b in code) and text.count("\n", 0, m.start()) not in raw]
        labels = {_label(m.group(1)): (m.group(2), (m.group(3) or "  ")[1:-1]) for m in found}
        # A definition's title is a tooltip where a link uses it, read there after the link's context; where the
        # definition stands, its title is read as nothing (an address and a label are read as they stand: a
        # definition inside code or raw HTML is shown, and one without an address is text: a review)
        for m in reversed([m for m in found if m.group(3)]):
            text = text[:m.start(3)] + "\n" * m.group(3).count("\n") + text[m.end(3):]
        text = _unlinked(text, 0, len(text), _Pairs(text, labels), beside)
    if "{" in text or "_" in text or "^^" in text or "==" in text:
        if "{" in text:  # an attribute list's title is a tooltip, and after plain text the page shows it as written
            # ({: title="…"} held a withheld title unread: a review): what it holds is a text of its own
            beside.extend(_beside(text, m.start()) + m.group() for m in _ATTRIBUTE_LISTS.finditer(text))
        text = _MARKUP.sub(lambda m: "\n" * m.group().count("\n"), text)
    return [text, *beside]


def is_markup(tag: str, name: str, text: str) -> bool:
    """Whether ``tag`` (``<name …>`` or ``</name>``, in ``text``) is markup to the page: an HTML element's (or a name
    with a colon, Word's ``<o:p>``), an autolink's (``<jtt@x.gov.cn>``), or one ``text`` also closes (a CMS's own
    element, ``<ucapcontent>…</ucapcontent>``, whose text the page shows).  Any other bracketed name is text: a
    standard's number, <GB1589-2016> (a review found it dropped from the page)."""
    n = name.lower()
    return (n in HTML_ELEMENTS or ":" in n or _AUTOLINK.fullmatch(tag) is not None or n in _closed(text))


BRACKETED_NAME = re.compile(r"</?([A-Za-z][\w.:-]*)(?:[^<>\n]|\n(?!\s*\n))*>")
"""A name in angle brackets, a tag's or text's (:func:`is_markup` tells which), over lines but not over a blank one:
what the page (body_html.literal_brackets) and the search index (search/text.py) read alike."""
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
"""A character reference closed by its ``;``, as a browser reads one in text and in an address (``&region=`` is
text): for the search index's text and the links' addresses."""
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>")


@functools.lru_cache(maxsize=8)
def _closed(text: str) -> frozenset[str]:
    """The names ``text`` closes (``</name>``), lower case."""
    return frozenset(m.group(1).lower() for m in re.finditer(r"</([A-Za-z][\w:.-]*)\s*>", text))


def _tag_read(m: re.Match) -> str:
    """A tag as the page reads it: an HTML element's (or a name with a colon, Word's) as nothing but its line breaks;
    any other bracketed name (<G60高速公路…方案>) as the text the page shows (body_html.literal_brackets): a withheld
    title so bracketed was published, the check reading it as a tag (a review)."""
    name = re.match(r"</?([A-Za-z][\w:.-]*)", m.group()).group(1)
    return "\n" * m.group().count("\n") if is_markup(m.group(), name, m.string) else m.group()


def _beside(text: str, at: int) -> str:
    """What a text of its own read from ``at`` starts with: its line's breaks (lines are counted), then the
    words before ``at`` on its line (up to :data:`_CONTEXT` characters), which say whose a title is."""
    line_start = text.rfind("\n", 0, at) + 1
    return "\n" * text.count("\n", 0, at) + text[max(line_start, at - _CONTEXT):at]


_CONTEXT = 24
_EMPTY_COMMENT = re.compile(r"<!---?>")
"""A comment that ends where it begins (HTML's ``<!-->``, ``<!--->``): what follows it is on the page."""
_ESCAPED = re.compile(r"\\([\[\]()])")
_WIDE = {"[": "［", "]": "］", "(": "（", ")": "）"}
"""An escaped bracket as the bracket it shows, in a form no link is paired of (the fold reads them alike)."""
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}\1[^\n]*$|^[ \t]{0,3}(`{3,}|~{3,}).*\Z",
                    re.MULTILINE | re.DOTALL)
_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
"""A code span: within a paragraph (not across a blank line)."""
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
WORD_CONDITION = re.compile(r"<!\[(?:if\s[^\]>]*|endif)\]>", re.IGNORECASE)
"""The marks of Word's 另存为网页 around what older browsers show (``<![if !supportLists]>1.<![endif]>``): the
marks go, what they hold stays, as a browser shows it (pasted into a body they were shown as text; imported,
html.parser made their words text: 「if !supportLists1.endif加强组织领导」 was published: reviews)."""
"""An HTML comment, as short as it can be (the open data's reading of comments uses it too)."""
_BLANK = re.compile(r"\n[ \t>]*\n")
"""A paragraph's end: a blank line, or one of a block quote's ``>`` alone (a review)."""
_LIST_OR_BOX = re.compile(r"^ {0,3}(?:[-*+]|\d+\.)[ \t]|^ {0,3}!!!|^ {0,3}\[\^[^\]\n]+\]:")
"""A list item, an admonition or a footnote, whose indented paragraphs are no code (Python-Markdown knows ``1.``, not ``1)``;
``???`` only with pymdownx.details, which the sample does not enable: a review)."""


def _comments_shown(text: str) -> str:
    """``text`` with the comments Python-Markdown hides taken out and the marks of the others dropped, what they
    hold kept: a comment in code (a fence, a code span, an indented block), one that an inline ``<!--`` opens in
    one paragraph and a ``-->`` closes in another, one across a table's cells are on the page as written (reviews
    found each published, and a note hidden as a page hides it refused)."""
    code = code_spans(text)
    out, at = [], 0
    for m in COMMENT.finditer(text):
        start, end = m.span()
        line_start = text.rfind("\n", 0, start) + 1
        block = not text[line_start:start].strip() and start - line_start <= 3  # a comment block: hidden to its end
        shown = (any(a <= start < b for a, b in code)  # a code span inside a comment is the comment's (a review)
                 or not block and (_BLANK.search(m.group()) is not None  # inline, across paragraphs
                                   or "|" in m.group() and text[line_start:start].lstrip().startswith("|")))  # cells
        out.append(text[at:start])
        out.append(m.group()[4:-3] if shown else "\n" * m.group().count("\n"))
        at = end
    out.append(text[at:])
    return _COMMENT_MARKS.sub("", "".join(out))


def _raw_html_lines(text: str) -> frozenset[int]:
    """The lines (from 0) in blocks of raw HTML: after a line opening a tag, up to a blank line.  Python-Markdown
    shows a definition there as the text it is (a review)."""
    lines, inside = set(), False
    for n, line in enumerate(text.split("\n")):
        if not line.strip():
            inside = False
        elif _RAW_OPEN.match(line):
            inside = True
        elif inside:
            lines.add(n)
    return frozenset(lines)


_RAW_OPEN = re.compile(r"[ \t]{0,3}<[A-Za-z]")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds code: fenced blocks, code spans and indented blocks (four spaces or a tab after a blank
    line, not a list item's or an admonition's paragraph)."""
    spans = [m.span() for m in _FENCE.finditer(text)]
    spans += [m.span() for m in _SPAN.finditer(text) if not any(a <= m.start() < b for a, b in spans)]
    at, blank, context = 0, True, ""
    for line in text.split("\n"):
        indented = line.startswith(("    ", "\t"))
        if indented and blank and not _LIST_OR_BOX.match(context):
            spans.append((at, at + len(line)))
        elif indented and spans and spans[-1][1] == at - 1:  # the indented block goes on
            spans.append((at, at + len(line)))
        if line.strip():
            if not indented:
                context = line
            blank = False
        else:
            blank = True
        at += len(line) + 1
    return spans


def maybe_code_lines(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` that may be an indented code block :func:`code_spans` leaves out: one inside a list
    item or an admonition (eight columns after a blank line: a list item's paragraph is four), or inside a ``>``
    quotation (four after its marks).  The <meta> tags a notice on website standards shows as code under its
    numbered item were emptied from the open data (a review); a line read here that is a nested item's paragraph
    is kept as written, as a page that shows it would."""
    spans: list[tuple[int, int]] = []
    states: list[list] = []  # for each depth of quotation: [after a blank line, the context line, in code]
    at = 0
    for line in text.split("\n"):
        depth, rest = 0, line
        while (m := _QUOTED.match(rest)) is not None:
            depth, rest = depth + 1, rest[m.end():]
        del states[depth + 1:]
        for outer in states[:depth]:  # a quotation's line is no blank line around it, and no code of it
            outer[0] = outer[2] = False
        while len(states) <= depth:
            states.append([True, "", False])
        state = states[depth]
        if rest.strip():
            width = len(rest[:len(rest) - len(rest.lstrip(" \t"))].expandtabs(4))
            needed = 8 if _LIST_OR_BOX.match(state[1]) else 4
            state[2] = width >= needed and (state[0] or state[2])
            if state[2] and (depth or needed == 8):  # (the top level's are code_spans')
                spans.append((at, at + len(line)))
            if width < 4:
                state[1] = rest
            state[0] = False
        else:
            state[0] = True
        at += len(line) + 1
    return spans


_QUOTED = re.compile(r" {0,3}> ?")
_COMMENT_MARKS = re.compile(r"<!--+>?|--!?>")
_ANY_TAG = re.compile(r"""</?[A-Za-z][\w:.-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?/?>""")
_ATTRIBUTE_LISTS = re.compile(r"\{:[^{}\n]*\}|\{\s*[.#][\w-][^{}\n]*\}")
_MARKUP = re.compile(r"\{:[^{}\n]*\}|\{\s*[.#][\w-][^{}\n]*\}"  # attribute lists
                     r"|\{(?:\+\+|--|~~|==|>>)|(?:\+\+|--|~~|==|<<)\}|~>"  # CriticMarkup
                     r"|\^\^|=="  # pymdownx.caret's insert, pymdownx.mark
                     r"|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")  # emphasis by underscores, not inside a word


def _label(text: str) -> str:
    return " ".join(text.lower().split())


class _Pairs:
    """Where each bracket and parenthesis of a text closes (the innermost pair first, none across a blank
    line, as Python-Markdown pairs them), found in one pass, and the reference labels the text defines."""

    def __init__(self, text: str, labels: dict[str, tuple[str, str]]) -> None:
        self.labels = labels
        self.closing: dict[int, int] = {}
        stacks: dict[str, list[int]] = {"[": [], "(": []}
        for m in _PAIRED.finditer(text):
            mark = m.group()
            if mark in stacks:
                stacks[mark].append(m.start())
            elif mark == "]" or mark == ")":
                stack = stacks["[" if mark == "]" else "("]
                if stack:
                    self.closing[stack.pop()] = m.start()
            else:  # a blank line: nothing before it closes after it
                stacks = {"[": [], "(": []}


_PAIRED = re.compile(r"[\[\]()]|\n[ \t]*\n")
_DEEPEST = 32


def _unlinked(text: str, start: int, stop: int, pairs: _Pairs, titles: list[str], depth: int = 0) -> str:
    if depth > _DEEPEST:  # no Markdown writes links this deep: the brackets dropped, the rest as it is
        return text[start:stop].replace("[", "").replace("]", "")
    out: list[str] = []
    at, labels = start, pairs.labels
    while (opening := text.find("[", at, stop)) >= 0:
        closing = pairs.closing.get(opening)
        if closing is None:
            out.append(text[at:opening + 1])
            at = opening + 1
            continue
        inner = text[opening + 1:closing]
        tail = closing + 1
        if tail < stop and text[tail] == "(" and (end := pairs.closing.get(tail)) is not None:
            before = _beside(text, opening)
            title = _LINK_TITLE.search(text, tail + 1, end)
            titles.append(before + text[tail + 1:title.start() if title is not None else end])  # the address
            if title is not None:  # a tooltip, which holds no comment
                titles.append(before + _COMMENT_MARKS.sub("", title.group(1)[1:-1]))
            tail = end + 1
        elif (label := _LABEL.match(text, tail, stop)) is not None \
                and (not label.group(1) or _label(label.group(1)) in labels):
            titles.extend(_beside(text, opening) + _COMMENT_MARKS.sub("", part)
                          for part in labels.get(_label(label.group(1) or inner), ()) if part)
            tail = label.end()
        elif _YEAR.fullmatch(inner):
            out.append(text[at:tail])
            at = tail
            continue
        # a definition's own label ([1]: …) is no link
        link = tail > closing + 1 or _label(inner) in labels and not text.startswith(":", tail)
        if tail == closing + 1 and link:  # a shortcut reference: its definition's address and title
            titles.extend(_beside(text, opening) + _COMMENT_MARKS.sub("", part) for part in labels[_label(inner)] if part)
        if link and (attributes := _ATTRIBUTES.match(text, tail, stop)) is not None:
            tail = attributes.end()
        image = link and opening > at and text[opening - 1] == "!"
        out.append(text[at:opening - image])
        out.append(_unlinked(text, opening + 1, closing, pairs, titles, depth + 1))
        out.append("\n" * text.count("\n", closing, tail))  # lines are counted in what is shown
        at = tail
    out.append(text[at:stop])
    return "".join(out)


_YEAR = re.compile(r"\s*\d{4}\s*")
