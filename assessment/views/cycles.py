"""HR's pages of assessment cycles and criteria (SPEC §12): 考核周期 (a company's cycles, newest
first, with their status and how many of the expected scores are in, and a form to open one),
the cycle's page (its period, deadline, criteria and progress per criterion, with the buttons
that start scoring, close and reopen it) and the company's criteria.

Who sees what (decided here):
- the cycle pages are read by HR and managers of the company (a department's manager too) and
  acted on by its HR only: a manager's POST answers 403;
- a supervisor reaches a cycle through their scoring page and a person through their result,
  so for them, for finance, client contacts and anyone else these pages are not there (404);
- the criteria page is HR's alone: anyone else, HR of another company included, gets 404.

Each view starts from a queryset scoped to the reader; a POST then checks the rule (403), makes
one service call and redirects; a refusal is shown as a message and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessment import permissions as rules
from assessment.forms.cycles import CycleMoveForm, CycleOpenForm, criteria_formset, rows_of
from assessment.models import Cycle, CycleCriterion, CycleStatus, Score
from assessment.selectors.scope import cycles_visible_to, reader_companies
from assessment.services import criteria as criteria_services
from assessment.services import cycles as services
from onsite.access import access_for
from onsite.audit import history_entries
from onsite.org.models import Assignment, Company
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused

# How each status reads at a glance (Bootstrap badges with enough contrast for axe).
BADGES = {
    CycleStatus.OPEN: "text-bg-info",
    CycleStatus.SCORING: "text-bg-warning",
    CycleStatus.CLOSED: "text-bg-secondary",
}


# Scopes ------------------------------------------------------------------------------------------


def read_companies(user) -> QuerySet[Company]:
    """The companies whose cycles `user` reads on these pages: HR and managers'."""
    companies = Company.objects.order_by("name")
    if access_for(user).is_superuser:
        return companies
    return companies.filter(pk__in=reader_companies(user))


def hr_companies(user) -> QuerySet[Company]:
    """The companies whose cycles and criteria `user` runs."""
    access = access_for(user)
    companies = Company.objects.order_by("name")
    if access.is_superuser:
        return companies
    return companies.filter(pk__in=access.hr_companies)


def readable_cycles(user) -> QuerySet[Cycle]:
    """The cycles of these pages: those the reader sees as HR or a manager (else 404)."""
    cycles = cycles_visible_to(user)
    if access_for(user).is_superuser:
        return cycles
    return cycles.filter(company_id__in=reader_companies(user))


def _cycle(request, pk: int) -> Cycle:
    return get_object_or_404(readable_cycles(request.user), pk=pk)


class RowCount(Subquery):
    """The number of rows of a queryset correlated to the outer row (0 when none)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def with_progress(cycles: QuerySet[Cycle]) -> QuerySet[Cycle]:
    """Each cycle with the number of its criteria, of its people (services.cycles.people_of, as
    one subquery) and of the scores entered, whatever the number of cycles."""
    placed = Assignment.objects.filter(staff__company_id=OuterRef("company_id")).overlapping(
        OuterRef("first_day"), OuterRef("last_day")
    )
    return cycles.annotate(
        criteria_count=RowCount(CycleCriterion.objects.filter(cycle=OuterRef("pk")).values("pk")),
        people_count=RowCount(placed.order_by().values("staff_id").distinct()),
        scores_count=RowCount(Score.objects.filter(cycle=OuterRef("pk")).values("pk")),
    )


def percent(done: int, expected: int) -> int:
    return min(100, round(100 * done / expected)) if expected else 0


# 考核周期 -------------------------------------------------------------------------------------------


@login_required
@require_GET
def cycle_list(request):
    companies = list(read_companies(request.user))
    if not companies:
        raise Http404
    page = page_of(
        request,
        with_progress(readable_cycles(request.user)).order_by("-first_day", "-pk"),
    )
    for cycle in page:
        cycle.expected = cycle.people_count * cycle.criteria_count
        cycle.percent = percent(cycle.scores_count, cycle.expected)
        cycle.badge = BADGES.get(cycle.status, "text-bg-light border")
    form = CycleOpenForm(companies=hr_companies(request.user), today=timezone.localdate())
    return render(
        request,
        "assessment/cycles/list.html",
        {
            "page": page,
            "form": form if form.companies else None,
            "runs": form.companies,
            "companies": companies,
        },
    )


@login_required
@require_POST
def cycle_open(request):
    if not read_companies(request.user).exists():
        raise Http404
    runs = hr_companies(request.user)
    if not runs.exists():
        raise PermissionDenied
    form = CycleOpenForm(request.POST, companies=runs, today=timezone.localdate())
    if not form.is_valid():
        form_errors(request, form)
        return redirect("assessment:cycles")
    data = form.cleaned_data
    try:
        cycle = services.cycle_open(
            company=data["company"],
            label=data["label"],
            scoring_deadline=data["scoring_deadline"],
            by=request.user,
        )
    except Refused as refusal:
        refused(request, refusal)
        return redirect("assessment:cycles")
    messages.success(
        request,
        _("The cycle %(label)s of %(company)s is open.")
        % {"label": cycle.label, "company": cycle.company.name},
    )
    return redirect("assessment:cycle", cycle.pk)


# The cycle's page --------------------------------------------------------------------------------


def criteria_progress(cycle: Cycle) -> tuple[list[CycleCriterion], int]:
    """The cycle's criteria, each with how many of its people are scored on it, and how many
    people it has."""
    people = services.people_of(cycle)
    scored = dict(
        Score.objects.filter(cycle=cycle, staff__in=people.values("pk"))
        .order_by()
        .values("criterion_id")
        .annotate(n=Count("staff_id", distinct=True))
        .values_list("criterion_id", "n")
    )
    total = people.count()
    criteria = list(cycle.criteria.all())
    for criterion in criteria:
        criterion.scored = scored.get(criterion.pk, 0)
        criterion.percent = percent(criterion.scored, total)
    return criteria, total


@login_required
@require_GET
def cycle_detail(request, pk: int):
    cycle = _cycle(request, pk)
    criteria, people = criteria_progress(cycle)
    return render(
        request,
        "assessment/cycles/detail.html",
        {
            "cycle": cycle,
            "badge": BADGES.get(cycle.status, "text-bg-light border"),
            "criteria": criteria,
            "people": people,
            "runs": rules.may_run_cycles(request.user, cycle.company),
            "history": history_entries(cycle),
        },
    )


MOVED = {
    "start": lambda: _("Scoring of %(label)s has started."),
    "close": lambda: _("%(label)s is closed: the results are computed and the scores locked."),
    "reopen": lambda: _("%(label)s is reopened for scoring."),
}


@login_required
@require_POST
def cycle_move(request, pk: int):
    cycle = _cycle(request, pk)
    if not rules.may_run_cycles(request.user, cycle.company):
        raise PermissionDenied
    form = CycleMoveForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("assessment:cycle", cycle.pk)
    action = form.cleaned_data["action"]
    try:
        if action == "start":
            services.cycle_start_scoring(cycle=cycle, by=request.user)
        elif action == "close":
            services.cycle_close(cycle=cycle, by=request.user)
        else:
            services.cycle_reopen(cycle=cycle, by=request.user, reason=form.cleaned_data["reason"])
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, MOVED[action]() % {"label": cycle.label})
    return redirect("assessment:cycle", cycle.pk)


# The company's criteria --------------------------------------------------------------------------


def weights_total(formset) -> int:
    """The total of the weights shown, the removed rows left out (the script keeps it live)."""
    total = 0
    for form in formset.forms:
        weight = str(form["weight"].value() or "")
        if not form["DELETE"].value() and weight.isascii() and weight.isdigit():
            total += int(weight[:4])
    return total


@login_required
def criteria(request, company_pk: int):
    company = get_object_or_404(hr_companies(request.user), pk=company_pk)
    current = services.criteria_of(company)
    formset = criteria_formset(current, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if formset.is_valid():
            try:
                criteria_services.criteria_set(
                    company=company, rows=rows_of(formset), by=request.user
                )
            except Refused as refusal:
                refused(request, refusal)
            else:
                messages.success(
                    request,
                    _("The criteria of %(company)s are saved; cycles opened from now on use them.")
                    % {"company": company.name},
                )
                return redirect("assessment:criteria", company.pk)
        else:
            messages.error(request, _("The criteria are not saved: correct the rows marked."))
    return render(
        request,
        "assessment/cycles/criteria.html",
        {
            "company": company,
            "formset": formset,
            "is_default": all(c.pk is None for c in current),
            "total": weights_total(formset),
        },
    )


urlpatterns = [
    path("cycles/", cycle_list, name="cycles"),
    path("cycles/open/", cycle_open, name="cycle_open"),
    path("cycles/<int:pk>/", cycle_detail, name="cycle"),
    path("cycles/<int:pk>/move/", cycle_move, name="cycle_move"),
    path("criteria/<int:company_pk>/", criteria, name="criteria"),
]
