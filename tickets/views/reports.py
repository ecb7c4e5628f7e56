"""The monthly service report of a site (SPEC §11): the page with its chart, the XLSX at once and
the PDF made in the background (onsite/exports/). Read by HR and managers of a company serving
the site, the site's supervisors and its client contacts; for anyone else the site is not there
(404)."""

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
from django.views.decorators.http import require_POST

from onsite.access import access_for
from onsite.converters import parse_month, query
from onsite.exports.services import export_request
from onsite.org.models import Site
from onsite.periods import Month
from tickets.exports.files import XLSX_TYPE, percent_text, report_title, report_xlsx
from tickets.exports.jobs import REPORT_PDF, report_pdf_params
from tickets.models import Priority
from tickets.selectors.report import month_report


def readable_sites(user):
    """The sites whose report `user` reads (tickets.exports.jobs.may_read_report as a query)."""
    access = access_for(user)
    sites = Site.objects.select_related("client").order_by("code")
    if access.is_superuser:
        return sites
    q = Q(pk__in=access.supervised_sites | access.client_sites)
    companies = access.hr_companies | access.manager_companies
    if companies:
        q |= Q(pk__in=Site.objects.filter(contracts__company_id__in=companies).values("pk"))
    return sites.filter(q)


def _site(request, site_pk: int) -> Site:
    return get_object_or_404(readable_sites(request.user), pk=site_pk)


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


@login_required
def report_choose(request):
    """Pick a site and a month; with both given, the report itself."""
    sites = list(readable_sites(request.user))
    if not sites:
        raise Http404
    month = query(request, "month", parse_month, default=this_month())
    site_pk = request.GET.get("site")
    if site_pk:
        chosen = next((s for s in sites if str(s.pk) == site_pk), None)
        if chosen is None:
            raise Http404
        return redirect("tickets:report", chosen.pk, month)
    return render(request, "tickets/report_choose.html", {"sites": sites, "month": month})


@login_required
def report(request, site_pk: int, month: datetime.date):
    site = _site(request, site_pk)
    result = month_report(site=site, month=month)
    held = Month.containing(month)
    return render(
        request,
        "tickets/report.html",
        {
            "site": site,
            "report": result,
            "title": report_title(result),
            "month": held.first,
            "previous": held.previous.first,
            "following": held.next.first,
            "priorities": [label for _key, label in Priority.choices],
            "table": result.table(),
            "response_percent": percent_text(result.response),
            "resolution_percent": percent_text(result.resolution),
            "chart": result.chart(),
        },
    )


@login_required
def report_export(request, site_pk: int, month: datetime.date):
    site = _site(request, site_pk)
    result = month_report(site=site, month=month)
    filename = f"{_('Service report')}-{site.code}-{month:%Y-%m}.xlsx"
    response = HttpResponse(report_xlsx(result), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def report_pdf(request, site_pk: int, month: datetime.date):
    """Ask for the PDF and follow it on its progress page; asking again while it is being made
    leads to the same job."""
    site = _site(request, site_pk)
    job, _new = export_request(
        user=request.user, kind=REPORT_PDF, params=report_pdf_params(site=site, month=month)
    )
    return redirect("exports:detail", job.pk)


urlpatterns = [
    path("reports/", report_choose, name="report_choose"),
    path("reports/<int:site_pk>/<month:month>/", report, name="report"),
    path("reports/<int:site_pk>/<month:month>/report.xlsx", report_export, name="report_xlsx"),
    path("reports/<int:site_pk>/<month:month>/pdf/", report_pdf, name="report_pdf"),
]
