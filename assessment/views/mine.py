"""A person's assessment results (SPEC §12): their own list (我的考核) and a result's page, read on
a phone, with the acknowledgement (签字确认) or the appeal within [5] days; on the same page the
manager decides an appeal (after re-scoring on the scoring form) and records the outcome.

Each view loads the result through `results_visible_to` (outside: 404); the rules say who may act
(403 otherwise); the services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessment import permissions as rules
from assessment.forms.results import UPHOLD, AppealDecisionForm, AppealForm, OutcomeForm
from assessment.models import CycleStatus, Result, ResultStatus, Score, Scorer
from assessment.selectors.scope import results_visible_to
from assessment.services import results as services
from assessment.services.pdf import sheet_pdf
from assessment.services.scores import satisfaction_for
from onsite.audit import history_entries
from onsite.facts import facts_of
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, own_staff, refused
from onsite.workflows import workflow_for


def _result(request, pk: int) -> Result:
    return get_object_or_404(
        results_visible_to(request.user).select_related(
            "cycle__company", "staff__user", "site", "appeal_decided_by__staff_record"
        ),
        pk=pk,
    )


@login_required
@require_GET
def mine(request):
    staff = own_staff(request)
    results = (
        Result.objects.filter(staff=staff)
        .select_related("cycle", "site")
        .order_by("-cycle__first_day", "-pk")
    )
    return render(request, "assessment/mine/list.html", {"staff": staff, "results": results})


def _criteria_rows(result: Result) -> list[dict]:
    """Each criterion of the cycle with the person's score, its scorer and comment."""
    scores = {
        s.criterion_id: s
        for s in Score.objects.filter(cycle=result.cycle, staff=result.staff).select_related(
            "scored_by__staff_record"
        )
    }
    return [
        {"criterion": criterion, "score": scores.get(criterion.pk)}
        for criterion in result.cycle.criteria.all()
    ]


@login_required
@require_GET
def result_detail(request, pk: int):
    result = _result(request, pk)
    user = request.user
    cycle = result.cycle
    deadline = services.appeal_deadline(result)
    owner = rules.owns_result(user, result)
    closed = cycle.status == CycleStatus.CLOSED
    may_appeal = (
        owner and closed and result.status == ResultStatus.PENDING and timezone.now() <= deadline
    )
    may_acknowledge = (
        owner and closed and result.status in (ResultStatus.PENDING, ResultStatus.REVIEWED)
    )
    criteria = _criteria_rows(result)
    satisfaction, rated = (None, [])
    if any(row["criterion"].scorer == Scorer.COMPUTED for row in criteria):
        satisfaction, rated = satisfaction_for(cycle=cycle, staff=result.staff)
    return render(
        request,
        "assessment/mine/result.html",
        {
            "result": result,
            "cycle": cycle,
            "criteria": criteria,
            "rated": rated if satisfaction is not None else [],
            "facts": facts_of(staff=result.staff, first=cycle.first_day, last=cycle.last_day),
            "deadline": deadline,
            "owner": owner,
            "may_appeal": may_appeal,
            "may_acknowledge": may_acknowledge,
            "appeal_form": AppealForm(),
            "decisions": workflow_for("appeal").actions_for(user, result),
            "decision_form": AppealDecisionForm(),
            "may_rescore": result.status == ResultStatus.APPEALED
            and rules.may_decide_appeal(user, result),
            "outcome_form": OutcomeForm.of(result)
            if closed and rules.may_record_outcome(user, result)
            else None,
            "history": history_entries(result),
        },
    )


def _back(result: Result):
    return redirect("assessment:result", result.pk)


def _act(request, result: Result, *, may, form_class=None, act, done: str):
    """A POST on a result: the rule (403), the form (its errors as messages), one service call
    (its refusal as a message), then back to the result's page."""
    if not may(request.user, result):
        raise PermissionDenied
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            form_errors(request, form)
            return _back(result)
        data = form.cleaned_data
    try:
        act(data)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, done)
    return _back(result)


@login_required
@require_POST
def result_acknowledge(request, pk: int):
    result = _result(request, pk)
    return _act(
        request,
        result,
        may=rules.owns_result,
        act=lambda data: services.result_acknowledge(result=result, by=request.user),
        done=_("You have acknowledged your result."),
    )


@login_required
@require_POST
def result_appeal(request, pk: int):
    result = _result(request, pk)
    return _act(
        request,
        result,
        may=rules.owns_result,
        form_class=AppealForm,
        act=lambda data: services.result_appeal(
            result=result, by=request.user, reason=data["reason"]
        ),
        done=_("Your appeal is sent to your manager."),
    )


@login_required
@require_POST
def appeal_decide(request, pk: int):
    result = _result(request, pk)
    flow = workflow_for("appeal")
    # Two managers at once: the second reads what happened, not a 403.
    stale = flow.stale(request.user, result, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return _back(result)
    upheld = request.POST.get("decision") == UPHOLD
    return _act(
        request,
        result,
        may=lambda user, record: True,  # the workflow's rule, asked by stale() above
        form_class=AppealDecisionForm,
        act=lambda data: flow.perform(
            data["decision"], record=result, by=request.user, note=data["note"]
        ),
        done=_("The appeal is upheld.") if upheld else _("The appeal is rejected."),
    )


@login_required
@require_POST
def outcome_record(request, pk: int):
    result = _result(request, pk)
    return _act(
        request,
        result,
        may=rules.may_record_outcome,
        form_class=OutcomeForm,
        act=lambda data: services.outcome_set(
            result=result, by=request.user, outcome=data["outcome"], note=data["note"]
        ),
        done=_("The outcome is recorded."),
    )


@login_required
@require_GET
def result_pdf(request, pk: int):
    """The person's assessment sheet (考核表) as one A4 page, for whoever reads the result."""
    result = _result(request, pk)
    try:
        pdf = sheet_pdf(result=result)
    except Refused as refusal:
        refused(request, refusal)
        return _back(result)
    title = _("Assessment sheet")
    filename = f"{title}-{result.cycle.label}-{result.staff.staff_no}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("mine/", mine, name="mine"),
    path("result/<int:pk>/", result_detail, name="result"),
    path("result/<int:pk>/acknowledge/", result_acknowledge, name="result_acknowledge"),
    path("result/<int:pk>/appeal/", result_appeal, name="result_appeal"),
    path("result/<int:pk>/decide/", appeal_decide, name="appeal_decide"),
    path("result/<int:pk>/outcome/", outcome_record, name="outcome_record"),
    path("result/<int:pk>/sheet.pdf", result_pdf, name="result_pdf"),
]
