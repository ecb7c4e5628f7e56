"""The working-day calendar pages (SPEC §6): the year month by month, one day's edit (a site's
own day by its company's HR; a national day by the installation's administrator), and confirming
a year checked against the notice (the installation's administrator)."""

from __future__ import annotations

import calendar as monthly
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from attendance.forms.calendar import CalendarDayForm
from attendance.models import CalendarDay, DayKind, DaySource
from attendance.selectors.banner import unconfirmed_notice
from attendance.selectors.calendar import weekday_kind
from attendance.services.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    calendar_day_set,
    calendar_may_confirm,
    calendar_may_set,
    calendar_sites,
    calendar_year_confirm,
)
from attendance.services.months import closed_months
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Site
from onsite.roles import Role
from onsite.transitions import Refused

# Column heads of a month, Monday first: one or two letters so that a phone fits seven columns.
WEEKDAY_HEADS = [
    pgettext_lazy("calendar column", "Mo"),
    pgettext_lazy("calendar column", "Tu"),
    pgettext_lazy("calendar column", "We"),
    pgettext_lazy("calendar column", "Th"),
    pgettext_lazy("calendar column", "Fr"),
    pgettext_lazy("calendar column", "Sa"),
    pgettext_lazy("calendar column", "Su"),
]
# Bootstrap classes of each kind of day, on the grid and in its legend.
KIND_CLASSES = {
    DayKind.WORKDAY: "bg-white",
    DayKind.REST: "bg-body-secondary",
    DayKind.HOLIDAY: "bg-danger text-white",
    DayKind.HOLIDAY_REST: "bg-danger-subtle",
    DayKind.MAKEUP_WORKDAY: "bg-warning-subtle",
}


def _year(value: str | None) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return timezone.localdate().year
    return min(max(year, FIRST_YEAR), LAST_YEAR)


def _calendar_url(year: int, month: int | None = None) -> str:
    anchor = f"#month-{month}" if month else ""
    return f"{reverse('attendance:calendar')}?year={year}{anchor}"


@role_required(Role.HR_ADMIN)
def calendar(request):
    year = _year(request.GET.get("year"))
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    national = {
        row.date: row
        for row in CalendarDay.objects.filter(site__isnull=True, date__range=(first, last))
    }
    site_days = list(
        CalendarDay.objects.filter(site__in=calendar_sites(request.user), date__range=(first, last))
        .select_related("site")
        .order_by("date", "site__code")
    )
    with_site_days = {row.date for row in site_days}
    day_url = reverse("attendance:calendar_day", args=["0000-00-00"])
    kinds = dict(DayKind.choices)
    unsure = _("not confirmed")
    months = []
    for month in range(1, 13):
        weeks, named = [], []
        for week in monthly.Calendar().monthdatescalendar(year, month):
            cells = []
            for date in week:
                if date.month != month:
                    cells.append(None)
                    continue
                row = national.get(date)
                kind = row.kind if row else weekday_kind(date)
                name = row.name if row else ""
                confirmed = bool(row and row.confirmed)
                title = [date.isoformat(), str(kinds[kind]), name, "" if confirmed else unsure]
                cell = {
                    "iso": date.isoformat(),
                    "day": date.day,
                    "kind": kind,
                    "kind_label": kinds[kind],
                    "name": name,
                    "title": " · ".join(part for part in title if part),
                    "hr": bool(row and row.source == DaySource.HR),
                    "site_day": date in with_site_days,
                    "css": KIND_CLASSES[kind] + ("" if confirmed else " unconfirmed"),
                    "url": day_url.replace("0000-00-00", date.isoformat()),
                }
                cells.append(cell)
                if cell["name"] or cell["hr"]:
                    named.append(cell)
            weeks.append(cells)
        months.append({"number": month, "name": MONTHS[month], "weeks": weeks, "named": named})
    unconfirmed = sum(1 for row in national.values() if not row.confirmed)
    return render(
        request,
        "attendance/calendar.html",
        {
            "year": year,
            "months": months,
            "weekdays": WEEKDAY_HEADS,
            "legend": [(label, KIND_CLASSES[kind]) for kind, label in DayKind.choices],
            "site_days": site_days,
            "complete": len(national) == (last - first).days + 1,
            "unconfirmed": unconfirmed,
            "calendar_notice": unconfirmed_notice(start=first, end=last),
            "years": [year - 1, year + 1],
            "may_confirm": calendar_may_confirm(by=request.user),
        },
    )


@role_required(Role.HR_ADMIN)
def calendar_day(request, day: datetime.date, site_id: int | None = None):
    date = day
    sites = calendar_sites(request.user).order_by("code")
    if site_id is None and request.GET.get("site"):
        chosen = get_object_or_404(sites, pk=_int_or_404(request.GET["site"]))
        return redirect("attendance:calendar_day", day, chosen.pk)
    site = get_object_or_404(sites, pk=site_id) if site_id is not None else None
    national = CalendarDay.objects.filter(date=date, site__isnull=True).first()
    own = CalendarDay.objects.filter(date=date, site=site).first() if site else None
    current = own or national
    # HR reads a national day and opens their own sites' days from it.
    may_set = calendar_may_set(by=request.user, site=site)
    if request.method == "POST" and not may_set:
        raise PermissionDenied
    form = CalendarDayForm(
        request.POST or None,
        initial={
            "kind": current.kind if current else weekday_kind(date),
            "name": current.name if current else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            calendar_day_set(
                date=date,
                site=site,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            if date <= timezone.localdate():
                messages.success(
                    request, _("Saved; the days of %(date)s are judged again.") % {"date": date}
                )
            else:
                messages.success(request, _("Saved."))
            closed = closed_months(
                site_ids=[site.pk] if site else Site.objects.values_list("pk", flat=True),
                dates=[date],
            )
            if closed:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s site has closed %(month)s; its days change when it is reopened.",
                        "%(count)s sites have closed %(month)s; their days change when they are "
                        "reopened.",
                        len(closed),
                    )
                    % {"count": len(closed), "month": f"{date:%Y-%m}"},
                )
            return redirect(_calendar_url(date.year, date.month))
    return render(
        request,
        "attendance/calendar_day.html",
        {
            "form": form if may_set else None,
            "date": date,
            "site": site,
            "sites": sites,
            "national": national,
            "own": own,
            "history": history_entries(current) if current else [],
            "calendar_url": _calendar_url(date.year, date.month),
            "calendar_notice": unconfirmed_notice(
                start=date, end=date, site_ids=[site.pk] if site else ()
            ),
        },
    )


@require_POST
@role_required(Role.HR_ADMIN)
def calendar_confirm(request, year: int):
    if not calendar_may_confirm(by=request.user):
        raise PermissionDenied
    try:
        count = calendar_year_confirm(year=year, by=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s day of %(year)s confirmed.",
                "%(count)s days of %(year)s confirmed.",
                count,
            )
            % {"count": count, "year": year},
        )
    return redirect(_calendar_url(year))


def _int_or_404(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


urlpatterns = [
    path("calendar/", calendar, name="calendar"),
    path("calendar/<year:year>/confirm/", calendar_confirm, name="calendar_confirm"),
    path("calendar/<date:day>/", calendar_day, name="calendar_day"),
    path("calendar/<date:day>/site/<int:site_id>/", calendar_day, name="calendar_day"),
]
