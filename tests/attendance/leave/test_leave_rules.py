"""attendance.services.leave: days on the working-day calendar, annual entitlement by service,
balances with pending requests, and the notice rule with its emergency window (SPEC §7)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from attendance.models import DayKind, LeaveStatus
from attendance.services.leave import (
    annual_entitlement,
    emergency_refusal,
    leave_balance,
    leave_days_count,
    notice_refusal,
)
from onsite.policy import policy_for
from tests.factories import leave

D = datetime.date


def test_days_skip_the_weekend_and_count_halves(world):
    # Friday afternoon to Tuesday morning: 0.5 + Monday + 0.5.
    days = leave_days_count(
        site_id=world.site_a.pk,
        start=D(2026, 10, 16),
        end=D(2026, 10, 20),
        starts_pm=True,
        ends_am=True,
    )
    assert days == Decimal("2")


def test_days_skip_statutory_holidays_and_count_make_up_saturdays(world):
    # 2026-09-28 to 10-10: National Day block off, Saturday 10-10 a make-up workday.
    days = leave_days_count(site_id=world.site_a.pk, start=D(2026, 9, 28), end=D(2026, 10, 10))
    assert days == Decimal("6")  # 28, 29, 30 Sep, 8, 9 Oct and the make-up Saturday 10 Oct


def test_a_site_day_off_is_not_counted(world):
    from attendance.models import CalendarDay, DaySource

    CalendarDay.objects.create(
        date=D(2026, 10, 14),
        site=world.site_a,
        kind=DayKind.REST,
        source=DaySource.HR,
        confirmed=True,
    )
    assert (
        leave_days_count(site_id=world.site_a.pk, start=D(2026, 10, 13), end=D(2026, 10, 15)) == 2
    )
    assert (
        leave_days_count(site_id=world.site_b.pk, start=D(2026, 10, 13), end=D(2026, 10, 15)) == 3
    )


@pytest.mark.parametrize(
    ("started", "days"),
    [
        (D(2026, 3, 1), 0),  # under a year on 1 January 2027
        (D(2026, 1, 1), 5),
        (D(2017, 1, 2), 5),  # 9 years
        (D(2017, 1, 1), 10),
        (D(2007, 1, 2), 10),
        (D(2007, 1, 1), 15),
    ],
)
def test_annual_leave_follows_cumulative_service(world, started, days):
    world.person_a.career_start = started
    assert annual_entitlement(staff=world.person_a, year=2027) == days


def test_annual_leave_uses_the_employment_start_without_a_career_start(world):
    world.person_a.career_start = None
    world.person_a.employment_start = D(2010, 6, 1)
    assert annual_entitlement(staff=world.person_a, year=2027) == 10


def test_pending_requests_count_against_the_balance(world):
    world.person_a.career_start = D(2020, 1, 1)  # 6 years on 1 January 2026: 5 days
    leave(world.person_a, world.site_a, D(2026, 10, 12), D(2026, 10, 13), kind="annual", days=2)
    leave(
        world.person_a,
        world.site_a,
        D(2026, 10, 20),
        D(2026, 10, 20),
        kind="annual",
        days=Decimal("0.5"),
        status=LeaveStatus.PENDING,
        ends_am=True,
    )
    balance = leave_balance(staff=world.person_a, kind="annual", year=2026)
    assert (balance.entitled, balance.taken, balance.asked, balance.left) == (
        5,
        2,
        Decimal("0.5"),
        Decimal("2.5"),
    )


def test_approved_leave_counts_as_taken_even_without_its_days_on_record(world):
    """Leave imported from a file before its days were counted has none stored."""
    world.person_a.career_start = D(2020, 1, 1)
    leave(world.person_a, world.site_a, D(2026, 10, 12), D(2026, 10, 13), kind="annual")
    leave(
        world.person_a,
        world.site_a,
        D(2026, 10, 20),
        D(2026, 10, 20),
        kind="annual",
        status=LeaveStatus.PENDING,
    )
    balance = leave_balance(staff=world.person_a, kind="annual", year=2026)
    assert (balance.taken, balance.asked, balance.left) == (2, 1, 2)


def test_a_balance_beyond_its_entitlement_is_overdrawn(world):
    world.person_a.career_start = D(2020, 1, 1)  # 5 days
    leave(world.person_a, world.site_a, D(2026, 10, 12), D(2026, 10, 16), kind="annual", days=5)
    leave(world.person_a, world.site_a, D(2026, 10, 19), D(2026, 10, 20), kind="annual", days=2)
    balance = leave_balance(staff=world.person_a, kind="annual", year=2026)
    assert (balance.left, balance.overdrawn) == (-2, True)


def test_without_a_start_of_service_annual_leave_is_unknown_not_zero(world):
    world.person_a.career_start = world.person_a.employment_start = None
    with translation.override("en"):
        balance = leave_balance(staff=world.person_a, kind="annual", year=2026)
    assert balance.unknown == (
        "Annual leave cannot be counted: the start of employment of 张三 is not on record. "
        "HR adds it on the staff record."
    )


def policy(world):
    return policy_for(company=world.company, site=world.site_a)


@pytest.mark.parametrize(
    ("days", "ahead", "allowed"),
    [(1, 1, True), (1, 0, False), (2, 1, True), (3, 2, True), (3, 1, False), (5, 2, True)],
)
def test_the_notice_rule(world, days, ahead, allowed):
    today = D(2026, 11, 2)
    refusal = notice_refusal(
        days=Decimal(days),
        start=today + datetime.timedelta(days=ahead),
        today=today,
        policy=policy(world),
    )
    assert (refusal is None) is allowed


def test_a_late_long_request_is_told_the_rule_and_the_earliest_start(world):
    refusal = notice_refusal(
        days=Decimal(3), start=D(2026, 11, 3), today=D(2026, 11, 2), policy=policy(world)
    )
    assert "3" in refusal and "2" in refusal
    assert "2026-11-04" in refusal


def test_the_notice_days_are_a_policy_setting(world):
    from onsite.models import PolicySetting

    PolicySetting.objects.create(company=world.company, key="leave_notice_short_days", value=3)
    refusal = notice_refusal(
        days=Decimal(1), start=D(2026, 11, 4), today=D(2026, 11, 2), policy=policy(world)
    )
    assert "2026-11-05" in refusal


@pytest.mark.parametrize(
    ("today", "allowed"),
    # Leave ended Friday 10-16; return Monday 10-19: filing by Wednesday 10-21 is in time.
    [
        (D(2026, 10, 16), True),
        (D(2026, 10, 19), True),
        (D(2026, 10, 21), True),
        (D(2026, 10, 22), False),
    ],
)
def test_an_emergency_is_filed_within_three_working_days_of_returning(world, today, allowed):
    refusal = emergency_refusal(
        end=D(2026, 10, 16), today=today, site_id=world.site_a.pk, policy=policy(world)
    )
    assert (refusal is None) is allowed
