"""Leave of 张三 (person A, site A) for the tests of the leave pages. The pages use today's
date, so the days are taken a week or more ahead and the calendar of those days is set here,
whatever the real calendar says."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from attendance.models import DayKind, Leave, LeaveStatus
from tests import factories
from tests.attendance.core.helpers import calendar_day
from tests.attendance.punches.helpers import page_text

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
# Two October workdays, long past: good for reading and deciding, not for extending.
OCTOBER_13, OCTOBER_14 = D(2026, 10, 13), D(2026, 10, 14)


def monday_ahead() -> datetime.date:
    """A Monday at least a week after today."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 + (7 - today.weekday()) % 7)


def plain_weeks(monday: datetime.date, weeks: int = 2) -> None:
    """Workdays from Monday to Friday, rest days at the weekend."""
    for n in range(7 * weeks):
        day = monday + datetime.timedelta(days=n)
        calendar_day(day, DayKind.WORKDAY if day.weekday() < 5 else DayKind.REST)


def make_colleague(world, name="王五"):
    """Someone else placed at site A, with a login."""
    contract = world.person_a.assignments.get().contract
    person = factories.StaffFactory(
        company=world.company, name=name, user=factories.UserFactory(username=f"colleague-{name}")
    )
    factories.AssignmentFactory(
        staff=person, site=world.site_a, contract=contract, start=D(2026, 1, 1)
    )
    return person


@pytest.fixture
def colleague(world):
    return make_colleague(world)


def leave_of_a(world, start=OCTOBER_13, end=OCTOBER_14, **extra) -> Leave:
    """张三's leave, by default pending on two October workdays."""
    values = {
        "staff": world.person_a,
        "site": world.site_a,
        "kind": "personal",
        "start": start,
        "end": end,
        "status": LeaveStatus.PENDING,
        "days": Decimal((end - start).days + 1),
        "reason": "家中有事",
    }
    values.update(extra)
    return Leave.objects.create(**values)


def words(response) -> str:
    """The page as a person reads it: the text without its tags."""
    return re.sub(r"<[^>]+>", "", page_text(response))
