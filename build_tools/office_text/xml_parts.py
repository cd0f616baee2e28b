"""The text of an XML part of an Office or OpenDocument package, and where it stands in words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .parse import MAX_SPACES, ODF_TEXT, ODF_OFFICE, parse_xml
from .passage import APART, Passage
from .workbooks import cell_number


_PARTS = (  # where a part's text stands, in Word's, Excel's and PowerPoint's words
    (re.compile(r"word/document\d*\.xml"), "正文"),
    (re.compile(r"word/header\d*\.xml"), "页眉"),
    (re.compile(r"word/footer\d*\.xml"), "页脚"),
    (re.compile(r"word/(?:comments\w*|people)\.xml"), "批注"),
    (re.compile(r"word/footnotes\.xml"), "脚注"),
    (re.compile(r"word/endnotes\.xml"), "尾注"),
    (re.compile(r"(?:word|xl|ppt)/charts/.*"), "图表"),
    (re.compile(r"(?:word|xl|ppt)/diagrams/.*"), "SmartArt 图形"),
    (re.compile(r"xl/comments\d*\.xml|xl/comments/.*|xl/threadedComments/.*"), "批注"),
    (re.compile(r"xl/drawings/.*"), "工作表中的文本框或图形"),
    (re.compile(r"xl/externalLinks/.*"), "外部链接保存的数据"),
    (re.compile(r"xl/pivotCache/.*"), "数据透视表的缓存（即使原来的数据已经删去）"),
    (re.compile(r"ppt/slides/slide(\d+)\.xml"), "第 {} 张幻灯片"),
    (re.compile(r"ppt/notesSlides/notesSlide(\d+)\.xml"), "第 {} 张幻灯片的备注"),
    (re.compile(r"ppt/slideMasters/.*"), "幻灯片母版"),
    (re.compile(r"ppt/slideLayouts/.*"), "幻灯片版式"),
    (re.compile(r"docProps/.*|meta\.xml"), "文件属性"),
    (re.compile(r"(?:.*/)?_rels/.*\.rels"), "文件内部记下的链接地址"),
    (re.compile(r"content\.xml"), "正文"),
    (re.compile(r"styles\.xml"), "页眉、页脚或样式"),
    (re.compile(r"Doc_\d+/Pages/Page_(\d+)/Content\.xml"), "第 {} 页"),
    (re.compile(r"Doc_\d+/Tpls/.*"), "页面模板"),
    (re.compile(r"Doc_\d+/.*"), "页面或批注"),
    (re.compile(r"Object \d+/.*"), "图表或嵌入的对象"),
)


def part_name(name: str) -> str:
    for pattern, words in _PARTS:
        m = pattern.fullmatch(name)
        if m:
            return words.format(int(m.group(1)) + (1 if name.startswith("Doc_") else 0)) if m.groups() else words
    return f"内部的 {name}"


_SEPARATE = frozenset({
    # Word: paragraph, cell, breaks, tab; Excel: cell, string; PowerPoint: paragraph, break;
    # OpenDocument: paragraph, heading, cell, breaks, tab
    "p", "tc", "br", "cr", "tab", "c", "si", "h", "table-cell", "line-break", "Relationship",
})
_INLINE = frozenset({
    # the runs of a paragraph, which Word, PowerPoint and OpenDocument show side by side
    "t", "delText", "instrText", "delInstrText", "r", "span", "a", "s", "ins", "del", "moveFrom", "moveTo",
    "hyperlink", "smartTag", "fldSimple", "sdt", "sdtContent", "proofErr", "bookmarkStart", "bookmarkEnd",
    "noBreakHyphen", "softHyphen", "sym", "fldChar", "rubyBase", "ruby", "bookmark", "soft-page-break",
})
_TEXT_ATTRIBUTES = ("descr", "title", "instr", "Target", "alt", "href", "string-value", "tooltip", "author",
                    "displayName")
"""Attributes that hold text a reader of the file can find: an image's alternative text, a field's
instruction (HYPERLINK "tel:…"), a link's address and tip, a reviser's or a commenter's name; and a
document variable's value (``w:docVar``, ``p:tag``: where OA plug-ins keep their data).  They are read
as a passage of their own, never into the text where their element stands: a reviser's name or a
field's instruction inside a title would split the title the page shows (修订 on while typing a name)."""
_INSTRUCTIONS = frozenset({"instrText", "delInstrText"})
"""A field's instruction (``MERGEFIELD 姓名``): Word shows the field's result, not this; read apart."""
_BEFORE_ONLY = frozenset({"delText", "delInstrText"})
_VALUES = frozenset({"numCache", "numLit"})
"""A chart's numbers, cached from the cells it draws (read there, with their formats)."""
_LABELS = frozenset({"cat", "xVal"})
"""Where a chart's numbers are its labels (categories, an x axis), which are read."""
_BEFORE_CONTAINERS = frozenset({"del", "moveFrom"})
_NOW_CONTAINERS = frozenset({"ins", "moveTo"})


def xml_passages(data: bytes, prefix: str, name: str, *, pivot_amounts: frozenset[int] | None = None,
                  chart: bool = False) -> Iterator[Passage]:
    """The part's text as it is now and, with track changes, as it was before them.

    ``pivot_amounts``: the part is a pivot table's cache; its numbers in these fields (and its fractions)
    are amounts.  ``chart``: the part is an OpenDocument chart's table, whose numbers are its values.
    A chart's cached numbers (``c:numCache``) are values too: a person's number is no chart's value."""
    where = prefix + part_name(name)
    now: list[str] = []
    before: list[str] = []
    beside: list[str] = []  # attributes' texts and fields' instructions, which the part does not show
    stack: list[list] = []  # [local name, whether it holds character data]
    state = {"inserted": 0, "deleted": 0, "changed": False, "values": 0, "instruction": 0}
    pivot = pivot_amounts is not None
    pivot_state = {"field": -1}

    def add(text: str) -> None:
        if state["instruction"]:
            beside.append(text)
            return
        if not state["deleted"]:
            now.append(text)
        if not state["inserted"]:
            before.append(text)

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        parent = stack[-1][0] if stack else ""
        stack.append([local, False])
        if (local in _VALUES and not any(e[0] in _LABELS for e in stack)) or \
                (chart and local == "table-cell" and attrs.get(f"{ODF_OFFICE} value-type") == "float"):
            state["values"] += 1
            stack[-1].append(True)
        if pivot:
            if local == "r":
                pivot_state["field"] = -1
            elif local == "cacheField" or parent == "r":
                pivot_state["field"] += 1
        if local in _BEFORE_CONTAINERS or local in _BEFORE_ONLY:
            state["deleted"] += 1
            state["changed"] = True
        elif local in _NOW_CONTAINERS:
            state["inserted"] += 1
            state["changed"] = True
        if local in _INSTRUCTIONS:
            state["instruction"] += 1
        for key, value in attrs.items():
            attribute = key.rpartition(" ")[2]
            if attribute in _TEXT_ATTRIBUTES or (attribute == "val" and local in ("docVar", "tag")) \
                    or (attribute == "name" and local == "cmAuthor"):
                beside.append(APART + value + APART)
            elif pivot and key == "v":
                if local == "n" and (pivot_state["field"] in pivot_amounts or not cell_number(value)):
                    continue  # a number of the source's: in an amount's field, or a fraction, it is none
                add(APART + value + APART)
        if local == "s" and tag.startswith(ODF_TEXT):
            count = attrs.get(ODF_TEXT + " c", "1")
            add(" " * min(int(count) if count.isdigit() else 1, MAX_SPACES))

    def end(tag: str) -> None:
        local, held, *values = stack.pop()
        if values:
            state["values"] -= 1
        if local in _BEFORE_CONTAINERS or local in _BEFORE_ONLY:
            state["deleted"] -= 1
        elif local in _NOW_CONTAINERS:
            state["inserted"] -= 1
        if local in _INSTRUCTIONS:
            beside.append(APART)
            state["instruction"] -= 1
        if local in _SEPARATE or (held and local not in _INLINE):
            add(APART)

    def text(data: str) -> None:
        if state["values"]:
            return
        if stack:
            stack[-1][1] = True
            if external and stack[-1][0] == "v":
                data = cell_number(data)  # another workbook's cell: a fraction is no person's number
        add(data)

    external = name.startswith("xl/externalLinks/")
    parse_xml(data, start, end, text, name)
    shown = "".join(now)
    if any(map(str.strip, now)):
        yield Passage(where, shown)
    if "".join(beside).strip(APART + " \n"):
        # the rels part has nothing else: its addresses are its text
        yield Passage(where + ("里的修订人、域代码、链接和替代文字" if shown.strip(APART + " \n") else ""),
                      "".join(beside))
    if state["changed"] and "".join(before) != shown:
        yield Passage(where + "里修订前的文字（删去的内容仍保存在文件里，显示修订即可看到）", "".join(before),
                      fallback=True)
