"""Budget and final-account figures that add up, year after year.

Amounts are integers in hundredths of 万元 (the tables show 万元 with two
decimals), so every total is exactly the sum of its parts: 合计 = 出国 +
公务用车 + 接待, 公务用车 = 购置 + 运行, income = expenditure.  Each unit has
one series per year drawn from its own random stream, so the 2025 budget's
"last year" column is exactly what the 2024 budget showed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .corpus import Filler

FIRST_YEAR, LAST_YEAR = 2013, 2026


def money(v: int) -> str:
    """Hundredths of 万元 as text with two decimals (``-2.55``)."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    return f"{sign}{v // 100}.{v % 100:02d}"


def split(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """``total`` split in proportion to ``weights`` (jittered), summing exactly."""
    jittered = [w * rng.uniform(0.9, 1.1) for w in weights]
    s = sum(jittered)
    parts = [int(total * w / s) for w in jittered[:-1]]
    parts.append(total - sum(parts))
    return parts


@dataclass(frozen=True, slots=True)
class ThreeExpenses:
    """“三公”经费 of one year: amounts in hundredths of 万元."""

    abroad: int
    car_buy: int
    car_run: int
    reception: int

    @property
    def car(self) -> int:
        return self.car_buy + self.car_run

    @property
    def total(self) -> int:
        return self.abroad + self.car + self.reception

    def rows(self) -> list[tuple[str, str, int]]:
        """(table label, csv label, amount) in the order of the official table."""
        return [("合计", "合计", self.total),
                ("1.因公出国（境）费", "因公出国（境）费", self.abroad),
                ("2.公务用车购置及运行费", "公务用车购置及运行费", self.car),
                ("（1）公务用车购置费", "公务用车购置费", self.car_buy),
                ("（2）公务用车运行费", "公务用车运行费", self.car_run),
                ("3.公务接待费", "公务接待费", self.reception)]


_SCALES = {
    # total budget (万元), abroad, car run, reception, car purchase, vehicles held, 机关运行经费
    "X": ((150000, 250000), (8, 15), (60, 90), (10, 20), (30, 60), (50, 70), (1000, 1300)),
    "L": ((40000, 120000), (3, 8), (30, 60), (5, 12), (20, 45), (30, 55), (400, 800)),
    "M": ((6000, 30000), (0, 4), (8, 25), (2, 6), (10, 25), (8, 20), (150, 400)),
    "S": ((800, 5000), (0, 0), (2, 8), (0.5, 3), (8, 15), (1, 4), (60, 150)),
    "B": ((600, 3000), (0, 0), (3, 10), (0.5, 2), (8, 20), (3, 8), (60, 200)),
}


@dataclass(frozen=True, slots=True)
class FiscalUnit:
    """A budget unit: the department itself, a 厅属单位 or a city branch."""

    name: str
    category: str
    """部门 (the department), 参公, 事业 or 学校."""
    scale: str
    """X (the department), L, M, S or B (a branch)."""


class UnitSeries:
    """One unit's figures for every year, drawn once from its own stream."""

    def __init__(self, unit: FiscalUnit, seed: str):
        self.unit = unit
        rng = random.Random(f"{seed}:fiscal:{unit.name}")
        total, abroad, run, rec, buy, held, oper = _SCALES[unit.scale]
        c = lambda lo_hi: rng.uniform(*lo_hi) * 100  # noqa: E731 - in hundredths
        base_total = c(total)
        base = [c(abroad), c(run), c(rec)]
        self.budget: dict[int, ThreeExpenses] = {}
        self.final: dict[int, ThreeExpenses] = {}
        self.total: dict[int, int] = {}
        self.operating: dict[int, int] = {}
        self.vehicles: dict[int, int] = {}
        vehicles = rng.randint(*held)
        operating = c(oper)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            base = [b * rng.uniform(0.9, 1.04) for b in base]
            base_total *= rng.uniform(0.96, 1.08)
            operating *= rng.uniform(0.95, 1.02)
            ab = 0 if 2020 <= year <= 2022 else int(base[0])
            buy_amount = int(c(buy)) if rng.random() < 0.2 else 0
            budget = ThreeExpenses(ab, buy_amount, int(base[1]), int(base[2]))
            self.budget[year] = budget
            bought = max(1, buy_amount // 2000) if buy_amount else 0
            scrapped = rng.randint(0, 2)
            vehicles = max(1, vehicles + bought - scrapped)
            self.vehicles[year] = vehicles
            self.final[year] = ThreeExpenses(
                int(budget.abroad * rng.uniform(0.6, 1.0)),
                int(budget.car_buy * rng.uniform(0.92, 1.0)),
                int(budget.car_run * rng.uniform(0.85, 1.0)),
                int(budget.reception * rng.uniform(0.7, 1.0)))
            self.total[year] = int(base_total)
            self.operating[year] = int(operating)

    @property
    def has_operating(self) -> bool:
        """Only administrative units and 参公 units publish 机关运行经费."""
        return self.unit.category in ("部门", "参公")


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def _explain(filler: Filler, this: ThreeExpenses, last: ThreeExpenses) -> str:
    items = (("abroad", "因公出国（境）费"), ("car_buy", "公务用车购置费"),
             ("car_run", "公务用车运行费"), ("reception", "公务接待费"))
    reasons = []
    for key, label in items:
        delta = getattr(this, key) - getattr(last, key)
        if delta == 0:
            continue
        way = "up" if delta > 0 else "down"
        word = "增加" if delta > 0 else "减少"
        # “本年未安排……” only fits when nothing at all is spent on the item this year.
        fitting = [r for r in filler.corpus.lines(f"reason.{key}.{way}")
                   if ("未安排" in r) == (getattr(this, key) == 0)] or list(filler.corpus.lines(f"reason.{key}.{way}"))
        reasons.append(f"{filler.fill(filler.rng.choice(fitting))}，{label}{word}{money(abs(delta))}万元")
    if not reasons:
        return "与上年相比，各项“三公”经费均无变化。"
    numerals = "一二三四"
    return "主要原因：" + "；".join(f"{numerals[i]}是{r}" for i, r in enumerate(reasons)) + "。"


def sangong_csv(year: int, this: ThreeExpenses, last: ThreeExpenses, what: str) -> bytes:
    """The “三公”经费 table as a small CSV attachment (UTF-8, with header)."""
    lines = [f"项目,{year}年{what}数（万元）,{year - 1}年{what}数（万元）,增减额"]
    for (_, label, a), (_, _, b) in zip(this.rows(), last.rows()):
        lines.append(f"{label},{money(a)},{money(b)},{money(a - b)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _income_expense(rng: random.Random, unit: FiscalUnit, total: int, final: bool):
    school = unit.category == "学校"
    public = unit.category in ("部门", "参公")
    weights = [0.72 if public else 0.45, 0.14 if unit.scale in ("X", "L") else 0.0,
               0.06 if public else 0.4, 0.01, 0.03]
    names = ["一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入", "上年结转"]
    if final:
        names = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "事业收入", "其他收入", "年初结转和结余"]
    keep = [(n, w) for n, w in zip(names, weights) if w > 0]
    income = list(zip([n for n, _ in keep], split(total, [w for _, w in keep], rng)))
    main = "教育支出" if school else "交通运输支出"
    exp_names = [main, "社会保障和就业支出", "卫生健康支出", "住房保障支出"]
    exp_weights = [0.93, 0.035, 0.01, 0.02]
    if final:
        exp_names.append("年末结转和结余")
        exp_weights.append(0.035)
    expense = list(zip(exp_names, split(total, exp_weights, rng)))
    return income, expense


def _two_column_table(income, expense, what: str, total: int) -> str:
    rows = []
    for i in range(max(len(income), len(expense))):
        a = income[i] if i < len(income) else ("", None)
        b = expense[i] if i < len(expense) else ("", None)
        rows.append([a[0], money(a[1]) if a[1] is not None else "",
                     b[0], money(b[1]) if b[1] is not None else ""])
    rows.append(["收入总计", money(total), "支出总计", money(total)])
    return _table(["收入项目", f"{what}数（万元）", "支出项目（功能分类）", f"{what}数（万元）"], rows)


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def figures_yaml(income, expense_parts, functional, this: ThreeExpenses, last: ThreeExpenses,
                 running: tuple[int, int | None] | None, counts: dict[str, int] | None) -> str:
    """The ``figures`` front-matter block (build_tools/fiscal.py) for the same numbers the body states."""
    def block(title, items, total_name=None, total=None):
        out = [f"  {title}:"] + [f"    {n}: {money(v)}" for n, v in items]
        if total_name:
            out.append(f"    {total_name}: {money(total)}")
        return out

    lines = ["figures:", "  单位: 万元"]
    lines += block("收入", income, "收入总计", sum(v for _, v in income))
    lines += block("支出", expense_parts, "支出总计", sum(v for _, v in expense_parts))
    lines += block("支出功能分类", functional)
    for title, s in (("三公经费", this), ("上年三公经费", last)):
        lines += [f"  {title}:"] + [f"    {csv_label}: {money(v)}" for _, csv_label, v in s.rows()]
    if running is not None:
        lines.append(f"  机关运行经费: {money(running[0])}")
        if running[1] is not None:
            lines.append(f"  上年机关运行经费: {money(running[1])}")
    if counts:
        lines += ["  数量:"] + [f"    {n}: {v}" for n, v in counts.items()]
    return "\n".join(lines)


def budget_body(filler: Filler, series: UnitSeries, year: int, approved, attach: bool) -> tuple[str, str]:
    """Markdown body of a budget (the figures of ``series`` for ``year``), and its ``figures`` block."""
    rng = filler.rng
    unit = series.unit
    this, last = series.budget[year], series.budget[year - 1]
    total = series.total[year]
    basic = int(total * rng.uniform(0.1, 0.4))
    income, expense = _income_expense(rng, unit, total, final=False)
    parts = [filler.one("budget.basis"),
             f"本{'部门' if unit.category == '部门' else '单位'}{year}年预算已经省财政厅于{_date(approved)}批复。",
             "## 一、基本情况",
             f"{unit.name}{filler.one('budget.duty')}",
             "## 二、收支预算总体情况",
             f"{year}年收支预算总计{money(total)}万元。支出预算中：基本支出{money(basic)}万元，"
             f"项目支出{money(total - basic)}万元。",
             _two_column_table(income, expense, "预算", total),
             "## 三、“三公”经费预算情况",
             f"{year}年“三公”经费财政拨款预算{money(this.total)}万元，比{year - 1}年预算"
             f"{'增加' if this.total >= last.total else '减少'}{money(abs(this.total - last.total))}万元。",
             _table(["项目", f"{year}年预算数", f"{year - 1}年预算数", "增减额"],
                    [[label, money(a), money(b), money(a - b)]
                     for (label, _, a), (_, _, b) in zip(this.rows(), last.rows())]),
             "单位：万元。" + _explain(filler, this, last)]
    if attach:
        parts.append("“三公”经费预算表见附件。")
    parts.append("## 四、机关运行经费安排情况")
    if series.has_operating:
        op, op_last = series.operating[year], series.operating[year - 1]
        parts.append(f"{year}年机关运行经费预算{money(op)}万元，比{year - 1}年预算"
                     f"{'增加' if op >= op_last else '减少'}{money(abs(op - op_last))}万元，"
                     f"主要是{'保障新增职能运转' if op >= op_last else '继续压减非刚性、非重点支出'}。")
    else:
        parts.append(f"{unit.name}为公益类事业单位，不涉及机关运行经费。")
    parts.append("## 五、其他重要事项说明")
    parts.extend(filler.pick("budget.other", 2))
    parts.append("## 六、名词解释")
    parts.append("1. 机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。\n"
                 "2. “三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。")
    running = (series.operating[year], series.operating[year - 1]) if series.has_operating else None
    figures = figures_yaml(income, [("基本支出", basic), ("项目支出", total - basic)], expense, this, last, running, None)
    return "\n\n".join(parts) + "\n", figures


def final_body(filler: Filler, series: UnitSeries, year: int, approved, attach: bool) -> tuple[str, str]:
    """Markdown body of a final account (the figures of ``series`` for ``year``), and its ``figures`` block."""
    rng = filler.rng
    unit = series.unit
    this, last, plan = series.final[year], series.final[year - 1], series.budget[year]
    total = int(series.total[year] * rng.uniform(1.0, 1.06))
    income, expense = _income_expense(rng, unit, total, final=True)
    spent = total - expense[-1][1]
    basic = int(spent * rng.uniform(0.1, 0.4))
    rate = this.total * 10000 // plan.total if plan.total else 0  # hundredths of a percent
    parts = [filler.one("final.basis"),
             f"本{'部门' if unit.category == '部门' else '单位'}{year}年度决算已经省财政厅于{_date(approved)}批复。",
             "## 一、收入支出决算总体情况",
             f"{year}年度收入总计{money(total)}万元，支出总计{money(total)}万元。其中本年支出{money(spent)}万元"
             f"（基本支出{money(basic)}万元，项目支出{money(spent - basic)}万元），"
             f"年末结转和结余{money(expense[-1][1])}万元。",
             _two_column_table(income, expense, "决算", total),
             "## 二、“三公”经费财政拨款支出决算情况",
             f"{year}年度“三公”经费财政拨款支出{money(this.total)}万元，完成预算的{money(rate)}%，"
             f"比预算减少{money(plan.total - this.total)}万元，主要是严格执行有关支出标准，各项支出均控制在预算以内；"
             f"比{year - 1}年度决算{'增加' if this.total >= last.total else '减少'}{money(abs(this.total - last.total))}万元。",
             _table(["项目", f"{year}年度决算数", f"{year - 1}年度决算数", "增减额"],
                    [[label, money(a), money(b), money(a - b)]
                     for (label, _, a), (_, _, b) in zip(this.rows(), last.rows())]),
             "单位：万元。与上年相比，" + _explain(filler, this, last)]
    trips = 0 if this.abroad == 0 else max(1, this.abroad // 400)
    bought = 0 if this.car_buy == 0 else max(1, this.car_buy // 2000)
    batches = max(1, this.reception // rng.randint(5, 9)) if this.reception else 0
    counts = {"出国团组": trips, "出国人次": trips * rng.randint(3, 6) if trips else 0, "车辆购置数": bought,
              "车辆保有量": series.vehicles[year], "接待批次": batches, "接待人次": batches * rng.randint(4, 9)}
    parts.append(f"全年因公出国（境）团组{trips}个、{counts['出国人次']}人次；"
                 f"公务用车购置{bought}辆，年末公务用车保有量{series.vehicles[year]}辆；"
                 f"国内公务接待{batches}批次、{counts['接待人次']}人次。")
    if attach:
        parts.append("“三公”经费支出决算表见附件。")
    parts.append("## 三、机关运行经费支出情况")
    op = None
    if series.has_operating:
        op = int(series.operating[year] * rng.uniform(0.93, 1.0))
        parts.append(f"{year}年度机关运行经费支出{money(op)}万元，主要用于办公、印刷、水电、物业管理等日常公用支出。")
    else:
        parts.append(f"{unit.name}为公益类事业单位，不涉及机关运行经费。")
    parts.append("## 四、其他重要事项说明")
    parts.append(f"{year}年度本单位已对纳入绩效目标管理的项目全部开展绩效自评，自评结果随决算一并公开。"
                 "政府采购支出、国有资产占用等情况详见决算公开表格。")
    figures = figures_yaml(income, [("基本支出", basic), ("项目支出", spent - basic), expense[-1]], expense[:-1],
                           this, last, (op, None) if op is not None else None, counts)
    return "\n\n".join(parts) + "\n", figures
