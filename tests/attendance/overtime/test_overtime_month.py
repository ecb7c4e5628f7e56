"""Overtime in the month (SPEC §8, §6): the sheet pays confirmed hours of filed overtime by
category; a month does not close while requests wait or hours are unconfirmed; rest-day
overtime taken as time off earns compensatory leave."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import Compensation, LeaveKind, LeaveStatus, OvertimeCategory, OvertimeStatus
from attendance.selectors.sheet import person_row
from attendance.services.leave import leave_balance, leave_request
from attendance.services.months import month_close
from attendance.services.overtime import compensatory_days
from onsite.models import PolicySetting
from onsite.transitions import Refused
from tests import factories
from tests.dates import OCTOBER, D
from tests.factories import leave
from tests.factories import overtime_made as made

REST = {"category": OvertimeCategory.REST_DAY, "day_kind": "rest", "rate": 200}


def confirmed(world, *, hours="3", **extra):
    return made(
        world,
        hours=hours,
        actual_hours=Decimal(hours),
        confirmed_at=timezone.now(),
        confirmed_by=world.hr,
        **extra,
    )


def test_the_sheet_shows_confirmed_hours_by_category(world):
    confirmed(world, hours="2")
    confirmed(world, hours="3", date=D(2026, 10, 15))
    confirmed(world, hours="8", date=D(2026, 10, 17), **REST)
    made(world, date=D(2026, 10, 16))  # filed, hours not confirmed: not paid yet
    made(world, date=D(2026, 10, 19), status=OvertimeStatus.APPROVED)  # not filed
    row = person_row(staff=world.person_a, site=world.site_a, month=OCTOBER)
    assert row.overtime_by_category == {
        OvertimeCategory.WORKDAY: Decimal(5),
        OvertimeCategory.REST_DAY: Decimal(8),
    }
    assert row.overtime_hours == Decimal(13)


def test_the_sheet_page_shows_the_hours_by_category(client, world):
    confirmed(world, hours="8", date=D(2026, 10, 17), **REST)
    client.force_login(world.hr)
    response = client.get(reverse("attendance:sheet", args=[world.site_a.pk, "2026-10"]))
    assert "休息日加班 8" in response.content.decode()


def past_month_close(world):
    return month_close(site=world.site_a, month=OCTOBER, by=world.hr)


def test_a_month_with_leave_waiting_does_not_close(world):
    leave(
        world.person_a, world.site_a, D(2026, 10, 20), D(2026, 10, 20), status=LeaveStatus.PENDING
    )
    with pytest.raises(Refused, match="1 leave requests of this month wait for a decision"):
        past_month_close(world)


def test_a_month_with_overtime_waiting_does_not_close(world):
    made(world, status=OvertimeStatus.APPROVED)
    with pytest.raises(Refused, match="1 overtime requests of this month wait"):
        past_month_close(world)


def test_a_month_with_unconfirmed_hours_does_not_close(world):
    made(world)
    with pytest.raises(Refused, match="hours of 1 filed overtime of this month are not confirmed"):
        past_month_close(world)
    confirmed(world, date=D(2026, 10, 15))
    made_row = world.person_a.overtime.get(date=D(2026, 10, 14))
    made_row.actual_hours, made_row.confirmed_at = Decimal(0), timezone.now()
    made_row.save()
    assert past_month_close(world).status == "closed"


def test_rest_day_overtime_taken_as_time_off_earns_compensatory_days(world):
    confirmed(world, hours="8", date=D(2026, 10, 17), compensation=Compensation.TIME_OFF, **REST)
    confirmed(world, hours="4", date=D(2026, 10, 18), compensation=Compensation.TIME_OFF, **REST)
    confirmed(world, hours="8", date=D(2026, 10, 24), **REST)  # paid, not time off
    assert compensatory_days(staff=world.person_a, year=2026) == Decimal("1.5")
    balance = leave_balance(staff=world.person_a, kind=LeaveKind.COMPENSATORY, year=2026)
    assert (balance.entitled, balance.left) == (Decimal("1.5"), Decimal("1.5"))


def test_the_hours_of_a_day_off_are_a_policy_setting(world):
    PolicySetting.objects.create(company=world.company, key="overtime_hours_per_day_off", value=4)
    confirmed(world, hours="8", date=D(2026, 10, 17), compensation=Compensation.TIME_OFF, **REST)
    assert compensatory_days(staff=world.person_a, year=2026) == Decimal(2)


def test_compensatory_leave_beyond_the_earned_days_is_refused(world):
    confirmed(world, hours="8", date=D(2026, 10, 17), compensation=Compensation.TIME_OFF, **REST)
    cover = factories.StaffFactory(company=world.company)
    factories.AssignmentFactory(
        staff=cover,
        site=world.site_a,
        contract=world.person_a.assignments.get().contract,
        start=D(2026, 1, 1),
    )
    ask = {
        "staff": world.person_a,
        "kind": LeaveKind.COMPENSATORY,
        "reason": "调休",
        "cover": cover,
        "by": world.staff_a,
        "today": D(2026, 11, 2),
    }
    with pytest.raises(Refused, match="left for 2026: 1 days"):
        leave_request(start=D(2026, 11, 5), end=D(2026, 11, 6), **ask)
    taken = leave_request(start=D(2026, 11, 5), end=D(2026, 11, 5), **ask)
    assert taken.days == 1
    assert datetime.date(2026, 11, 5) == taken.start
