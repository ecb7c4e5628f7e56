"""After the day (SPEC §8): the hours worked are confirmed against the punches; a filed request
without punches is flagged; pay on a day of an unconfirmed calendar is not final."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from attendance.models import DayKind, OvertimeStatus
from attendance.services.overtime import (
    overtime_confirm_hours,
    overtime_evidence,
    overtime_flag_missing_punches,
)
from attendance.tasks import overtime_flag_yesterday_task
from onsite.access import OwnRecordRefused
from onsite.transitions import Refused
from tests.dates import NEXT_TUESDAY, WEDNESDAY, D
from tests.factories import calendar_day, punch
from tests.factories import overtime_made as made
from tests.pages import own


def confirm(world, overtime, hours, *, by=None, note=""):
    return overtime_confirm_hours(
        overtime=overtime, hours=Decimal(hours), by=by or world.hr, note=note, today=NEXT_TUESDAY
    )


def test_the_punches_show_the_requested_hours_worked(world):
    overtime = made(world, hours="3")  # 18:00–21:00
    punch(world.person_a, world.site_a, "2026-10-14 08:28")
    punch(world.person_a, world.site_a, "2026-10-14 20:10")
    evidence = overtime_evidence(overtime=overtime)
    assert evidence.hours == Decimal("2.0")  # 18:00 to 20:10, in whole half hours
    assert not evidence.missing


def test_hours_the_punches_show_are_confirmed_without_a_note(world):
    overtime = made(world, hours="3")
    punch(world.person_a, world.site_a, "2026-10-14 08:28")
    punch(world.person_a, world.site_a, "2026-10-14 21:05")
    confirmed = confirm(world, overtime, "3")
    assert (confirmed.actual_hours, confirmed.punches_missing) == (Decimal(3), False)
    assert confirmed.confirmed_by == world.hr
    assert confirmed.paid_hours == Decimal(3)


def test_more_than_the_punches_show_needs_a_note(world):
    overtime = made(world, hours="3")
    with pytest.raises(Refused) as refused:
        confirm(world, overtime, "2")
    assert refused.value.messages == ["The punches show 0 hours; say why 2 hours are confirmed."]
    confirmed = confirm(world, overtime, "2", note="门禁故障，客户签字确认")
    assert (confirmed.actual_hours, confirmed.punches_missing) == (Decimal(2), True)
    assert confirmed.history.latest().history_change_reason == "门禁故障，客户签字确认"


def test_more_than_approved_or_not_in_half_hours_is_refused(world):
    overtime = made(world, hours="3")
    for hours in ("3.5", "1.2", "-1"):
        with pytest.raises(Refused, match="between 0 and 3 hours, in half hours"):
            confirm(world, overtime, hours, note="x")


def test_hours_are_confirmed_after_the_day_and_once_filed(world):
    with pytest.raises(Refused, match="after the day"):
        overtime_confirm_hours(
            overtime=made(world), hours=Decimal(1), by=world.hr, note="x", today=WEDNESDAY
        )
    approved = made(world, date=D(2026, 10, 15), status=OvertimeStatus.APPROVED)
    with pytest.raises(Refused, match="once the overtime is filed"):
        confirm(world, approved, "1", note="x")


def test_a_day_of_an_unconfirmed_calendar_is_refused(world):
    calendar_day(WEDNESDAY, DayKind.WORKDAY, confirmed=False)
    with pytest.raises(Refused, match="calendar of 2026-10-14 is not confirmed yet"):
        confirm(world, made(world), "1", note="x")


def test_hours_are_confirmed_once(world):
    overtime = made(world)
    confirm(world, overtime, "1", note="x")
    with pytest.raises(Refused, match="already confirmed"):
        confirm(world, overtime, "2", note="x", by=world.supervisor_a)


def test_the_person_does_not_confirm_their_own_hours(world):
    with pytest.raises(OwnRecordRefused, match=own()):
        confirm(world, made(world), "1", note="x", by=world.staff_a)


def test_filed_overtime_without_punches_is_flagged_once(world):
    without = made(world)
    with_punches = made(world, date=WEDNESDAY, staff=world.person_b, site=world.site_b)
    punch(world.person_b, world.site_b, "2026-10-14 18:00")
    assert overtime_flag_missing_punches(date=WEDNESDAY) == 1
    assert overtime_flag_missing_punches(date=WEDNESDAY) == 0  # run twice: nothing more
    without.refresh_from_db()
    with_punches.refresh_from_db()
    assert (without.punches_missing, with_punches.punches_missing) == (True, False)


def test_the_nightly_task_flags_yesterday(world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    overtime = made(world, date=yesterday)
    assert overtime_flag_yesterday_task.delay().get() == 1
    overtime.refresh_from_db()
    assert overtime.punches_missing
