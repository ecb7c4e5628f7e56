"""A person's tickets and weekly reports over an assessment period (SPEC §12 shows them beside the
scores), registered with the core's facts (onsite/facts.py) in TicketsConfig.ready():

- the tickets they handled: resolved as the assignee in the period and still resolved or closed
  (a reopened ticket is not handled yet), as ratings.py counts the period's days;
- their SLA compliance: the share of those tickets that met both their response and their
  resolution targets, a breach judged as the ticket list judges it (lists.breached_q);
- their weekly-report on-time rate of each quarter the period touches (report_stats), a whole
  quarter even when the period is a month of it, as SPEC §9 keeps the rate per quarter.

Two queries for the tickets and the placements, then report_stats' fixed cost: 1 + 6 queries a
week of each quarter (its duties), whatever the number of tickets or reports."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onsite.facts import Fact
from onsite.org.models import Assignment
from onsite.periods import Quarter
from tickets.models import Ticket
from tickets.selectors.lists import DONE, breached_q
from tickets.selectors.report_stats import percent_text, quarter_rates, rate

TICKETS, REPORTS = "tickets", "reports"


def period_span(first: datetime.date, last: datetime.date):
    """The period's days on the company's clock: a ticket resolved at 23:30 on the last day
    counts (as ratings_of has it)."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, zone)
    return start, end


def ticket_facts(*, staff, first: datetime.date, last: datetime.date) -> list[Fact]:
    start, end = period_span(first, last)
    now = timezone.now()
    counts = Ticket.objects.filter(
        assignee=staff, status__in=DONE, resolved_at__gte=start, resolved_at__lt=end
    ).aggregate(handled=Count("pk"), breached=Count("pk", filter=breached_q(now)))
    handled = counts["handled"]
    met = handled - counts["breached"]
    # The list has no filter by assignee: the reader finds the person's tickets in it.
    url = reverse("tickets:list")
    compliance = "—"
    if handled:
        compliance = ngettext(
            "%(percent)s (%(met)s of %(n)s ticket)",
            "%(percent)s (%(met)s of %(n)s tickets)",
            handled,
        ) % {"percent": percent_text(rate(met, handled)), "met": met, "n": handled}
    return [
        Fact(
            TICKETS,
            _("Tickets handled"),
            ngettext("%(n)s ticket", "%(n)s tickets", handled) % {"n": handled},
            url,
            20,
        ),
        Fact(TICKETS, _("SLA compliance"), compliance, url, 21),
    ]


def quarters_of(first: datetime.date, last: datetime.date) -> list[Quarter]:
    quarter, found = Quarter.containing(first), []
    while quarter.first <= last:
        found.append(quarter)
        quarter = quarter.shift(1)
    return found


def report_facts_many(*, staff, first: datetime.date, last: datetime.date) -> dict[int, list]:
    """report_facts of many people at once: the rates of all of them in 1 + 6 queries a week of
    each quarter (report_stats.quarter_rates), their placements in one more."""
    people = list(staff)
    now = timezone.now()
    quarters = quarters_of(first, last)
    # Each quarter links to the statistics of the site the person was placed at in it (the
    # placement that wins their days).
    placements: dict[int, list] = {person.pk: [] for person in people}
    for staff_id, site_id, start, end in (
        Assignment.objects.filter(staff__in=[person.pk for person in people])
        .overlapping(quarters[0].first, quarters[-1].last)
        .by_precedence()
        .values_list("staff_id", "site_id", "start", "end")
    ):
        placements[staff_id].append((site_id, start, end))
    found: dict[int, list] = {person.pk: [] for person in people}
    for index, quarter in enumerate(quarters):
        rates = quarter_rates(staff_ids=list(found), quarter=quarter, now=now)
        label = _("Weekly reports on time (%(quarter)s)") % {"quarter": quarter.label}
        for person in people:
            rated = rates.get(person.pk)
            value = "—"
            if rated is not None and rated.required:
                value = ngettext(
                    "%(percent)s (%(on_time)s of %(n)s week on time)",
                    "%(percent)s (%(on_time)s of %(n)s weeks on time)",
                    rated.required,
                ) % {"percent": rated.percent, "on_time": rated.on_time, "n": rated.required}
            site_id = next(
                (
                    site
                    for site, start, end in placements[person.pk]
                    if start <= quarter.last and (end is None or end >= quarter.first)
                ),
                None,
            )
            url = ""
            if site_id is not None:
                url = reverse("tickets:report_stats_quarter", args=[site_id, quarter.label])
            found[person.pk].append(Fact(REPORTS, label, value, url, 30 + index))
    return found


def report_facts(*, staff, first: datetime.date, last: datetime.date) -> list[Fact]:
    return report_facts_many(staff=[staff], first=first, last=last)[staff.pk]
