"""An annual report's four tables in the 30号 layout, as plain data (no HTML).

Each table is rows of :class:`TableCell` with their row and column spans,
exactly as the format (国办公开办函〔2021〕30号) draws them: table 二 with its
four sections (第二十条第（一）（五）（六）（八）项), table 三 with the
申请人情况 / 法人或其他组织 header groups and the 三、本年度办理结果 row
groups, table 四 with 行政复议 and 行政诉讼 (未经复议起诉, 复议后起诉).  The
theme's partial (theme/partials/annual-report.html) only prints them.

Table 二（一） is computed from the catalogue, never typed: ``catalogue
annual-report`` writes it into the report, the page shows what the report
holds (a published report does not change under its readers), and the check
warns ``annual-report-stale`` when the catalogue now gives other numbers; a
report without them shows the numbers computed on the build day
(:func:`~build_tools.annual_report.article_20_1`), the agency's own only (a
所属单位's report shows what it stores: :func:`~build_tools.annual_report.counted_for`).
A report without ``statistics`` is its text as published: no table follows it.  The figures for
``【统计：…】`` markers travel with the view so the page's prose and tables
agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from ..annual_report import (ACTIVITY_ROWS, ARTICLE_20_1_COLUMNS, ARTICLE_20_1_TYPES, LEGAL_PERSON_COLUMNS,
                             earlier_format, REQUEST_ROWS, REQUEST_SECTION_LABELS, REVIEW_COLUMNS, REVIEW_GROUPS, TABLE_MARKERS,
                             CountingRules, article_20_1_shown, counted_for, figures, markers, slot)
from ..model.fields import Kind
from ..model.record import Record


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell: a heading (``th``) or a figure (``td``)."""

    text: str
    header: bool = False
    colspan: int = 1
    rowspan: int = 1
    scope: str = ""
    """For headings: col, colgroup, row or rowgroup."""
    kind: str = ""
    """CSS hint: num (a figure), total (a 总计 figure), group (a heading over others), empty (not filled)."""


@dataclass(frozen=True, slots=True)
class TableView:
    """One table of the report."""

    id: str
    """t2, t3, t4 (also the name of its 【统计：表二】 marker's slot)."""
    caption: str
    head: tuple[tuple[TableCell, ...], ...]
    body: tuple[tuple[TableCell, ...], ...]
    columns: int
    """Columns of the grid (for the print and scroll styles)."""
    note: str = ""

    @property
    def slot(self) -> str:
        """The element the report's body holds where the table goes."""
        return slot(self.id)

    def as_data(self) -> dict:
        """The table as the open data gives it: its heading rows and its rows as grids of texts, a cell spanning
        rows or columns repeated in each (every row as wide as the table), as a spreadsheet reads the page's."""
        return {"id": self.id, "caption": self.caption, "head": _grid(self.head, self.columns),
                "body": _grid(self.body, self.columns), "note": self.note}


def _grid(rows: tuple[tuple[TableCell, ...], ...], columns: int) -> list[list[str]]:
    """``rows`` with their spans laid out: row by row, each cell in the first column no cell above still fills."""
    grid: list[list[str | None]] = [[None] * columns for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < columns and grid[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(grid) and c + dc < columns:
                        grid[r + dr][c + dc] = cell.text
            c += cell.colspan
    return [[text or "" for text in row] for row in grid]


@dataclass(frozen=True, slots=True)
class AnnualReportView:
    """The tables of one annual report and the figures its prose may show."""

    year: int
    tables: tuple[TableView, ...]
    placed: tuple[str, ...]
    """Tables the body places with a marker, sorted (a set's order would change
    the page key from process to process); the others follow the body."""
    figures: Mapping[str, str]


def _th(text: str, scope: str = "", colspan: int = 1, rowspan: int = 1, kind: str = "") -> TableCell:
    return TableCell(text, True, colspan, rowspan, scope, kind)


def _td(value: int | Decimal | None, colspan: int = 1, total: bool = False) -> TableCell:
    if value is None:
        return TableCell("", colspan=colspan, kind="empty")
    return TableCell(str(value), colspan=colspan, kind="total" if total else "num")


def table_two(counts: Mapping[str, object], activity: Mapping[str, int | Decimal | None],
              counted: bool = True) -> TableView:
    """二、主动公开政府信息情况; a row of 二（一） ``counts`` lacks is blank; ``counted``: its figures are the
    catalogue's (:func:`~build_tools.annual_report.counted_for`), which its note says."""
    rows: list[tuple[TableCell, ...]] = [
        (_th("第二十条第（一）项", "colgroup", 4, kind="group"),),
        (_th("信息内容", "col"), *(_th(heading, "col") for _, heading, _ in ARTICLE_20_1_COLUMNS)),
    ]
    for t in ARTICLE_20_1_TYPES:
        c = counts.get(t.value)
        rows.append((_th(t.label, "row"), *(_td(getattr(c, key) if c else None) for key, _, _ in ARTICLE_20_1_COLUMNS)))
    item = None
    for key, article, unit in ACTIVITY_ROWS:
        if article != item:
            item = article
            rows.append((_th(article, "colgroup", 4, kind="group"),))
            rows.append((_th("信息内容", "col"), _th(unit, "col", 3)))
        rows.append((_th(key, "row"), _td(activity.get(key), 3)))
    return TableView("t2", "二、主动公开政府信息情况", (), tuple(rows), 4,
                     "第二十条第（一）项的件数由本网站目录按统一规则自动统计。" if counted else "")


def table_three(requests: Mapping[str, tuple[int | None, ...]]) -> TableView:
    """三、收到和处理政府信息公开申请情况."""
    head = (
        (_th("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", 3, 3, "group"),
         _th("申请人情况", "colgroup", 7, kind="group")),
        (_th("自然人", "col", rowspan=2), _th("法人或其他组织", "colgroup", 5, kind="group"),
         _th("总计", "col", rowspan=2)),
        tuple(_th(c, "col") for c in LEGAL_PERSON_COLUMNS),
    )
    body = []
    in_section = sum(1 for r in REQUEST_ROWS if r.section == "三")
    groups: dict[str, int] = {}
    for r in REQUEST_ROWS:
        if r.group:
            groups[r.group] = groups.get(r.group, 0) + 1
    seen_section = False
    seen_groups: set[str] = set()
    for r in REQUEST_ROWS:
        cells: list[TableCell] = []
        if r.section != "三":
            cells.append(_th(r.label, "row", 3))
        else:
            if not seen_section:
                seen_section = True
                cells.append(_th(REQUEST_SECTION_LABELS["三"], "rowgroup", rowspan=in_section, kind="group"))
            if r.group:
                if r.group not in seen_groups:
                    seen_groups.add(r.group)
                    cells.append(_th(r.group, "rowgroup", rowspan=groups[r.group], kind="group"))
                cells.append(_th(r.label, "row"))
            else:
                cells.append(_th(r.label, "row", 2))
        values = requests.get(r.key, (None,) * 7)
        total_row = r.key == "办理结果总计"
        cells += [_td(v, total=total_row or i == 6) for i, v in enumerate(values)]
        body.append(tuple(cells))
    return TableView("t3", "三、收到和处理政府信息公开申请情况", head, tuple(body), 10)


def table_four(reviews: Mapping[str, tuple[int | None, ...]]) -> TableView:
    """四、政府信息公开行政复议、行政诉讼情况."""
    (review, review_heading), *suits = REVIEW_GROUPS
    head = (
        (_th(review_heading, "colgroup", 5, kind="group"), _th("行政诉讼", "colgroup", 10, kind="group")),
        (*(_th(c, "col", rowspan=2) for c in REVIEW_COLUMNS),
         *(_th(heading, "colgroup", 5, kind="group") for _, heading in suits)),
        tuple(_th(c, "col") for _ in suits for c in REVIEW_COLUMNS),
    )
    body = (tuple(_td(v, total=i == 4) for key, _ in REVIEW_GROUPS
                  for i, v in enumerate(reviews.get(key, (None,) * 5))),)
    return TableView("t4", "四、政府信息公开行政复议、行政诉讼情况", head, body, 15)


def annual_report_view(record: Record, public, rules: CountingRules) -> AnnualReportView:
    """The tables and figures of one public annual report.

    Only tables holding a figure of the report's are drawn: a 2021 report without ``statistics`` (brought over
    as published, its tables in its text) was followed by a 表二 counted on the build day beside the one it
    published, and by 表三 and 表四 of 175 blank cells, in the page and the open data (a review); a table with
    no figure filled is no figure of the report's (``annual-report-unfilled`` says what to write)."""
    year = record.fiscal_year
    s = record.statistics
    tables: tuple[TableView, ...] = ()
    if s is not None:  # without statistics nothing is the report's but its text: nothing counted is added to it
        counts = article_20_1_shown(record, public, rules)
        tables = tuple(t for t in (table_two(counts, s.activity, counted_for(record, rules)),
                                   table_three(s.requests), table_four(s.reviews)) if _has_figures(t))
    placed = tuple(sorted({TABLE_MARKERS[m.name] for m in markers(record) if m.name in TABLE_MARKERS}))
    if earlier_format(year):  # made in another format: no 30号 table follows its body (annual-report-format
        tables = tuple(t for t in tables if t.id in placed)  # tells of those its markers place)
    return AnnualReportView(year, tables, placed, figures(record, public, rules))


def _has_figures(table: TableView) -> bool:
    """Whether any cell of ``table`` holds a figure (not only headings and blanks)."""
    return any(c.kind in ("num", "total") for row in table.body for c in row)


def with_annual(page, public, config, memo=None):
    """A record page with its annual-report view.

    Made afresh each build (it depends on the whole catalogue, which the
    record-page memo does not watch); with the previous build's ``memo``
    (:class:`~build_tools.machinery.view_memo.ViewMemo`) an equal page is the
    previous object, so its page key is not hashed again.
    """
    if page.record.kind is not Kind.ANNUAL_REPORT or not page.record.fiscal_year:
        return page
    page = replace(page, annual=annual_report_view(page.record, public, CountingRules.of(config)))
    return memo.same(page, "annual-report:" + page.path) if memo is not None else page
