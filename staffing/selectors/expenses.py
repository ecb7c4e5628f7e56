"""Reads of expenses (SPEC §10): the claim deadline on the site's clock, the caps and whether a
line goes over one, the trips that cover a day, and where a person was placed on a day."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from onsite.org.models import Assignment, Site, Staff
from onsite.periods import add_months, month_bounds
from onsite.policy import policy_for
from staffing.models import ExpenseCategory, ExpenseLine, Trip, TripStatus

C = ExpenseCategory

# How each category's cap is counted (SPEC §10): per night, per day or per calendar month.
PER_MONTH = frozenset({C.COMMUNICATION})


def zone_of(site: Site | None) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(site.time_zone if site else settings.TIME_ZONE)


def site_today(site: Site | None, now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), zone_of(site)).date()


def placement_site(staff: Staff | int, day: datetime.date) -> Site | None:
    """The site the person was placed at on `day` (the one that wins the day), if any."""
    placement = Assignment.objects.placement_of(staff, day)
    return placement.site if placement else None


def current_site(staff: Staff) -> Site | None:
    """Where the person is placed now, else their latest placement's site."""
    today = timezone.localdate()
    site = placement_site(staff, today)
    if site is not None:
        return site
    latest = (
        Assignment.objects.filter(staff=staff, start__lte=today)
        .select_related("site")
        .order_by("-start", "-pk")
        .first()
    )
    return latest.site if latest else None


def claim_deadline(
    *, month: datetime.date, company_id: int, site: Site | None
) -> datetime.datetime:
    """The first moment after the deadline of month `month`'s expenses: 00:00 on the day after
    day `expense_deadline_day` of the next month, on the site's clock."""
    day = policy_for(company=company_id, site=site).expense_deadline_day
    next_month = add_months(month.replace(day=1), 1)
    last = next_month.replace(day=day) + datetime.timedelta(days=1)
    return datetime.datetime.combine(last, datetime.time(0, 0), tzinfo=zone_of(site))


def is_late(
    *,
    first_date: datetime.date | None,
    company_id: int,
    site: Site | None,
    at: datetime.datetime,
) -> bool:
    """Whether a claim with lines from `first_date` on, submitted `at`, is past the deadline of
    its earliest month."""
    if first_date is None:
        return False
    return at >= claim_deadline(month=first_date, company_id=company_id, site=site)


@dataclass(frozen=True)
class CapCheck:
    cap: Decimal | None  # None: the category has no cap
    spent: Decimal  # the person's other lines counted with this one (same day or month)
    total: Decimal  # spent + this line

    @property
    def over(self) -> bool:
        return self.cap is not None and self.total > self.cap


def cap_for(*, category: str, company_id: int, site: Site | None) -> Decimal | None:
    value = getattr(policy_for(company=company_id, site=site), f"expense_cap_{category}")
    return value if value > 0 else None


def cap_check(
    *,
    staff: Staff,
    category: str,
    day: datetime.date,
    amount: Decimal,
    site: Site | None,
    exclude_line: int | None = None,
) -> CapCheck:
    """Whether the person's lines of `category` on `day` (per night or day), or in its calendar
    month (communication), with this one, go over the company's cap."""
    cap = cap_for(category=category, company_id=staff.company_id, site=site)
    if cap is None:
        return CapCheck(cap=None, spent=Decimal("0"), total=amount)
    lines = ExpenseLine.objects.filter(claim__staff=staff, category=category)
    if category in PER_MONTH:
        first, last = month_bounds(day)
        lines = lines.filter(date__range=(first, last))
    else:
        lines = lines.filter(date=day)
    if exclude_line is not None:
        lines = lines.exclude(pk=exclude_line)
    spent = lines.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return CapCheck(cap=cap, spent=spent, total=spent + amount)


def trips_covering(*, staff: Staff, day: datetime.date | None = None):
    """The person's approved trips (covering `day`, when given), latest first."""
    trips = Trip.objects.filter(staff=staff, status=TripStatus.APPROVED)
    if day is not None:
        trips = trips.filter(start__lte=day, end__gte=day)
    return trips.order_by("-start", "-pk")


def invoice_used(*, company_id: int, number: str, exclude_line: int | None = None):
    """The line of the company that already holds invoice `number`, with its claim and person."""
    if not number:
        return None
    lines = ExpenseLine.objects.filter(company_id=company_id, invoice_no=number)
    if exclude_line is not None:
        lines = lines.exclude(pk=exclude_line)
    return lines.select_related("claim__staff").first()
