"""Overdue, on the site's clock: a step of an approved plan not done and due before the site's
today. Due today is not overdue; due yesterday is, by one day — also when the server's day (UTC)
is still yesterday."""

from __future__ import annotations

import datetime

import pytest

from tests.dates import MONDAY, SHANGHAI, TUESDAY
from tests.tickets.plans.conftest import approved, submitted
from tickets.models import PlanStep
from tickets.selectors import plans as selectors
from tickets.services import plans as services

pytestmark = pytest.mark.django_db
# Tuesday 00:30 at site A (Shanghai), still Monday 16:30 in UTC.
JUST_AFTER_MIDNIGHT = datetime.datetime(2026, 10, 13, 0, 30, tzinfo=SHANGHAI)
JUST_BEFORE_MIDNIGHT = datetime.datetime(2026, 10, 12, 23, 59, tzinfo=SHANGHAI)


def overdue(now, **options):
    return [step.title for step in selectors.overdue_steps(now=now, **options)]


def test_due_yesterday_is_overdue_due_today_is_not(world):
    approved(world, steps=((MONDAY, None), (TUESDAY, None)))
    assert JUST_AFTER_MIDNIGHT.astimezone(datetime.UTC).date() == MONDAY
    assert overdue(JUST_AFTER_MIDNIGHT, responsible_id=world.person_a.pk) == ["第1步"]
    assert overdue(JUST_BEFORE_MIDNIGHT) == []
    step = PlanStep.objects.get(title="第1步")
    today = selectors.site_today(world.site_a, JUST_AFTER_MIDNIGHT)
    assert (today, selectors.days_overdue(step, today)) == (TUESDAY, 1)


def test_a_site_in_another_time_zone_has_its_own_today(world):
    world.site_a.time_zone = "Asia/Urumqi"  # UTC+6: 22:30 on Monday there
    world.site_a.save(update_fields=["time_zone"])
    approved(world, steps=((MONDAY, None),))
    # Overdue in Shanghai already, not yet at the site.
    assert overdue(JUST_AFTER_MIDNIGHT) == []
    assert overdue(JUST_AFTER_MIDNIGHT + datetime.timedelta(hours=2)) == ["第1步"]


def test_done_steps_and_plans_not_approved_are_not_overdue(world):
    plan = approved(world, steps=((MONDAY, None), (MONDAY, None)))
    services.step_mark(step=plan.steps.first(), by=world.staff_a, today=MONDAY)
    submitted(world, steps=((MONDAY, None),))
    assert overdue(JUST_AFTER_MIDNIGHT) == ["第2步"]


def test_the_leads_overdue_steps_are_those_of_their_sites(world):
    approved(world, steps=((MONDAY, None),))
    assert overdue(JUST_AFTER_MIDNIGHT, site_ids=[world.site_a.pk]) == ["第1步"]
    assert overdue(JUST_AFTER_MIDNIGHT, site_ids=[world.site_b.pk]) == []
