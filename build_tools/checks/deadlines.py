"""Deadlines on the official working-day calendar: interpretations, disclosure, budgets.

Every figure in a message — the due date, the actual date, how many working
days late — comes from :class:`~build_tools.workdays.WorkdayCalendar`, so an
auditor can recount it by hand.  A date the calendar has no verified data
for gives a ``calendar-data-missing`` problem naming the year, never a
silently wrong count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..annual_report import CountingRules
from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..graph import LinkGraph, meant_record
from ..model.fields import FIELDS_BY_KEY, Kind
from ..model.record import Record
from ..model.values import in_hidden_file, index_number_key
from ..visibility import is_public
from ..workdays import CalendarDataMissing, WorkdayCalendar


def _calendar_missing(record: Record, key: str, exc: CalendarDataMissing) -> list[Problem]:
    return [problem("calendar-data-missing", record.source, record.line_of(key), key, str(exc),
                    f"按国务院办公厅关于{exc.year}年部分节假日安排的通知，在 mkdocs.yml 的 catalogue 插件中写上全年的安排"
                    f"（通知中每一个放假的工作日和每一个调休上班日），例如：\ncalendar:\n  years:\n    {exc.year}:\n"
                    f"      holidays: [{exc.year}-01-01, …]\n      workdays: […]")]


def _d(day: dt.date) -> str:
    return day.isoformat()


def book_title(title: str) -> str:
    """《title》, with 《》 inside the title turned into 〈〉 as Chinese typography nests them."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def _within(n: int) -> str:
    return "当日" if n == 0 else f"{n} 个工作日内"


def issued_by_agency(record: Record, config: CatalogueConfig) -> bool:
    """Whether ``record`` is the agency's own (``agency``, alone or jointly, now or under ``agency_former_names``,
    or by one of its offices), by the annual report's rule
    (:meth:`~build_tools.annual_report.CountingRules.issued_within`); every record when ``agency`` is not
    configured.  The organ that made a document publishes it (条例 Art 10) and 谁起草谁解读:
    a 交通运输部 rule the department lists was told it was 53 working days late to publish and to interpret (a
    review)."""
    return CountingRules.of(config).issued_within(record)


def interpretation_rule_applies(policy: Record, config: CatalogueConfig) -> bool:
    """Whether the 解读 deadline judges ``policy``: a type the rule names (``interpretation_required``),
    published from the day the rule began (``rules_from.interpretation``), issued by the agency
    (:func:`issued_by_agency`)."""
    return (policy.doc_type is not None and policy.doc_type.value in config.interpretation_required
            and policy.published >= config.rules_from["interpretation"] and issued_by_agency(policy, config))


@dataclass(frozen=True, slots=True)
class Timeliness:
    """Whether a day is within ``n`` working days after a start day (:func:`judge`)."""

    on_time: bool
    """On or before the due day: the ``n``-th working day after the start (the start itself when ``n`` is 0).
    A day off after the due day is after it: "最迟应于 09-30（含当日）" is not met on 10-08."""
    due: dt.date | None
    """The due day; None when it lies where the calendar has no verified data and it was not needed
    (a document published the day it was written is on time under any calendar)."""
    late: int | None
    """Working days after the due day, up to the day judged (0 when only days off came after it); None when
    the due day is on verified ground and the days after it are not (late, by a number not yet known)."""


def judge(calendar: WorkdayCalendar, start: dt.date, n: int, day: dt.date) -> Timeliness:
    """Whether ``day`` is within ``n`` working days after ``start``.

    Only the days up to ``day`` need the calendar, and none when no more
    calendar days than the working days allowed have passed: whether a
    document published on the day it was written, or three days later, is on
    time does not depend on next year's holidays (found by an audit: every
    record written from late November on was an error until the next year's
    notice, and one published on 12-21 three days after it was written).  Raises :class:`~build_tools.workdays.CalendarDataMissing` when
    a day up to ``day`` has no verified data.
    """
    if (day - start).days <= n:  # no more days than working days allowed (a day before the start too): on time
        on_time = True
    elif (due := _due_if_known(calendar, start, n)) is not None and due < day:
        # late whatever next year's notice says: a 解读 due 12-18 and missing on 12-21 was only "calendar
        # data missing" until the next year was configured, and the report lost it (found by an audit)
        try:
            return Timeliness(False, due, calendar.workdays_between(due, day))
        except CalendarDataMissing:
            return Timeliness(False, due, None)
    else:
        count = calendar.workdays_between(start, day)
        # the n-th working day itself is the due day; a day off after it is late
        on_time = count < n or (count == n and calendar.is_workday(day))
    if on_time:
        try:
            due = calendar.add_workdays(start, n)
        except CalendarDataMissing:
            due = None
        return Timeliness(True, due, 0)
    due = calendar.add_workdays(start, n)  # before ``day``: on verified ground
    return Timeliness(False, due, calendar.workdays_between(due, day))


def _due_if_known(calendar: WorkdayCalendar, start: dt.date, n: int) -> dt.date | None:
    """The due day, or None where it needs a day the calendar has not verified."""
    try:
        return calendar.add_workdays(start, n)
    except CalendarDataMissing:
        return None


def _by(late: int | None) -> str:
    """How late, in working days; "after a day off" when none has passed since the due day."""
    if late is None:
        return "逾期（逾期几个工作日，要等下一年的放假安排核实后才能算出）"
    return f"逾期 {late} 个工作日" if late else "逾期（截止日之后的休息日）"


def _due_text(due: dt.date | None, start: dt.date, n: int) -> str:
    return f"{_d(due)}（含当日）" if due else f"{_d(start)} 之后的第 {n} 个工作日（这一天在日历还没有核实放假安排的年份）"


@dataclass(frozen=True, slots=True)
class InterpretationState:
    """Where one policy stands with its interpretation on a day: one reading for ``check`` and ``report``."""

    status: str
    """未公开 / 无需解读 / 已解读 (the rule does not judge it) / 免于解读 (no deadline, its interpretations if any
    listed) / 解读及时 / 解读逾期 / 待解读 /
    缺少解读 / 解读有错误 (a file interprets it that gives no record: its errors are said there) / 日历数据缺失"""
    interpretations: tuple[Record, ...]
    """The interpretations that count: 主动公开 and published by the day."""
    timeliness: Timeliness | None
    """Of the first interpretation, or of the day itself while there is none."""
    missing: CalendarDataMissing | None = None


def interpreted_with_errors(catalogue: Catalogue, as_of: dt.date) -> frozenset[str]:
    """The policies an interpretation with errors of its own interprets: a file that gives no record (its legible
    ``interprets``), or a public interpretation whose ``interprets`` holds no index number of the catalogue but the
    policy's 文号, title or serial (:func:`~build_tools.graph.meant_record`), or its index number with a digit's 0
    dropped.  The errors are said there; the policy was told 缺少解读 too, 49 and 80 working days late (audits).
    Made once for a check's or a report's every policy (:func:`interpretation_state`'s ``broken``)."""
    broken = {n for facts in catalogue.unread_facts.values() if facts.get("proactive", True)
              for n in facts.get("interprets", ())}
    by_key = {index_number_key(n): n for n in catalogue.by_index}
    for r in catalogue.records:
        if r.kind is Kind.INTERPRETATION and is_public(r, as_of):
            for target in r.interprets:
                if target in catalogue.by_index:
                    continue
                found = by_key.get(index_number_key(target)) or (m[0] if (m := meant_record(catalogue, target)) else None)
                if found is not None:
                    broken.add(found)
    return frozenset(broken)


def interpretation_state(policy: Record, catalogue: Catalogue, graph: LinkGraph, config: CatalogueConfig,
                         calendar: WorkdayCalendar | None, as_of: dt.date,
                         broken: frozenset[str] | None = None) -> InterpretationState:
    """Where ``policy`` stands with its interpretation on ``as_of``; ``broken``: :func:`interpreted_with_errors`,
    made here when not given."""
    # An interpretation dated after as_of is not out yet, and one not 主动公开 is not out at all: they cannot count.
    interps = tuple(sorted((catalogue.by_index[i] for i in graph.interpretations.get(policy.index_no, ())
                            if is_public(catalogue.by_index[i], as_of)),
                           key=lambda r: (r.published, r.index_no)))
    if not is_public(policy, as_of):  # a record parked in a hidden folder is not out either
        return InterpretationState("未公开", interps, None)
    if not interpretation_rule_applies(policy, config):  # a 2020 解释 of a 2010 law: not late, no calendar
        return InterpretationState("已解读" if interps else "无需解读", interps, None)
    if policy.interpretation_exempt:
        # exempt, the policy has no deadline: an interpretation the office publishes anyway (an expert article two
        # months on) is welcome, listed here, and was 38 working days late, an error (a review)
        return InterpretationState("免于解读", interps, None)
    if not interps and policy.index_no in (broken if broken is not None else interpreted_with_errors(catalogue, as_of)):
        # its interpretation is there, with errors of its own (a file that gives no record, or one naming the
        # policy by its 文号 or a mistyped index number): said there, not as a missing one here (audits)
        return InterpretationState("解读有错误", interps, None)
    if calendar is None:
        return InterpretationState("日历数据缺失", interps, None)
    n = config.interpretation_deadline_workdays
    try:
        timeliness = judge(calendar, policy.published, n, interps[0].published if interps else as_of)
    except CalendarDataMissing as exc:
        return InterpretationState("日历数据缺失", interps, None, exc)
    if interps:
        return InterpretationState("解读及时" if timeliness.on_time else "解读逾期", interps, timeliness)
    return InterpretationState("待解读" if timeliness.on_time else "缺少解读", interps, timeliness)


def check_interpretations(catalogue: Catalogue, graph: LinkGraph, config: CatalogueConfig,
                          calendar: WorkdayCalendar, as_of: dt.date) -> list[Problem]:
    """Missing, pending and late interpretations of published policies."""
    problems: list[Problem] = []
    broken = interpreted_with_errors(catalogue, as_of)
    for policy in catalogue.records:
        if policy.kind is not Kind.POLICY:
            continue
        state = interpretation_state(policy, catalogue, graph, config, calendar, as_of, broken)
        first = state.interpretations[0] if state.interpretations else None
        if state.missing is not None:
            problems += _calendar_missing(first or policy, "published", state.missing)
        elif state.status in ("待解读", "缺少解读"):
            coming = None if state.timeliness.on_time else _coming_interpretation(policy, catalogue, graph, as_of)
            problems.append(_missing(policy, config, as_of, state.timeliness, coming))
        elif state.status == "解读逾期":
            problems.append(_late(policy, first, config, state.timeliness))
    return problems


def _coming_interpretation(policy: Record, catalogue: Catalogue, graph: LinkGraph, as_of: dt.date) -> Record | None:
    """The first interpretation of ``policy`` scheduled for later (:func:`_scheduled`): it is written and linked, its
    发布日期 after ``as_of``."""
    coming = [r for i in graph.interpretations.get(policy.index_no, ()) if _scheduled(r := catalogue.by_index[i], as_of)]
    return min(coming, key=lambda r: (r.published, r.index_no), default=None)


def _missing(policy: Record, config: CatalogueConfig, as_of: dt.date, timeliness: Timeliness,
             coming: Record | None = None) -> Problem:
    """``interpretation-pending`` before the due day, ``missing-interpretation`` after it; ``coming``: an
    interpretation scheduled for later (:func:`_coming_interpretation`), named with its date as the 主动公开 and 预决算
    deadlines name theirs (:func:`_still_late`).  Told only to write the link it already had, the editor went
    looking for a missing link that was not missing (a review)."""
    kind = policy.doc_type.label
    n = config.interpretation_deadline_workdays
    due = _due_text(timeliness.due, policy.published, n)
    if coming is not None:
        return problem("missing-interpretation", policy.source, policy.line_of("published"), "published",
                       f"政策解读逾期：本{kind}于 {_d(policy.published)} 公开，解读最迟应于 {due}发布（{_within(n)}），"
                       f"到 {_d(as_of)} 还没有发布，已{_by(timeliness.late)}（解读 {coming.index_no} 已在目录中，"
                       f"发布日期写的是以后的 {_d(coming.published)}）。",
                       f"尽快发布解读 {coming.index_no}（{coming.source}），把它的发布日期改为实际发布的日期；"
                       "确实逾期的，此问题会保留在合规报告中。")
    if timeliness.on_time:
        return problem("interpretation-pending", policy.source, policy.line_of("published"), "published",
                       f"待解读：本{kind}于 {_d(policy.published)} 公开，解读最迟应于 {due}发布"
                       f"（{_within(n)}），目前还没有解读。",
                       "发布解读时，在解读记录的「解读对象」(interprets) 中写上本文件的索引号 "
                       f"{policy.index_no}。")
    return problem("missing-interpretation", policy.source, policy.line_of("published"), "published",
                   f"缺少政策解读：本{kind}于 {_d(policy.published)} 公开，解读最迟应于 {due}发布"
                   f"（{_within(n)}），到 {_d(as_of)} 已{_by(timeliness.late)}。",
                   f"尽快发布解读，并在解读记录的「解读对象」中写上 {policy.index_no}；"
                   "确实无需解读的，在本记录中填写 interpretation_exempt: 理由。")


def _late(policy: Record, interp: Record, config: CatalogueConfig, timeliness: Timeliness) -> Problem:
    n = config.interpretation_deadline_workdays
    return problem("late-interpretation", interp.source, interp.line_of("published"), "published",
                   f"解读发布{_by(timeliness.late)}：所解读的 {policy.index_no}{book_title(policy.title)}于 "
                   f"{_d(policy.published)} 公开，解读最迟应于 {_d(timeliness.due)}（含当日）发布（{_within(n)}），"
                   f"实际发布日期是 {_d(interp.published)}。",
                   "发布日期如有误请改正；确实逾期的，此问题会保留在合规报告中。")


def _scheduled(record: Record, as_of: dt.date) -> bool:
    """主动公开 with a 发布日期 after ``as_of`` (prepared ahead, not out yet), and not parked in a hidden file.
    Its deadline may have passed already: a budget 96 days overdue on as_of, scheduled for later, was said
    nothing until the day it went out, while an annual report scheduled the same way was late at once (a review)."""
    return record.is_proactive and record.published > as_of and not in_hidden_file(record.source)


def _still_late(due: dt.date, within: str, published: dt.date, as_of: dt.date, by: str) -> str:
    """The message's end for a record still not out on ``as_of`` after its due day (:func:`_scheduled`)."""
    return (f"最迟应于 {_d(due)}（含当日）公开（{within}），到 {_d(as_of)} 还没有公开，已{by}"
            f"（发布日期写的是以后的 {_d(published)}）。")


_STILL_LATE_HINT = "尽快公开，并把发布日期改为实际公开的日期；确实逾期的，此问题会保留在合规报告中。"


_OWN_DEADLINES = frozenset({Kind.BUDGET, Kind.FINAL_ACCOUNT, Kind.ANNUAL_REPORT})
"""The kinds whose deadline another rule gives (预算法 Art 14, 条例 Art 49), not 条例 Art 26."""


def check_disclosure_deadlines(catalogue: Catalogue, config: CatalogueConfig,
                               calendar: WorkdayCalendar, as_of: dt.date) -> list[Problem]:
    """主动公开 within N working days of being formed (条例 Art 26), for the kinds no law gives a deadline of its
    own: Art 26 gives way where one does ("法律、法规对政府信息公开的期限另有规定的，从其规定"), as 预算法 Art 14
    does for budgets and final accounts (:func:`check_fiscal_deadlines`) and 条例 Art 49 for annual reports
    (:func:`check_annual_report_deadlines`).  A budget published 19 days after its 批复 was told it was 7 working
    days late, counted from its 成文日期 (a review).  Only the agency's own records (:func:`issued_by_agency`):
    another organ's document the catalogue lists was formed and published there, not here."""
    problems: list[Problem] = []
    key = config.disclosure_clock_field
    if key == "published":  # the clock starts at publication: nothing can be late
        return problems
    n = config.disclosure_deadline_workdays
    label = FIELDS_BY_KEY[key].label
    for r in catalogue.records:
        start = getattr(r, key)
        scheduled = _scheduled(r, as_of)
        if (start is None or not (scheduled or is_public(r, as_of)) or r.kind in _OWN_DEADLINES
                or not issued_by_agency(r, config)):
            continue
        if start < config.rules_from["disclosure"]:  # formed before the 条例: no deadline, no calendar
            continue
        try:  # one scheduled for later is judged on as_of: late once its due day has passed
            timeliness = judge(calendar, start, n, as_of if scheduled else r.published)
        except CalendarDataMissing as exc:
            problems += _calendar_missing(r, "published", exc)
            continue
        if scheduled and not timeliness.on_time:
            problems.append(problem(
                "late-disclosure", r.source, r.line_of("published"), "published",
                f"主动公开逾期：{label} {_d(start)}，" + _still_late(
                    timeliness.due, _within(n), r.published, as_of, _by(timeliness.late)),
                _STILL_LATE_HINT))
        elif not timeliness.on_time:
            problems.append(problem(
                "late-disclosure", r.source, r.line_of("published"), "published",
                f"主动公开{_by(timeliness.late)}：{label} {_d(start)}，最迟应于 {_d(timeliness.due)}（含当日）公开"
                f"（{_within(n)}），实际发布日期是 {_d(r.published)}。",
                f"核对{label}和发布日期；确实逾期的，此问题会保留在合规报告中。"))
    return problems


def check_fiscal_deadlines(catalogue: Catalogue, config: CatalogueConfig, as_of: dt.date,
                           calendar: WorkdayCalendar | None = None) -> list[Problem]:
    """Budgets and final accounts within N calendar days of approval (预算法 Art 14).

    A period's last day that is a day off rolls over to the next working day (民法典 Art 203 by
    analogy, as the start day never counts by Art 201; ``budget_deadline_rolls_over_days_off``): a
    budget approved 2025-01-09 was due on 正月初一 and published 02-05, the first working day after
    the holiday, "7 日逾期" (found by an audit).  Needs the calendar only for a record published after
    the plain due day.
    """
    problems = []
    n = config.budget_deadline_days
    for r in catalogue.records:
        scheduled = _scheduled(r, as_of)  # judged on as_of once its due day has passed
        if (r.kind not in (Kind.BUDGET, Kind.FINAL_ACCOUNT) or r.approved is None
                or not (scheduled or is_public(r, as_of)) or r.approved < config.rules_from["budget"]):
            continue
        last = r.approved + dt.timedelta(days=n)
        if r.published <= last or scheduled and as_of <= last:
            continue
        due, rolled = last, ""
        if config.budget_deadline_rolls_over_days_off and calendar is not None:
            try:
                while not calendar.is_workday(due) and due < r.published:
                    due += dt.timedelta(days=1)
            except CalendarDataMissing as exc:
                problems += _calendar_missing(r, "published", exc)
                continue
            if due != last:
                rolled = f"；第 {n} 日 {_d(last)} 是休息日，顺延到其后第一个工作日"
        if scheduled and as_of > due:
            problems.append(problem(
                "late-fiscal-disclosure", r.source, r.line_of("published"), "published",
                f"{r.kind.label}公开逾期：批复日期 {_d(r.approved)}，" + _still_late(
                    due, f"{n} 日内{rolled}", r.published, as_of, f"逾期 {(as_of - due).days} 日"),
                _STILL_LATE_HINT))
        elif not scheduled and r.published > due:
            late = (r.published - due).days
            problems.append(problem(
                "late-fiscal-disclosure", r.source, r.line_of("published"), "published",
                f"{r.kind.label}公开逾期 {late} 日：批复日期 {_d(r.approved)}，最迟应于 {_d(due)}（含当日）公开"
                f"（{n} 日内{rolled}），实际发布日期是 {_d(r.published)}。",
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
    from ..annual_report import earlier_format, report_deadline, title_year
    first_required = config.rules_from["disclosure"].year
    # the agency's own: a 所属单位's report it lists fills none of its years (a review found the missing one hidden)
    reports = sorted((r for r in catalogue.records if r.kind is Kind.ANNUAL_REPORT and r.fiscal_year
                      and r.fiscal_year >= first_required and issued_by_agency(r, config)),
                     key=lambda r: (r.fiscal_year, r.index_no))
    if not reports:
        return []
    problems = []
    # one scheduled is there, late if its day has passed (below), not missing: a second draft was advised (a review)
    out = {r.fiscal_year for r in reports if is_public(r, as_of) or r.is_proactive and not in_hidden_file(r.source)}
    # A report that is there with errors of its own is not missing: said there (a broken 2025 report made the
    # 2024 one ask for a draft of a second: an audit).
    out |= {facts["fiscal_year"] for facts in catalogue.unread_facts.values()
            if facts.get("kind") is Kind.ANNUAL_REPORT and "fiscal_year" in facts and facts.get("proactive", True)}
    # and for the year its title names: the 2024 report copied from the 2023 one, its 年度 left (invalid-year), made
    # 2024 missing and asked for a draft of a second (a review)
    out |= {year for facts in catalogue.unread_facts.values() if facts.get("kind") is Kind.ANNUAL_REPORT
            and facts.get("proactive", True) and (year := title_year(str(facts.get("title", "")))) is not None}
    # One filed 依申请公开 or 不予公开 is there too, its disclosure-not-allowed said on it: the 2023 report was told the
    # 2024 one was missing and to draft a second, while it sat in the catalogue off the site (a review).
    out |= {r.fiscal_year for r in reports if not r.is_proactive}
    # A report parked in a hidden folder (.neibu/) is never published: not late, and owes no later years.
    reports = [r for r in reports if not in_hidden_file(r.source)]
    for r in reports:
        due = report_deadline(r.fiscal_year, config.annual_report_deadline)
        if r.is_proactive and r.published > as_of and due < as_of:  # scheduled after its day: late on as_of
            problems.append(problem(
                "annual-report-late", r.source, r.line_of("published"), "published",
                f"{r.fiscal_year}年年度报告到 {_d(as_of)} 已逾期 {(as_of - due).days} 日：最迟应于 {_d(due)}（含当日）公开"
                f"（条例第四十九条），计划的发布日期是 {_d(r.published)}。",
                "尽快发布：把发布日期改为今天或更早的实际发布日期。"))
        elif r.is_proactive and r.published > due:  # published late, or planned so
            problems.append(problem(
                "annual-report-late", r.source, r.line_of("published"), "published",
                f"{r.fiscal_year}年年度报告公开逾期 {(r.published - due).days} 日：最迟应于 {_d(due)}（含当日）公开"
                f"（条例第四十九条），{'计划的' if r.published > as_of else '实际'}发布日期是 {_d(r.published)}。",
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
                f"运行 catalogue annual-report {year} 生成草稿，填写后发布。" if earlier_format(year) is None else
                f"{year} 年的报告按 {earlier_format(year)}，catalogue annual-report 不起草它：请新建一条年度报告记录"
                "（catalogue new annual-report），照那年的格式把报告正文和表格写进正文后发布。"))
        year += 1
    return problems
