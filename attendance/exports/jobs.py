"""The exports attendance makes in the background (onsite/exports/): the monthly sheet of a site
as a PDF, which for a large site takes too long to render inside a request. Registered in
AttendanceConfig.ready()."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.exports.files import sheet_pdf
from attendance.selectors.sheet import month_sheet
from onsite.access import access_for
from onsite.exports.registry import ExportFailed, ExportFile, ExportKind, export_kind_register
from onsite.org.models import Contract, Site, Staff
from onsite.roles import Role

SHEET_PDF = "attendance.sheet_pdf"
# Who opens the sheet pages (attendance.views.sheet.SHEET_ROLES); repeated here so that this
# module, which the views import, does not import them.
SHEET_ROLES = (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)


def shows_amounts(user, site: Site) -> bool:
    """Deduction amounts follow salaries: HR admins of a company with a contract at the site."""
    access = access_for(user)
    if access.is_superuser:
        return True
    return (
        bool(access.hr_companies)
        and Contract.objects.filter(sites=site, company_id__in=access.hr_companies).exists()
    )


def sheet_pdf_params(*, site: Site, month: datetime.date) -> dict:
    return {"site": site.pk, "month": f"{month:%Y-%m}"}


def _parsed(params: dict) -> tuple[int, datetime.date] | None:
    try:
        return int(params["site"]), datetime.date.fromisoformat(f"{params['month']}-01")
    except (KeyError, TypeError, ValueError):
        return None


def sheet_pdf_allows(user, params: dict) -> bool:
    """The sheet page's own rule: a sheet role, and the site in the person's scope."""
    parsed = _parsed(params)
    access = access_for(user)
    if parsed is None or not (access.is_superuser or any(access.has(r) for r in SHEET_ROLES)):
        return False
    return Site.objects.visible_to(user).filter(pk=parsed[0]).exists()


def sheet_pdf_title(params: dict) -> str:
    site_pk, month = _parsed(params)
    site = Site.objects.get(pk=site_pk)
    return _("%(site)s · %(month)s attendance sheet (PDF)") % {
        "site": site.name,
        "month": f"{month:%Y-%m}",
    }


def sheet_pdf_build(*, params: dict, user, progress: Callable[[int], None]) -> ExportFile:
    """The rows the sheet page shows `user` (supervisors their sites' people, HR their
    company's), amounts only for HR of the site's company."""
    site_pk, month = _parsed(params)
    site = Site.objects.select_related("client").filter(pk=site_pk).first()
    if site is None:
        raise ExportFailed(_("The site no longer exists."))
    progress(5)
    sheet = month_sheet(site=site, month=month, staff=Staff.objects.visible_to(user))
    progress(40)
    pdf = sheet_pdf(sheet, with_amounts=shows_amounts(user, site), by=user)
    progress(95)
    return ExportFile(
        name=f"{_('Attendance sheet')}-{site.code}-{month:%Y-%m}.pdf",
        content=pdf,
        content_type="application/pdf",
    )


def sheet_pdf_back_url(params: dict) -> str:
    site_pk, month = _parsed(params)
    return reverse("attendance:sheet", args=[site_pk, month])


def register() -> None:
    export_kind_register(
        ExportKind(
            key=SHEET_PDF,
            label=gettext_lazy("Monthly attendance sheet (PDF)"),
            title=sheet_pdf_title,
            allows=sheet_pdf_allows,
            build=sheet_pdf_build,
            back_url=sheet_pdf_back_url,
        )
    )
