"""Requests of the test world's people (tests/conftest.py), made through the services when what
follows a request matters (notifications, judged days), or set directly at a stage with the
factories. Dates are the reference week of tests/dates.py unless the page reads today."""

from __future__ import annotations

import datetime
from decimal import Decimal

from attendance.models import (
    Compensation,
    Correction,
    CorrectionStatus,
    Explanation,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
    Punch,
)
from attendance.services.corrections import correction_request
from attendance.services.explanations import explanation_submit
from attendance.services.overtime import overtime_approve, overtime_file, overtime_request
from tests.dates import (
    DECEMBER_FRIDAY,
    DECEMBER_MONDAY,
    MONDAY,
    NOVEMBER_MONDAY,
    OCTOBER,
    ONE_DAY,
    PLACED_SINCE,
    TUESDAY,
    WEDNESDAY,
    at,
    today,
)
from tests.factories.attendance import (
    CorrectionFactory,
    LeaveFactory,
    OvertimeFactory,
    PunchFactory,
    absent_all_month,
    device_punch,
)
from tests.factories.org import AssignmentFactory, StaffFactory, UserFactory

__all__ = [
    "EXPLANATION_TEXT",
    "colleague_of",
    "correction_on",
    "correction_requested",
    "explanation_written",
    "leave",
    "leave_of_a",
    "leave_on",
    "overtime_approved",
    "overtime_asked",
    "overtime_asked_for",
    "overtime_filed",
    "overtime_made",
    "overtime_on",
    "punch_at",
    "waited_since",
]

EXPLANATION_TEXT = "10月因家中急事未能到岗，已补办手续。"


def colleague_of(world, name="王五"):
    """Someone else placed at site A, with a login."""
    contract = world.person_a.assignments.get().contract
    person = StaffFactory(
        company=world.company, name=name, user=UserFactory(username=f"colleague-{name}")
    )
    AssignmentFactory(staff=person, site=world.site_a, contract=contract, start=PLACED_SINCE)
    return person


def waited_since(record, when: datetime.datetime) -> None:
    """Backdate a request's creation (auto_now_add cannot be set on create)."""
    type(record).objects.filter(pk=record.pk).update(created_at=when)


# --- leave ------------------------------------------------------------------------------------


def leave(person, site, start, end, *, kind="personal", status=LeaveStatus.APPROVED, **extra):
    """Leave as an import stores it: approved, its working days counted when a balance reads
    them."""
    values = {
        "staff": person,
        "site": site,
        "kind": kind,
        "start": start,
        "end": end,
        "status": status,
        "days": None,
        "reason": "",
    }
    values.update(extra)
    return LeaveFactory(**values)


def leave_of_a(world, start=TUESDAY, end=WEDNESDAY, **extra) -> Leave:
    """张三's leave, by default pending on two workdays of the reference week, long past: good
    for reading and deciding, not for extending."""
    values = {
        "staff": world.person_a,
        "site": world.site_a,
        "start": start,
        "end": end,
        "status": LeaveStatus.PENDING,
    }
    values.update(extra)
    return LeaveFactory(**values)


def leave_on(person, site, start=DECEMBER_MONDAY, end=None, *, status=LeaveStatus.PENDING, **extra):
    """Personal leave of anyone at `site`, pending unless told, from `start` to `end` (one day
    unless given)."""
    values = {"staff": person, "site": site, "start": start, "end": end or start, "status": status}
    values.update(extra)
    return LeaveFactory(**values)


# --- corrections and explanations -------------------------------------------------------------


def correction_on(person, site, day=NOVEMBER_MONDAY, *, status=CorrectionStatus.PENDING):
    """A correction of anyone at `site`, pending unless told, asking for the 17:35 punch of
    `day`."""
    return CorrectionFactory(
        staff=person, site=site, at=at(day, "17:35"), reason="下班忘记打卡", status=status
    )


def correction_requested(world, reason="下班忘记打卡") -> Correction:
    """张三 punched in at 08:25 on the reference Monday but not out, and asks for the 17:35
    punch."""
    device_punch(world.person_a, at(MONDAY, "08:25"))
    return correction_request(
        staff=world.person_a, at=at(MONDAY, "17:35"), reason=reason, by=world.staff_a
    )


def explanation_written(world, text=EXPLANATION_TEXT) -> Explanation:
    """张三's October at 甲机房 without a punch: every working day is absent, far above the
    policy's limit, so the sheet asks for an explanation, which 张三 writes."""
    absent_all_month(world.person_a, OCTOBER)
    return explanation_submit(
        staff=world.person_a, site=world.site_a, month=OCTOBER, text=text, by=world.staff_a
    )


# --- overtime ---------------------------------------------------------------------------------


def overtime_asked(world, **changes) -> Overtime:
    """张三 asks on the reference Monday for 18:00–20:00 on the Wednesday, through the service."""
    values = {
        "staff": world.person_a,
        "date": WEDNESDAY,
        "start_time": datetime.time(18, 0),
        "end_time": datetime.time(20, 0),
        "reason": "系统割接",
        "by": world.staff_a,
        "today": MONDAY,
    }
    values.update(changes)
    return overtime_request(**values)


def overtime_made(
    world, *, date=WEDNESDAY, status=OvertimeStatus.FILED, hours="3", **extra
) -> Overtime:
    """张三's overtime already at `status` (filed unless told), without going through the
    stages; it ends at 21:00 and lasts `hours`."""
    end = datetime.time(21, 0)
    start = (datetime.datetime.combine(date, end) - datetime.timedelta(hours=float(hours))).time()
    values = {
        "staff": world.person_a,
        "site": world.site_a,
        "date": date,
        "start_time": start,
        "end_time": end,
        "hours": Decimal(hours),
        "status": status,
    }
    values.update(extra)
    return OvertimeFactory(**values)


def overtime_on(
    person,
    site,
    date=DECEMBER_FRIDAY,
    start="19:00",
    end="21:00",
    *,
    status=OvertimeStatus.PENDING,
    **extra,
) -> Overtime:
    """Overtime of anyone at `site`, pending unless told: workday overtime on a weekday,
    rest-day overtime at a weekend (SPEC §8: the latter is the department head's to approve)."""
    start_time = datetime.time.fromisoformat(start)
    end_time = datetime.time.fromisoformat(end)
    minutes = (end_time.hour * 60 + end_time.minute) - (start_time.hour * 60 + start_time.minute)
    values = {
        "staff": person,
        "site": site,
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "hours": Decimal(minutes) / 60,
        "reason": "系统割接",
        "status": status,
    }
    if date.weekday() < 5:
        values.update(day_kind="workday", category=OvertimeCategory.WORKDAY, rate=150)
    else:
        values.update(day_kind="rest", category=OvertimeCategory.REST_DAY, rate=200)
    values.update(extra)
    return OvertimeFactory(**values)


def overtime_asked_for(
    world,
    day: datetime.date,
    start: str = "18:00",
    end: str = "20:00",
    compensation: str = Compensation.PAY,
    person=None,
) -> Overtime:
    """Overtime on `day` (for the pages, which read today) asked in time: the day before, when
    `day` is already past."""
    person = person or world.person_a
    return overtime_request(
        staff=person,
        date=day,
        start_time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end),
        reason="机房割接",
        compensation=compensation,
        by=person.user,
        today=min(today(), day - ONE_DAY),
    )


def overtime_approved(world, day: datetime.date, **kwargs) -> Overtime:
    return overtime_approve(overtime=overtime_asked_for(world, day, **kwargs), by=world.manager)


def overtime_filed(world, day: datetime.date, **kwargs) -> Overtime:
    return overtime_file(overtime=overtime_approved(world, day, **kwargs), by=world.hr)


def punch_at(person, day: datetime.date, hhmm: str) -> Punch:
    """A device punch at the person's site, without judging the day again."""
    return PunchFactory(staff=person, site=person.assignments.get().site, at=at(day, hhmm))
