"""Setting up attendance facts directly, for tests of what is computed from them."""

from __future__ import annotations

import datetime
import zoneinfo

from attendance.models import CalendarDay, DaySource, Leave, LeaveStatus, Punch, PunchSource

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def punch(person, site, when: str) -> Punch:
    """A punch at `when` (`YYYY-MM-DD HH:MM`, Shanghai time)."""
    at = datetime.datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)
    return Punch.objects.create(staff=person, site=site, at=at, source=PunchSource.FILE)


def full_day(person, site, date: str, start: str = "08:25", end: str = "17:35") -> None:
    punch(person, site, f"{date} {start}")
    punch(person, site, f"{date} {end}")


def calendar_day(date: datetime.date, kind: str, name: str = "", confirmed: bool = True) -> None:
    CalendarDay.objects.update_or_create(
        date=date,
        site=None,
        defaults={"kind": kind, "name": name, "source": DaySource.HR, "confirmed": confirmed},
    )


def leave(person, site, start, end, *, kind="personal", status=LeaveStatus.APPROVED, **extra):
    return Leave.objects.create(
        staff=person, site=site, kind=kind, start=start, end=end, status=status, **extra
    )
