"""Deadlines on the official working-day calendar: interpretations, disclosure, budgets.

Every figure in a message — the due date, the actual date, how many working
days late — comes from :class:`~build_tools.workdays.WorkdayCalendar`, so an
auditor can recount it by hand.  A date the calendar has no verified data
for gives a ``calendar-data-missing`` problem naming the year, never a
silently wrong count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..graph import LinkGraph
from ..model.fields import FIELDS_BY_KEY, Kind
from ..model.record import Record
from ..workdays import CalendarDataMissing, WorkdayCalendar


def _guarded(record: Record, key: str, compute: Callable[[], list[Problem]]) -> list[Problem]:
    try:
        return compute()
    except CalendarDataMissing as exc:
        return [problem("calendar-data-missing", record.source, record.line_of(key), key, str(exc),
                        f"在 mkdocs.yml 的 catalogue 插件中加入，例如：\ncalendar:\n  years:\n    {exc.year}:\n"
                        f"      holidays: [{exc.year}-01-01, …]\n      workdays: […]")]


def _d(day: dt.date) -> str:
    return day.isoformat()


def book_title(title: str) -> str:
    """《title》, with 《》 inside the title turned into 〈〉 as Chinese typography nests them."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def _within(n: int) -> str:
    return "当日" if n == 0 else f"{n} 个工作日内"


def interpretation_rule_applies(policy: Record, config: CatalogueConfig) -> bool:
    """Whether the 解读 deadline judges ``policy``: a type the rule names (``interpretation_required``),
    published from the day the rule began (``rules_from.interpretation``)."""
    return (policy.doc_type is not None and policy.doc_type.value in config.interpretation_required
            and policy.published >= config.rules_from["interpretation"])


def interpretation_due(policy: Record, config: CatalogueConfig, calendar: WorkdayCalendar) -> dt.date:
    """The last day an interpretation of ``policy`` may be published."""
    return calendar.add_workdays(policy.published, config.interpretation_deadline_workdays)


def check_interpretations(catalogue: Catalogue, graph: LinkGraph, config: CatalogueConfig,
                          calendar: WorkdayCalendar, as_of: dt.date) -> list[Problem]:
    """Missing, pending and late interpretations of published policies."""
    problems: list[Problem] = []
    n = config.interpretation_deadline_workdays
    for policy in catalogue.records:
        if policy.kind is not Kind.POLICY or policy.published > as_of or not policy.is_proactive:
            continue
        # An interpretation dated after as_of is not out yet: it cannot count.
        interps = [catalogue.by_index[i] for i in graph.interpretations.get(policy.index_no, ())
                   if catalogue.by_index[i].is_proactive and catalogue.by_index[i].published <= as_of]
        # A 2020 解释 of a 2010 law, or of a 其他文件, is not late, and needs no calendar.
        if not interpretation_rule_applies(policy, config):
            continue
        if not interps and not policy.interpretation_exempt:
            problems += _guarded(policy, "published", lambda p=policy: _missing(p, config, calendar, as_of))
        elif interps:
            first = min(interps, key=lambda r: (r.published, r.index_no))
            problems += _guarded(first, "published", lambda p=policy, i=first: _late(p, i, n, config, calendar))
    return problems


def _missing(policy: Record, config: CatalogueConfig, calendar: WorkdayCalendar, as_of: dt.date) -> list[Problem]:
    due = interpretation_due(policy, config, calendar)
    kind = policy.doc_type.label
    n = config.interpretation_deadline_workdays
    # Lateness is counted in working days: until a working day has passed
    # after the due date (e.g. a weekend right after it), it is still pending.
    late = calendar.workdays_between(due, as_of)
    if late == 0:
        return [problem("interpretation-pending", policy.source, policy.line_of("published"), "published",
                        f"待解读：本{kind}于 {_d(policy.published)} 公开，解读最迟应于 {_d(due)}（含当日）发布"
                        f"（{_within(n)}），目前还没有解读。",
                        "发布解读时，在解读记录的「解读对象」(interprets) 中写上本文件的索引号 "
                        f"{policy.index_no}。")]
    return [problem("missing-interpretation", policy.source, policy.line_of("published"), "published",
                    f"缺少政策解读：本{kind}于 {_d(policy.published)} 公开，解读最迟应于 {_d(due)}（含当日）发布"
                    f"（{_within(n)}），到 {_d(as_of)} 已逾期 {late} 个工作日。",
                    f"尽快发布解读，并在解读记录的「解读对象」中写上 {policy.index_no}；"
                    "确实无需解读的，在本记录中填写 interpretation_exempt: 理由。")]


def _late(policy: Record, interp: Record, n: int, config: CatalogueConfig,
          calendar: WorkdayCalendar) -> list[Problem]:
    due = interpretation_due(policy, config, calendar)
    late = calendar.workdays_between(due, interp.published)
    if late == 0:  # on the due date, or only days off after it
        return []
    return [problem("late-interpretation", interp.source, interp.line_of("published"), "published",
                    f"解读发布逾期 {late} 个工作日：所解读的 {policy.index_no}{book_title(policy.title)}于 "
                    f"{_d(policy.published)} 公开，解读最迟应于 {_d(due)}（含当日）发布（{_within(n)}），"
                    f"实际发布日期是 {_d(interp.published)}。",
                    "发布日期如有误请改正；确实逾期的，此问题会保留在合规报告中。")]


def check_disclosure_deadlines(catalogue: Catalogue, config: CatalogueConfig,
                               calendar: WorkdayCalendar, as_of: dt.date) -> list[Problem]:
    """主动公开 within N working days of being formed (条例 Art 26)."""
    problems: list[Problem] = []
    key = config.disclosure_clock_field
    if key == "published":  # the clock starts at publication: nothing can be late
        return problems
    n = config.disclosure_deadline_workdays
    label = FIELDS_BY_KEY[key].label
    for r in catalogue.records:
        start = getattr(r, key)
        if start is None or not r.is_proactive or r.published > as_of:
            continue
        if start < config.rules_from["disclosure"]:  # formed before the 条例: no deadline, no calendar
            continue

        def compute(r=r, start=start) -> list[Problem]:
            due = calendar.add_workdays(start, n)
            late = calendar.workdays_between(due, r.published)
            if late == 0:
                return []
            return [problem("late-disclosure", r.source, r.line_of("published"), "published",
                            f"主动公开逾期 {late} 个工作日：{label} {_d(start)}，最迟应于 {_d(due)}（含当日）公开"
                            f"（{_within(n)}），实际发布日期是 {_d(r.published)}。",
                            f"核对{label}和发布日期；确实逾期的，此问题会保留在合规报告中。")]
        problems += _guarded(r, "published", compute)
    return problems


def check_fiscal_deadlines(catalogue: Catalogue, config: CatalogueConfig, as_of: dt.date) -> list[Problem]:
    """Budgets and final accounts within N calendar days of approval (预算法 Art 14)."""
    problems = []
    n = config.budget_deadline_days
    for r in catalogue.records:
        if (r.kind not in (Kind.BUDGET, Kind.FINAL_ACCOUNT) or r.approved is None
                or not r.is_proactive or r.published > as_of or r.approved < config.rules_from["budget"]):
            continue
        due = r.approved + dt.timedelta(days=n)
        if r.published > due:
            late = (r.published - due).days
            problems.append(problem(
                "late-fiscal-disclosure", r.source, r.line_of("published"), "published",
                f"{r.kind.label}公开逾期 {late} 日：批复日期 {_d(r.approved)}，最迟应于 {_d(due)}（含当日）公开"
                f"（{n} 日内），实际发布日期是 {_d(r.published)}。",
                "核对批复日期和发布日期；确实逾期的，此问题会保留在合规报告中。"))
    return problems


def check_annual_report_deadlines(catalogue: Catalogue, config: CatalogueConfig, as_of: dt.date) -> list[Problem]:
    """Annual reports by 1月31日 (departments) or the configured day (条例 Art 49).

    Late reports are reported on their 发布日期.  A missing year is expected
    only once the catalogue has a 主动公开 annual report: from the first such
    report's year on, every year whose deadline has passed on ``as_of`` needs one.
    Reports on years before the 条例 (``rules_from.disclosure``: the 2008 report
    was the first it required) were voluntary: never late, never missing.
    """
    from ..annual_report import report_deadline
    first_required = config.rules_from["disclosure"].year
    reports = sorted((r for r in catalogue.records if r.kind is Kind.ANNUAL_REPORT and r.fiscal_year
                      and r.fiscal_year >= first_required),
                     key=lambda r: (r.fiscal_year, r.index_no))
    if not reports:
        return []
    problems = []
    out = {r.fiscal_year for r in reports if r.is_proactive and r.published <= as_of}
    for r in reports:
        due = report_deadline(r.fiscal_year, config.annual_report_deadline)
        if r.is_proactive and r.published > due:
            problems.append(problem(
                "annual-report-late", r.source, r.line_of("published"), "published",
                f"{r.fiscal_year}年年度报告公开逾期 {(r.published - due).days} 日：最迟应于 {_d(due)}（含当日）公开"
                f"（条例第四十九条），实际发布日期是 {_d(r.published)}。",
                "核对发布日期；县级以上人民政府的期限是3月31日，请在配置中写 annual_report_deadline: \"03-31\"。"))
    public = [r for r in reports if r.is_proactive]
    if not public:
        return problems
    reports = public
    year = reports[0].fiscal_year
    while (due := report_deadline(year, config.annual_report_deadline)) < as_of:
        if year not in out:
            before = [r for r in reports if r.fiscal_year < year] or reports
            anchor = before[-1]
            problems.append(problem(
                "annual-report-missing", anchor.source, anchor.line_of("fiscal_year"), "fiscal_year",
                f"缺少{year}年政府信息公开工作年度报告：最迟应于 {_d(due)}（含当日）公开，到 {_d(as_of)} 目录中还没有"
                "已公开的该年度报告。",
                f"运行 catalogue annual-report {year} 生成草稿，填写后发布。"))
        year += 1
    return problems
