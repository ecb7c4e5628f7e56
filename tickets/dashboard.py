"""Service tickets' cards on the dashboard (registered in TicketsConfig.ready()): the client
contact's open tickets with a button to raise one; what waits at a supervisor's sites."""

from __future__ import annotations

from onsite.access import Access
from onsite.dashboard import Card, card_register
from onsite.roles import Role


def _client(access: Access, user) -> dict:
    from tickets.selectors.lists import client_open

    return client_open(user)


def _supervisor(access: Access, user) -> dict:
    from tickets.selectors.lists import supervisor_waiting

    return supervisor_waiting(user)


def register() -> None:
    card_register(
        Card(
            "tickets_client", (Role.CLIENT_CONTACT,), "tickets/dashboard/_client.html", _client, 40
        )
    )
    card_register(
        Card(
            "tickets_supervisor",
            (Role.SUPERVISOR,),
            "tickets/dashboard/_supervisor.html",
            _supervisor,
            60,
        )
    )
