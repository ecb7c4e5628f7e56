"""The monthly sheet of a site as a file to download: XLSX or PDF (SPEC §6)."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from attendance.exports import sheet_pdf, sheet_xlsx
from attendance.sheet import month_sheet
from attendance.views.sheet import SHEET_ROLES
from onsite.access import access_for
from onsite.decorators import role_required
from onsite.pdf import pdf_response
from staffing.models import Contract, Site, Staff

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("xlsx", "pdf")


def shows_amounts(user, site: Site) -> bool:
    """Deduction amounts follow salaries: HR admins of a company with a contract at the site."""
    access = access_for(user)
    if access.is_superuser:
        return True
    return (
        bool(access.hr_companies)
        and Contract.objects.filter(sites=site, company_id__in=access.hr_companies).exists()
    )


@role_required(*SHEET_ROLES)
def sheet_export(request, site_pk: int, month: datetime.date, fmt: str):
    site = get_object_or_404(
        Site.objects.visible_to(request.user).select_related("client"), pk=site_pk
    )
    first = month
    if fmt not in FORMATS:
        raise Http404
    # The rows the sheet page shows this user: supervisors their sites' people, HR their company's.
    sheet = month_sheet(site=site, month=first, staff=Staff.objects.visible_to(request.user))
    with_amounts = shows_amounts(request.user, site)
    filename = f"{_('Attendance sheet')}-{site.code}-{first:%Y-%m}.{fmt}"
    if fmt == "pdf":
        return pdf_response(sheet_pdf(sheet, with_amounts=with_amounts, request=request), filename)
    response = HttpResponse(sheet_xlsx(sheet, with_amounts=with_amounts), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Names, absences and (for HR) pay deductions: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path(
        "sheets/<int:site_pk>/<month:month>/export.<str:fmt>",
        sheet_export,
        name="sheet_export",
    ),
]
