"""The importer's net for pages that say, anywhere, that they are not public.

A page the old system marked 依申请公开, 不予公开 or 内部 must never become a
record the next build publishes, even when the office states that its pages
were public (``--disclosure 主动公开``).  The labels the importer maps
(公开方式 …, :mod:`.labels`) are read where they stand; pages also say it where
no label is read (found by four reviews, each a leak): a label the table does
not know (是否公开, 密级, 知悉范围, 公开标识), a text copied with each value on
the line below its label, an HTML comment, a ``<meta>`` tag, form fields, a
field named in pinyin (``gkfs``), JSON in a script (its ``\\u`` escapes too),
a template's script choosing the value by a code, an attribute without quotes,
CDATA, a table laid out in columns, a form's ticked choice (a paper form's
是（ ）否（√） too), traditional characters, words spaced out, wrapped, or cut by
a zero-width character or by an inline tag (``不予<span>公开</span>``).

So the whole page as saved is read once more, flattened (:func:`flat`): a
block tag is a cell break (``|``) holding the values of the attributes that
hold text, an inline tag is nothing (a word it cuts is whole again), a link's
text is marked as such, a form's choice is its mark (☑ ticked, □ not),
comments, CDATA and the text scripts write are text, a script's comparison
(``gkfs == "依申请公开"``) is not, entities are decoded, NFKC, traditional
characters read as simplified (:mod:`build_tools.hanzi`), invisible format characters
removed.  Words match with spaces or a line break between their characters.
It is not public where:

- a word about openness (公开方式, 是否公开, 密级, ``gkfs`` …) that is a field's
  name (not inside a sentence or a list: no Chinese character, 、 or comma right
  before it, unless a colon follows it; not a link's text) is followed, with
  only punctuation, spaces and breaks between, by a value that is not 主动公开
  (依申请, 不予公开, 部分公开, 内部, 涉密, 否 …) and ends there (a break,
  punctuation or a space follows it: 不予公开理由 is a label, not a value; a 、
  continues a list);
- after such a word, a form lists choices and the one ticked, alone among
  unticked ones, is such a value (□主动公开 ☑依申请公开, 依申请公开√, 否（√）);
- a short name about openness ending in a colon (公开标识：) is followed by a
  value only a page that is not public has; or a yes-or-no field named after
  what keeps a page off the site is answered yes (依申请公开：是, 是否涉密：是);
- a script writes such a value by a code the net cannot follow, after such a
  word;
- a table laid out in columns has such a word over such a value, in the row
  of values of a metadata table (one row, or pairs of label and value rows; in
  the article's container only with the page's other labels beside it: a
  document's own table, or counts under 件数, is not its page's openness).

A lone value anywhere on the page does not count: a portal's menu link, its
search form's options, its keywords and a guide's sentences would then withhold
every page (three reviews).  The 公文's own marks in its body (（此件依申请公开）,
（此件不上网）, 秘密★1年) are read by the check's reading of them
(:func:`build_tools.disclosure_notes.marked_not_public`), over the imported body.  What
the net finds makes the record's 公开方式 the placeholder, an error, unless the
labels already gave 依申请公开 or 不予公开: the editor decides, and until then
the record is not published.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata

from ..hanzi import simplified
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
    r"|(?:主动)?公开(?=[ ]*[:=])")  # a bare 公开 only with a colon (公开：否), and 主动公开：否
_ID_LABEL = (r"(?<![A-Za-z])(?i:gkfs|gksx|gkfw|gkxs|gklx|sfgk|opentype(?:name)?|openmode|publictype|ispublic|isopen"
             r"|secretlevel|publishscope|disclosuretype|(?:disclosure|openness)(?=[ ]*[:=]))(?![A-Za-z])")
"""A field's name in pinyin or English (Disclosure: …, not a menu's Disclosure upon Application)."""
_ANY_LABEL = rf"(?<!{_CJK})(?<![、·,，])(?:{_LABEL})|(?:{_LABEL})(?=[ ]*[:：])|{_ID_LABEL}"
"""A word about openness, not inside a sentence (明确是否公开，… is a rule's text, not a field) nor a list
(公开范围、公开方式、依申请公开), unless a colon makes it a field (发布机构：江川省交通运输厅是否公开：否, spans
run together)."""
_STRONG = _spaced(
    r"依申请(?:公开)?|不予以?(?:主动)?公开|暂不予?公开|暂缓公开|不得公开|非主动公开|不对外公开|不主动公开|不公开"
    r"|非公开|免[予于]公开|不宜公开|部分公开|有条件公开|限定范围公开|限制公开|限定公开|定向公开|涉密|不上网")
"""Values only a page that is not public has."""
_ENGLISH = (r"(?i:upon application|on request|by application|not (?:to be )?(?:disclosed|public)|withheld"
            r"|confidential|restricted|classified|apply|private|internal|secret)")
_VALUE = (rf"{_STRONG}|{_spaced('申请公开|内部|秘密|机密|绝密|党内|本机关|本单位|本系统')}|[否不](?!{_CJK})|[×✗✘]"
          r"|(?<![\w.])(?i:n|no|f|false|0)(?![\w.])")
"""…and values that say so only after a word about openness (否 after 是否公开; 内部 after 密级)."""
_END = r"(?=[ ]|(?![、/·])[^\w\s]|\n|$)"
"""Where a value ends: a space, punctuation, a break or the end (不予公开理由 is a label; 依申请公开、监督保障 a
list)."""
_UNTICKED = "□☐○◯◻▢"
_TICKED = "☑☒■√✔✓●◉▣✅"
_BREAKS = r"(?:(?![、·])[^\w]|_|丨)"
_SAID = re.compile(rf"({_ANY_LABEL})(?:[ ]*[为是](?![否]))?{_BREAKS}{{0,60}}?(?<![{_UNTICKED}])(?<![{_UNTICKED}] )"
                   rf"((?:{_VALUE}){_END}|{_ENGLISH}(?=[ ]*(?:[^\w\s]|\n|$)))")
_NAMED = re.compile(rf"(?<!{_CJK})((?:[ ]*{_CJK}){{0,6}}?(?:公开|密|属性|标识|方式|范围|类别|性质|上网)"
                    rf"(?:[ ]*{_CJK}){{0,4}}?)[ ]*[:：=][ \"'“‘(\[]*({_STRONG}){_END}")
"""A short name about openness and a colon, then a value only a page that is not public has (公开标识：)."""
_CHOICES_AFTER = re.compile(rf"({_ANY_LABEL}){_BREAKS}{{0,20}}?([^\n]{{1,80}})")
"""A word about openness followed by a form's choices (its marks first, or after each choice)."""
_CELL_BREAKS = re.compile(r"[ ]*\|[ |]*")
_PAREN_TICKED = re.compile(r"[(（\[【][ ]*[√✓✔☑■●xX×][ ]*[)）\]】]")
_PAREN_EMPTY = re.compile(r"[(（\[【][ ]*[)）\]】]")
_MARK_BEFORE = re.compile(rf"([{_UNTICKED}{_TICKED}])[ ]*([^\s{_UNTICKED}{_TICKED}|]{{1,12}})")
_MARK_AFTER = re.compile(rf"([^\s{_UNTICKED}{_TICKED}|()（）]{{1,12}})[ ]*[(（]?[ ]*([{_UNTICKED}{_TICKED}])")
_WHOLE_VALUE = re.compile(rf"(?:{_VALUE}|{_ENGLISH})")
_STRONG_RX = re.compile(_STRONG)
_SCRIPTED = re.compile(rf"({_ANY_LABEL}){_BREAKS}{{0,60}}?(\ue002)")
_YES = re.compile(rf"(?<!{_CJK})({_spaced('依申请公开|不予公开|是否涉密|是否保密|涉密情况|涉密|内部资料')})"
                  r"[ ]*[:：=](?:[ \"'|]|\n){0,8}"
                  r"((?:是|√|✓|✔|☑)(?!\w)|(?<![\w.])(?i:y|yes|true|1)(?![\w.]))")
_SUBJECT_SAYS = re.compile(r"(?<![\u4e00-\u9fff])((?:该|本|此)(?:条)?(?:信息|文件|件|公文|内容))[^。；\n]{0,12}?"
                           r"((?:依申请(?:公开|提供)|不予公开|不宜公开|不对外公开|不予主动公开|不公开|内部文件"
                           r"|涉及国家秘密)(?![\u4e00-\u9fff]{0,2}的))")
"""A page whose text says of itself that it is not public (该信息为依申请公开信息…, 本件为内部文件): a catalogue
entry standing for a withheld document (a review)."""
_JSON_NESTED = re.compile(rf"({_ID_LABEL})[\"']?[ ]*:[ ]*\{{[^{{}}\n]{{0,80}}?[\"']?name[\"']?[ ]*:[ ]*[\"']"
                          rf"((?:{_VALUE}|{_ENGLISH}){_END})")
"""A field's value one level down in a page's state: gkfs: {code: "2", name: "依申请公开"}."""
_JSON_PAIR = re.compile(rf"[\"']({_LABEL})[\"'][ ]*,[ ]*[\"'][^\"'\n]{{1,12}}[\"'][ ]*:[ ]*[\"']((?:{_VALUE}){_END})")
"""A page's state as a list of fields: {"名称": "公开方式", "值": "依申请公开"}."""
"""A yes-or-no field named after what makes a page not public, answered yes (依申请公开：是, 是否涉密：是)."""

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
_FIELD_TAG = re.compile(r"(?:^|_)(?:gkfs|gksx|sfgk|gklx|mj)$")
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
    """The page as text with its structure as breaks (see the module's note); the page's line breaks kept.
    A link's text stands between ``LINK`` and ``END_LINK``."""
    if is_html:
        text = _SCRIPT.sub(_script_text, text)
        text = _TAG.sub(_tag_text, _COMMENT.sub("|", text))
        text = html.unescape(text)
    return _words(text)


LINK, END_LINK = "\ue000", "\ue001"
_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(</script\s*>)", re.IGNORECASE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_LITERAL = re.compile(r"(['\"])((?:(?!\1).){1,40}?)\1")
_SET = re.compile(r"\b(\w+)\s*=\s*(['\"]?)([\w-]{1,20})\2\s*[;,\n]")
_BRANCH = re.compile(r"if\s*\(\s*(\w+)\s*={2,3}\s*(['\"]?)([\w-]{1,20})\2\s*\)\s*\{?\s*"
                     r"document\.write(?:ln)?\(\s*(['\"])(.*?)\4\s*\)")
_ELSE = re.compile(r"else\s*\{?\s*document\.write(?:ln)?\(\s*(['\"])(.*?)\1\s*\)\s*;?\s*\}?\s*$")
_CHOOSES = re.compile(r"\b(?:if|switch|case|function)\b|[?\[]")
UNREAD = "\ue002"
"""What a script that writes a value only a page that is not public has, by a code the net cannot follow,
stands as (switch, an array, a function)."""


def _script_text(m: re.Match) -> str:
    """A script as the net reads it: ``\\uXXXX`` escapes decoded (JSON in a page's state); a template's
    ``if (gk == '2') document.write('依申请公开') else …`` evaluated for the code the page sets; a script that
    writes a value only a page that is not public has, by code not so followed, is :data:`UNREAD`."""
    body = _ESCAPE.sub(lambda e: chr(int(e.group(1), 16)), m.group(2))
    strong = [lit for _, lit in _LITERAL.findall(body) if _STRONG_RX.fullmatch(_words(lit).strip())]
    if not strong or "document.write" not in body and "innerHTML" not in body and "innerText" not in body:
        return m.group(1) + body + m.group(3)
    if not _CHOOSES.search(body):  # written as it is: document.write("依申请公开")
        return "|" + "|".join(lit for _, lit in _LITERAL.findall(body)) + "|" + "\n" * body.count("\n")
    branches = _BRANCH.findall(body)
    codes = {name: code for name, _, code in _SET.findall(body)}
    if branches and all(name == branches[0][0] for name, *_ in branches) and branches[0][0] in codes:
        code = codes[branches[0][0]]
        written = next((text for _, _, value, _, text in branches if value == code), None)
        if written is None and (rest := _ELSE.search(body)) is not None:
            written = rest.group(2)
        if written is not None:
            return "|" + written + "|" + "\n" * body.count("\n")
    return "|" + UNREAD + "|" + "\n" * body.count("\n")


def _tag_text(m: re.Match) -> str:
    closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
    lines = "\n" * rest.count("\n") if "\n" in rest else ""
    if closing or "=" not in rest and not _FLAG.search(rest):  # most tags: nothing to read in them
        if name == "a":
            return (END_LINK if closing else LINK) + lines
        if not closing and _FIELD_TAG.search(name):
            return "|" + name.split("_")[-1] + ":" + lines
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
    if name == "a":  # a link's text is marked: a menu's 公开方式 is no label (see _first)
        return (END_LINK if closing else LINK) + lines
    if not closing and _FIELD_TAG.search(name):  # <gkfs>依申请公开</gkfs>, TRS's <TRS_GKFS>: the field by its tag
        return "|" + name.split("_")[-1] + ":" + lines
    if name == "meta" and attrs.get("name", "").lower() in ("keywords", "description"):
        return "|" + lines  # a section's words for search engines (公开范围,公开方式,依申请公开), on every page
    values = [v for k, v in attrs.items() if k != "type"]
    if name in _INLINE and not values:
        return lines
    return "|" + "|".join(values) + "|" + lines


def _ticked(segment: str) -> list[str] | None:
    """The ticked choices of a form written out (☑依申请公开 □主动公开, 依申请公开√ 主动公开, or a paper form's
    是（ ）否（√）), or None when ``segment`` lists no choices."""
    segment = _PAREN_EMPTY.sub("□", _PAREN_TICKED.sub("☑", segment)).replace(LINK, "").replace(END_LINK, "")
    segment = _CELL_BREAKS.sub(" ", segment)  # a radio in a cell of its own, Word's check box element
    if not any(ch in _UNTICKED or ch in _TICKED for ch in segment):
        return None
    head = segment.lstrip(" |:：")
    if not head:
        return None
    pairs = ([(mark, word) for mark, word in _MARK_BEFORE.findall(head)] if head[0] in _UNTICKED + _TICKED
             else [(mark, word) for word, mark in _MARK_AFTER.findall(head)])
    if not pairs or all(mark in _TICKED for mark, _ in pairs) and len(pairs) > 1:
        return None  # ● 主动公开 ● 依申请公开: a list's bullets, not a form's ticks
    return [word for mark, word in pairs if mark in _TICKED]


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
            if _WHOLE_VALUE.fullmatch(word.strip(" :：")):
                return m
    return None


def _first(rx: re.Pattern, page: str, links: list[tuple[int, int]]) -> re.Match | None:
    """The first match of ``rx`` whose label is not a link's text (公开方式 and 依申请公开 side by side in a
    portal's menu are links, on every page; a value may be one: 公开方式：<a>依申请公开</a>)."""
    for m in rx.finditer(page):
        at = bisect.bisect_right(links, (m.start(1), len(page))) - 1
        if at < 0 or not links[at][0] <= m.start(1) < links[at][1]:
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
            if i >= len(maybe) or maybe[i] >= end:
                continue
            head = _cells(text[start:end])
            if not any(_CELL_LABEL.fullmatch(c) for c in head):
                continue
            if article and article[0] <= start < article[1] and sum(label_key(c) in LABELS for c in head) < 3:
                continue  # inside the article, a table of the document's own (a 标准目录's one item), unless the
                # page's metadata stands there (索引号 | 发布机构 | 发文字号 | 是否公开: a template wraps it in)
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
            below = [_words(c).strip() for c in _under(line, lines[n + 1], len(head))]
            # the row after, placed the same way: a table whose every row has an empty cell has many rows
            # (lined up with the headings, and no sentence: a line of prose with a double space is not: a review)
            after = _under(line, lines[n + 2], len(head), near=4) if n + 2 < len(lines) else []
            if any(c.rstrip().endswith(tuple("。；：！？，:;")) or _LABEL_CELL.match(c) for c in after):
                after = []  # a sentence, or labels of their own (发布机构：…  发布日期：…): not this table's row
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


_LABEL_CELL = re.compile(r"[\u4e00-\u9fff ]{2,8}[:：]")
_GAPS = re.compile(r"[ \u3000\u00a0]{2,}|\t")
_WIDE = ("WF", "WFA", "")
"""The East Asian widths a copy may have counted as two columns: as a Chinese editor shows them (“ ” and ①
one column), as a terminal may (two), or none (a copy that counts characters, as pdftotext's layout does)."""


def _under(head: str, row: str, count: int, near: int | None = None) -> list[str]:
    """The cells of ``row``, the line under a text copy's row of ``count`` headings ``head``.  Laid out with
    runs of spaces (or tab stops), a row whose cell is empty has fewer cells than headings: each is put under
    the heading whose start is nearest its own, columns in order, as a fixed-width font shows them, and the
    empty one stays empty (a review found the later cells shifted under the wrong headings).  Of the ways a
    copy may have counted a Chinese character's columns, the one that lines the row up best is taken."""
    cells = _text_cells(row)
    if len(cells) == count or "|" in head + row or "\t" in head and "\t" in row:
        return cells
    best: tuple[int, list[tuple[int, str]]] | None = None
    for wide in _WIDE:
        heads, values = _placed(head, wide), _placed(row, wide)
        if len(heads) != count or not 2 <= len(values) <= count:  # one cell alone is no row of the table
            continue
        found = _nearest([start for start, _ in heads], values)
        if best is None or found[0] < best[0]:
            best = found
    if best is None or near is not None and best[0] > near * len(best[1]):
        return cells  # ``near``: each cell within so many columns of its heading on average, or no row of it
    out = [""] * count
    for j, text in best[1]:
        out[j] = text
    return out


def _nearest(heads: list[int], values: list[tuple[int, str]]) -> tuple[int, list[tuple[int, str]]]:
    """The placing of ``values`` (start, text) under ``heads`` (starts), in order, one a heading, with the
    least total distance between starts: (that distance, [(heading, text)])."""
    n, k = len(heads), len(values)
    # cost[i][j]: values[:i] placed under heads[:j], values[i - 1] under heads[j - 1]
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(k + 1)]
    came: dict[tuple[int, int], int] = {}
    cost[0] = [0] * (n + 1)
    for i in range(1, k + 1):
        low, low_at = inf, -1  # the best of cost[i - 1][:j], as j grows
        for j in range(1, n + 1):
            if cost[i - 1][j - 1] < low:
                low, low_at = cost[i - 1][j - 1], j - 1
            if low < inf:
                cost[i][j] = low + abs(values[i - 1][0] - heads[j - 1])
                came[i, j] = low_at
    j = min(range(1, n + 1), key=lambda j: cost[k][j])
    total, placing = cost[k][j], []
    for i in range(k, 0, -1):
        placing.append((j - 1, values[i - 1][1]))
        j = came.get((i, j), 0)
    return int(total), placing[::-1]


def _placed(line: str, wide: str) -> list[tuple[int, str]]:
    """(column where it starts, text) of each cell of a line laid out with runs of spaces or tab stops, the
    East Asian widths ``wide`` counted as two columns."""
    line = line.rstrip(" \u3000\u00a0\r")
    out, at, column = [], 0, 0
    for gap in [*_GAPS.finditer(line), None]:
        end = gap.start() if gap else len(line)
        text = line[at:end]
        lead = len(text) - len(text.lstrip(" \u3000\u00a0"))
        if text.strip(" \u3000\u00a0"):
            out.append((column + _width(text[:lead], wide), text.strip(" \u3000\u00a0")))
        column += _width(text, wide)
        if gap is not None:
            column = (column // 8 + 1) * 8 if gap.group() == "\t" else column + _width(gap.group(), wide)
            at = gap.end()
    return out


def _width(text: str, wide: str = "WF") -> int:
    return sum(2 if unicodedata.east_asian_width(c) in wide else 1 for c in text) if wide else len(text)


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
    opened = [m.start() for m in re.finditer(LINK, page)]
    closed = [m.start() for m in re.finditer(END_LINK, page)] if opened else []
    links = [(start, closed[i] if (i := bisect.bisect_right(closed, start)) < len(closed) else len(page))
             for start in opened]
    found = [m for m in (_first(_SAID, page, links), _first(_NAMED, page, links), _first(_YES, page, links),
                         _first(_SCRIPTED, page, links), _first(_JSON_PAIR, page, links),
                         _first(_JSON_NESTED, page, links), _first(_SUBJECT_SAYS, page, links), _in_choices(page))
             if m is not None]
    if found:
        m = min(found, key=lambda m: m.start())
        value = m.group(2).strip()[:40] if m.re is not _SCRIPTED else "（由脚本按代码写出，无法判断）"
        at = m.start(1) + len(m.group(1)) - len(m.group(1).lstrip())  # not the line break before the label
        return f"{' '.join(m.group(1).split())}…{value}", page.count("\n", 0, at) + 1
    return _in_columns(text, is_html, article) if _MAYBE.search(text) else None
