"""Twenty years of an office's records are judged by the rules of their time.

tests/legacy_catalogue/ holds 64 records from 1994 to 2026, every kind, as an
office carries them over from its old site: 1990s records without the 成文日期
nobody recorded then, a 规章 of 2010 interpreted in 2011, a 2020 说明 of a 1999
其他文件, budgets published irregularly before the 预算法 of 2015, a voluntary
2006 report before the 条例, reports from 2021 on with their tables in
their text (no ``statistics``: complete as published, not
``annual-report-unfilled``).  None of them raises a deadline or calendar
problem the law of its time would not raise.  Three records (named ``late-…``) break a
rule that was in force when they were made; each is reported exactly once, so
the rules still judge what came after them.  Moving ``rules_from`` earlier turns
the old records' problems on, which proves the silence comes from the rules'
dates and not from a check that no longer looks.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from build_tools.cli import main

FIXTURE = Path(__file__).resolve().parent / "legacy_catalogue"
AS_OF = "2026-11-20"
DEADLINE_CODES = {"late-disclosure", "late-interpretation", "missing-interpretation", "interpretation-pending",
                  "late-fiscal-disclosure", "annual-report-late", "annual-report-missing", "fiscal-year-missing",
                  "calendar-data-missing"}


def _check(capsys, config: Path) -> tuple[int, list[dict]]:
    code = main(["check", "--config", str(config), "--as-of", AS_OF, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def _with_rules_from(tmp_path: Path, rules: dict[str, str]) -> Path:
    copy = tmp_path / "legacy"
    shutil.copytree(FIXTURE, copy)
    config = copy / "mkdocs.yml"
    lines = "".join(f"        {k}: {v}\n" for k, v in rules.items())
    config.write_text(config.read_text(encoding="utf-8") + "      rules_from:\n" + lines, encoding="utf-8")
    return config


def _name(p: dict) -> str:
    return Path(p["file"]).name


def test_the_fixture_spans_every_kind_and_three_decades():
    records = sorted(FIXTURE.glob("catalogue/**/*.md"))
    years = {int(p.name[:4]) for p in records}
    assert min(years) < 2000 and max(years) >= 2026
    kinds = Counter(line.split(":", 1)[1].strip() for p in records
                    for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("kind:"))
    assert set(kinds) == {"policy", "interpretation", "budget", "final-account", "notice", "annual-report"}
    undated = [p.name for p in records if "written:" not in p.read_text(encoding="utf-8")]
    assert any(name.startswith("199") for name in undated)  # the 1990s said only when a record went up


def test_only_the_rules_in_force_at_the_time_are_reported(capsys):
    code, problems = _check(capsys, FIXTURE / "mkdocs.yml")
    assert sorted((p["code"], _name(p)) for p in problems) == [
        ("late-disclosure", "2012-00001-late-disclosure-anquan-jiancha.md"),
        ("late-fiscal-disclosure", "2019-00001-late-fiscal-disclosure-yusuan-2019.md"),
        ("late-interpretation", "2021-00002-late-interpretation-jiedu-weihuo.md"),
    ]
    assert code == 1


def test_old_records_need_no_calendar(capsys):
    # The working-day calendar begins in 2004; records of the 1990s are never looked up in it.
    _, problems = _check(capsys, FIXTURE / "mkdocs.yml")
    assert not [p for p in problems if p["code"] == "calendar-data-missing"]


@pytest.mark.parametrize("rules, expected", [
    # From 2010 the 规章 of 2010 (解读 in 2011) is judged, and the 2015 规范性文件 that never had one;
    # the 2020 说明 of a 1999 其他文件 still is not: that type is not in interpretation_required.
    ({"interpretation": "2010-01-01"}, {("late-interpretation", "2011-00001-jiedu-daolu-yunshu-shishi.md"),
                                        ("missing-interpretation", "2015-00001-gonglu-yanghu-guiding.md")}),
    # Budgets before 2015: late (2010) and the years 2011–2013 without one.
    ({"budget": "2010-01-01"}, {("late-fiscal-disclosure", "2010-00002-yusuan-2010.md"),
                                ("late-fiscal-disclosure", "2014-00001-yusuan-2014.md"),
                                ("late-fiscal-disclosure", "2013-00001-juesuan-2012.md"),
                                ("fiscal-year-missing", "2014-00001-yusuan-2014.md"),
                                ("fiscal-year-missing", "2015-00003-juesuan-2014.md")}),
])
def test_moving_a_rule_earlier_judges_the_old_records(capsys, tmp_path, rules, expected):
    _, before = _check(capsys, FIXTURE / "mkdocs.yml")
    _, after = _check(capsys, _with_rules_from(tmp_path, rules))
    new = {(p["code"], _name(p)) for p in after} - {(p["code"], _name(p)) for p in before}
    assert new == expected


def test_an_earlier_disclosure_rule_needs_the_calendar_and_the_2006_report(capsys, tmp_path):
    _, problems = _check(capsys, _with_rules_from(tmp_path, {"disclosure": "1990-01-01"}))
    found = {(p["code"], _name(p)) for p in problems}
    # The 2004 notice (written 03-01, published 05-20) is now late; the 2003 规范性文件 is judged too.
    assert ("late-disclosure", "2004-00001-gaosu-shigong-gonggao.md") in found
    # Records formed before 2004 now need a calendar the office does not have: said, not guessed.
    assert any(code == "calendar-data-missing" for code, _ in found)
    # The 2006 report was voluntary under the old dates; from 1990 on it is late and 2007 is missing.
    assert ("annual-report-late", "2007-00001-nianbao-2006.md") in found
    assert ("annual-report-missing", "2007-00001-nianbao-2006.md") in found


def test_nothing_but_deadline_rules_changes_with_the_dates(capsys, tmp_path):
    # rules_from moves deadline rules only: every other check sees the same catalogue.
    _, before = _check(capsys, FIXTURE / "mkdocs.yml")
    _, after = _check(capsys, _with_rules_from(tmp_path, {"disclosure": "1990-01-01", "interpretation": "1990-01-01",
                                                           "budget": "1990-01-01"}))
    assert {p["code"] for p in after} <= DEADLINE_CODES
    assert {p["code"] for p in before} <= DEADLINE_CODES
