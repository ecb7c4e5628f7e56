"""The results of a cycle (SPEC §12): the company's ranking and each site's, with the grade
distribution as a chart, the people flagged for position adjustment (调岗) apart, the table as
XLSX and, on a site's page, its assessment sheets as one PDF made in the background.

Who reads them: HR and the managers of the company everyone; a department's manager only their
department's people; a site's supervisors everyone ranked at their site (not the company page).
For anyone else the cycle, or the site in it, is not there (404). A cycle not closed shows its
provisional ranking, computed as it stands and never saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from assessment.exports.jobs import (
    SHEETS_PDF,
    may_read_site_results,
    reads_whole_company,
    sheets_pdf_params,
    sites_of,
)
from assessment.models import Cycle
from assessment.selectors.ranking import Ranking, ranking
from assessment.selectors.scope import cycles_visible_to
from onsite.access import access_for
from onsite.exports.services import export_request
from onsite.org.models import Department, Site
from onsite.spreadsheets import xlsx_append, xlsx_bytes
from onsite.viewhelpers import page_of

# Rows of the ranking table a page: a long read, still quick to draw on a phone.
RANKING_PAGE = 100
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How each grade reads at a glance (Bootstrap badges with enough contrast for axe).
BADGES = {
    "excellent": "text-bg-success",
    "good": "text-bg-primary",
    "pass": "text-bg-light border",
    "fail": "text-bg-danger",
}


def _departments(user, cycle: Cycle) -> frozenset[int]:
    """The departments of the cycle's company that `user` manages."""
    managed = access_for(user).manager_departments
    if not managed:
        return frozenset()
    return frozenset(
        Department.objects.filter(pk__in=managed, company_id=cycle.company_id).values_list(
            "pk", flat=True
        )
    )


def _company_scope(request, cycle_pk: int) -> tuple[Cycle, frozenset[int] | None]:
    """The cycle and whose results the reader sees in it (None: everyone's)."""
    cycle = get_object_or_404(cycles_visible_to(request.user), pk=cycle_pk)
    if reads_whole_company(request.user, cycle):
        return cycle, None
    departments = _departments(request.user, cycle)
    if not departments:
        raise Http404
    return cycle, departments


def _site_scope(request, cycle_pk: int, site_pk: int) -> tuple[Cycle, Site, frozenset[int] | None]:
    cycle = get_object_or_404(cycles_visible_to(request.user), pk=cycle_pk)
    site = get_object_or_404(sites_of(cycle), pk=site_pk)
    if may_read_site_results(request.user, cycle, site):
        return cycle, site, None
    departments = _departments(request.user, cycle)
    if not departments:
        raise Http404
    return cycle, site, departments


def _title(cycle: Cycle, site: Site | None) -> str:
    if site is None:
        return _("%(company)s · assessment results of %(cycle)s") % {
            "company": cycle.company.name,
            "cycle": cycle.label,
        }
    return _("%(site)s · assessment results of %(cycle)s") % {
        "site": site.name,
        "cycle": cycle.label,
    }


def _context(request, held: Ranking, title: str) -> dict:
    """The page's context: the counts, chart and flagged of everyone read, the table a page at a
    time (a company's ranking runs to thousands of rows; the XLSX holds them all)."""
    page = page_of(request, held.rows, per_page=RANKING_PAGE)
    site_urls = {
        site_id: reverse("assessment:results_site", args=[held.cycle.pk, site_id])
        for site_id in {row.site_id for row in page.object_list if row.site_id}
    }
    return {
        "cycle": held.cycle,
        "site": held.site,
        "ranking": held,
        "title": title,
        "page": page,
        "rows": [
            {"row": row, "badge": BADGES.get(row.grade, ""), "site_url": site_urls.get(row.site_id)}
            for row in page.object_list
        ],
        "counts": [
            {"key": item["key"], "label": item["name"], "count": item["count"]}
            for item in held.chart()["grades"]
        ],
        "chart": held.chart(),
    }


@login_required
def results_company(request, cycle_pk: int):
    cycle, departments = _company_scope(request, cycle_pk)
    held = ranking(cycle=cycle, departments=departments)
    context = _context(request, held, _title(cycle, None))
    context["sites"] = list(sites_of(cycle).order_by("code"))
    return render(request, "assessment/results/company.html", context)


@login_required
def results_site(request, cycle_pk: int, site_pk: int):
    cycle, site, departments = _site_scope(request, cycle_pk, site_pk)
    held = ranking(cycle=cycle, site=site, departments=departments)
    context = _context(request, held, _title(cycle, site))
    context["whole_site"] = departments is None
    context["reads_company"] = departments is not None or reads_whole_company(request.user, cycle)
    return render(request, "assessment/results/site.html", context)


def ranking_xlsx(held: Ranking, title: str) -> bytes:
    """The table of the page under its title: text stored as text, never a formula (the one
    spreadsheet helper neutralises what a spreadsheet would run)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = held.cycle.label
    xlsx_append(ws, [title])
    ws["A1"].font = Font(bold=True, size=14)
    if held.provisional:
        xlsx_append(ws, [_("Provisional: the cycle is not closed; nothing here is final.")])
    xlsx_append(ws, [])
    xlsx_append(
        ws,
        [
            _("Company rank"),
            _("Site rank"),
            _("Staff number"),
            _("Full name"),
            _("Site"),
            *(f"{c.label} {c.weight}%" for c in held.columns),
            pgettext("assessment", "Total"),
            _("Grade"),
            _("Position adjustment"),
            _("Status"),
        ],
    )
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in held.rows:
        xlsx_append(
            ws,
            [
                row.company_rank,
                row.site_rank,
                row.staff_no,
                row.name,
                row.site_name,
                *row.scores,
                row.total,
                row.grade_label,
                _("Yes") if row.adjustment else _("No"),
                row.status_label,
            ],
        )
    ws.column_dimensions["C"].width = 14
    ws.column_dimensions["D"].width = 16
    ws.column_dimensions["E"].width = 16
    return xlsx_bytes(workbook)


def _xlsx_response(held: Ranking, title: str, name: str) -> HttpResponse:
    response = HttpResponse(ranking_xlsx(held, title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def results_xlsx(request, cycle_pk: int, site_pk: int | None = None):
    if site_pk is None:
        cycle, departments = _company_scope(request, cycle_pk)
        site = None
        code = cycle.company.name
    else:
        cycle, site, departments = _site_scope(request, cycle_pk, site_pk)
        code = site.code
    held = ranking(cycle=cycle, site=site, departments=departments)
    title = _("Assessment results")
    name = f"{title}-{code}-{cycle.label}.xlsx"
    return _xlsx_response(held, _title(cycle, site), name)


@require_POST
@login_required
def results_pdf(request, cycle_pk: int, site_pk: int):
    """Ask for the site's sheets as one PDF and follow the job; asked again before any score,
    result or the cycle changes, the file already made is offered again."""
    cycle, site, _departments_read = _site_scope(request, cycle_pk, site_pk)
    if not may_read_site_results(request.user, cycle, site):
        raise PermissionDenied
    if not cycle.is_closed:
        messages.error(request, _("Assessment sheets are printed once the cycle is closed."))
        return redirect("assessment:results_site", cycle.pk, site.pk)
    job, _new = export_request(
        user=request.user,
        kind=SHEETS_PDF,
        params=sheets_pdf_params(cycle=cycle, site=site),
        reuse_done=True,
    )
    return redirect("exports:detail", job.pk)


urlpatterns = [
    path("cycles/<int:cycle_pk>/results/", results_company, name="results_company"),
    path("cycles/<int:cycle_pk>/results/results.xlsx", results_xlsx, name="results_xlsx"),
    path(
        "cycles/<int:cycle_pk>/results/sites/<int:site_pk>/",
        results_site,
        name="results_site",
    ),
    path(
        "cycles/<int:cycle_pk>/results/sites/<int:site_pk>/results.xlsx",
        results_xlsx,
        name="results_xlsx",
    ),
    path(
        "cycles/<int:cycle_pk>/results/sites/<int:site_pk>/sheets.pdf",
        results_pdf,
        name="results_pdf",
    ),
]
