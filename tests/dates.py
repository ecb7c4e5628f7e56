"""The dates the tests live in, named once.

The reference week is Monday 12 to Sunday 18 October 2026: the calendar of 2025–2027 is seeded
and confirmed, 12–16 October are plain workdays and 17–18 October a weekend, and the people of
the test world (tests/conftest.py) have been placed since 1 January 2026. A test that needs
another kind of date (a holiday week, a month boundary, a day relative to the real today) finds
it here, named for what it is; test modules and factories define no dates of their own.
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
# The workdays of the reference week, Monday to Friday.
WORKWEEK = (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)
# The Tuesday a week on: a "today" by which the reference week's overtime has been worked.
NEXT_TUESDAY = D(2026, 10, 20)
# The month of the reference week, as the first of the month (how months are passed around),
# and its last day.
OCTOBER = D(2026, 10, 1)
OCTOBER_END = D(2026, 10, 31)
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

# --- other days, named for what the tests do on them -------------------------------------------

# Monday 2 March 2026: the day the placement imports are run, two months into the placements.
IMPORT_DAY = D(2026, 3, 2)
# Monday 2 November 2026: the day the leave service tests ask for leave in the days after it
# (4 November onwards).
LEAVE_ASKED_ON = D(2026, 11, 2)
# Thursday 5 November 2026: the last day of the approved leave of 4–5 November that the
# extension tests extend, and the day they ask (Friday 6 is a workday, 7–8 the weekend, Monday 9
# and Tuesday 10 workdays).
LEAVE_ENDS_ON = D(2026, 11, 5)
# Monday 16 November 2026, the month before the December the inbox is read for: the day whose
# forgotten punch the waiting corrections ask for.
NOVEMBER_MONDAY = D(2026, 11, 16)
# Sunday 22 November 2026: the day the staffing service tests (qualification, placement,
# entering and leaving) act on; their views use the real today.
STAFFING_DAY = D(2026, 11, 22)
# The first of December 2026, when the staffing tests' new placements start.
DECEMBER = D(2026, 12, 1)
# The last day of 2026: when a person who resigns or is let go leaves, in the factories and the
# movement tests.
YEAR_END = D(2026, 12, 31)
# New Year's Day 2027: a public holiday, and twelve months after PLACED_SINCE (a rotation is due).
NEW_YEAR_2027 = D(2027, 1, 1)

# The make-up workdays of 2026 (weekend days worked for a longer holiday), as the State
# Council's calendar lists them.
MAKEUP_WORKDAYS_2026 = (
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
)

# --- dates that are data, not days of the test world --------------------------------------------

# 王芳's birthday in the rows of the staff import.
BIRTHDAY = D(1992, 4, 18)
# A date and a time as a person types them into a form (naive, as the browser sends them).
TYPED_DATE = D(1986, 7, 24)
TYPED_DATETIME = datetime.datetime(2026, 7, 24, 8, 30)


# --- days relative to the real today, for the pages that read timezone.localdate() ----------


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def days_ago(n: int) -> datetime.datetime:
    """The real now, `n` days back: since when a request has waited."""
    from django.utils import timezone

    return timezone.now() - datetime.timedelta(days=n)


def monday_ahead() -> datetime.date:
    """A Monday at least a week after today."""
    day = today()
    return day + datetime.timedelta(days=7 + (7 - day.weekday()) % 7)


def _first(kind: str, start: datetime.date, step: datetime.timedelta) -> datetime.date:
    from attendance.selectors.calendar import WorkCalendar

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
