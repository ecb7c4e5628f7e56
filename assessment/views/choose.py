"""考核结果: where a reader finds the results they may read, newest cycle first: the company's
ranking for HR and managers (a department's manager: their people), each site's for the site's
supervisors and for HR and managers of the company. Nobody else has results to choose (404): a
person reads their own under 我的考核."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from assessment.selectors.scope import cycles_visible_to, reader_companies
from onsite.access import access_for
from onsite.org.models import Site

# The cycles offered: two years of quarters, or a year of months and their quarters.
RECENT = 12


@login_required
@require_GET
def results_choose(request):
    access = access_for(request.user)
    companies = reader_companies(request.user)
    if not (access.is_superuser or companies or access.supervised_sites):
        raise Http404
    cycles = list(cycles_visible_to(request.user).order_by("-first_day", "-pk")[:RECENT])
    # Every site of these cycles' companies, in one query: all of them for HR and managers of
    # the company, the supervised ones for a supervisor.
    served: dict[int, list[Site]] = {}
    for site in (
        Site.objects.filter(contracts__company_id__in={c.company_id for c in cycles})
        .annotate(served_by=F("contracts__company_id"))
        .order_by("code")
        .distinct()
    ):
        served.setdefault(site.served_by, []).append(site)
    rows = []
    for cycle in cycles:
        whole = access.is_superuser or cycle.company_id in companies
        sites = [
            site
            for site in served.get(cycle.company_id, [])
            if access.is_superuser
            or cycle.company_id in (access.hr_companies | access.manager_companies)
            or site.pk in access.supervised_sites
        ]
        if whole or sites:
            rows.append({"cycle": cycle, "company": whole, "sites": sites})
    return render(request, "assessment/results/choose.html", {"rows": rows})


urlpatterns = [path("results/", results_choose, name="results_choose")]
