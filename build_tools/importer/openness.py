"""The importer's net for pages that say, anywhere, that they are not public.

A page the old system marked 依申请公开, 不予公开 or 内部 must never become a
record the next build publishes, even when the office states that its pages
were public (``--disclosure 主动公开``).  The labels the importer maps
(公开方式 …, :mod:`.labels`) are read where they stand; pages also say it where
no label is read (found by three reviews, each a leak): a label the table does
not know (是否公开, 密级, 知悉范围, 公开标识), a text copied with each value on
the line below its label, an HTML comment, a ``<meta>`` tag, form fields, a
field named in pinyin (``gkfs``), ``document.write``, an attribute without
quotes, CDATA, a table laid out in columns, a form's ticked choice,
traditional characters, words spaced out, cut by a zero-width character or by
an inline tag (``不予<span>公开</span>``).

So the whole page as saved is read once more, flattened (:func:`flat`): a
block tag is a cell break (``|``) holding the values of the attributes that
hold text, an inline tag is nothing (a word it cuts is whole again), a form's
choice is its mark (☑ ticked, □ not), comments, CDATA and scripts'
``document.write`` are text, a script's comparison (``gkfs == "依申请公开"``) is
not, entities are decoded, NFKC, traditional characters read as simplified
(:mod:`.hanzi`), invisible format characters removed.  Words match with
spaces between their characters.  It is not public where:

- a word about openness (公开方式, 是否公开, 密级, ``gkfs`` …) that does not
  stand inside a sentence (no Chinese character right before it) is followed,
  with only punctuation, spaces and breaks between, by a value that is not
  主动公开 (依申请, 不予公开, 部分公开, 内部, 涉密, 否 …) and ends there (a
  break, punctuation or a space follows it: 不予公开理由 is a label, not a
  value);
- after such a word, a form lists choices and the ticked one is such a value
  (□主动公开 ☑依申请公开, or the mark after its choice: 依申请公开√);
- a short name about openness ending in a colon (公开标识：) is followed by a
  value only a page that is not public has;
- a table laid out in columns has such a word over such a value, in a table
  of one row of values (a metadata table; a document's own table of many
  rows, or of counts under 件数, is not its page's openness).

A lone value anywhere on the page does not count: a portal's menu link, its
search form's options and a guide's sentences would then withhold every page
(two reviews).  The 公文's own marks in its body (（此件依申请公开）, 秘密★1年)
are read by the check's reading of them (:func:`build_tools.validate.marked_not_public`),
over the imported body.  What the net finds makes the record's 公开方式 the
placeholder, an error, unless the labels already gave 依申请公开 or 不予公开:
the editor decides, and until then the record is not published.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata

from .hanzi import simplified
from .labels import LABELS, label_key


def _spaced(pattern: str) -> str:
    """``pattern`` matching with spaces between its Chinese characters (公 开 方 式, a text copy of a column
    table; 依 申 请 in a comment): each literal one outside a character class may have spaces before it."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif "\u4e00" <= ch <= "\u9fff":
            out.append(_GAP)
        out.append(ch)
    return "".join(out)


_GAP = r"[ \n]{0,3}"
"""What may stand between two characters of a word: spaces, or a line break (不予⏎公开, a wrapped text copy)."""


_CJK = r"[\u4e00-\u9fff]"
_LABEL = _spaced(
    r"(?:信息)?公开(?:方式|范围|属性(?:分类)?|形式|类型|选项|级别|状态|类别|性质|标识|等级|途径|与否|权限)"
    r"|[是能可]否(?:[ ]*[\u4e00-\u9fff]){0,4}?(?:公开|上网|公布)(?:发布)?|对外公开|网上公开|上网公开"
    r"|密级(?:程度)?|保密(?:级别|等级)|(?:知悉|使用|发布|阅读|传达)范围|发布方式|信息属性"
    r"|公开(?=[ ]*[:=])")  # a bare 公开 only with a colon (公开：否)
_ID_LABEL = r"(?<![A-Za-z])(?i:gkfs|gksx|gkfw|gkxs|gklx|sfgk|disclosure|openness)(?![A-Za-z])"
_ANY_LABEL = rf"(?<!{_CJK})(?:{_LABEL})|{_ID_LABEL}"
"""A word about openness, not inside a sentence (明确是否公开，… is a rule's text, not a field)."""
_STRONG = _spaced(
    r"依申请(?:公开)?|不予以?(?:主动)?公开|暂不予?公开|暂缓公开|不得公开|非主动公开|不对外公开|不主动公开|不公开"
    r"|非公开|免[予于]公开|不宜公开|部分公开|有条件公开|限定范围公开|限制公开|限定公开|定向公开|涉密|不上网")
"""Values only a page that is not public has."""
_ENGLISH = (r"(?i:upon application|on request|by application|not (?:to be )?(?:disclosed|public)|withheld"
            r"|confidential|restricted|classified)")
_VALUE = rf"{_STRONG}|{_spaced('申请公开|内部|秘密|机密|绝密')}|[否不](?!{_CJK})|[×✗✘]"
"""…and values that say so only after a word about openness (否 after 是否公开; 内部 after 密级)."""
_END = r"(?=[ ]|[^\w\s]|\n|$)"
"""Where a value ends: a space, punctuation, a break or the end (不予公开理由 is a label)."""
_UNTICKED = "□☐○◯◻▢"
_TICKED = "☑☒■√✔✓●◉▣✅"
_BREAKS = r"(?:[^\w]|_|丨)"
_SAID = re.compile(rf"({_ANY_LABEL})(?:[ ]*[为是](?![否]))?{_BREAKS}{{0,60}}?(?<![{_UNTICKED}])(?<![{_UNTICKED}] )"
                   rf"((?:{_VALUE}){_END}|{_ENGLISH}(?=[ ]*(?:[^\w\s]|\n|$)))")
_NAMED = re.compile(rf"(?<!{_CJK})((?:[ ]*{_CJK}){{0,6}}?(?:公开|密|属性|标识|方式|范围|类别|性质|上网)"
                    rf"(?:[ ]*{_CJK}){{0,4}}?)[ ]*[:：=][ \"'“‘(\[]*({_STRONG}){_END}")
"""A short name about openness and a colon, then a value only a page that is not public has (公开标识：)."""
_CHOICES_AFTER = re.compile(rf"({_ANY_LABEL}){_BREAKS}{{0,20}}?(?=[ ]*[{_UNTICKED}{_TICKED}])([^\n]{{1,120}})")
"""A word about openness followed by a form's choices (its marks first, or after each choice)."""
_MARK_BEFORE = re.compile(rf"([{_UNTICKED}{_TICKED}])[ ]*([^\s{_UNTICKED}{_TICKED}|]{{1,12}})")
_MARK_AFTER = re.compile(rf"([^\s{_UNTICKED}{_TICKED}|()（）]{{1,12}})[ ]*[(（]?[ ]*([{_UNTICKED}{_TICKED}])")
_WHOLE_VALUE = re.compile(rf"(?:{_VALUE}|{_ENGLISH})")

_COMMENT = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|\bdocument\.write(?:ln)?\s*\("
                      r"|(?:==|!=)=?\s*([\"'])[^\"'\n]*\1", re.IGNORECASE)
"""Comment and CDATA markers and ``document.write(`` (the text inside is read), and a script's comparison
(``if (gkfs == "依申请公开")``: a template's test, on every page, not the page's value)."""
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^<>]*)>", re.DOTALL)
_INLINE = frozenset({"span", "b", "strong", "font", "i", "em", "u", "a", "small", "big", "sup", "sub", "label",
                     "abbr", "o:p", "ins", "del", "s", "strike", "mark", "nobr", "code", "cite", "q", "tt"})
"""Tags inside a word's run of text: Word and web editors split a word where its font or format changes
(不予<span style="font-family:仿宋">公开</span>)."""
_ATTRIBUTE = re.compile(r"\b(name|content|value|title|alt|label|placeholder|type|data-[\w-]+)\s*=\s*"
                        r"(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>=`]+))", re.IGNORECASE)
"""Attributes whose values a page shows or names data by (a ``<meta>``'s name and content, a field's
value, a tooltip), quoted or not: not class, id, style or addresses, which would stand between a label
and its value."""
_FLAG = re.compile(r"\b(checked|selected)\b", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"[ \t\r\f\v]+")

_ROW = re.compile(r"<(/?)(tr|table)\b", re.IGNORECASE)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</tr|<tr\b|</table|$)", re.IGNORECASE | re.DOTALL)
_TEXT_CELLS = re.compile(r"\t+|\s*\|\s*|[ \u3000\u00a0]{2,}")
_MAYBE = re.compile(r"公\s*[开開]\s*[^\s<\"'|，。、）)]|密\s*[级級]|[是能可]\s*否|(?:上\s*网|对\s*外|網)\s*公|知\s*悉"
                    r"|[发發]\s*布\s*[方范範]|(?i:gkf|gks|gkl|sfgk|disclos|openness)")
"""What a row must hold, in any script, to hold a word about openness (公开方式, not 主动公开 ending a cell),
before it is read cell by cell."""
_COUNTS = re.compile(r"件数|数量|合计|总计|次数|个数|金额|比例|小计|总数|人数|件次|数$")
"""A heading over counts (信息公开方式 | 件数 over 依申请公开 | 3 in an annual report): figures, not openness."""


def _words(text: str) -> str:
    """Text as the net matches it: NFKC, simplified, invisible characters out, runs of spaces one space
    (line breaks kept: lines count alike)."""
    text = unicodedata.normalize("NFKC", text.replace("\u2236", ":").replace("\ufe30", ":"))
    return _SPACES.sub(" ", _INVISIBLE.sub("", simplified(text)))


def flat(text: str, is_html: bool) -> str:
    """The page as text with its structure as breaks (see the module's note); the page's line breaks kept."""
    if is_html:
        text = _TAG.sub(_tag_text, _COMMENT.sub("|", text))
        text = html.unescape(text)
    return _words(text)


def _tag_text(m: re.Match) -> str:
    closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
    lines = "\n" * rest.count("\n") if "\n" in rest else ""
    if closing or "=" not in rest and not _FLAG.search(rest):  # most tags: nothing to read in them
        if name == "br":
            return " " + lines
        if name == "option" and not closing:
            return "□" + lines
        return (lines if name in _INLINE else "|" + lines)
    attrs = {}
    for key, *quoted in _ATTRIBUTE.findall(rest):
        attrs.setdefault(key.lower(), next((q for q in quoted if q), "").replace("\n", " "))
    if name == "br":
        return " " + lines
    if name == "option" and not closing:
        return ("☑" if _FLAG.search(rest) else "□") + lines
    if name == "input":
        kind = attrs.get("type", "text").lower()
        if kind in ("radio", "checkbox"):
            return ("☑" if _FLAG.search(rest) else "□") + lines
        if kind in ("button", "submit", "reset", "image"):
            return "|" + lines  # a button's caption (依申请公开 in a sidebar) is no field's value
        return "|" + "|".join(v for k, v in attrs.items() if k in ("name", "value", "title")) + "|" + lines
    values = [v for k, v in attrs.items() if k != "type"]
    if name in _INLINE and not values:
        return lines
    return "|" + "|".join(values) + "|" + lines


def _ticked(segment: str) -> list[str] | None:
    """The ticked choices of a form written out (☑依申请公开 □主动公开, or 依申请公开√ 主动公开), or None when
    ``segment`` lists no choices."""
    head = segment.lstrip(" |:：")
    if not head:
        return None
    pairs = ([(mark, word) for mark, word in _MARK_BEFORE.findall(head)] if head[0] in _UNTICKED + _TICKED
             else [(mark, word) for word, mark in _MARK_AFTER.findall(head)])
    return [word for mark, word in pairs if mark in _TICKED] if pairs else None


def chosen(value: str) -> str | None:
    """The one ticked choice of a form's value as a page writes it (☑主动公开 □依申请公开, 主动公开√ 依申请公开,
    a lone ☑主动公开), or None: no choices, or not exactly one ticked."""
    text = _words(value).strip()
    marked = _ticked(text)
    if marked is None:
        return None
    return marked[0].strip(" |:：()（）") if len(marked) == 1 else None


def _in_choices(page: str) -> re.Match | None:
    for m in _CHOICES_AFTER.finditer(page):
        ticked = _ticked(m.group(2)) or []
        for word in ticked:
            if _WHOLE_VALUE.match(word.strip()):
                return m
    return None


def _rows(text: str, is_html: bool, article: tuple[int, int] | None = None):
    """Each table row that may head a column table, with the next row and whether that one is its table's
    last: ``(head cells, next cells, next row's line, last)``.  ``<tr>`` rows of a page, else lines of
    cells split by tabs, ``|`` or runs of spaces (a table copied as text).  Only a row holding a word
    about openness is read cell by cell (a page of 40,000 rows)."""
    if is_html:
        marks = [(m.start(), m.group(1) == "/", m.group(2).lower()) for m in _ROW.finditer(text)]
        rows: list[tuple[int, int, int]] = []  # (start, end, table)
        tables, opened = [], 0
        for pos, close, tag in marks:
            if tag == "table":
                if close:
                    tables = tables[:-1]
                else:
                    opened += 1
                    tables = [*tables, opened]
            elif not close:
                rows.append((pos, pos, tables[-1] if tables else 0))
        ends = [r[0] for r in rows[1:]] + [len(text)]
        rows = [(start, end, table) for (start, _, table), end in zip(rows, ends)]
        last_of = {table: k for k, (_, _, table) in enumerate(rows)}
        maybe = [m.start() for m in _MAYBE.finditer(text)]
        for k, (start, end, table) in enumerate(rows[:-1]):
            i = bisect.bisect_left(maybe, start)
            if i >= len(maybe) or maybe[i] >= end or (article and article[0] <= start < article[1]):
                continue  # inside the article, a table of the document's own (a 标准目录's one item)
            head = _cells(text[start:end])
            if not any(_CELL_LABEL.fullmatch(c) for c in head):
                continue
            same = [r for r in rows[k + 1:k + 4] if r[2] == table]
            values = [(r, cells) for r in same for cells in [_cells(text[r[0]:r[1]])] if any(cells)]
            if values:  # the first row under the headings that holds anything (not a spacer row)
                row, cells = values[0]
                at = rows.index(row, k + 1)
                after = _cells(text[rows[at + 1][0]:rows[at + 1][1]]) if rows[last_of[table]] is not row else []
                yield head, cells, text.count("\n", 0, row[0]) + 1, _headings_or_none(after)
    else:
        lines = text.splitlines()
        for n, line in enumerate(lines[:-1]):
            if not _MAYBE.search(line):
                continue
            head = [_words(c).replace(" ", "") for c in _text_cells(line)]
            if len(head) < 2 or not any(_CELL_LABEL.fullmatch(c) for c in head):
                continue
            below = [_words(c).strip() for c in _text_cells(lines[n + 1])]
            after = _text_cells(lines[n + 2]) if n + 2 < len(lines) else []
            yield head, below, n + 2, len(after) != len(below) or _headings_or_none(
                [_words(c).replace(" ", "") for c in after])


def _headings_or_none(row: list[str]) -> bool:
    """Whether the row after a row of values ends the table's values: none, or another row of headings (a
    metadata table laid out as pairs of rows: 索引号 | 公开方式 / … / 发文字号 | 发布日期 / …)."""
    cells = [c for c in row if c]
    return not cells or all(_CELL_LABEL.fullmatch(c) or label_key(c) in LABELS for c in cells)


def _text_cells(line: str) -> list[str]:
    """A text copy's row: cells between single tabs (two tabs around an empty cell), else between ``|`` or
    runs of spaces."""
    line = line.strip(" \u3000|\r")
    return line.split("\t") if "\t" in line else _TEXT_CELLS.split(line)


def _cells(row: str) -> list[str]:
    return [flat(c, True).replace("|", " ").replace(" ", "") for c in _CELL.findall(row.split(">", 1)[-1])]


_CELL_LABEL = re.compile(rf"(?:{_LABEL.replace(_GAP, '')}|{_ID_LABEL})[:：]?")
_CELL_VALUE = re.compile(rf"(?:{_VALUE.replace(_GAP, '')}|{_ENGLISH})(?:公开)?(?![\u4e00-\u9fff])")


def _in_columns(text: str, is_html: bool, article: tuple[int, int] | None) -> tuple[str, int] | None:
    """A word about openness heading a column whose one row of values says not public (是否公开 over 否),
    outside the article (``article``: where it stands in ``text``)."""
    for head, below, line, last in _rows(text, is_html, article):
        if len(head) != len(below) or not last or any(_COUNTS.search(c) for c in head):
            continue
        for label, value in zip(head, below):
            if _CELL_LABEL.fullmatch(label) and _CELL_VALUE.match(value):
                return f"{label.rstrip(':：')}…{value}", line
    return None


def not_public(text: str, is_html: bool, article: tuple[int, int] | None = None) -> tuple[str, int] | None:
    """(what the page says, its line) where the page says it is not public, else None.  ``article``: where
    the page's article starts and ends in ``text`` (:attr:`.markup.HtmlPage.article`), whose tables are the
    document's own."""
    page = flat(text, is_html)
    found = [m for m in (_SAID.search(page), _NAMED.search(page), _in_choices(page)) if m is not None]
    if found:
        m = min(found, key=lambda m: m.start())
        value = m.group(2).strip() if m.re is not _CHOICES_AFTER else m.group(2).strip()[:40]
        return f"{' '.join(m.group(1).split())}…{value}", page.count("\n", 0, m.start()) + 1
    return _in_columns(text, is_html, article) if _MAYBE.search(text) else None
