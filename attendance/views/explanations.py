"""The absence explanation (《缺勤情况说明》): staff write it when their month requires one; a
supervisor of the site (or HR) accepts it or returns it for rewriting."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendance.forms.explanations import ExplanationForm, ReviewForm
from attendance.models import Explanation, ExplanationStatus
from attendance.permissions import may_review_explanation as may_review
from attendance.selectors.today import months_to_explain
from attendance.services.explanations import (
    explanation_accept,
    explanation_is_required,
    explanation_return,
    explanation_submit,
)
from attendance.workflows import EXPLANATION as EXPLANATION_FLOW
from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Site, Staff
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused

READERS = (Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)
E = ExplanationStatus


@role_required(*READERS)
def explanation_list(request):
    """Submitted ones first (what waits for review), then the others, latest month first."""
    explanations = (
        Explanation.objects.visible_to(request.user)
        .select_related("staff", "site")
        .annotate(
            waiting=Case(
                When(status=E.SUBMITTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-month", "staff__staff_no", "pk")
    )
    page = page_of(request, explanations)
    staff_id = access_for(request.user).staff_id
    return render(
        request,
        "attendance/explanation_list.html",
        {"page": page, "due": months_to_explain(staff_id) if staff_id else []},
    )


@role_required(Role.STAFF)
def explanation_write(request, site_pk: int, month: datetime.date):
    staff_id = access_for(request.user).staff_id
    if staff_id is None:
        raise PermissionDenied
    site = get_object_or_404(Site.objects.visible_to(request.user), pk=site_pk)
    first = month
    staff = get_object_or_404(Staff, pk=staff_id)
    existing = Explanation.objects.filter(staff=staff, site=site, month=first).first()
    if existing is not None and existing.status != E.RETURNED:
        return redirect("attendance:explanation_detail", pk=existing.pk)
    required = existing is not None or explanation_is_required(staff=staff, site=site, month=first)
    form = ExplanationForm(
        request.POST or None, initial={"text": existing.text} if existing else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            explanation = explanation_submit(
                staff=staff, site=site, month=first, text=form.cleaned_data["text"], by=request.user
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your explanation is sent to your supervisor."))
            return redirect("attendance:explanation_detail", pk=explanation.pk)
    return render(
        request,
        "attendance/explanation_form.html",
        {
            "form": form,
            "site": site,
            "month": first,
            "existing": existing,
            "required": required,
        },
    )


def _visible(request, pk: int) -> Explanation:
    return get_object_or_404(
        Explanation.objects.visible_to(request.user).select_related("staff", "site", "reviewed_by"),
        pk=pk,
    )


@login_required
def explanation_detail(request, pk: int):
    explanation = _visible(request, pk)
    return render(
        request,
        "attendance/explanation_detail.html",
        {
            "explanation": explanation,
            "can_review": explanation.status == E.SUBMITTED
            and may_review(request.user, explanation),
            "can_rewrite": explanation.status == E.RETURNED
            and access_for(request.user).staff_id == explanation.staff_id,
            "review_form": ReviewForm(),
            "history": history_entries(explanation),
        },
    )


@login_required
@require_POST
def explanation_review(request, pk: int):
    explanation = _visible(request, pk)
    # Two reviewers at once: the second reads what happened (as for leave), not a 403.
    stale = EXPLANATION_FLOW.stale(request.user, explanation, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return redirect("attendance:explanation_detail", pk=explanation.pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("attendance:explanation_detail", pk=explanation.pk)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == ReviewForm.ACCEPT:
            explanation_accept(explanation=explanation, by=request.user, note=note)
            messages.success(request, _("The explanation is accepted."))
        else:
            explanation_return(explanation=explanation, by=request.user, note=note)
            messages.success(request, _("The explanation is returned for rewriting."))
    except Refused as refusal:
        refused(request, refusal)
    return redirect("attendance:explanation_detail", pk=explanation.pk)


urlpatterns = [
    path("explanations/", explanation_list, name="explanation_list"),
    path(
        "explanations/write/<int:site_pk>/<month:month>/",
        explanation_write,
        name="explanation_write",
    ),
    path("explanations/<int:pk>/", explanation_detail, name="explanation_detail"),
    path("explanations/<int:pk>/review/", explanation_review, name="explanation_review"),
]
