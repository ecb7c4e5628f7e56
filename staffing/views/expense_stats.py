"""费用统计 (SPEC §10): a company's month per site and category, the sites whose month is more than
the policy's factor times the mean of their previous months marked 费用异常, a chart of the twelve
months up to it per category, and the table as XLSX. Read by finance, HR and managers of the
company (superusers: every company); anyone else signed in is refused (403), a company outside
the reader's is not there (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from onsite.converters import parse_id, parse_month
from onsite.periods import Month
from staffing.selectors.expense_stats import (
    CATEGORIES,
    month_table,
    report_xlsx,
    stats_companies,
    trend,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _choice(request):
    """The company and month asked for (the reader's first company and last month by default);
    404 for a company the reader does not read, a message for a month that is not one."""
    companies = list(stats_companies(request.user))
    if not companies:
        raise PermissionDenied
    company = companies[0]
    if request.GET.get("company"):
        try:
            wanted = parse_id(request.GET["company"])
        except ValueError:
            raise Http404 from None
        company = next((c for c in companies if c.pk == wanted), None)
        if company is None:
            raise Http404
    month = Month.containing(timezone.localdate()).previous
    text = request.GET.get("month", "")
    if text:
        try:
            month = Month.containing(parse_month(text))
        except ValueError:
            messages.error(
                request,
                _("“%(month)s” is not a month; write it like 2026-10. Showing %(shown)s.")
                % {"month": text[:20], "shown": month.label},
            )
    return companies, company, month


@login_required
def expense_stats(request):
    companies, company, month = _choice(request)
    table = month_table(company=company, month=month)
    site = None
    if request.GET.get("site"):
        site = next((r.site for r in table.rows if str(r.site.pk) == request.GET["site"]), None)
    return render(
        request,
        "staffing/expenses/stats.html",
        {
            "companies": companies,
            "company": company,
            "month": month,
            "previous": month.previous.label,
            "following": month.next.label,
            "table": table,
            "categories": CATEGORIES,
            "chart_site": site,
            "chart": trend(company=company, month=month, site=site),
        },
    )


@login_required
def expense_stats_xlsx(request):
    _companies, company, month = _choice(request)
    table = month_table(company=company, month=month)
    filename = f"{_('Expense statistics')}-{month.label}.xlsx"
    response = HttpResponse(report_xlsx(table, labels=True), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("expenses/stats/", expense_stats, name="expense_stats"),
    path("expenses/stats/month.xlsx", expense_stats_xlsx, name="expense_stats_xlsx"),
]
