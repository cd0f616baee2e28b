"""The importer's net for pages that say, anywhere, that they are not public.

A page the old system marked 依申请公开, 不予公开 or 内部 must never become a
record the next build publishes.  The labels the importer maps (公开方式 …,
:mod:`.labels`) are read where they stand; pages also say it where no label
is read (found by two reviews, each a leak): a label the table does not know
(是否公开, 密级, 知悉范围), a text copied with each value on the line below
its label, an HTML comment, a ``<meta>`` tag, two ``<span>`` side by side, a
sidebar, a field named in pinyin (``gkfs``), ``document.write``, an attribute
written without quotes, CDATA, a table laid out in columns, traditional
characters, words spaced out or cut by a zero-width space.

So the whole page as saved is read once more, flattened (:func:`flat`):
tags become cell breaks (``|``) holding the values of attributes that hold
text, comments, CDATA and scripts' ``document.write`` are text, entities
decoded, NFKC, traditional characters read as simplified (:mod:`.hanzi`),
invisible format characters removed and spaces between two Chinese
characters closed up.  It is not public where:

- a word about openness (公开方式, 公开范围, 是否公开, 密级, ``gkfs`` …) is
  followed, with only punctuation, spaces and breaks between, by a value that
  is not 主动公开 (依申请, 不予公开, 部分公开, 内部, 涉密, 否 …);
- any short name ending in a colon or ``=`` (公开标识：, 发布方式：,
  ``gkfs:``, an attribute ``value=``) is followed by a whole value that
  only a page that is not public has (依申请公开, 不予公开, 不公开 …);
- in a table laid out in columns (``<tr>`` rows, or lines of cells split by
  tabs, ``|`` or runs of spaces), a cell holding such a word has such a value
  (or 否) in the same column of the next row.

That makes the record's 公开方式 the placeholder, an error, unless the labels
already gave 依申请公开 or 不予公开: the editor decides, and until then the
record is not published.  A lone value anywhere on the page does not count: a
portal's menu link 依申请公开 would then withhold every page (a review).  A
page that says nothing of its openness gets the placeholder anyway, unless
the office states that its pages were public (``--disclosure``).  A page that
only explains openness in its text (a guide to 依申请公开) may be caught
too; the message says where, and the editor writes ``disclosure: 主动公开``.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata

from .hanzi import simplified

_LABEL = (r"(?:信息)?公开(?:方式|范围|属性(?:分类)?|形式|类型|选项|级别|状态|类别|性质|标识|等级|途径|与否|权限)"
          r"|[是能可]否(?:主动)?公开|密级|保密(?:级别|等级)|(?:知悉|使用|发布|阅读|传达)范围|发布方式|信息属性"
          r"|(?<![\u4e00-\u9fff])公开(?=[ :：=])"  # a bare 公开 only as a label (公开：否), not 主动公开's end
          r"|(?<![A-Za-z])(?i:gkfs|gksx|gkfw|gkxs|gklx|sfgk|disclosure|openness)(?![A-Za-z])")
_STRONG = (r"依申请(?:公开)?|不予(?:主动)?公开|不主动公开|不公开|非公开|免[予于]公开|不宜公开|暂缓公开"
           r"|部分公开|有条件公开|限定范围公开|限制公开|限定公开|定向公开|涉密"
           r"|(?i:upon application|on request|by application|not (?:to be )?(?:disclosed|public)|withheld"
           r"|confidential|restricted|classified)")
"""Values only a page that is not public has."""
_VALUE = _STRONG + r"|内部|秘密|机密|绝密|[否不](?![\u4e00-\u9fff])"
"""…and values that say so only after a word about openness (否 after 是否公开; 内部 after 密级)."""
_SAID = re.compile(rf"({_LABEL})[\W_]{{0,40}}?({_VALUE})")
_NAMED = re.compile(rf"(?<![\w\u4e00-\u9fff])((?:[\u4e00-\u9fff]{{2,10}}|[A-Za-z][\w-]{{1,20}}))[ ]*[:=][ \"'“‘(\[]*"
                    rf"({_STRONG})(?=[ \"'”’)\].;,。；，|\n]|$)")
"""Any short name, a colon or ``=``, then a whole value only a page that is not public has."""
_CELL_LABEL = re.compile(rf"(?:{_LABEL})")
_CELL_VALUE = re.compile(rf"(?:{_VALUE})(?:公开)?")
_COMMENT = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|\bdocument\.write(?:ln)?\s*\(", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>", re.DOTALL)
_ATTRIBUTE = re.compile(r"\b(name|content|value|title|alt|label|placeholder|data-[\w-]+)\s*=\s*"
                        r"(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>=`]+))", re.IGNORECASE)
"""Attributes whose values a page shows or names data by (a ``<meta>``'s name and content, a field's
value, a tooltip), quoted or not: not class, id, style or addresses, which would stand between a label
and its value."""
_FIELD = frozenset({"content", "value"})
"""Attributes that hold a field's value: kept as ``value=…`` so that a value only a page that is not
public has counts there (``<input name=gkfs value=不予公开>``), but not in a link's title or alt."""
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")
_ROW = re.compile(r"<tr\b", re.IGNORECASE)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</tr|<tr\b|</table|$)", re.IGNORECASE | re.DOTALL)
_TEXT_CELLS = re.compile(r"\t+|\s*\|\s*|[ \u3000\u00a0]{2,}")
_MAYBE = re.compile(r"[公密否范範]|(?i:gk|disclos|openness)")
"""What a row must hold to hold a word about openness, in any script, before it is read cell by cell."""
_COUNT = re.compile(r"[\d.,%]+")
"""A cell of a statistics table (an annual report's 依申请公开 | 3 under 信息公开方式 | 件数), not metadata."""


def _words(text: str) -> str:
    """Text as the net matches it: NFKC, simplified, invisible characters out, Chinese words closed up."""
    text = unicodedata.normalize("NFKC", text.replace("\u2236", ":").replace("\ufe30", ":"))
    text = _INVISIBLE.sub("", simplified(text)).replace("\t", " ")
    return _CJK_SPACE.sub("", text)


def flat(text: str, is_html: bool) -> str:
    """The page as text with its structure as breaks: each tag a ``|`` holding its attributes' values,
    comments and CDATA as text, entities decoded, then :func:`_words`; the page's line breaks kept (lines
    count alike)."""
    if is_html:
        text = _TAG.sub(_tag_cell, _COMMENT.sub("|", text))
        text = html.unescape(text)
    return _words(text)


def _tag_cell(m: re.Match) -> str:
    tag = m.group(0)
    values = []
    for name, *quoted in _ATTRIBUTE.findall(tag):
        value = next((q for q in quoted if q), "").replace("\n", " ")
        values.append(f"value={value}" if name.lower() in _FIELD else value)
    return "|" + "|".join(values) + "|" + "\n" * tag.count("\n")


def _rows(text: str, is_html: bool) -> list[tuple[list[str], int]]:
    """Each table row's cells as the net matches them, with the row's line: ``<tr>`` rows of a page,
    else lines of cells split by tabs, ``|`` or runs of spaces (a table copied as text).  Only a row that
    may hold a word about openness, and the row below it, are read cell by cell (a page of 40,000 rows)."""
    rows: list[tuple[list[str], int]] = []
    if is_html:
        starts = [m.start() for m in _ROW.finditer(text)] + [len(text)]
        maybe = [m.start() for m in _MAYBE.finditer(text)]
        line, at, wanted = 1, 0, False
        for start, end in zip(starts, starts[1:]):
            line += text.count("\n", at, start)
            at = start
            row = text[start:end]
            cells: list[str] = []
            i = bisect.bisect_left(maybe, start)
            if wanted or (i < len(maybe) and maybe[i] < end):
                cells = [" ".join(flat(c, True).replace("|", " ").split()) for c in _CELL.findall(row.split(">", 1)[-1])]
            wanted = bool(cells) and any(_CELL_LABEL.search(c) for c in cells)
            rows.append((cells, line))
    else:
        for n, line_text in enumerate(text.splitlines(), 1):
            cells = [_words(c).strip() for c in _TEXT_CELLS.split(line_text.strip(" \t\u3000|"))]
            rows.append((cells, n))
    return rows


def _in_columns(text: str, is_html: bool) -> tuple[str, int] | None:
    """A word about openness heading a column whose next row says not public (是否公开 over 否)."""
    rows = _rows(text, is_html)
    for (head, _), (below, line) in zip(rows, rows[1:]):
        if len(head) < 2 or len(head) != len(below) or any(_COUNT.fullmatch(c) for c in below):
            continue
        for label, value in zip(head, below):
            label = label.strip(":： ")
            if _CELL_LABEL.fullmatch(label) and _CELL_VALUE.fullmatch(value):
                return f"{label}…{value}", line
    return None


def not_public(text: str, is_html: bool) -> tuple[str, int] | None:
    """(what the page says, its line) where the page says it is not public, else None."""
    page = flat(text, is_html)
    found = [m for m in (_SAID.search(page), _NAMED.search(page)) if m is not None]
    if found:
        m = min(found, key=lambda m: m.start())
        return f"{m.group(1)}…{m.group(2)}", page.count("\n", 0, m.start()) + 1
    return _in_columns(text, is_html) if _CELL_LABEL.search(page) else None
