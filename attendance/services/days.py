"""Keeping the judged days (attendance.models.Day) up to date. Whatever changes what a day is
judged on — punches, leave, corrections, hand marks, a schedule, the calendar — calls
`days_recompute` for the people and dates it touched; big changes queue it as a task."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from attendance.calendar import WorkCalendar, months_between
from attendance.classify import DayInput, Rules, judge
from attendance.models import (
    AbsenceMark,
    AbsenceReason,
    Day,
    Leave,
    LeaveStatus,
    MonthClose,
    MonthStatus,
    Punch,
)
from onsite.policy import PolicyTable
from staffing.models import Assignment, Site
from staffing.schedule import Schedule

DAY_FIELDS = [
    "site",
    "day_kind",
    "status",
    "scheduled",
    "present",
    "absent",
    "leave",
    "leave_kind",
    "late_minutes",
    "early_minutes",
    "is_late",
    "is_early",
    "missing_punch",
    "first_punch",
    "last_punch",
    "punch_count",
    "expected_start",
    "expected_end",
    "rule",
    "rule_args",
]
WRITE_BATCH = 2000


def days_recompute(
    *,
    start: datetime.date,
    end: datetime.date,
    staff_ids: Iterable[int] | None = None,
    site_ids: Iterable[int] | None = None,
) -> int:
    """Judge again every day from `start` to `end` of the given people (or of everyone placed at
    the given sites then), up to today: a future day is not judged before it happens. Days of a
    closed month stay as they were. Returns the rows written."""
    end = min(end, timezone.localdate())
    if start > end:
        return 0
    assignments = Assignment.objects.filter(start__lte=end).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if staff_ids is not None:
        assignments = assignments.filter(staff_id__in=list(staff_ids))
    if site_ids is not None:
        people = assignments.filter(site_id__in=list(site_ids)).values("staff_id")
        assignments = assignments.filter(staff_id__in=people)
    # A person may also be some other site's backup on the same days; the day is judged once,
    # at their own (non-backup) placement, which comes first here.
    placements = list(
        assignments.order_by("backup", "start").values_list(
            "staff_id", "site_id", "start", "end", "staff__company_id"
        )
    )
    people = sorted({p[0] for p in placements} | set(staff_ids or ()))
    if not people:
        return 0
    sites = {
        s.pk: s
        for s in Site.objects.filter(pk__in={p[1] for p in placements}).only(
            "pk", "schedule", "time_zone"
        )
    }
    closed = set(
        MonthClose.objects.filter(
            site_id__in=list(sites),
            status=MonthStatus.CLOSED,
            month__in=months_between(start, end),
        ).values_list("site_id", "month")
    )
    calendar = WorkCalendar(start=start, end=end, site_ids=list(sites))
    policy = PolicyTable(["late_grace_minutes", "absent_threshold_minutes"])
    punches = _punches(people, sites, start, end)
    leave = _leave(people, start, end)
    marks = {
        (staff_id, date): (str(AbsenceReason(reason).label), note)
        for staff_id, date, reason, note in AbsenceMark.objects.filter(
            staff_id__in=people, date__range=(start, end)
        ).values_list("staff_id", "date", "reason", "note")
    }
    schedules = {pk: Schedule.parse(s.schedule) if s.schedule else None for pk, s in sites.items()}

    rows: list[Day] = []
    judged: set[tuple[int, datetime.date]] = set()
    for staff_id, site_id, first, last, company_id in placements:
        rules = Rules(
            grace_minutes=policy.value(
                "late_grace_minutes", company_id=company_id, site_id=site_id
            ),
            absent_threshold_minutes=policy.value(
                "absent_threshold_minutes", company_id=company_id, site_id=site_id
            ),
        )
        day = max(first, start)
        stop = min(last or end, end)
        while day <= stop:
            first_placement = (staff_id, day) not in judged
            judged.add((staff_id, day))
            if first_placement and (site_id, day.replace(day=1)) not in closed:
                entry = calendar.entry(day, site_id)
                times = punches.get((staff_id, day), ())
                if entry.is_working or times:
                    morning, afternoon = _halves(leave.get(staff_id, ()), day)
                    result = judge(
                        DayInput(
                            date=day,
                            day_kind=entry.kind,
                            scheduled=entry.is_working,
                            schedule=schedules[site_id],
                            punches=times,
                            morning_leave=morning,
                            afternoon_leave=afternoon,
                            mark=marks.get((staff_id, day)),
                        ),
                        rules,
                    )
                    rows.append(
                        Day(
                            staff_id=staff_id,
                            site_id=site_id,
                            date=day,
                            day_kind=entry.kind,
                            first_punch=times[0] if times else None,
                            last_punch=times[-1] if times else None,
                            punch_count=len(times),
                            **{
                                name: getattr(result, name)
                                for name in DAY_FIELDS
                                if hasattr(result, name) and name != "site"
                            },
                        )
                    )
            day += datetime.timedelta(days=1)

    keep = Q()
    for site_id, month in closed:
        keep |= Q(site_id=site_id, date__year=month.year, date__month=month.month)
    with transaction.atomic():
        stale = Day.objects.filter(staff_id__in=people, date__range=(start, end))
        if closed:
            stale = stale.exclude(keep)
        written = {(row.staff_id, row.date) for row in rows}
        stale_ids = [
            pk
            for pk, staff_id, date in stale.values_list("pk", "staff_id", "date")
            if (staff_id, date) not in written
        ]
        Day.objects.filter(pk__in=stale_ids).delete()
        for offset in range(0, len(rows), WRITE_BATCH):
            Day.objects.bulk_create(
                rows[offset : offset + WRITE_BATCH],
                update_conflicts=True,
                unique_fields=["staff", "date"],
                update_fields=DAY_FIELDS,
            )
    return len(rows)


def days_judge_yesterday(*, today: datetime.date | None = None) -> int:
    """The nightly pass: a day nobody punched or asked anything about is still judged (absent,
    usually), so every site's sheet has yesterday's rows by the morning."""
    yesterday = (today or timezone.localdate()) - datetime.timedelta(days=1)
    sites = Assignment.objects.active_on(yesterday).values_list("site_id", flat=True).distinct()
    return days_recompute(start=yesterday, end=yesterday, site_ids=list(sites))


def _punches(people, sites, start, end) -> dict[tuple[int, datetime.date], tuple]:
    """Each person's punches by local date of the site they punched at, in order."""
    zones = {pk: zoneinfo.ZoneInfo(site.time_zone) for pk, site in sites.items()}
    # A day in any time zone lies within a day either side of the same UTC dates.
    low = datetime.datetime.combine(
        start - datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    high = datetime.datetime.combine(
        end + datetime.timedelta(days=2), datetime.time(), datetime.UTC
    )
    found: dict[tuple[int, datetime.date], list] = defaultdict(list)
    default = zoneinfo.ZoneInfo("Asia/Shanghai")
    for staff_id, site_id, at in (
        Punch.objects.filter(staff_id__in=people, at__gte=low, at__lt=high)
        .order_by("at")
        .values_list("staff_id", "site_id", "at")
        .iterator(chunk_size=20000)
    ):
        local = at.astimezone(zones.get(site_id, default))
        if start <= local.date() <= end:
            found[(staff_id, local.date())].append(local)
    return {key: tuple(value) for key, value in found.items()}


def _leave(people, start, end) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    for row in Leave.objects.filter(
        staff_id__in=people, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).values_list("staff_id", "kind", "start", "end", "starts_pm", "ends_am"):
        found[row[0]].append(row[1:])
    return found


def _halves(leaves, day: datetime.date) -> tuple[str, str]:
    """The leave kinds covering the morning and the afternoon of `day` ("" for none)."""
    morning = afternoon = ""
    for kind, first, last, starts_pm, ends_am in leaves:
        if first <= day <= last:
            if not (day == first and starts_pm):
                morning = morning or kind
            if not (day == last and ends_am):
                afternoon = afternoon or kind
    return morning, afternoon
