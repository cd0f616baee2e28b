"""Checks on budget and final-account figures: arithmetic, last year's figures, missing years, explanations.

- ``fiscal-total-mismatch``, ``fiscal-vehicle-mismatch``, ``fiscal-unbalanced``:
  a stated total is not what its parts add up to (:func:`build_tools.fiscal.arithmetic`).
- ``fiscal-prior-year-mismatch``: the 上年 figures a record states differ from
  what last year's record of the same kind (budget to budget, final account
  to final account) states as its own.
- ``fiscal-year-missing`` (warning): a year without a budget (or final
  account) between the first and the last year in the catalogue, or (once
  the issuer publishes final accounts) a year whose budget is two budgets
  old and has no final account yet.
- ``fiscal-text-total-mismatch`` (warning): the body states the year's 三公经费 total
  (“2025年度“三公”经费财政拨款支出146.04万元”) and it is not the 三公经费 table's 合计.
- ``disclosure-not-allowed``: a budget or final account not 主动公开 (预算法 Art 14: 涉及国家秘密的除外).
- ``fiscal-change-unexplained`` (warning): a 三公经费 item or the 机关运行经费
  changed against last year and the body does not state the change.  What
  counts as an explanation is deliberately mechanical, so an editor can
  predict it: the body states the change amount with two decimals
  (``减少2.10万元`` — the figure ``2.10`` standing alone); a total (合计,
  公务用车购置及运行费) is explained also when every changed part of it is.

Every message names the figure as the tables name it, what is written and
what would be right.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..catalogue import Catalogue
from ..diagnostics import Problem, problem
from ..disclosure_notes import said_undenied
from ..fiscal import (ABROAD, CAR, CAR_PURCHASE, CAR_RUNNING, RECEPTION, SANGONG_TOTAL, Sangong, arithmetic,
                      budget_unit, converted, format_money, read_amount, same_amount)
from ..model.fields import Kind
from ..model.record import Record

FISCAL = (Kind.BUDGET, Kind.FINAL_ACCOUNT)
_PARTS_OF = {SANGONG_TOTAL: (ABROAD, CAR, RECEPTION), CAR: (CAR_PURCHASE, CAR_RUNNING)}


def check_fiscal(catalogue: Catalogue, as_of: dt.date, rule_from: dt.date = dt.date(2015, 1, 1),
                 agency: str = "", former_names: Sequence[str] = ()) -> list[Problem]:
    """Every fiscal problem in the catalogue on ``as_of`` (records published later count as absent).

    ``rule_from``: the day the duty to publish budgets began (``rules_from.budget``); a
    year whose budget or final account was approved before it is never missing.  ``agency`` and its
    ``former_names``: a record issued under a former name is the agency's (:func:`~build_tools.fiscal.budget_unit`).
    """
    unit = functools.partial(budget_unit, agency=agency, former=former_names)
    records = [r for r in catalogue.records if r.kind in FISCAL and r.fiscal_year is not None]
    problems: list[Problem] = []
    latest = latest_by_year(records, unit)
    for r in records:
        if r.figures is not None:
            problems += _arithmetic(r, latest.get((unit(r.issuer), r.kind, r.fiscal_year - 1)))
            problems += _unexplained(r)
            problems += _total_said(r)
            problems += _counts(r)
    problems += _prior_year(latest)
    problems += _not_proactive(catalogue, rule_from)
    unread = frozenset((facts["kind"], facts["fiscal_year"]) for facts in catalogue.unread_facts.values()
                       if facts.get("kind") in FISCAL and "fiscal_year" in facts and facts.get("proactive", True))
    problems += _missing_years([r for r in records if r.published <= as_of], rule_from, unread, unit)
    return problems


def latest_by_year(records: Iterable[Record], unit: Callable[[tuple[str, ...]], tuple[str, ...]] = lambda i: i
                   ) -> dict[tuple[tuple[str, ...], Kind, int], Record]:
    """The record of each (issuer, kind, year), the last published when there are several (an adjusted budget).

    Each budget unit (the department, each 所属单位) publishes its own budget, so years are counted per issuer.
    """
    latest: dict[tuple[tuple[str, ...], Kind, int], Record] = {}
    for r in sorted(records, key=lambda r: (r.published, r.index_no)):
        latest[(unit(r.issuer), r.kind, r.fiscal_year)] = r
    return latest


_COUNTED = (("出国团组", "出国人次"), ("接待批次", "接待人次"))
"""Groups and the persons in them: no group without a person, never more groups than persons."""


def _counts(r: Record) -> list[Problem]:
    """``fiscal-counts-inconsistent`` for counts that cannot both be true: 出国团组 9 and 出国人次 2, 接待批次 1531 and
    接待人次 169 (two columns swapped when pasted) passed unsaid (an audit)."""
    out = []
    by_name = {c.name: c for c in r.figures.counts}
    for groups, persons in _COUNTED:
        g, p = by_name.get(groups), by_name.get(persons)
        if g is None or p is None or (p.value >= g.value and (g.value > 0) == (p.value > 0)):
            continue
        n, m = g.value, p.value
        out.append(problem(
            "fiscal-counts-inconsistent", r.source, g.line, "figures",
            f"{_what(r)}的“{groups}”是 {n}，“{persons}”是 {m}：" + (
                f"{groups}不能多于{persons}。" if g.value > p.value else f"有{persons}就有{groups}，反之亦然。"),
            "对照决算公开表核对这两个数：多半是从表格粘贴时两列对调或错行了。"))
    return out


def _what(r: Record) -> str:
    return f"{r.fiscal_year}年{'部门预算' if r.kind is Kind.BUDGET else '度部门决算'}"


def _arithmetic(r: Record, prev: Record | None) -> list[Problem]:
    out = []
    unit = r.figures.unit
    for m in arithmetic(r.figures):
        if _rounded_from_last_year(r, prev, m.figure, m.stated):
            continue
        if m.code == "fiscal-unbalanced":
            msg = (f"{_what(r)}的“{m.figure}”是 {format_money(m.stated)} {unit}，"
                   f"与“{m.how}”{format_money(m.expected)} {unit}不相等（相差 {format_money(m.stated - m.expected)}）。")
            hint = "收支总表中收入总计必须等于支出总计；请核对两边各项，支出总计应含年末结转和结余。"
        else:
            msg = (f"{_what(r)}的“{m.figure}”写的是 {format_money(m.stated)} {unit}，"
                   f"但 {m.how} = {format_money(m.expected)} {unit}（相差 {format_money(m.stated - m.expected)}）。")
            hint = f"核对各项金额；如果各项无误，“{m.figure}”应为 {format_money(m.expected)}。"
        out.append(problem(m.code, r.source, m.line, "figures", msg, hint))
    return out


def _rounded_from_last_year(r: Record, prev: Record | None, figure: str, stated: int) -> bool:
    """Whether a 上年 total that is not the sum of its parts is last year's total, rounded from the finer unit
    last year's record is in: each part rounded on its own may not add up to it (two parts of ….50 元), and the
    editor could write no figure both checks let pass (a review)."""
    title, _, name = figure.partition(" / ")
    last = prev.figures if prev is not None else None
    if title != "上年三公经费" or last is None or last.sangong is None or last.unit == r.figures.unit:
        return False
    return same_amount(stated, r.figures.unit, last.sangong.value(name), last.unit)


def _prior_year(latest: dict[tuple[Kind, int], Record]) -> list[Problem]:
    out = []
    for (issuer, kind, year), r in sorted(latest.items(), key=lambda kv: (kv[0][0], kv[0][1].value, kv[0][2])):
        prev = latest.get((issuer, kind, year - 1))
        f, pf = r.figures, prev.figures if prev is not None else None
        if f is None or pf is None:
            continue
        # Each in its record's unit: a 上年 figure in 万元 is last year's 元 rounded (same_amount).
        if f.sangong_last is not None and pf.sangong is not None:
            for name, stated, _ in f.sangong_last.rows():
                actual = pf.sangong.value(name)
                if not same_amount(stated, f.unit, actual, pf.unit):
                    out.append(problem(
                        "fiscal-prior-year-mismatch", r.source, _line(f.sangong_last, name, f.line), "figures",
                        f"{_what(r)}的“上年三公经费 / {name}”写的是 {format_money(stated)} {f.unit}，"
                        f"但{_what(prev)}（{prev.source}）公开的是 {format_money(actual)} {pf.unit}。",
                        f"上年数应与上年公开的数字一致：{_suggested(actual, pf.unit, f.unit)}；如果上年记录有误，请更正上年记录。"))
        if f.running_last is not None and pf.running is not None and \
                not same_amount(f.running_last.cents, f.unit, pf.running.cents, pf.unit):
            out.append(problem(
                "fiscal-prior-year-mismatch", r.source, f.running_last.line, "figures",
                f"{_what(r)}的“上年机关运行经费”写的是 {f.running_last.text} {f.unit}，"
                f"但{_what(prev)}（{prev.source}）公开的是 {pf.running.text} {pf.unit}。",
                f"{_suggested(pf.running.cents, pf.unit, f.unit)}；如果上年记录有误，请更正上年记录。"))
    return out


def _suggested(actual: int, last: str, unit: str) -> str:
    """What to write for last year's ``actual`` (hundredths of ``last``) in this year's ``unit``: the figure, or, from
    万元 to 元, the range of 元 figures that round to it (it was given as ×10000, an exact figure nobody published,
    from which this year's change was then computed: an audit)."""
    if last == "万元" and unit == "元":
        low, high = actual * 10000 - 5000, actual * 10000 + 4999
        return (f"上年以万元公开（{format_money(actual)} 万元），元数应在 {format_money(low)} 至 {format_money(high)} 元之间，"
                "请照上年以元为单位的公开表格填写")
    return f"改为 {format_money(converted(actual, last, unit))}{_unit_note(unit, last)}"


def _unit_note(unit: str, last: str) -> str:
    """What a suggested 上年 figure converted from last year's unit is (nothing when the units are the same)."""
    if unit == last:
        return ""
    return f"（{unit}，由上年的{last}换算{'，保留两位小数' if unit == '万元' else ''}）"


def _line(s: Sangong, name: str, default: int) -> int:
    stated = {ABROAD: s.abroad, CAR_PURCHASE: s.car_purchase, CAR_RUNNING: s.car_running,
              RECEPTION: s.reception, CAR: s.car, SANGONG_TOTAL: s.total}.get(name)
    return stated.line if stated is not None else default


def _missing_years(records: list[Record], rule_from: dt.date,
                   unread: frozenset[tuple[Kind, int]] = frozenset(),
                   unit: Callable[[tuple[str, ...]], tuple[str, ...]] = lambda i: i) -> list[Problem]:
    out = []
    by_issuer: dict[tuple[str, ...], list[Record]] = {}
    for r in records:
        by_issuer.setdefault(unit(r.issuer), []).append(r)
    for issuer in sorted(by_issuer):
        out += _missing_years_of(by_issuer[issuer], rule_from, unread)
    return out


def _a_state_secret(reason: str) -> bool:
    """Whether a 不公开理由 says a state secret, not denied in its clause (经保密审查不涉及国家秘密, 非涉密: a review
    found them taken for the exception)."""
    return said_undenied(_STATE_SECRET, reason, _DENIED_BEFORE)


_DENIED_BEFORE = re.compile(r"(?:不|非|无|無|未|没有|沒有)(?:涉及|属于|屬於|是|含有|含|包含|涉)?$")
"""A denial just before the secret's name (不涉及国家秘密, 非涉密); 尚未解密的国家秘密 and 不对外公开涉密信息 deny
nothing of it (a later review)."""


_STATE_SECRET = re.compile(r"国家秘密|涉密|绝密|机密|(?<!工作)(?<!商业)(?<!商業)秘密|密级|定密")  # not 工作秘密, 商业秘密
"""The one ground on which 预算法 Art 14 lets a budget or final account stay unpublished: a state secret, by its name
or its level (属机密级事项: a review found it refused)."""


def _not_proactive(catalogue: Catalogue, rule_from: dt.date) -> list[Problem]:
    """``disclosure-not-allowed`` for a budget or final account not 主动公开: 预算法 Art 14 (条例 Art 20(7)) has them
    published within 20 days of approval, 涉及国家秘密的除外.  Filed 依申请公开 for 内部事务信息, the 2024 budget was
    off the site while its year counted present and the check passed, though deleting it was fiscal-year-missing (a
    review).  Not before the duty began (``rules_from.budget``), nor when the reason given is a state secret."""
    out = []
    for r in catalogue.records:
        if r.kind not in FISCAL or r.is_proactive or _a_state_secret(r.withheld_reason or ""):
            continue
        if r.approved is not None and r.approved < rule_from or r.approved is None and r.fiscal_year is not None \
                and r.fiscal_year < _first_required(r.kind, rule_from):
            continue
        label = "部门预算" if r.kind is Kind.BUDGET else "部门决算"
        out.append(problem(
            "disclosure-not-allowed", r.source, r.line_of("disclosure"), "disclosure",
            f"{label}必须主动公开（《预算法》第十四条，《政府信息公开条例》第二十条第（七）项），不能{r.disclosure.label}，"
            f"只有涉及国家秘密的可以不公开；现在这份{label}不会出现在网站上。",
            "删去「公开方式」和「不公开理由」两行（或把公开方式改为 主动公开）；确实涉及国家秘密的，在不公开理由中写明，"
            "例如：withheld_reason: 涉及国家秘密（《预算法》第十四条）。"))
    return out


def _first_required(kind: Kind, rule_from: dt.date) -> int:
    """The first fiscal year whose document of ``kind`` is approved after the rule began: a
    budget is approved early in its own year, a final account in the year after."""
    return rule_from.year if kind is Kind.BUDGET else rule_from.year - 1


def _missing_years_of(records: list[Record], rule_from: dt.date,
                      unread: frozenset[tuple[Kind, int]] = frozenset()) -> list[Problem]:
    """Missing years among the records of one issuer (only years the law of the time required); ``unread``:
    (kind, year) of files that give no record, with errors of their own: not missing (an audit)."""
    out = []
    years = {kind: {} for kind in FISCAL}
    for r in sorted(records, key=lambda r: (r.published, r.index_no)):
        years[r.kind].setdefault(r.fiscal_year, r)
    for kind, by_year in years.items():
        if not by_year:
            continue
        label = "部门预算" if kind is Kind.BUDGET else "部门决算"
        present = sorted(by_year)
        for y in range(max(present[0], _first_required(kind, rule_from)), present[-1] + 1):
            if y in by_year or (kind, y) in unread:
                continue
            after = by_year[min(p for p in present if p > y)]
            out.append(problem(
                "fiscal-year-missing", after.source, after.line_of("fiscal_year"), "fiscal_year",
                f"目录中有 {present[0]} 年至 {present[-1]} 年的{label}，缺少 {y} 年度的{label}。",
                f"补充 {y} 年度{label}的记录（「类型」{kind.value}，「年度」{y}）；如确未公开，请在说明中写明原因。"))
    budgets, finals = years[Kind.BUDGET], years[Kind.FINAL_ACCOUNT]
    for y, budget in sorted(budgets.items()):
        later = budgets.get(y + 2)
        if (y not in finals and (Kind.FINAL_ACCOUNT, y) not in unread and later is not None and finals and y > min(finals)
                and y >= _first_required(Kind.FINAL_ACCOUNT, rule_from)):
            out.append(problem(
                "fiscal-year-missing", later.source, later.line_of("fiscal_year"), "fiscal_year",
                f"{y} 年部门预算已公开，{y + 2} 年部门预算也已公开，但目录中还没有 {y} 年度部门决算。",
                f"部门决算一般在次年年中批复后 20 日内公开；请补充 {y} 年度部门决算的记录。"))
    return out


def _states(body: str, cents: int, unit: str = "万元") -> bool:
    """True when ``body`` (read by :func:`_as_read`) states the amount (``2.10``) as a number of its own (not
    inside 12.10 or 2.105); a whole amount also without its decimals before its unit (减少8,000元, 增加2万元),
    and an amount of a table in 元 also in 万元 (减少0.80万元): how offices write them (a review).  Not where the
    words just before it say the other way (增加50.05万元 for a decrease: an audit found it taken as said)."""
    return _statement(body, cents, unit) == "said"


def _statement(body: str, cents: int, unit: str = "万元") -> str:
    """``said``, ``contradicted`` (stated only with the other direction's word before it) or ``unsaid``."""
    amount = abs(cents)
    forms = [(format_money(amount), False, "")]
    if amount % 100 == 0:
        forms.append((str(amount // 100), True, unit))
    if unit == "元":
        forms.append((format_money(converted(amount, "元", "万元")), False, "万元"))
    other = _DOWN if cents > 0 else _UP
    contradicted = False
    for form in forms:
        for start in number_places(body, *form):
            before = body[max(0, start - 12):start]
            words = list(_DIRECTION.finditer(before))
            if words and other.fullmatch(words[-1].group()):
                contradicted = True
                continue
            return "said"
    return "contradicted" if contradicted else "unsaid"


def number_places(body: str, number: str, no_dot_after: bool, unit: str) -> Iterator[int]:
    r"""Where ``number`` (digits and a dot) stands in ``body`` as a number of its own: after no digit or
    dot and before no digit (nor a dot, with ``no_dot_after``), then, if ``unit``, spaces and that unit.
    The matches ``re.finditer`` gives of ``(?<![\d.])number(?![\d])\s*unit`` (the tests compare them),
    without compiling a pattern for each amount (some 450 a clean build of 1,000 records)."""
    at = body.find(number)
    while at >= 0:
        end = at + len(number)
        after = body[end:end + 1]
        if (at == 0 or not (body[at - 1].isdecimal() or body[at - 1] == ".")) and not (
                after.isdecimal() or (no_dot_after and after == ".")):
            while unit and end < len(body) and body[end].isspace():
                end += 1
            if body.startswith(unit, end):
                yield at
                at = body.find(number, end + len(unit))
                continue
        at = body.find(number, at + 1)


_UP = re.compile("增加|增长|上升|提高|多支|超支|增")
_DOWN = re.compile("减少|下降|降低|节约|压减|缩减|少支|减")
_DIRECTION = re.compile("增加|增长|上升|提高|多支|超支|减少|下降|降低|节约|压减|缩减|少支|增|减")


def _as_read(body: str) -> str:
    """The body with its numbers as the figures are read: full-width digits and marks half-width (减少２．００万元,
    pasted from Word), thousands separators out (1,236.58).  Six explained changes were warned as unexplained
    (found by an audit)."""
    text = unicodedata.normalize("NFKC", body)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def _unexplained(r: Record) -> list[Problem]:
    f = r.figures
    out = []
    body = _as_read(r.body)
    if f.sangong is not None and f.sangong_last is not None:
        explained: dict[str, bool] = {}
        changed: dict[str, int] = {}
        for name, this, _ in reversed(f.sangong.rows()):  # parts before the totals they make up
            change = this - f.sangong_last.value(name)
            changed[name] = change
            parts = [p for p in _PARTS_OF.get(name, ()) if changed[p] != 0]
            explained[name] = change == 0 or _states(body, change, f.unit) or (
                bool(parts) and all(explained[p] for p in parts))
        for name, this, _ in f.sangong.rows():
            if not explained[name]:
                out.append(_unexplained_problem(r, _line(f.sangong, name, f.line), f"三公经费 / {name}",
                                                this, changed[name],
                                                _statement(body, changed[name], f.unit) == "contradicted"))
    if f.running is not None and f.running_last is not None:
        change = f.running.cents - f.running_last.cents
        if change and not _states(body, change, f.unit):
            out.append(_unexplained_problem(r, f.running.line, "机关运行经费", f.running.cents, change,
                                            _statement(body, change, f.unit) == "contradicted"))
    return out


def _unexplained_problem(r: Record, line: int, figure: str, this: int, change: int,
                         contradicted: bool = False) -> Problem:
    word, unit = "增加" if change > 0 else "减少", r.figures.unit
    said = f"{abs(change) // 100:,}" if unit == "元" and change % 100 == 0 else format_money(abs(change))
    other = "减少" if change > 0 else "增加"
    return problem(
        "fiscal-change-unexplained", r.source, line, "figures",
        f"{_what(r)}的“{figure}”为 {format_money(this)} {unit}，比上年{word} {format_money(abs(change))} {unit}，"
        + (f"正文却说这笔钱是{other}的。" if contradicted else "正文没有说明这一变化。"),
        f"在正文中写明增减额和原因，例如“{figure.split(' / ')[-1]}{word}{said}{unit}，主要是……”。")


_QUOTE = "[\"“”'‘’「」『』]?"
_TOTAL_SAID = re.compile(
    f"(?P<year>(?:19|20)\\d\\d年度?)?{_QUOTE}三公{_QUOTE}经费"
    "(?P<words>(?:一般公共预算|财政拨款|(?:19|20)\\d\\d年度?|本年度?|当年|安排的?|支出|预算数?|决算数?|合计|共计|总计|总额"
    "|为|是|共|了|的)*?)\\s*(?P<amount>\\d+(?:\\.\\d{1,2})?)\\s*(?P<unit>万元|元)")
"""A sentence stating the 三公经费 total: its name, then only the words of a total (财政拨款, 支出, 预算, 决算, 合计, 为, a
year), then the amount and its unit (2025年度“三公”经费财政拨款支出144.06万元, “三公”经费预算数为149.75万元).  A change
(比上年减少3.60万元) or another figure (完成预算的96.20%) has other words before its number: not read."""
_NOT_THIS_YEARS = re.compile("上年|上一年|去年|前年|同期|本级|所属|下属|二级")
"""Words just before the name, in its sentence, that say the amount is another year's or another budget unit's."""


def _total_said(r: Record) -> list[Problem]:
    """``fiscal-text-total-mismatch`` where the body states the year's 三公经费 total and it is not the table's 合计.

    An editor starting this year's text from last year's updates the tables and the changes; a stale or mistyped
    total in the text (146.04 for 144.06) passed, and the page showed two official totals (a review).  Only a
    sentence that is plainly the total (:data:`_TOTAL_SAID`) of this record's year and kind: not one naming another
    year, nor a final account's 预算 figure, nor a budget's 决算 figure, nor a 本级 or 所属单位 amount."""
    s = r.figures.sangong
    if s is None:
        return []
    body = _as_read(r.body)
    own, other = ("决算", "预算") if r.kind is Kind.FINAL_ACCOUNT else ("预算", "决算")
    out, told = [], set()
    for m in _TOTAL_SAID.finditer(body):
        words = m["words"]
        years = {int(y) for y in re.findall(r"(?:19|20)\d\d", (m["year"] or "") + words)}
        if other in words and own not in words or years - {r.fiscal_year} \
                or _NOT_THIS_YEARS.search(re.split("[。；;\n]", body[max(0, m.start() - 8):m.start()])[-1]):
            continue
        amount = read_amount(m["amount"], m["unit"])
        if amount.cents is None or same_amount(amount.cents, m["unit"], s.total_cents, r.figures.unit) \
                or m["amount"] in told:
            continue
        told.add(m["amount"])
        line = r.body_line + body.count("\n", 0, m.start())
        out.append(problem(
            "fiscal-text-total-mismatch", r.source, line, "body",
            f"{_what(r)}的正文第 {line} 行写“三公”经费为 {m['amount']} {m['unit']}，而「预决算数据」(figures) 的“三公”经费"
            f"合计是 {format_money(s.total_cents)} {r.figures.unit}（{_parts(s)}）：页面上两个数字都会显示。",
            f"核对后改正：正文写错的，把 {m['amount']}{m['unit']} 改为 {format_money(s.total_cents)}{r.figures.unit}；"
            "表格错的，改正 figures 中“三公经费”的各项。"))
    return out


def _parts(s: Sangong) -> str:
    """The 合计 as its parts add it up, as the table shows them: 9.37 + 122.01 + 12.68."""
    return " + ".join(format_money(s.value(name)) for name in _PARTS_OF[SANGONG_TOTAL])
