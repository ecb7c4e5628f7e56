"""The SLA's warnings and breach notices (SPEC §11), sent through the core's reminders (once per
ticket, kind and target, whatever runs the scan twice or at once):

- a **warning** to the assignee `ticket_warning_hours` before the response or the resolution
  falls due (to the site's supervisors while nobody is assigned: they are the ones to act);
- a **breach** notice to the site's supervisors and the company's managers once it has passed.

The scan reads the open tickets near or past a due time with one query that the partial indexes
on `response_due` (not yet answered) and `resolution_due` (open) serve, then what was already
sent with a second, so that a ticket breached long ago costs no attempt at a claim each run.
It decides from the data as it stands, so a run after downtime sends what was missed; a warning
whose moment passed unseen is not sent late, the breach notice says more."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from onsite.channels import group_post
from onsite.models import ReminderClaim
from onsite.notifications import render
from onsite.policy import POLICIES, Policy, policy_for
from onsite.recipients import supervisors
from onsite.reminders import reminders_send
from onsite.services import notification_create
from tickets.models import OPEN_STATUSES, Ticket, TicketStatus
from tickets.services.tickets import managers

WARNING = "tickets.warning"
BREACHED = "tickets.breached"
RESPONSE = "response"
RESOLUTION = "resolution"


@dataclass(frozen=True)
class Due:
    ticket: Ticket
    target: str  # RESPONSE or RESOLUTION
    due: datetime.datetime


def _horizon() -> datetime.timedelta:
    """The longest warning any policy may ask for: the query reads no further ahead."""
    return datetime.timedelta(hours=POLICIES["ticket_warning_hours"].maximum)


def scan_query(now: datetime.datetime):
    """Open tickets whose response or resolution falls due within the longest warning, or has
    passed. Each branch repeats its index's condition, so that each partial index serves it."""
    until = now + _horizon()
    return (
        Ticket.objects.filter(
            Q(status=TicketStatus.NEW, response_due__lte=until)
            | Q(status__in=OPEN_STATUSES, resolution_due__lte=until)
        )
        .select_related("site", "company", "assignee__user")
        .order_by()
    )


def _dues(tickets: list[Ticket]) -> Iterator[Due]:
    for ticket in tickets:
        if ticket.status == TicketStatus.NEW:
            yield Due(ticket, RESPONSE, ticket.response_due)
        yield Due(ticket, RESOLUTION, ticket.resolution_due)


def _sent(tickets: list[Ticket]) -> set[tuple[str, str, str]]:
    keys = [str(ticket.pk) for ticket in tickets]
    return set(
        ReminderClaim.objects.filter(kind__in=(WARNING, BREACHED), key__in=keys).values_list(
            "kind", "key", "period"
        )
    )


def _params(item: Due) -> dict:
    ticket = item.ticket
    local = item.due.astimezone(zoneinfo.ZoneInfo(ticket.site.time_zone))
    return {
        "ticket": ticket.pk,
        "reference": ticket.reference,
        "title": ticket.title,
        "site": ticket.site.name,
        "target": item.target,
        "due": local.strftime("%Y-%m-%d %H:%M"),
    }


def ticket_group_post(*, ticket: Ticket, kind: str, params: dict) -> int:
    """The same event in the site's and the company's group chats (SPEC §13), worded as its
    notification in the default language: a group has no language of its own. Called inside
    the claim of the notification, so it is posted exactly as often: once."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render(kind, params)
    return group_post(site=ticket.site, company=ticket.company, text=text.title, url=text.url)


def tickets_sla_remind(
    *, now: datetime.datetime | None = None, today: datetime.date | None = None
) -> int:
    """Send the warnings and breach notices due at `now`; returns how many went out. `today`
    is what the core's reminder run passes: the SLA counts hours, so the scan reads the clock."""
    now = now or timezone.now()
    tickets = list(scan_query(now))
    if not tickets:
        return 0
    sent = _sent(tickets)
    policies: dict[tuple[int, int], Policy] = {}

    def warning_hours(ticket: Ticket) -> int:
        pair = (ticket.company_id, ticket.site_id)
        if pair not in policies:
            policies[pair] = policy_for(company=ticket.company, site=ticket.site)
        return policies[pair].ticket_warning_hours

    warnings, breaches = [], []
    for item in _dues(tickets):
        claim = (str(item.ticket.pk), item.target)
        # Due at 09:00 is met at 09:00 (selectors.clock): the breach is after it.
        if item.due < now:
            if (BREACHED, *claim) not in sent:
                breaches.append(item)
        elif (WARNING, *claim) not in sent and item.due - datetime.timedelta(
            hours=warning_hours(item.ticket)
        ) <= now:
            warnings.append(item)

    def warn(item: Due) -> None:
        assignee = item.ticket.assignee
        told = (
            [assignee.user]
            if assignee and assignee.user and assignee.user.is_active
            else list(supervisors([item.ticket.site_id]))
        )
        notification_create(recipients=told, kind=WARNING, params=_params(item))

    def breach(item: Due) -> None:
        told = {*supervisors([item.ticket.site_id]), *managers(item.ticket.company_id)}
        params = _params(item)
        notification_create(
            recipients=sorted(told, key=lambda user: user.pk), kind=BREACHED, params=params
        )
        ticket_group_post(ticket=item.ticket, kind=BREACHED, params=params)

    count = 0
    for kind, items, send in ((WARNING, warnings, warn), (BREACHED, breaches, breach)):
        count += reminders_send(
            kind=kind,
            items=items,
            key=lambda item: str(item.ticket.pk),
            period=lambda item: item.target,
            send=send,
        )
    return count
