"""The monthly sheet of a site, a person's month as a calendar, and the monthly close."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendance.models import AbsenceMark, Day, DayStatus, MonthClose, Punch
from attendance.permissions import may_close_month
from attendance.selectors.banner import unconfirmed_notice
from attendance.selectors.calendar import WorkCalendar
from attendance.selectors.sheet import month_sheet, person_row
from attendance.services.months import month_close, month_reopen
from attendance.services.punches import may_act_for
from attendance.services.rules import DAY_RULES, HALF_DAY_RULES
from attendance.services.rules import render as render_rule
from attendance.tasks import queue_recompute
from onsite.access import access_for
from onsite.audit import history_entries
from onsite.converters import parse_month, query
from onsite.decorators import role_required
from onsite.org.models import Site, Staff
from onsite.periods import Month, month_bounds
from onsite.roles import Role
from onsite.transitions import Refused

SHEET_ROLES = (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)


def month_param(request) -> datetime.date:
    """`?month=YYYY-MM`, this month when there is none; out of range is 404."""
    return query(request, "month", parse_month, default=timezone.localdate().replace(day=1))


def neighbours(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first days of the months before and after the one holding `month`."""
    held = Month.containing(month)
    return held.previous.first, held.next.first


@role_required(*SHEET_ROLES)
def sheet_list(request):
    month = month_param(request)
    first, last = month_bounds(month)
    sites = list(Site.objects.visible_to(request.user).select_related("client").order_by("code"))
    ids = [s.pk for s in sites]
    visible = Staff.objects.visible_to(request.user).values("pk")
    counts = dict(
        Day.objects.filter(site_id__in=ids, date__range=(first, last), staff__in=visible)
        .values("site_id")
        .annotate(people=Count("staff_id", distinct=True))
        .values_list("site_id", "people")
    )
    closed = dict(
        MonthClose.objects.filter(site_id__in=ids, month=first).values_list("site_id", "status")
    )
    previous, following = neighbours(month)
    return render(
        request,
        "attendance/sheet_list.html",
        {
            "month": month,
            "previous": previous,
            "following": following,
            "sites": [
                {"site": s, "people": counts.get(s.pk, 0), "status": closed.get(s.pk, "open")}
                for s in sites
            ],
            "calendar_notice": unconfirmed_notice(start=first, end=last),
        },
    )


@role_required(*SHEET_ROLES)
def sheet(request, site_pk: int, month: datetime.date):
    site = get_object_or_404(Site.objects.visible_to(request.user), pk=site_pk)
    first = month
    last = month_bounds(first)[1]
    access = access_for(request.user)
    result = month_sheet(site=site, month=first, staff=Staff.objects.visible_to(request.user))
    record = MonthClose.objects.filter(site=site, month=first).first()
    previous, following = neighbours(first)
    return render(
        request,
        "attendance/sheet.html",
        {
            "site": site,
            "sheet": result,
            "month": first,
            "previous": previous,
            "following": following,
            "amounts_for": access.hr_companies if not access.is_superuser else None,
            "show_amounts": access.is_superuser or bool(access.hr_companies),
            "may_close": may_close_month(request.user, site),
            # One reverse() for 500 rows: the link to a person's month around their id.
            "person_url": person_url_parts(month),
            "history": history_entries(record) if record else [],
            "calendar_notice": unconfirmed_notice(start=first, end=last, site_ids=[site.pk]),
        },
    )


def person_url_parts(month: datetime.date) -> tuple[str, str]:
    """("/attendance/people/", "/2026-10/"): what goes before and after a person's id."""
    before, _zero, after = reverse("attendance:person_month", args=[0, month]).partition("/0/")
    return f"{before}/", f"/{after}"


def closing_site(request, site_pk: int, month: datetime.date) -> tuple[Site, datetime.date]:
    """The site and month an HR admin closes, reopens or judges again: 404 outside their
    scope, 403 for a site none of their companies has a contract at."""
    site = get_object_or_404(Site.objects.visible_to(request.user), pk=site_pk)
    first = month
    if not may_close_month(request.user, site):
        raise PermissionDenied
    return site, first


def act_on_month(request, site: Site, first: datetime.date, action, done: str):
    """Run `action`, show its refusals or `done`, and go back to the sheet."""
    try:
        action()
    except Refused as refusal:
        for message in refusal.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("attendance:sheet", site.pk, f"{first:%Y-%m}")


@require_POST
@role_required(Role.HR_ADMIN)
def sheet_close(request, site_pk: int, month: datetime.date):
    site, first = closing_site(request, site_pk, month)
    return act_on_month(
        request,
        site,
        first,
        lambda: month_close(site=site, month=first, by=request.user),
        _("The month is closed."),
    )


@require_POST
@role_required(Role.HR_ADMIN)
def sheet_reopen(request, site_pk: int, month: datetime.date):
    site, first = closing_site(request, site_pk, month)
    reason = request.POST.get("reason", "")
    return act_on_month(
        request,
        site,
        first,
        lambda: month_reopen(site=site, month=first, by=request.user, reason=reason),
        _("The month is open again."),
    )


@require_POST
@role_required(Role.HR_ADMIN)
def sheet_recompute(request, site_pk: int, month: datetime.date):
    """Judge every day of the month again: after a history import, or when the nightly pass
    did not run (a new installation)."""
    site, first = closing_site(request, site_pk, month)
    return act_on_month(
        request,
        site,
        first,
        lambda: queue_recompute(start=first, end=month_bounds(first)[1], site_ids=[site.pk]),
        _("The month is being judged again; reload the page in a moment."),
    )


@login_required
def person_month(request, staff_pk: int, month: datetime.date):
    person = get_object_or_404(Staff.objects.visible_to(request.user), pk=staff_pk)
    first = month
    last = month_bounds(first)[1]
    days = list(
        Day.objects.visible_to(request.user)
        .filter(staff=person, date__range=(first, last))
        .select_related("site")
    )
    punches = defaultdict(list)
    for p in Punch.objects.visible_to(request.user).filter(
        staff=person, at__date__range=(first - datetime.timedelta(days=1), last)
    ):
        punches[timezone.localtime(p.at).date()].append(p)
    by_date = {d.date: d for d in days}
    sites = {d.site_id: d.site for d in days}
    calendar = WorkCalendar(start=first, end=last, site_ids=list(sites))
    weeks = []
    for week in pycalendar.Calendar().monthdatescalendar(first.year, first.month):
        cells = []
        for date in week:
            day = by_date.get(date)
            entry = calendar.entry(date, day.site_id if day else None)
            cells.append(
                {
                    "date": date,
                    "in_month": date.month == first.month,
                    "day": day,
                    "entry": entry,
                    "punches": punches.get(date, []),
                    "rule": describe(day),
                }
            )
        weeks.append(cells)
    summaries = [
        (site, person_row(staff=person, site=site, month=first)) for site in sites.values()
    ]
    access = access_for(request.user)
    marks = [
        {
            "mark": m,
            "removable": may_act_for(request.user, staff=person, site_id=m.site_id),
        }
        for m in AbsenceMark.objects.visible_to(request.user)
        .filter(staff=person, date__range=(first, last))
        .select_related("created_by")
        .order_by("date")
    ]
    previous, following = neighbours(first)
    return render(
        request,
        "attendance/person_month.html",
        {
            "person": person,
            "month": first,
            "previous": previous,
            "following": following,
            "weeks": weeks,
            # On a phone, a list with the latest day first: what people check is today.
            "listed": [
                c
                for week in reversed(weeks)
                for c in reversed(week)
                if c["in_month"] and (c["day"] or c["punches"])
            ],
            "summaries": [(s, r) for s, r in summaries if r is not None],
            "is_self": access.staff_id == person.pk,
            "marks": marks,
            # Nobody enters punches for or marks absences of themselves.
            "may_act": access.staff_id != person.pk
            and (access.is_hr_for(person.company_id) or bool(access.supervised_sites)),
            "statuses": DayStatus,
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
            "calendar_notice": unconfirmed_notice(start=first, end=last, site_ids=list(sites)),
        },
    )


def describe(day: Day | None) -> str:
    if day is None:
        return ""
    text = render_rule(DAY_RULES, day.rule, day.rule_args)
    half = day.rule_args.get("half") if day.rule_args else None
    if half:
        text = f"{render_rule(HALF_DAY_RULES, half, day.rule_args)} {text}"
    return text


@role_required(Role.STAFF)
def my_month(request):
    access = access_for(request.user)
    if access.staff_id is None:
        raise Http404
    month = month_param(request)
    return redirect("attendance:person_month", access.staff_id, f"{month:%Y-%m}")


urlpatterns = [
    path("sheets/", sheet_list, name="sheet_list"),
    path("sheets/<int:site_pk>/<month:month>/", sheet, name="sheet"),
    path("sheets/<int:site_pk>/<month:month>/close/", sheet_close, name="sheet_close"),
    path("sheets/<int:site_pk>/<month:month>/reopen/", sheet_reopen, name="sheet_reopen"),
    path("sheets/<int:site_pk>/<month:month>/recompute/", sheet_recompute, name="sheet_recompute"),
    path("people/<int:staff_pk>/<month:month>/", person_month, name="person_month"),
    path("me/", my_month, name="my_month"),
]
