""""Today" where the office is: the date in China (UTC+8), whatever the machine's time zone.

CI runners keep UTC, so between 00:00 and 08:00 China time their own date is
still yesterday: a record published today would stay off the site, a deadline
would be counted a day short.  Every command that takes ``--as-of`` uses this
when it is not given.
"""

from __future__ import annotations

import datetime as dt

CHINA = dt.timezone(dt.timedelta(hours=8), "UTC+8")
"""China Standard Time: one zone for the whole country, no daylight saving since 1991."""


def china_today(now: dt.datetime | None = None) -> dt.date:
    """The date in China at ``now`` (default: the current instant; a naive time is the machine's local time)."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(CHINA).date()
