"""A staff member's today, for their home page: the day at their site (schedule, or the rest day
or holiday the calendar says it is), their punches so far, and what waits for them to act on.
A fixed number of queries whatever the number of requests (pinned in tests/onsite)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.models import (
    Correction,
    CorrectionStatus,
    Day,
    Explanation,
    ExplanationStatus,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeStatus,
    Punch,
)
from attendance.selectors.calendar import CalendarEntry, WorkCalendar
from attendance.services.explanations import explanation_is_required
from attendance.services.punches import placements_at
from attendance.workflows import CORRECTION, LEAVE, OVERTIME, describe
from onsite.access import Access
from onsite.org.models import Assignment, Site, Staff
from onsite.periods import Month

# A rejection stays on the home page this long: long enough to be read, short enough to go.
REJECTED_SHOWN_DAYS = 14


@dataclass(frozen=True)
class Waiting:
    text: str
    url: str


@dataclass
class Today:
    date: datetime.date
    placement: Assignment | None
    day: CalendarEntry | None
    punches: list[str] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)

    @property
    def checked_in(self) -> bool:
        return bool(self.punches)


def months_to_explain(staff_id: int) -> list[tuple[Site, datetime.date]]:
    """This month and the last at each site the person was judged at, where the sheet asks for
    an explanation that is not written yet."""
    this_month = Month.containing(timezone.localdate())
    last_month, next_month = this_month.previous.first, this_month.next.first
    # Only a month with an absence or lateness can ask for one: the sheet is built for those
    # only, so a month without any costs one query.
    troubled = {
        (site_id, date.replace(day=1))
        for site_id, date in Day.objects.filter(
            Q(absent__gt=0) | Q(late_minutes__gt=0),
            staff_id=staff_id,
            date__gte=last_month,
            date__lt=next_month,
        ).values_list("site_id", "date")
    }
    if troubled:
        troubled -= set(
            Explanation.objects.filter(staff_id=staff_id, month__gte=last_month).values_list(
                "site_id", "month"
            )
        )
    if not troubled:
        return []
    staff = Staff.objects.get(pk=staff_id)
    sites = Site.objects.in_bulk({site_id for site_id, _month in troubled})
    return [
        (sites[site_id], month)
        for site_id, month in sorted(troubled, key=lambda pair: (pair[1], pair[0]))
        if explanation_is_required(staff=staff, site=sites[site_id], month=month)
    ]


def _waiting(staff_id: int, now: datetime.datetime) -> list[Waiting]:
    since = now - datetime.timedelta(days=REJECTED_SHOWN_DAYS)
    items = [
        Waiting(
            _("Your absence explanation for %(month)s was returned: rewrite it.")
            % {"month": f"{e.month:%Y-%m}"},
            reverse("attendance:explanation_detail", args=[e.pk]),
        )
        for e in Explanation.objects.filter(staff_id=staff_id, status=ExplanationStatus.RETURNED)
    ]
    items += [
        Waiting(
            _("Write your absence explanation for %(month)s at %(site)s.")
            % {"month": f"{month:%Y-%m}", "site": site.name},
            reverse("attendance:explanation_write", args=[site.pk, f"{month:%Y-%m}"]),
        )
        for site, month in months_to_explain(staff_id)
    ]
    items += [
        Waiting(
            _("Your leave (%(when)s) was rejected.") % {"when": describe(LEAVE.key, leave)},
            reverse("attendance:leave_detail", args=[leave.pk]),
        )
        for leave in Leave.objects.filter(
            staff_id=staff_id, status=LeaveStatus.REJECTED, decided_at__gte=since
        )
    ]
    # Overtime keeps no decision time; the day it was asked for stands in for it.
    items += [
        Waiting(
            _("Your overtime (%(when)s) was rejected.")
            % {"when": describe(OVERTIME.key, overtime)},
            reverse("attendance:overtime_detail", args=[overtime.pk]),
        )
        for overtime in Overtime.objects.filter(
            staff_id=staff_id, status=OvertimeStatus.REJECTED, date__gte=since.date()
        )
    ]
    items += [
        Waiting(
            _("Your punch correction (%(when)s) was rejected.")
            % {"when": describe(CORRECTION.key, correction)},
            reverse("attendance:correction_detail", args=[correction.pk]),
        )
        for correction in Correction.objects.filter(
            staff_id=staff_id, status=CorrectionStatus.REJECTED, decided_at__gte=since
        ).select_related("site")
    ]
    return items


def staff_today(access: Access) -> dict:
    """The `today` of the staff section of the dashboard."""
    if access.staff_id is None:
        return {"today": None}
    now = timezone.now()
    placements = placements_at(staff=Staff(pk=access.staff_id), at=now)
    placement, local_now = placements[0] if placements else (None, timezone.localtime(now))
    date = local_now.date()
    day = None
    if placement is not None:
        day = WorkCalendar(start=date, end=date, site_ids=[placement.site_id]).entry(
            date, placement.site_id
        )
    day_start = datetime.datetime.combine(date, datetime.time(), local_now.tzinfo)
    # Shown as text: the template would otherwise turn times into the server's time zone.
    punches = [
        f"{timezone.localtime(at, local_now.tzinfo):%H:%M}"
        for at in Punch.objects.filter(
            staff_id=access.staff_id,
            at__gte=day_start,
            at__lt=day_start + datetime.timedelta(days=1),
        )
        .order_by("at")
        .values_list("at", flat=True)
    ]
    return {
        "today": Today(
            date=date,
            placement=placement,
            day=day,
            punches=punches,
            waiting=_waiting(access.staff_id, now),
        )
    }
