"""The monthly service report of a site (SPEC §11, §14): the tickets raised in the month by
category and priority, response and resolution compliance, the breaches, the average rating.

A target is met when it was reached by its due time, breached when it was reached after it or
not reached while the due time has passed (judged as of `now`), and still pending otherwise;
compliance is met ÷ (met + breached), so a ticket still inside its target counts neither way.
Minutes are wall-clock minutes from raising (see ticket_report's help): the due times, fixed
from the site's SLA clock when the ticket was raised, alone decide a breach.

Three queries whatever the number of tickets: the rows, the counts by category and priority,
and the compliance counts with the average rating, the counting done in the database."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from onsite.org.models import Site
from onsite.periods import Month
from tickets.models import Category, Priority, Ticket, TicketStatus

# A resolution counts as reached only while the ticket stays resolved or closed (a reopened
# ticket's clock runs again), as tickets.selectors.clock has it.
REACHED_RESOLUTION = (TicketStatus.RESOLVED, TicketStatus.CLOSED)


def month_span(site: Site, month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month from midnight of its first day to midnight after its last, in the site's time."""
    zone = zoneinfo.ZoneInfo(site.time_zone)
    held = Month.containing(month)
    start = datetime.datetime.combine(held.first, datetime.time(0), zone)
    end = datetime.datetime.combine(held.next.first, datetime.time(0), zone)
    return start, end


def minutes_between(start: datetime.datetime, end: datetime.datetime | None) -> int | None:
    """Whole wall-clock minutes from `start` to `end`, None when `end` was never reached."""
    if end is None:
        return None
    return max(0, int((end - start).total_seconds() // 60))


@dataclass(frozen=True)
class ReportRow:
    pk: int
    number: int
    reference: str
    category: str
    priority: str
    title: str
    complaint: bool
    status: str
    raised_at: datetime.datetime
    response_due: datetime.datetime
    resolution_due: datetime.datetime
    acknowledged_at: datetime.datetime | None
    resolved_at: datetime.datetime | None  # only while resolved or closed
    response_minutes: int | None
    response_breached: bool
    resolution_minutes: int | None
    resolution_breached: bool
    rating: int | None

    @property
    def breached(self) -> bool:
        return self.response_breached or self.resolution_breached

    def get_category_display(self) -> str:
        return str(Category(self.category).label)

    def get_priority_display(self) -> str:
        return str(Priority(self.priority).label)


@dataclass(frozen=True)
class Compliance:
    met: int
    breached: int
    pending: int

    @property
    def judged(self) -> int:
        return self.met + self.breached

    @property
    def percent(self) -> float | None:
        """Met out of the tickets judged, one decimal; None when none is judged yet."""
        if not self.judged:
            return None
        return round(100 * self.met / self.judged, 1)


@dataclass
class Report:
    site: Site
    month: datetime.date
    now: datetime.datetime
    rows: list[ReportRow]
    counts: dict[tuple[str, str], int]  # (category, priority) → tickets
    response: Compliance
    resolution: Compliance
    average_rating: float | None
    rated: int
    by_category: dict[str, int] = field(init=False)
    by_priority: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.by_category = {
            c: sum(self.counts.get((c, p), 0) for p in Priority.values) for c in Category.values
        }
        self.by_priority = {
            p: sum(self.counts.get((c, p), 0) for c in Category.values) for p in Priority.values
        }

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def breaches(self) -> list[ReportRow]:
        return [row for row in self.rows if row.breached]

    def table(self) -> list[dict]:
        """Category × priority as rows for a page or a file: label, a count per priority, total."""
        return [
            {
                "key": category,
                "label": str(label),
                "counts": [self.counts.get((category, p), 0) for p in Priority.values],
                "total": self.by_category[category],
            }
            for category, label in Category.choices
        ]

    def chart(self) -> dict:
        """What the page's chart draws (static/tickets/report.js): one stacked series a
        priority over the categories."""
        return {
            "categories": [str(label) for _key, label in Category.choices],
            "series": [
                {
                    "name": str(label),
                    "data": [self.counts.get((c, priority), 0) for c in Category.values],
                }
                for priority, label in Priority.choices
            ],
        }


def _row(ticket: dict, site_code: str, now: datetime.datetime) -> ReportRow:
    raised = ticket["raised_at"]
    acknowledged = ticket["acknowledged_at"]
    resolved = ticket["resolved_at"] if ticket["status"] in REACHED_RESOLUTION else None
    return ReportRow(
        pk=ticket["pk"],
        number=ticket["number"],
        reference=f"{site_code}-{ticket['number']:04d}",
        category=ticket["category"],
        priority=ticket["priority"],
        title=ticket["title"],
        complaint=ticket["complaint"],
        status=ticket["status"],
        raised_at=raised,
        response_due=ticket["response_due"],
        resolution_due=ticket["resolution_due"],
        acknowledged_at=acknowledged,
        resolved_at=resolved,
        response_minutes=minutes_between(raised, acknowledged),
        response_breached=(acknowledged or now) > ticket["response_due"],
        resolution_minutes=minutes_between(raised, resolved),
        resolution_breached=(resolved or now) > ticket["resolution_due"],
        rating=ticket["rating"],
    )


ROW_FIELDS = (
    "pk",
    "number",
    "category",
    "priority",
    "title",
    "complaint",
    "status",
    "raised_at",
    "response_due",
    "resolution_due",
    "acknowledged_at",
    "resolved_at",
    "rating",
)


def month_report(
    *, site: Site, month: datetime.date, now: datetime.datetime | None = None
) -> Report:
    """The report of the tickets raised at `site` in the month holding `month`, as of `now`."""
    now = now or timezone.now()
    start, end = month_span(site, month)
    tickets = Ticket.objects.filter(site=site, raised_at__gte=start, raised_at__lt=end)
    rows = [
        _row(values, site.code, now) for values in tickets.order_by("number").values(*ROW_FIELDS)
    ]
    counts = {
        (c, p): n
        for c, p, n in tickets.order_by()
        .values("category", "priority")
        .annotate(n=Count("pk"))
        .values_list("category", "priority", "n")
    }
    acknowledged = Q(acknowledged_at__isnull=False)
    resolved = Q(status__in=REACHED_RESOLUTION, resolved_at__isnull=False)
    totals = tickets.aggregate(
        response_met=Count("pk", filter=acknowledged & Q(acknowledged_at__lte=F("response_due"))),
        response_breached=Count(
            "pk",
            filter=(acknowledged & Q(acknowledged_at__gt=F("response_due")))
            | (~acknowledged & Q(response_due__lt=now)),
        ),
        resolution_met=Count("pk", filter=resolved & Q(resolved_at__lte=F("resolution_due"))),
        resolution_breached=Count(
            "pk",
            filter=(resolved & Q(resolved_at__gt=F("resolution_due")))
            | (~resolved & Q(resolution_due__lt=now)),
        ),
        average=Avg("rating"),
        rated=Count("rating"),
        total=Count("pk"),
    )
    total = totals["total"]

    def compliance(kind: str) -> Compliance:
        met, breached = totals[f"{kind}_met"], totals[f"{kind}_breached"]
        return Compliance(met=met, breached=breached, pending=total - met - breached)

    average = totals["average"]
    return Report(
        site=site,
        month=Month.containing(month).first,
        now=now,
        rows=rows,
        counts=counts,
        response=compliance("response"),
        resolution=compliance("resolution"),
        average_rating=None if average is None else round(float(average), 2),
        rated=totals["rated"],
    )
