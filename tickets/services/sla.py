"""The SLA clock (SPEC §11): when a ticket's response and resolution fall due, and how long it
took. Round the clock by default; a site may count only its working hours: the periods of its
schedule, on working days of the China calendar (§6), so a make-up workday (调休) counts and a
holiday block does not. Times are aware; the working-hours clock reads them in the site's time
zone."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator

from attendance.selectors.calendar import WorkCalendar
from onsite.org.models import Site
from onsite.org.schedule import Schedule
from onsite.policy import Policy, policy_for
from tickets.policy import WORKING_HOURS

# How far ahead the working-hours clock looks for working time: a year covers any target the
# policy allows (at most 2,160 working hours).
HORIZON_DAYS = 400


def clock_is_working_hours(site: Site, policy: Policy | None = None) -> bool:
    policy = policy or policy_for(site=site)
    return policy.ticket_sla_clock == WORKING_HOURS and bool(site.schedule)


def targets(priority: str, policy: Policy) -> tuple[int, int]:
    """(response hours, resolution hours) for a priority."""
    return (
        policy[f"ticket_response_hours_{priority}"],
        policy[f"ticket_resolution_hours_{priority}"],
    )


def _working_spans(
    site: Site, start: datetime.datetime, until_days: int = HORIZON_DAYS
) -> Iterator[tuple[datetime.datetime, datetime.datetime]]:
    """The site's working periods from `start` on, in order, as aware (start, end) pairs."""
    zone = zoneinfo.ZoneInfo(site.time_zone)
    local = start.astimezone(zone)
    periods = Schedule.parse(site.schedule).periods
    first = local.date()
    calendar = WorkCalendar(
        start=first, end=first + datetime.timedelta(days=until_days), site_ids=[site.pk]
    )
    for offset in range(until_days + 1):
        day = first + datetime.timedelta(days=offset)
        if not calendar.is_working(day, site.pk):
            continue
        for period in periods:
            begin = datetime.datetime.combine(day, period.start, zone)
            end = datetime.datetime.combine(day, period.end, zone)
            if end <= local:
                continue
            yield max(begin, local), end


def due_at(
    *, site: Site, start: datetime.datetime, hours: int, working_hours: bool
) -> datetime.datetime:
    """The moment `hours` of the clock have run from `start`."""
    if not working_hours:
        return start + datetime.timedelta(hours=hours)
    left = datetime.timedelta(hours=hours)
    for begin, end in _working_spans(site, start):
        if end - begin >= left:
            return (begin + left).astimezone(datetime.UTC)
        left -= end - begin
    raise ValueError(f"no working time within {HORIZON_DAYS} days at site {site.pk}")


def elapsed(
    *, site: Site, start: datetime.datetime, end: datetime.datetime, working_hours: bool
) -> datetime.timedelta:
    """How much of the clock ran from `start` to `end` (zero when `end` is not after it)."""
    if end <= start:
        return datetime.timedelta(0)
    if not working_hours:
        return end - start
    total = datetime.timedelta(0)
    days = (end.date() - start.date()).days + 2
    for begin, stop in _working_spans(site, start, until_days=days):
        if begin >= end:
            break
        total += min(stop, end) - begin
    return total
