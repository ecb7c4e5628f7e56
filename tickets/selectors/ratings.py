"""The ratings of the tickets a person resolved in a period (SPEC §12: client satisfaction is
computed from them), registered with the core's facts (onsite/facts.py) for the assessment."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from onsite.facts import Rating
from tickets.models import Ticket


def _rated_in(first: datetime.date, last: datetime.date):
    # The period's days on the company's clock; a ticket resolved at 23:30 on the last day counts.
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return Ticket.objects.filter(resolved_at__gte=start, resolved_at__lt=end, rating__isnull=False)


def ratings_of(*, staff, first: datetime.date, last: datetime.date) -> list[Rating]:
    tickets = (
        _rated_in(first, last)
        .filter(assignee=staff)
        .select_related("site")
        .order_by("resolved_at", "pk")
    )
    return [
        Rating(rating=t.rating, label=str(t), url=reverse("tickets:detail", args=[t.pk]))
        for t in tickets
    ]


def ratings_by_staff(
    *, staff_ids, first: datetime.date, last: datetime.date
) -> dict[int, list[int]]:
    """The ratings of `ratings_of` for many people in one read: {staff id: their ratings}."""
    found: dict[int, list[int]] = {}
    for staff_id, rating in (
        _rated_in(first, last)
        .filter(assignee_id__in=staff_ids)
        .order_by("resolved_at", "pk")
        .values_list("assignee_id", "rating")
    ):
        found.setdefault(staff_id, []).append(rating)
    return found
