"""A month of tickets at site A (October 2026): each test changes the times it is about."""

from __future__ import annotations

import datetime

import pytest

from tests.dates import SHANGHAI
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tickets.models import Ticket

# Long after October: every unreached target of October has passed.
LATER = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
HOUR = datetime.timedelta(hours=1)


def settle(ticket: Ticket, **values) -> Ticket:
    """Set a ticket's times and status as a log would have them (the services are tested
    elsewhere; the report reads what is stored)."""
    Ticket.objects.filter(pk=ticket.pk).update(**values)
    ticket.refresh_from_db()
    return ticket


@pytest.fixture
def october(world):
    """Four tickets at site A raised on 12 October 09:00 (normal: response 24 h, resolution 72 h):
    1 met both and rated 5; 2 answered late, resolved in time, rated 3; 3 never answered;
    4 urgent fault, answered at once, resolved after 6 h (target 4 h)."""
    met = settle(
        raise_ticket(world, category="general"),
        acknowledged_at=RAISED_AT + HOUR,
        resolved_at=RAISED_AT + 10 * HOUR,
        closed_at=RAISED_AT + 20 * HOUR,
        status="closed",
        rating=5,
    )
    late_answer = settle(
        raise_ticket(world, category="data_request"),
        acknowledged_at=RAISED_AT + 30 * HOUR,
        resolved_at=RAISED_AT + 40 * HOUR,
        closed_at=RAISED_AT + 50 * HOUR,
        status="closed",
        rating=3,
    )
    unanswered = raise_ticket(world, category="change", priority="low")
    urgent = settle(
        raise_ticket(world, category="fault", priority="urgent"),
        acknowledged_at=RAISED_AT + datetime.timedelta(minutes=15),
        resolved_at=RAISED_AT + 6 * HOUR,
        status="resolved",
    )
    return world, [met, late_answer, unanswered, urgent]
