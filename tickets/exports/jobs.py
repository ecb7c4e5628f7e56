"""The exports service tickets make in the background (onsite/exports/): a site's monthly service
report as a PDF. Registered in TicketsConfig.ready()."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.access import access_for
from onsite.exports.registry import ExportFailed, ExportFile, ExportKind, export_kind_register
from onsite.org.models import Contract, Site
from tickets.exports.files import report_pdf
from tickets.selectors.report import month_report

REPORT_PDF = "tickets.report_pdf"


def may_read_report(user, site: Site) -> bool:
    """HR and managers of a company serving the site, the site's supervisors and its client
    contacts (SPEC §11: the report is what the client's contract asks for)."""
    access = access_for(user)
    if access.is_superuser or site.pk in access.supervised_sites | access.client_sites:
        return True
    companies = access.hr_companies | access.manager_companies
    return (
        bool(companies) and Contract.objects.filter(sites=site, company_id__in=companies).exists()
    )


def report_pdf_params(*, site: Site, month: datetime.date) -> dict:
    return {"site": site.pk, "month": f"{month:%Y-%m}"}


def _parsed(params: dict) -> tuple[int, datetime.date] | None:
    try:
        return int(params["site"]), datetime.date.fromisoformat(f"{params['month']}-01")
    except (KeyError, TypeError, ValueError):
        return None


def report_pdf_allows(user, params: dict) -> bool:
    parsed = _parsed(params)
    if parsed is None:
        return False
    site = Site.objects.filter(pk=parsed[0]).first()
    return site is not None and may_read_report(user, site)


def report_pdf_title(params: dict) -> str:
    site_pk, month = _parsed(params)
    site = Site.objects.get(pk=site_pk)
    return _("%(site)s · %(month)s service report (PDF)") % {
        "site": site.name,
        "month": f"{month:%Y-%m}",
    }


def report_pdf_build(*, params: dict, user, progress: Callable[[int], None]) -> ExportFile:
    site_pk, month = _parsed(params)
    site = Site.objects.select_related("client").filter(pk=site_pk).first()
    if site is None:
        raise ExportFailed(_("The site no longer exists."))
    progress(5)
    report = month_report(site=site, month=month)
    progress(40)
    pdf = report_pdf(report, by=user)
    progress(95)
    return ExportFile(
        name=f"{_('Service report')}-{site.code}-{month:%Y-%m}.pdf",
        content=pdf,
        content_type="application/pdf",
    )


def report_pdf_back_url(params: dict) -> str:
    site_pk, month = _parsed(params)
    return reverse("tickets:report", args=[site_pk, month])


def register() -> None:
    export_kind_register(
        ExportKind(
            key=REPORT_PDF,
            label=gettext_lazy("Monthly service report (PDF)"),
            title=report_pdf_title,
            allows=report_pdf_allows,
            build=report_pdf_build,
            back_url=report_pdf_back_url,
        )
    )
