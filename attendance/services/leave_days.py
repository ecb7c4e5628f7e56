"""The working days a stretch of leave counts on its site's calendar (SPEC §7): what a request
stores, and what leave stored without them (imported before its days were counted) is worth."""

from __future__ import annotations

import datetime
from decimal import Decimal

from attendance.models import Leave
from attendance.selectors.calendar import WorkCalendar

HALF = Decimal("0.5")


def leave_days_count(
    *,
    site_id: int,
    start: datetime.date,
    end: datetime.date,
    starts_pm: bool = False,
    ends_am: bool = False,
    calendar: WorkCalendar | None = None,
) -> Decimal:
    """Working days of the site's calendar from `start` to `end`; a half day counts 0.5.
    `calendar`: one already read that covers these dates and this site."""
    calendar = calendar or WorkCalendar(start=start, end=end, site_ids=[site_id])
    days = Decimal(0)
    day = start
    while day <= end:
        if calendar.is_working(day, site_id):
            share = Decimal(1)
            if day == start and starts_pm:
                share -= HALF
            if day == end and ends_am:
                share -= HALF
            days += share
        day += datetime.timedelta(days=1)
    return days


def count_missing_days(leaves: list[Leave]) -> None:
    """Set the working days of leave stored without them (imported before its days were
    counted), reading the calendar once for all of them."""
    missing = [leave for leave in leaves if leave.days is None]
    if not missing:
        return
    calendar = WorkCalendar(
        start=min(leave.start for leave in missing),
        end=max(leave.end for leave in missing),
        site_ids={leave.site_id for leave in missing},
    )
    for leave in missing:
        leave.days = leave_days_count(
            site_id=leave.site_id,
            start=leave.start,
            end=leave.end,
            starts_pm=leave.starts_pm,
            ends_am=leave.ends_am,
            calendar=calendar,
        )
