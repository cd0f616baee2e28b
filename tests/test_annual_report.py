"""The annual disclosure report as data (issue 15, part 2).

A small catalogue written to ``tmp_path`` whose table 二（一） for 2025 was
counted by hand (see :data:`EXPECTED_2025`); the statistics reader against
what Word pastes; the table 三 / 四 arithmetic; the stale warning; the
deadline; ``catalogue annual-report`` (JSON contract, draft, refusal to
overwrite); the built page's tables against the 30号 layout; and a withheld
report that never reaches any output.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import zlib
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.annual_report import (REQUEST_ROWS, CountingRules, article_20_1, article_20_1_members, fill_body,
                                       figures, next_index_no, parse_statistics, reconciliation, report_deadline)
from build_tools.cli import main
from build_tools.config import options_to_config
from build_tools.pipeline import check_catalogue
from build_tools.source import read_source
from build_tools.visibility import public_view

from tests.sitetools import output_bytes
from tests.test_validate import covers

ROOT = Path(__file__).resolve().parent.parent
ORG = "015200371"
AS_OF = dt.date(2026, 3, 1)

# -- the hand-counted fixture ------------------------------------------------------------------

NORMATIVE, RULE, OTHER = "行政规范性文件", "规章", "其他文件"

#: (name, doc_type, written, published, effective, extra front matter)
POLICIES = [
    # 规章 in force since 2020: counted only as 现行有效.
    ("r1", RULE, "2020-03-01", "2020-03-10", "2020-04-01", {}),
    # Repealed by n3, which takes effect 2025-07-01: 本年废止 in 2025.
    ("n1", NORMATIVE, "2022-05-01", "2022-05-10", "2022-06-01", {"validity": "已废止"}),
    # Amended by n5 in 2025: stays 现行有效.
    ("n2", NORMATIVE, "2021-01-05", "2021-01-10", "2021-02-01", {"validity": "已修改"}),
    ("n3", NORMATIVE, "2025-06-01", "2025-06-05", "2025-07-01", {"repeals": ["@n1"]}),
    # Written in December, effective in January: 制发 in 2025, not 现行有效 at its end.
    ("n4", NORMATIVE, "2025-12-19", "2025-12-24", "2026-01-01", {}),
    # The amendment: 制发 (default count_amendments) and 现行有效.
    ("n5", NORMATIVE, "2025-03-03", "2025-03-06", "2025-04-01", {"amends": ["@n2"]}),
    # Expires 2025-09-30: 本年废止 (default count_expired), not 现行有效.
    ("n6", NORMATIVE, "2023-01-04", "2023-01-06", "2023-02-01", {"expires": "2025-09-30", "validity": "已失效"}),
    # Written 2024-12-27, published 2025-01-06: 制发 in 2024 by 成文日期, in 2025 by 发布日期.
    ("n7", NORMATIVE, "2024-12-27", "2025-01-06", None, {}),
    # Withheld: never public, never counted.
    ("w1", OTHER, "2025-02-03", "2025-02-06", None,
     {"disclosure": "不予公开", "withheld_reason": "《政府信息公开条例》第十六条第二款，过程性信息"}),
]
EXPECTED_2025 = {"规章": {"issued": 0, "repealed": 0, "in_force": 1},
                 "行政规范性文件": {"issued": 3, "repealed": 2, "in_force": 4}}
#: Public policies and interpretations published in 2025 (n3 n4 n5 n7; i1 i2).
PUBLISHED_2025 = (4, 2)

REQUESTS_OK = {  # 2025, consistent: 一 + 二 = 三（七） + 四 in every column
    "本年新收": [10, 2, 0, 0, 1, 0, 13], "上年结转": [1, 0, 0, 0, 0, 0, 1],
    "予以公开": [6, 1, 0, 0, 1, 0, 8], "部分公开": [2, 0, 0, 0, 0, 0, 2],
    "本机关不掌握相关政府信息": [2, 1, 0, 0, 0, 0, 3],
    "办理结果总计": [10, 2, 0, 0, 1, 0, 13], "结转下年度": [1, 0, 0, 0, 0, 0, 1],
}
REVIEWS_OK = {"行政复议": [1, 0, 0, 0, 1], "未经复议起诉": [0, 0, 0, 1, 1], "复议后起诉": [0, 0, 0, 0, 0]}


def _requests(overrides: dict | None = None) -> dict[str, list[int]]:
    rows = {r.key: [0] * 7 for r in REQUEST_ROWS}
    rows.update({k: list(v) for k, v in REQUESTS_OK.items()})
    rows.update(overrides or {})
    return rows


def statistics_yaml(*, stored=EXPECTED_2025, requests=None, reviews=None, activity=None, prose=None) -> str:
    lines = ["statistics:"]
    if prose is not None:
        lines += ["  本年发布:", f"    政策文件: {prose[0]}", f"    政策解读: {prose[1]}"]
    if stored is not None:
        lines.append("  第二十条第（一）项:")
        for t, c in stored.items():
            lines.append(f"    {t}: {{本年制发: {c['issued']}, 本年废止: {c['repealed']}, 现行有效: {c['in_force']}}}")
    lines.append("  主动公开:")
    for k, v in (activity or {"行政许可": "120", "行政处罚": "340", "行政强制": "12", "行政事业性收费": "1234.50"}).items():
        lines.append(f"    {k}: {v}")
    lines.append("  依申请公开:")
    for k, v in (requests or _requests()).items():
        lines.append(f"    {k}: [{', '.join(map(str, v))}]")
    lines.append("  行政复议和行政诉讼:")
    for k, v in (reviews or REVIEWS_OK).items():
        lines.append(f"    {k}: [{', '.join(map(str, v))}]")
    return "\n".join(lines)


REPORT_BODY = """本报告统计期限为2025年1月1日至12月31日。

## 一、总体情况

全年主动公开政策文件【统计：本年发布政策文件】件、政策解读【统计：本年发布政策解读】件。

## 二、主动公开政府信息情况

【统计：表二】

## 三、收到和处理政府信息公开申请情况

【统计：表三】

本年度新收申请【统计：本年新收申请】件。

## 四、政府信息公开行政复议、行政诉讼情况

【统计：表四】
"""


def _write(path: Path, front: list[str], body: str = "正文。\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "\n".join(front) + "\n---\n" + body, encoding="utf-8")


def write_fixture(root: Path, *, report: str | None = None, report_body: str = REPORT_BODY,
                  extra_policies=()) -> dict[str, str]:
    """The fixture catalogue under ``root/catalogue``; returns name → index number."""
    cat = root / "catalogue"
    numbers = {}
    serial = 0
    for name, *_ in [*POLICIES, *extra_policies]:
        serial += 1
        numbers[name] = f"{ORG}/2099-{serial:05d}"  # placeholder, fixed below by published year
    for name, doc_type, written, published, effective, extra in [*POLICIES, *extra_policies]:
        numbers[name] = numbers[name].replace("2099", published[:4])
    for name, doc_type, written, published, effective, extra in [*POLICIES, *extra_policies]:
        front = [f"index_no: {numbers[name]}", f"title: 测试文件{name}", "kind: policy", f"doc_type: {doc_type}",
                 *(() if "issuer" in extra else ("issuer: 江川省交通运输厅",)), "category: 综合政务/政务公开",
                 f"written: {written}", f"published: {published}"]
        if effective:
            front.append(f"effective: {effective}")
        for key, value in extra.items():
            if isinstance(value, list):
                value = "[" + ", ".join(numbers[v[1:]] if v.startswith("@") else v for v in value) + "]"
            front.append(f"{key}: {value}")
        _write(cat / "policies" / f"{name}.md", front)
    for i, (target, published) in enumerate((("n3", "2025-06-06"), ("n4", "2025-12-25")), start=1):
        _write(cat / "interpretations" / f"i{i}.md",
               [f"index_no: {ORG}/2025-{100 + i:05d}", f"title: 解读{i}", "kind: interpretation",
                f"interprets: [{numbers[target]}]", "issuer: 江川省交通运输厅", "category: 综合政务/政务公开",
                f"published: {published}"])
    if report is not None:
        _write(cat / "reports" / "2025.md",
               [f"index_no: {ORG}/2026-00001", "title: 2025年政府信息公开工作年度报告", "kind: annual-report",
                "issuer: 江川省交通运输厅", "category: 综合政务/政务公开", "fiscal_year: 2025",
                "published: 2026-01-20", report], report_body)
        numbers["report"] = f"{ORG}/2026-00001"
    (root / "mkdocs.yml").write_text(
        "site_name: test\nplugins:\n  - catalogue:\n      agency: 江川省交通运输厅\n"
        f"      agency_code: \"{ORG}\"\n      interpretation_required: []\n      cache_dir: \"\"\n",
        encoding="utf-8")
    return numbers


def config_for(root: Path, **options):
    config, problems = options_to_config({"catalogue_dir": "catalogue", "agency_code": ORG,
                                          "interpretation_required": [], "cache_dir": "", **options},
                                         base_dir=root)
    assert not problems
    return config


def public_of(root: Path, as_of=AS_OF, **options):
    config = config_for(root, **options)
    result = check_catalogue(config, as_of)
    return result, public_view(result.catalogue, result.graph, as_of), config


def tuples(problems, codes=None):
    return sorted((p.file, p.line, p.key, p.code, p.severity.value) for p in problems
                  if codes is None or p.code in codes)


# -- counting --------------------------------------------------------------------------------------


def test_the_fixture_checks_clean_so_the_counts_rest_on_valid_records(tmp_path):
    write_fixture(tmp_path, report=statistics_yaml())
    result, _, _ = public_of(tmp_path)
    assert tuples(result.problems) == []


def test_table_2_1_counted_by_hand(tmp_path):
    write_fixture(tmp_path)
    _, public, config = public_of(tmp_path)
    counts = article_20_1(public, 2025, CountingRules.of(config))
    assert {t: c.as_json() for t, c in counts.items()} == EXPECTED_2025


def test_written_in_december_effective_in_january_is_issued_but_not_in_force(tmp_path):
    write_fixture(tmp_path)
    _, public, config = public_of(tmp_path)
    rules = CountingRules.of(config)
    n4 = next(r for r in public.records if r.title == "测试文件n4")
    without = replace(public, records=tuple(r for r in public.records if r is not n4))
    with_, without_ = article_20_1(public, 2025, rules)[NORMATIVE], article_20_1(without, 2025, rules)[NORMATIVE]
    assert (with_.issued - without_.issued, with_.in_force - without_.in_force) == (1, 0)
    assert article_20_1(public, 2026, rules)[NORMATIVE].in_force == with_.in_force + 1  # in force from January


@pytest.mark.parametrize("options, expected", [
    ({"annual_report_count_amendments": False}, {"issued": 2, "repealed": 2, "in_force": 3}),
    ({"annual_report_count_expired": False}, {"issued": 3, "repealed": 1, "in_force": 4}),
    ({"annual_report_date_field": "published"}, {"issued": 4, "repealed": 2, "in_force": 4}),
])
def test_counting_rules_are_options(tmp_path, options, expected):
    write_fixture(tmp_path)
    _, public, config = public_of(tmp_path, **options)
    assert article_20_1(public, 2025, CountingRules.of(config))[NORMATIVE].as_json() == expected


def test_in_force_carries_over_year_to_year(tmp_path):
    """现行有效(Y) = 现行有效(Y−1) + 制发 − 废止 when everything takes effect in its year of issue."""
    write_fixture(tmp_path)
    _, public, config = public_of(tmp_path, annual_report_date_field="published")
    rules = CountingRules.of(config)
    n4 = next(r for r in public.records if r.title == "测试文件n4")
    public = replace(public, records=tuple(r for r in public.records if r is not n4))
    for year in range(2021, 2026):
        now, before = article_20_1(public, year, rules), article_20_1(public, year - 1, rules)
        for t in (RULE, NORMATIVE):
            assert now[t].in_force == before[t].in_force + now[t].issued - now[t].repealed, (year, t)


def test_the_command_names_what_keeps_in_force_from_carrying_over(tmp_path, capsys):
    """The draft said the identity holds; with 制发 by 成文日期 and 现行有效 by 实施日期 it does not (an
    audit found it broken): the command names each record that makes the difference."""
    numbers = write_fixture(tmp_path)
    assert main(["annual-report", "2026", "--config", str(tmp_path / "mkdocs.yml"), "--format", "json",
                 "--as-of", "2026-06-01"]) == 0
    err = capsys.readouterr().err
    assert "核对" in err and f"{numbers['n4']} 不是本年制发，本年起才现行有效" in err, err
    _, public, config = public_of(tmp_path)
    assert any(numbers["n4"] in line for line in reconciliation(public, 2026, CountingRules.of(config)))


def test_a_partial_repeal_leaves_the_document_in_force_in_the_report_and_on_its_versions_page(tmp_path):
    """A 部分失效 document whose one article a decision repealed (``repeals:``, as the page explains it) was counted
    本年废止 and dropped from 现行有效, and its versions page said it was no longer in force, while its own page
    said the rest of it was (a review)."""
    from build_tools.views.versions import versions_page
    from tests.test_compliance import Cat
    cat = Cat(tmp_path)
    old = cat.add("policy", "2023-03-10", doc_type=NORMATIVE, written="2023-03-01", effective="2023-04-01",
                  validity="部分失效", interpretation_exempt="内部管理规定")
    cut = cat.add("policy", "2025-03-10", doc_type=NORMATIVE, written="2025-03-03", effective="2025-04-01",
                  title="关于废止第五条的决定", repeals=[old.index_no], interpretation_exempt="内部管理规定")
    result, public, config = public_of(tmp_path, dt.date(2026, 3, 1))
    assert not [p for p in result.problems if p.severity.value == "error"], result.problems
    counts = article_20_1(public, 2025, CountingRules.of(config))[NORMATIVE]
    assert (counts.issued, counts.repealed, counts.in_force) == (1, 0, 2)
    page = versions_page(public.get(old.index_no), public)
    [mine] = [v for v in page.versions if v.this]
    assert [(p.span, p.wording, p.state) for p in mine.periods] == [
        ("2023年4月1日至2025年3月31日", "原文", "past"),
        ("2025年4月1日起", "经《关于废止第五条的决定》部分废止", "current")]
    assert mine.periods[1].verbs == ("部分废止",) and mine.periods[1].amendments[0].url.endswith(
        cut.index_no.replace("/", "_") + "/")
    # written 已废止, the same link is a repeal, counted as before
    (tmp_path / "catalogue" / old.rel).write_text((tmp_path / "catalogue" / old.rel).read_text(encoding="utf-8")
                                                  .replace('validity: "部分失效"', 'validity: "已废止"'), encoding="utf-8")
    _, public, config = public_of(tmp_path, dt.date(2026, 3, 1))
    counts = article_20_1(public, 2025, CountingRules.of(config))[NORMATIVE]
    assert (counts.issued, counts.repealed, counts.in_force) == (1, 1, 1)


def test_the_commands_words_follow_the_offices_date_rule_and_deadline(tmp_path, capsys):
    """An office counting 本年制发 by 发布日期 was told its figures went by 成文日期, and a 县级以上人民政府 (due 3月31日)
    that its report was due by 1月31日 (a review)."""
    write_fixture(tmp_path)
    with (tmp_path / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write('      annual_report_date_field: published\n      annual_report_deadline: "03-31"\n')
    config = ["--config", str(tmp_path / "mkdocs.yml")]
    assert main(["annual-report", "2025", *config, "--format", "json", "--as-of", "2026-01-10"]) == 0
    err = capsys.readouterr().err
    assert "核对" in err and "本年制发按发布日期计入年度" in err and "成文日期" not in err, err
    assert main(["annual-report", "2026", *config, "--as-of", "2026-12-07", "--out", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert "次年3月31日前发布" in err and "1月31日" not in err, err


@covers("repeal-undated")
def test_a_repealed_document_nothing_dates_is_in_force_in_no_year_and_said(tmp_path):
    """有效性 已废止 without a repealing record or 有效期至 was counted 现行有效 in every year, unsaid (found
    by an audit).  It counts in no year, and check asks for the date."""
    extra = [("n9", NORMATIVE, "2023-05-01", "2023-05-01", "", {"validity": "已废止"})]
    numbers = write_fixture(tmp_path, extra_policies=extra)
    result, public, config = public_of(tmp_path)
    rules = CountingRules.of(config)
    for year in (2023, 2024, 2025):
        members = article_20_1_members(public, year, rules)[NORMATIVE]
        assert numbers["n9"] not in members.in_force | members.repealed, year
    undated = [p for p in result.problems if p.code == "repeal-undated"]
    assert [(p.file, p.key, p.severity.value) for p in undated] == [("policies/n9.md", "validity", "warning")]
    assert "有效期至" in undated[0].hint


def test_a_document_said_repealed_before_its_expiry_to_come_is_undated_not_in_force_until_then(tmp_path):
    """已废止 with its original 有效期至 2027-03-31 still to come (a 5-year 有效期 cut short by 清理): counted 现行有效
    every year until 2027 and never 废止, with no warning, while its page said 已废止 (found by an audit)."""
    extra = [("n9", NORMATIVE, "2022-03-01", "2022-03-05", "2022-04-01", {"validity": "已废止", "expires": "2027-03-31"})]
    numbers = write_fixture(tmp_path, extra_policies=extra)
    result, public, config = public_of(tmp_path)
    for year in (2023, 2024, 2025):
        members = article_20_1_members(public, year, CountingRules.of(config))[NORMATIVE]
        assert numbers["n9"] not in members.in_force | members.repealed, year
    [undated] = [p for p in result.problems if p.code == "repeal-undated"]
    assert undated.file == "policies/n9.md" and "2027-03-31 却还没有到" in undated.message
    assert "实际有效的最后一天" in undated.hint


def _stale_after_editing(tmp_path, name: str, edit) -> list:
    """The fixture with the 2025 report, one policy's file edited: the stale warnings the check then gives."""
    write_fixture(tmp_path, report=statistics_yaml())
    path = tmp_path / "catalogue" / "policies" / f"{name}.md"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result, _, _ = public_of(tmp_path)
    return [p for p in result.problems if p.code == "annual-report-stale"]


def test_a_report_that_differs_only_by_an_undated_repeal_is_not_to_be_changed(tmp_path):
    """n2, in force when the 2025 report was made, is now marked 已废止 with nothing dating it: it counts in no
    year, the report's 现行有效 differs, and the hint had told the editor to change a correct report (a review)."""
    stale = _stale_after_editing(tmp_path, "n2", lambda text: text.replace("validity: 已修改", "validity: 已废止"))
    assert stale and all("repeal-undated" in p.message and "policies/n2.md" in p.message for p in stale)
    assert all("不要按现在的计算结果修改报告" in p.hint for p in stale)


def test_an_undated_repeal_of_another_doc_type_does_not_excuse_a_count_that_went_up(tmp_path):
    """A 规章 added (现行有效 1 → 2) beside an undated 已废止 行政规范性文件: the 规章 row named the 规范性文件, which
    cannot change a 规章 count, and told the editor not to update the report; records left out only lower a
    count (a review)."""
    extra = [("r2", RULE, "2024-03-01", "2024-03-10", "2024-04-01", {}),
             ("n9", NORMATIVE, "2023-05-01", "2023-05-01", "", {"validity": "已废止"})]
    write_fixture(tmp_path, report=statistics_yaml(), extra_policies=extra)
    result, _, _ = public_of(tmp_path)
    assert [p.code for p in result.problems if p.file == "policies/n9.md"] == ["repeal-undated"]
    [stale] = [p for p in result.problems if p.code == "annual-report-stale"]
    assert "规章现行有效件数" in stale.message and "报告中是 1，按目录现在计算是 2" in stale.message
    assert "n9" not in stale.message and "增加、修改或废止了记录" in stale.message
    assert "改为新的数字" in stale.hint and "不要按现在的计算结果修改报告" not in stale.hint


def test_expiry_on_the_last_day_of_a_year_is_in_force_that_year_and_ended_the_next_as_a_repeal_on_new_years_day(tmp_path):
    """有效期至 2024-12-31 is its last day in force (its page says 现行有效 that day): it was counted 废止 in 2024 and not
    in force on 12-31, while the same facts written as a repeal taking effect 2025-01-01 were counted in 2025 (an
    audit).  And a 有效期至 dating a repeal (已废止, as repeal-undated asks) is 废止 though expiries are not counted."""
    extra = [("x1", NORMATIVE, "2022-12-01", "2022-12-05", "2023-01-01", {"expires": "2024-12-31"}),
             ("x2", NORMATIVE, "2022-12-01", "2022-12-05", "2023-01-01", {}),
             ("x3", NORMATIVE, "2024-12-20", "2024-12-25", "2025-01-01", {"repeals": ["@x2"]}),
             ("x4", NORMATIVE, "2022-12-01", "2022-12-05", "2023-01-01", {"validity": "已废止", "expires": "2024-06-30"})]
    numbers = write_fixture(tmp_path, extra_policies=extra)
    _, public, config = public_of(tmp_path)
    rules = CountingRules.of(config)
    y2024, y2025 = (article_20_1_members(public, y, rules)[NORMATIVE] for y in (2024, 2025))
    for name in ("x1", "x2"):
        assert numbers[name] in y2024.in_force and numbers[name] not in y2024.repealed, name
        assert numbers[name] in y2025.repealed and numbers[name] not in y2025.in_force, name
    assert numbers["x4"] in y2024.repealed
    lenient = CountingRules.of(config_for(tmp_path, annual_report_count_expired=False))
    assert numbers["x4"] in article_20_1_members(public, 2024, lenient)[NORMATIVE].repealed
    assert numbers["x1"] not in article_20_1_members(public, 2025, lenient)[NORMATIVE].repealed


def test_an_expiry_written_9999_12_31_is_long_in_force_not_a_traceback(tmp_path):
    """有效期至 9999-12-31, how other systems write 长期有效, broke check and every build with an OverflowError
    (its day after); 长期有效 written as such is told to leave the line out (found by a review)."""
    extra = [("f1", NORMATIVE, "2022-12-01", "2022-12-05", "2023-01-01", {"expires": "9999-12-31"}),
             ("f2", NORMATIVE, "2022-12-01", "2022-12-05", "2023-01-01", {"expires": "长期有效"})]
    numbers = write_fixture(tmp_path, extra_policies=extra)
    result, public, config = public_of(tmp_path)
    assert result.catalogue.get(numbers["f1"]).expires is None
    for year in (2023, 2024, 2025):
        assert numbers["f1"] in article_20_1_members(public, year, CountingRules.of(config))[NORMATIVE].in_force
    said = [p for p in result.problems if p.code == "invalid-date"]
    assert len(said) == 1 and said[0].file.endswith("f2.md") and "删去这一行" in said[0].hint
    assert not [p for p in result.problems if p.file.endswith("f1.md") and p.severity.value == "error"]


@covers("issuer-resembles-agency")
def test_only_the_agencys_own_documents_are_counted_and_a_name_like_it_is_said(tmp_path, capsys):
    """A 省政府办公厅 规范性文件 the department lists was counted as the department's 制发 and 现行有效, and a published
    report was then called stale (found by an audit).  A jointly issued one counts; one whose 发文机关 reads almost
    as the agency's name is not counted and is said, so an abbreviation does not drop it without a word."""
    extra = [("o1", NORMATIVE, "2025-05-06", "2025-05-08", "2025-06-01", {"issuer": "江川省人民政府办公厅"}),
             ("o2", NORMATIVE, "2025-05-06", "2025-05-08", "2025-06-01",
              {"issuer": "[江川省人民政府办公厅, 江川省交通运输厅]"}),
             ("o3", NORMATIVE, "2025-05-06", "2025-05-08", "2025-06-01", {"issuer": "江川省交通厅"})]
    numbers = write_fixture(tmp_path, report=statistics_yaml(), extra_policies=extra)
    result, public, config = public_of(tmp_path, agency="江川省交通运输厅")
    members = article_20_1_members(public, 2025, CountingRules.of(config))[NORMATIVE]
    assert numbers["o2"] in members.issued and not {numbers["o1"], numbers["o3"]} & (members.issued | members.in_force)
    assert [(p.file, p.key, p.severity.value) for p in result.problems if p.code == "issuer-resembles-agency"] == [
        ("policies/o3.md", "issuer", "warning")]
    stale = [p for p in result.problems if p.code == "annual-report-stale"]
    assert sorted(p.message.split("”报告中")[1][:14] for p in stale) == ["是 3，按目录现在计算是 4", "是 4，按目录现在计算是 5"]  # o2 alone
    everyone = article_20_1_members(public, 2025, CountingRules.of(config_for(tmp_path)))[NORMATIVE]
    assert {numbers["o1"], numbers["o3"]} <= everyone.issued  # no agency configured: every issuer counts
    assert main(["annual-report", "2025", "--config", str(tmp_path / "mkdocs.yml"), "--as-of", "2026-01-12",
                 "--out", str(tmp_path / "drafts")]) == 0
    assert "2 件其他机关制发的规章、行政规范性文件" in capsys.readouterr().err
    # a name the agency had before a 机构改革: its documents are its own, and the near name is not said (a review)
    result, public, config = public_of(tmp_path, agency="江川省交通运输厅", agency_former_names=["江川省交通厅"])
    members = article_20_1_members(public, 2025, CountingRules.of(config))[NORMATIVE]
    assert numbers["o3"] in members.issued and numbers["o1"] not in members.issued
    assert not [p for p in result.problems if p.code == "issuer-resembles-agency"]


def test_a_document_repealed_by_a_record_not_yet_public_is_in_force_until_that_record_takes_effect(tmp_path):
    """Its repealing record published later than the day of the draft: the repealed 规章 was counted in force
    in no year, silently (found by an audit)."""
    import datetime as dt
    extra = [("n9", NORMATIVE, "2023-05-01", "2023-05-01", "", {"validity": "已废止"}),
             ("n10", NORMATIVE, "2026-02-20", "2026-03-01", "", {"repeals": ["@n9"]})]
    numbers = write_fixture(tmp_path, extra_policies=extra)
    result, public, config = public_of(tmp_path, as_of=dt.date(2026, 1, 20))
    rules = CountingRules.of(config)
    assert numbers["n10"] not in {r.index_no for r in public.records}  # not public on the day
    for year in (2023, 2024, 2025):
        assert numbers["n9"] in article_20_1_members(public, year, rules)[NORMATIVE].in_force, year
    assert not [p for p in result.problems if p.code == "repeal-undated"]


def test_prose_figures_agree_with_the_lists(tmp_path):
    write_fixture(tmp_path, report=statistics_yaml())
    _, public, config = public_of(tmp_path)
    report = public.get(f"{ORG}/2026-00001")
    values = figures(report, public, CountingRules.of(config))
    assert (values["本年发布政策文件"], values["本年发布政策解读"]) == tuple(map(str, PUBLISHED_2025))
    body, placed = fill_body(report, report.body, values)
    assert "政策文件4件、政策解读2件" in body and "本年度新收申请13件" in body
    assert placed == {"t2", "t3", "t4"} and "【" not in body


# -- reading statistics -----------------------------------------------------------------------------


def _read(statistics: str):
    doc, problems = read_source(("---\ntitle: x\n" + statistics + "\n---\n").encode(), "r.md")
    assert doc is not None and not problems, problems
    entry = next(e for e in doc.entries if e.key == "statistics")
    return parse_statistics(entry.value, entry.line, "r.md")


def test_money_is_decimal_never_float():
    stats, problems = _read(statistics_yaml(activity={"行政事业性收费": "186420.35"}))
    assert problems == [] and stats.activity["行政事业性收费"] == Decimal("186420.35")
    assert isinstance(stats.activity["行政事业性收费"], Decimal)


def test_full_width_digits_pasted_from_word_are_read_with_a_warning():
    text = statistics_yaml(requests=_requests({"本年新收": ["１０", 2, 0, 0, 1, 0, 13]}))
    stats, problems = _read(text)
    assert stats.requests["本年新收"][0] == 10
    assert [(p.code, p.severity.value) for p in problems] == [("value-normalised", "warning")]
    assert "１０" in problems[0].message and "本年新收" in problems[0].message


@covers("statistics-invalid")
@pytest.mark.parametrize("cell, words", [('"1,234"', "件数"), ("12件", "件数"), ("-3", "件数"), ("3.5", "件数"),
                                         ("9" * 5000, "件数"), ("٣", "件数")])  # 5,000 digits: was a traceback
def test_a_count_that_is_not_a_count_is_an_error_naming_the_figure(cell, words):
    stats, problems = _read(statistics_yaml(requests=_requests({"予以公开": [cell, 1, 0, 0, 1, 0, 8]})))
    assert stats is None
    assert [p.code for p in problems] == ["statistics-invalid"]
    assert "予以公开" in problems[0].message and "自然人" in problems[0].message and words in problems[0].message


def test_a_row_with_a_column_missing_is_an_error():
    stats, problems = _read(statistics_yaml(requests=_requests({"予以公开": [6, 1, 0, 0, 1, 8]})))
    assert stats is None and [p.code for p in problems] == ["statistics-invalid"]
    assert "6 个数字" in problems[0].message and "7 个" in problems[0].message


def test_a_row_typed_with_chinese_commas_is_named_as_such():
    """[27，6，1 …] typed with the Chinese input method is one item to YAML; the message sent the editor looking
    for a missing column of the Word table (an audit)."""
    text = statistics_yaml(requests=_requests()).replace("本年新收: [", "本年新收: [X", 1)
    row = next(line for line in text.split("\n") if "本年新收: [X" in line)
    numbers = row.split("[X", 1)[1].rstrip("]").split(", ")
    stats, problems = _read(text.replace(row, row.split("[X")[0] + "[" + "，".join(numbers) + "]"))
    assert stats is None and [p.code for p in problems] == ["statistics-invalid"]
    assert "中文的“，”" in problems[0].message and f"[{', '.join(numbers)}]" in problems[0].hint


def _read_all(statistics: str):
    """Every problem, the source reader's too, with the line of each, in a file of ``statistics`` alone."""
    text = "---\ntitle: x\n" + statistics + "\n---\n"
    doc, problems = read_source(text.encode(), "r.md")
    entry = next(e for e in doc.entries if e.key == "statistics")
    return text, problems + parse_statistics(entry.value, entry.line, "r.md")[1]


@pytest.mark.parametrize("row, table", [("予以公开", "表三"), ("上年结转", "表三"), ("行政复议", "表四")])
def test_a_row_typed_in_braces_is_told_at_its_own_line_to_use_square_brackets(row, table):
    """A row written {12, 3, 1, …}, as the 第二十条第（一）项 rows above it are: the error was put on the row above or
    below, and YAML's set read its repeated numbers as keys written twice, "删去其中一行" (a review)."""
    text = statistics_yaml(requests=_requests())
    line = next(x for x in text.split("\n") if x.strip().startswith(row + ":"))
    numbers = line.split("[", 1)[1].rstrip("]")
    text, problems = _read_all(text.replace(line, line.split("[")[0] + "{" + numbers + "}"))
    at = text.split("\n").index(line.split("[")[0] + "{" + numbers + "}") + 1
    assert [(p.line, p.code) for p in problems] == [(at, "statistics-invalid")]
    assert table in problems[0].message and "方括号 [ ]" in problems[0].message
    assert problems[0].hint == f"改成：[{numbers}]"


def test_a_colon_typed_for_a_comma_in_a_row_is_named_not_too_deep():
    """[1, 0, 0, 0, 0, 0: 1]: YAML reads the last item as a pair, and it was yaml-too-deep, "a value can only be a
    text, a date, a number or a list" (wrong for 统计数据, nested by design) and not naming the colon (a review)."""
    text = statistics_yaml(requests=_requests()).replace("上年结转: [1, 0, 0, 0, 0, 0, 1]", "上年结转: [1, 0, 0, 0, 0, 0: 1]")
    text, problems = _read_all(text)
    at = text.split("\n").index("    上年结转: [1, 0, 0, 0, 0, 0: 1]") + 1
    assert [(p.line, p.code) for p in problems] == [(at, "statistics-invalid")]
    assert "“0: 1”用了冒号" in problems[0].message and problems[0].hint == "把冒号改成英文逗号：[1, 0, 0, 0, 0, 0, 1]"


def test_a_row_written_twice_under_two_spellings_is_said_not_summed_over():
    """予以公开 and, pasted from the format, （一）予以公开: the later silently won, and table 三 said only that a sum
    was wrong (an audit)."""
    text = statistics_yaml(requests=_requests())
    row = next(line for line in text.split("\n") if line.strip().startswith("予以公开:"))
    stats, problems = _read(text.replace(row, row + "\n" + row.replace("予以公开", "（一）予以公开")))
    assert [p.code for p in problems] == ["yaml-duplicate-key"]
    assert "（一）予以公开" in problems[0].message and "予以公开" in problems[0].message


def test_rows_may_be_written_as_the_format_words_them():
    worded = {"一、本年新收政府信息公开申请数量": REQUESTS_OK["本年新收"], "（一）予以公开": REQUESTS_OK["予以公开"],
              "4.保护第三方合法权益": [0] * 7, "（七）总计": REQUESTS_OK["办理结果总计"],
              "四、结转下年度继续办理": REQUESTS_OK["结转下年度"]}
    plain = {"本年新收": REQUESTS_OK["本年新收"], "予以公开": REQUESTS_OK["予以公开"], "保护第三方合法权益": [0] * 7,
             "办理结果总计": REQUESTS_OK["办理结果总计"], "结转下年度": REQUESTS_OK["结转下年度"]}
    a, pa = _read(statistics_yaml(requests=worded))
    b, pb = _read(statistics_yaml(requests=plain))
    assert pa == pb == [] and a.requests == b.requests


def test_unknown_row_names_say_which_names_exist():
    stats, problems = _read(statistics_yaml(requests={**_requests(), "予以公布": [0] * 7}))
    assert stats is None and "予以公布" in problems[0].message and "本年新收" in problems[0].hint


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=7, max_size=7),
       st.booleans())
def test_any_row_of_counts_reads_back_exactly(cells, wide):
    written = ["".join(chr(ord(ch) + 0xFEE0) for ch in str(c)) if wide else str(c) for c in cells]
    stats, problems = _read(statistics_yaml(requests=_requests({"部分公开": written})))
    assert stats.requests["部分公开"] == tuple(cells)
    assert all(p.code == "value-normalised" for p in problems)


# -- checks ------------------------------------------------------------------------------------------


def test_table_3_identity_per_column(tmp_path):
    bad = _requests({"结转下年度": [0, 0, 0, 0, 0, 0, 0]})  # 一 + 二 = 14 ≠ 13 + 0 in 自然人 and 总计
    write_fixture(tmp_path, report=statistics_yaml(requests=bad))
    result, _, _ = public_of(tmp_path)
    found = [p for p in result.problems if p.code == "annual-report-arithmetic"]
    assert [(p.file, p.key, p.severity.value) for p in found] == [("reports/2025.md", "statistics", "error")] * 2
    messages = sorted(p.message for p in found)
    assert any("“自然人”列" in m for m in messages) and any("“总计”列" in m for m in messages)
    assert all("＝ 14" in m and "＝ 13" in m for m in messages if "“总计”列" in m)


def test_results_must_add_up_to_total_and_columns_to_the_total_column(tmp_path):
    bad = _requests({"予以公开": [5, 1, 0, 0, 1, 0, 8]})  # 自然人 off by one; 总计 column now wrong too
    write_fixture(tmp_path, report=statistics_yaml(requests=bad))
    result, _, _ = public_of(tmp_path)
    messages = [p.message for p in result.problems if p.code == "annual-report-arithmetic"]
    assert any("（一）至（六）各行之和是 9" in m for m in messages)
    assert any("（一）予以公开" in m and "之和是 7" in m for m in messages)


def test_table_4_totals(tmp_path):
    write_fixture(tmp_path, report=statistics_yaml(reviews={**REVIEWS_OK, "行政复议": [1, 1, 0, 0, 1]}))
    result, _, _ = public_of(tmp_path)
    found = [p for p in result.problems if p.code == "annual-report-arithmetic"]
    assert len(found) == 1 and "行政复议" in found[0].message


def test_stale_report_warns_naming_the_figure(tmp_path):
    extra = [("n8", NORMATIVE, "2025-11-03", "2025-11-05", "2025-11-05", {})]  # added after the report was made
    write_fixture(tmp_path, report=statistics_yaml(), extra_policies=extra)
    result, _, _ = public_of(tmp_path)
    stale = [p for p in result.problems if p.code == "annual-report-stale"]
    assert [(p.file, p.severity.value) for p in stale] == [("reports/2025.md", "warning")] * 2
    assert "行政规范性文件本年制发件数" in stale[0].message and "是 3" in stale[0].message and "是 4" in stale[0].message


def test_the_prose_shows_the_published_counts_the_report_was_made_with_and_warns_when_they_go_stale(tmp_path):
    """A 2025 interpretation back-filled after the report was published changed 本年发布政策解读 in the published
    report's prose under its readers (table 二（一） was already stored): the prose's figures are stored too."""
    numbers = write_fixture(tmp_path, report=statistics_yaml(prose=PUBLISHED_2025))
    _write(tmp_path / "catalogue" / "interpretations" / "late.md",
           [f"index_no: {ORG}/2025-00200", "title: 补录的解读", "kind: interpretation", "issuer: 江川省交通运输厅",
            f"interprets: [{numbers['n3']}]", "category: 综合政务/政务公开", "published: 2025-08-01"])
    result, public, config = public_of(tmp_path)
    report = public.get(f"{ORG}/2026-00001")
    values = figures(report, public, CountingRules.of(config))
    assert (values["本年发布政策文件"], values["本年发布政策解读"]) == ("4", "2")  # as published, not 3
    [stale] = [p for p in result.problems if p.code == "annual-report-stale"]
    assert stale.severity.value == "warning" and stale.line == report.statistics.line("published")
    assert "本年发布政策解读" in stale.message and "是 2" in stale.message and "是 3" in stale.message
    assert "政策解读" in stale.hint and "3" in stale.hint


def test_a_report_without_stored_prose_counts_shows_them_computed_and_is_never_stale_for_them(tmp_path):
    write_fixture(tmp_path, report=statistics_yaml())
    result, public, config = public_of(tmp_path)
    values = figures(public.get(f"{ORG}/2026-00001"), public, CountingRules.of(config))
    assert (values["本年发布政策文件"], values["本年发布政策解读"]) == tuple(map(str, PUBLISHED_2025))
    assert not [p for p in result.problems if p.code == "annual-report-stale"]


@pytest.mark.parametrize("written, problem", [
    ("  本年发布:\n    政策文件: ４\n    政策解读: 2", "value-normalised"),
    ("  本年发布:\n    政策文件: 4件\n    政策解读: 2", "statistics-invalid"),
    ("  本年发布:\n    通知: 4", "statistics-invalid"),
])
def test_the_stored_prose_counts_are_read_as_the_other_cells(written, problem):
    stats, problems = _read("statistics:\n" + written)
    assert [p.code for p in problems] == [problem]


def test_a_report_short_of_a_record_that_did_not_load_says_so_and_not_to_change_the_report(tmp_path):
    """A full-width colon drops a 2025 规范性文件 from the catalogue: the count is short of it, nothing was
    added or repealed, and the editor must fix the file, not the report (a review)."""
    stale = _stale_after_editing(tmp_path, "n5", lambda text: text.replace("issuer: ", "issuer："))
    assert stale and all("未能读取" in p.message and "policies/n5.md" in p.message for p in stale)
    assert all("不要按现在的计算结果修改报告" in p.hint for p in stale)


def test_a_stale_report_still_shows_the_numbers_it_was_published_with(tmp_path):
    from build_tools.annual_report import CountingRules
    from build_tools.views.annual_report import annual_report_view
    extra = [("n8", NORMATIVE, "2025-11-03", "2025-11-05", "2025-11-05", {})]  # added after the report was made
    write_fixture(tmp_path, report=statistics_yaml(), extra_policies=extra)
    result, public, config = public_of(tmp_path)
    report = next(r for r in public.records if r.statistics is not None)
    view = annual_report_view(report, public, CountingRules.of(config))
    table_two = view.tables[0]
    normative = next(row for row in table_two.body if any(c.text == "行政规范性文件" for c in row))
    figures = [c.text for c in normative if not c.header]
    assert figures[0] == "3"  # as published; the catalogue now counts 4 (the stale warning says so)
    # and the prose's 【统计：…】 says the same as the table (it said 4 beside the table's 3: found by an audit)
    assert view.figures["行政规范性文件本年制发"] == "3"


def test_not_stale_when_the_stored_numbers_match(tmp_path):
    write_fixture(tmp_path, report=statistics_yaml())
    result, _, _ = public_of(tmp_path)
    assert not [p for p in result.problems if p.code == "annual-report-stale"]



def test_a_record_kept_off_the_site_for_a_personal_number_is_not_counted(tmp_path, capsys):
    """A 主动公开 rule with a mobile number is kept off the site; the draft and the stale check counted it
    all the same, and the draft said records with errors were not counted (found by an attack review)."""
    extra = [("n8", NORMATIVE, "2025-11-03", "2025-11-05", "2025-11-05", {})]
    write_fixture(tmp_path, report=statistics_yaml(), extra_policies=extra)
    n8 = tmp_path / "catalogue" / "policies" / "n8.md"
    n8.write_text(n8.read_text(encoding="utf-8") + "联系人手机 13912345678。\n", encoding="utf-8")
    result, _, _ = public_of(tmp_path)
    assert [p.code for p in result.problems if p.severity.value == "error"] == ["personal-mobile-number"]
    assert not [p for p in result.problems if p.code == "annual-report-stale"]  # counted as the site does
    code = main(["annual-report", "2025", "--config", str(tmp_path / "mkdocs.yml"), "--format", "json",
                 "--as-of", AS_OF.isoformat()])
    assert code == 0 and json.loads(capsys.readouterr().out)["article_20_1"] == EXPECTED_2025


def test_a_counted_record_kept_off_for_a_personal_number_is_said_and_the_report_is_not_to_be_changed(tmp_path):
    """n5 (counted in the published report) gets a mobile number: kept off the site, the count drops, and the stale
    warning said the catalogue had changed and told the editor to rewrite the published report (an audit)."""
    write_fixture(tmp_path, report=statistics_yaml(prose=PUBLISHED_2025))
    n5 = tmp_path / "catalogue" / "policies" / "n5.md"
    n5.write_text(n5.read_text(encoding="utf-8") + "联系人手机 13912345678。\n", encoding="utf-8")
    result, _, _ = public_of(tmp_path)
    stale = [p for p in result.problems if p.code == "annual-report-stale"]
    assert len(stale) == 3  # 本年制发, 现行有效 and the prose's 本年发布政策文件
    for p in stale:
        assert "改正前不发布（policies/n5.md）" in p.message and "增加、修改" not in p.message
        assert "不要按现在的计算结果修改报告" in p.hint


def test_carried_over_requests_agree_with_last_years_report_and_the_draft_takes_them_from_it(tmp_path, capsys):
    """表三 上年结转 3 against last year's 结转下年度 1 passed unnoticed, and the next draft left it to be typed though
    the catalogue holds it (found by an audit)."""
    write_fixture(tmp_path, report=statistics_yaml())  # 2025: 上年结转 [1, 0, 0, 0, 0, 0, 1]
    last = statistics_yaml(stored=None, requests=_requests({"上年结转": [0] * 7, "结转下年度": [3, 0, 0, 0, 0, 0, 3],
                                                          "办理结果总计": [7, 2, 0, 0, 1, 0, 10],
                                                          "本年新收": [10, 2, 0, 0, 1, 0, 13]}))
    _write(tmp_path / "catalogue" / "reports" / "2024.md",
           [f"index_no: {ORG}/2025-00090", "title: 2024年政府信息公开工作年度报告", "kind: annual-report",
            "issuer: 江川省交通运输厅", "category: 综合政务/政务公开", "fiscal_year: 2024", "published: 2025-01-20", last])
    result, _, _ = public_of(tmp_path)
    [p] = [p for p in result.problems if p.code == "annual-report-carry-over-mismatch"]
    assert p.file == "reports/2025.md" and p.severity.value == "error"
    assert "“自然人”写的是 1，上年报告是 3" in p.message and "“总计”写的是 1，上年报告是 3" in p.message
    assert main(["annual-report", "2026", "--config", str(tmp_path / "mkdocs.yml"), "--as-of", "2027-01-10",
                 "--out", str(tmp_path / "drafts")]) == 0
    draft = (tmp_path / "drafts" / "annual-report-2026.md").read_text(encoding="utf-8")
    assert "    上年结转: [1, 0, 0, 0, 0, 0, 1]" in draft and "    结转下年度: [~, ~, ~, ~, ~, ~, ~]" in draft


def test_a_record_kept_off_that_no_figure_counts_does_not_excuse_a_real_staleness(tmp_path):
    """A 2020 notice kept off for a phone number turned every stale warning into 不要按现在的计算结果修改报告, though
    it counts in no 2025 figure (a review)."""
    extra = [("n8", NORMATIVE, "2025-11-03", "2025-11-05", "2025-11-05", {})]  # added after the report was made
    write_fixture(tmp_path, report=statistics_yaml(), extra_policies=extra)
    _write(tmp_path / "catalogue" / "notices" / "old.md",
           [f"index_no: {ORG}/2020-00001", "title: 旧通知", "kind: notice", "issuer: 江川省交通运输厅",
            "category: 综合政务/政务公开", "published: 2020-03-05"], "联系人手机 13912345678。\n")
    result, _, _ = public_of(tmp_path)
    stale = [p for p in result.problems if p.code == "annual-report-stale"]
    assert stale and all("改正前不发布" not in p.message and "增加、修改" in p.message for p in stale)


@covers("annual-report-unknown-figure")
def test_unknown_marker_is_reported_at_its_line(tmp_path):
    body = "第一行。\n\n全年公开政策文件【统计：本年发布政策文档】件。\n"
    write_fixture(tmp_path, report=statistics_yaml(), report_body=body)
    result, _, _ = public_of(tmp_path)
    text = (tmp_path / "catalogue/reports/2025.md").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "政策文档" in t)
    assert tuples(result.problems, {"annual-report-unknown-figure"}) == [
        ("reports/2025.md", line, None, "annual-report-unknown-figure", "error")]


def test_a_marker_in_a_reports_summary_is_reported_at_the_summarys_line(tmp_path):
    """Only the body's markers are filled: 【统计：本年发布政策文件】 in the 内容概述 was published raw on the page, in the
    feeds and in the open data, the check saying nothing (a review)."""
    summary = "summary: 2025年主动公开政策文件【统计：本年发布政策文件】件、政策解读[统计：本年发布政策解读]件。"
    write_fixture(tmp_path, report=summary + "\n" + statistics_yaml())
    result, _, _ = public_of(tmp_path)
    text = (tmp_path / "catalogue/reports/2025.md").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.startswith("summary:"))
    assert tuples(result.problems, {"annual-report-unknown-figure"}) == [
        ("reports/2025.md", line, "summary", "annual-report-unknown-figure", "error")]
    said = next(p for p in result.problems if p.code == "annual-report-unknown-figure").message
    assert said.startswith("内容概述中的【统计：本年发布政策文件】【统计：本年发布政策解读】不会被替换")


@pytest.mark.parametrize("opened, closed", [("[", "]"), ("［", "］"), ("〖", "〗")])
def test_a_marker_in_brackets_typed_in_english_mode_is_a_marker(tmp_path, opened, closed):
    """[统计：本年发布政策解读] (the brackets typed with the keyboard in English mode) was neither filled nor said: the
    published report printed the marker where its figure belonged (a review).  A link's text is no marker."""
    body = (f"全年公开政策解读{opened}统计：本年发布政策解读{closed}件，{opened}统计：本年发布政策文档{closed}。\n\n"
            "见[统计：年度数据](https://www.stats.gov.cn/)。上年结转【统计：上年结转申请】(件)。\n")
    write_fixture(tmp_path, report=statistics_yaml(), report_body=body)
    result, public, config = public_of(tmp_path)
    assert [p.code for p in result.problems] == ["annual-report-unknown-figure"]  # the mistyped name, said
    from build_tools.annual_report import annual_body
    from build_tools.views.site import build_site as site_view
    page = next(p for p in site_view(public, config).records if p.annual is not None)
    shown = annual_body(page, page.record.body)
    assert "统计：本年发布政策解读" not in shown and "[统计：年度数据](https://www.stats.gov.cn/)" in shown
    assert "上年结转申请" not in shown  # a 【】 marker before an ASCII bracket (a later review)


def test_a_draft_left_unfilled_is_an_error(tmp_path):
    write_fixture(tmp_path, report=statistics_yaml(requests=_requests({"部分公开": ["~"] * 7})))
    result, _, _ = public_of(tmp_path)
    assert [p.code for p in result.problems] == ["annual-report-unfilled"]


@pytest.mark.parametrize("year, configured, due", [
    (2025, (1, 31), dt.date(2026, 1, 31)), (2025, (3, 31), dt.date(2026, 3, 31)),
    (2018, (1, 31), dt.date(2019, 3, 31)), (2019, (1, 31), dt.date(2020, 1, 31))])
def test_deadline(year, configured, due):
    assert report_deadline(year, configured) == due


def test_missing_and_late_reports(tmp_path):
    write_fixture(tmp_path, report=statistics_yaml())
    late = tmp_path / "catalogue/reports/2025.md"
    late.write_text(late.read_text(encoding="utf-8").replace("published: 2026-01-20", "published: 2026-02-03"),
                    encoding="utf-8")
    result, _, _ = public_of(tmp_path, as_of=dt.date(2027, 2, 1))
    got = tuples(result.problems, {"annual-report-missing", "annual-report-late"})
    assert sorted(c for *_, c, _ in got) == ["annual-report-late", "annual-report-missing"]
    missing = next(p for p in result.problems if p.code == "annual-report-missing")
    assert "2026年" in missing.message and "2027-01-31" in missing.message
    # A government has until 3月31日: neither late nor missing on 2027-02-01.
    result, _, _ = public_of(tmp_path, as_of=dt.date(2027, 2, 1), annual_report_deadline="03-31")
    assert tuples(result.problems, {"annual-report-missing", "annual-report-late"}) == []


def test_a_report_filed_on_request_is_told_on_its_own_file_not_missing_on_another(tmp_path):
    """The 2025 report filed 依申请公开 (an import, a copied template) was off the site with nothing said on its file,
    while the 2024 one was told the 2025 report was missing and to draft a second (a review).  An annual report is
    向社会公布 (条例 Art 49/50): disclosure-not-allowed on its 公开方式, as for a budget, and not missing."""
    write_fixture(tmp_path, report=statistics_yaml())
    report = tmp_path / "catalogue/reports/2025.md"
    text = report.read_text(encoding="utf-8")
    (report.parent / "2024.md").write_text(
        text.replace(f"{ORG}/2026-00001", f"{ORG}/2025-00900").replace("title: 2025年", "title: 2024年")
        .replace("fiscal_year: 2025", "fiscal_year: 2024").replace("published: 2026-01-20", "published: 2025-01-20"),
        encoding="utf-8")
    report.write_text(text.replace("published: 2026-01-20", "published: 2026-01-20\ndisclosure: 依申请公开\n"
                                   "withheld_reason: 《政府信息公开条例》第十六条第一款，内部事务信息"), encoding="utf-8")
    line = report.read_text(encoding="utf-8").splitlines().index("disclosure: 依申请公开") + 1
    result, _, _ = public_of(tmp_path, as_of=dt.date(2026, 12, 7))
    assert tuples(result.problems, {"disclosure-not-allowed", "annual-report-missing", "annual-report-late"}) == [
        ("reports/2025.md", line, "disclosure", "disclosure-not-allowed", "error")]
    [said] = [p for p in result.problems if p.code == "disclosure-not-allowed"]
    assert said.message.startswith("政府信息公开工作年度报告必须主动公开（《政府信息公开条例》第四十九条、第五十条")
    assert "不能依申请公开" in said.message and "删去「公开方式」和「不公开理由」两行" in said.hint


def test_a_report_scheduled_after_its_day_is_late_on_the_check_date_not_missing(tmp_path):
    """Entered ahead with published 2026-12-20, checked 2026-12-07: it was also missing (a second draft advised) and
    late counted to a day not yet come (a review).  Before its day has passed, a planned late date is said so."""
    write_fixture(tmp_path, report=statistics_yaml())
    report = tmp_path / "catalogue/reports/2025.md"
    report.write_text(report.read_text(encoding="utf-8").replace("published: 2026-01-20", "published: 2026-12-20"),
                      encoding="utf-8")
    result, _, _ = public_of(tmp_path, as_of=dt.date(2026, 12, 7))
    [late] = [p for p in result.problems if p.code in ("annual-report-missing", "annual-report-late")]
    assert late.code == "annual-report-late" and "到 2026-12-07 已逾期 310 日" in late.message
    result, _, _ = public_of(tmp_path, as_of=dt.date(2026, 1, 12))
    [late] = [p for p in result.problems if p.code in ("annual-report-missing", "annual-report-late")]
    assert "计划的发布日期是 2026-12-20" in late.message


def test_a_bad_deadline_option_is_a_config_problem(tmp_path):
    _, problems = options_to_config({"annual_report_deadline": "13-01"}, base_dir=tmp_path)
    assert [(p.code, p.key) for p in problems] == [("config-invalid", "annual_report_deadline")]


# -- the command ---------------------------------------------------------------------------------------


def test_json_output_is_the_contract(tmp_path, capsys):
    write_fixture(tmp_path)
    code = main(["annual-report", "2025", "--config", str(tmp_path / "mkdocs.yml"), "--format", "json",
                 "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out) == {"year": 2025, "article_20_1": EXPECTED_2025}
    assert list(json.loads(out)) == ["year", "article_20_1"]
    assert not list((tmp_path / "catalogue").rglob("annual-report-*.md"))  # json writes nothing


def test_draft_is_written_checks_as_unfilled_and_is_never_overwritten(tmp_path, capsys):
    write_fixture(tmp_path)
    before_deadline = dt.date(2026, 1, 12)
    args = ["annual-report", "2025", "--config", str(tmp_path / "mkdocs.yml"), "--as-of", before_deadline.isoformat()]
    assert main(args) == 0
    draft = tmp_path / "catalogue" / "annual-report-2025.md"
    text = draft.read_text(encoding="utf-8")
    assert "行政规范性文件: {本年制发: 3, 本年废止: 2, 现行有效: 4}" in text
    assert "  本年发布:\n    政策文件: 4\n    政策解读: 2\n" in text  # the prose's figures, as table 二（一）
    for heading in ("## 一、总体情况", "## 六、其他需要报告的事项"):
        assert heading in text
    assert f"index_no: {ORG}/2026-00001" in text  # the next free number of the year it is dated in
    # What only the office knows is a placeholder the check reports at its line: 条例 Art 50's sections 一 to 六
    # (the bare （待填写） of earlier drafts was published, the check passing: a review) ...
    result, _, _ = public_of(tmp_path, as_of=before_deadline)
    found = [(p.code, p.line) for p in result.problems if p.file == "annual-report-2025.md"]
    lines = text.split("\n")
    assert found == [("placeholder-unfilled", i + 1) for i, row in enumerate(lines) if "（待填写：" in row]
    assert len(found) == 5
    # a draft an earlier version wrote (bare （待填写）, no agency configured) is reported as well
    legacy = re.sub(r"（待填写：[^）]*）", "（待填写）", text)
    legacy = re.sub(r"^issuer: .*$", "issuer: （填写本机关名称）", legacy, flags=re.M)
    draft.write_text(legacy, encoding="utf-8")
    result, _, _ = public_of(tmp_path, as_of=before_deadline)
    assert [(p.code, p.key) for p in result.problems if p.file == "annual-report-2025.md"] == [
        ("placeholder-unfilled", "issuer"), *[("placeholder-unfilled", None)] * 5]
    # ... and the tables the office fills, once the text is written
    written = re.sub(r"（待填写：[^）]*）", "本机关依法做好政府信息公开工作。", text)
    draft.write_text(written, encoding="utf-8")
    result, _, _ = public_of(tmp_path, as_of=before_deadline)
    assert [p.code for p in result.problems if p.file == "annual-report-2025.md"] == ["annual-report-unfilled"]
    draft.write_text(text + "编辑已修改。\n", encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 2
    assert "没有覆盖" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8").endswith("编辑已修改。\n")


def test_an_out_folder_that_is_a_file_is_said_as_such(tmp_path, capsys):
    """Found by an attack review: ``--out afile`` said afile/annual-report-2025.md already existed."""
    write_fixture(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for out in ("afile", "afile/sub"):
        code = main(["annual-report", "2025", "--config", str(tmp_path / "mkdocs.yml"), "--out", str(tmp_path / out),
                     "--as-of", "2026-01-12"])
        err = capsys.readouterr().err
        assert code == 2 and "是一个文件，不是目录" in err and "已经存在" not in err and "Traceback" not in err
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_next_index_number_follows_the_pattern(tmp_path):
    write_fixture(tmp_path)
    result, _, config = public_of(tmp_path)
    records = result.catalogue.records
    assert next_index_no(records, config.index_no_pattern, dt.date(2025, 3, 1)) == f"{ORG}/2025-00103"
    pattern = re.compile(r"^GS(?P<unit>\d{4})-(?P<serial>\d{6})$")  # no year group and no such record
    assert next_index_no(records, pattern, dt.date(2026, 1, 5)) == "（待填写索引号）"


# -- the page --------------------------------------------------------------------------------------------


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "cat-ar-table" in (a.get("class") or ""):
            self.tables.append({"class": a["class"], "rows": [], "section": None})
        elif self.tables and tag in ("thead", "tbody"):
            self.tables[-1]["section"] = tag
        elif self.tables and tag == "tr":
            self.tables[-1]["rows"].append((self.tables[-1]["section"], []))
        elif self.tables and tag in ("th", "td"):
            self._cell = [tag, int(a.get("colspan", 1)), int(a.get("rowspan", 1)), ""]
            self.tables[-1]["rows"][-1][1].append(self._cell)

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[3] += data


def _grid_width(rows) -> set[int]:
    """Columns each row covers, rowspans carried down (a well-formed table: one width for every row)."""
    pending: dict[int, int] = {}  # column → rows still covered below the current one
    widths = set()
    for _, cells in rows:
        occupied = {c for c, n in pending.items() if n > 0}
        col, new = 0, {}
        for _tag, colspan, rowspan, _text in cells:
            while col in occupied:
                col += 1
            for c in range(col, col + colspan):
                if rowspan > 1:
                    new[c] = rowspan - 1
            col += colspan
        widths.add(len(occupied) + sum(colspan for _t, colspan, _r, _x in cells))
        pending = {c: n - 1 for c, n in pending.items() if n - 1 > 0}
        pending.update(new)
    return widths


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample site plus a withheld annual report carrying tell-tale figures."""
    from build_tools.mkdocs_plugin.build import build_site
    root = tmp_path_factory.mktemp("ar")
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    leak = statistics_yaml(stored=None, activity={"行政许可": "97531", "行政处罚": "7654321", "行政强制": "1",
                                                  "行政事业性收费": "13579.2468"})
    _write(root / "catalogue/reports/withheld.md",
           [f"index_no: {ORG}/2026-00090", "title: LEAKANNUAL内部年报草稿", "kind: annual-report",
            "issuer: 江川省交通运输厅", "category: 综合政务/政务公开", "fiscal_year: 2023",
            "published: 2026-01-10", "disclosure: 不予公开", "withheld_reason: 《政府信息公开条例》第十六条第二款，过程性信息",
            leak], "LEAKANNUAL 正文。\n")
    site = build_site(ROOT / "mkdocs.yml", catalogue_dir=root / "catalogue", site_dir=root / "site",
                      as_of=dt.date(2026, 11, 23))
    return site


def _tables(site: Path, index_no: str):
    html = (site / "records" / index_no.replace("/", "_") / "index.html").read_text(encoding="utf-8")
    parser = _Tables()
    parser.feed(html)
    return html, parser.tables


def test_the_page_has_the_four_tables_in_the_30_layout(built):
    html, tables = _tables(built, f"{ORG}/2026-00001")
    assert [t["class"].split()[-1] for t in tables] == ["cat-ar-t2", "cat-ar-t3", "cat-ar-t4"]
    t2, t3, t4 = tables
    labels = lambda t: [c[3].strip() for _, cells in t["rows"] for c in cells if c[0] == "th"]  # noqa: E731
    assert {"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "规章", "行政规范性文件",
            "行政许可", "行政处罚", "行政强制", "行政事业性收费", "本年收费金额（单位：万元）"} <= set(labels(t2))
    row_labels = labels(t3)
    for row in REQUEST_ROWS:
        assert row.label in row_labels, row.label
    for group in ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理",
                  "申请人情况", "法人或其他组织", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "总计"):
        assert group in row_labels, group
    # Header groups: 申请人情况 over 7 columns, 法人或其他组织 over 5; 办理结果 spans its 22 rows.
    spans = {c[3].strip(): (c[1], c[2]) for _, cells in t3["rows"] for c in cells}
    assert spans["申请人情况"] == (7, 1) and spans["法人或其他组织"] == (5, 1) and spans["自然人"] == (1, 2)
    assert spans["三、本年度办理结果"] == (1, 22) and spans["（三）不予公开"] == (1, 8)
    assert [s for s, _ in t3["rows"]].count("thead") == 3
    assert _grid_width(t3["rows"]) == {10} and _grid_width(t2["rows"]) == {4} and _grid_width(t4["rows"]) == {15}
    t4_spans = [(c[3].strip(), c[1], c[2]) for _, cells in t4["rows"] for c in cells if c[0] == "th"]
    assert ("行政复议", 5, 1) in t4_spans and ("行政诉讼", 10, 1) in t4_spans
    assert ("未经复议起诉", 5, 1) in t4_spans and ("复议后起诉", 5, 1) in t4_spans
    assert len([c for _, cells in t4["rows"] for c in cells if c[0] == "td"]) == 15
    # The figures: computed 二（一）, the report's data, and prose from data (the 2025 lists hold 2 and 1).
    t2_cells = [c[3] for _, cells in t2["rows"] for c in cells if c[0] == "td"]
    assert t2_cells[:6] == ["0", "0", "2", "1", "0", "7"] and "192305.18" in t2_cells
    assert "政策文件2件、政策解读1件" in html and "【统计" not in html
    # Scroll regions are keyboard-focusable and labelled; the hint is there for narrow screens.
    assert html.count('class="cat-ar-scroll" role="region" tabindex="0"') == 3
    assert "可左右滑动查看" in html
    # Its six sections in a 目录 for phones, and a link back up (the docs promise both for a body of three
    # headings or more; annual reports were left out: found by a review).
    contents = re.search(r'<details class="cat-contents">.*?</details>', html, re.S).group(0)
    assert contents.count("<li>") == 6 and 'href="#一总体情况"' in contents
    assert '<a href="#cat-top">返回顶部</a>' in html


def test_a_withheld_annual_report_reaches_no_output(built):
    for path, data in output_bytes(built):  # the search index's files inflated
        for tell in (b"LEAKANNUAL", "LEAKANNUAL".encode("utf-16-le"), b"97531", b"7654321", b"13579.2468",
                     b"2026-00090"):
            assert tell not in data, (path, tell)


def test_search_index_holds_figures_not_markers(built):
    # meta.json as it is; every other index file inflated (they are stored compressed)
    texts = [(p.read_bytes() if p.name == "meta.json" else zlib.decompress(p.read_bytes())).decode("utf-8")
             for p in (built / "search").rglob("*.json")]
    assert texts and not any("统计：" in t for t in texts)
    assert any("政策文件2件、政策解读1件" in t for t in texts)


@pytest.mark.parametrize("year, named", [(2020, "国办公开办函〔2019〕60号"), (2019, "本年新制作数量"), (2018, "2008 年《条例》")])
def test_no_draft_is_made_in_the_30hao_format_for_a_year_before_it(tmp_path, capsys, year, named):
    """30号 applies from the report on 2021: a draft for 2020 came in its format, and --format json gave its columns,
    though the 2020 report had others (a review)."""
    write_fixture(tmp_path)
    for form in ("text", "json"):
        assert main(["annual-report", str(year), "--config", str(tmp_path / "mkdocs.yml"), "--format", form,
                     "--as-of", f"{year + 1}-01-20", "--out", str(tmp_path / "drafts")]) == 2
        captured = capsys.readouterr()
        assert named in captured.err and "2021 年及以后" in captured.err and captured.out == ""
    assert not (tmp_path / "drafts").exists()


def test_a_report_before_30hao_that_uses_its_statistics_or_tables_is_told(tmp_path):
    """The statistics and 【统计：表二】 make 30号's tables: a 2020 report's page would show columns that year's report
    did not have.  One written as published (tables in its body) is not told, nor a 2021 report."""
    write_fixture(tmp_path)
    head = ["kind: annual-report", "issuer: 江川省交通运输厅", "category: 综合政务/政务公开"]
    reports = tmp_path / "catalogue" / "reports"
    _write(reports / "2020.md", [f"index_no: {ORG}/2021-00090", "title: 2020年政府信息公开工作年度报告", *head,
                                 "fiscal_year: 2020", "published: 2021-01-20", statistics_yaml(stored=None)], "正文。\n")
    _write(reports / "2019.md", [f"index_no: {ORG}/2020-00090", "title: 2019年政府信息公开工作年度报告", *head,
                                 "fiscal_year: 2019", "published: 2020-01-20"],
           "## 二、主动公开政府信息情况\n\n【统计：表二】\n\n【统计：表二】\n")
    _write(reports / "2018.md", [f"index_no: {ORG}/2019-00090", "title: 2018年政府信息公开工作年度报告", *head,
                                 "fiscal_year: 2018", "published: 2019-03-20"],
           "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n| 规章 | 1 | 1 | 3 |\n")
    result, _, _ = public_of(tmp_path)
    told = sorted((p.file, p.line, p.severity.value) for p in result.problems if p.code == "annual-report-format")
    text_2019 = (reports / "2019.md").read_text(encoding="utf-8")
    stats_line = next(n for n, line in enumerate((reports / "2020.md").read_text(encoding="utf-8").splitlines(), 1)
                      if line.startswith("statistics:"))
    assert told == [("reports/2019.md", text_2019.splitlines().index("【统计：表二】") + 1, "warning"),
                    ("reports/2020.md", stats_line, "warning")]
    [p2019] = [p for p in result.problems if p.code == "annual-report-format" and p.file == "reports/2019.md"]
    assert "60号" in p2019.message and p2019.message.count("【统计：表二】") == 1


def test_a_report_before_30hao_gets_no_30hao_tables_and_its_30hao_figures_are_told(tmp_path):
    """Every report on 2008-2020 ended with the three 30号 tables though none was made in that format, and a 2020
    report writing 【统计：规章本年制发】 got 30号's count unsaid (a review)."""
    write_fixture(tmp_path, report=statistics_yaml())
    head = ["kind: annual-report", "issuer: 江川省交通运输厅", "category: 综合政务/政务公开"]
    reports = tmp_path / "catalogue" / "reports"
    _write(reports / "2020.md", [f"index_no: {ORG}/2021-00090", "title: 2020年政府信息公开工作年度报告", *head,
                                 "fiscal_year: 2020", "published: 2021-01-20"],
           "本年制发规章【统计：规章本年制发】件，发布政策文件【统计：本年发布政策文件】件。\n")
    result, public, config = public_of(tmp_path)
    [p] = [p for p in result.problems if p.code == "annual-report-format"]
    assert "【统计：规章本年制发】" in p.message and "本年发布政策文件" not in p.message
    from build_tools.views.annual_report import annual_report_view
    record = next(r for r in public.records if r.fiscal_year == 2020)
    assert annual_report_view(record, public, CountingRules.of(config)).tables == ()
    later = next(r for r in public.records if r.kind.value == "annual-report" and r.fiscal_year >= 2021)
    assert len(annual_report_view(later, public, CountingRules.of(config)).tables) == 3


@pytest.mark.parametrize("year, as_of", [(2026, "2026-12-07"), (2027, "2026-12-07"), (2026, "2026-01-05")])
def test_no_draft_is_made_for_a_year_not_over(tmp_path, capsys, year, as_of):
    """A report on a year not over is refused by the check (invalid-year), yet the command drafted one without a
    word, its counts those of part of a year (a review). The statistics alone may be looked at, said to be partial."""
    write_fixture(tmp_path)
    args = ["annual-report", str(year), "--config", str(tmp_path / "mkdocs.yml"), "--as-of", as_of,
            "--out", str(tmp_path / "drafts")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{year} 年还没有结束" in err and f"catalogue annual-report {int(as_of[:4]) - 1}" in err, err
    assert not (tmp_path / "drafts").exists()
    assert main([*args, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert f"只算到 {as_of}" in captured.err and json.loads(captured.out)


def test_a_draft_whose_last_bytes_cannot_be_written_leaves_nothing(tmp_path, monkeypatch, capsys):
    """On a full disk the draft's bytes waited in a buffer and failed at closing: an empty report was left, the
    retry refused its name as 已经存在 and the check reported an empty file (a review).  Nothing is left."""
    import errno

    class FullAtClosing:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            return self.fh.write(data)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()
            raise OSError(errno.ENOSPC, "No space left on device")

    write_fixture(tmp_path)
    args = ["annual-report", "2025", "--config", str(tmp_path / "mkdocs.yml"), "--as-of", "2026-01-12"]
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, mode="r", *a, **k: FullAtClosing(real_open(self, mode, *a, **k))
                        if "x" in mode else real_open(self, mode, *a, **k))
    assert main(args) == 1
    assert "磁盘空间不足" in capsys.readouterr().err
    assert not list((tmp_path / "catalogue" / "reports").glob("annual-report-2025*"))
    monkeypatch.setattr(Path, "open", real_open)
    assert main(args) == 0  # once there is room, the same command writes it


def test_a_report_parked_in_a_hidden_folder_is_neither_late_nor_the_first_one_owed(tmp_path):
    """A 2025 report parked in reports/.neibu/ for review, dated after its deadline, was told it was published late,
    and from it every later year was owed: a record in a hidden file is never published, for the annual reports too
    (as for the other deadlines)."""
    write_fixture(tmp_path, report=statistics_yaml())
    report = tmp_path / "catalogue/reports/2025.md"
    parked = report.parent / ".neibu" / "2025.md"
    parked.parent.mkdir()
    parked.write_text(report.read_text(encoding="utf-8").replace("published: 2026-01-20", "published: 2026-02-03"),
                      encoding="utf-8")
    report.unlink()
    result, _, _ = public_of(tmp_path, as_of=dt.date(2027, 2, 1))
    assert tuples(result.problems, {"annual-report-missing", "annual-report-late"}) == []


@pytest.mark.parametrize("old, new, where", [
    ("规章: {本年制发: 1, 本年废止: 0, 现行有效: 2}", "规章: {本年制发: 1, 本年废止: 0}", "规章"),
    ("规章: {本年制发: 1, 本年废止: 0, 现行有效: 2}", "规章: {本年制发: 1, 本年废止: 0, 现行有效: ~}", "规章"),
    ("    政策解读: 2", "    政策解读: ~", "政策解读"),
    ("    政策解读: 2", "    政策解读:", "政策解读"),
    ("规章: {本年制发: 1, 本年废止: 0, 现行有效: 2}", "规章:", "规章"),  # said at its own line (a review)
])
def test_a_published_figure_left_without_its_number_is_an_error_not_counted_again(tmp_path, old, new, where):
    """A row of table 二（一） missing a cell was dropped without a word, and its figures (the one written too)
    counted again on every build: a published report changed under its readers (an audit).  So was a 本年发布
    figure left empty."""
    report = statistics_yaml(stored={"规章": {"issued": 1, "repealed": 0, "in_force": 2},
                                     "行政规范性文件": EXPECTED_2025["行政规范性文件"]}, prose=(4, 2))
    assert old in report
    write_fixture(tmp_path, report=report.replace(old, new))
    result, _, _ = public_of(tmp_path)
    found = [p for p in result.problems if p.code == "statistics-invalid"]
    assert len(found) == 1 and where in found[0].message and ("没有填写" in found[0].message or "缺少" in found[0].message)
    text = (tmp_path / "catalogue/reports/2025.md").read_text(encoding="utf-8").split("\n")
    assert found[0].line == next(i for i, row in enumerate(text, 1) if new.strip() in row and where in row)


def test_a_2021_report_without_statistics_gets_no_table_and_is_told_unless_its_text_holds_them(tmp_path):
    """A 2024 report without statistics checked clean, and its page was followed by a 表二 counted on the build day
    beside the one it published (规章 现行有效 2 against 5) and by 表三 and 表四 of 175 blank cells, the open data
    too (a review).  Nothing follows its text now; one whose text holds no table, or asks for one, is told."""
    from build_tools.views.annual_report import annual_report_view
    published = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 1 | 1 | 5 |\n"
    centred = published.replace("|---|---|---|---|", "|:-:|:-:|:-:|:-:|")  # one dash a cell: a table (a later review)
    for body, told in ((published, False), (centred, False), ("## 一、总体情况\n\n全年工作情况。\n", True),
                       (published + "\n【统计：表三】\n", True)):
        write_fixture(tmp_path, report="keywords: [年度报告]", report_body=body)
        result, public, config = public_of(tmp_path, agency="江川省交通运输厅")
        report = public.get(f"{ORG}/2026-00001")
        assert annual_report_view(report, public, CountingRules.of(config)).tables == ()
        text = (tmp_path / "catalogue/reports/2025.md").read_text(encoding="utf-8").splitlines()
        year_line = next(i for i, t in enumerate(text, 1) if t.startswith("fiscal_year:"))
        assert tuples(result.problems) == ([("reports/2025.md", year_line, "statistics", "annual-report-unfilled", "error")]
                                           if told else []), body
        if told:
            [p] = result.problems
            assert "没有「统计数据」" in p.message and "依申请公开: {本年新收: [" in p.hint
            assert ("【统计：表三】" in p.message) == ("统计：表三" in body)
    # statistics with 表三 and 表四 left blank: 表二 is drawn, the two blank tables are not
    blank = statistics_yaml(requests={r.key: ["~"] * 7 for r in REQUEST_ROWS},
                            reviews={"行政复议": ["~"] * 5, "未经复议起诉": ["~"] * 5, "复议后起诉": ["~"] * 5})
    write_fixture(tmp_path, report=blank)
    _, public, config = public_of(tmp_path)
    view = annual_report_view(public.get(f"{ORG}/2026-00001"), public, CountingRules.of(config))
    assert [t.id for t in view.tables] == ["t2"]


def test_a_subunits_report_is_neither_counted_nor_compared_and_leaves_the_agencys_carry_over_checked(tmp_path):
    """A 所属单位's 2025 report listed by the department was shown the department's table 二（一） and 本年发布 as its
    own, told to write them (annual-report-stale), and switched off the department's 2025 carry-over check (a
    review).  The catalogue holds none of the unit's documents: it shows what the unit's report writes, asks for
    it when it is not written, and compares each issuer's reports with its own."""
    from build_tools.views.annual_report import annual_report_view
    write_fixture(tmp_path, report=statistics_yaml(prose=PUBLISHED_2025))  # the department's: 上年结转 1
    last = statistics_yaml(stored=None, requests=_requests({"上年结转": [0] * 7, "结转下年度": [3, 0, 0, 0, 0, 0, 3],
                                                          "办理结果总计": [7, 2, 0, 0, 1, 0, 10]}))
    head = ["kind: annual-report", "category: 综合政务/政务公开"]
    reports = tmp_path / "catalogue" / "reports"
    _write(reports / "2024.md", [f"index_no: {ORG}/2025-00090", "title: 2024年政府信息公开工作年度报告", *head,
                                 "issuer: 江川省交通运输厅", "fiscal_year: 2024", "published: 2025-01-20", last])
    unit = reports / "unit-2025.md"
    zeros = {t: {"issued": 0, "repealed": 0, "in_force": 0} for t in (RULE, NORMATIVE)}
    _write(unit, [f"index_no: {ORG}/2026-00007", "title: 江川省公路事业发展中心2025年政府信息公开工作年度报告", *head,
                  "issuer: 江川省公路事业发展中心", "fiscal_year: 2025", "published: 2026-01-26",
                  statistics_yaml(stored=zeros, prose=(0, 0))], REPORT_BODY)
    result, public, config = public_of(tmp_path, agency="江川省交通运输厅")
    said = {"annual-report-carry-over-mismatch", "annual-report-stale", "annual-report-unfilled"}
    assert [(p.file, p.code) for p in result.problems if p.code in said] == [
        ("reports/2025.md", "annual-report-carry-over-mismatch")]  # the 2024 one does not add up: not this test's
    rules = CountingRules.of(config)
    record = public.get(f"{ORG}/2026-00007")
    t2 = annual_report_view(record, public, rules).tables[0]
    assert [c.text for row in t2.body[2:4] for c in row if not c.header] == ["0"] * 6 and not t2.note
    config_file = tmp_path / "mkdocs.yml"  # the draft carries the department's own 结转下年度 over, not nothing
    assert main(["annual-report", "2026", "--config", str(config_file), "--as-of", "2027-01-10",
                 "--out", str(tmp_path / "drafts")]) == 0
    draft = (tmp_path / "drafts" / "annual-report-2026.md").read_text(encoding="utf-8")
    assert "    上年结转: [1, 0, 0, 0, 0, 0, 1]" in draft
    # written without its own table 二（一） and 本年发布: told, and nothing of the department's shown
    unit.write_text(unit.read_text(encoding="utf-8").replace(statistics_yaml(stored=zeros, prose=(0, 0)),
                                                             statistics_yaml(stored=None)), encoding="utf-8")
    result, public, config = public_of(tmp_path, agency="江川省交通运输厅")
    [told] = [p for p in result.problems if p.file == "reports/unit-2025.md"]
    assert told.code == "annual-report-unfilled" and "江川省公路事业发展中心" in told.message
    assert "第二十条第（一）项: {规章: {本年制发: 0" in told.hint and "本年发布: {政策文件: 0, 政策解读: 0}" in told.hint
    record = public.get(f"{ORG}/2026-00007")
    values = figures(record, public, rules)
    assert values["本年发布政策文件"] == values["规章现行有效"] == "—"
    t2 = annual_report_view(record, public, rules).tables[0]
    assert [c.text for row in t2.body[2:4] for c in row if not c.header] == [""] * 6
