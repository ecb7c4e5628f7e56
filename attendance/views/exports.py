"""The monthly sheet of a site as a file (SPEC §6): XLSX at once, PDF made in the background
(onsite/exports/), since a large site's PDF takes too long to render inside a request."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendance.exports.files import sheet_xlsx
from attendance.exports.jobs import SHEET_PDF, sheet_pdf_params, shows_amounts
from attendance.selectors.sheet import month_sheet
from attendance.views.sheet import SHEET_ROLES
from onsite.decorators import role_required
from onsite.exports.services import export_request
from onsite.org.models import Site, Staff

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("xlsx",)


def _site(request, site_pk: int) -> Site:
    return get_object_or_404(
        Site.objects.visible_to(request.user).select_related("client"), pk=site_pk
    )


@role_required(*SHEET_ROLES)
def sheet_export(request, site_pk: int, month: datetime.date, fmt: str):
    site = _site(request, site_pk)
    first = month
    if fmt not in FORMATS:
        raise Http404
    # The rows the sheet page shows this user: supervisors their sites' people, HR their company's.
    sheet = month_sheet(site=site, month=first, staff=Staff.objects.visible_to(request.user))
    with_amounts = shows_amounts(request.user, site)
    filename = f"{_('Attendance sheet')}-{site.code}-{first:%Y-%m}.{fmt}"
    response = HttpResponse(sheet_xlsx(sheet, with_amounts=with_amounts), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Names, absences and (for HR) pay deductions: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@role_required(*SHEET_ROLES)
def sheet_pdf_request(request, site_pk: int, month: datetime.date):
    """Ask for the sheet as a PDF and follow it on its progress page; asking again while it is
    being made leads to the same job."""
    site = _site(request, site_pk)
    job, _new = export_request(
        user=request.user, kind=SHEET_PDF, params=sheet_pdf_params(site=site, month=month)
    )
    return redirect("exports:detail", job.pk)


urlpatterns = [
    path(
        "sheets/<int:site_pk>/<month:month>/export.<str:fmt>",
        sheet_export,
        name="sheet_export",
    ),
    path("sheets/<int:site_pk>/<month:month>/pdf/", sheet_pdf_request, name="sheet_pdf"),
]
