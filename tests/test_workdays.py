"""Tests for build_tools.workdays: working days on China's official calendar.

Every expected date below was checked against chinesecalendar 1.11.0 (and,
for the holidays and 调休 days named in comments, against the State Council
notice) before being written down.  Weekday names are given so a reader can
check them on a wall calendar.
"""

from __future__ import annotations

import functools
import pickle
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
import yaml

from build_tools.workdays import (
    CalendarConfigError,
    CalendarDataMissing,
    WorkdayCalendar,
    library_years,
    statutory_days,
)

D = date.fromisoformat
CAL = WorkdayCalendar()

# An illustrative 2027 schedule, NOT the real notice (not yet issued when this
# was written): 2027-01-01 is a Friday; 2027-02-05 (除夕) and 2027-02-08..12 Mon–Fri
# off; Saturday 2027-02-20 a make-up working day; every statutory holiday on a weekday
# (清明 04-05, 端午 06-09, 中秋 09-15, 国庆 10-01) off, as a schedule must have them.
SCHEDULE_2027 = {
    "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12",
                 "2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06",
                 "2027-10-07"],
    "workdays": ["2027-02-20"],
}


@functools.cache
def library_is_workday(day: date) -> bool:
    # Memoised only to keep the brute-force tests quick; the answer is the
    # library's own.
    return chinese_calendar.is_workday(day)


def naive_add(start: date, n: int) -> date:
    """Reference implementation straight over chinese_calendar.is_workday."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if library_is_workday(day):
            counted += 1
    return day


def naive_between(start: date, end: date) -> int:
    return sum(library_is_workday(start + timedelta(days=i))
               for i in range(1, (end - start).days + 1))


# --- the library's data, as the tests rely on it -------------------------------


@pytest.mark.parametrize(("day", "working"), [
    ("2024-09-29", True),   # Sun, 国庆 make-up day
    ("2024-09-30", True),   # Mon
    ("2024-10-01", False),  # Tue, 国庆
    ("2024-10-07", False),  # Mon, 国庆 (last day)
    ("2024-10-08", True),   # Tue
    ("2024-10-12", True),   # Sat, 国庆 make-up day
    ("2024-10-13", False),  # Sun
    ("2025-01-26", True),   # Sun, 春节 make-up day
    ("2025-01-28", False),  # Tue, 除夕
    ("2025-02-04", False),  # Tue, last day of 春节
    ("2025-02-05", True),   # Wed
    ("2025-02-08", True),   # Sat, 春节 make-up day
    ("2026-09-20", True),   # Sun, 国庆 make-up day of the 2026 notice
    ("2026-10-01", False),  # Thu, 国庆
    ("2026-10-10", True),   # Sat, 国庆 make-up day
    ("2018-12-29", True),   # Sat, made a working day by the 2019 notice
    ("2018-12-31", False),  # Mon, made a day off by the 2019 notice
])
def test_is_workday_real_days(day, working):
    assert chinese_calendar.is_workday(D(day)) is working  # the library agrees
    assert CAL.is_workday(D(day)) is working


def test_2025_spring_festival_days_off():
    off = [D("2025-01-28") + timedelta(days=i) for i in range(8)]  # 01-28 .. 02-04
    assert off[-1] == D("2025-02-04")
    assert [CAL.is_workday(d) for d in off] == [False] * 8


def test_verified_years_come_from_the_library():
    years = CAL.verified_years
    assert years == library_years()
    assert {2004, 2024, 2025, 2026} <= years
    assert 2003 not in years and 2027 not in years
    # Contiguous, so no year inside the range is silently unsupported.
    assert years == frozenset(range(min(years), max(years) + 1))


def test_agrees_with_library_everywhere_except_the_known_correction():
    # chinesecalendar 1.11.0 treats 2005-12-31 (Sat) as a day off, but the
    # 2006 notice (国办发明电〔2005〕35号) says "12月31日（星期六）上班".
    # No guard here: late December 2026 is covered by the library but would
    # (rightly) be refused by the default guard while 2027 is unverified.
    cal = WorkdayCalendar(year_end_guard=None)
    differences = []
    for year in sorted(cal.verified_years):
        day = date(year, 1, 1)
        while day.year == year:
            if cal.is_workday(day) != chinese_calendar.is_workday(day):
                differences.append(day)
            day += timedelta(days=1)
    assert differences == [D("2005-12-31")]
    assert CAL.is_workday(D("2005-12-31")) is True
    assert CAL.add_workdays(D("2005-12-30"), 1) == D("2005-12-31")


# --- add_workdays around 国庆 2024 ----------------------------------------------


@pytest.mark.parametrize(("start", "n", "due"), [
    # Fri 09-27: Sun 09-29 (make-up) is 1st, Mon 09-30 2nd, 10-01..07 off, Tue 10-08 3rd.
    ("2024-09-27", 1, "2024-09-29"),
    ("2024-09-27", 3, "2024-10-08"),
    # Mon 09-30: 10-08, 10-09, 10-10.
    ("2024-09-30", 3, "2024-10-10"),
    # Sat 09-28 (a day off): the make-up Sunday is the very next working day.
    ("2024-09-28", 1, "2024-09-29"),
    # Start on a holiday: the start still never counts.
    ("2024-10-01", 1, "2024-10-08"),
    ("2024-10-03", 3, "2024-10-10"),
    ("2024-10-05", 3, "2024-10-10"),
    # 20 working days across 国庆: 09-29, 09-30, 10-08..11, Sat 10-12, 10-14..18,
    # 10-21..25, 10-28, 10-29, 10-30.
    ("2024-09-27", 20, "2024-10-30"),
    ("2024-09-30", 20, "2024-11-01"),
])
def test_add_workdays_national_day_2024(start, n, due):
    assert CAL.add_workdays(D(start), n) == D(due)
    assert naive_add(D(start), n) == D(due)


@pytest.mark.parametrize(("start", "n", "due"), [
    # Fri 01-24: Sun 01-26 (make-up) 1st, Mon 01-27 2nd, 01-28..02-04 off, Wed 02-05 3rd.
    ("2025-01-24", 3, "2025-02-05"),
    ("2025-01-27", 3, "2025-02-07"),
    ("2025-01-25", 1, "2025-01-26"),
    # 02-05..07 (3), Sat 02-08 (4), then five-day weeks: 02-14 (9), 02-21 (14),
    # 02-28 (19), Mon 03-03 (20).
    ("2025-01-27", 20, "2025-03-03"),
    ("2025-01-20", 20, "2025-02-21"),
    ("2025-02-03", 4, "2025-02-08"),
])
def test_add_workdays_spring_festival_2025(start, n, due):
    assert CAL.add_workdays(D(start), n) == D(due)
    assert naive_add(D(start), n) == D(due)


@pytest.mark.parametrize(("start", "n", "due"), [
    ("2026-09-18", 1, "2026-09-20"),  # Fri -> Sun 09-20, a make-up working day
    ("2026-09-19", 1, "2026-09-20"),
    ("2026-09-18", 3, "2026-09-22"),
    ("2026-09-24", 3, "2026-09-30"),  # 09-25 (Fri) is 中秋, 09-26/27 its weekend
])
def test_add_workdays_2026_makeup_sunday(start, n, due):
    assert chinese_calendar.is_workday(D("2026-09-20"))
    assert D("2026-09-20").weekday() == 6
    assert CAL.add_workdays(D(start), n) == D(due)


def test_add_workdays_zero_is_the_same_day():
    assert CAL.add_workdays(D("2024-10-01"), 0) == D("2024-10-01")  # even on a holiday
    assert CAL.add_workdays(D("2024-09-30"), 0) == D("2024-09-30")
    # The same-day rule needs no calendar data at all.
    assert CAL.add_workdays(D("2031-05-05"), 0) == D("2031-05-05")


def test_add_workdays_rejects_negative_and_non_int():
    with pytest.raises(ValueError):
        CAL.add_workdays(D("2024-09-30"), -1)
    with pytest.raises(TypeError):
        CAL.add_workdays(D("2024-09-30"), 1.0)


def test_datetime_is_taken_as_its_date():
    assert CAL.add_workdays(datetime(2024, 9, 30, 17, 45), 3) == D("2024-10-10")
    assert CAL.is_workday(datetime(2024, 10, 12, 9, 0)) is True


def test_add_workdays_across_a_year_boundary():
    # Tue 2024-12-31: 2025-01-01 off, Thu 01-02 and Fri 01-03.
    assert CAL.add_workdays(D("2024-12-31"), 2) == D("2025-01-03")
    # A span that skips a whole year.
    assert CAL.add_workdays(D("2023-12-31"), 251 + 248) == D("2025-12-31")


# --- workdays_between and days_late ----------------------------------------------


@pytest.mark.parametrize(("start", "end", "count"), [
    ("2024-09-27", "2024-10-08", 3),   # 09-29, 09-30, 10-08
    ("2024-09-28", "2024-10-07", 2),   # 09-29, 09-30; the holiday adds none
    ("2024-09-30", "2024-10-14", 6),   # 10-08..12 (Sat included), 10-14
    ("2025-01-27", "2025-02-10", 5),   # 02-05, 02-06, 02-07, Sat 02-08, 02-10
    ("2024-01-01", "2024-12-31", 251),
    ("2023-12-31", "2024-12-31", 251),
    ("2024-12-31", "2025-12-31", 248),
    ("2023-12-31", "2025-12-31", 499),
])
def test_workdays_between(start, end, count):
    assert CAL.workdays_between(D(start), D(end)) == count
    assert naive_between(D(start), D(end)) == count


def test_workdays_between_is_zero_when_end_not_after_start():
    assert CAL.workdays_between(D("2024-10-08"), D("2024-10-08")) == 0
    assert CAL.workdays_between(D("2024-10-08"), D("2024-09-27")) == 0
    # Symmetric pair: one way counts, the other is zero, never negative.
    assert CAL.workdays_between(D("2024-09-27"), D("2024-10-08")) == 3
    # Nothing to count means no calendar data needed, even for 2027.
    assert CAL.workdays_between(D("2027-03-01"), D("2027-02-01")) == 0


def test_workdays_between_inverts_add_workdays():
    start = D("2024-09-27")
    for n in range(0, 30):
        due = CAL.add_workdays(start, n)
        assert CAL.workdays_between(start, due) == n
        if n:
            # The due date is the first day reaching n.
            assert CAL.workdays_between(start, due - timedelta(days=1)) == n - 1


def test_days_late():
    # An interpretation of a policy published Fri 2024-09-27 is due Tue 10-08.
    due = CAL.add_workdays(D("2024-09-27"), 3)
    assert due == D("2024-10-08")
    assert CAL.days_late(due, D("2024-10-08")) == 0  # on the day
    assert CAL.days_late(due, D("2024-10-01")) == 0  # early, during the holiday
    assert CAL.days_late(due, D("2024-09-28")) == 0
    assert CAL.days_late(due, D("2024-10-09")) == 1
    assert CAL.days_late(due, D("2024-10-12")) == 4  # Sat 10-12 is a working day
    assert CAL.days_late(due, D("2024-10-13")) == 4  # Sun 10-13 is not
    # Due Mon 09-30, published Tue 10-08 after the holiday: only 1 working day late.
    assert CAL.days_late(D("2024-09-30"), D("2024-10-08")) == 1


# --- missing years and the year-end guard -----------------------------------------


def test_2027_date_raises_naming_2027():
    with pytest.raises(CalendarDataMissing) as info:
        CAL.is_workday(D("2027-01-04"))
    exc = info.value
    assert exc.year == 2027
    assert exc.day == D("2027-01-04")
    assert str(exc) == (
        "没有 2027 年的法定节假日安排数据（计算 2027-01-04 时需要）。"
        "请在 mkdocs.yml 的 catalogue 插件 calendar.years 中按国务院办公厅通知"
        "补充 2027 年的放假和调休日期。"
    )


def test_years_before_the_library_raise():
    with pytest.raises(CalendarDataMissing) as info:
        CAL.add_workdays(D("2003-12-01"), 3)
    assert info.value.year == 2003
    assert "2003" in str(info.value)


def test_a_start_on_31_december_of_a_year_without_data_needs_nothing_of_that_year():
    # The start day never counts: from Wed 2003-12-31 the first counted day is 2004-01-01 (元旦, library data).
    # Counting 2003's working days asked the library about 2003, and its NotImplementedError crashed the check
    # (a review: rules_from.disclosure 2003-01-01, a notice written 2003-12-31, published 2004-01-26).
    start, end = D("2003-12-31"), D("2004-01-26")
    assert CAL.workdays_between(start, end) == naive_between(start, end)
    assert CAL.days_late(start, end) == naive_between(start, end)
    with pytest.raises(CalendarDataMissing) as info:
        CAL.workdays_between(D("2003-12-30"), end)
    assert (info.value.year, info.value.day) == (2003, D("2003-12-31"))


def test_the_librarys_own_error_for_a_year_it_lacks_is_calendar_data_missing(monkeypatch):
    # Were a year counted verified that the library has no data for, its NotImplementedError must still not
    # escape: every public function answers or raises CalendarDataMissing.
    import build_tools.workdays as workdays
    monkeypatch.setattr(workdays, "library_years", lambda: frozenset({2003}) | library_years())
    cal = workdays.WorkdayCalendar()
    for call in (lambda: cal.is_workday(D("2003-06-02")),
                 lambda: cal.add_workdays(D("2003-06-02"), 1),
                 lambda: cal.workdays_between(D("2003-06-02"), D("2004-01-05")),
                 lambda: cal.days_late(D("2003-06-02"), D("2004-01-05"))):
        with pytest.raises(CalendarDataMissing) as info:
            call()
        assert info.value.year == 2003


def test_every_operation_raises_instead_of_guessing():
    for call in (
        lambda: CAL.add_workdays(D("2027-03-01"), 1),
        lambda: CAL.workdays_between(D("2027-03-01"), D("2027-03-10")),
        lambda: CAL.days_late(D("2027-03-01"), D("2027-03-10")),
    ):
        with pytest.raises(CalendarDataMissing) as info:
            call()
        assert info.value.year == 2027
        assert info.value.day == D("2027-03-02")


def test_year_end_guard_needs_next_year():
    with pytest.raises(CalendarDataMissing) as info:
        CAL.is_workday(D("2026-12-28"))
    assert info.value.year == 2027
    assert info.value.day == D("2026-12-28")
    assert "2027" in str(info.value) and "2026-12-28" in str(info.value)


def test_year_end_guard_boundary():
    assert CAL.is_workday(D("2026-12-18")) is True   # Fri
    assert CAL.is_workday(D("2026-12-19")) is False  # Sat, before the guard
    with pytest.raises(CalendarDataMissing):
        CAL.is_workday(D("2026-12-20"))
    assert CAL.add_workdays(D("2026-12-17"), 1) == D("2026-12-18")
    # Fri 12-18 + 1 passes Sat 12-19 and Sun 12-20: the 2027 notice could make
    # either a working day, so it must not answer Mon 12-21 yet.
    with pytest.raises(CalendarDataMissing) as info:
        CAL.add_workdays(D("2026-12-18"), 1)
    assert (info.value.year, info.value.day) == (2027, D("2026-12-20"))
    with pytest.raises(CalendarDataMissing) as info:
        CAL.workdays_between(D("2026-12-01"), D("2027-01-10"))
    assert (info.value.year, info.value.day) == (2027, D("2026-12-20"))


def test_year_end_guard_within_verified_years_is_silent():
    # 2025's late December is fine because 2026 is verified.
    assert CAL.add_workdays(D("2025-12-30"), 3) == naive_add(D("2025-12-30"), 3)
    # The 2018 case the guard exists for: the library carries the 2019 notice.
    assert CAL.add_workdays(D("2018-12-28"), 1) == D("2018-12-29")
    assert CAL.add_workdays(D("2018-12-29"), 1) == D("2019-01-02")


def test_extra_years_satisfies_the_guard():
    cal = WorkdayCalendar(extra_years=frozenset({2027}))
    assert cal.is_workday(D("2026-12-28")) is True
    assert cal.add_workdays(D("2026-12-18"), 1) == D("2026-12-21")
    assert 2027 in cal.verified_years


def test_guard_can_be_disabled():
    cal = WorkdayCalendar(year_end_guard=None)
    assert cal.is_workday(D("2026-12-28")) is True
    assert cal.add_workdays(D("2026-12-28"), 3) == D("2026-12-31")
    # But crossing into 2027 itself still needs 2027.
    with pytest.raises(CalendarDataMissing) as info:
        cal.add_workdays(D("2026-12-30"), 2)
    assert (info.value.year, info.value.day) == (2027, D("2027-01-01"))


def test_calendar_data_missing_pickles():
    exc = pickle.loads(pickle.dumps(CalendarDataMissing(2027, D("2026-12-28"))))
    assert (exc.year, exc.day) == (2027, D("2026-12-28"))
    assert "2027" in str(exc)


# --- configuration ----------------------------------------------------------------


def test_from_config_none_is_the_default():
    assert WorkdayCalendar.from_config(None) == WorkdayCalendar()
    assert WorkdayCalendar.from_config({}) == WorkdayCalendar()


def test_configured_2027_schedule_makes_2027_computable():
    cal = WorkdayCalendar.from_config({"years": {2027: SCHEDULE_2027}})
    assert 2027 in cal.verified_years
    assert cal.is_workday(D("2026-12-28")) is True
    assert cal.is_workday(D("2027-01-01")) is False
    assert cal.is_workday(D("2027-01-04")) is True
    # Wed 2026-12-30: Thu 12-31, then 01-01 off, weekend, Mon 01-04, Tue 01-05.
    assert cal.add_workdays(D("2026-12-30"), 3) == D("2027-01-05")
    # Fri 02-05: 02-08..12 off, weekend -> Mon 02-15.
    assert cal.add_workdays(D("2027-02-05"), 1) == D("2027-02-15")
    # Fri 02-19 -> Sat 02-20, the configured make-up day.
    assert cal.add_workdays(D("2027-02-19"), 1) == D("2027-02-20")
    assert cal.workdays_between(D("2027-02-05"), D("2027-02-20")) == 6
    # The guard now moves on to 2028.
    with pytest.raises(CalendarDataMissing) as info:
        cal.is_workday(D("2027-12-28"))
    assert info.value.year == 2028


def test_config_from_yaml_text():
    # What mkdocs.yml actually hands over: YAML parses the dates itself, the
    # year key is an int, and an unquoted 12-20 stays a string.
    config = yaml.safe_load("""
years:
  2027:
    holidays: [2027-01-01, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12, 2027-04-05, 2027-06-09, 2027-09-15, 2027-10-01, 2027-10-04, 2027-10-05, 2027-10-06, 2027-10-07]
    workdays: [2027-02-20]
holidays: [2025-06-10]
year_end_guard: 12-20
""")
    assert isinstance(config["holidays"][0], date)
    cal = WorkdayCalendar.from_config(config)
    assert cal == WorkdayCalendar.from_config({"years": {"2027": SCHEDULE_2027},
                                               "holidays": ["2025-06-10"]})
    assert cal.year_end_guard == (12, 20)
    assert cal.add_workdays(D("2027-02-19"), 1) == D("2027-02-20")


def test_configured_local_holiday_turns_a_working_day_off():
    assert CAL.is_workday(D("2025-06-10")) is True  # an ordinary Tuesday
    cal = WorkdayCalendar.from_config({"holidays": ["2025-06-10"]})
    assert cal.is_workday(D("2025-06-10")) is False
    # Mon 06-09 + 1 skips the local holiday.
    assert cal.add_workdays(D("2025-06-09"), 1) == D("2025-06-11")
    assert CAL.add_workdays(D("2025-06-09"), 1) == D("2025-06-10")
    # It does not make its year verified.
    assert 2027 not in WorkdayCalendar.from_config({"holidays": ["2027-06-10"]}).verified_years


def test_configured_workday_wins_over_a_library_holiday():
    cal = WorkdayCalendar.from_config({"workdays": [date(2024, 10, 7)]})
    assert cal.is_workday(D("2024-10-07")) is True
    assert cal.add_workdays(D("2024-09-30"), 1) == D("2024-10-07")


def test_configured_year_the_library_lacks_is_a_complete_schedule():
    # A year in `years:` the library does not have: only weekends and the configured days count.
    year = max(library_years()) + 1
    cal = WorkdayCalendar.from_config({"years": {year: {"holidays": _statutory_weekdays(year)}}})
    assert cal.is_workday(date(year, 1, 1)) is False
    monday = next(date(year, 11, d) for d in range(1, 8) if date(year, 11, d).weekday() == 0)
    assert cal.is_workday(monday) is True  # not configured: an ordinary weekday
    assert year in cal.verified_years


def _statutory_weekdays(year: int, *more: str) -> list[str]:
    return sorted({*(d.isoformat() for d in statutory_days(year) if d.weekday() < 5), *more})


def test_a_configured_year_without_a_statutory_holiday_is_refused_naming_it():
    """Only 元旦 listed for 2027 (to clear the calendar-data-missing errors, as their hint shows it) was accepted:
    every other weekday of 2027 was a working day, Spring Festival too, and an interpretation on time was
    reported 逾期 1 个工作日 (an audit)."""
    with pytest.raises(CalendarConfigError) as info:
        WorkdayCalendar.from_config({"years": {2027: {"holidays": ["2027-01-01"]}}})
    [(key, message)] = info.value.problems
    assert key == "years.2027.holidays"
    assert "2027-02-05（农历除夕）、2027-02-08（春节）、2027-04-05（清明节）" in message and "2027-01-01" not in message
    assert "全年的放假日期（holidays）和调休上班日期（workdays）" in message
    full = WorkdayCalendar.from_config({"years": {2027: {"holidays": _statutory_weekdays(2027)}}})
    assert full.is_workday(D("2027-02-05")) is False and full.is_workday(D("2027-02-04")) is True


def test_the_statutory_holidays_are_the_laws_and_every_schedule_has_them_off():
    """The lunar dates come from the holidays package: 13 days from 2025 (全国年节及纪念日放假办法, 2024
    revision), 11 before, and each on a weekday is off in every schedule the official library carries."""
    assert len(statutory_days(2024)) == 11 and len(statutory_days(2025)) == len(statutory_days(2027)) == 13
    assert {d for d in statutory_days(2027)} >= {D("2027-02-05"), D("2027-02-06"), D("2027-02-08"), D("2027-09-15")}
    for year in sorted(library_years() - set(range(2004, 2008))):  # 清明, 端午 and 中秋 from 2008
        for day in statutory_days(year):
            assert day.weekday() >= 5 or not CAL.is_workday(day), (year, day)


def test_configured_year_the_library_has_keeps_its_schedule_with_the_days_over_it():
    """`years.2026: holidays: [2026-12-31]` (a day the next notice moved) wiped 2026's Spring Festival, National Day
    and make-up days: an on-time 解读 was 逾期 4 个工作日, due on a National Day holiday (found by an audit)."""
    cal = WorkdayCalendar.from_config({"years": {2026: {"holidays": ["2026-12-31", "2026-01-01"]}},
                                       "year_end_guard": None})
    assert cal.is_workday(D("2026-12-31")) is False   # the configured day
    assert cal.is_workday(D("2026-10-01")) is False   # National Day, from the library
    assert cal.is_workday(D("2026-02-28")) is True    # a make-up Saturday, from the library
    assert cal.add_workdays(D("2026-09-30"), 3) == D("2026-10-10")
    assert cal.add_workdays(D("2026-02-26"), 3) == D("2026-03-02")
    full = {"holidays": [d.isoformat() for d in chinese_calendar.holidays if d.year == 2026 and d.weekday() < 5],
            "workdays": [d.isoformat() for d in chinese_calendar.workdays if d.year == 2026 and d.weekday() >= 5]}
    copied = WorkdayCalendar.from_config({"years": {2026: full}, "year_end_guard": None})  # the library's notice
    library = WorkdayCalendar.from_config({"year_end_guard": None})
    assert all(copied.is_workday(date(2026, 1, 1) + timedelta(n)) is library.is_workday(date(2026, 1, 1) + timedelta(n))
               for n in range(365))


def test_a_day_of_another_year_is_pointed_to_the_top_level_lists():
    with pytest.raises(CalendarConfigError) as raised:
        WorkdayCalendar.from_config({"years": {2027: {"holidays": ["2026-12-31", *_statutory_weekdays(2027)]}}})
    [(key, message)] = raised.value.problems
    assert key == "years.2027.holidays[0]" and "顶层的 holidays" in message and "years.2026" not in message


def test_dates_pasted_with_an_invisible_character_or_full_width_digits_are_read():
    """A date pasted into mkdocs.yml with a zero-width space was refused, and its message showed a good date (a
    review): it is read, as the records' dates are; one that is no date names what it holds."""
    cal = WorkdayCalendar.from_config({"holidays": ["2025-03-03\u200b", "２０２５-０３-０４"], "year_end_guard": "12-25\u200b"})
    assert cal.is_workday(D("2025-03-03")) is False and cal.is_workday(D("2025-03-04")) is False
    assert cal.year_end_guard == (12, 25)
    with pytest.raises(CalendarConfigError) as raised:
        WorkdayCalendar.from_config({"holidays": ["2027-13-01\u200b"]})
    [(_, message)] = raised.value.problems
    assert "U+200B" in message or "[" in message, message


def test_year_end_guard_config():
    assert WorkdayCalendar.from_config({"year_end_guard": None}).year_end_guard is None
    assert WorkdayCalendar.from_config({"year_end_guard": "12-25"}).year_end_guard == (12, 25)
    cal = WorkdayCalendar.from_config({"year_end_guard": "12-25"})
    assert cal.is_workday(D("2026-12-24")) is True
    with pytest.raises(CalendarDataMissing):
        cal.is_workday(D("2026-12-25"))


@pytest.mark.parametrize(("config", "key"), [
    ({"holidays": ["2025-13-01"]}, "holidays[0]"),
    ({"holidays": ["2025/06/10"]}, "holidays[0]"),
    ({"holidays": ["2025-6-10"]}, "holidays[0]"),
    ({"holidays": ["2025-02-30"]}, "holidays[0]"),
    ({"holidays": [20250610]}, "holidays[0]"),
    ({"holidays": ["2025-06-10", "tomorrow"]}, "holidays[1]"),
    ({"holidays": [datetime(2025, 6, 10, 9, 0)]}, "holidays[0]"),
    ({"holidays": "2025-06-10"}, "holidays"),
    ({"workdays": {"a": 1}}, "workdays"),
    ({"years": {2027: {"holidays": ["2028-01-01"]}}}, "years.2027.holidays[0]"),
    ({"years": {2027: {"holidays": SCHEDULE_2027["holidays"], "workdays": ["2027-01-01"]}}}, "years.2027.workdays"),
    ({"years": {2027: {"holidays": []}}}, "years.2027.holidays"),
    ({"years": {2027: None}}, "years.2027"),
    ({"years": {"next": SCHEDULE_2027}}, "years.next"),
    ({"years": {2027: {**SCHEDULE_2027, "holiday": []}}}, "years.2027.holiday"),
    ({"years": ["2027"]}, "years"),
    ({"holiday": ["2025-06-10"]}, "holiday"),
    ({"year_end_guard": "12-32"}, "year_end_guard"),
    ({"year_end_guard": "December"}, "year_end_guard"),
    ({"year_end_guard": 1220}, "year_end_guard"),
])
def test_malformed_config_raises_value_error(config, key):
    with pytest.raises(ValueError) as info:
        WorkdayCalendar.from_config(config)
    assert isinstance(info.value, CalendarConfigError)
    assert [k for k, _ in info.value.problems] == [key]
    assert f"calendar.{key}" in str(info.value)


def test_malformed_config_reports_every_problem_at_once():
    with pytest.raises(CalendarConfigError) as info:
        WorkdayCalendar.from_config({
            "holidays": ["2025-13-01", "2025-06-10"],
            "workdays": ["2025-06-10", "bad"],
            "year_end_guard": "x",
        })
    assert [k for k, _ in info.value.problems] == [
        "holidays[0]", "workdays[1]", "workdays", "year_end_guard",
    ]
    assert "2025-13-01" in str(info.value)


def test_config_that_is_not_a_mapping():
    with pytest.raises(ValueError):
        WorkdayCalendar.from_config(["2025-06-10"])  # type: ignore[arg-type]


def test_direct_construction_validates():
    with pytest.raises(ValueError):
        WorkdayCalendar(extra_holidays=frozenset({D("2025-06-10")}),
                        extra_workdays=frozenset({D("2025-06-10")}))
    with pytest.raises(ValueError):
        WorkdayCalendar(year_end_guard=(2, 30))
    # Plain sets are accepted and frozen, so the calendar stays hashable.
    cal = WorkdayCalendar(extra_holidays={D("2025-06-10")})  # type: ignore[arg-type]
    assert isinstance(cal.extra_holidays, frozenset)
    assert hash(cal) == hash(WorkdayCalendar(extra_holidays=frozenset({D("2025-06-10")})))


# --- brute force and speed --------------------------------------------------------


def test_brute_force_2024_against_the_library():
    day = D("2024-01-01")
    while day.year == 2024:
        for n in range(26):
            assert CAL.add_workdays(day, n) == naive_add(day, n), (day, n)
        day += timedelta(days=1)


def test_brute_force_workdays_between_2024():
    start = D("2023-12-25")
    for offset in range(0, 380, 3):
        end = start + timedelta(days=offset)
        for back in (0, 1, 5, 17, 40):
            s = end - timedelta(days=back)
            if s.year < 2023:
                continue
            assert CAL.workdays_between(s, end) == naive_between(s, end), (s, end)


def test_a_make_up_day_configured_on_a_weekday_is_a_mistyped_date():
    """2027-02-15 (a Monday) typed for the make-up Sunday 2027-02-14: accepted, the Sunday stayed off, and an
    interpretation a working day late passed as on time (an audit).  A weekday the library has off (a
    correction) is not refused."""
    with pytest.raises(CalendarConfigError) as info:
        WorkdayCalendar.from_config({"years": {2027: {"holidays": _statutory_weekdays(2027, "2027-02-10"),
                                                      "workdays": ["2027-02-15"]}}})
    assert [k for k, _ in info.value.problems] == ["years.2027.workdays"]
    assert "2027-02-15 是星期一" in str(info.value)
    WorkdayCalendar.from_config({"workdays": ["2024-10-07"]})  # 国庆 in the library: a correction
