"""The SLA's warnings and breach notices (tickets.services.reminders): the assignee is warned
`ticket_warning_hours` before a response or resolution falls due, the site's supervisors and the
company's managers are told once it has passed, each once per ticket and target."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import translation

from onsite.celery import BEAT_SCHEDULE
from onsite.models import Notification
from onsite.notifications import notification_kind
from onsite.policy import policy_set
from onsite.reminders import reminder_kinds, reminders_run
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tickets import tasks
from tickets.services import tickets as svc
from tickets.services.reminders import BREACHED, WARNING, scan_query, tickets_sla_remind

HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)
# The world's ticket (normal priority, raised Monday 09:00 round the clock): its response is due
# Tuesday 09:00, its resolution Thursday 09:00.
RESPONSE_DUE = RAISED_AT + 24 * HOUR
RESOLUTION_DUE = RAISED_AT + 72 * HOUR


@pytest.fixture
def assigned(world, ticket):
    return svc.ticket_assign(
        ticket=ticket, staff=world.person_a, by=world.supervisor_a, now=RAISED_AT
    )


def sent(kind):
    return sorted(
        (n.recipient.username, n.params["target"], n.params["due"])
        for n in Notification.objects.filter(kind=kind).select_related("recipient")
    )


def test_the_assignee_is_warned_two_hours_before_the_response_is_due(world, assigned):
    assert tickets_sla_remind(now=RESPONSE_DUE - 2 * HOUR - MINUTE) == 0
    assert tickets_sla_remind(now=RESPONSE_DUE - 2 * HOUR) == 1
    assert sent(WARNING) == [("staff_a", "response", "2026-10-13 09:00")]
    # Every later run, however close to the due time, sends it no more.
    assert tickets_sla_remind(now=RESPONSE_DUE - HOUR) == 0
    assert tickets_sla_remind(now=RESPONSE_DUE - MINUTE) == 0
    assert len(sent(WARNING)) == 1


def test_the_warning_and_the_breach_say_which_target_and_when(world, assigned):
    tickets_sla_remind(now=RESPONSE_DUE + MINUTE)
    tickets_sla_remind(now=RESOLUTION_DUE - HOUR)
    titles = {}
    with translation.override("en"):
        for n in Notification.objects.filter(kind__in=(WARNING, BREACHED)):
            titles[n.kind, n.params["target"]] = notification_kind(n.kind).title(n.params)
    assert titles == {
        (BREACHED, "response"): "Ticket A-0001 at 甲机房 got no response by 2026-10-13 09:00: "
        "打印机无法打印",
        (WARNING, "resolution"): "Ticket A-0001 at 甲机房 is to be resolved by 2026-10-15 "
        "09:00: 打印机无法打印",
    }


def test_after_the_due_time_the_supervisor_and_the_managers_are_told_once(world, assigned):
    assert tickets_sla_remind(now=RESPONSE_DUE) == 1  # the warning, not yet a breach
    assert tickets_sla_remind(now=RESPONSE_DUE + MINUTE) == 1
    assert sent(BREACHED) == [
        ("manager", "response", "2026-10-13 09:00"),
        ("supervisor_a", "response", "2026-10-13 09:00"),
    ]
    assert tickets_sla_remind(now=RESPONSE_DUE + 5 * MINUTE) == 0
    # The resolution is a second target: its own warning, then its own breach.
    assert tickets_sla_remind(now=RESOLUTION_DUE - HOUR) == 1
    assert tickets_sla_remind(now=RESOLUTION_DUE + HOUR) == 1
    assert sorted(row[1] for row in sent(BREACHED)) == [
        "resolution",
        "resolution",
        "response",
        "response",
    ]
    assert tickets_sla_remind(now=RESOLUTION_DUE + 100 * HOUR) == 0
    assert [row[1] for row in sent(WARNING)] == ["resolution", "response"]


def test_a_run_after_downtime_sends_the_breach_and_not_the_late_warning(world, assigned):
    assert tickets_sla_remind(now=RESPONSE_DUE + 3 * HOUR) == 1
    assert sent(WARNING) == []
    assert len(sent(BREACHED)) == 2


def test_an_unassigned_ticket_warns_the_sites_supervisors(world, ticket):
    assert ticket.assignee is None
    tickets_sla_remind(now=RESPONSE_DUE - HOUR)
    assert sent(WARNING) == [("supervisor_a", "response", "2026-10-13 09:00")]


def test_an_acknowledged_ticket_is_not_warned_of_its_response(world, assigned):
    svc.ticket_acknowledge(ticket=assigned, by=world.staff_a, now=RAISED_AT + HOUR)
    assert tickets_sla_remind(now=RESPONSE_DUE + HOUR) == 0
    assert tickets_sla_remind(now=RESOLUTION_DUE - HOUR) == 1
    assert sent(WARNING) == [("staff_a", "resolution", "2026-10-15 09:00")]


def test_a_resolved_ticket_is_warned_of_nothing(world, assigned):
    ticket = svc.ticket_acknowledge(ticket=assigned, by=world.staff_a, now=RAISED_AT + HOUR)
    ticket = svc.ticket_start(ticket=ticket, by=world.staff_a, now=RAISED_AT + HOUR)
    svc.ticket_resolve(ticket=ticket, by=world.staff_a, comment="已修复", now=RAISED_AT + 2 * HOUR)
    assert tickets_sla_remind(now=RESOLUTION_DUE + HOUR) == 0
    assert Notification.objects.filter(kind__in=(WARNING, BREACHED)).count() == 0


def test_the_warning_hours_are_the_policys_and_a_site_may_set_its_own(world, assigned):
    policy_set(key="ticket_warning_hours", value=6, company=world.company, by=world.users["hr"])
    assert tickets_sla_remind(now=RESPONSE_DUE - 6 * HOUR - MINUTE) == 0
    assert tickets_sla_remind(now=RESPONSE_DUE - 6 * HOUR) == 1
    svc.ticket_acknowledge(ticket=assigned, by=world.staff_a, now=RESPONSE_DUE - HOUR)
    policy_set(key="ticket_warning_hours", value=10, site=world.site_a, by=world.users["hr"])
    assert tickets_sla_remind(now=RESOLUTION_DUE - 10 * HOUR - MINUTE) == 0
    assert tickets_sla_remind(now=RESOLUTION_DUE - 10 * HOUR) == 1
    assert [row[1] for row in sent(WARNING)] == ["resolution", "response"]


def test_a_long_breached_ticket_costs_the_scan_two_queries(
    world, assigned, django_assert_num_queries
):
    tickets_sla_remind(now=RESOLUTION_DUE + HOUR)
    for n in range(3):
        raise_ticket(world, title=f"旧工单{n}", now=RAISED_AT - 100 * HOUR)
    tickets_sla_remind(now=RESOLUTION_DUE + HOUR)
    # The tickets, what was already sent: nothing tried again.
    with django_assert_num_queries(2):
        assert tickets_sla_remind(now=RESOLUTION_DUE + 2 * HOUR) == 0


@pytest.mark.postgres(
    reason="reads PostgreSQL's plan of the scan to show it uses the partial indexes"
)
def test_the_scan_is_served_by_the_partial_indexes(world, ticket):
    sql, params = scan_query(RAISED_AT).query.sql_with_params()
    with connection.cursor() as cursor:
        # With so few rows the planner prefers reading the table; forbid that to see the plan
        # it would take on a large one.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "ticket_unanswered_due" in plan, plan
    assert "ticket_open_due" in plan, plan


def test_the_scan_is_a_reminder_job_and_a_periodic_task(world, assigned):
    assert "tickets.sla" in {kind.kind for kind in reminder_kinds()}
    assert BEAT_SCHEDULE["tickets-sla-remind"]["task"] == "tickets.tasks.tickets_sla_remind_task"
    assert str(BEAT_SCHEDULE["tickets-sla-remind"]["schedule"]._orig_minute) == "*/5"
    assert BEAT_SCHEDULE["tickets-autoclose"]["task"] == "tickets.tasks.tickets_autoclose_task"
    # The core's run of every reminder job runs this one too (at the real now: far past due).
    assert reminders_run()["tickets.sla"] == 2
    assert tasks.tickets_sla_remind_task.delay().get() == 0
