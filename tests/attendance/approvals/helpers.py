"""Requests of the test world waiting for a decision, made directly (the services that file
them are tested elsewhere). December 2026: the 7th is a Monday, the 4th a Friday, the 5th a
Saturday."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from attendance.models import (
    Correction,
    CorrectionStatus,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from tests.attendance.punches.helpers import at

D = datetime.date
MONDAY = D(2026, 12, 7)
FRIDAY = D(2026, 12, 4)
SATURDAY = D(2026, 12, 5)


def leave_of(person, site, start=MONDAY, end=None, *, status=LeaveStatus.PENDING, **extra):
    end = end or start
    values = {
        "kind": "personal",
        "reason": "家中有事",
        "days": Decimal((end - start).days + 1),
    }
    values.update(extra)
    return Leave.objects.create(
        staff=person, site=site, start=start, end=end, status=status, **values
    )


def overtime_of(
    person,
    site,
    date=FRIDAY,
    start="19:00",
    end="21:00",
    *,
    status=OvertimeStatus.PENDING,
    **extra,
):
    """Workday overtime on a weekday, rest-day overtime at a weekend (SPEC §8: the latter is
    the department head's to approve, the former the supervisor's too)."""
    start_time = datetime.time.fromisoformat(start)
    end_time = datetime.time.fromisoformat(end)
    minutes = (end_time.hour * 60 + end_time.minute) - (start_time.hour * 60 + start_time.minute)
    values = {
        "hours": Decimal(minutes) / 60,
        "reason": "系统割接",
    }
    if date.weekday() < 5:
        values.update(day_kind="workday", category=OvertimeCategory.WORKDAY, rate=150)
    else:
        values.update(day_kind="rest", category=OvertimeCategory.REST_DAY, rate=200)
    values.update(extra)
    return Overtime.objects.create(
        staff=person,
        site=site,
        date=date,
        start_time=start_time,
        end_time=end_time,
        status=status,
        **values,
    )


PAST_MONDAY = D(2026, 11, 16)


def correction_of(person, site, day=PAST_MONDAY, *, status=CorrectionStatus.PENDING):
    return Correction.objects.create(
        staff=person, site=site, at=at(day, "17:35"), reason="下班忘记打卡", status=status
    )


def waited_since(record, when: datetime.datetime) -> None:
    """Backdate a request's creation (auto_now_add cannot be set on create)."""
    type(record).objects.filter(pk=record.pk).update(created_at=when)


def days_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)
