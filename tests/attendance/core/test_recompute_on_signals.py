"""Staffing tells attendance that placements or a site's hours changed through the core's
signals (onsite.signals); attendance's receivers queue the days to judge again on commit, as
staffing did itself before it stopped importing attendance."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from onsite.org.models import Assignment
from onsite.signals import placements_changed_send
from staffing.services.assignments import assignment_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def delay():
    with mock.patch("attendance.tasks.days_recompute_task.delay") as delay:
        yield delay


def test_a_new_placement_queues_its_days_to_be_judged_on_commit(
    world, delay, django_capture_on_commit_callbacks
):
    placed = world.person_a.assignments.get()
    person = factories.StaffFactory(company=world.company, position=placed.position)
    factories.passed_checks(person)
    start = timezone.localdate() - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assignment_create(
            staff=person, site=world.site_a, contract=placed.contract, start=start, by=world.hr
        )
    delay.assert_not_called()  # not before the commit
    for callback in callbacks:
        callback()
    delay.assert_called_once_with(
        start.isoformat(), timezone.localdate().isoformat(), [person.pk], None
    )


def test_a_changed_schedule_queues_the_sites_month_so_far(
    client, world, delay, django_capture_on_commit_callbacks
):
    site = world.site_a
    client.force_login(world.hr)
    form = client.get(reverse("staffing:site_edit", args=[site.pk])).context["form"]
    data = {
        name: "" if value is None else value
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["schedule"] = "08:00-12:00,14:00-18:00"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staffing:site_edit", args=[site.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    today = timezone.localdate()
    delay.assert_called_once_with(
        today.replace(day=1).isoformat(), today.isoformat(), None, [site.pk]
    )


def test_without_attendance_listening_a_placement_change_queues_nothing(
    delay, django_capture_on_commit_callbacks
):
    from onsite.signals import placements_changed

    receivers = placements_changed.receivers[:]
    placements_changed.receivers.clear()
    placements_changed.sender_receivers_cache.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            placements_changed_send(
                sender=Assignment,
                staff_ids=[1],
                start=datetime.date(2026, 10, 1),
                end=datetime.date(2026, 10, 2),
            )
    finally:
        placements_changed.receivers[:] = receivers
        placements_changed.sender_receivers_cache.clear()
    delay.assert_not_called()
