"""Compliance rules on a date (``catalogue check --as-of``), around real holidays.

Each test writes a small catalogue to ``tmp_path``, checks it with
:func:`build_tools.pipeline.check_catalogue` and compares every problem as
``(file, line, key, code, severity)``, plus the due date and the working-day
count the message states.

Every date below was checked against chinesecalendar 1.11.0 (its data follow
the State Council notices) before it was written down; weekdays are given so a
reader can recount on a wall calendar.  The holiday facts the tests rely on are
asserted once in :func:`test_calendar_facts_the_tests_rely_on`.

* 国庆 2024: Sun 09-29 a working day; 10-01..07 off; Sat 10-12 a working day.
* 春节 2025: Sun 01-26 a working day; 01-28..02-04 off; Sat 02-08 a working day.

``tests/compliance_catalogue/`` is a checked-in catalogue that fires each
compliance rule exactly once on 2026-11-20; see the tests at the end.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.checks.privacy import is_resident_id
from build_tools.cli import main
from build_tools.compliance import build_report
from build_tools.config import options_to_config
from build_tools.pipeline import check_catalogue

D = date.fromisoformat
ORG = "015200371"
REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "compliance_catalogue"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(first17: str) -> str:
    """``first17`` plus its GB 11643 check character (ISO 7064 MOD 11-2)."""
    assert len(first17) == 17 and first17.isdigit()
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return first17 + "10X98765432"[total % 11]


def wrong_check(number: str) -> str:
    """The same number with a check character that is not the right one."""
    right = number[17]
    wrong = "0" if right != "0" else "1"
    return number[:17] + wrong


# 110101 = 北京市东城区; born 1990-03-07 (a real date); serial 123.
VALID_ID = resident_id("11010119900307123")


# --- a catalogue in tmp_path ------------------------------------------------------


class Rec:
    """A record written to disk: where it is and on which line each key sits."""

    def __init__(self, rel: str, lines: dict[str, int], body_line: int, index_no: str, title: str):
        self.rel = rel
        self.lines = lines
        self.body_line = body_line
        self.index_no = index_no
        self.title = title

    def at(self, key: str, code: str, severity: str) -> tuple:
        """The problem tuple for ``code`` reported at ``key``'s line."""
        return (self.rel, self.lines[key], key, code, severity)


def _yaml(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


_FOLDERS = {"policy": "policies", "interpretation": "interpretations", "notice": "notices",
            "budget": "budgets", "final-account": "budgets", "annual-report": "reports"}


class Cat:
    """Writes records into ``root/catalogue`` and checks them."""

    def __init__(self, root: Path):
        self.root = root
        self.serial = 0
        (root / "catalogue").mkdir(parents=True, exist_ok=True)

    def add(self, kind: str, published: str, *, name: str | None = None, body: str | None = None,
            **fields) -> Rec:
        self.serial += 1
        if body is None:  # an annual report's tables typed in its text (without them or statistics: annual-report-unfilled)
            body = "正文。\n\n| 本年新收 | 办理结果总计 |\n|---|---|\n| 3 | 3 |\n" if kind == "annual-report" else "正文。\n"
        pub = D(published)
        index_no = fields.pop("index_no", f"{ORG}/{pub.year}-{self.serial:05d}")
        title = fields.pop("title", f"测试记录{self.serial}")
        head: dict[str, object] = {"index_no": index_no, "title": title, "kind": kind}
        if kind == "policy":
            head["doc_type"] = fields.pop("doc_type", "其他文件")
        head["issuer"] = "江川省交通运输厅"
        head["category"] = fields.pop("category", "综合政务/政务公开")
        head["published"] = pub
        for key, value in fields.items():
            head[key] = D(value) if key in ("written", "effective", "expires", "approved") else value
        lines = ["---"]
        where = {}
        for key, value in head.items():
            where[key] = len(lines) + 1
            lines.append(f"{key}: {_yaml(value)}")
        lines.append("---")
        body_line = len(lines) + 1
        rel = f"{_FOLDERS[kind]}/{name or f'r{self.serial:03d}'}.md"
        path = self.root / "catalogue" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
        return Rec(rel, where, body_line, index_no, title)

    def policy(self, published: str, **fields) -> Rec:
        return self.add("policy", published, **fields)

    def normative(self, published: str, **fields) -> Rec:
        return self.add("policy", published, doc_type="行政规范性文件", **fields)

    def interpretation(self, published: str, *policies: Rec, **fields) -> Rec:
        return self.add("interpretation", published, interprets=[p.index_no for p in policies], **fields)

    def notice(self, published: str, **fields) -> Rec:
        return self.add("notice", published, **fields)

    def problems(self, as_of: str, **options):
        """Every problem on ``as_of`` (configuration problems included)."""
        config, config_problems = options_to_config(options, base_dir=self.root)
        return check_catalogue(config, D(as_of), tuple(config_problems)).problems

    def check(self, as_of: str, **options) -> list[tuple]:
        return [(p.file, p.line, p.key, p.code, p.severity.value) for p in self.problems(as_of, **options)]

    def messages(self, as_of: str, **options) -> list[str]:
        return [p.message for p in self.problems(as_of, **options)]


@pytest.fixture
def cat(tmp_path: Path) -> Cat:
    return Cat(tmp_path)


def test_calendar_facts_the_tests_rely_on():
    is_workday = chinese_calendar.is_workday
    # 国庆 2024.
    assert is_workday(D("2024-09-29")) and D("2024-09-29").weekday() == 6   # Sunday, 调休上班
    assert not any(is_workday(D(f"2024-10-0{d}")) for d in range(1, 8))
    assert is_workday(D("2024-10-12")) and D("2024-10-12").weekday() == 5   # Saturday, 调休上班
    assert not is_workday(D("2024-09-28")) and not is_workday(D("2024-10-13"))
    # 春节 2025.
    assert is_workday(D("2025-01-26")) and D("2025-01-26").weekday() == 6
    assert not any(is_workday(D("2025-01-28") + timedelta(days=i)) for i in range(8))   # 01-28 .. 02-04
    assert is_workday(D("2025-02-05"))
    assert is_workday(D("2025-02-08")) and D("2025-02-08").weekday() == 5
    # 国庆、春节 2026 (used by tests/compliance_catalogue).
    assert is_workday(D("2026-10-10")) and D("2026-10-10").weekday() == 5
    assert is_workday(D("2026-02-14")) and is_workday(D("2026-02-28"))
    assert not any(is_workday(D(f"2026-02-{d}")) for d in range(15, 24))


def test_resident_id_helper_matches_gb_11643():
    # The example of GB 11643-1999 Appendix: 11010519491231002X.
    assert resident_id("11010519491231002") == "11010519491231002X"
    assert VALID_ID == "110101199003071233"


# --- interpretations: 国庆 2024 ------------------------------------------------------
# A 行政规范性文件 published Friday 2024-09-27: the 3 working days after it are
# Sun 09-29 (调休), Mon 09-30 and, after 10-01..07, Tue 10-08.  Due 2024-10-08.


@pytest.mark.parametrize("interp_day", ["2024-09-27", "2024-09-29", "2024-10-08"])
def test_interpretation_by_the_due_date_across_national_day_is_on_time(cat, interp_day):
    policy = cat.normative("2024-09-27")
    cat.interpretation(interp_day, policy)
    assert cat.check("2024-10-31") == []


@pytest.mark.parametrize(("interp_day", "late"), [
    ("2024-10-09", 1),   # Wed, the first working day after the due date
    ("2024-10-11", 3),
    ("2024-10-12", 4),   # Sat, 调休上班: counts
    ("2024-10-13", 4),   # Sun, a day off: does not
    ("2024-10-14", 5),
])
def test_interpretation_after_national_day_is_late_by_working_days(cat, interp_day, late):
    policy = cat.normative("2024-09-27", title="江川省交通运输厅关于规范客运班线的通知")
    interp = cat.interpretation(interp_day, policy)
    problems = cat.problems("2024-10-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        interp.at("published", "late-interpretation", "error")]
    assert problems[0].message == (
        f"解读发布逾期 {late} 个工作日：所解读的 {policy.index_no}《江川省交通运输厅关于规范客运班线的通知》于 "
        f"2024-09-27 公开，解读最迟应于 2024-10-08（含当日）发布（3 个工作日内），实际发布日期是 {interp_day}。")


@pytest.mark.parametrize(("published", "due"), [
    ("2024-09-28", "2024-10-08"),  # Sat off: 09-29, 09-30, 10-08
    ("2024-10-01", "2024-10-10"),  # a holiday: the start day never counts; 10-08, 10-09, 10-10
    ("2024-10-07", "2024-10-10"),
])
def test_interpretation_due_date_for_a_policy_published_on_a_day_off(cat, published, due):
    cat.normative(published)
    messages = cat.messages(published)
    assert len(messages) == 1
    assert f"解读最迟应于 {due}（含当日）发布（3 个工作日内）" in messages[0]


# --- missing interpretations: pending, then overdue -------------------------------------


@pytest.mark.parametrize("as_of", ["2024-09-27", "2024-09-29", "2024-09-30", "2024-10-08"])
def test_missing_interpretation_is_pending_until_the_due_date(cat, as_of):
    policy = cat.normative("2024-09-27")
    problems = cat.problems(as_of)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("published", "interpretation-pending", "warning")]
    assert problems[0].message == ("待解读：本行政规范性文件于 2024-09-27 公开，解读最迟应于 2024-10-08（含当日）发布"
                                   "（3 个工作日内），目前还没有解读。")
    assert policy.index_no in problems[0].hint


@pytest.mark.parametrize(("as_of", "late"), [
    ("2024-10-09", 1),
    ("2024-10-12", 4),   # Sat 调休上班
    ("2024-10-13", 4),   # Sun off
    ("2024-10-14", 5),
    ("2024-10-21", 10),
])
def test_missing_interpretation_after_the_due_date_is_an_error(cat, as_of, late):
    policy = cat.normative("2024-09-27")
    problems = cat.problems(as_of)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("published", "missing-interpretation", "error")]
    assert problems[0].message == (f"缺少政策解读：本行政规范性文件于 2024-09-27 公开，解读最迟应于 2024-10-08（含当日）发布（3 个工作日内），"
                                   f"到 {as_of} 已逾期 {late} 个工作日。")


def test_policy_not_yet_published_on_as_of_needs_nothing_yet(cat):
    cat.normative("2024-09-27")
    assert cat.check("2024-09-26") == []


def test_rule_needs_an_interpretation_too(cat):
    policy = cat.policy("2024-09-27", doc_type="规章")
    problems = cat.problems("2024-10-09")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("published", "missing-interpretation", "error")]
    assert problems[0].message.startswith("缺少政策解读：本规章于 2024-09-27 公开，解读最迟应于 2024-10-08（含当日）发布")


def test_exempted_policy_needs_no_interpretation(cat):
    cat.normative("2024-09-27", interpretation_exempt="本文件仅延长原文件的有效期，内容未作修改。")
    assert cat.check("2024-10-08") == []
    assert cat.check("2024-12-31") == []


def test_an_interpretation_of_an_exempted_policy_is_never_late(cat):
    # Exempted, the policy needs none: an expert article published two months later anyway is welcome, not late
    # (a review: it was late-interpretation, an error, while the same policy without it was clean).
    policy = cat.normative("2024-09-27", interpretation_exempt="本文件仅统一既有裁量标准的表述，内容未作实质修改。")
    interp = cat.interpretation("2024-11-29", policy)
    assert cat.check("2024-12-31") == []
    result = check_catalogue(options_to_config({}, base_dir=cat.root)[0], D("2024-12-31"), ())
    [row] = build_report(result).policies
    assert (row.status, row.interpretations, row.due) == ("免于解读", (interp.index_no,), None)


def test_other_document_needs_no_interpretation(cat):
    cat.policy("2024-09-27", doc_type="其他文件")
    assert cat.check("2024-12-31") == []


def test_interpretation_required_can_include_other_documents(cat):
    other = cat.policy("2024-09-27", doc_type="其他文件")
    cat.normative("2024-09-27")
    # The option replaces the default list: only 其他文件 needs one now.
    assert cat.check("2024-10-09", interpretation_required=["其他文件"]) == [
        other.at("published", "missing-interpretation", "error")]
    assert cat.messages("2024-10-08", interpretation_required=["其他文件"]) == [
        "待解读：本其他文件于 2024-09-27 公开，解读最迟应于 2024-10-08（含当日）发布（3 个工作日内），目前还没有解读。"]


def test_interpretation_required_unknown_doc_type_is_a_config_problem(cat):
    assert cat.check("2024-10-09", interpretation_required=["通知"]) == [
        ("mkdocs.yml", None, "interpretation_required[0]", "config-invalid", "error")]


def test_an_interpretation_of_a_type_the_rule_does_not_name_is_never_late(cat):
    # A 其他文件 needs no interpretation: one published weeks later is welcome, not late.
    policy = cat.policy("2024-09-27", doc_type="其他文件")
    cat.interpretation("2024-10-09", policy)
    assert cat.check("2024-10-31") == []
    # Named by the office, the same pair is late.
    assert [c[3] for c in cat.check("2024-10-31", interpretation_required=["其他文件"])] == ["late-interpretation"]


def test_another_organs_document_has_none_of_the_agencys_deadlines(cat):
    # A 交通运输部 rule the department lists (written 2025-11-20, posted here 2026-03-10): the ministry formed and
    # published it, and 谁起草谁解读 (a review: late-disclosure and missing-interpretation, both errors).
    ministry = cat.policy("2026-03-10", doc_type="规章", issuer="交通运输部", written="2025-11-20")
    # Jointly, or under the agency's former name: its own, judged as ever.
    joint = cat.policy("2026-03-10", doc_type="规章", issuer=["交通运输部", "江川省交通运输厅"], written="2025-11-20")
    former = cat.policy("2026-03-10", doc_type="规章", issuer="江川省交通厅", written="2025-11-20")
    options = {"agency": "江川省交通运输厅", "agency_former_names": ["江川省交通厅"]}
    assert sorted(cat.check("2026-06-01", **options)) == sorted([joint.at("published", "late-disclosure", "error"),
                          joint.at("published", "missing-interpretation", "error"),
                          former.at("published", "late-disclosure", "error"),
                          former.at("published", "missing-interpretation", "error")])
    result = check_catalogue(options_to_config(options, base_dir=cat.root)[0], D("2026-06-01"), ())
    statuses = {p.index_no: (p.needs_interpretation, p.status) for p in build_report(result).policies}
    assert statuses[ministry.index_no] == (False, "无需解读")
    # One of the agency's offices (江川省交通运输厅办公室) is the agency: its notice is judged, and said nothing of.
    office = cat.notice("2026-03-10", issuer="江川省交通运输厅办公室", written="2025-11-20")
    assert office.at("published", "late-disclosure", "error") in cat.check("2026-06-01", agency="江川省交通运输厅")
    # A name almost the agency's (an abbreviation, a typo) is the agency's for the deadlines (a later review: they
    # were lost); table 二（一） counts only the agency's name, and says so where the difference counts.
    notice = cat.notice("2026-03-10", issuer="江川省交通厅", written="2025-11-20")
    checked = cat.check("2026-06-01", agency="江川省交通运输厅")
    assert notice.at("published", "late-disclosure", "error") in checked
    assert [c for c in checked if c[3] == "issuer-resembles-agency"] == [
        former.at("issuer", "issuer-resembles-agency", "warning")]
    # Without an agency configured every record is the catalogue's own, as before.
    assert ministry.at("published", "late-disclosure", "error") in cat.check("2026-06-01")


@pytest.mark.parametrize("issuer", ["办公室", "厅办公室", "江川省公安厅办公室 江川省交通运输厅办公室", "江川省 交通运输厅",
                                    "省交通运输厅办公室", "省厅办公室", "江川省交通厅"])
def test_the_agencys_own_however_its_issuer_is_written_keeps_its_deadlines(cat, issuer):
    """An office named alone (a legacy page's 发布机构：办公室), a joint notice apart by a space, the agency's name with a
    space in it: each escaped its deadline silently (a review).  What names no organ is the agency's own."""
    notice = cat.notice("2026-03-10", issuer=issuer, written="2025-11-20")
    assert notice.at("published", "late-disclosure", "error") in cat.check("2026-06-01", agency="江川省交通运输厅")


@pytest.mark.parametrize("issuer", ["国家铁路局", "中国民用航空局", "国家发展改革委", "江川省 财政厅",
                                    "江川省交通运输厅公路事业发展中心", "江川省交通运输学校", "公路事业发展中心"])
def test_another_organ_however_its_name_is_written_has_none_of_the_agencys_deadlines(cat, issuer):
    """National organs without 省 or 部, and another department's name with a space after its province, were read as
    the agency's offices and told they were late (a review); so were units of their own named after the agency or
    like it (a 事业单位 of the 厅, its school: 0.82 alike), their annual reports told to write the agency's counts (a
    later review)."""
    notice = cat.notice("2026-03-10", issuer=issuer, written="2025-11-20")
    assert notice.at("published", "late-disclosure", "error") not in cat.check("2026-06-01", agency="江川省交通运输厅")


def test_a_city_bureau_listing_the_provinces_notices_is_not_told_their_issuer_resembles_its_name(cat):
    """江川省交通运输厅 is 0.75 alike 江川市交通运输局: another organ, not a typo (a review)."""
    cat.notice("2026-03-10", issuer="江川省交通运输厅", written="2025-11-20")
    assert [c for c in cat.check("2026-06-01", agency="江川市交通运输局") if c[3] == "issuer-resembles-agency"] == []


# --- rules_from: old records are judged by the rules of their time ----------------------------


def test_a_legacy_catalogue_raises_no_deadline_or_calendar_problem_the_law_of_its_time_would_not(cat):
    # Records from the 1990s to today, as an office imports them from its old site.
    old_rule = cat.add("policy", "1999-03-01", doc_type="规章", written="1999-01-10")  # before the calendar (2004)
    other = cat.policy("1999-06-01", written="1998-12-01")  # a 1999 其他文件: no rule, no calendar
    cat.notice("2003-05-01", written="2003-01-02")  # formed before the 条例 (2008-05-01): published late, no problem
    law = cat.add("policy", "2010-04-01", doc_type="规章")  # before the 解读 rule (2016-11-10)
    cat.interpretation("2020-06-01", law)  # a 2020 解释 of a 2010 规章: not 2537 working days late
    cat.interpretation("2005-01-01", old_rule)
    cat.interpretation("2001-01-01", other)
    cat.add("budget", "2014-09-01", fiscal_year=2014, approved="2014-02-01")  # before 预算法 2014 (2015-01-01)
    assert cat.check("2026-11-23") == []


def test_each_rule_still_judges_records_formed_after_it_began(cat):
    normative = cat.normative("2017-03-01")  # after 2016-11-10: needs its 解读
    late_notice = cat.notice("2009-06-01", written="2009-01-05")  # after 2008-05-01: 20 working days
    budget = cat.add("budget", "2016-06-01", fiscal_year=2016, approved="2016-02-01")
    assert sorted(c[3] for c in cat.check("2026-11-23")) == [
        "late-disclosure", "late-fiscal-disclosure", "missing-interpretation"]
    assert {c[0] for c in cat.check("2026-11-23")} == {normative.rel, late_notice.rel, budget.rel}


def test_rules_from_moves_the_day_a_rule_began(cat):
    cat.normative("2018-03-01")
    assert [c[3] for c in cat.check("2026-11-23")] == ["missing-interpretation"]
    # A province whose own 解读 rule began on 2019-08-28 (seed 003): the 2018 document is not judged.
    assert cat.check("2026-11-23", rules_from={"interpretation": "2019-08-28"}) == []
    assert cat.check("2026-11-23", rules_from={"interpretation": "2019-08-28\u200b"}) == []  # pasted (a review)


@pytest.mark.parametrize("value, key", [
    ({"interpretaton": "2019-08-28"}, "rules_from.interpretaton"),
    ({"interpretation": "去年"}, "rules_from.interpretation"),
    ({"budget": 2015}, "rules_from.budget"),
])
def test_a_bad_rules_from_is_a_plain_chinese_problem(cat, value, key):
    problems = cat.problems("2026-11-23", rules_from=value)
    assert [(p.code, p.key) for p in problems] == [("config-invalid", key)]
    assert "rules_from" in problems[0].message


# --- interpretation_deadline_workdays -----------------------------------------------


def test_same_day_rule_interpretation_on_the_day_is_on_time(cat):
    policy = cat.normative("2024-09-27")
    cat.interpretation("2024-09-27", policy)
    assert cat.check("2024-10-31", interpretation_deadline_workdays=0) == []


@pytest.mark.parametrize(("interp_day", "late"), [
    ("2024-09-29", 1),   # Sun 调休上班: the first working day after
    ("2024-10-08", 3),   # 09-29, 09-30, 10-08
])
def test_same_day_rule_interpretation_later_is_late(cat, interp_day, late):
    policy = cat.normative("2024-09-27")
    interp = cat.interpretation(interp_day, policy)
    problems = cat.problems("2024-10-31", interpretation_deadline_workdays=0)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        interp.at("published", "late-interpretation", "error")]
    assert problems[0].message.startswith(f"解读发布逾期 {late} 个工作日：")
    assert "解读最迟应于 2024-09-27（含当日）发布" in problems[0].message
    assert f"实际发布日期是 {interp_day}。" in problems[0].message


def test_same_day_rule_missing_interpretation(cat):
    policy = cat.normative("2024-09-27")
    pending = cat.problems("2024-09-27", interpretation_deadline_workdays=0)
    assert [p.code for p in pending] == ["interpretation-pending"]
    assert "解读最迟应于 2024-09-27（含当日）发布" in pending[0].message
    overdue = cat.problems("2024-09-30", interpretation_deadline_workdays=0)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in overdue] == [
        policy.at("published", "missing-interpretation", "error")]
    assert overdue[0].message == ("缺少政策解读：本行政规范性文件于 2024-09-27 公开，解读最迟应于 2024-09-27（含当日）发布（当日），"
                                  "到 2024-09-30 已逾期 2 个工作日。")


def test_longer_deadline_moves_the_due_date(cat):
    policy = cat.normative("2024-09-27")
    interp = cat.interpretation("2024-10-12", policy)   # Sat 调休上班
    # 5 working days: 09-29, 09-30, 10-08, 10-09, 10-10.
    problems = cat.problems("2024-10-31", interpretation_deadline_workdays=5)
    assert [(p.file, p.line, p.key, p.code) for p in problems] == [
        interp.at("published", "late-interpretation", "error")[:4]]
    assert problems[0].message.startswith("解读发布逾期 2 个工作日：")
    assert "解读最迟应于 2024-10-10（含当日）发布（5 个工作日内）" in problems[0].message
    # 7 working days: ... 10-11, 10-12.
    assert cat.check("2024-10-31", interpretation_deadline_workdays=7) == []



# A deadline of 0 working days (the same-day rule) ends on the publication day
# itself, which may be a day off; the next day may be one too.  Then the
# problem is an error that says it came after the due day on a day off, never
# that it is late by 0 working days.


def test_same_day_rule_never_reports_zero_working_days_overdue(cat):
    cat.normative("2024-09-27")
    messages = cat.messages("2024-09-28", interpretation_deadline_workdays=0)
    assert not any("逾期 0 个工作日" in m for m in messages)


def test_same_day_rule_never_reports_late_by_zero_working_days(cat):
    policy = cat.normative("2024-10-05")
    cat.interpretation("2024-10-06", policy)
    messages = cat.messages("2024-10-31", interpretation_deadline_workdays=0)
    assert not any("逾期 0 个工作日" in m for m in messages)

# --- after the due day, on a day off: late, whatever the count of working days -----------
# "最迟应于 09-30（含当日）" is not met on 10-08 because only holidays came between (found by an
# audit: check passed it, report said 解读逾期).


def test_an_interpretation_on_a_day_off_after_the_due_day_is_late(cat):
    # Fri 2025-09-26: Sun 09-28 (调休), Mon 09-29, Tue 09-30; 10-01..10-08 off.
    policy = cat.normative("2025-09-26", title="江川省交通运输厅关于规范客运班线的通知")
    interp = cat.interpretation("2025-10-08", policy)
    problems = cat.problems("2025-10-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        interp.at("published", "late-interpretation", "error")]
    assert problems[0].message == (
        f"解读发布逾期（截止日之后的休息日）：所解读的 {policy.index_no}《江川省交通运输厅关于规范客运班线的通知》于 "
        "2025-09-26 公开，解读最迟应于 2025-09-30（含当日）发布（3 个工作日内），实际发布日期是 2025-10-08。")
    assert "逾期 0 个工作日" not in problems[0].message


def test_the_same_day_rule_is_not_met_the_next_day_even_a_day_off(cat):
    policy = cat.normative("2024-10-05")
    interp = cat.interpretation("2024-10-06", policy)
    cat.interpretation("2024-10-05", cat.normative("2024-10-05"))
    assert cat.check("2024-10-31", interpretation_deadline_workdays=0) == [
        interp.at("published", "late-interpretation", "error")]


def test_a_missing_interpretation_is_overdue_from_the_day_after_the_due_day(cat):
    policy = cat.normative("2024-09-24")   # Tue: Wed, Thu, Fri 09-27; Sat 09-28 off
    problems = cat.problems("2024-09-28")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("published", "missing-interpretation", "error")]
    assert problems[0].message.endswith("到 2024-09-28 已逾期（截止日之后的休息日）。")


def test_a_record_published_after_the_due_day_on_a_day_off_is_late(cat):
    # Written Mon 2024-09-02: the 20th working day is Mon 09-30 (09-14 and 09-29 are 调休); 10-01 is off.
    assert chinese_calendar.is_workday(D("2024-09-14")) and not chinese_calendar.is_workday(D("2024-09-16"))
    late = cat.notice("2024-10-01", written="2024-09-02")
    cat.notice("2024-09-30", written="2024-09-02")
    problems = cat.problems("2024-10-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        late.at("published", "late-disclosure", "error")]
    assert problems[0].message.startswith("主动公开逾期（截止日之后的休息日）：成文日期 2024-09-02，最迟应于 2024-09-30（含当日）")


# --- on time needs the calendar only up to the day published --------------------------------
# 20 working days after a record written in late November 2026 end in 2027, which no notice has set
# yet: a record published the day it was written was an error (found by an audit).


def test_a_record_published_soon_after_it_was_written_needs_no_next_year(cat):
    cat.notice("2026-12-10", written="2026-12-10")
    cat.notice("2026-12-18", written="2026-12-01")   # 13 working days
    policy = cat.normative("2026-12-16")             # due 12-21, after the year-end guard
    cat.interpretation("2026-12-16", policy)
    assert cat.check("2026-12-18") == []
    waiting = cat.normative("2026-12-17")
    problems = cat.problems("2026-12-18")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        waiting.at("published", "interpretation-pending", "warning")]
    assert "解读最迟应于 2026-12-17 之后的第 3 个工作日（这一天在日历还没有核实放假安排的年份）发布" in problems[0].message
    # once the due day is needed, the missing year is said
    assert [(p.file, p.code) for p in cat.problems("2026-12-23")] == [(waiting.rel, "calendar-data-missing")]
    # but not for what no calendar can make late: published three days after it was written, past the guard;
    # an interpretation two days after its policy (found by an audit)
    cat.notice("2026-12-21", written="2026-12-18")
    sat = cat.normative("2026-12-19")
    cat.interpretation("2026-12-21", sat)
    assert [(p.file, p.code) for p in cat.problems("2026-12-23")] == [(waiting.rel, "calendar-data-missing")]


def test_the_report_reads_each_policy_as_the_check_does(cat):
    """Five cases an audit found the report and the check apart on."""
    day_off = cat.normative("2025-09-26")
    cat.interpretation("2025-10-08", day_off)
    on_request = cat.normative("2025-09-26")
    cat.interpretation("2025-09-26", on_request, disclosure="依申请公开")
    future = cat.normative("2025-09-26")
    cat.interpretation("2025-12-01", future)
    weekend = cat.normative("2024-09-24")
    soon = cat.normative("2026-12-17")
    on_time = cat.normative("2025-09-26")
    cat.interpretation("2025-09-30", on_time)
    config, _ = options_to_config({}, base_dir=cat.root)
    statuses = {}
    for as_of in ("2024-09-28", "2025-10-31", "2026-12-18"):
        result = check_catalogue(config, D(as_of))
        report = build_report(result)
        statuses[as_of] = {p.index_no: p.status for p in report.policies}
        codes = {p.file: p.code for p in result.problems}
        for policy in (day_off, on_request, future, weekend, soon, on_time):
            status = statuses[as_of].get(policy.index_no)
            code = codes.get(policy.rel)
            assert {"缺少解读": "missing-interpretation", "待解读": "interpretation-pending"}.get(status) == (
                code if code in ("missing-interpretation", "interpretation-pending") else None), (as_of, status, code)
    assert statuses["2024-09-28"][weekend.index_no] == "缺少解读"
    assert statuses["2025-10-31"][day_off.index_no] == "解读逾期"
    assert statuses["2025-10-31"][on_request.index_no] == "缺少解读"
    assert statuses["2025-10-31"][future.index_no] == "缺少解读"
    assert statuses["2025-10-31"][on_time.index_no] == "解读及时"
    assert statuses["2026-12-18"][soon.index_no] == "待解读"


# --- several interpretations -----------------------------------------------------------


def test_first_interpretation_on_time_second_late_gives_nothing(cat):
    policy = cat.normative("2024-09-27")
    # File names in the opposite order to the dates: the earliest interpretation decides.
    cat.interpretation("2024-10-21", policy, name="a-video")
    cat.interpretation("2024-10-08", policy, name="b-text")
    assert cat.check("2024-10-31") == []


def test_first_interpretation_late_is_reported_once_at_the_first(cat):
    policy = cat.normative("2024-09-27")
    cat.interpretation("2024-10-21", policy, name="a-video")
    first = cat.interpretation("2024-10-09", policy, name="b-text")
    problems = cat.problems("2024-10-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        first.at("published", "late-interpretation", "error")]
    assert problems[0].message.startswith("解读发布逾期 1 个工作日：")


def test_one_interpretation_of_two_policies_late_for_one(cat):
    early = cat.normative("2024-09-24", title="较早的文件")   # Tue: due 09-27 (Wed, Thu, Fri)
    on_time = cat.normative("2024-09-27", title="较晚的文件")  # due 10-08
    interp = cat.interpretation("2024-10-08", early, on_time)
    problems = cat.problems("2024-10-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        interp.at("published", "late-interpretation", "error")]
    # 09-27 → 10-08: Sun 09-29, Mon 09-30, Tue 10-08.
    assert problems[0].message == (
        f"解读发布逾期 3 个工作日：所解读的 {early.index_no}《较早的文件》于 2024-09-24 公开，"
        "解读最迟应于 2024-09-27（含当日）发布（3 个工作日内），实际发布日期是 2024-10-08。")


def test_interpretation_published_after_as_of_does_not_count_yet(cat):
    """Scheduled for after its due day, it is not out on as_of: the policy still lacks it, and the message names the
    interpretation and its date.  It said only 缺少政策解读 and to write the link the interpretation already had (a
    review), where the 主动公开 and 预决算 deadlines say 发布日期写的是以后的 …"""
    policy = cat.normative("2024-09-27")
    interp = cat.interpretation("2024-10-15", policy)
    problems = cat.problems("2024-10-10")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("published", "missing-interpretation", "error")]
    assert problems[0].message == (
        "政策解读逾期：本行政规范性文件于 2024-09-27 公开，解读最迟应于 2024-10-08（含当日）发布（3 个工作日内），"
        f"到 2024-10-10 还没有发布，已逾期 2 个工作日（解读 {interp.index_no} 已在目录中，发布日期写的是以后的 2024-10-15）。")
    assert problems[0].hint.startswith(f"尽快发布解读 {interp.index_no}（{interp.rel}），把它的发布日期改为实际发布的日期")
    assert "解读对象" not in problems[0].hint


# --- late disclosure: 春节 2025 ----------------------------------------------------------
# Written Thu 2025-01-02: 20 working days are 01-03, 01-06..10, 13..17, 20..24,
# Sun 01-26 (调休), Mon 01-27, then after 01-28..02-04 Wed 02-05 and Thu 02-06.


@pytest.mark.parametrize("published", ["2025-01-27", "2025-02-05", "2025-02-06"])
def test_disclosure_by_the_due_date_across_spring_festival_is_on_time(cat, published):
    cat.notice(published, written="2025-01-02")
    assert cat.check("2025-03-31") == []


@pytest.mark.parametrize(("published", "late"), [
    ("2025-02-07", 1),
    ("2025-02-08", 2),   # Sat 调休上班
    ("2025-02-09", 2),   # Sun off
    ("2025-02-10", 3),
])
def test_late_disclosure_across_spring_festival(cat, published, late):
    notice = cat.notice(published, written="2025-01-02")
    problems = cat.problems("2025-03-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        notice.at("published", "late-disclosure", "error")]
    assert problems[0].message == (f"主动公开逾期 {late} 个工作日：成文日期 2025-01-02，最迟应于 2025-02-06（含当日）公开"
                                   f"（20 个工作日内），实际发布日期是 {published}。")


def test_disclosure_due_on_a_makeup_saturday(cat):
    # Written Mon 2025-01-06: the 20th working day is Sat 2025-02-08 (调休上班).
    on_time = cat.notice("2025-02-08", written="2025-01-06")
    late = cat.notice("2025-02-10", written="2025-01-06")
    problems = cat.problems("2025-03-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        late.at("published", "late-disclosure", "error")]
    assert on_time.rel != late.rel
    assert problems[0].message == ("主动公开逾期 1 个工作日：成文日期 2025-01-06，最迟应于 2025-02-08（含当日）公开"
                                   "（20 个工作日内），实际发布日期是 2025-02-10。")


def test_late_disclosure_applies_to_policies_too(cat):
    policy = cat.policy("2025-02-10", written="2025-01-02")
    assert cat.check("2025-03-31") == [policy.at("published", "late-disclosure", "error")]


def test_disclosure_deadline_workdays_option(cat):
    # Written Mon 2025-01-20, 10 working days: 01-21..24, Sun 01-26, 01-27, 02-05, 02-06, 02-07, Sat 02-08.
    notice = cat.notice("2025-02-10", written="2025-01-20")
    problems = cat.problems("2025-03-31", disclosure_deadline_workdays=10)
    assert [(p.file, p.line, p.key, p.code) for p in problems] == [
        notice.at("published", "late-disclosure", "error")[:4]]
    assert problems[0].message == ("主动公开逾期 1 个工作日：成文日期 2025-01-20，最迟应于 2025-02-08（含当日）公开"
                                   "（10 个工作日内），实际发布日期是 2025-02-10。")
    assert cat.check("2025-03-31") == []   # 20 working days: due 2025-02-20


def test_disclosure_clock_on_published_turns_the_rule_off(cat):
    cat.notice("2025-02-10", written="2025-01-02")
    assert cat.check("2025-03-31", disclosure_clock_field="published") == []


def test_late_disclosure_waits_until_the_due_day_has_passed(cat):
    # Written 2025-01-02: due Thu 02-06 (春节 01-28..02-04 off, Sun 01-26 a working day); scheduled for 02-10.
    notice = cat.notice("2025-02-10", written="2025-01-02")
    assert cat.check("2025-02-06") == []
    assert cat.check("2025-02-09") == [notice.at("published", "late-disclosure", "error")]


def test_record_without_written_date_has_no_disclosure_clock(cat):
    cat.notice("2025-02-10")
    assert cat.check("2025-03-31") == []


def test_withheld_record_has_no_disclosure_deadline(cat):
    cat.notice("2025-02-10", written="2025-01-02", disclosure="依申请公开",
               withheld_reason="《政府信息公开条例》第十六条第二款，过程性信息")
    assert cat.check("2025-03-31") == []


# --- severity overrides ----------------------------------------------------------------


def test_severity_override_to_warning(cat):
    notice = cat.notice("2025-02-10", written="2025-01-02")
    problems = cat.problems("2025-03-31", severity={"late-disclosure": "warning"})
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        notice.at("published", "late-disclosure", "warning")]
    assert problems[0].message.startswith("主动公开逾期 3 个工作日：")


def test_the_report_names_each_rule_with_the_severity_it_was_reported_with(cat):
    """With late-disclosure lowered to a warning, the report said 错误 0 个，警告 1 个 and then labelled the rule
    错误, in its text and its JSON (an audit)."""
    from build_tools.compliance import report_text
    cat.notice("2025-02-10", written="2025-01-02")
    config, _ = options_to_config({"severity": {"late-disclosure": "warning"}}, base_dir=cat.root)
    report = build_report(check_catalogue(config, D("2025-03-31")))
    assert (report.errors, report.warnings) == (0, 1)
    assert [(r.code, r.severity) for r in report.rules] == [("late-disclosure", "warning")]
    assert "late-disclosure，警告" in report_text(report)


def test_severity_override_off_drops_the_problem(cat):
    cat.notice("2025-02-10", written="2025-01-02")
    other = cat.normative("2025-03-03")
    assert cat.check("2025-03-31", severity={"late-disclosure": "off"}) == [
        other.at("published", "missing-interpretation", "error")]


def test_severity_override_to_error(cat):
    policy = cat.normative("2024-09-27")
    assert cat.check("2024-09-30", severity={"interpretation-pending": "error"}) == [
        policy.at("published", "interpretation-pending", "error")]


def test_severity_override_with_a_bad_level_is_a_config_problem(cat):
    notice = cat.notice("2025-02-10", written="2025-01-02")
    problems = cat.check("2025-03-31", severity={"late-disclosure": "ignore", "late-disclsure": "off"})
    assert problems == [
        ("mkdocs.yml", None, "severity.late-disclosure", "config-invalid", "error"),
        ("mkdocs.yml", None, "severity.late-disclsure", "config-invalid", "error"),
        notice.at("published", "late-disclosure", "error"),   # the bad override is not applied
    ]


# --- budgets and final accounts: calendar days ---------------------------------------------


def test_fiscal_disclosure_on_the_last_day_is_on_time(cat):
    cat.add("budget", "2025-02-27", fiscal_year=2025, approved="2025-02-07")   # 02-07 + 20 = 02-27
    assert cat.check("2025-03-31") == []


def test_a_budget_and_a_final_account_keep_their_own_deadline_whatever_their_written_date(cat):
    """条例 Art 26's 20 working days give way where a law sets a deadline ("另有规定的，从其规定"): a budget
    published 19 days after its 批复, on time under 预算法 Art 14, was told it was 7 working days late, counted
    from its 成文日期 (a review).  A notice written the same day is still judged by Art 26."""
    cat.add("budget", "2026-02-24", fiscal_year=2026, approved="2026-02-05", written="2026-01-09")
    cat.add("final-account", "2026-08-20", fiscal_year=2025, approved="2026-08-01", written="2026-06-01")
    cat.add("annual-report", "2026-03-20", fiscal_year=2025, written="2026-01-20")  # 条例 Art 49: by 3月31日 here
    notice = cat.notice("2026-02-24", written="2026-01-09")
    assert cat.check("2026-12-01", annual_report_deadline="03-31") == [
        notice.at("published", "late-disclosure", "error")]


def test_a_subordinate_units_annual_report_fills_none_of_the_agencys_years(cat):
    """A 所属单位's 2025 report listed, the agency's own missing: the check passed (a review)."""
    own = cat.add("annual-report", "2025-01-20", fiscal_year=2024, issuer="江川省交通运输厅")
    cat.add("annual-report", "2026-01-20", fiscal_year=2025, issuer="江川省公路管理局")
    assert own.at("fiscal_year", "annual-report-missing", "error") in cat.check("2026-12-01", agency="江川省交通运输厅")


def test_fiscal_disclosure_one_day_late(cat):
    budget = cat.add("budget", "2025-02-28", fiscal_year=2025, approved="2025-02-07")
    problems = cat.problems("2025-03-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        budget.at("published", "late-fiscal-disclosure", "error")]
    assert problems[0].message == ("部门预算公开逾期 1 日：批复日期 2025-02-07，最迟应于 2025-02-27（含当日）公开"
                                   "（20 日内），实际发布日期是 2025-02-28。")


def test_fiscal_deadline_on_a_day_off_rolls_over_to_the_next_working_day(cat):
    # Approved Mon 2025-01-20: + 20 days = Sun 2025-02-09, a day off: the period ends Mon 02-10 (民法典
    # Art 203 by analogy, as the start day does not count by Art 201).
    on_time = cat.add("budget", "2025-02-10", fiscal_year=2025, approved="2025-01-20")
    # Approved 2025-01-09: + 20 = 01-29, 正月初一; 01-28 … 02-04 off: the period ends 02-05 (found by an audit).
    spring = cat.add("budget", "2025-02-05", fiscal_year=2025, approved="2025-01-09")
    late = cat.add("budget", "2025-02-11", fiscal_year=2025, approved="2025-01-20")
    problems = cat.problems("2025-03-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        late.at("published", "late-fiscal-disclosure", "error")]
    assert problems[0].message == ("部门预算公开逾期 1 日：批复日期 2025-01-20，最迟应于 2025-02-10（含当日）公开"
                                   "（20 日内；第 20 日 2025-02-09 是休息日，顺延到其后第一个工作日），实际发布日期是 2025-02-11。")
    # an office whose rule counts calendar days only
    problems = cat.problems("2025-03-31", budget_deadline_rolls_over_days_off=False)
    assert [p.file for p in problems] == [on_time.rel, spring.rel, late.rel]
    assert problems[0].message == ("部门预算公开逾期 1 日：批复日期 2025-01-20，最迟应于 2025-02-09（含当日）公开"
                                   "（20 日内），实际发布日期是 2025-02-10。")


def test_final_account_late(cat):
    account = cat.add("final-account", "2025-08-05", fiscal_year=2024, approved="2025-07-15")
    problems = cat.problems("2025-08-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        account.at("published", "late-fiscal-disclosure", "error")]
    assert problems[0].message == ("部门决算公开逾期 1 日：批复日期 2025-07-15，最迟应于 2025-08-04（含当日）公开"
                                   "（20 日内），实际发布日期是 2025-08-05。")


def test_budget_deadline_days_option(cat):
    budget = cat.add("budget", "2025-03-13", fiscal_year=2025, approved="2025-02-10")   # + 30 = Wed 03-12
    problems = cat.problems("2025-03-31", budget_deadline_days=30)
    assert [(p.file, p.line, p.key, p.code) for p in problems] == [
        budget.at("published", "late-fiscal-disclosure", "error")[:4]]
    assert problems[0].message == ("部门预算公开逾期 1 日：批复日期 2025-02-10，最迟应于 2025-03-12（含当日）公开"
                                   "（30 日内），实际发布日期是 2025-03-13。")


def test_late_fiscal_disclosure_waits_until_publication(cat):
    cat.add("budget", "2025-02-28", fiscal_year=2025, approved="2025-02-07")
    assert cat.check("2025-02-20") == []


def test_a_budget_or_notice_scheduled_after_its_due_day_is_late_once_that_day_has_passed(cat):
    """A record prepared ahead with a 发布日期 after its due day was said nothing until the day it went out, 96 days
    late, while an annual report scheduled the same way was late at once (a review): judged on as_of."""
    # Approved Mon 2025-01-20: + 20 = Sun 02-09, rolled over to Mon 02-10.
    budget = cat.add("budget", "2025-04-01", fiscal_year=2025, approved="2025-01-20")
    # Written Fri 2024-09-27, 3 working days: Sun 09-29 (调休), Mon 09-30, Tue 10-08.
    notice = cat.notice("2024-11-01", written="2024-09-27")
    assert cat.check("2024-10-08", disclosure_deadline_workdays=3) == []
    problems = cat.problems("2024-10-09", disclosure_deadline_workdays=3)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        notice.at("published", "late-disclosure", "error")]
    assert problems[0].message == ("主动公开逾期：成文日期 2024-09-27，最迟应于 2024-10-08（含当日）公开（3 个工作日内），"
                                   "到 2024-10-09 还没有公开，已逾期 1 个工作日（发布日期写的是以后的 2024-11-01）。")
    assert cat.check("2025-02-10", disclosure_deadline_workdays=30) == []  # notice due 2024-11-11
    problems = cat.problems("2025-02-11", disclosure_deadline_workdays=30)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        budget.at("published", "late-fiscal-disclosure", "error")]
    assert problems[0].message == ("部门预算公开逾期：批复日期 2025-01-20，最迟应于 2025-02-10（含当日）公开（20 日内；第 20 日 "
                                   "2025-02-09 是休息日，顺延到其后第一个工作日），到 2025-02-11 还没有公开，已逾期 1 日"
                                   "（发布日期写的是以后的 2025-04-01）。")
    # on its day it is late by the days to its publication, as ever
    assert "公开逾期 50 日" in cat.messages("2025-04-01", disclosure_deadline_workdays=30)[0]


# --- validity on as_of ---------------------------------------------------------------------


def test_expired_still_in_force(cat):
    policy = cat.policy("2021-03-01", effective="2021-04-01", expires="2026-11-19", validity="现行有效")
    problems = cat.problems("2026-11-20")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("validity", "expired-still-in-force", "warning")]  # the site shows 已失效 meanwhile
    assert problems[0].message == "「有效期至」2026-11-19 已过，「有效性」(validity)仍是现行有效。"


@pytest.mark.parametrize("validity", ["已修改", "部分失效"])
def test_an_amended_document_past_its_last_day_is_shown_lapsed_and_told(cat, validity):
    """已修改 and 部分失效 are in force as amended: 16 months after its 有效期至 the page still showed 已修改, the check
    silent, while the annual report counted it lapsed (a review)."""
    import datetime as dt

    from build_tools.status import Status, status_on
    policy = cat.policy("2020-08-01", effective="2020-09-01", expires="2025-07-31", validity=validity)
    assert [(p.code, p.severity.value) for p in cat.problems("2026-12-07")] == [("expired-still-in-force", "warning")]
    assert cat.problems("2026-12-07")[0].message.endswith(f"仍是{validity}。")
    config, _ = options_to_config({}, base_dir=cat.root)
    record = check_catalogue(config, D("2026-12-07")).catalogue.get(policy.index_no)
    assert status_on(record, dt.date(2025, 7, 31)).value == validity
    assert status_on(record, dt.date(2025, 8, 1)) is Status.EXPIRED


def test_a_partly_repealed_document_is_no_validity_conflict(cat):
    """A decision repealing some articles links the document with repeals:, and the page says 部分废止 from that
    link: 部分失效 there is right, and was told to be 已废止 (a review)."""
    target = cat.policy("2019-05-06", title="旧规定", validity="部分失效")
    cat.policy("2026-10-01", title="关于废止旧规定第五条的决定", effective="2026-11-01", repeals=[target.index_no])
    assert cat.check("2026-11-20") == []


@pytest.mark.parametrize("validity", ["已修改"])
def test_a_repealed_amended_document_is_a_validity_conflict(cat, validity):
    """A repeal of a document earlier amended, its record left 已修改: the check passed and the page showed it in
    force, while the annual report counted it repealed (a review)."""
    target = cat.policy("2019-05-06", title="旧规定", validity=validity)
    cat.policy("2026-10-01", title="新规定", effective="2026-11-01", repeals=[target.index_no])
    problems = cat.problems("2026-11-01")
    assert [(p.code, p.severity.value) for p in problems] == [("validity-conflict", "error")]
    assert problems[0].message.endswith(f"「有效性」(validity)不能是{validity}。")


def test_expires_on_as_of_is_still_in_force(cat):
    cat.policy("2021-03-01", expires="2026-11-20", validity="现行有效")
    cat.policy("2021-03-01", expires="2027-12-31")
    assert cat.check("2026-11-20") == []


def test_expired_without_a_validity_line_points_at_expires(cat):
    policy = cat.policy("2021-03-01", expires="2026-11-19")
    assert cat.check("2026-11-20") == [
        (policy.rel, policy.lines["expires"], "validity", "expired-still-in-force", "warning")]


def test_a_document_past_its_last_day_is_shown_lapsed_without_anyone_editing_it():
    """有效期至 is the last day: from the next day every page, list, facet and the open data show 已失效, as
    the annual report counts it, while the file still says 现行有效 (a review found it shown in force, and the
    check's error stopping the daily deploy)."""
    import datetime as dt

    from build_tools.model.fields import Validity
    from build_tools.status import Status, status_on

    class Doc:
        validity, effective, expires = Validity.IN_FORCE, dt.date(2021, 4, 1), dt.date(2026, 12, 10)

    assert status_on(Doc, dt.date(2026, 12, 10)) is Status.IN_FORCE
    assert status_on(Doc, dt.date(2026, 12, 11)) is Status.EXPIRED
    Doc.expires = None
    assert status_on(Doc, dt.date(2030, 1, 1)) is Status.IN_FORCE


def test_expired_and_marked_expired_is_fine(cat):
    cat.policy("2021-03-01", expires="2026-11-19", validity="已失效")
    assert cat.check("2026-11-20") == []


def _amended(cat: Cat, **amender):
    target = cat.policy("2020-05-06", title="原办法", validity="现行有效")
    by = cat.policy("2026-10-01", title="关于修改原办法的决定", amends=[target.index_no], **amender)
    return target, by


@pytest.mark.parametrize("as_of", ["2026-09-30", "2026-10-01", "2026-11-30"])
def test_amended_not_marked_waits_for_the_amendment_to_take_effect(cat, as_of):
    _amended(cat, effective="2026-12-01")
    assert cat.check(as_of) == []


@pytest.mark.parametrize("as_of", ["2026-12-01", "2027-01-15"])
def test_amended_not_marked_once_the_amendment_is_in_effect(cat, as_of):
    target, by = _amended(cat, effective="2026-12-01")
    problems = cat.problems(as_of)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        target.at("validity", "amended-not-marked", "warning")]
    assert problems[0].message == (f"本文件已被 {by.index_no}《关于修改原办法的决定》修改（自 2026-12-01 起施行），"
                                   "「有效性」(validity)仍是现行有效。")


def test_amendment_without_effective_date_takes_effect_on_publication(cat):
    target, by = _amended(cat)
    assert cat.check("2026-09-30") == []
    problems = cat.problems("2026-10-01")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        target.at("validity", "amended-not-marked", "warning")]
    assert "（自 2026-10-01 起施行）" in problems[0].message


@pytest.mark.parametrize("validity", ["已修改", "部分失效"])
def test_amended_and_marked(cat, validity):
    target = cat.policy("2020-05-06", validity=validity)
    cat.policy("2026-10-01", amends=[target.index_no])
    assert cat.check("2026-11-20") == []


@pytest.mark.parametrize("named", ["江交规〔2025〕1号", "2025-0001"])
def test_an_interpretation_naming_its_policy_otherwise_is_not_a_missing_one(cat, named):
    """An interpretation published on time whose interprets: gave the policy's 文号, or its index number with a 0
    dropped: besides the reference's error, the policy was told 缺少解读, 80 working days late, the oldest problem of
    the report (an audit).  The check knows which policy is meant: 解读有错误, said at the interpretation."""
    policy = cat.normative("2025-01-20", doc_no="江交规〔2025〕1号")
    cat.add("interpretation", "2025-01-27", index_no=f"{ORG}/2025-00002",
            interprets=[named if "〔" in named else f"{ORG}/{named}"])
    codes = [p.code for p in cat.problems("2025-06-01")]
    assert "missing-interpretation" not in codes and "late-interpretation" not in codes
    assert codes == ["unknown-reference"], codes
    assert policy.index_no


def test_repealed_still_in_force_is_a_validity_conflict(cat):
    target = cat.policy("2019-05-06", title="旧规定", validity="现行有效")
    by = cat.policy("2026-10-01", title="新规定", effective="2026-11-01", repeals=[target.index_no])
    assert cat.check("2026-10-31") == [target.at("validity", "repeal-ahead-unmarked", "warning")]
    problems = cat.problems("2026-11-01")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        target.at("validity", "validity-conflict", "error")]
    assert problems[0].message == (f"本文件已被 {by.index_no}《新规定》废止（自 2026-11-01 起施行），"
                                   "「有效性」(validity)不能是现行有效。")


def test_repealed_and_marked_repealed(cat):
    target = cat.policy("2019-05-06", validity="已废止")
    cat.policy("2026-10-01", repeals=[target.index_no])
    assert cat.check("2026-11-20") == []


# --- a 发布日期 years ahead: a mistyped year ---------------------------------------------------


def test_a_publication_date_years_ahead_is_a_mistyped_year_said_first(cat):
    """2204-12-06 for 2024-12-06 silently took a published notice off the site until 2204: the check said only
    that the index number's year did not match it, a warning (found by a review)."""
    notice = cat.notice("2204-12-06", index_no=f"{ORG}/2024-00001")
    problems = cat.problems("2026-11-20")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        notice.at("published", "published-far-future", "error")]
    (p,) = problems
    assert "2204-12-06" in p.message and "是不是 2024 年" in p.message and "不会出现在网站上" in p.message
    assert p.hint.endswith("published: 2024-12-06")


def test_a_policy_dated_years_ahead_does_not_send_its_interpretation_there_too(cat):
    """The interpretation's only problem was to be moved to 2204 as well (interpretation-before-policy)."""
    policy = cat.normative("2204-09-27", index_no=f"{ORG}/2024-00001", written="2024-09-20")
    cat.interpretation("2024-10-08", policy)
    assert cat.check("2026-11-20") == [policy.at("published", "published-far-future", "error")]
    assert cat.problems("2026-11-20")[0].hint.endswith("published: 2024-09-27")


def test_a_document_dated_years_ahead_is_not_said_to_be_repealed_before_it_existed(cat):
    """Its 发布日期 mistyped (2204 for 2024), no 成文日期: the record repealing it was told it was dated before it
    (link-before-target), to look for another number; the year is the one mistake, said once."""
    ahead = cat.policy("2204-09-27", index_no=f"{ORG}/2024-00001", validity="已废止")
    cat.policy("2025-03-05", repeals=[ahead.index_no])
    assert cat.check("2026-11-20") == [ahead.at("published", "published-far-future", "error")]


def test_an_interpretation_before_another_policy_is_still_said(cat):
    ahead = cat.normative("2204-09-27", index_no=f"{ORG}/2024-00001")
    soon = cat.normative("2026-12-01")
    interpretation = cat.interpretation("2026-11-02", ahead, soon)
    assert sorted(c[3] for c in cat.check("2026-11-20")) == ["interpretation-before-policy", "published-far-future"]
    assert any(c[0] == interpretation.rel for c in cat.check("2026-11-20"))


def test_a_catalogue_checked_as_on_a_past_day_is_no_typo(cat):
    """``check --as-of 2020-01-01`` (an auditor's view of a past day) on records whose index number or 成文日期
    gives the same year as their 发布日期: later records, not mistyped ones."""
    cat.notice("2026-09-22")                                       # its index number: 015200371/2026-…
    cat.policy("2025-03-01", written="2025-02-20")
    assert cat.check("2020-01-01") == []


def test_a_year_ahead_is_judged_by_the_day_alone_when_the_record_gives_no_other_year(cat):
    notice = cat.notice("2204-12-06", index_no="JC-00001")
    assert cat.check("2026-11-20", index_no_pattern=r"^JC-(?P<serial>\d{5})$") == [
        notice.at("published", "published-far-future", "error")]


@pytest.mark.parametrize("published", ["2027-11-20", "2027-03-01"])
def test_a_record_scheduled_within_a_year_is_no_problem(cat, published):
    cat.notice(published, index_no=f"{ORG}/2027-00001")
    assert cat.check("2026-11-20") == []


def test_a_withheld_record_years_ahead_is_said_without_the_site(cat):
    cat.notice("2204-12-06", index_no=f"{ORG}/2024-00001", disclosure="不予公开",
               withheld_reason="《政府信息公开条例》第十六条第一款")
    (p,) = cat.problems("2026-11-20")
    assert p.code == "published-far-future" and "网站" not in p.message


def test_a_year_ahead_without_a_likely_year_still_says_the_year_is_wrong(cat):
    cat.notice("2999-12-06", index_no=f"{ORG}/2024-00001")
    (p,) = cat.problems("2026-11-20")
    assert p.code == "published-far-future" and "年份写错" in p.message and "是不是" not in p.message


# --- privacy ----------------------------------------------------------------------------


def test_resident_id_in_the_body(cat):
    body = "行政处罚决定公示\n\n当事人：张某\n身份证号码：" + VALID_ID + "\n处罚决定：罚款。\n"
    notice = cat.notice("2025-03-03", body=body)
    problems = cat.problems("2025-03-31")
    line = notice.body_line + 3
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        (notice.rel, line, None, "personal-id-number", "error")]
    assert problems[0].message == (f"第 {line} 行有一个居民身份证号码（110101********1233），"
                                   "公开信息不得包含个人身份证号码。")
    assert VALID_ID not in problems[0].message and VALID_ID not in problems[0].hint


def test_no_message_or_hint_repeats_a_number_the_catalogue_holds(cat):
    """Messages go to CI logs, pull-request annotations and job summaries: a 15-digit ID was printed whole in the
    allow-list hint, an 18-digit one in the message on the heading that held it (a review).  Every problem's
    message and hint carries such a number masked, whichever check quotes it."""
    old_id = "110101900307451"
    cat.notice("2025-03-03", body=f"# 行政处罚决定书（当事人：李四，身份证号{VALID_ID}）\n\n张三，身份证号：{old_id}。\n"
                                  "联系电话 139 1234 5678。\n")
    problems = cat.problems("2025-03-31")
    assert {p.code for p in problems} >= {"personal-id-number", "body-heading-level-1", "personal-mobile-number"}
    for p in problems:
        for text in (p.message, p.hint):
            assert VALID_ID not in text and old_id not in text and "1234" not in text, (p.code, text)
    assert any("110101*****7451" in p.hint for p in problems)


@pytest.mark.parametrize("heading", ["手机013912345678", "电话+8613912345678", "电话139-1234-5678", "电话139.1234.5678",
                                     "电话(139) 1234 5678", "身份证号110101-19491231-002X"])
def test_a_number_in_any_form_the_check_finds_is_masked_in_every_message(cat, heading):
    """The masking read 11 to 18 digits in a row: a number the check finds hyphenated, after +86 or 0, or bracketed
    was printed whole in a heading's message (a review)."""
    cat.notice("2025-03-03", body=f"# 通知（{heading}）\n\n正文。\n")
    for p in cat.problems("2025-03-31"):
        digits = "".join(c for c in p.message + p.hint if c.isdigit())
        assert "12345678" not in digits and "19491231002" not in digits, (p.code, p.message)


def test_an_index_number_of_18_digits_that_is_no_id_is_not_masked(tmp_path):
    """An office whose index numbers begin with an all-digit 统一社会信用代码 (115200000152003717) was told to write
    115200********3717/… (a review): the masking masks what the check takes for an ID only."""
    from build_tools.diagnostics import masked
    assert masked("索引号 115200000152003717/2026-00001 重复") == "索引号 115200000152003717/2026-00001 重复"


@pytest.mark.parametrize("written", [
    f"zhangsan{VALID_ID}.jpg", f"sfz{VALID_ID}", f"wangwu{VALID_ID}abc", f"身份证号{VALID_ID}号",
    "手机：013912345678", f'李四{{: title="身份证号 {VALID_ID}" }}', "电话{: 13987654321}"])
def test_a_number_glued_to_letters_or_an_attribute_list_is_found(cat, written):
    """A scan named by a pinyin name and the ID (zhangsan110101….jpg), a spreadsheet's prefix (sfz110101…), a mobile
    with the long-distance 0, a number in an attribute list's tooltip or shown as written after plain text: each was
    published, the check passing (a review)."""
    cat.notice("2025-03-03", body=f"{written}\n")
    assert [p[3] for p in cat.check("2025-03-31")] in (["personal-id-number"], ["personal-mobile-number"])


def test_an_eighteen_digit_serial_glued_to_letters_counts_only_with_a_valid_check_digit(cat):
    cat.notice("2025-03-03", body=f"编号 NO{wrong_check(VALID_ID)}，证书 ABC{wrong_check(VALID_ID)}X。\n")
    assert cat.check("2025-03-31") == []


def test_a_case_number_after_capitals_is_no_id_even_with_a_valid_check_digit(cat):
    """行政处罚结果公示 lists case numbers JTZF + area + date + serial: one serial in eleven has a valid check digit,
    and the notice was kept off the site (a review).  After capitals only a text naming an ID makes it one."""
    cat.notice("2025-03-03", body=f"| 案号 | 当事人 |\n|---|---|\n| JTZF{VALID_ID} | 某运输公司 |\n")
    assert cat.check("2025-03-31") == []
    cat.notice("2025-03-04", body=f"当事人身份证号：SFZ{VALID_ID}。\n")
    assert [p[3] for p in cat.check("2025-03-31")] == ["personal-id-number"]


def test_resident_id_with_x_check_character(cat):
    number = resident_id("53010219851231001")
    assert number.endswith("X")
    notice = cat.notice("2025-03-03", body=f"身份证 {number.lower()} 。\n")
    assert cat.check("2025-03-31") == [(notice.rel, notice.body_line, None, "personal-id-number", "error")]


def test_resident_id_with_a_wrong_check_digit_is_not_reported(cat):
    cat.notice("2025-03-03", body="编号：" + wrong_check(VALID_ID) + "\n")
    assert cat.check("2025-03-31") == []


@pytest.mark.parametrize("label", ["身份证号：", "公民身份号码 ", "证件号码（18位）："])
def test_a_number_the_text_names_an_id_is_one_whatever_its_check_digit(cat, label):
    """Typed by hand or read by OCR, an ID's last digit is often wrong; the other 17 still name the person
    (a review found one published with a clean check)."""
    notice = cat.notice("2025-03-03", body="联系人：张三，" + label + wrong_check(VALID_ID) + "。\n")
    assert cat.check("2025-03-31") == [(notice.rel, notice.body_line, None, "personal-id-number", "error")]


@pytest.mark.parametrize("said", ["项目ID：", "身份证号已隐去，受理编号：", "证件号（统一社会信用代码）："])
def test_a_serial_with_a_wrong_check_digit_not_said_to_be_an_id_stays(cat, said):
    """Only the number's own clause naming a person's ID counts for one whose check digit is wrong: a bare ID,
    a label one clause back, a company's code were kept off the site (a review)."""
    cat.notice("2025-03-03", body=said + wrong_check(VALID_ID) + "。\n")
    assert cat.check("2025-03-31") == []


def test_longer_digit_runs_are_not_resident_ids(cat):
    cat.notice("2025-03-03", body="流水号 " + VALID_ID + "5，合同号 9" + VALID_ID + "\n")
    assert cat.check("2025-03-31") == []


def test_mobile_number_in_metadata(cat):
    notice = cat.notice("2025-03-03", summary="报名请联系王老师，电话13912345678。")
    problems = cat.problems("2025-03-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        notice.at("summary", "personal-mobile-number", "error")]
    assert problems[0].message == (f"第 {notice.lines['summary']} 行有一个手机号码（139****5678），"
                                   "公开信息一般不应包含个人手机号码。")
    assert "13912345678" not in problems[0].message and "13912345678" not in problems[0].hint


def test_mobile_number_in_the_body(cat):
    notice = cat.notice("2025-03-03", body="联系人：王老师\n手机：13912345678\n")
    assert cat.check("2025-03-31") == [(notice.rel, notice.body_line + 1, None, "personal-mobile-number", "error")]


def test_privacy_allowlist_silences_a_number(cat):
    cat.notice("2025-03-03", summary="服务热线13912345678。", body="身份证 " + VALID_ID + "\n")
    assert cat.check("2025-03-31", privacy_allowlist=["13912345678", VALID_ID]) == []
    # Only the listed number is allowed.
    assert [p[3] for p in cat.check("2025-03-31", privacy_allowlist=["13912345678"])] == ["personal-id-number"]


def test_withheld_record_is_not_scanned(cat):
    cat.notice("2025-03-03", disclosure="依申请公开",
               withheld_reason="《政府信息公开条例》第十五条，涉及个人隐私",
               summary="联系人手机13912345678。", body="身份证 " + VALID_ID + "\n")
    assert cat.check("2025-03-31") == []


# --- calendar data -----------------------------------------------------------------------

CAL_2027 = {"years": {2027: {
    # Illustrative only, not the real notice (not issued when this was written):
    # 2027-01-01 is a Friday.
    "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12",
                 "2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06",
                 "2027-10-07"],
    "workdays": ["2027-02-20"],
}}}


def test_calendar_data_missing_for_2027(cat):
    policy = cat.normative("2027-03-01")
    problems = cat.problems("2027-03-10")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("published", "calendar-data-missing", "error")]
    assert problems[0].message == ("没有 2027 年的法定节假日安排数据（计算 2027-03-02 时需要）。"
                                   "请在 mkdocs.yml 的 catalogue 插件 calendar.years 中按国务院办公厅通知"
                                   "补充 2027 年的放假和调休日期。")
    assert "2027:" in problems[0].hint


def test_calendar_data_missing_under_the_year_end_guard(cat):
    # Thu 2026-12-24: the 3 working days (12-25, 12-28, 12-29) lie after 12-20,
    # which the 2027 notice may still move.
    policy = cat.normative("2026-12-24")
    problems = cat.problems("2026-12-28")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        policy.at("published", "calendar-data-missing", "error")]
    assert problems[0].message.startswith(
        "没有 2027 年的法定节假日安排数据（计算 2026-12-25 时需要，因为 2027 年的放假通知"
        "可能调整 2026 年 12 月下旬的放假和调休）。")


def test_calendar_data_missing_for_late_disclosure_too(cat):
    # Written Tue 2026-12-01: the 20th working day is 2026-12-29, after the guard.
    notice = cat.notice("2026-12-31", written="2026-12-01")
    problems = cat.problems("2026-12-31")
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        notice.at("published", "calendar-data-missing", "error")]
    assert "没有 2027 年的法定节假日安排数据" in problems[0].message


def test_a_deadline_missed_before_the_year_end_guard_is_late_whatever_next_years_notice_says(cat):
    """Due 12-18 on verified ground: from 12-20 the missing 解读 and the late 主动公开 were only
    calendar-data-missing, and the report listed the policy as 日历数据缺失, not 缺少解读 (found by an audit)."""
    policy = cat.normative("2026-12-15")             # 12-16, 12-17, 12-18
    notice = cat.notice("2026-12-22", written="2026-11-20")  # the 20th working day is 12-18
    for day in ("2026-12-22", "2026-12-31"):
        problems = cat.problems(day)
        assert sorted((p.file, p.code) for p in problems) == sorted([
            (policy.rel, "missing-interpretation"), (notice.rel, "late-disclosure")])
        for p in problems:
            assert "2026-12-18（含当日）" in p.message and "要等下一年的放假安排核实后才能算出" in p.message
    problems = cat.problems("2026-12-19")  # before the guard: the count is known
    assert [p.message.endswith("已逾期（截止日之后的休息日）。") for p in problems if p.file == policy.rel] == [True]


def test_configured_2027_makes_deadlines_computable(cat):
    spring = cat.normative("2027-03-01")      # Mon: 03-02, 03-03, 03-04
    december = cat.normative("2026-12-24")    # 12-25, 12-28, 12-29
    problems = cat.problems("2026-12-28", calendar=CAL_2027)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        december.at("published", "interpretation-pending", "warning")]
    assert "解读最迟应于 2026-12-29（含当日）发布" in problems[0].message
    problems = cat.problems("2027-03-10", calendar=CAL_2027)
    assert [(p.file, p.code) for p in problems] == [
        (spring.rel, "missing-interpretation"), (december.rel, "missing-interpretation")]
    # 2027-03-05 (Fri), 03-08, 03-09, 03-10.
    assert problems[0].message.endswith("解读最迟应于 2027-03-04（含当日）发布（3 个工作日内），到 2027-03-10 已逾期 4 个工作日。")


def test_configured_2027_holiday_counts(cat):
    # Tue 2026-12-29: 12-30, 12-31, then 2027-01-01 (Fri) is a configured holiday: Mon 2027-01-04.
    policy = cat.normative("2026-12-29")
    interp = cat.interpretation("2027-01-05", policy)
    problems = cat.problems("2027-01-31", calendar=CAL_2027)
    assert [(p.file, p.line, p.key, p.code, p.severity.value) for p in problems] == [
        interp.at("published", "late-interpretation", "error")]
    assert "解读最迟应于 2027-01-04（含当日）发布（3 个工作日内）" in problems[0].message
    assert problems[0].message.startswith("解读发布逾期 1 个工作日：")


def test_calendar_years_from_mkdocs_yml(cat, capsys):
    # The same schedule as YAML reads it from mkdocs.yml (dates parsed by YAML).
    policy = cat.normative("2027-03-01")
    config = cat.root / "mkdocs.yml"
    config.write_text("plugins:\n  - catalogue:\n      calendar:\n        years:\n          2027:\n"
                      "            holidays: [2027-01-01, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12, 2027-04-05, 2027-06-09, 2027-09-15, 2027-10-01, 2027-10-04, 2027-10-05, 2027-10-06, 2027-10-07]\n"
                      "            workdays: [2027-02-20]\n", encoding="utf-8")
    code, problems = _run_json(capsys, ["check", "--config", str(config), "--as-of", "2027-03-04"])
    assert [(p["file"], p["line"], p["key"], p["code"], p["severity"]) for p in problems] == [
        policy.at("published", "interpretation-pending", "warning")]
    assert "解读最迟应于 2027-03-04（含当日）发布" in problems[0]["message"]
    assert code == 0


def test_impossible_date_in_mkdocs_yml_is_a_config_problem(cat, capsys):
    cat.notice("2025-03-03")
    config = cat.root / "mkdocs.yml"
    config.write_text("plugins:\n  - catalogue:\n      calendar:\n        years:\n          2027:\n"
                      "            holidays: [2027-01-01, 2027-02-30]\n", encoding="utf-8")
    code, problems = _run_json(capsys, ["check", "--config", str(config), "--as-of", "2025-03-31"])
    mine = [p for p in problems if p["file"] == str(config)]
    assert {p["code"] for p in mine} == {"config-invalid"} and any("2027-02-30" in p["message"] for p in mine)
    assert code == 1

def test_year_end_guard_can_be_turned_off(cat):
    policy = cat.normative("2026-12-24")
    assert cat.check("2026-12-28", calendar={"year_end_guard": None}) == [
        policy.at("published", "interpretation-pending", "warning")]


def test_malformed_calendar_config(cat):
    cat.notice("2025-03-03")
    calendar = {
        "years": {2027: {"holidays": [], "workdays": ["2027-02-30"]}, "next": {}},
        "holiday": ["2027-01-01"],
        "year_end_guard": "12-32",
    }
    problems = cat.problems("2025-03-31", calendar=calendar)
    assert sorted((p.file, p.line, p.key, p.code, p.severity.value) for p in problems) == sorted([
        ("mkdocs.yml", None, f"calendar.{key}", "config-invalid", "error") for key in (
            "holiday", "years.2027.workdays[0]", "years.2027.holidays", "years.next", "year_end_guard")])
    assert all(p.message.startswith("工作日历配置有误：") for p in problems)


def test_calendar_that_is_not_a_mapping(cat):
    cat.notice("2025-03-03")
    assert cat.check("2025-03-31", calendar=["2027-01-01"]) == [
        ("mkdocs.yml", None, "calendar", "config-invalid", "error")]


# --- tests/compliance_catalogue: every rule once -------------------------------------------

AS_OF = "2026-11-20"
FIXTURE_ARGS = ["check", "--config", str(FIXTURE / "mkdocs.yml"), "--as-of", AS_OF]

#: Each compliance rule exactly once, and nothing else.
FIXTURE_EXPECTED = {
    ("policies/missing-interpretation.md", 9, "published", "missing-interpretation", "error"),
    ("policies/pending-interpretation.md", 9, "published", "interpretation-pending", "warning"),
    ("interpretations/late-interpretation.md", 9, "published", "late-interpretation", "error"),
    ("notices/late-disclosure.md", 7, "published", "late-disclosure", "error"),
    ("budgets/late-budget.md", 9, "published", "late-fiscal-disclosure", "error"),
    ("policies/expired-still-in-force.md", 12, "validity", "expired-still-in-force", "warning"),
    ("policies/amended-not-marked.md", 10, "validity", "amended-not-marked", "warning"),
    ("notices/id-number.md", 17, None, "personal-id-number", "error"),
    ("notices/mobile-number.md", 9, "summary", "personal-mobile-number", "error"),
    ("policies/repealed-still-in-force.md", 10, "validity", "validity-conflict", "error"),
}


def _run_json(capsys, args) -> tuple[int, list[dict]]:
    code = main([*args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_compliance_catalogue_fires_each_rule_exactly_once(capsys):
    code, problems = _run_json(capsys, FIXTURE_ARGS)
    assert Counter(p["code"] for p in problems) == Counter({
        "missing-interpretation": 1, "interpretation-pending": 1, "late-interpretation": 1,
        "late-disclosure": 1, "late-fiscal-disclosure": 1, "expired-still-in-force": 1,
        "amended-not-marked": 1, "personal-id-number": 1, "personal-mobile-number": 1,
        "validity-conflict": 1})
    assert {(p["file"], p["line"], p["key"], p["code"], p["severity"]) for p in problems} == FIXTURE_EXPECTED
    assert code == 1


def test_compliance_catalogue_messages(capsys):
    _, problems = _run_json(capsys, FIXTURE_ARGS)
    message = {p["code"]: p["message"] for p in problems}
    # Mon 2026-11-02 → 11-03, 11-04, Thu 11-05; 11-06 .. 11-20 are 11 working days.
    assert message["missing-interpretation"] == (
        "缺少政策解读：本行政规范性文件于 2026-11-02 公开，解读最迟应于 2026-11-05（含当日）发布（3 个工作日内），"
        "到 2026-11-20 已逾期 11 个工作日。")
    # Wed 2026-11-18 → 11-19, 11-20, Mon 11-23.
    assert message["interpretation-pending"] == (
        "待解读：本行政规范性文件于 2026-11-18 公开，解读最迟应于 2026-11-23（含当日）发布（3 个工作日内），目前还没有解读。")
    # Tue 2026-09-29 → 09-30, then 10-01..07 off, 10-08, 10-09; Sat 10-10 (调休) and Mon 10-12 late.
    assert message["late-interpretation"].startswith("解读发布逾期 2 个工作日：所解读的 015200371/2026-00041")
    assert message["late-interpretation"].endswith(
        "于 2026-09-29 公开，解读最迟应于 2026-10-09（含当日）发布（3 个工作日内），实际发布日期是 2026-10-12。")
    # Written Mon 2026-01-19: the 20th working day is Sat 2026-02-14 (调休), before 02-15..23 off.
    assert message["late-disclosure"] == (
        "主动公开逾期 1 个工作日：成文日期 2026-01-19，最迟应于 2026-02-14（含当日）公开（20 个工作日内），"
        "实际发布日期是 2026-02-24。")
    assert message["late-fiscal-disclosure"] == (
        "部门预算公开逾期 1 日：批复日期 2026-02-03，最迟应于 2026-02-24（含当日）公开"
        "（20 日内；第 20 日 2026-02-23 是休息日，顺延到其后第一个工作日），实际发布日期是 2026-02-25。")
    assert message["expired-still-in-force"] == "「有效期至」2025-12-31 已过，「有效性」(validity)仍是现行有效。"
    assert "（自 2026-07-01 起施行）" in message["amended-not-marked"]
    assert "（自 2026-09-01 起施行）" in message["validity-conflict"]
    assert "（110101********1233）" in message["personal-id-number"]
    assert "（139****5678）" in message["personal-mobile-number"]
    assert not any(VALID_ID in p["message"] + p["hint"] or "13912345678" in p["message"] + p["hint"]
                   for p in problems)


def test_compliance_catalogue_github_annotations(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code = main(["check", "--config", "tests/compliance_catalogue/mkdocs.yml", "--as-of", AS_OF,
                 "--format", "github"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    prefix = "tests/compliance_catalogue/catalogue/"
    late = [line for line in out if "title=late-disclosure::" in line]
    assert late == [
        f"::error file={prefix}notices/late-disclosure.md,line=7,title=late-disclosure::"
        "主动公开逾期 1 个工作日：成文日期 2026-01-19，最迟应于 2026-02-14（含当日）公开（20 个工作日内），"
        "实际发布日期是 2026-02-24。%0A核对成文日期和发布日期；确实逾期的，此问题会保留在合规报告中。"]
    pending = [line for line in out if "title=interpretation-pending::" in line]
    assert len(pending) == 1
    assert pending[0].startswith(
        f"::warning file={prefix}policies/pending-interpretation.md,line=9,title=interpretation-pending::待解读：")
    annotations = [line for line in out if line.startswith("::")]
    assert len(annotations) == 10
    assert sum(line.startswith("::error ") for line in annotations) == 7
    assert out[-1] == "发现 7 个错误、3 个警告（涉及 10 个文件）。"


def test_sample_catalogue_has_no_problems(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code, problems = _run_json(capsys, ["check", "--config", str(REPO / "mkdocs.yml"), "--as-of", AS_OF])
    assert problems == []
    assert code == 0


def test_numbers_pasted_in_full_width_digits_are_found_too(cat):
    """Word and CMS pages often hold full-width digits (１３９…); the numbers are the same numbers."""
    wide = "13912345678".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    wide_id = VALID_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    arabic = "13912345679".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))  # Arabic-Indic digits
    notice = cat.notice("2025-03-03", body=f"联系人：王老师\n手机：{wide}\n身份证号码：{wide_id}\n备用：{arabic}\n")
    problems = cat.problems("2025-03-31")
    assert [(p.line, p.code) for p in problems] == [(notice.body_line + 1, "personal-mobile-number"),
                                                     (notice.body_line + 2, "personal-id-number"),
                                                     (notice.body_line + 3, "personal-mobile-number")]
    assert "139****5678" in problems[0].message and wide not in problems[0].message
    assert "110101********1233" in problems[1].message and "139****5679" in problems[2].message
    # An ID in ASCII digits with a full-width check character; numbers split by invisible characters.
    cat.notice("2025-03-04", summary="身份证" + resident_id("53010219851231001")[:17] + "Ｘ",
               body="手机：139\u200b1234\ufeff5678\n电话：1391234\u00ad5677\n")
    codes = sorted(p.code for p in cat.problems("2025-03-31"))
    assert codes == ["personal-id-number"] * 2 + ["personal-mobile-number"] * 4
    assert not any("\u200b" in p.message or "\ufeff" in p.message for p in cat.problems("2025-03-31"))
    # The allowlist names a number once, in ordinary digits or full-width ones, whichever the text uses.
    allowed = cat.check("2025-03-31", privacy_allowlist=["13912345678", "１３９１２３４５６７９", "13912345677"])
    assert sorted(p[3] for p in allowed) == ["personal-id-number"] * 2


@pytest.mark.parametrize("text", [
    f"身份证号：{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}", f"证件号码 {VALID_ID[:6]}－{VALID_ID[6:14]}－{VALID_ID[14:]}",
    f"身份证{VALID_ID[:14]}\n{VALID_ID[14:]}", f"ID{VALID_ID}", "手机：8613912345678", "[139](#)12345678",
    "`139`12345678", "见[联系人](tel:13912345678)", "**139**`1234`5678",
    # a second review's: a 公示 table with the label in its header, spaces or a line break at the hyphens,
    # 6-4-4-4, doubled dashes and tildes, a label with digits, full-width ＩＤ, 身份證; 86 after a long label
    f"| 序号 | 姓名 | 身份证号 |\n|---|---|---|\n| 1 | 张三 | {VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]} |",
    f"身份证号：{VALID_ID[:6]} - {VALID_ID[6:14]} - {VALID_ID[14:]}",
    f"身份证：{VALID_ID[:6]}-{VALID_ID[6:10]}-{VALID_ID[10:14]}-{VALID_ID[14:]}",
    f"身份证：{VALID_ID[:6]}-\n{VALID_ID[6:14]}-{VALID_ID[14:]}", f"身份证 {VALID_ID[:6]}--{VALID_ID[6:14]}--{VALID_ID[14:]}",
    f"身份证{VALID_ID[:6]}～{VALID_ID[6:14]}～{VALID_ID[14:]}", f"身份证号码（18位）：{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}",
    f"ＩＤ：{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}", f"身份證：{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}",
    "手机号，工作日9:00至17:00可拨打）8613912345678", "Phone: 8613912345678",
    # a first-generation ID of 15 digits after words naming it or under an ID column (a third review)
    "身份证号：110101900307123", "公民身份号码 110101 900307 123", "身份證：１１０１０１９００３０７１２３",
    "| 序号 | 姓名 | 身份证号码 |\n|---|---|---|\n| 1 | 张三 | 110101900307123 |",
    # the label ending the line above (a Word table pasted as text)
    f"身份证号码：\n{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}", "公民身份号码\n110101900307123",
    # an HTML table one row a line (a migrated CMS page, Word's HTML), a 15-digit ID with hyphens (a fourth review)
    "<table>\n<tr><th>序号</th><th>姓名</th><th>证件号码</th></tr>\n<tr><td>1</td><td>张三</td><td>330106600123456</td></tr>\n</table>",
    f"<table>\n<tr><th>姓名</th><th>公民身份号码</th></tr>\n<tr><td>李四</td><td>{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}</td></tr>\n</table>",
    "身份证号：330106-600123-456", "公民身份号码（第一代，15位）：330106600123456",
    # an attribute list or a reference link splitting a number, a zero-padded character reference, 86 in a
    # column of phones (a sixth review)
    f"身份证号：**{VALID_ID[:6]}**{{: .hl}}{VALID_ID[6:]}", "联系人：李四，[139][tel]12345678\n\n[tel]: https://example.org/",
    "联系人：李四，[139] [tel]12345678\n\n[tel]: https://example.org/", "联系人：李四，&#00000049;3912345678",
    "| 序号 | 姓名 | 手机号码 |\n|---|---|---|\n| 1 | 张三 | 8613912345678 |",
    "姓名,单位,手机号码\n张三,某县交通运输局,8613912345678",
    "手机：1391234\U000e00205678", "身份证号：" + VALID_ID[:9] + "\U000e0101" + VALID_ID[9:],
])
def test_numbers_written_as_a_review_found_them_leak_no_more(cat, text):
    """Each published with check passing (found by a review): an ID with hyphens after words naming it,
    wrapped over two lines, after ``ID``; a mobile number with 86 before it after a phone's label, split by
    a link's or a code span's marks, or in a link's address."""
    notice = cat.notice("2025-03-03", body=f"通知正文。\n\n{text}\n")
    problems = cat.problems("2025-03-31")
    assert [p.file for p in problems] == [notice.rel] and problems[0].line >= notice.body_line + 2
    assert problems[0].code in ("personal-id-number", "personal-mobile-number")


@pytest.mark.parametrize("text", [f"道路运输证件编号：{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}",
                                  f"受理编号：{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}",
                                  "发票号码：8613912345678", "编号 8613912345678", "时间 9:00～17:00，电话 0871-63918062",
                                  # 15 digits not named an ID, or no real birth date or province in them
                                  "注册号：110101900307123", "110101900307123", "身份证号：110101901307123",
                                  "身份证号：990101900307123", "身份证号：1101019003071234",
                                  "请携带身份证。\n\n110101900307123", "请携带身份证。\n110101900307123",
                                  # another column of a table with an ID column, a number after the table, a
                                  # 注册号 a clause after 身份证号, a 身份证明书's serial, an amount (a fourth review)
                                  "| 经营者 | 经营者身份证号 | 注册号 |\n|---|---|---|\n| 张三 | 330106********1234 | 330100600123456 |",
                                  "| 姓名 | 身份证号码 |\n|---|---|\n| 李四 | 已脱敏 |\n\n项目编码为330100600123456。",
                                  "<table>\n<tr><th>身份证号</th><th>注册号</th></tr>\n<tr><td>略</td><td>330100600123456</td></tr>\n</table>",
                                  "当事人：张三，身份证号：略；营业执照注册号：330100600123456。",
                                  "身份证明书编号 330100600123456", "身份证工本费收入：330100600123456元"])
def test_serials_beside_words_that_are_not_an_ids_or_a_phones_are_not_numbers(cat, text):
    """A licence's serial after 证件编号, an invoice's after 号码 (a second review's false positives)."""
    cat.notice("2025-03-03", body=f"通知正文。\n\n{text}\n")
    assert cat.check("2025-03-31") == []


@pytest.mark.parametrize("text", [
    "<table>\n<tr>\n<td></td>\n<th>姓名</th>\n<th>身份证号</th>\n</tr>\n<tr>\n<td>1</td>\n<td>张三</td>\n<td>110101800307123</td>\n</tr>\n</table>",
    "<table>\n<tr><th>序号</th><th>姓名</th><th>身份证号</th></tr>\n<tr><td></td><td>张三</td><td>110101800307123</td></tr>\n</table>",
    "<table>\n<tr><th>姓名</th><th>身份证号</th></tr>\n<tr><td>张<br>三</td><td>110101800307123</td></tr>\n</table>",
    "| 姓名 | 身份证号 | 证件类型 |\n|---|---|---|\n| 张三 | 110101650412234 | 身份证 |\n| 李四 | 110101650412234 | 身份证 |",
    "| 姓名 | 身份证号 | 备注 |\n|---|---|---|\n| 张三 | 已脱敏 | 已核验身份证原件 |\n| 李四 | 110101650412234 | |",
    "姓名\t身份证号码\n张三\t110101800307123",
])
def test_ids_in_tables_read_wrong_by_columns_are_found(cat, text):
    """Empty cells, <br>, a row naming 身份证 in another column, a sheet pasted with tabs: each put a 15-digit
    ID in another column or none, and it was published (a fifth review). A heading row naming IDs whose
    cells do not line up with the row counts as naming its column."""
    cat.notice("2025-03-03", body=f"公示如下。\n\n{text}\n")
    # (a sheet pasted with tabs is said to run into one paragraph, too)
    assert {p.code for p in cat.problems("2025-03-31")} - {"body-pasted-markup"} == {"personal-id-number"}


def test_first_generation_ids_in_the_id_column_of_a_csv_attachment_are_found(cat):
    """A 公示 list saved as CSV: the 15-digit IDs under its 身份证号码 column were published; its 注册号 column
    is no ID column (a fourth review)."""
    folder = cat.root / "catalogue" / "notices"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mingdan.csv").write_text("序号,姓名,身份证号码,注册号\n1,张三,330106600123456,330100600123457\n"
                                        "2,李四,330106550101504,330100600123458\n", encoding="utf-8")
    cat.notice("2025-03-03", attachments=["mingdan.csv"])
    found = [(p.file, p.line, p.code) for p in cat.problems("2025-03-31")]
    assert found == [("notices/mingdan.csv", 2, "personal-id-number"), ("notices/mingdan.csv", 3, "personal-id-number")]


def test_numbers_written_in_groups_are_found_too(cat):
    """A reader sees one number in 139 1234 5678, 139-1234-5678, +86 139 1234 5678 or an ID written
    6-8-4 as on the card; Word's ideographic spaces and full-width hyphens group them too."""
    grouped_id = f"{VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}"
    notice = cat.notice("2025-03-03", summary="咨询电话：139-1234-5678",
                        body=(f"手机：139 1234 5678\n备用：+86 139 1234 5670\n微信：+8613912345671\n"
                              f"座机转手机：0086－139－1234－5672\n证件：{grouped_id}\n"
                              "另一部：139　1234　5673\n"))
    problems = cat.problems("2025-03-31")
    assert [(p.line, p.key, p.code) for p in problems] == [
        (notice.lines["summary"], "summary", "personal-mobile-number"),
        *[(notice.body_line + k, None, "personal-mobile-number") for k in range(4)],
        (notice.body_line + 4, None, "personal-id-number"),
        (notice.body_line + 5, None, "personal-mobile-number")]
    assert "139****5678" in problems[0].message and "139****5670" in problems[2].message
    assert "110101********1233" in problems[5].message
    # Not numbers: amounts, serials with a leading 86 or 0086 after other digits, runs longer than a
    # number, serials of area, date and sequence written with hyphens.
    serial = next(f"{VALID_ID[:6]}-{VALID_ID[6:14]}-{n:03d}{c}" for n in range(1000) for c in "0123456789X"
                  if is_resident_id(f"{VALID_ID[:14]}{n:03d}{c}"))
    cat.notice("2025-03-04", body=("合计 135 2345 6789.50 元\n合计 135 2345 6789 万元\n编号 8613912345678\n"
                                   f"流水 139 1234 56789\n序列 2139 1234 5678\n流水号 2008613912345678\n"
                                   f"受理编号：{serial}\n"
                                   # a budget table in 元, as pypdf reads a PDF's cells (a review: flagged)
                                   "合计 15234567890.12\n一般公共预算 13512345678元\n占比 0.13912345678\n"
                                   "|合计|13523456789.50|\n合计：13523456789.50；\n13523456789.50（元）\n"))
    assert len(cat.problems("2025-03-31")) == len(problems)
    # but a number then an address, a date, January or a list's second item is a number (a review)
    cat.notice("2025-03-05", body=("电话：13912345670.12号楼302室\n\n联系电话:13912345671.10月8日起受理\n\n"
                                   "值班手机：13912345672元月1日至3日\n\n联系方式：1.13912345673（张三）\n\n"
                                   "10.13912345678（李四）\n"))
    assert len(cat.problems("2025-03-31")) == len(problems) + 5
    # The allowlist names a number once, grouped or not, with or without +86.
    allowed = cat.check("2025-03-31", privacy_allowlist=[
        "13912345678", "139 1234 5670", "＋86 139-1234-5671", "(+86)139 1234 5672", "139\u20091234\u20095673",
        VALID_ID])
    assert allowed == []


def test_numbers_bracketed_or_wrapped_in_lists_and_quotations_are_found_too(cat):
    """The first group bracketed like an area code (spaces inside the brackets too), a number wrapped
    inside a list item (indented) or a quotation (``>``) or after a hard break: a reader sees one
    mobile number.  A duty roster's number before 元旦 is not an amount."""
    written = ["(139) 1234 5678", "（139）1234-5678", "(139)12345678", "+86 (139) 1234 5678",
               "（１３９）　１２３４　５６７８", "值班 139 1234 5678 元旦期间", "( 139 ) 1234 5678",
               "（　１３９　）１２３４５６７８", "( +86 ) 139 1234 5678", "（＋86 ）（139） 1234-5678"]
    wrapped = ["1. 联系电话：139 1234\n   5678", "- 联系电话：139 1234\n  5678", "> 电话 139 1234\n> 5678",
               "电话 139 1234  \n5678", "电话 139\n\u3000 1234 5678"]
    notice = cat.notice("2025-03-03", body="".join(f"{w}\n\n" for w in written + wrapped))
    problems = cat.problems("2025-03-31")
    assert [(p.line, p.code) for p in problems] == [
        (notice.body_line + 2 * k + sum(w.count("\n") for w in (written + wrapped)[:k]), "personal-mobile-number")
        for k in range(len(written + wrapped))]
    assert all("139****5678" in p.message for p in problems)
    from build_tools.checks import privacy
    assert all(privacy._numbers(w, set())[1] for w in written + wrapped)  # each alone passes the cheap pre-check
    # Not numbers: other groupings (three figures in a row of a table pasted as text, codes), amounts in
    # other currencies or a percentage; a figure before a number is not read as part of it.
    cat.notice("2025-03-04", body=("合计\t1580\t2345\t678\n\n三年分别为 1500 3000 200 人次\n\n"
                                   "项目编号：1500-2024-001\n\n合计 135 2345 6789 万美元\n\n"
                                   "增长 135 2345 6789 %\n\n办公室1501 139 1234 5670\n"))
    later = cat.problems("2025-03-31")
    assert len(later) == len(problems) + 1 and "139****5670" in later[-1].message
    # The allowlist names the number any way the text may.
    allow = ["13912345678", "13912345670"]
    assert cat.check("2025-03-31", privacy_allowlist=allow) == []
    assert cat.check("2025-03-31", privacy_allowlist=["(139) 1234-5678", "139 1234 5670"]) == []


def test_a_number_in_a_links_or_images_double_quoted_title_is_found(cat):
    """``[联系培训组](mailto:… "联系人：张三 139…")``: the title was dropped before the number was looked for, and the
    page's tooltip, the open data, the feeds and a 内容概述 shown as text published it (found by a review)."""
    written = ['报名请[联系培训组](mailto:peixun@example.gov.cn "联系人：张三 13912345671")。',
               f'![合影](https://jtt.example.gov.cn/hy.jpg "张三，身份证{VALID_ID}")',
               '![救援车辆](https://jtt.example.gov.cn/jy.jpg "值班电话：139 1234 5673")']
    notice = cat.notice("2025-03-03", body="".join(f"{w}\n\n" for w in written),
                        summary='报名请联系[培训组](#lx "13912345674")。')
    problems = cat.problems("2025-03-31")
    assert sorted((p.line, p.code) for p in problems) == sorted([
        (notice.lines["summary"], "personal-mobile-number"), (notice.body_line, "personal-mobile-number"),
        (notice.body_line + 2, "personal-id-number"), (notice.body_line + 4, "personal-mobile-number")])


def test_numbers_split_by_markup_entities_or_emphasis_are_found_as_the_page_shows_them(cat):
    """Word and CMS pages split a number with tags (``<span lang=EN-US>``), write dashes and spaces as
    entities, and editors bold part of it: the page still shows one number (found by an attack review).
    A number in a tag's attribute (a tel: link) is published too."""
    written = ["手机<span lang=EN-US>139 1234</span> 5678", "手机139&ndash;1234&ndash;5678",
               "手机139&#8211;1234&#8211;5678", "手机139&#8194;1234&#32;5678", "手机&#49;39 1234 5678",
               "手机139**1234**5678", "手机*139*12345678", "手机139\\-1234\\-5678", "手机139<!-- -->12345678",
               "手机139\u20631234\u034f5678", '<a href="tel:13912345678">值班电话</a>',
               '电话 <a href="tel:13912345678">139 1234 5678</a>',
               '电话139<st1:chmetcnv w:st="on" UnitName="号">1234</st1:chmetcnv>5678',
               "电话<label>139</label>12345678", "电话<nobr>139 1234</nobr> 5678", "电话：_139_ 1234 5678",
               # a <br> wraps a number in a narrow cell as Markdown's hard break does (it was read as a new cell
               # and the number published: a review)
               "电话 139<br>1234 5678"]
    notice = cat.notice("2025-03-03", body="".join(f"{w}\n\n" for w in written))
    problems = cat.problems("2025-03-31")
    assert [(p.line, p.code) for p in problems] == [
        (notice.body_line + 2 * k, "personal-mobile-number") for k in range(len(written))]
    cat.notice("2025-03-04", body="身份证号<span>110105</span><span>19491231</span><span>002X</span>\n")
    assert [p.code for p in cat.problems("2025-03-31")][len(problems):] == ["personal-id-number"]
    # Not numbers: a masked number, bold figures, a comment over several lines, a tag between figures,
    # cells and lines of figures (a table pasted from Word), underscores inside a file name.
    cat.notice("2025-03-05", body="手机139****5678\n\n第**3**条 2024**0101**\n\n139 1234\n<!-- 草稿\n -->\n\n5678\n\n"
                                  "合计<b>1580</b> <b>2345</b> 万元\n\n"
                                  "<table><tr><td>川北市</td><td>156</td><td>2300</td><td>4500</td></tr></table>\n\n"
                                  "<p>项目编号139</p><p>12345678元</p>\n\n"
                                  "见 file_139_1234_5678.pdf\n")
    assert len(cat.problems("2025-03-31")) == len(problems) + 1
    # Numbers in cells or paragraphs next to other figures: the cells keep them apart (found by a review:
    # taking every tag out glued them to the figure before, and they were missed).
    before = len(cat.problems("2025-03-31"))
    cat.notice("2025-03-06", body="<table><tr><td>0571</td><td>13912345678</td></tr>\n"
                                  "<tr><td>1</td><td>11010519491231002X</td></tr>\n"
                                  "<tr><td>0571-88881234<br>13912345679</td></tr></table>\n\n"
                                  "<p>联系电话：88881234</p><p>13912345670</p>\n")
    assert [(p.code, p.message[p.message.index("（") + 1:p.message.index("）")])
            for p in cat.problems("2025-03-31")[before:]] == [
        ("personal-mobile-number", "139****5678"), ("personal-id-number", "110105********002X"),
        ("personal-mobile-number", "139****5679"), ("personal-mobile-number", "139****5670")]


@given(st.lists(st.sampled_from(["139", "1234", "5", "５６７", "\u200b", "\u2063", " ", "-", "\n", "<span lang=EN-US>",
                                 "</span>", "<!-- -->", "&ndash;", "&#32;", "&#49;", "&nbsp;", "**", "*", "_", "<td>",
                                 "</td>", "<br>",
                                 "\\-", "\\", "<a href=\"tel:", "\">", "(", ")", "元", "中"]),
                max_size=14).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_pre_check_never_hides_a_number_the_page_shows(text):
    """What :func:`_numbers` reports is what the patterns find in the text as the page shows it
    (tags, entities, escapes and emphasis read): its cheap pre-check, run before emphasis markers
    are taken out, must pass every such text."""
    from build_tools.checks import privacy

    shown = list(privacy._found(privacy._read(text), set()))
    reported = privacy._numbers(text, set())[1]
    assert {(c, n) for c, n, _ in shown} <= {(c, n) for c, n, _ in reported}


def test_a_number_in_a_value_written_over_several_lines_is_reported_on_its_own_line(cat):
    """YAML joins a block (``|``, ``>``), a long text folded over lines and a value below its key into
    one text; each number is still reported on the line of the file it stands on, not its key's."""
    front = [
        "---",
        f"index_no: {ORG}/2025-00001",
        "title: 测试记录",
        "kind: notice",
        "issuer: 江川省交通运输厅",
        "category: 综合政务/政务公开",
        "published: 2025-03-03",
        "summary: >",                          # 8
        "  报名请联系王老师，",
        "  电话 139 1234",                      # 10: a number wrapped over two lines
        "  5678；或者李老师",
        "",
        "  手机13912345670，王老师备用13912345678。",  # 13: the same number again, on its own line
        "change_note:",                         # 14
        "  本次修订更新了联系人，联系",
        "  13912345671",                       # 16
        "keywords:",
        "  - 报名",
        "  - |",                                # 19
        "    咨询",
        "    13912345672",                     # 21
        '  - "第一行',                          # 22
        r'    \u0031\u0033912345673"',          # 23: written with escapes, on their line
        "---",
        "正文。",
    ]
    rel = "notices/wrapped.md"
    (cat.root / "catalogue" / "notices").mkdir(parents=True, exist_ok=True)
    (cat.root / "catalogue" / rel).write_text("\n".join(front) + "\n", encoding="utf-8")
    problems = cat.problems("2025-03-31")
    assert [(p.file, p.line, p.key, p.code) for p in problems] == [
        (rel, 10, "summary", "personal-mobile-number"),
        (rel, 13, "summary", "personal-mobile-number"),
        (rel, 13, "summary", "personal-mobile-number"),
        (rel, 16, "change_note", "personal-mobile-number"),
        (rel, 21, "keywords", "personal-mobile-number"),
        (rel, 23, "keywords", "personal-mobile-number")]
    assert [p.message.split("行")[0] for p in problems] == ["第 10 ", "第 13 ", "第 13 ", "第 16 ", "第 21 ", "第 23 "]


def test_numbers_written_the_ways_word_and_cms_pages_write_them_are_found(cat):
    """Word's thin and no-break spaces, a number wrapped across two lines of the source, a space or an
    invisible character written as an HTML entity, dots, tabs, doubled separators, ＋86 and (+86), an ID 6-4-4-4."""
    spaced_id = f"{VALID_ID[:6]} {VALID_ID[6:10]} {VALID_ID[10:14]} {VALID_ID[14:]}"
    ways = ["139\u20091234\u20095678", "139\u202f1234\u202f5678", "139\n1234 5678", "139&nbsp;1234&nbsp;5678",
            "＋8613912345678", "139.1234.5678", "139·1234·5678", "１３９．１２３４．５６７８", "139\t1234\t5678",
            "139  1234  5678", "139 - 1234 - 5678", "(+86)139 1234 5678", "（+86）13912345678", "13912345678.2号楼",
            "139&#8203;1234&#x200B;5678", "1391234&shy;5678"]
    notice = cat.notice("2025-03-03", body="\n\n".join(ways + [spaced_id]) + "\n")
    problems = cat.problems("2025-03-31")
    assert [p.code for p in problems] == ["personal-mobile-number"] * len(ways) + ["personal-id-number"]
    assert [p.line for p in problems] == [notice.body_line + 2 * k + ways[:k].count("139\n1234 5678")
                                          for k in range(len(ways) + 1)]  # where each number starts
    assert all("139****5678" in p.message for p in problems[:-1])
    # Two paragraphs are two numbers' worth of text, not one number; nor are mixed dots and spaces.
    cat.notice("2025-03-04", body="139\n\n1234 5678\n\n139.1234 5678\n")
    assert len(cat.problems("2025-03-31")) == len(problems)


@pytest.mark.parametrize("written, lines", [
    # What stands on the value's lines outside it (a comment, a block's header, another item) is not the value.
    (["summary: > # 原电话 13912345678", "  前言", "  电话 13912345678"], [10]),
    (["summary: # 13912345678", "  电话 13912345678"], [9]),
    (['keywords: ["甲 13912345678", "乙', '  13912345678"]'], [8, 9]),
    (["keywords: [甲 13912345678, '乙", "  13912345670']"], [8, 9]),
    # Keywords split from one text share its lines: each number on its own.
    (["keywords: >", "  甲 13912345678，", "  乙 13912345678"], [9, 10]),
    # A number YAML joins from two lines where the file's lines cannot show it: the line it starts on.
    (["summary: >", f"  身份证 {VALID_ID[:6]}", f"  {VALID_ID[6:14]} {VALID_ID[14:]}"], [9]),
    (["summary: >", "  身份证", f"  {VALID_ID[:14]}", f"  {VALID_ID[14:]}"], [10]),
    (["summary: >", "  电话 139 1234", "", "  5678"], [9]),
    # A number repeated after a copy YAML joined from two lines: each on its own line.
    ([f"summary: 证件 {VALID_ID[:6]} {VALID_ID[6:14]}", f"  {VALID_ID[14:]}，复印件 {VALID_ID}"], [8, 9]),
    (["summary: >", "  电话 139 1234", "", "  5678，手机 13912345678"], [9, 11]),
    # Keywords split at spaces are no number, though their line holds one.
    (["keywords: >", "  手机 139 1234 5678", "  电话 13912345678"], [10]),
    (["keywords: 手机 139 1234 5678", "  电话 13912345678"], [9]),
    # Spaces a literal block keeps part what the file's lines would show as one number.
    (["summary: |", "  旧号 139   ", "  1234 5678 已停，新号 13912345678"], [10]),
    (["summary: |", "  旧号 139", "         1234 5678 已停", "  新号 13912345678"], [11]),
    # Up to a list item's indentation on the next line: one number, reported where it starts.
    (["summary: |", "  旧号 139", "      1234 5678 已停", "  新号 13912345678"], [9, 11]),
    # Quotes and escapes: a number written with escapes is on the line of its escapes.
    (["summary:", '  "电话 139 1234', "", '  5678"'], [9]),
    (['summary: "甲', r'  \u0031\u0033912345678 乙 13912345678"'], [9, 9]),
    # A line break written as \n in a quoted value is not a line of the file.
    (['summary: "第一段\\n第二段\\n电话 13912345678"', "change_note: 修订了第三条"], [8]),
])
def test_what_stands_beside_a_value_or_joins_it_does_not_move_a_number_off_its_line(cat, written, lines):
    """Attacks on the line a number is reported on, each from a way YAML lets an editor write a value."""
    notice = cat.notice("2025-03-03", summary="占位")
    path = cat.root / "catalogue" / notice.rel
    path.write_text(path.read_text(encoding="utf-8").replace('summary: "占位"', "\n".join(written)),
                    encoding="utf-8")
    assert notice.lines["summary"] == 8
    problems = cat.problems("2025-03-31")
    assert [p.line for p in problems] == lines, [(p.line, p.message) for p in problems]


_FILLER = st.text(st.sampled_from("报名请联系王老师，或者。一二三abc "), min_size=1, max_size=12).map(str.strip).filter(bool)


@given(style=st.sampled_from(["|", ">", "|-", ">+", "", "below", '"']),
       before=st.lists(_FILLER, max_size=4), after=st.lists(_FILLER, max_size=3),
       number=st.sampled_from(["13912345678", "139 1234 5678", "139-1234-5678", "１３９１２３４５６７８"]),
       blank=st.booleans(), indent=st.integers(1, 4))
@settings(max_examples=120, deadline=None)
def test_a_number_in_a_summary_written_any_way_yaml_allows_is_reported_on_its_line(
        style, before, after, number, blank, indent):
    """Whatever way the summary is written over lines, the problem's line is the line the number is on."""
    import tempfile

    pad = " " * indent
    lines = [*before, ("" if blank else None), number, *after]
    lines = [line for line in lines if line is not None]
    if style == '"':
        head = 'summary: "' + lines[0]
        rest = [pad + line for line in lines[1:]]
        rest[-1:] = [rest[-1] + '"'] if rest else []
        written = [head, *rest] if rest else [head + '"']
    elif style == "below":
        written = ["summary:", *[pad + line for line in lines]]
    elif style == "":
        written = ["summary: " + lines[0], *[pad + line for line in lines[1:]]]
        if not lines[0]:
            return
    else:
        written = ["summary: " + style, *[pad + line if line else "" for line in lines]]
    with tempfile.TemporaryDirectory() as tmp:
        cat = Cat(Path(tmp))
        notice = cat.notice("2025-03-03", summary="占位")
        path = cat.root / "catalogue" / notice.rel
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('summary: "占位"', "\n".join(written)), encoding="utf-8")
        problems = cat.problems("2025-03-31")
        found = [i + 1 for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"))
                 if number in line]
        assert [(p.code, p.line) for p in problems] == [("personal-mobile-number", found[0])]


@given(st.lists(st.sampled_from(["139", "1234", "5", "５６７", "٣", "\u200b", "\ufeff", "\u00ad", "\u3000", " ", "-",
                                 "－", "+86", "＋86", "(+86)", "\u2009", "\t", "\n", ".", "·", "x", "中\n",
                                 "(139)", "（", "）", "( ", " )", ">", "\n  ", "\n> "]),
                max_size=14).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_privacy_pre_check_passes_every_text_that_holds_a_number_once_read(text):
    """The cheap scan skips a text only when reading it as a reader does (ascii_digits), without the
    separators that group a number's digits, leaves no 11 digits in a row; and so only a text where
    neither number can be found."""
    import re

    from build_tools.checks import privacy

    read = privacy.ascii_digits(text)
    assert bool(privacy._ELEVEN_DIGITS.search(text)) == bool(re.search(r"\d{11}", re.sub(privacy._BETWEEN, "", read)))
    if privacy._MOBILE.search(read) or privacy._ID.search(read):
        assert privacy._ELEVEN_DIGITS.search(text)


def test_a_record_parked_in_a_hidden_folder_owes_nothing_and_answers_nothing(cat):
    """A policy parked in .neibu/ for review was told its interpretation was missing, and an interpretation parked
    there counted as the policy's (an auditor's verdict of 已解读 for nothing the public could read): a record in a
    hidden file is never published, for the deadlines too."""
    parked = cat.add("policy", "2025-03-03", name="../.neibu/p", doc_type="行政规范性文件")
    assert [c for c in cat.check("2025-06-30") if c[3] == "missing-interpretation"] == []
    public = cat.normative("2025-03-03")
    cat.add("interpretation", "2025-03-04", name="../.neibu/i", interprets=[public.index_no, parked.index_no])
    assert [c[3] for c in cat.check("2025-06-30") if c[0] == public.rel] == ["missing-interpretation"]


def test_a_missing_report_on_a_year_before_the_30hao_format_is_not_told_to_run_the_draft_command(cat):
    """The hint for a missing 2019 or 2020 report said to run catalogue annual-report 2019, which refuses those
    years (their format is 60号's): it says what to do instead (an audit)."""
    cat.add("annual-report", "2019-03-01", fiscal_year=2018)
    cat.add("annual-report", "2022-01-20", fiscal_year=2021)
    missing = [p for p in cat.problems("2022-06-01") if p.code == "annual-report-missing"]
    assert [("2019年" in p.message, "2020年" in p.message) for p in missing] == [(True, False), (False, True)]
    assert all("catalogue annual-report 20" not in p.hint and "catalogue new annual-report" in p.hint for p in missing)
