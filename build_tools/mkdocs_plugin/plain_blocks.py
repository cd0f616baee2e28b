"""Lists and tables of a plain body (:mod:`.plain_bodies`), read without Python-Markdown, and the
characters and lines such a body may not hold.

Budget tables and lists of 附件 are often all a body holds besides paragraphs: a tight ordered
list of one-line items numbered from ``1. `` and a pipe table without alignment, every row bordered
and as wide as the header, are written here as Python-Markdown's core and its tables extension
write them.  Anything else in a list or a table leaves the whole body to Python-Markdown.
"""

from __future__ import annotations

import re

from ..body_anchors import article_match

REFUSED_CHARACTER = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f`\\\[\]<>&_{}|~!\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f"
    r"\ud800-\udfff]")
"""A character a plain body may not hold anywhere (see plain_bodies' docstring).  Unicode spaces
(``str.isspace``) other than the space, the newline and the full-width space are among them; so are
lone surrogates (the sanitiser cannot take them)."""
REFUSED_LINE = re.compile(
    r"\n(?:[ \x21\x22\x24-\x29\x2b-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]|\d+\.|#(?!#{1,5} [^ #]))| \n")
"""The start or end of a line this module does not read, searched in the text between newlines.  A
line may start with ``#`` only as a heading ``##``–``######`` and a space; ``*`` is checked by
:data:`~.plain_text_skip.LEADING_BOLD` and :func:`.plain_bodies.convert`."""


def lists_and_tables(text: str) -> tuple[str, dict[int, str]] | None:
    """``text`` with each list and table block (a chunk between blank lines, as Python-Markdown splits)
    replaced by a plain paragraph, and the HTML of each by its chunk's place; None where a chunk that
    starts like one is not read here (the body is then Python-Markdown's)."""
    chunks = text.split("\n\n")
    special: dict[int, str] = {}
    previous_list = False
    for i, chunk in enumerate(chunks):
        lead = "\n" if chunk.startswith("\n") else ""
        body = chunk[len(lead):]
        if not body:
            continue
        if body[0] == "|" or _OL_START.match(body):
            html = _table(body) if body[0] == "|" else _ordered_list(body, previous_list)
            if html is None:
                return None
            special[i] = html
            chunks[i] = lead + "x"  # a plain paragraph for plain_bodies' scan; its HTML is the table's or list's
            previous_list = body[0] != "|"
        else:
            previous_list = False
    return ("\n\n".join(chunks) if special else text), special


_OL_START = re.compile(r"\d+\.")
_OL_ITEM = re.compile(r"1\. +(.*)|[1-9][0-9]*\. +(.*)")
_TABLE_SEPARATOR = re.compile(r"-+")


def _inert(text: str) -> bool:
    """Whether inline or block processing leaves ``text`` (one line, an item or a cell) as it is."""
    return not (REFUSED_CHARACTER.search(text) or "*" in text or "#" in text
                or REFUSED_LINE.search(f"\n{text}\n") or article_match(text, set()) is not None)


def _ordered_list(block: str, after_list: bool) -> str | None:
    """A tight ordered list of one-line items, numbered from 1, as Python-Markdown writes it; or None."""
    if after_list:  # Python-Markdown joins it to the list before as a loose list
        return None
    items = []
    for i, line in enumerate(block.split("\n")):
        m = _OL_ITEM.fullmatch(line)
        if m is None or (i == 0 and m.group(1) is None):
            return None
        item = m.group(1) if m.group(1) is not None else m.group(2)
        if not item or item != item.strip() or not _inert(item):
            return None
        items.append(f"<li>{item}</li>")
    return "<ol>\n" + "\n".join(items) + "\n</ol>"


def _table(block: str) -> str | None:
    """A pipe table without alignment, every row bordered and as wide as the header, as
    Python-Markdown's tables extension writes it; or None."""
    rows = block.split("\n")
    if len(rows) < 3:
        return None
    cells = []
    for row in rows:
        if len(row) < 2 or row[0] != "|" or row[-1] != "|":
            return None
        cells.append([c.strip(" ") for c in row[1:-1].split("|")])
    width = len(cells[0])
    if width < 2 or any(len(r) != width for r in cells) or not all(_TABLE_SEPARATOR.fullmatch(c) for c in cells[1]):
        return None
    for r in (cells[0], *cells[2:]):
        for c in r:
            if c and (c != c.strip() or REFUSED_CHARACTER.search(c) or "*" in c or "#" in c):
                return None
    head = "".join(f"<th>{c}</th>\n" for c in cells[0])
    body = "".join("<tr>\n" + "".join(f"<td>{c}</td>\n" for c in r) + "</tr>\n" for r in cells[2:])
    return f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"
