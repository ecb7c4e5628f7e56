"""Reads of work reports (SPEC §9): the tickets a person handled in a period (listed in their
report), the plan they wrote last period, their own reports and what they still owe, and a
site's reports of a period for its supervisor. Who owes what comes from
tickets.selectors.duties, never decided here."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import QuerySet

from onsite.org.models import Site, Staff
from onsite.policy import PolicyTable
from tickets.models import Report, ReportKind, ReportStatus, Ticket, TicketComment, TicketStatus
from tickets.selectors.duties import (
    POLICY_KEYS,
    Duty,
    DutyStatus,
    Period,
    duties,
    kind_is_on,
    period_of,
    period_parse,
)

# The moves that count as handling a ticket: taking it on, working on it, resolving it.
HANDLED = (TicketStatus.ACKNOWLEDGED, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED)
# The weekly report shows on the home page from Friday (weekday 4), on the site's clock.
TASK_FROM_WEEKDAY = 4


def _bounds(period: Period, zone: str) -> tuple[datetime.datetime, datetime.datetime]:
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime.datetime.combine(period.first, datetime.time(0, 0), tz)
    end = datetime.datetime.combine(
        period.last + datetime.timedelta(days=1), datetime.time(0, 0), tz
    )
    return start, end


def tickets_handled(*, staff: Staff, period: Period, zone: str) -> QuerySet:
    """The tickets this person's login moved into acknowledged, in progress or resolved within
    `period` on the site's clock (`zone`), whatever the site; one query."""
    if staff.user_id is None:
        return Ticket.objects.none()
    start, end = _bounds(period, zone)
    moved = TicketComment.objects.filter(
        author_id=staff.user_id,
        to_status__in=HANDLED,
        created_at__gte=start,
        created_at__lt=end,
    ).values("ticket_id")
    return (
        Ticket.objects.filter(pk__in=moved).select_related("site").order_by("site__code", "number")
    )


def previous_plan(*, staff: Staff, kind: str, period: Period) -> str:
    """What the person planned, in their report of the period before, for this one."""
    label = period.previous.label
    found = Report.objects.filter(staff=staff, kind=kind, period=label).values_list(
        "next_plan", flat=True
    )
    return next(iter(found), "")


def my_reports(*, staff: Staff, kind: str) -> QuerySet:
    """The person's reports of `kind`, the newest first."""
    return Report.objects.filter(staff=staff, kind=kind).select_related(
        "site", "read_by__staff_record"
    )


def kinds_on(*, company_id: int, site_id: int, policy: PolicyTable | None = None) -> list[str]:
    """The kinds of report the site asks for: the weekly always, the others by its policy."""
    policy = policy or PolicyTable(POLICY_KEYS)
    return [
        kind
        for kind in ReportKind.values
        if kind_is_on(kind, policy=policy, company_id=company_id, site_id=site_id)
    ]


def own_duty(
    *, staff: Staff, kind: str, period: Period, now: datetime.datetime, policy: PolicyTable
) -> Duty | None:
    found = duties(kind=kind, period=period, now=now, staff_ids=[staff.pk], policy=policy)
    return found[0] if found else None


def today_at(site: Site, now: datetime.datetime) -> datetime.date:
    return now.astimezone(zoneinfo.ZoneInfo(site.time_zone)).date()


def report_tasks(*, staff: Staff, now: datetime.datetime, kinds=None) -> tuple[list[str], list]:
    """The kinds the person's site asks for, and what they still owe: each kind's report of the
    current period while it is open, of the period before while it is overdue, and any report
    returned to them. A fixed number of queries per kind."""
    policy = PolicyTable(POLICY_KEYS)
    # The site's clock decides "today"; the server's date first finds the site.
    week = period_of(ReportKind.WEEKLY, now.date())
    probe = own_duty(staff=staff, kind=ReportKind.WEEKLY, period=week, now=now, policy=policy)
    if probe is None:
        probe = own_duty(
            staff=staff, kind=ReportKind.WEEKLY, period=week.previous, now=now, policy=policy
        )
    if probe is None:
        return [], []
    on = kinds_on(company_id=staff.company_id, site_id=probe.site.pk, policy=policy)
    today = today_at(probe.site, now)
    tasks = []
    for kind in kinds or on:
        if kind not in on:
            continue
        current = period_of(kind, today)
        for period in (current.previous, current):
            duty = own_duty(staff=staff, kind=kind, period=period, now=now, policy=policy)
            if duty is None:
                continue
            returned = duty.report is not None and duty.report.status == ReportStatus.RETURNED
            if returned or (duty.required and duty.status in (DutyStatus.OPEN, DutyStatus.OVERDUE)):
                tasks.append(duty)
    return on, tasks


def weekly_task(*, staff: Staff, now: datetime.datetime) -> list[Duty]:
    """The home page's reminder: this week's report from Friday 00:00 on the site's clock until
    it is submitted, last week's while it is overdue, and one returned for more. The weekly
    report is always asked for, so no policy switch is read; two duties calls, whatever the day."""
    policy = PolicyTable(POLICY_KEYS)
    week = period_of(ReportKind.WEEKLY, now.date())
    shown = []
    for period in (week.previous, week):
        duty = own_duty(staff=staff, kind=ReportKind.WEEKLY, period=period, now=now, policy=policy)
        if duty is None:
            continue
        returned = duty.report is not None and duty.report.status == ReportStatus.RETURNED
        today = today_at(duty.site, now)
        overdue = duty.required and duty.status == DutyStatus.OVERDUE
        # This week's from Friday on; last week's while it is still open (due Monday 13:00).
        due_soon = duty.status == DutyStatus.OPEN and (
            today.weekday() >= TASK_FROM_WEEKDAY or not duty.period.contains(today)
        )
        if returned or overdue or (duty.required and due_soon):
            shown.append(duty)
    return shown


def site_reports(*, site: Site, kind: str, period: Period, now: datetime.datetime) -> list[Duty]:
    """Everyone who owes `site` a report of `kind` for `period`, with where it stands and its
    report (read or not); a fixed number of queries."""
    return duties(kind=kind, period=period, now=now, sites=[site])


def period_or_none(kind: str, label: str) -> Period | None:
    try:
        return period_parse(kind, label)
    except (ValueError, KeyError, OverflowError):
        return None
