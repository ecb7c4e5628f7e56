"""The batch of assessment sheets (考核表, SPEC §12) of a site and cycle as one PDF, made by a Celery
task into a stored file that the job's page offers. The job's parameters carry a version of the
cycle's scores and results, so asking again is served the file already made until a score, a
result or the cycle's status changes (`export_request(reuse_done=True)`)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import Cycle, Result, Score
from assessment.selectors.scope import cycles_visible_to
from assessment.services.pdf import sheets_pdf
from onsite.access import access_for
from onsite.exports.registry import ExportFailed, ExportFile, ExportKind, export_kind_register
from onsite.org.models import Site
from onsite.transitions import Refused

SHEETS_PDF = "assessment.sheets_pdf"


def sites_of(cycle: Cycle):
    """The sites a cycle ranks people at: those the company serves, and any site a result of
    the cycle names (a contract may have ended since)."""
    return Site.objects.filter(
        Q(contracts__company_id=cycle.company_id) | Q(results__cycle=cycle)
    ).distinct()


def reads_whole_company(user, cycle: Cycle) -> bool:
    """HR and the managers of the cycle's company read every result of it."""
    access = access_for(user)
    return access.is_superuser or cycle.company_id in (
        access.hr_companies | access.manager_companies
    )


def may_read_site_results(user, cycle: Cycle, site: Site) -> bool:
    """Everyone's results at the site: HR and managers of the company, the site's supervisors."""
    return reads_whole_company(user, cycle) or site.pk in access_for(user).supervised_sites


def scores_version(cycle: Cycle) -> str:
    """Changes whenever a score or a result of the cycle is written or removed, or the cycle
    closes or reopens: the latest history row of each, and the cycle's state (two queries)."""
    score = Score.history.filter(cycle_id=cycle.pk).aggregate(last=Max("history_id"))["last"]
    result = Result.history.filter(cycle_id=cycle.pk).aggregate(last=Max("history_id"))["last"]
    closed = cycle.closed_at.isoformat() if cycle.closed_at else ""
    return f"{cycle.status}|{closed}|{score or 0}|{result or 0}"


def sheets_pdf_params(*, cycle: Cycle, site: Site) -> dict:
    return {"cycle": cycle.pk, "site": site.pk, "version": scores_version(cycle)}


def _records(user, params: dict) -> tuple[Cycle, Site] | None:
    try:
        cycle_pk, site_pk = int(params["cycle"]), int(params["site"])
    except (KeyError, TypeError, ValueError):
        return None
    cycle = cycles_visible_to(user).filter(pk=cycle_pk).first()
    site = Site.objects.filter(pk=site_pk).first()
    if cycle is None or site is None:
        return None
    return cycle, site


def sheets_pdf_allows(user, params: dict) -> bool:
    found = _records(user, params)
    return found is not None and may_read_site_results(user, *found)


def sheets_pdf_title(params: dict) -> str:
    cycle = Cycle.objects.get(pk=params["cycle"])
    site = Site.objects.get(pk=params["site"])
    return _("%(site)s · assessment sheets of %(cycle)s (PDF)") % {
        "site": site.name,
        "cycle": cycle.label,
    }


def sheets_pdf_build(*, params: dict, user, progress: Callable[[int], None]) -> ExportFile:
    found = _records(user, params)
    if found is None:
        raise ExportFailed(_("The cycle or the site no longer exists."))
    cycle, site = found
    progress(5)
    try:
        pdf = sheets_pdf(cycle=cycle, site=site)
    except Refused as refusal:
        raise ExportFailed(str(refusal)) from None
    progress(95)
    title = _("Assessment sheets")
    return ExportFile(
        name=f"{title}-{site.code}-{cycle.label}.pdf",
        content=pdf,
        content_type="application/pdf",
    )


def sheets_pdf_back_url(params: dict) -> str:
    return reverse("assessment:results_site", args=[params["cycle"], params["site"]])


def register() -> None:
    export_kind_register(
        ExportKind(
            key=SHEETS_PDF,
            label=gettext_lazy("Assessment sheets of a site (PDF)"),
            title=sheets_pdf_title,
            allows=sheets_pdf_allows,
            build=sheets_pdf_build,
            back_url=sheets_pdf_back_url,
        )
    )
