"""The dates the tests live in, named once.

The reference week is Monday 12 to Sunday 18 October 2026: the calendar of 2025–2027 is seeded
and confirmed, 12–16 October are plain workdays and 17–18 October a weekend, and the people of
the test world (tests/conftest.py) have been placed since 1 January 2026. A test that needs
another kind of date (a holiday week, a month boundary, a day relative to the real today) names
it for what it is, here or in its module.
"""

from __future__ import annotations

import datetime
import zoneinfo

D = datetime.date
T = datetime.time
ONE_DAY = datetime.timedelta(days=1)

# The time zone of the sites of the test world.
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

MONDAY = D(2026, 10, 12)
TUESDAY = D(2026, 10, 13)
WEDNESDAY = D(2026, 10, 14)
THURSDAY = D(2026, 10, 15)
FRIDAY = D(2026, 10, 16)
SATURDAY = D(2026, 10, 17)
SUNDAY = D(2026, 10, 18)
# The month of the reference week, as the first of the month (how months are passed around).
OCTOBER = D(2026, 10, 1)
# Since when the people of the test world are placed, and every factory's placement starts.
PLACED_SINCE = D(2026, 1, 1)


def at(day: datetime.date, hhmm: str, second: int = 0) -> datetime.datetime:
    """A time at the sites of the test world (Asia/Shanghai): at(MONDAY, "08:25")."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute, second), SHANGHAI)


# The month the away page and the approvals inbox are read for, December 2026, where leave and
# overtime still wait: the 4th is a Friday, the 5th a Saturday, the 7th a Monday.
DECEMBER_FRIDAY = D(2026, 12, 4)
DECEMBER_SATURDAY = D(2026, 12, 5)
DECEMBER_MONDAY = D(2026, 12, 7)

# 17:35 on the reference Monday at site A: the end of its working day.
MONDAY_EVENING = at(MONDAY, "17:35")


# --- days relative to the real today, for the pages that read timezone.localdate() ----------


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def monday_ahead() -> datetime.date:
    """A Monday at least a week after today."""
    day = today()
    return day + datetime.timedelta(days=7 + (7 - day.weekday()) % 7)


def _first(kind: str, start: datetime.date, step: datetime.timedelta) -> datetime.date:
    from attendance.calendar import WorkCalendar

    calendar = WorkCalendar(start=min(start, start + step * 60), end=max(start, start + step * 60))
    day = start
    while calendar.kind(day) != kind:
        day += step
    return day


def day_ahead(kind: str = "workday") -> datetime.date:
    """The first day of `kind` (a DayKind) at least a week from today, as the calendar says."""
    return _first(kind, today() + 7 * ONE_DAY, ONE_DAY)


def day_before(kind: str = "workday") -> datetime.date:
    """The last day of `kind` (a DayKind) before today, as the calendar says."""
    return _first(kind, today() - ONE_DAY, -ONE_DAY)
