"""The SLA clock (tickets.services.sla) at and around its targets, round the clock and on the
site's working hours on the China calendar (§6): site A works 08:30–12:00 and 14:00–17:30, on
the seeded calendar of 2026, whose National Day block is 1–7 October and whose Saturday
10 October is a make-up workday (调休上班日)."""

from __future__ import annotations

import datetime

import pytest

from attendance.models import CalendarDay, DayKind
from attendance.selectors.calendar import WorkCalendar
from onsite.policy import policy_set
from tests.dates import MAKEUP_WORKDAYS_2026, MONDAY, SATURDAY, TUESDAY, at
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tickets.selectors.clock import clock
from tickets.services import sla

HOUR = datetime.timedelta(hours=1)
# The eve of National Day 2026: Wednesday 30 September, a workday, in the afternoon.
EVE = datetime.date(2026, 9, 30)
MAKEUP_SATURDAY = datetime.date(2026, 10, 10)


@pytest.fixture
def working_hours(world):
    policy_set(
        key="ticket_sla_clock", value="working_hours", site=world.site_a, by=world.users["hr"]
    )
    return world


def due(world, start, hours, working=True):
    return sla.due_at(site=world.site_a, start=start, hours=hours, working_hours=working)


def test_the_seeded_calendar_has_the_national_day_block_and_its_make_up_saturday(world):
    calendar = WorkCalendar(start=EVE, end=datetime.date(2026, 10, 12))
    assert calendar.is_working(EVE)
    assert not any(calendar.is_working(datetime.date(2026, 10, d)) for d in range(1, 8))
    assert MAKEUP_SATURDAY in MAKEUP_WORKDAYS_2026
    assert calendar.kind(MAKEUP_SATURDAY) == DayKind.MAKEUP_WORKDAY
    assert not calendar.is_working(datetime.date(2026, 10, 11))


def test_a_ticket_raised_on_the_eve_of_national_day_falls_due_after_the_holiday(working_hours):
    world = working_hours
    ticket = raise_ticket(world, now=at(EVE, "15:00"))
    # 2.5 h on the eve, none in the holiday, 7 h on 8, 9 and (make-up) 10 October: the 24 h of
    # the first response end half an hour into Monday 12 October.
    assert ticket.response_due == at(MONDAY, "09:00")
    # 72 h: then 5 × 7 h in the week of 12 October, 7 h on Monday 19, 6.5 h on Tuesday 20.
    assert ticket.resolution_due == at(datetime.date(2026, 10, 20), "17:00")


def test_the_make_up_workday_counts(working_hours):
    world = working_hours
    with_makeup = due(world, at(EVE, "15:00"), 24)
    CalendarDay.objects.filter(site__isnull=True, date=MAKEUP_SATURDAY).update(kind=DayKind.REST)
    without = due(world, at(EVE, "15:00"), 24)
    assert (with_makeup, without) == (at(MONDAY, "09:00"), at(TUESDAY, "09:00"))


def test_the_same_ticket_at_a_round_the_clock_site_is_due_72_hours_later(world):
    ticket = raise_ticket(world, now=at(EVE, "15:00"))
    assert ticket.response_due == at(datetime.date(2026, 10, 1), "15:00")
    assert ticket.resolution_due == at(EVE, "15:00") + 72 * HOUR
    assert not sla.clock_is_working_hours(world.site_a)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        # Inside a period: the hours run on in it.
        (at(MONDAY, "09:00"), 1, at(MONDAY, "10:00")),
        # Ending exactly at a period's end is that end, not the next period's start.
        (at(MONDAY, "09:00"), 3, at(MONDAY, "12:00")),
        (at(MONDAY, "08:30"), 7, at(MONDAY, "17:30")),
        # A minute more crosses the lunch break.
        (at(MONDAY, "11:30"), 1, at(MONDAY, "14:30")),
        # Raised in the lunch break, before work or after it: the clock starts with the next period.
        (at(MONDAY, "12:30"), 1, at(MONDAY, "15:00")),
        (at(MONDAY, "07:00"), 1, at(MONDAY, "09:30")),
        (at(MONDAY, "17:30"), 1, at(datetime.date(2026, 10, 13), "09:30")),
        # On a weekend: Monday.
        (at(SATURDAY, "10:00"), 2, at(datetime.date(2026, 10, 19), "10:30")),
        # Late on Friday: the rest runs on Monday.
        (at(datetime.date(2026, 10, 16), "17:00"), 1, at(datetime.date(2026, 10, 19), "09:00")),
    ],
)
def test_working_hours_at_and_around_the_periods(world, start, hours, expected):
    assert due(world, start, hours) == expected


def test_round_the_clock_counts_nights_and_holidays(world):
    start = at(datetime.date(2026, 10, 1), "23:00")
    assert due(world, start, 4, working=False) == at(datetime.date(2026, 10, 2), "03:00")


def test_elapsed_counts_the_same_clock_back(world):
    start = at(EVE, "15:00")
    end = at(MONDAY, "09:00")
    assert sla.elapsed(site=world.site_a, start=start, end=end, working_hours=True) == 24 * HOUR
    assert sla.elapsed(site=world.site_a, start=start, end=end, working_hours=False) == end - start
    assert sla.elapsed(site=world.site_a, start=end, end=start, working_hours=True) == 0 * HOUR
    # A holiday counts nothing.
    holiday = at(datetime.date(2026, 10, 2), "09:00")
    assert (
        sla.elapsed(site=world.site_a, start=holiday, end=holiday + 8 * HOUR, working_hours=True)
        == 0 * HOUR
    )


def test_a_site_without_a_schedule_runs_round_the_clock(working_hours):
    world = working_hours
    assert sla.clock_is_working_hours(world.site_a)
    world.site_a.schedule = ""
    world.site_a.save(update_fields=["schedule"])
    assert not sla.clock_is_working_hours(world.site_a)


def test_a_site_day_off_stops_the_clock(working_hours):
    world = working_hours
    CalendarDay.objects.create(
        site=world.site_a, date=MONDAY, kind=DayKind.REST, name="停电检修", confirmed=True
    )
    assert due(world, at(MONDAY, "09:00"), 1) == at(datetime.date(2026, 10, 13), "09:30")


@pytest.mark.parametrize(("minutes", "breached"), [(-1, False), (0, False), (1, True)])
def test_a_target_is_breached_only_after_its_due_time(world, ticket, minutes, breached):
    now = ticket.response_due + datetime.timedelta(minutes=minutes)
    state = clock(ticket, now)
    assert state.response.breached is breached
    assert state.response.left == -datetime.timedelta(minutes=minutes)
    assert not state.resolution.breached


def test_a_response_at_the_due_minute_is_met(world, ticket):
    from tickets.services.tickets import ticket_acknowledge

    ticket = ticket_acknowledge(ticket=ticket, by=world.supervisor_a, now=ticket.response_due)
    state = clock(ticket, ticket.response_due + 5 * HOUR)
    assert state.response.met and not state.response.breached
    assert ticket.response_due == RAISED_AT + 24 * HOUR
