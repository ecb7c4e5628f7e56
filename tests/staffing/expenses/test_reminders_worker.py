"""The expense deadline reminder on a real Celery worker (Redis, another process), the clock
frozen by the `now` the task is given: queued twice at 09:00 on the 5th, and run here meanwhile,
each person is reminded once, and e-mailed once."""

from __future__ import annotations

import datetime

import pytest

from onsite import tasks as onsite_tasks
from onsite.models import Notification
from staffing import tasks
from staffing.models import ClaimStatus
from staffing.services.expense_reminders import DEADLINE, deadline_remind
from tests import factories
from tests.dates import SHANGHAI
from tests.factories.expenses import ClaimFactory, ExpenseLineFactory
from tests.workers import wait_for

pytestmark = pytest.mark.worker

FIFTH = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=SHANGHAI)


def _after_the_queue():
    """The solo worker runs tasks in order: once this marker is e-mailed, all before it ran."""
    recipient = factories.UserFactory(email="marker@onsite.example")
    marker = factories.NotificationFactory(recipient=recipient)
    onsite_tasks.notification_email_send.delay(marker.pk)
    wait_for(
        lambda: Notification.objects.filter(pk=marker.pk, emailed_at__isnull=False).exists(),
        timeout=60,
    )
    marker.delete()


def per_recipient() -> dict[str, int]:
    counts: dict[str, int] = {}
    for username in Notification.objects.filter(kind=DEADLINE).values_list(
        "recipient__username", flat=True
    ):
        counts[username] = counts.get(username, 0) + 1
    return counts


# transactional_db first: the data is committed, so the worker process sees it.
def test_the_reminder_queued_twice_and_run_here_at_once_reaches_each_person_once(
    transactional_db, world, celery_worker
):
    for person, site, status in (
        (world.person_a, world.site_a, ClaimStatus.DRAFT),
        (world.person_b, world.site_b, ClaimStatus.RETURNED),
    ):
        claim = ClaimFactory(staff=person, site=site, status=status, return_reason="请补充发票")
        ExpenseLineFactory(claim=claim, site=site)
    # 08:59: nothing is due yet.
    tasks.expenses_remind_task.delay(now=(FIFTH - datetime.timedelta(minutes=1)).isoformat())
    _after_the_queue()
    assert per_recipient() == {}

    # 09:00, delivered twice (two beats, or a redelivery), and a third run here meanwhile.
    tasks.expenses_remind_task.delay(now=FIFTH.isoformat())
    tasks.expenses_remind_task.delay(now=FIFTH.isoformat())
    here = deadline_remind(now=FIFTH)
    _after_the_queue()
    assert 0 <= here <= 2
    assert per_recipient() == {"staff_a": 1, "staff_b": 1}
    # The worker e-mailed each reminder once (their e-mails were queued behind the marker).
    _after_the_queue()
    assert len([mail for mail in celery_worker.mails() if "2026-10" in mail]) == 2
