"""A working day without an inspection record is told to the site's supervisors the next
morning, once per site and day however often the job runs."""

from __future__ import annotations

import pytest

from attendance.models import CalendarDay, DayKind
from onsite.celery import BEAT_SCHEDULE
from onsite.models import Notification
from onsite.reminders import reminder_kinds
from tests.dates import MONDAY, ONE_DAY, SUNDAY, TUESDAY
from tests.tickets.inspections.conftest import record
from tickets.models import ChecklistItem
from tickets.services.inspections import MISSING, inspections_missing_flag
from tickets.tasks import inspections_missing_flag_task

pytestmark = pytest.mark.django_db


def flags():
    return [
        (n.recipient.username, n.params["site"], n.params["date"])
        for n in Notification.objects.filter(kind=MISSING).select_related("recipient")
    ]


def test_a_day_without_a_record_is_flagged_once(world, checklist):
    assert inspections_missing_flag(today=TUESDAY) == 1
    assert inspections_missing_flag(today=TUESDAY) == 0
    assert flags() == [("supervisor_a", "甲机房", MONDAY.isoformat())]


def test_a_recorded_day_is_not_flagged(world, checklist):
    record(world, checklist)
    assert inspections_missing_flag(today=TUESDAY) == 0
    assert flags() == []


def test_the_weekend_and_a_site_holiday_are_not_flagged(world, checklist):
    assert inspections_missing_flag(today=SUNDAY) == 0
    assert inspections_missing_flag(today=SUNDAY + ONE_DAY) == 0
    CalendarDay.objects.create(site=world.site_a, date=MONDAY, kind=DayKind.HOLIDAY, name="检修")
    assert inspections_missing_flag(today=TUESDAY) == 0
    assert flags() == []


def test_only_sites_with_a_checklist_and_people_placed_are_flagged(world, checklist, supervisor_b):
    # Site B gets a checklist; site A's people leave before Monday.
    ChecklistItem.objects.create(site=world.site_b, system="网络", item="光模块")
    world.person_a.assignments.update(end=MONDAY - ONE_DAY)
    assert inspections_missing_flag(today=TUESDAY) == 1
    assert flags() == [("supervisor_b", "乙中心", MONDAY.isoformat())]


def test_the_job_is_scheduled_every_morning_and_its_reminder_registered(world):
    job = BEAT_SCHEDULE["tickets-inspections-missing"]
    assert job["task"] == "tickets.tasks.inspections_missing_flag_task"
    assert MISSING in {kind.kind for kind in reminder_kinds()}


def test_the_task_runs_the_flag_of_yesterday(world, checklist, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TUESDAY)
    assert inspections_missing_flag_task.apply().get() == 1
    assert flags() == [("supervisor_a", "甲机房", MONDAY.isoformat())]
