"""Budgets and final accounts as data (issue 15, part 1): money, reading, checks, views, charts, leaks.

Each check code is shown firing on a small catalogue and naming the figure
(``(file, line, key, code)`` plus the figure's name in the message); the
money arithmetic is tested with hypothesis (exact hundredths, no float drift).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.charts import Series, grouped_bars, trend_lines
from build_tools.config import options_to_config
from build_tools.fiscal import converted, format_money, percent_change, read_amount, read_count, same_amount
from build_tools.machinery.remade import bytes_of
from build_tools.site_plan import plan_site
from build_tools.views.fiscal import CHART_PARTS, csv_path
from build_tools.diagnostics import CODES
from tests.test_validate import AGENCY, CATEGORIES, covers, found, messages, run

SVG = "{http://www.w3.org/2000/svg}"
FISCAL_COVERED: set[str] = set()


def rule(code: str):
    """Marks the test of a fiscal code; field-phase codes also count for test_validate's coverage test."""
    FISCAL_COVERED.add(code)
    return covers(code) if CODES[code].phase in ("source", "field", "catalogue", "link") else (lambda fn: fn)


# --- helpers -------------------------------------------------------------------------------------

def sangong(abroad="12.00", buy="0.00", run_="86.40", reception="18.60", car=None, total=None, indent="    "):
    lines = [f"因公出国（境）费: {abroad}", f"公务用车购置费: {buy}", f"公务用车运行费: {run_}", f"公务接待费: {reception}"]
    if car is not None:
        lines.append(f"公务用车购置及运行费: {car}")
    if total is not None:
        lines.append(f"合计: {total}")
    return "\n".join(indent + line for line in lines)


def figures(this: str | None = None, last: str | None = None, extra: str = "", income: str | None = None,
            running: str | None = None, running_last: str | None = None) -> str:
    parts = ["figures:", "  单位: 万元"]
    if income is not None:
        parts.append(income)
    if this is not None:
        parts += ["  三公经费:", this]
    if last is not None:
        parts += ["  上年三公经费:", last]
    if running is not None:
        parts.append(f"  机关运行经费: {running}")
    if running_last is not None:
        parts.append(f"  上年机关运行经费: {running_last}")
    if extra:
        parts.append(extra)
    return "\n".join(parts)


def fiscal_record(n: int, year: int, figs: str = "", body: str = "正文。\n", kind: str = "budget",
                  published: str | None = None, **more) -> str:
    published = published or f"{year}-02-20"
    lines = ["---", f"index_no: {AGENCY}/{published[:4]}-{n:05d}", f"title: 江川省交通运输厅{year}年{'部门预算' if kind == 'budget' else '度部门决算'}公开",
             f"kind: {kind}", "issuer: 江川省交通运输厅", "category: 财政、金融、审计/预算决算",
             f"fiscal_year: {year}", f"approved: {published}", f"published: {published}"]
    lines += [f"{k}: {v}" for k, v in more.items()]
    if figs:
        lines.append(figs)
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def codes(result, code: str) -> list:
    return [(p.file, p.line, p.key) for p in result.problems if p.code == code]


EXPLAINED = "公务接待费减少1.50万元；运行费减少2.10万元。\n"
GOOD_THIS = sangong("12.00", "0.00", "86.40", "18.60", car="86.40", total="117.00")
GOOD_LAST = sangong("12.00", "0.00", "88.50", "20.10", car="88.50", total="120.60")


# --- money ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, cents, normalised", [
    ("12.10", 1210, False), ("0", 0, False), ("12.3", 1230, False), ("12.300", 1230, False),
    ("217440.10", 21744010, False), ("1,234.56", 123456, True), ("１，２３４．５６", 123456, True),
    ("1234.56万元", 123456, True), ("１２．５０", 1250, True), ("12.50\u200b", 1250, True),
    ("1 234.56", 123456, True), ("1\u00a0234.56", 123456, True), ("1234.56 万元", 123456, True),
])
def test_amounts_pasted_from_word_read_exactly(text, cents, normalised):
    r = read_amount(text)
    assert r.cents == cents and bool(r.notes) == normalised


@pytest.mark.parametrize("text, why", [
    ("12.345", "两位"), ("-3.00", "负数"), ("1200元", "元"), ("十二", "数字"), ("1,23.00", "千位"),
    ("1.234,56", "千位"), ("", "数字"), ("12.3.4", "数字"),
    # a space inside a figure: one number or two? (100 0.10 was read as 1000.10, silently: found by an audit)
    ("100 0.10", "空格"), ("１００\u3000０.１０", "空格"), ("12 34.5", "空格"),
])
def test_amounts_that_cannot_be_read_exactly_are_refused_with_the_reason(text, why):
    r = read_amount(text)
    assert r.cents is None and why in r.error


@pytest.mark.parametrize("text", ["-", " - ", "－", "—", "——", "−"])
def test_an_excel_zero_shown_as_a_dash_is_refused_as_a_dash_not_as_a_negative_amount(text):
    """Excel's 会计专用 format shows a zero as “-”: pasted, it was refused as 金额不能是负数 (a review).  It is still
    refused (a dash is not read as 0 behind the editor's back), saying what it is."""
    r = read_amount(text)
    assert r.cents is None and "负数" not in r.error and "横线" in r.error and "零" in r.error
    count = read_count(text)  # a count of 团组 or 人次 likewise (a later review)
    assert count.cents is None and "横线" in count.error and "零" in count.error


def test_counts_are_whole_numbers():
    assert read_count("１２").cents == 12 and read_count("3人次").cents == 3
    assert read_count("2.5").cents is None and read_count("-1").cents is None
    # over 4,300 digits Python refuses to read: a traceback for the whole check (found by a review)
    assert read_count("9" * 5000).cents is None and read_amount("9" * 5000).cents is None
    assert read_amount("9" * 13).cents == int("9" * 13) * 100
    assert read_amount("0" * 5000 + "29705.84").cents == 2970584  # zeros before it: read, not a traceback


@pytest.mark.parametrize("text", ["1,2", "1，2", "12,34", "1,2345"])
def test_a_count_with_a_stray_comma_is_refused_not_read_as_one_number(text):
    """出国团组 1,2 (from 团组1，人次2) was published as 12 with no warning (found by an audit)."""
    r = read_count(text)
    assert r.cents is None and "千位分隔符" in r.error


def test_a_count_read_with_a_change_says_how():
    assert read_count("1,234").cents == 1234 and read_count("1,234").notes == ("删去了千位分隔符",)
    assert read_count("１２").notes == ("全角数字或标点按半角读取",) and read_count("3").notes == ()
    assert read_count("2\u200b").cents == 2 and "看不见" in read_count("2\u200b").notes[0]


def test_an_explanation_with_full_width_digits_or_separators_explains_the_change(tmp_path):
    """减少２．００万元 pasted from Word, 1,236.58: six explained changes were warned as unexplained (an audit)."""
    body = "公务接待费减少１．５０万元，公务用车运行费减少2.10万元。\n"
    text = fiscal_record(1, 2024, figures(GOOD_THIS, GOOD_LAST), body=body)
    assert codes(run(tmp_path, {"a.md": text}), "fiscal-change-unexplained") == []
    text = fiscal_record(1, 2024, figures(running="1236.58", running_last="1262.14"), body="运行经费减少2５.５６万元。\n")
    assert codes(run(tmp_path, {"a.md": text}), "fiscal-change-unexplained") == []
    text = fiscal_record(1, 2024, figures(running="2236.58", running_last="1262.14"), body="运行经费增加974.44万元，达到2,236.58万元。\n")
    assert codes(run(tmp_path, {"a.md": text}), "fiscal-change-unexplained") == []


def test_a_change_stated_the_other_way_round_does_not_explain_it(tmp_path):
    """运行经费增加25.56万元 for a decrease was taken as the explanation (an audit); the message says which way
    the body has it."""
    text = fiscal_record(1, 2024, figures(running="1236.58", running_last="1262.14"), body="运行经费增加25.56万元。\n")
    result = run(tmp_path, {"a.md": text})
    assert [c[2] for c in codes(result, "fiscal-change-unexplained")] == ["figures"]
    assert "正文却说这笔钱是增加的" in messages(result, "fiscal-change-unexplained")[0]
    for body in ("运行经费减少25.56万元。\n", "运行经费比上年（1262.14万元）少25.56万元。\n",
                 "增减情况：运行经费减少25.56万元。\n"):
        text = fiscal_record(1, 2024, figures(running="1236.58", running_last="1262.14"), body=body)
        assert codes(run(tmp_path, {"a.md": text}), "fiscal-change-unexplained") == [], body


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**13))
def test_format_and_read_round_trip(cents):
    assert read_amount(format_money(cents)).cents == cents
    assert Decimal(format_money(cents)) == Decimal(cents) / 100


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=60))
def test_sums_over_many_years_do_not_drift(amounts):
    texts = [format_money(c) for c in amounts]
    total = sum(read_amount(t).cents for t in texts)
    assert format_money(total) == str(sum(Decimal(t) for t in texts).quantize(Decimal("0.01")))


def test_float_would_drift_where_hundredths_do_not():
    texts = ["0.10", "0.20"]
    assert sum(float(t) for t in texts) != 0.3  # 0.30000000000000004: why floats are never used
    assert format_money(sum(read_amount(t).cents for t in texts)) == "0.30"


@pytest.mark.parametrize("this, last, shown", [
    (10050, 10000, "0.50"), (1, 3, "-66.67"), (2, 3, "-33.33"), (200, 100, "100.00"), (5, 0, None),
    (100005, 100000, "0.01"), (100004, 100000, "0.00"),  # half up at the second decimal
])
def test_percent_change_rounds_half_up_to_hundredths(this, last, shown):
    p = percent_change(this, last)
    assert (str(p) if p is not None else None) == shown


# --- reading the figures -----------------------------------------------------------------------------

def test_the_sample_layout_reads_and_checks_clean(tmp_path):
    text = fiscal_record(1, 2024, figures(GOOD_THIS, GOOD_LAST, running="1236.58", running_last="1262.14"),
                         body=EXPLAINED + "机关运行经费减少25.56万元。\n")
    result = run(tmp_path, {"a.md": text})
    assert found(result) == set()
    f = result.catalogue.records[0].figures
    assert f.sangong.total_cents == 11700 and f.sangong_last.car_cents == 8850 and f.running.cents == 123658


@rule("fiscal-amount-invalid")
def test_an_amount_with_three_decimals_is_an_error_naming_the_figure(tmp_path):
    text = fiscal_record(1, 2024, figures(sangong(reception="18.605")))
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-amount-invalid") == [("a.md", line_of(text, "公务接待费"), "figures")]
    assert "三公经费 / 公务接待费" in messages(result, "fiscal-amount-invalid")[0]
    assert result.catalogue.records == ()  # never a silently rounded figure


@rule("fiscal-amount-normalised")
def test_an_amount_pasted_from_word_is_read_with_a_warning_saying_how(tmp_path):
    text = fiscal_record(1, 2024, figures(sangong(run_="８６．４０万元")))
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-amount-normalised") == [("a.md", line_of(text, "公务用车运行费"), "figures")]
    assert "86.40" in messages(result, "fiscal-amount-normalised")[0]
    assert result.catalogue.records[0].figures.sangong.car_running.cents == 8640


@rule("fiscal-item-unknown")
def test_a_misspelt_item_is_an_error(tmp_path):
    text = fiscal_record(1, 2024, figures(sangong() + "\n    公务招待费: 1.00"))
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-item-unknown") == [("a.md", line_of(text, "公务招待费"), "figures")]
    assert "公务招待费" in messages(result, "fiscal-item-unknown")[0]


def test_counts_on_a_budget_are_refused(tmp_path):
    text = fiscal_record(1, 2024, figures(sangong(), extra="  数量:\n    出国团组: 1"))
    assert ("a.md", line_of(text, "figures"), "figures", "fiscal-item-unknown") in found(run(tmp_path, {"a.md": text}))


def test_a_figure_given_twice_is_an_error_not_the_last_one_silently(tmp_path):
    text = fiscal_record(1, 2024, figures(sangong() + "\n    公务接待费: 4.00"))
    result = run(tmp_path, {"a.md": text})
    assert found(result) == {("a.md", line_of(text, "公务接待费: 4.00"), "figures", "yaml-duplicate-key")}
    assert result.catalogue.records == ()


@rule("fiscal-item-missing")
def test_a_missing_part_is_an_error(tmp_path):
    text = fiscal_record(1, 2024, figures("    因公出国（境）费: 1.00\n    公务接待费: 2.00"))
    result = run(tmp_path, {"a.md": text})
    assert [p.code for p in result.problems] == ["fiscal-item-missing"]
    assert "公务用车购置费、公务用车运行费" in result.problems[0].message


def test_final_account_counts(tmp_path):
    counts = "  数量:\n" + "\n".join(f"    {k}: {v}" for k, v in
                                     (("出国团组", 2), ("出国人次", "９"), ("车辆购置数", 0), ("车辆保有量", 60),
                                      ("接待批次", 198), ("接待人次", 1862)))
    text = fiscal_record(1, 2023, figures(sangong(), extra=counts), kind="final-account", published="2024-08-16")
    result = run(tmp_path, {"a.md": text})
    assert found(result) == {("a.md", line_of(text, "出国人次"), "figures", "fiscal-amount-normalised")}  # as amounts
    assert result.catalogue.records[0].figures.count("出国人次") == 9


@rule("fiscal-counts-inconsistent")
@pytest.mark.parametrize("groups, persons, batches, visitors, said", [
    (9, 2, 198, 1862, ["出国团组"]), (2, 9, 1531, 169, ["接待批次"]), (0, 3, 0, 0, ["出国团组"]),
    (2, 9, 198, 1862, []), (0, 0, 0, 0, [])])
def test_counts_that_cannot_both_be_true_are_said(tmp_path, groups, persons, batches, visitors, said):
    """出国团组 9 with 出国人次 2, 接待批次 1531 with 接待人次 169 (two columns swapped when pasted) passed unsaid (an
    audit): no more groups than persons, and none of either without the other."""
    counts = "  数量:\n" + "\n".join(f"    {k}: {v}" for k, v in
                                     (("出国团组", groups), ("出国人次", persons), ("车辆购置数", 0), ("车辆保有量", 60),
                                      ("接待批次", batches), ("接待人次", visitors)))
    text = fiscal_record(1, 2023, figures(sangong(), extra=counts), kind="final-account", published="2024-08-16")
    result = run(tmp_path, {"a.md": text})
    assert sorted(codes(result, "fiscal-counts-inconsistent")) == sorted(
        ("a.md", line_of(text, name), "figures") for name in said)


def test_a_count_with_another_rows_unit_is_refused(tmp_path):
    """出国团组: 9人次 and 接待批次: 1531人次, the neighbouring figures of the 决算 table's text, were shown as 9 个 and
    1531 批次 (an audit).  The row's own unit (or 次 for 人次, 批次) is read with the usual note."""
    counts = "  数量:\n" + "\n".join(f"    {k}: {v}" for k, v in
                                     (("出国团组", "9人次"), ("出国人次", "9人次"), ("车辆购置数", "0辆"), ("车辆保有量", 60),
                                      ("接待批次", "1531人次"), ("接待人次", "1531次")))
    text = fiscal_record(1, 2023, figures(sangong(), extra=counts), kind="final-account", published="2024-08-16")
    result = run(tmp_path, {"a.md": text})
    assert sorted(codes(result, "fiscal-amount-invalid")) == sorted([
        ("a.md", line_of(text, "出国团组"), "figures"), ("a.md", line_of(text, "接待批次"), "figures")])
    assert "单位是“个”" in messages(result, "fiscal-amount-invalid")[0]


def test_a_misspelt_block_is_reported_on_its_own_line_and_the_pages_spelling_is_read(tmp_path):
    """A misspelt block's name was reported on the line of figures:, 25 lines away; 上年“三公”经费, as the page
    and the CSV caption it, was no block at all (an audit)."""
    text = fiscal_record(1, 2024, figures(GOOD_THIS) + "\n  上年“三公”经费:\n" + GOOD_LAST + "\n  支出功能分类（按项级）:\n"
                         "    一般公共服务支出: 1.00", body=EXPLAINED)
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-item-unknown") == [("a.md", line_of(text, "支出功能分类（按项级）"), "figures")]
    assert result.catalogue.records == () or result.catalogue.records[0].figures.sangong_last is not None


def test_a_dash_or_a_blank_amount_is_reported_on_its_own_line_with_how_to_write_a_zero(tmp_path):
    """An Excel table pasted: a zero shown as “-” was called a negative amount, and a blank cell (an item with no
    value) was reported at the line of figures:, 20 lines above it (a review)."""
    text = fiscal_record(1, 2024, figures(sangong(buy="' - '", reception="")), body=EXPLAINED)
    result = run(tmp_path, {"a.md": text})
    assert sorted(codes(result, "fiscal-amount-invalid")) == sorted([
        ("a.md", line_of(text, "公务用车购置费"), "figures"), ("a.md", line_of(text, "公务接待费"), "figures")])
    dash = next(p for p in result.problems if p.code == "fiscal-amount-invalid" and "公务用车购置费" in p.message)
    assert "负数" not in dash.message and "横线" in dash.message and "公务用车购置费: 0.00" in dash.hint
    blank = next(p for p in result.problems if p.code == "fiscal-amount-invalid" and "公务接待费" in p.message)
    assert "没有填写金额" in blank.message and "0.00" in blank.hint


# --- the checks ------------------------------------------------------------------------------------------

@rule("fiscal-total-mismatch")
def test_a_total_that_is_not_the_sum_of_its_parts(tmp_path):
    text = fiscal_record(1, 2024, figures(sangong(car="86.40", total="118.00")))
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-total-mismatch") == [("a.md", line_of(text, "合计"), "figures")]
    message = messages(result, "fiscal-total-mismatch")[0]
    assert "三公经费 / 合计" in message and "118.00" in message and "117.00" in message


def test_income_total_and_functional_total_are_checked(tmp_path):
    income = ("  收入:\n    一般公共预算拨款收入: 100.00\n    事业收入: 20.00\n    收入总计: 121.00\n"
              "  支出:\n    基本支出: 30.00\n    项目支出: 91.00\n    支出总计: 121.00\n"
              "  支出功能分类:\n    交通运输支出: 110.00\n    住房保障支出: 10.00")
    text = fiscal_record(1, 2024, figures(income=income))
    result = run(tmp_path, {"a.md": text})
    assert set(codes(result, "fiscal-total-mismatch")) == {
        ("a.md", line_of(text, "收入总计"), "figures"), ("a.md", line_of(text, "住房保障支出"), "figures")}
    assert any("收入 / 收入总计" in m for m in messages(result, "fiscal-total-mismatch"))
    assert any("支出功能分类 / 合计" in m and "121.00" in m for m in messages(result, "fiscal-total-mismatch"))


@pytest.mark.parametrize("functional, told", [("350.00", None), ("330.00", "380.00")])
def test_the_functional_total_is_the_years_spending_whatever_its_kinds(tmp_path, functional, told):
    """A 决算 copied from the official tables (上缴上级支出 and 经营支出 beside 基本支出 and 项目支出, 年末结转和结余
    carried on) was refused: the functional total was held to 基本支出 + 项目支出 alone, and the hint asked for a
    wrong figure (a review).  It is the year's spending: every 支出 item but what is carried on."""
    blocks = ("  收入:\n    一般公共预算财政拨款收入: 300.00\n    事业收入: 50.00\n    经营收入: 60.00\n"
              "    收入总计: 410.00\n  支出:\n    基本支出: 100.00\n    项目支出: 200.00\n    上缴上级支出: 20.00\n"
              "    经营支出: 60.00\n    年末结转和结余: 30.00\n    支出总计: 410.00\n"
              f"  支出功能分类:\n    交通运输支出: {functional}\n    社会保障和就业支出: 30.00")
    text = fiscal_record(1, 2024, figures(income=blocks))
    said = messages(run(tmp_path, {"a.md": text}), "fiscal-total-mismatch")
    assert (said == []) if told is None else (len(said) == 1 and told in said[0] and "经营支出" in said[0]), said


@rule("fiscal-vehicle-mismatch")
def test_vehicle_line_is_purchase_plus_running(tmp_path):
    text = fiscal_record(1, 2024, figures(sangong(buy="10.00", car="86.40")))
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-vehicle-mismatch") == [("a.md", line_of(text, "公务用车购置及运行费"), "figures")]
    assert "公务用车购置费 + 公务用车运行费 = 96.40" in messages(result, "fiscal-vehicle-mismatch")[0]


@rule("fiscal-unbalanced")
def test_income_total_equals_expenditure_total(tmp_path):
    income = ("  收入:\n    一般公共预算拨款收入: 100.00\n    收入总计: 100.00\n"
              "  支出:\n    基本支出: 30.00\n    项目支出: 60.00\n    支出总计: 90.00")
    text = fiscal_record(1, 2024, figures(income=income))
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-unbalanced") == [("a.md", line_of(text, "支出总计"), "figures")]
    assert "支出 / 支出总计" in messages(result, "fiscal-unbalanced")[0]


def test_a_blocks_own_name_before_its_total_is_the_total(tmp_path):
    """收入合计 was read as one more income item, the income counted twice, and the message named a 收入总计
    of 200.20 the document does not hold (found by an audit)."""
    income = ("  收入:\n    一般公共预算拨款收入: 100.00\n    事业收入: 0.10\n    收入合计: 100.10\n"
              "  支出:\n    基本支出: 60.05\n    项目支出: 40.05\n    支出合计: 100.10")
    assert codes(run(tmp_path, {"a.md": fiscal_record(1, 2024, figures(income=income))}), "fiscal-unbalanced") == []
    # the 收支总表's subtotal before 上年结转 is neither an item nor the total (a second review)
    table = ("  收入:\n    一般公共预算拨款收入: 200.00\n    本年收入合计: 200.00\n    上年结转: 50.00\n    收入总计: 250.00\n"
             "  支出:\n    基本支出: 100.00\n    项目支出: 150.00\n    本年支出合计: 250.00\n    支出总计: 250.00")
    (tmp_path / "c").mkdir()
    result = run(tmp_path / "c", {"a.md": fiscal_record(1, 2024, figures(income=table))})
    assert [p.code for p in result.problems if p.code.startswith("fiscal-")] == []
    # no total written: the message says it added the items up
    unwritten = ("  收入:\n    一般公共预算拨款收入: 100.00\n    事业收入: 0.10\n"
                 "  支出:\n    基本支出: 60.05\n    项目支出: 30.05")
    (tmp_path / "b").mkdir()
    result = run(tmp_path / "b", {"a.md": fiscal_record(1, 2024, figures(income=unwritten))})
    (message,) = messages(result, "fiscal-unbalanced")
    assert "收入各项之和" in message and "支出各项之和" in message and "总计" not in message.split("\n")[0]


def test_a_subtotal_is_checked_against_the_items_above_it_and_published_where_written(tmp_path):
    """本年收入合计 and a 收入合计 above 上年结转 were dropped: never checked, missing from the page and the CSV, while
    the office believed it published them (found by an audit)."""
    from build_tools.views.fiscal import fiscal_tables, table_csv
    table = ("  收入:\n    一般公共预算拨款收入: 1000.00\n    事业收入: 200.00\n    收入合计: 1300.00\n    上年结转: 100.00\n"
             "    收入总计: 1300.00\n"
             "  支出:\n    基本支出: 300.00\n    项目支出: 1000.00\n    本年支出合计: 999.99\n    支出总计: 1300.00")
    text = fiscal_record(1, 2024, figures(income=table))
    result = run(tmp_path, {"a.md": text})
    assert sorted(codes(result, "fiscal-total-mismatch")) == sorted([
        ("a.md", line_of(text, "收入合计"), "figures"), ("a.md", line_of(text, "本年支出合计"), "figures")])
    said = messages(result, "fiscal-total-mismatch")
    assert any("收入 / 收入合计" in m and "1200.00" in m for m in said)
    assert any("支出 / 本年支出合计" in m and "1300.00" in m for m in said)
    good = table.replace("收入合计: 1300.00", "收入合计: 1200.00").replace("本年支出合计: 999.99", "本年支出合计: 1300.00")
    (tmp_path / "g").mkdir()
    record = run(tmp_path / "g", {"a.md": fiscal_record(1, 2024, figures(income=good))}).catalogue.records[0]
    [income] = [t for t in fiscal_tables(record) if t.caption.startswith("收入")]
    assert [(row.label, row.cells[0].text) for row in income.rows] == [
        ("一般公共预算拨款收入", "1000.00"), ("事业收入", "200.00"), ("收入合计", "1200.00"), ("上年结转", "100.00"),
        ("收入总计", "1300.00")]
    csv_text = table_csv(record).decode("utf-8-sig")
    assert "收入合计,1200.00" in csv_text and "本年支出合计,1300.00" in csv_text


def test_the_budget_csv_runs_no_item_name_as_a_formula(tmp_path):
    """An item name pasted from a spreadsheet, =HYPERLINK(…), was a live formula in the page's CSV download, which
    the open data's CSV guards (an audit); the amounts stay numbers, a decrease's minus sign too."""
    import csv as csv_module
    import io
    from build_tools.views.fiscal import table_csv
    table = ("  收入:\n    '=HYPERLINK(\"https://example.com/\",\"其他收入\")': 200.00\n    收入总计: 200.00\n"
             "  支出:\n    基本支出: 150.00\n    项目支出: 50.00\n    支出总计: 200.00")
    record = run(tmp_path, {"a.md": fiscal_record(1, 2024, figures(income=table))}).catalogue.records[0]
    rows = list(csv_module.reader(io.StringIO(table_csv(record).decode("utf-8-sig"))))
    labels = [row[0] for row in rows if row]
    assert "'=HYPERLINK(\"https://example.com/\",\"其他收入\")" in labels
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "@"))]
    assert any(row[1:] and row[1] == "200.00" for row in rows)


@pytest.mark.parametrize("kind, expense, said", [
    ("budget", "    交通运输支出: 180.00\n    社会保障和就业支出: 20.00", "基本支出、项目支出"),
    ("budget", "    基本支出: 150.00\n    项目支出: 50.00", None),
    ("final-account", "    基本支出: 150.00\n    项目支出: 40.00\n    年末结转和结余: 10.00", None),
    ("final-account", "    基本支出: 150.00\n    项目支出: 50.00", "年末结转和结余"),
    # the carry-over as final accounts name it (a review found the account kept off)
    ("final-account", "    基本支出: 150.00\n    项目支出: 40.00\n    年末结转结余: 10.00", None),
    ("final-account", "    基本支出: 150.00\n    项目支出: 40.00\n    结转下年: 10.00", None)])
def test_spending_is_split_as_the_summary_table_splits_it(tmp_path, kind, expense, said):
    """The spending by function pasted under 支出 instead of 基本支出 and 项目支出 (and a final account without its
    年末结转和结余) passed unsaid, though the 收支总表 shows them and the editors' guide asks for them (an audit)."""
    table = f"  收入:\n    财政拨款收入: 200.00\n    收入总计: 200.00\n  支出:\n{expense}\n    支出总计: 200.00"
    text = fiscal_record(1, 2024, figures(income=table), kind=kind, published="2025-08-16")
    result = run(tmp_path, {"a.md": text})
    missing = [p for p in result.problems if p.code == "fiscal-item-missing"]
    assert [said in p.message for p in missing] == ([] if said is None else [True])
    if said:
        assert missing[0].line == line_of(text, "  支出:")


@rule("fiscal-prior-year-mismatch")
def test_last_years_figures_must_match_last_years_record(tmp_path):
    y2023 = fiscal_record(1, 2023, figures(GOOD_LAST, running="1262.14"), published="2023-02-20")
    wrong_last = sangong("12.00", "0.00", "88.00", "20.10")
    y2024 = fiscal_record(2, 2024, figures(GOOD_THIS, wrong_last, running="1236.58", running_last="1260.00"),
                          body=EXPLAINED + "机关运行经费减少25.56万元，减少23.42万元。运行费减少1.60万元，合计减少3.10万元。")
    result = run(tmp_path, {"a.md": y2023, "b.md": y2024})
    got = codes(result, "fiscal-prior-year-mismatch")
    assert ("b.md", line_of(y2024, "公务用车运行费", "上年三公经费"), "figures") in got
    assert ("b.md", line_of(y2024, "上年机关运行经费"), "figures") in got
    ms = messages(result, "fiscal-prior-year-mismatch")
    assert any("上年三公经费 / 公务用车运行费" in m and "88.50" in m and "a.md" in m for m in ms)
    # A final account is compared with last year's final account, never with a budget.
    fa = fiscal_record(3, 2024, figures(GOOD_THIS, wrong_last), kind="final-account", published="2025-08-01",
                       body=EXPLAINED)
    (tmp_path / "x").mkdir()
    assert codes(run(tmp_path / "x", {"a.md": y2023, "c.md": fa}), "fiscal-prior-year-mismatch") == []


@rule("fiscal-year-missing")
@rule("fiscal-text-total-mismatch")
def test_a_sangong_total_in_the_text_that_is_not_the_tables_is_a_warning(tmp_path):
    """A 决算 text started from last year's, its 三公 total mistyped (146.04 for the table's 144.06): the check was
    clean and the page showed both totals (a review).  Said on the body's line, with the table's total and its parts."""
    said = "## 二、“三公”经费\n\n2024年度“三公”经费财政拨款支出118.00万元，完成预算的96.20%。\n"
    text = fiscal_record(2, 2024, figures(GOOD_THIS), body=said, kind="final-account", published="2025-07-20")
    result = run(tmp_path, {"b.md": text})
    assert codes(result, "fiscal-text-total-mismatch") == [("b.md", line_of(text, "2024年度“三公”"), "body")]
    [m] = messages(result, "fiscal-text-total-mismatch")
    assert "118.00 万元" in m and "117.00 万元（12.00 + 86.40 + 18.60）" in m and "改为 117.00万元" in m


@pytest.mark.parametrize("said", [
    "2024年度“三公”经费财政拨款支出117.00万元，完成预算的96.20%。",  # the table's total
    "“三公”经费支出合计 117 万元。",  # a whole amount without its decimals
    "“三公”经费财政拨款预算120.60万元，比预算减少3.60万元。",  # a final account's 预算 figure
    "2023年度“三公”经费财政拨款支出120.60万元。",  # last year's
    "上年“三公”经费支出120.60万元。",
    "本级“三公”经费支出100.00万元。",  # the department's own level, not its whole
    "“三公”经费比上年减少3.60万元。",  # a change
    "“三公”经费支出预算执行率为96.20%。",
])
def test_other_amounts_beside_the_sangong_total_are_not_taken_for_it(tmp_path, said):
    text = fiscal_record(2, 2024, figures(GOOD_THIS), body=said + "\n", kind="final-account", published="2025-07-20")
    assert codes(run(tmp_path, {"b.md": text}), "fiscal-text-total-mismatch") == []


def test_a_budgets_sangong_total_is_compared_and_in_yuan_as_rounded(tmp_path):
    said = "2024年“三公”经费财政拨款预算{}万元，2023年度“三公”经费决算为100.00万元。\n"
    budget = fiscal_record(2, 2024, figures(GOOD_THIS), body=said.format("107.00"))
    [m] = messages(run(tmp_path, {"b.md": budget}), "fiscal-text-total-mismatch")
    assert "为 107.00 万元，而" in m and "100.00" not in m
    yuan = fiscal_record(2, 2024, figures(YUAN_THIS).replace("单位: 万元", "单位: 元"), body=said.format("105.05"))
    (tmp_path / "yuan").mkdir()
    assert codes(run(tmp_path / "yuan", {"b.md": yuan}), "fiscal-text-total-mismatch") == []


def test_a_missing_year_is_a_warning(tmp_path):
    files = {"a.md": fiscal_record(1, 2022, published="2022-02-20"), "c.md": fiscal_record(3, 2024)}
    result = run(tmp_path, files)
    assert codes(result, "fiscal-year-missing") == [("c.md", 7, "fiscal_year")]
    assert "2023 年度的部门预算" in messages(result, "fiscal-year-missing")[0]
    assert all(p.severity.value == "warning" for p in result.problems)


def test_a_final_account_still_missing_two_budgets_later_is_a_warning(tmp_path):
    files = {"a.md": fiscal_record(1, 2022, published="2022-02-20"),
             "b.md": fiscal_record(2, 2023, published="2023-02-20"),
             "c.md": fiscal_record(3, 2024),
             "d.md": fiscal_record(4, 2023, kind="final-account", published="2024-08-10")}
    result = run(tmp_path, files)
    assert codes(result, "fiscal-year-missing") == []
    del files["d.md"]
    files["e.md"] = fiscal_record(5, 2021, kind="final-account", published="2022-08-10")
    (tmp_path / "x").mkdir()
    result = run(tmp_path / "x", files)
    assert ("c.md", 7, "fiscal_year") in codes(result, "fiscal-year-missing")
    assert any("2022 年度部门决算" in m for m in messages(result, "fiscal-year-missing"))


def test_a_budget_published_after_the_check_date_does_not_fill_a_year(tmp_path):
    files = {"a.md": fiscal_record(1, 2022, published="2022-02-20"), "c.md": fiscal_record(3, 2024),
             # approved in its year (a budget approved the year after was one whose year is mistyped: a review)
             "b.md": fiscal_record(2, 2023, published="2024-09-01").replace("approved: 2024-09-01", "approved: 2023-02-10")}
    assert codes(run(tmp_path, files), "fiscal-year-missing") == [("c.md", 7, "fiscal_year")]


def test_a_budget_not_proactive_is_an_error_unless_a_state_secret(tmp_path):
    """Filed 依申请公开 for 内部事务信息, the 2024 budget was off the site while the check passed; deleted, its year was
    fiscal-year-missing (a review).  预算法 Art 14: published, 涉及国家秘密的除外; before the duty began, nothing."""
    files = {"a.md": fiscal_record(1, 2023, published="2023-02-20"),
             "b.md": fiscal_record(2, 2024, published="2024-02-20", disclosure="依申请公开", withheld_reason="内部事务信息"),
             "c.md": fiscal_record(3, 2025, published="2025-02-20"),
             "d.md": fiscal_record(4, 2024, kind="final-account", published="2025-07-20", disclosure="不予公开",
                                   withheld_reason="涉及国家秘密（《预算法》第十四条）"),
             "e.md": fiscal_record(5, 2014, published="2014-02-20", disclosure="不予公开", withheld_reason="内部事务信息"),
             # a state secret by its level (a review found it refused)
             "f.md": fiscal_record(6, 2025, kind="final-account", published="2026-07-20", disclosure="不予公开",
                                   withheld_reason="本部门决算属机密级事项"),
             # a secret denied is none (a later review)
             "g.md": fiscal_record(7, 2022, kind="final-account", published="2023-07-20", disclosure="依申请公开",
                                   withheld_reason="内部事务信息，经保密审查不涉及国家秘密"),
             # a secret said with a denial elsewhere in its clause is one; a work or business secret is none
             "h.md": fiscal_record(8, 2021, kind="final-account", published="2022-07-20", disclosure="不予公开",
                                   withheld_reason="属于尚未解密的国家秘密"),
             "i.md": fiscal_record(9, 2020, kind="final-account", published="2021-07-20", disclosure="不予公开",
                                   withheld_reason="属于机关工作秘密")}
    result = run(tmp_path, files)
    assert codes(result, "disclosure-not-allowed") == [("b.md", 10, "disclosure"), ("g.md", 10, "disclosure"),
                                                       ("i.md", 10, "disclosure")]
    assert messages(result, "disclosure-not-allowed")[0].startswith("部门预算必须主动公开（《预算法》第十四条")
    assert not [m for m in messages(result, "fiscal-year-missing") if "2024 年度" in m]  # said once, not twice


@rule("fiscal-change-unexplained")
def test_a_change_without_explanation_is_a_warning_naming_the_item(tmp_path):
    text = fiscal_record(1, 2024, figures(GOOD_THIS, GOOD_LAST), body="公务接待费减少1.50万元。\n")
    result = run(tmp_path, {"a.md": text})
    got = {(p.line, p.message.split("“")[1].split("”")[0]) for p in result.problems
           if p.code == "fiscal-change-unexplained"}
    # 运行费 -2.10 is not stated: it, the vehicle line and the total are unexplained; 接待 is explained.
    assert got == {(line_of(text, "公务用车运行费"), "三公经费 / 公务用车运行费"),
                   (line_of(text, "公务用车购置及运行费"), "三公经费 / 公务用车购置及运行费"),
                   (line_of(text, "合计"), "三公经费 / 合计")}
    assert "减少 2.10 万元" in messages(result, "fiscal-change-unexplained")[0] or \
        any("减少 2.10 万元" in m for m in messages(result, "fiscal-change-unexplained"))


def test_an_amount_inside_a_longer_number_is_no_explanation(tmp_path):
    body = "公务接待费减少11.50万元；运行费减少2.105万元。\n"  # neither 1.50 nor 2.10 stands alone
    text = fiscal_record(1, 2024, figures(GOOD_THIS, GOOD_LAST), body=body)
    assert len(codes(run(tmp_path, {"a.md": text}), "fiscal-change-unexplained")) == 4


def test_running_cost_change_needs_explaining(tmp_path):
    text = fiscal_record(1, 2024, figures(running="1236.58", running_last="1262.14"), body="压减一般性支出。\n")
    result = run(tmp_path, {"a.md": text})
    assert codes(result, "fiscal-change-unexplained") == [("a.md", line_of(text, "机关运行经费"), "figures")]


# --- the sample catalogue ---------------------------------------------------------------------------

def test_the_sample_has_three_years_of_each_with_figures():
    from build_tools.config import load_config
    from pathlib import Path
    config, problems = load_config(Path(__file__).resolve().parents[1] / "mkdocs.yml")
    plan = plan_site(config, dt.date(2026, 12, 3))
    years = {(r.kind.value, r.fiscal_year) for r in plan.public.records if r.figures is not None}
    assert len({y for k, y in years if k == "budget"}) >= 3
    assert len({y for k, y in years if k == "final-account"}) >= 3
    assert not [p for p in plan.problems if p.code.startswith("fiscal-")]


# --- charts -----------------------------------------------------------------------------------------

def test_bar_chart_is_valid_svg_with_one_mark_per_figure_and_its_labels():
    this = tuple(Decimal(x) for x in ("10.00", "45.00", "79.35", "15.40"))
    last = tuple(Decimal(x) for x in ("10.00", "0.00", "82.10", "16.20"))
    svg = grouped_bars("c", "“三公”经费", CHART_PARTS, [Series("2025年预算数", this), Series("2024年预算数", last)])
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    marks = [g for g in root.iter(f"{SVG}g") if re.fullmatch(r"c-bar-\d-\d", g.get("id", ""))]
    assert len(marks) == 8
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert set(CHART_PARTS) <= texts and {"79.35", "45.00", "0.00", "2025年预算数", "万元"} <= texts
    assert root.find(f"{SVG}title").text == "“三公”经费"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("c") for i in ids)
    # pygal's stylesheet is scoped to this chart (its random "#chart-<uuid>" replaced by the name), never the page.
    css = root.find(f"{SVG}defs/{SVG}style").text
    selectors = [sel.strip() for rule in re.findall(r"([^{}]+)\{[^{}]*\}", css) for sel in rule.split(",")]
    assert selectors and all(sel == "#c" or sel.startswith("#c ") for sel in selectors)
    # Static and self-contained: no script, no comment (pygal dates one), no outside reference.
    assert "<script" not in svg and "<!--" not in svg and "#chart-" not in svg and "<?xml" not in svg
    assert not re.search(r"(href|src)=|url\((?!#c-)|//", svg.replace("http://www.w3.org/2000/svg", ""))
    assert "font-family:" in css and "Noto Sans CJK SC" in css


def test_trend_chart_marks_every_figure_and_skips_missing_years():
    svg = trend_lines("t", "趋势", [2022, 2023, 2024],
                      [Series("合计", (Decimal("93.41"), None, Decimal("100.83"))),
                       Series("公务接待费", (Decimal("9.84"), Decimal("14.72"), Decimal("13.05")))])
    root = ET.fromstring(svg)
    points = [g.get("id") for g in root.iter(f"{SVG}g") if re.fullmatch(r"t-point-\d-\d", g.get("id", ""))]
    assert sorted(points) == ["t-point-0-0", "t-point-0-2", "t-point-1-0", "t-point-1-1", "t-point-1-2"]
    assert {"2022年", "2024年", "合计", "公务接待费", "万元"} <= {t.text for t in root.iter(f"{SVG}text")}
    assert root.find(f"{SVG}title").text == "趋势" and root.get("aria-labelledby") == "t-title"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i == "t" or i.startswith("t-") for i in ids)
    assert "<script" not in svg and "stroke-dasharray" in svg  # the second line is dashed, not only coloured


def test_charts_are_byte_reproducible():
    args = ("c", "x", CHART_PARTS, [Series("a", (Decimal("1.00"),) * 4)])
    assert grouped_bars(*args) == grouped_bars(*args)
    trend = ("t", "x", [2024, 2025], [Series("a", (Decimal("1.00"), None))])
    assert trend_lines(*trend) == trend_lines(*trend)
    # …and in another process (pygal draws a uuid4 for its chart id, and dates a comment).
    code = ("from decimal import Decimal; from build_tools.charts import Series, grouped_bars; "
            f"import sys; sys.stdout.write(grouped_bars('c', 'x', {list(CHART_PARTS)!r}, "
            "[Series('a', (Decimal('1.00'),) * 4)]))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[1]).stdout
    assert other == grouped_bars(*args)


# --- what reaches the public ------------------------------------------------------------------------

def _plan(tmp_path, files, as_of="2025-06-01"):
    cat = tmp_path / "catalogue"
    for name, text in files.items():
        (cat / name).parent.mkdir(parents=True, exist_ok=True)
        (cat / name).write_text(text, encoding="utf-8")
    config, problems = options_to_config({"agency_code": AGENCY, "categories": CATEGORIES}, base_dir=tmp_path)
    assert problems == []
    return plan_site(config, dt.date.fromisoformat(as_of))


def test_withheld_and_future_budgets_never_reach_charts_overview_or_csv(tmp_path):
    secret = sangong("77.77", "0.00", "66.66", "55.55")
    files = {
        "a.md": fiscal_record(1, 2023, figures(GOOD_LAST), published="2023-02-20"),
        "b.md": fiscal_record(2, 2024, figures(GOOD_THIS, GOOD_LAST), body=EXPLAINED),
        "w.md": fiscal_record(3, 2022, figures(secret), published="2022-02-20", disclosure="不予公开",
                              withheld_reason="《政府信息公开条例》第十六条第二款"),
        "f.md": fiscal_record(4, 2025, figures(secret), published="2025-12-01"),
    }
    plan = _plan(tmp_path, files)
    overview = plan.site.fiscal
    assert overview.years == (2023, 2024)
    shown = repr(overview) + repr([p.fiscal for p in plan.site.records])
    for secret_figure in ("77.77", "66.66", "55.55", "2022年", "2025年"):
        assert secret_figure not in shown
    made = {f.dest: bytes_of(f.content) for f in plan.generated}
    tables = {dest for dest in made if dest.startswith("records/")}  # beside them: the open data (data/, feeds/)
    assert tables == {csv_path(r) for r in plan.public.records}
    assert all(b"77.77" not in c for c in made.values())


def test_each_unit_is_set_against_its_own_final_account_on_the_overview(tmp_path):
    """A 所属单位 publishing its own budget replaced the department's in the overview's row, and the
    department's final account was set against it (执行率 3506.20%, found by an audit).  Each unit now
    has its own rows, the department first; the rate is rounded from the exact quotient (87.655 → 87.66)."""
    unit = "江川省公路事业发展中心"
    files = {
        "a.md": fiscal_record(1, 2025, figures(sangong("10.00", "0.00", "100.00", "90.00", car="100.00",
                                                       total="200.00"))),
        "b.md": fiscal_record(2, 2025, figures(sangong("10.00", "0.00", "95.31", "70.00", car="95.31", total="175.31")),
                              kind="final-account", published="2026-07-20"),
        "u.md": fiscal_record(3, 2025, figures(sangong("0.00", "0.00", "3.00", "2.00", car="3.00", total="5.00")),
                              published="2025-03-01").replace("issuer: 江川省交通运输厅", f"issuer: {unit}"),
    }
    cat = tmp_path / "catalogue"
    for name, text in files.items():
        cat.mkdir(exist_ok=True)
        (cat / name).write_text(text, encoding="utf-8")
    config, problems = options_to_config({"agency_code": AGENCY, "categories": CATEGORIES,
                                          "agency": "江川省交通运输厅"}, base_dir=tmp_path)
    assert problems == []
    overview = plan_site(config, dt.date(2026, 12, 1)).site.fiscal
    assert [u.unit for u in overview.units] == ["江川省交通运输厅", unit]
    department, other = overview.units
    (row,) = department.tables[0].rows
    assert [c.text for c in row.cells[2:5]] == ["200.00", "175.31", "87.66%"]
    (row,) = other.tables[0].rows
    assert [c.text for c in row.cells[1:5]] == ["目录中没有", "5.00", "—", "—"]
    ids = [t.id for u in overview.units for t in u.tables] + [c.id for u in overview.units for c in u.charts]
    assert len(ids) == len(set(ids)) and department.tables[0].id == "fiscal-years"


def test_a_budget_published_without_figures_is_linked_on_the_overview_with_its_amounts_blank(tmp_path):
    """A budget published as its text and the 公开表格 attached, without the optional ``figures``: the overview said
    "目录中没有" for its year, and a unit none of whose records has figures was not on it at all (a review)."""
    unit = "江川省公路事业发展中心"
    files = {
        "a.md": fiscal_record(1, 2024, "", published="2024-02-20"),
        "b.md": fiscal_record(2, 2024, figures(GOOD_THIS), kind="final-account", published="2025-07-20"),
        "u.md": fiscal_record(3, 2024, "", published="2024-03-01").replace("issuer: 江川省交通运输厅",
                                                                           f"issuer: {unit}"),
    }
    cat = tmp_path / "catalogue"
    cat.mkdir()
    for name, text in files.items():
        (cat / name).write_text(text, encoding="utf-8")
    config, problems = options_to_config({"agency_code": AGENCY, "categories": CATEGORIES,
                                          "agency": "江川省交通运输厅"}, base_dir=tmp_path)
    assert problems == []
    site = plan_site(config, dt.date(2026, 12, 1)).site
    overview = site.fiscal
    assert [u.unit for u in overview.units] == ["江川省交通运输厅", unit] and overview.years == (2024,)
    # each page leads back to the overview, the budget without figures too (a review found it had no way back)
    assert {p.record.source: (p.fiscal is not None, p.overview) for p in site.records} == {
        "a.md": (False, "lists/fiscal/overview/"), "b.md": (True, "lists/fiscal/overview/"),
        "u.md": (False, "lists/fiscal/overview/")}
    department, other = overview.units
    (row,) = department.tables[0].rows
    assert [(c.text, c.url) for c in row.cells[:2]] == [("部门预算", "records/015200371_2024-00001/"),
                                                        ("部门决算", "records/015200371_2025-00002/")]
    assert [c.text for c in row.cells[2:]] == ["—", "117.00", "—", "—", "—"]
    # the trend shows the years with figures only: the final account's, no budget trend of blanks
    assert [t.id for t in department.tables] == ["fiscal-years", "fiscal-trend-final-account"]
    assert [c.id for c in department.charts] == ["fiscal-trend-final-account-chart"]
    (row,) = other.tables[0].rows
    assert [(c.text, c.url) for c in row.cells[:2]] == [("部门预算", "records/015200371_2024-00003/"),
                                                        ("目录中没有", None)]
    assert [c.text for c in row.cells[2:]] == ["—"] * 5 and other.charts == () and len(other.tables) == 1
    # a record of the year without figures filed beside the budget with them (a 绩效目标 as kind: budget, later the same
    # day) does not take its place (a later review)
    (cat / "c.md").write_text(fiscal_record(4, 2024, "", published="2024-02-21", body="重点项目支出绩效目标。\n"),
                              encoding="utf-8")
    (cat / "a.md").write_text(fiscal_record(1, 2024, figures(GOOD_THIS), published="2024-02-20"), encoding="utf-8")
    department = plan_site(config, dt.date(2026, 12, 1)).site.fiscal.units[0]
    assert department.tables[0].rows[0].cells[0].url == "records/015200371_2024-00001/"


def test_csv_is_utf8_with_bom_and_holds_the_tables(tmp_path):
    plan = _plan(tmp_path, {"b.md": fiscal_record(2, 2024, figures(GOOD_THIS, GOOD_LAST), body=EXPLAINED)})
    (made,) = [f for f in plan.generated if f.dest.startswith("records/")]
    assert made.dest == "records/015200371_2024-00002/budget-2024.csv"
    assert made.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(made.content.decode("utf-8-sig"))))
    assert ["合计", "117.00", "120.60", "-3.60", "-2.99%"] in rows
    assert ["公务用车购置及运行费", "86.40", "88.50", "-2.10", "-2.37%"] in rows


# --- tables in 元 (some localities publish their 公开表格 in 元) ------------------------------------

@pytest.mark.parametrize("text, cents, why", [
    ("86432.50", 8643250, ""), ("86,432.50元", 8643250, ""), ("８６４３２．５", 8643250, ""),
    ("8.64万元", None, "万元"), ("86432.505", None, "两位"),
])
def test_amounts_in_yuan_read_exactly(text, cents, why):
    r = read_amount(text, "元")
    assert r.cents == cents and why in r.error
    assert read_amount("86432.50元").cents is None and "单位写成了“元”" in read_amount("86432.50元").error


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**13))
def test_a_figure_in_wanyuan_is_the_yuan_figure_rounded_half_up(fen):
    """Exact both ways where it can be: 万元 hundredths are whole 元 hundredths; 元 rounds to 0.01 万元 half up."""
    wan = converted(fen, "元", "万元")
    assert wan == int((Decimal(fen) / 10000).quantize(Decimal("1"), rounding="ROUND_HALF_UP"))
    assert converted(wan, "万元", "元") == wan * 10000 and converted(fen, "元", "元") == fen
    assert same_amount(fen, "元", wan, "万元") and same_amount(wan, "万元", fen, "元")
    assert not same_amount(fen, "元", wan + 1, "万元")


YUAN_THIS = sangong("0.00", "0.00", "864325.00", "186153.70", indent="    ")


def test_a_budget_in_yuan_is_read_checked_and_shown_in_yuan(tmp_path):
    """An office whose tables are in 元 could not enter them: 单位: 元 was refused, and the exact 万元 conversion had
    more than two decimals (a review)."""
    figs = figures(YUAN_THIS, running="12365800.00").replace("单位: 万元", "单位: 元")
    text = fiscal_record(2, 2024, figs + "\n  支出:\n    基本支出: 100.00\n    项目支出: 50.50\n    支出总计: 150.00")
    result = run(tmp_path, {"b.md": text})
    [p] = [p for p in result.problems if p.code.startswith("fiscal-")]
    assert p.code == "fiscal-total-mismatch" and "150.00 元" in p.message and "150.50 元" in p.message
    plan = _plan(tmp_path / "site", {"b.md": text.replace("支出总计: 150.00", "支出总计: 150.50")})
    (view,) = [r.fiscal for r in plan.site.records if r.fiscal is not None]
    assert {t.note for t in view.tables} == {"单位：元"} and view.charts[0].unit == "元"
    assert "<text" in view.charts[0].svg and ">元<" in view.charts[0].svg
    (made,) = [f for f in plan.generated if f.dest.startswith("records/")]
    rows = list(csv.reader(io.StringIO(made.content.decode("utf-8-sig"))))
    assert rows[1][1] == "单位：元" and ["公务用车运行费", "864325.00"] in rows


def test_the_configured_unit_is_every_records_own_and_a_record_may_say_its_own(tmp_path):
    plain = fiscal_record(2, 2024, figures(YUAN_THIS).replace("  单位: 万元\n", ""))
    assert codes(run(tmp_path, {"b.md": plain}, fiscal_unit="元"), "fiscal-amount-invalid") == []
    [p] = [p for p in run(tmp_path, {"b.md": plain.replace("864325.00", "864325.00元")}).problems
           if p.code == "fiscal-amount-invalid"]
    assert "单位写成了“元”" in p.message and "单位: 元" in p.hint
    bad = fiscal_record(2, 2024, figures(GOOD_THIS).replace("单位: 万元", "单位: 千元"))
    [p] = [p for p in run(tmp_path, {"b.md": bad}).problems if p.code == "fiscal-amount-invalid"]
    assert "千元" in p.message and "万元或元" in p.message


def test_last_years_figures_in_another_unit_are_compared_as_published(tmp_path):
    """Last year's 186,153.70 元 is this year's 上年 18.62 万元 (rounded half up); 18.61 is a mismatch, and the hint
    converts the figure for the editor."""
    y2023 = fiscal_record(1, 2023, figures(sangong("0.00", "0.00", "864325.00", "186153.70")).replace(
        "单位: 万元", "单位: 元"), published="2023-02-20")
    last = sangong("0.00", "0.00", "86.43", "18.62")
    y2024 = fiscal_record(2, 2024, figures(sangong("0.00", "0.00", "86.43", "18.62"), last))
    assert codes(run(tmp_path, {"a.md": y2023, "b.md": y2024}), "fiscal-prior-year-mismatch") == []
    off = y2024.replace("  上年三公经费:\n" + last, "  上年三公经费:\n" + sangong("0.00", "0.00", "86.43", "18.61"))
    result = run(tmp_path, {"a.md": y2023, "b.md": off})
    ms = [m for m in messages(result, "fiscal-prior-year-mismatch") if "公务接待费" in m]
    assert ms and "18.61 万元" in ms[0] and "186153.70 元" in ms[0] and "改为 18.62（万元，由上年的元换算" in ms[0]
    # the other way, 万元 last year and 元 this: 8.64 万元 is any 元 figure from 86350.00 to 86449.99, and the hint had
    # given 86400.00 as the one to publish (an audit)
    y2023 = fiscal_record(1, 2023, figures(sangong("8.64", "0.00", "86.43", "18.62")), published="2023-02-20")
    y2024 = fiscal_record(2, 2024, figures(sangong("0.00", "0.00", "864325.00", "186153.70"),
                                           sangong("86532.50", "0.00", "864325.00", "186153.70")).replace(
        "单位: 万元", "单位: 元"))
    (tmp_path / "other").mkdir()
    hints = [p.hint for p in run(tmp_path / "other", {"a.md": y2023, "b.md": y2024}).problems
             if p.code == "fiscal-prior-year-mismatch" and "因公出国" in p.message]
    assert hints and "86350.00 至 86449.99" in hints[0] and "86400.00" not in hints[0], hints


def test_a_budget_under_the_agencys_former_name_is_its_last_year(tmp_path):
    """After a renaming, with the old name in agency_former_names, last year's budget under the old name was no
    "last year": a wrong 上年 figure passed, and the overview showed the department as two units (an audit)."""
    from build_tools.views.fiscal import overview
    from build_tools.visibility import public_view
    y2023 = fiscal_record(1, 2023, figures(GOOD_LAST, running="1262.14"), published="2023-02-20").replace(
        "issuer: 江川省交通运输厅", "issuer: 江川省交通厅")
    wrong_last = sangong("12.00", "0.00", "88.00", "20.10")
    y2024 = fiscal_record(2, 2024, figures(GOOD_THIS, wrong_last, running="1236.58", running_last="1262.14"),
                          body=EXPLAINED + "机关运行经费减少25.56万元，减少23.42万元。运行费减少1.60万元，合计减少3.10万元。")
    result = run(tmp_path, {"a.md": y2023, "b.md": y2024}, agency="江川省交通运输厅",
                 agency_former_names=["江川省交通厅"])
    assert ("b.md", line_of(y2024, "公务用车运行费", "上年三公经费"), "figures") in codes(
        result, "fiscal-prior-year-mismatch")
    seen = overview(public_view(result.catalogue, result.graph, dt.date(2026, 1, 1)), "江川省交通运输厅", ["江川省交通厅"])
    assert [u.unit for u in seen.units] == ["江川省交通运输厅"]


def test_the_overview_shows_a_units_years_in_yuan_when_any_is(tmp_path):
    files = {"a.md": fiscal_record(1, 2023, figures(sangong("0.00", "0.00", "864325.00", "186153.70")).replace(
                 "单位: 万元", "单位: 元"), published="2023-02-20"),
             "b.md": fiscal_record(2, 2024, figures(sangong("0.00", "0.00", "86.43", "18.62"),
                                                    sangong("0.00", "0.00", "86.43", "18.62")))}
    overview = _plan(tmp_path, files).site.fiscal
    (unit,) = overview.units
    assert {t.note for t in unit.tables} == {"单位：元"} and {c.unit for c in unit.charts} == {"元"}
    rows = {row.label: [c.text for c in row.cells] for row in unit.tables[0].rows}
    assert rows["2024年"][2] == "1050500.00" and rows["2023年"][2] == "1050478.70"


def test_last_years_total_rounded_from_yuan_passes_though_its_rounded_parts_do_not_add_up(tmp_path):
    """Last year's 100,050 and 162,050 元 are 10.01 and 16.21 万元 each, but their total 1,083,100 元 is 108.31: the
    total that is last year's passes, though the rounded parts add up to 108.32 (a review: no figure passed both)."""
    y2024 = fiscal_record(1, 2024, figures(sangong("100050.00", "0.00", "821000.00", "162050.00", total="1083100.00"))
                          .replace("单位: 万元", "单位: 元"), published="2024-02-20")
    last = sangong("10.01", "0.00", "82.10", "16.21", total="108.31")
    y2025 = fiscal_record(2, 2025, figures(sangong("10.01", "0.00", "82.10", "16.21", total="108.32"), last))
    result = run(tmp_path, {"a.md": y2024, "b.md": y2025})
    assert [p.code for p in result.problems if p.code.endswith("mismatch")] == []
    wrong = y2025.replace("合计: 108.31", "合计: 108.30")
    codes_found = {p.code for p in run(tmp_path, {"a.md": y2024, "b.md": wrong}).problems}
    assert {"fiscal-total-mismatch", "fiscal-prior-year-mismatch"} <= codes_found


@pytest.mark.parametrize("said, explained", [
    ("公务接待费减少8,000元。", True), ("公务接待费减少8000.00元。", True), ("公务接待费减少0.80万元。", True),
    ("公务接待费减少8,000万元。", False), ("公务接待费减少18,000元。", False),
])
def test_a_change_in_a_yuan_table_is_explained_as_offices_write_it(tmp_path, said, explained):
    """减少8,000元 in the 正文 of a table in 元 was no explanation: only 8000.00 was looked for (a review)."""
    this, last = sangong("0.00", "0.00", "0.00", "178000.00"), sangong("0.00", "0.00", "0.00", "186000.00")
    text = fiscal_record(2, 2025, figures(this, last).replace("单位: 万元", "单位: 元"), body=said + "\n")
    warned = [p for p in run(tmp_path, {"b.md": text}).problems
              if p.code == "fiscal-change-unexplained" and "公务接待费" in p.message]
    assert (not warned) == explained, [p.message for p in warned]
    if warned:
        assert "减少8,000元" in warned[0].hint


def test_every_fiscal_code_has_a_test():
    assert FISCAL_COVERED == {c for c in CODES if c.startswith("fiscal-")}


def test_a_chart_does_not_change_with_whether_lxml_is_installed():
    # pygal writes through lxml when it can import it; a dependency that brings lxml in must not
    # change a chart's bytes (the pages' cache keys and the reproducible build rely on them).
    pytest.importorskip("lxml")
    from pygal.etree import etree
    figures = [Series("2025年预算数", tuple(Decimal(x) for x in ("10.00", "45.00", "79.35", "15.40")))]
    plain = grouped_bars("c", "“三公”经费", CHART_PARTS, figures)
    trend = trend_lines("t", "“三公”经费", [2024, 2025], [Series("合计", (Decimal("1.00"), Decimal("2.50")))])
    etree.to_lxml()
    try:
        assert grouped_bars("c", "“三公”经费", CHART_PARTS, figures) == plain
        assert trend_lines("t", "“三公”经费", [2024, 2025], [Series("合计", (Decimal("1.00"), Decimal("2.50")))]) == trend
    finally:
        etree.to_etree()


def test_one_item_written_twice_under_two_spellings_is_said(tmp_path):
    """因公出国（境）费 and, pasted from last year's Excel further down, 因公出国(境)费: the later silently won, and the
    page, the CSV and the chart showed it (an audit).  The second is said, at its line."""
    twice = sangong() + "\n    因公出国(境)费: 10.00"
    text = fiscal_record(1, 2024, figures(twice))
    result = run(tmp_path, {"a.md": text})
    found = [(p.line, p.code) for p in result.problems if p.code == "yaml-duplicate-key"]
    assert found == [(line_of(text, "因公出国(境)费"), "yaml-duplicate-key")]
    assert "因公出国（境）费" in next(p.message for p in result.problems if p.code == "yaml-duplicate-key")


@pytest.mark.parametrize("typed, meant", [(2042, 2024), (2014, 2024), (2034, 2024)])
def test_a_budgets_year_far_from_its_dates_is_mistyped(tmp_path, typed, meant):
    """fiscal_year 2042 for the 2024 budget (approved 2024-02-05, published 2024-02-20) passed: the 2024 budget left
    the overview, the 2025 one lost its comparison with the year before, and the editor was asked for budgets of
    fifteen years to come (a review).  It is invalid-year, with the year most likely meant."""
    from build_tools.config import options_to_config
    from build_tools.pipeline import check_catalogue
    budget = (Path(__file__).resolve().parent.parent / "catalogue" / "budgets" / "2024-00001-yusuan-2024.md").read_text(encoding="utf-8")
    assert "fiscal_year: 2024" in budget
    (tmp_path / "catalogue" / "budgets").mkdir(parents=True)
    (tmp_path / "catalogue" / "budgets" / "b.md").write_text(budget.replace("fiscal_year: 2024", f"fiscal_year: {typed}"),
                                                            encoding="utf-8")
    config, _ = options_to_config({}, base_dir=tmp_path)
    problems = [p for p in check_catalogue(config, dt.date(2026, 12, 7)).problems if p.key == "fiscal_year"]
    assert [p.code for p in problems] == ["invalid-year"], problems
    assert f"fiscal_year: {meant}" in problems[0].hint


@pytest.mark.parametrize("approved, published", [("2021-02-05", "2023-08-15"), (None, "2023-08-15")])
def test_a_budget_published_late_keeps_its_year(tmp_path, approved, published):
    """The 2021 budget approved 2021-02-05 and published in 2023 (补充公开) was refused as a mistyped year, and the
    hint named 2023 (a review of the year check): its 批复日期 says its year; without one, a publication up to
    three years late is no slip."""
    from build_tools.config import options_to_config
    from build_tools.pipeline import check_catalogue
    budget = (Path(__file__).resolve().parent.parent / "catalogue" / "budgets" / "2024-00001-yusuan-2024.md"
              ).read_text(encoding="utf-8")
    text = re.sub(r"approved: .*\n", f"approved: {approved}\n" if approved else "", budget)
    text = re.sub(r"published: .*\n", f"published: {published}\n", text).replace("fiscal_year: 2024", "fiscal_year: 2021")
    (tmp_path / "catalogue" / "budgets").mkdir(parents=True)
    (tmp_path / "catalogue" / "budgets" / "b.md").write_text(text, encoding="utf-8")
    config, _ = options_to_config({}, base_dir=tmp_path)
    assert [p for p in check_catalogue(config, dt.date(2026, 12, 7)).problems if p.code == "invalid-year"] == []


@pytest.mark.parametrize("name, year, meant", [("2026-00002-yusuan-2026.md", 2025, 2026),
                                               ("2026-00004-juesuan-2025.md", 2024, 2025)])
def test_a_record_copied_from_last_years_keeping_its_year_is_told_the_year_not_to_change_its_prior_figures(
        tmp_path, name, year, meant):
    """The 2026 budget (approved 2026-02-05) started from the 2025 record, fiscal_year: 2025 left; the 2025 决算
    (approved 2026-07-28) from the 2024 one, fiscal_year: 2024: no budget is approved after its year, no 决算 two
    years after.  Both passed the year check; the record took last year's place (the overview's 执行率 144.49%)
    and six fiscal-prior-year-mismatch told the editor to overwrite the correct 上年 figures (a review)."""
    from build_tools.config import options_to_config
    from build_tools.pipeline import check_catalogue
    source = Path(__file__).resolve().parent.parent / "catalogue" / "budgets"
    (tmp_path / "catalogue" / "budgets").mkdir(parents=True)
    for f in source.iterdir():
        data = f.read_bytes()
        if f.name == name:
            assert f"fiscal_year: {meant}".encode() in data
            data = data.replace(f"fiscal_year: {meant}".encode(), f"fiscal_year: {year}".encode())
        (tmp_path / "catalogue" / "budgets" / f.name).write_bytes(data)
    config, _ = options_to_config({}, base_dir=tmp_path)
    problems = [p for p in check_catalogue(config, dt.date(2026, 12, 7)).problems if p.file == f"budgets/{name}"]
    assert [p.code for p in problems if p.severity.value == "error"] == ["invalid-year"], problems
    assert f"fiscal_year: {meant}" in problems[0].hint and "fiscal-prior-year-mismatch" not in {p.code for p in problems}


def test_the_three_items_under_the_names_published_tables_give_them_are_read(tmp_path):
    """因公出国（境）经费, 公务用车运行维护费, 公务用车购置及运行维护费: the names many localities' tables give the rows
    were refused as no items of the 三公经费, and the budget kept off the site (an audit)."""
    named = (sangong().replace("因公出国（境）费", "因公出国（境）经费").replace("公务用车运行费", "公务用车运行维护费")
             + "\n    公务用车购置及运行维护费: 86.40")
    result = run(tmp_path, {"a.md": fiscal_record(1, 2024, figures(named))})
    assert [p.code for p in result.problems if p.severity.value == "error"] == []
    assert len(result.catalogue.records) == 1


_NUMBER_TEXT = st.text(alphabet="0123456789.,　 \n万元减少增加２٣", max_size=40)


@settings(max_examples=400, deadline=None)
@given(body=_NUMBER_TEXT, number=st.sampled_from(["1", "12", "1.10", "0.80", "8000", "12.10", "2.1"]),
       no_dot_after=st.booleans(), unit=st.sampled_from(["", "万元", "元"]))
def test_number_places_are_where_the_regular_expression_finds_the_amount(body, number, no_dot_after, unit):
    """The explanation check finds an amount without a pattern for each: the places are the matches of
    the pattern it stands for, on text of digits (full-width and Arabic-Indic too), dots, spaces and units."""
    from build_tools.checks.fiscal import number_places
    after = r"(?![\d.])" if no_dot_after else r"(?![\d])"
    pattern = rf"(?<![\d.]){re.escape(number)}{after}" + (rf"\s*{unit}" if unit else "")
    for text in (body, body.replace(",", number), number + body + number + unit):
        assert list(number_places(text, number, no_dot_after, unit)) == [m.start() for m in re.finditer(pattern, text)]
