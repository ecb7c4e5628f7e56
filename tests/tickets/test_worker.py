"""The SLA scan and the automatic close on a real Celery worker (Redis, another process): the
task delivered twice, and run beside the same scan in this process, sends each warning and each
breach notice once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from onsite import tasks as onsite_tasks
from onsite.models import Notification
from tests import factories
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tests.workers import wait_for
from tickets import tasks
from tickets.models import TicketStatus
from tickets.services import tickets as svc
from tickets.services.reminders import BREACHED, WARNING, tickets_sla_remind

pytestmark = pytest.mark.worker

HOUR = datetime.timedelta(hours=1)


def _marker_sent(worker_marker) -> bool:
    return Notification.objects.filter(pk=worker_marker.pk, emailed_at__isnull=False).exists()


def _after_the_queue():
    """The solo worker runs tasks in order: once this marker is e-mailed, all before it ran."""
    recipient = factories.UserFactory(email="marker@onsite.example")
    marker = factories.NotificationFactory(recipient=recipient)
    onsite_tasks.notification_email_send.delay(marker.pk)
    wait_for(lambda: _marker_sent(marker), timeout=60)


# transactional_db first: the data is committed, so the worker process sees it.
def test_the_scan_twice_on_the_worker_and_once_here_warns_once(
    transactional_db, world, celery_worker
):
    now = timezone.now()
    # Its first response is due in an hour: the assignee is warned.
    soon = raise_ticket(world, title="即将超时", now=now - 23 * HOUR)
    svc.ticket_assign(ticket=soon, staff=world.person_a, by=world.supervisor_a, now=now - 23 * HOUR)
    # Long past both due times: the supervisor and the manager are told of each.
    late = raise_ticket(world, title="早已超时", now=RAISED_AT)

    # Delivered twice: the worker alone sends them (nothing is left for a run here).
    tasks.tickets_sla_remind_task.delay()
    tasks.tickets_sla_remind_task.delay()
    _after_the_queue()
    assert Notification.objects.filter(kind__in=(WARNING, BREACHED)).count() == 5
    assert tickets_sla_remind() == 0

    # Overlapping: the worker's run and one here at the same time, on a new ticket due soon.
    sooner = raise_ticket(world, title="也将超时", now=now - 23 * HOUR)
    svc.ticket_assign(
        ticket=sooner, staff=world.person_a, by=world.supervisor_a, now=now - 23 * HOUR
    )
    tasks.tickets_sla_remind_task.delay()
    here = tickets_sla_remind()
    tasks.tickets_sla_remind_task.delay()
    _after_the_queue()
    assert here in (0, 1)

    warnings = list(
        Notification.objects.filter(kind=WARNING).values_list(
            "recipient__username", "params__ticket"
        )
    )
    assert sorted(warnings) == [("staff_a", soon.pk), ("staff_a", sooner.pk)]
    breaches = sorted(
        Notification.objects.filter(kind=BREACHED).values_list(
            "recipient__username", "params__target"
        )
    )
    assert breaches == [
        ("manager", "resolution"),
        ("manager", "response"),
        ("supervisor_a", "resolution"),
        ("supervisor_a", "response"),
    ]
    assert set(
        Notification.objects.filter(kind=BREACHED).values_list("params__ticket", flat=True)
    ) == {late.pk}


def test_the_automatic_close_delivered_twice_closes_once(transactional_db, world, celery_worker):
    ticket = raise_ticket(world, now=RAISED_AT)
    ticket = svc.ticket_acknowledge(ticket=ticket, by=world.supervisor_a, now=RAISED_AT + HOUR)
    ticket = svc.ticket_start(ticket=ticket, by=world.supervisor_a, now=RAISED_AT + HOUR)
    svc.ticket_resolve(
        ticket=ticket, by=world.supervisor_a, comment="已修复", now=RAISED_AT + 2 * HOUR
    )

    tasks.tickets_autoclose_task.delay()
    tasks.tickets_autoclose_task.delay()
    _after_the_queue()

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED
    assert ticket.comments.filter(to_status=TicketStatus.CLOSED).count() == 1
