"""The scorer's pages (SPEC §12): 待评分, the people the reader scores in each open or scoring cycle
with what is left, and the scoring form of one person with the facts of the period beside the
scores.

Scope: the cycle is one the reader reads (`cycles_visible_to`), the person one assessed in it whom
the reader scores on some criterion (a supervisor of a site where they were placed in the period,
a manager of them); anyone else, and the reader's own record, is 404. Which boxes are editable is
`may_score` (an appeal reopens a closed cycle's scores for the manager) and what `score_set`
refuses; a POST with nothing to score is 403. Every score of the form is saved at once or none,
then the scorer goes on to the next person left (re-scored on an appeal: back to the result)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from assessment import permissions as rules
from assessment.forms.scoring import ScoresForm, comment_field, criterion_error, score_field
from assessment.models import Cycle, Result, Score, Scorer
from assessment.selectors import scoring as read
from assessment.selectors.scope import cycles_visible_to
from assessment.services.cycles import people_of
from assessment.services.scores import closed_refusal, satisfaction_for, score_set
from onsite.access import access_for, acts_on_self
from onsite.facts import facts_of
from onsite.org.models import Assignment, Staff
from onsite.policy import policy_for
from onsite.transitions import Refused
from onsite.viewhelpers import page_of
from staffing.permissions import manages_staff

# The headings of the facts' sources (onsite/facts.py); a source not named here shows its key.
FACT_GROUPS = {
    "attendance": gettext_lazy("Attendance"),
    "tickets": gettext_lazy("Tickets"),
    "reports": gettext_lazy("Weekly reports"),
    "rewards": gettext_lazy("Rewards and penalties"),
}


# 待评分 --------------------------------------------------------------------------------------------


@login_required
@require_GET
def scoring_list(request):
    if not read.is_scorer(request.user):
        raise PermissionDenied
    left_only = request.GET.get("left") == "1"
    rows = read.scoring_rows(request.user)
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        count = counts.setdefault(row.cycle.pk, {"people": 0, "left": 0})
        count["people"] += 1
        count["left"] += 0 if row.is_done else 1
    shown = [row for row in rows if not row.is_done] if left_only else rows
    page = page_of(request, shown)
    for row in page:
        row.count = counts[row.cycle.pk]
    return render(
        request,
        "assessment/scoring/list.html",
        {
            "page": page,
            "left_only": left_only,
            "any_rows": bool(rows),
            "query": "left=1" if left_only else "",
        },
    )


# The form of one person ---------------------------------------------------------------------------


def _scope(request, cycle_pk: int, staff_pk: int) -> tuple[Cycle, Staff]:
    """The cycle and the person, when the reader scores the person in it (else 404)."""
    user = request.user
    cycle = get_object_or_404(cycles_visible_to(user), pk=cycle_pk)
    staff = get_object_or_404(people_of(cycle).select_related("company", "department"), pk=staff_pk)
    if acts_on_self(user, staff):
        raise Http404
    if not (manages_staff(access_for(user), staff) or rules.supervises_in(user, staff, cycle)):
        raise Http404
    return cycle, staff


def _sites(cycle: Cycle, staff: Staff) -> list[str]:
    names = []
    placements = (
        Assignment.objects.filter(staff=staff)
        .overlapping(cycle.first_day, cycle.last_day)
        .select_related("site")
        .order_by("-start", "pk")
    )
    for placement in placements:
        if placement.site.name not in names:
            names.append(placement.site.name)
    return names


def _fact_groups(cycle: Cycle, staff: Staff) -> list[dict]:
    groups: dict[str, dict] = {}
    for fact in facts_of(staff=staff, first=cycle.first_day, last=cycle.last_day):
        group = groups.setdefault(
            fact.group, {"title": FACT_GROUPS.get(fact.group, fact.group), "facts": []}
        )
        group["facts"].append(fact)
    return list(groups.values())


def _sheet(request, cycle: Cycle, staff: Staff) -> dict:
    """The criteria of the person's form: each with its score, whether the reader types it, and
    for client satisfaction, whether it is computed and from which tickets."""
    user = request.user
    criteria = list(cycle.criteria.all())
    scores = {s.criterion_id: s for s in Score.objects.filter(cycle=cycle, staff=staff)}
    satisfaction = None
    if any(c.scorer == Scorer.COMPUTED for c in criteria):
        computed, rated = satisfaction_for(cycle=cycle, staff=staff)
        satisfaction = {
            "computed": computed,
            "rated": rated,
            "minimum": policy_for(company=cycle.company_id).assessment_satisfaction_min_tickets,
        }
    editable = [
        c
        for c in criteria
        if rules.may_score(user, cycle, staff, c)
        and not (
            c.scorer == Scorer.COMPUTED and satisfaction and satisfaction["computed"] is not None
        )
    ]
    return {
        "criteria": criteria,
        "scores": scores,
        "satisfaction": satisfaction,
        "editable": editable,
    }


def _rows(sheet: dict, form: ScoresForm | None) -> list[dict]:
    rows = []
    editable = {c.pk for c in sheet["editable"]}
    for criterion in sheet["criteria"]:
        mine = form is not None and criterion.pk in editable
        rows.append(
            {
                "criterion": criterion,
                "score": sheet["scores"].get(criterion.pk),
                "computed": criterion.scorer == Scorer.COMPUTED,
                "field": form[score_field(criterion)] if mine else None,
                "comment": form[comment_field(criterion)] if mine else None,
            }
        )
    return rows


def _next(request, cycle: Cycle, staff: Staff):
    if cycle.is_closed:
        # Re-scored on an appeal: back to the result, where the manager decides the appeal.
        result = Result.objects.filter(cycle=cycle, staff=staff).first()
        if result is not None:
            return redirect("assessment:result", result.pk)
        return redirect("assessment:score_person", cycle.pk, staff.pk)
    following = read.next_left(request.user, cycle=cycle, after_staff_id=staff.pk)
    if following is None:
        return redirect("assessment:scoring")
    return redirect("assessment:score_person", cycle.pk, following.staff_id)


@login_required
@require_http_methods(["GET", "POST"])
def score_person(request, cycle_pk: int, staff_pk: int):
    cycle, staff = _scope(request, cycle_pk, staff_pk)
    sheet = _sheet(request, cycle, staff)
    editable = sheet["editable"]
    form = None
    if editable:
        form = ScoresForm(
            request.POST if request.method == "POST" else None,
            criteria=editable,
            scores=sheet["scores"],
        )
    if request.method == "POST":
        if form is None:
            if cycle.is_closed:
                messages.error(request, closed_refusal(cycle))
                return redirect("assessment:score_person", cycle.pk, staff.pk)
            raise PermissionDenied
        if form.is_valid():
            try:
                with transaction.atomic():
                    for criterion, value, comment in form.changes:
                        try:
                            score_set(
                                cycle=cycle,
                                staff=staff,
                                criterion=criterion,
                                score=value,
                                comment=comment,
                                by=request.user,
                            )
                        except Refused as refusal:
                            raise Refused(
                                *(criterion_error(criterion, m) for m in refusal.messages)
                            ) from None
            except Refused as refusal:
                for message in refusal.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("The scores of %(name)s are saved.") % {"name": staff.name}
                )
                return _next(request, cycle, staff)
    return render(
        request,
        "assessment/scoring/person.html",
        {
            "cycle": cycle,
            "staff": staff,
            "sites": _sites(cycle, staff),
            "facts": _fact_groups(cycle, staff),
            "rows": _rows(sheet, form),
            "form": form,
            "satisfaction": sheet["satisfaction"],
            "closed": closed_refusal(cycle) if cycle.is_closed and form is None else None,
            "reopened": cycle.is_closed and form is not None,
        },
    )


urlpatterns = [
    path("scoring/", scoring_list, name="scoring"),
    path("scoring/<int:cycle_pk>/<int:staff_pk>/", score_person, name="score_person"),
]
