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


def _my_overdue(access: Access, user) -> dict | None:
    """Work plans: the steps overdue that the reader is responsible for (none: no card)."""
    from tickets.selectors.plans import overdue_card

    if access.staff_id is None:
        return None
    return overdue_card(responsible_id=access.staff_id)


def _lead_overdue(access: Access, user) -> dict:
    """Work plans: the overdue steps of the sites the reader leads."""
    from tickets.selectors.plans import overdue_card

    return {**overdue_card(site_ids=access.supervised_sites), "lead": True}


def _report_task(access: Access, user) -> dict | None:
    """Work reports: this week's report from Friday until it is submitted, last week's while it
    is overdue (none: no card)."""
    from django.utils import timezone

    from onsite.org.models import Staff
    from tickets.selectors.reports import weekly_task

    if access.staff_id is None:
        return None
    staff = Staff.objects.get(pk=access.staff_id)
    tasks = weekly_task(staff=staff, now=timezone.now())
    return {"tasks": tasks} if tasks else None


def register() -> None:
    card_register(
        Card("report_task", (Role.STAFF,), "tickets/workreports/_card.html", _report_task, 42)
    )
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
    card_register(
        Card("plans_mine", (Role.STAFF,), "tickets/dashboard/_overdue_steps.html", _my_overdue, 45)
    )
    card_register(
        Card(
            "plans_lead",
            (Role.SUPERVISOR,),
            "tickets/dashboard/_overdue_steps.html",
            _lead_overdue,
            61,
        )
    )
