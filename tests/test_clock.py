"""'Today' is the date in China, whatever time zone the machine (a CI runner: UTC) keeps."""

from __future__ import annotations

import datetime as dt

import pytest

from build_tools.clock import CHINA, china_today

UTC = dt.timezone.utc


@pytest.mark.parametrize("now, today", [
    (dt.datetime(2026, 12, 2, 15, 59, 59, tzinfo=UTC), dt.date(2026, 12, 2)),  # 23:59:59 in Beijing
    (dt.datetime(2026, 12, 2, 16, 0, 0, tzinfo=UTC), dt.date(2026, 12, 3)),    # midnight in Beijing
    (dt.datetime(2026, 12, 31, 16, 0, tzinfo=UTC), dt.date(2027, 1, 1)),       # a new year starts in China first
    (dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))), dt.date(2026, 12, 3)),
])
def test_china_today_at(now, today):
    assert china_today(now) == today


def test_china_today_now_is_the_date_at_utc_plus_8():
    before = dt.datetime.now(UTC).astimezone(CHINA).date()
    assert china_today() in {before, before + dt.timedelta(days=1)}


def test_the_daily_build_runs_after_midnight_in_china():
    # The workflow's schedule (UTC) must fall after 00:00 China time, so "today" is the new day.
    import re
    from pathlib import Path
    workflow = (Path(__file__).resolve().parent.parent / ".github/workflows/catalogue.yml").read_text(encoding="utf-8")
    crons = re.findall(r"cron:\s*['\"]([^'\"]+)['\"]", workflow)
    assert crons, "the workflow rebuilds on a schedule"
    for cron in crons:
        minute, hour = (int(x) for x in cron.split()[:2])
        china = dt.datetime(2026, 12, 2, hour, minute, tzinfo=UTC).astimezone(CHINA)
        assert china.date() == dt.date(2026, 12, 2) + dt.timedelta(days=(hour + 8) // 24)
        assert 0 <= china.hour < 6, f"{cron} runs at {china:%H:%M} China time"
