"""The ticket lists the pages read: each reader's tickets (tickets.models visible_to), the filters of
the list (state, category, priority, breached, month raised), the sites a reader raises tickets at,
the people a ticket can go to, and the dashboard's counts. A fixed number of queries whatever the
rows: names come with their rows (select_related), clocks are worked out in Python."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from onsite.access import access_for
from onsite.org.models import Assignment, Site, Staff
from tickets.models import OPEN_STATUSES, Ticket, TicketStatus
from tickets.selectors.clock import clock

S = TicketStatus
# The resolution clock stops when the ticket is resolved (and stays stopped once closed).
DONE = (S.RESOLVED, S.CLOSED)


def tickets_for(user) -> QuerySet[Ticket]:
    """The reader's tickets with what a row of the list shows, newest first."""
    return Ticket.objects.visible_to(user).select_related(
        "site",
        "assignee",
        "raised_by",
        "raised_by__staff_record",
        "raised_for",
        "raised_for__staff_record",
    )


def breached_q(now: datetime.datetime) -> Q:
    """As tickets.selectors.clock says: a target reached after its due time, or not reached and
    its due time past. Read through the due fields, which the open tickets' indexes cover."""
    response = Q(acknowledged_at__isnull=True, response_due__lt=now) | Q(
        acknowledged_at__gt=F("response_due")
    )
    resolution = Q(status__in=DONE, resolved_at__gt=F("resolution_due")) | (
        ~Q(status__in=DONE) & Q(resolution_due__lt=now)
    )
    return response | resolution


def month_range(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of the month and of the next, in the local time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(month.year, month.month, 1, tzinfo=zone)
    following = (
        datetime.datetime(month.year + 1, 1, 1, tzinfo=zone)
        if month.month == 12
        else datetime.datetime(month.year, month.month + 1, 1, tzinfo=zone)
    )
    return start, following


def filtered(rows: QuerySet[Ticket], filters: dict, now: datetime.datetime) -> QuerySet[Ticket]:
    """`rows` narrowed by the list's filters (a cleaned TicketFilterForm); empty ones are left."""
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("category"):
        rows = rows.filter(category=filters["category"])
    if filters.get("priority"):
        rows = rows.filter(priority=filters["priority"])
    if filters.get("breached") == "yes":
        rows = rows.filter(breached_q(now))
    elif filters.get("breached") == "no":
        rows = rows.exclude(breached_q(now))
    if filters.get("month"):
        start, end = month_range(filters["month"])
        rows = rows.filter(raised_at__gte=start, raised_at__lt=end)
    return rows


def raisable_sites(user) -> QuerySet[Site]:
    """The sites where the reader may raise a ticket (tickets.permissions.may_raise as a query)."""
    access = access_for(user)
    if access.is_superuser:
        return Site.objects.order_by("code")
    q = Q(pk__in=access.client_sites | access.supervised_sites)
    if access.hr_companies:
        q |= Q(contracts__company_id__in=access.hr_companies)
    if access.staff_id:
        placed = Assignment.objects.active_today().filter(staff_id=access.staff_id)
        q |= Q(pk__in=placed.values("site_id"))
    return Site.objects.filter(pk__in=Site.objects.filter(q).values("pk")).order_by("code")


def placed_at(site: Site) -> QuerySet[Staff]:
    """Who a ticket at `site` can go to: the people placed there today."""
    placed = Assignment.objects.active_today().filter(site=site).values("staff_id")
    return Staff.objects.filter(pk__in=placed).order_by("name", "pk")


def client_contacts(site_ids) -> QuerySet:
    """The client contacts of these sites, for whom staff raise a ticket."""
    from django.contrib.auth import get_user_model

    from onsite.roles import Role

    return (
        get_user_model()
        .objects.filter(
            role_grants__role=Role.CLIENT_CONTACT,
            role_grants__site_id__in=list(site_ids),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def client_open(user) -> dict:
    """The client contact's open tickets (and resolved ones waiting for their answer)."""
    access = access_for(user)
    rows = (
        Ticket.objects.filter(site_id__in=access.client_sites)
        .exclude(status=S.CLOSED)
        .select_related("site")
        .order_by("-raised_at", "-pk")
    )
    return {"tickets": list(rows[:10])}


def supervisor_waiting(user, now: datetime.datetime | None = None) -> dict:
    """At the supervisor's sites: new or unassigned tickets, and open ones past a due time."""
    now = now or timezone.now()
    access = access_for(user)
    rows = Ticket.objects.filter(site_id__in=access.supervised_sites).select_related("site")
    waiting = (
        rows.filter(Q(status=S.NEW) | Q(assignee__isnull=True, status__in=OPEN_STATUSES))
        | rows.filter(status__in=OPEN_STATUSES).filter(breached_q(now))
    ).order_by("response_due", "pk")
    tickets = list(waiting.distinct()[:10])
    for ticket in tickets:
        ticket.breached_now = clock(ticket, now).breached
    return {"tickets": tickets}
