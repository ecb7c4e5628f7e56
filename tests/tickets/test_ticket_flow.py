"""A ticket's whole path through the services: raised, acknowledged, worked, resolved,
confirmed and rated, each move written to its thread."""

from __future__ import annotations

import datetime

import pytest

from onsite.transitions import Refused
from tests.tickets.conftest import RAISED_AT
from tickets.models import TicketStatus
from tickets.services import tickets as svc

S = TicketStatus
HOUR = datetime.timedelta(hours=1)


def test_a_raised_ticket_is_numbered_per_site_with_its_due_times(world, ticket):
    assert (ticket.number, ticket.reference, ticket.status) == (1, "A-0001", S.NEW)
    assert ticket.company == world.company
    assert ticket.response_due == RAISED_AT + 24 * HOUR
    assert ticket.resolution_due == RAISED_AT + 72 * HOUR
    from tests.tickets.conftest import raise_ticket

    assert raise_ticket(world).number == 2


def test_the_whole_path(world, ticket):
    worker = world.supervisor_a
    ticket = svc.ticket_acknowledge(ticket=ticket, by=worker, now=RAISED_AT + HOUR)
    ticket = svc.ticket_start(ticket=ticket, by=worker, now=RAISED_AT + 2 * HOUR)
    ticket = svc.ticket_resolve(
        ticket=ticket, by=worker, comment="更换硒鼓", now=RAISED_AT + 5 * HOUR
    )
    ticket = svc.ticket_confirm(ticket=ticket, by=world.client_a, now=RAISED_AT + 6 * HOUR)
    ticket = svc.ticket_rate(ticket=ticket, by=world.client_a, rating=5, comment="很快")
    assert (ticket.status, ticket.rating) == (S.CLOSED, 5)
    moves = list(ticket.comments.values_list("from_status", "to_status"))
    assert moves == [
        ("", S.NEW),
        (S.NEW, S.ACKNOWLEDGED),
        (S.ACKNOWLEDGED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.RESOLVED),
        (S.RESOLVED, S.CLOSED),
    ]


def test_a_move_out_of_order_is_refused_with_what_it_is_now(world, ticket):
    with pytest.raises(Refused):
        svc.ticket_resolve(ticket=ticket, by=world.supervisor_a, comment="好了")
