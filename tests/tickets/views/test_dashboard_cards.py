"""The dashboard's ticket cards: the client contact's open tickets with a button to raise one,
and what waits at a supervisor's sites (new or unassigned, or past a due time)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.pages import page_text
from tests.tickets.conftest import raise_ticket
from tickets.services.tickets import (
    ticket_acknowledge,
    ticket_assign,
    ticket_confirm,
    ticket_resolve,
    ticket_start,
)

pytestmark = pytest.mark.django_db


def card(client, user) -> str:
    client.force_login(user)
    text = page_text(client.get(reverse("dashboard")))
    start = text.index('data-testid="tickets-card"')
    return text[start : text.index("</div></div>", start)]


def test_the_client_sees_open_tickets_and_the_button_to_raise_one(client, world):
    raise_ticket(world, title="空调漏水")
    done = raise_ticket(world, title="早已关闭")
    done = ticket_acknowledge(ticket=done, by=world.supervisor_a)
    done = ticket_start(ticket=done, by=world.supervisor_a)
    done = ticket_resolve(ticket=done, by=world.supervisor_a, comment="已处理")
    ticket_confirm(ticket=done, by=world.client_a)
    text = card(client, world.client_a)
    assert "空调漏水" in text
    assert "早已关闭" not in text
    assert reverse("tickets:new") in text


def test_the_supervisor_sees_new_unassigned_and_breached_tickets(client, world):
    raise_ticket(world, title="刚提交", now=None)
    quiet = raise_ticket(world, title="按时处理中", now=None)
    ticket_assign(ticket=quiet, staff=world.person_a, by=world.supervisor_a)
    ticket_acknowledge(ticket=quiet, by=world.supervisor_a)
    late = raise_ticket(world, title="十月未解决")  # raised in October: past its due times
    ticket_assign(ticket=late, staff=world.person_a, by=world.supervisor_a)
    ticket_acknowledge(ticket=late, by=world.supervisor_a)
    text = card(client, world.supervisor_a)
    assert "刚提交" in text
    assert "十月未解决" in text
    assert "按时处理中" not in text


@pytest.mark.parametrize(("name", "queries"), [("client_a", 8), ("supervisor_a", 10)])
def test_the_cards_cost_the_same_queries_for_one_ticket_and_many(
    client, world, django_assert_num_queries, name, queries
):
    raise_ticket(world)
    client.force_login(world.users[name])
    with django_assert_num_queries(queries):
        client.get(reverse("dashboard"))
    for n in range(12):
        ticket = raise_ticket(world, title=f"工单{n}")
        ticket_assign(ticket=ticket, staff=world.person_a, by=world.supervisor_a)
    with django_assert_num_queries(queries):
        client.get(reverse("dashboard"))
