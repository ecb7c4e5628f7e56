"""Overtime of 张三 (staff_a, site A) at dates relative to today, since the pages read
`timezone.localdate()`: a plain workday or rest day at least a week ahead, and the last plain
workday before today. The calendar of 2025–2027 is seeded and confirmed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from attendance.calendar import WorkCalendar
from attendance.models import Compensation, DayKind, Overtime, Punch, PunchSource
from attendance.services.overtime import overtime_approve, overtime_file, overtime_request
from tests.attendance.punches.helpers import at

ONE_DAY = datetime.timedelta(days=1)


def _first(kind: str, start: datetime.date, step: datetime.timedelta) -> datetime.date:
    calendar = WorkCalendar(start=min(start, start + step * 60), end=max(start, start + step * 60))
    day = start
    while calendar.kind(day) != kind:
        day += step
    return day


def ahead(kind: str = DayKind.WORKDAY) -> datetime.date:
    """The first day of `kind` at least a week from today."""
    return _first(kind, timezone.localdate() + 7 * ONE_DAY, ONE_DAY)


def before(kind: str = DayKind.WORKDAY) -> datetime.date:
    """The last day of `kind` before today."""
    return _first(kind, timezone.localdate() - ONE_DAY, -ONE_DAY)


def ask(
    world,
    day: datetime.date,
    start: str = "18:00",
    end: str = "20:00",
    compensation: str = Compensation.PAY,
    person=None,
) -> Overtime:
    """A request made in time: the day before, when `day` is already past."""
    person = person or world.person_a
    return overtime_request(
        staff=person,
        date=day,
        start_time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end),
        reason="机房割接",
        compensation=compensation,
        by=person.user,
        today=min(timezone.localdate(), day - ONE_DAY),
    )


def approved(world, day: datetime.date, **kwargs) -> Overtime:
    return overtime_approve(overtime=ask(world, day, **kwargs), by=world.manager)


def filed(world, day: datetime.date, **kwargs) -> Overtime:
    return overtime_file(overtime=approved(world, day, **kwargs), by=world.hr)


def punch(person, day: datetime.date, hhmm: str) -> Punch:
    return Punch.objects.create(
        staff=person,
        site=person.assignments.get().site,
        at=at(day, hhmm),
        source=PunchSource.DEVICE,
    )
