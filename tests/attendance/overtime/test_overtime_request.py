"""attendance.services.overtime.overtime_request: the category and rate from the calendar, the
rules that refuse a request (with their messages), the emergency path and the caps (SPEC §8)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from attendance.models import (
    Compensation,
    DayKind,
    MonthClose,
    MonthStatus,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from onsite.models import Notification, PolicySetting
from onsite.transitions import Refused
from tests.dates import MONDAY as TODAY
from tests.dates import SATURDAY, D, T
from tests.factories import calendar_day
from tests.factories import overtime_asked as ask


def test_weekday_overtime_is_workday_overtime_at_150_percent(world):
    request = ask(world, start_time=T(18, 0), end_time=T(20, 40))
    assert (request.category, request.rate, request.day_kind) == (
        OvertimeCategory.WORKDAY,
        150,
        DayKind.WORKDAY,
    )
    assert request.hours == Decimal("2.5")  # whole half hours only
    assert request.status == OvertimeStatus.PENDING
    assert not request.emergency and not request.over_cap


@pytest.mark.parametrize(
    ("kind", "category", "rate"),
    [
        (DayKind.REST, OvertimeCategory.REST_DAY, 200),
        (DayKind.HOLIDAY, OvertimeCategory.HOLIDAY, 300),
        (DayKind.HOLIDAY_REST, OvertimeCategory.REST_DAY, 200),
        (DayKind.MAKEUP_WORKDAY, OvertimeCategory.WORKDAY, 150),
    ],
)
def test_the_category_and_rate_follow_the_kind_of_day(world, kind, category, rate):
    calendar_day(SATURDAY, kind)
    request = ask(world, date=SATURDAY, start_time=T(9, 0), end_time=T(12, 0))
    assert (request.category, request.rate) == (category, rate)


def test_each_rate_is_a_policy_setting(world):
    PolicySetting.objects.create(company=world.company, key="overtime_rate_holiday_rest", value=300)
    calendar_day(SATURDAY, DayKind.HOLIDAY_REST)
    request = ask(world, date=SATURDAY, start_time=T(9, 0), end_time=T(12, 0))
    assert (request.category, request.rate) == (OvertimeCategory.REST_DAY, 300)


def test_the_supervisors_and_the_managers_are_asked(world):
    ask(world)
    asked = set(
        Notification.objects.filter(kind="overtime.pending").values_list(
            "recipient__username", flat=True
        )
    )
    assert asked == {"supervisor_a", "manager"}


def test_a_request_after_the_day_is_refused_unless_an_emergency(world):
    yesterday = D(2026, 10, 9)
    with pytest.raises(Refused) as refused:
        ask(world, date=yesterday)
    assert refused.value.messages == [
        "Overtime is asked for before the day (2026-10-09 is past). If it was an emergency, "
        "mark the request as an emergency: your supervisor then confirms it."
    ]


def test_an_emergency_after_the_day_waits_for_the_supervisors_confirmation(world):
    request = ask(world, date=D(2026, 10, 9), emergency=True)
    assert (request.status, request.emergency) == (OvertimeStatus.UNCONFIRMED, True)
    told = Notification.objects.get(kind="overtime.unconfirmed")
    assert told.recipient == world.supervisor_a


def test_an_emergency_mark_on_a_request_in_time_changes_nothing(world):
    request = ask(world, emergency=True)
    assert (request.status, request.emergency) == (OvertimeStatus.PENDING, False)


def test_time_off_is_only_for_rest_day_overtime(world):
    with pytest.raises(Refused, match="Only rest-day overtime can be taken as time off"):
        ask(world, compensation=Compensation.TIME_OFF)
    calendar_day(SATURDAY, DayKind.REST)
    request = ask(
        world,
        date=SATURDAY,
        start_time=T(9, 0),
        end_time=T(12, 0),
        compensation=Compensation.TIME_OFF,
    )
    assert request.compensation == Compensation.TIME_OFF


def test_every_problem_is_listed_at_once(world):
    ask(world, start_time=T(18, 0), end_time=T(20, 0))
    with pytest.raises(Refused) as refused:
        ask(
            world,
            start_time=T(19, 0),
            end_time=T(19, 20),
            reason=" ",
            compensation=Compensation.TIME_OFF,
        )
    assert refused.value.messages[0] == "Give a reason for the overtime."
    assert refused.value.messages[1] == (
        "The overtime must end at least half an hour after it starts."
    )
    assert "You already asked for overtime at these hours." in refused.value.messages
    assert len(refused.value.messages) == 4


def test_a_person_not_placed_that_day_is_refused(world):
    with pytest.raises(Refused, match="not placed at any site on 2025-12-31"):
        ask(world, date=D(2025, 12, 31), today=D(2025, 12, 1))


def test_a_closed_month_is_refused(world):
    MonthClose.objects.create(site=world.site_a, month=D(2026, 10, 1), status=MonthStatus.CLOSED)
    with pytest.raises(Refused, match="closed"):
        ask(world)


def test_three_hours_a_day_is_within_the_cap(world):
    assert not ask(world, start_time=T(18, 0), end_time=T(21, 0)).over_cap


def test_beyond_three_hours_a_day_is_marked_beyond_the_cap(world):
    assert ask(world, start_time=T(18, 0), end_time=T(21, 30)).over_cap


def test_the_day_cap_counts_the_other_requests_of_the_day(world):
    ask(world, start_time=T(7, 0), end_time=T(8, 0))
    assert ask(world, start_time=T(18, 0), end_time=T(20, 30)).over_cap


def test_the_month_cap_counts_the_month(world):
    # Twelve workdays of 3 hours: 36 hours, the cap itself.
    days = [D(2026, 10, d) for d in (13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28)]
    for day in days:
        assert not ask(world, date=day, start_time=T(18, 0), end_time=T(21, 0)).over_cap
    assert ask(world, date=D(2026, 10, 29), start_time=T(18, 0), end_time=T(18, 30)).over_cap
    # November is another month.
    assert not ask(world, date=D(2026, 11, 2), start_time=T(18, 0), end_time=T(21, 0)).over_cap


def test_the_caps_are_policy_settings(world):
    PolicySetting.objects.create(company=world.company, key="overtime_day_cap_hours", value=4)
    assert not ask(world, start_time=T(18, 0), end_time=T(22, 0)).over_cap
    PolicySetting.objects.create(company=world.company, key="overtime_month_cap_hours", value=5)
    assert ask(world, date=D(2026, 10, 15), start_time=T(18, 0), end_time=T(19, 30)).over_cap


def test_today_counts_as_before_the_day(world):
    request = ask(world, date=TODAY)
    assert request.status == OvertimeStatus.PENDING


@pytest.mark.django_db(transaction=True)
def test_the_same_request_sent_twice_at_once_is_filed_once():
    """A double click sends two identical requests together: one is filed, the other is told
    that the hours are taken (two rows would count the hours twice once filed)."""
    from tests.conftest import build_world

    world = build_world()
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        barrier.wait()
        try:
            with translation.override("en"):
                ask(world)
            outcomes.append("filed")
        except Refused as refused:
            outcomes.append(str(refused))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Overtime.objects.filter(staff=world.person_a).count() == 1
    assert sorted(outcomes) == ["You already asked for overtime at these hours.", "filed"]


def test_rest_day_overtime_asks_the_department_heads_only(world):
    calendar_day(SATURDAY, DayKind.REST)
    ask(world, date=SATURDAY, start_time=T(9, 0), end_time=T(12, 0))
    asked = set(
        Notification.objects.filter(kind="overtime.pending").values_list(
            "recipient__username", flat=True
        )
    )
    assert asked == {"manager"}
