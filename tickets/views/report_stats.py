"""Statistics of the weekly reports (SPEC §9): a site's week by person, with its counts, the
chart of the eight weeks up to it and the week as XLSX; and each person's on-time rate over a
quarter. Read by the site's supervisors (everyone placed there) and by HR and managers of a
company serving the site (their company's people); for anyone else the site is not there (404)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onsite.access import access_for
from onsite.org.models import Site
from onsite.periods import Quarter, Week
from tickets.exports.files import XLSX_TYPE
from tickets.exports.report_stats import status_xlsx
from tickets.selectors.duties import DutyStatus
from tickets.selectors.report_stats import (
    STATUS_LABELS,
    THURSDAY,
    parse_quarter,
    parse_week,
    percent_text,
    site_quarter_rates,
    week_table,
)

# How each status reads at a glance (Bootstrap badges with enough contrast for axe).
BADGES = {
    DutyStatus.EXEMPT: "text-bg-light border",
    DutyStatus.OPEN: "text-bg-info",
    DutyStatus.ON_TIME: "text-bg-success",
    DutyStatus.LATE: "text-bg-warning",
    DutyStatus.OVERDUE: "text-bg-danger",
    DutyStatus.MISSING: "text-bg-danger",
}
MINUTES_A_DAY = 24 * 60


def stats_sites(user):
    """The sites whose statistics `user` reads: those they supervise, and those served by a
    company where they are HR or a manager."""
    access = access_for(user)
    sites = Site.objects.order_by("code")
    if access.is_superuser:
        return sites
    q = Q(pk__in=access.supervised_sites)
    companies = access.hr_companies | access.manager_companies
    if companies:
        q |= Q(pk__in=Site.objects.filter(contracts__company_id__in=companies).values("pk"))
    return sites.filter(q)


def _scope(request, site_pk: int) -> tuple[Site, frozenset[int] | None]:
    """The site, and whose people the reader sees there: everyone for its supervisor, else the
    people of the reader's companies."""
    site = get_object_or_404(stats_sites(request.user), pk=site_pk)
    access = access_for(request.user)
    if access.is_superuser or site.pk in access.supervised_sites:
        return site, None
    return site, access.hr_companies | access.manager_companies


def _week(text: str) -> Week:
    try:
        return parse_week(text)
    except ValueError:
        raise Http404 from None


def _quarter(text: str) -> Quarter:
    try:
        return parse_quarter(text)
    except ValueError:
        raise Http404 from None


def last_week() -> Week:
    return Week.containing(timezone.localdate()).previous


def quarter_of(week: Week) -> Quarter:
    """The quarter a week counts in (the one holding its Thursday)."""
    return Quarter.containing(week.first + datetime.timedelta(days=THURSDAY))


def late_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    if minutes < MINUTES_A_DAY:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    days = minutes // MINUTES_A_DAY
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


@login_required
def stats_choose(request):
    """Pick a site and a week (last week unless told); with a site, the week's statistics."""
    sites = list(stats_sites(request.user))
    if not sites:
        raise Http404
    week = _week(request.GET["week"]) if request.GET.get("week") else last_week()
    site_pk = request.GET.get("site")
    if site_pk:
        chosen = next((s for s in sites if str(s.pk) == site_pk), None)
        if chosen is None:
            raise Http404
        return redirect("tickets:report_stats", chosen.pk, week.label)
    return render(request, "tickets/report_stats/choose.html", {"sites": sites, "week": week.label})


@login_required
def stats_week(request, site_pk: int, week: str):
    site, companies = _scope(request, site_pk)
    held = _week(week)
    table = week_table(site=site, week=held, now=timezone.now(), companies=companies)
    counts = table.counts
    return render(
        request,
        "tickets/report_stats/week.html",
        {
            "site": site,
            "table": table,
            "week": held,
            "previous": held.previous.label,
            "following": held.next.label,
            "quarter": quarter_of(held).label,
            "counts": [
                {"key": key, "label": STATUS_LABELS[key], "count": counts[key]}
                for key in DutyStatus.values
            ],
            "rate": percent_text(table.on_time_rate),
            "rows": [
                {
                    "row": row,
                    "badge": BADGES[row.status],
                    "late": late_text(row.late_minutes),
                }
                for row in table.rows
            ],
            "chart": table.chart(),
        },
    )


@login_required
def stats_week_xlsx(request, site_pk: int, week: str):
    site, companies = _scope(request, site_pk)
    held = _week(week)
    table = week_table(site=site, week=held, now=timezone.now(), companies=companies, trend_weeks=0)
    filename = f"{_('Weekly reports')}-{site.code}-{held.label}.xlsx"
    response = HttpResponse(status_xlsx(table), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def stats_quarter(request, site_pk: int, quarter: str):
    site, companies = _scope(request, site_pk)
    held = _quarter(quarter)
    rates = site_quarter_rates(site=site, quarter=held, now=timezone.now(), companies=companies)
    return render(
        request,
        "tickets/report_stats/quarter.html",
        {
            "site": site,
            "quarter": held,
            "rates": rates,
            "previous": held.previous.label,
            "following": held.next.label,
        },
    )


urlpatterns = [
    path("report-stats/", stats_choose, name="report_stats_choose"),
    path("report-stats/<int:site_pk>/<str:week>/", stats_week, name="report_stats"),
    path(
        "report-stats/<int:site_pk>/<str:week>/week.xlsx",
        stats_week_xlsx,
        name="report_stats_xlsx",
    ),
    path(
        "report-stats/<int:site_pk>/quarter/<str:quarter>/",
        stats_quarter,
        name="report_stats_quarter",
    ),
]
