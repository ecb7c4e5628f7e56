"""Report reminders on a real Celery worker (Redis, another process), the clock frozen by the
`now` the task is given: the Monday 09:00 reminder queued twice, and run here while the worker
runs it, reaches each person once; the 13:05 digest likewise reaches each supervisor once."""

from __future__ import annotations

import datetime

import pytest

from onsite import tasks as onsite_tasks
from onsite.models import Notification
from tests import factories
from tests.dates import MONDAY, ONE_DAY, at
from tests.workers import wait_for
from tickets import tasks
from tickets.services.report_reminders import DIGEST, REMINDER, reports_digest, reports_remind

pytestmark = pytest.mark.worker

DUE_MONDAY = MONDAY + 7 * ONE_DAY  # the reference week's reports are due at 13:00


def _after_the_queue():
    """The solo worker runs tasks in order: once this marker is e-mailed, all before it ran."""
    recipient = factories.UserFactory(email="marker@onsite.example")
    marker = factories.NotificationFactory(recipient=recipient)
    onsite_tasks.notification_email_send.delay(marker.pk)
    wait_for(
        lambda: Notification.objects.filter(pk=marker.pk, emailed_at__isnull=False).exists(),
        timeout=60,
    )


def per_recipient(kind: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for username in Notification.objects.filter(kind=kind).values_list(
        "recipient__username", flat=True
    ):
        counts[username] = counts.get(username, 0) + 1
    return counts


def iso(when: datetime.datetime) -> str:
    return when.isoformat()


# transactional_db first: the data is committed, so the worker process sees it.
def test_the_reminder_queued_twice_and_run_here_at_once_reaches_each_person_once(
    transactional_db, world, celery_worker
):
    factories.colleague_of(world)
    # 08:59: nothing is due yet.
    tasks.reports_remind_task.delay(now=iso(at(DUE_MONDAY, "08:59")))
    _after_the_queue()
    assert per_recipient(REMINDER) == {}

    # 09:00, delivered twice (two beats, or a redelivery), and a third run here meanwhile.
    tasks.reports_remind_task.delay(now=iso(at(DUE_MONDAY, "09:00")))
    tasks.reports_remind_task.delay(now=iso(at(DUE_MONDAY, "09:00")))
    here = reports_remind(now=at(DUE_MONDAY, "09:00"))
    _after_the_queue()
    assert 0 <= here <= 3
    assert per_recipient(REMINDER) == {"staff_a": 1, "staff_b": 1, "colleague-王五": 1}
    # The worker e-mailed each reminder once too (their e-mails were queued behind the marker).
    _after_the_queue()
    assert len([mail for mail in celery_worker.mails() if "2026-W42" in mail]) == 3


def test_the_digest_queued_twice_reaches_each_supervisor_once(
    transactional_db, world, celery_worker
):
    tasks.reports_digest_task.delay(now=iso(at(DUE_MONDAY, "13:01")))
    _after_the_queue()
    assert per_recipient(DIGEST) == {}

    tasks.reports_digest_task.delay(now=iso(at(DUE_MONDAY, "13:05")))
    here = reports_digest(now=at(DUE_MONDAY, "13:05"))
    tasks.reports_digest_task.delay(now=iso(at(DUE_MONDAY, "13:10")))
    # A run on Tuesday (after downtime, or late) sends nothing more either.
    tasks.reports_digest_task.delay(now=iso(at(DUE_MONDAY + ONE_DAY, "09:00")))
    _after_the_queue()
    assert here in (0, 1)
    assert per_recipient(DIGEST) == {"supervisor_a": 1}
    (digest,) = Notification.objects.filter(kind=DIGEST)
    assert digest.params["lists"] == [
        {"site": "甲机房", "site_id": world.site_a.pk, "missing": ["张三"], "late": []}
    ]
