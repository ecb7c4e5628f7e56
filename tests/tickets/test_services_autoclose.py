"""A resolved ticket closes by itself after `ticket_autoclose_days` [3] without an answer from
the client (tickets_autoclose, run hourly); a client's answer meanwhile wins."""

from __future__ import annotations

import datetime

import pytest

from onsite.policy import policy_set
from tests.tickets.conftest import RAISED_AT
from tickets.models import TicketStatus
from tickets.services import tickets as svc

S = TicketStatus
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
RESOLVED_AT = RAISED_AT + 2 * HOUR


@pytest.fixture
def resolved(world, ticket):
    worker = world.supervisor_a
    ticket = svc.ticket_acknowledge(ticket=ticket, by=worker, now=RAISED_AT + HOUR)
    ticket = svc.ticket_start(ticket=ticket, by=worker, now=RAISED_AT + HOUR)
    return svc.ticket_resolve(ticket=ticket, by=worker, comment="已修复", now=RESOLVED_AT)


def test_it_closes_three_days_after_the_resolution_and_once(world, resolved):
    assert svc.tickets_autoclose(now=RESOLVED_AT + 3 * DAY - HOUR) == 0
    assert svc.tickets_autoclose(now=RESOLVED_AT + 3 * DAY) == 1
    resolved.refresh_from_db()
    assert (resolved.status, resolved.closed_at) == (S.CLOSED, RESOLVED_AT + 3 * DAY)
    line = resolved.comments.last()
    assert (line.author, line.from_status, line.to_status) == (None, S.RESOLVED, S.CLOSED)
    assert svc.tickets_autoclose(now=RESOLVED_AT + 4 * DAY) == 0
    assert resolved.comments.filter(to_status=S.CLOSED).count() == 1
    # The client may still rate it.
    assert svc.ticket_rate(ticket=resolved, by=world.client_a, rating=3).rating == 3


def test_the_days_are_the_policys_and_a_site_may_set_its_own(world, resolved):
    policy_set(key="ticket_autoclose_days", value=5, company=world.company, by=world.users["hr"])
    assert svc.tickets_autoclose(now=RESOLVED_AT + 5 * DAY - HOUR) == 0
    policy_set(key="ticket_autoclose_days", value=1, site=world.site_a, by=world.users["hr"])
    assert svc.tickets_autoclose(now=RESOLVED_AT + DAY - HOUR) == 0
    assert svc.tickets_autoclose(now=RESOLVED_AT + DAY) == 1


def test_a_reopened_ticket_does_not_close(world, resolved):
    svc.ticket_reopen(ticket=resolved, by=world.client_a, comment="仍然卡纸", now=RESOLVED_AT + DAY)
    assert svc.tickets_autoclose(now=RESOLVED_AT + 10 * DAY) == 0
    resolved.refresh_from_db()
    assert resolved.status == S.REOPENED


def test_a_client_confirming_while_the_close_runs_wins(world, resolved, monkeypatch):
    """The client's confirmation lands between the close reading the ticket and closing it."""
    real = svc.policy_for

    def answer_first(**kwargs):
        svc.ticket_confirm(
            ticket=resolved, by=world.client_a, comment="好了", now=RESOLVED_AT + 4 * DAY
        )
        monkeypatch.setattr(svc, "policy_for", real)
        return real(**kwargs)

    monkeypatch.setattr(svc, "policy_for", answer_first)
    assert svc.tickets_autoclose(now=RESOLVED_AT + 4 * DAY) == 0
    resolved.refresh_from_db()
    assert (resolved.status, resolved.closed_at) == (S.CLOSED, RESOLVED_AT + 4 * DAY)
    assert resolved.comments.last().author == world.client_a


def test_reopened_and_resolved_again_meanwhile_waits_its_own_days(world, resolved, monkeypatch):
    """Read as resolved long ago; under the lock, resolved again an hour ago: it stays open."""
    real = svc.policy_for
    later = RESOLVED_AT + 4 * DAY

    def answer_first(**kwargs):
        ticket = svc.ticket_reopen(ticket=resolved, by=world.client_a, comment="还不行", now=later)
        ticket = svc.ticket_start(ticket=ticket, by=world.supervisor_a, now=later)
        svc.ticket_resolve(ticket=ticket, by=world.supervisor_a, comment="换了新机", now=later)
        monkeypatch.setattr(svc, "policy_for", real)
        return real(**kwargs)

    monkeypatch.setattr(svc, "policy_for", answer_first)
    assert svc.tickets_autoclose(now=later + HOUR) == 0
    resolved.refresh_from_db()
    assert (resolved.status, resolved.resolved_at) == (S.RESOLVED, later)
    assert svc.tickets_autoclose(now=later + 3 * DAY) == 1
