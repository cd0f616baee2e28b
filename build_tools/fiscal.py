"""Budget and final-account figures: read from front matter, kept exactly, checked by arithmetic.

A 部门预算 or 部门决算 record carries its figures under the ``figures``
(预决算数据) front-matter key, in the layout of the 部门预决算公开表格::

    figures:
      单位: 万元
      收入: {一般公共预算拨款收入: 158642.35, …, 收入总计: 217440.10}
      支出: {基本支出: 28436.55, 项目支出: 189003.55, 支出总计: 217440.10}
      支出功能分类: {交通运输支出: 209125.55, …}
      三公经费: {因公出国（境）费: 12.00, 公务用车购置费: 0.00, 公务用车运行费: 86.40, 公务接待费: 18.60}
      上年三公经费: {…}
      机关运行经费: 1236.58
      上年机关运行经费: 1262.14
      数量: {出国团组: 0, 出国人次: 0, 车辆购置数: 0, 车辆保有量: 62, 接待批次: 146, 接待人次: 1385}

Money is kept as integer hundredths of the record's unit (万元 with two
decimals, as the 部门预决算公开表格 are; 元 where an office's tables are in
元: ``单位: 元``, or the configuration's ``fiscal_unit`` for every record):
never a float, so ``0.10 + 0.20`` is ``0.30`` and a sum over many years
does not drift.  Amounts are read from the text the editor wrote, not from
what YAML makes of it (YAML reads ``12.10`` as a float).  What offices paste
from Word — full-width digits, thousands separators (``1,234.56``,
``１，２３４．５６``), a trailing 万元 — is read, with a warning that says how
it was read; anything else (three decimals, a negative amount, 元 in a table
of 万元, letters) is an error naming the figure: never a silently wrong number.
Records in different units are compared exactly (:func:`same_amount`,
:func:`converted`): a figure in 万元 is the 元 one rounded to two decimals.

This module only reads the figures and does the arithmetic; the checks that
compare records (last year's figures, missing years, unexplained changes)
are in :mod:`build_tools.checks.fiscal`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .diagnostics import Problem, problem
from .model.values import INVISIBLE_NAMES, char_name

UNIT = "万元"
"""The usual unit: the 部门预决算公开表格 are in 万元 with two decimals."""
UNITS = ("万元", "元")
"""The units a record's figures may be in (some localities publish their tables in 元)."""
_FEN = {"万元": 10000, "元": 1}
"""Hundredths of 元 in a hundredth of each unit."""

KEY = "figures"

# -- money -----------------------------------------------------------------------


def format_money(cents: int) -> str:
    """Hundredths as the tables write them: ``21744010`` → ``217440.10`` (no thousands separator)."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def converted(cents: int, unit: str, into: str) -> int:
    """Hundredths of ``unit`` as hundredths of ``into``: exact from 万元 to 元, rounded half up to 0.01 万元 from
    元 (as a table in 万元 prints an amount kept in 元)."""
    if unit == into:
        return cents
    if _FEN[unit] > _FEN[into]:
        return cents * (_FEN[unit] // _FEN[into])
    step = _FEN[into] // _FEN[unit]
    whole, rest = divmod(abs(cents), step)
    return (1 if cents >= 0 else -1) * (whole + (1 if rest * 2 >= step else 0))


def same_amount(cents: int, unit: str, other: int, other_unit: str) -> bool:
    """Whether two amounts are the same figure, each in its record's unit: compared in the coarser unit (last
    year's 86,432.50 元 is this year's 上年 8.64 万元)."""
    into = unit if _FEN[unit] >= _FEN[other_unit] else other_unit
    return converted(cents, unit, into) == converted(other, other_unit, into)


def format_change(cents: int) -> str:
    """A change with its sign: ``+2.10``, ``-2.10``, ``0.00``."""
    return ("+" if cents > 0 else "") + format_money(cents)


def percent_change(this: int, last: int) -> Decimal | None:
    """Change against last year in percent, rounded half up to 0.01; None when last year was 0."""
    if last == 0:
        return None
    return (Decimal(this - last) * 100 / Decimal(last)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def percent_of(part: int, whole: int) -> Decimal:
    """``part`` in percent of ``whole`` (an execution rate: 决算数 of 预算数), rounded half up to 0.01 from the
    exact quotient (175.31 of 200.00 is 87.66%; through the change, −12.345 → −12.35, it read 87.65%)."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_percent(p: Decimal | None) -> str:
    """``+1.23%``; ``—`` when there is no base to compare with."""
    if p is None:
        return "—"
    return ("+" if p > 0 else "") + f"{p}%"


def to_decimal(cents: int) -> Decimal:
    """Hundredths as an exact Decimal of the unit (``Decimal('217440.10')``)."""
    return Decimal(cents).scaleb(-2)


_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_NAMES))
_PLAIN = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:\s\d{3})+(?:\.\d+)?\s*(?:万元|元)?", re.ASCII)
# A cell of dashes alone: Excel's 会计专用 format shows a zero as “-” (pasted as ' - '), a typed table as “—” or “——”
_DASH = re.compile(r"[-−－—–―‐‑‒﹣]+")
_DASH_ERROR = "横线不是数字（Excel 的会计专用格式把零显示成“-”，复制出来的是横线而不是 0）"


@dataclass(frozen=True, slots=True)
class Reading:
    """What an amount as written was read as."""

    cents: int | None
    """The amount in hundredths of the unit, or None when it could not be read."""
    error: str = ""
    """Why it could not be read (plain Chinese), when ``cents`` is None."""
    notes: tuple[str, ...] = ()
    """What was normalised to read it (full-width digits, separators, the unit)."""


def read_amount(text: str, unit: str = UNIT) -> Reading:
    """Read an amount in ``unit`` (万元 or 元) as an editor wrote it; exact, never through a float.

    ``"1,234.56"``, ``"１，２３４．５６"`` and ``"1234.56万元"`` all read as
    123456 hundredths, with notes saying what was normalised.  More than two
    decimals, negative amounts, the other unit (元 in a table of 万元) and
    anything else that is not a number are errors.
    """
    notes: list[str] = []
    s = text.strip()
    cleaned = s.translate(_INVISIBLE)
    if cleaned != s:
        bad = next(ch for ch in s if ord(ch) in _INVISIBLE)
        notes.append(f"删去了看不见的{char_name(bad)}")
        s = cleaned.strip()
    wide = unicodedata.normalize("NFKC", s)
    if wide != s:
        notes.append("全角数字或标点按半角读取")
        s = wide
    spaced = unicodedata.normalize("NFKC", text.strip())  # a full-width or no-break space is a space too
    if re.search(r"\d\s+\d", spaced):  # 100 0.10: one figure or two?  Only groups of three digits are one
        if not _SPACE_GROUPED.fullmatch(spaced):
            return Reading(None, "数字中间有空格，看不出是一个数还是两个数（空格分组只能每三位一组，如 1 234.56）",
                           tuple(notes))
        notes.append("删去了数字之间的空格（每三位一组）")
    s = re.sub(r"\s+", "", s)
    written = next((u for u in UNITS if s.endswith(u)), None)  # 万元 first: it ends with 元 too
    if written == unit:
        notes.append(f"删去了末尾的“{unit}”")
        s = s[: -len(unit)]
    elif written is not None:
        return Reading(None, f"单位写成了“{written}”，这张表以{unit}为单位", tuple(notes))
    if _DASH.fullmatch(s):  # not negative, as it was called (a review); not read as 0 either: the editor writes it
        return Reading(None, _DASH_ERROR, tuple(notes))
    if s.startswith(("-", "−", "－")):
        return Reading(None, "金额不能是负数", tuple(notes))
    if _GROUPED.fullmatch(s):
        notes.append("删去了千位分隔符")
        s = s.replace(",", "")
    if not _PLAIN.fullmatch(s):
        if "," in s:
            return Reading(None, "千位分隔符的位置不对（应每三位一个，如 1,234.56）", tuple(notes))
        return Reading(None, "不是一个数字", tuple(notes))
    whole, _, frac = s.partition(".")
    whole = whole.lstrip("0") or "0"  # 4,300 zeros before a figure are no number Python will read
    if len(whole) > 13:  # beyond a trillion 万元 (ten trillion 元): a paste gone wrong (no traceback for 4,300 digits)
        return Reading(None, "数字太长，多半是粘贴出了错", tuple(notes))
    if len(frac.rstrip("0")) > 2:
        return Reading(None, f"小数超过两位（{unit}保留两位小数，不能四舍五入后悄悄改变金额）", tuple(notes))
    frac = (frac + "00")[:2]
    return Reading(int(whole) * 100 + int(frac), "", tuple(notes))


def read_count(text: str) -> Reading:
    """Read a count (团组, 人次, 辆, 批次) as a whole number; ``cents`` holds the count itself."""
    notes: list[str] = []
    s = text.strip()
    if s.translate(_INVISIBLE) != s:
        bad = next(ch for ch in s if ord(ch) in _INVISIBLE)
        notes.append(f"删去了看不见的{char_name(bad)}")
        s = s.translate(_INVISIBLE).strip()
    if unicodedata.normalize("NFKC", s) != s:
        notes.append("全角数字或标点按半角读取")
        s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"(个|人次|辆|批次|次)$", "", s)
    if "," in s:  # 1,2 pasted from 团组1，人次2 was published as 12 (an audit): only groups of three are one number
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+", s, re.ASCII):
            return Reading(None, "千位分隔符的位置不对（应每三位一个，如 1,234），或把两个数写在了一起", tuple(notes))
        notes.append("删去了千位分隔符")
        s = s.replace(",", "")
    if _DASH.fullmatch(s):  # Excel's zero, as for an amount (a later review)
        return Reading(None, _DASH_ERROR, tuple(notes))
    if not re.fullmatch(r"\d{1,13}", s, re.ASCII):
        return Reading(None, "不是一个非负整数" if not s.isdigit() else "数字太长，多半是粘贴出了错", tuple(notes))
    return Reading(int(s), "", tuple(notes))


# -- the figures as values ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    """One figure: its name as the tables print it, hundredths of its record's unit, the line it was written on."""

    name: str
    cents: int
    line: int

    @property
    def text(self) -> str:
        return format_money(self.cents)


@dataclass(frozen=True, slots=True)
class Block:
    """A table part: named amounts and their stated total (收入, 支出, 支出功能分类)."""

    title: str
    items: tuple[Amount, ...]
    total: Amount | None
    """The 合计/总计 as written, or None when the editor did not write it."""
    subtotal: Amount | None = None
    """The 收支总表's 本年收入合计 (or a 收入合计 before a 收入总计): the sum of the items above it, before
    上年结转 and the like.  It was dropped, neither checked nor published (found by an audit)."""
    subtotal_after: int = 0
    """How many items stand above :attr:`subtotal` (the ones it adds up)."""

    def get(self, name: str) -> Amount | None:
        return next((a for a in self.items if a.name == name), None)

    @property
    def parts_sum(self) -> int:
        return sum(a.cents for a in self.items)

    @property
    def subtotal_parts(self) -> tuple[Amount, ...]:
        return self.items[:self.subtotal_after]

    @property
    def total_cents(self) -> int:
        """The stated total, or the sum of the parts when none is stated."""
        return self.total.cents if self.total is not None else self.parts_sum


ABROAD = "因公出国（境）费"
CAR = "公务用车购置及运行费"
CAR_PURCHASE = "公务用车购置费"
CAR_RUNNING = "公务用车运行费"
RECEPTION = "公务接待费"
SANGONG_TOTAL = "合计"
SANGONG_PARTS = (ABROAD, CAR_PURCHASE, CAR_RUNNING, RECEPTION)
"""The parts an editor must write; 公务用车购置及运行费 and 合计 may be written (then checked) or left to be summed."""


@dataclass(frozen=True, slots=True)
class Sangong:
    """The 三公经费 of one year."""

    abroad: Amount
    car_purchase: Amount
    car_running: Amount
    reception: Amount
    car: Amount | None
    """公务用车购置及运行费 as written (None: computed as 购置费 + 运行费)."""
    total: Amount | None
    """合计 as written (None: computed as the sum of the parts)."""

    @property
    def car_cents(self) -> int:
        return self.car.cents if self.car is not None else self.car_purchase.cents + self.car_running.cents

    @property
    def total_cents(self) -> int:
        return self.total.cents if self.total is not None else (
            self.abroad.cents + self.car_cents + self.reception.cents)

    def rows(self) -> tuple[tuple[str, int, int], ...]:
        """(name, cents, indent level) in the order of the official table: 合计, 1, 2, (1), (2), 3."""
        return ((SANGONG_TOTAL, self.total_cents, 0), (ABROAD, self.abroad.cents, 1), (CAR, self.car_cents, 1),
                (CAR_PURCHASE, self.car_purchase.cents, 2), (CAR_RUNNING, self.car_running.cents, 2),
                (RECEPTION, self.reception.cents, 1))

    def value(self, name: str) -> int:
        return next(c for n, c, _ in self.rows() if n == name)


COUNTS = ("出国团组", "出国人次", "车辆购置数", "车辆保有量", "接待批次", "接待人次")
"""The counts a final account adds (中办发〔2016〕13号)."""
COUNT_UNITS = {"出国团组": "个", "出国人次": "人次", "车辆购置数": "辆", "车辆保有量": "辆",
               "接待批次": "批次", "接待人次": "人次"}


@dataclass(frozen=True, slots=True)
class Count:
    name: str
    value: int
    line: int


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything a budget or final account states, in hundredths of :attr:`unit`."""

    line: int
    """Line of the ``figures`` key."""
    income: Block | None = None
    expense: Block | None = None
    functional: Block | None = None
    sangong: Sangong | None = None
    sangong_last: Sangong | None = None
    running: Amount | None = None
    """机关运行经费."""
    running_last: Amount | None = None
    counts: tuple[Count, ...] = ()
    unit: str = UNIT
    """万元 or 元: the record's ``单位``, else the configuration's ``fiscal_unit``."""

    def count(self, name: str) -> int | None:
        return next((c.value for c in self.counts if c.name == name), None)


# -- reading the front matter --------------------------------------------------------

INCOME_TOTAL = "收入总计"
EXPENSE_TOTAL = "支出总计"
FUNCTIONAL_TOTAL = "合计"
BASIC = "基本支出"
PROJECT = "项目支出"
BLOCKS = {"收入": INCOME_TOTAL, "支出": EXPENSE_TOTAL, "支出功能分类": FUNCTIONAL_TOTAL}
TOP_KEYS = ("单位", *BLOCKS, "三公经费", "上年三公经费", "机关运行经费", "上年机关运行经费", "数量")
_ALIASES = {"unit": "单位", "income": "收入", "expense": "支出", "functional": "支出功能分类",
            "sangong": "三公经费", "sangong_last": "上年三公经费", "running": "机关运行经费",
            "running_last": "上年机关运行经费", "counts": "数量", "总计": None}


def _norm(name: str) -> str:
    """A name as written, for matching: invisible characters, spaces and quotation marks out (“三公”经费, as the
    page and the CSV caption it), full-width to half-width."""
    return re.sub(r"[\s“”‘’\"']", "", unicodedata.normalize("NFKC", name.translate(_INVISIBLE)))


def _lookup(names: Iterable[str]) -> dict[str, str]:
    return {_norm(n): n for n in names}


_TOP = {**_lookup(TOP_KEYS), **{k: v for k, v in _ALIASES.items() if v}}
_SANGONG = _lookup((*SANGONG_PARTS, CAR, SANGONG_TOTAL))
_SANGONG.update({_norm("三公经费合计"): SANGONG_TOTAL, _norm("因公出国(境)费"): ABROAD,
                 _norm("公务用车购置费及运行费"): CAR,
                 # the names many published tables give the rows (an audit found them refused as no 三公 items)
                 _norm("因公出国（境）经费"): ABROAD, _norm("公务用车购置及运行维护费"): CAR,
                 _norm("公务用车购置费及运行维护费"): CAR, _norm("公务用车运行维护费"): CAR_RUNNING,
                 _norm("公务用车购置经费"): CAR_PURCHASE, _norm("公务接待经费"): RECEPTION})
_COUNTS = _lookup(COUNTS)


def _key_line(mapping, name: str) -> int | None:
    """The line of ``name``'s key in a mapping read by :mod:`build_tools.source` (a :class:`source.Block`)."""
    return getattr(mapping, "lines", {}).get(name)


class _Reader:
    """Reads one ``figures`` value (nested dicts of Scalars from :mod:`build_tools.source`)."""

    def __init__(self, path: str, line: int, final: bool, unit: str = UNIT):
        self.path = path
        self.line = line
        self.final = final
        self.unit = unit
        self.problems: list[Problem] = []

    def report(self, code: str, line: int | None, message: str, hint: str) -> None:
        self.problems.append(problem(code, self.path, line or self.line, KEY, message, hint))

    def where(self, value, at: int | None = None) -> int:
        """The line of ``value``; ``at``: its key's line, for an empty value, which has none (``公务用车购置费:``
        with nothing after it, Excel's blank cell, was reported at the ``figures:`` line, 20 lines above: a review)."""
        return getattr(value, "line", None) or at or self.line

    def amount(self, label: str, name: str, value, at: int | None = None) -> Amount | None:
        text = getattr(value, "text", None)
        if value is None or text is None:
            self.report("fiscal-amount-invalid", self.where(value, at), f"预决算数据“{label}”没有填写金额。"
                        if value is None else f"预决算数据“{label}”应当是一个金额，这里却写成了列表或多个项目。",
                        f"写成 {name}: 1234.56（单位{self.unit}，保留两位小数）"
                        + ("；没有发生的写 0.00。" if value is None else "。"))
            return None
        reading = read_amount(text, self.unit)
        if reading.cents is None:
            self.report("fiscal-amount-invalid", value.line,
                        f"预决算数据“{label}”的金额“{text}”无法读取：{reading.error}。",
                        f"表格中这一格是零（没有发生）的，写 {name}: 0.00；不是零的，照表格写出金额。"
                        if reading.error == _DASH_ERROR else
                        f"写成以{self.unit}为单位、最多两位小数的数字，例如 {name}: 1234.56"
                        + ("；表格本来以元为单位的，在预决算数据中写 单位: 元。" if self.unit == UNIT and reading.error.startswith(("单位写成了", "小数超过两位"))
                           else "。"))
            return None
        if reading.notes:
            self.report("fiscal-amount-normalised", value.line,
                        f"预决算数据“{label}”写作“{text}”，已读作 {format_money(reading.cents)} {self.unit}"
                        f"（{'；'.join(reading.notes)}）。",
                        f"请改为 {name}: {format_money(reading.cents)}，以免读错。")
        return Amount(name, reading.cents, value.line)

    def mapping(self, label: str, value) -> dict | None:
        if isinstance(value, dict):
            return value
        self.report("fiscal-item-unknown", self.where(value), f"预决算数据“{label}”应当是若干行“项目: 金额”。",
                    f"写成\n  {label}:\n    项目名称: 1234.56")
        return None

    def block(self, title: str, total_name: str, value) -> Block | None:
        mapping = self.mapping(title, value)
        if mapping is None:
            return None
        items: list[Amount] = []
        totals: list[tuple[Amount, int]] = []  # each with the number of items above it
        subtotal: tuple[Amount, int] | None = None
        for name, v in mapping.items():
            clean = name.strip()
            # 收入总计, 合计, 总计, and the block's own name before 合计/总计 (收入合计, 支出合计: found by an audit
            # read as an item, the total then counted twice)
            is_total = _norm(clean) in (_norm(total_name), _norm("合计"), _norm("总计"), _norm(f"{title}合计"),
                                        _norm(f"{title}总计"))
            is_subtotal = _norm(clean) in (_norm(f"本年{title}合计"), _norm(f"本年{title}总计"))
            a = self.amount(f"{title} / {clean}", total_name if is_total else clean, v, _key_line(mapping, name))
            if a is None:
                continue
            if is_subtotal:
                if subtotal is not None:
                    self.report("fiscal-item-unknown", v.line, f"预决算数据“{title}”中有两行本年合计（“{subtotal[0].name}”和“{clean}”）。",
                                "删去多写的一行。")
                    continue
                subtotal = (a, len(items))
            elif is_total:
                totals.append((a, len(items), clean))
            else:
                items.append(a)
        if len(totals) > 1 and subtotal is None:  # 收入合计 above 上年结转, then 收入总计: the first adds up what is above it
            first, above, written = totals.pop(0)
            subtotal = (Amount(written, first.cents, first.line), above)
        for extra, _, _ in totals[1:]:
            self.report("fiscal-item-unknown", extra.line, f"预决算数据“{title}”中有不止一行总计（“{totals[0][0].name}”和“{extra.name}”）。",
                        "只留一行总计；收支总表中“上年结转”之前的合计写作“本年" + title + "合计”。")
        total = totals[0][0] if totals else None
        return Block(title, tuple(items), total, *(subtotal if subtotal is not None else (None, 0)))

    def sangong(self, title: str, value) -> Sangong | None:
        mapping = self.mapping(title, value)
        if mapping is None:
            return None
        found: dict[str, Amount] = {}
        written: dict[str, tuple[str, int]] = {}
        ok = True
        for name, v in mapping.items():
            canonical = _SANGONG.get(_norm(name))
            if canonical is None:
                self.report("fiscal-item-unknown", self.where(v), f"预决算数据“{title}”中的“{name}”不是三公经费的项目。",
                            "三公经费的项目是：" + "、".join((*SANGONG_PARTS, CAR, SANGONG_TOTAL)) + "。")
                ok = False
                continue
            if canonical in written:  # 因公出国（境）费 and 因公出国(境)费: the later silently won (an audit)
                first, at = written[canonical]
                self.report("yaml-duplicate-key", self.where(v),
                            f"预决算数据“{title}”中的“{name}”与第 {at} 行的“{first}”是同一项，只能写一次。",
                            "删去其中一行，保留数字正确的那一行。")
                ok = False
                continue
            written[canonical] = (name, self.where(v))
            a = self.amount(f"{title} / {canonical}", canonical, v, _key_line(mapping, name))
            if a is None:
                ok = False
            else:
                found[canonical] = a
        missing = [n for n in SANGONG_PARTS if n not in found]
        if missing and ok:
            self.report("fiscal-item-missing", self.where(next(iter(mapping.values()), None)),
                        f"预决算数据“{title}”缺少：{'、'.join(missing)}。",
                        "没有发生的项目也要写 0.00，例如 公务用车购置费: 0.00。")
        if missing:
            return None
        return Sangong(found[ABROAD], found[CAR_PURCHASE], found[CAR_RUNNING], found[RECEPTION],
                       found.get(CAR), found.get(SANGONG_TOTAL))

    def _split(self, block: Block, line: int) -> None:
        """``fiscal-item-missing`` for a 支出 block without 基本支出 and 项目支出 (and a final account's without
        年末结转和结余): the 收支总表 shows spending so (预算法实施条例 Art 6), and the editors' guide asks for them; the
        spending by function pasted there instead passed unsaid (an audit)."""
        written = {_norm(a.name) for a in block.items}
        missing = [name for name in (BASIC, PROJECT) if _norm(name) not in written]
        if self.final and not any(_CARRIED.search(a.name) for a in block.items):  # 年末结转结余, 结转下年 … (a review)
            missing.append("年末结转和结余")
        if missing:
            self.report("fiscal-item-missing", line, f"预决算数据的“支出”缺少：{'、'.join(missing)}。",
                        "“支出”照收支总表写基本支出、项目支出" + ("和年末结转和结余" if self.final else "")
                        + "；按功能分类的支出（交通运输支出等）写在“支出功能分类”中。")

    def counts(self, value) -> tuple[Count, ...]:
        mapping = self.mapping("数量", value)
        if mapping is None:
            return ()
        if not self.final:
            self.report("fiscal-item-unknown", self.line, "部门预算不填写“数量”（出国团组、车辆、接待批次等），它们只在部门决算中公开。",
                        "删去“数量”一段，或检查「类型」是否应为部门决算。")
            return ()
        counts = []
        for name, v in mapping.items():
            canonical = _COUNTS.get(_norm(name))
            if canonical is None:
                self.report("fiscal-item-unknown", self.where(v), f"预决算数据“数量”中的“{name}”不是规定的项目。",
                            "数量的项目是：" + "、".join(COUNTS) + "。")
                continue
            text = getattr(v, "text", None)
            unit = re.search(r"(个|人次|辆|批次|次)\s*$", unicodedata.normalize("NFKC", text or ""))
            if unit and unit.group(1) != COUNT_UNITS[canonical] and not (
                    unit.group(1) == "次" and COUNT_UNITS[canonical] in ("人次", "批次")):
                # 出国团组: 9人次, the neighbouring figure of the 决算 table's text (an audit): another row's number
                self.report("fiscal-amount-invalid", self.where(v),
                            f"预决算数据“数量 / {canonical}”的单位是“{COUNT_UNITS[canonical]}”，这里写的是“{text}”："
                            "是不是填成了别的项目的数？",
                            f"核对决算表，写成一个整数，例如 {canonical}: 2（单位“{COUNT_UNITS[canonical]}”不必写）。")
                continue
            reading = read_count(text) if text is not None else Reading(None, "没有填写")
            if reading.cents is None:
                self.report("fiscal-amount-invalid", self.where(v, _key_line(mapping, name)),
                            f"预决算数据“数量 / {canonical}”的“{text or ''}”无法读取：{reading.error}。",
                            f"表格中这一格是零的，写 {canonical}: 0；不是零的，照表格写出数目。" if reading.error == _DASH_ERROR
                            else f"写成一个整数，例如 {canonical}: 2。")
                continue
            if reading.notes:
                self.report("fiscal-amount-normalised", v.line,
                            f"预决算数据“数量 / {canonical}”写作“{text}”，已读作 {reading.cents}（{'；'.join(reading.notes)}）。",
                            f"请改为 {canonical}: {reading.cents}，以免读错。")
            counts.append(Count(canonical, reading.cents, v.line))
        return tuple(counts)

    def read(self, value) -> Figures | None:
        mapping = self.mapping("预决算数据", value)
        if mapping is None:
            return None
        parts: dict[str, object] = {}
        for name, v in mapping.items():  # the unit first: it may be written below the amounts
            if (_TOP.get(_norm(name)) or _TOP.get(name.strip().lower())) == "单位":
                unit = _norm(getattr(v, "text", "") or "")
                if unit in UNITS:
                    self.unit = unit
                else:
                    self.report("fiscal-amount-invalid", self.where(v),
                                f"预决算数据的单位写成了“{getattr(v, 'text', '') or ''}”，只能是万元或元。",
                                f"写 单位: 万元 或 单位: 元（与公开表格一致），或删去这一行（按配置 fiscal_unit，现为{self.unit}）。")
        for name, v in mapping.items():
            key = _TOP.get(_norm(name)) or _TOP.get(name.strip().lower())
            if key is None:
                self.report("fiscal-item-unknown", getattr(mapping, "lines", {}).get(name) or (
                                self.where(v) if not isinstance(v, dict) else self.line),
                            f"预决算数据中的“{name}”不是规定的项目。", "预决算数据的项目是：" + "、".join(TOP_KEYS) + "。")
                continue
            if key == "单位":
                continue  # read above
            if key in BLOCKS:
                parts[key] = self.block(key, BLOCKS[key], v)
                if key == "支出" and parts[key] is not None:
                    self._split(parts[key], getattr(mapping, "lines", {}).get(name) or self.line)
            elif key in ("三公经费", "上年三公经费"):
                parts[key] = self.sangong(key, v)
            elif key in ("机关运行经费", "上年机关运行经费"):
                parts[key] = self.amount(key, key, v, _key_line(mapping, name))
            else:
                parts[key] = self.counts(v)
        if self.final and "数量" in parts and parts["数量"]:
            missing = [n for n in COUNTS if n not in {c.name for c in parts["数量"]}]
            if missing:
                self.report("fiscal-item-missing", self.line, f"部门决算的“数量”缺少：{'、'.join(missing)}。",
                            "没有发生的也要写 0，例如 出国团组: 0。")
        return Figures(
            line=self.line, income=parts.get("收入"), expense=parts.get("支出"), functional=parts.get("支出功能分类"),
            sangong=parts.get("三公经费"), sangong_last=parts.get("上年三公经费"),
            running=parts.get("机关运行经费"), running_last=parts.get("上年机关运行经费"),
            counts=parts.get("数量") or (), unit=self.unit)


def budget_unit(issuer: tuple[str, ...], agency: str = "", former: Iterable[str] = ()) -> tuple[str, ...]:
    """The budget unit a record's issuers name: the agency under its current name when one of them is one of its
    former names (``agency_former_names``).  Renamed, last year's budget under the old name was no "last year"
    (a wrong 上年 figure passed) and the overview showed the department as two units (an audit)."""
    old = {n.strip() for n in former if n.strip()}
    if not agency or not old or not old & set(issuer):
        return issuer
    return tuple(dict.fromkeys(agency if name in old else name for name in issuer))


def read_figures(value, path: str, line: int, final: bool, unit: str = UNIT) -> tuple[Figures | None, list[Problem]]:
    """Read the ``figures`` front-matter value of the record at ``path``; ``final`` for a 部门决算; ``unit``: the
    configuration's ``fiscal_unit``, for a record that does not write its own ``单位``.

    Returns the figures (None when the block is not a mapping at all) and
    the problems found in reading them.  The arithmetic is not checked here:
    see :func:`arithmetic_problems`.
    """
    reader = _Reader(path, line, final, unit)
    figures = reader.read(value)
    return figures, reader.problems


# -- arithmetic ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A stated figure that is not what its parts add up to."""

    code: str
    line: int
    figure: str
    """The figure named as the tables name it: ``三公经费 / 合计``."""
    stated: int
    expected: int
    how: str
    """How the expected value is made, in words: ``因公出国（境）费 + 公务用车购置及运行费 + 公务接待费``."""


def arithmetic(figures: Figures) -> list[Mismatch]:
    """Every total in ``figures`` that is not the sum of its parts."""
    found: list[Mismatch] = []
    for block in (figures.income, figures.expense, figures.functional):
        parts = block.subtotal_parts if block is not None else ()
        if block is not None and block.subtotal is not None and parts and block.subtotal.cents != sum(a.cents for a in parts):
            found.append(Mismatch("fiscal-total-mismatch", block.subtotal.line, f"{block.title} / {block.subtotal.name}",
                                  block.subtotal.cents, sum(a.cents for a in parts), " + ".join(a.name for a in parts)))
        if block is not None and block.total is not None and block.items and block.total.cents != block.parts_sum:
            found.append(Mismatch("fiscal-total-mismatch", block.total.line, f"{block.title} / {block.total.name}",
                                  block.total.cents, block.parts_sum, " + ".join(a.name for a in block.items)))
    for title, s in (("三公经费", figures.sangong), ("上年三公经费", figures.sangong_last)):
        if s is None:
            continue
        car = s.car_purchase.cents + s.car_running.cents
        if s.car is not None and s.car.cents != car:
            found.append(Mismatch("fiscal-vehicle-mismatch", s.car.line, f"{title} / {CAR}", s.car.cents, car,
                                  f"{CAR_PURCHASE} + {CAR_RUNNING}"))
        parts = s.abroad.cents + s.car_cents + s.reception.cents
        if s.total is not None and s.total.cents != parts:
            found.append(Mismatch("fiscal-total-mismatch", s.total.line, f"{title} / {SANGONG_TOTAL}", s.total.cents,
                                  parts, f"{ABROAD} + {CAR} + {RECEPTION}"))
    income, expense = figures.income, figures.expense
    if income is not None and expense is not None and income.items and expense.items:
        if income.total_cents != expense.total_cents:
            line = expense.total.line if expense.total else figures.line
            # a total not written is the sum of its items: said so, never as a figure the document holds
            found.append(Mismatch("fiscal-unbalanced", line,
                                  f"支出 / {EXPENSE_TOTAL}" if expense.total else "支出各项之和", expense.total_cents,
                                  income.total_cents, f"收入 / {INCOME_TOTAL}" if income.total else "收入各项之和"))
    functional = figures.functional
    if expense is not None and functional is not None and functional.items and expense.items:
        # The year's spending, by function as by kind: 本年支出合计 when written, else every 支出 item but what is
        # carried into the next year (基本支出 + 项目支出 alone refused a correct 决算 with 上缴上级支出 and 经营支出,
        # and asked for a wrong total: a review).
        if expense.subtotal is not None:
            spent, how = expense.subtotal.cents, f"支出 / {expense.subtotal.name}"
        else:
            parts = [a for a in expense.items if not _CARRIED.search(a.name)]
            spent, how = sum(a.cents for a in parts), " + ".join(f"支出 / {a.name}" for a in parts)
        if functional.total_cents != spent:
            line = functional.total.line if functional.total else functional.items[-1].line
            found.append(Mismatch("fiscal-total-mismatch", line, "支出功能分类 / 合计", functional.total_cents,
                                  spent, how))
    return found


_CARRIED = re.compile("结转|结余")
"""What a 支出 block carries into the next year (年末结转和结余, 结余分配): no spending of the year."""
