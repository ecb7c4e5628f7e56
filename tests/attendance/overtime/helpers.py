"""Overtime requests for tests: filed through the service, or set up directly at a stage."""

from __future__ import annotations

import datetime
from decimal import Decimal

from attendance.models import Overtime, OvertimeCategory, OvertimeStatus
from attendance.services.overtime import overtime_request

D = datetime.date
T = datetime.time
TODAY = D(2026, 10, 12)  # a Monday; the dates asked for below are after it unless said
WEDNESDAY = D(2026, 10, 14)
SATURDAY = D(2026, 10, 17)


def ask(world, **changes) -> Overtime:
    values = {
        "staff": world.person_a,
        "date": WEDNESDAY,
        "start_time": T(18, 0),
        "end_time": T(20, 0),
        "reason": "系统割接",
        "by": world.staff_a,
        "today": TODAY,
    }
    values.update(changes)
    return overtime_request(**values)


def made(world, *, date=WEDNESDAY, status=OvertimeStatus.FILED, hours="3", **extra) -> Overtime:
    """A request already at `status`, without going through the stages."""
    # Every made request ends at 21:00 (3 hours: 18:00–21:00).
    end = T(21, 0)
    start = (datetime.datetime.combine(date, end) - datetime.timedelta(hours=float(hours))).time()
    values = {
        "staff": world.person_a,
        "site": world.site_a,
        "date": date,
        "start_time": start,
        "end_time": end,
        "hours": Decimal(hours),
        "day_kind": "workday",
        "category": OvertimeCategory.WORKDAY,
        "rate": 150,
        "reason": "巡检",
        "status": status,
    }
    values.update(extra)
    return Overtime.objects.create(**values)
