"""Working days on China's official calendar (法定工作日).

Deadlines in the catalogue are counted in working days: a 政策解读 is due within
3 working days after its policy, 主动公开 information within 20 working days of
being formed.  Auditors check those deadlines against the official schedule, so
the count must be right to the day:

* Saturdays, Sundays and public holidays are days off;
* 调休 make-up days (always a Saturday or Sunday) are working days;
* the actual dates come from each year's 国务院办公厅关于 YYYY 年部分节假日安排的
  通知, which the ``chinesecalendar`` package (``chinese_calendar``) carries for
  the years it knows, and which ``mkdocs.yml`` can supply for newer years.

A computation that needs a year nobody has verified raises
:class:`CalendarDataMissing` naming that year.  There is deliberately no
fallback to plain Monday–Friday: a guessed count that is silently wrong around
a Spring Festival is worse than a build that asks an editor for one notice.

Counting follows 民法典 Art 201 by analogy: the start day never counts, and the
deadline is the N-th working day after it.  Everything here is pure: no global
state, no clock; the only cache lives inside a :class:`WorkdayCalendar`.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import chinese_calendar

from .model.values import clean_code, visible

__all__ = [
    "CalendarConfigError",
    "CalendarDataMissing",
    "WorkdayCalendar",
    "library_years",
]

_ONE_DAY = datetime.timedelta(days=1)

#: The configuration keys :meth:`WorkdayCalendar.from_config` understands.
_CONFIG_KEYS = ("years", "holidays", "workdays", "year_end_guard")

#: Days on which chinesecalendar 1.11.0 contradicts the State Council notice.
#: 国办发明电〔2005〕35号 (the 2006 notice) says "12月31日（星期六）上班", but the
#: library treats 2005-12-31 as an ordinary Saturday off.  It is the only day of
#: 2004–2026 on which the library and the ``holidays`` package disagree.
#: Configuration still wins over these corrections.
_LIBRARY_WORKDAY_CORRECTIONS = frozenset({datetime.date(2005, 12, 31)})
_LIBRARY_HOLIDAY_CORRECTIONS: frozenset[datetime.date] = frozenset()

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")


class CalendarDataMissing(Exception):
    """No verified official schedule for the year a computation needs.

    ``year`` is the year that is missing and ``day`` the date whose working-day
    status needed it.  The two differ only under the year-end guard: a date in
    late December of year Y needs year Y+1, whose notice may still move it.
    ``str(exc)`` is a plain Chinese sentence an office editor can act on.
    """

    def __init__(self, year: int, day: datetime.date) -> None:
        self.year = year
        self.day = day
        if day.year == year:
            why = f"计算 {day.isoformat()} 时需要"
        else:
            # Without this an editor would wonder why a 2026 date asks for 2027.
            why = (f"计算 {day.isoformat()} 时需要，因为 {year} 年的放假通知"
                   f"可能调整 {day.year} 年 12 月下旬的放假和调休")
        super().__init__(
            f"没有 {year} 年的法定节假日安排数据（{why}）。"
            f"请在 mkdocs.yml 的 catalogue 插件 calendar.years 中按国务院办公厅通知"
            f"补充 {year} 年的放假和调休日期。"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would call cls(message) on unpickling; builds that run
        # checks in worker processes need the (year, day) form back.
        return (type(self), (self.year, self.day))


class CalendarConfigError(ValueError):
    """The ``calendar`` configuration is malformed.

    ``problems`` lists every problem found, each as ``(key, message)`` where
    ``key`` is the dotted path inside the calendar configuration (for example
    ``"years.2027.holidays[3]"``) and ``message`` is plain Chinese.  All
    problems are collected before raising, so an editor fixes them in one go.
    """

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__(" ".join(
            f"calendar.{key}：{message}" if key else message
            for key, message in self.problems
        ))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))


def library_years() -> frozenset[int]:
    """Years for which the installed ``chinese_calendar`` carries a schedule.

    Discovered from the library's own holiday table rather than hard-coded, so
    upgrading the package to one with next year's notice extends coverage with
    no code change.  Every real year has at least 元旦 in that table, so a year
    missing from it has no data even if it lies inside the library's range.
    """
    return frozenset(day.year for day in chinese_calendar.holidays)


def statutory_days(year: int) -> dict[datetime.date, str]:
    """The days off 全国年节及纪念日放假办法 itself fixes in ``year`` (元旦, 除夕 to 初三 from 2025, 清明 …), with
    their names: dates of the lunar calendar, from the ``holidays`` package, without the days off in lieu and
    the make-up days each year's notice sets (those only the notice knows)."""
    import holidays  # only for a year configured by hand (37 ms to import)
    english = holidays.China(years=year, observed=False, language="en_US")
    names = holidays.China(years=year, observed=False, language="zh_CN")
    return {day: names[day] for day, name in english.items() if not name.startswith("Day off")}


def _unlisted_statutory(year: int, listed: Iterable[datetime.date]) -> list[str]:
    """What is missing from a year's configured days off: each statutory holiday on a weekday is off whatever the
    notice arranges, so a schedule without one was not copied whole.  Only 元旦 listed, to clear the
    ``calendar-data-missing`` errors, had every other weekday of the year counted a working day, Spring
    Festival included, and a punctual interpretation reported late (an audit)."""
    listed = set(listed)
    missing = [(day, name) for day, name in sorted(statutory_days(year).items()) if day.weekday() < 5 and day not in listed]
    if not missing:
        return []
    days = "、".join(f"{day.isoformat()}（{name}）" for day, name in missing)
    return [f"{year} 年的放假日期不完整：法定节假日 {days} 是工作日，却没有列为放假日期。{year} 年在这里写的是全年的安排："
            f"请按国务院办公厅关于{year}年部分节假日安排的通知，把全年的放假日期（holidays）和调休上班日期（workdays）都写上。"]


@dataclass(frozen=True)
class WorkdayCalendar:
    """Working days on the official schedule, with the office's own additions.

    The base is ``chinese_calendar`` for the years it knows.  Configuration
    wins over it: a day in ``extra_holidays`` is off and a day in
    ``extra_workdays`` is a working day whatever the library says.  A year in
    ``extra_years`` the library lacks is a complete schedule supplied by
    configuration: for it only ordinary weekends plus the configured days
    apply.  A year the library knows keeps its schedule, the configured days
    over it: ``years.2026: holidays: [2026-12-31]`` (one day the next
    notice moved) had wiped 2026's Spring Festival, National Day and make-up
    days, and every deadline of the year with them (found by an audit).  A
    full copy of a notice the library has gives the library's schedule, so
    upgrading the library to a version with a configured year changes nothing.
    """

    extra_holidays: frozenset[datetime.date] = frozenset()
    """Days off added by configuration (a local holiday, or a new notice's days off)."""
    extra_workdays: frozenset[datetime.date] = frozenset()
    """Working days added by configuration (make-up days of a new notice)."""
    extra_years: frozenset[int] = frozenset()
    """Years whose full schedule the configuration supplies; they count as verified."""
    year_end_guard: tuple[int, int] | None = (12, 20)
    """From this (month, day) of year Y on, a date also needs year Y+1 verified.

    The next year's notice can move late-December days: the 2019 notice made
    2018-12-29 (Sat) a working day and 2018-12-31 (Mon) a day off.  ``None``
    turns the guard off."""

    def __post_init__(self) -> None:
        # Accept any iterable for convenience but store frozensets, so the
        # instance stays hashable and immutable.
        holidays = _frozen_dates(self.extra_holidays, "extra_holidays")
        workdays = _frozen_dates(self.extra_workdays, "extra_workdays")
        years = frozenset(self.extra_years)
        for year in years:
            if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9998:
                raise ValueError(f"extra_years: {year!r} is not a year")
        both = holidays & workdays
        if both:
            listed = ", ".join(sorted(day.isoformat() for day in both))
            raise ValueError(f"days both in extra_holidays and extra_workdays: {listed}")
        guard = self.year_end_guard
        if guard is not None:
            guard = tuple(guard)
            # 2001 is not a leap year, so 02-29 is refused: it would not exist
            # in most years.
            if (len(guard) != 2 or not all(isinstance(part, int) for part in guard)
                    or not _valid_month_day(guard[0], guard[1])):
                raise ValueError(f"year_end_guard: {self.year_end_guard!r} is not a (month, day)")
        object.__setattr__(self, "extra_holidays", holidays)
        object.__setattr__(self, "extra_workdays", workdays)
        object.__setattr__(self, "extra_years", years)
        object.__setattr__(self, "year_end_guard", guard)
        object.__setattr__(self, "_library", library_years())
        object.__setattr__(self, "_verified", self._library | years)
        # year -> sorted tuple of that year's working days, built on first use.
        # Not a dataclass field, so it takes no part in ==, hash or repr.
        object.__setattr__(self, "_workdays_by_year", {})

    # --- construction from mkdocs.yml ------------------------------------------

    @classmethod
    def from_config(cls, calendar_config: Mapping[str, Any] | None) -> WorkdayCalendar:
        """Build a calendar from the plain ``calendar`` mapping of ``mkdocs.yml``.

        Understood keys, all optional::

            years:            # complete schedules for years the library lacks (over a year it has: its days only)
              2027:
                holidays: [2027-01-01, ...]   # every day off that is not a weekend
                workdays: [2027-02-07, ...]   # make-up working days
            holidays: [2025-06-10]            # extra days off, any year
            workdays: []                      # extra working days, any year
            year_end_guard: "12-20"           # or null to turn the guard off

        Dates may be ``datetime.date`` (YAML already parsed them) or strings
        ``"YYYY-MM-DD"``.  Raises :class:`CalendarConfigError` (a ``ValueError``)
        listing every problem at once when the mapping is malformed.  Unknown
        keys are refused rather than ignored: a misspelt ``holiday:`` would
        otherwise silently leave a day off counted as a working day.
        """
        if calendar_config is None:
            return cls()
        problems: list[tuple[str, str]] = []
        if not isinstance(calendar_config, Mapping):
            raise CalendarConfigError([("", "calendar 应是一组键值设置（years、holidays、workdays、year_end_guard）。")])

        for key in calendar_config:
            if key not in _CONFIG_KEYS:
                problems.append((str(key), f"不认识的设置项“{key}”，可用的有：{'、'.join(_CONFIG_KEYS)}。"))

        holidays: dict[datetime.date, str] = {}
        workdays: dict[datetime.date, str] = {}
        years: set[int] = set()

        raw_years = calendar_config.get("years")
        if raw_years is not None and not isinstance(raw_years, Mapping):
            problems.append(("years", "years 应按年份列出，例如 2027: 下面写 holidays 和 workdays。"))
        elif raw_years:
            for raw_year, schedule in raw_years.items():
                where = f"years.{raw_year}"
                year = _parse_year(raw_year)
                if year is None:
                    problems.append((where, f"“{raw_year}”不是年份，应写成 2027 这样的四位数字。"))
                    continue
                if not isinstance(schedule, Mapping):
                    problems.append((where, f"{year} 年下面应写 holidays（放假日期）和 workdays（调休上班日期）。"))
                    continue
                for key in schedule:
                    if key not in ("holidays", "workdays"):
                        problems.append((f"{where}.{key}", f"不认识的设置项“{key}”，年份下面只能写 holidays 和 workdays。"))
                raw_holidays = schedule.get("holidays")
                year_holidays = _parse_dates(raw_holidays, f"{where}.holidays", problems, year)
                year_workdays = _parse_dates(schedule.get("workdays"), f"{where}.workdays", problems, year)
                if raw_holidays is None or (isinstance(raw_holidays, (list, tuple)) and not raw_holidays):
                    # Every year has at least 元旦; an empty list almost
                    # certainly means the notice was not copied in yet, and
                    # would make every weekday a working day.
                    problems.append((f"{where}.holidays", f"没有列出 {year} 年的任何放假日期，请按国务院办公厅通知填写。"))
                years.add(year)
                if year_holidays and year not in library_years():
                    problems.extend((f"{where}.holidays", message) for message in _unlisted_statutory(year, year_holidays))
                for day in year_holidays:
                    holidays.setdefault(day, f"{where}.holidays")
                for day in year_workdays:
                    workdays.setdefault(day, f"{where}.workdays")

        for day in _parse_dates(calendar_config.get("holidays"), "holidays", problems):
            holidays.setdefault(day, "holidays")
        for day in _parse_dates(calendar_config.get("workdays"), "workdays", problems):
            workdays.setdefault(day, "workdays")

        _WEEKDAY_NAMES = "一二三四五六日"
        for day in sorted(workdays):
            # 调休上班 is always a Saturday or a Sunday: a weekday no schedule has off changes nothing, and is a
            # mistyped make-up day whose Sunday stays off (an audit); one the library has off is a correction.
            if day.weekday() < 5 and day not in holidays and not _library_holiday(day):
                problems.append((workdays[day], f"{day.isoformat()} 是星期{_WEEKDAY_NAMES[day.weekday()]}，本来就是工作日；"
                                                "调休上班的日子都是星期六或星期日，请按国务院办公厅通知核对这个日期。"))
        for day in sorted(holidays.keys() & workdays.keys()):
            problems.append((workdays[day], f"{day.isoformat()} 同时被列为放假日（{holidays[day]}）和上班日，请删去其中一处。"))

        guard: tuple[int, int] | None = (12, 20)
        if "year_end_guard" in calendar_config:
            guard = _parse_guard(calendar_config["year_end_guard"], problems)

        if problems:
            raise CalendarConfigError(problems)
        return cls(
            extra_holidays=frozenset(holidays),
            extra_workdays=frozenset(workdays),
            extra_years=frozenset(years),
            year_end_guard=guard,
        )

    # --- queries ---------------------------------------------------------------

    @property
    def verified_years(self) -> frozenset[int]:
        """Years with a verified schedule: the library's years plus ``extra_years``."""
        return self._verified  # type: ignore[attr-defined]

    def is_workday(self, day: datetime.date) -> bool:
        """Whether ``day`` is a working day.

        Raises :class:`CalendarDataMissing` when ``day``'s year is not verified,
        or when ``day`` is on or after the year-end guard and the next year is
        not verified.
        """
        day = _as_date(day)
        self._require(day, day)
        return _contains(self._year_workdays(day.year), day)

    def add_workdays(self, start: datetime.date, n: int) -> datetime.date:
        """The ``n``-th working day after ``start``.

        ``start`` itself never counts, whatever kind of day it is (民法典 Art 201
        by analogy), so a policy published on a holiday still gets its full
        ``n`` working days.  ``n == 0`` returns ``start`` unchanged (the
        same-day rule) and needs no calendar data.  Raises
        :class:`CalendarDataMissing` if any day from the day after ``start`` to
        the result lies outside the verified years or the year-end guard.
        """
        start = _as_date(start)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, not {type(n).__name__}")
        if n < 0:
            raise ValueError(f"n must not be negative: {n}")
        if n == 0:
            return start
        first = start + _ONE_DAY
        remaining = n
        year = first.year
        while True:
            if year not in self.verified_years:
                # Checked before touching the year's data: the library
                # itself would raise NotImplementedError for it.
                raise CalendarDataMissing(year, max(first, datetime.date(year, 1, 1)))
            days = self._year_workdays(year)
            index = bisect.bisect_right(days, start)
            available = len(days) - index
            if remaining <= available:
                result = days[index + remaining - 1]
                # Every day from `first` to `result` was inspected (the days
                # off too), so all of them must be on verified ground.
                self._require(first, result)
                return result
            remaining -= available
            # Leaving year `year` means passing its late-December days, which
            # the next year's notice may still change.
            self._require(first, datetime.date(year, 12, 31))
            year += 1

    def workdays_between(self, start: datetime.date, end: datetime.date) -> int:
        """Number of working days ``d`` with ``start < d <= end``; 0 if ``end <= start``.

        ``add_workdays(start, n)`` is the first ``d`` with
        ``workdays_between(start, d) == n``.  Raises
        :class:`CalendarDataMissing` if any day counted over is unverified.
        """
        start, end = _as_date(start), _as_date(end)
        if end <= start:
            return 0
        first = start + _ONE_DAY
        self._require(first, end)
        total = 0
        # From the first counted day's year, not the start's: a start on 31 December of a year without data
        # (2003-12-31 under rules_from 2003) needs nothing of that year, and asking the library for it crashed
        # the whole check with its NotImplementedError (a review).
        for year in range(first.year, end.year + 1):
            days = self._year_workdays(year)
            total += bisect.bisect_right(days, end) - bisect.bisect_right(days, start)
        return total

    def days_late(self, due: datetime.date, actual: datetime.date) -> int:
        """Working days by which ``actual`` missed ``due``; 0 if on or before ``due``.

        A document published on the day after a due date that fell before a
        long holiday is 1 working day late, not the number of calendar days.
        """
        return self.workdays_between(due, actual)

    # --- internals -------------------------------------------------------------

    def _require(self, first: datetime.date, last: datetime.date) -> None:
        """Raise CalendarDataMissing unless every day in [first, last] is verifiable.

        Reports the earliest offending day, so the message points at the first
        date an editor would look at.
        """
        verified = self.verified_years
        guard = self.year_end_guard
        for year in range(first.year, last.year + 1):
            lo = max(first, datetime.date(year, 1, 1))
            hi = min(last, datetime.date(year, 12, 31))
            if year not in verified:
                raise CalendarDataMissing(year, lo)
            if guard is not None and year + 1 not in verified:
                guard_day = datetime.date(year, *guard)
                if hi >= guard_day:
                    raise CalendarDataMissing(year + 1, max(lo, guard_day))

    def _year_workdays(self, year: int) -> tuple[datetime.date, ...]:
        """Sorted working days of a verified ``year``, computed once per instance."""
        cache: dict[int, tuple[datetime.date, ...]] = self._workdays_by_year  # type: ignore[attr-defined]
        days = cache.get(year)
        if days is None:
            days = cache[year] = self._compute_year(year)
        return days

    def _compute_year(self, year: int) -> tuple[datetime.date, ...]:
        day = datetime.date(year, 1, 1)
        end = datetime.date(year, 12, 31)
        from_library = year not in self.extra_years or year in self._library  # type: ignore[attr-defined]
        result = []
        while day <= end:
            if day in self.extra_holidays:
                working = False
            elif day in self.extra_workdays:
                working = True
            elif not from_library:
                # A configured year is a complete schedule: besides the
                # configured days only ordinary weekends apply.
                working = day.weekday() < 5
            elif day in _LIBRARY_WORKDAY_CORRECTIONS:
                working = True
            elif day in _LIBRARY_HOLIDAY_CORRECTIONS:
                working = False
            else:
                # The library's own predicate, so make-up days and its rules
                # for holidays stay exactly as it defines them.
                working = _library_workday(day, year)
            if working:
                result.append(day)
            day += _ONE_DAY
        return tuple(result)


# --- helpers -------------------------------------------------------------------


def _contains(sorted_days: tuple[datetime.date, ...], day: datetime.date) -> bool:
    index = bisect.bisect_left(sorted_days, day)
    return index < len(sorted_days) and sorted_days[index] == day


def _as_date(value: Any) -> datetime.date:
    # datetime is a subclass of date but does not compare with it, so it has
    # to be narrowed before any bisect against the cached dates.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a datetime.date, not {type(value).__name__}")


def _frozen_dates(values: Iterable[Any], name: str) -> frozenset[datetime.date]:
    result = set()
    for value in values:
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            raise ValueError(f"{name}: {value!r} is not a datetime.date")
        result.add(value)
    return frozenset(result)


def _valid_month_day(month: int, day: int) -> bool:
    try:
        datetime.date(2001, month, day)
    except ValueError:
        return False
    return True


def _parse_year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        year = value
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 4:
        year = int(value.strip())
    else:
        return None
    return year if 1000 <= year <= 9998 else None


def _parse_dates(value: Any, where: str, problems: list[tuple[str, str]],
                 year: int | None = None) -> list[datetime.date]:
    """Parse a YAML list of dates, appending a problem for each bad entry."""
    if value is None:
        return []
    if isinstance(value, (str, datetime.date)) or not isinstance(value, (list, tuple)):
        problems.append((where, "应写成日期列表，例如 [2027-01-01, 2027-01-02]，每个日期写成 YYYY-MM-DD。"))
        return []
    days = []
    for index, item in enumerate(value):
        key = f"{where}[{index}]"
        day = _parse_date(item)
        if day is None:
            problems.append((key, f"“{visible(str(item))}”不是有效日期，应写成 YYYY-MM-DD，例如 2027-01-01。"))
        elif year is not None and day.year != year:
            problems.append((key, f"{day.isoformat()} 不在 {year} 年：别的年份的个别日期写到顶层的 holidays 或 workdays "
                                  "下面（对任何年份都有效），或改正年份。"))
        else:
            days.append(day)
    return days


def _parse_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        # A timestamp with a time of day is not a calendar date; refusing it
        # avoids guessing which day an editor meant.
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):  # pasted: a zero-width space or full-width digits in it (a review found the value
        # refused, its message showing it as a good date)
        value = clean_code(value).text.strip()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _parse_guard(value: Any, problems: list[tuple[str, str]]) -> tuple[int, int] | None:
    if value is None or value is False:
        return None
    parts: tuple[Any, ...] | None = None
    if isinstance(value, str):
        match = _MONTH_DAY.fullmatch(clean_code(value).text.strip())
        if match:
            parts = (int(match.group(1)), int(match.group(2)))
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        parts = tuple(value)
    if (parts is None or not all(isinstance(p, int) and not isinstance(p, bool) for p in parts)
            or not _valid_month_day(*parts)):
        problems.append(("year_end_guard", f"“{value}”不是有效的月-日，应写成 \"12-20\" 这样的形式，或写 null 关闭此项检查。"))
        return None
    return (parts[0], parts[1])


def _library_workday(day: datetime.date, year: int) -> bool:
    """The library's answer for ``day``; a year it turns out not to know is :class:`CalendarDataMissing`.

    Callers check :attr:`WorkdayCalendar.verified_years` first, so this is the last guard: the library's own
    ``NotImplementedError`` escaping a check was a traceback instead of the editor's sentence (a review).
    """
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        raise CalendarDataMissing(year, day) from None


def _library_holiday(day: datetime.date) -> bool:
    """Whether the library has ``day`` off (False for a year it does not know)."""
    try:
        return bool(chinese_calendar.is_holiday(day))
    except (NotImplementedError, ValueError, KeyError):
        return False
