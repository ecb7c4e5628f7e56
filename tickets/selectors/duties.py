"""Who owes which report, and where each stands (SPEC §9): the one place the rules of "required",
"late" and "missing" are written, read by the report pages, the statistics, the reminders and
`report_status`.

A person owes a site's report for a period when the period has at least one scheduled day of
theirs at the site (a working day of the site's calendar while they are placed there, the
placement that wins the day as attendance judges it) that approved leave does not cover whole:
a week of leave exempts. A person moved between sites within a period owes it to the site of
their last placed day. Statuses:

- `exempt`: not required;
- `open`: required, not submitted, the due time not reached;
- `on_time` / `late`: first submitted at or before the due time / after it;
- `overdue`: not submitted, past the due time, until the end of the following period (for a
  week: the end of the following Sunday);
- `missing`: never submitted by then.

All times are the site's: the due time is the policy's time of day in the site's time zone."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import pgettext_lazy

from attendance.models import Leave
from attendance.selectors.calendar import WorkCalendar
from onsite.org.models import Assignment, Site, Staff
from onsite.periods import Day, Month, Week
from onsite.policy import PolicyTable
from tickets.models import Report, ReportKind

Period = Week | Day | Month
PERIODS = {ReportKind.WEEKLY: Week, ReportKind.DAILY: Day, ReportKind.MONTHLY: Month}
ONE_DAY = datetime.timedelta(days=1)
POLICY_KEYS = (
    "report_weekly_due_time",
    "report_daily_due_time",
    "report_monthly_due_day",
    "report_daily_on",
    "report_monthly_on",
)
# Which policy key turns a kind on; the weekly report is always asked for.
SWITCHES = {ReportKind.DAILY: "report_daily_on", ReportKind.MONTHLY: "report_monthly_on"}


class DutyStatus(models.TextChoices):
    # As a report's reader says them (迟交, not attendance's 迟到): hence the context.
    EXEMPT = "exempt", pgettext_lazy("report duty", "Exempt")
    OPEN = "open", pgettext_lazy("report duty", "Open")
    ON_TIME = "on_time", pgettext_lazy("report duty", "On time")
    LATE = "late", pgettext_lazy("report duty", "Late")
    OVERDUE = "overdue", pgettext_lazy("report duty", "Overdue")
    MISSING = "missing", pgettext_lazy("report duty", "Missing")


# What counts as having filed: on time or late.
FILED = (DutyStatus.ON_TIME, DutyStatus.LATE)
# What the reminders chase: required and not submitted.
UNFILED = (DutyStatus.OPEN, DutyStatus.OVERDUE, DutyStatus.MISSING)


@dataclass
class Duty:
    staff: Staff
    site: Site
    kind: str
    period: Period
    required: bool
    scheduled_days: int
    due_at: datetime.datetime
    # Until when a report not yet submitted is overdue rather than missing.
    missing_after: datetime.datetime
    report: Report | None
    status: str

    @property
    def submitted_at(self) -> datetime.datetime | None:
        return self.report.first_submitted_at if self.report else None

    @property
    def status_label(self) -> str:
        return str(DutyStatus(self.status).label)


def period_of(kind: str, day: datetime.date) -> Period:
    return PERIODS[ReportKind(kind)].containing(day)


def period_parse(kind: str, label: str) -> Period:
    return PERIODS[ReportKind(kind)].parse(label)


def due_at(
    kind: str, period: Period, *, zone: str, policy: PolicyTable, company_id=None, site_id=None
) -> datetime.datetime:
    """When a report of `period` is due, on the site's clock."""
    value = lambda key: policy.value(key, company_id=company_id, site_id=site_id)  # noqa: E731
    if kind == ReportKind.WEEKLY:
        day, time = period.last + ONE_DAY, value("report_weekly_due_time")
    elif kind == ReportKind.DAILY:
        day, time = period.first, value("report_daily_due_time")
    else:
        # By the end of the policy's day of the next month.
        day = period.next.first.replace(day=value("report_monthly_due_day")) + ONE_DAY
        time = datetime.time(0, 0)
    return datetime.datetime.combine(day, time, zoneinfo.ZoneInfo(zone))


def missing_after(kind: str, period: Period, *, due: datetime.datetime) -> datetime.datetime:
    """The end of the period after the one the report covers (for a week: the following Sunday,
    24:00), on the site's clock; never before the due time."""
    end = datetime.datetime.combine(period.next.last + ONE_DAY, datetime.time(0, 0), due.tzinfo)
    return max(end, due)


def status_of(*, required: bool, report: Report | None, due: datetime.datetime, until, now) -> str:
    if not required:
        return DutyStatus.EXEMPT
    if report is not None and report.first_submitted_at is not None:
        return DutyStatus.ON_TIME if report.first_submitted_at <= due else DutyStatus.LATE
    if now < due:
        return DutyStatus.OPEN
    return DutyStatus.OVERDUE if now < until else DutyStatus.MISSING


def kind_is_on(kind: str, *, policy: PolicyTable, company_id=None, site_id=None) -> bool:
    if kind == ReportKind.WEEKLY:
        return True
    return bool(policy.value(SWITCHES[kind], company_id=company_id, site_id=site_id))


def _covered(leaves: list[tuple], day: datetime.date) -> bool:
    """Whether approved leave covers the whole of `day` (a half day leaves the other half)."""
    morning = afternoon = False
    for start, end, starts_pm, ends_am in leaves:
        if not start <= day <= end:
            continue
        morning |= not (day == start and starts_pm)
        afternoon |= not (day == end and ends_am)
    return morning and afternoon


def duties(
    *,
    kind: str,
    period: Period,
    now: datetime.datetime,
    sites: Iterable[Site] | None = None,
    staff_ids: Iterable[int] | None = None,
    policy: PolicyTable | None = None,
) -> list[Duty]:
    """Every person placed at one of `sites` (or among `staff_ids`) in `period`, with what they
    owe there; sorted by site and staff number. A fixed number of queries whatever the number
    of people and sites."""
    first, last = period.first, period.last
    placements = Assignment.objects.overlapping(first, last)
    if sites is not None:
        site_ids = [site.pk for site in sites]
        placements = placements.filter(site_id__in=site_ids)
    if staff_ids is not None:
        placements = placements.filter(staff_id__in=list(staff_ids))
    # The people as a subquery: a site of hundreds stays one short statement, not a long IN list.
    people = placements.values("staff_id")
    # All of each person's placements in the period, winners first: a day belongs to one site.
    rows = list(
        Assignment.objects.filter(staff_id__in=people)
        .overlapping(first, last)
        .by_precedence()
        .values_list("staff_id", "site_id", "start", "end")
    )
    if not rows:
        return []
    day_site: dict[tuple[int, datetime.date], int] = {}
    for staff_id, site_id, start, end in rows:
        for day in period.days():
            if day >= start and (end is None or day <= end):
                day_site.setdefault((staff_id, day), site_id)
    site_ids_all = {site_id for site_id in day_site.values()}
    calendar = WorkCalendar(start=first, end=last, site_ids=site_ids_all)
    leaves = defaultdict(list)
    for staff_id, start, end, starts_pm, ends_am in (
        Leave.objects.approved()
        .filter(staff_id__in=people)
        .touching(first, last)
        .values_list("staff_id", "start", "end", "starts_pm", "ends_am")
    ):
        leaves[staff_id].append((start, end, starts_pm, ends_am))
    # Each person's site for the period (their last placed day's) and scheduled days there.
    owed: dict[int, int] = {}
    scheduled: dict[int, int] = defaultdict(int)
    for (staff_id, _day), site_id in sorted(day_site.items(), key=lambda item: item[0][1]):
        owed[staff_id] = site_id
    for (staff_id, day), site_id in day_site.items():
        if site_id != owed[staff_id] or not calendar.is_working(day, site_id):
            continue
        if not _covered(leaves[staff_id], day):
            scheduled[staff_id] += 1
    if sites is not None:
        owed = {staff_id: site_id for staff_id, site_id in owed.items() if site_id in site_ids}
    staff = {person.pk: person for person in Staff.objects.filter(pk__in=people)}
    site_rows = Site.objects.in_bulk(set(owed.values()))
    reports = {
        report.staff_id: report
        for report in Report.objects.filter(staff_id__in=people, kind=kind, period=period.label)
    }
    policy = policy or PolicyTable(POLICY_KEYS)
    found = []
    for staff_id, site_id in owed.items():
        person, site = staff[staff_id], site_rows[site_id]
        due = due_at(
            kind,
            period,
            zone=site.time_zone,
            policy=policy,
            company_id=person.company_id,
            site_id=site_id,
        )
        until = missing_after(kind, period, due=due)
        required = scheduled[staff_id] > 0 and kind_is_on(
            kind, policy=policy, company_id=person.company_id, site_id=site_id
        )
        report = reports.get(staff_id)
        found.append(
            Duty(
                staff=person,
                site=site,
                kind=kind,
                period=period,
                required=required,
                scheduled_days=scheduled[staff_id],
                due_at=due,
                missing_after=until,
                report=report,
                status=status_of(required=required, report=report, due=due, until=until, now=now),
            )
        )
    found.sort(key=lambda duty: (duty.site.code, duty.staff.staff_no))
    return found


def duty_of(*, staff: Staff, kind: str, period: Period, now: datetime.datetime) -> Duty | None:
    """What one person owes for `period`, wherever they were placed; None when not placed."""
    found = duties(kind=kind, period=period, now=now, staff_ids=[staff.pk])
    return found[0] if found else None
