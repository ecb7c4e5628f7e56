"""Who is away (SPEC §7–§8): a site's month as a calendar of approved leave, by halves, and of
approved or filed overtime, on the site's working days, rest days and holidays. For the site's
supervisors, and HR and managers of the companies working there."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from attendance.models import DayKind, Leave, LeaveStatus, Overtime, OvertimeStatus
from attendance.selectors.banner import unconfirmed_notice
from attendance.selectors.calendar import WorkCalendar
from attendance.views.sheet import month_param, neighbours
from onsite.access import access_for
from onsite.converters import parse_id, query
from onsite.decorators import role_required
from onsite.org.models import Assignment, Contract, Site
from onsite.periods import month_bounds
from onsite.roles import Role

READERS = (Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)
# Shading of each kind of day (Bootstrap's pale backgrounds, as on the calendar page).
KIND_CLASSES = {
    DayKind.WORKDAY: "",
    DayKind.MAKEUP_WORKDAY: "bg-warning-subtle",
    DayKind.REST: "bg-body-secondary",
    DayKind.HOLIDAY_REST: "bg-danger-subtle",
    DayKind.HOLIDAY: "bg-danger-subtle",
}
OVERTIME_SHOWN = (OvertimeStatus.APPROVED, OvertimeStatus.FILED)


def away_sites(user) -> QuerySet[Site]:
    """The sites one supervises, and those where one's company (or department) works. Unlike
    `Site.objects.visible_to`, neither a finance officer's nor a client contact's."""
    access = access_for(user)
    if access.is_superuser:
        return Site.objects.all()
    q = Q(pk__in=access.supervised_sites)
    companies = access.hr_companies | access.manager_companies
    if companies:
        q |= Q(Exists(Contract.objects.filter(sites=OuterRef("pk"), company_id__in=companies)))
    if access.manager_departments:
        q |= Q(
            Exists(
                Assignment.objects.filter(
                    site=OuterRef("pk"), staff__department_id__in=access.manager_departments
                )
            )
        )
    return Site.objects.filter(q)


def _site_param(request) -> int | None:
    return query(request, "site", parse_id)


def _halves_label(kind_label: str, morning: bool, afternoon: bool) -> str:
    if morning and afternoon:
        return kind_label
    return f"{kind_label} · {_('morning') if morning else _('afternoon')}"


@role_required(*READERS)
def away(request):
    month = month_param(request)
    first, last = month_bounds(month)
    sites = list(away_sites(request.user).order_by("code"))
    wanted = _site_param(request)
    if wanted is None:
        site = sites[0] if sites else None
    else:
        site = next((s for s in sites if s.pk == wanted), None)
        if site is None:
            raise Http404
    previous, following = neighbours(first)
    context = {
        "sites": sites,
        "site": site,
        "month": first,
        "previous": previous,
        "following": following,
    }
    if site is None:
        return render(request, "attendance/away.html", context)
    calendar = WorkCalendar(start=first, end=last, site_ids=[site.pk])
    away_on: dict[datetime.date, list[dict]] = defaultdict(list)
    leave = (
        Leave.objects.visible_to(request.user)
        .filter(site=site, status=LeaveStatus.APPROVED)
        .touching(first, last)
        .select_related("staff")
        .order_by("staff__name", "start")
    )
    for record in leave:
        label = record.get_kind_display()
        day = max(record.start, first)
        while day <= min(record.end, last):
            morning, afternoon = record.halves_on(day)
            if calendar.is_working(day, site.pk) and (morning or afternoon):
                away_on[day].append(
                    {
                        "name": record.staff.name,
                        "label": _halves_label(label, morning, afternoon),
                        "half": not (morning and afternoon),
                        "pk": record.pk,
                    }
                )
            day += datetime.timedelta(days=1)
    overtime_on: dict[datetime.date, list[dict]] = defaultdict(list)
    for record in (
        Overtime.objects.visible_to(request.user)
        .filter(site=site, status__in=OVERTIME_SHOWN, date__range=(first, last))
        .select_related("staff")
        .order_by("date", "start_time", "staff__name")
    ):
        overtime_on[record.date].append(
            {
                "name": record.staff.name,
                "hours": record.paid_hours if record.paid_hours is not None else record.hours,
                "time": f"{record.start_time:%H:%M}–{record.end_time:%H:%M}",
                "filed": record.status == OvertimeStatus.FILED,
                "pk": record.pk,
            }
        )
    weeks = []
    for week in pycalendar.Calendar().monthdatescalendar(first.year, first.month):
        cells = []
        for date in week:
            entry = calendar.entry(date, site.pk)
            in_month = date.month == first.month
            cells.append(
                {
                    "date": date,
                    "in_month": in_month,
                    "entry": entry,
                    "css": KIND_CLASSES[entry.kind] if in_month else "other-month",
                    "away": away_on.get(date, []) if in_month else [],
                    "overtime": overtime_on.get(date, []) if in_month else [],
                }
            )
        weeks.append(cells)
    context.update(
        {
            "weeks": weeks,
            # On a phone, only the days with someone away or working overtime.
            "listed": [
                c for week in weeks for c in week if c["in_month"] and (c["away"] or c["overtime"])
            ],
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
            "legend": [(label, KIND_CLASSES[kind]) for kind, label in DayKind.choices],
            "calendar_notice": unconfirmed_notice(start=first, end=last, site_ids=[site.pk]),
        }
    )
    return render(request, "attendance/away.html", context)


urlpatterns = [path("away/", away, name="away")]
