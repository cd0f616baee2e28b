"""What budget and final-account pages show of their figures, as plain data: tables, charts, the CSV tables.

- :func:`fiscal_view`: a record's own figures as tables (收入, 支出, 支出功能分类,
  三公经费 this year against last year with the change in amount and percent,
  机关运行经费, and for a final account the counts), the 三公经费 chart, and
  the link to its 部门预决算公开表格 (CSV).  It depends on the record alone,
  so the record-page memo stays exact.
- :func:`overview`: the 预决算 overview page: every year's budget and final
  account side by side, and the trend of the 三公经费 and its parts.  Built
  from the public catalogue only, so a withheld or not yet published record
  never reaches it.
- :func:`table_csv`: a record's tables as CSV, UTF-8 with a BOM so that Excel
  on Chinese Windows opens it without mojibake.

Numbers are formatted here from integer hundredths, never through a float, in the record's unit (万元,
or 元 where the office's tables are in 元); the overview shows a unit's years in 元 when any of them is
in 元 (exact: a 万元 figure is a whole number of 元 hundredths), else in 万元.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from ..charts import Series, grouped_bars, trend_lines
from ..fiscal import (ABROAD, CAR, CAR_PURCHASE, CAR_RUNNING, COUNT_UNITS, RECEPTION, SANGONG_TOTAL, UNIT,
                      Block, Figures, converted, format_change, format_money, format_percent, percent_change,
                      budget_unit, percent_of, to_decimal)
from ..model.fields import Kind
from ..model.record import Record
from ..visibility import PublicCatalogue
from .urls import record_path

OVERVIEW_PATH = "lists/fiscal/overview/"
OVERVIEW_TITLE = "预决算总览"
CHART_PARTS = (ABROAD, CAR_PURCHASE, CAR_RUNNING, RECEPTION)
TREND_PARTS = (SANGONG_TOTAL, ABROAD, CAR, RECEPTION)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    numeric: bool = True
    url: str | None = None
    """The cell links here (relative to the site root)."""


@dataclass(frozen=True, slots=True)
class TableRow:
    label: str
    cells: tuple[Cell, ...]
    level: int = 0
    """Indent of the label (1 for parts, 2 for the parts of a part)."""
    total: bool = False
    """A 合计/总计 row: marked in the table."""


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    caption: str
    headers: tuple[str, ...]
    """Column headers, the first for the row labels."""
    rows: tuple[TableRow, ...]
    note: str = "单位：万元"
    groups: tuple[tuple[str, int], ...] = ()
    """A header row above ``headers``: (title, columns spanned); an empty title leaves the cells blank."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart as data: what it shows; :attr:`svg` draws it.

    Drawing (pygal, some 6 ms a chart) happens when a page template
    reads ``svg``: in the render workers, in parallel, and not at all for a
    page served from the page cache (whose key is this view, series and all).
    """

    id: str
    caption: str
    described_by: str
    """The id of the table holding the same numbers (its text alternative)."""
    kind: str
    """``bars`` (categories × series) or ``lines`` (years × series)."""
    labels: tuple
    """The categories (bars) or the years (lines)."""
    series: tuple[Series, ...]
    unit: str = UNIT
    """What the values are in (万元 or 元)."""

    @property
    def svg(self) -> str:
        """Inline SVG (build_tools.charts): text kept as text, ids prefixed with ``id``, byte-reproducible."""
        if self.kind == "bars":
            return grouped_bars(self.id, self.caption, self.labels, self.series, self.unit)
        return trend_lines(self.id, self.caption, self.labels, self.series, self.unit)


@dataclass(frozen=True, slots=True)
class Download:
    text: str
    url: str
    """Relative to the site root."""


@dataclass(frozen=True, slots=True)
class FiscalView:
    """The figures part of a budget or final-account page."""

    tables: tuple[Table, ...]
    charts: tuple[Chart, ...]
    download: Download


def _labels(r: Record) -> tuple[str, str]:
    y = r.fiscal_year
    if r.kind is Kind.BUDGET:
        return f"{y}年预算数", f"{y - 1}年预算数"
    return f"{y}年度决算数", f"{y - 1}年度决算数"


def kind_label(r: Record) -> str:
    return "部门预算" if r.kind is Kind.BUDGET else "部门决算"


def csv_path(r: Record) -> str:
    """Where a record's 部门预决算公开表格 (CSV) is written, relative to the site root."""
    kind = "budget" if r.kind is Kind.BUDGET else "final-account"
    return f"{record_path(r.index_no)}{kind}-{r.fiscal_year}.csv"


def _block_table(tid: str, block: Block, col: str, note: str) -> Table:
    rows = [TableRow(a.name, (Cell(a.text),), 1) for a in block.items]
    if block.subtotal is not None:  # the 收支总表's 本年收入合计, where it was written
        rows.insert(block.subtotal_after, TableRow(block.subtotal.name, (Cell(block.subtotal.text),), 0, True))
    total_name = block.total.name if block.total is not None else "合计"
    rows.append(TableRow(total_name, (Cell(format_money(block.total_cents)),), 0, True))
    return Table(tid, block.title, ("项目", col), tuple(rows), note)


def _change_cells(this: int, last: int) -> tuple[Cell, ...]:
    return (Cell(format_money(this)), Cell(format_money(last)), Cell(format_change(this - last)),
            Cell(format_percent(percent_change(this, last))))


def fiscal_tables(r: Record) -> tuple[Table, ...]:
    """Every table of a record's figures, in the order of the 公开表格."""
    f: Figures = r.figures
    this_label, last_label = _labels(r)
    note = f"单位：{f.unit}"
    tables: list[Table] = []
    for key, block in (("income", f.income), ("expense", f.expense), ("functional", f.functional)):
        if block is not None and block.items:
            tables.append(_block_table(f"fiscal-{key}", block, this_label, note))
    if f.sangong is not None:
        if f.sangong_last is not None:
            rows = tuple(TableRow(name, _change_cells(cents, f.sangong_last.value(name)), level, level == 0)
                         for name, cents, level in f.sangong.rows())
            headers = ("项目", this_label, last_label, "增减额", "增减率")
        else:
            rows = tuple(TableRow(name, (Cell(format_money(cents)),), level, level == 0)
                         for name, cents, level in f.sangong.rows())
            headers = ("项目", this_label)
        tables.append(Table("fiscal-sangong", "“三公”经费", headers, rows, note))
    if f.running is not None:
        if f.running_last is not None:
            tables.append(Table("fiscal-running", "机关运行经费", ("项目", this_label, last_label, "增减额", "增减率"),
                                (TableRow("机关运行经费", _change_cells(f.running.cents, f.running_last.cents)),), note))
        else:
            tables.append(Table("fiscal-running", "机关运行经费", ("项目", this_label),
                                (TableRow("机关运行经费", (Cell(f.running.text),)),), note))
    if f.counts:
        tables.append(Table("fiscal-counts", "“三公”经费相关数量", ("项目", "数量", "单位"),
                            tuple(TableRow(c.name, (Cell(str(c.value)), Cell(COUNT_UNITS[c.name], False)))
                                  for c in f.counts), note=""))
    return tuple(tables)


def fiscal_view(r: Record) -> FiscalView | None:
    """The figures part of a record page; None for a record without figures."""
    if r.figures is None or r.kind not in (Kind.BUDGET, Kind.FINAL_ACCOUNT):
        return None
    tables = fiscal_tables(r)
    charts = []
    s, last = r.figures.sangong, r.figures.sangong_last
    if s is not None:
        this_label, last_label = _labels(r)
        series = [Series(this_label, tuple(to_decimal(s.value(n)) for n in CHART_PARTS))]
        if last is not None:
            series.append(Series(last_label, tuple(to_decimal(last.value(n)) for n in CHART_PARTS)))
        caption = f"“三公”经费各项：{this_label}" + (f"与{last_label}" if last is not None else "")
        charts.append(Chart("fiscal-sangong-chart", caption, "fiscal-sangong", "bars", CHART_PARTS, tuple(series),
                            r.figures.unit))
    download = Download(f"{r.fiscal_year}年{'' if r.kind is Kind.BUDGET else '度'}{kind_label(r)}公开表格（CSV）",
                        csv_path(r))
    return FiscalView(tables, tuple(charts), download)


def table_csv(r: Record) -> bytes:
    """The record's tables as one CSV file (UTF-8 with BOM, CRLF as Excel writes), one block per table."""
    from ..exports.opendata import guard_cell  # the open data's guard: a text cell never runs as a formula
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([guard_cell(r.title)])
    w.writerow([f"索引号：{r.index_no}", f"单位：{r.figures.unit}"])
    for t in fiscal_tables(r):
        w.writerow([])
        w.writerow([guard_cell(t.caption)])
        w.writerow([guard_cell(h) for h in t.headers])
        for row in t.rows:  # an item name pasted from a spreadsheet (=HYPERLINK(…)) is text; the amounts stay numbers
            w.writerow([guard_cell(row.label), *(c.text for c in row.cells)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- the overview page --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverviewUnit:
    """One budget unit's years on the overview: the department, or one of its 所属单位."""

    unit: str
    """The issuer as the records name it (several joined with 、)."""
    tables: tuple[Table, ...]
    """The years side by side, then the 三公经费 of each year by kind."""
    charts: tuple[Chart, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    path: str
    title: str
    units: tuple[OverviewUnit, ...]
    """The agency's own first, then each other issuer by name: each unit's budget against its own final
    account (a 所属单位's budget replaced the department's in one row, found by an audit: 执行率 3506.20%)."""
    years: tuple[int, ...]


def _by_year(records, kind: Kind) -> dict[int, Record]:
    """The record of each year (the last published with figures, for an adjusted budget), or without figures.

    A budget published as its text and the 公开表格 attached, without ``figures`` (optional), is published: the
    overview had left it out and said "目录中没有" for its year (a review); its amounts are "—".  A record of the
    year with figures comes first: a 绩效目标 filed as a budget the same day had taken the budget's place (a review).
    """
    found: dict[int, Record] = {}
    for r in sorted(records, key=lambda r: (r.figures is not None, r.published, r.index_no)):
        if r.kind is kind and r.fiscal_year is not None:
            found[r.fiscal_year] = r
    return found


def _with_figures(found: dict[int, Record]) -> dict[int, Record]:
    """The years whose record has figures: the trend tables and charts show only these."""
    return {y: r for y, r in found.items() if r.figures is not None}


def overview(public: PublicCatalogue, agency: str = "", former_names: Sequence[str] = ()) -> Overview | None:
    """The 预决算 overview from public records only; None when there is no public budget or final account.  A record
    issued under one of the agency's ``former_names`` is the agency's (:func:`~build_tools.fiscal.budget_unit`).
    A unit whose records have no figures is on it too: its years link its records (a review: it had vanished)."""
    by_unit: dict[tuple[str, ...], list[Record]] = {}
    for r in public.records:
        if r.kind in (Kind.BUDGET, Kind.FINAL_ACCOUNT) and r.fiscal_year is not None:
            by_unit.setdefault(budget_unit(r.issuer, agency, former_names), []).append(r)
    if not by_unit:
        return None
    order = sorted(by_unit, key=lambda issuer: (issuer != (agency,), "、".join(issuer)))
    units = tuple(_unit("、".join(issuer), by_unit[issuer], f"-{n}" if n else "") for n, issuer in enumerate(order))
    years = tuple(sorted({r.fiscal_year for rs in by_unit.values() for r in rs}))
    return Overview(OVERVIEW_PATH, OVERVIEW_TITLE, units, years)


def _unit(unit: str, records: list[Record], suffix: str) -> OverviewUnit:
    """One unit's tables and charts; ``suffix`` keeps their ids apart from other units' (the first has none)."""
    budgets, finals = _by_year(records, Kind.BUDGET), _by_year(records, Kind.FINAL_ACCOUNT)
    years = tuple(sorted(set(budgets) | set(finals)))
    # One unit for all its years: 元 when any is in 元 (万元 goes into 元 exactly), else 万元.
    money = "元" if any(r.figures is not None and r.figures.unit == "元"
                       for r in (*budgets.values(), *finals.values())) else UNIT
    note = f"单位：{money}"

    def amount(r: Record | None, get) -> Cell:
        value = get(r.figures) if r is not None and r.figures is not None else None
        return Cell(format_money(value) if value is not None else "—")

    def sangong(name):
        return lambda f: converted(f.sangong.value(name), f.unit, money) if f.sangong is not None else None

    def running(f):
        return converted(f.running.cents, f.unit, money) if f.running is not None else None

    side = []
    for y in reversed(years):
        b, fa = budgets.get(y), finals.get(y)
        rate = "—"
        if b is not None and fa is not None and b.figures is not None and fa.figures is not None and \
                b.figures.sangong and fa.figures.sangong and b.figures.sangong.total_cents:
            rate = f"{percent_of(sangong(SANGONG_TOTAL)(fa.figures), sangong(SANGONG_TOTAL)(b.figures))}%"
        side.append(TableRow(f"{y}年", (
            _record_cell(b), _record_cell(fa),
            amount(b, sangong(SANGONG_TOTAL)), amount(fa, sangong(SANGONG_TOTAL)), Cell(rate),
            amount(b, running), amount(fa, running))))
    side_table = Table(f"fiscal-years{suffix}", "各年度预算与决算", (
        "年度", "预算", "决算", "预算数", "决算数", "执行率", "预算数", "决算数"), tuple(side), note,
        groups=(("", 1), ("公开记录", 2), ("“三公”经费", 3), ("机关运行经费", 2)))
    tables = [side_table]
    charts = []
    for kind, found, label in ((Kind.FINAL_ACCOUNT, _with_figures(finals), "决算"),
                               (Kind.BUDGET, _with_figures(budgets), "预算")):
        ys = tuple(sorted(found))
        if not ys:
            continue
        rows = tuple(TableRow(f"{y}年", tuple(amount(found[y], sangong(n)) for n in TREND_PARTS)) for y in ys)
        tid = f"fiscal-trend-{kind.value}{suffix}"
        tables.append(Table(tid, f"“三公”经费{label}数及各项", ("年度", *TREND_PARTS), rows, note))
        series = [Series(n, tuple(to_decimal(sangong(n)(found[y].figures))
                                  if found[y].figures.sangong is not None else None for y in ys))
                  for n in TREND_PARTS]
        caption = f"“三公”经费{label}数及各项的变化（{ys[0]}—{ys[-1]}年）"
        charts.append(Chart(f"{tid}-chart", caption, tid, "lines", ys, tuple(series), money))
    return OverviewUnit(unit, tuple(tables), tuple(charts))


def _record_cell(r: Record | None) -> Cell:
    if r is None:  # the catalogue cannot know whether it was published elsewhere
        return Cell("目录中没有", False)
    return Cell(kind_label(r), False, record_path(r.index_no))
