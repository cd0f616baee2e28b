"""Finding the metadata block of a legacy page: label/value pairs with their lines.

Three styles are recognised (DOMAIN.md §2): the law portal's 【发文字号】 lines
(several labels on one line too), a government page's block of 「索 引 号：」
labels (as text, as a text dump with table pipes, or as an HTML table or list),
and the gov.cn table (索引号, 主题分类, 发文机关, 成文日期 ...).  Every label
seen is returned, known or not, so the report can account for each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import ANY_BRACKET, COLON_LABEL, LABELS, LAW_PORTAL_LABEL, How, find_labels, label_key

IMAGE = "〔图片 {}〕"
"""What a metadata value drawn as a picture without words of its own reads as (with the picture's file name):
never empty, which means the field was not filled in.  No colon in it: a row's cells are split at labels."""
PICTURED = re.compile(r"(?:〔图片 [^〕]*〕\s*)+")
"""A value that is pictures only."""

_UNKNOWN_LINE = re.compile(r"【([^】\n]{1,12})】\s*(.*)$")
MAX_META_LINE = 300
"""A metadata line is short; a long line that happens to start with 「名称：」 is body text."""
_STYLE_TABLE_KEYS = frozenset({"发文机关", "成文日期"})


@dataclass(frozen=True, slots=True)
class Seen:
    """One metadata label found on the page."""

    key: str
    """The label without spaces and brackets (索引号)."""
    value: str
    line: int | None
    """1-based line in the input file."""


@dataclass(slots=True)
class Extraction:
    """The labels of a page, and the text lines (0-based) they occupied."""

    labels: list[Seen] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    law_portal: bool = False
    unknown: list[Seen] = field(default_factory=list)
    """【X】 labels on a metadata line that the table does not know: reported, never dropped."""

    def add(self, pairs: list[tuple[str, str]], line: int | None) -> None:
        """One metadata line's or row's labels; one the table does not know (联系人： in a row of 发文机关：)
        is reported as unknown."""
        for key, value in pairs:
            (self.labels if key in LABELS else self.unknown).append(Seen(key, value, line))

    @property
    def document_labels(self) -> list[Seen]:
        """Labels about the document (not the web page's own 浏览次数, 来源 ...)."""
        return [s for s in self.labels if LABELS[s.key].how is not How.SITE]

    @property
    def style(self) -> str:
        """``law-portal``, ``gov-table``, ``gov-block`` or ``none``, for the report."""
        if self.law_portal:
            return "law-portal"
        keys = {s.key for s in self.document_labels}
        if not keys:
            return "none"
        return "gov-table" if keys & _STYLE_TABLE_KEYS else "gov-block"


STYLE_NAMES = {"law-portal": "法规库页面的【发布部门】【发文字号】格式", "gov-table": "政府网站的信息公开表格（索引号、主题分类、成文日期）",
               "gov-block": "政府网站的元数据块（名称、文号、发布机构、添加时间）", "none": "原网页没有可识别的元数据"}
"""The styles in words, for the note at the top of an imported record."""


_OTHER_LABEL = re.compile(r"[^\d|:：]{1,10}[:：]")
"""A cell that is a label the table does not know: a few words and a colon (联系人：)."""


_LABEL_LIKE = re.compile(r"[\u4e00-\u9fff　 ]{2,8}")


def _grid_pairs(line: str) -> list[tuple[str, str]] | None:
    """A row of a grid of label cells and value cells without colons (文号 | 川交发〔2023〕11号 | 信息属性 | 主动公开),
    empty values kept in place: each cell in a label's column is a label, known or not (an unknown one had been
    glued onto the value before it, in every record of a template: a review); None for any other row."""
    cells = [c.strip() for c in line.split("|")]
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) < 4 or len(cells) % 2 or any(c.rstrip().endswith((":", "：")) for c in cells):
        return None
    labels = cells[::2]
    known = [label_key(c) in LABELS for c in labels]
    if not all(k or _LABEL_LIKE.fullmatch(c) for k, c in zip(known, labels)) or sum(known) * 2 < len(labels) \
            or any(label_key(v) in LABELS for v in cells[1::2] if v):
        return None
    return [(label_key(c), v) for c, v in zip(labels, cells[1::2])]


def _cells(line: str) -> list[tuple[str, str]]:
    """Label/value pairs of a table row dumped as text with pipes (「添加时间: | 2018-01-30 |」).

    Without a colon the row must alternate label, value, label, value: a header
    row of a table in the body (「文件名称 | 文号 | 成文日期」) is all labels and
    is not metadata.
    """
    grid = _grid_pairs(line)
    if grid is not None:
        return grid
    cells = [c.strip() for c in line.split("|") if c.strip()]
    is_label = [bool(find_labels(c)) and find_labels(c)[0][2] == 0 or label_key(c) in LABELS for c in cells]
    if not any(lab and c.rstrip().endswith((":", "：")) for c, lab in zip(cells, is_label)):
        if not cells or not is_label[0] or any(a and b for a, b in zip(is_label, is_label[1:])):
            return []
    pairs: list[list[str]] = []
    for cell in cells:
        found = find_labels(cell)
        if found and found[0][2] == 0 or label_key(cell) in LABELS:
            if found and found[0][2] == 0:
                pairs.extend([k, v] for k, v, _ in found)
            else:
                pairs.append([label_key(cell), ""])
        elif pairs and _OTHER_LABEL.fullmatch(cell):
            # 联系人： | 张三 beside 发文机关： | … starts a label of its own, which no field takes (a review
            # found the name and the number glued onto the published 发文机关)
            pairs.append([label_key(cell), ""])
        elif pairs and not pairs[-1][1]:
            pairs[-1][1] = cell
        elif pairs:
            pairs[-1][1] += " " + cell
    return [(k, v) for k, v in pairs]


def line_labels(line: str) -> list[tuple[str, str]]:
    """Label/value pairs when ``line`` is a metadata line, else ``[]``."""
    stripped = line.strip(" \t\u3000\u00a0|")
    if not stripped or len(stripped) > MAX_META_LINE:
        return []
    if "\t" in stripped and "|" not in stripped:  # a grid copied as text: its cells between tabs
        stripped = stripped.replace("\t", " | ")
    if "|" in stripped:
        pairs = _cells(stripped)
        return pairs if pairs and _starts_with_label(stripped) else []
    found = find_labels(stripped)
    if not found or found[0][2] != 0:
        return []
    return [(k, v) for k, v, _ in found]


def _starts_with_label(text: str) -> bool:
    first = text.split("|", 1)[0].strip()
    found = find_labels(first)
    return bool(found and found[0][2] == 0) or label_key(first) in LABELS


def extract_lines(lines: list[str], first_line: int = 1) -> Extraction:
    """The metadata of a text page (or of text taken from HTML elements)."""
    ex = Extraction()
    for i, line in enumerate(lines):
        pairs = line_labels(line)
        if not pairs:
            continue
        ex.lines.add(i)
        if LAW_PORTAL_LABEL.search(line):
            ex.law_portal = True
            known = {k for k, _ in pairs}
            for m in ANY_BRACKET.finditer(line):
                key = label_key(m.group(1))
                if key not in known and key not in LABELS and not COLON_LABEL.match(m.group(1)):
                    ex.unknown.append(Seen(key, "", first_line + i))
        ex.add(pairs, first_line + i)
    # 【X】 lines inside or right below a law-portal block, with a label the table does not know:
    # part of the metadata, reported with their values, never taken for the title or the body
    if ex.law_portal:
        for i, line in enumerate(lines):
            text = line.strip(" \t\u3000\u00a0")
            m = _UNKNOWN_LINE.match(text)
            if i not in ex.lines and (i - 1) in ex.lines and m and label_key(m.group(1)) not in LABELS:
                ex.lines.add(i)
                ex.unknown.append(Seen(label_key(m.group(1)), m.group(2).strip(), first_line + i))
    return ex
