"""Saved HTML pages: metadata from tables and lists, the article body as Markdown.

Parsing is BeautifulSoup's (the standard library's ``html.parser`` tree
builder, which keeps source line numbers for the report); HTML → Markdown is
markdownify's.  Site chrome is removed as elements first (``nav``, ``footer``,
scripts, and elements whose id or class names a menu, breadcrumb, share bar,
print link or footer), then line by line by :mod:`.body`.
"""

from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import dataclass, field

from ..hidden_html import HIDDEN_CLASS, HIDDEN_STYLE
from ..shown_text import WORD_CONDITION
from .body import ANCHOR_NAME
from .labels import COLON_LABEL, COLONS, LABELS, LAW_PORTAL_LABEL, label_key
from .links import is_document
from .metadata import IMAGE, Extraction, line_labels

_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "button",
                "input", "select", "textarea", "object", "embed", "svg", "canvas", "template")
_CHROME_NAME = re.compile(
    r"nav|menu|crumb|breadcrumb|position|location|footer|foot\b|share|bdshare|print|toolbar|"
    r"sidebar|side-bar|banner|header|topbar|related|relate|fontsize|font-size|zihao|pager|prevnext|"
    r"qrcode|erweima|copyright|search", re.IGNORECASE)
_CONTENT_NAME = re.compile(
    r"zoom|TRS_Editor|TRS_UEDITOR|Custom_UnionStyle|article|content|detail|main-?text|pages_content|"
    r"wzcon|newscontent|con_text|ccontent|textcontent|view", re.IGNORECASE)


@dataclass(slots=True)
class HtmlPage:
    """What an HTML page holds, for mapping and writing."""

    extraction: Extraction
    titles: list[tuple[str, str, int | None]] = field(default_factory=list)
    """Title candidates: (text, where it came from, line)."""
    body: list[str] = field(default_factory=list)
    """Markdown lines of the article (before chrome lines are dropped)."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(href, link text) of every link and image in the article body."""
    all_links: list[tuple[str, str]] = field(default_factory=list)
    """(href, link text) of every link on the page (for pairing policy and 解读)."""
    chrome_text: list[tuple[str, int | None]] = field(default_factory=list)
    """Text of removed chrome that may carry a date (「2017-05-15 来源：…」)."""
    article: tuple[int, int] | None = None
    """Where the article's container starts and ends in the page's text (offsets), when the page has one."""
    frames: list[str] = field(default_factory=list)
    """The addresses of the page's ``<iframe>`` and ``<frame>`` elements (an article shown in a frame)."""
    layout_tables: int = 0
    """Tables of more than one cell read as the page's layout: their cells' contents became paragraphs."""
    merged_tables: int = 0
    """Tables whose merged cells (rowspan, colspan) were split, each part holding the merged text."""
    hidden: list[tuple[str, int | None]] = field(default_factory=list)
    """Text the old page did not show (``display:none``, ``hidden``, a class named hidden): not imported."""


_BAD_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[|[Dd][Oo][Cc][Tt][Yy][Pp][Ee])")




def _soup(text: str):
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
    from bs4.exceptions import ParserRejectedMarkup
    if "<![" in text:
        text = WORD_CONDITION.sub(lambda m: " " * len(m.group()), text)  # as long: lines and columns stay
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            return BeautifulSoup(text, "html.parser")
        except ParserRejectedMarkup:
            # html.parser gives up on a broken declaration such as 「<![」; as text it is harmless
            return BeautifulSoup(_BAD_DECLARATION.sub("&lt;!", text), "html.parser")


def _text(el) -> str:
    return re.sub(r"[ \t\r\n\u3000\u00a0]+", " ", el.get_text(" ")).strip()


_PICTURES = ("img", "svg", "object", "embed", "image")
_ICON_NAME = re.compile(r"\bicon|\bico\b|\bfa-|iconfont|glyphicon", re.IGNORECASE)
_FILLER = re.compile(r"^(?:(?:td|tr|table|cell|row|list|nav)[_-])?(?:spacer|blank|pixel|transparent|clear|s|dot|line|"
                     r"space|kong|bg|back|background|1x1)\d*\.(?:gif|png|jpe?g|bmp|webp)$", re.IGNORECASE)
"""Whole file names of the pictures layouts fill empty cells and rows with (spacer.gif, dot.gif, td_bg.gif);
not a stamp whose name only holds such a word (ysqgk_transparent.png, a review)."""
_TOOL_WORDS = re.compile(r"^(?:打印|关闭|分享|收藏|返回|放大|缩小|字体|微信|微博|QQ|二维码|扫一扫|扫码|手机|在手机|下载|上一|下一)")
_TOOL_FILE = re.compile(r"qr_?code|erweima|ewm|share|print|weixin|wechat|weibo", re.IGNORECASE)
"""File names of a page's tools' pictures (a QR code to read the page on a phone, share and print buttons)."""
"""What a page's tools say of themselves (打印, 关闭窗口, 扫一扫在手机打开当前页): never a field's value."""
_NO_WORDS = re.compile(r"(?:图片|图标|图像|照片|印章|电子|公章|签章|logo|image|img|icon|pic|photo|点击|查看|大图|原图|放大|"
                       r"此处|这里|\W|_)+|公开", re.IGNORECASE)
"""Alt texts that describe the picture rather than say what it shows; a stamp's 公开 alone says neither
主动公开 nor 依申请公开 (a review found ysqgk.gif alt="公开" read as 主动公开)."""


def _pictures(el) -> list:
    """The pictures in ``el`` that stand where text would, in order: images, and icons with words of their own
    (a font's ``<i title="依申请公开">``) or painted with a background image.  Not a layout's filler (spacer.gif,
    td_bg.gif, a picture at most 2 pixels wide and high), an icon without words (a template puts one before every
    value), a tool's picture (inside a link to print, close or share, or saying so) nor a tool's button.  An
    ``alt=""`` is no filler: CMSs write it on every image, stamps included (a review)."""
    found = []
    for tag in [el, *el.find_all(True)]:  # a value cell painted itself (style, or HTML 4's background=)
        style = str(tag.get("style") or "").replace(" ", "").lower()
        image = tag.name in _PICTURES or tag.name == "input" and str(tag.get("type") or "").lower() == "image"
        painted = not tag.get_text(strip=True) and ("url(" in style and "background" in style
                                                    or tag.name in ("td", "th", "table") and tag.get("background"))
        icon = not tag.get_text(strip=True) and (tag.name == "i" or _ICON_NAME.search(_names(tag))) and _said(tag)
        if not (image or painted or icon) or _in_tool(tag):
            continue
        if (image or painted) and (_FILLER.match(_file_name(tag)) or all(
                re.fullmatch(r"\s*[0-2](?:px)?\s*", str(tag.get(a) or "x")) for a in ("width", "height"))):
            continue
        if _TOOL_WORDS.match(_said(tag)) or (image or painted) and _TOOL_FILE.search(_file_name(tag)):
            continue
        found.append(tag)
    # A wrapper around a picture (an icon's span, a background div, an <object>'s fallback image) is not a
    # second picture: the innermost is read (a review found 〔图片：gk-icon〕 主动公开).
    inner = {id(p) for t in found for p in t.parents}
    return [t for t in found if id(t) not in inner]


_TOOL_LINK = re.compile(r"print|close|share|bdshare|weixin|wechat|weibo|\bwx\b|\bqq\b|qzone|font|zihao|collect|"
                        r"favorite|tool", re.IGNORECASE)


def _in_tool(tag) -> bool:
    """Whether ``tag`` stands in a link of the page's tools (print, close, share …), not in one to a larger
    copy of a stamp or to the 依申请公开 guide (a review found those stamps skipped)."""
    link = tag.find_parent("a")
    if link is None:
        return False
    href = str(link.get("href") or "").replace(" ", "").lower()
    return (href.startswith("javascript:") and href not in ("javascript:;", "javascript:void(0)", "javascript:void(0);")
            or bool(_TOOL_LINK.search(_names(link))))


def _said(tag) -> str:
    return next((str(tag.get(a)).strip() for a in ("alt", "title", "aria-label") if str(tag.get(a) or "").strip()), "")


def _file_name(tag) -> str:
    # a lazy image's real picture waits in data-original or data-src (its src a blank.gif: a review)
    source = str(tag.get("data-original") or tag.get("data-src") or tag.get("src") or tag.get("data")
                 or tag.get("href") or tag.get("background") or "")
    if not source and tag.get("style"):
        m = re.search(r"url\(\s*['\"]?([^'\")]+)", str(tag.get("style")))
        source = m.group(1) if m else ""
    return source.split("?")[0].rstrip("/").rsplit("/", 1)[-1][:40] or " ".join(tag.get("class") or []) or tag.name


def _picture_text(tag) -> str:
    """A picture's words (its alt, title or aria-label), or :data:`IMAGE` with its file name when it has none
    or only words about itself (图片, 电子印章, 点击查看大图)."""
    said, name = _said(tag), _file_name(tag)
    said = _DESCRIBED.sub("", said) or said  # 主动公开图标: what it shows, then what it is
    if said and not _NO_WORDS.fullmatch(said) and said != name:
        return said
    return IMAGE.format(name)


_DESCRIBED = re.compile(r"(?:图标|标识|标志|图片|图章|印章|字样)$")


def _cell_text(cell) -> str:
    """A value cell's text; a cell with none that shows a picture (公开方式 as a stamp image) reads as the
    picture's words, or as :data:`IMAGE` when it has none: never as empty, which means "not filled in" (a
    review found 依申请公开 drawn as ysqgk.gif imported as 主动公开)."""
    return _text(cell) or " ".join(dict.fromkeys(_picture_text(t) for t in _pictures(cell)))


def _text_with_pictures(el) -> str:
    """``el``'s text with each picture's words (:func:`_picture_text`) where the picture stands, once text has
    begun: a bullet or an icon before the label is not read (it had hidden the label: a review)."""
    from bs4 import NavigableString
    from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction
    pictures = {id(t) for t in _pictures(el)}
    parts = []
    for node in el.descendants:
        if id(node) in pictures:
            if "".join(parts).strip():
                parts.append(_picture_text(node))
        elif isinstance(node, NavigableString) and not isinstance(
                node, (Comment, Declaration, Doctype, ProcessingInstruction)) or isinstance(node, CData):
            parts.append(str(node))
    return re.sub(r"[ \t\r\n\u3000\u00a0]+", " ", " ".join(parts)).strip()




def _hidden_element(el) -> bool:
    """An element the old page did not show its readers: ``style="display:none"``, the ``hidden`` attribute, a
    class named so (``hidden``, ``d-none``).  A CMS template's 经办人 and their address there became the
    imported record's first paragraphs (found by a review)."""
    attrs = getattr(el, "attrs", None) or {}
    if "hidden" in attrs or HIDDEN_STYLE.search(str(attrs.get("style") or "")):
        return True
    cls = attrs.get("class") or []
    return any(HIDDEN_CLASS.match(c) for c in ([cls] if isinstance(cls, str) else cls))


def _names(el) -> str:
    attrs = getattr(el, "attrs", None) or {}
    cls = attrs.get("class") or []
    if isinstance(cls, str):
        cls = [cls]
    return " ".join([str(attrs.get("id") or ""), *map(str, cls)])


def _column_values(row):
    """``([(label, value)], the row of values)`` where ``row`` is a row of labels only (公开方式 | 公开时限) and
    the next row has a value under each and is the table's last, or is followed by another row of labels
    (pairs of rows: 索引号 | 公开方式 / … / 发文字号 | 发布日期 / …); else None (a review found 公开方式 in such a
    table never read).  A table of many rows under such headings (文号 | 标题) is a body's, left to it."""
    cells = [label_key(_text(c)) for c in _own_cells(row)]
    if len(cells) < 2 or not all(c in LABELS for c in cells):
        return None
    under = row.find_next_sibling("tr")
    after = under.find_next_sibling("tr") if under is not None else None
    if under is None or after is not None and not all(
            label_key(_text(c)) in LABELS for c in _own_cells(after) if _text(c)):
        return None
    values = [_cell_text(c) for c in _own_cells(under)]
    if len(values) != len(cells) or any(label_key(v) in LABELS for v in values):
        return None
    return list(zip(cells, values)), under


def _row_pairs(row) -> list[tuple[str, str]]:
    """Label/value pairs of a table row: label cells (with or without a colon) followed by value cells.  An
    empty cell right after a label reads as its pictures (:func:`_cell_text`); any other stays empty, so that
    a bullet before a label or a filler after a value does not change the row (a review)."""
    own = _own_cells(row)
    cells = [_text(c) for c in own]
    for i in range(len(cells)):
        if not cells[i] and _after_label(cells, own, i):
            cells[i] = _cell_text(own[i])
        elif cells[i].endswith(tuple(COLONS)) and (i + 1 == len(cells) or not cells[i + 1] and not _pictures(
                own[i + 1]) or line_labels(cells[i + 1])) and _pictures(own[i]):
            # 公开方式：<img> in one cell, and the next empty or a pair of its own; not an icon after the colon
            # of a label whose value is the next cell (a review found it glued onto 索引号 and 文号)
            cells[i] = _text_with_pictures(own[i])
    if cells and all(_starts_label(c) for c in cells if c) and sum(1 for c in cells if c) >= 2:
        # cells each holding a label and its value (公开方式：<img> | 有 效 性：有效): read one by one, in an
        # HTML row only (a text copy's body table of such cells is no metadata: a review)
        return [pair for c in cells if c for pair in line_labels(c)]
    return line_labels(" | ".join(cells)) if cells else []


def _starts_label(text: str) -> bool:
    found = line_labels(text)
    return bool(found) and all(value for _, value in found)


def _after_label(cells: list[str], own: list, i: int) -> bool:
    """Whether empty cell ``i`` is a label's value: the label before it, or before empty cells of fillers only
    (a spacer cell between 公开方式： and its stamp: a review)."""
    j = i - 1
    while j >= 0 and not cells[j] and not _pictures(own[j]):
        j -= 1
    return j >= 0 and _is_label(cells[j])


def _is_label(text: str) -> bool:
    """A cell that is a label: one the table knows, or a few words and a colon."""
    text = text.strip()
    return bool(text) and (label_key(text) in LABELS or len(text) <= 12 and text.endswith(tuple(COLONS)))


def _converter_class():
    from markdownify import MarkdownConverter

    class Converter(MarkdownConverter):
        """markdownify as bodies need it: 500m<sup>2</sup> and CO<sub>2</sub> kept (sup_symbol, sub_symbol), and
        text struck through (``<del>``, ``<s>``, ``<strike>``, UEditor's line-through ``<span>``: what a 修改对照
        shows as deleted) as ``<s>``, which the site's bodies allow (``~~`` is no Markdown they read)."""

        convert_del = convert_s = convert_strike = staticmethod(lambda el, text, parent_tags: _struck(text))

        def convert_a(self, el, text, parent_tags):
            # Word's footnotes: <a href="#_ftn1" name="_ftnref1">[1]</a> and back: the links were kept, their
            # targets (the names) dropped, and the page's footnote links led nowhere (a review)
            name = str(el.get("name") or el.get("id") or "")
            shown = super().convert_a(el, text, parent_tags)
            return f'<a id="{name}"></a>{shown}' if re.fullmatch(ANCHOR_NAME, name) else shown

        def escape(self, text, parent_tags):
            # A text that would start a Markdown block where it starts a line (>7座客车 a quotation, #1 车道 a
            # heading, 2024. 年度 a list: a review found >7座 published as 7座): escaped wherever a text starts,
            # which the page shows as written (Python-Markdown reads \> \# \. \- \+ \* as the characters).
            return _BLOCK_START.sub(_escaped_start, super().escape(text, parent_tags))

        def convert_span(self, el, text, parent_tags):
            if "line-through" in str(el.get("style") or "").replace(" ", "").lower():
                return _struck(text)
            return text

    return Converter


_BLOCK_START = re.compile(r"^([ \t]*)(>|#|[-+*](?=[ \t])|\d{1,9}(?=[.)][ \t]))")


def _escaped_start(m: re.Match) -> str:
    lead, mark = m.groups()
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"


def _struck(text: str) -> str:
    inner = text.strip()
    return text.replace(inner, f"<s>{inner}</s>", 1) if inner else text


_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote")


_SECTIONS = ("thead", "tbody", "tfoot")


def _rows(table) -> list:
    """The rows of ``table`` itself (not of a table nested in one of its cells), in order."""
    return [row for part in table.find_all(("tr", *_SECTIONS), recursive=False)
            for row in ([part] if part.name == "tr" else part.find_all("tr", recursive=False))]


def _offsets(text: str, el) -> tuple[int, int] | None:
    """Where ``el`` starts in ``text`` and where the next element after it starts (or the end)."""
    starts = [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))]  # html.parser counts "\n"

    def offset(tag) -> int | None:
        line, col = getattr(tag, "sourceline", None), getattr(tag, "sourcepos", None)
        return starts[line - 1] + col if line is not None and col is not None and line <= len(starts) else None
    start = offset(el)
    if start is None:
        return None
    after, up = None, el
    while up is not None and after is None:
        after = up.find_next_sibling()
        up = up.parent
    end = offset(after) if after is not None else None
    return start, end if end is not None and end > start else len(text)


def _is_layout(table) -> bool:
    """A table that lays the page out rather than holding data: one cell, one row or one column (a 版头, a page's
    columns, its banner and menu); or a few rows with no row of headings, where a cell holds a table or several
    paragraphs (pages before 2010 and many TRS templates).  A table of a few rows under a row of short headings
    (序号 | 整改任务 | 整改措施) is data, whatever its cells hold (a review found such a 整改清单 dissolved into
    paragraphs)."""
    rows = _rows(table)
    grid = [_own_cells(row) for row in rows]
    cells = [c for row in grid for c in row]
    if len(cells) <= 1 or len(rows) == 1 or all(len(row) <= 1 for row in grid):
        return True  # one cell, one row (a 版头: 份号 | 秘密★1年 特急; a page's columns), or one column (banner, menu)
    if len(rows) > 5:  # a layout has a few rows; a table of forty thousand is data
        return False
    headed = len(grid) >= 2 and len(grid[0]) >= 2 and all(len(_text(c)) <= 20 for c in grid[0]) \
        and sum(len(r) >= 2 for r in grid) >= 2
    if headed:
        return False
    for cell in cells:
        if cell.find("table") is not None:
            return True
        blocks = [c for c in cell.find_all(_BLOCKS, recursive=False)]
        if len(blocks) >= 3 and len(_text(cell)) >= 100:
            return True
    return False


def _unwrap_layout_tables(soup) -> int:
    """Layout tables replaced by their cells' contents, so that the article inside them is converted as
    paragraphs and headings (a review found it run together in one Markdown table cell).  One pass in the
    page's order: an outer table is looked at before the tables inside it, and however many there are
    (a page of one-cell tables, one an article).  How many of more than one cell were, for the report."""
    unwrapped = 0
    for table in soup.find_all("table"):
        if table.name != "table" or not _is_layout(table):
            continue
        parts = table.find_all((*_SECTIONS, "caption"), recursive=False)
        rows = _rows(table)
        cells = [c for row in rows for c in _own_cells(row)]
        unwrapped += len(cells) > 1
        for el in [*cells, *rows, *parts, table]:
            el.name, el.attrs = "div", {}  # all it held stays where it was, text outside its cells too
    for table in soup.find_all("table"):  # a small table inside a data table's cell (电话 | … / 传真 | …): its text
        if table.find_parent(["td", "th"]) is not None:
            table.replace_with("；".join(" ".join(_text(c) for c in _own_cells(r)) for r in _rows(table)))
    return unwrapped


def _split_merged_cells(table) -> int:
    """A data table's merged cells split, each part a cell holding the merged text, so that every row of
    the Markdown table has its values under their headings (a 3轴 fee had moved into the 车型 column, a
    review found); 1 if the table had any, else 0.  Cells that overlap (a malformed table) are laid out
    as a browser's grid is read here: the earlier cell keeps the place."""
    carried: dict[int, list] = {}  # column → [rows still to fill, text, tag]
    merged = False
    group = None
    for row in _rows(table):
        if row.parent is not group:  # a rowspan ends at its row group (<thead>, <tbody>, <tfoot>)
            group, carried = row.parent, {}
        column = 0
        for cell in _own_cells(row):
            while column in carried:
                _fill(cell.insert_before, carried, column)
                column += 1
            if "colspan" not in cell.attrs and "rowspan" not in cell.attrs:
                column += 1
                continue
            span, down = _span(cell, "colspan"), _span(cell, "rowspan")
            merged |= span > 1 or down > 1
            for attr in ("colspan", "rowspan"):
                cell.attrs.pop(attr, None)
            text, last, taken = _text(cell), cell, [column]
            for col in range(column + 1, column + span):
                if col in carried:  # held by a cell above that spans down into this row
                    last = _fill(last.insert_after, carried, col)
                else:
                    copy = _new_cell(cell.name, text)
                    last.insert_after(copy)
                    last, taken = copy, [*taken, col]
            if down > 1:
                for col in taken:
                    carried[col] = [down - 1, text, cell.name]
            column += span
        for col in range(column, max(carried, default=column - 1) + 1):  # cells spanning down past the row's end
            if col in carried:
                _fill(row.append, carried, col)
            else:
                row.append(_new_cell("td", ""))
    return int(merged)


def _own_cells(row) -> list:
    return [c for c in row.find_all(["td", "th"], recursive=False)]


def _span(cell, attr: str) -> int:
    m = re.match(r"\s*(\d+)", str(cell.get(attr) or ""))
    return max(1, min(int(m.group(1)), 100)) if m else 1


def _new_cell(name: str, text: str):
    from bs4 import BeautifulSoup
    cell = BeautifulSoup("", "html.parser").new_tag(name)
    cell.string = text
    return cell


def _fill(put, carried: dict[int, list], column: int):
    """The cell spanning down into ``column`` of this row, put where ``put`` puts it; returned."""
    left, text, name = carried[column]
    cell = _new_cell(name, text)
    put(cell)
    if left <= 1:
        del carried[column]
    else:
        carried[column][0] = left - 1
    return cell


_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


def _centred_bold(soup):
    """The centred paragraph among the first few whose text is all bold that reads as a 公文's title (关于…,
    or ending in its kind: 通知, 办法 …), as Word saves it (``<p class=MsoNormal align=center><b>…</b></p>``);
    not the 发文机关标志 above it (江川省交通运输厅文件, joint issuers one per line: a review); else None."""
    found = []
    for p in soup.find_all("p", limit=12):
        if not (str(p.get("align") or "").lower() == "center" or _CENTRED.search(str(p.get("style") or ""))):
            continue
        text = _text(p)
        bold = "".join(_text(b) for b in p.find_all(["b", "strong"]) if not b.find_parent(["b", "strong"]))
        if len(text) >= 6 and text.replace(" ", "") == bold.replace(" ", ""):
            found.append(p)
    shaped = [p for p in found if _TITLE_SHAPE.search(_text(p).replace(" ", ""))]
    return shaped[0] if shaped else next((p for p in found if not _ISSUER_MARK.search(_text(p).replace(" ", ""))), None)


_TITLE_SHAPE = re.compile(r"关于|(?:通知|决定|意见|办法|规定|公告|通告|批复|报告|函|方案|规划|细则|条例|纪要|命令|令|议案|决议"
                          r"|公报|指南|规则|实施意见|工作要点)$")
_ISSUER_MARK = re.compile(r"文件$|(?:厅|局|委员会|委|办公室|办公厅|政府|部|署|院|会)$")


def _join_broken_title(el) -> None:
    """A ``<br>`` in the title's element breaks a long title for the layout (…的<br>通知): no break, and
    between two Chinese characters no space either.  Only there: in the body a ``<br>`` in bold text ends a
    line (联系人：… / 联系电话：…, joint issuers one per line: a review)."""
    for br in el.find_all("br"):
        before, after = br.find_previous(string=True), br.find_next(string=True)
        cjk = bool(before and after and _CJK_END.search(before) and _CJK_START.match(after))
        br.replace_with("" if cjk else " ")


_CJK_END = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]\s*$")
_CJK_START = re.compile(r"\s*[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")


def parse_html(text: str) -> HtmlPage:
    """Metadata, title candidates, body Markdown and links of an HTML page."""
    _Converter = _converter_class()
    soup = _soup(text)
    for choice in soup.select("input[type=radio], input[type=checkbox], option"):
        # a form's choice reads as its mark, where it stands (□主动公开 ☑依申请公开, or 依申请公开☑ with the button
        # after its text): the ticked one is read as such (openness.chosen)
        choice.insert_before("☑" if choice.has_attr("checked") or choice.has_attr("selected") else "□")
    page = HtmlPage(Extraction())
    ex = page.extraction
    page.all_links = [(str(a.get("href") or ""), _text(a)) for a in soup.find_all("a") if a.get("href")]
    page.frames = [str(f.get("src")) for f in soup.find_all(["iframe", "frame"]) if f.get("src")]
    title_tag = soup.find("title")
    if title_tag and _text(title_tag):
        page.titles.append((_text(title_tag), "<title>", getattr(title_tag, "sourceline", None)))
    for meta in soup.find_all("meta"):
        name = str(meta.get("name") or "").lower()
        if name in ("pubdate", "publishdate", "firstpublishedtime") and meta.get("content"):
            page.chrome_text.append((str(meta["content"]), getattr(meta, "sourceline", None)))
        if name in ("articletitle", "title") and meta.get("content"):
            page.titles.append((str(meta["content"]).strip(), f'<meta name="{meta.get("name")}">',
                                getattr(meta, "sourceline", None)))
    # metadata: table rows first, then small blocks made of 「标签：取值」
    consumed = []
    container = _content_root(soup)
    container = None if container is soup or container is soup.body else container
    page.article = _offsets(text, container) if container is not None else None
    for row in soup.find_all("tr"):
        if row.find("tr") or any(row is c for c in consumed):
            continue
        # a table laid out in columns, a row of labels and their values below, outside the article (inside,
        # 文件名称 | 文号 over one row is a table of the document's own)
        below = _column_values(row) if container is None or container not in row.parents else None
        if below is not None:
            values, under = below
            ex.add(values, getattr(row, "sourceline", None))
            consumed += [row, under]
            continue
        inside = container is not None and container in row.parents
        first = row.find(["td", "th"])
        # Inside the article, a row is metadata only where its label says so with a colon (索 引 号：): a
        # table of the document's own (公开方式 | 件数) had been taken for metadata and left its body (a review).
        pairs = _row_pairs(row) if not inside or (first is not None and _LABELLED.search(_text(first))) else []
        if pairs:
            ex.add(pairs, getattr(row, "sourceline", None))
            consumed.append(row)
    for string in soup.find_all(string=_LABEL_START):
        el = _block(string)
        if el is None or any(el is c or c in el.parents for c in consumed):
            continue
        text = _text(el)
        pairs = line_labels(text)
        if not pairs:
            continue
        if any(not value for _, value in pairs) and _pictures(el):  # 公开方式：<img src="ysqgk.gif">
            pictured = dict(line_labels(_text_with_pictures(el)))
            pairs = [(key, value or pictured.get(key, "")) for key, value in pairs]
        if LAW_PORTAL_LABEL.search(text):
            ex.law_portal = True
        ex.add(pairs, getattr(el, "sourceline", None))
        consumed.append(el)
    # the metadata's elements are removed before the body is taken (tables whose rows all were metadata too)
    for el in consumed:
        table = el.find_parent("table") if el.name == "tr" else None
        el.decompose()
        # Only a table left empty: an unclosed metadata table holds the article that follows it (a review
        # found the whole body gone).
        if table is not None and not table.find(["td", "th"]) and not _text(table).strip():
            table.decompose()
    for el in list(soup.find_all(_hidden_element)):  # after the metadata: a hidden 公开方式 still counts
        if not el.decomposed and _text(el).strip():
            page.hidden.append((_text(el)[:300], getattr(el, "sourceline", None)))
        if not el.decomposed:
            el.decompose()
    page.layout_tables = _unwrap_layout_tables(soup)
    page.merged_tables = sum(_split_merged_cells(t) for t in soup.find_all("table"))
    # the page heading, looked for before chrome goes (an article's <header> holds it); a site logo is shorter
    headings = sorted((h for h in soup.find_all("h1") if len(_text(h)) >= 6), key=lambda h: -len(_text(h)))
    if headings:
        _join_broken_title(headings[0])
        page.titles.insert(0, (_text(headings[0]), "<h1>", getattr(headings[0], "sourceline", None)))
    elif (centred := _centred_bold(soup)) is not None:  # Word's 另存为网页: its <title> is the first line
        _join_broken_title(centred)
        page.titles.insert(0, (_text(centred), "居中加粗的标题行", getattr(centred, "sourceline", None)))
    for tag in soup.find_all("aside"):  # a platform's side menu inside <main> (信息公开 · 指南 · 制度 …), not a note
        if 2 * sum(len(_text(a)) for a in tag.find_all("a")) >= len(_text(tag)) and not any(
                is_document(str(a.get("href") or "")) for a in tag.find_all("a")):
            page.chrome_text.append((_text(tag)[:300], getattr(tag, "sourceline", None)))
            tag.decompose()
    for tag in soup.find_all(_CHROME_TAGS):
        if tag.name == "header" or tag.name == "footer":
            page.chrome_text.append((_text(tag)[:300], getattr(tag, "sourceline", None)))
        tag.decompose()
    # Chrome by its class or id only around the article: inside it, a table's "table-header" row, a 职务
    # cell of class "position", a "research" section are the document's (a review found them removed).
    article = _content_root(soup)
    for el in list(soup.find_all(True)):
        if el.decomposed:  # inside chrome removed a moment ago
            continue
        names = _names(el)
        if names.strip() and _CHROME_NAME.search(names) and not _CONTENT_NAME.search(names):
            inside_article = article is not soup and article in el.parents
            if inside_article and el.name not in _TABLE_PARTS and _BLOCK_CHROME.search(names):
                # a 相关文件 list, a share bar or a pager inside the article's wrapper: still the site's
                page.chrome_text.append((_text(el)[:300], getattr(el, "sourceline", None)))
                el.decompose()
            elif el.name not in ("html", "body") and article is not soup and el is not article \
                    and not inside_article and el not in article.parents:
                page.chrome_text.append((_text(el)[:300], getattr(el, "sourceline", None)))
                el.decompose()
            elif article is soup or article is soup.body:
                if el.name not in ("html", "body"):
                    page.chrome_text.append((_text(el)[:300], getattr(el, "sourceline", None)))
                    el.decompose()
    root = _content_root(soup)
    page.links = [(str(a.get("href") or ""), _text(a)) for a in root.find_all("a") if a.get("href")]
    page.links += [(str(i.get("src") or ""), str(i.get("alt") or "")) for i in root.find_all("img") if i.get("src")]
    if root is not soup:  # attachments listed in a block of their own after the article (TRS's "fujian")
        page.links += [(str(a.get("href")), _text(a)) for a in soup.find_all("a", href=True)
                       if root not in a.parents and is_document(str(a.get("href")))
                       and _in_attachment_block(a)]
    converter = _Converter(heading_style="ATX", bullets="-", escape_underscores=True, escape_asterisks=True,
                           strip=["font"], table_infer_header=True, sup_symbol="<sup>", sub_symbol="<sub>")
    if root.name in ("td", "th"):  # the article's cell converted as a block, not as one cell of a table
        root.name = "div"
    md = converter.convert_soup(root) if root is not soup else converter.convert_soup(soup)
    page.body = md.replace("\u00a0", " ").split("\n")
    return page


_LABEL_START = re.compile(rf"^[\s\u3000\u00a0]*(?:{LAW_PORTAL_LABEL.pattern}|{COLON_LABEL.pattern})")
_INLINE = frozenset({"span", "b", "strong", "font", "label", "em", "i", "a", "u", "small", "dt", "th"})


def _block(string):
    """The smallest block around a text node that starts with a label (its value sits in a sibling)."""
    el = string.parent
    while el is not None and el.name in _INLINE and el.parent is not None and el.parent.name not in ("tr",):
        el = el.parent
    if el is None or el.name in ("html", "body", "[document]", "tr", "td", "table"):
        return None
    return el


_LABELLED = re.compile(rf"[{COLONS}]\s*$|^【")
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"})
_BLOCK_CHROME = re.compile(r"related|relate|share|bdshare|pager|prevnext|qrcode|erweima|print|toolbar|fontsize|"
                           r"font-size|zihao|breadcrumb|crumb", re.IGNORECASE)
"""Class or id words that stay the site's inside the article's wrapper too (not header, position or
search: a table's header row, a 职务 cell, a research section are the document's)."""
_ATTACHMENT_BLOCK = re.compile(r"fujian|attach|appendix|annex|xgfj|enclosure|附件", re.IGNORECASE)


def _in_attachment_block(a) -> bool:
    """Whether a link outside the article stands in a block of the document's attachments (its class or id
    says so, or its text begins with 附件), not in a side column's 申请表 and 指南 every page links (a
    review found them attached to every record)."""
    for el in list(a.parents)[:4]:
        if el.name in ("body", "html", "[document]"):
            return False
        if _ATTACHMENT_BLOCK.search(_names(el)) or _text(el).startswith(("附件", "相关附件", "附件下载")):
            return True
    return False


def _content_root(soup):
    """The element holding the article: a known content container with the most text that is not a link's,
    else ``<body>`` (a side column's 最新信息, a list of links, had been taken for a short notice: a review)."""
    found = []
    for el in soup.find_all(["div", "td", "article", "section", "main"]):
        if _CONTENT_NAME.search(_names(el)) or el.name in ("article", "main"):
            text = len(_text(el))
            links = sum(len(_text(a)) for a in el.find_all("a"))
            found.append((links * 2 < text, text - links, el))  # mostly links: a list, taken last
    best = max(found, key=lambda f: f[:2], default=None)
    if best is not None and best[1] >= 40:
        return best[2]
    return _holding_most(soup.body or soup)


def _holding_most(body):
    """Without a named container (a table-layout page of before 2010): the innermost block holding most of the
    page's text that is not a link's, the article's cell, not the page's banner, menu, side column and footer
    around it (a review found them in every record of such a site); else ``body``.  Two blocks holding more
    than half of it each are one inside the other, so the last found in the page's order is the innermost."""
    def own(el) -> int:
        return len(_text(el)) - sum(len(_text(a)) for a in el.find_all("a"))
    total = own(body)
    if total < 200:
        return body
    # The block must hold the page's title where the page shows it: a long footer or side column of text
    # beside a short notice holds most of the text too, and the notice would be lost.
    named = _text(body.find_parent("html").find("title")) if body.find_parent("html") and body.find_parent(
        "html").find("title") else ""
    title = re.split(r"\s*[-_|—]\s*", named)[0].replace(" ", "") if named else ""
    shown = title if len(title) >= 6 and title in _text(body).replace(" ", "") else ""
    best = body
    for el in body.find_all(["div", "td", "article", "section"]):
        if own(el) > 0.5 * total and (not shown or shown in _text(el).replace(" ", "")):
            best = el
    return _word_document(best)


_WORD_SECTION = re.compile(r"(?:^|\s)(?:Word)?Section\d+(?:\s|$)")


def _word_document(el):
    """The element holding all of a Word document's sections when ``el`` is in one of them, else ``el``.  Word's
    另存为网页 writes each section (a landscape page for the 附件's table, after a section break) as a
    ``<div class=WordSection2>`` and the footnotes' text in a ``mso-element:footnote-list`` after them, all beside
    each other: the first section, most of the text, had been taken for the article and the 附件 and footnotes
    left out without a word (a review).  A Word page has no chrome around them to cut; where something else with
    text stands beside them (a site's page holding a Word export), ``el`` is kept, and the site's chrome left out."""
    section = next((e for e in (el, *el.parents) if e.name == "div" and _WORD_SECTION.search(_names(e))), None)
    if section is None or section.parent is None:
        return el
    if any(_text(e) and not _WORD_SECTION.search(_names(e)) and not _WORD_PART.search(str(e.get("style") or ""))
           for e in section.parent.find_all(True, recursive=False)):
        return el
    return section.parent


_WORD_PART = re.compile(r"mso-element\s*:\s*(?:footnote|endnote|comment)-list", re.IGNORECASE)
"""The blocks Word writes after a document's sections: its footnotes, endnotes and comments (hidden, not imported)."""
