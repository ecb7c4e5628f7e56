"""The day recomputation and the nightly pass run on a real Celery worker (Redis broker, the
PostgreSQL test database): what queue_recompute queues on commit is judged there, and the
same task delivered twice writes the same rows."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction

from attendance.models import Day, DayStatus
from attendance.tasks import days_recompute_task, queue_recompute
from tests.conftest import build_world
from tests.factories import full_day
from tests.workers import wait_for

pytestmark = pytest.mark.worker


def test_a_recompute_queued_on_commit_is_judged_by_the_worker(celery_worker):
    world = build_world()
    full_day(world.person_a, world.site_a, "2026-10-13", start="08:50")
    with transaction.atomic():
        queue_recompute(
            start=datetime.date(2026, 10, 1),
            end=datetime.date(2026, 10, 31),
            staff_ids=[world.person_a.pk],
        )
        # Nothing is queued before the commit: the worker must not judge data it cannot see.
        assert not Day.objects.filter(staff=world.person_a).exists()
    wait_for(lambda: Day.objects.filter(staff=world.person_a).count() == 18)
    day = Day.objects.get(staff=world.person_a, date=datetime.date(2026, 10, 13))
    assert (day.status, day.late_minutes) == (DayStatus.LATE, 20)


def test_the_same_recompute_delivered_twice_writes_the_same_rows(celery_worker):
    world = build_world()
    full_day(world.person_a, world.site_a, "2026-10-13", start="08:50")
    october = ("2026-10-01", "2026-10-31")
    days_recompute_task.delay(*october, [world.person_a.pk], None)
    days_recompute_task.delay(*october, [world.person_a.pk], None)
    # The solo worker runs tasks in order: once the marker's row is there, both copies have run.
    days_recompute_task.delay("2026-10-13", "2026-10-13", [world.person_b.pk], None)
    wait_for(lambda: Day.objects.filter(staff=world.person_b).exists())
    days = Day.objects.filter(staff=world.person_a)
    assert days.count() == days.values("date").distinct().count() == 18
    assert days.get(date=datetime.date(2026, 10, 13)).status == DayStatus.LATE
